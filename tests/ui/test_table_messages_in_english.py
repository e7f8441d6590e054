"""Why a park table is refused, and a row that repeats an earlier one, in the English window. Each was
shown in Chinese with `--language en`, because the table reader wrote it with an f-string; each is now a
template the window writes again in English, with its values (the file, the header as typed, the label
it was probably meant to be, the sheets not read). The command line keeps the sentence it always had."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from shenbao.core.store.tables import HeaderError, UnknownHeader, read_rows
from shenbao.ui.style import known_text, sentence_text
from tests.store.factory import make_profile, make_uscc

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
NAME, USCC = "企业（单位）名称", "统一社会信用代码"


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_book(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def refusal(path: Path, kind: type[Exception] = Exception) -> Exception:
    """What reading the table at `path` raises (of `kind`)."""
    with pytest.raises(kind) as caught:
        read_rows(path)
    return caught.value


def test_an_unknown_header_is_told_in_english_with_the_label_it_was_meant_to_be(
    tmp_path: Path, in_english: None
) -> None:
    table = write_csv(tmp_path / "名单.csv", [["企业名称", USCC], ["甲公司", make_uscc(1)]])
    refused = refusal(table, UnknownHeader)
    assert str(refused) == f"{table}: 第 1 行表头「企业名称」不是已知的字段名（是否指「{NAME}」？）"
    assert known_text(refused) == (
        f"{table}: the header “企业名称” in row 1 is not a known field name "
        "(did you mean “Enterprise (organisation) name”?)"
    )

    table = write_csv(tmp_path / "名单2.csv", [["Zzz", USCC], ["甲公司", make_uscc(1)]])
    refused = refusal(table, UnknownHeader)
    assert known_text(refused) == f"{table}: the header “Zzz” in row 1 is not a known field name"


def test_a_header_without_the_name_and_code_and_an_empty_table_are_told_in_english(
    tmp_path: Path, in_english: None
) -> None:
    table = write_csv(tmp_path / "名单.csv", [[NAME, "从业人数"], ["甲公司", "3"]])
    refused = refusal(table, HeaderError)
    assert str(refused) == f"{table}: 表头须含「{NAME}」和「{USCC}」"
    assert known_text(refused) == f"{table}: the header must include the columns “{NAME}” and “{USCC}”"

    empty = write_csv(tmp_path / "空.csv", [])
    refused = refusal(empty, HeaderError)
    assert str(refused) == f"{empty}: 表格为空（缺少表头）"
    assert known_text(refused) == f"{empty}: the table is empty (it has no header)"


def test_a_workbook_opening_on_its_instructions_names_the_sheets_not_read_in_english(
    tmp_path: Path, in_english: None
) -> None:
    book = Workbook()
    book.active.title = "填表说明"
    book.active.append(["请在下一个工作表填写"])
    for name in ("名单", "汇总", "附表", "备用"):
        book.create_sheet(name).append([NAME, USCC])
    path = tmp_path / "园区.xlsx"
    book.save(path)
    refused = refusal(path, UnknownHeader)
    assert str(refused) == (
        f"{path}: 第 1 行表头「请在下一个工作表填写」不是已知的字段名（读取的是第一个工作表「填表说明」，"
        "其后的工作表「名单」、「汇总」、「附表」等不读取：请把企业名单移到第一个工作表，或单独另存为一个表格后导入）"
    )
    english = known_text(refused)
    assert english == (
        f"{path}: the header “请在下一个工作表填写” in row 1 is not a known field name (the first sheet, "
        "“填表说明”, was read; the sheets after it (名单, 汇总, 附表 and more) are not read: move the list of "
        "enterprises to the first sheet, or save it as a table of its own and import that)"
    )


def test_a_row_repeating_an_earlier_code_is_told_in_english(tmp_path: Path, in_english: None) -> None:
    table = write_csv(
        tmp_path / "名单.csv", [[NAME, USCC], ["甲公司", make_uscc(1)], ["乙公司", make_uscc(1)]]
    )
    rows = read_rows(table).rows
    [(column, message)] = rows[1].errors
    assert (column, message) == (USCC, f"与第 2 行重复（{make_uscc(1)}）")
    assert sentence_text(None, message) == f"the same as row 2 ({make_uscc(1)})"


def test_a_sheet_too_long_or_wide_and_too_many_to_export_are_told_in_english(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.core.store import tables
    from shenbao.core.store.db import StoreError

    monkeypatch.setattr(tables, "MAX_ROWS", 1)
    long = write_book(
        tmp_path / "长.xlsx", [[NAME, USCC], ["甲公司", make_uscc(1)], ["乙公司", make_uscc(2)]]
    )
    refused = refusal(long, StoreError)
    assert str(refused) == f"{long}: 行数过多（第 3 行超过 1 行的限制）"
    assert known_text(refused) == f"{long}: too many rows (row 3 is beyond the limit of 1 rows)"

    out = tmp_path / "导出.csv"
    documents = [make_profile(1, engineers=0), make_profile(2, engineers=0)]
    with pytest.raises(StoreError) as caught:
        tables.write_table(out, documents)
    assert str(caught.value) == f"{out}: 表格最多 1 行（共 2 家企业）；请导出为 .shenbao 数据包"
    assert known_text(caught.value) == (
        f"{out}: a table holds at most 1 rows (2 enterprises here); export a .shenbao bundle instead"
    )
    assert not out.exists()

    monkeypatch.setattr(tables, "MAX_COLUMNS", 2)
    wide = write_book(tmp_path / "宽.xlsx", [[NAME, USCC, "多出的"]])
    refused = refusal(wide, StoreError)
    assert known_text(refused) == f"{wide}: row 1, column 3 is beyond the limit of 2 columns"


def test_a_large_workbook_read_by_a_second_process_is_refused_in_english(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook this large is read by a second process, whose refusal came back as a plain sentence."""
    from shenbao.core.store import tables
    from shenbao.core.store.db import StoreError

    monkeypatch.setattr(tables, "READ_ELSEWHERE_BYTES", 0)
    wide = write_book(tmp_path / "宽.xlsx", [[NAME, USCC], [None] * tables.MAX_COLUMNS + ["多出的"]])
    refused = refusal(wide, StoreError)
    assert str(refused) == f"{wide}: 第 2 行第 201 列超出 200 列的限制"
    assert known_text(refused) == f"{wide}: row 2, column 201 is beyond the limit of 200 columns"


