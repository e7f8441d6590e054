"""Application windows as dated data, and the to-do list, at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core import register as reg
from shenbao.core.deadlines import next_window, todo, window_note, windows
from shenbao.core.policies import catalogue
from shenbao.core.store import Store
from tests.register.helpers import INFRA_USCC, SUPPLY, VOUCHER, infra_profile, make_profile, make_uscc


@pytest.fixture
def store(data_dir: Path):
    with Store.open(data_dir) as opened:
        opened.save_profile(infra_profile(buys_compute=True))
        yield opened


def supply():
    cat = catalogue()
    measure = cat.measures[SUPPLY]
    return measure, cat.documents[measure.document]


def test_fz2024_windows_are_march_and_september_within_its_period() -> None:
    measure, document = supply()
    found = windows(measure, document, [2024, 2025, 2026, 2027])
    assert [(w.opens, w.closes) for w in found][:3] == [
        (dt.date(2024, 3, 20), dt.date(2024, 3, 31)),  # the plan took force on 20 March
        (dt.date(2024, 9, 1), dt.date(2024, 9, 30)),
        (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    ]
    assert found[-1].closes == dt.date(2026, 9, 30), "none in 2027: fz2024 ends 2026-12-31"
    assert all(w.reference == "fz2024 三(一)" for w in found)


@pytest.mark.parametrize(
    ("as_of", "window", "note"),
    [
        (
            dt.date(2026, 2, 28),
            (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
            "下一受理期：2026-03-01 至 2026-03-31",
        ),
        (
            dt.date(2026, 3, 1),
            (dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
            "受理期中：2026-03-01 至 2026-03-31",
        ),
        (dt.date(2026, 3, 31), (dt.date(2026, 3, 1), dt.date(2026, 3, 31)), "受理期中"),
        (dt.date(2026, 4, 1), (dt.date(2026, 9, 1), dt.date(2026, 9, 30)), "下一受理期"),
        (dt.date(2026, 10, 1), None, "本政策有效期内已无受理期（2026-12-31 到期）"),
    ],
)
def test_the_next_window_at_its_edges(as_of: dt.date, window: tuple | None, note: str) -> None:
    measure, document = supply()
    found = next_window(measure, document, as_of)
    assert (None if found is None else (found.opens, found.closes)) == window
    assert window_note(measure, document, as_of).startswith(note)


def test_a_measure_without_windows_has_none() -> None:
    cat = catalogue()
    measure = cat.measures[VOUCHER]
    assert windows(measure, cat.documents[measure.document], [2026]) == []


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 8, 1), None),  # 31 days before September
        (dt.date(2026, 8, 2), ("2026-09-01", 30)),  # 30 days before (含)
        (dt.date(2026, 9, 1), ("2026-09-30", 29)),  # open: the day it closes
        (dt.date(2026, 9, 30), ("2026-09-30", 0)),
        (dt.date(2026, 10, 1), None),
    ],
)
def test_a_window_comes_to_the_user_from_30_days_before(
    store: Store, as_of: dt.date, expected: tuple | None
) -> None:
    found = [(t.day.isoformat(), t.days) for t in todo(store, as_of, INFRA_USCC) if t.kind == "window"]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("as_of", "days"),
    [
        (dt.date(2026, 10, 31), None),
        (dt.date(2026, 11, 1), 60),
        (dt.date(2026, 12, 31), 0),
        (dt.date(2027, 1, 1), None),
    ],
)
def test_fz2024_ending_comes_to_the_user_60_days_before(
    store: Store, as_of: dt.date, days: int | None
) -> None:
    found = [t for t in todo(store, as_of, INFRA_USCC) if t.kind == "expiry"]
    if days is None:
        assert found == []
        return
    (item,) = found
    assert item.day == dt.date(2026, 12, 31) and item.days == days
    assert ("（今天是最后一天）" in item.text) is (days == 0) and "还剩 0 天" not in item.text
    assert "算力使用补贴" in item.text and "到期后不再受理" in item.text
    assert item.amount == Decimal("100000.00")  # 50% of 200,000 in the first year
    # 算力运营补贴 is received in March and September only: its last window closed on 30 September,
    # as its trace says (本政策有效期内已无受理期), so it is not said to be receivable until the end
    assert "算力运营补贴" not in item.text


def test_a_measure_applied_for_this_year_is_not_urged_before_its_policy_ends(
    store: Store, tmp_path: Path
) -> None:
    """「2026-12-31 到期…到期后不再受理：算力使用补贴」 was listed for an enterprise whose declaration of it
    was submitted and paid that year. A submission this year (the measure is received at any time) takes
    it off the ending's item; one of last year does not; a withdrawn declaration asks again."""
    use = "fz2024.compute_use"
    entry, _ = reg.generate(store, INFRA_USCC, use, tmp_path / "use.pdf", as_of=dt.date(2026, 11, 2))
    reg.set_state(store, entry.id, "submitted", on=dt.date.today())

    def submitted_on(day: str) -> None:
        with store.conn:
            store.conn.execute("UPDATE declaration_events SET on_date = ? WHERE state = 'submitted'", (day,))

    def ending(as_of: dt.date) -> list[tuple[str, Decimal | None]]:
        return [(t.text, t.amount) for t in todo(store, as_of, INFRA_USCC) if t.kind == "expiry"]

    submitted_on("2026-11-03")
    assert ending(dt.date(2026, 11, 2)) != []  # the day before it was submitted
    assert ending(dt.date(2026, 11, 20)) == []
    submitted_on("2025-12-20")
    ((text, amount),) = ending(dt.date(2026, 11, 20))
    assert "算力使用补贴" in text and amount == Decimal("100000.00")
    submitted_on("2026-11-03")
    reg.set_state(store, entry.id, "withdrawn", on=dt.date.today())
    with store.conn:
        store.conn.execute("UPDATE declaration_events SET on_date = '2026-11-04' WHERE state = 'withdrawn'")
    assert ending(dt.date(2026, 11, 20)) != []


