"""The one wizard page class, built from a page of forms/<measure>.toml, with its field editors.

A field's editor is the widget of its kind (ui/field_widgets.py, the profile editor's too), or the detail
table for a list, and speaks the interchange JSON: `value()` is what goes into the profile (a number of
yuan, a ratio 0–1, "YYYY-MM-DD", true/false, a list of detail rows), None when not known. Every value is
read and checked by the core's registry of field kinds, as the profile editor and a park table read it,
so the messages are the core's Chinese ones; the page only shows them. The live amount under each page is the
rules' Result as it is: the page never computes an amount.
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
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from shenbao.core import fieldkinds
from shenbao.core.forms import Field, Page
from shenbao.core.model import COLUMN_LABELS, DETAIL_COLUMNS, label_of
from shenbao.core.policies import MONETARY_KINDS
from shenbao.core.store.secrets import mask_id_number
from shenbao.ui.app import core_text
from shenbao.ui.field_widgets import HINT_STYLE, FieldWidget
from shenbao.ui.markup import escape
from shenbao.ui.style import (
    STATUS_COLOURS,
    formula_text,
    gap,
    help_text,
    listed,
    measure_title,
    problem_text,
    reason_text,
    sentence_text,
    yuan_and_wan_text,
)

ModelIndex = QModelIndex | QPersistentModelIndex
ERROR_STYLE = "color:#a8322d"


def answer_key(field: Field) -> str:
    """Where a field's answer is kept: its key, and for a recognition the kind as well."""
    return f"{field.key}.{field.recognition}" if field.kind == "recognition" else field.key


# --- the detail table ------------------------------------------------------------------------------


def _id_type(text: str) -> str | None:
    """A 证件类型 as typed (护照, 回乡证, passport…) as its code; None when it is not one."""
    try:
        return fieldkinds.parse("id_type", text)
    except fieldkinds.FieldValueError:
        return None


