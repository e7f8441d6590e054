"""The real `shenbao` command in a subprocess: preview, batch preview, the catalogue, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command import run_shenbao as shenbao

from ..conftest import EXAMPLES

EXAMPLE = json.loads((EXAMPLES / "case-000.json").read_text(encoding="utf-8"))


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "星河.json"
    path.write_text(json.dumps(EXAMPLE["profile"], ensure_ascii=False), encoding="utf-8")
    return path


def test_preview_json_matches_interchange(profile_file: Path) -> None:
    run = shenbao("preview", "--profile", str(profile_file), "--as-of", "2026-11-22", "--format", "json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["as_of"] == "2026-11-22"
    assert out["enterprise"] == {"name": "福州星河智算科技有限公司", "uscc": "913501044C12H3B168"}
    keys = {
        "measure",
        "status",
        "amount",
        "amount_kind",
        "selection",
        "reasons",
        "missing",
        "warnings",
        "notes",
        "trace",
    }
    assert all(set(r) == keys for r in out["results"])
    documents = {r["measure"].split(".")[0] for r in out["results"]}
    assert documents == {"fj2025", "fj2023", "fz2024", "fz2020"}
    by_id = {r["measure"]: r for r in out["results"]}
    for measure, (status, amount) in EXAMPLE["expected"].items():
        assert (by_id[measure]["status"], by_id[measure]["amount"]) == (status, amount)


def test_preview_text_is_a_readable_table(profile_file: Path) -> None:
    run = shenbao("preview", "--profile", str(profile_file), "--as-of", "2026-11-22", "--format", "text")
    assert run.returncode == 0, run.stderr
    assert "福州星河智算科技有限公司" in run.stdout
    assert "最高可申请" in run.stdout and "万元" in run.stdout
    assert "算力服务补助" in run.stdout and "125,000.00 元" in run.stdout
    assert "可申报" in run.stdout and "待补充" in run.stdout


def test_preview_text_keeps_a_long_title_apart_from_its_status(profile_file: Path) -> None:
    run = shenbao("preview", "--profile", str(profile_file), "--as-of", "2026-11-22", "--format", "text")
    assert run.returncode == 0, run.stderr
    title = "模型和智能体项目列入省重点技改项目、技改融资支持"  # wider than the title column
    (line,) = [line for line in run.stdout.splitlines() if title in line]
    assert line.startswith(f"  {title}  待补充")


def test_batch_preview_jsonl_judges_the_rest_and_exits_2_for_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.json").write_text(
            json.dumps(EXAMPLE["profile"], ensure_ascii=False), encoding="utf-8"
        )
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    run = shenbao("preview", "--profiles", str(folder), "--as-of", "2026-11-22", "--format", "jsonl")
    assert run.returncode == 2
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["file"] for line in lines] == ["broken.json", "p0.json", "p1.json", "p2.json"]
    assert "error" in lines[0] and "JSON" in lines[0]["error"]
    assert all(len(line["results"]) > 30 for line in lines[1:])


def test_batch_preview_all_good_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(EXAMPLE["profile"], ensure_ascii=False), encoding="utf-8")
    run = shenbao("preview", "--profiles", str(tmp_path), "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 1


BAD_INPUTS = {
    "missing": None,
    "empty": "",
    "not_json": '{"enterprise": ',
    "not_object": "[1, 2, 3]",
    "nan": '{"enterprise": {"name": "甲"}, "facts": {"compute_purchase_amount": NaN}}',
    "negative_amount": '{"enterprise": {"name": "甲"}, "facts": {"compute_purchase_amount": -5}}',
    "ratio_over_one": '{"enterprise": {"name": "甲"}, "facts": {"infra_domestic_chip_ratio": 1.2}}',
    "year_index_fraction": '{"enterprise": {"name": "甲"}, "facts": {"compute_subsidy_year_index": 1.5}}',
    "bool_as_number": '{"enterprise": {"name": "甲", "is_ai_enterprise": 1}}',
    "bad_date": '{"enterprise": {"name": "甲"}, "facts": {"infra_operational_on": "2025-02-30"}}',
    "bad_uscc": '{"enterprise": {"name": "甲", "uscc": "913501044C12H3B169"}}',
    "bad_org_type": '{"enterprise": {"name": "甲", "org_type": "company"}}',
    "bad_recognition": '{"enterprise": {"name": "甲", "recognitions": [{"kind": "nobel", "date": "2024-01-01"}]}}',
    "detail_disagrees": '{"enterprise": {"name": "甲"}, "facts": {"ai_product_count": 2, "ai_products": [{"name": "A"}]}}',
    # Past Decimal's 28 digits a per-unit sum or the trace's 元 cannot be written to the fen.
    "huge_count": '{"enterprise": {"name": "甲"}, "facts": {"ai_product_count": 1000000000000000000000000000000}}',
    "huge_amount": '{"enterprise": {"name": "甲"}, "facts": {"compute_purchase_amount": 1e40}}',
    "huge_amount_text": '{"enterprise": {"name": "甲"}, "facts": {"infra_loan_amount": "1e999999"}}',
}
FIELDS = {
    "nan": "NaN",
    "negative_amount": "facts.compute_purchase_amount",
    "ratio_over_one": "facts.infra_domestic_chip_ratio",
    "year_index_fraction": "facts.compute_subsidy_year_index",
    "bool_as_number": "enterprise.is_ai_enterprise",
    "bad_date": "facts.infra_operational_on",
    "bad_uscc": "enterprise.uscc",
    "bad_org_type": "enterprise.org_type",
    "bad_recognition": "enterprise.recognitions[0].kind",
    "detail_disagrees": "facts.ai_product_count",
    "huge_count": "facts.ai_product_count",
    "huge_amount": "facts.compute_purchase_amount",
    "huge_amount_text": "facts.infra_loan_amount",
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_one_line_on_stderr_exit_2_nothing_on_stdout(tmp_path: Path, case: str) -> None:
    path = tmp_path / f"{case}.json"
    if BAD_INPUTS[case] is not None:
        path.write_text(BAD_INPUTS[case], encoding="utf-8")
    run = shenbao("preview", "--profile", str(path), "--format", "json")
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr
    assert path.name in lines[0]
    assert case not in FIELDS or FIELDS[case] in lines[0]


def test_bad_as_of_date(profile_file: Path) -> None:
    run = shenbao("preview", "--profile", str(profile_file), "--as-of", "2026-13-01")
    assert run.returncode == 2 and run.stdout == "" and "--as-of" in run.stderr


def test_measures_catalogue_json() -> None:
    run = shenbao("measures", "--as-of", "2026-11-22", "--format", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    keys = {
        "id",
        "title",
        "document",
        "article",
        "amount_kind",
        "selection",
        "in_force",
        "document_status",
        "responsible",
        "clause",
    }
    assert all(set(r) == keys for r in rows)
    by_id = {r["id"]: r for r in rows}
    voucher = by_id["fj2025.compute_voucher"]
    assert voucher["in_force"] is True and voucher["article"] == "七"
    assert voucher["responsible"][0] == "省数据管理局"
    assert by_id["fj2023.compute_voucher"]["in_force"] is False
    assert by_id["fj2023.compute_voucher"]["document_status"] == "superseded"
    assert voucher["document_status"] == "in_force"
    assert len(rows) == 34


def test_measures_text() -> None:
    run = shenbao("measures", "--format", "text")
    assert run.returncode == 0 and "算力服务补助" in run.stdout and "责任单位" in run.stdout


def test_a_superseded_document_reads_as_replaced_not_as_expired(profile_file: Path) -> None:
    """fj2023's measures read 「未生效/已失效」 in the catalogue and 「未生效·已失效」 in the text preview;
    fj2025 replaced it (MEASURES.md: show it as 已被替代). Before fj2025 took force, fj2025's read 尚未生效."""
    lines = shenbao("measures", "--as-of", "2026-11-22", "--format", "text").stdout.splitlines()
    assert "fj2023.compute_voucher  普惠算力服务补助  [最高] 已被替代" in lines
    assert "fj2025.compute_voucher  算力服务补助  [最高] 现行有效" in lines
    earlier = shenbao("measures", "--as-of", "2025-01-01", "--format", "text").stdout.splitlines()
    assert "fj2025.compute_voucher  算力服务补助  [最高] 尚未生效" in earlier
    text = shenbao("preview", "--profile", str(profile_file), "--as-of", "2026-11-22", "--format", "text")
    row = next(line for line in text.stdout.splitlines() if line.strip().startswith("普惠算力服务补助"))
    assert "已被替代" in row and "未生效" not in row


