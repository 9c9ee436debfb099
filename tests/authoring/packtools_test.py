"""The compliance team's tools: rules lint/test/hash/schema/list and explain, run in-process."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from guard.authoring.hashpack import hash_pack
from guard.detect.redos import pattern_risks
from guard.packs.loader import bundled_dir, load_pack
from guard.packs.schema import json_schema
from guard.packs.yamlsrc import load_yaml
from tests.scripts import ROOT

BROKEN = ROOT / "tests" / "data" / "packs" / "broken"
TODAY = "2026-11-25"

# file -> (line, column, rule id or None, words of the message, severity, fails only with --strict)
CASES: dict[str, tuple[int, int, str | None, str, str, bool]] = {
    "yaml-syntax.yaml": (5, 5, None, "YAML syntax error", "error", False),
    "unknown-key.yaml": (5, 5, "codename.falcon", "unknown key 'severty' in rule (did you mean "
                         "'severity'?)", "error", False),
    "two-detectors.yaml": (5, 5, "codename.falcon", "exactly one detector key, found terms and "
                           "pattern", "error", False),
    "duplicate-id.yaml": (7, 5, "codename.falcon", "duplicate rule id (first defined on line 3)",
                          "error", False),
    "duplicate-key.yaml": (6, 5, None, "key 'severity' appears twice", "error", False),
    "bad-regex.yaml": (4, 14, "client.number", "the pattern does not compile", "error", False),
    "catastrophic-regex.yaml": (5, 14, "internal.ticket", "backtracks catastrophically", "error",
                                False),
    "missing-terms-file.yaml": (5, 17, "client.names", "terms file 'files/no-such-clients.txt' "
                                "not found", "error", False),
    "empty-terms.yaml": (5, 12, "client.names", "the list is empty", "error", False),
    "empty-terms-file.yaml": (5, 17, "client.names", "holds no terms", "error", False),
    "bad-severity.yaml": (5, 15, "codename.falcon", "'critcal' is not one of", "error", False),
    "bad-date.yaml": (5, 21, "codename.falcon", "'2027-02-30' is not a date", "error", False),
    "dates-reversed.yaml": (5, 13, "codename.falcon", "'from' 2027-03-01 is after 'until'",
                            "error", False),
    "bad-confidence.yaml": (5, 17, "codename.falcon", "1.5 is above the maximum 1", "error", False),
    "bad-id.yaml": (3, 9, "falcon", "'falcon' is not well formed", "error", False),
    "no-detector.yaml": (3, 5, "codename.falcon", "the rule has no detector", "error", False),
    "match-on-pattern.yaml": (5, 12, "client.number", "'match' applies to terms", "error", False),
    "thresholds-order.yaml": (4, 15, None, "thresholds out of order: warn 80 > block 60", "error",
                              False),
    "near-nothing.yaml": (6, 23, "client.globex", "'near' names category 'money' that no other "
                          "rule produces", "error", False),
    "near-unknown-rule.yaml": (6, 18, "client.globex", "names rule 'fin.amount' that no other rule "
                               "produces, so the rule never fires (did you mean 'fin.amounts'?)",
                               "error", False),
    "bad-phrase.yaml": (3, 5, "wording.results", "phrases pattern 1, token 2 (LOWERR): Extra "
                        "inputs are not permitted (did you mean 'LOWER'?)", "error", False),
    "unknown-entity.yaml": (4, 22, "people.names", "unknown entity label 'ORGANIZATION' (did you "
                            "mean 'ORG'?)", "error", False),
    "shadowed-term.yaml": (7, 9, "codename.falcon", "term 'Falcon' is also an allow phrase (line 8)"
                           ": it can never be flagged", "error", False),
    "expired.yaml": (6, 39, "codename.falcon", "the rule expired on 2025-03-01", "warning", True),
    "no-examples.yaml": (3, 5, "codename.falcon", "the rule has no examples", "warning", True),
    "extends-missing.yaml": (2, 20, None, "rule file './acme-base.yaml' not found", "error", False),
    "version-2.yaml": (1, 10, None, "version: 2 is above the maximum 1", "error", False),
}
# The cycle is reported at the extends entry that closes it, in the other file.
CYCLE = (BROKEN / "cycle" / "other.yaml", 3, 5, "extends cycle")
SCHEMA_ERRORS = ["unknown-key.yaml", "two-detectors.yaml", "empty-terms.yaml", "bad-severity.yaml",
                 "bad-date.yaml", "bad-confidence.yaml", "bad-id.yaml", "no-detector.yaml",
                 "version-2.yaml"]


def test_every_broken_pack_has_a_case():
    files = {p.name for p in BROKEN.glob("*.yaml")}
    assert files == {*CASES, "extends-cycle.yaml"}
    assert len(files) >= 15


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_pack_is_rejected_at_its_line(cli, name):
    line, col, rule_id, words, severity, strict_only = CASES[name]
    path = BROKEN / name
    run = cli("rules", "lint", path, "--today", TODAY)
    head = f"{path}:{line}:{col}: {severity}: " + (f"{rule_id}: " if rule_id else "")
    assert any(out.startswith(head) and words in out for out in run.out.splitlines()), run.out
    assert run.code == (0 if strict_only else 2)
    strict = cli("rules", "lint", path, "--today", TODAY, "--strict")
    assert strict.code == 2


def test_extends_cycle_points_at_the_closing_entry(cli):
    other, line, col, words = CYCLE
    run = cli("rules", "lint", BROKEN / "extends-cycle.yaml")
    assert run.code == 2
    assert f"{other}:{line}:{col}: error: {words}" in run.out


def test_missing_rules_path(cli, tmp_path):
    run = cli("rules", "lint", "no-such-pack.yaml")
    assert run.code == 2
    assert "no-such-pack.yaml: error: rule file 'no-such-pack.yaml' not found" in run.out
    for args in (["rules", "list", "--rules", "nope.yaml"], ["rules", "test", "nope.yaml"],
                 ["explain", "pii.email", "-r", "nope.yaml"]):
        run = cli(*args)
        assert run.code == 2 and "rule file 'nope.yaml' not found" in run.err


def test_expired_rule_is_fine_before_its_date(cli):
    run = cli("rules", "lint", BROKEN / "expired.yaml", "--today", "2025-01-01", "--strict")
    assert run.code == 0, run.out


def test_lint_json(cli):
    run = cli("rules", "lint", BROKEN / "near-nothing.yaml", "--format", "json")
    data = run.json()
    assert run.code == 2
    assert data["counts"] == {"error": 1, "warning": 0, "info": 0}
    issue = data["issues"][0]
    assert (issue["line"], issue["column"], issue["rule_id"], issue["check"]) == (
        6, 23, "client.globex", "near")


def test_lint_override_names_both_places(cli, write_pack):
    base = write_pack("""\
        version: 1
        rules:
          - id: codename.falcon
            terms: [Falcon]
            examples: {flag: [Falcon ships]}
    """, "base.yaml")
    top = write_pack("""\
        version: 1
        extends: [base.yaml]
        rules:
          - id: codename.falcon
            terms: [Falcon, Project Falcon]
            examples: {flag: [Falcon ships]}
    """, "top.yaml")
    run = cli("rules", "lint", top, "--strict")
    assert run.code == 0, run.out
    expected = f"{top}:4:5: info: codename.falcon: overrides the rule of the same id at {base}:3:5"
    assert expected in run.out


def test_bundled_packs_lint_clean(cli):
    for path in sorted(bundled_dir().glob("*.yaml")):
        run = cli("rules", "lint", path, "--strict")
        assert run.code == 0, run.out


def test_regex_risks():
    assert pattern_risks(r"^(a|aa)+$")[0].confirmed
    assert not pattern_risks(r"(a+)+b")[0].confirmed  # suspicious shape; the engine copes
    assert pattern_risks(r"(\w+\s?)*$")
    assert pattern_risks(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}\b") == []
    assert pattern_risks(r"(?:[a-z0-9-]+\.)+[a-z]{2,}") == []


# --- rules test -----------------------------------------------------------------------------

def test_rules_test_reports_a_failure(cli, write_pack):
    path = write_pack("""\
        version: 1
        rules:
          - id: codename.falcon
            terms: [Falcon]
            allow: [Falcon Heavy]
            examples:
              flag: ["Falcon ships", "Falcon Heavy ships"]
              pass: ["Heron ships", "Falcon again"]
          - id: codename.heron
            terms: [Heron]
    """)
    run = cli("rules", "test", path)
    assert run.code == 1
    assert (f"FAIL {path}:3:5: codename.falcon: flag example\n  draft:    'Falcon Heavy ships'\n"
            "  expected: a finding of codename.falcon\n"
            "  found:    no finding of codename.falcon") in run.out
    assert ("  draft:    'Falcon again'\n  expected: no finding of codename.falcon\n"
            '  found:    codename.falcon: "Falcon" at 0-6') in run.out
    assert "rules without examples (1): codename.heron" in run.out
    assert "1 rule(s), 4 example(s): 2 passed, 2 failed" in run.out


def test_rules_test_honours_today_and_near(cli, write_pack):
    path = write_pack("""\
        version: 1
        rules:
          - id: client.globex
            category: client
            terms: [Globex]
            near: {category: money, window: 5}
            active: {until: 2026-06-30}
            examples:
              flag: ["Globex pays $3M"]
              pass: ["Globex is a fine company"]
          - id: fin.amount
            category: money
            pattern: '\\$\\d+M'
            examples: {flag: ["$3M"]}
    """)
    early = cli("rules", "test", path, "--today", "2026-01-01", "--format", "json")
    assert early.code == 0 and early.json()["failed"] == 0
    assert early.json()["examples"] == 3
    late = cli("rules", "test", path, "--today", "2026-07-01")
    assert late.code == 0
    assert "skipped client.globex: not active on 2026-07-01" in late.out


def test_rules_test_no_nlp_skips_entity_rules(cli, write_pack):
    path = write_pack("""\
        version: 1
        rules:
          - id: people.names
            entity: PERSON
            examples: {flag: ["Ada Lovelace joined"]}
    """)
    run = cli("rules", "test", path, "--no-nlp")
    assert run.code == 0
    assert "skipped people.names: needs the NLP models (--no-nlp)" in run.out


# --- schema ---------------------------------------------------------------------------------

def _validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schema_command_prints_the_schema(cli):
    run = cli("rules", "schema")
    assert run.code == 0
    assert run.json() == json_schema()


@pytest.mark.parametrize("path", sorted(bundled_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_bundled_pack(path):
    doc = load_yaml(path.read_text(encoding="utf-8"), str(path))
    errors = list(_validator().iter_errors(doc))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("name", SCHEMA_ERRORS)
def test_schema_rejects_broken_pack(name):
    path = BROKEN / name
    doc = load_yaml(path.read_text(encoding="utf-8"), str(path))
    assert list(_validator().iter_errors(doc))


# --- list and explain -----------------------------------------------------------------------

def test_list_shows_sources_and_inactive_rules(cli, write_pack):
    path = write_pack("""\
        version: 1
        extends: [default]
        rules:
          - id: pii.email
            pattern: 'mail@acme\\.example'
          - id: codename.falcon
            terms: [Falcon]
            active: {until: 2026-01-31}
    """)
    run = cli("rules", "list", "--rules", path, "--today", "2026-02-01")
    assert run.code == 0
    email = next(line for line in run.out.splitlines() if line.startswith("pii.email "))
    assert f"{path}:4:5" in email and "(overrides " in email and "pii.yaml:" in email
    falcon = next(line for line in run.out.splitlines() if line.startswith("codename.falcon "))
    assert f"{path}:6:5  [inactive: expired 2026-01-31]" in falcon
    data = cli("rules", "list", "-r", path, "--format", "json", "--today", "2026-01-01").json()
    row = next(r for r in data["rules"] if r["id"] == "codename.falcon")
    assert row["status"] == "active" and row["source"] == f"{path}:6:5"


def test_explain(cli, falcon_pack):
    run = cli("explain", "codename.falcon", "--rules", falcon_pack)
    assert run.code == 0
    assert f"defined at  {falcon_pack}:4:5" in run.out
    assert "matches     2 term(s): Project Falcon, Falcon" in run.out
    assert "severity    critical, category codename" in run.out
    assert "flags       'Falcon beta ships to testers next week'" in run.out
    data = cli("explain", "codename.falcon", "-r", falcon_pack, "--format", "json").json()
    assert data["allow"] == ["Falcon Heavy"] and data["status"] == "active"


def test_explain_unknown_id_suggests(cli):
    run = cli("explain", "pii.emial")
    assert run.code == 2
    assert "no rule 'pii.emial'" in run.err and "pii.email" in run.err


def test_bad_today_is_a_usage_error(cli):
    run = cli("rules", "lint", "default", "--today", "tomorrow")
    assert run.code == 2 and "YYYY-MM-DD" in run.err


# --- hash -----------------------------------------------------------------------------------

def test_lint_finds_an_allow_phrase_equal_to_a_hashed_term(cli, falcon_pack, tmp_path):
    out = tmp_path / "hashed.yaml"
    assert cli("rules", "hash", falcon_pack, "-o", out).code == 0
    text = out.read_text().replace("rules:\n", "allow: [FALCON]\nrules:\n")
    out.write_text(text)
    run = cli("rules", "lint", out)
    assert run.code == 2
    assert "one hashed term is also a pack-wide allow phrase 'FALCON'" in run.out


def test_hash_refuses_a_term_it_cannot_hide(cli, write_pack, tmp_path):
    path = write_pack("""\
        version: 1
        rules:
          - id: codename.falcon
            terms: [Falcon]
          - id: codename.falcon-version
            pattern: 'Falcon \\d+'
    """)
    run = cli("rules", "hash", path, "-o", tmp_path / "out.yaml")
    assert run.code == 2 and "rules[1].pattern" in run.err
    assert "Falcon" not in run.err
    assert not (tmp_path / "out.yaml").exists()


def test_hash_refuses_to_overwrite_its_source(cli, falcon_pack, tmp_path):
    before = falcon_pack.read_text()
    run = cli("rules", "hash", falcon_pack, "-o", falcon_pack)
    assert run.code == 2 and "in place" in run.err
    assert falcon_pack.read_text() == before
    run = cli("rules", "hash", falcon_pack, "-o", tmp_path / "no" / "such" / "out.yaml")
    assert run.code == 2 and "does not exist" in run.err


def test_hash_salt_from_env(cli, falcon_pack, tmp_path, monkeypatch):
    monkeypatch.setenv("PACK_SALT", "s3cret-salt")
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    assert cli("rules", "hash", falcon_pack, "-o", one, "--salt-from-env", "PACK_SALT").code == 0
    assert cli("rules", "hash", falcon_pack, "-o", two, "--salt-from-env", "PACK_SALT").code == 0
    assert one.read_text() == two.read_text()
    assert cli("rules", "hash", falcon_pack, "-o", two).code == 0  # random salt
    assert one.read_text() != two.read_text()
    run = cli("rules", "hash", falcon_pack, "-o", two, "--salt-from-env", "NO_SUCH_VAR")
    assert run.code == 2 and "NO_SUCH_VAR" in run.err


def test_hash_output_says_what_it_dropped(cli, falcon_pack, tmp_path):
    out = tmp_path / "hashed.yaml"
    run = cli("rules", "hash", falcon_pack, "-o", out)
    assert run.code == 0
    assert "1 rule(s) hashed" in run.out
    assert "its id named a term" in run.out and "examples dropped" in run.out
    assert "1 allow phrase(s) naming a term hashed (still allowed)" in run.out
    assert "falcon" not in run.out.casefold()
    pack = load_pack([str(out)])
    (rule,) = pack.rules
    assert rule.detector == "hashed" and rule.category == "codename"
    assert rule.hashed is not None and len(rule.hashed.allow) == 1 and rule.hashed.typos
    assert json.dumps(load_yaml(out.read_text(), str(out))).casefold().count("falcon") == 0


HASH_PACK = """\
version: 1
name: acme-secrets
allow: ["Acme Rockets"]
rules:
  - id: codename.project-falcon
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon", "Blue Heron"]
    match: {fuzzy: 0}
    context: {words: [launch, beta], window: 6}
    message: Internal codename Falcon
    suggestion: say "our next release", not Blue Heron
    examples:
      flag: ["Falcon beta ships"]
      pass: ["A peregrine is not a codename"]
  - id: client.globex
    category: client
    severity: high
    terms_file: clients.txt
    match: {fuzzy: 0}
    near: {category: money, window: 10}
    message: A client name next to an amount
  - id: money.amount
    category: money
    severity: low
    pattern: '[$€]\\d+(?:[.,]\\d+)?\\s?[MKk]?'
    message: An amount
