"""The park view's and the 申报进度's 导出表格 of thousands of tenants: the pipeline wrote its .xlsx on the
UI thread (5,000 tenants: the window still for about a second, no progress, no cancel), and the park view
worked out every row on the UI thread before its progress dialog came (0.7–0.9 s). Both now work out and
write the rows off the UI thread, telling their progress, and 取消 leaves no file under the name chosen."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QPushButton

from tests.ui.conftest import HeldThread, save_tenants

AS_OF = dt.date(2026, 3, 10)
COUNT = 120


@pytest.fixture
def stored(store: Any) -> Any:
    return save_tenants(store, COUNT)


def _view(qtbot: Any, store: Any, which: str) -> Any:
    from shenbao.ui import done_message
    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView
    from shenbao.ui.pipeline_view import PipelineView

    done_message.opener = lambda url: True  # type: ignore[assignment]
    context = AppContext(store.folder, store=store, as_of=AS_OF)
    view = ParkView(context) if which == "park" else PipelineView(context)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    with qtbot.waitSignal(view.loaded, timeout=30000):
        view.show()
        if which == "pipeline":
            view.refresh()
    return view


def _button(view: Any) -> Any:
    return view.csv_button if hasattr(view, "csv_button") else view.export_button


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("which", ["park", "pipeline"])
def test_the_table_is_written_off_the_ui_thread_and_a_cancel_leaves_no_file(
    qtbot: Any, stored: Any, tmp_path: Path, one_thread: Any, monkeypatch: Any, which: str, suffix: str
) -> None:
    from shenbao.core.store import tables
    from shenbao.ui.workers import running

    monkeypatch.setattr(
        tables, "PROGRESS_ROWS", 25, raising=False
    )  # the progress told every 25 rows of these 120
    view = _view(qtbot, stored, which)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"园区{suffix}"
    exported: list[str] = []
    view.exported.connect(exported.append)

    op = view.export_csv(out)  # the pool's one thread is busy: the export waits behind it
    assert op is not None and running() == 1
    assert not out.exists() and not _button(view).isEnabled()  # nothing written on the UI thread
    qtbot.wait(50)  # the window answers meanwhile
    op.dialog.findChild(QPushButton).click()  # 取消 in the progress dialog
    one_thread.release.set()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    assert not out.exists() and list(folder.iterdir()) == [] and exported == []
    assert _button(view).isEnabled()

    told: list[tuple[int, int]] = []
    busy = HeldThread()
    QThreadPool.globalInstance().start(busy.runnable)
    op = view.export_csv(out)
    op._bridge.progress.connect(lambda done, total, _text: told.append((done, total)))
    busy.release.set()
    qtbot.waitUntil(lambda: exported != [], timeout=30000)
    assert exported == [str(out)] and _button(view).isEnabled()
    assert len(told) >= COUNT // 25 and told == sorted(told, key=lambda t: t[0] / t[1])  # onward, in steps
    if suffix == ".csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    else:
        from openpyxl import load_workbook

        rows = [[c.value for c in row] for row in load_workbook(out).active.iter_rows()]
    assert len(rows) == 1 + COUNT + 1 + 1  # header, every tenant (and the store's own), totals
    assert str(rows[-1][0]).startswith("合计")
    assert [p.name for p in folder.iterdir()] == [out.name]
