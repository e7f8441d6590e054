"""`shenbao export|import|profiles|backup|restore|key`: the local store from the command line.

Handlers import the store (sqlite-utils, keyring, cryptography, openpyxl) only when they run."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from shenbao.errors import KnownError, complain, one_line

if TYPE_CHECKING:
    from shenbao.core.store.repository import Store

BUNDLE_PASSPHRASE_ENV = "SHENBAO_BUNDLE_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SHENBAO_NEW_PASSPHRASE"


def code_arg(text: str) -> str:
    """A 统一社会信用代码 given on the command line, as tables read one: spaces and hyphens inside it
    (copied from a licence or a document), full-width letters and digits, lower case."""
    from shenbao.core.fieldkinds import normal_uscc

    code = normal_uscc(text)
    if not code:  # spaces alone: no enterprise, not every one
        raise argparse.ArgumentTypeError("不能为空")
    return code


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    e = sub.add_parser(
        "export",
        parents=[common],
        help="把企业档案和申报导出为 .shenbao 数据包，或把档案导出为园区表格（.csv、.xlsx）",
    )
    e.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="数据包文件（.shenbao）；以 .csv 或 .xlsx 结尾时导出园区表格（不含申报记录和敏感信息）",
    )
    e.add_argument(
        "--uscc", nargs="+", type=code_arg, metavar="CODE", help="只导出这些统一社会信用代码的企业"
    )
    e.add_argument(
        "--passphrase",
        action="store_true",
        help=f"用口令加密数据包（在终端中输入，或取自环境变量 {BUNDLE_PASSPHRASE_ENV}）。加密的数据包他人无法读取或改动；"
        "不加密的只有完整性校验，任何人都可改动后重算校验码，交给他人时请加密",
    )
    e.add_argument("--omit-sensitive", action="store_true", help="不导出身份证号、联系电话等敏感信息")
    e.add_argument(
        "--template",
        action="store_true",
        help="不导出企业，只写一份含全部表头的空白园区表格（--out 为 .csv 或 .xlsx），填好后可导入",
    )
    e.set_defaults(handler=run_export)

    i = sub.add_parser("import", parents=[common], help="导入数据包、档案 JSON 或园区表格（CSV、TXT、XLSX）")
    i.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="数据包（.shenbao）、档案 JSON 或园区表格（.csv、制表符分隔的 .txt、.xlsx，每行一家企业；"
        "含全部表头的空白表格可用 shenbao export --template --out 表格.csv 得到）",
    )
    i.add_argument(
        "--on-conflict",
        choices=("keep", "replace"),
        help="企业已存在时：keep 保留已有记录，replace 以导入的更新（表格只更新它有的列，其余保留；"
        "数据包和档案整体替换）（默认：不导入并列出冲突）",
    )
    i.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="表格中有错误的行不导入，其余照常导入（默认：有任何错误行则整个不导入）",
    )
    i.add_argument(
        "--rejects",
        metavar="FILE",
        help="把有错误的行连同错误写入此表格（.csv 或 .xlsx），改正后可再次导入",
    )
    i.add_argument("--dry-run", action="store_true", help="只列出将要新增、更新和跳过的内容，不写入")
    i.add_argument(
        "--progress",
        action="store_true",
        help="在标准错误上报告进度（读取、检查、写入）；标准错误是终端时默认报告",
    )
    i.set_defaults(handler=run_import)

    p = sub.add_parser("profiles", parents=[common], help="列出、查看或删除已保存的企业档案")
    psub = p.add_subparsers(dest="profiles_command", metavar="ACTION", required=True)
    ls = psub.add_parser("list", parents=[common], help="列出企业")
    ls.add_argument("--search", default="", metavar="TEXT", help="按名称、代码或地区筛选")
    ls.add_argument("--format", choices=("json", "text"), help="输出格式（终端默认 text，否则 json）")
    ls.set_defaults(handler=run_list)
    show = psub.add_parser("show", parents=[common], help="输出一家企业的档案 JSON")
    show.add_argument("uscc", type=code_arg, metavar="CODE", help="企业的统一社会信用代码")
    show.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json 输出完整档案（默认）；text 按档案编辑器的分组逐行列出各字段，遮蔽身份证号和电话",
    )
    show.add_argument("--masked", action="store_true", help="遮蔽身份证号和电话")
    show.set_defaults(handler=run_show)
    rm = psub.add_parser("rm", parents=[common], help="删除一家企业及其申报")
    rm.add_argument("uscc", type=code_arg, metavar="CODE", help="企业的统一社会信用代码；删除前先备份")
    rm.add_argument("--format", choices=("json", "text"), help="无作用：删除的结果总写在标准错误上，不论格式")
    rm.set_defaults(handler=run_rm)

    b = sub.add_parser("backup", parents=[common], help="立即备份数据库（保留最近 10 份）")
    b.add_argument("--list", action="store_true", help="列出已有备份")
    b.set_defaults(handler=run_backup)
    r = sub.add_parser("restore", parents=[common], help="从备份恢复数据库（默认：最近的完好备份）")
    r.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="备份文件（默认：最近的完好备份；shenbao backup --list 列出备份）",
    )
    r.set_defaults(handler=run_restore)

    k = sub.add_parser("key", parents=[common], help="显示或更改数据密钥的存放位置：系统钥匙串或数据口令")
    k.add_argument(
        "--to",
        choices=("keyring", "passphrase"),
        help="keyring 改存到系统钥匙串；passphrase 改由数据口令保护（已由口令保护时更换口令），"
        f"新口令在终端中输入两次，或取自环境变量 {NEW_PASSPHRASE_ENV}",
    )
    k.add_argument(
        "--rotate",
        action="store_true",
        help="换用新的数据密钥：所有加密信息在一次事务中重新加密，旧密钥和旧口令从此打不开当前数据",
    )
    k.add_argument(
        "--backups",
        choices=("reencrypt", "delete"),
        help="与 --rotate 同用：已有备份仍由旧密钥加密，reencrypt 把它们重新加密，delete 删除它们",
    )
    k.set_defaults(handler=run_key)


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def ask_passphrase(new: bool, what: str = "数据口令") -> str | None:
    """Ask at the terminal (twice when a new one is set); None when there is no terminal."""
    if not _interactive():
        return None
    import getpass

    from shenbao.core.store.secrets import check_new_passphrase

    try:
        first = getpass.getpass(f"请输入{what}：")
        if new:
            check_new_passphrase(first, what)
            if getpass.getpass(f"请再次输入{what}：") != first:
                raise KnownError(f"两次输入的{what}不一致")
    except EOFError:  # Ctrl-D at the prompt
        raise KnownError(f"未输入{what}") from None
    return first


def _tell_wrong() -> None:
    print("shenbao: 数据口令不正确，请重新输入", file=sys.stderr, flush=True)


ask_passphrase.on_wrong = _tell_wrong  # type: ignore[attr-defined]  # see PassphrasePrompt


def _typed_bundle_passphrase() -> Callable[[], str | None]:
    """The passphrase of a bundle being read; one typed at a terminal may be typed again when wrong."""

    def ask() -> str | None:
        return _bundle_passphrase(False)

    if not os.environ.get(BUNDLE_PASSPHRASE_ENV) and _interactive():
        ask.on_wrong = lambda: print(  # type: ignore[attr-defined]  # see secrets.PassphrasePrompt
            "shenbao: 数据包口令不正确，请重新输入", file=sys.stderr, flush=True
        )
    return ask


def _bundle_passphrase(new: bool) -> str | None:
    from shenbao.core.store.secrets import check_new_passphrase

    value = os.environ.get(BUNDLE_PASSPHRASE_ENV)
    if value and new:
        return check_new_passphrase(value, "数据包口令", BUNDLE_PASSPHRASE_ENV)
    return value or ask_passphrase(new, "数据包口令")


def open_store(args: argparse.Namespace, *, to_read: bool = False, create: bool = False) -> Store:
    """The data folder's store. A folder named (--data-dir, SHENBAO_DATA_DIR) that does not exist is
    refused unless the command may begin one (`create`: an import): a mistyped name would otherwise give
    a new empty folder, and a listing of nothing where the park's enterprises were expected."""
    from shenbao.core.store.repository import Store

    return Store.open(named_folder(args, create=create), prompt=ask_passphrase, to_read=to_read)


