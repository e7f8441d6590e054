"""政策库 in English, an article whose measure a 申报通知 opens: the line under it read 「Application
notice《Notice on applying for …》：算力券（示例） 2026-12-15 to 2027-01-15」, Chinese brackets and colon
around English words, since the line was put together from Chinese punctuation. The Chinese window reads
as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.packs.library import activate, commit_install, plan_install

from .helpers import trust_in

AS_OF = dt.date(2026, 12, 15)
NOTICE = "关于组织申报示例市人工智能产业扶持资金的通知（示例）"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def library_text(window: Any, data_dir: Path, publisher: Any, example_pack: Path) -> list[str]:
    trust_in(data_dir, publisher[1])
    commit_install(data_dir, plan_install(data_dir, example_pack.read_bytes(), AS_OF))
    assert activate(data_dir) == []
    window.ctx.set_as_of(AS_OF)
    library = window.windows.library()
    library.reload_catalogue()
    library.show_document("sl2026")
    return library.text.toPlainText().splitlines()


def test_a_notice_s_line_under_an_article_reads_in_english(
    qtbot: Any, window: Any, data_dir: Path, publisher: Any, example_pack: Path, in_english: None
) -> None:
    lines = library_text(window, data_dir, publisher, example_pack)
    title = "Notice on applying for the Example City AI industry support fund (example)"
    assert f"Application notice “{title}”: 算力券（示例）, 2026-12-15 to 2027-01-15" in lines, lines


def test_a_notice_s_line_under_an_article_reads_as_before_in_chinese(
    qtbot: Any, window: Any, data_dir: Path, publisher: Any, example_pack: Path
) -> None:
    lines = library_text(window, data_dir, publisher, example_pack)
    assert f"申报通知《{NOTICE}》：算力券（示例） 2026-12-15 至 2027-01-15" in lines, lines
