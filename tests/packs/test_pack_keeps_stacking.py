"""A pack in use keeps the shipped library's stacking groups: the same compute spending claimed under the
province's and Fuzhou's measures is counted once in the headline, whatever pack is installed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shenbao.core.model import parse_profile
from shenbao.core.packs.library import commit_install, library, plan_install
from shenbao.core.policies import shipped_catalogue
from shenbao.core.rules import Rules

PROFILE = {
    "format": "shenbao-profile/1",
    "enterprise": {
        "name": "福州算力用户有限公司",
        "uscc": "913501044C12H3B168",
        "org_type": "enterprise",
        "province": "福建省",
        "city": "福州市",
        "district": "鼓楼区",
        "in_fz_compute_platform": True,
    },
    "facts": {"compute_purchase_amount": 1800000, "compute_subsidy_year_index": 1},
}


def test_an_installed_pack_keeps_the_stacking_groups(trusted: Path, example_pack: Path) -> None:
    day = dt.date(2026, 12, 4)
    shipped = Rules(shipped_catalogue()).preview(parse_profile(PROFILE), day).totals()
    assert shipped.to_confirm > 0  # fj2025.compute_voucher and fz2024.compute_use pay for one expense
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), day))
    cat, warnings = library(trusted)
    assert warnings == []
    assert cat.stacking == shipped_catalogue().stacking
    packed = Rules(cat).preview(parse_profile(PROFILE), day).totals()
    assert (packed.counted, packed.to_confirm) == (shipped.counted, shipped.to_confirm)
