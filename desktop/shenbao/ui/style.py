"""How the UI shows what the core decided, shared by every view: status colours and sums of money
(written by shenbao.core.money, the one formatter of the screen, the printout, the CSV and the report)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from shenbao.core import money

# (text, background) of a measure's status badge.
STATUS_COLOURS = {
    "eligible": ("#1b7f3b", "#e3f4e8"),
    "ineligible": ("#a8322d", "#fbe5e3"),
    "incomplete": ("#9a6400", "#fff1d6"),
    "not_in_force": ("#5f6368", "#eceff1"),
}


ERROR_COLOUR = "#a8322d"  # a field's error message
NOTE_COLOUR = "#5f6368"  # a field's source, a hint
WARNING_COLOUR = "#9a6400"


def set_text_colour(widget: QWidget, colour: str) -> None:
    """A label's text colour through its palette: the same look as a `color:` style sheet without one,
    which would make Qt style the widget through its style-sheet engine (the editor has a hundred)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


# Money is written by one formatter, in the core (shenbao.core.money): these names are its, for the UI.
format_wan = money.wan
format_yuan = money.yuan


def amount_text(value: Decimal) -> str:
    """A sum with its unit in the interface's language: "12.5 万元", "0.5 元" (shenbao.core.money)."""
    number, unit = money.amount_parts(value)
    return f"{number} {QCoreApplication.translate('PreviewPanel', unit)}"
