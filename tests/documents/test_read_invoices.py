"""Every sample invoice read into the fields a person reads on it, and the checks every reading runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shenbao.core.documents import DocumentError, read_bytes, read_document
from tests.documents.helpers import (
    EXPECTED,
    FIXTURES,
    OFD_SAMPLE,
    RED_LETTER,
    SAMPLES,
    members,
    rezip,
    xml_with,
)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_reads_as_a_person_reads_it(name: str) -> None:
    reading = read_document(FIXTURES / name)
    fields = reading.to_dict()["fields"]
    expected = EXPECTED[name]
    for key, value in expected.items():
        got = [item["name"] for item in fields["items"]] if key == "items" else fields[key]
        assert got == value, key
    assert reading.failed == [], [c.message for c in reading.failed]
    assert reading.kind == "invoice"
    assert reading.format == name.rsplit(".", 1)[1]
    assert len(reading.sha256) == 64 and fields["red_letter"] is False


@pytest.mark.parametrize("name", SAMPLES)
def test_items_carry_amount_rate_and_tax_that_add_up(name: str) -> None:
    fields = read_document(FIXTURES / name).to_dict()["fields"]
    from decimal import Decimal

    assert sum(Decimal(i["amount"]) for i in fields["items"]) == Decimal(fields["amount"])
    assert all(i["rate"].endswith("%") for i in fields["items"])
    assert sum(Decimal(i["tax"]) for i in fields["items"]) == Decimal(fields["tax"])


def test_older_invoices_have_a_code_and_eight_digits_and_digital_ones_twenty() -> None:
    old = read_document(FIXTURES / "ofdrw_1.ofd").invoice
    assert (old.invoice_code, old.invoice_no) == ("033002000211", "83089647")
    new = read_document(FIXTURES / "fapiao-print_sample.ofd").invoice
    assert new.invoice_code is None and len(new.invoice_no) == 20


def test_ofd_sources_are_cross_checked() -> None:
    checks = {c.name: c for c in read_document(OFD_SAMPLE).checks}
    assert checks["sources_agree"].ok
    assert "附件 XML" in checks["sources_agree"].message and "页面标签" in checks["sources_agree"].message


def test_ofd_whose_sources_disagree_fails_the_check() -> None:
    files = members(OFD_SAMPLE)
    files["OFD.xml"] = files["OFD.xml"].replace(b"24519.05", b"24519.50")
    reading = read_bytes(rezip(files), "changed.ofd")
    failed = {c.name: c.message for c in reading.failed}
    assert (
        "sources_agree" in failed
        and "amount" in failed["sources_agree"]
        and "24519.50" in failed["sources_agree"]
    )


def test_ofd_without_attachment_reads_tags_resolved_to_page_text() -> None:
    files = members(OFD_SAMPLE)
    files = {k: v for k, v in files.items() if "Attachs" not in k}
    reading = read_bytes(rezip(files), "no-attachment.ofd")
    assert reading.invoice.seller_name == "独山县城南网格刘梦阳通讯店"
    assert [i.name for i in reading.invoice.items] == ["*经纪代理服务*经纪代理服务"]
    assert reading.failed == []


def test_a_sum_that_does_not_add_up_fails_its_check() -> None:
    reading = read_bytes(
        xml_with({"<TotalTaxAm>14.15</TotalTaxAm>": "<TotalTaxAm>14.25</TotalTaxAm>"}), "x.xml"
    )
    failed = {c.name: c.message for c in reading.failed}
    assert set(failed) == {"amount_tax_total"}
    assert "235.85" in failed["amount_tax_total"] and "≠" in failed["amount_tax_total"]


def test_items_that_do_not_sum_to_the_amount_fail_their_check() -> None:
    reading = read_bytes(xml_with({"<Amount>235.85</Amount>": "<Amount>235.80</Amount>"}), "x.xml")
    assert {c.name for c in reading.failed} == {"items_sum"}


def test_a_tax_id_breaking_gb32100_fails_its_check() -> None:
    reading = read_bytes(
        xml_with({"<SellerIdNum>52320200509244470T": "<SellerIdNum>52320200509244470X"}), "x.xml"
    )
    failed = {c.name: c.message for c in reading.failed}
    assert set(failed) == {"seller_tax_id"} and "GB 32100" in failed["seller_tax_id"]


def test_a_number_of_the_wrong_length_fails_its_check() -> None:
    reading = read_bytes(xml_with({"<EIid>25322000000365404822": "<EIid>2532200000036540482"}), "x.xml")
    assert "invoice_no" in {c.name for c in reading.failed}


def test_an_individual_buyer_has_no_tax_id_and_that_is_not_a_failure() -> None:
    reading = read_bytes(xml_with({"<BuyerIdNum>9132020013590404XW</BuyerIdNum>": ""}), "x.xml")
    assert reading.invoice.buyer_tax_id is None and reading.failed == []


def test_red_letter_invoice_is_marked_negative_and_warned() -> None:
    data = xml_with(RED_LETTER)
    reading = read_bytes(data, "red.xml")
    fields = reading.to_dict()["fields"]
    assert fields["red_letter"] is True and fields["total"] == "-250.00"
    assert reading.failed == []
    assert any("红字" in w for w in reading.invoice.warnings)


def test_not_taxed_items_have_the_star_rate() -> None:
    reading = read_bytes(xml_with({"<TaxRate>0.06</TaxRate>": "<TaxRate>不征税</TaxRate>"}), "x.xml")
    assert reading.invoice.items[0].rate == "*"


@pytest.mark.parametrize("encoding", ["GBK", "GB2312", "gb18030"])
@pytest.mark.parametrize(
    "name", ["old_fp_original_invoice_from_增值税电子专票5.xml", "anxie_25322000000365404822_250.00.xml"]
)
def test_an_xml_in_a_chinese_encoding_reads_as_its_utf8_twin(
    name: str, encoding: str, tmp_path: Path
) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    declared = re.sub(r'encoding="[^"]+"', f'encoding="{encoding}"', text, count=1)
    assert declared != text
    path = tmp_path / name
    path.write_bytes(declared.encode("gb2312" if encoding == "GB2312" else "gbk"))
    assert read_document(path).invoice == read_document(FIXTURES / name).invoice


def test_an_xml_whose_bytes_are_not_its_declared_encoding_is_refused_in_one_line(tmp_path: Path) -> None:
    text = (FIXTURES / "anxie_25322000000365404822_250.00.xml").read_text(encoding="utf-8")
    path = tmp_path / "乱码.xml"
    path.write_bytes(text.replace('encoding="utf-8"', 'encoding="GBK"').encode("utf-8") + b"\x81")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}: ") and "GBK" in str(caught.value)


def test_a_dtd_spelled_in_another_encoding_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "utf7.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="utf-7"?>+ADw-!DOCTYPE a +AFs-+ADw-!ENTITY x "y"+AD4-+AF0-+AD4-<EInvoice/>'
    )
    with pytest.raises(DocumentError, match="DTD"):
        read_document(path)


UNICODE_FORMS = {  # a text editor's 「Unicode」 and 「Unicode big endian」, and UTF-8 with its mark
    "utf-16-le": (b"\xff\xfe", "UTF-16"),
    "utf-16-be": (b"\xfe\xff", "UTF-16"),
    "utf-8": (b"\xef\xbb\xbf", "UTF-8"),
}


def _re_encoded(name: str, codec: str, folder: Path, mark: bytes | None = None) -> Path:
    default_mark, declared = UNICODE_FORMS[codec]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    text = re.sub(r'encoding="[^"]+"', f'encoding="{declared}"', text, count=1)
    path = folder / name
    path.write_bytes((default_mark if mark is None else mark) + text.encode(codec))
    return path


@pytest.mark.parametrize("codec", sorted(UNICODE_FORMS))
@pytest.mark.parametrize(
    "name", ["old_fp_original_invoice_from_增值税电子专票5.xml", "anxie_25322000000365404822_250.00.xml"]
)
def test_an_xml_saved_as_utf16_or_with_a_byte_order_mark_reads_as_its_utf8_twin(
    name: str, codec: str, tmp_path: Path
) -> None:
    path = _re_encoded(name, codec, tmp_path)
    assert read_document(path).invoice == read_document(FIXTURES / name).invoice


def test_the_command_reads_a_utf16_invoice(tmp_path: Path, data_dir: Path) -> None:
    from tests.store.factory import shenbao

    name = "anxie_25322000000365404822_250.00.xml"
    result = shenbao(data_dir, "read", "--format", "json", str(_re_encoded(name, "utf-16-le", tmp_path)))
    assert result.returncode == 0, result.stderr
    assert f'"invoice_no": "{EXPECTED[name]["invoice_no"]}"' in result.stdout


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_xml_without_its_mark_is_told_by_its_first_characters(codec: str, tmp_path: Path) -> None:
    """XML tells UTF-16 without a mark by how `<?` is spelled in its first four bytes."""
    path = _re_encoded("anxie_25322000000365404822_250.00.xml", codec, tmp_path, mark=b"")
    assert read_document(path).invoice.invoice_no == "25322000000365404822"


UTF16_DTD = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY x "y">]><EInvoice/>'


@pytest.mark.parametrize(
    ("body", "words"),
    [
        # a DTD spelled in UTF-16 is still seen: entity expansion is how XML files attack readers
        (b"\xff\xfe" + UTF16_DTD.encode("utf-16-le"), "DTD"),
        (UTF16_DTD.encode("utf-16-le"), "DTD"),
        # half a character at the end, and a lone surrogate: bytes that are not UTF-16
        (b"\xff\xfe" + "<EInvoice/>".encode("utf-16-le") + b"<", "UTF-16"),
        (b"\xfe\xff" + "<EInvoice>".encode("utf-16-be") + b"\xd8\x00\x00<", "UTF-16"),
        # the mark says one encoding, the declaration another
        (b"\xff\xfe" + '<?xml version="1.0" encoding="GBK"?><EInvoice/>'.encode("utf-16-le"), "GBK"),
    ],
)
def test_a_utf16_xml_that_is_no_plain_invoice_is_refused_in_one_chinese_line(
    body: bytes, words: str, tmp_path: Path
) -> None:
    path = tmp_path / "坏.xml"
    path.write_bytes(body)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and words in message and "\n" not in message
    assert re.search(r"[\u4e00-\u9fff]", message.removeprefix(f"{path}: "))
