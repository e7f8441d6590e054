"""`shenbao policies keygen|pack|trust|keys|untrust|verify|install|list|remove`: signed policy packs.

A publisher makes a key pair once (`keygen`), then signs each pack it issues (`pack`). Park staff trust
the publisher's public key after comparing its fingerprint (`trust`), check a file (`verify`), see what it
changes for their enterprises (`install --dry-run`) and install it; `remove` goes back to before."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from shenbao.errors import KnownError, complain

KEY_PASSPHRASE_ENV = "SHENBAO_POLICY_KEY_PASSPHRASE"


FORMAT_HELP = "输出格式（终端默认 text，否则 json）"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "policies", parents=[common], help="政策包：生成密钥、签发、信任发布者、校验、安装、列出、移除"
    )
    psub = p.add_subparsers(dest="policies_command", metavar="ACTION", required=True)

    k = psub.add_parser(
        "keygen", parents=[common], help="生成发布政策包用的 Ed25519 密钥对（KEY 与 KEY.pub）"
    )
    k.add_argument("--out", required=True, metavar="KEY", help="私钥文件（权限 600）；公钥写入 KEY.pub")
    k.add_argument("--name", default="", help="写在公钥中的发布者名称")
    k.add_argument(
        "--passphrase",
        action="store_true",
        help=f"用口令加密私钥（至少 8 个字符；在终端中输入两次，或取自环境变量 {KEY_PASSPHRASE_ENV}）",
    )
    k.set_defaults(handler=_known(run_keygen))

    b = psub.add_parser("pack", parents=[common], help="校验政策包源文件夹并签发为 .shenbao-policy 文件")
    b.add_argument(
        "src", metavar="SRC", help="源文件夹（pack.toml、documents/、measures/、comparisons/、forms/）"
    )
    b.add_argument(
        "--key",
        required=True,
        metavar="KEY",
        help="私钥文件（口令取自终端或环境变量 " + KEY_PASSPHRASE_ENV + "）",
    )
    b.add_argument("--out", required=True, metavar="FILE", help="输出文件（.shenbao-policy）")
    b.set_defaults(handler=_known(run_pack))

    t = psub.add_parser("trust", parents=[common], help="显示公钥指纹，并把发布者加入受信任列表")
    t.add_argument(
        "pubkey", metavar="KEY.pub", help="发布者的公钥文件（shenbao policies keygen 生成的 KEY.pub）"
    )
    t.add_argument("--name", help="发布者名称（默认：公钥中写的名称）")
    t.add_argument("--yes", action="store_true", help="不再询问（已核对指纹）；不在终端中运行时必须给出")
    t.set_defaults(handler=_known(run_trust))

    ks = psub.add_parser("keys", parents=[common], help="列出受信任的发布者公钥")
    ks.add_argument("--format", choices=("json", "text"), help=FORMAT_HELP)
    ks.set_defaults(handler=_known(run_keys))

    u = psub.add_parser("untrust", parents=[common], help="不再信任某发布者公钥（按名称或指纹）")
    u.add_argument(
        "which", metavar="NAME|FINGERPRINT", help="发布者名称或公钥指纹（见 shenbao policies keys）"
    )
    u.set_defaults(handler=_known(run_untrust))

    v = psub.add_parser("verify", parents=[common], help="校验政策包的签名、清单和数据")
    v.add_argument("file", metavar="FILE", help="政策包文件（.shenbao-policy）")
    v.add_argument("--format", choices=("json", "text"), help=FORMAT_HELP)
    v.set_defaults(handler=_known(run_verify))

    i = psub.add_parser("install", parents=[common], help="安装政策包（--dry-run 只列出各企业的变化）")
    i.add_argument("file", metavar="FILE", help="政策包文件（.shenbao-policy）")
    i.add_argument(
        "--dry-run", action="store_true", help="不安装，只列出数据文件夹中每家企业状态或金额将变化的措施"
    )
    i.add_argument("--as-of", metavar="YYYY-MM-DD", help="比较变化所用的测算日期（默认：今天）")
    i.add_argument("--format", choices=("json", "text"), help=FORMAT_HELP)
    i.set_defaults(handler=_known(run_install))

    ls = psub.add_parser("list", parents=[common], help="列出内置政策库和已安装的政策包")
    ls.add_argument("--format", choices=("json", "text"), help=FORMAT_HELP)
    ls.set_defaults(handler=_known(run_list))

    r = psub.add_parser("remove", parents=[common], help="移除政策包的最近一次安装，回到安装之前")
    r.add_argument("pack_id", metavar="ID", help="政策包编号（见 shenbao policies list）")
    r.add_argument("--as-of", metavar="YYYY-MM-DD", help="判断已生效数值所用的日期（默认：今天）")
    r.set_defaults(handler=_known(run_remove))


def _known(handler: Any) -> Any:
    """Policy-data and pack errors are the user's to act on: one line, exit 2."""

    def run(args: argparse.Namespace) -> int:
        from shenbao.core.policies import PolicyDataError

        try:
            return int(handler(args) or 0)
        except PolicyDataError as err:
            raise KnownError(str(err)) from None

    return run


