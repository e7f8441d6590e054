"""A pack's wizard form whose field was labelled with spaces only (`label = "   "` on
facts.compute_invoices) installed, and the printed 申报书 lost the table's heading 算力服务发票 (the wizard
its label): an empty label ("") stood for the model's label, a blank one printed as it was. A blank
label now stands for the model's as an empty one does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.pdf.helpers import text_of
from tests.store.factory import shenbao

from .helpers import EXAMPLE, EXAMPLE_CITY, edited, ok
from .test_pack_refusals import signed_tree

FORM = "forms/sl2026.compute_voucher.toml"
INVOICES = '{ key = "facts.compute_invoices", help = '


@pytest.mark.parametrize("label", ['""', '"   "', '"\\u3000"'], ids=["empty", "spaces", "ideographic-space"])
def test_a_blank_label_prints_the_model_s(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], label: str
) -> None:
    edit = edited(FORM, INVOICES, f'{{ key = "facts.compute_invoices", label = {label}, help = ')
    pack = tmp_path / "blank.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    ok(shenbao(trusted, "policies", "install", str(pack)))
    profile = {
        **EXAMPLE_CITY,
        "facts": {k: v for k, v in EXAMPLE_CITY["facts"].items() if k != "compute_purchase_amount"},
    }
    profile["facts"]["compute_invoices"] = [
        {"supplier": "示例云计算有限公司", "invoice_no": "12345678", "date": "2026-03-01", "amount": 200000}
    ]
    path = tmp_path / "tenant.json"
    path.write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    ok(shenbao(trusted, "import", str(path)))
    pdf = tmp_path / "voucher.pdf"
    uscc = EXAMPLE_CITY["enterprise"]["uscc"]
    args = ("--uscc", uscc, "--measure", "sl2026.compute_voucher", "--as-of", "2026-12-15", "--out", str(pdf))
    ok(shenbao(trusted, "render", *args))
    printed, _ = text_of(pdf)
    assert "算力服务购买情况（示例）算力服务发票序号供应商发票号码日期金额（元）" in printed, printed
