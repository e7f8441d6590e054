"""Journeys through the real main window, each from an empty data folder to what the user keeps,
comparing the whole stored profile before and after each step (not only a count):

- create an enterprise, fill its profile, walk a measure's wizard and print the 申报书;
- finish a wizard, edit the profile, save: nothing the wizard saved is lost;
- leave a wizard's draft, edit the profile, resume and finish: nothing the editor saved is lost;
- type into one enterprise, then import a park table from the menu and discard the edits when asked;
- type into one enterprise, then reopen another's draft from the register and answer the question.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QMessageBox, QWizard

from tests.pdf.helpers import text_of
from tests.store.factory import make_id_number, make_uscc
from tests.ui.conftest import AS_OF, saved_profile
from tests.ui.drive import add_row, click, retype, type_text

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]

NAME = "福州榕智算力科技有限公司"
CODE = make_uscc(61)
TODAY = {"source": "typed", "date": AS_OF.isoformat()}


@pytest.fixture(autouse=True)
def no_pdf_viewer(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    return opened


def choose(qtbot: Any, combo: QComboBox, text: str) -> None:
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def wizards(window: Any) -> list[Any]:
    from shenbao.ui.wizard import WizardDialog

    return [w for w in window.findChildren(WizardDialog) if w.isVisible()]


def finish(qtbot: Any, wizard: Any) -> Path:
    while wizard.current_page_name() != "review":
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000) as rendered:
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    return Path(rendered.args[0])


def stored_and_chosen(window: Any, doc: dict[str, Any]) -> str:
    """Store a profile, as another view would, and choose it in the window's list; its code."""
    code = str(doc["enterprise"]["uscc"])
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    return code


def answered(before: dict[str, Any], enterprise: dict[str, Any], invoices: list[Any]) -> dict[str, Any]:
    """The stored profile `before` with a voucher wizard's answers about the enterprise and its invoices
    laid over it, each recorded as typed today."""
    return {
        "enterprise": {**before["enterprise"], **enterprise},
        "facts": {**before["facts"], "compute_invoices": invoices},
        "provenance": {
            **before["provenance"],
            **{f"enterprise.{key}": TODAY for key in enterprise},
            "facts.compute_invoices": TODAY,
        },
    }


def test_create_fill_wizard_print(qtbot: Any, window: Any) -> None:
    editor = window.editor
    assert window.enterprises.model.rowCount() == 0 and window.current is None
    type_text(qtbot, editor.widget("enterprise.name"), NAME)
    type_text(qtbot, editor.widget("enterprise.uscc"), CODE.lower())
    type_text(qtbot, editor.widget("enterprise.city"), "福州市")
    type_text(qtbot, editor.widget("enterprise.district"), "鼓楼区")
    choose(qtbot, editor.widget("enterprise.is_ai_enterprise"), "是")
    type_text(qtbot, editor.widget("facts.compute_subsidy_year_index"), "1")
    window.actions_by_id["save"].trigger()
    assert window.current == CODE and editor.is_clean()
    created = window.store.get_profile(CODE)
    assert created == {
        "enterprise": {
            "name": NAME,
            "uscc": CODE,
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": "鼓楼区",
            "is_ai_enterprise": True,
            "recognitions": [],
        },
        "facts": {"compute_subsidy_year_index": 1},
        "provenance": {
            path: TODAY
            for path in (
                "enterprise.name",
                "enterprise.uscc",
                "enterprise.org_type",
                "enterprise.province",
                "enterprise.city",
                "enterprise.district",
                "enterprise.is_ai_enterprise",
                "facts.compute_subsidy_year_index",
            )
        },
    }

    wizard = window.open_wizard("fj2025.compute_voucher")
    assert wizard is not None and wizard.current_page_name() == "applicant"
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    retype(qtbot, wizard.currentPage().editors["enterprise.contact_name"].line, "李华")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    invoices = wizard.currentPage().editors["facts.compute_invoices"]
    add_row(qtbot, invoices, "福州算力中心", "No.0001", "2026-01-15", "120000")
    add_row(qtbot, invoices, "福建云算力公司", "No.0002", "2026-02-20", "80000")
    pdf = finish(qtbot, wizard)

    text, _pages = text_of(pdf)
    assert NAME in text and CODE in text and "100,000.00" in text
    (declaration,) = window.store.list_declarations(CODE)
    assert declaration.state == "rendered" and declaration.preview["amount"] == "100000.00"
    after = window.store.get_profile(CODE)
    rows = [
        {"supplier": "福州算力中心", "invoice_no": "No.0001", "date": "2026-01-15", "amount": 120000},
        {"supplier": "福建云算力公司", "invoice_no": "No.0002", "date": "2026-02-20", "amount": 80000},
    ]
    assert after == answered(created, {"contact_name": "李华"}, rows)
    # the editor shows what the wizard saved: the invoices' total, where it comes from
    assert editor.widget("enterprise.contact_name").text() == "李华"
    assert editor.widget("facts.compute_purchase_amount").text() == "200000"
    assert editor.source_text("facts.compute_purchase_amount").startswith("由 2 张发票计得")
    assert window.enterprises.model.rows()[0].declarations == 1


