"""An invoice file cut short or damaged is refused with a reason in Chinese that says what to do — get the
file again — keeping the position a parser gives (XML's line and column), never the parser's English
(「partial character: line 39, column 40」, 「Unexpected EOF」, 「File is not a zip file」). A PDF read in
spite of damage says so as a warning of the reading, and nothing of pdfminer's log reaches the terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from shenbao.core.documents import DocumentError, read_bytes
from tests.documents.helpers import FIXTURES, XML_SAMPLE
from tests.store.factory import refusal_reason, shenbao

PDF = FIXTURES / "7.22底座.pdf"
OFD = FIXTURES / "ofdrw_1.ofd"
TRUNCATED = "文件不完整（可能下载或复制时被截断），请重新获取原文件"


@pytest.mark.parametrize(
    ("sample", "size", "said"),
    [
        (XML_SAMPLE, 1500, f"XML 在第 39 行第 41 列中断：{TRUNCATED}"),  # within a character of a bank name
        (PDF, 3000, f"PDF {TRUNCATED}"),
        (OFD, 2000, f"OFD {TRUNCATED}"),
    ],
    ids=["xml", "pdf", "ofd"],
)
def test_an_invoice_cut_short_is_said_so(
    data_dir: Path, tmp_path: Path, sample: Path, size: int, said: str
) -> None:
    path = tmp_path / f"cut{sample.suffix}"
    path.write_bytes(sample.read_bytes()[:size])
    assert refusal_reason(shenbao(data_dir, "read", str(path)), path) == said


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("</SellerName>", "</Seller>"), "开始标签与结束标签不配对"),
        (("<SellerName>", "<SellerName>&"), "含有不允许的字符"),
        (("</EInvoice>", "</EInvoice><EInvoice/>"), "根元素之后还有内容"),
    ],
    ids=["mismatched-tag", "stray-ampersand", "second-root"],
)
def test_a_changed_xml_invoice_names_the_place_and_the_fault(change: tuple[str, str], words: str) -> None:
    text = XML_SAMPLE.read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(DocumentError) as caught:
        read_bytes(text.replace(change[0], change[1], 1).encode("utf-8"))
    message = caught.value.message
    assert re.fullmatch(rf"XML 第 \d+ 行第 \d+ 列格式错误（{words}）；请使用税务平台下发的原文件", message)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            XML_SAMPLE.read_bytes().replace(b'encoding="utf-8"', b'encoding="klingon-8"', 1),
            "XML 声明了无法识别的编码 klingon-8",
        ),
        (PDF.read_bytes().replace(b"/Root", b"/Rook"), "PDF 已损坏或无法解析，请重新获取原文件"),
    ],
    ids=["unknown-encoding", "pdf-without-catalogue"],
)
def test_what_a_parser_refuses_is_said_in_words(data: bytes, said: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(data)
    assert caught.value.message == said


def test_an_ofd_with_a_changed_byte_is_said_to_be_damaged(data_dir: Path, tmp_path: Path) -> None:
    data = bytearray(OFD.read_bytes())
    for at in range(len(data) // 4, len(data), len(data) // 8):  # within members, their data or headers
        data[at] ^= 0x01
        path = tmp_path / f"changed-{at}.ofd"
        path.write_bytes(bytes(data))
        data[at] ^= 0x01
        assert "损坏" in refusal_reason(shenbao(data_dir, "read", str(path)), path)


def test_a_pdf_read_in_spite_of_damage_warns_in_chinese_and_keeps_pdfminer_quiet(
    data_dir: Path, tmp_path: Path
) -> None:
    data = bytearray(PDF.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200] = b"A" * 200  # the tail of a compressed stream, past what its text needs
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    result = shenbao(data_dir, "read", str(path), "--format", "json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    [reading] = json.loads(result.stdout)
    assert reading["fields"]["invoice_no"] == "25322000000337005189"
    assert reading["fields"]["total"] == "8819.60"
    assert "PDF 中有部分数据已损坏，读出的内容请对照原件核对" in reading["warnings"]


def test_an_undamaged_pdf_has_no_damage_warning() -> None:
    reading = read_bytes(PDF.read_bytes())
    assert not any("损坏" in w for w in reading.to_dict()["warnings"])
