"""`shenbao gui`: the real command renders views offscreen to PNG files, makes the demo folder, and
refuses unknown views in one line of Chinese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from shenbao.core.store.repository import Store
from tests.store.factory import cli_env
from tests.ui.drive import run_gui


@pytest.mark.slow
def test_screenshot_of_the_demo_main_window(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "main.png"
    result = run_gui(data_dir, tmp_path, "--demo", "--as-of", "2026-11-22", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert len({image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}) > 20  # not blank
    listing = subprocess.run(
        [sys.executable, "-m", "shenbao", "profiles", "list", "--format", "json"],
        env=cli_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "（示例）" in listing.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    "view", ["library", "park", "wizard:fz2024.compute_use", "welcome", "tour", "about", "help", "invoices"]
)
def test_screenshot_of_the_other_views(data_dir: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"{view}.png"
    result = run_gui(data_dir, tmp_path, "--demo", "--screenshot", str(out), "--view", view)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() > 300 and image.height() > 300
    assert (
        len({image.pixel(x, y) for x in range(0, image.width(), 13) for y in range(0, image.height(), 11)})
        > 8
    )
    from shenbao.ui.app import AppSettings

    assert not AppSettings(
        tmp_path / "settings.ini"
    ).tour_done  # a picture of the tour is not the user's tour


def test_a_wizard_screenshot_writes_nothing_and_asks_for_no_passphrase(
    data_dir: Path, tmp_path: Path
) -> None:
    """With no keyring and no passphrase, opening a wizard must not wait for one: it writes nothing."""
    assert run_gui(data_dir, tmp_path, "--demo", "--screenshot", str(tmp_path / "main.png")).returncode == 0
    env_less = {"SHENBAO_PASSPHRASE": ""}
    out = tmp_path / "wizard.png"
    result = run_gui(
        data_dir, tmp_path, "--screenshot", str(out), "--view", "wizard:fj2025.compute_voucher", **env_less
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() > 600
    with Store.open(data_dir, daily_backup=False) as store:
        assert store.list_declarations() == []


def test_an_unknown_view_is_refused_in_one_line(data_dir: Path, tmp_path: Path) -> None:
    result = run_gui(data_dir, tmp_path, "--screenshot", str(tmp_path / "x.png"), "--view", "nowhere")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "未知的视图" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_no_command_means_therun_gui(tmp_path: Path) -> None:
    from shenbao.cli import build_parser

    args = build_parser().parse_args(["gui", "--demo", "--data-dir", str(tmp_path)])
    assert args.handler.__module__ == "shenbao.commands.gui"
    assert args.demo and os.fspath(tmp_path) == args.data_dir


def test_screenshots_and_timed_starts_neither_welcome_nor_tour(data_dir: Path, tmp_path: Path) -> None:
    """The tour marks itself seen when it starts: after these runs a real start must still show it."""
    from shenbao.ui.app import AppSettings

    empty = tmp_path / "empty"
    assert run_gui(empty, tmp_path, "--exit-after-show").returncode == 0
    assert run_gui(data_dir, tmp_path, "--demo", "--exit-after-show").returncode == 0
    shot = run_gui(data_dir, tmp_path, "--screenshot", str(tmp_path / "main.png"))
    assert shot.returncode == 0, shot.stderr
    assert not AppSettings(tmp_path / "settings.ini").tour_done


def test_screenshot_of_the_register_with_the_demo_declarations(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.png"
    result = run_gui(
        data_dir, tmp_path, "--demo", "--as-of", "2026-11-22", "--screenshot", str(out), "--view", "register"
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() > 300
    listing = subprocess.run(
        [sys.executable, "-m", "shenbao", "declarations", "list", "--format", "json"],
        env=cli_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    states = sorted(d["state"] for d in json.loads(listing.stdout))
    assert states == ["accepted", "generated", "generated", "paid", "submitted"]


def test_a_screenshot_that_needs_a_passphrase_nobody_can_type_ends_in_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    """The register's demo declarations need the data key; with no keyring and no passphrase the run
    cannot ask anyone, so it stops with the reason instead of waiting on an unseen dialog."""
    out = tmp_path / "register.png"
    result = run_gui(
        data_dir, tmp_path, "--demo", "--screenshot", str(out), "--view", "register", SHENBAO_PASSPHRASE=""
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SHENBAO_PASSPHRASE" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    with Store.open(data_dir, daily_backup=False) as store:  # the key made from the environment later
        assert store.list_declarations() == []


def test_a_screenshot_copies_the_frame_as_drawn_without_drawing_it_again(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the offscreen platform the picture of a shown window is what was drawn on the first pass,
    the same to the pixel as drawing it again; a part of a window is still drawn into the picture."""
    from PySide6.QtWidgets import QApplication

    from shenbao.commands.gui import drawn_frame

    window.resize(1200, 800)
    qtbot.waitExposed(window)
    for _ in range(3):
        QApplication.processEvents()
    drawn_again = window.grab().toImage()
    part = window.preview.grab().toImage()

    def no_second_drawing(*_args: Any) -> Any:
        raise AssertionError("drawn again")

    monkeypatch.setattr(type(window), "grab", no_second_drawing)
    frame = drawn_frame(window).toImage()
    assert frame.size() == drawn_again.size() and frame == drawn_again.convertToFormat(frame.format())
    assert drawn_frame(window.preview).toImage() == part


