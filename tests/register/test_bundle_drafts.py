"""A wizard's draft in a data pack: its answers are kept by path ("enterprise.contact_phone"), and a
sensitive one travels only where the profile's own would."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.store import Store
from shenbao.core.store.db import StoreError
from shenbao.core.store.secrets import (
    SENSITIVE_ANSWER_KEYS,
    declaration_sensitive,
    has_sensitive,
    without_sensitive,
)
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.register.helpers import VOUCHER, make_uscc

CODE = make_uscc(41)
PHONE = "13905910000"
ID_NUMBER = "350102196305121234"  # an engineer born in 1963 (check character not needed here)


def with_draft(folder: Path) -> None:
    """An enterprise with no phone stored, and a draft whose wizard was given one (and the profile's
    value it was given over, which a draft keeps beside its answers)."""
    with Store.open(folder, daily_backup=False) as store:
        store.save_profile(
            parse_profile(
                {"enterprise": {"name": "福州甲科技有限公司", "uscc": CODE}, "facts": {}}, require_uscc=True
            )
        )
        answers = {
            "enterprise.contact_name": "张三",
            "enterprise.contact_phone": PHONE,
            "answered_over": {"enterprise.contact_name": None, "enterprise.contact_phone": "0591-87654321"},
        }
        store.save_draft(CODE, VOUCHER, answers, page="contact")


def pack_text(path: Path) -> str:
    with zipfile.ZipFile(path) as pack:
        return "".join(pack.read(name).decode("utf-8", "replace") for name in pack.namelist())


def test_a_phone_typed_in_a_wizard_is_not_written_in_the_clear(tmp_path: Path) -> None:
    """A plain pack carried the phone a wizard's draft held, with or without --omit-sensitive: the
    checks looked for `contact_phone`, and a draft keeps its answers by path."""
    with_draft(tmp_path / "a")
    with Store.open(tmp_path / "a", daily_backup=False) as store:
        with pytest.raises(StoreError, match="敏感信息"):
            export_bundle(store, tmp_path / "plain.shenbao")
        assert not (tmp_path / "plain.shenbao").exists()
        export_bundle(store, tmp_path / "omitted.shenbao", omit_sensitive=True)
        export_bundle(store, tmp_path / "sealed.shenbao", passphrase="pack passphrase 2026")
    text = pack_text(tmp_path / "omitted.shenbao")
    assert PHONE not in text and "87654321" not in text and "张三" in text

    with Store.open(tmp_path / "b", daily_backup=False) as other:  # the sealed pack keeps every answer
        import_into(
            other, read_sources([str(tmp_path / "sealed.shenbao")], lambda: "pack passphrase 2026"), None
        )
        (draft,) = other.list_declarations(CODE)
        assert other.open_declaration(CODE, VOUCHER).answers["enterprise.contact_phone"] == PHONE
        assert draft.state == "draft"


@pytest.mark.parametrize(
    "value",
    [
        {"enterprise.contact_phone": PHONE},
        {"answered_over": {"enterprise.contact_phone": PHONE}},
        {"facts.core_engineers": [{"name": "王五", "id_number": ID_NUMBER}]},
    ],
)
def test_an_answer_named_by_its_path_is_sensitive(value: dict) -> None:
    assert has_sensitive(value, SENSITIVE_ANSWER_KEYS) and declaration_sensitive({"answers": value})
    assert not has_sensitive(without_sensitive(value, SENSITIVE_ANSWER_KEYS), SENSITIVE_ANSWER_KEYS)
    blank = {"enterprise.contact_name": "张三", "enterprise.contact_phone": ""}
    assert not declaration_sensitive({"answers": blank})


def test_a_provenance_keyed_by_path_says_where_a_value_came_from_and_is_kept() -> None:
    """A profile's provenance is keyed by path too: a pack without the phone still says where the phone
    the importing folder keeps came from, and its record is no secret."""
    document = {
        "enterprise": {"name": "甲"},
        "provenance": {"enterprise.contact_phone": {"source": "imported", "file": "星河.json"}},
    }
    assert not has_sensitive(document) and without_sensitive(document) == document
