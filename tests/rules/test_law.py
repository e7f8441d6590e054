"""The corrections a clause-by-clause reading made: each test quotes the words it rests on."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core.model import FACT_FIELDS
from shenbao.core.policies import catalogue

from .helpers import judge, profile_dict

CAT = catalogue()


def test_fj2023_voucher_pays_ai_enterprises_only() -> None:
    """fj2023 普惠算力: 「对符合条件的人工智能企业购买算力服务年度总额达到30万元（含）以上的」."""
    assert "人工智能企业购买算力服务" in CAT.measures["fj2023.compute_voucher"].clause
    facts = {"facts.compute_purchase_amount": 400000, "facts.compute_subsidy_year_index": 1}
    ai = judge("fj2023.compute_voucher", dt.date(2025, 6, 1), facts)
    assert (ai.status, ai.amount) == ("eligible", 200000)
    other = judge(
        "fj2023.compute_voucher", dt.date(2025, 6, 1), {**facts, "enterprise.is_ai_enterprise": False}
    )
    assert other.status == "ineligible" and other.amount is None
    assert any("人工智能企业" in r for r in other.reasons)
    unknown = judge(
        "fj2023.compute_voucher", dt.date(2025, 6, 1), {**facts, "enterprise.is_ai_enterprise": None}
    )
    assert unknown.status == "incomplete" and "enterprise.is_ai_enterprise" in unknown.missing


@pytest.mark.parametrize("org", ["university", "research_institute", "park_operator", "other"])
def test_open_platform_award_is_for_enterprises(org: str) -> None:
    """fz2020 附件1: 「…开放创新平台的企业给予500万元奖励」."""
    assert CAT.measures["fz2020.national_open_platform"].applicants == ("enterprise",)
    assert judge("fz2020.national_open_platform").status == "eligible"
    result = judge("fz2020.national_open_platform", changes={"enterprise.org_type": org})
    assert result.status == "ineligible"
    assert any("申报主体须为企业" in r for r in result.reasons)


@pytest.mark.parametrize(
    "changes",
    [
        {"enterprise.org_type": "research_institute"},
        {"enterprise.org_type": "university"},
        {"enterprise.is_ai_enterprise": False},
    ],
    ids=["research_institute", "university", "non_ai_enterprise"],
)
def test_new_rd_institution_award_is_for_ai_enterprises(changes: dict[str, object]) -> None:
    """fz2020 附件3: 「鼓励我市人工智能企业积极申报省级新型研发机构，对认定为省级新型研发机构的企业…」."""
    assert CAT.measures["fz2020.new_rd_institution"].clause.startswith("鼓励我市人工智能企业")
    assert judge("fz2020.new_rd_institution").amount == 300000
    assert judge("fz2020.new_rd_institution", changes=changes).status == "ineligible"


@pytest.mark.parametrize("measure", ["fz2020.national_open_platform", "fz2020.new_rd_institution"])
def test_recognised_as_items_say_the_date_is_the_products_reading(measure: str) -> None:
    """Items 1 and 3 say 认定为; only item 2 says 新认定: the 2020-02-14 date is an interpretation."""
    m = CAT.measures[measure]
    assert "新认定" not in m.clause and "认定为" in m.clause
    assert any("认定为" in n and "2020 年 2 月 14 日" in n and "主管部门确认" in n for n in m.notes)
    assert "新认定" in CAT.measures["fz2020.national_key_lab"].clause


@pytest.mark.parametrize(
    ("operational_on", "as_of", "expected"),
    [
        ("2025-10-01", "2026-04-01", "下一受理期：2026 年 9 月"),
        ("2025-10-01", "2026-03-10", "本月（2026 年 3 月）为受理期"),
        ("2025-10-01", "2025-10-10", "下一受理期：2026 年 3 月"),
        ("2025-05-01", "2025-06-01", "下一受理期：2025 年 9 月"),
        ("2025-10-01", "2026-09-30", "本月（2026 年 9 月）为受理期"),
        ("2025-10-01", "2026-10-01", "方案有效期至 2026-12-31，此前已无受理期"),
        ("2026-01-01", "2026-12-01", "方案有效期至 2026-12-31，此前已无受理期"),
        ("2024-04-01", "2025-10-01", "申请时限为投用当年或下一年度（至 2025 年底），此前已无受理期"),
    ],
)
def test_compute_supply_names_a_window_only_inside_the_claim_period_and_the_plan(
    operational_on: str, as_of: str, expected: str
) -> None:
    """fz2024 三(一): 每年受理两次（3 月和 9 月），在投用当年度或下一年度申请; the plan ends 2026-12-31."""
    result = judge(
        "fz2024.compute_supply", dt.date.fromisoformat(as_of), {"facts.infra_operational_on": operational_on}
    )
    assert result.status == "eligible"
    assert any(expected in n for n in result.notes), result.notes
    assert not any("2027" in n for n in result.notes)


def test_infra_interest_asks_for_the_provincial_library_alone() -> None:
    """fj2023 算力基础: 「…申报列入省重点技改项目库」; 「或市级数字经济重点库」 is fz2024 三(一)'s wording."""
    assert "市级数字经济重点库" not in CAT.measures["fj2023.compute_infra_interest"].clause
    facts = {c.fact for c in CAT.measures["fj2023.compute_infra_interest"].conditions}
    assert "facts.infra_in_provincial_key_library" in facts and "facts.infra_in_key_library" not in facts
    assert "市级" not in FACT_FIELDS["infra_in_provincial_key_library"].label
    assert "市级数字经济重点库" in FACT_FIELDS["infra_in_key_library"].label
    city_only = {"facts.infra_in_key_library": True, "facts.infra_in_provincial_key_library": False}
    assert judge("fj2023.compute_infra_interest", changes=city_only).status == "ineligible"
    assert judge("fz2024.compute_supply", changes=city_only).status == "eligible"


