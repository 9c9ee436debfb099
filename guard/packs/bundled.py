"""The bundled `events` pack's secrecy grammar, for tools and tests that decide drafts without a
loaded pack (apart from grammar.py, which the loader imports)."""

from __future__ import annotations

from functools import lru_cache

from guard.models import SecrecyForm
from guard.packs.loader import load_pack


@lru_cache(maxsize=1)
def bundled_secrecy() -> tuple[SecrecyForm, ...]:
    """The `secrecy:` forms of the bundled `events` pack."""
    return next(r.events.secrecy for r in load_pack(["events"]).rules if r.events is not None)
