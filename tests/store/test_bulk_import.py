"""A large park table is written together, a few thousand new enterprises per statement, and its cells
are read and checked once per distinct text: what is stored, the change log and the errors must be the
same as writing and checking row by row. The listing's JSON is written by hand for speed and must be
the bytes `json.dumps` with an indent of 2 gives."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.store import Store, imports, repository
from shenbao.core.store.db import transaction
from shenbao.core.store.imports import apply_plan, imported, plan_import, read_incoming
from shenbao.core.store.tables import read_rows
from tests.store.factory import make_id_number, make_profile, make_uscc, shenbao

DAY = dt.date(2026, 3, 4)
HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "注册地（区县）",
    "年度购买算力服务总额（元）",
    "从业人数",
    "认定情况",
]


def no_passphrase() -> str | None:
    return None


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def stored(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row that an import writes, but the times."""
    queries = {
        "enterprises": "SELECT id, uscc, name, org_type, province, city, district, document,"
        " recognitions_listed, secrets IS NULL, updated_by FROM enterprises ORDER BY id",
        "facts": "SELECT enterprise_id, key, value FROM facts ORDER BY rowid",
        "recognitions": "SELECT * FROM recognitions ORDER BY rowid",
        "changes": "SELECT id, user, action, uscc, detail FROM changes ORDER BY id",
    }
    return {name: store.conn.execute(sql).fetchall() for name, sql in queries.items()}


def park_rows(count: int) -> list[list[str]]:
    rows = [HEADER]
    for i in range(count):
        recognition = "国家重点实验室:2024/5/1" if i % 4 == 0 else ""
        amount = ["25万", "250,000", "￥1,000", "3000元"][i % 4]
        rows.append(
            [f"园区{i:03d}智能科技有限公司", make_uscc(100 + i), "鼓楼区", amount, f"{i % 7}人", recognition]
        )
    return rows


@pytest.mark.parametrize(("per_write", "values"), [(1, 32766), (3, 32766), (2000, 32766), (4, 7), (2000, 29)])
def test_new_enterprises_written_together_are_stored_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_write: int, values: int
) -> None:
    """`values`: how many values SQLite takes in one statement (7: a row of an enterprise, 15 values,
    is written alone; 29: a statement of a single enterprise, of nine facts, of five changes)."""
    monkeypatch.setattr(repository, "_values_per_statement", lambda conn: values)
    rows = park_rows(10)
    rows[6][1] = make_uscc(1)  # already stored: updated between the new ones
    table = write_csv(tmp_path / "park.csv", rows)

    def setup(folder: Path) -> Store:
        store = Store.open(folder, daily_backup=False)
        store.save_profile(make_profile(1))
        store.save_profile(make_profile(2))
        return store

    monkeypatch.setattr(imports, "ADDED_PER_WRITE", per_write)
    with setup(tmp_path / "together") as store:
        incoming, rejected = read_incoming([table], no_passphrase)
        report = apply_plan(store, plan_import(store, incoming, rejected), "replace", today=DAY)
        together = stored(store)
    # The same plan written one enterprise at a time, as every other save writes.
    with setup(tmp_path / "alone") as store:
        incoming, rejected = read_incoming([table], no_passphrase)
        plan = plan_import(store, incoming, rejected)
        with transaction(store.conn):
            for entry in plan.entries:
                store._write_profile(imported(entry, DAY.isoformat()), replace=True, action="导入档案")
            store._log("导入", None, report.summary())
        alone = stored(store)

    assert report.added == [make_uscc(100 + i) for i in range(10) if i != 5]
    assert report.replaced == [make_uscc(1)]
    assert together == alone
    assert [c[2] for c in together["changes"][-11:]] == ["导入档案"] * 10 + ["导入"]
    assert len(together["recognitions"]) == 2 + 3 and len(together["enterprises"]) == 11


