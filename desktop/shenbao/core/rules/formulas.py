"""How amounts are computed. A formula reads the measure's declared inputs and its parameters as of the
preview date, and returns the amount together with the expression it evaluated, numbers filled in.

The simplest shapes live here, the rest of the generic library in generic.py: every measure, shipped or
from a policy pack, names one of them (or writes an expression), so no document needs code of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from shenbao.core.money import cents, yuan
from shenbao.core.records import dataclass


@dataclass(frozen=True)
class FormulaInput:
    inputs: tuple[Any, ...]  # the measure's `inputs`, in declared order, all known
    params: dict[str, Any]  # the measure's parameters as of the preview date
    as_of: dt.date
    in_force_to: dt.date | None = None  # the last day of the measure's document, where it has one

    def p(self, name: str) -> Any:
        """A parameter by name; a formula reading one the data lacks is a defect the tests catch."""
        try:
            return self.params[name]
        except KeyError:
            raise KeyError(f"参数 {name} 未在政策数据中定义") from None


Text = str | Callable[[], str]
Notes = tuple[str, ...] | Callable[[], tuple[str, ...]]


class Amount:
    """A sum the conditions allow. Its expression (numbers filled in) and notes may be given as functions
    that write them: they are written when first read, so judging a batch builds no text."""

    __slots__ = ("value", "shares", "closed", "since", "_expression", "_notes")

    def __init__(
        self,
        value: Decimal,
        expression: Text,
        shares: tuple[tuple[str, Decimal], ...] = (),
        notes: Notes = (),
        closed: bool = False,  # no application window is left in which to claim it
        since: dt.date | None = None,  # the claim period's start (a project's start of use), if it has one
    ) -> None:
        self.value, self.shares, self._expression, self._notes = value, shares, expression, notes
        self.closed, self.since = closed, since

    @property
    def expression(self) -> str:
        if not isinstance(self._expression, str):
            self._expression = self._expression()
        return self._expression

    @property
    def notes(self) -> tuple[str, ...]:
        if not isinstance(self._notes, tuple):
            self._notes = self._notes()
        return self._notes


@dataclass(frozen=True)
class Refusal:
    """The conditions hold but the arithmetic leaves nothing to claim: `ineligible`, with this reason."""

    reason: str


Outcome = Amount | Refusal
Formula = Callable[[FormulaInput], Outcome]

REGISTRY: dict[str, Formula] = {}
PARAMS_READ: dict[str, tuple[str, ...]] = {}
# Parameters any formula may read when a measure has them: when applications are taken (generic.py).
OPTIONAL_PARAMS = ("window_months", "claim_years", "claim_period")


def formula(name: str, *, params: tuple[str, ...]) -> Callable[[Formula], Formula]:
    """Register a formula under `name`, declaring the parameters it reads (checked against the data)."""

    def register(fn: Formula) -> Formula:
        REGISTRY[name] = fn
        PARAMS_READ[name] = params
        return fn

    return register


def money(value: Decimal) -> str:
    """A sum in a formula's expression: 元 to the fen (shenbao.core.money)."""
    return yuan(value)


def pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def num(value: Decimal | int) -> str:
    return f"{Decimal(value).normalize():f}"


def finish(value: Decimal, expression: Text, **extra: Any) -> Amount:
    """The amount rounded to the fen, its expression ending in ` = <amount>`; `expression` may be a
    function writing it, called only when the expression is read."""
    value = cents(value)
    if isinstance(expression, str):
        return Amount(value, f"{expression} = {money(value)}", **extra)
    return Amount(value, lambda: f"{expression()} = {money(value)}", **extra)


@formula("lump_sum", params=("cap",))
def lump_sum(x: FormulaInput) -> Outcome:
    """A set sum, or the most a selected project or applicant can get."""
    cap = x.p("cap")
    return Amount(cents(cap), lambda: money(cap))


@formula("per_unit", params=("per_unit", "unit"))
def per_unit(x: FormulaInput) -> Outcome:
    """A sum per product, scenario or person: `per_unit × count`."""
    (count,) = x.inputs
    per = x.p("per_unit")
    return finish(per * count, lambda: f"{money(per)} × {count} {x.p('unit')}")


@formula("rate_with_cap", params=("rate", "cap"))
def rate_with_cap(x: FormulaInput) -> Outcome:
    """`min(rate × base, cap)`: a share of what was spent, capped."""
    (base,) = x.inputs
    rate, cap = x.p("rate"), x.p("cap")
    return finish(min(rate * base, cap), lambda: f"min({pct(rate)} × {money(base)}, {money(cap)})")
