"""The shell around the windows: one instance per data folder, the bundled font, Qt's own Chinese
buttons, the settings dialog with its backups, and the demo folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from shenbao.core import fonts
from shenbao.core.store.repository import Store
from shenbao.ui.app import AppSettings, app_icon, create_application, register_font
from shenbao.ui.demo import DEMO_MARK, demo_profiles, prepare_demo_folder
from shenbao.ui.settings_dialog import SettingsDialog
from shenbao.ui.single_instance import SingleInstance, server_name
from tests.ui.conftest import saved_profile


def test_a_second_instance_on_the_same_folder_brings_the_first_forward(qtbot: Any, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "a")
    assert first.acquire()
    try:
        other_folder = SingleInstance(tmp_path / "b")
        assert other_folder.acquire()
        other_folder.release()
        second = SingleInstance(tmp_path / "a")
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert second.acquire() is False
    finally:
        first.release()
    third = SingleInstance(tmp_path / "a")
    assert third.acquire()
    third.release()
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_the_guard_follows_the_window_to_another_folder_unless_it_is_taken(
    qtbot: Any, tmp_path: Path
) -> None:
    window_guard = SingleInstance(tmp_path / "own")
    demo_holder = SingleInstance(tmp_path / "demo")
    assert window_guard.acquire() and demo_holder.acquire()
    try:
        with qtbot.waitSignal(demo_holder.activated, timeout=5000):
            assert window_guard.move_to(tmp_path / "demo") is False  # taken: the holder comes forward
        assert SingleInstance(tmp_path / "own").acquire() is False  # and the old folder is still guarded
        assert window_guard.move_to(tmp_path / "elsewhere")
        newcomer = SingleInstance(tmp_path / "own")
        assert newcomer.acquire()  # the folder left behind is free again
        newcomer.release()
        assert SingleInstance(tmp_path / "elsewhere").acquire() is False
    finally:
        window_guard.release()
        demo_holder.release()


def test_the_bundled_font_is_registered_and_draws_chinese(qapp: QApplication) -> None:
    family = register_font()
    assert family == fonts.FAMILY
    assert family in QFontDatabase.families()
    assert family in QApplication.font().families()
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(c)) for c in "申报助手可申报万元")


def test_qt_own_buttons_speak_chinese_and_the_icon_has_every_size(qapp: QApplication) -> None:
    create_application(language="zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QWizard", "< &Back") != "< &Back"
    sizes = app_icon().availableSizes()
    assert {s.width() for s in sizes} >= {16, 32, 48, 256}


def test_settings_keep_language_and_folder_and_make_and_restore_backups(
    qtbot: Any, data_dir: Path, tmp_path: Path, dialogs: Any
) -> None:
    settings = AppSettings(tmp_path / "settings.ini")
    with Store.open(data_dir) as store:
        store.save_profile(saved_profile(1))
        dialog = SettingsDialog(settings, store, data_dir)
        qtbot.addWidget(dialog)
        before = dialog.backups.count()
        backup = dialog.backup_now()
        assert backup is not None and dialog.backups.count() == before + 1
        store.delete_enterprise(saved_profile(1)["enterprise"]["uscc"])
        dialog.backups.setCurrentRow(0)
        with qtbot.waitSignal(dialog.restored):
            dialog.restore_selected(confirm=False)
        assert store.has_enterprise(saved_profile(1)["enterprise"]["uscc"])
        assert "尚未创建密钥" in dialog.key_label.text()
        dialog.findChild(QComboBox, "language").setCurrentIndex(1)
        dialog.findChild(QLineEdit, "data_dir").setText(str(tmp_path / "elsewhere"))
        dialog.accept()
    again = AppSettings(tmp_path / "settings.ini")
    assert again.language == "en"
    assert again.data_dir == str(tmp_path / "elsewhere")


def test_a_start_that_changes_no_setting_leaves_the_settings_file_as_it_was(
    qtbot: Any, qapp: QApplication, data_dir: Path, tmp_path: Path, dialogs: Any
) -> None:
    """Every start chose the enterprise it had read as the last one and set it again, and QSettings then
    wrote the whole file (a lock file, two syncs to disk, a rename) before the window's first frame. A
    start that changes nothing writes nothing; choosing another enterprise is still kept."""
    from shenbao.ui.main_window import MainWindow

    path = tmp_path / "settings.ini"
    first, second = saved_profile(1), saved_profile(2)
    with Store.open(data_dir) as store:
        store.save_profile(first)
        store.save_profile(second)

    def start() -> Any:
        window = MainWindow(data_dir, AppSettings(path), today=lambda: dt.date(2026, 12, 1))
        qtbot.addWidget(window)
        window.show()
        window.finish_loading()
        qtbot.wait(50)  # QSettings writes on a later turn of the event loop
        return window

    window = start()
    window.select_enterprise(second["enterprise"]["uscc"])
    window.close()
    kept = path.read_bytes()
    assert second["enterprise"]["uscc"] in kept.decode()
    before = path.stat()

    again = start()
    assert again.current == second["enterprise"]["uscc"]
    again.close()
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert path.read_bytes() == kept

    third = start()
    third.select_enterprise(first["enterprise"]["uscc"])
    third.close()
    assert AppSettings(path).last_enterprise == first["enterprise"]["uscc"]
    assert path.stat().st_ino != before.st_ino


def test_settings_say_when_this_run_speaks_another_language_than_the_saved_one(
    qtbot: Any, qapp: Any, data_dir: Path, tmp_path: Path
) -> None:
    """`shenbao gui --language en` on a machine whose setting is 中文: the window spoke English while
    Settings showed 中文（简体） with nothing to say why. The saved choice is still what the list shows
    (it is what the next start uses), and a line says what this run speaks."""
    from shenbao.ui.app import LANGUAGE_PROPERTY

    settings = AppSettings(tmp_path / "settings.ini")
    assert settings.language == "zh_CN"
    before = qapp.property(LANGUAGE_PROPERTY)
    try:
        for running, said in (("en", True), ("zh_CN", False)):
            qapp.setProperty(LANGUAGE_PROPERTY, running)
            dialog = SettingsDialog(settings, None, data_dir)
            qtbot.addWidget(dialog)
            assert dialog.findChild(QComboBox, "language").currentData() == "zh_CN"
            note = dialog.findChild(QLabel, "running_language")
            assert (note is not None) is said
            if said:
                assert "本次运行的界面语言为English" in note.text()
    finally:
        qapp.setProperty(LANGUAGE_PROPERTY, before)


def test_the_demo_folder_holds_the_marked_samples_once(tmp_path: Path) -> None:
    samples = demo_profiles()
    assert len(samples) == 3  # three sample enterprises, each clearly marked
    assert all(doc["enterprise"]["name"].endswith(DEMO_MARK) for doc in samples)
    folder = prepare_demo_folder(tmp_path / "demo")
    prepare_demo_folder(folder)
    with Store.open(folder) as store:
        names = [row.name for row in store.list_enterprises()]
    assert len(names) == len(samples)
    assert all(DEMO_MARK in name for name in names)


@pytest.mark.parametrize(
    ("as_of", "measure"),
    [
        ("2026-09-10", "fz2024.compute_supply"),  # September's window open
        ("2026-11-22", "fj2025.quality_enterprise"),  # no window left before the plan ends
    ],
)
def test_the_demo_s_sample_draft_is_of_a_measure_still_taken(
    tmp_path: Path, as_of: str, measure: str
) -> None:
    """The demo's register showed a fresh draft of 鼓山's 算力运营补贴 in November 2026, with a deadline in
    the 待办, while the preview said its last window had passed; its draft is now of a measure it can
    still apply for on the demo's date."""
    import datetime as dt

    from shenbao.core import register
    from shenbao.ui.demo import add_demo_declarations

    folder = prepare_demo_folder(tmp_path / "demo")
    with Store.open(folder) as store:
        assert add_demo_declarations(store, dt.date.fromisoformat(as_of)) == 5
        drafts = [
            (e.uscc, e.measure) for e in register.entries(store, details=False) if e.state == "generated"
        ]
    assert ("91350100H49D4H3981", measure) in drafts


