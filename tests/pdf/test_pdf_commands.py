"""`shenbao render` and `shenbao report`, run as the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.command import run_shenbao as shenbao

from .helpers import enterprise, invoices, text_of


def write_profile(path: Path, facts: dict, **ent) -> Path:
    path.write_text(
        json.dumps({"enterprise": enterprise(**ent), "facts": facts}, ensure_ascii=False), "utf-8"
    )
    return path


def test_render_one_form(tmp_path):
    profile = write_profile(tmp_path / "a.json", {"compute_invoices": invoices(50)})
    out = tmp_path / "form.pdf"
    run = shenbao(
        "render",
        "--profile",
        str(profile),
        "--measure",
        "fj2025.compute_voucher",
        "--out",
        str(out),
        "--as-of",
        "2026-03-10",
    )
    assert run.returncode == 0, run.stderr
    assert str(out) in run.stdout and "页" in run.stdout
    text, _ = text_of(out)
    assert "《算力服务补助申报书》" in text and "125,000.00元" in text


def test_render_refuses_with_one_line(tmp_path):
    good = write_profile(tmp_path / "good.json", {"compute_purchase_amount": 50000})
    bad = tmp_path / "bad.json"
    bad.write_text('{"enterprise": {"name": "x", "uscc": "123"}}', "utf-8")
    out = str(tmp_path / "x.pdf")
    cases = [
        (["--profile", str(bad), "--measure", "fj2025.compute_voucher"], "enterprise.uscc"),
        (["--profile", str(good), "--measure", "fj2025.no_such"], "未知的措施"),
        (["--profile", str(good), "--measure", "fj2025.compute_voucher"], "不符合申报条件"),
        (["--profile", str(good), "--measure", "fj2023.compute_voucher"], "不在有效期内"),
    ]
    for args, message in cases:
        run = shenbao("render", *args, "--out", out, "--as-of", "2026-03-10")
        assert run.returncode == 2, (args, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("shenbao: ") and message in lines[0], run.stderr
        assert not Path(out).exists()


def test_render_incomplete_is_allowed(tmp_path):
    profile = write_profile(tmp_path / "a.json", {"compute_invoices": invoices(10, 30000)})
    out = tmp_path / "form.pdf"
    run = shenbao(
        "render",
        "--profile",
        str(profile),
        "--measure",
        "fz2024.compute_use",
        "--out",
        str(out),
        "--as-of",
        "2026-03-10",
    )
    assert run.returncode == 0, run.stderr
    assert "待补充" in run.stdout and "待补充" in text_of(out)[0]


def test_render_a_folder_and_report_on_it(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder / "a.json", {"compute_invoices": invoices(50)})
    write_profile(
        folder / "b.json",
        {"ai_products": [{"name": "产品甲"}], "scenario_count": 2},
        name="福州闽江智能有限公司",
        uscc="913501044C12H3B168",
    )
    out_dir = tmp_path / "forms"
    run = shenbao("render", "--profiles", str(folder), "--out-dir", str(out_dir), "--as-of", "2026-03-10")
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in out_dir.glob("*.pdf"))
    assert "a.fj2025.compute_voucher.pdf" in names and "b.fj2025.quality_product.pdf" in names
    assert "b.fz2024.demo_scenario.pdf" in names and "a.fj2025.quality_product.pdf" not in names
    one = shenbao(
        "render",
        "--profiles",
        str(folder),
        "--out-dir",
        str(tmp_path / "one"),
        "--measure",
        "fj2025.quality_product",
        "--as-of",
        "2026-03-10",
    )
    assert one.returncode == 0 and [p.name for p in (tmp_path / "one").glob("*.pdf")] == [
        "b.fj2025.quality_product.pdf"
    ]

    report = tmp_path / "park.pdf"
    run = shenbao("report", "--profiles", str(folder), "--out", str(report), "--as-of", "2026-03-10")
    assert run.returncode == 0, run.stderr
    text, _ = text_of(report)
    assert "福州星河智算科技有限公司" in text and "福州闽江智能有限公司" in text
    assert "算力服务补助" in text and "人工智能优质产品奖励" in text
    # totals: 12.5 (compute voucher) + 50 (one product) + 2 × 100 (demo scenarios) + …
    assert "12.5" in text and "万元" in text


def test_a_form_that_cannot_be_written_in_a_folder_run_is_one_line_and_keeps_the_others(tmp_path):
    """A folder named as one of the forms (or a full disk) ended the run in a traceback, exit 1."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder / "a.json", {"compute_invoices": invoices(50)})
    write_profile(folder / "b.json", {"compute_invoices": invoices(50)}, uscc="913501044C12H3B168")
    out_dir = tmp_path / "forms"
    (out_dir / "b.fj2025.compute_voucher.pdf").mkdir(parents=True)
    run = shenbao(
        "render",
        "--profiles",
        str(folder),
        "--out-dir",
        str(out_dir),
        "--measure",
        "fj2025.compute_voucher",
        "--as-of",
        "2026-03-10",
    )
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "b.fj2025.compute_voucher.pdf" in lines[0] and "无法写入" in lines[0], lines
    assert "已生成 1 份" in lines[0]
    assert text_of(out_dir / "a.fj2025.compute_voucher.pdf")[0]


