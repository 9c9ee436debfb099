"""guard.record's records behave as the dataclasses they replaced (issue 15: a cold check
without `dataclasses`): for every record class, its twin built by `dataclasses` from the same
fields, defaults and flags gives the same `__init__` binding, equality, hash, repr, pickled state
and `dataclasses.fields`; the pack cache's records read back field for field; the pack digest
(`asdict` of nested records) is the one the twins give."""

from __future__ import annotations

import copyreg
import dataclasses
import importlib
import pickle
from typing import Any

import pytest

from guard import record
from guard.errors import RulePackError
from guard.models import Evidence, Finding, Rule, Settings
from guard.packs.loader import load_pack

# The modules a cold check imports that define records (round twenty-nine converted them all).
MODULES = ("guard.models", "guard.errors", "guard.detect.registry", "guard.detect.normalise",
           "guard.detect.terms", "guard.filters", "guard.packs.loop", "guard.packs.pack",
           "guard.engine", "guard.detect.events.cues", "guard.length.measure")
# How each was declared before: @dataclass(frozen=True, slots=True) but for these two.
WAS = {"RulePackError": {"eq": False}, "LoopKeys": {}}


def _classes() -> list[type]:
    found = []
    for name in MODULES:
        for value in vars(importlib.import_module(name)).values():
            if (isinstance(value, type) and "__record_spec__" in value.__dict__
                    and value.__module__ == name):
                found.append(value)
    return found


CLASSES = _classes()


def test_the_thirty_six_records_of_the_cold_path_are_found():
    assert len(CLASSES) == 36


def _values(cls: type, tag: str) -> list[Any]:
    """A value for each field: strings that tell the fields (and two instances) apart."""
    return [f"{tag}-{name}" for name in record.fields_of(cls)]


