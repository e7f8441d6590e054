"""「依据已变化」 for the sensitive fields a declaration rests on: an engineer's 身份证号 or the roster of
核心工程师奖补, the contact phone every 申报书 prints. They are stored encrypted and left out of the
profile's plain digest; the register compares their keyed digests instead, without the key, so a change
flags the declarations resting on the field, and a save of the same values or a change of another
field flags nothing."""

from __future__ import annotations

import contextlib
import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store import db as store_db
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc
from tests.store.factory import make_id_number, shenbao

CODE = make_uscc(1)
ENGINEER = "fj2025.core_engineer"


def profile() -> dict[str, Any]:
    doc = make_profile(1, engineers=3)
    doc["enterprise"]["in_ai_backbone_list"] = True  # 核心工程师奖补 can be printed
    return doc


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir) as opened:
        opened.save_profile(profile())
        yield opened


@pytest.fixture
def printed(store: Store, tmp_path: Path) -> dict[str, reg.Entry]:
    """核心工程师奖补 (rests on the roster and the phone) and 算力服务补助 (on the phone only), printed."""
    return {
        measure: reg.generate(store, CODE, measure, tmp_path / f"{measure}.pdf", as_of=AS_OF)[0]
        for measure in (ENGINEER, VOUCHER)
    }


def changed(store: Store) -> dict[str, bool]:
    return {e.measure: reg.basis_changed(store, e) for e in reg.entries(store)}


def edited(store: Store, change: Any) -> None:
    doc = store.get_profile(CODE)
    change(doc)
    store.save_profile(doc)


def test_the_measures_rest_on_the_sensitive_fields_they_print_or_count() -> None:
    assert reg.rests_on_secrets(ENGINEER) == ("enterprise.contact_phone", "facts.core_engineers")
    assert reg.rests_on_secrets(VOUCHER) == ("enterprise.contact_phone",)


def test_an_engineer_s_id_number_changed_flags_the_engineer_declaration_only(
    store: Store, printed: dict[str, reg.Entry]
) -> None:
    assert changed(store) == {ENGINEER: False, VOUCHER: False}
    edited(store, lambda doc: None)  # saved again as it was: the ciphertext is new, the digests are not
    assert changed(store) == {ENGINEER: False, VOUCHER: False}

    def new_number(doc: dict[str, Any]) -> None:
        doc["facts"]["core_engineers"][1]["id_number"] = make_id_number(77)

    edited(store, new_number)
    assert changed(store) == {ENGINEER: True, VOUCHER: False}
    change = reg.basis_change(store, reg.entry(store, printed[ENGINEER].id))
    assert change is not None and change.profile_changed and not change.policy_changed
    assert change.lines == ("核心工程师名册在生成后已修改", "金额与条件均未变")
    assert reg.basis_change(store, reg.entry(store, printed[VOUCHER].id)) is None


def test_an_engineer_added_says_the_new_amount(store: Store, printed: dict[str, reg.Entry]) -> None:
    """The roster is the count 核心工程师奖补 pays on: a fourth engineer is 80 万元, not the 60 printed."""
    edited(
        store,
        lambda doc: doc["facts"]["core_engineers"].append({"name": "新人", "id_number": make_id_number(78)}),
    )
    assert changed(store) == {ENGINEER: True, VOUCHER: False}
    change = reg.basis_change(store, reg.entry(store, printed[ENGINEER].id))
    assert change is not None and "金额：600,000.00 元 → 800,000.00 元" in change.lines


def test_the_phone_changed_flags_every_declaration_printing_it_and_back_flags_none(
    store: Store, printed: dict[str, reg.Entry]
) -> None:
    phone = store.get_profile(CODE)["enterprise"]["contact_phone"]
    edited(store, lambda doc: doc["enterprise"].update(contact_phone="13900000000"))
    assert changed(store) == {ENGINEER: True, VOUCHER: True}
    assert reg.basis_change(store, reg.entry(store, printed[VOUCHER].id)).lines[0] == "联系电话在生成后已修改"
    edited(store, lambda doc: doc["enterprise"].update(contact_phone=phone))
    assert changed(store) == {ENGINEER: False, VOUCHER: False}
    edited(store, lambda doc: doc["enterprise"].pop("contact_phone"))  # taken out is a change too
    assert changed(store) == {ENGINEER: True, VOUCHER: True}


