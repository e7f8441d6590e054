"""Park tables: one enterprise per row of a `.csv` or `.xlsx` (or of the `.txt` a spreadsheet saves as
text, read as a CSV), as park staff keep them — read, and written back out (`write_table`) in the same
form, so a table exported here imports unchanged.

The header row names each column by its Chinese label (企业（单位）名称, 统一社会信用代码, …, as in
core.model's field tables) or by its interchange name (`name`, `uscc`, `compute_purchase_amount`, or with
the section: `enterprise.name`, `facts.compute_purchase_amount`). Cells are read as people type them,
through core.fieldkinds (dates 2025/10/1 or 2025年10月1日, amounts 250,000 or 25万, ratios 35%, 单位类型
企业/高校/科研院所/事业单位, …). Each row is checked on its own: `read_rows` returns every row with its
errors ("第 3 行「统一社会信用代码」：…"), so one bad row need not refuse thirty good ones; `read_table`
is all or nothing. A blank cell says nothing: it never clears a stored value.

Hostile files are refused cheaply: an `.xlsx` is a zip whose declared and actual inflated sizes are
checked before parsing, and rows are streamed with a row and a column limit, stopping at the first cell
beyond them. Written tables hold every cell as text; CSV cells that a spreadsheet would run as a formula
(starting with = + - @, tab or CR) are escaped with a leading apostrophe (the OWASP rule) and read back
exactly.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shenbao.core import fieldkinds
from shenbao.core.fieldkinds import FieldValueError
from shenbao.core.messages import capped
from shenbao.core.model import (
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    MESSAGES,
    RECOGNITION_KINDS,
    Profile,
    ProfileErrors,
    parse_profile,
)
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.core.store.db import REFUSALS, StoreError
from shenbao.core.store.files import write_atomically
from shenbao.errors import os_reason

if TYPE_CHECKING:
    from shenbao.core.store.sheet import Cells

# Why a park table is refused as a whole, each a Phrase (core.phrases) of a core string that the
# interface writes again in its language; the command line prints the Chinese sentence.
TABLE_REFUSALS = {
    "duplicate_header": "{path}: 第 {header_row} 行表头中「{field}」出现了两次（{columns} 列）：请删去其中一列",
    "too_many_rows": "{path}: 行数过多（超过 {limit} 行）",
    "no_enterprises": "{path}: 表格中没有企业",
    "unnamed_column": "{path}: 第 {row} 行第 {column} 列（{letter} 列）有内容（{cell}），但该列没有表头：请在第 {header_row} 行写上它的字段名，或删去该列",
    "too_big": "{path}: 文件过大（{size} MB，表格最大 {limit} MB）",
    "encoding": "{path}: 编码无法识别（应为 UTF-8 或 GB18030）："
    "请在表格程序中另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入",
    "utf16_unmarked": "{path}: 像是没有字节顺序标记的 UTF-16 文本（「Unicode 文本」），但无法确定怎样读取："
    "请在表格程序中另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入",
    "not_text": "{path}: 不是文本表格",
    "too_many_columns": "{path}: 第 {row} 行超过 {limit} 列",
    "cell_too_long": "{path}: 第 {row} 行有单元格过长（超过 {limit} 个字符）",
    "csv_format": "{path}: CSV 格式错误（{error}）",
    "not_xlsx": "{path}: 不是有效的 xlsx 表格：{error}",
    "damaged_xlsx": "{path}: 不是有效的 xlsx 表格（文件已损坏，或不是 Excel、WPS 等电子表格程序保存的工作簿）",
    "lock_file": "{path}: 这是 Excel、WPS 或 LibreOffice 打开「{name}」时生成的临时锁定文件，不是表格："
    "请选择同一文件夹中的「{name}」（如仍在编辑，请先保存）",
    "strings_too_big": "{path}: 表格的文字表过大（超过 {limit} MB）",
    "text_too_big": "{path}: 表格的文字过多（单元格合计超过 {limit} 个字符）",
    "table_kind": "{path}: 表格应为 .csv 或 .xlsx 文件",
    "no_header": "{path}: 表格为空（缺少表头）",
    "unknown_header": "{path}: 第 {header_row} 行表头「{header}」不是已知的字段名",
    "park_view_table": "{path}: 这是园区视图导出的测算结果（各措施可申请的金额），不是企业档案，不能导入；"
    "要导入的园区表格请用 文件 → 导出 或 shenbao export 得到",
    "unknown_header_meant": "{path}: 第 {header_row} 行表头「{header}」不是已知的字段名（是否指「{field}」？）",
    "key_columns": "{path}: 表头须含「{name}」和「{uscc}」",
    "first_sheet": "{message}（读取的是第一个工作表「{sheet}」，其后的工作表{files}不读取：请把企业名单移到第一个工作表，或单独另存为一个表格后导入）",
    "first_sheet_more": "{message}（读取的是第一个工作表「{sheet}」，其后的工作表{files}等不读取：请把企业名单移到第一个工作表，或单独另存为一个表格后导入）",
    "duplicate_row": "与第 {row} 行重复（{code}）",
    "no_uscc": "导入前须填写统一社会信用代码",
    "totals_row": "「{cell}」行是合计，不是企业：请删去这一行，或跳过有错误的行",
    "merged_cells": "{path}: 单元格 {cells}（第 {first}–{last} 行）是合并的：合并单元格只有第一行有内容，其余各行"
    "会读作空白。请取消合并，在每一行填上内容后再导入",
    "merged_across": "{path}: 单元格 {cells}（第 {row} 行 {columns} 列）是合并的：合并单元格只有第一列有内容，"
    "其余各列会读作空白。请取消合并，在每一列填上内容后再导入",
    "reader_ended": "{path}: 读取表格时出错（读取进程意外结束）",
    "sheet_too_long": "{path}: 行数过多（第 {row} 行超过 {limit} 行的限制）",
    "sheet_too_wide": "{path}: 第 {row} 行第 {column} 列超出 {limit} 列的限制",
    "too_many_to_write": "{path}: 表格最多 {limit} 行（共 {count} 家企业）；请导出为 .shenbao 数据包",
    # a 认定情况 cell's entry that cannot be read
    "recognition_entry": "应写作“认定类型:日期”，以分号分隔",
    "recognition_separator": "各项认定之间应以分号“；”分隔",
    "code_as_number": "{problem}（收到 {value}）：电子表格把代码存成了数字，末几位已丢失；"
    "请把该列设为文本格式，再照营业执照重新输入",
}

MAX_ROWS = 100_000  # enterprises in one table, read or written
MAX_COLUMNS = 200
MAX_TABLE_BYTES = 128 * 2**20  # a CSV file, or an xlsx archive
MAX_INFLATED = 256 * 2**20  # an xlsx archive's members, inflated
MAX_SHARED_STRINGS = 64 * 2**20
# The characters of an xlsx's cells together: no more than the largest CSV holds. A shared string is
# stored once and may be named by every cell, so the archive's size does not bound the text read.
MAX_SHEET_TEXT = MAX_TABLE_BYTES
MAX_RATIO = 100  # inflated : compressed, for members over 16 MiB
MAX_ERRORS_SHOWN = 5
RECOGNITIONS_LABEL = "认定情况"
ERRORS_LABEL = "错误"  # the column a file of rejected rows adds; ignored when it is imported again
# Columns a table may have that no field reads, and that hold nothing of an enterprise: the rejects'
# errors, and the row numbers people put in a first column
IGNORED_LABELS = frozenset({ERRORS_LABEL, "序号"})
# Rows a sheet may have above its header: a title (「XX园区入驻企业名单」, often merged across the
# columns), a date or a unit, blank lines. Each holds one cell at most.
TITLE_ROWS = 5
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet shows, and writes to an .xlsx's error cell or a saved CSV, where a formula failed
# (Excel and WPS: #N/A of a VLOOKUP that found nothing, #REF! of a deleted sheet; LibreOffice: Err:502)
FORMULA_ERROR = re.compile(
    r"#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!"
    r"|UNKNOWN!)|Err:\d{3}",
    re.IGNORECASE,
)
# Pasted with a cell from a web page or a chat; no field means them (searched in C: a park table has
# millions of cells).
INVISIBLE = re.compile(fieldkinds.INVISIBLE_CHARACTERS)
FORMULA_ERROR_MESSAGE = "是电子表格中出错的公式结果，单元格没有值：请在电子表格中改正公式，或直接填写内容"
UNCALCULATED_MESSAGE = (
    "是没有计算结果的公式：文件中只有公式，没有它的值（保存文件的程序没有计算）。"
    "请在电子表格软件中打开并保存后再导入，或直接填写内容"
)


class TableError(StoreError):
    """A table with errors; `errors` are (row, column label, message), all of them. The message shows
    the first few and names a file holding every one."""

    def __init__(self, source: str, errors: list[tuple[int, str, str]]) -> None:
        self.errors = errors
        lines = [f"第 {r} 行「{c}」：{m}" if c else f"第 {r} 行：{m}" for r, c, m in errors]
        shown = capped(lines, stem="表格错误", shown=MAX_ERRORS_SHOWN)
        super().__init__(f"{source}: {len(errors):,} 处错误：{shown}")


@dataclass
class TableRow:
    """One row of a table: its cells as read, the interchange document of its non-blank cells, the
    fields those cells hold, and its errors as (column label, message). `profile` when it has none."""

    number: int
    cells: list[Any]
    document: dict[str, Any]
    fields: tuple[tuple[str, str], ...]
    errors: list[tuple[str, str]] = field(default_factory=list)
    profile: Profile | None = None

    @property
    def uscc(self) -> str | None:
        return self.document["enterprise"].get("uscc")


@dataclass
class Table:
    """A table read row by row: `header` as given, `labels` the column label of each field, `header_row`
    the row it is in (below a title)."""

    source: str
    header: list[str]
    labels: dict[tuple[str, str], str]
    rows: list[TableRow]
    header_row: int = 1

    def errors(self) -> list[tuple[int, str, str]]:
        return [(row.number, column, message) for row in self.rows for column, message in row.errors]


def _columns() -> dict[str, tuple[str, str, str]]:
    """Every accepted header, as `_header` reads it (spaces taken out: 算力标称值（P，按 FP16 计）) →
    (section, key, kind)."""
    out: dict[str, tuple[str, str, str]] = {}
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        for key, spec in specs.items():
            for header in (spec.label, key, f"{section}.{key}"):
                out[_header(header)] = (section, key, spec.kind)
    for header in (RECOGNITIONS_LABEL, "recognitions", "enterprise.recognitions"):
        out[header] = ("enterprise", "recognitions", "recognitions")
    return out


def read_table(path: Path) -> list[Profile]:
    """The profiles of a park table, every row checked; TableError lists every bad cell."""
    table = read_rows(path)
    errors = table.errors()
    if errors:
        raise TableError(table.source, errors)
    return [row.profile for row in table.rows if row.profile is not None]


ROWS_PER_REPORT = 1000


def read_rows(path: Path, progress: Callable[[int], None] | None = None) -> Table:
    """Every row of a park table, each checked on its own (its errors kept with it). A file that cannot
    be read as a table, or whose header is wrong, raises StoreError. `progress(rows)` is told the rows
    read so far, every thousand rows."""
    path = Path(path)
    is_csv = path.suffix.lower() != ".xlsx"
    merged: list[str] = []  # a sheet's ranges merged down its rows, known once its rows are read
    rows = _csv_rows(path) if is_csv else _xlsx_rows(path, merged)
    try:
        return _read(str(path), rows, is_csv, progress, merged)
    except HeaderError as err:
        if is_csv:
            raise
        raise type(err)(_sheets_note(path, err.message)) from None
    finally:
        rows.close()


def _sheets_note(path: Path, message: str) -> str:
    """Which sheet a workbook of several was read from, when its header is not a park table's: a
    department's workbook often opens on its instructions (填表说明), the list on the next sheet."""
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            # as the reading chose: the sheets the user sees, a hidden one (drop-down lists) left out
            names = [s.title for s in book if s.sheet_state == "visible"] or list(book.sheetnames)
        finally:
            book.close()
    except Exception:  # noqa: BLE001 - the note is a courtesy; the refusal stands without it
        return message
    if len(names) < 2:
        return message
    template = TABLE_REFUSALS["first_sheet_more" if len(names) > 4 else "first_sheet"]
    others = "、".join(f"「{n}」" for n in names[1:4])
    return Phrase(template, message=message, sheet=names[0], files=others, items=names[1:4])


