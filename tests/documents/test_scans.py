"""Scanned invoices — a photo, a PDF without a text layer — read through the same recognition as a
营业执照 when the `ocr` extra is installed, every field a proposal the user confirms before it is kept;
without the extra, reported as a scan with the way to add it.

The scans are made here from the sample PDFs with a text layer: each page drawn as a picture (pypdfium2,
which pdfplumber brings), saved as a PNG, or as a PDF holding only that picture."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shenbao.core.documents import LicenceReading, Reading, ScannedDocument, read_document
from shenbao.core.documents.intake import IntakeRefused, add_invoices
from shenbao.core.documents.licence import ocr_available
from tests.documents.helpers import BUYER, EXPECTED, PHOTOGRAPHED, XML_SAMPLE, as_png, as_scanned_pdf

needs_ocr = pytest.mark.skipif(
    not ocr_available(),
    reason="reading scans needs the ocr extra: pip install 'shenbao[ocr]' (or run make test-ocr)",
)
SCANNED = "7.22底座.pdf"


def fields_as_expected(reading: Reading) -> dict[str, object]:
    fields = reading.to_dict()["fields"]
    out = {k: fields[k] for k in EXPECTED[SCANNED] if k != "items"}
    out["items"] = [i["name"] for i in fields["items"]]
    return out


def test_without_the_extra_a_scanned_pdf_is_reported_as_a_scan_with_the_way_to_read_it(
    without_ocr: None, tmp_path: Path
) -> None:
    scan = as_scanned_pdf(SCANNED, tmp_path)
    with pytest.raises(ScannedDocument) as caught:
        read_document(scan)
    message = str(caught.value)
    assert message.startswith(f"{scan}: ") and "没有文字层" in message and "\n" not in message
    assert "pip install 'shenbao[ocr]'" in message and "390 MB" in message


def test_a_scan_its_app_stamped_a_line_on_is_still_a_scan(without_ocr: None, tmp_path: Path) -> None:
    """A phone's scanning app prints its own line on each page (「Scanned with CamScanner」): that text
    made the PDF pass for one with a text layer, and it was refused as 「不是税务平台的发票」, never read
    as the scan it is (nor, without the extra, told how it could be)."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from tests.documents.helpers import page_picture

    picture = page_picture(SCANNED)
    width, height = picture.size  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width * 72 / 200, height * 72 / 200))
    page.drawImage(ImageReader(picture), 0, 0, width * 72 / 200, height * 72 / 200)
    page.setFont("Helvetica", 8)
    page.drawString(10, 10, "Scanned with CamScanner - www.camscanner.com")
    page.save()
    scan = tmp_path / "扫描全能王 2025-07-22.pdf"
    scan.write_bytes(buffer.getvalue())
    with pytest.raises(ScannedDocument) as caught:
        read_document(scan)
    assert "没有文字层" in str(caught.value) and "pip install 'shenbao[ocr]'" in str(caught.value)


def test_without_the_extra_a_photo_is_reported_with_the_way_to_read_it(
    without_ocr: None, tmp_path: Path
) -> None:
    photo = as_png(PHOTOGRAPHED, tmp_path)
    with pytest.raises(ScannedDocument, match=r"图片.*pip install 'shenbao\[ocr\]'"):
        read_document(photo)


def test_an_invoice_read_from_a_scan_is_added_only_once_confirmed() -> None:
    """The intake's own rule, on a reading marked as recognised (the XML sample's fields)."""
    reading = dataclasses.replace(read_document(XML_SAMPLE), recognised=True)  # type: ignore[type-var]
    document = {"enterprise": {"uscc": BUYER}, "facts": {}}
    with pytest.raises(IntakeRefused) as refused:
        add_invoices(document, [reading])
    assert refused.value.reason == "recognised" and "核对确认" in refused.value.message
    intake = add_invoices(document, [reading], accept_recognised=True)
    (row,) = intake.added
    assert row["source"]["recognised"] is True and row["source"]["sha256"] == reading.sha256


@needs_ocr
@pytest.mark.slow
def test_a_pdf_without_a_text_layer_is_read_as_proposals(tmp_path: Path) -> None:
    reading = read_document(as_scanned_pdf(SCANNED, tmp_path))
    assert isinstance(reading, Reading) and reading.recognised and reading.format == "pdf"
    assert fields_as_expected(reading) == EXPECTED[SCANNED]
    assert all(c.ok for c in reading.checks), reading.failed
    assert "核对" in reading.to_dict()["warnings"][0]


@needs_ocr
@pytest.mark.slow
def test_a_photo_of_an_invoice_is_read_as_an_invoice_not_a_licence(tmp_path: Path) -> None:
    reading = read_document(as_png(PHOTOGRAPHED, tmp_path))
    assert not isinstance(reading, LicenceReading)
    assert isinstance(reading, Reading) and reading.recognised and reading.format == "image"
    fields = reading.to_dict()["fields"]
    expected = EXPECTED[PHOTOGRAPHED]
    assert {k: fields[k] for k in ("invoice_no", "date", "seller_tax_id", "buyer_tax_id", "total")} == {
        k: expected[k] for k in ("invoice_no", "date", "seller_tax_id", "buyer_tax_id", "total")
    }
    assert all(c.ok for c in reading.checks), reading.failed
