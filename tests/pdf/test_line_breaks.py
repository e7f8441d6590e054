"""Where the printed lines break: GB/T 15834's rules for the ends of lines (行首行尾禁则), numbers and dates
kept whole, and nothing running past its cell, read back from the real PDFs."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from shenbao.core.forms import forms
from shenbao.core.pdf import NotRenderable, render_declaration, render_park_report
from shenbao.core.rules import preview

from .helpers import AS_OF, profile_of

OPENING = "（「『《〈【〔［｛“‘([{"
CLOSING = "）」』》〉】〕］｝”’，。、；：！？…%％)]},.;:!?"

NAME = "福建省（福州）新一代人工智能算力基础设施与行业大模型应用创新研究院有限责任公司（原“福州星河智算科技有限公司”）"
ADDRESS = "福建省福州市鼓楼区软件大道89号福州软件园F区（二期）8号楼12层1201室（中国（福建）自由贸易试验区福州片区），2026年3月10日迁入"
INVOICES = [
    {
        "supplier": "中国电信股份有限公司福建分公司（福州数字中国会展中心算力调度平台）《天翼云》",
        "invoice_no": "26352000000012345678",
        "date": "2026-01-15",
        "amount": "1234567.89",
    },
    {
        "supplier": "华为云计算技术有限公司“昇腾AI云服务”（福州）",
        "invoice_no": "26352000000012345679",
        "date": "2026-02-15",
        "amount": "98765432.10",
    },
]


def lines_of(pdf: bytes) -> list[tuple[int, str]]:
    """Every printed line of every page as (page, text): the characters of one baseline, cut where a gap
    wider than 6 pt parts them (a table's cells are 12 pt apart at least, with a rule between)."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for c in page.chars:
                rows.setdefault(round(c["bottom"]), []).append(c)
            for _y, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                run = [chars[0]]
                for a, b in zip(chars, chars[1:], strict=False):
                    if b["x0"] - a["x1"] > 6:
                        out.append((number, "".join(c["text"] for c in run).strip()))
                        run = []
                    run.append(b)
                out.append((number, "".join(c["text"] for c in run).strip()))
    return [(n, text) for n, text in out if text]


def across_rules(pdf: bytes) -> list[tuple[int, str]]:
    """Characters a table's vertical rule runs through, or printed past the page's margins (18 mm)."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, 1):
            rules = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
            for c in page.chars:
                if c["text"].isspace():
                    continue  # a space where a line breaks takes no room
                if c["x0"] < 40 or c["x1"] > page.width - 40:
                    out.append((number, c["text"]))
                for r in rules:
                    inside = c["x0"] + 0.3 < r["x0"] < c["x1"] - 0.3
                    if inside and r["top"] <= c["top"] + 0.5 and c["bottom"] <= r["bottom"] + 0.5:
                        out.append((number, c["text"]))
    return out


def against_the_rules(pdf: bytes) -> list[tuple[int, str]]:
    return [(n, text) for n, text in lines_of(pdf) if text[-1] in OPENING or text[0] in CLOSING]


def long_profile():
    return profile_of(
        {
            "compute_invoices": INVOICES,
            "compute_subsidy_year_index": 1,
            "ai_product_count": 1,
        },
        name=NAME,
        address=ADDRESS,
        legal_representative="欧阳·司马长风",
        contact_name="李华（项目负责人）",
        registered_capital="1234567890.12",
        revenue_prev_year="98765432109.87",
        rd_expense_prev_year="1000000.00",
        employees=12345,
        established_on="2016-02-29",
    )


def test_no_line_of_any_form_ends_with_an_opening_mark_or_begins_with_a_closing_one() -> None:
    """reportlab broke a line after the last character that fitted, whatever it was: the conditions
    table of 算力服务补助 printed 「年度购买算力服务总额（元） ≥ 100,000.00 元（」 over 「含）」, the
    cover of 主导或参与制修订国际、国家标准补助 began a line with 「》」, and a long enterprise name put
    「”）」 at the head of a line on the cover of every form (a closing mark it hung over the cell's rule
    when that one alone was over). Every form of the enterprise is read back line by line: none breaks GB/T 15834's rules, and
    no character crosses a rule or the margin."""
    profile = long_profile()
    pv = preview(profile, AS_OF)
    printed = 0
    for measure in forms():
        buffer = io.BytesIO()
        try:
            render_declaration(profile, pv, measure, buffer)
        except NotRenderable:
            continue
        pdf = buffer.getvalue()
        printed += 1
        assert against_the_rules(pdf) == [], measure
        assert across_rules(pdf) == [], measure
    assert printed >= 20


def test_the_incomplete_forms_list_of_what_is_missing_breaks_by_the_rules() -> None:
    """An enterprise that has given no facts: every form it can print (待补充 in its boxes, the long
    「尚缺：…」 list of labels with their （元） and （含）)."""
    profile = profile_of({}, name=NAME)
    pv = preview(profile, AS_OF)
    for measure in forms():
        buffer = io.BytesIO()
        try:
            render_declaration(profile, pv, measure, buffer)
        except NotRenderable:
            continue
        assert against_the_rules(buffer.getvalue()) == [], measure


def paragraph_pdf(text: str, width: float) -> bytes:
    """`text` as the forms print a cell's text, in a line `width` points long, as a real PDF."""
    from reportlab.platypus import SimpleDocTemplate

    from shenbao.core.pdf.layout import PAGE, STYLES, Paragraph

    buffer = io.BytesIO()
    # the frame's padding, 6 pt each side, comes off the margins
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=66, rightMargin=PAGE[0] - 78 - width)
    doc.build([Paragraph(text, STYLES["cell"])])
    return buffer.getvalue()