def _read(
    path: str,
    rows: Iterator[list[Any]],
    is_csv: bool,
    progress: Callable[[int], None] | None = None,
    merged: Sequence[str] = (),
) -> Table:
    header = next(rows, None)
    if header is None or not any(str(h or "").strip() for h in header):
        raise HeaderError(Phrase(TABLE_REFUSALS["no_header"], path=path))
    columns = _columns()
    header, header_row = _below_title(header, rows, columns)
    labels = [_header(h) for h in header]
    unknown = [h for h in labels if h and h not in columns and h not in IGNORED_LABELS]
    if unknown and not {_header(h) for h in PARK_VIEW_COLUMNS}.isdisjoint(labels):
        raise HeaderError(Phrase(TABLE_REFUSALS["park_view_table"], path=path))
    if unknown:
        raise UnknownHeader(_unknown_header(path, unknown[0], header_row))
    mapped = [columns.get(h) for h in labels]
    first_column: dict[tuple[str, str], int] = {}
    for column, m in enumerate(mapped, start=1):
        if m and m[:2] in first_column:
            twice = f"{_column_letter(first_column[m[:2]])}、{_column_letter(column)}"
            raise StoreError(
                Phrase(
                    TABLE_REFUSALS["duplicate_header"],
                    path=path,
                    field=_label(*m[:2]),
                    columns=twice,
                    header_row=header_row,
                )
            )
        if m:
            first_column[m[:2]] = column
    keys = list(first_column)
    if ("enterprise", "uscc") not in keys or ("enterprise", "name") not in keys:
        names = {key: spec.label for key, spec in ENTERPRISE_FIELDS.items() if key in ("name", "uscc")}
        raise HeaderError(Phrase(TABLE_REFUSALS["key_columns"], path=path, **names))
    table = Table(
        path,
        [str(h or "") for h in header],
        {m[:2]: lb for m, lb in zip(mapped, labels, strict=True) if m},
        [],
        header_row,
    )
    first_row: dict[str, int] = {}
    parse, check = fieldkinds.Memo(fieldkinds.parse), fieldkinds.Memo(fieldkinds.check)
    readers = _Readers(mapped)
    unnamed = [i for i, h in enumerate(labels) if not h]
    for number, cells in enumerate(rows, start=header_row + 1):
        if number > MAX_ROWS + 1 and not all(_blank(v) for v in cells):
            raise StoreError(Phrase(TABLE_REFUSALS["too_many_rows"], path=path, limit=f"{MAX_ROWS:,}"))
        if progress is not None and number % ROWS_PER_REPORT == 0:
            progress(number - 1)
        if is_csv and "'" in "".join(cells) and any(v[:1] == "'" for v in cells):
            cells = [_unescape(v) for v in cells]
        if unnamed or len(cells) > len(labels):
            _refuse_unnamed(path, number, cells, unnamed, len(labels), header_row)
        row = readers.row(number, cells)
        if row is EMPTY:
            continue
        if row is None:  # a cell that does not read: the row is read again, naming every error
            if all(_blank(v) for v in cells):
                continue
            row = _row(number, cells, labels, mapped, parse)
            _check_profile(row, table.labels, check)
            _name_totals(row, labels)
        code = row.uscc
        if code and code in first_row:
            duplicate = Phrase(TABLE_REFUSALS["duplicate_row"], row=first_row[code], code=code)
            row.errors.append((table.labels[("enterprise", "uscc")], duplicate))
        elif code:
            first_row[code] = number
        if row.errors:
            row.profile = None
        table.rows.append(row)
    tenants = (r.number for r in table.rows if not any(_is_totals(m) for _, m in r.errors))
    _refuse_merged(path, merged, header_row, mapped, tenants)
    if not table.rows:
        raise StoreError(Phrase(TABLE_REFUSALS["no_enterprises"], path=path))
    return table


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _refuse_merged(
    path: str,
    merged: Sequence[str],
    header_row: int,
    read: Sequence[object] = (),
    tenants: Iterable[int] = (),
) -> None:
    """A range merged down rows of the table's enterprises refuses the table: its value is in its first
    cell only, and the rows below would be read as blank there (a district, a 是, merged down the
    tenants it holds for). So does a range merged across a row's columns (D5:E5) when a field reads a
    column past its first (`read`: what each column's field is, None for one no field reads): that
    column would be read as blank, in one of the `tenants` rows (those read as an enterprise's: not a
    blank row, nor a 合计 merged over 序号 and 企业名称, refused as a row of its own). Ranges of the
    title and the header are no rows of enterprises."""
    spans = []
    rows = set(tenants)
    for ref in merged:
        first, _, last = ref.partition(":")
        top, bottom = (int(c.lstrip(_LETTERS) or 0) for c in (first, last))
        if bottom <= header_row:
            continue
        left, right = (_column_number(c.rstrip("0123456789")) for c in (first, last))
        if top == bottom and (top not in rows or not any(read[left:right])):
            continue  # across one row: no enterprise's, or only columns no field reads are left blank
        spans.append((top, left, bottom, right, ref))
    if spans:
        top, left, bottom, right, ref = min(spans)
        if top == bottom:
            columns = f"{_column_letter(left)}–{_column_letter(right)}"
            raise StoreError(
                Phrase(TABLE_REFUSALS["merged_across"], path=path, cells=ref, row=top, columns=columns)
            )
        raise StoreError(Phrase(TABLE_REFUSALS["merged_cells"], path=path, cells=ref, first=top, last=bottom))


