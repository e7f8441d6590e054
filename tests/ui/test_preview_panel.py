"""The live preview: every measure judged on every edit, grouped by document, the total on top, the
trace of the selected measure, and the as-of date; its model passes qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from shenbao.core.model import parse_profile
from shenbao.core.rules import rules
from shenbao.core.store.repository import Store
from shenbao.ui.preview_panel import RESULT_ROLE, STATUS_ROLE, PreviewModel
from shenbao.ui.style import format_wan
from tests.ui.conftest import AS_OF, INFRA_FACTS, saved_profile
from tests.ui.drive import fill_new_enterprise, type_text


def test_preview_model_passes_the_model_tester_and_groups_by_document(qtmodeltester: Any, qapp: Any) -> None:
    profile = parse_profile(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    preview = rules().preview(profile, AS_OF)
    model = PreviewModel()
    model.set_results(preview.results)
    qtmodeltester.check(model)
    documents = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert len(documents) == len({r.document for r in preview.results})
    assert sum(model.rowCount(model.index(r, 0)) for r in range(model.rowCount())) == len(preview.results)
    first = model.index(0, 0, model.index(0, 0))
    assert model.data(first, RESULT_ROLE) is preview.results[0]
    assert model.data(first, STATUS_ROLE) == preview.results[0].status


def test_preview_model_updates_cells_in_place_for_the_same_measures(qtmodeltester: Any, qtbot: Any) -> None:
    engine = rules()
    model = PreviewModel()
    model.set_results(engine.preview(parse_profile(saved_profile(1)), AS_OF).results)
    qtmodeltester.check(model)
    changed = engine.preview(
        parse_profile(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1)), AS_OF
    )
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_results(changed.results)
    index = model.index_of("fz2024.compute_use")
    result = model.result_at(index)
    amount = model.data(index.siblingAtColumn(model.AMOUNT))
    assert amount == (format_wan(result.amount) if result.amount is not None else "—")
    assert not model.index_of("no.such_measure").isValid()
    assert model.result_at(QModelIndex()) is None


def test_preview_model_answers_every_role_of_a_cell_at_once_as_one_by_one(qapp: Any) -> None:
    """A delegate asks for a cell's roles together (multiData): each answer is what data() gives for
    that role, and a new set of results is shown, not what the cells held before."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt

    from shenbao.ui.preview_panel import MEASURE_ROLE

    engine = rules()
    model = PreviewModel()
    model.set_results(engine.preview(parse_profile(saved_profile(1)), AS_OF).results)
    asked = [int(r) for r in Qt.ItemDataRole if r < Qt.ItemDataRole.UserRole]
    asked += [int(RESULT_ROLE), int(STATUS_ROLE), int(MEASURE_ROLE)]

    def cells() -> list[QModelIndex]:
        parents = [QModelIndex()] + [model.index(g, 0) for g in range(model.rowCount())]
        return [model.index(r, c, p) for p in parents for r in range(model.rowCount(p)) for c in range(5)]

    def together(index: QModelIndex) -> list[Any]:
        answers = []
        for role in asked:
            item = QModelRoleData(role)
            model.multiData(index, QModelRoleDataSpan(item))
            answers.append(item.data())
        return answers

    def one_by_one(index: QModelIndex) -> list[Any]:
        return [model.data(index, role) for role in asked]

    before = {(i.internalId(), i.row(), i.column()): together(i) for i in cells()}
    assert all(together(i) == one_by_one(i) for i in cells())
    model.set_results(
        engine.preview(
            parse_profile(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1)),
            AS_OF,
        ).results
    )
    after = {(i.internalId(), i.row(), i.column()): together(i) for i in cells()}
    assert all(together(i) == one_by_one(i) for i in cells())
    assert after != before
    assert model.data(model.index_of("fz2024.compute_use"), RESULT_ROLE) is model.result_at(
        model.index_of("fz2024.compute_use")
    )


def test_wan_formatting() -> None:
    from decimal import Decimal

    assert format_wan(Decimal("1250000")) == "125"
    assert format_wan(Decimal("125000")) == "12.5"
    assert format_wan(Decimal("12345678.90")) == "1,234.5679"
    assert format_wan(Decimal("0")) == "0"


