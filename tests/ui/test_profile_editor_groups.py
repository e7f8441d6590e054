"""The profile editor makes the rows of the groups a screen cannot show at first after its first frame:
until then it holds and reports every field's value as it did, and once they are made they show exactly
what an editor that made them all at once shows, in the same tab order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QGroupBox, QLabel, QLineEdit, QWidget

from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS, FIELD_GROUPS, RECOGNITION_KINDS, ProfileError
from shenbao.ui.field_widgets import FieldWidget
from shenbao.ui.profile_editor import ProfileEditor
from tests.store.factory import make_id_number
from tests.ui.conftest import saved_profile

LATE = "enterprise.contact_name"  # in the last group, 联系与登记信息, below any first frame
INVOICES = [
    {"supplier": "福州算力中心", "invoice_no": f"No.000{i}", "date": "2026-01-15", "amount": amount}
    for i, amount in enumerate((120000, 80000, 50000))
]


def profile() -> dict[str, Any]:
    """A profile showing every kind of line under a field, in the first groups and the last: facts its
    lists stand for (read-only), records of where values came from, contradictions, amounts."""
    doc = saved_profile(
        5,
        compute_invoices=INVOICES,  # 算力: shown at first
        core_engineers=[{"name": f"工程师{i}", "id_number": make_id_number(i)} for i in range(2)],  # 人才
        ai_products=[{"name": "模型一", "category": "软件"}],  # 模型、产品与平台
        infra_pflops_nominal=100,
        infra_pflops_sold=150,  # more sold than owned: a warning
        in_high_tech_zone=True,
        keytech_total_investment=3000000,
    )
    doc["enterprise"].update(
        province="浙江省",  # 福州市 is not in it: a warning
        contact_name="张三",
        contact_phone="0591-1234567",
        employees=18,
        revenue_prev_year=12500000,
        recognitions=[{"kind": "national_key_lab", "date": "2024-07-01"}],
    )
    doc["provenance"] = {
        "enterprise.contact_name": {"source": "imported", "date": "2026-11-01", "file": "名单.xlsx"},
        "enterprise.employees": {"source": "typed", "date": "2026-11-02"},
        "facts.keytech_total_investment": {"source": "typed", "date": "2026-11-03"},
    }
    return doc


def edit(editor: ProfileEditor) -> None:
    """What a user does before looking at the last groups: invalid text, an error the save found."""
    editor.set_text("enterprise.email", "a@")  # 联系与登记信息
    editor.set_text("facts.scenario_count", "三个")  # 项目与投入
    editor.set_text("facts.infra_pflops_nominal", "abc")  # 算力, with the contradiction's warning
    editor.show_errors([ProfileError("enterprise.rd_staff", "研发人员数不能多于职工人数")])


def built(editor: ProfileEditor) -> bool:
    return editor.findChild(QLineEdit, "enterprise.rd_expense_prev_year") is not None


def shown(editor: ProfileEditor) -> list[tuple[Any, ...]]:
    """Every field's widget and every line under it: what it says, whether it is shown, where."""
    out = []
    for w in editor.findChildren(QWidget):
        name = w.objectName()
        if not name.startswith(("enterprise.", "facts.", "recognition:")):
            continue
        seen = w.isVisibleTo(editor)
        state: list[Any] = [name, type(w).__name__, seen, w.isEnabled(), w.geometry() if seen else None]
        if isinstance(w, QLineEdit):
            state += [w.text(), w.isReadOnly(), w.placeholderText(), w.toolTip()]
        elif isinstance(w, QComboBox):
            state += [w.currentText(), w.toolTip()]
        elif isinstance(w, QCheckBox):
            state += [w.isChecked(), w.text()]
        elif isinstance(w, QLabel):
            state += [w.text()]
        elif isinstance(w, FieldWidget):
            hint = w.findChild(QLabel)
            state += [hint.text() if hint is not None and hint.isVisibleTo(editor) else ""]
        out.append(tuple(state))
    return sorted(out, key=repr)


