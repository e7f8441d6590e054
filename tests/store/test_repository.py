"""The store on a real SQLite file: profiles, declarations, the change log, secrets at rest."""

from __future__ import annotations

import getpass
import json
import sqlite3
from pathlib import Path

import pytest

from shenbao.core.model import ProfileErrors
from shenbao.core.store import Store, StoreError
from shenbao.core.store.secrets import KeyUnavailableError, mask_id_number, masked_profile
from tests.store.factory import (
    PASSPHRASE,
    assert_refused,
    make_id_number,
    make_profile,
    make_uscc,
    raw_bytes,
    shenbao,
)


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir) as opened:
        yield opened


def test_a_saved_profile_comes_back_identical(store: Store) -> None:
    doc = make_profile(1)
    store.save_profile(doc)
    assert store.get_profile(make_uscc(1)) == {k: v for k, v in doc.items() if k != "format"}


def test_absent_and_null_sections_round_trip(store: Store) -> None:
    doc = {"enterprise": {"name": "无事实企业", "uscc": make_uscc(2), "recognitions": None}}
    store.save_profile(doc)
    assert store.get_profile(make_uscc(2)) == doc


def test_saving_again_replaces_the_profile_not_adds_one(store: Store) -> None:
    store.save_profile(make_profile(3))
    changed = make_profile(3, engineers=1, name="改名后的企业")
    del changed["facts"]["ai_products"]
    store.save_profile(changed)
    assert store.count_enterprises() == 1
    back = store.get_profile(make_uscc(3))
    assert back["enterprise"]["name"] == "改名后的企业"
    assert "ai_products" not in back["facts"]
    assert len(back["facts"]["core_engineers"]) == 1


def test_an_invalid_profile_is_refused_and_nothing_written(store: Store) -> None:
    doc = make_profile(4)
    doc["facts"]["core_engineers"][0]["id_number"] = "350102199001011230"
    with pytest.raises(ProfileErrors) as err:
        store.save_profile(doc)
    assert err.value.errors[0].field == "facts.core_engineers[0].id_number"
    missing = make_profile(5)
    del missing["enterprise"]["uscc"]
    with pytest.raises(ProfileErrors):
        store.save_profile(missing)
    assert store.count_enterprises() == 0


def test_search_matches_part_of_name_code_and_district(store: Store) -> None:
    for i in range(8):
        store.save_profile(make_profile(i, engineers=0))
    store.save_profile(make_profile(20, engineers=0, name="厦门百分之百_数据有限公司"))
    assert len(store.list_enterprises()) == 9
    assert [r.uscc for r in store.list_enterprises("测试0003")] == [make_uscc(3)]
    assert [r.uscc for r in store.list_enterprises(make_uscc(5)[-4:])] == [make_uscc(5)]
    assert {r.district for r in store.list_enterprises("台江")} == {"台江区"}
    assert [r.name for r in store.list_enterprises("百分之百_")] == ["厦门百分之百_数据有限公司"]
    assert store.list_enterprises("%") == []


def test_delete_takes_declarations_with_it(store: Store) -> None:
    store.save_profile(make_profile(6))
    store.save_draft(make_uscc(6), "fz2024.compute_use", {"amount": 1})
    store.delete_enterprise(make_uscc(6))
    assert store.list_enterprises() == []
    assert store.conn.execute("SELECT count(*) FROM declarations").fetchone()[0] == 0
    with pytest.raises(StoreError):
        store.delete_enterprise(make_uscc(6))


def test_duplicate_copies_the_profile_under_a_new_code(store: Store) -> None:
    store.save_profile(make_profile(7))
    store.duplicate_enterprise(make_uscc(7), make_uscc(8), "复制出的企业")
    copy = store.get_profile(make_uscc(8))
    assert copy["enterprise"]["name"] == "复制出的企业"
    assert copy["facts"] == store.get_profile(make_uscc(7))["facts"]
    with pytest.raises(StoreError):
        store.duplicate_enterprise(make_uscc(7), make_uscc(8))


