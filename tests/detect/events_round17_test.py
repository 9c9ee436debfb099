"""The `events` rules, round seventeen: an insider's plain observation of what is coming. Pretending
nothing happened (« On fait comme si de rien n'était », "told to act normal"), an official line in
quotes (a C-level who "officially 'isn't going anywhere'", "told to say "routine maintenance"", «
on nous dit que « tout va bien » ») and the people concerned not knowing what is coming ("people
who have no idea what's coming", « ils ne se doutent de rien ») are `withheld` cues (the
decision's, not the scorer's); an audience told "in due course" is told later; the asides
of the alarms' classes (advice opening with a bare « Conseil : », one's own new home, an offer to
the public, a password policy, a company's details where anyone reads them); a currency written
with its country ("US$100k") is one token, not the own-company "us". Drafts written for this
test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.events import cues
from guard.detect.events.cues import cue_tokens, fold
from guard.detect.events.secrecy import (
    secrecy_groups,
    withheld,
)
from guard.detect.events.shape import decision_groups
from tests.detect.events_round5_test import assert_flagged_with_cue, event_findings
from tests.detect.secrecy_support import G, nonpublic_text, withheld_text


@pytest.mark.parametrize(("text", "span"), [
    # pretending nothing happened, EN and FR, curly apostrophes, capitals, emoji
    ("Breach confirmed Friday and we're told to act normal at the client demo 🙃",
     "told to act normal"),
    ("CEO walked the floor acting like nothing\u2019s wrong. 300 jobs go in March.",
     "acting like nothing\u2019s wrong"),
    ("Legal says PRETEND NOTHING HAPPENED until the filing", "PRETEND NOTHING HAPPENED"),
    ("Le serveur RH a fuité. On fait comme si de rien n\u2019était 😶",
     "On fait comme si de rien n\u2019était"),
    ("Plainte déposée contre nous hier, et la direction continue comme si de rien n'était.",
     "comme si de rien n'était"),
    # an official line in quotes: its irony, or the cover told to staff
    ("Our CFO officially \u201cisn\u2019t going anywhere\u201d. Farewell drinks on Friday 🥂",
     "officially \u201cisn\u2019t going anywhere\u201d"),
    ("We've been told to say 'scheduled maintenance' if a client asks about the outage",
     "told to say 'scheduled maintenance'"),
    ("Le DG nous demande de dire « maintenance planifiée » si un client appelle.",
     "de dire « maintenance planifiée »"),
    ("Les équipes croient encore à une « réorganisation » 🙄",
     "croient encore à une « réorganisation »"),
    # the people concerned not knowing what is coming
    ("Printed 40 severance packets today for people who have no idea what\u2019s coming.",
     "have no idea what\u2019s coming"),
    ("Les équipes de Nantes ne se doutent de rien, la fermeture est votée.",
     "ne se doutent de rien"),
    ("Usine de Lens vendue. Les salariés l\u2019apprendront par la presse 😬",
     "l\u2019apprendront par la presse"),
])
def test_an_insiders_observation_of_what_is_coming_is_a_secrecy_cue(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    # a cue for the decision ...
    assert withheld(low, G)
    assert "nonpublic" in decision_groups(low, set(), G)
    # ... not a feature of the scorer (as `nonpublic` features, retrained, they lost fresh leaks)
    assert "nonpublic" not in secrecy_groups(low, G)
    assert nonpublic_text(text) == []


@pytest.mark.parametrize(("text", "span"), [
    # an audience told "in due course", « en temps voulu »: told later, a `nonpublic` feature
    ("On vend la filiale. Les salariés seront informés « en temps voulu ».",
     "Les salariés seront informés « en temps voulu"),
    ("Plant closure is final. Staff will be told in due course 🙃",
     "Staff will be told in due course"),
])
def test_an_audience_told_in_due_course_is_told_later(text, span):
    assert nonpublic_text(text) == [span]
    assert "nonpublic" in secrecy_groups(fold(text).casefold(), G)


@pytest.mark.parametrize("text", [
    "Back to business as usual after the storm, shop open 9-5 ☀️",
    "Officially the longest queue I've ever seen at the bakery",
    "The official launch was great, thanks to everyone who came!",
    "I have no idea what's for dinner tonight",
    "Comme si ça ne suffisait pas, il pleut encore.",
    "Je ne me doute pas qu'il viendra, il l'a promis",
    "He said \"see you soon\" and left",
])
def test_near_misses_hold_no_such_cue(text):
    assert withheld_text(text) == []
    assert nonpublic_text(text) == []


def test_a_currency_with_its_country_is_one_token():
    words = [t for _, _, t in cue_tokens("Director Has Just Spent US$100k and C$ 40, thank us!")]
    assert "us$" in words and "c$" in words
    assert words.count("us") == 1  # only "thank us": the pronoun is still a pronoun
    # no digit after it: a dollar sign on its own, as before
    assert [t for _, _, t in cue_tokens("US$ rates")] == ["us", "$", "rates"]


@pytest.mark.parametrize(("text", "aside"), [
    # advice opening with a bare « Conseil : » or "Tip:" and a situation in general
    ("Conseil : dans un post-mortem, dites la vraie cause. Les clients pardonnent.", True),
    ("Conseil : si une note est marquée interne, ne la postez pas 🙏", True),
    ("Tip: in a postmortem, never blame the intern.", True),
    # ... not a leak dressed as advice, nor a tip about a reader's own company
    ("Conseil : vendez avant jeudi. Je dis ça, je dis rien.", False),
    ("Pro tip: if your VP suddenly wants every laptop's asset tag, update your CV.", False),
    # one's own new home, an offer to the public, a password policy, published details
    ("Just signed the lease on my FIRST apartment!! Not posting the address obviously 🏠", True),
    ("J'ai signé pour mon nouvel appartement, je ne dis pas où 🤫", True),
    ("Our new store opens Saturday. Free croissants for the first 50 customers 🥐", True),
    ("Café offert aux 100 premiers clients samedi pour l'ouverture !", True),
    ("IT makes us change passwords every 60 days and NIST says that's pointless.", True),
    ("Nos IBAN sont sur chaque facture, inutile de les demander. Our bank details are on every "
     "invoice.", True),
    ("Release notes in the changelog, as always.", True),
    # ... not an employer's plan beside the same words
    ("Our new home delivery service launches in May, nobody outside knows yet", False),
    ("Lease talks for our new studio are nearly done. Nobody outside leadership knows.", False),
    ("Notre nouvelle maison : trois étages à Lyon dès mars, personne ne le sait encore", False),
])
def test_the_alarms_classes_are_asides(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


@pytest.mark.parametrize(("text", "verdict", "rule", "kind", "cue"), [
    # an event beside a round-seventeen cue: flagged under its category, the cue in the evidence
    ("Our CFO officially \u201cisn\u2019t going anywhere\u201d. Her office was packed up last "
     "night and the board meets Friday 🥂",
     "block", "event.mnpi", "exec", "nonpublic: officially \u201cisn\u2019t going anywhere\u201d"),
    ("Ransomware on the file servers since Monday and we're told to act normal with clients 🙃",
     "block", "event.incident", "ransomware", "nonpublic: told to act normal"),
    ("Notre base clients a fuité le mois dernier. On fait comme si de rien n\u2019était.",
     "warn", "event.incident", "breach", "nonpublic: On fait comme si de rien n\u2019était"),
    ("On nous demande de dire « maintenance planifiée » aux clients, mais c\u2019est une "
     "intrusion.",
     "warn", "event.incident", "outage-cover", "nonpublic: de dire « maintenance planifiée »"),
    ("Rachat par Veltis signé hier. Officiellement « rien ne change » pour nous 🙂",
     "warn", "event.mnpi", "mna", "nonpublic: Officiellement « rien ne change »"),
])
def test_an_event_with_an_insiders_cue_is_flagged_and_says_why(pack, text, verdict, rule, kind,
                                                               cue):
    assert_flagged_with_cue(pack.check(text), verdict, rule, kind, cue)


@pytest.mark.parametrize("text", [
    # the same words where nothing is kept: a pet, a vase
    "My cat acts like nothing happened after knocking the vase over 😾",
    "Il fait comme si de rien n'était après avoir cassé le vase 😂",
    # the alarms' classes, in drafts written for this test
    "Conseil : dans un post-mortem, écrivez la vraie cause. On pardonne une panne, pas un "
    "mensonge.",
    "Signed the lease on my first flat today!! Not sharing the street, obviously 🔑",
    "Our new store opens Saturday at 12 Rue Oberkampf. Free coffee for the first 100 customers ☕",
    "IT makes us change passwords every 60 days and NIST says not to. Sigh.",
    "Our bank details for invoices are on every invoice footer, please don't DM for them 🙃",
    "Payroll export now checks German tax IDs. Release notes in the changelog.",
    # a stock alert's "US$": not the own-company "us"
    "Trade alert: a director of Halvern Mining has just spent US$240k buying shares",
])
def test_near_misses_and_the_alarms_classes_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


def test_a_leak_dressed_as_advice_still_warns(pack):
    # a bare « Conseil : » and an imperative is not the advice form: an insider's tip is a leak
    report = pack.check("Conseil : vendez avant jeudi. Je dis ça, je dis rien.")
    assert report.verdict == "block"
    assert event_findings(report) == [("event.mnpi", "other")]


def test_us_dollars_are_not_the_authors_company(pack):
    report = pack.check("Not public yet: we pay US$2M for Brightline next week 🤫")
    (finding,) = [f for f in report.findings if f.rule == "event.mnpi"]
    owns = [c for c in finding.evidence.context if c.startswith("own:")]
    assert owns == ["own: we"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["US$", "us", "$", "C$ ", "40", "k", " ", "we", "'", "é", "ß",
                                 "🤫", "-", "A$5", "nous", "\u2019", "\n", "X"]), max_size=30)
       .map("".join))
def test_the_cue_tokens_are_cut_alike_with_and_without_a_dollar_sign(text):
    # Drafts without "$" are cut by the plain pieces (faster); every draft's tokens are those
    # of TOKEN, the currency piece included, and cue_tokens' offsets point at them.
    low = text.casefold()
    assert cues.token_list(low) == cues.TOKEN.findall(low)
    assert [tok for _, _, tok in cue_tokens(text)] == [
        t.casefold() for t in cues.TOKEN.findall(text)
    ]
    for start, end, tok in cue_tokens(text):
        assert text[start:end].casefold() == tok
