"""The register (申报记录), the 待办 panel and the park's pipeline, through their real widgets on a real store."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from shenbao.core import register as reg
from tests.pdf.helpers import text_of
from tests.register.helpers import infra_profile
from tests.store.factory import make_uscc
from tests.ui.conftest import tenant

AS_OF = dt.date(2026, 11, 22)
VOUCHER = "fj2025.compute_voucher"
CODE = make_uscc(7)


@pytest.fixture
def ctx(store):
    from shenbao.ui.context import AppContext

    store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    context = AppContext(store.folder, store=store, as_of=AS_OF)
    yield context
    context.store = None  # the store fixture closes it


@pytest.fixture
def generated(ctx, tmp_path: Path) -> Any:
    entry, _ = reg.generate(ctx.store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    return entry


@pytest.fixture
def view(qtbot, ctx, generated):
    from shenbao.ui.register_view import RegisterView

    widget = RegisterView(ctx)
    opened: list[str] = []
    widget.opener = lambda url: opened.append(url.toLocalFile()) or True
    widget.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.select(generated.id)
    return widget


def test_the_model_passes_the_model_tester(view, qtmodeltester) -> None:
    qtmodeltester.check(view.model)


def test_a_generated_declaration_shows_its_file_and_opens_it(view, generated) -> None:
    row = [view.proxy.index(0, c).data() for c in range(view.proxy.columnCount())]
    assert row[:7] == ["福州测试7智能科技有限公司", "算力服务补助", "已生成", "", "125,000.00", "—", "—"]
    panel = view.detail
    assert panel.path.text() == generated.pdf_path and panel.path.isReadOnly()
    panel.open_button.click()
    panel.folder_button.click()
    panel.print_button.click()
    assert view.opened == [generated.pdf_path, str(Path(generated.pdf_path).parent), generated.pdf_path]
    assert "打印" in panel.message.text()
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == generated.pdf_path
    assert not panel.regenerate_button.isEnabled() and not panel.wizard_button.isVisible()


def test_a_file_that_is_not_a_pdf_is_neither_opened_nor_printed(view, generated, tmp_path: Path) -> None:
    """The path a bundle carries for a declaration's PDF is anyone's to change: a program named there is
    not handed to the system to open (which would run it); the panel says why."""
    program = tmp_path / "申报书.exe"
    program.write_bytes(b"MZ\x90\x00 a program")
    view.ctx.store.conn.execute(
        "UPDATE declarations SET pdf_path = ? WHERE id = ?", (str(program), generated.id)
    )
    view.reload()
    panel = view.detail
    assert view.open_pdf() is False and view.print_pdf() is False
    assert view.opened == []
    assert "不是申报书 PDF" in panel.message.text() and str(program) in panel.message.text()


def test_a_sum_not_set_is_a_dash_without_a_unit_in_the_panel(view, generated) -> None:
    """As `declarations show` says it: 核定 — rather than 核定 — 元."""
    summary = view.detail.summary.text()
    assert "申请 125,000.00 元　核定 —　已拨付 0.00 元" in summary
    assert "— 元" not in summary


def test_the_panel_shows_the_cover_the_form_was_printed_with(view, generated) -> None:
    """受理部门 and 申报日期 as printed: a declaration printed with them says so; one without, nothing."""
    assert "受理部门" not in view.detail.summary.text() and "申报日期" not in view.detail.summary.text()
    view.ctx.store.conn.execute(
        "UPDATE declarations SET office = ?, declared_on = ? WHERE id = ?",
        ("福州市数据管理局", "2026-03-20", generated.id),
    )
    view.reload()
    assert "受理部门：福州市数据管理局　申报日期：2026-03-20" in view.detail.summary.text()


def choose_state(panel, state: str) -> None:
    panel.next_state.setCurrentIndex(panel.next_state.findData(state))


def test_states_are_recorded_from_the_panel_with_ref_and_sums(qtbot, view, generated) -> None:
    panel = view.detail
    assert [panel.next_state.itemData(i) for i in range(panel.next_state.count())] == [
        "submitted",
        "withdrawn",
    ]
    choose_state(panel, "submitted")
    panel.note.setText("已报区科技局")  # QTest types ASCII only
    panel.record_button.click()
    choose_state(panel, "accepted")
    qtbot.keyClicks(panel.reference, "FZ-88")
    panel.record_button.click()
    choose_state(panel, "paid")
    panel.record_button.click()  # no sum received: refused, said, nothing written
    assert "须填写本次拨付金额" in panel.message.text()
    assert reg.entry(view.ctx.store, generated.id).state == "accepted"
    qtbot.keyClicks(panel.awarded, "100000")
    qtbot.keyClicks(panel.received, "60,000")
    panel.record_button.click()
    e = reg.entry(view.ctx.store, generated.id)
    assert (e.state, e.reference, str(e.amount_awarded), str(e.received)) == (
        "paid",
        "FZ-88",
        "100000.00",
        "60000.00",
    )
    assert view.proxy.index(0, 2).data() == "已拨付" and view.proxy.index(0, 6).data() == "60,000.00"
    assert (
        "已报区科技局" in panel.history.toPlainText() and "拨付 60,000.00 元" in panel.history.toPlainText()
    )
    assert view.current().id == generated.id, "the declaration stays selected after the change"


def test_a_state_is_recorded_and_the_pdf_opened_with_the_keyboard(qtbot, view, generated) -> None:
    """Tab to 记录 and Enter records the change; Enter on 打开 opens the PDF. (Enter on a button of the
    register did nothing: outside a dialog only Space pressed it.)"""
    panel = view.detail
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    choose_state(panel, "submitted")
    panel.note.setFocus()
    qtbot.keyClick(panel.note, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.record_button
    qtbot.keyClick(panel.record_button, Qt.Key.Key_Return)
    assert reg.entry(view.ctx.store, generated.id).state == "submitted"
    panel.open_button.setFocus()
    qtbot.keyClick(panel.open_button, Qt.Key.Key_Enter)
    assert view.opened == [generated.pdf_path]


def test_materials_are_ticked_and_a_changed_file_is_flagged(
    view, generated, tmp_path: Path, monkeypatch
) -> None:
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"v1")
    panel = view.detail
    panel.material_boxes[3].click()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(contract), "")))
    view.choose_file(3)
    m = reg.entry(view.ctx.store, generated.id).materials[3]
    assert m.done and m.path == str(contract)
    contract.write_bytes(b"v2")
    view.reload()
    flags = [w.text() for w in view.detail.findChildren(QLabel, "fileWarning")]
    assert flags == ["⚠ 文件在附上后已变化"]


def test_a_tick_the_store_refuses_is_undone_on_screen(view, generated) -> None:
    """A checklist item the data folder cannot record (read-only, locked) does not stay ticked on screen
    as though it were saved: the box shows what is stored, and the panel says why."""
    reason = "数据文件夹为只读，本次修改未保存"
    view.ctx.store.conn.read_only = reason
    try:
        view.detail.material_boxes[1].click()
        assert reason in view.detail.message.text()
        assert not reg.entry(view.ctx.store, generated.id).materials[1].done
        assert not view.detail.material_boxes[1].isChecked()
    finally:
        view.ctx.store.conn.read_only = None


@pytest.mark.parametrize("width", [1100, 790, 640])
def test_the_detail_pane_is_never_cut_off_and_its_items_wrap(qtbot, view, width: int) -> None:
    view.resize(width, 700)
    qtbot.waitUntil(lambda: view.pane.viewport().width() >= view.detail.minimumSizeHint().width())
    assert view.detail.width() <= view.pane.viewport().width()  # nothing beyond the right edge
    item = view.detail.material_boxes[0]
    assert item.accessibleName() and not item.text()  # the words wrap in a label beside the box
    words = [w for w in view.detail.findChildren(QLabel) if w.text() == item.accessibleName()]
    assert len(words) == 1 and words[0].wordWrap()
    was = item.isChecked()
    qtbot.mouseClick(words[0], Qt.MouseButton.LeftButton)
    assert item.isChecked() != was  # a click on the words ticks the item, as on a checkbox's own text


def test_the_measure_column_is_as_wide_as_its_titles_up_to_a_cap(view) -> None:
    from shenbao.ui.register_view import MEASURE

    table = view.table
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(str(view.proxy.index(row, MEASURE).data()))
        for row in range(view.proxy.rowCount())
    )
    cap = 24 * metrics.horizontalAdvance("算")
    assert table.columnWidth(MEASURE) >= min(widest, cap)  # the title is read, not cut to 「…」
    assert table.columnWidth(MEASURE) <= max(cap, 120)


def test_a_declaration_without_a_deadline_says_so_beside_the_date_offered(view, generated) -> None:
    """The date beside 截止日期 is the one offered to set (today + 14) until one is set: the label says
    none is, as the register's empty column does, and says so again once it is cleared."""
    panel = view.detail
    label = next(w for w in panel.findChildren(QLabel) if w.buddy() is panel.deadline)
    assert reg.entry(view.ctx.store, generated.id).deadline is None
    assert label.text() == "截止日期\n（未设）"  # two lines: the panel no wider for it
    assert not panel.clear_deadline_button.isEnabled()
    panel.deadline.setDate(AS_OF + dt.timedelta(days=30))
    panel.deadline_button.click()
    assert reg.entry(view.ctx.store, generated.id).deadline == AS_OF + dt.timedelta(days=30)
    assert label.text() == "截止日期"
    assert panel.deadline.date().toPython() == AS_OF + dt.timedelta(days=30)
    panel.clear_deadline_button.click()
    assert reg.entry(view.ctx.store, generated.id).deadline is None
    assert label.text() == "截止日期\n（未设）"  # two lines: the panel no wider for it


