"""The `events` rules and their neighbours, round nine: a rule's `exclude` and `context` words
name the pack's lists (`@elsewhere` in the mnpi and financial rules), a disclosure word that is
negated or still to come asks no public bar, someone close to a company (a relative who works
there, its supplier) is no customer, a customer writing to a brand asks 0.99, and the kinds of
post batch 11 false-alarmed on stay quiet. None of the drafts below is in training or in a
held-out batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from guard.detect.events.detector import CUSTOMER, needed
from guard.detect.events.secrecy import compiled
from guard.detect.events.shape import addressed, decision_groups, unsaid
from guard.engine import Guard
from guard.errors import RulePackError
from guard.models import EventCues
from guard.packs.bundled import bundled_secrecy
from guard.packs.loader import load_pack
from tests.detect.events_round5_test import event_findings

PATTERN_PACK = """\
version: 1
lists:
  outlets: [the gazette, "le canard", rumor*]
rules:
  - id: mine.layoff
    category: mnpi
    severity: high
    pattern: '(?i)\\blay(?:ing)? off\\b'
    exclude:
      words: [announced, "@outlets"]
"""


def test_exclude_words_name_a_list_and_its_starred_words_take_any_ending(write_pack):
    path = write_pack(PATTERN_PACK)
    rule = next(r for r in load_pack([str(path)]).rules if r.id == "mine.layoff")
    assert rule.exclude is not None
    assert rule.exclude.words == ("announced", "the gazette", "le canard", "rumor*")
    guard = Guard.from_files([str(path)], nlp=False)
    assert guard.check("We are laying off 40 people in May").verdict != "allow"
    # a list's phrase, a starred word's longer ending, and the French phrase with its accent
    for text in ("The Gazette says they are laying off 40 people in May",
                 "Rumors: laying off 40 people in May",
                 "Le Canard dit qu'ils lay off 40 people en mai"):
        assert guard.check(text).verdict == "allow", text


def test_an_unknown_list_in_exclude_words_is_named_with_its_place(write_pack):
    path = write_pack(PATTERN_PACK.replace('"@outlets"', '"@outlet"'), name="mine.yaml")
    with pytest.raises(RulePackError) as err:
        load_pack([str(path)])
    e = err.value
    assert (Path(e.file).name, e.line, e.column, e.rule_id) == ("mine.yaml", 10, 26, "mine.layoff")
    assert e.message == "no list named 'outlet'" and e.hint == "did you mean '@outlets'?"


@pytest.mark.parametrize("family", ["mnpi", "financial", "events"])
def test_each_family_that_names_elsewhere_loads_on_its_own(family):
    rules = load_pack([family]).rules
    words = [w for r in rules for w in (r.exclude.words if r.exclude else ())]
    words += [w for r in rules if r.events for w in r.events.elsewhere]
    assert "les échos" in words and "rumor*" in words and not any(w.startswith("@") for w in words)


@pytest.fixture(scope="module")
def pack_nlp() -> Guard:
    pytest.importorskip("spacy", reason="the token rules need the NLP extra")
    return Guard.from_files(["default"], nlp=True)


@pytest.mark.nlp
@pytest.mark.parametrize(("text", "verdict"), [
    # someone else's news: mnpi.acquisition-intent warned on the first two before round nine
    ("Selon Les Échos, Globex serait en discussions pour racheter Initech d'ici l'été.", "allow"),
    ("Selon la rumeur, Globex va racheter Initech le mois prochain.", "allow"),
    ("Reportedly Halvorsen is in talks to acquire Brightline before the summer.", "allow"),
    # the author's own plan, no outlet: still blocks
    ("Entre nous, on va racheter Initech le mois prochain.", "block"),
])
def test_the_token_rules_exclude_someone_elses_news(pack_nlp, text, verdict):
    report = pack_nlp.check(text)
    assert report.verdict == verdict, [(f.rule, f.evidence.normalized) for f in report.findings]


@pytest.mark.parametrize(("text", "expected"), [
    ("supplier here. client hasn't announced it anywhere", True),
    ("nobody's announced it yet, but the boxes are printed", True),
    ("a market we haven't publicly entered", True),
    ("pas encore annoncé, évidemment", True),
    ("rien n'est publié pour l'instant", True),
    ("le pse est présenté au cse le 9, annonce officielle après", True),
    ("merger done, press release later this month", True),
    # public news as it stands
    ("acme announced the layoffs this morning", False),
    ("the press release is out", False),
    ("je ne sais pas, annoncé hier par le dg", False),
    ("nous avons publié nos résultats", False),
])
def test_a_negated_or_future_disclosure_word_is_told_apart(text, expected):
    assert unsaid(text) is expected


def test_a_negated_disclosure_word_asks_no_public_bar():
    cues = EventCues((), threshold=0.4, public_threshold=0.97)
    low = "packaging printer here: boxes for the zephyr mini. nobody's announced it."
    groups = decision_groups(low, {"public", "own", "figure"}, compiled(bundled_secrecy()))
    assert "unsaid" in groups and needed(cues, "roadmap", groups) == 0.4
    assert needed(cues, "roadmap", {"public", "own", "figure"}) == 0.97


@pytest.mark.parametrize(("text", "groups", "expected"), [
    # someone close to a company speaks of it, even asking a question
    ("my dad works at a phone company and brought home a prototype?? is that allowed",
     {"own"}, False),
    ("ma sœur bosse chez Vireo, vous pensez que je vends mes actions ?", {"own"}, False),
    ("supplier here. you didn't hear it from me", {"own"}, False),
    # a customer still is one
    ("@AcmeBank we can't log in since the update, can you help?", {"own"}, True),
    ("@sncf on nous dit d'attendre demain, vous confirmez ?", {"own"}, True),
])
def test_someone_close_to_a_company_is_no_customer(text, groups, expected):
    assert addressed(text.casefold(), groups) is expected


def test_a_customer_writing_to_a_brand_asks_as_much_as_someone_elses_news():
    cues = EventCues((), threshold=0.5, public_threshold=0.97)
    assert CUSTOMER == 0.99
    assert needed(cues, "mnpi", {"customer", "figure", "ahead"}) == 0.99
    assert needed(cues, "mnpi", {"figure", "ahead"}) == 0.5


@pytest.mark.parametrize("text", [
    # authorised tests, with a figure and a date to come
    "Authorized pentest wrapped: our red team had domain admin at a client's HQ by lunch on day "
    "two. Report goes out Friday.",
    "Pentest autorisé terminé chez un client : admin du domaine en 3 heures. Le rapport part "
    "vendredi.",
    # writing prompts and fiction: their dates are the story's
    "Writing prompt: a CFO finds out on Monday that the merger she negotiated will be cancelled "
    "next week. Go ✍️",
    "Sujet d'écriture pour l'atelier de jeudi : une PME apprend qu'elle va être rachetée le mois "
    "prochain. 300 mots.",
    "Chapter 4 of my novel drops next week: the startup's IPO collapses the night before the bell.",
    # a joke, a farewell everyone knows, advice for job seekers
    "Joke of the day: our roadmap has a launch every quarter, and a delay every quarter too 😂",
    "Farewell lunch for Tom, our CTO, on Friday after 11 years. Everyone knows, he told the whole "
    "company himself 🎉",
    "Job seekers: a \"site launch manager\" posting doesn't always mean a new site next year. "
    "Often it's a replacement.",
    "Chercheurs d'emploi : une annonce « responsable ouverture » ne veut pas toujours dire nouveau "
    "magasin en mars.",
])
def test_kinds_of_post_that_are_no_news_of_the_employer_stay_quiet(pack, text):
    report = pack.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])


@pytest.mark.parametrize(("text", "rule", "kind"), [
    # someone close to a company, with a secrecy cue
    ("Ma sœur bosse chez Ondalys : 212 postes supprimés, annoncé au CSE le 9, pas encore public.",
     "event.mnpi", "layoff"),
    # a disclosure word negated: no public bar
    ("Packaging supplier here: printing 200,000 boxes for a phone nobody has announced, in stores "
     "Nov 3.", "event.roadmap", "market"),
    ("Prestataire ici : on câble 450 postes pour le futur centre d'appels de notre client à Lille, "
     "ouverture le 1er février, rien d'annoncé.", "event.roadmap", "office"),
    ("Rien n'est publié mais on lance l'offre en Espagne le 1er septembre.", "event.roadmap",
     "product"),
])
def test_leaks_told_by_someone_close_or_with_a_negated_public_word_block(pack, text, rule, kind):
    report = pack.check(text)
    assert report.verdict == "block"
    assert (rule, kind) in event_findings(report)


# Round nine's known limits, met since round ten: a relative's "don't repeat this" is a secrecy cue
# said in grammar (events/secrecy.py), and the farewell is quiet with the retrained model.
@pytest.mark.parametrize(("text", "verdict"), [
    ("Pot de départ de notre DAF vendredi prochain, tout le monde est au courant, elle l'a annoncé "
     "en réunion 🥂", "allow"),
])
def test_round_nine_known_limits_are_met(pack, text, verdict):
    assert pack.check(text).verdict == verdict


# Met in round ten, lost in round eleven: the model retrained with batch 13 and the round11a/b
# writers (whose hard negatives hold relatives' news) reads it as no leak (mnpi 0.44, none 0.50).
# The same data with round ten's code gives the same verdict: it is the data, not the grammar.
# Met again in round fourteen (mnpi 0.48, none 0.49): a secret the scorer splits between
# categories fires the one it names (detector._secret_told: roadmap, "site"; a closure is mnpi,
# so the category is the draft's words', not the best one). Round fifteen's model (batch 17 and
# round15a's outsiders who were told) reads it as mnpi itself, the closure's category: one
# finding, no listed mnpi word ("other").
def test_a_relatives_closure_with_dont_repeat_this(pack):
    text = ("My sister works at Pellmark and says their whole Tulsa site closes on March 3. Don't "
            "repeat this.")
    report = pack.check(text)
    assert report.verdict == "block"
    assert event_findings(report) == [("event.mnpi", "other")]


def test_a_company_pack_adds_an_outlet_to_every_family_at_once(write_pack):
    path = write_pack("""\
        version: 1
        extends: [default]
        lists:
          elsewhere: ["@elsewhere", "the gazette"]
        """)
    rules = {r.id: r for r in load_pack([str(path)]).rules}
    for rid in ("mnpi.restructuring", "financial.amount-near-deal"):
        exclude = rules[rid].exclude
        assert exclude is not None and "the gazette" in exclude.words and "reuters" in exclude.words
    events = rules["event.mnpi"].events
    assert events is not None and "the gazette" in events.elsewhere
