"""False-alarm reports -> a proposed rule change, as an overlay pack that `rules test` holds.

For each rule with reported drafts: the drafts become `examples.pass`, and the smallest change
that lets them pass while every `examples.flag` still flags: an `allow` phrase (the matched
words with a neighbour) or `exclude` words near the match. A hashed rule gets `exclude` words
only and no examples, so the proposal holds no term in clear. Every proposal is checked by
loading the overlay and running the rule's examples and the reported drafts through it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from guard.authoring.examples import run_examples
from guard.authoring.info import raw_rule
from guard.engine import Guard
from guard.errors import UsageError
from guard.models import Rule
from guard.packs.loader import Pack, load_pack, resolve_bundled

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*")


@dataclass
class Proposal:
    """What tuning proposes for one rule, and whether the overlay holds."""

    rule: str
    reports: int
    drafts: list[str]
    change: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def read_feedback(source: str) -> list[dict[str, Any]]:
    """False-alarm reports from a JSON/JSONL file or from an audit store (path or URL)."""
    if source.endswith((".json", ".jsonl")):
        try:
            raw = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read feedback file '{source}': {exc.strerror}") from None
        try:
            items = (json.loads(raw) if source.endswith(".json")
                     else [json.loads(line) for line in raw.splitlines() if line.strip()])
        except json.JSONDecodeError as exc:
            raise UsageError(f"{source}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg})") from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise UsageError(f"{source}: expected feedback objects {{rule, kind, text}}")
    else:
        from guard.audit.store import AuditStore

        store = AuditStore(source)
        try:
            items = store.rows(None)["feedback"]
        finally:
            store.close()
    return [i for i in items if i.get("kind") == "false-alarm" and isinstance(i.get("rule"), str)]


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _in_any(phrase: str, drafts: tuple[str, ...]) -> bool:
    return any(phrase.casefold() in d.casefold() for d in drafts)


def _candidates(rule: Rule, guard: Guard, drafts: list[str]) -> list[dict[str, Any]]:
    """Changes to try, smallest first: allow phrases (plain rules), then exclude words."""
    flags = rule.examples.flag
    allow: list[str] = []
    exclude: list[str] = []
    for draft in drafts:
        spans = [(f.start, f.end) for f in guard.check(draft).findings if f.rule == rule.id]
        words = _words(draft)
        for start, end in spans:
            inside = [i for i, w in enumerate(words) if w[0] < end and w[1] > start]
            if not inside:
                continue
            first, last = inside[0], inside[-1]
            # The matched words with the next or the previous word ("Falcon Heavy"); a short
            # neighbour ("the Falcon") would allow nearly every real leak.
            for a, b, extra in ((first, last + 1, last + 1), (first - 1, last, first - 1)):
                if a >= 0 and b < len(words) and rule.hashed is None \
                        and len(words[extra][2]) > 3:
                    phrase = draft[words[a][0]:words[b][1]]
                    if not _in_any(phrase, flags):
                        allow.append(phrase)
            flag_words = {w.casefold() for d in flags for _, _, w in _words(d)}
            near = sorted((i for i in range(len(words)) if i not in inside),
                          key=lambda i: abs(i - first))
            exclude += [words[i][2].casefold() for i in near
                        if len(words[i][2]) > 3 and words[i][2].casefold() not in flag_words][:3]
    out: list[dict[str, Any]] = []
    # One allow phrase per draft is the narrowest change; try them one by one, then all.
    out += [{"allow": [phrase]} for phrase in dict.fromkeys(allow)]
    if len(set(allow)) > 1:
        out.append({"allow": list(dict.fromkeys(allow))})
    if exclude:
        out.append({"exclude": {"words": list(dict.fromkeys(exclude))}})
    return out


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node.isoformat() if isinstance(node, dt.date) else node


def _patched(raw: dict[str, Any], change: dict[str, Any], drafts: list[str],
             hashed: bool) -> dict[str, Any]:
    rule = _plain(raw)
    if "allow" in change:
        rule["allow"] = list(dict.fromkeys([*(rule.get("allow") or []), *change["allow"]]))
    if "exclude" in change:
        exclude = rule.setdefault("exclude", {})
        exclude["words"] = list(dict.fromkeys([*(exclude.get("words") or []),
                                               *change["exclude"]["words"]]))
    if not hashed:
        examples = rule.setdefault("examples", {})
        examples["pass"] = list(dict.fromkeys([*(examples.get("pass") or []), *drafts]))
    return rule


def _extends(sources: list[str], out_dir: Path) -> list[str]:
    # Bundled names stay names; files become relative to the overlay's folder.
    return [s if resolve_bundled(s) and not Path(s).is_file()
            else os.path.relpath(Path(s).resolve(), out_dir.resolve()) for s in sources]


def overlay_text(pack: Pack, sources: list[str], rules: list[dict[str, Any]], out_dir: Path,
                 reports: int) -> str:
    """The overlay pack: extends the tuned pack, redefines the tuned rules."""
    extends = _extends(sources, out_dir)
    doc = {"version": 1, "name": pack.name, "extends": extends, "rules": rules}
    head = (f"# guard rules tune: from {reports} false-alarm report(s). Review, then merge the\n"
            "# rules below into their pack (or keep this file as an overlay).\n")
    return head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def tune(pack: Pack, sources: list[str], feedback: list[dict[str, Any]], out_dir: Path,
         today: dt.date | None = None, nlp: bool = True) -> tuple[str | None, list[Proposal]]:
    """The overlay text (None when nothing holds) and what was proposed for each rule."""
    guard = Guard(pack, today=today, nlp=nlp)
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for item in feedback:
        by_rule.setdefault(item["rule"], []).append(item)
    proposals, patched = [], []
    for rid, items in sorted(by_rule.items()):
        drafts = list(dict.fromkeys(i["text"] for i in items if isinstance(i.get("text"), str)))
        proposal = Proposal(rid, len(items), drafts)
        proposals.append(proposal)
        rule, raw = pack.rule(rid), None
        if rule is not None:
            raw = raw_rule(pack, rule)
        if rule is None or raw is None:
            proposal.note = "no such rule in this pack"
            continue
        firing = [d for d in drafts if any(f.rule == rid for f in guard.check(d).findings)]
        if not firing:
            proposal.note = ("no reported draft to learn from (reporters did not send the text)"
                             if not drafts else "the reported drafts no longer fire this rule")
            continue
        for change in _candidates(rule, guard, firing):
            new = _patched(raw, change, firing, rule.hashed is not None)
            if _holds(pack, sources, new, firing, out_dir, today, nlp):
                proposal.change, proposal.drafts = change, firing
                patched.append(new)
                break
        else:
            proposal.note = "no allow phrase or exclude word lets the drafts pass while the " \
                            "flag examples still flag; change the rule by hand"
    if not patched:
        return None, proposals
    reports = sum(p.reports for p in proposals)
    return overlay_text(pack, sources, patched, out_dir, reports), proposals


def _holds(pack: Pack, sources: list[str], rule: dict[str, Any], drafts: list[str], out_dir: Path,
           today: dt.date | None, nlp: bool) -> bool:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=out_dir, delete=False,
                                     encoding="utf-8") as tmp:
        tmp.write(overlay_text(pack, sources, [rule], out_dir, 0))
    try:
        trial = load_pack([tmp.name])
        results = run_examples(trial, today, nlp=nlp)
        if any(o.rule == rule["id"] for o in results.failures):
            return False
        guard = Guard(trial, today=today, nlp=nlp)
        return not any(f.rule == rule["id"] for d in drafts for f in guard.check(d).findings)
    finally:
        os.unlink(tmp.name)
