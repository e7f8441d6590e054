"""One widget per field kind, keyed on the core's registry (core.fieldkinds): the profile editor and the
wizard's pages show, read and check a value of a kind the same way, and accept exactly what a park table
accepts.

A kind with choices (是/否, 单位类型, 证件类型), or a field a form gives choices of its own, is a list whose
first item 「未填」 means not known; every other kind is a line with the kind's placeholder, read by
`fieldkinds.parse`. An amount shows 「＝ 25 万元」 beside it. The widget holds text: the line's text, or the
chosen item written as the registry writes its value (是, 企业, 1), so an editor can keep what is typed,
undo it, and read it back with `read`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from shenbao.core import fieldkinds
from shenbao.core.fieldkinds import FieldValueError
from shenbao.core.money import cents
from shenbao.ui.app import core_text
from shenbao.ui.style import NOTE_COLOUR, amount_text, format_wan, problem_text, set_text_colour, ui_language

HINT_STYLE = "color:#5f6368"
WIDEST_SUM = "-99,999,999.99"  # the widest sum a money field shows whole


def read(kind: str, text: str) -> tuple[Any, str | None]:
    """What `text` says as a value of `kind`: (the interchange value, None when blank; the Chinese
    message, translated, or None when the text is good)."""
    try:
        return fieldkinds.parse(kind, text), None
    except FieldValueError as err:
        return None, problem_text(err.message)


def held_text(kind: str, text: str) -> str:
    """What a `FieldWidget(kind)` holds after `set_text(text)`, without making one: a list holds one of
    its items' values (the registry's choices, "" for 未填), a line the text itself."""
    choices = fieldkinds.kind(kind).choices
    if not choices or text == "":
        return text
    return text if text in {fieldkinds.format_value(kind, value) for value in choices} else ""


class FieldWidget(QWidget):
    """The editor of one value of a kind. `edited(text)` when the user types or chooses, `finished` when
    the user leaves the line or has chosen; `set_text` changes it without either."""

    edited = Signal(str)
    finished = Signal()

    def __init__(
        self,
        kind: str,
        *,
        choices: Sequence[tuple[Any, str]] = (),
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        registry = fieldkinds.kind(kind)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.line: QLineEdit | None = None
        self.combo: QComboBox | None = None
        self.editor: QLineEdit | QComboBox
        listed = [(value, core_text(name)) for value, name in choices] or [
            (value, core_text(name)) for value, name in (registry.choices or {}).items()
        ]
        if listed:
            self.combo = self.editor = QComboBox()
            self.combo.addItem(self.tr("未填"), "")
            for value, name in listed:
                self.combo.addItem(name, fieldkinds.format_value(kind, value))
            self.combo.activated.connect(self._chosen)
        else:
            self.line = self.editor = QLineEdit()
            self.line.setClearButtonEnabled(True)
            self.line.setPlaceholderText(placeholder or core_text(registry.placeholder))
            self.line.textEdited.connect(self._typed)
            self.line.editingFinished.connect(self.finished)
            if kind in ("money", "signed_money"):  # a sum in the tens of millions stays whole; a form
                # short of room puts the label above rather than squeeze the field
                self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance(WIDEST_SUM) + 40)
        row.addWidget(self.editor, 1)
        self._row = row
        self._hint: QLabel | None = None
        self.setFocusProxy(self.editor)

    @property
    def hint(self) -> QLabel:
        """The 「＝ 25 万元」 beside an amount, made when first asked for: most fields never show one, and
        a label per field cost the editor's start."""
        if self._hint is None:
            self._hint = QLabel()
            set_text_colour(self._hint, NOTE_COLOUR)  # no style sheet: one per field would cost the start
            self._hint.hide()
            self._row.addWidget(self._hint)
        return self._hint

    def text(self) -> str:
        """What the line holds, or the chosen item's value as the registry writes it ("" for 未填)."""
        if self.combo is not None:
            return str(self.combo.currentData() or "")
        assert self.line is not None
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Show `text` (a line's text, or the value an item stands for) without signalling an edit."""
        if self.combo is not None:
            self.combo.setCurrentIndex(max(self.combo.findData(text), 0))
        elif self.line is not None and self.line.text() != text:
            self.line.setText(text)
            if not self.line.hasFocus():  # a value longer than the field is read from its start
                self.line.setCursorPosition(0)
        self.show_hint(self.read()[0])

    def set_value(self, value: Any) -> None:
        """Show an interchange value as the registry writes it (a ratio 0.35 as 35%)."""
        self.set_text(fieldkinds.format_value(self.kind, value))

    def read(self) -> tuple[Any, str | None]:
        """(the value, the message): see `read`."""
        return read(self.kind, self.text())

    def set_read_only(self, read_only: bool) -> None:
        if self.line is not None:
            if self.line.isReadOnly() != read_only:  # the clear button is remade each time it is enabled
                self.line.setReadOnly(read_only)
                self.line.setClearButtonEnabled(not read_only)
        else:
            self.editor.setEnabled(not read_only)

    def show_hint(self, value: Any) -> None:
        """Beside an amount, what it is in 万元 (in English, in thousands or millions of yuan; nothing for
        another kind or no amount). An amount under one yuan has no whole yuan for its 万元 to show, as a
        printed form says it: no hint, never 「＝ 0 万元」."""
        hint = ""
        if self.kind in ("money", "signed_money") and value is not None:
            if ui_language() == "en":
                hint = "= " + amount_text(Decimal(str(value)))
            elif abs(cents(Decimal(str(value)))) >= 1:
                hint = self.tr("＝ {wan} 万元").format(wan=format_wan(Decimal(str(value))))
        if not hint and self._hint is None:
            return
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _typed(self, text: str) -> None:
        self.show_hint(self.read()[0])
        self.edited.emit(text)

    def _chosen(self, _index: int) -> None:
        self.edited.emit(self.text())
        self.finished.emit()
