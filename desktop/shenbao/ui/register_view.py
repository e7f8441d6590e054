"""The declaration register (申报记录): every declaration of one enterprise or of all, with its state,
sums and file; beside the list, the selected declaration's PDF (打开, 在文件夹中显示, 打印…, 重新生成),
its state changes with their dates, 受理编号, notes and sums, its deadline, and its materials checklist.

The view decides nothing: states, transitions, sums and the basis check are core.register's; a change
is written through it on the window's store and reported to the context, so every open view reloads.
Files are opened through `self.opener` (QDesktopServices by default) so tests never start a viewer.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.errors import KnownError
from shenbao.ui.app import QT_TRANSLATE_NOOP
from shenbao.ui.collation import CollatingProxy
from shenbao.ui.style import STATE_TEXT, bracketed, known_text, measure_title, money_or_dash, state_text

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {
    "draft": "#f2f2f2",
    "generated": "#e8f0fe",
    "submitted": "#fff4d6",
    "accepted": "#fff0c2",
    "selected": "#dff3e4",
    "paid": "#c8ebd1",
    "refused": "#f8d7da",
    "withdrawn": "#e6e6e6",
}
# 依据 beside the state: as the last column it was off the screen at the window's first size, and a
# declaration whose basis changed looked like any other
HEADERS = (
    QT_TRANSLATE_NOOP("Register", "企业"),
    QT_TRANSLATE_NOOP("Register", "措施"),
    QT_TRANSLATE_NOOP("Register", "状态"),
    QT_TRANSLATE_NOOP("Register", "依据"),
    QT_TRANSLATE_NOOP("Register", "申请金额（元）"),
    QT_TRANSLATE_NOOP("Register", "核定金额（元）"),
    QT_TRANSLATE_NOOP("Register", "已拨付（元）"),
    QT_TRANSLATE_NOOP("Register", "截止日期"),
    QT_TRANSLATE_NOOP("Register", "更新"),
)
BASIS_CHANGED = QT_TRANSLATE_NOOP("Register", "依据已变化")
ENTERPRISE, MEASURE, STATE, BASIS, APPLIED, AWARDED, RECEIVED, DEADLINE, UPDATED = range(len(HEADERS))


def tr(text: str) -> str:
    return QCoreApplication.translate("Register", text)


class RegisterModel(QAbstractTableModel):
    """Rows: register entries (core.register.Entry); `changed` holds the ids whose basis changed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[Any] = []
        self.changed: set[int] = set()

    def set_entries(self, entries: list[Any], changed: set[int]) -> None:
        self.beginResetModel()
        self.entries, self.changed = list(entries), set(changed)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            values: dict[int, Any] = {
                ENTERPRISE: e.name,
                MEASURE: measure_title(e.measure, e.title),
                STATE: state_text(e.state),
                APPLIED: money_or_dash(e.amount_applied),
                AWARDED: money_or_dash(e.amount_awarded),
                RECEIVED: money_or_dash(e.received) if e.payments else "—",
                DEADLINE: e.deadline.isoformat() if e.deadline else "",
                UPDATED: e.updated_at[:10],
                BASIS: tr(BASIS_CHANGED) if e.id in self.changed else "",
            }
            if role == SORT_ROLE:
                sums = {APPLIED: e.amount_applied, AWARDED: e.amount_awarded, RECEIVED: e.received}
                if column in sums:
                    return float(sums[column] or 0)
                if column == STATE:
                    from shenbao.core.register import STATES

                    return STATES.index(e.state)
            return values[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == STATE:
            return QColor(STATE_COLOURS.get(e.state, "#ffffff"))
        if role == Qt.ItemDataRole.ForegroundRole and column == BASIS:
            return QColor("#a15c00")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (APPLIED, AWARDED, RECEIVED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == ENTERPRISE:
            return bracketed(e.name, e.uscc)
        if role == Qt.ItemDataRole.ToolTipRole and column == MEASURE:
            return bracketed(measure_title(e.measure, e.title), e.measure)
        return None


class StateFilter(CollatingProxy):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.state = ""
        self.setSortRole(SORT_ROLE)

    def set_state(self, state: str) -> None:
        self.beginFilterChange()
        self.state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self.state:
            return True
        model = self.sourceModel()
        assert isinstance(model, RegisterModel)
        return bool(model.entries[source_row].state == self.state)


def open_with_system(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


class _Pane(QScrollArea):
    """The detail's scroll area: it keeps the width its controls need, so the list beside it gives way
    rather than a button or a field being cut off at the right edge."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), width + 2 * self.frameWidth()), hint.height())


class RegisterView(QWidget):
    """申报记录 of one enterprise (`uscc`) or of all. `ctx` is the window's AppContext."""

    openWizard = Signal(str, str)  # enterprise code, measure: reopen a draft
    changedState = Signal(int, str)  # declaration id, new state

    def __init__(self, ctx: Any, uscc: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.uscc = uscc
        self.opener: Callable[[QUrl], bool] = open_with_system
        self.setObjectName("register")
        self.setWindowTitle(self.tr("申报记录"))
        self.model = RegisterModel(self)
        self.proxy = StateFilter(self)
        self.proxy.setSourceModel(self.model)

        self.state_box = QComboBox()
        self.state_box.setObjectName("stateFilter")
        self.state_box.addItem(self.tr("全部状态"), "")
        for state in STATE_TEXT:
            self.state_box.addItem(state_text(state), state)
        self.state_box.currentIndexChanged.connect(lambda _i: self._filter())
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setObjectName("declarations")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # by enterprise from A to Z, each one's declarations oldest first (the header's own default is
        # descending, which listed the park from its last tenant)
        self.table.sortByColumn(ENTERPRISE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ENTERPRISE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MEASURE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(ENTERPRISE, 200)
        self.table.setWordWrap(False)
        self.table.setColumnHidden(ENTERPRISE, uscc is not None)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show())
        self.table.doubleClicked.connect(lambda _i: self.reopen())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the keyboard's double click
            enter = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.reopen)

        from shenbao.ui.register_detail import DetailPanel

        self.detail = DetailPanel(self)
        scroll = self.pane = _Pane()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.detail)

        top = QHBoxLayout()
        label = QLabel(self.tr("状态(&S)："))
        label.setBuddy(self.state_box)
        top.addWidget(label)
        top.addWidget(self.state_box)
        top.addStretch(1)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        if hasattr(ctx, "changed"):  # once per operation (an import reports all its codes at once)
            ctx.changed.connect(self._changed)
        for signal in ("store_replaced", "policy_data_changed"):
            if hasattr(ctx, signal):
                getattr(ctx, signal).connect(self.reload)
        self.reload()

    # --- data -------------------------------------------------------------------------------------

    def _changed(self, changes: Any) -> None:
        if changes.touches(self.uscc):
            self.reload()

    def reload(self) -> None:
        """Read the register again, keeping the selected declaration selected."""
        from shenbao.core.policies import catalogue
        from shenbao.core.register import basis_changed, entries

        keep = self.current().id if self.current() is not None else None
        store = self.ctx.store
        found: list[Any] = []
        changed: set[int] = set()
        if store is not None:
            found = entries(store, self.uscc)
            version = catalogue().version
            changed = {e.id for e in found if basis_changed(store, e, version=version)}
        self.model.set_entries(found, changed)
        # a measure's title is the row's point: as wide as the longest, up to about 24 characters
        self.table.resizeColumnToContents(MEASURE)
        cap = 24 * self.table.fontMetrics().horizontalAdvance("算")
        self.table.setColumnWidth(MEASURE, max(min(self.table.columnWidth(MEASURE), cap), 120))
        self._filter()
        if keep is not None:
            self.select(keep)
        self._show()

    def _filter(self) -> None:
        self.proxy.set_state(self.state_box.currentData() or "")
        self.count_label.setText(self.tr("共 %n 份", "", self.proxy.rowCount()))

    def select(self, declaration_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.entries[source.row()].id == declaration_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False

    def current(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.mapToSource(index).row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def _show(self) -> None:
        self.detail.show_entry(
            self.current(), self.current() is not None and self.current().id in self.model.changed
        )
        self.pane.updateGeometry()  # the splitter asks again how narrow the pane may be

    # --- actions ----------------------------------------------------------------------------------

    def _report(self, code: str) -> None:
        report = getattr(self.ctx, "report", None)
        if report is None:
            self.reload()
            return
        from shenbao.ui.context import OpChanges

        report(OpChanges(declarations=(code,)))
        if self.uscc is not None and code != self.uscc:
            self.reload()

    def apply(self, change: Callable[[Any, int], Any]) -> bool:
        """Run a register change on the current declaration; a refused one is said in the panel. When the
        declaration was changed meanwhile elsewhere (the command, another window), which the refusal may
        name, the register is read again first, so the panel shows it, not the figures it was opened
        with; else what the user typed stays to be corrected."""
        e = self.current()
        if e is None:
            return False
        try:
            change(self.ctx.store, e.id)
        except KnownError as err:
            if self._changed_elsewhere(e):
                with contextlib.suppress(KnownError):
                    self.reload()
            self.detail.say(known_text(err), error=True)
            return False
        self._report(e.uscc)
        return True

    def _changed_elsewhere(self, shown: Any) -> bool:
        """Whether the stored declaration is no longer the one shown (changed or removed since)."""
        from shenbao.core.register import entry

        def mark(e: Any) -> tuple[Any, ...]:  # a stamp is to the second: the records are counted too
            return e.updated_at, e.state, e.amount_awarded, len(e.events), len(e.payments), e.deadline

        try:
            return mark(entry(self.ctx.store, shown.id)) != mark(shown)
        except KnownError:
            return True

    def reopen(self) -> None:
        """The wizard for a draft, the PDF for a printed one."""
        e = self.current()
        if e is None:
            return
        if e.state == "draft":
            self.openWizard.emit(e.uscc, e.measure)
        else:
            self.open_pdf()

    def _printed(self) -> Any:
        """The current declaration when its PDF is there to open, else None after saying why: moved or
        deleted, or not a PDF (a path a bundle carried, which is not handed to the system to open)."""
        from shenbao.core.phrases import Phrase
        from shenbao.core.register import ERRORS, RegisterError, is_pdf

        e = self.current()
        if e is None or e.pdf_state() not in ("ok", "changed"):
            self.detail.say(self.tr("申报书文件已被移动或删除，可点击“重新生成”"), error=True)
            return None
        if not is_pdf(e.pdf_path):
            refused = RegisterError(Phrase(ERRORS["not_pdf"], path=e.pdf_path))
            self.detail.say(known_text(refused), error=True)
            return None
        return e

    def open_pdf(self) -> bool:
        e = self._printed()
        if e is None:
            return False
        return self.opener(QUrl.fromLocalFile(str(e.pdf_path)))

    def show_in_folder(self) -> bool:
        e = self.current()
        if e is None or not e.pdf_path:
            return False
        return self.opener(QUrl.fromLocalFile(str(Path(e.pdf_path).parent)))

    def print_pdf(self) -> bool:
        """Print through the system: Windows prints the file directly; elsewhere it opens in the system
        viewer, whose print dialog the user knows (Qt's own PDF module is not part of this build)."""
        e = self._printed()
        if e is None:
            return False
        if sys.platform == "win32" and self.opener is open_with_system:
            os.startfile(str(e.pdf_path), "print")  # type: ignore[attr-defined]  # noqa: S606
            return True
        self.detail.say(self.tr("已在系统阅读器中打开申报书，请在其中选择“打印”"))
        return self.opener(QUrl.fromLocalFile(str(e.pdf_path)))

    def copy_path(self) -> None:
        e = self.current()
        if e is not None and e.pdf_path:
            QGuiApplication.clipboard().setText(str(e.pdf_path))
            self.detail.say(self.tr("路径已复制"))

    def regenerate(self) -> bool:
        from shenbao.core.register import reprint
        from shenbao.ui.done_message import wanting_note

        wanting: list[str] = []
        ok = self.apply(lambda store, id_: wanting.extend(reprint(store, id_)[1].wanting))
        if ok:
            self.detail.say(self.tr("已按生成时的依据重新生成申报书") + wanting_note(wanting))
        return ok

    def choose_file(self, position: int) -> None:
        from shenbao.core.register import link_file

        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择材料文件"))
        if path:
            self.apply(lambda store, id_: link_file(store, id_, position, path))
