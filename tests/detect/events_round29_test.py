"""The `events` rules, round twenty-nine b (issue 14, second try).

Round twenty-nine (`gate`) traced the events rules' alarms on the pii batches' hard negatives
and found words the cues read in another sense: « n'est pas un mot de passe » gave the secrecy
cue « pas un mot », "Aux US" the own-company "us", an IBAN's "country code" a market, « avant le
merge » of a merge request M&A. `guard.detect.events.senses` makes those terms other tokens
before the cues are read. Then secrecy told as an order to keep quiet, which no list held
("told to keep quiet", « silence radio », « ordre de rien dire », « on ne communique pas »),
is a `withheld` form. Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.detector import UNNAMED, needed
from guard.detect.events.senses import read
from guard.packs.loader import load_pack
from tests.detect.events_round5_test import event_findings


@pytest.mark.parametrize(("text", "want"), [
    ("Non, « azerty » n'est pas un mot de passe.", "Non, « azerty » n'est pas_un mot de passe."),
    ("Aux US le SSN sert à tout.", "Aux U_ le SSN sert à tout."),
    ("In the US, SSNs are 9 digits.", "In the U_, SSNs are 9 digits."),
    ("Every IBAN starts with a country code.", "Every IBAN starts with a country_code."),
    ("Bloqué dans une MR avant le merge.", "Bloqué dans une MR avant_le_merge."),
    ("Caught in a merge request.", "Caught in a merge_request."),
    # the same words in their events sense are left as written
    ("CONTACT US TODAY", "CONTACT US TODAY"),
    ("they told us nothing", "they told us nothing"),
    ("La direction a dit : pas un mot.", "La direction a dit : pas un mot."),
    ("We merge with Globex in May.", "We merge with Globex in May."),
    ("Our expansion into new countries", "Our expansion into new countries"),
])
def test_terms_read_in_another_sense(text, want):
    assert read(text) == want
    assert len(read(text)) == len(text)  # offsets stay the draft's


@pytest.mark.parametrize(("text", "gone"), [
    ("Rappel : le prénom de votre chien n'est pas un mot de passe. Bisous, la sécu.", "nonpublic"),
    ("Non, « soleil2024 » n'est pas un mot de passe, service compta.", "nonpublic"),
    ("Aux US le numéro de sécu sert à tout, même pour une carte de fidélité.", "own"),
    ("Moving to the US taught me that everyone asks for your SSN.", "own"),
])
def test_the_other_sense_is_no_cue(cue_groups, text, gone):
    assert gone not in cue_groups(text)


@pytest.mark.parametrize("text", [
    # a pii explainer the scorer read as an own-company event through "US" (before: incident 0.94)
    "Aux US le numéro de sécu sert de pièce d'identité pour tout, même pour ouvrir un compte.",
])
def test_the_country_is_not_the_company(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "rule"), [
    # « pas un mot » is still secrecy when it is not a password
    ("On ferme l'usine de Rouen en mars, pas un mot aux équipes avant le CSE.", "event.mnpi"),
    # and "us" still the company when it is written as the pronoun
    ("Legal told us not to discuss the breach: 40k customer records exposed.", "event.incident"),
])
def test_the_events_sense_still_reads(pack, text, rule):
    assert rule in [r for r, _ in event_findings(pack.check(text))]


@pytest.mark.parametrize("text", [
    "Management told us to keep quiet: the Lyon plant closes in March, 200 jobs.",
    "We were told to 'not discuss it' with anyone outside security.",
    "Lips sealed until their press release.",
    "Silence radio imposé par la direction.",
    "Ordre de ne rien dire aux familles.",
    "La direction nous a demandé de garder ça pour nous.",
    "Consigne de la direction : on ne communique pas.",
    "On nous a demandé de ne rien laisser filtrer.",
])
def test_an_order_to_keep_quiet_is_secrecy(cue_groups, text):
    assert "nonpublic" in cue_groups(text)


@pytest.mark.parametrize("text", [
    "I keep it simple: one laptop, one phone.",
    "Mon manager ne communique pas assez avec l'équipe.",
    "Sorry for the radio silence, I was moving house this month.",
])
def test_no_order_no_secrecy(cue_groups, text):
    assert "nonpublic" not in cue_groups(text)


@pytest.mark.parametrize(("text", "rule"), [
    ("Our data warehouse was open to the internet for a month. We were told to 'not discuss "
     "it' with anyone outside security.", "event.incident"),
    ("Quelqu'un a copié la base clients depuis notre VPN. Silence radio imposé par la "
     "direction.", "event.incident"),
])
def test_a_leak_told_with_an_order_flags(pack, text, rule):
    assert rule in [r for r, _ in event_findings(pack.check(text))]


@pytest.mark.parametrize("text", [
    "Désolée pour le silence radio, j'étais en vacances en Bretagne 🌊",
    "Sorry for the radio silence, I was moving house this month.",
    "My lips are sealed about the ending of the book, no spoilers!",
])
def test_silence_of_ones_own_life_stays_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


# The bar (round twenty-nine b, step 3): a category the draft names in no word of its own, with
# no secrecy cue, no date to come and no disclosure word negated, asks UNNAMED of the scorer.
def _incident_cues():
    rules = load_pack(["default"]).rules
    return next(r.events for r in rules if r.events is not None and r.category == "incident")


@pytest.mark.parametrize(("groups", "raised"), [
    ({"own"}, True),  # "Our payroll app now validates tax IDs": the scorer alone
    ({"own", "figure"}, True),  # a figure is no secret ("Senior Engineer £70-85k")
    ({"own", "kind:mnpi:deal"}, True),  # another category's word names nothing of this one
    ({"own", "kind:incident:breach"}, False),  # the category's own word
    ({"own", "nonpublic"}, False),  # a secrecy cue, a `withheld` order to keep quiet included
    ({"own", "ahead"}, False),  # a date to come
    ({"own", "unsaid"}, False),  # a disclosure word negated (« aucun communiqué »)
])
def test_an_event_the_scorer_alone_names_must_be_surer(groups, raised):
    need = needed(_incident_cues(), "incident", set(groups))
    assert (need >= UNNAMED) is raised
    assert UNNAMED == 0.9


@pytest.mark.parametrize("text", [
    # an order to keep quiet is a secrecy cue: the bar does not apply (no event word here)
    "Quelqu'un a copié la base clients depuis notre VPN. Silence radio imposé par la direction.",
    "Outside counsel has been in our boardroom all week. We've been told to keep quiet.",
])
def test_an_order_to_keep_quiet_lifts_the_bar(cue_groups, text):
    groups = cue_groups(text)
    assert "nonpublic" in groups
    assert needed(_incident_cues(), "incident", groups) < UNNAMED
