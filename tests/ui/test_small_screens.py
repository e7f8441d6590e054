"""A laptop at 1366×768 or 1280×720, in Chinese and in English: every window and dialog opens no larger
than the screen's available area, the main window keeps its enterprise list (names readable), editor,
status bar and 填写申报 button on screen, its money fields wide enough for a sum in the tens of millions
with the editor never scrolling sideways, and every wizard's 下一步, 取消 and 完成 stay reachable.

Each size runs in a child process on an offscreen screen of that size (the offscreen platform's
`configfile`), through tests/ui/fit_probe.py, which also saves a picture of each window to look at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.core.policies import shipped_catalogue

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1366, 768), (1280, 720)]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_window_fits_a_small_screen(tmp_path: Path, language: str, width: int, height: int) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}),
        encoding="utf-8",
    )
    out, shots = tmp_path / "fit.json", tmp_path / "shots"
    shots.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "desktop"), str(ROOT)]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_probe", language, str(tmp_path / "data"), str(out), str(shots)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["screen"] == [width, height]
    windows = report["windows"]
    wizards = [name for name in windows if name.startswith("wizard ") and not name.endswith(" review")]
    assert len(wizards) == len(shipped_catalogue().measures)
    assert {"main", "library", "park", "register", "todo", "pipeline", "about", "settings"} <= set(windows)
    for name, seen in windows.items():
        w, h = seen["size"]
        x, y = seen["pos"]
        assert w <= width and h <= height, f"{name}: {w}×{h}"
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height, f"{name} at {x},{y}"
        assert all(seen["reachable"].values()), f"{name}: {seen['reachable']}"
        assert (shots / f"{name}.png").is_file()
    assert set(windows["main"]["reachable"]) == {"status bar", "enterprise list", "editor", "wizard button"}
    assert windows["main"]["names readable"] is True
    assert windows["main"]["sums whole"] is True  # no money field squeezed beside a long label
    assert windows["main"]["editor scrolls sideways"] is False
