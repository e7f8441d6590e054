"""What goes into the frozen bundle besides the code: data files, lazily imported modules, excluded Qt.

shenbao.spec builds from these lists and tests/packaging checks them without building, so the two
cannot drift. Standard library only: the spec and the tests load this file by path (a folder named
`packaging` must not become an importable package, or it would shadow the PyPI `packaging` library).

Data files keep their place relative to the repository root: `resources/policies/x.toml` lands in
`<bundle>/resources/policies/x.toml`, which is where shenbao.paths looks under sys._MEIPASS.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path, PurePosixPath

# Folders the app reads through shenbao.paths (resources/invoices: the invoice import's keywords); the build
# refuses to run if one is missing or empty.
REQUIRED = ("resources/policies", "resources/fonts", "resources/invoices", "forms")
# Shipped when present: translations are compiled by `make translations`, the icon and the demo
# enterprises come with the app, and the user guide with its pictures opens from Help (F1) offline.
OPTIONAL = ("resources/translations", "resources/icons", "resources/demo", "docs")

# Sources and build leftovers never shipped. Translations ship compiled (*.qm) only.
SKIP_NAMES = {"__pycache__", ".DS_Store", "Thumbs.db"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts", ".po", ".pot", ".orig", ".rej", ".swp"}

# The optional recognition extra (`shenbao[ocr]`: RapidOCR with its models, onnxruntime, OpenCV; about
# 390 MB) stays out of the standard package even when the build environment has it installed: the app
# then says how to add it. SHENBAO_PACKAGE_OCR=1 builds the larger package with it, RapidOCR's models
# and configuration collected as data.
OCR_PACKAGES = ("rapidocr", "onnxruntime", "cv2")
OCR_ENV = "SHENBAO_PACKAGE_OCR"


def with_ocr() -> bool:
    return os.environ.get(OCR_ENV) == "1"


# Imported by name at run time, so the import scanner cannot see them: shenbao.cli.COMMAND_GROUPS, the
# formula modules, keyring's backends (entry points) and reportlab's barcode widgets (an exec'd
# `from reportlab.graphics.barcode.code128 import …` when the QR code module loads).
HIDDEN_PACKAGES = (
    "shenbao.commands",
    "shenbao.core.rules",
    "shenbao.ui",
    "keyring.backends",
    "reportlab.graphics.barcode",
) + (("rapidocr",) if with_ocr() else ())

# Qt modules the app does not use. PyInstaller's Qt hooks pull a module's libraries and plugins only
# when it is imported; excluding them keeps an accidental import (or a full PySide6 in a developer's
# environment) from adding tens of megabytes. tests/packaging checks that desktop/ imports none of them.
QT_EXCLUDES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
)
# Development tools and GUI toolkits that are never part of the app (pdfplumber is: it reads invoices). pkg_resources is only python-stdnum's
# fallback for Python < 3.9, yet bundling it runs PyInstaller's pkg_resources hook at every start.
OTHER_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "hypothesis",
    "mypy",
    "ruff",
    "pypdf",
    "IPython",
    "pkg_resources",
    "setuptools",
)
# Left out of the standard package, whose app never loads them; the larger one with the recognition
# extra keeps them. pypdfium2 (8 MB) draws a scanned PDF's pages for the recogniser (reached only once
# the extra is found); Pillow's AVIF, WebP, font, colour-management and Tk extensions with their
# libraries (9 MB): reportlab and pdfplumber use Pillow's core, and the window shows pictures through Qt.
UNUSED_WITHOUT_OCR = (
    "pypdfium2",
    "pypdfium2_raw",
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL._imagingmath",
    "PIL._imagingmorph",
    "PIL.ImageTk",
    "PIL.ImageQt",
)


def excludes() -> list[str]:
    ocr = [] if with_ocr() else list(OCR_PACKAGES) + list(UNUSED_WITHOUT_OCR)
    return [f"PySide6.{name}" for name in QT_EXCLUDES] + list(OTHER_EXCLUDES) + ocr


def ocr_datas() -> list[tuple[str, str]]:
    """RapidOCR's models and configuration files, where the package keeps them; FileNotFoundError when
    the extra is not installed in the build environment."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{OCR_ENV}=1 but rapidocr is not installed: pip install -e '.[ocr]'")
    base = Path(list(spec.submodule_search_locations)[0])
    return [
        (str(path), str(PurePosixPath("rapidocr", path.parent.relative_to(base).as_posix())))
        for path in sorted(base.rglob("*"))
        if path.is_file() and path.suffix not in {".py", ".pyc", ".pyi"} and _shipped(path.relative_to(base))
    ]


def _shipped(path: Path) -> bool:
    return not (
        path.name.startswith(".")
        or path.suffix in SKIP_SUFFIXES
        or any(part in SKIP_NAMES for part in path.parts)
    )


