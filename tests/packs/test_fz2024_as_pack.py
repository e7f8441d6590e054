"""The shipped fz2024, written as a pack with a new id (fz2027) and every date three years later, with no
code: it judges each example profile, moved three years on, exactly as the shipped document judges it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from shenbao import paths
from shenbao.core.model import parse_profile
from shenbao.core.packs.library import commit_install, library, plan_install
from shenbao.core.policies import shipped_catalogue
from shenbao.core.rules import Rules
from shenbao.core.rules.formulas import PARAMS_READ
from shenbao.core.rules.generic import GENERIC

from .helpers import FIXTURES, build_pack

YEARS = 3
ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
CASES = sorted((FIXTURES.parent / "domain" / "examples").glob("case-*.json"))


def later(text: str) -> str:
    return ISO.sub(lambda m: f"{int(m.group(1)) + YEARS}-{m.group(2)}-{m.group(3)}", text)


def fz2027_source(folder: Path) -> Path:
    shipped = paths.policies()
    (folder / "documents").mkdir(parents=True)
    (folder / "measures").mkdir()
    document = (shipped / "documents" / "fz2024.toml").read_text(encoding="utf-8")
    document = document.replace('id = "fz2024"', 'id = "fz2027"', 1)
    (folder / "documents" / "fz2027.toml").write_text(later(document), encoding="utf-8")
    measures = (shipped / "measures" / "fz2024.toml").read_text(encoding="utf-8")
    measures = measures.replace('document = "fz2024"', 'document = "fz2027"').replace(
        'id = "fz2024.', 'id = "fz2027.'
    )
    (folder / "measures" / "fz2027.toml").write_text(later(measures), encoding="utf-8")
    (folder / "pack.toml").write_text(
        'id = "fz-restated"\nversion = 1\ntitle = "福州市行动方案（重述为政策包，日期后移三年）"\n'
        'publisher = "测试发布者"\nissued_on = 2026-11-30\nexpires_on = 2029-12-31\nmin_app_version = "0.1.0"\n'
        'judged = ["fz2027"]\nlibrary = ["fz2027"]\nchangelog = ["以通用公式重述 fz2024"]\n',
        encoding="utf-8",
    )
    return folder


def shifted(profile: dict[str, Any]) -> dict[str, Any]:
    return json.loads(later(json.dumps(profile, ensure_ascii=False)))


def outcome(result: Any) -> dict[str, Any]:
    return {
        "status": result.status,
        "amount": result.amount,
        "missing": result.missing,
        "formula": result.formula,
        "conditions": [(c.label, c.outcome) for c in result.conditions],
        "shares": result.shares,
    }


@pytest.fixture
def restated(tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]) -> Rules:
    pack = build_pack(fz2027_source(tmp_path / "fz2027"), publisher[0], tmp_path / "fz2027.shenbao-policy")
    commit_install(trusted, plan_install(trusted, pack.read_bytes(), dt.date(2026, 12, 1)))
    cat, warnings = library(trusted)
    assert warnings == []
    return Rules(cat)


def test_the_pack_uses_generic_formulas_only(restated: Rules) -> None:
    ours = [m for m in restated.catalogue.measures.values() if m.document == "fz2027"]
    assert len(ours) == 6
    assert {m.formula for m in ours} <= GENERIC
    for m in ours:
        assert set(PARAMS_READ[m.formula]) <= set(m.params)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_judges_every_example_as_the_shipped_document_does(path: Path, restated: Rules) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(case["as_of"])
    shipped = Rules(shipped_catalogue())
    before = {
        r.measure.split(".")[1]: outcome(r)
        for r in shipped.preview(parse_profile(case["profile"]), as_of).results
        if r.document == "fz2024"
    }
    after_date = as_of.replace(year=as_of.year + YEARS)
    after = {
        r.measure.split(".")[1]: outcome(r)
        for r in restated.preview(parse_profile(shifted(case["profile"])), after_date).results
        if r.document == "fz2027"
    }
    assert after == before
    assert len(before) == 6
    expected = {m.split(".")[1]: v for m, v in case["expected"].items() if m.startswith("fz2024.")}
    assert {
        k: [v["status"], None if v["amount"] is None else f"{v['amount']:.2f}"]
        for k, v in after.items()
        if k in expected
    } == expected
