"""Field kinds: one home for how each kind of value is read, checked, written and explained.

Every field of a profile (core.model's field tables), every column of a detail list and every column of a
park table has a kind. For each kind this registry knows

- `parse(value)`: what people type or a spreadsheet cell holds, read leniently, as the interchange JSON
  value (dates as `YYYY-MM-DD`, amounts in 元 as a JSON number, ratios 0–1, codes upper-cased);
- `check(value)`: an interchange value checked strictly and converted for the rules (`Decimal`, `date`,
  `int`, `str`, `bool`);
- `format(value)`: a stored value as text that `parse` reads back to the same value (for a table cell
  or an editor);
- `printed(value)`: a stored value as the printed 申报书 shows it (金额 to the fen with 元);
- `message` (the Chinese message of a bad value), `placeholder` (an example of what may be typed),
  `label` (what the kind is called) and `choices` (for a kind chosen from a list: each value's name).

The UI shows each kind with one widget (ui/field_widgets.py): a list for a kind with choices, a line
read by `parse` otherwise. A new kind is one entry in KINDS (and, if it needs one, one widget there).

Lenient means the spellings people use: dates `2025-10-01`, `2025/10/1`, `2025.10.1`, `2025年10月1日`,
`20251001` and Excel date cells; amounts `250000`, `250,000`, `1，000`, `¥250,000`, `250000元`, `25万`,
`1.2亿`; ratios `35%` or `0.35`; yes/no as 是/否, √/×, true/false; codes with spaces around them;
full-width digits and punctuation; the registered province and city as people shorten them (`福建` for
福建省, `福州` for 福州市); a name wrapped in its cell on one line. Every text is refused when it holds a
control character.

Both `parse` and `check` raise `FieldValueError` with the Chinese message; neither returns a half value.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import field
from decimal import Decimal, InvalidOperation
from typing import Any

from shenbao.core.money import cents, yuan
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass

ORG_TYPES: dict[str, str] = {
    "enterprise": "企业",
    "university": "高校",
    "research_institute": "科研院所",
    "public_institution": "事业单位",
    "park_operator": "园区运营方",
    "other": "其他",
}
ORG_TYPE_ALIASES: dict[str, str] = {
    "公司": "enterprise",
    "企业单位": "enterprise",
    "大学": "university",
    "高等学校": "university",
    "高等院校": "university",
    "院校": "university",
    "科研机构": "research_institute",
    "研究院": "research_institute",
    "研究所": "research_institute",
    "科研单位": "research_institute",
    "园区": "park_operator",
    "园区运营": "park_operator",
    "园区运营单位": "park_operator",
}

# The document a roster row's number belongs to (core_engineers[].id_type); absent means resident_id.
ID_TYPES: dict[str, str] = {
    "resident_id": "居民身份证",
    "foreign_permanent_resident": "外国人永久居留身份证",
    "hk_mo_permit": "港澳居民来往内地通行证（回乡证）",
    "tw_permit": "台湾居民来往大陆通行证（台胞证）",
    "passport": "护照",
}
ID_TYPE_ALIASES: dict[str, str] = {
    "身份证": "resident_id",
    "身份证号": "resident_id",
    "居民身份证号": "resident_id",
    "港澳台居民居住证": "resident_id",
    "永居证": "foreign_permanent_resident",
    "外国人永久居留证": "foreign_permanent_resident",
    "回乡证": "hk_mo_permit",
    "港澳通行证": "hk_mo_permit",
    "台胞证": "tw_permit",
}

TRUE_WORDS = frozenset({"是", "true", "yes", "y", "1", "√", "✓", "有", "对"})
FALSE_WORDS = frozenset({"否", "false", "no", "n", "0", "×", "✗", "无", "不是"})

# GB/T 2260 province codes: the first two digits of a 身份证号 (81, 82, 83: residence permits of Hong Kong,
# Macao and Taiwan residents; 71 Taiwan).
PROVINCES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    }
)
EARLIEST_BIRTH = dt.date(1900, 1, 1)


class FieldValueError(ValueError):
    """A value that does not fit its kind; `str()` is the Chinese message (without the field's label)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


# --- text ------------------------------------------------------------------------------------------

CONTROL_MESSAGE = "含不可见的控制字符，请删去"


@functools.cache
def _controls() -> re.Pattern[str]:
    """Unicode's control characters (Cc: U+0000–U+001F, U+007F–U+009F) but tab and line breaks, the
    surrogates (Cs) and the non-characters U+FFFE, U+FFFF: searched in C (a park table has millions of
    cells), compiled when first needed."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(text: str) -> str | None:
    """The first control character of `text` (other than tab and line breaks, which spreadsheets hold),
    lone surrogate or non-character, as `U+XXXX`; None when there is none. Such a character cannot be
    written to a spreadsheet and prints as a gap."""
    if text.isprintable():  # every character searched for is one Python calls unprintable
        return None
    found = _controls().search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def shown_controls(text: str) -> str:
    """`text` as a message shows a value it received: each character `control_character` finds written
    as \\uXXXX (as JSON writes U+0000–U+001F), so that U+0085 is seen, not printed as nothing, and a
    terminal does not take U+009B for the start of a command."""
    if text.isprintable():
        return text
    return _controls().sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def clean_text(text: str) -> str:
    """A text as kept: line breaks as LF (a spreadsheet keeps no CR), surrounding whitespace (tabs and
    line breaks pasted with it) removed; FieldValueError when it holds a control character."""
    if control_character(text):
        raise FieldValueError(CONTROL_MESSAGE)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _as_text(value: Any) -> str:
    """A cell as text: integral numbers without a trailing .0 (a code or phone kept as a number)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value)


