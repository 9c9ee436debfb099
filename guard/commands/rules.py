"""`guard rules ...`: the compliance team's tools. Thin shells: the work is in guard/pack*.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from guard.commands.declared import NoNlpOpt, RulesOpt, TodayOpt
from guard.commands.options import parse_today
from guard.errors import UsageError
from guard.packs.loader import discover, load_pack
from guard.packs.schema import json_schema

app = typer.Typer(help="Lint, test, hash and describe rule packs.", no_args_is_help=True)


class Format(str, Enum):
    """Output formats of the `rules` commands."""

    text = "text"
    json = "json"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(metavar="PATH", help="Rule files or bundled pack names, stacked in order "
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
    from guard.authoring.lint import counts, exit_code
    from guard.authoring.lint import lint as lint_pack

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
    from guard.authoring.info import list_rules as listing

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


@app.command("test")
def test(
    paths: PathsArg = None,
    output_format: FormatOpt = Format.text,
    today: TodayOpt = None,
    no_nlp: NoNlpOpt = False,
) -> int:
    """Run every rule's examples through the engine; exit 1 on any failure."""
    from guard.authoring.examples import run_examples

    day = _day(today)
    pack = load_pack(_sources(paths))
    results = run_examples(pack, day, nlp=not no_nlp)
    failures = results.failures
    if output_format == Format.json:
        _json({"pack": pack.name, "today": str(day), "examples": len(results.outcomes),
               "failed": len(failures),
               "results": [dataclasses.asdict(o) for o in results.outcomes],
               "without_examples": results.without_examples, "skipped": results.skipped})
        return 1 if failures else 0
    out = sys.stdout
    for o in failures:
        expected = (f"a finding of {o.rule}" if o.expect == "flag" else f"no finding of {o.rule}")
        out.write(f"FAIL {o.source}: {o.rule}: {o.expect} example\n")
        out.write(f"  draft:    {o.draft!r}\n  expected: {expected}\n")
        if o.error:
            out.write(f"  found:    the check could not run: {o.error}\n")
        else:
            found = "; ".join(o.found) if o.found else f"no finding of {o.rule}"
            out.write(f"  found:    {found}\n")
            if o.others:
                out.write(f"  other findings: {'; '.join(o.others)}\n")
    for rule_id, why in results.skipped.items():
        out.write(f"skipped {rule_id}: {why}\n")
    if results.without_examples:
        out.write(f"rules without examples ({len(results.without_examples)}): "
                  f"{', '.join(results.without_examples)}\n")
    tested = len({o.rule for o in results.outcomes})
    out.write(f"{tested} rule(s), {len(results.outcomes)} example(s): "
              f"{len(results.outcomes) - len(failures)} passed, {len(failures)} failed "
              f"(as of {day})\n")
    return 1 if failures else 0


@app.command("hash")
def hash_(
    src: Annotated[str, typer.Argument(metavar="SRC", help="The plain rule file.")],
    out: Annotated[str, typer.Option("--output", "-o", metavar="OUT", help="Where to write the "
                                     "hashed pack.")],
    salt_from_env: Annotated[
        str | None, typer.Option("--salt-from-env", metavar="VAR",
                                 help="Take the salt from this environment variable "
                                      "(default: a new random salt).")
    ] = None,
) -> int:
    """Write a pack whose terms/terms_file rules become hashed; no term stays in clear."""
    from guard.authoring.hashpack import hash_pack, new_salt
    from guard.authoring.hashpack import salt_from_env as env_salt

    target = Path(out)
    if not target.resolve().parent.is_dir():
        raise UsageError(f"-o {out}: the folder {target.parent} does not exist")
    if Path(src).is_file() and target.resolve() == Path(src).resolve():
        raise UsageError("-o must name a new file: hashing in place would lose the plain pack")
    salt = env_salt(salt_from_env) if salt_from_env else new_salt()
    result = hash_pack(src, out, salt)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(result.text, encoding="utf-8")
    try:
        load_pack([str(tmp)])  # never leave a pack behind that the guard cannot load
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    sys.stdout.write(f"wrote {out}: {len(result.hashed_rules)} rule(s) hashed "
                     f"({', '.join(result.hashed_rules) or 'none'}); salt "
                     f"{'from $' + salt_from_env if salt_from_env else 'random'}\n")
    for note in dict.fromkeys(result.notes):
        sys.stdout.write(f"note: {note}\n")
    return 0


@app.command("tune")
def tune(
    feedback: Annotated[str, typer.Argument(
        metavar="FEEDBACK", help="The audit store (path or postgresql:// URL) or a JSON/JSONL "
        "file of {rule, kind: false-alarm, text} reports.")],
    rules: RulesOpt = None,
    out: Annotated[str | None, typer.Option("--output", "-o", metavar="OUT",
                                            help="Write the overlay pack here (default: "
                                            "standard output).")] = None,
    today: TodayOpt = None,
    no_nlp: NoNlpOpt = False,
) -> int:
    """Propose rule changes from false-alarm reports, as an overlay pack `rules test` holds."""
    from guard.audit.tune import read_feedback
    from guard.audit.tune import tune as propose

    target = Path(out) if out else None
    if target is not None and not target.resolve().parent.is_dir():
        raise UsageError(f"-o {out}: the folder {target.parent} does not exist")
    sources = _sources(rules)
    pack = load_pack(sources)
    items = read_feedback(feedback)
    text, proposals = propose(pack, sources, items, (target or Path("x")).resolve().parent,
                              parse_today(today), nlp=not no_nlp)
    for p in proposals:
        if p.change:
            what = ", ".join(f"{k}: {v if k == 'allow' or not v.get('words') else v['words']}"
                             for k, v in p.change.items())
            sys.stderr.write(f"{p.rule}: {p.reports} report(s); proposed {what}; "
                             f"{len(p.drafts)} draft(s) now pass, its examples still hold\n")
        else:
            sys.stderr.write(f"{p.rule}: {p.reports} report(s); no proposal: {p.note}\n")
    if text is None:
        sys.stderr.write("nothing to propose\n")
        return 1 if proposals else 0
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
        sys.stderr.write(f"wrote {out}: check it with `guard rules test {out}`\n")
    return 0
