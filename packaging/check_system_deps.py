"""Exit 0 when the shared libraries Qt loads are present, 1 otherwise (no Qt import: runs before install)."""

import ctypes.util
import sys

NEEDED = ["GL", "EGL", "xkbcommon", "fontconfig", "dbus-1"]

if sys.platform != "linux":
    sys.exit(0)
missing = [name for name in NEEDED if ctypes.util.find_library(name) is None]
sys.exit(1 if missing else 0)
