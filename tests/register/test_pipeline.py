"""The park's pipeline: per tenant, per measure and per district, in Decimal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core import register as reg
from shenbao.core.pipeline import grand_total, pipeline, table, totals_by_district, totals_by_measure
from shenbao.core.store import Store
from tests.register.helpers import INFRA_USCC, SUPPLY, VOUCHER, infra_profile, make_profile, make_uscc

AS_OF = dt.date(2026, 9, 10)  # fz2024's September window is open


@pytest.fixture
def store(data_dir: Path, tmp_path: Path):
    with Store.open(data_dir) as opened:
        opened.save_profile(make_profile(1))
        opened.save_profile(make_profile(2))
        opened.save_profile(infra_profile())
        first, _ = reg.generate(opened, make_uscc(1), VOUCHER, tmp_path / "1.pdf", as_of=AS_OF)
        second, _ = reg.generate(opened, make_uscc(2), VOUCHER, tmp_path / "2.pdf", as_of=AS_OF)
        reg.set_state(opened, first.id, "submitted")
        reg.set_state(opened, first.id, "selected", awarded="100000.10")
        reg.set_state(opened, first.id, "paid", received="40000.05")
        reg.set_state(opened, first.id, "paid", received="0.05")
        reg.set_state(opened, second.id, "withdrawn")
        yield opened


def test_each_tenant_from_eligible_to_received(store: Store) -> None:
    rows = {r.uscc: r for r in pipeline(store, AS_OF)}
    paid = rows[make_uscc(1)].figures
    assert paid.eligible == 5 and paid.eligible_amount == Decimal("3925000.50")
    assert (paid.in_progress, paid.submitted, paid.awarded) == (0, 0, 1)
    assert paid.awarded_amount == Decimal("100000.10") and paid.received_amount == Decimal("40000.10")
    withdrawn = rows[make_uscc(2)]
    assert withdrawn.states == {"withdrawn"}
    assert (withdrawn.figures.in_progress, withdrawn.figures.awarded) == (0, 0), (
        "a withdrawn one is in no stage"
    )
    assert rows[INFRA_USCC].open_windows == [SUPPLY]
    assert rows[make_uscc(1)].open_windows == []


def test_totals_per_measure_and_district_add_up(store: Store) -> None:
    rows = pipeline(store, AS_OF)
    total = grand_total(rows)
    by_measure = totals_by_measure(rows)
    by_district = totals_by_district(rows)
    for field in ("eligible", "eligible_amount", "awarded_amount", "received_amount"):
        assert sum(
            (getattr(f, field) for f in by_measure.values()), type(getattr(total, field))()
        ) == getattr(total, field)
        assert sum(
            (getattr(f, field) for f in by_district.values()), type(getattr(total, field))()
        ) == getattr(total, field)
    assert by_measure[VOUCHER].awarded == 1 and by_measure[VOUCHER].eligible == 2
    assert by_measure[SUPPLY].eligible_amount == Decimal("7500000.00")


def test_the_table_has_a_header_a_row_per_tenant_and_the_total(store: Store) -> None:
    rows = pipeline(store, AS_OF, [make_uscc(1)])
    out = table(rows)
    assert out[0][:3] == ["企业", "统一社会信用代码", "区县"]
    assert len(out) == 3 and out[-1][0] == "合计"
    assert out[1][-2:] == ["100000.10", "40000.10"] and out[-1][-2:] == ["100000.10", "40000.10"]


def test_a_declaration_paid_without_an_award_never_shows_more_paid_than_awarded(
    data_dir: Path, tmp_path: Path
) -> None:
    """已受理 → 已拨付 with a payment and no 核定金额 recorded: the award was at least what was paid, so the
    pipeline counts the payments as its awarded sum (it showed 核定金额 0.00 beside 已拨付 30000.00)."""
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        first, _ = reg.generate(store, make_uscc(1), VOUCHER, tmp_path / "1.pdf", as_of=AS_OF)
        reg.set_state(store, first.id, "submitted")
        reg.set_state(store, first.id, "accepted")
        reg.set_state(store, first.id, "paid", received="30000")
        rows = pipeline(store, AS_OF)
    figures = rows[0].figures
    assert figures.awarded == 1 and figures.received_amount == Decimal("30000.00")
    assert figures.awarded_amount == Decimal("30000.00")
    total = table(rows)[-1]
    assert total[-2:] == ["30000.00", "30000.00"]


def test_a_stacking_group_is_counted_once_and_the_rest_left_to_confirm(data_dir: Path) -> None:
    """200,000 of compute purchases earn 100,000 from fj2025 七 and 100,000 from fz2024 三(一): the same
    invoices. The pipeline's 可申报金额 said 310 万元 where the preview says 「最高可申请 310 万元；另有
    10 万元需向主管部门确认能否叠加」 — 320 万元 before; now it counts the group once, as the preview
    does, and names the other 10 万元, per tenant, per measure, per district and in the CSV."""
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules
    from tests.ui.conftest import tenant

    doc = tenant(8, compute_purchase_amount=200000, compute_subsidy_year_index=1)
    with Store.open(data_dir) as store:
        store.save_profile(doc)
        rows = pipeline(store, AS_OF)
    totals = rules().preview(parse_profile(doc), AS_OF).totals()
    assert (totals.counted, totals.to_confirm) == (Decimal("3100000.00"), Decimal("100000.00"))
    figures = rows[0].figures
    assert figures.eligible_amount == totals.counted and figures.to_confirm_amount == totals.to_confirm
    by_measure = totals_by_measure(rows)
    assert by_measure[VOUCHER].eligible_amount == Decimal("100000.00")
    assert by_measure["fz2024.compute_use"].eligible_amount == 0
    assert by_measure["fz2024.compute_use"].to_confirm_amount == Decimal("100000.00")
    assert by_measure["fz2024.compute_use"].eligible == 1, "still a measure it can apply for"
    for grouped in (by_measure, totals_by_district(rows)):
        for name in ("eligible_amount", "to_confirm_amount"):
            assert sum((getattr(f, name) for f in grouped.values()), Decimal(0)) == getattr(figures, name)
    out = table(rows)
    header, line = out[0], out[1]
    assert line[header.index("可申报金额（元）")] == "3100000.00"
    assert line[header.index("另需确认能否叠加（元）")] == "100000.00"


def test_a_measure_with_no_window_left_is_not_counted_as_one_to_apply_for(store: Store) -> None:
    """In December 2026 fz2024 算力运营补贴 has no window left before the plan ends: the preview's
    headline leaves its 750 万元 out, and so does the pipeline, as a measure the tenant can apply for."""
    december = dt.date(2026, 12, 4)
    rows = {r.uscc: r for r in pipeline(store, december)}
    infra = rows[INFRA_USCC].figures
    assert SUPPLY not in rows[INFRA_USCC].by_measure
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    totals = (
        rules().preview(parse_profile(store.get_profile(INFRA_USCC, with_secrets=False)), december).totals()
    )
    assert totals.closed == Decimal("7500000.00") and totals.closed_measures == (SUPPLY,)
    assert infra.eligible_amount == totals.counted
    assert SUPPLY not in totals_by_measure(list(rows.values()))
    september = {r.uscc: r for r in pipeline(store, AS_OF)}
    assert september[INFRA_USCC].by_measure[SUPPLY].eligible_amount == Decimal("7500000.00")


def test_districts_typed_differently_are_one_district_each(data_dir: Path, tmp_path: Path) -> None:
    """Tenants typed 鼓楼, 鼓楼区, 福州市鼓楼区 and 「 仓山 」 (as one park spreadsheet had them) are two
    districts in the totals per district, as in the park view; a district not of Fuzhou (高新区) stays as
    typed, and an empty one is empty. Before, 鼓楼 and 鼓楼区 were two districts of the pipeline."""
    from shenbao.core.model import parse_profile
    from tests.ui.conftest import tenant

    typed = ["鼓楼", "鼓楼区", "福州市鼓楼区", " 仓山 ", "仓山区", "高新区", ""]
    docs = []
    for i, district in enumerate(typed):
        doc = tenant(40 + i, compute_purchase_amount=100000 * (i + 1), compute_subsidy_year_index=1)
        doc["enterprise"]["district"] = district
        docs.append(parse_profile(doc))
    with Store.open(data_dir) as store:
        store.save_profiles(docs)
        entry, _ = reg.generate(store, make_uscc(40), VOUCHER, tmp_path / "1.pdf", as_of=AS_OF)
        reg.set_state(store, entry.id, "submitted")
        reg.set_state(store, entry.id, "selected", awarded="50000")
        rows = pipeline(store, AS_OF)
    assert [r.district for r in sorted(rows, key=lambda r: r.uscc)] == [
        "鼓楼区", "鼓楼区", "鼓楼区", "仓山区", "仓山区", "高新区", ""
    ]  # fmt: skip
    by_district = totals_by_district(rows)
    assert list(by_district) == sorted(["鼓楼区", "仓山区", "高新区", ""])
    gulou = [r.figures for r in rows if r.uscc in {make_uscc(40), make_uscc(41), make_uscc(42)}]
    assert by_district["鼓楼区"].eligible_amount == sum((f.eligible_amount for f in gulou), Decimal(0))
    assert by_district["鼓楼区"].awarded_amount == Decimal("50000.00") and by_district["鼓楼区"].awarded == 1
    assert by_district["仓山区"].eligible == sum(r.figures.eligible for r in rows if r.district == "仓山区")
    total = grand_total(rows)
    assert sum((f.eligible_amount for f in by_district.values()), Decimal(0)) == total.eligible_amount


def test_a_tenant_with_an_engineer_roster_counts_its_engineers_without_the_key(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """申报进度 judged each tenant without its sensitive fields and so without its engineer roster:
    核心工程师奖补 was 待补充 there, 60 万元 short of what the preview, the park view and the report
    gave. The roster's number is kept beside the encrypted roster, read without the key by the pipeline
    and 待办; the profile itself (with or without its secrets) reads as it was saved."""
    from shenbao.core.deadlines import todo
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    doc = make_profile(3, engineers=3)
    doc["enterprise"]["in_ai_backbone_list"] = True
    as_of = dt.date(2026, 3, 1)
    with Store.open(data_dir) as opened:
        opened.save_profile(doc)
        code = make_uscc(3)
        full = rules().preview(parse_profile(opened.get_profile(code)), as_of)
        assert full.result("fj2025.core_engineer").amount == Decimal("600000.00")
        assert "core_engineer_count" not in opened.get_profile(code)["facts"]
        assert "core_engineer_count" not in opened.get_profile(code, with_secrets=False)["facts"]

        def no_key(self: object) -> None:
            raise AssertionError("the key was asked for")

        monkeypatch.setattr(type(opened.keys), "cipher", property(no_key))
        (row,) = pipeline(opened, as_of)
        assert row.by_measure["fj2025.core_engineer"].eligible_amount == Decimal("600000.00")
        assert row.figures.eligible_amount == full.totals().counted
        expiring = [t for t in todo(opened, dt.date(2028, 11, 15), code) if t.kind == "expiry"]
        assert any("核心工程师奖补" in t.text for t in expiring), expiring
