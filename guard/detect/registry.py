"""Every detector kind, listed once: the loader, the engine, lint, hashing and explain ask here.

A rule names its detector by one YAML key (`terms`, `pattern`, ...). Each key belongs to a family,
and each family has one builder that turns the day's rules into something with
`find(text) -> list[Hit]`. Model-free families run per draft; the `nlp` family runs batched
after them (it needs their hits for gating), so the engine builds it apart.

A new detector is a module with a builder and one line in `KINDS` (and, for its YAML value, one
field in `packs/schema.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from guard.models import Hit, Rule, Settings
from guard.record import record


class HitSource(Protocol):
    """A built detector: the hits of its rules in one draft."""

    def find(self, text: str) -> list[Hit]:
        """Hits in `text`, spans as code-point offsets into it."""
        ...


class LateHitSource(HitSource, Protocol):
    """A detector with rules that wait for their `near` partners' hits (pattern rules)."""

    def find_late(self, text: str, hits: Sequence[Hit]) -> list[Hit]:
        """Hits of the waiting rules, given every other rule's hits in `text`."""
        ...


@record
class DetectorKind:
    """What the rest of the guard needs to know about one detector key."""

    key: str
    family: str  # the builder that serves it
    confidence: float = 1.0  # a rule's confidence when it gives none
    term_list: bool = False  # literal terms: hashable, shadowed by `allow`, listed by explain
    nlp: bool = False  # needs spaCy; runs batched after the model-free families
    summary: str = ""


KINDS: dict[str, DetectorKind] = {
    k.key: k
    for k in (
        DetectorKind("terms", "terms", term_list=True, summary="literal words or phrases"),
        DetectorKind("terms_file", "terms", term_list=True, summary="terms from a text file"),
        DetectorKind("hashed", "terms", summary="salted hashes of normalised terms"),
        DetectorKind("pattern", "pattern", summary="a regular expression"),
        DetectorKind("events", "events", confidence=0.85,
                     summary="undisclosed corporate events: cue lists and a learned scorer"),
        DetectorKind("entity", "nlp", confidence=0.6, nlp=True, summary="spaCy entity labels"),
        DetectorKind("phrases", "nlp", confidence=0.8, nlp=True,
                     summary="spaCy Matcher token patterns"),
    )
}
KEYS = tuple(KINDS)


def kind(rule: Rule) -> DetectorKind:
    """The detector kind of a loaded rule."""
    return KINDS[rule.detector]


def is_nlp(rule: Rule) -> bool:
    """True when the rule needs spaCy."""
    return KINDS[rule.detector].nlp


def _terms(rules: Sequence[Rule], settings: Settings, pack_rules: Sequence[Rule]) -> HitSource:
    from guard.detect.terms import TermMatcher

    return TermMatcher.for_rules(rules)


def _patterns(rules: Sequence[Rule], settings: Settings, pack_rules: Sequence[Rule]) -> HitSource:
    from guard.detect.patterns import PatternDetector

    return PatternDetector(rules, settings.pattern_timeout_ms, pack_rules)


def _events(rules: Sequence[Rule], settings: Settings, pack_rules: Sequence[Rule]) -> HitSource:
    # Behind its gate: a draft without any of the rules' gate words loads none of the detector.
    from guard.detect.events.gate import GatedEvents

    return GatedEvents(rules, settings.pattern_timeout_ms)


# Model-free families, in the order they run over a draft. A builder gets its family's rules,
# the settings, and every rule active today (to see which rules name which as `near` partners).
BUILDERS: dict[str, Callable[[Sequence[Rule], Settings, Sequence[Rule]], HitSource]] = {
    "terms": _terms,
    "pattern": _patterns,
    "events": _events,
}


def text_detectors(
    rules: Sequence[Rule], settings: Settings, pack_rules: Sequence[Rule] | None = None
) -> list[HitSource]:
    """The model-free detectors over `rules` (only the families some rule uses); `pack_rules`
    are all the rules active with them (the NLP ones too), `rules` when not given."""
    families = {KINDS[r.detector].family for r in rules}
    everyone = rules if pack_rules is None else pack_rules
    return [
        build([r for r in rules if KINDS[r.detector].family == family], settings, everyone)
        for family, build in BUILDERS.items()
        if family in families
    ]
