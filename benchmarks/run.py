"""`make bench`: every benchmark in one run, printed as one table (copy it into RESULTS.md), each figure
beside the stored baseline (benchmarks/baseline.json) and its ratio to it.

Each benchmark script prints its rows as JSON with --rows: [label, value, target], or
[label, value, target, [number, unit]] (or [number, unit, "higher"] when more is better). The number is
what is compared with the baseline; a 3-element row is compared when its value starts with a number and
a unit ("211 ms", "1.63×", "71 KB"). A figure more than the tolerance worse than its baseline is a
regression: its benchmark is run a second time (a shared machine slows for minutes at a time), each of
its figures taken as the better of the two runs, and what is still worse is marked in the table and the
run exits 1.

The baseline holds a stored run for each machine (its processor, cores and Python); on a machine it does
not hold, the newest stored run is the baseline. Every time is first divided by how much slower this
machine is today than it was for the stored run, which the reference figures tell: plain programs measured
in the same run (a bare PySide6 window, a straight-line evaluator of the rules, a minimal reportlab
script), compared with the same programs in the stored run. This is done on the stored machine too: a
virtual machine of the same processor and cores is not the same speed from one day to the next (one
named "AMD EPYC, 2 cores" imported the same 100,000-row table in 12.1 s one day and 6.2 s another). Sizes
and ratios are compared as they are.

    benchmarks/run.py                      every benchmark, compared with the baseline
    benchmarks/run.py --only rules store   some of them
    benchmarks/run.py --update-baseline    store this run's figures as this machine's baseline
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

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
TIME_UNITS = {"ms", "s", "µs"}
# Plain programs measured beside the app in the same run, each doing the kind of work its area does: how
# fast the machine is. Another machine's baseline is compared after its times are scaled by them.
REFERENCES = {
    "start-up | bare PySide6 QMainWindow, launch → first frame grabbed": "bare window",
    "rules | straight-line evaluator, same 2,000 profiles, same bytes": "straight-line evaluator",
    "printing | minimal reportlab script, same font, one-page table": "minimal reportlab script",
}
LEADING_FIGURE = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ms|s|µs|KB|KiB|MB|×|%)(?![A-Za-z])")


def machine() -> dict[str, Any]:
    """What the figures were measured on: the processor's model, its cores and Python's version name the
    machine (a kernel's build changes from one boot of a virtual machine to the next and is only shown)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    python = platform.python_version()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": ".".join(python.split(".")[:2]),
        "description": f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {python}",
    }


def same_machine(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(a.get(k) == b.get(k) for k in ("cpu", "cores", "python"))


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
    current: float, unit: str, higher: bool, stored: dict | None, tolerance: float, speed: float | None
) -> tuple[str, str, bool]:
    """(baseline cell, ratio cell, regressed) for one figure. `speed` is how much slower this machine is
    than the baseline's run (None: the baseline's machine, with no reference figure in this run: times
    compared as they are); a time is divided by it before it is judged, and with no measure of it on
    another machine (0) a time is shown against the baseline but not judged."""
    if not stored:
        return "—", "new", False
    if stored.get("unit") != unit or not stored.get("value"):
        return f"{stored.get('value')} {stored.get('unit')}", "unit changed", False
    base = float(stored["value"])
    ratio = current / base
    cell = f"{ratio:.2f}"
    if speed is not None and unit in TIME_UNITS:
        if not speed:
            return f"{base:g} {unit}", f"{cell} (not judged)", False
        ratio /= speed
        cell = f"{ratio:.2f} ({cell} unscaled)"
    worse = ratio < 1 / (1 + tolerance) if higher else ratio > 1 + tolerance
    return f"{base:g} {unit}", cell + (" **regressed**" if worse else ""), worse