@pytest.mark.parametrize("width", [66 + 3 * i for i in range(40)])
def test_a_number_or_a_date_is_never_cut_between_two_lines(width: float) -> None:
    """Wherever the column's edge falls, 1,000,000.00元, 2026年3月10日 and 100万元 (each narrower than
    the column: 64, 65 and 35 pt) stay whole and no line ends with 「（」 or begins with 「）」 or 「，」."""
    text = "补助金额为1,000,000.00元（含税），已于2026年3月10日拨付（其中100万元为首期）。"
    pdf = paragraph_pdf(text, width)
    lines = [line for _page, line in lines_of(pdf)]
    assert re.sub(r"\s", "", "".join(lines)) == text
    joined = "|".join(lines)
    for whole in ("1,000,000.00元", "2026年3月10日", "100万元"):
        assert whole in joined, (width, lines)
    assert against_the_rules(pdf) == [], (width, lines)


def test_a_code_wider_than_its_column_still_prints_every_character() -> None:
    """A word or number wider than the line is cut where it must, never lost nor pushed past the edge."""
    text = "校验码" + "0123456789abcdef" * 8 + "（完）"
    pdf = paragraph_pdf(text, 120)
    lines = [line for _page, line in lines_of(pdf)]
    assert "".join(lines) == text
    assert len(lines) > 3
    assert against_the_rules(pdf) == []


def test_only_a_line_break_of_the_text_breaks_a_line_before_it_is_full() -> None:
    """A new line where the text has one (a <br/>), and nowhere else, even at a character that stands
    for one while the lines are broken (U+FFFC, pasted with a name from a word processor)."""
    pdf = paragraph_pdf("福州星河\ufffc智算科技有限公司<br/>（示例）", 400)
    assert [line for _page, line in lines_of(pdf)] == ["福州星河\ufffc智算科技有限公司", "（示例）"]


def test_the_park_report_breaks_a_long_tenant_name_by_the_rules() -> None:
    tenants = [
        long_profile(),
        profile_of(
            {"compute_invoices": INVOICES}, name="福州闽江（马尾）智能有限公司", uscc="913501044C12H3B168"
        ),
    ]
    buffer = io.BytesIO()
    render_park_report([(p, preview(p, AS_OF)) for p in tenants], buffer)
    assert against_the_rules(buffer.getvalue()) == []


def test_an_amount_in_the_invoice_list_is_printed_on_one_line(render) -> None:
    """The 金额（元） column is 1.9 parts of the table's width: an invoice of 999,999,999,999.99 元
    printed 「999,999,999,999.9」 over 「9」 and the total 「1,888,888,888,888.」 over 「87」, a figure
    that reads as another on the page a user signs. An amount is set smaller to fit its column, as an
    invoice number is."""
    rows = [dict(row) for row in INVOICES]
    rows[0]["amount"], rows[1]["amount"] = "999999999999.99", "888888888888.88"
    pdf, _rendered = render(profile_of({"compute_invoices": rows}), "fj2025.compute_voucher")
    lines = [text for _page, text in lines_of(pdf)]
    for figure in ("999,999,999,999.99", "888,888,888,888.88", "1,888,888,888,888.87"):
        assert figure in lines, figure
    assert across_rules(pdf) == []


@pytest.mark.parametrize("width", range(100, 300, 4))
def test_a_connecting_dash_or_a_separating_dot_never_begins_a_line(width: int) -> None:
    """GB/T 15834 keeps a 连接号 (the 一字线 of 2024—2026年, the 浪纹线 ～) and a 间隔号 (欧阳·司马) off
    the head of a line: at 124 pt the basis of a Fuzhou measure began a line 「—2026年）》第三条」."""
    text = "依据《福州市促进人工智能产业创新发展行动方案（2024—2026年）》第三条，欧阳·司马长风～李华"
    pdf = paragraph_pdf(text, width)
    lines = [line for _page, line in lines_of(pdf)]
    assert "".join(lines) == text
    assert not [line for line in lines if line[0] in "—～·"], lines
    assert against_the_rules(pdf) == []
