"""`secrecy:` in a rule file: secrecy said in grammar, as patterns built from named lists.

Round eleven: round ten's secrecy grammar ("don't tell", "until the bank announces", « n'en
parler à personne ») was regular expressions in code; it is data now, where the compliance team
reads and extends it. Each form is a pattern in which `{@name}` stands for the items of the
list `name` (`lists:`, with their `@name` references and additions from packs that extend the
file), a `says` (what a match tells the events detector) and `when`, the words a draft must have
for the form to be searched at all (most posts hold none, which keeps the cost). A pack that
extends another adds forms, or replaces one by giving its name again.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import regex

from guard.detect.redos import RUNAWAY_FIX, pattern_risks
from guard.errors import RulePackError
from guard.models import SECRECY_KINDS, SecrecyForm

SAYS = SECRECY_KINDS
_REF = re.compile(r"\{@([^}]*)\}")
_WORD = re.compile(r"\w+")


@dataclass
class _Raw:
    """One form as written, with where its parts were written (for errors)."""

    name: str
    says: str
    pattern: str
    when: list[str]
    file: str
    at: tuple[int, int]  # the pattern's line and column
    when_at: list[tuple[int, int]]
    probe: bool  # not for the bundled packs: lint holds them clean


class GrammarTable:
    """Every `secrecy:` form of the loaded files, by name (a later file replaces one)."""

    def __init__(self) -> None:
        self.forms: dict[str, _Raw] = {}

    def add_file(self, file: str, doc: Any, probe: bool = True) -> None:
        """Record the `secrecy:` forms of one rule file (`probe`: run the catastrophic-backtracking
        probe on them, as on pattern rules)."""
        forms = doc.get("secrecy") or {}
        for name, raw in forms.items():
            when = list(raw.get("when") or [])
            when_at = list(getattr(raw.get("when"), "item_pos", [])) or [raw.pos] * len(when)
            self.forms.pop(name, None)  # an override moves to where it is defined
            self.forms[name] = _Raw(name, raw["says"], raw["pattern"], when, file,
                                    raw.value_pos.get("pattern", raw.pos), when_at, probe)

    def resolve(
        self, lists: dict[str, tuple[str, ...]]
    ) -> tuple[tuple[SecrecyForm, ...], list[RulePackError]]:
        """The forms with their list references expanded and checked; errors for unknown lists,
        gate words that cannot gate and patterns that do not compile."""
        out: list[SecrecyForm] = []
        errors: list[RulePackError] = []
        names = sorted(lists)
        for raw in self.forms.values():
            before = len(errors)

            def fail(at: tuple[int, int], message: str, hint: str, raw: _Raw = raw) -> None:
                errors.append(RulePackError(raw.file, at[0], at[1], f"secrecy.{raw.name}",
                                            message, hint))

            gate: list[tuple[str, ...]] = []
            for word, at in zip(raw.when, raw.when_at, strict=True):
                words = _gate_words(word, lists, names, lambda m, h, at=at: fail(at, m, h))
                if words is not None:
                    gate.append(words)

            def expand(m: re.Match[str], raw: _Raw = raw) -> str:
                ref = m.group(1)
                if ref not in lists:
                    fail(raw.at, f"the pattern names no list '{ref}'", _hint(ref, names))
                    return ""
                return "|".join(_alternative(item) for item in lists[ref])

            pattern = _REF.sub(expand, raw.pattern)
            if len(errors) == before:
                try:  # as the detector compiles it (secrecy.compiled)
                    regex.compile(pattern, regex.IGNORECASE | regex.V0)
                except regex.error as exc:
                    fail(raw.at, f"the pattern is not a valid regular expression: {exc}",
                         "fix the pattern (Python `re` syntax; {@name} stands for a list)")
                else:
                    _refuse_catastrophic(raw, pattern, fail)
            if len(errors) == before:
                out.append(SecrecyForm(raw.name, raw.says, pattern, tuple(gate)))
        return tuple(out), errors


def _refuse_catastrophic(raw: _Raw, pattern: str, fail: Any) -> None:
    # A form that the probe sees run away would spend the whole budget on every draft that has
    # its words and stop each check (exit 3): refuse it at load, as a pattern rule is refused.
    if not raw.probe:
        return
    for risk in pattern_risks("(?i)" + pattern):  # the forms are searched ignoring case
        if risk.confirmed:
            fail(raw.at, risk.describe(), RUNAWAY_FIX)


def _alternative(item: str) -> str:
    """One list item as a regex alternative: literal, a trailing * for any ending."""
    if item.endswith("*"):
        return re.escape(item[:-1]) + r"\w*"
    return re.escape(item)


def _gate_words(
    entry: str, lists: dict[str, tuple[str, ...]], names: list[str], fail: Any
) -> tuple[str, ...] | None:
    """The words one `when` entry stands for: a word, or the first word of each item of a list."""
    if not entry.startswith("@"):
        if not _WORD.fullmatch(entry):
            fail(f"'{entry}' in `when` is not one word",
                 "give one word, or '@name' for a list of them")
            return None
        return (entry.casefold(),)
    ref = entry[1:]
    if ref not in lists:
        fail(f"`when` names no list '{ref}'", _hint(ref, names))
        return None
    words = []
    for item in lists[ref]:
        first = _WORD.search(item)
        if item.endswith("*") or first is None:
            fail(f"list '{ref}' cannot gate a form: its item '{item}' "
                 + ("ends in '*'" if item.endswith("*") else "has no word"),
                 "a draft is searched when it has the first word of an item, whole: drop the "
                 f"item from '{ref}' or '{entry}' from `when`")
            return None
        words.append(first.group().casefold())
    return tuple(dict.fromkeys(words))


def _hint(ref: str, names: list[str]) -> str:
    close = difflib.get_close_matches(ref, names, n=1)
    return (f"did you mean '{close[0]}'?" if close
            else "define it under `lists:` in this pack or one it extends")
