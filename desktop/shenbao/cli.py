"""The `shenbao` command. Each group of sub-commands lives in `shenbao.commands.<group>` and registers
itself here; handlers import their heavy libraries (sqlite-utils, reportlab, Qt) only when they run, so
`shenbao preview` starts fast and never loads Qt or reportlab."""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Collection, Sequence
from typing import NoReturn

from shenbao import __version__
from shenbao.errors import KnownError, bounded, complain, one_line

# Each group and the commands it registers: a command line naming one builds only its group's parser
# (building all of them, with argparse translating every help text, cost the start of each command).
COMMAND_GROUPS = {
    "shenbao.commands.rules": ("preview", "measures"),
    "shenbao.commands.store": ("export", "import", "profiles", "backup", "restore", "key"),
    "shenbao.commands.pdf": ("render", "report"),
    "shenbao.commands.documents": ("read", "invoices"),
    "shenbao.commands.register": ("declarations", "todo"),
    "shenbao.commands.gui": ("gui",),
    "shenbao.commands.policies": ("policies",),
}


# argparse's own words (its usage line, headings and the errors it finds), said in Chinese as the rest
# of the command is; a message not listed here stays as argparse words it.
ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ignored explicit argument %r": "不接受值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是整数",  # int is the one type= it converts
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def _words(message: str) -> str:
    return ARGPARSE_WORDS.get(message, message)


def _plural_words(singular: str, plural: str, n: int) -> str:
    return _words(singular if n == 1 else plural)


argparse._ = _words  # type: ignore[attr-defined]  # argparse looks its words up through these
argparse.ngettext = _plural_words  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """A parser that says what is wrong with a command line in one line on standard error (exit 2),
    pointing to the command's --help, instead of argparse's usage block and English "error:" line."""

    def error(self, message: str) -> NoReturn:
        for action in self._actions:  # a group named without what to do: say what it can do
            if isinstance(action, argparse._SubParsersAction) and message == _words(
                "the following arguments are required: %s"
            ) % (action.metavar or action.dest):
                message = "缺少要做的事，可选：" + "、".join(action.choices)
        self.exit(2, f"shenbao: {bounded(one_line(message))}（{self.prog} --help 查看用法）\n")

    def format_help(self) -> str:
        """argparse's help, its section headings ended with a Chinese colon as the rest is written."""
        return re.sub(r"(?m)^(参数|选项):$", r"\1：", super().format_help())

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> object:
        """An empty value given on the command line (`--uscc ""`, `restore ""`: a script's variable left
        unset) is refused rather than read as the current folder or as the option not given, which
        for `restore` is the newest backup and for `--data-dir` the user's own data folder. An option
        whose default is empty may be given empty, as it means what leaving it out means: a search
        that matches every enterprise, a state change with no note."""
        if (
            "" in arg_strings
            and action.default != ""
            and not isinstance(action, argparse._SubParsersAction)  # its words are its command's
        ):
            raise argparse.ArgumentError(action, "不能为空")
        return super()._get_values(action, arg_strings)


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `commands` only the groups that register those (enough to parse
    a line that names them)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认：用户数据目录，或环境变量 SHENBAO_DATA_DIR）",
    )
    parser = Parser(
        prog="shenbao",
        description="申报助手：福建省、福州市人工智能产业扶持政策的测算、申报与打印",
        parents=[common],
    )
    parser.add_argument(
        "--version", action="version", version=f"shenbao {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, names in COMMAND_GROUPS.items():
        if commands is not None and not set(names) & set(commands):
            continue
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name).register(sub, common)
    described(parser)
    return parser


def described(parser: argparse.ArgumentParser) -> None:
    """Each command's --help opens with what it does, as `shenbao --help` lists it, where the command
    says no more of its own."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                command = action.choices[choice.dest]
                if command.description is None:
                    command.description = choice.help
                described(command)


def data_dir_of(args: argparse.Namespace) -> str | None:
    """--data-dir wins over SHENBAO_DATA_DIR; None means the user data folder."""
    return getattr(args, "data_dir", None) or os.environ.get("SHENBAO_DATA_DIR") or None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    wants_help = any(a in ("-h", "--help", "--version") for a in argv)
    named = {a for a in argv if any(a in names for names in COMMAND_GROUPS.values())}
    implied_gui = (
        not wants_help and not named and importlib.util.find_spec("shenbao.commands.gui") is not None
    )
    if implied_gui:
        argv, named = ["gui", *argv], {"gui"}
    if "gui" in named:
        gc.disable()  # until the window's first frame is drawn: ui.workers.start_up_done() says why
    parser = build_parser(None if wants_help or not named else named)
    args, extra = parser.parse_known_args(argv)
    if extra and implied_gui and not extra[0].startswith("-"):  # `shenbao previw`: not a window option
        known = "、".join(name for names in COMMAND_GROUPS.values() for name in names)
        parser.error(f"未知的命令 {extra[0]!r}，可用的命令：{known}")
    if extra:
        innermost(parser, argv).error(_words("unrecognized arguments: %s") % " ".join(extra))
    if getattr(args, "command", None) != "gui":
        gc.enable()
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        use_policy_packs(args)
        return int(handler(args) or 0)
    except KnownError as err:
        complain(err)
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
        complain(f"警告：{line}")


def innermost(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser of the command `argv` names (`shenbao profiles show`), to point to its --help."""
    for word in argv:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subparsers and word in subparsers[0].choices:
            parser = subparsers[0].choices[word]
    return parser


def commands_of(parser: argparse.ArgumentParser) -> set[str]:
    """The commands a parser knows (the sub-parsers' names)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()
