"""The park report: tenants × measures, totals both ways, a bar chart, all in the embedded font."""

from __future__ import annotations

import io
from decimal import Decimal

from shenbao.core.pdf import render_park_report
from shenbao.core.pdf.report import ParkReport
from shenbao.core.rules import preview

from .helpers import AS_OF, fonts_of, invoices, profile_of, text_of


def _entries():
    a = profile_of({"compute_invoices": invoices(50)})  # fj2025 voucher 125,000
    b = profile_of(
        {"ai_products": [{"name": "甲"}, {"name": "乙"}], "compute_invoices": invoices(10, 30000)},
        name="福州闽江智能有限公司",
        uscc="913501044C12H3B168",
    )
    return [(p, preview(p, AS_OF)) for p in (a, b)]


def test_totals_per_measure_and_per_tenant_come_from_the_previews():
    entries = _entries()
    report = ParkReport(entries)
    voucher = report.per_measure["fj2025.compute_voucher"]
    assert voucher == sum(pv.result("fj2025.compute_voucher").amount for _, pv in entries)
    assert report.per_measure["fj2025.quality_product"] == Decimal("1000000.00")
    for (_, pv), total in zip(entries, report.per_tenant, strict=True):
        assert total == sum(
            (r.amount for r in pv.results if r.status == "eligible" and r.amount is not None), Decimal(0)
        )
    assert "fz2020.national_key_lab" not in report.measures  # nobody can apply for it


def test_the_report_reads_back():
    entries = _entries()
    buffer = io.BytesIO()
    rendered = render_park_report(entries, buffer)
    pdf = buffer.getvalue()
    text, pages = text_of(pdf)
    assert rendered.pages == len(pages)
    report = ParkReport(entries)
    for profile, _ in entries:
        assert profile.name in text
    for measure in report.measures:
        assert report.titles[measure] in text
    assert "企业×措施（万元）" in text and "各措施可申报金额（万元）" in text
    grand = sum(report.per_tenant, Decimal(0)) / 10000
    assert f"{grand.normalize():f}万元" in text
    assert all("WenQuanYi" in name for name in fonts_of(pdf))
    assert f"共 {len(pages)} 页" in pages[-1]


def test_a_report_of_many_tenants_repeats_its_header():
    base = _entries()
    entries = [base[i % 2] for i in range(80)]
    buffer = io.BytesIO()
    rendered = render_park_report(entries, buffer)
    _, pages = text_of(buffer.getvalue())
    matrix_pages = [p for p in pages if "福州闽江智能有限公司" in p]
    assert rendered.pages >= 3 and len(matrix_pages) >= 2
    assert all("企业名称" in p for p in matrix_pages)
