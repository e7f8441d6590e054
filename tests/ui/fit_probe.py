"""Run in a child process on an offscreen screen of a given size (test_small_screens.py): opens the main
window over the demo data and every other window and dialog, and prints, as JSON, each one's frame
against the screen's available area and whether the controls that must stay reachable are on it.

    python -m tests.ui.fit_probe LANGUAGE DATA_FOLDER OUT.json [SHOTS_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 11, 22)


def main(language: str, folder: Path, out: Path, shots: Path | None) -> None:
    import keyring
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QWidget, QWizard

    from shenbao.core.policies import shipped_catalogue
    from shenbao.ui.app import AppSettings, create_application
    from shenbao.ui.demo import add_demo_declarations, prepare_demo_folder
    from shenbao.ui.main_window import MainWindow
    from tests.store.factory import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    app = create_application(language=language)
    prepare_demo_folder(folder)
    window = MainWindow(folder, AppSettings(folder / "settings.ini"), today=lambda: AS_OF)
    window.show()
    window.finish_loading()
    if window.editor is not None:  # every group's fields made, not only those of the first frame
        window.editor.build_all()
    add_demo_declarations(window.store, AS_OF)
    window.reload()
    window.select_enterprise(window.store.list_enterprises()[0].uscc)
    area = app.primaryScreen().availableGeometry()
    report: dict[str, Any] = {"screen": [area.width(), area.height()], "windows": {}}

    def inside(widget: QWidget, top: QWidget) -> bool:
        """Shown, not squeezed to nothing, and wholly inside the window `top`."""
        if not widget.isVisibleTo(top) or widget.width() < 8 or widget.height() < 8:
            return False
        corner = widget.mapTo(top, QPoint(0, 0))
        return top.rect().contains(QRect(corner, widget.size()))

    def record(name: str, top: QWidget, keys: dict[str, QWidget | None]) -> None:
        for _ in range(3):
            app.processEvents()
        size = top.size()
        report["windows"][name] = {
            "size": [size.width(), size.height()],
            "pos": [top.x(), top.y()],
            "reachable": {k: bool(w is not None and inside(w, top)) for k, w in keys.items()},
        }
        if shots is not None:
            top.grab().save(str(shots / f"{name}.png"))

    bar = window.statusBar()
    record(
        "main",
        window,
        {
            "status bar": bar,
            "enterprise list": window.enterprises,
            "editor": window.editor,
            "wizard button": window.preview.wizard_button if window.preview else None,
        },
    )
    from PySide6.QtWidgets import QLineEdit

    from shenbao.ui.field_widgets import WIDEST_SUM

    editor = window.editor
    sums = (
        [f.line for f in editor._fields.values() if f.kind == "money" and f.line is not None]
        if editor
        else []
    )
    report["windows"]["main"]["sums whole"] = bool(sums) and all(
        isinstance(line, QLineEdit) and line.width() >= line.fontMetrics().horizontalAdvance(WIDEST_SUM)
        for line in sums
    )
    report["windows"]["main"]["editor scrolls sideways"] = bool(
        editor is not None and editor.scroll_area.horizontalScrollBar().isVisible()
    )
    names = window.enterprises.table if window.enterprises else None
    report["windows"]["main"]["names readable"] = bool(
        names is not None
        and names.columnWidth(0) >= names.fontMetrics().horizontalAdvance("企" * 10)
        and not names.isColumnHidden(0)
    )
    for measure in shipped_catalogue().measures:
        wizard = window.open_wizard(measure)
        if not isinstance(wizard, QWizard):
            continue
        buttons = {
            "next": wizard.button(QWizard.WizardButton.NextButton),
            "cancel": wizard.button(QWizard.WizardButton.CancelButton),
        }
        record(f"wizard {measure}", wizard, buttons)
        wizard.go_to("review")
        record(
            f"wizard {measure} review", wizard, {"finish": wizard.button(QWizard.WizardButton.FinishButton)}
        )
        wizard.close()
    for name in ("library", "park", "register", "todo", "pipeline"):
        view = getattr(window.windows, name)()
        if view is not None:
            record(name, view, {})
            view.close()
    about = window.windows.about()
    record("about", about, {})
    about.close()
    from shenbao.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(window.settings, window.store, window.folder, window)
    settings.show()
    record("settings", settings, {})
    settings.close()
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if window.editor is not None:
        window.editor.undo_stack.setClean()
    window.store.close()
    os._exit(0)  # the child's whole job is the report; background work still running is of no interest


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]) if len(sys.argv) > 4 else None)
