"""The real `shenbao` command given what a user should not give it: each refused in one line with exit
status 2, the store left as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


def stored(data_dir: Path) -> list[str]:
    listed = shenbao(data_dir, "profiles", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return [row["uscc"] for row in json.loads(listed.stdout)]


@pytest.mark.parametrize("kind", ["empty", "foreign"])
def test_restore_refuses_a_file_that_is_not_a_shenbao_database(
    tmp_path: Path, data_dir: Path, kind: str
) -> None:
    """An empty file is an empty database to SQLite, and any SQLite file passes its integrity check:
    neither may replace the store, which would then show no enterprise at all."""
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    source = tmp_path / f"{kind}.db"
    source.write_bytes(b"")
    if kind == "foreign":
        conn = sqlite3.connect(source)
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('另一个程序的数据')")
        conn.commit()
        conn.close()
    assert_refused(shenbao(data_dir, "restore", str(source)), str(source), "不是申报助手的数据库")
    assert stored(data_dir) == [make_uscc(1)]


def test_skipping_bad_rows_when_every_row_is_bad_says_why(tmp_path: Path, data_dir: Path) -> None:
    """With --skip-bad-rows a table whose every row has an error leaves nothing to import: the one line
    says which rows and why, not only that there was nothing."""
    table = tmp_path / "园区 表.csv"
    table.write_text(
        "企业（单位）名称,统一社会信用代码\n甲公司,913501001234567890\n乙公司,91350100 ABC\n",
        encoding="utf-8",
    )
    run = shenbao(data_dir, "import", str(table), "--skip-bad-rows")
    assert_refused(run, "没有可导入的企业", "第 2 行「统一社会信用代码」", "第 3 行「统一社会信用代码」")
    assert stored(data_dir) == []


@pytest.mark.parametrize("action", ["verify", "install"])
def test_a_policy_pack_that_cannot_be_read_is_named_once_in_plain_words(
    tmp_path: Path, data_dir: Path, action: str
) -> None:
    folder = tmp_path / "政策 包.shenbao-policy"
    folder.mkdir()
    run = shenbao(data_dir, "policies", action, str(folder))
    assert_refused(run, "这是一个文件夹，不是政策包")
    assert run.stderr.count(str(folder)) == 1, run.stderr
    missing = tmp_path / "没有.shenbao-policy"
    run = shenbao(data_dir, "policies", action, str(missing))
    assert_refused(run, "文件不存在")
    assert run.stderr.count(str(missing)) == 1, run.stderr


@pytest.mark.parametrize("command", ["import", "restore"])
@pytest.mark.parametrize("name", ["园区 表.csv", "园区.xlsx", "档案.json", "备份.shenbao"])
def test_a_folder_given_for_a_file_is_called_a_folder(
    tmp_path: Path, data_dir: Path, command: str, name: str
) -> None:
    """Told 「文件不存在」, a user looks for a typo in a path that is there: it is a folder."""
    folder = tmp_path / name
    folder.mkdir()
    assert_refused(shenbao(data_dir, command, str(folder)), str(folder), "这是一个文件夹")
