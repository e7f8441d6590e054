"""TOML files read once per change rather than once per start: the policy library's few hundred
kilobytes of TOML took most of the time to load it (tomllib is pure Python), on every start of the app
and of every command that judges.

What a file parsed to is kept in the user's cache folder (`SHENBAO_CACHE_DIR` overrides it), under the
file's path with the file's bytes, which are read and compared with the kept ones every time: a file
edited, replaced or restored with an old date is parsed again, whatever its dates say. The checks made on
the parsed data (policies.py's strict schema) run as before on every load; only the parsing is skipped. A
cache file that is missing, damaged, written by another Python or unwritable is ignored and rebuilt; it
may hold nothing but dates, times and the plain values TOML has, since anything else is refused on
reading it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from shenbao.core.phrases import Phrase

# Reading a kept file needs only the unpickler, which is pickle's own (its C half); parsing (tomllib),
# pickling (the rest of pickle) and writing (tempfile) are imported when a file was not kept.
try:
    from _pickle import Unpickler, UnpicklingError
except ImportError:  # a Python without the C unpickler
    from pickle import Unpickler, UnpicklingError  # type: ignore[assignment]

FILE_NAME = "toml-v1.marshal"
_ALLOWED = {("datetime", name) for name in ("date", "datetime", "time", "timezone", "timedelta")}

_entries: dict[str, tuple[bytes, bytes]] | None = None  # path → (its bytes, what they parsed to, pickled)
_dirty = False


class _PlainUnpickler(Unpickler):
    """Unpickles what tomllib returns and nothing else: no class but datetime's is looked up."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise UnpicklingError(f"{module}.{name}")
        return getattr(dt, name)


# What tomllib says is wrong with a file's syntax (each message its tomllib/_parser.py can raise), in
# Chinese: a Phrase (core.phrases) of a core string that the interface writes again in its language,
# after the line and column it names. A message not listed here (another Python's) still says where.
TOML_SYNTAX = {
    "at": "第 {line} 行第 {column} 列：{problem}",
    "at_end": "文件末尾（第 {line} 行第 {column} 列）：{problem}",
    "other": "不符合 TOML 语法",
    "statement": "无法识别的语句（应为「键 = 值」、[表] 或 [[表数组]]）",
    "after_statement": "一条语句之后应换行",
    "expected": "缺少 {expected}",
    "bad_char": "有不允许的字符 {char}",
    "declared_twice": "表 {key} 声明了两次",
    "overwrite": "该键已有值，不能再次赋值",
    "table_end": "表头末尾缺少 ]",
    "immutable": "不能再向 {key} 添加键（它已在一处整体写定）",
    "array_end": "表数组头末尾缺少 ]]",
    "redefine": "不能再次定义 {key}",
    "equals": "键之后缺少 =",
    "key_start": "键的首字符无效",
    "unclosed_array": "数组缺少结尾的 ]",
    "inline_twice": "内联表中的键 {key} 重复",
    "unclosed_inline": "内联表缺少结尾的 }}",
    "backslash": "字符串中的 \\ 未构成有效的转义",
    "hex": "十六进制转义值无效",
    "not_scalar": "转义的字符不是有效的 Unicode 字符",
    "unterminated": "字符串缺少结尾的引号",
    "illegal": "字符串中有不允许的字符 {char}",
    "date": "日期或时间无效",
    "value": "值无效（文本须加引号；是/否写 true 或 false；日期如 2026-01-31）",
}
# tomllib's messages, matched only when a file is refused: compiled then (`_syntax`), not on every start
_SYNTAX = (
    (r"Invalid statement", "statement"),
    (r"Expected newline or end of document after a statement", "after_statement"),
    (r"Expected ']' at the end of a table declaration", "table_end"),
    (r"Expected ']]' at the end of an array declaration", "array_end"),
    (r"Expected '=' after a key in a key/value pair", "equals"),
    (r"Expected (?P<expected>.+)", "expected"),
    (r"Found invalid character (?P<char>.+)", "bad_char"),
    (r"Cannot declare (?P<key>.+) twice", "declared_twice"),
    (r"Cannot overwrite a value", "overwrite"),
    (r"Cannot mutate immutable namespace (?P<key>.+)", "immutable"),
    (r"Cannot redefine namespace (?P<key>.+)", "redefine"),
    (r"Invalid initial character for a key part", "key_start"),
    (r"Unclosed array", "unclosed_array"),
    (r"Duplicate inline table key (?P<key>.+)", "inline_twice"),
    (r"Unclosed inline table", "unclosed_inline"),
    (r"Unescaped '\\' in a string", "backslash"),
    (r"Invalid hex value", "hex"),
    (r"Escaped character is not a Unicode scalar value", "not_scalar"),
    (r"Unterminated string", "unterminated"),
    (r"Illegal character '\\n'", "unterminated"),  # a one-line string that runs to the line's end
    (r"Illegal character (?P<char>.+)", "illegal"),
    (r"Invalid date or datetime", "date"),
    (r"Invalid value", "value"),
)
_AT = r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$"


