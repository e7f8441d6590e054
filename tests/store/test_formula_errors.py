"""A cell whose formula failed in the spreadsheet (a VLOOKUP that found nothing: #N/A; a deleted sheet:
#REF!) holds no value, only the spreadsheet's error code. Taken as text it would become an enterprise
named "#N/A" or a district "#REF!"; it is refused naming its row and column, in an .xlsx (an error cell)
and in the CSV a spreadsheet saves (the code as text)."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from shenbao.core.store.tables import read_rows
from tests.store.factory import make_uscc, shenbao

HEADER = ["企业（单位）名称", "统一社会信用代码", "注册地（区县）", "年度购买算力服务总额（元）"]


def with_error_cells(path: Path) -> Path:
    """Row 2 good; row 3's name a failed VLOOKUP (#N/A) and its district a broken reference (#REF!), as
    Excel writes them: error cells with the formula and its last result."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["甲公司", make_uscc(1), "鼓楼区", 250000])
    sheet.append(["NAME", make_uscc(2), "DISTRICT", 300000])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    errors = {
        "NAME": "<f>VLOOKUP(B3,名录!A:B,2,0)</f><v>#N/A</v>",
        "DISTRICT": "<f>名录!C1</f><v>#REF!</v>",
    }
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for word, cell in errors.items():
                    text, n = re.subn(
                        rf'<c r="([A-Z]+3)" t="inlineStr"><is><t>{word}</t></is></c>',
                        rf'<c r="\1" t="e">{cell}</c>',
                        text,
                    )
                    assert n == 1
                data = text.encode("utf-8")
            out.writestr(item, data)
    plain.unlink()
    return path


def saved_as_csv(path: Path) -> Path:
    """What Excel writes for the same sheet saved as CSV (GBK): the error codes as text."""
    rows = [HEADER, ["甲公司", make_uscc(1), "鼓楼区", "250000"], ["#N/A", make_uscc(2), "#REF!", "300000"]]
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.parametrize("make", [with_error_cells, saved_as_csv], ids=["xlsx", "csv"])
def test_a_formula_error_is_refused_naming_its_cell(tmp_path: Path, make: object) -> None:
    table = make(tmp_path / ("园区.xlsx" if make is with_error_cells else "园区.csv"))  # type: ignore[operator]
    rows = read_rows(table).rows
    assert rows[0].errors == [] and rows[0].profile is not None
    assert rows[1].profile is None
    assert {column for column, _ in rows[1].errors} == {"企业（单位）名称", "注册地（区县）"}
    assert all("公式" in message for _, message in rows[1].errors), rows[1].errors
    assert "#N/A" in " ".join(m for _, m in rows[1].errors)

    data = tmp_path / "data"
    done = shenbao(data, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "新增 1 家" in done.stderr and "跳过有错误的 1 行" in done.stderr
    listed = json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout)
    assert [row["name"] for row in listed] == ["甲公司"]


def test_a_formula_the_file_holds_no_result_of_is_refused_not_read_as_blank(tmp_path: Path) -> None:
    """A workbook written by a program that does not calculate (openpyxl, many exporters) keeps the
    formula and no value. Read as blank, 乙公司's computing spending was imported as never given, and its
    preview said 缺少信息 with nothing to say why; it is refused naming the formula. A formula whose result
    is empty text (written with t="str") is a blank cell, as the spreadsheet shows it."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["甲公司", make_uscc(1), "鼓楼区", 250000])
    sheet.append(["乙公司", make_uscc(2), "鼓楼区", "=D2+50000"])
    sheet.append(["丙公司", make_uscc(3), "EMPTY", 120000])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    table = tmp_path / "园区.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(table, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text, n = re.subn(
                    r'<c r="C4" t="inlineStr"><is><t>EMPTY</t></is></c>',
                    '<c r="C4" t="str"><f>IF(1,"","x")</f><v></v></c>',
                    data.decode("utf-8"),
                )
                assert n == 1 and "<f>D2+50000</f><v></v>" in text  # as openpyxl writes it
                data = text.encode("utf-8")
            out.writestr(item, data)

    rows = read_rows(table).rows
    assert rows[0].errors == [] and rows[0].profile is not None
    ((column, message),) = rows[1].errors
    assert column == "年度购买算力服务总额（元）" and rows[1].profile is None
    assert "没有计算结果的公式" in message and "=D2+50000" in message
    assert rows[2].errors == [] and rows[2].profile is not None
    assert "district" not in rows[2].document["enterprise"]

    data = tmp_path / "data"
    refused = shenbao(data, "import", str(table))
    assert refused.returncode == 2 and "第 3 行" in refused.stderr and "没有计算结果" in refused.stderr
    assert not data.exists() or json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout) == []
    done = shenbao(data, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "新增 2 家" in done.stderr and "跳过有错误的 1 行" in done.stderr
    listed = json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout)
    assert sorted(row["name"] for row in listed) == ["丙公司", "甲公司"]
