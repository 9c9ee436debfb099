"""An aside's reach: the sentences its match touches, not the whole draft (round twenty-two).

Round thirteen's `aside` forms name a draft about secrets or events that keeps none of its
author's employer (a story, advice, a disclosure made, the author's own life), and the events
rules stayed quiet on the whole draft. So a baby announcement, a capture-the-flag or security
advice written *beside* a real leak silenced it: "We're expecting a baby boy in June!! Work is
wild too: they're cutting 40 jobs in our team, nobody knows yet." Now the sentences an aside's
match touches are blanked out and the rest of the draft is decided again, once
(`detector._Group`), when it keeps a secret of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

# A sentence ends at its stop (with closing quotes or brackets) before a space, at a line
# break, or at an emoji before a space and a capital ("Due in May 👶 Also, ..."): drafts of
# the social kind end sentences with emoji as often as with stops.
_END = regex.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)|\n"
    r"|[\p{Extended_Pictographic}][\p{Extended_Pictographic}\uFE0F\u200D\p{Emoji_Modifier}]*"
    r"(?=\s+\p{Lu})"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the draft's sentences, each with its stop; together they
    cover the draft."""
    ends = [m.end() for m in _END.finditer(text)]
    starts = [0, *ends]
    return [(a, b) for a, b in zip(starts, [*ends, len(text)], strict=True) if b > a]


def without(text: str, spans: Sequence[tuple[int, int]]) -> str | None:
    """The draft with every sentence that one of `spans` (an aside's matches) touches blanked
    out: spaces for its characters (line breaks kept), so every offset into the rest is one into
    the draft. None when nothing but blanks would be left."""
    chars = list(text)
    for start, end in sentences(text):
        if any(a < end and b > start for a, b in spans):
            chars[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    rest = "".join(chars)
    return rest if rest.strip() else None
