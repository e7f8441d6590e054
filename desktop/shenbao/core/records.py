"""`dataclass`, as the standard library's, for less at import: the core's records are declared when the
app and every judging command start, and Python 3.11's dataclasses writes each class's methods as source
text and compiles them one by one (__init__, __repr__, __eq__, __hash__, __setattr__, __delattr__), half a
millisecond a frozen class, a third of the core's import time.

Here only __init__ is compiled, by dataclasses itself, and the other methods are shared functions that do
what the generated ones do: __repr__ writes the same text (and `...` for a record inside itself), __eq__
and __hash__ compare and hash the same tuple of fields, a frozen record refuses assignment and deletion
with the same error. The class is the standard one in every other way (fields(), replace(), asdict(),
__match_args__, its docstring, __dataclass_params__). Anything beyond what the core declares (order,
slots, keyword-only or init-only fields, __post_init__, a dataclass base, methods it would overwrite) and
any other Python than 3.11 go to dataclasses.dataclass unchanged.

__init__ is the one method compiled per class, from source text dataclasses writes (0.2 ms a class, 8 ms of
the app's start for the 39 records it declares). What each text compiled to is kept in the user's cache
folder (with the parsed TOML, `toml_cache`) under the whole text, written when the process ends after
compiling one it did not have: the same text compiles to the same code, so a class whose fields or
defaults changed writes another text and is compiled again. A kept file that is missing, damaged or
written by another Python costs the compiling, nothing else."""

from __future__ import annotations

import atexit
import dataclasses
import inspect
import sys
import types
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

_FAST = sys.version_info[:2] == (3, 11)
_GENERATED = ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__slots__")
_PSEUDO = ("ClassVar", "InitVar", "KW_ONLY")
KEPT_FILE = "record-inits-v1.marshal"
KEPT_MOST = 2000  # texts a kept file holds at most (a release declares well under a hundred)

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: type | None = None, /, *, frozen: bool = False) -> Any:
        """@dataclass or @dataclass(frozen=True), as dataclasses.dataclass."""

        def wrap(cls: type) -> type:
            if not _FAST or not _plain(cls):
                return dataclasses.dataclass(cls, frozen=frozen)
            return _process(cls, frozen)

        return wrap if cls is None else wrap(cls)


def _plain(cls: type) -> bool:
    """Nothing here but what _process does as dataclasses would."""
    if any(name in cls.__dict__ for name in _GENERATED) or hasattr(cls, "__post_init__"):
        return False
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return False
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if any(word in str(annotation) for word in _PSEUDO):
            return False
        value = cls.__dict__.get(name)
        if isinstance(value, dataclasses.Field) and (value.kw_only is True or not value.init):
            return False
    return True


def _process(cls: type, frozen: bool) -> type:
    had_doc = bool(cls.__doc__)
    class_hash = cls.__dict__.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (
        class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in cls.__dict__)
    )
    if not had_doc:  # written below from __init__'s signature; without __init__ yet, inspect would
        cls.__doc__ = cls.__name__  # parse object's text signature (tokenize's patterns) for nothing
    # The fields, their defaults and __match_args__, as dataclasses makes them; the methods come below.
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    every = list(cls.__dict__["__dataclass_fields__"].values())
    fields = dataclasses.fields(cls)
    if len(fields) != len(every) or any(f.kw_only or not f.init for f in fields):  # ClassVar, InitVar…
        raise TypeError(f"{cls.__name__}: a field _plain() should have sent to dataclasses.dataclass")
    module = sys.modules.get(cls.__module__)
    dataclasses.exec = _exec_kept  # type: ignore[attr-defined]  # _create_fn finds exec in its module first
    try:
        init = dataclasses._init_fn(  # type: ignore[attr-defined]
            fields,
            fields,
            [],
            frozen,
            False,
            "__dataclass_self__" if "self" in cls.__dict__["__dataclass_fields__"] else "self",
            module.__dict__ if module is not None else {},
            False,
        )
    finally:
        dataclasses.__dict__.pop("exec", None)
    _attach(cls, init)
    _attach(cls, dataclasses._recursive_repr(_repr_of([f.name for f in fields if f.repr])))  # type: ignore[attr-defined]
    _attach(cls, _eq_of(_values_of([f.name for f in fields if f.compare])))
    if frozen:
        names = tuple(f.name for f in fields)
        for fn in _frozen_of(cls, names):
            _attach(cls, fn)
    if not explicit_hash:  # as dataclasses' table for eq=True, unsafe_hash=False
        if frozen:
            hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
            _attach(cls, _hash_of(_values_of(hashed)))
        else:
            cls.__hash__ = None  # type: ignore[assignment]
    if not had_doc:
        try:
            text_sig = str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):
            text_sig = ""
        cls.__doc__ = cls.__name__ + text_sig
    params = type(cls.__dict__["__dataclass_params__"])
    cls.__dataclass_params__ = params(True, True, True, False, False, frozen)  # type: ignore[attr-defined]
    return cls


def _attach(cls: type, fn: Callable[..., Any]) -> None:
    fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
    setattr(cls, fn.__name__, fn)


def _values_of(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple (self.a, self.b, …) of those fields, as the generated methods build it."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return attrgetter(*names)


def _repr_of(names: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        return (
            self.__class__.__qualname__
            + "("
            + ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
            + ")"
        )

    return __repr__


def _eq_of(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash_of(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen_of(cls: Any, names: tuple[str, ...]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


_kept: dict[str, types.CodeType] | None = None  # text → code, as an earlier process kept them
_compiled: dict[str, types.CodeType] = {}  # compiled by this process


def _exec_kept(source: Any, globals_: Any = None, locals_: Any = None) -> None:
    """exec(source, globals_, locals_) as dataclasses' _create_fn calls it, the text's code taken from the
    kept file where it holds that text. Compiled as exec compiles a text given it: flags of the code
    calling it not inherited (this module's `annotations` future stays out of the __init__ made)."""
    global _kept
    if not isinstance(source, str):
        exec(source, globals_, locals_)  # noqa: S102 -- as dataclasses would
        return
    if _kept is None:
        _kept = read_kept()
    code = _kept.get(source) or _compiled.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if not _compiled:
            atexit.register(keep)
        _compiled[source] = code
    exec(code, globals_, locals_)  # noqa: S102 -- dataclasses' own text, compiled or kept


def read_kept() -> dict[str, types.CodeType]:
    """What an earlier process of this Python kept, or nothing."""
    from shenbao.core import toml_cache

    kept = toml_cache.read_marshalled(KEPT_FILE)
    if not isinstance(kept, dict):
        return {}
    return {
        text: code
        for text, code in kept.items()
        if isinstance(text, str) and isinstance(code, types.CodeType)
    }


def keep() -> None:
    """Write what this process compiled beside what was kept (only what it compiled, when both would pass
    KEPT_MOST); nothing when it compiled nothing."""
    from shenbao.core import toml_cache

    if not _compiled:
        return
    kept = {**(_kept if _kept is not None else read_kept()), **_compiled}
    if len(kept) > KEPT_MOST:
        kept = dict(list(_compiled.items())[-KEPT_MOST:])
    toml_cache.write_marshalled(KEPT_FILE, kept)
    _compiled.clear()
