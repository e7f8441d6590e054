"""Table models over the policy library's data, shared by the views that show it (the library, About,
the policy-pack dialog): a read-only table under translated headers, and the documents with their status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from shenbao.core.policies import DOCUMENT_STATUS_LABELS, Catalogue, Document
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.style import colon, document_note, document_title, issuer_text, period_text

ModelIndex = QModelIndex | QPersistentModelIndex
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Badge colours (text, background) by a document's status code (Document.status_code).
STATUS_BADGES = {
    "in_force": ("#1b7f3b", "#e3f4e8"),
    "expired": ("#5f6368", "#eceff1"),
    "superseded": ("#9a6400", "#fff1d6"),
    "draft": ("#1a5fb4", "#e3edfb"),
    "not_yet": ("#5f6368", "#eceff1"),
    "open": ("#1b7f3b", "#e3f4e8"),
    "upcoming": ("#1a5fb4", "#e3edfb"),
    "closed": ("#5f6368", "#eceff1"),
}


class ReadOnlyTableModel(QAbstractTableModel):
    """A table of rows of plain data under translated column headers; subclasses give `cell()`."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return (
            QCoreApplication.translate(type(self).__name__, self.COLUMNS[section])
            if horizontal and 0 <= section < len(self.COLUMNS)
            else None
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DocumentTableModel(ReadOnlyTableModel):
    """The documents in the library's display order: title, status badge, period, number and issuer."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("DocumentTableModel", "文件"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "状态"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "有效期"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "文号"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "发文单位"),
    )

    def __init__(
        self, cat: Catalogue, as_of: dt.date, parent: Any = None, *, notices: bool | None = None
    ) -> None:
        """Every document of the library; with `notices` True only the 申报通知, with False all but them."""
        self._notices = notices
        super().__init__(self._documents(cat), parent)
        self._as_of = as_of

    def _documents(self, cat: Catalogue) -> list[Document]:
        docs = [cat.documents[d] for d in cat.library if d in cat.documents]
        if self._notices is None:
            return docs
        return [d for d in docs if (d.kind == "notice") == self._notices]

    def set_catalogue(self, cat: Catalogue) -> None:
        self.beginResetModel()
        self._rows = self._documents(cat)
        self.endResetModel()

    def document(self, row: int) -> Document:
        return self._rows[row]

    def row_of(self, doc_id: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == doc_id), -1)

    def set_as_of(self, as_of: dt.date) -> None:
        self._as_of = as_of
        if self._rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 2))

    def cell(self, doc: Document, column: int, role: int) -> Any:
        code = doc.status_code(self._as_of)
        status = core_text(DOCUMENT_STATUS_LABELS[code])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (
                document_title(doc.id, doc.title),
                status,
                period_text(doc),
                doc.number or "—",
                issuer_text(doc),
            )[column]
            if role == Qt.ItemDataRole.ToolTipRole and column == 1 and doc.status_note:
                return status + colon() + document_note(doc, "status_note")
            return text
        if role == DOC_ID_ROLE:
            return doc.id
        if column == 1 and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            fg, bg = STATUS_BADGES[code]
            return QColor(fg if role == Qt.ItemDataRole.ForegroundRole else bg)
        return None