def test_the_check_needs_no_key_and_the_database_holds_no_number_in_clear(
    store: Store, printed: dict[str, reg.Entry], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = store.get_profile(CODE)
    numbers = [e["id_number"] for e in doc["facts"]["core_engineers"]]
    edited(store, lambda d: d["facts"]["core_engineers"][0].update(id_number=make_id_number(79)))
    with contextlib.closing(sqlite3.connect(data_dir / store_db.DB_NAME)) as conn:
        kept = [
            *conn.execute("SELECT secrets_digest FROM enterprises").fetchall(),
            *conn.execute("SELECT basis_secrets FROM declarations").fetchall(),
        ]
    text = json.dumps(kept, ensure_ascii=False)
    for secret in (*numbers, make_id_number(79), doc["enterprise"]["contact_phone"]):
        assert secret not in text
    digests = [v for (row,) in kept for v in json.loads(row).values()]
    assert digests and all(len(v) == 64 for v in digests)

    def no_key(self: object) -> None:
        raise AssertionError("the key was asked for")

    monkeypatch.setattr(type(store.keys), "cipher", property(no_key))
    assert changed(store) == {ENGINEER: True, VOUCHER: False}


def test_a_new_key_keeps_the_comparison(store: Store, printed: dict[str, reg.Entry]) -> None:
    """The digests are keyed: a key rotation makes them again, so nothing is flagged by it."""
    store.rotate_key("delete")
    assert changed(store) == {ENGINEER: False, VOUCHER: False}
    edited(store, lambda doc: doc["facts"]["core_engineers"].pop())
    assert changed(store) == {ENGINEER: True, VOUCHER: False}


def test_a_bundle_taken_to_another_laptop_compares_there(
    store: Store, printed: dict[str, reg.Entry], tmp_path: Path
) -> None:
    bundle = tmp_path / "park.shenbao"
    export_bundle(store, bundle, passphrase="一个足够长的口令")
    with Store.open(tmp_path / "other") as other:
        import_into(other, read_sources([str(bundle)], lambda: "一个足够长的口令"), None)
        assert changed(other) == {ENGINEER: False, VOUCHER: False}
        doc = other.get_profile(CODE)
        doc["facts"]["core_engineers"][2]["name"] = "改名"
        other.save_profile(doc)
        assert changed(other) == {ENGINEER: True, VOUCHER: False}


def test_a_declaration_printed_before_the_digests_were_kept_compares_as_it_did(
    store: Store, printed: dict[str, reg.Entry]
) -> None:
    store.conn.execute("UPDATE declarations SET basis_secrets = NULL")
    edited(store, lambda doc: doc["enterprise"].update(contact_phone="13900000000"))
    assert changed(store) == {ENGINEER: False, VOUCHER: False}


def test_the_command_flags_a_changed_roster(data_dir: Path, tmp_path: Path) -> None:
    """`shenbao import` of the same enterprise with one 身份证号 changed, then `declarations list`."""
    first = tmp_path / "p.json"
    first.write_text(json.dumps(profile(), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(first)).returncode == 0
    for measure in (ENGINEER, VOUCHER):
        out = tmp_path / f"{measure}.pdf"
        run = shenbao(
            data_dir,
            "render",
            "--uscc",
            CODE,
            "--measure",
            measure,
            "--as-of",
            AS_OF.isoformat(),
            "--out",
            str(out),
        )
        assert run.returncode == 0, run.stderr

    def flags() -> dict[str, bool]:
        run = shenbao(data_dir, "declarations", "list", "--format", "json")
        assert run.returncode == 0, run.stderr
        return {d["measure"]: d["basis_changed"] for d in json.loads(run.stdout)}

    again = shenbao(data_dir, "import", "--on-conflict", "replace", str(first))
    assert again.returncode == 0, again.stderr
    assert flags() == {ENGINEER: False, VOUCHER: False}
    doc = copy.deepcopy(profile())
    doc["facts"]["core_engineers"][1]["id_number"] = make_id_number(77)
    second = tmp_path / "q.json"
    second.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", "--on-conflict", "replace", str(second)).returncode == 0
    assert flags() == {ENGINEER: True, VOUCHER: False}
    engineer = next(
        d
        for d in json.loads(shenbao(data_dir, "declarations", "list", "--format", "json").stdout)
        if d["measure"] == ENGINEER
    )
    shown = shenbao(data_dir, "declarations", "show", str(engineer["id"]), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert "核心工程师名册在生成后已修改" in json.loads(shown.stdout)["basis_changes"]
    assert make_id_number(77) not in shown.stdout
