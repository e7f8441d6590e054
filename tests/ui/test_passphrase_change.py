"""设置 → 加密密钥 → 更改数据口令…: a key under a data passphrase could only be moved to the keyring from the
window (on a laptop without one the button was greyed out); a new passphrase was the command's alone
(`shenbao key --to passphrase`). Now the window asks the new one twice (the current one only when its
store was not given it), rewraps the same key and tells every backup off the UI thread, and says what it
did. Afterwards the window reads and saves without asking, the old passphrase opens neither the data nor
a backup, and the new one opens both; a cancel or a refusal changes nothing stored."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from shenbao.core.model import parse_profile
from shenbao.core.store import Store, StoreError
from shenbao.ui.settings_dialog import SettingsDialog
from shenbao.ui.workers import running
from tests.store.factory import dumped, make_id_number, make_profile, make_uscc

OLD = "旧的数据口令 2025"
NEW = "新的数据口令 2026"
COUNT = 5  # enterprises, each with two core engineers' 身份证号 and a phone


def everything(store: Store) -> dict[str, Any]:
    return {
        "profiles": [store.get_profile(r.uscc) for r in store.list_enterprises()],
        "declarations": [{"uscc": d.uscc, **d.to_dict()} for d in store.list_declarations()],
    }


def files(store: Store) -> dict[str, Any]:
    """What is kept on disk: the database as SQL and each backup's bytes."""
    return {"database": dumped(store.path), **{p.name: p.read_bytes() for p in store.list_backups()}}


