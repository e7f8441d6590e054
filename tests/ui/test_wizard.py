"""The wizard as a user drives it: from the first page to the printed 申报书, closing mid-way and
resuming, a Chinese message for each bad input, fields shown only when their condition holds."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from shenbao.core.forms import forms as all_forms
from tests.store.factory import make_id_number
from tests.ui.conftest import USCC
from tests.ui.drive import add_row, type_cell, type_into

AS_OF = dt.date(2026, 3, 10)


@pytest.fixture
def open_wizard(qtbot, store):
    def make(measure: str, **kw: Any):
        from shenbao.ui.wizard import WizardDialog

        wizard = WizardDialog(store, measure, USCC, AS_OF, open_pdf=False, **kw)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def page_name(wizard) -> str:
    return wizard.current_page_name()


def click_next(qtbot, wizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), wizard.currentPage().problems()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def editor(wizard, key: str):
    return wizard.currentPage().editors[key]


def add_invoice(qtbot, field_editor, supplier: str, number: str, date: str, amount: str) -> None:
    qtbot.mouseClick(field_editor.add_button, Qt.MouseButton.LeftButton)
    row = field_editor.model.rowCount() - 1
    for column, text in enumerate((supplier, number, date, amount)):
        type_cell(qtbot, field_editor, row, column, text)


def test_a_wizard_runs_from_start_to_the_printed_form(qtbot, open_wizard, store) -> None:
    wizard = open_wizard("fj2025.compute_voucher")
    assert page_name(wizard) == "applicant"
    assert (
        "福州测试7智能科技有限公司" in wizard.currentPage().result_label.text() or wizard.result is not None
    )
    click_next(qtbot, wizard)
    assert page_name(wizard) == "contact"
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "李华")
    click_next(qtbot, wizard)
    assert page_name(wizard) == "purchase"
    invoices = editor(wizard, "facts.compute_invoices")
    add_invoice(qtbot, invoices, "福州算力中心", "No.0001", "2026-01-15", "120000")
    add_invoice(qtbot, invoices, "福建云算力公司", "No.0002", "2026-02-20", "80000")
    amount = wizard.currentPage().result_label.text()
    assert "可申报" in amount and "100,000.00" in amount and "10 万元" in amount
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review"
    review = wizard.review.browser.toPlainText()
    assert "申报材料清单" in review and "算力服务合同" in review and "李华" in review
    assert "100,000.00" in review
    with qtbot.waitSignal(wizard.pdfRendered, timeout=10000) as rendered:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    pdf = Path(rendered.args[0])
    assert pdf.parent == store.folder / "declarations" and pdf.read_bytes().startswith(b"%PDF")
    (decl,) = store.list_declarations(USCC)
    assert decl.state == "rendered" and decl.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert decl.preview["amount"] == "100000.00" and decl.policy_version
    saved = store.get_profile(USCC)
    assert saved["enterprise"]["contact_name"] == "李华"
    assert [i["amount"] for i in saved["facts"]["compute_invoices"]] == [120000, 80000]
    assert not wizard.isVisible()


def test_closing_mid_way_keeps_a_draft_that_reopens_where_it_stopped(qtbot, open_wizard, store) -> None:
    wizard = open_wizard("fj2025.compute_voucher")
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_phone"), "0591-87654321")
    # Committed but not yet closed: a crash now keeps the phone.
    draft = store.open_declaration(USCC, "fj2025.compute_voucher")
    assert draft.answers["enterprise.contact_phone"] == "0591-87654321" and draft.page == "contact"
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "王芳")
    wizard.close()
    assert store.open_declaration(USCC, "fj2025.compute_voucher").answers["enterprise.contact_name"] == "王芳"

    again = open_wizard("fj2025.compute_voucher")
    assert page_name(again) == "contact"
    assert editor(again, "enterprise.contact_name").value() == "王芳"
    qtbot.mouseClick(again.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert page_name(again) == "applicant"
    assert len(store.list_declarations(USCC)) == 1


def test_a_draft_kept_without_the_profile_it_answered_over_resumes_with_its_answers(
    qtbot, open_wizard, store
) -> None:
    """A draft saved before drafts kept the profile's values beside their answers cannot tell an answer
    from a newer save: it resumes with its answers, as it always did, and says nothing of them."""
    store.save_draft(USCC, "fj2025.compute_voucher", {"enterprise.contact_name": "张三"}, page="contact")
    doc = store.get_profile(USCC)
    doc["enterprise"]["contact_name"] = "李四"
    store.save_profile(doc)
    wizard = open_wizard("fj2025.compute_voucher")
    assert editor(wizard, "enterprise.contact_name").value() == "张三"
    assert wizard.replaced == {} and wizard.findChild(QLabel, "replaced") is None


def test_invoices_saved_elsewhere_while_the_wizard_is_open_are_not_written_over_by_it(
    qtbot, open_wizard, store
) -> None:
    """An invoice typed in the wizard, then the enterprise's invoices and 联系人 saved by another program
    on the same data folder (an import), then 完成: the wizard wrote its own list over the profile, and
    the imported 300,000.00 invoice was gone without a word. Now 完成 stops on the review with the
    profile's newer values, says which answers gave way, and a second 完成 prints them."""
    from shenbao.core.store import Store

    wizard = open_wizard("fj2025.compute_voucher", today=lambda: AS_OF)
    wizard.go_to("purchase")
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    wizard.go_to("review")
    assert wizard.result.amount == 75000
    imported = [{"supplier": "福建云算力", "invoice_no": "No.2", "date": "2026-02-01", "amount": 300000}]
    with Store.open(store.folder, daily_backup=False) as other:
        doc = other.get_profile(USCC)
        other.save_profile({**doc, "facts": {**doc["facts"], "compute_invoices": imported}})

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert page_name(wizard) == "review" and not wizard.finished_ok
    assert store.get_profile(USCC)["facts"]["compute_invoices"] == imported
    notice = wizard.currentPage().findChild(QLabel, "replaced")
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    assert notice.text() == "草稿保存后档案中又改了以下各项，已换为档案中的新值：算力服务发票"
    assert wizard.result.amount == 150000
    assert "福建云算力，No.2，2026-02-01，300,000.00" in wizard.review.browser.toPlainText()

    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert store.get_profile(USCC)["facts"]["compute_invoices"] == imported
    (declaration,) = store.list_declarations(USCC)
    assert declaration.state == "rendered" and declaration.preview["amount"] == "150000.00"


