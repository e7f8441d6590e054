"""The data folder's refusals in the English window: a damaged database, a full disk, a backup that
cannot be written or restored. Each was shown in Chinese with `--language en`, because the store built it
by joining Chinese strings; each now says it in English with its values (the file, the folder, the bytes
left, the backup to restore) filled in. The command line, and the Chinese window, keep the sentence they
always had."""

from __future__ import annotations

import errno
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from shenbao.core.store import db
from shenbao.ui.context import AppContext
from shenbao.ui.data_folder import open_store

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _opened(parent: QWidget, folder: Path) -> Any:
    return open_store(parent, AppContext(folder))


def test_a_damaged_database_is_told_in_english_with_the_backup_to_restore(
    parent: QWidget, data_dir: Path, dialogs: Any, in_english: None
) -> None:
    path = data_dir / db.DB_NAME
    path.write_bytes(b"junk junk junk " * 100)
    with pytest.raises(db.DamagedStoreError) as caught:
        db.open_database(data_dir)
    assert str(caught.value) == (
        f"数据库 {path} 文件已损坏或不是数据库（文件开头没有 SQLite 数据库的标识）；{data_dir / 'backups'} 中没有可用的备份"
    )

    assert _opened(parent, data_dir) is None
    assert dialogs.texts("critical")[-1] == (
        f"Database {path}: the file is damaged or is not a database (the file does not start as an SQLite database); "
        f"there is no usable backup in {data_dir / 'backups'}"
    )

    # a good backup of the same folder is offered back, in English
    path.unlink()
    conn = db.open_database(data_dir, daily_backup=False)
    good = db.backup(conn, data_dir)
    conn.close()
    path.write_bytes(b"junk junk junk " * 100)
    for leftover in db._wal_files(path):
        leftover.unlink(missing_ok=True)
    assert _opened(parent, data_dir) is None
    asked = dialogs.texts("question")[-1]
    assert asked.startswith(
        f"Database {path}: the file is damaged or is not a database (the file does not start as an SQLite database); "
        f"the latest good backup, {good.name}, can be restored (run shenbao restore)\n\n"
    ), asked
    assert not CJK.search(asked), asked

    # an empty file where backups are kept: the data was lost
    path.write_bytes(b"")
    assert _opened(parent, data_dir) is None
    assert dialogs.texts("question")[-1].startswith(
        f"Database {path} is empty (0 bytes), but the folder holds backups: the data was lost or not "
        f"completely written; the latest good backup, {good.name}, can be restored"
    )


def test_a_database_from_a_newer_version_is_refused_in_english(
    parent: QWidget, data_dir: Path, dialogs: Any, in_english: None
) -> None:
    conn = db.open_database(data_dir, daily_backup=False)
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()
    path = data_dir / db.DB_NAME
    with pytest.raises(db.NewerStoreError) as caught:
        db.open_database(data_dir)
    assert str(caught.value) == (
        f"数据库 {path} 由更新版本的申报助手创建（数据结构版本 {db.SCHEMA_VERSION + 1}），"
        f"本程序支持到版本 {db.SCHEMA_VERSION}；请升级申报助手"
    )
    assert _opened(parent, data_dir) is None
    assert dialogs.texts("critical")[-1] == (
        f"Database {path}: it was made by a newer version of Shenbao (data structure version "
        f"{db.SCHEMA_VERSION + 1}); this program supports up to version {db.SCHEMA_VERSION}. "
        "Please upgrade Shenbao"
    )