def _column_number(letters: str) -> int:
    """A column's number from its spreadsheet name: A → 1, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


class HeaderError(StoreError):
    """A first row that is no park table's header."""


class UnknownHeader(HeaderError):
    """A header naming no field: the command line adds where to get a table with every header."""


def _below_title(
    first: list[Any], rows: Iterator[list[Any]], columns: dict[str, tuple[str, str, str]]
) -> tuple[list[Any], int]:
    """The header and its row: the first row, or where that holds one cell at most and no field's name
    (a title), the first row within TITLE_ROWS below it naming both key columns. Rows passed over are a
    title, a date, blank lines: none holds more than one cell. Where no such row follows, the first row
    is the header (and is refused naming its cell). A header that would be refused is read with the row
    below it as one header of two rows (`_two_rows`) where those make one."""

    def title_like(row: list[Any]) -> bool:
        filled = [h for h in row if not _blank(h)]
        return len(filled) <= 1 and all(_header(h) not in columns for h in filled)

    header, number = first, 1
    while title_like(header):
        row = next(rows, None) if number <= TITLE_ROWS else None
        if row is None:
            return first, 1
        header, number = row, number + 1
    labels = [_header(h) for h in header]
    if _names_keys(labels, columns) and all(not h or h in columns or h in IGNORED_LABELS for h in labels):
        return header, number
    lower = next(rows, None)
    joined = None if lower is None else _two_rows(header, lower, columns)
    if joined is not None:
        return joined, number + 1
    return (header, number) if number == 1 or _names_keys(labels, columns) else (first, 1)


def _names_keys(labels: list[str], columns: dict[str, tuple[str, str, str]]) -> bool:
    found = {columns[h][:2] for h in labels if h in columns}
    return {("enterprise", "name"), ("enterprise", "uscc")} <= found


def _two_rows(
    upper: list[Any], lower: list[Any], columns: dict[str, tuple[str, str, str]]
) -> list[Any] | None:
    """A header of two rows as one, as park lists group their columns: over the labels a row of the
    groups' names (基本信息, 经营情况, each merged across its columns, so written in its first cell), and
    the labels of no group merged down both rows (written in the upper one). Each column's label is the
    lower row's, or the upper one's where the lower cell is blank. None where that is no header: a
    field's label over another cell, or a label known to no field, or a key column missing."""
    joined: list[Any] = []
    for above, below in itertools.zip_longest(upper, lower):
        if _blank(below):
            joined.append(above)
        elif _blank(above) or _header(above) not in columns:
            joined.append(below)
        else:
            return None
    labels = [_header(h) for h in joined]
    if not _names_keys(labels, columns) or any(
        h and h not in columns and h not in IGNORED_LABELS for h in labels
    ):
        return None
    return joined


# Columns only the park view's export of its judgements has (in Chinese and in English): such a table
# was refused as 「表头「企业」不是已知的字段名（是否指「为龙头企业」？）」
PARK_VIEW_COLUMNS = frozenset(
    {
        "合计（元）",
        "另有需确认能否叠加（元）",
        "另有已无受理期（元）",
        "Total (CNY)",
        "Further, if the subsidies may be combined (CNY)",
        "Further, with no application window left (CNY)",
    }
)


def _unknown_header(path: str, header: str, header_row: int = 1) -> str:
    """A header naming no field, with the label it was probably meant to be (企业名称 → 企业（单位）名称)."""
    import difflib

    labels = template_header()
    meant = difflib.get_close_matches(header, labels, n=1, cutoff=0.5)
    if not meant:  # a shortened label: 企业名称 for 企业（单位）名称, 注册资本 for 注册资本（元）
        bare = [label.split("（")[0] for label in labels]
        meant = [
            label for label, short in zip(labels, bare, strict=True) if header in (short, *label.split("（"))
        ]
    shown = fieldkinds.shown_controls(header)
    if meant:
        return Phrase(
            TABLE_REFUSALS["unknown_header_meant"],
            path=path,
            header=shown,
            field=meant[0],
            header_row=header_row,
        )
    return Phrase(TABLE_REFUSALS["unknown_header"], path=path, header=shown, header_row=header_row)


def _refuse_unnamed(
    path: str, number: int, cells: list[Any], unnamed: list[int], width: int, header_row: int = 1
) -> None:
    """A cell under a blank header, or beyond the last one, holds something no field reads: importing the
    row without it would lose it without a word, so the table is refused naming it."""
    for i in [*unnamed, *range(width, len(cells))]:
        if i < len(cells) and not _blank(cells[i]):
            raise StoreError(
                Phrase(
                    TABLE_REFUSALS["unnamed_column"],
                    path=path,
                    row=number,
                    column=i + 1,
                    letter=_column_letter(i + 1),
                    cell=_shown(cells[i]),
                    header_row=header_row,
                )
            )


def _too_big(path: Path, size: int) -> str:
    return Phrase(
        TABLE_REFUSALS["too_big"], path=path, size=f"{size / 2**20:.0f}", limit=MAX_TABLE_BYTES // 2**20
    )


