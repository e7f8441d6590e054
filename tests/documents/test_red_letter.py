"""What makes an invoice red-letter (红字) is its negative figures. A blue invoice that merely mentions
红字 (a remark about an earlier one cancelled) stays blue, and a file marked red whose figures are
positive fails its checks rather than being counted with the wrong sign."""

from __future__ import annotations

from pathlib import Path

from shenbao.core.documents import read_bytes, read_document
from shenbao.core.documents.intake import add_invoices
from tests.documents.helpers import BUYER, xml_with

SELLER = "91320106751253359F"


def _pdf(path: Path, remark: str, figures: tuple[str, str, str]) -> Path:
    """A one-page 数电 invoice laid out as the tax platform prints one, with a text layer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    amount, tax, total = figures
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 9)
    rows = [
        [(50, "电子发票（普通发票）"), (400, "发票号码：26342000001798762786")],
        [(400, "开票日期：2026年06月10日")],
        [
            (50, "购"),
            (70, "名称：江苏苏豪天鹏农产品集团有限公司"),
            (300, "销"),
            (320, "名称：安元科技股份有限公司"),
        ],
        [(70, f"统一社会信用代码/纳税人识别号：{BUYER}"), (320, f"统一社会信用代码/纳税人识别号：{SELLER}")],
        [(50, "项目名称"), (200, "金额"), (300, "税率/征收率"), (400, "税额")],
        [(50, "*信息技术服务*算力服务"), (200, amount), (300, "6%"), (400, tax)],
        [(50, "合计"), (200, f"¥{amount}"), (400, f"¥{tax}")],
        [(50, "价税合计（大写）"), (300, f"（小写）¥{total}")],
        [(50, f"备注：{remark}")],
    ]
    for n, row in enumerate(rows):
        for x, text in row:
            page.drawString(x, 800 - 20 * n, text)
    page.save()
    return path


def test_a_blue_invoice_whose_remark_mentions_red_letters_stays_blue(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "blue.pdf",
        "原发票 26342000001798760001 已开具红字发票，本张重开",
        ("100.00", "6.00", "106.00"),
    )
    reading = read_document(path)
    assert not reading.failed, [c.message for c in reading.failed]
    assert reading.invoice.red is False
    assert not [w for w in reading.invoice.warnings if "红字" in w]
    intake = add_invoices({"enterprise": {"uscc": BUYER}, "facts": {}}, [reading], year=2026)
    assert intake.added[0]["amount"] == 106
    assert not [w for w in intake.warnings if "红字" in w]


def test_a_red_letter_pdf_is_red_by_its_figures(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "red.pdf", "被红冲蓝字数电发票号码：26342000001798760001", ("-100.00", "-6.00", "-106.00")
    )
    reading = read_document(path)
    assert not reading.failed and reading.invoice.red is True
    assert str(reading.invoice.total) == "-106.00"


def test_an_xml_marked_red_with_positive_figures_fails_its_checks() -> None:
    reading = read_bytes(xml_with({"<LabelCode>Y</LabelCode>": "<LabelCode>N</LabelCode>"}), "marked.xml")
    assert [c.name for c in reading.failed] == ["red_letter"]
    assert "红字" in reading.failed[0].message and "250.00" in reading.failed[0].message
