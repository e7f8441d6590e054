"""`shenbao preview` and `shenbao measures`: the rules, headless (INTERCHANGE.md "Headless preview")."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from shenbao.commands.store import code_arg
from shenbao.errors import OS_REASONS, KnownError, not_a_folder


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("preview", parents=[common], help="测算一个或一批企业档案可申报的措施")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--profile", metavar="FILE", help="企业档案 JSON 文件")
    src.add_argument("--profiles", metavar="DIR", help="文件夹：测算其中每个 *.json 档案")
    src.add_argument(
        "--uscc", type=code_arg, metavar="CODE", help="数据文件夹（--data-dir）中已保存企业的统一社会信用代码"
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="测算日期（默认：今天）")
    p.add_argument("--format", choices=("json", "text", "jsonl"), help="输出格式（终端默认 text，否则 json）")
    p.add_argument(
        "--trace",
        action="store_true",
        help="每项措施写出完整的测算过程：文字输出在每项下列出依据、条件、公式与说明；"
        "--profiles 批量测算时写出完整结果（原因、提示、说明与测算过程），"
        "默认只写 measure、status、amount，以及有时的 reasons（原因代码）与 missing（缺少的字段）",
    )
    p.set_defaults(handler=run_preview)

    m = sub.add_parser("measures", parents=[common], help="列出全部扶持措施及其条款")
    m.add_argument("--as-of", metavar="YYYY-MM-DD", help="判断是否有效的日期（默认：今天）")
    m.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    m.set_defaults(handler=run_measures)


def parse_as_of(text: str | None) -> dt.date:
    """--as-of as --on and a deadline take a date (core.register.parse_day, through the one reader of
    typed dates, fieldkinds.parse_date): 2026-12-10, 2026/12/10, 2026年12月10日, full-width digits too."""
    if text is None:
        return dt.date.today()
    from shenbao.core.fieldkinds import parse_date

    day = parse_date(text)
    if day is None:
        raise KnownError(f"--as-of 日期 {text!r} 无效，应为存在的日期 YYYY-MM-DD")  # as --on says it
    return day


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _default_format(fmt: str | None, batch: bool = False) -> str:
    if fmt:
        return fmt
    if batch:
        return "jsonl"
    return "text" if sys.stdout.isatty() else "json"


def run_preview(args: argparse.Namespace) -> int:
    from shenbao.core.model import ProfileError, load_profile_file
    from shenbao.core.rules import rules

    as_of = parse_as_of(args.as_of)
    engine = rules()
    if args.profiles:
        return _preview_batch(
            Path(args.profiles), as_of, _default_format(args.format, batch=True), args.trace
        )
    fmt = _default_format(args.format)
    if fmt == "jsonl":
        raise KnownError("--format jsonl 仅用于 --profiles 批量测算")
    if args.uscc:
        from shenbao.commands.store import stored_profile

        profile = stored_profile(args, args.uscc)
    else:
        try:
            profile = load_profile_file(args.profile)
        except ProfileError as err:
            raise KnownError(str(err)) from None
    pv = engine.preview(profile, as_of)
    if fmt == "json":
        _out(json.dumps(pv.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _out(render_text(pv, profile, trace=args.trace, paid=_paid(args, pv) if args.uscc else None))
    return 0


def _paid(args: argparse.Namespace, pv: Any) -> dict[str, Any]:
    """What the register of the data folder records as received for each measure of a stored enterprise's
    preview (Store.received), by measure: as the window's trace, the text says it."""
    from shenbao.commands.store import open_store

    paid = {}
    with open_store(args, to_read=True) as store:
        for r in pv.results:
            received = store.received(str(pv.enterprise.get("uscc")), r.measure)
            if received.payments and received.last is not None:
                paid[r.measure] = received
    return paid


