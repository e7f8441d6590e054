"""The register window open while the command records on the same declaration: a change the window's
user makes then is checked against what is stored, and once refused the window shows what is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shenbao.core import register as reg
from tests.store.factory import shenbao
from tests.ui.conftest import USCC, tenant

AS_OF = dt.date(2026, 11, 22)
VOUCHER = "fj2025.compute_voucher"


@pytest.fixture
def ctx(data_dir: Path, no_keyring: None) -> Iterator[Any]:
    from shenbao.core.store import Store
    from shenbao.ui.context import AppContext

    store = Store.open(data_dir, daily_backup=False)
    store.save_profile(tenant(compute_purchase_amount=250000, compute_subsidy_year_index=1))
    yield AppContext(store.folder, store=store, as_of=AS_OF)
    store.close()


def test_a_change_refused_after_payments_recorded_elsewhere_shows_them(
    qtbot: Any, ctx: Any, data_dir: Path, tmp_path: Path
) -> None:
    from shenbao.ui.register_view import RECEIVED, STATE, RegisterView

    done, _ = reg.generate(ctx.store, USCC, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.select(done.id)
    for args in (("submitted",), ("selected", "--awarded", "100000"), ("paid", "--received", "90,000")):
        run = shenbao(data_dir, "declarations", "set-state", str(done.id), *args)
        assert run.returncode == 0, run.stderr

    panel = view.detail
    panel.next_state.setCurrentIndex(panel.next_state.findData("submitted"))  # as the window still offers
    panel.record_button.click()

    assert "当前为已拨付" in panel.message.text()
    # was: the row and the panel still read 已生成 with nothing paid beside the refusal
    assert view.proxy.index(0, STATE).data() == "已拨付"
    assert view.proxy.index(0, RECEIVED).data() == "90,000.00"
    assert "已拨付 90,000.00 元" in panel.summary.text()
    assert [panel.next_state.itemData(i) for i in range(panel.next_state.count())] == ["paid"]
    assert reg.entry(ctx.store, done.id).received == 90000
