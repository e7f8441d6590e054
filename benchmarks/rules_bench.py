"""Rules benchmarks: one profile's full judgement (the desktop recomputes it on every keystroke) with and
without its words, and `shenbao preview --profiles` over 2,000 profiles against a straight-line evaluator
doing the same file reading, judging and JSON writing — and writing the same bytes, which the benchmark
checks (target: within 2×). Run: .venv/bin/python benchmarks/rules_bench.py [--rows]"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from checkout import command_env  # this folder: the benchmarks' own helper

REPO = Path(__file__).resolve().parents[1]
CODE = command_env()
EXAMPLES = REPO / "tests" / "fixtures" / "domain" / "examples"
AS_OF = "2026-11-22"

STRAIGHT_LINE = r"""
# A straight-line evaluator: read each file, convert the facts the measures read, judge each measure's
# period, region, applicant and conditions inline, compute the amount with the catalogue's formula,
# write one JSON line of statuses, amounts, reasons and missing facts. No validation, no objects.
import datetime as dt, json, sys
from decimal import Decimal
from pathlib import Path
from shenbao.core.model import DETAIL_DERIVES, ENTERPRISE_FIELDS, FACT_FIELDS
from shenbao.core.policies import catalogue
from shenbao.core.rules.formulas import FormulaInput, Refusal
from shenbao.core.rules.generic import amount_of
cat, as_of, out = catalogue(), dt.date.fromisoformat(sys.argv[2]), sys.stdout.buffer
kinds = {f"enterprise.{k}": s.kind for k, s in ENTERPRISE_FIELDS.items()}
kinds.update({f"facts.{k}": s.kind for k, s in FACT_FIELDS.items()})
measures = []
for m in cat.measures.values():
    doc, rs = cat.documents[m.document], cat.rulesets[m.document]
    params = m.params_at(as_of)
    conds = [(c.fact, c.op, params[c.param] if c.param else c.value, c.recognition, params[c.since] if c.since else None) for c in m.conditions]
    measures.append((m.id, doc.in_force(as_of), rs.region.field, rs.region.equals, set(m.applicants), conds, m.inputs, amount_of(m), params, doc.in_force_to))
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    raw = json.loads(path.read_text(encoding="utf-8"))
    ent, facts = raw["enterprise"], raw.get("facts") or {}
    for detail, fact in DETAIL_DERIVES.items():  # a count or a sum worked out from its detail list
        if facts.get(detail) is not None and facts.get(fact) is None:
            rows = facts[detail]
            facts[fact] = sum(Decimal(str(r["amount"])) for r in rows) if detail in ("compute_invoices", "platform_investment_items") else len(rows)
    recognitions = [(r["kind"], dt.date.fromisoformat(r["date"])) for r in ent.get("recognitions") or ()]
    def get(p):
        section, _, key = p.partition(".")
        v = (ent if section == "enterprise" else facts).get(key)
        if v is None or isinstance(v, bool) or isinstance(v, str) and kinds.get(p) != "date":
            return v
        if kinds.get(p) == "date":
            return dt.date.fromisoformat(v)
        return v if isinstance(v, int) and kinds.get(p) in ("count", "year_index") else Decimal(str(v))
    results = []
    for mid, in_force, region_field, region, applicants, conds, inputs, formula, params, ends in measures:
        if not in_force:
            results.append({"measure": mid, "status": "not_in_force", "amount": None, "reasons": ["not_in_force"]})
            continue
        reasons, missing = [], []
        city = get(region_field)
        if city is None:
            missing.append(region_field)
        elif city != region:
            reasons.append(region_field)
        if ent.get("org_type", "enterprise") not in applicants:
            reasons.append("enterprise.org_type")
        for fact, op, operand, recognition, since in conds:
            if recognition:
                if not any(k == recognition and (since is None or d >= since) for k, d in recognitions):
                    reasons.append("recognition." + recognition)
                continue
            v = get(fact)
            if v is None:
                missing.append(fact) if fact not in missing else None
                continue
            if op == "true": ok = v is True
            elif op == ">=": ok = v >= operand
            elif op == ">": ok = v > operand
            elif op == "<=": ok = v <= operand
            elif op == "<": ok = v < operand
            elif op == "==": ok = v == operand
            elif op == "in": ok = v in operand
            else: ok = v.year <= as_of.year <= v.year + int(operand)
            if not ok:
                reasons.append(fact)
        values = [get(p) for p in inputs]
        missing += [p for p, v in zip(inputs, values) if v is None and p not in missing]
        line = {"measure": mid, "status": "eligible", "amount": None}
        if reasons:
            line.update(status="ineligible", reasons=reasons)
        elif missing:
            line["status"] = "incomplete"
        elif formula is not None:
            got = formula(FormulaInput(tuple(values), params, as_of, ends))
            if isinstance(got, Refusal):
                line.update(status="ineligible", reasons=["amount"])
            else:
                line["amount"] = f"{got.value:.2f}"
        if missing:
            line["missing"] = missing
        results.append(line)
    out.write(json.dumps({"file": path.name, "results": results}, ensure_ascii=False).encode() + b"\n")
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

    def median_ms(work: Callable[[], object], rounds: int) -> float:
        samples = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            work()
            samples.append(time.perf_counter() - t0)
        return statistics.median(samples) * 1000

    brief = [median_ms(lambda p=p: engine.preview(p, as_of), 500) for p in parsed]
    words = [median_ms(lambda p=p: [r.trace for r in engine.preview(p, as_of).results], 100) for p in parsed]
    raw = profiles()[1]
    return {
        "judge_median_ms": statistics.median(brief),
        "judge_worst_case_ms": max(brief),
        "judge_with_words_ms": statistics.median(words),
        "parse_and_judge_ms": median_ms(lambda: engine.preview(parse_profile(raw), as_of), 500),
    }