def test_importing_the_command_loads_neither_qt_nor_reportlab(profile_file: Path) -> None:
    code = (
        "import sys, runpy; sys.argv=['shenbao','preview','--profile',sys.argv[1],'--format','json'];"
        "import shenbao.cli as c; rc=c.main(sys.argv[1:]);"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','reportlab','sqlite_utils','keyring')];"
        "print('LOADED', bad, file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code, str(profile_file)], capture_output=True, text=True)
    assert "LOADED []" in run.stderr, run.stderr


def test_each_group_registers_the_commands_it_is_listed_with() -> None:
    """A command line builds only the groups of the commands it names, found through COMMAND_GROUPS: a
    command missing there would never be parsed, one listed in the wrong group would fail to."""
    from shenbao import cli

    for group, names in cli.COMMAND_GROUPS.items():
        assert cli.commands_of(cli.build_parser(names)) == set(names), group
    every = cli.commands_of(cli.build_parser())
    assert every == {name for names in cli.COMMAND_GROUPS.values() for name in names}


def test_a_line_naming_a_command_of_another_group_still_parses(tmp_path: Path) -> None:
    """`--view todo` names the register group's command: both groups are built and gui parses it."""
    from shenbao import cli

    parser = cli.build_parser({"gui", "todo"})
    args = parser.parse_args(["gui", "--view", "todo", "--data-dir", str(tmp_path)])
    assert (args.command, args.view) == ("gui", "todo")
    assert "preview" not in cli.commands_of(parser)


def _with_number(tmp_path: Path, path: str, number: str) -> Path:
    """A Fuzhou operator of 120 P whose profile file writes `path` as the JSON number `number`, digit
    for digit as a program or a hand may write it."""
    facts = {
        "infra_in_fuzhou": True,
        "infra_pflops_nominal": 120,
        "infra_domestic_chip_ratio": 0.9,
        "infra_in_key_library": True,
        "infra_registered": True,
        "infra_operational_on": "2025-10-01",
        "infra_pflops_sold": 20,
        "compute_purchase_amount": 150000,
        "compute_subsidy_year_index": 1,
    }
    facts[path.partition(".")[2]] = "@NUMBER@"
    data = {"enterprise": EXAMPLE["profile"]["enterprise"], "facts": facts}
    text = json.dumps(data, ensure_ascii=False).replace('"@NUMBER@"', number)
    file = tmp_path / "档案.json"
    file.write_text(text, encoding="utf-8")
    return file


@pytest.mark.parametrize(
    "path, number, shown",
    [
        ("facts.infra_domestic_chip_ratio", "0.79999999999999999", "（实际：79.999999999999999%）"),
        ("facts.infra_pflops_nominal", "99.999999999999999", "（实际：99.999999999999999）"),
    ],
)
def test_a_number_just_under_a_threshold_is_judged_as_written(
    tmp_path: Path, path: str, number: str, shown: str
) -> None:
    """A JSON number with more digits than a binary float holds was read as the float nearest it:
    0.79999999999999999 became 0.8 and met 「不低于 80%」, 99.999999999999999 P became 100 P and met
    「100P 以上」, and the preview said 可申报 for a project below both thresholds."""
    file = _with_number(tmp_path, path, number)
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = {r["measure"]: r for r in json.loads(run.stdout)["results"]}["fz2024.compute_supply"]
    assert result["status"] == "ineligible"
    assert any(reason.endswith(shown) for reason in result["reasons"]), result["reasons"]


def test_a_bundle_s_number_just_under_a_threshold_is_judged_as_written(tmp_path: Path) -> None:
    """A bundle's profile was read with floats where a profile file is read exactly: a chip share of
    0.79999999999999999 was imported as 0.8, and the stored enterprise met 「不低于 80%」 and was
    previewed 可申报 for the compute supply measure. It is stored as written and judged ineligible."""
    import zipfile

    from shenbao.core.store import bundle
    from tests.store.factory import shenbao as in_folder

    file = _with_number(tmp_path, "facts.infra_domestic_chip_ratio", "0.9")
    home, park = tmp_path / "home", tmp_path / "park"
    assert in_folder(home, "import", str(file)).returncode == 0
    exported = tmp_path / "导出.shenbao"
    assert in_folder(home, "export", "--out", str(exported)).returncode == 0
    with zipfile.ZipFile(exported) as archive:  # written by another program, digit for digit
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    manifest.pop("members")
    (name,) = [n for n in members if n.startswith("profiles/")]
    members[name] = members[name].replace(
        b'"infra_domestic_chip_ratio": 0.9', b'"infra_domestic_chip_ratio": 0.79999999999999999'
    )
    assert b"0.79999999999999999" in members[name]
    changed = tmp_path / "改过.shenbao"
    changed.write_bytes(bundle._zip(members, manifest))
    done = in_folder(park, "import", str(changed))
    assert done.returncode == 0, done.stderr
    uscc = EXAMPLE["profile"]["enterprise"]["uscc"]
    shown = json.loads(in_folder(park, "profiles", "show", uscc).stdout)
    assert shown["facts"]["infra_domestic_chip_ratio"] == "0.79999999999999999"
    run = in_folder(park, "preview", "--uscc", uscc, "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = {r["measure"]: r for r in json.loads(run.stdout)["results"]}["fz2024.compute_supply"]
    assert result["status"] == "ineligible"
    assert any(reason.endswith("（实际：79.999999999999999%）") for reason in result["reasons"])


def test_an_amount_with_more_digits_than_a_float_holds_is_refused(tmp_path: Path) -> None:
    """99999.9999999999999 元 of computing bought was read as 100,000.00 and judged to meet the voucher's
    threshold of 100,000 元（含）: an amount with a part of a fen is refused, as 99999.995 is."""
    file = _with_number(tmp_path, "facts.compute_purchase_amount", "99999.9999999999999")
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 2 and run.stdout == ""
    assert "facts.compute_purchase_amount" in run.stderr and "精确到分" in run.stderr
    assert "99999.9999999999999" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_long_number_under_a_key_the_rules_do_not_read_is_kept(tmp_path: Path) -> None:
    """Unknown keys are kept: a number of many digits there is no reason to refuse the file."""
    file = _with_number(tmp_path, "facts.site_latitude", "26.074507999999999999")
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = {r["measure"]: r for r in json.loads(run.stdout)["results"]}["fz2024.compute_supply"]
    assert (result["status"], result["amount"]) == ("eligible", "1000000.00")


@pytest.mark.parametrize("number", ["1e-999999999", '"1E-999999999"'])
def test_a_number_of_a_billion_decimal_places_is_refused(tmp_path: Path, number: str) -> None:
    """1E-999999999 P sold (a JSON number, or the decimal string the interchange also reads) was
    accepted: stored, it was written out digit by digit wherever it was shown as text, and exporting
    the enterprise to a park table wrote a CSV of 1,000,001,105 bytes (1E-999999999999: MemoryError).
    A number with more decimal places than any fact has is refused in one line, naming the field."""
    file = _with_number(tmp_path, "facts.infra_pflops_sold", number)
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 2 and run.stdout == ""
    assert "facts.infra_pflops_sold" in run.stderr and "小数位数过多" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_a_number_with_many_places_that_are_zeros_is_read(tmp_path: Path) -> None:
    """Trailing zeros are no precision: 0.9 written with forty places is 0.9, and 0E-999999999 P is 0."""
    file = _with_number(tmp_path, "facts.infra_domestic_chip_ratio", "0." + "9".ljust(40, "0"))
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = {r["measure"]: r for r in json.loads(run.stdout)["results"]}["fz2024.compute_supply"]
    assert (result["status"], result["amount"]) == ("eligible", "1000000.00")
    file = _with_number(tmp_path, "facts.infra_pflops_sold", "0e-999999999")
    run = shenbao("preview", "--profile", str(file), "--as-of", "2026-03-10", "--format", "json")
    assert run.returncode == 0, run.stderr
    result = {r["measure"]: r for r in json.loads(run.stdout)["results"]}["fz2024.compute_supply"]
    assert result["status"] == "ineligible" and result["reasons"][0].endswith("（实际：0）")
