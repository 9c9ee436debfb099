"""The `events` rules, round twenty-eight. Batch 29's office lease ("our new Austin office: 3
floors on Congress Ave, 400 seats. Announcement is next month") was quiet because the
`address-move` aside read "office: 3 floors on Congress Ave" as a public street address (a
number, up to three words, a street suffix), and an aside asks more than any probability. A
street's name holds no "on", "in", "at", "of" nor a floor count: the number is then a size, not
a door. « Personne n'a été prévenu » (an exposed payroll file, batches 14 and 29) is a
`nonpublic` phrase now (the model retrained). Drafts written for this test."""

from __future__ import annotations

import pytest

from tests.detect.events_round5_test import event_findings
from tests.detect.events_round20_test import aside_text


@pytest.mark.parametrize("text", [
    "Signed the lease today for our new Austin office: 3 floors on Congress Ave, 400 seats. "
    "Announcement is next month but I'm so proud of this team 🤠",
    "Lease signed for our new Denver office: 2 floors on Larimer St, 250 desks. Announcement is "
    "next month, keep it quiet until then.",
    "Nouveaux locaux : 3 étages sur le boulevard Haussmann, 300 postes. On l'annonce aux équipes "
    "en juin, motus d'ici là.",
])
def test_an_offices_size_is_no_street_address(text):
    assert aside_text(text) == []


@pytest.mark.parametrize(("text", "rule"), [
    ("Signed the lease today for our new Austin office: 3 floors on Congress Ave, 400 seats. "
     "Announcement is next month but I'm so proud of this team 🤠", "event.roadmap"),
    ("Lease signed for our new Denver office: 2 floors on Larimer St, 250 desks. Announcement is "
     "next month, keep it quiet until then.", "event.roadmap"),
])
def test_an_office_lease_told_before_its_announcement_flags(pack, text, rule):
    assert rule in [r for r, _ in event_findings(pack.check(text))]


@pytest.mark.parametrize("text", [
    # near misses: a public address is still an aside (a door number, then the street)
    "Our new Boston office is at 100 Summer Street, come say hi 👋",
    "We're moving to 350 5th Ave in March! New address on the site soon.",
    "On déménage : 12 rue de la Paix, à deux pas de l'Opéra.",
])
def test_a_public_address_is_still_an_aside(text):
    assert [form for form, _ in aside_text(text)] == ["address-move"]


@pytest.mark.parametrize("text", [
    # batch 14's and 29's exposed payroll files told with « personne n'a été prévenu »: no
    # event word and, before this round, no cue the scorer could stand on (now a `nonpublic`
    # phrase, retrained); fresh wordings of the same class
    "Le tableur avec les salaires de toute la boîte traînait sur un Drive partagé en lecture "
    "publique. Supprimé ce matin, personne n'a été prévenu.",
    "Notre base clients était accessible sans mot de passe pendant deux semaines. Corrigé en "
    "douce, personne n'a été informé.",
])
def test_an_exposure_nobody_was_told_of_flags(pack, text):
    assert "event.incident" in [r for r, _ in event_findings(pack.check(text))]


@pytest.mark.parametrize("text", [
    # near misses: nobody warned of someone else's news (a strike, a water cut, a flight)
    "Grève surprise à la SNCF ce matin, personne n'a été prévenu, on attend sur le quai depuis "
    "une heure 😡",
    "Coupure d'eau dans tout le quartier, personne n'a été prévenu par la mairie. Merci pour "
    "l'info...",
    "Mon vol a été annulé et personne n'a été prévenu, on l'a appris au comptoir. Bravo @AirFrance",
])
def test_nobody_warned_of_public_news_stays_quiet(pack, text):
    assert event_findings(pack.check(text)) == []
