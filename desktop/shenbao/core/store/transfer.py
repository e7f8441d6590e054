"""Moving enterprises in and out: import from bundles, profile files and park tables; export to a bundle
(everything, optionally encrypted) or to a park table (the profiles, without ID numbers or phones).

An import reads and checks every file first and only then opens one write transaction, in which the
conflicts are looked up again (another process may have written meanwhile) and everything is written:
all or nothing. An enterprise is one record per code; on a conflict the caller chooses to keep the stored
one or replace it, and by default the import is refused with the list of conflicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from shenbao.core.fieldkinds import normal_uscc
from shenbao.core.messages import capped
from shenbao.core.model import DETAIL_DERIVES, Profile, ProfileError, load_profile_file, parse_profile
from shenbao.core.model import FORMAT as PROFILE_FORMAT
from shenbao.core.phrases import Phrase
from shenbao.core.store.bundle import (
    BundleError,
    looks_like_bundle,
    public_declaration,
    public_profile,
    read_bundle,
    write_bundle,
)
from shenbao.core.store.db import REFUSALS, StoreError, snapshot
from shenbao.core.store.imports import (
    ON_CONFLICT,
    Damaged,
    ImportPlan,
    ImportReport,
    Incoming,
    apply_plan,
    bundle_declarations,
    plan_import,
    read_incoming,
    refuse_rows,
)
from shenbao.core.store.repository import Store
from shenbao.core.store.secrets import (
    SENSITIVE_ENTERPRISE_KEYS,
    UnreadableSecretError,
    declaration_sensitive,
    has_sensitive,
)
from shenbao.core.store.tables import other_sheet
from shenbao.errors import OS_REASONS, not_a_file


def read_sources(paths: Iterable[str | Path], bundle_passphrase: Callable[[], str | None]) -> list[Incoming]:
    """Every enterprise in the files, checked, with nothing written; all or nothing. A file that is
    empty, truncated, tampered with or of an unknown kind raises StoreError naming it; a table with a
    bad row raises TableError listing every bad cell (`imports.read_incoming` keeps the good rows)."""
    incoming, rejected = read_incoming(paths, bundle_passphrase)
    if rejected:
        refuse_rows(ImportPlan([], rejected))
    return incoming


def read_file(path: Path, bundle_passphrase: Callable[[], str | None]) -> list[Incoming]:
    """The enterprises of one bundle or profile file (tables: see imports.read_incoming)."""
    why = not_a_file(path)
    if why == OS_REASONS["EISDIR"]:
        raise StoreError(Phrase(REFUSALS["import_folder"], path=path))
    if why == OS_REASONS["ENOENT"]:
        raise StoreError(Phrase(REFUSALS["import_missing"], path=path))
    if why:
        raise StoreError(Phrase(REFUSALS["unreadable"], path=path, why=why))
    suffix = path.suffix.lower()
    sheet = other_sheet(path)
    if sheet:
        raise StoreError(f"{path}: 不能读取{sheet}：请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后导入")
    if suffix == ".json":
        return [Incoming(str(path), _profile_file(path))]
    if suffix == ".shenbao" or _starts_like_bundle(path):
        return [
            Incoming(str(path), e.profile, e.declarations, record=e.record, withheld=e.withheld)
            for e in read_bundle(path, bundle_passphrase)
        ]
    raise StoreError(Phrase(REFUSALS["import_kind"], path=path))


def _starts_like_bundle(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return looks_like_bundle(handle.read(4))
    except OSError:
        return False


def _profile_file(path: Path) -> Profile:
    try:
        profile = load_profile_file(path)
    except ProfileError as err:  # its message a Phrase, so the interface says it in its language
        where = err.source or str(path)
        if err.field:
            raise StoreError(
                Phrase(REFUSALS["profile_in_file"], path=where, field=err.field, problem=err.message)
            ) from None
        raise StoreError(Phrase(REFUSALS["bundle_in_file"], path=where, problem=err.message)) from None
    if not profile.uscc:
        raise StoreError(Phrase(REFUSALS["import_no_uscc"], path=path))
    return profile


def import_into(store: Store, incoming: list[Incoming], on_conflict: str | None = None) -> ImportReport:
    """Write checked enterprises in one transaction. `on_conflict`: None refuses when any code is
    already stored and lists them; "keep" leaves those as they are; "replace" updates them (a table row
    only in the fields its columns hold, a bundle or profile file whole). See imports.plan_import."""
    if not incoming:
        raise StoreError("没有可导入的企业")
    return apply_plan(store, plan_import(store, incoming), on_conflict)


def export_bundle(
    store: Store,
    out: Path,
    codes: Iterable[str] | None = None,
    *,
    passphrase: str | None = None,
    omit_sensitive: bool = False,
    unreadable: list[str] | None = None,
    left_out: list[LeftOut] | None = None,
) -> int:
    """Write the enterprises (all, or those `codes`) and their declarations to a bundle; returns how many.
    Without a passphrase, a bundle may not carry ID numbers or phones: the caller must ask to leave them
    out, and the engineer count they gave is kept. When they are left out and `unreadable` is given, an
    enterprise whose sensitive part cannot be decrypted is exported without it (and so without the
    engineer count) and its code added to `unreadable` for the caller to say; otherwise it is refused.
    With `left_out`, a declaration whose encrypted answers or basis cannot be decrypted is left out of
    the bundle, everything else written, and it is added there for the caller to say; otherwise the
    export is refused."""
    with snapshot(store.conn):  # one moment's data, though another program deletes or imports meanwhile
        entries, records = _bundle_entries(store, codes, passphrase, omit_sensitive, unreadable, left_out)
    write_bundle(Path(out), entries, passphrase, records, withheld=omit_sensitive)
    return len(entries)


def _bundle_entries(
    store: Store,
    codes: Iterable[str] | None,
    passphrase: str | None,
    omit_sensitive: bool,
    unreadable: list[str] | None,
    left_out: list[LeftOut] | None,
) -> tuple[list[tuple[dict[str, Any], list[dict[str, Any]]]], dict[str, dict[str, str]]]:
    """What export_bundle writes: each profile with its declarations, and each enterprise's record."""
    wanted = _wanted(store, codes)
    entries = []
    sensitive: list[str] = []  # refused, all named: a park of thirty was told of its first one only
    for code in wanted:
        profile = _profile(store, code, unreadable if omit_sensitive else None)
        document = {"format": PROFILE_FORMAT, **profile}
        declarations = _declarations(store, code, str(profile["enterprise"].get("name") or ""), left_out)
        # left out when asked, encrypted or not: --passphrase --omit-sensitive carried them all
        if (omit_sensitive or passphrase is None) and (
            has_sensitive(document) or any(map(declaration_sensitive, declarations))
        ):
            if not omit_sensitive:
                sensitive.append(code)
                continue
            document = public_profile(document)
            declarations = [public_declaration(d) for d in declarations]
        entries.append((document, declarations))
    if sensitive:
        named = capped(sensitive, stem="含敏感信息的企业", separator="、", unit="家")
        raise StoreError(
            f"{named} 含身份证号或联系电话等敏感信息：请用 --passphrase 加密数据包，或用 --omit-sensitive 不导出这些信息"
        )
    return entries, {code: store.record_of(code) for code in wanted}


