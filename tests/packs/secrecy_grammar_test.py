"""`secrecy:` in a rule file (round eleven): the events rules' secrecy grammar as data, built
from named lists, checked at load with its place, and part of the policy digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import compiled, secrecy, secrecy_groups
from guard.engine import Guard
from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import load_pack

EXTRA = """\
    version: 1
    extends: [default]
    lists:
      telling-en: ["@telling-en", blab]
      hush-words: [hush, zip]
    secrecy:
      zip-it:
        says: nonpublic
        when: ["@hush-words"]
        pattern: '(?<!\\w)(?:{@hush-words}) it(?!\\w)'
    """


def grammar_of(path: Path):
    pack = load_pack([str(path)])
    return compiled(next(r.events.secrecy for r in pack.rules if r.events is not None))


def errors_of(path: Path) -> list[RulePackError]:
    with pytest.raises((RulePackError, RulePackErrors)) as err:
        load_pack([str(path)])
    e = err.value
    return list(e.errors) if isinstance(e, RulePackErrors) else [e]


def test_the_bundled_grammar_lives_in_events_yaml_with_its_lists():
    forms = {f.name: f for r in load_pack(["events"]).rules if r.events for f in r.events.secrecy}
    assert {"tell-negated-en", "tell-negated-fr", "order", "inside", "labels"} <= set(forms)
    told = forms["tell-negated-en"]
    assert told.says == "nonpublic"
    # the gate: the first word of each item of the lists named in `when`
    assert "didn" in told.gate[0] and "breathe" in told.gate[1] and "word" not in told.gate[1]
    assert "|breathe\\ a\\ word|" in told.pattern and "{@" not in told.pattern


def test_a_company_pack_adds_a_verb_in_one_place_and_a_form_of_its_own(write_pack):
    grammar = grammar_of(write_pack(EXTRA))
    text = fold("Please don't blab about the reorg. Zip it, everyone 🤐")
    spans = [(s.group, s.text) for s in secrecy(text, grammar)]
    assert spans == [("nonpublic", "don't blab"), ("nonpublic", "Zip it")]
    assert secrecy_groups("don't blab about the reorg", grammar) == {"nonpublic"}
    # the bundled grammar does not know the verb
    bundled = grammar_of(Path("rules/events.yaml").resolve())
    assert secrecy_groups("don't blab about the reorg", bundled) == set()


def test_the_added_verb_decides_a_draft(write_pack):
    text = "We lay off 40 people in May. Don't blab about it"
    mine = Guard.from_files([str(write_pack(EXTRA))], nlp=False).check(text)
    assert mine.verdict == "block"
    finding = next(f for f in mine.findings if f.rule == "event.mnpi")
    assert "nonpublic: Don't blab" in finding.evidence.context


def test_the_grammar_is_part_of_the_policy_digest(write_pack, tmp_path):
    base = load_pack(["default"]).digest
    first = load_pack([str(write_pack(EXTRA, name="a.yaml"))]).digest
    again = load_pack([str(write_pack(EXTRA, name="b.yaml"))]).digest
    other = load_pack([str(write_pack(EXTRA.replace("blab]", "blather]"), name="c.yaml"))]).digest
    assert first == again and len({base, first, other}) == 3


@pytest.mark.parametrize(
    ("change", "where", "message", "hint"),
    [
        # an unknown key in a form
        (("says: nonpublic", "says: nonpublic\n        gate: [hush]"), (9, 5), "unknown key 'gate'",
         "known keys: says, when, pattern"),
        # what a match says
        (("says: nonpublic", "says: secret"), (8, 11), "'secret' is not one of", ""),
        # a list the pattern names
        (("{@hush-words}) it", "{@hush-word}) it"), (10, 14), "the pattern names no list "
         "'hush-word'", "did you mean 'hush-words'?"),
        # a list `when` names
        (('["@hush-words"]', '["@hush", "@hush-words"]'), (9, 12), "`when` names no list 'hush'",
         "define it under `lists:` in this pack or one it extends"),
        # a gate list with a starred item cannot gate
        (("[hush, zip]", "[hush, zip*]"), (9, 12), "list 'hush-words' cannot gate a form: its "
         "item 'zip*' ends in '*'", "drop the item"),
        # a pattern that does not compile
        (("it(?!\\w)", "it(?!\\w"), (10, 14), "the pattern is not a valid regular expression",
         "Python `re` syntax"),
    ],
)
def test_each_mistake_is_named_with_its_place_and_what_to_change(
    write_pack, change, where, message, hint
):
    path = write_pack(EXTRA.replace(*change), name="mine.yaml")
    [error] = errors_of(path)
    assert Path(error.file).name == "mine.yaml"
    assert (error.line, error.column) == where
    assert message in error.message
    assert hint in (error.hint or "")
    if "unknown key" not in message and "is not one of" not in message:
        assert error.rule_id == "secrecy.zip-it"


def test_a_bad_form_exits_2_on_the_command_line(cli, write_pack):
    path = write_pack(EXTRA.replace("{@hush-words}) it", "{@hush-word}) it"), name="mine.yaml")
    run = cli("check", "--no-nlp", "--rules", str(path), "hello")
    assert run.code == 2
    assert f"{path}:10:14: secrecy.zip-it: the pattern names no list 'hush-word'" in run.err
    assert "did you mean 'hush-words'?" in run.err and "Traceback" not in run.err


def test_explain_counts_the_secrecy_forms(cli):
    run = cli("explain", "event.mnpi", "--rules", "events")
    assert run.code == 0
    # round fourteen: +7; round fifteen: +8 nonpublic, +1 aside and 4 customer forms; round
    # sixteen: +5 aside, 8 withheld; after it, 1 listed; round seventeen: +6 withheld, +5 aside;
    # round eighteen: +5 withheld, +4 aside; round nineteen: +7 withheld, +7 aside; round
    # twenty: +1 withheld, +8 aside; round twenty-one: +1 withheld, +18 aside; round
    # twenty-two: +3 withheld, +3 aside; round twenty-nine b: +4 withheld (orders to keep quiet);
    # round thirty: +3 withheld (told first in French, about to announce)
    forms = ("nonpublic 39, withheld 38, order 1, inside 1, labels 1, aside 63, listed 1, "
             "customer 4")
    assert f"secrecy grammar (`secrecy:` forms): {forms}" in run.out
