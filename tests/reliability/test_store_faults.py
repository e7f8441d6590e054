"""Faults of the data folder itself: an empty or missing database beside backups, a restore killed
half-way or asked to downgrade, leftovers of killed writers, and readers behind a long write."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.core.store import DamagedStoreError, Store
from tests.reliability.helpers import assert_refused_cheaply, run_measured, stored_state
from tests.store.factory import REPO, cli_env, make_profile, make_uscc, shenbao


@pytest.fixture
def folder(tmp_path: Path, no_keyring) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.save_profile(make_profile(1))
        store.save_profile(make_profile(2))
        store.backup_now()
    return data


def listed(data: Path) -> list[str]:
    run = shenbao(data, "profiles", "list", "--format", "json")
    assert run.returncode == 0, run.stderr
    return [row["uscc"] for row in json.loads(run.stdout)]


def dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


@pytest.mark.parametrize("how", ["empty", "missing"])
def test_an_empty_or_missing_database_beside_backups_is_damage_not_an_empty_store(
    folder: Path, how: str
) -> None:
    db = folder / "shenbao.db"
    if how == "empty":
        db.write_bytes(b"")
    else:
        db.unlink()
    before = stored_state(folder)
    run = run_measured(folder, "profiles", "list", "--format", "text")
    assert_refused_cheaply(run, "为空" if how == "empty" else "不存在", "shenbao restore")
    assert run.stdout == ""
    assert stored_state(folder) == before
    assert shenbao(folder, "restore").returncode == 0
    assert listed(folder) == [make_uscc(1), make_uscc(2)]


def test_an_empty_database_with_its_key_in_the_keyring_is_damage(tmp_path: Path, memory_keyring) -> None:
    data = tmp_path / "data"
    with Store.open(data, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        assert store.key_home() == "keyring"
    (data / "shenbao.db").write_bytes(b"")
    with pytest.raises(DamagedStoreError, match="密钥"):
        Store.open(data)
    assert (data / "shenbao.db").stat().st_size == 0


KILL_AT_RENAME = """
import os, sys
from pathlib import Path
from shenbao.core.store import db
real = os.replace
def replace(src, dst):
    if str(dst).endswith("shenbao.db") and ".restoring" in str(src):
        os._exit(137)  # killed between the copy and the rename
    real(src, dst)
