"""The park as a pipeline (申报进度): per tenant, what it can apply for and where its declarations stand,
with totals per measure and per district, filters by state and by open window, and an export to a
spreadsheet (.xlsx or .csv, amounts as numbers of 元, through core.park_export).

The figures are core.pipeline's. The tenants are listed at once and gathered a slice of time after
another on the UI thread, between its events (as the park view judges its tenants, for the same reason: a
worker thread busy in Python keeps every repaint waiting), the rows on screen first, with a progress
bar; the totals meanwhile add up the tenants gathered and say so. A newer gathering, or closing the
window, stops the older.
"""

from __future__ import annotations

import itertools
import time
import traceback
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.money import whole_fen
from shenbao.core.park_export import Cell, write_park_table
from shenbao.core.store.db import StoreError
from shenbao.errors import KnownError
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.collation import ranks
from shenbao.ui.done_message import ask_table_path, show_done
from shenbao.ui.style import STATE_TEXT, bracketed, counting, format_yuan, measure_title, state_text

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
TOTAL_SO_FAR = QT_TRANSLATE_NOOP("Pipeline", "合计（只计已汇总的 %1 家）")  # while the tenants are gathered
WAITING = QT_TRANSLATE_NOOP("Pipeline", "汇总中…")  # a tenant's figure not yet gathered
STOPPED = QT_TRANSLATE_NOOP("Pipeline", "未汇总")  # nor ever to be: the gathering stopped on an error
VISIBLE_MAX = 200  # at most this many rows on screen gathered first
SLICE_S = 0.008  # gathering takes the UI thread for at most about this long at a time (half a frame)
SHOW_EVERY_MS = 200  # gathered rows and the progress are shown at most this often (each time a repaint)
AGAIN_MAX = 50  # at most this many tenants changed are gathered again in place, at once; more, all again


def _tr(text: str) -> str:
    return QCoreApplication.translate("Pipeline", text)


MONEY = tuple(key.endswith("_amount") for key, _title in FIGURE_HEADERS)
ELIGIBLE_AMOUNT = 1 + [key for key, _title in FIGURE_HEADERS].index("eligible_amount")  # its column
NO_SUM = {"unspecified": "按规定", "non_monetary": "非资金"}  # a measure's kind of amount stating no sum
FIGURES = attrgetter(*(key for key, _title in FIGURE_HEADERS))
# label, tooltip, figures (money in fen; none while the tenant is not yet gathered), place by label
Row = tuple[str, str, tuple[int, ...], int]
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


def into_groups(groups: Groups, place: int, tenant: Any) -> None:
    """Add one tenant, at `place` in the list, to `groups` (see in_groups) as it is gathered."""
    for group, key, figures in [
        *(("measure", m, f) for m, f in tenant.by_measure.items()),
        ("district", tenant.district, tenant.figures),
    ]:
        places, columns = groups[group].setdefault(key, ([], [[] for _money in MONEY]))
        places.append(place)
        for column, value in zip(columns, in_fen_one(figures), strict=True):
            column.append(value)


def out_of_groups(groups: Groups, place: int, tenant: Any) -> None:
    """Take one tenant, at `place` in the list, out of `groups` (as into_groups put it in)."""
    for group, key in [*(("measure", m) for m in tenant.by_measure), ("district", tenant.district)]:
        places, columns = groups[group][key]
        i = places.index(place)
        del places[i]
        for column in columns:
            del column[i]
        if not places:
            del groups[group][key]