class DetailTableModel(QAbstractTableModel):
    """The rows of one detail list (invoices, products, engineers, investment items) as typed text; each
    cell is checked with the core's rules as it is typed, and sensitive columns are shown masked."""

    def __init__(self, detail: str, columns: tuple[str, ...], mask: tuple[str, ...] = (), parent: Any = None):
        super().__init__(parent)
        kinds = {c: (kind, required) for c, kind, required in DETAIL_COLUMNS[detail]}
        self.detail = detail
        self.columns = [(c, *kinds[c]) for c in columns]
        self.mask = set(mask)
        self.reveal = False
        self._rows: list[dict[str, str]] = []
        self._extra: list[dict[str, Any]] = []  # a row's keys beyond the columns (an invoice's source), kept

    # contents
    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows, self._extra = [], []
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict):
                self._add(row)
        self.endResetModel()

    def append_rows(self, rows: list[dict[str, Any]]) -> None:
        """Rows from elsewhere (invoices read from files), their extra keys kept."""
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            for row in rows:
                self._add(row)
            self.endInsertRows()

    def _add(self, row: dict[str, Any]) -> None:
        names = [c for c, _k, _r in self.columns]
        shown = {c: "" if row.get(c) is None else str(row.get(c)) for c in names}
        for column, kind, _required in self.columns:
            if kind == "id_type" and shown[column]:
                shown[column] = fieldkinds.format_value(kind, shown[column])  # passport → 护照
        self._rows.append(shown)
        self._extra.append({k: v for k, v in row.items() if k not in names})

    def value(self) -> list[dict[str, Any]]:
        """The rows as interchange JSON, each cell read by its kind as a park table's cell is; empty
        rows are left out, bad cells kept as typed (the core then names them)."""
        out = []
        for row, extra in zip(self._rows, self._extra, strict=True):
            if not any(v.strip() for v in row.values()):
                continue
            item: dict[str, Any] = {}
            for column, kind, _required in self.columns:
                text = row.get(column, "").strip()
                if not text:
                    continue
                try:
                    item[column] = fieldkinds.parse(kind, text)
                except fieldkinds.FieldValueError:
                    item[column] = text
            out.append({**item, **{k: v for k, v in extra.items() if k not in item}})
        return out

    def cell_error(self, row: int, column: int) -> str | None:
        name, kind, required = self.columns[column]
        text = self._rows[row].get(name, "").strip()
        if not text:
            label = core_text(COLUMN_LABELS[name])
            return (
                QCoreApplication.translate("DetailTableModel", "%1不能为空").replace("%1", label)
                if required
                else None
            )
        if kind == "id_number" and self._id_type_column() is not None:
            typed = self._rows[row].get(self._id_type_column() or "", "").strip()
            id_type = _id_type(typed) if typed else None
            if typed and id_type is None:
                return None  # the 证件类型 cell names its own error
            message = fieldkinds.document_problem(id_type, fieldkinds.normal_code(text))
        else:
            message = fieldkinds.kind(kind).problem(text)
        if not message:
            return None
        label = core_text(COLUMN_LABELS[name])
        return (
            QCoreApplication.translate("DetailTableModel", "%1%2")
            .replace("%1", label)
            .replace("%2", problem_text(message))
        )

    def _id_type_column(self) -> str | None:
        return next((c for c, kind, _r in self.columns if kind == "id_type"), None)

    def errors(self) -> list[str]:
        out = []
        for r, row in enumerate(self._rows):
            if not any(v.strip() for v in row.values()):
                continue
            out += [
                self.tr("第%1行：").replace("%1", str(r + 1)) + e
                for c in range(len(self.columns))
                if (e := self.cell_error(r, c))
            ]
        return out

    def set_reveal(self, reveal: bool) -> None:
        self.reveal = reveal
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # QAbstractTableModel
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                name, _kind, required = self.columns[section]
                return core_text(COLUMN_LABELS[name]) + (" *" if required else "")
            return None
        return str(section + 1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        name = self.columns[index.column()][0]
        text = self._rows[index.row()].get(name, "")
        if role == Qt.ItemDataRole.EditRole:
            return text
        if role == Qt.ItemDataRole.DisplayRole:
            return mask_id_number(text) if name in self.mask and text and not self.reveal else text
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            error = (
                self.cell_error(index.row(), index.column())
                if any(self._rows[index.row()].values())
                else None
            )
            if role == Qt.ItemDataRole.ToolTipRole:
                return error
            return QColor("#fbe5e3") if error else None
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = self.columns[index.column()][0]
        text = "" if value is None else str(value).strip()
        if name == "id_number":
            text = text.upper()
        row = index.row()
        if "source" in self._extra[row] and self._rows[row].get(name, "") != text:
            # an invoice read from a file, edited by hand (250.00 made 2500): it no longer says what its
            # file says, so the file, its SHA-256 and the tax split read from it are let go of
            from shenbao.core.documents.intake import READ

            self._extra[row] = {k: v for k, v in self._extra[row].items() if k not in READ}
        self._rows[row][name] = text
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def insertRows(self, row: int, count: int, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or not (0 <= row <= len(self._rows)):
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self._rows.insert(row, {c: "" for c, _k, _r in self.columns})
            self._extra.insert(row, {})
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row : row + count]
        del self._extra[row : row + count]
        self.endRemoveRows()
        return True


# --- one field's editor ----------------------------------------------------------------------------


class FieldEditor(QWidget):
    """The editor of one field, chosen by its type; `changed` on every keystroke (the live amount),
    `committed` once a value is complete (the draft is saved)."""

    changed = Signal()
    committed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.external_error: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.model: DetailTableModel | None = None
        self.widget: FieldWidget | None = None
        self.line: QLineEdit | None = None
        self.combo: QComboBox | None = None
        if field.type == "table":
            self.editor: QWidget = self._table(layout)
        else:
            kind = "date" if field.kind == "recognition" else field.kind
            self.widget = FieldWidget(kind, choices=field.choices)
            self.widget.edited.connect(self._edited)
            self.widget.finished.connect(self.committed)
            self.editor = self.widget.editor
            self.line, self.combo = self.widget.line, self.widget.combo  # for tests and focus
            row.addWidget(self.widget, 1)
        layout.addWidget(self.error_label)
        self.setFocusProxy(self.editor)

    def _table(self, layout: QVBoxLayout) -> QWidget:
        self.model = DetailTableModel(self.field.name, self.field.columns, self.field.mask, self)
        self.table = QTableView()
        self.table.setObjectName("detail")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        self.add_button = QPushButton(self.tr("添加一行(&A)"))
        self.remove_button = QPushButton(self.tr("删除所选行(&D)"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.reveal_box: QCheckBox | None = None
        if self.field.mask:
            self.reveal_box = QCheckBox(self.tr("显示完整身份证号(&S)"))
            self.reveal_box.toggled.connect(self.model.set_reveal)
            buttons.addWidget(self.reveal_box)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for signal in (self.model.dataChanged, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._table_changed)
        return self.table

    # values
    def value(self) -> Any:
        """The interchange value; what is typed when it is not a good value (the core then names it)."""
        if self.model is not None:
            return self.model.value()
        assert self.widget is not None
        value, message = self.widget.read()
        return self.widget.text().strip() if message else value

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        try:
            if self.model is not None:
                self.model.set_rows(value or [])
            elif self.widget is not None:
                self.widget.set_value(value)
        finally:
            self.blockSignals(False)
        self._update_feedback()

    def is_empty(self) -> bool:
        value = self.value()
        return value is None or value == [] or value == ""

    def error(self) -> str | None:
        """The Chinese message for what is typed, or None."""
        if self.model is not None:
            errors = self.model.errors()
            return self.tr("；").join(errors[:3]) + ("…" if len(errors) > 3 else "") if errors else None
        assert self.widget is not None
        message = self.widget.read()[1]
        if not message:
            return None
        return self.tr("%1%2").replace("%1", core_text(self.field.label)).replace("%2", message)

    def set_external_error(self, message: str | None) -> None:
        """An error the core found across fields (a detail total disagreeing with its fact, …)."""
        self.external_error = message
        self._update_feedback()

    def _update_feedback(self) -> None:
        message = self.error() or self.external_error
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        if self.line is not None:
            self.line.setStyleSheet("border:1px solid #a8322d" if message else "")

    # signals
    def _edited(self, _text: str) -> None:
        self._update_feedback()
        self.changed.emit()

    def _table_changed(self, *_args: Any) -> None:
        self._update_feedback()
        self.changed.emit()
        self.committed.emit()

    def add_row(self) -> None:
        assert self.model is not None
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_rows(self) -> None:
        assert self.model is not None
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        for row in rows:
            self.model.removeRows(row, 1)


# --- the live result -------------------------------------------------------------------------------


def amount_text(result: Any) -> str:
    """The result's amount as the page shows it: yuan and 万元, with its kind; a kind without a sum
    (按规定, 一事一议, 非资金) by itself, and a sum not known yet (not eligible, facts missing) as the
    preview writes it, "—", rather than a kind's word with nothing after it (「最高」)."""
    if result.amount is None:
        return core_text(result.kind_label) if result.amount_kind not in MONETARY_KINDS else "—"
    return f"{core_text(result.kind_label)} {yuan_and_wan_text(result.amount)}"


def _heading(result: Any, status: str, label: str, amount: str) -> str:
    """The measure's title, its status as a coloured badge (`label`, in `status`'s colours) and `amount`."""
    e = escape
    fg, bg = STATUS_COLOURS.get(status, STATUS_COLOURS["not_in_force"])
    return (
        f'<b>{e(measure_title(result.measure, result.title))}</b>{gap()}<span style="color:{fg};background:{bg};'
        f'font-weight:bold">&nbsp;{e(label)}&nbsp;</span>{gap()}<b>{e(amount)}</b>'
    )


def result_html(result: Any, *, trace: bool = False) -> str:
    """The measure's live status, amount and why, from the rules' Result (never computed here)."""
    e = escape
    parts = [_heading(result, result.status, core_text(result.status_label), amount_text(result))]
    if result.selection:
        selection = QCoreApplication.translate("FormPage", "需经遴选/评选，入选后方可获得")
        parts.append(f"<br><span style='{HINT_STYLE}'>{e(selection)}</span>")
    if result.status == "eligible" and result.closed:
        closed = QCoreApplication.translate(
            "FormPage", "已无受理期：政策有效期内不再受理此项申报，不计入可申请金额"
        )
        parts.append(f"<br><span style='{HINT_STYLE}'>{e(closed)}</span>")
    for reason in result.reasons:
        parts.append(f"<br>✗ {e(reason_text(result, reason))}")
    if result.missing:
        missing = QCoreApplication.translate("FormPage", "待补充：")
        parts.append(f"<br>{e(missing)}" + e(listed(core_text(label_of(p)) for p in result.missing)))
    if result.formula:
        calculation = QCoreApplication.translate("FormPage", "计算：")
        parts.append(f"<br>{e(calculation)}{e(formula_text(result.formula))}")
    if trace:
        parts += ["<ul>", *(f"<li>{e(sentence_text(result, line))}</li>" for line in result.trace), "</ul>"]
    return "".join(parts)


def stale_html(result: Any) -> str:
    """The measure while an answer cannot be read: its title, 暂不能测算 and no sum. The last judgement's
    status, amount and reasons are of answers since changed, so none of them is shown."""
    return _heading(result, "not_in_force", QCoreApplication.translate("FormPage", "暂不能测算"), "—")


# --- the page --------------------------------------------------------------------------------------


class FormLabel(QLabel):
    """A field's label, wrapped onto more lines when long. QFormLayout asks a label's height for the
    whole width of the label column but draws it no wider than its size hint: a label whose hint is
    narrower wrapped onto two lines in the height of one, cut at the top and bottom (English, or another
    font). The height is asked for the width the label will have."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        return super().heightForWidth(min(width, self.sizeHint().width()))


class FormPage(QWizardPage):
    """One page of a measure's form: the clause it rests on, its fields, and the live amount."""

    edited = Signal(str)  # answer key
    committed = Signal(str)

    def __init__(self, page: Page, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setTitle(core_text(page.title))
        self.setObjectName(f"page_{page.id}")
        help_label = QLabel(help_text(page.help))
        help_label.setWordWrap(True)
        help_label.setStyleSheet(HINT_STYLE)
        help_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, FieldEditor] = {}
        self.shown: dict[str, bool] = {}
        for field in page.fields:
            editor = FieldEditor(field)
            key = answer_key(field)
            editor.setObjectName(key)
            editor.setToolTip(core_text(field.help))
            editor.changed.connect(lambda k=key: self._changed(k))
            editor.committed.connect(lambda k=key: self.committed.emit(k))
            # a buddy label reads & as a shortcut: R&D staff is written R&&D staff
            label = FormLabel(core_text(field.label).replace("&", "&&") + (" *" if field.required else ""))
            label.setBuddy(editor.editor)
            label.setToolTip(core_text(field.help))
            self.form.addRow(label, editor)
            self.editors[key] = editor
        # why 下一步 is greyed out when no field shows an error of its own: what is still to fill in
        self.needed_label = QLabel()
        self.needed_label.setObjectName("needed")
        self.needed_label.setWordWrap(True)
        self.needed_label.setStyleSheet(HINT_STYLE)
        self.needed_label.hide()
        self._missing: set[str] = set()
        self.result_label = QLabel()
        self.result_label.setObjectName("amount")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.RichText)
        self.result_label.setStyleSheet("background:#f6f8fa;padding:6px;border:1px solid #dadce0")
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.needed_label)
        layout.addWidget(self.result_label)

    def _changed(self, key: str) -> None:
        self.edited.emit(key)
        self.completeChanged.emit()
        self._show_needed()

    def empty_required(self) -> list[str]:
        """The labels of the required fields shown and left empty that the live result does not already
        name as 待补充 (a fresh page would list each twice)."""
        return [
            core_text(e.field.label)
            for e in self.visible_editors()
            if e.field.required and e.is_empty() and e.field.key not in self._missing
        ]

    def _show_needed(self) -> None:
        empty = self.empty_required()
        separator = QCoreApplication.translate("FormPage", "、")
        self.needed_label.setText(self.tr("请填写带 * 的项：") + separator.join(empty) if empty else "")
        self.needed_label.setVisible(bool(empty))

    def visible_editors(self) -> list[FieldEditor]:
        return [e for key, e in self.editors.items() if self.shown.get(key, True)]

    def set_visibility(self, values: dict[str, Any]) -> None:
        """Show each field whose `show_if` holds for the current answers."""
        for key, editor in self.editors.items():
            cond = editor.field.show_if
            visible = cond is None or cond.holds(values.get(cond.key))
            if self.shown.get(key, True) != visible:
                self.form.setRowVisible(editor, visible)
                self.shown[key] = visible
        self.completeChanged.emit()
        self._show_needed()

    def problems(self) -> list[str]:
        """Why the page cannot be left forward: bad input, what the core finds wrong with a field across
        its rows or with another (the same person listed twice), and required fields left empty."""
        out = []
        for editor in self.visible_editors():
            message = editor.error()
            if message:
                out.append(message)
            elif editor.field.required and editor.is_empty():
                out.append(self.tr("请填写：") + core_text(editor.field.label))
            elif editor.external_error:
                out.append(editor.external_error)
        return out

    def isComplete(self) -> bool:
        return not self.problems()

    def show_result(
        self, result: Any, field_errors: dict[str, str], general: list[str], *, judged: bool = True
    ) -> None:
        """`result` is the last judgement; `judged` is False while the answers cannot be judged (then it
        is only named, greyed, without its sum)."""
        for key, editor in self.editors.items():
            editor.set_external_error(field_errors.get(key))
        text = "" if result is None else result_html(result) if judged else stale_html(result)
        if general:
            text += "".join(f"<br><span style='{ERROR_STYLE}'>{escape(m)}</span>" for m in general)
        self.result_label.setText(text)
        self._missing = set(result.missing) if result is not None and judged else set()
        self._show_needed()
        self.completeChanged.emit()


__all__ = [
    "DetailTableModel",
    "FieldEditor",
    "FormPage",
    "answer_key",
    "amount_text",
    "result_html",
    "stale_html",
]