def test_a_deleted_pdf_is_regenerated_from_the_panel(view, generated) -> None:
    path = Path(generated.pdf_path)
    original = text_of(path)[0]  # what it says: the file is dated when made
    path.unlink()
    view.reload()
    panel = view.detail
    assert "已被移动或删除" in panel.message.text()
    assert panel.regenerate_button.isEnabled() and not panel.open_button.isEnabled()
    panel.regenerate_button.click()
    assert text_of(path)[0] == original
    assert not panel.regenerate_button.isEnabled() and panel.open_button.isEnabled()


def test_a_changed_profile_marks_the_basis_changed(view, generated) -> None:
    from shenbao.ui.context import OpChanges

    store = view.ctx.store
    doc = store.get_profile(CODE)
    doc["facts"]["compute_purchase_amount"] = 200000
    store.save_profile(doc)
    view.ctx.report(OpChanges(saved=(CODE,)))
    from shenbao.ui.register_view import BASIS

    assert BASIS == 3  # beside the state, on the screen at the window's first size
    assert view.proxy.index(0, BASIS).data() == "依据已变化"
    assert "金额：125,000.00 元 → 100,000.00 元" in view.detail.basis.text()


def test_a_draft_reopens_its_wizard(qtbot, ctx, view) -> None:
    draft = ctx.store.save_draft(CODE, "fj2025.quality_product", {})
    from shenbao.ui.context import OpChanges

    ctx.report(OpChanges(declarations=(CODE,)))
    assert view.select(draft.id)
    assert view.detail.wizard_button.isVisible() and not view.detail.open_button.isVisible()
    with qtbot.waitSignal(view.openWizard) as opened:
        view.detail.wizard_button.click()
    assert opened.args == [CODE, "fj2025.quality_product"]


def test_a_draft_s_withdrawal_may_be_dated_before_another_declaration_s_last_change(
    qtbot, ctx, view, generated
) -> None:
    """The earliest date offered is the selected declaration's last change: a draft the register has
    not touched (begun a month ago) takes no bound from the declaration shown before it, only its own
    day of making."""
    draft = ctx.store.save_draft(CODE, "fj2025.quality_product", {})
    begun = dt.datetime.now().astimezone() - dt.timedelta(days=30)
    ctx.store.conn.execute(
        "UPDATE declarations SET created_at = ? WHERE id = ?", (begun.isoformat(timespec="seconds"), draft.id)
    )
    from shenbao.ui.context import OpChanges

    ctx.report(OpChanges(declarations=(CODE,)))
    assert view.select(generated.id) and view.select(draft.id)
    panel = view.detail
    assert panel.on.minimumDate().toPython() == begun.date()
    week_ago = dt.date.today() - dt.timedelta(days=7)
    panel.on.setDate(panel.on.date().addDays(-7))
    choose_state(panel, "withdrawn")
    assert panel.record() is True
    assert reg.entry(ctx.store, draft.id).events[-1].on == week_ago


