"""Finding term keys within a small edit distance of a word of the draft, at 100,000 terms.

Distance 1 (the default `match.fuzzy`) uses pigeonhole segments: a key of length L is filed
under its first half, its second half, and itself without the two letters around the middle.
One edit (substitution, insertion, deletion, or swap of neighbours) leaves one of the three
intact, so a word is compared with only the keys that share one: three dict entries per
term, which builds 100,000 terms in a fraction of a second. Distance 2 (rare) uses SymSpell
deletions of the keys' first letters. Either way the candidates are then checked exactly.

Before any of that, `FuzzyIndex.may_match` dismisses most runs of a draft with a set lookup or two:
a run of several words needs one word of a multiword term, and a run of ordinary words (the
`common_words` snapshot) is no typo. `drop_shadowed` then drops typo hits overlapping sure ones.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from guard.models import Hit

PREFIX = 8  # SymSpell's prefix trick for distance 2: deletions of the first 8 letters only
_COMMON: frozenset[str] | None = None  # the ordinary words, once read


def common_words() -> frozenset[str]:
    """Ordinary English and French words, that a typo never is (`danger` is no typo of the
    codename `Ranger`): a snapshot of wordfreq (tools/build_common_words.py), read on first
    use (about 40 ms), so that a cold check with a small pack rarely reads it."""
    global _COMMON
    if _COMMON is None:
        from importlib import resources  # on first use: it imports tempfile, shutil, zipfile...

        data = resources.files("guard.detect.data").joinpath("common_words.txt")
        text = data.read_text(encoding="utf-8")
        _COMMON = frozenset(line for line in text.split("\n") if line and not line.startswith("#"))
    return _COMMON


def loaded_common_words() -> frozenset[str] | None:
    """The ordinary words if they have been read, else None."""
    return _COMMON


def add_id(index: dict[str, Any], key: str, i: int) -> None:
    """File `i` under `key`: an int alone, a list only on a collision (fast to build)."""
    old = index.get(key)
    if old is None:
        index[key] = i
    elif type(old) is int:
        if old != i:
            index[key] = [old, i]
    elif old[-1] != i:
        old.append(i)


def ids(value: Any) -> Sequence[int]:
    """The ids a value of an `add_id` index stands for."""
    if value is None:
        return ()
    return (value,) if type(value) is int else value


def _segments(key: str) -> tuple[str, str, str]:
    n, h = len(key), len(key) // 2
    return f"{n}<{key[:h]}", f"{n}>{key[h:]}", f"{n}={key[: h - 1]}{key[h + 1 :]}"


def _deletions(key: str, depth: int) -> list[str]:
    out = [key[:i] + key[i + 1 :] for i in range(len(key))]
    if depth > 1:
        out += [k[:i] + k[i + 1 :] for k in out for i in range(len(k))]
    return out


class FuzzyIndex:
    """Term keys filed for lookup by a word within edit distance 1 or 2."""

    def __init__(self, min_length: int) -> None:
        self.min_length = min_length
        self.depth = 0
        self._one: dict[str, Any] = {}
        self._two: dict[str, Any] = {}
        self.words: set[str] = set()  # the words of multiword terms (one edit leaves one intact)

    def add(self, key: str, i: int, depth: int) -> None:
        """File term `i` under `key`, to be found up to `depth` (1 or 2) edits away."""
        self.depth = max(self.depth, depth)
        if depth == 1:
            one = self._one
            for segment in _segments(key):
                if segment in one:
                    add_id(one, segment, i)
                else:
                    one[segment] = i
            return
        prefix = key[:PREFIX]
        for d in (prefix, *_deletions(prefix, 2)):
            add_id(self._two, d, i)

    def candidates(self, word: str) -> set[int]:
        """Ids of the keys that may be within their distance of `word` (check with `within`)."""
        found: set[int] = set()
        if self._one:
            n = len(word)
            for length in (n - 1, n, n + 1):
                if length < self.min_length:
                    continue
                h = length // 2
                probes = [f"{length}<{word[:h]}", f"{length}>{word[n - (length - h) :]}"]
                if length == n:
                    probes.append(f"{n}={word[: h - 1]}{word[h + 1 :]}")
                for probe in probes:
                    found.update(ids(self._one.get(probe)))
        if self._two:
            prefix = word[:PREFIX]
            for d in (prefix, *_deletions(prefix, 2)):
                found.update(ids(self._two.get(d)))
        return found

    def may_match(self, key: str, strong: Sequence[int], word_known: bool) -> bool:
        """False when no key can be within reach of the draft's run `key` (separators crossed at
        `strong`) by the cheap tests: a word of a multiword term in it (`word_known`: one before
        the last is), not only ordinary words, and a candidate in the index."""
        if strong:
            if not word_known and key[strong[-1] :] not in self.words:
                return False
            words = [key[a:b] for a, b in pairwise([0, *strong, len(key)])]
        else:
            words = [key]
        common = _COMMON
        if common is not None and all(w in common for w in words):
            return False
        if not self.candidates(key):
            return False
        # Read the ordinary words only once a candidate turns up (cold start, small packs).
        return common is not None or not all(w in common_words() for w in words)


def within(a: str, b: str, limit: int) -> bool:
    """True when the Damerau (OSA) distance between a and b is at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    if limit == 1 and len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) <= 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if limit == 1:
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        k = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
        return short[k:] == long_[k + 1 :]
    return osa(a, b) <= limit


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and adjacent transpositions)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def digits(key: str) -> str:
    """The digits of a key: a typo is in the letters, `Area 512` is another number."""
    return "".join(c for c in key if c.isdigit())


def breaks_close(strong: Sequence[int], breaks: frozenset[int]) -> bool:
    """With one edit the draft's separators may sit one letter away from the term's breaks."""
    return all(any(abs(s - b) <= 1 for b in breaks) for s in strong)


def drop_shadowed(hits: list[Hit]) -> list[Hit]:
    """Drop fuzzy hits overlapping a closer hit of their rule; `hits` are sorted by start."""
    starts: dict[str, list[int]] = {}
    reach: dict[str, list[int]] = {}  # running maximum of the sure hits' ends, by start order
    for h in hits:
        if h.via != "fuzzy":
            ends = reach.setdefault(h.rule_id, [])
            starts.setdefault(h.rule_id, []).append(h.start)
            ends.append(max(h.end, ends[-1]) if ends else h.end)
    kept = []
    for h in hits:
        if h.via == "fuzzy" and h.rule_id in starts:
            k = bisect_left(starts[h.rule_id], h.end)  # sure hits starting before h ends
            if k and reach[h.rule_id][k - 1] > h.start:
                continue
        kept.append(h)
    return kept