def test_create_an_enterprise_type_facts_and_see_the_preview_change(
    qtbot: Any, window: Any, data_dir: Any
) -> None:
    code = fill_new_enterprise(qtbot, window, 7)
    combo = window.editor.widget("enterprise.is_ai_enterprise")
    combo.setCurrentIndex(combo.findData("是"))
    combo.activated.emit(combo.currentIndex())
    preview = window.preview
    before = preview.preview.result("fz2024.compute_use")
    assert before.status == "incomplete"
    assert preview.total_label.text().startswith("最高可申请")
    type_text(qtbot, window.editor.widget("facts.compute_purchase_amount"), "250000")
    type_text(qtbot, window.editor.widget("facts.compute_subsidy_year_index"), "1")
    combo = window.editor.widget("enterprise.in_fz_compute_platform")
    combo.setCurrentIndex(combo.findData("是"))
    combo.activated.emit(combo.currentIndex())
    after = preview.preview.result("fz2024.compute_use")
    assert after.status != before.status
    assert preview.total_label.text() != "最高可申请 0 万元"
    assert window.isWindowModified()
    window.actions_by_id["save"].trigger()
    assert not window.isWindowModified()
    assert window.enterprises.model.rowCount() == 1
    assert window.enterprises.proxy.uscc_at(window.enterprises.table.currentIndex()) == code
    with Store.open(data_dir) as store:
        saved = store.get_profile(code)
    assert saved["facts"]["compute_purchase_amount"] == 250000
    assert saved["enterprise"]["uscc"] == code


def test_selecting_a_measure_shows_its_trace_and_the_wizard_button(qtbot: Any, window: Any) -> None:
    fill_new_enterprise(qtbot, window, 8)
    panel = window.preview
    assert panel.select_measure("fz2024.compute_use")
    html = panel.trace.toPlainText()
    result = panel.current_result()
    assert result.title in html
    assert "条件" in html
    assert result.missing and "待补充" in html
    assert panel.wizard_button.isEnabled()
    panel.select_measure("fj2025.compute_voucher")
    with qtbot.waitSignal(panel.wizard_requested) as blocker:
        panel.wizard_button.click()
    assert blocker.args == ["fj2025.compute_voucher", panel.current_result().missing[0]]


def test_enter_on_the_wizard_button_asks_for_the_wizard(qtbot: Any, window: Any) -> None:
    """Tab past the trace to 填写申报… and Enter: the wizard is asked for, as by a click (Enter on the
    button did nothing; outside a dialog only Space pressed it)."""
    fill_new_enterprise(qtbot, window, 8)
    panel = window.preview
    assert panel.select_measure("fj2025.compute_voucher")
    panel.trace.setFocus()
    for _ in range(30):  # past each link of the trace
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not panel.trace:
            break
    assert QApplication.focusWidget() is panel.wizard_button
    with qtbot.waitSignal(panel.wizard_requested, timeout=2000) as blocker:
        qtbot.keyClick(panel.wizard_button, Qt.Key.Key_Return)
    assert blocker.args[0] == "fj2025.compute_voucher"


def test_the_as_of_date_changes_what_is_in_force(window: Any) -> None:
    import datetime as dt

    panel = window.preview
    assert panel.as_of() == dt.date(2026, 11, 22)
    assert panel.preview.result("fj2023.compute_voucher").status == "not_in_force"
    panel.set_as_of(dt.date(2024, 6, 1))
    assert panel.preview.as_of == dt.date(2024, 6, 1)
    assert panel.preview.result("fj2025.compute_voucher").status == "not_in_force"
    assert panel.preview.result("fj2023.compute_voucher").status != "not_in_force"


