"""Scanned invoices in the import dialog: with the `ocr` extra, a scan is read but stays unconfirmed —
left out of what is added — until the user ticks its row; without the extra, the row says it is a scan
and how to add the extra. Real widgets; the scans are made from a sample PDF with a text layer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from shenbao.core.documents.licence import ocr_available
from shenbao.core.model import FORMAT
from shenbao.ui.invoice_import import InvoiceImportDialog
from tests.documents.helpers import EXPECTED, PHOTOGRAPHED, as_png

BUYER = EXPECTED[PHOTOGRAPHED]["buyer_tax_id"]
PROFILE = {
    "format": FORMAT,
    "enterprise": {
        "name": EXPECTED[PHOTOGRAPHED]["buyer_name"],
        "uscc": BUYER,
        "org_type": "enterprise",
        "province": "福建省",
    },
    "facts": {},
}


def _status(dialog: InvoiceImportDialog, row: int = 0) -> str:
    return dialog.table.item(row, 5).text()


def _ok(dialog: InvoiceImportDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_without_the_extra_a_photographed_invoice_says_how_to_read_it(
    without_ocr: None, qtbot: Any, tmp_path: Path
) -> None:
    dialog = InvoiceImportDialog(PROFILE, [as_png(PHOTOGRAPHED, tmp_path)])
    qtbot.addWidget(dialog)
    assert _status(dialog).startswith("无法读取：") and "pip install 'shenbao[ocr]'" in _status(dialog)
    assert not _ok(dialog).isEnabled() and dialog.added == []


@pytest.mark.skipif(
    not ocr_available(),
    reason="reading scans needs the ocr extra: pip install 'shenbao[ocr]' (or run make test-ocr)",
)
@pytest.mark.slow
def test_a_scanned_invoice_is_added_only_once_its_row_is_ticked(qtbot: Any, tmp_path: Path) -> None:
    dialog = InvoiceImportDialog(PROFILE, [as_png(PHOTOGRAPHED, tmp_path)])
    qtbot.addWidget(dialog)
    assert _status(dialog).startswith("识别自扫描件")
    assert dialog.added == [] and not _ok(dialog).isEnabled()
    assert BUYER in dialog.table.item(0, 0).toolTip()  # what was read, to check against the paper
    dialog.tick(0)
    assert _status(dialog).startswith("将加入") and _ok(dialog).isEnabled()
    (row,) = dialog.added
    assert row["invoice_no"] == EXPECTED[PHOTOGRAPHED]["invoice_no"]
    assert row["source"]["recognised"] is True and row["source"]["format"] == "image"
    dialog.tick(0, False)
    assert dialog.added == [] and not _ok(dialog).isEnabled()
