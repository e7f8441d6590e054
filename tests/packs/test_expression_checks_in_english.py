"""Why a signed pack's expression is refused (a name it does not give, a call of something else than min
and max, a syntax error), in the English window's 安装政策更新…: the expression's checks were Chinese
f-strings, so the window said 「…platform.expression: 计算式中的名称 colour 既不是参数也不是输入项」. The
command line says it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE
from .test_pack_refusals import signed_tree

AS_OF = dt.date(2026, 12, 15)
CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WHERE = "sl2026.toml:sl2026.platform.expression"
EXPRESSION = (
    'expression = "min(rate * platform_investment + (bonus if platform_is_lead_builder else 0), cap)"'
)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def expression(text: str) -> Callable[[dict[str, bytes]], None]:
    def edit(members: dict[str, bytes]) -> None:
        source = members["measures/sl2026.toml"].decode()
        assert EXPRESSION in source
        members["measures/sl2026.toml"] = source.replace(EXPRESSION, f'expression = "{text}"').encode()

    return edit


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
    from shenbao.ui.pack_dialog import prepare

    pack = tmp_path / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], expression(text)))

    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert result.stderr == f"shenbao: {pack}: 政策包数据有误：{WHERE}: {chinese}\n"

    assert prepare(window, trusted, pack, window.store, AS_OF) is None
    said = dialogs.texts("warning")[-1]
    assert said == f"Not installed: the policy pack's data is wrong: {WHERE}: {english}"
    assert not CJK.search(said), said
