"""A park table of 100,000 enterprises imported by `shenbao import` (CSV and Excel), and while it runs,
`shenbao profiles list` from another process, again and again: how long the import takes (target under
10 s) and how long each listing waits (target under 0.5 s).

Then the same .csv imported again (`--on-conflict replace`), nothing changed, and once more with every
row's amount changed: what a park does when its table comes back.

The table is made the way a park's would be: Chinese enterprise names, districts of Fujian, valid
统一社会信用代码 (GB 32100, checked by python-stdnum), amounts, counts, dates and yes/no cells, written
by the app's own table export. The data folder already holds 1,000 enterprises, so a listing has rows.

Run: .venv/bin/python benchmarks/park_import_bench.py [--rows] [--count N] [--only csv|xlsx]

`--window` (on demand only, not part of `make bench`) imports the .csv (with `--only xlsx` the .xlsx)
through the app's window instead (File → 导入, offscreen, in a process of its own with a time limit) and
reports the longest pause of the UI thread while the work runs and after it, timed by a 16 ms timer on
that thread; `--stacks FILE` writes every thread's stack there whenever the UI thread stalls for more
than a quarter of a second.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from checkout import command_env  # this folder: the benchmarks' own helper

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop")]
ENV = command_env(
    PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", SHENBAO_PASSPHRASE="benchmark passphrase"
)

PLACES = [
    "福州",
    "厦门",
    "泉州",
    "漳州",
    "莆田",
    "宁德",
    "三明",
    "南平",
    "龙岩",
    "闽江",
    "海峡",
    "鼓山",
    "榕城",
]
CORES = [
    "智算",
    "数智",
    "云图",
    "星河",
    "天枢",
    "睿思",
    "鲲鹏",
    "灵犀",
    "明镜",
    "知行",
    "海纳",
    "启元",
    "量子",
]
TRADES = ["科技", "信息技术", "智能科技", "软件", "数据服务", "网络科技", "人工智能", "电子", "机器人"]
FORMS = ["有限公司", "有限责任公司", "股份有限公司"]
DISTRICTS = ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "连江县", "福清市"]
AS_OF_YEAR = 2026
TABLES_VERSION = 1  # raise when make_document changes


def make_uscc(i: int) -> str:
    from stdnum.cn import uscc

    first = "91350" + ["100", "102", "103", "104", "105", "111", "121", "122", "181"][i % 9] + f"{i:09d}"
    code = first + uscc.calc_check_digit(first)
    assert uscc.is_valid(code)
    return code


def make_document(i: int, rng: random.Random) -> dict[str, Any]:
    name = rng.choice(PLACES) + rng.choice(CORES) + rng.choice(TRADES) + rng.choice(FORMS)
    facts: dict[str, Any] = {
        "compute_purchase_amount": rng.randrange(50_000, 5_000_000, 1000),
        "compute_subsidy_year_index": 1 + i % 3,
        "core_engineer_count": rng.randrange(0, 40),
    }
    if i % 3 == 0:
        facts["infra_domestic_chip_ratio"] = rng.choice([0.2, 0.35, 0.5, 0.8])
        facts["infra_operational_on"] = f"{AS_OF_YEAR - rng.randrange(0, 3)}-{rng.randrange(1, 13):02d}-01"
    return {
        "format": "shenbao-profile/1",
        "enterprise": {
            "name": name if i % 4 else f"{rng.choice(PLACES)}{name}",
            "uscc": make_uscc(i),
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": rng.choice(DISTRICTS),
            "is_ai_enterprise": rng.random() < 0.8,
            "in_ai_backbone_list": rng.random() < 0.1,
        },
        "facts": facts,
    }


def make_tables(count: int) -> dict[str, Path]:
    """The seed table and the park table as CSV and Excel, made once per size and kept in the system's
    temporary folder (writing 100,000 rows to .xlsx takes minutes; the same seed makes the same rows)."""
    from shenbao.core.store.tables import write_table

    folder = Path(tempfile.gettempdir()) / f"shenbao-bench-park-{count}-v{TABLES_VERSION}"
    tables = {"seed": folder / "seed.csv", "csv": folder / "park.csv", "xlsx": folder / "park.xlsx"}
    if all(path.exists() for path in tables.values()):
        return tables
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(16)
    documents = [make_document(i, rng) for i in range(1000, 1000 + count)]
    seed = [make_document(i, rng) for i in range(1000)]
    for key, rows in (("seed", seed), ("csv", documents), ("xlsx", documents)):
        part = tables[key].with_name("part-" + tables[key].name)
        write_table(part, rows)
        part.replace(tables[key])
    return tables


def shenbao(*args: str) -> list[str]:
    return [sys.executable, "-m", "shenbao", *args]


def listing(data: Path) -> tuple[float, int]:
    """(seconds, enterprises listed) of one `shenbao profiles list` process."""
    t0 = time.perf_counter()
    run = subprocess.run(
        shenbao("profiles", "list", "--data-dir", str(data), "--format", "json"), env=ENV, capture_output=True
    )
    if run.returncode != 0:
        raise SystemExit(f"`profiles list` failed: {run.stderr.decode('utf-8', 'replace').strip()[-500:]}")
    return time.perf_counter() - t0, len(json.loads(run.stdout))


# The import runs under this: its CPU time (user and system), told on the last line of standard error,
# says what the import costs when the machine's other work makes its wall time wander.
TIMED = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(f'{u.ru_utime + u.ru_stime:.2f}', file=sys.stderr); "
    "sys.exit(code)"
)


def import_with_readers(table: Path, seed: Path, data: Path) -> dict[str, Any]:
    subprocess.run(
        shenbao("import", str(seed), "--data-dir", str(data)), env=ENV, check=True, capture_output=True
    )
    idle = min(listing(data)[0] for _ in range(3))
    t0 = time.perf_counter()
    job = subprocess.Popen(
        [sys.executable, "-c", TIMED, *shenbao("import", str(table), "--data-dir", str(data), "--progress")],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    waits = []  # listings during the import's transaction: the 1,000 enterprises stored before it
    while job.poll() is None:
        seconds, listed = listing(data)
        if listed == 1000:
            waits.append(seconds)
        time.sleep(0.1)
    took = time.perf_counter() - t0
    stderr = job.stderr.read().decode("utf-8", "replace") if job.stderr else ""
    if job.returncode != 0:
        raise SystemExit(f"import failed: {stderr.strip().splitlines()[-1:]}")
    stderr, _, cpu = stderr.rstrip("\n").rpartition("\n")
    stored = json.loads(
        subprocess.run(
            shenbao("profiles", "list", "--data-dir", str(data), "--format", "json"),
            env=ENV,
            check=True,
            capture_output=True,
        ).stdout
    )
    return {
        "seconds": took,
        "cpu": float(cpu),
        "idle_list": idle,
        "waits": waits,
        "stored": len(stored),
        "progress_lines": stderr.count("\n") + stderr.count("\r"),
    }


def changed_table(table: Path) -> Path:
    """The park's .csv as it comes back a month later: every row's 年度购买算力服务总额 changed."""
    import csv

    changed = table.with_name("changed-" + table.name)
    if changed.exists():
        return changed
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("年度购买算力服务总额（元）")
    for row in rows[1:]:
        row[column] = str(int(row[column] or 0) + 1000)
    part = changed.with_name("part-" + changed.name)
    with part.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    part.replace(changed)
    return changed


def import_again(table: Path, data: Path, says: str) -> dict[str, Any]:
    """`shenbao import --on-conflict replace` of a table whose enterprises the folder holds already:
    what a park does when its table comes back. `says`: what its last line must report."""
    t0 = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            TIMED,
            *shenbao("import", str(table), "--data-dir", str(data), "--on-conflict", "replace"),
        ],
        env=ENV,
        capture_output=True,
    )
    took = time.perf_counter() - t0
    stderr = run.stderr.decode("utf-8", "replace").rstrip("\n")
    stderr, _, cpu = stderr.rpartition("\n")
    if run.returncode != 0 or says not in stderr:
        raise SystemExit(f"the import again did not say {says}: {stderr.strip()[-500:]}")
    return {"seconds": took, "cpu": float(cpu)}


def window_import(table: Path, seed: Path, data: Path, expected: int, stacks: str | None) -> dict[str, Any]:
    """The import of `table` through the window, in a child process (`--window-child`)."""
    subprocess.run(
        shenbao("import", str(seed), "--data-dir", str(data)), env=ENV, check=True, capture_output=True
    )
    child = [sys.executable, __file__, "--window-child", str(table), str(data), str(expected)]
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        child + (["--stacks", stacks] if stacks else []), env=env, capture_output=True, text=True, timeout=300
    )
    if run.returncode != 0 or not run.stdout.strip():
        raise SystemExit(f"the window's import failed: {run.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def _rss_mb() -> float:
    """The process's resident memory in MB (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def window_child(table: str, data: str, expected: int, stacks: str | None) -> int:
    """Runs in the child: the main window on `data`, File → 导入 of `table` as the menu does it, and a
    16 ms timer on the UI thread noting each pause until the list shows `expected` enterprises."""
    import datetime as dt
    import faulthandler

    from PySide6.QtCore import QTimer

    from shenbao.ui import workers
    from shenbao.ui.app import AppSettings, create_application
    from shenbao.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    settings = AppSettings(Path(data).parent / "settings.ini")
    window = MainWindow(Path(data), settings, today=lambda: dt.date(AS_OF_YEAR, 12, 2))
    window.resize(1440, 900)
    window.show()
    window.finish_loading()
    app.processEvents()
    workers.start_up_done()
    assert window.enterprises is not None
    listed = window.enterprises.model
    dump = open(stacks, "w", encoding="utf-8") if stacks else None  # noqa: SIM115 -- open while it runs
    during: list[float] = []  # pauses that ended while work ran
    after: list[float] = []  # pauses that ended once the work had reported
    times: dict[str, float] = {}

    def tick() -> None:
        now = time.perf_counter()
        (during if workers.running() else after).append(now - times["last"])
        times["last"] = now
        if dump is not None:
            faulthandler.dump_traceback_later(0.25, file=dump)
        if "end" not in times and not workers.running() and listed.rowCount() >= expected:
            times["end"] = now - times["start"]
            if dump is not None:
                faulthandler.cancel_dump_traceback_later()
            QTimer.singleShot(500, app.quit)  # the collection after the work, and what follows it

    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(tick)

    def begin() -> None:
        times["start"] = times["last"] = time.perf_counter()
        timer.start()
        window.operations.import_files([table])

    QTimer.singleShot(100, begin)
    QTimer.singleShot(240_000, app.quit)
    load = os.getloadavg()[0]
    cpu = time.process_time()
    blocks = sys.getallocatedblocks()
    app.exec()
    gc.collect()
    kept = sys.getallocatedblocks() - blocks  # Python's memory blocks still held once the import is done
    if dump is not None:
        faulthandler.cancel_dump_traceback_later()
    result = {
        "seconds": times.get("end"),
        "cpu": time.process_time() - cpu,
        "during": max(during, default=0.0),
        "during_over_quarter": sum(p > 0.25 for p in during),
        "after": max(after, default=0.0),
        "listed": listed.rowCount(),
        "kept_blocks": kept,
        "rss_mb": _rss_mb(),
        "load": [load, os.getloadavg()[0]],
    }
    print(json.dumps(result), flush=True)
    os._exit(0)  # the window and its 101,000 rows need no tidying in a throwaway process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", action="store_true", help="print the rows for make bench as JSON")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--only", choices=("csv", "xlsx"))
    parser.add_argument(
        "--window", action="store_true", help="import the .csv (or --only xlsx) through the app's window"
    )
    parser.add_argument("--stacks", metavar="FILE", help="with --window: stacks of the UI thread's stalls")
    parser.add_argument(
        "--window-child", nargs=3, metavar=("TABLE", "DATA", "EXPECTED"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.window_child:
        table, data, expected = args.window_child
        return window_child(table, data, int(expected), args.stacks)
    rows: list[list[Any]] = []
    tables = make_tables(args.count)
    if args.window:
        with tempfile.TemporaryDirectory() as tmp:
            stacks = str(Path(args.stacks).resolve()) if args.stacks else None
            kind = args.only or "csv"
            r = window_import(tables[kind], tables["seed"], Path(tmp) / "data", args.count + 1000, stacks)
        assert r["listed"] == args.count + 1000, r["listed"]
        print(
            f"File → 导入 of a {args.count:,}-row park table (.{kind}), the file chosen → the list showing it:"
        )
        print(
            f"  {r['seconds']:.1f} s ({r['cpu']:.1f} s CPU), load average {r['load'][0]:.2f} → {r['load'][1]:.2f}"
        )
        print(f"  longest pause of the UI thread while the work ran: {r['during']:.2f} s", end="")
        print(f" ({r['during_over_quarter']} over 0.25 s)")
        print(f"  … after it had reported (the list read again, the collection): {r['after']:.2f} s")
        print(
            f"  memory once done: {r['kept_blocks']:,} more Python blocks held than before the import,"
            f" {r['rss_mb']:.0f} MB resident"
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("csv", "xlsx"):
            if args.only and kind != args.only:
                continue
            r = import_with_readers(tables[kind], tables["seed"], folder / f"data-{kind}")
            assert r["stored"] == args.count + 1000, r["stored"]
            waits = r["waits"] or [0.0]
            rows += [
                [
                    f"`shenbao import` of a {args.count:,}-row park table (.{kind})",
                    f"{r['seconds']:.1f} s",
                    "< 10 s",
                    [round(r["seconds"], 2), "s"],
                ],
                [
                    f"… its CPU time (.{kind}, user and system)",
                    f"{r['cpu']:.1f} s",
                    "",
                    [round(r["cpu"], 2), "s"],
                ],
                [
                    f"… `profiles list` meanwhile (.{kind}, median / worst)",
                    f"{statistics.median(waits):.2f} / {max(waits):.2f} s ({len(r['waits'])} calls)",
                    "< 0.5 s",
                    # the median is compared with the baseline: the worst of some fifty listings moves
                    # by half with the machine's other work (0.07 to 0.11 s for the same code)
                    [round(statistics.median(waits), 3), "s"],
                ],
                [
                    f"… `profiles list` before it, 1,000 enterprises (.{kind} run)",
                    f"{r['idle_list']:.2f} s",
                    "",
                    [round(r["idle_list"], 3), "s"],
                ],
            ]
            if kind != "csv":
                continue
            for what, table, says in (
                ("the same .csv again, every row unchanged", tables["csv"], f"不变 {args.count} 家"),
                (
                    "the .csv again, every row's amount changed",
                    changed_table(tables["csv"]),
                    f"更新 {args.count} 家",
                ),
            ):
                again = import_again(table, folder / f"data-{kind}", says)
                rows.append(
                    [
                        f"`shenbao import` of {what}",
                        f"{again['seconds']:.1f} s ({again['cpu']:.1f} s CPU)",
                        "",
                        [round(again["seconds"], 2), "s"],
                    ]
                )
    if args.rows:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for name, value, target, *_ in rows:
        print(f"{name:<64} {value:>14}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
