"""The frozen bundle carries everything the app reads, and nothing it must not.

No build here: the spec takes its lists from packaging/datafiles.py, which these tests load by path
(`make package` and packaging/check_build.sh build and run the real thing)."""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao import __version__, cli, paths

from .helpers import PACKAGING, REPO, datafiles


@pytest.fixture(scope="module")
def bundled() -> set[str]:
    return datafiles.bundled(datafiles.datas(REPO))


def _rel(path: Path) -> str:
    return path.resolve().relative_to(REPO).as_posix()


def _app_folders() -> dict[str, str]:
    """Every folder shenbao.paths hands out (resources/policies, forms, ...), relative to the root."""
    assert paths.root().resolve() == REPO, "SHENBAO_HOME must not be set for these tests"
    found = {}
    for name, func in inspect.getmembers(paths, inspect.isfunction):
        if func.__module__ != paths.__name__ or name.startswith("_") or inspect.signature(func).parameters:
            continue
        value = func()
        if isinstance(value, Path) and value.resolve() != REPO:
            found[name] = _rel(value)
    return found


def test_every_folder_the_app_reads_is_bundled() -> None:
    folders = datafiles.REQUIRED + datafiles.OPTIONAL
    for name, rel in _app_folders().items():
        assert rel == "resources" or any(rel == f or rel.startswith(f + "/") for f in folders), (
            f"shenbao.paths.{name}() reads {rel}, which packaging/datafiles.py does not ship"
        )
    for rel in ("resources/policies", "resources/fonts", "forms"):
        assert rel in datafiles.REQUIRED
    assert "resources/translations" in folders
    assert "resources/icons" in folders
    assert "docs" in folders


@pytest.mark.parametrize(
    ("folder", "pattern"),
    [
        ("resources/policies", "**/*.toml"),
        ("forms", "*.toml"),
        ("resources/fonts", "*"),
        ("resources/translations", "*.qm"),
        ("resources/icons", "*"),
        ("resources/demo", "**/*"),
        ("docs", "*.md"),
        ("docs", "images/*"),
    ],
)
def test_every_data_file_lands_where_the_frozen_app_looks(
    bundled: set[str], folder: str, pattern: str
) -> None:
    files = [p for p in (REPO / folder).glob(pattern) if p.is_file() and "__pycache__" not in p.parts]
    if folder in datafiles.REQUIRED:
        assert files, f"{folder} is empty"
    missing = [_rel(p) for p in files if _rel(p) not in bundled]
    assert not missing


def test_fonts_and_forms_the_app_opens_are_bundled(bundled: set[str]) -> None:
    from shenbao.core import fonts

    assert _rel(fonts.font_path()) in bundled
    assert _rel(fonts.licence_path()) in bundled
    assert {_rel(p) for p in paths.forms().glob("*.toml")} <= bundled


def test_the_user_guides_and_their_pictures_are_bundled(bundled: set[str]) -> None:
    """Help → 用户指南 (F1) reads the guide of the interface's language from paths.docs(), and each
    picture it shows from beside it."""
    from shenbao.ui.help_view import GUIDES, guide_path

    for language in ("zh_CN", "en_US"):
        guide = guide_path(paths.docs(), language)
        if not guide.is_file():
            continue  # the help window says the guide is missing; the bundle is still good
        assert _rel(guide) in bundled
        for picture in re.findall(r"!\[[^\]]*\]\(([^)\s]+)", guide.read_text(encoding="utf-8")):
            if (guide.parent / picture).is_file():
                assert _rel(guide.parent / picture) in bundled, picture
    assert set(GUIDES.values()) == {"用户指南.md", "user-guide.md"}


def test_destinations_mirror_the_source_tree() -> None:
    for src, dest in datafiles.datas(REPO):
        assert (Path(dest) / Path(src).name).as_posix() == _rel(Path(src))


def test_no_sources_or_caches_are_shipped(bundled: set[str]) -> None:
    for rel in bundled:
        parts = rel.split("/")
        assert "__pycache__" not in parts and not parts[-1].startswith("."), rel
        assert Path(rel).suffix not in {".pyc", ".ts", ".po"}, rel


