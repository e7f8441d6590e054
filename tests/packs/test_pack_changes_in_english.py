"""安装政策更新… in the English window: the table of what the pack changes for each stored enterprise said
「（无此措施）」 and 「可申报 60,000.00 元」 in its Before and After columns, named a measure by its Chinese
title when the data gives its English, and counted 「1 enterprises」 above it. The Chinese window shows
the table as before (tests/packs/test_pack_dialog.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLE_CITY, build_pack, copy_source, trust_in
from .test_pack_dialog import answer_dialog

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_changes_a_pack_makes_are_listed_in_english(
    qtbot: Any, window: Any, dialogs: Any, data_dir: Path, publisher: Any, tmp_path: Path, in_english: None
) -> None:
    source = copy_source(tmp_path / "source")
    measures = source / "measures" / "sl2026.toml"
    text = measures.read_text(encoding="utf-8")
    text = text.replace(
        'title = "算力券（示例）"\n', 'title = "算力券（示例）"\ntitle_en = "Computing voucher (example)"\n'
    )
    measures.write_text(text, encoding="utf-8")
    pack = build_pack(source, publisher[0], tmp_path / "example.shenbao-policy")
    trust_in(data_dir, publisher[1])
    window.store.save_profile(EXAMPLE_CITY)
    window.reload()
    window.ctx.set_as_of(AS_OF)
    bar = window.windows.library().update_bar

    seen: list[Any] = []
    answer_dialog(qtbot, seen, "cancel", summary=True)
    assert bar.install_from(pack) is False
    title, rows, _warnings, summary = seen[0]
    assert title == "Install policy update"
    assert summary == "Judged as of 2026-12-15, 1 enterprise in the data folder changes as follows:"
    assert rows == [
        ["示例智能科技有限公司（示例） (913501044C12H3B168)", measure, "(no such measure)", after]
        for measure, after in (
            ("Computing voucher (example)", "Eligible, CNY 60,000.00"),
            ("人工智能产品奖励（示例）", "Eligible, CNY 300,000.00"),  # the data gives no English
            ("工业互联网项目奖励（示例）", "Eligible, CNY 100,000.00"),
            ("人工智能创新平台补助（示例）", "Eligible, CNY 500,000.00"),
        )
    ]
