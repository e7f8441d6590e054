"""Exit 0 when the system pieces the app and its tests use are present, 1 otherwise.

Qt loads GL, EGL, xkbcommon, fontconfig and D-Bus even offscreen; the tests turn printed forms into
images with pdftoppm (poppler-utils) and read their QR code back with zbarimg (zbar-tools). Runs before
the project is installed, so it imports nothing but the standard library."""

import ctypes.util
import shutil
import sys

LIBRARIES = ["GL", "EGL", "xkbcommon", "fontconfig", "dbus-1"]
PROGRAMS = ["pdftoppm", "zbarimg"]

if sys.platform != "linux":
    sys.exit(0)
missing = [name for name in LIBRARIES if ctypes.util.find_library(name) is None]
missing += [name for name in PROGRAMS if shutil.which(name) is None]
if missing:
    print("missing: " + " ".join(missing))
sys.exit(1 if missing else 0)
