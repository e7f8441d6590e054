"""The English policy library at 1440×900: the list's period column took the width of its longest text,
a draft's "Draft for comments, not a basis for applications", and left the documents' titles, the
column that stretches, about 50 pixels ("Meas…", header "ocumen"). The period is now at most as wide as a
period of two dates and wraps in its row; the titles keep their room, in English and in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown_list(window: Any) -> Any:
    library = window.windows.library()
    library.resize(1100, 760)
    library.show()
    for _ in range(3):
        QApplication.processEvents()
    return library.doc_table


def check(table: Any) -> None:
    title, period = table.columnWidth(0), table.columnWidth(2)
    assert title >= 140 and title >= period, (title, period)
    draft = next(r for r in range(table.model().rowCount()) if table.model().document(r).kind == "draft")
    text = table.model().index(draft, 2).data()
    lines = -(-table.fontMetrics().horizontalAdvance(text) // period)  # the period wrapped, not cut
    assert table.rowHeight(draft) >= lines * table.fontMetrics().lineSpacing(), (text, period)


def test_the_titles_keep_their_room_in_english(qtbot: Any, window: Any, in_english: None) -> None:
    check(shown_list(window))


def test_the_titles_keep_their_room_in_chinese(qtbot: Any, window: Any) -> None:
    check(shown_list(window))
