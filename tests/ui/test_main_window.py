"""The main window driven as a user would: create an enterprise, type facts and watch the preview, save,
search, duplicate, delete, close with unsaved edits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from tests.ui.conftest import AS_OF, saved_profile
from tests.ui.drive import retype, type_text

YES = QMessageBox.StandardButton.Yes
SAVE = QMessageBox.StandardButton.Save
CANCEL = QMessageBox.StandardButton.Cancel
DISCARD = QMessageBox.StandardButton.Discard


def test_an_empty_folder_opens_on_a_new_enterprise(window: Any) -> None:
    assert window.store is not None
    assert window.enterprises.model.rowCount() == 0
    assert window.editor.text("enterprise.province") == "福建省"
    assert window.windowTitle().startswith("新企业（未保存）")
    assert window.actions_by_id["library"].isEnabled() and window.actions_by_id["wizard"].isEnabled()


def test_saving_with_invalid_fields_names_them_in_chinese_and_keeps_the_text(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    type_text(qtbot, window.editor.widget("enterprise.name"), "福州某公司")
    type_text(qtbot, window.editor.widget("enterprise.uscc"), "913501")
    type_text(qtbot, window.editor.widget("facts.ai_product_count"), "两三个")
    assert window.save() is False
    warning = dialogs.texts("warning")[-1]
    assert "统一社会信用代码" in warning and "整数" in warning
    assert window.editor.text("facts.ai_product_count") == "两三个"
    assert window.enterprises.model.rowCount() == 0
    window.editor.set_text("enterprise.uscc", "")
    window.editor.set_text("facts.ai_product_count", "")
    assert window.save() is False
    assert "统一社会信用代码" in dialogs.texts("warning")[-1]


def test_search_filters_as_you_type_and_the_keyboard_reaches_the_list(qtbot: Any, window: Any) -> None:
    for i in range(4):
        window.store.save_profile(saved_profile(i))
    window.reload()
    type_text(qtbot, window.enterprises.search, "测试2")
    assert window.enterprises.proxy.rowCount() == 1
    qtbot.keyClick(window.enterprises.search, Qt.Key.Key_Down)
    assert window.enterprises.table.hasFocus()
    assert window.editor.text("enterprise.name") == "福州测试2科技有限公司"
    qtbot.keyClick(window.enterprises.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.editor.widget("enterprise.name")
    window.enterprises.search.clear()
    assert window.enterprises.proxy.rowCount() == 4


def test_switching_enterprise_with_unsaved_edits_asks_first(qtbot: Any, window: Any, dialogs: Any) -> None:
    for i in range(2):
        window.store.save_profile(saved_profile(i))
    window.reload()
    window.select_enterprise(saved_profile(0)["enterprise"]["uscc"])
    type_text(qtbot, window.editor.widget("facts.compute_purchase_amount"), "9")
    dialogs.answers = [CANCEL]
    window.select_enterprise(saved_profile(1)["enterprise"]["uscc"])
    qtbot.waitUntil(lambda: not dialogs.answers)
    assert window.editor.text("facts.compute_purchase_amount") == "9"
    assert (
        window.enterprises.proxy.uscc_at(window.enterprises.table.currentIndex())
        == saved_profile(0)["enterprise"]["uscc"]
    )
    dialogs.answers = [SAVE]
    window.select_enterprise(saved_profile(1)["enterprise"]["uscc"])
    qtbot.waitUntil(lambda: window.editor.text("enterprise.name") == "福州测试1科技有限公司")
    assert (
        window.store.get_profile(saved_profile(0)["enterprise"]["uscc"])["facts"]["compute_purchase_amount"]
        == 9
    )


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_everything(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    type_text(qtbot, window.editor.widget("enterprise.name"), "未保存的企业")
    dialogs.answers = [CANCEL]
    assert window.close() is False
    assert window.isVisible()
    assert "尚未保存" in dialogs.shown[-1][1]
    dialogs.answers = [DISCARD]
    assert window.close() is True
    assert window.store is None


def test_duplicate_and_delete(window: Any, dialogs: Any) -> None:
    window.store.save_profile(saved_profile(1, compute_purchase_amount=5))
    window.reload()
    window.select_enterprise(saved_profile(1)["enterprise"]["uscc"])
    new_code = saved_profile(2)["enterprise"]["uscc"]
    dialogs.inputs = [("不是代码", True), (new_code, True), ("福州分公司", True)]
    window.actions_by_id["duplicate"].trigger()
    assert "校验码不符" in dialogs.shown[-2][2]
    assert window.enterprises.model.rowCount() == 2
    assert window.editor.text("enterprise.name") == "福州分公司"
    assert window.editor.text("facts.compute_purchase_amount") == "5"
    dialogs.answers = [QMessageBox.StandardButton.No]
    window.actions_by_id["delete"].trigger()
    assert window.enterprises.model.rowCount() == 2
    dialogs.answers = [YES]
    window.actions_by_id["delete"].trigger()
    assert window.enterprises.model.rowCount() == 1
    assert not window.store.has_enterprise(new_code)
    assert any("before-delete" in p.name for p in window.store.list_backups())


def test_a_changed_code_is_saved_as_a_new_enterprise_only_when_confirmed(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    window.store.save_profile(saved_profile(1))
    window.reload()
    window.select_enterprise(saved_profile(1)["enterprise"]["uscc"])
    window.editor.set_text("enterprise.uscc", saved_profile(3)["enterprise"]["uscc"])
    dialogs.answers = [QMessageBox.StandardButton.No]
    assert window.save() is False
    dialogs.answers = [YES]
    assert window.save() is True
    assert window.enterprises.model.rowCount() == 2


def test_undo_and_redo_are_menu_actions_with_the_standard_keys(qtbot: Any, window: Any) -> None:
    type_text(qtbot, window.editor.widget("enterprise.name"), "福州")
    undo = window.actions_by_id["undo"]
    assert undo.isEnabled()
    assert undo.shortcut().matches(window.actions_by_id["undo"].shortcut())
    undo.trigger()
    assert window.editor.text("enterprise.name") == ""
    window.actions_by_id["redo"].trigger()
    assert window.editor.text("enterprise.name") == "福州"


def test_ctrl_z_in_the_next_field_undoes_the_field_just_left(qtbot: Any, window: Any) -> None:
    """Typed in one field, Tab to the next and Ctrl+Z: the edit just made is undone, and the redo key
    makes it again. A line takes those keys for its own history even when it has none, so from a field
    not yet typed in the keys did nothing; within a line typed in they still undo its own typing."""
    window.store.save_profile(saved_profile(0, compute_purchase_amount=1000))
    window.reload()
    window.select_enterprise(saved_profile(0)["enterprise"]["uscc"])
    amount = window.editor.widget("facts.compute_purchase_amount")
    retype(qtbot, amount, "5000")
    qtbot.keyClick(amount, Qt.Key.Key_Tab)
    following = QApplication.focusWidget()
    assert isinstance(following, QLineEdit) and following is not amount
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(following, Qt.Key.Key_Z, ctrl)
    assert window.editor.text("facts.compute_purchase_amount") == "1000"
    assert window.editor.is_clean()
    redo = window.actions_by_id["redo"].shortcut()[0]
    qtbot.keyClick(following, redo.key(), redo.keyboardModifiers())
    assert window.editor.text("facts.compute_purchase_amount") == "5000"
    type_text(qtbot, following, "2")  # the line's own typing first, as before
    qtbot.keyClick(following, Qt.Key.Key_Z, ctrl)
    assert following.text() == "" and window.editor.text("facts.compute_purchase_amount") == "5000"
    window.editor.undo_stack.setClean()


def test_every_standard_undo_and_redo_key_works(qtbot: Any, window: Any) -> None:
    """Redo had only the first of the platform's redo keys (Ctrl+Y): Ctrl+Shift+Z, the redo key of
    most Linux programs and the one a Windows user tries second, did nothing. Each key of the standard
    undo and redo now works, and none is taken by another action."""
    from PySide6.QtGui import QKeySequence

    window.store.save_profile(saved_profile(0, compute_purchase_amount=1000))
    window.reload()
    window.select_enterprise(saved_profile(0)["enterprise"]["uscc"])
    amount = window.editor.widget("facts.compute_purchase_amount")
    retype(qtbot, amount, "5000")
    qtbot.keyClick(amount, Qt.Key.Key_Tab)
    following = QApplication.focusWidget()
    standard = QKeySequence.StandardKey
    for name, key in (("undo", standard.Undo), ("redo", standard.Redo)):
        bound = {s.toString() for s in window.actions_by_id[name].shortcuts()}
        assert {s.toString() for s in QKeySequence.keyBindings(key)} <= bound
    others = [a for i, a in window.actions_by_id.items() if i not in ("undo", "redo")]
    taken = {s.toString() for a in others for s in a.shortcuts()}
    assert not taken & {s.toString() for s in window.actions_by_id["redo"].shortcuts()}
    assert not taken & {s.toString() for s in window.actions_by_id["undo"].shortcuts()}
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for undo_key, redo_key in (((Qt.Key.Key_Z, ctrl), (Qt.Key.Key_Z, ctrl | shift)),) * 2:
        qtbot.keyClick(following, *undo_key)
        assert window.editor.text("facts.compute_purchase_amount") == "1000"
        qtbot.keyClick(following, *redo_key)
        assert window.editor.text("facts.compute_purchase_amount") == "5000"
    window.editor.undo_stack.setClean()


def test_undoing_back_to_the_saved_value_leaves_nothing_to_save(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    """1000 saved, 5000 typed over it and Ctrl+Z pressed in the field: the field showed 1000 again, yet the
    title kept its * and closing asked to save. A profile equal to what is stored has nothing to save,
    however the fields came back to it."""
    window.store.save_profile(saved_profile(0, compute_purchase_amount=1000))
    window.reload()
    window.select_enterprise(saved_profile(0)["enterprise"]["uscc"])
    amount = window.editor.widget("facts.compute_purchase_amount")
    amount.setFocus()
    amount.selectAll()
    type_text(qtbot, amount, "5000")
    assert window.isWindowModified() and not window.editor.is_clean()
    qtbot.keyClick(amount, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert amount.text() == "1000" and window.editor.text("facts.compute_purchase_amount") == "1000"
    assert window.editor.is_clean() and not window.isWindowModified()
    retype(qtbot, amount, "5000")  # another visit types it again, a third types the saved value back
    assert window.isWindowModified()
    retype(qtbot, window.editor.widget("enterprise.legal_representative"), "张三")
    retype(qtbot, window.editor.widget("enterprise.legal_representative"), "")
    retype(qtbot, amount, "1000")
    assert window.editor.is_clean() and not window.isWindowModified()
    window.actions_by_id["undo"].trigger()  # undone, it differs from what is stored again
    assert window.editor.text("facts.compute_purchase_amount") == "5000" and window.isWindowModified()
    window.actions_by_id["redo"].trigger()
    assert window.editor.is_clean() and not window.isWindowModified()
    assert window.close()
    assert not dialogs.texts("question") and not dialogs.texts("warning")


def test_the_wizard_asked_for_before_a_measure_is_chosen_says_to_choose_one(qtbot: Any, window: Any) -> None:
    """申报 → 填写申报 (Ctrl+Shift+W) with no measure chosen in the preview did nothing and said nothing;
    it now says to choose a measure, and puts the focus on the list to choose from."""
    window.store.save_profile(saved_profile(0))
    window.reload()
    window.select_enterprise(saved_profile(0)["enterprise"]["uscc"])
    assert window.preview.current_result() is None
    window.actions_by_id["wizard"].trigger()
    assert window.statusBar().currentMessage() == "请先在右侧的测算结果中选择一项措施，再填写申报"
    assert QApplication.focusWidget() is window.preview.tree
    assert window.windows.open_now == []


def test_the_list_s_short_columns_fit_every_enterprise_and_hold_still_while_searching(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    """The code, 地区 and 申报 columns are as wide as the widest cell any enterprise's row asks its
    delegate for (or the title), measured once per listing: a search does not move them, a longer place
    saved widens its column. With more near-widest texts than are laid out, the characters' widths
    added up give a width never narrower and at most a few pixels wider."""
    from shenbao.ui import enterprise_list
    from shenbao.ui.enterprise_model import EnterpriseTableModel

    places = ["鼓楼区", "平潭综合实验区", "Gulou", "马尾区（福州经济技术开发区）", ""]
    for i in range(25):
        doc = saved_profile(i)
        doc["enterprise"]["district"] = places[i % len(places)] or None
        window.store.save_profile(doc)
    window.resize(1900, 900)
    window.splitter.setSizes([1300, 600])  # room for every column beside the names
    window.reload()
    lists = window.enterprises
    table, header = lists.table, lists.table.horizontalHeader()
    grid = 1 if table.showGrid() else 0

    def every_row(column: int) -> int:
        asked = [
            table.sizeHintForIndex(lists.proxy.index(r, column)).width() + grid
            for r in range(lists.proxy.rowCount())
        ]
        return max([lists._title_width(column), *asked])  # the title whole (the header's hint may be stale)

    columns = (EnterpriseTableModel.USCC, EnterpriseTableModel.DISTRICT, EnterpriseTableModel.DECLARATIONS)
    assert not any(table.isColumnHidden(c) for c in columns)
    fitted = {c: header.sectionSize(c) for c in columns}
    for column in columns:
        assert every_row(column) <= fitted[column] <= every_row(column) + 1

    type_text(qtbot, lists.search, "平潭")
    assert lists.proxy.rowCount() == 5
    assert {c: header.sectionSize(c) for c in columns} == fitted

    lists.search.clear()
    longer = saved_profile(40)
    longer["enterprise"]["district"] = "马尾区（福州经济技术开发区）中国（福建）自由贸易试验区福州片区"
    window.store.save_profile(longer)
    window.reload()
    assert header.sectionSize(EnterpriseTableModel.DISTRICT) > fitted[EnterpriseTableModel.DISTRICT]
    assert every_row(EnterpriseTableModel.DISTRICT) <= header.sectionSize(EnterpriseTableModel.DISTRICT)

    monkeypatch.setattr(enterprise_list, "MEASURED", 2)  # the codes' widths added up, not laid out
    window.reload()
    code = every_row(EnterpriseTableModel.USCC)
    assert code <= header.sectionSize(EnterpriseTableModel.USCC) <= code + 2 * enterprise_list.SLACK + 1


def test_the_undo_item_names_the_recognition_ticked_or_dated(qtbot: Any, window: Any) -> None:
    """编辑 → 撤销 names what it would undo: after ticking a recognition and typing its date, the item
    reads 「撤销 修改“国家新一代人工智能开放创新平台”」, not 「撤销 修改“”」."""
    from shenbao.core.model import RECOGNITION_KINDS

    kind, name = next(iter(RECOGNITION_KINDS.items()))
    path = f"recognition:{kind}"
    box = window.editor.widget(path)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    undo = window.actions_by_id["undo"]
    assert undo.text() == f"撤销(&U) 修改“{name}”"
    date = window.editor.findChild(QLineEdit, f"{path}:date")
    type_text(qtbot, date, "2025-03-01")
    assert undo.text() == f"撤销(&U) 修改“{name}”"
    undo.trigger()
    assert window.actions_by_id["redo"].text() == f"重做(&R) 修改“{name}”"


@pytest.mark.parametrize("edited", [False, True])
def test_deleting_the_first_enterprise_listed_shows_the_next(
    qtbot: Any, window: Any, dialogs: Any, edited: bool
) -> None:
    """The first enterprise of the list deleted (with an unsaved edit or without): the editor shows the
    one listed next, with nothing to save, and the store holds it as it was and not the deleted one.
    (The window chose the first row of the list as it was before the deletion, the deleted enterprise
    itself: 「无法完成」, and the editor kept its profile with no code behind it; with an edit, 保存 in the
    question that followed stored the deleted enterprise again.)"""
    first, second = saved_profile(1), saved_profile(2)
    window.store.save_profile(first)
    window.store.save_profile(second)
    window.reload()
    a, b = first["enterprise"]["uscc"], second["enterprise"]["uscc"]
    assert window.enterprises.codes() == [a, b]
    assert window.select_enterprise(a)
    stored_b = window.store.get_profile(b)
    if edited:
        retype(qtbot, window.editor.widget("enterprise.employees"), "77")
    dialogs.answers = [YES, SAVE]
    window.actions_by_id["delete"].trigger()
    qtbot.wait(50)  # a question the list would ask comes after the event loop turns

    assert [title for _kind, title, _text in dialogs.shown] == ["删除企业"]
    assert window.current == b and window.editor.text("enterprise.name") == second["enterprise"]["name"]
    assert window.editor.is_clean() and window.enterprises.codes() == [b]
    assert not window.store.has_enterprise(a) and window.store.get_profile(b) == stored_b


@pytest.mark.parametrize("answer", [SAVE, DISCARD, CANCEL])
def test_restoring_a_backup_from_the_settings_asks_about_unsaved_edits_first(
    qtbot: Any, window: Any, dialogs: Any, answer: Any
) -> None:
    """设置 → 从所选备份恢复 with an edit not yet saved asks about it before the data is replaced. (The
    window restored first and asked after, with the enterprise no longer its own: 保存 said 「统一社会
    信用代码为 … 的企业已存在」 and left the edit in an editor whose 保存 could never succeed.)"""
    from shenbao.ui.settings_dialog import SettingsDialog

    one, two = saved_profile(1, compute_purchase_amount=5), saved_profile(2)
    window.store.save_profile(one)
    window.store.backup_now()
    window.store.save_profile(two)
    window.reload()
    code = one["enterprise"]["uscc"]
    assert window.select_enterprise(code)
    retype(qtbot, window.editor.widget("facts.compute_purchase_amount"), "77")
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    dialog.backups.setCurrentRow(dialog.backups.count() - 1)  # the backup made before the second
    dialogs.answers = [YES, answer]
    restored = dialog.restore_selected()
    qtbot.wait(50)  # a question the list would ask comes after the event loop turns
    dialog.close()

    assert [title for _kind, title, _text in dialogs.shown] == ["恢复备份", "尚未保存"]
    if answer == CANCEL:
        assert restored is None
        assert window.store.has_enterprise(two["enterprise"]["uscc"])
        assert window.editor.text("facts.compute_purchase_amount") == "77" and not window.editor.is_clean()
        return
    assert restored is not None
    assert window.enterprises.codes() == [code]
    assert window.current == code and window.editor.is_clean()
    assert window.editor.text("facts.compute_purchase_amount") == "5"
    assert window.store.get_profile(code)["facts"]["compute_purchase_amount"] == 5


def test_tab_leaves_the_enterprise_list_for_the_editor_and_comes_round_to_the_search(
    qtbot: Any, window: Any
) -> None:
    """Tab from the search goes to the list, then out of it into the editor, through the preview and
    back to the search, and the enterprise shown stays the one chosen. (Tab in the list moved to the
    next enterprise, loading each in turn and wrapping round: the keyboard never left the list.)"""
    for i in range(3):
        window.store.save_profile(saved_profile(i))
    window.reload()
    first = saved_profile(0)["enterprise"]["uscc"]
    assert window.select_enterprise(first)
    search, table = window.enterprises.search, window.enterprises.table
    search.setFocus()
    stops = []
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
        if stops[-1] is search:
            break
    assert stops[0] is table and stops.count(table) == 1
    assert window.editor.widget("enterprise.name") in stops
    assert window.preview.tree in stops and stops[-1] is search
    assert window.current == first and window.editor.is_clean()


def test_duplicate_and_delete_of_an_enterprise_not_yet_saved_say_why_nothing_happens(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    """复制为新企业 and 删除企业 on a new enterprise not yet saved (the first start's): the status bar says
    it must be saved first, the typed text stays, nothing is stored. (Both did nothing, silently.)"""
    type_text(qtbot, window.editor.widget("enterprise.name"), "福州某公司")
    for action in ("duplicate", "delete"):
        window.statusBar().clearMessage()
        window.actions_by_id[action].trigger()
        assert "尚未保存" in window.statusBar().currentMessage(), action
    assert dialogs.shown == []
    assert window.editor.text("enterprise.name") == "福州某公司" and not window.editor.is_clean()
    assert window.store.list_enterprises() == []


def _letters_of_each_menu(window: Any) -> dict[str, list[str]]:
    letters: dict[str, list[str]] = {}
    for menu_action in window.menuBar().actions():
        items = [a.text() for a in menu_action.menu().actions() if not a.isSeparator()]
        letters[menu_action.text()] = [
            found.group(1).lower() if (found := re.search(r"&(\w)", text)) else text for text in items
        ]
    return letters


def test_every_menu_item_has_its_own_letter(qtbot: Any, window: Any) -> None:
    """The guide: each item of a menu opens with its own underlined letter after Alt and the menu's. 撤销
    and 重做 (Undo, Redo) had none, so Alt+E reached only 查找企业; in English too."""
    from shenbao.tools import translations
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    for letters in _letters_of_each_menu(window).values():
        assert all(len(x) == 1 for x in letters) and len(set(letters)) == len(letters), letters
    window.close()
    translations.build()
    create_application(language="en")
    try:
        english = MainWindow(window.folder, window.settings, today=lambda: AS_OF)
        qtbot.addWidget(english)
        english.show()
        english.finish_loading()
        for letters in _letters_of_each_menu(english).values():
            assert all(len(x) == 1 for x in letters) and len(set(letters)) == len(letters), letters
        english.close()
    finally:
        create_application(language="zh_CN")
