"""The park view over thirty tenants that park staff typed into a GBK spreadsheet and imported with the
real `shenbao import`: districts spelt as people spell them are one district each."""

from __future__ import annotations

import csv
from collections import Counter
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
