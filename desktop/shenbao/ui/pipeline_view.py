"""The park as a pipeline (申报进度): per tenant, what it can apply for and where its declarations stand,
with totals per measure and per district, filters by state and by open window, and an export.

The figures are core.pipeline's, gathered off the UI thread; the view only groups and filters them.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.ui.app import QT_TRANSLATE_NOOP
from shenbao.ui.collation import CollatingProxy
from shenbao.ui.done_message import show_done
from shenbao.ui.style import STATE_TEXT, format_yuan, measure_title, state_text

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = {
    "tenant": QT_TRANSLATE_NOOP("Pipeline", "按企业"),
    "measure": QT_TRANSLATE_NOOP("Pipeline", "按措施"),
    "district": QT_TRANSLATE_NOOP("Pipeline", "按区县"),
}
LABEL_HEADERS = {
    "tenant": QT_TRANSLATE_NOOP("Pipeline", "企业"),
    "measure": QT_TRANSLATE_NOOP("Pipeline", "措施"),
    "district": QT_TRANSLATE_NOOP("Pipeline", "区县"),
}
FIGURE_HEADERS = (
    ("eligible", QT_TRANSLATE_NOOP("Pipeline", "可申报（项）")),
    ("eligible_amount", QT_TRANSLATE_NOOP("Pipeline", "可申报金额（元）")),
    ("in_progress", QT_TRANSLATE_NOOP("Pipeline", "进行中（份）")),
    ("submitted", QT_TRANSLATE_NOOP("Pipeline", "已提交（份）")),
    ("awarded", QT_TRANSLATE_NOOP("Pipeline", "已核定（份）")),
    ("awarded_amount", QT_TRANSLATE_NOOP("Pipeline", "核定金额（元）")),
    ("received_amount", QT_TRANSLATE_NOOP("Pipeline", "已拨付（元）")),
)
TOTAL = QT_TRANSLATE_NOOP("Pipeline", "合计")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pipeline", text)


def shown(value: Any) -> str:
    return format_yuan(value) if isinstance(value, Decimal) else str(value)


class PipelineModel(QAbstractTableModel):
    """Rows: (label, detail, Figures); the last row is the total of the others."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.group = "tenant"
        self.rows: list[tuple[str, str, Any]] = []

    def set_rows(self, group: str, rows: list[tuple[str, str, Any]]) -> None:
        self.beginResetModel()
        self.group, self.rows = group, rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(FIGURE_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _tr(LABEL_HEADERS[self.group] if section == 0 else FIGURE_HEADERS[section - 1][1])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        label, detail, figures = self.rows[index.row()]
        column = index.column()
        value = label if column == 0 else getattr(figures, FIGURE_HEADERS[column - 1][0])
        if role == Qt.ItemDataRole.DisplayRole:
            return value if column == 0 else shown(value)
        if role == SORT_ROLE:
            return value if column == 0 else float(value)
        if role == Qt.ItemDataRole.ToolTipRole and detail:
            return detail
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def table(self) -> list[list[str]]:
        head = [self.headerData(c, Qt.Orientation.Horizontal) for c in range(self.columnCount())]
        body = [
            [self.data(self.index(r, c)) for c in range(self.columnCount())] for r in range(self.rowCount())
        ]
        return [head, *body]


class PipelineView(QWidget):
    """申报进度 of the park; `ctx` is the window's AppContext."""

    loaded = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pipeline")
        self.setWindowTitle(self.tr("申报进度"))
        self.tenants: list[Any] = []
        self.model = PipelineModel(self)
        self.proxy = CollatingProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.totals = PipelineModel(self)

        self.group_box = QComboBox()
        self.group_box.setObjectName("group")
        for key, text in GROUPS.items():
            self.group_box.addItem(_tr(text), key)
        self.state_box = QComboBox()
        self.state_box.setObjectName("state")
        self.state_box.addItem(self.tr("全部状态"), "")
        for state in STATE_TEXT:
            self.state_box.addItem(state_text(state), state)
        self.window_box = QCheckBox(self.tr("仅受理期中"))
        self.window_box.setObjectName("openWindow")
        self.export_button = QPushButton(self.tr("导出 CSV(&E)…"))
        self.export_button.clicked.connect(lambda: self.export_csv())
        for box in (self.group_box, self.state_box):
            box.currentIndexChanged.connect(lambda _i: self.regroup())
        self.window_box.toggled.connect(lambda _on: self.regroup())
        self.count_label = QLabel()

        self.table = self._table("pipelineRows", self.proxy)
        self.table.setSortingEnabled(True)
        self.totals_table = self._table("pipelineTotals", self.totals)
        self.totals_table.horizontalHeader().hide()
        self.totals_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalScrollBar().valueChanged.connect(
            self.totals_table.horizontalScrollBar().setValue
        )
        self.totals_table.setFixedHeight(self.totals_table.verticalHeader().defaultSectionSize() + 4)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, new: self.totals_table.setColumnWidth(column, new)
        )

        bar = QHBoxLayout()
        for text, box in ((self.tr("分组(&G)："), self.group_box), (self.tr("状态(&S)："), self.state_box)):
            label = QLabel(text)
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
        bar.addWidget(self.window_box)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_table)
        layout.addWidget(self.count_label)
        for signal in (
            "declarations_changed",
            "enterprise_saved",
            "enterprise_removed",
            "store_replaced",
            "policy_data_changed",
            "as_of_changed",
        ):
            if hasattr(ctx, signal):
                getattr(ctx, signal).connect(lambda *_a: self.refresh())

    def _table(self, name: str, model: Any) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setDefaultSectionSize(112)
        table.setColumnWidth(0, 230)
        return table

    # --- data -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Gather the pipeline again, off the UI thread."""
        from shenbao.core.pipeline import pipeline

        if self.ctx.store is None:
            self.show_tenants([])
            return
        as_of = self.ctx.as_of()
        self.count_label.setText(self.tr("正在汇总…"))

        def work(store: Any, _task: Any) -> tuple[list[Any], Any]:
            from shenbao.ui.context import OpChanges

            return pipeline(store, as_of), OpChanges()

        self.op = self.ctx.run(work, parent=self, show_progress=False, on_success=self.show_tenants)

    def show_tenants(self, tenants: list[Any]) -> None:
        self.tenants = list(tenants)
        self.regroup()
        self.loaded.emit(len(self.tenants))

    def filtered(self) -> list[Any]:
        state = self.state_box.currentData() or ""
        rows = [t for t in self.tenants if not state or state in t.states]
        if self.window_box.isChecked():
            rows = [t for t in rows if t.open_windows]
        return rows

    def regroup(self) -> None:
        from shenbao.core.pipeline import grand_total, totals_by_district, totals_by_measure
        from shenbao.core.policies import catalogue

        group = self.group_box.currentData() or "tenant"
        tenants = self.filtered()
        if group == "measure":
            measures = catalogue().measures
            rows = [
                (measure_title(m, measures[m].title) if m in measures else m, m, f)
                for m, f in totals_by_measure(tenants).items()
            ]
        elif group == "district":
            rows = [(d or "—", "", f) for d, f in totals_by_district(tenants).items()]
        else:
            rows = [(t.name, f"{t.name}（{t.uscc}）", t.figures) for t in tenants]
        self.model.set_rows(group, rows)
        self.totals.set_rows(group, [(_tr(TOTAL), "", grand_total(tenants))])
        for column in range(self.model.columnCount()):
            self.totals_table.setColumnWidth(column, self.table.columnWidth(column))
        self.count_label.setText(
            self.tr("{shown} / {total} 家企业").format(shown=len(tenants), total=len(self.tenants))
        )

    # --- export -----------------------------------------------------------------------------------

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the rows shown and their total to CSV (UTF-8 with BOM, for Excel), then say where."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出申报进度"), str(Path.home() / "园区申报进度.csv"), "CSV (*.csv)"
            )
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        rows = self.model.table() + self.totals.table()[1:]
        try:
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows(rows)
        except OSError as err:
            from shenbao.errors import KnownError
            from shenbao.ui.workers import show_error

            show_error(
                self, KnownError(self.tr("无法写入 {path}（{why}）").format(path=target, why=err.strerror))
            )
            return None
        self.exported.emit(str(target))
        show_done(self, target, self.tr("已导出申报进度：{path}").format(path=target))
        return target
