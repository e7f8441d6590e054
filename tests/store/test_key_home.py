"""Moving the data key between the system keyring and a passphrase, on real files: the key never changes,
so every secret stays readable; the old home is emptied only after the new one holds the key."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from shenbao.cli import main
from shenbao.core.store import Store, StoreError
from shenbao.core.store.secrets import SERVICE, KeyMoveError, KeyUnavailableError, keyring_username
from tests.store.factory import (
    ForgetfulKeyring,
    MemoryKeyring,
    assert_refused,
    make_profile,
    make_uscc,
    raw_bytes,
    shenbao,
)

NEW = "新的数据口令 2026"
WRAPPED_ROWS = ("kdf", "kdf_salt", "wrapped_key")


def fill(store: Store, count: int = 4) -> dict[str, dict[str, Any]]:
    """Profiles with rosters and phones, and a draft per profile whose answers are secret too."""
    saved = {}
    for i in range(count):
        doc = make_profile(i, engineers=3)
        store.save_profile(doc)
        store.save_draft(make_uscc(i), "fj2025.core_engineer", {"roster": doc["facts"]["core_engineers"]})
        saved[make_uscc(i)] = {k: v for k, v in doc.items() if k != "format"}
    return saved


def assert_readable(store: Store, saved: dict[str, dict[str, Any]]) -> None:
    for code, doc in saved.items():
        assert store.get_profile(code) == doc
        [draft] = store.list_declarations(code)
        assert draft.answers == {"roster": doc["facts"]["core_engineers"]}


def settings(folder: Path) -> dict[str, str]:
    with Store.open(folder, daily_backup=False) as store:
        return dict(store.conn.execute("SELECT key, value FROM settings").fetchall())


def key_entry(memory_keyring: MemoryKeyring, folder: Path) -> str | None:
    return memory_keyring.entries.get((SERVICE, keyring_username(folder)))


def prompt_with(value: str):
    return lambda _new: value


def test_moving_the_key_both_ways_keeps_every_secret_readable(
    data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store)
        assert store.key_home() == "keyring"
        key = key_entry(memory_keyring, data_dir)
        assert key is not None
        assert store.move_key("passphrase", NEW) is True
        assert store.key_home() == "passphrase"
        assert_readable(store, saved)
        store.backup_now()
    assert key_entry(memory_keyring, data_dir) is None
    raw = raw_bytes(data_dir)
    for secret in (key.encode(), base64.b64decode(key), NEW.encode()):
        assert secret not in raw
    for doc in saved.values():
        for engineer in doc["facts"]["core_engineers"]:
            assert engineer["id_number"].encode() not in raw

    with Store.open(data_dir) as store:
        assert [r.uscc for r in store.list_enterprises()] == list(saved)
        with pytest.raises(KeyUnavailableError, match="数据口令保护.*SHENBAO_PASSPHRASE"):
            store.get_profile(make_uscc(0))
    with (
        Store.open(data_dir, prompt=prompt_with("不对的口令 123")) as store,
        pytest.raises(KeyUnavailableError, match="口令不正确"),
    ):
        store.get_profile(make_uscc(0))
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)
    assert key_entry(memory_keyring, data_dir) is None  # typing the passphrase does not copy the key back

    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert store.move_key("keyring") is True
        assert store.move_key("keyring") is False
        assert store.key_home() == "keyring"
        assert_readable(store, saved)
    assert key_entry(memory_keyring, data_dir) == key
    assert not set(WRAPPED_ROWS) & set(settings(data_dir))
    with Store.open(data_dir) as store:
        assert_readable(store, saved)
        moves = [c.detail for c in store.changes() if c.action == "更改密钥存放位置"]
    assert moves == ["数据口令 → 系统钥匙串", "系统钥匙串 → 数据口令"]


def test_moving_to_a_passphrase_again_changes_the_passphrase(data_dir: Path, no_keyring: None) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store, 2)
        assert store.key_home() == "passphrase"
        old_salt = settings(data_dir)["kdf_salt"]
        store.move_key("passphrase", NEW)
    assert settings(data_dir)["kdf_salt"] != old_salt
    with Store.open(data_dir) as store, pytest.raises(KeyUnavailableError, match="口令不正确"):
        store.get_profile(make_uscc(0))  # SHENBAO_PASSPHRASE still holds the old one
    with Store.open(data_dir) as store, pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHENBAO_PASSPHRASE", NEW)
        assert_readable(store, saved)


def test_a_short_passphrase_or_no_keyring_is_refused_and_nothing_changes(
    data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store, 2)
        before, entries = settings(data_dir), dict(memory_keyring.entries)
        for short in (None, "", "1234567"):
            with pytest.raises(KeyMoveError, match="至少 8 个字符"):
                store.move_key("passphrase", short)
        with pytest.raises(KeyMoveError, match="keyring"):
            store.move_key("usb-stick", NEW)
        assert settings(data_dir) == before
        assert memory_keyring.entries == entries
        store.move_key("passphrase", NEW)
        before = settings(data_dir)
        keyring.set_keyring(keyring.backends.fail.Keyring())
        with pytest.raises(KeyMoveError, match="系统钥匙串不可用"):
            store.move_key("keyring")
        assert settings(data_dir) == before
        keyring.set_keyring(memory_keyring)
        assert store.changes()[0].detail == "系统钥匙串 → 数据口令"
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)


def test_without_a_keyring_the_key_stays_under_the_passphrase(data_dir: Path, no_keyring: None) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store, 1)
        assert not store.keyring_works()
        with pytest.raises(KeyMoveError, match="系统钥匙串不可用"):
            store.move_key("keyring")
        assert store.key_home() == "passphrase"
    with Store.open(data_dir) as store:
        assert_readable(store, saved)


def test_a_keyring_that_does_not_keep_the_key_is_refused(
    data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        saved = fill(store, 1)
        store.move_key("passphrase", NEW)
        before = settings(data_dir)
        keyring.set_keyring(ForgetfulKeyring())
        with pytest.raises(KeyMoveError, match="读不回来"):
            store.move_key("keyring")
        assert settings(data_dir) == before
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)


def test_a_write_that_fails_midway_leaves_the_old_home_in_charge(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: Any) -> None:
        raise StoreError("磁盘已满")

    with Store.open(data_dir) as store:
        saved = fill(store, 2)
        key = key_entry(memory_keyring, data_dir)
        monkeypatch.setattr(store, "_log", full_disk)
        with pytest.raises(StoreError, match="磁盘已满"):
            store.move_key("passphrase", NEW)
        assert store.key_home() == "keyring"
        assert key_entry(memory_keyring, data_dir) == key
        assert not set(WRAPPED_ROWS) & set(settings(data_dir))
        monkeypatch.undo()
        store.move_key("passphrase", NEW)
        monkeypatch.setattr(store, "_log", full_disk)
        with pytest.raises(StoreError, match="磁盘已满"):
            store.move_key("keyring")
        assert store.key_home() == "passphrase"
    assert key_entry(memory_keyring, data_dir) is None
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)


def test_before_any_key_exists_the_key_is_made_where_chosen(
    data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Store.open(data_dir) as store:
        assert store.key_home() is None
        store.move_key("passphrase", NEW)
        assert store.key_home() == "passphrase"
        saved = fill(store, 1)
    assert memory_keyring.entries == {}
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)


# --- the command --------------------------------------------------------------------------------------


def test_the_key_command_shows_the_home_and_moves_under_a_new_passphrase(
    tmp_path: Path, data_dir: Path
) -> None:
    """The real command with no keyring: the key starts under SHENBAO_PASSPHRASE."""
    doc = make_profile(1)
    assert shenbao(data_dir, "key").stdout.startswith("none")
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    shown = shenbao(data_dir, "key")
    assert shown.returncode == 0 and shown.stdout.startswith("passphrase")
    assert_refused(shenbao(data_dir, "key", "--to", "keyring"), "系统钥匙串不可用")
    assert_refused(shenbao(data_dir, "key", "--to", "passphrase"), "SHENBAO_NEW_PASSPHRASE")
    assert_refused(
        shenbao(data_dir, "key", "--to", "passphrase", SHENBAO_NEW_PASSPHRASE="short"), "至少 8 个字符"
    )
    assert_refused(
        shenbao(
            data_dir,
            "key",
            "--to",
            "passphrase",
            SHENBAO_NEW_PASSPHRASE=NEW,
            SHENBAO_PASSPHRASE="错的口令 000",
        ),
        "口令不正确",
    )
    moved = shenbao(data_dir, "key", "--to", "passphrase", SHENBAO_NEW_PASSPHRASE=NEW)
    assert moved.returncode == 0, moved.stderr
    assert "已更换数据口令" in moved.stderr
    assert_refused(shenbao(data_dir, "profiles", "show", make_uscc(1)), "口令不正确")
    again = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1), SHENBAO_PASSPHRASE=NEW).stdout)
    again.pop("provenance")  # where its fields came from: the import
    assert again == doc


def test_the_key_command_moves_to_the_keyring_and_back(
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In this process, so the command sees the in-memory keyring."""
    with Store.open(data_dir) as store:
        saved = fill(store, 2)
    assert main(["key"]) == 0
    assert capsys.readouterr().out.startswith("keyring")
    monkeypatch.setenv("SHENBAO_NEW_PASSPHRASE", NEW)
    assert main(["key", "--to", "passphrase"]) == 0
    assert "数据口令保护" in capsys.readouterr().err
    assert key_entry(memory_keyring, data_dir) is None
    assert main(["key"]) == 0
    assert capsys.readouterr().out.startswith("passphrase")
    assert main(["key", "--to", "keyring"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("shenbao: ") and "SHENBAO_PASSPHRASE" in err[0]
    monkeypatch.setenv("SHENBAO_PASSPHRASE", NEW)
    assert main(["key", "--to", "keyring"]) == 0
    assert "系统钥匙串" in capsys.readouterr().err
    monkeypatch.delenv("SHENBAO_PASSPHRASE")
    assert key_entry(memory_keyring, data_dir) is not None
    with Store.open(data_dir) as store:
        assert_readable(store, saved)


OLD = "原来的数据口令 2025"


@pytest.mark.parametrize(
    ("before", "after"),
    [("keyring", "passphrase"), ("passphrase", "keyring"), ("passphrase", "passphrase")],
)
def test_a_backup_made_before_the_key_moved_is_restored_readable(
    data_dir: Path, memory_keyring: MemoryKeyring, before: str, after: str
) -> None:
    """Moving the key wrote its new home in the database alone: a backup still said where the key was
    before. Restored after a move from the keyring to a passphrase, it looked for the key in a keyring
    entry the move had emptied: every ID number and phone unreadable, with no key kept anywhere that
    would open them. After a move to the keyring (or a new passphrase) it asked for the passphrase the
    user had been told was no longer needed. Each backup under the key now moves with the database."""
    with Store.open(data_dir) as store:
        saved = fill(store, 2)
        if before == "passphrase":
            store.move_key("passphrase", OLD)
        made = [store.backup_now(), store.backup_now()]
        store.move_key(after, NEW if after == "passphrase" else None)
    for backup in made:
        with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
            store.restore(backup)
        # a fresh open: the key as the restored database says where it is, with what the user now has
        typed = prompt_with(NEW) if after == "passphrase" else None
        with Store.open(data_dir, prompt=typed) as store:
            assert_readable(store, saved)
            assert store.key_home() == after
    if after == "passphrase":
        assert key_entry(memory_keyring, data_dir) is None


def test_a_damaged_backup_does_not_stop_the_key_moving(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup that is no database any more is left as it is (restore refuses it); one that cannot be
    written (a full disk) stops the move in plain words with the keyring entry kept, and moving again
    finishes it."""
    with Store.open(data_dir) as store:
        saved = fill(store, 1)
        good = store.backup_now()
        (data_dir / "backups" / "shenbao-20200101-000000-000000-manual.db").write_bytes(b"not a database")
        real = __import__("shutil").copyfile

        def full(*_args: Any, **_kwargs: Any) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("shutil.copyfile", full)
        with pytest.raises(StoreError, match=f"备份 {good.name} 未能随之更新.*再次运行"):
            store.move_key("passphrase", NEW)
        assert key_entry(memory_keyring, data_dir) is not None
        monkeypatch.setattr("shutil.copyfile", real)
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert store.move_key("passphrase", NEW) is True
        store.restore(good)
    assert key_entry(memory_keyring, data_dir) is None
    with Store.open(data_dir, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)


def test_a_folder_from_another_computer_whose_key_is_in_its_keyring_says_how_to_bring_it(
    data_dir: Path, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """A data folder copied from another computer finds no key in this one's keyring. (A folder renamed
    on the same computer was told 「请在原电脑上导出数据包后再导入」; it now finds its key:
    test_key_follows_the_folder.) The refusal says how to bring such a folder: a bundle, or a passphrase
    first, which then reads everywhere."""
    with Store.open(data_dir) as store:
        saved = fill(store, 1)
    theirs = dict(memory_keyring.entries)
    memory_keyring.entries.clear()  # this computer's keyring
    copied = tmp_path / "拷来的数据"
    shutil.copytree(data_dir, copied)
    with Store.open(copied) as store, pytest.raises(KeyUnavailableError) as refused:
        store.get_profile(make_uscc(0))
    assert "另一台电脑" in str(refused.value) and "shenbao key --to passphrase" in str(refused.value)
    memory_keyring.entries.update(theirs)  # on the other computer: a passphrase first
    with Store.open(data_dir) as store:
        assert store.move_key("passphrase", NEW) is True
    memory_keyring.entries.clear()
    shutil.rmtree(copied)
    shutil.copytree(data_dir, copied)
    with Store.open(copied, prompt=prompt_with(NEW)) as store:
        assert_readable(store, saved)
