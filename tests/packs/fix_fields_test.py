"""`replace_with` and `remove` in a rule: schema, loader, digest, lint, the bundled secrets."""

from __future__ import annotations

import datetime as dt

import pytest

from guard.authoring.lint import lint
from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import load_pack
from guard.packs.schema import json_schema

RULE = """\
version: 1
rules:
  - id: codename.falcon
    terms: [Falcon]
{extra}
    examples: {{flag: ["Falcon ships"], pass: ["hello"]}}
"""


def _pack(write_pack, extra: str):
    return write_pack(RULE.format(extra=extra))


def test_the_schema_describes_both_keys():
    rule = json_schema()["properties"]["rules"]["items"]["properties"]
    assert rule["replace_with"]["type"] == "string" and rule["replace_with"]["minLength"] == 1
    assert rule["remove"] == {"type": "boolean", "default": False,
                              "description": "`guard fix` deletes the match (secrets); not with "
                                             "replace_with"}


def test_the_loader_reads_them(write_pack):
    pack = load_pack([str(_pack(write_pack, "    replace_with: our next release"))])
    assert pack.rules[0].replace_with == "our next release" and pack.rules[0].remove is False
    pack = load_pack([str(_pack(write_pack, "    remove: true"))])
    assert pack.rules[0].remove is True and pack.rules[0].replace_with == ""


def test_both_at_once_is_an_error_at_the_remove_key(write_pack):
    path = _pack(write_pack, "    replace_with: x\n    remove: true")
    with pytest.raises((RulePackError, RulePackErrors)) as caught:
        load_pack([str(path)])
    assert str(caught.value) == (
        f"{path}:6:13: codename.falcon: 'remove: true' and 'replace_with' both say how to fix "
        "the match (keep one: replace_with for an approved wording, remove for a secret)")


@pytest.mark.parametrize("extra, problem", [
    ("    replace_with: ''", "replace_with: must not be empty"),
    ("    remove: yes please", "remove: expected true or false, got text"),
])
def test_bad_values_name_the_key(write_pack, extra, problem):
    with pytest.raises((RulePackError, RulePackErrors)) as caught:
        load_pack([str(_pack(write_pack, extra))])
    assert problem in str(caught.value)


def test_the_policy_digest_changes_with_the_wording(write_pack):
    one = load_pack([str(_pack(write_pack, "    replace_with: our next release"))]).digest
    two = load_pack([str(_pack(write_pack, "    replace_with: the next release"))]).digest
    three = load_pack([str(_pack(write_pack, "    remove: true"))]).digest
    assert len({one, two, three}) == 3


def test_lint_flags_a_wording_the_pack_itself_flags(write_pack):
    path = _pack(write_pack, "    replace_with: the Falcon launch")
    issues = [i for i in lint([str(path)], dt.date(2026, 1, 1)) if i.check == "fix"]
    assert [str(i) for i in issues] == [
        f"{path}:5:19: error: codename.falcon: the approved wording 'the Falcon launch' is itself "
        "flagged by codename.falcon (choose a wording no rule of the pack flags)"]


def test_every_bundled_secret_rule_is_removed_by_the_fix():
    pack = load_pack(["secret"])
    assert pack.rules and all(r.remove and not r.replace_with for r in pack.rules)
