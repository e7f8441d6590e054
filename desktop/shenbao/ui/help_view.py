"""The user guide, offline: docs/用户指南.md (or docs/user-guide.md in English) rendered by Qt's own Markdown
reader, with its pictures from docs/images/.

Qt gives Markdown headings no anchors, so each heading gets the one GitHub gives it (`## 8. 备份` →
`#8-备份`): a table of contents written for the guide on GitHub then works here too. Links to web pages
and to files that are not Markdown open in the system's browser or viewer. The pictures are full-size
screenshots, so each is drawn no wider than the window.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from shenbao.errors import KnownError

GUIDES = {"zh": "用户指南.md", "en": "user-guide.md"}
MARKDOWN = (".md", ".markdown")


def guide_path(folder: Path, locale_name: str) -> Path:
    """The guide for a locale name such as zh_CN or en_US: Chinese for zh, English for anything else."""
    return Path(folder) / (GUIDES["zh"] if locale_name.startswith("zh") else GUIDES["en"])


def slug(text: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    kept = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return kept.replace(" ", "-")


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that follows the guide's links itself (see the module doc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setOpenLinks(False)
        self.document().setUndoRedoEnabled(False)
        self.anchorClicked.connect(self.follow)
        self.sourceChanged.connect(self._after_load)
        self._fitted_to = 0

    def open_markdown(self, path: Path) -> None:
        self.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)

    def follow(self, url: QUrl) -> None:
        target = self.source().resolved(url)
        if not target.isLocalFile():
            QDesktopServices.openUrl(target)
            return
        same = target.toLocalFile() == self.source().toLocalFile()  # a section of this page
        if same or Path(target.toLocalFile()).suffix.lower() in MARKDOWN:
            self.setSource(target, QTextDocument.ResourceType.MarkdownResource)
        else:
            QDesktopServices.openUrl(target)

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, text, anchor) of every heading, in order."""
        found = []
        block = self.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                found.append((level, block.text(), slug(block.text())))
            block = block.next()
        return found

    def images(self) -> list[tuple[str, QSize]]:
        """(source, drawn size) of every picture in the page, in order."""
        return [
            (fmt.name(), QSize(int(fmt.width()), int(fmt.height())))
            for _start, _length, fmt in self._images()
        ]

    def _images(self) -> list[tuple[int, int, QTextImageFormat]]:
        found = []
        block = self.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    found.append(
                        (fragment.position(), fragment.length(), fragment.charFormat().toImageFormat())
                    )
                fragments += 1
            block = block.next()
        return found

    def _fit_images(self) -> None:
        room = int(self.viewport().width() - 2 * self.document().documentMargin()) - 4
        if room <= 0 or room == self._fitted_to:
            return
        self._fitted_to = room
        for start, length, image in self._images():
            picture = self.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
            if not isinstance(picture, (QImage, QPixmap)) or picture.isNull():
                continue  # a missing picture keeps Qt's placeholder
            scale = min(1.0, room / picture.width())
            image.setWidth(round(picture.width() * scale))
            image.setHeight(round(picture.height() * scale))
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_images()

    def _after_load(self, url: QUrl) -> None:
        """Runs as the page is shown; `source()` still names the page before until it returns."""
        self._fitted_to = 0
        self._fit_images()
        self._name_headings()
        if url.fragment():  # Qt looked for it before the page had its anchors
            self.scrollToAnchor(url.fragment())

    def _name_headings(self) -> None:
        block = self.document().begin()
        seen: dict[str, int] = {}
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text():
                name = slug(block.text())
                count = seen.get(name, 0)
                seen[name] = count + 1
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([name if count == 0 else f"{name}-{count}"])
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(anchor)
            block = block.next()


class HelpWindow(QWidget):
    """The guide with back, forward and back-to-the-top buttons."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        if not Path(path).is_file():
            raise KnownError(
                QCoreApplication.translate(
                    "HelpWindow", "找不到用户指南：{path}。请重新安装申报助手，或向维护人员索取用户指南。"
                ).format(path=path)
            )
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(self.tr("用户指南 — 申报助手"))
        self.browser = GuideBrowser()
        self.browser.setAccessibleName(self.tr("用户指南"))
        self.back_button = QPushButton(self.tr("后退"))
        self.forward_button = QPushButton(self.tr("前进"))
        self.home_button = QPushButton(self.tr("回到开头"))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(self.home)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self.browser.open_markdown(self.path)
        self.browser.setFocus()

    def home(self) -> None:
        if self.browser.source().toLocalFile() != str(self.path):
            self.browser.open_markdown(self.path)
        self.browser.verticalScrollBar().setValue(0)
