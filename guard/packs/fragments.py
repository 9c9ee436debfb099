"""Named pattern fragments (`fragments:`): a piece of regex written once, named in a pattern
rule's `pattern` as `{{name}}`.

A fragment is defined at the top of a rule file, beside `lists:`; a rule's pattern in that file,
or in a pack loaded after it (one that extends it), names it as `{{name}}` and the loader puts
the fragment there, inside a non-capturing group, before the pattern is checked and compiled.
A pack that defines a fragment again replaces it from then on. The rule's pattern is the
expanded one everywhere (the engine, `guard explain`, the pack digest), so a changed fragment
changes the digest. A fragment does not name another fragment (one level, nothing to untangle).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from guard.errors import RulePackError

# `{{name}}`: braces that no regex writes twice in a row (a quantifier is `{2}` or `{2,5}`).
REF = regex.compile(r"\{\{\s*([\w.-]+)\s*\}\}")


@dataclass(frozen=True, slots=True)
class _Fragment:
    text: str
    file: str
    line: int
    column: int


class FragmentTable:
    """The fragments defined so far, in load order (a later definition replaces an earlier)."""

    def __init__(self) -> None:
        self.defs: dict[str, _Fragment] = {}

    def add_file(self, file: str, doc: Any, errors: list[RulePackError]) -> None:
        """Record the `fragments:` of one rule file; errors for one that does not compile or
        names another."""
        fragments = doc.get("fragments") or {}
        for name, text in fragments.items():
            line, col = fragments.value_pos[name]
            if REF.search(text):
                errors.append(RulePackError(
                    file, line, col, None,
                    f"fragment '{name}' names another fragment ({REF.search(text).group(0)})",
                    "write the other fragment's text out here; fragments are one level deep"))
                continue
            try:
                regex.compile(text, regex.V0)
            except regex.error as exc:
                errors.append(RulePackError(
                    file, line, col, None, f"fragment '{name}' does not compile: {exc}",
                    "a fragment is a complete regex on its own (balanced brackets and groups)"))
                continue
            self.defs[name] = _Fragment(text, file, line, col)

    def expand(self, pattern: str, fail: Callable[[str, str, str], None]) -> str:
        """`pattern` with each `{{name}}` replaced by its fragment in a non-capturing group;
        `fail(name, message, hint)` for each name no fragment defines."""
        def put(m: regex.Match[str]) -> str:
            name = m.group(1).strip()
            found = self.defs.get(name)
            if found is None:
                close = difflib.get_close_matches(name, list(self.defs), n=1)
                known = ", ".join(sorted(self.defs)) or "none"
                fail(name, f"the pattern names fragment '{{{{{name}}}}}', which is not defined",
                     (f"did you mean '{{{{{close[0]}}}}}'? " if close else "")
                     + f"define it under `fragments:` in this file or a pack it extends "
                     f"(defined: {known})")
                return m.group(0)
            return f"(?:{found.text})"

        return REF.sub(put, pattern)


def reference_place(
    lines: list[str], start: tuple[int, int], name: str
) -> tuple[int, int]:
    """Where `{{name}}` is written in the file, searching from the pattern's own (line,
    column); the pattern's place when the text is not found as written (an escaped form)."""
    line, col = start
    needle = "{{" + name + "}}"
    for n in range(line - 1, min(len(lines), line + 40)):
        at = lines[n].find(needle, col - 1 if n == line - 1 else 0)
        if at >= 0:
            return n + 1, at + 1
    return start
