"""Finalizing a declaration is all or nothing: the profile, the declaration's state and preview, the
PDF and its digest are written together, or none of them is."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.declarations import finalize_declaration
from shenbao.core.pdf import NotRenderable
from shenbao.core.store import Store
from shenbao.core.store.db import StoreError
from tests.store.factory import make_uscc

AS_OF = dt.date(2026, 3, 10)
CODE = make_uscc(8)
VOUCHER = "fj2025.compute_voucher"


def profile(amount: int) -> dict[str, Any]:
    return {
        "enterprise": {
            "name": "福州测试8智能科技有限公司",
            "uscc": CODE,
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": "仓山区",
            "is_ai_enterprise": True,
        },
        "facts": {"compute_purchase_amount": amount, "compute_subsidy_year_index": 1},
    }


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir, daily_backup=False) as opened:
        opened.save_profile(profile(1))
        yield opened


def leftovers(store: Store) -> list[Path]:
    folder = Path(store.folder) / "declarations"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_finalized_declaration_has_its_profile_preview_pdf_and_digest(store: Store) -> None:
    draft = store.save_draft(CODE, VOUCHER, {"facts.compute_purchase_amount": 200000}, page="review")
    done = finalize_declaration(store, draft.id, profile(200000), AS_OF)
    assert done.pdf.read_bytes().startswith(b"%PDF") and leftovers(store) == [done.pdf]
    declaration = store.get_declaration(draft.id)
    assert declaration.state == "rendered"
    assert declaration.pdf_sha256 == hashlib.sha256(done.pdf.read_bytes()).hexdigest()
    assert declaration.preview["amount"] == "100000.00"
    assert store.get_profile(CODE)["facts"]["compute_purchase_amount"] == 200000


def test_nothing_is_written_when_the_measure_cannot_be_printed(store: Store) -> None:
    draft = store.save_draft(CODE, VOUCHER, {}, page="review")
    with pytest.raises(NotRenderable):
        finalize_declaration(store, draft.id, profile(60000), AS_OF)  # under the threshold: ineligible
    assert store.get_profile(CODE)["facts"]["compute_purchase_amount"] == 1
    assert store.get_declaration(draft.id).state == "draft" and leftovers(store) == []


def test_nothing_is_written_when_the_store_refuses_midway(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = store.save_draft(CODE, VOUCHER, {}, page="review")

    def refuse(*_args: Any, **_kw: Any) -> None:
        raise StoreError("磁盘已满或无法写入，本次修改未保存")

    monkeypatch.setattr(store, "mark_rendered", refuse)
    with pytest.raises(StoreError):
        finalize_declaration(store, draft.id, profile(200000), AS_OF)
    assert store.get_profile(CODE)["facts"]["compute_purchase_amount"] == 1  # the profile save rolled back
    assert store.get_declaration(draft.id).state == "draft" and leftovers(store) == []


def test_a_declaration_is_finalized_only_with_its_own_enterprise(store: Store) -> None:
    draft = store.save_draft(CODE, VOUCHER, {}, page="review")
    other = profile(200000)
    other["enterprise"]["uscc"] = make_uscc(9)
    with pytest.raises(StoreError):
        finalize_declaration(store, draft.id, other, AS_OF)
    assert not store.has_enterprise(make_uscc(9)) and leftovers(store) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a killed writer is told by its process id on POSIX")
def test_what_a_killed_finish_left_is_cleared_and_a_live_writer_s_file_kept(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """完成 printed under a name of its own with no process id: killed midway, its hidden part stayed in
    declarations/ for good (no later finish removed it), and a reprint took any such name for a dead
    process's leftover, even one a finish in another window was still writing. It now prints as a reprint
    does: under a name carrying its process id, what a killed print left cleared first."""
    draft = store.save_draft(CODE, VOUCHER, {}, page="review")
    target = Path(store.folder) / "declarations" / f"{CODE}_{VOUCHER}_{draft.id}.pdf"
    target.parent.mkdir(parents=True)
    killed = target.with_name(f".{target.name}.999999999.abcdef.part")  # no process has that id
    writing = target.with_name(f".{target.name}.{os.getppid()}.123456.part")  # a live process's
    for part in (killed, writing):
        part.write_bytes(b"%PDF-1.4 part")
    from shenbao.core.pdf import render_declaration

    printed_to: list[Path] = []

    def render(profile: Any, preview: Any, measure: str, out: Path, **kw: Any) -> Any:
        printed_to.append(out)
        return render_declaration(profile, preview, measure, out, **kw)

    monkeypatch.setattr("shenbao.core.pdf.render_declaration", render)
    done = finalize_declaration(store, draft.id, profile(200000), AS_OF)
    assert done.pdf == target and target.read_bytes().startswith(b"%PDF")
    assert f".{os.getpid()}." in printed_to[0].name and not printed_to[0].exists()
    assert not killed.exists() and writing.exists()
    assert leftovers(store) == sorted([writing, target])
