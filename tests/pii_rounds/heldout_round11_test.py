"""Issue 14, round eleven: a colleague's health, HR process or pay decided by a learned scorer
(`pii.special-category-scored`: the vocabulary lists propose, rules/special-veto.json decides,
the evidence is what it weighed), a label named as a document's status, an unquoted passphrase
and "is what we set as the ... password", with exact rule ids, spans and verdicts; one's own
life, studies, headlines in Title Case, a brand's giveaway mailbox and a library's address stay
quiet. Drafts written for this test (none from a batch), English and French, with emoji and
accents; a vocabulary named in `terms:` as `@list`, its errors with their place; the shipped
models rebuilt byte for byte. The pack runs without the NLP model and without the `event.*`
rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from guard import Guard
from guard.errors import RulePackError
from guard.packs.loader import load_pack
from tests.pii_rounds.heldout_support import found, outputs
from tests.scripts import ROOT, load_script, rebuilt_differs

SCORED = "pii.special-category-scored"


@pytest.mark.parametrize("text, verdict, hits", [
    # special-category data the round-ten alternations missed, told as news, a favour, a rant
    ("Please keep our teammate Rachel in your thoughts 💐 she's just been diagnosed with MS and "
     "will be off for a while", "warn", [(SCORED, 67, 76)]),
    ("Karen's redundancy was confirmed this morning, her last day is the 30th. Card going round "
     "at reception", "warn", [(SCORED, 8, 18), (SCORED, 51, 59)]),
    ("Pour info, Benoît de la logistique est sous dialyse trois matins par semaine, évitez les "
     "réunions à 9h", "warn", [(SCORED, 44, 51)]),
    ("Our nanny Rosa asked for a raise from $22 to $26/hr, is that reasonable for Austin?",
     "warn", [(SCORED, 27, 32)]),
    ("Je viens d'apprendre que Romain touche 52k brut alors que je plafonne à 41k. Super.",
     "warn", [(SCORED, 32, 38), (SCORED, 43, 47)]),
    ("Congrats to Alina Petrova on her promotion to Senior Engineer! New base of $174,000 plus "
     "15% bonus 🎉", "warn", [(SCORED, 33, 42), (SCORED, 67, 71), (SCORED, 93, 98)]),
    # a label named as the status of the document the post draws on
    ("sharing page 2 of the NDA-protected supplier contract so you can see what we pay per chip "
     "🤯", "warn", [("marker.document-status", 22, 53), ("financial.deal-word", 45, 53)]),
    ("Don't tell anyone but the 'eyes only' memo from the COO says the Lyon site closes in June",
     "block", [("marker.do-not-share", 0, 17), ("marker.document-status", 22, 42),
               ("marker.confidential", 27, 36), ("marker.figure", 75, 81)]),
    ("Voici la page 3 du contrat, tamponnée « secret des affaires », regardez la marge 😳",
     "warn", [("financial.deal-word", 19, 26), ("marker.document-status", 28, 59),
              ("financial.deal-word", 75, 80)]),
    ("Embargoed till Thursday noon: we're buying Fernhill Labs for $80M", "block",
     [("marker.classification", 0, 23), ("marker.figure", 61, 65)]),
    # credentials: an unquoted passphrase, the value first, a router's admin pass
    ("Phrase secrète du coffre de l'équipe : les hiboux dansent sous la pluie 2024 (sans accents)",
     "block", [("secret.passphrase-prose", 39, 76)]),
    ("Team vault passphrase: seven orange kites fly north, don't lose it", "block",
     [("secret.passphrase-prose", 23, 51)]),
    ("Reminder that Maple-Ferry!88 is what we set as the temporary admin password for the kiosk",
     "block", [("secret.password-named", 14, 75)]),
    ("fyi I set the router admin pass to 'tangerine-moth-73', change it after the demo", "block",
     [("secret.password", 27, 53)]),
    # a US address on a numbered street with a direction
    ("Met a guy on Hinge, turns out he lives at 302 W 88th St, Apt 4R, New York, NY 10024 with "
     "his wife", "warn", [("pii.postal-address-person", 42, 83)]),  # "lives at": round twelve
])
def test_round_eleven_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own life, studies, a headline in Title Case, a kind word about a nurse
    "Just got diagnosed with ADHD at 34 and honestly so much makes sense now",
    "Le burn-out touche 1 salarié sur 3 selon une étude publiée ce matin",
    "Je sors d'un burn-out et je voulais juste dire : demandez de l'aide tôt.",
    "New study: depression rates among nurses doubled since 2019",
    "Ma prime de fin d'année est tombée 🎉 merci à toute l'équipe",
    "Our peer support line is kind, patient and confidential, open every evening",
    "Prime Minister Defends Citizenship Amendment Act; Says His Government Kept Prices Under Check",
    "Our nurse Zoé was amazing with my son today 💙 thank you Ward 9!",
    # talk about labels, passphrase advice
    "Reminder: documents stamped Confidential go in the locked tray, not the recycling",
    "Le « secret des affaires » expliqué en 3 minutes par notre juriste",
    "Passphrase tip: four random words beat a short password",
    "Conseil du jour pour votre phrase de passe : choisissez quatre mots au hasard",
    # a brand's own mailboxes, a library's and a sight's address for visitors
    "Giveaway time 🎁 Email goodies@lunaroast.coffee with your favourite brew, we'll pick winners "
    "Monday",
    "Pour toute réclamation : sav@velos-perrin.fr ou directement en boutique 🚲",
    "Free homework help every Wednesday at the Maple Grove Public Library, 8351 Elm Creek Blvd N, "
    "Maple Grove, MN 55369. No appointment needed.",
    "Visite incontournable à Chicago : l'Art Institute, 111 S Michigan Ave, Chicago, IL 60603. "
    "Prévoyez la journée.",
    "The embargo has lifted! Delighted to announce our partnership with Greenway Foods",
])
def test_round_eleven_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_the_scorers_finding_shows_what_it_weighed(guard: Guard) -> None:
    report = guard.check("Please keep our teammate Rachel in your thoughts 💐 she's just been "
                         "diagnosed with MS and will be off for a while")
    first = report.findings[0]
    assert (first.rule, first.evidence.via, first.evidence.normalized) == (
        SCORED, "exact", "diagnosed")
    # (round twelve's retrained scorer weighed the name itself above "off"; round fourteen's,
    # with batch 14 and val-15, weighs the request "please" above the name; round fifteen's, with
    # batch 15 and val-16, weighs "please" above "she s"; round seventeen's, with batch 17 and
    # val-18, weighs "off" (will be off for a while) above "please"; round eighteen's, with
    # batch 18 and val-19, weighs the bigram "she s" (she's just been) above "please"; round
    # nineteen's, with batch 19 and val-20, weighs "she s" above "off"; round twenty-two's, with
    # batches 21-23 and val-22, val-23, weighs the request "please" above "off" again; round
    # twenty-three's, with batch 24 and val-24, weighs "off" above "please")
    assert first.evidence.context == ("a name", "she", "she s", "off")
    assert "a name" in outputs(guard, "Please keep our teammate Rachel in your thoughts 💐 "
                                      "she's just been diagnosed with MS")


def test_explain_shows_the_scorer_and_whom_it_defers_to() -> None:
    run = subprocess.run([sys.executable, "-m", "guard", "explain", SCORED],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert any(ln.startswith("  veto        scorer special-veto.json (sha256:")
               and ln.endswith("drops the finding when p(leak) < 0.4") for ln in lines)
    assert "  defers to   pii.special-category, pii.special-category-on-pay, " \
           "pii.special-category-term, pii.special-category-situation, " \
           "pii.special-category-dismissal, pii.special-category-hr, pii.special-category-pay, " \
           "pii.special-category-pay-list (stands aside on a draft they report)" in lines


def test_the_scorer_is_part_of_the_policy() -> None:
    rule = next(r for r in load_pack(["default"]).rules if r.id == SCORED)
    assert rule.veto is not None and rule.veto.below == 0.4
    blob = (ROOT / "rules" / "special-veto.json").read_bytes()
    assert rule.veto.model_digest == "sha256:" + hashlib.sha256(blob).hexdigest()
    assert "diagnosed" in rule.terms and "salaire" in rule.terms and "licencié" in rule.terms


VOCAB_PACK = """\
    version: 1
    lists:
      bits: [sprocket, flange]
    rules:
      - id: mine.parts
        category: internal
        severity: medium
        terms: [gizmo, "@bits"]
