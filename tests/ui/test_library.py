"""The policy library as a user browses it: documents with their status, the text with each measure's
clause linked to the measure, 责任单位, and the draft-to-final comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt


@pytest.fixture
def view(qtbot):
    from shenbao.ui.library_view import LibraryView

    widget = LibraryView(as_of=dt.date(2026, 1, 1))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _status_of(view, doc_id: str) -> str:
    model = view.documents
    return model.data(model.index(model.row_of(doc_id), 1))


def test_models_pass_the_model_tester(view, qtmodeltester) -> None:
    qtmodeltester.check(view.documents)
    qtmodeltester.check(view.changes)


def test_each_document_shows_its_status_and_period(view) -> None:
    model = view.documents
    assert model.rowCount() == len(view.catalogue.library)
    assert _status_of(view, "fj2025") == "现行有效"
    assert _status_of(view, "fj2025d") == "征求意见稿"
    assert _status_of(view, "fj2023") == "已被替代"
    row = model.row_of("fj2025")
    assert model.data(model.index(row, 2)) == "2025-11-04 至 2028-12-31"
    assert model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole).name() == "#e3f4e8"
    view.documents.set_as_of(dt.date(2027, 1, 1))
    assert _status_of(view, "fz2024") == "已失效"


def test_the_text_marks_every_clause_and_names_the_responsible_units(view, qtbot) -> None:
    cat = view.catalogue
    view.doc_table.setFocus()
    qtbot.keyClick(view.doc_table, Qt.Key.Key_Home)
    row = view.documents.row_of("fj2025")
    while view.doc_table.currentIndex().row() != row:
        qtbot.keyClick(view.doc_table, Qt.Key.Key_Down)
    assert view.current_document().id == "fj2025"
    html = view.text.toHtml()
    for measure in cat.measures_of("fj2025"):
        assert f"measure:{measure.id}" in html
    responsible = [u for a in cat.documents["fj2025"].articles.values() for u in a.responsible]
    assert responsible and responsible[0] in view.text.toPlainText()
    assert "责任单位" in view.text.toPlainText()


def test_clicking_a_clause_opens_its_measure(view, qtbot) -> None:
    measure = view.catalogue.measures["fj2025.compute_voucher"]
    view.show_measure(measure.id)
    assert view.current_document().id == "fj2025"
    doc = view.text.document()
    cursor = (
        doc.find("最高补助50万元") if not doc.find("最高补助50万元").isNull() else doc.find(measure.title)
    )
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 1)
    view.text.ensureCursorVisible()
    point = view.text.cursorRect(cursor).center()
    with qtbot.waitSignal(view.measureActivated, timeout=2000) as blocker:
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["fj2025.compute_voucher"]


def test_the_comparison_shows_the_draft_and_the_final_side_by_side(view, qtbot) -> None:
    assert view.comparison is not None and (view.comparison.draft, view.comparison.final) == (
        "fj2025d",
        "fj2025",
    )
    view.tabs.setCurrentIndex(1)
    model = view.changes
    assert model.rowCount() == len(view.comparison.changes) > 0
    texts = [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(4)]
    assert any("1000" in t for t in texts) and any("500" in t for t in texts)
    for row in range(model.rowCount()):
        view.change_table.selectRow(row)
        change = model.change(row)
        shown = view.change_detail.toPlainText()
        assert change.summary in shown
        if change.draft_text and change.final_text:
            assert "line-through" in view.change_detail.toHtml()


def test_locate_ignores_punctuation_differences() -> None:
    from shenbao.ui.library_view import locate, side_by_side

    text = "第一句。对年度购买算力服务总额达到10万元（含）以上的企业，给予补助。第三句。"
    start, end = locate(text, "对年度购买算力服务总额达到10万元(含)以上的企业,给予补助。")
    assert text[start:end] == "对年度购买算力服务总额达到10万元（含）以上的企业，给予补助。"
    assert locate(text, "没有的句子") is None
    left, right = side_by_side("最高1000万元", "最高500万元")
    assert "line-through" in left and "500" in right


def test_every_comparison_is_listed_and_shown_when_chosen(qtbot, tmp_path) -> None:
    """A pack's comparison sits beside the shipped one: the selector lists both, each shows its changes."""
    import dataclasses

    from shenbao.core.policies import shipped_catalogue
    from shenbao.ui.library_view import LibraryView

    shipped = shipped_catalogue()
    first = shipped.comparisons[0]
    second = dataclasses.replace(first, changes=first.changes[:1])
    cat = dataclasses.replace(shipped, comparisons=[first, second])
    widget = LibraryView(cat=cat, as_of=dt.date(2026, 1, 1))
    qtbot.addWidget(widget)
    widget.show()
    widget.tabs.setCurrentIndex(1)
    choice = widget.comparison_choice
    assert choice.count() == 2 and choice.isVisible()
    assert widget.changes.rowCount() == len(first.changes) > 1
    choice.setCurrentIndex(1)
    assert widget.comparison is second and widget.changes.rowCount() == 1
    assert first.changes[0].summary in widget.change_detail.toPlainText()


def test_the_list_leaves_its_room_to_the_titles(view, qtbot) -> None:
    """At the library's size the list showed 「福建省推动人…」 for every title behind a horizontal scroll
    bar, its room taken by 文号 and 发文单位, which the text's heading shows beside the status. The list
    keeps the title, the status and the period, and fits without scrolling."""
    table = view.doc_table
    header = table.horizontalHeader()
    shown = [c for c in range(view.documents.columnCount()) if not table.isColumnHidden(c)]
    assert [view.documents.headerData(c, Qt.Orientation.Horizontal) for c in shown] == [
        "文件",
        "状态",
        "有效期",
    ]
    qtbot.waitUntil(lambda: header.sectionSize(0) > 0)
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(0) >= max(header.sectionSize(c) for c in shown[1:])
    text = view.text.toPlainText()
    assert "福建省人民政府办公厅" in text.split("\n", 3)[1]  # the issuer, in the heading of the text