def test_declaration_goes_draft_ready_rendered_and_back_to_draft(store: Store) -> None:
    code = make_uscc(9)
    store.save_profile(make_profile(9))
    draft = store.save_draft(code, "fj2025.core_engineer", {"roster": ["x"]}, page="roster")
    assert (draft.state, draft.page, draft.answers) == ("draft", "roster", {"roster": ["x"]})
    assert store.open_declaration(code, "fj2025.core_engineer") == draft
    with pytest.raises(StoreError):
        store.mark_rendered(draft.id, "a" * 64)
    ready = store.mark_ready(draft.id, preview={"results": []}, policy_version="2026.1")
    assert (ready.state, ready.preview, ready.policy_version) == ("ready", {"results": []}, "2026.1")
    with pytest.raises(StoreError):
        store.mark_rendered(draft.id, "not a digest")
    done = store.mark_rendered(draft.id, "AB" * 32)
    assert (done.state, done.pdf_sha256) == ("rendered", "ab" * 32)
    # printed, not handed in: the wizard resumes it and prints it again, rather than a second one
    assert store.open_declaration(code, "fj2025.core_engineer") == done
    again = store.save_draft(code, "fj2025.core_engineer", {"roster": []}, declaration_id=draft.id)
    assert (again.state, again.pdf_sha256, again.preview) == ("draft", None, None)
    with pytest.raises(StoreError):
        store.save_draft(code, "fz2024.compute_use", {}, declaration_id=draft.id)
    assert [d.id for d in store.list_declarations(code)] == [draft.id]


def test_every_change_is_logged_with_the_local_user(store: Store) -> None:
    store.save_profile(make_profile(10))
    store.save_draft(make_uscc(10), "fz2024.compute_use", {})
    store.delete_enterprise(make_uscc(10))
    log = store.changes()
    assert [c.action for c in log] == ["删除企业", "保存申报草稿", "保存档案"]
    assert {c.user for c in log} == {getpass.getuser()}
    assert all(c.uscc == make_uscc(10) for c in log)


def test_no_id_number_name_or_phone_lies_in_clear_on_disk(data_dir: Path, memory_keyring) -> None:
    doc = make_profile(11, engineers=3)
    with Store.open(data_dir) as store:
        store.save_profile(doc)
        store.save_draft(make_uscc(11), "fj2025.core_engineer", {"roster": doc["facts"]["core_engineers"]})
        store.backup_now()
        raw = raw_bytes(data_dir)
        assert store.get_profile(make_uscc(11))["facts"]["core_engineers"] == doc["facts"]["core_engineers"]
    for engineer in doc["facts"]["core_engineers"]:
        assert engineer["id_number"].encode() not in raw
        assert engineer["name"].encode() not in raw
    assert doc["enterprise"]["contact_phone"].encode() not in raw
    key = next(iter(memory_keyring.entries.values()))
    assert key.encode() not in raw


def test_listing_needs_no_key_but_reading_secrets_does(data_dir: Path, memory_keyring) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(12))
    memory_keyring.entries.clear()
    with Store.open(data_dir) as store:
        assert [r.uscc for r in store.list_enterprises()] == [make_uscc(12)]
        with pytest.raises(KeyUnavailableError, match="钥匙串"):
            store.get_profile(make_uscc(12))


