"""Every example profile of the catalogue (tests/fixtures/domain/examples) previews exactly as expected."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from shenbao.core.model import parse_profile
from shenbao.core.rules import preview

from ..conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("case-*.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_example_previews_as_expected(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    pv = preview(parse_profile(case["profile"]), dt.date.fromisoformat(case["as_of"]))
    got = {r.measure: [r.status, r.to_dict()["amount"]] for r in pv.results}
    expected = case["expected"]
    assert {m: got[m] for m in expected} == expected


def test_examples_are_present() -> None:
    assert len(CASES) >= 7
