"""A rule's `veto`: the probability that a draft leaks, by a small learned scorer over its words.

The scorer is the events detector's (`guard/detect/events/model.py`): the same file format, the
same word features (each word, its first and last letters, word bigrams), no cue lists. It runs
only on a draft where a rule with a veto has a finding left after its `exclude`, so most drafts
never read the model.
"""

from __future__ import annotations

from functools import lru_cache

from guard.detect.events.cues import cue_tokens, fold
from guard.detect.events.features import features, tokens
from guard.detect.events.model import load
from guard.models import VETO_CLASS, Veto


@lru_cache(maxsize=256)
def leak_probability(text: str, model_file: str, digest: str) -> float:
    """p(leak) of the draft under the model (cached: several findings, one scoring)."""
    scorer = load(model_file, digest)
    folded = fold(text)
    feats = features(tokens(cue_tokens(folded)), (), scorer.chars)
    return scorer.probabilities(feats)[VETO_CLASS]


def vetoed(text: str, veto: Veto) -> bool:
    """True when the scorer reads the draft as harmless: p(leak) below the rule's bar."""
    return leak_probability(text, veto.model_file, veto.model_digest) < veto.below
