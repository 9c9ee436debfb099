"""The pack cache's records unpickle through guard.unpickling's `__setstate__` (not the one
dataclasses gives a frozen slotted class) into records equal to the originals, field for field,
and an entry pickled before the change reads back the same (the state is unchanged)."""

from __future__ import annotations

import dataclasses
import pickle

from guard import models, unpickling
from guard.packs import pack as pack_module
from guard.packs.loader import load_pack


def _records(value, seen):
    """Every dataclass instance reachable from `value` through fields, tuples and dicts."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            yield from _records(getattr(value, f.name), seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _records(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _records(item, seen)


def test_every_pickled_record_class_uses_the_faster_setstate():
    for module in (models, pack_module):
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value):
                params = value.__dataclass_params__
                if params.frozen and "__slots__" in value.__dict__:
                    assert value.__setstate__ is unpickling._setstate, value


def test_the_default_pack_reads_back_equal_record_for_record():
    pack = dataclasses.replace(load_pack(["default"]), raw={}, definitions={})
    back = pickle.loads(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == pack
    originals = list(_records(pack, set()))
    copies = list(_records(back, set()))
    assert len(originals) == len(copies) > 500
    for a, b in zip(originals, copies, strict=True):
        assert type(a) is type(b)
        for f in dataclasses.fields(a):
            assert getattr(a, f.name) == getattr(b, f.name), (type(a), f.name)


def test_a_state_made_for_dataclasses_own_setstate_reads_the_same():
    rule = load_pack(["default"]).rules[0]
    state = rule.__getstate__()
    mine, theirs = object.__new__(type(rule)), object.__new__(type(rule))
    unpickling._setstate(mine, state)
    dataclasses._dataclass_setstate(theirs, state)  # type: ignore[attr-defined]
    assert mine == theirs == rule
