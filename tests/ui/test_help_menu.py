"""The Help menu: the user guide opens offline (F1) with its pictures and working links, in the interface's
language; and About names the version, the policy data's version and date, and every document."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QLabel

from shenbao import __version__, paths
from shenbao.core.policies import catalogue
from shenbao.ui.about import AboutDialog
from shenbao.ui.app import create_application
from shenbao.ui.help_view import HelpWindow, guide_path, slug
from tests.ui.conftest import AS_OF


def _first_heading(path: Path) -> str:
    return next(
        line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# ")
    )


def _pictures(path: Path) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)", path.read_text(encoding="utf-8"))


@pytest.mark.qt_log_ignore(  # offscreen cannot raise a window, nor size one by its hints
    "This plugin does not support raise", "This plugin does not support propagateSizeHints"
)
def test_f1_opens_the_chinese_guide_with_its_pictures(qtbot: Any, window: Any) -> None:
    guide = paths.docs() / "用户指南.md"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.actions_by_id["guide"].shortcut().toString() == "F1"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(HelpWindow) is not None)
    help_window = window.findChild(HelpWindow)
    assert help_window.isVisible() and help_window.isWindow()
    browser = help_window.browser
    assert browser.source() == QUrl.fromLocalFile(str(guide))
    assert browser.toPlainText().startswith(_first_heading(guide))
    assert browser.headings()[0][1] == _first_heading(guide)
    shown = [p for p in _pictures(guide) if (guide.parent / p).is_file()]
    assert shown, "the guide shows at least one picture from docs/images"
    drawn = dict(browser.images())
    room = browser.viewport().width()
    for picture in shown:
        loaded = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))
        on_disk = QImage(str(guide.parent / picture))
        assert loaded is not None and not loaded.isNull(), picture
        assert loaded.size() == on_disk.size(), picture
        assert 0 < drawn[picture].width() <= room  # scaled to the window, its proportions kept
        ratio = on_disk.width() / on_disk.height()
        assert abs(drawn[picture].width() / drawn[picture].height() - ratio) < 0.02
    window.actions_by_id["guide"].trigger()  # once more: the same window comes forward
    assert window.findChildren(HelpWindow) == [help_window]


def test_the_english_interface_opens_the_english_guide(qtbot: Any, window: Any) -> None:
    guide = paths.docs() / "user-guide.md"
    create_application(language="en")
    try:
        help_window = window.windows.guide()
        assert help_window is not None
        assert help_window.browser.source() == QUrl.fromLocalFile(str(guide))
        assert help_window.browser.toPlainText().startswith(_first_heading(guide))
    finally:
        create_application(language="zh_CN")
    assert guide_path(paths.docs(), "zh_CN").name == "用户指南.md"


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_links_go_to_sections_other_guides_and_the_web(qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    picture = QImage(40, 20, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkCyan)
    assert picture.save(str(tmp_path / "images" / "shot.png"))
    filler = "\n\n".join(f"第 {i} 段说明文字。" for i in range(80))
    (tmp_path / "guide.md").write_text(
        "# 指南\n\n[跳到备份](#8-备份) · [英文版](other.md) · [网站](https://example.org/shenbao)\n\n"
        f"![截图](images/shot.png)\n\n{filler}\n\n## 8. 备份\n\n每天自动备份。\n",
        encoding="utf-8",
    )
    (tmp_path / "other.md").write_text("# Other guide\n\n[back](guide.md#8-备份)\n", encoding="utf-8")
    help_window = HelpWindow(tmp_path / "guide.md")
    qtbot.addWidget(help_window)
    help_window.resize(700, 500)
    help_window.show()
    browser = help_window.browser
    assert slug("8. 备份") == "8-备份" and slug("2. The first start") == "2-the-first-start"
    assert "8-备份" in {anchor for _level, _text, anchor in browser.headings()}
    assert dict(browser.images())["images/shot.png"].width() == 40  # small pictures keep their size

    scroll = browser.verticalScrollBar()
    assert scroll.value() == 0
    browser.anchorClicked.emit(QUrl("#8-备份"))
    qtbot.waitUntil(lambda: scroll.value() > 0)
    assert browser.source().fragment() == "8-备份"
    assert help_window.back_button.isEnabled()

    browser.anchorClicked.emit(QUrl("other.md"))
    assert browser.source() == QUrl.fromLocalFile(str(tmp_path / "other.md"))
    assert browser.toPlainText().startswith("Other guide")
    browser.anchorClicked.emit(QUrl("guide.md#8-备份"))  # into another page's section
    assert browser.toPlainText().startswith("指南")
    qtbot.waitUntil(lambda: scroll.value() > 0)
    qtbot.mouseClick(help_window.home_button, Qt.MouseButton.LeftButton)
    assert scroll.value() == 0

    opened = _Opened()
    QDesktopServices.setUrlHandler("https", opened, "open")
    try:
        browser.anchorClicked.emit(QUrl("https://example.org/shenbao"))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert opened.urls == ["https://example.org/shenbao"]
    assert browser.toPlainText().startswith("指南")  # the page stays


def test_a_missing_guide_is_said_in_chinese(qtbot: Any, window: Any, dialogs: Any, tmp_path: Path) -> None:
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SHENBAO_HOME", str(tmp_path))
            paths.root.cache_clear()
            assert window.windows.guide() is None
    finally:
        paths.root.cache_clear()
    warning = dialogs.texts("warning")[-1]
    assert "找不到用户指南" in warning and str(tmp_path / "docs" / "用户指南.md") in warning
    assert window.findChild(HelpWindow) is None


def test_about_names_the_versions_and_lists_every_document(qtbot: Any, window: Any) -> None:
    cat = catalogue()
    window.actions_by_id["about"].trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    about = window.findChild(AboutDialog)
    assert about.isVisible()
    assert __version__ in about.version_label.text()
    policy = about.policy_label.text()
    assert cat.version in policy and cat.checked_on.isoformat() in policy and AS_OF.isoformat() in policy
    model = about.documents.model()
    assert model.rowCount() == len(cat.documents) == 5
    rows = {model.index(r, 0).data(): [model.index(r, c).data() for c in range(5)] for r in range(5)}
    assert set(rows) == {doc.title for doc in cat.documents.values()}
    for doc in cat.documents.values():
        title, status, period, number, issuer = rows[doc.title]
        assert status == doc.status(AS_OF)
        assert period == doc.period_text() and issuer == doc.issuer and number == (doc.number or "—")
    assert rows[cat.documents["fj2023"].title][1] == "已被替代"
    assert rows[cat.documents["fj2025d"].title][1] == "征求意见稿"
    texts = " ".join(label.text() for label in about.findChildren(QLabel))
    assert "估算" in texts and "文泉驿微米黑" in texts and "Shenbao" in texts
    assert not about.findChild(QLabel, "aboutIcon").pixmap().isNull()
    about.reject()


def test_the_guides_list_every_shortcut_of_the_window() -> None:
    """Each action's keys (those the same on every system) are in both guides' table of shortcuts."""
    from PySide6.QtGui import QKeySequence

    from shenbao.ui.actions import ACTIONS

    keys = []
    for spec in ACTIONS:
        if isinstance(spec.shortcut, str):
            keys.append(spec.shortcut)
        elif spec.shortcut in (QKeySequence.StandardKey.New, QKeySequence.StandardKey.Save):
            keys.append(QKeySequence(spec.shortcut).toString())
    assert len(keys) >= 14 and "Ctrl+N" in keys
    for guide in (paths.docs() / "用户指南.md", paths.docs() / "user-guide.md"):
        table = guide.read_text(encoding="utf-8").split("## 16.")[1]
        assert [k for k in keys if f"| {k} |" not in table] == [], guide.name


def _menu_items() -> dict[str, list[str]]:
    """Each menu's title and the texts of its items, as the running language shows them, without the
    accelerator marks and the ellipsis."""
    from shenbao.ui.actions import ACTIONS, MENUS, _tr

    def plain(text: str) -> str:
        return re.sub(r"\(&\w\)|&", "", _tr(text)).rstrip("…")

    texts = {spec.id: plain(spec.text) for spec in ACTIONS}
    return {plain(title): [texts[i] for i in items if i is not None] for _, title, items in MENUS}


@pytest.mark.parametrize(
    ("guide", "language", "pattern"),
    [
        ("user-guide.md", "en", r"\b(File|Edit|View|Apply|Help) → \**([^(（,;:.*]+)"),
        ("用户指南.md", "zh_CN", r"“(文件|编辑|查看|申报|帮助) → ([^”（，；]+)"),
    ],
)
def test_every_menu_item_the_guides_name_is_in_that_menu(
    qapp: Any, guide: str, language: str, pattern: str
) -> None:
    """ "Help → Tour" named an item the Help menu does not have (it is Interface tour): each "Menu → Item"
    of a guide begins with the name of an item of that menu, as the interface of its language shows it."""
    from shenbao.tools import translations

    translations.build()
    create_application(language=language)
    try:
        menus = _menu_items()
        text = re.sub(r"\s*\n\s*", " ", (paths.docs() / guide).read_text(encoding="utf-8"))
        named = re.findall(pattern, text)
        assert len(named) >= 15
        wrong = [(m, i) for m, i in named if not any(i.strip().startswith(item) for item in menus[m])]
        assert wrong == []
    finally:
        create_application(language="zh_CN")