def test_a_fresh_editor_on_a_small_screen_holds_the_fields_it_has_not_made(qtbot: Any) -> None:
    assert QGuiApplication.primaryScreen().availableGeometry().height() < 900  # the offscreen 800×600
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    editor.load(profile())
    editor.set_text("enterprise.email", "a@")
    assert editor.findChild(QLineEdit, "enterprise.name") is not None  # the first group is made
    for path in (LATE, "enterprise.email", "facts.keytech_total_investment"):
        assert editor.findChild(QLineEdit, path) is None
    assert editor.findChild(QLabel, "enterprise.email:message") is None
    assert editor.text(LATE) == "张三"
    assert editor.text("facts.core_engineer_count") == ""  # its list stands for it
    document = editor.document()
    assert document["enterprise"]["contact_name"] == "张三"
    assert document["enterprise"]["revenue_prev_year"] == 12500000
    assert document["facts"]["keytech_total_investment"] == 3000000
    assert "email" not in document["enterprise"] and "core_engineer_count" not in document["facts"]
    assert editor.message("enterprise.email") == "不是有效的电子邮箱"
    assert ("enterprise.email", "电子邮箱", "不是有效的电子邮箱") in editor.errors()
    assert editor.label(LATE) == "联系人"
    assert editor.source_text(LATE) == "导入自 名单.xlsx（2026-11-01）"
    assert editor.source_text("facts.core_engineer_count") == "由 2 名工程师的名册计得 · 编辑工程师名册"
    assert editor.warning("enterprise.province")
    assert editor.findChild(QLineEdit, LATE) is None  # asking made nothing


def test_after_the_first_frame_every_group_shows_what_an_editor_made_at_once_shows(qtbot: Any) -> None:
    eager = ProfileEditor()
    qtbot.addWidget(eager)
    eager.build_all()
    eager.resize(640, 720)
    eager.show()
    eager.load(profile())
    edit(eager)

    lazy = ProfileEditor()
    qtbot.addWidget(lazy)
    lazy.resize(640, 720)
    lazy.show()
    lazy.load(profile())
    edit(lazy)
    assert not built(lazy)
    qtbot.waitUntil(lambda: built(lazy), timeout=2000)  # the event loop, nothing asking for a field
    for _ in range(3):  # both laid out
        QApplication.processEvents()

    count = lazy.widget("facts.core_engineer_count")
    assert isinstance(count, QLineEdit) and count.text() == "2" and count.isReadOnly()
    assert lazy.findChild(QLabel, "enterprise.email:message").isVisibleTo(lazy)
    assert lazy.findChild(QLabel, "enterprise.rd_staff:message").text() == "研发人员数不能多于职工人数"
    assert lazy.findChild(QLabel, f"{LATE}:source").isVisibleTo(lazy)
    assert shown(lazy) == shown(eager)
    assert lazy.field_paths() == eager.field_paths()
    assert lazy.document() == eager.document()


def needed(widget: QWidget) -> int:
    """The height a widget's rows need at its width."""
    height = widget.heightForWidth(widget.width())  # a label too long for its row goes above its field
    return height if height >= 0 else widget.minimumSizeHint().height()


class Frames(QObject):
    """What is drawn of an editor: the groups drawn smaller than their rows need, and how often each of
    `watched` is drawn."""

    def __init__(self, editor: ProfileEditor, watched: list[QWidget]) -> None:
        super().__init__(editor)
        self.editor, self.squeezed, self.drawn = editor, set[str](), dict.fromkeys(watched, 0)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        drawn = event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
        if drawn and self.editor.isAncestorOf(watched):
            boxes = self.editor.findChildren(QGroupBox)
            self.squeezed |= {b.title() for b in boxes if b.height() < needed(b)}
            if watched in self.drawn:
                self.drawn[watched] += 1
        return False


def test_the_groups_made_after_the_first_frame_neither_squeeze_nor_redraw_what_is_shown(qtbot: Any) -> None:
    """The rows made after the first frame are laid out in the height they need before anything is
    drawn again: no later frame shows them crammed into the height of their empty groups, and the fields
    the first frame drew are not drawn again (squeezed and laid out again, they were, each)."""
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    editor.resize(640, 720)
    editor.load(profile())
    shown_first = [editor.widget("enterprise.org_type"), editor.widget("recognition:national_key_lab")]
    frames = Frames(editor, shown_first)
    try:
        editor.show()
        qtbot.waitUntil(lambda: all(frames.drawn.values()), timeout=2000)  # the first frame
        assert not built(editor)
        frames.squeezed.clear()  # (Qt lays out a group whose labels wrap anew after the first frame)
        qtbot.waitUntil(lambda: built(editor), timeout=2000)
        for _ in range(5):
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(frames)
    assert frames.squeezed == set()
    assert list(frames.drawn.values()) == [1, 1]
    assert editor.scroll_area.widget().height() >= needed(editor.scroll_area.widget())


