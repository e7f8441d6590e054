"""The rules engine: `preview(profile, as_of)` judges every measure of the documents in force.

>>> pv = preview(profile, dt.date(2026, 11, 22))
>>> pv.result("fj2025.compute_voucher").amount
Decimal('125000.00')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from shenbao.core.model import Profile
from shenbao.core.policies import Catalogue, catalogue

# Importing the formula modules registers their formulas.
from shenbao.core.rules import generic  # noqa: F401
from shenbao.core.rules.engine import (
    KIND_LABELS,
    STATUS_LABELS,
    STATUSES,
    CompiledMeasure,
    ConditionResult,
    Result,
    compile_catalogue,
    judge,
)

__all__ = [
    "KIND_LABELS",
    "STATUS_LABELS",
    "STATUSES",
    "ConditionResult",
    "Preview",
    "Result",
    "Rules",
    "preview",
    "rules",
]


@dataclass
class Preview:
    as_of: dt.date
    enterprise: dict[str, Any]
    results: list[Result]
    policy_version: str
    notices: list[str] = field(
        default_factory=list
    )  # 「政策数据已于 D 过期，请获取更新」 for an expired pack

    def result(self, measure: str) -> Result:
        for r in self.results:
            if r.measure == measure:
                return r
        raise KeyError(measure)

    def total(self) -> Decimal:
        """What can be applied for at most: eligible measures with a sum (fixed, upto, estimate)."""
        return sum(
            (r.amount for r in self.results if r.status == "eligible" and r.amount is not None), Decimal(0)
        )

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
        notices = cat.notices(dt.date.today()) if hasattr(cat, "notices") else []
        return Preview(as_of, ent, results, cat.version, notices)


_compiled: list[Rules] = []


def rules() -> Rules:
    """The catalogue in use (policies.catalogue()), compiled once each time it changes."""
    cat = catalogue()
    if not _compiled or _compiled[0].catalogue is not cat:
        _compiled[:] = [Rules(cat)]
    return _compiled[0]


def preview(profile: Profile, as_of: dt.date | None = None) -> Preview:
    return rules().preview(profile, as_of or dt.date.today())
