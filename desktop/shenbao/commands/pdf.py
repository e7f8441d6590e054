"""`shenbao render` (the filled 申报书 of a measure, one or a folder of profiles) and `shenbao report` (the
park report). reportlab is imported inside the handlers, so other commands never load it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shenbao.commands.rules import parse_as_of, profile_files
from shenbao.commands.store import code_arg
from shenbao.errors import OS_REASONS, KnownError, complain, not_a_folder, os_reason

MASK_HELP = "身份证号打印方式：partial 显示前6位和后4位（默认），full 全部遮盖，none 不遮盖"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser("render", parents=[common], help="生成措施的申报书 PDF（一个档案或一个文件夹）")
    src = r.add_mutually_exclusive_group(required=True)
    src.add_argument("--profile", metavar="FILE", help="企业档案 JSON 文件")
    src.add_argument("--profiles", metavar="DIR", help="文件夹：为其中每个档案生成每项可申报措施的申报书")
    src.add_argument(
        "--uscc", type=code_arg, metavar="CODE", help="数据文件夹（--data-dir）中已保存企业的统一社会信用代码"
    )
    r.add_argument("--measure", metavar="ID", help="措施编号，如 fj2025.compute_voucher（--profiles 时可选）")
    r.add_argument("--out", metavar="FILE.pdf", help="输出的 PDF 文件（单个档案）")
    r.add_argument("--out-dir", metavar="DIR", help="输出文件夹（--profiles）")
    r.add_argument("--as-of", metavar="YYYY-MM-DD", help="测算日期（默认：今天）")
    r.add_argument(
        "--declared-on", metavar="YYYY-MM-DD", help="申报日期，印在申报书封面（默认留空，由申报单位手写）"
    )
    r.add_argument("--mask", choices=("partial", "full", "none"), default="partial", help=MASK_HELP)
    r.set_defaults(handler=run_render)

    p = sub.add_parser("report", parents=[common], help="生成园区企业 × 措施汇总报告 PDF")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--profiles", metavar="DIR", help="文件夹：园区企业档案（*.json）")
    src.add_argument("--stored", action="store_true", help="数据文件夹（--data-dir）中保存的全部企业")
    p.add_argument("--out", metavar="FILE.pdf", required=True, help="输出的 PDF 文件")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="测算日期（默认：今天）")
    p.add_argument("--title", default="园区企业政策申报测算汇总表", help="报告标题")
    p.set_defaults(handler=run_report)


def _load(path: Path) -> Any:
    from shenbao.core.model import ProfileError, load_profile_file

    try:
        return load_profile_file(path)
    except ProfileError as err:
        raise KnownError(str(err)) from None


def _load_stored(args: argparse.Namespace) -> Any:
    """The profile saved in the data folder (--data-dir) under --uscc."""
    from shenbao.commands.store import stored_profile

    return stored_profile(args, args.uscc)


def _profiles(folder: Path, failures: list[str]) -> Iterator[tuple[Path, Any]]:
    """Each valid profile of `folder`; a bad one is reported on stderr and counted."""
    from shenbao.core.model import ProfileError, load_profile_file

    for path in profile_files(folder):
        try:
            yield path, load_profile_file(path)
        except ProfileError as err:
            failures.append(path.name)
            complain(err)


def _once_each(folder: Path, failures: list[str], doubles: list[str]) -> Iterator[Any]:
    """The valid profiles of `folder`, an enterprise saved in two files counted once (the first by file
    name) and the other file named in `doubles`: counted twice, the park report doubled its sums."""
    seen: dict[str, str] = {}
    for path, profile in _profiles(folder, failures):
        first = seen.setdefault(profile.uscc or path.name, path.name)
        if first != path.name:
            doubles.append(path.name)
            complain(f"{path}: 与 {first} 是同一家企业（{profile.uscc}），只计入 {first}")
            continue
        yield profile


def _write_parent(path: Path) -> None:
    why = not_a_folder(path.parent)
    if why == OS_REASONS["ENOENT"]:
        raise KnownError(f"{path}: 所在文件夹不存在")
    if why:  # 「所在文件夹不存在」 of X/a.pdf where X is a file sent the user looking for a folder X
        raise KnownError(f"{path}: 无法写入（{OS_REASONS['ENOTDIR']}）")


def pdf_name(path: Path, what: str) -> None:
    """Refuse an --out not ending in .pdf, as export refuses a name its suffix does not write: a PDF
    under r.txt opens in a text editor as noise, and one with no suffix opens in nothing."""
    if path.suffix.lower() != ".pdf":
        raise KnownError(f"{path}: {what}是 PDF 文件，请给出以 .pdf 结尾的文件名")


def _known_measure(measure: str) -> None:
    from shenbao.core.forms import forms
    from shenbao.core.policies import catalogue

    if measure not in catalogue().measures:
        raise KnownError(f"--measure: 未知的措施 {measure}（可用 `shenbao measures` 查看全部措施编号）")
    if measure not in forms():
        raise KnownError(f"--measure: 措施 {measure} 没有申报书定义")


def warn(warnings: list[str], where: str = "") -> None:
    for w in warnings:
        complain(f"警告：{where}{w}")


def run_render(args: argparse.Namespace) -> int:
    if args.profiles:
        return _render_batch(args)
    if not args.measure or not args.out:
        raise KnownError("render：单个档案须同时给出 --measure 与 --out")
    if args.out_dir:  # the form is written to --out alone: a folder named too would stay empty
        raise KnownError("render：--out-dir 只用于 --profiles，单个档案的申报书写入 --out 给出的文件")
    pdf_name(Path(args.out), "申报书")
    from shenbao.core.pdf import NotRenderable, render_declaration
    from shenbao.core.rules import preview

    as_of = parse_as_of(args.as_of)
    declared_on = _declared_on(args)
    profile = _load_stored(args) if getattr(args, "uscc", None) else _load(Path(args.profile))
    _known_measure(args.measure)
    out = Path(args.out)
    _write_parent(out)
    pv = preview(profile, as_of)
    try:
        if getattr(args, "uscc", None):
            rendered = _render_stored(args, out, as_of, declared_on)
        else:
            rendered = render_declaration(
                profile, pv, args.measure, out, mask=args.mask, declared_on=declared_on
            )
    except NotRenderable as err:
        raise KnownError(str(err)) from None
    except OSError as err:
        raise KnownError(f"{out}: 无法写入（{os_reason(err)}）") from None
    warn(rendered.warnings)
    print(f"{out}：{rendered.pages} 页，{rendered.size // 1024} KB{wanting_note(rendered.wanting)}")
    return 0


def wanting_note(wanting: list[str]) -> str:
    """「，含待补充项（…）」 naming each box the form prints 待补充, or nothing: an eligible form may still
    want a 统一社会信用代码, a required field or a list's rows."""
    return f"，含待补充项（{'、'.join(wanting)}）" if wanting else ""


