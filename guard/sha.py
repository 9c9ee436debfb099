"""SHA-256 without `import hashlib`: on Python 3.11 with OpenSSL 3, importing hashlib (its
`_hashlib`) costs 3-8 ms of every cold `guard check` (OpenSSL loads its providers), more than
hashing the pack cache entry itself. The interpreter's own SHA-256 module gives the same digests;
hashlib is the fallback where that module is missing or named otherwise."""

from __future__ import annotations

from typing import Any

try:  # CPython <= 3.11: _sha256; 3.12+: _sha2
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the interpreter
    try:
        from _sha2 import sha256 as _sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256 as _sha256  # type: ignore[assignment]


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object over `data`, as `hashlib.sha256(data)`."""
    return _sha256(data)
