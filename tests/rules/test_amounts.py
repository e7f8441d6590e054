"""Amounts worked out by hand from the clauses (MEASURES.md §3), formula text included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from .helpers import judge

CASES = [
    # measure, changes, expected amount (元), as_of (None: in force default)
    ("fj2025.compute_voucher", {"facts.compute_purchase_amount": 100000}, "50000.00"),
    (
        "fj2025.compute_voucher",
        {"facts.compute_purchase_amount": "100000.01"},
        "50000.01",
    ),  # 50000.005 half up
    ("fj2025.compute_voucher", {"facts.compute_purchase_amount": 999999.98}, "499999.99"),
    ("fj2025.compute_voucher", {"facts.compute_purchase_amount": 1000000}, "500000.00"),
    ("fj2025.compute_voucher", {"facts.compute_purchase_amount": 1000002}, "500000.00"),
    ("fj2023.compute_voucher", {"facts.compute_purchase_amount": 300000}, "150000.00"),
    (
        "fj2023.compute_voucher",
        {"facts.compute_purchase_amount": 300000, "facts.compute_subsidy_year_index": 2},
        "120000.00",
    ),
    (
        "fj2023.compute_voucher",
        {"facts.compute_purchase_amount": 300000, "facts.compute_subsidy_year_index": 3},
        "90000.00",
    ),
    (
        "fj2023.compute_voucher",
        {"facts.compute_purchase_amount": 2000000, "facts.compute_subsidy_year_index": 3},
        "500000.00",
    ),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": 100000}, "50000.00"),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": "299999.99"}, "150000.00"),
    (
        "fz2024.compute_use",
        {"facts.compute_purchase_amount": 250000, "facts.compute_subsidy_year_index": 3},
        "75000.00",
    ),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": 1000002}, "1.00"),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": 1800000}, "400000.00"),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": 2000000}, "500000.00"),
    ("fz2024.compute_use", {"facts.compute_purchase_amount": 3000000}, "500000.00"),
    (
        "fz2024.compute_use",
        {"facts.compute_purchase_amount": 2000000, "facts.compute_subsidy_year_index": 3},
        "100000.00",
    ),
    ("fz2024.compute_supply", {"facts.infra_pflops_sold": 150}, "7500000.00"),
    ("fz2024.compute_supply", {"facts.infra_pflops_sold": 200}, "10000000.00"),
    ("fz2024.compute_supply", {"facts.infra_pflops_sold": 250}, "10000000.00"),
    ("fz2024.compute_supply", {"facts.infra_pflops_sold": "0.5"}, "25000.00"),
    ("fj2025.innovation_platform", {"facts.platform_investment": 4000000}, "2000000.00"),
    ("fj2025.innovation_platform", {"facts.platform_investment": 10000000}, "5000000.00"),
    ("fj2025.innovation_platform", {"facts.platform_investment": 12000000}, "5000000.00"),
    ("fj2023.key_tech", {"facts.keytech_total_investment": 3000000}, "1200000.00"),
    ("fj2023.key_tech", {"facts.keytech_total_investment": 7500000}, "3000000.00"),
    ("fj2023.key_tech", {"facts.keytech_total_investment": 8000000}, "3000000.00"),
    ("fj2023.compute_infra_interest", {}, "3000000.00"),
    ("fj2023.compute_infra_interest", {"facts.infra_loan_years": 5}, "3000000.00"),
    ("fj2023.compute_infra_interest", {"facts.infra_loan_years": 2}, "2000000.00"),
    (
        "fj2023.compute_infra_interest",
        {"facts.infra_loan_years": "1.5", "facts.infra_loan_amount": 1000000},
        "30000.00",
    ),
    ("fz2024.iiot_project", {"facts.iiot_actual_investment": 3000000}, "600000.00"),
    ("fz2024.iiot_project", {"facts.iiot_actual_investment": 10000000}, "2000000.00"),
    ("fz2024.iiot_project", {"facts.iiot_actual_investment": 12000000}, "2000000.00"),
    ("fz2020.rd_equipment", {"facts.rd_equipment_purchase_non_fiscal": 8000000}, "2000000.00"),
    ("fz2020.rd_equipment", {"facts.rd_equipment_purchase_non_fiscal": 20000000}, "5000000.00"),
    ("fz2020.rd_equipment", {"facts.rd_equipment_purchase_non_fiscal": 24000000}, "5000000.00"),
    ("fj2025.core_engineer", {"facts.core_engineer_count": 3}, "600000.00"),
    ("fj2025.quality_product", {"facts.ai_product_count": 2}, "1000000.00"),
    ("fj2023.quality_product", {"facts.ai_product_count": 3}, "900000.00"),
    ("fj2023.typical_scenario", {"facts.scenario_count": 2}, "1000000.00"),
    ("fz2024.demo_scenario", {"facts.scenario_count": 2}, "2000000.00"),
    ("fj2025.vertical_model", {}, "10000000.00"),
    ("fj2025.quality_enterprise", {}, "3000000.00"),
    ("fj2025.ai_park_fund", {}, "10000000.00"),
    ("fj2023.major_project", {}, "8000000.00"),
    ("fj2023.lingyan", {}, "500000.00"),
    ("fz2024.general_tech", {}, "5000000.00"),
    ("fz2024.ai_training", {}, "300000.00"),
    ("fz2020.national_open_platform", {}, "5000000.00"),
    ("fz2020.national_key_lab", {}, "1000000.00"),
    ("fz2020.provincial_enterprise_key_lab", {}, "500000.00"),
    ("fz2020.new_rd_institution", {}, "300000.00"),
    ("fz2020.major_project", {}, "1000000.00"),
]


@pytest.mark.parametrize("measure,changes,amount", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_amount(measure, changes, amount) -> None:
    result = judge(measure, changes=changes)
    assert result.status == "eligible", result.reasons + result.missing
    assert result.amount == Decimal(amount)
    assert result.to_dict()["amount"] == amount


@pytest.mark.parametrize(
    "purchase,year",
    [(300000, 1), (600000, 2), (1000000, 1), (1250000, 2)],
    ids=["30w", "60w-y2", "100w", "125w-y2"],
)
def test_city_compute_use_from_30w_is_covered_by_the_province(purchase, year) -> None:
    result = judge(
        "fz2024.compute_use",
        changes={"facts.compute_purchase_amount": purchase, "facts.compute_subsidy_year_index": year},
    )
    assert result.status == "ineligible"
    assert any("由省级补助覆盖" in r for r in result.reasons)


def test_formula_with_numbers_filled_in() -> None:
    result = judge("fj2025.compute_voucher", changes={"facts.compute_purchase_amount": 250000})
    assert result.formula == "min(50% × 250,000.00, 500,000.00) = 125,000.00"
    assert "公式：min(50% × 250,000.00, 500,000.00) = 125,000.00" in result.trace


def test_trace_shows_clause_and_each_condition_with_its_value() -> None:
    result = judge("fj2025.compute_voucher", changes={"facts.compute_purchase_amount": 250000})
    assert result.trace[0].startswith("依据：《福建省推动人工智能产业发展和赋能应用若干措施》第七条：")
    assert any("250,000.00 元 → 满足" in line for line in result.trace)
    labels = [c.label for c in result.conditions]
    assert labels[:2] == ["注册地为福建省", "申报主体为企业"]
    assert any("≥ 100,000.00 元（含）" in label for label in labels)


def test_rd_equipment_shows_both_halves() -> None:
    result = judge("fz2020.rd_equipment")
    assert result.shares == (("省级财政承担", Decimal("1000000.00")), ("市级财政承担", Decimal("1000000.00")))
    assert any("省级财政承担 1,000,000.00" in line for line in result.trace)


def test_unspecified_and_non_monetary_have_no_amount() -> None:
    for measure in ("fj2025.rd_expense", "fj2025.standards", "fj2025.leading_talent"):
        assert judge(measure).amount is None
    assert judge("fz2020.electricity").amount_kind == "non_monetary"


def test_detail_derives_the_fact() -> None:
    invoices = [
        {"supplier": "福建省大数据集团", "invoice_no": "0001", "date": "2026-01-05", "amount": 120000},
        {"supplier": "福州智算中心", "invoice_no": "0002", "date": "2026-02-05", "amount": "130000.00"},
    ]
    result = judge(
        "fj2025.compute_voucher",
        dt.date(2026, 3, 10),
        {"facts.compute_purchase_amount": None, "facts.compute_invoices": invoices},
    )
    assert result.amount == Decimal("125000.00")
    assert any("由算力服务发票计得" in c.value for c in result.conditions)
