"""Each measure at its edges: the documents' first and last days of force, each threshold at, just under
and just over, each missing fact, each false condition, the region and the applicant type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.policies import catalogue
from shenbao.core.rules import rules

from .helpers import IN_FORCE_ON, judge, profile_dict

CAT = catalogue()
MEASURES = list(CAT.measures.values())
IDS = [m.id for m in MEASURES]
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize("measure", MEASURES, ids=IDS)
def test_base_profile_is_eligible(measure) -> None:
    result = judge(measure.id)
    assert result.status == "eligible", result.reasons + result.missing
    if measure.amount_kind in ("fixed", "upto", "estimate"):
        assert result.amount is not None and result.amount > 0
    else:
        assert result.amount is None


PERIODS = {
    # document: (first day, last day or None when no end is stated)
    "fj2025": (dt.date(2025, 11, 4), dt.date(2028, 12, 31)),
    "fj2023": (dt.date(2023, 9, 26), dt.date(2025, 11, 3)),
    "fz2024": (dt.date(2024, 3, 20), dt.date(2026, 12, 31)),
    "fz2020": (dt.date(2020, 2, 14), None),
}


@pytest.mark.parametrize("measure", MEASURES, ids=IDS)
def test_dates_of_force_on_both_ends(measure) -> None:
    first, last = PERIODS[measure.document]
    changes = {"facts.infra_operational_on": None}  # keep the dated compute_supply condition out of it
    assert judge(measure.id, first - DAY, changes).status == "not_in_force"
    assert judge(measure.id, first, changes).status != "not_in_force"
    assert judge(measure.id, first + DAY, changes).status != "not_in_force"
    if last is None:
        assert judge(measure.id, dt.date(2099, 12, 31), changes).status != "not_in_force"
        assert any("未载明有效期" in w for w in judge(measure.id).warnings)
    else:
        assert judge(measure.id, last - DAY, changes).status != "not_in_force"
        assert judge(measure.id, last, changes).status != "not_in_force"
        after = judge(measure.id, last + DAY, changes)
        assert after.status == "not_in_force"
        assert after.amount is None and after.reasons


def test_fj2023_is_superseded_by_fj2025_with_a_note() -> None:
    result = judge("fj2023.compute_voucher", dt.date(2025, 11, 4))
    assert result.status == "not_in_force"
    assert any("已被" in n and "福建省推动人工智能产业发展和赋能应用若干措施" in n for n in result.notes)
    assert "依据媒体报道整理，以正式文件为准。" in result.warnings


FACT_CONDITIONS = [(m, c) for m in MEASURES for c in m.conditions if c.fact]


@pytest.mark.parametrize(
    "measure,cond", FACT_CONDITIONS, ids=[f"{m.id}:{c.fact}" for m, c in FACT_CONDITIONS]
)
def test_each_missing_fact_makes_it_incomplete(measure, cond) -> None:
    unknown = {
        cond.fact: None,
        **({cond.otherwise: None} if cond.otherwise else {}),
    }  # and what answers for it
    result = judge(measure.id, changes=unknown)
    assert result.status == "incomplete"
    assert cond.fact in result.missing
    assert result.amount is None


INPUTS = [(m, path) for m in MEASURES for path in m.inputs]


@pytest.mark.parametrize("measure,path", INPUTS, ids=[f"{m.id}:{p}" for m, p in INPUTS])
def test_each_missing_formula_input_makes_it_incomplete(measure, path) -> None:
    result = judge(measure.id, changes={path: None})
    assert result.status == "incomplete"
    assert path in result.missing


BOOL_CONDITIONS = [(m, c) for m, c in FACT_CONDITIONS if c.op == "true"]


@pytest.mark.parametrize(
    "measure,cond", BOOL_CONDITIONS, ids=[f"{m.id}:{c.fact}" for m, c in BOOL_CONDITIONS]
)
def test_each_false_condition_makes_it_ineligible(measure, cond) -> None:
    result = judge(measure.id, changes={cond.fact: False})
    assert result.status == "ineligible"
    assert result.reasons and result.amount is None


@pytest.mark.parametrize(
    "measure,cond", BOOL_CONDITIONS, ids=[f"{m.id}:{c.fact}" for m, c in BOOL_CONDITIONS]
)
def test_false_wins_over_unknown(measure, cond) -> None:
    others = [c.fact for c in measure.conditions if c.fact and c.fact != cond.fact]
    changes = {cond.fact: False, **{f: None for f in others}, **{p: None for p in measure.inputs}}
    result = judge(measure.id, changes=changes)
    assert result.status == "ineligible"


def test_every_failed_condition_is_a_reason() -> None:
    result = judge(
        "fz2024.compute_supply",
        changes={
            "facts.infra_in_fuzhou": False,
            "facts.infra_registered": False,
            "facts.infra_pflops_nominal": 50,
        },
    )
    assert result.status == "ineligible"
    assert len(result.reasons) == 3


def test_every_missing_fact_is_listed() -> None:
    result = judge(
        "fz2024.compute_supply",
        changes={
            "facts.infra_in_fuzhou": None,
            "facts.infra_registered": None,
            "facts.infra_pflops_sold": None,
        },
    )
    assert result.status == "incomplete"
    assert result.missing == ["facts.infra_in_fuzhou", "facts.infra_registered", "facts.infra_pflops_sold"]


THRESHOLDS = [
    # measure, fact, at (eligible), just under, just over, step kind; for "> 0" the least base whose
    # share is a fen (less pays nothing to the fen: test_a_sum_that_rounds_to_nothing_is_no_award)
    ("fj2025.compute_voucher", "facts.compute_purchase_amount", "100000", "99999.99", "100000.01"),
    ("fj2023.compute_voucher", "facts.compute_purchase_amount", "300000", "299999.99", "300000.01"),
    ("fz2024.compute_use", "facts.compute_purchase_amount", "100000", "99999.99", "100000.01"),
    ("fj2023.compute_infra_interest", "facts.infra_pflops_nominal", "100", "99.99", "100.01"),
    ("fz2024.compute_supply", "facts.infra_pflops_nominal", "100", "99.99", "100.01"),
    ("fz2024.compute_supply", "facts.infra_domestic_chip_ratio", "0.8", "0.7999", "0.8001"),
    ("fj2025.quality_product", "facts.ai_product_count", 1, 0, 2),
    ("fj2023.quality_product", "facts.ai_product_count", 1, 0, 2),
    ("fj2025.core_engineer", "facts.core_engineer_count", 1, 0, 2),
    ("fj2023.typical_scenario", "facts.scenario_count", 1, 0, 2),
    ("fz2024.demo_scenario", "facts.scenario_count", 1, 0, 2),
    ("fj2025.innovation_platform", "facts.platform_investment", "0.01", "0", "1"),
    ("fj2023.key_tech", "facts.keytech_total_investment", "0.02", "0", "1"),
    ("fz2024.iiot_project", "facts.iiot_actual_investment", "0.03", "0", "1"),
    ("fz2024.compute_supply", "facts.infra_pflops_sold", "0.01", "0", "1"),
    ("fz2020.rd_equipment", "facts.rd_equipment_purchase_non_fiscal", "0.02", "0", "1"),
]


@pytest.mark.parametrize("measure,fact,at,under,over", THRESHOLDS, ids=[f"{t[0]}:{t[1]}" for t in THRESHOLDS])
def test_threshold_at_under_and_over(measure, fact, at, under, over) -> None:
    assert judge(measure, changes={fact: at}).status == "eligible"
    assert judge(measure, changes={fact: over}).status == "eligible"
    below = judge(measure, changes={fact: under})
    assert below.status == "ineligible"
    assert any("不满足" in r for r in below.reasons)


@pytest.mark.parametrize("measure", ["fj2023.compute_voucher", "fz2024.compute_use"])
def test_year_index_one_to_three(measure) -> None:
    for year in (1, 2, 3):
        assert judge(measure, changes={"facts.compute_subsidy_year_index": year}).status == "eligible"
    assert judge(measure, changes={"facts.compute_subsidy_year_index": 4}).status == "ineligible"


RECOGNITION_MEASURES = [m for m in MEASURES if any(c.recognition for c in m.conditions)]


@pytest.mark.parametrize("measure", RECOGNITION_MEASURES, ids=[m.id for m in RECOGNITION_MEASURES])
def test_absent_recognition_is_ineligible_not_incomplete(measure) -> None:
    result = judge(measure.id, changes={"enterprise.recognitions": []})
    assert result.status == "ineligible"
    assert any("未获认定" in r for r in result.reasons)


NEW_SINCE = [m for m in MEASURES if any(c.since for c in m.conditions)]


@pytest.mark.parametrize("measure", NEW_SINCE, ids=[m.id for m in NEW_SINCE])
def test_newly_recognised_means_on_or_after_2020_02_14(measure) -> None:
    kind = next(c.recognition for c in measure.conditions if c.recognition)
    on_day = judge(measure.id, changes={"enterprise.recognitions": [{"kind": kind, "date": "2020-02-14"}]})
    assert on_day.status == "eligible"
    before = judge(measure.id, changes={"enterprise.recognitions": [{"kind": kind, "date": "2020-02-13"}]})
    assert before.status == "ineligible"
    assert any("早于 2020-02-14" in r for r in before.reasons)


def test_rd_equipment_counts_any_recognition_date() -> None:
    old = [{"kind": "provincial_new_rd_institution", "date": "2015-05-01"}]
    assert judge("fz2020.rd_equipment", changes={"enterprise.recognitions": old}).status == "eligible"


@pytest.mark.parametrize("measure", MEASURES, ids=IDS)
def test_region_wrong_is_ineligible_and_missing_is_incomplete(measure) -> None:
    field = CAT.rulesets[measure.document].region.field
    wrong = judge(measure.id, changes={field: "广东省" if field.endswith("province") else "泉州市"})
    assert wrong.status == "ineligible"
    missing = judge(measure.id, changes={field: None})
    assert missing.status == "incomplete" and field in missing.missing


@pytest.mark.parametrize("measure", MEASURES, ids=IDS)
def test_applicant_type(measure) -> None:
    for org in ("enterprise", "university", "research_institute", "park_operator", "other"):
        result = judge(measure.id, changes={"enterprise.org_type": org})
        if org in measure.applicants:
            assert result.status == "eligible", (org, result.reasons)
        else:
            assert result.status == "ineligible"
            assert any("申报主体" in r for r in result.reasons)


def test_ai_park_fund_only_for_fuzhou_xiamen_quanzhou() -> None:
    for city in ("福州市", "厦门市", "泉州市"):
        assert judge("fj2025.ai_park_fund", changes={"enterprise.city": city}).status == "eligible"
    assert judge("fj2025.ai_park_fund", changes={"enterprise.city": "漳州市"}).status == "ineligible"


def test_xiamen_stays_eligible_for_fj2025_with_the_warning() -> None:
    result = judge("fj2025.compute_voucher", changes={"enterprise.city": "厦门市"})
    assert result.status == "eligible"
    assert any("厦门市可参照执行" in w for w in result.warnings)
    fuzhou = judge("fj2025.compute_voucher")
    assert not any("厦门市" in w for w in fuzhou.warnings)


def test_compute_supply_only_in_the_year_of_operation_or_the_next() -> None:
    on = {"facts.infra_operational_on": "2025-10-01"}
    assert judge("fz2024.compute_supply", dt.date(2025, 10, 1), on).status == "eligible"
    assert judge("fz2024.compute_supply", dt.date(2026, 12, 31), on).status == "eligible"
    late = {"facts.infra_operational_on": "2024-12-31"}
    assert judge("fz2024.compute_supply", dt.date(2026, 1, 1), late).status == "ineligible"
    early = {"facts.infra_operational_on": "2026-06-01"}
    assert judge("fz2024.compute_supply", dt.date(2025, 12, 31), early).status == "ineligible"


def test_days_left_warning_near_the_end_of_fz2024() -> None:
    result = judge("fz2024.iiot_project", dt.date(2026, 11, 22))
    assert any("还有 39 天" in w for w in result.warnings)
    assert not any("还有" in w for w in judge("fz2024.iiot_project", dt.date(2026, 3, 10)).warnings)


def test_double_claim_warning_on_both_levels() -> None:
    for measure in ("fj2025.compute_voucher", "fz2024.compute_use"):
        result = judge(measure)
        assert result.status == "eligible"
        assert any("省级与福州市级" in w for w in result.warnings)


def test_compute_supply_shows_the_next_window() -> None:
    assert any(
        "下一受理期：2026 年 9 月" in n for n in judge("fz2024.compute_supply", dt.date(2026, 4, 1)).notes
    )
    assert any("本月" in n for n in judge("fz2024.compute_supply", dt.date(2026, 3, 10)).notes)
    assert any("2026 年 3 月" in n for n in judge("fz2024.compute_supply", dt.date(2025, 10, 10)).notes)


def test_amount_is_decimal_rounded_to_cents() -> None:
    pv = rules().preview(parse_profile(profile_dict()), IN_FORCE_ON["fj2025"])
    for r in pv.results:
        if r.amount is not None:
            assert isinstance(r.amount, Decimal) and r.amount == r.amount.quantize(Decimal("0.01"))


@pytest.mark.parametrize("measure", RECOGNITION_MEASURES, ids=[m.id for m in RECOGNITION_MEASURES])
def test_a_recognition_dated_after_the_as_of_date_is_not_held_yet(measure) -> None:
    """已获认定: a recognition dated after the date judged (planned, or a mistyped year) is not held then."""
    kind = next(c.recognition for c in measure.conditions if c.recognition)
    as_of = IN_FORCE_ON[measure.document]
    for on, status in ((as_of, "eligible"), (as_of + DAY, "ineligible")):
        recognised = {"enterprise.recognitions": [{"kind": kind, "date": on.isoformat()}]}
        result = judge(measure.id, as_of, recognised)
        assert result.status == status, (on, result.reasons)
    assert result.amount is None
    assert any(f"{(as_of + DAY).isoformat()}" in r and "晚于测算日期" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("year", "purchase", "status", "amount"),
    [
        (3, 1666666.67, "ineligible", None),  # 30% × P − 50 万 = 0.001: nothing to the fen
        (2, 1250000.01, "ineligible", None),  # 40% × P − 50 万 = 0.004
        (1, 1000000.01, "eligible", Decimal("0.01")),  # 50% × P − 50 万 = 0.005, half up
    ],
)
def test_city_top_up_that_rounds_to_nothing_is_no_award(year, purchase, status, amount) -> None:
    """MEASURES.md: fz2024.compute_use from 30 万元 up pays min(max(r × P − 50 万, 0), 50 万); "when that
    is 0 the measure is ineligible". A difference under half a fen is 0 to the fen: never 可申报 0.00 元."""
    result = judge(
        "fz2024.compute_use",
        changes={"facts.compute_purchase_amount": purchase, "facts.compute_subsidy_year_index": year},
    )
    assert (result.status, result.amount) == (status, amount)


