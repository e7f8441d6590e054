"""Scans read by optical recognition, with the `ocr` extra: a photo (JPG, PNG…) or a PDF without a text
layer is turned into text lines, then read as an invoice when it says so (发票号码, 价税合计) and as a
营业执照 otherwise.

An invoice scan is read by the same layout as a PDF with a text layer (`pdf_invoice`): the recognised
lines are cut into words at their spaces and put on the PDF's scale (points, told from the height of the
text), so the buyer and seller blocks, the item rows and the totals are found the same way, and the same
checks run (amount + tax = total, GB 32100 tax ids, the number's length). Whatever is read from a scan
is a proposal: the caller shows it for the user to confirm against the paper before it is kept.
"""

from __future__ import annotations

import io
import statistics

from shenbao.core.documents.invoice import DocumentError, Invoice
from shenbao.core.documents.licence import MAX_PIXELS, OCR_ADDS, Box, Licence, ocr_available, recognise
from shenbao.core.documents.pdf_invoice import (
    INVOICE_WORDS,
    ScannedDocument,
    Word,
    _one_invoice,
    _read_page,
    pdf_reason,
)
from shenbao.core.phrases import Phrase

PDF_DPI = 200
MAX_PAGES = 4
TEXT_HEIGHT = 12.5  # points: how tall a recognised line of an invoice's body text is at PDF scale
PADDING = 1.5  # points a recognised box reaches beyond its text on each side
# What reading a scan says, by name: core strings written as Phrases (core.phrases), `ocr` after what the
# file is (a Phrase of `image` or `no_text`) and how to add recognition (core.ocr.OCR_ADDS).
SCAN_MESSAGES = {
    "ocr": "{what}，需要识别（OCR）才能读取。{adds}",
    "image": "这是一张图片",
    "no_text": "PDF 没有文字层（扫描件或图片）",
    "pages": "PDF 有 {count} 页，不像一张发票",
    "page_large": "PDF 第 {page} 页页面过大（按 {dpi} dpi 为 {width}×{height} 像素），不像一张发票",
    "nothing": "图片中没有识别出发票或营业执照的内容",
    "not_invoice": "扫描件中没有识别出发票号码和价税合计，不像一张发票",
    "no_number": "扫描件中没有识别出发票号码",
    "recognised": "识别自扫描件，须逐项对照原件核对",
}


def _need_ocr(what: str) -> None:
    if not ocr_available():
        said = Phrase(SCAN_MESSAGES["ocr"], what=Phrase(SCAN_MESSAGES[what]), adds=Phrase(OCR_ADDS))
        raise ScannedDocument(said)


def pdf_page_images(data: bytes) -> list[bytes]:
    """Each page of a PDF drawn as a PNG at PDF_DPI, for the recogniser."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise DocumentError(pdf_reason(err)) from None
    if len(pdf) > MAX_PAGES:
        raise DocumentError(Phrase(SCAN_MESSAGES["pages"], count=len(pdf)))
    images = []
    for index in range(len(pdf)):
        width, height = (round(side * PDF_DPI / 72) for side in pdf[index].get_size())
        if width * height > MAX_PIXELS:
            raise DocumentError(
                Phrase(SCAN_MESSAGES["page_large"], page=index + 1, dpi=PDF_DPI, width=width, height=height)
            )
        buffer = io.BytesIO()
        pdf[index].render(scale=PDF_DPI / 72).to_pil().save(buffer, "PNG")
        images.append(buffer.getvalue())
    return images


def looks_like_invoice(boxes: list[Box]) -> bool:
    text = "".join(b.text for b in boxes)
    return sum(word in text for word in INVOICE_WORDS) >= 2


def read_image(data: bytes) -> Invoice | Licence:
    """A photo or a scanned page: an invoice when it reads as one, else a 营业执照."""
    _need_ocr("image")
    boxes = recognise(data)
    if looks_like_invoice(boxes):
        return invoice_of_pages([boxes])
    from shenbao.core.documents.licence import read_licence_boxes

    licence = read_licence_boxes(boxes)
    if not any(licence.fields.get(k) for k in ("uscc", "name")):
        raise DocumentError(Phrase(SCAN_MESSAGES["nothing"]))
    return licence


def read_scanned_pdf(data: bytes) -> Invoice:
    """A PDF without a text layer, each page recognised and read as an invoice."""
    _need_ocr("no_text")
    pages = [recognise(image) for image in pdf_page_images(data)]
    if not any(looks_like_invoice(boxes) for boxes in pages):
        raise DocumentError(Phrase(SCAN_MESSAGES["not_invoice"]))
    return invoice_of_pages(pages)


def invoice_of_pages(pages: list[list[Box]]) -> Invoice:
    words = [words_of(boxes) for boxes in pages]
    _one_invoice(words)  # a scan of several invoices is refused as a PDF of them is
    invoice = Invoice()
    for page in words:
        _read_page(page, invoice)
    if not invoice.invoice_no:
        raise DocumentError(Phrase(SCAN_MESSAGES["no_number"]))
    invoice = invoice.finish()
    invoice.warnings.insert(0, Phrase(SCAN_MESSAGES["recognised"]))
    return invoice


def words_of(boxes: list[Box]) -> list[Word]:
    """The recognised lines as the PDF reader's words: split at spaces (each part given its share of
    the line's width by its number of characters) and scaled to points."""
    heights = [b.height for b in boxes if b.height > 0]
    scale = (statistics.median(heights) / TEXT_HEIGHT) if heights else 1.0
    words: list[Word] = []
    for box in boxes:
        parts = box.text.split()
        if not parts:
            continue
        width = (box.x1 - box.x0) / max(len(box.text), 1)
        start = 0
        for part in parts:
            at = box.text.index(part, start)
            start = at + len(part)
            x0, x1 = (box.x0 + width * at) / scale, (box.x0 + width * start) / scale
            inset = min(PADDING, (x1 - x0) / 4)  # the recogniser's boxes overrun the ink a little
            words.append(Word(part, x0 + inset, x1 - inset, box.y0 / scale))
    return words