def test_amounts_an_import_kept_as_text_are_no_answer_of_the_wizard(qtbot, open_wizard, store) -> None:
    """A profile file giving 注册资本 as "5000000.00" and 从业人数 as "120" (as `shenbao import` keeps
    them): the wizard, opened and finished with an invoice typed, counted the fields it never touched
    as answers, kept them in the draft and recorded them as typed today, so the profile no longer said
    they came from the file. Now they are the profile's values, read as their fields read them."""
    from shenbao.core.provenance import IMPORTED, stamp
    from tests.ui.conftest import tenant

    doc = tenant(compute_subsidy_year_index=1)
    doc["enterprise"] |= {"registered_capital": "5000000.00", "employees": "120"}
    paths = ["enterprise.registered_capital", "enterprise.employees"]
    store.save_profile(stamp(doc, paths, IMPORTED, date="2026-03-01", file="企业档案.json"))
    wizard = open_wizard("fj2025.compute_voucher", today=lambda: AS_OF)
    assert wizard.given() == {}
    wizard.go_to("purchase")
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    draft = store.open_declaration(USCC, "fj2025.compute_voucher")
    assert set(draft.answers) == {"facts.compute_invoices", "answered_over"}
    wizard.go_to("review")
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    provenance = store.get_profile(USCC)["provenance"]
    for path in paths:
        assert provenance[path] == {"source": "imported", "date": "2026-03-01", "file": "企业档案.json"}
    assert provenance["facts.compute_invoices"] == {"source": "typed", "date": "2026-03-10"}


def test_invoices_an_import_kept_with_amounts_as_text_are_no_answer_of_the_wizard(
    qtbot, open_wizard, store
) -> None:
    """Invoices from a profile file with their amounts as text ("150000.00"): the wizard, opened and
    finished with only the phone typed, counted the list as answered, kept it in the draft and recorded
    it as typed that day. Now the list is the profile's, and stays recorded as imported."""
    from shenbao.core.provenance import IMPORTED, stamp
    from tests.ui.conftest import tenant

    rows = [{"supplier": "福州算力中心", "invoice_no": "No.1", "date": "2026-01-15", "amount": "150000.00"}]
    doc = tenant(compute_subsidy_year_index=1, compute_invoices=rows)
    imported = {"source": "imported", "date": "2026-03-01", "file": "企业档案.json"}
    store.save_profile(
        stamp(doc, ["facts.compute_invoices"], IMPORTED, date="2026-03-01", file="企业档案.json")
    )
    wizard = open_wizard("fj2025.compute_voucher", today=lambda: AS_OF)
    assert wizard.given() == {}
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_phone"), "0591-87654321")
    draft = store.open_declaration(USCC, "fj2025.compute_voucher")
    assert set(draft.answers) == {"enterprise.contact_phone", "answered_over"}
    wizard.go_to("review")
    assert wizard.result.amount == 75000
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    after = store.get_profile(USCC)
    assert after["provenance"]["facts.compute_invoices"] == imported
    assert after["provenance"]["enterprise.contact_phone"] == {"source": "typed", "date": "2026-03-10"}


def test_enter_advances_the_wizard(qtbot, open_wizard) -> None:
    wizard = open_wizard("fj2025.compute_voucher")
    name = editor(wizard, "enterprise.name").line
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert page_name(wizard) == "contact"


