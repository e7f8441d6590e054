"""Background work: the function runs on another thread, its result, failure or cancel comes back on
the UI thread, questions are asked on the UI thread; and the main window imports and exports with it."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QPushButton, QWidget

from shenbao.core.store.db import StoreError
from shenbao.ui.workers import BackgroundOp, Task, running
from tests.ui.conftest import saved_profile


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_success_comes_back_on_the_ui_thread_with_progress(qtbot: Any, parent: QWidget) -> None:
    seen: dict[str, Any] = {}

    def work(task: Task) -> int:
        seen["worker"] = threading.get_ident()
        for i in range(3):
            task.report(i + 1, 3, f"第 {i + 1} 步")
        return 42

    op = BackgroundOp(
        work,
        parent=parent,
        label="测试",
        on_success=lambda value: seen.update(value=value, ui=threading.get_ident()),
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert seen["value"] == 42
    assert seen["ui"] == threading.get_ident() != seen["worker"]
    assert running() == 0


def test_a_known_failure_reaches_the_failure_callback(qtbot: Any, parent: QWidget) -> None:
    failures: list[BaseException] = []

    def work(_task: Task) -> None:
        raise StoreError("数据库已锁定")

    op = BackgroundOp(
        work, parent=parent, show_progress=False, on_failure=lambda err, _d: failures.append(err)
    )
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert [str(e) for e in failures] == ["数据库已锁定"]


def test_cancel_stops_the_work_at_its_next_check(qtbot: Any, parent: QWidget) -> None:
    outcome: list[str] = []
    started = threading.Event()

    def work(task: Task) -> None:
        started.set()
        while True:
            task.check()
            time.sleep(0.005)

    op = BackgroundOp(
        work,
        parent=parent,
        on_success=lambda _v: outcome.append("done"),
        on_cancel=lambda: outcome.append("cancelled"),
    )
    op.start()
    assert started.wait(5)
    button = op.dialog.findChild(QPushButton)
    assert button.text() == "取消"
    try:
        with qtbot.waitSignal(op.finished, timeout=5000):
            button.click()
    finally:
        op.task.cancel()
    assert outcome == ["cancelled"]


def test_once_committed_the_work_is_not_cancelled_and_offers_no_cancel(qtbot: Any, parent: QWidget) -> None:
    """Work whose outcome is decided part way (a change of key, committed before its backups are done)
    says so: from then its dialog has no 取消, and a cancel asked for is not heeded (the work was reported
    cancelled while it went on to the end)."""
    outcome: list[str] = []
    committed, finish = threading.Event(), threading.Event()

    def work(task: Task) -> str:
        task.report(1, 3, "第一步")
        task.commit()
        committed.set()
        assert finish.wait(5)
        task.report(2, 3, "第二步")
        task.check()
        return "done"

    op = BackgroundOp(
        work,
        parent=parent,
        on_success=outcome.append,
        on_cancel=lambda: outcome.append("cancelled"),
        on_failure=lambda err, _details: outcome.append(repr(err)),
    )
    op.start()
    assert committed.wait(5), outcome
    qtbot.waitUntil(lambda: op.dialog.findChild(QPushButton) is None, timeout=5000)
    op.cancel()  # as the dialog's Esc asks
    assert not op.task.cancelled and op.dialog.labelText() != "正在取消…"
    with qtbot.waitSignal(op.finished, timeout=5000):
        finish.set()
    assert outcome == ["done"]


def test_a_question_is_asked_on_the_ui_thread(qtbot: Any, parent: QWidget) -> None:
    asked_on: list[int] = []

    def question() -> str:
        asked_on.append(threading.get_ident())
        return "口令"

    results: list[Any] = []
    op = BackgroundOp(lambda task: task.ask(question) + "已收到", parent=parent, on_success=results.append)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert results == ["口令已收到"]
    assert asked_on == [threading.get_ident()]


def test_import_a_park_table_and_profiles_in_the_background(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    window.store.save_profile(saved_profile(1))
    window.reload()
    table = tmp_path / "park.csv"
    first, second = saved_profile(2)["enterprise"], saved_profile(3)["enterprise"]
    table.write_text(
        "企业（单位）名称,统一社会信用代码,注册地（省）,注册地（市）\n"
        f"{first['name']},{first['uscc']},福建省,福州市\n{second['name']},{second['uscc']},福建省,福州市\n",
        encoding="utf-8",
    )
    profile = tmp_path / "one.json"
    profile.write_text(
        json.dumps(saved_profile(1, compute_purchase_amount=7), ensure_ascii=False), encoding="utf-8"
    )
    dialogs.answers = []
    from shenbao.ui.import_preview import ImportPreview

    def keep_stored(preview: ImportPreview) -> int:  # the user keeps the enterprise already stored
        preview.keep_choice.setChecked(True)
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "exec", keep_stored)
    with qtbot.waitSignal(window.operations.imported, timeout=10000) as blocker:
        window.operations.import_files([str(table), str(profile)])
    report = blocker.args[0]
    assert sorted(report.added) == sorted([first["uscc"], second["uscc"]])
    assert report.kept == [saved_profile(1)["enterprise"]["uscc"]]
    assert window.enterprises.model.rowCount() == 3
    assert (
        "compute_purchase_amount"
        not in window.store.get_profile(saved_profile(1)["enterprise"]["uscc"])["facts"]
    )


def test_a_broken_file_is_reported_in_chinese_and_nothing_is_written(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    window.operations.import_files([str(broken)])
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")), timeout=10000)
    assert "不是有效的 JSON" in dialogs.texts("warning")[0]
    assert window.enterprises.model.rowCount() == 0


def test_export_the_listed_enterprises_to_a_bundle(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from shenbao.core.store.bundle import read_bundle

    for i in range(3):
        window.store.save_profile(saved_profile(i))
    window.reload()
    window.enterprises.search.setText("台江")
    out = tmp_path / "park.shenbao"
    with qtbot.waitSignal(window.operations.exported, timeout=10000):
        window.operations.export_bundle(str(out), passphrase="")
    entries = read_bundle(out, lambda: None)
    assert len(entries) == 1
    assert "台江" in window.statusBar().currentMessage() or out.exists()


def test_export_the_listed_enterprises_to_an_excel_park_table(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from shenbao.core.store.tables import read_table

    for i in range(3):
        window.store.save_profile(saved_profile(i))
    window.reload()
    window.enterprises.search.setText("鼓楼")
    out = tmp_path / "park.xlsx"
    with qtbot.waitSignal(window.operations.exported, timeout=10000):
        window.operations.export_bundle(str(out))
    rows = read_table(out)
    shown = {
        window.enterprises.proxy.uscc_at(window.enterprises.proxy.index(r, 0))
        for r in range(window.enterprises.proxy.rowCount())
    }
    assert {p.uscc for p in rows} == shown and len(rows) == len(shown) >= 1


def test_a_damaged_secret_leaves_the_other_enterprises_exported_and_is_named(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    """One enterprise's encrypted part damaged on disk: the park table still holds every listed
    enterprise, and the window names the one whose ID numbers and engineer count were left out."""
    import csv

    from tests.store.factory import make_profile, make_uscc

    for i in range(3):
        window.store.save_profile(make_profile(i, engineers=2 + i))
    damaged = make_uscc(1)
    with window.store.conn:
        window.store.conn.execute(
            "UPDATE enterprises SET secrets = zeroblob(length(secrets)) WHERE uscc = ?", (damaged,)
        )
    window.reload()
    out = tmp_path / "park.csv"
    with qtbot.waitSignal(window.operations.exported, timeout=10000):
        window.operations.export_bundle(str(out))
    rows = list(csv.DictReader(out.read_text("utf-8-sig").splitlines()))
    assert {r["统一社会信用代码"] for r in rows} == {make_uscc(0), damaged, make_uscc(2)}
    warnings = dialogs.texts("warning")
    assert len(warnings) == 1 and damaged in warnings[0] and "核心工程师人数未导出" in warnings[0]
    assert dialogs.texts("critical") == []


def test_progress_arriving_with_the_end_does_not_touch_a_closed_dialog(qtbot: Any, parent: QWidget) -> None:
    """A modal progress dialog's setValue() runs the event loop; the work's end may close it right there."""
    done: list[int] = []
    op = BackgroundOp(lambda _task: 1, parent=parent, label="测试", on_success=done.append)
    assert op.dialog is not None
    op.dialog.setMinimumDuration(0)
    op.dialog.setValue(0)
    op._progress(1, 3, "第 1 步")  # shows the dialog
    assert op.dialog.isVisible()
    op._bridge.succeeded.emit(7)  # queued: delivered inside the next event processing
    op._progress(2, 3, "第 2 步")
    assert done == [7]
    assert op.dialog is None


def test_cycles_are_collected_on_the_ui_thread_only(qtbot: Any, parent: QWidget) -> None:
    """A collection in a worker would delete Qt objects off the UI thread: while work runs automatic
    collection is off, and it is back once the last piece of work has reported."""
    import gc

    seen: list[bool] = []
    with qtbot.waitSignal(
        BackgroundOp(lambda task: seen.append(gc.isenabled()), parent=parent).start().finished
    ):
        pass
    assert seen == [False]
    qtbot.waitUntil(gc.isenabled)  # on the event loop's next pass
    assert running() == 0


def test_work_started_as_work_ends_is_not_held_up_by_a_collection(qtbot: Any, parent: QWidget) -> None:
    """An import reads and plans as one piece of work and writes as the next, started as the first
    reports: a collection between them walked every object the reading made (0.4-0.6 s with the window
    frozen, for a park table of 100,000 rows). The cycles are collected once, after the last."""
    import gc

    collections: list[int] = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    between: list[int] = []
    second: list[BackgroundOp] = []

    def then(_result: Any) -> None:
        between.append(len(collections))
        second.append(BackgroundOp(lambda task: 2, parent=parent).start())

    gc.callbacks.append(count)
    try:
        first = BackgroundOp(lambda task: 1, parent=parent, on_success=then)
        collections.clear()
        with qtbot.waitSignal(first.start().finished):
            pass
        qtbot.waitUntil(lambda: bool(second))
        with qtbot.waitSignal(second[0].finished):
            pass
        qtbot.waitUntil(gc.isenabled)
    finally:
        gc.callbacks.remove(count)
    assert between == [0]
    assert 2 in collections


def test_the_ui_thread_gets_the_interpreter_quickly_while_work_runs(qtbot: Any, parent: QWidget) -> None:
    """Each call Qt makes into Python on the UI thread (a model's data(), a delegate, an event filter)
    needs the interpreter lock, which a worker busy in Python hands over only when asked, after the
    switch interval: at the interpreter's 5 ms, the 3,150 calls made when the progress dialog appeared
    over the window froze it for 1.5-1.8 s while a park table's rows were read. While work runs the
    interval is 0.2 ms; it is the interpreter's again once the last piece of work has ended."""
    import sys

    before = sys.getswitchinterval()
    assert before > 0.0002
    release = threading.Event()
    seen: list[float] = []

    def work(task: Task) -> None:
        seen.append(sys.getswitchinterval())
        release.wait(10)

    first = BackgroundOp(work, parent=parent).start()
    second = BackgroundOp(work, parent=parent).start()
    try:
        qtbot.waitUntil(lambda: len(seen) == 2)
    finally:
        with qtbot.waitSignal(first.finished), qtbot.waitSignal(second.finished):
            release.set()
    assert max(seen) <= 0.0002
    assert sys.getswitchinterval() == before


def test_the_start_collects_no_cycles_until_its_first_frame(qtbot: Any, parent: QWidget) -> None:
    """`shenbao gui` starts with the collector off; once the frame is drawn it is back on, with what the
    start made frozen out of later collections, unless background work is running (which turns it on
    when it ends, on the UI thread)."""
    import gc

    from shenbao.ui.workers import start_up_done

    gc.disable()
    try:
        release = threading.Event()
        op = BackgroundOp(lambda task: release.wait(10), parent=parent).start()
        start_up_done()
        assert not gc.isenabled()
        with qtbot.waitSignal(op.finished):
            release.set()
        qtbot.waitUntil(gc.isenabled)
        gc.disable()
        start_up_done()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


class _Plan:
    """Stands for what a piece of work closes over (an import's plan of 100,000 enterprises)."""


@pytest.mark.parametrize("ending", ["success", "failure", "cancel"])
def test_what_the_work_held_is_let_go_of_once_it_reported(qtbot: Any, parent: QWidget, ending: str) -> None:
    """The op stays a child of its window; the work's function and the callbacks, and what they close
    over, do not stay with it once it reported, however it ended."""
    import gc
    import weakref

    seen: list[str] = []

    def make_op() -> tuple[BackgroundOp, weakref.ref[_Plan]]:
        plan = _Plan()  # held by the work and the callbacks only

        def work(task: Task) -> int:
            assert isinstance(plan, _Plan)
            if ending == "failure":
                raise StoreError("数据库已锁定")
            if ending == "cancel":
                task.cancel()
                task.check()
            return 1

        op = BackgroundOp(
            work,
            parent=parent,
            show_progress=False,
            on_success=lambda _r: seen.append(f"success {plan is not None}"),
            on_failure=lambda _e, _d: seen.append(f"failure {plan is not None}"),
            on_cancel=lambda: seen.append(f"cancel {plan is not None}"),
        )
        return op, weakref.ref(plan)

    op, alive = make_op()
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [f"{ending} True"]  # the callback still had what it closed over
    QThreadPool.globalInstance().waitForDone(5000)  # the worker's own frame (a failure's traceback) gone
    gc.collect()
    assert alive() is None
    assert op.parent() is parent
    with pytest.raises(RuntimeError):
        op.start()


def test_the_import_s_plan_is_let_go_of_once_written(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an import (through the preview of a table with a row left out), no plan is kept by the
    window: neither by the background work that read and wrote it nor by the preview it was shown in."""
    import gc

    from shenbao.core.store.imports import ImportPlan
    from shenbao.ui.import_preview import ImportPreview

    first = saved_profile(2)["enterprise"]
    table = tmp_path / "park.csv"
    table.write_text(
        "企业（单位）名称,统一社会信用代码,注册地（省）,注册地（市）\n"
        f"{first['name']},{first['uscc']},福建省,福州市\n坏行公司,91350100XXXXXXXXX,福建省,福州市\n",
        encoding="utf-8",
    )
    shown: list[ImportPreview] = []

    def accept(preview: ImportPreview) -> int:
        shown.append(preview)
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "exec", accept)
    with qtbot.waitSignal(window.operations.imported, timeout=10000) as blocker:
        window.operations.import_files([str(table)])
    assert blocker.args[0].added == [first["uscc"]] and len(shown) == 1
    shown.clear()
    qtbot.waitUntil(lambda: not window.findChildren(ImportPreview), timeout=5000)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, ImportPlan)]


@pytest.mark.parametrize(
    ("typed", "kind", "written"),
    [
        ("园区", "园区表格 (*.xlsx)", "园区.xlsx"),
        ("园区", "园区表格 CSV (*.csv)", "园区.csv"),
        ("园区.CSV", "园区表格 (*.xlsx)", "园区.CSV"),
        ("园区.txt", "申报助手数据包 (*.shenbao)", "园区.txt.shenbao"),
        ("园区.xls", "园区表格 (*.xlsx)", "园区.xlsx"),  # was 园区.xls.xlsx
        ("园区.ET", "园区表格 CSV (*.csv)", "园区.csv"),
        ("园区.xls", "申报助手数据包 (*.shenbao)", "园区.xls.shenbao"),
    ],
)
def test_the_kind_chosen_in_the_export_dialog_names_a_file_typed_without_it(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    kind: str,
    written: str,
) -> None:
    """Qt's own save dialog adds no suffix: 「园区」 typed with 园区表格 (*.xlsx) chosen was written as a
    bundle named 园区. The chosen kind's suffix is added to a name that has none of the three, and the
    file is what its name says."""
    from PySide6.QtWidgets import QFileDialog

    from shenbao.core.store.bundle import read_bundle
    from shenbao.core.store.tables import read_table
    from shenbao.ui import settings_dialog

    window.store.save_profile(saved_profile(1))
    window.reload()
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / typed), kind))
    monkeypatch.setattr(settings_dialog, "ask_passphrase", lambda *a, **k: asked.append("口令") or "")
    with qtbot.waitSignal(window.operations.exported, timeout=10000):
        window.operations.export_bundle()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [written]
    out = tmp_path / written
    if written.endswith(".shenbao"):
        assert asked == ["口令"] and len(read_bundle(out, lambda: None)) == 1
    else:
        assert asked == [] and [p.uscc for p in read_table(out)] == [saved_profile(1)["enterprise"]["uscc"]]


def test_a_file_the_added_suffix_names_is_not_replaced_unasked(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    """「园区」 typed with Excel chosen is saved as 园区.xlsx; the dialog asked about replacing 园区, which
    was not there, so a 园区.xlsx that was (last month's table) was replaced without a word. It is asked
    about: 否 leaves it and exports nothing, 是 replaces it."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from shenbao.core.store.tables import read_table

    window.store.save_profile(saved_profile(1))
    window.reload()
    kept = tmp_path / "园区.xlsx"
    kept.write_bytes(b"last month")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "园区"), "园区表格 (*.xlsx)")
    )
    dialogs.answers.append(QMessageBox.StandardButton.No)
    window.operations.export_bundle()
    assert ["园区.xlsx 已存在" in text for text in dialogs.texts("question")] == [True]
    assert kept.read_bytes() == b"last month"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["园区.xlsx"]
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.operations.exported, timeout=10000):
        window.operations.export_bundle()
    assert [p.uscc for p in read_table(kept)] == [saved_profile(1)["enterprise"]["uscc"]]


def test_work_made_without_a_window_is_let_go_of_once_it_has_reported(qtbot: Any) -> None:
    """It belongs to the application only while it runs: the application does not keep it after."""
    import weakref

    from PySide6.QtCore import QCoreApplication

    op = BackgroundOp(lambda _task: 42, parent=None, show_progress=False)
    kept = weakref.ref(op)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert op not in QCoreApplication.instance().children()
    del op
    qtbot.waitUntil(lambda: kept() is None, timeout=5000)
