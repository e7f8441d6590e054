"""The first start as a new user meets it: an empty data folder greets them with three ways in (their own
enterprise, an import, the demo), and the first real start walks them through the window once."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QFileDialog

from shenbao.core.store.repository import Store
from shenbao.ui.app import AppSettings, create_application
from shenbao.ui.demo import DEMO_MARK
from shenbao.ui.first_run import WelcomeDialog
from shenbao.ui.main_window import MainWindow
from shenbao.ui.tour import Tour
from tests.ui.conftest import AS_OF, saved_profile


@pytest.fixture
def start(
    qtbot: Any, app_settings: AppSettings, dialogs: Any, tmp_path: Path
) -> Iterator[Callable[..., Any]]:
    """Start the window as the `shenbao gui` command does for a user (welcome and tour on)."""
    started: list[MainWindow] = []

    def start(folder: Path) -> MainWindow:
        create_application(language="zh_CN")
        win = MainWindow(
            folder, app_settings, today=lambda: AS_OF, welcome=True, demo_folder=tmp_path / "demo"
        )
        qtbot.addWidget(win)
        win.show()
        win.finish_loading()
        started.append(win)
        return win

    yield start
    for win in started:
        if win.editor is not None:
            win.editor.undo_stack.setClean()
        win.close()


def _welcome(qtbot: Any, win: MainWindow) -> WelcomeDialog:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in win.findChildren(WelcomeDialog)), timeout=5000)
    return next(d for d in win.findChildren(WelcomeDialog) if d.isVisible())


def _in_window(widget: Any, win: MainWindow) -> QRect:
    return QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())


def test_an_empty_folder_offers_three_ways_in_once_then_the_tour(
    qtbot: Any, start: Any, data_dir: Path, app_settings: AppSettings
) -> None:
    win = start(data_dir)
    dialog = _welcome(qtbot, win)
    texts = [b.text() for b in (dialog.create_button, dialog.import_button, dialog.demo_button)]
    assert texts == ["创建我的企业", "导入数据包或表格…", "打开演示数据"]
    assert win.tour is None  # the tour waits for the welcome
    dialog.reject()
    qtbot.waitUntil(lambda: win.tour is not None and win.tour.isVisible(), timeout=5000)
    assert app_settings.tour_done
    win.tour.skip()
    win.new_enterprise()
    win.reload()
    assert not [d for d in win.findChildren(WelcomeDialog) if d.isVisible()]
    assert win.tour is None


def test_create_my_enterprise_starts_on_the_name(
    qtbot: Any, start: Any, data_dir: Path, app_settings: AppSettings
) -> None:
    app_settings.tour_done = True
    win = start(data_dir)
    dialog = _welcome(qtbot, win)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.focusWidget() is win.editor.widget("enterprise.name"), timeout=5000)
    assert win.windowTitle().startswith("新企业（未保存）")
    assert win.tour is None  # already seen once


def test_import_from_the_welcome_uses_the_import_action(
    qtbot: Any, start: Any, data_dir: Path, tmp_path: Path, app_settings: AppSettings, monkeypatch: Any
) -> None:
    profile = tmp_path / "mine.json"
    profile.write_text(json.dumps(saved_profile(5), ensure_ascii=False), encoding="utf-8")
    chosen: list[str] = []

    def pick(*_args: Any, **_kwargs: Any) -> tuple[list[str], str]:
        chosen.append("asked")
        return [str(profile)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(pick))
    win = start(data_dir)
    dialog = _welcome(qtbot, win)
    with qtbot.waitSignal(win.operations.imported, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert win.tour is None  # not over an import still running
    assert chosen == ["asked"]
    assert win.enterprises.model.rowCount() == 1
    assert win.store.has_enterprise(saved_profile(5)["enterprise"]["uscc"])
    qtbot.waitUntil(lambda: win.tour is not None and win.tour.isVisible(), timeout=5000)  # then the tour


def test_the_demo_opens_in_the_same_window_and_says_so(
    qtbot: Any, start: Any, data_dir: Path, tmp_path: Path, app_settings: AppSettings
) -> None:
    win = start(data_dir)
    dialog = _welcome(qtbot, win)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.enterprises.model.rowCount() == 3, timeout=10000)
    assert win.folder == tmp_path / "demo"
    names = [row.name for row in win.store.list_enterprises()]
    assert all(name.endswith(DEMO_MARK) for name in names)
    assert win.editor.text("enterprise.name") in names
    assert "演示数据" in win.windowTitle()
    assert "演示数据" in win.folder_label.text()
    assert win.tour is not None and win.tour.isVisible()  # the first start goes on to the tour
    with Store.open(data_dir, daily_backup=False) as store:
        assert store.count_enterprises() == 0  # the user's own folder is untouched
    assert not [d for d in win.findChildren(WelcomeDialog) if d.isVisible()]


def test_the_demo_already_open_elsewhere_is_brought_forward_not_opened_twice(
    qtbot: Any, start: Any, data_dir: Path, tmp_path: Path, dialogs: Any
) -> None:
    from shenbao.ui.single_instance import SingleInstance

    other_app = SingleInstance(tmp_path / "demo")
    assert other_app.acquire()
    win = start(data_dir)
    win.guard = SingleInstance(data_dir)
    assert win.guard.acquire()
    try:
        with qtbot.waitSignal(other_app.activated, timeout=5000):
            assert win.open_demo() is False
        assert win.folder == data_dir and win.store is not None
        assert any("另一个申报助手窗口" in text for text in dialogs.texts("information"))
    finally:
        win.guard.release()
        other_app.release()


def test_without_welcome_nothing_greets_and_nothing_tours(
    window: Any, app_settings: AppSettings, qtbot: Any
) -> None:
    """Tests, screenshots and --exit-after-show runs make the window without `welcome`."""
    assert window.enterprises.model.rowCount() == 0
    assert window.findChildren(WelcomeDialog) == []
    assert window.tour is None
    assert not app_settings.tour_done


def test_the_tour_points_at_each_part_in_turn_and_shows_once(
    qtbot: Any, start: Any, data_dir: Path, app_settings: AppSettings, tmp_path: Path
) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(saved_profile(1))
    win = start(data_dir)
    assert win.findChildren(WelcomeDialog) == []  # there is data: no welcome
    tour = win.tour
    assert isinstance(tour, Tour) and tour.isVisible()
    win.resize(1360, 840)  # the test screen is 800 pixels wide: room for a bubble beside each part
    tour.show_step(0)
    preview = win.preview
    expected = [
        win.enterprises.search.parentWidget(),
        win.editor,
        preview,
        preview.tree,
        preview.wizard_button,
    ]
    seen = []
    for index, target in enumerate(expected):
        assert tour.index == index
        assert tour.counter.text() == f"界面导览 {index + 1} / {len(expected)}"
        hole = tour.target_rect()
        assert hole is not None and hole.contains(_in_window(target, win))
        assert not tour.bubble.geometry().intersects(hole)  # beside the widget, never over it
        assert tour.rect().contains(tour.bubble.geometry())
        assert tour.back_button.isEnabled() == (index > 0)
        seen.append(tour.title.text())
        if index < len(expected) - 1:
            qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert seen == ["企业列表与查找", "企业档案", "测算结果", "标记和金额类型", "填写申报"]
    badges = tour.steps[3].text
    for word in ("可申报", "不符合", "待补充", "未生效·已失效", "定额", "最高", "估算", "按规定", "遴选"):
        assert word in badges
    assert "Ctrl+Shift+W" in tour.steps[-1].text
    qtbot.mouseClick(tour.back_button, Qt.MouseButton.LeftButton)
    assert tour.index == len(expected) - 2
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert tour.next_button.text() == "完成"
    with qtbot.waitSignal(tour.finished):
        qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert win.tour is None
    assert AppSettings(tmp_path / "settings.ini").tour_done  # remembered on disk
    win.close()
    again = start(data_dir)
    assert again.tour is None


def test_escape_skips_the_tour_and_help_opens_it_again(qtbot: Any, window: Any) -> None:
    window.resize(1360, 840)
    focused = window.focusWidget()
    assert focused is window.editor.widget("enterprise.name")
    window.actions_by_id["tour"].trigger()
    tour = window.tour
    assert tour is not None and tour.isVisible()
    assert window.focusWidget() is tour.next_button
    assert tour.geometry() == window.rect()
    window.resize(1100, 700)  # the overlay follows the window
    qtbot.waitUntil(lambda: tour.geometry() == window.rect())
    assert tour.rect().contains(tour.bubble.geometry())
    with qtbot.waitSignal(tour.finished):
        qtbot.keyClick(tour.next_button, Qt.Key.Key_Escape)
    assert window.tour is None
    assert window.focusWidget() is focused
    assert window.actions_by_id["tour"].text() == "界面导览(&T)"
    skipped = window.start_tour()
    assert skipped is not None and skipped.isVisible() and skipped.index == 0
    qtbot.mouseClick(skipped.skip_button, Qt.MouseButton.LeftButton)
    assert window.tour is None


def test_enter_goes_through_the_tour_on_the_button_that_has_the_focus(qtbot: Any, window: Any) -> None:
    """The tour puts the focus on 下一步: Enter presses it, step by step, and on the last step (完成) ends
    the tour; Enter on 上一步, reached with Shift+Tab, goes back. (Enter did nothing: only Space pressed
    a button of the window.)"""
    window.resize(1360, 840)
    focused = window.focusWidget()
    tour = window.start_tour()
    assert tour is not None and window.focusWidget() is tour.next_button
    qtbot.keyClick(tour.next_button, Qt.Key.Key_Return)
    assert tour.index == 1 and window.focusWidget() is tour.next_button
    qtbot.keyClick(tour.next_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is tour.back_button
    qtbot.keyClick(tour.back_button, Qt.Key.Key_Enter)
    assert tour.index == 0
    for _ in range(len(tour.steps) - 1):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert tour.next_button.text() == "完成"
    with qtbot.waitSignal(tour.finished):
        qtbot.keyClick(tour.next_button, Qt.Key.Key_Return)
    assert window.tour is None
    assert window.focusWidget() is focused
