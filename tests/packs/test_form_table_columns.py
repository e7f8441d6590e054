"""A pack's wizard form whose detail list asked for no column (`columns = []` on facts.compute_invoices)
was installed; the wizard then showed a table with nothing to fill, and `shenbao render` of the measure
stopped with a Python traceback (ZeroDivisionError: float division by zero), exit 1, no 申报书. It is
refused at install in one line naming the form and the key (exit 2, nothing installed), in English in
the English window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .helpers import CJK, edited, folder_state, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FORM = "forms/sl2026.compute_voucher.toml"
INVOICES = '{ key = "facts.compute_invoices", help = '
WHERE = f"{FORM}: pages[0].fields[0].columns"


def no_columns() -> Any:
    return edited(FORM, INVOICES, '{ key = "facts.compute_invoices", columns = [], help = ')


def test_a_table_of_no_column_is_refused_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(
        window, dialogs, trusted, publisher[0], tmp_path, no_columns(), AS_OF
    )
    assert stderr == f"shenbao: {pack}: {WHERE}: 应至少列出一列\n"
    assert warned == f"未安装：{WHERE}: 应至少列出一列"
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
    _, _, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, no_columns(), AS_OF)
    assert warned == f"Not installed: {WHERE}: should list at least one column"
    assert not CJK.search(warned), warned


# The same column listed twice (`columns = ["amount", "amount"]`) installed, and the printed 申报书 showed
# two 金额（元） columns totalled 合计 400,000.00 for invoices of 200,000.00 in all.
def test_a_column_listed_twice_is_refused_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    twice = edited(
        FORM,
        INVOICES,
        '{ key = "facts.compute_invoices", columns = ["date", "amount", "date", "amount"], help = ',
    )
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, twice, AS_OF)
    assert stderr == f"shenbao: {pack}: {WHERE}: 列 amount, date 重复列出\n"
    assert warned == f"未安装：{WHERE}: 列 amount, date 重复列出"
    assert folder_state(trusted) == before
