"""Terminal colours for the text report, without importing typer.

`guard check` on a terminal colours its report; typer's `style` (click's) would cost the import
of typer on every interactive check, which the everyday forms of `check` avoid
(`guard.commands.quick`). This writes the same escape codes as click's `style` for what the
report uses: a named foreground colour, bold, dim and underline, then a reset
(tests/report/ansi_test.py holds the two equal).
"""

from __future__ import annotations

_COLOURS = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35,
            "cyan": 36, "white": 37}


def style(text: str, fg: str | None = None, bold: bool | None = None, dim: bool | None = None,
          underline: bool | None = None) -> str:
    """`text` in colour `fg` (a name of `_COLOURS`), bold, dim or underlined, then a reset."""
    bits = []
    if fg:
        if fg not in _COLOURS:
            raise TypeError(f"Unknown color {fg!r}")
        bits.append(f"\033[{_COLOURS[fg]}m")
    if bold is not None:
        bits.append(f"\033[{1 if bold else 22}m")
    if dim is not None:
        bits.append(f"\033[{2 if dim else 22}m")
    if underline is not None:
        bits.append(f"\033[{4 if underline else 24}m")
    return "".join(bits) + text + "\033[0m"
