"""An enterprise removed by another program (`shenbao profiles rm`) and then chosen in the window's list,
which still showed it: the window says it is gone and the list drops it, the enterprise in the editor
staying as it was, instead of keeping a row that can never be opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.store.factory import make_uscc, shenbao
from tests.ui.conftest import saved_profile


def test_choosing_an_enterprise_removed_elsewhere_drops_it_from_the_list(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Path
) -> None:
    for i in (5, 6):
        window.store.save_profile(saved_profile(i))
    window.reload()
    assert window.select_enterprise(make_uscc(5))
    removed = shenbao(data_dir, "profiles", "rm", make_uscc(6), SHENBAO_PASSPHRASE="")
    assert removed.returncode == 0, removed.stderr
    assert window.enterprises.model.rowCount() == 2  # the list as it was read

    window.enterprises.select(make_uscc(6))
    assert make_uscc(6) in dialogs.texts("warning")[-1]
    qtbot.waitUntil(lambda: window.enterprises.model.rowCount() == 1, timeout=5000)
    assert window.current == make_uscc(5) and window.editor.text("enterprise.uscc") == make_uscc(5)
    selected = window.enterprises.table.selectionModel().selectedRows()
    assert len(selected) == 1
    assert make_uscc(5) in str(window.enterprises.proxy.data(selected[0].siblingAtColumn(1)))
