"""A bundle's declarations an import does not take are said, never passed over in silence.

A colleague's bundle carrying a change to a declaration (a new state, a payment) whose stored copy was
changed here after it: the stored one wins, as before, but the import said nothing of it and counted
the tenant 不变, so the park officer believed the colleague's changes were in. And a bundle whose
payments add up to more than the sum awarded, or sit on a declaration that is not 已拨付, was taken
whole, though the register refuses each such payment typed (`declarations set-state ID paid
--received`). Both are walked here on real SQLite files, with bundles exported by the real export and
altered through the project's own bundle reading and writing (they are encrypted and checked)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store.imports import apply_plan, plan_import, read_incoming
from shenbao.core.store.transfer import import_into, read_sources
from tests.register.bundles import (
    CODE,
    OTHER,
    PASSPHRASE,
    altered,
    exported,
    over_award,
    paid_declaration,
    whole,
)
from tests.register.helpers import AS_OF, VOUCHER
from tests.store.factory import shenbao

DRAFT = "fj2025.core_engineer"


def plan_of(folder: Path, bundle: Path) -> Any:
    with Store.open(folder) as store:
        return plan_import(store, *read_incoming([bundle], lambda: PASSPHRASE))


def imported(folder: Path, bundle: Path, on_conflict: str | None = "replace") -> Any:
    with Store.open(folder) as store:
        return apply_plan(
            store, plan_import(store, *read_incoming([bundle], lambda: PASSPHRASE)), on_conflict
        )


# --- a change set aside because the stored one is newer ------------------------------------------


def test_a_colleagues_payment_set_aside_for_a_newer_stored_one_is_said_and_not_counted_unchanged(
    store: Store, tmp_path: Path
) -> None:
    number = paid_declaration(store, tmp_path)
    colleague = tmp_path / "colleague"
    with Store.open(colleague) as there:  # the colleague takes the park's bundle, records the second payment
        import_into(there, read_sources([exported(store, tmp_path / "园区.shenbao")], lambda: PASSPHRASE))
        (theirs,) = [e.id for e in reg.entries(there) if e.measure == VOUCHER]
        reg.set_state(there, theirs, "paid", received="40000", note="第二期")
        back = exported(there, tmp_path / "同事.shenbao")
    time.sleep(1.1)  # the officer records something here afterwards (to the second)
    reg.set_deadline(store, number, AS_OF + dt.timedelta(days=30))
    store.conn.commit()
    folder = Path(store.folder)
    before = whole(folder)

    plan = plan_of(folder, back)
    (entry, other) = sorted(plan.entries, key=lambda e: e.uscc)
    assert (entry.uscc, entry.action, other.action) == (CODE, "held", "unchanged")
    (line,) = plan.set_aside_lines()
    stored = reg.entry(store, number)
    assert line.startswith(f"{CODE}（{entry.name}）：申报 算力服务补助（{VOUCHER}，")
    assert f"本机的记录其后 {stored.updated_at[:19].replace('T', ' ')} 由 {store.user} 又更改过" in line
    assert "保留本机的" in line
    assert plan.summary() == "新增 0 家，更新 0 家，不变 1 家，数据包中的 1 份申报未导入"
    assert plan.conflicts() == []  # nothing of the tenant is written: no --on-conflict needed

    report = imported(folder, back)
    assert report.unchanged == [OTHER] and CODE not in report.added + report.replaced + report.kept
    assert report.set_aside == [line]
    assert report.summary() == "新增 0 家，更新 0 家，保留已有 0 家，不变 1 家，数据包中的 1 份申报未导入"
    assert whole(folder) == before  # the stored one wins, as before: nothing written


def test_an_older_copy_of_the_stored_declaration_is_not_named(store: Store, tmp_path: Path) -> None:
    """The park's own bundle of yesterday, brought back after a payment recorded here: it holds nothing
    the stored declaration lacks, so nothing of it is set aside, and the tenant is 不变."""
    number = paid_declaration(store, tmp_path)
    bundle = exported(store, tmp_path / "昨天.shenbao")
    time.sleep(1.1)
    reg.set_state(store, number, "paid", received="40000", note="第二期")
    store.conn.commit()
    folder = Path(store.folder)
    before = whole(folder)
    plan = plan_of(folder, bundle)
    assert {e.action for e in plan.entries} == {"unchanged"} and plan.set_aside_lines() == []
    report = imported(folder, bundle)
    assert sorted(report.unchanged) == [CODE, OTHER] and report.set_aside == []
    assert whole(folder) == before


# --- payments the register refuses --------------------------------------------------------------


def test_payments_over_the_award_are_refused_and_the_rest_of_the_tenant_imports(
    store: Store, tmp_path: Path
) -> None:
    paid_declaration(store, tmp_path)
    store.save_draft(CODE, DRAFT, {"facts.core_engineer_count": 3}, page="engineers")
    bundle = altered(exported(store, tmp_path / "园区.shenbao"), tmp_path / "改过.shenbao", over_award)

    fresh = tmp_path / "fresh"  # a new folder: the tenant is added without the refused declaration
    report = imported(fresh, bundle, None)
    (line,) = report.set_aside
    assert line.startswith(f"{CODE}（")
    assert f"申报 算力服务补助（{VOUCHER}，" in line
    assert line.endswith("未导入：累计拨付 110,000.00 元超过核定金额 100,000.00 元")
    assert sorted(report.added) == [CODE, OTHER]
    with Store.open(fresh) as there:
        assert [(e.measure, e.state) for e in reg.entries(there, CODE)] == [(DRAFT, "draft")]
        assert there.get_profile(CODE)["enterprise"]["employees"] == 321
        assert there.has_enterprise(OTHER)

    folder = Path(store.folder)  # the park's own folder: the stored declaration stays as it is
    kept = {e.measure: e.to_dict() for e in reg.entries(store, CODE)}
    plan = plan_of(folder, bundle)
    (mine,) = [e for e in plan.entries if e.uscc == CODE]
    assert mine.action == "replace" and [str(c) for c in mine.changes] == ["从业人数：（空） → 321"]
    (said,) = plan.set_aside_lines()
    assert said.endswith("未导入：累计拨付 110,000.00 元超过核定金额 100,000.00 元；保留本机的记录")
    report = imported(folder, bundle)
    assert report.replaced == [CODE] and report.set_aside == [said]
    with Store.open(folder) as again:
        assert {e.measure: e.to_dict() for e in reg.entries(again, CODE)} == kept
        assert again.get_profile(CODE)["enterprise"]["employees"] == 321


def test_payments_on_a_declaration_not_paid_are_refused(store: Store, tmp_path: Path) -> None:
    number = paid_declaration(store, tmp_path)
    store.conn.commit()

    def not_paid(code: str, document: dict[str, Any], declarations: list[dict[str, Any]]) -> None:
        for item in declarations:
            item["register"]["state"] = "accepted"  # 已受理, its 60,000 payment still carried

    bundle = altered(exported(store, tmp_path / "园区.shenbao"), tmp_path / "改过.shenbao", not_paid)
    fresh = tmp_path / "fresh"
    report = imported(fresh, bundle, None)
    (line,) = report.set_aside
    assert line.endswith("未导入：申报为已受理，却记有拨付 60,000.00 元：拨付只能在已拨付时记录")
    with Store.open(fresh) as there:
        assert reg.entries(there, CODE) == [] and sorted(report.added) == [CODE, OTHER]
    assert reg.entry(store, number).state == "paid"


def test_the_register_still_refuses_a_payment_typed_over_the_award(store: Store, tmp_path: Path) -> None:
    """The bundle's check is the register's own: a payment typed is refused for the same sum, in the same
    words."""
    number = paid_declaration(store, tmp_path)
    with pytest.raises(reg.RegisterError) as refused:
        reg.set_state(store, number, "paid", received="50000")
    assert str(refused.value) == "累计拨付 110,000.00 元超过核定金额 100,000.00 元"


# --- the command -----------------------------------------------------------------------------------


def test_the_command_says_each_declaration_it_did_not_take(
    no_keyring: None, store: Store, tmp_path: Path
) -> None:
    number = paid_declaration(store, tmp_path)
    colleague = tmp_path / "colleague"
    with Store.open(colleague) as there:
        import_into(there, read_sources([exported(store, tmp_path / "园区.shenbao")], lambda: PASSPHRASE))
        (theirs,) = [e.id for e in reg.entries(there) if e.measure == VOUCHER]
        reg.set_state(there, theirs, "paid", received="40000", note="第二期")
        back = exported(there, tmp_path / "同事.shenbao")
    time.sleep(1.1)
    reg.set_deadline(store, number, AS_OF + dt.timedelta(days=30))
    store.conn.commit()
    broken = altered(back, tmp_path / "改过.shenbao", over_award)
    folder = Path(store.folder)
    env = {"SHENBAO_BUNDLE_PASSPHRASE": PASSPHRASE}

    dry = shenbao(folder, "import", str(back), "--dry-run", **env)
    assert dry.returncode == 0, dry.stderr
    assert "预览：新增 0 家，更新 0 家，不变 1 家，数据包中的 1 份申报未导入" in dry.stderr
    assert "注意：数据包中的 1 份申报将不导入：" in dry.stderr
    assert f"  {CODE}（" in dry.stderr and "又更改过" in dry.stderr

    before = whole(folder)
    run = shenbao(folder, "import", str(back), **env)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == "导入完成：新增 0 家，更新 0 家，保留已有 0 家，不变 1 家，数据包中的 1 份申报未导入"
    assert lines[1] == "注意：数据包中的 1 份申报未导入："
    assert lines[2].startswith(f"  {CODE}（") and "保留本机的" in lines[2] and len(lines) == 3
    assert whole(folder) == before

    run = shenbao(folder, "import", str(broken), "--on-conflict", "replace", **env)
    assert run.returncode == 0, run.stderr
    assert "累计拨付 150,000.00 元超过核定金额 100,000.00 元；保留本机的记录" in run.stderr
    assert "Traceback" not in run.stderr
    shown = shenbao(folder, "declarations", "show", str(number), "--format", "json")
    assert json.loads(shown.stdout)["amount_received"] == "60000.00"  # the stored payments, as they were
    profile = shenbao(folder, "profiles", "show", CODE)
    assert json.loads(profile.stdout)["enterprise"]["employees"] == 321  # the rest of the tenant imported