def _out(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _fmt(fmt: str | None) -> str:
    return fmt or ("text" if sys.stdout.isatty() else "json")


def _folder(args: argparse.Namespace) -> Path:
    from shenbao.cli import data_dir_of
    from shenbao.core.packs.library import packs_folder
    from shenbao.core.store.db import data_folder

    return packs_folder(data_folder(data_dir_of(args)))


def _data_folder(args: argparse.Namespace) -> Path:
    from shenbao.cli import data_dir_of
    from shenbao.core.store.db import data_folder

    return data_folder(data_dir_of(args))


def _key_passphrase(new: bool) -> str | None:
    """The private key's passphrase from the environment or the terminal; a new one (`keygen
    --passphrase`) has as many characters as a data folder's, and is never empty."""
    from shenbao.core.store.secrets import MIN_PASSPHRASE

    env = os.environ.get(KEY_PASSPHRASE_ENV)
    if not env and not sys.stdin.isatty():
        if new:
            raise KnownError(f"请在终端中输入口令，或设置环境变量 {KEY_PASSPHRASE_ENV}")
        return None
    first = env or getpass.getpass("私钥口令：")
    if new and len(first) < MIN_PASSPHRASE:
        raise KnownError(f"私钥口令至少 {MIN_PASSPHRASE} 个字符；未生成密钥")
    if new and not env and getpass.getpass("再输入一次：") != first:
        raise KnownError("两次输入的口令不一致")
    return first or None


def _warn(lines: list[str]) -> None:
    for line in lines:
        complain(f"警告：{line}")


def run_keygen(args: argparse.Namespace) -> int:
    from shenbao.core.packs.keys import keygen, show_fingerprint

    passphrase = _key_passphrase(new=True) if args.passphrase else None
    pub, digest = keygen(Path(args.out), passphrase, args.name)
    _out(
        f"私钥：{args.out}（仅本人可读，请妥善保管，切勿随政策包分发）\n公钥：{pub}\n指纹：{show_fingerprint(digest)}\n"
    )
    return 0


def run_pack(args: argparse.Namespace) -> int:
    from shenbao.core.packs.archive import build
    from shenbao.core.packs.keys import load_private, show_fingerprint
    from shenbao.core.packs.library import known_measures
    from shenbao.core.policies import PolicyDataError, shipped_catalogue

    passphrase = None
    try:
        load_private(Path(args.key), None)
    except KnownError as err:
        if "需要口令" not in str(err):
            raise
        passphrase = _key_passphrase(new=False)
    try:
        made = build(
            Path(args.src),
            Path(args.key),
            Path(args.out),
            passphrase,
            shipped_catalogue().documents,
            known_measures(_data_folder(args)),
        )
    except PolicyDataError as err:
        raise KnownError(f"{args.src}: {err}") from None
    h = made.header
    _out(f"已签发 {args.out}：{h.id} 第 {h.version} 版，签名公钥指纹 {show_fingerprint(made.fingerprint)}\n")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from shenbao.core.packs.keys import find_trusted, fingerprint, read_public_file, show_fingerprint, trust

    raw, written = read_public_file(Path(args.pubkey))
    name = args.name or written
    if not name:
        raise KnownError(f"{args.pubkey}: 公钥中没有发布者名称，请用 --name 给出")
    shown = show_fingerprint(fingerprint(raw))
    known = find_trusted(_folder(args), fingerprint(raw))
    if known is not None:  # said before the fingerprint is shown and confirmed, not after
        raise KnownError(f"公钥 {shown} 已受信任（名称：{known.name}），无需再次添加")
    if not args.yes and not sys.stdin.isatty():  # `echo n | … trust` and a script's trusted any key
        raise KnownError(  # in one line, naming what to check
            f"未添加：没有终端可确认指纹（发布者 {name}，指纹 {shown}）；与发布者公布的指纹逐组核对后加 --yes 再添加"
        )
    print(f"发布者：{name}\n指纹：{shown}\n请与发布者公布的指纹逐组核对。", file=sys.stderr)
    if not args.yes:
        answer = input("确认信任此公钥？[y/N] ").strip().lower()
        if answer not in ("y", "yes", "是"):
            raise KnownError("未添加：未确认", exit_code=1)
    entry = trust(_folder(args), raw, name)
    _out(f"已信任发布者 {entry.name}（指纹 {shown}）\n")
    return 0


def run_keys(args: argparse.Namespace) -> int:
    from shenbao.core.packs.keys import show_fingerprint, trusted_keys

    keys = trusted_keys(_folder(args))
    rows = [
        {"name": k.name, "fingerprint": show_fingerprint(k.fingerprint), "added_on": k.added_on} for k in keys
    ]
    if _fmt(args.format) == "json":
        _out(_json(rows))
    else:
        lines = ["受信任的政策发布者公钥（程序内置政策库随程序受信任）："]
        lines += [f"  {r['name']}  {r['fingerprint']}  添加于 {r['added_on']}" for r in rows] or ["  （无）"]
        _out("\n".join(lines) + "\n")
    return 0


def run_untrust(args: argparse.Namespace) -> int:
    from shenbao.core.packs.keys import show_fingerprint, untrust

    gone = untrust(_folder(args), args.which)
    _out(
        f"已不再信任 {gone.name}（指纹 {show_fingerprint(gone.fingerprint)}）；由它签发的已安装政策包将不再启用\n"
    )
    return 0


def _describe_text(info: dict[str, Any], trusted: bool) -> list[str]:
    lines = [
        f"政策包：{info['title']}",
        f"编号：{info['id']}  第 {info['version']} 版",
        f"发布者：{info['publisher']}",
        f"签名公钥指纹：{info['fingerprint']}"
        + (f"（受信任：{info['key']}）" if trusted else "（未受信任）"),
        f"发布日期：{info['issued_on']}  有效至：{info['expires_on']}  需要程序版本：{info['min_app_version']} 或更新",
        "更新说明：",
    ]
    return lines + [f"  - {line}" for line in info["changelog"]]


def _verified(args: argparse.Namespace) -> Any:
    from shenbao.core.packs.archive import read_pack
    from shenbao.core.packs.keys import find_trusted
    from shenbao.core.packs.library import known_measures
    from shenbao.core.packs.source import PackError
    from shenbao.core.policies import shipped_catalogue

    folder = _folder(args)
    data = _read(args.file)
    try:
        return read_pack(
            data,
            lambda d: find_trusted(folder, d),
            shipped_catalogue().documents,
            known_measures(_data_folder(args)),
        )
    except PackError as err:
        raise KnownError(f"{args.file}: {err}") from None


def _read(file: str) -> bytes:
    """The pack file's bytes; a file that cannot be read is refused in a line that names it once."""
    from shenbao.core.packs.archive import read_file
    from shenbao.core.packs.source import PackError

    try:
        return read_file(Path(file))
    except PackError as err:
        raise KnownError(str(err)) from None


def run_verify(args: argparse.Namespace) -> int:
    import datetime as dt

    from shenbao.core.packs.keys import show_fingerprint
    from shenbao.core.packs.library import EXPIRED

    verified = _verified(args)
    expires_on = verified.header.expires_on
    expired = verified.header.expired(dt.date.today())
    info = {**verified.describe(), "expired": expired}
    trusted = verified.trusted is not None
    if expired:
        _warn([EXPIRED.format(date=expires_on.isoformat()) + "（此政策包已过期，仍可安装）"])
    if _fmt(args.format) == "json":
        _out(_json({**info, "trusted": trusted}))
    else:
        _out("\n".join(["签名、清单和数据校验通过。", *_describe_text(info, trusted)]) + "\n")
    if not trusted:
        complain(f"{args.file}: 签名有效，但公钥 {show_fingerprint(verified.fingerprint)} 不受信任")
        return 2
    return 0


def run_install(args: argparse.Namespace) -> int:
    from shenbao.commands.rules import parse_as_of
    from shenbao.commands.store import ask_passphrase
    from shenbao.core.packs.delta import folder_deltas
    from shenbao.core.packs.library import commit_install, plan_install
    from shenbao.core.packs.source import PackError

    data = _data_folder(args)
    as_of = parse_as_of(args.as_of)
    pack = _read(args.file)
    try:
        plan = plan_install(data, pack, as_of)
    except PackError as err:
        raise KnownError(f"{args.file}: {err}") from None
    h = plan.verified.header
    fmt = _fmt(args.format)
    deltas = (
        folder_deltas(data, plan.before, plan.after, as_of, prompt=ask_passphrase) if args.dry_run else None
    )
    if not args.dry_run:
        commit_install(data, plan)
    _warn(plan.warnings)
    if fmt == "json":
        out: dict[str, Any] = {
            "pack": plan.verified.describe(),
            "installed": not args.dry_run,
            "replaces": plan.replaces,
            "policy_version": plan.after.version,
            "warnings": plan.warnings,
        }
        if deltas is not None:
            out.update(
                as_of=as_of.isoformat(),
                enterprises=deltas.judged,
                changes=[d.to_dict() for d in deltas.changes],
                problems=deltas.problems,
            )
        _out(_json(out))
        return 0
    lines = _describe_text(plan.verified.describe(), True)
    if deltas is None:
        was = f"（替换第 {plan.replaces} 版）" if plan.replaces else ""
        lines.insert(0, f"已安装政策包 {h.id} 第 {h.version} 版{was}；政策数据版本：{plan.after.version}")
    else:
        lines.insert(0, f"预演（未安装）：按 {as_of.isoformat()} 比较数据文件夹中 {deltas.judged} 家企业")
        lines.append("")
        if not deltas.changes:
            lines.append("没有企业的措施状态或金额发生变化。")
        current = None
        for d in deltas.changes:
            if d.uscc != current:
                current = d.uscc
                lines.append(f"{d.name}（{d.uscc}）")
            lines.append(f"  {d.title}（{d.measure}）：{d.before.text()} → {d.after.text()}")
        lines += [f"未能测算：{p}" for p in deltas.problems]
    _out("\n".join(lines) + "\n")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from shenbao.core.packs.library import listing

    rows = listing(_data_folder(args))
    if _fmt(args.format) == "json":
        _out(_json(rows))
        return 0
    lines = []
    for r in rows:
        if "error" in r:
            lines.append(f"！{r['error']}")
            continue
        if r["source"] == "builtin":
            lines.append(f"内置政策库 {r['version']}（核对于 {r['checked_on']}）")
        else:
            lines.append(
                f"政策包 {r['id']} 第 {r['version']} 版：{r['title']}；发布者 {r['publisher']}（{r['key']}，"
                f"指纹 {r['fingerprint']}）；发布 {r['issued_on']}，有效至 {r['expires_on']}"
            )
        for d in r["documents"]:
            period = d["period"] + (f"，由 {d['superseded_by']} 替代" if d.get("superseded_by") else "")
            if d.get("changed_by"):
                packs = "、".join(f"政策包 {p['id']} 第 {p['version']} 版" for p in d["changed_by"])
                source = "内置数据" if r["source"] == "builtin" else "本政策包"
                period += f"；已由{packs}更改，{source}为 {d['period_before']}"
            elif d.get("kept_shipped"):
                period += "；未采用：内置数据较新，仍按内置数据"
            lines.append(f"  {d['id']}  {d['title']}（{period}）")
            lines += [
                f"    申报通知开放 {w['measure']}：{w['opens']} 至 {w['closes']}"
                for w in d.get("windows", [])
            ]
    _out("\n".join(lines) + "\n")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from shenbao.commands.rules import parse_as_of
    from shenbao.core.packs.library import removal_warnings, remove
    from shenbao.core.packs.source import PackError

    as_of = parse_as_of(args.as_of)
    try:
        warnings = removal_warnings(_data_folder(args), args.pack_id, as_of)
        back_to = remove(_data_folder(args), args.pack_id)
    except PackError as err:
        raise KnownError(str(err)) from None
    _warn(warnings)
    after = f"恢复为第 {back_to} 版" if back_to else "恢复为安装之前"
    _out(f"已移除政策包 {args.pack_id} 的最近一次安装，{after}\n")
    return 0
