"""Shared test set-up: Qt runs offscreen, and the product's reference material (the policy seeds and the
example profiles) is read from tests/fixtures, which the repository holds, so a fresh clone with nothing
beside it runs every test. tests/test_fixtures_sync.py keeps the copies equal to their sources.

The fixtures every folder shares live here, not imported from one test module into another: each test
gets its own in-memory keyring (never the user's), `no_keyring` for the passphrase path, and the
desktop window on an empty data folder with scripted message boxes (`window`, `dialogs`,
`app_settings`)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.store.factory import PASSPHRASE, MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLES = FIXTURES / "domain" / "examples"
SEEDS = FIXTURES / "seeds"
AS_OF = dt.date(2026, 11, 22)  # the desktop window's as-of date in tests


@pytest.fixture(autouse=True, scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The caches (parsed policy files) in a folder of the run's, never the user's; commands started in
    a subprocess inherit it."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("SHENBAO_CACHE_DIR")
    os.environ["SHENBAO_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("SHENBAO_CACHE_DIR", None)
    else:
        os.environ["SHENBAO_CACHE_DIR"] = before


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; SHENBAO_DATA_DIR points at it for code that reads the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SHENBAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The optional recognition extra absent, as on a machine that never installed it: importing it
    fails, as it would there."""
    from shenbao.core.documents.licence import ocr_available

    for name in ("rapidocr", "onnxruntime", "cv2"):
        monkeypatch.setitem(sys.modules, name, None)
    assert not ocr_available()


# --- shared by every folder of tests: the keyring, and the desktop window with scripted dialogs ---


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    """Every store test runs with its own in-memory keyring, never the user's."""
    monkeypatch.delenv("SHENBAO_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch):
    """No keyring backend works: the key comes from SHENBAO_PASSPHRASE."""
    import keyring.backends.fail

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    monkeypatch.setenv("SHENBAO_PASSPHRASE", PASSPHRASE)
    yield
    keyring.set_keyring(previous)


class Dialogs:
    """Records every message box; answers questions and input dialogs from queues."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answers: list[QMessageBox.StandardButton] = []
        self.inputs: list[tuple[str, bool]] = []

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _title, text in self.shown if kind is None or k == kind]

    def _message(self, kind: str) -> Any:
        def show(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.shown.append((kind, title, text))
            if kind == "question":
                return self.answers.pop(0) if self.answers else QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok

        return show

    def _input(self, _parent: Any, title: str, label: str, *args: Any, **kwargs: Any) -> tuple[str, bool]:
        self.shown.append(("input", title, label))
        return self.inputs.pop(0) if self.inputs else ("", False)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder._message(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(recorder._message("about")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(recorder._input))
    return recorder


@pytest.fixture
def app_settings(tmp_path: Path) -> Any:
    from shenbao.ui.app import AppSettings

    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Dialogs) -> Iterator[Any]:
    """The main window, shown and loaded, on an empty data folder."""
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    create_application(language="zh_CN")
    win = MainWindow(data_dir, app_settings, today=lambda: AS_OF)
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    yield win
    if win.editor is not None:
        win.editor.undo_stack.setClean()
    qtbot.waitUntil(lambda: _idle(), timeout=10000)
    win.close()


def _idle() -> bool:
    from shenbao.ui.workers import running

    return running() == 0


@pytest.fixture
def in_english(qapp: Any) -> Iterator[None]:
    """The application speaking English (its catalogue built first), Chinese again afterwards."""
    from shenbao.tools import translations
    from shenbao.ui.app import create_application

    translations.build()
    create_application(language="en")
    yield
    create_application(language="zh_CN")
