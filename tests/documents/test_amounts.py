"""Amounts as a person reads them on an invoice: yuan with at most two decimals, thousands grouped by
three. Anything else is no amount, so the invoice's checks fail rather than a figure being invented."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core.documents import read_bytes
from shenbao.core.documents.intake import IntakeRefused, add_invoices
from shenbao.core.documents.invoice import money, rate_of
from tests.documents.helpers import BUYER, xml_with


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("235.85", Decimal("235.85")),
        ("¥1,800.00", Decimal("1800.00")),
        ("￥ 20,670.00", Decimal("20670.00")),
        ("¥-265.35", Decimal("-265.35")),
        ("-0.5", Decimal("-0.5")),
        ("20000", Decimal("20000")),
        ("1,234,567.89", Decimal("1234567.89")),
    ],
)
def test_amounts_a_person_reads(text: str, value: Decimal) -> None:
    assert money(text) == value


@pytest.mark.parametrize(
    "text", ["1,0,0,0.00", "10,00.00", "2.5E+2", "1e9", "235.855", "+250", "Infinity", "0x10", "1_000", "."]
)
def test_what_no_person_reads_as_an_amount_is_none(text: str) -> None:
    assert money(text) is None


def test_an_invoice_with_amounts_in_exponent_notation_is_refused(tmp_path: Path) -> None:
    garbage = xml_with(
        {
            "<TotalAmWithoutTax>235.85": "<TotalAmWithoutTax>2.3585E+2",
            "<TotalTaxAm>14.15": "<TotalTaxAm>1.415E+1",
            "<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>2.5E+2",
            "<Amount>235.85": "<Amount>2.3585E+2",
        }
    )
    reading = read_bytes(garbage, "garbage.xml")
    assert reading.invoice.total is None and reading.failed
    doc = {"enterprise": {"name": "测试企业", "uscc": BUYER}, "facts": {"compute_invoices": []}}
    with pytest.raises(IntakeRefused, match="核对未通过"):
        add_invoices(doc, [reading])


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("0.06", "6%"),
        ("0.13", "13%"),
        ("0.015", "1.5%"),
        ("6%", "6%"),
        ("0", "0%"),
        ("免税", "免税"),
        ("***", "*"),
    ],
)
def test_rates_a_person_reads(text: str, rate: str) -> None:
    assert rate_of(text) == rate


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "1E+999999999", "-0.06"])
def test_a_rate_no_person_reads_as_one_is_shown_as_printed_and_the_file_still_reads(text: str) -> None:
    assert rate_of(text) == text
    reading = read_bytes(xml_with({"<TaxRate>0.06</TaxRate>": f"<TaxRate>{text}</TaxRate>"}))
    assert reading.invoice.items[0].rate == text
    assert reading.invoice.total == Decimal("250.00")
