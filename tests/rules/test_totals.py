"""What a preview adds up to: measures paying for the same expense (a stacking group in the data) count once,
at their larger amount, and the rest is named as needing the authority's confirmation."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.policies import NoticeWindow, catalogue
from shenbao.core.rules import Rules, preview

from .helpers import ENTERPRISE, INFRA_FACTS

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


def preview_text(tmp_path, doc: dict, as_of: str) -> str:
    """`shenbao preview --profile … --format text`, run as a user runs it."""
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "shenbao", "preview", "--profile", str(path), "--as-of", as_of,
         "--format", "text"],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_cli_text_says_what_needs_confirmation(tmp_path) -> None:
    assert "最高可申请 362.5 万元；另有 12.5 万元需向主管部门确认能否叠加" in preview_text(
        tmp_path, CASE_000, "2026-11-22"
    )


# --- a measure whose last application window has passed -----------------------------------------------

# fz2024 算力运营补贴: 150 P sold × 5 万元 = 750 万元, taken in March and September, in the year the project
# went into use or the next, and never after the plan's end (2026-12-31).
INFRA = {
    "enterprise": {**ENTERPRISE, "in_ai_backbone_list": False, "recognitions": []},
    "facts": INFRA_FACTS,
}


def infra(operational_on: str = "2025-10-01") -> object:
    return parse_profile({**INFRA, "facts": {**INFRA["facts"], "infra_operational_on": operational_on}})


@pytest.mark.parametrize(
    ("operational_on", "as_of", "closed"),
    [
        ("2025-10-01", "2026-09-30", False),  # September's window, its last day
        ("2025-10-01", "2026-10-01", True),  # the plan ends before another March
        ("2025-10-01", "2026-12-31", True),  # the plan's last day: still in force, no window
        ("2024-04-01", "2025-09-30", False),
        ("2024-04-01", "2025-10-01", True),  # the claim period (投用当年或下一年度) ends 2025-12-31
    ],
)
def test_an_eligible_measure_with_no_window_left_is_not_counted(
    operational_on: str, as_of: str, closed: bool
) -> None:
    pv = preview(infra(operational_on), dt.date.fromisoformat(as_of))
    result = pv.result("fz2024.compute_supply")
    assert (result.status, result.amount, result.closed) == ("eligible", Decimal("7500000.00"), closed)
    totals = pv.totals()
    others = sum(
        (r.amount for r in pv.results if r.status == "eligible" and r.amount and r is not result), Decimal(0)
    )
    if closed:
        assert totals.counted == others and totals.closed == Decimal("7500000.00")
        assert totals.closed_measures == ("fz2024.compute_supply",)
        assert totals.headline().endswith("；另有 750 万元已无受理期")
        assert any("此前已无受理期" in n for n in result.notes)  # the trace says why
    else:
        assert totals.counted == others + Decimal("7500000.00") and totals.closed == 0
        assert "已无受理期" not in totals.headline()


def test_a_notice_opening_another_window_counts_it_again() -> None:
    """A 申报通知 that opens a round in December 2026 is the authority's word: the measure can be applied
    for, so it is counted."""
    cat = catalogue()
    notice = dataclasses.replace(
        cat.documents["fz2024"],
        id="fz2024n",
        kind="notice",
        windows=(
            NoticeWindow("fz2024n", "fz2024.compute_supply", dt.date(2026, 12, 7), dt.date(2026, 12, 18)),
        ),
    )
    with_notice = Rules(dataclasses.replace(cat, documents={**cat.documents, "fz2024n": notice}))
    as_of = dt.date(2026, 12, 4)
    assert preview(infra(), as_of).result("fz2024.compute_supply").closed
    pv = with_notice.preview(infra(), as_of)
    assert not pv.result("fz2024.compute_supply").closed
    assert pv.totals().closed == 0 and "已无受理期" not in pv.totals().headline()
    # once the notice's window has closed, nothing is left again
    assert with_notice.preview(infra(), dt.date(2026, 12, 19)).result("fz2024.compute_supply").closed


def test_the_brief_result_is_unchanged_by_a_closed_window() -> None:
    result = preview(infra(), dt.date(2026, 12, 4)).result("fz2024.compute_supply")
    assert result.to_brief() == {
        "measure": "fz2024.compute_supply",
        "status": "eligible",
        "amount": "7500000.00",
    }


def test_the_cli_text_says_which_measure_has_no_window_left(tmp_path) -> None:
    out = preview_text(tmp_path, INFRA, "2026-12-04")
    assert "；另有 750 万元已无受理期（不含按规定、非资金及待补充的措施）" in out.splitlines()[1]
    row = next(i for i, line in enumerate(out.splitlines()) if "算力运营补贴" in line)
    assert "可申报" in out.splitlines()[row] and "7,500,000.00 元" in out.splitlines()[row]
    assert out.splitlines()[row + 1].strip() == "已无受理期：政策有效期内不再受理此项申报，不计入上方金额"
    assert "已无受理期" not in preview_text(tmp_path, INFRA, "2026-09-10")
