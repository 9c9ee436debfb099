"""The `events` rules, round fifteen: secrecy as a composition, the cue counts, customers' own
things. A disclosure (a press release, the official number, the press, a regulator told) that has
not happened (pending, in draft, waits for, later, nothing in the press yet), the told not knowing
("Customers don't know.") and nobody outside knowing are `nonpublic` cues (`secrecy:` forms built
from named lists, data); with such a cue and an event word, a draft that is no customer's and no
one else's news warns in the category its words name once the scorer finds it a leak at
`COUNTED`; a customer's own account or device (`customer` forms) and a technician at the author's
home (`home-visit`, an aside) are no employer's news."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import COUNTED, firing
from guard.detect.events.secrecy import customer, secrecy, secrecy_groups
from guard.detect.events.shape import decision_groups
from guard.models import EventCues
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G


def cue_text(text: str) -> list[str]:
    """The `nonpublic` spans the grammar finds in a draft, as written."""
    folded = fold(text)
    return [text[s.start:s.end] for s in secrecy(folded, G) if s.group == "nonpublic"]


@pytest.mark.parametrize(("text", "span"), [
    # a disclosure still pending or in draft, EN and FR, capitals, emoji
    ("Huge: we just won the Meridian contract, 2,200 stores. Press release pending 🎉",
     "Press release pending"),
    ("warehouse in Leeds signed. PRESS RELEASE STILL IN DRAFT lol", "PRESS RELEASE STILL IN DRAFT"),
    ("Paid subs crossed 300k!! Official number waits for the quarterly letter 🍾",
     "Official number waits for"),
    ("The announcement is on hold until the board meets", "announcement is on hold"),
    ("Le communiqué est encore en brouillon, chut 🤫", "communiqué est encore en brouillon"),
    ("Les chiffres officiels attendront le conseil de jeudi", "chiffres officiels attendront"),
    # nothing of it in the press yet
    ("Perquisition ce matin chez nous. Rien dans la presse encore.", "Rien dans la presse encore"),
    ("Raid at HQ this morning. Nothing in the papers yet 👀", "Nothing in the papers yet"),
    # an audience told later, curly quotes
    ("350 000 dossiers dans la nature, la CNIL sera prévenue « plus tard ».",
     "la CNIL sera prévenue « plus tard"),
    ("The regulator will be notified \u201clater\u201d, apparently",
     "The regulator will be notified \u201clater"),
    # the told not knowing; nobody outside knowing or saying a word (curly apostrophes)
    ("Seats up 22% from Feb 1. Customers don\u2019t know. 😉", "Customers don\u2019t know."),
    ("Nurses know it's ransomware. Public doesn't.", "Public doesn't."),
    ("Les clients ne savent rien.", "clients ne savent rien."),
    ("remote access tool on the finance laptops. nobody outside knows.", "nobody outside knows"),
    ("The CFO packed her office after everyone left. Nobody\u2019s said a word.",
     "Nobody\u2019s said a word"),
    ("Personne à l'extérieur ne le sait", "Personne à l'extérieur ne le sait"),
])
def test_a_disclosure_that_has_not_happened_is_a_secrecy_cue(text, span):
    assert cue_text(text) == [span]


@pytest.mark.parametrize("text", [
    "Customers don't know what they want until you show them",  # the sentence goes on
    "Waiting for the press release from @Nintendo about the new Zelda!",  # a fan, before it
    "Nobody knows why my wifi keeps dropping",  # nobody, but no one outside
    "Our press release is out: Meridian picked us 🎉",  # a disclosure made
    "Le communiqué est en ligne depuis ce matin",
    "Rien dans la presse sur ce sujet, étonnant",  # no "encore": not a disclosure to come
    "@Skyways no statement about the outage?",  # no "yet", nothing pending
    "The announcement drew a huge crowd and the press loved it",
])
def test_near_misses_say_no_secret(text):
    assert cue_text(text) == []
    assert "nonpublic" not in secrecy_groups(fold(text).casefold(), G)


NEEDS = [("mnpi", EventCues((), threshold=0.5)), ("incident", EventCues((), threshold=0.6)),
         ("roadmap", EventCues((), threshold=0.4))]
# A leak as likely as COUNTED, split so that incident (threshold 0.6) misses its own threshold
SPLIT = {"none": 1 - COUNTED, "mnpi": 0.05, "incident": COUNTED - 0.1, "roadmap": 0.05}


def test_the_cue_counts_an_event_word_and_a_leak_at_counted_warn_in_the_named_category():
    # "quiet fix in progress, no announcement planned lol": mockery pulls incident under 0.6
    assert COUNTED < 0.6
    groups = {"nonpublic", "public", "kind:incident:exposed-data", "kind:mnpi:metrics"}
    assert firing(NEEDS, SPLIT, frozenset(groups)) == [1]  # one finding, the likeliest named
    # ... in the author's matter, even written to "you"
    assert firing(NEEDS, SPLIT, frozenset(groups | {"own", "addressed"})) == [1]


@pytest.mark.parametrize("extra", [
    {"addressed"},  # written to a brand or to "you" ("@Skyways no statement yet?")
    {"customer"},  # a customer's own account or device
    {"elsewhere"},  # someone else's news (a named outlet, a rumour)
    {"aside"},  # a story, advice, a disclosure made
    {"labels"},  # secrecy labels explained
])
def test_the_cue_does_not_count_for_a_customer_or_someone_elses_news(extra):
    groups = {"nonpublic", "kind:incident:exposed-data"} | extra
    assert firing(NEEDS, SPLIT, frozenset(groups)) == []


def test_the_cue_needs_an_event_word_and_a_leak_at_counted():
    assert firing(NEEDS, SPLIT, frozenset({"nonpublic"})) == []  # no event word
    doubt = {"none": 1.01 - COUNTED, "mnpi": 0.05, "incident": COUNTED - 0.11, "roadmap": 0.05}
    assert firing(NEEDS, doubt, frozenset({"nonpublic", "kind:incident:exposed-data"})) == []


def groups_of(text: str, found: set[str]) -> set[str]:
    return decision_groups(fold(text).casefold(), found, G)


@pytest.mark.parametrize("text", [
    "Google Mail is something else. It would not recover my email accounts on my new laptop 🙄",
    "Ma box est en panne depuis hier soir, le service client me dit « incident technique »",
    "le service client est le pire : 1 mois sans internet, aucune info sur le ticket incident",
    "Features I need from @Dropbox: storing files. Features they think people want: project "
    "management systems!",
])
def test_a_customers_own_account_or_device_is_a_customers_draft(text):
    assert customer(fold(text).casefold(), G)
    assert "customer" in groups_of(text, {"own"})
    # ... unless a secrecy cue makes it the author's secret
    assert "customer" not in groups_of(text, {"own", "nonpublic"})


@pytest.mark.parametrize("text", [
    "My account managers closed three deals this week",  # a team, not a customer's account
    "We are migrating every customer account to the new platform on May 3",
    "Notre compte de résultat sera publié jeudi",  # no possessive of one's own
])
def test_an_employers_accounts_are_not_a_customers(text):
    assert not customer(fold(text).casefold(), G)


@pytest.mark.parametrize(("text", "aside"), [
    ("un tech me fait poser une journée pour installer la fibre chez moi. il passe le 14 juin",
     True),
    ("The installer comes to my place on June 14 to fit the new boiler", True),
    ("Le livreur passe à la maison demain entre 8h et 12h", True),
    # a prototype brought home is an employer's news: no visitor
    ("Ma copine a ramené à la maison un prototype qui sort en juin", False),
    ("Our technician team moves to the Lyon site in June", False),  # no home
])
def test_a_technician_at_the_authors_home_is_an_aside(text, aside):
    assert ("aside" in groups_of(text, {"ahead"})) is aside


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # drafts written for this test: an event and a composed secrecy cue, in a proud, mocking or
    # flat register; each warns at least, under the category its words name, one finding
    ("Huge: we just won the Meridian Grocers contract, 2,200 stores. Press release pending 🎉",
     "block", "event.mnpi", "customer"),
    ("the canadian launch of our app is set for 9/15, warehouse in Mississauga signed. press "
     "release still in draft", "block", "event.roadmap", "product"),
    ("Our subscribers crossed 300k last night!! Official number waits for the quarterly letter 🍾",
     "block", "event.mnpi", "metrics"),
    ("Fuite de données chez nous : 350 000 dossiers d'adhérents, la CNIL sera prévenue « plus "
     "tard ».", "block", "event.incident", "breach"),
    ("Prices up 22% on enterprise seats from Feb 1. Customers don\u2019t know. 😉",
     "block", "event.roadmap", "pricing"),
    ("Le CFO a vidé son bureau hier soir. Personne à l'extérieur ne le sait.",
     "warn", "event.mnpi", "exec"),
    ("Watching our CFO pack her office into boxes after everyone left. Nobody\u2019s said a word.",
     "warn", "event.mnpi", "exec"),
    ("Perquisition ce matin au siège, cartons, tout. Rien dans la presse encore.",
     "warn", "event.mnpi", "legal"),
])
def test_an_event_with_a_composed_secrecy_cue_warns_under_its_category(pack, text, verdict,
                                                                        rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert event_findings(report) == [(rule, kind)]


@pytest.mark.parametrize("text", [
    # the same words from a customer, a fan, a household: no events rule fires
    "Google Mail won't recover my email accounts on my new laptop 🙄 Goodnight!",
    "Un tech passe chez moi le 14 juin pour installer la fibre",
    "Waiting for the press release from @Nintendo about the new Zelda!",
    "Nintendo still hasn't announced the new Zelda date. No announcement planned, apparently.",
    "@Skyways still no statement about the outage? Your customers don't know anything",
    "Ma box est en panne depuis hier soir, le service client me dit « incident technique ».",
    # a brand's support account answering a customer (advice about secrecy in general)
    "@user We\u2019re here to help, looks like your channel is up & running. Mind sharing your "
    "channel URL? Note: Please DON'T share any personal info (e.g. email address) here.",
])
def test_customers_fans_and_households_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []
