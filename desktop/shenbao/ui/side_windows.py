"""The windows the main window opens beside itself: the policy library, the park view, the register,
the pipeline, the 待办 panel, the guide and About, and its dialogs: a measure's wizard and the settings.
Each gets the application context (not the main window) and lives until it is closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore
from PySide6.QtWidgets import QWidget

from shenbao.errors import KnownError
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.workers import show_error


class SideWindows:
    def __init__(self, context: AppContext, parent: QWidget) -> None:
        self.ctx = context
        self.parent = parent
        self.open_now: list[QWidget] = []

    def _open(self, make: Callable[[], QWidget], name: str) -> QWidget | None:
        try:
            window = make()
        except KnownError as err:
            show_error(self.parent, err)
            return None
        window.setObjectName(name)
        window.setWindowFlag(QtCore.Qt.WindowType.Window, True)
        window.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        self.open_now.append(window)
        fit_to_screen(window, 1100, 760)
        window.show()
        return window

    def _forget(self, window: QWidget) -> None:
        if window in self.open_now:
            self.open_now.remove(window)

    def library(self) -> QWidget | None:
        from shenbao.ui.library_view import LibraryView

        def make() -> QWidget:
            view = LibraryView(
                self.parent, as_of=self.ctx.as_of(), data_folder=self.ctx.folder, store=self.ctx.store
            )
            self.ctx.as_of_changed.connect(view.set_as_of)  # a method: Qt drops the link when it closes
            view.policiesChanged.connect(self._policy_installed)
            return view

        return self._open(make, "library")

    def _policy_installed(self) -> None:
        """A policy pack was installed from the library: every view judges again with the library in use."""
        self.ctx.report(OpChanges(policy=True))

    def park(self) -> QWidget | None:
        if self.ctx.store is None:
            return None
        from shenbao.ui.park_view import ParkView

        window = self._open(lambda: ParkView(self.ctx, self.parent), "park")
        show = getattr(self.parent, "show_enterprise", None)
        if isinstance(window, ParkView) and show is not None:
            window.openEnterprise.connect(show)
        return window

    def register(self, uscc: str | None = None) -> QWidget | None:
        """申报记录 of one enterprise or of all; a draft asks the window for its wizard."""
        if self.ctx.store is None:
            return None
        from shenbao.ui.register_view import RegisterView

        window = self._open(lambda: RegisterView(self.ctx, uscc, self.parent), "register")
        wizard_for = getattr(self.parent, "wizard_for", None)
        if isinstance(window, RegisterView) and wizard_for is not None:
            window.openWizard.connect(wizard_for)
        return window

    def pipeline(self) -> QWidget | None:
        """The park as a pipeline (申报进度)."""
        if self.ctx.store is None:
            return None
        from shenbao.ui.pipeline_view import PipelineView

        window = self._open(lambda: PipelineView(self.ctx, self.parent), "pipeline")
        if isinstance(window, PipelineView):
            window.refresh()
        return window

    def todo(self, *, on_start: bool = False) -> QWidget | None:
        """The 待办 panel. On start it is gathered first and shown only when there is something to do,
        without taking the focus from the main window."""
        if self.ctx.store is None:
            return None
        from shenbao.ui.todo_panel import TodoPanel

        if not on_start:
            window = self._open(lambda: self._todo_panel(TodoPanel), "todo")
            if isinstance(window, TodoPanel):
                window.refresh()
            return window
        panel = self._todo_panel(TodoPanel)
        panel.hide()

        def loaded(count: int) -> None:
            panel.loaded.disconnect(loaded)
            if count:
                panel.setAttribute(QtCore.Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
                self._open(lambda: panel, "todo")
            else:
                panel.deleteLater()

        panel.loaded.connect(loaded)
        panel.refresh()
        return panel

    def _todo_panel(self, kind: Any) -> Any:
        """A 待办 panel whose rows, double-clicked, show their enterprise in the window or their
        declaration in the register."""
        panel = kind(self.ctx, None, self.parent)
        show = getattr(self.parent, "show_enterprise", None)
        if show is not None:
            panel.openEnterprise.connect(show)
        panel.openDeclaration.connect(self._show_declaration)
        return panel

    def _show_declaration(self, declaration: int) -> None:
        window = self.register()
        if window is not None:
            window.select(declaration)  # type: ignore[attr-defined]

    def guide(self) -> QWidget | None:
        """The user guide in the interface's language, read from the docs folder (no network); one."""
        from PySide6.QtCore import QLocale

        from shenbao import paths
        from shenbao.ui.help_view import HelpWindow, guide_path

        for window in self.open_now:
            if isinstance(window, HelpWindow):
                window.raise_()
                window.activateWindow()
                return window
        path = guide_path(paths.docs(), QLocale().name())
        return self._open(lambda: HelpWindow(path, self.parent), "help")

    def about(self) -> QWidget:
        from shenbao.ui.about import AboutDialog

        dialog = AboutDialog(self.ctx.as_of(), self.parent)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def wizard(self, uscc: str, measure: str, start: str = "") -> QWidget | None:
        """The wizard of a measure for a stored enterprise, resuming its draft; what it saves is
        reported through the context."""
        if self.ctx.store is None:
            return None
        from shenbao.ui.wizard import WizardDialog

        try:
            dialog = WizardDialog(
                self.ctx.store,
                measure,
                uscc,
                self.ctx.as_of(),
                parent=self.parent,
                start_field=start or None,
                today=self.ctx.today,
                open_store=self.ctx.open_store,
            )
        except KnownError as err:
            show_error(self.parent, err)
            return None
        dialog.changed.connect(self.ctx.report)
        status = getattr(self.parent, "status", None)
        if status is not None:  # the wizard closes once it has printed: the window says what it printed
            dialog.finishedSaying.connect(lambda text: status(text, 15000))
        dialog.open()
        return dialog

    def settings(self, settings: Any, *, on_restored: Callable[[], None]) -> QWidget:
        """The settings; a restored backup replaces the store (every view reloads), then `on_restored`."""
        from shenbao.ui.settings_dialog import SettingsDialog

        def restored(_file: str) -> None:
            self.ctx.report(OpChanges(store=True))
            on_restored()

        dialog = SettingsDialog(
            settings, self.ctx.store, self.ctx.folder, self.parent, open_store=self.ctx.open_store
        )
        dialog.restored.connect(restored)
        dialog.passphrase_set.connect(lambda value: setattr(self.ctx, "passphrase", value))
        dialog.open()
        return dialog

    def close_all(self) -> None:
        for window in list(self.open_now):
            window.close()
