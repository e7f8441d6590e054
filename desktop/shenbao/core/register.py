"""The declaration register (申报记录): where each declaration stands after it is printed.

草稿 → 已生成 → 已提交 → 已受理 → 已入选·已立项 → 已拨付, with 未通过 and 已撤回 as ends. Each change of
state records its date, an optional 受理编号 and a note; the sums awarded and received are entered by the
user (a staged measure such as fj2025.vertical_model is paid in several instalments). A generated
declaration keeps the profile and the result it was judged with, so the register can tell when the
profile or the policy data changed since (「依据已变化」) and can print the same PDF again when the file
was moved or deleted.

The wizard's own progress (draft, ready, rendered) stays in `declarations.state`; a declaration the
register has not touched reads as 草稿 until printed and 已生成 after.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shenbao.core import fieldkinds, money
from shenbao.core.fieldkinds import FieldValueError
from shenbao.core.phrases import Phrase
from shenbao.core.provenance import KEY as PROVENANCE
from shenbao.core.records import dataclass
from shenbao.core.store.db import StoreError, transaction
from shenbao.core.store.secrets import SENSITIVE_PATHS, secret_digests, without_sensitive
from shenbao.errors import OS_REASONS, not_a_file, not_replaceable, os_reason

if TYPE_CHECKING:
    from shenbao.core.model import Profile
    from shenbao.core.pdf import Rendered
    from shenbao.core.rules import Preview, Result
    from shenbao.core.store.repository import Cover, Store

STATES = ("draft", "generated", "submitted", "accepted", "selected", "paid", "refused", "withdrawn")
STATE_LABELS = {
    "draft": "草稿",
    "generated": "已生成",
    "submitted": "已提交",
    "accepted": "已受理",
    "selected": "已入选·已立项",
    "paid": "已拨付",
    "refused": "未通过",
    "withdrawn": "已撤回",
}
ENDS = frozenset({"refused", "withdrawn"})
GENERATED_NOTE = "生成申报书 "  # the note printing writes on its 已生成 event, before the file's name
# The note a removed payment's event starts with (`remove_payment`): the event is dated the day of the
# correction, and the dates of later changes are checked against the changes it corrects, not against it.
REMOVED_NOTE = "撤销拨付 "
# Where each state may go by the user's hand. 已生成 is recorded by printing, never set by hand; a state
# may be set again to amend its 受理编号, note or sums (a further payment of a staged measure).
NEXT: dict[str, tuple[str, ...]] = {
    "draft": ("withdrawn",),
    "generated": ("submitted", "withdrawn"),
    "submitted": ("submitted", "accepted", "selected", "refused", "withdrawn"),
    "accepted": ("accepted", "selected", "paid", "refused", "withdrawn"),
    "selected": ("selected", "paid", "refused", "withdrawn"),
    "paid": ("paid",),
    "refused": (),
    "withdrawn": (),
}
AWARD_STATES = frozenset({"selected", "paid"})
SQLITE_INTEGER_MAX = 2**63 - 1  # the largest row id SQLite can hold
_AMOUNT = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$|^\d+(\.\d{1,2})?$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class RegisterError(StoreError):
    """A change of the register the user asked for and cannot have, said in plain words: its message a
    Phrase of ERRORS, which the interface writes again in its language."""


# What the register refuses, each a Phrase (core.phrases) of a core string. A `state`, `to` or `current`
# is a state's label (STATE_LABELS), `choices` the codes listed in `allowed`; `what` is one of SUMS.
ERRORS = {
    "unknown_state": "未知的状态 {text}（可用：{known}）",
    "amount": "{what} {text!r} 无效，应为以元计的非负数，最多两位小数（如 125000 或 125,000.50）",
    "amount_fen": "{what} {text} 无效，应为以元计的非负数，最多两位小数",
    "amount_large": "{what} {text} 过大，应小于 10 万亿元，请核对",
    "day": "{what} {text!r} 无效，应为存在的日期 YYYY-MM-DD",
    "no_declaration": "没有编号为 {id} 的申报",
    "text": "{what}{problem}",
    "printed_already": "申报 #{id} 当前为{state}，不能再记为已生成",
    "generated_by_hand": (
        "「已生成」在生成申报书时自动记录（向导的“完成”或 shenbao render --uscc），不能手工设置"
    ),
    "ended": "申报 #{id} {state}，不能再更改状态",
    "not_allowed": "申报 #{id} 当前为{current}，不能改为{to}",
    "not_allowed_but": "申报 #{id} 当前为{current}，不能改为{to}；可改为：{allowed}",
    "future": "日期 {day} 晚于今天，状态变更应记录已发生的日期",
    "before_last": "日期 {day} 早于上一次状态变更（{last}）",
    "before_made": "日期 {day} 早于申报创建的日期（{made}）",
    "award_state": "核定金额只能在已入选·已立项或已拨付时填写",
    "payment_state": "拨付金额只能在已拨付时填写",
    "payment_zero": "拨付金额应大于 0",
    "paid_in_state": "申报为{state}，却记有拨付 {total} 元：拨付只能在已拨付时记录",
    "payment_missing": "改为已拨付时须填写本次拨付金额",
    "no_payment": "申报 #{id} 没有第 {number} 笔拨付（共 {count} 笔）",
    "payment_changed": "申报 #{id} 的第 {number} 笔拨付已被更改（现为 {on} {amount} 元），请核对后再撤销",
    "payment_not": "申报 #{id} 的第 {number} 笔拨付是 {on} {amount} 元，不是 {given} 元；未撤销，请用 show 核对",
    "payment_ended": "申报 #{id} {state}，不能撤销拨付",
    "no_state_before": "申报 #{id} 的状态记录中没有已拨付之前的状态，无法撤销最后一笔拨付",
    "over_award": "累计拨付 {total} 元超过核定金额 {ceiling} 元",
    "over_applied": "累计拨付 {total} 元超过申请金额 {applied} 元：核定金额更高时，请同时填写核定金额",
    "no_file": "{path}: 文件不存在",
    "unreadable": "{path}: 无法读取（{why}）",
    "unwritable": "{path}: 无法写入（{why}）",
    "no_item": "申报 #{id} 的材料清单没有第 {number} 项",
    "not_pdf": "{path}: 不是申报书 PDF 文件，不会打开或覆盖它",
    "still_draft": "申报 #{id} 仍是草稿，请在向导中完成后生成",
    "no_basis": "申报 #{id} 生成时未保存测算依据，请在向导中重新生成",
    "basis_unreadable": "申报 #{id} 的测算依据无法读取：{error}",
    "no_form": (
        "申报 #{id} 的措施 {measure} 已没有申报书定义（提供它的政策包已移除或不再启用），无法重新生成；"
        "重新安装该政策包后再试"
    ),
}
# The sums and dates the messages name (`what`).
SUMS = {
    "amount": "金额",
    "awarded": "核定金额",
    "received": "拨付金额",
    "date": "日期",
    "on": "--on 日期",
    "deadline": "截止日期",
    "reference": "受理编号",
    "note": "备注",
}


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state)


# Each state by its Chinese name too, as the register shows it and the command's help lists it; 已入选
# and 已立项 are each half of 已入选·已立项.
_STATE_NAMES = {
    **{"".join(label.split()): code for code, label in STATE_LABELS.items()},
    "已入选": "selected",
    "已立项": "selected",
    "已入选已立项": "selected",
}


def state_of(text: str) -> str:
    """A state as the user names it: its code (paid) or its Chinese name (已拨付); RegisterError
    otherwise, listing both."""
    word = "".join(str(text).split())
    state = word.lower() if word.lower() in STATES else _STATE_NAMES.get(word.replace("/", "·"))
    if state is None:
        known = "、".join(f"{code}（{label}）" for code, label in STATE_LABELS.items())
        raise RegisterError(Phrase(ERRORS["unknown_state"], text=text, known=known))
    return state


def parse_amount(text: str | Decimal | int, what: str = SUMS["amount"]) -> Decimal:
    """A sum in 元 as the user types it (12345, 12,345.67): Decimal, never negative, at most fen, below
    10 万亿 as a profile's sums are."""
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        cleaned = str(text).strip().removesuffix("元").strip()
        if not _AMOUNT.match(cleaned):
            raise RegisterError(Phrase(ERRORS["amount"], what=what, text=text))
        value = Decimal(cleaned.replace(",", ""))
    if value.is_finite() and value >= fieldkinds.TOO_LARGE:  # (written to the fen, still in 28 digits)
        raise RegisterError(Phrase(ERRORS["amount_large"], what=what, text=text))
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise RegisterError(Phrase(ERRORS["amount_fen"], what=what, text=text))
    return value.quantize(Decimal("0.01"))