def test_a_full_disk_is_told_in_english_with_the_bytes_left(
    parent: QWidget, data_dir: Path, dialogs: Any, in_english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new data folder on a full disk cannot get its database; an existing one opens to be read, and a
    backup of it is refused with what stops it. The cause was cut from the sentence at its first 「：」."""
    from shenbao.ui.workers import show_error

    with monkeypatch.context() as full:
        full.setattr(db, "free_bytes", lambda _folder: 12_345)
        full.setattr(db, "file_size_limit", lambda: None)
        with pytest.raises(db.StoreError) as caught:
            db.open_database(data_dir)
        assert (
            str(caught.value)
            == f"数据文件夹 {data_dir} 所在磁盘已满（剩余 12,345 字节），且还没有数据库，无法创建"
        )
        assert _opened(parent, data_dir) is None
        assert dialogs.texts("critical")[-1] == (
            f"The disk of the data folder {data_dir} is full (12,345 bytes left), and there is no database "
            "yet: it cannot be created"
        )

    db.open_database(data_dir, daily_backup=False).close()
    monkeypatch.setattr(db, "free_bytes", lambda _folder: 12_345)
    monkeypatch.setattr(db, "file_size_limit", lambda: None)
    conn = db.open_database(data_dir)
    refused = pytest.raises(db.StoreError, db.backup, conn, data_dir).value
    conn.close()
    assert str(refused) == (
        f"数据文件夹 {data_dir} 所在磁盘已满（剩余 12,345 字节）：可以查看和导出，但不能保存修改；"
        "请腾出磁盘空间后重试"
    )
    show_error(parent, refused)
    assert dialogs.texts("warning")[-1] == (
        f"The disk of the data folder {data_dir} is full (12,345 bytes left): you can view and export, "
        "but not save changes. Free some disk space and try again"
    )

    # a backup copy stopped by a file-size limit, with room to spare on the disk
    monkeypatch.setattr(db, "free_bytes", lambda _folder: 9_000_000)
    monkeypatch.setattr(db, "file_size_limit", lambda: 4096)
    stopped = db._write_failure(data_dir, OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(stopped, db.DiskFullError)
    assert str(stopped) == (
        f"数据文件夹 {data_dir} 中的文件超出系统允许的文件大小（上限 4,096 字节），无法写入"
        "（磁盘尚余 9,000,000 字节），未能写完，已删除未写完的文件；请解除文件大小限制（如 ulimit -f）后重试"
    )
    show_error(parent, stopped)
    assert dialogs.texts("warning")[-1] == (
        f"A file in the data folder {data_dir} would exceed the largest file size the system allows "
        "(4,096 bytes) and cannot be written (9,000,000 bytes are still free on the disk): the copy could "
        "not be finished and the unfinished file was deleted. Lift the file size limit (such as ulimit -f) "
        "and try again"
    )


def test_a_backup_that_cannot_be_restored_is_refused_in_english(
    parent: QWidget, data_dir: Path, tmp_path: Path, dialogs: Any, in_english: None
) -> None:
    from shenbao.ui.workers import show_error

    db.open_database(data_dir, daily_backup=False).close()
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    shutil.copy(other, tmp_path / "plain.db")
    with pytest.raises(db.StoreError) as caught:
        db.restore_backup(data_dir, other)
    assert str(caught.value) == f"{other}: 不能用于恢复：不是申报助手的数据库"
    show_error(parent, caught.value)
    assert dialogs.texts("warning")[-1] == f"{other}: cannot be used to restore: it is not a Shenbao database"


def test_a_park_table_refused_as_a_whole_is_told_in_english(
    parent: QWidget, tmp_path: Path, dialogs: Any, in_english: None
) -> None:
    """A CSV in an encoding neither UTF-8 nor GB18030, and one with a cell under no header: 导入 said why in
    Chinese in the English window."""
    from shenbao.core.store.tables import read_rows
    from shenbao.ui.workers import show_error

    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(b"\x81\x30\xff\xfe\x00name,code\n" * 3)
    with pytest.raises(db.StoreError) as caught:
        read_rows(garbled)
    assert str(caught.value) == (
        f"{garbled}: 编码无法识别（应为 UTF-8 或 GB18030）："
        "请在表格程序中另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入"
    )
    show_error(parent, caught.value)
    assert dialogs.texts("warning")[-1] == (
        f"{garbled}: the encoding is not recognised (it should be UTF-8 or GB18030): in your spreadsheet "
        "program, save the table as “CSV UTF-8 (Comma delimited)” or as an Excel workbook (.xlsx), then "
        "import it again"
    )

    stray = tmp_path / "stray.csv"
    stray.write_text(
        "企业（单位）名称,统一社会信用代码\n闽江智算,91350100MA2XXXXXX1,extra\n", encoding="utf-8"
    )
    with pytest.raises(db.StoreError) as caught:
        read_rows(stray)
    assert str(caught.value) == (
        f"{stray}: 第 2 行第 3 列（C 列）有内容（extra），但该列没有表头：请在第 1 行写上它的字段名，或删去该列"
    )
    show_error(parent, caught.value)
    assert dialogs.texts("warning")[-1] == (
        f"{stray}: row 2, column 3 (column C) holds something (extra), but the column has no header: "
        "write its field name in row 1, or delete the column"
    )


def test_a_restore_the_disk_cannot_take_is_told_not_a_bug(
    parent: QWidget, data_dir: Path, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged database, a good backup offered back and taken: when the disk has no room for it, the
    user is told so in a message, and nothing of the backup or the damaged file is touched. The refusal
    was raised inside the handler of the damage, where nothing caught it, and went to the bug dialog."""
    from PySide6.QtWidgets import QMessageBox

    conn = db.open_database(data_dir, daily_backup=False)
    good = db.backup(conn, data_dir)
    conn.close()
    path = data_dir / db.DB_NAME
    path.write_bytes(b"junk junk junk " * 100)
    for leftover in db._wal_files(path):
        leftover.unlink(missing_ok=True)
    kept = good.read_bytes()
    monkeypatch.setattr(db, "free_bytes", lambda _folder: 12_345)
    monkeypatch.setattr(db, "file_size_limit", lambda: None)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    assert _opened(parent, data_dir) is None
    assert dialogs.texts("question")  # the backup was offered
    said = dialogs.texts("critical")[-1]
    assert "12,345" in said and said.endswith("不能恢复备份"), said
    assert path.read_bytes() == b"junk junk junk " * 100 and good.read_bytes() == kept
