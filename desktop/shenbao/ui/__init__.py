"""The desktop app (Qt Widgets). It presents and edits; the core decides.

Modules here import only PySide6 and the light parts of the core at module level: the store
(sqlite-utils, keyring), the rules catalogue and reportlab are imported after the main window is shown,
so the window appears about as fast as a bare one.
"""

from __future__ import annotations

import sys


def _pin_singletons() -> None:
    """PySide6 6.12 on Python 3.11 returns `True` from `SignalInstance.emit()` and `None` from void
    methods such as `QPainter.save()` without taking a reference, so every such call drops one
    reference to the singleton. Python 3.12 made them immortal; on 3.11 a long session (or a test run,
    or a delegate painting a table) frees them and the interpreter aborts ("bool_dealloc",
    "none_dealloc"). Give them a reference count no session can use up, as 3.12 does."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    from _ctypes import _SimpleCData  # the one type needed, without ctypes' own module (1.4 ms to load)

    class SsizeT(_SimpleCData):  # ctypes.c_ssize_t: a C long long on 64-bit systems, an int on 32-bit
        _type_ = "q" if sys.maxsize > 2**32 else "i"

    for value in (True, False, None):
        SsizeT.from_address(id(value)).value += 1 << 40


_pin_singletons()