def _column_letter(column: int) -> str:
    """A spreadsheet's name of a column: 1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# A header typed with the input method in the other width names the same column: 企业(单位)名称 with
# half-width brackets, 算力标称值（P，按ＦＰ１６计） with full-width letters and digits.
_HEADER_WIDTHS = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ",": "，",
        **{chr(c): chr(c - 0xFEE0) for c in range(ord("０"), ord("９") + 1)},
        **{chr(c): chr(c - 0xFEE0) for c in range(ord("Ａ"), ord("Ｚ") + 1)},
        **{chr(c): chr(c - 0xFEE0) for c in range(ord("ａ"), ord("ｚ") + 1)},
    }
)


def _header(value: Any) -> str:
    """A header as columns are matched: spaces taken out, brackets and commas full-width, letters and
    digits half-width, as the template writes them."""
    return "".join(str(value or "").split()).translate(_HEADER_WIDTHS) if value is not None else ""


def _row(
    number: int,
    cells: list[Any],
    labels: list[str],
    mapped: list[tuple[str, str, str] | None],
    parse: Callable[[str, Any], Any] = fieldkinds.parse,
) -> TableRow:
    doc: dict[str, Any] = {"enterprise": {}, "facts": {}}
    fields: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    for value, label, spec in zip(cells, labels, mapped, strict=False):
        if spec is None or _blank(value):
            if isinstance(value, str) and fieldkinds.control_character(value):
                errors.append((label, fieldkinds.CONTROL_MESSAGE))
            continue
        section, key, kind = spec
        try:
            doc[section][key] = _cell(kind, value, parse)
        except _PartError as err:
            errors.append((label, err.message))
            continue
        except FieldValueError as err:
            errors.append((label, _got(err.message, kind, value)))
            continue
        fields.append((section, key))
    return TableRow(number, list(cells), doc, tuple(fields), errors)


_CACHED = frozenset({str, int, float, bool})  # cells whose reading is kept (as fieldkinds.Memo)
_KEPT = (str, int, float, bool, Decimal, dt.date, type(None))  # results that cannot change afterwards


class _Readers:
    """Each column's cells read (lenient `parse`) and checked (strict `check`) in one pass, each
    distinct cell once per table: a park's table repeats its districts, yes/no cells, counts and
    amounts thousands of times. `row` gives the row read and checked as `_row` and `_check_profile`
    would, or None when a cell does not read or check (the row is then read the slow way, which names
    every error as it always has)."""

    def __init__(self, mapped: list[tuple[str, str, str] | None]) -> None:
        rank = {
            (section, key): n
            for n, (section, key) in enumerate(
                [("enterprise", k) for k in ENTERPRISE_FIELDS] + [("facts", k) for k in FACT_FIELDS]
            )
        }
        self.known: list[dict[Any, tuple[Any, Any, bool]]] = [{} for _ in mapped]
        # each column: (its number, (0 enterprise or 1 facts, key, kind, (section, key)), its cells read)
        self.slots = [
            (i, None if m is None else (int(m[0] == "facts"), m[1], m[2], m[:2]), known)
            for i, (m, known) in enumerate(zip(mapped, self.known, strict=True))
        ]
        # the checked values go into the profile in the order of the field tables, as parse_profile
        # converts them; a table written by the app has its columns in that order already
        self.rank = {i: rank[m[:2]] for i, m in enumerate(mapped) if m and m[2] != "recognitions"}
        self.in_order = list(self.rank) == sorted(self.rank, key=self.rank.__getitem__)

    def read(self, column: int, kind: str, value: Any) -> tuple[Any, Any, bool]:
        """(interchange value, checked value, whether the profile's check converts it); raises
        FieldValueError when the cell does not read or check."""
        if kind == "uscc":  # each code of a table is another: what parse and check make of one written
            code = fieldkinds.plain_uscc(value)  # plainly (no formula's error, nothing typed around it)
            if code is not None:  # at a third of the cost
                return code, code, True
        _refuse_formula_error(value)
        cached = type(value) in _CACHED
        key = value if type(value) is str else (type(value), value)
        if cached:
            found = self.known[column].get(key)
            if found is not None:
                return found
        value = _as_typed(kind, value)
        code = fieldkinds.plain_uscc(value) if kind == "uscc" else None
        if code is not None:  # ="9135…" or '9135…
            return code, code, True
        given = fieldkinds.parse(kind, value)
        converts = given is not None and not (
            isinstance(given, str) and not given.strip() and kind not in fieldkinds.TEXT_KINDS
        )
        result = (given, fieldkinds.check(kind, given) if converts else None, converts)
        if cached and isinstance(result[0], _KEPT) and isinstance(result[1], _KEPT):
            self.known[column][key] = result
        return result

    def row(self, number: int, cells: list[Any]) -> TableRow | None:
        """The row read and checked, None when a cell does not read or check, EMPTY when every cell is
        blank. Each cell is one dict lookup once its text has been read (blank cells too)."""
        doc: dict[str, Any] = {"enterprise": {}, "facts": {}}
        sections = (doc["enterprise"], doc["facts"])
        fields: list[tuple[str, str]] = []
        converted: list[tuple[int, tuple[Any, Any, bool]]] = []
        blank = True
        try:
            for (column, spec, known), value in zip(self.slots, cells, strict=False):
                found = known.get(value) if type(value) is str else None
                if found is _BLANK:
                    continue
                if found is None:
                    if value is None:
                        continue
                    if isinstance(value, str) and not value.strip():
                        if fieldkinds.control_character(value):
                            return None
                        if type(value) is str:
                            known[value] = _BLANK
                        continue
                    if spec is None:  # a 序号 or 错误: a row holding only that is a blank row
                        if isinstance(value, str) and fieldkinds.control_character(value):
                            return None
                        continue
                    blank = False
                    if spec[2] == "recognitions":
                        sections[spec[0]][spec[1]] = _recognitions(fieldkinds.clean_text(str(value)))
                        fields.append(spec[3])
                        continue
                    found = self.read(column, spec[2], value)
                blank = False  # a column no field reads remembers only blank cells: spec is set
                sections[spec[0]][spec[1]] = found[0]  # type: ignore[index]
                fields.append(spec[3])  # type: ignore[index]
                converted.append((column, found))
        except FieldValueError:
            return None
        if blank and all(_blank(v) for v in cells[len(self.slots) :]):
            return EMPTY
        checked: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        if not self.in_order:
            converted.sort(key=lambda c: self.rank[c[0]])
        for column, found in converted:
            if found[2]:
                spec = self.slots[column][1]
                checked[spec[0]][spec[1]] = found[1]  # type: ignore[index]
        row = TableRow(number, list(cells), doc, tuple(fields))
        try:
            row.profile = parse_profile(doc, require_uscc=True, checked=checked)
        except ProfileErrors:
            return None
        return row


_BLANK: Any = ("blank",)  # a blank cell, as a column's reader remembers it
EMPTY = TableRow(0, [], {"enterprise": {}, "facts": {}}, ())  # a row of blank cells, skipped


def _check_profile(
    row: TableRow, labels: dict[tuple[str, str], str], check: Callable[[str, Any], Any] = fieldkinds.check
) -> None:
    """The row's document checked as a profile; errors of fields whose cells already failed are not
    repeated."""
    try:
        row.profile = parse_profile(row.document, require_uscc=True, check=check)
    except ProfileErrors as err:
        by_path = {f"{s}.{k}": label for (s, k), label in labels.items()}
        failed = {column for column, _ in row.errors}
        for e in err.errors:
            column = by_path.get(e.field.split("[")[0], "")
            if column and column in failed:
                continue
            message = e.message
            if getattr(message, "template", None) == MESSAGES["uscc_first"]:  # a row is imported, not saved
                message = Phrase(TABLE_REFUSALS["no_uscc"])
            row.errors.append((column, message if column else f"{e.field}: {message}"))


# What the row under a list's tenants, adding up their amounts and counts, is headed by
TOTALS = frozenset({"合计", "总计", "小计", "共计", "总合计"})


def _name_totals(row: TableRow, labels: list[str]) -> None:
    """A row with no code whose first cell says 合计 (or 总计, 小计…) named for what it is, in place of
    the name and code it lacks: the row adding up the list, no enterprise."""
    if not row.errors or row.uscc:
        return
    column, cell = next(((i, v) for i, v in enumerate(row.cells) if not _blank(v)), (0, None))
    if cell is None or "".join(str(cell).split()) not in TOTALS:
        return
    label = labels[column] if column < len(labels) else ""
    row.errors = [(label, Phrase(TABLE_REFUSALS["totals_row"], cell=str(cell).strip()))]


def _is_totals(message: str) -> bool:
    return getattr(message, "template", None) == TABLE_REFUSALS["totals_row"]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    """A cell received, its control characters escaped and its line breaks written \\n (a message is one
    line, as a profile file's value is shown), cut to 30 characters."""
    text = fieldkinds.shown_controls(str(value))
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return text if len(text) <= 30 else text[:27] + "…"


_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")


def _got(message: str, kind: str, value: Any) -> str:
    """A cell's problem and the cell as typed (「…（收到 三十）」). A code a spreadsheet made a number (a
    cell of 9.13501000000005e+17, or 9.13501E+17 in the CSV it saved) says so, its last digits being
    gone and only the licence able to give them back: a Phrase, which the interface writes again."""
    shown = _shown(value)
    if kind == "uscc" and (
        isinstance(value, float) or (isinstance(value, str) and _SCIENTIFIC.fullmatch(value.strip()))
    ):
        return Phrase(TABLE_REFUSALS["code_as_number"], problem=message, value=shown)
    return f"{message}（收到 {shown}）"


def _cell(kind: str, value: Any, parse: Callable[[str, Any], Any] = fieldkinds.parse) -> Any:
    """A cell as its interchange JSON value, read by the field's kind; FieldValueError otherwise."""
    _refuse_formula_error(value)
    if kind == "recognitions":
        return _recognitions(fieldkinds.clean_text(str(value)))
    return parse(kind, _as_typed(kind, value))


# A cell written as a formula giving its text, ="91350100…": what a program writes into a CSV for Excel
# to keep a long number from becoming 9.13501E+17
_TEXT_FORMULA = re.compile(r'="([^"]*)"')


def _as_typed(kind: str, value: Any) -> Any:
    """A cell of a code, number, date or choice as typed, where it was written to stay text in Excel:
    ="…" or after an apostrophe, neither of which is part of such a value. A text column's cell is
    kept as given."""
    if type(value) is not str or kind in fieldkinds.TEXT_KINDS:
        return value
    text = value.strip()
    if text[:1] == "'":
        return text[1:]
    found = _TEXT_FORMULA.fullmatch(text) if text[:2] == '="' else None
    return found.group(1) if found else value


def _refuse_formula_error(value: Any) -> None:
    """A failed formula's error code is no value of any field: an enterprise named "#N/A" is a VLOOKUP
    that found nothing. A formula without a result in the file is no value either, not a blank."""
    if isinstance(value, str):
        if type(value) is not str:  # only a sheet's cells are kinds of text
            from shenbao.core.store.sheet import Uncalculated

            if isinstance(value, Uncalculated):
                raise FieldValueError(UNCALCULATED_MESSAGE)
        if FORMULA_ERROR.fullmatch(value.strip()):
            raise FieldValueError(FORMULA_ERROR_MESSAGE)


class _PartError(FieldValueError):
    """What is wrong with one part of a cell, the message naming that part (收到 …): the row's reader
    does not add the whole cell, which may be cut before the part."""


# Between two entries of 认定情况: the semicolon the table writes, or a list's marks as Chinese is typed
# (、 or ，, in either width), none of which is part of a kind or a date.
_RECOGNITIONS_SPLIT = re.compile("[;；,，、]")
_ANOTHER_ENTRY = re.compile(r"[^\d\s]\s*:")  # in a date: a kind's colon after it, not a time's (0:00)


def _recognitions(text: str) -> list[dict[str, str]]:
    """认定情况: "kind:YYYY-MM-DD; kind:YYYY-MM-DD", the kind by its name or its Chinese label."""
    by_label = {label: kind for kind, label in RECOGNITION_KINDS.items()}
    out = []
    for part in _RECOGNITIONS_SPLIT.split(text):
        if not part.strip():
            continue
        given, sep, date = part.replace("：", ":").partition(":")
        kind = by_label.get(given.strip(), given.strip())
        # the row's reader adds the cell received (收到 …) to a message that does not name what it got
        if not sep or not kind:
            raise FieldValueError(TABLE_REFUSALS["recognition_entry"])
        if kind not in RECOGNITION_KINDS:
            kinds = "、".join(RECOGNITION_KINDS.values())
            raise _PartError(Phrase(MESSAGES["recognition_kind"], kinds=kinds, got=_shown(kind)))
        try:
            parsed = fieldkinds.parse("date", date)
        except FieldValueError:
            if _ANOTHER_ENTRY.search(date):
                raise FieldValueError(TABLE_REFUSALS["recognition_separator"]) from None
            raise
        out.append({"kind": kind, "date": parsed or date.strip()})
    return out


def _unescape(value: Any) -> Any:
    """A CSV cell as written: a leading apostrophe that keeps a formula character (or an apostrophe)
    from a spreadsheet is taken off, and the rest is the text exactly."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in (*FORMULA_STARTS, "'"):
        return value[1:]
    return value


# --- reading files -------------------------------------------------------------------------------


def _csv_rows(path: Path) -> Generator[list[Any], None, None]:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise StoreError(_too_big(path, size))
        raw = path.read_bytes()
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["unreadable"], path=path, why=os_reason(err))) from None
    order = _unmarked_utf16(raw)
    try:
        utf16 = _from_utf16(raw, order)
    except UnicodeDecodeError:  # a byte-order mark, then what UTF-16 cannot be (half a character)
        refusal = "encoding" if order is None else "utf16_unmarked"
        raise StoreError(Phrase(TABLE_REFUSALS[refusal], path=path)) from None
    if utf16 is None and _looks_utf16(raw):
        raise StoreError(Phrase(TABLE_REFUSALS["utf16_unmarked"], path=path))
    text: bytes | bytearray = raw if utf16 is None else utf16
    encoding = _csv_encoding(raw) if utf16 is None else "utf-8"
    del raw, utf16  # a UTF-16 file's own bytes let go of: the table is read from its UTF-8
    if encoding is None:
        raise StoreError(Phrase(TABLE_REFUSALS["encoding"], path=path))
    if b"\x00" in text:  # in UTF-8 and GB18030 a zero byte is the character U+0000 and nothing else
        raise StoreError(Phrase(TABLE_REFUSALS["not_text"], path=path))
    # The delimiter is the one the header row uses (labels hold none); quoting is always the double
    # quote: a sniffer takes the apostrophe that escapes a formula-like cell for a quote character.
    first = next(_lines(text, encoding), "")
    delimiter = max((",", "\t", ";"), key=first.count)
    if text.count(b"\n") > MAX_ROWS:
        _refuse_many_records(path, text, encoding, delimiter)
    number = 0
    try:
        records = csv.reader(_lines(text, encoding), csv.excel, delimiter=delimiter)
        for number, row in enumerate(records, start=1):
            if len(row) > MAX_COLUMNS and any(not _blank(v) for v in row[MAX_COLUMNS:]):
                raise StoreError(
                    Phrase(TABLE_REFUSALS["too_many_columns"], path=path, row=number, limit=MAX_COLUMNS)
                )
            yield row[:MAX_COLUMNS]
    except csv.Error as err:
        if "field limit" in str(err):
            limit = f"{csv.field_size_limit():,}"
            raise StoreError(
                Phrase(TABLE_REFUSALS["cell_too_long"], path=path, row=number + 1, limit=limit)
            ) from None
        raise StoreError(Phrase(TABLE_REFUSALS["csv_format"], path=path, error=str(err))) from None


def _csv_encoding(raw: bytes) -> str | None:
    """The encoding the whole of `raw` decodes in (UTF-8, else GB18030), or None. The text is decoded a
    megabyte at a time and let go of: the whole of it at once would take up to four bytes a character
    (a single emoji makes Python hold every character of a string in four), 500 MB more than the file for
    a CSV near the size limit."""
    import codecs

    view = memoryview(raw)
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for at in range(0, len(view), _DECODED_AT_ONCE):
                decoder.decode(view[at : at + _DECODED_AT_ONCE])
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


_DECODED_AT_ONCE = 2**20


def _from_utf16(raw: bytes, unmarked: str | None = None) -> bytearray | None:
    """A CSV saved as UTF-16 with its byte-order mark (what Excel and WPS save as 「Unicode 文本」, renamed
    .csv or saved so by another program), or without it in the byte order `unmarked` (`_unmarked_utf16`),
    as UTF-8 without the mark; None for any other file. Converted a megabyte at a time, the text never
    held whole as a string (see `_csv_encoding`): a CSV at the size limit takes its UTF-8 beside it, half
    as much again for Chinese. Raises UnicodeDecodeError when the rest is not UTF-16 (an odd byte at the
    end, half of a character beyond the BMP)."""
    import codecs

    mark = len(codecs.BOM_UTF16)
    if raw.startswith(codecs.BOM_UTF32_LE):  # FF FE 00 00: UTF-32, whose mark starts as UTF-16's does
        return None
    if raw.startswith(codecs.BOM_UTF16_LE):
        order = "utf-16-le"
    elif raw.startswith(codecs.BOM_UTF16_BE):
        order = "utf-16-be"
    elif unmarked is not None:
        order, mark = unmarked, 0
    else:
        return None
    decoder = codecs.getincrementaldecoder(order)()
    view = memoryview(raw)[mark:]
    out = bytearray()
    for at in range(0, len(view), _DECODED_AT_ONCE):
        out += decoder.decode(view[at : at + _DECODED_AT_ONCE]).encode("utf-8")
    out += decoder.decode(b"", final=True).encode("utf-8")
    return out


# How much of a file without a byte-order mark is looked at to tell UTF-16 by its zero bytes; how many
# times more of them one byte of each pair must hold than the other; and the share of the pairs that
# must hold one at least (a park table's header alone, in Chinese labels, has one in eight)
_SAMPLED_FOR_ORDER = 2**16
_ORDER_MARGIN = 4
_ZERO_SHARE = 1 / 16


def _zero_bytes(raw: bytes) -> tuple[int, int]:
    """The zero bytes in the first of each pair of `raw`'s first bytes, and in the second."""
    sample = raw[:_SAMPLED_FOR_ORDER]
    return sample[0::2].count(0), sample[1::2].count(0)


def _looks_utf16(raw: bytes) -> bool:
    """Whether `raw` holds zero bytes in one byte of many of its pairs and seldom in the other, as UTF-16
    text does (in UTF-8 and GB18030 a zero byte is the character U+0000, which no table holds: a stray
    one is no sign of UTF-16)."""
    first, second = _zero_bytes(raw)
    more, fewer = max(first, second), min(first, second)
    pairs = min(len(raw), _SAMPLED_FOR_ORDER) // 2
    return more > 0 and more >= _ORDER_MARGIN * fewer and more >= pairs * _ZERO_SHARE


def _unmarked_utf16(raw: bytes) -> str | None:
    """The byte order of a table saved as UTF-16 without its byte-order mark (a 「Unicode 文本」 whose mark
    another program took off), "utf-16-le" or "utf-16-be"; None for any other file. A park table is
    largely ASCII whatever its language (its delimiters, line breaks, 统一社会信用代码, sums and dates),
    and in UTF-16 each such character has a zero byte, the second of its pair in little-endian order and
    the first in big-endian; a Chinese character has one only rarely (一 is 4E00). So the order is the one
    whose byte holds the zero bytes, when it holds at least four times as many as the other, and the text
    read in it has a delimiter. UTF-8 and GB18030 hold no zero byte, so neither is ever taken for it."""
    import codecs

    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or len(raw) % 2 or not _looks_utf16(raw):
        return None
    first, second = _zero_bytes(raw)
    order = "utf-16-le" if second > first else "utf-16-be"
    try:  # a pair cut at the sample's end waits for the rest, which the whole file's conversion checks
        text = codecs.getincrementaldecoder(order)().decode(raw[:_SAMPLED_FOR_ORDER])
    except UnicodeDecodeError:
        return None
    return order if any(d in text for d in (",", "\t", ";")) else None


def _refuse_many_records(path: Path, raw: bytes | bytearray, encoding: str, delimiter: str) -> None:
    """Refuse a CSV of more records than a table may have before any of its rows is checked: counting
    100,000 records takes 80 ms and checking them five seconds, which a table of a million rows would
    have cost before its length was known. Lines can outnumber records (a quoted cell may hold line
    breaks), so the records are counted, as far as the limit; records beyond it that hold nothing (the
    lines of commas a spreadsheet saves for its formatted empty rows) are no rows of the table. A format
    error is left for the reading. Without a double quote in the file (no byte of another character is
    one, in UTF-8 or GB18030) every line is a record, and only the lines beyond the limit are read: a
    table of exactly 100,000 rows pays 10 ms instead of 200."""
    with contextlib.suppress(csv.Error):
        start, skipped = 0, MAX_ROWS + 1
        if b'"' not in raw and _newline(raw) == b"\n":
            for _ in range(skipped):
                start = raw.find(b"\n", start) + 1
                if not start:
                    return
            skipped = 0
        records = csv.reader(_lines(raw, encoding, start), csv.excel, delimiter=delimiter)
        beyond = itertools.islice(records, skipped, None)
        if any(not all(_blank(v) for v in record) for record in beyond):
            raise StoreError(Phrase(TABLE_REFUSALS["too_many_rows"], path=path, limit=f"{MAX_ROWS:,}"))


def _lines(raw: bytes | bytearray, encoding: str, start: int = 0) -> Iterator[str]:
    """The lines of `raw`, each with its line break and decoded on its own, without the characters
    that do not show (a byte-order mark among them). A line break's byte is never part of another
    character in UTF-8 or GB18030, so each line decodes as it does within the whole; `raw` is known to
    decode (`_csv_encoding`). A file whose first line ends in a carriage return alone (Excel for Mac's
    「CSV (Macintosh)」, whose cells break their lines with a line feed) is parted at those. `start`: the
    offset of the first line to give."""
    end = len(raw)
    newline = _newline(raw)
    while start < end:
        stop = raw.find(newline, start)
        stop = end if stop < 0 else stop + 1
        line = raw[start:stop].decode(encoding)
        yield INVISIBLE.sub("", line) if INVISIBLE.search(line) else line
        start = stop


def _newline(raw: bytes | bytearray) -> bytes:
    """What ends a line of `raw` (see `_lines`)."""
    cr, lf = raw.find(b"\r"), raw.find(b"\n")
    return b"\r" if cr >= 0 and (lf < 0 or lf > cr + 1) else b"\n"


def _check_archive(path: Path) -> None:
    """Refuse an xlsx whose members inflate beyond the limits, by their declared sizes and then by
    inflating them (a declared size can lie), before any XML is parsed."""
    from shenbao.core.safezip import UnsafeZip, ZipLimits, scan_zip

    try:
        size = path.stat().st_size
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["unreadable"], path=path, why=os_reason(err))) from None
    if size > MAX_TABLE_BYTES:
        raise StoreError(_too_big(path, size))
    limits = ZipLimits(max_members=1000, max_member=MAX_INFLATED, max_total=MAX_INFLATED, max_ratio=MAX_RATIO)
    try:
        members = scan_zip(path, limits)
    except UnsafeZip as err:
        raise StoreError(Phrase(TABLE_REFUSALS["not_xlsx"], path=path, error=err.message)) from None
    if any(m.filename.endswith("sharedStrings.xml") and m.file_size > MAX_SHARED_STRINGS for m in members):
        limit = MAX_SHARED_STRINGS // 2**20
        raise StoreError(Phrase(TABLE_REFUSALS["strings_too_big"], path=path, limit=limit))


