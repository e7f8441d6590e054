"""Application windows as whole calendar months (fz2024 三(一): 每年受理两次，分别为 3 月和 9 月): the one
model of when applications are taken, read by the deadlines and the 待办 (core.deadlines) and by the
trace's note on the next window (rules/generic.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def month_windows(
    months: Iterable[int], years: Iterable[int], starts: dt.date | None = None, ends: dt.date | None = None
) -> list[tuple[dt.date, dt.date]]:
    """(opens, closes) of each listed month of those years, both inclusive, in date order, clipped to
    [`starts`, `ends`]: a window wholly outside them is no window at all."""
    out = []
    for year in sorted(set(years)):
        for month in sorted({int(m) for m in months}):
            opens = dt.date(year, month, 1)
            closes = dt.date(year, month, _days_in_month(year, month))
            if starts is not None:
                opens = max(opens, starts)
            if ends is not None:
                closes = min(closes, ends)
            if opens <= closes:
                out.append((opens, closes))
    return out


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """As calendar.monthrange(year, month)[1] (month 1-12), without loading calendar and locale."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]