def files_of(root: Path, folder: str) -> list[Path]:
    """Every shipped file under root/folder, sorted."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and _shipped(p.relative_to(root)))


def datas(root: str | Path) -> list[tuple[str, str]]:
    """PyInstaller `datas`: (source file, destination folder inside the bundle) for every file shipped.

    Raises FileNotFoundError naming the folder when a required folder is missing or empty, so a
    bundle without its policies or forms is never built.
    """
    root = Path(root).resolve()
    entries: list[tuple[str, str]] = []
    for folder in REQUIRED + OPTIONAL:
        files = files_of(root, folder)
        if not files and folder in REQUIRED:
            raise FileNotFoundError(f"{root / folder}: missing or empty; the app cannot run without it")
        for path in files:
            entries.append((str(path), str(PurePosixPath(path.parent.relative_to(root).as_posix()))))
    return entries + (ocr_datas() if with_ocr() else [])


def bundled(entries: list[tuple[str, str]]) -> set[str]:
    """The bundle-relative paths (posix) that `entries` put in the bundle, as PyInstaller lays them out."""
    return {str(PurePosixPath(dest) / Path(src).name) for src, dest in entries}


def _pngs(icons: Path) -> list[Path]:
    """The app's PNG icons, largest first: shenbao-<size>.png (the sizes the window uses), shenbao.png."""
    sized = [
        (int(p.stem.rsplit("-", 1)[1]), p)
        for p in icons.glob("shenbao-*.png")
        if p.stem.rsplit("-", 1)[1].isdigit()
    ]
    plain = [(0, icons / "shenbao.png")] if (icons / "shenbao.png").is_file() else []
    return [p for _, p in sorted(sized, reverse=True) + plain]


def icon(root: str | Path, platform: str) -> str | None:
    """The app icon for an executable or bundle: .ico on Windows, .icns on macOS, else None.

    Falls back to the largest PNG, which PyInstaller converts with Pillow (installed with reportlab).
    """
    icons = Path(root) / "resources" / "icons"
    wanted = {"win32": ".ico", "darwin": ".icns"}.get(platform)
    if wanted is None:
        return None
    if (icons / f"shenbao{wanted}").is_file():
        return str(icons / f"shenbao{wanted}")
    pngs = _pngs(icons)
    return str(pngs[0]) if pngs else None


def linux_extras(root: str | Path) -> list[Path]:
    """Files put beside the Linux executable: the menu entry, its installer and the icons it names."""
    root = Path(root)
    icons = root / "resources" / "icons"
    extras = [root / "packaging" / "linux" / "shenbao.desktop", root / "packaging" / "linux" / "install.sh"]
    if (icons / "shenbao.svg").is_file():
        extras.append(icons / "shenbao.svg")
    return extras + _pngs(icons)


def version(root: str | Path) -> str:
    """shenbao.__version__, read from the source without importing the package."""
    text = (Path(root) / "desktop" / "shenbao" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if match is None:
        raise ValueError("desktop/shenbao/__init__.py: no __version__")
    return match.group(1)


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """Four numbers for a Windows version resource: "0.1.0" → (0, 1, 0, 0), "1.2rc1" → (1, 2, 0, 0)."""
    numbers = [int(m.group()) for m in (re.match(r"\d+", part) for part in text.split(".")[:4]) if m]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


# Qt's own translations (standard buttons and dialogs): the app speaks Chinese and English only.
QT_LANGUAGES = ("zh_CN", "en")


def keep_qt_data(dest: str) -> bool:
    """False for a Qt translation of another language, and for python-stdnum's number databases other
    than China's (the app checks Chinese codes only); everything else PyInstaller collected stays."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if path.parts[:1] == ("stdnum",) and path.suffix == ".dat":
        return path.parts[1:2] == ("cn",)
    if path.suffix != ".qm" or "PySide6" not in path.parts:
        return True
    return any(path.stem.endswith("_" + lang) for lang in QT_LANGUAGES)


# Qt plug-ins the app never loads, by folder (every file in it) or by file name: embedded-Linux
# platforms (eglfs, linuxfb, VNC, Vulkan display, minimal), touch and tablet input devices, network
# reachability and TLS (the app talks to nothing but a local socket), and image formats it never
# opens (Apple icons, TGA, WBMP). Kept: the offscreen, X11 and Wayland platforms with their
# integrations, input methods (ibus, compose: Chinese typing), themes, the SVG icon engine, and
# the JPEG, PNG, TIFF, WebP, GIF, ICO and SVG readers (icons; licence photos shown in the window).
UNUSED_QT_PLUGIN_FOLDERS = ("egldeviceintegrations", "generic", "networkinformation", "tls")
UNUSED_QT_PLUGINS = (
    "libqeglfs.so",
    "libqlinuxfb.so",
    "libqminimal.so",
    "libqminimalegl.so",
    "libqvkkhrdisplay.so",
    "libqvnc.so",
    "libqicns.so",
    "libqtga.so",
    "libqwbmp.so",
)
# Qt libraries only the plug-ins above need.
UNUSED_QT_LIBS = ("libQt6EglFSDeviceIntegration.so.6", "libQt6EglFsKmsSupport.so.6")


def keep_qt_binary(dest: str) -> bool:
    """False for a Qt plug-in or library the app never loads (see UNUSED_QT_PLUGINS)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if "PySide6" not in path.parts:
        return True
    if "plugins" in path.parts:
        folder = path.parts[path.parts.index("plugins") + 1 : -1]
        return not (set(folder) & set(UNUSED_QT_PLUGIN_FOLDERS)) and path.name not in UNUSED_QT_PLUGINS
    return path.name not in UNUSED_QT_LIBS