def test_the_quick_scan_for_pyside_gives_qt_for_python_s_own_answers(tmp_path: Path) -> None:
    """Qt for Python's import hook, asking whether each new module's source names PySide6, gets the
    answer it would have got through inspect.getsource: for the app's modules and the standard library's,
    for a module without a source file, and for one whose source file has gone since it was imported."""
    import importlib.util
    import inspect
    import types

    from shenbao.commands.gui import scan_imports_for_pyside_quickly

    scan_imports_for_pyside_quickly()
    scan_imports_for_pyside_quickly()  # a second start in the same process keeps one layer
    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "reads_bytes", False)

    def slow(module: types.ModuleType) -> bool:
        try:
            return "PySide6" in inspect.getsource(module)
        except (OSError, TypeError, SyntaxError):
            return False

    modules = [m for name, m in sorted(sys.modules.items()) if name.startswith(("shenbao", "json", "email"))]
    modules += [sys.modules["math"], sys.modules["PySide6.QtCore"]]  # built in; an extension module
    assert len(modules) > 30
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: slow(m) for m in modules}
    assert answers["shenbao.commands.gui"] and answers["shenbao.ui.app"]
    assert not answers["shenbao.core.rules.engine"] and not answers["json"]

    gone = tmp_path / "gone_module.py"
    gone.write_text("import PySide6\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("gone_module", gone)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert quick(module)
    gone.unlink()
    assert not quick(module)


def test_the_window_takes_as_of_as_every_command_does() -> None:
    """`shenbao gui --as-of 2026/12/10` as preview and todo take it; an impossible date in one line."""
    import datetime as dt

    from shenbao.commands.gui import _as_of
    from shenbao.errors import KnownError

    for typed in ("2026-12-10", "2026/12/10", "2026年12月10日"):
        assert _as_of(typed) == dt.date(2026, 12, 10)
    assert _as_of(None) is None
    with pytest.raises(KnownError, match="--as-of"):
        _as_of("2026-02-30")


# Built by Qt for Python only when Python names them or is handed one: QStyle (two dozen enumerations),
# the widget classes tried one by one for the first viewport() asked for, the event classes of the first
# event an event filter sees, and the dialogs shown on other paths.
NOT_BUILT = (
    "QStyle",
    "QMdiArea",
    "QGraphicsView",
    "QCalendarWidget",
    "QKeyEvent",
    "QMouseEvent",
    "QDragEnterEvent",
    "QDropEvent",
    "QFileDialog",
    "QProgressDialog",
)


def test_the_first_frame_builds_no_qt_class_it_does_not_draw(data_dir: Path, tmp_path: Path) -> None:
    """Qt for Python makes a Qt class (and every enumeration in it) the first time Python names it: the
    main window's first frame, with enterprises listed, names none of the classes only other paths use
    (QStyle's two dozen enumerations alone cost the start 4 ms)."""
    assert run_gui(data_dir, tmp_path, "--demo", "--screenshot", str(tmp_path / "demo.png")).returncode == 0
    script = (
        "import sys, PySide6.QtWidgets as widgets\n"
        "from shenbao.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "import PySide6.QtGui as gui\n"
        "built = {**vars(widgets), **vars(gui)}\n"
        f"print(sorted(name for name in {NOT_BUILT!r} if name in built))\n"
        "sys.exit(code)\n"
    )
    assert last_line_of_a_start(script, data_dir, tmp_path) == "[]"


def test_the_first_frame_compiles_neither_toml_messages_nor_english_formula_words(
    data_dir: Path, tmp_path: Path
) -> None:
    """The window's start compiles no expression only a refused file or the English window needs: the
    TOML syntax messages (`core.toml_cache`) and the English formula words (`ui.style`) are compiled when
    first used (their character classes were 7 ms of the first frame). What they say is tested with the
    packs (test_toml_syntax_in_english.py, test_formula_words_in_english.py)."""
    script = (
        "import json, re, sys\n"
        "from shenbao.cli import main\n"
        "code = main([*sys.argv[1:], '--first-frame'])\n"
        "print(json.dumps([key[1] for key in re._cache if isinstance(key[1], str)]))\n"  # re.compile's, by text
        "sys.exit(code)\n"
    )
    compiled = json.loads(last_line_of_a_start(script, data_dir, tmp_path))
    assert compiled, "the start compiles some expressions; the cache must show them"
    assert not [p for p in compiled if p in ("Invalid statement", "Unclosed inline table")]  # TOML's
    assert not [p for p in compiled if p.endswith(("是(?![\u3400-\u9fff])", "（含）档"))]  # formula words


def last_line_of_a_start(script: str, data: Path, tmp_path: Path) -> str:
    """The last line `script` prints after it ran `shenbao gui --screenshot` on `data` (the command's
    arguments are its own), in a process of its own."""
    env = cli_env(data, SHENBAO_SETTINGS=str(tmp_path / "settings.ini"), QT_QPA_PLATFORM="offscreen")
    shot = str(tmp_path / "m.png")
    result = subprocess.run(
        [sys.executable, "-c", script, "gui", "--data-dir", str(data), "--screenshot", shot],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_the_window_s_modules_load_no_dialog_before_one_is_shown() -> None:
    """The main window's modules and those it loads in its first frame name no dialog class at import:
    message boxes, file and input dialogs, the progress dialog and the welcome's and licence dialog's
    own widgets are built by Qt for Python when one is first shown."""
    dialogs = ("QMessageBox", "QFileDialog", "QInputDialog", "QProgressDialog", "QDialogButtonBox")
    script = (
        "import PySide6.QtWidgets as widgets\n"
        "import shenbao.ui.main_window, shenbao.ui.first_run, shenbao.ui.data_folder\n"
        "import shenbao.ui.licence_import, shenbao.ui.operations, shenbao.ui.workers\n"
        f"print(sorted(name for name in {dialogs!r} + ('QCommandLinkButton', 'QTableWidget')"
        " if name in vars(widgets)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]"]


def test_a_start_with_no_secret_to_read_loads_no_openssl(tmp_path: Path) -> None:
    """The keyed digests and the cipher load hashlib, and with it OpenSSL (4 ms of a start), when a key
    is opened: a folder whose shown enterprise holds no ID number or phone starts without them."""
    from shenbao.core.model import parse_profile
    from tests.store.factory import make_profile

    data = tmp_path / "data"
    doc = make_profile(1, engineers=0)
    doc["enterprise"].pop("contact_phone")
    with Store.open(data, daily_backup=False) as store:
        store.save_profile(parse_profile(doc, require_uscc=True))
    script = (
        "import sys\n"
        "from shenbao.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(sorted(name for name in ('_hashlib', 'hashlib', 'hmac') if name in sys.modules))\n"
        "sys.exit(code)\n"
    )
    assert last_line_of_a_start(script, data, tmp_path) == "[]"


def test_the_first_frame_is_grabbed_before_what_drawing_it_posted_runs(qapp: Any, qtbot: Any) -> None:
    """`--first-frame` stops the event loop's turns once the window has been drawn: what its drawing posted
    for later (the editor's groups below the fold are made so) has not run, and would with the turns a
    settled picture waits."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    from shenbao.commands.gui import first_frame_drawn

    class Late(QWidget):
        painted = posted = 0

        def paintEvent(self, _event: Any) -> None:  # noqa: N802 -- Qt's name
            self.painted += 1
            QTimer.singleShot(0, self.run_posted)

        def run_posted(self) -> None:
            self.posted += 1

    window = Late()
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    first_frame_drawn(qapp, window)
    assert (window.painted, window.posted) == (1, 0)
    for _ in range(3):
        qapp.processEvents()
    assert window.posted >= 1


@pytest.mark.slow
def test_the_first_frame_of_the_main_window_already_shows_what_the_settled_one_does(
    data_dir: Path, tmp_path: Path
) -> None:
    """The timed start's picture (`--first-frame`) is the window with its list, editor and preview
    filled: it differs from the picture taken three turns later only where the fields' clear buttons fade
    in."""
    pictures = []
    for name, extra in (("first", ["--first-frame"]), ("settled", [])):
        out = tmp_path / f"{name}.png"
        fresh = tmp_path / name  # settings of its own: a window closed keeps its columns' widths
        fresh.mkdir()
        result = run_gui(data_dir, fresh, "--demo", "--as-of", "2026-11-22", "--screenshot", str(out), *extra)
        assert result.returncode == 0, result.stderr
        pictures.append(QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32))
    first, settled = pictures
    assert first.size() == settled.size()
    differ = [
        (x, y)
        for x in range(first.width())
        for y in range(first.height())
        if first.pixel(x, y) != settled.pixel(x, y)
    ]
    assert len(differ) < first.width() * first.height() // 200, len(differ)
