"""Journeys through the real `shenbao` command, each from an empty data folder to what the user keeps,
comparing the full stored profile of every enterprise before and after, not only a count."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import make_uscc

from .helpers import codes, engineers, run, show_all, stored_state, tenant_name, write_gbk_table

pytestmark = pytest.mark.slow  # a hundred runs of the real command each

BUNDLE_PASSPHRASE = "园区交接口令 2026"
TODAY = dt.date.today().isoformat()  # what the command records an import on


def test_a_typed_park_table_to_a_report_and_a_bundle_that_arrives_identical(tmp_path: Path) -> None:
    data = tmp_path / "park"
    # Five tenants already have their rosters on file (engineers born 1962–1995, IDs of their districts).
    for i in range(0, 30, 6):
        doc = {
            "enterprise": {
                "name": tenant_name(i),
                "uscc": make_uscc(100 + i),
                "contact_phone": "0591-87654321",
            },
            "facts": {"core_engineers": engineers(i, 4 + i % 3)},
            "x_park_note": f"第 {i} 号楼",
        }
        (tmp_path / f"roster-{i}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        run(data, "import", str(tmp_path / f"roster-{i}.json"))
    rosters = show_all(data)

    table = write_gbk_table(tmp_path / "园区企业.csv")
    done = run(data, "import", str(table), "--on-conflict", "replace")
    assert "新增 25 家，更新 5 家" in done.stderr and "不删去任何内容" in done.stderr

    stored = show_all(data)
    assert sorted(stored) == sorted(codes())
    for code, before in rosters.items():  # the table updated its columns and kept the rest
        after = stored[code]
        assert after["facts"]["core_engineers"] == before["facts"]["core_engineers"]
        assert (
            after["enterprise"]["contact_phone"] == "0591-87654321"
            and after["x_park_note"] == before["x_park_note"]
        )
    first = stored[make_uscc(100)]["enterprise"]
    assert first["name"].startswith("=") and first["established_on"] == "2015-01-01"
    assert {s["enterprise"].get("org_type", "enterprise") for s in stored.values()} == {
        "enterprise",
        "university",
        "research_institute",
        "public_institution",
    }
    assert stored[make_uscc(101)]["facts"]["compute_purchase_amount"] == 100000  # typed "100,000"

    folder = tmp_path / "profiles"
    folder.mkdir()
    for code, doc in stored.items():
        (folder / f"{code}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    lines = run(
        data, "preview", "--profiles", str(folder), "--as-of", "2026-11-22", "--format", "jsonl", "--trace"
    ).stdout
    previews = [json.loads(line) for line in lines.splitlines()]
    assert len(previews) == 30 and all(p["results"] for p in previews)
    (engineer_measure,) = [
        r
        for p in previews
        if p["file"] == f"{make_uscc(106)}.json"
        for r in p["results"]
        if r["measure"] == "fj2025.core_engineer"
    ]
    assert "facts.core_engineer_count" not in engineer_measure["missing"]  # the kept roster is counted
    assert any("— 4（由核心工程师名册计得） → 满足" in line for line in engineer_measure["trace"]), (
        engineer_measure
    )
    report = tmp_path / "园区报告.pdf"
    run(data, "report", "--profiles", str(folder), "--out", str(report), "--as-of", "2026-11-22")
    from pypdf import PdfReader

    text = "".join((page.extract_text() or "") for page in PdfReader(report).pages)
    assert "租户29" in "".join(text.split())

    bundle = tmp_path / "园区.shenbao"
    run(data, "export", "--out", str(bundle), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)
    elsewhere = tmp_path / "another-laptop"
    run(elsewhere, "import", str(bundle), SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)
    assert show_all(elsewhere) == stored


def as_a_spreadsheet_would(sheet_rows: list[list[object]]) -> list[list[object]]:
    """What opening the table in a spreadsheet, editing two cells and saving does: numbers become
    numbers, dates dates, and the edited cells hold what the user typed."""
    import datetime as dt

    header = sheet_rows[0]
    out = [list(header)]
    for row in sheet_rows[1:]:
        cells: list[object] = []
        for label, value in zip(header, row, strict=True):
            text = "" if value is None else str(value)
            if label == "成立日期" and text:
                cells.append(dt.datetime.fromisoformat(text))
            elif text.replace(".", "", 1).isdigit() and label != "统一社会信用代码":
                cells.append(float(text) if "." in text else int(text))
            else:
                cells.append(value)
        out.append(cells)
    return out


def invoice_amounts(i: int) -> list[int]:
    """Three invoices adding up to the purchase total the park table gives tenant `i`."""
    total = 50_000 * (1 + i % 8)
    return [total // 2, total // 4, total // 4]


def test_a_table_exported_edited_and_imported_back_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "park"
    for i in range(0, 30, 6):
        doc = {
            "enterprise": {
                "name": tenant_name(i),
                "uscc": make_uscc(100 + i),
                "contact_phone": "13800138000",
            },
            "facts": {
                "core_engineers": engineers(i, 5),
                "compute_invoices": [
                    {
                        "supplier": "福州算力中心",
                        "invoice_no": f"{i}-{k}",
                        "date": "2025-10-01",
                        "amount": amount,
                    }
                    for k, amount in enumerate(invoice_amounts(i))
                ],
            },
        }
        (tmp_path / f"r{i}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        run(data, "import", str(tmp_path / f"r{i}.json"))
    run(data, "import", str(write_gbk_table(tmp_path / "park.csv")), "--on-conflict", "replace")
    before = show_all(data)

    from openpyxl import Workbook, load_workbook

    exported = tmp_path / "park.xlsx"
    run(data, "export", "--out", str(exported))
    rows = [list(r) for r in load_workbook(exported).active.iter_rows(values_only=True)]
    edited = as_a_spreadsheet_would(rows)
    header = edited[0]
    people = header.index("从业人数")
    target = next(r for r in edited[1:] if r[1] == make_uscc(106))
    target[people] = 99
    book = Workbook()
    for row in edited:
        book.active.append(row)
    for cells in book.active.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # a text cell stays text when a spreadsheet saves it
                cell.data_type = "s"
    book.save(tmp_path / "edited.xlsx")

    done = run(data, "import", str(tmp_path / "edited.xlsx"), "--on-conflict", "replace")
    assert "更新 1 家" in done.stderr and "从业人数：16 → 99" in done.stderr

    after = show_all(data)
    expected = copy.deepcopy(before)
    expected[make_uscc(106)]["enterprise"]["employees"] = 99
    records = expected[make_uscc(106)]["provenance"]
    records["enterprise.employees"] = {"source": "imported", "date": TODAY, "file": "edited.xlsx"}
    assert after == expected  # only the changed field says it came from the edited table

    # The same walk through CSV, saved back as a spreadsheet saves it (GBK, no BOM).
    csv_out = tmp_path / "park.csv"
    run(data, "export", "--out", str(csv_out))
    text = csv_out.read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    table[1 + [r[1] for r in table[1:]].index(make_uscc(106))][table[0].index("从业人数")] = "100人"
    resaved = tmp_path / "resaved.csv"
    with resaved.open("w", encoding="gb18030", newline="") as handle:
        csv.writer(handle).writerows(table)
    run(data, "import", str(resaved), "--on-conflict", "replace")
    expected[make_uscc(106)]["enterprise"]["employees"] = 100
    records["enterprise.employees"] = {"source": "imported", "date": TODAY, "file": "resaved.csv"}
    assert show_all(data) == expected


JUDGED = "2026-03-10"


def judged(data: Path, code: str) -> list[tuple[Any, ...]]:
    """Each measure's status, amount, missing facts and reasons for the stored enterprise `code`."""
    shown = json.loads(run(data, "preview", "--uscc", code, "--as-of", JUDGED, "--format", "json").stdout)
    return [(r["measure"], r["status"], r["amount"], r["missing"], r["reasons"]) for r in shown["results"]]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_carries_the_totals_of_the_lists_it_leaves_out(tmp_path: Path, suffix: str) -> None:
    """A tenant whose compute purchases are its two invoices and whose products are a list, exported to a
    park table: the table had neither the invoices nor their total, so imported elsewhere 算力服务补贴 went
    from eligible (125,000.25) to 待补充, and 人工智能优质产品奖励 likewise. The table writes the totals
    the lists give, the export says which lists it leaves out, and imported over the tenant it came from
    the table changes nothing: the total it carries is the one the kept invoices give."""
    home, elsewhere = tmp_path / "park", tmp_path / "other"
    code = make_uscc(7)
    doc = {
        "enterprise": {
            "name": "福州星河智算科技有限公司",
            "uscc": code,
            "province": "福建省",
            "city": "福州市",
            "is_ai_enterprise": True,
            "contact_phone": "13905910000",
        },
        "facts": {
            "compute_subsidy_year_index": 1,
            "core_engineers": engineers(7, 2),
            "compute_invoices": [
                {"supplier": "福州智算中心", "invoice_no": "1", "date": "2025-03-01", "amount": 100000},
                {
                    "supplier": "中国电信福州分公司",
                    "invoice_no": "2",
                    "date": "2025-06-15",
                    "amount": 150000.5,
                },
            ],
            "ai_products": [{"name": "榕城大模型", "category": "大模型", "description": "政务问答"}],
        },
    }
    (tmp_path / "星河.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run(home, "import", str(tmp_path / "星河.json"))
    before = stored_state(home)
    at_home = judged(home, code)
    assert ("fj2025.compute_voucher", "eligible", "125000.25", [], []) in at_home

    table = tmp_path / f"园区{suffix}"
    exported = run(home, "export", "--out", str(table))
    assert "算力服务发票" in exported.stderr and "人工智能产品" in exported.stderr, exported.stderr
    run(elsewhere, "import", str(table))
    assert judged(elsewhere, code) == at_home
    facts = show_all(elsewhere)[code]["facts"]
    assert (facts["compute_purchase_amount"], facts["ai_product_count"], facts["core_engineer_count"]) == (
        250000.5,
        1,
        2,
    )
    assert "compute_invoices" not in facts and "ai_products" not in facts and "core_engineers" not in facts

    again = run(home, "import", str(table), "--on-conflict", "replace")
    assert "不变 1 家" in again.stderr, again.stderr
    assert stored_state(home) == before
