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
    from shenbao.ui import style

    assert style.format_wan is money.wan and style.format_yuan is money.yuan
    assert style.amount_text(Decimal("3750000")) == money.amount(Decimal("3750000"), style.ui_language())
    assert formulas.money(Decimal("125000.55")) == money.yuan(Decimal("125000.55"))


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("3750000", "CNY 3.75 million"),
        ("1000000", "CNY 1 million"),
        ("999999.99", "CNY 999,999.99"),
        ("1234567.5", "CNY 1.234568 million"),  # to the whole yuan, half up
        ("125000", "CNY 125,000"),
        ("0.5", "CNY 0.5"),
        ("1200000000", "CNY 1.2 billion"),
        ("-2500000", "CNY -2.5 million"),
    ],
)
def test_english_reads_sums_in_millions_not_in_wan(value: str, english: str) -> None:
    assert money.amount(Decimal(value), "en") == english
    assert money.amount(Decimal(value)) == money.amount(Decimal(value), "zh")
    assert money.yuan_and_wan(Decimal("125000"), "en") == "CNY 125,000.00"
