"""Installed policy packs: kept in the data folder (`policy-packs/`, copied with the folder), merged over
the shipped library, and put in use for the whole program.

`policy-packs/installed.json` lists, per pack id, the versions installed in order; the last is in use,
and `remove` goes back to the one before it (or to none). Each version's signed file is kept beside it
and checked again — signature, manifest, key still trusted, data, an issue date not after today — every
time the library is built, so a file changed on disk, a key no longer trusted or a pack dated to come
(installed by a program that did not check the date) is left out with a warning, never used silently.

Merging: a pack's document replaces a shipped document of the same id when the pack was issued after the
shipped data was checked (`checked_on`), and is added otherwise; its `ends` end or supersede documents
already known; its documents to judge come first in the preview. The library's version names each pack
(`2026.11.1+1a2b3c4d+example-ai.v3`), so every preview, declaration and PDF records what it was judged with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import field
from pathlib import Path
from typing import Any

from shenbao.core.forms import Form, use_pack_forms
from shenbao.core.jsonio import JsonLimitError, loads_bounded
from shenbao.core.packs.archive import ARCHIVE_MESSAGES, SUFFIX, Verified, read_file, read_pack, same_files
from shenbao.core.packs.keys import PackKeyError, TrustedKey, changing, find_trusted, show_fingerprint
from shenbao.core.packs.keys import trust as trust_key
from shenbao.core.packs.source import Header, PackError, PackTree
from shenbao.core.phrases import Phrase
from shenbao.core.policies import Catalogue, Document, Measure, shipped_catalogue, use_catalogue
from shenbao.core.records import dataclass
from shenbao.errors import os_reason

FOLDER = "policy-packs"
STATE = "installed.json"
STATE_FORMAT = "shenbao-policy-state/1"
EXPIRED = "政策数据已于 {date} 过期，请获取更新"

# What installing or removing a pack warns of or refuses, each a Phrase (core.phrases) of a core string,
# which the interface writes again in its language; the command line prints the Chinese sentence. A
# measure's `title` is the data's Chinese title (the interface shows its English title).
MESSAGES = {
    "expired_pack": EXPIRED + "（政策包「{pack}」第 {version} 版）",
    "expired_install": EXPIRED + "（此政策包已过期，仍可安装）",
    "left_out": "已安装的政策包 {id} 未启用：{problem}",
    "untrusted_now": "已安装的政策包 {id} 未启用：其公钥 {fingerprint} 已不再受信任",
    "none_used": "未启用已安装的政策包：{problem}",
    "untrusted": "政策包由未受信任的公钥签发（指纹 {fingerprint}）；请核对指纹后用 shenbao policies trust 添加发布者公钥",
    "other_signer": "政策包 {id} 在用的版本由 {signer}（指纹 {was}）签发，此文件由另一把公钥（指纹 {now}）签发，拒绝替换；"
    "若发布者确已更换公钥，请先用 shenbao policies untrust 不再信任旧公钥",
    "installed_already": "政策包 {id} 第 {version} 版已经安装，无需再次安装",
    "same_version": "政策包 {id} 第 {version} 版已经安装，而此文件的内容与之不同；"
    "版本号相同不能替换，请发布者提高版本号后重新签发",
    "not_newer": "政策包 {id} 第 {version} 版不高于已安装的第 {installed} 版，拒绝回退",
    "clash": "政策包 {id} 的文件 {files} 已由政策包 {other} 提供",
    "shipped_newer": "文件 {document}：程序内置的数据较新（核对于 {checked}），保留内置数据",
    "rewritten": "措施 {title}（{measure}）的参数 {param} 改动了已生效的数值：{on} 起 {before} → {after}；"
    "已按原数值测算或申报的，请核对",
    "gone": "措施 {title}（{measure}）将不再提供：预览和申报向导不再列出它，已有的申报仍留在申报登记中",
    "not_installed": "没有已安装的政策包 {id}",
    "state_damaged": "{path}: 已安装政策包列表已损坏：{problem}；请删除此文件，再重新安装同一文件夹中的政策包文件",
    "state_shape": "内容不是已安装政策包列表",
}


def packs_folder(data_folder: Path) -> Path:
    return Path(data_folder) / FOLDER


@dataclass(frozen=True)
class ActivePack:
    header: Header
    fingerprint: str
    key_name: str
    sha256: str
    file: str
    installed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.header.to_dict(),
            "source": "pack",
            "fingerprint": show_fingerprint(self.fingerprint),
            "key": self.key_name,
            "sha256": self.sha256,
            "installed_at": self.installed_at,
        }


@dataclass
class PackedCatalogue(Catalogue):
    """The shipped library with the packs in use merged over it."""

    packs: tuple[ActivePack, ...] = ()
    pack_forms: dict[str, Form] = field(default_factory=dict)
    kept_shipped: tuple[str, ...] = ()  # shipped documents a pack offered but which are newer as shipped

    def notices(self, today: dt.date) -> list[str]:
        return expiry_notices(self, today)


def expiry_notices(cat: Catalogue, today: dt.date) -> list[str]:
    """「政策数据已于 D 过期，请获取更新」 for each pack in use past its expiry date."""
    out: list[str] = []
    for p in getattr(cat, "packs", ()):
        if p.header.expired(today):
            out.append(
                Phrase(
                    MESSAGES["expired_pack"],
                    date=p.header.expires_on.isoformat(),
                    pack=p.header.title,
                    version=p.header.version,
                )
            )
    return out


# --- merging ----------------------------------------------------------------------------------------


def merge(base: Catalogue, packs: list[tuple[PackTree, ActivePack]]) -> PackedCatalogue:
    documents = dict(base.documents)
    rulesets = dict(base.rulesets)
    by_doc: dict[str, list[Measure]] = {d: base.measures_of(d) for d in base.judged}
    judged, library = list(base.judged), list(base.library)
    comparisons = list(base.comparisons)
    forms: dict[str, Form] = {}
    kept: list[str] = []
    version = base.version
    for tree, _ in packs:
        h = tree.header
        taken: set[str] = set()
        for doc_id, doc in tree.tree.documents.items():
            if doc_id in base.documents and h.issued_on <= base.checked_on:
                kept.append(doc_id)
                continue
            taken.add(doc_id)
            documents[doc_id] = doc
            by_doc.pop(doc_id, None)
            if doc_id in tree.tree.rulesets:
                rulesets[doc_id] = tree.tree.rulesets[doc_id]
                by_doc[doc_id] = tree.tree.measures[doc_id]
        judged = [d for d in h.judged if d in taken and d not in judged] + judged
        library = [d for d in h.library if d in taken and d not in library] + library
        comparisons.extend(tree.tree.comparisons)
        forms.update({m: f for m, f in tree.forms.items() if m.partition(".")[0] in taken})
        for end in h.ends:
            doc = documents[end.document]
            last = min(end.on, doc.in_force_to) if doc.in_force_to else end.on
            documents[end.document] = dataclasses.replace(
                doc,
                in_force_to=last,
                superseded_by=end.superseded_by or doc.superseded_by,
                superseded_on=(end.on + dt.timedelta(days=1)) if end.superseded_by else doc.superseded_on,
            )
        version += f"+{h.id}.v{h.version}"
    measures = {m.id: m for d in judged for m in by_doc.get(d, [])}
    return PackedCatalogue(
        version=version,
        checked_on=base.checked_on,
        warn_days_before_end=base.warn_days_before_end,
        judged=tuple(d for d in judged if d in rulesets),
        library=tuple(library),
        documents=documents,
        rulesets=rulesets,
        measures=measures,
        comparisons=comparisons,
        stacking=base.stacking,  # the same expense under several measures stays counted once
        packs=tuple(a for _, a in packs),
        pack_forms=forms,
        kept_shipped=tuple(kept),
    )


# --- the installed state ----------------------------------------------------------------------------


def _read_state(folder: Path) -> list[dict[str, Any]]:
    path = folder / STATE
    if not path.is_file():
        return []
    try:
        state = loads_bounded(path.read_bytes())
    except OSError as err:
        raise PackError(Phrase(ARCHIVE_MESSAGES["unreadable"], path=path, why=os_reason(err))) from None
    except JsonLimitError as err:
        raise PackError(Phrase(MESSAGES["state_damaged"], path=path, problem=err.args[0])) from None
    if (
        not isinstance(state, dict)
        or state.get("format") != STATE_FORMAT
        or not isinstance(state.get("packs"), list)
    ):
        problem = Phrase(MESSAGES["state_shape"])
        raise PackError(Phrase(MESSAGES["state_damaged"], path=path, problem=problem))
    return state["packs"]


def _write_state(folder: Path, packs: list[dict[str, Any]]) -> None:
    from shenbao.core.store.files import write_atomically

    text = json.dumps({"format": STATE_FORMAT, "packs": packs}, ensure_ascii=False, indent=1) + "\n"
    write_atomically(folder / STATE, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _in_use(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["history"][-1] | {"id": e["id"]} for e in entries if e.get("history")]


def load_installed(data_folder: Path) -> tuple[list[tuple[PackTree, ActivePack]], list[str]]:
    """The packs in use, each checked again; and a warning for each one left out."""
    folder = packs_folder(data_folder)
    return _load(folder, _in_use(_read_state(folder)))


def _load(folder: Path, items: list[dict[str, Any]]) -> tuple[list[tuple[PackTree, ActivePack]], list[str]]:
    known = shipped_catalogue().documents
    measures = set(shipped_catalogue().measures)  # a notice may open a measure of a pack installed before
    out: list[tuple[PackTree, ActivePack]] = []
    warnings: list[str] = []
    for item in items:
        try:
            verified = read_pack(
                read_file(folder / item["file"]), lambda d: find_trusted(folder, d), known, measures
            )
        except (PackError, PackKeyError) as err:
            warnings.append(Phrase(MESSAGES["left_out"], id=item["id"], problem=err.message))
            continue
        if verified.trusted is None:
            warnings.append(
                Phrase(
                    MESSAGES["untrusted_now"],
                    id=item["id"],
                    fingerprint=show_fingerprint(verified.fingerprint),
                )
            )
            continue
        out.append((verified.pack, _active(verified, item["file"], item.get("installed_at", ""))))
        measures.update(m.id for ms in verified.pack.tree.measures.values() for m in ms)
    return out, warnings


def known_measures(data_folder: Path | None) -> set[str]:
    """The measures a pack's notices may open: the shipped ones and those of the packs in use."""
    found = set(shipped_catalogue().measures)
    if data_folder is not None and (packs_folder(data_folder) / STATE).is_file():
        for tree, _ in load_installed(data_folder)[0]:
            found.update(m.id for ms in tree.tree.measures.values() for m in ms)
    return found


