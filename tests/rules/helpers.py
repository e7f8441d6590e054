"""Profiles for rule tests: a complete Fuzhou enterprise that every measure can start from."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from shenbao.core.model import parse_profile
from shenbao.core.rules import Preview, rules

ENTERPRISE: dict[str, Any] = {
    "name": "福州测试智能科技有限公司",
    "uscc": "913501044C12H3B168",
    "org_type": "enterprise",
    "province": "福建省",
    "city": "福州市",
    "district": "鼓楼区",
    "is_ai_enterprise": True,
    "in_ai_backbone_list": True,
    "in_fz_compute_platform": True,
    "recognitions": [
        {"kind": "national_ai_open_platform", "date": "2024-01-01"},
        {"kind": "national_key_lab", "date": "2024-01-01"},
        {"kind": "provincial_enterprise_key_lab", "date": "2024-01-01"},
        {"kind": "provincial_new_rd_institution", "date": "2024-01-01"},
        {"kind": "provincial_ai_park", "date": "2024-01-01"},
    ],
}

# Every fact set so that each measure's conditions hold (measure-specific tweaks in OVERRIDES).
FACTS: dict[str, Any] = {
    "compute_purchase_amount": 200000,
    "compute_subsidy_year_index": 1,
    "infra_new_or_expanded": True,
    "infra_pflops_nominal": 400,
    "infra_pflops_sold": 150,
    "infra_domestic_chip_ratio": 0.9,
    "infra_in_fuzhou": True,
    "infra_in_key_library": True,
    "infra_in_provincial_key_library": True,
    "infra_registered": True,
    "infra_operational_on": "2025-10-01",
    "infra_loan_amount": 50000000,
    "infra_loan_years": 3,
    "vertical_model_project": True,
    "ai_product_count": 2,
    "platform_investment": 4000000,
    "platform_is_lead_builder": True,
    "model_agent_project": True,
    "standards_participation": True,
    "data_element_park_selected": True,
    "trusted_data_space_pilot": True,
    "core_engineer_count": 3,
    "overseas_youth_invited": True,
    "leading_talent_project": True,
    "is_leading_enterprise": True,
    "joint_with_university": True,
    "keytech_total_investment": 3000000,
    "is_software_enterprise": True,
    "scenario_count": 2,
    "general_tech_project": True,
    "iiot_actual_investment": 3000000,
    "ai_training_in_fuzhou": True,
    "rd_equipment_purchase_non_fiscal": 8000000,
    "city_major_project": True,
    "in_high_tech_zone": True,
}

# fz2024 算力运营补贴's facts: 150 P sold × 5 万元 = 750 万元, in use from 2025-10-01 (applied for in March
# and September of 2025 and 2026, until the plan ends on 2026-12-31).
INFRA_FACTS = {
    "infra_in_fuzhou": True,
    "infra_pflops_nominal": 400,
    "infra_domestic_chip_ratio": 0.9,
    "infra_in_key_library": True,
    "infra_registered": True,
    "infra_operational_on": "2025-10-01",
    "infra_pflops_sold": 150,
}

# A date inside each document's period, to judge a measure on by default.
IN_FORCE_ON = {
    "fj2025": dt.date(2026, 3, 10),
    "fj2023": dt.date(2024, 6, 1),
    "fz2024": dt.date(2026, 3, 10),
    "fz2020": dt.date(2026, 3, 10),
}

OVERRIDES: dict[str, dict[str, Any]] = {
    "fj2023.compute_voucher": {"facts.compute_purchase_amount": 600000},
    "fj2025.ai_park_fund": {"enterprise.org_type": "park_operator"},
    "fj2025.data_park": {"enterprise.org_type": "park_operator"},
    "fz2024.compute_supply": {"facts.infra_operational_on": "2025-10-01"},
}


def profile_dict(measure: str | None = None, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The base profile, with `changes` given as {"facts.x": value} paths (None deletes the key)."""
    data = {"enterprise": copy.deepcopy(ENTERPRISE), "facts": copy.deepcopy(FACTS)}
    merged = dict(OVERRIDES.get(measure or "", {}))
    merged.update(changes or {})
    for path, value in merged.items():
        section, _, key = path.partition(".")
        if value is None:
            data[section].pop(key, None)
        else:
            data[section][key] = value
    return data


def judge(measure: str, as_of: dt.date | None = None, changes: dict[str, Any] | None = None) -> Any:
    data = profile_dict(measure, changes)
    pv: Preview = rules().preview(parse_profile(data), as_of or IN_FORCE_ON[measure.split(".")[0]])
    return pv.result(measure)
