"""The library of generic formulas: the shapes support measures take, named so that a policy file — the
shipped library or a signed policy pack — can use them without code. Each reads its parameters by name
(declared, and checked against the data) and its inputs in the order the measure lists them.

| formula | inputs | parameters | amount |
|---|---|---|---|
| lump_sum (formulas.py) | — | cap | cap |
| per_unit (formulas.py) | count | per_unit, unit | per_unit × count |
| rate_with_cap (formulas.py) | base | rate, cap | min(rate × base, cap) |
| per_unit_with_cap | count [, start date] | per_unit, unit, cap | min(per_unit × count, cap) |
| rate_by_year_with_cap | base, year index | rate_year1…N, cap | min(rate of the year × base, cap) |
| rate_over_years | base, years | rate, max_years | base × rate × min(years, max_years) |
| rate_with_cap_shared | base | rate, cap, province_share | min(rate × base, cap), split 省/市 |
| tiers | base | tiers = [[from, amount], …] | the amount of the highest tier reached |
| top_up_over_cap | base, year index | rate_year1…N, cap, provincial_threshold, provincial_cap | below the threshold min(rate × base, cap); from it, what exceeds the other level's cap, up to cap |

A measure with a `window_months` parameter (the months applications are taken) gets a note naming the
window open now or next, within its document's term (and, for per_unit_with_cap given a start date,
within `claim_years` of it, said in the words of `claim_period`). A measure may instead write an `expression` (core.expressions), compiled here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from shenbao.core.expressions import EvaluationError, parse_expression
from shenbao.core.model import FACT_FIELDS
from shenbao.core.phrases import Phrase
from shenbao.core.policies import Measure
from shenbao.core.rules.formulas import (
    Formula,
    FormulaInput,
    Outcome,
    Refusal,
    cents,
    finish,
    formula,
    money,
    num,
    pct,
)
from shenbao.core.rules.result import PHRASES, SHARE_LABELS
from shenbao.core.windows import month_windows


def window_opens(
    as_of: dt.date,
    months: list[int],
    since: dt.date | None = None,
    plan_ends: dt.date | None = None,
    claim_years: int = 1,
) -> dt.date | None:
    """The first day of the application window open now or next (每年受理两次，分别为3月和9月); None when
    none is left. With `since` (a project's start of use) a claim is taken from that year to
    `claim_years` later (投用当年度或下一年度), and a window counts only inside both that period and the
    plan's term."""
    if since is None:
        found = month_windows(months, [as_of.year, as_of.year + 1], None, plan_ends)
        return next((opens for opens, closes in found if closes >= as_of), None)
    claim_ends = _claim_ends(since, claim_years)
    last = min(claim_ends, plan_ends) if plan_ends else claim_ends
    start = max(dt.date(as_of.year, as_of.month, 1), dt.date(since.year, since.month, 1))
    years = range(since.year, since.year + claim_years + 1)
    return next(
        (opens for opens, _closes in month_windows(months, years, None, last) if opens >= start), None
    )


def _month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _claim_ends(since: dt.date, claim_years: int) -> dt.date:
    """The last day a claim may be made: the end of the year `claim_years` after the start of use."""
    return dt.date(since.year + claim_years, 12, 31)


def next_window(
    as_of: dt.date,
    months: list[int],
    since: dt.date | None = None,
    plan_ends: dt.date | None = None,
    claim_years: int = 1,
    claim_period: str = "",
    taken: Sequence[tuple[dt.date, dt.date]] = (),
) -> str:
    """The application window open now or next, in words (`window_opens`): past the last, say none is
    left, and why (the plan's end or the claim period's). A month one of the `taken` windows (a 申报通知's
    dated ones, from opens to closes) overlaps gives way to it and is passed over."""
    opens = window_opens(as_of, months, since, plan_ends, claim_years)
    while opens is not None and any(o <= _month_end(opens) and opens <= c for o, c in taken):
        opens = window_opens(_month_end(opens) + dt.timedelta(days=1), months, since, plan_ends, claim_years)
    if opens is not None:
        if opens <= as_of:  # the window's month is the as-of date's
            return Phrase(PHRASES["window_now"], year=opens.year, month=opens.month)
        return Phrase(PHRASES["window_next"], year=opens.year, month=opens.month)
    if since is None:
        return Phrase(PHRASES["plan_ends"], end=plan_ends.isoformat()) if plan_ends else ""
    claim_ends = _claim_ends(since, claim_years)
    if plan_ends and plan_ends <= claim_ends:
        return Phrase(PHRASES["plan_ends"], end=plan_ends.isoformat())
    period = claim_period or f"起算当年及其后 {claim_years} 年内"
    return Phrase(PHRASES["claim_ends"], period=period, year=claim_ends.year)


def windowed(x: FormulaInput, since: dt.date | None = None) -> dict[str, Any]:
    """An amount's note on its application windows (`window_notes`, written when read), whether no
    window is left to apply in (`closed`) and the start of its claim period (`since`: the 待办 list
    counts the same windows), for a measure with a `window_months` parameter."""
    if "window_months" not in x.params:
        return {}
    months = [int(m) for m in x.params["window_months"]]
    claim_years = int(x.params["claim_years"]) if "claim_years" in x.params else 1
    closed = window_opens(x.as_of, months, since, x.in_force_to, claim_years) is None
    return {"notes": lambda: window_notes(x, since), "closed": closed, "since": since}


def window_notes(
    x: FormulaInput, since: dt.date | None = None, taken: Sequence[tuple[dt.date, dt.date]] = ()
) -> tuple[str, ...]:
    """A note on when applications are taken, for measures with a `window_months` parameter (and, from a
    start date, `claim_years` and the words `claim_period` for how long a claim may be made); a month
    a window of `taken` (a 申报通知's) overlaps gives way to it."""
    if "window_months" not in x.params:
        return ()
    months = [int(m) for m in x.params["window_months"]]
    listed = "、".join(f"{m} 月" for m in months)
    times = {1: "一", 2: "两", 3: "三", 4: "四"}.get(len(months), str(len(months)))
    claim_years = int(x.params["claim_years"]) if "claim_years" in x.params else 1
    period = str(x.params["claim_period"]) if "claim_period" in x.params else ""
    window = next_window(x.as_of, months, since, x.in_force_to, claim_years, period, taken)
    return (
        Phrase(
            PHRASES["windows"],
            times=times,
            listed=listed,
            count=len(months),
            months=", ".join(str(m) for m in months),
            next=window,
        ),
    )


def rate_for_year(x: FormulaInput, year_index: int) -> Decimal:
    """The rate of the year of support (第一年50%，第二年40%…); a condition keeps the index in range."""
    return x.p(f"rate_year{year_index}")


@formula("per_unit_with_cap", params=("per_unit", "unit", "cap"))
def per_unit_with_cap(x: FormulaInput) -> Outcome:
    """`min(per_unit × count, cap)`: e.g. 每 P 算力每年 5 万元, at most 1000 万元. A second input, a date,
    starts the claim period the application window note counts from (投用当年度或下一年度)."""
    count, *since = x.inputs
    per, cap = x.p("per_unit"), x.p("cap")
    return finish(
        min(per * count, cap),
        lambda: f"min({money(per)} × {num(count)} {x.p('unit')}, {money(cap)})",
        **windowed(x, since[0] if since else None),
    )


@formula("rate_by_year_with_cap", params=("rate_year1", "cap"))
def rate_by_year_with_cap(x: FormulaInput) -> Outcome:
    """`min(rate of the year × base, cap)`: a share that falls year by year, capped each year."""
    base, year_index = x.inputs
    rate, cap = rate_for_year(x, year_index), x.p("cap")
    return finish(
        min(rate * base, cap),
        lambda: f"min({pct(rate)}（第 {year_index} 年）× {money(base)}, {money(cap)})",
        **windowed(x),
    )


@formula("rate_over_years", params=("rate", "max_years"))
def rate_over_years(x: FormulaInput) -> Outcome:
    """Interest support: `base × rate × min(years, max_years)` (最长 3 年、年化 2% 贴息)."""
    base, years = x.inputs
    rate, max_years = x.p("rate"), x.p("max_years")
    span = min(Decimal(years), max_years)
    return finish(
        base * rate * span,
        lambda: f"{money(base)} × {pct(rate)} × min({num(years)}, {num(max_years)}) 年",
        **windowed(x),
    )


@formula("rate_with_cap_shared", params=("rate", "cap", "province_share"))
def rate_with_cap_shared(x: FormulaInput) -> Outcome:
    """`min(rate × base, cap)`, of which the province bears `province_share` and the city the rest."""
    (base,) = x.inputs
    rate, cap, province_share = x.p("rate"), x.p("cap"), x.p("province_share")
    total = cents(min(rate * base, cap))
    province = cents(total * province_share)
    return finish(
        total,
        lambda: f"min({pct(rate)} × {money(base)}, {money(cap)})",
        shares=((SHARE_LABELS["province"], province), (SHARE_LABELS["city"], total - province)),
        **windowed(x),
    )


@formula("tiers", params=("tiers",))
def tiers(x: FormulaInput) -> Outcome:
    """Stepped sums: `tiers = [["1000000", "100000"], ["5000000", "300000"]]` pays the amount of the
    highest tier whose threshold (含) the base reaches; below the first tier nothing is due."""
    (base,) = x.inputs
    steps = sorted((Decimal(str(low)), Decimal(str(amount))) for low, amount in x.p("tiers"))
    reached = [(low, amount) for low, amount in steps if base >= low]
    if not reached:
        return Refusal(f"{money(base)} 未达到最低档 {money(steps[0][0])}（含）")
    low, amount = reached[-1]
    return finish(amount, lambda: f"{money(base)} ≥ {money(low)}（含）档", **windowed(x))


@formula(
    "top_up_over_cap",
    params=("rate_year1", "cap", "provincial_threshold", "provincial_cap"),
)
def top_up_over_cap(x: FormulaInput) -> Outcome:
    """A lower level's own share below a threshold; from the threshold up the higher level pays (up to its
    cap) and the lower level tops up what exceeds that cap: `min(max(r × P − other cap, 0), cap)` — the
    reading of "就超出省级相关补助最高限额的差额部分予以补助"."""
    base, year_index = x.inputs
    rate, cap = rate_for_year(x, year_index), x.p("cap")
    threshold, provincial_cap = x.p("provincial_threshold"), x.p("provincial_cap")

    def share() -> str:
        return f"{pct(rate)}（第 {year_index} 年）× {money(base)}"

    if base < threshold:
        return finish(min(rate * base, cap), lambda: f"min({share()}, {money(cap)})", **windowed(x))
    excess = rate * base - provincial_cap
    if cents(excess) <= 0:  # what the fen rounds away is nothing to pay (never 可申报 0.00 元)
        return Refusal(
            Phrase(
                PHRASES["covered"],
                threshold=money(threshold),
                share=share(),
                value=money(rate * base),
                cap=money(provincial_cap),
            )
        )
    return finish(
        min(excess, cap),
        lambda: f"min(max({share()} − {money(provincial_cap)}, 0), {money(cap)})",
        **windowed(x),
    )


# --- expressions ------------------------------------------------------------------------------------


def expression_names(measure: Measure) -> dict[str, str]:
    """The names an expression of `measure` may read: each input by its short name, each parameter."""
    names = {path.partition(".")[2]: path for path in measure.inputs}
    names.update({name: "" for name in measure.params})
    return names


def expression_formula(measure: Measure) -> Formula:
    """The measure's `expression` as a formula: the value rounded to the fen, the expression with the
    numbers filled in, refused (ineligible) when it comes to nothing or divides by zero."""
    expr = parse_expression(measure.expression, set(expression_names(measure)))
    shorts = [path.partition(".")[2] for path in measure.inputs]
    units = {name: p.unit for name, p in measure.params.items()}

    def show(name: str, value: Any) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        if not isinstance(value, Decimal | int):
            return str(value)
        value = Decimal(value)
        spec = FACT_FIELDS.get(name)
        if spec is not None:
            kind = spec.kind
            return money(value) if kind == "money" else pct(value) if kind == "ratio" else num(value)
        if name in units:
            if units[name]:
                return f"{num(value)} {units[name]}"
            return pct(value) if 0 < value < 1 else money(value)
        return num(value)

    def evaluate(x: FormulaInput) -> Outcome:
        values: dict[str, Any] = dict(x.params)
        values.update(
            {
                name: Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v
                for name, v in zip(shorts, x.inputs, strict=True)
            }
        )
        try:
            value, text = expr.evaluate(values, show)
        except EvaluationError:  # a division by zero
            return Refusal(Phrase(PHRASES["zero_divisor"]))
        if isinstance(value, bool) or not isinstance(value, Decimal):
            return Refusal(Phrase(PHRASES["not_an_amount"]))
        if value <= 0:
            return Refusal(Phrase(PHRASES["expression_nothing"], expression=text, amount=money(value)))
        return finish(value, text, **windowed(x))

    return evaluate


def amount_of(measure: Measure) -> Formula | None:
    """The formula judging `measure`: a named one of the registry, its expression, or none."""
    from shenbao.core.rules.formulas import REGISTRY

    if measure.formula:
        return REGISTRY[measure.formula]
    if getattr(measure, "expression", ""):
        return expression_formula(measure)
    return None


GENERIC = frozenset(
    {
        "lump_sum",
        "per_unit",
        "rate_with_cap",
        "per_unit_with_cap",
        "rate_by_year_with_cap",
        "rate_over_years",
        "rate_with_cap_shared",
        "tiers",
        "top_up_over_cap",
    }
)
"""The formulas any policy file may name: shapes, not one document's arithmetic."""
