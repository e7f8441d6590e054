"""Provenance is kept in the profile document, travels through the store, and a derived fact is
worked out from its list each time (never recorded)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core.provenance import DERIVED, IMPORTED, TYPED, filled_paths, provenance_of, stamp
from shenbao.core.store import Store
from tests.store.factory import make_uscc


def profile(**facts: object) -> dict:
    return {
        "enterprise": {"name": "甲公司", "uscc": make_uscc(1), "org_type": "enterprise"},
        "facts": dict(facts),
    }


def test_stamped_provenance_survives_a_save_and_a_read(data_dir: Path) -> None:
    doc = stamp(
        profile(compute_subsidy_year_index=1), ["facts.compute_subsidy_year_index"], TYPED, date="2026-11-22"
    )
    with Store.open(data_dir, daily_backup=False) as store:
        store.save_profile(doc)
        again = store.get_profile(make_uscc(1))
    where = provenance_of(again)["facts.compute_subsidy_year_index"]
    assert (where.source, where.date, where.text()) == (TYPED, "2026-11-22", "手工填写（2026-11-22）")


def test_an_emptied_field_loses_its_record_and_an_import_names_the_file() -> None:
    doc = stamp(
        profile(compute_subsidy_year_index=1),
        filled_paths(profile(compute_subsidy_year_index=1)),
        IMPORTED,
        date="2026-01-02",
        file="park.xlsx",
    )
    assert provenance_of(doc)["enterprise.name"].text() == "导入自 park.xlsx（2026-01-02）"
    doc["facts"].pop("compute_subsidy_year_index")
    doc = stamp(doc, ["facts.compute_subsidy_year_index"], TYPED, date="2026-01-03")
    assert "facts.compute_subsidy_year_index" not in doc["provenance"]
    with pytest.raises(ValueError):
        stamp(doc, [], DERIVED, date="2026-01-03")


def test_a_fact_a_list_stands_for_is_derived_with_its_total_and_never_recorded() -> None:
    rows = [{"supplier": "甲", "invoice_no": "1", "date": "2026-01-01", "amount": 100000}] * 3
    doc = stamp(profile(compute_invoices=rows), ["facts.compute_purchase_amount"], TYPED, date="2026-01-01")
    assert "provenance" not in doc  # no value of its own to record
    where = provenance_of(doc)["facts.compute_purchase_amount"]
    assert (where.source, where.rows, where.value, where.text()) == (
        DERIVED,
        3,
        Decimal(300000),
        "由 3 张发票计得",
    )
    bad = profile(compute_invoices=[{"supplier": "甲"}])
    assert "facts.compute_purchase_amount" not in provenance_of(bad)  # a bad row: the rules name it
    malformed = {
        **profile(),
        "provenance": {"enterprise.name": "typed", 3: {}, "facts.x": {"source": "guessed"}},
    }
    assert provenance_of(malformed) == {}
