"""What a reviewer at the counter looks at: numbers unbroken, headings with their content, the dates and
offices left for the applicant, the real time of making, and every field with a character to write by hand."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from shenbao.core.forms import forms

from .helpers import AS_OF, RARE, invoices, profile_of, text_of

HEADING = re.compile(r"^([一二三四五六七八九十]、|（[一二三四五六七八九十]）)")


def _lines(pdf: bytes) -> list[list[str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(page.extract_text() or "").splitlines() for page in doc.pages]


def test_twenty_digit_invoice_numbers_stay_on_one_line(render):
    numbers = [f"2635200000{i:010d}" for i in range(1, 6)]
    rows = [dict(row, invoice_no=n) for row, n in zip(invoices(5, 40000), numbers, strict=True)]
    pdf, _ = render(profile_of({"compute_invoices": rows}), "fj2025.compute_voucher")
    lines = [line for page in _lines(pdf) for line in page]
    for number in numbers:
        assert any(number in line for line in lines), number


@pytest.mark.parametrize("rows", [3, 12, 21, 30, 42])
def test_a_heading_never_ends_a_page(render, rows):
    """However long the invoice list, no page's last line (above the footer) is a section heading."""
    pdf, _ = render(profile_of({"compute_invoices": invoices(rows, 40000)}), "fj2025.compute_voucher")
    for page in _lines(pdf):
        body = [line for line in page if not line.startswith("第 ") and "校验码" not in line]
        assert body and not HEADING.match(body[-1].strip()), body[-3:]


def test_every_form_keeps_its_headings_with_what_follows(render):
    profile = profile_of({"compute_invoices": invoices(8, 50000), "ai_product_count": 2, "scenario_count": 1})
    for measure in ("fj2025.compute_voucher", "fz2024.compute_use", "fj2025.quality_product"):
        assert measure in forms()
        pdf, _ = render(profile, measure)
        for page in _lines(pdf):
            body = [line for line in page if not line.startswith("第 ") and "校验码" not in line]
            assert not HEADING.match(body[-1].strip()), (measure, body[-2:])


def test_the_declaration_date_and_office_are_left_for_the_applicant(render):
    pdf, _ = render(profile_of({"compute_invoices": invoices(3, 40000)}), "fj2025.compute_voucher")
    cover = _lines(pdf)[0]
    assert any(line.startswith("申报日期") and "____年" in line for line in cover)
    assert not any(line.startswith("申报日期") and "2026年3月10日" in line for line in cover)
    office = next(line for line in cover if line.startswith("受理部门"))
    assert office.strip() == "受理部门"
    text, _ = text_of(pdf)
    assert "文件所列责任单位省数据管理局、工信厅、财政厅、省通信管理局、省大数据集团" in text


def test_a_given_date_and_office_are_printed(render):
    pdf, _ = render(
        profile_of({"compute_invoices": invoices(3, 40000)}),
        "fj2025.compute_voucher",
        declared_on=dt.date(2026, 3, 20),
        office="福建省数据管理局",
    )
    cover = _lines(pdf)[0]
    assert any(line.startswith("申报日期") and "2026年3月20日" in line for line in cover)
    assert any(line.startswith("受理部门") and "福建省数据管理局" in line for line in cover)


def test_the_pdf_is_dated_when_made_and_the_digest_stays_the_same(render):
    from pypdf import PdfReader

    profile = profile_of({"compute_invoices": invoices(3, 40000)})
    first, rendered = render(profile, "fj2025.compute_voucher")
    made = PdfReader(io.BytesIO(first)).metadata.creation_date
    assert made is not None and made.date() >= dt.date.today() - dt.timedelta(days=1)
    _, again = render(profile, "fj2025.compute_voucher")
    assert again.digest == rendered.digest and again.qr_payload == rendered.qr_payload


def test_the_footnote_names_every_field_with_a_missing_character(render):
    profile = profile_of(
        {"compute_invoices": invoices(3, 40000)},
        name=f"福州{RARE}智科技有限公司",
        address=f"福州市鼓楼区{RARE}路1号",
    )
    pdf, rendered = render(profile, "fj2025.compute_voucher")
    text, _ = text_of(pdf)
    note = text[text.index("注：红色") :]
    assert "申报单位：U+2A6A5" in note and "注册地址：U+2A6A5" in note
    assert sum("U+2A6A5" in w for w in rendered.warnings) >= 2
    assert AS_OF.year == 2026


