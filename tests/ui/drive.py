"""Driving the real widgets as a user does: typing (keys for ASCII, the input method's committed text
for Chinese), editing a table cell, pressing 下一步 and 完成."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWizard

from tests.store.factory import cli_env


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type as a user would: ASCII as key presses, anything else as an input method commits it (QTest
    cannot press keys for characters outside ASCII)."""
    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_into(qtbot: Any, field_editor: Any, text: str) -> None:
    """Replace what a field's line holds with `text`, typed, and leave it (the field commits)."""
    line = field_editor.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(qtbot, line, text)
    line.editingFinished.emit()


def retype(qtbot: Any, line: QLineEdit, text: str) -> None:
    """Select what a line holds, type over it and leave the field."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(qtbot, line, text)
    line.editingFinished.emit()


def type_cell(qtbot: Any, field_editor: Any, row: int, column: int, text: str) -> None:
    """Edit one cell of a wizard's detail table: open the cell's editor, type, press Enter."""
    table = field_editor.table
    index = field_editor.model.index(row, column)
    if table.indexWidget(index) is None:
        table.setCurrentIndex(index)
        table.edit(index)
    line = table.indexWidget(index)
    assert isinstance(line, QLineEdit)
    line.selectAll()
    type_text(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.indexWidget(index) is None, timeout=2000)  # committed (queued)


def add_row(qtbot: Any, field_editor: Any, *cells: str) -> None:
    qtbot.mouseClick(field_editor.add_button, Qt.MouseButton.LeftButton)
    row = field_editor.model.rowCount() - 1
    for column, text in enumerate(cells):
        type_cell(qtbot, field_editor, row, column, text)


def click(qtbot: Any, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), wizard.currentPage().objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill_new_enterprise(qtbot: Any, window: Any, i: int) -> str:
    """Type a new enterprise's name, code (in lower case, as people type it) and city into the window's
    editor; its code."""
    from tests.ui.conftest import saved_profile

    profile = saved_profile(i)
    editor = window.editor
    type_text(qtbot, editor.widget("enterprise.name"), profile["enterprise"]["name"])
    type_text(qtbot, editor.widget("enterprise.uscc"), profile["enterprise"]["uscc"].lower())
    type_text(qtbot, editor.widget("enterprise.city"), "福州市")
    return profile["enterprise"]["uscc"]


def drop_files(widget: Any, files: list[Path]) -> None:
    """Drag files from a file manager onto `widget` and drop them there."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    args = (
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()  # as a real drag does, the page takes files before they are dropped
    QApplication.sendEvent(widget, QDropEvent(*args))


def run_gui(data_dir: Path, tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """The real `shenbao gui` command on the offscreen platform, with its own settings file."""
    env = cli_env(
        data_dir, SHENBAO_SETTINGS=str(tmp_path / "settings.ini"), QT_QPA_PLATFORM="offscreen", **extra
    )
    return subprocess.run(
        [sys.executable, "-m", "shenbao", "gui", "--data-dir", str(data_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