def test_a_bundle_entry_after_new_table_rows_keeps_the_order_of_the_change_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "ADDED_PER_WRITE", 2)
    table = write_csv(tmp_path / "park.csv", park_rows(5))
    profile = tmp_path / "one.json"
    profile.write_text(json.dumps(make_profile(3), ensure_ascii=False), encoding="utf-8")
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        incoming, rejected = read_incoming([table, profile], no_passphrase)
        apply_plan(store, plan_import(store, incoming, rejected), today=DAY)
        log = [c.uscc for c in reversed(store.changes())]
        ids = [r[0] for r in store.conn.execute("SELECT id FROM enterprises ORDER BY id")]
        document = store.get_profile(make_uscc(3))
    assert log == [make_uscc(100 + i) for i in range(5)] + [make_uscc(3), None]
    assert ids == [1, 2, 3, 4, 5, 6]
    assert document["provenance"]["enterprise.name"] == {
        "source": "imported",
        "date": "2026-03-04",
        "file": "one.json",
    }
    assert document["enterprise"]["contact_phone"] == make_profile(3)["enterprise"]["contact_phone"]


def test_cells_read_once_per_column_give_what_each_row_checked_alone_gives(tmp_path: Path) -> None:
    rows = [HEADER]
    for i in range(6):
        # "12人" is a head count in one column and no amount in the other; a bad cell repeats.
        rows.append([f"甲{i}公司", make_uscc(10 + i), "鼓楼区", "12人" if i % 2 else "25万", "12人", ""])
    rows.append(["", make_uscc(20), "鼓楼区", "25万", "3", ""])  # a row whose cells read, without a name
    rows.append(["乙公司", make_uscc(21), "鼓楼区", "25万", "3", "不是认定"])
    table = read_rows(write_csv(tmp_path / "park.csv", rows))

    for row in table.rows:
        if row.number % 2 == 0 and row.number < 8:
            assert row.errors == [] and row.profile is not None
            alone = parse_profile(row.document, require_uscc=True)
            assert (row.profile.enterprise, row.profile.facts, row.profile.raw) == (
                alone.enterprise,
                alone.facts,
                alone.raw,
            )
            assert list(row.profile.facts) == list(alone.facts)
            assert row.document["facts"]["compute_purchase_amount"] == 250000
    assert [(r.number, r.errors) for r in table.rows if r.errors] == [
        (3, [("年度购买算力服务总额（元）", "应为不小于 0 的金额（元）（收到 12人）")]),
        (5, [("年度购买算力服务总额（元）", "应为不小于 0 的金额（元）（收到 12人）")]),
        (7, [("年度购买算力服务总额（元）", "应为不小于 0 的金额（元）（收到 12人）")]),
        (8, [("企业（单位）名称", "企业（单位）名称不能为空")]),
        (9, [("认定情况", "应写作“认定类型:日期”，以分号分隔（收到 不是认定）")]),
    ]


def test_the_listing_is_the_indented_json_it_always_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()  # a folder without a database yet
    assert shenbao(data, "profiles", "list", "--format", "json").stdout == "[]\n"
    odd = make_profile(1, name='引号"与\\反斜杠 和 emoji 🚀 公司')
    odd["enterprise"].pop("city")
    files = []
    for i, doc in enumerate([odd, make_profile(2), make_profile(3)]):
        files.append(tmp_path / f"{i}.json")
        files[-1].write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", *map(str, files)).returncode == 0
    out = shenbao(data, "profiles", "list", "--format", "json").stdout
    listed = json.loads(out)
    assert out == json.dumps(listed, ensure_ascii=False, indent=2) + "\n"
    assert [r["city"] for r in listed].count(None) == 1 and len(listed) == 3
    assert odd["enterprise"]["name"] in [r["name"] for r in listed] and listed[0]["declarations"] == 0


PHONE_HEADER = [*HEADER, "联系电话"]


