"""The windows the main window opens beside itself: the policy library, the park view, the guide and
About. Each gets the application context (not the main window) and lives until it is closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtWidgets import QWidget

from shenbao.errors import KnownError
from shenbao.ui.context import AppContext, OpChanges
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
        window.resize(1100, 760)
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

        return self._open(lambda: ParkView(self.ctx, self.parent), "park")

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

        dialog = AboutDialog(self.ctx.today(), self.parent)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def close_all(self) -> None:
        for window in list(self.open_now):
            window.close()