def test_a_form_printed_again_that_cannot_be_written_whole_leaves_the_first_as_it_was(tmp_path):
    """Printed again over the first with no room for the whole file (a full disk; here `ulimit -f 16`),
    the 申报书 was emptied and left cut at 16 KiB: the form already on file was lost."""
    import os

    profile = write_profile(tmp_path / "a.json", {"compute_invoices": invoices(50)})
    out = tmp_path / "forms" / "申报书.pdf"
    out.parent.mkdir()
    args = ["render", "--profile", str(profile), "--measure", "fj2025.compute_voucher", "--out", str(out)]
    first = shenbao(*args, "--as-of", "2026-03-10")
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    assert len(before) > 40 * 1024
    again = subprocess.run(
        [
            "sh",
            "-c",
            'ulimit -f 16 && exec "$0" -m shenbao "$@"',
            sys.executable,
            *args,
            "--as-of",
            "2026-03-11",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert again.returncode == 2, again.stderr
    assert "Traceback" not in again.stderr and "无法写入" in again.stderr, again.stderr
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["申报书.pdf"]  # nothing left beside it


def test_the_cli_does_not_load_reportlab():
    code = "import sys, shenbao.cli as c; c.build_parser(); print('reportlab' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


def test_render_a_stored_enterprise_by_its_code(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "correct horse battery staple")
    profile = write_profile(tmp_path / "a.json", {"compute_invoices": invoices(50)})
    imported = shenbao("import", str(profile), "--data-dir", str(data_dir))
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "stored.pdf"
    run = shenbao(
        "render",
        "--uscc",
        "91350100H49D4H3981",
        "--data-dir",
        str(data_dir),
        "--measure",
        "fj2025.compute_voucher",
        "--out",
        str(out),
        "--as-of",
        "2026-03-10",
    )
    assert run.returncode == 0, run.stderr
    assert "125,000.00元" in text_of(out)[0]
    missing = shenbao(
        "render",
        "--uscc",
        "913501044C12H3B168",
        "--data-dir",
        str(data_dir),
        "--measure",
        "fj2025.compute_voucher",
        "--out",
        str(out),
        "--as-of",
        "2026-03-10",
    )
    assert missing.returncode == 2 and "913501044C12H3B168" in missing.stderr


def test_a_report_that_cannot_be_written_is_one_line(tmp_path):
    """--out naming a folder (or a full disk) ended `shenbao report` in a traceback, exit 1."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder / "a.json", {"compute_invoices": invoices(50)})
    out = tmp_path / "园区报告.pdf"
    out.mkdir()
    run = shenbao("report", "--profiles", str(folder), "--out", str(out), "--as-of", "2026-03-10")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and "无法写入" in lines[0], lines
    assert out.is_dir() and not any(out.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profiles", "园区报告.pdf"]  # no part file left


def test_a_folder_without_profiles_is_refused_by_every_folder_command(tmp_path):
    """A folder holding no *.json (the wrong folder chosen) gave `preview` no output and exit 0, and
    `render` 「共生成 0 份申报书」 and exit 0, while `report` refused it: all three now say so, exit 2."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "说明.txt").write_text("档案另存", "utf-8")
    runs = {
        "preview": shenbao("preview", "--profiles", str(folder), "--format", "jsonl"),
        "render": shenbao("render", "--profiles", str(folder), "--out-dir", str(tmp_path / "forms")),
        "report": shenbao("report", "--profiles", str(folder), "--out", str(tmp_path / "park.pdf")),
    }
    for command, run in runs.items():
        assert run.returncode == 2, (command, run.stdout, run.stderr)
        assert run.stdout == "", command
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and str(folder) in lines[0] and "没有" in lines[0] and "*.json" in lines[0], (
            lines
        )
    assert not (tmp_path / "park.pdf").exists() and not (tmp_path / "forms").exists()


def test_a_stored_enterprise_that_no_longer_reads_is_named_and_the_others_reported(tmp_path, data_dir):
    """A stored profile the rules now refuse (saved when a check was looser: here a purchase total of
    -5) refused `report --stored` as a whole; a folder of profiles skips the bad one and names it. The
    stored park now does the same: the others reported, the bad one named, exit 2."""
    import sqlite3

    from tests.store.factory import make_profile, make_uscc
    from tests.store.factory import shenbao as stored_shenbao

    for i in (1, 2, 3):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(make_profile(i), ensure_ascii=False), "utf-8")
        assert stored_shenbao(data_dir, "import", str(path)).returncode == 0
    with sqlite3.connect(data_dir / "shenbao.db") as db:
        (ent,) = db.execute("SELECT id FROM enterprises WHERE uscc = ?", (make_uscc(2),)).fetchone()
        db.execute(
            "INSERT OR REPLACE INTO facts (enterprise_id, key, value) VALUES (?, 'compute_purchase_amount', '-5')",
            (ent,),
        )
    out = tmp_path / "园区.pdf"
    run = stored_shenbao(data_dir, "report", "--stored", "--out", str(out), "--as-of", "2026-03-10")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and make_uscc(2) in lines[0] and "compute_purchase_amount" in lines[0], lines
    assert "2 家企业" in run.stdout and "1 个档案有错误已跳过" in run.stdout
    text, _ = text_of(out)
    assert "福州测试0001科技有限公司" in text and "福州测试0003科技有限公司" in text
    assert "福州测试0002科技有限公司" not in text


def test_one_enterprise_in_two_files_is_counted_once_in_the_park_report(tmp_path):
    """A profile saved twice in the park's folder (公司.json and 公司 (1).json) made the report count the
    enterprise twice: 企业数 2 and every sum doubled (250 万元 for one voucher of 125,000 元)."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder / "公司.json", {"compute_invoices": invoices(50)})
    write_profile(folder / "公司 (1).json", {"compute_invoices": invoices(50)})
    out = tmp_path / "park.pdf"
    run = shenbao("report", "--profiles", str(folder), "--out", str(out), "--as-of", "2026-03-10")
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "公司.json" in lines[0] and "公司 (1).json" in lines[0], lines
    assert "91350100H49D4H3981" in lines[0]
    assert "1 家企业" in run.stdout
    assert "1 个档案与另一档案是同一家企业，未重复计入" in run.stdout and "有错误" not in run.stdout
    once = tmp_path / "once"
    once.mkdir()
    (once / "公司.json").write_bytes((folder / "公司.json").read_bytes())
    alone = tmp_path / "alone.pdf"
    assert (
        shenbao("report", "--profiles", str(once), "--out", str(alone), "--as-of", "2026-03-10").returncode
        == 0
    )
    assert text_of(out)[0] == text_of(alone)[0]  # 企业数：1, and every sum once


def test_profiles_saved_with_an_upper_case_extension_are_read(tmp_path):
    """A folder of 企业.JSON files, as some Windows programs save them, was refused as holding no
    profile: every folder command now reads them with the *.json ones."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    write_profile(folder / "甲.JSON", {"compute_invoices": invoices(50)})
    write_profile(
        folder / "乙.Json",
        {"ai_products": [{"name": "产品甲"}]},
        name="福州闽江智能有限公司",
        uscc="913501044C12H3B168",
    )
    run = shenbao("preview", "--profiles", str(folder), "--format", "jsonl", "--as-of", "2026-03-10")
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 2
    report = shenbao("report", "--profiles", str(folder), "--out", str(tmp_path / "park.pdf"))
    assert report.returncode == 0, report.stderr
    assert "2 家" in report.stderr or "2 家" in report.stdout, (report.stdout, report.stderr)


def test_a_sum_under_one_yuan_is_printed_without_zero_wan(tmp_path):
    """fz2024's city top-up at 1,000,000.80 元 bought in the first year is 50% × P − 50 万 = 0.40 元: the
    form printed 「申报金额 最高 0.40 元（0 万元）」, a sum that reads as nothing. 万元 are written to the
    whole yuan, which a sum under one yuan has none of: it is printed in 元 alone."""
    facts = {"compute_purchase_amount": 1000000.80, "compute_subsidy_year_index": 1}
    profile = write_profile(tmp_path / "a.json", facts, in_fz_compute_platform=True)
    out = tmp_path / "form.pdf"
    args = ["--profile", str(profile), "--measure", "fz2024.compute_use", "--out", str(out)]
    run = shenbao("render", *args, "--as-of", "2026-03-10")
    assert run.returncode == 0, run.stderr
    text, _ = text_of(out)
    assert text.count("最高0.40元") == 2  # the cover's 申报金额 and the reckoning's 测算金额
    assert "0.40元（" not in text and "（0万元）" not in text


def test_an_eligible_form_with_a_box_printed_to_be_completed_says_so(tmp_path):
    """An enterprise giving its annual compute purchase but no invoice is eligible for 算力服务补助, and
    its form prints the invoice list 待补充 in red; `shenbao render` said only 「4 页，72 KB」, as for a
    form ready to sign (it said 含待补充项 only of a measure judged incomplete). It now names each box,
    for one form and for a folder's, and says nothing of a form without one."""
    bare = write_profile(tmp_path / "bare.json", {"compute_purchase_amount": 250000})
    whole = write_profile(
        tmp_path / "whole.json", {"compute_invoices": invoices(50)}, name="福州闽江智能有限公司"
    )
    out = tmp_path / "form.pdf"
    args = ("--measure", "fj2025.compute_voucher", "--as-of", "2026-03-10")
    run = shenbao("render", "--profile", str(bare), "--out", str(out), *args)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().endswith("，含待补充项（算力服务发票）"), run.stdout
    text, _ = text_of(out)
    assert "待补充" in text and "125,000.00元" in text  # eligible: the amount is printed

    run = shenbao("render", "--profile", str(whole), "--out", str(out), *args)
    assert run.returncode == 0 and "待补充" not in run.stdout and "待补充" not in text_of(out)[0]

    folder = tmp_path / "profiles"
    folder.mkdir()
    for path in (bare, whole):
        (folder / path.name).write_bytes(path.read_bytes())
    run = shenbao("render", "--profiles", str(folder), "--out-dir", str(tmp_path / "forms"), *args)
    assert run.returncode == 0, run.stderr
    wanting = [line for line in run.stdout.splitlines() if "待补充" in line]
    assert len(wanting) == 1 and wanting[0].startswith(str(tmp_path / "forms" / "bare.")), run.stdout
    assert wanting[0].endswith(" 页，含待补充项（算力服务发票）")
