"""The real `shenbao read` and `shenbao invoices add` on the sample invoices and a real data folder."""

from __future__ import annotations

import copy
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from shenbao.core.documents.intake import READ
from shenbao.core.model import parse_profile
from tests.documents.helpers import BUYER, EXPECTED, FIXTURES, RED_LETTER, xml_with
from tests.store.factory import assert_refused, shenbao

ANXIE = FIXTURES / "anxie_25322000000365404822_250.00.xml"
ANYUAN = FIXTURES / "anyuan_26322000004478296111_20670.00.xml"
OTHER = FIXTURES / "fapiao-print_sample.ofd"

TYPED_BY_HAND: dict[str, Any] = {
    "format": "shenbao-profile/1",
    "enterprise": {
        "name": "江苏苏豪天鹏农产品集团有限公司",
        "uscc": BUYER,
        "org_type": "enterprise",
        "province": "江苏省",
        "city": "无锡市",
    },
    "facts": {
        "compute_subsidy_year_index": 1,
        "compute_invoices": [
            {
                "supplier": "无锡市安协安全培训中心",
                "invoice_no": "25322000000365404822",
                "date": "2025-08-08",
                "amount": 250,
            },
            {
                "supplier": "安元科技股份有限公司",
                "invoice_no": "26322000004478296111",
                "date": "2026-06-04",
                "amount": 20670,
            },
        ],
    },
}


def _enterprise(tmp_path: Path, data_dir: Path) -> None:
    empty = copy.deepcopy(TYPED_BY_HAND)
    empty["facts"]["compute_invoices"] = []
    path = tmp_path / "enterprise.json"
    path.write_text(json.dumps(empty, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(path)).returncode == 0


def _show(data_dir: Path) -> dict[str, Any]:
    result = shenbao(data_dir, "profiles", "show", BUYER)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_read_prints_kind_fields_checks_and_warnings_for_every_file(data_dir: Path) -> None:
    names = sorted(EXPECTED)
    result = shenbao(data_dir, "read", *(str(FIXTURES / n) for n in names), "--format", "json")
    assert result.returncode == 0, result.stderr
    readings = json.loads(result.stdout)
    assert [r["file"] for r in readings] == names
    for reading in readings:
        assert reading["kind"] == "invoice"
        assert {k: reading["fields"][k] for k in EXPECTED[reading["file"]] if k != "items"} == {
            k: v for k, v in EXPECTED[reading["file"]].items() if k != "items"
        }
        assert all(c["ok"] for c in reading["checks"]) and reading["warnings"] == []
    text = shenbao(data_dir, "read", str(ANXIE), "--format", "text").stdout
    assert "25322000000365404822" in text and "价税合计 250.00" in text and "✓" in text


def test_read_refuses_an_unreadable_file_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "发票.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    result = shenbao(data_dir, "read", str(bad))
    assert_refused(result, str(bad), "PDF")
    assert result.stdout == ""


def test_invoices_add_gives_the_profile_typed_by_hand_plus_provenance(tmp_path: Path, data_dir: Path) -> None:
    _enterprise(tmp_path, data_dir)
    result = shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANXIE), str(ANYUAN), "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert "已加入 2 张发票" in result.stderr and "价税合计" in result.stderr
    assert "2026-06-04 不在申报年度 2025 年内" in result.stderr
    assert "培训费" in result.stderr and "不是算力或信息技术服务" in result.stderr
    stored = _show(data_dir)
    rows = stored["facts"]["compute_invoices"]
    bare = copy.deepcopy(stored)
    assert bare.pop("provenance")["enterprise.name"]["file"] == "enterprise.json"  # the import's record
    bare["facts"]["compute_invoices"] = [{k: v for k, v in r.items() if k not in READ} for r in rows]
    assert bare == TYPED_BY_HAND
    assert [r["source"] for r in rows] == [
        {"file": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "format": "xml"}
        for p in (ANXIE, ANYUAN)
    ]
    assert [(r["amount_without_tax"], r["tax"]) for r in rows] == [(235.85, 14.15), (18876.44, 1793.56)]

    # the preview of both profiles is the same: the total counted is 价税合计
    typed = tmp_path / "typed.json"
    typed.write_text(json.dumps(TYPED_BY_HAND, ensure_ascii=False), encoding="utf-8")
    added = tmp_path / "added.json"
    added.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    previews = [
        shenbao(data_dir, "preview", "--profile", str(p), "--as-of", "2026-11-22", "--format", "json")
        for p in (typed, added)
    ]
    assert previews[0].returncode == 0, previews[0].stderr
    assert json.loads(previews[0].stdout) == json.loads(previews[1].stdout)


