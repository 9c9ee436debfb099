"""Loading rule packs: the whole version-1 format, errors with file, line, column and rule id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import bundled_names, discover, load_pack


def errors_of(path: Path) -> list[RulePackError]:
    with pytest.raises((RulePackError, RulePackErrors)) as info:
        load_pack([str(path)])
    exc = info.value
    return exc.errors if isinstance(exc, RulePackErrors) else [exc]


def test_full_format_is_parsed(write_pack):
    path = write_pack("""\
        version: 1
        name: acme-confidential
        extends: [default]
        settings:
          thresholds: {warn: 30, block: 60}
          platform: mastodon
          languages: [en, fr]
          models: {en: en_core_web_md}
        allow: ["Falcon Heavy"]
        rules:
          - id: codename.falcon
            category: codename
            severity: critical
            confidence: 0.9
            terms: ["Project Falcon", "Falcon"]
            match: {case: insensitive, fuzzy: 0, evasion: false}
            allow: ["Atlanta Falcons"]
            context: {words: [launch, ship], window: 5}
            exclude: {words: [announced], patterns: ['press\\s+release'], window: 6}
            near: {category: money, rule: [fin.deal], window: 10}
            active: {from: 2026-01-01, until: 2027-03-01}
            message: Internal project codename
            suggestion: say "our next release"
            examples:
              flag: ["Falcon beta ships"]
              pass: ["Falcon Heavy launch"]
            tags: [launch]
            owner: comms@acme.example
    """)
    pack = load_pack([str(path)])
    rule = pack.rule("codename.falcon")
    assert rule is not None
    assert pack.name == "acme-confidential"
    assert pack.settings.warn == 30 and pack.settings.block == 60
    assert pack.settings.platform == "mastodon"
    assert pack.settings.languages == ("en", "fr")
    assert dict(pack.settings.models) == {"en": "en_core_web_md"}
    assert "Falcon Heavy" in pack.allow
    assert rule.terms == ("Project Falcon", "Falcon")
    assert rule.match.fuzzy == 0 and rule.match.evasion is False
    assert (
        rule.context is not None
        and rule.context.words == ("launch", "ship")
        and rule.context.window == 5
    )
    assert rule.exclude is not None and rule.exclude.patterns == ("press\\s+release",)
    assert (
        rule.near is not None
        and rule.near.categories == ("money",)
        and rule.near.rules == ("fin.deal",)
    )
    assert rule.active is not None and rule.active.until == dt.date(2027, 3, 1)
    assert rule.examples.flag == ("Falcon beta ships",)
    assert rule.source is not None and rule.source.line == 11
    # the default pack's rules come along through extends
    assert pack.rule("pii.email") is not None
    assert pack.digest.startswith("sha256:")


def test_later_pack_overrides_rule_by_id(write_pack, tmp_path):
    write_pack(
        """\
        version: 1
        name: base
        rules:
          - id: codename.falcon
            severity: low
            terms: [Falcon]
    """,
        "base.yaml",
    )
    child = write_pack(
        """\
        version: 1
        name: child
        extends: base.yaml
        rules:
          - id: codename.falcon
            severity: critical
            terms: [Falcon, Osprey]
    """,
        "child.yaml",
    )
    pack = load_pack([str(child)])
    rule = pack.rule("codename.falcon")
    assert rule is not None and rule.severity == "critical" and rule.terms == ("Falcon", "Osprey")
    assert [r.id for r in pack.rules].count("codename.falcon") == 1
    assert pack.name == "child"


def test_stacked_rules_options_override_in_order(write_pack):
    a = write_pack("version: 1\nrules:\n  - id: a.x\n    severity: low\n    terms: [x]\n", "a.yaml")
    b = write_pack(
        "version: 1\nrules:\n  - id: a.x\n    severity: high\n    terms: [x]\n", "b.yaml"
    )
    assert load_pack([str(a), str(b)]).rule("a.x").severity == "high"  # type: ignore[union-attr]
    assert load_pack([str(b), str(a)]).rule("a.x").severity == "low"  # type: ignore[union-attr]


def test_terms_file_is_read_relative_to_the_pack(write_pack, tmp_path):
    (tmp_path / "clients.txt").write_text(
        "# clients\nGlobex Corporation\n\nInitech\n", encoding="utf-8"
    )
    path = write_pack("version: 1\nrules:\n  - id: client.list\n    terms_file: clients.txt\n")
    rule = load_pack([str(path)]).rule("client.list")
    assert rule is not None and rule.terms == ("Globex Corporation", "Initech")
    assert rule.detector == "terms_file"


def test_digest_changes_with_the_rules(write_pack):
    one = load_pack(
        [str(write_pack("version: 1\nrules:\n  - id: a.x\n    terms: [x]\n", "1.yaml"))]
    )
    two = load_pack(
        [str(write_pack("version: 1\nrules:\n  - id: a.x\n    terms: [y]\n", "2.yaml"))]
    )
    assert one.digest != two.digest


def test_bundled_default_pack_is_found():
    assert "default" in bundled_names()
    pack = load_pack(["default"])
    assert pack.name == "default" and pack.rules


BROKEN = {
    "yaml syntax": (
        "version: 1\nrules:\n  - id: a.x\n    terms: [Falcon\n",
        5,
        None,
        "YAML syntax error",
    ),
    "unknown key": (
        "version: 1\nrules:\n  - id: codename.falcon\n    term: [Falcon]\n",
        4,
        "codename.falcon",
        "unknown key 'term'",
    ),
    "two detectors": (
        "version: 1\nrules:\n  - id: codename.falcon\n    terms: [Falcon]\n    pattern: 'F.lcon'\n",
        5,
        "codename.falcon",
        "exactly one detector",
    ),
    "duplicate id": (
        "version: 1\nrules:\n  - id: a.x\n    terms: [x]\n  - id: a.x\n    terms: [y]\n",
        5,
        "a.x",
        "duplicate rule id",
    ),
    "bad regex": (
        "version: 1\nrules:\n  - id: secret.key\n    pattern: 'AKIA[0-9'\n",
        4,
        "secret.key",
        "does not compile",
    ),
    "no detector": (
        "version: 1\nrules:\n  - id: a.x\n    severity: high\n",
        3,
        "a.x",
        "no detector",
    ),
    "bad severity": (
        "version: 1\nrules:\n  - id: a.x\n    terms: [x]\n    severity: severe\n",
        5,
        "a.x",
        "not one of",
    ),
    "bad date": (
        "version: 1\nrules:\n  - id: a.x\n    terms: [x]\n    active: {until: 2027-13-01}\n",
        5,
        "a.x",
        "not a date",
    ),
    "bad version": ("version: 2\nrules: []\n", 1, None, "above the maximum"),
    "missing terms file": (
        "version: 1\nrules:\n  - id: a.x\n    terms_file: nowhere.txt\n",
        4,
        "a.x",
        "not found",
    ),
    "thresholds": (
        "version: 1\nsettings:\n  thresholds: {warn: 80, block: 50}\n",
        3,
        None,
        "out of order",
    ),
    "bad id": (
        "version: 1\nrules:\n  - id: Falcon\n    terms: [x]\n",
        3,
        "Falcon",
        "not well formed",
    ),
    "duplicate key": (
        "version: 1\nrules:\n  - id: a.x\n    terms: [x]\n    terms: [y]\n",
        5,
        None,
        "appears twice",
    ),
    "missing extends": ("version: 1\nextends: [nothere.yaml]\n", 2, None, "not found"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_pack_names_file_line_and_rule(write_pack, name):
    text, line, rule_id, words = BROKEN[name]
    path = write_pack(text)
    errors = errors_of(path)
    match = [e for e in errors if words in e.message]
    assert match, [e.describe() for e in errors]
    err = match[0]
    assert err.file.endswith(path.name) or err.file == str(path)
    assert err.line == line, err.describe()
    assert err.column is not None
    assert err.rule_id == rule_id
    text_form = err.describe()
    assert text_form.startswith(f"{err.file}:{line}:")
    if rule_id:
        assert f": {rule_id}: " in text_form


def test_unknown_key_suggests_the_right_one(write_pack):
    err = errors_of(write_pack("version: 1\nrules:\n  - id: a.x\n    term: [x]\n"))[0]
    assert "did you mean 'terms'" in err.describe()


def test_extends_cycle_is_reported(write_pack):
    write_pack("version: 1\nextends: b.yaml\n", "a.yaml")
    b = write_pack("version: 1\nextends: a.yaml\n", "b.yaml")
    assert any("cycle" in e.message for e in errors_of(b))


def test_all_errors_of_a_file_are_reported_together(write_pack):
    path = write_pack(
        "version: 1\nrules:\n  - id: a.x\n    term: [x]\n"
        "  - id: b.y\n    terms: [y]\n    severity: huge\n"
    )
    errors = errors_of(path)
    assert {e.rule_id for e in errors} >= {"a.x", "b.y"}


def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.delenv("GUARD_RULES", raising=False)
    sub = tmp_path / "posts" / "2026"
    sub.mkdir(parents=True)
    assert discover((), cwd=sub) == ["default"]
    (tmp_path / ".guard.yaml").write_text("version: 1\n", encoding="utf-8")
    assert discover((), cwd=sub) == [str(tmp_path / ".guard.yaml")]
    monkeypatch.setenv("GUARD_RULES", "env.yaml")
    assert discover((), cwd=sub) == ["env.yaml"]
    assert discover(("cli.yaml",), cwd=sub) == ["cli.yaml"]


def test_given_but_missing_path_is_an_error_not_a_fallback():
    with pytest.raises(RulePackError) as info:
        load_pack(["/nonexistent/rules.yaml"])
    assert "not found" in info.value.describe()
