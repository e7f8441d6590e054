"""JSON from outside, bounded before it is decoded: every reader of a profile, a bundle's manifest or
declarations goes through `loads_bounded`, so a file nested 100,000 deep or 50 MB long is refused in one
line, cheaply, instead of exhausting the stack or the memory.

The limits are the same numbers on the way in and on the way out (bundle export checks them too), and
far above what a real profile needs: a profile of a few hundred facts is a few kilobytes, nested five deep.
"""

from __future__ import annotations

import json
import math
import re
import sys
from decimal import Decimal
from typing import Any

from shenbao.core.phrases import Phrase

MAX_DOCUMENT = 16 * 1024 * 1024
"""Bytes of one JSON document: a profile file, a bundle member."""
MAX_DEPTH = 64
"""Nesting of arrays and objects in one document."""

# A string, or an unterminated one running to the end (JSON refuses it anyway): possessive, so linear.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"|".*', re.DOTALL)
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


# Why a document is refused, each a core string the interface writes again in its language (a Phrase)
JSON_MESSAGES = {
    "too_large": "文件过大（{size:,} 字节，上限 {limit:,} 字节）",
    "not_utf8": "不是 UTF-8 编码的文本",
    "too_deep": "嵌套过深（上限 {limit} 层）",
    "at": "不是有效的 JSON（第 {line} 行第 {column} 列：{detail}）",
    "invalid": "不是有效的 JSON（{detail}）",
    "long_number": "不是有效的 JSON（数字过长（{digits:,} 位，上限 {limit:,} 位））",
    "constant": "不是有效的 JSON（含非数值 {name}）",
}

# What the decoder met at the place it names, by the start of its message (json's words are English);
# `ended` when the document stops where more was expected, as a file cut short does.
JSON_REASONS = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为带双引号的键名",
    "Expecting ':' delimiter": "此处应为冒号",
    "Expecting ',' delimiter": "此处应为逗号",
    "Unterminated string": "字符串缺少结尾的引号",
    "Invalid control character": "字符串中有控制字符",
    "Invalid \\uXXXX escape": "Unicode 转义无效",
    "Invalid \\escape": "反斜杠转义无效",
    "Extra data": "数据之后还有多余的内容",
    "Illegal trailing comma": "末尾多了一个逗号",
    "ended": "内容在此处意外结束",
    "other": "格式错误",
}


class JsonLimitError(ValueError):
    """A document beyond the limits or not valid JSON; the message (its first argument, a Phrase) is one
    line of Chinese."""


def check_size(size: int, limit: int = MAX_DOCUMENT) -> None:
    if size > limit:
        raise JsonLimitError(Phrase(JSON_MESSAGES["too_large"], size=size, limit=limit))


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`, counted outside strings. Each round removes
    the innermost pairs, so `limit` rounds of C-speed string replacement empty any balanced document
    nested at most `limit` deep: no recursion, no per-character loop. Brackets that do not pair are left
    to the decoder to report, unless they open more than `limit` levels in a row."""
    brackets = _STRING.sub("", text).encode("utf-8", "surrogatepass").translate(None, _NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return False
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(brackets):  # what is left does not pair: not valid JSON
            return re.search(rb"[\[{]{%d}" % (limit + 1), brackets) is not None
        brackets = shorter
    return bool(brackets)


def loads_bounded(data: bytes | str, limit: int = MAX_DOCUMENT, *, exact: bool = False) -> Any:
    """Decode one JSON document of at most `limit` bytes after checking its size and nesting; NaN and
    Infinity are refused. With `exact` (a profile, whose numbers are judged against thresholds) a number
    that a float would change is read as its Decimal (`exact_float`). Raises JsonLimitError with the
    reason."""
    check_size(len(data), limit)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonLimitError(Phrase(JSON_MESSAGES["not_utf8"])) from None
    else:
        text = data
    if too_deep(text):
        raise JsonLimitError(Phrase(JSON_MESSAGES["too_deep"], limit=MAX_DEPTH))
    try:
        floats = exact_float if exact else float
        return json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=floats)
    except json.JSONDecodeError as err:
        raise JsonLimitError(
            Phrase(JSON_MESSAGES["at"], line=err.lineno, column=err.colno, detail=json_reason(err))
        ) from None
    except JsonLimitError:
        raise
    except (ValueError, RecursionError) as err:
        raise JsonLimitError(Phrase(JSON_MESSAGES["invalid"], detail=str(err))) from None


def json_reason(err: json.JSONDecodeError) -> str:
    """What is wrong at the place the decoder stopped, in words."""
    if err.msg.startswith("Expecting") and not err.doc[err.pos :].strip():
        return Phrase(JSON_REASONS["ended"])
    key = next((k for k in JSON_REASONS if err.msg.startswith(k)), "other")
    return Phrase(JSON_REASONS[key])


def _int(digits: str) -> int:
    """An integer, refused in words when longer than Python converts (4,300 digits by default)."""
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise JsonLimitError(Phrase(JSON_MESSAGES["long_number"], digits=len(digits), limit=limit))
    return int(digits)


def exact_float(text: str) -> float | Decimal:
    """A JSON number with a fraction or an exponent: its float, unless the float is another number (one
    written with more digits than a float holds: 0.79999999999999999 is the float 0.8, 99999.9999999999999
    the float 100000.0), then its Decimal, so it is judged and refused as written, not as rounded."""
    value = float(text)
    if math.isinf(value) or Decimal(repr(value)) != Decimal(text):
        return Decimal(text)
    return value


def _no_constant(name: str) -> Any:
    raise JsonLimitError(Phrase(JSON_MESSAGES["constant"], name=name))
