"""The real `shenbao` command given what a user should not give it: each refused in one line with exit
status 2, the store left as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.command import run_shenbao
from tests.store.factory import assert_refused, cli_env, make_profile, make_uscc, shenbao


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


def imported_and_rendered(path: Path, data_dir: Path) -> dict:
    """Enterprise 1's profile written to `path`, imported, and its 算力服务补助 printed (recorded in the
    register): the profile as written."""
    doc = make_profile(1)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(path)).returncode == 0
    out = path.parent / "申报书.pdf"
    rendered = shenbao(
        data_dir, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(out)
    )
    assert rendered.returncode == 0, rendered.stderr
    return doc


def test_importing_the_same_profile_again_does_not_mark_its_declarations_changed(
    tmp_path: Path, data_dir: Path
) -> None:
    """Importing a profile again, from another file or on another day, changes nothing the declaration
    rests on: 「依据已变化」 would send the user looking for a change that is not there. The same profile is
    left as it is, the record of where its fields came from too (as the user guide says of an enterprise
    imported exactly as stored); one changed records its new file."""
    doc = imported_and_rendered(tmp_path / "园区 2025.json", data_dir)
    again = tmp_path / "园区 2026.json"
    again.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", str(again), "--on-conflict", "replace")
    assert run.returncode == 0 and "不变 1 家" in run.stderr, run.stderr
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["provenance"]["enterprise.name"]["file"] == "园区 2025.json"  # left as it was
    listed = json.loads(shenbao(data_dir, "declarations", "list", "--format", "json").stdout)
    assert [d["basis_changed"] for d in listed] == [False]
    shown = json.loads(shenbao(data_dir, "declarations", "show", "1", "--format", "json").stdout)
    assert not shown.get("basis_changes")


def test_a_declaration_generated_before_still_tells_a_changed_profile(tmp_path: Path, data_dir: Path) -> None:
    """A declaration generated by an earlier version recorded the digest with the provenance: it is not
    「依据已变化」 for that, and it still is when the profile changes."""
    from shenbao.core.register import public_digest
    from shenbao.core.store import Store

    path = tmp_path / "p.json"
    doc = imported_and_rendered(path, data_dir)
    with Store.open(data_dir) as store:
        earlier = public_digest(store.get_profile(make_uscc(1), with_secrets=False), with_provenance=True)
        with store.conn:
            store.conn.execute("UPDATE declarations SET basis_sha256 = ?", (earlier,))
    conn = sqlite3.connect(data_dir / "shenbao.db")
    assert conn.execute("SELECT basis_sha256 FROM declarations").fetchall() == [(earlier,)]
    conn.close()

    def changed() -> list[bool]:
        listed = shenbao(data_dir, "declarations", "list", "--format", "json")
        return [d["basis_changed"] for d in json.loads(listed.stdout)]

    assert changed() == [False]
    doc["facts"]["compute_purchase_amount"] = 200000
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(path), "--on-conflict", "replace").returncode == 0
    assert changed() == [True]


@pytest.mark.parametrize(
    ("encoding", "first", "name"),
    [
        ("utf-8", "", "福州某某科技有限公司" + "a" * 55),
        ("utf-8", "😀 福州某某科技有限公司,913501000000000000\n", "Fuzhou Tech " + "a" * 64),
        ("utf-16", "", "福州某某科技有限公司" + "甲" * 25),
    ],
    ids=["chinese", "latin-with-one-emoji", "utf-16-chinese"],
)
def test_a_csv_of_too_many_rows_near_the_size_limit_is_refused_within_bounds(
    tmp_path: Path, data_dir: Path, encoding: str, first: str, name: str
) -> None:
    """A 110–130 MB CSV of 1.2 million rows: under the 128 MiB a table may have, over its 100,000 rows.
    It is refused within the bounds every hostile file is held to, however the text is held while it is
    read: Python holds a string of Chinese in two bytes a character, and one with a single emoji in four;
    a UTF-16 table is read from its UTF-8, half as large again, kept beside it."""
    from tests.reliability.helpers import assert_refused_cheaply, run_measured, stored_state

    table = tmp_path / "园区 全部.csv"
    with table.open("w", encoding=encoding) as out:
        out.write("企业（单位）名称,统一社会信用代码\n" + first)
        line = name + ",913501000000000000\n"
        for _ in range(12):
            out.write(line * 100_000)
    assert 100 * 2**20 < table.stat().st_size < 128 * 2**20
    before = stored_state(data_dir)
    assert_refused_cheaply(run_measured(data_dir, "import", str(table)), "行数过多")
    assert stored_state(data_dir) == before


def test_an_overlong_number_or_cell_is_told_in_words_for_the_user(tmp_path: Path, data_dir: Path) -> None:
    """Not Python's advice to a programmer (「use sys.set_int_max_str_digits()」) nor the csv module's
    「field larger than field limit」."""
    number = tmp_path / "档案.json"
    enterprise = json.dumps({"name": "甲", "uscc": make_uscc(1)}, ensure_ascii=False)
    amount = "1" + "0" * 5000
    number.write_text(
        f'{{"enterprise": {enterprise}, "facts": {{"compute_purchase_amount": {amount}}}}}', encoding="utf-8"
    )
    for command in (["import", str(number)], ["preview", "--profile", str(number)]):
        run = shenbao(data_dir, *command)
        assert_refused(run, str(number), "数字过长（5,001 位")
        assert "sys." not in run.stderr
    cell = tmp_path / "园区.csv"
    cell.write_text(f"企业（单位）名称,统一社会信用代码\n{'甲' * 200_000},{make_uscc(1)}\n", encoding="utf-8")
    run = shenbao(data_dir, "import", str(cell))
    assert_refused(run, str(cell), "第 2 行", "单元格过长")
    assert "field" not in run.stderr
    assert stored(data_dir) == []


def test_a_data_folder_that_does_not_exist_is_refused_by_every_command_but_an_import(tmp_path: Path) -> None:
    """A mistyped --data-dir or SHENBAO_DATA_DIR made a new empty folder under the wrong name, and the
    listing of a park's enterprises showed none: now each command that only reads or changes stored
    enterprises says the folder does not exist, and makes nothing. An import still begins a new folder."""
    missing = tmp_path / "园区数据（打错）"
    table = tmp_path / "园区.csv"
    for args in (
        ["profiles", "list"],
        ["declarations", "list"],
        ["export", "--out", str(table)],
        ["preview", "--uscc", make_uscc(1)],
        ["backup"],
    ):
        assert_refused(shenbao(missing, *args), str(missing), "不存在", "SHENBAO_DATA_DIR")
    named = run_shenbao("profiles", "list", "--data-dir", str(missing), env=cli_env(tmp_path / "另一个"))
    assert_refused(named, str(missing), "请检查 --data-dir")
    assert not missing.exists() and not table.exists() and not (tmp_path / "另一个").exists()
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(missing, "import", str(profile)).returncode == 0
    assert stored(missing) == [make_uscc(1)]


def test_an_import_that_writes_nothing_leaves_no_folder_behind(tmp_path: Path) -> None:
    """`import --dry-run` («不写入») and an import refused for a bad row made the folder they were given
    and its database: the next `profiles list` then answered 「没有企业」 instead of saying the name is
    wrong. A folder an import begins (and those above it it makes) is taken away again when it writes
    nothing; one that was there is left as it was."""
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    head = "企业（单位）名称,统一社会信用代码\n"
    good.write_text(head + f"福州甲科技有限公司,{make_uscc(1)}\n", encoding="utf-8-sig")
    bad.write_text(head + f"福州乙科技有限公司,{make_uscc(2)[:-1]}Z\n", encoding="utf-8-sig")
    missing = tmp_path / "新园区" / "数据"
    dry = shenbao(missing, "import", "--dry-run", str(good))
    assert dry.returncode == 0 and f"新增 {make_uscc(1)}" in dry.stderr, dry.stderr
    assert_refused(shenbao(missing, "import", str(bad)), "第 2 行")
    assert_refused(shenbao(missing, "import", "--skip-bad-rows", str(bad)), "没有可导入的企业")
    assert not (tmp_path / "新园区").exists()
    assert_refused(shenbao(missing, "profiles", "list"), "不存在")

    there = tmp_path / "已有"
    there.mkdir()
    assert shenbao(there, "import", "--dry-run", str(good)).returncode == 0
    assert there.is_dir()
    assert shenbao(missing, "import", str(good)).returncode == 0
    assert stored(missing) == [make_uscc(1)]
