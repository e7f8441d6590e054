"""The window is drawn on the UI thread alone (`shenbao.ui.app.paint_on_one_thread`): Qt's raster engine
would otherwise hand its larger fills to a pool of threads of its own and wait for them. Each window is
drawn in a process of its own, as the pool is made once per process, and the threads the process has
once the frame is drawn are read from the system by name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.factory import REPO

DRAW = r"""
import glob, json, sys
from PySide6.QtWidgets import QApplication, QTableWidget

if sys.argv[1] == "app":
    from shenbao.ui.app import create_application
    app = create_application(language="zh_CN")
else:
    app = QApplication([])
table = QTableWidget(400, 6)  # its scroll bars' grooves are fills of hundreds of spans
table.resize(900, 700)
table.show()
for _ in range(3):
    app.processEvents()
picture = table.grab().toImage()
names = [open(f, encoding="utf-8").read().strip() for f in glob.glob("/proc/self/task/*/comm")]
print(json.dumps({"threads": names, "width": picture.width()}))
"""


def drawn(how: str, cache: Path, **env_overrides: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env.update(PYTHONPATH=str(REPO / "desktop"), QT_QPA_PLATFORM="offscreen", SHENBAO_CACHE_DIR=str(cache))
    env.update(env_overrides)
    out = subprocess.run(
        [sys.executable, "-c", DRAW, how], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads are read from /proc")
def test_the_app_draws_without_qts_pool_of_painting_threads(tmp_path: Path) -> None:
    plain = drawn("plain", tmp_path)
    if not any("pooled" in name for name in plain["threads"]):  # type: ignore[union-attr]
        pytest.skip(f"this Qt draws the table on one thread anyway: {plain['threads']}")
    app = drawn("app", tmp_path)
    assert app["width"] == plain["width"] == 900
    assert not any("pooled" in name for name in app["threads"]), app["threads"]  # type: ignore[union-attr]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads are read from /proc")
def test_a_users_own_setting_of_the_pool_is_left_as_it_is(tmp_path: Path) -> None:
    """A value set before the app starts stays (Qt leaves its pool unmade whatever the value is)."""
    script = "import os; from shenbao.ui.app import paint_on_one_thread as p; p(); print(os.environ['QT_NO_GUI_THREADPOOL'])"
    env = dict(os.environ, PYTHONPATH=str(REPO / "desktop"), QT_NO_GUI_THREADPOOL="yes")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "yes"
