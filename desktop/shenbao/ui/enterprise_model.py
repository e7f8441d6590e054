"""The enterprise list: a table model over the store's rows and a proxy that filters as you type.

The model holds `EnterpriseRow`s as the store listed them (never a widget owning domain data); the
proxy matches the typed text against name, 统一社会信用代码, city and district, so a park's forty tenants
filter without a query per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from shenbao.ui import roles
from shenbao.ui.collation import ranks

ModelIndex = QModelIndex | QPersistentModelIndex

USCC_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_USCC, _ROW = int(USCC_ROLE), int(ROW_ROLE)


class EnterpriseTableModel(QAbstractTableModel):
    """Rows: enterprises (objects with uscc, name, org_type, city, district, updated_at, declarations)."""

    NAME, USCC, DISTRICT, DECLARATIONS, UPDATED = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._listed: list[Any] = []  # the rows in the store's order: equal keys keep it, as Qt's sort did
        self._haystacks: list[str] | None = None
        self._keys: dict[int, list[Any]] = {}  # per column, each listed row's sort key (made once a listing)
        self._order: tuple[int, Qt.SortOrder] | None = None  # the column the rows are sorted by, and how
        self._headers = [
            self.tr("企业（单位）名称"),
            self.tr("统一社会信用代码"),
            self.tr("地区"),
            self.tr("申报"),
            self.tr("更新时间"),
        ]

    # --- reading ----------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return self._headers[section] if horizontal and 0 <= section < len(self._headers) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == roles.DISPLAY or role == roles.EDIT:
            return self._display(row, column)
        if role == roles.TOOLTIP:
            return self.tr("{name}\n统一社会信用代码：{uscc}\n最后修改：{at}（{by}）").format(
                name=row.name, uscc=row.uscc, at=_short_time(row.updated_at), by=row.updated_by
            )
        if role == roles.ALIGNMENT and column == self.DECLARATIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == _USCC:
            return row.uscc
        if role == _ROW:
            return row
        return None

    def _display(self, row: Any, column: int) -> Any:
        if column == self.NAME:
            return row.name
        if column == self.USCC:
            return row.uscc
        if column == self.DISTRICT:
            return _place(row.city, row.district)
        if column == self.DECLARATIONS:
            return row.declarations
        if column == self.UPDATED:
            return _short_time(row.updated_at)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._FLAGS

    # made once: a view asks for every cell's flags as often as for its data
    _FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- changing ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._listed = list(rows)
        self._keys = {}
        self._rows = self._sorted()
        self._haystacks = None
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column: names, codes, places and times by the Chinese collation, counts
        as numbers. The rows are sorted here, on keys worked out once per column, not by the proxy,
        which would ask for two cells through Python for each of the million comparisons 100,000
        rows take (20 s after a park table's import)."""
        self._order = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = {id(row): i for i, row in enumerate(self._rows)}
        self._rows = self._sorted()
        self._haystacks = None
        after = [before[id(row)] for row in self._rows]
        moved = {old: new for new, old in enumerate(after)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in persistent]
        )
        self.layoutChanged.emit()

    def _sorted(self) -> list[Any]:
        """The listed rows in the chosen order; equal keys keep the store's order."""
        rows = self._listed
        if self._order is None or not rows:
            return rows
        column, order = self._order
        if not 0 <= column < len(self._headers):
            return rows
        keys = self._keys.get(column)
        if keys is None:  # a column's places in the collation, worked out once a listing (50 ms for 5,000)
            if column == self.DECLARATIONS:
                keys = [row.declarations or 0 for row in rows]
            else:
                keys = ranks([str(self._display(row, column) or "") for row in rows])
            self._keys[column] = keys
        places = sorted(range(len(rows)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return [rows[i] for i in places]

    def haystacks(self) -> list[str]:
        """What the search matches, per row, built once per listing rather than once per keystroke."""
        if self._haystacks is None:
            self._haystacks = [haystack(r) for r in self._rows]
        return self._haystacks

    def distinct_values(self, column: int) -> set[Any]:
        """Every value `column` shows, once each: the list's short columns are as wide as the widest."""
        rows = self._listed
        if column == self.USCC:
            return {row.uscc for row in rows}
        if column == self.DISTRICT:  # a park has a few places and thousands of tenants
            return {_place(*pair) for pair in {(row.city, row.district) for row in rows}}
        if column == self.DECLARATIONS:
            return {row.declarations for row in rows}
        return {self._display(row, column) for row in rows}

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, uscc: str) -> int:
        """The row of this code, or -1."""
        for i, row in enumerate(self._rows):
            if row.uscc == uscc:
                return i
        return -1


def haystack(row: Any) -> str:
    """What a search matches in a listed enterprise: its name, code, city and district, case-folded."""
    return f"{row.name or ''} {row.uscc or ''} {row.city or ''} {row.district or ''}".casefold()


def _place(city: str | None, district: str | None) -> str:
    """The 地区 column: 福州市鼓楼区."""
    return "".join(part for part in (city, district) if part)


def _short_time(stamp: str) -> str:
    """2026-01-05T10:31:22+08:00 → 2026-01-05 10:31"""
    return stamp[:16].replace("T", " ") if stamp else ""


class EnterpriseFilterProxy(QSortFilterProxyModel):
    """Filters by every whitespace-separated word of the query, each matching name, code, city or
    district (so 「鼓楼 星河」 finds 福州星河… in 鼓楼区). Sorting is the listing model's (see
    EnterpriseTableModel.sort): the proxy keeps the model's order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._verdicts: list[bool] | None = None  # per source row, for the current query and listing
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._forget)
            old.layoutAboutToBeChanged.disconnect(self._forget)
        super().setSourceModel(model)
        if model is not None:  # the listing changes by a reset (set_rows) or a new order (sort)
            model.modelAboutToBeReset.connect(self._forget)
            model.layoutAboutToBeChanged.connect(self._forget)
        self._forget()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def _forget(self) -> None:
        self._verdicts = None

    def set_query(self, text: str) -> None:
        words = [w.casefold() for w in text.split()]
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self._verdicts = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _judge_all(self) -> list[bool]:
        """Every row's verdict in one pass of Python (10,000 rows in a few milliseconds), redone when the
        query or the listing changes; Qt's per-row callback then only looks it up."""
        model = self.sourceModel()
        words = self._words
        if not words:  # nothing typed: every row, without making what a search would match
            return [True] * (model.rowCount() if model is not None else 0)
        if isinstance(model, EnterpriseTableModel):
            haystacks = model.haystacks()
        else:  # any other model with ROW_ROLE rows (kept general for reuse and the model tester)
            haystacks = []
            for r in range(model.rowCount()):
                row = model.data(model.index(r, 0), ROW_ROLE)
                haystacks.append("" if row is None else haystack(row))
        first, *rest = words
        verdicts = [first in hay for hay in haystacks]
        for word in rest:
            verdicts = [ok and word in hay for ok, hay in zip(verdicts, haystacks, strict=True)]
        return verdicts

    def query(self) -> str:
        return " ".join(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        verdicts = self._verdicts
        if verdicts is None:
            verdicts = self._verdicts = self._judge_all()
        try:
            return verdicts[source_row]
        except IndexError:  # a source that grew without a reset: judge again
            self._verdicts = self._judge_all()
            return self._verdicts[source_row]

    def uscc_at(self, index: ModelIndex) -> str | None:
        if not index.isValid():
            return None
        value = self.data(self.index(index.row(), 0), USCC_ROLE)
        return value if isinstance(value, str) else None

    def index_of(self, uscc: str) -> QModelIndex:
        source = self.sourceModel()
        if not isinstance(source, EnterpriseTableModel):
            return QModelIndex()
        row = source.row_of(uscc)
        if row < 0:
            return QModelIndex()
        return self.mapFromSource(source.index(row, 0))
