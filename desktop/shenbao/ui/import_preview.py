"""The preview of an import, before anything is written: the enterprises it adds, the ones it updates
with what changes in each (field by field, and that nothing is removed), the ones left as they are, and
the table rows it cannot import with every error, the facts of a row that contradict each other
(imported all the same, to be checked), and the declarations of a bundle it does not take, with why
(the one stored here changed after it; its payments are ones the register refuses). The user chooses what happens to enterprises already
stored, imports the good rows on their word, and may save the rejected rows, with their errors, to a
table they can fix and import again. Everything shown is the core's plan (`core.store.imports`); the
dialog decides nothing.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shenbao.errors import KnownError
from shenbao.ui.app import core_text
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.style import sentence_text
from shenbao.ui.workers import show_error


def _text_view(lines: list[str], name: str) -> QPlainTextEdit:
    """A read-only list the user can scroll, select and copy."""
    view = QPlainTextEdit("\n".join(lines))
    view.setObjectName(name)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    view.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return view


class ImportPreview(QDialog):
    """Shows `plan` (core.store.imports.ImportPlan); accepted, `on_conflict` says what to do with the
    enterprises already stored ("keep" or "replace") and `skip_bad_rows` whether rows were rejected."""

    def __init__(self, plan: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_preview")
        self.setWindowTitle(self.tr("导入预览"))
        fit_to_screen(self, 860, 560)
        self.plan = plan
        self._core_texts: dict[str, str] = {}
        counts = plan.counts()
        self.skip_bad_rows = bool(plan.rejected)
        stored = plan.conflicts()
        heading = QLabel(
            self.tr(
                "将新增 {add} 家，更新 {update} 家，不变 {same} 家；有错误的 %n 行不导入。",
                "",
                counts["rejected"],
            ).format(
                add=counts["add"],
                update=counts["update"] + counts["replace"],
                same=counts["unchanged"],
            )
        )
        heading.setObjectName("summary")
        heading.setWordWrap(True)
        self.set_aside_note = QLabel()
        self.set_aside_note.setObjectName("set_aside_note")
        self.set_aside_note.setWordWrap(True)
        self.set_aside_note.setVisible(False)
        self.tabs = QTabWidget()
        adds = [self._head(e) + " ← " + Path(e.source).name for e in plan.entries if e.action == "add"]
        updates = [self._describe(e) for e in plan.entries if e.action in ("update", "replace")]
        same = [self._head(e) for e in plan.entries if e.action == "unchanged"]
        self.errors = _text_view(self._error_lines(plan.rejected), "errors")
        for lines, title, name in (
            (adds, self.tr("新增 {n} 家"), "adds"),
            (updates, self.tr("更新 {n} 家"), "updates"),
            (same, self.tr("不变 {n} 家"), "unchanged"),
        ):
            index = self.tabs.addTab(_text_view(lines, name), title.format(n=len(lines)))
            if lines and not adds and self.tabs.currentIndex() == 0:  # opened on a list with lines:
                self.tabs.setCurrentIndex(index)  # a table imported again adds nothing
        errors_tab = QWidget()
        errors_layout = QVBoxLayout(errors_tab)
        errors_layout.addWidget(self.errors, 1)
        copy_button = QPushButton(self.tr("复制全部错误(&C)"))
        copy_button.setObjectName("copy_errors")
        copy_button.clicked.connect(self.copy_errors)
        self.rejects_button = QPushButton(self.tr("把有错误的行另存为表格(&S)…"))
        self.rejects_button.setObjectName("save_rejects")
        self.rejects_button.setToolTip(self.tr("保存为可修改后再次导入的表格，最后一列写明每行的错误"))
        self.rejects_button.clicked.connect(lambda: self.save_rejects())
        row = QHBoxLayout()
        row.addWidget(copy_button)
        row.addStretch(1)
        row.addWidget(self.rejects_button)
        errors_layout.addLayout(row)
        for button in (copy_button, self.rejects_button):
            button.setEnabled(bool(plan.rejected))
        self.tabs.addTab(errors_tab, self.tr("有错误的 %n 行", "", len(plan.rejected)))
        if plan.rejected:
            self.tabs.setCurrentWidget(errors_tab)
        # facts of a row that cannot both be true (福州市 in 浙江省): imported all the same, as the editor
        # saves them, and listed so that the user checks them; only when there are any
        self.checks: QPlainTextEdit | None = None
        if any(e.contradictions for e in plan.entries):
            self.checks = _text_view([], "contradictions")
            self.tabs.addTab(self.checks, "")
        # a bundle's declarations not taken, and why: said before the user agrees, never only counted
        self.set_aside: QPlainTextEdit | None = None
        if any(e.set_aside for e in plan.entries):
            self.set_aside = _text_view([], "set_aside")
            self.tabs.addTab(self.set_aside, "")
            if not plan.rejected:
                self.tabs.setCurrentWidget(self.set_aside)

        self.update_choice = QRadioButton(self.tr("以导入的更新已有企业（表格只改其中的列，不删去其他内容）"))
        self.update_choice.setObjectName("conflict_replace")
        self.keep_choice = QRadioButton(self.tr("保留已有企业，只导入新企业"))
        self.keep_choice.setObjectName("conflict_keep")
        self.update_choice.setChecked(True)
        for choice in (self.update_choice, self.keep_choice):
            choice.setVisible(bool(stored))
            choice.toggled.connect(self._refresh)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("do_import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.set_aside_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.update_choice)
        layout.addWidget(self.keep_choice)
        layout.addWidget(self.buttons)
        self._refresh()

    # --- the plan's lines in the interface's language (the core writes them in Chinese) -------------

    @cached_property
    def _words(self) -> dict[str, str]:
        """The lines' templates in the interface's language, each translated once: a park's table gives
        a line for each of up to 100,000 rows (translating six templates a line took 0.8 s of the 2.8 s
        the dialog took to open on 100,000 updates)."""
        return {
            "head": self.tr("{code}（{name}）"),
            "empty": self.tr("（空）"),
            "change": self.tr("{label}：{before} → {after}"),
            "and": self.tr("；"),
            "same": self.tr("档案内容不变"),
            "removed": self.tr("删去 {fields}"),
            "dropped": self.tr("{label}删去 {entries}"),
            "list": self.tr("、"),
            "nothing_removed": self.tr("不删去任何内容"),
            "update": self.tr("更新 {head}：{what}；{gone}"),
            "replace": self.tr("替换 {head}：{what}；{gone}"),
            "row": self.tr("{file} 第 {row} 行"),
            "cell": self.tr("{file} 第 {row} 行「{column}」"),
            "error": self.tr("{where}：{message}"),
            "check": self.tr("{where} {head}：{message}"),
            "got": self.tr("{message}（收到 {value}）"),
            "set_aside": self.tr("{head}：{line}"),
        }

    def _core(self, text: str) -> str:
        """`core_text`, each text translated once (the same labels come back on every line)."""
        found = self._core_texts.get(text)
        if found is None:
            found = self._core_texts[text] = core_text(text)
        return found

    def _head(self, entry: Any) -> str:
        return self._words["head"].format(code=entry.uscc, name=entry.name)

    def _describe(self, entry: Any) -> str:
        """An update or a whole replacement: each field's change and what it removes (the fields, and the
        entries a list loses), as the core's Planned.describe."""
        words, core = self._words, self._core
        empty = words["empty"]
        changes = [
            words["change"].format(
                label=core(c.label),
                before=core(c.before) if c.before else empty,
                after=core(c.after) if c.after else empty,
            )
            for c in entry.changes
        ]
        what = words["and"].join(changes) or words["same"]
        # a damaged declaration written again from the bundle's copy, as the core's describe says it
        what = words["and"].join([what, *(sentence_text(None, line) for line in entry.mended)])
        removed = words["list"].join(core(r) for r in entry.removed)
        gone = [words["removed"].format(fields=removed)] if entry.removed else []
        gone += [
            words["dropped"].format(label=core(c.label), entries=words["list"].join(c.dropped))
            for c in entry.changes
            if c.dropped
        ]
        verb = words["update"] if entry.action == "update" else words["replace"]
        return verb.format(
            head=self._head(entry), what=what, gone=words["and"].join(gone) or words["nothing_removed"]
        )

    def _contradiction_lines(self) -> list[str]:
        """Each contradiction of an enterprise the import writes with the choice made (as the core's
        ImportPlan.contradiction_lines), naming its row or file."""
        lines = []
        for entry in self.plan.entries:
            if entry.action == "unchanged" or (entry.stored and self.on_conflict == "keep"):
                continue
            incoming = entry.incoming
            where = (
                self._words["row"].format(file=incoming.source, row=incoming.row)
                if incoming.row
                else incoming.source
            )
            for found in entry.contradictions:
                lines.append(
                    self._words["check"].format(
                        where=where, head=self._head(entry), message=self._message(found.message)
                    )
                )
        return lines

    def _set_aside_lines(self) -> list[str]:
        """Each declaration of a bundle the import does not take with the choice made (as the core's
        ImportPlan.set_aside_lines), naming its enterprise and why."""
        return [
            self._words["set_aside"].format(head=self._head(entry), line=sentence_text(None, line))
            for entry in self.plan.entries
            if entry.action == "held" or not (entry.stored and self.on_conflict == "keep")
            for line in entry.set_aside
        ]

    def _error_lines(self, rejected: list[Any]) -> list[str]:
        lines = []
        for row in rejected:
            for column, message in row.errors:
                where = (
                    self._words["cell"].format(file=row.source, row=row.row, column=column)
                    if column
                    else self._words["row"].format(file=row.source, row=row.row)
                )
                lines.append(self._words["error"].format(where=where, message=self._message(message)))
        return lines

    def _message(self, message: str) -> str:
        """A row's error: the kind's message and the cell as typed (「…（收到 三十）」), or the profile
        check's sentence."""
        if hasattr(message, "template"):
            return sentence_text(None, message)
        base, said, rest = str(message).rpartition("（收到 ")
        if said and rest.endswith("）"):
            return self._words["got"].format(message=self._core(base), value=rest[:-1])
        return self._core(str(message))

    @property
    def on_conflict(self) -> str:
        return "keep" if self.keep_choice.isChecked() else "replace"

    def writes(self) -> int:
        """How many enterprises the import writes with the choice made."""
        counts = self.plan.counts()
        stored = counts["update"] + counts["replace"]
        return counts["add"] + (0 if self.on_conflict == "keep" else stored)

    def _refresh(self, *_args: Any) -> None:
        bad = len(self.plan.rejected)
        text = self.tr("导入 {n} 家").format(n=self.writes())
        if bad:
            text += self.tr("（跳过 %n 行有错误的）", "", bad)
        self.import_button.setText(text)
        self.import_button.setEnabled(self.writes() > 0)
        if self.checks is not None:
            lines = self._contradiction_lines()
            self.checks.setPlainText("\n".join(lines))
            index = self.tabs.indexOf(self.checks)
            self.tabs.setTabText(index, self.tr("需核对 {n} 处").format(n=len(lines)))
            self.tabs.setTabToolTip(index, self.tr("这些行的数据互相矛盾，照常导入；请导入后在档案中核对"))
        if self.set_aside is not None:
            lines = self._set_aside_lines()
            self.set_aside.setPlainText("\n".join(lines))
            index = self.tabs.indexOf(self.set_aside)
            self.tabs.setTabText(index, self.tr("未导入的申报 {n} 份").format(n=len(lines)))
            self.tabs.setTabToolTip(
                index, self.tr("数据包中的这些申报不会导入，各行写明原因；本机的记录保持不变")
            )
            self.set_aside_note.setText(
                self.tr("注意：数据包中的 {n} 份申报不会导入，原因见「未导入的申报」。").format(n=len(lines))
                if lines
                else ""
            )
            self.set_aside_note.setVisible(bool(lines))

    def copy_errors(self) -> None:
        QGuiApplication.clipboard().setText(self.errors.toPlainText())

    def save_rejects(self, out: str | Path | None = None) -> Path | None:
        if out is None:  # a name typed without .xlsx or .csv gets the kind chosen
            from shenbao.ui.done_message import ask_table_path

            chosen = ask_table_path(self, self.tr("保存有错误的行"), self.tr("有错误的行.xlsx"))
            if chosen is None:
                return None
            out = chosen
        try:
            return Path(self.plan.write_rejects(out))
        except KnownError as err:
            show_error(self, err)
            return None
