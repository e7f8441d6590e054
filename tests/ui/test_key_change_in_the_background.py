"""设置 → 更换数据密钥 in the window: the secrets were re-encrypted on the UI thread, the window still for
as long (3,000 enterprises with a roster and a phone and 4 backups: 0.33–0.44 s, no progress). The work
now runs off the UI thread with a progress dialog, the settings' buttons waiting meanwhile; what is kept
afterwards opens with the new key only, from the window's own store as from a fresh one, and each backup
is re-encrypted or deleted as chosen. A folder whose backup without a key was restored offers no change
of key, and one asked for anyway makes none."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from shenbao.core.model import parse_profile
from shenbao.core.store import Store, StoreError
from shenbao.core.store.secrets import Cipher, derive_key
from shenbao.ui.settings_dialog import SettingsDialog
from shenbao.ui.workers import running
from tests.store.factory import MemoryKeyring, a_secret, dumped, make_profile, make_uscc

COUNT = 300  # enterprises, each with two core engineers' 身份证号 and a phone
NEW = "新的数据口令 2026"
YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def filled(store: Store) -> dict[str, Any]:
    """COUNT enterprises, a wizard's draft, two backups; what the store then holds, in full."""
    store.save_profiles(parse_profile(make_profile(i)) for i in range(COUNT))
    store.save_draft(make_uscc(1), "fj2025.compute_voucher", {"invoices": 3, "note": "秘密"})
    store.backup_now()
    store.backup_now()
    return everything(store)


def everything(store: Store) -> dict[str, Any]:
    return {
        "profiles": [store.get_profile(r.uscc) for r in store.list_enterprises()],
        "declarations": [{"uscc": d.uscc, **d.to_dict()} for d in store.list_declarations()],
    }


