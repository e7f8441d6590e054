"""The store: enterprises, their declarations and the change log of one data folder.

The desktop app and the `shenbao` command both go through `Store`. Every change is one transaction and
writes one change-log row naming the local user; sensitive fields are encrypted (see secrets.py) and the
key is asked for only when a sensitive field is read or written, so listing never needs it.

A profile is kept in tables (enterprises, recognitions, facts) plus the document's own skeleton, so the
interchange JSON comes back exactly as it was saved, unknown keys included.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import json
import math
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from shenbao.core.fieldkinds import normal_uscc
from shenbao.core.model import Profile, ProfileError, parse_profile
from shenbao.core.phrases import Phrase
from shenbao.core.provenance import KEY as PROVENANCE
from shenbao.core.records import dataclass
from shenbao.core.store import db
from shenbao.core.store.db import StoreError, transaction
from shenbao.core.store.secrets import (
    KEY_HOMES,
    KEY_MESSAGES,
    SENSITIVE_ANYWHERE,
    SENSITIVE_ENTERPRISE_KEYS,
    SENSITIVE_FACT_KEYS,
    Cipher,
    KeyManager,
    PassphrasePrompt,
    UnreadableSecretError,
    has_sensitive,
    keyring_works,
    opens,
    reencrypt,
    rehome_backup,
    rekey_backup,
    secret_digests,
    write_settings,
)
from shenbao.errors import os_reason

if TYPE_CHECKING:
    import sqlite_utils

STATES = ("draft", "ready", "rendered")
SEARCH_WORDS = 32  # the most words a search of the enterprises takes
_SHA256 = r"^[0-9a-f]{64}$"  # compiled (by re, which keeps it) when a digest is first checked


class EnterpriseRow(NamedTuple):
    """One line of the enterprise list (a named tuple: a listing of 100,000 makes one for each, four
    times as fast as a frozen dataclass)."""

    uscc: str
    name: str
    org_type: str | None
    city: str | None
    district: str | None
    updated_at: str
    updated_by: str
    declarations: int


class Received(NamedTuple):
    """The payments the register records for one enterprise and measure."""

    total: Decimal
    payments: int
    last: dt.date | None


@dataclass(frozen=True)
class Declaration:
    """An application for one measure: the wizard's answers and where it stopped, and once judged, the
    preview it was judged with, the policy data version, and the digest of the printed PDF."""

    id: int
    uscc: str
    measure: str
    state: str
    answers: dict[str, Any]
    page: str | None
    preview: dict[str, Any] | None
    policy_version: str | None
    pdf_sha256: str | None
    created_at: str
    updated_at: str
    updated_by: str
    # The cover's 受理部门 and 申报日期 (see Cover): None when not given.
    office: str | None = None
    declared_on: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out.pop("id")
        out.pop("uscc")
        out["declared_on"] = self.declared_on.isoformat() if self.declared_on else None
        return out

    @property
    def cover(self) -> Cover:
        return Cover(self.office, self.declared_on)


@dataclass(frozen=True)
class Cover:
    """What a declaration's 申报书 prints on its cover beside the enterprise, as the applicant gives it on
    the wizard's review: 受理部门 (`office`; None when never given, "" when cleared) and 申报日期
    (`declared_on`). Left blank, each is written by hand on the printed form."""

    office: str | None = None
    declared_on: dt.date | None = None

    def columns(self) -> dict[str, Any]:
        """As the declarations table keeps it."""
        return {
            "office": self.office,
            "declared_on": self.declared_on.isoformat() if self.declared_on else None,
        }


def declaration_key(declaration: Mapping[str, Any]) -> tuple[str, str]:
    """What names one declaration wherever it travels: its measure and when it was begun. A bundle
    does not carry the register's numbers (each data folder gives its own); this is how an import
    finds the declaration it already holds."""
    return str(declaration.get("measure")), str(declaration.get("created_at"))


def plain_json(value: Any) -> Any:
    """`value` as its JSON reads back, so that a stored document and one read from a file compare."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def stored_day(text: Any) -> dt.date | None:
    """A date the store kept as YYYY-MM-DD; None for none (or for text that is not one)."""
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


BACKUP_CHOICES = ("reencrypt", "delete")


@dataclass
class RotateReport:
    """What a change of data key did: secrets re-encrypted, and each backup re-encrypted, deleted, or
    left (made under an even older key, which this one cannot open)."""

    secrets: int = 0
    reencrypted: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    older: list[Path] = field(default_factory=list)
    damaged: list[Path] = field(default_factory=list)
    no_key: bool = False  # nothing was encrypted yet: no key was there to change, and none was made

    def summary(self) -> str:
        if self.no_key:
            return KEY_MESSAGES["no_key_yet"]
        text = f"已更换数据密钥，重新加密 {self.secrets} 项"
        if self.reencrypted:
            text += f"；{len(self.reencrypted)} 份备份已重新加密"
        if self.deleted:
            text += f"；{len(self.deleted)} 份备份已删除"
        if self.older:
            text += f"；{len(self.older)} 份更早的备份由更早的密钥加密，未改动"
        if self.damaged:
            text += f"；{len(self.damaged)} 份备份已损坏，未改动"
        return text


@dataclass(frozen=True)
class Change:
    at: str
    user: str
    action: str
    uscc: str | None
    detail: str


# A declaration's state in the register (core.register.effective_state) as SQL over `declarations d`:
# the register's own, else what the wizard's progress implies
REGISTER_STATE_SQL = (
    "COALESCE(d.register_state, CASE d.state WHEN 'rendered' THEN 'generated' ELSE 'draft' END)"
)

# The stored document's record of what its sensitive part counts (the roster's number), kept beside it
WITHHELD = "withheld_counts"
PROFILES_READ_TOGETHER = 500  # enterprises `Store.get_profiles` reads in one statement


def now() -> str:
    """The local time to the second, with its offset. Made once a second: an import stamps 100,000 rows
    and their log lines, and finding the local zone is most of the cost."""
    second = int(time.time())
    if _NOW[0] != second:
        _NOW[:] = [second, dt.datetime.fromtimestamp(second).astimezone().isoformat(timespec="seconds")]
    return str(_NOW[1])


_NOW: list[Any] = [None, ""]


def local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def to_json(value: Any) -> str:
    kind = type(value)  # most facts are a lone number or yes/no: skip the encoder's set-up for them
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is Decimal:  # an amount: as the encoder writes it, without its set-up
        return to_json(_json_default(value))
    return _ENCODER.encode(value)


def plain(value: Any) -> Any:
    """What `json.loads(to_json(value))` gives (a fresh copy, Decimals and dates as the encoder writes
    them), without making the text: dicts with text keys, lists and plain values are copied directly,
    anything else goes through the encoder."""
    kind = type(value)
    if kind in _PLAIN:
        return value  # a float reads back as itself, NaN and infinities included
    if kind is dict:
        if not all(type(k) is str for k in value):
            return json.loads(to_json(value))
        return {k: v if type(v) in _PLAIN else plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else plain(v) for v in value]
    return json.loads(to_json(value))


_PLAIN = frozenset({str, int, bool, float, type(None)})


