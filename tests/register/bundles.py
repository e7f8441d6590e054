"""Bundles of a register for the import's tests: a declaration awarded and partly paid, exported by the
real export, and altered through the project's own bundle reading and writing (encrypted and checked)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store.bundle import read_bundle, write_bundle
from shenbao.core.store.transfer import export_bundle
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc

CODE, OTHER = make_uscc(1), make_uscc(2)
PASSPHRASE = "园区交接口令 2026"


def whole(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the change log (an import logs that it ran)."""
    with sqlite3.connect(folder / "shenbao.db") as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables if t != "changes"
        }
    conn.close()
    return out


def paid_declaration(store: Store, tmp_path: Path) -> int:
    """CODE's (stored if it is not) 算力服务补助 printed, awarded 100,000 and paid 60,000 of it; and OTHER stored too."""
    for i in (1, 2):
        if not store.has_enterprise(make_uscc(i)):
            store.save_profile(make_profile(i))
    entry, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    reg.set_state(store, entry.id, "submitted")
    reg.set_state(store, entry.id, "selected", awarded="100,000", reference="榕科立〔2026〕7号")
    reg.set_state(store, entry.id, "paid", received="60000", note="第一期")
    return entry.id


def exported(store: Store, out: Path) -> Path:
    export_bundle(store, out, passphrase=PASSPHRASE)
    return out


def altered(
    bundle: Path, out: Path, edit: Callable[[str, dict[str, Any], list[dict[str, Any]]], None]
) -> Path:
    """The bundle read with the project's own reader, each enterprise's profile and declarations given to
    `edit`, and written again, encrypted and checked, by its own writer."""
    entries = read_bundle(bundle, lambda: PASSPHRASE)
    pairs = []
    for entry in entries:
        document = entry.profile.to_dict()
        declarations = [json.loads(json.dumps(d)) for d in entry.declarations]
        edit(str(entry.profile.uscc), document, declarations)
        pairs.append((document, declarations))
    records = {str(e.profile.uscc): e.record for e in entries if e.record}
    write_bundle(out, pairs, PASSPHRASE, records)
    return out


def over_award(code: str, document: dict[str, Any], declarations: list[dict[str, Any]]) -> None:
    """A second payment of 50,000 on the 100,000 awarded, 60,000 of which is paid: 110,000 in all; and
    a profile change of the same enterprise, which is not held hostage."""
    if code != CODE:
        return
    document["enterprise"]["employees"] = 321
    for item in declarations:
        if item["measure"] == VOUCHER:
            item["register"]["payments"].append(
                {"on": dt.date.today().isoformat(), "amount": "50000.00", "note": ""}
            )
            item["updated_at"] = "2099-01-01T00:00:00+08:00"  # changed later than the stored one
