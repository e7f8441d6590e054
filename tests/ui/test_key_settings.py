"""The settings' 加密密钥 group: the button that moves the data key between the system keyring and a
passphrase, and what the main window keeps so that background work can still read secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from shenbao.core.store.repository import Store
from shenbao.ui.settings_dialog import SettingsDialog
from tests.store.factory import ForgetfulKeyring, MemoryKeyring, make_profile, make_uscc

NEW = "新的数据口令 2026"


def test_the_settings_button_moves_the_key_under_a_passphrase_and_back(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, memory_keyring: MemoryKeyring
) -> None:
    doc = make_profile(1)
    with Store.open(data_dir) as store:
        store.save_profile(doc)
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "move_key")
        assert "系统钥匙串" in dialog.key_label.text()
        assert (button.text(), button.isEnabled()) == ("改用数据口令保护…", True)

        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the passphrase dialog cancelled
        assert store.key_home() == "keyring"

        dialogs.inputs = [("short", True), (NEW, True), ("typo", True), (NEW, True), (NEW, True)]
        with qtbot.waitSignal(dialog.passphrase_set) as emitted:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert emitted.args == [NEW]
        assert dialogs.texts("warning") == ["数据口令至少 8 个字符", "两次输入的数据口令不一致"]
        assert store.key_home() == "passphrase"
        assert memory_keyring.entries == {}
        assert "数据口令保护" in dialog.key_label.text()
        assert (button.text(), button.isEnabled()) == ("改存到系统钥匙串", True)

        keyring.set_keyring(keyring.backends.fail.Keyring())
        dialog.refresh_key()
        assert not button.isEnabled()
        assert button.toolTip() == "这台电脑上没有可用的系统钥匙串"

        keyring.set_keyring(ForgetfulKeyring())
        dialog.refresh_key()
        assert not dialog.move_key()
        assert "读不回来" in dialogs.texts("warning")[-1]
        assert store.key_home() == "passphrase"

        keyring.set_keyring(memory_keyring)
        dialog.refresh_key()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert store.key_home() == "keyring"
        assert button.text() == "改用数据口令保护…"
        assert button.toolTip() == ""
    with Store.open(data_dir) as store:
        assert store.get_profile(make_uscc(1)) == {k: v for k, v in doc.items() if k != "format"}


def moved_under_a_passphrase(window: Any, dialogs: Any) -> tuple[dict[str, Any], SettingsDialog]:
    """An enterprise with secrets saved, then the data key moved under NEW from the settings."""
    doc = make_profile(2)
    window.store.save_profile(doc)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    dialogs.inputs = [(NEW, True), (NEW, True)]
    assert dialog.move_key()
    return doc, dialog


def test_after_the_move_background_work_still_reads_the_secrets(window: Any, dialogs: Any) -> None:
    doc, dialog = moved_under_a_passphrase(window, dialogs)
    with window.ctx.open_store() as other:
        assert other.get_profile(make_uscc(2))["facts"]["core_engineers"] == doc["facts"]["core_engineers"]
    dialog.reject()


def test_background_work_asks_for_a_passphrase_not_yet_given(window: Any, dialogs: Any, qtbot: Any) -> None:
    """Started with the key under a passphrase the window has not needed yet, background work that reads
    a secret asks for it once, on the UI thread, as the window would, instead of failing; the 待办 and the
    pipeline read no secret and ask nothing."""
    from shenbao.ui.context import OpChanges

    doc, dialog = moved_under_a_passphrase(window, dialogs)
    dialog.reject()
    window.ctx.passphrase = None  # as after a start that has not read a secret yet
    asked = len(dialogs.texts("input"))

    todo = window.windows.todo()
    qtbot.waitUntil(lambda: todo.heading.text() != "正在查找待办事项…", timeout=20000)
    pipeline = window.windows.pipeline()
    qtbot.waitUntil(lambda: len(pipeline.tenants) == 1, timeout=20000)  # listed, then gathered
    assert len(dialogs.texts("input")) == asked and window.ctx.passphrase is None

    dialogs.inputs = [(NEW, True)]
    read: list[Any] = []
    for expected in (1, 2):
        window.ctx.run(
            lambda store, _task: (store.get_profile(make_uscc(2)), OpChanges()),
            parent=window,
            show_progress=False,
            on_success=read.append,
        )
        qtbot.waitUntil(lambda e=expected: len(read) == e, timeout=20000)
    assert [r["facts"]["core_engineers"] for r in read] == [doc["facts"]["core_engineers"]] * 2
    assert len(dialogs.texts("input")) == asked + 1 and window.ctx.passphrase == NEW  # asked once, kept
    assert dialogs.texts("warning") == [] and dialogs.texts("critical") == []


def test_the_settings_button_changes_the_data_key_and_asks_about_backups(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, memory_keyring: MemoryKeyring
) -> None:
    from PySide6.QtWidgets import QMessageBox

    with Store.open(data_dir, daily_backup=False) as store:
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "rotate_key")
        assert not button.isEnabled()  # no key yet
        store.save_profile(make_profile(1))
        store.backup_now()
        dialog.refresh_key()
        assert button.isEnabled()
        old = store.keys.cipher
        before = store.get_profile(make_uscc(1))

        dialogs.answers = [QMessageBox.StandardButton.Cancel]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert store.keys.cipher is old and len(store.list_backups()) == 1

        dialogs.answers = [QMessageBox.StandardButton.No]  # change the key and delete the backups
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.rotation is None, timeout=20000)
        assert "1 份备份仍由旧密钥加密" in dialogs.texts("question")[-1]
        assert "1 份备份已删除" in dialogs.texts("information")[-1]
        assert store.list_backups() == [] and dialog.backups.count() == 0
        assert store.keys.cipher is not old
        assert store.get_profile(make_uscc(1)) == before


def test_a_mistyped_passphrase_is_asked_again_saying_why(window: Any, dialogs: Any, qtbot: Any) -> None:
    """The store asks up to three times; the window says the words were wrong before asking again,
    both when it opens the data and when background work needs the key, instead of trying the same
    wrong words again or showing the same dialog without a word."""
    from shenbao.ui.context import OpChanges
    from shenbao.ui.data_folder import open_store

    doc, dialog = moved_under_a_passphrase(window, dialogs)
    dialog.reject()
    window.ctx.passphrase = None
    asked = len(dialogs.texts("input"))
    dialogs.inputs = [("错误的口令 1234", True), (NEW, True)]
    read: list[Any] = []
    window.ctx.run(
        lambda store, _task: (store.get_profile(make_uscc(2)), OpChanges()),
        parent=window,
        show_progress=False,
        on_success=read.append,
    )
    qtbot.waitUntil(lambda: len(read) == 1, timeout=20000)
    assert read[0]["facts"]["core_engineers"] == doc["facts"]["core_engineers"]
    assert len(dialogs.texts("input")) == asked + 2 and window.ctx.passphrase == NEW
    assert dialogs.texts("warning") == ["数据口令不正确，请重新输入"]

    window.ctx.passphrase = None
    dialogs.inputs = [("又错了的口令 5678", True), (NEW, True)]
    store = open_store(window, window.ctx)
    assert store is not None
    with store:
        assert store.get_profile(make_uscc(2))["facts"]["core_engineers"] == doc["facts"]["core_engineers"]
    assert dialogs.texts("warning") == ["数据口令不正确，请重新输入"] * 2
    assert dialogs.texts("critical") == [] and window.ctx.passphrase == NEW


def test_changing_the_data_key_is_told_in_english(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, in_english: Any
) -> None:
    """The question and what the change did, in the English interface, one backup in the singular (the
    result was the command line's Chinese sentence: 「已更换数据密钥，重新加密 1 项；1 份备份已重新加密」)."""
    import re

    from PySide6.QtWidgets import QMessageBox

    with Store.open(data_dir, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        store.backup_now()
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        dialogs.answers = [QMessageBox.StandardButton.Yes]  # the backup re-encrypted too
        qtbot.mouseClick(dialog.findChild(QPushButton, "rotate_key"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.rotation is None, timeout=20000)
    question, done = dialogs.texts("question")[-1], dialogs.texts("information")[-1]
    assert "1 backup is still encrypted under the old key" in question
    assert done == "The data key was changed: 1 item re-encrypted; 1 backup re-encrypted"
    assert not re.search("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", question + done)


def test_the_backups_are_listed_without_an_ideographic_space_in_english(
    qtbot: Any, data_dir: Path, app_settings: Any, in_english: Any
) -> None:
    """Each backup's date and file were set apart by 「　」, a Chinese full-width space, in English too."""
    with Store.open(data_dir, daily_backup=False) as store:
        made = store.backup_now()
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        shown = dialog.backups.item(0).text()
    assert shown.endswith("\u00a0\u00a0" + made.name) and "\u3000" not in shown, shown
