"""A data folder whose key is in the system keyring, moved to another drive or renamed: the key was kept
under a name made from where the folder was, so the moved folder found no key and every 身份证号 and
phone in it was unreadable until it was moved back. The folder's settings now record the name its key is
kept under; a folder whose key an older version stored records it the first time the key is found in its
own place, and never a name its new place would give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shenbao.core.store import Store
from shenbao.core.store.secrets import SERVICE, KeyUnavailableError, keyring_entry_of, keyring_username
from tests.store.factory import MemoryKeyring, shenbao
from tests.store.test_key_home import assert_readable, fill, settings


def forget_the_recorded_entry(folder: Path) -> None:
    """The folder as an older version left it: its key in the keyring under its place's name, and no
    record of that name in its settings."""
    with Store.open(folder, daily_backup=False) as store:
        store.conn.execute("DELETE FROM settings WHERE key = 'keyring_entry'")


def test_a_moved_and_renamed_folder_still_opens_its_secrets(
    data_dir: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store)
        assert store.key_home() == "keyring"
    entries = dict(memory_keyring.entries)
    assert settings(data_dir)["keyring_entry"] == keyring_entry_of(data_dir)

    moved = tmp_path / "U盘" / "园区 数据"
    moved.parent.mkdir()
    shutil.move(data_dir, moved)
    with Store.open(moved) as store:
        assert_readable(store, saved)
        store.save_profile({**saved[next(iter(saved))], "format": "shenbao-profile/1"})
    assert memory_keyring.entries == entries  # the same key, no entry made for the new place

    shown = shenbao(moved, "key")
    assert shown.returncode == 0, shown.stderr
    assert f"{SERVICE} / {keyring_username(data_dir)}" in shown.stdout


def test_an_older_versions_folder_records_its_entry_where_the_key_is_found(
    data_dir: Path, tmp_path: Path
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store)
    forget_the_recorded_entry(data_dir)
    assert "keyring_entry" not in settings(data_dir)

    with Store.open(data_dir) as store:
        assert_readable(store, saved)  # the key found under the place's name: the name recorded
    assert settings(data_dir)["keyring_entry"] == keyring_entry_of(data_dir)

    moved = tmp_path / "改名后"
    shutil.move(data_dir, moved)
    with Store.open(moved) as store:
        assert_readable(store, saved)


def test_an_older_versions_folder_already_moved_is_not_given_its_new_places_name(
    data_dir: Path, tmp_path: Path
) -> None:
    """Moved before this version opened it: the key is not found, as before, and no name is recorded,
    so the folder moved back to where it was opens again."""
    with Store.open(data_dir) as store:
        saved = fill(store)
    forget_the_recorded_entry(data_dir)
    moved = tmp_path / "搬走"
    shutil.move(data_dir, moved)
    with Store.open(moved) as store, pytest.raises(KeyUnavailableError, match="找不到密钥"):
        store.get_profile(next(iter(saved)))
    assert "keyring_entry" not in settings(moved)

    shutil.move(moved, data_dir)
    with Store.open(data_dir) as store:
        assert_readable(store, saved)


def test_a_moved_folder_changes_its_key_under_the_name_it_records(
    data_dir: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store)
        store.backup_now()
    before = memory_keyring.entries[(SERVICE, keyring_username(data_dir))]
    moved = tmp_path / "新位置"
    shutil.move(data_dir, moved)
    with Store.open(moved) as store:
        report = store.rotate_key("reencrypt")
        assert report.secrets > 0
        assert_readable(store, saved)
    # the new key where the folder's record says, nothing staged or kept aside, nothing under the new place
    assert set(memory_keyring.entries) == {(SERVICE, keyring_username(data_dir))}
    assert memory_keyring.entries[(SERVICE, keyring_username(data_dir))] != before
    with Store.open(moved) as store:
        assert_readable(store, saved)