def profile_files(folder: Path) -> list[Path]:
    """The profiles of `folder` (*.json in any case, 企业.JSON as Windows writes it too, by name); a folder
    without any is refused (the wrong folder chosen gave `preview` no output and `render` 0 forms, both as
    a success)."""
    why = not_a_folder(folder)
    if why == OS_REASONS["ENOENT"]:
        raise KnownError(f"{folder}: 文件夹不存在")
    if why:
        raise KnownError(f"{folder}: {why}")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
    if not files:
        raise KnownError(f"{folder}: 没有企业档案（*.json）")
    return files


def _preview_batch(folder: Path, as_of: dt.date, fmt: str, trace: bool = False) -> int:
    """One JSON line per profile: each result brief (`Result.to_brief`: codes and values), or with
    `trace` in full as the single preview gives it (`Result.to_dict`)."""
    from shenbao.core.model import ProfileError, load_profile_file
    from shenbao.core.rules import Result, rules

    if fmt != "jsonl":
        raise KnownError("--profiles 批量测算的输出格式为 --format jsonl")
    files = profile_files(folder)
    engine = rules()
    failures = 0
    write = sys.stdout.buffer.write
    as_data = Result.to_dict if trace else Result.to_brief
    for path in files:
        try:
            pv = engine.preview(load_profile_file(path), as_of)
            line: dict[str, Any] = {"file": path.name, "results": [as_data(r) for r in pv.results]}
        except ProfileError as err:
            failures += 1
            line = {"file": path.name, "error": str(err)}
        write(json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.flush()
    if failures:
        print(f"shenbao: {failures} 个档案有错误，见输出中的 error 行", file=sys.stderr)
        return 2
    return 0


def run_measures(args: argparse.Namespace) -> int:
    from shenbao.core.policies import catalogue

    as_of = parse_as_of(args.as_of)
    cat = catalogue()
    rows = []
    for m in cat.measures.values():
        doc = cat.documents[m.document]
        rows.append(
            {
                "id": m.id,
                "title": m.title,
                "document": m.document,
                "article": m.article,
                "amount_kind": m.amount_kind,
                "selection": m.selection,
                "in_force": doc.in_force(as_of),
                "document_status": doc.status_code(as_of),
                "responsible": list(m.responsible),
                "clause": m.clause,
            }
        )
    if _default_format(args.format) == "json":
        _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        from shenbao.core.policies import DOCUMENT_STATUS_LABELS
        from shenbao.core.rules import KIND_LABELS

        lines = [f"扶持措施目录（按 {as_of.isoformat()} 判断是否有效）", ""]
        for r in rows:
            flag = DOCUMENT_STATUS_LABELS[r["document_status"]]  # 现行有效, 已被替代 (fj2023), 已失效…
            sel = "·遴选" if r["selection"] else ""
            lines.append(f"{r['id']}  {r['title']}  [{KIND_LABELS[r['amount_kind']]}{sel}] {flag}")
            lines.append(f"    {r['clause']}")
            if r["responsible"]:
                lines.append(f"    责任单位：{'、'.join(r['responsible'])}")
        _out("\n".join(lines) + "\n")
    return 0


# --- the text table -------------------------------------------------------------------------------


# The title column is as wide as the widest title judged, up to TITLE_MOST terminal columns (every
# shipped title fits); a wider title, such as a policy pack may bring, is wrapped within it.
TITLE_MOST = 48


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: a wide or full-width character (every Chinese one) two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """`text` filled to `width` columns; a left-aligned text as wide or wider keeps two spaces after it,
    so a long title never runs into the column beside it."""
    gap = " " * max(width - _width(text), 0 if right else 2)
    return gap + text if right else text + gap


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal columns each (at least one character a line)."""
    lines = [""]
    for ch in text:
        if lines[-1] and _width(lines[-1] + ch) > width:
            lines.append("")
        lines[-1] += ch
    return lines


def render_text(
    pv: Any, profile: Any = None, *, trace: bool = False, paid: Mapping[str, Any] | None = None
) -> str:
    """The preview as a terminal shows it; facts of `profile` that contradict each other (福州市 in
    浙江省) are said under the headline, before any measure judged on them. Under each measure: why it
    is not met, what is missing, what to check (提示; one said of every measure of a document, such as
    厦门's own funding, once under the document) and, where an amount is shown, how it was read (说明).
    With `trace`, each measure's whole reckoning too: clause, conditions, formula. The headline names
    the policy data judged with (its version names each pack in use). `paid` (by measure,
    a stored enterprise's Store.received) says what the register holds as received for a measure, as
    the window's trace does: a cap over the policy's term may count it, and the amount does not."""
    from shenbao.core.model import contradictions
    from shenbao.core.money import yuan_and_wan
    from shenbao.core.policies import DOCUMENT_STATUS_LABELS, catalogue
    from shenbao.core.rules import KIND_LABELS, STATUS_LABELS
    from shenbao.core.rules.formulas import money

    ent = pv.enterprise
    lines = [
        f"{ent.get('name') or ''}（{ent.get('uscc') or '未填统一社会信用代码'}）  按 {pv.as_of.isoformat()} 测算"
        f"（政策数据 {pv.policy_version}）",
        f"{pv.totals().headline()}（不含按规定、非资金及待补充的措施）",
    ]
    if profile is not None:
        lines += [f"提示：{c.message}" for c in contradictions(profile.enterprise, profile.facts)]
    lines.append("")
    documents = catalogue().documents
    # Each column as wide as its widest entry, so every row's status, amount and kind line up.
    title_width = min(max((_width(r.title) for r in pv.results), default=0), TITLE_MOST)
    status_width = 16  # 未生效·已失效 and 已被替代 with room to spare
    amount_width = max(
        [18] + [_width(f"{money(r.amount)} 元") + 2 for r in pv.results if r.amount is not None]
    )
    for group in _by_document(pv.results):
        said = [r for r in group if r.status != "not_in_force"]
        shared = (
            [w for w in said[0].warnings if all(w in r.warnings for r in said[1:])] if len(said) > 1 else []
        )
        lines.append(f"《{group[0].document_title}》")
        lines += [f"  提示：{w}" for w in shared]
        for r in group:
            amount = "" if r.amount is None else f"{money(r.amount)} 元"
            kind = KIND_LABELS[r.amount_kind] + ("·遴选" if r.selection else "")
            status = STATUS_LABELS[r.status]
            document = documents.get(r.document)
            if r.status == "not_in_force" and document and document.status_code(pv.as_of) == "superseded":
                status = DOCUMENT_STATUS_LABELS["superseded"]  # fj2023, replaced by fj2025
            title, *more = _wrap(r.title, title_width)
            lines.append(
                "  "
                + _pad(title, title_width + 2)
                + _pad(status, status_width)
                + _pad(amount, amount_width, right=True)
                + "  "
                + kind
            )
            lines += ["  " + part for part in more]
            for reason in r.reasons if r.status == "ineligible" else []:
                lines.append(f"      ✗ {reason}")
            if r.status == "eligible" and r.closed:
                lines.append("      已无受理期：政策有效期内不再受理此项申报，不计入上方金额")
            if r.status == "incomplete" and not trace:  # the trace ends with the same line
                from shenbao.core.model import label_of

                lines.append("      待补充：" + "、".join(label_of(p) for p in r.missing))
            if r.status == "not_in_force" and not trace:
                continue
            if trace:
                lines += [f"      {step}" for step in r.trace]
            lines += [f"      提示：{w}" for w in r.warnings if w not in shared]
            if trace or r.status == "eligible":
                lines += [f"      说明：{n}" for n in r.notes]
            received = (paid or {}).get(r.measure)
            if received is not None:
                lines.append(
                    f"      申报记录：本企业此项已登记拨付 {yuan_and_wan(received.total)}（{received.payments} 笔，"
                    f"最近一笔 {received.last.isoformat()}）；上方测算金额未扣除"
                )
    return "\n".join(lines) + "\n"


def _by_document(results: Any) -> list[list[Any]]:
    """The results in runs of one document each, in their order."""
    groups: list[list[Any]] = []
    for r in results:
        if groups and groups[-1][0].document == r.document:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups
