"""The pseudo-finding of a draft that does not fit its platform (kind `length`, never scored)."""

from __future__ import annotations

from guard.models import Evidence, Finding, Length


def limit_finding(text: str, length: Length) -> Finding:
    """Where and why the draft stops fitting: past the limit, or a character it refuses."""
    start = length.overflow_at if length.overflow_at is not None else 0
    over = length.weighted - length.limit
    if over > 0:
        message = f"Too long for {length.platform}: {length.weighted}/{length.limit}"
        suggestion = f"cut {over} weighted characters"
        end = len(text)
    else:
        # It fits by count but holds a character the platform rejects (U+FFFE, U+FEFF, U+FFFF).
        message = (
            f"Contains a character {length.platform} does not accept (U+{ord(text[start]):04X})"
        )
        suggestion = "remove the invisible character at the marked position"
        end = start + 1
    return Finding(
        rule="length.limit",
        category="length",
        severity="info",
        confidence=1.0,
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        suggestion=suggestion,
        evidence=Evidence("length"),
        kind="length",
    )
