"""Application windows as whole calendar months (fz2024 三(一): 每年受理两次，分别为 3 月和 9 月): the one
model of when applications are taken, read by the deadlines and the 待办 (core.deadlines) and by the
trace's note on the next window (rules/generic.py)."""

from __future__ import annotations

import calendar
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
            closes = dt.date(year, month, calendar.monthrange(year, month)[1])
            if starts is not None:
                opens = max(opens, starts)
            if ends is not None:
                closes = min(closes, ends)
            if opens <= closes:
                out.append((opens, closes))
    return out
