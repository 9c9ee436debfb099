"""Issue 14, round six: an organisation's own details in a post it signs, a public institution's
address, explainers and scam warnings stay quiet; a passport number before its keyword, "user /
pass: ...", "is literally '...'", "X = mot de passe", a named person's pay figure, disciplinary
and capability vocabulary, "for info only / not for forwarding" and classification banners are
caught; on the round's new drafts (tests/data/dev/pii-secret-marker-dev-7.jsonl), English and
French, with exact rule ids, spans and verdicts. The pack runs without the NLP model and without
the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, misses_and_alarms, outputs
from tests.scripts import ROOT

DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize("text", [
    "Questions about your order? Our helpline is 0161 496 0732, weekdays 8-6. — Hartley & Sons "
    "Hardware",
    "Need a lift to the clinic? Ring our volunteer desk on 020 7946 0321 and we'll sort it. "
    "Thanks, the Northgate Community Trust",
    "Pour toute question sur les inscriptions, notre secrétariat répond au 04 78 92 11 40. "
    "L'équipe du Conservatoire de Villeurbanne",
    "Every donation helps the shelter: transfer to our account GB78 NWBK 6016 1331 9268 10, "
    "reference WINTER. — Paws & Whiskers Rescue",
    "Soutenez notre club ! Virement possible sur notre compte FR76 1001 1000 2012 3456 7890 188, "
    "merci à tous. Le bureau de l'US Pontivy",
    "Send your stories to our newsroom at tips.desk@harbourgazette.co.uk. — The Harbour Gazette "
    "team",
    "Nos bureaux déménagent au 8 rue des Tanneurs, 67000 Strasbourg à partir du 3 mars. — "
    "Cabinet Keller Avocats",
])
def test_an_organisations_own_details_in_a_post_it_signs_stay_quiet(
    guard: Guard, text: str
) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, verdict, hits", [
    # "our"/"notre" without a signature is a colleague's number, as before
    ("our new temp Kira asked me to share her number so the team can reach her: 07700 900 461",
     "warn", [("pii.phone", 74, 87)]),
    ("Le numéro perso de notre stagiaire Léa c'est le 06 71 23 45 98, appelez-la si elle est en "
     "retard", "warn", [("pii.phone", 48, 62)]),
    # a signature by a person, not an organisation, is no business's own line
    ("call our neighbour on 07700 900 461 if the alarm goes off — Tom",
     "warn", [("pii.phone", 22, 35)]),
    ("refund to my brother's account FR76 3000 4000 0312 3456 7890 143 — Merci",
     "block", [("pii.iban", 31, 64)]),
])
def test_someone_elses_details_still_flag(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "Letters to Congress: The U.S. Capitol, First St SE, Washington, DC 20004 — or write to the "
    "White House at 1600 Pennsylvania Ave NW, Washington, DC 20500",
    "Écrire au Président : Palais de l'Élysée, 55 rue du Faubourg Saint-Honoré, 75008 Paris. "
    "Une lettre, ça compte.",
    "Petition delivered to 10 Downing Street, London SW1A 2AA this morning, thank you to everyone "
    "who signed",
    "Le saviez-vous ? La convocation à un entretien préalable doit respecter un délai de 5 jours "
    "ouvrables. #droitdutravail",
    "HR tip of the day: a disciplinary hearing invite should give the employee at least 48 hours' "
    "notice and the right to be accompanied.",
    "Comment ça marche : un congé maternité dure 16 semaines pour un premier enfant, fiche "
    "pratique en lien dans la bio",
    "Scam alert: texts saying 'your card ending **** 4821 has been locked, tap here' are fake. "
    "Don't tap, report to 7726.",
    "Attention au faux mail « Votre carte XXXX XXXX XXXX 0042 a expiré, mettez à jour vos "
    "informations ». C'est du phishing.",
    "How to run a fair capability process: a guide for new managers",
    "The average software engineer's salary in Leeds is £52,500 according to the new survey",
    "Everyone wants someone to blame, Tom included",
])
def test_public_addresses_explainers_and_scam_warnings_stay_quiet(
    guard: Guard, text: str
) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hit, value", [
    ("Booking for Mrs Adaeze Nwosu: C03005988 is her passport no., expiry 2031, please enter it "
     "by noon", ("pii.passport-before", 30, 55), "C03005988"),
    ("Pour la réservation de M. Haddad, 18AV73421 c'est son numéro de passeport, je vous l'envoie "
     "ici pour aller vite", ("pii.passport-before", 34, 73), "18AV73421"),
    ("vpn: m.okafor / pass: Rt9!kLz4Wq, use it until IT sends yours",
     ("secret.password", 16, 33), "Rt9!kLz4Wq"),
    ("Tournesol-Vert-2291 = code wifi invités, à noter sur le tableau",
     ("secret.credential-prose-before", 0, 31), "Tournesol-Vert-2291"),
    ("Falcon!Ridge_904 = password for the conference room laptop, don't change it",
     ("secret.credential-prose-before", 0, 27), "Falcon!Ridge_904"),
    ("the root pw on the backup box is literally \"Kettle-Moth-41\", someone fix that",
     ("secret.password", 9, 58), "Kettle-Moth-41"),
    ("le mot de passe du routeur est littéralement « Pingouin-Bleu-73 », faudrait le changer",
     ("secret.password", 3, 63), "Pingouin-Bleu-73"),
])
def test_passports_and_passwords_in_other_word_orders_block_redacted(
    guard: Guard, text: str, hit: tuple[str, int, int], value: str
) -> None:
    assert found(guard, text) == ("block", [hit])
    assert value not in outputs(guard, text)


@pytest.mark.parametrize("text", [
    "a password is literally 'password123' for half the office, please use a manager",
    "mot de passe = phrase longue et unique, c'est tout ce qu'il faut retenir de la formation",
    "username / pass: type them on the login page, never in chat",
    "Passport renewals now take 3 weeks, apply before your summer trip",
])
def test_weak_examples_and_advice_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hits", [
    ("Between us, Marcus Webb's pay after the reorg is $188,000 plus stock, HR left it on the "
     "shared drive", [("pii.special-category-pay", 26, 58)]),
    ("Mme Laurent, la nouvelle DAF, touche 12 000 € net mensuel, je l'ai vu sur le tableau RH",
     [("pii.special-category-pay", 30, 45)]),
    ("heads up: Liam Ortiz was written up again and HR has started a disciplinary process",
     [("pii.special-category-situation", 25, 35), ("pii.special-category-situation", 63, 83)]),
    ("Jenna Hollis got 'needs improvement' on her review and she's being put through a formal "
     "capability procedure",
     [("pii.special-category-situation", 18, 35), ("pii.special-category-situation", 88, 108)]),
    ("Karim du dépôt a reçu un blâme ce matin, la direction parle d'une sanction disciplinaire",
     [("pii.special-category-situation", 25, 30), ("pii.special-category-situation", 66, 88)]),
])
def test_a_named_persons_pay_and_discipline_warn(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("warn", hits)


@pytest.mark.parametrize("text, verdict, rules", [
    # "for your eyes only" as a heading (the Bond film, with no punctuation after, stays quiet)
    # (round seven: a closure in marked material blocks, as a figure does)
    ("for your eyes only, not for forwarding: the Leeds depot closes in August",
     "block", ["marker.classification", "marker.figure"]),
    ("pour info uniquement, ne pas faire suivre : le comité a validé 40 suppressions de postes",
     "block", ["marker.do-not-share", "marker.do-not-share", "marker.figure"]),
    ("the folder says SECRET//NOFORN on every page and someone left it at the gate",
     "block", ["marker.scheme", "marker.banner", "marker.scheme"]),
    ("le dossier est tamponné SECRET DÉFENSE et il traîne sur la photocopieuse",
     "block", ["marker.classification", "marker.document-status", "marker.banner"]),
])
def test_fyi_only_and_classification_banners(
    guard: Guard, text: str, verdict: str, rules: list[str]
) -> None:
    got_verdict, hits = found(guard, text)
    assert (got_verdict, [rule for rule, _, _ in hits]) == (verdict, rules)


@pytest.mark.parametrize("text", [
    "pro tip: add 'please don't forward' to an email and watch everyone forward it",
    "Le « secret défense » expliqué en 3 minutes dans notre nouvelle vidéo",
    "Top secret: I'm learning to bake sourdough for my wife's birthday",
    "For Your Eyes Only is the best Bond film",
])
def test_talk_about_markers_stays_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


# What each file still misses or flags (listed in docs/history/pii-rounds.md): the sets are held so
# that a change that loses a draft, or gains an alarm, shows here. Batch 6 is all caught.
KNOWN = {
    "heldout/pii-secret-marker-6.jsonl": set(),
    # round eight: an association's own line on its opening hours is quiet
    "dev/pii-secret-marker-dev-7.jsonl": set(),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_batch_6_and_dev_7_hold_their_figures(guard: Guard, name: str) -> None:
    assert misses_and_alarms(guard, DATA / name) == KNOWN[name]
