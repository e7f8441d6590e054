"""`make bench`: every benchmark in one run, printed as one table (copy it into RESULTS.md).

Each benchmark script prints its rows as JSON with --rows: [label, value, target]."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("start-up", "startup_bench.py"),
    ("rules", "rules_bench.py"),
    ("printing", "pdf_bench.py"),
    ("store", "store_import.py"),
    ("desktop list", "list_filter_bench.py"),
]


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


def main() -> int:
    print(f"Machine: {machine()}\n")
    print("| area | measure | value | target |")
    print("|---|---|---|---|")
    failed = []
    for area, script in SCRIPTS:
        path = HERE / script
        if not path.exists():
            failed.append(f"{script}: missing")
            continue
        run = subprocess.run(
            [sys.executable, str(path), "--rows"], capture_output=True, text=True, encoding="utf-8"
        )
        lines = [line for line in run.stdout.splitlines() if line.startswith("[")]
        if run.returncode != 0 or not lines:
            failed.append(
                f"{script}: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else 'no rows'}"
            )
            continue
        for label, value, target in json.loads(lines[-1]):
            print(f"| {area} | {label} | {value} | {target} |")
    for line in failed:
        print(f"\n{line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