def test_enter_in_a_field_of_the_review_page_does_not_finish(qtbot, open_wizard, store) -> None:
    """Enter moves to the next page; on the review page the default button is 完成, and Enter typed in
    受理部门 or 申报日期 recorded the declaration as 已生成 and wrote its 申报书 at once. It now finishes
    only from the button: clicked, or Enter on it."""
    wizard = open_wizard("fj2025.compute_voucher")
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "李华")
    click_next(qtbot, wizard)
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review"
    office = wizard.review.office_box.lineEdit()
    office.setFocus()
    office.clear()
    office.insert("福州市工业和信息化局")
    qtbot.keyClick(office, Qt.Key.Key_Return)
    date = wizard.review.date_edit
    date.setFocus()
    date.insert("2026-03-20")
    qtbot.keyClick(date, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.wait(200)
    assert wizard.finishing is None and not wizard.finished_ok and wizard.isVisible()
    (decl,) = store.list_declarations(USCC)
    assert decl.state == "draft" and not (store.folder / "declarations").exists()
    assert (decl.cover.office, decl.cover.declared_on) == ("福州市工业和信息化局", dt.date(2026, 3, 20))

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.setFocus()
    with qtbot.waitSignal(wizard.pdfRendered, timeout=10000):
        qtbot.keyClick(finish, Qt.Key.Key_Return)
    (decl,) = store.list_declarations(USCC)
    assert decl.state == "rendered" and not wizard.isVisible()


@pytest.mark.parametrize(
    ("measure", "page", "key", "typed", "message"),
    [
        (
            "fj2025.compute_voucher",
            "contact",
            "enterprise.contact_phone",
            "12ab",
            "联系电话不是有效的电话号码",
        ),
        ("fj2025.compute_voucher", "contact", "enterprise.email", "li@", "电子邮箱不是有效的电子邮箱"),
        (
            "fj2025.compute_voucher",
            "applicant",
            "enterprise.registered_capital",
            "一百万",
            "应为不小于 0 的金额（元）",
        ),
        ("fj2025.compute_voucher", "applicant", "enterprise.established_on", "2025-02-30", "应为存在的日期"),
        ("fj2025.compute_voucher", "applicant", "enterprise.name", "", "请填写：企业（单位）名称"),
        (
            "fz2024.compute_supply",
            "infra",
            "facts.infra_domestic_chip_ratio",
            "180%",
            "应为百分数（如 35%）或 0 到 1 之间的小数",
        ),
        ("fz2024.compute_supply", "infra", "facts.infra_pflops_nominal", "-3", "应为不小于 0 的数值"),
        ("fz2024.compute_supply", "infra", "facts.infra_operational_on", "2025/10/32", "应为存在的日期"),
        (
            "fz2020.rd_equipment",
            "equipment",
            "enterprise.recognitions.provincial_new_rd_institution",
            "去年",
            "应为存在的日期",
        ),
    ],
)
def test_each_bad_input_gets_a_chinese_message_and_blocks_next(
    qtbot, open_wizard, measure, page, key, typed, message
) -> None:
    wizard = open_wizard(measure)
    wizard.go_to(page)
    field_editor = editor(wizard, key)
    type_into(qtbot, field_editor, typed)
    problems = "；".join(wizard.currentPage().problems())
    assert message in problems
    if typed:
        assert field_editor.error_label.isVisibleTo(wizard) and message in field_editor.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_required_field_left_empty_says_why_next_is_disabled(qtbot, open_wizard) -> None:
    """下一步 greyed out with nothing said: the invoices page of an enterprise judged 可申报 on its typed
    total, or the applicant page with the name cleared, did not tell what was still to fill in."""
    from PySide6.QtWidgets import QLabel

    wizard = open_wizard("fj2025.compute_voucher")
    needed = wizard.currentPage().findChild(QLabel, "needed")
    assert needed is not None and not needed.isVisibleTo(wizard)
    type_into(qtbot, editor(wizard, "enterprise.name"), "")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert needed.isVisibleTo(wizard) and needed.text() == "请填写带 * 的项：企业（单位）名称"
    type_into(qtbot, editor(wizard, "enterprise.name"), "福州测试7智能科技有限公司")
    assert not needed.isVisibleTo(wizard)
    wizard.go_to("purchase")
    needed = wizard.currentPage().findChild(QLabel, "needed")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert needed.isVisibleTo(wizard) and needed.text() == "请填写带 * 的项：算力服务发票"
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.0001", "2026-01-15", "120000"
    )
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not needed.isVisibleTo(wizard)
    wizard.reject()
    # what the live result already names as 待补充 is not listed again
    wizard = open_wizard("fz2024.compute_supply")
    wizard.go_to("infra")
    page = wizard.currentPage()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "待补充：物理空间和实体均在福州市辖区内" in page.result_label.text()
    assert not page.findChild(QLabel, "needed").isVisibleTo(wizard)


def test_bad_detail_rows_are_named_by_row_and_column(qtbot, open_wizard) -> None:
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = editor(wizard, "facts.core_engineers")
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, roster, 0, 0, "陈工")
    type_cell(qtbot, roster, 0, 2, "350102199001011230")
    assert "第1行：身份证号校验码不符" in roster.error_label.text()  # says which check failed
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    type_cell(qtbot, roster, 0, 2, make_id_number(3))
    assert roster.error() is None


def test_a_person_listed_twice_blocks_next_on_the_roster_s_page(qtbot, open_wizard) -> None:
    """Each row is checked as it is typed; the same person in two rows is the core's to find. Its
    message showed under the roster while 下一步 stayed enabled, and the live amount stayed at the last
    roster that read (one engineer) until the review refused to finish."""
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = editor(wizard, "facts.core_engineers")
    add_row(qtbot, roster, "陈工", "", make_id_number(3))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    add_row(qtbot, roster, "陈工", "", make_id_number(3))
    assert "同一人只能列入一次" in roster.error_label.text()
    assert any("同一人只能列入一次" in p for p in wizard.currentPage().problems())
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(roster.remove_button, Qt.MouseButton.LeftButton)
    assert roster.model.rowCount() == 1
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_an_engineer_without_a_mainland_id_is_listed_with_the_document_they_hold(
    qtbot, open_wizard, store
) -> None:
    """A 香港 engineer with a 回乡证 and a foreign one with a passport count like any other; a 身份证号
    typed under 护照 is checked as a passport number, a 回乡证 number under 居民身份证 is refused."""
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = editor(wizard, "facts.core_engineers")
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, roster, 0, 0, "陈工")
    type_cell(qtbot, roster, 0, 2, "H12345678")
    assert "第1行：身份证号" in roster.error_label.text()  # no type given: a mainland ID is expected
    type_cell(qtbot, roster, 0, 1, "回乡证")
    assert roster.error() is None
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, roster, 1, 0, "Anna Weber")
    type_cell(qtbot, roster, 1, 1, "签证")
    assert "第2行：证件类型" in roster.error_label.text()
    type_cell(qtbot, roster, 1, 1, "护照")
    type_cell(qtbot, roster, 1, 2, "C01X00T47")
    assert roster.error() is None
    rows = roster.value()
    assert [(r["name"], r["id_type"], r["id_number"]) for r in rows] == [
        ("陈工", "hk_mo_permit", "H12345678"),
        ("Anna Weber", "passport", "C01X00T47"),
    ]
    assert roster.model.data(roster.model.index(1, 1)) == "护照"


