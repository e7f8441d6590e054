"""Enterprise names sort by pinyin (the zh_CN collation), not by code point, in the list, the register
and the park view alike; a character with two readings (长 in 长沙) goes where the collation puts it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from shenbao.ui.collation import name_key
from tests.ui.conftest import saved_profile

NAMES = ["重庆智算有限公司", "长沙智算有限公司", "北京智算有限公司", "阿里智算有限公司", "中国智算有限公司"]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_collation_orders_by_pinyin_not_by_code_point() -> None:
    ordered = sorted(NAMES, key=name_key)
    assert ordered != sorted(NAMES)  # by code point 中 (U+4E2D) would come first
    assert (
        ordered.index("阿里智算有限公司")
        < ordered.index("北京智算有限公司")
        < ordered.index("重庆智算有限公司")
    )
    assert ordered[-1] == "中国智算有限公司"  # zhong, last


def column(view: Any, col: int) -> list[str]:
    model = view.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_list_the_register_and_the_park_sort_names_alike(qtbot, window) -> None:
    for i, name in enumerate(NAMES, 1):
        doc = saved_profile(i)
        doc["enterprise"]["name"] = name
        window.store.save_profile(doc)
    window.reload()
    expected = sorted(NAMES, key=name_key)
    table = window.enterprises.table
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(table, 0) == expected

    park = window.windows.park()
    qtbot.waitUntil(lambda: park.model.rowCount() == len(NAMES), timeout=20000)
    park.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(park.table, 0) == expected
    park.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column(park.table, 0) == expected[::-1]
    park.close()


def test_the_register_sorts_names_by_pinyin() -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from shenbao.ui.register_view import SORT_ROLE, StateFilter

    source = QStandardItemModel()
    for name in NAMES:
        item = QStandardItem(name)
        item.setData(name, SORT_ROLE)
        source.appendRow(item)
    proxy = StateFilter()
    proxy.setSourceModel(source)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == sorted(NAMES, key=name_key)


def test_the_list_sorts_every_column_both_ways_and_keeps_the_chosen_enterprise(qtbot, window) -> None:
    for i, name in enumerate([*NAMES, NAMES[0]], 1):  # the same name twice: the store's order between them
        doc = saved_profile(i)
        doc["enterprise"]["name"] = name
        window.store.save_profile(doc)
    window.reload()
    table, listing = window.enterprises.table, window.enterprises
    listing.select(saved_profile(3)["enterprise"]["uscc"])
    rows = window.store.list_enterprises()
    districts = {r.uscc: f"{r.city}{r.district}" for r in rows}
    for col, key in (
        (0, lambda r: name_key(r.name)),
        (1, lambda r: name_key(r.uscc)),
        (2, lambda r: name_key(districts[r.uscc])),
    ):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(col, order)
            expected = sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            assert listing.codes() == [r.uscc for r in expected], (col, order)
            assert listing.proxy.uscc_at(table.currentIndex()) == saved_profile(3)["enterprise"]["uscc"]
    listing.search.setText("重庆")  # the name given twice
    qtbot.waitUntil(lambda: len(listing.codes()) == 2)
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(table, 0) == ["重庆智算有限公司"] * 2
    assert listing.codes() == sorted(listing.codes(), key=name_key, reverse=True)
