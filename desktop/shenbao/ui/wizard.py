"""The wizard of one measure for one enterprise: the pages of forms/<measure>.toml, then a review page.

The answers are the interchange values of the form's fields, laid over the enterprise's saved profile;
every edit re-judges the merged profile with the rules, so each page shows the live amount and why. The
answers given (those that differ from the profile) and the page are saved as a draft whenever a field is
committed, a page is left, or the wizard is closed, so a crash loses at most the field being typed, and
reopening the measure resumes there. Each answer is kept with the profile's value it was given over, so
that one the profile changed since (the editor saved another) gives way to the newer value when the
draft is resumed, or when 完成 finds it saved while the wizard was open (完成 then stops on the review),
and the wizard says which. On 完成 the profile and the declaration are saved with the
preview they were judged with, the 申报书 is printed into the data folder's declarations/ and its
SHA-256 recorded, and the PDF is opened.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shenbao.core import fieldkinds
from shenbao.core.deadlines import default_deadline, materials_for
from shenbao.core.forms import NUMBER_KINDS, Field, Form, form_for
from shenbao.core.model import (
    DETAIL_COLUMNS,
    DETAIL_DERIVES,
    ORG_TYPES,
    ProfileError,
    ProfileErrors,
    latest_recognition,
    parse_profile,
)
from shenbao.core.provenance import TYPED, stamp
from shenbao.core.store.db import HandedInError
from shenbao.core.store.repository import Cover
from shenbao.core.store.secrets import KeyMoveError, KeyUnavailableError, mask_id_number
from shenbao.errors import KnownError
from shenbao.ui.app import core_text
from shenbao.ui.context import OpChanges
from shenbao.ui.done_message import wanting_note
from shenbao.ui.form_page import ERROR_STYLE, FormPage, answer_key, result_html
from shenbao.ui.invoice_import import attach_invoice_drop
from shenbao.ui.markup import escape
from shenbao.ui.screen import fit_to_screen
from shenbao.ui.style import (
    WARNING_COLOUR,
    error_text,
    form_title,
    known_text,
    listed,
    policy_text,
    reason_text,
    sentence_text,
    set_text_colour,
    value_text,
)
from shenbao.ui.workers import BackgroundOp, show_error

REVIEW_PAGE = "review"
RENDERABLE = ("eligible", "incomplete")
KEY_ERRORS = (KeyUnavailableError, KeyMoveError)  # no data key to encrypt a draft with, whatever is typed
# refusals of a draft that nothing typed here changes: said once, not at every field left and page turned
TOLD_ONCE = (*KEY_ERRORS, HandedInError)
ANSWERED_OVER = "answered_over"
"""Where a draft's answers keep, beside them, the profile's value each was given over (by answer key)."""


# --- answers and the profile -----------------------------------------------------------------------


def profile_value(doc: dict[str, Any], field: Field) -> Any:
    """The saved profile's value of a field (for a recognition field the date of the latest
    recognition of its kind)."""
    section = doc.get(field.section) or {}
    if field.kind == "recognition":
        items = section.get("recognitions") or []
        at = latest_recognition(items, field.recognition)
        return None if at is None else items[at].get("date")
    return copy.deepcopy(section.get(field.name))


def apply_answers(doc: dict[str, Any], form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """The profile with the wizard's answers laid over it. A filled detail list replaces the fact it
    derives (the invoices' total stands for the purchase amount), so the two never disagree."""
    out = copy.deepcopy(doc)
    for field in form.fields:
        key = answer_key(field)
        if key not in answers:
            continue
        value = answers[key]
        section = out.setdefault(field.section, {})
        if field.kind == "recognition":
            # in its place in the list: a recognition answered as it stood leaves the profile as it was;
            # the field is the kind's latest recognition (profile_value), the kind's earlier ones stay
            items = list(section.get("recognitions") or [])
            at = latest_recognition(items, field.recognition)
            if at is None:
                if value:
                    items.append({"kind": field.recognition, "date": value})
            elif value:
                items[at] = {**items[at], "date": value}
            else:
                del items[at]
            section["recognitions"] = items
        elif field.kind == "table":
            if value:
                section[field.name] = value
                section.pop(DETAIL_DERIVES.get(field.name, ""), None)
            else:
                section.pop(field.name, None)
        elif value is None:
            section.pop(field.name, None)
        else:
            section[field.name] = value
    return out


def same_answer(a: Any, b: Any, kind: str = "", table: str = "") -> bool:
    """Whether two values of a field of `kind` (of the detail list `table`) say the same: an empty
    line, an empty list and no value are all no answer, and a value the profile holds as an import
    wrote it (an amount "5000000.00", a count "120", an invoice's amount "150000.00") is the one its
    field reads back (5000000, 120, 150000)."""
    if a == b or all(v is None or v == "" or v == [] for v in (a, b)):
        return True
    if a is None or b is None:
        return False
    try:
        if kind in fieldkinds.KINDS:
            return bool(fieldkinds.check(kind, a) == fieldkinds.check(kind, b))
        if table in DETAIL_COLUMNS and isinstance(a, list) and isinstance(b, list):
            return _rows_read(table, a) == _rows_read(table, b)
    except fieldkinds.FieldValueError:
        pass
    return False


def _rows_read(table: str, rows: list[Any]) -> list[Any]:
    """A detail list's rows with each column's cell as its kind reads it (what a row carries beyond
    the columns, as it is)."""
    kinds = {column: kind for column, kind, _required in DETAIL_COLUMNS[table]}
    return [
        {
            c: fieldkinds.check(kinds[c], v) if c in kinds and v not in (None, "") else v
            for c, v in row.items()
        }
        if isinstance(row, dict)
        else row
        for row in rows
    ]


def resumed_answers(
    form: Form, doc: dict[str, Any], draft: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers a draft resumes with over the profile `doc` as stored now, and the draft's answers
    that gave way (by answer key). A field the draft did not answer shows the profile's value; one it
    answered shows its answer, unless the profile holds another value than the one the answer was given
    over: saved since (the editor, an import), it is newer than the answer. A draft kept without those
    values keeps its answers."""
    over = draft.get(ANSWERED_OVER)
    over = over if isinstance(over, dict) else {}
    answers: dict[str, Any] = {}
    replaced: dict[str, Any] = {}
    for field in form.fields:
        key = answer_key(field)
        now = profile_value(doc, field)
        if key not in draft:
            answers[key] = now
        elif (
            key in over
            and not same_answer(over[key], now, field.kind, field.name)
            and not same_answer(draft[key], now, field.kind, field.name)
        ):
            answers[key] = now
            replaced[key] = draft[key]
        else:
            answers[key] = draft[key]
    return answers, replaced


def measure_asking(path: str, preview: Any = None) -> str | None:
    """A measure whose wizard asks for `path`, one in force (by `preview`) before one that is not."""
    from shenbao.core.forms import forms

    asking = [m for m, form in sorted(forms().items()) if any(f.key == path for f in form.fields)]
    statuses = {r.measure: r.status for r in preview.results} if preview is not None else {}
    asking.sort(key=lambda m: statuses.get(m) == "not_in_force")
    return asking[0] if asking else None


def shown_value(field: Field, value: Any) -> str:
    """An answer as the review page shows it; 身份证号 masked."""
    if value is None or value == [] or value == "":
        return "未填写"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field.choices:
        return next((label for v, label in field.choices if v == value), str(value))
    if field.kind == "org_type":
        return ORG_TYPES.get(value, str(value))
    if field.kind in NUMBER_KINDS and isinstance(value, int | float | str):
        # as the printed form writes it: 79.9999999% (not 80% beside the trace's 79.9999999%),
        # 0.00001 (not 1e-05), 1,234.50 元
        return fieldkinds.printed(field.kind, value)
    if isinstance(value, list):
        # the table's columns in order, each as the printed form writes it (250,000.00, a 证件类型 by
        # its name); what a row carries beyond them (an invoice's source file and digest) is not shown
        kinds = {c: kind for c, kind, _required in DETAIL_COLUMNS.get(field.name, ())}
        rows = []
        for row in value:
            cells = []
            for c in field.columns or tuple(kinds):
                cell = row.get(c) if isinstance(row, dict) else None
                if cell is None or cell == "":
                    continue
                if c in field.mask:
                    cells.append(mask_id_number(cell))
                elif c in kinds:
                    text = fieldkinds.printed(kinds[c], cell, unit=False)
                    cells.append(core_text(text) if fieldkinds.kind(kinds[c]).choices else text)
                else:
                    cells.append(str(cell))
            rows.append(QCoreApplication.translate("ReviewPage", "，").join(cells))
        if field.name == "core_engineers":  # people, not items: 共 5 人
            count = QCoreApplication.translate("ReviewPage", "共 %n 人：", "", len(value))
        else:
            count = QCoreApplication.translate("ReviewPage", "共 %n 项：", "", len(value))
        return count + QCoreApplication.translate("ReviewPage", "；").join(rows)
    return str(value)


# --- the review page --------------------------------------------------------------------------------


class ReviewPage(QWizardPage):
    """Every answer, the amount with its trace, the 申报材料清单 and the warnings; 完成 saves and prints."""

    def __init__(self, wizard: WizardDialog) -> None:
        super().__init__()
        self._wizard = wizard
        self.setObjectName(f"page_{REVIEW_PAGE}")
        self.setTitle(self.tr("核对并生成申报书"))
        self.setSubTitle(self.tr("请核对以下内容。点击“完成”保存申报并生成 PDF 申报书。"))
        self.setFinalPage(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("review")
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        # Printed on the cover when given, else left blank for the applicant to write by hand.
        self.office_box = QComboBox()
        self.office_box.setObjectName("office")
        self.office_box.setEditable(True)
        self.office_box.setToolTip(
            self.tr("申报书封面的受理部门；建议项为文件所列的第一个责任单位（牵头单位）")
        )
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("declared_on")
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD；留空则由申报单位手写"))
        self.date_edit.textChanged.connect(self._date_edited)
        # the cover is kept with the draft as the other answers are: when a field is left
        self.date_edit.editingFinished.connect(wizard.save_draft)
        self.office_box.activated.connect(lambda _index: wizard.save_draft())
        if (line := self.office_box.lineEdit()) is not None:
            line.editingFinished.connect(wizard.save_draft)
        self.office_given = False  # whether the box shows an office yet (it is filled on the first visit)
        # a 申报日期 outside the policy's term, said under the date as it is typed; 完成 stays enabled
        self.date_warning = QLabel()
        self.date_warning.setObjectName("declared_on_warning")
        self.date_warning.setWordWrap(True)
        set_text_colour(self.date_warning, WARNING_COLOUR)
        self.date_warning.hide()
        extra = QFormLayout()
        extra.addRow(self.tr("受理部门(&O)："), self.office_box)
        extra.addRow(self.tr("申报日期(&D)："), self.date_edit)
        extra.addRow("", self.date_warning)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addLayout(extra)
        layout.addWidget(self.error_label)

    def initializePage(self) -> None:
        result = self._wizard.result
        units = list(result.responsible) if result is not None else []
        if self.office_box.count() == 0 and units:
            self.office_box.addItems(units)
        if not self.office_given:
            saved = self._wizard.saved_cover.office
            if saved is not None:  # the office the draft kept, even one cleared on purpose
                self.office_box.setCurrentIndex(-1)
                self.office_box.setEditText(saved)
            elif units:
                self.office_box.setCurrentIndex(0)  # the likely office: the first unit named (the lead)
            self.office_given = saved is not None or bool(units)
        self.refresh()

    def office(self) -> str:
        return self.office_box.currentText().strip()

    def declared_on(self) -> dt.date | None:
        """The 申报日期 the user gave, read as every date field reads one (2026-03-20, 2026年3月20日, the
        full-width digits of an input method), None when left blank; ValueError when it is not a date."""
        text = self.date_edit.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(fieldkinds.parse("date", text))
        except fieldkinds.FieldValueError:
            raise ValueError(text) from None

    def refresh(self) -> None:
        w = self._wizard
        e = escape
        parts = [f"<h3>{e(form_title(w.form))}</h3>"]
        for page in w.form_pages:
            parts.append(f"<h4>{e(core_text(page.page.title))}</h4><table cellspacing='3'>")
            for key, editor in page.editors.items():
                if page.shown.get(key, True):
                    value = value_text(shown_value(editor.field, w.answers.get(key)))
                    label = core_text(editor.field.label)
                    parts.append(f"<tr><td style='color:#5f6368'>{e(label)}</td><td>{e(value)}</td></tr>")
            parts.append("</table>")
        result = w.result
        # (each tr() outside the f-strings, where lupdate finds it)
        heading, responsible, hints = self.tr("测算金额与依据"), self.tr("责任单位："), self.tr("提示")
        materials = self.tr("申报材料清单")
        if result is not None:
            parts.append(f"<h4>{e(heading)}</h4>{result_html(result, trace=True)}")
            if result.responsible:
                parts.append(f"<p>{e(responsible)}{e(listed(result.responsible))}</p>")
            notes = [*result.warnings, *result.notes]
            if notes:
                parts.append(
                    f"<h4>{e(hints)}</h4><ul>"
                    + "".join(f"<li>{e(sentence_text(result, n))}</li>" for n in notes)
                    + "</ul>"
                )
        parts.append(f"<h4>{e(materials)}</h4><ol>")
        needed = materials_for(w.rules.catalogue, w.measure, w.as_of, w.form.materials)
        parts += [f"<li>☐ {e(policy_text(m))}</li>" for m in needed]
        parts.append("</ol>")
        self.browser.setHtml("".join(parts))
        self._date_edited("")

    def _date_edited(self, _text: str) -> None:
        """完成 follows the date as it is typed, and so does what it says is wrong (2026-02-30: greyed
        out with no word why), and the warning of a day outside the policy's term."""
        self.error_label.setText("\n".join(self.problems()))
        warning = self.date_warning_text()
        self.date_warning.setText(warning)
        self.date_warning.setVisible(bool(warning))
        self.completeChanged.emit()

    def date_warning_text(self) -> str:
        """What the core says of the 申报日期 typed when the measure is not in force on it (the form is
        still printed: it is the applicant's to date), in the interface's language; "" otherwise."""
        w = self._wizard
        try:
            day = self.declared_on()
        except ValueError:
            return ""  # said among the problems
        warning = w.rules.catalogue.declared_date_warning(w.measure, day, w.as_of)
        return sentence_text(None, warning) if warning else ""

    def problems(self) -> list[str]:
        w = self._wizard
        out = [error_text(err) for err in w.errors]
        try:
            self.declared_on()
        except ValueError:
            out.append(self.tr("申报日期应为存在的日期 YYYY-MM-DD，或留空"))
        if w.result is not None and w.result.status not in RENDERABLE:
            why = self.tr("；").join(reason_text(w.result, r) for r in w.result.reasons)
            out.append(
                self.tr("当前不能生成申报书（%1）").replace("%1", core_text(w.result.status_label))
                + (self.tr("：") + why if why else "")
            )
        return out

    def isComplete(self) -> bool:
        return not self.problems()

    def validatePage(self) -> bool:
        return self._wizard.finish()


# --- the wizard -------------------------------------------------------------------------------------


class WizardDialog(QWizard):
    """The wizard of `measure_id` for the saved enterprise `uscc`, resuming its draft if it has one."""

    declarationSaved = Signal(int)
    pdfRendered = Signal(str)
    finishedSaying = Signal(str)  # what was printed where, and each box printed 待补充, for a status line
    changed = Signal(object)  # OpChanges, after each write (a draft, the finished declaration)

    def __init__(
        self,
        store: Any,
        measure_id: str,
        uscc: str,
        as_of: dt.date,
        *,
        start_field: str | None = None,
        parent: QWidget | None = None,
        open_pdf: bool = True,
        today: Callable[[], dt.date] = dt.date.today,
        open_store: Callable[[], Any] | None = None,
    ) -> None:
        """The wizard of `measure_id` for the stored enterprise `uscc`, judged as of `as_of` (the preview's),
        resuming its draft; `start_field` opens it on the page asking for that field."""
        super().__init__(parent)
        form = form_for(measure_id)
        if form is None:
            raise KnownError(f"措施 {measure_id} 没有申报表单")
        from shenbao.core.rules import rules

        self.store = store
        self.form = form
        self.measure = measure_id
        self.uscc = uscc.strip().upper()
        self.as_of = as_of
        self.open_pdf = open_pdf
        self.today = today  # the day answers are recorded as typed
        # a store of its own for finishing off the UI thread (the app's context gives its factory)
        self.open_store = open_store or (lambda: type(store).open(store.folder, daily_backup=False))
        self.finishing: BackgroundOp | None = None
        self.rules = rules()
        self.profile_doc = store.get_profile(self.uscc)
        self.errors: list[ProfileError] = []
        self.result: Any = None
        self.pdf_path: Path | None = None
        self.finished_ok = False
        self._resuming = False
        self._key_refused: KnownError | None = None  # why no data key, once told
        draft = store.open_declaration(self.uscc, measure_id)
        self.declaration_id: int | None = draft.id if draft else None
        self.saved_cover = draft.cover if draft else Cover()
        self.answers, self.replaced = resumed_answers(form, self.profile_doc, draft.answers if draft else {})
        self._last_saved = self._snapshot(draft.page) if draft else None

        name = self.profile_doc.get("enterprise", {}).get("name", "")
        self.setWindowTitle(f"{form_title(form)} — {name}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("关闭(&C)"))
        self.form_pages: list[FormPage] = []
        self.page_ids: dict[str, int] = {}
        for page in form.pages:
            fp = FormPage(page)
            for key, editor in fp.editors.items():
                editor.set_value(self.answers.get(key))
                if editor.field.type == "uscc":
                    editor.editor.setEnabled(False)  # the declaration belongs to this enterprise
            fp.edited.connect(self._edited)
            fp.committed.connect(self._committed)  # a method: Qt drops the link when the wizard goes
            attach_invoice_drop(fp, self.merged_profile)
            self.page_ids[page.id] = self.addPage(fp)
            self.form_pages.append(fp)
        self.review = ReviewPage(self)
        if self.saved_cover.declared_on is not None:
            self.review.date_edit.setText(self.saved_cover.declared_on.isoformat())
        self.page_ids[REVIEW_PAGE] = self.addPage(self.review)
        if draft is None:  # opening a measure writes nothing: a draft starts with an answer or a page turn
            self._collect()
            self._last_saved = self._snapshot(form.pages[0].id if form.pages else None)
        self.currentIdChanged.connect(self._page_changed)
        self._judge()
        fit_to_screen(self, 860, 680)
        self.restart()
        target = self._page_of_field(start_field) if start_field else None
        self.go_to(target or (draft.page if draft else None))
        if start_field:
            self._focus_field(start_field)
        if self.replaced:
            self._tell_replaced()

    def _tell_replaced(self) -> None:
        """Say once, at the top of the page the wizard opens on, which of the draft's answers gave way
        to values the profile saved since, and what the draft held."""
        fields = {answer_key(f): f for f in self.form.fields}
        items = []
        for key, old in self.replaced.items():
            field = fields[key]
            label = core_text(field.label)
            if field.kind == "table":  # a list is named, not written out
                items.append(label)
            else:
                held = value_text(shown_value(field, old))
                items.append(self.tr("%1（草稿中为“%2”）").replace("%1", label).replace("%2", held))
        notice = QLabel(self.tr("草稿保存后档案中又改了以下各项，已换为档案中的新值：") + listed(items))
        notice.setObjectName("replaced")
        notice.setWordWrap(True)
        set_text_colour(notice, WARNING_COLOUR)
        page = self.currentPage()
        if page is not None and (told := page.findChild(QLabel, "replaced")) is not None:
            told.setParent(None)  # told once more (完成 found another change): the latest alone
            told.deleteLater()
        layout = page.layout() if page is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, notice)

    # --- judging -----------------------------------------------------------------------------------

    def merged_profile(self) -> dict[str, Any]:
        return apply_answers(self.profile_doc, self.form, self.answers)

    def _judge(self) -> None:
        """Re-judge the merged profile and show the result, and the core's errors beside their fields."""
        try:
            profile = parse_profile(self.merged_profile())
        except ProfileErrors as err:
            self.errors = list(err.errors)
            profile = None
        else:
            self.errors = []
        if profile is not None:
            self.result = self.rules.preview(profile, self.as_of).result(self.measure)
        keys = {answer_key(f): f.key for f in self.form.fields}
        field_errors: dict[str, str] = {}
        general: list[str] = []
        for problem in self.errors:
            where = problem.field
            key = next((k for k, fk in keys.items() if where == fk or where.startswith(fk + "[")), None)
            if key is None and where.startswith("facts."):
                fact = where.removeprefix("facts.")
                detail = next((d for d, f in DETAIL_DERIVES.items() if f == fact), "")
                key = f"facts.{detail}" if f"facts.{detail}" in keys else None
            message = sentence_text(None, problem.message)  # the interface's language
            if key is None:
                general.append(message)
            else:
                field_errors.setdefault(key, message)
        values = {answer_key(f): self.answers.get(answer_key(f)) for f in self.form.fields}
        for page in self.form_pages:
            page.set_visibility(values)
            page.show_result(self.result, field_errors, general, judged=profile is not None)

    def _committed(self, _key: str) -> None:
        self.save_draft()

    def _edited(self, key: str) -> None:
        page = self.sender()
        if isinstance(page, FormPage) and key in page.editors:
            self.answers[key] = page.editors[key].value()
        self._judge()

    # --- pages and drafts --------------------------------------------------------------------------

    def current_page_name(self) -> str | None:
        for name, page_id in self.page_ids.items():
            if page_id == self.currentId():
                return name
        return None

    def _page_of_field(self, path: str) -> str | None:
        """The page asking for a field path (facts.compute_invoices[0].amount → the invoices' page; a
        derived fact → the page of its detail list)."""
        for page in self.form_pages:
            for key, editor in page.editors.items():
                fk = editor.field.key
                if path in (key, fk) or path.startswith(fk + "[") or path.startswith(fk + "."):
                    return page.page.id
                fact = DETAIL_DERIVES.get(editor.field.name)
                if editor.field.kind == "table" and path == f"facts.{fact}":
                    return page.page.id
        return None

    def _focus_field(self, path: str) -> None:
        page = self.currentPage()
        if isinstance(page, FormPage):
            for editor in page.editors.values():
                fact = DETAIL_DERIVES.get(editor.field.name)
                if path.startswith(editor.field.key) or (fact is not None and fact in path):
                    editor.setFocus()
                    return

    def go_to(self, name: str | None) -> None:
        """Move forward to a page by its id (resuming a draft): earlier pages are kept in the history so
        上一步 still reaches them, and are not checked on the way."""
        if not name or name not in self.page_ids:
            return
        target = self.page_ids[name]
        self._resuming = True
        try:
            while self.currentId() != target and self.currentId() != -1:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self._resuming = False

    def validateCurrentPage(self) -> bool:
        if self._resuming and self.currentPage() is not self.review:
            return True
        return super().validateCurrentPage()

    def _page_changed(self, page_id: int) -> None:
        if page_id == -1:  # QWizard resets itself when cancelled: the draft keeps the page it was on
            return
        if self.currentPage() is self.review:
            self.review.refresh()
        if not self._resuming:
            self.save_draft()

    def _snapshot(self, page: str | None) -> str:
        cover = self.cover()
        return json.dumps(
            [self.answers, page, cover.office, cover.declared_on],
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )

    def cover(self) -> Cover:
        """The 受理部门 and 申报日期 typed on the review; what the draft kept until the review shows them
        (a date not yet a date keeps the one kept before)."""
        review = getattr(self, "review", None)
        if review is None:
            return self.saved_cover
        office = review.office() if review.office_given else self.saved_cover.office
        try:
            declared_on = review.declared_on()
        except ValueError:
            declared_on = self.saved_cover.declared_on
        return Cover(office, declared_on)

    def _collect(self) -> None:
        for page in self.form_pages:
            for key, editor in page.editors.items():
                self.answers[key] = editor.value()

    def save_draft(self) -> None:
        """Save the answers and the current page, unless nothing changed since the last save."""
        if self.finished_ok:
            return
        self._collect()
        page_name = self.current_page_name()
        snapshot = self._snapshot(page_name)
        if snapshot == self._last_saved:
            return
        try:
            deadline = (
                default_deadline(self.rules.catalogue, self.measure, self.as_of)
                if self.declaration_id is None
                else None
            )
            decl = self.store.save_draft(
                self.uscc,
                self.measure,
                self.kept(),
                page=page_name,
                declaration_id=self.declaration_id,
                deadline=deadline,
                cover=self.cover(),
            )
        except KnownError as err:  # no key (passphrase refused), a full disk: say so, keep the answers
            self._refuse_draft(err)
            return
        self.declaration_id = decl.id
        self.saved_cover = decl.cover
        self._last_saved = snapshot
        self.changed.emit(OpChanges(declarations=(self.uscc,)))

    def _refuse_draft(self, err: KnownError) -> None:
        """Say why the draft was not saved. The data key's refusal, and that of a declaration handed in
        meanwhile, is told once while the wizard is open: it comes back for every field left and page
        turned, and nothing typed here changes it."""
        if isinstance(err, TOLD_ONCE):
            if self._key_refused is not None and str(err) == str(self._key_refused):
                return
            self._key_refused = err
        show_error(self, err)

    def given(self) -> dict[str, Any]:
        """The answers given here: those that differ from the profile the wizard opened on."""
        return {
            key: self.answers.get(key)
            for f in self.form.fields
            if not same_answer(
                self.answers.get(key := answer_key(f)), profile_value(self.profile_doc, f), f.kind, f.name
            )
        }

    def kept(self) -> dict[str, Any]:
        """What a draft keeps: the answers given, each with the profile's value it was given over. A
        field saved meanwhile elsewhere (the editor, an import) is then shown and kept when the draft is
        resumed, not replaced by the value the profile had when the draft was left: one the wizard did not
        answer, and one it answered that the profile changed since (see resumed_answers)."""
        given = self.given()
        over = {
            key: profile_value(self.profile_doc, f)
            for f in self.form.fields
            if (key := answer_key(f)) in given
        }
        return {**given, ANSWERED_OVER: over} if over else given

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field moves to the next page (the default button, 下一步); on the review page that
        button is 完成, which records the declaration and writes its 申报书, so Enter typed in 受理部门 or
        申报日期 (or left over from an input method) does not finish: 完成 is clicked, or pressed with
        Alt+F or Enter on the button itself (which takes the key before the dialog)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.currentId() == self.page_ids[REVIEW_PAGE]:
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if not self.finished_ok:
            self.save_draft()
        super().done(result)

    # --- finishing ---------------------------------------------------------------------------------

    def finish(self) -> bool:
        """True once the declaration is finalized. Otherwise save the draft and finalize it off the UI
        thread (core.declarations.finalize_declaration: the profile, the declaration with its preview,
        the 申报书 and its digest, all or nothing); the wizard closes itself when that is done."""
        if self.finished_ok:
            return True
        if self.finishing is not None:
            return False
        self.save_draft()
        if self.declaration_id is None:
            if self._key_refused is not None:  # told once already: 完成 says why it does nothing
                self.review.error_label.setText(self.tr("无法完成：") + known_text(self._key_refused))
            return False
        given = self.given()
        answered = [
            key for f in self.form.fields if f.kind != "recognition" and (key := answer_key(f)) in given
        ]
        try:  # the answers go over the profile as stored now: what was saved meanwhile is kept
            fresh = self.store.get_profile(self.uscc)
        except KnownError as err:
            self.review.error_label.setText(self.tr("无法完成：") + known_text(err))
            return False
        editors = {key: editor for page in self.form_pages for key, editor in page.editors.items()}
        replaced: dict[str, Any] = {}
        for f in self.form.fields:
            key = answer_key(f)
            now = profile_value(fresh, f)
            if same_answer(profile_value(self.profile_doc, f), now, f.kind, f.name):
                continue
            if key in given:  # answered here, then saved otherwise elsewhere: as a resumed draft's
                if same_answer(given[key], now, f.kind, f.name):
                    continue
                replaced[key] = given[key]
            self.answers[key] = now
            if key in editors:
                editors[key].set_value(now)
        self.profile_doc = fresh
        if replaced:  # nothing is written over what was saved meanwhile: the review shows it, and says so
            self.replaced = replaced
            self._judge()
            self.save_draft()
            self.review.refresh()
            self._tell_replaced()
            return False
        document = stamp(self.merged_profile(), answered, TYPED, date=self.today().isoformat())
        declaration_id, as_of, engine, open_store = (
            self.declaration_id,
            self.as_of,
            self.rules,
            self.open_store,
        )
        declared_on, office = self.review.declared_on(), self.review.office()

        def work(_task: Any) -> Any:
            from shenbao.core.declarations import finalize_declaration

            with open_store() as store:
                return finalize_declaration(
                    store,
                    declaration_id,
                    document,
                    as_of,
                    engine=engine,
                    declared_on=declared_on,
                    office=office,
                )

        self.review.error_label.clear()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.finishing = BackgroundOp(
            work,
            parent=self,
            label=self.tr("正在生成申报书…"),
            on_success=self._finished,
            on_failure=self._refused,
        ).start()
        return False

    def _finished(self, done: Any) -> None:
        self.finishing = None
        self.finished_ok = True
        self.pdf_path = done.pdf
        self.changed.emit(OpChanges.of([self.uscc], declarations=(self.uscc,)))
        self.declarationSaved.emit(done.declaration.id)
        self.pdfRendered.emit(str(done.pdf))
        said = self.tr("已生成申报书：%1").replace("%1", done.pdf.name)  # the whole path is in the register
        self.finishedSaying.emit(said + wanting_note(done.wanting))
        if self.open_pdf:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(done.pdf)))
        self.accept()

    def _refused(self, err: BaseException, details: str) -> None:
        from shenbao.core.pdf import NotRenderable

        self.finishing = None
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(err, ProfileErrors):
            self.errors = list(err.errors)
            self.review.refresh()
        elif isinstance(err, (KnownError, NotRenderable)):
            self.review.error_label.setText(self.tr("无法完成：") + known_text(err))
        else:
            show_error(self, err, details)
