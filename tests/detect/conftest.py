"""Fixtures the events tests of every round share."""

from __future__ import annotations

import pytest

from guard.engine import Guard


@pytest.fixture(scope="module")
def pack() -> Guard:
    """The bundled default pack, model-free: what the events rounds' tests check drafts with."""
    return Guard.from_files(["default"], nlp=False)
