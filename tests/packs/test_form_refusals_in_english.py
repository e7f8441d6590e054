"""Why a pack's wizard form is refused (a key the form does not know, a field that is not in the model, a
measure that does not match the file's name, broken TOML), in the English window's 安装政策更新…: each
was a Chinese f-string passed on as 「forms/…」, so the English window said 「Not installed:
forms/sl2026.platform.toml: pages[0].fields[0]: 未知的键 colour」. The command line says it in the same
Chinese as before, byte for byte."""

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
form = functools.partial(helpers.edited, "forms/sl2026.platform.toml")
FIRST = '{ key = "facts.platform_is_lead_builder" }'

CASES = [
    (
        form(FIRST, '{ key = "facts.platform_is_lead_builder", colour = 1 }'),
        "forms/sl2026.platform.toml: pages[0].fields[0]: 未知的键 colour",
        "forms/sl2026.platform.toml: pages[0].fields[0]: unknown keys colour",
    ),
    (
        form(FIRST, '{ key = "facts.no_such_fact" }'),
        "forms/sl2026.platform.toml: pages[0].fields[0]: 键 'facts.no_such_fact' 不是 shenbao.core.model 中的事实、企业字段或明细清单",
        "forms/sl2026.platform.toml: pages[0].fields[0]: key 'facts.no_such_fact' is not a fact, enterprise"
        " field or detail list of shenbao.core.model",
    ),
    (
        form('measure = "sl2026.platform"', 'measure = "sl2026.iiot_tiers"'),
        "forms/sl2026.platform.toml: measure: 'sl2026.iiot_tiers' 与文件名不符",
        "forms/sl2026.platform.toml: measure: 'sl2026.iiot_tiers' does not match the file's name",
    ),
    (
        form(FIRST, '{ key = "facts.platform_is_lead_builder", show_if = "x" }'),
        "forms/sl2026.platform.toml: pages[0].fields[0].show_if: 'x' 应为「<字段键> <运算符> <取值>」",
        "forms/sl2026.platform.toml: pages[0].fields[0].show_if: 'x' should be “<field key> <operator>"
        " <value>”",
    ),
    (
        form('measure = "sl2026.platform"', 'measure = "sl2026.platform'),
        "forms/sl2026.platform.toml: 不是有效的 TOML（第 2 行第 27 列：字符串缺少结尾的引号）",
        "forms/sl2026.platform.toml: not valid TOML (line 2, column 27: a string lacks its closing quote)",
    ),
]


@pytest.mark.parametrize(
    ("edit", "chinese", "english"), CASES, ids=["key", "model", "measure", "show_if", "toml"]
)
def test_a_pack_s_bad_form_is_refused_in_english_and_in_the_same_chinese_on_the_command_line(
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
    assert stderr == f"shenbao: {pack}: {chinese}\n"
    assert said == f"Not installed: {english}"
    assert not CJK.search(said), said
