"""The bundled pack's secrecy grammar and what the events rounds' tests read from it."""

from __future__ import annotations

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import compiled, secrecy, secrecy_groups, withheld_spans
from guard.packs.bundled import bundled_secrecy

G = compiled(bundled_secrecy())  # the secrecy forms of rules/events.yaml


def nonpublic_text(text: str) -> list[str]:
    """The `nonpublic` spans the grammar finds in a draft for the scorer, as written."""
    return [text[s.start:s.end] for s in secrecy(fold(text), G) if s.group == "nonpublic"]


def withheld_text(text: str) -> list[str]:
    """The `withheld` spans (the decision's secrecy cues) of a draft, as written."""
    return [text[s.start:s.end] for s in withheld_spans(fold(text), G)]


def says_secret(text: str) -> bool:
    """The grammar reads a secrecy cue in the draft."""
    return "nonpublic" in secrecy_groups(fold(text).casefold(), G)
