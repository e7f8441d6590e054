"""The database file: where it lives, how it is opened, its schema versions, and its backups.

One SQLite file per data folder, in WAL mode with foreign keys on and a busy timeout, so a second process
on the same folder waits for the first instead of failing. The schema version is `PRAGMA user_version`;
each migration is one numbered function run in its own transaction after a backup. A file that fails
`PRAGMA quick_check` or cannot be read is never written to: opening raises DamagedStoreError, which names
the latest good backup, and `restore_backup` puts one back while the damaged file is kept aside.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from shenbao.errors import KnownError

DB_NAME = "shenbao.db"
BACKUP_DIR = "backups"
BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 30_000
APP_NAME = "shenbao"


class StoreError(KnownError):
    """A problem with the data folder the user can act on."""


class DamagedStoreError(StoreError):
    """The database file is unreadable or fails its check. `backups` are the good ones, newest first."""

    def __init__(self, message: str, *, path: Path, backups: list[Path]) -> None:
        self.path = path
        self.backups = backups
        if backups:
            message += f"；可恢复最近的完好备份 {backups[0].name}（运行 shenbao restore）"
        else:
            message += "；没有可用的备份"
        super().__init__(message)


class NewerStoreError(StoreError):
    """The database was written by a newer version of the program."""


def data_folder(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the argument (from --data-dir), else SHENBAO_DATA_DIR, else the user data folder."""
    chosen = data_dir or os.environ.get("SHENBAO_DATA_DIR")
    if not chosen:
        import appdirs

        chosen = appdirs.user_data_dir(APP_NAME, False)
    return Path(chosen).expanduser().resolve()


# --- schema ---------------------------------------------------------------------------------------


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Each statement of a script in the caller's transaction (`executescript` would commit it first)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_profiles(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE enterprises (
            id INTEGER PRIMARY KEY,
            uscc TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            org_type TEXT,
            province TEXT,
            city TEXT,
            district TEXT,
            document TEXT NOT NULL,
            recognitions_listed INTEGER NOT NULL DEFAULT 0,
            secrets BLOB,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE recognitions (
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            date TEXT NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (enterprise_id, position)
        );
        CREATE TABLE facts (
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (enterprise_id, key)
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            action TEXT NOT NULL,
            uscc TEXT,
            detail TEXT NOT NULL DEFAULT ''
        );
        """,
    )


def _v2_declarations(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE declarations (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
            measure TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'ready', 'rendered')),
            answers BLOB,
            page TEXT,
            preview TEXT,
            policy_version TEXT,
            pdf_sha256 TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX declarations_enterprise ON declarations(enterprise_id, measure);
        """,
    )


def _v3_search_and_authors(conn: sqlite3.Connection) -> None:
    """Who last touched a record, for laptops several staff share; an index for the district filter."""
    _run(
        conn,
        """
        ALTER TABLE enterprises ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE declarations ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
        CREATE INDEX enterprises_district ON enterprises(district);
        CREATE INDEX changes_uscc ON changes(uscc);
        """,
    )


def _v4_register(conn: sqlite3.Connection) -> None:
    """The declaration register: where a declaration stands after printing (submitted … paid), each change
    of state with its date, the sums awarded and received, the materials ticked off, the printed file, the
    basis it was judged on and its own deadline. Additive: `state` keeps the wizard's progress, and a NULL
    `register_state` reads as what that progress implies (see core/register.py)."""
    _run(
        conn,
        """
        ALTER TABLE declarations ADD COLUMN register_state TEXT;
        ALTER TABLE declarations ADD COLUMN pdf_path TEXT;
        ALTER TABLE declarations ADD COLUMN as_of TEXT;
        ALTER TABLE declarations ADD COLUMN basis BLOB;
        ALTER TABLE declarations ADD COLUMN basis_sha256 TEXT;
        ALTER TABLE declarations ADD COLUMN amount_applied TEXT;
        ALTER TABLE declarations ADD COLUMN amount_awarded TEXT;
        ALTER TABLE declarations ADD COLUMN reference TEXT;
        ALTER TABLE declarations ADD COLUMN deadline TEXT;
        CREATE TABLE declaration_events (
            id INTEGER PRIMARY KEY,
            declaration_id INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
            state TEXT NOT NULL,
            on_date TEXT NOT NULL,
            reference TEXT,
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            user TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX declaration_events_declaration ON declaration_events(declaration_id);
        CREATE TABLE declaration_payments (
            id INTEGER PRIMARY KEY,
            declaration_id INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            amount TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX declaration_payments_declaration ON declaration_payments(declaration_id);
        CREATE TABLE declaration_materials (
            declaration_id INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            item TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            path TEXT,
            sha256 TEXT,
            PRIMARY KEY (declaration_id, position)
        );
        """,
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_profiles,
    _v2_declarations,
    _v3_search_and_authors,
    _v4_register,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Run the migrations after the file's version up to `target`, each in one transaction. The version
    is read under the write lock, so two processes opening a new folder at once do not both migrate."""
    while True:
        with transaction(conn):
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current >= target:
                return
            MIGRATIONS[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")


# --- connections ----------------------------------------------------------------------------------


def connect(path: Path) -> sqlite3.Connection:
    """A connection with our settings. Transactions are explicit (see `transaction`)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy
    timeout), so two processes never both read and then fail to upgrade. Nested use joins the outer one."""
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as err:
        raise known_error(err) from None


def known_error(err: sqlite3.OperationalError) -> StoreError | sqlite3.OperationalError:
    """The SQLite failures a user can act on, in plain words; anything else stays a bug."""
    text = str(err).lower()
    if "disk is full" in text or "disk i/o error" in text:
        return StoreError("磁盘已满或无法写入，本次修改未保存（已保存的数据不受影响）；请腾出磁盘空间后重试")
    if "readonly" in text or "read-only" in text:
        return StoreError("数据文件夹为只读，本次修改未保存；请检查文件夹权限或在设置中更换数据文件夹")
    if "locked" in text or "busy" in text:
        return StoreError("数据库正被另一程序长时间占用，本次修改未保存；请稍后重试")
    return err


def check_file(path: Path) -> str | None:
    """None when `path` is a readable, intact SQLite database; otherwise what is wrong, in Chinese."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        return f"无法打开（{err}）"
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as err:
        return f"文件已损坏或不是数据库（{err}）"
    finally:
        conn.close()
    if rows != [("ok",)]:
        return "完整性检查未通过（" + "；".join(str(r[0]) for r in rows[:3]) + "）"
    if version > SCHEMA_VERSION:
        return f"由更新版本的申报助手创建（数据结构版本 {version}）"
    return None


