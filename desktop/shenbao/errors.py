"""The two kinds of error: a known one (bad input, a full disk, a locked database, policy data or a form
that breaks its schema, a measure with nothing to print) told to the user in plain words, and a bug, which
is everything else and reaches the bug dialog with its details.

Every expected error derives from `KnownError` (ProfileError, PolicyDataError, FormError, NotRenderable,
StoreError…), and the interface catches `KnownError` alone: a ValueError or KeyError from a formula is a
bug, never shown as 「暂不能测算」."""

from __future__ import annotations

import re
import sys
from typing import Any


class KnownError(Exception):
    """An error the user can act on. `str()` is one line of Chinese that names the file and field."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


# A file that ends before its format says it should: what a download or a copy that stopped leaves. Said
# in these words by each reader that can tell (the invoice readers, shenbao.core.safezip).
TRUNCATED = "文件不完整（可能下载或复制时被截断），请重新获取原文件"

# What the system says of a failed file operation, by errno, in the words of the messages around it (the
# system's own text is English on most machines).
OS_REASONS = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "磁盘为只读",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一项不是文件夹",
    "EEXIST": "已存在同名文件",
    "EFBIG": "文件超过系统允许的大小",
    "ENAMETOOLONG": "文件名太长",
    "EIO": "读写出错，磁盘或 U 盘可能已损坏或已拔出",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "EMFILE": "打开的文件太多",
    "ENFILE": "打开的文件太多",
    "ENODEV": "设备不存在或已拔出",
    "ENXIO": "设备不存在或已拔出",
    "EINVAL": "文件名或路径无效",
    "ELOOP": "路径中的链接太多",
}
WINDOWS_REASONS = {32: "文件正被其他程序占用", 33: "文件正被其他程序占用"}
# What a path that is there is, when it is not the kind asked for.
PATH_REASONS = {
    "special": "不是普通文件，而是设备或管道",
    "file": "这是一个文件，不是文件夹",
    "special_folder": "这是设备或管道，不是文件夹",
    "database": "这是数据库文件，不会覆盖它",
    "other_kind": "已有的这个文件不是 PDF，不会覆盖它",
}
SQLITE_START = b"SQLite format 3\x00"  # the first bytes of every SQLite database


def not_a_file(path: object) -> str | None:
    """Why `path` cannot be read as a file (not there, a folder, a pipe or a device, a file standing where
    a folder should…), None when it can: 「文件不存在」 said of a folder or a pipe sent the user looking
    for a file that was there."""
    import os
    import stat

    try:
        info = os.stat(str(path))
    except OSError as err:
        return os_reason(err)
    if stat.S_ISDIR(info.st_mode):
        return OS_REASONS["EISDIR"]
    if not stat.S_ISREG(info.st_mode):
        return PATH_REASONS["special"]
    return None


def not_replaceable(path: object, pdf: bool = False) -> str | None:
    """Why a file written under `path` may not take its place: a folder, a pipe or a device is there, or
    a database (the data folder's shenbao.db, a backup). None when nothing is there, or another file is
    (which a new one replaces). A file renamed over a pipe or written into a folder's name would end
    what stood there without a word; one renamed over the database, every enterprise and declaration.
    `pdf`: a PDF is to be written, and a file there that is not one (a profile given as --out by a slip)
    is refused too; an empty one is not."""
    import os
    import stat

    try:
        info = os.stat(str(path))
    except OSError:
        return None  # not there: writing it says why it cannot, if it cannot
    if stat.S_ISDIR(info.st_mode):
        return OS_REASONS["EISDIR"]
    if not stat.S_ISREG(info.st_mode):
        return PATH_REASONS["special"]
    try:
        with open(str(path), "rb") as handle:
            start = handle.read(len(SQLITE_START))
    except OSError:
        return None  # unreadable: writing it says why it cannot, if it cannot
    if start == SQLITE_START:
        return PATH_REASONS["database"]
    if pdf and start and not start.startswith(b"%PDF-"):
        return PATH_REASONS["other_kind"]
    return None


class NotReplaceable(OSError):
    """A folder, a pipe or a device where a file is to be written; `strerror` says which (`os_reason`
    gives it), so a caller that names the file of a failed write says it too."""

    def __init__(self, why: str) -> None:
        super().__init__(None, why)


def not_a_folder(path: object) -> str | None:
    """Why `path` is not a folder (not there, a file, a pipe or a device…), None when it is one."""
    import os
    import stat

    try:
        info = os.stat(str(path))
    except OSError as err:
        return os_reason(err)
    if stat.S_ISDIR(info.st_mode):
        return None
    return PATH_REASONS["file"] if stat.S_ISREG(info.st_mode) else PATH_REASONS["special_folder"]


def os_reason(err: BaseException) -> str:
    """Why a file operation failed, in Chinese where the error is a known one, else the system's text."""
    import errno

    if isinstance(err, OSError):
        reason = WINDOWS_REASONS.get(getattr(err, "winerror", None) or 0)
        if reason is None and err.errno is not None:
            reason = OS_REASONS.get(errno.errorcode.get(err.errno, ""))
        if reason is not None:
            return reason
        return err.strerror or str(err)
    return str(err)


# What would part a line of standard error or change how it shows: the C0 and C1 controls and DEL (a
# line feed, a carriage return, a terminal's escape), the line and paragraph separators, and the marks
# that reorder the text after them. A file may be named with any of them; Chinese text holds none.
UNSAFE_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def one_line(text: object) -> str:
    """`text` as one line as a terminal shows it: each character of `UNSAFE_IN_A_LINE` written as its
    escape (a file named 「a<line feed>b.csv」 as a\\nb.csv, an escape as \\x1b), everything else as it is."""
    shown = str(text)
    return UNSAFE_IN_A_LINE.sub(_escaped, shown) if UNSAFE_IN_A_LINE.search(shown) else shown


# The values of a core sentence (core.phrases.Phrase) that name a file or folder: a file may be named with
# a line feed, which in a message box parts the sentence where the name does; the sentence's other values
# (a list of rows, a nested reason) are written as they are.
PATH_VALUES = frozenset({"path", "where", "source", "folder", "file", "name", "out", "target"})


def paths_in_one_line(message: str) -> str:
    """`message` with each value of a Phrase naming a file (PATH_VALUES, or a Path under any key) written
    by `one_line`, nested Phrases alike; a plain string, or a Phrase naming none with a control character,
    is returned as it is: its line breaks are the message's own."""
    from pathlib import PurePath

    from shenbao.core.phrases import Phrase

    template, values = getattr(message, "template", None), getattr(message, "values", None)
    if template is None or not isinstance(values, dict):
        return message

    def shown(key: str, value: Any) -> Any:
        if hasattr(value, "template"):
            return paths_in_one_line(value)
        if isinstance(value, PurePath) or (key in PATH_VALUES and isinstance(value, str)):
            return one_line(value)
        return value

    written = {key: shown(key, value) for key, value in values.items()}
    if all(str(written[key]) == str(value) for key, value in values.items()):
        return message
    return Phrase(template, **written)


def complain(message: object) -> None:
    """Say `message` on standard error as the command says what went wrong: 「shenbao: 」 and one line,
    whatever the names in it hold."""
    print(f"shenbao: {bounded(one_line(message))}", file=sys.stderr)


# The longest line a refusal prints whole: one that names a value given (a code of 100,000 digits, a
# file pasted into a script's variable) shows its start and its end, and says how much is left out.
LINE_LIMIT = 1000


def bounded(line: str) -> str:
    """`line` whole when it is at most LINE_LIMIT characters, else its first 600 and last 200 with how
    many were left out between them (the end of a refusal says what to do)."""
    if len(line) <= LINE_LIMIT:
        return line
    return f"{line[:600]}…（省略 {len(line) - 800:,} 个字符）…{line[-200:]}"
