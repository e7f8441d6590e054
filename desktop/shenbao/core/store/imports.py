"""The import plan: what an import will do, enterprise by enterprise, before anything is written.

`read_incoming` reads the files (bundles, profile JSON, park tables) into the enterprises they hold and
the table rows that cannot be imported, each with its errors. `plan_import` compares them with the
store: an enterprise is added, updated, left unchanged, or (a bundle or profile file) replaced whole.
A table row carries only the fields its columns hold, so it updates those fields and keeps every other
stored field and list (the roster, the invoices, the phone, unknown keys); a blank cell clears nothing.
Its 认定情况 is the whole list of recognitions: a stored entry it leaves out goes. Each update lists its
changes field by field (before → after) with the entries a list loses, so the command line and the
conflict dialog can say what will change, and what is removed (most often nothing), before the user
agrees.

`apply_plan` writes the plan in one transaction, after planning again inside it: if the store changed
since the plan was shown, it refuses rather than write what the user did not see. Bad rows refuse the
whole import unless the user asked to skip them; skipped rows can be written to a file of rejects
(the table's own columns and an 错误 column), fixed, and imported again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import field, replace
from pathlib import Path
from typing import Any, NamedTuple

from shenbao.core.fieldkinds import FieldValueError, Memo, format_value
from shenbao.core.fieldkinds import check as check_value
from shenbao.core.fieldkinds import parse as parse_value
from shenbao.core.messages import capped
from shenbao.core.model import (
    DETAIL_DERIVES,
    DETAIL_LABELS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    Contradiction,
    Profile,
    ProfileErrors,
    contradictions,
    parse_profile,
)
from shenbao.core.phrases import Phrase
from shenbao.core.provenance import IMPORTED, stamp, stamp_filled
from shenbao.core.provenance import KEY as PROVENANCE_KEY
from shenbao.core.records import dataclass
from shenbao.core.store.bundle import BUNDLE_MESSAGES, digest_as_carried, public_declaration
from shenbao.core.store.db import REFUSALS, StoreError, transaction
from shenbao.core.store.repository import PROFILES_READ_TOGETHER, Store, declaration_key, plain_json
from shenbao.core.store.secrets import (
    SENSITIVE_ANYWHERE,
    SENSITIVE_ENTERPRISE_KEYS,
    UnreadableSecretError,
    has_sensitive,
)
from shenbao.core.store.tables import (
    ERRORS_LABEL,
    READ_SUFFIXES,
    RECOGNITIONS_LABEL,
    TABLE_REFUSALS,
    TABLE_SUFFIXES,
    TableError,
    _columns,
    lock_file,
    out_cell,
    read_rows,
    write_rows,
)

ON_CONFLICT = ("keep", "replace")


@dataclass
class Incoming:
    """One enterprise to import. `declarations` None (profile files, tables) leaves stored ones alone.
    `fields` (a table row: the fields its cells hold) makes an import update only those fields; None
    replaces the whole profile. `row` and `table` say where a table row came from."""

    source: str
    profile: Profile
    declarations: list[dict[str, Any]] | None = None
    fields: tuple[tuple[str, str], ...] | None = None
    row: int | None = None
    cells: list[Any] | None = None
    header: list[str] | None = None
    record: dict[str, str] | None = None  # a bundle's created_at/updated_at/updated_by, kept on import
    withheld: bool = (
        False  # a plain bundle's: it cannot carry 身份证号 or phones, so lacking them says nothing
    )

    @property
    def where(self) -> str:
        return f"{self.source} 第 {self.row} 行" if self.row else self.source

    @property
    def from_bundle(self) -> bool:
        """A bundle's enterprise (it always carries its declarations, perhaps none), which keeps the
        provenance it travels with."""
        return self.declarations is not None


@dataclass(frozen=True)
class Rejected:
    """A table row that will not be imported: where it is, its cells as read, and its errors as
    (column label, message)."""

    source: str
    row: int
    cells: list[Any]
    header: list[str]
    errors: list[tuple[str, str]]

    def lines(self) -> list[str]:
        return [
            f"{self.source} 第 {self.row} 行" + (f"「{c}」" if c else "") + f"：{m}" for c, m in self.errors
        ]


@dataclass(frozen=True)
class FieldChange:
    """One field an import changes: its path, its label, and its value before and after as text; for a
    list, the entries it loses (`dropped`), each as text."""

    path: str
    label: str
    before: str
    after: str
    dropped: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.label}：{self.before or '（空）'} → {self.after or '（空）'}"


@dataclass
class Planned:
    """What the import does with one enterprise. `action`: "add" (new), "update" (a table row's fields
    over the stored profile), "unchanged" (a table row equal to what is stored), "replace" (a bundle or
    profile file replacing the stored one whole), "held" (a bundle's enterprise left as stored, though the
    bundle carries declarations that differ: none of them taken, see `set_aside`). `changes` are the
    fields it changes; `removed` the fields and lists a whole replacement drops (always empty for a table
    row); a list a change leaves shorter names the entries it loses in the change (a table's 认定情况 is
    the whole list)."""

    uscc: str
    name: str
    source: str
    action: str
    changes: list[FieldChange]
    removed: list[str]
    incoming: Incoming
    profile: Profile
    declarations_kept: bool = False  # a replacement whose declarations are those stored: not rewritten
    mended: list[str] = field(default_factory=list)  # damaged declarations it writes again (see _mended)
    # facts of the profile as written that cannot both be true (福州市 in 浙江省): imported all the same,
    # as the editor saves them, and said so that the user checks them (core.model.contradictions)
    contradictions: list[Contradiction] = field(default_factory=list)
    # the bundle's declarations not taken, each a Phrase saying which and why (see `_taken`): the stored
    # one changed after it, or its payments are ones the register refuses
    set_aside: list[str] = field(default_factory=list)
    # the enterprise as read, before the plan took the stored copy of a declaration in place of the
    # bundle's: what the plan is made again from inside the write transaction
    read: Incoming | None = None

    @property
    def stored(self) -> bool:
        return self.action != "add"

    def set_aside_lines(self) -> list[str]:
        """One line per declaration of the bundle not taken, naming the enterprise."""
        return [f"{self.uscc}（{self.name}）：{line}" for line in self.set_aside]

    def contradiction_lines(self) -> list[str]:
        """One line per contradiction, naming the row (or file) and the enterprise."""
        if not self.contradictions:  # (most rows: nothing to name)
            return []
        head = f"{self.incoming.where} {self.uscc}（{self.name}）"
        return [f"{head}：{c.message}" for c in self.contradictions]

    def describe(self) -> str:
        head = f"{self.uscc}（{self.name}）"
        if self.action == "add":
            return f"新增 {head}"
        if self.action == "unchanged":
            return f"不变 {head}"
        verb = "更新" if self.action == "update" else "替换"
        what = "；".join(str(c) for c in self.changes) or "档案内容不变"
        what += "".join(f"；{line}" for line in self.mended)
        gone = [f"删去 {'、'.join(self.removed)}"] if self.removed else []
        gone += [f"{c.label}删去 {'、'.join(c.dropped)}" for c in self.changes if c.dropped]
        return f"{verb} {head}：{what}；{'；'.join(gone) or '不删去任何内容'}"


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: int = 0
    declarations: int = 0
    contradictions: list[str] = field(default_factory=list)  # see ImportPlan.contradiction_lines
    set_aside: list[str] = field(default_factory=list)  # see ImportPlan.set_aside_lines

    def summary(self) -> str:
        text = f"新增 {len(self.added)} 家，更新 {len(self.replaced)} 家，保留已有 {len(self.kept)} 家"
        if self.unchanged:
            text += f"，不变 {len(self.unchanged)} 家"
        if self.skipped:
            text += f"，跳过有错误的 {self.skipped} 行"
        text += f"，申报 {self.declarations} 份" if self.declarations else ""
        return text + (f"，数据包中的 {len(self.set_aside)} 份申报未导入" if self.set_aside else "")


@dataclass
class ImportPlan:
    """Every enterprise an import would write, with what changes, and every row it cannot import."""

    entries: list[Planned]
    rejected: list[Rejected]
    # what the store was when the plan was made: its connection, the count of other connections'
    # commits it had seen (PRAGMA data_version) and its own changes; the same inside the write
    # transaction means nothing was written since, and the plan need not be made again
    basis: tuple[Any, int, int] | None = None

    def conflicts(self) -> list[Planned]:
        """The enterprises already stored that the import would change (to keep, or to update or replace
        on the user's word). One it leaves as it is is none: keeping and updating it are the same."""
        return [e for e in self.entries if e.action in ("update", "replace")]

    def counts(self) -> dict[str, int]:
        out = {"add": 0, "update": 0, "unchanged": 0, "replace": 0, "held": 0}
        for entry in self.entries:
            out[entry.action] += 1
        return {**out, "rejected": len(self.rejected)}

    def summary(self, on_conflict: str | None = "replace") -> str:
        """The counts as the import would write them with `on_conflict` (see `apply_plan`): the stored
        enterprises updated or replaced, kept, or (None) stopping the import."""
        c = self.counts()
        stored = len(self.conflicts())
        if stored and on_conflict is None:
            text = f"新增 {c['add']} 家，已存在 {stored} 家（未指定 --on-conflict，整个不导入）"
        elif stored and on_conflict == "keep":
            text = f"新增 {c['add']} 家，保留已有 {stored} 家"
        else:
            text = f"新增 {c['add']} 家，更新 {c['update']} 家，不变 {c['unchanged']} 家"
            if c["replace"]:
                text += f"，整体替换 {c['replace']} 家"
        set_aside = len(self.set_aside_lines(on_conflict))
        text += f"，数据包中的 {set_aside} 份申报未导入" if set_aside else ""
        return text + (f"，有错误的 {c['rejected']} 行" if c["rejected"] else "")

    def lines(self, on_conflict: str | None = "replace") -> list[str]:
        """One line per error of a rejected row, first (they decide whether the table imports at all, and
        a long list is cut), then one per enterprise that changes (adds, updates and replacements, or
        with "keep" the stored ones kept; with None, which refuses them, the new ones only)."""
        out = self.error_lines()
        for entry in self.entries:
            if entry.stored and on_conflict is None:
                continue
            if entry.stored and on_conflict == "keep":
                out.append(f"保留已有 {entry.uscc}（{entry.name}）")
            elif entry.action not in ("unchanged", "held"):
                out.append(entry.describe())
        return out

    def set_aside_lines(self, on_conflict: str | None = "replace") -> list[str]:
        """One line per declaration a bundle carries that the import does not take, naming why (the
        stored one changed after it; its payments refused), for each enterprise the import writes with
        `on_conflict` (as `lines`) or leaves as stored but for them ("held")."""
        return [
            line
            for entry in self.entries
            if entry.action == "held" or not (entry.stored and on_conflict in (None, "keep"))
            for line in entry.set_aside_lines()
        ]

    def error_lines(self) -> list[str]:
        return [line for rejected in self.rejected for line in rejected.lines()]

    def contradiction_lines(self, on_conflict: str | None = "replace") -> list[str]:
        """The contradictions of each enterprise the import writes with `on_conflict` (as `lines`),
        one line each: a warning, as in the editor; the rows import all the same."""
        return [
            line
            for entry in self.entries
            if entry.action not in ("unchanged", "held")
            and not (entry.stored and on_conflict in (None, "keep"))
            for line in entry.contradiction_lines()
        ]

    def write_rejects(self, out: str | Path) -> Path:
        """The rejected rows as a table (.csv or .xlsx) with their own columns and an 错误 column,
        which imports again once fixed (the 错误 column is ignored)."""
        out = Path(out)
        if out.suffix.lower() not in TABLE_SUFFIXES:
            raise StoreError(f"{out}: 退回的行应写入 .csv 或 .xlsx 文件")
        header: list[str] = []
        for rejected in self.rejected:
            header += [h for h in rejected.header if h and h != ERRORS_LABEL and h not in header]
        columns = _columns()
        specs = [columns.get("".join(h.split())) for h in header]
        rows = [[*header, ERRORS_LABEL]]
        for rejected in self.rejected:
            by_label = dict(zip(rejected.header, rejected.cells, strict=False))
            errors = "；".join((f"「{c}」" if c else "") + m for c, m in rejected.errors)
            cells = [_cell_text(by_label.get(h), spec) for h, spec in zip(header, specs, strict=True)]
            rows.append([*cells, f"第 {rejected.row} 行：{errors}"])
        return write_rows(out, rows)


def _cell_text(value: Any, spec: tuple[str, str, str] | None = None) -> str:
    """A cell of a rejected row as text that reads back as the cell did: a spreadsheet's number, date or
    yes/no cell that its column read (an unformatted date 45292, a measured 1e-07) as the app writes that
    value; one it did not read as it was, so that it is refused for the same reason (a code Excel made a
    number stays 9.13501E+17, never 18 digits it made up)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if spec is not None and spec[2] != "recognitions":
        try:
            read = parse_value(spec[2], value)
        except FieldValueError:
            pass
        else:
            if read is not None:
                return out_cell(spec[0], spec[1], read)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime) and value.time() != dt.time():  # refused for its time: kept
        return value.isoformat(sep=" ")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


# --- reading -------------------------------------------------------------------------------------


Steps = Callable[[str, int, int], None]
"""Told (phase, done, total) as a long import reads (READING: rows so far, total 0 as it is not known
beforehand) and checks against the store (CHECKING), each at most about a hundred times."""
READING, CHECKING = "读取", "检查"


def read_incoming(
    paths: Iterable[str | Path], bundle_passphrase: Callable[[], str | None], steps: Steps | None = None
) -> tuple[list[Incoming], list[Rejected]]:
    """Every enterprise in the files, checked, and every table row that cannot be imported, with
    nothing written. A file that cannot be read at all raises StoreError naming it."""
    from shenbao.core.store.transfer import read_file

    incoming: list[Incoming] = []
    rejected: list[Rejected] = []
    for item in paths:
        path = Path(item)
        locked = lock_file(path)
        if locked and path.is_file():
            raise StoreError(Phrase(TABLE_REFUSALS["lock_file"], path=path, name=locked))
        if path.suffix.lower() in READ_SUFFIXES and path.is_file():
            table = read_rows(path, _rows_read(steps, len(incoming) + len(rejected)))
            for row in table.rows:
                if row.profile is None:
                    rejected.append(Rejected(table.source, row.number, row.cells, table.header, row.errors))
                else:
                    incoming.append(
                        Incoming(
                            table.source, row.profile, None, row.fields, row.number, row.cells, table.header
                        )
                    )
        else:
            incoming += read_file(path, bundle_passphrase)
    return _one_per_code(incoming, rejected), rejected


def _rows_read(steps: Steps | None, before: int) -> Callable[[int], None] | None:
    """A table's rows read, counted on from the rows of the files read before it."""
    if steps is None:
        return None
    return lambda rows: steps(READING, before + rows, 0)


def _one_per_code(incoming: list[Incoming], rejected: list[Rejected]) -> list[Incoming]:
    """Each code once. A table row repeating a code already read is rejected naming both; two files
    holding one code differently are refused."""
    seen: dict[str, Incoming] = {}
    out = []
    for item in incoming:
        code = str(item.profile.uscc)
        first = seen.get(code)
        if first is None:
            seen[code] = item
            out.append(item)
        elif item.row is not None and item.cells is not None and item.header is not None:
            rejected.append(
                Rejected(
                    item.source,
                    item.row,
                    item.cells,
                    item.header,
                    [("", f"统一社会信用代码 {code} 已在 {first.where} 出现")],
                )
            )
        elif first.profile.to_dict() != item.profile.to_dict() or item.declarations not in (
            None,
            first.declarations,
        ):
            raise StoreError(f"统一社会信用代码 {code} 在 {first.where} 与 {item.where} 中出现两次且内容不同")
    return out


# --- planning ------------------------------------------------------------------------------------


def plan_import(
    store: Store, incoming: list[Incoming], rejected: list[Rejected] | None = None, steps: Steps | None = None
) -> ImportPlan:
    """What importing `incoming` into `store` would do, with nothing written. A table row whose merge
    with the stored profile is invalid (a count that disagrees with the stored list) becomes a rejected
    row. Reads the stored profiles in full, so it may ask for the data key."""
    entries: list[Planned] = []
    rejects = list(rejected or [])
    basis = _basis(store)
    stored = store.stored_codes()
    step = max(1, len(incoming) // 100)
    read: dict[str, dict[str, Any]] = {}  # the stored profiles of the next incoming, read together
    check = Memo(check_value)  # the stored profiles' values repeat as a table's cells do
    for done, item in enumerate(incoming, 1):
        if steps is not None and (done % step == 0 or done == len(incoming)):
            steps(CHECKING, done, len(incoming))
        code = str(item.profile.uscc)
        read_as = item
        if code not in stored:
            set_aside: list[str] = []
            if item.declarations is not None:
                taken, set_aside = _taken([], _found_here(store, item.declarations))
                item = replace(item, declarations=taken)
            planned = Planned(code, item.profile.name, item.source, "add", [], [], item, item.profile)
            planned.set_aside, planned.read = set_aside, read_as
            entries.append(_checked(planned))
            continue
        if not read:
            coming = (str(i.profile.uscc) for i in incoming[done - 1 : done - 1 + PROFILES_READ_TOGETHER])
            read = store.get_profiles([c for c in coming if c in stored])
        before = read.pop(code, None) or store.get_profile(code)
        if item.fields is None:
            profile = _with_withheld(before, item.profile) if item.withheld else item.profile
            changes, removed = _diff(before, profile.to_dict())
            stored_declarations: list[dict[str, Any]] = []
            mended: list[str] = []
            set_aside = []
            if item.declarations is not None:
                found = _found_here(store, item.declarations)
                stored_declarations = _stored_declarations(store, code)
                if item.withheld:
                    found = _kept_back(stored_declarations, found, item.profile)
                taken, set_aside = _taken(stored_declarations, found)
                item = replace(item, declarations=taken)
                removed += _declarations_gone(stored_declarations, item.declarations or [])
                mended = _mended(stored_declarations, item.declarations or [])
            same = not changes and not removed and _same_whole(store, code, before, item, profile)
            # nothing written, but not 不变 when the bundle's own changes were set aside
            action = ("held" if set_aside else "unchanged") if same else "replace"
            kept = item.declarations is not None and _plain(stored_declarations) == _plain(item.declarations)
            planned = Planned(
                code, profile.name, item.source, action, changes, removed, item, profile, kept, mended
            )
            planned.set_aside, planned.read = set_aside, read_as
            entries.append(_checked(planned))
            continue
        try:
            merged, changes = _merge(before, item, check)
        except ProfileErrors as err:
            labels = _labels(item)
            errors = [(labels.get(e.field.split("[")[0], ""), e.message) for e in err.errors]
            rejects.append(Rejected(item.source, item.row or 0, item.cells or [], item.header or [], errors))
            continue
        action = "update" if changes else "unchanged"
        entries.append(_checked(Planned(code, merged.name, item.source, action, changes, [], item, merged)))
    return ImportPlan(entries, rejects, basis)


def _checked(entry: Planned) -> Planned:
    """The entry with the contradictions of the profile it writes (a table row merged with the stored
    profile: a row's 省 against the stored 市 is one too)."""
    entry.contradictions = contradictions(entry.profile.enterprise, entry.profile.facts)
    return entry


def _same_whole(store: Store, code: str, before: dict[str, Any], item: Incoming, profile: Profile) -> bool:
    """Whether a bundle's or profile file's enterprise is exactly what is stored, declarations and their
    register too (a profile file carries none and leaves them alone): the app's own bundle imported back
    is then written nowhere, so the register keeps its numbers and nothing is stamped anew."""
    if item.declarations is None:  # a profile file: where its fields came from is stamped anew, not read
        ignored = {"format": None, PROVENANCE_KEY: None}
        return _plain({**profile.to_dict(), **ignored}) == _plain({**before, **ignored})
    if _plain({**profile.to_dict(), "format": None}) != _plain({**before, "format": None}):
        return False
    return _plain(_stored_declarations(store, code)) == _plain(item.declarations)


class Damaged(NamedTuple):
    """A stored declaration whose encrypted part does not decrypt (a damaged disk, a copy cut short)."""

    id: int
    measure: str
    created_at: str
    part: str  # what does not decrypt: 填写内容 (the answers) or 生成依据 (the register's basis)


def bundle_declarations(
    store: Store, code: str, damaged: list[Damaged] | None = None
) -> list[dict[str, Any]]:
    """The enterprise's declarations as a bundle carries them. One whose encrypted part does not decrypt
    raises UnreadableSecretError, or with `damaged` is added there and left out of the list."""
    from shenbao.core.register import bundle_part

    try:
        return [{**d.to_dict(), "register": bundle_part(store, d.id)} for d in store.list_declarations(code)]
    except UnreadableSecretError:
        if damaged is None:
            raise
    out = []
    for number, measure, created in store.declaration_numbers(code):
        part = BUNDLE_MESSAGES["answers"]
        try:
            declaration = store.get_declaration(number)
            part = BUNDLE_MESSAGES["basis"]
            out.append({**declaration.to_dict(), "register": bundle_part(store, number)})
        except UnreadableSecretError:
            damaged.append(Damaged(number, measure, created, part))
    return out


def _found_here(store: Store, declarations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A bundle's declarations, each printed form found in this data folder's declarations/ under its
    name with the digest recorded taken as the one meant: a bundle names a form where its folder was, and
    the folder moved or copied since (to another drive) holds the same file elsewhere. A form not here,
    or here with other contents, keeps the path the bundle gives."""
    from shenbao.core.register import file_sha256

    shelf = Path(store.folder).resolve() / "declarations"
    out = []
    for declaration in declarations:
        part = declaration.get("register") or {}
        path, digest = part.get("pdf_path"), declaration.get("pdf_sha256")
        if isinstance(path, str) and path and digest:
            here = shelf / path.replace("\\", "/").rsplit("/", 1)[-1]
            try:
                found = Path(path).resolve() != here and here.is_file() and file_sha256(here) == digest
            except OSError:
                found = False
            if found:
                declaration = {**declaration, "register": {**part, "pdf_path": str(here)}}
        out.append(declaration)
    return out


def _stored_declarations(store: Store, code: str) -> list[dict[str, Any]]:
    """The enterprise's declarations as a bundle carries them; one that no longer decrypts stands as
    its measure and when it was begun, so that an import names it and writes the bundle's copy over
    it (the bundle made before is how it is mended), never keeping it as if it were newer."""
    damaged: list[Damaged] = []
    out = bundle_declarations(store, code, damaged)
    return out + [
        {"measure": d.measure, "created_at": d.created_at, "damaged": {"id": d.id, "part": d.part}}
        for d in damaged
    ]


def _mended(stored: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> list[str]:
    """The damaged stored declarations the bundle holds a copy of, which a whole replacement writes
    again from it: Phrases, which the window writes again in its language."""
    held = {_key(d) for d in incoming}
    return [
        Phrase(
            BUNDLE_MESSAGES["mended"], id=d["damaged"]["id"], measure=d["measure"], part=d["damaged"]["part"]
        )
        for d in stored
        if d.get("damaged") and _key(d) in held
    ]


_key = declaration_key


def _kept_back(
    stored: list[dict[str, Any]], incoming: list[dict[str, Any]], profile: Profile
) -> list[dict[str, Any]]:
    """A plain bundle's declarations, each that is a stored one short of what such a bundle cannot carry
    (the 身份证号 and phones of its answers and of the profile it was printed from, whose roster travels
    as its number; its judgement, worked out again on reading) replaced by the stored one whole: their
    absence says nothing, as for the profile's own roster and phone. The stored one is compared as the
    export writes it and the reading of `profile`'s bundle gives it back."""

    def carried(declaration: dict[str, Any]) -> Any:
        return _plain({**digest_as_carried(profile, declaration), "preview": None})

    by_key = {_key(d): d for d in stored}
    out = []
    for item in incoming:
        mine = by_key.get(_key(item))
        if mine is None:
            out.append(item)
            continue
        public, given = carried(public_declaration(mine)), carried(item)
        if public == given:
            out.append(mine)
            continue
        out.append(_secrets_kept(mine, item, public, given))
    return out


def _secrets_kept(mine: dict[str, Any], item: dict[str, Any], public: Any, given: Any) -> dict[str, Any]:
    """A plain bundle's declaration changed elsewhere (a colleague recorded it submitted) with the parts
    such a bundle cannot carry taken from the stored one where the bundle left them as they were: the
    profile it was printed from (its phone and roster, and the digest of it), and the answers' secrets.
    Without them the declaration lost its phone and roster and said 「依据已变化」 of a change nobody made."""
    out = dict(item)
    ours, theirs = public.get("register"), given.get("register")
    register, stored = item.get("register"), mine.get("register")
    if (
        isinstance(ours, dict)
        and isinstance(theirs, dict)
        and isinstance(register, dict)
        and isinstance(stored, dict)
        and (ours.get("basis"), ours.get("basis_sha256")) == (theirs.get("basis"), theirs.get("basis_sha256"))
    ):
        out["register"] = {
            **register,
            "basis": stored.get("basis"),
            "basis_sha256": stored.get("basis_sha256"),
        }
    if public.get("answers") == given.get("answers"):
        out["answers"] = mine.get("answers")
    return out


def _taken(
    stored: list[dict[str, Any]], incoming: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The bundle's declarations as the import takes them, and a Phrase for each it does not take.

    One that is a stored one changed here since (an award, a payment, a state recorded after the bundle
    was made) is replaced by the stored one whole: a bundle brought back never takes the register back
    to an older day. When the bundle's copy holds an event or a payment the stored one lacks (a colleague
    recorded it submitted, or paid), that change is said to be set aside, with when and by whom the stored
    one changed; an older copy of the stored one holds nothing it lacks, and is not named.

    One whose payments the register refuses (`register.check_carried_payments`: on a declaration not
    已拨付, or together over the sum awarded) is not taken: the stored one stays, or without one it is
    left out; the enterprise's other data and declarations import all the same."""
    from shenbao.core.register import RegisterError, check_carried_payments

    by_key = {_key(d): d for d in stored if not d.get("damaged")}
    out: list[dict[str, Any]] = []
    set_aside: list[str] = []
    for item in incoming:
        mine = by_key.get(_key(item))
        if mine is not None and _later(mine, item):
            out.append(mine)
            if _carries_more(item, mine):
                set_aside.append(_named(BUNDLE_MESSAGES["newer_here"], item, mine))
            continue
        try:
            check_carried_payments(item.get("register") or {})
        except RegisterError as err:
            if mine is not None and _plain(mine) == _plain(item):
                out.append(item)  # the stored one as it is: nothing of the bundle's to refuse
                continue
            if mine is not None:
                out.append(mine)
            set_aside.append(
                _named(
                    BUNDLE_MESSAGES["refused_kept" if mine else "refused"], item, mine, refusal=err.message
                )
            )
            continue
        out.append(item)
    return out, set_aside


def _carries_more(theirs: dict[str, Any], mine: dict[str, Any]) -> bool:
    """Whether a bundle's copy of a declaration holds an event or a payment the stored one does not."""

    def held(declaration: dict[str, Any], key: str) -> Counter[str]:
        part = declaration.get("register") or {}
        return Counter(_row_key(row) for row in part.get(key) or [])

    return any(held(theirs, key) - held(mine, key) for key in ("events", "payments"))


def _named(template: str, item: dict[str, Any], mine: dict[str, Any] | None, **values: Any) -> str:
    """A Phrase naming a bundle's declaration (its title, measure and the day it was begun) and, with
    `mine`, when and by whom each copy last changed."""
    from shenbao.core.register import _title

    def when(declaration: dict[str, Any] | None) -> str:
        return str((declaration or {}).get("updated_at") or "")[:19].replace("T", " ")

    measure = str(item.get("measure"))
    return Phrase(
        template,
        title=_title(measure),
        measure=measure,
        created=str(item.get("created_at") or "")[:10],
        theirs_at=when(item),
        theirs_by=str(item.get("updated_by") or ""),
        at=when(mine),
        by=str((mine or {}).get("updated_by") or ""),
        **values,
    )


def _later(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether the stored declaration was last changed after the one a bundle carries."""
    try:
        return dt.datetime.fromisoformat(str(mine.get("updated_at"))) > dt.datetime.fromisoformat(
            str(theirs.get("updated_at"))
        )
    except (TypeError, ValueError):  # a time a bundle wrote otherwise: the bundle's, as before
        return False


def _declarations_gone(stored: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> list[str]:
    """The stored declarations a whole replacement drops: those the bundle does not hold."""
    kept = {_key(d) for d in incoming}
    return [
        f"申报 {d.get('measure')}（{str(d.get('created_at'))[:10]} 起草）"
        for d in stored
        if _key(d) not in kept
    ]


_plain = plain_json


def _basis(store: Store) -> tuple[Any, int, int]:
    conn = store.conn
    return conn, int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def _unchanged(plan: ImportPlan, store: Store) -> bool:
    """Nothing written to the store since the plan was made on this very connection."""
    return plan.basis is not None and plan.basis[0] is store.conn and plan.basis[1:] == _basis(store)[1:]


def _labels(item: Incoming) -> dict[str, str]:
    columns = _columns()
    out = {}
    for label in item.header or []:
        spec = columns.get("".join(label.split()))
        if spec:
            out[f"{spec[0]}.{spec[1]}"] = label
    return out


def _merge(
    before: dict[str, Any], item: Incoming, check: Callable[[str, Any], Any] = check_value
) -> tuple[Profile, list[FieldChange]]:
    """The stored document with the row's fields over it: only fields whose value differs (as the rules
    see it, so 250000 and "250,000" are one value) are written; everything else stays as stored.
    `check` converts a value (a `Memo` of it for a whole plan)."""
    stored = parse_profile(before, check=check)
    merged: dict[str, Any] | None = None  # copied at its first change
    copied: set[str] = set()
    new = item.profile.to_dict()
    changes = []
    for section, key in item.fields or ():
        value = new[section][key]
        if key == "recognitions":
            change = _recognitions_change(before.get("enterprise", {}).get("recognitions"), value)
            if change is None:
                continue
        else:
            converted = (item.profile.enterprise if section == "enterprise" else item.profile.facts).get(key)
            current = (stored.enterprise if section == "enterprise" else stored.facts).get(key)
            if current == converted and current is not None:
                continue
            spec = (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key]
            shown_current = before.get(section, {}).get(key, current)
            change = FieldChange(
                f"{section}.{key}", spec.label, _shown(spec.kind, shown_current), _shown(spec.kind, value)
            )
        if merged is None:  # the stored document is read for this merge alone: the sections
            merged = dict(before)  # written to are copied, nothing else
        if section not in copied:
            merged[section] = dict(before.get(section) or {})
            copied.add(section)
        merged[section][key] = value
        changes.append(change)
    if merged is None and stored.enterprise.get("uscc"):
        return stored, changes  # the profile as stored, read once (the code is all `require_uscc` adds)
    return parse_profile(before if merged is None else merged, require_uscc=True, check=check), changes


def _shown(kind: str, value: Any) -> str:
    """A value as a change shows it: as a table writes it, a line break written \\n (an enterprise's
    changes are one line), cut to 40 characters."""
    if value is None:
        return ""
    text = format_value(kind, value).replace("\n", "\\n")
    return text if len(text) <= 40 else text[:39] + "…"


def _recognitions(value: Any) -> list[tuple[str, str]]:
    return sorted((str(r.get("kind")), str(r.get("date"))) for r in value or [] if isinstance(r, dict))


def _recognitions_text(entries: list[tuple[str, str]]) -> str:
    """认定情况 as the table writes it, each kind by its Chinese label: 省级企业重点实验室:2024-03-01."""
    return out_cell("enterprise", "recognitions", [{"kind": k, "date": d} for k, d in entries])


def _recognitions_change(old_value: Any, new_value: Any) -> FieldChange | None:
    """认定情况 before and after, with the stored entries the new list leaves out; None when the lists
    hold the same entries."""
    old, new = _recognitions(old_value), _recognitions(new_value)
    if old == new:
        return None
    dropped = tuple(_recognitions_text([entry]) for entry in (Counter(old) - Counter(new)).elements())
    path = "enterprise.recognitions"
    return FieldChange(path, RECOGNITIONS_LABEL, _recognitions_text(old), _recognitions_text(new), dropped)


def _with_withheld(before: dict[str, Any], incoming: Profile) -> Profile:
    """A plain bundle's profile replacing a stored one, with the stored phone and engineer roster kept:
    the bundle left them out because it could not carry them, not because they are gone. The roster is
    kept when the bundle's engineer count (written in its place) agrees with it."""
    stored_ent, stored_facts = before.get("enterprise") or {}, before.get("facts") or {}
    roster = stored_facts.get("core_engineers")
    document = incoming.to_dict()  # its sections copied: the bundle's profile is compared as it came
    ent = document["enterprise"] = dict(document.get("enterprise") or {})
    facts = document["facts"] = dict(document.get("facts") or {})
    where = dict(document.get("provenance") or {})
    kept = [k for k in SENSITIVE_ENTERPRISE_KEYS if stored_ent.get(k) and ent.get(k) is None]
    for key in kept:
        ent[key] = stored_ent[key]
    if roster and not facts.get("core_engineers") and facts.get("core_engineer_count") in (None, len(roster)):
        facts["core_engineers"] = roster
        if "core_engineer_count" not in stored_facts:
            facts.pop("core_engineer_count", None)
            where.pop("facts.core_engineer_count", None)
        kept.append("core_engineers")
    if not kept:
        return incoming
    for path, source in (before.get("provenance") or {}).items():
        if path.partition(".")[2] in kept:
            where[path] = source
    if where:
        document["provenance"] = where
    else:
        document.pop("provenance", None)
    return parse_profile(document, require_uscc=True)


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[list[FieldChange], list[str]]:
    """The fields a whole replacement changes and the fields and lists it drops."""
    changes: list[FieldChange] = []
    removed: list[str] = []
    worked_out: dict[str, Any] | None = None  # the stored facts its detail lists give, read when needed
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        old, new = before.get(section) or {}, after.get(section) or {}
        for key, spec in specs.items():
            if old.get(key) is not None and new.get(key) is None:
                removed.append(spec.label)
            elif new.get(key) is not None and old.get(key) != new.get(key):
                was = old.get(key)
                if (
                    was is None
                    and section == "facts"
                    and any(old.get(d) for d, f in DETAIL_DERIVES.items() if f == key)
                ):
                    # a total given where the stored one came from its list (the roster's 3 engineers)
                    if worked_out is None:
                        worked_out = _worked_out(before)
                    was = worked_out.get(key)
                    if _shown(spec.kind, was) == _shown(spec.kind, new.get(key)):
                        continue  # the same total: only the list goes, which `removed` says
                changes.append(
                    FieldChange(
                        f"{section}.{key}",
                        spec.label,
                        _shown(spec.kind, was),
                        _shown(spec.kind, new.get(key)),
                    )
                )
    old_recognitions, new_recognitions = (
        (before.get("enterprise") or {}).get("recognitions"),
        (after.get("enterprise") or {}).get("recognitions"),
    )
    if old_recognitions and not new_recognitions:
        removed.append(RECOGNITIONS_LABEL)
    elif (change := _recognitions_change(old_recognitions, new_recognitions)) is not None:
        changes.append(change)
    for key, label in DETAIL_LABELS.items():
        old_rows, new_rows = (before.get("facts") or {}).get(key), (after.get("facts") or {}).get(key)
        if old_rows and not new_rows:
            removed.append(label)
        elif old_rows != new_rows and new_rows is not None:
            dropped = _rows_dropped(key, old_rows or [], new_rows)
            changes.append(
                FieldChange(
                    f"facts.{key}", label, f"{len(old_rows or [])} 行", f"{len(new_rows)} 行", dropped
                )
            )
    return changes, removed


def _worked_out(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored profile's facts with those its detail lists give; none when it no longer passes."""
    try:
        return dict(parse_profile(stored).facts)
    except ProfileErrors:
        return {}


# The columns that name a detail row where a change says it goes (an engineer by name, never by ID).
DETAIL_ROW_NAMES: dict[str, tuple[str, ...]] = {
    "compute_invoices": ("supplier", "invoice_no"),
    "ai_products": ("name",),
    "core_engineers": ("name",),
    "platform_investment_items": ("item",),
}


def _rows_dropped(key: str, old_rows: list[Any], new_rows: list[Any]) -> tuple[str, ...]:
    """The stored rows of a detail list that the new list does not hold, each named by its columns of
    DETAIL_ROW_NAMES (a row edited counts as one gone and one come)."""
    kept = Counter(_row_key(row) for row in new_rows)
    out = []
    for row in old_rows:
        text = _row_key(row)
        if kept[text] > 0:
            kept[text] -= 1
            continue
        cells = row if isinstance(row, dict) else {}
        out.append(" ".join(str(cells.get(c) or "") for c in DETAIL_ROW_NAMES[key]).strip() or "（空行）")
    return tuple(out)


def _row_key(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)


# --- writing -------------------------------------------------------------------------------------


Progress = Callable[[int, int], None]
"""Told (done, total) as a long import writes, at most about a hundred times."""
ADDED_PER_WRITE = 2000  # new enterprises written together (Store.adding)


def conflict_refusal(plan: ImportPlan, on_conflict: str | None) -> str | None:
    """Why `apply_plan` refuses the plan when no `on_conflict` is given and enterprises are already
    stored; None when it does not."""
    stored = plan.conflicts()
    if not stored or on_conflict is not None:
        return None
    names = [f"{e.uscc}（{e.name}）" for e in stored]
    return (
        f"{len(stored):,} 家企业已存在：{capped(names, stem='已存在的企业', separator='、', unit='家')}；"
        "用 --on-conflict keep 保留已有记录，或 replace 以导入的更新"
    )


def apply_plan(
    store: Store,
    plan: ImportPlan,
    on_conflict: str | None = None,
    *,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Write the plan in one transaction. `on_conflict`: None refuses when any enterprise is already
    stored; "keep" leaves them as they are; "replace" updates them (a table row: its fields only; a
    bundle or profile file: whole). Rows with errors refuse the whole import unless `skip_bad_rows`.
    The plan is made again inside the transaction and must still say the same.

    Each field written is recorded as imported from its file on `today` (default: the system's date),
    in the same transaction (see `imported`): the app and the command record the same."""
    if on_conflict not in (None, *ON_CONFLICT):
        raise ValueError(on_conflict)
    if plan.rejected and not skip_bad_rows:
        refuse_rows(plan)
    if not plan.entries:
        raise StoreError(Phrase(REFUSALS["nothing_to_import"]))
    incoming = [e.incoming for e in plan.entries]
    if _needs_key(incoming):
        store.keys.cipher  # noqa: B018 -- ask for the key before taking the write lock
    report = ImportReport(skipped=len(plan.rejected))
    with transaction(store.conn):
        read = [e.read or e.incoming for e in plan.entries]
        now = plan if _unchanged(plan, store) else plan_import(store, read)
        if now is not plan and _shape(now) != _shape(plan):
            raise StoreError(
                "预览之后数据已被修改（可能在另一个窗口或进程中），未导入；请重新导入以查看新的变化"
            )
        refusal = conflict_refusal(now, on_conflict)
        if refusal:
            raise StoreError(refusal)
        step = max(1, len(now.entries) // 100)
        day = (today or dt.date.today()).isoformat()
        files: dict[str, str] = {}
        added: list[tuple[Profile, dict[str, str] | None]] = []  # written together, in order
        replaced: list[tuple[Profile, dict[str, str] | None]] = []  # stored ones, likewise

        def write_replaced() -> None:
            if replaced:
                store._replace_all(replaced, "导入档案")
                replaced.clear()

        with store.adding("导入档案") as add:  # a batch's rows made while the one before is written
            for done, entry in enumerate(now.entries, 1):
                if progress is not None and (done % step == 0 or done == len(now.entries)):
                    progress(done, len(now.entries))
                if entry.action == "unchanged":  # kept or updated alike: 不变, not 保留已有
                    report.unchanged.append(entry.uscc)
                    continue
                if entry.action == "held":  # nothing written; said in report.set_aside
                    continue
                if entry.stored and on_conflict == "keep":
                    report.kept.append(entry.uscc)
                    continue
                source = entry.source
                file = files.get(source) or files.setdefault(source, os.path.basename(source))
                profile = imported(entry, day, file)
                if entry.action == "add" and entry.incoming.declarations is None:
                    write_replaced()  # the change log in the plan's order
                    added.append((profile, entry.incoming.record))
                    report.added.append(entry.uscc)
                    if len(added) >= ADDED_PER_WRITE:
                        add(added)
                        added = []
                    continue
                add(added)
                added = []
                add.flush()  # before any other statement
                if entry.stored and entry.incoming.declarations is None:
                    replaced.append((profile, entry.incoming.record))
                    report.replaced.append(entry.uscc)
                    if len(replaced) >= ADDED_PER_WRITE:
                        write_replaced()
                    continue
                write_replaced()
                store._write_profile(profile, replace=True, action="导入档案", record=entry.incoming.record)
                (report.replaced if entry.stored else report.added).append(entry.uscc)
                if entry.incoming.declarations is not None and not entry.declarations_kept:
                    # rewritten only when they differ: the register's numbers, events and payments stay
                    store._write_declarations(entry.uscc, entry.incoming.declarations)
                    report.declarations += len(entry.incoming.declarations)
            add(added)
            write_replaced()
        report.contradictions = now.contradiction_lines(on_conflict)
        report.set_aside = now.set_aside_lines(on_conflict)
        store._log("导入", None, report.summary())
    return report


def _needs_key(incoming: list[Incoming]) -> bool:
    """Whether writing `incoming` writes a sensitive field or a declaration. A table row holds only the
    fields of its table's columns, so a table without a sensitive column is answered once."""
    tables: dict[int, bool] = {}  # a table's header (shared by its rows) → whether a column is sensitive
    for item in incoming:
        if item.declarations:
            return True
        if item.fields is not None and item.header is not None:
            sensitive = tables.get(id(item.header))
            if sensitive is None:
                keys = {path.partition(".")[2] for path in _labels(item)}
                sensitive = tables[id(item.header)] = not SENSITIVE_ANYWHERE.isdisjoint(keys)
            if not sensitive:
                continue
        if has_sensitive(item.profile.raw):
            return True
    return False


def imported(entry: Planned, day: str, file: str | None = None) -> Profile:
    """The profile an import writes, recording where its fields came from: a table row's changed
    fields, or every field of an enterprise added or replaced whole, as imported from the file's name
    (`file`, by default the name of the entry's source) on `day`. A bundle's enterprise keeps the
    provenance it carries. The profile shares the entry's values: it is written, never changed."""
    if entry.incoming.from_bundle:
        return entry.profile
    document = entry.profile.raw
    file = os.path.basename(entry.source) if file is None else file
    if entry.action == "update":
        stamped = stamp(document, [c.path for c in entry.changes], IMPORTED, date=day, file=file, shared=True)
    else:
        stamped = stamp_filled(document, IMPORTED, date=day, file=file)
    p = entry.profile
    return Profile(p.enterprise, p.facts, p.recognitions, stamped, p.derived, p.years, p.dated)


def _shape(plan: ImportPlan) -> list[tuple[str, str, list[FieldChange], list[str], list[str]]]:
    return [(e.uscc, e.action, e.changes, e.removed, e.set_aside) for e in plan.entries]


def refuse_rows(plan: ImportPlan) -> None:
    """Raise TableError naming every error of the rejected rows (the message shows the first few)."""
    by_source: dict[str, list[tuple[int, str, str]]] = {}
    for rejected in plan.rejected:
        by_source.setdefault(rejected.source, []).extend((rejected.row, c, m) for c, m in rejected.errors)
    source, errors = next(iter(by_source.items()))
    if len(by_source) > 1:
        errors = [e for errs in by_source.values() for e in errs]
        source = "、".join(by_source)
    raise TableError(source, errors)


__all__ = [
    "FieldChange",
    "ImportPlan",
    "ImportReport",
    "Incoming",
    "Planned",
    "Rejected",
    "Steps",
    "apply_plan",
    "plan_import",
    "read_incoming",
]