def test_the_register_opens_by_enterprise_from_a_to_z(qtbot, ctx, generated, tmp_path: Path) -> None:
    """As the enterprise list and the park view do: names in pinyin order from the first, and each
    enterprise's declarations oldest first, as the register lists them."""
    from shenbao.ui.register_view import RegisterView

    for i, name in ((8, "安泰算力有限公司"), (9, "中科智算有限公司")):
        profile = tenant(i, compute_purchase_amount=250000, compute_subsidy_year_index=1)
        profile["enterprise"]["name"] = name
        ctx.store.save_profile(profile)
        reg.generate(ctx.store, make_uscc(i), VOUCHER, tmp_path / f"{i}.pdf", as_of=AS_OF)
    reg.generate(ctx.store, make_uscc(8), "fj2025.quality_product", tmp_path / "8b.pdf", as_of=AS_OF)
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    rows = [
        (view.proxy.index(r, 0).data(), view.proxy.index(r, 1).data()) for r in range(view.proxy.rowCount())
    ]
    assert [name for name, _m in rows] == [
        "安泰算力有限公司",
        "安泰算力有限公司",
        "福州测试7智能科技有限公司",
        "中科智算有限公司",
    ]
    assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_one_enterprise_and_the_state_filter(qtbot, ctx, generated) -> None:
    from shenbao.ui.register_view import ENTERPRISE, RegisterView

    other = make_uscc(8)
    ctx.store.save_profile(tenant(8, compute_purchase_amount=200000, compute_subsidy_year_index=1))
    reg.generate(ctx.store, other, VOUCHER, Path(generated.pdf_path).with_name("b.pdf"), as_of=AS_OF)
    reg.set_state(ctx.store, generated.id, "submitted")
    mine = RegisterView(ctx, CODE)
    everyone = RegisterView(ctx)
    for widget in (mine, everyone):
        qtbot.addWidget(widget)
    assert mine.proxy.rowCount() == 1 and mine.table.isColumnHidden(ENTERPRISE)
    assert everyone.proxy.rowCount() == 2 and not everyone.table.isColumnHidden(ENTERPRISE)
    everyone.state_box.setCurrentIndex(everyone.state_box.findData("submitted"))
    assert everyone.proxy.rowCount() == 1 and everyone.count_label.text() == "共 1 份"


def test_the_todo_panel_lists_what_is_near(qtbot, ctx) -> None:
    from shenbao.ui.todo_panel import TodoPanel

    ctx.store.save_profile(infra_profile(buys_compute=True))
    ctx.set_as_of(dt.date(2026, 11, 5))
    panel = TodoPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=20000) as loaded:
        panel.refresh()
    assert loaded.args == [2]  # both can apply for fz2024 measures, which end on 2026-12-31
    rows = [[panel.model.index(r, c).data() for c in range(3)] for r in range(2)]
    assert sorted(rows) == [
        ["2026-12-31", "政策到期", "福州测试7智能科技有限公司"],
        ["2026-12-31", "政策到期", "福州鼓山算力运营有限公司"],
    ]
    assert panel.heading.text() == "截至 2026-11-05，共 2 项待办"
    with qtbot.waitSignal(panel.openEnterprise) as opened:
        panel.table.doubleClicked.emit(panel.model.index(0, 0))
    assert opened.args == [panel.model.items[0].uscc]