# Characters that show as nothing and come along when a code is copied from a web page or a chat: zero
# width spaces and joiners, direction marks and embeddings, the word joiner, the byte order mark.
INVISIBLE_CHARACTERS = "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"  # as a pattern's class
# Dropped from a field's text with str.translate: the same as a pattern of them, without compiling one.
_NO_INVISIBLE = dict.fromkeys(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF]
)


def _normal(text: str) -> str:
    """Full-width digits, letters and punctuation as their plain forms (NFKC), spaces and characters that
    show as nothing removed."""
    if not text.isascii():  # ASCII is its own NFKC form
        text = unicodedata.normalize("NFKC", text).translate(_NO_INVISIBLE)
    return "".join(text.split())  # str.split() and re's \s both split at what str.isspace() calls space


# --- numbers ---------------------------------------------------------------------------------------

_UNITS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Compiled (by re, which keeps them) when a number is first written with a separator or a point: a
# plain whole number is read without them.
_NUMBER = r"^\d+(\.\d+)?$|^\.\d+$"
_GROUPED = r"^\d{1,3}(,\d{3})+(\.\d+)?$"


def json_number(number: Decimal) -> int | float | str:
    """A Decimal as the JSON value that decodes to it exactly: an int, a float whose repr is the same
    number, else the decimal string."""
    if number == number.to_integral_value():
        return int(number)
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number else format(number.normalize(), "f")