def speed_against(measured: dict[str, dict], stored: dict[str, dict]) -> tuple[float, list[str]]:
    """How much slower this machine is than the baseline's (above 1) or faster (below 1): the geometric
    mean of the reference figures' ratios, each a plain program doing the kind of work its area does
    (0 when no reference was measured in this run); and the ratios, to print."""
    ratios = {
        name: measured[key]["value"] / stored[key]["value"]
        for key, name in REFERENCES.items()
        if key in measured
        and stored.get(key, {}).get("value")
        and measured[key]["unit"] == stored[key]["unit"]
    }
    if not ratios:
        return 0.0, []
    speed = math.prod(ratios.values()) ** (1 / len(ratios))
    return speed, [f"{name} {ratio:.2f}" for name, ratio in ratios.items()]


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
        stored = json.loads(BASELINE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    stored.setdefault("machines", [])
    return stored


def chosen_baseline(baseline: dict, here: dict[str, Any]) -> tuple[dict | None, bool]:
    """This machine's stored run, or else the newest stored run of another machine; and whether it is
    this machine's."""
    runs = baseline["machines"]
    for run in runs:
        if same_machine(run, here):
            return run, True
    newest = max(runs, key=lambda run: run.get("date", ""), default=None)
    return newest, False


def gather(chosen: list[tuple[str, str]], runs: dict[str, list[list]]) -> tuple[list[tuple], dict[str, dict]]:
    """Each script's rows as (area, row, key, figure), and the comparable figures by key."""
    measured, fresh = [], {}
    for area, script in chosen:
        for row in runs.get(script, []):
            key = f"{area} | {row[0]}"
            found = figure(row)
            if found:
                number, unit, higher = found
                fresh[key] = {"value": number, "unit": unit, **({"higher": True} if higher else {})}
            measured.append((area, row, key, found))
    return measured, fresh


def judged(
    measured: list[tuple], figures: dict[str, dict], tolerance: float, speed: float | None
) -> tuple[list[str], list[str]]:
    """The table's lines and the keys of the figures worse than their baseline beyond the tolerance."""
    lines, regressed = [], []
    for area, row, key, found in measured:
        base_cell, ratio_cell = "", ""
        if found and key in REFERENCES and speed is not None:
            stored_value = figures.get(key, {}).get("value")
            base_cell = f"{stored_value:g} {found[1]}" if stored_value else "—"
            ratio_cell = "reference"
        elif found:
            number, unit, higher = found
            base_cell, ratio_cell, worse = compare(number, unit, higher, figures.get(key), tolerance, speed)
            if worse:
                regressed.append(key)
        lines.append(f"| {area} | {row[0]} | {row[1]} | {row[2]} | {base_cell} | {ratio_cell} |")
    return lines, regressed


def better_rows(first: list[list], second: list[list]) -> list[list]:
    """Each row of the first run, or the same row of the second where its figure is better (lower, or
    higher where more is better); a row only one run has is kept as it is."""
    again = {row[0]: row for row in second}
    out = []
    for row in first:
        other = again.get(row[0])
        mine, theirs = figure(row), figure(other) if other is not None else None
        if mine and theirs and mine[1] == theirs[1]:
            better = theirs[0] > mine[0] if mine[2] else theirs[0] < mine[0]
            out.append(other if better else row)
        else:
            out.append(row)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Run every benchmark and compare it with the stored baseline."
    )
    parser.add_argument(
        "--only", nargs="+", metavar="AREA_OR_SCRIPT", help="run only these (area or script name)"
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="store this run's figures as this machine's baseline",
    )
    parser.add_argument(
        "--tolerance", type=float, default=None, help=f"allowed worsening (default {TOLERANCE})"
    )
    args = parser.parse_args()

    baseline = load_baseline()
    here = machine()
    base, same = chosen_baseline(baseline, here)
    figures: dict = base["figures"] if base else {}
    tolerance = args.tolerance if args.tolerance is not None else float(baseline.get("tolerance", TOLERANCE))
    chosen = [
        (area, script)
        for area, script in SCRIPTS
        if not args.only
        or area in args.only
        or script in args.only
        or script.removesuffix(".py") in args.only
    ]
    failed, runs = [], {}
    for _area, script in chosen:
        print(f"running {script} …", file=sys.stderr, flush=True)
        rows, error = run_script(script)
        if error:
            failed.append(f"{script}: {error}")
        runs[script] = rows

    def assess() -> tuple[dict, float | None, list[str], list[str], list[str]]:
        measured, fresh = gather(chosen, runs)
        speed, parts = speed_against(fresh, figures) if base else (None, [])
        if same and not speed:
            speed = None  # the baseline's machine, no reference in this run: compared as they are
        return fresh, speed, parts, *judged(measured, figures, tolerance, speed)

    fresh, speed, parts, lines, regressed = assess()
    again = [(area, script) for area, script in chosen if any(k.startswith(f"{area} | ") for k in regressed)]
    if again and not args.update_baseline:
        # a shared machine slows for minutes at a time: a regression is one that a second run repeats
        for _area, script in again:
            print(f"running {script} again (a figure was marked) …", file=sys.stderr, flush=True)
            rows, _error = run_script(script)
            runs[script] = better_rows(runs[script], rows)
        fresh, speed, parts, lines, regressed = assess()

    print(f"Machine: {here['description']}")
    if base:
        print(
            f"Baseline: {base.get('date', '?')} on {base.get('description', '?')}; tolerance {tolerance:.0%}"
        )
        if speed:
            print(
                f"{'This machine' if same else 'Another machine'}: {speed:.2f}× the baseline's times by the"
                f" reference figures ({', '.join(parts)}; their geometric mean); each time is divided by"
                f" {speed:.2f} before it is compared."
                + ("" if same else " Store this machine's own baseline with --update-baseline.")
            )
        elif speed is not None:
            print(
                "Another machine, and no reference figure in this run to scale by: times are shown"
                " against the baseline but not judged (run every benchmark, or store this machine's"
                " own baseline with --update-baseline)."
            )
    if again and not args.update_baseline:
        names = ", ".join(script for _area, script in again)
        print(
            f"Run twice, a figure of theirs having been marked: {names}; each figure is the better of its two runs."
        )
    print("\n| area | measure | value | target | baseline | ÷ baseline |")
    print("|---|---|---|---|---|---|")
    print("\n".join(lines))
    for line in failed:
        print(f"\n{line}", file=sys.stderr)
    for key in regressed:
        print(f"regressed beyond {tolerance:.0%}: {key}", file=sys.stderr)
    if args.update_baseline:
        mine = base if same and base else {"figures": {}}
        if mine is not base:
            baseline["machines"].append(mine)
        mine["figures"].update(fresh)
        mine.update({k: v for k, v in here.items()}, date=dt.date.today().isoformat())
        baseline["tolerance"] = tolerance
        BASELINE.write_text(
            json.dumps(baseline, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"\nbaseline updated: {len(fresh)} figures of this machine in {BASELINE.name}")
        return 1 if failed else 0
    return 1 if failed or regressed else 0


if __name__ == "__main__":
    sys.exit(main())
