"""mnpi.hint-with-figure: digit groups a space apart are one number. A thousands group belongs
to the figure (« 1 200 postes »); any other run is a phone number or a code, not five figures.

Before, "Call Marie on 06 12 34 56 78" beside a layoff hint printed five "A figure next to a
hint" findings, one per pair of digits, under the phone number's own finding."""

from __future__ import annotations

import pytest

from guard.engine import Guard

RULE = "mnpi.hint-with-figure"


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["default"], nlp=True)  # the hints are phrase rules


def figures(guard: Guard, text: str) -> list[str]:
    return [f.text for f in guard.check(text).findings if f.rule == RULE]


@pytest.mark.parametrize(("text", "phone"), [
    ("Between us: we're cutting 40 jobs in Lyon next month. Call Marie on 06 12 34 56 78 "
     "if you want details.", "06 12 34 56 78"),
    ("Entre nous, on supprime 40 postes à Rennes 🤫 appelle Karim au +33 6 12 34 56 78",
     "+33 6 12 34 56 78"),
    ("We're laying off 40 people next month, ring Dave on 07700 900123 for the list",
     "07700 900123"),
])
def test_a_phone_number_is_no_figure(guard: Guard, text: str, phone: str) -> None:
    report = guard.check(text)
    assert figures(guard, text) == ["40"]
    assert phone in [f.text for f in report.findings if f.rule.startswith("pii.phone")]
    assert report.verdict == "block"


@pytest.mark.parametrize(("text", "figure"), [
    ("Entre nous : on supprime 1 200 postes le mois prochain", "1 200"),
    ("Entre nous : la levée de 200 000 € est bouclée, annonce la semaine prochaine",
     "200 000 €"),
    ("Entre nous : la levée de 1\u202f200\u202f000 € est bouclée, annonce la semaine prochaine",
     "1\u202f200\u202f000 €"),
    ("We're laying off 200 people next month before anyone knows", "200"),
])
def test_a_thousands_group_is_part_of_the_figure(guard: Guard, text: str, figure: str) -> None:
    assert figures(guard, text) == [figure]
