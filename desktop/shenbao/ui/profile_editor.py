"""The profile editor: every field of the interchange profile, checked as you type, with undo.

What is typed is kept as text per field (so a half-typed amount is never lost); each field is the widget
of its kind (ui/field_widgets.py), whose text the core's registry of field kinds reads, checks and
converts to the interchange value exactly as a park table's cell is read. The fields and their groups are
the core's field tables (core.model): the editor adds none and groups none by itself. `document()` is the profile JSON with
the valid values only, which the preview judges on every edit. Each edit is a `SetFieldCommand` on a
`QUndoStack`; keystrokes in one field merge into one command until the field is left, and the stack's
clean state is "saved".
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextDocumentFragment, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shenbao.core import fieldkinds
from shenbao.core.model import (
    CONTRADICTION_PATHS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    FIELD_GROUPS,
    FORMAT,
    RECOGNITION_KINDS,
    FieldSpec,
    document_contradictions,
    latest_recognition,
)
from shenbao.core.provenance import RECOGNISED, TYPED, Provenance, derived, provenance_of, stamp
from shenbao.errors import KnownError
from shenbao.ui.app import core_text
from shenbao.ui.field_widgets import FieldWidget, held_text, read
from shenbao.ui.markup import escape
from shenbao.ui.style import (
    ERROR_COLOUR,
    NOTE_COLOUR,
    WARNING_COLOUR,
    sentence_text,
    set_text_colour,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from shenbao.ui.context import AppContext, OpChanges


@dataclass(frozen=True)
class Held:
    """A recognition as the editor holds it: whether its box is ticked and the date typed beside it."""

    held: bool = False
    date: str = ""


Entry = str | Held  # what the editor keeps per field: the text typed, or a recognition's box and date


def _held(recognitions: Any, path: str, value: dict[str, str] | None) -> list[Any]:
    """The profile's recognitions with the kind of the box `path` as the editor holds it (`value`: ticked
    with a valid date, else None): the kind's latest recognition dated as typed, or added when it had
    none; the kind's earlier ones and the other kinds' left as they are, in their places. Unticked, the
    kind is not held: none of it is left."""
    items = list(recognitions) if isinstance(recognitions, list) else []
    code = path.split(":", 1)[1]
    if value is None:
        return [r for r in items if not (isinstance(r, dict) and r.get("kind") == code)]
    at = latest_recognition(items, code)
    if at is None:
        return [*items, value]
    items[at] = {**items[at], **value}
    return items


def _interchange(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a profile document with its format and both sections as dicts of their own."""
    doc = copy.deepcopy(document)
    doc["format"] = FORMAT
    doc["enterprise"] = dict(doc.get("enterprise") or {})
    doc["facts"] = dict(doc["facts"]) if isinstance(doc.get("facts"), dict) else {}
    return doc


