"""A measure a 申报通知 opens: the English window's trace noted the notice's window in Chinese
(「申报通知《…》（示工信〔2026〕9号（示例））：受理期 2026-12-15 至 2027-01-15（受理中，以通知为准）；受理地点：…」),
because the note was written with an f-string. The notice's own words (its number, where to submit, whom
to ask) stay as the notice writes them; the command line's trace says it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import shenbao

from .helpers import EXAMPLE_CITY, install_in_window

AS_OF = dt.date(2026, 12, 15)
NUMBER = "示工信〔2026〕9号（示例）"
PLACE = "【示例】示例市政务服务中心工信窗口"
CONTACT = "【示例】示例市工业和信息化局产业科 0000-0000000"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_notice_s_window_is_noted_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    data_dir: Path,
    publisher: Any,
    example_pack: Path,
    in_english: None,
) -> None:
    install_in_window(qtbot, window, data_dir, publisher[1], example_pack, EXAMPLE_CITY, AS_OF)
    panel = window.preview
    notice = "Notice “Notice on applying for the Example City AI industry support fund (example)”"
    assert panel.select_measure("sl2026.compute_voucher")
    assert (
        f"{notice} ({NUMBER}): applications from 2026-12-15 to 2027-01-15 (Open for applications; as the "
        f"notice says); submit to: {PLACE}; enquiries: {CONTACT}."
    ) in panel.trace.toPlainText().splitlines()
    assert panel.select_measure("sl2026.product_award")
    assert (
        f"{notice} ({NUMBER}): applications from 2027-03-10 to 2027-04-15 (Not yet open; as the notice says)."
    ) in panel.trace.toPlainText().splitlines()

    result = shenbao(
        data_dir,
        "preview",
        "--uscc",
        "913501044C12H3B168",
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        "--trace",
    )
    assert result.returncode == 0, result.stderr
    notes = {r["measure"]: r["notes"] for r in json.loads(result.stdout)["results"]}
    title = "关于组织申报示例市人工智能产业扶持资金的通知（示例）"
    assert notes["sl2026.compute_voucher"][0] == (
        f"申报通知《{title}》（{NUMBER}）：受理期 2026-12-15 至 2027-01-15（受理中，以通知为准）"
        f"；受理地点：{PLACE}；咨询：{CONTACT}。"
    )
    assert notes["sl2026.product_award"][0] == (
        f"申报通知《{title}》（{NUMBER}）：受理期 2027-03-10 至 2027-04-15（尚未开始，以通知为准）。"
    )