def named_folder(args: argparse.Namespace, *, create: bool = False) -> str | None:
    """The data folder named (--data-dir, SHENBAO_DATA_DIR), refused when it does not exist (see
    `open_store`) or is a file; None for the user data folder."""
    from pathlib import Path

    from shenbao.cli import data_dir_of

    named = data_dir_of(args)
    given = "--data-dir" if getattr(args, "data_dir", None) else "SHENBAO_DATA_DIR"
    if named and not create and not Path(named).expanduser().exists():
        raise KnownError(f"数据文件夹 {named} 不存在：请检查 {given} 是否写对（导入企业时会新建数据文件夹）")
    if named and Path(named).expanduser().exists() and not Path(named).expanduser().is_dir():
        # 「无法创建数据文件夹」 was said to a listing, which creates nothing
        raise KnownError(f"数据文件夹 {named} 是一个文件，不是文件夹：请检查 {given} 是否写对")
    return named


@contextlib.contextmanager
def begun_folder(args: argparse.Namespace) -> Iterator[list[bool]]:
    """Around an import that may begin its data folder: set `written[0]` once it has written. A folder
    that did not exist before it (and the folders above it it made) is taken away again when it wrote
    nothing, a dry run, a refusal or a failure: a mistyped --data-dir left an empty folder, which the
    next `profiles list` took for a folder of no enterprises instead of refusing the name."""
    import shutil

    from shenbao.cli import data_dir_of
    from shenbao.core.store import db

    began = None  # the highest of the folders that do not exist yet
    folder = db.data_folder(data_dir_of(args))
    while not folder.exists() and folder.parent != folder:
        began, folder = folder, folder.parent
    written = [False]
    try:
        yield written
    finally:
        if began is not None and not written[0]:
            shutil.rmtree(began, ignore_errors=True)


