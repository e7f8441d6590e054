"""The app's own bundle imported back into the folder it came from: nothing it holds differs from what is
stored, so nothing is written — the register keeps its numbers (申报 #1 stays #1), its events and
payments, and the import says the enterprises are unchanged, not replaced."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import cli_env, shenbao

pytestmark = pytest.mark.slow

BUNDLE_PASSPHRASE = "园区交接口令 2026"
DEMO = """
import datetime as dt, sys
from shenbao.ui.demo import add_demo_declarations, prepare_demo_folder
from shenbao.core.store.repository import Store
folder = prepare_demo_folder(sys.argv[1])
with Store.open(folder, daily_backup=False) as store:
    assert add_demo_declarations(store, dt.date(2026, 3, 1)) == 5
"""


def stored_state(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the data folder's database but the change log."""
    with sqlite3.connect(folder / "shenbao.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()  # noqa: S608
            for table in tables
            if table != "changes"
        }


def test_the_apps_own_bundle_imported_back_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "park"
    made = subprocess.run(
        [sys.executable, "-c", DEMO, str(data)],
        env=cli_env(data),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    before = stored_state(data)
    assert len(before["declarations"]) == 5 and before["declaration_payments"]

    bundle = tmp_path / "园区.shenbao"
    done = shenbao(
        data, "export", "--out", str(bundle), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert done.returncode == 0, done.stderr

    again = shenbao(
        data, "import", str(bundle), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert again.returncode == 0, again.stderr
    assert "新增 0 家，更新 0 家，保留已有 0 家，不变 3 家" in again.stderr
    assert stored_state(data) == before