def typed_amount(text: str | Decimal | int, what: str = SUMS["amount"]) -> Decimal:
    """A sum as a person types it, the way the profile's amounts are read (６万, ¥12,345.6, 1.2亿):
    then as `parse_amount`, which says why when it is not one."""
    if isinstance(text, str):
        with contextlib.suppress(FieldValueError, ValueError, ArithmeticError):
            value = fieldkinds.parse("money", text)
            if value is not None:  # a blank is no sum, and is said as typed, not as None
                text = str(value)
    return parse_amount(text, what)


def typed_text(text: str | None, what: str) -> str:
    """A 受理编号 or a note as kept, read as every text field of a profile is: at most 1,000 characters
    and no control character (a number pasted with a stray byte, a file pasted for a note), surrounding
    spaces taken off; "" when none is given."""
    if not text:
        return ""
    try:
        return str(fieldkinds.parse("text", text))
    except FieldValueError as err:
        raise RegisterError(Phrase(ERRORS["text"], what=what, problem=err.message)) from None


def parse_day(text: str | dt.date | None, what: str = SUMS["date"]) -> dt.date:
    """A date as a person types it: 2026-03-05, 2026/3/5, 2026年3月5日, in full-width digits too."""
    if text is None:
        return dt.date.today()
    if isinstance(text, dt.date):
        return text
    with contextlib.suppress(FieldValueError, ValueError, ArithmeticError):
        day = fieldkinds.parse("date", text)
        if day is not None:  # a blank is no date, and is said as typed, not as None
            text = str(day)
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise RegisterError(Phrase(ERRORS["day"], what=what, text=text)) from None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def beside(target: Path) -> Iterator[Path]:
    """A new file to write beside `target`, removed unless the caller has put it in target's place
    (os.replace, last, inside the change that records it): a print refused part-way (a full disk, a
    killed process) leaves the file there before (perhaps signed or stamped since) as it was. What a
    killed print of the same file left beside it is removed first."""
    from shenbao.core.store.db import left_by_dead_process, temporary_name

    why = not_replaceable(target, pdf=True)  # nor a folder, a pipe or a profile, by the print
    if why:
        raise RegisterError(Phrase(ERRORS["unwritable"], path=target, why=why))
    part = temporary_name(target, ".part")  # carries this process's id: a killed one's is told apart
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:  # a file where the folder should be, not a file in the target's place
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
        for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
            if left_by_dead_process(stale):
                with contextlib.suppress(OSError):
                    stale.unlink()
        part.touch(exist_ok=False)
    except OSError as err:
        raise RegisterError(Phrase(ERRORS["unwritable"], path=target, why=os_reason(err))) from None
    try:
        yield part
    finally:
        part.unlink(missing_ok=True)


def is_pdf(path: str | Path) -> bool:
    """Whether the file at `path` is a PDF (starts as one does). A declaration's recorded path may come
    from a bundle, which anyone can change: only a PDF there is opened with the system or printed over."""
    if not_a_file(path):  # a pipe would be read until something wrote to it
        return False
    try:
        with Path(path).open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def public_digest(document: Mapping[str, Any], *, with_provenance: bool = False) -> str:
    """SHA-256 of a profile without its sensitive fields (names, 身份证号, phones): what the register
    compares to tell a changed profile, readable without the data key. The record of where each field
    came from is left out: importing the same profile again, from another file or on another day,
    changes nothing a declaration rests on. `with_provenance` gives the digest declarations generated
    before kept (see `profile_differs`)."""
    doc = without_sensitive(dict(document))
    doc.pop("format", None)
    if not with_provenance:
        doc.pop(PROVENANCE, None)
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def profile_differs(document: Mapping[str, Any], digest: str) -> bool:
    """Whether a profile is no longer the one a declaration recorded by `digest`: a declaration generated
    by an earlier version recorded the digest with the provenance, and still matches it until the
    profile changes."""
    return digest not in (public_digest(document), public_digest(document, with_provenance=True))


# --- records --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    state: str
    on: dt.date
    reference: str | None
    note: str
    at: str
    user: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "on": self.on.isoformat(),
            "reference": self.reference,
            "note": self.note,
            "at": self.at,
            "user": self.user,
        }


@dataclass(frozen=True)
class Payment:
    on: dt.date
    amount: Decimal
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "amount": f"{self.amount:.2f}", "note": self.note}


@dataclass(frozen=True)
class Material:
    """One item of the 申报材料清单: ticked off or not, with an optional file (path and SHA-256)."""

    position: int
    item: str
    done: bool
    path: str | None
    sha256: str | None

    def file_state(self) -> str | None:
        """None without a file; "ok", "changed" (its content is not what was linked) or "missing"."""
        if not self.path:
            return None
        file = Path(self.path)
        if not file.is_file():
            return "missing"
        try:
            return "ok" if file_sha256(file) == self.sha256 else "changed"
        except OSError:
            return "missing"

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "done": self.done, "path": self.path, "sha256": self.sha256}


@dataclass(frozen=True)
class Entry:
    """One declaration as the register shows it."""

    id: int
    uscc: str
    name: str
    district: str | None
    measure: str
    title: str
    state: str
    created_at: str
    updated_at: str
    pdf_path: str | None
    pdf_sha256: str | None
    policy_version: str | None
    as_of: dt.date | None
    amount_applied: Decimal | None
    amount_kind: str | None
    amount_awarded: Decimal | None
    reference: str | None
    deadline: dt.date | None
    basis_sha256: str | None
    events: tuple[Event, ...] = ()
    payments: tuple[Payment, ...] = ()
    materials: tuple[Material, ...] = ()
    office: str | None = None  # the cover's 受理部门, as printed (blank: written by hand)
    declared_on: dt.date | None = None  # the cover's 申报日期, likewise

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    @property
    def received(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))

    @property
    def is_end(self) -> bool:
        return self.state in ENDS

    def last_change(self) -> dt.date | None:
        """The date of the latest change of state: a later one is not dated before it. A removed
        payment's event (dated the day it was corrected) is not one, nor is the 已拨付 that recorded the
        payment it removed (its date may have been typed wrong with its sum): the payment recorded again
        in its place may be dated when it was received."""
        undone: list[str] = []  # the dates of the payments removed since, each undoing an 已拨付 of its day
        for ev in reversed(self.events):
            if ev.note.startswith(REMOVED_NOTE):
                undone.append(ev.note.removeprefix(REMOVED_NOTE)[:10])
            elif ev.state == "paid" and ev.on.isoformat() in undone:
                undone.remove(ev.on.isoformat())
            else:
                return ev.on
        return None

    def pdf_state(self) -> str | None:
        """None before printing; "ok", "changed" (not the file printed) or "missing" (moved or deleted)."""
        if not self.pdf_path:
            return None
        path = Path(self.pdf_path)
        if not path.is_file():
            return "missing"
        if self.pdf_sha256 is None:
            return "ok"
        try:
            return "ok" if file_sha256(path) == self.pdf_sha256 else "changed"
        except OSError:
            return "missing"

    def made_on(self) -> dt.date | None:
        """The day (local) the declaration was made: no change of it is dated before."""
        try:
            return dt.datetime.fromisoformat(self.created_at).astimezone().date()
        except (TypeError, ValueError):
            return None

    def allowed(self) -> tuple[str, ...]:
        """The states this one may be set to by hand."""
        return NEXT[self.state]

    def to_dict(self) -> dict[str, Any]:
        def plain(value: Decimal | None) -> str | None:
            return None if value is None else f"{value:.2f}"

        return {
            "id": self.id,
            "uscc": self.uscc,
            "name": self.name,
            "measure": self.measure,
            "title": self.title,
            "state": self.state,
            "state_label": self.state_label,
            "amount_applied": plain(self.amount_applied),
            "amount_kind": self.amount_kind,
            "amount_awarded": plain(self.amount_awarded),
            "amount_received": plain(self.received),
            "reference": self.reference,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "pdf_path": self.pdf_path,
            "pdf_state": self.pdf_state(),
            "policy_version": self.policy_version,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "office": self.office,
            "declared_on": self.declared_on.isoformat() if self.declared_on else None,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "events": [e.to_dict() for e in self.events],
            "payments": [p.to_dict() for p in self.payments],
            "materials": [{**m.to_dict(), "file_state": m.file_state()} for m in self.materials],
        }