# An .xlsx this large (compressed) is read by a second process while this one checks the rows it sends:
# the sheet's XML is half of such an import's time. A smaller one is not worth starting a process for.
READ_ELSEWHERE_BYTES = 1 << 20
ROWS_PER_BATCH = 500


def _xlsx_rows(path: Path, merged: list[str] | None = None) -> Generator[list[Any], None, None]:
    """The first sheet's rows, streamed (as `_sheet_rows`), read by a second process when the file is
    large; closing the generator stops that process. `merged` gets the ranges merged down rows."""
    try:
        large = path.stat().st_size >= READ_ELSEWHERE_BYTES
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["unreadable"], path=path, why=os_reason(err))) from None
    if not large:
        yield from _sheet_rows(path, merged=merged)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # not fork: the window's threads stay out of it
    received, sent = context.Pipe(duplex=False)
    waiting, go = context.Pipe(duplex=False)
    reader = context.Process(target=_send_sheet_rows, args=(str(path), sent, waiting), daemon=True)
    try:
        reader.start()
    except OSError:  # no process to be had: read here
        for end in (received, sent, waiting, go):
            end.close()
        yield from _sheet_rows(path, merged=merged)
        return
    sent.close()
    waiting.close()
    started = False
    table = _TableRows(path)
    try:
        # The archive is checked here while the reader starts (a fresh Python, its imports): it opens
        # nothing before it is told to go, and is told nothing when the file is refused.
        _check_archive(path)
        with contextlib.suppress(OSError):  # a reader already gone is found out below
            go.send(True)
        while True:
            try:
                kind, payload = received.recv()
            except (EOFError, OSError):
                if started:
                    raise StoreError(Phrase(TABLE_REFUSALS["reader_ended"], path=path)) from None
                # it ended before reading (a program embedding this one without a main guard): read here
                yield from _sheet_rows(path, checked=True, merged=merged)
                return
            if kind == "rows":
                yield from table.rows(payload)  # a batch made whole before any row of it is given
            elif kind == "unread":
                table.rows(payload)  # refused here, if one of them is, before the reading's error
            elif kind == "started":
                started = True
            elif kind == "merged":
                if merged is not None:
                    merged.extend(payload)
            elif kind == "error":
                raise StoreError(_phrase_again(payload))
            else:
                return
    finally:
        go.close()
        if reader.is_alive():  # stopped early (an error, a cancel): the reader's work is not wanted
            reader.terminate()
        reader.join()
        received.close()


