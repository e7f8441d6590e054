"""The 申报日期 a form is dated on, against the term of its measure's document (both ends inclusive, as
the preview judges): a day outside it is said, naming the term and the as-of date the amount was
judged on; a day inside it, or none, says nothing. The dates are the documents' own."""

from __future__ import annotations

import datetime as dt

import pytest

from shenbao.core.policies import catalogue

AS_OF = dt.date(2026, 3, 10)


def warning(measure: str, day: dt.date | None) -> str | None:
    said = catalogue().declared_date_warning(measure, day, AS_OF)
    return None if said is None else str(said)


@pytest.mark.parametrize(
    "measure", ["fj2025.compute_voucher", "fj2023.compute_voucher", "fz2024.compute_use"]
)
def test_each_end_of_the_term_is_in_it_and_the_day_beyond_is_not(measure: str) -> None:
    cat = catalogue()
    doc = cat.documents[cat.measures[measure].document]
    start, end = doc.in_force_from, doc.in_force_to
    assert start is not None and end is not None
    term = f"（{start.isoformat()} 至 {end.isoformat()}）"
    assert warning(measure, start) is None and warning(measure, end) is None
    for outside in (start - dt.timedelta(days=1), end + dt.timedelta(days=1)):
        said = warning(measure, outside)
        assert said == (
            f"申报日期 {outside.isoformat()} 在该政策有效期{term}之外：申报书照常生成，"
            "金额按测算日期 2026-03-10 测算；请核对申报日期"
        )


def test_a_policy_with_no_end_stated_is_outside_only_before_it_began() -> None:
    """fz2020 states no end: a day in 2035 says nothing; one before 2020-02-14 says when it began."""
    measure = "fz2020.new_rd_institution"
    assert warning(measure, dt.date(2035, 1, 1)) is None
    assert warning(measure, dt.date(2020, 2, 13)) == (
        "申报日期 2020-02-13 早于该政策施行之日（2020-02-14）：申报书照常生成，"
        "金额按测算日期 2026-03-10 测算；请核对申报日期"
    )


def test_no_date_or_no_such_measure_says_nothing() -> None:
    assert warning("fz2024.compute_use", None) is None
    assert warning("no.such_measure", dt.date(2099, 1, 1)) is None
