"""`shenbao read` and `shenbao invoices add`: invoices read from the tax platform's files, headless.

Handlers import the readers (lxml, pdfplumber) and the store only when they run."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from shenbao.commands.store import code_arg
from shenbao.errors import KnownError, complain, one_line


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser(
        "read", parents=[common], help="读取发票文件（数电 XML、OFD、PDF），输出字段、核对结果与提示"
    )
    r.add_argument("files", nargs="+", metavar="FILE", help="发票文件（数电 XML、OFD、PDF），可给多个")
    r.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    r.set_defaults(handler=run_read)

    i = sub.add_parser("invoices", parents=[common], help="把发票文件加入企业的算力服务发票清单")
    isub = i.add_subparsers(dest="invoices_command", metavar="ACTION", required=True)
    add = isub.add_parser(
        "add", parents=[common], help="读取发票文件并加入算力服务发票清单（附来源文件与 SHA-256）"
    )
    add.add_argument("--uscc", required=True, type=code_arg, metavar="CODE", help="企业的统一社会信用代码")
    add.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="发票文件（数电 XML、OFD、PDF），可给多个；任何一个有错则都不加入",
    )
    add.add_argument(
        "--allow-other-buyer",
        action="store_true",
        help="购买方纳税人识别号不是本企业时也加入（分支机构、企业更名）",
    )
    add.add_argument(
        "--year", type=int, metavar="YYYY", help="申报年度（默认：清单中发票最多的年份，清单为空时为上一年）"
    )
    add.set_defaults(handler=run_add)


MISSING = "（未读到）"


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _read_all(files: list[str], refused: str = "") -> list[Any]:
    """Every file read; when any cannot be, one line per such file on stderr and exit 2, nothing else
    (the last line ends with `refused`, saying what was therefore not done)."""
    from shenbao.core.documents import DocumentError, read_document

    readings, errors = [], []
    for name in files:
        try:
            readings.append(read_document(name))
        except DocumentError as err:
            errors.append(str(err))
    if errors:
        for line in errors[:-1]:
            complain(line)
        raise KnownError(errors[-1] + refused)
    return readings


def run_read(args: argparse.Namespace) -> int:
    readings = _read_all(args.files)
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    if fmt == "json":
        _out(json.dumps([r.to_dict() for r in readings], ensure_ascii=False, indent=2) + "\n")
    else:
        _out("\n".join(_text(r.to_dict()) for r in readings))
    return 0


def _text(reading: dict[str, Any]) -> str:
    f = reading["fields"]
    if reading["kind"] == "licence":
        labels = {
            "name": "名称",
            "uscc": "统一社会信用代码",
            "type": "类型",
            "legal_representative": "法定代表人",
            "registered_capital": "注册资本（元）",
            "established_on": "成立日期",
            "address": "住所",
        }
        lines = [f"{reading['file']}（营业执照，识别结果）"]
        lines += [f"  {label}  {f.get(key) or '（未识别）'}" for key, label in labels.items()]
        lines += [f"  {'✓' if c['ok'] else '✗'} {c['message']}" for c in reading["checks"]]
        lines += [f"  ! {w}" for w in reading["warnings"]]
        return "\n".join(lines) + "\n"
    f = {key: MISSING if value is None else value for key, value in f.items()}
    number = f"{f['invoice_code']} {f['invoice_no']}" if f["invoice_code"] != MISSING else f["invoice_no"]
    buyer_id = reading["fields"]["buyer_tax_id"] or "（个人）"
    lines = [
        f"{reading['file']}（{reading['format'].upper()} 发票{'，红字' if f['red_letter'] is True else ''}"
        f"{'，识别结果' if reading.get('recognised') else ''}）",
        f"  发票号码  {number}",
        f"  开票日期  {f['date']}",
        f"  销售方    {f['seller_name']}  {f['seller_tax_id']}",
        f"  购买方    {f['buyer_name']}  {buyer_id}",
        f"  金额 {f['amount']}  税额 {f['tax']}  价税合计 {f['total']}",
        *(
            "  · "
            + "  ".join(MISSING if i[k] is None else str(i[k]) for k in ("name", "amount", "rate", "tax"))
            for i in f["items"]
        ),
        *(f"  {'✓' if c['ok'] else '✗'} {c['message']}" for c in reading["checks"]),
        *(f"  ! {w}" for w in reading["warnings"]),
    ]
    return "\n".join(lines) + "\n"


def run_add(args: argparse.Namespace) -> int:
    from shenbao.commands.store import open_store
    from shenbao.core.documents.intake import NOTE, IntakeRefused, add_invoices
    from shenbao.core.model import FORMAT, ProfileError

    if args.year is not None and not 2000 <= args.year <= 2099:
        raise KnownError(
            f"申报年度 {args.year} 无效，应为 2000 至 2099 年间的年份（如 2025）；没有加入任何发票"
        )
    # one file that cannot be read lets none of the others in: the clerk adding thirty is told so
    readings = _read_all(args.files, "；没有加入任何发票")
    for reading in readings:
        if reading.kind != "invoice":
            raise KnownError(f"{reading.file}: 这是营业执照，不是发票；没有加入任何发票")
    with open_store(args) as store:
        document = {"format": FORMAT, **store.get_profile(args.uscc)}
        try:
            intake = add_invoices(
                document, readings, allow_other_buyer=args.allow_other_buyer, year=args.year
            )
        except IntakeRefused as err:
            hint = "（可加 --allow-other-buyer）" if err.reason == "buyer" else ""
            raise KnownError(f"{err.message}{hint}；没有加入任何发票") from None
        try:
            store.save_profile(intake.document)
        except ProfileError as err:
            raise KnownError(f"{args.uscc}: {err}；没有加入任何发票") from None
    for line in intake.warnings:
        print(one_line(f"提示：{line}"), file=sys.stderr)
    total = sum(_decimal(r["amount"]) for r in intake.added)
    print(
        f"已加入 {len(intake.added)} 张发票，价税合计 {total:,.2f} 元（申报年度 {intake.year}）。{NOTE}",
        file=sys.stderr,
    )
    return 0


def _decimal(value: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(value))
