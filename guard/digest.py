"""A fast 256-bit digest for the user cache's checks (is this entry whole, is this rule file
unchanged), without `import hashlib`: on Python 3.11 with OpenSSL 3, importing hashlib (its
`_hashlib`) costs 3-8 ms of every cold `guard check` while OpenSSL loads its providers. BLAKE2b
comes with the interpreter (`_blake2`, which hashlib itself wraps), imports in a fraction of a
millisecond and hashes faster than the interpreter's own SHA-256; it is as collision-resistant.
What a user sees (a pack's digest, a redacted finding's fingerprint) stays SHA-256."""

from __future__ import annotations

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b as _blake2b


def digest(data: bytes) -> bytes:
    """The 32-byte BLAKE2b digest of `data` (as `hashlib.blake2b(data, digest_size=32)`)."""
    return _blake2b(data, digest_size=32).digest()


def hexdigest(data: bytes) -> str:
    """`digest(data)` in hexadecimal."""
    return _blake2b(data, digest_size=32).hexdigest()
