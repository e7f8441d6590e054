"""Provenance is kept in the profile document, travels through the store, and a derived fact is
worked out from its list each time (never recorded)."""

from __future__ import annotations

import copy
from datetime import date
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
    rows = [
        {"supplier": "甲", "invoice_no": str(n), "date": "2026-01-01", "amount": 100000} for n in (1, 2, 3)
    ]
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


def stored_document(store: Store, uscc: str) -> tuple[str, int]:
    row = store.conn.execute(
        "SELECT document, provenance_packed FROM enterprises WHERE uscc = ?", (uscc,)
    ).fetchone()
    return row[0], row[1]


def test_an_imported_table_keeps_each_record_once_and_reads_back_field_by_field(
    data_dir: Path, tmp_path: Path
) -> None:
    from shenbao.core.store.imports import apply_plan, plan_import, read_incoming

    table = tmp_path / "园区.csv"
    table.write_text(
        "企业（单位）名称,统一社会信用代码,注册地（区县）,年度购买算力服务总额（元）,列入核心工程师名册的人数\n"
        f'甲公司,{make_uscc(1)},鼓楼区,"250,000",3\n'
        f"乙公司,{make_uscc(2)},,80000,\n",
        encoding="utf-8",
    )
    with Store.open(data_dir, daily_backup=False) as store:
        incoming, rejected = read_incoming([table], lambda: None)
        apply_plan(store, plan_import(store, incoming, rejected), today=date(2026, 12, 2))
        document, packed = stored_document(store, make_uscc(1))
        assert packed == 1 and document.count('"source":"imported"') == 1
        back = store.get_profile(make_uscc(1))
        other = store.get_profile(make_uscc(2))
    record = {"source": IMPORTED, "date": "2026-12-02", "file": "园区.csv"}
    assert back["provenance"] == {
        path: record
        for path in [
            "enterprise.name",
            "enterprise.uscc",
            "enterprise.district",
            "facts.compute_purchase_amount",
            "facts.core_engineer_count",
        ]
    }
    assert list(other["provenance"]) == [
        "enterprise.name",
        "enterprise.uscc",
        "facts.compute_purchase_amount",
    ]
    back["provenance"]["enterprise.name"]["date"] = "2020-01-01"  # each path has its own record
    assert back["provenance"]["enterprise.uscc"]["date"] == "2026-12-02"


@pytest.mark.parametrize(
    "given, packed",
    [
        (  # two kinds of record, interleaved: the paths keep their order
            {
                "enterprise.name": {"source": TYPED, "date": "2026-11-01"},
                "facts.compute_purchase_amount": {"source": IMPORTED, "date": "2026-11-02", "file": "a.xlsx"},
                "enterprise.district": {"source": TYPED, "date": "2026-11-01"},
                "facts.core_engineer_count": {
                    "source": "recognised",
                    "date": "2026-11-03",
                    "sha256": "ab" * 32,
                },
            },
            1,
        ),
        ({"enterprise.name": "手工", "facts.x": 3, "facts.y": [1, {"a": None}]}, 1),  # kept as given
        ({}, 0),
        ("导入自 park.csv", 0),
        ([{"source": TYPED}], 0),
    ],
)
def test_any_provenance_a_document_holds_reads_back_as_it_was_given(
    data_dir: Path, given: object, packed: int
) -> None:
    doc = {**profile(compute_subsidy_year_index=1), "provenance": given, "zzz": "after it"}
    with Store.open(data_dir, daily_backup=False) as store:
        store.save_profile(doc)
        assert stored_document(store, make_uscc(1))[1] == packed
        back = store.get_profile(make_uscc(1))
    assert back == doc
    assert list(back) == list(doc) and list(back["provenance"]) == list(given)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "document",
    [
        profile(compute_subsidy_year_index=1, core_engineer_count=0, ai_products=[], note=""),
        {
            **profile(compute_purchase_amount=Decimal("250000.5")),
            "provenance": {
                "facts.compute_purchase_amount": {"source": TYPED, "date": "2026-01-01"},
                "enterprise.city": {"source": TYPED, "date": "2026-01-01"},
            },
        },
        {"enterprise": {"name": "", "recognitions": [{"kind": "x"}]}, "facts": None},
        {"enterprise": {}, "provenance": {"enterprise.name": {"source": TYPED, "date": "2026-01-01"}}},
    ],
)
def test_stamping_every_filled_field_at_once_is_stamping_the_filled_paths(document: dict) -> None:
    from shenbao.core.provenance import stamp_filled

    one_by_one = stamp(
        document, filled_paths(document), IMPORTED, date="2026-12-02", file="a.csv", shared=True
    )
    assert stamp_filled(document, IMPORTED, date="2026-12-02", file="a.csv") == one_by_one
    assert list(stamp_filled(document, IMPORTED, date="2026-12-02").get("provenance", {})) == list(
        one_by_one.get("provenance", {})
    )


