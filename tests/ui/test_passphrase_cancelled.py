"""A passphrase dialog cancelled in the window: the window says nothing meant for the command line (a
terminal to type in, an environment variable to set), and a bundle's import cancelled at its passphrase
ends as any cancelled import does, with nothing written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.store import Store
from shenbao.core.store.transfer import export_bundle
from tests.conftest import AS_OF
from tests.store.factory import make_profile, make_uscc


def test_a_bundle_import_cancelled_at_its_passphrase_ends_quietly_and_writes_nothing(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with Store.open(other, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        bundle = tmp_path / "园区.shenbao"
        export_bundle(store, bundle, [make_uscc(1)], passphrase="数据包口令 2026")
    for answer in [("", False), ("", True)]:  # the dialog cancelled; OK pressed with nothing typed
        dialogs.inputs = [answer]
        with qtbot.waitSignal(window.operations.finished, timeout=20000):
            window.operations.import_files([str(bundle)])
        assert [kind for kind, _title, _text in dialogs.shown] == ["input"], dialogs.shown
        assert window.store.list_enterprises() == []
        dialogs.shown.clear()


COMMAND_LINE = re.compile("终端|环境变量|SHENBAO_")


def test_the_data_passphrase_cancelled_is_told_as_the_window_asked_for_it(
    qtbot: Any, locked_folder: Path, app_settings: Any, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow
    from shenbao.ui.workers import running

    monkeypatch.delenv("SHENBAO_PASSPHRASE")
    create_application(language="zh_CN")
    app_settings.last_enterprise = make_uscc(4)
    win = MainWindow(locked_folder, app_settings, today=lambda: AS_OF)  # the passphrase dialog cancelled
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    said = dialogs.texts("warning") + [win.statusBar().currentMessage()]
    assert all("未输入数据口令" in text for text in said), said
    assert not any(COMMAND_LINE.search(text) for text in said), said
    assert win.current is None

    dialogs.shown.clear()  # background work reading a secret, its passphrase dialog cancelled too
    win.operations.export_bundle(str(locked_folder.parent / "园区.shenbao"), "数据包口令 2026")
    qtbot.waitUntil(lambda: running() == 0 and bool(dialogs.texts("warning")), timeout=20000)
    said = dialogs.texts("warning")
    assert [kind for kind, _title, _text in dialogs.shown] == ["input", "warning"], dialogs.shown
    assert "未输入数据口令" in said[0] and not COMMAND_LINE.search(said[0]), said
    win.close()
