"""The rules of adding read invoices to a profile, without the store: duplicates, buyers, the claimed
year, what looks like computing, red letters, and the signed amounts the profile accepts for them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from shenbao.core.documents import read_bytes, read_document
from shenbao.core.documents.intake import IntakeRefused, add_invoices, claimed_year, looks_like_compute
from shenbao.core.model import ProfileErrors, parse_profile
from tests.documents.helpers import BUYER, FIXTURES, xml_with

ANXIE = FIXTURES / "anxie_25322000000365404822_250.00.xml"
OLD_XML = FIXTURES / "old_fp_original_invoice_from_增值税电子专票5.xml"
OLD_OFD = FIXTURES / "easyofd_增值税电子专票5.ofd"
OLD_BUYER = "91522701709696623X"


def _doc(uscc: str = BUYER, rows: list | None = None) -> dict:
    return {"enterprise": {"name": "测试企业", "uscc": uscc}, "facts": {"compute_invoices": rows or []}}


def test_the_same_older_invoice_as_xml_and_as_ofd_is_one_invoice() -> None:
    first = add_invoices(_doc(OLD_BUYER), [read_document(OLD_XML)])
    assert first.added[0]["invoice_code"] == "052002100113"
    with pytest.raises(IntakeRefused, match="052002100113、00008006") as caught:
        add_invoices(first.document, [read_document(OLD_OFD)])
    assert caught.value.reason == "duplicate"


def test_an_older_number_under_another_code_is_another_invoice() -> None:
    typed = {
        "supplier": "某公司",
        "invoice_no": "00008006",
        "date": "2022-05-01",
        "amount": 1,
        "invoice_code": "011002100111",
    }
    intake = add_invoices(_doc(OLD_BUYER, [typed]), [read_document(OLD_XML)])
    assert len(intake.document["facts"]["compute_invoices"]) == 2


def test_a_typed_row_without_code_counts_as_the_same_number() -> None:
    typed = {"supplier": "某公司", "invoice_no": "00008006", "date": "2022-05-01", "amount": 1}
    with pytest.raises(IntakeRefused, match="已在"):
        add_invoices(_doc(OLD_BUYER, [typed]), [read_document(OLD_XML)])


def test_nothing_is_changed_when_one_file_is_refused() -> None:
    doc = _doc()
    with pytest.raises(IntakeRefused):
        add_invoices(doc, [read_document(ANXIE), read_document(OLD_XML)])
    assert doc == _doc()


def test_other_buyer_refused_unless_allowed_and_individual_buyers_too() -> None:
    with pytest.raises(IntakeRefused, match="不是本企业") as caught:
        add_invoices(_doc("91350100M000100Y43"), [read_document(ANXIE)])
    assert caught.value.reason == "buyer"
    allowed = add_invoices(_doc("91350100M000100Y43"), [read_document(ANXIE)], allow_other_buyer=True)
    assert any("已按允许加入" in w for w in allowed.warnings)
    individual = read_bytes(xml_with({"<BuyerIdNum>9132020013590404XW</BuyerIdNum>": ""}), "个人.xml")
    with pytest.raises(IntakeRefused, match="无纳税人识别号"):
        add_invoices(_doc(), [individual])


def test_an_invoice_failing_its_checks_is_refused() -> None:
    wrong = read_bytes(
        xml_with({"<TotalTaxAm>14.15</TotalTaxAm>": "<TotalTaxAm>14.25</TotalTaxAm>"}), "x.xml"
    )
    with pytest.raises(IntakeRefused, match="核对未通过") as caught:
        add_invoices(_doc(), [wrong])
    assert caught.value.reason == "checks"


def test_the_claimed_year_is_the_lists_own_else_last_year() -> None:
    assert claimed_year([], dt.date(2026, 3, 1)) == 2025
    rows = [{"date": "2024-01-02"}, {"date": "2024-12-31"}, {"date": "2025-01-01"}]
    assert claimed_year(rows, dt.date(2026, 3, 1)) == 2024
    on_edges = add_invoices(_doc(), [read_document(ANXIE)], year=2025)
    assert not any("申报年度" in w for w in on_edges.warnings)
    outside = add_invoices(_doc(), [read_document(ANXIE)], year=2024)
    assert any("2025-08-08 不在申报年度 2024 年内" in w for w in outside.warnings)


@pytest.mark.parametrize(
    ("name", "compute"),
    [
        ("*信息技术服务*GPU 算力租赁", True),
        ("*现代服务*云服务器", True),
        ("*信息技术服务*技术服务费", True),
        ("*非学历教育服务*培训费", False),
        ("*电子计算机*路由器", False),
        ("*餐饮服务*餐费", False),
    ],
)
def test_what_looks_like_computing_is_data(name: str, compute: bool) -> None:
    assert looks_like_compute([name]) is compute


def test_profile_accepts_negative_invoice_amounts_but_not_a_negative_total() -> None:
    rows = [
        {"supplier": "甲", "invoice_no": "1", "date": "2025-01-01", "amount": 1000},
        {"supplier": "甲", "invoice_no": "2", "date": "2025-02-01", "amount": -250.5},
    ]
    profile = parse_profile(_doc(rows=rows))
    assert profile.facts["compute_purchase_amount"] == Decimal("749.5")
    with pytest.raises(ProfileErrors, match="不能为负"):
        parse_profile(_doc(rows=rows[1:]))
    items = {
        "enterprise": {"name": "x"},
        "facts": {"platform_investment_items": [{"item": "a", "amount": -1}]},
    }
    with pytest.raises(ProfileErrors, match="不小于 0"):
        parse_profile(items)


def test_a_typed_total_gives_way_to_the_invoice_list_with_a_warning() -> None:
    doc = _doc()
    doc["facts"]["compute_purchase_amount"] = 250000
    intake = add_invoices(doc, [read_document(ANXIE)])
    assert "compute_purchase_amount" not in intake.document["facts"]
    assert any("原填 250,000.00 元" in w for w in intake.warnings)
    assert parse_profile(intake.document).facts["compute_purchase_amount"] == Decimal("250")


def test_a_file_chosen_twice_is_said_to_be_chosen_twice() -> None:
    """「a.xml: 与 a.xml 是同一张发票」 said that a file was the same invoice as itself."""
    intake = add_invoices(_doc(OLD_BUYER), [read_document(OLD_XML), read_document(OLD_XML)])
    assert len(intake.added) == 1
    assert [str(w) for w in intake.warnings if "已选过" in w] == [
        f"{OLD_XML.name}: 这张发票（052002100113、00008006）已选过一次，只计入一次"
    ]


def test_the_same_invoice_in_two_formats_in_one_batch_counts_once() -> None:
    """The tax platform hands out each invoice as XML, OFD and PDF; adding the folder adds each once."""
    intake = add_invoices(_doc(OLD_BUYER), [read_document(OLD_XML), read_document(OLD_OFD)])
    rows = intake.document["facts"]["compute_invoices"]
    assert [(r["invoice_code"], r["invoice_no"], r["amount"]) for r in rows] == [
        ("052002100113", "00008006", 25254.62)
    ]
    assert [r["source"]["file"] for r in intake.added] == [OLD_XML.name]
    said = [w for w in intake.warnings if OLD_OFD.name in w]
    assert said == [f"{OLD_OFD.name}: 与 {OLD_XML.name} 是同一张发票（052002100113、00008006），只计入一次"]
    assert parse_profile(intake.document).facts["compute_purchase_amount"] == Decimal("25254.62")


def test_two_files_with_one_number_but_other_figures_are_refused() -> None:
    other = read_bytes(
        xml_with({"<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>250.00"}), "a.xml"
    )
    changed = read_bytes(
        xml_with(
            {
                "<TotalAmWithoutTax>235.85": "<TotalAmWithoutTax>1235.85",
                "<TotalTax-includedAmount>250.00": "<TotalTax-includedAmount>1250.00",
                "<Amount>235.85": "<Amount>1235.85",
            }
        ),
        "b.xml",
    )
    with pytest.raises(IntakeRefused, match="b.xml.*a.xml.*不一致") as caught:
        add_invoices(_doc(), [other, changed])
    assert caught.value.reason == "duplicate"


def test_a_seller_name_read_another_way_is_still_the_same_invoice() -> None:
    spaced = read_bytes(
        xml_with({"<SellerName>无锡市安协安全培训中心": "<SellerName>无锡市安协 安全培训中心"}), "b.pdf.xml"
    )
    intake = add_invoices(_doc(), [read_document(ANXIE), spaced])
    assert [r["supplier"] for r in intake.document["facts"]["compute_invoices"]] == ["无锡市安协安全培训中心"]
    assert any("只计入一次" in w for w in intake.warnings)


def test_a_warning_about_many_items_names_a_few_and_counts_the_rest() -> None:
    from shenbao.core.documents.invoice import Item

    reading = read_bytes((FIXTURES / "anxie_25322000000365404822_250.00.xml").read_bytes(), "多明细.xml")
    reading.invoice.items = [Item(f"*餐饮服务*第{n}份餐费", Decimal("0.01")) for n in range(2_000)]
    reading.invoice.amount = Decimal("20.00")
    reading.invoice.tax = Decimal("230.00")
    intake = add_invoices({"enterprise": {"uscc": BUYER}, "facts": {}}, [reading], year=2025)
    (warning,) = [str(w) for w in intake.warnings if "算力" in str(w)]
    assert "*餐饮服务*第0份餐费" in warning and "等 2000 项" in warning and len(warning) < 300
