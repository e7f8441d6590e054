"""The enterprise list's search over 10,000 enterprises, keystroke by keystroke, as park staff type.

Measures the Qt filter (EnterpriseFilterProxy over EnterpriseTableModel) per keystroke, and the store's
own search (LIKE over name, code, city and district) on a real SQLite file of 10,000 enterprises.
Run: .venv/bin/python benchmarks/list_filter_bench.py [--rows]"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT)]
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ["SHENBAO_PASSPHRASE"] = "benchmark passphrase"

COUNT = 10_000
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "连江县"]
WORDS = ["星河", "闽江", "榕城", "鼓山", "海峡", "智算", "模型", "数据", "芯片", "视觉"]
TYPED = ["鼓", "鼓楼", "鼓楼 星", "鼓楼 星河", "9", "913", "91350", "9135010", "海峡智"]


def rows() -> list:
    from tests.store.factory import make_uscc

    from shenbao.core.store.repository import EnterpriseRow

    return [
        EnterpriseRow(
            uscc=make_uscc(i),
            name=f"福州{WORDS[i % 10]}{WORDS[(i // 10) % 10]}科技有限公司{i}",
            org_type="enterprise",
            city="福州市",
            district=DISTRICTS[i % len(DISTRICTS)],
            updated_at="2026-11-20T10:00:00+08:00",
            updated_by="staff",
            declarations=i % 3,
        )
        for i in range(COUNT)
    ]


def qt_filter_ms() -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from shenbao.ui.enterprise_model import EnterpriseFilterProxy, EnterpriseTableModel

    app = QApplication.instance() or QApplication([])  # noqa: F841
    model = EnterpriseTableModel()
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows())
    samples = []
    for _ in range(5):
        for text in [*TYPED, ""]:
            t0 = time.perf_counter()
            proxy.set_query(text)
            proxy.rowCount()
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000, max(samples) * 1000


def store_search_ms() -> float:
    from tests.store.factory import make_profile

    from shenbao.core.model import parse_profile
    from shenbao.core.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp), daily_backup=False) as store:
        store.save_profiles([parse_profile(make_profile(i, engineers=0)) for i in range(COUNT)])
        samples = []
        for text in TYPED:
            t0 = time.perf_counter()
            store.list_enterprises(text)
            samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> None:
    median, worst = qt_filter_ms()
    search = store_search_ms()
    table = [
        (f"list filter over {COUNT:,} enterprises, per keystroke (median)", f"{median:.1f} ms", "< 16 ms"),
        (f"list filter over {COUNT:,} enterprises, per keystroke (worst)", f"{worst:.1f} ms", ""),
        (f"store search (LIKE) over {COUNT:,} enterprises (median)", f"{search:.1f} ms", ""),
    ]
    if "--rows" in sys.argv:
        print(json.dumps(table, ensure_ascii=False))
        return
    for name, value, target in table:
        print(f"{name:<60} {value:>10}  {target}")


if __name__ == "__main__":
    main()