db.os.replace = replace
db.restore_backup(Path(sys.argv[1]))
"""


def test_a_restore_killed_before_its_rename_leaves_the_old_file_and_is_cleaned_up(folder: Path) -> None:
    db = folder / "shenbao.db"
    db.write_bytes(b"this is not a database" * 100)
    damaged = db.read_bytes()
    env = cli_env(folder)
    killed = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, str(folder)], env=env, capture_output=True)
    assert killed.returncode == 137, killed.stderr
    assert db.read_bytes() == damaged  # the folder never lost its database
    assert list(folder.glob(".shenbao.db.*.restoring"))
    run = shenbao(folder, "profiles", "list")
    assert run.returncode == 2 and "损坏" in run.stderr and "shenbao restore" in run.stderr
    assert not list(folder.glob(".shenbao.db.*.restoring"))  # the next open removed the leftover
    assert shenbao(folder, "restore").returncode == 0
    assert listed(folder) == [make_uscc(1), make_uscc(2)]
    assert [p.name for p in folder.glob("shenbao.db.damaged-*")]  # the damaged file kept aside


def test_restore_refuses_to_replace_a_database_from_a_newer_version(folder: Path) -> None:
    conn = sqlite3.connect(folder / "shenbao.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = stored_state(folder)
    run = run_measured(folder, "restore")
    assert_refused_cheaply(run, "更新版本", "99", "已拒绝")
    assert stored_state(folder) == before


def test_leftovers_of_killed_writers_are_removed_on_the_next_open(folder: Path, tmp_path: Path) -> None:
    backups = folder / "backups"
    gone = dead_pid()
    left = [
        backups / "shenbao-20260101-000000-000000-daily.partial",  # an older program's names
        backups / "shenbao-20260101-000000-000000-daily.partial-journal",
        backups / f".shenbao-20260102-000000-000000-daily.db.{gone}.abcdef.partial",
        backups / f".shenbao-20260102-000000-000000-daily.db.{gone}.abcdef.partial-journal",
        folder / f".shenbao.db.{gone}.abcdef.restoring",
    ]
    busy = backups / f".shenbao-20260103-000000-000000-daily.db.{os.getpid()}.abcdef.partial"
    for path in [*left, busy]:
        path.write_bytes(b"\0" * 4096)
    out = tmp_path / "out" / "all.shenbao"
    out.parent.mkdir()
    stale_part = out.parent / f".all.shenbao.{gone}.abcdef.part"
    stale_part.write_bytes(b"\0" * 4096)
    assert listed(folder) == [make_uscc(1), make_uscc(2)]
    assert [p for p in left if p.exists()] == []
    assert busy.exists()  # a live process may still be writing it
    assert shenbao(folder, "export", "--out", str(out), "--omit-sensitive").returncode == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["all.shenbao"]


def test_an_export_clears_what_a_killed_export_left_in_its_folder_under_another_name(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    gone = dead_pid()
    stale = [out / f".园区-0601.xlsx.{gone}.abcdef.part", out / f".all.shenbao.{gone}.0a1b2c.part"]
    busy = out / f".园区-0602.csv.{os.getpid()}.abcdef.part"  # another export still writing
    others = [out / ".电影.mkv.part", out / "报告.pdf.part", out / f".notes.{gone}.part"]  # not ours
    for path in [*stale, busy, *others]:
        path.write_bytes(b"\0" * 4096)
    run = shenbao(folder, "export", "--out", str(out / "园区-0603.csv"))
    assert run.returncode == 0, run.stderr
    assert [p for p in stale if p.exists()] == []
    assert busy.exists() and all(p.exists() for p in others)
    assert (out / "园区-0603.csv").is_file()


def test_readers_do_not_wait_behind_a_writer(folder: Path) -> None:
    writer = sqlite3.connect(folder / "shenbao.db", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE enterprises SET name = 'uncommitted' WHERE uscc = ?", (make_uscc(1),))
        run = subprocess.run(
            [sys.executable, "-m", "shenbao", "profiles", "list", "--format", "json"],
            env=cli_env(folder),
            capture_output=True,
            text=True,
            timeout=25,
            stdin=subprocess.DEVNULL,
        )
        assert run.returncode == 0, run.stderr
        assert "uncommitted" not in run.stdout
        assert [r["uscc"] for r in json.loads(run.stdout)] == [make_uscc(1), make_uscc(2)]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_long_import_shows_progress_on_a_terminal(tmp_path: Path, no_keyring) -> None:
    import pty

    files = []
    for i in range(30):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(make_profile(i, engineers=0), ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    master, slave = pty.openpty()
    env = cli_env(tmp_path / "data")
    run = subprocess.run(
        [sys.executable, "-m", "shenbao", "import", *files],
        env=env,
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        timeout=120,
        cwd=REPO,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    text = shown.decode("utf-8", "replace")
    assert run.returncode == 0, text
    assert "30/30" in text and "15/30" in text and "导入完成" in text


def test_a_second_restore_within_the_second_keeps_both_damaged_files(folder: Path) -> None:
    """The damaged file is kept aside under a time-stamped name; when that name (and the next second's)
    is already taken — an interrupted restore just before — the new one gets a free name, never the old
    file's, and the restore goes through."""
    import datetime as dt

    from shenbao.core.store.db import restore_backup

    db = folder / "shenbao.db"
    earlier = b"an earlier damaged file" * 50
    now = dt.datetime.now()
    taken = [now + dt.timedelta(seconds=s) for s in (0, 1)]
    for moment in taken:
        (folder / f"shenbao.db.damaged-{moment:%Y%m%d-%H%M%S}").write_bytes(earlier)
    db.write_bytes(b"this is not a database" * 100)
    restore_backup(folder)
    kept = {p.name: p.read_bytes() for p in folder.glob("shenbao.db.damaged-*")}
    assert sum(1 for body in kept.values() if body == earlier) == 2  # the earlier ones untouched
    assert [name for name, body in kept.items() if body == b"this is not a database" * 100]
    with Store.open(folder, daily_backup=False) as store:
        assert store.count_enterprises() == 2


def damage_an_index(path: Path) -> None:
    """Index entries that no longer match their rows: SQLite's quick check does not look at them, the
    full integrity check does (what a bit flipped on disk in an index page does to a backup)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX enterprises_district ON enterprises(city)'"
        " WHERE name = 'enterprises_district'"
    )
    conn.commit()
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    check.close()


def test_restore_passes_over_a_newest_backup_with_damaged_indexes(folder: Path) -> None:
    with Store.open(folder) as store:
        store.save_profile(make_profile(3))
        newest = store.backup_now()
    damage_an_index(newest)
    (folder / "shenbao.db").write_bytes(b"")
    run = shenbao(folder, "restore")
    assert run.returncode == 0, run.stderr
    assert newest.name not in run.stdout + run.stderr
    conn = sqlite3.connect(folder / "shenbao.db")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]  # no hidden damage brought back
    conn.close()
    assert listed(folder) == [make_uscc(1), make_uscc(2)]  # the newest good backup, before profile 3
    assert_refused_cheaply(run_measured(folder, "restore", str(newest)), "完整性检查未通过")


def test_backups_that_are_all_damaged_are_named_as_damaged_not_as_missing(folder: Path) -> None:
    with Store.open(folder) as store:
        store.backup_now()
    backups = sorted((folder / "backups").glob("shenbao-*.db"))
    assert len(backups) == 2
    for path in backups:
        with path.open("r+b") as handle:
            handle.truncate(5000)
    (folder / "shenbao.db").write_bytes(b"")
    before = stored_state(folder)
    for args in (("profiles", "list"), ("restore",)):
        run = run_measured(folder, *args)
        assert_refused_cheaply(run, "2 份备份均已损坏或不完整", "没有可用的备份")
    assert stored_state(folder) == before