def test_a_missing_required_folder_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts" / "x.ttc").write_bytes(b"x")
    with pytest.raises(FileNotFoundError, match="resources/policies"):
        datafiles.datas(tmp_path)


def test_translation_sources_stay_out(tmp_path: Path) -> None:
    for folder in datafiles.REQUIRED:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "a.toml").write_text("x = 1\n")
    tr = tmp_path / "resources" / "translations"
    tr.mkdir()
    for name in ("shenbao_en.qm", "shenbao_en.ts", ".hidden.qm"):
        (tr / name).write_bytes(b"x")
    got = datafiles.bundled(datafiles.datas(tmp_path))
    assert "resources/translations/shenbao_en.qm" in got
    assert not {"resources/translations/shenbao_en.ts", "resources/translations/.hidden.qm"} & got


def test_lazily_imported_modules_are_hidden_imports() -> None:
    hidden = datafiles.HIDDEN_PACKAGES

    def covered(module: str) -> bool:
        return any(module == p or module.startswith(p + ".") for p in hidden)

    for group in cli.COMMAND_GROUPS:
        assert covered(group), f"{group} is imported by name in shenbao.cli but not collected"
    rules = REPO / "desktop" / "shenbao" / "core" / "rules"
    for path in rules.glob("*.py"):
        assert covered(f"shenbao.core.rules.{path.stem}")
    assert "keyring.backends" in hidden
    pdf_sources = " ".join(p.read_text(encoding="utf-8") for p in (rules.parent / "pdf").glob("*.py"))
    if "reportlab.graphics.barcode" in pdf_sources:
        assert "reportlab.graphics.barcode" in hidden, "the barcode widgets import their modules by exec"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_app_imports_no_excluded_module() -> None:
    optional = set(datafiles.OCR_PACKAGES) | set(datafiles.UNUSED_WITHOUT_OCR)  # test_ocr_package.py
    excluded = set(datafiles.excludes()) - optional
    for path in sorted((REPO / "desktop" / "shenbao").rglob("*.py")):
        if "tools" in path.relative_to(REPO / "desktop" / "shenbao").parts:
            continue  # development tools, not part of the bundle
        used = {m for m in _imported_modules(path) if m in excluded or m.split(".")[0] in excluded}
        assert not used, (
            f"{_rel(path)} imports {sorted(used)}, excluded from the bundle by packaging/datafiles.py"
        )


def test_needed_qt_modules_are_not_excluded() -> None:
    for name in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert name not in datafiles.QT_EXCLUDES


def test_the_spec_builds_from_datafiles() -> None:
    text = (PACKAGING / "shenbao.spec").read_text(encoding="utf-8")
    compile(text, "shenbao.spec", "exec")
    for needle in (
        "datafiles.datas(ROOT)",
        "datafiles.HIDDEN_PACKAGES",
        "datafiles.excludes()",
        '"launcher.py"',
        'name="shenbao"',
        '"shenbao-cli"',
        "console=False",
        "BUNDLE(",
        "bundle_identifier=",
        '"NSHighResolutionCapable": True',
        '"CFBundleShortVersionString": VERSION',
    ):
        assert needle in text, needle


