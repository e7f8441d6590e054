"""Money is written one way on the screen, the printed form, the park report and the CSV."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shenbao.core import money


@pytest.mark.parametrize(
    ("value", "wan", "amount"),
    [
        ("125000.55", "12.5001", "12.5001 万元"),
        ("125000", "12.5", "12.5 万元"),
        ("1250000", "125", "125 万元"),
        ("145025000", "14,502.5", "14,502.5 万元"),
        ("10000", "1", "1 万元"),
        ("9999.99", "1", "9,999.99 元"),
        ("5000", "0.5", "5,000 元"),
        ("0.5", "0.0001", "0.5 元"),
        ("0.004", "0", "0 元"),
        ("0", "0", "0 元"),
        ("123456789.125", "12,345.6789", "12,345.6789 万元"),
    ],
)
def test_wan_and_amount(value: str, wan: str, amount: str) -> None:
    assert money.wan(Decimal(value)) == wan
    assert money.amount(Decimal(value)) == amount


def test_rounding_is_half_up() -> None:
    assert money.yuan(Decimal("0.005")) == "0.01"
    assert money.yuan(Decimal("2.675")) == "2.68"  # a float would give 2.67
    assert money.wan(Decimal("0.5")) == "0.0001"
    assert money.wan(Decimal("125000.49")) == "12.5"


def test_yuan_keeps_the_fen_and_separators() -> None:
    assert money.yuan(Decimal("125000")) == "125,000.00"
    assert money.yuan_short(Decimal("1234.50")) == "1,234.5"
    assert money.yuan_and_wan(Decimal("125000.55")) == "125,000.55 元（12.5001 万元）"


def test_the_screen_and_the_formulas_use_the_same_formatter() -> None:
    from shenbao.core.rules import formulas
    from shenbao.ui import preview_panel

    assert preview_panel.format_wan is money.wan and preview_panel.format_yuan is money.yuan
    assert formulas.money(Decimal("125000.55")) == money.yuan(Decimal("125000.55"))
