"""`shenbao profiles show CODE --format text` lists the profile as a person reads it — one field a line
under the editor's groups and labels, detail lists' rows numbered, ID numbers and phones masked — where
it printed the masked JSON; json (the default) is still the complete record."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import make_profile, make_uscc, shenbao


def test_a_profile_shown_as_text_is_a_listing_with_secrets_masked(tmp_path: Path) -> None:
    data, code = tmp_path / "data", make_uscc(7)
    document = make_profile(7, engineers=2)
    facts = document["facts"]
    del facts["compute_purchase_amount"]  # the invoices' total
    facts["compute_invoices"] = [
        dict(supplier="福州算力中心", invoice_no="25352000000012345678", date="2026-03-01", amount=120000)
    ]
    document["enterprise"]["registered_capital"] = 5000000
    (tmp_path / "7.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(tmp_path / "7.json")).returncode == 0
    stored = shenbao(data, "profiles", "show", code).stdout

    shown = shenbao(data, "profiles", "show", code, "--format", "text")
    assert shown.returncode == 0, shown.stderr
    assert not shown.stdout.lstrip().startswith("{")
    lines = shown.stdout.splitlines()
    assert lines[:3] == [
        "【企业基本信息】",
        "企业（单位）名称：福州测试0007科技有限公司",
        f"统一社会信用代码：{code}",
    ]
    for line in (
        "单位类型：企业",
        "人工智能企业：是",
        "认定情况：省级新型研发机构（2024-07-01）",
        "【算力】",
        "算力服务发票：1 行",
        "  1. 供应商：福州算力中心；发票号码：25352000000012345678；日期：2026-03-01；金额（元）：120,000.00",
        "自主芯片算力标称值占比：35%",
        "【人才】",
        "核心工程师名册：2 行",
        "【联系与登记信息】",
        "联系电话：138****0007",
        "注册资本（元）：5,000,000.00",
    ):
        assert line in lines, (line, shown.stdout)
    assert lines.index("【算力】") < lines.index("【人才】") < lines.index("【联系与登记信息】")
    roster = [line for line in lines if line.startswith("  ") and "身份证号" in line]
    assert len(roster) == 2
    numbers = [row["id_number"] for row in json.loads(stored)["facts"]["core_engineers"]]
    for number, line in zip(numbers, roster, strict=True):
        assert number not in shown.stdout
        assert f"身份证号：{number[:6]}{'*' * 8}{number[-4:]}" in line
    assert "13800130007" not in shown.stdout
    assert "x_park_note" not in shown.stdout and "provenance" not in shown.stdout

    assert json.loads(shenbao(data, "profiles", "show", code).stdout) == json.loads(stored)
    assert "13800130007" in stored
