"""Schema versions, migrations from every earlier version, backups, and damaged or newer files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from shenbao.core.store import NewerStoreError, Store, db
from tests.store.factory import make_profile, make_uscc


def database_at(folder: Path, version: int) -> None:
    """A database as version `version` of the program left it, with data in that version's tables."""
    folder.mkdir(parents=True, exist_ok=True)
    conn = db.connect(folder / db.DB_NAME)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        db.migrate(conn, target=version)
        with db.transaction(conn):
            if version >= 1:
                conn.execute(
                    "INSERT INTO enterprises (id, uscc, name, district, document, recognitions_listed, created_at,"
                    " updated_at) VALUES (1, ?, '旧版企业', '鼓楼区', ?, 1, '2025-01-01', '2025-01-01')",
                    (
                        make_uscc(1),
                        json.dumps(
                            {
                                "enterprise": {
                                    "name": "旧版企业",
                                    "uscc": make_uscc(1),
                                    "district": "鼓楼区",
                                },
                                "facts": {},
                                "provenance": {
                                    "enterprise.name": {"source": "typed", "date": "2025-01-01"},
                                    "enterprise.district": {"source": "typed", "date": "2025-01-01"},
                                },
                            }
                        ),
                    ),
                )
                conn.execute("INSERT INTO facts VALUES (1, 'compute_purchase_amount', '250000')")
                conn.execute(
                    "INSERT INTO recognitions VALUES (1, 0, 'national_key_lab', '2020-01-01',"
                    ' \'{"kind":"national_key_lab","date":"2020-01-01"}\')'
                )
                conn.execute(
                    "INSERT INTO changes (at, user, action, uscc) VALUES ('2025-01-01', 'staff', '保存档案', ?)",
                    (make_uscc(1),),
                )
            if version >= 2:
                conn.execute(
                    "INSERT INTO declarations (enterprise_id, measure, state, page, preview, policy_version,"
                    " created_at, updated_at) VALUES (1, 'fz2024.compute_use', 'ready', 'p2', '{}', 'v0',"
                    " '2025-01-02', '2025-01-02')"
                )
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(0, db.SCHEMA_VERSION + 1))
def test_a_database_from_every_earlier_version_migrates_with_its_data(data_dir: Path, version: int) -> None:
    database_at(data_dir, version)
    with Store.open(data_dir) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        if version == 0:
            assert store.count_enterprises() == 0
            return
        assert store.get_profile(make_uscc(1)) == {
            "enterprise": {
                "name": "旧版企业",
                "uscc": make_uscc(1),
                "district": "鼓楼区",
                "recognitions": [{"kind": "national_key_lab", "date": "2020-01-01"}],
            },
            "facts": {"compute_purchase_amount": 250000},
            "provenance": {
                "enterprise.name": {"source": "typed", "date": "2025-01-01"},
                "enterprise.district": {"source": "typed", "date": "2025-01-01"},
            },
        }
        assert [r.name for r in store.list_enterprises("鼓楼")] == ["旧版企业"]
        assert store.changes()[-1].user == "staff"
        declarations = store.list_declarations(make_uscc(1))
        assert [(d.state, d.page, d.policy_version) for d in declarations] == (
            [("ready", "p2", "v0")] if version >= 2 else []
        )
        store.save_profile(make_profile(2))
    if 0 < version < db.SCHEMA_VERSION:
        assert any(f"before-v{db.SCHEMA_VERSION}" in p.name for p in db.list_backups(data_dir))


def test_a_database_from_a_newer_version_is_refused_untouched(data_dir: Path) -> None:
    database_at(data_dir, db.SCHEMA_VERSION)
    conn = sqlite3.connect(data_dir / db.DB_NAME)
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()
    before = (data_dir / db.DB_NAME).read_bytes()
    with pytest.raises(NewerStoreError, match="更新版本"):
        Store.open(data_dir)
    assert (data_dir / db.DB_NAME).read_bytes() == before


def test_backups_come_daily_on_demand_and_only_ten_are_kept(data_dir: Path) -> None:
    with Store.open(data_dir):
        pass
    assert db.list_backups(data_dir) == []
    with Store.open(data_dir):
        pass
    with Store.open(data_dir) as store:
        assert [p.name.endswith("-daily.db") for p in store.list_backups()] == [True]
        for _ in range(12):
            store.backup_now()
        kept = store.list_backups()
    assert len(kept) == db.BACKUPS_KEPT
    assert all(db.check_file(p) is None for p in kept)


def test_restoring_a_healthy_database_backs_it_up_first(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        first = store.backup_now()
        store.save_profile(make_profile(2))
        store.restore(first)
        assert [r.uscc for r in store.list_enterprises()] == [make_uscc(1)]
        undo = next(p for p in store.list_backups() if "before-restore" in p.name)
        store.restore(undo)
        assert store.count_enterprises() == 2


def spoil(path: Path) -> None:
    """Overwrite the first bytes of every table's root page of a database file, as a failing disk would."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        data[(root - 1) * page_size : (root - 1) * page_size + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def test_restore_checks_backups_newest_first_and_stops_at_the_first_good_one(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each backup's check reads every page of it (PRAGMA integrity_check): `restore`, and opening a
    damaged database, checked all ten to use the newest good one, 3 s for a store of 50,000
    enterprises. They stop at the first good one; with none good, the message still counts them all."""
    with Store.open(data_dir, daily_backup=False) as store:
        for i in range(6):
            store.save_profile(make_profile(i))
            store.backup_now()
    newest, second, *older = db.list_backups(data_dir)
    spoil(newest)
    checked: list[str] = []
    real = db.check_backup

    def counted(path: Path) -> str | None:
        checked.append(path.name)
        return real(path)

    monkeypatch.setattr(db, "check_backup", counted)
    spoil(data_dir / db.DB_NAME)
    with pytest.raises(db.DamagedStoreError, match=second.name) as err:
        Store.open(data_dir)
    assert err.value.backups == [second]
    assert checked == [newest.name, second.name]

    checked.clear()
    assert db.restore_backup(data_dir) == second
    assert checked == [newest.name, second.name]
    with Store.open(data_dir, daily_backup=False) as store:
        assert len(store.list_enterprises()) == 5

    for path in [second, *older]:
        spoil(path)
    checked.clear()
    with pytest.raises(db.StoreError, match="中的 6 份备份均已损坏或不完整"):
        db.restore_backup(data_dir)
    assert sorted(checked) == sorted(p.name for p in db.list_backups(data_dir))