def pack_provenance(doc: dict[str, Any]) -> int:
    """Store the document's provenance packed, in place: `[records, {path: number}]`, each distinct
    record (as its JSON) once, the paths in their order. An import stamps every field of 100,000 rows
    "imported from park.csv on this day"; written out per field it was three quarters of the stored
    document. 1 when packed (the `provenance_packed` column), 0 when there is nothing to pack (no
    provenance, or not an object), the document then stored as it is."""
    given = doc.get(PROVENANCE)
    if type(given) is not dict or not given:
        return 0
    # (a key that is not text is written as JSON writes it either way, so it needs no care here)
    if len(set(map(id, given.values()))) == 1:  # an import's row: one record for every field
        doc[PROVENANCE] = [[next(iter(given.values()))], dict.fromkeys(given, 0)]
        return 1
    records: list[Any] = []
    # a record's JSON → its number; a record of text by its items instead, which say the same without
    # writing it (a stored profile read back has a copy of its record for each of its fields)
    numbers: dict[Any, int] = {}
    by_id: dict[int, int] = {}  # the same record object (an import shares one per row) → its number
    paths: dict[Any, int] = {}
    for path, record in given.items():
        number = by_id.get(id(record))
        if number is None:
            text: Any = (
                tuple(record.items())
                if type(record) is dict and _text_items(record.items())
                else to_json(record)
            )
            number = numbers.get(text)
            if number is None:
                number = numbers[text] = len(records)
                records.append(record)
            by_id[id(record)] = number
        paths[path] = number
    doc[PROVENANCE] = [records, paths]
    return 1


def document_json(doc: dict[str, Any]) -> tuple[str, int]:
    """The document as stored: its provenance packed (`pack_provenance`, which may pack it in place) and
    the whole written as JSON, with the `provenance_packed` column's value. An import's rows of one table are stamped with
    one record for the same fields, so their packed provenance is the same text row after row: it is
    written once (kept by its record and paths, all text) and the rest of each document written around
    it, as the encoder would have written the whole."""
    given = doc.get(PROVENANCE)
    if type(given) is dict and given and next(reversed(doc)) == PROVENANCE:
        record = next(iter(given.values()))
        if type(record) is dict and len(set(map(id, given.values()))) == 1:
            key = (tuple(record.items()), tuple(given))
            text = _PACKED.get(key)
            if text is None and _all_text(key):
                if len(_PACKED) >= _PACKED_KEPT:
                    _PACKED.clear()
                text = _PACKED[key] = to_json([[record], dict.fromkeys(given, 0)])
            if text is not None:  # (a key held only if all text: no 1 for True, no 1.0 for 1)
                del doc[PROVENANCE]
                body = to_json(doc)
                doc[PROVENANCE] = given
                return f"{body[:-1]}{',' if len(body) > 2 else ''}{_PROVENANCE_KEY}:{text}}}", 1
    packed = pack_provenance(doc)
    return to_json(doc), packed


def _all_text(key: tuple[tuple[tuple[Any, Any], ...], tuple[Any, ...]]) -> bool:
    items, paths = key
    return _text_items(items) and all(type(p) is str for p in paths)