def _declared_on(args: argparse.Namespace) -> Any:
    """--declared-on (申报日期), read as --as-of is; None when not given (the cover left to fill in)."""
    text = getattr(args, "declared_on", None)
    if text is None:
        return None
    from shenbao.core.fieldkinds import parse_date

    day = parse_date(text)
    if day is None:
        raise KnownError(f"--declared-on: 日期 {text!r} 无效，应为存在的日期 YYYY-MM-DD")
    return day


def _render_stored(args: argparse.Namespace, out: Path, as_of: Any, declared_on: Any) -> Any:
    """A stored enterprise's 申报书, recorded in the register as 已生成 (as the wizard does)."""
    from shenbao.commands.store import open_store
    from shenbao.core.register import generate

    with open_store(args) as store:
        entry, rendered = generate(
            store, args.uscc, args.measure, out, as_of=as_of, mask=args.mask, declared_on=declared_on
        )
    print(f"已记入申报记录 #{entry.id}（{entry.state_label}）", file=sys.stderr)
    return rendered


def _render_batch(args: argparse.Namespace) -> int:
    from shenbao.core.filenames import FileStems
    from shenbao.core.pdf import eligible_forms, render_batch
    from shenbao.core.rules import preview

    if not args.out_dir:
        raise KnownError("render --profiles 须给出 --out-dir")
    if args.out:  # each form is named in the folder: a file named too would be left unwritten
        raise KnownError("render --profiles：--out 只用于单个档案，申报书写入 --out-dir 给出的文件夹")
    declared_on = _declared_on(args)
    if args.measure:
        _known_measure(args.measure)
    profile_files(Path(args.profiles))  # before a folder is made for the forms
    out_dir = Path(args.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KnownError(f"{out_dir}: 无法创建文件夹（{os_reason(err)}）") from None
    as_of = parse_as_of(args.as_of)
    failures: list[str] = []
    stems = FileStems()  # a profile's file name cut to fit beside 「.措施编号.pdf」, each once
    entries = (
        (stems(path.stem), profile, preview(profile, as_of))
        for path, profile in _profiles(Path(args.profiles), failures)
    )
    jobs = list(eligible_forms(entries, [args.measure] if args.measure else None))

    written = 0

    def done(n: int, _total: int, target: Path, rendered: Any) -> None:
        nonlocal written
        written = n
        warn(rendered.warnings, f"{target.name}：")
        print(f"{target}：{rendered.pages} 页{wanting_note(rendered.wanting)}", flush=True)

    try:
        render_batch(jobs, out_dir, mask=args.mask, declared_on=declared_on, progress=done)
    except OSError as err:  # a folder in a form's place, a full disk: what was written stays
        name, _, _, measure = jobs[written]  # the form being written, not its temporary file
        where = out_dir / f"{name}.{measure}.pdf"
        raise KnownError(f"{where}: 无法写入（{os_reason(err)}），已生成 {written} 份，其余未生成") from None
    print(f"共生成 {len(jobs)} 份申报书" + (f"，{len(failures)} 个档案有错误" if failures else ""))
    return 2 if failures else 0


def run_report(args: argparse.Namespace) -> int:
    from shenbao.core.pdf import render_park_report
    from shenbao.core.rules import preview

    out = Path(args.out)
    pdf_name(out, "园区报告")
    _write_parent(out)
    as_of = parse_as_of(args.as_of)
    failures: list[str] = []
    doubles: list[str] = []  # files of an enterprise already counted: not an error, but not counted
    if args.stored:
        from shenbao.commands.store import stored_profiles

        # one that no longer reads is named and the others reported, as for a folder of profiles
        entries = [(profile, preview(profile, as_of)) for profile in stored_profiles(args, failures)]
        if not entries:
            raise KnownError("数据文件夹中没有可用的企业档案")
    else:
        folder = Path(args.profiles)
        entries = [(profile, preview(profile, as_of)) for profile in _once_each(folder, failures, doubles)]
        if not entries:
            raise KnownError(f"{folder}: 没有可用的企业档案（*.json）")
    try:
        rendered = render_park_report(entries, out, title=args.title)
    except OSError as err:  # a folder of that name, a full disk: the report already there stays
        raise KnownError(f"{out}: 无法写入（{os_reason(err)}）") from None
    warn(rendered.warnings)
    print(
        f"{out}：{len(entries)} 家企业，{rendered.pages} 页"
        + (f"；{len(failures)} 个档案有错误已跳过" if failures else "")
        + (f"；{len(doubles)} 个档案与另一档案是同一家企业，未重复计入" if doubles else "")
    )
    return 2 if failures or doubles else 0
