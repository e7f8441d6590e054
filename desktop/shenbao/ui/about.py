"""About 申报助手: the program's version, and which policy data it judges by — every document with its
status as of the window's date, and when the data was last checked against the documents' texts. The
amounts are estimates, and a user deciding whether to trust one needs to know how current the data is.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao import __version__
from shenbao.errors import KnownError
from shenbao.ui.app import app_icon, ui_font
from shenbao.ui.screen import fit_to_screen

ICON_SIZE = 64
TITLE_SHARE = 0.3  # of the table's width the documents' titles keep at least; the other columns wrap
NARROWEST = 120  # a column other than the title's is never made narrower than this


class AboutDialog(QDialog):
    def __init__(self, as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(self.tr("关于申报助手"))
        fit_to_screen(self, 960, 560)

        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = self.tr("申报助手")
        name = QLabel(title if "Shenbao" in title else title + " / Shenbao")  # the Latin name once
        name.setObjectName("aboutName")
        name.setFont(ui_font(6, bold=True))
        self.version_label = QLabel(self.tr("版本 {version}").format(version=__version__))
        self.version_label.setObjectName("aboutVersion")
        purpose = QLabel(
            self.tr("福建省、福州市人工智能产业扶持政策的测算、申报与打印。全部数据保存在本机。")
        )
        purpose.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(name)
        heading.addWidget(self.version_label)
        heading.addWidget(purpose)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        self.policy_label = QLabel()
        self.policy_label.setObjectName("aboutPolicy")
        self.policy_label.setWordWrap(True)
        self.policy_label.setTextFormat(Qt.TextFormat.PlainText)
        self.documents = QTableView()
        self.documents.setObjectName("aboutDocuments")
        self.documents.setAccessibleName(self.tr("政策文件"))
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setWordWrap(True)  # a long title, period or issuer on two lines, never cut
        self.documents.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.documents.verticalHeader().hide()
        self.documents.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._load_policies(as_of)

        disclaimer = QLabel(self.tr("测算结果仅供参考，金额为估算，以主管部门的正式文件和审核为准。"))
        disclaimer.setObjectName("aboutDisclaimer")
        disclaimer.setWordWrap(True)
        disclaimer.setFont(ui_font(bold=True))
        font = QLabel(self.tr("界面与打印使用文泉驿微米黑字体（Apache-2.0 / GPL-3 字体例外）。"))
        font.setObjectName("aboutFont")
        font.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.documents, 1)
        layout.addWidget(disclaimer)
        layout.addWidget(font)
        layout.addWidget(buttons)
        for label in (self.version_label, self.policy_label, disclaimer, font):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _load_policies(self, as_of: dt.date) -> None:
        from shenbao.core.policies import catalogue
        from shenbao.ui.policy_models import DocumentTableModel

        try:
            cat = catalogue()
        except KnownError as err:  # the policy data did not load: say so, and still show the version
            self.policy_label.setText(self.tr("政策数据无法载入：{error}").format(error=err))
            self.documents.hide()
            return
        self.policy_label.setText(
            self.tr(
                "政策数据版本 {version}，最后一次与政策文件核对于 {checked}。以下为 {as_of} 时各文件的状态："
            ).format(version=cat.version, checked=cat.checked_on.isoformat(), as_of=as_of.isoformat())
        )
        self.model = DocumentTableModel(cat, as_of, self)
        self.documents.setModel(self.model)
        self.documents.resizeColumnsToContents()
        self._natural = [self.documents.columnWidth(c) for c in range(self.model.columnCount())]
        self.documents.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.documents.viewport():
            self._fit_columns()  # once the layout has given the table its width
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Each column but the title's as wide as its longest cell, unless the titles would be left less
        than TITLE_SHARE of the width: then the widest of them are narrowed alike, and their cells wrap
        (in English a draft's period and issuer are long) — the title takes what is left, wrapped too."""
        natural = getattr(self, "_natural", [])[1:]
        if not natural:
            return
        room = self.documents.viewport().width() * (1 - TITLE_SHARE)
        cap = max(natural)
        while cap > NARROWEST and sum(min(w, cap) for w in natural) > room:
            cap -= 5
        for column, width in enumerate(natural, 1):
            self.documents.setColumnWidth(column, min(width, cap))
