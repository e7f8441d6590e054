"""Every model of the app passes qtmodeltester, and the proxy filters the way a user types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from shenbao.core.store.repository import Store
from shenbao.ui.enterprise_model import USCC_ROLE, EnterpriseFilterProxy, EnterpriseTableModel
from tests.ui.conftest import saved_profile


def _rows(data_dir: Path, count: int) -> list[Any]:
    with Store.open(data_dir) as store:
        for i in range(count):
            store.save_profile(saved_profile(i))
        return store.list_enterprises()


def test_enterprise_model_and_proxy_pass_the_model_tester(qtmodeltester: Any, data_dir: Path) -> None:
    model = EnterpriseTableModel()
    model.set_rows(_rows(data_dir, 5))
    qtmodeltester.check(model)
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("台江")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2


def test_proxy_matches_every_word_against_name_code_and_district(data_dir: Path) -> None:
    model = EnterpriseTableModel()
    model.set_rows(_rows(data_dir, 6))
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("测试3")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["福州测试3科技有限公司"]
    proxy.set_query(saved_profile(4)["enterprise"]["uscc"][-6:].lower())  # part of the code, any case
    assert proxy.rowCount() == 1
    assert proxy.uscc_at(proxy.index(0, 0)) == saved_profile(4)["enterprise"]["uscc"]
    proxy.set_query("福州市 鼓楼")
    assert proxy.rowCount() == 3
    proxy.set_query("")
    assert proxy.rowCount() == 6
    assert proxy.index_of(saved_profile(5)["enterprise"]["uscc"]).isValid()


def test_enterprise_model_shows_region_and_declarations(data_dir: Path) -> None:
    model = EnterpriseTableModel()
    model.set_rows(_rows(data_dir, 1))
    assert model.data(model.index(0, model.DISTRICT)) == "福州市鼓楼区"
    assert model.data(model.index(0, model.DECLARATIONS)) == 0
    assert model.data(model.index(0, 0), USCC_ROLE) == saved_profile(0)["enterprise"]["uscc"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "企业（单位）名称"
    assert "统一社会信用代码" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_a_column_s_sort_keys_are_worked_out_once_a_listing(data_dir: Path, monkeypatch: Any) -> None:
    """Sorting by a column again (the other way, or back to it) reuses its places in the collation; a new
    listing works them out again, and the order is the collation's either way."""
    from shenbao.ui import enterprise_model

    rows = _rows(data_dir, 6)
    worked: list[int] = []
    real = enterprise_model.ranks
    monkeypatch.setattr(enterprise_model, "ranks", lambda texts: worked.append(len(texts)) or real(texts))
    model = EnterpriseTableModel()
    model.set_rows(rows)
    names = lambda: [model.data(model.index(r, 0)) for r in range(model.rowCount())]  # noqa: E731
    model.sort(model.NAME, Qt.SortOrder.DescendingOrder)
    down = names()
    model.sort(model.USCC, Qt.SortOrder.AscendingOrder)
    model.sort(model.NAME, Qt.SortOrder.AscendingOrder)
    assert names() == down[::-1] and names() == [saved_profile(i)["enterprise"]["name"] for i in range(6)]
    assert worked == [6, 6]  # the names' places once, the codes' once
    model.set_rows(rows[:3])
    assert worked == [6, 6, 3] and names() == [saved_profile(i)["enterprise"]["name"] for i in range(3)]
