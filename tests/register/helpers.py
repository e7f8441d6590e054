"""Profiles and a store for the register's tests."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from tests.store.factory import make_profile, make_uscc

AS_OF = dt.date(2026, 11, 22)
VOUCHER = "fj2025.compute_voucher"
SUPPLY = "fz2024.compute_supply"
INFRA_USCC = make_uscc(900)


def infra_profile(*, buys_compute: bool = False) -> dict[str, Any]:
    """A Fuzhou compute operator that can apply for fz2024's 算力运营补贴 (windows in March and September);
    `buys_compute`: one that also buys computing services, for 算力使用补贴 (received at any time until the
    plan ends)."""
    bought = {"compute_purchase_amount": 200000, "compute_subsidy_year_index": 1} if buys_compute else {}
    return {
        "enterprise": {
            "name": "福州鼓山算力运营有限公司",
            "uscc": INFRA_USCC,
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": "鼓楼区",
            "is_ai_enterprise": True,
            "in_fz_compute_platform": True,
            "recognitions": [],
        },
        "facts": {
            "infra_in_fuzhou": True,
            "infra_pflops_nominal": 400,
            "infra_domestic_chip_ratio": 0.9,
            "infra_pflops_sold": 150,
            "infra_operational_on": "2025-10-01",
            "infra_in_key_library": True,
            "infra_registered": True,
            **bought,
        },
    }


__all__ = ["AS_OF", "INFRA_USCC", "SUPPLY", "VOUCHER", "infra_profile", "make_profile", "make_uscc"]


def stored(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the data folder's database, read as another program would: the
    whole stored state."""
    with contextlib.closing(sqlite3.connect(data_dir / "shenbao.db")) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
