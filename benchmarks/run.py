"""`make bench`: every benchmark in one run, printed as one table (copy it into RESULTS.md), each figure
beside the stored baseline (benchmarks/baseline.json) and its ratio to it.

Each benchmark script prints its rows as JSON with --rows: [label, value, target], or
[label, value, target, [number, unit]] (or [number, unit, "higher"] when more is better). The number is
what is compared with the baseline; a 3-element row is compared when its value starts with a number and
a unit ("211 ms", "1.63×", "71 KB"). A figure more than the tolerance worse than its baseline is a
regression: it is marked in the table and the run exits 1.

    benchmarks/run.py                      every benchmark, compared with the baseline
    benchmarks/run.py --only rules store   some of them
    benchmarks/run.py --update-baseline    store this run's figures as the new baseline
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
TOLERANCE = 0.30  # the shared 2-core machine moves figures by 10–20 % from run to run
SCRIPTS = [
    ("start-up", "startup_bench.py"),
    ("rules", "rules_bench.py"),
    ("printing", "pdf_bench.py"),
    ("store", "store_import.py"),
    ("park import", "park_import_bench.py"),
    ("desktop list", "list_filter_bench.py"),
    ("park view", "park_bench.py"),
]
LEADING_FIGURE = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ms|s|µs|KB|KiB|MB|×|%)(?![A-Za-z])")


def machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def figure(row: list) -> tuple[float, str, bool] | None:
    """The comparable number of a row: (value, unit, higher is better), or None when it has none."""
    if len(row) > 3 and row[3]:
        number, unit, *rest = row[3]
        return float(number), str(unit), bool(rest and rest[0] == "higher")
    found = LEADING_FIGURE.match(str(row[1]))
    if not found:
        return None
    return float(found.group(1).replace(",", "")), found.group(2), False


def compare(
    current: float, unit: str, higher: bool, stored: dict | None, tolerance: float
) -> tuple[str, str, bool]:
    """(baseline cell, ratio cell, regressed) for one figure."""
    if not stored:
        return "—", "new", False
    if stored.get("unit") != unit or not stored.get("value"):
        return f"{stored.get('value')} {stored.get('unit')}", "unit changed", False
    base = float(stored["value"])
    ratio = current / base
    worse = ratio < 1 / (1 + tolerance) if higher else ratio > 1 + tolerance
    cell = f"{ratio:.2f}" + (" **regressed**" if worse else "")
    return f"{base:g} {unit}", cell, worse


def run_script(script: str) -> tuple[list[list], str | None]:
    path = HERE / script
    if not path.exists():
        return [], "missing"
    run = subprocess.run(
        [sys.executable, str(path), "--rows"], capture_output=True, text=True, encoding="utf-8"
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("[")]
    if not lines:
        return [], run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "no rows"
    rows = json.loads(lines[-1])
    return rows, (None if run.returncode == 0 else f"exit {run.returncode} (a target not met)")


def load_baseline() -> dict:
    try:
        return json.loads(BASELINE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"figures": {}}


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Run every benchmark and compare it with the stored baseline."
    )
    parser.add_argument(
        "--only", nargs="+", metavar="AREA_OR_SCRIPT", help="run only these (area or script name)"
    )
    parser.add_argument(
        "--update-baseline", action="store_true", help="store this run's figures as the baseline"
    )
    parser.add_argument(
        "--tolerance", type=float, default=None, help=f"allowed worsening (default {TOLERANCE})"
    )
    args = parser.parse_args()

    baseline = load_baseline()
    figures: dict = baseline.setdefault("figures", {})
    tolerance = args.tolerance if args.tolerance is not None else float(baseline.get("tolerance", TOLERANCE))
    chosen = [
        (area, script)
        for area, script in SCRIPTS
        if not args.only
        or area in args.only
        or script in args.only
        or script.removesuffix(".py") in args.only
    ]
    print(f"Machine: {machine()}")
    if figures:
        print(
            f"Baseline: {baseline.get('date', '?')} on {baseline.get('machine', '?')}; tolerance {tolerance:.0%}"
        )
    print("\n| area | measure | value | target | baseline | ÷ baseline |")
    print("|---|---|---|---|---|---|")
    failed, regressed, fresh = [], [], {}
    for area, script in chosen:
        rows, error = run_script(script)
        if error:
            failed.append(f"{script}: {error}")
        for row in rows:
            label, value, target = row[0], row[1], row[2]
            key = f"{area} | {label}"
            found = figure(row)
            base_cell, ratio_cell = "", ""
            if found:
                number, unit, higher = found
                base_cell, ratio_cell, worse = compare(number, unit, higher, figures.get(key), tolerance)
                if worse:
                    regressed.append(key)
                fresh[key] = {"value": number, "unit": unit, **({"higher": True} if higher else {})}
            print(f"| {area} | {label} | {value} | {target} | {base_cell} | {ratio_cell} |")
    for line in failed:
        print(f"\n{line}", file=sys.stderr)
    for key in regressed:
        print(f"regressed beyond {tolerance:.0%}: {key}", file=sys.stderr)
    if args.update_baseline:
        figures.update(fresh)
        baseline.update(machine=machine(), date=dt.date.today().isoformat(), tolerance=tolerance)
        BASELINE.write_text(
            json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"\nbaseline updated: {len(fresh)} figures in {BASELINE.name}")
        return 1 if failed else 0
    return 1 if failed or regressed else 0


if __name__ == "__main__":
    sys.exit(main())
