"""A thread as the content rules see it: its posts joined into one text, offsets mapped back.

The posts are joined with a blank line (SEPARATOR), which is what a reader of the thread sees
between two posts. The term matcher reads a line break between the words of a term as a
separator, so "... Blue" / "Heron ..." is still found; regex patterns, entities and phrases
that run over a post boundary are dropped (`crosses`), since no reader sees the end of one post
and the start of the next as one number or one name. Thread numbering ("1/", "2/5", "(3/7)",
"🧵") is blanked with spaces in the joined text: it is never content, and blanking keeps every
offset in place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from guard.models import Finding, Hit

SEPARATOR = "\n\n"
_TERM_VIAS = ("exact", "evasion", "fuzzy", "hashed")
# "1/", "2/5", "1/n", "(2/5)", "[2/5]", "2/5 🧵" at the start or end of a post; 🧵 anywhere.
_COUNTER = r"[(\[]?\d{1,3}\s?/\s?(?:\d{1,3}|n)?[)\]]?"
_NUMBERING = regex.compile(
    rf"\A\s*{_COUNTER}(?=\s|\Z)|(?<=\s|\A){_COUNTER}\s*\Z|\N{{SPOOL OF THREAD}}\ufe0f?",
    regex.IGNORECASE,
)


def numbering(post: str) -> list[tuple[int, int]]:
    """The spans of thread numbering in a post: never content."""
    return [m.span() for m in _NUMBERING.finditer(post) if m.group().strip()]


@dataclass(frozen=True, slots=True)
class Thread:
    """The posts joined into one text, and where each post starts in it."""

    posts: tuple[str, ...]
    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, posts: list[str] | tuple[str, ...]) -> Thread:
        """Join the posts, numbering blanked, with SEPARATOR between them."""
        parts, starts, at = [], [], 0
        for post in posts:
            chars = list(post)
            for start, end in numbering(post):
                for i in range(start, end):
                    chars[i] = " "
            parts.append("".join(chars))
            starts.append(at)
            at += len(post) + len(SEPARATOR)
        return cls(tuple(posts), SEPARATOR.join(parts), tuple(starts))

    def locate(self, offset: int) -> tuple[int, int]:
        """(post, offset in that post) of an offset into the joined text."""
        post = max(i for i, s in enumerate(self.starts) if s <= offset)
        return post, min(offset - self.starts[post], len(self.posts[post]))

    def crosses(self, hit: Hit) -> bool:
        """True for a hit that runs over a post boundary and is not a term."""
        if hit.via in _TERM_VIAS:
            return False
        return self.locate(hit.start)[0] != self.locate(max(hit.start, hit.end - 1))[0]

    def place(self, finding: Finding) -> Finding:
        """The finding with `post` set and its offsets relative to its posts."""
        post, start = self.locate(finding.start)
        end_post, end = self.locate(max(finding.start, finding.end - 1))
        end = min(end + (finding.end > finding.start), len(self.posts[end_post]))
        if end_post == post:
            return replace(finding, start=start, end=end, post=post)
        text = finding.text
        if not finding.masked:  # as written, numbering included: the joined text blanks it
            middle = self.posts[post + 1 : end_post]
            text = SEPARATOR.join((self.posts[post][start:], *middle, self.posts[end_post][:end]))
        return replace(finding, start=start, end=end, post=post, end_post=end_post, text=text)