def stored_profile(args: argparse.Namespace, code: str) -> Any:
    """The profile saved in the data folder (--data-dir) under `code`, as a Profile."""
    from shenbao.core.model import ProfileError, parse_profile

    with open_store(args) as store:
        data = store.get_profile(code)  # refused in the store's words when there is none
    try:
        return parse_profile(data, source=f"--uscc {code}")
    except ProfileError as err:
        raise KnownError(str(err)) from None


def stored_profiles(args: argparse.Namespace, failures: list[str] | None = None) -> list[Any]:
    """Every profile saved in the data folder, by name. One the rules refuse ends the command, or with
    `failures` is named on stderr, its code added there, and the others returned."""
    from shenbao.core.model import ProfileError, parse_profile
    from shenbao.core.store.db import snapshot

    with open_store(args) as store, snapshot(store.conn):  # as it was, though another program deletes
        codes = [row.uscc for row in store.list_enterprises()]
        if not codes:
            raise KnownError("数据文件夹中没有企业（可用 shenbao import 导入园区表格）")
        documents = [(code, store.get_profile(code)) for code in codes]
    profiles = []
    for code, data in documents:
        try:
            profiles.append(parse_profile(data, source=f"--stored {code}"))
        except ProfileError as err:
            if failures is None:
                raise KnownError(str(err)) from None
            failures.append(code)
            complain(err)
    return profiles


def run_list(args: argparse.Namespace) -> int:
    import sqlite3

    from shenbao.core.store.db import damaged

    with open_store(args, to_read=True) as store:
        try:
            rows = store.list_enterprises(args.search)
        except sqlite3.DatabaseError as err:
            raise damaged(store.folder, err) from None
    fmt = args.format or ("text" if sys.stdout.isatty() else "json")
    if fmt == "json":
        for part in _listing_json(rows):
            sys.stdout.buffer.write(part.encode("utf-8"))
        sys.stdout.flush()
    else:
        _out("".join(f"{r.uscc}  {r.name}  {r.district or ''}\n" for r in rows) or "（没有企业）\n")
    return 0