def test_the_launcher_runs_the_shenbao_command() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SHENBAO_HOME"}
    env["PYTHONPATH"] = str(REPO / "desktop")
    out = subprocess.run(
        [sys.executable, str(PACKAGING / "launcher.py"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )
    assert out.stdout.strip() == f"shenbao {__version__}"


def test_version_numbers() -> None:
    assert datafiles.version(REPO) == __version__
    assert datafiles.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert datafiles.version_tuple("1.2rc1") == (1, 2, 0, 0)
    assert datafiles.version_tuple("2.3.4.5.6") == (2, 3, 4, 5)


def test_only_chinese_and_english_qt_translations_are_kept() -> None:
    keep = datafiles.keep_qt_data
    assert keep("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert keep("PySide6\\Qt\\translations\\qtbase_en.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qt_zh_TW.qm")
    assert keep("resources/translations/shenbao_de.qm")
    assert keep("PySide6/Qt/lib/libQt6Core.so.6")


def test_icons_per_platform(tmp_path: Path) -> None:
    assert datafiles.icon(tmp_path, "linux") is None
    assert datafiles.icon(tmp_path, "win32") is None
    icons = tmp_path / "resources" / "icons"
    icons.mkdir(parents=True)
    for name in ("shenbao-16.png", "shenbao-256.png", "shenbao-48.png", "shenbao.svg"):
        (icons / name).write_bytes(b"x")
    assert datafiles.icon(tmp_path, "win32") == str(icons / "shenbao-256.png")
    assert datafiles.icon(tmp_path, "linux") is None
    (icons / "shenbao.icns").write_bytes(b"icns")
    assert datafiles.icon(tmp_path, "darwin") == str(icons / "shenbao.icns")
    (tmp_path / "packaging" / "linux").mkdir(parents=True)
    names = [p.name for p in datafiles.linux_extras(tmp_path)]
    assert names == [
        "shenbao.desktop",
        "install.sh",
        "shenbao.svg",
        "shenbao-256.png",
        "shenbao-48.png",
        "shenbao-16.png",
    ]


def test_the_frozen_command_line_starts_without_qt(tmp_path: Path) -> None:
    """The spec swaps PyInstaller's PySide6 run-time hook (which imports QtCore) for rthooks/qt_paths.py."""
    spec = (PACKAGING / "shenbao.spec").read_text(encoding="utf-8")
    assert 'entry[0] != "pyi_rth_pyside6"' in spec
    assert '"rthooks" / "qt_paths.py"' in spec
    code = (
        "import os, runpy, sys\n"
        f"sys._MEIPASS = {str(tmp_path)!r}\n"
        f"runpy.run_path({str(PACKAGING / 'rthooks' / 'qt_paths.py')!r})\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), sorted(sys.modules)\n"
        "print(os.environ['QT_PLUGIN_PATH'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    qt = tmp_path / "PySide6" if sys.platform == "win32" else tmp_path / "PySide6" / "Qt"
    assert out.stdout.strip() == str(qt / "plugins")


def test_the_qt_plugins_the_app_loads_are_kept_and_the_others_left_out() -> None:
    keep = datafiles.keep_qt_binary
    plugins = "PySide6/Qt/plugins/"
    for name in (
        "platforms/libqoffscreen.so",
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "imageformats/libqjpeg.so",
        "imageformats/libqsvg.so",
        "imageformats/libqico.so",
        "imageformats/libqwebp.so",
        "iconengines/libqsvgicon.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "wayland-shell-integration/libxdg-shell.so",
    ):
        assert keep(plugins + name), name
    for name in (
        "platforms/libqvnc.so",
        "platforms/libqeglfs.so",
        "tls/libqopensslbackend.so",
        "generic/libqevdevmouseplugin.so",
        "networkinformation/libqglib.so",
        "imageformats/libqicns.so",
    ):
        assert not keep(plugins + name), name
    assert keep("PySide6/Qt/lib/libQt6Gui.so.6") and keep("PySide6/Qt/lib/libQt6Network.so.6")
    assert not keep("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6")
    assert keep("libpython3.11.so.1.0") and keep("PIL/_imaging.cpython-311-x86_64-linux-gnu.so")


def test_only_chinas_number_databases_of_stdnum_are_kept() -> None:
    keep = datafiles.keep_qt_data
    assert keep("stdnum/cn/loc.dat")
    assert not keep("stdnum/oui.dat") and not keep("stdnum/imsi.dat")
    assert keep("stdnum/cn/uscc.py")


def test_pillows_core_stays_for_reportlab_and_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datafiles.OCR_ENV, raising=False)
    excluded = set(datafiles.excludes())
    assert "PIL" not in excluded and "PIL._imaging" not in excluded
    assert {"PIL._avif", "PIL._webp", "pypdfium2"} <= excluded


def test_the_compute_keywords_of_the_invoice_import_are_bundled(bundled: set[str]) -> None:
    """The invoice import reads resources/invoices/compute_items.toml (core.documents.intake)."""
    assert "resources/invoices/compute_items.toml" in bundled
