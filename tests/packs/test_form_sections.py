"""A pack's wizard form that listed a printed part twice (`sections = ["materials", "materials"]`)
installed, and its 申报书 printed the 申报材料清单 twice, each under a number of its own. Each part may be
listed once; a pack listing one twice is refused at install in one line naming the form and the part
(exit 2, nothing installed), in English in the English window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .helpers import CJK, edited, folder_state, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FORM = "forms/sl2026.compute_voucher.toml"
TITLE = 'title = "算力券申报书（示例）"'
TWICE = edited(FORM, TITLE, f'{TITLE}\nsections = ["basic", "materials", "content", "materials", "basic"]')


def test_a_part_printed_twice_is_refused_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, TWICE, AS_OF)
    assert stderr == f"shenbao: {pack}: {FORM}: sections: 打印部分 basic, materials 重复列出\n"
    assert warned == f"未安装：{FORM}: sections: 打印部分 basic, materials 重复列出"
    assert folder_state(trusted) == before


def test_the_english_window_says_so_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    in_english: None,
) -> None:
    _, _, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, TWICE, AS_OF)
    assert (
        warned == f"Not installed: {FORM}: sections: printed part basic, materials is listed more than once"
    )
    assert not CJK.search(warned), warned