"""
CLIENTS = ["Globex", "Initech Holdings", "Umbrella Biotech", "Zorgwerk"]
TERMS = ["Project Falcon", "Falcon", "Blue Heron", *CLIENTS]
FULLWIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # ASCII -> fullwidth forms
DISGUISES = [
    lambda t: t, str.upper, str.lower,
    lambda t: t.replace("o", "0").replace("a", "4").replace("e", "3"),
    lambda t: " ".join(t), lambda t: ".".join(t), lambda t: t.replace(" ", ""),
    lambda t: "#" + t.replace(" ", ""), lambda t: t.replace(" ", "_"),
    lambda t: t.replace(" ", "-"),
    lambda t: t.replace("a", "\u0430"), lambda t: "\u200b".join(t), lambda t: t + "'s",
    lambda t: t + "s", lambda t: t + "ry",
    lambda t: unicodedata.normalize("NFKC", t).translate(FULLWIDTH),
]
TEMPLATES = [
    "{t} beta ships next week", "Loved the {t} launch party!", "Meeting {t} about $3M tomorrow",
    "nothing to see here, {t}", "{t}", "We sold €2.5M to {t} today",
    "Acme Rockets and {t} are not the same",
]


def _drafts() -> list[str]:
    drafts = [tpl.format(t=d(term)) for term in TERMS for d in DISGUISES for tpl in TEMPLATES[:3]]
    drafts += [tpl.format(t=term) for term in TERMS for tpl in TEMPLATES[3:]]
    drafts += ["A falconer and a heron walked in", "blue herons are birds", "Globexy is a word?",
               "Initech alone is fine", "Holdings of $5M", "Falcom launches"]
    return drafts


def _verdicts(
    guard, drafts: list[str]
) -> list[tuple[str, int, tuple[tuple[int, int, str], ...]]]:
    # Verdict, score and the exact span of every finding: a hashed pack must point at the same
    # characters as the plain one (a possessive `'s` stays outside the span in both).
    out = []
    for report in guard.check_many(drafts):
        spans = tuple(sorted((f.start, f.end, f.category) for f in report.findings))
        out.append((report.verdict, report.score, spans))
    return out


def test_hashed_pack_gives_the_same_verdicts(tmp_path):
    from guard.engine import Guard

    plain = tmp_path / "plain.yaml"
    plain.write_text(HASH_PACK, encoding="utf-8")
    (tmp_path / "clients.txt").write_text("# clients\n" + "\n".join(CLIENTS) + "\n")
    out = tmp_path / "out" / "hashed.yaml"
    out.parent.mkdir()
    result = hash_pack(str(plain), str(out), "test-salt")
    out.write_text(result.text, encoding="utf-8")
    text = out.read_text(encoding="utf-8").casefold()
    for term in TERMS:  # grep -i finds none of the terms, nor their words run together
        assert term.casefold() not in text
        assert term.casefold().replace(" ", "") not in text
    hashed = load_pack([str(out)])
    assert {r.detector for r in hashed.rules} == {"hashed", "pattern"}
    drafts = _drafts()
    assert len(drafts) >= 300
    today = dt.date(2026, 11, 25)
    want = _verdicts(Guard(load_pack([str(plain)]), today=today), drafts)
    got = _verdicts(Guard(hashed, today=today), drafts)
    differ = [(d, w, g) for d, w, g in zip(drafts, want, got, strict=True) if w != g]
    assert not differ, differ[:5]
    assert {w[0] for w in want} == {"allow", "warn", "block"}


def _term_packs() -> list[Path]:
    out = []
    for path in sorted(bundled_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "terms:" in text or "terms_file:" in text:
            out.append(path)
    return out


@pytest.mark.parametrize("path", _term_packs(), ids=lambda p: p.stem)
def test_hashed_bundled_pack_agrees_on_its_examples(path, tmp_path):
    from guard.engine import Guard

    plain = load_pack([str(path)])
    own = [r for r in plain.rules if r.source and Path(r.source.file) == path]
    out = tmp_path / "hashed.yaml"
    result = hash_pack(str(path), str(out), "salt")
    out.write_text(result.text, encoding="utf-8")
    # A vocabulary rule decided by a veto model is left out, with a note (round eleven).
    left = {r.id for r in own if any(n.startswith(f"rule {r.id}: left out") for n in result.notes)}
    own = [r for r in own if r.id not in left]
    text = out.read_text(encoding="utf-8").casefold()
    assert not [t for r in own for t in r.terms if t.casefold() in text]
    drafts = [d for r in own for d in (*r.examples.flag, *r.examples.passes)]
    today = dt.date(2026, 11, 25)
    # The hashed pack leaves every veto out, with a note: it agrees with the plain pack without
    # its vetoes (and without the rules left out), and is never quieter than the plain pack
    # with them (round twenty-four: the marker veto quiets examples the hashed pack flags).
    unvetoed = replace(plain, rules=tuple(replace(r, veto=None) for r in plain.rules
                                          if r.id not in left))
    want = [r.verdict for r in Guard(unvetoed, today=today, nlp=False).check_many(drafts)]
    hashed = Guard(load_pack([str(out)]), today=today, nlp=False)
    got = [r.verdict for r in hashed.check_many(drafts)]
    assert want == got
    rank = {"allow": 0, "warn": 1, "block": 2}
    vetoed = [r.verdict for r in Guard(plain, today=today, nlp=False).check_many(drafts)]
    assert [d for d, g, v in zip(drafts, got, vetoed, strict=True) if rank[g] < rank[v]] == []
