"""The core's records (core.records.dataclass) behave as dataclasses.dataclass makes them: compared with a
twin the standard library builds from the same fields, for every record of the core and for the cases the
core does not have yet."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import marshal
import math
import os
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

import shenbao.core
from shenbao.core import records
from shenbao.core.records import dataclass

FAST = sys.version_info[:2] == (3, 11)


def _core_records() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(shenbao.core.__path__, "shenbao.core."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional library (OCR, …) not installed here
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == info.name
                and "__dataclass_fields__" in vars(value)
            ):
                found.append(value)
    return found


def _made_here(cls: type) -> bool:
    return getattr(cls.__repr__, "__wrapped__", None).__module__ == records.__name__  # type: ignore[union-attr]


def _twin(cls: type) -> type:
    """The same fields and methods, made by dataclasses.dataclass."""
    generated = {"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__match_args__"}
    ns = {
        k: v
        for k, v in vars(cls).items()
        if k not in generated | {"__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__"}
    }
    for f in dataclasses.fields(cls):
        if hasattr(vars(cls).get(f.name), "__set__"):  # a descriptor as the default stays the default
            continue
        if f.name not in vars(cls).get("__annotations__", {}):  # a base's field
            continue
        ns[f.name] = dataclasses.field(
            default=f.default,
            default_factory=f.default_factory,
            init=f.init,
            repr=f.repr,
            hash=f.hash,
            compare=f.compare,
            metadata=f.metadata,
            kw_only=f.kw_only,
        )
    made = type(cls.__name__, cls.__bases__, ns)
    return dataclasses.dataclass(made, frozen=cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]


def _values(cls: type, tag: str) -> list[Any]:
    return [f"{tag}{i}" for i, _f in enumerate(dataclasses.fields(cls))]


def _required(cls: type) -> list[Any]:
    return [
        f"r{i}"
        for i, f in enumerate(dataclasses.fields(cls))
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def _hash(obj: Any) -> Any:
    try:
        return hash(obj)
    except TypeError as err:  # a field that cannot be hashed (a dict)
        return str(err)


def _same(cls: type, twin: type) -> None:
    assert str(inspect.signature(cls)) == str(inspect.signature(twin))
    init, twin_init = vars(cls)["__init__"], vars(twin)["__init__"]
    assert init.__annotations__ == twin_init.__annotations__
    assert init.__qualname__ == twin_init.__qualname__
    assert cls.__match_args__ == twin.__match_args__  # type: ignore[attr-defined]
    assert repr(cls.__dataclass_params__) == repr(twin.__dataclass_params__)  # type: ignore[attr-defined]
    assert cls.__doc__ == twin.__doc__
    for name in ("__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        ours, theirs = getattr(cls, name), getattr(twin, name)
        assert (ours is None) == (theirs is None), name
        if ours is not None and name in vars(twin):
            assert ours.__qualname__ == theirs.__qualname__, name
    for args in (_values(cls, "a"), _required(cls)):
        a, b, t = cls(*args), cls(*args), twin(*args)
        assert repr(a) == repr(t)
        assert (
            a == b
            and a.__ne__(b) is False
            and a.__eq__(t) is NotImplemented
            and a.__eq__(1) is NotImplemented
        )
        assert dataclasses.asdict(a) == dataclasses.asdict(t)
        assert dataclasses.replace(a) == a
        if twin.__hash__ is not None:
            assert _hash(a) == _hash(t)
    a, c = cls(*_values(cls, "a")), cls(*_values(cls, "c"))
    compared = [f.name for f in dataclasses.fields(cls) if f.compare]
    assert (a == c) == (not compared)
    if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        for attempt, word in (
            (lambda o: setattr(o, "x", 1), "assign to"),
            (lambda o: delattr(o, "x"), "delete"),
        ):
            with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot {word} field 'x'"):
                attempt(a)


def test_every_record_of_the_core_is_the_one_dataclasses_would_make() -> None:
    found = _core_records()
    assert len(found) > 60
    for cls in found:
        _same(cls, _twin(cls))
    if FAST:  # and the core's records were made the cheap way, or there is no saving (a record that
        # extends another is left to dataclasses)
        own = [c for c in found if not any("__dataclass_fields__" in vars(b) for b in c.__mro__[1:])]
        assert len(own) == len(found) - 1
        assert all(_made_here(cls) for cls in own), [c for c in own if not _made_here(c)]


# The cases the core does not declare (yet), each made both ways from the same class body.
def _bodies() -> list[tuple[str, dict[str, Any], bool]]:
    nan = math.nan
    return [
        ("Empty", {"__annotations__": {}}, False),
        ("EmptyFrozen", {"__annotations__": {}}, True),
        ("One", {"__annotations__": {"x": "float"}, "__doc__": "One field."}, True),
        ("Nan", {"__annotations__": {"x": "float"}, "x": nan}, True),
        (
            "Mixed",
            {
                "__annotations__": {"a": "int", "b": "list[int]", "c": "str", "d": "Any", "self_": "int"},
                "b": dataclasses.field(default_factory=list),
                "c": dataclasses.field(default="c", repr=False),
                "d": dataclasses.field(default=None, compare=False),
                "self_": dataclasses.field(default=0, hash=False),
                "total": lambda self: self.a,
            },
            True,
        ),
        (
            "Plain",
            {
                "__annotations__": {"a": "int", "b": "dict[str, int]"},
                "b": dataclasses.field(default_factory=dict),
            },
            False,
        ),
        ("SelfField", {"__annotations__": {"self": "int"}}, True),
        ("OwnHash", {"__annotations__": {"a": "int"}, "__hash__": lambda self: 7}, True),
        ("OwnHashPlain", {"__annotations__": {"a": "int"}, "__hash__": lambda self: 7}, False),
    ]


@pytest.mark.parametrize(("name", "body", "frozen"), _bodies(), ids=[b[0] for b in _bodies()])
def test_a_record_is_made_as_dataclasses_makes_it(name: str, body: dict[str, Any], frozen: bool) -> None:
    def make(decorator: Any) -> type:
        ns = {**body, "__module__": __name__, "__qualname__": name}
        if "__annotations__" in body:
            ns["__annotations__"] = dict(body["__annotations__"])
        for key, value in body.items():
            if isinstance(value, dataclasses.Field):
                ns[key] = copy.copy(value)
        return decorator(frozen=frozen)(type(name, (), ns))

    ours, theirs = make(dataclass), make(dataclasses.dataclass)
    if FAST:
        assert _made_here(ours)
    _same(ours, theirs)
    if name == "Nan":
        assert ours() == ours() and theirs() == theirs()  # the same float object: equal as a tuple
    if name == "OwnHash":
        assert hash(ours(1)) == hash(theirs(1)) == 7


def test_a_record_inside_itself_writes_dots() -> None:
    @dataclass
    class Node:
        name: str
        children: list[Any]

    node = Node("root", [])
    node.children.append(node)
    assert repr(node) == "test_a_record_inside_itself_writes_dots.<locals>.Node(name='root', children=[...])"


@dataclass(frozen=True)
class Kept:
    a: int
    b: tuple[str, ...] = ()


def test_a_record_pickles_and_copies() -> None:
    kept = Kept(1, ("x",))
    assert pickle.loads(pickle.dumps(kept)) == kept
    assert copy.deepcopy(kept) == kept and copy.copy(kept) == kept


def test_what_the_core_does_not_declare_is_left_to_dataclasses() -> None:
    @dataclass
    class WithPost:
        a: int

        def __post_init__(self) -> None:
            self.a += 1

    @dataclass
    class WithClassVar:
        a: int
        shared: ClassVar[int] = 3

    @dataclass
    class WithOwnRepr:
        a: int

        def __repr__(self) -> str:
            return "mine"

    assert WithPost(1).a == 2
    assert [f.name for f in dataclasses.fields(WithClassVar)] == ["a"] and WithClassVar.shared == 3
    assert repr(WithOwnRepr(1)) == "mine"
    assert not any(_made_here(c) for c in (WithPost, WithClassVar))


def test_a_default_before_a_required_field_is_refused_as_dataclasses_refuses_it() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @dataclass
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]


def test_declaring_the_core_parses_no_text_signature() -> None:
    """A record's docstring is written from its own __init__: importing the core never has inspect parse
    a built-in's text signature, which compiles tokenize's patterns (some 3 ms)."""
    code = (
        "import sys, shenbao.core.rules, shenbao.core.store.repository;"
        "t = sys.modules.get('tokenize'); print('PARSED', t._compile.cache_info().misses if t else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "PARSED 0", run.stdout + run.stderr


_KEPT_RUN = """
import sys
sys.path.insert(0, {root!r})
from shenbao.core import records
from tests.rules.test_records import _core_records, _same, _twin
found = _core_records()
for cls in found:
    _same(cls, _twin(cls))
print(len(found), len(records._compiled))
"""


@pytest.mark.skipif(not FAST, reason="records are made by dataclasses itself on other Pythons")
def test_a_record_made_from_its_kept_init_is_the_one_its_text_compiles_to(tmp_path: Path) -> None:
    """The first process compiles every record's __init__ and keeps the code when it ends; the next makes
    each record from what was kept, compiling nothing, and every record is still the one dataclasses
    would make. A kept file cut short, or written by another Python, is compiled again and written anew."""
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "SHENBAO_CACHE_DIR": str(tmp_path)}
    kept = tmp_path / records.KEPT_FILE

    def run() -> tuple[int, int]:
        done = subprocess.run(
            [sys.executable, "-c", _KEPT_RUN.format(root=root)], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        found, compiled = map(int, done.stdout.split())
        return found, compiled

    found, compiled = run()
    assert found > 60 and compiled >= found - 1  # each own record's text (one record extends another)
    assert kept.is_file()
    assert run() == (found, 0)
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])
    assert run()[1] == compiled
    assert kept.read_bytes() == whole
    _python, checksum, payload = marshal.loads(whole)
    kept.write_bytes(marshal.dumps(("another Python", checksum, payload)))
    assert run()[1] == compiled
    assert run() == (found, 0)
