"""The park view opened with a wrong data passphrase: the judging stops on the first enterprise, and the
rows not judged say 「未测算」 with the reason below the table, instead of 「测算中…」 for ever; the totals
row says 「未测算」 too, not 「0 家可申报」."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from shenbao.core.store.repository import Store
from tests.conftest import AS_OF


def test_judging_stopped_by_a_wrong_passphrase_says_so_in_the_rows_and_below(
    qtbot: Any, locked_folder: Path, dialogs: Any
) -> None:
    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView

    with Store.open(locked_folder, daily_backup=False) as store:
        view = ParkView(AppContext(locked_folder, store=store, as_of=AS_OF))
        qtbot.addWidget(view)
        view.resize(1200, 600)
        view.show()
        qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=20000)
        assert ["数据口令不正确" in text for _k, _t, text in dialogs.shown] == [True]
        cells = {
            str(view.proxy.index(row, column).data(Qt.ItemDataRole.DisplayRole))
            for row in range(view.proxy.rowCount())
            for column in range(2, view.proxy.columnCount())
        }
        assert cells == {"未测算"}
        totals = {
            str(view.totals.index(0, column).data(Qt.ItemDataRole.DisplayRole))
            for column in range(2, view.totals.columnCount())
        }
        assert totals == {"未测算"}  # not 「0 家可申报」 of enterprises never judged
        assert "测算已停止" in view.count_label.text() and "数据口令不正确" in view.count_label.text()
        assert not view.progress.isVisible()
        view.close()
