"""A declaration's number (#N) names one declaration for good: a number once given in a data folder is
never given again, whether the declaration was deleted with its enterprise or replaced by an import."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store import db as store_db
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc
from tests.store.factory import shenbao

PREVIOUS = 7  # the schema version before the highest number given was kept


def everything(path: Path) -> dict[str, tuple[str | None, list[tuple]]]:
    """Each table, index and trigger of the file: its SQL and, for a table, every row."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        return {
            f"{kind} {name}": (
                sql,
                conn.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall() if kind == "table" else [],
            )
            for kind, name, sql in found
        }


def test_the_command_never_gives_a_deleted_declaration_s_number_again(data_dir: Path, tmp_path: Path) -> None:
    """#2 written on a letter to the 受理部门, then its enterprise deleted: the next declaration is #3."""
    files = []
    for i in (1, 2):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
        files.append(path)
    assert shenbao(data_dir, "import", *map(str, files)).returncode == 0

    def render(i: int) -> str:
        run = shenbao(
            data_dir,
            "render",
            "--uscc",
            make_uscc(i),
            "--measure",
            VOUCHER,
            "--out",
            str(tmp_path / f"{i}.pdf"),
        )
        assert run.returncode == 0, run.stderr
        return run.stderr

    assert "已记入申报记录 #1（已生成）" in render(1)
    assert "已记入申报记录 #2（已生成）" in render(2)
    removed = shenbao(data_dir, "profiles", "rm", make_uscc(2))
    assert removed.returncode == 0, removed.stderr
    assert shenbao(data_dir, "import", str(files[1])).returncode == 0
    assert "已记入申报记录 #3（已生成）" in render(2)
    listed = shenbao(data_dir, "declarations", "list", "--format", "json")
    assert [(e["id"], e["uscc"]) for e in json.loads(listed.stdout)] == [(1, make_uscc(1)), (3, make_uscc(2))]


def test_a_bundle_s_new_declaration_takes_no_number_given_before(data_dir: Path, tmp_path: Path) -> None:
    passphrase = "一个足够长的口令"
    with Store.open(tmp_path / "elsewhere") as there:
        there.save_profile(make_profile(3))
        there.save_draft(make_uscc(3), VOUCHER, {})
        bundle = tmp_path / "园区.shenbao"
        export_bundle(there, bundle, passphrase=passphrase)
    with Store.open(data_dir) as store:
        for i in (1, 2):
            store.save_profile(make_profile(i))
            reg.generate(store, make_uscc(i), VOUCHER, tmp_path / f"{i}.pdf", as_of=AS_OF)
        store.delete_enterprise(make_uscc(2))  # #2 goes with it
        import_into(store, read_sources([str(bundle)], lambda: passphrase), None)
        assert [(d.id, d.uscc) for d in store.list_declarations()] == [(1, make_uscc(1)), (3, make_uscc(3))]
        assert store.save_draft(make_uscc(1), VOUCHER, {}).id == 4


def test_a_previous_version_s_database_keeps_everything_and_its_deleted_numbers(
    data_dir: Path, tmp_path: Path
) -> None:
    """A data folder the previous version wrote, where #2 was printed and then deleted with its
    enterprise: the migration changes nothing stored and counts #2, which its change log names, as given."""
    with Store.open(data_dir) as store:
        for i in (1, 2):
            store.save_profile(make_profile(i))
            entry, _ = reg.generate(store, make_uscc(i), VOUCHER, tmp_path / f"{i}.pdf", as_of=AS_OF)
            reg.set_state(store, entry.id, "submitted", reference=f"R-{i}")
        store.delete_enterprise(make_uscc(2))
    path = data_dir / store_db.DB_NAME
    with contextlib.closing(store_db.connect(path)) as conn:  # as the previous version left it
        conn.execute("DROP TRIGGER IF EXISTS declarations_numbered")
        conn.execute("DROP TABLE IF EXISTS declaration_numbers")
        conn.execute(f"PRAGMA user_version = {PREVIOUS}")
    old = tmp_path / "old.db"
    with contextlib.closing(store_db.connect(old)) as conn:
        store_db.migrate(conn, target=PREVIOUS)
    assert {k: sql for k, (sql, _) in everything(path).items()} == {
        k: sql for k, (sql, _) in everything(old).items()
    }  # the previous version's schema exactly
    before = everything(path)
    assert [row[0] for row in before["table declarations"][1]] == [1]

    with Store.open(data_dir) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == store_db.SCHEMA_VERSION > PREVIOUS
        assert store.highest_declaration_number() == 2
    after = everything(path)
    added = {k: after.pop(k) for k in set(after) - set(before)}
    assert after == before
    assert sorted(added) == ["table declaration_numbers", "trigger declarations_numbered"]
    assert added["table declaration_numbers"][1] == [(1, 2)]
    assert any(f"before-v{store_db.SCHEMA_VERSION}" in p.name for p in store_db.list_backups(data_dir))

    with Store.open(data_dir) as store:
        store.save_profile(make_profile(2))
        assert reg.generate(store, make_uscc(2), VOUCHER, tmp_path / "again.pdf", as_of=AS_OF)[0].id == 3


def test_a_previous_version_s_database_without_deletions_starts_from_its_highest_number(
    data_dir: Path,
) -> None:
    with contextlib.closing(store_db.connect(data_dir / store_db.DB_NAME)) as conn:
        store_db.migrate(conn, target=PREVIOUS)
        stamp = "2026-11-01T10:00:00+08:00"
        conn.execute(
            "INSERT INTO enterprises (uscc, name, document, created_at, updated_at)"
            " VALUES (?, '旧企业', '{\"enterprise\":{}}', ?, ?)",
            (make_uscc(1), stamp, stamp),
        )
        for number in (4, 7):
            conn.execute(
                "INSERT INTO declarations (id, enterprise_id, measure, created_at, updated_at)"
                " VALUES (?, 1, ?, ?, ?)",
                (number, VOUCHER, stamp, stamp),
            )
        conn.execute(  # a name in the change log that only looks like a declaration's number
            "INSERT INTO changes (at, user, action, uscc, detail) VALUES (?, '', '保存档案', ?, '新增：企业 #99')",
            (stamp, make_uscc(1)),
        )
    with Store.open(data_dir) as store:
        assert store.highest_declaration_number() == 7
        store.conn.execute("DELETE FROM declarations WHERE id = 7")
        assert store.highest_declaration_number() == 7
