"""The `listed` secrecy form (after round sixteen): a listed company named with its exchange and
ticker, as newswires and stock-alert accounts write it ("Cerus Corporation (NASDAQ:CERS)"), is
someone else's news for the decision, unless a secrecy cue is there. Drafts written for this
test; the first is the shape of the real post round sixteen's retrain blocked."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import listed
from guard.detect.events.shape import decision_groups
from guard.engine import Guard
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.default(nlp=False)


@pytest.mark.parametrize("text", [
    "Director Dealing: A Director Of Vantor Robotics (NASDAQ:VNTR) Has Just Spent US$250k "
    "Buying Shares",
    "Stock alert 📈 Halden Foods (NYSE: HLDN) just cut 400 jobs in Ohio, shares up 3%",
    "Un administrateur de Ménagea (EPA: MNG) vient d'acheter pour 80 000 € d'actions",
])
def test_a_listed_company_named_with_its_ticker_is_someone_elses_news(guard, text):
    low = fold(text).casefold()
    assert listed(low, G)
    assert "elsewhere" in decision_groups(low, {"own"}, G)
    assert guard.check(text).verdict == "allow"
    assert event_findings(guard.check(text)) == []


@pytest.mark.parametrize("text", [
    # a secrecy cue: the insider's secret, ticker or not
    "Not public yet: Halden Foods (NYSE: HLDN), my employer, closes the Ohio plant on March 3 🤫",
    # no exchange, or no parentheses: not the newswire form
    "We close the Ohio plant on March 3, 400 jobs, nobody outside knows yet. HLDN holders beware",
])
def test_a_secrecy_cue_or_no_ticker_form_leaves_the_decision_as_it_was(guard, text):
    low = fold(text).casefold()
    assert "elsewhere" not in decision_groups(low, {"own", "nonpublic"}, G)
    report = guard.check(text)
    assert report.verdict == "block"
    assert "event.mnpi" in {rule for rule, _ in event_findings(report)}


def test_the_form_needs_an_exchange_a_colon_and_a_ticker_in_parentheses():
    for text in ("(NASDAQ:CERS)", "( nyse : brk.b )", "(EPA: AIR)"):
        assert listed(fold(text).casefold(), G), text
    for text in ("NASDAQ: CERS", "(NASDAQ)", "(nasdaq: a ticker far too long)", "(LON)"):
        assert not listed(fold(text).casefold(), G), text