class LeftOut(NamedTuple):
    """A declaration an export left out because its encrypted part could not be decrypted."""

    uscc: str
    name: str
    id: int
    measure: str
    part: str  # what could not be decrypted: 填写内容 (the answers) or 生成依据 (the basis)

    def describe(self) -> str:
        from shenbao.core.register import _title

        return (
            f"{self.uscc}（{self.name}）的申报 #{self.id} {_title(self.measure)}（{self.measure}）"
            f"的{self.part}已损坏、无法解密，未导出"
        )


def _declarations(store: Store, code: str, name: str, left_out: list[LeftOut] | None) -> list[dict[str, Any]]:
    """The enterprise's declarations as a bundle carries them. One whose encrypted part does not decrypt
    raises, or with `left_out` is added there and the others returned."""
    damaged: list[Damaged] | None = None if left_out is None else []
    out = bundle_declarations(store, code, damaged)
    for d in damaged or []:
        left_out.append(LeftOut(code, name, d.id, d.measure, d.part))  # type: ignore[union-attr]
    return out


def export_table(
    store: Store, out: Path, codes: Iterable[str] | None = None, *, unreadable: list[str] | None = None
) -> int:
    """Write the enterprises (all, or those `codes`) as a park table (.csv or .xlsx) that imports back;
    a table is plain text, so it never carries ID numbers or phones (the engineer count stays), and it
    has no column for a list, so each total a detail list gives stays (see `_table_profile`). With
    `unreadable`, as in export_bundle: a damaged sensitive part leaves only that enterprise's count out."""
    from shenbao.core.store.tables import write_table

    with snapshot(store.conn):  # one moment's data, though another program deletes or imports meanwhile
        wanted = _wanted(store, codes)
        documents = [_table_profile(_profile(store, code, unreadable)) for code in wanted]
    write_table(Path(out), documents, leave_out=SENSITIVE_ENTERPRISE_KEYS)
    return len(documents)


def _table_profile(document: dict[str, Any]) -> dict[str, Any]:
    """A profile as a park table carries it: without its sensitive fields, and with each fact a detail
    list derives when the fact itself is absent (the invoices' sum, the number of products; INTERCHANGE)
    written in its place, as the rules derive it, so that the table imported elsewhere is judged as the
    profile is. Imported over the profile it came from, the fact agrees with the list kept there."""
    out = public_profile(document)
    facts = document.get("facts")
    if isinstance(facts, dict) and any(facts.get(detail) is not None for detail in DETAIL_DERIVES):
        try:
            profile = parse_profile(document)
        except ProfileError:  # stored before a check refused it: written as stored, the table not refused
            return out
        for fact in profile.derived:
            out["facts"][fact] = profile.facts[fact]
    return out


def _profile(store: Store, code: str, unreadable: list[str] | None) -> dict[str, Any]:
    """The stored profile; when its sensitive part cannot be decrypted and the caller collects such
    codes in `unreadable`, the profile without it (the rest is stored in the clear)."""
    try:
        return store.get_profile(code)
    except UnreadableSecretError:
        if unreadable is None:
            raise
    unreadable.append(code)
    return store.get_profile(code, with_secrets=False)


def _wanted(store: Store, codes: Iterable[str] | None) -> list[str]:
    """The codes to export, each once, in order (all the stored enterprises when none are given)."""
    wanted = [normal_uscc(c) for c in codes] if codes else [r.uscc for r in store.list_enterprises()]
    if not wanted:
        raise StoreError("没有可导出的企业")
    missing = [c for c in wanted if not store.has_enterprise(c)]
    if len(missing) == 1:  # said as every other look-up of one code says it
        raise StoreError(Phrase(REFUSALS["no_enterprise"], uscc=missing[0]))
    if missing:
        raise StoreError("没有这些统一社会信用代码的企业：" + "、".join(missing))
    return list(dict.fromkeys(wanted))


__all__ = [
    "ON_CONFLICT",
    "BundleError",
    "ImportReport",
    "Incoming",
    "LeftOut",
    "export_bundle",
    "import_into",
    "read_file",
    "read_sources",
]
