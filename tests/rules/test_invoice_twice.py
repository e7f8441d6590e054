"""One invoice listed twice among the compute invoices: counted twice, it would make the purchase and the
subsidy, so the profile is refused naming both rows, as `invoices add` refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from shenbao.core.model import ProfileErrors, parse_profile
from shenbao.core.rules import rules

AS_OF = dt.date(2026, 3, 10)


def with_invoices(*rows: tuple[str, str, int]) -> dict[str, Any]:
    invoices = [{"supplier": s, "invoice_no": n, "date": "2026-01-15", "amount": a} for s, n, a in rows]
    return {
        "enterprise": {
            "name": "福州甲科技有限公司",
            "uscc": "913501044C12H3B168",
            "province": "福建省",
            "city": "福州市",
        },
        "facts": {"compute_invoices": invoices},
    }


@pytest.mark.parametrize(
    "again",
    [
        ("福州算力云有限公司", "35000001", 60000),
        (" 福州算力云 有限公司", "35000001 ", 60000),
        ("福州算力云有限公司", "35000001", 100),
    ],
)
def test_an_invoice_listed_twice_is_refused_naming_both_rows(again: tuple[str, str, int]) -> None:
    """60,000 元 of computing bought, its invoice typed twice into the wizard's table, was judged a
    purchase of 120,000 元 meeting the voucher's 100,000 and paid 60,000 元."""
    doc = with_invoices(
        ("福州算力云有限公司", "35000001", 60000), ("厦门云有限公司", "35000002", 1000), again
    )
    with pytest.raises(ProfileErrors) as refused:
        parse_profile(doc)
    (error,) = refused.value.errors
    assert error.field == "facts.compute_invoices[2].invoice_no"
    assert "第 3 行与第 1 行是同一张发票" in error.message and "35000001" in error.message


def test_the_same_number_from_another_supplier_is_another_invoice() -> None:
    """Paper invoices are numbered per invoice code: two suppliers' 8-digit numbers may be the same."""
    doc = with_invoices(("福州算力云有限公司", "35000001", 60000), ("厦门云有限公司", "35000001", 50000))
    result = rules().preview(parse_profile(doc), AS_OF).result("fj2025.compute_voucher")
    assert (result.status, result.amount) == ("eligible", 55000)
