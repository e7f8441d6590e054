"""Numbers a spreadsheet computed: Excel keeps 15 significant digits and shows them, but writes the
binary double's 17 into the .xlsx, so a share summed as 70% + 10% arrives as 0.7999999999999999. The
table reads each number as the spreadsheet shows it: the 80% the user saw is the 80% the rules judge
(fz2024.compute_supply asks for at least 80%) and the table exported back says 80%."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import Workbook

from tests.store.factory import make_uscc, shenbao

HEADER = ["企业（单位）名称", "统一社会信用代码", "自主芯片算力标称值占比", "算力标称值（P，按 FP16 计）"]


def test_a_computed_share_reads_as_the_spreadsheet_shows_it(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["甲公司", make_uscc(1), 0.7 + 0.1, 0.1 + 0.2])
    assert 0.7 + 0.1 < 0.8  # what the .xlsx holds
    table = tmp_path / "园区.xlsx"
    book.save(table)

    data = tmp_path / "data"
    done = shenbao(data, "import", str(table))
    assert done.returncode == 0, done.stderr
    facts = json.loads(shenbao(data, "profiles", "show", make_uscc(1)).stdout)["facts"]
    assert facts["infra_domestic_chip_ratio"] == 0.8 and facts["infra_pflops_nominal"] == 0.3

    out = tmp_path / "导出.csv"
    assert shenbao(data, "export", "--out", str(out)).returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["自主芯片算力标称值占比"] == "80%" and exported["算力标称值（P，按 FP16 计）"] == "0.3"


def test_a_year_or_a_month_typed_as_a_number_in_a_date_column_is_refused_not_read_as_a_day(
    tmp_path: Path,
) -> None:
    """A date cell without a date format holds Excel's serial number (45717 is 2025-03-01) and is read
    as one. But 2025 typed alone in 成立日期 is the year, not serial 2025 (1905-07-17: an enterprise
    founded this year would be judged 120 years old), and 202503 is a year and month, not serial 202503
    (2454-05-…). The same cells in a CSV are refused; in an .xlsx they are refused too, naming the row."""
    book = Workbook()
    book.active.append(["企业（单位）名称", "统一社会信用代码", "成立日期", "算力项目投用日期"])
    book.active.append(["甲公司", make_uscc(1), 2025, 45717])
    book.active.append(["乙公司", make_uscc(2), 45717, 202503])
    book.active.append(["丙公司", make_uscc(3), 20250301, 73050])
    table = tmp_path / "园区.xlsx"
    book.save(table)

    data = tmp_path / "data"
    done = shenbao(data, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "第 2 行「成立日期」：应为存在的日期（YYYY-MM-DD）（收到 2025）" in done.stderr
    assert "第 3 行「算力项目投用日期」：应为存在的日期（YYYY-MM-DD）（收到 202503）" in done.stderr
    assert "新增 1 家" in done.stderr and "跳过有错误的 2 行" in done.stderr
    kept = json.loads(shenbao(data, "profiles", "show", make_uscc(3)).stdout)
    assert kept["enterprise"]["established_on"] == "2025-03-01"
    assert kept["facts"]["infra_operational_on"] == "2099-12-31"


def test_a_landline_kept_as_a_number_is_refused_naming_its_row_and_the_others_are_imported(
    tmp_path: Path,
) -> None:
    """0591-87654321 typed without its hyphen into a cell of the General format is the number 59187654321:
    its 0 is gone, and the number was stored as a valid phone of 11 digits. Now the row is refused, the
    message saying how to write it; a mobile kept as a number and a landline kept as text import."""
    book = Workbook()
    book.active.append(["企业（单位）名称", "统一社会信用代码", "联系电话"])
    book.active.append(["甲公司", make_uscc(1), 59187654321])
    book.active.append(["乙公司", make_uscc(2), 13800138000])
    book.active.append(["丙公司", make_uscc(3), "059187654321"])
    table = tmp_path / "园区.xlsx"
    book.save(table)

    data = tmp_path / "data"
    refused = shenbao(data, "import", str(table))
    assert refused.returncode == 2 and "座机号请写成 059187654321" in refused.stderr
    assert "第 2 行「联系电话」" in refused.stderr and "Traceback" not in refused.stderr
    assert not data.exists()  # nothing half-written: not even the folder the import would have begun
    done = shenbao(data, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    listed = {p["uscc"] for p in json.loads(shenbao(data, "profiles", "list").stdout)}
    assert listed == {make_uscc(2), make_uscc(3)}
