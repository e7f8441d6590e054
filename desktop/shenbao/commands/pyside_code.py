"""Qt for Python's own start, its compiled parts kept from one start to the next.

Qt for Python keeps the Python half of its start (shiboken's signature and `__feature__` support: 14
modules, 150 KB of source) inside its library, and on each import of PySide6 compiles that source and
three large regular expressions it builds from it: some 70 ms of the app's start on a 2-core machine,
before anything is drawn. Python's .pyc files cannot keep that code, as it is not imported from files, and
Python keeps no compiled expression beyond the process.

Here both are kept in the user's cache folder (with the parsed TOML, `toml_cache`): each module's code under
its file name with its source, compared in full on every start, and each expression's compiled form under
its text and flags, which Python's expression engine checks again when it is given them. Another version
of Qt for Python compiles again, and so does another Python (the kept file names the one that wrote it).
The kept bytes carry their own checksum; a kept file that is missing, damaged or unwritable costs the
compiling, nothing else.
"""

from __future__ import annotations

import builtins
import marshal
import re._compiler
import sys
import types
from typing import Any

from shenbao.core import toml_cache

FILE_NAME = "pyside-start-v1.marshal"

Code = dict[str, tuple[bytes, types.CodeType]]  # file name → (its source, what it compiled to)
Patterns = dict[tuple[str, int], tuple[Any, ...]]  # (text, flags) → what the engine was given for it


def _is_support(filename: object) -> bool:
    """A file of Qt for Python's embedded support code, as its importer names it."""
    return isinstance(filename, str) and (
        filename == "signature_bootstrap.py"
        or (filename.startswith("shibokensupport/") and filename.endswith(".py"))
    )


def read_kept() -> tuple[Code, Patterns]:
    """What an earlier start of this Python kept, or nothing."""
    kept = toml_cache.read_marshalled(FILE_NAME)
    if not isinstance(kept, tuple) or len(kept) != 2:
        return {}, {}
    code, patterns = kept
    if not isinstance(code, dict) or not isinstance(patterns, dict):
        return {}, {}
    code = {
        name: entry
        for name, entry in code.items()
        if _is_support(name)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], bytes)
        and isinstance(entry[1], types.CodeType)
    }
    return code, patterns


def write_kept(code: Code, patterns: Patterns) -> None:
    toml_cache.write_marshalled(FILE_NAME, (code, patterns))


def _plain(flags: Any, rest: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """What the engine was given, in values marshal writes: `re` gives the flags as a RegexFlag and the
    code's operations as named ints. None where the engine is called with another shape than Python
    3.11–3.13's (the code, the number of groups, the group names both ways)."""
    if len(rest) != 4:
        return None
    code, groups, groupindex, indexgroup = rest
    try:
        given = (int(flags), [int(op) for op in code], int(groups), dict(groupindex), tuple(indexgroup))
        marshal.dumps(given)
    except (TypeError, ValueError):
        return None
    return given


class _Engine:
    """Python's expression engine (`_sre`) as `re` calls it to make a compiled expression, keeping what it
    is given for each one, and given what was kept instead of compiling where there is that."""

    def __init__(self, engine: Any, kept: Patterns) -> None:
        self.engine = engine
        self.kept = kept
        self.made: Patterns = {}  # compiled by this start
        self.used: Patterns = {}  # made from what was kept
        self.asked: tuple[str, int] | None = None  # the text and flags `re` was asked to compile

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, pattern: Any, flags: int, *rest: Any) -> Any:
        made = self.engine.compile(pattern, flags, *rest)
        if self.asked is not None and self.asked[0] is pattern:  # not a pattern compiled inside another
            given = _plain(flags, rest)
            if given is not None:
                self.made[self.asked] = given
        return made

    def kept_pattern(self, pattern: Any, flags: int) -> Any:
        """The compiled expression from what was kept, or None."""
        if not isinstance(pattern, str) or not isinstance(flags, int):
            return None
        given = self.kept.get((pattern, flags))
        if not isinstance(given, tuple):
            return None
        try:
            made = self.engine.compile(pattern, *given)
        except (TypeError, ValueError, RuntimeError, OverflowError):  # refused: compiled again
            return None
        self.used[(pattern, int(flags))] = given
        return made


def import_pyside() -> None:
    """Import PySide6.QtCore, Qt for Python's support code and expressions made from what an earlier start
    kept where their source is the same; where something had to be compiled, keep what this start used for
    the next (so what only an older version of Qt for Python had is dropped)."""
    if "PySide6.QtCore" in sys.modules:
        return
    kept_code, kept_patterns = read_kept()
    compiled: Code = {}
    used: Code = {}
    compile_code = builtins.compile
    compile_pattern = re._compiler.compile
    engine = _Engine(re._compiler._sre, kept_patterns)  # type: ignore[attr-defined]

    def code_kept(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or mode != "exec" or not isinstance(source, bytes) or not _is_support(filename):
            return compile_code(source, filename, mode, *args, **kwargs)
        entry = kept_code.get(filename)
        if entry is not None and entry[0] == source:
            used[filename] = entry
            return entry[1]
        code = compile_code(source, filename, mode)
        compiled[filename] = (source, code)
        return code

    def pattern_kept(pattern: Any, flags: int = 0) -> Any:
        made = engine.kept_pattern(pattern, flags)
        if made is not None:
            return made
        engine.asked = (pattern, int(flags)) if isinstance(pattern, str) and isinstance(flags, int) else None
        try:
            return compile_pattern(pattern, flags)
        finally:
            engine.asked = None

    builtins.compile = code_kept
    re._compiler.compile = pattern_kept
    re._compiler._sre = engine  # type: ignore[attr-defined]
    try:
        import PySide6.QtCore  # noqa: F401
    finally:
        builtins.compile = compile_code
        re._compiler.compile = compile_pattern
        re._compiler._sre = engine.engine  # type: ignore[attr-defined]
    if compiled or engine.made:  # what this start used, not what an older Qt for Python had
        write_kept(used | compiled, engine.used | engine.made)