def test_without_a_keyring_the_passphrase_unlocks_and_is_never_stored(
    data_dir: Path, no_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = make_profile(13)
    with Store.open(data_dir) as store:
        store.save_profile(doc)
    assert PASSPHRASE.encode() not in raw_bytes(data_dir)
    with Store.open(data_dir) as store:
        assert store.get_profile(make_uscc(13))["facts"]["core_engineers"] == doc["facts"]["core_engineers"]
    monkeypatch.setenv("SHENBAO_PASSPHRASE", "另一个口令")
    with Store.open(data_dir) as store, pytest.raises(KeyUnavailableError, match="口令不正确"):
        store.get_profile(make_uscc(13))
    monkeypatch.delenv("SHENBAO_PASSPHRASE")
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return PASSPHRASE

    with Store.open(data_dir, prompt=prompt) as store:
        assert (
            store.get_profile(make_uscc(13))["enterprise"]["contact_phone"]
            == doc["enterprise"]["contact_phone"]
        )
    assert asked == [False]
    with Store.open(data_dir) as store, pytest.raises(KeyUnavailableError, match="SHENBAO_PASSPHRASE"):
        store.get_profile(make_uscc(13))


def test_a_blob_moved_to_another_enterprise_does_not_decrypt(store: Store) -> None:
    store.save_profile(make_profile(14))
    store.save_profile(make_profile(15))
    with store.conn:
        store.conn.execute(
            "UPDATE enterprises SET secrets = (SELECT secrets FROM enterprises WHERE uscc = ?) WHERE uscc = ?",
            (make_uscc(14), make_uscc(15)),
        )
    with pytest.raises(StoreError, match="无法解密"):
        store.get_profile(make_uscc(15))


def test_masking_shows_the_ends_of_an_id_number() -> None:
    assert mask_id_number("350102199001011235") == "350102********1235"
    assert mask_id_number("H1234567801") == "H1*******01"  # as the printed form masks it
    assert mask_id_number("E12345678") == "E1*****78"
    doc = masked_profile(make_profile(16))
    assert doc["facts"]["core_engineers"][0]["id_number"] == mask_id_number(make_id_number(160))
    assert "*" in doc["enterprise"]["contact_phone"]


def test_the_database_file_has_wal_foreign_keys_and_the_schema_version(store: Store) -> None:
    from shenbao.core.store.db import SCHEMA_VERSION

    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO facts VALUES (999, 'x', '1')")
    assert json.loads(json.dumps(store.path.name)) == "shenbao.db"


@pytest.mark.parametrize(
    "value",
    [
        0,
        -7,
        10**30,
        True,
        False,
        0.35,
        1e-07,
        1e300,
        -0.0,
        float("nan"),
        float("inf"),
        "甲",
        None,
        [1, 0.5, True],
    ],
)
def test_a_lone_number_or_yes_no_is_written_as_the_encoder_writes_it(value: object) -> None:
    from shenbao.core.store.repository import _ENCODER, to_json

    assert to_json(value) == _ENCODER.encode(value)
    assert json.loads(to_json(value)) == value or value != value  # NaN is not equal to itself


def test_an_enterprise_stored_under_a_hyphened_code_is_still_found_and_kept_one(store: Store) -> None:
    """A code an earlier version stored as typed (91350100-0000-0050-37): looked up, saved again and
    given a declaration by its plain code, it stays one enterprise under the code it has, its sealed
    fields still readable."""
    code = make_uscc(7)
    old = f"{code[:8]}-{code[8:12]}-{code[12:16]}-{code[16:]}"
    store.save_profile({"enterprise": {"name": "旧代码企业", "uscc": code}})
    document = json.loads(store.conn.execute("SELECT document FROM enterprises").fetchone()[0])
    document["enterprise"]["uscc"] = old
    with store.conn:
        store.conn.execute("UPDATE enterprises SET uscc = ?, document = ?", (old, json.dumps(document)))
    with Store.open(store.folder) as again:
        assert again.has_enterprise(code) and again.has_enterprise(old)
        assert again.get_profile(code)["enterprise"]["name"] == "旧代码企业"
        assert code in again.stored_codes()
        again.save_profile(make_profile(7, name="旧代码企业（改名）"))
        assert [(r.uscc, r.name) for r in again.list_enterprises()] == [(old, "旧代码企业（改名）")]
        assert again.get_profile(code)["facts"]["core_engineers"][0]["id_number"] == make_id_number(70)
        draft = again.save_draft(code, "fz2024.compute_use", {"note": "草稿"})
        assert [d.answers for d in again.list_declarations(code)] == [{"note": "草稿"}]
        assert again.get_declaration(draft.id).uscc == old


def test_the_register_of_an_enterprise_stored_under_a_hyphened_code_is_found_by_its_plain_code(
    store: Store,
) -> None:
    """declarations list --uscc and a generated form look the enterprise up as the store does: by its
    plain code, whatever spelling an earlier version stored it under."""
    from shenbao.core.register import entries

    code = make_uscc(8)
    old = f"{code[:8]}-{code[8:12]}-{code[12:16]}-{code[16:]}"
    store.save_profile({"enterprise": {"name": "旧代码企业", "uscc": code}})
    with store.conn:
        store.conn.execute("UPDATE enterprises SET uscc = ?", (old,))
    with Store.open(store.folder) as again:
        again.save_draft(code, "fz2024.compute_use", {"note": "草稿"})
        assert [e.measure for e in entries(again, code)] == ["fz2024.compute_use"]
        assert [e.measure for e in entries(again, old.lower())] == ["fz2024.compute_use"]


def test_an_id_number_outside_its_field_is_refused_not_stored_in_the_clear(
    store: Store, tmp_path: Path
) -> None:
    """A profile file with its roster and phone moved to the top by hand imported without a word, and
    the ID numbers and phone were written into the database in the clear: only their own fields are
    encrypted. Such a profile is refused, naming where they belong, and nothing of it is written."""
    doc = make_profile(31, engineers=0)
    roster = [{"name": "林建国", "id_number": make_id_number(310)}]
    doc["core_engineers"] = roster
    with pytest.raises(StoreError, match="写在了 enterprise.contact_phone、facts.core_engineers 以外的位置"):
        store.save_profile(doc)
    nested = make_profile(32, engineers=0)
    nested["facts"]["x_roster"] = roster
    with pytest.raises(StoreError, match="不能加密保存"):
        store.save_profile(nested)
    assert not store.has_enterprise(make_uscc(31)) and not store.has_enterprise(make_uscc(32))
    store.close()
    assert make_id_number(310).encode() not in raw_bytes(store.folder)
    path = tmp_path / "手改.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert_refused(shenbao(tmp_path / "cli", "import", str(path)), "不能加密保存")
    assert make_id_number(310).encode() not in raw_bytes(tmp_path / "cli")