def test_the_pipeline_per_tenant_measure_and_district_with_filters(
    qtbot, ctx, generated, tmp_path, monkeypatch
) -> None:
    from shenbao.ui import done_message
    from shenbao.ui.pipeline_view import PipelineView

    reg.set_state(ctx.store, generated.id, "submitted")
    reg.set_state(ctx.store, generated.id, "selected", awarded="120000")
    reg.set_state(ctx.store, generated.id, "paid", received="50000")
    ctx.store.save_profile(infra_profile())
    ctx.set_as_of(dt.date(2026, 9, 10))
    view = PipelineView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    assert view.model.rowCount() == 2
    names = {view.model.index(r, 0).data(): r for r in range(2)}
    mine = names["福州测试7智能科技有限公司"]
    assert [view.model.index(mine, c).data() for c in (6, 7, 8)] == ["1", "120,000.00", "50,000.00"]
    assert view.totals.index(0, 8).data() == "50,000.00"
    view.state_box.setCurrentIndex(view.state_box.findData("paid"))
    assert view.model.rowCount() == 1
    view.state_box.setCurrentIndex(0)
    view.window_box.setChecked(True)  # September: fz2024's compute window is open
    assert [view.model.index(r, 0).data() for r in range(view.model.rowCount())] == [
        "福州鼓山算力运营有限公司"
    ]
    view.window_box.setChecked(False)
    view.group_box.setCurrentIndex(view.group_box.findData("district"))
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "区县"
    view.group_box.setCurrentIndex(view.group_box.findData("measure"))
    titles = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert "算力服务补助" in titles and "算力运营补贴（供给侧）" in titles
    # a measure whose text states no sum says so, as the park view does, not 0.00 of it
    by_title = {view.model.index(r, 0).data(): r for r in range(view.model.rowCount())}
    rd = by_title["研发经费投入奖补"]
    assert [view.model.index(rd, c).data() for c in (1, 2)] == ["2", "按规定"]
    assert view.model.index(by_title["算力服务补助"], 2).data() == "125,000.00"

    opened: list[str] = []
    monkeypatch.setattr(done_message, "opener", lambda url: opened.append(url.toLocalFile()) or True)
    out = tmp_path / "进度.csv"
    with qtbot.waitSignal(view.exported, timeout=20000):  # written off the UI thread
        view.export_csv(out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "措施" and rows[-1][0] == "合计" and len(rows) == view.model.rowCount() + 2
    box = view.findChild(QMessageBox, "doneMessage")
    assert str(out) in box.text()
    box.findChild(QPushButton, "openButton").click()
    assert opened == [str(out)]


@pytest.mark.parametrize("which", ["todo"])
def test_a_newer_gathering_supersedes_one_under_way(qtbot, ctx, monkeypatch, which: str) -> None:
    """The 待办 window gathers off the UI thread; a change while one gathering is under way starts
    another: the older stops at its next enterprise and what it found is never shown over the newer's
    rows. (The 申报进度 gathers on the UI thread, a slice at a time: see the tests below.)"""
    import threading

    from shenbao.core import deadlines, pipeline
    from shenbao.ui.pipeline_view import PipelineView
    from shenbao.ui.todo_panel import TodoPanel
    from shenbao.ui.workers import running

    module, name = (pipeline, "pipeline") if which == "pipeline" else (deadlines, "todo")
    real = getattr(module, name)
    release, stopped = threading.Event(), []
    calls: list[int] = []

    def gathering(store: Any, as_of: Any, *args: Any, check: Any = None) -> Any:
        calls.append(len(calls))
        if len(calls) == 1:  # the first is slow: still under way when the second starts
            release.wait(10)
            try:
                if check is not None:
                    check()
            except BaseException:
                stopped.append("stopped")
                raise
        return real(store, as_of, *args, **({} if check is None else {"check": check}))

    monkeypatch.setattr(module, name, gathering)
    ctx.store.save_profile(infra_profile())
    view = PipelineView(ctx) if which == "pipeline" else TodoPanel(ctx)
    qtbot.addWidget(view)
    shown: list[int] = []
    view.loaded.connect(shown.append)
    view.refresh()
    qtbot.waitUntil(lambda: len(calls) == 1)
    view.refresh()  # a change meanwhile
    release.set()
    qtbot.waitUntil(
        lambda: len(calls) == 2 and stopped != [] and shown != [] and running() == 0, timeout=20000
    )
    assert stopped == ["stopped"]
    assert len(shown) == 1  # the newer's rows only


@pytest.fixture
def park(ctx, tmp_path: Path) -> Any:
    """300 tenants (purchases that vary, so some can apply and some cannot) and declarations at three
    stages: 已生成, 已提交 and 已拨付 with 120,000.50 awarded and 50,000 paid."""
    from shenbao.core.model import parse_profile

    docs = [tenant(500 + i, compute_purchase_amount=[0, 60000, 150000, 2500000][i % 4]) for i in range(299)]
    ctx.store.save_profiles(parse_profile(doc) for doc in docs)
    paid, _ = reg.generate(ctx.store, make_uscc(502), VOUCHER, tmp_path / "1.pdf", as_of=AS_OF)
    for state, sums in (
        ("submitted", {}),
        ("selected", {"awarded": "120000.50"}),
        ("paid", {"received": "50000"}),
    ):
        reg.set_state(ctx.store, paid.id, state, **sums)
    submitted, _ = reg.generate(ctx.store, make_uscc(503), VOUCHER, tmp_path / "2.pdf", as_of=AS_OF)
    reg.set_state(ctx.store, submitted.id, "submitted")
    reg.generate(ctx.store, make_uscc(506), VOUCHER, tmp_path / "3.pdf", as_of=AS_OF)
    return ctx


def test_the_pipeline_lists_every_tenant_at_once_and_gathers_them_a_slice_at_a_time(
    qtbot, park, monkeypatch
) -> None:
    """With hundreds of tenants the 申报进度 showed nothing, and no progress, until the last was gathered
    (5,000 took 11 s, the window frozen for up to 0.37 s at a time). Every tenant is listed at once, its
    figures 汇总中… until gathered, the rows on screen first; a progress bar counts them; the totals
    meanwhile add up those gathered and say how many; at the end they are core.pipeline's."""
    from shenbao.core import pipeline as core
    from shenbao.core.store.repository import Store
    from shenbao.ui.pipeline_view import FIGURE_HEADERS, PipelineView
    from shenbao.ui.style import format_yuan

    def expected(figures: Any) -> list[str]:
        values = [getattr(figures, key) for key, _title in FIGURE_HEADERS]
        return [format_yuan(v) if isinstance(v, Decimal) else str(v) for v in values]

    gathered: list[str] = []
    real = Store.get_profile  # read once for each tenant gathered
    monkeypatch.setattr(
        Store, "get_profile", lambda store, code, **kw: gathered.append(code) or real(store, code, **kw)
    )
    view = PipelineView(park)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    done: list[int] = []
    view.loaded.connect(done.append)

    view.refresh()
    assert view.model.rowCount() == 300 and gathered == []  # listed at once, before any is gathered
    assert {view.model.index(r, 1).data() for r in range(300)} == {"汇总中…"}
    assert view.progress.isVisible() and view.progress.maximum() == 300
    assert view.totals.index(0, 0).data() == "合计（只计已汇总的 0 家）"
    assert view.count_label.text() == "300 / 300 家企业"
    assert not view.export_button.isEnabled()  # nothing half-gathered is exported
    last = view.table.rowAt(view.table.viewport().height() - 1)
    on_screen = {view.model.index(r, 0).data() for r in range(last + 1)}
    view.table.setCurrentIndex(view.model.index(5, 0))  # a row chosen while the tenants are gathered
    chosen = view.model.index(5, 0).data()
    shows: list[tuple[int, list[str], list[str], int]] = []  # progress, totals, top row, tenants read
    view.progress.valueChanged.connect(
        lambda value: shows.append(
            (
                value,
                view.totals.table()[1],
                [view.model.index(0, c).data() for c in range(1, 9)],
                len(gathered),
            )
        )
    )

    qtbot.waitUntil(lambda: done != [], timeout=60000)
    assert done == [300] and sorted(gathered) == sorted(t.uscc for t in view.tenants)  # each gathered once
    assert len(set(gathered)) == 300
    first, totals, cells, so_far = shows[0]
    assert 0 < first == so_far < 300 and "汇总中…" not in cells
    assert totals == [
        f"合计（只计已汇总的 {first} 家）",
        *expected(core.grand_total(core.pipeline(park.store, AS_OF, gathered[:first]))),
    ]
    names = {row.uscc: row.name for row in park.store.list_enterprises()}
    assert {names[code] for code in gathered[: len(on_screen)]} == on_screen  # the rows on screen first
    assert [show[0] for show in shows] == sorted(show[0] for show in shows)

    total = core.grand_total(core.pipeline(park.store, AS_OF))
    assert view.totals.table()[1] == ["合计", *expected(total)]
    assert total.awarded_amount == Decimal("120000.50") and total.received_amount == Decimal("50000.00")
    assert not view.progress.isVisible() and view.export_button.isEnabled()
    assert view.model.index(view.table.currentIndex().row(), 0).data() == chosen  # still chosen
    assert "汇总中…" not in {view.model.index(r, c).data() for r in range(300) for c in range(9)}


def test_a_pipeline_gathering_stops_when_a_newer_starts_or_the_window_closes(
    qtbot, park, monkeypatch
) -> None:
    """A change while the tenants are gathered gathers them again: the older gathering stops at once
    (no tenant gathered twice after it) and only the newer's rows are shown, once; closing the window
    stops the gathering there."""
    from shenbao.core.store.repository import Store
    from shenbao.ui.pipeline_view import PipelineView

    gathered: list[str] = []
    real = Store.get_profile  # read once per tenant gathered
    monkeypatch.setattr(
        Store, "get_profile", lambda store, code, **kw: gathered.append(code) or real(store, code, **kw)
    )
    view = PipelineView(park)
    qtbot.addWidget(view)
    view.show()
    shown: list[int] = []
    view.loaded.connect(shown.append)
    view.refresh()
    qtbot.waitUntil(lambda: 0 < view.progress.value() < 300, timeout=20000)
    before = len(gathered)
    view.refresh()  # a change meanwhile
    assert view.progress.value() == 0 and view.totals.index(0, 0).data() == "合计（只计已汇总的 0 家）"
    qtbot.waitUntil(lambda: shown != [], timeout=60000)
    assert shown == [300] and len(gathered) == before + 300  # the older gathered nothing more
    assert sorted(gathered[before:]) == sorted(row.uscc for row in park.store.list_enterprises())

    view.refresh()
    qtbot.waitUntil(lambda: 0 < view.progress.value() < 300, timeout=20000)
    view.close()
    stopped = len(gathered)
    qtbot.wait(300)
    assert len(gathered) == stopped < before + 600 and shown == [300]


def test_a_tenant_changed_is_gathered_again_in_place(qtbot, park, monkeypatch) -> None:
    """With the 申报进度 open, every profile saved and every page of a wizard (its draft saved) sent all
    300 rows back to 「汇总中…」 while every tenant was gathered again. Only the tenants changed are
    gathered again, at once, in place: the other rows keep their figures and the totals are core's."""
    from shenbao.core import pipeline as core
    from shenbao.core.model import parse_profile
    from shenbao.core.store.repository import Store
    from shenbao.ui.context import OpChanges
    from shenbao.ui.pipeline_view import FIGURE_HEADERS, PipelineView
    from shenbao.ui.style import format_yuan

    def expected(figures: Any) -> list[str]:
        values = [getattr(figures, key) for key, _title in FIGURE_HEADERS]
        return [format_yuan(v) if isinstance(v, Decimal) else str(v) for v in values]

    view = PipelineView(park)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=60000):
        view.refresh()
    gathered: list[str] = []
    real = Store.get_profile  # read once for each tenant gathered
    monkeypatch.setattr(
        Store, "get_profile", lambda store, code, **kw: gathered.append(code) or real(store, code, **kw)
    )

    def shown() -> dict[str, list[str]]:
        return {row[0]: row[1:] for row in view.model.table()[1:]}

    before = shown()
    code = make_uscc(501)  # 60,000 of compute bought: 算力服务补助 not yet
    doc = tenant(501, compute_purchase_amount=2500000)
    doc["enterprise"]["name"] = "阿尔法算力科技有限公司"  # renamed: first by name now
    park.store.save_profile(parse_profile(doc))
    park.report(OpChanges.of([code]))
    assert gathered == [code] and not view.progress.isVisible()
    after = shown()
    assert (
        "福州测试501智能科技有限公司" not in after
        and view.model.index(0, 0).data() == "阿尔法算力科技有限公司"
    )
    assert {k: v for k, v in after.items() if k != "阿尔法算力科技有限公司"} == {
        k: v for k, v in before.items() if k != "福州测试501智能科技有限公司"
    }
    assert after["阿尔法算力科技有限公司"] != before["福州测试501智能科技有限公司"]

    entry = next(e for e in reg.entries(park.store, make_uscc(503)))
    reg.set_state(park.store, entry.id, "selected", awarded="80000")  # 已提交 → 已入选·已立项
    park.report(OpChanges(declarations=(make_uscc(503),)))
    assert gathered == [code, make_uscc(503)]
    tenants = core.pipeline(park.store, AS_OF)
    assert shown() == {t.name: expected(t.figures) for t in tenants}  # every row as core gathers it
    mine = next(t for t in tenants if t.uscc == make_uscc(503))
    assert shown()[mine.name][5:7] == ["1", "80,000.00"]  # 已核定
    total = core.grand_total(tenants)
    assert view.totals.table()[1][7] == "200,000.50" and total.awarded_amount == Decimal("200000.50")
    assert view.totals.table()[1][2] == f"{total.eligible_amount:,.2f}"
    assert "汇总中…" not in {cell for row in view.model.table() for cell in row}


