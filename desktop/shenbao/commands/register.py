"""`shenbao declarations` (the register of declarations: list, show, change state, deadline, materials,
print again) and `shenbao todo` (windows, deadlines and documents expiring soon)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from shenbao.commands.rules import parse_as_of
from shenbao.commands.store import _json, _out, code_arg
from shenbao.core import money

ID_HELP = "申报编号（declarations list 列出的 #号）"
STATES_HELP = "draft 草稿、generated 已生成、submitted 已提交、accepted 已受理、selected 已入选·已立项、paid 已拨付、refused 未通过、withdrawn 已撤回"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    d = sub.add_parser(
        "declarations", parents=[common], help="申报记录：列出、查看申报，记录提交、受理、立项、拨付"
    )
    dsub = d.add_subparsers(dest="declarations_command", metavar="ACTION", required=True)
    ls = dsub.add_parser("list", parents=[common], help="列出申报")
    ls.add_argument("--uscc", type=code_arg, metavar="CODE", help="只列出这家企业的申报")
    ls.add_argument("--state", metavar="STATE", help=f"只列出这一状态的申报：{STATES_HELP}")
    ls.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    ls.set_defaults(handler=run_list)

    show = dsub.add_parser(
        "show", parents=[common], help="一份申报的全部记录：状态变更、金额、材料、依据是否已变化"
    )
    show.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    show.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    show.set_defaults(handler=run_show)

    st = dsub.add_parser("set-state", parents=[common], help="更改申报状态，记录日期、受理编号、备注和金额")
    st.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    st.add_argument("state", metavar="STATE", help=STATES_HELP)
    st.add_argument("--on", metavar="YYYY-MM-DD", help="发生日期（默认：今天）")
    st.add_argument("--ref", metavar="R", help="受理编号或立项文号")
    st.add_argument("--awarded", metavar="AMOUNT", help="核定金额（元），已入选·已立项或已拨付时")
    st.add_argument(
        "--received", metavar="AMOUNT", help="本次拨付金额（元），已拨付时；分期拨付时每期记录一次"
    )
    st.add_argument("--note", default="", metavar="N", help="备注")
    st.set_defaults(handler=run_set_state)

    rp = dsub.add_parser(
        "remove-payment",
        parents=[common],
        help="撤销一笔记错的拨付（如把 6000 记成了 60000），再用 set-state 记录正确的金额",
        description=(
            "撤销一笔记错的拨付：第 N 笔按 show 的“拨付：”一节的顺序，从 1 起。状态记录保留被撤销拨付的"
            "日期、金额和备注，以及撤销的时间和操作人；撤销已拨付申报的最后一笔拨付时，申报回到已拨付之前"
            "的状态。"
        ),
    )
    rp.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    rp.add_argument("payment", type=int, metavar="N", help="第几笔拨付（show 的“拨付：”一节，从 1 起）")
    rp.add_argument("--note", default="", metavar="TEXT", help="撤销原因，记入状态记录")
    rp.add_argument(
        "--amount",
        metavar="AMOUNT",
        help="这笔拨付的金额（元）：第 N 笔不是这个金额时不撤销（show 之后拨付记录又有变化时，不致撤销另一笔）",
    )
    rp.set_defaults(handler=run_remove_payment)

    dl = dsub.add_parser("deadline", parents=[common], help="设置或清除一份申报的截止日期")
    dl.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    dl.add_argument("date", metavar="YYYY-MM-DD|none", help="截止日期；none 或“无”清除")
    dl.set_defaults(handler=run_deadline)

    tk = dsub.add_parser("tick", parents=[common], help="勾选申报材料清单的一项（从 1 起），可附文件")
    tk.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    tk.add_argument(
        "item", type=int, metavar="N", help="材料清单的第几项（show 的“申报材料清单：”一节，从 1 起）"
    )
    tk.add_argument("--undo", action="store_true", help="取消勾选")
    tk.add_argument("--file", metavar="FILE", help="附上磁盘上的文件（记录路径和 SHA-256，文件变化时提醒）")
    tk.set_defaults(handler=run_tick)

    rg = dsub.add_parser(
        "regenerate", parents=[common], help="按生成时的依据重新生成申报书 PDF（文件被移动或删除时）"
    )
    rg.add_argument("id", type=int, metavar="ID", help=ID_HELP)
    rg.add_argument("--out", metavar="FILE.pdf", help="输出到另一位置（默认：原位置）")
    rg.set_defaults(handler=run_regenerate)

    t = sub.add_parser(
        "todo", parents=[common], help="待办：即将开始或正在进行的受理期、临近的截止日期、即将到期的政策"
    )
    t.add_argument("--uscc", type=code_arg, metavar="CODE", help="只看这家企业")
    t.add_argument("--as-of", metavar="YYYY-MM-DD", help="以这一天为准（默认：今天）")
    t.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    t.set_defaults(handler=run_todo)


def _format(args: argparse.Namespace) -> str:
    return args.format or ("text" if sys.stdout.isatty() else "json")


def _money(value: Any) -> str:
    return "—" if value is None else money.yuan(value)


def _yuan(value: Any) -> str:
    """An amount with its unit, or "—" alone when there is none (as the window shows it)."""
    return "—" if value is None else f"{money.yuan(value)} 元"


def _store(args: argparse.Namespace) -> Any:
    from shenbao.commands.store import open_store

    return open_store(args)


def run_list(args: argparse.Namespace) -> int:
    from shenbao.core.phrases import Phrase
    from shenbao.core.register import basis_changed, entries
    from shenbao.core.store.db import REFUSALS, StoreError

    with _store(args) as store:
        if args.uscc and not store.has_enterprise(args.uscc):
            raise StoreError(Phrase(REFUSALS["no_enterprise"], uscc=args.uscc))
        found = entries(store, args.uscc, args.state)
        changed = {e.id: basis_changed(store, e) for e in found}
    if _format(args) == "json":
        _out(_json([{**e.to_dict(), "basis_changed": changed[e.id]} for e in found]))
        return 0
    lines = []
    for e in found:
        mark = "  依据已变化" if changed[e.id] else ""
        lines.append(
            f"#{e.id}  {e.uscc}  {e.name}  {e.title}（{e.measure}）  {e.state_label}  申请 {_money(e.amount_applied)}"
            f"  核定 {_money(e.amount_awarded)}  已拨付 {_money(e.received)}{mark}\n"
        )
    _out("".join(lines) or "（没有申报）\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from shenbao.core.register import basis_change, entry

    with _store(args) as store:
        e = entry(store, args.id)
        change = basis_change(store, e)
    data = {
        **e.to_dict(),
        "basis_changed": change is not None,
        "basis_changes": list(change.lines) if change else [],
    }
    if _format(args) == "json":
        _out(_json(data))
        return 0
    out = [
        f"申报 #{e.id}  {e.title}（{e.measure}）",
        f"企业：{e.name}（{e.uscc}）",
        f"状态：{e.state_label}" + (f"  受理编号：{e.reference}" if e.reference else ""),
        f"申请金额：{_yuan(e.amount_applied)}  核定金额：{_yuan(e.amount_awarded)}  已拨付：{_yuan(e.received)}",
    ]
    cover = ([f"受理部门：{e.office}"] if e.office else []) + (
        [f"申报日期：{e.declared_on.isoformat()}"] if e.declared_on else []
    )
    if cover:  # as printed on the form's cover
        out.append("  ".join(cover))
    if e.deadline:
        out.append(f"截止日期：{e.deadline.isoformat()}")
    if e.pdf_path:
        state = {
            "ok": "",
            "missing": "（文件已移动或删除，可用 regenerate 重新生成）",
            "changed": "（文件已被修改）",
        }
        out.append(f"申报书：{e.pdf_path}{state.get(e.pdf_state() or '', '')}")
    if e.policy_version:
        out.append(f"测算日期：{e.as_of}  政策数据版本：{e.policy_version}")
    if change:
        out.append("依据已变化：" + "；".join(change.lines))
    out.append("状态记录：")
    out += [
        f"  {ev.on}  {_label(ev.state)}"
        + (f"  {ev.reference}" if ev.reference else "")
        + (f"  {ev.note}" if ev.note else "")
        for ev in e.events
    ]
    if e.payments:
        out.append("拨付：")
        out += [
            f"  {n}. {p.on}  {_money(p.amount)} 元" + (f"  {p.note}" if p.note else "")
            for n, p in enumerate(e.payments, 1)
        ]
    if e.materials:
        out.append("申报材料清单：")
        warn = {"changed": "  ⚠ 文件已变化", "missing": "  ⚠ 文件不存在"}
        out += [
            f"  {m.position + 1}. [{'x' if m.done else ' '}] {m.item}"
            + (f"  {m.path}" if m.path else "")
            + warn.get(m.file_state() or "", "")
            for m in e.materials
        ]
    _out("\n".join(out) + "\n")
    return 0


def _label(state: str) -> str:
    from shenbao.core.register import state_label

    return state_label(state)


def run_set_state(args: argparse.Namespace) -> int:
    from shenbao.core.register import set_state

    with _store(args) as store:
        e = set_state(
            store,
            args.id,
            args.state,
            on=args.on,
            reference=args.ref,
            note=args.note,
            awarded=args.awarded,
            received=args.received,
        )
    print(f"申报 #{e.id} 已记为{e.state_label}（{e.events[-1].on}）", file=sys.stderr)
    return 0


def run_remove_payment(args: argparse.Namespace) -> int:
    from shenbao.core.register import remove_payment, typed_amount

    amount = typed_amount(args.amount) if args.amount is not None else None  # refused before the store opens
    with _store(args) as store:
        e = remove_payment(store, args.id, args.payment - 1, note=args.note, amount=amount)
    print(
        f"申报 #{e.id} 已撤销第 {args.payment} 笔拨付：{e.events[-1].note.split(' ', 1)[-1]}；"
        f"已拨付 {_yuan(e.received)}，状态：{e.state_label}",
        file=sys.stderr,
    )
    return 0


def run_deadline(args: argparse.Namespace) -> int:
    from shenbao.core.register import set_deadline

    with _store(args) as store:
        e = set_deadline(store, args.id, args.date)
    print(f"申报 #{e.id} 截止日期：{e.deadline or '无'}", file=sys.stderr)
    return 0


def run_tick(args: argparse.Namespace) -> int:
    from shenbao.core.register import tick

    with _store(args) as store:
        e = tick(store, args.id, args.item - 1, not args.undo, file=args.file or None)
    m = e.materials[args.item - 1]
    print(f"申报 #{e.id} 材料 {args.item}. [{'x' if m.done else ' '}] {m.item}", file=sys.stderr)
    return 0


def run_regenerate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from shenbao.commands.pdf import pdf_name, wanting_note, warn
    from shenbao.core.register import entry, reprint

    if args.out:
        pdf_name(Path(args.out), "申报书")
    with _store(args) as store:
        path, rendered = reprint(store, args.id, Path(args.out) if args.out else None)
        same = entry(store, args.id).pdf_state() == "ok"
    warn(rendered.warnings)  # as `shenbao render` warns of the first print
    _out(f"{path}{wanting_note(rendered.wanting)}\n")  # the boxes printed 待补充 named as render names them
    if not same:
        print("shenbao: 警告：重新生成的文件与原件校验码不同", file=sys.stderr)
    return 0


def run_todo(args: argparse.Namespace) -> int:
    from shenbao.core.deadlines import todo

    as_of = parse_as_of(args.as_of)
    with _store(args) as store:
        items = todo(store, as_of, args.uscc)
    if _format(args) == "json":
        _out(_json([t.to_dict() for t in items]))
        return 0
    lines = [f"{t.day.isoformat()}  {t.kind_label}  {t.name}  {t.title}：{t.text}\n" for t in items]
    _out("".join(lines) or f"（{as_of.isoformat()} 前后没有待办）\n")
    return 0