def test_a_declaration_deadline_comes_14_days_before_and_stays_until_submitted(
    store: Store, tmp_path: Path
) -> None:
    store.save_profile(make_profile(1))
    code = make_uscc(1)
    entry, _ = reg.generate(store, code, VOUCHER, tmp_path / "a.pdf", as_of=dt.date(2026, 11, 22))
    reg.set_deadline(store, entry.id, "2026-12-15")

    def deadlines(as_of: dt.date) -> list[int]:
        return [t.days for t in todo(store, as_of, code) if t.kind == "deadline"]

    assert deadlines(dt.date(2026, 11, 30)) == []  # 15 days before
    assert deadlines(dt.date(2026, 12, 1)) == [14]
    assert deadlines(dt.date(2026, 12, 20)) == [-5]
    (due,) = [t.text for t in todo(store, dt.date(2026, 12, 15), code) if t.kind == "deadline"]
    assert due == "申报截止 2026-12-15，今天截止（已生成）"  # not 「还剩 0 天」
    reg.set_state(store, entry.id, "submitted")
    assert deadlines(dt.date(2026, 12, 10)) == []


def test_todo_for_all_is_sorted_by_date_and_never_asks_for_the_key(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_profile(make_profile(1))

    def no_key(self: object) -> None:
        raise AssertionError("the key was asked for")

    monkeypatch.setattr(type(store.keys), "cipher", property(no_key))
    items = todo(store, dt.date(2026, 11, 5))
    assert [t.day for t in items] == sorted(t.day for t in items)
    assert {t.uscc for t in items} == {INFRA_USCC}, (
        "the other can apply for nothing with a window or an end near"
    )
    with pytest.raises(Exception, match="没有统一社会信用代码"):
        todo(store, dt.date(2026, 11, 5), make_uscc(77))


def test_a_window_is_not_asked_of_a_measure_already_submitted_in_it(store: Store, tmp_path: Path) -> None:
    """待办 listed 「受理期中…」 for 算力运营补贴 after its declaration was marked 已提交: the list judged the
    profile and never read the register. A submission since the window opened takes the window off; the
    next window still comes; a withdrawn declaration asks again. The register is put back to the dates it
    would hold had each change been made on its day (a change cannot be dated before it is made)."""
    entry, _ = reg.generate(store, INFRA_USCC, SUPPLY, tmp_path / "a.pdf", as_of=dt.date(2026, 9, 2))
    reg.set_state(store, entry.id, "submitted", on=dt.date.today())

    def backdate(events: dict[str, str]) -> None:
        with store.conn:
            store.conn.execute("UPDATE declarations SET created_at = '2026-09-02T09:00:00+08:00'")
            for state, on in events.items():
                store.conn.execute("UPDATE declaration_events SET on_date = ? WHERE state = ?", (on, state))

    def windows_listed(as_of: dt.date) -> list[tuple[str | None, str]]:
        return [(t.measure, t.day.isoformat()) for t in todo(store, as_of, INFRA_USCC) if t.kind == "window"]

    backdate({"generated": "2026-09-02", "submitted": "2026-09-08"})
    assert windows_listed(dt.date(2026, 9, 7)) == [(SUPPLY, "2026-09-30")]  # before it was submitted
    assert windows_listed(dt.date(2026, 9, 10)) == []
    assert [t.kind for t in todo(store, dt.date(2026, 9, 10), INFRA_USCC)] == []  # nor a deadline
    listed = todo(store, dt.date(2026, 9, 10))  # the whole list reads the register the same way
    assert [t for t in listed if t.uscc == INFRA_USCC] == []

    backdate({"generated": "2026-03-02", "submitted": "2026-03-10"})  # submitted in March instead
    assert windows_listed(dt.date(2026, 3, 20)) == []
    assert windows_listed(dt.date(2026, 8, 15)) == [(SUPPLY, "2026-09-01")]  # September's still comes

    reg.set_state(store, entry.id, "withdrawn", on=dt.date.today())
    backdate({"withdrawn": "2026-03-12"})
    assert windows_listed(dt.date(2026, 3, 20)) == [(SUPPLY, "2026-03-31")]


def test_a_round_the_authority_refused_is_not_urged_again(store: Store, tmp_path: Path) -> None:
    """A declaration marked 未通过 brought its window straight back into 待办 (「受理期中…」), urging the
    enterprise to apply again in the round just refused; the next round still comes, and a withdrawn
    declaration asks again as before."""
    entry, _ = reg.generate(store, INFRA_USCC, SUPPLY, tmp_path / "a.pdf", as_of=dt.date(2026, 3, 2))
    reg.set_state(store, entry.id, "submitted", on=dt.date.today())
    reg.set_state(store, entry.id, "refused", on=dt.date.today())
    with store.conn:
        store.conn.execute("UPDATE declarations SET created_at = '2026-03-02T09:00:00+08:00'")
        for state, on in {
            "generated": "2026-03-02",
            "submitted": "2026-03-10",
            "refused": "2026-03-15",
        }.items():
            store.conn.execute("UPDATE declaration_events SET on_date = ? WHERE state = ?", (on, state))

    def windows_listed(as_of: dt.date) -> list[tuple[str | None, str]]:
        return [(t.measure, t.day.isoformat()) for t in todo(store, as_of, INFRA_USCC) if t.kind == "window"]

    assert windows_listed(dt.date(2026, 3, 20)) == []
    assert windows_listed(dt.date(2026, 8, 15)) == [(SUPPLY, "2026-09-01")]  # September's round comes


@pytest.mark.parametrize(
    ("as_of", "expected", "said"),
    [
        (dt.date(2025, 9, 10), None, "下一受理期：2026 年 3 月"),  # in use from October: not September's
        (dt.date(2026, 2, 10), ("2026-03-01", 19), "下一受理期：2026 年 3 月"),
        (dt.date(2026, 9, 10), ("2026-09-30", 20), "本月（2026 年 9 月）为受理期"),
    ],
)
def test_a_window_before_the_project_went_into_use_is_not_urged(
    store: Store, as_of: dt.date, expected: tuple | None, said: str
) -> None:
    """The 待办 list said 「受理期中（2025-09-01 至 2025-09-30）」 on 10 September 2025 of a project in use
    from 1 October, while its preview said 「下一受理期：2026 年 3 月」: 后补助 of what was sold and used
    is claimed from the project's start of use (投用当年或下一年度). Both now count the same windows."""
    found = [
        (t.day.isoformat(), t.days)
        for t in todo(store, as_of, INFRA_USCC)
        if t.kind == "window" and t.measure == SUPPLY
    ]
    assert found == ([expected] if expected else [])
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    judged = rules().preview(parse_profile(infra_profile(buys_compute=True)), as_of).result(SUPPLY)
    assert judged.status == "eligible" and judged.claim_since == dt.date(2025, 10, 1)
    assert any(said in note for note in judged.notes), judged.notes


def test_no_window_is_urged_past_the_claim_period(data_dir: Path) -> None:
    """In use from February 2024, a claim is made in 2024 or 2025 (claim_years 1): on 1 December 2025
    the next window, March 2026, is past it, as the preview's 「已无受理期」 says."""
    early = infra_profile()
    early["facts"]["infra_operational_on"] = "2024-02-01"
    with Store.open(data_dir) as opened:
        opened.save_profile(early)
        assert [t for t in todo(opened, dt.date(2025, 12, 1), INFRA_USCC) if t.measure == SUPPLY] == []
    measure, document = supply()
    assert next_window(measure, document, dt.date(2025, 12, 1), since=dt.date(2024, 2, 1)) is None
    assert next_window(measure, document, dt.date(2025, 8, 10), since=dt.date(2024, 2, 1)).opens == dt.date(
        2025, 9, 1
    )