def test_the_wizard_enters_its_printed_form_in_the_register(qtbot, ctx) -> None:
    from shenbao.ui.wizard import WizardDialog

    wizard = WizardDialog(ctx.store, VOUCHER, CODE, AS_OF, open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(6):  # page by page to the review, as a user does; each turn saves the draft
        if wizard.current_page_name() == "review":
            break
        wizard.next()
    assert wizard.current_page_name() == "review"
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000) as rendered:
        wizard.finish()  # finalized off the UI thread
    (entry,) = reg.entries(ctx.store, CODE)
    assert entry.state == "generated" and entry.pdf_path == rendered.args[0] and entry.pdf_state() == "ok"
    assert entry.as_of == AS_OF and entry.materials[-1].item == "算力服务费发票及支付凭证"
    assert not reg.basis_changed(ctx.store, entry), "the profile the wizard saved is the basis"


def test_the_main_window_opens_the_register_todo_and_pipeline(qtbot, window) -> None:
    from shenbao.ui.context import OpChanges
    from shenbao.ui.pipeline_view import PipelineView
    from shenbao.ui.register_view import RegisterView
    from shenbao.ui.todo_panel import TodoPanel

    window.store.save_profile(infra_profile(buys_compute=True))
    window.ctx.report(OpChanges(saved=(infra_profile()["enterprise"]["uscc"],)))
    for name in ("register", "todo", "pipeline"):
        assert window.actions_by_id[name].isEnabled()
    window.actions_by_id["register"].trigger()
    window.actions_by_id["pipeline"].trigger()
    kinds = [type(w) for w in window.windows.open_now]
    assert RegisterView in kinds and PipelineView in kinds
    on_start = window.windows.todo(on_start=True)  # as a start with enterprises does
    with qtbot.waitSignal(on_start.loaded, timeout=30000) as loaded:
        pass
    assert loaded.args == [1] and on_start in window.windows.open_now and on_start.isVisible()
    assert isinstance(on_start, TodoPanel) and on_start.model.items[0].kind == "expiry"


