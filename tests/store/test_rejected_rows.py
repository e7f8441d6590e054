"""The file of rejected rows (`--rejects`, 把有错误的行另存为表格): fixed and imported again, each row must
say only what was wrong with it in the first place. A cell that read well in the user's spreadsheet (a
number, a date cell) must read as well in the rejects file, and a cell that did not must say the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from shenbao.core.store.tables import read_rows
from tests.store.factory import make_uscc, shenbao

HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "成立日期",
    "从业人数",
    "年度购买算力服务总额（元）",
    "算力标称值（P，按 FP16 计）",
    "人工智能企业",
]


def spreadsheet(path: Path) -> Path:
    """Rows as a spreadsheet saves them: numbers as numbers, a date cell, an unformatted date (Excel's
    serial 45292 is 2024-01-01), a tiny measured value and a code that Excel turned into a number."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["甲公司", make_uscc(1), dt.datetime(2020, 1, 2), 12.0, 250000.0, 400.5, True])
    # bad: a purchase in a part of a fen; its other cells are good
    sheet.append(["乙公司", make_uscc(2), 45292, 30, 250000.004, 1e-7, False])
    # bad: the code as a number; the rest is good
    sheet.append(["丙公司", float(make_uscc(3)[:17]) * 10, dt.datetime(2021, 5, 6), 8, 1e6, 0.25, True])
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_rejected_rows_read_back_with_the_same_errors_and_no_new_ones(
    tmp_path: Path, suffix: str
) -> None:
    source = spreadsheet(tmp_path / "园区.xlsx")
    first = {(r.number, c) for r in read_rows(source).rows for c, _ in r.errors}
    assert first == {(3, "年度购买算力服务总额（元）"), (4, "统一社会信用代码")}

    rejects = tmp_path / f"有错误的行{suffix}"
    done = shenbao(tmp_path / "data", "import", str(source), "--skip-bad-rows", "--rejects", str(rejects))
    assert done.returncode == 0, done.stderr
    assert "新增 1 家" in done.stderr and "跳过有错误的 2 行" in done.stderr

    again = read_rows(rejects).rows
    assert [(r.number, c) for r in again for c, _ in r.errors] == [
        (2, "年度购买算力服务总额（元）"),
        (3, "统一社会信用代码"),
    ]
    (code_error,) = again[1].errors
    assert "电子表格把代码存成了数字" in code_error[1]  # not a made-up 18-digit code
    assert not str(again[1].cells[1]).isdigit()
    assert again[0].document["enterprise"]["established_on"] == "2024-01-01"
    assert again[0].document["facts"]["infra_pflops_nominal"] == pytest.approx(1e-7)


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_rejects_naming_the_table_being_imported_is_refused_and_the_table_kept(
    tmp_path: Path, dry_run: list[str]
) -> None:
    """「--rejects 园区.xlsx 园区.xlsx」 replaced a park's whole table by its two bad rows, even with
    --dry-run; it is refused in one line before anything is read or written."""
    source = spreadsheet(tmp_path / "园区.xlsx")
    before = source.read_bytes()
    aside = tmp_path / "sub" / ".." / "园区.xlsx"  # the same file, named otherwise
    (tmp_path / "sub").mkdir()
    run = shenbao(
        tmp_path / "data", "import", str(source), "--skip-bad-rows", "--rejects", str(aside), *dry_run
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"shenbao: --rejects {aside} 就是要导入的文件，写入会用有错误的行覆盖它；请另给一个文件名"
    ]
    assert source.read_bytes() == before
    assert not (tmp_path / "data" / "shenbao.db").exists()