def settings_rows(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()


def ended(qtbot: Any) -> None:
    """The change of key has reported back, as every other piece of work."""
    qtbot.waitUntil(lambda: running() == 0, timeout=60000)


def the_settings(window: Any) -> SettingsDialog:
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    return dialog


def held(dialog: SettingsDialog) -> list[Any]:
    """What waits while the key is changed: the key's buttons, the backups' and the dialog's own."""
    return [
        dialog.key_button,
        dialog.rotate_button,
        dialog.backups,
        dialog.backup_button,
        dialog.restore_button,
        dialog.browse_button,
        dialog.buttons,
    ]


def test_the_key_is_changed_off_the_ui_thread_and_every_backup_re_encrypted(
    window: Any, dialogs: Any, qtbot: Any, memory_keyring: MemoryKeyring, one_thread: Any
) -> None:
    before = filled(window.store)
    backups = window.store.list_backups()
    old = window.store.keys.cipher
    old_check = settings_rows(window.store.path)["key_check"]
    dialog = the_settings(window)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(16)

    dialogs.answers = [YES]  # the backups re-encrypted too
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    # the click has returned, the work waiting for its thread: nothing is changed yet, and the window
    # answers meanwhile, its settings' buttons waiting and the dialog not closed halfway
    assert settings_rows(window.store.path)["key_check"] == old_check
    assert running() >= 1 and dialog.rotation is not None
    assert [w.isEnabled() for w in held(dialog)] == [False] * len(held(dialog))
    dialog.reject()
    qtbot.wait(100)
    assert dialog.isVisible() and len(ticks) >= 3
    one_thread.release.set()
    ended(qtbot)
    timer.stop()

    assert dialogs.texts("information")[-1] == f"已更换数据密钥，重新加密 {COUNT + 1} 项；2 份备份已重新加密"
    assert dialogs.texts("warning") == [] and dialogs.texts("critical") == []
    assert [w.isEnabled() for w in held(dialog)] == [True] * len(held(dialog))
    assert settings_rows(window.store.path)["key_check"] != old_check
    with pytest.raises(StoreError):
        old.decrypt(*a_secret(window.store.path))
    assert [k for k in memory_keyring.entries if "next" in k[1] or "retired" in k[1]] == []

    # the window's own store reads and writes with the new key, asking nothing
    asked = len(dialogs.texts("input"))
    assert everything(window.store) == before
    doc = window.store.get_profile(make_uscc(2))
    doc["enterprise"]["contact_phone"] = "13911112222"
    window.store.save_profile(doc)
    assert len(dialogs.texts("input")) == asked
    with Store.open(window.store.folder, daily_backup=False) as fresh:
        assert fresh.get_profile(make_uscc(2))["enterprise"]["contact_phone"] == "13911112222"
        for backup in backups:  # each one opens with the new key, whole
            with pytest.raises(StoreError):
                old.decrypt(*a_secret(backup))
            fresh.restore(backup)
            assert everything(fresh) == before
    dialog.reject()
    assert not dialog.isVisible()


def test_under_a_passphrase_the_key_is_changed_and_the_backups_deleted_without_asking_it_again(
    window: Any, dialogs: Any, qtbot: Any
) -> None:
    """The work opens a store of its own with the passphrase the window was given; afterwards the
    window's store reads the new key with the same passphrase, not asking for it again."""
    before = filled(window.store)
    dialog = the_settings(window)
    dialogs.inputs = [(NEW, True), (NEW, True)]
    assert dialog.move_key()
    old = window.store.keys.cipher
    asked = len(dialogs.texts("input"))

    dialogs.answers = [NO]  # the backups deleted
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    ended(qtbot)
    assert dialogs.texts("information")[-1] == f"已更换数据密钥，重新加密 {COUNT + 1} 项；2 份备份已删除"
    assert window.store.list_backups() == [] and dialog.backups.count() == 0
    assert everything(window.store) == before
    assert len(dialogs.texts("input")) == asked and dialogs.texts("warning") == []

    rows = settings_rows(window.store.path)
    kek = Cipher(derive_key(NEW, base64.b64decode(rows["kdf_salt"])))
    new = Cipher(kek.decrypt(base64.b64decode(rows["wrapped_key"]), "wrapped-key"))
    blob, context = a_secret(window.store.path)
    assert new.decrypt(blob, context)
    with pytest.raises(StoreError):
        old.decrypt(blob, context)
    with Store.open(window.store.folder, daily_backup=False, prompt=lambda _new: NEW) as fresh:
        assert everything(fresh) == before
    dialog.reject()


def test_a_change_of_key_cancelled_before_it_is_committed_leaves_everything_as_it_was(
    window: Any, dialogs: Any, qtbot: Any, memory_keyring: MemoryKeyring, one_thread: Any
) -> None:
    filled(window.store)
    database = dumped(window.store.path)
    backups = {path: path.read_bytes() for path in window.store.list_backups()}
    entries = dict(memory_keyring.entries)
    dialog = the_settings(window)

    dialogs.answers = [YES]
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    progress = dialog.findChild(QProgressDialog)
    progress.findChild(QPushButton).click()  # 取消
    one_thread.release.set()
    ended(qtbot)
    assert dialogs.texts("information")[-1] == "已取消：数据密钥未更换，数据和备份保持原样。"
    assert dumped(window.store.path) == database
    assert {path: path.read_bytes() for path in backups} == backups
    assert memory_keyring.entries == entries
    assert dialog.rotate_button.isEnabled()
    dialog.reject()


def test_after_a_backup_without_a_key_is_restored_no_key_is_made_to_be_changed(
    window: Any, dialogs: Any, qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    """The key's group kept saying what it said before the restore, 更换数据密钥 still offered; taken, it
    made a key for the folder and said 「已更换数据密钥，重新加密 0 项」."""
    keyless = window.store.backup_now()
    window.store.save_profile(make_profile(1))
    dialog = the_settings(window)
    assert dialog.rotate_button.isEnabled()
    row = next(i for i in range(dialog.backups.count()) if keyless.name in dialog.backups.item(i).text())
    dialog.backups.setCurrentRow(row)
    assert dialog.restore_selected(confirm=False) is not None
    assert not dialog.rotate_button.isEnabled()
    assert dialog.key_label.text().startswith("尚未创建密钥")

    entries = dict(memory_keyring.entries)
    dialogs.answers = [YES, YES]
    dialog.rotate_key()  # asked for all the same
    ended(qtbot)
    assert dialogs.texts("information")[-1] == "尚未创建密钥：首次保存身份证号或联系电话时才会创建，无需更换"
    assert "key_check" not in settings_rows(window.store.path) and memory_keyring.entries == entries
    assert window.store.key_home() is None and not dialog.rotate_button.isEnabled()
    dialog.reject()


def test_a_damaged_backup_is_named_in_the_window_as_the_command_names_it(
    window: Any, dialogs: Any, qtbot: Any
) -> None:
    """The command said 「1 份备份已损坏，未改动」; the window's message left it out, as if every backup had
    been re-encrypted."""
    window.store.save_profile(make_profile(1))
    good = window.store.backup_now()
    bad = good.with_name(good.name.replace("-manual", "-daily").replace(good.name[8:16], "20260101"))
    bad.write_bytes(b"not a database" * 100)
    dialog = the_settings(window)
    dialogs.answers = [YES]
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    ended(qtbot)
    assert (
        dialogs.texts("information")[-1]
        == "已更换数据密钥，重新加密 1 项；1 份备份已重新加密；1 份备份已损坏，未改动"
    )
    assert bad.read_bytes() == b"not a database" * 100
    dialog.reject()
