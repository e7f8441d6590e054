"""A new data key: every secret re-encrypted in one transaction, so neither the old key nor an old
passphrase opens the database any more; backups re-encrypted or deleted as the user says. And every new
passphrase has at least 8 characters, typed or from the environment."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.store import Store, StoreError
from shenbao.core.store.secrets import Cipher, derive_key
from tests.store.factory import (
    PASSPHRASE,
    a_secret,
    assert_refused,
    dumped,
    make_profile,
    make_uscc,
    shenbao,
)


def filled(folder: Path) -> dict:
    with Store.open(folder, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        store.save_profile(make_profile(2, engineers=0))
        store.save_draft(make_uscc(1), "fj2025.compute_voucher", {"invoices": 3, "note": "秘密"})
        store.backup_now()
        return everything(store)


def everything(store: Store) -> dict:
    return {
        "profiles": [store.get_profile(r.uscc) for r in store.list_enterprises()],
        "declarations": [{"uscc": d.uscc, **d.to_dict()} for d in store.list_declarations()],
    }


def unwrap(db: Path, passphrase: str) -> Cipher:
    """The data key of a passphrase-protected database, as someone holding the passphrase would get it."""
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT key, value FROM settings"))
    conn.close()
    kek = Cipher(derive_key(passphrase, base64.b64decode(rows["kdf_salt"])))
    return Cipher(kek.decrypt(base64.b64decode(rows["wrapped_key"]), "wrapped-key"))


def test_after_rotation_the_old_passphrase_and_an_old_backup_no_longer_open_the_data(
    tmp_path: Path, no_keyring
) -> None:
    data = tmp_path / "data"
    before = filled(data)
    old_key = unwrap(data / "shenbao.db", PASSPHRASE)
    (backup,) = sorted((data / "backups").glob("*.db"))
    with Store.open(data, daily_backup=False) as store:
        with pytest.raises(StoreError, match="reencrypt"):
            store.rotate_key()
        report = store.rotate_key("reencrypt")
        assert report.secrets == 3 and report.reencrypted == [backup]  # two enterprises, one draft
        assert everything(store) == before
    blob, context = a_secret(data / "shenbao.db")
    with pytest.raises(StoreError):
        old_key.decrypt(blob, context)
    with pytest.raises(StoreError):  # the re-encrypted backup does not open with the old key either
        old_key.decrypt(*a_secret(backup))
    new_key = unwrap(data / "shenbao.db", PASSPHRASE)
    assert json.loads(new_key.decrypt(blob, context))
    assert json.loads(unwrap(backup, PASSPHRASE).decrypt(*a_secret(backup)))
    with Store.open(data, daily_backup=False) as store:  # a fresh open finds the new key
        assert everything(store) == before
        store.restore(backup)
        assert everything(store)["profiles"] == before["profiles"]


def test_rotation_with_the_keyring_and_backups_deleted(tmp_path: Path, memory_keyring) -> None:
    data = tmp_path / "data"
    before = filled(data)
    with Store.open(data, daily_backup=False) as store:
        old = store.keys.cipher
        report = store.rotate_key("delete")
        assert len(report.deleted) == 1 and not list((data / "backups").glob("*.db"))
    assert [k for k in memory_keyring.entries if "next" in k[1]] == []
    with pytest.raises(StoreError):
        old.decrypt(*a_secret(data / "shenbao.db"))
    with Store.open(data, daily_backup=False) as store:
        assert everything(store) == before


def test_a_rotation_that_fails_half_way_changes_nothing(tmp_path: Path, memory_keyring, monkeypatch) -> None:
    from shenbao.core.store import secrets

    data = tmp_path / "data"
    before = filled(data)
    snapshot = (data / "shenbao.db").read_bytes()
    real = secrets.write_settings

    def broken(conn, rows):
        real(conn, rows)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shenbao.core.store.repository.write_settings", broken)
    with Store.open(data, daily_backup=False) as store, pytest.raises(OSError):
        store.rotate_key("reencrypt")
    monkeypatch.undo()
    with Store.open(data, daily_backup=False) as store:
        assert everything(store) == before
    assert [k for k in memory_keyring.entries if "next" in k[1]] == []
    assert len(snapshot) > 0


def test_the_command_rotates_and_asks_what_to_do_with_backups(tmp_path: Path, no_keyring) -> None:
    data = tmp_path / "data"
    filled(data)
    assert_refused(shenbao(data, "key", "--rotate"), "reencrypt", "delete")
    run = shenbao(data, "key", "--rotate", "--backups", "reencrypt")
    assert run.returncode == 0 and "已更换数据密钥" in run.stderr and "1 份备份已重新加密" in run.stderr
    shown = shenbao(data, "profiles", "show", make_uscc(1))
    assert shown.returncode == 0 and json.loads(shown.stdout)["facts"]["core_engineers"]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["profiles", "list"], {}),  # not a new passphrase: not checked here
        (["import", "{p}"], {"SHENBAO_PASSPHRASE": "short"}),
        (["export", "--out", "{o}", "--passphrase"], {"SHENBAO_BUNDLE_PASSPHRASE": "short"}),
        (["key", "--to", "passphrase"], {"SHENBAO_NEW_PASSPHRASE": "short"}),
    ],
)
def test_a_new_passphrase_from_the_environment_needs_8_characters(
    tmp_path: Path, no_keyring, args: list[str], env: dict
) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(5), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "x.shenbao"
    data = tmp_path / "data" if args[0] == "import" else tmp_path / "seeded"
    if args[0] != "import":
        assert shenbao(data, "import", str(profile)).returncode == 0
    run = shenbao(data, *[a.format(p=profile, o=out) for a in args], **env)
    if not env:
        assert run.returncode == 0
        return
    assert_refused(run, "至少 8 个字符", next(iter(env)))
    assert not out.exists()
    if args[0] == "import":
        assert enterprises(data / "shenbao.db") == 0


def enterprises(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_a_printed_declaration_is_still_read_after_a_rotation(tmp_path: Path, no_keyring) -> None:
    """What a printed declaration was judged with (its profile, kept encrypted for a reprint) was left
    under the old key: after `key --rotate` the enterprise could no longer be exported and 重新生成
    failed, both with 加密数据无法解密或已被改动, for good. It is re-encrypted with the rest, in the
    database and in its backups."""
    data = tmp_path / "data"
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(profile)).returncode == 0
    printed = shenbao(
        data,
        "render",
        "--uscc",
        make_uscc(1),
        "--measure",
        "fj2025.quality_product",
        "--out",
        str(tmp_path / "1.pdf"),
    )
    assert printed.returncode == 0, printed.stderr
    assert shenbao(data, "backup").returncode == 0
    rotated = shenbao(data, "key", "--rotate", "--backups", "reencrypt")
    assert rotated.returncode == 0, rotated.stderr
    for _ in ("the database", "its backup restored"):
        exported = shenbao(data, "export", "--out", str(tmp_path / "all.shenbao"), "--omit-sensitive")
        assert exported.returncode == 0, exported.stderr
        (tmp_path / "1.pdf").unlink(missing_ok=True)
        again = shenbao(data, "declarations", "regenerate", "1")
        assert again.returncode == 0, again.stderr
        (tmp_path / "all.shenbao").unlink()
        (backup,) = [b for b in sorted((data / "backups").glob("*manual.db"))]
        assert shenbao(data, "restore", str(backup)).returncode == 0


def test_a_backup_made_before_the_register_existed_is_re_encrypted_too(tmp_path: Path) -> None:
    """A backup kept from before the database was upgraded has no column for a printed declaration's
    basis: its answers are re-encrypted, and it is not refused for the column it lacks."""
    import sqlite3

    from shenbao.core.store import db
    from shenbao.core.store.secrets import reencrypt

    path = tmp_path / "before-v4.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, target=3)  # answers, no basis
    old, new = Cipher(b"o" * 32), Cipher(b"n" * 32)
    conn.execute(
        "INSERT INTO enterprises (uscc, name, document, created_at, updated_at) VALUES ('X1', '甲', '{}', '', '')"
    )
    conn.execute(
        "INSERT INTO declarations (enterprise_id, measure, state, answers, created_at, updated_at)"
        " VALUES (1, 'm', 'draft', ?, '', '')",
        (old.encrypt(b'{"a": 1}', "declaration:X1:m"),),
    )
    assert reencrypt(conn, old, new) == 1
    (blob,) = conn.execute("SELECT answers FROM declarations").fetchone()
    assert json.loads(new.decrypt(blob, "declaration:X1:m")) == {"a": 1}
    conn.close()


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_backup_is_left_and_named_while_the_others_are_re_encrypted(
    tmp_path: Path, no_keyring, damage: str
) -> None:
    data = tmp_path / "data"
    before = filled(data)
    (good,) = sorted((data / "backups").glob("*.db"))
    bad = good.with_name(good.name.replace("-manual", "-daily").replace(good.name[8:16], "20260101"))
    content = good.read_bytes()
    bad.write_bytes(content[: len(content) // 2] if damage == "truncated" else b"not a database" * 100)
    damaged = bad.read_bytes()
    run = shenbao(data, "key", "--rotate", "--backups", "reencrypt")
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "已更换数据密钥，重新加密 3 项；1 份备份已重新加密；1 份备份已损坏，未改动"
    assert bad.read_bytes() == damaged
    assert sorted(p.name for p in (data / "backups").iterdir()) == sorted([good.name, bad.name])
    with Store.open(data, daily_backup=False) as store:
        assert everything(store) == before
    assert shenbao(data, "restore", str(good)).returncode == 0  # the re-encrypted one opens
    with Store.open(data, daily_backup=False) as store:
        assert everything(store) == before


def test_a_key_changed_by_another_program_is_never_written_with_again(tmp_path: Path, no_keyring) -> None:
    """A window open since before `shenbao key --rotate` (or 更换数据密钥 in another window) holds the
    key as it was: a phone it saved then was written under a key nothing opens any more, and read back
    as 加密数据无法解密或已被改动. The write is refused instead, and the next one uses the new key."""
    data = tmp_path / "data"
    filled(data)
    window = Store.open(data, daily_backup=False)
    try:
        doc = window.get_profile(make_uscc(1))  # the key read, as the window reads it
        rotated = shenbao(data, "key", "--rotate", "--backups", "delete")
        assert rotated.returncode == 0, rotated.stderr
        doc["enterprise"]["contact_phone"] = "13911112222"
        with pytest.raises(StoreError, match="数据密钥已在另一个窗口或命令中更换，本次修改未保存"):
            window.save_profile(doc)
        shown = shenbao(data, "profiles", "show", make_uscc(1))
        assert shown.returncode == 0, shown.stderr
        assert (
            json.loads(shown.stdout)["enterprise"]["contact_phone"]
            == make_profile(1)["enterprise"]["contact_phone"]
        )
        window.save_profile(doc)  # again: under the key now in use
        assert (
            window.get_profile(make_uscc(2))["enterprise"]["contact_phone"]
            == make_profile(2)["enterprise"]["contact_phone"]
        )
    finally:
        window.close()
    shown = shenbao(data, "profiles", "show", make_uscc(1))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["enterprise"]["contact_phone"] == "13911112222"


def test_a_window_open_across_a_key_change_reads_every_secret_with_the_new_key(
    tmp_path: Path, no_keyring
) -> None:
    """Read after another program changed the key, a secret was reported as 加密数据无法解密或已被改动
    (altered), though it was whole under the key now in use."""
    data = tmp_path / "data"
    before = filled(data)
    window = Store.open(data, daily_backup=False)
    try:
        window.get_profile(make_uscc(1))  # the key read, as the window reads it
        rotated = shenbao(data, "key", "--rotate", "--backups", "delete")
        assert rotated.returncode == 0, rotated.stderr
        assert everything(window) == before  # the roster, the phone and the wizard's answers
    finally:
        window.close()


def test_a_key_changed_after_its_passphrase_was_changed_is_kept_under_the_new_one(
    tmp_path: Path, memory_keyring
) -> None:
    """A passphrase that may have leaked, replaced as the settings do it (to the keyring and back under a
    new passphrase), then the key changed in the same window: the new key is wrapped under the new
    passphrase, not under the one typed at the start, which would open the data again and the new one not."""
    data, first, second = tmp_path / "data", "最初的数据口令 2025", "新的数据口令 2026"
    with Store.open(data, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        store.move_key("passphrase", first)
    with Store.open(data, daily_backup=False, prompt=lambda _new: first) as store:
        before = everything(store)  # the key unlocked with the first passphrase
        store.move_key("keyring")
        store.move_key("passphrase", second)
        store.rotate_key()
    unwrap(data / "shenbao.db", second)
    with pytest.raises(StoreError):
        unwrap(data / "shenbao.db", first)
    with Store.open(data, daily_backup=False, prompt=lambda _new: second) as store:
        assert everything(store) == before


def test_a_key_changed_after_another_program_changed_its_passphrase_is_kept_under_the_new_one(
    tmp_path: Path, no_keyring, monkeypatch
) -> None:
    """The window open since the start, unlocked with the first passphrase; meanwhile `shenbao key --to
    passphrase` gave the key a new one. Changing the key in the window wraps it under the passphrase in
    use, asked for since the one typed at the start no longer opens it, rather than putting the old
    passphrase back behind the user's back."""
    data, second = tmp_path / "data", "新的数据口令 2026"
    filled(data)
    monkeypatch.delenv("SHENBAO_PASSPHRASE")
    asked: list[str] = []

    def window_prompt(_new: bool) -> str:
        asked.append(PASSPHRASE if not asked else second)  # typed at the start; then the one now in use
        return asked[-1]

    with Store.open(data, daily_backup=False, prompt=window_prompt) as window:
        before = everything(window)
        with Store.open(data, daily_backup=False, prompt=lambda _new: PASSPHRASE) as command:
            command.move_key("passphrase", second)
        window.rotate_key("reencrypt")
        assert everything(window) == before
    unwrap(data / "shenbao.db", second)
    with pytest.raises(StoreError):
        unwrap(data / "shenbao.db", PASSPHRASE)
    assert asked == [PASSPHRASE, second]


