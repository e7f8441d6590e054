"""Formulas of 福州市促进人工智能产业创新发展行动方案（2024—2026年）, 三(一) 加强普惠算力服务."""

from __future__ import annotations

import datetime as dt

from shenbao.core.rules.fj2023 import rate_for_year
from shenbao.core.rules.formulas import FormulaInput, Outcome, Refusal, finish, formula, money, num, pct


def next_window(as_of: dt.date, months: list[int], operational_on: dt.date, plan_ends: dt.date | None) -> str:
    """Applications are taken twice a year (每年受理两次，分别为3月和9月), in the year the project went into
    use or the next (投用当年度或下一年度). A window is named only if it lies inside both that claim period
    and the plan's term: past the last one, say that none is left rather than name a month that will not come."""
    claim_ends = dt.date(operational_on.year + 1, 12, 31)
    last = min(claim_ends, plan_ends) if plan_ends else claim_ends
    start = max((as_of.year, as_of.month), (operational_on.year, operational_on.month))
    for year in range(operational_on.year, operational_on.year + 2):
        for month in sorted(months):
            if (year, month) >= start and dt.date(year, month, 1) <= last:
                if (year, month) == (as_of.year, as_of.month):
                    return f"本月（{year} 年 {month} 月）为受理期"
                return f"下一受理期：{year} 年 {month} 月"
    if plan_ends and plan_ends <= claim_ends:
        return f"方案有效期至 {plan_ends.isoformat()}，此前已无受理期"
    return f"申请时限为投用当年或下一年度（至 {claim_ends.year} 年底），此前已无受理期"


@formula("compute_supply", params=("per_pflops", "cap", "window_months"))
def compute_supply(x: FormulaInput) -> Outcome:
    """算力运营补贴: 每 P 算力每年 5 万元, within the city's yearly total of 1000 万元."""
    sold, operational_on = x.inputs
    per, cap = x.p("per_pflops"), x.p("cap")
    months = [int(m) for m in x.p("window_months")]
    window = "、".join(f"{m} 月" for m in months)
    return finish(
        min(per * sold, cap),
        f"min({money(per)} × {num(sold)} P, {money(cap)})",
        notes=(
            f"每年集中受理两次（{window}）；{next_window(x.as_of, months, operational_on, x.in_force_to)}。",
        ),
    )


@formula(
    "compute_use",
    params=("rate_year1", "rate_year2", "rate_year3", "cap", "provincial_threshold", "provincial_cap"),
)
def compute_use(x: FormulaInput) -> Outcome:
    """算力使用补贴. Below 30万元: the city's own rate of the year, capped at 50万元. From 30万元 up the
    province pays (fj2025 七 / fj2023) and the city pays the part above the provincial cap:
    min(max(r × P − 50万元, 0), 50万元) — the product's reading of "就超出省级相关补助最高限额的差额部分予以补助"."""
    purchase, year_index = x.inputs
    rate, cap = rate_for_year(x, year_index), x.p("cap")
    threshold, provincial_cap = x.p("provincial_threshold"), x.p("provincial_cap")
    share = f"{pct(rate)}（第 {year_index} 年）× {money(purchase)}"
    if purchase < threshold:
        return finish(min(rate * purchase, cap), f"min({share}, {money(cap)})")
    excess = rate * purchase - provincial_cap
    if excess <= 0:
        return Refusal(
            f"年度购买总额达 {money(threshold)} 元（含）以上，由省级补助覆盖："
            f"{share} = {money(rate * purchase)}，未超过省级补助最高限额 {money(provincial_cap)}，无差额可补"
        )
    return finish(min(excess, cap), f"min(max({share} − {money(provincial_cap)}, 0), {money(cap)})")
