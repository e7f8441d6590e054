"""Why a signed pack's expression is refused (a name it does not give, a call of something else than min
and max, a syntax error), in the English window's 安装政策更新…: the expression's checks were Chinese
f-strings, so the window said 「…platform.expression: 计算式中的名称 colour 既不是参数也不是输入项」. The
command line says it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import CJK, EXPRESSION, edited, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
WHERE = "sl2026.toml:sl2026.platform.expression"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def expression(text: str) -> Callable[[dict[str, bytes]], None]:
    return edited("measures/sl2026.toml", EXPRESSION, f'expression = "{text}"')


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        (
            "min(rate * colour, cap)",
            "计算式中的名称 colour 既不是参数也不是输入项",
            "the name colour in the expression is neither a parameter nor an input",
        ),
        ("abs(rate) * cap", "只能调用 min、max", "only min, max can be called"),
        (
            "min(rate *, cap)",
            "计算式有语法错误（第 11 个字符附近）",
            "the expression has a syntax error (near character 11)",
        ),
    ],
    ids=["name", "call", "syntax"],
)
def test_a_pack_s_bad_expression_is_refused_in_english_and_in_the_same_chinese_on_the_command_line(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    text: str,
    chinese: str,
    english: str,
    in_english: None,
) -> None:
    edit = expression(text)
    pack, stderr, said = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: 政策包数据有误：{WHERE}: {chinese}\n"
    assert said == f"Not installed: the policy pack's data is wrong: {WHERE}: {english}"
    assert not CJK.search(said), said
