"""Sample invoices (real ones, published as test data of open-source invoice tools) and ways to spoil them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "invoices"
EXPECTED: dict[str, dict] = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
SAMPLES = sorted(EXPECTED)
XML_SAMPLE = FIXTURES / "anxie_25322000000365404822_250.00.xml"
OFD_SAMPLE = FIXTURES / "easyofd_增值税电子专票5.ofd"
PDF_SAMPLE = FIXTURES / "住宿费发票-6.8-广德_1785749043248.pdf"
BUYER = "9132020013590404XW"  # the buyer of both 数电 XML samples


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist() if not i.is_dir()}


def rezip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buf.getvalue()


def xml_with(replacements: dict[str, str], source: Path = XML_SAMPLE) -> bytes:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text.encode("utf-8")


# The anxie sample turned into a red-letter invoice that cancels it in full.
RED_LETTER = {
    "<LabelCode>Y</LabelCode>": "<LabelCode>N</LabelCode>",
    "<TotalAmWithoutTax>235.85": "<TotalAmWithoutTax>-235.85",
    "<TotalTaxAm>14.15": "<TotalTaxAm>-14.15",
    "<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>-250.00",
    "<Amount>235.85": "<Amount>-235.85",
    "<ComTaxAm>14.15": "<ComTaxAm>-14.15",
}


# Scans made from the samples with a text layer: a page drawn as a picture (pypdfium2, which pdfplumber
# brings), saved as a PNG or as a PDF holding only that picture.
PHOTOGRAPHED = "住宿费发票-6.8-广德_1785749043248.pdf"


def page_picture(name: str) -> object:
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(FIXTURES / name))[0].render(scale=200 / 72).to_pil()


def as_png(name: str, folder: Path) -> Path:
    path = folder / (Path(name).stem + ".png")
    page_picture(name).save(path, "PNG")  # type: ignore[attr-defined]
    return path


def as_scanned_pdf(name: str, folder: Path) -> Path:
    buffer = io.BytesIO()
    page_picture(name).convert("RGB").save(buffer, "PDF", resolution=200)  # type: ignore[attr-defined]
    path = folder / ("扫描-" + name)
    path.write_bytes(buffer.getvalue())
    return path
