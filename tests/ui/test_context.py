"""Every view follows the store through the application context: what a wizard saved is never undone
by a save from the profile editor, and the views reload when an operation reports a change. (The walk
wizard → profile edit → save is in tests/journeys.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWizard

from tests.store.factory import make_id_number
from tests.ui.conftest import saved_profile
from tests.ui.drive import add_row, click, retype

ROSTER = "fj2025.core_engineer"


def engineers(n: int) -> list[dict[str, str]]:
    return [{"name": f"工程师{i}", "id_number": make_id_number(i)} for i in range(n)]


@pytest.fixture
def no_pdf_viewer(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    return opened


def stored(window: Any, code: str) -> dict[str, Any]:
    return window.store.get_profile(code)


def roster_wizard(window: Any, doc: dict[str, Any]) -> tuple[str, Any]:
    """Store a backbone enterprise, show it in the editor and open its 核心工程师 wizard's roster."""
    doc["enterprise"]["in_ai_backbone_list"] = True
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    wizard = window.open_wizard(ROSTER)
    wizard.go_to("engineers")
    return code, wizard


def finish(qtbot: Any, wizard: Any) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    with qtbot.waitSignal(wizard.pdfRendered, timeout=20000):
        click(qtbot, wizard, QWizard.WizardButton.FinishButton)


def test_an_edit_in_progress_survives_a_wizard_saving_the_same_enterprise(
    qtbot: Any, window: Any, no_pdf_viewer: list[Any]
) -> None:
    code, wizard = roster_wizard(window, saved_profile(4, core_engineers=engineers(2)))
    retype(qtbot, window.editor.widget("enterprise.employees"), "33")  # typed beside the open wizard
    roster = wizard.currentPage().editors["facts.core_engineers"]
    add_row(qtbot, roster, "第三位工程师", "", make_id_number(41))
    finish(qtbot, wizard)

    editor = window.editor
    assert editor.text("enterprise.employees") == "33" and not editor.is_clean()  # the typing is kept
    assert len(editor.document()["facts"]["core_engineers"]) == 3  # the base is what was stored
    assert window.save()
    saved = stored(window, code)
    assert saved["enterprise"]["employees"] == 33 and len(saved["facts"]["core_engineers"]) == 3


def test_a_wizard_finished_after_a_profile_save_keeps_what_was_saved(
    qtbot: Any, window: Any, no_pdf_viewer: list[Any]
) -> None:
    code, wizard = roster_wizard(window, saved_profile(5, core_engineers=engineers(2)))
    retype(qtbot, window.editor.widget("enterprise.employees"), "44")
    assert window.save()  # saved while the wizard is open on the same enterprise
    add_row(
        qtbot, wizard.currentPage().editors["facts.core_engineers"], "第三位工程师", "", make_id_number(42)
    )
    finish(qtbot, wizard)
    saved = stored(window, code)
    assert saved["enterprise"]["employees"] == 44 and len(saved["facts"]["core_engineers"]) == 3


def test_a_save_writes_only_the_fields_edited_over_newer_stored_values(qtbot: Any, window: Any) -> None:
    doc = saved_profile(5)
    doc["enterprise"].update(employees=10, rd_staff=2)
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    retype(qtbot, window.editor.widget("enterprise.employees"), "11")
    # another program (the command line, another window) changes the same enterprise meanwhile
    newer = stored(window, code)
    newer["enterprise"]["rd_staff"] = 7
    newer["enterprise"]["contact_name"] = "王芳"
    window.store.save_profile(newer)
    assert window.save()
    saved = stored(window, code)
    assert saved["enterprise"]["employees"] == 11
    assert saved["enterprise"]["rd_staff"] == 7 and saved["enterprise"]["contact_name"] == "王芳"


def test_the_list_and_an_open_park_view_follow_an_import(qtbot: Any, window: Any, tmp_path: Any) -> None:
    import json

    window.store.save_profile(saved_profile(6))
    window.reload()
    park = window.windows.park()
    assert park.model.rowCount() == 1  # listed at once
    with qtbot.waitSignal(park.loaded, timeout=20000):  # and judged
        pass
    incoming = tmp_path / "new.json"
    incoming.write_text(json.dumps({"format": "shenbao-profile/1", **saved_profile(7)}), encoding="utf-8")
    with qtbot.waitSignal(park.loaded, timeout=20000):
        window.operations.import_files([str(incoming)])
    assert park.model.rowCount() == 2
    assert window.enterprises.model.rowCount() == 2