def _text_items(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether a record's keys and values are all text (no 1 for True, no 1.0 for 1): its items then say
    what its JSON says."""
    return all(type(k) is str and type(v) is str for k, v in items)


# each sensitive key as JSON writes it: a document or a fact that holds none of them holds no secret
_SECRET_KEYS = tuple(f'"{key}"' for key in sorted(SENSITIVE_ANYWHERE))
_PACKED: dict[Any, str] = {}  # the packed provenance's JSON, by its record's items and its paths
_PACKED_KEPT = 256
_PROVENANCE_KEY = json.dumps(PROVENANCE)


def unpack_provenance(packed: Any) -> dict[str, Any]:
    """The provenance `pack_provenance` packed (as read back from JSON), each path with its own copy (a
    record of text, as every import's and edit's is, copied as a dict: a park table read again unpacks
    a million and a half)."""
    records, paths = packed
    copies = [
        record.copy
        if type(record) is dict and all(type(v) in _PLAIN for v in record.values())
        else functools.partial(plain, record)
        for record in records
    ]
    return {path: copies[number]() for path, number in paths.items()}


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


# One encoder for every write (json.dumps with options builds a new one each call: an import writes
# half a million values).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)


_ENTERPRISE_COLUMNS = (
    "uscc",
    "name",
    "org_type",
    "province",
    "city",
    "district",
    "document",
    "recognitions_listed",
    "secrets",
    "secrets_digest",
    "provenance_packed",
    "updated_at",
    "updated_by",
    "created_at",  # last: an update leaves it as it is
)
_INSERT_ENTERPRISE = (
    f"INSERT INTO enterprises (id, {', '.join(_ENTERPRISE_COLUMNS)})"
    f" VALUES ({', '.join('?' * (len(_ENTERPRISE_COLUMNS) + 1))})"
)
_UPDATE_ENTERPRISE = (
    f"UPDATE enterprises SET {', '.join(f'{c} = ?' for c in _ENTERPRISE_COLUMNS[:-1])} WHERE id = ?"
)
_INSERT_RECOGNITION = (
    "INSERT INTO recognitions (enterprise_id, position, kind, date, item) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_FACT = "INSERT INTO facts (enterprise_id, key, value) VALUES (?, ?, ?)"
_INSERT_CHANGE = "INSERT INTO changes (at, user, action, uscc, detail) VALUES (?, ?, ?, ?, ?)"


_INSERTS = (_INSERT_ENTERPRISE, _INSERT_RECOGNITION, _INSERT_FACT, _INSERT_CHANGE)


class _Rows(NamedTuple):
    enterprises: list[tuple[Any, ...]]
    recognitions: list[tuple[Any, ...]]
    facts: list[tuple[Any, ...]]
    log: list[tuple[Any, ...]]


def _insert_all(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """`conn.executemany(sql, rows)` for an INSERT of one row, as statements of many rows each, as many
    as SQLite takes values in one statement: SQLite then writes them all in one step, during which Python
    goes on with other work (executemany takes the interpreter back after every row)."""
    if not rows:
        return
    width = len(rows[0])
    per = max(1, _values_per_statement(conn) // width)
    for at in range(0, len(rows), per):
        chunk = rows[at : at + per]
        conn.execute(_many_rows(sql, len(chunk)), [value for row in chunk for value in row])


def _values_per_statement(conn: sqlite3.Connection) -> int:
    try:
        return min(conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32766)
    except (AttributeError, sqlite3.Error):  # (Python before 3.11; SQLite's oldest limit is 999)
        return 999


@functools.lru_cache(maxsize=32)
def _many_rows(sql: str, count: int) -> str:
    """INSERT … VALUES (?, ?) as INSERT … VALUES (?, ?), (?, ?), … for `count` rows."""
    head, _, values = sql.partition(" VALUES ")
    return f"{head} VALUES {', '.join([values] * count)}"


_HELPER = threading.local()  # `making` on _Adding's helper thread


class _Adding:
    """New enterprises written batch after batch inside the caller's transaction (an import of 100,000
    rows gives 50 batches), each batch's rows made on a helper thread while the store's own thread writes
    the batch before it: SQLite's part (a third of the writing) runs beside Python's instead of after it.

    The helper only makes rows (no database, which belongs to the store's thread): a batch whose rows it
    could not make (a code stored the old way must be looked up; the key is not yet at hand) is made again
    on the store's thread, which then fails or succeeds as it would there. Batches are written in
    the order given; `flush()` writes every batch given so far, before any other statement of the caller."""

    def __init__(self, store: Store, action: str) -> None:
        self.store, self.action = store, action
        self.jobs: queue.Queue[tuple[int, Sequence[Any]] | None] = queue.Queue(maxsize=2)
        self.made: queue.Queue[tuple[int, Sequence[Any], _Rows | None]] = queue.Queue()
        self.helper: threading.Thread | None = None
        self.waiting = 0  # batches given and not written
        self.next_id: int | None = None

    def __enter__(self) -> _Adding:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        try:
            if kind is None:
                self.flush()
        finally:
            if self.helper is not None:
                self.jobs.put(None)
                self.helper.join()

    def __call__(self, profiles: Sequence[tuple[Profile, Mapping[str, str] | None]]) -> None:
        if not profiles:
            return
        if self.next_id is None:
            self.next_id = self.store._largest_id() + 1
        first, self.next_id = self.next_id, self.next_id + len(profiles)
        if self.store._legacy_codes:  # looked up in the database: made here
            self.store._insert_rows(self.store._rows_of(profiles, first, self.action))
            return
        if self.helper is None:
            self.helper = threading.Thread(target=self._make, name="shenbao-rows", daemon=True)
            self.helper.start()
        self.jobs.put((first, profiles))
        self.waiting += 1
        self._write(wait=False)

    def flush(self) -> None:
        """Every batch given so far written; the next batch's ids are read again."""
        self._write(wait=True)
        self.next_id = None

    def _write(self, wait: bool) -> None:
        while self.waiting:
            try:
                first, profiles, rows = self.made.get(block=wait)
            except queue.Empty:
                return
            self.waiting -= 1
            if rows is None:
                rows = self.store._rows_of(profiles, first, self.action)
            self.store._insert_rows(rows)

    def _make(self) -> None:
        _HELPER.making = True
        while (job := self.jobs.get()) is not None:
            first, profiles = job
            try:
                rows: _Rows | None = self.store._rows_of(profiles, first, self.action)
            except Exception:  # noqa: BLE001 - made again on the store's thread, which says why
                rows = None
            self.made.put((first, profiles, rows))


class Store:
    """One data folder's database. Open with `Store.open(data_dir)`; close it (or use `with`)."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, prompt: PassphrasePrompt | None) -> None:
        self.folder = folder
        self.conn = conn
        self.keys = KeyManager(folder, self._setting, self._claim_key, prompt, self._note_settings)
        self.user = local_user()
        if isinstance(conn, db.Connection):
            conn.on_write = self._key_still_in_use

    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        prompt: PassphrasePrompt | None = None,
        daily_backup: bool = True,
        to_read: bool = False,
    ) -> Store:
        """Open the data folder (--data-dir, else SHENBAO_DATA_DIR, else the user data folder), creating
        and migrating its database. Raises DamagedStoreError (offering the latest good backup) or
        NewerStoreError. `prompt(new)` asks for the data passphrase when no keyring works. `to_read`:
        the caller only reads (see `db.open_database`; a read SQLite refuses is `db.damaged`)."""
        folder = db.data_folder(data_dir)
        return cls(folder, db.open_database(folder, daily_backup=daily_backup, to_read=to_read), prompt)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writing. Made on the first write: reading goes
        through `conn` alone, so opening a folder and showing its list never imports sqlite-utils (with
        its command-line layers, click, pluggy and dateutil)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @property
    def path(self) -> Path:
        return self.folder / db.DB_NAME

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- settings and log -------------------------------------------------------------------------

    def _setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _key_still_in_use(self) -> None:
        """Before each write: a data key read before another program changed it (shenbao key --rotate,
        设置 → 更换数据密钥 in another window) would write secrets that nothing opens any more. It is let
        go and the write refused; the next one reads the key in use."""
        if self.keys.unlocked() and not opens(self.conn, self.keys.cipher):
            self.keys.forget()
            raise StoreError(Phrase(KEY_MESSAGES["key_changed"]))

    def _note_settings(self, values: dict[str, str]) -> None:
        """Settings rows written now where the database takes them at once, else left for a later read:
        not inside another transaction or a reader's snapshot, not in a read-only folder, not when another
        program holds the write lock. Nothing waits on them."""
        if self.conn.in_transaction or getattr(self.conn, "read_only", None):
            return
        try:
            with transaction(self.conn):
                write_settings(self.conn, values)
        except (StoreError, sqlite3.Error):
            pass

    def _claim_key(self, values: dict[str, str], then: Callable[[], None]) -> bool:
        with transaction(self.conn):
            if self.conn.execute("SELECT 1 FROM settings WHERE key = 'key_check'").fetchone():
                return False
            self.db.table("settings").insert_all([{"key": k, "value": v} for k, v in values.items()])
            then()
        return True

    def key_home(self) -> str | None:
        """Where the data key lives: "keyring", "passphrase", or None before the first one is made."""
        return self.keys.home()

    def keyring_works(self) -> bool:
        """Whether the key could be kept in the system keyring on this computer."""
        return keyring_works()

    def move_key(
        self,
        to: str,
        passphrase: str | None = None,
        progress: Callable[[int, int, int], None] | None = None,
    ) -> bool:
        """Keep the data key in the system keyring ("keyring") or wrapped under a new `passphrase`
        ("passphrase", at least 8 characters). The key stays the same, so no data is re-encrypted; the
        current key is read first (this may ask for the current passphrase). Each backup under the key
        is told the new home too, so that one restored later finds the key. Raises KeyMoveError when
        the passphrase is too short or no keyring works. False when the key was already there (under
        that same passphrase: nothing changes, and the old passphrase still opens the data).
        `progress(done, total, told)` follows the backups: how many were looked at, of how many, and how
        many of them were rewritten to say where the key now is (one a file copied and renamed)."""
        before = KEY_HOMES.get(self.key_home() or "", "尚未创建")

        def write(rows: Mapping[str, str | None]) -> None:
            with transaction(self.conn):
                write_settings(self.conn, rows)
                self._log("更改密钥存放位置", None, f"{before} → {KEY_HOMES[to]}")

        def rehome(key: Cipher, rows: Mapping[str, str | None]) -> int:
            rewritten = 0
            backups = self.list_backups()
            if progress is not None:
                progress(0, len(backups), 0)
            for done, path in enumerate(backups):
                if progress is not None and done:
                    progress(done, len(backups), rewritten)
                try:
                    rewritten += rehome_backup(path, key, rows)
                except (OSError, sqlite3.OperationalError) as err:  # a full disk: not a damaged backup
                    why = os_reason(err) if isinstance(err, OSError) else db.sqlite_reason(err)
                    raise StoreError(
                        f"密钥的存放位置已改为{KEY_HOMES[to]}，但备份 {path.name} 未能随之更新（{why}），"
                        "原来的存放位置暂且保留：请解决后再次运行同一操作"
                    ) from None
                except sqlite3.DatabaseError:
                    continue  # a damaged backup: restore refuses it anyway
            if progress is not None:
                progress(len(backups), len(backups), rewritten)
            return rewritten

        return self.keys.move(to, passphrase, write, rehome)

    def rotate_key(
        self, backups: str | None = None, progress: Callable[[str, int, int], None] | None = None
    ) -> RotateReport:
        """A new data key in the same home, every secret re-encrypted under it in one transaction, so the
        old key (and an old passphrase) no longer opens this database. Backups made before still hold
        the old key's ciphertext: `backups` says what to do with them, "reencrypt" or "delete"; with
        backups present and no choice, nothing is done. A folder with no key yet (nothing encrypted) is
        left as it is, and the report says so: no key is made to be changed.

        `progress(stage, done, total)` follows the work: "data", the secrets re-encrypted within the
        transaction (what it raises rolls everything back: a cancel), then "backups", once the new key
        is in use and committed, the backups re-encrypted or deleted."""
        if self.key_home() is None:
            return RotateReport(no_key=True)
        existing = self.list_backups()
        if existing and backups not in BACKUP_CHOICES:
            raise StoreError(
                f"有 {len(existing)} 份备份仍由旧密钥加密：请选择把它们重新加密（reencrypt）或删除（delete）"
            )
        old = self.keys.cipher
        report = RotateReport()
        written: dict[str, str | None] = {}
        # Every backup under the key in use first, even those to be deleted: until the rotation is done
        # they stay, and the keyring entries about to be replaced may be all that opens them. No entry
        # is emptied here: the key in use may be in the one kept aside alone (a backup from before an
        # interrupted rotation restored), and `rotate` puts it in the main entry before anything else.
        self._backups_to_key_in_use(existing)

        def rewrite(old: Cipher, new: Cipher, rows: Mapping[str, str | None]) -> None:
            with transaction(self.conn):
                told = None if progress is None else lambda done, total: progress("data", done, total)
                report.secrets = reencrypt(self.conn, old, new, told)
                write_settings(self.conn, rows)
                self._log("更换数据密钥", None, f"重新加密 {report.secrets} 项")
            written.update(rows)

        self.keys.rotate(rewrite, keep_old=bool(existing) and backups == "reencrypt")
        for n, path in enumerate(existing):
            if progress is not None:
                progress("backups", n, len(existing))
            if backups == "delete":
                path.unlink(missing_ok=True)
                report.deleted.append(path)
                continue
            try:
                rewritten = rekey_backup(path, old, self.keys.cipher, written)
            except (OSError, sqlite3.OperationalError) as err:  # a full disk, as the copy is made or
                # written: the data is under the new key, this backup as it was
                raise StoreError(
                    Phrase(
                        KEY_MESSAGES["backup_not_rotated"],
                        count=report.secrets,
                        backup=path.name,
                        why=os_reason(err) if isinstance(err, OSError) else db.sqlite_reason(err),
                        left=len(existing) - n,
                    )
                ) from None
            except sqlite3.DatabaseError:
                report.damaged.append(path)  # restore refuses it anyway
                continue
            (report.reencrypted if rewritten else report.older).append(path)
        if progress is not None:
            progress("backups", len(existing), len(existing))
        self.keys.forget_retired()
        return report

    def _backups_to_key_in_use(self, backups: list[Path]) -> None:
        """Backups under another key the keyring still holds (a rotation stopped among its backups, or a
        restore of a backup from before one) re-encrypted under the key in use, before a rotation
        replaces keyring entries: each is then under the one key the rotation re-encrypts from."""
        others = self.keys.other_keys()
        if not others:
            return
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'key_check'").fetchone()
        rows = {"key_check": row[0]}
        current = self.keys.cipher
        for path in backups:
            for other in others:
                try:
                    if rekey_backup(path, other, current, rows, missing=False):
                        break
                except sqlite3.DatabaseError as err:
                    if isinstance(err, sqlite3.OperationalError):
                        raise
                    break  # a damaged backup: restore refuses it anyway

    def _log(self, action: str, uscc: str | None, detail: str = "") -> None:
        self.conn.execute(_INSERT_CHANGE, (now(), self.user, action, uscc, detail))

    def changes(self, uscc: str | None = None, limit: int = 200) -> list[Change]:
        """The change log, newest first: what changed, when and by which local user."""
        where, params = ("WHERE uscc = ?", [self.stored_code(uscc)]) if uscc else ("", [])
        rows = self.conn.execute(
            f"SELECT at, user, action, uscc, detail FROM changes {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        )
        return [Change(*row) for row in rows]

    # --- enterprises ------------------------------------------------------------------------------

    def list_enterprises(self, search: str = "", *, limit: int | None = None) -> list[EnterpriseRow]:
        """Enterprises by name; `search` matches as the window's list does: each of its words (split at
        spaces) part of the name, code, city or district. A plain LIKE: FTS5 would not split a run of
        hanzi into words, and thousands of rows scan in milliseconds."""
        sql = (
            "SELECT e.uscc, e.name, e.org_type, e.city, e.district, e.updated_at, e.updated_by,"
            " (SELECT count(*) FROM declarations d WHERE d.enterprise_id = e.id) FROM enterprises e"
        )
        params: list[Any] = []
        words = list(dict.fromkeys(search.split()))  # a word twice asks nothing more
        if len(words) > SEARCH_WORDS:  # each word a condition: SQLite refuses a thousand as "too large"
            raise StoreError(Phrase(db.REFUSALS["search_words"], count=len(words), limit=SEARCH_WORDS))
        if words:
            any_column = (
                "("
                + " OR ".join(f"e.{c} LIKE ? ESCAPE '\\'" for c in ("name", "uscc", "city", "district"))
                + ")"
            )
            sql += " WHERE " + " AND ".join([any_column] * len(words))
            for word in words:
                pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                params += [pattern] * 4
        sql += " ORDER BY e.name, e.uscc"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return list(map(EnterpriseRow._make, self.conn.execute(sql, params)))

    def count_enterprises(self) -> int:
        return self.conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]

    def stored_codes(self) -> set[str]:
        """The 统一社会信用代码 of every stored enterprise, as `normal_uscc` writes them: one read, where
        an import of 100,000 rows would otherwise ask 100,000 times."""
        return {
            row[0].replace("-", "").replace(" ", "")
            for row in self.conn.execute("SELECT uscc FROM enterprises")
        }

    def has_enterprise(self, uscc: str) -> bool:
        return self._enterprise_id(uscc) is not None

    def stored_code(self, uscc: str) -> str:
        """The code an enterprise is stored under, for a code as typed or read: spaces and hyphens out,
        full-width made plain, upper case. An enterprise saved before codes were stored that way keeps
        the code it was saved with (its sensitive fields are sealed under it), and is found by either."""
        code = normal_uscc(uscc)
        if (
            self._legacy_codes
            and self.conn.execute("SELECT 1 FROM enterprises WHERE uscc = ?", (code,)).fetchone() is None
        ):
            row = self.conn.execute(
                "SELECT uscc FROM enterprises WHERE replace(replace(uscc, '-', ''), ' ', '') = ? ORDER BY id LIMIT 1",
                (code,),
            ).fetchone()
            if row:
                return str(row[0])
        return code

    @cached_property
    def _legacy_codes(self) -> bool:
        """Whether a stored code holds a hyphen or a space (saved by an earlier version): none is written
        now, so once there are none there are none for good."""
        return bool(
            self.conn.execute("SELECT 1 FROM enterprises WHERE uscc GLOB '*[- ]*' LIMIT 1").fetchone()
        )

    def _enterprise_id(self, uscc: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM enterprises WHERE uscc = ?", (self.stored_code(uscc),)
        ).fetchone()
        return row[0] if row else None

    def _require(self, uscc: str) -> int:
        found = self._enterprise_id(uscc)
        if found is None:
            raise StoreError(Phrase(db.REFUSALS["no_enterprise"], uscc=uscc))
        return found

    def get_profile(self, uscc: str, *, with_secrets: bool = True, counted: bool = False) -> dict[str, Any]:
        """The interchange profile as saved, sensitive fields decrypted (this may ask for the key); with
        `with_secrets=False` without them, never asking for the key, and with `counted` too the number of
        engineers its roster lists in the roster's place (as a plain bundle carries it): what judging
        needs without the key (the pipeline, 待办)."""
        row = self.conn.execute(
            "SELECT id, document, recognitions_listed, secrets, provenance_packed FROM enterprises"
            " WHERE uscc = ?",
            (self.stored_code(uscc),),
        ).fetchone()
        if row is None:
            raise StoreError(Phrase(db.REFUSALS["no_enterprise"], uscc=uscc))
        ent_id, listed = row[0], row[2]
        recognitions = (
            self.conn.execute(
                "SELECT item FROM recognitions WHERE enterprise_id = ? ORDER BY position", (ent_id,)
            ).fetchall()
            if listed
            else ()
        )
        facts = self.conn.execute(
            "SELECT key, value FROM facts WHERE enterprise_id = ? ORDER BY rowid", (ent_id,)
        )
        return self._document(row, recognitions, facts, with_secrets, counted)

    def get_profiles(self, codes: Iterable[str]) -> dict[str, dict[str, Any]]:
        """`get_profile` of each stored code, read together (a few statements a thousand enterprises, where
        one at a time costs three each: a park table imported again compares 100,000), by the code as
        given; a code not stored is left out."""
        spelled: dict[str, str] = {}
        for code in codes:
            spelled.setdefault(self.stored_code(code), code)
        out: dict[str, dict[str, Any]] = {}
        stored = list(spelled)
        for at in range(0, len(stored), PROFILES_READ_TOGETHER):
            chunk = stored[at : at + PROFILES_READ_TOGETHER]
            rows = self.conn.execute(
                "SELECT id, document, recognitions_listed, secrets, provenance_packed, uscc FROM enterprises"
                f" WHERE uscc IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            facts = self._by_enterprise(
                "SELECT enterprise_id, key, value FROM facts WHERE enterprise_id IN ({}) ORDER BY enterprise_id, rowid",
                [row[0] for row in rows],
            )
            recognitions = self._by_enterprise(
                "SELECT enterprise_id, item FROM recognitions WHERE enterprise_id IN ({})"
                " ORDER BY enterprise_id, position",
                [row[0] for row in rows if row[2]],
            )
            for row in rows:
                out[spelled[row[5]]] = self._document(
                    row, recognitions.get(row[0], ()), facts.get(row[0], ()), True, False
                )
        return out

    def _by_enterprise(self, sql: str, ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
        """The rows of `sql` (selecting the enterprise's id first) for these enterprises, by enterprise."""
        out: dict[int, list[tuple[Any, ...]]] = {}
        if ids:
            for ent_id, *rest in self.conn.execute(sql.format(", ".join("?" * len(ids))), ids):
                found = out.get(ent_id)
                if found is None:
                    found = out[ent_id] = []
                found.append(tuple(rest))
        return out

    def _document(
        self,
        row: Sequence[Any],
        recognitions: Iterable[Sequence[Any]],
        facts: Iterable[Sequence[Any]],
        with_secrets: bool,
        counted: bool,
    ) -> dict[str, Any]:
        """The profile of an `enterprises` row (id, document, recognitions_listed, secrets,
        provenance_packed) and its recognitions' and facts' rows, in their order."""
        _, document, listed, secret, packed = row[:5]
        doc = json.loads(document)
        withheld = doc.pop(WITHHELD, None)
        if packed:
            doc[PROVENANCE] = unpack_provenance(doc[PROVENANCE])
        ent = doc["enterprise"]
        if listed:
            ent["recognitions"] = [json.loads(item) for (item,) in recognitions]
        if isinstance(doc.get("facts"), dict):
            for key, value in facts:
                doc["facts"][key] = json.loads(value)
        if secret is not None and with_secrets:
            hidden = self.keys.decrypt_json(secret, f"enterprise:{ent['uscc']}")
            ent.update(hidden.get("enterprise", {}))
            if isinstance(doc.get("facts"), dict):
                doc["facts"].update(hidden.get("facts", {}))
        elif counted and isinstance(withheld, dict) and isinstance(doc.get("facts"), dict):
            for key, value in withheld.items():
                doc["facts"].setdefault(key, value)
        return doc

    def secret_digests(self, uscc: str, *, fill: bool = False) -> dict[str, str] | None:
        """The keyed digest of each sensitive field the enterprise holds, as saved (see
        secrets.secret_digests), without asking for the key; None when not known (saved by a version that
        kept none). With `fill`, one not known is made from the saved fields and kept (this asks for the
        key; call it inside the caller's write transaction)."""
        row = self.conn.execute(
            "SELECT id, secrets, secrets_digest FROM enterprises WHERE uscc = ?", (self.stored_code(uscc),)
        ).fetchone()
        if row is None:
            raise StoreError(Phrase(db.REFUSALS["no_enterprise"], uscc=uscc))
        ent_id, secret, kept = row
        if kept is not None or secret is None:
            return json.loads(kept) if kept is not None else {}
        if not fill:
            return None
        code = self.stored_code(uscc)
        hidden = self.keys.decrypt_json(secret, f"enterprise:{code}")
        made = secret_digests(self.keys.cipher, code, hidden)
        self.conn.execute(
            "UPDATE enterprises SET secrets_digest = ? WHERE id = ?", (json.dumps(made), ent_id)
        )
        return made

    def save_profile(self, data: Mapping[str, Any] | Profile, *, replace: bool = True) -> Profile:
        """Validate (the code is required) and save in one transaction. With `replace=False` an existing
        enterprise of the same code is an error. Raises ProfileErrors or StoreError."""
        profile = data if isinstance(data, Profile) else parse_profile(data, require_uscc=True)
        if profile.uscc is None:
            raise ProfileError("enterprise.uscc", "保存前须填写统一社会信用代码")
        if has_sensitive(profile.to_dict()):
            self.keys.cipher  # noqa: B018 -- ask for the key before taking the write lock
        with transaction(self.conn):
            self._write_profile(profile, replace=replace)
        return profile

    def save_profiles(self, profiles: Iterable[Profile], *, replace: bool = True) -> int:
        """Several validated profiles in one transaction: all are saved or none."""
        count = 0
        with transaction(self.conn):
            for profile in profiles:
                self._write_profile(profile, replace=replace)
                count += 1
        return count

    def record_of(self, uscc: str) -> dict[str, str]:
        """When and by whom an enterprise was created and last changed, as a bundle carries it."""
        row = self.conn.execute(
            "SELECT created_at, updated_at, updated_by FROM enterprises WHERE uscc = ?",
            (self.stored_code(uscc),),
        ).fetchone()
        if row is None:
            raise StoreError(Phrase(db.REFUSALS["no_enterprise"], uscc=uscc))
        return {"created_at": row[0], "updated_at": row[1], "updated_by": row[2]}

    def _write_profile(
        self,
        profile: Profile,
        *,
        replace: bool,
        action: str = "保存档案",
        record: Mapping[str, str] | None = None,
    ) -> int:
        """Write a profile; `record` (from a bundle) keeps the original's created_at, updated_at and
        updated_by instead of stamping the write as a change made here and now."""
        uscc, row, recognitions, fact_rows = self._stored_rows(profile, record)
        existing = self._enterprise_id(uscc)
        if existing is not None and not replace:
            raise StoreError(Phrase(db.REFUSALS["exists"], uscc=uscc))
        # Plain statements (sqlite3 keeps them prepared).
        if existing is None:
            ent_id = self.conn.execute(_INSERT_ENTERPRISE, (None, *row)).lastrowid or 0
        else:
            ent_id = existing
            self.conn.execute(_UPDATE_ENTERPRISE, (*row[:-1], ent_id))
            self.conn.execute("DELETE FROM recognitions WHERE enterprise_id = ?", (ent_id,))
            self.conn.execute("DELETE FROM facts WHERE enterprise_id = ?", (ent_id,))
        if recognitions:
            self.conn.executemany(_INSERT_RECOGNITION, [(ent_id, *r) for r in recognitions])
        self.conn.executemany(_INSERT_FACT, [(ent_id, *f) for f in fact_rows])
        changed = "新建" if existing is None else "修改"
        self._log(action, uscc, f"{changed}：{profile.name}")
        return int(ent_id)

    def _replace_all(self, profiles: Sequence[tuple[Profile, Mapping[str, str] | None]], action: str) -> None:
        """Stored enterprises written again, as `_write_profile(…, replace=True, action=action)` writes
        each (the same rows, the change log in the same order), in a few statements for all of them
        rather than six for each: a park's table imported again updates up to 100,000. Inside the
        caller's transaction."""
        made = [self._stored_rows(profile, record) for profile, record in profiles]
        codes = [code for code, *_ in made]
        ids: dict[str, int] = {}
        per = _values_per_statement(self.conn)
        for at in range(0, len(codes), per):
            chunk = codes[at : at + per]
            ids.update(
                self.conn.execute(
                    f"SELECT uscc, id FROM enterprises WHERE uscc IN ({', '.join('?' * len(chunk))})", chunk
                )
            )
        if len(ids) != len(codes):  # one not stored, or one twice (never given: a plan's codes are
            for profile, record in profiles:  # stored, each once)
                self._write_profile(profile, replace=True, action=action, record=record)
            return
        self.conn.executemany(_UPDATE_ENTERPRISE, [(*row[:-1], ids[code]) for code, row, _, _ in made])
        written = [ids[code] for code in codes]
        for at in range(0, len(written), per):
            some = written[at : at + per]
            marks = ", ".join("?" * len(some))
            self.conn.execute(f"DELETE FROM recognitions WHERE enterprise_id IN ({marks})", some)
            self.conn.execute(f"DELETE FROM facts WHERE enterprise_id IN ({marks})", some)
        _insert_all(
            self.conn, _INSERT_RECOGNITION, [(ids[c], *r) for c, _, listed, _ in made for r in listed]
        )
        _insert_all(self.conn, _INSERT_FACT, [(ids[c], *f) for c, _, _, facts in made for f in facts])
        _insert_all(
            self.conn,
            _INSERT_CHANGE,
            [
                (now(), self.user, action, c, f"修改：{p.name}")
                for c, (p, _) in zip(codes, profiles, strict=True)
            ],
        )

    def adding(self, action: str) -> _Adding:
        """New enterprises written batch after batch (see _Adding), their codes not stored (the caller
        made sure of it inside its transaction): an import adds up to 100,000 at once. The ids are the
        ones SQLite would give them one by one (one more than the largest), so the stored rows and the
        change log are the same as `_write_profile` would make. A context manager inside the caller's
        transaction."""
        if not self.conn.in_transaction:
            raise RuntimeError("adding() writes inside the caller's transaction")
        return _Adding(self, action)

    def _largest_id(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM enterprises").fetchone()[0])

    def _rows_of(
        self, profiles: Sequence[tuple[Profile, Mapping[str, str] | None]], first_id: int, action: str
    ) -> _Rows:
        """The rows of the four tables `adding` writes for these profiles, the first with this id.
        Reads nothing from the database (see _Adding)."""
        rows = _Rows([], [], [], [])
        enterprises, recognitions, facts, log = rows
        for ent_id, (profile, record) in enumerate(profiles, first_id):
            uscc, row, listed, fact_rows = self._stored_rows(profile, record)
            enterprises.append((ent_id, *row))
            recognitions += [(ent_id, *r) for r in listed]
            facts += [(ent_id, *f) for f in fact_rows]
            log.append((now(), self.user, action, uscc, f"新建：{profile.name}"))
        return rows

    def _insert_rows(self, rows: _Rows) -> None:
        for sql, table in zip(_INSERTS, rows, strict=True):
            _insert_all(self.conn, sql, table)

    def _stored_rows(
        self, profile: Profile, record: Mapping[str, str] | None
    ) -> tuple[str, tuple[Any, ...], list[tuple[Any, ...]], list[tuple[str, str]]]:
        """A profile as it is stored: its code, its `enterprises` row (the columns of
        _ENTERPRISE_COLUMNS), its `recognitions` rows and its `facts` rows (each without the
        enterprise's id). The document's sections are copied before anything is taken out of them,
        and every value is written as JSON by the one encoder (Decimals and dates as `plain` gives
        them), so the profile is never changed."""
        doc = dict(profile.raw)  # a new dict; its sections are copied below before they change
        doc.pop("format", None)
        given = doc.get("enterprise")
        ent = dict(given) if isinstance(given, dict) else plain(given or {})
        uscc = self.stored_code(str(profile.uscc))
        ent["uscc"] = uscc
        hidden: dict[str, dict[str, Any]] = {}
        for key in SENSITIVE_ENTERPRISE_KEYS:
            if key in ent:
                hidden.setdefault("enterprise", {})[key] = plain(ent.pop(key))
        recognitions = plain(ent.pop("recognitions", None))
        listed = isinstance(recognitions, list)
        if (type(given) is dict or isinstance(given, Mapping)) and "recognitions" in given and not listed:
            ent["recognitions"] = recognitions
        facts = doc.get("facts")
        fact_rows: list[tuple[str, str]] = []
        if isinstance(facts, dict):
            facts = dict(facts)
            for key in SENSITIVE_FACT_KEYS:
                if key in facts:
                    hidden.setdefault("facts", {})[key] = plain(facts.pop(key))
            fact_rows = [(k, to_json(v)) for k, v in facts.items()]
            doc["facts"] = {}
        doc["enterprise"] = ent
        roster = hidden.get("facts", {}).get("core_engineers")
        if isinstance(roster, list) and isinstance(facts, dict) and "core_engineer_count" not in facts:
            # not sensitive, and what judging without the key needs (see get_profile's `counted`)
            doc[WITHHELD] = {"core_engineer_count": len(roster)}
        text, packed = document_json(doc)
        written = "\0".join([text, *(value for _key, value in fact_rows)])
        if any(quoted in written for quoted in _SECRET_KEYS):  # (a sensitive key's name is rarely written)
            stray = {k: v for k, v in doc.items() if k not in (PROVENANCE, "facts")}
            if has_sensitive(stray) or (isinstance(facts, dict) and has_sensitive(facts)):
                # an ID number or a phone anywhere else (a roster moved to the top of a profile file by
                # hand) would be written in the clear: only their own fields are encrypted
                raise StoreError(Phrase(db.REFUSALS["stray_secret"], uscc=uscc))
        secret = digests = None
        if hidden:
            if getattr(_HELPER, "making", False) and not self.keys.unlocked():
                raise LookupError("the key is asked for on the store's thread")  # see _Adding
            secret = self.keys.cipher.encrypt_json(hidden, f"enterprise:{uscc}")
            digests = json.dumps(secret_digests(self.keys.cipher, uscc, hidden))
        stamp = now()
        kept = record or {}
        enterprise = profile.enterprise
        row = (
            uscc,
            profile.name,
            enterprise.get("org_type"),
            enterprise.get("province"),
            enterprise.get("city"),
            enterprise.get("district"),
            text,
            int(listed),
            secret,
            digests,
            packed,
            kept.get("updated_at") or stamp,
            kept.get("updated_by") or self.user,
            kept.get("created_at") or stamp,
        )
        items = recognitions if listed else []
        listed_rows = [
            (i, str(item.get("kind")), str(item.get("date")), to_json(item)) for i, item in enumerate(items)
        ]
        return uscc, row, listed_rows, fact_rows

    def delete_enterprise(self, uscc: str) -> None:
        """Delete an enterprise with its facts and declarations."""
        with transaction(self.conn):
            code = self.stored_code(uscc)
            ent_id = self._require(code)
            self.conn.execute("DELETE FROM enterprises WHERE id = ?", (ent_id,))
            self._log("删除企业", code)

    def duplicate_enterprise(self, uscc: str, new_uscc: str, new_name: str | None = None) -> Profile:
        """A copy of a profile under another code (a sister company, a new year's draft); declarations
        are not copied."""
        doc = self.get_profile(uscc)
        doc["enterprise"]["uscc"] = new_uscc
        if new_name:
            doc["enterprise"]["name"] = new_name
        profile = parse_profile(doc, require_uscc=True)
        with transaction(self.conn):
            self._write_profile(profile, replace=False, action=f"复制档案（自 {uscc}）")
        return profile

    # --- declarations -----------------------------------------------------------------------------

    def _declaration(self, row: tuple[Any, ...]) -> Declaration:
        (id_, uscc, measure, state, answers, page, preview, version, digest, created, updated, by) = row[:12]
        office, declared_on = row[12:]
        return Declaration(
            id=id_,
            uscc=uscc,
            measure=measure,
            state=state,
            answers=self.keys.decrypt_json(answers, f"declaration:{uscc}:{measure}") if answers else {},
            page=page,
            preview=json.loads(preview) if preview else None,
            policy_version=version,
            pdf_sha256=digest,
            created_at=created,
            updated_at=updated,
            updated_by=by,
            office=office,
            declared_on=stored_day(declared_on),
        )

    _DECL_SQL = (
        "SELECT d.id, e.uscc, d.measure, d.state, d.answers, d.page, d.preview, d.policy_version,"
        " d.pdf_sha256, d.created_at, d.updated_at, d.updated_by, d.office, d.declared_on"
        " FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id"
    )

    def _rows(self, where: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        return iter(self.conn.execute(f"{self._DECL_SQL} {where}", params).fetchall())

    def get_declaration(self, declaration_id: int) -> Declaration:
        for row in self._rows("WHERE d.id = ?", [declaration_id]):
            return self._declaration(row)
        raise StoreError(Phrase(db.REFUSALS["no_declaration"], id=declaration_id))

    def open_declaration(self, uscc: str, measure: str) -> Declaration | None:
        """The latest declaration of this enterprise for this measure not yet submitted, to resume: a
        draft, or one printed (已生成) and not handed in, which the wizard prints again (after the
        profile changed, 「在向导中重新生成」 made a second 已生成 declaration of the same measure)."""
        for row in self._rows(
            f"WHERE e.uscc = ? AND d.measure = ? AND {REGISTER_STATE_SQL} IN ('draft', 'generated')"
            " ORDER BY d.id DESC LIMIT 1",
            [self.stored_code(uscc), measure],
        ):
            return self._declaration(row)
        return None

    def list_declarations(self, uscc: str | None = None) -> list[Declaration]:
        if uscc is None:
            return [self._declaration(r) for r in self._rows("ORDER BY e.uscc, d.id", [])]
        return [
            self._declaration(r)
            for r in self._rows("WHERE e.uscc = ? ORDER BY d.id", [self.stored_code(uscc)])
        ]

    def declaration_numbers(self, uscc: str) -> list[tuple[int, str, str]]:
        """The enterprise's declarations as (number, measure, created_at), in order, without decrypting
        anything."""
        return [
            (int(id_), str(measure), str(created))
            for id_, measure, created in self.conn.execute(
                "SELECT d.id, d.measure, d.created_at FROM declarations d"
                " JOIN enterprises e ON e.id = d.enterprise_id"
                " WHERE e.uscc = ? ORDER BY d.id",
                (self.stored_code(uscc),),
            )
        ]

    def received(self, uscc: str, measure: str) -> Received:
        """What the register records as received for this enterprise's declarations of `measure`: the
        payments' sum, their number and the date of the latest (the amounts summed as Decimal)."""
        rows = self.conn.execute(
            "SELECT p.amount, p.on_date FROM declaration_payments p"
            " JOIN declarations d ON d.id = p.declaration_id JOIN enterprises e ON e.id = d.enterprise_id"
            " WHERE e.uscc = ? AND d.measure = ?",
            [self.stored_code(uscc), measure],
        ).fetchall()
        total = sum((Decimal(amount) for amount, _ in rows), Decimal("0.00"))
        last = max((dt.date.fromisoformat(on) for _, on in rows), default=None)
        return Received(total, len(rows), last)

    def save_draft(
        self,
        uscc: str,
        measure: str,
        answers: Mapping[str, Any],
        *,
        page: str | None = None,
        declaration_id: int | None = None,
        deadline: dt.date | None = None,
        cover: Cover | None = None,
    ) -> Declaration:
        """Save the wizard's answers and page. A new declaration unless `declaration_id` is given; saving
        a ready one takes it back to draft, since its judgement no longer holds (one printed keeps what the
        register holds of the print; one handed in is refused). A new one
        starts with `deadline` (a notice's closing day, core.deadlines.default_deadline); an existing
        one keeps the deadline it has. `cover` is the 受理部门 and 申报日期 typed on the review; without
        it, the declaration keeps the cover it has."""
        uscc = self.stored_code(uscc)
        blob = self.keys.cipher.encrypt_json(dict(answers), f"declaration:{uscc}:{measure}")
        stamp = now()
        with transaction(self.conn):
            ent_id = self._require(uscc)
            if declaration_id is None:
                inserted = self.db.table("declarations").insert(
                    {
                        "id": self.highest_declaration_number() + 1,
                        "enterprise_id": ent_id,
                        "measure": measure,
                        "state": "draft",
                        "answers": blob,
                        "page": page,
                        "deadline": deadline.isoformat() if deadline else None,
                        **(cover or Cover()).columns(),
                        "created_at": stamp,
                        "updated_at": stamp,
                        "updated_by": self.user,
                    }
                )
                declaration_id = int(inserted.last_rowid or 0)
            else:
                self._check_owner(declaration_id, ent_id, measure)
                printed = self._printed(declaration_id)
                self.db.table("declarations").update(
                    declaration_id,
                    {
                        "state": "draft",
                        "answers": blob,
                        "page": page,
                        # the register's 已生成 keeps the result, version and digest it was printed with
                        # (its basis, reprint and file check) until the wizard prints it again
                        **({} if printed else {"preview": None, "policy_version": None, "pdf_sha256": None}),
                        **(cover.columns() if cover is not None else {}),
                        "updated_at": stamp,
                        "updated_by": self.user,
                    },
                )
            self._log("保存申报草稿", uscc, f"{measure} #{declaration_id}")
        return self.get_declaration(declaration_id)

    def highest_declaration_number(self) -> int:
        """The highest declaration number ever given in this data folder, including numbers of
        declarations since deleted: a new one takes the next, so no number names two declarations."""
        return int(
            self.conn.execute(
                "SELECT max(coalesce((SELECT top FROM declaration_numbers WHERE id = 1), 0),"
                " coalesce((SELECT max(id) FROM declarations), 0))"
            ).fetchone()[0]
        )

    def _check_owner(self, declaration_id: int, ent_id: int, measure: str) -> None:
        row = self.conn.execute(
            "SELECT enterprise_id, measure FROM declarations WHERE id = ?", (declaration_id,)
        ).fetchone()
        if row is None or row[0] != ent_id or row[1] != measure:
            raise StoreError(f"申报 #{declaration_id} 不属于该企业或该措施")

    def _printed(self, declaration_id: int) -> bool:
        """Whether the register holds the declaration as printed (已生成), which the wizard may print
        again; StoreError once it was handed in or ended there (in another window or by the command
        while the wizard was open): no draft is saved over it."""
        from shenbao.core.register import state_label

        row = self.conn.execute(
            "SELECT register_state FROM declarations WHERE id = ?", (declaration_id,)
        ).fetchone()
        state = row[0] if row is not None else None
        if state not in (None, "draft", "generated"):
            raise db.HandedInError(
                Phrase(db.REFUSALS["not_a_draft"], id=declaration_id, state=state_label(state))
            )
        return state == "generated"

    def mark_ready(
        self, declaration_id: int, *, preview: Mapping[str, Any], policy_version: str
    ) -> Declaration:
        """Record the preview the declaration was judged with and the policy data version."""
        with transaction(self.conn):
            current = self.get_declaration(declaration_id)
            self.db.table("declarations").update(
                declaration_id,
                {
                    "state": "ready",
                    "preview": to_json(dict(preview)),
                    "policy_version": policy_version,
                    "pdf_sha256": None,
                    "updated_at": now(),
                    "updated_by": self.user,
                },
            )
            self._log(
                "申报就绪", current.uscc, f"{current.measure} #{declaration_id}（政策数据 {policy_version}）"
            )
        return self.get_declaration(declaration_id)

    def mark_rendered(self, declaration_id: int, pdf_sha256: str) -> Declaration:
        """Record the SHA-256 of the printed PDF; only a ready declaration can be printed."""
        digest = pdf_sha256.strip().lower()
        if not re.match(_SHA256, digest):
            raise StoreError("PDF 摘要应为 64 位十六进制 SHA-256")
        with transaction(self.conn):
            current = self.get_declaration(declaration_id)
            if current.state == "draft":
                raise StoreError(f"申报 #{declaration_id} 尚未就绪，不能打印")
            self.db.table("declarations").update(
                declaration_id,
                {"state": "rendered", "pdf_sha256": digest, "updated_at": now(), "updated_by": self.user},
            )
            self._log("申报已打印", current.uscc, f"{current.measure} #{declaration_id}")
        return self.get_declaration(declaration_id)

    def delete_declaration(self, declaration_id: int) -> None:
        with transaction(self.conn):
            current = self.get_declaration(declaration_id)
            self.conn.execute("DELETE FROM declarations WHERE id = ?", (declaration_id,))
            self._log("删除申报", current.uscc, f"{current.measure} #{declaration_id}")

    def _write_declarations(self, uscc: str, items: Iterable[Mapping[str, Any]]) -> None:
        """Imported declarations in place of the enterprise's own (inside the caller's transaction). A
        declaration the enterprise already has (the same measure begun at the same time, see
        `declaration_key`) keeps its number, and is left as it is when the import holds it unchanged;
        a new one is numbered after the highest number ever given, never taking one another holds or
        held; one the import does not hold is deleted."""
        from shenbao.core.register import bundle_part

        uscc = self.stored_code(uscc)
        ent_id = self._require(uscc)
        numbers: dict[tuple[str, str], list[int]] = {}
        for id_, measure, created in self.conn.execute(
            "SELECT id, measure, created_at FROM declarations WHERE enterprise_id = ? ORDER BY id", (ent_id,)
        ):
            numbers.setdefault(declaration_key({"measure": measure, "created_at": created}), []).append(id_)
        top = self.highest_declaration_number()
        placed = []
        for item in items:
            mine = numbers.get(declaration_key(item))
            placed.append((mine.pop(0) if mine else None, item))
        gone = [id_ for ids in numbers.values() for id_ in ids]
        self.conn.executemany("DELETE FROM declarations WHERE id = ?", [(id_,) for id_ in gone])

        def unchanged(number: int, item: Mapping[str, Any]) -> bool:
            try:
                stored = {**self.get_declaration(number).to_dict(), "register": bundle_part(self, number)}
            except UnreadableSecretError:  # a damaged one is written again from the import
                return False
            return plain_json(stored) == plain_json(item)

        for number, item in placed:
            if number is not None:
                if unchanged(number, item):
                    continue
                self.conn.execute("DELETE FROM declarations WHERE id = ?", (number,))
            else:
                top += 1
                number = top
            self._insert_declaration(number, ent_id, uscc, item)

    def _insert_declaration(self, number: int, ent_id: int, uscc: str, item: Mapping[str, Any]) -> None:
        measure = item["measure"]
        answers = item.get("answers") or {}
        self.db.table("declarations").insert(
            {
                "id": number,
                "enterprise_id": ent_id,
                "measure": measure,
                "state": item["state"],
                "answers": self.keys.cipher.encrypt_json(answers, f"declaration:{uscc}:{measure}"),
                "page": item.get("page"),
                "preview": to_json(item["preview"]) if item.get("preview") is not None else None,
                "policy_version": item.get("policy_version"),
                "pdf_sha256": item.get("pdf_sha256"),
                **Cover(item.get("office"), stored_day(item.get("declared_on"))).columns(),
                "created_at": item.get("created_at") or now(),
                "updated_at": item.get("updated_at") or now(),
                "updated_by": item.get("updated_by") or self.user,
            }
        )
        if item.get("register"):
            from shenbao.core.register import write_bundle_part

            write_bundle_part(self, number, uscc, measure, item["register"])

    # --- backups ----------------------------------------------------------------------------------

    def backup_now(self, reason: str = "manual") -> Path:
        """A backup made with SQLite's backup API; the newest ten are kept."""
        return db.backup(self.conn, self.folder, reason=reason)

    def list_backups(self) -> list[Path]:
        """Backup files, newest first."""
        return db.list_backups(self.folder)

    def restore(self, file: Path | None = None) -> Path:
        """Replace the data with a backup (the newest good one by default), after backing up the current
        data; returns the backup used."""
        return db.restore_backup(self.folder, file)