_COLUMNS = (
    "d.id, e.uscc, e.name, e.district, d.measure, d.state, d.register_state, d.created_at, d.updated_at,"
    " d.pdf_path, d.pdf_sha256, d.policy_version, d.as_of, d.amount_applied, d.preview, d.amount_awarded,"
    " d.reference, d.deadline, d.basis_sha256, d.office, d.declared_on"
)


def effective_state(wizard_state: str, register_state: str | None) -> str:
    """The register's state; before the register touched a declaration, what the wizard's progress implies."""
    if register_state:
        return register_state
    return "generated" if wizard_state == "rendered" else "draft"


def _state_sql() -> str:
    from shenbao.core.store.repository import REGISTER_STATE_SQL

    return REGISTER_STATE_SQL


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def _title(measure: str, detail: Mapping[str, Any] | None = None) -> str:
    """The measure's title in the library in use; for a measure no longer in it (its policy pack was
    removed), the title it was printed with."""
    from shenbao.core.policies import catalogue

    found = catalogue().measures.get(measure)
    if found:
        return found.title
    kept = (detail or {}).get("title")
    return kept if isinstance(kept, str) and kept else measure


def _legacy_pdf(store: Store, uscc: str, measure: str, id_: int) -> str | None:
    """Where the wizard printed a declaration before the register recorded paths."""
    path = Path(store.folder) / "declarations" / f"{uscc}_{measure}_{id_}.pdf"
    return str(path) if path.exists() else None


def _stored_path(store: Store, path: Path) -> str:
    """A printed file's path as the register keeps it: relative to the data folder when it lies in it
    (the wizard prints into its declarations/), so a copied or moved data folder finds its own files and
    a reprint there never writes into the folder it was copied from; else in full."""
    full = Path(path).resolve()
    try:
        return full.relative_to(Path(store.folder).resolve()).as_posix()
    except ValueError:
        return str(full)


def _carried_path(store: Store, text: Any) -> str | None:
    """A printed file's path as a bundle carries it (in full), kept as `_stored_path` keeps one: relative
    when it lies in this data folder, so the app's own bundle brought back keeps 「declarations/…pdf」;
    a path elsewhere (another laptop's, another system's) as written."""
    if not text:
        return None
    path = Path(str(text))
    if not path.is_absolute():
        return str(text)
    try:
        return path.resolve().relative_to(Path(store.folder).resolve()).as_posix()
    except (ValueError, OSError):
        return str(text)


def _read_path(folder: Path, kept: str | None) -> str | None:
    """A path `_stored_path` kept, in full, in the data folder in use (`folder`, resolved)."""
    if not kept or Path(kept).is_absolute():
        return kept
    return str(folder / kept)


SUBMITTED = ("submitted", "accepted", "selected", "paid")
"""The states of a declaration in the authority's hands: applied for, not to be applied for again."""


def submissions(store: Store, uscc: str | None = None) -> dict[str, dict[str, list[dt.date]]]:
    """The days the declarations standing now as submitted or beyond, or refused, were submitted (the
    first change to one of those states), by enterprise code and measure: a round the authority refused
    is not urged again (a withdrawn declaration is). Never needs the data key."""
    marks = ",".join("?" * len(SUBMITTED))
    standing = (*SUBMITTED, "refused")
    sql = (
        "SELECT e.uscc, d.measure, MIN(ev.on_date) FROM declarations d"
        " JOIN enterprises e ON e.id = d.enterprise_id"
        " JOIN declaration_events ev ON ev.declaration_id = d.id"
        f" WHERE ev.state IN ({marks}) AND {_state_sql()} IN ({','.join('?' * len(standing))})"
        + (" AND e.uscc = ?" if uscc is not None else "")
        + " GROUP BY d.id"
    )
    params: list[Any] = [*SUBMITTED, *standing]
    if uscc is not None:
        params.append(store.stored_code(uscc))
    out: dict[str, dict[str, list[dt.date]]] = {}
    for code, measure, on in store.conn.execute(sql, params):
        out.setdefault(code, {}).setdefault(measure, []).append(dt.date.fromisoformat(on))
    return out


def entries(
    store: Store, uscc: str | None = None, state: str | None = None, *, details: bool = True
) -> list[Entry]:
    """The register, for one enterprise or all (by enterprise code, then oldest first), optionally of one
    state. Never needs the data key."""
    if state is not None:
        state = state_of(state)
    where, params = [], []
    if uscc is not None:
        where.append("e.uscc = ?")
        params.append(store.stored_code(uscc))  # as typed, or an enterprise stored with its hyphens
    if state is not None:
        where.append(f"{_state_sql()} = ?")
        params.append(state)
    sql = (
        f"SELECT {_COLUMNS} FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.uscc, d.id"
    )
    rows = store.conn.execute(sql, params).fetchall()
    ids = [r[0] for r in rows]
    events: dict[int, list[Event]] = {i: [] for i in ids}
    payments: dict[int, list[Payment]] = {i: [] for i in ids}
    materials: dict[int, list[Material]] = {i: [] for i in ids}
    if details and ids:
        marks = ",".join("?" * len(ids)) if len(ids) <= 500 else None
        filt = f"WHERE declaration_id IN ({marks})" if marks else ""
        args = ids if marks else []
        for did, st, on, ref, note, at, user in store.conn.execute(
            f"SELECT declaration_id, state, on_date, reference, note, at, user FROM declaration_events {filt}"
            " ORDER BY id",
            args,
        ):
            if did in events:
                events[did].append(Event(st, dt.date.fromisoformat(on), ref, note, at, user))
        for did, on, amount, note in store.conn.execute(
            f"SELECT declaration_id, on_date, amount, note FROM declaration_payments {filt} ORDER BY on_date, id",
            args,
        ):
            if did in payments:
                payments[did].append(Payment(dt.date.fromisoformat(on), Decimal(amount), note))
        for did, pos, item, done, path, digest in store.conn.execute(
            f"SELECT declaration_id, position, item, done, path, sha256 FROM declaration_materials {filt}"
            " ORDER BY declaration_id, position",
            args,
        ):
            if did in materials:
                materials[did].append(Material(pos, item, bool(done), path, digest))
    out = []
    folder = Path(store.folder).resolve()  # once: resolving it for each of thousands took 0.35 s
    for row in rows:
        (
            id_,
            code,
            name,
            district,
            measure,
            wstate,
            rstate,
            created,
            updated,
            pdf_path,
            pdf_sha,
            version,
            as_of,
            applied,
            preview,
            awarded,
            ref,
            deadline,
            basis_sha,
            office,
            declared_on,
        ) = row
        st = effective_state(wstate, rstate)
        kind = None
        detail = None
        if preview:
            detail = json.loads(preview)
            kind = detail.get("amount_kind")
            if applied is None and detail.get("amount") is not None:
                applied = detail["amount"]
        pdf_path = _read_path(folder, pdf_path)
        if pdf_path is None and wstate == "rendered":
            pdf_path = _legacy_pdf(store, code, measure, id_)
        out.append(
            Entry(
                id=id_,
                uscc=code,
                name=name,
                district=district,
                measure=measure,
                title=_title(measure, detail),
                state=st,
                created_at=created,
                updated_at=updated,
                pdf_path=pdf_path,
                pdf_sha256=pdf_sha,
                policy_version=version,
                as_of=_date(as_of),
                amount_applied=_dec(applied),
                amount_kind=kind,
                amount_awarded=_dec(awarded),
                reference=ref,
                deadline=_date(deadline),
                basis_sha256=basis_sha,
                events=tuple(events[id_]),
                payments=tuple(payments[id_]),
                materials=tuple(materials[id_]),
                office=office,
                declared_on=_date(declared_on),
            )
        )
    return out


