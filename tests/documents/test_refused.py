"""Malformed, truncated, foreign and hostile files are refused in one line naming the file; the rules a
bundle applies to its zip apply to an OFD."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from shenbao.core.documents import DocumentError, ScannedDocument, read_bytes, read_document
from shenbao.core.safezip import UnsafeZip, ZipLimits, read_zip
from tests.documents.helpers import OFD_SAMPLE, PDF_SAMPLE, XML_SAMPLE, members, rezip
from tests.store.factory import assert_refused, cli_env


def _refused(data: bytes, tmp_path: Path, expect: type[Exception] = DocumentError) -> str:
    path = tmp_path / "invoice.bin"
    path.write_bytes(data)
    with pytest.raises(expect) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and "Traceback" not in message
    return message


def _zip_with(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns on the duplicate names these tests write on purpose
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, body in entries:
                archive.writestr(info, body)
    return buf.getvalue()


def _ofd_plus(name: str | zipfile.ZipInfo, body: bytes = b"x") -> bytes:
    return _zip_with([*members(OFD_SAMPLE).items(), (name, body)])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "文件为空"),
        (b"\x00\x01garbage" * 50, "不是发票文件"),
        (XML_SAMPLE.read_bytes()[:1500], "XML 在第 39 行第 41 列中断：文件不完整"),
        (b"<html><body>hello</body></html>", "不是税务平台的发票"),
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><EInvoice>&b;</EInvoice>',
            "DTD",
        ),
        (OFD_SAMPLE.read_bytes()[:5000], "OFD 文件不完整"),
        (PDF_SAMPLE.read_bytes()[:4000], "PDF 文件不完整"),
        (rezip({"mimetype": b"application/epub+zip", "content.xml": b"<a/>"}), "缺少 OFD.xml"),
        (rezip({"OFD.xml": b"<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>"}), "没有发票数据"),
    ],
    ids=[
        "empty",
        "garbage",
        "truncated-xml",
        "foreign-xml",
        "dtd",
        "truncated-ofd",
        "truncated-pdf",
        "foreign-zip",
        "empty-ofd",
    ],
)
def test_bad_files_are_refused_in_one_line(data: bytes, words: str, tmp_path: Path) -> None:
    assert words in _refused(data, tmp_path)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("../../evil.xml", "路径不安全"),
        ("/etc/evil.xml", "路径不安全"),
        ("Doc_0\\..\\evil.xml", "路径不安全"),
        ("C:/evil.xml", "路径不安全"),
        ("OFD.xml", "重复"),
    ],
)
def test_hostile_member_names_are_refused(entry: str, words: str, tmp_path: Path) -> None:
    assert words in _refused(_ofd_plus(entry), tmp_path)


def test_a_link_member_is_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("Doc_0/link.xml")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert "路径不安全" in _refused(_ofd_plus(link, b"/etc/passwd"), tmp_path)


def test_an_encrypted_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(OFD_SAMPLE.read_bytes())
    # set bit 0 (encrypted) of the general-purpose flags in every local and central header
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    assert "已加密" in _refused(bytes(data), tmp_path)


def test_a_corrupt_deflate_stream_is_refused(tmp_path: Path) -> None:
    files = members(OFD_SAMPLE)
    data = bytearray(rezip(files))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("Doc_0/Tpls/Tpl_0/Content.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + 20
    data[start : start + 40] = b"\xff" * 40
    assert "压缩包已损坏" in _refused(bytes(data), tmp_path)


def test_a_compression_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    assert "过大" in _refused(_ofd_plus("Doc_0/Res/bomb.xml", b"\0" * (17 * 1024 * 1024)), tmp_path)


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    data = _zip_with([("OFD.xml", b"<a/>"), *((f"Doc_0/Res/{i}.png", b"") for i in range(5001))])
    assert "成员过多" in _refused(data, tmp_path)


def test_safezip_limits_member_size_ratio_and_total() -> None:
    data = _zip_with([("a", b"0123456789" * 20), ("b", b"x" * 150)])
    with pytest.raises(UnsafeZip, match="过大"):
        read_zip(data, ZipLimits(max_member=100))
    with pytest.raises(UnsafeZip, match="内容过大"):
        read_zip(data, ZipLimits(max_total=300))
    with pytest.raises(UnsafeZip, match="成员过多"):
        read_zip(data, ZipLimits(max_members=1))
    assert read_zip(data) == {"a": b"0123456789" * 20, "b": b"x" * 150}


def test_a_pdf_without_text_is_reported_as_a_scan(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.rect(50, 50, 400, 300, fill=1)
    page.save()
    from shenbao.core.documents.licence import ocr_available

    if ocr_available():  # recognised, and nothing of an invoice found on it
        assert "没有识别出发票号码" in _refused(buf.getvalue(), tmp_path)
    else:
        message = _refused(buf.getvalue(), tmp_path, ScannedDocument)
        assert "没有文字层" in message and "pip install 'shenbao[ocr]'" in message


def test_a_pdf_that_is_not_an_invoice_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    page = canvas.Canvas(buf)
    page.drawString(72, 720, "Minutes of the annual meeting, nothing to declare here at all.")
    page.save()
    assert "没有找到发票号码" in _refused(buf.getvalue(), tmp_path)


def test_a_photo_needs_recognition_and_says_how_to_get_it(tmp_path: Path) -> None:
    from shenbao.core.documents.licence import ocr_available

    photo = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    if ocr_available():
        assert "图片已损坏" in _refused(photo, tmp_path)
    else:
        message = _refused(photo, tmp_path, ScannedDocument)
        assert "图片" in message and "pip install 'shenbao[ocr]'" in message


def test_missing_file_and_folder_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="文件不存在"):
        read_document(tmp_path / "nothing.ofd")
    with pytest.raises(DocumentError, match="文件夹"):
        read_document(tmp_path)


def test_reading_bytes_never_needs_a_file_name() -> None:
    assert read_bytes(XML_SAMPLE.read_bytes()).invoice.invoice_no == "25322000000365404822"


def _read_limited(data_dir: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """`shenbao read PATH` with 1 GB of address space and 30 seconds: what a reader without bounds
    would exceed on a file that never ends."""

    def limit() -> None:
        import resource  # POSIX only, as are the files these tests make

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "shenbao", "read", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**cli_env(data_dir), "PYTHONIOENCODING": "utf-8"},
        timeout=30,
        stdin=subprocess.DEVNULL,
        preexec_fn=limit,
    )


@pytest.mark.skipif(os.name != "posix", reason="a device file that never ends, and resource limits")
def test_a_device_that_never_ends_is_refused_in_one_line(data_dir: Path) -> None:
    result = _read_limited(data_dir, Path("/dev/zero"))
    assert_refused(result, "/dev/zero", "不是普通文件")


@pytest.mark.skipif(os.name != "posix", reason="named pipes, and resource limits")
def test_a_named_pipe_is_refused_at_once_not_waited_on(data_dir: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "发票.xml"
    os.mkfifo(pipe)
    result = _read_limited(data_dir, pipe)
    assert_refused(result, str(pipe), "不是普通文件")
