"""The park view: for staff serving many tenants, every tenant × every measure with its status and amount,
colour-coded, filtered by district, measure or status, with totals per measure over what is shown, and
exports to a spreadsheet (.xlsx or .csv, amounts as numbers) and to the PDF park report.

The tenants are listed at once and judged by the rules in the background when the view loads; of each
result the table keeps the status and the amount (a tooltip or an export judges the tenant again for its
words). The totals row adds up the amounts the rules gave for the rows shown. Exports run off the UI
thread on the tenants gathered beforehand (their profiles, judged again there), so the worker never
touches the store's connection or a widget.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import compress
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
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
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.fieldkinds import district_name
from shenbao.core.filenames import file_stem as _file_stem
from shenbao.core.model import ProfileError, parse_profile
from shenbao.core.money import whole_fen
from shenbao.core.park_export import Cell, write_park_table
from shenbao.core.rules import KIND_LABELS, STATUS_LABELS, rules
from shenbao.core.store.db import StoreError
from shenbao.errors import KnownError, os_reason
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.collation import name_key, ranks
from shenbao.ui.context import AppContext, OpChanges
from shenbao.ui.roles import ALIGNMENT, BACKGROUND, DISPLAY, FOREGROUND, TOOLTIP, USER
from shenbao.ui.style import (
    STATUS_COLOURS,
    amount_text,
    article_text,
    bracketed,
    counting,
    listed,
    measure_title,
    reason_text,
    ui_language,
)
from shenbao.ui.workers import BackgroundOp, show_error

ModelIndex = QModelIndex | QPersistentModelIndex
STATUS_ROLE = USER + 1
SORT_ROLE = USER + 2
AMOUNT_ROLE = USER + 3
CONFIRM_ROLE = USER + 4  # a tenant's sums whose stacking must be confirmed
MEASURE_ROLE = USER + 5  # a column header's measure
FIXED = (
    QT_TRANSLATE_NOOP("ParkTableModel", "企业"),
    QT_TRANSLATE_NOOP("ParkTableModel", "区县"),
    QT_TRANSLATE_NOOP("ParkTableModel", "合计"),
)
WAITING = QT_TRANSLATE_NOOP("ParkTableModel", "测算中…")  # a tenant not yet judged
STOPPED = QT_TRANSLATE_NOOP("ParkTableModel", "未测算")  # nor ever to be: the judging stopped on an error
NAME, DISTRICT = 0, 1
VISIBLE_MAX = 200  # at most this many rows on screen judged first
SLICE_S = 0.008  # judging takes the UI thread for at most about this long at a time (half a frame)
SHOW_EVERY_MS = 200  # judged rows and the progress are shown at most this often (each time a repaint)
ZERO = Decimal(0)
SORTED = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"  # the layout signals' full form


# The cells and totals written through _tr, listed for lupdate (which does not read _tr's calls).
CELL_TEXTS = (
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报，金额按规定"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1 家可申报，非资金支持"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1（%2 家）"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1；另有 %2需确认能否叠加"),
    QT_TRANSLATE_NOOP("ParkTableModel", "另有 %1需向主管部门确认能否叠加"),
    QT_TRANSLATE_NOOP("ParkTableModel", "另有 %1已无受理期，不计入合计"),
    QT_TRANSLATE_NOOP("ParkTableModel", "合计（%1 家）"),
    QT_TRANSLATE_NOOP("ParkTableModel", "档案有误"),
    QT_TRANSLATE_NOOP("ParkTableModel", "%1（只计已测算的 %2 家）"),
)


CELL_ROLES = frozenset(  # the roles a cell answers, as ints (see roles.py)
    {DISPLAY, TOOLTIP, ALIGNMENT, FOREGROUND, BACKGROUND, STATUS_ROLE, SORT_ROLE, AMOUNT_ROLE, CONFIRM_ROLE}
)
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParkTableModel", text)


@functools.cache
def _colours(status: str) -> tuple[QColor, QColor]:
    """A status's text and background colours, made once."""
    fg, bg = STATUS_COLOURS.get(status, STATUS_COLOURS["not_in_force"])
    return QColor(fg), QColor(bg)


NO_DISTRICT = "\x00none"  # the district filter's value for the tenants whose district is not filled in


class Tenant:
    """One enterprise of the data folder as the park table shows it: its profile (None while it waits,
    or when the profile is bad, `error` saying why) and, once judged, per measure its status and the
    amount it may apply for, its total and what of it must be confirmed, in a few flat tuples.

    The preview itself is not kept (thousands of previews are millions of Python objects, which the
    garbage collector walks again and again): `preview` judges the profile again when something reads
    it, a tooltip or an export."""

    __slots__ = (
        "uscc",
        "name",
        "district",
        "profile",
        "error",
        "judged",
        "as_of",
        "engine",
        "statuses",
        "amounts",
        "eligible",
        "status_set",
        "counted",
        "to_confirm",
        "closed",
    )

    def __init__(
        self,
        uscc: str,
        name: str,
        district: str,
        profile: Any = None,
        error: str = "",
        as_of: dt.date | None = None,
        engine: Any = None,
    ) -> None:
        self.uscc, self.name = uscc, name
        self.district = district_name(district)  # 鼓楼, 鼓楼区 and 福州市鼓楼区 are one district
        self.profile, self.error, self.as_of, self.engine = profile, error, as_of, engine
        self.judged = profile is not None or bool(error)
        self.statuses: tuple[str | None, ...] = ()  # per measure of the table, once judged
        self.amounts: tuple[Decimal | None, ...] = ()  # what it may apply for, per measure
        self.eligible: tuple[int, ...] = ()  # the measures (their indexes) it can apply for
        self.status_set: frozenset[str] = frozenset()
        self.counted, self.to_confirm, self.closed = ZERO, ZERO, ZERO  # closed: no window left, not counted

    def settle(self, preview: Any, measures: list[Any]) -> Tenant:
        """Keep what the table shows of `preview` (None for a bad profile), in the order of `measures`."""
        results: list[Any]
        if preview is None:
            results = [None] * len(measures)
        else:
            by_id = {r.measure: r for r in preview.results}
            results = [by_id.get(m.id) for m in measures]
        self.statuses = tuple(r.status if r is not None else None for r in results)
        self.amounts = tuple(eligible_amount(r) for r in results)
        self.eligible = tuple(i for i, status in enumerate(self.statuses) if status == "eligible")
        self.status_set = frozenset(s for s in self.statuses if s is not None)
        if preview is not None:
            totals = preview.totals()
            self.counted, self.to_confirm, self.closed = totals.counted, totals.to_confirm, totals.closed
        return self

    @property
    def preview(self) -> Any:
        """The tenant's preview, judged again (None while it waits or when its profile is bad)."""
        if self.profile is None or self.engine is None or self.as_of is None:
            return None
        return self.engine.preview(self.profile, self.as_of)

    def result(self, measure: str) -> Any:
        preview = self.preview
        return preview.result(measure) if preview is not None else None


