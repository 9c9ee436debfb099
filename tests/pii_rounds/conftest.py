"""The pack every personal-data, secret and marker round test checks against."""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import guard_without_events


@pytest.fixture(scope="session")
def guard() -> Guard:
    """The default pack, model-free, less the events rules (built once for the whole folder)."""
    return guard_without_events()