def plain(number: Decimal) -> str:
    """A Decimal written out without exponent or trailing zeros: 250000, 0.35, 1234.5."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number_text(text: str, units: tuple[str, ...]) -> Decimal:
    """A non-negative number as people write it: thousands separators, a currency sign, a unit."""
    text = _normal(text).lstrip("¥").removeprefix("RMB").removeprefix("人民币")
    if text.endswith(("元整", "圆整")) and "元" in units:  # 250000元整, as amounts are written in words
        text = text[:-1]
    for unit in units:
        if text.endswith(unit):
            text = text[: -len(unit)]
            break
    scale = Decimal(1)
    if text[-1:] in _UNITS:
        scale, text = _UNITS[text[-1]], text[:-1]
    if "," in text and re.match(_GROUPED, text):
        text = text.replace(",", "")
    if not (text.isdecimal() or re.match(_NUMBER, text)):  # isdecimal: what \d matches, one or more
        raise ValueError(text)
    return Decimal(text) * scale


def _signed(value: Any, strict: bool) -> Decimal:
    """An amount that may be negative (a red-letter invoice): a leading minus sign, ASCII or full-width."""
    if isinstance(value, str):
        text = value.strip().replace("－", "-").replace("−", "-")
        if text.startswith("-"):
            return -(_strict_decimal(text[1:]) if strict else _decimal(text[1:], ("元", "圆")))
        return _strict_decimal(text) if strict else _decimal(text, ("元", "圆"))
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and value < 0:
        return -_decimal(-value)
    return _decimal(value)


TOO_LARGE = Decimal(10) ** 13
"""Every number a profile holds stays below 10 万亿: far above any enterprise's sum or count, and small
enough that what the rules make of it (a count × 100 万元, the sums of a park's enterprises) is still
written to the fen within Decimal's 28 digits."""
TOO_LARGE_MESSAGE = "应小于 10 万亿，请核对"
PLACES = 28
"""How far past the decimal point a number's first digit may lie: far smaller numbers than any sum, ratio
or count needs, and a bound on what writing one out in full makes of a few characters (1E-999999999 is a
billion digits)."""
TOO_PRECISE_MESSAGE = "小数位数过多（最多 28 位），请核对"


def _bounded(number: Decimal) -> Decimal:
    if number >= TOO_LARGE:
        raise FieldValueError(TOO_LARGE_MESSAGE)
    if number.adjusted() < -PLACES:  # checked by its first digit's place: as cheap as the comparison above
        if not number:
            return Decimal(0)  # 0E-999999999 is 0
        raise FieldValueError(TOO_PRECISE_MESSAGE)
    return number


def _decimal(value: Any, units: tuple[str, ...] = ()) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(value)
        number = Decimal(repr(value))
    elif isinstance(value, str):
        number = _number_text(value, units)
    else:
        raise ValueError(value)
    if not number.is_finite() or number < 0:
        raise ValueError(value)
    return _bounded(number)


def _strict_decimal(value: Any) -> Decimal:
    """An interchange number: a JSON number or a decimal string (thousands commas allowed)."""
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            raise ValueError(value) from None
        if not number.is_finite() or number < 0:
            raise ValueError(value)
        return _bounded(number)
    return _decimal(value)


# --- dates -----------------------------------------------------------------------------------------

# Compiled (by re, which keeps them) when a date is first written other than as YYYY-MM-DD.
_DATE_PATTERNS = (
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$",
    r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$",
    r"^(\d{4})(\d{2})(\d{2})$",
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A bare number in a date cell is Excel's serial number of a day (45717 is 2025-03-01), but only between
# these: a number up to 2100 is a year typed alone (2025 as a serial is 1905-07-17), and one beyond
# 2099-12-31 (serial 73050) a year and month typed as 202503 (as a serial, a day of 2454), a typo or a
# count; each is refused as a date a CSV of the same text is.
_LAST_YEAR = 2100
# The time of a date written with one, when it is midnight; read before the spaces are taken out, where
# 2025/3/1 00:00 would become 2025/3/100:00 (the 10th?)
_MIDNIGHT = re.compile(r"0?0:00(:00)?")
_LAST_SERIAL = 73050


def parse_date(value: Any) -> dt.date | None:
    """A date as people write it, or an Excel date cell (a date, or its serial number); None otherwise.
    A date-time is a date at midnight only, as its text is: 2020-01-01 12:30 is refused in a cell as
    in a CSV."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            return None
        number = int(value)
        if 10_000_000 <= number <= 99_999_999:
            return parse_date(str(number))
        if _LAST_YEAR < number <= _LAST_SERIAL:
            return _EXCEL_EPOCH + dt.timedelta(days=number)
        return None
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) == 2 and _MIDNIGHT.fullmatch(parts[1]):  # 2025/3/1 0:00: Excel's CSV of a date-time cell
        value = parts[0]
    text = _normal(value)
    if len(text) == 10 and text[4] == text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdecimal():
        year, month, day = text[:4], text[5:7], text[8:]  # YYYY-MM-DD, as the first pattern reads it
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
    text = text.split("T")[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", text) else text
    text = re.sub(r"(\d{4}-\d{2}-\d{2})00:00(:00)?$", r"\1", text)
    for pattern in _DATE_PATTERNS:
        match = re.match(pattern, text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None


def iso_date(value: Any) -> dt.date | None:
    """An interchange date: exactly `YYYY-MM-DD` (or a date), else None."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- codes -----------------------------------------------------------------------------------------


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: the digits and 21 letters, no I O Z S V
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^i mod 31


@functools.lru_cache(maxsize=256)  # an import reads a code, then checks it
def valid_uscc(code: str) -> bool:
    """A 统一社会信用代码 (GB 32100-2015) with its check character, as python-stdnum's `cn.uscc` checks it
    (spaces and hyphens ignored, any case): written here because stdnum's import (its util module loads
    ssl and pydoc) cost more than the whole check, on the way to the first window."""
    return _uscc_checks(code.translate(_USCC_IGNORED).upper().strip())


def _uscc_checks(number: str) -> bool:
    """`valid_uscc` of a code already without spaces or hyphens, in upper case."""
    if len(number) != 18 or not (number[:8].isascii() and number[:8].isdigit()):
        return False
    values = list(map(_USCC_VALUES.get, number))  # in C: an import checks 100,000 codes
    if None in values:
        return False
    return values[17] == -sum(map(operator.mul, values, USCC_WEIGHTS)) % 31


_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_IGNORED = str.maketrans("", "", " -")


def iso7064_check(first17: str) -> str:
    """The GB 11643 check character (ISO 7064 MOD 11-2) of 17 digits."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "0123456789X"[(12 - total % 11) % 11]


# What is wrong with a document number, as templates (core strings) an interface writes again in its
# language: core.phrases.Phrase.
ID_PROBLEMS = {
    "length": "应为 18 位（收到 {count} 位）",
    "characters": "应为 17 位数字加 1 位校验码（数字或 X）",
    "province": "开头的省级代码 {code} 不存在",
    "no_such_date": "出生日期 {digits} 不存在",
    "unlikely_date": "出生日期 {date} 不合理",
    "check": "校验码不符",
    "foreigner": "外国人永久居留身份证号应以 9 开头",
    "hk_mo_permit": "应为 H 或 M 开头加 8 位数字（或 10 位）",
    "tw_permit": "应为 8 位数字（旧证 10 位）",
    "passport": "应为 5 到 17 位字母或数字",
}


def id_number_problem(number: str, today: dt.date | None = None) -> str | None:
    """None when `number` is a valid 身份证号 (GB 11643) or 外国人永久居留身份证号 (2023, starting with 9),
    else what is wrong. Checked: 18 characters, 17 digits and a check character, the ISO 7064 check, a real
    birth date after 1900 and not in the future, and a known province code (81/82/83 included). The
    address code is where the number was issued, not where the person was born: it is not checked against
    the birth date, so older numbers of districts renamed since are valid."""
    if len(number) != 18:
        return Phrase(ID_PROBLEMS["length"], count=len(number))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return Phrase(ID_PROBLEMS["characters"])
    province = number[1:3] if number[0] == "9" else number[:2]
    if province not in PROVINCES:
        return Phrase(ID_PROBLEMS["province"], code=province)
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return Phrase(ID_PROBLEMS["no_such_date"], digits=number[6:14])
    if born < EARLIEST_BIRTH or born > (today or dt.date.today()):
        return Phrase(ID_PROBLEMS["unlikely_date"], date=born.isoformat())
    if iso7064_check(number[:17]) != number[17]:
        return Phrase(ID_PROBLEMS["check"])
    return None


# Each document's pattern, compiled (by re, which keeps it) when a number of that kind is first checked.
_OTHER_DOCUMENTS: dict[str, tuple[str, str]] = {
    "hk_mo_permit": (r"^[HM]\d{8}(\d{2})?$", ID_PROBLEMS["hk_mo_permit"]),
    "tw_permit": (r"^\d{8}(\d{2}[A-Z]?)?$", ID_PROBLEMS["tw_permit"]),
    "passport": (r"^[A-Z0-9]{5,17}$", ID_PROBLEMS["passport"]),
}


def document_problem(id_type: str | None, number: str, today: dt.date | None = None) -> str | None:
    """None when `number` is valid for the document `id_type` (None: a 身份证号), else what is wrong."""
    if id_type in (None, "resident_id", "foreign_permanent_resident"):
        problem = id_number_problem(number, today)
        if problem is None and id_type == "foreign_permanent_resident" and number[0] != "9":
            return Phrase(ID_PROBLEMS["foreigner"])
        return problem
    if id_type not in _OTHER_DOCUMENTS:
        raise FieldValueError("证件类型应为以下之一：" + "、".join(ID_TYPES.values()))
    pattern, message = _OTHER_DOCUMENTS[id_type]
    return None if re.match(pattern, number) else Phrase(message)


def plain_uscc(value: Any) -> str | None:
    """A 统一社会信用代码 cell written plainly (ASCII letters and digits) that passes its check, as both
    `parse("uscc", …)` and `check("uscc", …)` give it (upper-cased); None for any other spelling, which
    those read the long way. A park table's codes are all different: each is read once, 100,000 of them."""
    if type(value) is not str or not (value.isascii() and value.isalnum()):
        return None
    code = value.upper()
    return code if _uscc_checks(code) else None  # (not valid_uscc's cache: each code comes once)


def normal_code(text: str) -> str:
    """A code as typed, spaces removed and upper-cased, full-width letters and digits made plain."""
    return _normal(text).upper()


def normal_uscc(text: str) -> str:
    """A 统一社会信用代码 as it is stored and looked up: `normal_code` with the hyphens people write
    between its groups (91350100-0000-0050-37) taken out too, as `valid_uscc` ignores them, so one
    enterprise has one code however it was written."""
    return normal_code(text).replace("-", "")


# --- places ----------------------------------------------------------------------------------------

# The registered place as people shorten it, read as the full name the measures name (福建省, 福州市):
# Fujian, and its nine prefecture-level cities, each without its 市. Only these exact names: any other
# text (福州市鼓楼区, Fuzhou, a city of another province) is kept as typed.
PROVINCE_NAMES: dict[str, str] = {"福建": "福建省"}
CITY_NAMES: dict[str, str] = {
    name: name + "市" for name in ("福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德")
}


# Fuzhou's districts and counties (and the 平潭 zone, which runs 平潭县), each by its full name; a district
# typed without its 区/县/市, under its former name (长乐市 until 2017, 平潭县) or after 福州市 (福建省福州市
# 鼓楼区) is read as that name. Any other text (高新区, a district of another city) is kept as typed.
FUZHOU_DISTRICTS = (
    "鼓楼区",
    "台江区",
    "仓山区",
    "晋安区",
    "马尾区",
    "长乐区",
    "福清市",
    "闽侯县",
    "连江县",
    "罗源县",
    "闽清县",
    "永泰县",
    "平潭综合实验区",
)
DISTRICT_NAMES: dict[str, str] = {
    **{name: name for name in FUZHOU_DISTRICTS},
    **{name[:2]: name for name in FUZHOU_DISTRICTS},
    "长乐市": "长乐区",
    "平潭县": "平潭综合实验区",
    "平潭综合试验区": "平潭综合实验区",
    "平潭实验区": "平潭综合实验区",
}
_SPACES = re.compile(r"\s+")


def district_name(text: str | None) -> str:
    """A 注册地（区县） as typed, read as one of Fuzhou's districts when it names one (鼓楼, 鼓楼区, 福州市
    鼓楼区 and 「福州 鼓楼区」 as 鼓楼区), else as typed (trimmed): for grouping the enterprises of a park by
    district, where 鼓楼 and 鼓楼区 are one district. What is stored is not changed."""
    typed = (text or "").strip()
    plain = _SPACES.sub("", unicodedata.normalize("NFKC", typed))
    for prefix in ("福建省", "福建"):
        plain = plain.removeprefix(prefix)
    for prefix in ("福州市", "福州"):
        if plain.startswith(prefix) and plain[len(prefix) :] in DISTRICT_NAMES:
            plain = plain[len(prefix) :]
    return DISTRICT_NAMES.get(plain, typed)


def _place(names: Mapping[str, str], read: Callable[[Any], str]) -> Callable[[Any], str]:
    def place(value: Any) -> str:
        text = read(value)
        return names.get(text, text)

    return place


# --- the kinds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldKind:
    """How one kind of value is read, checked, written and explained (see the module's docstring)."""

    name: str
    label: str
    message: str
    placeholder: str
    _parse: Callable[[Any], Any] = field(repr=False)
    _check: Callable[[Any], Any] = field(repr=False)
    _format: Callable[[Any], str] = field(repr=False)
    choices: Mapping[Any, str] | None = None  # a kind chosen from a list: each value and its Chinese name
    unit: str = ""  # what a printed form writes after the value (元)
    _print: Callable[[Any], str] | None = field(default=None, repr=False)  # as printed; else as `format`

    def parse(self, value: Any) -> Any:
        """Lenient: a typed text or a spreadsheet cell as the interchange value; None when blank."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if isinstance(value, str) and control_character(value):
                raise FieldValueError(CONTROL_MESSAGE)
            return None
        if isinstance(value, str) and control_character(value):
            raise FieldValueError(CONTROL_MESSAGE)
        try:
            return self._parse(value)
        except FieldValueError:
            raise
        except (ValueError, InvalidOperation, TypeError, ArithmeticError):
            raise FieldValueError(self.message) from None

    def check(self, value: Any) -> Any:
        """Strict: an interchange value converted for the rules (Decimal, date, int, str, bool)."""
        if isinstance(value, str) and control_character(value):
            raise FieldValueError(CONTROL_MESSAGE)
        try:
            return self._check(value)
        except FieldValueError:
            raise
        except (ValueError, InvalidOperation, TypeError, ArithmeticError):
            raise FieldValueError(self.message) from None

    def format(self, value: Any) -> str:
        """A stored value as text that `parse` reads back to the same value; "" for None."""
        if value is None:
            return ""
        try:
            return self._format(value)
        except (ValueError, InvalidOperation, TypeError, ArithmeticError):
            return _as_text(value)

    def printed(self, value: Any, *, unit: bool = True) -> str:
        """A stored value as a printed 申报书 shows it: 金额 to the fen with its unit (none in a table's
        amount column, whose heading names it), a ratio as a percentage, a choice by its Chinese name; ""
        when blank. A value the kind cannot read is printed as it was given."""
        if value is None or value == "":
            return ""
        try:
            text = (self._print or self._format)(value)
        except (ValueError, InvalidOperation, TypeError, ArithmeticError):
            return _as_text(value)
        return f"{text} {self.unit}" if unit and self.unit else text

    def problem(self, value: Any) -> str | None:
        """None when `value` (typed text or an interchange value) parses, else the Chinese message."""
        try:
            self.parse(value)
        except FieldValueError as err:
            return err.message
        return None


TEXT_LIMIT = 1000
"""The most characters a text field holds: a name, an address or a product's description is far
shorter, and a form prints each in a cell that runs on over pages, more slowly the longer it is (a
10,000-character name pasted by mistake took minutes to print)."""
TOO_LONG_MESSAGE = "过长，最多 1,000 个字符，请核对"


def _text_check(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return _short(clean_text(value))


def _text_parse(value: Any) -> str:
    return _short(clean_text(_as_text(value)))


# A line break in a name and the spaces around it: a cell wrapped with Alt+Enter to fit its column
_NAME_BREAK = re.compile(r"\s*\n\s*")


def _one_line(read: Callable[[Any], str]) -> Callable[[Any], str]:
    """A name read as one line, as the licence writes it: a line break a cell was wrapped with (and the
    spaces around it) taken out, or made one space between two Latin letters or digits (Galaxy AI
    Technology). An address or a description keeps its lines."""

    def joined(found: re.Match[str]) -> str:
        before, after = found.string[found.start() - 1], found.string[found.end()]
        latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if latin else ""

    def name(value: Any) -> str:
        text = read(value)
        return _NAME_BREAK.sub(joined, text) if "\n" in text else text  # trimmed: no break at an end

    return name


def _short(text: str) -> str:
    if len(text) > TEXT_LIMIT:
        raise FieldValueError(TOO_LONG_MESSAGE)
    return text


# What a spreadsheet makes of a value, said in words the user can act on.
SPREADSHEET_PROBLEMS = {
    "lost_zero": "开头的 0 可能被表格去掉了（单元格按数字保存时不留开头的 0）：座机号请写成 {zero}，"
    "并把该列设为文本格式",
    "dash": "「-」不是金额（会计格式把 0 显示为「-」）：金额为 0 请填 0，不知道请留空",
}

FEN_MESSAGE = "金额最多精确到分（小数点后两位），请核对"
FLOAT_NOISE = Decimal("0.000001")  # a spreadsheet's 370.37000000000006 is 370.37 as its cell shows


def _money_parse(value: Any) -> int | float | str:
    """An amount as typed or read from a table cell, to the fen: a sum with a part of a fen (99999.995)
    is refused rather than judged against a threshold it seems to meet once written to the fen. A dash
    alone (an accounting format's 0, or 「无」 written short) is refused, asking which it is."""
    if isinstance(value, str) and _normal(value).lstrip("¥") in ("-", "--", "—", "——"):
        raise FieldValueError(SPREADSHEET_PROBLEMS["dash"])
    number = _decimal(value, ("元", "圆"))
    fen = cents(number)
    if number != fen:
        if not (isinstance(value, float) and abs(number - fen) < FLOAT_NOISE):
            raise FieldValueError(FEN_MESSAGE)
        number = fen
    return json_number(number)


def _money_check(value: Any) -> Decimal:
    """An interchange amount (a profile file's, a stored one's) to the fen, as `_money_parse` reads a
    typed one: 99999.995 would be judged below a threshold of 100,000.00 while every text shows it as
    100,000.00, and printed with arithmetic that does not add up."""
    number = _strict_decimal(value)
    if number != cents(number):
        raise FieldValueError(FEN_MESSAGE)
    return number


def _number_parse(value: Any) -> int | float | str:
    return json_number(_decimal(value, ("P", "p", "年", "个")))


# 第一年, 三人, 二十三名: the small numbers people write in characters (to 99)
_CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _chinese_number(text: str) -> int | None:
    if text in _CHINESE_DIGITS:
        return _CHINESE_DIGITS[text]
    tens, ten, ones = text.partition("十")
    if not ten or len(tens) > 1 or len(ones) > 1 or "零" in tens + ones:
        return None
    if (tens and tens not in _CHINESE_DIGITS) or (ones and ones not in _CHINESE_DIGITS):
        return None
    return _CHINESE_DIGITS.get(tens, 1) * 10 + _CHINESE_DIGITS.get(ones, 0)


def _integer(value: Any, least: int, strict: bool) -> int:
    if isinstance(value, str) and not strict:
        text = _normal(value).removeprefix("第")
        for unit in ("人", "个", "家", "项", "年", "名"):
            text = text.removesuffix(unit)
        written = _chinese_number(text)
        number = _decimal(text) if written is None else Decimal(written)
    else:
        number = _strict_decimal(value) if strict else _decimal(value)
    if number != number.to_integral_value() or number < least:
        raise ValueError(value)
    return int(number)


def _ratio(value: Any, strict: bool) -> Decimal:
    if isinstance(value, str) and not strict:
        text = _normal(value)
        if text.endswith("%"):
            number = _decimal(text[:-1]) / 100
        else:
            number = _decimal(text)
    else:
        if strict and isinstance(value, str) and value.strip().endswith(("%", "％")):
            # a profile file asked for "a percentage or a fraction" by the message typing gets
            raise FieldValueError(RATIO_IN_FILE)
        number = _strict_decimal(value) if strict else _decimal(value)
    if number > 1:
        raise ValueError(value)
    return number


RATIO_IN_FILE = "档案文件中的比例应写作 0 到 1 之间的小数（35% 写作 0.35）"


def _ratio_format(value: Any) -> str:
    return plain(_strict_decimal(value) * 100) + "%"


def _bool_parse(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    word = _normal(_as_text(value)).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(value)


def _bool_check(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(value)
    return value


def _date_parse(value: Any) -> str:
    date = parse_date(value)
    if date is None:
        raise ValueError(value)
    return date.isoformat()


def _date_check(value: Any) -> dt.date:
    date = iso_date(value)
    if date is None:
        raise ValueError(value)
    return date


def _uscc_parse(value: Any) -> str:
    code = normal_uscc(_as_text(value))
    if not valid_uscc(code):
        raise ValueError(value)
    return code


def _uscc_check(value: Any) -> str:
    code = _text_check(value)
    if not valid_uscc(code):
        raise ValueError(value)
    return code.translate(_USCC_IGNORED).upper()


def _choice(choices: Mapping[str, str], aliases: Mapping[str, str]) -> Callable[[Any], str]:
    # labels and aliases as `_normal` leaves what is typed: 港澳居民来往内地通行证（回乡证）, as the registry
    # writes it, reads back with its brackets made half-width
    by_label = {_normal(label): code for code, label in choices.items()}
    by_alias = {_normal(alias): code for alias, code in aliases.items()}

    def parse(value: Any) -> str:
        text = clean_text(_as_text(value))
        word = _normal(text)
        for table in (choices, by_label, by_alias):
            if word in table:
                return word if table is choices else table[word]
        lower = word.lower()
        if lower in choices:
            return lower
        raise ValueError(value)

    return parse


def _choice_check(choices: Mapping[str, str]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text_check(value)
        if text not in choices:
            raise ValueError(value)
        return text

    return check


def _is_phone(text: str) -> bool:
    digits = "".join(c for c in text if c not in "-+() ")
    return digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 15 and not _is_date_shape(text)


def _is_date_shape(text: str) -> bool:
    """2026-02-30: a date (a spreadsheet's date cell in the phone column), not a number anyone writes a
    phone as, whether or not the day exists. (2026/2/3 and 2026.2.3 are no phone already: / and . are
    not among a phone's marks.)"""
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    year, month, day = parts
    return len(year) == 4 and year[:2] in ("19", "20") and len(month) <= 2 and len(day) <= 2


def _lost_leading_zero(text: str) -> bool:
    """59187654321: a landline with its area code (0591-87654321) whose leading 0 a spreadsheet dropped,
    having kept the cell as a number. Plain digits, 10 or 11 of them, not starting with 0: no mobile (11
    digits from 1) and no 400/800 service number (10 digits) looks like that; a landline's area code
    starts with 0, so with it the number has 11 or 12."""
    if len(text) not in (10, 11) or not text.isdigit() or not text.isascii() or text[0] == "0":
        return False
    if len(text) == 11 and text[0] == "1":
        return False  # a mobile
    return not (len(text) == 10 and text[:3] in ("400", "800"))


def _phone(value: Any) -> str:
    """A phone number as typed, full-width digits, hyphen, brackets and spaces (an input method in
    full-width mode) kept as their plain forms: 0591-87654321, (0591)87654321, +86 138 0013 8000. A
    landline whose leading 0 a spreadsheet dropped is refused, saying so (typing and tables only: a
    profile stored before keeps its number)."""
    text = _phone_text(value)
    if _lost_leading_zero(text):
        raise FieldValueError(Phrase(SPREADSHEET_PROBLEMS["lost_zero"], zero=f"0{text}"))
    return text


def _phone_text(value: Any) -> str:
    text = clean_text(_as_text(value))
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_NO_INVISIBLE).strip()
    if not _is_phone(text):
        raise ValueError(value)
    return text


def _phone_check(value: Any) -> str:
    return _phone_text(_text_check(value))


def _email(value: Any) -> str:
    text = clean_text(_as_text(value))
    if "@" not in text or " " in text or text.startswith("@") or text.endswith("@"):
        raise ValueError(value)
    return text


def _email_check(value: Any) -> str:
    return _email(_text_check(value))


def _id_parse(value: Any) -> str:
    number = normal_code(_as_text(value))
    problem = id_number_problem(number)
    if problem:
        raise FieldValueError(problem)
    return number


def _id_check(value: Any) -> str:
    number = _text_check(value).upper()
    problem = id_number_problem(number)
    if problem:
        raise FieldValueError(problem)
    return number


def _same(value: Any) -> str:
    return _as_text(value)


def _money_format(value: Any) -> str:
    return plain(_strict_decimal(value))


def _integer_format(value: Any) -> str:
    return str(_integer(value, 0, strict=True))


def _date_format(value: Any) -> str:
    date = iso_date(value) or parse_date(value)
    return date.isoformat() if date else _as_text(value)


def _choice_format(choices: Mapping[str, str]) -> Callable[[Any], str]:
    return lambda value: choices.get(value, _as_text(value))


KINDS: dict[str, FieldKind] = {
    kind.name: kind
    for kind in (
        FieldKind("text", "文字", "应为文字", "", _text_parse, _text_check, _same),
        FieldKind("name", "名称", "应为文字", "", _one_line(_text_parse), _one_line(_text_check), _same),
        FieldKind(
            "province",
            "省份",
            "应为文字",
            "",
            _place(PROVINCE_NAMES, _text_parse),
            _place(PROVINCE_NAMES, _text_check),
            _same,
        ),
        FieldKind(
            "city",
            "城市",
            "应为文字",
            "",
            _place(CITY_NAMES, _text_parse),
            _place(CITY_NAMES, _text_check),
            _same,
        ),
        FieldKind(
            "money",
            "金额（元）",
            "应为不小于 0 的金额（元）",
            "如 250000、250,000 或 25万",
            _money_parse,
            _money_check,
            _money_format,
            unit="元",
            _print=lambda v: yuan(_strict_decimal(v)),
        ),
        FieldKind(
            "signed_money",
            "金额（元）",
            "应为金额（元；红字发票为负数）",
            "如 250000，红字发票如 -1,000",
            lambda v: json_number(_signed(v, strict=False)),
            lambda v: _signed(v, strict=True),
            lambda v: plain(_signed(v, strict=True)),
            unit="元",
            _print=lambda v: yuan(_signed(v, strict=True)),
        ),
        FieldKind(
            "number",
            "数值",
            "应为不小于 0 的数值",
            "如 12.5",
            _number_parse,
            lambda v: _strict_decimal(v),
            _money_format,
        ),
        FieldKind(
            "count",
            "整数",
            "应为不小于 0 的整数",
            "如 12",
            lambda v: _integer(v, 0, strict=False),
            lambda v: _integer(v, 0, strict=True),
            _integer_format,
        ),
        FieldKind(
            "year_index",
            "第几年",
            "应为不小于 1 的整数",
            "第一年填 1",
            lambda v: _integer(v, 1, strict=False),
            lambda v: _integer(v, 1, strict=True),
            _integer_format,
        ),
        FieldKind(
            "ratio",
            "比例",
            "应为百分数（如 35%）或 0 到 1 之间的小数",
            "如 35% 或 0.35",
            lambda v: json_number(_ratio(v, strict=False)),
            lambda v: _ratio(v, strict=True),
            _ratio_format,
        ),
        FieldKind(
            "date",
            "日期",
            "应为存在的日期（YYYY-MM-DD）",
            "如 2025-10-01 或 2025年10月1日",
            _date_parse,
            _date_check,
            _date_format,
        ),
        FieldKind(
            "bool",
            "是/否",
            "应为是/否（true 或 false）",
            "是 或 否",
            _bool_parse,
            _bool_check,
            lambda v: "是" if v is True else "否" if v is False else _as_text(v),
            {True: "是", False: "否"},
        ),
        FieldKind(
            "uscc",
            "统一社会信用代码",
            "格式或校验码不符（应为18位，末位为校验码）",
            "18 位，如 91350100MA2XXXXXXX",
            _uscc_parse,
            _uscc_check,
            _same,
        ),
        FieldKind(
            "org_type",
            "单位类型",
            "应为以下之一：" + "、".join(f"{k}（{v}）" for k, v in ORG_TYPES.items()),
            "、".join(ORG_TYPES.values()),
            _choice(ORG_TYPES, ORG_TYPE_ALIASES),
            _choice_check(ORG_TYPES),
            _choice_format(ORG_TYPES),
            ORG_TYPES,
        ),
        FieldKind(
            "phone", "电话", "不是有效的电话号码", "手机或座机，如 0591-87654321", _phone, _phone_check, _same
        ),
        FieldKind(
            "email", "电子邮箱", "不是有效的电子邮箱", "如 name@example.com", _email, _email_check, _same
        ),
        FieldKind(
            "id_number",
            "身份证号",
            "格式、出生日期或校验码不符",
            "18 位，末位为数字或 X",
            _id_parse,
            _id_check,
            _same,
        ),
        FieldKind(
            "id_type",
            "证件类型",
            "应为以下之一：" + "、".join(ID_TYPES.values()),
            "居民身份证",
            _choice(ID_TYPES, ID_TYPE_ALIASES),
            _choice_check(ID_TYPES),
            _choice_format(ID_TYPES),
            ID_TYPES,
        ),
    )
}


TEXT_KINDS = frozenset({"text", "name", "province", "city"})
"""The kinds whose values are texts, kept as typed but trimmed (a name on one line, a place's shortened
name made whole): a blank one given in a profile is kept as "", where a blank value of any other kind is absent."""


def kind(name: str) -> FieldKind:
    """The kind called `name`; KeyError for a kind that does not exist."""
    return KINDS[name]


def parse(kind_name: str, value: Any) -> Any:
    """`KINDS[kind_name].parse(value)`: lenient reading of typed text or a cell."""
    return KINDS[kind_name].parse(value)


def check(kind_name: str, value: Any) -> Any:
    """`KINDS[kind_name].check(value)`: strict checking of an interchange value."""
    return KINDS[kind_name].check(value)


_IMMUTABLE = (str, int, float, bool, Decimal, dt.date, type(None))


class Memo:
    """`parse` or `check` remembered for the cells of one table: a park's table repeats its districts,
    yes/no cells, counts and amounts thousands of times, and each distinct text is read once. Only plain
    cells (text, numbers) whose result cannot be changed afterwards are kept; a bad cell raises the
    same message each time. Made for one read, so nothing that depends on the day outlives it."""

    def __init__(self, convert: Callable[[str, Any], Any]) -> None:
        self._convert = convert
        self._known: dict[tuple[str, type, Any], Any] = {}

    def __call__(self, kind_name: str, value: Any) -> Any:
        if type(value) not in _IMMUTABLE[:4]:
            return self._convert(kind_name, value)
        key = (kind_name, type(value), value)
        try:
            known = self._known[key]
        except KeyError:
            try:
                known = self._convert(kind_name, value)
            except FieldValueError as err:
                known = err
            if isinstance(known, (FieldValueError, *_IMMUTABLE)):
                self._known[key] = known
        if isinstance(known, FieldValueError):
            raise FieldValueError(known.message)
        return known


def format_value(kind_name: str, value: Any) -> str:
    """`KINDS[kind_name].format(value)`: a stored value as text that parses back to it."""
    return KINDS[kind_name].format(value)


def printed(kind_name: str, value: Any, *, unit: bool = True) -> str:
    """`KINDS[kind_name].printed(value)`: a stored value as a printed form shows it."""
    return KINDS[kind_name].printed(value, unit=unit)


MESSAGES: dict[str, str] = {name: k.message for name, k in KINDS.items()}
MESSAGES["too_large"] = TOO_LARGE_MESSAGE  # any number kind's, past TOO_LARGE
MESSAGES["too_precise"] = TOO_PRECISE_MESSAGE  # any number kind's, past PLACES decimal places
MESSAGES["fen"] = FEN_MESSAGE  # an amount with a part of a fen
MESSAGES["too_long"] = TOO_LONG_MESSAGE  # a text past TEXT_LIMIT
