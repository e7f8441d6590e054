"""Invoices are often merged into one PDF to be printed together. Such a file holds several invoices; it
is refused as such in one line naming their numbers, never read as the first invoice's header over every
invoice's items, and a long invoice printed on two pages still reads as one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader, PdfWriter, Transformation

from shenbao.core.documents import DocumentError, read_document
from tests.documents.helpers import EXPECTED, FIXTURES, PDF_SAMPLE
from tests.store.factory import assert_refused, shenbao

OTHER_PDF = FIXTURES / "7.22底座.pdf"


def _merged(path: Path, *sources: Path) -> Path:
    writer = PdfWriter()
    for source in sources:
        writer.append(PdfReader(source))
    writer.write(path)
    return path


def test_a_pdf_of_two_invoices_is_refused_naming_both(tmp_path: Path, data_dir: Path) -> None:
    merged = _merged(tmp_path / "合并打印.pdf", OTHER_PDF, PDF_SAMPLE)
    with pytest.raises(DocumentError) as caught:
        read_document(merged)
    message = str(caught.value)
    for name in (OTHER_PDF.name, PDF_SAMPLE.name):
        assert EXPECTED[name]["invoice_no"] in message
    assert "2 张发票" in message and "分别" in message
    result = shenbao(data_dir, "read", str(merged))
    assert_refused(result, str(merged), "2 张发票")
    assert result.stdout == ""


def _on_one_page(path: Path, first: Path, second: Path, *, side_by_side: bool) -> Path:
    """Two invoices' pages drawn on one page, side by side or one above the other, as a printer's 「每张
    纸打印 2 页」 or a scanner's glass lays them out."""
    a, b = PdfReader(first).pages[0], PdfReader(second).pages[0]
    (aw, ah), (bw, bh) = ((float(p.mediabox.width), float(p.mediabox.height)) for p in (a, b))
    if side_by_side:
        page = PageObject.create_blank_page(width=aw + bw, height=max(ah, bh))
        page.merge_page(a)
        page.merge_transformed_page(b, Transformation().translate(aw, 0))
    else:
        page = PageObject.create_blank_page(width=max(aw, bw), height=ah + bh)
        page.merge_transformed_page(a, Transformation().translate(0, bh))
        page.merge_page(b)
    writer = PdfWriter()
    writer.add_page(page)
    writer.write(path)
    return path


@pytest.mark.parametrize("side_by_side", [True, False], ids=["side-by-side", "one-above-the-other"])
def test_two_invoices_on_one_page_are_refused_naming_both(
    side_by_side: bool, tmp_path: Path, data_dir: Path
) -> None:
    """Side by side, the layout read their lines as one invoice's, refused only as its sums did not add
    up; one above the other, the first invoice was read and the second dropped unseen."""
    path = _on_one_page(tmp_path / "一页两张.pdf", OTHER_PDF, PDF_SAMPLE, side_by_side=side_by_side)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 第 1 页似乎含有 2 张发票")
    for name in (OTHER_PDF.name, PDF_SAMPLE.name):
        assert EXPECTED[name]["invoice_no"] in message
    assert "分别" in message and "\n" not in message
    result = shenbao(data_dir, "read", str(path))
    assert_refused(result, str(path), "2 张发票", EXPECTED[PDF_SAMPLE.name]["invoice_no"])
    assert result.stdout == ""


def test_one_invoice_twice_on_one_page_is_refused_as_such(tmp_path: Path) -> None:
    path = _on_one_page(tmp_path / "一页两份.pdf", PDF_SAMPLE, PDF_SAMPLE, side_by_side=True)
    with pytest.raises(
        DocumentError, match=f"同一张发票 {EXPECTED[PDF_SAMPLE.name]['invoice_no']} 出现 2 次"
    ):
        read_document(path)


def test_a_red_letter_invoice_naming_the_one_it_cancels_is_one_invoice(tmp_path: Path) -> None:
    """Its 备注 gives the cancelled invoice's number after a label of its own (被红冲蓝字数电发票号码)."""
    path = _two_pages(tmp_path / "红字.pdf", remark="备注：被红冲蓝字数电发票号码：25322000000337005189")
    reading = read_document(path)
    assert reading.invoice.invoice_no == "26342000001798762786"


def test_one_invoice_printed_twice_in_one_pdf_is_refused_as_such(tmp_path: Path) -> None:
    twice = _merged(tmp_path / "打印两份.pdf", OTHER_PDF, OTHER_PDF)
    with pytest.raises(DocumentError, match="同一张发票.*2 次"):
        read_document(twice)


