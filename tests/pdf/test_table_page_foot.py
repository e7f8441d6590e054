"""A page never ends with a table's repeated header over an empty piece of a row."""

from __future__ import annotations

import pytest

from .helpers import profile_of, text_of

SUPPLIER = "中国电信股份有限公司福建分公司数字政府与智慧城市算力服务中心"  # three lines in its column


def _invoices(n: int) -> list[dict[str, object]]:
    return [
        {"supplier": SUPPLIER, "invoice_no": f"2635{i:016d}", "date": "2026-01-15", "amount": "12345678.91"}
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [20, 40, 60])
def test_no_page_ends_with_the_invoice_header_over_an_empty_row(render, n: int) -> None:
    """With three-line invoice rows under a long name and address, page 2 of 算力服务补助 ended with the
    list's header printed a second time over an empty sliver of row 8, which then began again on page 3:
    a stray header and what looked like a blank invoice at the foot of the page."""
    profile = profile_of(
        {"compute_invoices": _invoices(n), "compute_subsidy_year_index": 1},
        name="福建省福州市鼓楼区" + "星河智算人工智能大模型研发应用" * 3 + "科技股份有限公司",
        address="福建省福州市鼓楼区软件大道89号福州软件园" + "F区8号楼23层2301-2315室" * 4,
        email="shenbao@xinghe-ai.com.cn",
    )
    pdf, _rendered = render(profile, "fj2025.compute_voucher")
    text, pages = text_of(pdf)
    for number, page in enumerate(pages, 1):
        lines = page.splitlines()
        heads = [line for line in lines if line.startswith("序号 供应商")]
        assert len(heads) <= 1, f"page {number}: {heads}"
        assert not lines[-2].startswith("序号 "), f"page {number} ends with a header: {lines[-3:]}"
    for i in range(n):  # every invoice is printed, once
        assert text.count(f"2635{i:016d}") == 1
