"""`guard rules lint`: what the loader rejects, plus rules that load but cannot work as meant.

The loader answers "can this pack be used?"; lint also asks "does each rule do what its author
thinks?": a term an allow phrase hides, a `near` partner nothing produces, a regex that can hang,
a rule past its end date, a rule without examples. Issues are data; the command prints them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from guard.authoring.info import definitions, raw_rule
from guard.detect.nlp.entities import KNOWN_LABELS
from guard.detect.normalise import fold, term_key
from guard.detect.redos import pattern_risks
from guard.errors import RulePackError, RulePackErrors, where
from guard.models import Rule
from guard.packs.loader import Pack, bundled_dir, load_pack, resolve_bundled
from guard.packs.yamlsrc import LocDict, LocList

SEVERITIES = ("error", "warning", "info")
ENTITY_LABELS = tuple(sorted(KNOWN_LABELS))  # the labels the entity detector accepts
_WORDS = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class Issue:
    """One lint finding: where, how bad, which rule, what is wrong and what to change."""

    severity: str  # error | warning | info
    check: str
    file: str
    line: int | None
    column: int | None
    rule_id: str | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        rule = f"{self.rule_id}: " if self.rule_id else ""
        hint = f" ({self.hint})" if self.hint else ""
        place = where(self.file, self.line, self.column)
        return f"{place}: {self.severity}: {rule}{self.message}{hint}"


def lint(sources: Sequence[str], today: dt.date | None = None) -> list[Issue]:
    """Every issue of the stacked packs; loader errors stop the meaning checks."""
    try:
        pack = load_pack(sources)
    except RulePackErrors as exc:
        return [_from_error(e) for e in exc.errors]
    except RulePackError as exc:
        return [_from_error(exc)]
    named_bundled = any(resolve_bundled(s) is not None or _is_bundled(s) for s in sources)
    return lint_pack(pack, today or dt.date.today(), include_bundled=named_bundled)


def _is_bundled(file: str) -> bool:
    return Path(file).resolve().parent == bundled_dir().resolve()


def lint_pack(pack: Pack, day: dt.date, include_bundled: bool = True) -> list[Issue]:
    """The meaning checks on a loaded pack; bundled rules if asked (users cannot edit them)."""
    issues = [i for i in _overrides(pack) if include_bundled or not _is_bundled(i.file)]
    for rule in pack.rules:
        raw = raw_rule(pack, rule)
        if raw is None or (not include_bundled and rule.source and _is_bundled(rule.source.file)):
            continue
        at = _Locator(rule, raw)
        for check in (_shadowed, _dates, _near, _regexes, _entities, _phrases, _examples):
            issues.extend(check(pack, rule, raw, at, day))
    issues.extend(_fixes(pack, day, include_bundled))
    return issues


def _from_error(exc: RulePackError) -> Issue:
    return Issue("error", "load", exc.file, exc.line, exc.column, exc.rule_id, exc.message,
                 exc.hint)


class _Locator:
    """Builds issues at positions inside one rule's YAML."""

    def __init__(self, rule: Rule, raw: LocDict) -> None:
        self.rule, self.raw = rule, raw
        self.file = rule.source.file if rule.source else "?"

    def pos(self, *path: Any) -> tuple[int, int]:
        node: Any = self.raw
        pos = self.raw.pos
        for step in path:
            if isinstance(node, LocDict) and step in node:
                pos, node = node.value_pos[step], node[step]
            elif isinstance(node, LocList) and isinstance(step, int) and step < len(node):
                pos, node = node.item_pos[step], node[step]
            else:
                break
        return pos

    def issue(self, severity: str, check: str, path: tuple[Any, ...], message: str,
              hint: str = "") -> Issue:
        line, col = self.pos(*path)
        return Issue(severity, check, self.file, line, col, self.rule.id, message, hint)


def _overrides(pack: Pack) -> Iterator[Issue]:
    for rule_id, places in definitions(pack).items():
        for earlier, later in itertools.pairwise(places):
            yield Issue("info", "override", later.file, later.line, later.column, rule_id,
                        f"overrides the rule of the same id at {earlier}",
                        "intended when this pack refines an extended one")