def judge_tenant(store: Any, row: Any, as_of: dt.date, engine: Any, measures: list[Any]) -> Tenant:
    """One enterprise of the store (a row of its list), judged by the rules as of a date."""
    district = row.district or ""
    try:
        profile = parse_profile(store.get_profile(row.uscc))
    except ProfileError as err:
        return Tenant(row.uscc, row.name, district, None, str(err)).settle(None, measures)
    tenant = Tenant(row.uscc, row.name, district, profile, "", as_of, engine)
    return tenant.settle(engine.preview(profile, as_of), measures)


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


def _export_body(
    cell: Callable[[Tenant, int, int], Any],
    kinds: list[int],
    shown: list[Tenant],
    closed: bool,
    report: Callable[[int, int], object] | None = None,
) -> list[list[Cell]]:
    """The rows of the tenants `shown` for ParkView.export_parts: each cell asked of the model's `cell` for
    its tenant (through the proxy's indexes, 5,000 tenants' rows took 6 s, during which the window did
    not answer); plain reading of the tenants' values, which a worker may do; `report(done, total)` told every PROGRESS_ROWS."""
    from shenbao.core.store.tables import PROGRESS_ROWS

    rows: list[list[Cell]] = []
    last = kinds[-1]
    for done, tenant in enumerate(shown):
        if report is not None and done % PROGRESS_ROWS == 0:
            report(done, len(shown))
        row: list[Cell] = []
        for source in kinds:
            amount = cell(tenant, source, AMOUNT_ROLE) if source not in (NAME, DISTRICT) else None
            row.append(amount if amount is not None else str(cell(tenant, source, DISPLAY) or ""))
        extra = cell(tenant, last, CONFIRM_ROLE)
        rows.append([*row, extra if extra else ""] + ([tenant.closed or ""] if closed else []))
    return rows


class _Amounts:
    """One column's amounts to add up: the tenants that have one (their places in `everyone`) and the
    amounts, also as whole numbers of fen while every amount is one (Python adds integers in C some
    twenty times faster than Decimals; the sum is exact either way and given back as a Decimal)."""

    __slots__ = ("places", "exact", "fen", "in_fen")

    def __init__(self) -> None:
        self.places: list[int] = []
        self.exact: list[Decimal] = []
        self.fen: list[int] = []
        self.in_fen = True

    def append(self, place: int, amount: Decimal, fen: int | None) -> None:
        self.places.append(place)
        self.exact.append(amount)
        if fen is None:
            self.in_fen, self.fen = False, []
        elif self.in_fen:
            self.fen.append(fen)

    @property
    def values(self) -> list[int] | list[Decimal]:
        return self.fen if self.in_fen else self.exact

    def add(self, values: Iterable[Any]) -> Decimal:
        """The sum of some of `values` (all, or picked in their order)."""
        if self.in_fen:
            return Decimal(sum(values)).scaleb(-2)
        return sum(values, ZERO)


class _Group:
    """The totals of one group of tenants that a filter shows (a district, those with a status, both, or
    all), in whole fen, kept up as tenants are judged: choosing that filter adds nothing up."""

    __slots__ = ("judged", "eligible", "summed", "fen", "counted", "to_confirm")

    def __init__(self, measures: int) -> None:
        self.judged = 0
        self.eligible = [0] * measures  # how many can apply, per measure
        self.summed = [0] * measures  # how many of those have an amount
        self.fen = [0] * measures  # the sum of those amounts
        self.counted = self.to_confirm = 0


class _Columns:
    """The judged values of the tenants by column, for adding up, added to as tenants are judged: per
    measure the tenants that can apply (their places in `everyone`) and the amounts of those with one;
    for the total column the tenants' totals and what of them must be confirmed (those not zero); and
    the totals of each group of tenants that choosing a district and a status shows (while every amount
    is a whole number of fen, else None)."""

    def __init__(self, measures: int) -> None:
        self.measures = measures
        self.judged: list[int] = []
        self.eligible: list[list[int]] = [[] for _ in range(measures)]
        self.amounts = [_Amounts() for _ in range(measures)]
        self.counted, self.to_confirm = _Amounts(), _Amounts()
        self.groups: dict[tuple[str, str], _Group] | None = {}

    def add(self, place: int, tenant: Tenant) -> None:
        self.judged.append(place)
        in_fen: list[tuple[int, int | None]] = []
        for m in tenant.eligible:
            self.eligible[m].append(place)
            amount = tenant.amounts[m]
            if amount is not None:
                fen = whole_fen(amount)
                self.amounts[m].append(place, amount, fen)
                in_fen.append((m, fen))
        counted, to_confirm = whole_fen(tenant.counted), whole_fen(tenant.to_confirm)
        if tenant.counted:
            self.counted.append(place, tenant.counted, counted)
        if tenant.to_confirm:
            self.to_confirm.append(place, tenant.to_confirm, to_confirm)
        whole = [(m, fen) for m, fen in in_fen if fen is not None]
        if self.groups is None or counted is None or to_confirm is None or len(whole) < len(in_fen):
            self.groups = None  # an amount with a part of a fen: the groups are not kept
            return
        district = tenant.district or NO_DISTRICT
        keys = [("", ""), *(("", status) for status in tenant.status_set)]
        keys += [(district, ""), *((district, status) for status in tenant.status_set)]
        for key in keys:
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = _Group(self.measures)
            group.judged += 1
            for m in tenant.eligible:
                group.eligible[m] += 1
            for m, fen in whole:
                group.summed[m] += 1
                group.fen[m] += fen
            group.counted += counted
            group.to_confirm += to_confirm

    def group(self, district: str, status: str) -> _Group | None:
        """The totals of the tenants of a district (or all) with a status (or any), if kept."""
        if self.groups is None:
            return None
        return self.groups.get((district, status)) or _Group(self.measures)


