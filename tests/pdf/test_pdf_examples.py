"""Every form renders: for the shared example profiles, and for profiles that reach every measure."""

from __future__ import annotations

import datetime as dt
import io
import json

from shenbao.core.forms import forms
from shenbao.core.model import parse_profile
from shenbao.core.pdf import render_declaration
from shenbao.core.rules import preview

from ..conftest import EXAMPLES
from .helpers import id_number, invoices, profile_of


def _first_page_and_count(pdf: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return "".join((reader.pages[0].extract_text() or "").split()), len(reader.pages)


def _render_all(profile, as_of: dt.date) -> set[str]:
    pv = preview(profile, as_of)
    done = set()
    for result in pv.results:
        form = forms().get(result.measure)
        if form is None or result.status not in ("eligible", "incomplete"):
            continue
        buffer = io.BytesIO()
        rendered = render_declaration(profile, pv, result.measure, buffer)
        first, count = _first_page_and_count(buffer.getvalue())
        assert f"《{form.title}》" in first, result.measure
        assert profile.name in first and count == rendered.pages >= 3
        done.add(result.measure)
    return done


def test_every_example_renders_every_form_it_can_apply_for():
    rendered = 0
    for path in sorted(EXAMPLES.glob("case-*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        rendered += len(_render_all(parse_profile(case["profile"]), dt.date.fromisoformat(case["as_of"])))
    assert rendered >= 7


RICH_FACTS = {
    "compute_invoices": invoices(8, 150000),
    "compute_subsidy_year_index": 1,
    "infra_new_or_expanded": True,
    "infra_pflops_nominal": 400,
    "infra_pflops_sold": 150,
    "infra_domestic_chip_ratio": 0.9,
    "infra_in_fuzhou": True,
    "infra_in_key_library": True,
    "infra_registered": True,
    "infra_operational_on": "2025-10-01",
    "infra_loan_amount": 50000000,
    "infra_loan_years": 3,
    "vertical_model_project": True,
    "ai_products": [{"name": "闽智质检大模型", "category": "行业模型", "description": "缺陷检测"}],
    "platform_investment_items": [{"item": "GPU服务器", "amount": 2000000}],
    "platform_is_lead_builder": True,
    "model_agent_project": True,
    "standards_participation": True,
    "trusted_data_space_pilot": True,
    "core_engineers": [{"name": "王工", "id_number": id_number("11010119900101123")}],
    "overseas_youth_invited": True,
    "leading_talent_project": True,
    "is_leading_enterprise": True,
    "joint_with_university": True,
    "keytech_total_investment": 5000000,
    "is_software_enterprise": True,
    "scenario_count": 2,
    "general_tech_project": True,
    "iiot_actual_investment": 3000000,
    "ai_training_in_fuzhou": True,
    "rd_equipment_purchase_non_fiscal": 4000000,
    "city_major_project": True,
    "in_high_tech_zone": True,
}
RECOGNITIONS = [
    {"kind": k, "date": "2024-07-01"}
    for k in (
        "national_ai_open_platform",
        "national_key_lab",
        "provincial_enterprise_key_lab",
        "provincial_new_rd_institution",
    )
]


def test_every_form_renders_for_a_profile_that_reaches_its_measure():
    rich = profile_of(RICH_FACTS, recognitions=RECOGNITIONS)
    park = profile_of(
        {"data_element_park_selected": True},
        org_type="park_operator",
        recognitions=[{"kind": "provincial_ai_park", "date": "2025-12-01"}],
    )
    done = _render_all(rich, dt.date(2026, 3, 10)) | _render_all(rich, dt.date(2024, 6, 1))
    done |= _render_all(park, dt.date(2026, 3, 10))
    assert done == set(forms())