def phone_rows(count: int) -> list[list[str]]:
    return [PHONE_HEADER] + [[*row, f"1380013{i:04d}"] for i, row in enumerate(park_rows(count)[1:])]


def test_rows_whose_key_is_not_yet_at_hand_are_made_where_the_key_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phones of a table are sealed with the folder's key. Were the key not asked for before the
    writing (as an import does when a column is sensitive), the rows are made on the store's own thread,
    which asks for it: stored as when it was asked for first."""
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "a passphrase for the folder")
    monkeypatch.setattr(imports, "ADDED_PER_WRITE", 3)
    table = write_csv(tmp_path / "park.csv", phone_rows(8))
    results = []
    for folder, asked_first in (("asked", True), ("not-asked", False)):
        if not asked_first:
            monkeypatch.setattr(imports, "_needs_key", lambda incoming: False)
        with Store.open(tmp_path / folder, daily_backup=False) as store:
            store.save_profile(make_profile(1))  # a key made for the folder
        with Store.open(tmp_path / folder, daily_backup=False) as store:
            assert not store.keys.unlocked()
            incoming, rejected = read_incoming([table], no_passphrase)
            apply_plan(store, plan_import(store, incoming, rejected), today=DAY)
            results.append(stored(store))
            phones = [store.get_profile(make_uscc(100 + i))["enterprise"]["contact_phone"] for i in range(8)]
        assert phones == [f"1380013{i:04d}" for i in range(8)]
    assert results[0] == results[1]
    assert [row[9] for row in results[0]["enterprises"][1:]] == [False] * 8  # sealed: secrets not NULL


def test_a_batch_that_cannot_be_written_writes_nothing_and_ends_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    monkeypatch.setattr(imports, "ADDED_PER_WRITE", 2)
    table = write_csv(tmp_path / "park.csv", park_rows(9))
    made = repository.Store._rows_of

    def failing(self, profiles, first_id, action):  # the fourth batch's rows cannot be made
        if first_id >= 7:
            raise OSError("磁盘已满")
        return made(self, profiles, first_id, action)

    monkeypatch.setattr(repository.Store, "_rows_of", failing)
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        store.save_profile(make_profile(1))
        before = stored(store)
        incoming, rejected = read_incoming([table], no_passphrase)
        with pytest.raises(OSError, match="磁盘已满"):
            apply_plan(store, plan_import(store, incoming, rejected), today=DAY)
        assert stored(store) == before
        assert not store.conn.in_transaction
    assert not [t for t in threading.enumerate() if t.name == "shenbao-rows"]


def one_by_one(store: Store, profiles: list[tuple[object, object]], action: str) -> None:
    for profile, record in profiles:
        store._write_profile(profile, replace=True, action=action, record=record)  # type: ignore[arg-type]


def hyphened(code: str) -> str:
    """A code as an earlier version stored it, as typed (91350100-0000-0050-37)."""
    return f"{code[:8]}-{code[8:12]}-{code[12:16]}-{code[16:]}"


@pytest.mark.parametrize("together", [1, 2, 500])
def test_profiles_read_together_are_each_the_profile_read_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, together: int
) -> None:
    """Recognitions listed or not, facts in their order, sealed fields opened, provenance unpacked, a code
    stored the old way found by its plain spelling; a code not stored is left out."""
    monkeypatch.setattr(repository, "PROFILES_READ_TOGETHER", together)
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        for i in range(1, 6):
            doc = make_profile(i, engineers=i % 3)
            if i == 2:
                del doc["enterprise"]["recognitions"]
            store.save_profile(doc)
        table = write_csv(tmp_path / "park.csv", park_rows(3))
        incoming, rejected = read_incoming([table], no_passphrase)
        apply_plan(store, plan_import(store, incoming, rejected), today=DAY)
        with store.conn:
            store.conn.execute(
                "UPDATE enterprises SET uscc = ? WHERE uscc = ?", (hyphened(make_uscc(4)), make_uscc(4))
            )
    with Store.open(tmp_path / "data", daily_backup=False) as store:
        codes = [make_uscc(i) for i in (5, 1, 100, 4, 2, 999, 102, 3, 101)]
        alone = {code: store.get_profile(code) for code in codes if code != make_uscc(999)}
        read = store.get_profiles(codes)
    assert read == alone and len(alone) == 8
    assert all(list(read[c]["facts"]) == list(alone[c]["facts"]) for c in alone)  # in their order
    assert "recognitions" not in read[make_uscc(2)]["enterprise"]
    assert read[make_uscc(1)]["facts"]["core_engineers"][0]["id_number"] == make_id_number(10)
    assert read[make_uscc(100)]["provenance"]["enterprise.name"]["file"] == "park.csv"


@pytest.mark.parametrize(("together", "per_write"), [(1, 2000), (3, 2), (500, 3), (500, 2000)])
def test_a_table_imported_again_is_planned_and_written_as_each_stored_profile_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, together: int, per_write: int
) -> None:
    """A park's table imported a second time, some rows changed, some not, two new, one enterprise saved
    by hand (its roster and phone sealed) and one stored under a code of the old spelling among them:
    the stored profiles are read a few at a time and the changed ones written together, and what is
    planned and stored (the change log in its order too) is what reading and writing each one alone
    gives."""
    monkeypatch.setattr(repository, "PROFILES_READ_TOGETHER", together)
    monkeypatch.setattr(imports, "PROFILES_READ_TOGETHER", together)
    monkeypatch.setattr(imports, "ADDED_PER_WRITE", per_write)
    first = write_csv(tmp_path / "park.csv", park_rows(12))
    rows = park_rows(14)
    for i, row in enumerate(rows[1:]):
        if i % 4 == 1:
            row[3] = "30万"
        elif i % 4 == 2:
            row[2] = "台江区"
    rows.insert(5, ["福州测试0001科技有限公司", make_uscc(1), "仓山区", "26万", "", ""])
    rows.insert(9, ["旧代码企业", make_uscc(2), "晋安区", "", "", ""])
    again = write_csv(tmp_path / "again.csv", rows)

    def imported_again(folder: Path) -> tuple[object, dict[str, list[tuple[object, ...]]], object]:
        with Store.open(folder, daily_backup=False) as store:
            store.save_profile(make_profile(1))
            store.save_profile({"enterprise": {"name": "旧代码企业", "uscc": make_uscc(2)}})
            with store.conn:
                store.conn.execute("UPDATE enterprises SET uscc = ? WHERE id = 2", (hyphened(make_uscc(2)),))
        with Store.open(folder, daily_backup=False) as store:
            for table in (first, again):
                incoming, rejected = read_incoming([table], no_passphrase)
                plan = plan_import(store, incoming, rejected)
                report = apply_plan(store, plan, "replace", today=DAY)
            return imports._shape(plan), stored(store), report

    shape, together_stored, report = imported_again(tmp_path / "together")
    with monkeypatch.context() as alone:
        alone.setattr(Store, "get_profiles", lambda self, codes: {c: self.get_profile(c) for c in codes})
        alone.setattr(Store, "_replace_all", one_by_one)
        assert imported_again(tmp_path / "alone")[:2] == (shape, together_stored)
    assert report.added == [make_uscc(112), make_uscc(113)]  # type: ignore[attr-defined]
    assert len(report.replaced) == 6 + 2 and len(report.unchanged) == 6  # type: ignore[attr-defined]
    assert make_uscc(1) in report.replaced and make_uscc(2) in report.replaced  # type: ignore[attr-defined]
    changes = together_stored["changes"]
    logged = [(action, str(code).replace("-", "")) for _, _, action, code, _ in changes[-10:-1]]
    assert logged == [("导入档案", c) for c in report.replaced[-7:] + report.added]  # type: ignore[attr-defined]