class ParkTableModel(QAbstractTableModel):
    """Tenants × measures: name, district, one column per measure, then the tenant's total.

    The model keeps every tenant (`everyone`) and the rows shown (`rows`, their places in `everyone`;
    `tenants` are those tenants). It filters and sorts them itself, as lists of integers sorted on keys
    worked out once per tenant (a name's place in the collation, an amount), so that with thousands of
    tenants a sort or a filter is a Python list operation rather than a comparison through Qt for every
    pair of rows."""

    def __init__(self, tenants: list[Tenant], measures: list[Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.measures = measures  # core.policies.Measure, in catalogue order
        self.district = self.measure = self.status = ""
        self.sort_column, self.sort_order = NAME, Qt.SortOrder.AscendingOrder
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None  # None: the rows' order is not a sort's
        self.version = 0  # moves whenever which rows are shown or their values change (the totals' cache)
        self.stopped = False  # the judging stopped on an error: the tenants not judged will not be
        self._index(tenants)
        self._show(list(range(len(self.everyone))))

    def _index(self, tenants: list[Tenant]) -> None:
        self.everyone: list[Tenant] = list(tenants)
        self._where = {t.uscc: i for i, t in enumerate(self.everyone)}
        self._names = ranks([t.name for t in self.everyone])
        self._districts = ranks([t.district or "" for t in self.everyone])
        self._keys: dict[int, list[float]] = {}
        self._add_up()

    def _add_up(self) -> None:
        """Gather every judged tenant's values by column, for the totals."""
        self.columns = _Columns(len(self.measures))
        for i, tenant in enumerate(self.everyone):
            if tenant.judged:
                self.columns.add(i, tenant)

    def _show(self, rows: list[int], *, reordered: bool = False) -> None:
        """Show these rows; `reordered`: the same rows as before, in another order (the totals stay)."""
        self.rows = rows
        self.tenants: list[Tenant] = [self.everyone[i] for i in rows]
        self._places: list[int] | None = None
        if not reordered:
            self.version += 1

    def places(self) -> list[int]:
        """Per tenant of `everyone`, its row shown (-1 when filtered out)."""
        if self._places is None:
            places = [-1] * len(self.everyone)
            for row, i in enumerate(self.rows):
                places[i] = row
            self._places = places
        return self._places

    def set_tenants(self, tenants: list[Tenant]) -> None:
        self.beginResetModel()
        self._index(tenants)
        self._show(self._ordered(self._accepted()))
        self.endResetModel()

    def set_filters(self, *, district: str = "", measure: str = "", status: str = "") -> None:
        self.district, self.measure, self.status = district, measure, status
        self.refresh()

    def refresh(self) -> None:
        """Filter and sort again (the values of some tenants changed)."""
        self.beginResetModel()
        self._show(self._ordered(self._accepted()))
        self.endResetModel()

    def _accepted(self) -> list[int]:
        everyone = self.everyone
        rows: Iterable[int] = range(len(everyone))
        if self.district:
            district = self.district
            rows = [i for i in rows if (everyone[i].district or NO_DISTRICT) == district]
        if self.status:
            status = self.status
            if self.measure:
                m = self.measure_index(self.measure)
                rows = [i for i in rows if (s := everyone[i].statuses) and s[m] == status]
            else:
                rows = [i for i in rows if status in everyone[i].status_set]
        return list(rows)

    def measure_index(self, measure_id: str) -> int:
        return next(i for i, m in enumerate(self.measures) if m.id == measure_id)

    def _sort_keys(self, column: int) -> list[Any]:
        """Per tenant of `everyone`, what a column sorts by: the name's or district's place in the
        collation, an amount (-1 with none), the total; worked out once per change of the values."""
        if column == NAME:
            return self._names
        if column == DISTRICT:
            return self._districts
        if column not in self._keys:
            index = column - 2
            if index < len(self.measures):
                self._keys[column] = [
                    float(a) if (a := t.amounts[index] if t.amounts else None) is not None else -1.0
                    for t in self.everyone
                ]
            else:
                self._keys[column] = [float(t.counted) for t in self.everyone]
        return self._keys[column]

    def _blanks(self, column: int) -> list[bool] | None:
        """Per tenant of `everyone`, whether a column is blank for it (no district, no sum for a
        measure); None when the column has no blanks to speak of (the name, the tenant's total)."""
        if column == DISTRICT:
            return [not t.district for t in self.everyone]
        if column in (NAME, len(self.measures) + 2):
            return None
        return [key < 0 for key in self._sort_keys(column)]  # an amount's key is -1 when it has none

    def _ordered(self, rows: list[int]) -> list[int]:
        """The rows sorted by the sort column, those blank in it last whichever the order (as a
        spreadsheet sorts), each part keeping the order before among equals."""
        self._sorted_by = (self.sort_column, self.sort_order)  # what the rows shown will be sorted by
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        key = self._sort_keys(self.sort_column).__getitem__
        blanks = self._blanks(self.sort_column)
        if blanks is None:
            return sorted(rows, key=key, reverse=descending)
        filled = [r for r in rows if not blanks[r]]
        return sorted(filled, key=key, reverse=descending) + [r for r in rows if blanks[r]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < self.columnCount()) or self._sorted_by == (column, order):
            return  # sorted so already (QTableView.sortByColumn asks twice when the order changes)
        self.sort_column, self.sort_order = column, order
        # Only rows move: said with the signals' hint, the header of the columns has nothing to redo.
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        about: Any = self.layoutAboutToBeChanged  # PySide's overloads are picked by their signature
        changed: Any = self.layoutChanged
        about[SORTED].emit([], hint)
        before = self.persistentIndexList()
        shown = [self.rows[i.row()] for i in before]
        self._show(self._ordered(self.rows), reordered=True)
        if before:
            places = self.places()
            self.changePersistentIndexList(
                before, [self.index(places[t], i.column()) for t, i in zip(shown, before, strict=True)]
            )
        changed[SORTED].emit([], hint)

    def judged(self, tenants: list[Tenant]) -> None:
        """Tenants judged in the background take the place of their waiting rows; the rows are redrawn
        where they are (filtering and sorting again waits for the end, so rows do not jump meanwhile)."""
        places = self.places()
        changed = []
        again = False  # a tenant judged a second time: its old values leave the totals
        for tenant in tenants:
            i = self._where.get(tenant.uscc)
            if i is None:
                continue
            again = again or self.everyone[i].judged
            self.everyone[i] = tenant
            if tenant.judged and not again:
                self.columns.add(i, tenant)
            row = places[i]
            if row >= 0:
                self.tenants[row] = tenant
                changed.append(row)
        if again:
            self._add_up()
        self._keys.clear()
        self._sorted_by = None  # the rows stay where they are: a sort must sort them again
        self.version += 1
        if changed:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))

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
            return (
                bracketed(measure.id, f"{measure.document} {article_text(measure.article)}")
                + "\n"
                + measure_title(measure.id, measure.title)
            )
        if role == MEASURE_ROLE:
            return measure
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in CELL_ROLES or not index.isValid() or not (0 <= index.row() < len(self.tenants)):
            return None  # Qt asks each cell for a dozen roles while it paints: most are answered here
        return self.cell(self.tenants[index.row()], index.column(), role)

    def cell(self, tenant: Tenant, column: int, role: int) -> Any:
        """What a tenant's cell in a column holds for a role, asked directly (an export of thousands of
        rows), not through a QModelIndex for each."""
        if role not in CELL_ROLES:
            return None
        if column == NAME:
            return {
                DISPLAY: tenant.name,
                SORT_ROLE: tenant.name,
                TOOLTIP: tenant.error or tenant.uscc,
            }.get(role)
        if column == DISTRICT:
            return tenant.district if role in (DISPLAY, SORT_ROLE) else None
        if not tenant.judged:
            return _tr(STOPPED if self.stopped else WAITING) if role == DISPLAY else None
        measure = self.measure_of(column)
        if measure is None:
            return self._total_cell(tenant, role)
        m = column - 2
        status = tenant.statuses[m] if tenant.statuses else None
        return self._measure_cell(tenant, measure, status, tenant.amounts[m] if status else None, role)

    def _total_cell(self, tenant: Tenant, role: int) -> Any:
        """The tenant's preview's own total: each stacking group once, the rest to be confirmed."""
        counted, to_confirm = tenant.counted, tenant.to_confirm
        if role == DISPLAY:
            mark = (
                ("*" if ui_language() == "en" else "＊") if to_confirm else ""
            )  # the Chinese one is full-width
            return amount_text(counted) + mark + ("†" if tenant.closed else "")
        if role == AMOUNT_ROLE:
            return counted
        if role == CONFIRM_ROLE:
            return to_confirm
        if role == SORT_ROLE:
            return float(counted)
        if role == TOOLTIP and (to_confirm or tenant.closed):
            said = (
                [_tr("另有 %1需向主管部门确认能否叠加").replace("%1", amount_text(to_confirm))]
                if to_confirm
                else []
            )
            if tenant.closed:
                said.append(_tr("另有 %1已无受理期，不计入合计").replace("%1", amount_text(tenant.closed)))
            return "\n".join(said)
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if role == ALIGNMENT else None

    def _measure_cell(
        self, tenant: Tenant, measure: Any, status: str | None, amount: Decimal | None, role: int
    ) -> Any:
        if status is None:
            return _tr("档案有误") if role == DISPLAY else None
        if role == DISPLAY:
            if amount is not None:
                return amount_text(amount)
            if status == "eligible":
                return core_text(KIND_LABELS[measure.amount_kind])
            return core_text(STATUS_LABELS[status])
        if role == STATUS_ROLE:
            return status
        if role == AMOUNT_ROLE:
            return amount
        if role == SORT_ROLE:
            return float(amount) if amount is not None else -1.0
        if role in (FOREGROUND, BACKGROUND):
            return _colours(status)[role == BACKGROUND]
        if role == TOOLTIP:
            result = tenant.result(measure.id)  # judged again: the reasons are not kept
            if result is None:
                return None
            lines = [
                f"{tenant.name} · {measure_title(result.measure, result.title)}",
                core_text(result.status_label),
                *(reason_text(result, r) for r in result.reasons),
            ]
            return "\n".join(lines)
        if role == ALIGNMENT:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


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
    """One row under the table: per column shown, the sum of the amounts of the rows shown.

    The sums are Decimal additions over the tenants that have an amount in a column (kept per column
    once per change of the values), picked by a mask of the rows shown with loops Python runs in C
    (compress, map, sum): with thousands of tenants a filter adds up every column again in a few
    milliseconds. Each column's total is worked out once per change of the rows, not at each repaint."""

    def __init__(self, proxy: ParkFilterProxy, parent: Any = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self._cache: dict[int, tuple[Decimal, int, bool]] = {}
        self._judged: int | None = None  # how many of the tenants shown were judged, once asked
        self._version = -1
        self._columns_shown = proxy.columnCount()
        self._shown: Callable[[list[int]], Iterable[int]] | None = None
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
        """The rows or columns shown changed: a reset when the columns are others, else new values."""
        columns = self.proxy.columnCount()
        if columns != self._columns_shown:
            self._columns_shown = columns
            self.beginResetModel()
            self.endResetModel()
        elif columns:
            self.dataChanged.emit(self.index(0, 0), self.index(0, columns - 1))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.proxy.columnCount()

    def _model(self) -> ParkTableModel:
        model = self.proxy.sourceModel()
        assert isinstance(model, ParkTableModel)
        return model

    def _prepare(self, model: ParkTableModel) -> _Columns:
        """The model's columns of values, and which tenants are shown (worked out again when the rows
        shown or their values changed)."""
        if self._version != model.version:
            self._cache, self._version, self._judged = {}, model.version, None
            if len(model.rows) == len(model.everyone):
                self._shown = None  # every tenant shown: no picking
            else:
                mask = bytearray(len(model.everyone))
                for i in model.rows:
                    mask[i] = 1
                self._shown = lambda places: map(mask.__getitem__, places)
        return model.columns

    def _count(self, places: list[int]) -> int:
        return len(places) if self._shown is None else sum(self._shown(places))

    def _add(self, amounts: _Amounts) -> tuple[Decimal, int]:
        """The sum of a column's amounts over the rows shown, and how many were added."""
        if self._shown is None:
            return amounts.add(amounts.values), len(amounts.places)
        shown = list(self._shown(amounts.places))
        return amounts.add(compress(amounts.values, shown)), sum(shown)

    def total(self, column: int) -> tuple[Decimal, int, bool]:
        """(sum, how many tenants can apply, whether any has a sum) over the rows shown in a proxy column."""
        model = self._model()
        columns = self._prepare(model)
        source = self.proxy.source_column(column)
        if source not in self._cache:
            group = None if model.measure else columns.group(model.district, model.status)
            if group is not None:  # kept up as the tenants were judged
                self._cache[source] = self._of_group(group, model.measure_of(source) is None, source - 2)
            elif model.measure_of(source) is None:
                counted, _ = self._add(columns.counted)
                self._cache[source] = counted, 0, self._count(columns.judged) > 0
            else:
                m = source - 2
                total, added = self._add(columns.amounts[m])
                self._cache[source] = total, self._count(columns.eligible[m]), added > 0
        return self._cache[source]

    @staticmethod
    def _of_group(group: _Group, tenants_total: bool, m: int) -> tuple[Decimal, int, bool]:
        if tenants_total:
            return Decimal(group.counted).scaleb(-2), 0, group.judged > 0
        return Decimal(group.fen[m]).scaleb(-2), group.eligible[m], group.summed[m] > 0

    def to_confirm(self, column: int) -> Decimal:
        model = self._model()
        columns = self._prepare(model)
        group = None if model.measure else columns.group(model.district, model.status)
        if group is not None:
            return Decimal(group.to_confirm).scaleb(-2)
        return self._add(columns.to_confirm)[0]

    def text(self, column: int) -> str:
        """A column's total: the sum and how many can apply, or, for a measure with no sum in its text
        (按规定, 非资金), how many can apply, never a sum of 0."""
        text = self._text(column)
        model = self._model()
        if model.stopped:  # the judging stopped on an error: what was not judged is in no total
            judged, shown = self._judged_shown(model), len(model.rows)
            if not judged and shown:
                return _tr(STOPPED)
            if judged < shown:
                return _tr("%1（只计已测算的 %2 家）").replace("%1", text).replace("%2", str(judged))
        return text

    def _judged_shown(self, model: ParkTableModel) -> int:
        columns = self._prepare(model)
        if self._judged is None:
            self._judged = self._count(columns.judged)
        return self._judged

    def _text(self, column: int) -> str:
        total, count, summed = self.total(column)
        measure = self._model().measure_of(self.proxy.source_column(column))
        if measure is None:  # the tenants' total
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
        if not count:
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


def write_park_report(
    path: Path, entries: list[tuple[Any, Any]], progress: Callable[[int], None] | None = None
) -> Path:
    from shenbao.core.pdf import render_park_report

    try:
        render_park_report(entries, path, progress=progress)
    except OSError as err:
        raise KnownError(f"无法写入 {path}（{os_reason(err)}）") from None
    return Path(path)


class ParkView(QWidget):
    """Tenants × measures with filters, totals and exports. The tenants are judged in the background,
    again whenever an operation changes an enterprise or the as-of date changes."""

    exported = Signal(str)
    exportFailed = Signal(str)
    loaded = Signal(int)  # the tenants were judged (how many)
    openEnterprise = Signal(str)  # a tenant's row activated (Enter, a double click): show it to edit

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("园区视图"))
        self.ctx = context
        self.as_of = context.as_of()
        measures = [cm.measure for cm in context.rules().compiled]  # the order the preview judges them in
        self._generation = 0
        self._waiting: dict[str, Any] = {}  # the store's rows of the tenants not yet judged, in list order
        self._judging: tuple[int, dt.date, Any, list[Any]] = (0, self.as_of, None, measures)
        self._slices = QTimer(self)  # judges a slice each time the event loop has nothing else to do
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._judge_slice)
        self._closed = False
        self._pending: list[Tenant] = []  # judged, not yet shown
        self._done = 0  # how many the work has judged
        self._showing = QTimer(self)  # while active, judged tenants wait to be shown together
        self._showing.setSingleShot(True)
        self._showing.setInterval(SHOW_EVERY_MS)
        self._showing.timeout.connect(self._show_judged)
        self.model = ParkTableModel([], measures, self)
        self.proxy = ParkFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.totals = TotalsModel(self.proxy, self)
        self.ops: list[BackgroundOp] = []
        self._complete = False  # every tenant listed has been judged: the exports may start
        self._again = False  # judging only the tenants saved (see _judge_again)
        self._removed: set[str] = set()  # tenants removed by another program while they were judged
        self._exporting = False

        self.district_box = QComboBox()
        self.district_box.addItem(self.tr("全部区县"), "")
        self.measure_box = QComboBox()
        self.measure_box.addItem(self.tr("全部措施"), "")
        for m in measures:
            self.measure_box.addItem(bracketed(measure_title(m.id, m.title), m.id), m.id)
        # a measure's title in English runs to 90 characters: the box keeps the window within a small
        # screen and its list opens wide enough to read each whole
        self.measure_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.measure_box.setMinimumContentsLength(24)
        self.measure_box.view().setMinimumWidth(self.measure_box.view().sizeHintForColumn(0) + 24)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部状态"), "")
        for status, label in STATUS_LABELS.items():
            self.status_box.addItem(core_text(label), status)
        for box in (self.district_box, self.measure_box, self.status_box):
            box.currentIndexChanged.connect(self._filter)

        self.table = QTableView()
        self.table.setObjectName("park")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.activated.connect(self._activated)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(NAME, 220)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().height() * 3 + 8)  # then fitted to the titles
        self._header_fitted: tuple[tuple[str, int], ...] = ()
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
        self.table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.table.horizontalScrollBar().valueChanged.connect(
            self.totals_table.horizontalScrollBar().setValue
        )
        self.totals.modelReset.connect(self._sync_widths)
        self.totals.dataChanged.connect(lambda *_: self._fit_totals())  # totals grow as tenants are judged

        self.csv_button = QPushButton(self.tr("导出表格(&E)…"))
        self.csv_button.setToolTip(
            self.tr("导出为 Excel 表格（.xlsx）或 CSV，金额为以元计的数字，可直接求和")
        )
        self.pdf_button = QPushButton(self.tr("导出园区报告 PDF(&R)…"))
        self.forms_button = QPushButton(self.tr("批量生成申报书(&B)…"))
        self.forms_button.setToolTip(self.tr("为列表中每家企业的每项可申报措施生成申报书 PDF"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.forms_button.clicked.connect(lambda: self.export_forms())
        for button in (self.csv_button, self.pdf_button, self.forms_button):
            button.setAutoDefault(True)  # Enter presses the button with the focus, as in a dialog
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
        if changes.removed or changes.store or changes.policy:
            self.reload()
        elif changes.saved:
            self._judge_again(changes.saved)

    def _judge_again(self, codes: tuple[str, ...]) -> None:
        """Only the enterprises saved are judged again, in place, the others keeping their results: one
        tenant edited among thousands no longer sends every row back to 「测算中…」 and the totals to
        nothing for the seconds all of them take. A new enterprise, or a save while the tenants are
        still being judged, lists them all again."""
        store = self.ctx.store
        known = self.model._where
        if store is None or not self._complete or any(code not in known for code in codes):
            self.reload()
            return
        wanted = set(codes)
        self._stop()
        self._generation += 1
        self._pending, self._done = [], 0
        self._removed = set()
        self._complete = False
        self._enable_exports()
        self._again = True  # the names and districts saved may differ: the list is indexed again at the end
        self._waiting = {row.uscc: row for row in store.list_enterprises() if row.uscc in wanted}
        if not self._waiting:  # removed meanwhile by another window
            self.reload()
            return
        self._judging = (self._generation, self.as_of, self.ctx.rules(), self.model.measures)
        counting(self.progress, self.tr("正在测算 %v / %m 家企业…"), len(self._waiting))
        self.progress.setVisible(len(self._waiting) > 50)  # an import's hundreds, not an editor's one
        self._slices.start()

    def _as_of_changed(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self.reload()

    def reload(self) -> None:
        """List every tenant at once (the store's list: names and districts), then judge them a slice of
        time after another on the UI thread, between its events, the rows on screen first, the judged
        rows shown a few times a second; a newer reload stops the older.

        Judging on the UI thread rather than in a worker: a worker thread holds Python's lock while it
        judges, and every cell Qt asks the model for while it paints must wait for the lock, so a
        repaint took the better part of a second and the work crawled; in slices the two never wait for
        each other."""
        self._stop()
        self._generation += 1
        self._pending, self._done = [], 0
        self._removed = set()
        self._complete = False
        self._again = False
        self._enable_exports()
        if self.ctx.store is None:
            self._listed([], self._generation)
            self._finished(self._generation)
            return
        listed = self.ctx.store.list_enterprises()
        self.model.stopped = False
        self._listed([Tenant(r.uscc, r.name, r.district or "") for r in listed], self._generation)
        if not listed:
            self._finished(self._generation)
            return
        self._waiting = {row.uscc: row for row in listed}
        self._judging = (self._generation, self.as_of, self.ctx.rules(), self.model.measures)
        counting(self.progress, self.tr("正在测算 %v / %m 家企业…"), len(listed))
        self.progress.setVisible(bool(listed))
        self._slices.start()

    def _stop(self) -> None:
        self._waiting = {}
        try:
            self._slices.stop()
            self._showing.stop()
        except RuntimeError:  # the view's timers went with it (the view is being deleted)
            pass

    def _listed(self, tenants: list[Tenant], generation: int) -> None:
        if generation != self._generation:
            return
        chosen = self.district_box.currentData() or ""
        self.model.set_tenants(tenants)
        self.district_box.blockSignals(True)
        while self.district_box.count() > 1:
            self.district_box.removeItem(1)
        for district in sorted({t.district for t in tenants if t.district}, key=name_key):
            self.district_box.addItem(district, district)
        if any(not t.district for t in tenants):  # a park table's rows left without one, to find and fill
            self.district_box.addItem(self.tr("（未填写区县）"), NO_DISTRICT)
        self.district_box.setCurrentIndex(max(self.district_box.findData(chosen), 0))
        self.district_box.blockSignals(False)
        self._filter()

    def _on_screen(self) -> list[str]:
        """The tenants on screen still waiting to be judged."""
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = self.proxy.rowCount() - 1 if last < 0 else last
        rows = self.model.tenants
        codes = []
        for row in range(first, min(last + 1, first + VISIBLE_MAX)):
            tenant = rows[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]
            if tenant.uscc in self._waiting:
                codes.append(tenant.uscc)
        return codes

    def _judge_slice(self) -> None:
        """Judge tenants for one slice of time, those on screen first, then the others in list order."""
        if self._closed or not self._waiting:
            self._slices.stop()
            return
        generation, as_of, engine, measures = self._judging
        store, waiting, judged = self.ctx.store, self._waiting, []
        if store is None:  # closed while another data folder opens (its passphrase asked meanwhile): every
            self._stop()  # view lists its tenants again once it is open
            return
        end = time.perf_counter() + SLICE_S
        try:
            for code in itertools.chain(self._on_screen(), list(itertools.islice(waiting, 1000))):
                row = waiting.pop(code, None)
                if row is not None:
                    try:
                        judged.append(judge_tenant(store, row, as_of, engine, measures))
                    except StoreError:
                        if store.has_enterprise(row.uscc):
                            raise
                        self._removed.add(row.uscc)  # removed meanwhile (another program): its row goes
                    if time.perf_counter() > end:
                        break
        except Exception as err:  # noqa: BLE001 -- shown in plain words (or as a bug), not raised out of a slot
            self._stop()
            self._failed(err, traceback.format_exc())
            return
        self._judged((generation, judged, self._done + len(judged)))
        if not waiting:
            self._stop()
            self._finished(generation)

    def _judged(self, part: tuple[int, list[Tenant], int]) -> None:
        """Tenants judged: shown at once when nothing was shown for a while (the rows on screen come
        first), else with those that follow at the next showing, so that the table and the progress bar
        are redrawn a few times a second however fast the tenants come."""
        generation, tenants, done = part
        if generation != self._generation or self._closed:
            return
        self._pending.extend(tenants)
        self._done = done
        if not self._showing.isActive():
            self._show_judged()

    def _show_judged(self) -> None:
        if not self._pending or self._closed:
            return
        tenants, self._pending = self._pending, []
        began = time.perf_counter()
        self.model.judged(tenants)
        self.progress.setValue(self._done)  # a progress bar repaints at once, the table with it
        # the next showing waits five times what this one took (painting the table on a loaded machine
        # takes a tenth of a second), so that showing takes at most a sixth of the time
        took = int((time.perf_counter() - began) * 1000)
        self._showing.start(min(max(SHOW_EVERY_MS, 5 * took), 2000))

    def _finished(self, generation: int) -> None:
        if generation != self._generation or self._closed:
            return
        self._show_judged()
        self._showing.stop()
        self.progress.hide()
        self._complete = True
        self._enable_exports()
        current = self.proxy.mapToSource(self.table.currentIndex())
        chosen = self.model.tenants[current.row()].uscc if current.isValid() else None
        removed, self._removed = self._removed, set()
        if self._again or removed:  # a name or district saved, a tenant removed: the rows, sort, districts
            self._again = False
            self._listed([t for t in self.model.everyone if t.uscc not in removed], generation)
        if chosen in removed:
            chosen = None
        self.model.refresh()  # the rows judged meanwhile now filter and sort by their results
        self._filter()
        if chosen is not None and (row := self.model.places()[self.model._where[chosen]]) >= 0:
            # the tenant chosen stays chosen where the sort now puts it
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, current.column())))
        self.loaded.emit(len(self.model.everyone))

    def _failed(self, err: BaseException, details: str) -> None:
        """The judging stopped (a wrong data passphrase): the rows not judged, which said 「测算中…」 for
        ever, say 「未测算」, and the line below the table says why."""
        if not self._closed:
            self.progress.hide()
            self.model.stopped = True
            self.model.refresh()
            if isinstance(err, KnownError):
                from shenbao.ui.style import known_text

                self.count_label.setText(self.tr("测算已停止：{reason}").format(reason=known_text(err)))
            show_error(self, err, details)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close()
        super().closeEvent(event)

    def _close(self) -> None:
        """Closing stops the judging: no slice runs after it, and what was judged but not shown is
        dropped."""
        self._closed = True
        self._stop()

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        if 0 <= row < len(self.tenants):
            self.openEnterprise.emit(self.tenants[row].uscc)

    # --- filtering --------------------------------------------------------------------------------

    def _filter(self, *_args: Any) -> None:
        self.proxy.set_filters(
            district=self.district_box.currentData() or "",
            measure=self.measure_box.currentData() or "",
            status=self.status_box.currentData() or "",
        )
        self.count_label.setText(
            self.tr("显示 %1 / %n 家企业", "", len(self.model.everyone)).replace(
                "%1", str(self.proxy.rowCount())
            )
        )
        self._sync_widths()

    def _sync_widths(self) -> None:
        for column in range(self.proxy.columnCount()):
            self.totals_table.setColumnWidth(column, self.table.columnWidth(column))
        self._fit_header()
        self._fit_totals()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        self.totals_table.setColumnWidth(column, new)
        self._fit_header()
        self._fit_totals()

    def _fit_totals(self) -> None:
        """Make the totals row as tall as the 合计 column's total wrapped in it, from two lines up to four:
        「8,526 万元；另有 15 万元需确认能否叠加」 under a narrow 合计 was cut after two. (A measure's total is
        a sum and a count; only the 合计 adds a clause. Measuring it alone keeps this off the measures'
        totals, which a filter by measure sums row by row, each time the judging moves on.)"""
        metrics = self.totals_table.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        tallest = 2 * metrics.lineSpacing()
        column = self.totals.columnCount() - 1
        if column >= 0:
            text = str(self.totals.index(0, column).data() or "")
            width = max(self.totals_table.columnWidth(column) - 10, 20)
            room = QRect(0, 0, width, 10 * metrics.lineSpacing())
            tallest = max(tallest, metrics.boundingRect(room, flags, text).height())
        height = min(tallest, 4 * metrics.lineSpacing()) + 10
        if self.totals_table.verticalHeader().defaultSectionSize() != height:
            self.totals_table.verticalHeader().setDefaultSectionSize(height)
            self.totals_table.setFixedHeight(height + 4)

    def _fit_header(self) -> None:
        """Make the header as tall as its longest title wrapped in its column (English titles run to
        four lines), from three lines up to six; a longer one is cut and its tooltip says it whole."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        shown = tuple(
            (str(self.proxy.headerData(column, Qt.Orientation.Horizontal) or ""), header.sectionSize(column))
            for column in range(self.proxy.columnCount())
            if not header.isSectionHidden(column)
        )
        if shown == self._header_fitted:  # a filter that kept the columns: nothing to measure
            return
        self._header_fitted = shown
        tallest = 3 * metrics.height()
        for text, size in shown:
            room = QRect(0, 0, max(size - 12, 20), 10 * metrics.height())
            tallest = max(tallest, metrics.boundingRect(room, flags, text).height())
        height = min(tallest, 6 * metrics.height()) + 8
        if header.minimumHeight() != height:
            header.setMinimumHeight(height)

    # --- exports ----------------------------------------------------------------------------------

    def export_parts(self) -> tuple[list[Cell], Callable[..., list[list[Cell]]], list[Cell]]:
        """What is shown, for a spreadsheet to add up: each amount a Decimal of 元 under a heading that
        says 元 (the cell of a measure without one says its status, as the table does); the tenant's
        total, and beside it the further sum whose stacking must be confirmed (the table's ＊) and, when a
        tenant shown has one, the sum of its measures with no window left (the table's †), as numbers;
        then the totals, numbers too where the table's are sums. The header and the totals, asked of the
        widgets here, and the rows of the tenants shown, to work out off the UI thread: 5,000 of them
        held the window still for 0.7–0.9 s (`body(report)`, told (done, total) every few hundred)."""
        model, columns = self.model, range(self.proxy.columnCount())
        kinds = [self.proxy.source_column(c) for c in columns]
        header: list[Cell] = []
        for c, source in zip(columns, kinds, strict=True):
            measure = model.measure_of(source)
            title = str(self.proxy.headerData(c, Qt.Orientation.Horizontal))
            if source in (NAME, DISTRICT) or (measure is not None and measure.amount_kind == "non_monetary"):
                header.append(title)
            else:
                header.append(self.tr("%1（元）").replace("%1", title) if measure else self.tr("合计（元）"))
        shown = self.shown_rows()
        # a tenant's measure with no window left is not in its total: said in a column of its own, when any is
        closed = any(t.closed for t in shown)
        head: list[Cell] = [*header, self.tr("另有需确认能否叠加（元）")] + (
            [self.tr("另有已无受理期（元）")] if closed else []
        )
        totals: list[Cell] = []
        for c, source in zip(columns, kinds, strict=True):
            total, _count, summed = self.totals.total(c) if source > DISTRICT else (ZERO, 0, False)
            measure = model.measure_of(source)
            if source > DISTRICT and (summed or measure is None):
                totals.append(total)
            else:
                totals.append(str(self.totals.index(0, c).data() or ""))
        to_confirm = self.totals.to_confirm(len(kinds) - 1)
        tail: list[Cell] = [*totals, to_confirm if to_confirm else ""] + (
            [sum((t.closed for t in shown), ZERO)] if closed else []
        )
        cell = model.cell
        return head, lambda report=None: _export_body(cell, kinds, shown, closed, report), tail

    def export_rows(self) -> list[list[Cell]]:
        """What is shown, for a spreadsheet to add up (see export_parts)."""
        head, body, tail = self.export_parts()
        return [head, *body(), tail]

    def shown_rows(self) -> list[Tenant]:
        """The tenant of each row shown, in the table's order."""
        return [
            self.tenants[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
            for r in range(self.proxy.rowCount())
        ]

    def shown_tenants(self) -> list[Tenant]:
        """The tenants shown, in their order, with a profile that could be judged."""
        return [t for t in self.shown_rows() if t.profile is not None]

    def unreadable_shown(self) -> list[str]:
        """The names of the tenants shown whose profile the rules refuse: an export leaves them out, and
        says so, not to give a report of fewer enterprises than the table without a word."""
        return [t.name for t in self.shown_rows() if t.profile is None and t.error]

    def shown_entries(self) -> list[tuple[Any, Any]]:
        """(profile, preview) of each tenant shown; the previews are judged again, so call it off the UI
        thread with many tenants."""
        return [(t.profile, t.preview) for t in self.shown_tenants()]

    def _ask_pdf_path(self, title: str, name: str) -> Path | None:
        """Where to save a PDF, starting at `name` in the home folder; a name typed without .pdf gets it."""
        from shenbao.ui.done_message import ask_save_path

        return ask_save_path(self, title, str(Path.home() / name), {"PDF (*.pdf)": ".pdf"})

    def _enable_exports(self) -> None:
        for button in self._buttons():
            button.setEnabled(self._complete and not self._exporting)

    def _judged_all(self) -> bool:
        """True once every tenant is judged; until then an export would leave out those still waiting
        (the report, the forms) or write 「测算中…」 for them (the CSV), so it is refused in words. False
        too while an export runs: one at a time (its buttons wait disabled)."""
        if self._exporting:
            return False
        if not self._complete:
            QMessageBox.information(
                self, self.tr("导出"), self.tr("各企业尚未全部测算完毕，测算完成后才能导出。")
            )
        return self._complete

    def export_csv(self, path: str | Path | None = None) -> BackgroundOp | None:
        """The table shown as a spreadsheet, `.xlsx` or `.csv` by the name chosen (see export_rows)."""
        if not self._judged_all():
            return None
        target = Path(path) if path else self._ask_table_path()
        if target is None:
            return None
        head, body, tail = self.export_parts()
        label = self.tr("正在导出表格…")

        def work(task: Any) -> Path:
            # the rows worked out, then written: each half of the progress bar; 取消 stops either and
            # leaves no file under the name chosen
            rows = body(lambda done, total: task.report(done, 2 * total, label))
            return write_park_table(
                target, [head, *rows, tail], progress=lambda done, total: task.report(total + done, 2 * total)
            )

        return self._run(work, label)

    def _ask_table_path(self) -> Path | None:
        from shenbao.ui.done_message import ask_table_path

        return ask_table_path(self, self.tr("导出表格"), "园区申报测算.xlsx")

    def export_pdf(self, path: str | Path | None = None) -> BackgroundOp | None:
        if not self._judged_all():
            return None
        target = Path(path) if path else self._ask_pdf_path(self.tr("导出园区报告"), "园区申报测算汇总表.pdf")
        if target is None:
            return None
        shown = self.shown_tenants()
        label = self.tr("正在生成园区报告…")
        page = self.tr("正在生成园区报告：第 {page} 页…")

        def work(task: Any) -> Path:
            # a report of thousands of tenants takes many seconds: each page says how far it is, and
            # 取消 stops it at the next page, before anything is written
            task.report(0, 0, label)
            return write_park_report(
                target,
                [(t.profile, t.preview) for t in shown],
                lambda n: task.report(0, 0, page.format(page=f"{n:,}")),
            )

        return self._run(work, label, self.unreadable_shown())

    def export_forms(self, folder: str | Path | None = None) -> BackgroundOp | None:
        """Every eligible measure's 申报书 for each tenant shown (and the measure filtered, if any), into
        one folder, off the UI thread; cancelling keeps the forms already written."""
        if not self._judged_all():
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self, self.tr("选择保存申报书的文件夹"), str(Path.home())
            )
            if not chosen:
                return None
            folder = chosen
        target = Path(folder)
        shown = self.shown_tenants()
        measure = self.measure_box.currentData() or None
        label = self.tr("正在生成申报书…")
        wanting: list[tuple[str, list[str]]] = []  # each form printing a box 待补充, with those boxes

        def work(task: Any) -> Path:
            from shenbao.core.pdf import eligible_forms, render_batch

            def written(done: int, total: int, path: Path, rendered: Any) -> None:
                if rendered.wanting:
                    wanting.append((path.name, rendered.wanting))
                task.report(done, total, path.name)

            entries = [(_file_stem(f"{t.uscc}-{t.name}"), t.profile, t.preview) for t in shown]
            jobs = list(eligible_forms(entries, [measure] if measure else None))
            if not jobs:
                raise KnownError(self.tr("列表中的企业没有可申报的措施，未生成申报书"))
            task.report(0, len(jobs), label)
            try:
                render_batch(jobs, target, progress=written)
            except OSError as err:
                raise KnownError(
                    self.tr("无法写入 {path}（{why}）").format(
                        path=target, why=err.strerror or err if ui_language() == "en" else os_reason(err)
                    )
                ) from None
            return target

        return self._run(work, label, self.unreadable_shown(), wanting)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.csv_button, self.pdf_button, self.forms_button)

    def _run(
        self,
        work: Any,
        label: str,
        left_out: Sequence[str] = (),
        wanting: Sequence[tuple[str, list[str]]] = (),
    ) -> BackgroundOp:
        """Run an export off the UI thread and say what it wrote: tenants `left_out` of it, and each form
        in `wanting` (filled by the work) with the boxes it prints 待补充, as `shenbao render` names them."""
        self._exporting = True
        self._enable_exports()

        def finished() -> None:
            self._exporting = False
            self._enable_exports()

        def failed(err: BaseException, details: str) -> None:
            finished()
            self.exportFailed.emit(str(err))
            show_error(self, err, details)

        def succeeded(out: Path) -> None:
            from shenbao.ui.done_message import show_done, wanting_note

            finished()
            self.exported.emit(str(out))
            where = self.tr("申报书已保存到文件夹：{path}") if out.is_dir() else self.tr("已导出：{path}")
            text = where.format(path=out)
            if left_out:
                names = listed(left_out[:5]) + (
                    self.tr("等 {n} 家").format(n=len(left_out)) if len(left_out) > 5 else ""
                )
                text += "\n" + self.tr("未列入（档案有误，请打开该企业修改）：{names}").format(names=names)
            for name, boxes in wanting[:5]:
                text += "\n" + name + wanting_note(boxes)
            if len(wanting) > 5:
                text += "\n" + self.tr("另有 %n 份申报书含待补充项", "", len(wanting) - 5)
            show_done(self, out, text)

        op = BackgroundOp(
            work, parent=self, label=label, on_success=succeeded, on_failure=failed, on_cancel=finished
        )
        return op.start()
