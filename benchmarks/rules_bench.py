"""Rules benchmarks: one profile's full preview (the desktop recomputes it on every keystroke; target
≤ 2 ms), and `shenbao preview --profiles` over 2,000 profiles against a plain hand-written loop doing the
same reading, judging and writing (target: within 2×). Run: .venv/bin/python benchmarks/rules_bench.py"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "fixtures" / "domain" / "examples"

PLAIN_LOOP = r"""
import datetime as dt, json, sys
from pathlib import Path
from shenbao.core.model import load_profile_file
from shenbao.core.rules import rules
engine, as_of, out = rules(), dt.date(2026, 11, 22), sys.stdout.buffer
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    pv = engine.preview(load_profile_file(path), as_of)
    out.write(json.dumps({"file": path.name, "results": [r.to_dict() for r in pv.results]}, ensure_ascii=False).encode() + b"\n")
"""


def profiles() -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8"))["profile"] for p in sorted(EXAMPLES.glob("case-*.json"))
    ]


def bench_one_preview() -> dict[str, float]:
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    engine = rules()
    parsed = [parse_profile(p) for p in profiles()]
    as_of = dt.date(2026, 11, 22)
    samples = []
    for _ in range(300):
        for p in parsed:
            t0 = time.perf_counter()
            engine.preview(p, as_of)
            samples.append(time.perf_counter() - t0)
    raw = profiles()[1]
    with_parse = []
    for _ in range(300):
        t0 = time.perf_counter()
        engine.preview(parse_profile(raw), as_of)
        with_parse.append(time.perf_counter() - t0)
    return {
        "preview_median_ms": statistics.median(samples) * 1000,
        "preview_p95_ms": sorted(samples)[int(len(samples) * 0.95)] * 1000,
        "parse_and_preview_median_ms": statistics.median(with_parse) * 1000,
    }


def bench_batch(count: int = 2000) -> dict[str, float]:
    base = profiles()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(count):
            (folder / f"p{i:05d}.json").write_text(
                json.dumps(base[i % len(base)], ensure_ascii=False), encoding="utf-8"
            )

        def timed(cmd: list[str]) -> float:
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
                best = min(best, time.perf_counter() - t0)
            return best

        command = timed(
            [
                sys.executable,
                "-m",
                "shenbao",
                "preview",
                "--profiles",
                tmp,
                "--as-of",
                "2026-11-22",
                "--format",
                "jsonl",
            ]
        )
        plain = timed([sys.executable, "-c", PLAIN_LOOP, tmp])
    return {"batch_2000_command_s": command, "batch_2000_plain_loop_s": plain, "batch_ratio": command / plain}


def main() -> None:
    r = {**bench_one_preview(), **bench_batch()}
    rows = [
        ("one profile's full preview (median)", f"{r['preview_median_ms']:.2f} ms", "≤ 2 ms"),
        ("one profile's full preview (95th percentile)", f"{r['preview_p95_ms']:.2f} ms", ""),
        ("parse + preview of one profile", f"{r['parse_and_preview_median_ms']:.2f} ms", ""),
        ("`shenbao preview --profiles`, 2,000 profiles", f"{r['batch_2000_command_s']:.2f} s", ""),
        ("plain hand-written loop, same 2,000 profiles", f"{r['batch_2000_plain_loop_s']:.2f} s", ""),
        ("command ÷ plain loop", f"{r['batch_ratio']:.2f}×", "≤ 2×"),
    ]
    if "--rows" in sys.argv:
        print(json.dumps(rows, ensure_ascii=False))
        return
    for name, value, target in rows:
        print(f"{name:<48} {value:>10}  {target}")


if __name__ == "__main__":
    main()
