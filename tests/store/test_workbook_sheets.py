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


def test_a_hidden_first_sheet_is_passed_over_for_the_first_sheet_the_user_sees(tmp_path: Path) -> None:
    """A template keeps its drop-down lists (是/否, 单位类型) on a hidden first sheet; the user sees one
    sheet, the list, and fills it in. The hidden sheet was the one read, and the table was refused as
    「第 1 行表头「是」不是已知的字段名（读取的是第一个工作表「下拉选项」…请把企业名单移到第一个工作表…）」,
    naming a sheet the user cannot see. The first visible sheet is read, and named when it is wrong."""
    book = Workbook()
    options = book.active
    options.title = "下拉选项"
    options.append(["是"])
    options.append(["否"])
    options.sheet_state = "hidden"
    names = book.create_sheet("企业名单")
    names.append(["企业（单位）名称", "统一社会信用代码", "人工智能企业"])
    names.append(["甲公司", make_uscc(1), "是"])
    book.create_sheet("说明").append(["请填写企业名单"])
    book.active = 1
    table = tmp_path / "摸底表.xlsx"
    book.save(table)

    done = shenbao(tmp_path / "data", "import", str(table))
    assert done.returncode == 0, done.stderr
    assert "新增 1 家" in done.stderr

    names["C1"] = "是否为人工智能企业"
    book.save(table)
    refused = shenbao(tmp_path / "data2", "import", str(table))
    assert_refused(refused, "是否为人工智能企业", "工作表「企业名单」", "「说明」")
    assert "下拉选项" not in refused.stderr