def _active(verified: Verified, file: str, installed_at: str) -> ActivePack:
    return ActivePack(
        header=verified.header,
        fingerprint=verified.fingerprint,
        key_name=verified.trusted.name if verified.trusted else "",
        sha256=hashlib.sha256(verified.data).hexdigest(),
        file=file,
        installed_at=installed_at,
    )


def library(data_folder: Path) -> tuple[PackedCatalogue, list[str]]:
    """The shipped library with the data folder's packs merged over it, and any warnings."""
    packs, warnings = load_installed(data_folder)
    return merge(shipped_catalogue(), packs), warnings


def activate(data_folder: Path | None) -> list[str]:
    """Put the data folder's packs in use for previews, the library, wizards and printed forms.
    Returns warnings (packs left out, packs expired) for the caller to show."""
    if data_folder is None or not (packs_folder(data_folder) / STATE).is_file():
        use_catalogue(None)
        use_pack_forms({})
        return []
    try:
        cat, warnings = library(data_folder)
    except PackError as err:  # the list of installed packs itself is unreadable: judge with the shipped one
        use_catalogue(None)
        use_pack_forms({})
        return [Phrase(MESSAGES["none_used"], problem=err.message)]
    use_catalogue(cat if cat.packs else None)
    use_pack_forms(cat.pack_forms)
    return warnings


