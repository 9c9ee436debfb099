"""The cheap language choice: no model, only the pack's languages, first one on a tie."""

from __future__ import annotations

import pytest

from guard.detect.nlp.language import detect, scores


@pytest.mark.parametrize(
    "draft",
    [
        "Nous avons signé le contrat avec le client hier soir",
        "Le rachat de Globex est presque signé",
        "C'est l'heure du bilan: très bonne année pour l'équipe",
        "Merci à tous pour votre aide",
        "Résultats T3 en hausse de 12 %",
    ],
)
def test_french_drafts(draft: str) -> None:
    assert detect(draft, ("en", "fr")) == "fr"


@pytest.mark.parametrize(
    "draft",
    [
        "We signed the contract with the client last night",
        "I still think we should buy them. He is on your schedule for Dec 15",
        "Board meeting. Good numbers = happy board",
        "Tesla stock price target raised to $290 from $260 at Deutsche Bank",
        "@AppleSupport my phone is not charging, what can I do?",
        "Superior Plus declares CAD 0.06 dividend",  # a name, not the French "plus"
        "$SES back over $6 possible EOD run",  # a cashtag, not the French "ses"
        "Chairman Jerome Powell speaks after Fed leaves interest rates unchanged",
    ],
)
def test_english_drafts(draft: str) -> None:
    assert detect(draft, ("en", "fr")) == "en"


def test_one_language_needs_no_scoring() -> None:
    assert detect("Nous avons signé le contrat", ("en",)) == "en"
    assert detect("We signed the contract", ("fr",)) == "fr"


def test_no_evidence_goes_to_the_first_language() -> None:
    assert detect("$TSLA 420", ("en", "fr")) == "en"
    assert detect("$TSLA 420", ("fr", "en")) == "fr"


def test_curly_apostrophes_count_as_elisions() -> None:
    draft = "l\u2019équipe d\u2019Acme"
    assert scores(draft)["fr"] > scores(draft)["en"]
    assert detect("l\u2019équipe", ("en", "fr")) == "fr"


def test_french_words_in_an_english_post_do_not_flip_it() -> None:
    assert detect("We had a great time at the café with the team today", ("en", "fr")) == "en"


def test_a_huge_draft_is_read_only_in_part() -> None:
    import time

    start = time.perf_counter()
    assert detect("Nous avons signé. " * 100_000, ("en", "fr")) == "fr"
    assert time.perf_counter() - start < 0.5