def _phrase_parts(message: str) -> Any:
    """A refusal the reading process sends back: a Phrase as its template and values (a pickled Phrase
    is the plain sentence), so that the interface can still write it in its own language."""
    template, values = getattr(message, "template", None), getattr(message, "values", None)
    return (template, values) if template is not None and values is not None else str(message)


def _phrase_again(payload: Any) -> str:
    """The message `_phrase_parts` sent."""
    if isinstance(payload, tuple):
        template, values = payload
        return Phrase(template, **values)
    return str(payload)


def _send_sheet_rows(path: str, out: Any, go: Any) -> None:
    """In the second process: ("started", None), then, once the archive is found safe (`go` says so),
    the rows of `_sheet_cells` a batch at a time, then its merged ranges as ("merged", ranges) and
    ("end", None), or, where the reading stops, the
    rows read since the last batch as ("unread", rows) and ("error", message).

    The rows go as the sheet holds them (a row's number, its cells' columns and values): the importing
    process makes them a table's (`_TableRows`) while this one reads on. The sheet's XML is most of an
    import's reading, and this process the slower of the two: it read, and the importer waited. Rows
    of nothing beyond the row limit (formatted, not filled) are not sent.

    The process runs without Python's cycle collector, as the import reading from it does: the reading
    makes elements, rows and batches that reference counting frees as each is passed on (it makes no
    cycles), so its memory stays as bounded without it; with it, the collector walked the reader's
    modules again and again, 0.4–0.6 s of a park table of 100,000 rows (a tenth of the reading)."""
    import gc

    from shenbao.core.store.sheet import load_reader

    gc.disable()
    last: tuple[str, Any] = ("end", None)
    batch: list[Cells] = []
    merged: list[str] = []
    unread: list[Cells] = []  # read since the last batch, where the reading stops on a damaged sheet
    try:
        out.send(("started", None))
        load_reader()  # while the archive is being checked
        try:
            go.recv()
        except EOFError:
            return  # the file was refused, or the reading stopped: nothing to read
        for cells in _sheet_cells(Path(path), checked=True, merged=merged):
            if cells[0] > MAX_ROWS + 1 and _nothing_beyond_the_limit(cells):
                continue
            batch.append(cells)
            if len(batch) == ROWS_PER_BATCH:
                out.send(("rows", batch))
                batch = []
        out.send(("rows", batch))
        out.send(("merged", merged))
    except OSError:
        return  # the reading process stopped listening: nobody wants the rest
    except StoreError as err:
        last, unread = ("error", _phrase_parts(err.message)), batch
    except Exception as err:  # noqa: BLE001 - whatever stopped the reading is the reader's message
        last = ("error", f"{path}: 读取表格时出错（{type(err).__name__}: {err}）"[:300])
    with contextlib.suppress(OSError):
        if unread:
            out.send(("unread", unread))
        out.send(last)
        out.close()


