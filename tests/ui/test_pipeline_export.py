"""申报进度 (the park's pipeline) through its real widgets on a real store: districts typed as people type
them are one district each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shenbao.core import register as reg
from tests.register.helpers import infra_profile
from tests.store.factory import make_uscc
from tests.ui.conftest import tenant

AS_OF = dt.date(2026, 9, 10)  # fz2024's compute window is open
VOUCHER = "fj2025.compute_voucher"
TYPED = ["鼓楼", "鼓楼区", "福州市鼓楼区", " 仓山 ", "仓山区", "高新区", "台江"]
FORMULA = '=HYPERLINK("http://x","点我")科技有限公司'


@pytest.fixture
def view(qtbot: Any, store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Seven tenants of one park spreadsheet (one named like a formula), a compute operator, and two
    declarations: one awarded 120,000.50 and paid 50,000, one submitted."""
    from shenbao.core.model import parse_profile
    from shenbao.ui import done_message
    from shenbao.ui.context import AppContext
    from shenbao.ui.pipeline_view import PipelineView

    docs = []
    for i, district in enumerate(TYPED):
        doc = tenant(40 + i, compute_purchase_amount=[60000, 100000, 250000.5, 2500000][i % 4])
        doc["enterprise"]["district"] = district
        if i == 3:
            doc["enterprise"]["name"] = FORMULA
        docs.append(parse_profile(doc))
    store.save_profiles(docs)
    store.save_profile(infra_profile())
    awarded, _ = reg.generate(store, make_uscc(42), VOUCHER, tmp_path / "1.pdf", as_of=AS_OF)
    for state, sums in (
        ("submitted", {}),
        ("selected", {"awarded": "120000.50"}),
        ("paid", {"received": "50000"}),
    ):
        reg.set_state(store, awarded.id, state, **sums)
    submitted, _ = reg.generate(store, make_uscc(45), VOUCHER, tmp_path / "2.pdf", as_of=AS_OF)
    reg.set_state(store, submitted.id, "submitted")
    monkeypatch.setattr(done_message, "opener", lambda url: True)
    ctx = AppContext(store.folder, store=store, as_of=AS_OF)
    widget = PipelineView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=20000):
        widget.refresh()
    yield widget
    ctx.store = None  # the store fixture closes it


def tenants(view: Any) -> list[Any]:
    from shenbao.core.pipeline import pipeline

    return pipeline(view.ctx.store, AS_OF)


def figures(f: Any) -> list[Any]:
    """core.pipeline's Figures in the view's column order: counts as int, amounts as Decimal."""
    from shenbao.ui.pipeline_view import FIGURE_HEADERS

    return [getattr(f, key) for key, _title in FIGURE_HEADERS]


def test_districts_typed_differently_are_one_district_each(view: Any) -> None:
    """Grouped by district, 鼓楼, 鼓楼区 and 福州市鼓楼区 are one row, 鼓楼区, with the three tenants'
    figures and the operator's (typed 鼓楼区); 高新区 stays as typed."""
    from shenbao.core.pipeline import totals_by_district
    from shenbao.ui.style import format_yuan

    view.group_box.setCurrentIndex(view.group_box.findData("district"))
    rows = {row[0]: row[1:] for row in view.model.table()[1:]}
    assert sorted(rows) == sorted(["鼓楼区", "仓山区", "台江区", "高新区"])
    by_district = totals_by_district(tenants(view))
    assert sorted(by_district) == sorted(rows)
    for district, total in by_district.items():
        assert rows[district] == [
            format_yuan(v) if isinstance(v, Decimal) else str(v) for v in figures(total)
        ]
    gulou = [t for t in tenants(view) if t.district == "鼓楼区"]
    assert len(gulou) == 4 and rows["鼓楼区"][5] == "1"  # the one awarded is 福州市鼓楼区's
    view.state_box.setCurrentIndex(view.state_box.findData("submitted"))
    assert [row[0] for row in view.model.table()[1:]] == ["高新区"]
