"""The park report: tenants × measures, totals both ways, a bar chart, all in the embedded font."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from shenbao.core import money
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
        assert total == pv.totals().counted
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
    assert "企业×措施" in text and "各措施可申报金额（万元" in text
    grand = sum(report.per_tenant, Decimal(0))
    assert f"可申报金额合计：{money.amount(grand)}".replace(" ", "") in text
    assert all("WenQuanYi" in name for name in fonts_of(pdf))
    assert f"共 {len(pages)} 页" in pages[-1]
    # every kind of cell the matrix holds is explained, its blank ones too
    flat = text.replace(" ", "").replace("\n", "")
    assert "空白：不符合条件或测算日不在政策有效期内" in flat and "“†”" not in flat


def test_a_report_of_many_tenants_repeats_its_header():
    base = _entries()
    entries = [base[i % 2] for i in range(80)]
    buffer = io.BytesIO()
    rendered = render_park_report(entries, buffer)
    _, pages = text_of(buffer.getvalue())
    matrix_pages = [p for p in pages if "福州闽江智能有限公司" in p]
    assert rendered.pages >= 3 and len(matrix_pages) >= 2
    assert all("企业名称" in p for p in matrix_pages)


def test_a_measure_without_a_sum_totals_as_a_count_and_has_no_bar():
    """fj2025 二 研发经费投入奖补 「按规定予以奖补」: counted, never totalled as 0, and left out of the chart."""
    entries = _entries()
    report = ParkReport(entries)
    assert "fj2025.rd_expense" in report.measures
    assert report.measure_total("fj2025.rd_expense", long=True) == "2 家可申报，金额按规定"
    chart = report.chart()
    names = chart.contents[0].categoryAxis.categoryNames
    assert not any("研发经费" in n for n in names)
    buffer = io.BytesIO()
    render_park_report(entries, buffer)
    text, _ = text_of(buffer.getvalue())
    assert "2家可申报，金额按规定" in text and "合计0" not in text


def test_bar_labels_are_written_like_every_other_sum():
    entries = [_entries()[1]] * 150  # 150 × 100 万元 of 优质产品 = 15,000 万元
    report = ParkReport(entries)
    labels = report.chart().contents[0].barLabelArray[0]
    assert "15,000" in labels and all("." not in label or label.rstrip("0") == label for label in labels)


def test_the_chart_s_axis_groups_thousands_as_its_bars_do():
    """The axis read 「0 10000 20000 30000 40000」 under bars labelled 「15,000」 and 「45,000」."""
    entries = [_entries()[1]] * 150  # 15,000 万元 of 优质产品
    buffer = io.BytesIO()
    render_park_report(entries, buffer)
    chart_page = text_of(buffer.getvalue())[1][-1]
    assert "15,000" in chart_page and "10,000" in chart_page
    assert not re.findall(r"(?<![\d,.])\d{4,}(?![\d,])", chart_page)  # no figure of 4 digits ungrouped


def _park(n: int):
    """`n` tenants drawn in turn from the preview fixtures' varied profiles (11 measures between them)."""
    from pathlib import Path

    from shenbao.core.model import ProfileError, load_profile_file

    folder = Path(__file__).parents[1] / "fixtures" / "preview" / "profiles"
    profiles = []
    for path in sorted(folder.glob("*.json")):
        try:
            profiles.append(load_profile_file(path))
        except ProfileError:
            continue  # broken.json, there for the commands' tests
    chosen = [profiles[i % len(profiles)] for i in range(n)]
    return [(p, preview(p, AS_OF)) for p in chosen]


def _lowest_text(pdf: bytes) -> list[float]:
    """Per page, how far down its body text reaches, as a share of the page (the footer left out)."""
    import pdfplumber

    from shenbao.core.pdf.layout import MARGIN

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            max((c["bottom"] for c in page.chars if c["bottom"] < page.height - MARGIN), default=0)
            / page.height
            for page in doc.pages
        ]


def test_a_long_table_begins_under_its_heading_not_on_a_page_of_its_own():
    """30 tenants: the 11-row 措施汇总 and the 31-row matrix each moved whole to a new page, leaving page 1
    four-fifths blank under the title and page 2 a third blank under the legend (5 pages, now 4)."""
    entries = _park(30)
    buffer = io.BytesIO()
    rendered = render_park_report(entries, buffer)
    _, pages = text_of(buffer.getvalue())
    assert "一、措施汇总" in pages[0] and "M1" in pages[0]
    assert "二、企业 × 措施" in pages[1] and "三、各措施可申报金额" in pages[3]
    lowest = _lowest_text(buffer.getvalue())
    assert all(share > 0.8 for share in lowest[:2]), lowest  # full up to the matrix's last page
    assert rendered.pages == 4


def _crossing_rules(pdf: bytes) -> list[tuple[int, str]]:
    """Words that run across a table's vertical rule: a figure wider than its column."""
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, start=1):
            rules = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
            for word in page.extract_words(keep_blank_chars=True, x_tolerance=1.5):
                middle = (word["top"] + word["bottom"]) / 2
                out += [
                    (n, word["text"])
                    for rule in rules
                    if word["x0"] + 0.2 < rule["x0"] < word["x1"] - 0.2
                    and rule["top"] <= middle <= rule["bottom"]
                ]
    return out