def _as_shown(value: float) -> float:
    """A spreadsheet's number as the spreadsheet shows it: Excel holds 15 significant digits and writes
    the double's 17, so 70% + 10% arrives as 0.7999999999999999, which is 80% to the user and must be
    80% to the rules."""
    return float(f"{value:.15g}")


SHEET_ROWS = 1_048_576  # the rows of an Excel or WPS sheet: no spreadsheet writes one beyond them


def _sheet_rows(
    path: Path, *, checked: bool = False, merged: list[str] | None = None
) -> Generator[list[Any], None, None]:
    """The first sheet's rows, streamed: each row as wide as its last cell; a cell beyond the row or
    column limit stops the reading with an error instead of padding a million empty cells. Rows beyond
    the row limit that hold nothing (cells formatted far down the sheet) are passed over, as far as a
    sheet's last row. The archive is checked first unless `checked` says it has been; `merged` gets the
    ranges merged down rows."""
    cells = _sheet_cells(path, checked=checked, merged=merged)
    try:
        table = _TableRows(path)
        for row in cells:
            yield from table.rows([row])
    finally:
        cells.close()


def _sheet_cells(
    path: Path, *, checked: bool = False, merged: list[str] | None = None
) -> Generator[Cells, None, None]:
    """The first sheet's rows as `first_sheet_cells` reads them (a row's number, its cells' columns and
    values); a damaged workbook or sheet is refused as a StoreError. The archive is checked first unless
    `checked` says it has been."""
    from shenbao.core.store.sheet import SheetError, first_sheet_cells

    if not checked:
        _check_archive(path)
    rows = first_sheet_cells(path, MAX_COLUMNS, merged)
    try:
        yield from rows
    except SheetError as err:
        raise StoreError(err.refusal(path)) from None
    except Exception:  # a damaged workbook or sheet: whatever openpyxl or the XML parser raised, in its
        # own English words (「OSError: File contains no valid workbook part」), which tell the user nothing
        raise StoreError(Phrase(TABLE_REFUSALS["damaged_xlsx"], path=path)) from None
    finally:
        rows.close()


def _nothing_beyond_the_limit(cells: Cells) -> bool:
    """A row beyond the row limit that holds nothing (a border drawn down the sheet, as far as a sheet's
    last row): no row of the table, and passed over."""
    number, _, values = cells
    return number <= SHEET_ROWS and all(_blank(value) for value in values)


class _TableRows:
    """A sheet's rows (`_sheet_cells`) made a table's, in order: each row as wide as its last cell (see
    `_sheet_row`), an empty row for each row the sheet leaves out; a row beyond the row limit holding
    something is refused, as is the text beyond MAX_SHEET_TEXT."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = [0]  # the characters of the cells read so far
        self.expected = 1  # the number of the next row

    def rows(self, cells: Iterable[Cells]) -> list[list[Any]]:
        """The table's rows of these of the sheet, made all before any is given: a refusal among them
        comes before the rows ahead of it are read."""
        out: list[list[Any]] = []
        for number, columns, values in cells:
            if number > MAX_ROWS + 1:
                if _nothing_beyond_the_limit((number, columns, values)):
                    continue  # formatted but empty (a border drawn down the sheet): no row of the table
                too_long = TABLE_REFUSALS["sheet_too_long"]
                raise StoreError(Phrase(too_long, path=self.path, row=f"{number:,}", limit=f"{MAX_ROWS:,}"))
            row = _sheet_row(self.path, number, columns, values, self.text)
            while self.expected < number:  # rows the sheet leaves out are empty
                self.expected += 1
                out.append([])
            self.expected = number + 1
            out.append(row)
        return out


JOINED_TEXT = 1 << 16  # the characters of a row searched together for the invisible ones


def _sheet_row(path: Path, number: int, columns: list[int], values: list[Any], text: list[int]) -> list[Any]:
    """A sheet's row as a table's: each value at its column, None where the sheet has no cell; a number as
    the spreadsheet shows it (`_as_shown`); the characters that do not show taken out of text. `text`
    counts the characters read so far ([count]), refused beyond MAX_SHEET_TEXT.

    A row's cells in the order of their columns (as every spreadsheet program writes them), within the
    column limit, are turned into the row a list at a time; any other row (columns out of order or twice,
    a cell beyond the limit) a cell at a time, which refuses what it must at the cell that makes it so."""
    count = len(columns)
    if count and (columns[-1] > MAX_COLUMNS or not all(map(operator.lt, columns, columns[1:]))):
        return _sheet_row_by_cell(path, number, columns, values, text)
    types = set(map(type, values))
    if float in types:
        values = [_as_shown(value) if type(value) is float else value for value in values]
    texts = values if types == {str} else [value for value in values if type(value) is str]
    length = sum(map(len, texts))
    text[0] += length
    if text[0] > MAX_SHEET_TEXT:
        raise StoreError(Phrase(TABLE_REFUSALS["text_too_big"], path=path, limit=f"{MAX_SHEET_TEXT:,}"))
    # one search of the row's text together, where that is short (a row's cells may each name one long
    # shared string: their text is not copied together)
    if INVISIBLE.search("".join(texts)) if length <= JOINED_TEXT else any(map(INVISIBLE.search, texts)):
        values = [INVISIBLE.sub("", value) if type(value) is str else value for value in values]
    if not count or columns[-1] == count:  # no cell left out: the values are the row
        return values
    row: list[Any] = [None] * columns[-1]
    for column, value in zip(columns, values, strict=True):
        row[column - 1] = value
    return row


def _sheet_row_by_cell(
    path: Path, number: int, columns: list[int], values: list[Any], text: list[int]
) -> list[Any]:
    """`_sheet_row` a cell at a time, in the order the sheet holds them: a row's cells as they come, each
    after the last (padded to its column), an empty one beyond the column limit passed over, a filled
    one refused."""
    row: list[Any] = []
    for column, value in zip(columns, values, strict=True):
        if column > MAX_COLUMNS:
            if value is None:
                continue
            too_wide = TABLE_REFUSALS["sheet_too_wide"]
            raise StoreError(Phrase(too_wide, path=path, row=number, column=column, limit=MAX_COLUMNS))
        if column - 1 > len(row):
            row.extend([None] * (column - 1 - len(row)))
        if type(value) is float:
            value = _as_shown(value)
        elif type(value) is str:
            text[0] += len(value)
            if text[0] > MAX_SHEET_TEXT:
                too_much = TABLE_REFUSALS["text_too_big"]
                raise StoreError(Phrase(too_much, path=path, limit=f"{MAX_SHEET_TEXT:,}"))
            if INVISIBLE.search(value):
                value = INVISIBLE.sub("", value)
        row.append(value)
    return row


# --- writing --------------------------------------------------------------------------------------

TABLE_SUFFIXES = (".csv", ".xlsx")
# A table read may also be `.txt`: the tab-separated text Excel and WPS save (文本文件（制表符分隔）, in
# GBK; Unicode 文本, in UTF-16), read as a CSV is
READ_SUFFIXES = (".csv", ".txt", ".xlsx")
# Spreadsheets of other programs and older Excel: read by neither reader, named for what they are
OTHER_SHEETS = {
    ".xls": "Excel 97–2003 表格（.xls）",
    ".xlsm": "带宏的 Excel 表格（.xlsm）",
    ".xlsb": "Excel 二进制表格（.xlsb）",
    ".et": "WPS 表格（.et）",
    ".ods": "LibreOffice 表格（.ods）",
    ".numbers": "Numbers 表格（.numbers）",
}


LOCK_BYTES = 4096  # Excel's and WPS's ~$ file holds the user's name in 165 bytes; LibreOffice's a line


def lock_file(path: str | Path) -> str | None:
    """The name of the spreadsheet an office program's lock file stands for (Excel and WPS: 「~$园区.xlsx」
    beside 「园区.xlsx」 while it is open; LibreOffice: 「.~lock.园区.xlsx#」); None for any other file."""
    name = Path(path).name
    if name.startswith(".~lock.") and name.endswith("#") and len(name) > len(".~lock.#"):
        return name[len(".~lock.") : -1]
    if not name.startswith("~$") or len(name) <= 2:
        return None
    try:
        small = Path(path).stat().st_size < LOCK_BYTES
    except OSError:
        return None
    return name[2:] if small else None