def test_a_recognitions_cell_that_cannot_be_read_is_told_in_english(tmp_path: Path, in_english: None) -> None:
    """An unknown kind is named with the kinds a cell may hold, which stay as the cell must hold them;
    entries run together are told how to be separated."""
    from shenbao.core.model import RECOGNITION_KINDS
    from shenbao.ui.app import core_text

    table = write_csv(
        tmp_path / "名单.csv",
        [
            [NAME, USCC, "认定情况"],
            ["甲公司", make_uscc(1), "国家人工智能开放创新平台:2021-03-05"],
            ["乙公司", make_uscc(2), "省级新型研发机构:2024-07-01 国家重点实验室:2021-03-05"],
        ],
    )
    unknown, together = (row.errors[0][1] for row in read_rows(table).rows)
    known = "、".join(RECOGNITION_KINDS.values())
    assert sentence_text(None, unknown) == (
        f"the kind of recognition should be one of: {known} (got 国家人工智能开放创新平台)"
    )
    said = together.rpartition("（收到 ")[0]
    assert core_text(said) == "separate the recognitions with semicolons (;)"


def _rewritten(path: Path, old: str, new: str) -> Path:
    """The workbook at `path` with `old` in its first sheet's XML written as `new`, as a program other
    than Excel may write it."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        members = {info.filename: book.read(info) for info in book.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old.encode() in members[sheet]
    members[sheet] = members[sheet].replace(old.encode(), new.encode(), 1)
    with zipfile.ZipFile(path, "w") as book:
        for name, body in members.items():
            book.writestr(name, body)
    return path


@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_sheet_whose_xml_no_spreadsheet_writes_is_refused_in_english(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch, elsewhere: bool
) -> None:
    """A row numbered 2.5 or a merged range naming no cells was refused in Chinese in the English window
    (「不是有效的 xlsx 表格（行号 2.5 不是整数）」), read here or by a second process alike."""
    from shenbao.core.store import tables
    from shenbao.core.store.db import StoreError

    if elsewhere:
        monkeypatch.setattr(tables, "READ_ELSEWHERE_BYTES", 0)
    rows: list[list[object]] = [[NAME, USCC], ["甲公司", make_uscc(1)]]
    halved = _rewritten(write_book(tmp_path / "行号.xlsx", rows), '<row r="2"', '<row r="2.5"')
    refused = refusal(halved, StoreError)
    assert str(refused) == f"{halved}: 不是有效的 xlsx 表格（行号 2.5 不是整数）"
    assert known_text(refused) == (
        f"{halved}: this is not a valid xlsx table (the row number 2.5 is not a whole number)"
    )

    book = Workbook()
    book.active.append([NAME, USCC])
    book.active.append(["甲公司", make_uscc(1)])
    book.active.merge_cells("C2:D2")
    book.save(tmp_path / "合并.xlsx")
    columns = _rewritten(tmp_path / "合并.xlsx", 'ref="C2:D2"', 'ref="C:D"')
    refused = refusal(columns, StoreError)
    assert str(refused) == f"{columns}: 不是有效的 xlsx 表格（合并单元格「C:D」不是单元格区域）"
    assert known_text(refused) == (
        f"{columns}: this is not a valid xlsx table (the merged cells “C:D” are not a range of cells)"
    )


@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_workbook_without_its_parts_is_refused_without_the_library_s_words(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch, elsewhere: bool
) -> None:
    """An .xlsx whose workbook part is damaged was refused as 「不是有效的 xlsx 表格（OSError: File contains
    no valid workbook part）」 in either language: the library's English and its exception's name."""
    import zipfile

    from shenbao.core.store import tables
    from shenbao.core.store.db import StoreError

    if elsewhere:
        monkeypatch.setattr(tables, "READ_ELSEWHERE_BYTES", 0)
    shell = tmp_path / "空壳.xlsx"
    with zipfile.ZipFile(shell, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<nope")
    refused = refusal(shell, StoreError)
    assert str(refused) == (
        f"{shell}: 不是有效的 xlsx 表格（文件已损坏，或不是 Excel、WPS 等电子表格程序保存的工作簿）"
    )
    assert known_text(refused) == (
        f"{shell}: this is not a valid xlsx table (the file is damaged, or is not a workbook saved by "
        "Excel, WPS or another spreadsheet program)"
    )
