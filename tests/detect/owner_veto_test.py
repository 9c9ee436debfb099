"""Round twenty-four (issue 14): the owner veto of the personal-data rules below critical.

With the draft's parse, a finding whose detail is nobody's (a form tip's sample address) is
dropped; someone else's number, mailbox, address or health stays flagged, and so does one's own
number left for a company to call back (the batches and tests/data/labelled.jsonl label it a
leak; it is why the rule file keeps "Call me back on ..." as a flag example). Without NLP the
parse is not there and every finding stands. The owner features themselves, in English and
French. Drafts written for this test (none from a batch), with emoji, accents and a look-alike
letter.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from guard import Guard
from guard.detect.events.model import parse
from guard.detect.owner import family, model_features, owner_features, parser
from guard.detect.veto import vetoed
from guard.models import Hit
from guard.packs.loader import load_pack
from tests.scripts import ROOT, load_script, rebuilt_differs

TIP = ("Form tip: reject anything that doesn't look like name@domain, and test with "
       "alex.sample@example.com, never real users")


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    """The default pack less its events rules (they read other things in these drafts)."""
    full = load_pack(["default"])
    return replace(full, rules=tuple(r for r in full.rules if r.detector != "events"))


@pytest.fixture(scope="module")
def with_nlp(pack) -> Guard:  # type: ignore[no-untyped-def]
    return Guard(pack, nlp=True)


@pytest.fixture(scope="module")
def without_nlp(pack) -> Guard:  # type: ignore[no-untyped-def]
    return Guard(pack, nlp=False)


def found(guard: Guard, text: str) -> tuple[str, list[tuple[str, int, int]]]:
    report = guard.check(text)
    return report.verdict, [(f.rule, f.start, f.end) for f in report.findings
                            if f.category != "length"]


@pytest.mark.parametrize("text", [
    TIP,
    TIP + " ✅",
    TIP.replace("Form", "F\u043erm"),  # a Cyrillic o: the Latin reading is parsed
])
def test_a_sample_address_in_a_tip_is_taken_back(with_nlp: Guard, without_nlp: Guard,
                                                  text: str) -> None:
    assert found(with_nlp, text) == ("allow", [])
    # --no-nlp: no parse, the veto cannot tell whose it is, the finding stands (fail closed)
    assert found(without_nlp, text) == ("warn", [("pii.email", 76, 99)])
    assert without_nlp.check(text).nlp == "skipped"


@pytest.mark.parametrize("text, hits", [
    ("Need Priya's mobile for the 6am cutover, it's 07911 482 630", [("pii.phone", 46, 59)]),
    ("My brother's number for the van pickup: 07911 482 631, he's expecting your call 🚐",
     [("pii.phone", 40, 53)]),
    ("Ma sœur Léa cherche une coloc, écrivez-lui à lea.morel.coloc@gmail.com de ma part 🙏",
     [("pii.email", 45, 70)]),
    ("Mon collègue Karim est en congé cette semaine, appelez-le direct au 07 81 22 40 96 si "
     "urgent", [("pii.phone", 68, 82)]),
    ("Le chauffeur de Julie, M. Perrin, habite au 14 rue des Tanneurs, 67000 Strasbourg, il "
     "attend le colis", [("pii.postal-address-named", 44, 81),
                         ("pii.postal-address-person", 44, 81)]),
    ("Notre collègue Élodie est hospitalisée pour une appendicite, elle revient lundi",
     [("pii.special-category-situation", 26, 38), ("pii.special-category-situation", 48, 59)]),
    # one's own number for a company to call back: still personal data posted in public
    ("Still waiting on my refund 😤 call me on 07911 482 633 before 6pm please",
     [("pii.phone", 40, 53)]),
])
def test_someone_elses_detail_and_a_call_back_number_stay(
    with_nlp: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(with_nlp, text) == ("warn", hits)


@pytest.fixture(scope="module")
def doc_of(pack):  # type: ignore[no-untyped-def]
    return parser(pack.settings)


def features(doc_of, text: str, detail: str) -> set[str]:  # type: ignore[no-untyped-def]
    start = text.index(detail)
    return owner_features(doc_of(text), start, start + len(detail), ("king", "queen", "ministre"))


def test_the_owner_is_read_from_the_parse(doc_of) -> None:  # type: ignore[no-untyped-def]
    mine = features(doc_of, "my phone number: 07911 482 630, please call", "07911 482 630")
    assert {"o:poss-self", "o:nearest-self", "o:self-near"} <= mine
    theirs = features(doc_of, "Need Priya's mobile for the 6am cutover, it's 07911 482 630",
                      "07911 482 630")
    assert "o:nearest-other" in theirs and not any(f.startswith("o:self") for f in theirs)
    # « Mon collègue »: the possessive points at the colleague, not at the author
    colleague = features(doc_of, "Mon collègue Karim est en arrêt maladie depuis lundi 😔",
                         "arrêt maladie")
    assert "o:subj-other" in colleague and not any("self" in f for f in colleague)
    royal = features(doc_of, "The Queen's hip surgery went well, the palace said", "surgery")
    assert "o:poss-public" in royal
    minister = features(doc_of, "La ministre a annoncé son cancer à la télé", "cancer")
    assert "o:subj-public" in minister  # « son cancer » is hers: the minister's
    assert features(doc_of, "Hip surgery: what recovery looks like", "surgery") == {"o:none"}


def test_the_family_and_its_crossed_features() -> None:
    assert [family(r) for r in ("pii.phone-keyword", "pii.email-obfuscated",
                                "pii.postal-address-town", "pii.special-category-pay",
                                "pii.card")] == [
        "phone", "email", "postal-address", "special-category", "other"]
    assert model_features("pii.phone", {"o:poss-self"}, {"q:name"}) == {
        "r:phone", "o:poss-self", "phone|o:poss-self", "q:name"}


def test_without_a_parse_the_owner_veto_keeps_every_finding(pack) -> None:  # type: ignore[no-untyped-def]
    rule = next(r for r in pack.rules if r.id == "pii.email")
    assert rule.veto is not None and rule.veto.model == "owner-veto.json"
    hit = Hit("pii.email", 76, 99, "pattern")
    assert vetoed(TIP, rule.veto, hit, None) is False
    assert vetoed(TIP, rule.veto, hit, parser(pack.settings)) is True


def test_the_blocking_rules_have_no_owner_veto(pack) -> None:  # type: ignore[no-untyped-def]
    owned = sorted(r.id for r in pack.rules if r.veto and r.veto.model == "owner-veto.json")
    assert all(r.severity == "medium" for r in pack.rules if r.id in owned)
    for rule_id in ("pii.card", "pii.iban", "pii.ssn", "pii.nir", "pii.passport",
                    "pii.special-category-scored"):
        assert rule_id not in owned
    assert len(owned) == 19


def test_the_owner_model_trains_the_same_twice() -> None:
    train = load_script("tools/train_veto.py")
    rows = train.rule_example_rows()[::6]
    first, second = train.dump(train.fit_owner(rows)), train.dump(train.fit_owner(rows))
    assert first == second
    doc = json.loads(first)
    scorer = parse(doc, "small")
    assert scorer.chars is None and scorer.classes == ("none", "leak")
    assert "king" in doc["public"] and "prime minister" not in doc["public"]
    assert any(f.startswith("o:") for f in scorer.index)


def test_the_study_names_a_batch_it_cannot_read(capsys: pytest.CaptureFixture[str]) -> None:
    study = load_script("tools/owner_study.py")
    with pytest.raises(SystemExit) as err:
        study.main(["study", "--measured", "27=/tmp/d27.json"])
    assert err.value.code == 2
    assert "write K=DUMP with K a batch from 1 to 26" in capsys.readouterr().err
    assert study.vetoable(["pii.phone", "pii", "medium", 0, 4])
    assert not study.vetoable(["pii.card", "pii", "critical", 0, 4])
    assert not study.vetoable(["pii.special-category-scored", "pii", "medium", 0, 4])


def test_the_shipped_owner_model_rebuilds_byte_for_byte() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the models")
    train = load_script("tools/train_veto.py")
    assert not rebuilt_differs(train.build("owner"), ROOT / "rules" / "owner-veto.json")
