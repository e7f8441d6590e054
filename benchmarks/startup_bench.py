"""Desktop benchmarks, run on this machine in one go:

1. Start-up: time from launching the process to the main window shown, for `shenbao gui` against a
   bare PySide6 QMainWindow started the same way (target: at most 2×, aim 1.5×). Also reported: when
   the app has finished loading (store open, list read, editor and preview built, rules compiled).
2. The preview's recompute on an edit: one keystroke's worth of work, from the editor's undo command
   through validation, the rules and the model update (target: under one 60 Hz frame, 16 ms), and the
   same with the repaint that follows.

Run: .venv/bin/python benchmarks/startup_bench.py [--runs N]   (offscreen unless QT_QPA_PLATFORM is set)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1360, 840)
window.show()
app.processEvents()
sys.stdout.write("shown\n"); sys.stdout.flush()
"""


def _launch(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each marker line the process prints ("shown", "loaded")."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    marks: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        marks[line.split()[0]] = time.perf_counter() - start
    proc.wait()
    if proc.returncode != 0 or "shown" not in marks:
        raise SystemExit(f"{argv}: exit {proc.returncode}, marks {marks}")
    return marks


def startup(runs: int) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["SHENBAO_SETTINGS"] = str(Path(tmp) / "settings.ini")
        data = Path(tmp) / "data"
        app_argv = [sys.executable, "-m", "shenbao", "gui", "--data-dir", str(data), "--exit-after-show"]
        bare_argv = [sys.executable, "-c", BARE]
        _launch(app_argv, env)  # warm the disk cache and create the data folder
        _launch(bare_argv, env)
        bare, shown, loaded = [], [], []
        for _ in range(runs):
            bare.append(_launch(bare_argv, env)["shown"])
            marks = _launch(app_argv, env)
            shown.append(marks["shown"])
            loaded.append(marks["loaded"])
    return {
        "bare_ms": statistics.median(bare) * 1000,
        "app_shown_ms": statistics.median(shown) * 1000,
        "app_loaded_ms": statistics.median(loaded) * 1000,
        "ratio_shown": statistics.median(shown) / statistics.median(bare),
    }


def recompute(edits: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import datetime as dt

    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(
        lambda _kind, _ctx, msg: None if "propagateSizeHints" in msg else print(msg, file=sys.stderr)
    )

    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules
    from shenbao.ui.app import create_application
    from shenbao.ui.preview_panel import PreviewPanel
    from shenbao.ui.profile_editor import ProfileEditor

    app = create_application(language="zh_CN")
    engine = rules()
    editor = ProfileEditor()
    panel = PreviewPanel(
        lambda doc, as_of: engine.preview(parse_profile(doc), as_of), today=lambda: dt.date(2026, 11, 22)
    )
    editor.document_changed.connect(panel.show_document)
    example = REPO / "tests" / "fixtures" / "domain" / "examples" / "case-001.json"
    if example.exists():
        editor.load(json.loads(example.read_text(encoding="utf-8"))["profile"])
    panel.resize(700, 800)
    panel.show()
    panel.select_measure("fz2024.compute_use")
    app.processEvents()
    work, painted = [], []
    for i in range(edits):
        text = str(1_000_000 + i * 1000)
        start = time.perf_counter()
        editor.set_text("facts.compute_purchase_amount", text)
        middle = time.perf_counter()
        app.processEvents()
        end = time.perf_counter()
        work.append(middle - start)
        painted.append(end - start)
    assert panel.preview.result("fz2024.compute_use").status == "eligible"
    return {
        "edit_median_ms": statistics.median(work) * 1000,
        "edit_p95_ms": sorted(work)[int(len(work) * 0.95)] * 1000,
        "edit_and_paint_median_ms": statistics.median(painted) * 1000,
        "edit_and_paint_p95_ms": sorted(painted)[int(len(painted) * 0.95)] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-ups of each kind (default 9)")
    parser.add_argument("--edits", type=int, default=300, help="edits for the recompute timing")
    parser.add_argument("--rows", action="store_true", help="print the rows for make bench as JSON")
    args = parser.parse_args()
    start = startup(args.runs)
    if args.rows:
        edit = recompute(args.edits)
        print(
            json.dumps(
                [
                    ["bare PySide6 QMainWindow, launch → shown", f"{start['bare_ms']:.0f} ms", "reference"],
                    [
                        "shenbao gui, launch → shown",
                        f"{start['app_shown_ms']:.0f} ms ({start['ratio_shown']:.2f}× bare)",
                        "≤ 2× bare, aim 1.5×",
                    ],
                    ["shenbao gui, launch → fully loaded", f"{start['app_loaded_ms']:.0f} ms", "—"],
                    [
                        "preview recompute on an edit (median / p95)",
                        f"{edit['edit_median_ms']:.1f} / {edit['edit_p95_ms']:.1f} ms",
                        "< 16 ms",
                    ],
                    [
                        "… with the repaint (median / p95)",
                        f"{edit['edit_and_paint_median_ms']:.1f} / {edit['edit_and_paint_p95_ms']:.1f} ms",
                        "< 16 ms",
                    ],
                ],
                ensure_ascii=False,
            )
        )
        return 0 if start["ratio_shown"] <= 2 and edit["edit_p95_ms"] < 16 else 1
    print(f"start-up, launch → window shown (median of {args.runs}):")
    print(f"  bare PySide6 QMainWindow  {start['bare_ms']:7.1f} ms")
    print(
        f"  shenbao gui               {start['app_shown_ms']:7.1f} ms  ({start['ratio_shown']:.2f}× bare; "
        f"target ≤ 2×, aim 1.5×)"
    )
    print(
        f"  shenbao gui fully loaded  {start['app_loaded_ms']:7.1f} ms  (store, list, editor, preview, rules)"
    )
    edit = recompute(args.edits)
    print(f"preview recompute per edit (median / p95 of {args.edits}; target < 16 ms):")
    print(f"  edit → preview updated    {edit['edit_median_ms']:6.2f} / {edit['edit_p95_ms']:6.2f} ms")
    print(
        f"  … and repainted           {edit['edit_and_paint_median_ms']:6.2f} / {edit['edit_and_paint_p95_ms']:6.2f} ms"
    )
    ok = start["ratio_shown"] <= 2 and edit["edit_p95_ms"] < 16
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
