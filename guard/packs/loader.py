"""Rule files -> one validated, effective pack (after `extends` and overrides by id).

Every problem becomes a RulePackError naming file, line, column and rule id; all problems of
a file are reported together so the compliance team fixes them in one go.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import regex

from guard.detect import registry
from guard.detect.redos import RUNAWAY_FIX, pattern_risks
from guard.errors import RulePackError, RulePackErrors, UsageError
from guard.models import (
    Active,
    HashedTerms,
    Rule,
    SourcePos,
)
from guard.packs import schema
from guard.packs.fields import (
    Origin,
    as_list,
    hashed_terms,
    origin_of,
    pack_digest,
    problem_error,
    rule_from,
    settings_from,
)
from guard.packs.fragments import FragmentTable, reference_place
from guard.packs.grammar import GrammarTable
from guard.packs.lists import ListTable, events_field, window_places
from guard.packs.loop import LoopKeys
from guard.packs.pack import (  # noqa: F401 - re-exported: where the rest of guard finds them
    ENV_VAR,
    PROJECT_FILE,
    Pack,
    bundled_dir,
    bundled_names,
    discover,
    resolve_bundled,
)
from guard.packs.termsfile import TermsFileError, read_terms_file
from guard.packs.veto import veto_field
from guard.packs.yamlsrc import LocDict, load_yaml


def load_pack(sources: Sequence[str]) -> Pack:
    """Load and stack rule files (paths or bundled names); later ones override by rule id."""
    return load_pack_inputs(sources)[0]


def load_pack_inputs(sources: Sequence[str]) -> tuple[Pack, tuple[Path, ...]]:
    """The pack, and every file it was read from (rule files and terms files, for the cache)."""
    if not sources:
        # A guard with no rules would allow everything: refuse, never fall back silently.
        raise UsageError("no rule files given: name at least one rule file or bundled pack")
    loader = _Loader()
    for source in sources:
        loader.load_source(source, base=Path.cwd(), chain=())
    if not loader.errors:
        loader.loop.check(tuple(loader.rules.values()), loader.errors)
        # `@list` references wait for every file: a pack may add to a list its base uses.
        loader.errors += loader.lists.resolve(loader.rules)
        if not loader.errors:  # round eleven: the secrecy grammar, built from the lists
            loader.errors += loader.attach_secrecy()
    if loader.errors:
        raise RulePackErrors(loader.errors) if len(loader.errors) > 1 else loader.errors[0]
    return loader.finish(), tuple(loader.inputs)



class _Loader:
    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.raw: dict[str, LocDict] = {}
        self.definitions: dict[str, list[SourcePos]] = {}
        self.allow: list[str] = []
        self.hashed_allow: list[HashedTerms] = []
        self.settings: dict[str, Any] = {}
        self.files: list[str] = []
        self.names: list[str] = []
        self.errors: list[RulePackError] = []
        self.loaded: set[Path] = set()
        self.loop = LoopKeys()
        self.lists = ListTable()
        self.grammar = GrammarTable()
        self.fragments = FragmentTable()  # round twelve: `{{name}}` in patterns
        self.lines: dict[str, list[str]] = {}  # each file's lines, for a fragment reference's place
        self.inputs: list[Path] = []  # every file read, in order

    def load_source(
        self, source: str, base: Path, chain: tuple[Path, ...], origin: Origin | None = None
    ) -> None:
        path = self._locate(source, base, origin)
        if path is None:
            return
        real = path.resolve()
        if real in chain:
            cycle = " -> ".join(str(p) for p in (*chain, real))
            # Point at the extends entry that closes the cycle: that is the line to change.
            self._fail_at(
                origin, str(path), f"extends cycle: {cycle}", "remove one of the extends entries"
            )
            return
        if real in self.loaded:
            return  # a diamond of extends: load the shared base once
        self.loaded.add(real)
        self._load_file(path, (*chain, real))

    def _fail_at(self, origin: Origin | None, fallback: str, message: str, hint: str) -> None:
        # An `extends` entry is the place to fix; a pack named on the command line has no line.
        file, line, col = origin if origin else (fallback, None, None)
        self.errors.append(RulePackError(file, line, col, None, message, hint))

    def _locate(self, source: str, base: Path, origin: Origin | None) -> Path | None:
        looks_like_path = os.sep in source or "/" in source or source.endswith((".yaml", ".yml"))
        if not looks_like_path:
            found = resolve_bundled(source)
            if found is not None:
                return found
        path = (base / source) if not Path(source).is_absolute() else Path(source)
        if path.is_file():
            return path
        names = ", ".join(bundled_names())
        message = (
            f"'{source}' is not a file" if path.exists() else f"rule file '{source}' not found"
        )
        self._fail_at(
            origin, source, message, f"give a path to a YAML file or a bundled pack name ({names})"
        )
        return None

    def _load_file(self, path: Path, chain: tuple[Path, ...]) -> None:
        name = str(path)
        try:
            self.inputs.append(path)
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.errors.append(
                RulePackError(name, None, None, None, f"cannot read the file: {exc}")
            )
            return
        try:
            doc = load_yaml(text, name)
        except RulePackError as exc:
            self.errors.append(exc)
            return
        if doc is None:
            doc = LocDict()
            doc.pos, doc.key_pos, doc.value_pos = (1, 1), {}, {}
        problems = list(schema.PACK.check(doc, ()))
        if problems:
            self.errors.extend(problem_error(name, doc, p) for p in problems)
            return
        for i, parent in enumerate(as_list(doc.get("extends"))):
            origin = origin_of(
                name, doc, ("extends",) if isinstance(doc["extends"], str) else ("extends", i)
            )
            self.load_source(parent, path.parent, chain, origin)
        self.files.append(name)
        self.names.append(doc.get("name") or path.stem)
        self._merge_settings(name, doc)
        self.loop.merge(name, doc, self.errors)
        self.allow.extend(doc.get("allow") or [])
        if doc.get("hashed_allow"):
            found = hashed_terms(doc["hashed_allow"])
            if found is not None:
                self.hashed_allow.append(found)
        self.lists.add_file(name, doc)
        self.grammar.add_file(name, doc, probe=not _is_bundled(path))
        self.fragments.add_file(name, doc, self.errors)
        self.lines[name] = text.splitlines()
        seen: dict[str, int] = {}
        for i, raw in enumerate(doc.get("rules") or []):
            rid = raw["id"]
            line = raw.pos[0]
            if rid in seen:
                self.errors.append(
                    RulePackError(
                        name,
                        line,
                        raw.pos[1],
                        rid,
                        f"duplicate rule id (first defined on line {seen[rid]})",
                        "give each rule its own id; to override a rule of an extended pack, "
                        "use a separate file",
                    )
                )
                continue
            seen[rid] = line
            self.definitions.setdefault(rid, []).append(SourcePos(name, line, raw.pos[1]))
            rule = self._build_rule(name, path, doc, i, raw)
            self.loop.note_rule(name, raw)
            if rule is not None:
                self.rules.pop(rid, None)  # an override moves to where it is defined
                self.rules[rid] = rule
                self.raw[rid] = raw

    def attach_secrecy(self) -> list[RulePackError]:
        """Give every events rule the pack's `secrecy:` forms; their errors."""
        forms, errors = self.grammar.resolve(self.lists.final)
        for rid, rule in list(self.rules.items()):
            if rule.events is not None:
                self.rules[rid] = replace(rule, events=replace(rule.events, secrecy=forms))
        return errors

    def _merge_settings(self, name: str, doc: LocDict) -> None:
        settings = doc.get("settings") or {}
        for key, value in settings.items():
            if key == "thresholds":
                merged = dict(self.settings.get("thresholds", {}))
                merged.update(value)
                self.settings["thresholds"] = merged
                warn = merged.get("warn", schema.WARN.default)
                block = merged.get("block", schema.BLOCK.default)
                if warn > block:
                    line, col = settings.value_pos["thresholds"]
                    self.errors.append(
                        RulePackError(
                            name,
                            line,
                            col,
                            None,
                            f"thresholds out of order: warn {warn} > block {block}",
                            "warn must be at most block",
                        )
                    )
            elif key == "models":
                merged = dict(self.settings.get("models", {}))
                merged.update(value)
                self.settings["models"] = merged
            else:
                self.settings[key] = value

    def _build_rule(self, name: str, path: Path, doc: LocDict, i: int, raw: LocDict) -> Rule | None:
        rid = raw["id"]
        errors_before = len(self.errors)

        def fail(
            key: str | None, message: str, hint: str = "", at: tuple[int, int] | None = None
        ) -> None:
            line, col = at or (raw.value_pos.get(key, raw.pos) if key else raw.pos)
            self.errors.append(RulePackError(name, line, col, rid, message, hint))

        detector = _detector_of(raw, fail)
        if detector is None:
            return None
        if isinstance(raw.get("pattern"), str) and "{{" in raw["pattern"]:
            self._expand_fragments(name, raw, rid)
            if len(self.errors) > errors_before:
                return None  # the unexpanded name is the error, not the regex it leaves
        terms: tuple[str, ...] = tuple(raw.get("terms") or ())
        if detector == "terms_file":
            terms = self._read_terms_file(path, raw, fail)
        _check_fields(raw, detector, fail, _is_bundled(path))
        active = _active_of(raw, fail)
        events = events_field(name, path, raw, self.lists, fail) if detector == "events" else None
        window_places(name, raw, self.lists)
        veto = veto_field(path, raw, fail) if raw.get("veto") else None
        if veto is not None:
            self.inputs.append(Path(veto.model_file))
        if len(self.errors) > errors_before:
            return None
        rule = rule_from(
            raw, detector, terms, active, SourcePos(name, raw.pos[0], raw.pos[1]),
            pack=doc.get("name") or path.stem,
        )
        if veto is not None:
            rule = replace(rule, veto=veto)
        return replace(rule, events=events) if events is not None else rule

    def _expand_fragments(self, name: str, raw: LocDict, rid: str) -> None:
        """Put the pack's fragments into the rule's pattern, in place; an error at the reference
        for each `{{name}}` that no fragment defines."""
        def fail(ref: str, message: str, hint: str) -> None:
            line, col = reference_place(self.lines.get(name, []), raw.value_pos["pattern"], ref)
            self.errors.append(RulePackError(name, line, col, rid, message, hint))

        raw["pattern"] = self.fragments.expand(raw["pattern"], fail)

    def _read_terms_file(self, path: Path, raw: LocDict, fail: Any) -> tuple[str, ...]:
        given = raw["terms_file"]
        try:
            self.inputs.append(path.parent / given)
            lines = read_terms_file(path.parent, given)
        except FileNotFoundError:
            fail(
                "terms_file",
                f"terms file '{given}' not found (looked at {path.parent / given})",
                "paths are relative to the rule file",
            )
            return ()
        except TermsFileError as exc:
            fail("terms_file", f"terms file '{given}': {exc}", exc.hint)
            return ()
        except (OSError, UnicodeDecodeError) as exc:
            fail(
                "terms_file",
                f"cannot read terms file '{given}': {exc}",
                "save it as UTF-8 text, one term per line",
            )
            return ()
        terms = tuple(t for line in lines if (t := line.strip()) and not t.startswith("#"))
        if not terms:
            fail(
                "terms_file",
                f"terms file '{raw['terms_file']}' holds no terms",
                "one term per line; lines starting with # are comments",
            )
        return terms

    def finish(self) -> Pack:
        settings = settings_from(self.settings, **self.loop.settings())
        rules = tuple(self.rules.values())
        allow = tuple(dict.fromkeys(self.allow))
        name = self.names[-1] if self.names else "default"
        return Pack(
            name, rules, allow, settings, tuple(self.files),
            pack_digest(rules, allow, settings, tuple(self.hashed_allow)),
            hashed_allow=tuple(self.hashed_allow), raw=self.raw,
            definitions={k: tuple(v) for k, v in self.definitions.items()},
        )


