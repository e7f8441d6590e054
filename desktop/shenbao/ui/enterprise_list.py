"""The enterprise list with its search field. It reads the store through the application context and
reloads itself whenever an operation reports an enterprise or its declarations changed."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.ui.app import viewport_of
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.enterprise_model import EnterpriseFilterProxy, EnterpriseTableModel

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

SLACK = 4  # pixels a text's width may differ from its characters' added up (kerning, shaping)
MEASURED = 500  # texts laid out at most to fit a column; beyond, the sum of its characters' is the width


class _Advances(dict[str, float]):
    """Each character's advance in a font, measured the first time it is asked for."""

    def __init__(self, metrics: Any) -> None:
        super().__init__()
        self.metrics = metrics

    def __missing__(self, char: str) -> float:
        advance = self[char] = self.metrics.horizontalAdvance(char)
        return advance


class _Search(QLineEdit):
    """The search field: ↓ calls `down()` (into the list) before the field sees the key."""

    def __init__(self, down: Callable[[], None]) -> None:
        super().__init__()
        self.down = down

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down:
            self.down()
            return
        super().keyPressEvent(event)


class _Table(QTableView):
    """The list's table: Return and Enter call `enter()` instead of reaching the view."""

    def __init__(self, enter: Callable[[], None]) -> None:
        super().__init__()
        self.enter = enter

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            self.enter()
            return
        super().keyPressEvent(event)


