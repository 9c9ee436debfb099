"""The text report a person reads at a shell (guard.report.text)."""

from __future__ import annotations

from guard.engine import Guard
from guard.report.text import render_text


def test_rules_that_flag_the_same_span_share_one_excerpt() -> None:
    guard = Guard.from_files(["default"], nlp=False)
    draft = "CONFIDENTIAL: Q3 deck attached, internal use only. Do not forward."
    report = guard.check(draft)
    same = [f.rule for f in report.findings if (f.start, f.end) == (0, 13)]
    assert same == ["marker.classification", "marker.opening-label"]
    lines = render_text(report, draft).splitlines()
    # Both rules head the block, the span is shown once, each rule's evidence is named, and a
    # suggestion the rules share is said once.
    first = lines.index(next(line for line in lines if "marker.classification" in line))
    assert "marker.opening-label" in lines[first + 1]
    assert lines[first + 2].strip().startswith("1:1 | CONFIDENTIAL")
    assert lines[first + 3].strip() == "^" * 13
    assert lines[first + 4].strip().startswith("marker.classification: confidence 1.00")
    assert lines[first + 5].strip().startswith("marker.opening-label: confidence 1.00")
    assert lines[first + 6].strip() == (
        "suggestion: remove the marked content; marked material is not for posting")
    assert lines[first + 7] == ""
    assert sum(1 for line in lines if line.strip().startswith("1:1 |")) == 1
    # A finding alone on its span keeps its own block, its evidence without a rule name.
    alone = lines.index(next(line for line in lines if "marker.do-not-share" in line))
    assert lines[alone + 1].strip().startswith("1:52 |")
    assert lines[alone + 3].strip().startswith("confidence 1.00, via exact")