def test_wizard_then_profile_edit_then_save_loses_nothing(qtbot: Any, window: Any) -> None:
    doc = saved_profile(
        62, core_engineers=[{"name": f"工程师{i}", "id_number": make_id_number(i)} for i in range(4)]
    )
    doc["enterprise"].update(in_ai_backbone_list=True, employees=80)
    code = stored_and_chosen(window, doc)
    wizard = window.open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = wizard.currentPage().editors["facts.core_engineers"]
    add_row(qtbot, roster, "第五位工程师", "", make_id_number(45))
    finish(qtbot, wizard)
    after_wizard = window.store.get_profile(code)
    assert len(after_wizard["facts"]["core_engineers"]) == 5

    retype(qtbot, window.editor.widget("enterprise.employees"), "120")
    window.actions_by_id["save"].trigger()
    assert window.editor.is_clean()
    assert window.store.get_profile(code) == {
        **after_wizard,
        "enterprise": {**after_wizard["enterprise"], "employees": 120},
        "provenance": {**after_wizard["provenance"], "enterprise.employees": TODAY},
    }


def test_a_draft_left_then_the_profile_edited_keeps_the_edits(qtbot: Any, window: Any) -> None:
    """A wizard left on its second page, then the editor's fields saved, then the wizard reopened and
    finished: the draft holds what was answered in the wizard, not a copy of the whole profile as it
    was, so the editor's newer values are shown and kept."""
    doc = saved_profile(63, compute_subsidy_year_index=1)
    code = stored_and_chosen(window, doc)
    wizard = window.open_wizard("fj2025.compute_voucher")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    retype(qtbot, wizard.currentPage().editors["enterprise.contact_phone"].line, "0591-87654321")
    wizard.close()
    assert window.store.open_declaration(code, "fj2025.compute_voucher").page == "contact"

    editor = window.editor
    retype(qtbot, editor.widget("enterprise.contact_name"), "王五")
    retype(qtbot, editor.widget("enterprise.employees"), "33")
    retype(qtbot, editor.widget("enterprise.name"), "福州榕智更名科技有限公司")
    window.actions_by_id["save"].trigger()
    assert editor.is_clean()
    edited = window.store.get_profile(code)

    again = window.open_wizard("fj2025.compute_voucher")
    assert again.current_page_name() == "contact"
    contact = again.currentPage().editors
    assert contact["enterprise.contact_name"].value() == "王五"
    assert contact["enterprise.employees"].value() == 33
    assert contact["enterprise.contact_phone"].value() == "0591-87654321"  # the wizard's own answer
    click(qtbot, again, QWizard.WizardButton.NextButton)
    add_row(
        qtbot,
        again.currentPage().editors["facts.compute_invoices"],
        "福州算力中心",
        "No.1",
        "2026-01-15",
        "150000",
    )
    finish(qtbot, again)
    after = window.store.get_profile(code)
    assert after["enterprise"] == {**edited["enterprise"], "contact_phone": "0591-87654321"}
    assert after["facts"]["compute_invoices"][0]["amount"] == 150000