def entry(store: Store, declaration_id: int) -> Entry:
    for found in _entries_by_id(store, declaration_id):
        return found
    raise RegisterError(Phrase(ERRORS["no_declaration"], id=declaration_id))


def _entries_by_id(store: Store, declaration_id: int) -> list[Entry]:
    if not 0 < declaration_id <= SQLITE_INTEGER_MAX:  # a number typed no row can have: none found
        return []
    row = store.conn.execute(
        "SELECT e.uscc FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.id = ?",
        (declaration_id,),
    ).fetchone()
    if row is None:
        return []
    return [e for e in entries(store, row[0]) if e.id == declaration_id]


# --- changes --------------------------------------------------------------------------------------


def _event(
    store: Store, declaration_id: int, state: str, on: dt.date, reference: str | None, note: str
) -> None:
    from shenbao.core.store.repository import now

    store.db.table("declaration_events").insert(
        {
            "declaration_id": declaration_id,
            "state": state,
            "on_date": on.isoformat(),
            "reference": reference,
            "note": note,
            "at": now(),
            "user": store.user,
        }
    )


def _touch(store: Store, declaration_id: int, values: Mapping[str, Any]) -> None:
    from shenbao.core.store.repository import now

    store.db.table("declarations").update(
        declaration_id, {**values, "updated_at": now(), "updated_by": store.user}
    )


def record_generated(
    store: Store,
    declaration_id: int,
    *,
    profile: Profile,
    preview: Preview,
    pdf_path: Path,
    materials: Iterable[str] = (),
    cover: Cover | None = None,
) -> Entry:
    """Record a printed declaration as 已生成: the file, the profile and result it was judged with (the
    profile encrypted like the answers), the cover it printed (受理部门 and 申报日期, blank when not
    given), the sum applied for and the 申报材料清单 to tick off. Called once the PDF is written and
    `Store.mark_rendered` has recorded its digest."""
    from shenbao.core.store.repository import Cover, to_json

    printed = cover if cover is not None else Cover()

    current = entry(store, declaration_id)
    if current.state not in ("draft", "generated"):
        raise RegisterError(Phrase(ERRORS["printed_already"], id=declaration_id, state=current.state_label))
    result = preview.result(current.measure)
    document = profile.to_dict()
    uscc = current.uscc
    basis = store.keys.cipher.encrypt_json(document, f"declaration:{uscc}:{current.measure}")
    public = store.get_profile(uscc, with_secrets=False)
    path = Path(pdf_path).resolve()
    with transaction(store.conn):
        store.secret_digests(uscc, fill=True)  # an enterprise saved before its digests were kept
        _touch(
            store,
            declaration_id,
            {
                "register_state": "generated",
                "pdf_path": _stored_path(store, path),
                "as_of": preview.as_of.isoformat(),
                "basis": basis,
                "basis_sha256": public_digest(public),
                "basis_secrets": _basis_secrets(store, uscc, current.measure, document),
                "policy_version": preview.policy_version,
                "preview": to_json(result.to_detail()),
                "amount_applied": None if result.amount is None else f"{result.amount:.2f}",
                **Cover(printed.office or None, printed.declared_on).columns(),
            },
        )
        if not store.conn.execute(
            "SELECT 1 FROM declaration_materials WHERE declaration_id = ?", (declaration_id,)
        ).fetchone():
            store.db.table("declaration_materials").insert_all(
                {"declaration_id": declaration_id, "position": i, "item": item, "done": 0}
                for i, item in enumerate(materials)
            )
        _event(store, declaration_id, "generated", dt.date.today(), None, GENERATED_NOTE + path.name)
        store._log("生成申报书", uscc, f"{current.measure} #{declaration_id} {path}")
    return entry(store, declaration_id)


def generate(
    store: Store,
    uscc: str,
    measure: str,
    out: Path,
    *,
    as_of: dt.date,
    mask: str = "partial",
    declared_on: dt.date | None = None,
) -> tuple[Entry, Any]:
    """Print the 申报书 of a stored enterprise and record it as 已生成, as the wizard does: in the
    declaration of this measure still 已生成 (printed again), else in a new one; the cover dated
    `declared_on` (申报日期) when given. Returns the entry and the Rendered; raises NotRenderable
    (nothing recorded) for a measure that cannot be printed."""
    from shenbao.core.deadlines import default_deadline, materials_for
    from shenbao.core.forms import forms
    from shenbao.core.model import parse_profile
    from shenbao.core.pdf import render_declaration
    from shenbao.core.rules import rules
    from shenbao.core.store.repository import Cover

    engine = rules()
    profile = parse_profile(store.get_profile(uscc), require_uscc=True)
    preview = engine.preview(profile, as_of)
    out = Path(out)
    store.keys.cipher  # noqa: B018 -- ask for the key before writing anything
    code = store.stored_code(uscc)
    with beside(out) as part:
        rendered = render_declaration(profile, preview, measure, part, mask=mask, declared_on=declared_on)
        with transaction(store.conn):
            again = [e for e in entries(store, code, "generated", details=False) if e.measure == measure]
            decl_id = (
                again[-1].id
                if again
                else store.save_draft(
                    code, measure, {}, deadline=default_deadline(engine.catalogue, measure, as_of)
                ).id
            )
            result = preview.result(measure)
            store.mark_ready(decl_id, preview=result.to_detail(), policy_version=preview.policy_version)
            store.mark_rendered(decl_id, file_sha256(part))
            form = forms().get(measure)
            done = record_generated(
                store,
                decl_id,
                profile=profile,
                preview=preview,
                pdf_path=out,
                materials=materials_for(engine.catalogue, measure, as_of, form.materials if form else ()),
                cover=Cover(None, declared_on) if declared_on is not None else None,
            )
            os.replace(part, out)  # last: a failure here rolls the change back
    return done, rendered


def set_state(
    store: Store,
    declaration_id: int,
    state: str,
    *,
    on: str | dt.date | None = None,
    reference: str | None = None,
    note: str = "",
    awarded: str | Decimal | None = None,
    received: str | Decimal | None = None,
    today: dt.date | None = None,
) -> Entry:
    """Move a declaration to `state` on a date (default today), with an optional 受理编号, note and sums.
    The sum awarded goes with 已入选·已立项 or 已拨付; a sum received is one payment, with 已拨付."""
    state = state_of(state)
    day = parse_day(on, SUMS["on"])
    reference, note = typed_text(reference, SUMS["reference"]), typed_text(note, SUMS["note"])
    award = typed_amount(awarded, SUMS["awarded"]) if awarded is not None else None
    payment = typed_amount(received, SUMS["received"]) if received is not None else None
    if state == "generated":
        raise RegisterError(Phrase(ERRORS["generated_by_hand"]))
    today = today or dt.date.today()
    # Checked against what is recorded once the write lock is held: a change made meanwhile by another
    # window or command (a payment, an end) is seen, never added to unchecked.
    with transaction(store.conn):
        current = entry(store, declaration_id)
        _check_change(current, state, day, award, payment, today)
        ref = reference or None
        values: dict[str, Any] = {"register_state": state}
        # the 受理编号 is given when submitted or accepted; a number given later (a 立项文号 with 已入选·已
        # 立项) stays with its own event in the history, and replaced the 受理编号 under its label before
        if ref is not None and (state in ("submitted", "accepted") or current.reference is None):
            values["reference"] = ref
        if award is not None:
            values["amount_awarded"] = f"{award:.2f}"
        _touch(store, declaration_id, values)
        if payment is not None:
            store.db.table("declaration_payments").insert(
                {
                    "declaration_id": declaration_id,
                    "on_date": day.isoformat(),
                    "amount": f"{payment:.2f}",
                    "note": note,
                }
            )
        _event(store, declaration_id, state, day, ref, note)
        detail = f"{current.measure} #{declaration_id}：{current.state_label} → {state_label(state)}（{day}）"
        if award is not None and award != current.amount_awarded:  # what was awarded before stays on record
            was = "" if current.amount_awarded is None else f"{money.yuan(current.amount_awarded)} → "
            detail += f"，核定金额 {was}{money.yuan(award)} 元"
        if payment is not None:
            detail += f"，拨付 {money.yuan(payment)} 元"
        store._log("申报状态", current.uscc, detail)
    return entry(store, declaration_id)


