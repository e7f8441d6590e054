"""The live preview: every measure judged on every edit, grouped by document, with its trace.

The panel never computes an amount. It is given a `judge(document, as_of)` function (the rules core)
and shows the `Result`s it returns: status badge, amount and kind, 遴选, and on top the preview's own
`total()` ("最高可申请 X 万元"). Selecting a measure shows the clause, each condition with the value
it saw, the formula with numbers, notes, warnings and what is missing, with a button that opens the
measure's wizard at the first missing answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.model import label_of as field_label
from shenbao.errors import KnownError
from shenbao.ui import roles
from shenbao.ui.app import core_text, ui_font, viewport_of
from shenbao.ui.markup import escape
from shenbao.ui.style import (
    ERROR_COLOUR,
    STATUS_COLOURS,
    WARNING_COLOUR,
    amount_text,
    article_text,
    bracketed,
    condition_text,
    document_title,
    error_text,
    formula_text,
    gap,
    known_text,
    listed,
    measure_title,
    reason_text,
    sentence_text,
    set_text_colour,
    ui_language,
    yuan_and_wan_text,
)

if TYPE_CHECKING:
    from shenbao.ui.context import AppContext

ModelIndex = QModelIndex | QPersistentModelIndex
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 3
_RESULT, _STATUS, _MEASURE = (int(role) for role in (RESULT_ROLE, STATUS_ROLE, MEASURE_ROLE))

_Roles = Iterable[QModelRoleData]  # what a QModelRoleDataSpan yields
_DOC = 0  # internalId of a document row; a measure row carries its document's row + 1


class PreviewModel(QAbstractItemModel):
    """Two levels: documents, and under each its measures' results in the preview's order."""

    TITLE, STATUS, AMOUNT, KIND, SELECTION = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, str, list[Any]]] = []  # (document id, title, results)
        self._cells: dict[tuple[int, int, int], dict[int, Any]] = {}  # see _cell
        self._headers = [
            self.tr("措施"),
            self.tr("状态"),
            self.tr("金额"),
            self.tr("类型"),
            self.tr("遴选"),
        ]

    def set_results(self, results: list[Any]) -> None:
        """Show new results; when the measures are the same as before only the cells change, so the
        selection and the scroll position survive every keystroke."""
        groups: list[tuple[str, str, list[Any]]] = []
        for result in results:
            if not groups or groups[-1][0] != result.document:
                groups.append((result.document, document_title(result.document, result.document_title), []))
            groups[-1][2].append(result)
        same = [(g[0], [r.measure for r in g[2]]) for g in groups] == [
            (g[0], [r.measure for r in g[2]]) for g in self._groups
        ]
        if not same:
            self.beginResetModel()
            self._groups, self._cells = groups, {}
            self.endResetModel()
            return
        old, self._groups, self._cells = self._groups, groups, {}
        last = len(self._headers) - 1
        for row, ((_d, _t, before), (_doc, _title, items)) in enumerate(zip(old, groups, strict=True)):
            changed = [
                i for i, (a, b) in enumerate(zip(before, items, strict=True)) if _shown(a) != _shown(b)
            ]
            if not changed:
                continue  # a view told that nothing changed would still re-measure every row
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            self.dataChanged.emit(self.index(changed[0], 0, parent), self.index(changed[-1], last, parent))

    def result_at(self, index: ModelIndex) -> Any:
        if not index.isValid() or index.internalId() == _DOC:
            return None
        return self._groups[index.internalId() - 1][2][index.row()]

    def index_of(self, measure: str) -> QModelIndex:
        for g, (_doc, _title, items) in enumerate(self._groups):
            for r, result in enumerate(items):
                if result.measure == measure:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    # --- QAbstractItemModel -----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # hasIndex() asked rowCount() and columnCount() back through Python: a view asks for thousands
        if row < 0 or not 0 <= column < len(self._headers):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _DOC) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == _DOC and parent.column() == 0 and row < len(self._groups[parent.row()][2]):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _DOC:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _DOC)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _DOC and parent.column() == 0:
            return len(self._groups[parent.row()][2])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return self._headers[section] if horizontal and 0 <= section < len(self._headers) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._GROUP_FLAGS if index.internalId() == _DOC else self._MEASURE_FLAGS

    # made once: a view asks for every cell's flags as often as for its data
    _GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    _MEASURE_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == roles.TOOLTIP:
            return self._tooltip(index)
        return self._cell(index).get(role)

    def multiData(self, index: ModelIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:  # noqa: N803
        """All the roles a delegate asks of a cell at once (seven each time a cell is measured or drawn):
        one call from the view into Python per cell rather than one per role."""
        items = (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else cast(_Roles, roleDataSpan)
        if not index.isValid():
            for item in items:
                item.clearData()
            return
        cell = self._cell(index)
        for item in items:
            role = item.role()
            value = self._tooltip(index) if role == roles.TOOLTIP else cell.get(role)
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _cell(self, index: ModelIndex) -> dict[int, Any]:
        """What a cell shows, by role, worked out once per set of results: a view asks for each cell
        several times before the first frame (to lay out the rows, to fit the columns, to draw)."""
        key = (index.internalId(), index.row(), index.column())
        cell = self._cells.get(key)
        if cell is None:
            cell = self._cells[key] = self._make_cell(*key)
        return cell

    def _make_cell(self, group: int, row: int, column: int) -> dict[int, Any]:
        if group == _DOC:
            _doc, title, items = self._groups[row]
            if column != self.TITLE:
                return {}
            count = sum(1 for r in items if r.status == "eligible")
            shown = title + (self.tr("（{count} 项可申报）").format(count=count) if count else "")
            return {roles.DISPLAY: shown, roles.FONT: ui_font(bold=True)}
        result = self._groups[group - 1][2][row]
        cell = {
            roles.DISPLAY: self._display(result, column),
            _RESULT: result,
            _STATUS: result.status,
            _MEASURE: result.measure,
        }
        if column == self.AMOUNT:
            cell[roles.ALIGNMENT] = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif column == self.STATUS:
            cell[roles.FOREGROUND] = QColor(STATUS_COLOURS[result.status][0])
        return cell

    def _tooltip(self, index: ModelIndex) -> str:
        """A row's tooltip, written when asked (hovering): a measure's reasons are most of the cost of a
        result."""
        if index.internalId() == _DOC:
            doc, title, _items = self._groups[index.row()]
            return bracketed(title, doc)
        result = self.result_at(index)
        colon = self.tr("：")
        lines = [
            f"{document_title(result.document, result.document_title)} {article_text(result.article)}{colon}"
            f"{measure_title(result.measure, result.title)}"
        ]
        lines[0] += " · " + core_text(result.kind_label) + (" · " + self.tr("遴选")) * result.selection
        lines += [reason_text(result, r) for r in result.reasons]
        if result.missing:
            lines.append(self.tr("缺少：") + listed(core_text(field_label(p)) for p in result.missing))
        return "\n".join(lines)

    def _display(self, result: Any, column: int) -> Any:
        if column == self.TITLE:
            return f"{article_text(result.article)} {measure_title(result.measure, result.title)}".strip()
        if column == self.STATUS:
            return core_text(result.status_label)
        if column == self.AMOUNT:
            return amount_text(result.amount) if result.amount is not None else "—"
        if column == self.KIND:
            return core_text(result.kind_label)
        if column == self.SELECTION:
            return self.tr("遴选") if result.selection else ""
        return None

    def column_cells(self, column: int) -> list[tuple[QModelIndex, str]]:
        """Every measure's cell in `column` with the text it shows, read straight from the results."""
        return [
            (self.createIndex(r, column, g + 1), str(self._display(result, column) or ""))
            for g, (_doc, _title, items) in enumerate(self._groups)
            for r, result in enumerate(items)
        ]


