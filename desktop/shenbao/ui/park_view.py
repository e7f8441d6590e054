"""The park view: for staff serving many tenants, every tenant × every measure with its status and amount,
colour-coded, filtered by district, measure or status, with totals per measure over what is shown, and
exports to CSV and to the PDF park report.

Each tenant is judged by the rules once when the view loads; the cells show the Results as they are. The
totals row adds up the amounts the rules gave for the rows shown. Exports run off the UI thread on data
gathered beforehand, so the worker never touches the store's connection or a widget.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import queue
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.model import ProfileError, parse_profile
from shenbao.core.rules import STATUS_LABELS, rules
from shenbao.errors import KnownError
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.collation import name_key
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.style import STATUS_COLOURS, amount_text, measure_title
from shenbao.ui.workers import BackgroundOp, show_error

ModelIndex = QModelIndex | QPersistentModelIndex
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
AMOUNT_ROLE = Qt.ItemDataRole.UserRole + 3
CONFIRM_ROLE = Qt.ItemDataRole.UserRole + 4  # a tenant's sums whose stacking must be confirmed
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 5  # a column header's measure
FIXED = (
    QT_TRANSLATE_NOOP("ParkTableModel", "企业"),
    QT_TRANSLATE_NOOP("ParkTableModel", "区县"),
    QT_TRANSLATE_NOOP("ParkTableModel", "合计"),
)
WAITING = QT_TRANSLATE_NOOP("ParkTableModel", "测算中…")  # a tenant not yet judged
NAME, DISTRICT = 0, 1
CHUNK = 50  # tenants judged between two posts to the view (and two looks at the rows on screen)
VISIBLE_MAX = 200  # at most this many rows on screen asked for first


def _next_chunk(waiting: dict[str, Any], wanted: queue.SimpleQueue[str]) -> list[Any]:
    """The next tenants to judge (taken out of `waiting`): those asked for (on screen) first, then the
    others in list order."""
    chunk: list[Any] = []
    while len(chunk) < CHUNK:
        try:
            code = wanted.get_nowait()
        except queue.Empty:
            break
        if code in waiting:
            chunk.append(waiting.pop(code))
    for code in list(itertools.islice(waiting, CHUNK - len(chunk))):
        chunk.append(waiting.pop(code))
    return chunk


# The cells and totals written through _tr, listed for lupdate (which does not read _tr's calls).
CELL_TEXTS = (
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报，金额按规定"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报，非资金支持"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1（%2 家）"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1；另有 %2需确认能否叠加"),
    QT_TRANSLATE_NOOP("ParkTableModel", "另有 %1需向主管部门确认能否叠加"),
    QT_TRANSLATE_NOOP("ParkTableModel", "合计（%1 家）"),
    QT_TRANSLATE_NOOP("ParkTableModel", "档案有误"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParkTableModel", text)


class Tenant:
    """One enterprise of the data folder: its profile and preview once judged (None while it waits, or
    when the profile is bad, `error` saying why), and what the table shows of it, worked out once: per
    measure its result, the amount it may apply for and the key it sorts by."""

    def __init__(
        self, uscc: str, name: str, district: str, profile: Any = None, preview: Any = None, error: str = ""
    ) -> None:
        self.uscc, self.name, self.district = uscc, name, district
        self.profile, self.preview, self.error = profile, preview, error
        self.judged = preview is not None or bool(error)
        self.results: list[Any] = []
        self.amounts: list[Decimal | None] = []
        self.keys: list[float] = []
        self.eligible: list[bool] = []
        self.statuses: frozenset[str] = frozenset()
        self.counted, self.to_confirm = Decimal(0), Decimal(0)
        self.totals: Any = None

    def settle(self, measures: list[Any]) -> Tenant:
        """Work out the cached cells from the preview, in the order of `measures`."""
        by_id = {r.measure: r for r in self.preview.results} if self.preview is not None else {}
        self.results = [by_id.get(m.id) for m in measures]
        self.amounts = [eligible_amount(r) for r in self.results]
        self.keys = [float(a) if a is not None else -1.0 for a in self.amounts]
        self.eligible = [r is not None and r.status == "eligible" for r in self.results]
        self.statuses = frozenset(r.status for r in self.results if r is not None)
        self.totals = self.preview.totals() if self.preview is not None else None
        if self.totals is not None:
            self.counted, self.to_confirm = self.totals.counted, self.totals.to_confirm
        return self

    def result(self, measure: str) -> Any:
        return self.preview.result(measure) if self.preview is not None else None

    def status_of(self, index: int) -> str | None:
        result = self.results[index] if self.results else None
        return result.status if result is not None else None


def judge_tenant(store: Any, row: Any, as_of: dt.date, engine: Any, measures: list[Any]) -> Tenant:
    """One enterprise of the store (a row of its list), judged by the rules as of a date."""
    district = row.district or ""
    try:
        profile = parse_profile(store.get_profile(row.uscc))
    except ProfileError as err:
        return Tenant(row.uscc, row.name, district, None, None, str(err)).settle(measures)
    return Tenant(row.uscc, row.name, district, profile, engine.preview(profile, as_of)).settle(measures)


def load_tenants(store: Any, as_of: dt.date, engine: Any = None, task: Any = None) -> list[Tenant]:
    """Every enterprise of the store, judged by the rules (the library in use) as of a date; `task`
    (a background task) hears the progress and may cancel."""
    engine = engine if engine is not None else rules()
    measures = [cm.measure for cm in engine.compiled]
    listed = store.list_enterprises()
    out = []
    for done, row in enumerate(listed):
        if task is not None:
            task.report(done, len(listed))
        out.append(judge_tenant(store, row, as_of, engine, measures))
    return out


def eligible_amount(result: Any) -> Decimal | None:
    if result is not None and result.status == "eligible" and result.amount is not None:
        return Decimal(result.amount)
    return None


class ParkTableModel(QAbstractTableModel):
    """Tenants × measures: name, district, one column per measure, then the tenant's total.

    The model keeps every tenant (`everyone`) and the rows shown (`tenants`): it filters and sorts them
    itself, on keys worked out once per tenant, so that with thousands of tenants a sort or a filter is a
    Python list operation rather than a comparison through Qt for every pair of rows."""

    def __init__(self, tenants: list[Tenant], measures: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.measures = measures  # core.policies.Measure, in catalogue order
        self.everyone: list[Tenant] = list(tenants)
        self.tenants: list[Tenant] = list(tenants)
        self.district = self.measure = self.status = ""
        self.sort_column, self.sort_order = NAME, Qt.SortOrder.AscendingOrder
        self.version = 0  # moves whenever the rows shown or their values change (the totals' cache)

    def set_tenants(self, tenants: list[Tenant]) -> None:
        self.beginResetModel()
        self.everyone = list(tenants)
        self.tenants = self._ordered(self._accepted())
        self.version += 1
        self.endResetModel()

    def set_filters(self, *, district: str = "", measure: str = "", status: str = "") -> None:
        self.district, self.measure, self.status = district, measure, status
        self.refresh()

    def refresh(self) -> None:
        """Filter and sort again (the values of some tenants changed)."""
        self.beginResetModel()
        self.tenants = self._ordered(self._accepted())
        self.version += 1
        self.endResetModel()

    def _accepted(self) -> list[Tenant]:
        rows = self.everyone
        if self.district:
            rows = [t for t in rows if t.district == self.district]
        if self.status:
            if self.measure:
                index = self.measure_index(self.measure)
                rows = [t for t in rows if t.status_of(index) == self.status]
            else:
                rows = [t for t in rows if self.status in t.statuses]
        return rows

    def measure_index(self, measure_id: str) -> int:
        return next(i for i, m in enumerate(self.measures) if m.id == measure_id)

    def _key(self, column: int) -> Callable[[Tenant], Any]:
        if column == NAME:
            return lambda t: name_key(t.name)
        if column == DISTRICT:
            return lambda t: name_key(t.district or "")
        index = column - 2
        if index < len(self.measures):
            return lambda t: t.keys[index] if t.keys else -1.0
        return lambda t: float(t.counted)

    def _ordered(self, rows: list[Tenant]) -> list[Tenant]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=self._key(self.sort_column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < self.columnCount()):
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        rows = [self.tenants[i.row()] for i in before]
        self.tenants = self._ordered(self.tenants)
        where = {id(t): r for r, t in enumerate(self.tenants)}
        self.changePersistentIndexList(
            before, [self.index(where[id(t)], i.column()) for t, i in zip(rows, before, strict=True)]
        )
        self.layoutChanged.emit()

    def judged(self, tenants: list[Tenant]) -> None:
        """Tenants judged in the background take the place of their waiting rows; the rows are redrawn
        where they are (filtering and sorting again waits for the end, so rows do not jump meanwhile)."""
        fresh = {t.uscc: t for t in tenants}
        for rows in (self.everyone, self.tenants):
            for r, t in enumerate(rows):
                if t.uscc in fresh:
                    rows[r] = fresh[t.uscc]
        self.version += 1
        if self.tenants:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.tenants) - 1, self.columnCount() - 1))

    def measure_of(self, column: int) -> Any:
        index = column - 2
        return self.measures[index] if 0 <= index < len(self.measures) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tenants)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.measures) + 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < self.columnCount()):
            return None
        measure = self.measure_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if measure is not None:
                return measure_title(measure.id, measure.title)
            return _tr(FIXED[NAME if section == 0 else DISTRICT if section == 1 else 2])
        if role == Qt.ItemDataRole.ToolTipRole and measure is not None:
            return f"{measure.id}（{measure.document} {measure.article}）"
        if role == MEASURE_ROLE:
            return measure
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.tenants)):
            return None
        tenant = self.tenants[index.row()]
        column = index.column()
        if column == NAME:
            return {
                Qt.ItemDataRole.DisplayRole: tenant.name,
                SORT_ROLE: tenant.name,
                Qt.ItemDataRole.ToolTipRole: tenant.error or tenant.uscc,
            }.get(role)
        if column == DISTRICT:
            return tenant.district if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE) else None
        if not tenant.judged:
            return _tr(WAITING) if role == Qt.ItemDataRole.DisplayRole else None
        measure = self.measure_of(column)
        if measure is None:
            return self._total_cell(tenant, role)
        result = tenant.results[column - 2] if tenant.results else None
        return self._measure_cell(tenant, result, tenant.amounts[column - 2] if result else None, role)

    def _total_cell(self, tenant: Tenant, role: int) -> Any:
        """The tenant's preview's own total: each stacking group once, the rest to be confirmed."""
        counted, to_confirm = tenant.counted, tenant.to_confirm
        if role == Qt.ItemDataRole.DisplayRole:
            return amount_text(counted) + ("＊" if to_confirm else "")
        if role == AMOUNT_ROLE:
            return counted
        if role == CONFIRM_ROLE:
            return to_confirm
        if role == SORT_ROLE:
            return float(counted)
        if role == Qt.ItemDataRole.ToolTipRole and to_confirm:
            return _tr("另有 %1需向主管部门确认能否叠加").replace("%1", amount_text(to_confirm))
        return Qt.AlignmentFlag.AlignRight if role == Qt.ItemDataRole.TextAlignmentRole else None

    def _measure_cell(self, tenant: Tenant, result: Any, amount: Decimal | None, role: int) -> Any:
        if result is None:
            return _tr("档案有误") if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            if amount is not None:
                return amount_text(amount)
            if result.status == "eligible":
                return core_text(result.kind_label)
            return core_text(result.status_label)
        if role == STATUS_ROLE:
            return result.status
        if role == AMOUNT_ROLE:
            return amount
        if role == SORT_ROLE:
            return float(amount) if amount is not None else -1.0
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            fg, bg = STATUS_COLOURS.get(result.status, STATUS_COLOURS["not_in_force"])
            return QColor(fg if role == Qt.ItemDataRole.ForegroundRole else bg)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{tenant.name} · {result.title}", result.status_label, *result.reasons]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ParkFilterProxy(QSortFilterProxyModel):
    """The columns shown: with a measure chosen only its column beside the name, district and total.
    Rows are filtered and sorted by the table model itself (on its cached keys); this proxy passes a
    header's sort on to it and keeps every row it is given."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)

    @property
    def district(self) -> str:
        return self._source().district

    @property
    def measure(self) -> str:
        return self._source().measure

    @property
    def status(self) -> str:
        return self._source().status

    def set_filters(self, *, district: str = "", measure: str = "", status: str = "") -> None:
        self.beginFilterChange()
        self._source().set_filters(district=district, measure=measure, status=status)
        self.endFilterChange(QSortFilterProxyModel.Direction.Columns)

    def _source(self) -> ParkTableModel:
        model = self.sourceModel()
        assert isinstance(model, ParkTableModel)
        return model

    def source_column(self, column: int) -> int:
        model = self._source()
        if not self.measure:
            return column if 0 <= column < model.columnCount() else -1
        shown = [NAME, DISTRICT, 2 + model.measure_index(self.measure), model.columnCount() - 1]
        return shown[column] if 0 <= column < len(shown) else -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source().sort(self.source_column(column), order)

    def filterAcceptsColumn(self, source_column: int, source_parent: ModelIndex) -> bool:
        measure = self._source().measure_of(source_column)
        return measure is None or not self.measure or measure.id == self.measure


