"""The cover's 受理部门 and 申报日期, as typed on the wizard's review: kept with the draft, recorded when the
申报书 is printed, and printed again by a reprint from the register (in-process and by the command)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.pdf.helpers import text_of
from tests.store.factory import shenbao
from tests.ui.conftest import USCC, tenant

AS_OF = dt.date(2026, 3, 10)
VOUCHER = "fj2025.compute_voucher"


@pytest.fixture
def store(data_dir: Path, no_keyring: None) -> Iterator[Any]:
    """A real store whose key is under the passphrase the command is given too."""
    from shenbao.core.store import Store

    opened = Store.open(data_dir, daily_backup=False)
    opened.save_profile(tenant())
    yield opened
    opened.close()


def open_wizard(qtbot: Any, store: Any) -> Any:
    from shenbao.ui.wizard import WizardDialog

    wizard = WizardDialog(store, VOUCHER, USCC, AS_OF, open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def to_review(qtbot: Any, wizard: Any) -> None:
    from tests.ui.drive import type_cell

    while wizard.current_page_name() != "purchase":
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    invoices = wizard.currentPage().editors["facts.compute_invoices"]
    if invoices.model.rowCount() == 0:
        qtbot.mouseClick(invoices.add_button, Qt.MouseButton.LeftButton)
        for column, text in enumerate(("福州算力中心", "No.0001", "2026-01-15", "200000")):
            type_cell(qtbot, invoices, 0, column, text)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.current_page_name() == "review"


def fill_cover(qtbot: Any, wizard: Any, office: str, day: str) -> None:
    review = wizard.review
    review.date_edit.clear()
    qtbot.keyClicks(review.date_edit, day)
    review.office_box.setEditText(office)


def test_the_cover_typed_on_the_review_is_kept_with_the_draft(qtbot: Any, store: Any) -> None:
    wizard = open_wizard(qtbot, store)
    to_review(qtbot, wizard)
    assert wizard.review.office() == "省数据管理局"  # the suggestion: the lead 责任单位
    fill_cover(qtbot, wizard, "福州市数据管理局", "2026-03-20")
    wizard.reject()  # 关闭

    draft = store.open_declaration(USCC, VOUCHER)
    assert (draft.office, draft.declared_on) == ("福州市数据管理局", dt.date(2026, 3, 20))
    again = open_wizard(qtbot, store)
    assert again.current_page_name() == "review"
    assert again.review.date_edit.text() == "2026-03-20"
    assert again.review.office() == "福州市数据管理局"
    assert again.review.declared_on() == dt.date(2026, 3, 20)

    # A cover emptied on purpose stays empty: not the suggestion again.
    again.review.office_box.setEditText("")
    again.review.date_edit.clear()
    again.reject()
    third = open_wizard(qtbot, store)
    assert (third.review.office(), third.review.date_edit.text()) == ("", "")
    assert store.open_declaration(USCC, VOUCHER).office == ""


def test_a_reprint_prints_the_cover_it_was_printed_with(qtbot: Any, store: Any, data_dir: Path) -> None:
    from shenbao.core import register as reg

    wizard = open_wizard(qtbot, store)
    to_review(qtbot, wizard)
    fill_cover(qtbot, wizard, "福州市数据管理局", "2026-03-20")
    with qtbot.waitSignal(wizard.pdfRendered, timeout=20000) as rendered:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    printed = Path(rendered.args[0])
    first, _ = text_of(printed)
    assert "受理部门福州市数据管理局" in first and "申报日期2026年3月20日" in first

    (e,) = reg.entries(store)
    assert (e.office, e.declared_on) == ("福州市数据管理局", dt.date(2026, 3, 20))
    assert (e.to_dict()["office"], e.to_dict()["declared_on"]) == ("福州市数据管理局", "2026-03-20")

    # 申报记录 → 重新生成, in the window's process
    printed.unlink()
    assert reg.regenerate(store, e.id) == printed
    again, _ = text_of(printed)
    assert "受理部门福州市数据管理局" in again and "申报日期2026年3月20日" in again

    # and by the command
    out = data_dir.parent / "again.pdf"
    run = shenbao(data_dir, "declarations", "regenerate", str(e.id), "--out", str(out))
    assert run.returncode == 0, run.stderr
    by_command, _ = text_of(out)
    assert "受理部门福州市数据管理局" in by_command and "申报日期2026年3月20日" in by_command