def _listing_json(rows: list[Any], per_part: int = 2000) -> Iterator[str]:
    """The listing as `_json` writes it (`json.dumps` with an indent of 2, then a line break), in parts
    of `per_part` enterprises: with an indent, `json.dumps` runs Python's own encoder, a second for
    100,000 enterprises; here each text goes through the C function that encoder uses, and the layout
    is written as it would write it."""
    if not rows:
        yield "[]\n"
        return
    from json.encoder import encode_basestring as text

    def value(v: Any) -> str:
        return text(v) if type(v) is str else "null" if v is None else json.dumps(v)

    yield "[\n"
    for start in range(0, len(rows), per_part):
        part = [
            f'  {{\n    "uscc": {value(r.uscc)},\n    "name": {value(r.name)},\n    "city": {value(r.city)},'
            f'\n    "district": {value(r.district)},\n    "declarations": {value(r.declarations)},'
            f'\n    "updated_at": {value(r.updated_at)}\n  }}'
            for r in rows[start : start + per_part]
        ]
        yield ("" if start == 0 else ",\n") + ",\n".join(part)
    yield "\n]\n"


def run_show(args: argparse.Namespace) -> int:
    from shenbao.core.model import FORMAT
    from shenbao.core.store.secrets import masked_profile

    with open_store(args) as store:
        document = {"format": FORMAT, **store.get_profile(args.uscc)}
    if args.masked or args.format == "text":
        document = masked_profile(document)
    if args.format == "text":
        from shenbao.core.profile_listing import profile_lines

        _out("".join(f"{line}\n" for line in profile_lines(document)))
        return 0
    _out(_json(document))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    """Delete an enterprise with its declarations and payments, after a backup (as the app does): the
    day's first backup was made before the day's work."""
    with open_store(args) as store:
        refusal = getattr(store.conn, "read_only", None)
        if refusal:
            raise KnownError(refusal)
        code = store.stored_code(args.uscc)
        row = next((r for r in store.list_enterprises(code) if r.uscc == code), None)
        if row is None:
            store.delete_enterprise(code)  # refused in its own words
            return 2
        backup = store.backup_now("before-delete")
        store.delete_enterprise(code)
    print(
        f"已删除 {code}（{row.name}）及其 {row.declarations} 份申报；删除前的备份：{backup}"
        "（可用 shenbao restore 恢复）",
        file=sys.stderr,
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from shenbao.core.model import DETAIL_LABELS
    from shenbao.core.store.tables import TABLE_SUFFIXES, other_sheet
    from shenbao.core.store.transfer import export_bundle, export_table

    sheet = other_sheet(args.out) or ("文本表格（.txt）" if args.out.lower().endswith(".txt") else None)
    if sheet:  # (a .txt is read as a table, but written it would be a bundle under a text file's name)
        raise KnownError(
            f"{args.out}: 不能写出{sheet}：园区表格请以 .xlsx 或 .csv 结尾（Excel 和 WPS 都能打开），"
            "数据包以 .shenbao 结尾"
        )
    if args.out.lower().endswith(".json"):  # imported as a profile file: a bundle so named is refused
        raise KnownError(
            f"{args.out}: 不能导出为档案 JSON：一家企业的档案 JSON 请用 shenbao profiles show CODE 输出；"
            "数据包请以 .shenbao 结尾，园区表格以 .xlsx 或 .csv 结尾"
        )
    if args.template:
        from shenbao.core.store.tables import template_header, write_template

        if args.uscc or args.passphrase or args.omit_sensitive:
            raise KnownError(
                "--template: 空白表格不含企业，不能与 --uscc、--passphrase 或 --omit-sensitive 同用"
            )
        write_template(args.out)
        print(
            f"已写出空白园区表格 {args.out}（{len(template_header())} 列；企业（单位）名称和统一社会信用代码必填，"
            "其余不知道的可留空或删去该列）",
            file=sys.stderr,
        )
        return 0
    if args.out.lower().endswith(TABLE_SUFFIXES):
        if args.passphrase:
            raise KnownError("--passphrase: 表格不能加密；要加密请导出为 .shenbao 数据包")
        unreadable: list[str] = []
        with open_store(args) as store:
            count = export_table(store, args.out, args.uscc, unreadable=unreadable)
        _say_unreadable(unreadable)
        lists = "、".join(DETAIL_LABELS.values())
        print(
            f"已导出 {count} 家企业到表格 {args.out}（不含申报记录、身份证号和联系电话；"
            f"{lists}不导出，只导出由其得出的合计或数目）",
            file=sys.stderr,
        )
        return 0
    passphrase = None
    unreadable: list[str] = []
    left_out: list[Any] = []  # declarations whose encrypted part is damaged: the others are exported
    if args.passphrase:
        passphrase = _bundle_passphrase(True)
        if not passphrase:
            raise KnownError(f"--passphrase: 需要在终端中输入口令，或设置环境变量 {BUNDLE_PASSPHRASE_ENV}")
    with open_store(args) as store:
        count = export_bundle(
            store,
            args.out,
            args.uscc,
            passphrase=passphrase,
            omit_sensitive=args.omit_sensitive,
            unreadable=unreadable,
            left_out=left_out,
        )
    _say_unreadable(unreadable)
    for item in left_out:
        print(one_line(f"注意：{item.describe()}；其余申报已导出"), file=sys.stderr)
    plain = (
        ""
        if passphrase
        else "（未加密：只有完整性校验，任何人都可改动内容后重算校验码；交给他人请用 --passphrase 加密）"
    )
    short = f"（{len(left_out)} 份申报已损坏未导出，见上）" if left_out else ""
    print(one_line(f"已导出 {count} 家企业到 {args.out}{short}{plain}"), file=sys.stderr)
    return 0


def _say_unreadable(codes: list[str]) -> None:
    for code in codes:
        print(
            f"注意：{code} 的敏感信息（身份证号、联系电话、核心工程师名单）已损坏、无法解密，"
            "已导出其余信息，其核心工程师人数未导出",
            file=sys.stderr,
        )


PLAN_LINES_SHOWN = 20


def run_import(args: argparse.Namespace) -> int:
    """Read, plan, say what will change (on standard error), then write: all or nothing, or with
    --skip-bad-rows the good rows, the bad ones written to --rejects."""
    # An import holds a few objects per cell and makes no cycles worth collecting while it runs: the
    # collector walking them again and again cost a quarter of a park table's import (the app's
    # background work runs without it too, see ui/workers.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(args)
    finally:
        if collecting:
            gc.enable()


def _refuse_rejects_over_input(rejects: str | None, files: list[str]) -> None:
    """--rejects naming a file being imported would replace a park's whole table by its bad rows."""
    if not rejects:
        return
    from pathlib import Path

    target = Path(rejects)
    for name in files:
        try:
            same = target.exists() and target.samefile(name)
        except OSError:  # the input is read, and refused, in its turn
            same = False
        if same:
            raise KnownError(
                f"--rejects {rejects} 就是要导入的文件，写入会用有错误的行覆盖它；请另给一个文件名"
            )


def _import(args: argparse.Namespace) -> int:
    from shenbao.core.store.imports import (
        apply_plan,
        conflict_refusal,
        plan_import,
        read_incoming,
        refuse_rows,
    )
    from shenbao.core.store.tables import UnknownHeader

    _refuse_rejects_over_input(args.rejects, args.files)
    shown = sys.stderr.isatty() or args.progress
    steps = _progress(sys.stderr.isatty()) if shown else None
    try:
        incoming, rejected = read_incoming(args.files, _typed_bundle_passphrase(), steps)
    except UnknownHeader as err:
        raise KnownError(
            f"{err}；用 shenbao export --template --out 表格.csv 可得到含全部表头的空白表格"
        ) from None
    with begun_folder(args) as written_now, open_store(args, create=True) as store:
        plan = plan_import(store, incoming, rejected, steps)
        if steps is not None:
            steps("", 0, 0)  # ends the line before the plan is said
        written = ""
        if args.rejects and plan.rejected:
            plan.write_rejects(args.rejects)
            written = f"有错误的 {len(plan.rejected)} 行已写入 {args.rejects}，改正后可再次导入"
        if not args.dry_run and (not plan.entries or (plan.rejected and not args.skip_bad_rows)):
            try:  # refused in one line, before anything is said or written
                if plan.rejected and not args.skip_bad_rows:
                    refuse_rows(plan)
                if plan.rejected:  # every row set aside: the line says why, as without --skip-bad-rows
                    try:
                        refuse_rows(plan)
                    except KnownError as why:
                        raise KnownError(f"没有可导入的企业：{why}") from None
                raise KnownError("没有可导入的企业")
            except KnownError as err:
                raise KnownError(f"{err}；{written}" if written else str(err)) from None
        refusal = getattr(store.conn, "read_only", None)
        if refusal and not args.dry_run:  # a folder that cannot be written: one line, before the plan
            raise KnownError(refusal)
        # Before writing: every line with --dry-run; otherwise what changes stored enterprises (an
        # update, a replacement) and the rows set aside, so that a plain import of new enterprises that
        # fails still says one line.
        refused = conflict_refusal(plan, args.on_conflict)  # the real import would write nothing
        if args.dry_run:
            lines = plan.lines(args.on_conflict)
        else:
            stored = args.on_conflict == "replace"
            lines = [e.describe() for e in plan.entries if stored and e.action in ("update", "replace")]
            lines += plan.error_lines() if args.skip_bad_rows else []
        if lines or args.dry_run:
            print(
                f"{'预览' if args.dry_run else '将要导入'}：{plan.summary(args.on_conflict)}", file=sys.stderr
            )
            print("".join(f"  {one_line(line)}\n" for line in _shown(lines)), end="", file=sys.stderr)
        if written:
            print(written, file=sys.stderr)
        if args.dry_run:
            _say_set_aside(plan.set_aside_lines(args.on_conflict), "将不导入")
            _say_contradictions(plan.contradiction_lines(args.on_conflict), "导入时照常导入")
            if plan.rejected and not args.skip_bad_rows:
                print(
                    f"shenbao: 有错误的 {len(plan.rejected):,} 行：改正后再导入，或加 --skip-bad-rows 只导入其余的行"
                    "（否则整个不导入）",
                    file=sys.stderr,
                )
                return 2
            if refused:
                complain(refused)
                return 2
            return 0
        report = apply_plan(
            store,
            plan,
            args.on_conflict,
            skip_bad_rows=args.skip_bad_rows,
            progress=None if steps is None else lambda done, total: steps("写入", done, total),
        )
        written_now[0] = True
        if steps is not None:
            steps("", 0, 0)
    print(f"导入完成：{report.summary()}", file=sys.stderr)
    _say_set_aside(report.set_aside, "未导入")
    _say_contradictions(report.contradictions, "已照常导入")
    return 0


def _say_set_aside(lines: list[str], done: str) -> None:
    """The declarations of a bundle the import does not take, one line each with why: the stored one
    changed after the bundle's, or the register refuses its payments."""
    if lines:
        print(f"注意：数据包中的 {len(lines):,} 份申报{done}：", file=sys.stderr)
        print("".join(f"  {line}\n" for line in _shown(lines, "未导入的申报")), end="", file=sys.stderr)


def _say_contradictions(lines: list[str], done: str) -> None:
    """The enterprises imported with facts that cannot both be true (福州市 in 浙江省), one line each:
    imported all the same, as the editor saves them, and said so that they are checked."""
    if lines:
        print(f"提示：{len(lines):,} 处数据互相矛盾，{done}，请核对：", file=sys.stderr)
        print("".join(f"  {one_line(line)}\n" for line in _shown(lines, "导入提示")), end="", file=sys.stderr)


def _shown(lines: list[str], stem: str = "导入计划") -> list[str]:
    """The first PLAN_LINES_SHOWN lines, and where the full list is written when there are more."""
    from shenbao.core.messages import write_full_list

    shown = lines[:PLAN_LINES_SHOWN]
    if len(lines) > len(shown):
        path = write_full_list(lines, stem)
        where = f"，完整列表见 {path}" if path else ""
        shown.append(f"…另有 {len(lines) - len(shown):,} 项{where}")
    return shown


def _progress(terminal: bool) -> Callable[[str, int, int], None]:
    """Progress on standard error, told (phase, done, total; total 0 when not known): a bar redrawn in
    place on a terminal at each step, else a line at most every second and at the end of each phase. An
    empty phase ends the current line."""
    state = {"phase": "", "at": 0.0}

    def show(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not phase:
            if state["phase"] and terminal:
                sys.stderr.write("\n")
            state.update(phase="", at=0.0)
            return
        final = bool(total) and done >= total
        if not terminal and phase == state["phase"] and not final and now - float(state["at"]) < 1.0:
            return  # a terminal redraws the bar at each step (about a hundred a phase), a file gets a line a second
        if terminal and state["phase"] and phase != state["phase"]:
            sys.stderr.write("\n")
        state.update(phase=phase, at=now)
        if total:
            filled = 30 * done // total
            text = f"{phase} [{'#' * filled}{' ' * (30 - filled)}] {done:,}/{total:,}"
        else:
            text = f"{phase} {done:,} 行"
        sys.stderr.write(f"\r{text}" if terminal else f"{text}\n")
        sys.stderr.flush()

    return show


def run_backup(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.list:
            _out("".join(f"{p}\n" for p in store.list_backups()))
            return 0
        path = store.backup_now()
    _out(f"{path}\n")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from shenbao.core.store.db import data_folder, restore_backup

    used = restore_backup(data_folder(named_folder(args)), Path(args.file) if args.file else None)
    print(f"已从备份 {used} 恢复", file=sys.stderr)
    return 0


def run_key(args: argparse.Namespace) -> int:
    if args.rotate:
        if args.to is not None:
            raise KnownError("--rotate 与 --to 不能同时使用：先更换密钥，再改变存放位置")
        with open_store(args) as store:
            report = store.rotate_key(args.backups)
        print(report.summary(), file=sys.stderr)
        return 0
    if args.backups is not None:
        raise KnownError("--backups 只能与 --rotate 同用")
    if args.to is None:
        with open_store(args) as store:
            home = store.key_home()
            where = {
                "keyring": f"密钥存放在系统钥匙串中（{store.keys.keyring_entry()}）",
                "passphrase": "密钥由数据口令保护，读取敏感信息时需要输入口令",
            }.get(home or "", "尚未创建密钥：首次保存身份证号或联系电话时创建")
        _out(f"{home or 'none'}  {where}\n")
        return 0
    passphrase = os.environ.get(NEW_PASSPHRASE_ENV) if args.to == "passphrase" else None
    if passphrase:
        from shenbao.core.store.secrets import check_new_passphrase

        check_new_passphrase(passphrase, "新的数据口令", NEW_PASSPHRASE_ENV)
    if args.to == "passphrase" and not passphrase and not _interactive():
        raise KnownError(f"--to passphrase: 需要在终端中输入新口令，或设置环境变量 {NEW_PASSPHRASE_ENV}")
    with open_store(args) as store:
        before = store.key_home()
        if args.to == "passphrase" and not passphrase:
            if before == "passphrase":
                store.keys.cipher  # noqa: B018 -- ask for the current passphrase before the new one
            passphrase = ask_passphrase(True, "新的数据口令")
        moved = store.move_key(args.to, passphrase)
    if args.to == "keyring":
        done = "已把密钥改存到系统钥匙串" if moved else "密钥已存放在系统钥匙串中"
    elif before is None:
        done = "已创建数据密钥，由数据口令保护，请牢记口令"
    elif before == "keyring":
        done = "密钥已改由数据口令保护，请牢记口令"
    else:
        done = "已更换数据口令" if moved else "口令未变：新口令与现用的数据口令相同，未作更改"
    print(done, file=sys.stderr)
    return 0
