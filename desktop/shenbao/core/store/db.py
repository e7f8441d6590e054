"""The database file: where it lives, how it is opened, its schema versions, and its backups.

One SQLite file per data folder, in WAL mode with foreign keys on and a busy timeout: readers never wait
for a writer, and a second writer waits for the first instead of failing. The schema version is
`PRAGMA user_version`; each migration is one numbered function run in its own transaction after a backup.
A file that fails `PRAGMA quick_check` or cannot be read is never written to: opening raises
DamagedStoreError, which names the latest good backup, and `restore_backup` puts one back while the
damaged file is kept aside. A missing or empty file in a folder that has backups or a key is damage too,
not an empty store.

A folder that cannot be written (a read-only mount, a full disk) is opened read-only: everything can be
read and exported, and each write is refused saying why. Temporary files a killed process left behind
(backups half-made, a restore half-copied) are removed on the next open that can write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from shenbao.core.phrases import Phrase
from shenbao.errors import OS_REASONS, KnownError, not_a_file, os_reason

DB_NAME = "shenbao.db"
BACKUP_DIR = "backups"
BACKUPS_KEPT = 10
BUSY_TIMEOUT_MS = 30_000
APP_NAME = "shenbao"


# The store's refusals a user meets in the window (a locked or read-only folder, a code already stored, a
# wrong passphrase, a damaged bundle), each a Phrase (core.phrases) of a core string, which the interface
# writes again in its language; the command line prints the Chinese sentence.
REFUSALS = {
    "search_words": "搜索的词过多（{count} 个，最多 {limit} 个）：请只写名称、代码或地区中的几个词",
    "stray_secret": "{uscc}: 身份证号或联系电话写在了 enterprise.contact_phone、facts.core_engineers 以外的位置，"
    "不能加密保存，未保存；请把它们移到这两个字段中",
    "read_only_folder": "数据文件夹 {folder} 为只读：可以查看和导出，但不能保存修改；请检查文件夹权限，或选择其他数据文件夹"
    "（窗口中：设置 → 数据文件夹；命令行：--data-dir）",
    "disk_full": "磁盘已满或无法写入，本次修改未保存（已保存的数据不受影响）；请腾出磁盘空间后重试",
    "read_only": "数据文件夹为只读，本次修改未保存；请检查文件夹权限或在设置中更换数据文件夹",
    "busy": "数据库正被另一程序长时间占用，本次修改未保存；请稍后重试",
    "no_enterprise": "没有统一社会信用代码为 {uscc} 的企业",
    "exists": "统一社会信用代码为 {uscc} 的企业已存在",
    "no_declaration": "没有编号为 {id} 的申报",
    "not_a_draft": "申报 #{id} 已在申报记录中记为{state}，不能再作为草稿修改；本次修改未保存",
    "nothing_to_import": "没有可导入的企业",
    "import_folder": "{path}: 这是一个文件夹，不是要导入的文件",
    "import_missing": "{path}: 文件不存在",
    "import_kind": "{path}: 不支持的文件类型（应为 .shenbao 数据包、.json 档案或 .csv/.txt/.xlsx 表格）",
    "unwritable": "{path}: 无法写入（{why}）",
    "unreadable": "{path}: 无法读取（{why}）",
    "wrong_passphrase": "数据口令不正确",
    "wrong_passphrase_tries": "数据口令不正确（已输入 {count} 次）",
    "bundle_passphrase": "口令不正确，或数据包已被改动",
    "bundle_passphrase_tries": "口令不正确，或数据包已被改动（已输入 {count} 次）",
    "bundle_in_file": "{path}: {problem}",
    "profile_in_file": "{path}: {field}: {problem}",
    "import_no_uscc": "{path}: enterprise.uscc: 导入前须填写统一社会信用代码",
    "bundle_too_big": "{path}: 文件过大（{size} 字节），不是申报助手数据包",
    "bundle_empty": "文件为空",
    "not_bundle": "不是申报助手数据包",
    "bundle_incomplete": "不是申报助手数据包，或文件不完整（缺少校验码）",
    "bundle_checksum": "校验码不符：文件已损坏、不完整或被改动",
    "bundle_no_manifest": "缺少清单 manifest.json，不是申报助手数据包",
    "bundle_no_profiles": "数据包中没有企业档案",
    # a database that cannot be opened, and why (check_file); what can be done (DamagedStoreError)
    "database_problem": "数据库 {path} {problem}",
    "cannot_open": "无法打开（{error}）",
    "not_a_database": "文件已损坏或不是数据库（{error}）",
    "integrity": "完整性检查未通过（{rows}）",
    # SQLite's own reasons, as sqlite_reason tells them
    "sqlite_not_database": "文件开头没有 SQLite 数据库的标识",
    "sqlite_malformed": "文件内部结构已损坏",
    "sqlite_cannot_open": "无法打开该文件",
    "sqlite_io": "读写该文件时出错",
    "sqlite_full": "磁盘空间不足",
    "newer_file": "由更新版本的申报助手创建（数据结构版本 {version}）",
    "not_ours": "不是申报助手的数据库",
    "newer_store": "数据库 {path} {problem}，本程序支持到版本 {supported}；请升级申报助手",
    "restorable": "{damage}；可恢复最近的完好备份 {backup}（运行 shenbao restore）",
    "not_restorable": "{damage}；{none}",
    "backups_damaged": "{folder} 中的 {count} 份备份均已损坏或不完整，没有可用的备份",
    "no_backups": "{folder} 中没有可用的备份",
    "empty_with_backups": "数据库 {path} 为空（0 字节），但文件夹中有备份：数据已丢失或未写完",
    "missing_with_backups": "数据库 {path} 不存在，但文件夹中有备份：数据已丢失或未写完",
    "empty_with_key": "数据库 {path} 为空（0 字节），但系统钥匙串中有这个数据文件夹的密钥：数据已丢失或未写完"
    "（如确定从空白开始，请先移走该文件）",
    "cannot_make_folder": "无法创建数据文件夹 {folder}（{why}）",
    "cannot_open_database": "数据库 {path} 无法打开（{error}）",
    "cannot_read_database": "数据库 {path} 无法读取（{error}）",
    "cannot_read_read_only": "数据库 {path} 无法读取：{refusal}",
    "cannot_read": "数据库无法读取（{error}）",
    # a folder that cannot be written: the cause, then what it stops
    "read_only_cause": "数据文件夹 {folder} 为只读",
    "disk_full_cause": "数据文件夹 {folder} 所在磁盘已满",
    "disk_full_left_cause": "数据文件夹 {folder} 所在磁盘已满（剩余 {free} 字节）",
    "size_limit_cause": "数据文件夹 {folder} 中的文件超出系统允许的文件大小（上限 {limit} 字节），无法写入"
    "（磁盘尚余 {free} 字节）",
    "free_space": "请腾出磁盘空间后重试",
    "lift_size_limit": "请解除文件大小限制（如 ulimit -f）后重试",
    "no_room": "{cause}：可以查看和导出，但不能保存修改；{remedy}",
    "no_room_to_create": "{cause}，且还没有数据库，无法创建",
    "no_room_to_upgrade": "{cause}，而数据库需要升级到版本 {version} 才能读取",
    "no_room_to_restore": "{cause}，不能恢复备份",
    "copy_stopped": "{cause}，未能写完，已删除未写完的文件；{remedy}",
    "cannot_write_backups": "无法写入 {folder}（{why}）",
    # restoring a backup
    "backup_is_folder": "{path}: 这是一个文件夹，不是备份文件",
    "backup_missing": "{path}: 备份文件不存在",
    "backup_unusable": "{path}: 不能用于恢复：{problem}",
    "newer_than_backup": "当前数据库 {path} 由更新版本的申报助手创建（数据结构版本 {version}，本程序支持到版本 {supported}）；"
    "用备份替换会丢失新版本写入的全部数据，已拒绝：请用新版本的申报助手恢复",
}


class StoreError(KnownError):
    """A problem with the data folder the user can act on."""


class DamagedStoreError(StoreError):
    """The database file is unreadable or fails its check. `backups` holds the newest good backup, if
    there is one (see `good_backups`)."""

    def __init__(self, message: str, *, path: Path, backups: list[Path]) -> None:
        self.path = path
        self.backups = backups
        if backups:
            message = Phrase(REFUSALS["restorable"], damage=message, backup=backups[0].name)
        else:
            message = Phrase(REFUSALS["not_restorable"], damage=message, none=no_good_backup(path.parent))
        super().__init__(message)


def no_good_backup(folder: Path) -> str:
    """Why no backup can be restored: none made, or every one damaged (a user told "none" would not
    think to look at, nor keep, the damaged files)."""
    found = list_backups(folder)
    if found:
        return Phrase(REFUSALS["backups_damaged"], folder=backup_folder(folder), count=len(found))
    return Phrase(REFUSALS["no_backups"], folder=backup_folder(folder))


class NewerStoreError(StoreError):
    """The database was written by a newer version of the program."""


class DiskFullError(StoreError):
    """Something could not be written for want of disk space; nothing was left half-written."""


class HandedInError(StoreError):
    """A draft saved over a declaration the register holds as handed in (已提交 and after) or ended."""


class Connection(sqlite3.Connection):
    """A connection that knows whether it may write: `read_only` is the reason it may not, in Chinese."""

    read_only: str | None = None
    on_write: Callable[[], None] | None = None
    """Called as each write transaction begins, holding the write lock; it may raise to refuse it."""


LOW_DISK = 64 * 1024
"""Free bytes under which a data folder is taken to be on a full disk."""


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


def _v5_packed_provenance(conn: sqlite3.Connection) -> None:
    """A document's provenance may be stored packed: each distinct record once and each field naming
    its record by number (see repository.pack_provenance). An import records the same "imported from
    park.csv on this day" for every field of every row, and written out in full it was three quarters
    of a stored enterprise. Additive: documents written before stay as they are (0)."""
    _run(conn, "ALTER TABLE enterprises ADD COLUMN provenance_packed INTEGER NOT NULL DEFAULT 0;")


def _v6_declaration_cover(conn: sqlite3.Connection) -> None:
    """What a declaration's 申报书 prints on its cover beside the enterprise: 受理部门 (`office`) and
    申报日期 (`declared_on`), as the applicant gives them on the wizard's review. Kept with the draft, and
    recorded when it is printed, so a reprint prints them again. Additive: NULL is not given (a draft's
    office then defaults to the lead 责任单位; a printed cover left it blank)."""
    _run(
        conn,
        """
        ALTER TABLE declarations ADD COLUMN office TEXT;
        ALTER TABLE declarations ADD COLUMN declared_on TEXT;
        """,
    )


def _v7_secret_digests(conn: sqlite3.Connection) -> None:
    """The keyed digest of each sensitive field (core.store.secrets.secret_digests): an enterprise's as
    saved (`secrets_digest`), and a printed declaration's of the fields it rests on (`basis_secrets`),
    so that the register tells a changed 身份证号 or phone without the data key. Additive: NULL is not
    known (saved or printed before), and a declaration printed before compares as it did."""
    _run(
        conn,
        """
        ALTER TABLE enterprises ADD COLUMN secrets_digest TEXT;
        ALTER TABLE declarations ADD COLUMN basis_secrets TEXT;
        """,
    )


# The change log's actions on one declaration, each detail beginning "<measure> #<number>".
_DECLARATION_ACTIONS = (
    "保存申报草稿",
    "申报就绪",
    "申报已打印",
    "删除申报",
    "生成申报书",
    "重新生成申报书",
    "申报状态",
    "申报截止日期",
)


def _v8_declaration_numbers(conn: sqlite3.Connection) -> None:
    """The highest declaration number ever given (`declaration_numbers.top`), so that a number is never
    given twice: a declaration's number (#N) is its row id, and SQLite gives a new row the highest id in
    use plus one, so deleting the latest declaration (or its enterprise) handed its number, perhaps
    written on a letter to the 受理部门, to the next one. A trigger keeps `top` at least every number
    inserted; a new declaration takes `top + 1` (repository.next_declaration_number). Additive: `top`
    starts at the highest number stored or named in the change log (a number given and deleted before)."""
    _run(
        conn,
        """
        CREATE TABLE declaration_numbers (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            top INTEGER NOT NULL
        )
        """,
    )
    conn.execute(  # one statement, with the `;` of its body: not split by _run
        """
        CREATE TRIGGER declarations_numbered AFTER INSERT ON declarations BEGIN
            UPDATE declaration_numbers SET top = max(top, NEW.id) WHERE id = 1;
        END
        """
    )
    top = int(conn.execute("SELECT coalesce(max(id), 0) FROM declarations").fetchone()[0])
    marks = ",".join("?" * len(_DECLARATION_ACTIONS))
    for (detail,) in conn.execute(
        f"SELECT detail FROM changes WHERE action IN ({marks})", _DECLARATION_ACTIONS
    ):
        found = re.match(r"\S+ #(\d+)", detail or "")
        if found:
            top = max(top, int(found.group(1)))
    conn.execute("INSERT INTO declaration_numbers (id, top) VALUES (1, ?)", (top,))


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_profiles,
    _v2_declarations,
    _v3_search_and_authors,
    _v4_register,
    _v5_packed_provenance,
    _v6_declaration_cover,
    _v7_secret_digests,
    _v8_declaration_numbers,
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
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=Connection
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    """Switch to write-ahead logging, waiting as a write would. SQLite does not call its busy handler for
    a change of journal mode: two programs opening a new data folder at once saw 「database is locked」 at
    once while the other was creating the file, so the change is retried until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            text = str(err).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy
    timeout), so two processes never both read and then fail to upgrade. Nested use joins the outer one."""
    if conn.in_transaction:
        yield conn
        return
    refusal = getattr(conn, "read_only", None)
    if refusal:
        raise StoreError(refusal)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            began = getattr(conn, "on_write", None)
            if began is not None:
                began()
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as err:
        raise known_error(err) from None


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads that all see the database as it was at the first of them, whatever other programs write
    meanwhile: a deferred transaction, which in WAL mode takes no lock a writer waits for. Inside a
    transaction they join it."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def known_error(err: sqlite3.OperationalError) -> StoreError | sqlite3.OperationalError:
    """The SQLite failures a user can act on, in plain words; anything else stays a bug."""
    text = str(err).lower()
    if "disk is full" in text or "disk i/o error" in text:
        return StoreError(Phrase(REFUSALS["disk_full"]))
    if "readonly" in text or "read-only" in text:
        return StoreError(Phrase(REFUSALS["read_only"]))
    if "locked" in text or "busy" in text:
        return StoreError(Phrase(REFUSALS["busy"]))
    return err


_SQLITE_REASONS = (
    ("not a database", "sqlite_not_database"),  # also 「file is encrypted or is not a database」
    ("disk image is malformed", "sqlite_malformed"),
    ("unable to open database file", "sqlite_cannot_open"),
    ("disk i/o error", "sqlite_io"),
    ("disk is full", "sqlite_full"),  # 「database or disk is full」
)


def sqlite_reason(err: sqlite3.Error) -> str:
    """Why SQLite could not open or read a file, in Chinese (for the interface to write again in its
    language) where it is one of the reasons a damaged file gives; any other as SQLite says it."""
    text = str(err).lower()
    for words, key in _SQLITE_REASONS:
        if words in text:
            return Phrase(REFUSALS[key])
    return str(err)


def _uri(path: Path, **params: str) -> str:
    return Path(path).absolute().as_uri() + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def connect_read_only(path: Path, reason: str) -> Connection:
    """Read the database without writing anything beside it. A WAL file needs its shared-memory index;
    where that cannot be created (a read-only mount, a full disk) the file is read as immutable."""
    conn: Connection | None = None
    tries = [{"mode": "ro", "immutable": "1"}]
    if _wal_present(path):  # read what the log holds too; nothing new is created beside the file
        tries.insert(0, {"mode": "ro"})
    for params in tries:
        try:
            conn = sqlite3.connect(
                _uri(path, **params),
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=Connection,
            )
            conn.execute("PRAGMA user_version").fetchone()
            break
        except sqlite3.DatabaseError:
            if conn is not None:
                conn.close()
            conn = None
    if conn is None:
        raise StoreError(Phrase(REFUSALS["cannot_read_read_only"], path=path, refusal=reason))
    conn.read_only = reason
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _wal_present(path: Path) -> bool:
    return all(p.exists() for p in _wal_files(path))


def check_file(path: Path, *, immutable: bool = False, thorough: bool = False) -> str | None:
    """None when `path` is a readable, intact SQLite database; otherwise what is wrong, in Chinese.
    `immutable` reads a file nothing writes (a backup) without creating anything beside it; `thorough`
    also checks every index against its table (`PRAGMA integrity_check`, which the quick check skips)."""
    params = {"mode": "ro", "immutable": "1"} if immutable else {"mode": "ro"}
    try:
        conn = sqlite3.connect(_uri(path, **params), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        return Phrase(REFUSALS["cannot_open"], error=sqlite_reason(err))
    try:
        rows = conn.execute("PRAGMA integrity_check" if thorough else "PRAGMA quick_check").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as err:
        return Phrase(REFUSALS["not_a_database"], error=sqlite_reason(err))
    finally:
        conn.close()
    if rows != [("ok",)]:
        items = [str(r[0]) for r in rows[:3]]
        return Phrase(REFUSALS["integrity"], rows="；".join(items), items=items)
    if version > SCHEMA_VERSION:
        return Phrase(REFUSALS["newer_file"], version=version)
    return None


def check_backup(path: Path) -> str | None:
    """None when `path` can be put back as a data folder's database: an intact SQLite file that is one of
    ours. An empty file is an empty database to SQLite and any SQLite file passes its check; restoring
    either would leave a store with no enterprise in it. The check is the full one: a backup whose
    indexes no longer match its rows passes the quick check, and restoring it would bring the damage
    back into the live database, where the quick check of every open would not see it either."""
    problem = check_file(path, immutable=True, thorough=True)
    if problem:
        return problem
    conn = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        ours = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'enterprises'"
        ).fetchone()
    except sqlite3.DatabaseError as err:
        return Phrase(REFUSALS["not_a_database"], error=sqlite_reason(err))
    finally:
        conn.close()
    if version < 1 or ours is None:
        return Phrase(REFUSALS["not_ours"])
    return None


def schema_version(path: Path) -> int | None:
    try:
        conn = sqlite3.connect(_uri(path, mode="ro", immutable="1"), uri=True)
    except sqlite3.Error:
        return None
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


def _wal_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def free_bytes(folder: Path) -> int | None:
    import shutil  # (with bz2 and lzma: 4 ms of a start that never copies a file)

    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _cannot_write(folder: Path, path: Path) -> str | None:
    """Why nothing can be written in the folder (read-only, full disk), or None when it can be."""
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return Phrase(REFUSALS["read_only_folder"], folder=folder)
    free = free_bytes(folder)
    if free is not None and free < LOW_DISK:
        return disk_full(folder, free)
    return None


def disk_full(folder: Path, free: int | None = None) -> str:
    """Why a file in the folder could not grow: a full disk, or with space to spare, a size limit."""
    cause, remedy = _no_room(folder, free)
    return Phrase(REFUSALS["no_room"], cause=cause, remedy=remedy)


def _cause(refusal: str) -> str:
    """What stops every write in the folder (read-only, a full disk), without what it means for the
    user: the head of a refusal from `_cannot_write` or `disk_full`."""
    values = getattr(refusal, "values", {})
    if "cause" in values:
        return values["cause"]
    if getattr(refusal, "template", None) == REFUSALS["read_only_folder"]:
        return Phrase(REFUSALS["read_only_cause"], folder=values["folder"])
    return refusal.split("：")[0]


def _no_room(folder: Path, free: int | None = None) -> tuple[str, str]:
    """What stopped a write that ran out of room, and what to do about it. SQLite reports a write past
    the file-size limit (EFBIG, e.g. `ulimit -f`) as it does a full disk; with a limit set and more
    space free than it allows, calling it a full disk would send the user to delete files for nothing.
    (A failed copy is removed before this is asked, so without a limit the disk is taken to be full.)"""
    free = free_bytes(folder) if free is None else free
    limit = file_size_limit()
    if free is None or free < LOW_DISK or limit is None or limit >= free:
        if free is None:
            return Phrase(REFUSALS["disk_full_cause"], folder=folder), Phrase(REFUSALS["free_space"])
        full = Phrase(REFUSALS["disk_full_left_cause"], folder=folder, free=f"{free:,}")
        return full, Phrase(REFUSALS["free_space"])
    return (
        Phrase(REFUSALS["size_limit_cause"], folder=folder, limit=f"{limit:,}", free=f"{free:,}"),
        Phrase(REFUSALS["lift_size_limit"]),
    )


def file_size_limit() -> int | None:
    """The largest file this process may write (`ulimit -f`), or None when unlimited or unknown."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def open_database(folder: Path, *, daily_backup: bool = True, to_read: bool = False) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the folder's database; back it up before a migration and
    on the first open of a day. A folder that cannot be written gives a read-only connection (see
    `Connection.read_only`). Raises DamagedStoreError or NewerStoreError, touching nothing.

    `to_read`: the caller only reads (a listing). When the open would write nothing either (no
    migration, today's backup made), the whole-file `PRAGMA quick_check` is left out: it reads every
    page, a second or more for 100,000 enterprises, while a listing reads only its own pages, and SQLite
    refuses a damaged one as it reads it (see `damaged`). A file that fails its check is still never
    written to: every open that may write checks it first."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["cannot_make_folder"], folder=folder, why=os_reason(err))) from None
    path = folder / DB_NAME
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        _refuse_missing(folder, path)
    refusal = _cannot_write(folder, path)
    if refusal is None:
        clean_leftovers(folder)
    if existed and to_read and refusal is None and _writes_nothing(folder, path, daily_backup):
        pass
    elif existed:
        if refusal is not None:  # nothing may be created beside the file: read it as it is
            problem = check_file(path, immutable=not _wal_present(path))
        else:
            stubs = {p for p in _wal_files(path) if not p.exists()}
            problem = check_file(path)
            if problem and check_file(path, immutable=True) is None:
                problem = None  # readable, but nothing could be created beside it: the disk, not the file
                refusal = disk_full(folder)
                for stub in stubs:  # what the failed attempt created
                    with contextlib.suppress(OSError):
                        if stub.stat().st_size == 0:
                            stub.unlink()
        if problem and "更新版本" in problem:
            raise NewerStoreError(
                Phrase(REFUSALS["newer_store"], path=path, problem=problem, supported=SCHEMA_VERSION)
            )
        if problem:
            raise DamagedStoreError(
                Phrase(REFUSALS["database_problem"], path=path, problem=problem),
                path=path,
                backups=good_backups(folder),
            )
    if refusal is not None:
        return _open_read_only(path, refusal, existed)
    conn = connect(path)
    try:
        use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            if existed and version < SCHEMA_VERSION:
                backup(conn, folder, reason=f"before-v{SCHEMA_VERSION}")
            elif existed and daily_backup and not _backed_up_today(folder):
                backup(conn, folder, reason="daily")
        except DiskFullError:
            if version < SCHEMA_VERSION:
                raise
            conn.close()  # the daily backup could not be written: the disk filled meanwhile
            return _open_read_only(path, disk_full(folder), existed)
        if version < SCHEMA_VERSION:  # only a migration takes the write lock: readers never wait
            migrate(conn)
    except sqlite3.OperationalError as err:
        conn.close()
        known = known_error(err)
        if isinstance(known, StoreError):
            raise known from None
        raise StoreError(
            Phrase(REFUSALS["cannot_open_database"], path=path, error=sqlite_reason(err))
        ) from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise DamagedStoreError(
            Phrase(REFUSALS["cannot_read_database"], path=path, error=sqlite_reason(err)),
            path=path,
            backups=good_backups(folder),
        ) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _writes_nothing(folder: Path, path: Path, daily_backup: bool) -> bool:
    """Whether opening the folder's existing database would write nothing: no migration, no backup."""
    return schema_version(path) == SCHEMA_VERSION and (not daily_backup or _backed_up_today(folder))


def damaged(folder: Path, err: sqlite3.DatabaseError) -> StoreError:
    """The error for a read that SQLite refused: a damaged file (as opening names it, with the latest
    good backup), or a failure the user can act on."""
    if isinstance(err, sqlite3.OperationalError):
        known = known_error(err)
        return (
            known
            if isinstance(known, StoreError)
            else StoreError(Phrase(REFUSALS["cannot_read"], error=sqlite_reason(err)))
        )
    path = folder / DB_NAME
    problem = Phrase(REFUSALS["not_a_database"], error=sqlite_reason(err))
    return DamagedStoreError(
        Phrase(REFUSALS["database_problem"], path=path, problem=problem),
        path=path,
        backups=good_backups(folder),
    )


def _open_read_only(path: Path, reason: str, existed: bool) -> Connection:
    if not existed:
        raise StoreError(Phrase(REFUSALS["no_room_to_create"], cause=_cause(reason)))
    version = schema_version(path)
    if version is not None and version < SCHEMA_VERSION:
        raise StoreError(Phrase(REFUSALS["no_room_to_upgrade"], cause=_cause(reason), version=SCHEMA_VERSION))
    return connect_read_only(path, reason)


def _refuse_missing(folder: Path, path: Path) -> None:
    """A missing or empty database where there was a store (backups, or a key in the keyring for an
    empty file) is damage: taking it for a new, empty store would hide the data the user has."""
    if list_backups(folder):
        lost = REFUSALS["empty_with_backups" if path.exists() else "missing_with_backups"]
        raise DamagedStoreError(Phrase(lost, path=path), path=path, backups=good_backups(folder))
    if path.exists() and _has_key(folder):
        raise DamagedStoreError(Phrase(REFUSALS["empty_with_key"], path=path), path=path, backups=[])


def _has_key(folder: Path) -> bool:
    from shenbao.core.store.secrets import keyring_has_key

    return keyring_has_key(folder)


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
    """The newest backup that can be restored, as a list of one (none when every backup is damaged).
    Each check reads every page of its file (see `check_backup`), so the older ones are left unread:
    checking all ten of a store of 50,000 enterprises to use the first took 3 s."""
    for path in list_backups(folder):
        if check_backup(path) is None:
            return [path]
    return []


def _backed_up_today(folder: Path) -> bool:
    today = dt.date.today().strftime("%Y%m%d")
    return any(p.name.startswith(f"shenbao-{today}") for p in list_backups(folder))


# Compiled (by re, which keeps it) when a temporary file is first found: opening a folder finds none.
_TEMPORARY = r"\.(\d+)\.[0-9a-f]{6}\.(?:partial|restoring|part)(?:-journal)?$"


def temporary_name(path: Path, suffix: str) -> Path:
    """A temporary name beside `path` carrying this process's id, so the next open can tell a file a
    killed process left behind from one another process is still writing."""
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}{suffix}")