def test_an_engineer_with_a_permit_on_file_opens_as_saved_and_does_not_block_the_wizard(
    qtbot, open_wizard, store
) -> None:
    """The roster saved with a 回乡证 and a 台胞证 shows them by their names and reads them back as
    saved: the page is complete and the amount counts both."""
    from tests.ui.conftest import tenant

    store.save_profile(
        tenant(
            core_engineers=[
                {"name": "陈嘉豪", "id_type": "hk_mo_permit", "id_number": "H12345678"},
                {"name": "林志明", "id_type": "tw_permit", "id_number": "12345678"},
            ]
        )
    )
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = editor(wizard, "facts.core_engineers")
    model = roster.model
    assert model.data(model.index(0, 1)) == "港澳居民来往内地通行证（回乡证）"
    assert roster.error() is None and wizard.currentPage().isComplete()
    assert [r["id_type"] for r in roster.value()] == ["hk_mo_permit", "tw_permit"]
    assert wizard.result.status == "eligible" and wizard.result.amount == 400000
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review"


def test_the_review_lists_detail_rows_as_the_form_prints_them(qtbot, open_wizard, store) -> None:
    """Each row's cells in the table's order, an amount as 250,000.00, a 证件类型 by its name; what an
    invoice read from a file carries beyond the columns (its source file and digest) is not shown."""
    from tests.ui.conftest import tenant

    source = {"file": "发票.xml", "sha256": "ab" * 32, "format": "xml"}
    store.save_profile(
        tenant(
            compute_invoices=[
                {"supplier": "福州算力中心", "invoice_no": "35020001", "date": "2026-01-15", "amount": 250000}
                | {"tax": 14150.94, "source": source},
            ],
            core_engineers=[{"name": "陈嘉豪", "id_type": "hk_mo_permit", "id_number": "H12345678"}],
        )
    )
    wizard = open_wizard("fj2025.compute_voucher")
    wizard.go_to("review")
    review = wizard.review.browser.toPlainText()
    assert "共 1 项：福州算力中心，35020001，2026-01-15，250,000.00" in review
    assert "发票.xml" not in review and "ab" * 32 not in review and "14150" not in review
    wizard.reject()
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("review")
    review = wizard.review.browser.toPlainText()
    assert "共 1 人：陈嘉豪，港澳居民来往内地通行证（回乡证），H1*****78" in review  # people, not 项
    assert "hk_mo_permit" not in review and "H12345678" not in review


def test_the_review_shows_a_ratio_and_a_number_as_typed_and_printed(qtbot, open_wizard, store) -> None:
    """A share of 79.9999999% is below the 80% (含) the measure asks, and the trace says so: the
    review listed the answer as 「80%」 beside it, and 0.00001 P as 「1e-05」; the printed form
    writes both as typed."""
    wizard = open_wizard("fz2024.compute_supply")
    wizard.go_to("infra")
    type_into(qtbot, editor(wizard, "facts.infra_domestic_chip_ratio"), "79.9999999%")
    wizard.go_to("operation")
    type_into(qtbot, editor(wizard, "facts.infra_pflops_sold"), "0.00001")
    wizard.go_to("review")
    review = wizard.review.browser.toPlainText().splitlines()
    ratio = review.index("自主芯片算力标称值占比")
    assert review[ratio + 1] == "79.9999999%"
    sold = review.index("实际销售和运营使用的算力规模（P）")
    assert review[sold + 1] == "0.00001"
    assert "（实际：79.9999999%）" in wizard.review.browser.toPlainText()
    wizard.reject()


def test_id_numbers_show_masked_unless_asked(qtbot, open_wizard, qtmodeltester) -> None:
    wizard = open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = editor(wizard, "facts.core_engineers")
    number = make_id_number(5)
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    type_cell(qtbot, roster, 0, 0, "陈工")
    type_cell(qtbot, roster, 0, 2, number)
    model = roster.model
    qtmodeltester.check(model)
    shown = model.data(model.index(0, 2))
    assert shown == number[:6] + "********" + number[-4:]
    roster.reveal_box.setChecked(True)
    assert model.data(model.index(0, 2)) == number
    assert wizard.result.status == "eligible" and "200,000.00" in wizard.currentPage().result_label.text()
    click_next(qtbot, wizard)
    assert number not in wizard.review.browser.toPlainText()
    assert number[:6] + "********" in wizard.review.browser.toPlainText()


def test_a_field_shows_only_when_its_condition_holds(qtbot, open_wizard) -> None:
    wizard = open_wizard("fj2023.compute_infra_interest")
    wizard.go_to("loan")
    page = wizard.currentPage()
    assert page_name(wizard) == "loan"
    years = page.editors["facts.infra_loan_years"]
    assert not years.isVisibleTo(wizard)
    type_into(qtbot, page.editors["facts.infra_loan_amount"], "5000000")
    assert years.isVisibleTo(wizard)
    assert "＝ 500 万元" in page.editors["facts.infra_loan_amount"].widget.hint.text()