def _twin(cls: type) -> type:
    """The dataclass as it was declared (WAS), built by `dataclasses` from the same fields."""
    view = dataclasses.fields(cls)  # the record's lazily built dataclass fields
    namespace: dict[str, Any] = {"__annotations__": {f.name: f.type for f in view},
                                 "__module__": cls.__module__, "__qualname__": cls.__qualname__}
    for f in view:
        namespace[f.name] = dataclasses.field(default=f.default, default_factory=f.default_factory,
                                              compare=f.compare, repr=f.repr)
    flags = WAS.get(cls.__name__, {"frozen": True, "slots": True})
    return dataclasses.dataclass(**flags)(type(cls.__name__, (), namespace))


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_a_record_behaves_as_its_dataclass_twin(cls):
    twin = _twin(cls)
    names = record.fields_of(cls)
    assert [f.name for f in dataclasses.fields(cls)] == [f.name for f in dataclasses.fields(twin)]
    assert names == cls.__match_args__ == twin.__match_args__
    assert dataclasses.is_dataclass(cls)
    for mine, theirs in zip(dataclasses.fields(cls), dataclasses.fields(twin), strict=True):
        for attr in ("name", "type", "default", "default_factory", "init", "repr", "hash",
                     "compare", "kw_only"):
            assert getattr(mine, attr) == getattr(theirs, attr), (mine.name, attr)
    a, b = _values(cls, "a"), _values(cls, "b")
    # Positional, keyword, and half and half bind the same.
    ra, ta = cls(*a), twin(*a)
    half = len(a) // 2
    mixed = cls(*a[:half], **dict(zip(names[half:], a[half:], strict=True)))
    assert [getattr(mixed, n) for n in names] == a
    for x, y in ((ra, ta), (cls(*b), twin(*b))):
        assert [getattr(x, n) for n in names] == [getattr(y, n) for n in names]
        assert repr(x) == repr(y)
    flags = WAS.get(cls.__name__, {"frozen": True, "slots": True})
    eq = flags.get("eq", True)
    assert (ra == cls(*a)) is (ta == twin(*a)) is eq
    assert (ra == cls(*b)) is (ta == twin(*b)) is False
    if eq:
        assert ra.__eq__(ta) is NotImplemented  # another class, even the twin
    if flags.get("frozen"):
        assert hash(ra) == hash(ta) == hash(tuple(
            v for v, f in zip(a, dataclasses.fields(cls), strict=True) if f.compare))
        with pytest.raises(AttributeError, match="cannot assign to field"):
            setattr(ra, names[0], "x")
        with pytest.raises(AttributeError, match="cannot delete field"):
            delattr(ra, names[0])
    else:
        assert (cls.__hash__ is None) is (twin.__hash__ is None)
    if flags.get("slots"):
        assert cls.__slots__ == twin.__slots__ == names
        assert not hasattr(ra, "__dict__")
        # The pickled shape is dataclasses': (copyreg.__newobj__, (cls,), [values in order]).
        mine, theirs = ra.__reduce_ex__(pickle.HIGHEST_PROTOCOL), ta.__reduce_ex__(
            pickle.HIGHEST_PROTOCOL)
        assert mine[0] is theirs[0] is copyreg.__newobj__
        assert mine[1] == (cls,) and theirs[1] == (twin,)
        assert mine[2] == theirs[2] == a
        assert mine[3:] == theirs[3:]
        back = pickle.loads(pickle.dumps(ra, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is cls
        assert [getattr(back, n) for n in names] == a


def test_defaults_factories_and_binding_errors_are_dataclasses():
    rule = Rule("r", "terms", "codename", "high", 0.9, "m")
    twin = _twin(Rule)("r", "terms", "codename", "high", 0.9, "m")
    assert repr(rule) == repr(twin)
    assert rule.match is not Rule("r", "terms", "codename", "high", 0.9, "m").match  # a factory
    by_name = Rule(id="r", detector="terms", category="codename", severity="high",
                   confidence=0.9, message="m", tags=("t",))
    assert repr(by_name) == repr(_twin(Rule)(id="r", detector="terms", category="codename",
                                             severity="high", confidence=0.9, message="m",
                                             tags=("t",)))
    assert by_name.match == rule.match and by_name.match is not rule.match
    bad = (((), {}), (("r",) * 50, {}), (("r",), {"id": "s"}), ((), {"nope": 1}),
           (("r",) * 5, {"mesage": "m"}), (("r",) * 50, {"nope": 1}))
    for args, kwargs in bad:
        with pytest.raises(TypeError) as mine:
            Rule(*args, **kwargs)
        with pytest.raises(TypeError) as theirs:
            _twin(Rule)(*args, **kwargs)
        assert type(mine.value) is type(theirs.value)
    err = RulePackError("f.yaml", 3, 4, "r", "bad")
    assert err.hint == "" and err.rule_id == "r" and isinstance(err, Exception)
    assert repr(err) == ("RulePackError(file='f.yaml', line=3, column=4, rule_id='r', "
                         "message='bad', hint='')")
    err.hint = "mutable, as before"  # eq=False, not frozen
    assert err != RulePackError("f.yaml", 3, 4, "r", "bad", "mutable, as before")
    assert hash(err) == object.__hash__(err)


def test_guard_replace_is_dataclasses_replace():
    finding = Finding("r", "c", "high", 0.5, 0, 3, "abc", "m", "s", Evidence("exact"))
    assert record.replace(finding, post=2) == dataclasses.replace(finding, post=2)
    assert record.replace(Settings(), warn=10) == dataclasses.replace(Settings(), warn=10)
    with pytest.raises(TypeError):
        record.replace(finding, nope=1)


def _as_twins(value: Any) -> Any:
    """`value` with every record in it (through tuples and dicts) swapped for its twin."""
    cls = type(value)
    if "__record_spec__" in cls.__dict__:
        return _twin(cls)(*[_as_twins(getattr(value, n)) for n in record.fields_of(cls)])
    if isinstance(value, tuple):
        return tuple(_as_twins(v) for v in value)
    if isinstance(value, dict):
        return {k: _as_twins(v) for k, v in value.items()}
    return value


def test_asdict_of_the_default_packs_rules_is_their_twins():
    # The pack digest hashes `asdict` of each rule: it recurses only into what it sees as
    # dataclasses, so the nested records must be seen as such.
    pack = load_pack(["default"])
    assert len(pack.rules) > 100
    for rule in pack.rules:
        assert dataclasses.asdict(rule) == dataclasses.asdict(_as_twins(rule))
    assert dataclasses.asdict(pack.settings) == dataclasses.asdict(_as_twins(pack.settings))


def _records(value: Any, seen: set[int]):
    if id(value) in seen:
        return
    seen.add(id(value))
    if "__record_spec__" in type(value).__dict__:
        yield value
        for name in record.fields_of(value):
            yield from _records(getattr(value, name), seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _records(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _records(item, seen)


def test_the_default_pack_reads_back_equal_record_for_record():
    pack = record.replace(load_pack(["default"]), raw={}, definitions={})
    back = pickle.loads(pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == pack
    originals, copies = list(_records(pack, set())), list(_records(back, set()))
    assert len(originals) == len(copies) > 500
    for a, b in zip(originals, copies, strict=True):
        assert type(a) is type(b)
        assert [getattr(a, n) for n in record.fields_of(a)] == [
            getattr(b, n) for n in record.fields_of(b)]