def _shown(result: Any) -> tuple[Any, ...]:
    """What a row's cells display; when it is unchanged the row is not repainted. Its reasons and missing
    facts are only in its tooltip and the trace, both read when shown, and writing them is most of the
    cost of a result (they are made from codes when asked)."""
    return (result.status, result.amount, result.amount_kind, result.selection, result.title)


class WrappedTitleDelegate(QStyledItemDelegate):
    """A measure's title on as many lines as its column needs: the whole title rather than 「1 Sub…」
    where the pane is narrow (English titles are long). A document row spans the width and stays one line."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.internalId() != _DOC:  # a measure (asking for its parent went through Python)
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.internalId() == _DOC:
            return size
        indent = self.tree.indentation() * (2 if self.tree.rootIsDecorated() else 1)  # a measure is a child
        width = self.tree.header().sectionSize(index.column()) - indent - 12
        text = str(index.data() or "")
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        lines = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 40), 10_000), flags, text)
        return QSize(size.width(), max(size.height(), lines.height() + 6))


class StatusBadgeDelegate(QStyledItemDelegate):
    """Draws a measure's status as a coloured badge (可申报 / 不符合 / 待补充 / 未生效·已失效).

    The cell's background, selection and focus are the style's, drawn by the base class without the
    text; the badge goes over them. (Asking for the view's QStyle here instead made Qt for Python build
    the style's dozen enumerations while the first frame was drawn, 8 ms of the start.)"""

    _badge = False  # set while the cell under a badge is drawn: its text is the badge's

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if self._badge:
            option.text = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        status = index.data(STATUS_ROLE)
        if status not in STATUS_COLOURS:
            super().paint(painter, option, index)
            return
        self._badge = True
        try:
            super().paint(painter, option, index)
        finally:
            self._badge = False
        self.initStyleOption(option, index)
        text = option.text
        fore, back = STATUS_COLOURS[status]
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 14
        height = metrics.height() + 4
        rect = QRect(option.rect.left() + 4, option.rect.center().y() - height // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(back))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(fore))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[Any, ...], QSize] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        """Measured once per text, font and width: a badge says one of five things, and the view asks
        for every row's size each time it lays the rows out (three times before the first frame)."""
        key = (index.data(), option.font.key(), option.rect.width())
        size = self._sizes.get(key)
        if size is None:
            size = super().sizeHint(option, index)
            size = self._sizes[key] = QSize(
                size.width() + 18, max(size.height(), option.fontMetrics.height() + 8)
            )
        return size


class PreviewPanel(QWidget):
    """Shows what `judge(document, as_of)` returns for the document being edited."""

    as_of_changed = Signal(object)  # datetime.date
    wizard_requested = Signal(str, str)  # measure, first missing field path ("" for the start)

    def __init__(
        self,
        judge: Callable[[dict[str, Any], dt.date], Any],
        *,
        today: Callable[[], dt.date] = dt.date.today,
        label_of: Callable[[str], str] | None = None,
        context: AppContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`context`: the app's as-of date, followed both ways (else one starting at `today()`)."""
        super().__init__(parent)
        if label_of is None:
            from shenbao.core.model import label_of as core_label

            label_of = lambda path: core_text(core_label(path))  # noqa: E731
        self._judge = judge
        self._label_of = label_of
        self._document: dict[str, Any] | None = None
        self.preview: Any = None
        self._trace_shown = ""
        self._fitting = False  # while the rows are expanded and the columns fitted after a reset
        self._title_moved = False  # the title's width changed meanwhile
        self._resets = 0  # the model's resets so far, each of which fitted the columns afresh
        self._widest: dict[int, int] = {}  # each fitted column's widest text at its last fit

        self.total_label = QLabel(self.tr("尚未测算"))
        self.total_label.setObjectName("previewTotal")
        self.total_label.setFont(ui_font(4, bold=True))
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A headline with an amount to confirm wraps onto a second line instead of widening the panel.
        self.total_label.setWordWrap(True)
        self.total_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.as_of_edit = QDateEdit(_qdate(context.as_of() if context is not None else today()))
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setAccessibleName(self.tr("测算日期"))
        self.as_of_edit.dateChanged.connect(self._as_of_edited)
        as_of_label = QLabel(self.tr("按"))
        as_of_label.setBuddy(self.as_of_edit)
        top = QHBoxLayout()
        top.addWidget(self.total_label, 1)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of_edit)
        top.addWidget(QLabel(self.tr("测算")))

        self.model = PreviewModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("previewTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(False)  # a long title takes two lines (WrappedTitleDelegate)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegateForColumn(PreviewModel.TITLE, WrappedTitleDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegateForColumn(PreviewModel.STATUS, StatusBadgeDelegate(self.tree))
        self.tree.setAccessibleName(self.tr("各项措施的测算结果"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PreviewModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        for column in (PreviewModel.STATUS, PreviewModel.AMOUNT, PreviewModel.KIND, PreviewModel.SELECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._title_resized)
        self.model.modelReset.connect(self._after_reset)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_trace())

        self.trace = QTextBrowser()
        self.trace.setObjectName("previewTrace")
        self.trace.setOpenLinks(False)
        self.trace.setAccessibleName(self.tr("测算依据"))
        self.wizard_button = QPushButton(self.tr("填写申报(&W)…"))
        self.wizard_button.setEnabled(False)
        self.wizard_button.setAutoDefault(True)  # Enter presses it when it has the focus, as in a dialog
        self.wizard_button.clicked.connect(self._request_wizard)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.trace)
        lower_layout.addWidget(self.wizard_button, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        set_text_colour(self.problem_label, ERROR_COLOUR)
        self.problem_label.hide()
        self.notice_label = (
            QLabel()
        )  # 「政策数据已于 D 过期，请获取更新」 while an expired policy pack is in use
        self.notice_label.setObjectName("previewNotices")
        self.notice_label.setWordWrap(True)
        set_text_colour(self.notice_label, WARNING_COLOUR)
        self.notice_label.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.as_of_edit, self.tree)
        self.setTabOrder(self.tree, self.trace)
        self.setTabOrder(self.trace, self.wizard_button)
        self._context = context
        if context is not None:
            self.as_of_changed.connect(context.set_as_of)
            context.as_of_changed.connect(self.set_as_of)
            context.changed.connect(self._register_changed)

    def _after_reset(self) -> None:
        """Document rows span the whole width (their titles are long); measures start expanded."""
        root = QModelIndex()
        for row in range(self.model.rowCount(root)):
            self.tree.setFirstColumnSpanned(row, root, True)
        # Expanding brings the scroll bar and fitting the short columns widens the titles': their rows are
        # laid out again once, at the width they end with, not at each width on the way.
        self._fitting, self._title_moved = True, False
        try:
            self.tree.expandAll()
            self._fit_columns(shrink=True)
        finally:
            self._fitting = False
        if self._title_moved:
            self.tree.scheduleDelayedItemsLayout()
        self._resets += 1

    def _fit_columns(self, *, shrink: bool = False) -> None:
        """Fit the short columns to their longest cell; on an edit only widen them (no jumping while typing).
        The view's own resizeColumnToContents() looks only at rows laid out on screen, which before the
        first paint is none of them."""
        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        pad = 2 * metrics.horizontalAdvance("0")
        for column in (PreviewModel.STATUS, PreviewModel.AMOUNT, PreviewModel.KIND, PreviewModel.SELECTION):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            cells = self.model.column_cells(column)
            advances = [metrics.horizontalAdvance(text) for _index, text in cells]
            widest = max([metrics.horizontalAdvance(title), *advances]) + pad
            if not shrink and widest <= self._widest.get(column, 0):
                continue  # no longer text than at the last fit: the column is wide enough already
            self._widest[column] = widest  # the delegates are asked only when text grows
            wanted = max(widest, self._widest_hint(cells, advances))
            if wanted > header.sectionSize(column) or shrink:
                header.resizeSection(column, wanted)
        self._fit_title()

    def _widest_hint(self, cells: list[tuple[QModelIndex, str]], advances: list[int]) -> int:
        """What the column's delegate asks for its widest cells: a cell's width grows with its text's, so
        only the texts within a pixel or two of the longest are measured, once each (sizeHintForColumn
        asked the delegate for every row, which was most of the time a document took to show)."""
        if not cells:
            return 0
        longest = max(advances)
        seen: dict[str, QModelIndex] = {}
        for (index, text), advance in zip(cells, advances, strict=True):
            if advance >= longest - 2:
                seen.setdefault(text, index)
        return max(self.tree.sizeHintForIndex(index).width() for index in seen.values())

    def _fit_title(self) -> None:
        """Keep room for the measures' titles: where the pane is too narrow for a title of about 28
        characters beside every column (English words are long), the 遴选 and then the 类型 columns are
        hidden — the trace below and each row's tooltip still say both — and shown again when it widens."""
        header, metrics = self.tree.header(), self.tree.fontMetrics()
        wanted = 28 * metrics.horizontalAdvance("0")
        room = viewport_of(self.tree).width() - header.sectionSize(PreviewModel.STATUS)
        room -= header.sectionSize(PreviewModel.AMOUNT) + self.tree.indentation()
        shown = True
        for column in (PreviewModel.KIND, PreviewModel.SELECTION):  # 类型 kept longest: "Up to" a sum
            shown = shown and room - header.sectionSize(column) >= wanted
            self.tree.setColumnHidden(column, not shown)
            if shown:
                room -= header.sectionSize(column)

    def _title_resized(self, column: int, _old: int, _new: int) -> None:
        if column != PreviewModel.TITLE:
            return
        if self._fitting:  # laid out once the fitting is done
            self._title_moved = True
        else:  # its rows' heights follow the lines their titles need
            self.tree.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_title()

    # --- inputs -----------------------------------------------------------------------------------

    def as_of(self) -> dt.date:
        date = self.as_of_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def set_as_of(self, date: dt.date) -> None:
        self.as_of_edit.setDate(_qdate(date))

    def show_document(self, document: dict[str, Any] | None) -> None:
        """Judge the document and show the results (an empty panel for None)."""
        self._document = document
        if document is None:
            self.preview = None
            self.model.set_results([])
            self.total_label.setText(self.tr("尚未测算"))
            self.problem_label.hide()
            self._show_trace()
            return
        try:
            preview = self._judge(document, self.as_of())
        except KnownError as err:  # ProfileErrors, unreadable policy data; a bug goes on to the bug dialog
            errors = getattr(err, "errors", None) or [err]
            self.problem_label.setText(
                self.tr("暂不能测算：")
                + self.tr("；").join(error_text(e) if hasattr(e, "field") else known_text(e) for e in errors)
            )
            self.problem_label.show()
            # the statuses and sums shown are of the profile before this change: greyed, with no total
            self.total_label.setText(self.tr("暂不能测算"))
            self.tree.setEnabled(False)
            return
        self.problem_label.hide()
        self.tree.setEnabled(True)
        self.preview = preview
        notices = getattr(preview, "notices", [])
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))
        resets = self._resets
        self.model.set_results(preview.results)
        if self._resets == resets:  # rows changed in place: widen to fit, never shrink while typing
            self._fit_columns()
        self.total_label.setText(self.headline(preview.totals()))
        self._show_trace()

    def headline(self, totals: Any) -> str:
        """What can be applied for at most, each stacking group once, what needs confirming, and what
        can no longer be applied for (no window left)."""
        text = self.tr("最高可申请 {amount}").format(amount=amount_text(totals.counted))
        if totals.to_confirm:
            text += self.tr("；另有 {amount}需向主管部门确认能否叠加").format(
                amount=amount_text(totals.to_confirm)
            )
        if totals.closed:
            text += self.tr("；另有 {amount}已无受理期").format(amount=amount_text(totals.closed))
        return text

    def _as_of_edited(self, _date: QDate) -> None:
        self.as_of_changed.emit(self.as_of())
        if self._document is not None:
            self.show_document(self._document)

    # --- the trace --------------------------------------------------------------------------------

    def current_result(self) -> Any:
        return self.model.result_at(self.tree.currentIndex())

    def select_measure(self, measure: str) -> bool:
        index = self.model.index_of(measure)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        return True

    def _show_trace(self) -> None:
        result = self.current_result()
        self.wizard_button.setEnabled(result is not None)
        if result is None:
            hint = self.tr("选择一项措施，查看测算依据。")
            self.trace.setHtml(f"<p>{escape(hint)}</p>")
            self._trace_shown = ""
            return
        text = self.trace_html(result)
        if text != self._trace_shown:
            self._trace_shown = text
            self.trace.setHtml(text)

    def trace_html(self, result: Any) -> str:
        e = escape
        words = {
            "status": self.tr("状态"), "amount": self.tr("金额"), "kind": self.tr("类型"),
            "selection": self.tr("需经遴选"), "clause": self.tr("条款原文"), "conditions": self.tr("条件"),
            "formula": self.tr("计算"), "responsible": self.tr("责任单位"),
        }  # fmt: skip
        colon = e(self.tr("："))
        parts = [
            f"<h3>{e(measure_title(result.measure, result.title))}</h3>",
            f"<p><b>{e(document_title(result.document, result.document_title))}</b> {e(article_text(result.article))}</p>",
        ]
        amount = "—"
        if result.amount is not None:
            amount = yuan_and_wan_text(result.amount)
        parts.append(
            f"<p>{e(words['status'])}{colon}<b>{e(core_text(result.status_label))}</b>{gap()}"
            f"{e(words['amount'])}{colon}{e(amount)}{gap()}{e(words['kind'])}{colon}{e(core_text(result.kind_label))}"
            + (f"{gap()}<b>{e(words['selection'])}</b>" if result.selection else "")
            + "</p>"
        )
        if result.clause:
            parts.append(f"<h4>{e(words['clause'])}</h4><blockquote>{e(result.clause)}</blockquote>")
        if result.conditions:
            marks = {True: "✓", False: "✗", None: "?" if ui_language() == "en" else "？"}
            rows = "".join(
                f"<tr><td>{marks[c.outcome]}</td><td>{e(label)}</td><td>{e(value)}</td></tr>"
                for c in result.conditions
                for label, value in (condition_text(result.measure, c),)
            )
            parts.append(f"<h4>{e(words['conditions'])}</h4><table cellspacing='4'>{rows}</table>")
        if result.formula:
            parts.append(f"<h4>{e(words['formula'])}</h4><p>{e(formula_text(result.formula))}</p>")
        sections = (
            (self.tr("不符合的原因"), [reason_text(result, r) for r in result.reasons]),
            (self.tr("待补充"), [core_text(self._label_of(p)) for p in result.missing]),
            (self.tr("提示"), [sentence_text(result, w) for w in result.warnings]),
            (self.tr("说明"), [sentence_text(result, n) for n in result.notes]),
        )
        for title, items in sections:
            if items:
                parts.append(
                    f"<h4>{e(title)}</h4><ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"
                )
        paid = self._paid_text(result.measure)
        if paid:
            record = self.tr("申报记录")
            parts.append(f"<h4>{e(record)}</h4><p>{e(paid)}</p>")
        if result.responsible:
            parts.append(f"<p>{e(words['responsible'])}{colon}{e(listed(result.responsible))}</p>")
        return "".join(parts)

    def _paid_text(self, measure: str) -> str:
        """What the register records as received for this measure by the enterprise shown (a cap over
        the policy's term, as one reading of fj2025.compute_voucher has it, counts what was paid); empty
        when nothing is recorded or there is no store."""
        store = self._context.store if self._context is not None else None
        ent = (self._document or {}).get("enterprise")
        uscc = ent.get("uscc") if isinstance(ent, dict) else None
        if store is None or not isinstance(uscc, str) or not uscc.strip():
            return ""
        received = store.received(uscc, measure)
        if not received.payments or received.last is None:
            return ""
        # beside the policy's own note that judging knows nothing of past payments: what is known, and
        # that the amount above does not take it off
        return self.tr(
            "本企业此项已登记拨付 {amount}（%n 笔，最近一笔 {date}）；上方测算金额未扣除",
            "",
            received.payments,
        ).format(amount=yuan_and_wan_text(received.total), date=received.last.isoformat())

    def _register_changed(self, changes: Any) -> None:
        """A payment recorded or removed in the register shows in the trace of the enterprise shown."""
        ent = (self._document or {}).get("enterprise")
        uscc = ent.get("uscc") if isinstance(ent, dict) else None
        if changes.store or (isinstance(uscc, str) and uscc.strip().upper() in changes.declarations):
            self._show_trace()

    def _request_wizard(self) -> None:
        result = self.current_result()
        if result is not None:
            self.wizard_requested.emit(result.measure, result.missing[0] if result.missing else "")


def judge_with(context: AppContext) -> Callable[[dict[str, Any], dt.date], Any]:
    """A judge on the context's policy library; a name still to come is judged as a placeholder. When
    the policy data does not load, every judgement raises why (the panel says it; editing goes on)."""
    from shenbao.core.model import parse_profile

    def judge(doc: dict[str, Any], as_of: dt.date) -> Any:
        engine = context.rules()
        ent = doc.get("enterprise")
        if isinstance(ent, dict) and not ent.get("name"):  # judge while the name is still to come
            doc = {
                **doc,
                "enterprise": {**ent, "name": QCoreApplication.translate("MainWindow", "（未填写名称）")},
            }
        return engine.preview(parse_profile(doc), as_of)

    return judge


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)