def under_a_passphrase(window: Any, dialogs: Any) -> dict[str, Any]:
    """No keyring on this computer: the first secret saved asks for a data passphrase (OLD, twice), as
    the window does; then enterprises with secrets, a wizard's draft and two backups."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    dialogs.inputs = [(OLD, True), (OLD, True)]
    window.store.save_profiles(parse_profile(make_profile(i)) for i in range(COUNT))
    assert window.store.key_home() == "passphrase" and window.ctx.passphrase == OLD
    window.store.save_draft(make_uscc(1), "fj2025.compute_voucher", {"invoices": 3, "note": "秘密"})
    window.store.backup_now()
    window.store.backup_now()
    return everything(window.store)


def the_settings(window: Any) -> SettingsDialog:
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    return dialog


def ended(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: running() == 0, timeout=60000)


def opens_with(folder: Path, passphrase: str) -> dict[str, Any]:
    with Store.open(folder, daily_backup=False, prompt=lambda _new: passphrase) as fresh:
        return everything(fresh)


def test_the_passphrase_is_changed_in_the_background_and_every_backup_follows(
    window: Any, dialogs: Any, qtbot: Any, one_thread: Any
) -> None:
    before = under_a_passphrase(window, dialogs)
    backups = window.store.list_backups()
    dialog = the_settings(window)
    button = dialog.findChild(QPushButton, "change_passphrase")
    assert button is not None
    assert (button.text(), button.isVisible(), button.isEnabled()) == ("更改数据口令…", True, True)
    assert not dialog.key_button.isEnabled()  # no keyring to move the key to
    asked = len(dialogs.texts("input"))

    dialogs.inputs = [(NEW, True), (NEW, True)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # the current passphrase was typed at the start: only the new one is asked, twice
    assert dialogs.texts("input")[asked:] == [
        "设置新的数据口令（至少 8 个字符）：",
        "请再次输入新的数据口令：",
    ]
    # the work waits for its thread: nothing is written yet, and the dialog waits with it
    assert opens_with(window.store.folder, OLD) == before
    assert dialog.rotation is not None and not dialog.buttons.isEnabled()
    assert not any(w.isEnabled() for w in (button, dialog.rotate_button, dialog.backup_button))
    dialog.reject()
    assert dialog.isVisible()
    one_thread.release.set()
    ended(qtbot)

    assert dialogs.texts("information")[-1] == "已更换数据口令，请牢记新口令；2 份备份已随之改用新口令"
    assert dialogs.texts("warning") == [] and dialogs.texts("critical") == []
    assert button.isEnabled() and dialog.buttons.isEnabled() and window.ctx.passphrase == NEW

    # the window's store reads and saves as before, asking nothing: a new engineer's 身份证号 kept
    asked = len(dialogs.texts("input"))
    assert everything(window.store) == before
    engineer = {"name": "新来的工程师", "id_number": make_id_number(99)}
    edited = window.store.get_profile(make_uscc(2))
    edited["facts"]["core_engineers"].append(engineer)
    window.store.save_profile(edited)
    after = everything(window.store)
    assert after["profiles"][2]["facts"]["core_engineers"][-1] == engineer
    assert len(dialogs.texts("input")) == asked

    # the old passphrase opens nothing any more; the new one opens the data and every backup, whole
    with pytest.raises(StoreError, match="数据口令不正确"):
        opens_with(window.store.folder, OLD)
    assert opens_with(window.store.folder, NEW) == after
    for backup in backups:
        with Store.open(window.store.folder, daily_backup=False, prompt=lambda _new: NEW) as fresh:
            fresh.restore(backup)
            assert everything(fresh) == before
        with pytest.raises(StoreError, match="数据口令不正确"):
            opens_with(window.store.folder, OLD)
    dialog.reject()


def test_after_the_change_a_new_data_key_asks_nothing_either(window: Any, dialogs: Any, qtbot: Any) -> None:
    """The data key changed after the passphrase (更换数据密钥): the window's store reads the new key with
    the new passphrase, which the window was given, rather than asking for it."""
    before = under_a_passphrase(window, dialogs)
    dialog = the_settings(window)
    dialogs.inputs = [(NEW, True), (NEW, True)]
    dialog.change_passphrase()
    ended(qtbot)
    asked = len(dialogs.texts("input"))

    dialogs.answers = [QMessageBox.StandardButton.Yes]  # the backups re-encrypted too
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    ended(qtbot)
    assert dialogs.texts("information")[-1].startswith("已更换数据密钥")
    assert everything(window.store) == before
    assert len(dialogs.texts("input")) == asked and dialogs.texts("warning") == []
    assert opens_with(window.store.folder, NEW) == before
    dialog.reject()


def test_a_cancel_or_a_refusal_changes_nothing(window: Any, dialogs: Any, qtbot: Any) -> None:
    """A new passphrase too short is refused in the store's words, two that differ are said to differ,
    and the one in use given again is said to change nothing, as `shenbao key` says it."""
    under_a_passphrase(window, dialogs)
    kept = files(window.store)
    dialog = the_settings(window)

    dialogs.inputs = [("short", True), (NEW, True), ("另一个口令 2026", True), ("", False)]
    assert dialog.change_passphrase() is None
    assert dialogs.texts("warning") == ["新的数据口令至少 8 个字符", "两次输入的新的数据口令不一致"]
    dialogs.inputs = [(NEW, True), ("", False)]  # cancelled at the second time of asking
    assert dialog.change_passphrase() is None
    assert files(window.store) == kept and dialog.rotation is None

    dialogs.inputs = [(OLD, True), (OLD, True)]
    dialog.change_passphrase()
    ended(qtbot)
    assert dialogs.texts("information")[-1] == "口令未变：新口令与现用的数据口令相同，未作更改"
    assert files(window.store) == kept
    assert opens_with(window.store.folder, OLD)["profiles"]
    dialog.reject()


def test_a_change_cancelled_before_it_began_changes_nothing(
    window: Any, dialogs: Any, qtbot: Any, one_thread: Any
) -> None:
    under_a_passphrase(window, dialogs)
    kept = files(window.store)
    dialog = the_settings(window)
    dialogs.inputs = [(NEW, True), (NEW, True)]
    dialog.change_passphrase()
    progress = dialog.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # 取消, while the work waits for its thread
    one_thread.release.set()
    ended(qtbot)
    assert dialogs.texts("information")[-1] == "已取消：数据口令未更改，数据和备份保持原样。"
    assert files(window.store) == kept and dialog.passphrase_button.isEnabled()
    assert opens_with(window.store.folder, OLD)["profiles"]
    dialog.reject()


def test_the_current_passphrase_is_asked_when_the_store_was_not_given_it(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any
) -> None:
    """A store that has not read a secret yet: the current passphrase is asked first; a wrong one is
    refused and nothing is changed."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with Store.open(data_dir, daily_backup=False, prompt=lambda _new: OLD) as first:
        first.save_profiles(parse_profile(make_profile(i)) for i in range(COUNT))
        first.backup_now()
        before = everything(first)
        kept = files(first)
    with Store.open(data_dir, daily_backup=False) as store:
        assert not store.keys.unlocked()
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        dialogs.inputs = [("错误的口令 1234", True), (NEW, True), (NEW, True)]
        dialog.change_passphrase()
        ended(qtbot)
        assert dialogs.texts("input")[0] == "请输入数据口令："
        assert dialogs.texts("warning") == ["数据口令不正确"]
        assert files(store) == kept

        dialogs.inputs = [(OLD, True), (NEW, True), (NEW, True)]
        dialog.change_passphrase()
        ended(qtbot)
        assert dialogs.texts("information")[-1] == "已更换数据口令，请牢记新口令；1 份备份已随之改用新口令"
        assert files(store) != kept and store.key_home() == "passphrase"
    assert opens_with(data_dir, NEW) == before
    with pytest.raises(StoreError, match="数据口令不正确"):
        opens_with(data_dir, OLD)


def test_the_change_is_offered_and_told_in_english(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, in_english: Any
) -> None:
    from shenbao.ui.context import AppContext

    keyring.set_keyring(keyring.backends.fail.Keyring())
    with Store.open(data_dir, daily_backup=False, prompt=lambda _new: OLD) as store:
        store.save_profile(make_profile(1))
        store.backup_now()
        context = AppContext(data_dir, store=store)
        context.passphrase = OLD  # as the window keeps it once typed
        dialog = SettingsDialog(app_settings, store, data_dir, open_store=context.open_store)
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "change_passphrase")
        assert button is not None
        dialogs.inputs = [("short", True), (NEW, True), (NEW, True)]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        ended(qtbot)
        said = [
            button.text(),
            *dialogs.texts("input"),
            *dialogs.texts("warning"),
            *dialogs.texts("information"),
        ]
    assert said[0] == "Change data passphrase…"
    assert dialogs.texts("warning") == ["The new data passphrase must have at least 8 characters"]
    assert dialogs.texts("information") == [
        "The data passphrase was changed; remember the new one. 1 backup now opens with it too"
    ]
    assert not re.search("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]", "".join(said)), said