def _check_change(
    current: Entry, state: str, day: dt.date, award: Decimal | None, payment: Decimal | None, today: dt.date
) -> None:
    """RegisterError unless `current` may go to `state` on `day` with these sums."""
    declaration_id = current.id
    if state not in current.allowed():
        if current.is_end:
            raise RegisterError(Phrase(ERRORS["ended"], id=declaration_id, state=current.state_label))
        choices = tuple(s for s in current.allowed() if s != current.state)
        allowed = "、".join(f"{state_label(s)}（{s}）" for s in choices)
        raise RegisterError(
            Phrase(
                ERRORS["not_allowed_but" if allowed else "not_allowed"],
                id=declaration_id,
                current=current.state_label,
                to=state_label(state),
                allowed=allowed,
                choices=choices,
            )
        )
    if day > today:
        raise RegisterError(Phrase(ERRORS["future"], day=day))
    last = current.last_change()
    if last is not None and day < last:
        raise RegisterError(Phrase(ERRORS["before_last"], day=day, last=last))
    made = current.made_on()
    if not current.events and made is not None and day < made:
        raise RegisterError(Phrase(ERRORS["before_made"], day=day, made=made))
    if award is not None and state not in AWARD_STATES:
        raise RegisterError(Phrase(ERRORS["award_state"]))
    if payment is not None and state != "paid":
        raise RegisterError(Phrase(ERRORS["payment_state"]))
    if payment is not None and payment == 0:
        raise RegisterError(Phrase(ERRORS["payment_zero"]))
    if state == "paid" and payment is None and current.state != "paid":
        raise RegisterError(Phrase(ERRORS["payment_missing"]))
    ceiling = award if award is not None else current.amount_awarded
    _check_received(current.received + (payment or Decimal(0)), ceiling, current.amount_applied)


def _check_received(total: Decimal, awarded: Decimal | None, applied: Decimal | None) -> None:
    """RegisterError when the payments received add up to more than the sum awarded, or, with none
    awarded, than the sum applied for."""
    if awarded is not None and total > awarded:
        raise RegisterError(
            Phrase(ERRORS["over_award"], total=money.yuan(total), ceiling=money.yuan(awarded))
        )
    # without a sum awarded, what was applied for bounds it: 99,999,999.99 typed for 600,000.00 was taken
    # as paid, and the pipeline counted it as awarded
    if awarded is None and applied is not None and total > applied:
        raise RegisterError(
            Phrase(ERRORS["over_applied"], total=money.yuan(total), applied=money.yuan(applied))
        )


def check_carried_payments(part: Mapping[str, Any]) -> None:
    """RegisterError unless the payments a bundle's register part carries are ones the register itself
    would have recorded: each on an 已拨付 declaration, none of zero, and together no more than the sum
    awarded (or, none awarded, applied for), as `set_state` checks each payment typed. A bundle is checked
    whole, where typing checks one payment at a time against those before it. The part's shape and sums
    are read as `check_bundle_part` has checked them."""
    payments = [parse_amount(str(p.get("amount"))) for p in part.get("payments") or []]
    if not payments:
        return
    total = sum(payments, Decimal("0.00"))
    state = str(part.get("state") or "")
    if state != "paid":
        raise RegisterError(
            Phrase(ERRORS["paid_in_state"], state=state_label(state), total=money.yuan(total))
        )
    if any(p == 0 for p in payments):
        raise RegisterError(Phrase(ERRORS["payment_zero"]))
    awarded, applied = part.get("amount_awarded"), part.get("amount_applied")
    _check_received(
        total,
        parse_amount(str(awarded)) if awarded not in (None, "") else None,
        parse_amount(str(applied)) if applied not in (None, "") else None,
    )


def remove_payment(
    store: Store,
    declaration_id: int,
    position: int,
    *,
    note: str = "",
    expected: Payment | None = None,
    amount: Decimal | None = None,
    today: dt.date | None = None,
) -> Entry:
    """Remove a payment recorded wrong: the one at `position` (from 0) as `Entry.payments` lists them
    (by date, then as recorded). The history keeps it: an event dated `today` says the payment removed
    (date, sum, note) and the optional `note` why, with when and by whom. Removing the last payment of an
    已拨付 declaration sets it back to the state its events record before 已拨付, in the same event.
    `expected` is the payment the user was shown: refused when another window or command changed the
    payments meanwhile, as a change to a position that no longer exists is; `amount`, the sum the user
    means to remove (the command's --amount), refused when the payment at `position` is another."""
    today = today or dt.date.today()
    note = typed_text(note, SUMS["note"])
    with transaction(store.conn):  # checked and written under the write lock, as set_state is
        current = entry(store, declaration_id)
        if current.is_end:
            raise RegisterError(Phrase(ERRORS["payment_ended"], id=declaration_id, state=current.state_label))
        rows = store.conn.execute(
            "SELECT id FROM declaration_payments WHERE declaration_id = ? ORDER BY on_date, id",
            (declaration_id,),
        ).fetchall()
        count = len(current.payments)
        if not 0 <= position < count or len(rows) != count:
            raise RegisterError(
                Phrase(ERRORS["no_payment"], id=declaration_id, number=position + 1, count=count)
            )
        removed = current.payments[position]
        if expected is not None and expected != removed:
            raise RegisterError(
                Phrase(
                    ERRORS["payment_changed"],
                    id=declaration_id,
                    number=position + 1,
                    on=removed.on,
                    amount=money.yuan(removed.amount),
                )
            )
        if amount is not None and amount != removed.amount:
            raise RegisterError(
                Phrase(
                    ERRORS["payment_not"],
                    id=declaration_id,
                    number=position + 1,
                    on=removed.on,
                    amount=money.yuan(removed.amount),
                    given=money.yuan(amount),
                )
            )
        state = current.state
        if count == 1 and current.state == "paid":
            state = _state_before_paid(current)
        store.conn.execute("DELETE FROM declaration_payments WHERE id = ?", (rows[position][0],))
        _touch(store, declaration_id, {"register_state": state} if state != current.state else {})
        said = f"{REMOVED_NOTE}{removed.on} {money.yuan(removed.amount)} 元" + (
            f"（{removed.note}）" if removed.note else ""
        )
        if state != current.state:
            said += f"，回到{state_label(state)}"
        reason = note.strip()
        _event(store, declaration_id, state, today, None, said + (f"；{reason}" if reason else ""))
        store._log(
            "撤销拨付",
            current.uscc,
            f"{current.measure} #{declaration_id}：{said.removeprefix(REMOVED_NOTE)}"
            + (
                f"，已拨付 {money.yuan(current.received)} → {money.yuan(current.received - removed.amount)} 元"
            ),
        )
    return entry(store, declaration_id)


def _state_before_paid(current: Entry) -> str:
    """The state a declaration's events record before it was 已拨付: where removing its only payment
    sets it back to."""
    for ev in reversed(current.events):
        if ev.state != "paid":
            if ev.state not in ("accepted", "selected"):  # none other goes to 已拨付 (NEXT)
                break
            return ev.state
    raise RegisterError(Phrase(ERRORS["no_state_before"], id=current.id))