def test_a_loan_of_zero_asks_no_term(qtbot, store) -> None:
    """A loan of 0 元 hides its term (贷款期限), and the live result does not list it 待补充 either: the page
    would otherwise ask for a field it does not show."""
    from shenbao.ui.wizard import WizardDialog

    wizard = WizardDialog(store, "fj2023.compute_infra_interest", USCC, dt.date(2024, 6, 1), open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.go_to("infra")
    page = wizard.currentPage()
    for key in ("facts.infra_new_or_expanded", "facts.infra_in_provincial_key_library"):
        combo = page.editors[key].combo
        combo.setCurrentIndex(combo.findText("是"))
        combo.activated.emit(combo.currentIndex())
    type_into(qtbot, page.editors["facts.infra_pflops_nominal"], "200")
    wizard.go_to("loan")
    page = wizard.currentPage()
    asked = page.result_label.text()  # nothing typed yet: the loan and its term are asked
    assert "待补充" in asked and "算力项目贷款金额" in asked and "贷款期限" in asked
    type_into(qtbot, page.editors["facts.infra_loan_amount"], "0")
    assert not page.editors["facts.infra_loan_years"].isVisibleTo(wizard)
    live = page.result_label.text()
    assert "不符合" in live and "有项目贷款" in live
    assert "贷款期限" not in live and "待补充" not in live


def test_opening_at_a_missing_fact_starts_on_its_page(qtbot, open_wizard) -> None:
    wizard = open_wizard("fj2025.compute_voucher", start_field="facts.compute_purchase_amount")
    assert page_name(wizard) == "purchase"
    assert "待补充" in wizard.currentPage().result_label.text()


def test_the_live_amount_is_withdrawn_while_an_answer_cannot_be_read(qtbot, open_wizard) -> None:
    """An amount typed wrong leaves no sum on the page: the one shown was judged on the answer before."""
    wizard = open_wizard("fj2025.compute_voucher")
    wizard.go_to("purchase")
    invoices = editor(wizard, "facts.compute_invoices")
    add_invoice(qtbot, invoices, "福州算力中心", "No.0001", "2026-01-15", "250000")
    page = wizard.currentPage()
    assert "可申报" in page.result_label.text() and "125,000.00" in page.result_label.text()
    type_cell(qtbot, invoices, 0, 3, "25x")
    live = page.result_label.text()
    assert "算力服务补助" in live and "暂不能测算" in live and "<b>—</b>" in live
    assert "可申报" not in live and "125,000.00" not in live and "计算：" not in live
    assert any("第1行" in problem for problem in page.problems())
    type_cell(qtbot, invoices, 0, 3, "300000")
    assert "可申报" in page.result_label.text() and "150,000.00" in page.result_label.text()


def test_an_ineligible_declaration_cannot_be_finished(qtbot, open_wizard, store) -> None:
    wizard = open_wizard("fj2025.compute_voucher")
    wizard.go_to("purchase")
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.9", "2026-01-15", "50000"
    )
    live = wizard.currentPage().result_label.text()
    assert "不符合" in live
    assert "<b>—</b>" in live and "<b>最高</b>" not in live, "no sum: a dash, not the kind's word alone"
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert "当前不能生成申报书（不符合）" in wizard.review.error_label.text()
    wizard.close()
    assert store.open_declaration(USCC, "fj2025.compute_voucher").page == "review"


def test_the_wizard_opens_on_the_page_of_a_missing_field_with_its_parent(qtbot, store) -> None:
    from PySide6.QtWidgets import QWidget

    from shenbao.ui.wizard import WizardDialog

    owner = QWidget()
    qtbot.addWidget(owner)
    wizard = WizardDialog(
        store,
        "fj2025.compute_voucher",
        USCC,
        AS_OF,
        start_field="facts.compute_invoices",
        parent=owner,
        open_pdf=False,
    )
    assert wizard.parent() is owner and wizard.current_page_name() == "purchase"
    wizard.reject()


def test_tab_moves_through_the_fields_in_order(qtbot, open_wizard) -> None:
    wizard = open_wizard("fj2025.compute_voucher")
    wizard.go_to("contact")
    page = wizard.currentPage()
    keys = list(page.editors)
    page.editors[keys[0]].line.setFocus()
    for key in keys[1:3]:
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
        assert wizard.focusWidget() is page.editors[key].editor


@pytest.mark.parametrize("measure", sorted(all_forms()))
def test_every_form_opens_as_a_wizard_and_reaches_its_review(qtbot, open_wizard, measure) -> None:
    from shenbao.core.forms import form_for

    wizard = open_wizard(measure)
    form = form_for(measure)
    assert [p.page.id for p in wizard.form_pages] == [p.id for p in form.pages]
    for page in wizard.form_pages:
        assert page.page.help and page.result_label.text().startswith("<b>")
    wizard.go_to("review")
    text = wizard.review.browser.toPlainText()
    assert form.title in text and all(m in text for m in form.materials)


def test_the_review_asks_for_the_office_and_date_the_cover_prints(qtbot, open_wizard, store) -> None:
    """受理部门 is suggested (the first 责任单位 of fj2025 七, its lead), 申报日期 left blank unless given."""
    from tests.pdf.helpers import text_of

    wizard = open_wizard("fj2025.compute_voucher")
    while page_name(wizard) != "purchase":
        click_next(qtbot, wizard)
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.0001", "2026-01-15", "200000"
    )
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review"
    review = wizard.review
    assert review.office() == "省数据管理局"
    units = [review.office_box.itemText(i) for i in range(review.office_box.count())]
    assert units == list(wizard.result.responsible)
    qtbot.keyClicks(review.date_edit, "2026-02-30")
    assert not review.isComplete() and any("申报日期" in p for p in review.problems())
    # 完成 greyed out says why, as the date is typed
    assert review.error_label.text() == "申报日期应为存在的日期 YYYY-MM-DD，或留空"
    review.date_edit.clear()
    qtbot.keyClicks(review.date_edit, "2026-03-20")
    assert review.error_label.text() == ""
    review.office_box.setEditText("福州市数据管理局")
    assert review.isComplete()
    with qtbot.waitSignal(wizard.pdfRendered, timeout=20000) as rendered:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    text, _ = text_of(Path(rendered.args[0]))
    assert "受理部门福州市数据管理局" in text and "申报日期2026年3月20日" in text