def test_duplicates_and_other_buyers_are_refused_with_nothing_changed(tmp_path: Path, data_dir: Path) -> None:
    _enterprise(tmp_path, data_dir)
    assert shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANXIE)).returncode == 0
    before = _show(data_dir)
    copy_of = tmp_path / "same-invoice-renamed.xml"
    copy_of.write_bytes(ANXIE.read_bytes())
    assert_refused(
        shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(copy_of)),
        "25322000000365404822",
        "已在",
    )
    # the same invoice twice among the files, with other figures in one (a forged or mistyped copy)
    forged = tmp_path / "anyuan-forged.xml"
    forged.write_bytes(
        xml_with({"<TotalTax-includedAmount>20670.00": "<TotalTax-includedAmount>20670.01"}, ANYUAN).replace(
            b"<TotalTaxAm>1793.56", b"<TotalTaxAm>1793.57"
        )
    )
    assert_refused(shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(forged)), "不一致")
    assert_refused(
        shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(OTHER)),
        "91320200796148368W",
        "--allow-other-buyer",
    )
    broken = tmp_path / "broken.ofd"
    broken.write_bytes(OTHER.read_bytes()[:3000])
    assert_refused(
        shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(broken)),
        "broken.ofd",
        "；没有加入任何发票",  # the good one among them neither: the clerk is told so
    )
    assert_refused(
        shenbao(data_dir, "invoices", "add", "--uscc", BUYER, "--year", "1999", str(ANYUAN)),
        "申报年度 1999 无效，应为 2000 至 2099 年间的年份",
    )
    assert _show(data_dir) == before

    result = shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(OTHER), "--allow-other-buyer")
    assert result.returncode == 0, result.stderr
    assert "不是本企业，已按允许加入" in result.stderr
    assert [r["invoice_no"] for r in _show(data_dir)["facts"]["compute_invoices"]] == [
        "25322000000365404822",
        "24322000000489101796",
    ]


def test_a_red_letter_invoice_reduces_the_total(tmp_path: Path, data_dir: Path) -> None:
    _enterprise(tmp_path, data_dir)
    red = tmp_path / "red.xml"
    red.write_bytes(
        xml_with(
            {
                **RED_LETTER,
                "<EIid>25322000000365404822": "<EIid>25322000000365409999",
                "<InvoiceNumber>25322000000365404822": "<InvoiceNumber>25322000000365409999",
            }
        )
    )
    assert_refused(shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(red)), "不能为负")
    result = shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(red))
    assert result.returncode == 0, result.stderr
    assert "红字发票" in result.stderr and "-250.00" in result.stderr
    rows = _show(data_dir)["facts"]["compute_invoices"]
    assert [r["amount"] for r in rows] == [20670, -250]
    assert parse_profile(_show(data_dir)).facts["compute_purchase_amount"] == Decimal("20420")


def test_one_invoice_as_xml_and_ofd_added_together_counts_once(tmp_path: Path, data_dir: Path) -> None:
    buyer = "91522701709696623X"
    doc = copy.deepcopy(TYPED_BY_HAND)
    doc["enterprise"].update({"name": "中国移动通信集团贵州有限公司黔南分公司", "uscc": buyer})
    doc["facts"]["compute_invoices"] = []
    path = tmp_path / "enterprise.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(path)).returncode == 0
    xml = FIXTURES / "old_fp_original_invoice_from_增值税电子专票5.xml"
    ofd = FIXTURES / "easyofd_增值税电子专票5.ofd"
    result = shenbao(data_dir, "invoices", "add", "--uscc", buyer.lower(), str(xml), str(ofd))
    assert result.returncode == 0, result.stderr
    assert "已加入 1 张发票，价税合计 25,254.62 元" in result.stderr
    assert f"{ofd.name}: 与 {xml.name} 是同一张发票（052002100113、00008006），只计入一次" in result.stderr
    shown = shenbao(data_dir, "profiles", "show", buyer)
    assert shown.returncode == 0, shown.stderr
    stored = json.loads(shown.stdout)
    assert [r["source"]["file"] for r in stored["facts"]["compute_invoices"]] == [xml.name]
    assert parse_profile(stored).facts["compute_purchase_amount"] == Decimal("25254.62")


def test_an_invoice_typed_with_its_number_in_groups_is_not_added_again(
    tmp_path: Path, data_dir: Path
) -> None:
    """The 20 digits of 25322000000365404822 typed by hand in groups of four, under the supplier's short
    name: its XML added later was taken for another invoice, and the 250 元 counted twice (500 元). The
    profile itself takes such a number for the same invoice (spaces and letter case aside)."""
    doc = copy.deepcopy(TYPED_BY_HAND)
    doc["facts"]["compute_invoices"] = [
        {
            "supplier": "安协培训",
            "invoice_no": "2532 2000 0003 6540 4822",
            "date": "2025-08-08",
            "amount": 250,
        }
    ]
    path = tmp_path / "enterprise.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(path)).returncode == 0
    before = _show(data_dir)
    assert_refused(
        shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANXIE)), "25322000000365404822", "已在"
    )
    assert _show(data_dir) == before
    assert parse_profile(before).facts["compute_purchase_amount"] == Decimal("250")