def set_deadline(store: Store, declaration_id: int, deadline: str | dt.date | None) -> Entry:
    """The declaration's own deadline (a notice's 截止日期), or None to clear it."""
    current = entry(store, declaration_id)
    cleared = deadline is None or (
        isinstance(deadline, str) and deadline.strip().lower() in ("", "none", "无")
    )
    day = None if cleared else parse_day(deadline, SUMS["deadline"])
    with transaction(store.conn):
        _touch(store, declaration_id, {"deadline": day.isoformat() if day else None})
        store._log("申报截止日期", current.uscc, f"{current.measure} #{declaration_id}：{day or '无'}")
    return entry(store, declaration_id)


def tick(
    store: Store, declaration_id: int, position: int, done: bool = True, *, file: str | Path | None = None
) -> Entry:
    """Tick (or untick) one item of the materials checklist; with `file`, link it to the item in the same
    change (refused as a whole, nothing ticked, when the file cannot be read)."""
    current = entry(store, declaration_id)
    _material(current, position)
    linked = _linked(file) if file is not None else None
    with transaction(store.conn):
        store.conn.execute(
            "UPDATE declaration_materials SET done = ? WHERE declaration_id = ? AND position = ?",
            (int(done), declaration_id, position),
        )
        if linked is not None:
            store.conn.execute(
                "UPDATE declaration_materials SET path = ?, sha256 = ? WHERE declaration_id = ? AND position = ?",
                (*linked, declaration_id, position),
            )
        _touch(store, declaration_id, {})
    return entry(store, declaration_id)


def link_file(store: Store, declaration_id: int, position: int, path: str | Path | None) -> Entry:
    """Link a file on disk to one item (its path and SHA-256, to warn when it changes), or unlink it."""
    current = entry(store, declaration_id)
    _material(current, position)
    where, digest = _linked(path) if path is not None else (None, None)
    with transaction(store.conn):
        store.conn.execute(
            "UPDATE declaration_materials SET path = ?, sha256 = ? WHERE declaration_id = ? AND position = ?",
            (where, digest, declaration_id, position),
        )
        _touch(store, declaration_id, {})
    return entry(store, declaration_id)


def _linked(path: str | Path) -> tuple[str, str]:
    """A file to link to a checklist item: its full path and SHA-256; RegisterError when it is not there
    or cannot be read."""
    file = Path(path).expanduser().resolve()
    why = not_a_file(file)
    if why == OS_REASONS["ENOENT"]:
        raise RegisterError(Phrase(ERRORS["no_file"], path=path))
    if why:
        raise RegisterError(Phrase(ERRORS["unreadable"], path=path, why=why))
    try:
        return str(file), file_sha256(file)
    except OSError as err:
        raise RegisterError(Phrase(ERRORS["unreadable"], path=path, why=os_reason(err))) from None


def _material(current: Entry, position: int) -> Material:
    for m in current.materials:
        if m.position == position:
            return m
    raise RegisterError(Phrase(ERRORS["no_item"], id=current.id, number=position + 1))


# --- the basis it was judged on ------------------------------------------------------------------


# What `basis_change` says, each line a Phrase (core.phrases) of a core string; a condition's `label`
# (with its `fact`), `value` and `mark` and a result's `status` are translated on their own.
CHANGES = {
    "policy": "政策数据已更新：{before} → {after}",
    "profile": "企业档案在生成后已修改",
    "secret": "{field}在生成后已修改",
    "unjudged": "无法按现有档案重新测算：{error}",
    "gone": "措施 {measure} 已不在现在的政策库中（提供它的政策包已移除或不再启用），无法重新测算",
    "status": "测算结果：{before} → {after}",
    "amount": "金额：{before} → {after}",
    "none": "无",
    "yuan": "{sum} 元",
    "added": "新增条件：{label}（{mark}）",
    "condition": "条件「{label}」：{value}（{mark}）→ {now}（{now_mark}）",
    "dropped": "条件已取消：{label}",
    "formula": "计算过程：{expression}",
    "same": "金额与条件均未变",
}


@dataclass(frozen=True)
class BasisChange:
    """What changed since a declaration was generated. `lines` say it in Chinese, amount first."""

    profile_changed: bool
    policy_changed: bool
    lines: tuple[str, ...] = field(default_factory=tuple)


def basis_changed(store: Store, current: Entry, *, version: str | None = None) -> bool:
    """Whether the profile changed since generation (its non-sensitive part, or a sensitive field the
    declaration rests on, by its keyed digest), or the policy data changed in a way that judges the declaration's own measure otherwise (another status, amount or condition):
    a policy pack for another city, or a measure the declaration is not for, flags nothing. Cheap enough
    for a list, and never asks for the data key; `basis_change` says what changed."""
    if current.basis_sha256 is None:
        return False
    from shenbao.core.policies import catalogue

    version = version or catalogue().version
    public = store.get_profile(current.uscc, with_secrets=False)
    if profile_differs(public, current.basis_sha256) or changed_secrets(store, current):
        return True
    if version == current.policy_version:
        return False
    row = store.conn.execute("SELECT preview FROM declarations WHERE id = ?", (current.id,)).fetchone()
    recorded = row[0] if row else None
    opened = store.keys.unlocked()
    key = (version, current.uscc, current.measure, current.basis_sha256, current.as_of, recorded, opened)
    if key not in _JUDGED_AGAIN:
        before = json.loads(recorded) if recorded else {}
        _JUDGED_AGAIN[key] = _judged_otherwise(store, current, public, before)
    return _JUDGED_AGAIN[key]


def rests_on_secrets(measure: str) -> tuple[str, ...]:
    """The sensitive fields (secrets.SENSITIVE_PATHS) a measure's declaration rests on: those its form
    asks and prints (the contact phone, the roster of core engineers with their 身份证号), and a list whose
    count the measure reads (the roster, for 核心工程师奖补's count)."""
    from shenbao.core.forms import forms
    from shenbao.core.model import DETAIL_DERIVES
    from shenbao.core.policies import catalogue

    form = forms().get(measure)
    used = {f.key for page in form.pages for f in page.fields} if form is not None else set()
    m = catalogue().measures.get(measure)
    if m is not None:
        read = {c.fact for c in m.conditions if not c.recognition} | set(m.inputs)
        used |= {f"facts.{detail}" for detail, fact in DETAIL_DERIVES.items() if f"facts.{fact}" in read}
    return tuple(path for path in SENSITIVE_PATHS if path in used)


def _basis_secrets(store: Store, uscc: str, measure: str, basis: Mapping[str, Any]) -> str | None:
    """The keyed digests of the sensitive fields `measure` rests on, as `basis` holds them (null for one
    it does not hold): kept with a printed declaration, compared by `changed_secrets`."""
    from shenbao.core.store.repository import plain

    paths = rests_on_secrets(measure)
    if not paths:
        return None
    made = secret_digests(store.keys.cipher, uscc, plain(dict(basis)))
    return json.dumps({path: made.get(path) for path in paths})


def changed_secrets(store: Store, current: Entry) -> list[str]:
    """The sensitive fields the declaration rests on (an engineer's 身份证号, the phone) that are no longer
    what it was printed with, by the keyed digests kept on both sides: never asks for the key, never
    reads a secret. A declaration printed before the digests were kept compares as it did (none)."""
    row = store.conn.execute("SELECT basis_secrets FROM declarations WHERE id = ?", (current.id,)).fetchone()
    if row is None or row[0] is None:
        return []
    now = store.secret_digests(current.uscc)
    if now is None:
        return []
    return [path for path, digest in json.loads(row[0]).items() if now.get(path) != digest]


# Whether a declaration is judged otherwise under the policy data in use, by the version, the profile it
# rests on and the result recorded: a list redrawn after each change judges each declaration once.
_JUDGED_AGAIN: dict[tuple[Any, ...], bool] = {}