def test_the_printout_writes_a_sum_as_the_screen_does(render):
    """125,000.55 元 is 12.5001 万元 on the screen and on paper alike (shenbao.core.money)."""
    from decimal import Decimal

    from shenbao.core.money import wan
    from shenbao.core.rules import preview

    profile = profile_of(
        {"rd_equipment_purchase_non_fiscal": "500002.2"},
        recognitions=[{"kind": "provincial_new_rd_institution", "date": "2024-01-01"}],
    )
    result = preview(profile, AS_OF).result("fz2020.rd_equipment")
    assert result.amount == Decimal("125000.55")
    pdf, _ = render(profile, "fz2020.rd_equipment")
    text, _ = text_of(pdf)
    assert "125,000.55元（12.5001万元）" in text and wan(result.amount) == "12.5001"


def test_a_long_name_in_the_running_header_leaves_room_for_the_title(render):
    name = "福州市鼓楼区闽江人工智能大模型与算力基础设施联合创新研究院智能科技股份有限公司（福建自由贸易试验区福州片区分公司）"
    pdf, _ = render(profile_of({"compute_invoices": invoices(3, 40000)}, name=name), "fj2025.compute_voucher")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages[1:]:
            top = min(w["top"] for w in page.extract_words())
            header = sorted((c for c in page.chars if abs(c["top"] - top) < 2), key=lambda c: c["x0"])
            title = "算力服务补助"
            line = "".join(c["text"] for c in header)
            assert line.endswith(title), line
            assert line.startswith(name[:20]) and "…" in line, line
            assert all(a["x1"] <= b["x0"] + 0.01 for a, b in zip(header, header[1:], strict=False)), line
            assert header[-1]["x1"] <= page.width - 50, header[-1]["x1"]


def _page_two(pdf: bytes):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[1]
        chars = [c for c in page.chars if c["text"].strip()]
        rules = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
        shades = [r for r in page.rects if r["fill"] and r["non_stroking_color"] != (1, 1, 1)]
        return chars, rules, shades


def test_every_label_of_the_applicant_table_stays_inside_its_cell(render):
    """上年度研发经费支出（元）, the longest label, ran its closing bracket over the column's rule."""
    profile = profile_of(
        {"compute_invoices": invoices(3, 40000)},
        employees=120,
        rd_staff=40,
        revenue_prev_year=50000000,
        rd_expense_prev_year=4000000,
    )
    pdf, _ = render(profile, "fj2025.compute_voucher")
    chars, rules, _shades = _page_two(pdf)
    assert rules
    crossing = [
        c["text"]
        for c in chars
        for r in rules
        if c["x0"] + 0.5 < r["x0"] < c["x1"] - 0.5
        and c["top"] < r["bottom"] - 1
        and c["bottom"] > r["top"] + 1
    ]
    assert not crossing, crossing


def test_a_value_across_the_table_is_not_printed_on_a_labels_shading(render):
    """The name and the address span three columns; the shading of the second column of labels was
    drawn across them, a grey block in the middle of the enterprise's name."""
    profile = profile_of({"compute_invoices": invoices(3, 40000)}, name="福州星河智算" * 5 + "科技有限公司")
    pdf, _ = render(profile, "fj2025.compute_voucher")
    chars, _rules, shades = _page_two(pdf)
    assert shades
    name = [c for c in chars if c["top"] < 200 and c["x0"] > 150 and c["text"] in "福州星河智算科技有限公司"]
    assert len(name) >= 20
    shaded = [
        c["text"]
        for c in name
        for r in shades
        if r["x0"] <= (c["x0"] + c["x1"]) / 2 <= r["x1"]
        and r["top"] <= (c["top"] + c["bottom"]) / 2 <= r["bottom"]
    ]
    assert not shaded, "".join(shaded)


@pytest.mark.parametrize("rows", [20, 40])
def test_a_long_list_begins_under_its_headings_not_on_a_fresh_page(render, rows):
    """The applicant's table fills a third of page 2; a list of 20 invoices after it was moved whole to
    page 3 with its headings, leaving page 2 two-thirds blank. It begins on page 2 and continues."""
    pdf, _ = render(profile_of({"compute_invoices": invoices(rows, 40000)}), "fj2025.compute_voucher")
    pages = _lines(pdf)
    assert any(line.startswith("二、申报内容") for line in pages[1]), pages[1][-5:]
    assert any(line.startswith("1 ") and "35" in line for line in pages[1]), pages[1][-5:]
    first_rows = [line for line in pages[2] if line.split(" ")[0].isdigit()]
    assert first_rows  # the rest follows on page 3, under its repeated header
    assert any("发票号码" in line for line in pages[2])
