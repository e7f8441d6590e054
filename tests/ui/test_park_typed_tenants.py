"""The park view over thirty tenants that park staff typed into a GBK spreadsheet and imported with the
real `shenbao import`: districts spelt as people spell them are one district each, and the exported table
is one a spreadsheet adds up (amounts as numbers of 元, names that look like formulas kept as text)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.journeys.helpers import run
from tests.store.factory import make_uscc

VOUCHER = "fj2025.compute_voucher"
HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "单位类型",
    "注册地（省）",
    "注册地（市）",
    "注册地（区县）",
    "人工智能企业",
    "列入省人工智能骨干企业清单",
    "纳入福州市级算力平台",
    "年度购买算力服务总额（元）",
    "连续享受算力补助的年度（第几年）",
]
# How the district column was filled in, row after row, and the district each spelling names.
DISTRICTS = {
    "鼓楼": "鼓楼区",
    "鼓楼区": "鼓楼区",
    "福州市鼓楼区": "鼓楼区",
    " 仓山 ": "仓山区",
    "仓山区": "仓山区",
    "福建省福州市仓山区": "仓山区",
    "福州 台江区": "台江区",
    "台江": "台江区",
    "晋安区": "晋安区",
    "马尾": "马尾区",
    "长乐": "长乐区",
    "福清": "福清市",
    "闽侯": "闽侯县",
    "平潭": "平潭综合实验区",
    "高新区": "高新区",  # not one of Fuzhou's districts: kept as typed
}
SPELLINGS = list(DISTRICTS)
AMOUNTS = ["25万", "200,000", "￥1,234,567.89", "60000元", "150000", "0", "333,333.33"]
NAMES = ['=HYPERLINK("x")智算有限公司', "+86算力科技有限公司", "-号楼模型有限公司", "@福州智能有限公司"]


def typed_name(i: int) -> str:
    return NAMES[i // 5 % 4] if i % 5 == 0 else f"福州园区租户{i:02d}人工智能有限公司"


def write_table(path: Path) -> Path:
    rows = [HEADER]
    for i in range(30):
        rows.append(
            [
                typed_name(i),
                make_uscc(300 + i),
                "企业",
                "福建",
                "福州",
                SPELLINGS[i % len(SPELLINGS)],
                "是",
                "√",
                "是",
                AMOUNTS[i % len(AMOUNTS)],
                "第1年" if i % 2 else "1",
            ]
        )
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def park(qtbot: Any, tmp_path: Path, no_keyring: None) -> Any:
    from shenbao.core.store import Store
    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView

    data = tmp_path / "park"
    done = run(data, "import", str(write_table(tmp_path / "园区企业.csv")))
    assert "新增 30 家" in done.stderr
    store = Store.open(data, daily_backup=False)
    view = ParkView(AppContext(store.folder, store=store, as_of=__import__("datetime").date(2026, 3, 10)))
    qtbot.addWidget(view)
    view.resize(1200, 600)
    with qtbot.waitSignal(view.loaded, timeout=60000):
        view.show()
    yield view
    view.close()
    store.close()


def choose(qtbot: Any, box: Any, data: str) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentData() != data:
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"{data} not in the list"


def voucher_column(view: Any) -> int:
    for column in range(view.proxy.columnCount()):
        tip = view.proxy.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or ""
        if tip.startswith(VOUCHER + "（"):
            return column
    raise KeyError(VOUCHER)


def test_districts_spelt_differently_are_one_district_each(qtbot: Any, park: Any) -> None:
    """鼓楼, 鼓楼区 and 福州市鼓楼区 are listed, filtered and counted as 鼓楼区; 高新区 stays as typed."""
    from shenbao.ui.collation import name_key
    from shenbao.ui.park_view import DISTRICT

    typed = Counter(DISTRICTS[SPELLINGS[i % len(SPELLINGS)]] for i in range(30))
    listed = [park.district_box.itemData(i) for i in range(1, park.district_box.count())]
    assert listed == sorted(typed, key=name_key)
    for district in ("鼓楼区", "仓山区", "台江区", "高新区"):
        choose(qtbot, park.district_box, district)
        assert park.proxy.rowCount() == typed[district], district
        shown = {park.proxy.index(r, DISTRICT).data() for r in range(park.proxy.rowCount())}
        assert shown == {district}
        assert park.count_label.text() == f"显示 {typed[district]} / 30 家企业"


def test_the_csv_export_adds_up_in_a_spreadsheet(qtbot: Any, park: Any, tmp_path: Path) -> None:
    """Every amount a number of 元 under a heading saying 元, summing to the totals row and to the view's
    own totals; text cells stay text, and a name starting with = + - @ cannot run as a formula."""
    from shenbao.ui.park_view import AMOUNT_ROLE

    out = tmp_path / "园区申报测算.csv"
    with qtbot.waitSignal(park.exported, timeout=20000):
        park.export_csv(out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel opens it as Chinese
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert len(body) == 30 and totals[0] == "合计（30 家）"
    column = voucher_column(park)
    assert header[column].endswith("（元）") and header[-2:] == ["合计（元）", "另有需确认能否叠加（元）"]

    number = re.compile(r"^\d+\.\d{2}$")
    amounts = [Decimal(row[column]) for row in body if number.match(row[column])]
    words = {row[column] for row in body if not number.match(row[column])}
    assert words <= {"不符合", "待补充"} and "万" not in "".join(row[column] for row in body)
    in_view = [park.proxy.index(r, column).data(AMOUNT_ROLE) for r in range(park.proxy.rowCount())]
    assert sorted(amounts) == sorted(a for a in in_view if a is not None) and len(amounts) >= 10
    assert sum(amounts) == Decimal(totals[column]) == park.totals.total(column)[0]
    tenant_totals = [Decimal(row[-2]) for row in body]
    assert sum(tenant_totals) == Decimal(totals[-2]) == park.totals.total(park.proxy.columnCount() - 1)[0]

    names = [row[0] for row in body]
    for name in NAMES:
        assert "'" + name in names
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "-", "@"))]


def test_the_xlsx_export_has_numbers_a_sum_adds_and_names_as_text(
    qtbot: Any, park: Any, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    choose(qtbot, park.district_box, "鼓楼区")
    out = tmp_path / "园区申报测算.xlsx"
    with qtbot.waitSignal(park.exported, timeout=20000):
        park.export_csv(out)
    sheet = load_workbook(out).active
    rows = [[c for c in row] for row in sheet.iter_rows()]
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    column = voucher_column(park)
    assert header[column].value.endswith("（元）") and len(body) == park.proxy.rowCount()
    numbers = [c for c in (row[column] for row in body) if c.data_type == "n" and c.value is not None]
    assert numbers and all(c.number_format == "#,##0.00" for c in numbers)
    assert sum(Decimal(str(c.value)) for c in numbers) == Decimal(str(totals[column].value))
    assert Decimal(str(totals[column].value)) == park.totals.total(column)[0]
    assert all(row[1].value == "鼓楼区" for row in body)
    formulas = [row[0] for row in body if str(row[0].value).startswith(("=", "+", "-", "@"))]
    assert formulas and all(c.data_type == "s" for c in formulas)  # text, not a formula


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("鼓楼", "鼓楼区"),
        ("鼓楼区", "鼓楼区"),
        ("福州市鼓楼区", "鼓楼区"),
        ("福建省福州市鼓楼区", "鼓楼区"),
        ("福州 鼓楼区", "鼓楼区"),
        ("　仓山　", "仓山区"),
        ("长乐市", "长乐区"),
        ("福清", "福清市"),
        ("闽清县", "闽清县"),
        ("永泰", "永泰县"),
        ("平潭县", "平潭综合实验区"),
        ("高新区", "高新区"),
        ("厦门市思明区", "厦门市思明区"),
        ("福州市", "福州市"),
        ("", ""),
    ],
)
def test_a_district_is_read_as_fuzhous_district_it_names(typed: str, district: str) -> None:
    from shenbao.core.fieldkinds import district_name

    assert district_name(typed) == district