def test_a_draft_in_the_register_opens_its_wizard_in_the_window(qtbot, window) -> None:
    from shenbao.ui.context import OpChanges

    window.store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    window.ctx.report(OpChanges(saved=(CODE,)))
    draft = window.store.save_draft(CODE, VOUCHER, {})
    view = window.windows.register()
    assert view.select(draft.id)
    wizard = window.wizard_for(CODE, VOUCHER)
    assert wizard is not None and window.current == CODE
    wizard.close()


def test_the_pipeline_sorts_by_pinyin_and_totals_each_filter_as_core_pipeline_does(
    qtbot, ctx, generated, qtmodeltester
) -> None:
    from shenbao.core.model import parse_profile
    from shenbao.core.pipeline import grand_total, pipeline, totals_by_district, totals_by_measure
    from shenbao.core.policies import catalogue
    from shenbao.ui.collation import name_key
    from shenbao.ui.pipeline_view import FIGURE_HEADERS, NO_SUM, PipelineView
    from shenbao.ui.style import format_yuan
    from tests.ui.test_park import MIXED_DISTRICTS, MIXED_NAMES

    reg.set_state(ctx.store, generated.id, "submitted")
    reg.set_state(ctx.store, generated.id, "selected", awarded="120000.50")
    docs = []
    for i in range(12):
        doc = tenant(300 + i, compute_purchase_amount=[0, 60000, 100000, 2500000][i % 4])
        doc["enterprise"]["name"] = MIXED_NAMES[i % len(MIXED_NAMES)] + ("" if i < 10 else f"（{i}）")
        doc["enterprise"]["district"] = MIXED_DISTRICTS[i % len(MIXED_DISTRICTS)]
        docs.append(parse_profile(doc))
    ctx.store.save_profiles(docs)
    ctx.store.save_profile(infra_profile())
    ctx.set_as_of(dt.date(2026, 9, 10))  # fz2024's compute window is open
    view = PipelineView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    qtmodeltester.check(view.model)
    names = sorted(t.name for t in pipeline(ctx.store, dt.date(2026, 9, 10)))

    def column(c: int) -> list[str]:
        return [view.model.index(r, c).data() for r in range(view.model.rowCount())]

    assert column(0) == sorted(names, key=name_key), "it opens by name from A to Z"
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(0) == sorted(names, key=name_key)
    assert (
        column(0).index("阿里智算有限公司")
        < column(0).index("北京智算有限公司")
        < column(0).index("重庆智算有限公司")
        < column(0).index("中国智算有限公司")
    )
    assert column(0).index("2号楼算力有限公司") < column(0).index("10号楼算力有限公司")
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column(0) == sorted(names, key=name_key, reverse=True)
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    amounts = [Decimal(text.replace(",", "")) for text in column(2)]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > amounts[-1]

    def expected(figures: Any) -> list[str]:
        values = [getattr(figures, key) for key, _title in FIGURE_HEADERS]
        return [format_yuan(v) if isinstance(v, Decimal) else str(v) for v in values]

    def no_sum(measure: str, figures: Any, shown: list[str]) -> list[str]:
        kind = catalogue().measures[measure].amount_kind
        if figures.eligible_amount or kind not in NO_SUM:
            return shown
        return [shown[0], NO_SUM[kind], *shown[2:]]

    tenants = pipeline(ctx.store, dt.date(2026, 9, 10))
    sizes: dict[tuple[str, bool], int] = {}
    for state in range(view.state_box.count()):
        for window in (False, True):
            view.state_box.setCurrentIndex(state)
            view.window_box.setChecked(window)
            wanted = view.state_box.currentData()
            kept = [
                t for t in tenants if (not wanted or wanted in t.states) and (t.open_windows or not window)
            ]
            for group in ("tenant", "measure", "district"):
                view.group_box.setCurrentIndex(view.group_box.findData(group))
                labels = [row[1] if group == "measure" else row[0] for row in view.model.rows]
                rows = dict(zip(labels, (r[1:] for r in view.model.table()[1:]), strict=True))
                if group == "tenant":
                    want = {t.name: expected(t.figures) for t in kept}
                elif group == "measure":  # a measure stating no sum says so in place of 0.00
                    want = {m: no_sum(m, f, expected(f)) for m, f in totals_by_measure(kept).items()}
                else:
                    want = {d or "—": expected(f) for d, f in totals_by_district(kept).items()}
                assert rows == want
                assert view.totals.table()[1][1:] == expected(grand_total(kept))
            sizes[wanted, window] = len(kept)
    assert sizes["", False] == 14 and sizes["selected", False] == 1 and 0 < sizes["", True] < 13