def test_every_figure_of_a_large_park_stays_inside_its_column():
    """300 tenants: 572.5 万元＊ ran over the rule into the column before it, and the grand total
    144,657.5 万元 was printed on top of the last measure's total (200 万元144,657.5 万元)."""
    entries = _park(300)
    buffer = io.BytesIO()
    render_park_report(entries, buffer)
    assert _crossing_rules(buffer.getvalue()) == []
    report = ParkReport(entries)
    text, _ = text_of(buffer.getvalue())
    grand = money.amount(sum(report.per_tenant, Decimal(0))).replace(" ", "")
    assert f"{money.amount(report.per_measure[report.measures[-1]])}{grand}".replace(" ", "") in text
    assert f"可申报金额合计：{grand}" in text


def test_a_park_where_no_amount_can_be_summed_says_so_instead_of_an_empty_chart():
    """Nobody eligible for anything (a 厦门 enterprise, not an AI one): the report printed an empty
    措施汇总 table and a page of chart with one bar 「—」 at 0 on an axis from 0 to 0.01 万元."""
    profile = profile_of({}, city="厦门市", district="思明区", is_ai_enterprise=False)
    entries = [(profile, preview(profile, AS_OF))]
    assert ParkReport(entries).measures == []
    buffer = io.BytesIO()
    rendered = render_park_report(entries, buffer)
    text, pages = text_of(buffer.getvalue())
    assert "没有企业可申报的措施" in text
    assert "0.002" not in text and "代码措施依据文件" not in text
    assert rendered.pages == 1, pages


def test_the_grand_total_is_marked_when_part_of_the_columns_is_to_be_confirmed():
    """The matrix's last row adds each measure's column in full, its last cell each tenant's counted
    total: 30 tenants' columns came to 15,382.5 万元 beside a grand total of 15,120 万元 with nothing to
    say the 262.5 万元 between them was left to confirm (the rows carrying it are marked ＊)."""
    entries = _park(30)
    report = ParkReport(entries)
    assert report.to_confirm > 0
    assert (
        sum(report.per_measure.values(), Decimal(0)) == sum(report.per_tenant, Decimal(0)) + report.to_confirm
    )
    buffer = io.BytesIO()
    render_park_report(entries, buffer)
    _, pages = text_of(buffer.getvalue())
    last_row = next(line for page in pages for line in page.splitlines() if line.startswith("合计 "))
    assert last_row.endswith(money.amount(sum(report.per_tenant, Decimal(0))) + "＊"), last_row
    # each sum left to confirm is marked in its own cell, as many as the tenants' totals set aside
    set_aside = sum(len(t.set_aside) for t in report.totals)
    cells = [line for page in pages for line in page.splitlines() if line[:1].isdigit()]
    assert set_aside and sum(line.count("万元＊") for line in cells) == set_aside + sum(
        1 for t in report.totals if t.to_confirm
    )


def test_a_tenant_whose_last_window_has_passed_is_not_counted_and_is_marked():
    """fz2024 算力运营补贴 in December 2026: no window is left before the plan ends, so the tenant's 750
    万元 is left out of its total and the grand total, marked †, and the cover says why."""
    from shenbao.core.model import parse_profile
    from tests.rules.test_totals import INFRA

    infra = parse_profile(INFRA)
    entries = [*_entries()]
    entries = [(p, preview(p, dt.date(2026, 12, 4))) for p, _ in entries] + [
        (infra, preview(infra, dt.date(2026, 12, 4)))
    ]
    report = ParkReport(entries)
    assert report.closed == Decimal("7500000.00")
    assert report.per_tenant[-1] == entries[-1][1].totals().counted
    assert report.per_measure["fz2024.compute_supply"] == Decimal("7500000.00")  # its column in full
    buffer = io.BytesIO()
    render_park_report(entries, buffer)
    text, pages = text_of(buffer.getvalue())
    assert "另有750万元的措施已无受理期，不计入合计（标†）" in text.replace(" ", "")
    last_row = next(line for page in pages for line in page.splitlines() if line.startswith("合计 "))
    assert last_row.endswith(money.amount(sum(report.per_tenant, Decimal(0))) + "†"), last_row
    assert "“†”：已无受理期，不计入合计。" in text.replace(" ", "").replace("\n", "")
    # the cell left out is marked where it stands, in the matrix, its column's total and the chart
    rows = [line for page in pages for line in page.splitlines() if line[:1].isdigit() and "万元" in line]
    assert [row.split()[0] for row in rows if "750 万元†" in row] == ["3"]
    assert rows[-1].endswith("†") and "†" not in "".join(rows[:-1])  # its total, no other tenant's
    legend = next(line for line in pages[0].splitlines() if "fz2024.compute_supply" in line)
    assert legend.endswith("750 万元†"), legend
    code = report.codes["fz2024.compute_supply"]
    assert f"{code} 算力运营补贴（供给侧） 750†" in pages[-1].replace("（供给侧）\n", "（供给侧） ")