def _two_pages(path: Path, remark: str = "") -> Path:
    """One 数电 invoice of two items printed on two pages, each page with the invoice's header and one
    item, the totals on the last: as a long invoice is printed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    header = [
        [(50, "电子发票（普通发票）"), (400, "发票号码：26342000001798762786")],
        [(400, "开票日期：2026年06月10日")],
        [
            (50, "购"),
            (70, "名称：江苏苏豪天鹏农产品集团有限公司"),
            (300, "销"),
            (320, "名称：安元科技股份有限公司"),
        ],
        [
            (70, "统一社会信用代码/纳税人识别号：9132020013590404XW"),
            (320, "统一社会信用代码/纳税人识别号：91320106751253359F"),
        ],
        [(50, "项目名称"), (200, "金额"), (300, "税率/征收率"), (400, "税额")],
    ]
    pages = [
        [[(50, "*信息技术服务*算力服务"), (200, "100.00"), (300, "6%"), (400, "6.00")]],
        [
            [(50, "*信息技术服务*存储服务"), (200, "50.00"), (300, "6%"), (400, "3.00")],
            [(50, "合计"), (200, "¥150.00"), (400, "¥9.00")],
            [(50, "价税合计（大写）"), (300, "（小写）¥159.00")],
            [(50, remark)],
        ],
    ]
    sheet = canvas.Canvas(str(path))
    for rows in pages:
        sheet.setFont("STSong-Light", 9)
        for n, row in enumerate(header + rows):
            for x, text in row:
                sheet.drawString(x, 800 - 20 * n, text)
        sheet.showPage()
    sheet.save()
    return path


def test_a_long_invoice_printed_on_two_pages_reads_as_one(tmp_path: Path) -> None:
    reading = read_document(_two_pages(tmp_path / "两页.pdf"))
    assert not reading.failed, [c.message for c in reading.failed]
    invoice = reading.invoice
    assert invoice.invoice_no == "26342000001798762786"
    assert [i.name for i in invoice.items] == ["*信息技术服务*算力服务", "*信息技术服务*存储服务"]
    assert (str(invoice.amount), str(invoice.tax), str(invoice.total)) == ("150.00", "9.00", "159.00")


def _boxes(path: Path) -> list[list[object]]:
    """Each page's words as the recogniser's boxes, as a scan of the page would give them."""
    import pdfplumber

    from shenbao.core.documents.licence import Box

    with pdfplumber.open(path) as pdf:
        return [
            [Box(w["x0"], w["top"], w["x1"], w["bottom"], w["text"]) for w in page.extract_words()]
            for page in pdf.pages
        ]


def test_a_scan_of_two_invoices_is_refused_naming_both_as_the_text_pdf_is() -> None:
    from shenbao.core.documents.scan import invoice_of_pages

    one = invoice_of_pages(_boxes(PDF_SAMPLE))
    assert one.invoice_no == EXPECTED[PDF_SAMPLE.name]["invoice_no"] and not [
        c for c in one.checks() if not c.ok
    ]
    with pytest.raises(DocumentError, match="2 张发票") as caught:
        invoice_of_pages(_boxes(OTHER_PDF) + _boxes(PDF_SAMPLE))
    assert EXPECTED[OTHER_PDF.name]["invoice_no"] in str(caught.value)


@pytest.mark.parametrize("degrees", [90, 180, 270])
@pytest.mark.parametrize("name", [OTHER_PDF.name, PDF_SAMPLE.name])
def test_an_invoice_pdf_saved_turned_reads_as_the_upright_one(
    name: str, degrees: int, tmp_path: Path
) -> None:
    """A viewer's 旋转 then 保存 sets the page's /Rotate: the invoice printed on it is the same."""
    writer = PdfWriter()
    writer.append(PdfReader(FIXTURES / name))
    for page in writer.pages:
        page.rotate(degrees)
    path = tmp_path / f"旋转{degrees}-{name}"
    writer.write(path)
    assert read_document(path).invoice == read_document(FIXTURES / name).invoice


def test_a_scan_of_two_invoices_side_by_side_is_refused_naming_both(tmp_path: Path) -> None:
    from shenbao.core.documents.scan import invoice_of_pages

    path = _on_one_page(tmp_path / "一页两张.pdf", OTHER_PDF, PDF_SAMPLE, side_by_side=True)
    with pytest.raises(DocumentError, match="第 1 页似乎含有 2 张发票") as caught:
        invoice_of_pages(_boxes(path))
    for name in (OTHER_PDF.name, PDF_SAMPLE.name):
        assert EXPECTED[name]["invoice_no"] in str(caught.value)
