"""Keyed hashes of normalised terms, so a pack can list secrets without holding them in clear.

A term is hashed as HMAC-SHA256 (key: the pack's salt) of its canonical form: the matching key
that `guard.normalise.term_key` gives, that is the term folded (case, diacritics, look-alikes,
compatibility forms) with its word breaks removed (`Blue Heron` -> `blueheron`). The matcher
hashes the same keys built from a draft's word n-grams, so disguises are still found; fuzzy
matching is not possible, since a digest says nothing about near spellings.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from .normalise import STRONG, normalise, term_key

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
