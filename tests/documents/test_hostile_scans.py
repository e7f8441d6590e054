"""A photo or a scanned page is decoded into pixels before it is recognised: a few hundred bytes of PNG
can claim ten billion of them, and a PDF page can be drawn metres wide. Each is refused by its size,
read from the file's header, before any pixel is decoded — the recognition extra itself never loads."""

from __future__ import annotations

import struct
import sys
import zlib

import pytest

from shenbao.core.documents import DocumentError, licence, read_bytes, scan


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _pdf_page(width: float, height: float) -> bytes:
    """One page of `width` × `height` points with no text: a scan, as far as a reader can tell."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents 4 0 R >>".encode(),
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


@pytest.fixture
def pretend_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Recognition said to be installed, yet loading it fails: whatever is refused by its size must be
    refused before the extra is needed."""
    monkeypatch.setattr(licence, "ocr_available", lambda: True)
    monkeypatch.setattr(scan, "ocr_available", lambda: True)
    for name in ("cv2", "rapidocr"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (20_000, 10_000), (1, 200_000_000)])
def test_a_photo_of_too_many_pixels_is_refused_before_it_is_decoded(
    pretend_ocr: None, width: int, height: int
) -> None:
    with pytest.raises(DocumentError, match="像素") as caught:
        read_bytes(_png(width, height), "照片.png")
    assert f"{width}×{height}" in str(caught.value)


def test_a_damaged_photo_is_refused_before_recognition_loads(pretend_ocr: None) -> None:
    with pytest.raises(DocumentError, match="图片已损坏"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "坏.png")


def test_a_scanned_page_too_large_to_draw_is_refused_before_it_is_drawn(
    pretend_ocr: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdfium2 as pdfium

    def drawn(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the page was drawn: gigabytes of pixels")

    monkeypatch.setattr(pdfium.PdfPage, "render", drawn)
    with pytest.raises(DocumentError, match="页面过大"):
        read_bytes(_pdf_page(14_400, 14_400), "巨幅.pdf")  # 5 m square: 1.6 billion pixels at 200 dpi


def test_a_scanned_a4_page_is_drawn_for_recognition(pretend_ocr: None) -> None:
    (image,) = scan.pdf_page_images(_pdf_page(595, 842))
    assert image.startswith(b"\x89PNG")
