"""The desktop app (Qt Widgets). It presents and edits; the core decides.

Modules here import only PySide6 and the light parts of the core at module level: the store
(sqlite-utils, keyring), the rules catalogue and reportlab are imported after the main window is shown,
so the window appears about as fast as a bare one.
"""

from __future__ import annotations

import sys


def _pin_booleans() -> None:
    """PySide6 6.12's `SignalInstance.emit()` returns `True` without taking a reference to it, so every
    `emit()` made from Python drops one reference to `True`. Python 3.12 made `True` immortal; on 3.11 a
    long session (or a test run) frees it and the interpreter aborts ("bool_dealloc"). Give both booleans
    a reference count no session can use up, as 3.12 does."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40


_pin_booleans()