def in_fen_one(figures: Any) -> tuple[Any, ...]:
    """One row's Figures as in_fen gives each column's (amounts in fen)."""
    return tuple(fen(v) if money else v for v, money in zip(FIGURES(figures), MONEY, strict=True))


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
        self.stopped = False  # the gathering stopped on an error: a row not gathered says so

    def set_rows(self, group: str, rows: list[Row], no_sum: dict[str, str] | None = None) -> None:
        """`no_sum`: for a row of a measure whose text states no sum (a row's detail is its id), what its
        eligible amount says instead of 0.00 (按规定, 非资金)."""
        self.beginResetModel()
        self.group, self.rows, self.no_sum = group, self._ordered(rows), no_sum or {}
        self.endResetModel()

    def cell(self, row: Row, column: int) -> Any:
        """A figure of a row: a count, an amount in fen, or for a measure stating no sum (按规定,
        非资金), that in place of the eligible amount of 0; for a tenant not yet gathered, 汇总中…"""
        if not row[2]:
            return _tr(STOPPED if self.stopped else WAITING)
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
        return sorted(rows, key=lambda row: row[2][column - 1] if row[2] else -1, reverse=descending)

    def replace(self, rows: dict[int, Row]) -> None:
        """Rows gathered in place of those shown (keyed by the id of the row they replace), where they
        stand: the order and filter follow them at the end of the gathering."""
        changed = [r for r, row in enumerate(self.rows) if id(row) in rows]
        for r in changed:
            self.rows[r] = rows[id(self.rows[r])]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 1), self.index(changed[-1], self.columnCount() - 1))

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
        """The header and the rows for a spreadsheet (see export_body)."""
        head: list[Cell] = [self.headerData(c, Qt.Orientation.Horizontal) for c in range(self.columnCount())]
        return [head, *export_body(self.rows)]


def export_body(rows: list[Row]) -> list[list[Cell]]:
    """Rows for a spreadsheet: each amount a Decimal of 元 (its heading says 元), each count an int, the
    label text; a measure stating no sum has 0 there, which a sum can add. Plain data: a worker may
    work them out."""
    return [
        [label, *(Decimal(v).scaleb(-2) if money else v for v, money in zip(figures, MONEY, strict=True))]
        for label, _detail, figures, _place in rows
    ]


