"""The store on a full disk and on a read-only data folder: real small file systems (tmpfs mounted for
the test), the real `shenbao` command. Needs the right to mount; skipped where it is not given. Either
way reading goes on (list, show, export elsewhere), each write is refused naming the cause, not damage,
and nothing is left half-written."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.store import Store, db
from shenbao.core.store.db import StoreError
from tests.reliability.helpers import stored_state
from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


def _mount(point: Path, size: str) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True
    )
    return run.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    if not _mount(point, "700k"):
        pytest.skip("no permission to mount a small file system here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def count_and_integrity(db: Path) -> tuple[int, str]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprises").fetchone()[0], conn.execute(
            "PRAGMA integrity_check"
        ).fetchone()[0]
    finally:
        conn.close()


def test_a_full_disk_refuses_the_save_in_plain_words_and_keeps_what_was_saved(
    small_disk: Path, no_keyring
) -> None:
    store = Store.open(small_disk / "data", daily_backup=False)
    saved = 0
    with pytest.raises(StoreError, match="磁盘已满"):
        for i in range(5000):
            store.save_profile(make_profile(i))
            saved += 1
    assert saved > 0
    assert store.count_enterprises() == saved
    assert (
        store.get_profile(make_profile(0)["enterprise"]["uscc"])["enterprise"]["name"]
        == make_profile(0)["enterprise"]["name"]
    )
    store.close()
    count, integrity = count_and_integrity(small_disk / "data" / "shenbao.db")
    assert (count, integrity) == (saved, "ok")


def test_an_import_onto_a_full_disk_is_all_or_nothing(small_disk: Path, tmp_path: Path, no_keyring) -> None:
    data = small_disk / "data"
    first = shenbao(data, "import", *[str(_write(tmp_path / "a", i)) for i in range(3)])
    assert first.returncode == 0, first.stderr
    many = [str(_write(tmp_path / "b", i)) for i in range(100, 1600)]
    run = shenbao(data, "import", *many)
    assert run.returncode == 2
    assert "磁盘已满" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert count_and_integrity(data / "shenbao.db") == (3, "ok")


def _fill(disk: Path) -> None:
    """Take every free byte of the small disk."""
    for name, chunk in (("filler", 4096), ("filler2", 1)):
        fd = os.open(disk / name, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * chunk)
        except OSError:
            pass
        finally:
            os.close(fd)


def _stored(folder: Path) -> tuple[list[str], list[str]]:
    names, dump = stored_state(folder)
    return [n for n in names if not n.startswith(("filler",))], dump


def _reads_work_and_writes_are_refused(data: Path, tmp_path: Path, word: str) -> None:
    before = _stored(data)
    listed = shenbao(data, "profiles", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [r["uscc"] for r in json.loads(listed.stdout)] == [make_uscc(1), make_uscc(2)]
    shown = shenbao(data, "profiles", "show", make_uscc(1))
    assert shown.returncode == 0 and json.loads(shown.stdout)["facts"]["core_engineers"], shown.stderr
    out = tmp_path / "elsewhere" / "all.shenbao"
    out.parent.mkdir(exist_ok=True)
    exported = shenbao(data, "export", "--out", str(out), "--omit-sensitive")
    assert exported.returncode == 0 and out.is_file(), exported.stderr
    (tmp_path / "new.json").write_text(json.dumps(make_profile(9)), encoding="utf-8")
    changed = make_profile(1)
    changed["enterprise"]["district"] = "马尾区"
    (tmp_path / "changed.json").write_text(json.dumps(changed), encoding="utf-8")
    for args in (
        ["import", str(tmp_path / "new.json")],
        ["import", str(tmp_path / "changed.json"), "--on-conflict", "replace"],  # refused before its plan
        ["profiles", "rm", make_uscc(1)],
        ["backup"],
        ["restore"],
    ):
        run = shenbao(data, *args)
        assert_refused(run, word)
        assert "损坏" not in run.stderr
    assert _stored(data) == before
    leftovers = [
        p.name for p in data.rglob("*") if p.name.endswith(("-wal", "-shm", ".partial", ".part", "journal"))
    ]
    assert leftovers == []


def _two_enterprises(data: Path) -> None:
    with Store.open(data) as store:
        store.save_profile(make_profile(1))
        store.save_profile(make_profile(2))
        store.backup_now()


def test_a_read_only_data_folder_opens_read_only_and_refuses_only_writes(
    small_disk: Path, tmp_path: Path, no_keyring
) -> None:
    _two_enterprises(small_disk / "data")
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    with Store.open(small_disk / "data") as store:
        assert store.count_enterprises() == 2
        with pytest.raises(StoreError, match="只读"):
            store.delete_enterprise(make_uscc(1))
    _reads_work_and_writes_are_refused(small_disk / "data", tmp_path, "只读")


def test_a_full_disk_is_told_apart_from_damage_and_reading_goes_on(
    small_disk: Path, tmp_path: Path, no_keyring
) -> None:
    _two_enterprises(small_disk / "data")
    _fill(small_disk)
    _reads_work_and_writes_are_refused(small_disk / "data", tmp_path, "磁盘已满")


def test_a_backup_that_fills_the_disk_leaves_nothing_half_written(small_disk: Path, no_keyring) -> None:
    data = small_disk / "data"
    with Store.open(data, daily_backup=False) as store:
        store.save_profiles(parse_profile(make_profile(i)) for i in range(150))
    size = (data / "shenbao.db").stat().st_size
    assert size > 200 * 1024
    with (small_disk / "filler").open("wb") as handle:  # room to open and read, not for a whole copy
        handle.write(b"\0" * (shutil.disk_usage(small_disk).free - 100 * 1024))
    before = _stored(data)
    listed = shenbao(data, "profiles", "list", "--format", "json")  # the day's first backup cannot fit
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 150, listed.stderr
    assert_refused(shenbao(data, "backup"), "磁盘已满")
    assert _stored(data) == before
    assert not (data / "backups").exists() or list((data / "backups").iterdir()) == []


def _write(folder: Path, i: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{i}.json"
    path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
    return path


def under_file_size_limit(
    data_dir: Path, kib: int, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """`shenbao ARGS` in a shell that lets no file grow past `kib` KiB (`ulimit -f`): every write beyond
    fails as on a full disk, wherever it goes (the output, the temporary folder), with no mount needed."""
    from tests.store.factory import cli_env

    return subprocess.run(
        ["sh", "-c", f'ulimit -f {kib} && exec "$0" -m shenbao "$@"', sys.executable, *args],
        env={**cli_env(data_dir, **env), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".shenbao"])
def test_an_export_that_cannot_be_written_whole_is_refused_in_one_line(
    tmp_path: Path, no_keyring, suffix: str
) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        for i in range(300):
            store.save_profile(make_profile(i))
        store.backup_now()
    before = stored_state(data)
    out = tmp_path / "out"
    out.mkdir()
    encrypt = ["--passphrase"] if suffix == ".shenbao" else []
    run = under_file_size_limit(
        data,
        8,
        "export",
        "--out",
        str(out / f"园区{suffix}"),
        *encrypt,
        SHENBAO_BUNDLE_PASSPHRASE="包口令 12345",
    )
    assert_refused(run, "无法写入")
    assert list(out.iterdir()) == []  # no partial file, under its name or a temporary one
    assert stored_state(data) == before


def test_a_file_size_limit_is_not_reported_as_a_full_disk(tmp_path: Path, no_keyring) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        for i in range(40):
            store.save_profile(make_profile(i))
    before = stored_state(data)
    batch = [str(_write(tmp_path / "batch", i)) for i in range(40)]
    run = under_file_size_limit(data, 4, "import", "--on-conflict", "replace", *batch)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert "磁盘已满" not in run.stderr  # gigabytes are free: saying so would send the user to clean up
    assert "超出系统允许的文件大小（上限 " in run.stderr, run.stderr  # 4 blocks of the shell's size
    assert stored_state(data) == before


def test_a_key_change_whose_backup_cannot_be_rewritten_says_so_and_keeps_the_backup(
    tmp_path: Path, no_keyring
) -> None:
    data = tmp_path / "data"
    with Store.open(data, daily_backup=False) as store:
        for i in range(150):  # one phone to re-encrypt in a database of 150 enterprises
            profile = make_profile(i, engineers=2 if i == 3 else 0)
            if i != 3:
                del profile["enterprise"]["contact_phone"]
            store.save_profile(profile)
        backup = store.backup_now()
    kept = backup.read_bytes()
    assert len(kept) > 128 * 1024
    run = under_file_size_limit(data, 64, "key", "--rotate", "--backups", "reencrypt")
    assert_refused(run, "已更换数据密钥", backup.name, "未能重新加密", "1 份备份仍由旧密钥加密")
    assert backup.read_bytes() == kept  # as it was, and nothing half-written beside it
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]
    shown = shenbao(data, "profiles", "show", make_uscc(3))  # the data opens under the new key
    assert shown.returncode == 0, shown.stderr
    assert (
        json.loads(shown.stdout)["enterprise"]["contact_phone"]
        == make_profile(3)["enterprise"]["contact_phone"]
    )
    restored = shenbao(data, "restore", str(backup))  # and the backup still opens with the passphrase
    assert restored.returncode == 0, restored.stderr
    shown = shenbao(data, "profiles", "show", make_uscc(3))
    assert (
        json.loads(shown.stdout)["enterprise"]["contact_phone"]
        == make_profile(3)["enterprise"]["contact_phone"]
    )


def test_a_key_change_on_a_filling_disk_ends_in_one_line_whatever_room_is_left(
    small_disk: Path, tmp_path: Path, no_keyring
) -> None:
    """With room for the copy of a backup but not for the change written into it, SQLite's own
    「database or disk is full」 came out as a traceback. Whatever room the disk has, a key change ends
    done or refused in one line, the backup as it was."""
    pristine = tmp_path / "pristine"
    with Store.open(pristine, daily_backup=False) as store:
        store.save_profiles(parse_profile(make_profile(i, engineers=1)) for i in range(30))
        backup = store.backup_now()
    size = backup.stat().st_size
    data = small_disk / "data"
    seen = set()
    for extra in range(0, 208 * 1024, 8 * 1024):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(pristine, data)
        with (small_disk / "filler").open("wb") as handle:
            handle.write(b"\0" * max(0, shutil.disk_usage(small_disk).free - size - extra))
        run = shenbao(data, "key", "--rotate", "--backups", "reencrypt")
        (small_disk / "filler").unlink()
        if run.returncode == 0:
            seen.add("done")
            continue
        assert_refused(run)
        seen.add("refused")
        if "未能重新加密" in run.stderr:
            assert (data / "backups" / backup.name).read_bytes() == backup.read_bytes()
            assert sorted(p.name for p in (data / "backups").iterdir()) == [backup.name]
    assert seen == {"done", "refused"}


def test_moving_the_key_on_a_filling_disk_never_leaves_a_backup_nothing_opens(
    small_disk: Path, tmp_path: Path, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving a keyring key under a passphrase writes where the key now lives into each backup, then
    empties the keyring entry. With room for a backup's copy but not for that change, SQLite's
    「database or disk is full」 was taken for a damaged backup and passed over: the move said it was
    done, the entry was emptied, and the backup's 身份证号 and phones opened no more."""
    data = small_disk / "data"
    with Store.open(data, daily_backup=False) as store:
        store.save_profiles(parse_profile(make_profile(i, engineers=1)) for i in range(30))
        backup = store.backup_now()
        assert store.key_home() == "keyring"
    pristine = tmp_path / "pristine"
    shutil.copytree(data, pristine)
    entries = dict(memory_keyring.entries)
    phone = make_profile(1)["enterprise"]["contact_phone"]
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "新的数据口令 2026")
    for extra in range(0, 128 * 1024, 8 * 1024):
        shutil.rmtree(data)
        shutil.copytree(pristine, data)
        memory_keyring.entries = dict(entries)
        with (small_disk / "filler").open("wb") as handle:
            handle.write(b"\0" * max(0, shutil.disk_usage(small_disk).free - backup.stat().st_size - extra))
        with Store.open(data, daily_backup=False) as store, contextlib.suppress(StoreError):
            store.move_key("passphrase", "新的数据口令 2026")
        (small_disk / "filler").unlink()
        db.restore_backup(data, data / "backups" / backup.name)
        with Store.open(data, daily_backup=False) as store:
            assert store.get_profile(make_uscc(1))["enterprise"]["contact_phone"] == phone, extra
