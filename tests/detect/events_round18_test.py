"""The `events` rules, round eighteen: spin and pride with no secrecy word, French incidents told
sideways, and the alarms' classes. How management will present an event ("they'll spin it as
"retirement"", « la comm va présenter ça comme un « choix personnel » »), pride in one's own
equity after a valuation ("my options are worth…", « mes BSPCE vont enfin valoir… ») and a new
plant named with its start of production are `withheld` cues (the decision's); « tout le monde »
(everyone) is no longer the newspaper Le Monde (someone else's news); a cover story mocked after
breaking things is an outage's cover. A throwback counted in years, advice from experience, one's
own wedding and security awareness (a scam PSA, a phishing alert, a friend's identity theft, a
GDPR reminder, "don't put anything secret in a JWT") are asides. Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import secrecy_groups, withheld
from guard.detect.events.shape import decision_groups
from tests.detect.events_round5_test import assert_flagged_with_cue, event_findings
from tests.detect.secrecy_support import G, nonpublic_text, withheld_text


@pytest.mark.parametrize(("text", "span"), [
    # spin: how management will present it, EN and FR, curly quotes, capitals, emoji
    ("Our COO is out Friday. They\u2019ll spin it as a \u201cplanned transition\u201d 🙄",
     "They\u2019ll spin it as"),
    ("Plant 3 closes in June and PR WILL FRAME IT AS 'consolidation'.",
     "PR WILL FRAME IT AS"),
    ("The write-down is going to be framed as \"a one-off\" in the letter",
     "to be framed as \""),
    ("Le DG part en mars, la comm va présenter ça comme un « choix personnel » 😶",
     "présenter ça comme un «"),
    ("On ferme Nantes et ils vont faire passer ça pour une « réorganisation »",
     "faire passer ça pour"),
    # pride in one's own equity after a valuation
    ("Term sheet signed last night, my stock options are finally worth something 😭",
     "my stock options are finally worth"),
    ("Valo à 300 M€, mes BSPCE vont enfin valoir qqch 🥲", "mes BSPCE vont enfin valoir"),
    # a new plant named with its start of production
    ("Hiring: HR lead for our new battery plant in Ohio (start of production Q3 2027)",
     "our new battery plant in Ohio (start of production Q3 2027"),
    ("On recrute pour notre future usine de Dunkerque, démarrage T2 2028 !",
     "notre future usine de Dunkerque, démarrage T2 2028"),
])
def test_spin_and_pride_are_the_decisions_secrecy_cues(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    assert withheld(low, G)
    assert "nonpublic" in decision_groups(low, set(), G)
    # not a feature of the scorer (round seventeen measured such cues as features: they lost)
    assert "nonpublic" not in secrecy_groups(low, G)
    assert nonpublic_text(text) == []


@pytest.mark.parametrize("text", [
    "I'll frame it as a lesson in my next talk",  # the author's own telling
    "Spin class at 7, then coffee ☕",
    "Je vais présenter ça comme un exemple en formation",  # no quoted cover line
    "Mes BSPCE valent toujours 0 €. Aucun regret.",
    "My options are worth nothing after the down round, lesson learned",
    "Our new plant opened in 2019, we now employ 400 people",  # opened, no start to come
])
def test_near_misses_hold_no_spin_or_pride_cue(text):
    assert withheld_text(text) == []
    assert nonpublic_text(text) == []


@pytest.mark.parametrize(("text", "aside"), [
    # a throwback counted in years
    ("Il y a 5 ans jour pour jour, on bouclait notre première levée de fonds 🙏", True),
    ("Ten years ago today we shipped v1 from a garage.", True),
    ("IL Y A DIX ANS DÉJÀ, notre premier client signait", True),
    # advice from experience
    ("Tip for managers, from someone who\u2019s been on both sides: tell people in person.",
     True),
    ("Five things I wish I'd known before we expanded to Germany", True),
    ("Conseil de quelqu\u2019un qui est passé par là : ne licenciez jamais un vendredi.", True),
    ("Ce que j'aurais aimé savoir avant notre première levée", True),
    # one's own wedding
    ("\"Anyone with the link\" is not a security model (it was my own wedding seating plan)",
     True),
    ("Le plan de table de mon mariage était public sur le drive 🙈", True),
    # security awareness
    ("PSA: if someone calls from your bank\u2019s \u201csecurity team\u201d, hang up.", True),
    ("Phishing alert: emails from support@paypa1.example are NOT from us.", True),
    ("Alerte arnaque : un faux SMS de livraison circule.", True),
    ("Alerte phishing : ne cliquez pas sur le lien du faux SMS Ameli.", True),
    ("Identity theft is brutal. A friend's credit card was cloned twice.", True),
    ("Petit rappel RGPD : les données de santé sont des données sensibles.", True),
    ("JWTs are just base64. Don't put anything secret in the payload.", True),
    # ... not the same words around an employer's secret
    ("PSA: our Leeds office closes Friday, nobody's been told", False),
    ("Il y a eu une fuite chez nous ce matin, 5 ans de données", False),
    ("My kid found the prototype on the kitchen table. Launch is in May.", False),
])
def test_the_alarms_classes_are_asides(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


@pytest.mark.parametrize(("text", "verdict", "rule", "kind", "cue"), [
    ("The head of our retail division resigned today. They\u2019ll spin it as "
     "\u201cretirement\u201d next month, watch.",
     "block", "event.mnpi", "exec", "nonpublic: They\u2019ll spin it as"),
    ("Notre directrice financière démissionne. La comm va présenter ça comme un « départ "
     "à la retraite » lundi 🙃",
     "block", "event.mnpi", "exec", "nonpublic: présenter ça comme un «"),
])
def test_an_event_with_spin_is_flagged_and_says_why(pack, text, verdict, rule, kind, cue):
    assert_flagged_with_cue(pack.check(text), verdict, rule, kind, cue)


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # « tout le monde » is everyone, not the newspaper: the SOC's alert is the author's company's
    ("Le SOC a trouvé un accès non autorisé à la messagerie du comex. Tout le monde change ses "
     "mdp 😬", "warn", "event.incident", "intrusion"),
    # an official cause in quotes, mocked: the outage is ours
    ("« problème chez notre hébergeur » lol. C'est nous qui avons tout cassé mais chut 🤫",
     "warn", "event.incident", "outage-cover"),
])
def test_french_incidents_told_sideways_are_incidents(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert event_findings(report) == [(rule, kind)]


@pytest.mark.parametrize("text", [
    "Il y a 5 ans jour pour jour, on bouclait notre première levée de fonds dans un garage à "
    "Nantes. Quel chemin parcouru 🙏",
    "Tip for managers, from someone who has been on both sides of the table: if you ever have to "
    "run a layoff, do it early in the week.",
    "Thinking of expanding into Germany? Five things I wish I'd known before we did it in 2021.",
    "Reminder that \u201canyone with the link\u201d is not a security model. Ask me how I know "
    "(it was my own wedding seating plan).",
    "PSA: if someone calls from a 'bank security team' and asks for a code, hang up. Our fraud "
    "team will never ask for it.",
    "Phishing alert: emails from 'support@paypa1-secure.example' are NOT from us. Forward them "
    "to our abuse team.",
    "Petit rappel RGPD : les données de santé sont des données sensibles, il faut un cadre.",
    "JWTs are just base64, anyone can read the payload. Don't put anything secret in there.",
    # everyone, not the newspaper, in a draft with no event
    "Tout le monde au bureau demain pour la galette des rois 👑",
])
def test_the_alarms_classes_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


def test_an_anniversary_counted_in_years_is_no_funding_news(pack):
    # the pattern rules of rules/mnpi.yaml read « jour pour jour » as an anniversary too
    report = pack.check("Il y a 5 ans jour pour jour, on bouclait notre première levée de fonds "
                        "dans un garage à Nantes. Quel chemin parcouru 🙏")
    assert [f.rule for f in report.findings if f.category == "mnpi"] == []
    assert report.verdict == "allow"
