"""Work started from a window that is closed before it reports: the park view and the 申报进度 are
deleted when closed, and closing one within the 300 ms before its export's progress dialog showed took
the export's operation with it. It never reported back: `running()` stayed 1 for good, quitting always
asked 「仍有导入或导出在进行」 and Python's cycle collector stayed off for the rest of the session. Now the
work is cancelled, leaves no file, and is counted off; the collector is on again."""

from __future__ import annotations

import datetime as dt
import gc
import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from tests.ui.conftest import save_tenants

AS_OF = dt.date(2026, 3, 10)


@pytest.fixture
def stored(store: Any) -> Any:
    return save_tenants(store, 20)


def _view(qtbot: Any, store: Any, which: str) -> Any:
    """The view as the main window opens it: a window of its own, deleted when closed."""
    from PySide6.QtCore import Qt

    from shenbao.ui import done_message
    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView
    from shenbao.ui.pipeline_view import PipelineView

    done_message.opener = lambda url: True  # type: ignore[assignment]
    context = AppContext(store.folder, store=store, as_of=AS_OF)
    view = ParkView(context) if which == "park" else PipelineView(context)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    view.resize(1200, 600)
    with qtbot.waitSignal(view.loaded, timeout=30000):
        view.show()
        if which == "pipeline":
            view.refresh()
    return view


def _close(view: QWidget) -> None:
    view.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(view)


@pytest.mark.parametrize("which", ["park", "pipeline"])
def test_an_export_whose_window_closes_before_it_starts_is_cancelled_and_counted_off(
    qtbot: Any, stored: Any, tmp_path: Path, one_thread: Any, which: str
) -> None:
    from shenbao.ui.workers import running

    view = _view(qtbot, stored, which)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "园区.xlsx"
    op = view.export_csv(out)  # the pool's one thread is busy: the export waits behind it
    assert op is not None and running() == 1 and not gc.isenabled()
    _close(view)  # before the progress dialog is up
    one_thread.release.set()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    qtbot.waitUntil(gc.isenabled, timeout=5000)  # the cycles are collected again
    assert list(folder.iterdir()) == []  # cancelled: nothing under the name chosen, nothing half-written


@pytest.mark.parametrize("which", ["park", "pipeline"])
def test_an_export_whose_window_closes_while_it_writes_leaves_no_file(
    qtbot: Any, stored: Any, tmp_path: Path, monkeypatch: Any, one_thread: Any, which: str
) -> None:
    from PySide6.QtCore import Qt

    from shenbao.core.store import tables
    from shenbao.ui.workers import running

    monkeypatch.setattr(tables, "PROGRESS_ROWS", 5, raising=False)  # told every 5 rows of these 22

    view = _view(qtbot, stored, which)
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "园区.xlsx"
    writing, go_on = threading.Event(), threading.Event()

    def hold(*_told: Any) -> None:  # on the worker's thread, as it tells its first progress
        writing.set()
        go_on.wait(30)

    exported: list[str] = []
    view.exported.connect(exported.append)
    op = view.export_csv(out)  # the pool's one thread is busy: the export waits until it is held
    op._bridge.progress.connect(hold, Qt.ConnectionType.DirectConnection)
    one_thread.release.set()  # (connected after it began, its first rows could pass unheld, written whole)
    assert writing.wait(30)
    _close(view)
    go_on.set()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    assert list(folder.iterdir()) == [] and exported == []


def test_the_todo_panel_closed_while_it_gathers_counts_its_work_off(
    qtbot: Any, stored: Any, one_thread: Any
) -> None:
    from PySide6.QtCore import Qt

    from shenbao.ui.context import AppContext
    from shenbao.ui.todo_panel import TodoPanel
    from shenbao.ui.workers import running

    panel = TodoPanel(AppContext(stored.folder, store=stored, as_of=AS_OF))
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    panel.show()
    panel.refresh()  # gathered off the UI thread, without a progress dialog: it may take seconds
    assert running() == 1
    _close(panel)
    one_thread.release.set()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    qtbot.waitUntil(gc.isenabled, timeout=5000)


def test_waiting_for_work_ends_when_its_window_is_deleted(qtbot: Any, one_thread: Any) -> None:
    """wait_for (the invoices read for a wizard's page) returns nothing rather than waiting for good."""
    from PySide6.QtCore import QTimer

    from shenbao.ui.workers import running, wait_for

    window = QWidget()
    window.show()
    ran: list[bool] = []

    def close_it() -> None:
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        one_thread.release.set()

    QTimer.singleShot(0, close_it)
    assert wait_for(lambda _task: ran.append(True), parent=window, label="正在读取发票…") == []
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    assert ran == []  # cancelled before it started: it never ran


@pytest.mark.parametrize("which", ["park", "pipeline"])
def test_a_second_export_waits_until_the_first_has_written(
    qtbot: Any, stored: Any, tmp_path: Path, one_thread: Any, which: str
) -> None:
    """A gathering that finished while an export ran enabled 导出表格 again in 申报进度: a second export to
    the same name ran at once, and the last to finish won."""
    from shenbao.ui.workers import running

    view = _view(qtbot, stored, which)
    qtbot.addWidget(view)
    out = tmp_path / "园区.xlsx"
    button = view.csv_button if which == "park" else view.export_button
    exported: list[str] = []
    view.exported.connect(exported.append)
    op = view.export_csv(out)  # waits behind the pool's busy thread
    assert op is not None and not button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=30000):  # the tenants gathered again meanwhile
        view.refresh() if which == "pipeline" else view.reload()
    assert not button.isEnabled()
    assert view.export_csv(out) is None and running() == 1  # refused while the first runs
    one_thread.release.set()
    qtbot.waitUntil(lambda: running() == 0, timeout=30000)
    assert exported == [str(out)] and button.isEnabled()
