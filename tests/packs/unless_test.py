"""`unless:` on a pattern rule: the nobody's-data checks a rule file names (sample, placeholder,
warning, explainer, story, offer, announced), checked by the schema, shown by `guard explain`,
part of the pack digest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guard import Guard
from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import load_pack

RULE = """\
    version: 1
    rules:
      - id: pii.staff-number
        severity: high
        pattern: '\\bE\\d{{8}}\\b'
    {unless}
        message: A staff number
    """


def pack(write_pack, unless: str = "") -> Path:
    return write_pack(RULE.format(unless=f"    unless: {unless}" if unless else ""))


def errors_of(path: Path) -> list[RulePackError]:
    with pytest.raises((RulePackError, RulePackErrors)) as info:
        load_pack([str(path)])
    exc = info.value
    return exc.errors if isinstance(exc, RulePackErrors) else [exc]


def hits(path: Path, text: str) -> list[tuple[str, int, int]]:
    report = Guard.from_files([str(path)], nlp=False).check(text)
    return [(f.rule, f.start, f.end) for f in report.findings if f.category != "length"]


@pytest.mark.parametrize("unless, text, quiet", [
    # without `unless` every match counts, however it is written about
    ("", "the example badge shows E58392017", False),
    ("", "E12345678 on the badge", False),
    # each check drops only what it names
    ("[placeholder]", "the example badge shows E58392017", True),
    ("[sample]", "the example badge shows E58392017", False),
    ("[sample]", "E12345678 on the badge", True),
    ("[warning]", "Scam alert: texts asking for E58392017 are fake", True),
    ("[story]", "In the novel the spy's badge is E58392017", True),
    ("[explainer]", "The format is E58392017: six digits after the dash", True),
    ("[offer]", "For donations quote E58392017 as the reference", True),
    # round sixteen: the author's own new staff line announced ("my new number")
    ("[announced]", "my new number at work is E58392017, the old one is gone", True),
    ("[announced]", "Priya's new number at work is E58392017", False),
    ("[offer]", "my new number at work is E58392017, the old one is gone", False),
    ("sample", "E98765432 on the badge", True),  # one name without brackets
    # a value about a person stays found whatever the checks
    ("[sample, placeholder, warning, explainer, story, offer, announced]",
     "Élodie's staff number is E58392017 😬", False),
])
def test_unless_drops_only_what_its_checks_name(write_pack, unless, text, quiet):
    found = hits(pack(write_pack, unless), text)
    assert (found == []) is quiet
    if not quiet:
        start = re.search(r"\bE\d{8}\b", text).start()
        assert found == [("pii.staff-number", start, start + 9)]


def test_an_unknown_check_is_refused_at_its_line_with_a_suggestion(write_pack):
    [error] = errors_of(pack(write_pack, "[sample, placeholdr]"))
    assert (error.line, error.column, error.rule_id) == (6, 22, "pii.staff-number")
    assert ("'placeholdr' is not one of sample, placeholder, warning, explainer, story, offer, "
            "announced") in error.describe()
    assert "did you mean 'placeholder'?" in error.describe()


def test_a_check_named_twice_is_refused(write_pack):
    [error] = errors_of(pack(write_pack, "[offer, sample, offer]"))
    assert (error.line, error.rule_id) == (6, "pii.staff-number")
    assert "'unless' names offer more than once" in error.describe()


def test_unless_on_a_terms_rule_is_refused(write_pack):
    path = write_pack("""\
        version: 1
        rules:
          - id: codename.falcon
            terms: [Falcon]
            unless: [sample]
        """)
    [error] = errors_of(path)
    assert (error.line, error.rule_id) == (5, "codename.falcon")
    assert "'unless' applies to pattern rules only" in error.describe()


def test_a_bad_unless_exits_2_on_the_command_line(cli, write_pack):
    path = pack(write_pack, "[smaple]")
    run = cli("check", "--no-nlp", "--rules", path, "E58392017")
    assert run.code == 2
    assert f"{path}:6:14: pii.staff-number:" in run.err
    assert "did you mean 'sample'?" in run.err
    assert "Traceback" not in run.err


def test_explain_shows_the_checks(cli, write_pack):
    path = pack(write_pack, "[sample, offer]")
    run = cli("explain", "pii.staff-number", "--rules", path)
    assert run.code == 0
    assert "unless sample, offer (the value is nobody's: dropped)" in run.out
    run = cli("explain", "pii.staff-number", "--rules", path, "--format", "json")
    assert json.loads(run.out)["matches"]["unless"] == ["sample", "offer"]


def test_the_checks_are_part_of_the_pack_digest(write_pack, tmp_path):
    digests = []
    for i, unless in enumerate(("", "[sample]", "[sample, offer]", "[sample, offer]")):
        path = write_pack(RULE.format(unless=f"    unless: {unless}" if unless else ""),
                          name=f"p{i}.yaml")
        digests.append(load_pack([str(path)]).digest)
    assert len(set(digests[:3])) == 3  # adding or changing a check is a new policy
    assert digests[2] == digests[3]


IDENTIFIERS = {"pii.card", "pii.ssn", "pii.nir", "pii.nino", "pii.nino-keyword",
               "pii.de-tax-id", "pii.passport", "pii.passport-before"}


def test_the_bundled_identifier_and_secret_rules_carry_every_check():
    pack = load_pack(["default"])
    carrying = {r.id for r in pack.rules if r.unless}
    # round ten: pii.postal-address-person; eleven: passphrase-prose; fourteen: password-pair;
    # fifteen: password-typed and combination; sixteen: password-opens; seventeen:
    # password-built and postal-address-named; eighteen: postal-address-town; twenty:
    # pii.phone-spelt and secret.wifi-code; twenty-one: pii.postal-address-owner-after,
    # secret.wifi-changed, secret.password-login-with and secret.login-code; twenty-five:
    # secret.credential-prose, -before, access-code-prose and aws-key-pair, six rules retired;
    # twenty-seven: the nine special-category pattern rules, with `own` alone; twenty-eight:
    # secret.code-secret; twenty-nine: pii.postal-address-home
    special = {r.id for r in pack.rules if r.id.startswith("pii.special-category")
               and r.detector == "pattern"}
    assert len(special) == 9
    assert {r.id: r.unless for r in pack.rules if r.id in special} == dict.fromkeys(special,
                                                                                  ("own",))
    carrying -= special
    assert len(carrying) == 54
    assert {"secret.password-built", "pii.postal-address-named",
            "pii.postal-address-town", "pii.phone-spelt", "secret.access-code-prose",
            "pii.postal-address-owner-after", "secret.credential-prose",
            "secret.password-login-with", "secret.login-code", "secret.code-secret",
            "pii.postal-address-home"} <= carrying
    assert all(r.id.startswith(("pii.", "secret.")) for r in pack.rules if r.id in carrying)
    assert not any(r.id.startswith("pii.special-category") for r in pack.rules
                   if r.id in carrying)
    every = ("sample", "placeholder", "warning", "explainer", "story", "offer")
    # Since round thirteen's measurement, no organisation "offers" a card number or a person's
    # national identifier: those rules carry every check but `offer`.
    # Since round sixteen the phone and e-mail rules also know the author's own new number or
    # mailbox, announced (`announced`).
    contacts = {"pii.email", "pii.email-obfuscated", "pii.phone", "pii.phone-keyword"}
    # Round twenty: a mobile said in words is nobody's offer (an organisation writes its line
    # in figures), but may be the author's own new number.
    spelt = {"pii.phone-spelt": (*every[:-1], "announced")}
    assert {r.id: r.unless for r in pack.rules if r.unless and r.id not in special} == {
        rid: spelt[rid] if rid in spelt else every[:-1] if rid in IDENTIFIERS
        else (*every, "announced") if rid in contacts else every for rid in carrying}
