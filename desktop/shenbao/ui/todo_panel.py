"""The 「待办」 panel: windows opening or open, declarations' deadlines near, documents ending soon.

It lists what core.deadlines.todo finds for the as-of date, for one enterprise or all. The list is
gathered off the UI thread on a store of its own (judging thousands of tenants takes a while) and shown
when it comes back; double-clicking a line opens its declaration or its enterprise.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from shenbao.ui.app import QT_TRANSLATE_NOOP
from shenbao.ui.style import measure_title, state_text, titles_text, todo_text

ModelIndex = QModelIndex | QPersistentModelIndex
KIND_TEXT = {
    "window": QT_TRANSLATE_NOOP("Todo", "受理期"),
    "deadline": QT_TRANSLATE_NOOP("Todo", "截止日期"),
    "expiry": QT_TRANSLATE_NOOP("Todo", "政策到期"),
    "profile": QT_TRANSLATE_NOOP("Todo", "档案有误"),
}


def _state_label(label: str) -> str:
    """A declaration's state, written by the core in Chinese, in the interface's language."""
    from shenbao.core.register import STATE_LABELS

    code = next((c for c, text in STATE_LABELS.items() if text == label), None)
    return state_text(code) if code else label


KIND_COLOURS = {"window": "#dff3e4", "deadline": "#fff0c2", "expiry": "#f8d7da", "profile": "#f8d7da"}
HEADERS = (
    QT_TRANSLATE_NOOP("Todo", "日期"),
    QT_TRANSLATE_NOOP("Todo", "类别"),
    QT_TRANSLATE_NOOP("Todo", "企业"),
    QT_TRANSLATE_NOOP("Todo", "事项"),
    QT_TRANSLATE_NOOP("Todo", "说明"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Todo", text)


class TodoModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = measure_title(t.measure, t.title) if t.measure else titles_text(t.title)
            text = todo_text(t.kind, t.text, _state_label)
            return (t.day.isoformat(), _tr(KIND_TEXT[t.kind]), t.name, title, text)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            return QColor(KIND_COLOURS[t.kind])
        if role == Qt.ItemDataRole.ToolTipRole:
            return todo_text(t.kind, t.text, _state_label)
        return None


class TodoPanel(QWidget):
    """待办 for one enterprise (`uscc`) or all; `ctx` is the window's AppContext."""

    loaded = Signal(int)  # how many items
    openDeclaration = Signal(int)
    openEnterprise = Signal(str)

    def __init__(self, ctx: Any, uscc: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.uscc = uscc
        self.setObjectName("todo")
        self.setWindowTitle(self.tr("待办"))
        self.model = TodoModel(self)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("todoItems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(
            True
        )  # 事项 and 说明 share what the window leaves, wrapped, never cut to 「…」
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._activated)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the keyboard's double click
            enter = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self._activated(self.table.currentIndex()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.op: Any = None
        if hasattr(ctx, "changed"):  # once per operation (an import reports all its codes at once)
            ctx.changed.connect(self._changed)
        for signal in ("store_replaced", "policy_data_changed", "as_of_changed"):
            if hasattr(ctx, signal):
                getattr(ctx, signal).connect(lambda *_a: self.refresh())

    def _changed(self, changes: Any) -> None:
        if changes.touches(self.uscc):
            self.refresh()

    def refresh(self) -> None:
        """Gather the list again, off the UI thread."""
        from shenbao.core.deadlines import todo

        if self.ctx.store is None:
            self.show_items([])
            return
        as_of, uscc = self.ctx.as_of(), self.uscc
        self.heading.setText(self.tr("正在查找待办事项…"))

        if self.op is not None:
            self.op.cancel()  # superseded: it stops at its next enterprise, and what it found is not shown

        def work(store: Any, task: Any) -> tuple[list[Any], Any]:
            from shenbao.ui.context import OpChanges

            found = todo(store, as_of, uscc, check=task.check)
            task.check()
            return found, OpChanges()

        self.op = self.ctx.run(
            work, parent=self, show_progress=False, on_success=self.show_items, on_failure=self._failed
        )

    def _failed(self, err: BaseException, _details: str) -> None:
        self.heading.setText(self.tr("无法查找待办事项：{error}").format(error=err))

    def show_items(self, items: list[Any]) -> None:
        self.model.set_items(items)
        as_of = self.ctx.as_of().isoformat()
        if items:
            self.heading.setText(self.tr("截至 {date}，共 %n 项待办", "", len(items)).format(date=as_of))
        else:
            self.heading.setText(
                self.tr("截至 {date}，近期没有受理期、截止日期或到期的政策").format(date=as_of)
            )
        self.loaded.emit(len(items))

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.items[index.row()]
        if item.declaration is not None:
            self.openDeclaration.emit(item.declaration)
        elif item.uscc:
            self.openEnterprise.emit(item.uscc)