@pytest.mark.parametrize(
    ("provincial", "wider", "status", "shown"),
    [
        (None, True, "eligible", "是（未填写，按“列入省重点技改项目库或市级数字经济重点库”的回答）"),
        (None, False, "ineligible", "否（未填写，按“列入省重点技改项目库或市级数字经济重点库”的回答）"),
        (None, None, "incomplete", "未填写"),
        (True, False, "eligible", "是"),  # the narrower answer decides where it is given
        (False, True, "ineligible", "否"),
    ],
)
def test_infra_interest_reads_the_interchange_fact_where_the_provincial_one_is_not_given(
    provincial: bool | None, wider: bool | None, status: str, shown: str
) -> None:
    """The interchange profile has one library fact, infra_in_key_library, and the catalogue judges
    fj2023's interest subsidy by it (read as the provincial library). A profile carrying only that fact
    was 待补充 for ever: its answer now stands for the provincial one, and the trace says so."""
    changes = {"facts.infra_in_provincial_key_library": provincial, "facts.infra_in_key_library": wider}
    result = judge("fj2023.compute_infra_interest", changes=changes)
    assert result.status == status
    (row,) = [c for c in result.conditions if c.label == "列入省重点技改项目库"]
    assert row.value == shown and row.fact == "facts.infra_in_provincial_key_library"
    if status == "eligible":
        assert result.amount == Decimal("3000000.00")  # 50,000,000 × 2% × 3 years
    if status == "incomplete":
        assert result.missing == ["facts.infra_in_provincial_key_library"]


def test_electricity_names_the_units_of_its_own_item() -> None:
    """fz2020 五(二)4 「…执行大工业用电价格」: 责任单位：市发改委、市大数据委、市工信局、市科技局、市财政局，
    各县（市）区政府、高新区管委会 — not the units of items 1–3."""
    assert judge("fz2020.electricity").responsible == (
        "市发改委",
        "市大数据委",
        "市工信局",
        "市科技局",
        "市财政局",
        "各县（市）区政府",
        "高新区管委会",
    )
    assert "市税务局" in CAT.documents["fz2020"].articles["五(二)"].responsible


def test_fj2025_article_ten_reads_academic_conferences() -> None:
    """fj2025 十: 「推动举办人工智能领域学术会议」 (the transcription's 「领域?qū)W术会议」 corrected)."""
    text = CAT.documents["fj2025"].articles["十"].text
    assert text.startswith("推动举办人工智能领域学术会议")


THREE_CASES = {
    "fj2023.compute_voucher": (
        "2025-06-01",
        {"is_ai_enterprise": False},
        {"compute_purchase_amount": 400000, "compute_subsidy_year_index": 1},
    ),
    "fz2020.national_open_platform": (
        "2026-03-10",
        {
            "org_type": "university",
            "recognitions": [{"kind": "national_ai_open_platform", "date": "2024-01-01"}],
        },
        {},
    ),
    "fz2020.new_rd_institution": (
        "2026-03-10",
        {
            "org_type": "research_institute",
            "recognitions": [{"kind": "provincial_new_rd_institution", "date": "2024-01-01"}],
        },
        {},
    ),
}