def test_the_pipeline_adds_amounts_below_a_fen_exactly() -> None:
    from decimal import Decimal

    from shenbao.core.pipeline import Figures
    from shenbao.ui.pipeline_view import added, in_fen, shown

    rows = [Figures(eligible=1, eligible_amount=Decimal(v)) for v in ("0.005", "0.005", "125000.00", "1.1")]
    columns = in_fen(rows)
    total = added(columns, [True] * len(rows))
    exact = sum((r.eligible_amount for r in rows), Decimal(0))
    money_column = next(i for i, c in enumerate(columns) if Decimal(125000_00) in c)
    assert Decimal(total[money_column]).scaleb(-2) == exact == Decimal("125001.11")
    assert shown(total[money_column], True) == shown(int(exact.scaleb(2)), True)
    assert all(isinstance(v, int) for v in columns[money_column][2:])  # whole fen stay integers


def test_the_preview_trace_says_what_the_register_records_as_paid(qtbot, view, generated) -> None:
    """fj2025.compute_voucher's cap may be a total over the policy's term: the trace of the enterprise's
    measure says what the register holds as received, and follows a payment recorded in the register."""
    from shenbao.ui.preview_panel import PreviewPanel, judge_with

    ctx = view.ctx
    other = ctx.store.get_profile(CODE)
    other["enterprise"].update(uscc=make_uscc(8), name="福州另一家智能科技有限公司")
    ctx.store.save_profile(other)
    reg.generate(ctx.store, make_uscc(8), VOUCHER, generated.pdf_path + ".8.pdf", as_of=AS_OF)
    panel = PreviewPanel(judge_with(ctx), context=ctx)
    qtbot.addWidget(panel)
    panel.show_document(ctx.store.get_profile(CODE))
    assert panel.select_measure(VOUCHER)
    assert "申报记录" not in panel.trace.toPlainText()

    panel_ = view.detail
    for state in ("submitted", "accepted"):
        choose_state(panel_, state)
        panel_.record_button.click()
    choose_state(panel_, "paid")
    qtbot.keyClicks(panel_.received, "60,000")
    panel_.record_button.click()
    assert reg.entry(ctx.store, generated.id).state == "paid"
    text = panel.trace.toPlainText()
    assert "本企业此项已登记拨付 60,000.00 元（6 万元）（1 笔，最近一笔" in text, text
    assert "；上方测算金额未扣除" in text  # beside the note that judging knows nothing of past payments
    choose_state(panel_, "paid")  # a further instalment
    qtbot.keyClicks(panel_.received, "15000.5")
    panel_.record_button.click()
    assert "已登记拨付 75,000.50 元" in panel.trace.toPlainText()
    assert "（2 笔，" in panel.trace.toPlainText()
    assert ctx.store.received(CODE, VOUCHER).total == Decimal("75000.50")
    # another enterprise's payment of the same measure is its own
    eight = next(e for e in reg.entries(ctx.store, make_uscc(8)))
    reg.set_state(ctx.store, eight.id, "submitted")
    reg.set_state(ctx.store, eight.id, "accepted")
    reg.set_state(ctx.store, eight.id, "paid", received="1000")
    assert ctx.store.received(CODE, VOUCHER).payments == 2
    assert ctx.store.received(make_uscc(8), VOUCHER).total == Decimal("1000.00")
    assert ctx.store.received(CODE, "fz2024.compute_use").payments == 0
    assert panel.select_measure("fz2024.compute_use")
    assert "申报记录" not in panel.trace.toPlainText()


