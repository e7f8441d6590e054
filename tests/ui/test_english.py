"""The interface in English: every string the app writes is English. What may stay Chinese is narrow and
named here (`allowed`): the law's own words — a page's help quoting its clause 「依据《…》」, a document's
number (榕政办规〔2024〕11号) and issuer, fj2023's articles named by their headings — and what the user
typed, enterprise names included (every value of the stored profiles). The clause and the document's
full text are shown in text browsers, which this test does not read; everything else it reads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from shenbao.core.policies import shipped_catalogue
from shenbao.ui.workers import running
from tests.ui.conftest import AS_OF

CJK = re.compile("[\u3400-\u9fff]")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_policy_data_speaks_english_for_every_measure_document_and_condition() -> None:
    cat = shipped_catalogue()
    assert all(m.title_en and not CJK.search(m.title_en) for m in cat.measures.values())
    assert all(cat.documents[d].title_en for d in cat.library)
    labelled = [c for m in cat.measures.values() for c in m.conditions if c.label]
    assert labelled and all(c.label_en and not CJK.search(c.label_en) for c in labelled)


@pytest.fixture
def english(
    qtbot: Any, data_dir: Any, app_settings: Any, dialogs: Any, example_profiles: list[dict[str, Any]]
) -> Iterator[Any]:
    """The main window made in English, over the example enterprises."""
    from shenbao.tools import translations
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    translations.build()
    create_application(language="en")
    win = MainWindow(data_dir, app_settings, today=lambda: AS_OF)
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    for doc in example_profiles:
        win.store.save_profile(doc)
    win.reload()
    try:
        yield win
    finally:
        if win.editor is not None:
            win.editor.undo_stack.setClean()
        qtbot.waitUntil(lambda: running() == 0, timeout=10000)
        win.close()
        create_application(language="zh_CN")


def allowed(text: str, user_data: set[str]) -> bool:
    """Chinese that is the law's own words or what the user typed; nothing else."""
    cat = shipped_catalogue()
    quoted = {m.article for m in cat.measures.values() if CJK.search(m.article)}
    quoted |= {d.number for d in cat.documents.values() if d.number} | {
        d.issuer for d in cat.documents.values()
    }
    rest = text
    for value in sorted(user_data | quoted, key=len, reverse=True):
        rest = rest.replace(value, "")
    return not CJK.search(rest) or rest.lstrip().startswith("依据《")


def user_values(window: Any) -> set[str]:
    """Every value of every stored profile (names, places, people) as the user entered it."""
    out: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and CJK.search(value):
            out.add(value)

    for row in window.store.list_enterprises():
        walk(window.store.get_profile(row.uscc))
    return out


def visible_texts(root: QWidget) -> list[str]:
    """What a user reads on a window: its title, labels, buttons, group and tab titles, and the headers
    and cells of its tables and trees."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return [t for t in texts if t]


def model_texts(model: Any, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for c in range(model.columnCount(parent)):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
    for r in range(min(model.rowCount(parent), 60)):
        for c in range(model.columnCount(parent)):
            index = model.index(r, c, parent)
            out.append(str(index.data() or ""))
            if c == 0 and model.rowCount(index) > 0:
                out += model_texts(model, index)
    return out


def chinese_in(root: QWidget, user_data: set[str]) -> list[str]:
    return sorted({t for t in visible_texts(root) if not allowed(t, user_data)})


def test_the_main_window_and_its_preview_are_english(qtbot, english) -> None:
    data = user_values(english)
    for row in english.store.list_enterprises():
        assert english.select_enterprise(row.uscc)
        assert chinese_in(english, data) == []


def test_every_side_window_is_english(qtbot, english) -> None:
    from shenbao.ui.context import OpChanges
    from shenbao.ui.demo import add_demo_declarations

    assert add_demo_declarations(english.store, AS_OF)  # the register, 待办 and pipeline have rows
    english.ctx.report(OpChanges(store=True))
    data = user_values(english)
    windows = english.windows
    for open_view in (windows.library, windows.park, windows.register, windows.todo, windows.pipeline):
        view = open_view()
        assert view is not None
        if hasattr(view, "loaded"):
            qtbot.waitUntil(
                lambda v=view: v.findChild(QAbstractItemView).model().rowCount() > 0, timeout=20000
            )
        texts = visible_texts(view)
        assert any(CJK.search(t) for t in texts) or view.objectName() == "library"  # names are listed
        assert chinese_in(view, data) == [], view.objectName()
        view.close()
    about = windows.about()
    assert chinese_in(about, data) == []
    about.close()


def test_the_wizard_of_every_measure_speaks_english(qtbot, english) -> None:
    data = user_values(english)
    english.select_enterprise(english.store.list_enterprises()[0].uscc)
    for measure in shipped_catalogue().measures:
        wizard = english.open_wizard(measure)
        assert wizard is not None
        assert chinese_in(wizard, data) == [], measure
        wizard.close()
