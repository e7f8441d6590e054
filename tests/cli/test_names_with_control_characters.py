"""A file may be named with a line feed, a tab or a terminal's escape in it (a name pasted from a chat, a
script's slip). Bad input is still said in exactly one line on standard error, exit status 2: the name
shown with each such character escaped (a\\nb.csv), its Chinese as it is."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, shenbao

NAMES = [
    ("a\nb.csv", "a\\nb.csv"),
    ("园区\r\n名单.csv", "园区\\r\\n名单.csv"),
    ("租户\t表\x1b[31m.csv", "租户\\t表\\x1b[31m.csv"),
    ("名单\u2028二\x85.csv", "名单\\u2028二\\x85.csv"),
]


def render(data_dir: Path, profile: Path, out: Path) -> subprocess.CompletedProcess[str]:
    measure = "fj2025.compute_voucher"
    return shenbao(data_dir, "render", "--profile", str(profile), "--measure", measure, "--out", str(out))


def refused_naming(run: object, shown: str) -> str:
    assert_refused(run, shown)  # type: ignore[arg-type]
    line = run.stderr  # type: ignore[attr-defined]
    assert "\x1b" not in line and "\u2028" not in line and "\x85" not in line
    return line


@pytest.mark.parametrize(("name", "shown"), NAMES)
def test_importing_a_missing_file_so_named_is_refused_in_one_line(
    tmp_path: Path, data_dir: Path, name: str, shown: str
) -> None:
    run = shenbao(data_dir, "import", str(tmp_path / name))
    line = refused_naming(run, shown)
    assert "文件或文件夹不存在" in line or "文件不存在" in line


@pytest.mark.parametrize(("name", "shown"), NAMES)
def test_importing_a_bad_table_so_named_is_refused_in_one_line(
    tmp_path: Path, data_dir: Path, name: str, shown: str
) -> None:
    table = tmp_path / name
    table.write_text("企业名称,统一社会信用代码\n甲公司,91350100000000001X\n", encoding="utf-8")
    run = shenbao(data_dir, "import", str(table))
    refused_naming(run, shown)
    assert "企业（单位）名称" in run.stderr  # the header meant, named in its Chinese as ever


def test_a_plain_chinese_name_is_shown_as_it_is(tmp_path: Path, data_dir: Path) -> None:
    table = tmp_path / "园区名单（2026年）.csv"
    run = shenbao(data_dir, "import", str(table))
    assert_refused(run, f"shenbao: {table}: ")


def test_other_commands_naming_a_file_say_it_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    profile = tmp_path / "档案\n甲.json"
    profile.write_text("{not json", encoding="utf-8")
    assert_refused(shenbao(data_dir, "preview", "--profile", str(profile)), "档案\\n甲.json")
    assert_refused(render(data_dir, profile, tmp_path / "out.pdf"), "档案\\n甲.json")
    invoice = tmp_path / "发票\r\n1.xml"
    invoice.write_text("<not an invoice/>", encoding="utf-8")
    assert_refused(shenbao(data_dir, "read", str(invoice)), "发票\\r\\n1.xml")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "没有的文件夹\n" / "申报书.pdf"
    run = render(data_dir, good, out)
    assert_refused(run, "没有的文件夹\\n")
    assert not out.parent.exists()


def test_a_data_folder_and_an_option_so_named_are_said_in_one_line(tmp_path: Path, data_dir: Path) -> None:
    missing = tmp_path / "数据\n文件夹"
    run = shenbao(data_dir, "--data-dir", str(missing), "profiles", "list")
    assert_refused(run, "数据\\n文件夹")
    run = shenbao(data_dir, "profiles", "list", "--bad\noption")
    assert_refused(run, "--bad\\noption")


def test_a_refusal_naming_a_value_of_100000_characters_is_one_line_of_its_start_and_end(
    tmp_path: Path,
) -> None:
    """A code of 100,000 digits (a file pasted into a script's variable) was echoed whole: one line of
    100 KB on standard error. The line shows the value's start and end and says how much is left out."""
    data = tmp_path / "data"
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(profile)).returncode == 0
    result = shenbao(data, "profiles", "show", "9" * 100_000)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("shenbao: 没有统一社会信用代码为 999") and line.endswith("999 的企业")
    assert "…（省略 99,216 个字符）…" in line and len(line) < 1000
