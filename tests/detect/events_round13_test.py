"""The `events` rules, round thirteen: `secrecy:` forms that say `aside` (a story, advice about
secrets in general, a disclosure that has happened, a customer writing to a brand's support
account) keep the events rules quiet, whatever secrecy words the draft has; a company pack adds
one as data, it is checked at load and it is part of the policy digest."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import ASIDE, lowest_need, needed
from guard.detect.events.secrecy import aside, compiled
from guard.engine import Guard
from guard.packs.loader import load_pack
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G
from tests.packs.secrecy_grammar_test import errors_of


def is_aside(text: str) -> bool:
    return aside(fold(text).casefold(), G)


@pytest.mark.parametrize("text", [
    # a story told or read, EN and FR, curly apostrophes, capitals, an ellipsis, emoji
    "PLOT TWIST in my NOVEL: the CFO resigns the night before the IPO 📚",
    "In my novel the plant closes in chapter 2 and nobody knows yet 🤫",
    "Just finished a thriller where the COO vanishes before the shareholder meeting",
    "J\u2019ai lu un polar où une PME se fait chiffrer tous ses fichiers… Glaçant.",
    "Dans mon roman, la PDG ferme l\u2019usine de Lens en mars sans rien dire à personne 🤐",
    # advice about secrets in general
    "Never share your one-time code with anyone, not even “our security team”.",
    "A JWT is signed, not encrypted: don\u2019t put secrets in the payload.",
    "Dans la doc : ne collez jamais votre vraie clé d\u2019API sur un forum.",
    "Recruiter tip: keep confidential project names out of job ads 🙃",
    "HR TIP — keep PIPs private, always.",
    "Conseil du jour : vérifiez qu\u2019aucun bucket n\u2019est public.",
    # journalists told how an embargo works, an embargo lifted or none
    "Journalists: embargoed copies go out Wednesday, publication Thursday 7am.",
    "L\u2019embargo est levé : nos résultats annuels sont en ligne 🎉",
    "Press release goes live at 9am, no embargo this time, share away 🚀",
    # a disclosure that has happened
    "Update: the exposed bucket is fixed and all affected users have been notified.",
    "Mise à jour : la fuite est corrigée et les clients concernés ont été prévenus.",
    "Our Q2 results are out! Revenue up 12%.",
    "Nos résultats semestriels sont en ligne : chiffre d\u2019affaires en hausse de 9 %.",
    "Rotated all our API keys after the audit. Boring, necessary.",
    # a customer writing to a brand's support account
    "@AcmeCare my order was cancelled and you charged me anyway??",
    "hey @AskPlayStation my account got locked after the update",
])
def test_drafts_that_keep_no_secret_of_the_author_are_aside(text):
    assert is_aside(text)


@pytest.mark.parametrize("text", [
    "In a Series B round, the lead investor usually takes a board seat",  # no story
    "I feel like I'm in a movie: the board decides tonight whether to pay the ransom",
    "J'ai l'impression d'être dans un film : le comex décide ce soir s'il paie la rançon",
    "Pro tip: don't sell your options this week. trust me 😉",  # insiders give "pro tips"
    "Hot tip: hold off on interviewing at Vexa, there's a reorg coming",
    "Conseil à ma belle-sœur : vends tes actions avant mardi",
    "Don't reuse your Fittro password anywhere, the user DB was copied on the 2nd",
    "We patched it, but affected customers have not been notified yet",
    "Les clients concernés n'ont pas été prévenus",
    "Our Q3 numbers are out Thursday and they are ugly",
    "Sous embargo : notre nouvelle gamme arrive en magasin le 1er septembre",
    "@jessica_support si un client demande, la panne c'est un incident réseau",  # a person
])
def test_drafts_that_may_keep_one_are_not(text):
    assert not is_aside(text)


def test_an_aside_draft_asks_more_than_any_probability():
    # whatever else the draft has: a secret, the author's company, the category's event word
    names = ("public", "nonpublic", "unsaid", "told", "elsewhere", "labels", "customer",
             "figure", "ahead", "own", "kind:mnpi:layoff")
    rules = [r.events for r in load_pack(["default"]).rules if r.events is not None]
    assert ASIDE > 1.0
    for n in range(len(names) + 1):
        for combo in combinations(names, n):
            groups = {*combo, "aside"}
            for ev in rules:
                assert needed(ev, "mnpi", groups) == ASIDE >= lowest_need(ev)


@pytest.mark.parametrize("text", [
    # round thirteen's classes, written for this test: without `aside`, each is flagged
    "In my novel the CFO quietly lays off 300 people on Friday and nobody knows yet 🤫",
    "Dans mon roman, la PDG ferme l\u2019usine de Lens en mars sans rien dire à personne 🤐",
    "JOURNALISTS: embargoed copies of our annual report go out Wednesday, publication Thursday "
    "7am.",
    "Never share your 2FA codes with anyone, not even “our security team” on the phone.",
])
def test_the_events_rules_stay_quiet_on_aside_drafts(pack, text):
    report = pack.check(text)
    assert event_findings(report) == []


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # a secret with the same words, none of the aside forms: still flagged
    ("we're laying off 200 people on Friday, not public yet", "block", "event.mnpi", "layoff"),
    ("We patched the breach but affected customers have not been notified yet. Don't tell "
     "anyone.", "block", "event.incident", "breach"),
])
def test_secrets_with_the_same_words_are_still_flagged(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


MINE = """\
    version: 1
    extends: [default]
    lists:
      sport-words: [match, tournoi, finale]
    secrecy:
      sports-talk:
        says: aside
        when: ["@sport-words"]
        pattern: '(?<!\\w)(?:{@sport-words})(?!\\w)'
    """


def test_a_company_pack_adds_an_aside_form_and_it_decides_a_draft(write_pack):
    text = "Nobody knows yet who wins the finale on Sunday 🏆, not public yet 🤫"
    assert is_aside(text) is False
    mine = load_pack([str(write_pack(MINE))])
    forms = {f.name: f for r in mine.rules if r.events for f in r.events.secrecy}
    assert forms["sports-talk"].says == "aside"
    assert aside(fold(text).casefold(), compiled(tuple(forms.values())))
    assert event_findings(Guard(mine, nlp=False).check(text)) == []


def test_an_aside_form_is_part_of_the_policy_digest(write_pack):
    base = load_pack(["default"]).digest
    first = load_pack([str(write_pack(MINE, name="a.yaml"))]).digest
    other = load_pack([str(write_pack(MINE.replace("finale]", "coupe]"), name="b.yaml"))]).digest
    assert len({base, first, other}) == 3


def test_a_mistyped_says_names_aside_among_the_values(write_pack):
    [error] = errors_of(write_pack(MINE.replace("says: aside", "says: asides"), name="m.yaml"))
    assert Path(error.file).name == "m.yaml" and (error.line, error.column) == (7, 11)
    assert "'asides' is not one of" in error.message and "aside" in error.message
