"""An XML whose root is an invoice's (EInvoice, fp:eInvoice) but which holds no invoice under it is refused
saying so — no invoice data, the element it lacks — not 「根元素是 EInvoice，不是…（应为 EInvoice…）」,
which reads as a contradiction; a root of another name is still refused for its name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.documents.helpers import XML_SAMPLE
from tests.store.factory import assert_refused, make_profile, make_uscc, refusal_reason, shenbao

SAMPLE = XML_SAMPLE.read_text(encoding="utf-8")
NO_DATA = "XML 中没有发票数据（{name} 下缺少 {wanted}），不是完整的发票文件；请使用税务平台下发的原文件"

CASES = {
    "bare": ("<EInvoice/>", "EInvoice", "EInvoiceData"),
    "data_cut_out": (
        re.sub(r"<EInvoiceData>.*</EInvoiceData>", "", SAMPLE, flags=re.S),
        "EInvoice",
        "EInvoiceData",
    ),
    "older_empty": (
        '<fp:eInvoice xmlns:fp="http://www.edrm.org.cn/schema/e-invoice/2019"><fp:Header/></fp:eInvoice>',
        "eInvoice",
        "InvoiceNo",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_invoice_root_with_no_invoice_says_what_is_missing(
    data_dir: Path, tmp_path: Path, case: str
) -> None:
    body, name, wanted = CASES[case]
    assert "EInvoiceData" in SAMPLE and "EInvoiceData" not in CASES["data_cut_out"][0]
    path = tmp_path / f"{case}.xml"
    path.write_text(body, encoding="utf-8")
    said = NO_DATA.format(name=name, wanted=wanted)
    assert refusal_reason(shenbao(data_dir, "read", str(path)), path) == said

    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    before = shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout
    added = shenbao(data_dir, "invoices", "add", "--uscc", make_uscc(1), str(path))
    assert refusal_reason(added, path) == f"{said}；没有加入任何发票"
    assert shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout == before


def test_another_root_is_still_named(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<html><body/></html>", encoding="utf-8")
    result = shenbao(data_dir, "read", str(path))
    assert_refused(result, f"{path}: XML 的根元素是 html，不是税务平台的发票（应为 EInvoice 或 fp:eInvoice）")