def test_a_view_s_viewport_is_found_without_building_every_widget_class() -> None:
    """viewport_of() gives the very widget viewport() does, for a table and a tree, and finding it builds
    none of the widget classes Qt for Python tries when viewport() is asked first."""
    script = (
        "import PySide6.QtWidgets as widgets\n"
        "from shenbao.ui.app import viewport_of\n"
        "app = widgets.QApplication([])\n"
        "views = [widgets.QTableView(), widgets.QTreeView()]\n"
        "found = [viewport_of(view) for view in views]\n"
        "print('QCalendarWidget' in vars(widgets), 'QWizard' in vars(widgets))\n"
        "print(all(f is v.viewport() for f, v in zip(found, views)), found[0] is not found[1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True, False and None are immortal from Python 3.12")
def test_the_singletons_get_a_reference_count_no_session_uses_up_without_loading_ctypes() -> None:
    """Each count rises by 2**40; the import itself may drop a few references to None as it frees what
    it made (by 2 when an earlier test had set SHENBAO_CACHE_DIR), so half of that is what is asked."""
    script = (
        "import sys\n"
        "counts = [sys.getrefcount(v) for v in (True, False, None)]\n"
        "import shenbao.ui\n"
        "print(min(sys.getrefcount(v) - c for v, c in zip((True, False, None), counts)) >= 1 << 39)\n"
        "print('ctypes' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]
