"""One error base; each subclass knows its exit code and formats its own message.

Exit codes: 2 for anything the user can fix (usage, rule files, input),
3 when the check could not run (a model missing, an internal failure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guard.record import record

if TYPE_CHECKING:
    from guard.models import Rule


def where(file: str, line: int | None, column: int | None) -> str:
    """`file:line:col`, leaving out what is unknown."""
    if line is None:
        return file
    return f"{file}:{line}" if column is None else f"{file}:{line}:{column}"


class GuardError(Exception):
    """Base of every error the guard raises on purpose."""

    exit_code = 3

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """The message shown to the user."""
        return self.args[0] if self.args else type(self).__name__


@record(frozen=False, eq=False, slots=False)
class RulePackError(GuardError):
    """A rule file that cannot be used: `file:line:col: rule-id: message`."""

    file: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    hint: str = ""

    exit_code = 2

    @classmethod
    def at(cls, rule: Rule, message: str, hint: str = "") -> RulePackError:
        """An error pointing at the place a loaded rule was written."""
        src = rule.source
        if src is None:
            return cls("?", None, None, rule.id, message, hint)
        return cls(src.file, src.line, src.column, rule.id, message, hint)

    def describe(self) -> str:
        place = where(self.file, self.line, self.column)
        head = f"{place}: {self.rule_id}: " if self.rule_id else f"{place}: "
        text = head + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class RulePackErrors(GuardError):
    """Several rule-file errors found in one load, reported together."""

    exit_code = 2

    def __init__(self, errors: list[RulePackError]) -> None:
        super().__init__(errors)
        self.errors = errors

    def describe(self) -> str:
        return "\n".join(e.describe() for e in self.errors)


class UsageError(GuardError):
    """A command line or argument the guard cannot act on."""

    exit_code = 2


class DraftError(GuardError):
    """A draft the guard refuses to check as given (empty, too large, not UTF-8)."""

    exit_code = 2


class CheckError(GuardError):
    """The check could not run: the draft is neither allowed nor blocked, so do not publish."""

    exit_code = 3


class ModelMissingError(CheckError):
    """A spaCy model the pack needs is not installed."""
