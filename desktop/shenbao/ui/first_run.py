"""The welcome on an empty data folder: an empty list and a blank form say nothing about what the app can
do, so a first-time user is offered three ways in — describe their own enterprise, bring in data a
colleague or the park sent, or look around the demo enterprises first.

The dialog only records the choice; the `Greeter` acts on it with what the main window gives it, and
shows the tour of the window once: after an import begun from the welcome, when that import has ended.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from shenbao.ui.app import AppSettings, ui_font

if TYPE_CHECKING:  # the welcome's own widgets load when it is shown
    from PySide6.QtWidgets import QCommandLinkButton

CREATE, IMPORT, DEMO = "create", "import", "demo"


class WelcomeDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(self.tr("欢迎使用申报助手"))
        self.choice = ""  # CREATE, IMPORT or DEMO; empty when closed without choosing

        heading = QLabel(self.tr("欢迎使用申报助手"))
        heading.setFont(ui_font(5, bold=True))
        intro = QLabel(self.tr("数据文件夹 {folder} 中还没有企业。从哪里开始？").format(folder=Path(folder)))
        intro.setWordWrap(True)
        self.create_button = self._choice_button(
            CREATE,
            self.tr("创建我的企业"),
            self.tr("填写本单位的档案，右侧即时测算可申报的措施和金额。"),
        )
        self.import_button = self._choice_button(
            IMPORT,
            self.tr("导入数据包或表格…"),
            self.tr("导入同事交来的 .shenbao 数据包、企业档案 JSON 或园区表格（CSV、Excel）。"),
        )
        self.demo_button = self._choice_button(
            DEMO,
            self.tr("打开演示数据"),
            self.tr("先看看三家示例企业（名称带“（示例）”）的测算结果；演示数据另放一处，不影响您的数据。"),
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        for button in (self.create_button, self.import_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(buttons)
        self.create_button.setDefault(True)
        self.create_button.setFocus()

    def _choice_button(self, choice: str, text: str, description: str) -> QCommandLinkButton:
        from PySide6.QtWidgets import QCommandLinkButton

        button = QCommandLinkButton(text, description)
        button.setObjectName(f"welcome_{choice}")
        button.clicked.connect(lambda _checked=False: self.choose(choice))
        return button

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class Greeter(QObject):
    """On a real start (`active`): the welcome on an empty folder, once each time one is opened, and the
    tour the first time the app starts; the tour is also there on demand (Help → 界面导览)."""

    def __init__(
        self,
        window: QWidget,
        settings: AppSettings,
        *,
        active: bool,
        ways: dict[str, Callable[[], Any]],
        import_ended: SignalInstance,
        tour_parts: Callable[[], tuple[QWidget, QWidget, Any] | None],
    ) -> None:
        """`ways`: what CREATE, IMPORT and DEMO do; `import_ended` fires when an import has ended;
        `tour_parts()`: the list, the editor and the preview (None while they are not built)."""
        super().__init__(window)
        self.window, self.settings, self.active = window, settings, active
        self.ways, self.import_ended, self.tour_parts = ways, import_ended, tour_parts
        self.welcomed = False
        self.tour: QWidget | None = None

    def greet(self, folder: Path, empty: bool) -> None:
        if not self.active:
            return
        if empty and not self.welcomed:
            self.welcomed = True
            self.show_welcome(folder)
        else:
            self.offer_tour()

    def show_welcome(self, folder: Path) -> QWidget:
        dialog = WelcomeDialog(folder, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(lambda _result, d=dialog: self._chosen(d.choice))
        dialog.open()
        return dialog

    def _chosen(self, choice: str) -> None:
        if choice == IMPORT:  # the tour once the import has ended, not over its dialogs
            self.import_ended.connect(self.offer_tour, Qt.ConnectionType.SingleShotConnection)
        if choice in self.ways:
            self.ways[choice]()
        if choice != IMPORT:
            self.offer_tour()

    def offer_tour(self) -> None:
        """The tour, the first time the app really starts; later only from the Help menu."""
        if self.active and not self.settings.tour_done:
            self.start_tour()

    def start_tour(self) -> QWidget | None:
        parts = self.tour_parts()
        if parts is None:
            return None
        if self.tour is not None:
            return self.tour
        from shenbao.ui.tour import MainWindowTour

        self.settings.tour_done = True
        self.settings.sync()
        tour = self.tour = MainWindowTour(self.window, *parts)
        tour.finished.connect(self._tour_ended)
        tour.start()
        return tour

    def _tour_ended(self) -> None:
        self.tour = None
