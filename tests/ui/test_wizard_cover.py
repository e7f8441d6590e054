"""The cover's 受理部门 and 申报日期, as typed on the wizard's review: kept with the draft, recorded when the
申报书 is printed, and printed again by a reprint from the register (in-process and by the command)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.pdf.helpers import text_of
from tests.store.factory import assert_refused, shenbao
from tests.ui.conftest import USCC, tenant
from tests.ui.drive import type_text

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


def test_a_date_outside_the_policy_term_is_warned_as_typed_and_printed_all_the_same(
    qtbot: Any, store: Any
) -> None:
    """fj2025 is in force from 2025-11-04 to 2028-12-31. A 申报日期 typed after it ended, or before it
    began, printed without a word a form dated on a day the measure is not in force: the review now says
    so under the date as it is typed, naming the term and the date the amount was judged on, and 完成
    stays enabled (it is the applicant's form)."""
    wizard = open_wizard(qtbot, store)
    to_review(qtbot, wizard)
    review = wizard.review
    fill_cover(qtbot, wizard, "福州市数据管理局", "2029-01-05")
    assert review.date_warning.isVisible()
    assert review.date_warning.text() == (
        "申报日期 2029-01-05 在该政策有效期（2025-11-04 至 2028-12-31）之外：申报书照常生成，"
        "金额按测算日期 2026-03-10 测算；请核对申报日期"
    )
    assert review.problems() == [] and review.isComplete()
    assert review.error_label.text() == ""
    fill_cover(qtbot, wizard, "福州市数据管理局", "2025-11-03")
    assert "申报日期 2025-11-03 在该政策有效期（2025-11-04 至 2028-12-31）之外" in review.date_warning.text()
    for inside in ("2025-11-04", "2028-12-31"):
        fill_cover(qtbot, wizard, "福州市数据管理局", inside)
        assert not review.date_warning.isVisible() and review.date_warning.text() == "", inside
    review.date_edit.clear()  # left blank, to be written by hand
    assert not review.date_warning.isVisible()
    type_text(qtbot, review.date_edit, "2029年1月5日")  # as an input method types it
    assert "2029-01-05" in review.date_warning.text()
    review.grab().save("/tmp/inputs-review-date-warning.png")

    with qtbot.waitSignal(wizard.pdfRendered, timeout=20000) as rendered:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    text, _ = text_of(Path(rendered.args[0]))
    assert "申报日期2029年1月5日" in text and "100,000.00元" in text  # judged as of 2026-03-10
    from shenbao.core import register as reg

    (e,) = reg.entries(store)
    assert e.declared_on == dt.date(2029, 1, 5) and e.state == "generated"


def test_the_command_warns_of_a_date_outside_the_term_in_one_line_and_prints(
    store: Any, data_dir: Path
) -> None:
    """`shenbao render --declared-on` dates the cover; a day after fz2024 ended (2026-12-31) is said in
    one warning line on standard error, exit 0, the form printed and recorded with that date."""
    out = data_dir.parent / "申报书.pdf"
    args = ("render", "--uscc", USCC, "--measure", "fz2024.compute_use", "--out", str(out))
    run = shenbao(data_dir, *args, "--as-of", "2026-03-10", "--declared-on", "2027-03-01")
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "警告" in line]
    assert warnings == [
        "shenbao: 警告：申报日期 2027-03-01 在该政策有效期（2024-03-20 至 2026-12-31）之外：申报书照常生成，"
        "金额按测算日期 2026-03-10 测算；请核对申报日期"
    ]
    text, _ = text_of(out)
    assert "申报日期2027年3月1日" in text
    shown = shenbao(data_dir, "declarations", "list", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert [d["declared_on"] for d in json.loads(shown.stdout)] == ["2027-03-01"]

    inside = shenbao(data_dir, *args, "--as-of", "2026-03-10", "--declared-on", "2026-12-31")
    assert inside.returncode == 0 and "警告" not in inside.stderr, inside.stderr
    bad = shenbao(data_dir, *args, "--declared-on", "2027-02-30")
    assert_refused(bad, "--declared-on", "2027-02-30")


def test_the_warning_of_a_date_outside_the_term_is_in_english_in_the_english_window(
    qtbot: Any, store: Any
) -> None:
    from shenbao.tools import translations
    from shenbao.ui.app import create_application

    translations.build()
    create_application(language="en")
    try:
        wizard = open_wizard(qtbot, store)
        wizard.go_to("review")
        type_text(qtbot, wizard.review.date_edit, "2025-10-31")
        assert wizard.review.date_warning.text() == (
            "The date of application 2025-10-31 is outside the policy's term (2025-11-04 to 2028-12-31): "
            "the form is printed all the same, its amount worked out as of 2026-03-10; please check the date"
        )
    finally:
        create_application(language="zh_CN")