def test_a_field_edited_before_its_group_is_made_shows_the_edit_and_undoes(qtbot: Any) -> None:
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    editor.load(profile())
    editor.set_text(LATE, "李四")
    assert editor.findChild(QLineEdit, LATE) is None
    assert editor.document()["enterprise"]["contact_name"] == "李四" and not editor.is_clean()
    assert editor.undo_stack.undoText() == "修改“联系人”"
    editor.build_all()
    line = editor.findChild(QLineEdit, LATE)
    assert line is not None and line.text() == "李四"
    assert editor.findChild(QLabel, f"{LATE}:source").text() == "导入自 名单.xlsx（2026-11-01）"
    editor.undo_stack.undo()
    assert line.text() == "张三" and editor.is_clean()
    assert editor.document()["enterprise"]["contact_name"] == "张三"
    editor.undo_stack.redo()
    assert line.text() == "李四"


def test_focusing_a_field_not_yet_made_makes_it_and_scrolls_to_it(qtbot: Any) -> None:
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    editor.resize(640, 480)
    editor.show()
    assert editor.findChild(QLineEdit, "enterprise.email") is None
    assert editor.focus_field("enterprise.email")
    line = editor.findChild(QLineEdit, "enterprise.email")
    assert line is not None and editor.focusWidget() is line
    assert editor.scroll_area.verticalScrollBar().value() > 0  # laid out at once: scrolled down to it
    viewport = editor.scroll_area.viewport()
    corner = line.mapTo(viewport, line.rect().topLeft())
    assert viewport.rect().contains(corner)


def groups(editor: ProfileEditor) -> list[list[QWidget]]:
    """The widgets Tab stops at in each group, in the form's order (a recognition: its box, its date)."""
    out: list[list[QWidget]] = []
    specs = [*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values()]
    for group in FIELD_GROUPS:
        out.append([editor.widget(s.path) for s in specs if s.group == group])
        if group == "basic":
            stops: list[QWidget] = []
            for kind in RECOGNITION_KINDS:
                stops += [editor.widget(f"recognition:{kind}")]
                stops += [editor.findChild(QLineEdit, f"recognition:{kind}:date")]
            out.append(stops)
    return out


def test_tab_goes_from_each_group_to_the_next_and_from_the_last_to_the_preview(
    qtbot: Any, window: Any
) -> None:
    editor = window.editor
    assert not built(editor)
    qtbot.waitUntil(lambda: built(editor), timeout=2000)
    QApplication.processEvents()
    boxes = groups(editor)
    for before, after in zip(boxes, boxes[1:], strict=False):
        before[-1].setFocus()
        qtbot.keyClick(before[-1], Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is after[0], (before[-1].objectName(), after[0].objectName())
        qtbot.keyClick(after[0], Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is before[-1]
    within = boxes[-1]
    for one, two in zip(within, within[1:], strict=False):
        one.setFocus()
        qtbot.keyClick(one, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is two
    last = boxes[-1][-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert window.preview.isAncestorOf(QApplication.focusWidget())


def test_a_fact_a_list_stood_for_is_not_carried_into_the_next_enterprise(qtbot: Any) -> None:
    """A field's value is read from what the editor holds, not from its widget: the total of the last
    enterprise's invoices, shown read-only, is not taken as the next one's typed value."""
    editor = ProfileEditor()
    qtbot.addWidget(editor)
    editor.build_all()
    for i, invoices in enumerate((INVOICES, INVOICES[:1], [])):
        editor.load(saved_profile(i, compute_invoices=invoices) if invoices else saved_profile(i))
        assert "compute_purchase_amount" not in editor.document()["facts"]
        assert editor.message("facts.compute_purchase_amount") is None
    line = editor.widget("facts.compute_purchase_amount")
    assert isinstance(line, QLineEdit) and line.text() == "" and not line.isReadOnly()
