"""A long park-table import says how far it is — reading, checking, writing — on the command line
(--progress, or a terminal) and to the app, and it stays one transaction that readers do not wait for:
a second process listing the enterprises while the import writes sees the store as it was, whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shenbao.core.store import Store
from shenbao.core.store.imports import CHECKING, READING, apply_plan, plan_import, read_incoming
from shenbao.core.store.tables import write_table

from .factory import make_uscc, shenbao

ROWS = 2500


def park_table(path: Path, first: int, count: int) -> Path:
    documents = [
        {
            "enterprise": {
                "name": f"福州闽江智算{i}科技有限公司",
                "uscc": make_uscc(i),
                "city": "福州市",
                "district": ["鼓楼区", "台江区", "仓山区"][i % 3],
            },
            "facts": {"compute_purchase_amount": 250000 + i, "core_engineer_count": i % 20},
        }
        for i in range(first, first + count)
    ]
    return write_table(path, documents)


def test_the_command_reports_each_phase_with_progress_and_nothing_without(tmp_path: Path) -> None:
    table = park_table(tmp_path / "园区.csv", 1, ROWS)
    quiet = shenbao(tmp_path / "a", "import", str(table))
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr.splitlines() == [f"导入完成：新增 {ROWS} 家，更新 0 家，保留已有 0 家"]

    told = shenbao(tmp_path / "b", "import", str(table), "--progress")
    assert told.returncode == 0, told.stderr
    lines = told.stderr.splitlines()
    phases = [line.split()[0] for line in lines[:-1]]
    assert phases == sorted(phases, key=["读取", "检查", "写入"].index)  # in order, each at least once
    assert set(phases) == {"读取", "检查", "写入"}
    assert "读取 1,000 行" in lines[0] or "读取 999 行" in lines[0]
    assert lines[-2].endswith(f"{ROWS:,}/{ROWS:,}") and lines[-2].startswith("写入")
    assert any(line.startswith("检查") and line.endswith(f"{ROWS:,}/{ROWS:,}") for line in lines)
    assert lines[-1] == quiet.stderr.strip()
    assert "\r" not in told.stderr  # not a terminal: whole lines, no bar redrawn in place
    listed = json.loads(shenbao(tmp_path / "b", "profiles", "list", "--format", "json").stdout)
    assert len(listed) == ROWS


def test_reading_and_checking_tell_the_app_how_far_they_are(tmp_path: Path) -> None:
    table = park_table(tmp_path / "园区.csv", 1, ROWS)
    told: list[tuple[str, int, int]] = []
    incoming, rejected = read_incoming([table], lambda: None, lambda *step: told.append(step))
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        plan_import(store, incoming, rejected, lambda *step: told.append(step))
    reading = [done for phase, done, total in told if phase == READING]
    checking = [(done, total) for phase, done, total in told if phase == CHECKING]
    assert reading == [999, 1999]
    assert told.index((READING, 1999, 0)) < told.index((CHECKING, *checking[0]))  # read, then checked
    assert checking[-1] == (ROWS, ROWS) and len(checking) <= 101
    assert [d for d, _ in checking] == sorted(d for d, _ in checking)


def listing(data: Path) -> tuple[int, list[dict[str, Any]]]:
    """`shenbao profiles list` in another process (were it to wait for the writer, its timeout fails it)."""
    run = shenbao(data, "profiles", "list", "--format", "json")
    return run.returncode, json.loads(run.stdout or "[]")


def test_a_reader_in_another_process_sees_the_store_whole_while_an_import_writes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert shenbao(data, "import", str(park_table(tmp_path / "已有.csv", 1, 20))).returncode == 0
    table = park_table(tmp_path / "园区.csv", 100, 600)
    incoming, rejected = read_incoming([table], lambda: None)
    seen: list[tuple[int, int, list[str]]] = []

    def midway(done: int, total: int) -> None:
        if not seen and done >= total // 2:
            code, rows = listing(data)
            seen.append((done, code, [r["uscc"] for r in rows]))

    with Store.open(data, daily_backup=False) as store:
        plan = plan_import(store, incoming, rejected)
        report = apply_plan(store, plan, progress=midway)
    assert len(report.added) == 600
    [(done, code, codes)] = seen
    assert 300 <= done < 600  # the listing ran with half the rows written, inside the transaction
    assert code == 0 and sorted(codes) == sorted(make_uscc(i) for i in range(1, 21))  # none of the new
    code, rows = listing(data)
    assert code == 0 and len(rows) == 620