def _judged_otherwise(
    store: Store, current: Entry, public: Mapping[str, Any], before: Mapping[str, Any]
) -> bool:
    """Whether the declaration's measure judges its profile otherwise now than when it was generated.
    Judged on the profile without its sensitive fields when that gives the same result as recorded (no
    measure reads a name or a phone); an enterprise with sensitive fields is judged in full when the data
    key is already open, else taken as changed, for `basis_change` to say."""
    from shenbao.core.model import ProfileError, parse_profile
    from shenbao.core.policies import catalogue
    from shenbao.core.rules import rules

    if current.as_of is None or current.measure not in catalogue().measures:
        return True
    documents = [public]
    if store.keys.unlocked() and _has_secrets(store, current.uscc):
        documents.append(store.get_profile(current.uscc))
    for document in documents:
        try:
            now = rules().preview(parse_profile(dict(document)), current.as_of).result(current.measure)
        except (ProfileError, KeyError):
            continue
        if not _differences(before, now.to_detail()):
            return False
    return True


def _has_secrets(store: Store, uscc: str) -> bool:
    row = store.conn.execute(
        "SELECT secrets IS NOT NULL FROM enterprises WHERE uscc = ?", (store.stored_code(uscc),)
    ).fetchone()
    return bool(row and row[0])


def basis_change(store: Store, current: Entry) -> BasisChange | None:
    """None when nothing changed since generation, or only policy data that judges the declaration's
    measure as before; else what the declaration would be judged now, on the same as-of date, compared
    with what it was: status, amount, each condition."""
    if current.basis_sha256 is None or current.as_of is None:
        return None
    from shenbao.core.model import ProfileError, parse_profile
    from shenbao.core.policies import catalogue
    from shenbao.core.rules import rules

    version = catalogue().version
    policy = version != current.policy_version
    document = store.get_profile(current.uscc, with_secrets=False)
    public_changed = profile_differs(document, current.basis_sha256)
    secrets = changed_secrets(store, current)
    profile_changed = public_changed or bool(secrets)
    if not (policy or profile_changed):
        return None
    lines: list[str] = []
    if policy:
        lines.append(Phrase(CHANGES["policy"], before=current.policy_version, after=version))
    if public_changed:
        lines.append(Phrase(CHANGES["profile"]))
    if secrets:
        from shenbao.core.model import label_of

        lines += [Phrase(CHANGES["secret"], field=label_of(path)) for path in secrets]
    before = _stored_detail(store, current.id)
    if current.measure not in catalogue().measures:
        lines.append(Phrase(CHANGES["gone"], measure=current.measure))
        return BasisChange(profile_changed, policy, tuple(lines))
    try:
        full = store.get_profile(current.uscc)
        now = rules().preview(parse_profile(full), current.as_of).result(current.measure)
    except (ProfileError, KeyError) as err:
        lines.append(Phrase(CHANGES["unjudged"], error=getattr(err, "message", str(err))))
        return BasisChange(profile_changed, policy, tuple(lines))
    differences = _differences(before, now.to_detail())
    if not (differences or profile_changed):
        return None  # other measures' data changed: this one is judged as it was
    lines += differences or [Phrase(CHANGES["same"])]
    return BasisChange(profile_changed, policy, tuple(lines))