@pytest.mark.parametrize(
    ("measure", "changes", "expression"),
    [
        ("fz2024.iiot_project", {"facts.iiot_actual_investment": 0.02}, "min(20% × 0.02, 2,000,000.00)"),
        ("fz2020.rd_equipment", {"facts.rd_equipment_purchase_non_fiscal": 0.01}, "min(25% × 0.01"),
        ("fj2023.key_tech", {"facts.keytech_total_investment": 0.01}, "min(40% × 0.01"),
        ("fj2023.compute_infra_interest", {"facts.infra_loan_amount": 0.01}, "0.01 × 2% × min(3, 3) 年"),
        ("fz2024.compute_supply", {"facts.infra_pflops_sold": 0.00000001}, "50,000.00 × 0.00000001 P"),
    ],
)
def test_a_sum_that_rounds_to_nothing_is_no_award(measure, changes, expression) -> None:
    """A share of a base of a fen or two is less than half a fen: it was shown 可申报 with 最高 0.00 元
    (the wizard's page, the printed 申报金额) and counted as a measure to apply for. Nothing to the fen is
    no award (as fz2024.compute_use's top-up already says): ineligible, saying why."""
    result = judge(measure, changes=changes)
    assert (result.status, result.amount) == ("ineligible", None), result.reasons
    assert result.codes == ("amount",)
    assert any(expression in r and "0.00" in r and "无可申请金额" in r for r in result.reasons), (
        result.reasons
    )


@pytest.mark.parametrize(
    ("measure", "changes", "amount"),
    [
        ("fz2024.iiot_project", {"facts.iiot_actual_investment": 0.03}, Decimal("0.01")),  # 0.006
        ("fz2020.rd_equipment", {"facts.rd_equipment_purchase_non_fiscal": 0.02}, Decimal("0.01")),  # 0.005
    ],
)
def test_a_sum_that_rounds_to_a_fen_is_an_award(measure, changes, amount) -> None:
    result = judge(measure, changes=changes)
    assert (result.status, result.amount) == ("eligible", amount), result.reasons
