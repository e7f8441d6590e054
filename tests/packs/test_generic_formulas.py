"""The generic formulas at their edges: thresholds inclusive, caps reached exactly, nothing below a tier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest

from shenbao.core.rules.formulas import REGISTRY, Amount, FormulaInput, Refusal
from shenbao.core.rules.generic import GENERIC, next_window

AS_OF = dt.date(2026, 12, 15)


def run(name: str, inputs: tuple[Any, ...], **params: Any) -> Amount | Refusal:
    return REGISTRY[name](FormulaInput(inputs, params, AS_OF))


def test_every_generic_formula_is_registered() -> None:
    assert set(REGISTRY) >= GENERIC


@pytest.mark.parametrize(
    ("count", "amount"), [(1, "50000.00"), (199, "9950000.00"), (200, "10000000.00"), (201, "10000000.00")]
)
def test_per_unit_with_cap(count: int, amount: str) -> None:
    out = run("per_unit_with_cap", (D(count),), per_unit=D(50000), unit="P", cap=D(10000000))
    assert isinstance(out, Amount) and out.value == D(amount)
    assert f"× {count} P" in out.expression


@pytest.mark.parametrize(
    ("base", "amount"),
    [("999999.99", None), ("1000000", "100000.00"), ("4999999", "100000.00"), ("5000000", "300000.00")],
)
def test_tiers_are_inclusive(base: str, amount: str | None) -> None:
    out = run("tiers", (D(base),), tiers=[["1000000", "100000"], ["5000000", "300000"]])
    if amount is None:
        assert isinstance(out, Refusal) and "未达到最低档" in out.reason
    else:
        assert isinstance(out, Amount) and out.value == D(amount)


def test_rate_by_year_with_cap() -> None:
    rates = {"rate_year1": D("0.5"), "rate_year2": D("0.4"), "rate_year3": D("0.3"), "cap": D(500000)}
    assert run("rate_by_year_with_cap", (D(200000), 2), **rates).value == D("80000.00")  # type: ignore[union-attr]
    assert run("rate_by_year_with_cap", (D(2000000), 1), **rates).value == D("500000.00")  # type: ignore[union-attr]


def test_top_up_over_cap() -> None:
    p = {
        "rate_year1": D("0.5"),
        "cap": D(500000),
        "provincial_threshold": D(300000),
        "provincial_cap": D(500000),
    }
    below = run("top_up_over_cap", (D("299999.99"), 1), **p)
    assert isinstance(below, Amount) and below.value == D("150000.00")
    covered = run(
        "top_up_over_cap", (D(1000000), 1), **p
    )  # 50% × 1,000,000 = the province's cap: nothing left
    assert isinstance(covered, Refusal) and "无差额可补" in covered.reason
    over = run("top_up_over_cap", (D(1200000), 1), **p)
    assert isinstance(over, Amount) and over.value == D("100000.00")
    most = run("top_up_over_cap", (D(5000000), 1), **p)
    assert isinstance(most, Amount) and most.value == D("500000.00")


def test_rate_over_years_and_shared() -> None:
    out = run("rate_over_years", (D(50000000), 5), rate=D("0.02"), max_years=D(3))
    assert isinstance(out, Amount) and out.value == D("3000000.00")
    shared = run(
        "rate_with_cap_shared", (D("1000000.01"),), rate=D("0.25"), cap=D(5000000), province_share=D("0.5")
    )
    assert isinstance(shared, Amount) and shared.value == D("250000.00")
    assert sum(v for _, v in shared.shares) == shared.value


def test_window_note() -> None:
    out = run("per_unit_with_cap", (D(1),), per_unit=D(1), unit="P", cap=D(9), window_months=[3, 9])
    assert isinstance(out, Amount) and out.notes == (
        "每年集中受理两次（3 月、9 月）；下一受理期：2027 年 3 月。",
    )
    assert next_window(dt.date(2026, 9, 1), [3, 9]) == "本月（2026 年 9 月）为受理期"
    assert next_window(dt.date(2026, 4, 1), [3, 9]) == "下一受理期：2026 年 9 月"
