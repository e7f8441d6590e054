"""A declaration carried by a plain bundle is judged again on import from what it was printed from (its
register's basis, as of the day it was judged), not from the enterprise's profile as it is now: the
amount on the form the firm submitted stays the amount the register and a reprint show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from shenbao.core import register as reg
from shenbao.core.model import parse_profile
from shenbao.core.store import Store
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.pdf.helpers import text_of
from tests.register.helpers import INFRA_USCC, SUPPLY, infra_profile, make_profile, make_uscc

JUDGED = dt.date(2026, 9, 10)  # in September's window of 算力运营补贴
PRINTED = "7500000.00"  # 150 P sold × 5 万元


def printed_then_changed(folder: Path, tmp_path: Path) -> tuple[int, list[str]]:
    """A 算力运营补贴 printed as of JUDGED, submitted, then the profile's sold compute lowered to 120 P."""
    with Store.open(folder, daily_backup=False) as store:
        store.save_profile(infra_profile())
        done, _ = reg.generate(store, INFRA_USCC, SUPPLY, tmp_path / "supply.pdf", as_of=JUDGED)
        reg.set_state(store, done.id, "submitted")  # today: after the window, the amount still printed
        changed = infra_profile()
        changed["facts"]["infra_pflops_sold"] = 120
        store.save_profile(changed, replace=True)
        return done.id, text_of(tmp_path / "supply.pdf")


def test_a_plain_bundle_keeps_the_printed_amount_and_a_reprint_prints_the_same(tmp_path: Path) -> None:
    number, original = printed_then_changed(tmp_path / "a", tmp_path)
    with Store.open(tmp_path / "a", daily_backup=False) as store:
        there = reg.basis_change(store, reg.entry(store, number))
        export_bundle(store, tmp_path / "plain.shenbao", omit_sensitive=True)
    assert there is not None and any("7,500,000.00 元 → 6,000,000.00 元" in line for line in there.lines)

    with Store.open(tmp_path / "b", daily_backup=False) as other:
        import_into(other, read_sources([str(tmp_path / "plain.shenbao")], lambda: None), None)
        (declaration,) = other.list_declarations(INFRA_USCC)
        assert declaration.preview["amount"] == PRINTED
        entry = reg.entry(other, declaration.id)
        assert entry.state == "submitted" and entry.as_of == JUDGED
        assert entry.amount_applied == Decimal(PRINTED)
        here = reg.basis_change(other, entry)
        assert here is not None and here.lines == there.lines
        again = reg.regenerate(other, declaration.id, tmp_path / "again.pdf")
    assert text_of(again) == original


def backbone(engineers: int) -> dict:
    doc = make_profile(7, engineers=engineers)
    doc["enterprise"]["in_ai_backbone_list"] = True
    return doc


def test_a_printed_roster_travels_as_its_count_and_judges_to_the_amount_printed(tmp_path: Path) -> None:
    """A plain bundle leaves the engineers' names and ID numbers out of the printed basis too, keeping
    their number, as it does for the profile: 核心工程师 judged again pays what was printed."""
    measure = "fj2025.core_engineer"
    code = make_uscc(7)
    with Store.open(tmp_path / "a", daily_backup=False) as store:
        store.save_profile(backbone(3))
        done, _ = reg.generate(store, code, measure, tmp_path / "core.pdf", as_of=dt.date(2026, 3, 1))
        printed = store.get_declaration(done.id).preview
        store.save_profile(backbone(0), replace=True)
        export_bundle(store, tmp_path / "plain.shenbao", omit_sensitive=True)
    assert printed["status"] == "eligible", printed
    (entry,) = read_sources([str(tmp_path / "plain.shenbao")], lambda: None)
    (item,) = entry.declarations or []
    basis = item["register"]["basis"]
    assert "core_engineers" not in basis["facts"] and basis["facts"]["core_engineer_count"] == 3
    assert parse_profile(basis).facts["core_engineer_count"] == 3
    assert item["preview"]["amount"] == printed["amount"]
    assert item["preview"]["status"] == printed["status"]


def test_a_basis_from_an_earlier_plain_bundle_takes_the_profiles_engineer_count(tmp_path: Path) -> None:
    """Plain bundles written before the basis kept the roster's number carry a basis with neither the
    roster nor its count: the count the bundle's profile gives is taken, not 待补充."""
    from shenbao.core.store.bundle import recompute

    with Store.open(tmp_path / "a", daily_backup=False) as store:
        store.save_profile(backbone(3))
        done, _ = reg.generate(
            store, make_uscc(7), "fj2025.core_engineer", tmp_path / "c.pdf", as_of=dt.date(2026, 3, 1)
        )
        printed = store.get_declaration(done.id).preview
        export_bundle(store, tmp_path / "plain.shenbao", omit_sensitive=True)
    (entry,) = read_sources([str(tmp_path / "plain.shenbao")], lambda: None)
    (item,) = entry.declarations or []
    del item["register"]["basis"]["facts"]["core_engineer_count"]
    (again,) = recompute(entry.profile, [item])
    assert again["preview"]["amount"] == printed["amount"] and again["preview"]["status"] == "eligible"


def test_a_roster_carried_as_its_number_is_no_change_to_the_printed_profile(tmp_path: Path) -> None:
    """Imported from a plain bundle, each printed declaration of a tenant with an engineer roster said
    「依据已变化：企业档案在生成后已修改」: the bundle carries the roster as its number, which the folder
    took for an edit. Unchanged, it says nothing; changed since, it still says so."""
    with Store.open(tmp_path / "a", daily_backup=False) as store:
        store.save_profile(backbone(3))
        done, _ = reg.generate(
            store, make_uscc(7), "fj2025.core_engineer", tmp_path / "c.pdf", as_of=dt.date(2026, 3, 1)
        )
        assert reg.basis_change(store, reg.entry(store, done.id)) is None
        export_bundle(store, tmp_path / "plain.shenbao", omit_sensitive=True)
        edited = backbone(3)
        edited["enterprise"]["employees"] = 99
        store.save_profile(edited, replace=True)
        export_bundle(store, tmp_path / "edited.shenbao", omit_sensitive=True)
    for bundle, changed in (("plain.shenbao", False), ("edited.shenbao", True)):
        with Store.open(tmp_path / f"into-{bundle}", daily_backup=False) as other:
            import_into(other, read_sources([str(tmp_path / bundle)], lambda: None), None)
            (declaration,) = other.list_declarations(make_uscc(7))
            change = reg.basis_change(other, reg.entry(other, declaration.id))
            assert (change is not None) is changed, change
            assert not reg.basis_changed(other, reg.entry(other, declaration.id)) or changed
