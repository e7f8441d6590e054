"""Amounts as a person reads them on an invoice: yuan with at most two decimals, thousands grouped by
three. Anything else is no amount, so the invoice's checks fail rather than a figure being invented."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core.documents import read_bytes
from shenbao.core.documents.intake import IntakeRefused, add_invoices
from shenbao.core.documents.invoice import money, rate_of
from tests.documents.helpers import BUYER, xml_with


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("235.85", Decimal("235.85")),
        ("¥1,800.00", Decimal("1800.00")),
        ("￥ 20,670.00", Decimal("20670.00")),
        ("¥-265.35", Decimal("-265.35")),
        ("-0.5", Decimal("-0.5")),
        ("20000", Decimal("20000")),
        ("1,234,567.89", Decimal("1234567.89")),
    ],
)
def test_amounts_a_person_reads(text: str, value: Decimal) -> None:
    assert money(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "1,0,0,0.00",
        "10,00.00",
        "2.5E+2",
        "1e9",
        "235.855",
        "+250",
        "Infinity",
        "0x10",
        "1_000",
        ".",
        "9" * 40,
        "-" + "9" * 30 + ".99",
        "999,999,999,999,999,999.00",
    ],
)
def test_what_no_person_reads_as_an_amount_is_none(text: str) -> None:
    assert money(text) is None


def test_an_invoice_with_amounts_in_exponent_notation_is_refused(tmp_path: Path) -> None:
    garbage = xml_with(
        {
            "<TotalAmWithoutTax>235.85": "<TotalAmWithoutTax>2.3585E+2",
            "<TotalTaxAm>14.15": "<TotalTaxAm>1.415E+1",
            "<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>2.5E+2",
            "<Amount>235.85": "<Amount>2.3585E+2",
        }
    )
    reading = read_bytes(garbage, "garbage.xml")
    assert reading.invoice.total is None and reading.failed
    doc = {"enterprise": {"name": "测试企业", "uscc": BUYER}, "facts": {"compute_invoices": []}}
    with pytest.raises(IntakeRefused, match="核对未通过"):
        add_invoices(doc, [reading])


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("0.06", "6%"),
        ("0.13", "13%"),
        ("0.015", "1.5%"),
        ("6%", "6%"),
        ("0", "0%"),
        ("免税", "免税"),
        ("***", "*"),
    ],
)
def test_rates_a_person_reads(text: str, rate: str) -> None:
    assert rate_of(text) == rate


@pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity", "1E+999999999", "-0.06"])
def test_a_rate_no_person_reads_as_one_is_shown_as_printed_and_the_file_still_reads(text: str) -> None:
    assert rate_of(text) == text
    reading = read_bytes(xml_with({"<TaxRate>0.06</TaxRate>": f"<TaxRate>{text}</TaxRate>"}))
    assert reading.invoice.items[0].rate == text
    assert reading.invoice.total == Decimal("250.00")


def test_an_invoice_with_a_total_of_forty_digits_reads_and_fails_its_checks(tmp_path: Path) -> None:
    absurd = xml_with({"<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>" + "9" * 40})
    reading = read_bytes(absurd, "absurd.xml")
    assert reading.invoice.total is None  # never amount + tax in place of what the file says
    assert any("价税合计" in c.message and "不是可读的金额" in c.message for c in reading.failed)
    assert reading.to_dict()["fields"]["total"] is None and reading.invoice.warnings == []


def test_an_ofd_whose_custom_data_prints_the_tax_unreadably_fails_its_checks() -> None:
    from tests.documents.helpers import FIXTURES, members, rezip

    files = members(FIXTURES / "fapiao-print_sample.ofd")
    ofd = files["OFD.xml"].decode("utf-8")
    spoiled = ofd.replace('Name="合计税额">2300.88<', 'Name="合计税额">2.30088E+3<')
    assert spoiled != ofd
    reading = read_bytes(rezip({**files, "OFD.xml": spoiled.encode("utf-8")}), "spoiled.ofd")
    assert [c.message for c in reading.failed] == ["OFD.xml 自定义数据中税额 2.30088E+3 不是可读的金额"]


def test_an_item_named_in_megabytes_fails_its_checks_and_is_not_added() -> None:
    reading = read_bytes(
        xml_with({"<ItemName>*非学历教育服务*培训费": "<ItemName>" + "培" * 1_000_000}), "长明细.xml"
    )
    assert [c.message for c in reading.failed] == ["明细名称长 1000000 字，不像发票上的明细（至多 300 字）"]
    with pytest.raises(IntakeRefused, match="明细名称长") as caught:
        add_invoices({"enterprise": {"uscc": BUYER}, "facts": {}}, [reading])
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<EIid>25322000000365404822", "<EIid>" + "2" * 100_000),
        ("<SellerIdNum>52320200509244470T", "<SellerIdNum>" + "5" * 100_000),
    ],
)
def test_a_failed_check_names_an_absurd_value_in_a_few_characters(old: str, new: str) -> None:
    reading = read_bytes(xml_with({old: new}), "长.xml")
    assert reading.failed and all(len(c.message) < 200 for c in reading.checks)


def test_sources_disagreeing_on_an_absurd_value_are_named_in_a_few_characters() -> None:
    from tests.documents.helpers import FIXTURES, members, rezip

    files = members(FIXTURES / "ofdrw_1.ofd")
    attached = files["Doc_0/Attachs/original_invoice.xml"].decode("utf-8")
    spoiled = attached.replace("<fp:SellerName>兰溪市悦济舫餐厅", "<fp:SellerName>" + "兰" * 100_000)
    assert spoiled != attached
    reading = read_bytes(
        rezip({**files, "Doc_0/Attachs/original_invoice.xml": spoiled.encode("utf-8")}), "x.ofd"
    )
    assert any("不一致" in c.message for c in reading.failed)
    assert all(len(c.message) < 400 for c in reading.checks)