def test_an_answer_the_profile_changed_after_the_draft_gave_way_to_the_newer_value(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    """联系人 and 注册地址 answered in a wizard, the wizard closed (a draft), then both changed in the
    editor and saved: resumed, the draft put its older answers back over the newer ones, and 完成
    stored them, reverting the editor's save without a word. Now the profile's newer values are shown
    and kept, the wizard says once which answers gave way, and an answer the profile did not change
    since (联系电话) is the draft's as before."""
    doc = saved_profile(65, compute_subsidy_year_index=1)
    code = stored_and_chosen(window, doc)
    wizard = window.open_wizard("fj2025.compute_voucher")
    retype(qtbot, wizard.currentPage().editors["enterprise.address"].line, "福州市鼓楼区草稿路 1 号")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    contact = wizard.currentPage().editors
    retype(qtbot, contact["enterprise.contact_name"].line, "张三")
    retype(qtbot, contact["enterprise.contact_phone"].line, "0591-87654321")
    wizard.close()
    assert window.store.get_profile(code) == doc  # a draft writes nothing into the profile

    editor = window.editor
    retype(qtbot, editor.widget("enterprise.contact_name"), "李四")
    retype(qtbot, editor.widget("enterprise.address"), "福州市鼓楼区档案路 2 号")
    window.actions_by_id["save"].trigger()
    assert editor.is_clean()
    edited = window.store.get_profile(code)
    assert edited["enterprise"]["contact_name"] == "李四"

    again = window.open_wizard("fj2025.compute_voucher")
    assert again.current_page_name() == "contact"
    contact = again.currentPage().editors
    assert contact["enterprise.contact_name"].value() == "李四"
    assert contact["enterprise.contact_phone"].value() == "0591-87654321"  # the profile has no other
    notice = again.currentPage().findChild(QLabel, "replaced")
    assert notice is not None and notice.isVisible()
    assert notice.text() == (
        "草稿保存后档案中又改了以下各项，已换为档案中的新值："
        "注册地址（草稿中为“福州市鼓楼区草稿路 1 号”）、联系人（草稿中为“张三”）"
    )
    assert dialogs.shown == []
    click(qtbot, again, QWizard.WizardButton.BackButton)
    assert again.currentPage().editors["enterprise.address"].value() == "福州市鼓楼区档案路 2 号"
    click(qtbot, again, QWizard.WizardButton.NextButton)
    click(qtbot, again, QWizard.WizardButton.NextButton)
    invoices = again.currentPage().editors["facts.compute_invoices"]
    add_row(qtbot, invoices, "福州算力中心", "No.1", "2026-01-15", "150000")
    pdf = finish(qtbot, again)

    after = window.store.get_profile(code)
    rows = [{"supplier": "福州算力中心", "invoice_no": "No.1", "date": "2026-01-15", "amount": 150000}]
    assert after == answered(edited, {"contact_phone": "0591-87654321"}, rows)
    assert editor.widget("enterprise.contact_name").text() == "李四"
    text, _pages = text_of(pdf)
    assert "李四" in text and "档案路2号" in text
    assert "张三" not in text and "草稿路" not in text
    assert dialogs.shown == []
    printed = window.open_wizard("fj2025.compute_voucher")  # what it printed is what the profile holds
    assert printed.replaced == {} and printed.findChild(QLabel, "replaced") is None
    printed.close()


def test_invoices_saved_while_a_wizard_is_open_are_not_emptied_by_it(qtbot: Any, window: Any) -> None:
    """An empty invoice page in a wizard is no answer: invoices another view saved meanwhile (an
    import, 导入发票) stay when the wizard is finished, and show when it is reopened."""
    doc = saved_profile(64, compute_subsidy_year_index=1)
    code = stored_and_chosen(window, doc)
    wizard = window.open_wizard("fj2025.compute_voucher")
    wizard.go_to("purchase")
    wizard.close()  # a draft, on the invoices' page, with no invoice typed
    rows = [{"supplier": "福州算力中心", "invoice_no": "No.0009", "date": "2026-01-15", "amount": 150000}]
    window.store.save_profile({**doc, "facts": {**doc["facts"], "compute_invoices": rows}})

    again = window.open_wizard("fj2025.compute_voucher")
    assert again.current_page_name() == "purchase"
    assert again.currentPage().editors["facts.compute_invoices"].value() == rows
    finish(qtbot, again)
    assert window.store.get_profile(code)["facts"]["compute_invoices"] == rows


def test_the_apps_own_plain_bundle_imported_back_keeps_rosters_and_phones(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three enterprises with engineers born 1962–1995, phones, invoices and a draft, exported from the
    window to a bundle without a passphrase (which leaves the 身份证号 and phones out), then imported
    back with the preview's own choice: every stored profile and declaration is as it was, and the
    preview says so. (Each lost its phone and its roster, replaced by the count: a plain bundle cannot
    carry them, so their absence says nothing.)"""
    from shenbao.ui.import_preview import ImportPreview
    from shenbao.ui.workers import running
    from tests.journeys.helpers import engineers

    summaries: list[str] = []

    def accept(dialog: Any) -> int:  # the user reads the preview and presses its 导入 button
        for tab in ("updates", "unchanged"):
            summaries.append(dialog.findChild(type(dialog.errors), tab).toPlainText())
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "exec", accept)
    codes = [make_uscc(i) for i in range(65, 68)]
    for i, code in enumerate(codes):
        doc = saved_profile(
            65 + i,
            core_engineers=engineers(i, 3),
            compute_invoices=[
                {"supplier": "算力中心", "invoice_no": f"No.{i}", "date": "2026-01-15", "amount": 150000}
            ],
        )
        doc["enterprise"].update(in_ai_backbone_list=True, contact_phone="0591-87654321", employees=10 + i)
        window.store.save_profile(doc)
        window.store.save_draft(
            code, "fj2025.compute_voucher", {"enterprise.contact_name": "李华"}, page="contact"
        )
    window.reload()
    before = {code: (window.store.get_profile(code), window.store.list_declarations(code)) for code in codes}
    bundle = tmp_path / "园区.shenbao"
    with qtbot.waitSignal(window.operations.exported, timeout=20000):
        window.operations.export_bundle(str(bundle), passphrase="")

    edited = window.store.get_profile(codes[0])  # changed after the export: the bundle puts it back
    edited["enterprise"]["employees"] = 99
    window.store.save_profile(edited)

    window.operations.import_files([str(bundle)])
    qtbot.waitUntil(lambda: running() == 0, timeout=20000)
    updates, unchanged = summaries
    assert codes[0] in updates and "从业人数：99 → 10" in updates and "不删去任何内容" in updates, updates
    assert "；删去" not in updates and all(code in unchanged for code in codes[1:]), summaries
    after = {code: (window.store.get_profile(code), window.store.list_declarations(code)) for code in codes}
    for code in codes:
        assert after[code][0] == before[code][0], code
        # the declarations the bundle holds unchanged are not written again: they keep their numbers
        assert [(d.id, d.to_dict()) for d in after[code][1]] == [(d.id, d.to_dict()) for d in before[code][1]]


def test_edits_discarded_before_a_park_table_import_are_gone(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Employees typed into an enterprise, then 文件 → 导入 of a park table of thirty tenants, and 不保存
    when asked about the edit: the editor shows the stored profile again with nothing unsaved, and the
    next enterprise chosen is shown without asking again. (The typed number stayed in the editor, still
    unsaved, after the user had said to discard it: a later 保存 wrote it.)"""
    from shenbao.ui.workers import running
    from tests.journeys.helpers import codes, write_gbk_table

    doc = saved_profile(68, compute_subsidy_year_index=1)
    doc["enterprise"]["employees"] = 12
    other = saved_profile(69)
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.store.save_profile(other)
    window.reload()
    assert window.select_enterprise(code)
    stored = window.store.get_profile(code)
    retype(qtbot, window.editor.widget("enterprise.employees"), "77")
    assert not window.editor.is_clean()

    table = write_gbk_table(tmp_path / "园区租户.csv")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(table)], "")))
    dialogs.answers = [QMessageBox.StandardButton.Discard]
    window.actions_by_id["import"].trigger()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    assert [title for _kind, title, _text in dialogs.shown] == ["尚未保存"]
    assert {row.uscc for row in window.store.list_enterprises()} == {
        code,
        other["enterprise"]["uscc"],
        *codes(),
    }
    assert window.store.get_profile(code) == stored
    assert window.current == code
    assert window.editor.text("enterprise.employees") == "12" and window.editor.is_clean()

    assert window.select_enterprise(other["enterprise"]["uscc"])  # nothing left to ask about
    assert len(dialogs.shown) == 1
    window.actions_by_id["save"].trigger()
    assert window.store.get_profile(code) == stored


