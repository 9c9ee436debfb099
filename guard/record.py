"""Records (frozen, slotted classes of fields) without `dataclasses` on the cold path.

`import dataclasses` costs a cold `guard check` ≈ 38 M instructions (it brings `inspect`,
`ast`, `dis`, `tokenize`, `copy`, … which nothing else on that path needs) and decorating its
36 classes ≈ 30 M more (the source of six methods per class written and `exec`ed): together a
fifth of a cold "hello" (docs/performance.md, rounds twenty-eight and twenty-nine). `record`
builds the same classes from the annotations with a few shared closures, no `exec`, no
`inspect`: `__init__` (positional or keyword, defaults, `field(default_factory=...)`),
`__repr__`, `__eq__`, `__hash__`, `__match_args__`, frozen `__setattr__`/`__delattr__`, and
for slotted ones `__getstate__`/`__setstate__` of the very shape dataclasses pickle (the field
values in order, so pack cache entries are unchanged). The texts and rules are CPython 3.11's
dataclasses' (`tests/record_test.py` compares every record with its dataclass twin).

`dataclasses.replace/asdict/fields/is_dataclass` keep working: they read the class's
`__dataclass_fields__`, which is built (importing `dataclasses`) on first access only. Code on
the check path uses `replace` from here instead, which does not.
"""

from __future__ import annotations

from _thread import get_ident  # built in, already loaded: what dataclasses' repr guard keys by
from collections.abc import Callable
from itertools import repeat
from operator import add, attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # type checkers read the records as the dataclasses they mimic
    from typing_extensions import dataclass_transform
else:
    try:  # 3.11+: a no-op at run time that only marks the decorator
        from typing import dataclass_transform
    except ImportError:  # 3.10

        def dataclass_transform(**_: object) -> Callable[[Any], Any]:
            return lambda decorator: decorator


T = TypeVar("T")
_set = object.__setattr__  # what a frozen dataclass's own `__init__` sets fields with


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenInstanceError(AttributeError):
    """Assigning to (or deleting) a field of a frozen record (dataclasses' error of that name
    is the same kind of AttributeError; raising it would import `dataclasses`)."""


class Field:
    """What `field()` returns in a class body: a default, a default factory, and whether the
    field takes part in `__eq__`/`__hash__` (`compare`) and `__repr__` (`repr`)."""

    __slots__ = ("compare", "default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(*, default: Any = MISSING, default_factory: Any = MISSING, compare: bool = True,
          repr: bool = True) -> Any:  # Any: it stands for the field's value in the class body
    """A field with a default factory, or left out of comparisons or of the repr."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, compare, repr)


class _Spec:
    """One record class's fields, as the closures and the lazy dataclass view read them."""

    __slots__ = ("annotations", "eq", "fields", "frozen", "module", "names", "qualname", "slots")

    def __init__(self, cls: type, frozen: bool, eq: bool, slots: bool) -> None:
        for base in cls.__mro__[1:]:
            if "__record_spec__" in base.__dict__ or "__dataclass_fields__" in base.__dict__:
                raise TypeError(f"{cls.__qualname__}: records do not inherit fields")
        # Not inspect.get_annotations: `inspect` is what a cold check must not import.
        annotations: dict[str, Any] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        self.annotations = {n: a for n, a in annotations.items() if not _is_classvar(a)}
        self.names = tuple(self.annotations)
        self.fields: dict[str, Field] = {}
        seen_default = False
        for name in self.names:
            value = cls.__dict__.get(name, MISSING)
            spec = value if isinstance(value, Field) else Field(value, MISSING, True, True)
            if isinstance(spec.default, (list, dict, set)):
                raise ValueError(f"mutable default {type(spec.default)} for field {name} "
                                 "is not allowed: use default_factory")
            has_default = spec.default is not MISSING or spec.default_factory is not MISSING
            if seen_default and not has_default:
                raise TypeError(f"non-default argument {name!r} follows default argument")
            seen_default = seen_default or has_default
            self.fields[name] = spec
        self.frozen, self.eq, self.slots = frozen, eq, slots
        self.module, self.qualname = cls.__module__, cls.__qualname__


def _is_classvar(annotation: Any) -> bool:
    # The annotations are strings (`from __future__ import annotations`) or, without it, objects.
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A tuple of these attributes, always a tuple (attrgetter of one name gives the value)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


_PENDING = object()  # a field whose default factory is still to be called