def test_the_pipeline_export_keeps_a_name_that_looks_like_a_formula_from_running(
    qtbot, ctx, tmp_path, monkeypatch
) -> None:
    from shenbao.core.model import parse_profile
    from shenbao.ui import done_message
    from shenbao.ui.pipeline_view import PipelineView

    doc = tenant(8, compute_purchase_amount=250000, compute_subsidy_year_index=1)
    doc["enterprise"]["name"] = '=HYPERLINK("http://x","点我")科技有限公司'
    ctx.store.save_profile(parse_profile(doc))
    view = PipelineView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.refresh()
    monkeypatch.setattr(done_message, "opener", lambda url: True)
    out = tmp_path / "进度.csv"
    with qtbot.waitSignal(view.exported, timeout=20000):  # written off the UI thread
        view.export_csv(out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        names = [row[0] for row in csv.reader(fh)]
    assert '\'=HYPERLINK("http://x","点我")科技有限公司' in names
    assert not [name for name in names if name.startswith(("=", "+", "-", "@"))]


@pytest.mark.qt_log_ignore(  # offscreen cannot raise a window, nor size one by its hints
    "This plugin does not support raise", "This plugin does not support propagateSizeHints"
)
def test_a_todo_row_double_clicked_shows_its_declaration_or_its_enterprise(qtbot, window, tmp_path) -> None:
    from shenbao.ui.context import OpChanges
    from shenbao.ui.register_view import RegisterView

    window.store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    window.store.save_profile(infra_profile(buys_compute=True))
    window.ctx.report(OpChanges(saved=(CODE, infra_profile()["enterprise"]["uscc"])))
    entry, _ = reg.generate(window.store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    reg.set_deadline(window.store, entry.id, AS_OF + dt.timedelta(days=5))
    window.ctx.report(OpChanges(declarations=(CODE,)))
    panel = window.windows.todo()
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        pass
    items = panel.model.items
    due = next(r for r, item in enumerate(items) if item.declaration == entry.id)
    panel.table.doubleClicked.emit(panel.model.index(due, 0))
    register = [w for w in window.windows.open_now if isinstance(w, RegisterView)]
    assert len(register) == 1
    current = register[0].proxy.mapToSource(register[0].table.currentIndex()).row()
    assert register[0].model.entries[current].id == entry.id

    other = infra_profile()["enterprise"]["uscc"]
    ending = next(r for r, item in enumerate(items) if item.declaration is None and item.uscc == other)
    assert window.current != other
    panel.table.doubleClicked.emit(panel.model.index(ending, 0))
    qtbot.waitUntil(lambda: window.current == other, timeout=5000)


def test_enter_opens_a_row_of_the_register_and_of_the_todo_panel(qtbot, window, tmp_path) -> None:
    """The keyboard's double click: Enter on a row of 待办 shows its declaration in the register, and
    Enter on a row of the register opens its PDF (a draft's wizard). (Only a double click did: a 待办
    item could not be followed from the keyboard at all.)"""
    from shenbao.ui.context import OpChanges
    from shenbao.ui.register_view import RegisterView

    window.store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    window.ctx.report(OpChanges(saved=(CODE,)))
    entry, _ = reg.generate(window.store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    reg.set_deadline(window.store, entry.id, AS_OF + dt.timedelta(days=5))
    window.ctx.report(OpChanges(declarations=(CODE,)))
    panel = window.windows.todo()
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        pass
    due = next(r for r, item in enumerate(panel.model.items) if item.declaration == entry.id)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(due, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    register = [w for w in window.windows.open_now if isinstance(w, RegisterView)]
    assert len(register) == 1
    view = register[0]
    assert view.model.entries[view.proxy.mapToSource(view.table.currentIndex()).row()].id == entry.id
    opened: list[str] = []
    view.opener = lambda url: opened.append(url.toLocalFile()) or True
    view.activateWindow()  # the window the user went on to
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Enter)
    assert opened == [entry.pdf_path]


def test_the_panel_dates_a_change_by_the_window_s_clock(qtbot, ctx, generated) -> None:
    """The latest date a change may bear, the date offered and the deadline offered are the window's
    today, and the change is recorded against it, not against the machine's."""
    from shenbao.ui.register_view import RegisterView

    clock = dt.date.today() + dt.timedelta(days=40)
    ctx.today = lambda: clock
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    assert view.select(generated.id)
    panel = view.detail
    assert panel.on.maximumDate().toPython() == clock and panel.on.date().toPython() == clock
    assert panel.deadline.date().toPython() == clock + dt.timedelta(days=14)
    choose_state(panel, "submitted")
    assert panel.record_button.click() is None and panel.message.text() == "已记为已提交"
    assert reg.entry(ctx.store, generated.id).events[-1].on == clock


def test_a_payment_recorded_wrong_is_removed_from_the_panel_and_every_view_follows(
    qtbot, view, generated
) -> None:
    """60,000 recorded where 6,000 was received: 撤销这笔拨付… asks, naming the date and sum; 取消 keeps
    it; 撤销拨付 removes it, and the row, the panel, the history and the 申报进度 follow at once."""
    from shenbao.ui.pipeline_view import PipelineView

    ctx, panel = view.ctx, view.detail
    for state in ("submitted", "accepted"):
        choose_state(panel, state)
        panel.record_button.click()
    assert not panel.payments_group.isVisible(), "nothing to remove before a payment"
    choose_state(panel, "paid")
    qtbot.keyClicks(panel.awarded, "100000")
    qtbot.keyClicks(panel.received, "60000")
    panel.record_button.click()
    assert view.proxy.index(0, 6).data() == "60,000.00"
    pipeline = PipelineView(ctx)
    qtbot.addWidget(pipeline)
    with qtbot.waitSignal(pipeline.loaded, timeout=20000):
        pipeline.refresh()
    assert pipeline.totals.index(0, 8).data() == "60,000.00"

    assert panel.payments_group.isVisible() and panel.payment_choice.count() == 1
    today = dt.date.today().isoformat()
    assert panel.payment_choice.currentText() == f"1.\u3000{today}\u300060,000.00 元"
    before = reg.entry(ctx.store, generated.id)
    panel.remove_payment_button.click()
    box = panel.findChild(QMessageBox, "removePaymentQuestion")
    assert box is not None and box.isVisible()
    assert f"撤销 {today} 拨付的 60,000.00 元？" in box.text() and "回到已拨付之前的状态" in box.text()
    assert box.defaultButton().text() == "取消"
    box.defaultButton().click()  # 取消: nothing changes
    assert reg.entry(ctx.store, generated.id) == before

    qtbot.keyClicks(panel.payment_reason, "60000 typed for 6000")
    panel.remove_payment_button.click()
    box = [b for b in panel.findChildren(QMessageBox, "removePaymentQuestion") if b.isVisible()][-1]
    with qtbot.waitSignal(view.changedState, timeout=5000) as changed:
        box.findChild(QPushButton, "removeButton").click()
    assert changed.args == [generated.id, "accepted"]
    e = reg.entry(ctx.store, generated.id)
    assert (e.state, e.payments, e.amount_awarded) == ("accepted", (), Decimal("100000.00"))
    assert view.proxy.index(0, 2).data() == "已受理" and view.proxy.index(0, 6).data() == "—"
    assert "已拨付 0.00 元" in panel.summary.text()
    assert panel.message.text() == f"已撤销 {today} 拨付的 60,000.00 元"
    assert not panel.payments_group.isVisible()
    history = panel.history.toPlainText()
    assert f"撤销拨付 {today} 60,000.00 元，回到已受理；60000 typed for 6000" in history
    qtbot.waitUntil(lambda: pipeline.totals.index(0, 8).data() == "0.00", timeout=20000)

    # the right sum recorded in its place, from the same panel
    choose_state(panel, "paid")
    qtbot.keyClicks(panel.received, "6000")
    panel.record_button.click()
    assert view.proxy.index(0, 6).data() == "6,000.00"
    assert reg.entry(ctx.store, generated.id).received == Decimal("6000.00")
    qtbot.waitUntil(lambda: pipeline.totals.index(0, 8).data() == "6,000.00", timeout=20000)


def test_a_payment_removed_elsewhere_meanwhile_is_not_taken_for_another(qtbot, view, generated) -> None:
    """The question names one payment; when a command removed it while the question was open, the
    payment now first is not removed in its stead."""
    ctx, panel = view.ctx, view.detail
    for state in ("submitted", "selected"):
        reg.set_state(
            ctx.store, generated.id, state, **({"awarded": "100000"} if state == "selected" else {})
        )
    reg.set_state(ctx.store, generated.id, "paid", received="1000")
    reg.set_state(ctx.store, generated.id, "paid", received="2000")
    view.reload()
    assert view.select(generated.id)
    panel.payment_choice.setCurrentIndex(0)
    panel.remove_payment_button.click()
    box = panel.findChild(QMessageBox, "removePaymentQuestion")
    assert "1,000.00 元" in box.text()
    reg.remove_payment(ctx.store, generated.id, 0)  # another window or command, meanwhile
    box.findChild(QPushButton, "removeButton").click()
    assert "已被更改" in panel.message.text()
    assert [p.amount for p in reg.entry(ctx.store, generated.id).payments] == [Decimal("2000.00")]
