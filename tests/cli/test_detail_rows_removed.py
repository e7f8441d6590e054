"""A profile file replacing a stored enterprise whose detail lists it shortens, through the real
`shenbao import`: the preview names the rows that go (an engineer by name only), and says nothing is
removed only when nothing is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.store.factory import make_profile, make_uscc, shenbao


def invoice(no: str, amount: str, supplier: str = "福州算力中心有限公司") -> dict[str, Any]:
    return {"supplier": supplier, "invoice_no": no, "date": "2025-03-01", "amount": amount}


def test_rows_a_replacement_leaves_out_are_named(tmp_path: Path, data_dir: Path) -> None:
    """Three invoices stored, a file with two of them: the preview read 「算力服务发票：3 行 → 2 行；不删去任何内容」
    while the third invoice, and 30,000 元 of the year's purchase, went."""
    doc = make_profile(1, engineers=3)
    del doc["facts"]["compute_purchase_amount"]
    doc["facts"]["compute_invoices"] = [
        invoice("25350000000000000001", "30000.00"),
        invoice("25350000000000000002", "50000.00"),
        invoice("25350000000000000003", "20000.00", supplier="闽侯云计算有限公司"),
    ]
    source = tmp_path / "profile.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(source)).returncode == 0
    head = f"替换 {make_uscc(1)}（{doc['enterprise']['name']}）"

    doc["facts"]["compute_invoices"].pop(0)
    doc["facts"]["core_engineers"].pop(1)
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", "--on-conflict", "replace", "--dry-run", str(source))
    assert run.returncode == 0, run.stderr
    said = [line.strip() for line in run.stderr.splitlines() if head in line]
    assert len(said) == 1, run.stderr
    assert "不删去任何内容" not in said[0]
    assert "算力服务发票：3 行 → 2 行" in said[0]
    assert "算力服务发票删去 福州算力中心有限公司 25350000000000000001" in said[0]
    assert "核心工程师名册删去 工程师1-1" in said[0]
    roster = [e["id_number"] for e in make_profile(1, engineers=3)["facts"]["core_engineers"]]
    assert not any(number in run.stderr for number in roster)  # named, never shown by ID number

    doc["facts"]["compute_invoices"].append(invoice("25350000000000000004", "1.00"))  # rows only added
    doc["facts"]["core_engineers"] = make_profile(1, engineers=3)["facts"]["core_engineers"]
    doc["facts"]["compute_invoices"].insert(0, invoice("25350000000000000001", "30000.00"))
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", "--on-conflict", "replace", "--dry-run", str(source))
    assert run.returncode == 0, run.stderr
    said = [line.strip() for line in run.stderr.splitlines() if head in line]
    assert said == [f"{head}：算力服务发票：3 行 → 4 行；不删去任何内容"], run.stderr


def test_a_total_given_over_a_stored_list_is_shown_from_what_the_list_gave(
    tmp_path: Path, data_dir: Path
) -> None:
    """A profile file (or a colleague's plain bundle) giving the number of engineers and the year's
    purchase where the stored profile has the roster and the invoices: the preview read
    「列入核心工程师名册的人数：（空） → 5」, as if nothing had been known, where the roster gave 3."""
    doc = make_profile(1, engineers=3)
    del doc["facts"]["compute_purchase_amount"]
    doc["facts"]["compute_invoices"] = [invoice("25350000000000000001", "30000.00")]
    source = tmp_path / "profile.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(source)).returncode == 0

    del doc["facts"]["core_engineers"], doc["facts"]["compute_invoices"]
    doc["facts"].update(core_engineer_count=5, compute_purchase_amount=120000)
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", "--on-conflict", "replace", "--dry-run", str(source))
    assert run.returncode == 0, run.stderr
    [said] = [line.strip() for line in run.stderr.splitlines() if f"替换 {make_uscc(1)}" in line]
    assert "列入核心工程师名册的人数：3 → 5" in said, said
    assert "年度购买算力服务总额（元）：30000 → 120000" in said, said
    assert "删去 核心工程师名册、算力服务发票" in said or "删去 算力服务发票、核心工程师名册" in said, said
