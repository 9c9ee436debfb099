"""Keyed hashes of normalised terms, so a pack can list secrets without holding them in clear.

A term is hashed as HMAC-SHA256 (key: the pack's salt) of its canonical form: the matching key
that `normalise.term_key` gives, that is the term folded (case, diacritics, look-alikes,
compatibility forms) with its word breaks removed (`Blue Heron` -> `blueheron`). The matcher
hashes the same keys built from a draft's word n-grams, so disguises are still found.

One typo is found by the symmetric-delete idea: the pack also lists, for each term, the digest
of its key with one letter deleted, tagged with the position ("3:ab12..."). A draft key K is a
typo of a term key T when a deletion of K is T (a letter added), K is a deletion of T (a letter
missing), K and T lose the same position to the same digest (a letter replaced), or K minus
i equals T minus i+1 and K minus i+1 equals T minus i (two neighbours swapped). Digits are never
deleted: a typo is in the letters, `Area 512` is another number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from guard.detect.normalise import STRONG, normalise, term_key

if TYPE_CHECKING:
    from guard.models import Rule

ALGORITHM = "hmac-sha256"


def canonical_term(term: str) -> str:
    """The form of `term` that is hashed (empty for a term with no letters or digits)."""
    return term_key(term).key


def term_word_count(term: str) -> int:
    """How many words the matcher must join to find `term` (for `HashedTerms.lengths`)."""
    return max(1, sum(1 for p in normalise(term).pieces if p.joint == STRONG))


def digest(key: str, salt: str) -> str:
    """HMAC-SHA256 of an already canonical key, hex."""
    import hashlib  # only for packs with hashed terms (guard/sha.py: 3-8 ms on a cold check)
    import hmac

    return hmac.digest(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hex()


def digester(salt: str) -> Callable[[str], str]:
    """`digest(key, salt)` for one salt, encoded once: the matcher hashes every run of a draft."""
    import hmac  # only for packs with hashed terms (guard/sha.py: 3-8 ms on a cold check)

    secret = salt.encode("utf-8")

    def digest_key(key: str) -> str:
        return hmac.digest(secret, key.encode("utf-8"), "sha256").hex()

    return digest_key


def deletions(key: str) -> Iterator[tuple[int, str]]:
    """(position, the key without the letter there) for each letter (not digit) of a key."""
    for i, ch in enumerate(key):
        if not ch.isdigit():
            yield i, key[:i] + key[i + 1 :]


def typo_digests(term: str, salt: str) -> list[str]:
    """The "position:digest" of each one-letter deletion of the term's canonical key."""
    return [f"{i}:{digest(k, salt)}" for i, k in deletions(canonical_term(term))]


def hash_term(term: str, salt: str) -> str:
    """HMAC-SHA256 of the canonical normalised form of `term`, keyed by `salt`, hex."""
    return digest(canonical_term(term), salt)


class HashedRules:
    """The digests of a pack's `hashed` rules, for the matcher: salt -> digest -> rule ids."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        tables: dict[str, tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]]
        tables = {}
        self.max_strong = 0  # separators a run may cross: the largest word count - 1
        self.typo_words: set[int] = set()  # word counts of the terms matched with a typo
        self.confidence: dict[str, float] = {}
        for rule in rules:
            h = rule.hashed
            if h is None or h.algorithm != ALGORITHM:
                continue  # another algorithm: ignored, as the docs say
            table, at, anywhere = tables.setdefault(h.salt, ({}, {}, {}))
            for d in h.digests:
                table.setdefault(d, []).append(rule.id)
            for tagged in h.typos:
                at.setdefault(tagged, []).append(rule.id)
                anywhere.setdefault(tagged.partition(":")[2], []).append(rule.id)
            if h.typos:
                self.typo_words.update(h.lengths or (1,))
            self.max_strong = max(self.max_strong, max(h.lengths, default=4) - 1)
            self.confidence[rule.id] = rule.confidence
        self._tables = [(digester(salt), *maps) for salt, maps in tables.items()]

    def __bool__(self) -> bool:
        return bool(self._tables)

    def listed(self, key: str) -> bool:
        """True when the digest of this canonical key is listed under some salt."""
        if len(self._tables) == 1:  # the usual pack: one salt, and this runs for every run
            digest_key, table, _, _ = self._tables[0]
            return digest_key(key) in table
        return any(digest_key(key) in table for digest_key, table, _, _ in self._tables)

    def rule_ids(self, key: str) -> Iterator[str]:
        """The rules listing the digest of this canonical key, salt by salt."""
        for digest_key, table, _, _ in self._tables:
            yield from table.get(digest_key(key), ())

    def typo_rule_ids(self, key: str) -> list[str]:
        """The rules with a term one typo away from this canonical key (not equal to it)."""
        out: list[str] = []
        for digest_key, table, at, anywhere in self._tables:
            if not at:
                continue
            out += anywhere.get(digest_key(key), ())  # a letter missing from the draft
            cut = [(i, digest_key(k)) for i, k in deletions(key)]
            for i, d in cut:
                out += table.get(d, ())  # a letter added in the draft
                out += at.get(f"{i}:{d}", ())  # a letter replaced
            for (i, d), (j, e) in pairwise(cut):
                if j == i + 1:  # two neighbours swapped: both deletions must agree
                    swapped = set(at.get(f"{j}:{d}", ())) & set(at.get(f"{i}:{e}", ()))
                    out += sorted(swapped)
        return list(dict.fromkeys(out))
