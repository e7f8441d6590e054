"""The filled 申报书, read back from real PDFs: what a reviewer must find is there, nothing is dropped."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest

from shenbao.core.pdf import NotRenderable, declaration_digest, qr_payload
from shenbao.core.rules import preview

from .helpers import AS_OF, RARE, fonts_of, id_number, invoices, profile_of, squash, text_of


def test_compute_voucher_form_carries_what_a_reviewer_needs(render):
    profile = profile_of({"compute_invoices": invoices(50)})  # 250,000 元
    pdf, rendered = render(profile, "fj2025.compute_voucher")
    result = preview(profile, AS_OF).result("fj2025.compute_voucher")
    assert result.status == "eligible" and result.amount == Decimal("125000.00")
    text, pages = text_of(pdf)
    for expected in (
        "福州星河智算科技有限公司",
        "91350100H49D4H3981",
        "《算力服务补助申报书》",
        "125,000.00元",
        "12.5万元",
        "人民币壹拾贰万伍仟元整",
        squash(result.clause),
        "最终金额以主管部门审核为准",
        "一、申报单位基本情况",
        "二、申报内容",
        "三、测算依据与金额",
        "四、申报材料清单",
        "五、承诺书",
        "法定代表人（签字）",
        "单位公章",
        "2026年3月10日",
    ):
        assert expected in text, expected
    assert squash(result.formula) in text
    cover = text.replace("受理部门", "")  # the label sits between the wrapped lines of its value
    for unit in result.responsible:
        assert unit in cover
    from pypdf import PdfReader

    count = len(PdfReader(io.BytesIO(pdf)).pages)
    assert rendered.pages == count >= 4
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {count} 页" in page
    assert "福州星河智算科技有限公司" in pages[-1].splitlines()[0]  # the header repeats the applicant


def test_every_font_is_embedded_as_a_subset(render):
    pdf, _ = render(profile_of({"compute_invoices": invoices(3, 40000)}), "fj2025.compute_voucher")
    names = fonts_of(pdf)
    assert names and all("WenQuanYi" in name for name in names)
    assert len(pdf) < 200_000


def test_the_qr_code_carries_measure_code_amount_and_digest(render, tmp_path):
    profile = profile_of({"compute_invoices": invoices(3, 40000)})
    pdf, rendered = render(profile, "fj2025.compute_voucher")
    pv = preview(profile, AS_OF)
    result = pv.result("fj2025.compute_voucher")
    digest = declaration_digest(profile, result, as_of=pv.as_of, policy_version=pv.policy_version)
    assert rendered.digest == digest
    assert rendered.qr_payload == qr_payload("fj2025.compute_voucher", profile.uscc, result.amount, digest)
    assert (
        rendered.qr_payload == f"shenbao-decl/1|fj2025.compute_voucher|91350100H49D4H3981|60000.00|{digest}"
    )
    assert digest in text_of(pdf)[0]
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed to decode the printed code")
    (tmp_path / "form.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            str(tmp_path / "form.pdf"),
            str(tmp_path / "cover"),
        ],
        check=True,
    )
    image = next(tmp_path.glob("cover*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == rendered.qr_payload


def test_the_digest_changes_with_the_content(render):
    one = render(profile_of({"compute_invoices": invoices(3, 40000)}), "fj2025.compute_voucher")[1]
    two = render(profile_of({"compute_invoices": invoices(3, 40001)}), "fj2025.compute_voucher")[1]
    assert one.digest != two.digest and len(one.digest) == 64


def test_sixty_invoices_span_pages_and_repeat_the_header(render):
    pdf, rendered = render(profile_of({"compute_invoices": invoices(60)}), "fj2025.compute_voucher")
    _, pages = text_of(pdf)
    with_rows = [p for p in pages if "福州算力云服务有限公司" in p]
    assert len(with_rows) >= 2
    for page in with_rows:
        assert "发票号码" in page and "供应商" in page  # the header row repeats on every page of the table
    joined = "".join(pages)
    for i in (1, 30, 60):
        assert f"35{i:08d}" in joined
    assert "300,000.00" in joined  # the total row


def test_incomplete_renders_with_the_missing_answers_in_red(render):
    import pdfplumber

    profile = profile_of({"compute_invoices": invoices(10, 30000)})  # no year index
    assert preview(profile, AS_OF).result("fz2024.compute_use").status == "incomplete"
    pdf, _ = render(profile, "fz2024.compute_use")
    text, _ = text_of(pdf)
    assert "待补充" in text and "连续享受算力补助的年度" in text
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        red = [
            c["text"]
            for page in doc.pages
            for c in page.chars
            if c.get("non_stroking_color")
            and tuple(round(x, 2) for x in c["non_stroking_color"]) == (0.75, 0, 0)
        ]
    assert "待" in red and "补" in red


def test_a_rare_character_is_marked_and_reported(render):
    name = f"福州{RARE}智科技有限公司"
    pdf, rendered = render(
        profile_of({"compute_invoices": invoices(3, 40000)}, name=name), "fj2025.compute_voucher"
    )
    text, _ = text_of(pdf)
    assert "福州□智科技有限公司" in text
    assert "U+2A6A5" in text  # the footnote says which character to write by hand
    assert any("U+2A6A5" in w for w in rendered.warnings)


def test_the_engineer_roster_is_masked_as_chosen(render):
    numbers = [id_number("11010119900101123"), id_number("11010119850615456")]
    profile = profile_of(
        {
            "core_engineers": [
                {"name": "王工", "id_number": numbers[0]},
                {"name": "陈工", "id_number": numbers[1]},
            ]
        }
    )
    assert preview(profile, AS_OF).result("fj2025.core_engineer").amount == Decimal("400000.00")
    partial, _ = text_of(render(profile, "fj2025.core_engineer")[0])
    assert numbers[0] not in partial and f"110101********{numbers[0][-4:]}" in partial
    full, _ = text_of(render(profile, "fj2025.core_engineer", mask="full")[0])
    assert numbers[0] not in full and "*" * 18 in full
    clear, _ = text_of(render(profile, "fj2025.core_engineer", mask="none")[0])
    assert numbers[0] in clear and numbers[1] in clear and "王工" in clear


def test_products_and_platform_items_are_printed(render):
    products = [
        {"name": "闽智质检大模型", "category": "行业模型", "description": "面向纺织品的缺陷检测"},
        {"name": "海丝智能客服", "category": "智能体"},
    ]
    text, _ = text_of(render(profile_of({"ai_products": products}), "fj2025.quality_product")[0])
    assert "闽智质检大模型" in text and "面向纺织品的缺陷检测" in text and "100万元" in text
    items = [{"item": "GPU服务器", "amount": 3000000}, {"item": "平台软件", "amount": 1000000}]
    profile = profile_of({"platform_investment_items": items, "platform_is_lead_builder": True})
    text, _ = text_of(render(profile, "fj2025.innovation_platform")[0])
    assert "GPU服务器" in text and "4,000,000.00" in text and "2,000,000.00元" in text


@pytest.mark.parametrize(
    ("facts", "ent", "measure", "why"),
    [
        ({"compute_purchase_amount": 50000}, {}, "fj2025.compute_voucher", "不符合申报条件"),
        (
            {"compute_purchase_amount": 500000, "compute_subsidy_year_index": 1},
            {},
            "fj2023.compute_voucher",
            "不在有效期内",
        ),
    ],
)
def test_ineligible_or_not_in_force_is_refused_with_the_reason(render, facts, ent, measure, why):
    with pytest.raises(NotRenderable) as err:
        render(profile_of(facts, **ent), measure)
    assert why in str(err.value) and measure in str(err.value)


def test_short_document_numbers_are_masked_without_repeating_a_character() -> None:
    from shenbao.core.pdf.declaration import mask_id

    assert mask_id("350102196503121230", "partial") == "350102********1230"
    assert mask_id("C01X00T47", "partial") == "C0*****47"  # a passport: not 「C01X000T47」
    assert mask_id("H12345678", "partial") == "H1*****78"
    assert mask_id("AB12", "partial") == "****"
    assert mask_id("H1234567801", "partial") == "H1*******01"  # a 回乡证 of eleven: not 「H12345*7801」
    assert mask_id("350102650312123", "partial") == "350102*****2123"  # a 15-digit 身份证号 of before 1999
    assert mask_id("C01X00T47", "full") == "*********"
    assert mask_id("C01X00T47", "none") == "C01X00T47"


def test_a_news_report_is_cited_as_one_by_its_kind_not_its_name() -> None:
    """The document's kind (data) decides how its article is cited, for fj2023 and for any other."""
    from shenbao.core.pdf.declaration import article_text
    from shenbao.core.rules import Result

    def cited(document: str, kind: str) -> str:
        result = Result(
            f"{document}.x",
            "标题",
            document,
            "某文件",
            "算力券",
            "eligible",
            None,
            "upto",
            False,
            document_kind=kind,
        )
        return article_text(result)

    assert cited("fj2026", "news_report") == "“算力券”部分（据媒体报道）"
    assert cited("fj2023", "final") == "算力券"
    assert preview(profile_of({}), AS_OF).result("fj2023.compute_voucher").document_kind == "news_report"


def test_values_are_printed_as_the_field_registry_prints_them(render):
    from shenbao.core import fieldkinds

    rows = invoices(3, 40000) + [
        {
            "supplier": "福州算力云服务有限公司",
            "invoice_no": "3599999999",
            "date": "2026-02-01",
            "amount": -1000.5,
        }
    ]  # a red-letter invoice reduces the total
    text, _ = text_of(render(profile_of({"compute_invoices": rows}), "fj2025.compute_voucher")[0])
    assert fieldkinds.printed("signed_money", -1000.5, unit=False) == "-1,000.50" and "-1,000.50" in text
    assert fieldkinds.printed("money", Decimal("118999.5")) == "118,999.50 元"
    assert (
        "118,999.50" in text and "年度购买算力服务总额（元）：118,999.50元" in text
    )  # the derived fact's line
    engineers = [
        {"name": "王工", "id_number": id_number("11010119650101123")},  # born in the 1960s
        {"name": "Maria Silva", "id_number": "E12345678", "id_type": "passport"},
    ]
    text, _ = text_of(
        render(profile_of({"core_engineers": engineers}), "fj2025.core_engineer", mask="none")[0]
    )
    assert fieldkinds.printed("id_type", "passport") == "护照" and "护照" in text and "E12345678" in text
