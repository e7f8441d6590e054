"""申报进度 (the park's pipeline) through its real widgets on a real store: districts typed as people type
them are one district each, and its export is a table a spreadsheet adds up (amounts as numbers of 元
from the Decimals, names that look like formulas kept as text), as .csv or .xlsx."""

from __future__ import annotations

import csv
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


def exported(qtbot: Any, view: Any, path: Path) -> Path:
    """The export as 导出表格 runs it, off the UI thread, waited for until it says it is written."""
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export_csv(path)
    return path


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel opens it as Chinese
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_csv_has_amounts_as_numbers_of_yuan_from_the_decimals(
    qtbot: Any, view: Any, tmp_path: Path
) -> None:
    """Each tenant's amounts as plain numbers of 元 (120000.50, not 「120,000.50」), equal to core's
    Decimals and adding up to the totals line; the name that looks like a formula cannot run."""
    from shenbao.core.pipeline import grand_total

    out = exported(qtbot, view, tmp_path / "园区申报进度.csv")
    rows = read_csv(out)
    header, body, total = rows[0], rows[1:-1], rows[-1]
    money = [c for c, title in enumerate(header) if "金额" in title or "已拨付" in title or "叠加" in title]
    assert len(money) == 4 and all(header[c].endswith("（元）") for c in money)
    by_name = {t.name: t for t in tenants(view)}
    assert sorted(r[0] for r in body) == sorted(("'" + n if n == FORMULA else n) for n in by_name)
    for row in body:
        core = figures(by_name[row[0].removeprefix("'")].figures)
        assert [Decimal(v) if c in money else int(v) for c, v in enumerate(row[1:], 1)] == core, row
        assert all("," not in row[c] and row[c] == f"{Decimal(row[c]):.2f}" for c in money)
    assert total[0] == "合计"
    assert [Decimal(v) for v in total[1:]] == figures(grand_total(tenants(view)))
    awarded = next(row for row in body if row[0] == "福州测试42智能科技有限公司")
    assert [awarded[c] for c in money[2:]] == ["120000.50", "50000.00"]
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "-", "@"))]


def test_the_xlsx_has_numbers_a_sum_adds_and_names_as_text(qtbot: Any, view: Any, tmp_path: Path) -> None:
    """Grouped by measure and filtered, as shown: amounts number cells of 元 formatted #,##0.00, counts
    whole numbers, equal to core's totals per measure; text cells text, never a formula."""
    from openpyxl import load_workbook

    from shenbao.core.pipeline import grand_total, totals_by_measure

    view.group_box.setCurrentIndex(view.group_box.findData("measure"))
    view.window_box.setChecked(True)
    out = exported(qtbot, view, tmp_path / "园区申报进度.xlsx")
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows())
    header, body, total = [c.value for c in rows[0]], rows[1:-1], rows[-1]
    assert header[0] == "措施" and header[2] == "可申报金额（元）" and len(body) == view.model.rowCount()
    kept = [t for t in tenants(view) if t.open_windows]
    by_measure = totals_by_measure(kept)
    measures = [m for _label, m, *_rest in view.model.rows]
    assert sorted(measures) == sorted(by_measure) and len(measures) >= 2
    for row, measure in zip(body, measures, strict=True):
        assert row[0].data_type == "s"
        assert [c.data_type for c in row[1:]] == ["n"] * (len(header) - 1)
        assert [Decimal(str(c.value)) for c in row[1:]] == figures(by_measure[measure])
        assert [c.number_format for c in row[1:]][1:3] == ["#,##0.00", "#,##0.00"]
        assert isinstance(row[1].value, int)
    assert [Decimal(str(c.value)) for c in total[1:]] == figures(grand_total(kept))

    view.window_box.setChecked(False)
    view.group_box.setCurrentIndex(view.group_box.findData("tenant"))
    exported(qtbot, view, out)
    names = [row[0] for row in load_workbook(out).active.iter_rows(min_row=2)]
    formula = next(c for c in names if str(c.value).startswith("="))
    assert formula.value == FORMULA and formula.data_type == "s"