class Stopped(Exception):
    """What the window's work raises when its 取消 is pressed (workers.Cancelled), here from the progress."""


@pytest.mark.parametrize("home", ["keyring", "passphrase"])
def test_a_rotation_stopped_among_its_secrets_changes_nothing(
    tmp_path: Path, memory_keyring, monkeypatch, home: str
) -> None:
    """The change of key tells its progress as it re-encrypts, within its one transaction: stopped there
    (the window's 取消), the database, the keyring and the backups are as they were and the old key opens
    everything; the backups are only begun once the new key is committed."""
    from shenbao.core.store.secrets import PROGRESS_EVERY

    data = tmp_path / "data"
    with Store.open(data, daily_backup=False) as store:
        if home == "passphrase":
            store.move_key("passphrase", PASSPHRASE)
        store.save_profiles(parse_profile(make_profile(i)) for i in range(PROGRESS_EVERY * 2 + 10))
        store.backup_now()
    monkeypatch.setenv("SHENBAO_PASSPHRASE", PASSPHRASE)
    database = dumped(data / "shenbao.db")
    backups = {p: p.read_bytes() for p in (data / "backups").glob("*.db")}
    keyring_before = dict(memory_keyring.entries)
    told: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        told.append((stage, done, total))
        if done >= PROGRESS_EVERY * 2:
            raise Stopped

    with Store.open(data, daily_backup=False) as store:
        before = everything(store)
        old = store.keys.cipher
        with pytest.raises(Stopped):
            store.rotate_key("reencrypt", progress)
    total = PROGRESS_EVERY * 2 + 10
    assert told == [("data", 0, total), ("data", PROGRESS_EVERY, total), ("data", PROGRESS_EVERY * 2, total)]
    assert dumped(data / "shenbao.db") == database  # the whole database as it was
    assert memory_keyring.entries == keyring_before
    assert {p: p.read_bytes() for p in backups} == backups
    blob, context = a_secret(data / "shenbao.db")
    assert json.loads(old.decrypt(blob, context))
    with Store.open(data, daily_backup=False) as store:
        assert everything(store) == before
        report = store.rotate_key("reencrypt", lambda *step: told.append(step))
    assert report.secrets == total and told[-2:] == [("backups", 0, 1), ("backups", 1, 1)]
    assert dumped(data / "shenbao.db") != database