@pytest.mark.parametrize("typed", ["2026年3月20日", "２０２６－０３－２０", "2026/3/20"])
def test_the_date_of_application_is_read_as_every_other_date(qtbot, open_wizard, typed) -> None:
    """成立日期 takes 2026年3月20日 and the full-width digits a Chinese input method types; 申报日期 on the
    review refused them as not a date."""
    from tests.ui.drive import type_text

    wizard = open_wizard("fj2025.compute_voucher")
    wizard.go_to("review")
    type_text(qtbot, wizard.review.date_edit, typed)
    assert not any("申报日期" in p for p in wizard.review.problems()), wizard.review.problems()
    assert wizard.review.declared_on() == dt.date(2026, 3, 20)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_wizard_label_shows_whole(qtbot, store, language) -> None:
    """A label that wraps onto two lines gets the height of two: none is cut to its field's height, in
    Chinese or in English, on any page of any wizard; and it reads as written (R&D staff, not RD staff
    with a shortcut on D)."""
    import re

    from PySide6.QtWidgets import QApplication, QLabel

    from shenbao.tools import translations
    from shenbao.ui.app import core_text, create_application
    from shenbao.ui.wizard import WizardDialog

    translations.build()
    create_application(language=language)
    cut = []
    try:
        for measure in sorted(all_forms()):
            wizard = WizardDialog(store, measure, USCC, AS_OF, open_pdf=False)
            qtbot.addWidget(wizard)
            wizard.show()
            for page in wizard.form_pages:
                wizard.go_to(page.page.id)
                QApplication.processEvents()
                for editor in page.editors.values():
                    label = page.form.labelForField(editor)
                    shown = re.sub("&(.)", r"\1", label.text())  # as drawn: && is &, & marks a shortcut
                    assert shown.removesuffix(" *") == core_text(editor.field.label)
                    if not label.isVisibleTo(wizard):  # a detail table's row spans the page
                        continue
                    needed = QLabel.heightForWidth(label, label.width())  # as QLabel draws it
                    if needed > label.height():
                        cut.append((measure, shown, label.size().toTuple(), needed))
            wizard.reject()
    finally:
        create_application(language="zh_CN")
    assert cut == [], "\n".join(map(str, cut))


def test_an_error_names_its_field_once_and_a_row_s_error_its_row(qtbot) -> None:
    """The review listed 「企业（单位）名称：企业（单位）名称不能为空」, and an engineer's bad number under
    the list's raw path 「facts.core_engineers[1].id_number：身份证号…」."""
    from shenbao.core.model import ProfileErrors, parse_profile
    from shenbao.ui.style import error_text

    doc = {
        "enterprise": {"name": "", "uscc": USCC, "org_type": "enterprise"},
        "facts": {
            "compute_purchase_amount": "abc",
            "core_engineers": [
                {"name": "陈工", "id_number": make_id_number(1)},
                {"name": "林工", "id_number": "12345"},
            ],
        },
    }
    with pytest.raises(ProfileErrors) as raised:
        parse_profile(doc, require_uscc=True)
    texts = [error_text(err) for err in raised.value.errors]
    assert "企业（单位）名称不能为空" in texts, texts
    assert any(t.startswith("年度购买算力服务总额（元）应为不小于 0 的金额") for t in texts), texts
    assert any(t.startswith("核心工程师名册第 2 行：身份证号应为 18 位") for t in texts), texts
    assert not any("facts." in t or t.count("企业（单位）名称") > 1 for t in texts), texts


def test_a_recognition_answered_as_it_stood_leaves_the_profile_and_earlier_forms_alone(
    qtbot, open_wizard, store, tmp_path
) -> None:
    """A 申报书 printed, then a recognition measure's wizard walked to the end without changing its date:
    the stored recognitions keep their order (the wizard took its own out and put it back last), so the
    earlier declaration is not shown as 「依据已变化」 when nothing changed."""
    from shenbao.core.register import basis_changed, entries, generate
    from tests.ui.conftest import tenant

    doc = tenant(iiot_actual_investment=3_000_000)
    doc["enterprise"]["recognitions"] = [
        {"kind": "national_key_lab", "date": "2022-12-31"},
        {"kind": "provincial_enterprise_key_lab", "date": "2021-03-15"},
    ]
    store.save_profile(doc)
    generate(store, USCC, "fz2024.iiot_project", tmp_path / "a.pdf", as_of=AS_OF)
    before = store.get_profile(USCC)

    wizard = open_wizard("fz2020.national_key_lab")
    while page_name(wizard) != "review":
        wizard.next()
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    assert store.get_profile(USCC) == before
    printed = [e for e in entries(store, USCC, None, details=False) if e.measure == "fz2024.iiot_project"]
    assert [basis_changed(store, e) for e in printed] == [False]


