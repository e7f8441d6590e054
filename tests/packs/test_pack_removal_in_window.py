"""政策库 → 移除政策包…: a pack installed from the window is removed from it too, after the user is told
what goes and what it goes back to; the preview judges with the library as it was before the install.
Declining changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from shenbao.core.packs.library import activate, commit_install, plan_install
from shenbao.core.policies import catalogue

from .helpers import EXAMPLE_CITY, trust_in

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def preview_of(window: Any) -> list[tuple[str, str, Any]]:
    return [(r.measure, r.status, r.amount) for r in window.preview.preview.results]


def test_a_pack_is_removed_from_the_library_and_the_preview_is_as_before(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Any, publisher: Any, example_pack: Any
) -> None:
    trust_in(data_dir, publisher[1])
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.select_enterprise(EXAMPLE_CITY["enterprise"]["uscc"])
    window.ctx.set_as_of(AS_OF)
    library = window.windows.library()
    bar = library.update_bar
    before = preview_of(window)
    assert not bar.remove_button.isVisible()  # nothing installed: nothing to remove

    commit_install(data_dir, plan_install(data_dir, example_pack.read_bytes(), AS_OF))
    assert activate(data_dir) == []
    with qtbot.waitSignal(library.policiesChanged):
        bar.show_notices()
        bar.installed.emit()  # as after an install from the window
    assert "sl2026" in catalogue().documents and bar.remove_button.isVisible()
    assert preview_of(window) != before

    dialogs.answers.append(QMessageBox.StandardButton.No)
    assert bar.remove_pack("example-ai") is False
    assert "sl2026" in catalogue().documents
    asked = dialogs.texts("question")[-1]
    assert "示例市人工智能产业扶持办法（示例）" in asked and "第 1 版" in asked and "恢复为安装之前" in asked

    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(library.policiesChanged):
        assert bar.remove_pack("example-ai") is True
    assert "sl2026" not in catalogue().documents
    assert all(d.id != "sl2026" for d in library.catalogue.documents.values())
    assert preview_of(window) == before
    assert not bar.remove_button.isVisible()