def is_temporary_name(path: Path) -> bool:
    """True when `path` is named as `temporary_name` names a file (so its writer's id can be read)."""
    return re.search(_TEMPORARY, path.name) is not None


def left_by_dead_process(path: Path) -> bool:
    """A temporary file whose writer is gone (or an older program's, which names no writer)."""
    found = re.search(_TEMPORARY, path.name)
    if found is None:
        return True
    if os.name == "nt":  # no cheap, safe liveness check there: leave it unless a day old
        with contextlib.suppress(OSError):
            return dt.datetime.now().timestamp() - path.stat().st_mtime > 86_400
        return False
    try:
        os.kill(int(found.group(1)), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what a killed backup or restore left: `backups/*.partial` (with their journals) and a
    database half-copied in by `restore`. Returns what was removed."""
    found = [
        *backup_folder(folder).glob("*.partial*"),
        *backup_folder(folder).glob(".*.partial*"),
        *folder.glob(f".{DB_NAME}.*.restoring*"),
    ]
    removed = []
    for path in found:
        if path.is_file() and left_by_dead_process(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy with SQLite's backup API into a new self-contained file (rollback journal, not WAL, so
    reading it later needs nothing beside it), flushed to disk."""
    dest = sqlite3.connect(str(target), isolation_level=None)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _sync_folder(folder: Path) -> None:
    if os.name != "nt":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup(conn: sqlite3.Connection, folder: Path, *, reason: str = "manual") -> Path:
    """Copy the live database with SQLite's backup API (never a file copy, which could catch a page
    half-written), keeping the newest BACKUPS_KEPT. A backup that cannot be finished (a full disk)
    leaves nothing behind."""
    refusal = getattr(conn, "read_only", None)
    if refusal:
        raise StoreError(refusal)
    where = backup_folder(folder)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = where / f"shenbao-{stamp}-{reason}.db"
    partial = temporary_name(target, ".partial")
    made = not where.exists()
    try:
        where.mkdir(parents=True, exist_ok=True)
        _copy_database(conn, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as err:
        _remove_with_journal(partial)
        if made:
            with contextlib.suppress(OSError):
                where.rmdir()
        raise _write_failure(folder, err) from None
    for old in list_backups(folder)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def _write_failure(folder: Path, err: BaseException) -> StoreError:
    """The plain-words error for a backup or restore copy that failed; a full disk is DiskFullError
    (SQLite reports running out of space as "disk is full" or, on some systems, "disk I/O error")."""
    text = str(err).lower()
    out_of_space = (
        (isinstance(err, OSError) and err.errno == errno.ENOSPC)
        or (isinstance(err, sqlite3.OperationalError) and ("full" in text or "disk i/o" in text))
        or (free_bytes(folder) or LOW_DISK) < LOW_DISK
    )
    if not out_of_space and isinstance(err, sqlite3.OperationalError):
        known = known_error(err)
        if isinstance(known, StoreError):
            return known
    if out_of_space:
        cause, remedy = _no_room(folder)
        return DiskFullError(Phrase(REFUSALS["copy_stopped"], cause=cause, remedy=remedy))
    return StoreError(
        Phrase(REFUSALS["cannot_write_backups"], folder=backup_folder(folder), why=os_reason(err))
    )


def _aside_name(folder: Path) -> Path:
    """A name for a damaged database kept aside, free with its -wal and -shm: two restores within one
    second (an interrupted one, then the user's) must not meet on one name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        aside = folder / f"{DB_NAME}.damaged-{stamp}{'' if number == 1 else f'-{number}'}"
        if not any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
            return aside
    raise AssertionError("unreachable")


def restore_backup(folder: Path, file: Path | None = None) -> Path:
    """Put a backup back as the folder's database and return the backup used.

    Without `file`, the newest good backup. A healthy current database is backed up first and then
    overwritten through SQLite's backup API (one transaction); a damaged or missing one is replaced by
    renaming a complete copy over it, after it is kept aside under another name: at every moment the
    folder has a database. A database from a newer version of the program is never replaced.
    """
    folder = Path(folder)
    if file is None:
        candidates = good_backups(folder)
        if not candidates:
            raise StoreError(no_good_backup(folder))
        source = candidates[0]
    else:
        source = Path(file)
        why = not_a_file(source)
        if why == OS_REASONS["EISDIR"]:
            raise StoreError(Phrase(REFUSALS["backup_is_folder"], path=source))
        if why == OS_REASONS["ENOENT"]:
            raise StoreError(Phrase(REFUSALS["backup_missing"], path=source))
        if why:
            raise StoreError(Phrase(REFUSALS["unreadable"], path=source, why=why))
        problem = check_backup(source)
        if problem:
            raise StoreError(Phrase(REFUSALS["backup_unusable"], path=source, problem=problem))
    try:  # the user data folder of a new computer, where the program has not run yet
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["cannot_make_folder"], folder=folder, why=os_reason(err))) from None
    path = folder / DB_NAME
    refusal = _cannot_write(folder, path)
    if refusal:
        raise StoreError(Phrase(REFUSALS["no_room_to_restore"], cause=_cause(refusal)))
    exists = path.exists() and path.stat().st_size > 0
    problem = check_file(path) if exists else "不存在"
    if exists and problem and "更新版本" in problem:
        theirs = schema_version(path)
        raise NewerStoreError(
            Phrase(REFUSALS["newer_than_backup"], path=path, version=theirs, supported=SCHEMA_VERSION)
        )
    clean_leftovers(folder)
    src = sqlite3.connect(_uri(source, mode="ro", immutable="1"), uri=True)
    try:
        if problem is None:
            live = connect(path)
            try:
                backup(live, folder, reason="before-restore")
                src.backup(live)
            except sqlite3.Error as err:
                raise _write_failure(folder, err) from None
            finally:
                live.close()
            return source
        staged = temporary_name(path, ".restoring")
        try:
            _copy_database(src, staged)
        except (OSError, sqlite3.Error) as err:
            _remove_with_journal(staged)
            raise _write_failure(folder, err) from None
    finally:
        src.close()
    aside = _aside_name(folder)
    if path.exists():  # keep the damaged file under another name; the name keeps pointing at it meanwhile
        try:
            os.link(path, aside)
        except OSError:
            import shutil

            shutil.copy2(path, aside)
    for suffix in ("-wal", "-shm"):  # they belong to the damaged file; never let them meet the copy
        old = folder / f"{DB_NAME}{suffix}"
        if old.exists():
            os.replace(old, f"{aside}{suffix}")
    os.replace(staged, path)
    _sync_folder(folder)
    return source
