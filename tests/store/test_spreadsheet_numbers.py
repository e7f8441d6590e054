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