def other_sheet(path: str | Path) -> str | None:
    """The kind of a spreadsheet that is neither .csv nor .xlsx (Excel 97–2003 表格（.xls）); None for
    any other file."""
    return OTHER_SHEETS.get(Path(path).suffix.lower())


FIRST_COLUMNS = (("enterprise", "name"), ("enterprise", "uscc"))


def table_columns(
    documents: Sequence[dict[str, Any]], leave_out: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The (section, key) columns a table of `documents` needs: name and code first, then every field any
    of them has, in the order of the field tables, recognitions after the enterprise's own fields."""
    used = {
        (section, key)
        for doc in documents
        for section in ("enterprise", "facts")
        for key, value in (doc.get(section) or {}).items()
        if value is not None and value != []
    }
    columns = list(FIRST_COLUMNS)
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        for key in specs:
            if (section, key) in used and (section, key) not in columns and key not in leave_out:
                columns.append((section, key))
        if section == "enterprise" and ("enterprise", "recognitions") in used:
            columns.append(("enterprise", "recognitions"))
    return columns


def template_header() -> list[str]:
    """Every column a park table may have, by its Chinese label, in the order a table is written: the
    header of a blank table to fill in."""
    columns = [*FIRST_COLUMNS]
    columns += [("enterprise", k) for k in ENTERPRISE_FIELDS if ("enterprise", k) not in columns]
    columns += [("enterprise", "recognitions")] + [("facts", k) for k in FACT_FIELDS]
    return [_label(section, key) for section, key in columns]


def write_template(out: str | Path) -> Path:
    """A park table with every header and no row (`.csv` or `.xlsx`), to fill in and import."""
    out = Path(out)
    if out.suffix.lower() not in TABLE_SUFFIXES:
        raise StoreError(Phrase(TABLE_REFUSALS["table_kind"], path=out))
    return write_rows(out, [template_header()])


def _label(section: str, key: str) -> str:
    if key == "recognitions":
        return RECOGNITIONS_LABEL
    return (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key].label


def out_cell(section: str, key: str, value: Any) -> str:
    """A profile value as the text of a table cell, which reads back to the same value."""
    if value is None:
        return ""
    if key == "recognitions":
        labels = RECOGNITION_KINDS
        if not isinstance(value, list):
            return str(value)
        return "; ".join(f"{labels.get(r.get('kind'), r.get('kind'))}:{r.get('date', '')}" for r in value)
    kind = (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key].kind
    if isinstance(value, Decimal):
        value = fieldkinds.json_number(value)
    return fieldkinds.format_value(kind, value)


def escape_csv(text: str) -> str:
    """The OWASP rule for CSV: a cell a spreadsheet would run as a formula gets a leading apostrophe
    (and so does one that starts with an apostrophe, so that reading back is exact)."""
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def write_table(out: str | Path, documents: Sequence[dict[str, Any]], leave_out: Sequence[str] = ()) -> Path:
    """Write `documents` (INTERCHANGE profiles) as a park table, `.csv` (UTF-8 with a BOM, which Excel
    opens as Chinese) or `.xlsx`, headed by the Chinese labels, every cell as text; fields in `leave_out`
    are not written. Written under a temporary name and renamed, so a table under its name is complete."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise StoreError(Phrase(TABLE_REFUSALS["table_kind"], path=out))
    if len(documents) > MAX_ROWS:
        raise StoreError(
            Phrase(
                TABLE_REFUSALS["too_many_to_write"],
                path=out,
                limit=f"{MAX_ROWS:,}",
                count=f"{len(documents):,}",
            )
        )
    columns = table_columns(documents, leave_out)
    rows = [[_label(section, key) for section, key in columns]]
    for doc in documents:
        rows.append([out_cell(section, key, (doc.get(section) or {}).get(key)) for section, key in columns])
    return write_rows(out, rows)


def write_rows(out: Path, rows: list[list[str]]) -> Path:
    """Rows of text as a `.csv` or `.xlsx` (by the suffix), written whole or not at all."""
    suffix = out.suffix.lower()
    return write_atomically(
        out, lambda tmp: write_xlsx(tmp, rows) if suffix == ".xlsx" else _write_csv(tmp, rows)
    )


def write_csv(out: Path, rows: list[list[str]], progress: Progress | None = None) -> Path:
    """Rows of text as a `.csv` that Excel opens as Chinese (UTF-8 with a BOM), each cell a spreadsheet
    would run as a formula escaped (`escape_csv`), written whole or not at all: every CSV the program
    writes (park tables, the park view, the pipeline) goes through here. `progress(done, total)` hears
    the rows written, every PROGRESS_ROWS; what it raises stops the writing, leaving no file."""
    return write_atomically(out, lambda tmp: _write_csv(tmp, rows, progress))


PROGRESS_ROWS = 500  # a writer's progress is told every this many rows
Progress = Callable[[int, int], object]


def _write_csv(path: Path, rows: list[list[str]], progress: Progress | None = None) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for at in range(0, len(rows), PROGRESS_ROWS):
            if progress is not None:
                progress(at, len(rows))
            writer.writerows([[escape_csv(v) for v in row] for row in rows[at : at + PROGRESS_ROWS]])


AMOUNT_FORMAT = "#,##0.00"  # 100,000.00 as a spreadsheet shows the number 100000


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[str | Decimal | int]],
    title: str = "企业",
    progress: Progress | None = None,
) -> None:
    """One sheet named `title`: a text cell as text (never a formula, whatever it starts with), an empty
    one empty, a Decimal amount as a number shown to the fen, an int as a whole number. `progress` as
    write_csv's."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for done, row in enumerate(rows):
        if progress is not None and done % PROGRESS_ROWS == 0:
            try:
                progress(done, len(rows))
            except BaseException:
                # stopped (a cancel): the sheet's writer is ended here, not collected half-way later,
                # which printed openpyxl's tracebacks on standard error
                sheet.close()
                raise
        cells = []
        for value in row:
            if isinstance(value, Decimal | int):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, Decimal):
                    cell.number_format = AMOUNT_FORMAT
            else:
                cell = WriteOnlyCell(sheet, value=value or None)
                if value:
                    cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
