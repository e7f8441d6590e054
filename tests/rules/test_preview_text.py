"""`shenbao preview --format text`, as a terminal shows it: beside each amount what to check (提示) and
how the text was read (说明), as the JSON carries them; `--trace` adds each measure's reckoning."""

from __future__ import annotations

import json
from pathlib import Path

from tests.command import run_shenbao as shenbao
from tests.conftest import EXAMPLES

XIAMEN = "提示：厦门市可参照执行,所需资金由厦门市人民政府统筹解决（fj2025 结语）：厦门市企业请向厦门市主管部门确认。"


def text_of(tmp_path: Path, *extra: str) -> list[str]:
    case = json.loads((EXAMPLES / "case-005.json").read_text(encoding="utf-8"))
    path = tmp_path / "厦门.json"
    path.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
    run = shenbao("preview", "--profile", str(path), "--as-of", case["as_of"], "--format", "text", *extra)
    assert run.returncode == 0, run.stderr
    return run.stdout.splitlines()


def under(lines: list[str], title: str) -> list[str]:
    """The lines under a measure's row, up to the next row or document."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    rest = lines[start + 1 :]
    end = next((i for i, line in enumerate(rest) if not line.startswith("      ")), len(rest))
    return [line.strip() for line in rest[:end]]


def test_a_xiamen_firm_reads_who_funds_it_and_how_the_voucher_was_read(tmp_path: Path) -> None:
    """The text dropped every warning and note: a Xiamen firm read 算力服务补助 75,000.00 元 可申报 with no
    word that Xiamen funds fj2025 for its own firms, nor that 50% is an upper bound."""
    lines = text_of(tmp_path)
    document = lines.index("《福建省推动人工智能产业发展和赋能应用若干措施》")
    assert lines[document + 1] == "  " + XIAMEN  # said once, for every measure of the document
    assert sum(XIAMEN in line for line in lines) == 1
    voucher = under(lines, "算力服务补助")
    assert "提示：同一笔算力服务费用能否同时申请省级与福州市级补助，请向主管部门确认。" in voucher
    assert "说明：补助比例为“不超过50%”，测算金额为上限。" in voucher
    assert any(line.startswith("说明：“单家企业最高补助50万元”有两种读法") for line in voucher)
    assert "提示：文件未载明有效期，请向主管部门确认是否仍在执行。" in [line.strip() for line in lines]
    assert not any(line.startswith("依据：") for line in voucher)  # the reckoning is --trace's


def test_trace_adds_each_measures_clause_conditions_and_formula(tmp_path: Path) -> None:
    plain, traced = text_of(tmp_path), text_of(tmp_path, "--trace")
    assert len(traced) > len(plain)
    voucher = under(traced, "算力服务补助")
    assert voucher[0].startswith("依据：《福建省推动人工智能产业发展和赋能应用若干措施》第七条")
    assert any(line.startswith("条件：") for line in voucher)
    assert any(line.startswith("金额：") or line.startswith("公式：") for line in voucher), voucher
    platform = under(traced, "人工智能创新优质平台补助")
    assert sum(line.startswith("待补充：") for line in platform) == 1, platform


def test_on_a_documents_last_day_the_warning_says_so(tmp_path: Path) -> None:
    """「…有效期至 2026-12-31，距测算日期还有 0 天。」 read as if the document had ended."""
    lines = [line.strip() for line in text_of(tmp_path)]
    case = json.loads((EXAMPLES / "case-005.json").read_text(encoding="utf-8"))
    path = tmp_path / "末日.json"
    path.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
    run = shenbao("preview", "--profile", str(path), "--as-of", "2026-12-31", "--format", "json")
    warnings = {
        w for r in json.loads(run.stdout)["results"] for w in r["warnings"] if "有效期至 2026-12-31" in w
    }
    assert warnings == {
        "《福州市促进人工智能产业创新发展行动方案（2024—2026年）》有效期至 2026-12-31，测算日期是有效期的最后一天。"
    }
    assert any("距测算日期还有 39 天" in line for line in lines)  # on 2026-11-22
