"""How the UI shows what the core decided, shared by every view: status colours and sums of money."""

from __future__ import annotations

from decimal import Decimal

# (text, background) of a measure's status badge.
STATUS_COLOURS = {
    "eligible": ("#1b7f3b", "#e3f4e8"),
    "ineligible": ("#a8322d", "#fbe5e3"),
    "incomplete": ("#9a6400", "#fff1d6"),
    "not_in_force": ("#5f6368", "#eceff1"),
}


def format_wan(yuan: Decimal) -> str:
    """Yuan shown in 万元, without trailing zeros: 1250000 → 125, 125000 → 12.5."""
    wan = (yuan / Decimal(10000)).quantize(Decimal("0.0001"))
    text = f"{wan:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_yuan(yuan: Decimal) -> str:
    return f"{yuan:,.2f}"