class PipelineView(QWidget):
    """申报进度 of the park; `ctx` is the window's AppContext."""

    loaded = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pipeline")
        self.setWindowTitle(self.tr("申报进度"))
        self.tenants: list[Any] = []  # core.pipeline's rows, once every tenant is gathered
        self._listed: list[Any] = []  # the store's list of enterprises, in its order
        self._gathered: list[Any] = []  # per tenant listed, core.pipeline's row once gathered (else None)
        self._place: dict[str, int] = {}  # each tenant's place in the list, by its code
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
        self.progress = QProgressBar()
        self.progress.setObjectName("gathering")
        self.progress.setTextVisible(True)
        self.progress.hide()

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
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.progress)
        layout.addLayout(bottom)
        self._gathering: Any = None  # core.pipeline.Gathering under way
        self._waiting: dict[str, int] = {}  # the tenants not yet gathered: code → place, in list order
        self._pending_rows: dict[int, int] = {}  # id of a row not yet gathered → its tenant's place
        self._replaced: dict[int, tuple[Row, Row]] = {}  # rows gathered, not yet shown: id → (old, new)
        self._done = 0  # how many tenants are gathered
        self._removed: set[int] = set()  # the places of tenants removed while they were gathered
        self._complete = True
        self._exporting = False  # one export at a time: 导出表格 waits disabled until it has reported
        self._slices = QTimer(self)  # gathers a slice each time the event loop has nothing else to do
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._gather_slice)
        self._showing = QTimer(self)  # while active, gathered tenants wait to be shown together
        self._showing.setSingleShot(True)
        self._showing.setInterval(SHOW_EVERY_MS)
        self._showing.timeout.connect(self._show_gathered)
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
        if not changes.touches():
            return
        codes = set(changes.saved) | set(changes.declarations)
        if changes.removed or len(codes) > AGAIN_MAX or not codes <= self._place.keys():
            self.refresh()  # a tenant more or fewer, or an import's hundreds: every tenant again
        elif not self._gather_again(codes):
            self.refresh()

    def _gather_again(self, codes: set[str]) -> bool:
        """Gather again, in place, the tenants an operation changed (a profile saved, a wizard's page or a
        declaration's state): one among thousands no longer sends every row back to 「汇总中…」 for the
        seconds they all take (a wizard saves its draft on each page). A tenant still waiting is gathered
        as it is now in its turn. False when the store no longer lists them as the view does."""
        from shenbao.core.pipeline import Gathering

        store = self.ctx.store
        if store is None:
            return False
        try:
            listed = {row.uscc: row for row in store.list_enterprises() if row.uscc in codes}
            if listed.keys() != codes:
                return False
            gathering = Gathering(store, self.ctx.as_of(), whole_register=False)
            again = []
            for code, row in listed.items():
                place = self._place[code]
                if self._gathered[place] is None:
                    if row.name != self._listed[place].name:
                        return False  # its row's label is the name listed
                    self._listed[place] = row
                else:
                    again.append((place, gathering.row(row)))
        except Exception as err:  # noqa: BLE001 -- shown in plain words (or as a bug), not raised out of a slot
            self._stop()
            self._failed(err, traceback.format_exc())
            return True
        renamed = False
        for place, tenant in again:
            old = self._gathered[place]
            out_of_groups(self._groups, place, old)
            figures = in_fen_one(tenant.figures)
            self._rows[place] = (
                tenant.name,
                bracketed(tenant.name, tenant.uscc),
                figures,
                self._rows[place][3],
            )
            self._gathered[place], renamed = tenant, renamed or tenant.name != old.name
            for column, value in zip(self._columns, figures, strict=True):
                column[place] = value
            self._states[place], self._open[place] = tenant.states, bool(tenant.open_windows)
            into_groups(self._groups, place, tenant)
        if renamed:  # its place in the collation
            places = ranks([row[0] for row in self._rows])
            self._rows = [(*row[:3], place) for row, place in zip(self._rows, places, strict=True)]
            self._pending_rows = {id(row): i for i, row in enumerate(self._rows) if not row[2]}
        self.regroup()
        if self._complete:
            self.tenants = list(self._gathered)
            self.loaded.emit(len(self.tenants))
        return True

    def refresh(self) -> None:
        """List every tenant at once (names from the store's list), then gather them a slice of time after
        another on the UI thread, the rows on screen first, the gathered rows and the progress shown a
        few times a second; a newer refresh stops the older."""
        from shenbao.core.pipeline import Gathering

        self._stop()
        store = self.ctx.store
        if store is None:
            self.show_tenants([])
            return
        try:
            listed = store.list_enterprises()
            gathering = Gathering(store, self.ctx.as_of(), whole_register=False)
        except Exception as err:  # noqa: BLE001 -- shown in plain words (or as a bug), not raised out of a slot
            self._failed(err, traceback.format_exc())
            return
        if not listed:
            self.show_tenants([])
            return
        self._list(listed)
        self._gathering = gathering
        self._waiting = {row.uscc: place for place, row in enumerate(listed)}
        counting(self.progress, self.tr("正在汇总 %v / %m 家企业…"), len(listed))
        self.progress.show()
        self._slices.start()

    def _list(self, listed: list[Any]) -> None:
        """Show every tenant listed, its figures 汇总中… until gathered."""
        count = len(listed)
        self._listed, self._gathered, self.tenants = list(listed), [None] * count, []
        self._place = {row.uscc: place for place, row in enumerate(listed)}
        self._rows = [
            (row.name, bracketed(row.name, row.uscc), (), place)
            for row, place in zip(listed, ranks([row.name for row in listed]), strict=True)
        ]
        self._pending_rows = {id(row): place for place, row in enumerate(self._rows)}
        self._replaced, self._done, self._complete = {}, 0, False
        self._removed = set()
        self._columns = [[0] * count for _money in MONEY]  # a tenant not gathered adds nothing yet
        self._groups = {"measure": {}, "district": {}}
        self._states = [set() for _row in listed]
        self._open = [False] * count
        self.model.stopped = False
        self.export_button.setEnabled(False)  # the rows exported are every tenant's, once gathered
        self.regroup()

    def _on_screen(self) -> list[str]:
        """The tenants on screen still waiting to be gathered."""
        if self.model.group != "tenant":
            return []
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.model.rowCount() - 1 if last < 0 else last
        places = (
            self._pending_rows.get(id(row))
            for row in self.model.rows[first : min(last + 1, first + VISIBLE_MAX)]
        )
        return [self._listed[place].uscc for place in places if place is not None]

    def _gather_slice(self) -> None:
        """Gather tenants for one slice of time, those on screen first, then the others in list order."""
        waiting, gathering = self._waiting, self._gathering
        if not waiting or gathering is None:
            self._slices.stop()
            return
        if self.ctx.store is not gathering.store:  # closed while another data folder opens (its passphrase
            self._stop()  # asked meanwhile): every view gathers again once it is open
            return
        gathered = []
        end = time.perf_counter() + SLICE_S
        try:
            for code in itertools.chain(self._on_screen(), list(itertools.islice(waiting, 1000))):
                place = waiting.pop(code, None)
                if place is not None:
                    try:
                        gathered.append((place, gathering.row(self._listed[place])))
                    except StoreError:
                        if gathering.store.has_enterprise(code):
                            raise
                        self._removed.add(place)  # removed meanwhile (another program): its row goes
                    if time.perf_counter() > end:
                        break
        except Exception as err:  # noqa: BLE001 -- shown in plain words (or as a bug), not raised out of a slot
            self._stop()
            self._failed(err, traceback.format_exc())
            return
        for place, tenant in gathered:
            self._keep(place, tenant)
        if not waiting:
            self._finished()
        elif not self._showing.isActive():
            self._show_gathered()

    def _keep(self, place: int, tenant: Any) -> None:
        """A tenant gathered: its row, figures, states and groups, shown at the next showing."""
        old = self._rows[place]
        figures = in_fen_one(tenant.figures)
        new = (old[0], old[1], figures, old[3])
        self._gathered[place], self._rows[place] = tenant, new
        for column, value in zip(self._columns, figures, strict=True):
            column[place] = value
        self._states[place], self._open[place] = tenant.states, bool(tenant.open_windows)
        into_groups(self._groups, place, tenant)
        del self._pending_rows[id(old)]
        self._replaced[id(old)] = (old, new)  # the old row kept alive while its id is a key
        self._done += 1

    def _show_gathered(self) -> None:
        """Show the tenants gathered since the last showing: in their rows where they stand while every
        tenant is shown by name; else (a filter, another grouping) the rows worked out again."""
        replaced, self._replaced = self._replaced, {}
        began = time.perf_counter()
        filtered = self.state_box.currentData() or self.window_box.isChecked()
        if self.model.group == "tenant" and not filtered:
            self.model.replace({key: new for key, (_old, new) in replaced.items()})
            self._add_up(self.kept())
        else:
            self.regroup()
        self.progress.setValue(self._done + len(self._removed))  # repaints at once, the table with it
        # the next showing waits five times what this one took, so that showing takes at most a sixth
        took = int((time.perf_counter() - began) * 1000)
        if not self._complete:
            self._showing.start(min(max(SHOW_EVERY_MS, 5 * took), 2000))

    def _finished(self) -> None:
        if self._removed:  # tenants removed meanwhile by another program: the rows and totals of the others
            self.show_tenants([t for t in self._gathered if t is not None])
            return
        self._stop()
        self._complete = True
        self._replaced = {}
        self.tenants = list(self._gathered)
        self.progress.hide()
        self.export_button.setEnabled(not self._exporting)
        self.regroup()  # the rows gathered meanwhile now filter and sort by their figures
        self.loaded.emit(len(self.tenants))

    def _stop(self) -> None:
        self._waiting, self._gathering = {}, None
        try:
            self._slices.stop()
            self._showing.stop()
        except RuntimeError:  # the view's timers went with it (the view is being deleted)
            pass

    def _failed(self, err: BaseException, details: str) -> None:
        """The gathering stopped: the rows not gathered say 「未汇总」 and the line below says why."""
        from shenbao.ui.workers import show_error

        self.progress.hide()
        self.model.stopped = True
        self.regroup()
        if isinstance(err, KnownError):
            from shenbao.ui.style import known_text

            self.count_label.setText(self.tr("汇总已停止：{reason}").format(reason=known_text(err)))
        show_error(self, err, details)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing stops the gathering: no slice runs after it."""
        self._stop()
        super().closeEvent(event)

    def show_tenants(
        self, tenants: list[Any], columns: Columns | None = None, groups: Groups | None = None
    ) -> None:
        """Show core.pipeline's rows, every tenant gathered; their figures in fen (`columns`, `groups`)
        when worked out already."""
        self._stop()
        self.tenants = list(tenants)
        self._listed, self._gathered = [], list(self.tenants)
        self._place = {t.uscc: place for place, t in enumerate(self.tenants)}
        self._pending_rows, self._replaced, self._done, self._complete = {}, {}, len(self.tenants), True
        self._removed = set()
        self._columns = in_fen([t.figures for t in self.tenants]) if columns is None else columns
        self._groups = in_groups(self.tenants) if groups is None else groups
        places = ranks([t.name for t in self.tenants])
        self._rows = [
            (t.name, bracketed(t.name, t.uscc), figures, place)
            for t, figures, place in zip(self.tenants, zip(*self._columns, strict=True), places, strict=True)
        ]
        self._states = [t.states for t in self.tenants]
        self._open = [bool(t.open_windows) for t in self.tenants]
        self.model.stopped = False
        self.progress.hide()
        self.export_button.setEnabled(not self._exporting)
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
        current = self.table.currentIndex()  # the row chosen stays chosen where it now stands
        picked = (
            self.model.rows[current.row()][:2] if current.isValid() and self.model.group == group else None
        )
        self.model.set_rows(group, rows, no_sum if group == "measure" else None)
        if picked is not None:
            found = next((r for r, row in enumerate(self.model.rows) if row[:2] == picked), None)
            if found is not None:
                self.table.setCurrentIndex(self.model.index(found, current.column()))
        self._add_up(keep)
        for column in range(self.model.columnCount()):
            self.totals_table.setColumnWidth(column, self.table.columnWidth(column))

    def _add_up(self, keep: list[bool]) -> None:
        """The totals of the tenants kept, and how many are shown; while they are gathered, the totals
        of those gathered so far, saying so."""
        total = added(self._columns, keep)
        label = _tr(TOTAL) if self._complete else _tr(TOTAL_SO_FAR).replace("%1", str(self._done))
        self.totals.set_rows(self.model.group, [(label, "", total, 0)])
        if not self.model.stopped:
            self.count_label.setText(
                self.tr("{shown} / %n 家企业", "", len(self._rows)).format(shown=sum(keep))
            )

    # --- export -----------------------------------------------------------------------------------

    def export_csv(self, path: str | Path | None = None) -> Any:
        """Write the rows shown and their total as a spreadsheet, `.xlsx` or `.csv` by the name chosen
        (see export_rows), then say where: off the UI thread (5,000 tenants' .xlsx held the window still
        for about a second), with a progress dialog whose 取消 leaves no file under that name. The
        BackgroundOp, or None when no name was chosen or an export still runs."""
        from shenbao.ui.workers import BackgroundOp, show_error

        if self._exporting:  # one at a time: a second to the same name would race it, the last winning
            return None
        target = Path(path) if path else self._ask_table_path()
        if target is None:
            return None
        head: list[Cell] = [
            self.model.headerData(c, Qt.Orientation.Horizontal) for c in range(self.model.columnCount())
        ]
        rows, totals = list(self.model.rows), list(self.totals.rows)
        label, sheet = self.tr("正在导出申报进度…"), self.tr("申报进度")

        def work(task: Any) -> Path:
            table = [head, *export_body(rows), *export_body(totals)]
            return write_park_table(target, table, sheet, lambda done, total: task.report(done, total, label))

        def finished() -> None:
            self._exporting = False
            self.export_button.setEnabled(self._complete)

        def failed(err: BaseException, details: str) -> None:
            finished()
            show_error(self, err, details)

        def succeeded(out: Path) -> None:
            finished()
            self.exported.emit(str(out))
            show_done(self, out, self.tr("已导出申报进度：{path}").format(path=out))

        self._exporting = True
        self.export_button.setEnabled(False)  # one export at a time
        op = BackgroundOp(
            work, parent=self, label=label, on_success=succeeded, on_failure=failed, on_cancel=finished
        )
        return op.start()

    def _ask_table_path(self) -> Path | None:
        return ask_table_path(self, self.tr("导出申报进度"), "园区申报进度.xlsx")
