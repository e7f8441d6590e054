"""Formulas of 福建省促进人工智能产业发展十条措施 (2023), as reported by 海峡都市报."""

from __future__ import annotations

from decimal import Decimal

from shenbao.core.rules.formulas import FormulaInput, Outcome, finish, formula, money, num, pct


@formula("loan_interest", params=("rate", "max_years"))
def loan_interest(x: FormulaInput) -> Outcome:
    """算力项目贴息: "按规定享受最长 3年、年化 2%贴息补助" — loan × 2% × min(years, 3), an estimate."""
    loan, years = x.inputs
    rate, max_years = x.p("rate"), x.p("max_years")
    span = min(Decimal(years), max_years)
    return finish(loan * rate * span, f"{money(loan)} × {pct(rate)} × min({num(years)}, {num(max_years)}) 年")


def rate_for_year(x: FormulaInput, year_index: int) -> Decimal:
    """第一年50%，第二年40%，第三年30% (the year-index condition keeps it within 1–3)."""
    return x.p(f"rate_year{year_index}")


@formula("compute_voucher_by_year", params=("rate_year1", "rate_year2", "rate_year3", "cap"))
def compute_voucher_by_year(x: FormulaInput) -> Outcome:
    """普惠算力服务补助: min(rate of the year × purchase, 50万元 per year)."""
    purchase, year_index = x.inputs
    rate, cap = rate_for_year(x, year_index), x.p("cap")
    return finish(
        min(rate * purchase, cap), f"min({pct(rate)}（第 {year_index} 年）× {money(purchase)}, {money(cap)})"
    )
