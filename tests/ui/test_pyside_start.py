"""Qt for Python's start, its support code and expressions kept compiled from one start to the next
(`shenbao.commands.pyside_code`): each start is a process of its own, as a user's is, and what it compiled
is counted beneath the keeping."""

from __future__ import annotations

import _sre
import json
import marshal
import os
import re._compiler
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shenbao.commands import pyside_code
from tests.store.factory import REPO

START = r"""
import builtins, json, re._compiler, sys
from shenbao.commands.pyside_code import import_pyside
code, patterns = [], []
compile_code, compile_pattern = builtins.compile, re._compiler.compile

def counted_code(source, filename, mode, *args, **kwargs):
    if isinstance(filename, str) and filename.startswith(("shibokensupport/", "signature_bootstrap")):
        code.append(filename)
    return compile_code(source, filename, mode, *args, **kwargs)

def counted_pattern(pattern, flags=0):
    if isinstance(pattern, str):
        patterns.append(pattern)
    return compile_pattern(pattern, flags)

builtins.compile, re._compiler.compile = counted_code, counted_pattern
import_pyside()
builtins.compile, re._compiler.compile = compile_code, compile_pattern
from PySide6.QtCore import QObject, QTimer
signatures = []
for wrong in (lambda: QObject().setObjectName(1), lambda: QTimer.singleShot("x", 2)):
    try:
        wrong()
    except TypeError as refusal:  # its message lists the signatures, parsed by the support code
        signatures.append(str(refusal))
print(json.dumps({"code": sorted(code), "patterns": patterns, "signatures": signatures}))
"""


def start(cache: Path) -> dict[str, Any]:
    """What a start compiled of Qt for Python's support code (file names) and expressions (their text),
    and what Qt for Python then says of two calls with arguments of the wrong types (the signatures its
    support code parses)."""
    env = dict(os.environ, SHENBAO_CACHE_DIR=str(cache), PYTHONPATH=str(REPO / "desktop"))
    result = subprocess.run(
        [sys.executable, "-c", START],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SHENBAO_CACHE_DIR", str(folder))  # read_kept in this process reads the same file
    return folder


@pytest.fixture
def first(cache: Path) -> dict[str, Any]:
    """The first start on an empty cache folder, which compiles everything and keeps it."""
    answer = start(cache)
    assert len(answer["code"]) == 14 and "shibokensupport/signature/parser.py" in answer["code"]
    assert sum(len(text) > 5000 for text in answer["patterns"]) == 3  # the three that cost the most
    assert (cache / pyside_code.FILE_NAME).is_file()
    return answer


def rewrite(cache: Path, change: Any) -> None:
    """The kept file, its code and expressions passed through `change` and written back whole (a valid
    checksum: the damage is in what is kept, not in the file)."""
    code, patterns = pyside_code.read_kept()
    assert code and patterns
    change(code, patterns)
    pyside_code.write_kept(code, patterns)


def test_a_second_start_compiles_nothing_and_gets_the_same_answers(
    cache: Path, first: dict[str, Any]
) -> None:
    again = start(cache)
    assert again == {"code": [], "patterns": [], "signatures": first["signatures"]}
    assert "setObjectName(name: str, /)" in first["signatures"][0]
    assert first["signatures"][1].count("PySide6.QtCore.QTimer.singleShot(msec: int") == 4


def test_every_kept_expression_is_the_one_python_compiles(cache: Path, first: dict[str, Any]) -> None:
    """Compiled expressions compare equal when their text, flags and engine code are the same."""
    code, patterns = pyside_code.read_kept()
    assert sorted(code) == first["code"]
    assert sorted(text for text, _flags in patterns) == sorted(first["patterns"])
    for (text, flags), given in patterns.items():
        assert _sre.compile(text, *given) == re._compiler.compile(text, flags)


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "not marshal", "another python"])
def test_a_damaged_kept_file_costs_the_compiling_and_is_written_again(
    cache: Path, first: dict[str, Any], damage: str
) -> None:
    kept = cache / pyside_code.FILE_NAME
    data = kept.read_bytes()
    if damage == "cut short":
        kept.write_bytes(data[: len(data) // 2])
    elif damage == "a byte changed":
        kept.write_bytes(data[:-100] + bytes([data[-100] ^ 0x55]) + data[-99:])
    elif damage == "not marshal":
        kept.write_bytes(b"\x00garbage" * 100)
    else:
        _python, checksum, payload = marshal.loads(data)
        kept.write_bytes(marshal.dumps(("3.0.0 (another)", checksum, payload)))
    assert start(cache) == first
    assert start(cache)["code"] == []  # kept again


def test_a_module_whose_source_changed_is_compiled_again_alone(cache: Path, first: dict[str, Any]) -> None:
    """Another version of Qt for Python: its changed module's kept code is not used."""

    def older(code: dict[str, Any], _patterns: Any) -> None:
        source, compiled = code["shibokensupport/feature.py"]
        code["shibokensupport/feature.py"] = (source + b"\n# an older version\n", compiled)

    rewrite(cache, older)
    again = start(cache)
    assert again["code"] == ["shibokensupport/feature.py"] and again["signatures"] == first["signatures"]


def test_a_kept_expression_the_engine_refuses_is_compiled_again(cache: Path, first: dict[str, Any]) -> None:
    """Python's expression engine checks the code it is given: a wrong one is refused, not run."""
    longest = max(first["patterns"], key=len)

    def wrong(_code: Any, patterns: dict[tuple[str, int], Any]) -> None:
        for key, (flags, _ops, *rest) in list(patterns.items()):
            if key[0] == longest:
                patterns[key] = (flags, [1, 2, 3], *rest)

    rewrite(cache, wrong)
    again = start(cache)
    assert again["patterns"] == [longest] and again["signatures"] == first["signatures"]


def test_a_cache_folder_that_cannot_be_written_costs_the_compiling_only(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        assert len(start(blocked)["code"]) == 14
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_what_only_an_older_version_had_is_dropped_when_the_kept_file_is_written_again(
    cache: Path, first: dict[str, Any]
) -> None:
    """An upgrade of Qt for Python compiles its changed modules and expressions; the kept file then holds
    what this version uses and nothing of a module or an expression it no longer has."""

    def upgraded(code: dict[str, Any], patterns: dict[tuple[str, int], Any]) -> None:
        source, compiled = code["shibokensupport/feature.py"]
        code["shibokensupport/feature.py"] = (source + b"\n# an older version\n", compiled)
        code["shibokensupport/gone.py"] = (b"x = 1\n", compiled)
        patterns[("(gone|older)+", 32)] = next(iter(patterns.values()))

    rewrite(cache, upgraded)
    assert start(cache)["code"] == ["shibokensupport/feature.py"]
    code, patterns = pyside_code.read_kept()
    assert sorted(code) == first["code"]
    assert sorted(text for text, _flags in patterns) == sorted(first["patterns"])
