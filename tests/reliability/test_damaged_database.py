"""A damaged database: detected on open by the core, the command and the window; never overwritten;
restored from the newest good backup with the damaged file kept aside. And a writer killed while saving
wizard drafts, again and again, loses no draft it had saved."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.store import DamagedStoreError, Store, db
from tests.conftest import AS_OF, Dialogs
from tests.store.factory import (
    ENGLISH,
    PASSPHRASE,
    assert_refused,
    cli_env,
    make_profile,
    make_uscc,
    shenbao,
)


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def damage_tables(data_dir: Path) -> bytes:
    """Overwrite the first bytes of every table's root page, as a failing disk would; returns the file."""
    conn = sqlite3.connect(data_dir / db.DB_NAME)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    finally:
        conn.close()
    path = data_dir / db.DB_NAME
    damaged = bytearray(path.read_bytes())
    for root in roots:
        damaged[(root - 1) * page_size : (root - 1) * page_size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_corrupted_file_is_detected_kept_and_restored_from_a_backup(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        store.backup_now()
        store.save_profile(make_profile(2))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in store.conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    path = data_dir / db.DB_NAME
    damaged = bytearray(path.read_bytes())
    for root in roots:
        start = (root - 1) * page_size
        damaged[start : start + 64] = b"\xa5" * 64
    path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedStoreError, match="shenbao restore") as err:
        Store.open(data_dir)
    assert err.value.backups and path.read_bytes() == bytes(damaged)
    used = db.restore_backup(data_dir)
    assert used == err.value.backups[0]
    assert [
        p.read_bytes() for p in data_dir.glob("shenbao.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ] == [bytes(damaged)]
    with Store.open(data_dir) as store:
        assert [r.uscc for r in store.list_enterprises()] == [make_uscc(1)]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_file_that_is_not_a_database_is_refused_and_never_overwritten(data_dir: Path) -> None:
    path = data_dir / db.DB_NAME
    path.write_bytes(b"this is not sqlite " * 100)
    with pytest.raises(DamagedStoreError, match="没有可用的备份"):
        Store.open(data_dir)
    assert path.read_bytes() == b"this is not sqlite " * 100


def test_a_damaged_database_is_reported_and_restored_from_the_command_line(
    data_dir: Path, tmp_path: Path
) -> None:
    shenbao(data_dir, "import", str(write(tmp_path / "a.json", make_profile(1))))
    backup = shenbao(data_dir, "backup")
    assert backup.returncode == 0 and Path(backup.stdout.strip()).is_file()
    (data_dir / "shenbao.db").write_bytes(b"\0garbage" * 512)
    for name in ("shenbao.db-wal", "shenbao.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    assert_refused(shenbao(data_dir, "profiles", "list"), "损坏", "shenbao restore")
    restored = shenbao(data_dir, "restore")
    assert restored.returncode == 0, restored.stderr
    listed = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    assert [r["uscc"] for r in listed] == [make_uscc(1)]


def test_a_listing_reads_without_the_whole_file_check_yet_refuses_a_damaged_file(
    data_dir: Path, tmp_path: Path
) -> None:
    """A listing that writes nothing (today's backup made) leaves out the check of every page; the
    pages it reads are still refused when damaged, and the next open that may write checks them all."""
    shenbao(data_dir, "import", str(write(tmp_path / "a.json", make_profile(1))))
    assert shenbao(data_dir, "backup").returncode == 0
    assert len(json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)) == 1
    backups = sorted((data_dir / "backups").glob("shenbao-*.db"))
    damaged = damage_tables(data_dir)
    assert_refused(shenbao(data_dir, "profiles", "list", "--format", "json"), "损坏", "shenbao restore")
    assert_refused(shenbao(data_dir, "import", str(write(tmp_path / "b.json", make_profile(2)))), "损坏")
    assert (data_dir / "shenbao.db").read_bytes() == damaged
    assert sorted((data_dir / "backups").glob("shenbao-*.db")) == backups


@pytest.mark.parametrize(
    ("damage", "reason"),
    [("tables", "文件内部结构已损坏"), ("garbage", "文件开头没有 SQLite 数据库的标识")],
)
def test_why_a_damaged_database_cannot_be_read_is_said_in_chinese(
    data_dir: Path, tmp_path: Path, damage: str, reason: str
) -> None:
    shenbao(data_dir, "import", str(write(tmp_path / "a.json", make_profile(1))))
    assert shenbao(data_dir, "backup").returncode == 0
    if damage == "tables":
        damage_tables(data_dir)
    else:
        (data_dir / "shenbao.db").write_bytes(b"\0garbage" * 512)
        for name in ("shenbao.db-wal", "shenbao.db-shm"):
            (data_dir / name).unlink(missing_ok=True)
    listed = shenbao(data_dir, "profiles", "list", "--format", "json")
    assert_refused(listed, f"文件已损坏或不是数据库（{reason}）", "shenbao restore")
    said = listed.stderr.replace(str(data_dir), "").replace("shenbao restore", "")
    assert not ENGLISH.search(said), said  # SQLite's own words stay out
    garbage = tmp_path / "backup.db"
    garbage.write_bytes(b"not a database " * 100)
    refused = shenbao(data_dir, "restore", str(garbage))  # a file given to restore, checked the same way
    assert_refused(refused, "文件已损坏或不是数据库（文件开头没有 SQLite 数据库的标识）")
    said = refused.stderr.replace(str(garbage), "")
    assert not ENGLISH.search(said), said


def open_window(qtbot: Any, data_dir: Path, settings: Any) -> Any:
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    create_application(language="zh_CN")
    window = MainWindow(data_dir, settings, today=lambda: AS_OF)
    qtbot.addWidget(window)
    window.show()
    window.finish_loading()
    return window


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_on_a_damaged_database_offers_the_backup_and_opens_it(
    qtbot: Any,
    data_dir: Path,
    app_settings: Any,  # noqa: F811
    dialogs: Dialogs,  # noqa: F811
) -> None:
    from PySide6.QtWidgets import QMessageBox

    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        store.backup_now()
        store.save_profile(make_profile(2))
    damaged = damage_tables(data_dir)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    window = open_window(qtbot, data_dir, app_settings)
    asked = dialogs.texts("question")
    assert asked and "恢复" in asked[0]
    assert window.store is not None
    assert [row.uscc for row in window.store.list_enterprises()] == [make_uscc(1)]
    kept = [p for p in data_dir.glob("shenbao.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [damaged]
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_refusing_the_backup_leaves_the_damaged_file_untouched(
    qtbot: Any,
    data_dir: Path,
    app_settings: Any,  # noqa: F811
    dialogs: Dialogs,  # noqa: F811
) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        store.backup_now()
    damaged = damage_tables(data_dir)
    window = open_window(qtbot, data_dir, app_settings)  # the question is answered No
    assert window.store is None
    assert any("损坏" in text or "无法打开" in text for text in dialogs.texts())
    assert (data_dir / db.DB_NAME).read_bytes() == damaged
    window.close()


DRAFT_WRITER = """
import sys
from shenbao.core.store import Store
store = Store.open(sys.argv[1], daily_backup=False)
decl = None
for n in range(1_000_000):
    decl = store.save_draft(sys.argv[2], "fz2024.compute_use", {"facts.compute_purchase_amount": n}, page="p",
                            declaration_id=decl.id if decl else None)
    print(n, flush=True)
"""


def test_a_writer_killed_while_saving_drafts_loses_no_saved_draft(
    data_dir: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHENBAO_PASSPHRASE", PASSPHRASE)
    env = cli_env(data_dir)
    shenbao(data_dir, "import", str(write(data_dir.parent / "p.json", make_profile(1))))
    rng = random.Random(7)
    for _ in range(6):
        with subprocess.Popen(
            [sys.executable, "-c", DRAFT_WRITER, str(data_dir), make_uscc(1)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            acknowledged = -1
            for _ in range(rng.randint(5, 60)):
                line = proc.stdout.readline()
                if not line:
                    break
                acknowledged = int(line)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            problem = proc.stderr.read()
        assert acknowledged >= 0, problem
        conn = sqlite3.connect(data_dir / db.DB_NAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        with Store.open(data_dir, daily_backup=False) as store:
            drafts = [d for d in store.list_declarations(make_uscc(1)) if d.measure == "fz2024.compute_use"]
            latest = max(d.answers["facts.compute_purchase_amount"] for d in drafts)
            assert latest >= acknowledged  # what the killed writer was told was saved, is
