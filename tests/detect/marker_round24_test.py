"""Issue 14, round twenty-four: the marker veto retrained on pii batches 1-26, val-9..24, the
dev files, the labelled set and the marker rules' own examples, with label-talk cues
(guard/detect/label_talk.py), and carried by marker.quoted-from, marker.document-status and
marker.classification too. Label talk is quiet: a sticker, advice before posting, a label of the
past, a report made public, a label as a design question. A carried or reported label still
warns or blocks, and a kept finding says why. Drafts written for this test (none from a batch),
English and French, curly and straight quotes, « », emoji, capitals and a Cyrillic look-alike
letter. The pack is the default one without the NLP model (`pack` in conftest.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from guard.detect.label_talk import label_talk_cues
from guard.engine import Guard
from guard.packs.loader import load_pack
from tests.scripts import load_script

VETOED = ("marker.confidential", "marker.confidential-word", "marker.do-not-share",
          "marker.quoted-from", "marker.document-status", "marker.classification")


@pytest.fixture(scope="module")
def unvetoed() -> Guard:
    """The default pack with every veto taken off: what the rules flag on their own."""
    pack = load_pack(["default"])
    return Guard(replace(pack, rules=tuple(replace(r, veto=None) for r in pack.rules)), nlp=False)


# Label talk a marker rule flags on its own, and the veto drops: (draft, the rules it drops)
TALK = [
    ("Visited the war museum today: a 1944 map stamped SECRET, now behind glass 🗺️",
     {"marker.classification", "marker.document-status"}),
    ("Tip for new managers: write “Draft” on work in progress, not “CONFIDENTIAL” 📝",
     {"marker.confidential-word"}),
    ("Our sustainability report is finally public! No more “Confidential” on the PDF, share "
     "away 🌍", {"marker.quoted-from"}),
    ("Notre rapport annuel est enfin public 🎉 plus de mention « confidentiel » sur le PDF, "
     "partagez !", {"marker.confidential-word", "marker.quoted-from"}),
    ("My son asked why my laptop has an “Internal use only” sticker. Told him it's so nobody "
     "borrows it 😄", {"marker.confidential"}),
    ("Mon fils m'a demandé pourquoi il y a un autocollant « usage interne » sur mon ordi 😄",
     {"marker.confidential"}),
]


@pytest.mark.parametrize("text, dropped", TALK)
def test_label_talk_is_quiet(pack: Guard, unvetoed: Guard, text: str, dropped: set[str]) -> None:
    assert {f.rule for f in unvetoed.check(text).findings} >= dropped
    report = pack.check(text)
    assert report.verdict == "allow"
    assert report.findings == ()


def test_advice_about_a_label_keeps_its_other_findings_only(pack: Guard) -> None:
    # « diffusion restreinte » as a sticker rule for contracts: the marker finding goes, the
    # deal word (« contrats ») stays as it was, too weak to warn
    text = ("Rappel aux nouveaux : l'étiquette « diffusion restreinte » se met sur les contrats, "
            "pas sur les menus de la cantine 😅")
    report = pack.check(text)
    assert report.verdict == "allow"
    assert [f.rule for f in report.findings] == ["financial.deal-word"]


# A carried or reported label: (draft, verdict, the marker rules that keep their finding)
CARRIED = [
    ("Between us, the \u2018Confidential\u2019 board memo says the Q3 bonus pool is cut by 40%",
     "block", ["marker.confidential-word", "marker.document-status", "marker.figure"]),
    ("Lu dans la note « usage interne » de la DG : 120 postes supprimés à Lyon d'ici juin",
     "block", ["marker.confidential", "marker.figure"]),
    # (round twenty-seven: a label heading the draft is marker.heading-label's, no veto there)
    ("Internal only: new pricing goes live 1 Feb, enterprise tier from $45 to $60", "block",
     ["marker.figure", "marker.heading-label"]),
    ("Confidentiel ⚠️ : le rachat de Norbert par Dentressangle sera annoncé lundi", "block",
     ["marker.figure", "marker.heading-label"]),
    ("Stamped CONFIDENTIAL but whatever: our APAC office closes in March", "block",
     ["marker.classification", "marker.confidential-word", "marker.document-status",
      "marker.figure"]),
    ("Our trial readout is still under embargo, but between us: the primary endpoint was "
     "missed 😬", "warn", ["marker.confidential"]),
    # a Cyrillic o (U+043E) in "only"
    ("Internal \u043enly: the Q4 layoffs list goes out on Friday", "block",
     ["marker.figure", "marker.heading-label"]),
]


@pytest.mark.parametrize("text, verdict, rules", CARRIED)
def test_a_carried_label_still_warns_or_blocks(pack: Guard, text: str, verdict: str,
                                               rules: list[str]) -> None:
    report = pack.check(text)
    assert report.verdict == verdict
    assert sorted({f.rule for f in report.findings if f.rule.startswith("marker.")}) == rules


def test_a_kept_finding_names_the_label_talk_cue_that_weighed() -> None:
    guard = Guard.from_files(["default"], nlp=False)
    report = guard.check("Lu dans la note « usage interne » de la DG : 120 postes supprimés à "
                         "Lyon d'ici juin")
    found = next(f for f in report.findings if f.rule == "marker.confidential")
    assert (found.start, found.end, found.text) == (18, 31, "usage interne")
    assert found.evidence.context[0] == "a label, then what the document says"
    told = guard.check("Our trial readout is still under embargo, but between us: the primary "
                       "endpoint was missed 😬")
    embargo = next(f for f in told.findings if f.rule == "marker.confidential")
    assert embargo.text == "under embargo"
    assert "told anyway" in embargo.evidence.context


@pytest.mark.parametrize("text, cues", [
    ("Conseil : avant de poster, vérifie la mention « usage interne »",
     {"l:advice", "l:label-named"}),
    ("Pro tip: before you share a screenshot, crop the 'INTERNAL' banner",
     {"l:advice", "l:label-named"}),
    ("Reading a declassified memo stamped “SECRET” in 1962", {"l:past", "l:label-named"}),
    ("The RESTRICTED pricing sheet says the enterprise tier goes from $45 to $60",
     {"l:label-says"}),
    ("Vu dans le classeur « diffusion restreinte » : le budget formation est divisé par deux",
     {"l:label-says"}),
    ("Still under embargo, but between us: primary endpoint missed",
     {"l:between-us", "l:label-says"}),
    ("Under embargo, but between us 🤐", {"l:between-us"}),
    ("Entre nous 🤫 c'est CONFIDENTIEL : rachat signé hier", {"l:between-us", "l:label-says"}),
    ("Internal only: write to jane.doe@example.com", {"l:label-heading"}),
    ("« Confidentiel » — le plan de départs", {"l:label-heading"}),
    ("Our new office opens on Monday", set()),
])
def test_the_label_talk_cues(text: str, cues: set[str]) -> None:
    assert label_talk_cues(text) == cues


def test_the_six_rules_carry_the_veto_and_the_blocking_ones_do_not() -> None:
    rules = {r.id: r for r in load_pack(["default"]).rules if r.id.startswith("marker.")}
    assert sorted(i for i, r in rules.items() if r.veto is not None) == sorted(VETOED)
    for rule_id in ("marker.banner", "marker.signed-but", "marker.figure"):
        assert rules[rule_id].veto is None
    models = {rules[i].veto.model_file for i in VETOED}  # type: ignore[union-attr]
    assert len(models) == 1 and next(iter(models)).endswith("marker-veto.json")


def test_the_study_replays_a_verdict_from_a_dumps_findings(capsys) -> None:
    """tools/marker_veto_study.py recomputes a draft's verdict from the findings a measuring
    commit dumped, so a veto can be replayed without that commit's guard."""
    study = load_script("tools/marker_veto_study.py")
    marker = ["marker.confidential", "confidentiality-marker", "medium", 1.0]
    event = ["event.mnpi", "mnpi", "high", 1.0]
    leak = {"leak": True, "category": "confidentiality-marker", "expect": "warn"}
    talk = {"leak": False, "category": "confidentiality-marker", "expect": "allow"}
    assert study.judged(leak, [marker], events=False)
    assert not study.judged(leak, [], events=False)
    assert study.judged(talk, [marker], events=False)
    # a hard negative flagged only by an events rule counts with the whole pack alone
    assert not study.judged(talk, [event], events=False)
    assert study.judged(talk, [event], events=True)
    with pytest.raises(SystemExit) as err:
        study.main(["--dumps", "/tmp/nowhere"])
    assert err.value.code == 2
    assert "--dumps needs --before" in capsys.readouterr().err
