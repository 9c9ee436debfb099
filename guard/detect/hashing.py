"""Keyed hashes of normalised terms, so a pack can list secrets without holding them in clear.

A term is hashed as HMAC-SHA256 (key: the pack's salt) of its canonical form: the matching key
that `normalise.term_key` gives, that is the term folded (case, diacritics, look-alikes,
compatibility forms) with its word breaks removed (`Blue Heron` -> `blueheron`). The matcher
hashes the same keys built from a draft's word n-grams, so disguises are still found; fuzzy
matching is not possible, since a digest says nothing about near spellings.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Iterator
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
    return hmac.digest(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hex()


def digester(salt: str) -> Callable[[str], str]:
    """`digest(key, salt)` for one salt, encoded once: the matcher hashes every run of a draft."""
    secret = salt.encode("utf-8")

    def digest_key(key: str) -> str:
        return hmac.digest(secret, key.encode("utf-8"), "sha256").hex()

    return digest_key


def hash_term(term: str, salt: str) -> str:
    """HMAC-SHA256 of the canonical normalised form of `term`, keyed by `salt`, hex."""
    return digest(canonical_term(term), salt)


class HashedRules:
    """The digests of a pack's `hashed` rules, for the matcher: salt -> digest -> rule ids."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        tables: dict[str, dict[str, list[str]]] = {}
        self.max_strong = 0  # separators a run may cross: the largest word count - 1
        for rule in rules:
            h = rule.hashed
            if h is None or h.algorithm != ALGORITHM:
                continue  # another algorithm: ignored, as the docs say
            table = tables.setdefault(h.salt, {})
            for d in h.digests:
                table.setdefault(d, []).append(rule.id)
            self.max_strong = max(self.max_strong, max(h.lengths, default=4) - 1)
        self._tables = [(digester(salt), table) for salt, table in tables.items()]

    def __bool__(self) -> bool:
        return bool(self._tables)

    def listed(self, key: str) -> bool:
        """True when the digest of this canonical key is listed under some salt."""
        if len(self._tables) == 1:  # the usual pack: one salt, and this runs for every run
            digest_key, table = self._tables[0]
            return digest_key(key) in table
        return any(digest_key(key) in table for digest_key, table in self._tables)

    def rule_ids(self, key: str) -> Iterator[str]:
        """The rules listing the digest of this canonical key, salt by salt."""
        for digest_key, table in self._tables:
            yield from table.get(digest_key(key), ())
