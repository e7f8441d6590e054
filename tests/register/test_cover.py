"""A declaration's cover (受理部门, 申报日期) in the store: recorded when printed, printed again by a reprint,
carried by a bundle (an older bundle without it still imports), added to a version 5 database."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from shenbao.core import register as reg
from shenbao.core.declarations import finalize_declaration
from shenbao.core.store import Store
from shenbao.core.store import db as store_db
from shenbao.core.store.bundle import BundleError, _zip
from shenbao.core.store.repository import Cover
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.pdf.helpers import text_of
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc
from tests.store.factory import shenbao

CODE = make_uscc(1)
OFFICE = "福州市数据管理局"
DAY = dt.date(2026, 3, 20)
COVER_COLUMNS = "SELECT id, measure, state, office, declared_on FROM declarations ORDER BY id"


@pytest.fixture
def printed(store: Store) -> int:
    """One declaration printed with its cover filled in, and a draft of another measure keeping one."""
    draft = store.save_draft(CODE, VOUCHER, {}, page="review", cover=Cover("省数据管理局", None))
    assert store.get_declaration(draft.id).cover == Cover("省数据管理局", None)
    done = finalize_declaration(store, draft.id, make_profile(1), AS_OF, declared_on=DAY, office=OFFICE)
    store.save_draft(CODE, "fz2024.compute_use", {}, page="review", cover=Cover("", DAY))
    return done.declaration.id


def declarations_of(folder: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(folder / store_db.DB_NAME)) as conn:
        return conn.execute(COVER_COLUMNS).fetchall()


def test_printing_records_the_cover_and_a_reprint_prints_it(store: Store, printed: int) -> None:
    e = reg.entry(store, printed)
    assert (e.office, e.declared_on) == (OFFICE, DAY)
    assert store.get_declaration(printed).cover == Cover(OFFICE, DAY)
    path = Path(e.pdf_path or "")
    original = text_of(path)[0]
    assert f"受理部门{OFFICE}" in original and "申报日期2026年3月20日" in original
    path.unlink()
    reg.regenerate(store, printed)
    assert text_of(path)[0] == original


def test_declarations_show_says_the_cover(store: Store, printed: int, data_dir: Path, tmp_path: Path) -> None:
    plain, _ = reg.generate(store, CODE, "fz2024.compute_use", tmp_path / "b.pdf", as_of=AS_OF)
    store.close()
    shown = shenbao(data_dir, "declarations", "show", str(printed), "--format", "text")
    assert shown.returncode == 0, shown.stderr
    assert f"受理部门：{OFFICE}  申报日期：2026-03-20\n" in shown.stdout
    without = shenbao(data_dir, "declarations", "show", str(plain.id), "--format", "text")
    assert without.returncode == 0, without.stderr
    assert "受理部门" not in without.stdout and "申报日期" not in without.stdout


def test_a_print_without_a_cover_records_none(store: Store, tmp_path: Path) -> None:
    e, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "a.pdf", as_of=AS_OF)
    assert (e.office, e.declared_on) == (None, None)
    text = text_of(tmp_path / "a.pdf")[0]
    cover = text[text.index("受理部门") : text.index("受理部门") + 40]
    assert "____年" in cover and "2026" not in cover, cover


def test_a_bundle_carries_the_cover(store: Store, printed: int, tmp_path: Path, data_dir: Path) -> None:
    bundle = tmp_path / "park.shenbao"
    export_bundle(store, bundle, passphrase="一个足够长的口令")
    other = tmp_path / "other"
    with Store.open(other) as there:
        import_into(there, read_sources([str(bundle)], lambda: "一个足够长的口令"), None)
        assert [d.cover for d in there.list_declarations(CODE)] == [Cover(OFFICE, DAY), Cover("", DAY)]
    assert (
        declarations_of(other)
        == declarations_of(data_dir)
        == [
            (1, VOUCHER, "rendered", OFFICE, "2026-03-20"),
            (2, "fz2024.compute_use", "draft", "", "2026-03-20"),
        ]
    )


def plain_bundle(store: Store, tmp_path: Path, edit) -> Path:
    """A plain bundle of the store with its declarations edited by `edit`."""
    bundle = tmp_path / "park.shenbao"
    export_bundle(store, bundle, omit_sensitive=True)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    name = f"declarations/{CODE}.json"
    declarations = json.loads(members[name])
    for item in declarations:
        edit(item)
    members[name] = json.dumps(declarations, ensure_ascii=False).encode()
    manifest.pop("members")
    edited = tmp_path / "edited.shenbao"
    edited.write_bytes(_zip(members, manifest))
    return edited


def test_an_older_bundle_without_a_cover_still_imports(store: Store, printed: int, tmp_path: Path) -> None:
    def older(item: dict) -> None:
        assert item.pop("office") is not None and item.pop("declared_on") == "2026-03-20"

    other = tmp_path / "other"
    with Store.open(other) as there:
        import_into(there, read_sources([str(plain_bundle(store, tmp_path, older))], lambda: ""), None)
        assert [d.cover for d in there.list_declarations(CODE)] == [Cover(), Cover()]
        e = reg.entries(there)[0]
        assert (e.office, e.declared_on) == (None, None)


def test_a_bundle_with_a_cover_date_that_is_no_date_is_refused(
    store: Store, printed: int, tmp_path: Path
) -> None:
    def bad(item: dict) -> None:
        item["declared_on"] = "2026-02-30"

    with pytest.raises(BundleError, match=r"declared_on 应为日期 YYYY-MM-DD"):
        read_sources([str(plain_bundle(store, tmp_path, bad))], lambda: "")


def test_a_version_5_database_gains_the_cover_and_keeps_its_declarations(data_dir: Path) -> None:
    conn = store_db.connect(data_dir / store_db.DB_NAME)
    store_db.migrate(conn, target=5)
    stamp = "2026-11-01T10:00:00+08:00"
    conn.execute(
        "INSERT INTO enterprises (uscc, name, document, created_at, updated_at)"
        " VALUES (?, '旧企业', '{\"enterprise\":{}}', ?, ?)",
        (CODE, stamp, stamp),
    )
    for state in ("draft", "rendered"):
        conn.execute(
            "INSERT INTO declarations (enterprise_id, measure, state, page, created_at, updated_at)"
            " VALUES (1, ?, ?, 'review', ?, ?)",
            (VOUCHER, state, stamp, stamp),
        )
    before = conn.execute("SELECT * FROM declarations ORDER BY id").fetchall()
    conn.close()
    with Store.open(data_dir) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == store_db.SCHEMA_VERSION >= 6
        after = store.conn.execute("SELECT * FROM declarations ORDER BY id").fetchall()
        assert [row[: len(before[0])] for row in after] == before  # every column it had, unchanged
        cover = slice(len(before[0]), len(before[0]) + 2)  # v6's office and declared_on
        assert [row[cover] for row in after] == [(None, None), (None, None)]
        assert [d.cover for d in store.list_declarations()] == [Cover(), Cover()]
        assert [(e.office, e.declared_on) for e in reg.entries(store)] == [(None, None), (None, None)]
        saved = store.save_draft(CODE, VOUCHER, {}, declaration_id=1, cover=Cover(OFFICE, DAY))
        assert saved.cover == Cover(OFFICE, DAY)
    assert any(f"before-v{store_db.SCHEMA_VERSION}" in p.name for p in store_db.list_backups(data_dir))
    assert store_db.check_file(data_dir / store_db.DB_NAME) is None
