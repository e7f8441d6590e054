"""Windows that fit the screen they open on: a laptop at 1366×768 or 1280×720 shows every window and
dialog whole, never larger than the screen's available area (what the task bar and panels leave)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window manager's title bar and frame, which a window's own size does not include.
FRAME = 40


def available(widget: QWidget | None = None) -> tuple[int, int, int, int]:
    """(x, y, width, height) of the area a window may take on `widget`'s screen (else the primary one)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return area.x(), area.y(), area.width(), area.height()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to width × height, or to the screen's available area where that is smaller (less the frame
    the window manager adds), and keep a top-level window inside that area."""
    x, y, w, h = available(widget)
    size_w, size_h = min(width, w - FRAME // 4), min(height, h - FRAME)
    widget.resize(size_w, size_h)
    if widget.isWindow():
        pos = widget.pos()
        widget.move(
            min(max(pos.x(), x), x + max(w - size_w, 0)), min(max(pos.y(), y), y + max(h - size_h - FRAME, 0))
        )
