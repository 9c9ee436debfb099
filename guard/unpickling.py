"""A faster `__setstate__` for the frozen, slotted dataclasses the pack cache pickles.

Reading the pack cache's entry sets ≈ 640 records (rules and their parts). For a frozen slotted
class, `dataclasses` gives `__setstate__ = _dataclass_setstate`, which asks `fields(self)` for
every object (a generator over the class's fields each time): ≈ 6.5 M instructions of a cold
check. This one reads a class's field names once and sets them at C speed. The state is the
same (`__getstate__` is untouched: the values in field order), so entries written either way
read back the same, and a class whose `__setstate__` is not dataclasses' own is left alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from itertools import repeat
from typing import Any

_DATACLASS_SETSTATE = getattr(dataclasses, "_dataclass_setstate", None)  # 3.10-3.12 have it
_set = object.__setattr__  # what dataclasses' own uses: a frozen class refuses setattr
_names: dict[type, tuple[str, ...]] = {}


def _setstate(self: Any, state: list[Any]) -> None:
    cls = type(self)
    names = _names.get(cls)
    if names is None:
        names = _names[cls] = tuple(f.name for f in dataclasses.fields(cls))
    # object.__setattr__ returns None, so `any` runs it for every (name, value) pair; map stops
    # at the shorter, as dataclasses' zip does.
    any(map(_set, repeat(self), names, state))


def fast_setstate(namespace: Mapping[str, Any]) -> None:
    """Give every class defined in `namespace` (a module's globals) whose `__setstate__` is
    dataclasses' own the faster one."""
    if _DATACLASS_SETSTATE is None:
        return
    for value in list(namespace.values()):
        if isinstance(value, type) and value.__dict__.get("__setstate__") is _DATACLASS_SETSTATE:
            value.__setstate__ = _setstate  # type: ignore[attr-defined]
