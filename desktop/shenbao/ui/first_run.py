"""The welcome on an empty data folder: an empty list and a blank form say nothing about what the app can
do, so a first-time user is offered three ways in — describe their own enterprise, bring in data a
colleague or the park sent, or look around the demo enterprises first.

The dialog only records the choice; the main window acts on it (see `MainWindow.show_welcome`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from shenbao.ui.app import ui_font

CREATE, IMPORT, DEMO = "create", "import", "demo"


class WelcomeDialog(QDialog):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
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
        button = QCommandLinkButton(text, description)
        button.setObjectName(f"welcome_{choice}")
        button.clicked.connect(lambda _checked=False: self.choose(choice))
        return button

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
