"""Raw values of a rule file -> model values, and schema problems -> positioned errors.

The loader (rulepack.py) walks files and `extends`; this module only converts one YAML value at
a time, so each conversion can be read and tested on its own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace
from typing import Any

from guard.detect import registry
from guard.errors import RulePackError
from guard.models import (
    Active,
    Escalate,
    Examples,
    HashedTerms,
    MatchOptions,
    Near,
    Rule,
    Settings,
    SourcePos,
    Window,
)
from guard.packs import schema
from guard.packs.nodes import Problem
from guard.packs.yamlsrc import LocDict, LocList

Origin = tuple[str, int, int]  # where an extends entry was written


def origin_of(name: str, doc: LocDict, path: tuple[Any, ...]) -> Origin:
    line, col = position(doc, path, at_key=False)
    return name, line, col


def position(doc: Any, path: tuple[Any, ...], at_key: bool) -> tuple[int, int]:
    node = doc
    pos = getattr(doc, "pos", (1, 1))
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, LocDict) and step in node:
            pos = node.key_pos[step] if (last and at_key) else node.value_pos[step]
            node = node[step]
        elif isinstance(node, LocList) and isinstance(step, int) and step < len(node):
            pos = node.item_pos[step]
            node = node[step]
        else:
            break
    return pos


def problem_error(name: str, doc: Any, problem: Problem) -> RulePackError:
    line, col = position(doc, problem.path, problem.at_key)
    rule_id = None
    if len(problem.path) >= 2 and problem.path[0] == "rules" and isinstance(problem.path[1], int):
        raw = doc["rules"][problem.path[1]]
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            rule_id = raw["id"]
        else:
            rule_id = f"rules[{problem.path[1]}]"
    where = ".".join(str(p) for p in problem.path if not isinstance(p, int) or p is None)
    message = problem.message
    if where and not problem.at_key:
        message = f"{where}: {message}"
    return RulePackError(name, line, col, rule_id, message, problem.hint)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, freeze(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def match_options(raw: dict[str, Any] | None) -> MatchOptions:
    raw = raw or {}
    return MatchOptions(
        raw.get("case", schema.CASE.default),
        raw.get("fuzzy", schema.FUZZY.default),
        raw.get("evasion", schema.EVASION.default),
    )


def window(raw: dict[str, Any] | None) -> Window | None:
    if not raw:
        return None
    return Window(
        tuple(raw.get("words") or ()),
        tuple(raw.get("patterns") or ()),
        raw.get("window", schema.WINDOW.default),
    )


def near(raw: dict[str, Any] | None) -> Near | None:
    if not raw:
        return None
    return Near(
        tuple(as_list(raw.get("category"))),
        tuple(as_list(raw.get("rule"))),
        raw.get("window", schema.NEAR_WINDOW.default),
    )


def hashed_terms(raw: dict[str, Any] | None) -> HashedTerms | None:
    if not raw:
        return None
    return HashedTerms(
        raw["algorithm"], raw["salt"], tuple(raw["digests"]), tuple(raw.get("lengths") or ()),
        typos=tuple(raw.get("typos") or ()),
        allow=tuple(raw.get("allow") or ()),
        allow_lengths=tuple(raw.get("allow_lengths") or ()),
        allow_typos=tuple(raw.get("allow_typos") or ()),
    )


def escalate(raw: dict[str, Any] | None) -> Escalate | None:
    if not raw:
        return None
    return Escalate(tuple(as_list(raw["during"])), raw["severity"])


def settings_from(raw: dict[str, Any], **loop: Any) -> Settings:
    thresholds = raw.get("thresholds", {})
    return Settings(
        **loop,
        warn=thresholds.get("warn", schema.WARN.default),
        block=thresholds.get("block", schema.BLOCK.default),
        platform=raw.get("platform", schema.PLATFORM.default),
        languages=tuple(raw.get("languages", ("en",))),
        models=tuple(sorted(raw.get("models", {}).items())),
        pattern_timeout_ms=raw.get("pattern_timeout_ms", schema.PATTERN_TIMEOUT_MS.default),
    )


def pack_digest(
    rules: tuple[Rule, ...], allow: tuple[str, ...], settings: Settings,
    hashed_allow: tuple[HashedTerms, ...] = (),
) -> str:
    def plain(rule: Rule) -> dict[str, Any]:
        if rule.events is not None:
            # The model counts by its content digest, not by where it sits on this machine.
            rule = replace(rule, events=replace(rule.events, model_file=""))
        if rule.veto is not None:
            rule = replace(rule, veto=replace(rule.veto, model_file=""))
        data = asdict(replace(rule, source=None, pack=""))
        # a pack without them keeps its digest
        data = _without_unset(data, ("unless", "defer_to"), ())
        return _without_unset(data, ("override", "escalate", "veto"), None)

    # Keys of the compliance loop enter the digest only when set, so a pack that does not use
    # them keeps the digest it had; the calendar is covered, so a changed period is a new policy.
    empty = Settings()
    loop = {k: getattr(empty, k) for k in ("overrides", "audit_text", "calendar")}
    payload = {
        "rules": [plain(r) for r in rules],
        "allow": list(allow),
        "settings": {k: v for k, v in asdict(settings).items()
                     if k not in loop or v != loop[k]},
    }
    if hashed_allow:
        payload["hashed_allow"] = [asdict(h) for h in hashed_allow]
    blob = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode()
    return "sha256:" + hashlib.sha256(blob).hexdigest()


def rule_from(
    raw: LocDict,
    detector: str,
    terms: tuple[str, ...],
    active: Active | None,
    source: SourcePos,
    pack: str,
) -> Rule:
    """A validated raw rule as a Rule, every default filled in from the schema and registry."""
    rid = raw["id"]
    examples = raw.get("examples") or {}
    return Rule(
        id=rid,
        detector=detector,
        category=raw.get("category") or rid.split(".")[0],
        severity=raw.get("severity", schema.SEVERITY.default),
        confidence=float(raw.get("confidence", registry.KINDS[detector].confidence)),
        message=raw.get("message") or f"Matches rule {rid}",
        suggestion=raw.get("suggestion", ""),
        terms=terms,
        terms_file=raw.get("terms_file"),
        hashed=hashed_terms(raw.get("hashed")),
        pattern=raw.get("pattern"),
        entity=tuple(as_list(raw.get("entity"))),
        phrases=freeze(raw.get("phrases") or ()),
        match=match_options(raw.get("match")),
        allow=tuple(raw.get("allow") or ()),
        context=window(raw.get("context")),
        exclude=window(raw.get("exclude")),
        near=near(raw.get("near")),
        defer_to=tuple(as_list(raw.get("defer_to"))),
        validate=tuple(as_list(raw.get("validate"))),
        unless=tuple(as_list(raw.get("unless"))),
        active=active,
        examples=Examples(tuple(examples.get("flag") or ()), tuple(examples.get("pass") or ())),
        tags=tuple(raw.get("tags") or ()),
        owner=raw.get("owner", ""),
        redact=bool(raw.get("redact", False)),
        override=raw.get("override"),
        escalate=escalate(raw.get("escalate")),
        replace_with=raw.get("replace_with", ""),
        remove=bool(raw.get("remove", schema.RULE.fields["remove"].default)),
        source=source,
        pack=pack,
    )

def _without_unset(data: dict[str, Any], keys: tuple[str, ...], unset: Any) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys or v != unset}
