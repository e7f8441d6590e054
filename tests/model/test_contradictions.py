"""Facts that cannot both be true — a registered city of Fujian in another province, more compute sold
than owned, more R&D staff than staff — are said in plain Chinese wherever the profile is judged or
edited, and never change a judgement: the statuses and amounts are those of the same facts unsaid."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.model import contradictions, parse_profile
from shenbao.core.rules import rules
from tests.command import run_shenbao
from tests.conftest import EXAMPLES
from tests.rules.helpers import ENTERPRISE, FACTS

AS_OF = dt.date(2026, 3, 10)


def document(enterprise: dict[str, Any] | None = None, facts: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format": "shenbao-profile/1",
        "enterprise": {**copy.deepcopy(ENTERPRISE), **(enterprise or {})},
        "facts": {**copy.deepcopy(FACTS), **(facts or {})},
    }


def said(doc: dict[str, Any]) -> list[str]:
    profile = parse_profile(doc)
    return [str(c.message) for c in contradictions(profile.enterprise, profile.facts)]


def test_the_example_profiles_contradict_nothing() -> None:
    files = sorted(EXAMPLES.glob("*.json"))
    assert files
    for path in files:
        assert said(json.loads(path.read_text(encoding="utf-8"))["profile"]) == [], path.name
    assert said(document()) == []


@pytest.mark.parametrize(
    ("enterprise", "facts", "words"),
    [
        (
            {"province": "浙江省", "city": "福州"},
            {},
            "注册地（市）为福州市，属于福建省，与注册地（省）浙江省不一致",
        ),
        ({"province": "广东省", "city": "厦门市"}, {}, "厦门市，属于福建省，与注册地（省）广东省不一致"),
        (
            {},
            {"infra_pflops_nominal": 100, "infra_pflops_sold": 150},
            "实际销售和运营使用的算力规模（P）为 150，大于算力标称值（P，按 FP16 计）的 100",
        ),
        ({"employees": 10, "rd_staff": 12}, {}, "研发人员数为 12，大于从业人数的 10"),
        (
            {},
            {"infra_in_provincial_key_library": True, "infra_in_key_library": False},
            "“列入省重点技改项目库”为是，而“列入省重点技改项目库或市级数字经济重点库”为否",
        ),
    ],
    ids=[
        "fuzhou_in_zhejiang",
        "xiamen_in_guangdong",
        "sold_over_owned",
        "rd_staff_over_staff",
        "provincial_library_not_in_either",
    ],
)
def test_each_contradiction_is_said_in_chinese(enterprise, facts, words) -> None:
    (message,) = said(document(enterprise, facts))
    assert words in message and message.endswith("请核对")


@pytest.mark.parametrize(
    ("enterprise", "facts"),
    [
        ({"province": "福建省", "city": "福州市"}, {}),
        ({"province": "浙江省", "city": "杭州市"}, {}),  # a city of another province: nothing known
        ({"province": "", "city": "福州市"}, {}),  # a province not given is not a contradiction
        ({}, {"infra_pflops_nominal": 150, "infra_pflops_sold": 150}),  # all of it sold
        ({}, {"infra_pflops_nominal": None, "infra_pflops_sold": 150}),
        ({"employees": 12, "rd_staff": 12}, {}),
        ({}, {"infra_in_provincial_key_library": False, "infra_in_key_library": True}),  # Fuzhou's only
        ({}, {"infra_in_provincial_key_library": True, "infra_in_key_library": None}),
    ],
)
def test_facts_that_agree_or_are_unknown_say_nothing(enterprise, facts) -> None:
    doc = document(enterprise, facts)
    doc["facts"] = {k: v for k, v in doc["facts"].items() if v is not None}
    assert said(doc) == []


def test_a_measure_reading_a_contradicted_fact_warns_and_judges_as_before() -> None:
    """fz2024 算力运营补贴 reads both the compute sold and the capacity: it warns; a measure reading
    neither does not. Its status and amount are what the engine gives for those facts, unchanged."""
    engine = rules()
    doc = document(facts={"infra_pflops_nominal": 100, "infra_pflops_sold": 150})
    pv = engine.preview(parse_profile(doc), AS_OF)
    supply = pv.result("fz2024.compute_supply")
    assert any("大于算力标称值" in w for w in supply.warnings)
    assert (supply.status, supply.amount) == ("eligible", 7500000)
    voucher = pv.result("fj2025.compute_voucher")
    assert not any("算力标称值" in w for w in voucher.warnings)
    # the region: a Fuzhou enterprise in 浙江省 is told on every measure judged on its registered place
    moved = engine.preview(parse_profile(document({"province": "浙江省"})), AS_OF)
    for measure in ("fj2025.compute_voucher", "fz2024.compute_use"):
        assert any("与注册地（省）浙江省不一致" in w for w in moved.result(measure).warnings), measure
    assert moved.result("fj2025.compute_voucher").status == "ineligible"
    assert moved.result("fz2024.compute_use").status == "eligible"


def test_shenbao_preview_says_the_contradictions_and_still_judges(tmp_path: Path) -> None:
    doc = document({"province": "浙江省"}, {"infra_pflops_nominal": 100, "infra_pflops_sold": 150})
    path = tmp_path / "contradicts.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    text = run_shenbao("preview", "--profile", str(path), "--as-of", AS_OF.isoformat(), "--format", "text")
    assert text.returncode == 0, text.stderr
    head = text.stdout.splitlines()[:4]
    assert head[2].startswith("提示：注册地（市）为福州市，属于福建省，与注册地（省）浙江省不一致")
    assert head[3].startswith("提示：实际销售和运营使用的算力规模（P）为 150，大于算力标称值")
    data = run_shenbao("preview", "--profile", str(path), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert data.returncode == 0, data.stderr
    supply = next(r for r in json.loads(data.stdout)["results"] if r["measure"] == "fz2024.compute_supply")
    assert (supply["status"], supply["amount"]) == ("eligible", "7500000.00")
    assert any("大于算力标称值" in w for w in supply["warnings"])