def test_a_kind_recognised_twice_keeps_both_recognitions_in_the_wizard(qtbot, open_wizard, store) -> None:
    """An open platform recognised in 2019 and again in 2021: the preview gives 500 万元 on the 2021
    recognition (on or after 2020-02-14), but the wizard laid its one date over the list and dropped
    the second, so it said 不符合 on the 2019 date alone, and 完成 would have deleted the 2021
    recognition from the profile. Now the wizard judges as the preview does and leaves both."""
    from tests.ui.conftest import tenant

    doc = tenant()
    doc["enterprise"]["recognitions"] = [
        {"kind": "national_ai_open_platform", "date": "2019-06-01"},
        {"kind": "national_ai_open_platform", "date": "2021-09-01"},
    ]
    store.save_profile(doc)
    before = store.get_profile(USCC)
    wizard = open_wizard("fz2020.national_open_platform")
    assert wizard.result.status == "eligible" and wizard.result.amount == 5_000_000
    wizard.go_to("review")
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert store.get_profile(USCC)["enterprise"]["recognitions"] == before["enterprise"]["recognitions"]
    (declaration,) = store.list_declarations(USCC)
    assert declaration.preview["amount"] == "5000000.00"


def test_a_kind_recognised_twice_is_answered_by_its_latest_date_as_the_form_prints_it(
    qtbot, open_wizard, store, tmp_path
) -> None:
    """Recognised in 2019 and again in 2021: the printed form gives the latest date, 2021-09-01, but
    the wizard's page and review showed (and a date typed there changed) the 2019 one. Now the wizard
    shows and answers the latest, and the earlier stays as it was."""
    from tests.pdf.helpers import text_of
    from tests.ui.conftest import tenant

    doc = tenant()
    doc["enterprise"]["recognitions"] = [
        {"kind": "national_ai_open_platform", "date": "2019-06-01"},
        {"kind": "national_ai_open_platform", "date": "2021-09-01"},
        {"kind": "national_key_lab", "date": "2022-12-31"},
    ]
    store.save_profile(doc)
    key = "enterprise.recognitions.national_ai_open_platform"
    wizard = open_wizard("fz2020.national_open_platform")
    page = next(p for p in wizard.form_pages if key in p.editors)
    wizard.go_to(page.page.id)
    assert editor(wizard, key).value() == "2021-09-01"
    type_into(qtbot, editor(wizard, key), "2021年9月2日")
    wizard.go_to("review")
    assert "2021-09-02" in wizard.review.browser.toPlainText()
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000) as rendered:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert store.get_profile(USCC)["enterprise"]["recognitions"] == [
        {"kind": "national_ai_open_platform", "date": "2019-06-01"},
        {"kind": "national_ai_open_platform", "date": "2021-09-02"},
        {"kind": "national_key_lab", "date": "2022-12-31"},
    ]
    text, _pages = text_of(Path(rendered.args[0]))
    assert "2021-09-02" in text


def test_a_wizard_for_a_measure_with_no_window_left_says_so_on_every_page(qtbot, store) -> None:
    """On 2026-12-04 fz2024 算力运营补贴 is still 可申报 by its conditions, but its last window (September)
    has passed before the plan ends: the result under each page says nothing more is taken, as the
    preview's headline leaves it out; in September it does not."""
    from shenbao.ui.wizard import WizardDialog
    from tests.ui.conftest import INFRA_FACTS, saved_profile

    doc = saved_profile(1, **INFRA_FACTS)
    store.save_profile(doc)
    uscc = doc["enterprise"]["uscc"]
    for as_of, said in ((dt.date(2026, 12, 4), True), (dt.date(2026, 9, 10), False)):
        wizard = WizardDialog(store, "fz2024.compute_supply", uscc, as_of, open_pdf=False)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        text = wizard.currentPage().result_label.text()
        assert "可申报" in text and "750" in text
        assert ("已无受理期：政策有效期内不再受理此项申报" in text) is said, text
        wizard.close()


@pytest.fixture
def short_passphrase_store(data_dir, no_keyring, monkeypatch):
    """A store whose data key is to come from a SHENBAO_PASSPHRASE of seven characters, too short to
    make one: nothing encrypted can be written."""
    from shenbao.core.store import Store
    from tests.ui.conftest import tenant

    monkeypatch.setenv("SHENBAO_PASSPHRASE", "qa pass")
    with Store.open(data_dir, daily_backup=False) as store:
        store.save_profile(tenant())
        yield store


def test_a_data_key_that_cannot_be_had_is_told_once_while_the_wizard_is_open(
    qtbot, short_passphrase_store, dialogs, monkeypatch
) -> None:
    """No draft can be saved (its answers are encrypted), and the refusal was shown again for each
    field left, each page turned and the close. It is told once; the draft is still refused, a
    different error still shows, and the next wizard tells it again."""
    from shenbao.core.store.db import StoreError
    from shenbao.ui.wizard import WizardDialog

    store = short_passphrase_store
    refused = "环境变量 SHENBAO_PASSPHRASE 中的数据口令至少 8 个字符"

    def opened() -> WizardDialog:
        wizard = WizardDialog(store, "fj2025.compute_voucher", USCC, AS_OF, open_pdf=False)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    def disk_full(*_args: Any, **_kwargs: Any) -> None:
        raise StoreError("磁盘已满")

    wizard = opened()
    type_into(qtbot, editor(wizard, "enterprise.address"), "福州市鼓楼区软件大道 89 号")
    type_into(qtbot, editor(wizard, "enterprise.legal_representative"), "张三")
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "李华")
    click_next(qtbot, wizard)
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    click_next(qtbot, wizard)
    assert dialogs.texts("warning") == [refused]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert dialogs.texts("warning") == [refused]
    assert wizard.isVisible() and refused in wizard.review.error_label.text()  # why 完成 did nothing
    with monkeypatch.context() as patched:
        patched.setattr(store, "save_draft", disk_full)
        wizard.review.date_edit.setText("2026-03-20")
        wizard.review.date_edit.editingFinished.emit()
    assert dialogs.texts("warning") == [refused, "磁盘已满"]
    wizard.close()
    assert dialogs.texts("warning") == [refused, "磁盘已满"]
    assert store.list_declarations(USCC) == []

    again = opened()
    type_into(qtbot, editor(again, "enterprise.address"), "福州市台江区")
    again.close()
    assert dialogs.texts("warning") == [refused, "磁盘已满", refused]
    assert store.list_declarations(USCC) == []


