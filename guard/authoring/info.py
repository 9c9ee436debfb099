"""What a loaded pack holds: where each rule is written, which it overrides, what it matches.

Data for `guard rules list` and `guard explain`; also the raw YAML of each file of a pack, which
`rules lint` needs for positions the Rule model does not keep (each term's line, say).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from guard.detect.registry import kind
from guard.models import Rule, SourcePos
from guard.packs.loader import Pack
from guard.packs.yamlsrc import LocDict


def raw_rule(pack: Pack, rule: Rule) -> LocDict | None:
    """The YAML mapping a rule was built from, as the loader kept it."""
    return pack.raw.get(rule.id)


def definitions(pack: Pack) -> dict[str, list[SourcePos]]:
    """Every place each rule id is defined, in load order (the last one is in effect)."""
    return {rule_id: list(places) for rule_id, places in pack.definitions.items()}


def rule_status(rule: Rule, day: dt.date) -> str:
    """`active`, `expired YYYY-MM-DD` or `starts YYYY-MM-DD` as of `day`."""
    if rule.is_active(day) or rule.active is None:
        return "active"
    if rule.active.until is not None and day > rule.active.until:
        return f"expired {rule.active.until}"
    return f"starts {rule.active.start}"


@dataclass(frozen=True, slots=True)
class Listed:
    """One effective rule for `guard rules list`."""

    id: str
    detector: str
    severity: str
    category: str
    source: str
    status: str
    overrides: tuple[str, ...]


def list_rules(pack: Pack, day: dt.date) -> list[Listed]:
    """The effective rules after extends and overrides, where each comes from, and its status."""
    places = definitions(pack)
    out = []
    for rule in pack.rules:
        here = str(rule.source) if rule.source else "?"
        earlier = tuple(str(p) for p in places.get(rule.id, []) if str(p) != here)
        out.append(Listed(rule.id, rule.detector, rule.severity, rule.category, here,
                          rule_status(rule, day), earlier))
    return out


def close_ids(pack: Pack, rule_id: str) -> list[str]:
    """Rule ids that look like `rule_id`, for a did-you-mean."""
    ids = [r.id for r in pack.rules]
    close = difflib.get_close_matches(rule_id, ids, n=3, cutoff=0.5)
    by_prefix = [i for i in ids if i.startswith(rule_id) or rule_id.split(".")[-1] in i.split(".")]
    return list(dict.fromkeys([*close, *by_prefix]))[:5]


def matches(rule: Rule) -> dict[str, Any]:
    """What the rule's detector looks for; a hashed rule gives only how many terms it holds."""
    if kind(rule).term_list:
        out: dict[str, Any] = {"terms": list(rule.terms)}
        if rule.terms_file:
            out["terms_file"] = rule.terms_file
        out["match"] = {"case": rule.match.case, "fuzzy": rule.match.fuzzy,
                        "evasion": rule.match.evasion}
        return out
    if rule.detector == "hashed" and rule.hashed is not None:
        return {"hashed_terms": len(rule.hashed.digests), "algorithm": rule.hashed.algorithm}
    if rule.detector == "pattern":
        return {"pattern": rule.pattern, "validate": list(rule.validate),
                "unless": list(rule.unless)}
    if rule.detector == "entity":
        return {"entity": list(rule.entity)}
    if rule.detector == "events" and rule.events is not None:
        ev = rule.events
        return {"events": {k.name: len(k.words) for k in ev.kinds},
                "cues": {f: len(getattr(ev, f))
                         for f in ("nonpublic", "own", "public", "ahead", "elsewhere")},
                "secrecy": {say: sum(f.says == say for f in ev.secrecy)
                            for say in dict.fromkeys(f.says for f in ev.secrecy)},
                "model": ev.model, "model_digest": ev.model_digest,
                "thresholds": {"threshold": ev.threshold, "public": ev.public_threshold,
                               "secret": ev.secret_threshold, "bare": ev.bare_threshold}}
    return {"phrases": len(rule.phrases)}


def explain(pack: Pack, rule: Rule, day: dt.date) -> dict[str, Any]:
    """Everything `guard explain` shows about one rule, as data."""
    places = definitions(pack)
    here = str(rule.source) if rule.source else "?"
    data: dict[str, Any] = {
        "id": rule.id, "detector": rule.detector, "matches": matches(rule),
        "severity": rule.severity, "category": rule.category, "confidence": rule.confidence,
        "message": rule.message, "suggestion": rule.suggestion,
        "source": here, "pack": rule.pack,
        "overrides": [str(p) for p in places.get(rule.id, []) if str(p) != here],
        "status": rule_status(rule, day),
    }
    if rule.allow:
        data["allow"] = list(rule.allow)
    for name, window in (("context", rule.context), ("exclude", rule.exclude)):
        if window is not None:
            data[name] = {"words": list(window.words), "patterns": list(window.patterns),
                          "window": window.window}
    if rule.veto is not None:
        data["veto"] = {"model": rule.veto.model, "model_digest": rule.veto.model_digest,
                        "below": rule.veto.below}
    if rule.defer_to:
        data["defer_to"] = list(rule.defer_to)
    if rule.near is not None:
        data["near"] = {"category": list(rule.near.categories), "rule": list(rule.near.rules),
                        "window": rule.near.window}
    if rule.active is not None:
        data["active"] = {"from": str(rule.active.start) if rule.active.start else None,
                          "until": str(rule.active.until) if rule.active.until else None}
    data["examples"] = {"flag": list(rule.examples.flag), "pass": list(rule.examples.passes)}
    for name in ("tags", "owner", "redact"):
        value = getattr(rule, name)
        if value:
            data[name] = list(value) if isinstance(value, tuple) else value
    return data
