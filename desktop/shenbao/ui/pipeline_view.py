"""The park as a pipeline (申报进度): per tenant, what it can apply for and where its declarations stand,
with totals per measure and per district, filters by state and by open window, and an export to a
spreadsheet (.xlsx or .csv, amounts as numbers of 元, through core.park_export).

The figures are core.pipeline's, gathered off the UI thread; the view only groups and filters them.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import compress
from operator import attrgetter
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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.money import whole_fen
from shenbao.core.park_export import Cell, write_park_table
from shenbao.core.store.db import StoreError
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.collation import ranks
from shenbao.ui.done_message import ask_table_path, show_done
from shenbao.ui.style import STATE_TEXT, bracketed, format_yuan, measure_title, state_text

ModelIndex = QModelIndex | QPersistentModelIndex
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
    ("to_confirm_amount", QT_TRANSLATE_NOOP("Pipeline", "另需确认能否叠加（元）")),
    ("in_progress", QT_TRANSLATE_NOOP("Pipeline", "进行中（份）")),
    ("submitted", QT_TRANSLATE_NOOP("Pipeline", "已提交（份）")),
    ("awarded", QT_TRANSLATE_NOOP("Pipeline", "已核定（份）")),
    ("awarded_amount", QT_TRANSLATE_NOOP("Pipeline", "核定金额（元）")),
    ("received_amount", QT_TRANSLATE_NOOP("Pipeline", "已拨付（元）")),
)
TOTAL = QT_TRANSLATE_NOOP("Pipeline", "合计")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pipeline", text)


MONEY = tuple(key.endswith("_amount") for key, _title in FIGURE_HEADERS)
ELIGIBLE_AMOUNT = 1 + [key for key, _title in FIGURE_HEADERS].index("eligible_amount")  # its column
NO_SUM = {"unspecified": "按规定", "non_monetary": "非资金"}  # a measure's kind of amount stating no sum
FIGURES = attrgetter(*(key for key, _title in FIGURE_HEADERS))
Row = tuple[str, str, tuple[int, ...], int]  # label, tooltip, figures (money in fen), place by label
Columns = list[list[int]]  # figures column by column, amounts in fen
Groups = dict[str, dict[str, tuple[list[int], Columns]]]  # group → key → (places of its tenants, figures)


def in_fen(figures: list[Any]) -> Columns:
    """core.pipeline's Figures, column by column, as integers (amounts in fen): added up exactly, and
    sorted, without a Decimal or a Python loop per row."""
    columns = list(zip(*map(FIGURES, figures), strict=True)) or [() for _money in MONEY]
    return [[fen(v) for v in c] if money else list(c) for c, money in zip(columns, MONEY, strict=True)]


def fen(amount: Decimal) -> Any:
    """An amount in fen: an int when it is a whole number of fen (every amount judged or typed today),
    else the exact Decimal, so a total is never a fen off what the rows say."""
    whole = whole_fen(amount)
    return amount.scaleb(2) if whole is None else whole


def in_groups(tenants: list[Any]) -> Groups:
    """Per measure and per district: the places of its tenants in `tenants` and their figures in fen."""
    parts: dict[tuple[str, str], tuple[list[int], list[Any]]] = {}
    for i, t in enumerate(tenants):
        for part, figures in [
            *((("measure", m), f) for m, f in t.by_measure.items()),
            (("district", t.district), t.figures),
        ]:
            places, kept = parts.setdefault(part, ([], []))
            places.append(i)
            kept.append(figures)
    groups: Groups = {"measure": {}, "district": {}}
    for (group, key), (places, figures) in parts.items():
        groups[group][key] = (places, in_fen(figures))
    return groups


def added(columns: Columns, chosen: list[bool]) -> tuple[int, ...]:
    """The totals of the `chosen` rows of `columns`."""
    return tuple(sum(compress(column, chosen)) for column in columns)


def shown(value: Any, money: bool) -> str:
    return format_yuan(Decimal(value).scaleb(-2)) if money else str(value)


class PipelineModel(QAbstractTableModel):
    """Rows: (label, detail, figures in fen, place of the label in the Chinese collation); sorted here,
    on those integers, rather than through a proxy comparing every pair of rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.group = "tenant"
        self.rows: list[Row] = []
        self.no_sum: dict[str, str] = {}
        self.sort_column, self.sort_order = -1, Qt.SortOrder.AscendingOrder

    def set_rows(self, group: str, rows: list[Row], no_sum: dict[str, str] | None = None) -> None:
        """`no_sum`: for a row of a measure whose text states no sum (a row's detail is its id), what its
        eligible amount says instead of 0.00 (按规定, 非资金)."""
        self.beginResetModel()
        self.group, self.rows, self.no_sum = group, self._ordered(rows), no_sum or {}
        self.endResetModel()

    def cell(self, row: Row, column: int) -> Any:
        """A figure of a row: a count, an amount in fen, or for a measure stating no sum (按规定,
        非资金), that in place of the eligible amount of 0."""
        value = row[2][column - 1]
        if column == ELIGIBLE_AMOUNT and not value and row[1] in self.no_sum:
            return core_text(self.no_sum[row[1]])
        return value

    def _ordered(self, rows: list[Row]) -> list[Row]:
        column = self.sort_column
        if not (0 <= column < self.columnCount()):
            return rows
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if column == 0:
            return sorted(rows, key=lambda row: row[3], reverse=descending)
        return sorted(rows, key=lambda row: row[2][column - 1], reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self.rows[i.row()] for i in before]
        self.rows = self._ordered(self.rows)
        if before:
            places = {id(row): r for r, row in enumerate(self.rows)}
            self.changePersistentIndexList(
                before,
                [self.index(places[id(row)], i.column()) for row, i in zip(moved, before, strict=True)],
            )
        self.layoutChanged.emit()

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
        label, detail, figures, _place = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label
            value = self.cell(self.rows[index.row()], column)
            return value if isinstance(value, str) else shown(value, MONEY[column - 1])
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

    def export_rows(self) -> list[list[Cell]]:
        """The header and the rows for a spreadsheet: each amount a Decimal of 元 (its heading says 元),
        each count an int, the label text; a measure stating no sum has 0 there, which a sum can add."""
        head: list[Cell] = [self.headerData(c, Qt.Orientation.Horizontal) for c in range(self.columnCount())]
        body: list[list[Cell]] = [
            [label, *(Decimal(v).scaleb(-2) if money else v for v, money in zip(figures, MONEY, strict=True))]
            for label, _detail, figures, _place in self.rows
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
        self._rows: list[Row] = []  # per tenant, worked out once: its row, states, open windows, measures
        self._states: list[set[str]] = []
        self._open: list[bool] = []
        self._columns: Columns = []  # every tenant's figures
        # per measure and per district: the places of its tenants and their figures, in the same order
        self._groups: Groups = {}
        self.model = PipelineModel(self)
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
        self.export_button = QPushButton(self.tr("导出表格(&E)…"))
        self.export_button.setToolTip(
            self.tr("导出为 Excel 表格（.xlsx）或 CSV，金额为以元计的数字，可直接求和")
        )
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.export_button.setAutoDefault(True)  # Enter presses it when it has the focus, as in a dialog
        for box in (self.group_box, self.state_box):
            box.currentIndexChanged.connect(lambda _i: self.regroup())
        self.window_box.toggled.connect(lambda _on: self.regroup())
        self.count_label = QLabel()

        self.table = self._table("pipelineRows", self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the header's own default is descending
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
        self.op: Any = None  # the gathering under way
        if hasattr(ctx, "changed"):  # once per operation (an import reports all its codes at once)
            ctx.changed.connect(self._changed)
        for signal in ("store_replaced", "policy_data_changed", "as_of_changed"):
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
        header = table.horizontalHeader()  # two lines: 「Eligible amount (CNY)」 is wider than its column
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().lineSpacing() * 2 + 8)
        table.setColumnWidth(0, 230)
        return table

    # --- data -------------------------------------------------------------------------------------

    def _changed(self, changes: Any) -> None:
        if changes.touches():
            self.refresh()

    def refresh(self) -> None:
        """Gather the pipeline again, off the UI thread."""
        from shenbao.core.pipeline import pipeline

        if self.ctx.store is None:
            self.show_tenants([])
            return
        as_of = self.ctx.as_of()
        self.count_label.setText(self.tr("正在汇总…"))
        if self.op is not None:
            self.op.cancel()  # superseded: it stops at its next tenant, and what it found is not shown

        def work(store: Any, task: Any) -> tuple[tuple[list[Any], Columns, Groups], Any]:
            from shenbao.ui.context import OpChanges

            tenants = pipeline(store, as_of, check=task.check)
            task.check()
            return (tenants, in_fen([t.figures for t in tenants]), in_groups(tenants)), OpChanges()

        self.op = self.ctx.run(
            work, parent=self, show_progress=False, on_success=lambda got: self.show_tenants(*got)
        )

    def show_tenants(
        self, tenants: list[Any], columns: Columns | None = None, groups: Groups | None = None
    ) -> None:
        """Show core.pipeline's rows; their figures in fen (`columns`, `groups`) when worked out already."""
        self.tenants = list(tenants)
        self._columns = in_fen([t.figures for t in self.tenants]) if columns is None else columns
        self._groups = in_groups(self.tenants) if groups is None else groups
        places = ranks([t.name for t in self.tenants])
        self._rows = [
            (t.name, bracketed(t.name, t.uscc), figures, place)
            for t, figures, place in zip(self.tenants, zip(*self._columns, strict=True), places, strict=True)
        ]
        self._states = [t.states for t in self.tenants]
        self._open = [bool(t.open_windows) for t in self.tenants]
        self.regroup()
        self.loaded.emit(len(self.tenants))

    def kept(self) -> list[bool]:
        """Per tenant, whether the state and window filters keep it."""
        state = self.state_box.currentData() or ""
        window = self.window_box.isChecked()
        return [
            (not state or state in states) and (is_open or not window)
            for states, is_open in zip(self._states, self._open, strict=True)
        ]

    def regroup(self) -> None:
        from shenbao.core.policies import catalogue

        group = self.group_box.currentData() or "tenant"
        keep = self.kept()
        rows: list[Row]
        no_sum: dict[str, str] = {}
        if group == "tenant":
            rows = list(compress(self._rows, keep))
        else:
            totals = {}
            for key, (places, columns) in sorted(self._groups[group].items()):
                chosen = list(map(keep.__getitem__, places))
                if any(chosen):
                    totals[key] = added(columns, chosen)
            if group == "measure":
                measures = catalogue().measures
                labels = {m: measure_title(m, measures[m].title) if m in measures else m for m in totals}
            else:
                labels = {d: d or "—" for d in totals}
            detail = group == "measure"
            if detail:
                kinds = {m: measures[m].amount_kind for m in totals if m in measures}
                no_sum = {m: NO_SUM[kind] for m, kind in kinds.items() if kind in NO_SUM}
            rows = [
                (labels[key], key if detail else "", figures, place)
                for (key, figures), place in zip(totals.items(), ranks(list(labels.values())), strict=True)
            ]
        self.model.set_rows(group, rows, no_sum if group == "measure" else None)
        total = added(self._columns, keep)
        self.totals.set_rows(group, [(_tr(TOTAL), "", total, 0)])
        for column in range(self.model.columnCount()):
            self.totals_table.setColumnWidth(column, self.table.columnWidth(column))
        self.count_label.setText(
            self.tr("{shown} / %n 家企业", "", len(self.tenants)).format(shown=sum(keep))
        )

    # --- export -----------------------------------------------------------------------------------

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the rows shown and their total as a spreadsheet, `.xlsx` or `.csv` by the name chosen
        (see export_rows), then say where."""
        target = Path(path) if path else self._ask_table_path()
        if target is None:
            return None
        rows = self.model.export_rows() + self.totals.export_rows()[1:]
        try:
            write_park_table(target, rows, sheet=self.tr("申报进度"))
        except StoreError as err:
            from shenbao.ui.workers import show_error

            show_error(self, err)
            return None
        self.exported.emit(str(target))
        show_done(self, target, self.tr("已导出申报进度：{path}").format(path=target))
        return target

    def _ask_table_path(self) -> Path | None:
        return ask_table_path(self, self.tr("导出申报进度"), "园区申报进度.xlsx")
