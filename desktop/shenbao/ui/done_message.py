"""The ends of an export or a batch print: where to write a file (`ask_save_path`, `ask_table_path`), and
a message naming the file or folder written, with a button to open it.

The box is window-modal and opened without blocking (`open()`), so the work's caller returns at once
and tests find it as the parent's child named "doneMessage". Opening goes through `opener`, so tests
never start a viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from shenbao.ui.app import core_text

opener: Callable[[QUrl], bool] = QDesktopServices.openUrl


def open_path(path: Path) -> bool:
    """Open a file with its application, or a folder in the file manager (through `opener`)."""
    return opener(QUrl.fromLocalFile(str(path)))


# Spreadsheets' suffixes a table is not written as: a name typed with one is given the chosen kind's
# in its place (Excel 97–2003, macro-enabled and binary workbooks, WPS 表格, OpenDocument).
OTHER_SPREADSHEETS = frozenset({".xls", ".xlsm", ".xlsb", ".et", ".ods"})


def ask_save_path(parent: QWidget, title: str, start: str, kinds: dict[str, str]) -> Path | None:
    """Ask where to save a file of one of `kinds` (each dialog filter with its suffix, the first offered
    first), starting at `start`. Qt's own dialog adds no suffix to a typed name: one without any of the
    kinds' suffixes gets the chosen kind's (a table typed as 园区.xls is saved as 园区.xlsx). None when
    the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, kind = QFileDialog.getSaveFileName(parent, title, start, ";;".join(kinds))
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in kinds.values():
        wanted = kinds.get(kind, next(iter(kinds.values())))
        if target.suffix.lower() in OTHER_SPREADSHEETS and wanted in (".xlsx", ".csv"):
            target = target.with_suffix(wanted)  # 园区.xls asked for as Excel: 园区.xlsx, not 园区.xls.xlsx
        else:
            target = target.with_name(target.name + wanted)
        # the dialog asked about replacing the name typed, not this one: a 园区.xlsx there is asked about
        # here, not replaced without a word
        if target.exists() and not _replace(parent, title, target):
            return None
    return target


def _replace(parent: QWidget, title: str, target: Path) -> bool:
    buttons = QMessageBox.StandardButton
    text = QCoreApplication.translate("SavePath", "{name} 已存在。要替换它吗？").format(name=target.name)
    return QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No) == buttons.Yes


def ask_table_path(parent: QWidget, title: str, name: str) -> Path | None:
    """Ask where to save a table, as .xlsx (offered first) or .csv, starting at `name` in the home
    folder (see `ask_save_path`)."""
    kinds = {
        QCoreApplication.translate("TableExport", "Excel 表格 (*.xlsx)"): ".xlsx",
        QCoreApplication.translate("TableExport", "CSV 表格 (*.csv)"): ".csv",
    }
    return ask_save_path(parent, title, str(Path.home() / name), kinds)


def wanting_note(wanting: Sequence[str]) -> str:
    """「，含待补充项（…）」 naming each box a printed form leaves 待补充, as `shenbao render` says it, or
    nothing: a form eligible on the facts may still want a 统一社会信用代码, a required field or a list's
    rows, and is not ready to sign."""
    if not wanting:
        return ""
    names = QCoreApplication.translate("Done", "、").join(core_text(w) for w in wanting)
    return QCoreApplication.translate("Done", "，含待补充项（%1）").replace("%1", names)


def show_done(parent: QWidget, path: Path, text: str) -> QMessageBox:
    """Say what was written where, with 「打开」 (the file or the folder) and 「关闭」."""
    title = QCoreApplication.translate("Done", "已完成")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("doneMessage")
    if Path(path).is_dir():
        label = QCoreApplication.translate("Done", "打开文件夹")
    else:
        label = QCoreApplication.translate("Done", "打开文件")
    button = box.addButton(label, QMessageBox.ButtonRole.ActionRole)
    button.setObjectName("openButton")
    button.clicked.connect(lambda: open_path(Path(path)))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