def _put(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set a field of an interchange document ("enterprise.x" or "facts.y"); None leaves it out."""
    section, key = path.split(".", 1)
    target = doc["enterprise" if section == "enterprise" else "facts"]
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


class _Fields(QWidget):
    """What the editor's scroll area holds: the groups of fields. Its first frame drawn, it calls `drawn`.
    (An event filter would be handed every event, and Qt for Python make each event's class for it.)"""

    def __init__(self, drawn: Callable[[], None]) -> None:
        super().__init__()
        self._drawn: Callable[[], None] | None = drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._drawn is not None:
            drawn, self._drawn = self._drawn, None
            drawn()


class SetFieldCommand(QUndoCommand):
    """One edit of one field; the editor folds keystrokes within one visit to a field into one."""

    def __init__(self, editor: ProfileEditor, path: str, old: Entry, new: Entry, session: int | None) -> None:
        super().__init__(
            QCoreApplication.translate("ProfileEditor", "修改“{label}”").format(label=editor.label(path))
        )
        self.editor, self.path, self.old, self.new, self.session = editor, path, old, new, session

    def redo(self) -> None:
        self.editor.apply_text(self.path, self.new)

    def undo(self) -> None:
        self.editor.apply_text(self.path, self.old)


class _UndoKeysToEditor(QObject):
    """Undo and redo keys pressed in a field's line with nothing of its own to undo or redo go to the
    editor's history (编辑 → 撤销, 重做): a line takes them even then, so Ctrl+Z in the field moved to
    after typing in another did nothing. A line typed in still undoes its own typing first."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            keys, key = QKeySequence.StandardKey, event  # a QKeyEvent, not named: its class is built late
            if (key.matches(keys.Undo) and not watched.isUndoAvailable()) or (  # type: ignore[attr-defined]
                key.matches(keys.Redo) and not watched.isRedoAvailable()  # type: ignore[attr-defined]
            ):
                return True  # not taken by the line: the window's shortcut has it
        return False


class ProfileEditor(QWidget):
    """Edits one profile document. `document_changed` carries the valid document after every change."""

    document_changed = Signal(dict)
    list_requested = Signal(str)  # the path of a detail list the user asked to edit ("facts.core_engineers")

    def __init__(self, parent: QWidget | None = None, *, context: AppContext | None = None) -> None:
        """With `context`, the editor follows the store: when an operation saves the enterprise shown
        here, the editor takes the stored profile as its base and keeps what is being typed."""
        super().__init__(parent)
        self.ctx = context
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._settle_clean)
        self._undo_keys = _UndoKeysToEditor(self)
        self._focus_followed = False
        self._base: dict[str, Any] = {}
        self._texts: dict[str, Entry] = {}
        self._saved_texts: dict[str, Entry] = {}  # each field's entry as loaded or last saved
        self._values: dict[str, tuple[Any, str | None]] = {}
        self._kinds: dict[str, str] = {}
        self._names: dict[str, str] = {}  # each field's label, as its widget's accessible name says it
        self._group_of: dict[str, int] = {}  # each field's group, an index into _pending
        # Each group box's rows, made at construction for the groups a screen can show at once and for
        # the rest right after the editor's first frame (or when something asks for one of their
        # widgets): (the group's box, the function that fills it), None once made, in order.
        self._pending: list[tuple[QGroupBox, Callable[[], None]] | None] = []
        self._tab_last: QWidget | None = None  # the last field made, which the next group's follow
        self._fields: dict[str, FieldWidget] = {}  # the widgets of the fields built so far
        self._checks: dict[str, QCheckBox] = {}  # each recognition's box
        self._cells: dict[str, QVBoxLayout] = {}  # each field's column: the field, then the lines below
        self._dates: dict[str, QLineEdit] = {}
        # The lines under a field, by (path, "message" | "warning" | "source"), in the order first said:
        # what is wrong, what contradicts another field, where its value came from (text, shown). The
        # labels saying them are made for a built field when first needed (a hidden label for each of the
        # hundred fields and boxes cost the start).
        self._lines: dict[tuple[str, str], tuple[str, bool]] = {}
        self._line_labels: dict[tuple[str, str], QLabel] = {}
        self._derived: dict[str, Provenance] = {}  # facts a detail list stands for, shown read-only
        self.recognised: dict[str, tuple[str, Provenance]] = {}  # filled from a licence photo, unsaved
        self._session = 0
        self._loading = False
        self._last: SetFieldCommand | None = None
        self._last_count = 0

        body = self._body = _Fields(self._first_frame)
        # grown by the groups made after the first frame, it draws only what is new, not again what it
        # showed (it draws nothing itself; what it holds is laid out from its top)
        body.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        column = self._column = QVBoxLayout(body)
        from shenbao.ui.licence_import import LicenceImport

        self.licence = LicenceImport(self)
        column.addWidget(self.licence.row)
        boxes = []
        for group, specs in self._groups():
            box = QGroupBox(core_text(FIELD_GROUPS[group]))
            box.setObjectName(f"group:{group}")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            # a label too long to leave its field room (English ones are) goes above the field
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            fields = {spec.path: (spec.kind, core_text(spec.label)) for spec in specs}
            self._plan(box, partial(self._add_fields, form, specs), fields)
            column.addWidget(box)
            boxes.append(box)
            if group == "basic":
                box = QGroupBox(self.tr("认定情况（已获得的请勾选并填写认定日期）"))
                fields = {
                    f"recognition:{k}": ("recognition", core_text(n)) for k, n in RECOGNITION_KINDS.items()
                }
                self._plan(box, partial(self._recognition_rows, QFormLayout(box)), fields)
                column.addWidget(box)
                boxes.append(box)
        column.addStretch(1)
        # the groups that can be on the screen in the first frame: the rest are built after it
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() if screen is not None else 0
        height = 0
        for i, box in enumerate(boxes):
            if i and height >= room:
                break
            self._build(i)
            height += box.sizeHint().height()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.load(None)
        if context is not None:
            context.changed.connect(self._stored_changed)

    def _stored_changed(self, changes: OpChanges) -> None:
        """Its enterprise written by an operation (a wizard, an import): the stored profile becomes the
        base, what is being typed stays. Asked once per operation (an import reports 100,000 codes)."""
        store = self.ctx.store if self.ctx is not None else None
        uscc = self.loaded_uscc()
        if store is None or uscc is None or uscc not in changes.saved:
            return
        try:
            document = store.get_profile(uscc)
        except KnownError:  # gone or unreadable meanwhile: the save will say so
            return
        self.rebase(document)

    # --- building ---------------------------------------------------------------------------------

    def _groups(self) -> list[tuple[str, list[FieldSpec]]]:
        """The model's groups in order, each with its fields in the model's order."""
        specs = [*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values()]
        return [(group, [spec for spec in specs if spec.group == group]) for group in FIELD_GROUPS]

    def _plan(self, box: QGroupBox, fill: Callable[[], None], fields: dict[str, tuple[str, str]]) -> None:
        """A group of `fields` (path: its kind and label) in `box`, whose rows `fill` makes."""
        self._pending.append((box, fill))
        for path, (kind, name) in fields.items():
            self._kinds[path], self._names[path] = kind, name
            self._group_of[path] = len(self._pending) - 1

    def _build(self, index: int) -> None:
        """Make the rows of the group `index`, and of every group before it not made yet (so that the
        fields are made in the form's order), and show in them what the editor holds."""
        if all(pending is None for pending in self._pending[: index + 1]):
            return
        # Shown, the groups are laid out once, in the height they need: each box shown would lay out all
        # of them in the height the editor had, and every field on the screen be moved and drawn again.
        self._column.setEnabled(False)
        for i in range(index + 1):
            pending = self._pending[i]
            if pending is None:
                continue
            self._pending[i] = None
            box, fill = pending
            # made in a box on the screen, each row would be shown on a later turn, and a frame between
            # would draw them squeezed into the height of the empty box: hidden, the box shows them all
            shown = box.isVisible()
            if shown:
                box.hide()
            fill()
            made: list[QWidget] = []
            for path in [p for p, g in self._group_of.items() if g == i]:
                if path in self._texts:  # not on the first load, which fills it
                    self._fill(path)
                made += (
                    [self._checks[path], self._dates[path]] if path in self._checks else [self.widget(path)]
                )
            if shown:
                box.show()
            # made after the fields before them, they go next in the tab order, not after the window's
            # last widget (the preview) as a widget made later would
            if self._tab_last is not None and self._texts:
                for before, after in zip([self._tab_last, *made], made, strict=False):
                    QWidget.setTabOrder(before, after)
            self._tab_last = made[-1]
        self._column.setEnabled(True)
        if self.isVisible():  # the scroll area sizes what it holds to what it now needs
            self.scroll_area.setWidgetResizable(True)

    def _fill(self, path: str) -> None:
        """A field just made shows what the editor holds: its text (or the value its detail list stands
        for, read-only), and the lines said under it."""
        entry = self._texts[path]
        if isinstance(entry, Held):
            self._checks[path].setChecked(entry.held)
            self._dates[path].setText(entry.date)
        else:
            made = self._derived.get(path)
            field = self._fields[path]
            field.set_read_only(made is not None)
            if made is not None:
                field.set_value(made.value)
            else:
                field.set_text(entry)
        for (where, role), (text, shown) in self._lines.items():
            if where == path:
                label = self._line_label(path, role)
                label.setText(text)
                label.setVisible(shown)

    def build_all(self) -> None:
        """Make every group's rows now; they are otherwise made right after the editor's first frame, or
        when a field of theirs is asked for."""
        self._build(len(self._pending) - 1)

    def _first_frame(self) -> None:
        """The fields' first frame drawn: the groups not made yet are made on the next turn of the event
        loop, all at once (a group a turn drew the editor once a group). A zero timer started on show
        would run before that frame, which Qt draws when the window is exposed or at low priority."""
        if self._pending[-1] is not None:
            QTimer.singleShot(0, self, self.build_all)
        # from now on the line with the focus lets the undo keys through when it has nothing to undo
        # (a filter on that one line: on every line, each event the fields get would pass through
        # Python, and the first frame make the event classes it never needs)
        app = QApplication.instance()
        if not self._focus_followed and isinstance(app, QApplication):
            self._focus_followed = True
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QLineEdit):
            old.removeEventFilter(self._undo_keys)
        if isinstance(new, QLineEdit) and self.isAncestorOf(new):
            new.installEventFilter(self._undo_keys)

    def _add_fields(self, form: QFormLayout, specs: list[FieldSpec]) -> None:
        for spec in specs:
            self._add_field(form, spec)

    def _add_field(self, form: QFormLayout, spec: FieldSpec) -> None:
        path = spec.path
        label = QLabel(core_text(spec.label).replace("&", "&&"))  # a buddy label reads & as a shortcut
        help_text = core_text(spec.help) if spec.help else ""
        field = FieldWidget(spec.kind, placeholder=help_text or None)
        field.setObjectName(f"{path}:field")
        field.edited.connect(lambda text, p=path, f=field: self._edited(p, text, typing=f.line is not None))
        field.finished.connect(self._end_session)
        widget = field.editor
        widget.setObjectName(path)
        widget.setAccessibleName(core_text(spec.label))
        widget.setToolTip(help_text)
        label.setBuddy(widget)
        cell = QVBoxLayout()
        cell.setSpacing(2)
        cell.addWidget(field)
        form.addRow(label, cell)
        self._fields[path], self._cells[path] = field, cell

    def _say(self, path: str, role: str, text: str, shown: bool) -> None:
        """Say `text` under a field (`role`: "message", "warning" or "source"), or hide it; its label is
        made when its field is."""
        self._lines[(path, role)] = (text, shown)
        if path in self._cells:
            label = self._line_label(path, role)
            label.setText(text)
            label.setVisible(shown)

    def _said(self, path: str, role: str) -> str:
        """What is said under a field in the line of `role`, empty when nothing is shown."""
        text, shown = self._lines.get((path, role), ("", False))
        return text if shown else ""

    def _line_label(self, path: str, role: str) -> QLabel:
        """The label of a line under a built field, made the first time it is needed: what is wrong and
        what contradicts another field go right under the field, where its value came from last."""
        label = self._line_labels.get((path, role))
        if label is not None:
            return label
        label = self._line_labels[(path, role)] = QLabel()
        label.setObjectName(f"{path}:{role}")
        if role == "source":
            set_text_colour(label, NOTE_COLOUR)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.linkActivated.connect(self.list_requested.emit)
            label.hide()
            self._cells[path].addWidget(label)
            return label
        set_text_colour(label, ERROR_COLOUR if role == "message" else WARNING_COLOUR)
        label.setWordWrap(role == "warning" or path not in self._checks)
        if role == "message":
            label.hide()
        self._cells[path].insertWidget(1, label)
        return label

    def _recognition_rows(self, form: QFormLayout) -> None:
        for kind, name in RECOGNITION_KINDS.items():
            path = f"recognition:{kind}"
            check = QCheckBox(core_text(name).replace("&", "&&"))
            check.setObjectName(path)
            check.setAccessibleName(core_text(name))  # the field's label: 撤销 修改“…” names it
            date = QLineEdit()
            date.setObjectName(f"{path}:date")
            date.setPlaceholderText(self.tr("认定日期 YYYY-MM-DD"))
            date.setAccessibleName(core_text(name) + self.tr("认定日期"))
            check.clicked.connect(
                lambda on, p=path, d=date: self._edited(p, Held(on, d.text()), typing=False)
            )
            date.textEdited.connect(lambda text, p=path: self._edited(p, Held(True, text), typing=True))
            date.editingFinished.connect(self._end_session)
            cell = QVBoxLayout()
            cell.addWidget(date)
            form.addRow(check, cell)
            self._checks[path], self._cells[path], self._dates[path] = check, cell, date

    # --- loading and reading ----------------------------------------------------------------------

    # A licence photo dragged onto the editor is read (LicenceImport.take_drag); anything else is not taken.
    def dragEnterEvent(self, event: Any) -> None:
        if not self.licence.take_drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        if not self.licence.take_drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event: Any) -> None:
        if not self.licence.take_drag(event, drop=True):
            super().dropEvent(event)

    def load(self, document: dict[str, Any] | None) -> None:
        """Show a profile (None: a new, empty one) with a fresh undo history, clean."""
        self._loading = True
        self.recognised = {}
        self._base = (
            copy.deepcopy(document) if document else {"enterprise": {"org_type": "enterprise"}, "facts": {}}
        )
        for path, text in self._stored_texts(self._base).items():
            self.apply_text(path, text, announce=False)
        self._saved_texts = dict(self._texts)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._last = None
        self._loading = False
        self._show_sources()
        self._show_contradictions()
        self.document_changed.emit(self.document())

    def _stored_texts(self, document: dict[str, Any]) -> dict[str, Entry]:
        """Each field's text for a stored document, as `load` would show it."""
        ent: dict[str, Any] = document["enterprise"] if isinstance(document.get("enterprise"), dict) else {}
        facts: dict[str, Any] = document["facts"] if isinstance(document.get("facts"), dict) else {}
        held: dict[str, str] = {}
        given = ent.get("recognitions")
        listed: list[Any] = given if isinstance(given, list) else []
        for kind in RECOGNITION_KINDS:
            at = latest_recognition(listed, kind)  # the latest of a kind recognised twice, as printed
            if at is not None:
                held[kind] = str(listed[at].get("date") or "")
        texts: dict[str, Entry] = {}
        for path, kind in self._kinds.items():
            if kind == "recognition":
                code = path.split(":", 1)[1]
                texts[path] = Held(code in held, held.get(code, ""))
                continue
            section, key = path.split(".", 1)
            value = (ent if section == "enterprise" else facts).get(key)
            if kind == "org_type" and value is None:
                value = "enterprise"  # what the core reads an absent type as
            texts[path] = fieldkinds.format_value(kind, value)
        return texts

    def field_paths(self) -> list[str]:
        """Every field the editor shows ("enterprise.name", "facts.x", "recognition:kind")."""
        return list(self._kinds)

    def edited_paths(self) -> list[str]:
        """The fields whose text differs from what was loaded or last saved."""
        return [p for p, entry in self._texts.items() if entry != self._saved_texts.get(p)]

    def rebase(self, document: dict[str, Any]) -> None:
        """The stored profile changed underneath (a wizard, an import): take it as the base. Fields the
        user has not edited show the stored values; fields being edited keep what was typed; the detail
        lists and everything the editor does not show come from the store."""
        edited = set(self.edited_paths())
        texts = self._stored_texts(document)
        self._base = copy.deepcopy(document)
        self._loading = True
        try:
            for path, text in texts.items():
                if path not in edited and self._texts.get(path) != text:
                    self.apply_text(path, text, announce=False)
                    self._carry_history(path, text)
        finally:
            self._loading = False
        self._saved_texts = texts
        self._show_sources()
        self._show_contradictions()
        self.document_changed.emit(self.document())

    def _carry_history(self, path: str, text: Entry) -> None:
        """A field's stored value changed underneath to `text`: the last edit of it the history has
        applied now ends at `text`, and the next one to redo starts from it. Undo then still takes the
        field back to what it was before the user's edit, and redo brings back what is stored (not the
        value the store replaced), so the clean state still means what is shown is what is saved."""
        stack = self.undo_stack
        for i in range(stack.index() - 1, -1, -1):
            done = stack.command(i)
            if isinstance(done, SetFieldCommand) and done.path == path:
                done.new = text
                break
        for i in range(stack.index(), stack.count()):
            undone = stack.command(i)
            if isinstance(undone, SetFieldCommand) and undone.path == path:
                undone.old = text
                break

    def document_over(self, stored: dict[str, Any]) -> dict[str, Any]:
        """`stored` with only the fields edited here written over it: what a save writes, so a save
        never puts back a value it did not change over a newer one in the store."""
        doc = _interchange(stored)
        for path in self.edited_paths():
            value, message = self._values[path]
            if self._kinds[path] == "recognition":
                ent = doc["enterprise"]
                ent["recognitions"] = _held(ent.get("recognitions"), path, value if message is None else None)
            else:
                _put(doc, path, value if message is None else None)
        return doc

    def mark_saved(self, document: dict[str, Any]) -> None:
        """The document was saved as it is now: it becomes the base, and the history stays undoable."""
        edited = {p: self._texts[p] for p in self.edited_paths()}
        self.recognised = {}
        self.rebase(document)
        self._saved_texts.update(edited)
        self.undo_stack.setClean()
        self._show_sources()

    def label(self, path: str) -> str:
        """A field's label, as its widget's accessible name says it (the path of an unknown field)."""
        return self._names.get(path, path)

    def widget(self, path: str) -> QWidget:
        """The line, list or box the user edits a field with (made now if its group is not yet)."""
        if path not in self._cells:
            self._build(self._group_of[path])
        return self._checks[path] if path in self._checks else self._fields[path].editor

    def text(self, path: str) -> str:
        """What a field's line holds (a recognition's date)."""
        entry = self._texts.get(path, "")
        return entry.date if isinstance(entry, Held) else entry

    def message(self, path: str) -> str | None:
        return self._values.get(path, (None, None))[1]

    def is_clean(self) -> bool:
        return self.undo_stack.isClean()

    def errors(self) -> list[tuple[str, str, str]]:
        """Every field whose text is invalid: (path, label, message)."""
        return [(p, self.label(p), v[1]) for p, v in self._values.items() if v[1] is not None]

    def loaded_uscc(self) -> str | None:
        ent = self._base.get("enterprise")
        code = ent.get("uscc") if isinstance(ent, dict) else None
        return code if isinstance(code, str) and code else None

    def document(self) -> dict[str, Any]:
        """The interchange profile: the loaded document (unknown keys and detail lists kept) with every
        valid field as edited; empty or invalid fields are left out."""
        doc = _interchange(self._base)
        ent = doc["enterprise"]
        recognitions = ent.get("recognitions")
        for path, (value, message) in self._values.items():
            if self._kinds[path] != "recognition":
                _put(doc, path, value if message is None else None)
            else:
                recognitions = _held(recognitions, path, value)
        ent["recognitions"] = recognitions if isinstance(recognitions, list) else []
        return doc

    # --- editing ----------------------------------------------------------------------------------

    def _edited(self, path: str, text: Entry, *, typing: bool) -> None:
        old = self._texts.get(path, "")
        if text == old or self._loading:
            return
        last = self._last
        stack = self.undo_stack
        if (
            typing
            and last is not None
            and (last.path, last.session) == (path, self._session)
            and stack.index() == stack.count() == self._last_count
            and stack.cleanIndex() != stack.index()
        ):
            # Merged here rather than through QUndoCommand.mergeWith: PySide 6 drops a reference to the
            # bool a Python mergeWith returns, and enough keystrokes free `True` itself.
            last.new = text
            self.apply_text(path, text)
            if text == last.old:  # typed back to what it was: no edit at all (undone, not kept)
                last.setObsolete(True)
                stack.undo()
                self._last = None
            self._settle_clean()
            return
        self._last = SetFieldCommand(self, path, old, text, self._session if typing else None)
        stack.push(self._last)
        self._last_count = stack.count()

    def _settle_clean(self) -> None:
        """Every field back to what is stored (typed back, undone or redone to it): nothing to save,
        whichever edits led there, so the history's clean state moves here."""
        stack = self.undo_stack
        if not stack.isClean() and not self._loading and not self.recognised and not self.edited_paths():
            stack.setClean()

    def _end_session(self) -> None:
        self._session += 1

    def set_text(self, path: str, text: str) -> None:
        """Change a field as the user would (an undoable command); for actions and tests."""
        self._end_session()
        self._edited(path, text, typing=False)

    def apply_text(self, path: str, text: Entry, *, announce: bool = True) -> None:
        """Put `text` (a recognition's Held) into the field and its widget, check it, tell the preview."""
        self._texts[path] = text
        if path not in self._cells:  # its group is not made yet: made, it shows what is held
            pass
        elif isinstance(text, Held):
            self._checks[path].setChecked(text.held)
            date = self._dates[path]
            if date.text() != text.date and (text.held or self._loading):
                date.setText(text.date)
        elif path not in self._derived:
            self._fields[path].set_text(text)
        self._values[path] = self._convert(path, text)
        self._show_check(path)
        if path in CONTRADICTION_PATHS and not self._loading:
            self._show_contradictions()
        if announce and not self._loading:
            self.document_changed.emit(self.document())

    def _convert(self, path: str, text: Entry) -> tuple[Any, str | None]:
        if not isinstance(text, Held):  # read as its widget reads what it holds
            kind = self._kinds[path]
            return read(kind, held_text(kind, text))
        if not text.held:
            return None, None
        date, message = read("date", text.date)  # read as the wizard's and a table's dates are
        if date is None:
            problem = message or core_text(fieldkinds.MESSAGES["date"])
            return None, self.tr("认定日期{problem}").format(problem=problem)
        return {"kind": path.split(":", 1)[1], "date": date}, None

    def _show_check(self, path: str) -> None:
        message = self._values[path][1]
        if message is None and (path, "message") not in self._lines:
            return
        self._say(path, "message", message or "", message is not None)

    def _show_contradictions(self) -> None:
        """Under the first field of each pair that contradicts itself (福州市 in 浙江省, more compute sold
        than owned), what is wrong, in the warning colour: said, not refused, and the save goes ahead."""
        doc: dict[str, Any] = {"enterprise": {}, "facts": {}}
        for path in CONTRADICTION_PATHS:
            value, message = self._values.get(path, (None, None))
            if message is None:
                _put(doc, path, value)
        found: dict[str, list[str]] = {}
        for c in document_contradictions(doc):
            under = next((p for p in c.paths if p in self._kinds), None)
            if under is not None:
                found.setdefault(under, []).append(sentence_text(None, c.message))
        warned = [p for p, role in self._lines if role == "warning"]
        for path in set(found) | set(warned):
            self._say(path, "warning", "\n".join(found.get(path, ())), path in found)

    def warning(self, path: str) -> str:
        """The contradiction said under a field, empty when none is."""
        return self._said(path, "warning")

    # --- where each value came from ---------------------------------------------------------------

    def _show_sources(self) -> None:
        """Under each field, where its stored value came from; a fact a detail list stands for shows the
        list's total, read-only, with a link to edit the list."""
        before = self._derived
        self._derived = derived(self._base)
        recorded = provenance_of(self._base)
        recorded.update({p: s for p, (text, s) in self.recognised.items() if self.text(p) == text})
        for path, kind in self._kinds.items():
            if kind == "recognition":
                continue
            made = self._derived.get(path)
            field = self._fields.get(path)
            if field is not None:
                field.set_read_only(made is not None)
                if made is not None:
                    field.set_value(made.value)
                elif path in before:
                    field.set_text(self.text(path))
            shown = made is not None or (path in recorded and bool(self.text(path)))
            if not shown and (path, "source") not in self._lines:
                continue
            text = self._lines.get((path, "source"), ("", False))[0]
            if made is not None:
                said, link = self._list_words(made.detail, made.rows)
                text = escape(said) + f" · <a href='facts.{made.detail}'>{escape(link)}</a>"
            elif path in recorded and self.text(path):
                text = escape(self._recorded_text(recorded[path]))
            self._say(path, "source", text, shown)

    def _list_words(self, detail: str, rows: int) -> tuple[str, str]:
        """How a derived value made from `rows` rows is explained and how its list's link reads."""
        words = {
            "compute_invoices": (self.tr("由 %n 张发票计得", "", rows), self.tr("编辑发票明细")),
            "core_engineers": (self.tr("由 %n 名工程师的名册计得", "", rows), self.tr("编辑工程师名册")),
            "ai_products": (self.tr("由 %n 项产品计得", "", rows), self.tr("编辑产品清单")),
            "platform_investment_items": (self.tr("由 %n 项投入明细计得", "", rows), self.tr("编辑投入明细")),
        }
        return words.get(detail, (self.tr("由 %n 行明细计得", "", rows), self.tr("编辑明细")))

    def _recorded_text(self, where: Provenance) -> str:
        if where.source == "imported":
            return self.tr("导入自 {file}（{date}）").format(file=where.file, date=where.date)
        if where.source == RECOGNISED:
            date = where.date or self.tr("保存后记录")
            return self.tr("识别自营业执照 {file}（{date}）").format(file=where.file, date=date)
        return self.tr("手工填写（{date}）").format(date=where.date)

    def fill_recognised(self, values: dict[str, str], source: Provenance) -> None:
        """Values the user confirmed from a document (a licence photo): edits like typed ones, undoable
        and unsaved, each marked with `source` until saved."""
        for path, text in values.items():
            self.set_text(path, text)
            self.recognised[path] = (text, source)
        self._end_session()
        self._show_sources()

    def source_text(self, path: str) -> str:
        """The provenance line under a field as shown (plain text), empty when none is shown."""
        said = self._said(path, "source")
        return QTextDocumentFragment.fromHtml(said).toPlainText() if said else ""

    def show_errors(self, errors: list[Any]) -> None:
        """Show errors the core found on save (ProfileError objects with `.field` and `.message`)."""
        for err in errors:
            path = getattr(err, "field", "")
            if path in self._kinds:
                self._say(path, "message", sentence_text(None, err.message), True)

    def focus_field(self, path: str) -> bool:
        if path not in self._kinds:
            return False
        widget = self.widget(path)
        self.scroll_area.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def save_profile(
    parent: QWidget, context: AppContext, editor: ProfileEditor, current: str | None
) -> str | None:
    """Check and save what the editor holds; the code saved, or None after saying why not.

    Saving the stored enterprise `current` writes only the fields edited here over the profile as it is
    stored now, so nothing another view saved meanwhile (a wizard's list, an import) is written back
    over. A changed code saves a new enterprise, after asking; the old one stays."""
    from PySide6.QtWidgets import QMessageBox

    from shenbao.core.model import ProfileErrors
    from shenbao.ui.context import OpChanges
    from shenbao.ui.workers import show_error

    store = context.store
    if store is None:
        return None
    problems = editor.errors()
    if problems:
        line = QCoreApplication.translate("MainWindow", "· {label}：{message}")
        lines = "\n".join(line.format(label=label, message=message) for _p, label, message in problems)
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("MainWindow", "无法保存"),
            QCoreApplication.translate("MainWindow", "以下内容需要改正：") + "\n" + lines,
        )
        editor.focus_field(problems[0][0])
        return None
    document = editor.document()
    code = str(document["enterprise"].get("uscc") or "").upper()
    buttons = QMessageBox.StandardButton
    if (
        current
        and code
        and code != current
        and QMessageBox.question(
            parent,
            QCoreApplication.translate("MainWindow", "统一社会信用代码已修改"),
            QCoreApplication.translate(
                "MainWindow", "代码已由 {old} 改为 {new}。另存为一家新企业吗？原企业仍保留。"
            ).format(old=current, new=code),
            buttons.Yes | buttons.No,
            buttons.No,
        )
        != buttons.Yes
    ):
        return None
    replace = bool(current) and code == current
    again = replace and not store.has_enterprise(code)
    if again:
        # removed meanwhile (`shenbao profiles rm`, another window): saving over it was refused and what
        # was typed could only be thrown away; the profile as shown is saved again, after asking
        if (
            QMessageBox.question(
                parent,
                QCoreApplication.translate("MainWindow", "企业已被删除"),
                QCoreApplication.translate(
                    "MainWindow",
                    "「{name}」（{code}）已不在数据中，可能已在别处删除。把编辑器中的内容保存为这家企业吗？"
                    "选「否」则继续编辑，内容仍在。",
                ).format(name=editor.text("enterprise.name") or code, code=code),
                buttons.Yes | buttons.No,
                buttons.Yes,
            )
            != buttons.Yes
        ):
            return None
        replace = False
    if not replace and store.has_enterprise(code):  # said here in the interface's words, not the store's
        from shenbao.ui.operations import stored_name

        QMessageBox.warning(
            parent,
            QCoreApplication.translate("MainWindow", "无法保存"),
            QCoreApplication.translate(
                "MainWindow",
                "统一社会信用代码 {code} 已是「{name}」的代码。要修改该企业，请在列表中选中它；"
                "要新建一家，请改正代码。",
            ).format(code=code, name=stored_name(store, code)),
        )
        editor.focus_field("enterprise.uscc")
        return None
    try:
        if replace:
            document = editor.document_over(store.get_profile(code))
        typed = (
            editor.edited_paths() if replace or again else [p for p in editor.field_paths() if editor.text(p)]
        )
        day = context.today().isoformat()
        document = stamp(document, [p for p in typed if "." in p], TYPED, date=day)
        from shenbao.ui.licence_import import recognised_to_stamp

        for path, src in recognised_to_stamp(editor, typed).items():
            document = stamp(document, [path], RECOGNISED, date=day, file=src.file, sha256=src.sha256)
        store.save_profile(document, replace=replace)
    except ProfileErrors as err:
        editor.show_errors(err.errors)
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("MainWindow", "无法保存"),
            "\n".join(f"· {sentence_text(None, e.message)}" for e in err.errors),
        )
        editor.focus_field(err.errors[0].field)
        return None
    except KnownError as err:
        show_error(parent, err)
        return None
    editor.mark_saved(store.get_profile(code))
    context.report(OpChanges.of([code]))
    return code
