"""The `shenbao` command. Each group of sub-commands lives in `shenbao.commands.<group>` and registers
itself here; handlers import their heavy libraries (sqlite-utils, reportlab, Qt) only when they run, so
`shenbao preview` starts fast and never loads Qt or reportlab."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

from shenbao import __version__
from shenbao.errors import KnownError

COMMAND_GROUPS = (
    "shenbao.commands.rules",
    "shenbao.commands.store",
    "shenbao.commands.pdf",
    "shenbao.commands.documents",
    "shenbao.commands.register",
    "shenbao.commands.gui",
    "shenbao.commands.policies",
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认：用户数据目录，或环境变量 SHENBAO_DATA_DIR）",
    )
    parser = argparse.ArgumentParser(
        prog="shenbao",
        description="申报助手：福建省、福州市人工智能产业扶持政策的测算、申报与打印",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"shenbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_GROUPS:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).register(sub, common)
    return parser


def data_dir_of(args: argparse.Namespace) -> str | None:
    """--data-dir wins over SHENBAO_DATA_DIR; None means the user data folder."""
    return getattr(args, "data_dir", None) or os.environ.get("SHENBAO_DATA_DIR") or None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    wants_help = any(a in ("-h", "--help", "--version") for a in argv)
    if not wants_help and not _has_command(parser, argv) and "gui" in _commands(parser):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        use_policy_packs(args)
        return int(handler(args) or 0)
    except KnownError as err:
        print(f"shenbao: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("shenbao: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def use_policy_packs(args: argparse.Namespace) -> None:
    """Judge with the policy packs installed in the data folder (`shenbao policies`), saying on standard
    error when one is left out or has expired. Costs one file check when none is installed."""
    if getattr(args, "command", None) == "policies":
        return
    from shenbao.core.store.db import data_folder

    folder = data_folder(data_dir_of(args))
    if not (folder / "policy-packs" / "installed.json").is_file():
        return
    from shenbao.commands.rules import parse_as_of
    from shenbao.core.packs.library import activate, expiry_notices
    from shenbao.core.policies import catalogue

    as_of = parse_as_of(getattr(args, "as_of", None))  # expiry is judged as of the date the command judges
    for line in [*activate(folder), *expiry_notices(catalogue(), as_of)]:
        print(f"shenbao: 警告：{line}", file=sys.stderr)


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _has_command(parser: argparse.ArgumentParser, argv: list[str]) -> bool:
    return bool(_commands(parser) & set(argv))
