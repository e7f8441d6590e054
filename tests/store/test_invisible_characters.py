"""Cells pasted from a web page or a chat carry characters nobody sees: a zero-width space before a
code copied from the 国家企业信用信息公示系统, a byte-order mark, a direction mark. The code looks right
and was refused as having a wrong check digit; a name kept one and no longer matched the same name
typed. A park table's cells are read without them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.store.factory import make_uscc, shenbao

HEADER = ["企业（单位）名称", "统一社会信用代码", "年度购买算力服务总额（元）"]
ROWS = [
    ["福州甲公司\u200b", "\u200b" + make_uscc(1), "25万\u200b"],
    ["\ufeff福州乙公司", make_uscc(2) + "\u200d", "\u200e300000"],
]


def as_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    return path


def as_xlsx(path: Path) -> Path:
    book = Workbook()
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("write", [as_csv, as_xlsx], ids=["csv", "xlsx"])
def test_cells_are_read_without_the_characters_nobody_sees(tmp_path: Path, write: object) -> None:
    table = write(tmp_path / ("园区.csv" if write is as_csv else "园区.xlsx"))  # type: ignore[operator]
    data = tmp_path / "data"
    done = shenbao(data, "import", str(table))
    assert done.returncode == 0, done.stderr
    first = json.loads(shenbao(data, "profiles", "show", make_uscc(1)).stdout)
    second = json.loads(shenbao(data, "profiles", "show", make_uscc(2)).stdout)
    assert first["enterprise"]["name"] == "福州甲公司" and first["facts"]["compute_purchase_amount"] == 250000
    assert (
        second["enterprise"]["name"] == "福州乙公司" and second["facts"]["compute_purchase_amount"] == 300000
    )