def test_a_claimed_year_no_one_claims_is_refused(tmp_path: Path, data_dir: Path) -> None:
    _enterprise(tmp_path, data_dir)
    before = _show(data_dir)
    for year in ("0", "-2025", "25", "20250"):
        result = shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANXIE), "--year", year)
        assert_refused(result, "申报年度", year)
    assert _show(data_dir) == before


def test_read_shows_a_field_it_could_not_find_as_such_never_as_none(tmp_path: Path, data_dir: Path) -> None:
    blank = tmp_path / "缺日期和销售方.xml"
    blank.write_bytes(
        xml_with(
            {
                "<IssueTime>2025-08-08</IssueTime>": "",
                "<RequestTime>2025-08-08 12:06:33</RequestTime>": "",
                "<SellerName>无锡市安协安全培训中心</SellerName>": "",
            }
        )
    )
    result = shenbao(data_dir, "read", str(blank), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "None" not in result.stdout
    assert (
        "开票日期  （未读到）" in result.stdout
        and "销售方    （未读到）  52320200509244470T" in result.stdout
    )
    assert (
        json.loads(shenbao(data_dir, "read", str(blank), "--format", "json").stdout)[0]["fields"]["date"]
        is None
    )


def test_an_xml_without_an_invoice_number_is_refused_like_such_a_pdf(tmp_path: Path, data_dir: Path) -> None:
    bare = tmp_path / "无号码.xml"
    bare.write_bytes(
        xml_with(
            {
                "<EIid>25322000000365404822</EIid>": "",
                "<InvoiceNumber>25322000000365404822</InvoiceNumber>": "",
            }
        )
    )
    result = shenbao(data_dir, "read", str(bare))
    assert_refused(result, str(bare), "没有找到发票号码")
    assert result.stdout == ""


def test_every_refused_add_leaves_the_whole_store_as_it_was(tmp_path: Path, data_dir: Path) -> None:
    """From a new data folder: one enterprise, one invoice added; then each hostile file, given with a
    good invoice, is refused in one line within the bounds, and not one stored byte changes."""
    from pypdf import PdfReader, PdfWriter

    from tests.documents.helpers import RED_LETTER
    from tests.reliability.helpers import assert_refused_cheaply, run_measured, stored_state

    _enterprise(tmp_path, data_dir)
    assert shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(ANXIE)).returncode == 0
    merged = PdfWriter()
    for name in ("7.22底座.pdf", "住宿费发票-6.8-广德_1785749043248.pdf"):
        merged.append(PdfReader(FIXTURES / name))
    merged.write(tmp_path / "合并.pdf")
    files = {
        "空.xml": b"",
        "截断.ofd": OTHER.read_bytes()[:3000],
        "实体.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><EInvoice>&b;</EInvoice>',
        "红字.xml": xml_with(RED_LETTER),  # it would make the list's total negative
        "已有.xml": ANXIE.read_bytes(),
        "他人.ofd": OTHER.read_bytes(),
        "乱码.xml": ANYUAN.read_bytes().replace(b'encoding="utf-8"', b'encoding="GBK"') + b"\x81",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    before = stored_state(data_dir)
    for name in [*files, "合并.pdf"]:
        run = run_measured(data_dir, "invoices", "add", "--uscc", BUYER, str(ANYUAN), str(tmp_path / name))
        assert_refused_cheaply(
            run, "没有加入任何发票" if name in ("红字.xml", "已有.xml", "他人.ofd") else name
        )
        assert stored_state(data_dir) == before, name


def test_an_invoice_naming_its_seller_in_megabytes_is_refused_not_stored(
    tmp_path: Path, data_dir: Path
) -> None:
    """A name on an invoice is tens of characters; one of three million would be kept in the profile and
    drawn in every table and form that shows the invoice."""
    from tests.reliability.helpers import stored_state

    _enterprise(tmp_path, data_dir)
    huge = tmp_path / "长名称.xml"
    huge.write_bytes(
        xml_with(
            {"<SellerName>安元科技股份有限公司</SellerName>": f"<SellerName>{'安' * 3_000_000}</SellerName>"},
            ANYUAN,
        )
    )
    before = stored_state(data_dir)[1]
    result = shenbao(data_dir, "invoices", "add", "--uscc", BUYER, str(huge))
    assert_refused(result, "销售方名称", "3000000 字")
    assert len(result.stderr) < 1000
    assert stored_state(data_dir)[1] == before  # the database (the day's first use backs it up)