def _shared(record: object, *paths: object) -> dict[object, object]:
    return dict.fromkeys(paths, record)


@pytest.mark.parametrize(
    "document",
    [
        {
            **profile(),
            "provenance": _shared(
                {"source": IMPORTED, "date": "2026-12-02", "file": "园区.csv"},
                "enterprise.name",
                "enterprise.uscc",
            ),
        },
        {
            "provenance": _shared({"source": IMPORTED, "date": "2026-12-02"}, "enterprise.name")
        },  # nothing before it
        {**profile(), "provenance": _shared({}, "enterprise.name")},
        {**profile(), "provenance": _shared({"source": IMPORTED, "n": 1}, "enterprise.name")},  # not all text
        {**profile(), "provenance": _shared({"source": IMPORTED, "n": True}, "enterprise.name")},
        {**profile(), "provenance": _shared({"source": TYPED}, 1, "enterprise.name")},  # a path not text
        {**profile(), "provenance": _shared({"source": IMPORTED, "date": "2026-12-02"}, "facts.x"), "zzz": 1},
        {**profile(), "provenance": {"enterprise.name": {"source": TYPED}, "facts.x": {"source": TYPED}}},
        {**profile(), "provenance": "导入自 park.csv"},
        profile(),
    ],
)
def test_a_document_is_written_as_packing_it_and_writing_it_whole_would(document: dict) -> None:
    from shenbao.core.store.repository import document_json, pack_provenance, to_json

    for _ in range(2):  # the second time from what the first kept
        slow = copy.deepcopy(document)
        packed = pack_provenance(slow)
        assert document_json(copy.deepcopy(document)) == (to_json(slow), packed)


def test_documents_whose_records_are_equal_but_not_alike_are_written_each_as_itself() -> None:
    from shenbao.core.store.repository import document_json

    one = {"provenance": _shared({"source": IMPORTED, "n": "1"}, "enterprise.name")}
    number = {"provenance": _shared({"source": IMPORTED, "n": 1}, "enterprise.name")}
    yes = {"provenance": _shared({"source": IMPORTED, "n": True}, "enterprise.name")}
    assert [document_json(d)[0] for d in (one, number, yes)] == [
        '{"provenance":[[{"source":"imported","n":"1"}],{"enterprise.name":0}]}',
        '{"provenance":[[{"source":"imported","n":1}],{"enterprise.name":0}]}',
        '{"provenance":[[{"source":"imported","n":true}],{"enterprise.name":0}]}',
    ]


@pytest.mark.parametrize(
    ("value", "sensitive"),
    [
        ({"compute_purchase_amount": Decimal("250000"), "put_into_use_date": date(2026, 1, 5)}, False),
        ({"compute_purchase_amount": Decimal("250000"), "contact_phone": "13800000000"}, True),
        (
            {
                "compute_purchase_amount": Decimal("1"),
                "core_engineers": [{"id_number": "350102196204090187"}],
            },
            True,
        ),
        (
            {
                "compute_purchase_amount": Decimal("1"),
                "ai_products": [{"name": "甲", "launched": date(2026, 1, 5)}],
            },
            False,
        ),
    ],
)
def test_a_sensitive_field_is_found_beside_amounts_and_dates(value: dict, sensitive: bool) -> None:
    from shenbao.core.store.secrets import has_sensitive

    assert has_sensitive(value) is sensitive
    assert has_sensitive({"enterprise": {"name": "甲"}, "facts": value}) is sensitive


def test_a_profile_read_back_packs_each_record_once_and_equal_records_not_alike_apart() -> None:
    """Read back, each field has a copy of its record: records of text are found equal by their items,
    any other by its JSON, so 1, "1" and true stay three records."""
    from shenbao.core.store.repository import pack_provenance

    text, number, yes = ({"source": IMPORTED, "n": n} for n in ("1", 1, True))
    doc = {
        "provenance": {
            "enterprise.name": dict(text),
            "enterprise.uscc": dict(number),
            "facts.a": dict(text),
            "facts.b": dict(yes),
            "facts.c": dict(number),
            "facts.d": {"source": IMPORTED, "list": ["x"]},
            "facts.e": {"source": IMPORTED, "list": ["x"]},
        }
    }
    assert pack_provenance(doc) == 1
    records, paths = doc["provenance"]
    assert records == [text, number, yes, {"source": IMPORTED, "list": ["x"]}]
    assert [type(r["n"]) for r in records[:3]] == [str, int, bool]
    assert paths == {
        "enterprise.name": 0,
        "enterprise.uscc": 1,
        "facts.a": 0,
        "facts.b": 2,
        "facts.c": 1,
        "facts.d": 3,
        "facts.e": 3,
    }