@pytest.mark.parametrize("answer", ["Save", "Discard"])
def test_another_enterprise_s_draft_opened_from_the_register_with_unsaved_edits(
    qtbot: Any, window: Any, dialogs: Any, answer: str
) -> None:
    """A draft of enterprise B double-clicked in 申报记录 while A has an unsaved edit: after the question
    (保存 or 不保存) the window shows B and B's wizard opens on the draft's page; A holds what was
    answered. (The wizard did not open: the window switched to B only after the question, by which
    time the draft's request had been dropped.)"""
    first, second = saved_profile(70), saved_profile(71, compute_subsidy_year_index=1)
    a, b = first["enterprise"]["uscc"], second["enterprise"]["uscc"]
    window.store.save_profile(first)
    window.store.save_profile(second)
    window.store.save_draft(b, "fj2025.compute_voucher", {"enterprise.contact_name": "李华"}, page="contact")
    window.reload()
    assert window.select_enterprise(a)
    stored_a = window.store.get_profile(a)
    retype(qtbot, window.editor.widget("enterprise.employees"), "77")

    register = window.windows.register()
    (draft,) = register.model.entries
    assert register.select(draft.id)
    dialogs.answers = [getattr(QMessageBox.StandardButton, answer)]
    register.reopen()
    qtbot.waitUntil(lambda: bool(wizards(window)), timeout=3000)

    assert [title for _kind, title, _text in dialogs.shown] == ["尚未保存"]
    assert window.current == b and window.editor.text("enterprise.name") == second["enterprise"]["name"]
    (wizard,) = wizards(window)
    assert wizard.current_page_name() == "contact"
    assert wizard.currentPage().editors["enterprise.contact_name"].value() == "李华"
    employees = {"Save": 77, "Discard": None}[answer]
    assert window.store.get_profile(a)["enterprise"].get("employees") == employees
    if answer == "Discard":
        assert window.store.get_profile(a) == stored_a
    wizard.close()
