"""The rule-file format as data: one description drives validation and the JSON Schema.

`guard rules schema` prints `json_schema()`, and the loader validates with `PACK.check`, so an
editor's completion and the loader can never disagree about which keys exist.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from guard.detect import registry
from guard.detect.nlp.language import SUPPORTED
from guard.detect.validators import VALIDATORS as VALIDATOR_FUNCTIONS
from guard.length.platforms import LIMITS
from guard.models import DEFAULT_SEVERITY, SEVERITIES, MatchOptions, Near, Settings, Window

Path = tuple[Any, ...]


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


# Defaults and choices come from the models and the stages that use them, so the loader, the
# engine and the JSON Schema cannot disagree.
_SETTINGS, _MATCH, _WINDOW, _NEAR = Settings(), MatchOptions(), Window(), Near()
SEVERITY = Str(enum=SEVERITIES, doc="How bad a leak this is", default=DEFAULT_SEVERITY)
PLATFORM = Str(enum=tuple(LIMITS), doc="Length profile", default=_SETTINGS.platform)
LANGUAGE = Str(enum=SUPPORTED, doc="A language with a spaCy pipeline")
WARN = Num(0, 100, integer=True, default=_SETTINGS.warn)
BLOCK = Num(0, 100, integer=True, default=_SETTINGS.block)
PATTERN_TIMEOUT_MS = Num(1, 60000, integer=True, default=_SETTINGS.pattern_timeout_ms)
CASE = Str(enum=("insensitive", "sensitive"), default=_MATCH.case)
FUZZY = Num(0, 2, integer=True, doc="Edit distance for terms of 6+ letters; 0 is off",
            default=_MATCH.fuzzy)
EVASION = Bool(doc="Find terms through disguises (look-alikes, leetspeak, ...)",
               default=_MATCH.evasion)
WINDOW = Num(1, 100, integer=True, doc="In tokens", default=_WINDOW.window)
NEAR_WINDOW = Num(1, 100, integer=True, doc="In tokens", default=_NEAR.window)
WORDS = List(Str(min_len=1), min_items=1)
ID_PATTERN = r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+"
VALIDATORS = tuple(VALIDATOR_FUNCTIONS)

RULE = Obj(
    title="rule",
    doc="One rule: exactly one detector key (terms, terms_file, hashed, pattern, entity, phrases)",
    required=("id",),
    fields={
        "id": Str(
            pattern=ID_PATTERN,
            pattern_hint="use dotted lowercase words such as codename.falcon",
            doc="Unique dotted id; select and ignore work by prefix",
        ),
        "category": Str(min_len=1, doc="Family of leak: codename, client, pii, secret, ..."),
        "severity": SEVERITY,
        "confidence": Num(0, 1, doc="0..1; 1 for terms by default, lower for entities"),
        "message": Str(min_len=1, doc="What the finding means, shown to the author"),
        "suggestion": Str(doc="A safer wording"),
        "terms": List(Str(min_len=1), min_items=1, doc="Literal words or phrases"),
        "terms_file": Str(min_len=1, doc="A text file next to the rule file, one term per line"),
        "hashed": Obj(
            title="hashed terms",
            doc="Written by `guard rules hash`: keyed hashes of normalised terms",
            required=("algorithm", "salt", "digests"),
            fields={
                "algorithm": Str(enum=("hmac-sha256",)),
                "salt": Str(min_len=1),
                "digests": List(
                    Str(pattern="[0-9a-f]{16,128}", pattern_hint="hex digests"), min_items=1
                ),
                "lengths": List(Num(1, 64, integer=True)),
            },
        ),
        "pattern": Str(min_len=1, doc="A regular expression in the `regex` module's syntax"),
        "entity": OneOrMany(Str(min_len=1), doc="spaCy entity labels: ORG, PERSON, MONEY, ..."),
        "phrases": List(
            List(Anything(json={"type": "object"}), min_items=1),
            min_items=1,
            doc="spaCy Matcher token patterns: a list of patterns, each a list of token specs",
        ),
        "match": Obj(
            title="match",
            fields={
                "case": CASE,
                "fuzzy": FUZZY,
                "evasion": EVASION,
            },
        ),
        "allow": List(Str(min_len=1), doc="Public phrases that are never flagged for this rule"),
        "context": Obj(
            title="context",
            required=("words",),
            doc="Hotwords within `window` tokens raise the confidence",
            fields={"words": WORDS, "window": WINDOW},
        ),
        "exclude": Obj(
            title="exclude",
            doc="Words or patterns within `window` tokens drop the finding",
            fields={
                "words": WORDS,
                "patterns": List(Str(min_len=1), min_items=1),
                "window": WINDOW,
            },
        ),
        "near": Obj(
            title="near",
            doc="The finding counts only with a finding of this category or rule within "
            "`window` tokens",
            fields={
                "category": OneOrMany(Str(min_len=1)),
                "rule": OneOrMany(Str(min_len=1)),
                "window": NEAR_WINDOW,
            },
        ),
        "validate": OneOrMany(Str(enum=VALIDATORS), doc="Checksums the match must pass"),
        "active": Obj(
            title="active",
            fields={"from": Date(), "until": Date()},
            doc="Dates between which the rule fires (inclusive)",
        ),
        "examples": Obj(
            title="examples",
            fields={"flag": List(Str(min_len=1)), "pass": List(Str(min_len=1))},
            doc="Drafts the rule must flag and must let pass (`guard rules test`)",
        ),
        "tags": List(Str(min_len=1)),
        "owner": Str(),
        "redact": Bool(doc="Mask the matched text in every report (secrets)"),
    },
)

PACK = Obj(
    title="rule pack",
    required=("version",),
    fields={
        "version": Num(1, 1, integer=True, doc="Format version; must be 1"),
        "name": Str(min_len=1, doc="Pack name, shown in reports"),
        "description": Str(),
        "extends": OneOrMany(
            Str(min_len=1), doc="Bundled pack names or paths relative to this file"
        ),
        "settings": Obj(
            title="settings",
            fields={
                "thresholds": Obj(
                    title="thresholds",
                    fields={"warn": WARN, "block": BLOCK},
                ),
                "platform": PLATFORM,
                "languages": List(LANGUAGE, min_items=1),
                "models": Obj(
                    title="models",
                    fields={"en": Str(min_len=1), "fr": Str(min_len=1)},
                    doc="spaCy model per language, e.g. en: en_core_web_md",
                ),
                "pattern_timeout_ms": PATTERN_TIMEOUT_MS,
            },
        ),
        "allow": List(Str(min_len=1), doc="Public phrases never flagged by any rule of the pack"),
        "rules": List(RULE),
    },
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule file, for editors and CI."""
    out = PACK.schema()
    rule = out["properties"]["rules"]["items"]
    rule["oneOf"] = [{"required": [key]} for key in registry.KEYS]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tweet-guard.invalid/schema/rules-v1.json",
        "title": "tweet-guard rule pack (version 1)",
        **out,
    }