def test_an_open_library_follows_the_as_of_date(qtbot: Any, window: Any) -> None:
    import datetime as dt

    library = window.windows.library()
    row = library.documents.row_of("fj2025")
    status = library.documents.index(row, 1)
    assert status.data() == "现行有效"
    window.preview.set_as_of(dt.date(2029, 1, 1))  # the user picks another date in the preview
    assert window.ctx.as_of() == dt.date(2029, 1, 1)
    assert status.data() == "已失效"


def test_open_side_windows_follow_a_park_import_once_not_once_per_enterprise(
    qtbot: Any, window: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A park table of 300 enterprises imported with the register, the 待办 panel and the 申报进度 view
    open: each gathers its rows again once. (Each heard every enterprise's code: 300 gatherings, in the
    background for the 待办 and 申报进度, kept the machine busy for minutes after a 1,000-row import.)"""
    from shenbao.core.store.tables import write_table
    from shenbao.ui.pipeline_view import PipelineView
    from shenbao.ui.register_view import RegisterView
    from shenbao.ui.todo_panel import TodoPanel
    from shenbao.ui.workers import running

    gathered: list[str] = []
    for kind, method in ((RegisterView, "reload"), (TodoPanel, "refresh"), (PipelineView, "refresh")):
        real = getattr(kind, method)

        def counted(self: Any, *args: Any, _real: Any = real, _name: str = kind.__name__) -> Any:
            gathered.append(_name)
            return _real(self, *args)

        monkeypatch.setattr(kind, method, counted)
    window.store.save_profile(saved_profile(1))
    window.reload()
    window.actions_by_id["register"].trigger()
    window.actions_by_id["pipeline"].trigger()
    todo = window.windows.todo(on_start=False)
    qtbot.waitUntil(lambda: running() == 0, timeout=20000)
    pipeline = next(w for w in window.windows.open_now if isinstance(w, PipelineView))
    register = next(w for w in window.windows.open_now if isinstance(w, RegisterView))
    gathered.clear()
    table = tmp_path / "园区企业.csv"
    write_table(table, [saved_profile(i) for i in range(100, 400)])
    window.operations.import_files([str(table)])
    qtbot.waitUntil(lambda: window.enterprises.model.rowCount() == 301 and running() == 0, timeout=60000)
    assert sorted(gathered) == ["PipelineView", "RegisterView", "TodoPanel"]
    assert pipeline.model.rowCount() == 301  # and what they show is the store after the import
    assert todo.isVisible() and register.isVisible()


def test_undo_and_redo_after_a_wizard_saved_the_same_field_stay_true_to_the_store(
    qtbot: Any, window: Any, no_pdf_viewer: list[Any]
) -> None:
    """联系人 typed and saved in the editor (张三), a phone typed and undone, then both changed by a
    wizard (李华, 0591-7654321): undo and redo go between what the user typed and what is stored, and the
    clean state is what is stored. (Redo showed 张三 as saved, undo an empty phone as saved: closing
    asked nothing, and the next save wrote them over the wizard's answers.)"""
    doc = saved_profile(8, compute_subsidy_year_index=1)
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    editor = window.editor
    undo, redo = window.actions_by_id["undo"], window.actions_by_id["redo"]
    retype(qtbot, editor.widget("enterprise.contact_name"), "张三")
    assert window.save()
    retype(qtbot, editor.widget("enterprise.contact_phone"), "0591-1234567")
    undo.trigger()
    assert editor.text("enterprise.contact_phone") == "" and editor.is_clean()

    wizard = window.open_wizard("fj2025.compute_voucher")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    contact = wizard.currentPage().editors
    retype(qtbot, contact["enterprise.contact_name"].line, "李华")
    retype(qtbot, contact["enterprise.contact_phone"].line, "0591-7654321")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    invoices = wizard.currentPage().editors["facts.compute_invoices"]
    add_row(qtbot, invoices, "算力中心", "No.1", "2026-01-15", "150000")
    finish(qtbot, wizard)
    assert editor.text("enterprise.contact_name") == "李华" and editor.is_clean()
    assert editor.text("enterprise.contact_phone") == "0591-7654321"

    redo.trigger()  # the phone typed before the wizard, over the wizard's
    assert editor.text("enterprise.contact_phone") == "0591-1234567" and not editor.is_clean()
    undo.trigger()
    assert editor.text("enterprise.contact_phone") == "0591-7654321" and editor.is_clean()
    undo.trigger()  # the name: back to before 张三 was typed
    assert editor.text("enterprise.contact_name") == "" and not editor.is_clean()
    redo.trigger()
    assert editor.text("enterprise.contact_name") == "李华" and editor.is_clean()
    assert editor.edited_paths() == []
    assert window.save()
    saved = stored(window, code)["enterprise"]
    assert (saved["contact_name"], saved["contact_phone"]) == ("李华", "0591-7654321")
