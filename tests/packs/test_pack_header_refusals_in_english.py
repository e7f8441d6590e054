"""Why a signed policy pack is refused for what its pack.toml or its measures ask of this program (a newer
program, a formula it lacks, a formula's parameter left out, an id of the wrong form), in the English
window's 安装政策更新…: each was a Chinese f-string, so the window said 「Not installed: 政策包 example-ai
需要申报助手 99.2 或更新版本…」. The command line says it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shenbao import __version__

from .helpers import CJK, edited, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


CASES = [
    (
        edited("pack.toml", 'min_app_version = "0.1.0"', 'min_app_version = "99.2"'),
        f"政策包 example-ai 需要申报助手 99.2 或更新版本（本程序为 {__version__}），请先升级程序",
        f"Policy pack example-ai needs Shenbao 99.2 or later (this program is {__version__}); "
        "please upgrade the program first",
    ),
    (
        edited("measures/sl2026.toml", 'formula = "rate_with_cap"', 'formula = "rate_with_floor"'),
        f"sl2026.compute_voucher: 公式 rate_with_floor 不在本程序（{__version__}）的公式库中；"
        "此政策包声明需要 0.1.0，请获取支持该公式的新版本",
        f"sl2026.compute_voucher: formula rate_with_floor is not among this program's ({__version__}) "
        "formulas; this policy pack says it needs 0.1.0; please get a newer version that supports the formula",
    ),
    (
        edited(
            "measures/sl2026.toml",
            'params.rate = { values = { 2026-12-01 = "0.3" }, reference = "sl2026 一" }\n',
            "",
        ),
        "sl2026.compute_voucher: 公式 rate_with_cap 需要参数 rate",
        "sl2026.compute_voucher: formula rate_with_cap needs parameters the measure does not give: rate",
    ),
    (
        edited("pack.toml", 'id = "example-ai"', 'id = "Example_AI"'),
        "pack.toml.id: 'Example_AI' 应由小写字母、数字和 - 组成",
        "pack.toml.id: 'Example_AI' should be made of lower-case letters, digits and -",
    ),
]


@pytest.mark.parametrize(("edit", "chinese", "english"), CASES, ids=["program", "formula", "param", "id"])
def test_a_pack_this_program_cannot_use_is_refused_in_english_and_in_the_same_chinese_on_the_command_line(
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
