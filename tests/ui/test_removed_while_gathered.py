"""A tenant removed by another program (`shenbao profiles rm`) while the park view judges, or the 申报进度
gathers, the tenants: that tenant is skipped and its row dropped, the others judged and totalled, instead
of the whole judging stopping on a warning that the enterprise does not exist."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from tests.store.factory import shenbao
from tests.ui.conftest import tenant

AS_OF = dt.date(2026, 3, 10)


def _many(store: Any, count: int) -> None:
    from shenbao.core.model import parse_profile

    store.save_profiles(
        parse_profile(
            tenant(100 + i, compute_purchase_amount=100000 + 1000 * i, compute_subsidy_year_index=1)
        )
        for i in range(count)
    )


def _warnings(monkeypatch: Any) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: said.append(a[2])))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    return said


def test_the_park_view_skips_a_tenant_removed_while_it_judges(
    qtbot: Any, store: Any, data_dir: Path, monkeypatch: Any
) -> None:
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules
    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView

    said = _warnings(monkeypatch)
    _many(store, 120)
    view = ParkView(AppContext(store.folder, store=store, as_of=AS_OF))
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view._slices.stop()  # held between two slices
    view._judge_slice()
    assert view._waiting and len(view._waiting) < 121
    gone = list(view._waiting)[-1]
    removed = shenbao(data_dir, "profiles", "rm", gone, SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr

    with qtbot.waitSignal(view.loaded, timeout=20000) as done:
        view.show()
        view._slices.start()
    assert said == []
    assert done.args == [120]
    assert gone not in {t.uscc for t in view.model.everyone}
    assert view.model.rowCount() == 120 and all(t.judged for t in view.model.everyone)
    assert view.count_label.text() == "显示 120 / 120 家企业"
    engine = rules()
    direct = [engine.preview(parse_profile(store.get_profile(t.uscc)), AS_OF) for t in view.tenants]
    total_column = view.proxy.columnCount() - 1
    assert view.totals.total(total_column)[0] == sum((p.totals().counted for p in direct), Decimal(0))


def test_the_pipeline_skips_a_tenant_removed_while_it_gathers(
    qtbot: Any, store: Any, data_dir: Path, monkeypatch: Any
) -> None:
    from shenbao.core import pipeline as core
    from shenbao.ui.context import AppContext
    from shenbao.ui.pipeline_view import PipelineView

    said = _warnings(monkeypatch)
    _many(store, 120)
    view = PipelineView(AppContext(store.folder, store=store, as_of=AS_OF))
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    done: list[int] = []
    view.loaded.connect(done.append)
    view.refresh()
    view._slices.stop()  # held between two slices
    view._gather_slice()
    assert view._waiting and len(view._waiting) < 121
    gone = list(view._waiting)[-1]
    removed = shenbao(data_dir, "profiles", "rm", gone, SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr

    view._slices.start()
    qtbot.waitUntil(lambda: done != [], timeout=20000)
    assert said == []
    assert done == [120] and view.model.rowCount() == 120
    assert gone not in {t.uscc for t in view.tenants}
    assert view.count_label.text() == "120 / 120 家企业"
    assert "汇总中…" not in {view.model.index(r, 1).data() for r in range(120)}
    total = core.grand_total(core.pipeline(store, AS_OF))
    assert view.totals.table()[1][0] == "合计"
    assert view.totals.rows[0][2][1] == int(total.eligible_amount * 100)
    assert view.export_button.isEnabled()