class TotalsModel(QAbstractTableModel):
    """One row under the table: per column shown, the sum of the amounts of the rows shown (from the
    tenants' cached amounts, worked out once per change of the rows, not at each repaint or sort)."""

    def __init__(self, proxy: ParkFilterProxy, parent: Any = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self._cache: dict[int, tuple[Decimal, int, bool]] = {}
        self._cache_rows: dict[str, Any] = {}
        self._version = -1
        for signal in (
            proxy.modelReset,
            proxy.layoutChanged,
            proxy.rowsInserted,
            proxy.rowsRemoved,
            proxy.columnsInserted,
            proxy.columnsRemoved,
            proxy.dataChanged,
        ):
            signal.connect(self._refresh)

    def _refresh(self, *_args: Any) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.proxy.columnCount()

    def _model(self) -> ParkTableModel:
        model = self.proxy.sourceModel()
        assert isinstance(model, ParkTableModel)
        return model

    def total(self, column: int) -> tuple[Decimal, int, bool]:
        """(sum, how many tenants can apply, whether any has a sum) over the rows shown in a proxy column."""
        model = self._model()
        if self._version != model.version:
            self._cache, self._version = {}, model.version
        source = self.proxy.source_column(column)
        if source not in self._cache:
            self._cache[source] = self._add_up(model, source)
        return self._cache[source]

    def _add_up(self, model: ParkTableModel, source: int) -> tuple[Decimal, int, bool]:
        """A column's total over the judged rows shown, in loops Python runs in C (map, sum): with
        thousands of tenants a filter adds up every column again."""
        judged = self._judged_rows(model)
        if model.measure_of(source) is None:
            return sum(map(attrgetter("counted"), judged), Decimal(0)), 0, bool(judged)
        pick = itemgetter(source - 2)
        amounts = [a for a in map(pick, map(attrgetter("amounts"), judged)) if a is not None]
        count = sum(map(pick, map(attrgetter("eligible"), judged)))
        return sum(amounts, Decimal(0)), count, bool(amounts)

    def _judged_rows(self, model: ParkTableModel) -> list[Tenant]:
        if "rows" not in self._cache_rows or self._cache_rows["version"] != model.version:
            self._cache_rows = {"version": model.version, "rows": [t for t in model.tenants if t.results]}
        return self._cache_rows["rows"]

    def to_confirm(self, column: int) -> Decimal:
        return sum(map(attrgetter("to_confirm"), self._judged_rows(self._model())), Decimal(0))

    def text(self, column: int) -> str:
        """A column's total: the sum and how many can apply, or, for a measure with no sum in its text
        (按规定, 非资金), how many can apply, never a sum of 0."""
        total, count, summed = self.total(column)
        if self.proxy.headerData(column, Qt.Orientation.Horizontal) == _tr(FIXED[2]):
            extra = self.to_confirm(column)
            if extra:
                return (
                    _tr("%1；另有 %2需确认能否叠加")
                    .replace("%1", amount_text(total))
                    .replace("%2", amount_text(extra))
                )
            return amount_text(total)
        if summed:
            return _tr("%1（%2 家）").replace("%1", amount_text(total)).replace("%2", str(count))
        measure = self.proxy.headerData(column, Qt.Orientation.Horizontal, MEASURE_ROLE)
        if not count or measure is None:
            return _tr("%1 家可申报").replace("%1", str(count))
        if measure.amount_kind == "non_monetary":
            return _tr("%1 家可申报，非资金支持").replace("%1", str(count))
        return _tr("%1 家可申报，金额按规定").replace("%1", str(count))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() != 0 or not (0 <= index.column() < self.columnCount()):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return _tr("合计（%1 家）").replace("%1", str(self.proxy.rowCount()))
            if column == DISTRICT:
                return ""
            return self.text(column)
        if role == Qt.ItemDataRole.ToolTipRole and column > DISTRICT:
            return self.text(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > DISTRICT:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """UTF-8 with a byte-order mark, so that Excel on Chinese Windows opens it without mojibake; written
    under a temporary name and renamed (the core's writer), so a file under its name is complete."""
    from shenbao.core.store.files import write_atomically

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)

    return write_atomically(Path(path), fill)


def write_park_report(path: Path, entries: list[tuple[Any, Any]]) -> Path:
    from shenbao.core.pdf import render_park_report

    try:
        render_park_report(entries, path)
    except OSError as err:
        raise KnownError(f"无法写入 {path}（{err.strerror or err}）") from None
    return Path(path)


def _file_stem(text: str) -> str:
    """A file name part that every system accepts (a name may hold / or : ; Windows refuses more)."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .") or "_"


class ParkView(QWidget):
    """Tenants × measures with filters, totals and exports. The tenants are judged in the background,
    again whenever an operation changes an enterprise or the as-of date changes."""

    exported = Signal(str)
    exportFailed = Signal(str)
    loaded = Signal(int)  # the tenants were judged (how many)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("园区视图"))
        self.ctx = context
        self.as_of = context.as_of()
        measures = [cm.measure for cm in context.rules().compiled]  # the order the preview judges them in
        self._generation = 0
        self._op: BackgroundOp | None = None
        self._wanted: queue.SimpleQueue[str] | None = None
        self._closed = False
        self.model = ParkTableModel([], measures, self)
        self.proxy = ParkFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.totals = TotalsModel(self.proxy, self)
        self.ops: list[BackgroundOp] = []

        self.district_box = QComboBox()
        self.district_box.addItem(self.tr("全部区县"), "")
        self.measure_box = QComboBox()
        self.measure_box.addItem(self.tr("全部措施"), "")
        for m in measures:
            self.measure_box.addItem(f"{m.title}（{m.id}）", m.id)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部状态"), "")
        for status, label in STATUS_LABELS.items():
            self.status_box.addItem(label, status)
        for box in (self.district_box, self.measure_box, self.status_box):
            box.currentIndexChanged.connect(self._filter)

        self.table = QTableView()
        self.table.setObjectName("park")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalScrollBar().valueChanged.connect(self._want_visible)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(NAME, 220)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().height() * 3 + 8)
        self.totals_table = QTableView()
        self.totals_table.setObjectName("totals")
        self.totals_table.setModel(self.totals)
        self.totals_table.horizontalHeader().hide()
        self.totals_table.verticalHeader().hide()
        self.totals_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setWordWrap(True)  # a total is never cut off: two lines, and a tooltip
        two_lines = self.totals_table.fontMetrics().lineSpacing() * 2 + 10
        self.totals_table.verticalHeader().setDefaultSectionSize(two_lines)
        self.totals_table.setFixedHeight(two_lines + 4)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, new: self.totals_table.setColumnWidth(column, new)
        )
        self.table.horizontalScrollBar().valueChanged.connect(
            self.totals_table.horizontalScrollBar().setValue
        )
        self.totals.modelReset.connect(self._sync_widths)

        self.csv_button = QPushButton(self.tr("导出 CSV(&E)…"))
        self.pdf_button = QPushButton(self.tr("导出园区报告 PDF(&R)…"))
        self.forms_button = QPushButton(self.tr("批量生成申报书(&B)…"))
        self.forms_button.setToolTip(self.tr("为列表中每家企业的每项可申报措施生成申报书 PDF"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.forms_button.clicked.connect(lambda: self.export_forms())
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("judging")
        self.progress.setTextVisible(True)
        self.progress.hide()

        filters = QHBoxLayout()
        for text, box in (
            (self.tr("区县(&D)："), self.district_box),
            (self.tr("措施(&M)："), self.measure_box),
            (self.tr("状态(&S)："), self.status_box),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(box)
            filters.addWidget(buddy)
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.csv_button)
        filters.addWidget(self.pdf_button)
        filters.addWidget(self.forms_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.progress)
        layout.addLayout(bottom)
        order = [
            self.district_box,
            self.measure_box,
            self.status_box,
            self.csv_button,
            self.pdf_button,
            self.forms_button,
            self.table,
        ]
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self._filter()
        context.changed.connect(self._changed)
        context.as_of_changed.connect(self._as_of_changed)
        self.destroyed.connect(lambda *_args: self._close())  # deleted unclosed (with its parent)
        self.reload()

    # --- loading ----------------------------------------------------------------------------------

    @property
    def tenants(self) -> list[Tenant]:
        return self.model.tenants

    def _changed(self, changes: OpChanges) -> None:
        if changes.saved or changes.removed or changes.store or changes.policy:
            self.reload()

    def _as_of_changed(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.reload()

    def reload(self) -> None:
        """List every tenant at once (the store's list: names and districts), then judge them in the
        background in chunks, the rows on screen first, each chunk shown as it comes; only the newest
        reload is shown, and a newer one stops the older."""
        self._stop()
        self._generation += 1
        if self.ctx.store is None:
            self._listed([], self._generation)
            self._finished(self._generation)
            return
        generation, as_of = self._generation, self.as_of
        engine, measures = self.ctx.rules(), self.model.measures
        listed = self.ctx.store.list_enterprises()
        self._listed([Tenant(r.uscc, r.name, r.district or "") for r in listed], generation)
        self._wanted = queue.SimpleQueue()
        self._want_visible()
        wanted = self._wanted

        def work(store: Any, task: Any) -> tuple[int, OpChanges]:
            waiting = {row.uscc: row for row in listed}
            done = 0
            while waiting:
                chunk = _next_chunk(waiting, wanted)
                judged = [judge_tenant(store, row, as_of, engine, measures) for row in chunk]
                done += len(judged)
                task.post((generation, judged))
                task.report(done, len(listed))
            return generation, OpChanges()

        self.progress.setRange(0, max(len(listed), 1))
        self.progress.setValue(0)
        self.progress.setVisible(bool(listed))
        self._op = self.ctx.run(
            work,
            parent=None,  # the work outlives a closed view only until it hears the cancel
            show_progress=False,
            on_post=self._judged,
            on_progress=self._progressed,
            on_success=self._finished,
            on_failure=self._failed,
        )

    def _stop(self) -> None:
        if self._op is not None:
            self._op.cancel()
            self._op = None

    def _listed(self, tenants: list[Tenant], generation: int) -> None:
        if generation != self._generation:
            return
        chosen = self.district_box.currentData() or ""
        self.model.set_tenants(tenants)
        self.district_box.blockSignals(True)
        while self.district_box.count() > 1:
            self.district_box.removeItem(1)
        for district in sorted({t.district for t in tenants if t.district}):
            self.district_box.addItem(district, district)
        self.district_box.setCurrentIndex(max(self.district_box.findData(chosen), 0))
        self.district_box.blockSignals(False)
        self._filter()

    def _want_visible(self, *_args: Any) -> None:
        """Ask the background work for the tenants on screen before the others."""
        if self._wanted is None:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        for row in range(first, min(last + 1, first + VISIBLE_MAX)):
            tenant = self.model.tenants[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            if not tenant.judged:
                self._wanted.put(tenant.uscc)

    def _judged(self, part: tuple[int, list[Tenant]]) -> None:
        generation, tenants = part
        if generation == self._generation and not self._closed:
            self.model.judged(tenants)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if self._closed:
            return
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("正在测算 %v / %m 家企业…"))

    def _finished(self, generation: int) -> None:
        if generation != self._generation or self._closed:
            return
        self._op = None
        self._wanted = None
        self.progress.hide()
        self.model.refresh()  # the rows judged meanwhile now filter and sort by their results
        self._filter()
        self.loaded.emit(len(self.model.everyone))

    def _failed(self, err: BaseException, details: str) -> None:
        self._op = None
        if not self._closed:
            self.progress.hide()
            show_error(self, err, details)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close()
        super().closeEvent(event)

    def _close(self) -> None:
        """Closing stops the judging: the work hears it before its next chunk, and what it had already
        posted is dropped."""
        self._closed = True
        self._stop()

    # --- filtering --------------------------------------------------------------------------------

    def _filter(self, *_args: Any) -> None:
        self.proxy.set_filters(
            district=self.district_box.currentData() or "",
            measure=self.measure_box.currentData() or "",
            status=self.status_box.currentData() or "",
        )
        self.count_label.setText(
            self.tr("显示 %1 / %2 家企业")
            .replace("%1", str(self.proxy.rowCount()))
            .replace("%2", str(len(self.model.everyone)))
        )
        self._sync_widths()

    def _sync_widths(self) -> None:
        for column in range(self.proxy.columnCount()):
            self.totals_table.setColumnWidth(column, self.table.columnWidth(column))

    # --- exports ----------------------------------------------------------------------------------

    def table_rows(self) -> list[list[str]]:
        """What is shown, as text: the header, each row, and the totals."""
        columns = range(self.proxy.columnCount())
        rows = [[str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns]]
        for r in range(self.proxy.rowCount()):
            rows.append([str(self.proxy.index(r, c).data() or "") for c in columns])
        rows.append([str(self.totals.index(0, c).data() or "") for c in columns])
        return rows

    def shown_entries(self) -> list[tuple[Any, Any]]:
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]
        return [(t.profile, t.preview) for t in (self.tenants[r] for r in rows) if t.preview is not None]

    def _ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name), pattern)
        return Path(chosen) if chosen else None

    def export_csv(self, path: str | Path | None = None) -> BackgroundOp | None:
        target = (
            Path(path) if path else self._ask_path(self.tr("导出 CSV"), "园区申报测算.csv", "CSV (*.csv)")
        )
        if target is None:
            return None
        rows = self.table_rows()
        return self._run(lambda task: write_csv(target, rows), self.tr("正在导出 CSV…"))

    def export_pdf(self, path: str | Path | None = None) -> BackgroundOp | None:
        target = (
            Path(path)
            if path
            else self._ask_path(self.tr("导出园区报告"), "园区申报测算汇总表.pdf", "PDF (*.pdf)")
        )
        if target is None:
            return None
        entries = self.shown_entries()
        label = self.tr("正在生成园区报告…")

        def work(task: Any) -> Path:
            task.report(0, 1, label)
            out = write_park_report(target, entries)
            task.report(1, 1)
            return out

        return self._run(work, label)

    def export_forms(self, folder: str | Path | None = None) -> BackgroundOp | None:
        """Every eligible measure's 申报书 for each tenant shown (and the measure filtered, if any), into
        one folder, off the UI thread; cancelling keeps the forms already written."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("选择保存申报书的文件夹"), str(Path.home())
            )
            if not chosen:
                return None
            folder = chosen
        target = Path(folder)
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]
        shown = [self.tenants[r] for r in rows if self.tenants[r].preview is not None]
        entries = [(_file_stem(f"{t.uscc}-{t.name}"), t.profile, t.preview) for t in shown]
        measure = self.measure_box.currentData() or None
        label = self.tr("正在生成申报书…")

        def work(task: Any) -> Path:
            from shenbao.core.pdf import eligible_forms, render_batch

            jobs = list(eligible_forms(entries, [measure] if measure else None))
            if not jobs:
                raise KnownError(self.tr("列表中的企业没有可申报的措施，未生成申报书"))
            task.report(0, len(jobs), label)
            try:
                render_batch(
                    jobs, target, progress=lambda done, total, path, _r: task.report(done, total, path.name)
                )
            except OSError as err:
                raise KnownError(
                    self.tr("无法写入 {path}（{why}）").format(path=target, why=err.strerror or err)
                ) from None
            return target

        return self._run(work, label)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.csv_button, self.pdf_button, self.forms_button)

    def _run(self, work: Any, label: str) -> BackgroundOp:
        for button in self._buttons():
            button.setEnabled(False)

        def finished() -> None:
            for button in self._buttons():
                button.setEnabled(True)

        def failed(err: BaseException, details: str) -> None:
            finished()
            self.exportFailed.emit(str(err))
            show_error(self, err, details)

        def succeeded(out: Path) -> None:
            from shenbao.ui.done_message import show_done

            finished()
            self.exported.emit(str(out))
            where = self.tr("申报书已保存到文件夹：{path}") if out.is_dir() else self.tr("已导出：{path}")
            show_done(self, out, where.format(path=out))

        op = BackgroundOp(
            work, parent=self, label=label, on_success=succeeded, on_failure=failed, on_cancel=finished
        )
        return op.start()