def test_the_headline_counts_the_same_invoices_once(qtbot: Any) -> None:
    """fj2025 七 and fz2024 三(一) both pay for 250,000 元 of compute: 12.5 万元 is counted once."""
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    doc = saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1)
    doc["enterprise"].update(is_ai_enterprise=True, in_fz_compute_platform=True)
    panel.show_document(doc)
    totals = panel.preview.totals()
    assert totals.to_confirm == 125000
    assert panel.total_label.text() == (
        f"最高可申请 {format_wan(totals.counted)} 万元；另有 12.5 万元需向主管部门确认能否叠加"
    )


def test_the_headline_leaves_out_a_measure_with_no_window_left(qtbot: Any) -> None:
    """fz2024 算力运营补贴 is taken in March and September until the plan ends on 2026-12-31: in December
    2026 its 750 万元 is said apart, not counted as what can be applied for."""
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    doc = saved_profile(1, **INFRA_FACTS)
    for as_of, counted in ((dt.date(2026, 9, 30), True), (dt.date(2026, 12, 4), False)):
        panel.as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        panel.show_document(doc)
        assert panel.preview.as_of == as_of
        totals = panel.preview.totals()
        assert panel.preview.result("fz2024.compute_supply").amount == Decimal("7500000.00")
        assert (totals.closed == 0) is counted
        headline = panel.total_label.text()
        assert headline.startswith(f"最高可申请 {format_wan(totals.counted)} 万元")
        assert headline.endswith("；另有 750 万元已无受理期") is not counted, headline


def test_a_long_headline_wraps_and_every_amount_fits_its_column(qtbot: Any) -> None:
    """The headline with an amount to confirm must not widen the panel, and an amount shown while
    the panel was still hidden (before any row was laid out) must not be cut to 「50 …」."""
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.show_document(saved_profile(2))  # the columns are fitted to this first enterprise
    doc = saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1)
    doc["enterprise"].update(is_ai_enterprise=True, in_fz_compute_platform=True)
    panel.show_document(doc)
    panel.resize(520, 600)
    panel.show()
    qtbot.waitExposed(panel)
    assert "另有" in panel.total_label.text()
    assert panel.total_label.minimumSizeHint().width() < panel.width() // 2
    model, header, metrics = panel.model, panel.tree.header(), panel.tree.fontMetrics()
    amounts = [
        str(model.data(model.index(r, PreviewModel.AMOUNT, model.index(g, 0))))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    assert any("万元" in a for a in amounts)
    width = header.sectionSize(PreviewModel.AMOUNT)
    assert all(metrics.horizontalAdvance(a) < width for a in amounts)
    assert header.sectionSize(PreviewModel.TITLE) > width  # the titles keep the room that is left


def test_the_short_columns_are_as_wide_as_their_delegates_ask_for_any_row(qtbot: Any) -> None:
    """The columns are fitted by asking the delegates only for the longest texts: each must still be as
    wide as the widest any row's delegate asks for (the status badge's too), as measuring every row was."""
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    doc = saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1)
    doc["enterprise"].update(is_ai_enterprise=True, in_fz_compute_platform=True)
    panel.show_document(doc)
    tree, header = panel.tree, panel.tree.header()
    for column in (PreviewModel.STATUS, PreviewModel.AMOUNT, PreviewModel.KIND, PreviewModel.SELECTION):
        every_row = tree.sizeHintForColumn(column)
        assert every_row > 0
        assert header.sectionSize(column) >= every_row
        cells = panel.model.column_cells(column)
        advances = [tree.fontMetrics().horizontalAdvance(text) for _index, text in cells]
        assert panel._widest_hint(cells, advances) == every_row


