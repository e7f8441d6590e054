"""Numbers as a hand-filled form writes them, and the identity-number mask."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shenbao.core.money import capital, wan, yuan
from shenbao.core.pdf.declaration import mask_id


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("125000.00", "人民币壹拾贰万伍仟元整"),
        ("10000000", "人民币壹仟万元整"),
        ("500000", "人民币伍拾万元整"),
        ("1005.50", "人民币壹仟零伍元伍角"),
        ("100000.01", "人民币壹拾万元零壹分"),
        ("7500000", "人民币柒佰伍拾万元整"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("0.3", "人民币叁角"),
        ("0", "人民币零元整"),
    ],
)
def test_capital_amounts(amount, text):
    assert capital(Decimal(amount)) == text


def test_yuan_and_wan():
    assert yuan(Decimal("125000")) == "125,000.00"
    assert wan(Decimal("125000.00")) == "12.5"
    assert wan(Decimal("500000")) == "50"
    assert wan(Decimal("12345.67")) == "1.2346"


def test_id_masks():
    number = "35010219900101123X"
    assert mask_id(number, "partial") == "350102********123X"
    assert mask_id(number, "full") == "*" * 18
    assert mask_id(number, "none") == number