def _has_default(spec: Field) -> bool:
    return spec.default is not MISSING or spec.default_factory is not MISSING


def _make_init(spec: _Spec) -> Callable[..., None]:
    names, count, qualname = spec.names, len(spec.names), spec.qualname
    fields = spec.fields
    known = frozenset(names)

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        if len(args) > count:
            raise TypeError(f"{qualname}.__init__() takes {count + 1} positional arguments "
                            f"but {len(args) + 1} were given")
        for name in kwargs:
            if name not in known:
                raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument "
                                f"{name!r}")
        values = list(args)
        missing = []
        for name in names[len(args):]:
            if name in kwargs:
                values.append(kwargs[name])
                continue
            spec = fields[name]
            if spec.default_factory is not MISSING:
                values.append(spec.default_factory())
            elif spec.default is not MISSING:
                values.append(spec.default)
            else:
                missing.append(name)
        if missing:
            raise TypeError(f"{qualname}.__init__() missing {len(missing)} required "
                            f"argument{'s' if len(missing) > 1 else ''}: "
                            + ", ".join(repr(n) for n in missing))
        for name in names[:len(args)]:
            if name in kwargs:
                raise TypeError(f"{qualname}.__init__() got multiple values for argument "
                                f"{name!r}")
        return values

    # The fast paths below set the fields at C speed, in field order as dataclasses do
    # (object.__setattr__ returns None, so `any` runs it for every pair); `bind` does the rest,
    # and every error, with dataclasses' messages.
    required = next((i for i, n in enumerate(names) if _has_default(fields[n])), count)
    factories = tuple((n, f.default_factory) for n, f in fields.items()
                      if f.default_factory is not MISSING)
    plain_tail = () if factories else tuple(fields[n].default for n in names[required:])
    defaults = {n: f.default for n, f in fields.items() if f.default is not MISSING}
    base = {**defaults, **{n: _PENDING for n, _ in factories}}  # what keywords start from

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if not kwargs:
            if given == count:
                any(map(_set, repeat(self), names, args))
                return
            if required <= given < count and not factories:
                any(map(_set, repeat(self), names, args + plain_tail[given - required:]))
                return
        elif not given or kwargs.keys().isdisjoint(names[:given]):
            values = ({**base, **kwargs} if not given
                      else {**base, **dict(zip(names, args, strict=False)), **kwargs})
            if values.keys() == known:
                for name, factory in factories:
                    if values[name] is _PENDING:
                        values[name] = factory()
                any(map(_set, repeat(self), names, map(values.__getitem__, names)))
                return
        any(map(_set, repeat(self), names, bind(args, kwargs)))

    return __init__


def _make_repr(spec: _Spec) -> Callable[[Any], str]:
    shown = tuple(n for n in spec.names if spec.fields[n].repr)
    values = _getter(shown)
    labels = tuple(f"{n}=" for n in shown)
    running: set[tuple[int, int]] = set()  # dataclasses' reprlib-style guard against cycles

    def __repr__(self: Any) -> str:
        key = (id(self), get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(map(add, labels, map(repr, values(self))))
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _make_eq(spec: _Spec) -> Callable[[Any, Any], Any]:
    key = _getter(tuple(n for n in spec.names if spec.fields[n].compare))

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _make_hash(spec: _Spec) -> Callable[[Any], int]:
    key = _getter(tuple(n for n in spec.names if spec.fields[n].compare))

    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _make_frozen(cls: type, names: tuple[str, ...]) -> tuple[Callable[..., None], ...]:
    known = frozenset(names)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in known:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in known:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _make_state(names: tuple[str, ...]) -> tuple[Callable[..., Any], ...]:
    values = _getter(names)

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))  # dataclasses' slotted shape: a list in field order

    def __setstate__(self: Any, state: list[Any]) -> None:
        any(map(_set, repeat(self), names, state))  # map stops at the shorter, as zip does

    return __getstate__, __setstate__


class _DataclassView:
    """`__dataclass_fields__` (and `__dataclass_params__`) of a record, built with
    `dataclasses` on first access: a twin dataclass of the same fields gives the `Field`s."""

    __slots__ = ("attr", "spec")

    def __init__(self, spec: _Spec, attr: str) -> None:
        self.spec, self.attr = spec, attr

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        twin = _twin(self.spec)
        return twin.__dict__[self.attr]


_twins: dict[int, type] = {}


