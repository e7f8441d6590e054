"""The registered place as people write it: 福建 is 福建省 and 福州 is 福州市 (each of Fujian's nine
prefecture-level cities without its 市), wherever a profile is read, so the measures that name 福建省 or
福州市 judge the enterprise as the person meant. Any other text is kept exactly as typed."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from shenbao.core import fieldkinds as fk
from shenbao.core.model import parse_profile
from shenbao.core.rules import rules
from tests.command import run_shenbao
from tests.rules.helpers import ENTERPRISE, FACTS

CITIES = ["福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德"]
AS_OF = dt.date(2026, 3, 10)  # every document in force


def document(**enterprise: Any) -> dict[str, Any]:
    return {
        "format": "shenbao-profile/1",
        "enterprise": {**copy.deepcopy(ENTERPRISE), **enterprise},
        "facts": copy.deepcopy(FACTS),
    }


@pytest.mark.parametrize("city", CITIES)
def test_each_fujian_city_without_its_shi_is_read_with_it(city: str) -> None:
    for read in (fk.parse, fk.check):
        assert read("city", city) == city + "市"
        assert read("city", f"　{city} \t") == city + "市"  # the text kind's trimming, full-width space too
        assert read("city", city + "市") == city + "市"


def test_fujian_without_its_sheng_is_read_with_it() -> None:
    for read in (fk.parse, fk.check):
        assert read("province", "福建") == "福建省"
        assert read("province", " 福建省 ") == "福建省"


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        ("city", "福州市鼓楼区"),
        ("city", "Fuzhou"),
        ("city", "深圳"),
        ("city", "福 州"),
        ("city", "福州市市"),
        ("city", "福清"),  # a county-level city: its own name
        ("city", "福建"),
        ("province", "福州"),
        ("province", "广东"),
        ("province", "Fujian"),
        ("province", "福建省福州市"),
    ],
)
def test_anything_else_is_kept_as_typed(kind: str, typed: str) -> None:
    assert fk.parse(kind, typed) == typed and fk.check(kind, typed) == typed


def test_a_place_is_refused_and_blank_as_a_text_is() -> None:
    for kind in ("province", "city"):
        assert fk.parse(kind, "") is None and fk.parse(kind, "   ") is None
        assert fk.check(kind, "   ") == ""
        with pytest.raises(fk.FieldValueError, match="控制字符"):
            fk.parse(kind, "福州\x00")
        with pytest.raises(fk.FieldValueError, match="应为文字"):
            fk.check(kind, 350100)


def test_both_spellings_give_the_same_profile_and_the_same_preview() -> None:
    short = parse_profile(document(province="福建", city="福州"))
    full = parse_profile(document(province="福建省", city="福州市"))
    assert short.enterprise == full.enterprise and short.facts == full.facts
    assert short.to_dict() == full.to_dict()  # what a save stores: the whole name
    assert short.to_dict()["enterprise"]["city"] == "福州市"
    engine = rules()
    assert engine.preview(short, AS_OF).to_dict() == engine.preview(full, AS_OF).to_dict()
    results = engine.preview(short, AS_OF).results
    assert Counter(r.status for r in results)["eligible"] > 20
    assert not [r.measure for r in results if any("注册地" in str(reason) for reason in r.reasons)]


def test_a_xiamen_enterprise_written_short_gets_the_xiamen_warning() -> None:
    engine = rules()
    results = engine.preview(parse_profile(document(city="厦门")), AS_OF).results
    fj2025 = [r for r in results if r.measure.startswith("fj2025.")]
    assert fj2025 and all(any("厦门市可参照执行" in str(w) for w in r.warnings) for r in fj2025)


def test_a_blank_or_absent_place_is_what_it_was() -> None:
    blank = parse_profile(document(province="  ", city=""))
    assert blank.enterprise["province"] == "" and blank.enterprise["city"] == ""
    assert blank.to_dict()["enterprise"]["province"] == ""
    doc = document()
    del doc["enterprise"]["city"]
    absent = parse_profile(doc)
    assert "city" not in absent.enterprise and "city" not in absent.to_dict()["enterprise"]
    results = {r.measure: r.status for r in rules().preview(absent, AS_OF).results}
    assert results["fz2024.compute_use"] == "incomplete"
    blank_results = {r.measure: r.status for r in rules().preview(blank, AS_OF).results}
    assert blank_results["fz2024.compute_use"] == "ineligible"


def test_the_real_preview_command_reads_fuzhou_as_fuzhou_city(tmp_path: Path) -> None:
    outputs = []
    for name, (province, city) in {"short": ("福建", "福州"), "full": ("福建省", "福州市")}.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document(province=province, city=city), ensure_ascii=False), "utf-8")
        run = run_shenbao("preview", "--profile", str(path), "--as-of", AS_OF.isoformat(), "--format", "json")
        assert run.returncode == 0, run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    by_id = {r["measure"]: r["status"] for r in outputs[0]["results"]}
    assert by_id["fz2024.compute_use"] == by_id["fj2025.compute_voucher"] == "eligible"
