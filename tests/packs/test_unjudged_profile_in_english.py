"""Installing a pack, the window says which stored enterprise it could not judge because its stored profile
no longer reads. The line after 「Could not judge:」 was the Chinese sentence the core wrote,
「示例智能科技有限公司（示例）（913501044C12H3B168）：facts.ai_product_count: 应为…」, in the English window
too. It is now written again in English; the command line's Chinese is as it was."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from .helpers import CJK, EXAMPLE_CITY, trust_in

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
NAME = EXAMPLE_CITY["enterprise"]["name"]
USCC = EXAMPLE_CITY["enterprise"]["uscc"]
WHY = "申报的人工智能产品数（个）应为不小于 0 的整数（收到 -4）"


def _spoil(store: Any) -> None:
    """The stored count of AI products made negative, which no check lets a profile be saved with now."""
    with store.conn:
        store.conn.execute("UPDATE facts SET value = '-4' WHERE key = 'ai_product_count'")


def test_an_enterprise_not_judged_is_said_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    data_dir: Path,
    publisher: tuple[Path, Path],
    example_pack: Path,
    in_english: None,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.store.factory import shenbao

    trust_in(data_dir, publisher[1])
    window.store.save_profile(copy.deepcopy(EXAMPLE_CITY))
    _spoil(window.store)
    window.reload()
    window.ctx.set_as_of(AS_OF)
    library = window.windows.library()
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "packInstallDialog":
            QTimer.singleShot(20, act)
            return
        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.text().startswith("Could"))
        dialog.reject()

    QTimer.singleShot(0, act)
    library.update_bar.install_from(example_pack)
    assert len(seen) == 1, seen
    assert seen[0] == (
        f"Could not judge: {NAME} ({USCC}): facts.ai_product_count: AI products applied for must be a whole"
        " number of at least 0 (got -4)"
    ), seen
    assert not CJK.search(seen[0].replace(NAME, "")), seen

    said = f"{NAME}（{USCC}）：facts.ai_product_count: {WHY}"
    text = shenbao(data_dir, "policies", "install", "--dry-run", "--format", "text", str(example_pack))
    assert text.returncode == 0, text.stderr
    assert f"\n未能测算：{said}\n" in text.stdout, text.stdout
    plain = shenbao(data_dir, "policies", "install", "--dry-run", str(example_pack))
    assert json.loads(plain.stdout)["problems"] == [said]