@pytest.mark.parametrize("measure", list(THREE_CASES))
def test_shenbao_preview_finds_the_three_cases_ineligible(measure: str, tmp_path: Path) -> None:
    as_of, enterprise, facts = THREE_CASES[measure]
    data = profile_dict()
    data["enterprise"].update(enterprise)
    data["facts"] = facts
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "shenbao",
            "preview",
            "--profile",
            str(path),
            "--as-of",
            as_of,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = next(r for r in json.loads(run.stdout)["results"] if r["measure"] == measure)
    assert (result["status"], result["amount"]) == ("ineligible", None)


def test_fj2025_voucher_note_gives_both_readings_of_the_cap() -> None:
    """fj2025 七 「单家企业最高补助50万元」: the draft's 每年 was dropped, so the cap may be per year or in total."""
    notes = " ".join(CAT.measures["fj2025.compute_voucher"].notes)
    assert "每年度" in notes and "累计" in notes and "以往已获补助" in notes


@pytest.mark.parametrize(
    "loan",
    [{"facts.infra_loan_amount": 0, "facts.infra_loan_years": None}, {"facts.infra_loan_years": 0}],
    ids=["no_loan_years_hidden", "zero_years"],
)
def test_infra_interest_without_a_loan_is_ineligible(loan: dict[str, object]) -> None:
    """fj2023 算力基础 「年化 2%贴息」: interest is subsidised on a loan. With no loan there is nothing to
    subsidise: not 可申报 0.00 元, and not 待补充 for the term the wizard hides when the loan is 0."""
    assert judge("fj2023.compute_infra_interest").amount == 3000000
    result = judge("fj2023.compute_infra_interest", changes=loan)
    assert (result.status, result.amount) == ("ineligible", None)
    assert any("贷款" in r for r in result.reasons)


def test_shenbao_preview_gives_no_interest_without_a_loan(tmp_path: Path) -> None:
    data = profile_dict()
    data["facts"] = {
        "infra_new_or_expanded": True,
        "infra_pflops_nominal": 200,
        "infra_in_provincial_key_library": True,
        "infra_loan_amount": 0,
        "infra_loan_years": 3,
    }
    path = tmp_path / "no_loan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "shenbao", "preview", "--profile", str(path), "--as-of", "2024-06-01",
         "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = next(
        r for r in json.loads(run.stdout)["results"] if r["measure"] == "fj2023.compute_infra_interest"
    )
    assert (result["status"], result["amount"]) == ("ineligible", None)
    assert result["reasons"]


def test_infra_interest_does_not_ask_the_term_of_a_loan_of_zero() -> None:
    """A loan of 0 元 is no loan: its term (贷款期限) means nothing and is not 待补充. The judgement is the
    one of the same loan of 0 with a term given: 不符合 for want of a loan, nothing missing."""
    no_term = judge(
        "fj2023.compute_infra_interest",
        changes={"facts.infra_loan_amount": 0, "facts.infra_loan_years": None},
    )
    with_term = judge("fj2023.compute_infra_interest", changes={"facts.infra_loan_amount": 0})
    assert no_term.missing == [] == with_term.missing
    assert (no_term.status, no_term.amount, no_term.reasons) == (
        with_term.status,
        with_term.amount,
        with_term.reasons,
    )
    assert not any(str(line).startswith("待补充") for line in no_term.trace)
    # a loan not yet given still asks both, and a loan given asks its term
    unknown = judge(
        "fj2023.compute_infra_interest",
        changes={"facts.infra_loan_amount": None, "facts.infra_loan_years": None},
    )
    assert unknown.status == "incomplete"
    assert unknown.missing == ["facts.infra_loan_amount", "facts.infra_loan_years"]
    loan = judge("fj2023.compute_infra_interest", changes={"facts.infra_loan_years": None})
    assert (loan.status, loan.missing) == ("incomplete", ["facts.infra_loan_years"])


def test_shenbao_preview_lists_no_term_for_a_loan_of_zero(tmp_path: Path) -> None:
    data = profile_dict()
    data["facts"] = {
        "infra_new_or_expanded": True,
        "infra_pflops_nominal": 200,
        "infra_in_provincial_key_library": True,
        "infra_loan_amount": 0,
    }
    path = tmp_path / "no_loan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "shenbao", "preview", "--profile", str(path), "--as-of", "2024-06-01",
         "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = next(
        r for r in json.loads(run.stdout)["results"] if r["measure"] == "fj2023.compute_infra_interest"
    )
    assert (result["status"], result["amount"]) == ("ineligible", None)
    assert result["missing"] == []
    assert not any(line.startswith("待补充") for line in result["trace"])
