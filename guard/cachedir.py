"""The user cache folder of tweet-guard (the pack cache lives there)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pathlib is not imported by a cold check: `cache_folder` gives a str
    from pathlib import Path


def cache_dir() -> Path | None:
    """The user cache folder of tweet-guard, or None when caching is off (`GUARD_NO_CACHE`)."""
    from pathlib import Path

    folder = cache_folder()
    return None if folder is None else Path(folder)


def cache_folder() -> str | None:
    """`cache_dir` as a str: what a cold check uses, without importing pathlib (≈ 4 ms)."""
    if os.environ.get("GUARD_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("GUARD_CACHE_DIR")
    if explicit:
        return explicit
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return os.path.join(xdg, "tweet-guard")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "tweet-guard", "Cache") if base else None
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "tweet-guard")
    return os.path.join(home, ".cache", "tweet-guard")
