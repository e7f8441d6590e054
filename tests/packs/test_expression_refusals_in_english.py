"""A pack's measure whose checked expression leaves nothing to claim (a result of 0 or below, a division by
0): the English window's preview said why in Chinese, 「By the expression …」 never appearing, because the
reason was written with an f-string where the named formulas write a Phrase. The command line's preview
says it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import shenbao

from .helpers import EXAMPLE_CITY, EXPRESSION, build_pack, copy_source, install_in_window

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize(
    ("expression", "chinese", "english"),
    [
        (
            "min(rate * (platform_investment - bonus * 10), cap)",
            "按计算式 min(20% × (500,000.00 − 100,000.00 × 10), 1,000,000.00) = -100,000.00，无可申请金额",
            "By the expression min(20% × (500,000.00 − 100,000.00 × 10), 1,000,000.00) = -100,000.00: "
            "nothing to apply for",
        ),
        ("cap / (platform_investment - 500000)", "计算式中出现除数为 0", "The expression divides by 0"),
        (
            "platform_investment > bonus",
            "计算式的结果不是金额",
            "The expression's result is not a sum of money",
        ),
    ],
    ids=["nothing", "zero", "not-money"],
)
def test_why_an_expression_leaves_nothing_is_said_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    data_dir: Path,
    publisher: Any,
    tmp_path: Path,
    expression: str,
    chinese: str,
    english: str,
    in_english: None,
) -> None:
    source = copy_source(tmp_path / "source")
    measures = source / "measures" / "sl2026.toml"
    text = measures.read_text(encoding="utf-8")
    assert EXPRESSION in text
    measures.write_text(text.replace(EXPRESSION, f'expression = "{expression}"'), encoding="utf-8")
    pack = build_pack(source, publisher[0], tmp_path / "example.shenbao-policy")
    profile = json.loads(json.dumps(EXAMPLE_CITY))
    profile["facts"]["platform_investment"] = 500000
    install_in_window(qtbot, window, data_dir, publisher[1], pack, profile, AS_OF)

    panel = window.preview
    assert panel.select_measure("sl2026.platform")
    assert panel.current_result().status == "ineligible"
    trace = panel.trace.toPlainText()
    assert english in trace, trace
    assert chinese not in trace

    result = shenbao(
        data_dir, "preview", "--uscc", "913501044C12H3B168", "--as-of", AS_OF.isoformat(), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    judged = next(r for r in json.loads(result.stdout)["results"] if r["measure"] == "sl2026.platform")
    assert judged["reasons"] == [chinese], judged