Fail = Callable[..., None]


def _detector_of(raw: LocDict, fail: Fail) -> str | None:
    """The rule's one detector key, or None after reporting none or several."""
    detectors = [k for k in registry.KEYS if k in raw]
    if not detectors:
        fail(None, "the rule has no detector", "add exactly one of: " + ", ".join(registry.KEYS))
        return None
    if len(detectors) > 1:
        fail(None, f"a rule takes exactly one detector key, found {' and '.join(detectors)}",
             "split it into two rules with their own ids", at=raw.key_pos[detectors[1]])
        return None
    return detectors[0]


def _check_fields(raw: LocDict, detector: str, fail: Fail, bundled: bool) -> None:
    """What the schema cannot say: patterns compile and cannot run away, modifiers fit."""
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            regex.compile(pattern, regex.V0)
        except regex.error as exc:
            fail("pattern", f"the pattern does not compile: {exc}",
                 "escape special characters with a backslash, e.g. \\. \\( \\$")
        else:
            _refuse_catastrophic(pattern, fail, "pattern", None, bundled)
    if "match" in raw and registry.KINDS[detector].family != "terms":
        fail("match", "'match' applies to terms, terms_file and hashed rules only",
             "for a pattern use inline flags such as (?i); remove 'match'")
    if "exclude" in raw and not (raw["exclude"].get("words") or raw["exclude"].get("patterns")):
        fail("exclude", "'exclude' needs 'words' or 'patterns'", "list what drops the finding")
    if "near" in raw and not (raw["near"].get("category") or raw["near"].get("rule")):
        fail("near", "'near' needs a 'category' or a 'rule'", "name what must be close by")
    if "validate" in raw and detector != "pattern":
        fail("validate", "'validate' applies to pattern rules only",
             "move the checksum onto a pattern rule")
    if "unless" in raw and detector != "pattern":
        fail("unless", "'unless' applies to pattern rules only",
             "remove 'unless', or put it on the pattern rule whose values may be samples")
    unless = as_list(raw.get("unless"))
    twice = sorted({name for name in unless if unless.count(name) > 1})
    if twice:
        fail("unless", f"'unless' names {', '.join(twice)} more than once",
             "list each check once")
    if "replace_with" in raw and raw.get("remove"):
        fail("remove", "'remove: true' and 'replace_with' both say how to fix the match",
             "keep one: replace_with for an approved wording, remove for a secret")
    exclude = raw.get("exclude") or {}
    for j, pat in enumerate(exclude.get("patterns") or ()):
        at = exclude["patterns"].item_pos[j]
        try:
            regex.compile(pat, regex.V0)  # as the engine compiles it
        except regex.error as exc:
            fail("exclude", f"the exclude pattern does not compile: {exc}", at=at)
        else:
            _refuse_catastrophic(pat, fail, "exclude", at, bundled)


def _is_bundled(path: Path) -> bool:
    return path.resolve().parent == bundled_dir().resolve()


def _refuse_catastrophic(
    pattern: str, fail: Fail, key: str, at: tuple[int, int] | None, bundled: bool
) -> None:
    # What lint calls catastrophic must not load: at run time it would spend the whole budget
    # on every draft. The bundled packs are lint-clean (a test holds them to it): not re-probed.
    if bundled:
        return
    for risk in pattern_risks(pattern):
        if risk.confirmed:
            fail(key, risk.describe(), RUNAWAY_FIX, at=at)


def _active_of(raw: LocDict, fail: Fail) -> Active | None:
    """The rule's `active` dates, in order."""
    active = raw.get("active")
    if not active:
        return None
    start = dt.date.fromisoformat(str(active["from"])) if "from" in active else None
    until = dt.date.fromisoformat(str(active["until"])) if "until" in active else None
    if start and until and start > until:
        fail("active", f"'from' {start} is after 'until' {until}", "swap the dates")
    return Active(start, until)