def test_a_shown_panel_lays_its_titles_out_once_after_the_columns_are_fitted(qtbot: Any) -> None:
    """Expanding the measures brings the scroll bar and fitting the short columns changes the titles'
    width: their rows are not laid out again at each width on the way, but once at the width they end
    with, and every title then fits its row."""
    from shenbao.ui.preview_panel import _DOC, PreviewPanel, WrappedTitleDelegate

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.resize(520, 600)
    panel.show()
    qtbot.waitExposed(panel)
    tree, header = panel.tree, panel.tree.header()
    delegate = tree.itemDelegateForColumn(PreviewModel.TITLE)
    assert isinstance(delegate, WrappedTitleDelegate)
    widths: list[int] = []
    ask = delegate.sizeHint

    def counted(option: Any, index: Any) -> Any:
        if index.internalId() != _DOC:
            widths.append(header.sectionSize(PreviewModel.TITLE))
        return ask(option, index)

    delegate.sizeHint = counted  # type: ignore[method-assign]
    panel.show_document(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    before_fitting = set(widths)
    widths.clear()
    tree.doItemsLayout()  # the layout the fitting asked for, as the first paint would do it
    assert len(before_fitting) == 1  # laid out once for the scroll bar, not once more before the fitting
    assert set(widths) == {header.sectionSize(PreviewModel.TITLE)} != before_fitting
    assert tree.verticalScrollBar().maximum() > 0


def test_a_status_badge_measured_once_per_text_is_as_big_as_measured_afresh(qtbot: Any) -> None:
    """The badge delegate keeps a size per text and width: every row's is still what a delegate that
    never measured any would say."""
    from shenbao.ui.preview_panel import PreviewPanel, StatusBadgeDelegate

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show_document(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    model, tree = panel.model, panel.tree
    cells = [model.index(g, PreviewModel.STATUS) for g in range(model.rowCount())] + [
        model.index(r, PreviewModel.STATUS, model.index(g, 0))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    kept = [tree.sizeHintForIndex(index) for index in cells]
    assert len({model.data(index) for index in cells}) < len(cells)  # texts repeat
    for index, size in zip(cells, kept, strict=True):
        tree.setItemDelegateForColumn(PreviewModel.STATUS, StatusBadgeDelegate(tree))
        assert tree.sizeHintForIndex(index) == size


def test_a_status_is_a_badge_over_the_cells_own_background(qtbot: Any) -> None:
    """The status cell is the style's (the selection's colour on the selected row) with the badge in
    its colours over it."""
    from PySide6.QtGui import QColor, QPalette

    from shenbao.ui.preview_panel import PreviewPanel
    from shenbao.ui.style import STATUS_COLOURS

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show_document(saved_profile(1, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    panel.show()
    qtbot.waitExposed(panel)
    model, tree = panel.model, panel.tree
    statuses = [
        (model.index(r, PreviewModel.STATUS, model.index(g, 0)), model.index(r, 0, model.index(g, 0)))
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    (cell, row), (other, _row) = statuses[0], statuses[1]
    tree.setCurrentIndex(row)
    qtbot.wait(50)
    image = tree.viewport().grab().toImage()
    rect, plain = tree.visualRect(cell), tree.visualRect(other)
    metrics = tree.fontMetrics()
    badge = QColor(STATUS_COLOURS[cell.data(STATUS_ROLE)][1])
    inside = image.pixelColor(rect.left() + 6, rect.center().y())
    assert inside == badge
    selected = tree.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    beyond = rect.left() + metrics.horizontalAdvance(str(cell.data())) + 14 + 8
    assert beyond < rect.right()
    assert image.pixelColor(beyond, rect.center().y()) == selected
    assert image.pixelColor(beyond, plain.center().y()) != selected


SPANNING = [
    {"supplier": "福州云算科技有限公司", "invoice_no": "24000001", "date": "2024-12-31", "amount": 60000},
    {"supplier": "福州云算科技有限公司", "invoice_no": "25000001", "date": "2025-01-01", "amount": 50000},
]
SPANNING_WARNING = (
    "年度购买算力服务总额由 2024 年（60,000.00 元）、2025 年（50,000.00 元）的发票合计而成，"
    "应只计申报年度当年实际支付的费用，请核对。"
)


def test_the_trace_warns_when_the_total_takes_in_invoices_of_two_years(qtbot: Any, window: Any) -> None:
    """A stored enterprise whose invoices run from 12-31 to the next 01-01: the measures reading the total
    are still judged on it, and their trace says under 提示 which years it takes in; the others do not."""
    doc = saved_profile(5, compute_subsidy_year_index=1, compute_invoices=SPANNING)
    doc["enterprise"]["in_fz_compute_platform"] = True
    window.store.save_profile(doc)
    window.reload()
    assert window.select_enterprise(doc["enterprise"]["uscc"])
    panel = window.preview
    for measure in ("fj2025.compute_voucher", "fz2024.compute_use"):
        assert panel.select_measure(measure)
        assert panel.current_result().status == "eligible"
        text = panel.trace.toPlainText()
        assert "提示" in text and SPANNING_WARNING in text, measure
    assert panel.select_measure("fz2024.general_tech")
    assert SPANNING_WARNING not in panel.trace.toPlainText()


def test_moving_an_invoice_into_the_same_year_clears_the_warning(qtbot: Any) -> None:
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    doc = saved_profile(1, compute_subsidy_year_index=1, compute_invoices=[dict(r) for r in SPANNING])
    doc["enterprise"]["in_fz_compute_platform"] = True
    panel.show_document(doc)
    assert panel.select_measure("fz2024.compute_use")
    assert SPANNING_WARNING in panel.trace.toPlainText()
    doc["facts"]["compute_invoices"][1]["date"] = "2024-12-31"
    panel.show_document(doc)
    assert panel.select_measure("fz2024.compute_use")
    text = panel.trace.toPlainText()
    assert "的发票合计而成" not in text and "110,000.00" in text


def test_the_editor_and_the_preview_escape_their_rich_text_as_html_escape_without_loading_it() -> None:
    """The trace and the lines under the editor's fields escape text exactly as html.escape does, and
    showing a profile with a list and a measure's trace does not load the html package (its table of
    named entities cost a millisecond of the start)."""
    import html
    import subprocess
    import sys

    from shenbao.ui.markup import escape

    doc = saved_profile(1, ai_products=[{"name": "p", "category": "软件"}])
    doc["enterprise"]["name"] = "A&B <x>"
    for text in ("", "a & b", "<b>x</b>", "\"'", "&amp;", "福州 <鼓楼> 'x' \"y\" & z"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)
    code = (
        "import sys, datetime as dt\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from shenbao.core.model import parse_profile\n"
        "from shenbao.core.rules import rules\n"
        "from shenbao.ui.preview_panel import PreviewPanel\n"
        "from shenbao.ui.profile_editor import ProfileEditor\n"
        "editor = ProfileEditor()\n"
        "panel = PreviewPanel(lambda d, a: rules().preview(parse_profile(d), a), today=lambda: dt.date(2026, 1, 5))\n"
        "editor.document_changed.connect(panel.show_document)\n"
        f"doc = {doc!r}\n"
        "editor.load(doc)\n"
        "panel.select_measure(panel.preview.results[0].measure)\n"
        "print('TRACE', bool(panel.trace.toPlainText()), 'SOURCE', bool(editor.source_text('facts.ai_product_count')))\n"
        "print('HTML', 'html' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 0, result.stderr
    assert "TRACE True SOURCE True" in result.stdout, result.stdout
    assert "HTML False" in result.stdout, result.stdout


def test_a_narrowing_panel_hides_the_selection_column_before_the_kind(qtbot: Any) -> None:
    """In English, where the kind column is wide, 类型 (Up to, Fixed) was hidden and 遴选 left shown:
    「CNY 3 million | Selection」 with no word that the sum is a ceiling. The kind goes last."""
    from shenbao.ui.preview_panel import PreviewPanel

    panel = PreviewPanel(lambda doc, as_of: rules().preview(parse_profile(doc), as_of), today=lambda: AS_OF)
    qtbot.addWidget(panel)
    panel.show_document(saved_profile(2))
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.tree.header()
    header.resizeSection(PreviewModel.KIND, 4 * header.sectionSize(PreviewModel.SELECTION))  # as English's
    seen = set()
    for width in range(360, 1400, 20):
        panel.resize(width, 600)
        panel._fit_title()
        kind, selection = (panel.tree.isColumnHidden(c) for c in (PreviewModel.KIND, PreviewModel.SELECTION))
        assert selection or not kind, (width, kind, selection)
        seen.add((kind, selection))
    assert (True, True) in seen and (False, False) in seen