@pytest.mark.parametrize("standing", ["pipe", "folder", "profile"])
def test_a_pipe_or_folder_at_the_form_s_name_is_refused_with_nothing_written(
    qtbot, open_wizard, store, standing
) -> None:
    """The 申报书 goes to declarations/<code>_<measure>_<id>.pdf: a pipe, a folder or a file that is not
    a PDF standing at that name is left as it was and 完成 says why, the declaration still a draft."""
    import os
    import stat

    wizard = open_wizard("fj2025.compute_voucher")
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "李华")
    click_next(qtbot, wizard)
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    click_next(qtbot, wizard)
    assert page_name(wizard) == "review" and wizard.declaration_id is not None
    folder = store.folder / "declarations"
    folder.mkdir(exist_ok=True)
    target = folder / f"{USCC}_fj2025.compute_voucher_{wizard.declaration_id}.pdf"
    if standing == "pipe":
        os.mkfifo(target)
    elif standing == "folder":
        target.mkdir()
        (target / "附件.txt").write_text("留存", encoding="utf-8")
    else:
        target.write_text('{"enterprise": {}}', encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.finishing is None, timeout=10000)
    said = wizard.review.error_label.text()
    assert said.startswith("无法完成：") and target.name in said, said
    assert wizard.isVisible() and finish.isEnabled() and not wizard.finished_ok
    assert sorted(p.name for p in folder.iterdir()) == before  # no PDF, nothing half-written beside it
    if standing == "pipe":
        assert stat.S_ISFIFO(os.stat(target).st_mode) and "管道" in said
    elif standing == "folder":
        assert (target / "附件.txt").read_text(encoding="utf-8") == "留存"
    else:
        assert target.read_text(encoding="utf-8") == '{"enterprise": {}}'
    (decl,) = store.list_declarations(USCC)
    assert decl.state == "draft" and decl.pdf_sha256 is None
    wizard.close()


@pytest.mark.parametrize("standing", ["file", "pipe"])
def test_a_file_or_pipe_named_declarations_is_said_to_be_no_folder_as_a_reprint_says(
    qtbot, open_wizard, store, standing
) -> None:
    """A plain file or a pipe standing where the data folder's declarations/ folder goes: 完成 said
    「…/declarations: 无法写入（已存在同名文件）」, as if a file were in the form's place, where the
    register's reprint of a form there says 「…pdf: 无法写入（路径中有一项不是文件夹）」. Both now say
    the latter, naming the form; nothing is written and the declaration stays a draft."""
    import os

    wizard = open_wizard("fj2025.compute_voucher")
    click_next(qtbot, wizard)
    type_into(qtbot, editor(wizard, "enterprise.contact_name"), "李华")
    click_next(qtbot, wizard)
    add_invoice(
        qtbot, editor(wizard, "facts.compute_invoices"), "福州算力中心", "No.1", "2026-01-15", "150000"
    )
    click_next(qtbot, wizard)
    folder = store.folder / "declarations"
    if standing == "pipe":
        os.mkfifo(folder)
    else:
        folder.write_text("留存", encoding="utf-8")
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.finishing is None, timeout=10000)
    target = folder / f"{USCC}_fj2025.compute_voucher_{wizard.declaration_id}.pdf"
    said = wizard.review.error_label.text()
    assert said == f"无法完成：{target}: 无法写入（路径中有一项不是文件夹）", said
    assert wizard.isVisible() and finish.isEnabled() and not wizard.finished_ok
    if standing == "file":
        assert folder.read_text(encoding="utf-8") == "留存"
    (decl,) = store.list_declarations(USCC)
    assert decl.state == "draft" and decl.pdf_sha256 is None
    wizard.close()


@pytest.mark.parametrize("taken", ["the form's name, by a pipe", "the folder's name, by a file"])
def test_a_form_that_cannot_be_written_is_refused_in_english(qtbot, open_wizard, store, taken) -> None:
    """In English, 完成 refused a form whose declarations/ folder could not be made (a file of that name
    stands in the data folder) in Chinese: 「…/declarations: 无法写入（已存在同名文件）」 (now
    「…pdf: 无法写入（路径中有一项不是文件夹）」)."""
    import os
    import re

    from shenbao.tools import translations
    from shenbao.ui.app import create_application

    translations.build()
    create_application(language="en")
    try:
        wizard = open_wizard("fj2025.compute_voucher")
        click_next(qtbot, wizard)
        type_into(qtbot, editor(wizard, "enterprise.contact_name"), "Li Hua")
        click_next(qtbot, wizard)
        add_invoice(
            qtbot, editor(wizard, "facts.compute_invoices"), "Fuzhou compute", "No.1", "2026-01-15", "150000"
        )
        click_next(qtbot, wizard)
        folder = store.folder / "declarations"
        if taken.endswith("by a pipe"):
            folder.mkdir(exist_ok=True)
            os.mkfifo(folder / f"{USCC}_fj2025.compute_voucher_{wizard.declaration_id}.pdf")
        else:
            folder.write_text("kept", encoding="utf-8")
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.finishing is None, timeout=10000)
        said = wizard.review.error_label.text()
        assert said.startswith("Could not finish: ") and "cannot be written" in said, said
        assert not re.search("[\u4e00-\u9fff]", said), said
        assert [d.state for d in store.list_declarations(USCC)] == ["draft"]
        wizard.close()
    finally:
        create_application(language="zh_CN")
