"""The window opened with a wrong data passphrase (SHENBAO_PASSPHRASE, or one typed wrong): the enterprises'
secrets cannot be read, which the user is told once, and the window says so where the enterprise would be
shown, instead of a highlighted enterprise beside an empty editor that looks like an enterprise with
nothing filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF
from tests.store.factory import make_uscc


def test_a_wrong_passphrase_is_said_once_and_the_editor_says_why_it_is_empty(
    qtbot: Any, locked_folder: Path, app_settings: Any, dialogs: Any
) -> None:
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    create_application(language="zh_CN")
    app_settings.last_enterprise = make_uscc(4)  # where the user was when the window last closed
    win = MainWindow(locked_folder, app_settings, today=lambda: AS_OF)
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    qtbot.wait(200)
    said = [text for _kind, _title, text in dialogs.shown if "数据口令不正确" in text]
    assert len(said) == 1, dialogs.shown
    assert win.current is None
    assert not win.enterprises.table.selectionModel().selectedRows()  # no enterprise looks shown
    assert "数据口令不正确" in win.statusBar().currentMessage()
    assert win.windowTitle().startswith("新企业（未保存）")
    win.enterprises.select(make_uscc(3))  # chosen again: said again, nothing else
    said = [text for _kind, _title, text in dialogs.shown if "数据口令不正确" in text]
    assert len(said) == 2 and win.current is None
    assert not win.enterprises.table.selectionModel().selectedRows()
    win.close()


def test_a_passphrase_typed_wrong_three_times_is_asked_for_three_times_not_six(
    qtbot: Any, locked_folder: Path, app_settings: Any, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    monkeypatch.delenv("SHENBAO_PASSPHRASE")
    dialogs.inputs = [("wrongpass9", True)] * 6
    create_application(language="zh_CN")
    app_settings.last_enterprise = make_uscc(4)
    win = MainWindow(locked_folder, app_settings, today=lambda: AS_OF)
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    asked = [label for kind, _title, label in dialogs.shown if kind == "input"]
    assert len(asked) == 3, dialogs.shown
    assert "已输入 3 次" in win.statusBar().currentMessage()
    assert win.current is None and not win.enterprises.table.selectionModel().selectedRows()
    win.close()