# --- install and remove -----------------------------------------------------------------------------


@dataclass
class Plan:
    """What installing a pack would do: the catalogue before and after, and the warnings to show."""

    verified: Verified
    before: Catalogue
    after: PackedCatalogue
    warnings: list[str]
    replaces: int | None  # the version now in use for this id, if any
    trust: TrustedKey | None = None  # a key to trust with the pack (written only when it is installed)


def plan_install(data_folder: Path, data: bytes, today: dt.date, trust: TrustedKey | None = None) -> Plan:
    """Check a pack for installing; raise PackError (one line) for any reason to refuse it. `trust` is a
    key the user has just agreed to trust: the pack is checked as if it were, and installing it writes it
    to the trusted keys, so that a pack refused or not installed leaves the trusted keys as they were."""
    folder = packs_folder(data_folder)
    known = shipped_catalogue().documents

    def trusted(digest: str) -> TrustedKey | None:
        return trust if trust is not None and trust.fingerprint == digest else find_trusted(folder, digest)

    verified = read_pack(data, trusted, known, known_measures(data_folder))
    h = verified.header
    if verified.trusted is None:
        raise PackError(Phrase(MESSAGES["untrusted"], fingerprint=show_fingerprint(verified.fingerprint)))
    current, warnings = load_installed(data_folder)
    in_use = {item["id"]: item for item in _in_use(_read_state(folder))}
    replaces = in_use[h.id]["version"] if h.id in in_use else None
    signer = find_trusted(folder, in_use[h.id].get("fingerprint", "")) if h.id in in_use else None
    if signer is not None and signer.fingerprint != verified.fingerprint:
        raise PackError(
            Phrase(
                MESSAGES["other_signer"],
                id=h.id,
                signer=signer.name,
                was=show_fingerprint(signer.fingerprint),
                now=show_fingerprint(verified.fingerprint),
            )
        )
    if replaces is not None:
        _refuse_not_above(folder, h, data, replaces)
    others = [(t, a) for t, a in current if a.header.id != h.id]
    for tree, _ in others:
        clash = set(tree.tree.documents) & set(verified.pack.tree.documents)
        if clash:
            files = sorted(clash)
            raise PackError(
                Phrase(MESSAGES["clash"], id=h.id, files="、".join(files), items=files, other=tree.header.id)
            )
    base = shipped_catalogue()
    before = merge(base, current)
    after = merge(base, [*others, (verified.pack, _active(verified, _file_name(h), ""))])
    if h.expired(today):
        warnings.append(Phrase(MESSAGES["expired_install"], date=h.expires_on.isoformat()))
    warnings += rewritten_past(before, after, today)
    for doc_id in after.kept_shipped:
        if doc_id in verified.pack.tree.documents:
            warnings.append(Phrase(MESSAGES["shipped_newer"], document=doc_id, checked=base.checked_on))
    return Plan(verified, before, after, warnings, replaces, trust)