"""


def test_terms_name_a_list(write_pack) -> None:
    path = write_pack(VOCAB_PACK)
    rule = next(r for r in load_pack([str(path)]).rules if r.id == "mine.parts")
    assert rule.terms == ("gizmo", "sprocket", "flange")
    guard = Guard.from_files([str(path)], nlp=False)
    assert [(f.rule, f.start, f.end) for f in guard.check("the new Flange is late").findings] == [
        ("mine.parts", 8, 14)]


def test_an_unknown_list_in_terms_is_named_with_its_place(write_pack) -> None:
    path = write_pack(VOCAB_PACK.replace('"@bits"', '"@bit"'), name="mine.yaml")
    with pytest.raises(RulePackError) as err:
        load_pack([str(path)])
    e = err.value
    assert (Path(e.file).name, e.line, e.column, e.rule_id) == ("mine.yaml", 8, 20, "mine.parts")
    assert e.message == "no list named 'bit'" and e.hint == "did you mean '@bits'?"


@pytest.mark.parametrize("name, file", [("special", "special-veto.json"),
                                        ("marker", "marker-veto.json")])
def test_the_shipped_veto_models_rebuild_byte_for_byte(name: str, file: str) -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the models")
    train = load_script("tools/train_veto.py")
    assert not rebuilt_differs(train.build(name), ROOT / "rules" / file)


def test_the_trainer_refuses_out_without_a_model(tmp_path) -> None:
    train = load_script("tools/train_veto.py")
    with pytest.raises(SystemExit) as err:
        train.main(["--out", str(tmp_path / "m.json")])
    assert err.value.code == 2


DEFER_PACK = """\
    version: 1
    rules:
      - id: mine.word
        category: internal
        severity: medium
        terms: [sprocket]
      - id: mine.broad
        category: internal
        severity: medium
        terms: [sprocket, flange]
        defer_to: [mine.word]
"""


def test_a_rule_stands_aside_where_the_rule_it_defers_to_reports(write_pack) -> None:
    path = write_pack(DEFER_PACK)
    guard = Guard.from_files([str(path)], nlp=False)
    # mine.word reports the first draft: mine.broad's two findings stand aside (one decision)
    report = guard.check("the sprocket and the flange are late")
    assert (report.verdict, [(f.rule, f.start, f.end) for f in report.findings]) == (
        "warn", [("mine.word", 4, 12)])
    report = guard.check("the flange is late")
    assert [(f.rule, f.start, f.end) for f in report.findings] == [("mine.broad", 4, 10)]
    before = load_pack([str(path)]).digest
    changed = write_pack(DEFER_PACK.replace("defer_to: [mine.word]", "defer_to: [mine.x]"),
                         name="b.yaml")
    assert load_pack([str(changed)]).digest != before
