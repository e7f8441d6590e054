"""A passphrase dialog cancelled in the window: the window says nothing meant for the command line (a
terminal to type in, an environment variable to set), and a bundle's import cancelled at its passphrase
ends as any cancelled import does, with nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shenbao.core.store import Store
from shenbao.core.store.transfer import export_bundle
from tests.store.factory import make_profile, make_uscc


def test_a_bundle_import_cancelled_at_its_passphrase_ends_quietly_and_writes_nothing(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with Store.open(other, daily_backup=False) as store:
        store.save_profile(make_profile(1))
        bundle = tmp_path / "园区.shenbao"
        export_bundle(store, bundle, [make_uscc(1)], passphrase="数据包口令 2026")
    for answer in [("", False), ("", True)]:  # the dialog cancelled; OK pressed with nothing typed
        dialogs.inputs = [answer]
        with qtbot.waitSignal(window.operations.finished, timeout=20000):
            window.operations.import_files([str(bundle)])
        assert [kind for kind, _title, _text in dialogs.shown] == ["input"], dialogs.shown
        assert window.store.list_enterprises() == []
        dialogs.shown.clear()
