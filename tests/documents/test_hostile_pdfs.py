"""A PDF is a program for its reader: a few hundred kilobytes can inflate to gigabytes or draw millions of
characters. Each such file is refused by the real `shenbao read` in one line, within the CPU time and
memory every hostile input is held to, and the real invoices still read."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from shenbao.core.documents import read_document
from tests.documents.helpers import FIXTURES, PDF_SAMPLE
from tests.reliability.helpers import assert_refused_cheaply, run_measured


def _spaces_deflated(size: int) -> bytes:
    """`size` spaces, deflated a chunk at a time (the test never holds them all)."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 24)
    return b"".join(squeeze.compress(chunk) for _ in range(size >> 24)) + squeeze.flush()


def _pdf(
    content: bytes,
    *,
    filters: int = 1,
    extra: list[bytes] | None = None,
    resources: bytes = b"",
    deflated: bytes | None = None,
) -> bytes:
    """One page whose content stream is `content` with FlateDecode applied `filters` times (or, when
    given, `deflated`: content deflated once already), and `extra` objects numbered from 6."""
    body = content if deflated is None else deflated
    for _ in range(filters - (deflated is not None)):
        body = zlib.compress(body, 9)
    decode = b"/Filter [" + b"/FlateDecode " * filters + b"] " if filters else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> " + resources + b">> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(body), decode) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra or []),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _form(content: bytes) -> bytes:
    body = zlib.compress(content, 9)
    return (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    )


TEXT = b"BT /F1 1 Tf 10 10 Td (a) Tj ET\n"

HOSTILE: dict[str, Callable[[], bytes]] = {
    # a gigabyte of spaces in one content stream: 1 MB on disk
    "inflates-to-a-gigabyte": lambda: _pdf(b"", deflated=_spaces_deflated(1 << 30)),
    # the same gigabyte behind two layers of FlateDecode: 10 KB on disk
    "inflates-twice": lambda: _pdf(b"", filters=2, deflated=_spaces_deflated(1 << 30)),
    # three million characters drawn one by one: 200 KB on disk
    "millions-of-characters": lambda: _pdf(TEXT * 3_000_000),
    # a small form of a thousand characters drawn a hundred thousand times
    "a-form-drawn-again-and-again": lambda: _pdf(
        b"/Fm0 Do\n" * 100_000, extra=[_form(TEXT * 1000)], resources=b"/XObject << /Fm0 6 0 R >> "
    ),
    # forty megabytes of operators that draw nothing
    "operators-that-draw-nothing": lambda: _pdf(b"q Q\n" * 10_000_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_pdf_costing_its_reader_without_bound_is_refused_in_one_line(case: str, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(HOSTILE[case]())
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert_refused_cheaply(run, str(path), "PDF")
    assert run.stdout == ""


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.pdf")))
def test_the_real_invoices_stay_within_the_bounds(name: str) -> None:
    assert read_document(FIXTURES / name).failed == []


def _encrypted(data: bytes, path: Path, *, algorithm: str = "AES-128", user: str = "") -> Path:
    """`data` encrypted as a platform restricting printing or copying does: it opens without a password
    unless `user` gives one."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
    with path.open("wb") as out:
        writer.write(out)
    return path


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_an_invoice_encrypted_with_an_owner_password_reads_as_the_plain_one(
    tmp_path: Path, algorithm: str
) -> None:
    path = _encrypted(PDF_SAMPLE.read_bytes(), tmp_path / "encrypted.pdf", algorithm=algorithm)
    plain, encrypted = read_document(PDF_SAMPLE), read_document(path)
    assert encrypted.failed == [] and encrypted.invoice == plain.invoice


@pytest.mark.slow
@pytest.mark.parametrize("case", ["inflates-to-a-gigabyte", "inflates-twice"])
def test_an_encrypted_pdf_is_measured_as_its_reader_decrypts_it(case: str, tmp_path: Path) -> None:
    path = _encrypted(HOSTILE[case](), tmp_path / f"{case}-encrypted.pdf")
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert_refused_cheaply(run, str(path), "PDF")
    assert "过大" in run.stderr


def test_a_pdf_that_needs_a_password_is_refused_as_such(tmp_path: Path) -> None:
    path = _encrypted(PDF_SAMPLE.read_bytes(), tmp_path / "locked.pdf", user="secret")
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert_refused_cheaply(run, str(path), "口令")