def _fold(text: str) -> tuple[str, ...]:
    # The matcher's own fold (case, diacritics, look-alikes, compatibility forms), then words.
    return tuple(_WORDS.findall(fold(text)))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return n > 0 and any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _term_places(rule: Rule, raw: LocDict, at: _Locator) -> list[tuple[str, str, int, int]]:
    """(term, file, line, column) for each term of a terms or terms_file rule."""
    if rule.detector == "terms":
        return [(t, at.file, *at.pos("terms", i)) for i, t in enumerate(rule.terms)]
    if rule.detector != "terms_file" or rule.terms_file is None:
        return []
    path = Path(at.file).parent / rule.terms_file
    lines = path.read_text(encoding="utf-8").splitlines()
    where = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            where.setdefault(stripped, (number, line.index(stripped) + 1))
    return [(t, str(path), *where.get(t, (1, 1))) for t in rule.terms]


def _shadowed(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    allows = [(a, "an allow", at.pos("allow", i)) for i, a in enumerate(rule.allow)]
    allows += [(a, "a pack-wide allow", None) for a in pack.allow]
    if rule.detector == "hashed" and rule.hashed is not None:
        yield from _shadowed_hashed(rule, at, allows)
        return
    folded = [(phrase, kind, pos, _fold(phrase)) for phrase, kind, pos in allows]
    for term, file, line, col in _term_places(rule, raw, at):
        if not term_key(term).key:
            yield Issue("warning", "term", file, line, col, rule.id,
                        f"term '{term}' has no letter or digit, so it never matches",
                        "write the word itself, or use a pattern rule for punctuation")
            continue
        words = _fold(term)
        for phrase, kind, pos, phrase_words in folded:
            where = f" (line {pos[0]})" if pos else ""
            if phrase_words == words:
                yield Issue("error", "shadowed", file, line, col, rule.id,
                            f"term '{term}' is also {kind} phrase{where}: it can never be "
                            "flagged",
                            "remove the term or the allow phrase")
            elif _contains(phrase_words, words):
                yield Issue("info", "shadowed", file, line, col, rule.id,
                            f"term '{term}' is not flagged inside {kind} phrase "
                            f"'{phrase}'{where}")


def _shadowed_hashed(rule: Rule, at: _Locator, allows: list[Any]) -> Iterator[Issue]:
    assert rule.hashed is not None
    try:
        from guard.detect.hashing import hash_term
    except ImportError:  # hashed matching not available in this build
        return
    digests = set(rule.hashed.digests)
    for phrase, kind, _ in allows:
        if hash_term(phrase, rule.hashed.salt) in digests:
            yield at.issue("error", "shadowed", ("hashed", "digests"),
                           f"one hashed term is also {kind} phrase '{phrase}': it can never be "
                           "flagged", "remove the allow phrase or re-hash without the term")


def _dates(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    if rule.active is None:
        return
    if rule.active.until is not None and rule.active.until < day:
        yield at.issue("warning", "expired", ("active", "until"),
                       f"the rule expired on {rule.active.until} and no longer fires",
                       "remove the rule, or move 'until' if it still matters")
    elif rule.active.start is not None and rule.active.start > day:
        yield at.issue("info", "not-yet-active", ("active", "from"),
                       f"the rule starts firing on {rule.active.start}")


def _near(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    if rule.near is None:
        return
    others = [r for r in pack.rules if r.id != rule.id]
    categories = sorted({r.category for r in others})
    ids = [r.id for r in others]
    for key, wanted, known in (("category", rule.near.categories, categories),
                               ("rule", rule.near.rules, ids)):
        for i, name in enumerate(wanted):
            if name in known:
                live = [r for r in others if (r.category if key == "category" else r.id) == name
                        and r.is_active(day)]
                if not live:
                    yield at.issue("warning", "near", _near_path(raw, key, i),
                                   f"'near' names {key} '{name}', but no rule producing it is "
                                   f"active on {day}, so the rule does not fire")
                continue
            path = _near_path(raw, key, i)
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"no other rule has this {key}"
            yield at.issue("error", "near", path,
                           f"'near' names {key} '{name}' that no other rule produces, so the rule "
                           "never fires", hint)


def _near_path(raw: LocDict, key: str, i: int) -> tuple[Any, ...]:
    return ("near", key, i) if isinstance(raw["near"].get(key), list) else ("near", key)


def _regexes(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    found: list[tuple[tuple[Any, ...], str]] = []
    if rule.pattern:
        found.append((("pattern",), rule.pattern))
        if regex.compile(rule.pattern, regex.V0).fullmatch(""):
            yield at.issue("warning", "empty-match", ("pattern",),
                           "the pattern matches the empty string", "require at least one character")
    if rule.exclude is not None:
        found += [(("exclude", "patterns", i), p) for i, p in enumerate(rule.exclude.patterns)]
    for path, pattern in found:
        for risk in pattern_risks(pattern):
            # Unconfirmed suspicions are notes: the `regex` engine copes with many such shapes.
            yield at.issue("error" if risk.confirmed else "info", "backtracking", path,
                           risk.describe(),
                           "make the repeated parts unable to match the same text, or use an "
                           "atomic group (?>...) or a possessive quantifier such as ++")


def _entities(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    for i, label in enumerate(rule.entity):
        if label in ENTITY_LABELS:
            continue
        path = ("entity", i) if isinstance(raw.get("entity"), list) else ("entity",)
        close = difflib.get_close_matches(label.upper(), ENTITY_LABELS, n=1) or [
            known for known in ENTITY_LABELS if label.upper().startswith(known)][:1]
        hint = (f"did you mean '{close[0]}'?" if close
                else "known labels: " + ", ".join(ENTITY_LABELS))
        yield at.issue("error", "entity", path, f"unknown entity label '{label}'", hint)


def _phrases(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    # The same validation the engine runs before the first NLP draft, so lint catches it first.
    if rule.detector != "phrases":
        return
    from guard.detect.nlp.phrases import validate

    try:
        validate(rule)
    except RulePackError as exc:
        yield _from_error(exc)


def _examples(pack: Pack, rule: Rule, raw: LocDict, at: _Locator, day: dt.date) -> Iterator[Issue]:
    if rule.examples.flag or rule.examples.passes:
        return
    if rule.detector == "hashed":
        yield at.issue("info", "examples", (),
                       "no examples (a hashed pack drops them: they would hold the terms)",
                       "test the plain pack with `guard rules test` before hashing it")
        return
    yield at.issue("warning", "examples", (), "the rule has no examples",
                   "add examples: {flag: [...], pass: [...]} so `guard rules test` can check it")


def _fixes(pack: Pack, day: dt.date, include_bundled: bool) -> Iterator[Issue]:
    # An approved wording the pack itself flags would make `guard fix` hand back a draft that is
    # still flagged: check each wording as a draft (without NLP: lint stays quick and offline).
    wordings = [r for r in pack.rules if r.replace_with and r.is_active(day)
                and not (not include_bundled and r.source and _is_bundled(r.source.file))]
    if not wordings:
        return
    from guard.engine import Guard

    guard = Guard(pack, today=day, nlp=False)
    for rule in wordings:
        raw = raw_rule(pack, rule)
        if raw is None:
            continue
        flagged = sorted({f.rule for f in guard.check(rule.replace_with).findings
                          if f.kind == "content"})
        if flagged:
            yield _Locator(rule, raw).issue(
                "error", "fix", ("replace_with",),
                f"the approved wording {rule.replace_with!r} is itself flagged by "
                f"{', '.join(flagged)}", "choose a wording no rule of the pack flags")


def counts(issues: Sequence[Issue]) -> dict[str, int]:
    """How many issues of each severity."""
    return {s: sum(1 for i in issues if i.severity == s) for s in SEVERITIES}


def exit_code(issues: Sequence[Issue], strict: bool) -> int:
    """2 on any error (or warning with `strict`), else 0."""
    tally = counts(issues)
    return 2 if tally["error"] or (strict and tally["warning"]) else 0
