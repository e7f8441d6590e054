"""The park's 申报进度 view over 5,000 tenants: what gathering the pipeline costs, how soon the view opened
shows its first rows, how long it takes to gather every tenant and the longest pause of the UI thread
meanwhile (a 16 ms timer), and what a sort (by the name and by a figure) and a change of filter or
grouping cost, with the totals row: the model, the view's layout and the totals, Qt's drawing held back.

The tenants are park_bench's (made once per run in a temporary folder); core.pipeline gathers them once
and the view is given its rows directly. `--against FILE` times another version of pipeline_view.py on
the same rows in the same run (e.g. `git show main:desktop/shenbao/ui/pipeline_view.py > old.py`).

Target: a sort or a filter under one 60 Hz frame (16 ms). The machine is shared: figures carry the
1-minute load average at the start and the end of the run.
Run: .venv/bin/python benchmarks/pipeline_bench.py [--tenants N] [--against FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT)]

from benchmarks.park_bench import AS_OF, TENANTS, load, make_park  # noqa: E402


def view_module(path: str | None):
    if path is None:
        from shenbao.ui import pipeline_view

        return pipeline_view
    spec = importlib.util.spec_from_file_location("other_pipeline_view", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def loading(app, module, context) -> dict[str, float]:
    """The view opened and refreshed as the window does: how soon its first rows are there, how long every
    tenant takes, and the longest pause of the UI thread meanwhile, as a timer ticking every 16 ms sees it
    (ms, s, ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    view = module.PipelineView(context)
    view.resize(1400, 800)
    view.show()
    app.processEvents()
    done: list[int] = []
    view.loaded.connect(done.append)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    ticks.append(start)
    view.refresh()
    first = None
    while not done:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if first is None and view.model.rowCount():
            first = time.perf_counter() - start
    took = time.perf_counter() - start
    ticks.append(time.perf_counter())
    timer.stop()
    view.close()
    longest = max(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    return {"first_ms": (first or took) * 1000, "all_s": took, "pause_ms": longest * 1000}


def timings(app, module, context, tenants: list, repeats: int = 5) -> dict[str, tuple[float, float]]:
    """(median, worst) in ms of each kind of change, the drawing held back."""
    from PySide6.QtCore import Qt

    view = module.PipelineView(context)
    view.resize(1400, 800)
    view.show()
    # what the worker thread works out beside the pipeline, where the view has it do so
    ready = (
        (module.in_fen([t.figures for t in tenants]), module.in_groups(tenants))
        if hasattr(module, "in_groups")
        else ()
    )
    start = time.perf_counter()
    view.show_tenants(tenants, *ready)
    app.processEvents()
    shown = (time.perf_counter() - start) * 1000

    def timed(action) -> float:
        view.setUpdatesEnabled(False)
        start = time.perf_counter()
        action()
        app.processEvents()
        [view.totals.index(0, c).data() for c in range(view.totals.columnCount())]
        took = time.perf_counter() - start
        view.setUpdatesEnabled(True)
        app.processEvents()
        return took * 1000

    out: dict[str, list[float]] = {}
    descending, ascending = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder
    state = view.state_box.findData("submitted")
    group = view.group_box
    for _ in range(repeats):
        for what, column in (("name", 0), ("an amount", 2)):
            for order in (descending, ascending):
                out.setdefault(f"sort by {what}", []).append(
                    timed(lambda c=column, o=order: view.table.sortByColumn(c, o))
                )
        for what, action in (
            ("a state", lambda: view.state_box.setCurrentIndex(state)),
            ("every state again", lambda: view.state_box.setCurrentIndex(0)),
            ("open windows only", lambda: view.window_box.setChecked(True)),
            ("every window again", lambda: view.window_box.setChecked(False)),
            ("group by measure", lambda: group.setCurrentIndex(group.findData("measure"))),
            ("group by district", lambda: group.setCurrentIndex(group.findData("district"))),
            ("group by tenant again", lambda: group.setCurrentIndex(group.findData("tenant"))),
        ):
            out.setdefault(f"filter: {what}", []).append(timed(action))
    view.close()
    result = {what: (statistics.median(t), max(t)) for what, t in out.items()}
    result["rows given to the view (UI thread)"] = (shown, shown)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=TENANTS)
    parser.add_argument("--against", help="another pipeline_view.py to time on the same rows")
    args = parser.parse_args()
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda *_args: None)
    from shenbao.core.pipeline import pipeline
    from shenbao.core.store import Store
    from shenbao.ui.app import create_application
    from shenbao.ui.context import AppContext

    app = create_application(language="zh_CN")
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_park(Path(tmp) / "park", args.tenants)
        before = load()
        with Store.open(folder, daily_backup=False) as store:
            context = AppContext(folder, store=store, as_of=AS_OF)
            start, cpu = time.perf_counter(), time.process_time()
            tenants = pipeline(store, AS_OF)
            gathered, gathered_cpu = time.perf_counter() - start, time.process_time() - cpu
            modules = {"this": view_module(None)}
            if args.against:
                modules["against"] = view_module(args.against)
            opened = {name: loading(app, module, context) for name, module in modules.items()}
            versions = {name: timings(app, module, context, tenants) for name, module in modules.items()}
        after = load()
    print(f"{args.tenants:,} tenants, load {before:.1f}–{after:.1f}")
    print(f"  pipeline(store, as_of): {gathered:.1f} s, CPU {gathered_cpu:.1f} s")
    for name, got in opened.items():
        print(
            f"  opened ({name}): first rows {got['first_ms']:.0f} ms, every tenant {got['all_s']:.1f} s,"
            f" longest pause of the UI thread {got['pause_ms']:.0f} ms"
        )
    for what in versions["this"]:
        figures = "   ".join(
            f"{name}: {median:7.1f} / {worst:7.1f} ms"
            for name, (median, worst) in ((name, got[what]) for name, got in versions.items())
        )
        print(f"  {what:34s} {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
