"""Issue 14, round four: marked material that carries a figure blocks, label talk (a policy,
handling guidance, "anything marked ...", a quoted label described as an object), embargo teasers
and signing one's own NDA stay quiet, and the other shapes of batch 4
(`tests/data/heldout/pii-secret-marker-4.jsonl`, development data in this round), with exact rule
ids, spans and verdicts. The pack runs without the NLP model and without the `event.*` rules, as
in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, misses_and_alarms
from tests.scripts import ROOT

BATCH_4 = ROOT / "tests" / "data" / "heldout" / "pii-secret-marker-4.jsonl"


@pytest.mark.parametrize("text, marker, figure", [
    ("[Diffusion restreinte] le projet de réorganisation supprime 40 postes au siège",
     ("marker.confidential", 1, 21), (60, 69)),
    ("CONFIDENTIAL \u2013 PREPARED FOR THE AUDIT COMMITTEE: inventory write-down of $6.2M "
     "expected this quarter", ("marker.opening-label", 0, 14), (73, 78)),
    ("NE PAS DIFFUSER \u2014 nouvelle grille tarifaire 2027 : +12 % sur les abonnements pro",
     ("marker.confidential", 0, 15), (52, 56)),
    ("OFFICIAL-SENSITIVE: revised staffing model for the north region, 14 posts to be deleted. "
     "can't believe this", ("marker.confidential", 0, 18), (65, 73)),
    ("from the deck (NDA) \u2014 new enterprise pricing starts at $180k/yr, live in Jan",
     ("marker.label", 14, 19), (55, 60)),
])
def test_marked_material_with_a_figure_blocks(
    guard: Guard, text: str, marker: tuple[str, int, int] | list[tuple[str, int, int]],
    figure: tuple[int, int],
) -> None:
    # round nineteen: a stamp in capitals that opens the post is `marker.opening-label`'s too;
    # round twenty: its alone (marker.confidential-word stands aside: one label, one finding)
    markers = marker if isinstance(marker, list) else [marker]
    assert found(guard, text) == ("block", [*markers, ("marker.figure", *figure)])


@pytest.mark.parametrize("text", [
    # a year, a time or a date is no figure: the marker alone warns, as before
    "OFFICIAL-SENSITIVE: revised rota for the Northgate depot, attached",
    "Réservé à la direction : grille de rémunération 2025 en PJ",
    "Embargoed until Tuesday 9am: our new app",
])
def test_a_marker_without_a_figure_still_warns(guard: Guard, text: str) -> None:
    verdict, hits = found(guard, text)
    assert verdict == "warn"
    assert "marker.figure" not in [rule for rule, _, _ in hits]


def test_a_figure_without_a_marker_is_nothing(guard: Guard) -> None:
    assert found(guard, "the bus fare went up 12% last year, again") == ("allow", [])


@pytest.mark.parametrize("text", [
    "Our policy page on handling 'Commercial in Confidence' documents was updated today, link in "
    "bio",
    "new blog post: why 'do not share outside the team' banners don't work, and what to do instead",
    "Notre annonce est sous embargo jusqu'à mardi 9h, rendez-vous demain \U0001F440",
    "Our announcement is under embargo until Tuesday 9am. see you then \U0001F440",
    "La mention « Diffusion Restreinte » est encadrée par l'IGI 1300. Petit fil pour s'y "
    "retrouver \U0001F9F5",
    "« Ne pas diffuser » écrit au feutre sur les cassettes de mon père. c'étaient ses concerts "
    "de 1983 \U0001F602",
    "Rappel de la charte : tout ce qui est marqué « usage interne » ne sort pas sur les réseaux. "
    "Merci",
    "Reminder: anything marked 'internal use only' stays off social. simple rule, please follow "
    "it",
    "Stationnement interdit rue Victor Hugo lundi, accès restreint pour les travaux",
    "Une question sur votre commande ? Écrivez-nous à bonjour@example.com, on répond sous 48 h "
    "\U0001F60A \u2014 L'Atelier Pain",
    "Been off work two weeks with burnout. Slowly getting better \u2014 walks, sleep, no Slack. Be "
    "kind to yourselves",
    "Le code est là : git@gitlab.com:collectif-ouvert/carto.git, les PR sont bienvenues",
    "We're open till 9 tonight! Pizza orders at (617) 555-0142 \U0001F355 \u2014 Tony's Slice, "
    "Somerville",
    "Chelsea sacked Graham Potter as manager this morning",
])
def test_false_alarms_of_batch_4_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_signing_ones_own_nda_is_no_label(guard: Guard) -> None:
    # financial.deal-word ("accord") is an info-level partner: it never warns on its own.
    report = guard.check("J'ai signé mon premier accord de confidentialité (NDA) pour une "
                         "mission freelance, ça fait sérieux")
    assert report.verdict == "allow"
    assert not [f for f in report.findings if f.category == "confidentiality-marker"]


def test_label_talk_keeps_reported_labels(guard: Guard) -> None:
    # "porte la mention « ... »" reports a label from a document: it is still found (the embargo
    # phrase and the embargo with its date, two labels, so it blocks as before this round).
    # Round sixteen: marker.told-anyway also reads the embargo's date waived by « mais ».
    text = ("@Clara_RP le dossier de presse porte la mention \"sous embargo jusqu'au 5/06 00h01\" "
            "mais le site l'a déjà mis en ligne lol")
    assert found(guard, text) == (
        "block", [("marker.confidential", 49, 61), ("marker.classification", 49, 72),
                  ("marker.told-anyway", 54, 87)])


@pytest.mark.parametrize("text, verdict, rule, span", [
    ("Found a passport on the Piccadilly line?? name Alexei Morozov, passport number 71 43 "
     "082295\u2026 handing it to station staff now", "block", "pii.passport", (79, 91)),
    ("Rappel : Jérémy Caron (entrepôt) est épileptique. En cas de crise, appelez le 15 et ne le "
     "retenez surtout pas", "warn", "pii.special-category-situation", (37, 48)),
    ("Can't believe they fired Samantha Greer in finance today over the expenses thing. walked "
     "out by security and everything", "warn", "pii.special-category-dismissal", (19, 39)),
    ("ring Tom on 07911382406 please", "warn", "pii.phone", (12, 23)),
])
def test_passport_series_epilepsy_a_dismissal_and_a_call_back_note(
    guard: Guard, text: str, verdict: str, rule: str, span: tuple[int, int]
) -> None:
    assert found(guard, text) == (verdict, [(rule, *span)])


def test_an_access_code_without_a_connector_blocks_redacted(guard: Guard) -> None:
    text = ("Rappel : code d'accès au portail fournisseurs Fz93kLp!a, identifiant compta.lyon "
            "\u2014 ne pas le mettre dans le mail")
    assert found(guard, text) == ("block", [("secret.credential-prose", 46, 55)])
    assert "Fz93kLp!a" not in str(guard.check(text))


@pytest.mark.parametrize("text", [
    "le code d'accès au parking est affiché à l'entrée",
    "access code Wifi-Guest is on the board",
])
def test_an_access_code_that_is_a_word_stays_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_passport_series_is_masked(guard: Guard) -> None:
    text = "passport number 71 43 082295, found on the tube"
    (finding,) = [f for f in guard.check(text).findings if f.rule == "pii.passport"]
    assert finding.text == "** ** ******"


# What batch 4 still misses or flags (listed in docs/history/pii-rounds.md): held as a set so that a
# change that loses a draft, or gains an alarm, shows here. The two `internal.host` alarms are
# URLs to a localhost port, which issue 14 keeps as internal links. (Round seven caught the two
# pay drafts with the author's own pay in the next sentence: ps4-118, ps4-259. Round twenty-three
# caught ps4-113: "call him back on +44 (0)20 7946 3381" after "re the invoice", which was an
# exclude word of pii.phone.)
KNOWN = {
    "alarm ps4-081", "alarm ps4-267",
}


def test_batch_4_holds_its_figures(guard: Guard) -> None:
    assert misses_and_alarms(guard, BATCH_4) == KNOWN
