"""The enterprise list with its search field. It reads the store through the application context and
reloads itself whenever an operation reports an enterprise or its declarations changed."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.enterprise_model import EnterpriseFilterProxy, EnterpriseTableModel


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
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "按名称、统一社会信用代码或地区查找（Ctrl+F）")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(QCoreApplication.translate("MainWindow", "查找企业"))
        self.search.textChanged.connect(self.proxy.set_query)
        self.search.installEventFilter(self)
        self.table = QTableView()
        self.table.setObjectName("enterprises")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EnterpriseTableModel.NAME, QtCore.Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(EnterpriseTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (
            EnterpriseTableModel.USCC,
            EnterpriseTableModel.DISTRICT,
            EnterpriseTableModel.DECLARATIONS,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(EnterpriseTableModel.UPDATED, True)  # in each row's tooltip
        self.table.setAccessibleName(QCoreApplication.translate("MainWindow", "企业列表"))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.installEventFilter(self)
        self._widths: tuple[tuple[int, int, int, str], dict[int, int]] | None = None  # (measured in, widths)
        self._rows_changed = 0
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.layoutChanged):
            signal.connect(self._rows_changed_then_fit)
        for signal in (self.proxy.rowsRemoved, self.proxy.dataChanged):
            signal.connect(self._count_change)
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
        self.table.viewport().update()

    def _row_changed(self, current: Any, _previous: Any) -> None:
        uscc = self.proxy.uscc_at(current)
        if uscc is not None and uscc != self.current:
            self.chosen.emit(uscc)

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # The name stays readable however narrow the list: the other columns give way, the code last.
    NAME_WIDTH = 12  # characters of a name the list keeps on screen
    GIVE_WAY = (EnterpriseTableModel.DECLARATIONS, EnterpriseTableModel.DISTRICT, EnterpriseTableModel.USCC)

    def _count_change(self, *_args: Any) -> None:
        self._rows_changed += 1

    def _rows_changed_then_fit(self, *_args: Any) -> None:
        self._count_change()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Hide 申报, then 地区, then the code when the list is too narrow for them beside a readable name
        (the search still finds a code, and each row's tooltip names it)."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width() - self.fontMetrics().horizontalAdvance("企" * self.NAME_WIDTH)
        shown = list(self.GIVE_WAY)
        # Measuring reads up to a thousand rows per column, at every resize: only the rows and the part of
        # the list on screen change what it finds (a window made wider or narrower does not).
        state = (
            self._rows_changed,
            self.table.viewport().height(),
            self.table.verticalScrollBar().value(),
            self.font().key(),
        )
        if self._widths is None or self._widths[0] != state:
            self._widths = (
                state,
                {c: max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c)) for c in shown},
            )
        widths = self._widths[1]
        hidden: set[int] = set()
        for column in self.GIVE_WAY:
            if sum(widths[c] for c in shown if c not in hidden) > room:
                hidden.add(column)
        for column in self.GIVE_WAY:
            self.table.setColumnHidden(column, column in hidden)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def eventFilter(self, watched: QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if watched is self.search and key == QtCore.Qt.Key.Key_Down:
                self.table.setFocus()
                if not self.table.currentIndex().isValid() and self.proxy.rowCount():
                    self.table.selectRow(0)
                return True
            if watched is self.table and key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                self.entered.emit()
                return True
        return super().eventFilter(watched, event)