def rewritten_past(before: Catalogue, after: Catalogue, today: dt.date) -> list[str]:
    """One line for each parameter of a measure in both libraries whose value on a day up to `today`
    differs: a new version that rewrites what was already in force (an amount already claimed on, say)."""
    out: list[str] = []
    for measure_id, new in after.measures.items():
        old = before.measures.get(measure_id)
        if old is None:
            continue
        for name, param in new.params.items():
            was = old.params.get(name)
            if was is None:
                continue
            days = sorted({d for d in (*param.dates, *was.dates) if d <= today})
            changed = next((d for d in days if param.at(d) != was.at(d)), None)
            if changed is not None:
                out.append(
                    Phrase(
                        MESSAGES["rewritten"],
                        title=new.title,
                        measure=measure_id,
                        param=name,
                        on=changed.isoformat(),
                        before=_shown(was.at(changed)),
                        after=_shown(param.at(changed)),
                    )
                )
    return out


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value)


def _refuse_not_above(folder: Path, h: Header, data: bytes, installed: int) -> None:
    """PackError unless `h` is a version above the one `installed`: the same version is installed already
    when its files are those installed, and otherwise is another content under a number already used,
    which only its publisher can put right; a lower version would go back to older data."""
    if h.version == installed:
        said = "installed_already" if same_files(_stored(folder, h), data) else "same_version"
        raise PackError(Phrase(MESSAGES[said], id=h.id, version=h.version))
    if h.version < installed:
        raise PackError(Phrase(MESSAGES["not_newer"], id=h.id, version=h.version, installed=installed))