def compare_results(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The differences between two judged results (Result.to_detail()), in Chinese: amount, status,
    conditions; 「金额与条件均未变」 when there are none."""
    return _differences(before, after) or [Phrase(CHANGES["same"])]


def _differences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The differences between two judged results, as `compare_results` says them; none when equal."""
    from shenbao.core.rules import STATUS_LABELS
    from shenbao.core.rules.result import MARKS

    lines: list[str] = []
    if before.get("status") != after.get("status"):
        old_status, new_status = before.get("status", ""), after.get("status", "")
        lines.append(
            Phrase(
                CHANGES["status"],
                before=Phrase("{status}", status=STATUS_LABELS.get(old_status, old_status)),
                after=Phrase("{status}", status=STATUS_LABELS.get(new_status, new_status)),
            )
        )
    old, new = before.get("amount"), after.get("amount")
    if old != new:

        def shown(v: Any) -> str:
            return (
                Phrase(CHANGES["none"]) if v is None else Phrase(CHANGES["yuan"], sum=money.yuan(Decimal(v)))
            )

        lines.append(Phrase(CHANGES["amount"], before=shown(old), after=shown(new)))
    old_conditions = {c["label"]: c for c in before.get("conditions", [])}
    new_conditions = {c["label"]: c for c in after.get("conditions", [])}
    for label, c in new_conditions.items():
        was = old_conditions.get(label)
        fact = c.get("fact", "")
        if was is None:
            lines.append(Phrase(CHANGES["added"], label=label, fact=fact, mark=MARKS[c["outcome"]]))
        elif was["outcome"] != c["outcome"] or was["value"] != c["value"]:
            lines.append(
                Phrase(
                    CHANGES["condition"],
                    label=label,
                    fact=fact,
                    value=was["value"],
                    mark=MARKS[was["outcome"]],
                    now=Phrase("{value}", value=c["value"]),
                    now_mark=Phrase("{mark}", mark=MARKS[c["outcome"]]),
                )
            )
    for label in old_conditions.keys() - new_conditions.keys():
        lines.append(Phrase(CHANGES["dropped"], label=label, fact=old_conditions[label].get("fact", "")))
    if before.get("formula") != after.get("formula") and old == new:
        lines.append(Phrase(CHANGES["formula"], expression=after.get("formula") or ""))
    return lines


def _stored_detail(store: Store, declaration_id: int) -> dict[str, Any]:
    row = store.conn.execute("SELECT preview FROM declarations WHERE id = ?", (declaration_id,)).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


# --- printing again -------------------------------------------------------------------------------


def result_from_detail(detail: Mapping[str, Any]) -> Result:
    """A judged result back from its saved snapshot (Result.to_detail()), exactly as it was printed."""
    import inspect

    from shenbao.core.policies import catalogue
    from shenbao.core.rules import ConditionResult, Result

    names = set(inspect.signature(Result).parameters)
    values = {k: v for k, v in detail.items() if k in names}
    values["amount"] = None if detail.get("amount") is None else Decimal(detail["amount"])
    values["conditions"] = [ConditionResult(**c) for c in detail.get("conditions", [])]
    values["responsible"] = tuple(detail.get("responsible", ()))
    values["shares"] = tuple((label, Decimal(v)) for label, v in detail.get("shares", ()))
    for key in ("reasons", "missing", "warnings", "notes", "trace"):
        values[key] = list(detail.get(key, []))
    # The document's kind is the library's, not the snapshot's (which the printed digest covers).
    document = catalogue().documents.get(str(detail.get("document")))
    values["document_kind"] = document.kind if document is not None else "final"
    return Result(**values)


def regenerate(store: Store, declaration_id: int, out: Path | None = None) -> Path:
    """Print a generated declaration again, from the profile and the result it was judged with and the
    policy data version recorded, to `out` or where it was; the register keeps the new path. Raises
    RegisterError for a draft or a declaration printed before the register kept its basis."""
    return reprint(store, declaration_id, out)[0]


def reprint(store: Store, declaration_id: int, out: Path | None = None) -> tuple[Path, Rendered]:
    """`regenerate`, with the Rendered: where the form prints a box 待补充 (wanting) and its warnings (a
    申报日期 outside the policy's term, characters the font lacks), for a reprint to tell them as the
    first print did."""
    from shenbao.core.model import ProfileError, parse_profile
    from shenbao.core.pdf import NotRenderable, render_declaration
    from shenbao.core.rules import Preview

    current = entry(store, declaration_id)
    if current.state == "draft":
        raise RegisterError(Phrase(ERRORS["still_draft"], id=declaration_id))
    row = store.conn.execute(
        "SELECT basis, preview, policy_version FROM declarations WHERE id = ?", (declaration_id,)
    ).fetchone()
    basis, detail, version = row
    if basis is None or detail is None or current.as_of is None:
        raise RegisterError(Phrase(ERRORS["no_basis"], id=declaration_id))
    document = store.keys.decrypt_json(basis, f"declaration:{current.uscc}:{current.measure}")
    try:
        profile = parse_profile(document)
    except ProfileError as err:
        raise RegisterError(Phrase(ERRORS["basis_unreadable"], id=declaration_id, error=str(err))) from None
    result = result_from_detail(json.loads(detail))
    preview = Preview(current.as_of, {"name": profile.name, "uscc": profile.uscc}, [result], version or "")
    target = Path(
        out
        or current.pdf_path
        or Path(store.folder) / "declarations" / (f"{current.uscc}_{current.measure}_{declaration_id}.pdf")
    )
    why = not_replaceable(target)  # before is_pdf, which would wait on a pipe for a writer
    if why:
        raise RegisterError(Phrase(ERRORS["unwritable"], path=target, why=why))
    if target.exists() and not is_pdf(target):
        raise RegisterError(Phrase(ERRORS["not_pdf"], path=target))
    listed = [
        item
        for (item,) in store.conn.execute(
            "SELECT item FROM declaration_materials WHERE declaration_id = ? ORDER BY position",
            (declaration_id,),
        )
    ]  # the 申报材料清单 it was printed with
    try:
        with beside(target) as part:
            rendered = render_declaration(
                profile,
                preview,
                current.measure,
                part,
                materials=listed or None,
                declared_on=current.declared_on,  # the cover as it was printed
                office=current.office or "",
            )
            # A reprint is made now, so its file (dated when made) differs from the original's; what it
            # says is the same, from the same basis, and its content digest (printed and in the QR code)
            # shows it.
            with transaction(store.conn):
                values = {"pdf_path": _stored_path(store, target), "pdf_sha256": file_sha256(part)}
                _touch(store, declaration_id, values)
                store._log(
                    "重新生成申报书",
                    current.uscc,
                    f"{current.measure} #{declaration_id} {target}（按原测算依据，内容摘要 {rendered.digest[:16]}）",
                )
                os.replace(part, target)  # last: a failure here rolls the change back
    except NotRenderable as err:
        from shenbao.core.forms import form_for

        if form_for(current.measure) is None:
            raise RegisterError(
                Phrase(ERRORS["no_form"], id=declaration_id, measure=current.measure)
            ) from None
        raise RegisterError(err.message) from None
    except OSError as err:
        raise RegisterError(Phrase(ERRORS["unwritable"], path=target, why=os_reason(err))) from None
    return target, rendered


# --- bundles --------------------------------------------------------------------------------------


def bundle_part(store: Store, declaration_id: int) -> dict[str, Any]:
    """What a bundle carries of a declaration's register, beside Declaration.to_dict()."""
    current = entry(store, declaration_id)
    row = store.conn.execute(
        "SELECT register_state, basis, as_of, basis_sha256, amount_applied FROM declarations WHERE id = ?",
        (declaration_id,),
    ).fetchone()
    rstate, basis, as_of, basis_sha, applied = row
    basis_doc = (
        store.keys.decrypt_json(basis, f"declaration:{current.uscc}:{current.measure}") if basis else None
    )
    return {
        "state": rstate,
        "pdf_path": current.pdf_path,
        "as_of": as_of,
        "basis": basis_doc,
        "basis_sha256": basis_sha,
        "amount_applied": applied,
        "amount_awarded": None if current.amount_awarded is None else f"{current.amount_awarded:.2f}",
        "reference": current.reference,
        "deadline": current.deadline.isoformat() if current.deadline else None,
        "events": [e.to_dict() for e in current.events],
        "payments": [p.to_dict() for p in current.payments],
        "materials": [m.to_dict() for m in current.materials],
    }


def check_bundle_part(value: Any, where: str) -> None:
    """Raise ValueError (with where and what) unless `value` is a register part a bundle may carry."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise ValueError(f"{where} 应为对象")
    if value.get("state") is not None and value["state"] not in STATES:
        raise ValueError(f"{where}.state 应为 {'、'.join(STATES)} 之一")
    for key in (
        "pdf_path",
        "as_of",
        "basis_sha256",
        "amount_applied",
        "amount_awarded",
        "reference",
        "deadline",
    ):
        if value.get(key) is not None and not isinstance(value[key], str):
            raise ValueError(f"{where}.{key} 类型不符")
    try:
        for key in ("as_of", "deadline"):
            if value.get(key):
                dt.date.fromisoformat(value[key])
        for key in ("amount_applied", "amount_awarded"):
            if value.get(key):
                parse_amount(value[key])
        for i, e in enumerate(value.get("events") or []):
            if not isinstance(e, dict) or e.get("state") not in STATES:
                raise ValueError(f"{where}.events[{i}].state 无效")
            dt.date.fromisoformat(str(e.get("on")))
        for i, p in enumerate(value.get("payments") or []):
            if not isinstance(p, dict):
                raise ValueError(f"{where}.payments[{i}] 应为对象")
            dt.date.fromisoformat(str(p.get("on")))
            parse_amount(str(p.get("amount")))
        for i, m in enumerate(value.get("materials") or []):
            if not isinstance(m, dict) or not isinstance(m.get("item"), str):
                raise ValueError(f"{where}.materials[{i}].item 应为文字")
            digest = m.get("sha256")
            if digest is not None and not (isinstance(digest, str) and _SHA256.match(digest)):
                raise ValueError(f"{where}.materials[{i}].sha256 应为 64 位十六进制 SHA-256")
    except (RegisterError, ValueError, TypeError) as err:
        raise ValueError(f"{where}: {err}") from None
    if value.get("basis") is not None and not isinstance(value["basis"], dict):
        raise ValueError(f"{where}.basis 应为企业档案")


def write_bundle_part(
    store: Store, declaration_id: int, uscc: str, measure: str, part: Mapping[str, Any]
) -> None:
    """An imported declaration's register (inside the caller's transaction). Its sums and dates, checked
    by `check_bundle_part`, are stored as the register writes its own (125000.00, 2026-11-20), however
    the bundle wrote them (125,000, 20261120): the register reads them back and orders by them."""

    def sum_of(value: Any) -> str | None:
        return f"{parse_amount(str(value)):.2f}" if value not in (None, "") else None

    def day_of(value: Any) -> str | None:
        return dt.date.fromisoformat(str(value)).isoformat() if value not in (None, "") else None

    basis = part.get("basis")
    store.db.table("declarations").update(
        declaration_id,
        {
            "register_state": part.get("state"),
            "pdf_path": _carried_path(store, part.get("pdf_path")),
            "as_of": day_of(part.get("as_of")),
            "basis": store.keys.cipher.encrypt_json(basis, f"declaration:{uscc}:{measure}")
            if basis
            else None,
            "basis_sha256": part.get("basis_sha256"),
            # keyed under this folder's key: made again from the basis, never carried
            "basis_secrets": _basis_secrets(store, uscc, measure, basis) if basis else None,
            "amount_applied": sum_of(part.get("amount_applied")),
            "amount_awarded": sum_of(part.get("amount_awarded")),
            "reference": part.get("reference"),
            "deadline": day_of(part.get("deadline")),
        },
    )
    store.db.table("declaration_events").insert_all(
        {
            "declaration_id": declaration_id,
            "state": e["state"],
            "on_date": day_of(e["on"]),
            "reference": e.get("reference"),
            "note": e.get("note") or "",
            "at": e.get("at") or "",
            "user": e.get("user") or "",
        }
        for e in part.get("events") or []
    )
    store.db.table("declaration_payments").insert_all(
        {
            "declaration_id": declaration_id,
            "on_date": day_of(p["on"]),
            "amount": sum_of(p["amount"]),
            "note": p.get("note") or "",
        }
        for p in part.get("payments") or []
    )
    store.db.table("declaration_materials").insert_all(
        {
            "declaration_id": declaration_id,
            "position": i,
            "item": m["item"],
            "done": int(bool(m.get("done"))),
            "path": m.get("path"),
            "sha256": m.get("sha256"),
        }
        for i, m in enumerate(part.get("materials") or [])
    )
