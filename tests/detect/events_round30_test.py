"""The `events` rules, round thirty (issues 13/14): events batch 30's misses told to "you".

A leak written to the reader ("if you're applying", « si vous voulez résilier ») with only "we" or
no own-company word was read as a customer's post to a brand. Two `withheld` forms make such a
draft's secrecy plain to the decision: the reader told they have it first in French (« info de
l'intérieur », « vous l'avez su ici ») and the employer about to announce ("we're about to
announce", « on va annoncer »). And secrecy denied (« rien de secret », "nothing secret") is no
secrecy cue (`senses`). Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.senses import read
from tests.detect.events_round5_test import event_findings


@pytest.mark.parametrize("text", [
    "Info de l'intérieur : la box Fibre passe à 39,99 € en avril. Résiliez avant si vous pouvez.",
    "Petite info de l'intérieur : notre appli arrive en Espagne en juin, vous l'avez lu ici.",
    "Le lancement en Belgique c'est pour mars, quand ça sortira vous direz que vous l'avez appris "
    "ici",
    "If you're shopping for a job, wait: we're about to announce layoffs of 200 people in May.",
    "Pensez-y si vous postulez chez nous : on va annoncer le rachat de Veltis en janvier.",
])
def test_told_first_or_about_to_announce_is_secrecy(cue_groups, text):
    assert "nonpublic" in cue_groups(text)
    assert "customer" not in cue_groups(text)


@pytest.mark.parametrize("text", [
    "Je n'ai aucune info de l'intérieur, juste des rumeurs sur le prochain iPhone.",
    "Je n'ai pas d'info de l'intérieur sur le lancement, juste ce qu'on lit dans la presse.",
])
def test_near_misses_are_no_secrecy(cue_groups, text):
    assert "nonpublic" not in cue_groups(text)


@pytest.mark.parametrize(("text", "rule"), [
    ("Info de l'intérieur : l'offre Duo passe de 9,99 € à 12,99 € au 1er mai. Si vous voulez "
     "partir, c'est maintenant.", "event.roadmap"),
    ("If you're thinking of joining Brightway, do it now: we're about to announce a $60M "
     "Series C in April.", "event.mnpi"),
])
def test_a_leak_told_to_you_flags(pack, text, rule):
    assert rule in [r for r, _ in event_findings(pack.check(text))]


@pytest.mark.parametrize(("text", "want"), [
    ("Publié hier sur leur site, rien de secret.", "Publié hier sur leur site, rien_de_secret."),
    ("It's the doc's sample key, nothing secret.", "It's the doc's sample key, nothing_secret."),
    ("C'est secret, rien ne sort.", "C'est secret, rien ne sort."),
])
def test_secrecy_denied_is_another_word(text, want):
    assert read(text) == want


@pytest.mark.parametrize("text", [
    "Les chiffres annuels de mon ancien employeur sont sortis hier soir sur leur site, rien de "
    "secret, et l'action prend 6 % ce matin. Contente pour eux !",
])
def test_published_results_said_not_secret_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []
