"""Hypothesis: no well-typed profile makes the engine raise, and no amount is negative or over its cap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shenbao.core.model import FACT_FIELDS, ORG_TYPES, RECOGNITION_KINDS, parse_profile
from shenbao.core.rules import rules

MONEY = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False).map(str)
VALUES = {
    "money": MONEY,
    "number": st.decimals(min_value=0, max_value=10**5, places=3).map(str),
    "count": st.integers(min_value=0, max_value=500),
    "year_index": st.integers(min_value=1, max_value=6),
    "ratio": st.decimals(min_value=0, max_value=1, places=4).map(str),
    "bool": st.booleans(),
    "date": st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
}
FACTS = st.fixed_dictionaries({}, optional={key: VALUES[spec.kind] for key, spec in FACT_FIELDS.items()})
MAYBE_BOOL = st.one_of(st.none(), st.booleans())
ENTERPRISE = st.fixed_dictionaries(
    {"name": st.just("测试单位")},
    optional={
        "org_type": st.sampled_from(list(ORG_TYPES)),
        "province": st.sampled_from(["福建省", "广东省"]),
        "city": st.sampled_from(["福州市", "厦门市", "泉州市", "深圳市"]),
        "is_ai_enterprise": MAYBE_BOOL,
        "in_ai_backbone_list": MAYBE_BOOL,
        "in_fz_compute_platform": MAYBE_BOOL,
        "recognitions": st.lists(
            st.fixed_dictionaries(
                {"kind": st.sampled_from(list(RECOGNITION_KINDS)), "date": VALUES["date"]},
            ),
            max_size=4,
        ),
    },
)
AS_OF = st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=400, deadline=None)
@given(enterprise=ENTERPRISE, facts=FACTS, as_of=AS_OF)
def test_amounts_are_never_negative_nor_over_a_cap(enterprise, facts, as_of) -> None:
    engine = rules()
    pv = engine.preview(parse_profile({"enterprise": enterprise, "facts": facts}), as_of)
    assert len(pv.results) == len(engine.catalogue.measures)
    for r in pv.results:
        assert r.status in ("eligible", "ineligible", "incomplete", "not_in_force")
        if r.status != "eligible":
            assert r.amount is None
            continue
        if r.amount is None:
            assert r.amount_kind in ("unspecified", "non_monetary")
            continue
        assert r.amount >= 0
        cap = engine.catalogue.measures[r.measure].params.get("cap")
        if cap is not None:
            assert r.amount <= cap.at(as_of)
        assert r.amount == r.amount.quantize(Decimal("0.01"))


@settings(max_examples=200, deadline=None)
@given(enterprise=ENTERPRISE, facts=FACTS, as_of=AS_OF)
def test_ineligible_has_reasons_and_incomplete_has_missing(enterprise, facts, as_of) -> None:
    pv = rules().preview(parse_profile({"enterprise": enterprise, "facts": facts}), as_of)
    for r in pv.results:
        if r.status == "ineligible":
            assert r.reasons
        if r.status == "incomplete":
            assert r.missing and not any(c.outcome is False for c in r.conditions)