def bench_batch(count: int = 2000, rounds: int = 5) -> dict[str, float]:
    base = profiles()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(count):
            (folder / f"p{i:05d}.json").write_text(
                json.dumps(base[i % len(base)], ensure_ascii=False), encoding="utf-8"
            )
        preview = [sys.executable, "-m", "shenbao", "preview", "--profiles", tmp, "--as-of", AS_OF]
        commands = {
            "brief": preview + ["--format", "jsonl"],
            "trace": preview + ["--format", "jsonl", "--trace"],
            "straight": [sys.executable, "-c", STRAIGHT_LINE, tmp, AS_OF],
        }
        outputs = {
            name: subprocess.run(cmd, check=True, capture_output=True, env=CODE).stdout
            for name, cmd in commands.items()
        }
        if outputs["brief"] != outputs["straight"]:
            raise SystemExit("the straight-line evaluator and the command disagree: the comparison is void")
        best = dict.fromkeys(commands, float("inf"))
        for _ in range(rounds):  # alternated, so a busy moment weighs on both
            for name, cmd in commands.items():
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=CODE)
                best[name] = min(best[name], time.perf_counter() - t0)
    return {
        "brief_s": best["brief"],
        "trace_s": best["trace"],
        "straight_s": best["straight"],
        "ratio": best["brief"] / best["straight"],
        "brief_mb": len(outputs["brief"]) / 1e6,
        "trace_mb": len(outputs["trace"]) / 1e6,
    }


def main() -> None:
    r = {**bench_one_preview(), **bench_batch()}
    rows = [
        [
            "one profile's judgement, 34 measures (median)",
            f"{r['judge_median_ms']:.3f} ms",
            "< 0.1 ms",
            [round(r["judge_median_ms"], 4), "ms"],
        ],
        [
            "… the slowest of the 7 example profiles",
            f"{r['judge_worst_case_ms']:.3f} ms",
            "< 0.1 ms",
            [round(r["judge_worst_case_ms"], 4), "ms"],
        ],
        ["… with every trace written", f"{r['judge_with_words_ms']:.2f} ms", "≤ 2 ms"],
        [
            "parse + judge one profile",
            f"{r['parse_and_judge_ms']:.3f} ms",
            "",
            [round(r["parse_and_judge_ms"], 4), "ms"],
        ],
        ["`shenbao preview --profiles`, 2,000 profiles (brief)", f"{r['brief_s']:.2f} s", ""],
        ["… with --trace", f"{r['trace_s']:.2f} s", ""],
        ["straight-line evaluator, same 2,000 profiles, same bytes", f"{r['straight_s']:.2f} s", ""],
        ["brief command ÷ straight-line evaluator", f"{r['ratio']:.2f}×", "≤ 2×"],
        [
            "output, brief / --trace",
            f"{r['brief_mb']:.1f} / {r['trace_mb']:.1f} MB",
            "",
            [round(r["brief_mb"], 2), "MB"],
        ],
    ]
    if "--rows" in sys.argv:
        print(json.dumps(rows, ensure_ascii=False))
        return
    for name, value, target, *_ in rows:
        print(f"{name:<58} {value:>16}  {target}")


if __name__ == "__main__":
    main()
