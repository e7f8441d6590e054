"""A tenant removed by another program (`shenbao profiles rm`) after the park view listed it: activating
its row there did nothing at all once the window's own list no longer held it (no enterprise opened, no
word why, the row staying). The window now says the enterprise is gone, and the park view drops it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.store.factory import make_uscc, shenbao
from tests.ui.conftest import saved_profile


def _row_of(park: Any, uscc: str) -> int:
    for row in range(park.proxy.rowCount()):
        if park.proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == uscc:
            return row
    return -1


def test_a_park_row_removed_elsewhere_says_so_and_goes(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Path
) -> None:
    for i in (5, 6):
        window.store.save_profile(saved_profile(i))
    window.reload()
    assert window.select_enterprise(make_uscc(5))
    park = window.windows.park()
    qtbot.waitUntil(lambda: park._complete and park.proxy.rowCount() == 2, timeout=20000)
    removed = shenbao(data_dir, "profiles", "rm", make_uscc(6), SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr
    window.enterprises.select(make_uscc(6))  # chosen in the window's list first: it says so, and drops it
    qtbot.waitUntil(lambda: window.enterprises.model.rowCount() == 1, timeout=5000)
    said = len(dialogs.texts("warning"))

    row = _row_of(park, make_uscc(6))
    assert row >= 0
    park.table.setCurrentIndex(park.proxy.index(row, 0))
    park._activated(park.proxy.index(row, 0))  # Enter or a double click on the row

    assert len(dialogs.texts("warning")) == said + 1
    assert make_uscc(6) in dialogs.texts("warning")[-1]
    qtbot.waitUntil(lambda: _row_of(park, make_uscc(6)) < 0 and park._complete, timeout=20000)
    assert park.proxy.rowCount() == 1
    assert window.current == make_uscc(5) and window.editor.text("enterprise.uscc") == make_uscc(5)


def test_a_park_row_removed_elsewhere_and_still_listed_says_so_once_and_goes(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Path
) -> None:
    for i in (5, 6):
        window.store.save_profile(saved_profile(i))
    window.reload()
    assert window.select_enterprise(make_uscc(5))
    park = window.windows.park()
    qtbot.waitUntil(lambda: park._complete and park.proxy.rowCount() == 2, timeout=20000)
    removed = shenbao(data_dir, "profiles", "rm", make_uscc(6), SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr

    park._activated(park.proxy.index(_row_of(park, make_uscc(6)), 0))

    assert len(dialogs.texts("warning")) == 1 and make_uscc(6) in dialogs.texts("warning")[0]
    qtbot.waitUntil(lambda: _row_of(park, make_uscc(6)) < 0 and park._complete, timeout=20000)
    qtbot.waitUntil(lambda: window.enterprises.model.rowCount() == 1, timeout=5000)
    assert window.current == make_uscc(5) and window.editor.text("enterprise.uscc") == make_uscc(5)
