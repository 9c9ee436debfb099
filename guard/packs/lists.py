"""Named word lists (`lists:`) and the `events:` detector field, with `@name` references.

A list is defined in any pack; a pack that extends it replaces it by defining it again, or adds
to it by naming `@name` among its own items (the earlier definition). Rules refer to lists as
`@name` in their cue words, (round nine) in their `exclude` and `context` words and (round
eleven) in their `terms` (a vocabulary a learned scorer then weighs). References
are resolved once every file is loaded, so a company pack that adds to `nonpublic` changes what
the bundled events rules look for.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from guard.errors import RulePackError
from guard.models import EventCues, EventKind, Rule
from guard.packs.veto import read_model

CUE_FIELDS = ("nonpublic", "own", "public", "ahead", "elsewhere")
WINDOW_FIELDS = ("exclude", "context")  # a rule's words that may name a list as `@name`


@dataclass(frozen=True, slots=True)
class _Ref:
    """Where one cue word was written, for errors about the list it names."""

    file: str
    line: int
    column: int
    rule_id: str | None


@dataclass
class _Def:
    name: str
    items: list[str]
    places: list[_Ref]


class ListTable:
    """Every list definition in load order, and the places where cue words were written."""

    def __init__(self) -> None:
        self.defs: list[_Def] = []
        self.places: dict[tuple[str, int, str], _Ref] = {}  # (rule id, n-th word, word) -> where
        self.final: dict[str, tuple[str, ...]] = {}  # every list, expanded (after `resolve`)

    def add_file(self, file: str, doc: Any) -> None:
        """Record the `lists:` of one rule file."""
        lists = doc.get("lists") or {}
        for name, items in lists.items():
            places = [_Ref(file, line, col, None) for line, col in items.item_pos]
            self.defs.append(_Def(name, list(items), places))

    def resolve(self, rules: dict[str, Rule]) -> list[RulePackError]:
        """Expand `@name` in every events rule and every rule's `exclude`, `context` and `terms`
        words, in place; errors for unknown names or cycles."""
        errors: list[RulePackError] = []
        final: dict[str, tuple[str, ...]] = {}
        names = sorted({d.name for d in self.defs})

        def expand(items: list[str], places: list[_Ref], upto: int, stack: tuple[str, ...]
                   ) -> list[str]:
            out: list[str] = []
            for word, place in zip(items, places, strict=True):
                if not word.startswith("@"):
                    out.append(word)
                    continue
                ref = word[1:]
                if stack and ref == stack[-1]:
                    # `@x` inside a definition of x: the definition before this one.
                    earlier = [i for i in range(upto) if self.defs[i].name == ref]
                    if not earlier:
                        errors.append(_error(place, f"list '{ref}' adds to itself, but no pack "
                                             "it extends defines it", "remove '@" + ref + "'"))
                        continue
                    out += value_at(earlier[-1], stack)
                elif ref in stack:
                    errors.append(_error(place, "lists refer to each other in a cycle: "
                                         + " -> ".join((*stack, ref)), "break the cycle"))
                elif ref not in names:
                    errors.append(_unknown(place, ref, names))
                else:
                    out += value_of(ref, stack)
            return out

        def value_at(index: int, stack: tuple[str, ...]) -> list[str]:
            d = self.defs[index]
            return expand(d.items, d.places, index, (*stack[:-1], d.name))

        def value_of(name: str, stack: tuple[str, ...]) -> list[str]:
            if name in final and not stack:
                return list(final[name])
            last = max(i for i, d in enumerate(self.defs) if d.name == name)
            return value_at(last, (*stack, name))

        for name in names:
            final[name] = tuple(dict.fromkeys(value_of(name, ())))
        self.final = final

        def words(rid: str, field: str, items: tuple[str, ...]) -> tuple[str, ...]:
            out: list[str] = []
            for i, word in enumerate(items):
                if not word.startswith("@"):
                    out.append(word)
                elif word[1:] in final:
                    out += final[word[1:]]
                else:
                    place = self.places.get((rid, i, field)) or _Ref("?", 0, 0, rid)
                    errors.append(_unknown(place, word[1:], names))
            return tuple(dict.fromkeys(out))

        for rid, rule in list(rules.items()):
            # Round nine: `exclude` and `context` words name lists too (`@elsewhere`).
            windows = {f: replace(w, words=words(rid, f, w.words))
                       for f in WINDOW_FIELDS if (w := getattr(rule, f)) is not None
                       and any(x.startswith("@") for x in w.words)}
            if windows:
                rules[rid] = rule = replace(rule, **windows)
            if any(t.startswith("@") for t in rule.terms):  # round eleven: a named vocabulary
                rules[rid] = rule = replace(rule, terms=words(rid, "terms", rule.terms))
            ev = rule.events
            if ev is None:
                continue
            kinds = tuple(replace(k, words=words(rid, "kind:" + k.name, k.words))
                          for k in ev.kinds)
            fields = {f: words(rid, f, getattr(ev, f)) for f in CUE_FIELDS}
            rules[rid] = replace(rule, events=replace(ev, kinds=kinds, **fields))
        unique = {(e.file, e.line, e.column, e.message): e for e in errors}
        return list(unique.values())


def _error(place: _Ref, message: str, hint: str) -> RulePackError:
    return RulePackError(place.file, place.line, place.column, place.rule_id, message, hint)


def _unknown(place: _Ref, ref: str, names: list[str]) -> RulePackError:
    close = difflib.get_close_matches(ref, names, n=1)
    hint = (f"did you mean '@{close[0]}'?" if close else
            "define it under `lists:` in this pack or one it extends" +
            (" (known: " + ", ".join(names) + ")" if names else ""))
    return _error(place, f"no list named '{ref}'", hint)


def events_field(
    file: str, path: Path, raw: Any, table: ListTable, fail: Any
) -> EventCues | None:
    """The `events:` of one rule, its cue words still unexpanded; reads the model file."""
    rid = raw["id"]
    ev = raw["events"]
    for f in CUE_FIELDS:
        for i, (line, col) in enumerate((ev.get(f) or _Empty()).item_pos):
            table.places[(rid, i, f)] = _Ref(file, line, col, rid)
    kinds = []
    for name, kind in ev["kinds"].items():
        for i, (line, col) in enumerate(kind["words"].item_pos):
            table.places[(rid, i, "kind:" + name)] = _Ref(file, line, col, rid)
        kinds.append(EventKind(name, tuple(kind["words"]), kind.get("suggestion", "")))
    if not kinds:
        fail("events", "'events.kinds' lists no kind of event",
             "add at least one kind with its words, e.g. layoff: {words: [layoffs]}")
        return None
    read = read_model(path, ev["model"], "events", "tools/train_events.py", fail)
    if read is None:
        return None
    model, digest, _ = read
    defaults = EventCues(kinds=())
    return EventCues(
        kinds=tuple(kinds),
        **{f: tuple(ev.get(f) or ()) for f in CUE_FIELDS},
        model=ev["model"],
        model_file=str(model),
        model_digest=digest,
        threshold=float(ev.get("threshold", defaults.threshold)),
        public_threshold=float(ev.get("public_threshold", defaults.public_threshold)),
        secret_threshold=float(ev.get("secret_threshold", defaults.secret_threshold)),
        bare_threshold=float(ev.get("bare_threshold", defaults.bare_threshold)),
    )


def window_places(file: str, raw: Any, table: ListTable) -> None:
    """Record where a rule's `exclude`, `context` and `terms` words were written, for errors
    about the lists they name."""
    for i, (line, col) in enumerate(getattr(raw.get("terms") or _Empty(), "item_pos", ())):
        table.places[(raw["id"], i, "terms")] = _Ref(file, line, col, raw["id"])
    for f in WINDOW_FIELDS:
        items = (raw.get(f) or {}).get("words") or _Empty()
        for i, (line, col) in enumerate(getattr(items, "item_pos", ())):
            table.places[(raw["id"], i, f)] = _Ref(file, line, col, raw["id"])


class _Empty:
    item_pos: list[tuple[int, int]] = []  # noqa: RUF012 - a read-only stand-in for no list
