"""The profile editor: Chinese messages as you type, amounts in 万元, ratios as %, recognitions with
dates, undo that merges keystrokes, and a clean state that says "saved"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS
from shenbao.core.store import Store
from shenbao.ui.field_widgets import FieldWidget, read
from shenbao.ui.profile_editor import ProfileEditor
from tests.ui.conftest import saved_profile
from tests.ui.drive import retype, type_text


def test_every_field_of_the_profile_has_a_labelled_widget(editor: ProfileEditor) -> None:
    for spec in [*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values()]:
        widget = editor.widget(spec.path)
        assert widget.accessibleName() == spec.label
        assert widget.objectName() == spec.path


@pytest.mark.parametrize(
    ("path", "typed", "message"),
    [
        ("enterprise.uscc", "91350100M000100Y4X", "校验码不符"),
        ("facts.compute_purchase_amount", "二十万", "金额"),
        ("facts.compute_purchase_amount", "-5", "不小于 0"),
        ("facts.ai_product_count", "1.5", "整数"),
        ("facts.compute_subsidy_year_index", "0", "不小于 1"),
        ("facts.infra_domestic_chip_ratio", "120%", "0 到 1 之间"),
        ("facts.infra_domestic_chip_ratio", "35", "如 35%"),
        ("facts.infra_pflops_nominal", "abc", "数值"),
        ("facts.infra_operational_on", "2025-02-30", "日期"),
        ("enterprise.contact_phone", "电话", "电话"),
        ("enterprise.email", "a@", "邮箱"),
        ("recognition:national_key_lab:date", "去年", "认定日期"),
    ],
)
def test_each_invalid_input_gets_a_chinese_message(
    qtbot: Any, editor: ProfileEditor, path: str, typed: str, message: str
) -> None:
    line = editor.findChild(QLineEdit, path)
    assert line is not None
    type_text(qtbot, line, typed)
    field = path.removesuffix(":date")
    label = editor.findChild(QLabel, f"{field}:message")
    assert label.isVisible()
    assert message in label.text()
    assert any(p == field for p, _label, _msg in editor.errors())
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    if field.startswith("recognition:"):  # still ticked: a date is still owed, until it is unticked
        assert "认定日期" in label.text()
        editor.findChild(QCheckBox, field).click()
    assert not label.isVisible()
    assert editor.errors() == []


def hint(editor: ProfileEditor, path: str) -> str:
    field = editor.findChild(FieldWidget, f"{path}:field")
    return field.hint.text() if field.hint.isVisibleTo(editor) else ""


def test_amounts_show_wan_and_ratios_are_percent(qtbot: Any, editor: ProfileEditor) -> None:
    qtbot.keyClicks(editor.widget("facts.compute_purchase_amount"), "1,250,000")
    assert hint(editor, "facts.compute_purchase_amount") == "＝ 125 万元"
    qtbot.keyClicks(editor.widget("facts.infra_domestic_chip_ratio"), "35%")
    facts = editor.document()["facts"]
    assert facts["compute_purchase_amount"] == 1250000
    assert facts["infra_domestic_chip_ratio"] == 0.35
    editor.load({"enterprise": {"name": "甲"}, "facts": {"infra_domestic_chip_ratio": 0.35}})
    assert editor.widget("facts.infra_domestic_chip_ratio").text() == "35%"
    assert read("money", "100.5") == (100.5, None)


def test_an_amount_under_one_yuan_shows_no_wan(qtbot: Any, editor: ProfileEditor) -> None:
    """0.40 元 typed as a purchase showed 「＝ 0 万元」 beside it, as if nothing were bought: an amount
    under one yuan has no whole yuan for its 万元 to show, and a printed form says 「0.40 元」 alone. The
    hint is not shown; from one yuan it is (1 元 ＝ 0.0001 万元)."""
    line = editor.widget("facts.compute_purchase_amount")
    for typed, shown in [
        ("0.4", ""),
        ("0.99", ""),
        ("1", "＝ 0.0001 万元"),
        ("5000", "＝ 0.5 万元"),
        ("0", ""),
    ]:
        line.selectAll()
        type_text(qtbot, line, typed)
        assert hint(editor, "facts.compute_purchase_amount") == shown, typed
    assert editor.document()["facts"]["compute_purchase_amount"] == 0


def test_the_editor_reads_amounts_and_dates_as_people_write_them(qtbot: Any, editor: ProfileEditor) -> None:
    """The same spellings a park table accepts: 25万, ¥250,000, 2019/6/18, 2019年6月18日, 1，000."""
    from shenbao.core import fieldkinds

    for kind, typed, stored in [
        ("money", "25万", 250000),
        ("money", "¥250,000", 250000),
        ("money", "250000元", 250000),
        ("date", "2019/6/18", "2019-06-18"),
        ("date", "2019年6月18日", "2019-06-18"),
        ("date", "20190618", "2019-06-18"),
        ("count", "1，000", 1000),
        ("uscc", " 913501044c12h3b168 ", "913501044C12H3B168"),
    ]:
        assert read(kind, typed) == (stored, None), typed
        assert fieldkinds.parse(kind, typed) == stored  # exactly what an import of the same cell stores
    assert read("date", "2019/13/40")[1]
    assert read("money", "二十五万")[1]
    type_text(qtbot, editor.widget("facts.compute_purchase_amount"), "25万")
    assert editor.document()["facts"]["compute_purchase_amount"] == 250000
    assert hint(editor, "facts.compute_purchase_amount") == "＝ 25 万元"


def test_booleans_and_types_are_chosen_from_lists(qtbot: Any, editor: ProfileEditor) -> None:
    combo = editor.findChild(QComboBox, "enterprise.is_ai_enterprise")
    assert combo.currentText() == "未填"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert editor.document()["enterprise"]["is_ai_enterprise"] is True
    kind = editor.findChild(QComboBox, "enterprise.org_type")
    assert kind.currentText() == "企业"  # what the core reads an absent type as
    assert [kind.itemText(i) for i in range(kind.count())] == [
        "未填",
        "企业",
        "高校",
        "科研院所",
        "事业单位",
        "园区运营方",
        "其他",
    ]


def test_recognitions_are_ticked_with_their_dates(qtbot: Any, editor: ProfileEditor) -> None:
    box = editor.findChild(QCheckBox, "recognition:provincial_new_rd_institution")
    qtbot.keyClicks(
        editor.findChild(QLineEdit, "recognition:provincial_new_rd_institution:date"), "2024-07-01"
    )
    assert box.isChecked()
    assert editor.document()["enterprise"]["recognitions"] == [
        {"kind": "provincial_new_rd_institution", "date": "2024-07-01"}
    ]
    box.click()
    assert editor.document()["enterprise"]["recognitions"] == []
    editor.undo_stack.undo()
    assert box.isChecked()


def test_keystrokes_in_one_field_undo_together_and_clean_means_saved(
    qtbot: Any, editor: ProfileEditor
) -> None:
    document = saved_profile(3, compute_purchase_amount=100)
    document["enterprise"]["recognitions"] = [{"kind": "national_key_lab", "date": "2020-01-01"}]
    document["x_unknown"] = {"kept": True}
    editor.load(document)
    assert editor.is_clean()
    line = editor.widget("facts.compute_purchase_amount")
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "250000")
    assert editor.undo_stack.count() == 1
    assert not editor.is_clean()
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # leaving the field ends the merge
    qtbot.keyClicks(editor.widget("facts.compute_purchase_amount"), "0")
    assert editor.undo_stack.count() == 2
    editor.undo_stack.undo()
    assert editor.text("facts.compute_purchase_amount") == "250000"
    editor.undo_stack.undo()
    assert editor.text("facts.compute_purchase_amount") == "100"
    assert editor.is_clean()
    kept = editor.document()
    assert kept["x_unknown"] == {"kept": True}
    assert kept["enterprise"]["recognitions"] == [{"kind": "national_key_lab", "date": "2020-01-01"}]


def test_document_changes_are_announced_on_every_edit(qtbot: Any, editor: ProfileEditor) -> None:
    with qtbot.waitSignal(editor.document_changed) as blocker:
        type_text(qtbot, editor.widget("enterprise.name"), "福")
    assert blocker.args[0]["enterprise"]["name"] == "福"
    editor.set_text("enterprise.name", "")
    assert "name" not in editor.document()["enterprise"]


def test_a_city_typed_without_its_shi_is_fuzhou_city_in_the_preview_and_the_store(
    qtbot: Any, window: Any, data_dir: Any
) -> None:
    """福州 typed into 注册地（市） and 福建 into 注册地（省） are the 福州市 and 福建省 the measures name: the
    live preview judges them so, and the save stores the whole names."""
    editor, panel = window.editor, window.preview
    profile = saved_profile(3)
    type_text(qtbot, editor.widget("enterprise.name"), profile["enterprise"]["name"])
    type_text(qtbot, editor.widget("enterprise.uscc"), profile["enterprise"]["uscc"])
    retype(qtbot, editor.widget("enterprise.province"), "福建")
    type_text(qtbot, editor.widget("enterprise.city"), "福州")
    assert editor.errors() == []
    assert editor.document()["enterprise"]["province"] == "福建省"
    assert editor.document()["enterprise"]["city"] == "福州市"
    for measure in ("fz2024.compute_use", "fj2025.compute_voucher"):
        result = panel.preview.result(measure)
        assert result.status == "incomplete", (measure, result.reasons)
    type_text(qtbot, editor.widget("facts.compute_purchase_amount"), "25万")
    type_text(qtbot, editor.widget("facts.compute_subsidy_year_index"), "1")
    for path in ("enterprise.is_ai_enterprise", "enterprise.in_fz_compute_platform"):
        combo = editor.widget(path)
        combo.setCurrentIndex(combo.findData("是"))
        combo.activated.emit(combo.currentIndex())
    assert panel.preview.result("fz2024.compute_use").status == "eligible"
    window.actions_by_id["save"].trigger()
    assert not window.isWindowModified()
    with Store.open(data_dir) as store:
        saved = store.get_profile(profile["enterprise"]["uscc"])
        (listed,) = store.list_enterprises()
    assert (saved["enterprise"]["province"], saved["enterprise"]["city"]) == ("福建省", "福州市")
    assert listed.city == "福州市"
    assert panel.preview.result("fz2024.compute_use").status == "eligible"


def test_facts_that_contradict_each_other_are_said_under_the_field_and_saved_as_typed(
    qtbot: Any, window: Any, data_dir: Any
) -> None:
    """福州市 typed with 浙江省, more compute sold than owned: a warning under the field as typed, gone
    once the facts agree; the values stay valid, the preview judges them, and the save goes ahead."""
    editor = window.editor
    profile = saved_profile(4)
    type_text(qtbot, editor.widget("enterprise.name"), profile["enterprise"]["name"])
    type_text(qtbot, editor.widget("enterprise.uscc"), profile["enterprise"]["uscc"])
    retype(qtbot, editor.widget("enterprise.province"), "浙江省")
    type_text(qtbot, editor.widget("enterprise.city"), "福州")
    warning = editor.warning("enterprise.province")
    assert "注册地（市）为福州市，属于福建省，与注册地（省）浙江省不一致" in warning
    assert editor.findChild(QLabel, "enterprise.province:warning").isVisibleTo(editor)
    type_text(qtbot, editor.widget("facts.infra_pflops_nominal"), "100")
    type_text(qtbot, editor.widget("facts.infra_pflops_sold"), "150")
    assert "大于算力标称值" in editor.warning("facts.infra_pflops_sold")
    assert editor.errors() == []  # a warning, not an error: the values are each valid
    window.actions_by_id["save"].trigger()
    assert not window.isWindowModified()
    with Store.open(data_dir) as store:
        saved = store.get_profile(profile["enterprise"]["uscc"])
    assert saved["enterprise"]["province"] == "浙江省" and saved["facts"]["infra_pflops_sold"] == 150
    retype(qtbot, editor.widget("enterprise.province"), "福建省")
    retype(qtbot, editor.widget("facts.infra_pflops_sold"), "80")
    assert editor.warning("enterprise.province") == "" == editor.warning("facts.infra_pflops_sold")
    editor.undo_stack.undo()  # the warning comes back with the value
    assert "大于算力标称值" in editor.warning("facts.infra_pflops_sold")


def test_a_long_name_shown_in_a_narrow_field_starts_at_its_first_character(
    qtbot: Any, editor: ProfileEditor
) -> None:
    """An enterprise loaded whose name is longer than its field (the English labels leave the field
    narrow) shows the name from its start, as the user reads it, not its last characters. (It showed
    「州星河智算科技有限公司（示例）」, the 福 scrolled out of sight, read as another enterprise.)"""
    doc = saved_profile(1)
    doc["enterprise"]["name"] = "福州星河智算科技有限公司人工智能算力运营分公司（示例）"
    editor.resize(360, 600)
    editor.load(doc)
    qtbot.wait(10)
    line = editor.widget("enterprise.name")
    assert isinstance(line, QLineEdit) and not line.hasFocus()
    assert line.fontMetrics().horizontalAdvance(line.text()) > line.width()  # longer than its field
    assert line.cursorPosition() == 0
    assert line.cursorRect().left() < line.fontMetrics().horizontalAdvance("福")  # 福 is on screen

    retype(qtbot, line, "福州某某科技有限公司")  # typing keeps the caret where the user typed
    assert line.cursorPosition() == len("福州某某科技有限公司")


def test_a_code_pasted_with_characters_nobody_sees_is_read_as_shown(
    qtbot: Any, editor: ProfileEditor
) -> None:
    """A 统一社会信用代码 copied from a web page or a chat brings a zero-width space or a direction mark
    with it: the field showed the code and refused it as failing its check digit."""
    from tests.store.factory import make_uscc

    code = make_uscc(3)
    for path, pasted, kept in (
        ("enterprise.uscc", f"\u200b{code}\u200e", code),
        ("enterprise.contact_phone", "\ufeff138 0013 8000\u200b", "138 0013 8000"),
        ("facts.compute_purchase_amount", "250000\u2060", 250000),
    ):
        editor.set_text(path, pasted)
        assert editor.message(path) is None, (path, editor.message(path))
        section, key = path.split(".")
        assert editor.document()[section][key] == kept


def test_a_kind_recognised_twice_shows_and_changes_its_latest_and_keeps_the_earlier(
    qtbot: Any, window: Any
) -> None:
    """国家重点实验室 recognised in 2019 and again in 2022 (a second lab): the box showed 2019 where the
    printed form gives 2022, the live preview judged without the 2022 one, and a date typed in the box and
    saved left one recognition of the kind. The box now shows the latest; typed over, only it changes."""
    doc = saved_profile(5)
    listed = [
        {"kind": "national_key_lab", "date": "2019-05-01"},
        {"kind": "provincial_ai_park", "date": "2021-01-01"},
        {"kind": "national_key_lab", "date": "2022-03-01"},
    ]
    doc["enterprise"]["recognitions"] = listed
    code = doc["enterprise"]["uscc"]
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(code)
    editor = window.editor
    assert editor.text("recognition:national_key_lab") == "2022-03-01"
    assert editor.document()["enterprise"]["recognitions"] == listed  # what the live preview judges

    retype(qtbot, editor.findChild(QLineEdit, "recognition:national_key_lab:date"), "2022-04-01")
    assert window.save()
    assert window.store.get_profile(code)["enterprise"]["recognitions"] == [
        listed[0],
        listed[1],
        {"kind": "national_key_lab", "date": "2022-04-01"},
    ]
    editor.findChild(QCheckBox, "recognition:national_key_lab").click()  # not held: none of the kind
    assert window.save()
    assert window.store.get_profile(code)["enterprise"]["recognitions"] == [listed[1]]
