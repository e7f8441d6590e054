"""An enterprise removed by another program (`shenbao profiles rm`) while the window holds unsaved edits to
it: saving offers to save what the editor shows as that enterprise again, so nothing typed is lost; saying
no keeps the edits in the editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from shenbao.core.store.repository import Store
from tests.store.factory import make_uscc, shenbao
from tests.ui.conftest import saved_profile
from tests.ui.drive import retype

YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def test_edits_to_an_enterprise_removed_elsewhere_are_saved_as_it_again(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Path
) -> None:
    code = make_uscc(5)
    document = saved_profile(5, compute_purchase_amount="1800000")
    document["enterprise"]["contact_name"] = "林晓"
    window.store.save_profile(document)
    window.reload()
    assert window.select_enterprise(code)
    retype(qtbot, window.editor.widget("facts.compute_purchase_amount"), "2400000")
    assert not window.editor.is_clean()

    removed = shenbao(data_dir, "profiles", "rm", code, SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr
    with Store.open(data_dir, daily_backup=False) as store:
        assert not store.has_enterprise(code)

    dialogs.answers = [NO]
    assert window.save() is False
    assert "已不在数据中" in dialogs.texts("question")[-1]
    assert window.editor.text("facts.compute_purchase_amount") == "2400000" and not window.editor.is_clean()
    assert not [text for kind, _t, text in dialogs.shown if kind == "warning"]

    dialogs.answers = [YES]
    assert window.save() is True
    assert window.editor.is_clean() and window.current == code
    with Store.open(data_dir, daily_backup=False) as store:
        profile = store.get_profile(code)
    assert str(profile["facts"]["compute_purchase_amount"]) == "2400000"
    assert profile["enterprise"]["name"] == "福州测试5科技有限公司"
    assert profile["enterprise"]["contact_name"] == "林晓"
    assert window.enterprises.model.rowCount() == 1
