"""`fragments:` in a rule file: a piece of regex written once and named in patterns as
`{{name}}` (round twelve): expanded where named, checked at its line, part of the digest, and
replaced by a pack that extends the one defining it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guard import Guard
from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import load_pack

PACK = """\
    version: 1
    fragments:
      staff-number: 'E\\d{{8}}'
      {extra}
    rules:
      - id: pii.staff-number
        severity: high
        pattern: '\\b{{{{staff-number}}}}\\b'
        message: A staff number
      - id: pii.staff-pair
        severity: medium
        pattern: '{pair}'
        message: Two staff numbers
    """


def pack(write_pack, pair: str = "{{staff-number}} / {{staff-number}}", extra: str = "",
         name: str = "pack.yaml") -> Path:
    return write_pack(PACK.format(pair=pair, extra=extra), name=name)


def errors_of(path: Path) -> list[RulePackError]:
    with pytest.raises((RulePackError, RulePackErrors)) as info:
        load_pack([str(path)])
    exc = info.value
    return exc.errors if isinstance(exc, RulePackErrors) else [exc]


def hits(paths: list[Path], text: str) -> list[tuple[str, int, int]]:
    report = Guard.from_files([str(p) for p in paths], nlp=False).check(text)
    return sorted((f.rule, f.start, f.end) for f in report.findings if f.category != "length")


def test_a_fragment_is_put_where_a_pattern_names_it(write_pack):
    path = pack(write_pack)
    # a fragment is one group: "E\d{8}" twice, not "E\d{8} / E" then digits
    assert hits([path], "Badges: E58392017 / E11122233 ✅ for Zoé") == [
        ("pii.staff-number", 8, 17), ("pii.staff-number", 20, 29),
        ("pii.staff-pair", 8, 29)]
    rule = load_pack([str(path)]).rule("pii.staff-pair")
    assert rule.pattern == "(?:E\\d{8}) / (?:E\\d{8})"


def test_an_alternation_inside_a_fragment_stays_inside_it(write_pack):
    path = pack(write_pack, pair="x{{either}}y", extra="either: 'a|b'")
    assert hits([path], "xay xby xa") == [("pii.staff-pair", 0, 3), ("pii.staff-pair", 4, 7)]


def test_an_unknown_fragment_is_refused_at_its_reference_with_a_suggestion(write_pack):
    path = pack(write_pack, pair="{{staff-number}} / {{staf-number}}")
    [error] = errors_of(path)
    assert (error.file, error.line, error.column, error.rule_id) == (
        str(path), 12, 34, "pii.staff-pair")
    assert "the pattern names fragment '{{staf-number}}', which is not defined" in (
        error.describe())
    assert "did you mean '{{staff-number}}'?" in error.describe()


def test_a_fragment_that_does_not_compile_is_refused_at_its_line(write_pack):
    path = pack(write_pack, pair="x", extra="broken: '(E\\d+'")
    [error] = errors_of(path)
    assert (error.line, error.column, error.rule_id) == (4, 11, None)
    assert "fragment 'broken' does not compile" in error.describe()


def test_a_fragment_naming_another_is_refused(write_pack):
    path = pack(write_pack, pair="x", extra="twice: '{{staff-number}}{{staff-number}}'")
    [error] = errors_of(path)
    assert error.line == 4
    assert "fragment 'twice' names another fragment ({{staff-number}})" in error.describe()


def test_a_bad_fragment_name_exits_2_on_the_command_line(cli, write_pack):
    path = pack(write_pack, pair="{{nope}}")
    run = cli("check", "--no-nlp", "--rules", path, "E58392017")
    assert run.code == 2
    assert f"{path}:12:15: pii.staff-pair:" in run.err
    assert "Traceback" not in run.err


def test_a_pack_that_extends_replaces_a_fragment_for_its_own_rules(write_pack):
    base = pack(write_pack, name="base.yaml")
    child = write_pack("""\
        version: 1
        extends: [base.yaml]
        fragments:
          staff-number: 'S\\d{6}'
        rules:
          - id: pii.contractor
            severity: high
            pattern: '\\bC-{{staff-number}}\\b'
            message: A contractor number
        """, name="child.yaml")
    # the base's rules keep the fragment they were written with; the child's take its own
    assert hits([child], "E58392017 and C-S123456") == [
        ("pii.contractor", 14, 23), ("pii.staff-number", 0, 9)]
    assert base.exists()


def test_a_fragment_is_part_of_the_pack_digest(write_pack):
    one = load_pack([str(pack(write_pack, name="a.yaml"))]).digest
    same = load_pack([str(pack(write_pack, name="b.yaml"))]).digest
    # the same pattern written out instead of named: the same policy
    written = write_pack(PACK.format(pair="(?:E\\d{8}) / (?:E\\d{8})", extra=""),
                         name="c.yaml")
    assert load_pack([str(written)]).digest == one == same
    changed = write_pack(PACK.format(pair="{{staff-number}} / {{staff-number}}", extra="")
                         .replace("E\\d{8}'", "E\\d{9}'"), name="d.yaml")
    assert load_pack([str(changed)]).digest != one


def test_explain_shows_the_expanded_pattern(cli, write_pack):
    path = pack(write_pack)
    run = cli("explain", "pii.staff-pair", "--rules", path, "--format", "json")
    assert run.code == 0
    assert "(?:E\\\\d{8}) / (?:E\\\\d{8})" in run.out or "(?:E\\d{8})" in json.dumps(
        json.loads(run.out))


def test_the_bundled_address_rules_share_their_shapes():
    """pii.postal-address-person finds round eleven's numbered US street, which only
    pii.postal-address had before the shapes became fragments."""
    guard = Guard.from_files(["pii"], nlp=False)
    text = "Resend to Mrs Dana Ruiz, 302 W 88th St, Apt 4R, New York, NY 10024 🙏"
    assert [(f.rule, f.start, f.end) for f in guard.check(text).findings] == [
        ("pii.postal-address-person", 25, 66)]
    pack = load_pack(["pii"])
    us = pack.rule("pii.postal-address").pattern
    assert "{{" not in us and "{{" not in pack.rule("pii.postal-address-person").pattern


def test_hashing_refuses_a_fragment_that_holds_a_term_in_clear(write_pack, tmp_path):
    from guard.authoring.hashpack import hash_pack
    from guard.errors import UsageError

    path = write_pack("""\
        version: 1
        fragments:
          bird: 'falcon\\d+'
        rules:
          - id: codename.falcon
            severity: high
            terms: [Falcon]
          - id: x.bird
            severity: low
            pattern: '{{bird}}'
        """)
    with pytest.raises(UsageError) as info:
        hash_pack(str(path), str(tmp_path / "hashed.yaml"), "abcdefabcdefabcdef")
    assert "term in clear at fragments.bird" in str(info.value)
