"""A policy pack's source: a folder laid out like resources/policies/ — `documents/`, `measures/`, optional
`comparisons/` and `forms/` (wizard definitions, as in forms/) — with `pack.toml` in place of
catalogue.toml:

    id = "example-ai"                  # the pack's name; [a-z0-9-]
    version = 3                        # an integer that only rises for a given id
    title = "…"
    publisher = "…"
    issued_on = 2026-11-25
    expires_on = 2027-06-30            # after this, check for a newer pack
    min_app_version = "0.1.0"          # the oldest program that understands it
    judged = ["sl2026"]                # its documents the preview judges, in order
    library = ["sl2026"]               # its documents the library shows
    changelog = ["…"]
    [[ends]]                           # optional: end or supersede a document already known
    document = "fz2024"
    on = 2026-12-31
    superseded_by = "sl2026"           # optional

A 申报通知 is a document of its own in documents/, `kind = "notice"`, with an issuer, a number and an
issued date, no articles and no measures file; each measure it opens (its own pack's, the shipped
library's or an installed pack's) gets a window of exact days, and may get its own materials list:

    [[window]]
    measure = "sl2026.compute_voucher"
    opens = 2026-12-15                 # both inclusive, inside the notice's own in_force dates if given
    closes = 2027-01-15
    materials = ["…"]                  # optional: replaces the form's 申报材料清单
    submit_to = "…"                    # optional, as are contact and note

The tree is read with the shipped library's own strict loader (core.policies), so a pack is held to the
same schema; then every named formula must be in this program's library and every form must belong to one
of the pack's measures. A pack needing a newer program is refused saying which version it needs, and one
issued after this computer's today is refused naming its date: its date is what lets its copy of a
shipped document replace the shipped one (core.packs.library.merge), and a date to come would keep it
above the newer data later programs ship.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import field
from pathlib import Path

from shenbao import __version__
from shenbao.core.forms import Form, FormError, load_pack_forms
from shenbao.core.phrases import Phrase
from shenbao.core.policies import (
    Document,
    PolicyDataError,
    Tree,
    _load_toml,
    _Table,
    read_tree,
    shipped_catalogue,
)
from shenbao.core.records import dataclass

PACK_FILE = "pack.toml"
FOLDERS = ("documents", "measures", "comparisons", "forms")
MEMBER = re.compile(
    r"^(pack\.toml|(documents|measures|comparisons|forms)/[A-Za-z0-9_][A-Za-z0-9_.\-]{0,120}\.toml)$"
)
PACK_ID = re.compile(r"^[a-z0-9][a-z0-9\-]{1,62}$")
# Why a pack's source is refused, each a Phrase (core.phrases) of a core string that the interface writes
# again in its language; the command line prints the Chinese sentence.
SOURCE_MESSAGES = {
    "issued_later": "政策包的发布日期 {issued} 晚于今天（本机日期 {today}），请核对政策包或本机的日期",
    "bad_version": "{where}: 版本号 {raw!r} 无效（应如 0.1.0）",
    "bad_id": "{where}: {raw!r} 应由小写字母、数字和 - 组成",
    "not_positive": "{where}: 应为正整数",
    "expires_first": "{where}: expires_on 早于 issued_on",
    "newer_app": "政策包 {id} 需要申报助手 {needed} 或更新版本（本程序为 {running}），请先升级程序",
    "no_header": "{where}: 缺少 {header}，不是政策包源文件夹",
    "stray_file": "{where}: 不属于政策包（只能有 {header} 和 {names} 下的 .toml 文件）",
    "no_documents": "{where}: 政策包中没有文件（documents/）",
    "not_in_pack": "{where}: 文件 {doc} 不在政策包中",
    "judged_notice": "{where}: 文件 {doc} 是申报通知，没有措施可测算",
    "judged_no_measures": "{where}: 文件 {doc} 没有措施（measures/{doc}.toml）",
    "measures_without_document": "{where}: 文件 {doc} 不在政策包中（须在 documents/ 中一并提供）",
    "no_document": "{where}: 文件 {doc} 不存在",
    "ends_too_early": "{where}: 终止日期 {end} 早于文件 {doc} 的施行日期 {start}（最早可为施行前一日，即从未施行）",
    "unknown_formula": "{where}: 公式 {formula} 不在本程序（{running}）的公式库中；"
    "此政策包声明需要 {needed}，请获取支持该公式的新版本",
    "formula_params": "{where}: 公式 {formula} 需要参数 {names}",
    "form_not_in_pack": "{where}: 措施 {measure} 不在政策包中",
    "form_file": "forms/{error}",
}


class PackError(PolicyDataError):
    """A pack that cannot be used, with the reason in one line."""


@dataclass(frozen=True)
class Ending:
    document: str
    on: dt.date
    superseded_by: str = ""


@dataclass(frozen=True)
class Header:
    id: str
    version: int
    title: str
    publisher: str
    issued_on: dt.date
    expires_on: dt.date
    min_app_version: str
    judged: tuple[str, ...]
    library: tuple[str, ...]
    changelog: tuple[str, ...]
    ends: tuple[Ending, ...] = ()

    def expired(self, today: dt.date) -> bool:
        return today > self.expires_on

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "publisher": self.publisher,
            "issued_on": self.issued_on.isoformat(),
            "expires_on": self.expires_on.isoformat(),
            "min_app_version": self.min_app_version,
            "judged": list(self.judged),
            "library": list(self.library),
            "changelog": list(self.changelog),
        }


@dataclass
class PackTree:
    header: Header
    tree: Tree
    forms: dict[str, Form] = field(default_factory=dict)


def version_tuple(text: str) -> tuple[int, ...]:
    if not re.fullmatch(r"\d+(\.\d+){0,3}", text):
        raise PackError(
            Phrase(SOURCE_MESSAGES["bad_version"], where=f"{PACK_FILE}.min_app_version", raw=text)
        )
    return tuple(int(x) for x in text.split("."))


def read_header(path: Path) -> Header:
    t = _Table(_load_toml(path), PACK_FILE)
    ends = []
    for i, raw in enumerate(t.opt("ends", list, [])):
        e = _Table(raw, f"{PACK_FILE}.ends[{i}]")
        ends.append(Ending(e.req("document"), e.req("on", dt.date), e.opt("superseded_by", str, "")))
        e.done()
    header = Header(
        id=t.req("id"),
        version=t.req("version", int),
        title=t.req("title"),
        publisher=t.req("publisher"),
        issued_on=t.req("issued_on", dt.date),
        expires_on=t.req("expires_on", dt.date),
        min_app_version=t.req("min_app_version"),
        judged=t.strs("judged"),
        library=t.strs("library"),
        changelog=t.strs("changelog"),
        ends=tuple(ends),
    )
    t.done()
    if not PACK_ID.match(header.id):
        raise PackError(Phrase(SOURCE_MESSAGES["bad_id"], where=f"{PACK_FILE}.id", raw=header.id))
    if isinstance(header.version, bool) or header.version < 1:
        raise PackError(Phrase(SOURCE_MESSAGES["not_positive"], where=f"{PACK_FILE}.version"))
    if header.expires_on < header.issued_on:
        raise PackError(Phrase(SOURCE_MESSAGES["expires_first"], where=PACK_FILE))
    version_tuple(header.min_app_version)
    return header


def check_app_version(header: Header) -> None:
    if version_tuple(header.min_app_version) > version_tuple(__version__):
        needed, running = header.min_app_version, __version__
        raise PackError(Phrase(SOURCE_MESSAGES["newer_app"], id=header.id, needed=needed, running=running))


def check_issued(header: Header, today: dt.date) -> None:
    """Refuse a pack issued after `today`, this computer's date (why: the module's note)."""
    if header.issued_on > today:
        issued, now = header.issued_on.isoformat(), today.isoformat()
        raise PackError(Phrase(SOURCE_MESSAGES["issued_later"], issued=issued, today=now))


def read_source(
    folder: Path, known: dict[str, Document], known_measures: Collection[str] | None = None
) -> PackTree:
    """Read and check a pack's source folder against the documents already `known` (the shipped ones)
    and the measures its notices may open besides its own (`known_measures`; by default the shipped
    ones). Raises PackError (or PolicyDataError, its parent) naming the file and the field."""
    from shenbao.core.rules.formulas import PARAMS_READ, REGISTRY

    folder = Path(folder)
    if not (folder / PACK_FILE).is_file():
        raise PackError(Phrase(SOURCE_MESSAGES["no_header"], where=folder, header=PACK_FILE))
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not MEMBER.match(rel):
            names = "、".join(FOLDERS)
            raise PackError(
                Phrase(SOURCE_MESSAGES["stray_file"], where=rel, header=PACK_FILE, names=names, items=FOLDERS)
            )
    header = read_header(folder / PACK_FILE)
    check_app_version(header)
    check_issued(header, dt.date.today())
    if known_measures is None:
        known_measures = shipped_catalogue().measures.keys()
    tree = read_tree(folder, known, known_measures)
    if not tree.documents:
        raise PackError(Phrase(SOURCE_MESSAGES["no_documents"], where=header.id))
    for doc_id in header.judged:
        if doc_id not in tree.documents:
            raise PackError(Phrase(SOURCE_MESSAGES["not_in_pack"], where=f"{PACK_FILE}.judged", doc=doc_id))
        if tree.documents[doc_id].kind == "notice":
            raise PackError(Phrase(SOURCE_MESSAGES["judged_notice"], where=f"{PACK_FILE}.judged", doc=doc_id))
        if doc_id not in tree.rulesets:
            raise PackError(
                Phrase(SOURCE_MESSAGES["judged_no_measures"], where=f"{PACK_FILE}.judged", doc=doc_id)
            )
    for doc_id in header.library:
        if doc_id not in tree.documents:
            raise PackError(Phrase(SOURCE_MESSAGES["not_in_pack"], where=f"{PACK_FILE}.library", doc=doc_id))
    for doc_id in tree.measures:
        if doc_id not in tree.documents:
            where = f"measures/{doc_id}.toml"
            raise PackError(Phrase(SOURCE_MESSAGES["measures_without_document"], where=where, doc=doc_id))
    every = {**known, **tree.documents}
    for i, end in enumerate(header.ends):
        for ref in (end.document, end.superseded_by):
            if ref and ref not in every:
                raise PackError(
                    Phrase(SOURCE_MESSAGES["no_document"], where=f"{PACK_FILE}.ends[{i}]", doc=ref)
                )
        start = every[end.document].in_force_from
        if start and end.on < start - dt.timedelta(days=1):
            where = f"{PACK_FILE}.ends[{i}]"
            raise PackError(
                Phrase(
                    SOURCE_MESSAGES["ends_too_early"], where=where, end=end.on, doc=end.document, start=start
                )
            )
    for ms in tree.measures.values():
        for m in ms:
            if m.formula and m.formula not in REGISTRY:
                needed, running = header.min_app_version, __version__
                raise PackError(
                    Phrase(
                        SOURCE_MESSAGES["unknown_formula"],
                        where=m.id,
                        formula=m.formula,
                        running=running,
                        needed=needed,
                    )
                )
            missing = [p for p in PARAMS_READ.get(m.formula, ()) if p not in m.params]
            if missing:
                raise PackError(
                    Phrase(
                        SOURCE_MESSAGES["formula_params"],
                        where=m.id,
                        formula=m.formula,
                        names="、".join(missing),
                        items=missing,
                    )
                )
    forms: dict[str, Form] = {}
    if (folder / "forms").is_dir():
        try:
            forms = load_pack_forms(folder / "forms")
        except FormError as err:
            raise PackError(Phrase(SOURCE_MESSAGES["form_file"], error=err.message)) from None
        ours = {m.id for ms in tree.measures.values() for m in ms}
        for measure in forms:
            if measure not in ours:
                raise PackError(
                    Phrase(
                        SOURCE_MESSAGES["form_not_in_pack"], where=f"forms/{measure}.toml", measure=measure
                    )
                )
    return PackTree(header, tree, forms)
