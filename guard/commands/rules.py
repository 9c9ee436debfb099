"""`guard rules ...`: the compliance team's tools. Thin shells: the work is in guard/pack*.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer

from ..rulepack import discover, load_pack
from ..schema import json_schema
from .options import RulesOpt, TodayOpt, parse_today

app = typer.Typer(help="Lint, test, hash and describe rule packs.", no_args_is_help=True)


class Format(str, Enum):
    """Output formats of the `rules` commands."""

    text = "text"
    json = "json"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="[PATH]...", help="Rule files or bundled pack names, stacked in order "
                   "(default: found the usual way: $GUARD_RULES, .guard.yaml, default).",
                   show_default=False),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]


def _sources(paths: list[str] | None) -> list[str]:
    return discover(paths or ())


def _day(today: str | None) -> dt.date:
    return parse_today(today) or dt.date.today()


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command("lint")
def lint(
    paths: PathsArg = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 2).")] = False,
    output_format: FormatOpt = Format.text,
    today: TodayOpt = None,
) -> int:
    """Check rule files: errors exit 2; warnings exit 0 unless --strict."""
    from ..packlint import counts, exit_code
    from ..packlint import lint as lint_pack

    issues = lint_pack(_sources(paths), _day(today))
    tally = counts(issues)
    if output_format == Format.json:
        _json({"issues": [dataclasses.asdict(i) for i in issues], "counts": tally,
               "strict": strict})
    else:
        for issue in issues:
            sys.stdout.write(f"{issue}\n")
        sys.stdout.write(f"{tally['error']} error(s), {tally['warning']} warning(s), "
                         f"{tally['info']} note(s)\n")
    return exit_code(issues, strict)


@app.command("schema")
def schema() -> int:
    """Print the JSON Schema of the rule format (for editors' YAML completion)."""
    _json(json_schema())
    return 0


@app.command("list")
def list_rules(
    rules: RulesOpt = None,
    output_format: FormatOpt = Format.text,
    today: TodayOpt = None,
) -> int:
    """The effective rules after extends and overrides: where each comes from, which are off."""
    from ..packinfo import list_rules as listing

    day = _day(today)
    pack = load_pack(discover(rules or ()))
    rows = listing(pack, day)
    if output_format == Format.json:
        _json({"pack": pack.name, "today": str(day),
               "rules": [dataclasses.asdict(r) for r in rows]})
        return 0
    width = max((len(r.id) for r in rows), default=0)
    for row in rows:
        status = "" if row.status == "active" else f"  [inactive: {row.status}]"
        over = f"  (overrides {', '.join(row.overrides)})" if row.overrides else ""
        sys.stdout.write(f"{row.id:<{width}}  {row.severity:<8}  {row.detector:<10}  "
                         f"{row.source}{status}{over}\n")
    inactive = sum(1 for r in rows if r.status != "active")
    sys.stdout.write(f"{len(rows)} rule(s) in pack '{pack.name}', {inactive} inactive on {day}\n")
    return 0
