"""The rules engine: `preview(profile, as_of)` judges every measure of the documents in force.

>>> pv = preview(profile, dt.date(2026, 11, 22))
>>> pv.result("fj2025.compute_voucher").amount
Decimal('125000.00')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal
from typing import Any

from shenbao.core import money
from shenbao.core.model import Profile
from shenbao.core.policies import Catalogue, StackingGroup, catalogue
from shenbao.core.records import dataclass

# Importing the formula modules registers their formulas.
from shenbao.core.rules import generic  # noqa: F401
from shenbao.core.rules.engine import CompiledMeasure, compile_catalogue, judge
from shenbao.core.rules.result import (
    KIND_LABELS,
    REASON_CODES,
    STATUS_LABELS,
    STATUSES,
    ConditionResult,
    Result,
)

__all__ = [
    "KIND_LABELS",
    "REASON_CODES",
    "STATUS_LABELS",
    "STATUSES",
    "ConditionResult",
    "Preview",
    "Result",
    "Rules",
    "Totals",
    "preview",
    "rules",
]


@dataclass(frozen=True)
class Totals:
    """What a preview adds up to. `counted` is what can be applied for at most: eligible measures with a
    sum, each stacking group once (its largest amount); `to_confirm` is the rest of those groups, whose
    stacking the authority must confirm; `unspecified` counts eligible measures with no sum (按规定)."""

    counted: Decimal
    to_confirm: Decimal
    unspecified: int
    stacked: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (group title, its eligible measures)
    set_aside: tuple[str, ...] = ()  # the measures whose sums make up `to_confirm`
    closed: Decimal = Decimal(0)  # eligible measures' sums with no application window left
    closed_measures: tuple[str, ...] = ()

    def headline(self) -> str:
        """「最高可申请 X」 and, where a group stacks, 「另有 Y 需向主管部门确认能否叠加」; where a measure's
        last application window has passed, 「另有 Z 已无受理期」."""
        text = f"最高可申请 {money.amount(self.counted)}"
        if self.to_confirm:
            text += f"；另有 {money.amount(self.to_confirm)}需向主管部门确认能否叠加"
        if self.closed:
            text += f"；另有 {money.amount(self.closed)}已无受理期"
        return text


def add_up(results: list[Result], stacking: tuple[StackingGroup, ...]) -> Totals:
    """The totals of judged results. A measure eligible but with no application window left (fz2024's
    算力运营补贴 after its plan's last September) is not counted: nothing more can be applied for."""
    closed = [r for r in results if r.status == "eligible" and r.closed]
    results = [r for r in results if not r.closed]
    amounts = {r.measure: r.amount for r in results if r.status == "eligible" and r.amount is not None}
    unspecified = sum(1 for r in results if r.status == "eligible" and r.amount_kind == "unspecified")
    to_confirm = Decimal(0)
    stacked = []
    set_aside: list[str] = []
    for group in stacking:
        members = [m for m in group.measures if m in amounts]
        if len(members) < 2:
            continue
        largest = max(members, key=lambda m: amounts[m])
        for m in members:
            if m != largest:
                to_confirm += amounts.pop(m)
                set_aside.append(m)
        stacked.append((group.title, tuple(members)))
    return Totals(
        sum(amounts.values(), Decimal(0)),
        to_confirm,
        unspecified,
        tuple(stacked),
        tuple(set_aside),
        sum((r.amount for r in closed if r.amount is not None), Decimal(0)),
        tuple(r.measure for r in closed),
    )


@dataclass
class Preview:
    as_of: dt.date
    enterprise: dict[str, Any]
    results: list[Result]
    policy_version: str
    notices: list[str] = field(
        default_factory=list
    )  # 「政策数据已于 D 过期，请获取更新」 for an expired pack
    stacking: tuple[StackingGroup, ...] = ()
    catalogue: Any = field(default=None, repr=False, compare=False)  # what it was judged with

    def result(self, measure: str) -> Result:
        for r in self.results:
            if r.measure == measure:
                return r
        raise KeyError(measure)

    def totals(self) -> Totals:
        return add_up(self.results, self.stacking)

    def total(self) -> Decimal:
        """What can be applied for at most: eligible measures with a sum (fixed, upto, estimate), each
        stacking group counted once."""
        return self.totals().counted

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "enterprise": self.enterprise,
            "results": [r.to_dict() for r in self.results],
        }


class Rules:
    """A catalogue compiled for judging; build once, judge many profiles."""

    def __init__(self, cat: Catalogue) -> None:
        self.catalogue = cat
        self.compiled: list[CompiledMeasure] = compile_catalogue(cat)

    def preview(self, profile: Profile, as_of: dt.date) -> Preview:
        cat = self.catalogue
        results = [judge(cm, profile, as_of, cat) for cm in self.compiled]
        ent = {"name": profile.enterprise.get("name"), "uscc": profile.enterprise.get("uscc")}
        notices = (
            cat.notices(as_of) if hasattr(cat, "notices") else []
        )  # expiry judged as of the preview's date
        return Preview(as_of, ent, results, cat.version, notices, getattr(cat, "stacking", ()), cat)


_compiled: list[Rules] = []


def rules() -> Rules:
    """The catalogue in use (policies.catalogue()), compiled once each time it changes."""
    cat = catalogue()
    if not _compiled or _compiled[0].catalogue is not cat:
        _compiled[:] = [Rules(cat)]
    return _compiled[0]


def preview(profile: Profile, as_of: dt.date | None = None) -> Preview:
    return rules().preview(profile, as_of or dt.date.today())
