"""Kinds of schema node (Str, Num, Obj, ...): each checks a YAML value, writes its JSON Schema."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Path = tuple[Any, ...]  # keys and indexes from the document's root to a value


@dataclass(frozen=True)
class Problem:
    """One schema violation at a path inside the document."""

    path: Path
    message: str
    hint: str = ""
    at_key: bool = False  # point at the key itself (unknown key) rather than its value


class Type:
    """Base of the schema node kinds."""

    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        """Yield the problems of `value`."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """The JSON Schema fragment for this node."""
        raise NotImplementedError

    def _with_doc(self, out: dict[str, Any]) -> dict[str, Any]:
        if self.doc:
            out["description"] = self.doc
        default = getattr(self, "default", None)
        if default is not None:
            out["default"] = default
        return out


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass
class Str(Type):
    """A string, optionally from a fixed set or non-empty."""

    enum: tuple[str, ...] = ()
    pattern: str = ""
    pattern_hint: str = ""
    min_len: int = 0
    doc: str = ""
    default: Any = None  # shown in the JSON Schema; the loader fills it in

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield Problem(path, f"expected text, got {_kind(value)}", "quote the value")
            return
        if self.enum and value not in self.enum:
            close = difflib.get_close_matches(value, self.enum, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(self.enum)
            yield Problem(path, f"'{value}' is not one of {', '.join(self.enum)}", hint)
        if len(value.strip()) < self.min_len:
            yield Problem(path, "must not be empty", "write a value or remove the key")
        if self.pattern:
            import re

            if not re.fullmatch(self.pattern, value):
                yield Problem(path, f"'{value}' is not well formed", self.pattern_hint)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.enum:
            out["enum"] = list(self.enum)
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        if self.min_len:
            out["minLength"] = self.min_len
        return self._with_doc(out)


@dataclass
class Num(Type):
    """A number (int only when `integer`) within bounds."""

    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    doc: str = ""
    default: Any = None  # shown in the JSON Schema; the loader fills it in

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        ok_types = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok_types):
            want = "a whole number" if self.integer else "a number"
            yield Problem(path, f"expected {want}, got {_kind(value)}")
            return
        if not math.isfinite(value):
            # NaN compares false with every bound: it would score a critical finding 0.
            yield Problem(path, f"expected a finite number, got {value}")
            return
        if self.minimum is not None and value < self.minimum:
            yield Problem(path, f"{value} is below the minimum {self.minimum:g}")
        if self.maximum is not None and value > self.maximum:
            yield Problem(path, f"{value} is above the maximum {self.maximum:g}")

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return self._with_doc(out)


@dataclass
class Bool(Type):
    """true or false."""

    doc: str = ""
    default: Any = None  # shown in the JSON Schema; the loader fills it in

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        if not isinstance(value, bool):
            yield Problem(path, f"expected true or false, got {_kind(value)}")

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "boolean"})


@dataclass
class Date(Type):
    """A calendar date written YYYY-MM-DD."""

    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            yield Problem(path, f"'{value}' is not a date", "write it as YYYY-MM-DD")

    def schema(self) -> dict[str, Any]:
        return self._with_doc({"type": "string", "format": "date"})


@dataclass
class List(Type):
    """A list of items of one kind."""

    item: Type
    min_items: int = 0
    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield Problem(
                path,
                f"expected a list, got {_kind(value)}",
                "write it as [a, b] or one '- item' per line",
            )
            return
        if len(value) < self.min_items:
            yield Problem(path, "the list is empty", "add at least one item or remove the key")
        for i, item in enumerate(value):
            yield from self.item.check(item, (*path, i))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return self._with_doc(out)


@dataclass
class OneOrMany(Type):
    """A single string or a list of them (`entity: ORG` or `entity: [ORG, PERSON]`)."""

    item: Str
    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        if isinstance(value, list):
            if not value:
                yield Problem(path, "the list is empty", "add at least one item or remove the key")
            for i, item in enumerate(value):
                yield from self.item.check(item, (*path, i))
        else:
            yield from self.item.check(value, path)

    def schema(self) -> dict[str, Any]:
        return self._with_doc(
            {
                "anyOf": [
                    self.item.schema(),
                    {"type": "array", "items": self.item.schema(), "minItems": 1},
                ]
            }
        )


@dataclass
class Anything(Type):
    """Checked elsewhere (spaCy token patterns are validated by spaCy's own schema)."""

    json: dict[str, Any] = field(default_factory=dict)
    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        return iter(())

    def schema(self) -> dict[str, Any]:
        return self._with_doc(dict(self.json))


@dataclass
class Obj(Type):
    """A mapping with known keys; unknown keys are errors with a did-you-mean."""

    fields: dict[str, Type]
    required: tuple[str, ...] = ()
    doc: str = ""
    title: str = "mapping"

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield Problem(path, f"expected a {self.title}, got {_kind(value)}")
            return
        for key in value:
            if key not in self.fields:
                close = difflib.get_close_matches(str(key), list(self.fields), n=1)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "known keys: " + ", ".join(self.fields)
                )
                yield Problem(
                    (*path, key), f"unknown key '{key}' in {self.title}", hint, at_key=True
                )
        for key in self.required:
            if key not in value:
                yield Problem(
                    path, f"missing required key '{key}' in {self.title}", f"add '{key}:'"
                )
        for key, sub in self.fields.items():
            if key in value:
                yield from sub.check(value[key], (*path, key))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {k: v.schema() for k, v in self.fields.items()},
            "additionalProperties": False,
        }
        if self.required:
            out["required"] = list(self.required)
        return self._with_doc(out)


@dataclass
class MapOf(Type):
    """A mapping from names of one shape to values of one kind (`lists:`, `events.kinds`)."""

    value: Type
    key_pattern: str = ""
    doc: str = ""

    def check(self, value: Any, path: Path) -> Iterator[Problem]:
        import re

        if not isinstance(value, dict):
            yield Problem(path, f"expected a mapping, got {_kind(value)}")
            return
        for key, item in value.items():
            if self.key_pattern and not re.fullmatch(self.key_pattern, str(key)):
                yield Problem(
                    (*path, key),
                    f"'{key}' is not a valid name",
                    "use lowercase letters, digits, '.', '-' and '_'",
                    at_key=True,
                )
            yield from self.value.check(item, (*path, key))

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": self.value.schema()}
        if self.key_pattern:
            out["propertyNames"] = {"pattern": f"^(?:{self.key_pattern})$"}
        return self._with_doc(out)
