"""The text report's colours are click's escape codes, without importing typer."""

from __future__ import annotations

import itertools

import pytest
import typer

from guard.report.ansi import style
from guard.report.text import SEVERITY_COLOURS, VERDICT_COLOURS

COLOURS = sorted({*VERDICT_COLOURS.values(), *SEVERITY_COLOURS.values(), "red", "white"})


@pytest.mark.parametrize(
    ("fg", "bold", "dim", "underline"),
    list(itertools.product([None, *COLOURS], [None, True, False], [None, True], [None, True])),
)
def test_the_same_codes_as_typer(fg, bold, dim, underline):
    text = "BLOCK  Café ☕ 会議"
    assert style(text, fg=fg, bold=bold, dim=dim, underline=underline) == typer.style(
        text, fg=fg, bold=bold, dim=dim, underline=underline
    )


def test_an_unknown_colour_is_refused_like_typer():
    with pytest.raises(TypeError, match="Unknown color 'mauve'"):
        style("x", fg="mauve")
