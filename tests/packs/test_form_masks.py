"""A pack's wizard form that masked a column holding no ID number (`mask = ["invoice_no"]` on
facts.compute_invoices) was installed: the printed 申报书 showed the invoice number 12345678 as 12****78,
which the authority needs whole, under the note 「身份证号已部分遮盖；完整号码见所附身份证复印件」 of a
table with no 身份证号; a mask of a column not asked printed the note alone. `mask` may name only the
ID number columns the table asks for; any other is refused at install in one line naming the form,
the key and the columns (exit 2, nothing installed), in English in the English window."""

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
WHERE = f"{FORM}: pages[0].fields[0].mask"


def masked(keys: str) -> Any:
    return edited(FORM, INVOICES, '{ key = "facts.compute_invoices", ' + keys + ", help = ")


@pytest.mark.parametrize(
    ("keys", "columns"),
    [
        ('mask = ["invoice_no"]', "invoice_no"),
        ('mask = ["supplier", "amount"]', "supplier, amount"),
        ('columns = ["supplier", "amount"], mask = ["date"]', "date"),
    ],
    ids=["invoice-number", "name-and-amount", "column-not-asked"],
)
def test_a_mask_of_no_id_number_column_is_refused_in_one_line(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    keys: str,
    columns: str,
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(
        window, dialogs, trusted, publisher[0], tmp_path, masked(keys), AS_OF
    )
    said = f"{WHERE}: 列 {columns} 不是所问的证件号码列，不能遮盖"
    assert stderr == f"shenbao: {pack}: {said}\n"
    assert warned == f"未安装：{said}"
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
    edit = masked('mask = ["invoice_no"]')
    _, _, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert warned == (
        f"Not installed: {WHERE}: column invoice_no is not an ID number column it asks for, and cannot be masked"
    )
    assert not CJK.search(warned), warned
