"""Settings → 数据文件夹 typed as a relative path (or with ~) is stored whole, and the user is told the
full path: stored as typed, each start found it again from the folder the program was started in, so the
data seemed to vanish when started from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from shenbao.core.store.repository import Store


def test_a_relative_data_folder_is_stored_as_its_full_path(
    qtbot: Any,
    data_dir: Path,
    app_settings: Any,
    dialogs: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: Any,
) -> None:
    from shenbao.ui.settings_dialog import SettingsDialog

    started_in = tmp_path / "where-started"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    parent = QWidget()
    qtbot.addWidget(parent)
    with Store.open(data_dir, daily_backup=False) as store:
        dialog = SettingsDialog(app_settings, store, data_dir, parent)
        qtbot.addWidget(dialog)
        dialog.folder_edit.setText("申报数据")
        dialog.accept()
    assert app_settings.data_dir == str(started_in / "申报数据")
    said = dialogs.texts("information")[-1]
    assert "重新启动" in said and str(started_in / "申报数据") in said

    with Store.open(data_dir, daily_backup=False) as store:
        again = SettingsDialog(app_settings, store, data_dir, parent)
        qtbot.addWidget(again)
        assert again.folder_edit.text() == str(started_in / "申报数据")
        again.folder_edit.setText(str(tmp_path / "其他"))
        again.accept()
    assert app_settings.data_dir == str(tmp_path / "其他")
    assert "完整路径" not in dialogs.texts("information")[-1]


def test_a_file_is_refused_as_the_data_folder_and_nothing_is_saved(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, tmp_path: Path, memory_keyring: Any
) -> None:
    """A file chosen as the data folder was saved, and every start after said 「未能打开数据文件夹」: it is
    refused in the dialog, which stays open, and the folder kept is the one before."""
    from shenbao.ui.settings_dialog import SettingsDialog

    a_file = tmp_path / "园区企业.xlsx"
    a_file.write_bytes(b"PK\x03\x04")
    parent = QWidget()
    qtbot.addWidget(parent)
    before = app_settings.data_dir
    with Store.open(data_dir, daily_backup=False) as store:
        dialog = SettingsDialog(app_settings, store, data_dir, parent)
        qtbot.addWidget(dialog)
        for typed, why in ((a_file, "这是一个文件，不是文件夹"), (a_file / "数据", "路径中有一项不是文件夹")):
            dialog.folder_edit.setText(str(typed))
            dialog.accept()
            said = dialogs.texts("warning")[-1]
            assert str(typed) in said and why in said and "不能用作数据文件夹" in said
            assert app_settings.data_dir == before and dialog.result() != dialog.DialogCode.Accepted
        assert not dialogs.texts("information")
        dialog.folder_edit.setText(str(tmp_path / "新数据"))  # not there yet: made at the next start
        dialog.accept()
    assert app_settings.data_dir == str(tmp_path / "新数据")
    assert a_file.read_bytes() == b"PK\x03\x04"