def open_database(folder: Path, *, daily_backup: bool = True) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the folder's database; back it up before a migration and
    on the first open of a day. Raises DamagedStoreError or NewerStoreError, touching nothing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"无法创建数据文件夹 {folder}（{err.strerror}）") from None
    path = folder / DB_NAME
    existed = path.exists() and path.stat().st_size > 0
    if not os.access(folder, os.W_OK) or (existed and not os.access(path, os.W_OK)):
        raise StoreError(
            f"数据文件夹 {folder} 为只读，无法保存；请检查文件夹权限，或用 --data-dir 选择其他文件夹"
        )
    if existed:
        problem = check_file(path)
        if problem and "更新版本" in problem:
            raise NewerStoreError(
                f"数据库 {path} {problem}，本程序支持到版本 {SCHEMA_VERSION}；请升级申报助手"
            )
        if problem:
            raise DamagedStoreError(f"数据库 {path} {problem}", path=path, backups=good_backups(folder))
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if existed and version < SCHEMA_VERSION:
            backup(conn, folder, reason=f"before-v{SCHEMA_VERSION}")
        elif existed and daily_backup and not _backed_up_today(folder):
            backup(conn, folder, reason="daily")
        migrate(conn)
    except sqlite3.OperationalError as err:
        conn.close()
        raise StoreError(f"数据库 {path} 无法打开（{err}）") from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise DamagedStoreError(
            f"数据库 {path} 无法读取（{err}）", path=path, backups=good_backups(folder)
        ) from None
    except BaseException:
        conn.close()
        raise
    return conn


# --- backups --------------------------------------------------------------------------------------


def backup_folder(folder: Path) -> Path:
    return folder / BACKUP_DIR


def list_backups(folder: Path) -> list[Path]:
    """Backup files, newest first (their names sort by time)."""
    where = backup_folder(folder)
    if not where.is_dir():
        return []
    return sorted(where.glob("shenbao-*.db"), key=lambda p: p.name, reverse=True)


def good_backups(folder: Path) -> list[Path]:
    return [p for p in list_backups(folder) if check_file(p) is None]


def _backed_up_today(folder: Path) -> bool:
    today = dt.date.today().strftime("%Y%m%d")
    return any(p.name.startswith(f"shenbao-{today}") for p in list_backups(folder))


def backup(conn: sqlite3.Connection, folder: Path, *, reason: str = "manual") -> Path:
    """Copy the live database with SQLite's backup API (never a file copy, which could catch a page
    half-written), keeping the newest BACKUPS_KEPT."""
    where = backup_folder(folder)
    where.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = where / f"shenbao-{stamp}-{reason}.db"
    partial = target.with_suffix(".partial")
    dest = sqlite3.connect(str(partial))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)
    for old in list_backups(folder)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def restore_backup(folder: Path, file: Path | None = None) -> Path:
    """Put a backup back as the folder's database and return the backup used.

    Without `file`, the newest good backup. A healthy current database is backed up first; a damaged one
    is moved aside (renamed, never deleted) so nothing is overwritten that might still be rescued.
    """
    folder = Path(folder)
    if file is None:
        candidates = good_backups(folder)
        if not candidates:
            raise StoreError(f"{backup_folder(folder)} 中没有可用的备份")
        source = candidates[0]
    else:
        source = Path(file)
        if not source.is_file():
            raise StoreError(f"{source}: 备份文件不存在")
        problem = check_file(source)
        if problem:
            raise StoreError(f"{source}: 不能用于恢复：{problem}")
    path = folder / DB_NAME
    if path.exists() and check_file(path) is None:
        live = connect(path)
        try:
            backup(live, folder, reason="before-restore")
            src = connect(source)
            try:
                src.backup(live)
            finally:
                src.close()
        finally:
            live.close()
        return source
    if path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            old = folder / f"{DB_NAME}{suffix}"
            if old.exists():
                os.replace(old, folder / f"{DB_NAME}.damaged-{stamp}{suffix}")
    src = connect(source)
    dest = connect(path)
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()
    return source
