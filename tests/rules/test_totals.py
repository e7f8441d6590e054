"""What a preview adds up to: measures paying for the same expense (a stacking group in the data) count once,
at their larger amount, and the rest is named as needing the authority's confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shenbao.core.model import parse_profile
from shenbao.core.policies import catalogue
from shenbao.core.rules import preview

from .helpers import ENTERPRISE

# case-000 of the examples: 250,000 元 of compute in Fuzhou, on the city's platform, one product.
CASE_000 = {
    "enterprise": {**ENTERPRISE, "in_ai_backbone_list": False, "recognitions": []},
    "facts": {"compute_purchase_amount": 250000, "compute_subsidy_year_index": 1, "ai_product_count": 1},
}
AS_OF = dt.date(2026, 11, 22)


def test_compute_subsidies_for_the_same_invoices_form_a_stacking_group() -> None:
    (group,) = catalogue().stacking
    assert {"fj2025.compute_voucher", "fz2024.compute_use", "fj2023.compute_voucher"} == set(group.measures)


def test_the_headline_counts_a_stacking_group_once() -> None:
    pv = preview(parse_profile(CASE_000), AS_OF)
    assert pv.result("fj2025.compute_voucher").amount == pv.result("fz2024.compute_use").amount == 125000
    naive = sum((r.amount for r in pv.results if r.status == "eligible" and r.amount is not None), Decimal(0))
    totals = pv.totals()
    assert naive == Decimal("3750000.00")  # 50 + 300 + 12.5 + 12.5 万元
    assert totals.counted == pv.total() == Decimal("3625000.00")
    assert totals.to_confirm == Decimal("125000.00")
    assert totals.headline() == "最高可申请 362.5 万元；另有 12.5 万元需向主管部门确认能否叠加"
    assert totals.unspecified == sum(
        1 for r in pv.results if r.status == "eligible" and r.amount_kind == "unspecified"
    )


def test_the_larger_of_a_group_is_counted() -> None:
    doc = {**CASE_000, "facts": {"compute_purchase_amount": 1800000, "compute_subsidy_year_index": 1}}
    pv = preview(parse_profile(doc), AS_OF)
    assert pv.result("fj2025.compute_voucher").amount == 500000
    assert pv.result("fz2024.compute_use").amount == 400000
    assert pv.totals().to_confirm == 400000
    assert pv.totals().stacked == (("同一笔算力服务费用", ("fj2025.compute_voucher", "fz2024.compute_use")),)


def test_one_member_alone_is_counted_in_full() -> None:
    doc = {**CASE_000, "enterprise": {**CASE_000["enterprise"], "in_fz_compute_platform": False}}
    pv = preview(parse_profile(doc), AS_OF)
    assert pv.totals().to_confirm == 0
    assert pv.totals().headline() == "最高可申请 362.5 万元"


def test_the_cli_text_says_what_needs_confirmation(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "p.json"
    path.write_text(json.dumps(CASE_000, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "shenbao", "preview", "--profile", str(path), "--as-of", "2026-11-22",
         "--format", "text"],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "最高可申请 362.5 万元；另有 12.5 万元需向主管部门确认能否叠加" in run.stdout