def _twin(spec: _Spec) -> type:
    """The dataclass the record stands for (same fields, defaults, flags, module and name)."""
    twin = _twins.get(id(spec))
    if twin is None:
        import dataclasses

        namespace: dict[str, Any] = {"__annotations__": dict(spec.annotations),
                                     "__module__": spec.module, "__qualname__": spec.qualname}
        for name, f in spec.fields.items():
            if f.default_factory is not MISSING or not f.compare or not f.repr:
                kwargs: dict[str, Any] = {"compare": f.compare, "repr": f.repr}
                if f.default_factory is not MISSING:
                    kwargs["default_factory"] = f.default_factory
                elif f.default is not MISSING:
                    kwargs["default"] = f.default
                namespace[name] = dataclasses.field(**kwargs)
            elif f.default is not MISSING:
                namespace[name] = f.default
        cls = type(spec.qualname.rpartition(".")[2], (), namespace)
        twin = _twins[id(spec)] = dataclasses.dataclass(
            frozen=spec.frozen, eq=spec.eq, slots=spec.slots)(cls)
    return twin


def _process(cls: type, frozen: bool, eq: bool, slots: bool) -> type:
    spec = _Spec(cls, frozen, eq, slots)
    names = spec.names
    if slots:
        if "__slots__" in cls.__dict__:
            raise TypeError(f"{cls.__name__} already specifies __slots__")
        namespace = dict(cls.__dict__)
        namespace["__slots__"] = names
        for name in names:
            namespace.pop(name, None)  # the defaults live in the spec, not on the class
        namespace.pop("__dict__", None)
        namespace.pop("__weakref__", None)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
        cls.__qualname__ = qualname
    else:
        for name, f in spec.fields.items():  # as dataclasses: a plain default stays a class
            if isinstance(cls.__dict__.get(name), Field):  # attribute, a field() goes
                if f.default is MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, f.default)
    own = cls.__dict__
    methods: dict[str, Any] = {"__init__": _make_init(spec), "__repr__": _make_repr(spec)}
    if eq:
        methods["__eq__"] = _make_eq(spec)
    for name, method in methods.items():
        if name not in own:  # a method the class writes itself wins, as with dataclasses
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    # dataclasses' rule without unsafe_hash: a `__hash__` the class writes stays (the None
    # Python sets for a class body with `__eq__` is not one); otherwise eq and frozen hash the
    # compared fields, eq alone makes the class unhashable, and without eq it is inherited.
    written = own.get("__hash__", MISSING)
    explicit = not (written is MISSING or (written is None and "__eq__" in own))
    if eq and not explicit:
        cls.__hash__ = _make_hash(spec) if frozen else None  # type: ignore[assignment]
    if frozen:
        if "__setattr__" in own or "__delattr__" in own:
            raise TypeError(f"Cannot overwrite attribute __setattr__ in class {cls.__name__}")
        cls.__setattr__, cls.__delattr__ = _make_frozen(cls, names)  # type: ignore[method-assign]
    if "__match_args__" not in own:
        cls.__match_args__ = names  # type: ignore[attr-defined]
    if slots and frozen:
        cls.__getstate__, cls.__setstate__ = _make_state(names)  # type: ignore[attr-defined]
    cls.__record_spec__ = spec  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = _DataclassView(spec, "__dataclass_fields__")  # type: ignore[attr-defined]
    cls.__dataclass_params__ = _DataclassView(spec, "__dataclass_params__")  # type: ignore[attr-defined]
    return cls


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, eq: bool = True,
           slots: bool = True) -> Any:
    """`@record` is `@dataclass(frozen=True, slots=True)`; `@record(frozen=False, slots=False)`
    is `@dataclass`, and `eq=False` as there."""

    def wrap(cls: type[T]) -> type[T]:
        return _process(cls, frozen, eq, slots)  # type: ignore[return-value]

    return wrap if cls is None else wrap(cls)


def fields_of(obj: Any) -> tuple[str, ...]:
    """The field names of a record (class or instance), in order."""
    cls = obj if isinstance(obj, type) else type(obj)
    return cls.__dict__["__record_spec__"].names  # type: ignore[no-any-return]


def replace(obj: T, /, **changes: Any) -> T:
    """`dataclasses.replace` for a record, without importing `dataclasses`."""
    cls = type(obj)
    spec = cls.__dict__.get("__record_spec__")
    if spec is None:  # a dataclass proper: its own replace
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in spec.names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return cls(**changes)  # type: ignore[no-any-return]