@functools.cache
def _syntax() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    return re.compile(_AT, re.DOTALL), [(re.compile(pattern, re.DOTALL), name) for pattern, name in _SYNTAX]


def _key_text(raw: str) -> str:
    """A key as tomllib names it (a tuple of its parts, or one part quoted) as the file writes it: a.b."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", raw)
    return ".".join(single or double for single, double in parts) if parts else raw


def syntax_problem(err: BaseException, text: str) -> Phrase:
    """What tomllib's TOMLDecodeError `err` says of the TOML `text`, in Chinese with its line and column
    (the end of the file's when it names the end of the document)."""
    said = str(err)
    where, problems = _syntax()
    at = where.match(said)
    message = at["message"] if at else said
    problem = Phrase(TOML_SYNTAX["other"])
    for pattern, name in problems:
        match = pattern.fullmatch(message)
        if match is not None:
            values = match.groupdict()
            if "key" in values:
                values["key"] = _key_text(values["key"])
            problem = Phrase(TOML_SYNTAX[name], **values)
            break
    if at is None or at["line"] is not None:
        line, column = (at["line"], at["column"]) if at else ("?", "?")
        return Phrase(TOML_SYNTAX["at"], line=line, column=column, problem=problem)
    lines = text.split("\n")
    return Phrase(TOML_SYNTAX["at_end"], line=len(lines), column=len(lines[-1]) + 1, problem=problem)


def is_decode_error(err: BaseException) -> bool:
    """Whether `err` is tomllib's TOMLDecodeError (tomllib is only imported once a file is parsed)."""
    tomllib = sys.modules.get("tomllib")
    return tomllib is not None and isinstance(err, tomllib.TOMLDecodeError)


def cache_folder() -> Path:
    env = os.environ.get("SHENBAO_CACHE_DIR")
    if env:
        return Path(env)
    import appdirs

    return Path(appdirs.user_cache_dir("Shenbao", False))


def _read_entries() -> dict[str, tuple[bytes, bytes]]:
    try:
        stored = marshal.loads((cache_folder() / FILE_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("python") != sys.version:
        return {}
    files = stored.get("files")
    return files if isinstance(files, dict) else {}


def load(path: Path) -> dict[str, Any]:
    """The TOML file at `path` parsed, as `tomllib.load` returns it (a fresh copy each call); raises
    tomllib.TOMLDecodeError for a bad file, as tomllib does, and OSError when it cannot be read."""
    global _entries, _dirty
    data = path.read_bytes()
    if _entries is None:
        _entries = _read_entries()
    key = str(path.resolve())
    entry = _entries.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == data and isinstance(entry[1], bytes):
        try:
            parsed = _PlainUnpickler(io.BytesIO(entry[1])).load()
        except Exception:  # noqa: BLE001 -- a damaged entry is parsed again, whatever is wrong with it
            parsed = None
        if isinstance(parsed, dict):
            return parsed
    import pickle
    import tomllib

    parsed = tomllib.loads(data.decode("utf-8-sig"))  # (a BOM, as Notepad saves one, is no statement)
    _entries[key] = (data, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
    _dirty = True
    return parsed


def flush() -> None:
    """Write what was parsed since the last flush (and drop files that are gone); a folder that cannot
    be written is left alone: the next start parses again."""
    global _dirty
    if not _dirty or _entries is None:
        return
    _dirty = False
    kept = {path: entry for path, entry in _entries.items() if os.path.exists(path)}
    write_kept(FILE_NAME, marshal.dumps({"python": sys.version, "files": kept}))


def write_kept(name: str, blob: bytes) -> None:
    """Write `blob` as the cache folder's file `name`, beside it first and then renamed over it, so that a
    process killed meanwhile leaves the old file or none; a folder that cannot be written is left alone."""
    folder = cache_folder()
    import tempfile

    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kept-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def read_marshalled(name: str) -> Any:
    """What `write_marshalled(name, …)` kept, as marshal read it back: None when the file is missing, cut
    short, damaged (its checksum) or written by another Python (whose code objects this one cannot run).
    The caller checks the shape of what it gets."""
    try:
        python, checksum, payload = marshal.loads((cache_folder() / name).read_bytes())
        if python != sys.version or not isinstance(payload, bytes) or zlib.crc32(payload) != checksum:
            return None
        return marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):  # missing, cut short, not ours
        return None


def write_marshalled(name: str, value: Any) -> None:
    """Keep `value` (what marshal writes: code objects among plain values) as the cache folder's file
    `name`, with this Python's version and a checksum, for `read_marshalled`."""
    payload = marshal.dumps(value)
    write_kept(name, marshal.dumps((sys.version, zlib.crc32(payload), payload)))


def forget() -> None:
    """Drop what this process read from the cache file (tests, after changing the folder)."""
    global _entries, _dirty
    _entries, _dirty = None, False
