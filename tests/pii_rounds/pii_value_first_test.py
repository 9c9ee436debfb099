"""National identifiers written before what they are (pii batch 16, measured on round fifteen,
then development data): an SSN or a German tax id followed by its keyword, a passport number
after a keyword and an aside in parentheses. Each must block, as another person's identifier
does (the span of a tax id written first runs to its keyword, as `pii.passport-before`'s
does); the same digits with no identifier's keyword after them stay quiet. Drafts written for
this test (none from a batch), English and French, model-free, without the `event.*` rules.
"""

from __future__ import annotations

import pytest

from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    ("219099998 ← that's Marco's social security number, why is it on the wiki?? 😬", "block",
     [("pii.ssn", 0, 9)]),
    ("536 90 4399 — c'est le SSN de notre consultant à Boston, supprimez ce message", "block",
     [("pii.ssn", 0, 11)]),
    ("39613372405: Lena's Steuer-ID, she asked me to forward it to payroll", "block",
     [("pii.de-tax-id", 0, 29)]),
    ("38 273 301 463 → numéro d'identification fiscale de Jürgen, pour la paie de mars", "block",
     [("pii.de-tax-id", 0, 48)]),
    ("Passeport de notre invitée (elle arrive de Montréal, vol du soir) : 21PK56803", "block",
     [("pii.passport", 68, 77)]),
])
def test_an_identifier_before_its_keyword_or_after_an_aside_blocks(guard, text, verdict, hits):
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "Order 219099998 shipped! Our social media team will post the tracking page tonight",
    "Ticket 39613372405 closed. Tax questions go to the finance team, not to IT",
    "passport office (the one near the station, open till 6) was packed with 200 people",
])
def test_numbers_that_are_no_identifier_stay_quiet(guard, text):
    assert found(guard, text) == ("allow", [])
