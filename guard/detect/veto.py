"""A rule's `veto`: the probability that a draft leaks, by a small learned scorer over its words.

The scorer is the events detector's (`guard/detect/events/model.py`): the same file format, the
same word features (each word, its first and last letters, word bigrams). A model that weighs
cue features (`q:` names, round eleven's special-category scorer) also gets the draft's cues
(`draft_cues`); a model that weighs label-talk features (`l:` names, the marker veto since round
twenty-four) gets the draft's label-talk cues (guard/detect/label_talk.py). It runs only on a
draft where a rule with a veto has a finding left after its `exclude`, so most drafts never read
the model.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from guard.detect.events.cues import cue_tokens, fold
from guard.detect.events.features import features, tokens
from guard.detect.events.model import Scorer, load
from guard.detect.label_talk import READABLE, label_talk_cues
from guard.models import VETO_CLASS, Veto

# A capitalised word inside a sentence (not its first word, not after a quote or a hashtag):
# someone's name, the strongest hint that the detail is another identifiable person's.
_NAME = regex.compile(
    r"(?<=[\p{Ll}\p{N},;:)]\s+|\b(?:my|our|his|her|their|mon|ma|notre|nos|son|sa|de|d['\u2019]|à)\s+)"
    r"(?!(?:I|I['\u2019]m|I['\u2019]ve|I['\u2019]d|I['\u2019]ll|HR|RH|OK|CEO|VP)\b)\p{Lu}\p{Ll}{2,}\b"
)
_MONTHS_DAYS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
))


# A capitalised word with a possessive opening a sentence ("Karen's redundancy"): a name too.
_OPENING_POSSESSIVE = regex.compile(r"(?:^|[.!?\n]\s*)(\p{Lu}\p{Ll}{2,})['\u2019]s\b")
_NOT_NAMES = _MONTHS_DAYS | frozenset((
    "today", "tonight", "tomorrow", "yesterday", "everyone", "everybody", "someone", "somebody",
    "nobody", "that", "there", "here", "what", "where", "who", "let", "mum", "mom", "dad",
))


_WORD = regex.compile(r"\b\p{L}{3,}\b")
_LETTER = regex.compile(r"\p{L}")


def _title_case(text: str) -> bool:
    """A headline in Title Case: most words of three letters or more are capitalised."""
    words = _WORD.findall(text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) * 2 > len(words)


def draft_cues(text: str) -> set[str]:
    """The cue features of a draft: `q:name` when a capitalised word sits inside a sentence or
    opens it with a possessive; `q:title` for a headline in Title Case instead (every word is
    capitalised there, names or not)."""
    if _title_case(text):
        return {"q:title"}
    for m in _NAME.finditer(text):
        if m.group().casefold() not in _MONTHS_DAYS:
            return {"q:name"}
    for m in _OPENING_POSSESSIVE.finditer(text):
        if m.group(1).casefold() not in _NOT_NAMES:
            return {"q:name"}
    return set()


@lru_cache(maxsize=8)
def _weighs_cues(scorer: Scorer) -> bool:
    return any(f.startswith("q:") for f in scorer.index)


@lru_cache(maxsize=8)
def _weighs_label_talk(scorer: Scorer) -> bool:
    return any(f.startswith("l:") for f in scorer.index)


def veto_features(
    text: str, chars: tuple[int, int] | None, cues: bool, label_talk: bool = False
) -> Counter[str]:
    """The features a veto model reads: word features, with `cues` the draft's cues, with
    `label_talk` its label-talk cues."""
    feats = features(tokens(cue_tokens(fold(text))), (), chars)
    if cues:
        feats.update(draft_cues(text))
    if label_talk:
        feats.update(label_talk_cues(text))
    return feats


_NO_EVENT = frozenset({"q:no-event"})  # `features` flags a draft without event words: always


@lru_cache(maxsize=256)
def leak_probability(text: str, model_file: str, digest: str) -> float:
    """p(leak) of the draft under the model (cached: several findings, one scoring). The
    scorer's fast path: word vectors cached by word, the same floats as `veto_features`."""
    scorer = load(model_file, digest)
    toks = tokens(cue_tokens(fold(text)))
    cues = _NO_EVENT | draft_cues(text) if _weighs_cues(scorer) else _NO_EVENT
    if _weighs_label_talk(scorer):
        cues = cues | label_talk_cues(text)
    return scorer.softmax(scorer.fast_logits(toks, cues))[VETO_CLASS]


def because(text: str, veto: Veto) -> tuple[str, ...]:
    """The words and cues that weighed most for a leak (a kept finding's evidence)."""
    scorer = load(veto.model_file, veto.model_digest)
    feats = veto_features(text, scorer.chars, _weighs_cues(scorer), _weighs_label_talk(scorer))
    # Evidence a reader can follow: words of 3+ letters, word pairs and cues (no n-grams, no
    # figures: every figure reads 0 to the scorer).
    readable = [f for f in feats if (f[:2] == "q:" and f != "q:no-event") or f[:2] == "l:"
                or (f[:2] == "b:" and _LETTER.search(f, 2))
                or (f[:2] == "w:" and len(f) > 4 and _LETTER.search(f, 2))]
    strongest = scorer.strongest(readable, VETO_CLASS, 4)
    return tuple("a name" if f == "q:name" else READABLE.get(f, f[2:]) for f in strongest)


def scorer_of(veto: Veto) -> Scorer:
    """The veto's scorer, read and built once (the pack loader only checks the file)."""
    return load(veto.model_file, veto.model_digest)


def vetoed(text: str, veto: Veto) -> bool:
    """True when the scorer reads the draft as harmless: p(leak) below the rule's bar."""
    return leak_probability(text, veto.model_file, veto.model_digest) < veto.below
