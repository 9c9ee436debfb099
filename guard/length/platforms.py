"""The platforms a draft can be measured for, and their limits (see measure.py for how)."""

from __future__ import annotations

LIMITS: dict[str, int] = {"x": 280, "x-classic": 140, "mastodon": 500, "bluesky": 300}
