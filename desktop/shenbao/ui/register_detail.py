"""The register's detail panel: one declaration's file, basis, state changes, payments, deadline and
materials.

It shows what core.register says and hands every change back to the RegisterView, which writes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shenbao.ui.markup import escape
from shenbao.ui.style import (
    bracketed,
    gap,
    measure_title,
    money_or_dash,
    policy_text,
    sentence_text,
    state_text,
)

if TYPE_CHECKING:
    from shenbao.ui.register_view import RegisterView

ERROR_STYLE = "color: #b00020;"
WARN_STYLE = "color: #a15c00;"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class DetailPanel(QWidget):
    """The selected declaration; empty when none is selected."""

    def __init__(self, view: RegisterView) -> None:
        super().__init__(view)
        self.view = view
        self.entry: Any = None
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.basis = QLabel()
        self.basis.setObjectName("basis")
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet(WARN_STYLE)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.path = QLineEdit()
        self.path.setObjectName("pdfPath")
        self.path.setReadOnly(True)
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.folder_button = QPushButton(self.tr("在文件夹中显示"))
        self.print_button = QPushButton(self.tr("打印(&P)…"))
        self.copy_button = QPushButton(self.tr("复制路径"))
        self.regenerate_button = QPushButton(self.tr("重新生成"))
        self.wizard_button = QPushButton(self.tr("在向导中继续(&W)"))
        self.open_button.clicked.connect(view.open_pdf)
        self.folder_button.clicked.connect(view.show_in_folder)
        self.print_button.clicked.connect(view.print_pdf)
        self.copy_button.clicked.connect(view.copy_path)
        self.regenerate_button.clicked.connect(view.regenerate)
        self.wizard_button.clicked.connect(view.reopen)
        for button in (
            self.open_button,
            self.folder_button,
            self.print_button,
            self.copy_button,
            self.regenerate_button,
            self.wizard_button,
        ):
            button.setAutoDefault(True)  # Enter presses the button with the focus, as in a dialog
        file_buttons = QVBoxLayout()
        for row in (
            (self.open_button, self.folder_button, self.print_button),
            (self.copy_button, self.regenerate_button, self.wizard_button),
        ):
            line = QHBoxLayout()
            for button in row:
                line.addWidget(button)
            line.addStretch(1)
            file_buttons.addLayout(line)

        self.next_state = QComboBox()
        self.next_state.setObjectName("nextState")
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("如：榕科受〔2026〕88号"))
        self.awarded = QLineEdit()
        self.awarded.setPlaceholderText(self.tr("元，入选或立项时"))
        self.received = QLineEdit()
        self.received.setPlaceholderText(self.tr("元，本次拨付；分期拨付时每期记录一次"))
        self.note = QLineEdit()
        self.record_button = QPushButton(self.tr("记录(&R)"))
        self.record_button.clicked.connect(self.record)
        self.record_button.setAutoDefault(True)
        self.state_group = QGroupBox(self.tr("更改状态"))
        form = QFormLayout(self.state_group)
        form.addRow(self.tr("改为"), self.next_state)
        form.addRow(self.tr("日期"), self.on)
        form.addRow(self.tr("受理编号"), self.reference)
        form.addRow(self.tr("核定金额"), self.awarded)
        form.addRow(self.tr("拨付金额"), self.received)
        form.addRow(self.tr("备注"), self.note)
        form.addRow("", self.record_button)

        # a payment recorded wrong (60,000 typed for 6,000) is removed here; the history keeps it
        self.payment_choice = QComboBox()
        self.payment_choice.setObjectName("payments")
        self.payment_reason = QLineEdit()
        self.payment_reason.setObjectName("paymentReason")
        self.payment_reason.setPlaceholderText(self.tr("撤销原因（可不填），记入状态记录"))
        self.remove_payment_button = QPushButton(self.tr("撤销这笔拨付…"))
        self.remove_payment_button.setObjectName("removePayment")
        self.remove_payment_button.setAutoDefault(True)
        self.remove_payment_button.clicked.connect(self.ask_remove_payment)
        self.payments_group = QGroupBox(self.tr("拨付记录"))
        payments_form = QFormLayout(self.payments_group)
        payments_form.addRow(self.tr("拨付"), self.payment_choice)
        payments_form.addRow(self.tr("原因"), self.payment_reason)
        payments_form.addRow("", self.remove_payment_button)

        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline_button = QPushButton(self.tr("设为截止日期"))
        self.clear_deadline_button = QPushButton(self.tr("清除"))
        self.deadline_button.clicked.connect(self.set_deadline)
        self.clear_deadline_button.clicked.connect(self.clear_deadline)
        for button in (self.deadline_button, self.clear_deadline_button):
            button.setAutoDefault(True)
        deadline_row = QHBoxLayout()
        self.deadline_label = QLabel(self.tr("截止日期"))
        self.deadline_label.setBuddy(self.deadline)
        deadline_row.addWidget(self.deadline_label)
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.deadline_button)
        deadline_row.addWidget(self.clear_deadline_button)
        deadline_row.addStretch(1)

        self.history = QTextBrowser()
        self.history.setObjectName("history")
        self.history.setMaximumHeight(140)
        self.materials_group = QGroupBox(self.tr("申报材料清单"))
        self.materials_layout = QVBoxLayout(self.materials_group)
        self.material_boxes: list[QCheckBox] = []

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.summary)
        body.addWidget(self.basis)
        body.addWidget(self.path)
        body.addLayout(file_buttons)
        body.addWidget(self.state_group)
        body.addWidget(self.payments_group)
        body.addLayout(deadline_row)
        body.addWidget(QLabel(self.tr("状态记录")))
        body.addWidget(self.history)
        body.addWidget(self.materials_group)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.show_entry(None, False)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    # --- showing ----------------------------------------------------------------------------------

    def show_entry(self, e: Any, changed: bool) -> None:
        if e is not self.entry and (e is None or self.entry is None or e.id != self.entry.id):
            self.say("")
        self.entry = e
        self.body.setVisible(e is not None)
        if e is None:
            self.title.setText(self.tr("选择一份申报查看详情"))
            return
        self.title.setText(f"#{e.id} " + bracketed(measure_title(e.measure, e.title), e.measure))
        lines = [
            bracketed(e.name, e.uscc),
            self.tr("状态：{state}").format(state=state_text(e.state))
            + (self.tr("　受理编号：{ref}").format(ref=e.reference) if e.reference else ""),
            self.tr("申请 {applied}　核定 {awarded}　已拨付 {received}").format(
                applied=self._sum(e.amount_applied),
                awarded=self._sum(e.amount_awarded),
                received=self._sum(e.received),
            ),
        ]
        cover = ([self.tr("受理部门：{office}").format(office=e.office)] if e.office else []) + (
            [self.tr("申报日期：{day}").format(day=e.declared_on.isoformat())] if e.declared_on else []
        )
        if cover:  # as printed on the form's cover
            lines.append(gap().join(cover))
        if e.as_of is not None:
            lines.append(
                self.tr("测算日期 {as_of}　政策数据 {version}").format(
                    as_of=e.as_of, version=e.policy_version
                )
            )
        self.summary.setText("\n".join(lines))
        self._show_basis(e, changed)
        self._show_file(e)
        self._show_states(e)
        self._show_payments(e)
        self._show_history(e)
        self._show_materials(e)

    def _sum(self, value: Any) -> str:
        """A sum with its unit, or — alone when there is none (as `declarations show` writes it)."""
        return "—" if value is None else self.tr("{sum} 元").format(sum=money_or_dash(value))

    def _show_basis(self, e: Any, changed: bool) -> None:
        self.basis.setVisible(changed)
        if not changed:
            self.basis.clear()
            return
        from shenbao.core.register import basis_change

        change = basis_change(self.view.ctx.store, e)
        judged = SimpleNamespace(measure=e.measure, conditions=())
        lines = [sentence_text(judged, line) for line in change.lines] if change else []
        self.basis.setText(self.tr("依据已变化：") + self.tr("；").join(lines))

    def _show_file(self, e: Any) -> None:
        state = e.pdf_state()
        self.path.setText(e.pdf_path or "")
        self.path.setVisible(bool(e.pdf_path))
        printable = state in ("ok", "changed")
        for button in (self.open_button, self.print_button):
            button.setEnabled(printable)
        self.folder_button.setEnabled(bool(e.pdf_path))
        self.copy_button.setEnabled(bool(e.pdf_path))
        self.regenerate_button.setVisible(e.state != "draft")
        self.regenerate_button.setEnabled(state in ("missing", "changed"))
        self.wizard_button.setVisible(e.state == "draft")
        for button in (self.open_button, self.folder_button, self.print_button, self.copy_button):
            button.setVisible(e.state != "draft")
        if state == "missing":
            self.say(self.tr("申报书文件已被移动或删除，可点击“重新生成”"), error=True)
        elif state == "changed":
            self.say(self.tr("申报书文件在生成后被修改过"), error=True)

    def _show_states(self, e: Any) -> None:
        self.next_state.clear()
        for state in e.allowed():
            self.next_state.addItem(state_text(state), state)
        self.state_group.setEnabled(self.next_state.count() > 0)
        today = self._today()
        self.on.setMaximumDate(_qdate(today))
        if e.last_change() is not None:  # a removed payment's event, dated when removed, is not one
            self.on.setMinimumDate(_qdate(e.last_change()))
        elif e.made_on() is not None:  # none left from the declaration shown before
            self.on.setMinimumDate(_qdate(min(e.made_on(), today)))
        else:
            self.on.clearMinimumDate()
        self.on.setDate(_qdate(today))
        for edit in (self.reference, self.awarded, self.received, self.note):
            edit.clear()
        # with none set, the date offered to set is today + 14, and the label says none is set: the date
        # alone read as a deadline the declaration had
        self.deadline.setDate(_qdate(e.deadline or today + dt.timedelta(days=14)))
        self.deadline_label.setText(self.tr("截止日期") if e.deadline else self.tr("截止日期\n（未设）"))
        self.clear_deadline_button.setEnabled(e.deadline is not None)

    def _show_payments(self, e: Any) -> None:
        self.payment_choice.clear()
        for n, p in enumerate(e.payments, 1):
            parts = [f"{n}.", p.on.isoformat(), self._sum(p.amount)] + ([p.note] if p.note else [])
            self.payment_choice.addItem(gap().join(parts), n - 1)
        if e.payments:  # the latest, the one most often typed wrong just now
            self.payment_choice.setCurrentIndex(len(e.payments) - 1)
        self.payment_reason.clear()
        self.payments_group.setVisible(bool(e.payments))
        self.payments_group.setEnabled(not e.is_end)

    def _today(self) -> dt.date:
        """The window's today (AppContext.today), which the dates of a change are checked against."""
        today = getattr(self.view.ctx, "today", None)
        return today() if callable(today) else dt.date.today()

    def _show_history(self, e: Any) -> None:
        rows = []
        for ev in e.events:
            parts = [ev.on.isoformat(), state_text(ev.state)]
            if ev.reference:
                parts.append(ev.reference)
            if ev.note:
                parts.append(self._note_text(ev))
            rows.append(gap().join(escape(p) for p in parts))
        for p in e.payments:
            rows.append(
                escape(
                    self.tr("{on}　拨付 {amount} 元").format(
                        on=p.on.isoformat(), amount=money_or_dash(p.amount)
                    )
                )
            )
        self.history.setHtml("<br>".join(rows))

    def _note_text(self, ev: Any) -> str:
        """An event's note: the one printing writes (已生成 is never set by hand) in the interface's
        language; a note the user typed as typed."""
        from shenbao.core.register import GENERATED_NOTE, state_of

        if ev.state == "generated" and ev.note.startswith(GENERATED_NOTE):
            return self.tr("生成申报书 {file}").format(file=ev.note.removeprefix(GENERATED_NOTE))
        removed = _removed_note().match(ev.note)
        if removed:
            on, amount, note, back, reason = removed.groups()
            text = self.tr("撤销拨付 {on} {amount} 元").format(on=on, amount=amount)
            text += self.tr("（{note}）").format(note=note) if note else ""
            text += self.tr("，回到{state}").format(state=state_text(state_of(back))) if back else ""
            return text + (self.tr("；{reason}").format(reason=reason) if reason else "")
        return str(ev.note)

    def _show_materials(self, e: Any) -> None:
        while self.materials_layout.count():
            item = self.materials_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # type: ignore[call-overload]
                widget.deleteLater()
        self.material_boxes = []
        self.materials_group.setVisible(bool(e.materials))
        warnings = {"changed": self.tr("文件在附上后已变化"), "missing": self.tr("文件不存在")}
        for m in e.materials:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox()
            box.setAccessibleName(policy_text(m.item))
            box.setChecked(m.done)
            box.toggled.connect(lambda on, pos=m.position: self.tick(pos, on))
            self.material_boxes.append(box)
            line.addWidget(box)
            line.addWidget(_ItemText(policy_text(m.item), box), 1)  # wraps: a long item never widens the pane
            if m.path:
                shown = QLabel(m.path.replace("\\", "/").rsplit("/", 1)[-1])
                shown.setToolTip(m.path)
                line.addWidget(shown)
                warning = warnings.get(m.file_state() or "")
                if warning:
                    flag = QLabel("⚠ " + warning)
                    flag.setObjectName("fileWarning")
                    flag.setStyleSheet(WARN_STYLE)
                    line.addWidget(flag)
            attach = QPushButton(self.tr("附文件…"))
            attach.setAutoDefault(True)
            attach.clicked.connect(lambda _c=False, pos=m.position: self.view.choose_file(pos))
            line.addWidget(attach)
            self.materials_layout.addWidget(row)

    # --- changes ----------------------------------------------------------------------------------

    def record(self) -> bool:
        from shenbao.core.register import set_state

        state = self.next_state.currentData()
        if not state:
            return False
        on, note = _date(self.on), self.note.text().strip()
        reference = self.reference.text().strip() or None
        awarded = self.awarded.text().strip() or None
        received = self.received.text().strip() or None
        today = self._today()
        ok = self.view.apply(
            lambda store, id_: set_state(
                store,
                id_,
                state,
                on=on,
                reference=reference,
                note=note,
                awarded=awarded,
                received=received,
                today=today,
            )
        )
        if ok:
            self.say(self.tr("已记为{state}").format(state=state_text(state)))
            self.view.changedState.emit(self.entry.id if self.entry else 0, state)
        return ok

    def ask_remove_payment(self) -> QMessageBox | None:
        """Ask, naming the payment's date and sum (and the state the declaration goes back to with its
        last payment), before removing the payment chosen; `remove_payment` on 「撤销拨付」."""
        e, position = self.entry, self.payment_choice.currentData()
        if e is None or position is None or not 0 <= position < len(e.payments):
            return None
        p = e.payments[position]
        text = self.tr("撤销 {on} 拨付的 {amount}？").format(on=p.on.isoformat(), amount=self._sum(p.amount))
        if len(e.payments) == 1 and e.state == "paid":
            text += "\n" + self.tr("这是唯一一笔拨付，撤销后申报回到已拨付之前的状态。")
        text += "\n" + self.tr("状态记录会保留这笔拨付及撤销的日期和操作人。")
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("撤销拨付"), text, buttons.NoButton, self)
        box.setObjectName("removePaymentQuestion")
        yes = box.addButton(self.tr("撤销拨付"), QMessageBox.ButtonRole.DestructiveRole)
        yes.setObjectName("removeButton")
        no = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # Enter keeps the payment
        reason = self.payment_reason.text().strip()
        yes.clicked.connect(lambda: self.remove_payment(e.id, position, p, reason))
        box.open()
        return box

    def remove_payment(self, declaration_id: int, position: int, payment: Any, reason: str) -> bool:
        """Remove the payment the question named: refused when the register changed meanwhile (another
        window or command removed or added one), so another payment is never removed in its place."""
        from shenbao.core.register import remove_payment

        if self.entry is None or self.entry.id != declaration_id:
            return False
        today, was = self._today(), self.entry.state
        ok = self.view.apply(
            lambda store, id_: remove_payment(
                store, id_, position, note=reason, expected=payment, today=today
            )
        )
        if ok:
            self.say(
                self.tr("已撤销 {on} 拨付的 {amount}").format(
                    on=payment.on.isoformat(), amount=self._sum(payment.amount)
                )
            )
            if self.entry is not None and self.entry.state != was:  # its last payment: back to before
                self.view.changedState.emit(self.entry.id, self.entry.state)
        return ok

    def tick(self, position: int, done: bool) -> None:
        from shenbao.core.register import tick

        if self.view.apply(lambda store, id_: tick(store, id_, position, done)):
            return
        # refused (a read-only or locked data folder): the box shows what is stored, not the click
        places = [m.position for m in self.entry.materials] if self.entry is not None else []
        if position in places and places.index(position) < len(self.material_boxes):
            box = self.material_boxes[places.index(position)]
            with QSignalBlocker(box):
                box.setChecked(not done)

    def set_deadline(self) -> None:
        from shenbao.core.register import set_deadline

        day = _date(self.deadline)
        self.view.apply(lambda store, id_: set_deadline(store, id_, day))

    def clear_deadline(self) -> None:
        from shenbao.core.register import set_deadline

        self.view.apply(lambda store, id_: set_deadline(store, id_, None))


@functools.cache
def _removed_note() -> re.Pattern[str]:
    """The note `core.register.remove_payment` writes: the payment's date, sum and note, the state gone
    back to, the reason given."""
    from shenbao.core.register import REMOVED_NOTE, STATE_LABELS

    states = "|".join(re.escape(STATE_LABELS[s]) for s in ("accepted", "selected"))
    return re.compile(
        rf"^{re.escape(REMOVED_NOTE)}(\d{{4}}-\d\d-\d\d) ([\d,.]+) 元(?:（(.*?)）)?(?:，回到({states}))?(?:；(.*))?$",
        re.DOTALL,
    )


class _ItemText(QLabel):
    """A checklist item's words beside its box, wrapped to the pane's width; a click on them ticks it."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)

    def mouseReleaseEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
        super().mouseReleaseEvent(event)
