"""A workbook from a department often opens on a sheet of instructions (填表说明) with the list of
enterprises on the next one. Only the first sheet is read; when its header is not a park table's, the
refusal says which sheet it read and where the list must be, rather than only that 「请在第二个工作表
填写…」 is no field name, which the user cannot find on the sheet they filled in."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.store.factory import assert_refused, make_uscc, shenbao


def test_a_first_sheet_of_instructions_is_named_in_the_refusal(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "填表说明"
    book.active.append(["请在“企业名单”工作表中填写，统一社会信用代码请设为文本格式"])
    names = book.create_sheet("企业名单")
    names.append(["企业（单位）名称", "统一社会信用代码"])
    names.append(["甲公司", make_uscc(1)])
    table = tmp_path / "申报摸底表.xlsx"
    book.save(table)

    refused = shenbao(tmp_path / "data", "import", str(table))
    assert_refused(refused, "工作表「填表说明」", "第一个工作表", "企业名单")


def test_a_workbook_of_one_sheet_is_refused_as_before(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["企业名称", "统一社会信用代码"])
    table = tmp_path / "名单.xlsx"
    book.save(table)
    refused = shenbao(tmp_path / "data", "import", str(table))
    assert_refused(refused, "企业名称")
    assert "工作表" not in refused.stderr.split("；用 shenbao")[0]
