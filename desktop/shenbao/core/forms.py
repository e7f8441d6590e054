"""Per-measure wizard pages and printed forms, loaded from forms/ with a strict schema.

One TOML file per measure, `forms/<measure id>.toml`, read by the wizard (one generic page class that
lays out a page's fields) and by the PDF (core.pdf), so what is asked and what is printed cannot drift.
`forms/_common.toml` holds what every form shares: the applicant pages, the default materials and
commitment, and `[column_widths]`, the printed width of each detail column relative to the others of its
table (every column a form prints must have one). Files whose name starts with "_" are never forms.

Schema of a form file (every key not listed is rejected):

    measure    = "fj2025.compute_voucher"      # required; the file name must be "<measure>.toml"
    title      = "算力服务补助申报书"             # required; printed as 《title》 on the cover
    include    = ["applicant"]                 # shared pages of _common.toml put first (default: all)
    materials  = ["…"]                         # 申报材料清单, appended to _common's (printed as checkboxes)
    materials_en = ["…"]                       # the same in English, one for one (the English interface)
    commitment = "…"                           # 承诺书 text; default _common's. May use {applicant} {measure}
    sections   = ["basic", "content", "calculation", "materials", "commitment"]   # printed, in order

    [[pages]]                                  # one wizard page each; printed in 二、申报内容
    id    = "purchase"                         # required, unique in the form, [a-z0-9_]
    title = "算力服务购买情况"                    # required
    help  = "依据《…》第七条：…"                   # required: the clause the page rests on
    fields = [                                 # required, at least one
      { key = "facts.compute_invoices", columns = ["supplier", "invoice_no", "date", "amount"] },
      { key = "facts.compute_subsidy_year_index", choices = [[1, "第一年"], [2, "第二年"]] },
      { key = "facts.infra_loan_years", show_if = "facts.infra_loan_amount > 0", required = false },
    ]

A field's keys:
- `key` (required): "facts.<fact>" of model.FACT_FIELDS, "enterprise.<field>" of ENTERPRISE_FIELDS,
  "facts.<detail>" of DETAIL_COLUMNS (a table), or "enterprise.recognitions" (with `recognition`).
- `type`: defaults to the model's kind; when given it must agree with it. Types: every kind of
  core.fieldkinds (money, ratio, date, bool, …), choice, table, recognition. `kind` on the loaded Field
  is always the model's kind, which the registry reads and checks.
- `label`, `help`: default to the model's label and help.
- `required` (default true on a measure's pages, false on shared pages).
- `show_if`: "<key of a field of this form> <op> <literal>", op one of == != >= <= > <, literal true,
  false, a number or a "quoted string", a value the named field holds (ordered only for a number). The
  wizard hides the field (and the PDF omits it) otherwise.
- `choices`: [[value, label], …] turns a count, year_index, number or text field into a choice
  (type "choice"), each value one the field's kind holds (as a profile's is checked);
  enterprise.org_type is a choice of model.ORG_TYPES without saying so.
- `columns` (tables only): the detail columns to ask and print, in order (default: all of them).
- `mask` (tables only): columns of `columns` holding sensitive numbers (身份证号, kind id_number) printed
  masked by default.
- `recognition` (type recognition only): the kind of model.RECOGNITION_KINDS; the wizard asks its date.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import field, replace
from functools import cache
from pathlib import Path
from typing import Any

from shenbao import paths
from shenbao.core import fieldkinds
from shenbao.core.model import (
    DETAIL_COLUMNS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    ORG_TYPES,
    RECOGNITION_KINDS,
    label_of,
)
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.core.toml_cache import syntax_problem
from shenbao.errors import KnownError, os_reason

COMMON_FILE = "_common.toml"
SECTIONS = ("basic", "content", "calculation", "materials", "commitment")
# A field's widget: the widget of its kind (every kind of core.fieldkinds), a list of its own choices, a
# detail table, or a recognition's date.
TYPES = frozenset({*fieldkinds.KINDS, "choice", "table", "recognition"})
CHOICE_KINDS = frozenset({"count", "year_index", "number", *fieldkinds.TEXT_KINDS, "org_type"})
OPS = ("==", "!=", ">=", "<=", ">", "<")
_SHOW_IF = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*$")
_ID = re.compile(r"^[a-z0-9_]+$")

FORM_KEYS = {"measure", "title", "include", "materials", "materials_en", "commitment", "sections", "pages"}
COMMON_KEYS = {"materials", "materials_en", "commitment", "pages", "column_widths"}
PAGE_KEYS = {"id", "title", "help", "fields"}
FIELD_KEYS = {
    "key",
    "type",
    "label",
    "help",
    "required",
    "show_if",
    "choices",
    "columns",
    "mask",
    "recognition",
}


class FormError(KnownError):
    """A form file breaks the schema; the message names the file and the key."""


# Why a form file is refused, each a Phrase (core.phrases) of a core string that the interface writes
# again in its language; the command line prints the Chinese sentence. `source` is the file's name and
# `where` the key, as written in the file.
FORM_MESSAGES = {
    "at": "{source}: {where}: {problem}",
    "in": "{source}: {problem}",
    "not_toml": "{source}: 不是有效的 TOML（{error}）",
    "cannot_read": "{source}: 无法读取（{why}）",
    "not_utf8": "{source}: 不是 UTF-8 编码的文本，请以 UTF-8 保存",
    "too_deep": "{source}: 不是可读取的 TOML（数字位数过多或嵌套过深）",
    "unknown_keys": "未知的键 {keys}",
    "not_text": "应为非空字符串",
    "not_texts": "应为非空字符串的列表",
    "show_if_value": "show_if 的取值 {raw} 应为 true、false、数字或字符串",
    "recognition_kind": "recognition 应为 {kinds} 之一",
    "not_model_key": "键 {key} 不是 shenbao.core.model 中的事实、企业字段或明细清单",
    "field_not_table": "字段应为表（table）",
    "recognition_only": "recognition 只用于键 enterprise.recognitions",
    "choices": "choices 应为 [[取值, 标签], …]，且只用于计数、数值或文本字段",
    "choice_value": "取值 {raw} 不是 {key} 可填的值：{problem}",
    "choice_twice": "取值 {raw} 与 choices[{first}] 的相同",
    "unknown_type": "未知的字段类型 {declared}（已知：{types}）",
    "type_mismatch": "类型 {declared} 与 {key}（{widget}）不符",
    "no_columns": "{key} 没有列 {columns}（已知：{columns_known}）",
    "columns_only": "columns 和 mask 只用于明细清单（表格）",
    "columns_none": "应至少列出一列",
    "columns_twice": "列 {columns} 重复列出",
    "mask_column": "列 {columns} 不是所问的证件号码列，不能遮盖",
    "not_bool": "应为 true 或 false",
    "not_string": "应为字符串",
    "no_pages": "应为非空的页面列表",
    "page_not_table": "页面应为表（table）",
    "page_id": "只能由小写字母、数字和 _ 组成",
    "no_fields": "应为非空的字段列表",
    "show_if_form": "{raw} 应为「<字段键> <运算符> <取值>」",
    "show_if_key": "引用的 {key} 不是本表单的字段",
    "show_if_self": "字段不能依赖自身",
    "show_if_list": "引用的 {key} 是明细清单或认定日期，不能作为显示条件",
    "show_if_order": "引用的 {key} 不是数值，只能用 == 或 !=",
    "show_if_written": "取值 {raw} 在 {key} 中保存为 {written}，请照此书写",
    "widths_table": "应为表（table）：列名 = 相对宽度",
    "not_column": "不是明细清单的列（已知：{columns_known}）",
    "not_positive": "应为大于 0 的数",
    "widths_missing": "{file} 的 column_widths 缺少列 {columns}",
    "placeholders": "只能使用占位符 {{applicant}} 和 {{measure}}",
    "measure_name": "{raw} 与文件名不符",
    "unknown_include": "未知的共用页面 {ids}",
    "unknown_sections": "未知的打印部分 {printed}（已知：{sections}）",
    "sections_twice": "打印部分 {printed} 重复列出",
    "page_ids_twice": "页面 id 不能重复",
    "asked_twice": "同一字段被询问了两次",
    "materials_en": "应与 materials 一一对应",
}


@dataclass(frozen=True)
class Condition:
    """A parsed `show_if`: show the field when `key op value` holds."""

    key: str
    op: str
    value: Any

    def holds(self, value: Any) -> bool:
        """Whether the condition holds for the current value of `key` (None: not known → hidden)."""
        if value is None:
            return False
        try:
            if self.op == "==":
                return bool(value == self.value)
            if self.op == "!=":
                return bool(value != self.value)
            if isinstance(value, bool) or isinstance(self.value, bool | str):
                return False
            return {
                ">=": value >= self.value,
                "<=": value <= self.value,
                ">": value > self.value,
                "<": value < self.value,
            }[self.op]
        except TypeError:
            return False


@dataclass(frozen=True)
class Field:
    key: str  # "facts.compute_purchase_amount", "enterprise.name", "facts.compute_invoices"
    type: str  # the widget: one of TYPES
    kind: str  # the model's kind ("table" for detail lists, "recognition" for a recognition)
    label: str
    help: str
    required: bool
    show_if: Condition | None = None
    choices: tuple[tuple[Any, str], ...] = ()
    columns: tuple[str, ...] = ()
    mask: tuple[str, ...] = ()
    recognition: str | None = None
    widths: tuple[float, ...] = ()  # tables: each column's printed width, relative to the others

    @property
    def section(self) -> str:
        return self.key.partition(".")[0]

    @property
    def name(self) -> str:
        return self.key.partition(".")[2]


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    help: str
    fields: tuple[Field, ...]
    shared: bool = False  # from _common.toml (printed in 一、申报单位基本情况)


@dataclass(frozen=True)
class Form:
    measure: str
    title: str
    pages: tuple[Page, ...]
    materials: tuple[str, ...]
    commitment: str
    sections: tuple[str, ...] = SECTIONS
    source: str = ""
    materials_en: tuple[str, ...] = ()  # `materials` in English, one for one, when the data gives them

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(f for page in self.pages for f in page.fields)

    @property
    def measure_pages(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if not p.shared)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def commitment_text(self, applicant: str, measure_title: str) -> str:
        return self.commitment.format(applicant=applicant or "本单位", measure=measure_title)


# --- loading -------------------------------------------------------------------------------------


def _fail(source: str, where: str, problem: str, **values: Any) -> FormError:
    """The file `source` refused at the key `where` for the FORM_MESSAGES entry `problem`."""
    said = Phrase(FORM_MESSAGES[problem], **values)
    if where:
        return FormError(Phrase(FORM_MESSAGES["at"], source=source, where=where, problem=said))
    return FormError(Phrase(FORM_MESSAGES["in"], source=source, problem=said))


def _keys(data: Mapping[str, Any], allowed: set[str], source: str, where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(source, where, "unknown_keys", keys=", ".join(unknown))


def _str(data: Mapping[str, Any], key: str, source: str, where: str, *, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, f"{where}.{key}" if where else key, "not_text")
    return value.strip()


def _str_list(value: Any, source: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, where, "not_texts")
    return tuple(v.strip() for v in value)


def _literal(text: str, source: str, where: str) -> Any:
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except (ValueError, RecursionError):  # not TOML, or an integer of too many digits, or nested too deep
        raise _fail(source, where, "show_if_value", raw=repr(text)) from None


def _model_kind(key: str, data: Mapping[str, Any], source: str, where: str) -> tuple[str, str, str]:
    """(kind, default label, default help) of a field key, or FormError when the model lacks it."""
    section, _, name = key.partition(".")
    if section == "facts" and name in FACT_FIELDS:
        spec = FACT_FIELDS[name]
        return spec.kind, spec.label, spec.help
    if section == "facts" and name in DETAIL_COLUMNS:
        return "table", label_of(key), ""
    if key == "enterprise.recognitions":
        kind = data.get("recognition")
        if not isinstance(kind, str) or kind not in RECOGNITION_KINDS:  # (a list is no key of a dict)
            raise _fail(source, where, "recognition_kind", kinds=", ".join(RECOGNITION_KINDS))
        return "recognition", f"认定为{RECOGNITION_KINDS[kind]}的日期", "认定文件载明的日期，未获认定则留空"
    if section == "enterprise" and name in ENTERPRISE_FIELDS:
        spec = ENTERPRISE_FIELDS[name]
        return spec.kind, spec.label, spec.help
    raise _fail(source, where, "not_model_key", key=repr(key))


def _field(data: Any, source: str, where: str, shared: bool) -> tuple[Field, str | None]:
    if not isinstance(data, Mapping):
        raise _fail(source, where, "field_not_table")
    _keys(data, FIELD_KEYS, source, where)
    key = _str(data, "key", source, where)
    kind, label, help_ = _model_kind(key, data, source, where)
    if "recognition" in data and kind != "recognition":
        raise _fail(source, where, "recognition_only")
    choices: tuple[tuple[Any, str], ...] = ()
    if "choices" in data:
        raw = data["choices"]
        if (
            kind not in CHOICE_KINDS
            or not isinstance(raw, list)
            or not raw
            or not all(isinstance(c, list) and len(c) == 2 and isinstance(c[1], str) for c in raw)
        ):
            raise _fail(source, where, "choices")
        seen: dict[Any, int] = {}
        for i, (value, name) in enumerate(raw):  # an option the field could not hold: refused when chosen
            try:
                checked = fieldkinds.check(kind, value)
            except fieldkinds.FieldValueError as err:  # (its message is the `problem` of the kind's)
                said = Phrase(FORM_MESSAGES["choice_value"], raw=repr(value), key=key, problem=err.message)
                at = Phrase(FORM_MESSAGES["at"], source=source, where=f"{where}.choices[{i}]", problem=said)
                raise FormError(at) from None
            if not name.strip():  # an option without a name to choose it by
                raise _fail(source, f"{where}.choices[{i}]", "not_text")
            if checked in seen:  # chosen, it would show and print as the first option of its value
                raise _fail(
                    source, f"{where}.choices[{i}]", "choice_twice", raw=repr(value), first=seen[checked]
                )
            seen[checked] = i
        choices = tuple((c[0], c[1]) for c in raw)
    elif kind == "org_type":
        choices = tuple(ORG_TYPES.items())
    widget = "choice" if choices else kind
    declared = data.get("type", widget)
    if not isinstance(declared, str) or declared not in TYPES:
        raise _fail(source, where, "unknown_type", declared=repr(declared), types=", ".join(sorted(TYPES)))
    if declared != widget and not (declared == "text" and widget in fieldkinds.TEXT_KINDS):
        # (a place is a text: a form written when 注册地 was of kind text still reads)
        raise _fail(source, where, "type_mismatch", declared=repr(declared), key=key, widget=widget)
    columns: tuple[str, ...] = ()
    mask: tuple[str, ...] = ()
    if kind == "table":
        known = [c for c, _, _ in DETAIL_COLUMNS[key.partition(".")[2]]]
        columns = _str_list(data.get("columns", known), source, f"{where}.columns")
        if not columns:  # a table of no column: nothing to ask, and no width to print it in
            raise _fail(source, f"{where}.columns", "columns_none")
        twice = sorted({c for c in columns if columns.count(c) > 1})
        if twice:  # each asked and printed again, and its amounts added into the total again
            raise _fail(source, f"{where}.columns", "columns_twice", columns=", ".join(twice))
        mask = _str_list(data.get("mask", []), source, f"{where}.mask")
        bad = [c for c in (*columns, *mask) if c not in known]
        if bad:
            raise _fail(
                source, where, "no_columns", key=key, columns=", ".join(bad), columns_known=", ".join(known)
            )
        kinds = {c: k for c, k, _ in DETAIL_COLUMNS[key.partition(".")[2]]}
        unmasked = [c for c in mask if c not in columns or kinds[c] != "id_number"]
        if unmasked:  # an invoice number printed 12****78, and 身份证号已部分遮盖 said of none printed
            raise _fail(source, f"{where}.mask", "mask_column", columns=", ".join(unmasked))
    elif "columns" in data or "mask" in data:
        raise _fail(source, where, "columns_only")
    required = data.get("required", not shared)
    if not isinstance(required, bool):
        raise _fail(source, f"{where}.required", "not_bool")
    for text in ("label", "help", "show_if"):  # (the wizard shows the label and help as they are)
        if text in data and not isinstance(data[text], str):
            raise _fail(source, f"{where}.{text}", "not_string")
    show_if = data.get("show_if")
    return (
        Field(
            key=key,
            type=widget,
            kind=kind,
            label=data.get("label", "").strip() or label,  # (a blank label is none: the model's)
            help=data.get("help", help_),
            required=required,
            choices=choices,
            columns=columns,
            mask=mask,
            recognition=data.get("recognition"),
        ),
        show_if,
    )


_Pending = dict[tuple[str, str], tuple[str, str]]  # (page id, field key) → (show_if text, where)


def _pages(raw: Any, source: str, shared: bool) -> tuple[list[Page], _Pending]:
    if not isinstance(raw, list) or not raw:
        raise _fail(source, "pages", "no_pages")
    pages: list[Page] = []
    pending: _Pending = {}
    for i, data in enumerate(raw):
        where = f"pages[{i}]"
        if not isinstance(data, Mapping):
            raise _fail(source, where, "page_not_table")
        _keys(data, PAGE_KEYS, source, where)
        page_id = _str(data, "id", source, where)
        if not _ID.match(page_id):
            raise _fail(source, f"{where}.id", "page_id")
        fields_raw = data.get("fields")
        if not isinstance(fields_raw, list) or not fields_raw:
            raise _fail(source, f"{where}.fields", "no_fields")
        fields = []
        for j, raw_field in enumerate(fields_raw):
            f, show_if = _field(raw_field, source, f"{where}.fields[{j}]", shared)
            fields.append(f)
            if show_if is not None:
                pending[(page_id, f.key)] = (show_if, f"{where}.fields[{j}]")
        title = _str(data, "title", source, where)
        pages.append(Page(page_id, title, _str(data, "help", source, where), tuple(fields), shared))
    return pages, pending


def _resolve_show_if(pages: list[Page], pending: _Pending, source: str) -> list[Page]:
    """Parse each `show_if` once the whole form is known (it may name a field of an earlier page)."""
    keys = {f.key: f.kind for p in pages for f in p.fields}
    out = []
    for page in pages:
        fields = []
        for f in page.fields:
            if (page.id, f.key) in pending:
                text, where = pending[(page.id, f.key)]
                match = _SHOW_IF.match(text)
                if not match:
                    raise _fail(source, f"{where}.show_if", "show_if_form", raw=repr(text))
                key, op, literal = match.groups()
                if key not in keys:
                    raise _fail(source, f"{where}.show_if", "show_if_key", key=repr(key))
                if key == f.key:
                    raise _fail(source, f"{where}.show_if", "show_if_self")
                value = _literal(literal, source, where)
                _compared(keys[key], op, value, key, source, f"{where}.show_if")
                f = replace(f, show_if=Condition(key, op, value))
            fields.append(f)
        out.append(replace(page, fields=tuple(fields)))
    return out


# The kinds whose values are numbers, which a show_if may order (> >= < <=)
NUMBER_KINDS = frozenset({"money", "signed_money", "number", "count", "year_index", "ratio"})


def _compared(kind: str, op: str, value: Any, key: str, source: str, where: str) -> None:
    """A show_if's literal must be a value the field it names holds, checked as a profile's value of it
    is, and of its type (the count 1, not "1"; the bool true, not "是"): any other never equals what is
    answered, and the field it governs would never be asked nor printed."""
    if kind not in fieldkinds.KINDS:  # a detail list's rows, a recognition's date
        raise _fail(source, where, "show_if_list", key=key)
    if op not in ("==", "!=") and kind not in NUMBER_KINDS:
        raise _fail(source, where, "show_if_order", key=key)
    if kind == "bool":
        typed = isinstance(value, bool)
    else:
        typed = not isinstance(value, bool) and (kind not in NUMBER_KINDS or isinstance(value, int | float))
    try:
        if not typed:
            raise fieldkinds.FieldValueError(fieldkinds.KINDS[kind].message)
        checked = fieldkinds.check(kind, value)
    except fieldkinds.FieldValueError as err:  # (its message is the `problem` of the kind's)
        said = Phrase(FORM_MESSAGES["choice_value"], raw=repr(value), key=key, problem=err.message)
        raise FormError(Phrase(FORM_MESSAGES["at"], source=source, where=where, problem=said)) from None
    if isinstance(checked, str) and checked != value:  # 福建 is kept as 福建省, and never equals 福建
        raise _fail(source, where, "show_if_written", raw=repr(value), written=repr(checked), key=key)


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8-sig")  # (a BOM, as Notepad saves one, is no statement)
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        problem = syntax_problem(err, text)
        raise FormError(Phrase(FORM_MESSAGES["not_toml"], source=path.name, error=problem)) from None
    except OSError as err:  # a folder or a link to nothing of the name, a file not to be read
        raise FormError(Phrase(FORM_MESSAGES["cannot_read"], source=path.name, why=os_reason(err))) from None
    except UnicodeDecodeError:
        raise FormError(Phrase(FORM_MESSAGES["not_utf8"], source=path.name)) from None
    except (ValueError, RecursionError):  # an integer of too many digits, nesting deeper than the reader
        raise FormError(Phrase(FORM_MESSAGES["too_deep"], source=path.name)) from None


@dataclass
class _Common:
    pages: list[Page]
    materials: tuple[str, ...]
    commitment: str
    page_ids: list[str] = field(default_factory=list)
    materials_en: tuple[str, ...] = ()
    column_widths: dict[str, float] = field(default_factory=dict)


def _load_common(folder: Path) -> _Common:
    source = COMMON_FILE
    data = _read(folder / COMMON_FILE)
    _keys(data, COMMON_KEYS, source, "")
    pages, pending = _pages(data.get("pages"), source, shared=True)
    pages = _resolve_show_if(pages, pending, source)
    return _Common(
        pages=pages,
        materials=_str_list(data.get("materials", []), source, "materials"),
        commitment=_commitment(_str(data, "commitment", source, ""), source),
        page_ids=[p.id for p in pages],
        materials_en=_materials_en(data, source),
        column_widths=_column_widths(data.get("column_widths", {}), source),
    )


def _column_widths(raw: Any, source: str) -> dict[str, float]:
    """`column_widths`: the printed width of each detail column (its name in model.DETAIL_COLUMNS),
    relative to the other columns of its table."""
    known = {c for columns in DETAIL_COLUMNS.values() for c, _, _ in columns}
    if not isinstance(raw, Mapping):
        raise _fail(source, "column_widths", "widths_table")
    for name, width in raw.items():
        if name not in known:
            raise _fail(source, f"column_widths.{name}", "not_column", columns_known=", ".join(sorted(known)))
        if isinstance(width, bool) or not isinstance(width, int | float) or not width > 0:
            raise _fail(source, f"column_widths.{name}", "not_positive")
    return {name: float(width) for name, width in raw.items()}


def _with_widths(pages: list[Page], widths: Mapping[str, float], source: str) -> list[Page]:
    """Each table field with the printed width of each of its columns, from _common.toml."""
    out = []
    for page in pages:
        fields = []
        for f in page.fields:
            if f.type == "table":
                missing = [c for c in f.columns if c not in widths]
                if missing:
                    raise _fail(source, f.key, "widths_missing", file=COMMON_FILE, columns=", ".join(missing))
                f = replace(f, widths=tuple(widths[c] for c in f.columns))
            fields.append(f)
        out.append(replace(page, fields=tuple(fields)))
    return out


def _commitment(text: str, source: str) -> str:
    """The commitment's text, which names the applicant and the measure by `{applicant}` and `{measure}`
    as they are: an attribute, an index, a conversion or a format of one ({applicant.x}, {measure!r})
    would fail or print something else when the form is printed."""
    try:
        fields = [
            (name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None
        ]
    except ValueError:  # a { or } not doubled
        raise _fail(source, "commitment", "placeholders") from None
    if any(name not in ("applicant", "measure") or spec or conv for name, spec, conv in fields):
        raise _fail(source, "commitment", "placeholders")
    return text


def load_form(path: Path, common: _Common | None = None) -> Form:
    """Load and validate one form file."""
    path = Path(path)
    common = common or _load_common(path.parent)
    source = path.name
    data = _read(path)
    _keys(data, FORM_KEYS, source, "")
    measure = _str(data, "measure", source, "")
    if path.name != f"{measure}.toml":
        raise _fail(source, "measure", "measure_name", raw=repr(measure))
    include = _str_list(data.get("include", common.page_ids), source, "include")
    unknown = [p for p in include if p not in common.page_ids]
    if unknown:
        raise _fail(source, "include", "unknown_include", ids=", ".join(unknown))
    sections = _str_list(data.get("sections", list(SECTIONS)), source, "sections")
    bad = [s for s in sections if s not in SECTIONS]
    if bad:
        raise _fail(
            source, "sections", "unknown_sections", printed=", ".join(bad), sections=", ".join(SECTIONS)
        )
    twice = sorted({s for s in sections if sections.count(s) > 1})
    if twice:  # the part printed again, under a number of its own (三、… 四、… with the same content)
        raise _fail(source, "sections", "sections_twice", printed=", ".join(twice))
    shared = [p for p in common.pages if p.id in include]
    own, pending = _pages(data.get("pages"), source, shared=False)
    pages = _with_widths(_resolve_show_if([*shared, *own], pending, source), common.column_widths, source)
    ids = [p.id for p in pages]
    if len(set(ids)) != len(ids):
        raise _fail(source, "pages", "page_ids_twice")
    # a recognition is asked once for each kind (enterprise.recognitions of each is its own answer)
    keys = [f"{f.key}.{f.recognition}" if f.kind == "recognition" else f.key for p in pages for f in p.fields]
    if len(set(keys)) != len(keys):
        raise _fail(source, "pages", "asked_twice")
    commitment = (
        _commitment(_str(data, "commitment", source, ""), source)
        if "commitment" in data
        else common.commitment
    )
    materials = common.materials + _str_list(data.get("materials", []), source, "materials")
    english = common.materials_en + _materials_en(data, source)
    return Form(
        measure=measure,
        title=_str(data, "title", source, ""),
        pages=tuple(pages),
        materials=materials,
        commitment=commitment,
        sections=sections,
        source=str(path),
        materials_en=english if len(english) == len(materials) else (),
    )


def _materials_en(data: Mapping[str, Any], source: str) -> tuple[str, ...]:
    """`materials_en`: optional, but when given the English of each of `materials`, in order."""
    english = _str_list(data.get("materials_en", []), source, "materials_en")
    if english and len(english) != len(data.get("materials", [])):
        raise _fail(source, "materials_en", "materials_en")
    return english


def load_forms(folder: Path | None = None) -> dict[str, Form]:
    """Every form of `folder` (default: paths.forms()), by measure id."""
    folder = Path(folder) if folder is not None else paths.forms()
    common = _load_common(folder)
    forms: dict[str, Form] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        form = load_form(path, common)
        forms[form.measure] = form
    return forms


@cache
def shipped_forms() -> dict[str, Form]:
    """The shipped forms, loaded once."""
    return load_forms()


_pack_forms: dict[str, Form] = {}


def use_pack_forms(extra: Mapping[str, Form]) -> None:
    """Offer the forms of the policy packs in use beside (or in place of) the shipped ones."""
    _pack_forms.clear()
    _pack_forms.update(extra)


def load_pack_forms(folder: Path) -> dict[str, Form]:
    """The forms of a policy pack's forms/ folder; its shared pages are its own _common.toml if it has
    one, else the shipped forms'."""
    folder = Path(folder)
    common = _load_common(folder if (folder / COMMON_FILE).is_file() else paths.forms())
    out: dict[str, Form] = {}
    for path in sorted(folder.glob("*.toml")):
        if not path.name.startswith("_"):
            form = load_form(path, common)
            out[form.measure] = form
    return out


def forms() -> dict[str, Form]:
    """The shipped forms, with those of the policy packs in use."""
    return {**shipped_forms(), **_pack_forms} if _pack_forms else shipped_forms()


def form_for(measure: str) -> Form | None:
    return forms().get(measure)
