"""One model of application windows: whole calendar months clipped to a period, read alike by the
deadlines (the 待办) and by the trace's note on the next window."""

from __future__ import annotations

import datetime as dt

import pytest

from shenbao.core.deadlines import next_window
from shenbao.core.policies import shipped_catalogue
from shenbao.core.rules.generic import next_window as note_window
from shenbao.core.windows import month_windows

D = dt.date


def test_month_windows_are_whole_months_clipped_at_both_ends() -> None:
    assert month_windows([9, 3], [2026]) == [(D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 9, 1), D(2026, 9, 30))]
    assert month_windows([3, 9], [2024], starts=D(2024, 3, 20)) == [
        (D(2024, 3, 20), D(2024, 3, 31)),
        (D(2024, 9, 1), D(2024, 9, 30)),
    ]
    assert month_windows([3, 9], [2026], ends=D(2026, 9, 1)) == [
        (D(2026, 3, 1), D(2026, 3, 31)),
        (D(2026, 9, 1), D(2026, 9, 1)),  # the last day of force, inclusive
    ]
    assert month_windows([12], [2026], ends=D(2026, 11, 30)) == []  # wholly after: no window
    assert month_windows([2], [2028]) == [(D(2028, 2, 1), D(2028, 2, 29))]


@pytest.mark.parametrize(
    "as_of", [D(2025, 2, 28), D(2025, 3, 1), D(2025, 3, 31), D(2025, 4, 1), D(2026, 9, 30), D(2026, 10, 1)]
)
def test_the_deadlines_and_the_trace_name_the_same_window(as_of: dt.date) -> None:
    cat = shipped_catalogue()
    measure = cat.measures["fz2024.compute_supply"]
    document = cat.documents[measure.document]
    months = [int(m) for m in measure.params["window_months"].at(as_of)]
    window = next_window(measure, document, as_of)
    note = note_window(as_of, months, plan_ends=document.in_force_to)
    if window is None:
        assert note == "方案有效期至 2026-12-31，此前已无受理期"
    elif window.is_open(as_of):
        assert note == f"本月（{as_of.year} 年 {as_of.month} 月）为受理期"
    else:
        assert note == f"下一受理期：{window.opens.year} 年 {window.opens.month} 月"


def test_a_month_ends_on_the_day_the_calendar_says() -> None:
    import calendar

    from shenbao.core.windows import _days_in_month

    for year in (*range(1, 2500), 9999):
        for month in range(1, 13):
            assert _days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
