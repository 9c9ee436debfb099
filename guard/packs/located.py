"""Containers that remember where each key and item was written (line, column), without yaml.

guard.packs.yamlsrc fills them; readers that only look at them (the post files of `guard hook`)
need not import yaml until a YAML file is read.
"""

from __future__ import annotations


class LocDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the (line, column) of itself and of each key, 1-based."""

    pos: tuple[int, int]
    key_pos: dict[str, tuple[int, int]]
    value_pos: dict[str, tuple[int, int]]


class LocList(list):  # type: ignore[type-arg]
    """A sequence that knows the (line, column) of itself and of each item, 1-based."""

    pos: tuple[int, int]
    item_pos: list[tuple[int, int]]
