"""Every fact in the profile editor says where it came from: typed (and when), imported (from which
file, when), or derived from a detail list, which the editor shows with its total and a link to the
list instead of an empty field that ignores what is typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit

from tests.store.factory import make_id_number
from tests.ui.conftest import AS_OF, saved_profile
from tests.ui.drive import retype

INVOICES = [
    {"supplier": "福州算力中心", "invoice_no": f"No.000{i}", "date": "2026-01-15", "amount": amount}
    for i, amount in enumerate((120000, 80000, 50000))
]
ENGINEERS = [{"name": f"工程师{i}", "id_number": make_id_number(i)} for i in range(2)]


def show(window: Any, doc: dict[str, Any]) -> str:
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    return code


def test_a_fact_a_list_stands_for_shows_the_total_where_it_comes_from_and_a_link(window: Any) -> None:
    show(window, saved_profile(1, compute_invoices=INVOICES, core_engineers=ENGINEERS))
    editor = window.editor
    amount = editor.widget("facts.compute_purchase_amount")
    count = editor.widget("facts.core_engineer_count")
    assert isinstance(amount, QLineEdit) and isinstance(count, QLineEdit)
    assert amount.text() == "250000" and amount.isReadOnly()
    assert count.text() == "2" and count.isReadOnly()
    assert editor.source_text("facts.compute_purchase_amount") == "由 3 张发票计得 · 编辑发票明细"
    assert editor.source_text("facts.core_engineer_count") == "由 2 名工程师的名册计得 · 编辑工程师名册"
    assert "facts.compute_purchase_amount" not in editor.document()["facts"]  # the list stays the source
    assert editor.is_clean()


def test_the_link_opens_the_wizard_on_the_list(qtbot: Any, window: Any) -> None:
    show(window, saved_profile(2, compute_invoices=INVOICES))
    source = window.editor.findChild(type(window.folder_label), "facts.compute_purchase_amount:source")
    source.linkActivated.emit("facts.compute_invoices")
    from shenbao.ui.wizard import WizardDialog

    wizard = window.findChild(WizardDialog)
    assert wizard is not None and wizard.isVisible()
    assert "facts.compute_invoices" in wizard.currentPage().editors
    assert wizard.measure in ("fj2025.compute_voucher", "fz2024.compute_use")  # in force, not fj2023's
    wizard.reject()


def test_a_typed_value_is_recorded_as_typed_with_the_day(qtbot: Any, window: Any) -> None:
    code = show(window, saved_profile(3))
    editor = window.editor
    assert editor.source_text("enterprise.employees") == ""
    retype(qtbot, editor.widget("enterprise.employees"), "42")
    assert window.save()
    stored = window.store.get_profile(code)
    assert stored["provenance"]["enterprise.employees"] == {"source": "typed", "date": AS_OF.isoformat()}
    assert "enterprise.name" not in stored["provenance"]  # not edited this time
    assert editor.source_text("enterprise.employees") == f"手工填写（{AS_OF.isoformat()}）"


def test_an_imported_value_names_its_file_and_day(qtbot: Any, window: Any, tmp_path: Path) -> None:
    doc = saved_profile(4)
    doc["enterprise"]["employees"] = 18
    incoming = tmp_path / "园区名单.json"
    incoming.write_text(
        json.dumps({"format": "shenbao-profile/1", **doc}, ensure_ascii=False), encoding="utf-8"
    )
    with qtbot.waitSignal(window.operations.imported, timeout=20000):
        window.operations.import_files([str(incoming)])
    assert window.select_enterprise(doc["enterprise"]["uscc"])
    expected = f"导入自 园区名单.json（{AS_OF.isoformat()}）"
    assert window.editor.source_text("enterprise.employees") == expected
    assert window.editor.source_text("enterprise.name") == expected
