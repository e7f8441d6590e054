"""A signed pack whose TOML is broken (a value left out, a duplicated key, a bracket never closed) is
refused with tomllib's own English, 「政策包数据有误：sl2026.toml: Invalid value (at line 3, column 7)」,
on the command line and in the window alike, whether the file is a measures file or a wizard's form. The
command line now says in Chinese what is wrong, naming the file, line and column; the English window says
it in English."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from . import helpers
from .helpers import CJK, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
measures = functools.partial(helpers.edited, "measures/sl2026.toml")
form = functools.partial(helpers.edited, "forms/sl2026.platform.toml")

CASES = [
    (
        measures('document = "sl2026"', "document = "),
        "sl2026.toml: 不是有效的 TOML（第 2 行第 12 列：值无效（文本须加引号；是/否写 true 或 false；日期如 2026-01-31））",
        "sl2026.toml: not valid TOML (line 2, column 12: invalid value (text needs quotes; yes/no is true or"
        " false; a date is like 2026-01-31))",
    ),
    (
        measures("notes = []", 'notes = []\ndocument = "sl2026"'),
        "sl2026.toml: 不是有效的 TOML（第 7 行第 20 列：该键已有值，不能再次赋值）",
        "sl2026.toml: not valid TOML (line 7, column 20: this key already has a value and cannot be given"
        " another)",
    ),
    (
        measures("[[measure]]", "[[measure]"),
        "sl2026.toml: 不是有效的 TOML（第 8 行第 10 列：表数组头末尾缺少 ]]）",
        "sl2026.toml: not valid TOML (line 8, column 10: the array-of-tables header lacks its closing ]])",
    ),
]
FORM_CASES = [
    (
        form('measure = "sl2026.platform"', 'measure = "sl2026.platform'),
        "forms/sl2026.platform.toml: 不是有效的 TOML（第 2 行第 27 列：字符串缺少结尾的引号）",
    ),
]


@pytest.mark.parametrize(("edit", "chinese", "english"), CASES, ids=["value", "twice", "bracket"])
def test_a_pack_s_broken_toml_is_refused_in_chinese_and_in_english_naming_line_and_column(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    edit: Callable[[dict[str, bytes]], None],
    chinese: str,
    english: str,
    in_english: None,
) -> None:
    pack, stderr, said = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: 政策包数据有误：{chinese}\n"
    assert said == f"Not installed: the policy pack's data is wrong: {english}"
    assert not CJK.search(said), said


@pytest.mark.parametrize(("edit", "chinese"), FORM_CASES, ids=["quote"])
def test_a_pack_form_s_broken_toml_is_refused_in_chinese_naming_line_and_column(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    edit: Callable[[dict[str, bytes]], None],
    chinese: str,
) -> None:
    pack, stderr, _said = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: {chinese}\n"
    assert "Invalid" not in stderr and "at line" not in stderr


def test_every_message_tomllib_can_give_is_said_in_chinese_and_an_unknown_one_still_says_where() -> None:
    import tomllib

    from shenbao.core.toml_cache import syntax_problem

    broken = [
        "a = ",
        "a = 1\na = 2",
        "[a\n",
        'x = "abc',
        "x = [1,2",
        "x = {a=1",
        "a = 1 b",
        "= 1",
        'x = "\\q"',
        "x = 'ab",
        'x = "\x01"',
        'x = "\\uD800"',
        "a",
        "[[a]\n",
        "[a]\n[a]\n",
        "x={a=1,a=2}",
        'x = "\\uZZZZ"',
        "x = 1990-02-30",
        "a={b=1}\na.c=2",
        "a.b=1\n[a.b.c]\nd=1\n[a]",
        "x = 1 # \x01",
        "'''",
        'a."b',
    ]
    for text in broken:
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            tomllib.loads(text)
        said = syntax_problem(caught.value, text)
        assert "行" in said and "列" in said, said
        assert not any(word in said for word in ("Invalid", "Expected", "Cannot", "Unclosed", "at line")), (
            said
        )
        assert "不符合 TOML 语法" not in said, (text, str(caught.value))
    unknown = tomllib.TOMLDecodeError("Something new (at line 4, column 2)")
    assert syntax_problem(unknown, "") == "第 4 行第 2 列：不符合 TOML 语法"
