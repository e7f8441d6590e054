"""Printing speed and size, side by side in one run.

    .venv/bin/python benchmarks/pdf_bench.py [--repeat N] [--tenants N] [--json]

1. `shenbao render` for one form (a whole process, as a user runs it) against a minimal reportlab script
   that registers the same font and draws a one-page table (target: within 2×);
2. one form rendered in-process once the font is registered (target: ≤ 50 ms) and its size (≤ 100 KB);
3. the park report for 200 tenants, in-process (previews excluded) and as the `shenbao report` command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout import command_env  # this folder: the benchmarks' own helper

REPO = Path(__file__).resolve().parents[1]
CODE = command_env()
sys.path.insert(0, str(REPO / "desktop"))

AS_OF = "2026-03-10"


def uscc_of(i: int) -> str:
    """A valid 统一社会信用代码 of its own for tenant `i`: a park report counts one enterprise once."""
    from stdnum.cn import uscc

    first = "91350100" + f"{i:09d}"
    return first + uscc.calc_check_digit(first)


MINIMAL = """
import sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
pdfmetrics.registerFont(TTFont("F", sys.argv[1], subfontIndex=0))
rows = [["序号", "供应商", "发票号码", "金额（元）"]] + [[str(i), "福州算力云服务有限公司", f"35{i:08d}", "30,000.00"]
        for i in range(1, 9)]
table = Table(rows)
table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "F"), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
SimpleDocTemplate(sys.argv[2], pagesize=A4).build([table])
"""


def profile(i: int, invoices: int = 8) -> dict:
    facts: dict = {
        "compute_invoices": [
            {
                "supplier": "福州算力云服务有限公司",
                "invoice_no": f"35{n:08d}",
                "date": "2026-01-15",
                "amount": 30000 + 1000 * (i % 7),
            }
            for n in range(1, invoices + 1)
        ],
        "compute_subsidy_year_index": 1 + i % 3,
    }
    if i % 2:
        facts["ai_products"] = [{"name": f"产品{n}"} for n in range(1 + i % 3)]
    if i % 3 == 0:
        facts.update(scenario_count=1 + i % 2, iiot_actual_investment=500000 + 10000 * i)
    if i % 5 == 0:
        facts.update(keytech_total_investment=2000000, is_software_enterprise=True)
    return {
        "enterprise": {
            "name": f"福州第{i:03d}号智能科技有限公司",
            "uscc": uscc_of(i),
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": "鼓楼区",
            "is_ai_enterprise": True,
            "in_ai_backbone_list": i % 4 == 0,
            "in_fz_compute_platform": True,
        },
        "facts": facts,
    }


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tenants", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--rows", action="store_true", help="print the table rows as JSON (for benchmarks/run.py)"
    )
    args = parser.parse_args()

    from shenbao.core import fonts
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import preview

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one = folder / "one.json"
        one.write_text(json.dumps(profile(1), ensure_ascii=False), encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "shenbao",
            "render",
            "--profile",
            str(one),
            "--measure",
            "fj2025.compute_voucher",
            "--out",
            str(folder / "form.pdf"),
            "--as-of",
            AS_OF,
        ]
        minimal = [sys.executable, "-c", MINIMAL, str(fonts.font_path()), str(folder / "minimal.pdf")]
        run = lambda argv: subprocess.run(argv, check=True, capture_output=True, env=CODE)  # noqa: E731
        run(cmd), run(minimal)  # warm the file cache
        results["render_command_s"] = statistics.median(timed(lambda: run(cmd), args.repeat))
        results["minimal_reportlab_s"] = statistics.median(timed(lambda: run(minimal), args.repeat))
        results["command_vs_minimal"] = results["render_command_s"] / results["minimal_reportlab_s"]

        from shenbao.core.pdf import render_declaration, render_park_report

        start = time.perf_counter()
        fonts.register_reportlab()
        results["font_registration_s"] = time.perf_counter() - start
        prof = parse_profile(profile(1))
        pv = preview(prof, dt.date.fromisoformat(AS_OF))
        buffer = io.BytesIO()
        render_declaration(prof, pv, "fj2025.compute_voucher", buffer)  # warm-up
        results["form_size_kb"] = len(buffer.getvalue()) / 1024

        def form() -> None:
            render_declaration(prof, pv, "fj2025.compute_voucher", io.BytesIO())

        results["form_in_process_ms"] = statistics.median(timed(form, max(args.repeat * 4, 10))) * 1000

        tenants = folder / "tenants"
        tenants.mkdir()
        entries = []
        for i in range(args.tenants):
            data = profile(i, invoices=3)
            (tenants / f"t{i:03d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            p = parse_profile(data)
            entries.append((p, preview(p, dt.date.fromisoformat(AS_OF))))
        sizes = []

        def report() -> None:
            sizes.append(render_park_report(entries, io.BytesIO()).size)

        results["report_in_process_s"] = statistics.median(timed(report, args.repeat))
        results["report_size_kb"] = sizes[-1] / 1024
        report_cmd = [
            sys.executable,
            "-m",
            "shenbao",
            "report",
            "--profiles",
            str(tenants),
            "--out",
            str(folder / "park.pdf"),
            "--as-of",
            AS_OF,
        ]
        results["report_command_s"] = statistics.median(
            timed(lambda: run(report_cmd), max(args.repeat // 2, 1))
        )

    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in results.items()}, indent=2))
        return 0
    rows = [
        ("`shenbao render`, one form (process)", f"{results['render_command_s'] * 1000:.0f} ms", ""),
        (
            "minimal reportlab script, same font, one-page table",
            f"{results['minimal_reportlab_s'] * 1000:.0f} ms",
            "",
        ),
        ("render command ÷ minimal script", f"{results['command_vs_minimal']:.2f}×", "≤ 2×"),
        ("font registration (once per process)", f"{results['font_registration_s'] * 1000:.0f} ms", ""),
        ("one form, in-process", f"{results['form_in_process_ms']:.1f} ms", "≤ 50 ms"),
        ("one form, size", f"{results['form_size_kb']:.0f} KB", "≤ 100 KB"),
        (
            f"park report, {args.tenants} tenants, in-process",
            f"{results['report_in_process_s'] * 1000:.0f} ms",
            "",
        ),
        (f"park report, {args.tenants} tenants, size", f"{results['report_size_kb']:.0f} KB", ""),
        (
            f"`shenbao report`, {args.tenants} tenants (process)",
            f"{results['report_command_s'] * 1000:.0f} ms",
            "",
        ),
    ]
    if args.rows:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>10}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
