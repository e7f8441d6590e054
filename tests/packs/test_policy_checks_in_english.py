"""Why a signed policy pack's data is refused (a measure citing an article its document lacks, a value of
the wrong TOML type, an unknown key), in the English window's 安装政策更新…: each check of the policy data
was a Chinese f-string, so the window said 「Not installed: the policy pack's data is wrong: …条款 九 不在
文件 sl2026 中」. The command line says it in the same Chinese as before."""

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
edited = functools.partial(helpers.edited, "measures/sl2026.toml")


CASES = [
    (
        edited('article = "四"', 'article = "九"'),
        "sl2026.toml:sl2026.platform: 条款 九 不在文件 sl2026 中",
        "sl2026.toml:sl2026.platform: article 九 is not in document sl2026",
    ),
    (
        edited("selection = false", 'selection = "no"'),
        "sl2026.toml.measure[0].selection: 应为true 或 false，实为文本（加引号）（'no'）",
        "sl2026.toml.measure[0].selection: should be true or false, but is text (in quotes) ('no')",
    ),
    (
        edited('region = { field = "enterprise.city", equals = "示例市" }', "region = 1"),
        "sl2026.toml.region: 应为表（{…} 或 [节]），实为整数（1）",
        "sl2026.toml.region: should be a table ({…} or [section]), but is a whole number (1)",
    ),
    (
        edited("selection = false\nformula", "selection = false\ncolour = 1\nformula"),
        "sl2026.toml.measure[0]: 未知的键 colour",
        "sl2026.toml.measure[0]: unknown keys colour",
    ),
]


@pytest.mark.parametrize(("edit", "chinese", "english"), CASES, ids=["article", "type", "table", "key"])
def test_a_pack_s_bad_data_is_refused_in_english_and_in_the_same_chinese_on_the_command_line(
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
    assert not CJK.search(said.replace("九", "")), said