def _stored(folder: Path, h: Header) -> bytes | None:
    """The bytes of this version as installed, if its file is there."""
    try:
        return (folder / _file_name(h)).read_bytes()
    except OSError:
        return None


def _file_name(h: Header) -> str:
    return f"{h.id}-v{h.version}{SUFFIX}"


def commit_install(data_folder: Path, plan: Plan) -> None:
    """Write the pack file, then the state that names it: a crash in between leaves the old state."""
    folder = packs_folder(data_folder)
    with changing(folder):
        _commit_install(folder, plan)


def _commit_install(folder: Path, plan: Plan) -> None:
    from shenbao.core.store.files import write_atomically

    h = plan.verified.header
    entries = _read_state(folder)
    entry = next((e for e in entries if e["id"] == h.id), None)
    if entry is not None and entry.get("history"):
        # installed meanwhile (from the command line while the window showed the changes, say)
        _refuse_not_above(folder, h, plan.verified.data, entry["history"][-1]["version"])
    folder.mkdir(parents=True, exist_ok=True)
    if plan.trust is not None and find_trusted(folder, plan.trust.fingerprint) is None:
        trust_key(folder, plan.trust.raw, plan.trust.name)
    name = _file_name(h)
    write_atomically(folder / name, lambda tmp: tmp.write_bytes(plan.verified.data))
    if entry is None:
        entry = {"id": h.id, "history": []}
        entries.append(entry)
    entry["history"].append(
        {
            "version": h.version,
            "file": name,
            "sha256": hashlib.sha256(plan.verified.data).hexdigest(),
            "fingerprint": plan.verified.fingerprint,
            "installed_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
    )
    _write_state(folder, entries)


def removal_warnings(data_folder: Path, pack_id: str, today: dt.date) -> list[str]:
    """What undoing the last install of `pack_id` would take away or rewrite: each measure that would no
    longer be offered (its declarations stay in the register), and what was already in force
    by `today` that the version it goes back to, or the shipped library, values otherwise on a day already
    past. Nothing is written; a pack not installed has nothing to warn of (remove refuses it)."""
    folder = packs_folder(data_folder)
    entries = _read_state(folder)
    entry = next((e for e in entries if e["id"] == pack_id and e.get("history")), None)
    if entry is None:
        return []
    back = [e | {"history": e["history"][:-1]} if e is entry else e for e in entries]
    base = shipped_catalogue()
    before = merge(base, load_installed(data_folder)[0])
    after = merge(base, _load(folder, _in_use(back))[0])
    gone: list[str] = [
        Phrase(MESSAGES["gone"], title=m.title, measure=measure_id)
        for measure_id, m in before.measures.items()
        if measure_id not in after.measures
    ]
    return gone + rewritten_past(before, after, today)


def removable(data_folder: Path) -> list[tuple[str, int, int | None]]:
    """Each pack `remove` can undo the last install of: (id, the version installed last, the version it
    goes back to or None for none), in the order installed; those left out of use too (an untrusted
    key, a damaged file), which may be removed as well."""
    out: list[tuple[str, int, int | None]] = []
    for entry in _read_state(packs_folder(data_folder)):
        history = entry.get("history") or []
        if history:
            back = history[-2]["version"] if len(history) > 1 else None
            out.append((str(entry["id"]), int(history[-1]["version"]), back))
    return out


def remove(data_folder: Path, pack_id: str) -> int | None:
    """Undo the last install of `pack_id`: back to the version before it (returned), or to none."""
    folder = packs_folder(data_folder)
    with changing(folder):
        return _remove(folder, pack_id)


def _remove(folder: Path, pack_id: str) -> int | None:
    entries = _read_state(folder)
    entry = next((e for e in entries if e["id"] == pack_id and e.get("history")), None)
    if entry is None:
        raise PackError(Phrase(MESSAGES["not_installed"], id=pack_id))
    gone = entry["history"].pop()
    if not entry["history"]:
        entries.remove(entry)
    _write_state(folder, entries)
    (folder / gone["file"]).unlink(missing_ok=True)
    return entry["history"][-1]["version"] if entry["history"] else None


def document_row(doc: Document) -> dict[str, Any]:
    """A document as `shenbao policies list` shows it; a notice (kind "notice") with its windows."""
    row: dict[str, Any] = {"id": doc.id, "kind": doc.kind, "title": doc.title, "period": doc.period_text()}
    if doc.superseded_by:
        row["superseded_by"] = doc.superseded_by
    if doc.kind == "notice":
        row["number"] = doc.number
        row["issued"] = doc.issued.isoformat() if doc.issued else None
        row["windows"] = [
            {
                "measure": w.measure,
                "opens": w.opens.isoformat(),
                "closes": w.closes.isoformat(),
                "materials": list(w.materials),
                "submit_to": w.submit_to,
                "contact": w.contact,
            }
            for w in doc.windows
        ]
    return row


def listing(data_folder: Path | None) -> list[dict[str, Any]]:
    """The shipped library and each pack in use, for `shenbao policies list`. Each document is listed
    with the dates in force the program judges by, the packs applied: a pack that ends a document, or a
    later pack's version of it, changes its dates, and the row names the packs that did and the dates
    its own source gave (`changed_by`, `period_before`), not to show a document in force that is not."""
    base = shipped_catalogue()
    packs, warnings = load_installed(data_folder) if data_folder is not None else ([], [])
    steps = [merge(base, packs[:n]) for n in range(1, len(packs) + 1)]
    now = steps[-1] if steps else base

    def row(doc: Document) -> dict[str, Any]:
        out = document_row(now.documents.get(doc.id, doc))
        changed_by = [
            {"id": active.header.id, "version": active.header.version}
            for (_, active), earlier, later in zip(packs, [base, *steps][:-1], steps, strict=True)
            if _dates(earlier.documents.get(doc.id)) != _dates(later.documents.get(doc.id))
            and _dates(later.documents.get(doc.id)) != _dates(doc)
        ]
        in_use = now.documents.get(doc.id, doc)
        if changed_by and _dates(in_use) != _dates(doc):
            out["changed_by"] = changed_by
            out["period_before"] = doc.period_text()
        elif _dates(in_use) != _dates(doc):  # a pack's version the shipped data is newer than
            out = {**document_row(doc), "kept_shipped": True}
        return out

    rows: list[dict[str, Any]] = [
        {
            "source": "builtin",
            "id": "builtin",
            "version": base.version,
            "title": "程序内置政策库",
            "publisher": "申报助手（随程序发布）",
            "checked_on": base.checked_on.isoformat(),
            "documents": [row(base.documents[d]) for d in base.library],
        }
    ]
    for tree, active in packs:
        rows.append({**active.to_dict(), "documents": [row(doc) for doc in tree.tree.documents.values()]})
    for w in warnings:
        rows.append({"source": "pack", "error": w})
    return rows


def _dates(doc: Document | None) -> tuple[Any, ...] | None:
    """What of a document decides when it is in force, as listed."""
    if doc is None:
        return None
    return (doc.kind, doc.in_force_from, doc.in_force_to, doc.superseded_by, doc.superseded_on, doc.windows)
