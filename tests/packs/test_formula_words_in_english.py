"""The Calculation of a measure in the English window: a pack's tiers read 「3,000,000.00 ≥ 1,000,000.00（含）档」,
a pack's expression with a condition 「min(20% × 2,000,000.00 + （是 → 100,000.00）, 1,000,000.00)」 and the
shipped interest subsidy of fj2023 ended in 「× min(2, 3) 年」: the words the formulas write were left
in Chinese where the year of a claim and the units were already English."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXAMPLE_CITY, install_in_window

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def calculation(window: Any, measure: str) -> str:
    assert window.preview.select_measure(measure)
    lines = window.preview.trace.toPlainText().splitlines()
    return lines[lines.index("Calculation") + 1]


def test_a_pack_s_tiers_and_expression_are_calculated_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    data_dir: Path,
    publisher: Any,
    example_pack: Path,
    in_english: None,
) -> None:
    install_in_window(qtbot, window, data_dir, publisher[1], example_pack, EXAMPLE_CITY, AS_OF)
    assert (
        calculation(window, "sl2026.iiot_tiers")
        == "3,000,000.00 ≥ 1,000,000.00 (inclusive) tier = 100,000.00"
    )
    assert calculation(window, "sl2026.platform") == (
        "min(20% × 2,000,000.00 + (yes → 100,000.00), 1,000,000.00) = 500,000.00"
    )
    assert (
        calculation(window, "sl2026.product_award") == "min(100,000.00 × 4 products, 300,000.00) = 300,000.00"
    )


def test_the_interest_subsidy_s_years_are_calculated_in_english(window: Any, in_english: None) -> None:
    profile = json.loads(json.dumps(EXAMPLE_CITY))
    profile["enterprise"].update(
        province="福建省", city="福州市", district="鼓楼区", uscc="91350100H49D4H3981"
    )
    profile["facts"] = {
        "ai_enterprise": True,
        "infra_new_or_expanded": True,
        "infra_pflops_nominal": 400,
        "infra_in_provincial_key_library": True,
        "infra_loan_amount": 10000000,
        "infra_loan_years": 2,
    }
    window.store.save_profile(profile)
    window.reload()
    window.ctx.set_as_of(dt.date(2024, 6, 1))
    assert window.select_enterprise("91350100H49D4H3981")
    assert (
        calculation(window, "fj2023.compute_infra_interest")
        == "10,000,000.00 × 2% × min(2, 3) years = 400,000.00"
    )
