"""`guard explain RULE_ID`: what a rule matches, how it scores, its examples, its source."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer

from guard.authoring.info import close_ids, explain
from guard.commands.declared import RulesOpt, TodayOpt
from guard.commands.options import parse_today
from guard.commands.rules import Format, FormatOpt
from guard.errors import UsageError
from guard.packs.loader import discover, load_pack


def command(
    rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule id, e.g. pii.email.")],
    rules: RulesOpt = None,
    output_format: FormatOpt = Format.text,
    today: TodayOpt = None,
) -> int:
    """Show what a rule matches, its severity, examples and source file and line."""
    day = parse_today(today) or dt.date.today()
    pack = load_pack(discover(rules or ()))
    rule = pack.rule(rule_id)
    if rule is None:
        close = close_ids(pack, rule_id)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `guard rules list` shows them"
        raise UsageError(f"no rule '{rule_id}' in pack '{pack.name}'{hint}")
    data = explain(pack, rule, day)
    if output_format == Format.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    sys.stdout.write(render(data) + "\n")
    return 0


def _words(block: dict[str, Any]) -> str:
    parts = [", ".join(block["words"])] if block.get("words") else []
    parts += [f"/{p}/" for p in block.get("patterns", [])]
    return f"{'; '.join(parts)} within {block['window']} tokens"


def render(data: dict[str, Any]) -> str:
    """The explanation as text for people."""
    lines = [f"{data['id']}  ({data['status']})",
             f"  defined at  {data['source']}  (pack '{data['pack']}')"]
    lines += [f"  overrides   {place}" for place in data["overrides"]]
    lines.append(f"  severity    {data['severity']}, category {data['category']}, "
                 f"confidence {data['confidence']:g}")
    found = data["matches"]
    if "terms" in found:
        src = f" from {found['terms_file']}" if "terms_file" in found else ""
        m = found["match"]
        terms = ", ".join(found["terms"])
        lines.append(f"  matches     {len(found['terms'])} term(s){src}: {terms}")
        lines.append(f"              case {m['case']}, fuzzy {m['fuzzy']}, "
                     f"disguises {'on' if m['evasion'] else 'off'}")
    elif "hashed_terms" in found:
        lines.append(f"  matches     {found['hashed_terms']} hashed term(s) "
                     f"({found['algorithm']}); the terms themselves are not in the pack")
    elif "pattern" in found:
        lines.append(f"  matches     pattern {found['pattern']}")
        if found["validate"]:
            lines.append(f"              checksum {', '.join(found['validate'])}")
        if found.get("unless"):
            lines.append(f"              unless {', '.join(found['unless'])} (the value is "
                         f"nobody's: dropped)")
    elif "entity" in found:
        lines.append(f"  matches     entities labelled {', '.join(found['entity'])} (spaCy)")
    elif "events" in found:
        kinds = ", ".join(f"{k} ({n} words)" for k, n in found["events"].items())
        cues = ", ".join(f"{k} {n}" for k, n in found["cues"].items())
        th = found["thresholds"]
        lines.append(f"  matches     events: {kinds}")
        lines.append(f"              cue words: {cues}")
        if found.get("secrecy"):
            forms = ", ".join(f"{k} {n}" for k, n in found["secrecy"].items())
            lines.append(f"              secrecy grammar (`secrecy:` forms): {forms}")
        lines.append(f"              scorer {found['model']} ({found['model_digest'][:19]}), "
                     f"fires at {th['threshold']:g} ({th['public']:g} with public wording, "
                     f"{th['secret']:g} with a secret about the author's company, at least "
                     f"{th['bare']:g} with no secrecy cue, figure or date)")
    else:
        lines.append(f"  matches     {found['phrases']} spaCy token pattern(s)")
    if data.get("allow"):
        lines.append(f"  allow       {', '.join(data['allow'])}")
    if "context" in data:
        lines.append(f"  context     {_words(data['context'])} raise the confidence")
    if "exclude" in data:
        lines.append(f"  exclude     {_words(data['exclude'])} drop the finding")
    if "veto" in data:
        veto = data["veto"]
        lines.append(f"  veto        scorer {veto['model']} ({veto['model_digest'][:19]}) "
                     f"drops the finding when p(leak) < {veto['below']:g}")
    if "defer_to" in data:
        lines.append(f"  defers to   {', '.join(data['defer_to'])} (stands aside on a draft they "
                     "report)")
    if "near" in data:
        near = data["near"]
        names = [*(f"category {c}" for c in near["category"]), *(f"rule {r}" for r in near["rule"])]
        lines.append(f"  near        counts only within {near['window']} tokens of "
                     f"{' or '.join(names)}")
    if "active" in data:
        act = data["active"]
        lines.append(f"  active      from {act['from'] or 'always'} until {act['until'] or 'open'}")
    lines.append(f"  message     {data['message']}")
    if data["suggestion"]:
        lines.append(f"  suggestion  {data['suggestion']}")
    examples = data["examples"]
    if not examples["flag"] and not examples["pass"]:
        lines.append("  examples    none (add some: `guard rules test` checks them)")
    lines += [f"  flags       {e!r}" for e in examples["flag"]]
    lines += [f"  passes      {e!r}" for e in examples["pass"]]
    return "\n".join(lines)
