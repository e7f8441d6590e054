"""The first worksheet of an .xlsx, read by expat, gives what openpyxl's own read-only parser gives, cell
for cell: workbooks written by openpyxl with every kind of value, and sheets written by hand with what
other spreadsheet programs write (inline strings, rich text, phonetic runs, cached formula results,
cells and rows without their coordinates)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from shenbao.core.store import StoreError, tables
from shenbao.core.store.sheet import Uncalculated, first_sheet_rows
from shenbao.core.store.tables import MAX_COLUMNS, MAX_SHEET_TEXT, read_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def as_openpyxl_reads(path: Path) -> list[tuple[int, list[tuple[int, Any]]]]:
    """The rows as openpyxl's read-only parser gives them (data_only)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            return [(n, [(c["column"], c["value"]) for c in cells]) for n, cells in parser.parse()]
    finally:
        book.close()


def as_read_here(path: Path) -> list[tuple[int, list[tuple[int, Any]]]]:
    rows = first_sheet_rows(path)
    try:
        return list(rows)
    finally:
        rows.close()


def with_parts(path: Path, out: Path, parts: dict[str, str]) -> Path:
    """A copy of the workbook with some of its members written anew; a shared strings part (openpyxl
    writes its text inline) is added with its content type and relationship."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = parts.get(item.filename) or src.read(item.filename).decode("utf-8")
            if "xl/sharedStrings.xml" in parts and item.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if "xl/sharedStrings.xml" in parts and item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    'sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
                )
            dst.writestr(item, data.encode("utf-8"))
        if "xl/sharedStrings.xml" in parts:
            dst.writestr("xl/sharedStrings.xml", parts["xl/sharedStrings.xml"].encode("utf-8"))
    return out


def test_every_kind_of_value_openpyxl_writes_reads_back_the_same(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "园区企业"
    sheet.append(["企业（单位）名称", "统一社会信用代码", "金额", "日期", "时间", "是否", "比例"])
    sheet.append(["甲公司", "91350100MA2XXXXX0X", 250000, dt.date(2025, 10, 1), dt.time(9, 30), True, 0.35])
    sheet.append(
        ["  前后有空格 ", 913501000000000000, -1.5, dt.datetime(2026, 1, 2, 3, 4, 5), None, False, 1e-07]
    )
    sheet.append(["=不是公式", "'撇号", 10**15, dt.date(1900, 3, 1), dt.timedelta(hours=36), None, 2])
    sheet.append(["换行\n第二行", "_x000D_ and x005F_ stay", 0, None, None, None, 3.0])
    sheet["H6"] = "=SUM(C2:C4)"  # a formula: openpyxl writes no cached result
    sheet["C8"] = "行 7 空着"
    sheet["J9"] = CellRichText(["富", TextBlock(InlineFont(b=True), "文本"), "串"])
    sheet.cell(row=10, column=2).number_format = "yyyy-mm-dd"  # a styled empty cell
    sheet["A11"] = "#N/A"
    sheet["A11"].data_type = "e"
    for i in range(12, 40):  # repeated strings: shared once
        sheet.append([f"企业{i % 5}", "鼓楼区", i, dt.date(2026, 1, i % 28 + 1)])
    book.create_sheet("第二个表")["A1"] = "不读"
    path = tmp_path / "园区.xlsx"
    book.save(path)
    rows = as_read_here(path)
    formulas = [v for _, cells in rows for _, v in cells if isinstance(v, Uncalculated)]
    assert formulas == ["=不是公式", "=SUM(C2:C4)"]  # where openpyxl gives None: the file holds no result
    assert [
        (n, [(c, None if isinstance(v, Uncalculated) else v) for c, v in cells]) for n, cells in rows
    ] == as_openpyxl_reads(path)
    assert rows[1][1][:3] == [(1, "甲公司"), (2, "91350100MA2XXXXX0X"), (3, 250000)]
    assert rows[1][1][3][1] == dt.datetime(2025, 10, 1) and rows[1][1][5][1] is True
    assert [r[0] for r in rows][:10] == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11]


SHEET = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2" spans="1:6"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> 行内 </t></is></c>
<c r="B2" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c>
<c r="C2" t="str"><f>A2&amp;"x"</f><v>公式的结果</v></c><c r="D2"><f>1+1</f><v>2</v></c>
<c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="b"><v>0</v></c></row>
<row><c t="n"><v>1.5E3</v></c><c><v>-0</v></c><c t="inlineStr"/><c t="inlineStr"><is/></c><c t="s"><v>3</v></c></row>
<row r="7.0"><c r="AA7" t="d"><v>2026-02-03T04:05:06</v></c><c r="AB7"><v></v></c><c r="AC7" s="0"><v>7</v></c></row>
<row r="8"/>
</sheetData>
</worksheet>"""

STRINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4">
<si><t>企业（单位）名称</t></si>
<si><t xml:space="preserve">A &amp; B &lt;有限&gt;
第二行</t><rPh sb="0" eb="1"><t>キ</t></rPh></si>
<si><r><t>甲</t></r><r><rPr><i/></rPr><t xml:space="preserve"> 公司 </t></r></si>
<si><t>x005F_x000D_</t></si>
</sst>"""


def test_what_other_spreadsheet_programs_write_reads_the_same(tmp_path: Path) -> None:
    book = Workbook()
    book.active["A1"] = "占位"  # makes the shared strings part
    written = tmp_path / "written.xlsx"
    book.save(written)
    path = with_parts(
        written,
        tmp_path / "其他程序.xlsx",
        {"xl/worksheets/sheet1.xml": SHEET, "xl/sharedStrings.xml": STRINGS},
    )
    rows = as_read_here(path)
    assert rows == as_openpyxl_reads(path)
    assert rows[0][1] == [(1, "企业（单位）名称"), (2, "A & B <有限>\n第二行"), (3, "甲 公司 ")]
    assert rows[1][1][:3] == [(1, " 行内 "), (2, "富文本"), (3, "公式的结果")]
    assert rows[2] == (3, [(1, 1500.0), (2, 0), (3, None), (4, ""), (5, "x000D_")])
    assert rows[3][0] == 7 and rows[3][1][0] == (27, dt.datetime(2026, 2, 3, 4, 5, 6))


def test_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["企业（单位）名称", "统一社会信用代码"])
    book.active.append(["甲公司", "91350100MA2XXXXX0X"])
    written = tmp_path / "written.xlsx"
    book.save(written)
    bomb = SHEET.replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
    ).replace("公式的结果", "&b;")
    path = with_parts(written, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": bomb})
    from shenbao.core.store import StoreError

    with pytest.raises(StoreError, match="文档类型声明"):
        read_rows(path)


CELL_VALUES = st.one_of(
    st.none(),
    st.text(alphabet="ab 公\u200b\ufeff", max_size=4),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.just(Uncalculated("=A1")),
)
ROW_CELLS = st.lists(st.tuples(st.integers(1, MAX_COLUMNS + 3), CELL_VALUES), max_size=12)


@given(
    cells=st.one_of(ROW_CELLS, ROW_CELLS.map(lambda cells: sorted(dict(cells).items()))),
    room=st.integers(0, 12),
)
# a row of long text, searched a cell at a time for the characters that do not show
@example(cells=[(1, "长" * 70_000 + "\u200b"), (3, "\ufeff乙"), (4, 2.5)], room=10**6)
def test_a_row_made_a_list_at_a_time_is_the_row_made_a_cell_at_a_time(
    cells: list[tuple[int, Any]], room: int
) -> None:
    """A row whose cells come in the order of their columns (most rows) is made by a few steps a row;
    it is the row, and the refusal, that the steps a cell made: cells padded to their columns, numbers as
    shown, characters that do not show taken out, the table's text counted to its limit."""

    def made(how: Any) -> tuple[Any, ...]:
        text = [MAX_SHEET_TEXT - room]
        try:
            row = how(Path("园区.xlsx"), 7, [c for c, _ in cells], [v for _, v in cells], text)
        except StoreError as err:
            return ("refused", str(err))
        return [(type(v), v) for v in row], text

    assert made(tables._sheet_row) == made(tables._sheet_row_by_cell)