class EnterpriseList(QWidget):
    """The list; `chosen(code)` when the user moves to another enterprise, `entered` on Return."""

    chosen = Signal(str)
    entered = Signal()
    reloaded = Signal(int)  # how many enterprises the store holds

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = context
        self.current: str | None = None  # the enterprise shown selected (the one being edited)
        self.model = EnterpriseTableModel(self)
        self.proxy = EnterpriseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # the search field's ↓ and the table's Return are answered by the widgets themselves, not by an
        # event filter: a filter is handed every event of both as a QEvent, and the first one handed over
        # makes Qt for Python build every event class it knows (some 50) to find the event's own
        self.search = _Search(down=self._down_from_search)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "按名称、统一社会信用代码或地区查找（Ctrl+F）")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(QCoreApplication.translate("MainWindow", "查找企业"))
        self.search.textChanged.connect(self.proxy.set_query)
        self.table = _Table(enter=self.entered.emit)
        self.table.setObjectName("enterprises")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EnterpriseTableModel.NAME, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the editor, as from any field
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(EnterpriseTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in self.GIVE_WAY:  # fitted to every enterprise's text when the listing changes
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnHidden(EnterpriseTableModel.UPDATED, True)  # in each row's tooltip
        self.table.setAccessibleName(QCoreApplication.translate("MainWindow", "企业列表"))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.rows = viewport_of(self.table)  # where the rows are drawn: the view's viewport
        self._widths: tuple[tuple[int, str], dict[int, int]] | None = None  # (measured for, widths)
        self._listings = 0  # listings the model has had: the widths are measured once per listing
        for signal in (self.model.modelReset, self.model.rowsInserted):
            signal.connect(self._listing_changed_then_fit)
        for signal in (self.model.rowsRemoved, self.model.dataChanged):
            signal.connect(self._listing_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.table)
        context.changed.connect(self._changed)

    def _changed(self, changes: OpChanges) -> None:
        if changes.saved or changes.removed or changes.declarations or changes.store:
            self.reload()

    def reload(self) -> None:
        """Read the list again, keeping the current enterprise selected."""
        store = self.ctx.store
        self.model.set_rows(store.list_enterprises() if store is not None else [])
        self.select_quietly(self.current)
        self.reloaded.emit(self.model.rowCount())

    def codes(self) -> list[str]:
        """The codes the list shows, in its order (filtered by the search)."""
        rows = (self.proxy.uscc_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount()))
        return [code for code in rows if code]

    def name_of(self, uscc: str) -> str:
        row = self.model.row_of(uscc)
        return self.model.rows()[row].name if row >= 0 else ""

    def select(self, uscc: str) -> bool:
        """Select an enterprise as the user would (`chosen` follows); False when it is not listed."""
        index = self.proxy.index_of(uscc)
        if not index.isValid():
            return False
        if index == self.table.currentIndex():
            self._row_changed(index, index)  # shown selected while the editor kept another one
        else:
            self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> bool:
        if self.proxy.rowCount() == 0:
            return False
        self.table.selectRow(0)
        return True

    def select_quietly(self, uscc: str | None) -> None:
        """Show `uscc` as the current row without telling anyone (None: no row)."""
        self.current = uscc
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        index = self.proxy.index_of(uscc) if uscc else None
        if index is not None and index.isValid():
            selection.setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            selection.clearSelection()
            selection.clearCurrentIndex()
        selection.blockSignals(False)
        self.rows.update()

    def _row_changed(self, current: Any, _previous: Any) -> None:
        uscc = self.proxy.uscc_at(current)
        if uscc is not None and uscc != self.current:
            self.chosen.emit(uscc)

    def _down_from_search(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # The name stays readable however narrow the list: the other columns give way, the code last.
    NAME_WIDTH = 12  # characters of a name the list keeps on screen
    GIVE_WAY = (EnterpriseTableModel.DECLARATIONS, EnterpriseTableModel.DISTRICT, EnterpriseTableModel.USCC)

    def _listing_changed(self, *_args: Any) -> None:
        self._listings += 1

    def _listing_changed_then_fit(self, *_args: Any) -> None:
        self._listing_changed()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Fit the code, 地区 and 申报 to every enterprise's text once per listing; then hide 申报, then 地区,
        then the code when the list is too narrow for them beside a readable name (the search still finds
        a code, and each row's tooltip names it)."""
        header = self.table.horizontalHeader()
        room = self.rows.width() - self.fontMetrics().horizontalAdvance("企" * self.NAME_WIDTH)
        shown = list(self.GIVE_WAY)
        state = (self._listings, self.table.font().key())
        if self._widths is None or self._widths[0] != state:
            self._widths = (state, {c: self._fitted_width(c) for c in shown})
            for column, width in self._widths[1].items():
                header.resizeSection(column, width)
        widths = self._widths[1]
        hidden: set[int] = set()
        for column in self.GIVE_WAY:
            if sum(widths[c] for c in shown if c not in hidden) > room:
                hidden.add(column)
        for column in self.GIVE_WAY:
            self.table.setColumnHidden(column, column in hidden)

    def _fitted_width(self, column: int) -> int:
        """What Qt's fit to contents gives a column (its title's width or its delegate's widest cell), for
        every enterprise listed, not only the thousand rows near the screen Qt would read: each text's
        width is added up from its characters' (measured once each) and only the widest few are laid out
        and handed to the delegate. Qt's own fit asked the model for every cell's font, colours, alignment
        and text, eight times a row, at every listing: 0.3 s a save with 5,000 enterprises."""
        table = self.table
        title = self._title_width(column)
        values = self.model.distinct_values(column)
        texts = [self._shown(v) for v in values if v not in (None, "")]
        if not texts:
            return title
        metrics = table.fontMetrics()
        advances = _Advances(QFontMetricsF(table.font()))
        estimates = [sum(map(advances.__getitem__, text)) for text in texts]
        most = max(estimates)
        near = [t for t, e in zip(texts, estimates, strict=True) if e >= most - SLACK]
        if len(near) <= MEASURED:
            widest = max(metrics.horizontalAdvance(text) for text in near)
        else:  # thousands of codes of one width, give or take kerning: no text is wider than this
            widest = math.ceil(most) + SLACK
        return max(title, widest + self._cell_padding(column, metrics))

    def _title_width(self, column: int) -> int:
        """A column's title whole, with the header's margins and room for the sort arrow (the header's
        own size hint, stale, gave Filed 18 px, cut to 「ica」)."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        title = str(self.model.headerData(column, QtCore.Qt.Orientation.Horizontal) or "")
        # the style's margins (four of about 4 px) and the sort arrow (about a line's height less 8),
        # without naming QStyle: its enumerations are not made before the first frame (see ui.workers)
        return metrics.horizontalAdvance(title) + metrics.height() + 8

    def _shown(self, value: Any) -> str:
        """A cell's value as its delegate writes it (a count in the locale's digits)."""
        if isinstance(value, str):
            return value
        delegate = self.table.itemDelegate()
        if isinstance(delegate, QStyledItemDelegate):
            return delegate.displayText(value, self.table.locale())
        return str(value)

    def _cell_padding(self, column: int, metrics: Any) -> int:
        """What the delegate adds to a cell's text (margins, the focus frame, the grid line), found on a
        cell of the column as shown; from the style when no row is shown."""
        index = self.proxy.index(0, column)
        text = index.data() if index.isValid() else None
        grid = 1 if self.table.showGrid() else 0
        if text not in (None, ""):
            shown = self._shown(text)
            return self.table.sizeHintForIndex(index).width() - metrics.horizontalAdvance(shown) + grid
        from PySide6.QtWidgets import QStyle  # its two dozen enumerations cost a start 4 ms: only here

        style = self.table.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        return 2 * margin + grid

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_columns()
