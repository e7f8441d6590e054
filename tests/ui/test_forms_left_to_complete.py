"""A form printed from the window with a box left 待补充 says so when it is printed, as `shenbao render`
does: the wizard's 完成 in the window's status line, the register's 重新生成 in its panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWizard

from shenbao.core import register as reg
from tests.pdf.helpers import invoices, text_of
from tests.store.factory import make_uscc
from tests.ui.conftest import tenant
from tests.ui.drive import click

VOUCHER = "fj2025.compute_voucher"


@pytest.fixture
def no_pdf_viewer(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    return opened


def finish_in_window(qtbot: Any, window: Any, doc: dict[str, Any]) -> Path:
    """Store the enterprise, show it, open its 算力服务补助 wizard and press 完成 on its review page."""
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    wizard = window.open_wizard(VOUCHER)
    wizard.go_to("review")
    with qtbot.waitSignal(wizard.pdfRendered, timeout=20000) as rendered:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    return Path(rendered.args[0])


def test_finishing_a_form_with_a_box_to_complete_says_so_in_the_status_line(
    qtbot: Any, window: Any, no_pdf_viewer: list[Any]
) -> None:
    """An enterprise giving its annual compute purchase (250,000 元) but no invoice is eligible, and its
    form prints the invoice list 待补充: the wizard closed on 完成 and nothing said the form was not ready
    to sign. The status line names the file and each such box; a whole form is named alone."""
    pdf = finish_in_window(qtbot, window, tenant(3, compute_purchase_amount=250000))
    assert "待补充" in text_of(pdf)[0]
    said = window.statusBar().currentMessage()
    assert said == f"已生成申报书：{pdf.name}，含待补充项（算力服务发票）", said
    bar = window.statusBar()
    window.resize(1000, 700)
    assert bar.fontMetrics().horizontalAdvance(said) < bar.width(), "the note is not cut off"

    pdf = finish_in_window(qtbot, window, tenant(4, compute_invoices=invoices(50)))
    assert "待补充" not in text_of(pdf)[0]
    assert window.statusBar().currentMessage() == f"已生成申报书：{pdf.name}"


@pytest.fixture
def register(qtbot: Any, store: Any, tmp_path: Path) -> Any:
    """The register on one generated 算力服务补助 whose invoice list is printed 待补充."""
    from shenbao.ui.context import AppContext
    from shenbao.ui.register_view import RegisterView

    as_of = dt.date(2026, 11, 22)
    store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    entry, _ = reg.generate(store, make_uscc(7), VOUCHER, tmp_path / "申报书.pdf", as_of=as_of)
    view = RegisterView(AppContext(store.folder, store=store, as_of=as_of))
    view.opener = lambda _url: True
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.select(entry.id)
    Path(entry.pdf_path).unlink()  # moved or deleted: 重新生成 prints it again
    view.reload()
    assert view.detail.regenerate_button.isEnabled()
    yield view
    view.ctx.store = None  # the store fixture closes it


def test_a_reprint_from_the_register_names_the_boxes_to_complete(register: Any) -> None:
    register.detail.regenerate_button.click()
    said = register.detail.message.text()
    assert said == "已按生成时的依据重新生成申报书，含待补充项（算力服务发票）", said


def test_a_reprint_names_the_boxes_to_complete_in_english(register: Any, in_english: None) -> None:
    register.detail.regenerate_button.click()
    said = register.detail.message.text()
    assert said.endswith(", with boxes still needed (Computing service invoices)"), said


def test_an_incomplete_form_s_boxes_are_named_in_english(
    qtbot: Any, window: Any, no_pdf_viewer: list[Any], in_english: None
) -> None:
    """A measure judged incomplete prints its 申报金额 and 申报条件 待补充 too: in English each box is named
    in English, as the core's labels are."""
    import re

    pdf = finish_in_window(qtbot, window, tenant(5))
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Declaration form generated: {pdf.name}, with boxes still needed ("), said
    assert not re.search("[\u4e00-\u9fff]", said.replace(pdf.name, "")), said
