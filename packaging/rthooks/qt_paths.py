"""Point Qt at the bundled plugins without importing Qt at start.

Replaces PyInstaller's PySide6 run-time hook, which imports PySide6.QtCore in every process to check
for an embedded qt.conf: 50 ms on each `shenbao preview`, a command that never uses Qt. PySide6's
QtCore registers that qt.conf itself when the window first imports it, so only the environment is
set here, as the original hook sets it.
"""

import os
import sys


def _qt_paths() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return
    qt = os.path.join(base, "PySide6") if sys.platform == "win32" else os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        # OpenSSL DLLs collected beside the executable, for QtNetwork.
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    elif sys.platform == "darwin" and ".app/Contents/" not in base:
        os.environ["DYLD_LIBRARY_PATH"] = base + os.pathsep + os.environ.get("DYLD_LIBRARY_PATH", "")


_qt_paths()
