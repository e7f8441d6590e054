"""A payment recorded wrong (60,000 typed for 6,000) removed from the register on a real SQLite file:
the sums follow at once, the history keeps what was removed, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store import db as store_db
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc, stored
from tests.store.factory import assert_refused, cli_env, shenbao

CODE = make_uscc(1)


@pytest.fixture
def selected(store: Store, tmp_path: Path) -> reg.Entry:
    """A declaration 已入选·已立项 with 100,000 awarded, not yet paid."""
    entry, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    reg.set_state(store, entry.id, "submitted")
    return reg.set_state(store, entry.id, "selected", awarded="100,000", reference="榕科立〔2026〕7号")


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table: the whole stored state."""
    tables = [t for (t,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def test_the_only_payment_removed_goes_back_to_selected_and_the_history_keeps_it(
    store: Store, selected: reg.Entry
) -> None:
    reg.set_state(store, selected.id, "paid", received="60000", note="第一期")
    before = reg.entry(store, selected.id)
    assert before.received == Decimal("60000.00") and store.received(CODE, VOUCHER).total == Decimal("60000")

    e = reg.remove_payment(store, selected.id, 0, note="多输了一个零")
    assert e.state == "selected" and e.payments == () and e.received == Decimal("0.00")
    assert e.amount_awarded == Decimal("100000.00") and e.reference == "榕科立〔2026〕7号"
    assert store.received(CODE, VOUCHER).payments == 0  # what the preview's trace and 申报进度 read
    assert e.events[:-1] == before.events, "the history loses nothing"
    last = e.events[-1]
    today = dt.date.today()
    assert (last.state, last.on, last.user) == ("selected", today, store.user)
    assert last.note == f"撤销拨付 {today} 60,000.00 元（第一期），回到已入选·已立项；多输了一个零"
    assert last.at  # when, to the second
    assert [c.detail for c in store.changes(CODE) if c.action == "撤销拨付"] == [
        f"{VOUCHER} #{selected.id}：{today} 60,000.00 元（第一期），回到已入选·已立项，"
        "已拨付 60,000.00 → 0.00 元"
    ]

    # the right sum recorded in its place, dated as the first was: the removal's own date bounds nothing
    e = reg.set_state(store, e.id, "paid", received="6000", on=before.events[-1].on)
    assert e.state == "paid" and [p.amount for p in e.payments] == [Decimal("6000.00")]
    assert [ev.state for ev in e.events] == [
        "generated",
        "submitted",
        "selected",
        "paid",
        "selected",
        "paid",
    ]


def test_a_payment_whose_date_was_typed_wrong_too_is_recorded_again_on_its_day(
    store: Store, tmp_path: Path
) -> None:
    """60,000 on the 8th typed for 6,000 received on the 5th: removed, the 6,000 is recorded on the 5th
    (refused before: 「早于上一次状态变更」, the removed payment's 已拨付 still counting); a change of state
    that stands still bounds the date. (Printed today, the days are counted from today; the register is
    told it is ten days later.)"""
    day = dt.date.today()
    later = day + dt.timedelta(days=10)
    entry, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    reg.set_state(store, entry.id, "submitted", on=day, today=later)
    reg.set_state(store, entry.id, "selected", awarded="100,000", on=day + dt.timedelta(days=2), today=later)
    reg.set_state(store, entry.id, "paid", received="60000", on=day + dt.timedelta(days=8), today=later)
    reg.remove_payment(store, entry.id, 0, note="金额和日期都记错了", today=later)
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match="早于"):  # before 已入选·已立项, which stands
        reg.set_state(store, entry.id, "paid", received="6000", on=day + dt.timedelta(days=1), today=later)
    assert snapshot(store) == before
    on = day + dt.timedelta(days=5)
    e = reg.set_state(store, entry.id, "paid", received="6000", on=on, today=later)
    assert [(p.on, p.amount) for p in e.payments] == [(on, Decimal("6000.00"))]
    assert e.last_change() == on


def test_one_of_two_instalments_removed_keeps_the_declaration_paid(store: Store, selected: reg.Entry) -> None:
    reg.set_state(store, selected.id, "paid", received="30000", note="第一期")
    reg.set_state(store, selected.id, "paid", received="50000", note="第二期（应为 5,000）")
    e = reg.remove_payment(store, selected.id, 1)
    assert e.state == "paid" and e.received == Decimal("30000.00")
    assert [(p.amount, p.note) for p in e.payments] == [(Decimal("30000.00"), "第一期")]
    assert e.events[-1].state == "paid"
    assert e.events[-1].note == f"撤销拨付 {dt.date.today()} 50,000.00 元（第二期（应为 5,000））"
    e = reg.set_state(store, e.id, "paid", received="5000", note="第二期")
    assert e.received == Decimal("35000.00")


def test_a_declaration_paid_straight_from_accepted_goes_back_to_accepted(
    store: Store, tmp_path: Path
) -> None:
    entry, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "a.pdf", as_of=AS_OF)
    reg.set_state(store, entry.id, "submitted")
    reg.set_state(store, entry.id, "accepted", reference="FZ-1")
    reg.set_state(store, entry.id, "paid", received="1000", awarded="2000")
    reg.set_state(store, entry.id, "paid", received="500")
    e = reg.remove_payment(store, entry.id, 0)
    assert e.state == "paid"  # one payment left
    e = reg.remove_payment(store, entry.id, 0)
    assert e.state == "accepted" and e.events[-1].note.endswith("，回到已受理")
    # and from there it may be paid again, as from any 已受理
    assert reg.set_state(store, entry.id, "paid", received="800").received == Decimal("800.00")


def test_payments_are_removed_by_their_place_as_listed_by_date(store: Store, selected: reg.Entry) -> None:
    """`declarations show` lists payments by date: the second listed is the second removed, whatever
    order they were typed in."""
    today = dt.date.today()
    reg.set_state(store, selected.id, "paid", received="1000", on=today)
    reg.set_state(store, selected.id, "paid", received="2000", on=today)
    reg.set_state(store, selected.id, "paid", received="3000", on=today)
    e = reg.remove_payment(store, selected.id, 1)
    assert [p.amount for p in e.payments] == [Decimal("1000.00"), Decimal("3000.00")]


@pytest.mark.parametrize("position", [-1, 1, 5])
def test_a_payment_that_is_not_there_is_refused_and_nothing_changes(
    store: Store, selected: reg.Entry, position: int
) -> None:
    reg.set_state(store, selected.id, "paid", received="60000")
    before = snapshot(store)
    with pytest.raises(reg.RegisterError) as refused:
        reg.remove_payment(store, selected.id, position)
    assert str(refused.value) == f"申报 #{selected.id} 没有第 {position + 1} 笔拨付（共 1 笔）"
    assert snapshot(store) == before


def test_a_declaration_without_payments_or_not_there_is_refused(store: Store, selected: reg.Entry) -> None:
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match="没有第 1 笔拨付（共 0 笔）"):
        reg.remove_payment(store, selected.id, 0)
    with pytest.raises(reg.RegisterError, match="没有编号为 99 的申报"):
        reg.remove_payment(store, 99, 0)
    assert snapshot(store) == before


def test_a_withdrawn_declaration_s_payment_is_not_removed(
    store: Store, selected: reg.Entry, tmp_path: Path
) -> None:
    """Nothing is changed on a declaration withdrawn: a bundle from another version may bring one in with
    a payment, which stays as it came."""
    reg.set_state(store, selected.id, "withdrawn")
    with store_db.transaction(store.conn):
        store.conn.execute(
            "INSERT INTO declaration_payments (declaration_id, on_date, amount, note) VALUES (?, ?, ?, '')",
            (selected.id, dt.date.today().isoformat(), "1000.00"),
        )
    before = snapshot(store)
    with pytest.raises(reg.RegisterError) as refused:
        reg.remove_payment(store, selected.id, 0)
    assert str(refused.value) == f"申报 #{selected.id} 已撤回，不能撤销拨付"
    assert snapshot(store) == before


def test_a_paid_declaration_whose_history_has_no_state_before_paid_is_refused(
    store: Store, selected: reg.Entry
) -> None:
    """The state to go back to is read from the events: a register without one (a bundle's, written by
    hand) is refused rather than set to a state it never had."""
    reg.set_state(store, selected.id, "paid", received="1000")
    with store_db.transaction(store.conn):
        store.conn.execute(
            "DELETE FROM declaration_events WHERE declaration_id = ? AND state != 'paid'", (selected.id,)
        )
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match="没有已拨付之前的状态"):
        reg.remove_payment(store, selected.id, 0)
    assert snapshot(store) == before


def test_the_payment_shown_is_the_one_removed_or_none_is(store: Store, selected: reg.Entry) -> None:
    """The window names the payment it asks about: when another window or command removed or added one
    meanwhile, the place now holds another payment, which is not removed in its stead."""
    reg.set_state(store, selected.id, "paid", received="1000")
    shown = reg.set_state(store, selected.id, "paid", received="2000")
    reg.remove_payment(store, selected.id, 0)  # elsewhere: the 1,000 goes, the 2,000 is first now
    before = snapshot(store)
    with pytest.raises(reg.RegisterError) as refused:
        reg.remove_payment(store, selected.id, 0, expected=shown.payments[0])
    assert str(refused.value) == (
        f"申报 #{selected.id} 的第 1 笔拨付已被更改（现为 {dt.date.today()} 2,000.00 元），请核对后再撤销"
    )
    assert snapshot(store) == before
    e = reg.remove_payment(store, selected.id, 0, expected=shown.payments[1])
    assert e.payments == () and e.state == "selected"


def test_a_bundle_carries_the_removed_payment_in_the_history(
    store: Store, selected: reg.Entry, tmp_path: Path
) -> None:
    reg.set_state(store, selected.id, "paid", received="60000")
    reg.remove_payment(store, selected.id, 0, note="多输了一个零")
    reg.set_state(store, selected.id, "paid", received="6000")
    before = reg.entry(store, selected.id).to_dict()
    bundle = tmp_path / "园区.shenbao"
    export_bundle(store, bundle, passphrase="一个足够长的口令")
    with Store.open(tmp_path / "other") as other:
        import_into(other, read_sources([str(bundle)], lambda: "一个足够长的口令"), None)
        (moved,) = reg.entries(other)
        after = moved.to_dict()
        assert moved.received == Decimal("6000.00") and other.received(CODE, VOUCHER).total == Decimal("6000")
        # what was brought in is corrected there as here
        e = reg.remove_payment(other, moved.id, 0)
        assert e.state == "selected" and e.events[-3].note.startswith("撤销拨付 ")
    for key in ("id", "created_at", "updated_at"):
        before.pop(key), after.pop(key)
    assert after == before
    assert any("60,000.00 元" in ev["note"] and "多输了一个零" in ev["note"] for ev in after["events"])


def test_two_processes_removing_the_same_payment_remove_it_once(store: Store, selected: reg.Entry) -> None:
    """Two commands (or a command and a window) removing the last payment at the same time: one removes
    it, the other is refused; never both, never a payment gone with no event or the state left paid."""
    reg.set_state(store, selected.id, "paid", received="60000")
    env = cli_env(store.folder)
    command = ["declarations", "remove-payment", str(selected.id), "1"]
    with store_db.transaction(store.conn):  # held while both start and wait for the write lock
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "shenbao", *command],
                env={**env, "PYTHONIOENCODING": "utf-8"},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            for _ in range(2)
        ]
        time.sleep(2)
    said = [run.communicate(timeout=60)[1] for run in runs]  # closes the pipes
    outcomes = [(run.returncode, text) for run, text in zip(runs, said, strict=True)]
    assert sorted(code for code, _ in outcomes) == [0, 2], outcomes
    refused = next(text for code, text in outcomes if code == 2)
    assert refused.strip() == f"shenbao: 申报 #{selected.id} 没有第 1 笔拨付（共 0 笔）"
    e = reg.entry(store, selected.id)
    assert e.state == "selected" and e.payments == ()
    assert sum(ev.note.startswith("撤销拨付 ") for ev in e.events) == 1


def test_the_command_removes_a_payment_typed_wrong_and_the_right_one_is_recorded(
    data_dir: Path, tmp_path: Path
) -> None:
    """60,000 recorded where 6,000 was received: removed with `declarations remove-payment`, 6,000
    recorded, and `list` and `show` say 6,000 at once while the history keeps both."""
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    pdf = str(tmp_path / "申报书.pdf")
    assert shenbao(data_dir, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", pdf).returncode == 0
    for step in (("submitted",), ("selected", "--awarded", "100000"), ("paid", "--received", "60000")):
        run = shenbao(data_dir, "declarations", "set-state", "1", *step)
        assert run.returncode == 0, run.stderr

    def listed() -> dict:
        run = shenbao(data_dir, "declarations", "list", "--format", "json")
        assert run.returncode == 0, run.stderr
        (entry,) = json.loads(run.stdout)
        return entry

    def shown() -> str:
        run = shenbao(data_dir, "declarations", "show", "1", "--format", "text")
        assert run.returncode == 0, run.stderr
        return run.stdout

    today = dt.date.today()
    assert f"拨付：\n  1. {today}  60,000.00 元\n" in shown()
    before = stored(data_dir)
    for args, words in (
        (("1", "2"), ("申报 #1 没有第 2 笔拨付（共 1 笔）",)),
        (("1", "0"), ("没有第 0 笔拨付",)),
        (("7", "1"), ("没有编号为 7 的申报",)),
        (("1", "x"), ("N",)),
        # --amount: the payment meant, so that a `show` grown stale removes no other one
        (
            ("1", "1", "--amount", "6000"),
            (f"申报 #1 的第 1 笔拨付是 {today} 60,000.00 元，不是 6,000.00 元",),
        ),
        (("1", "1", "--amount", "很多"), ("很多",)),
    ):
        assert_refused(shenbao(data_dir, "declarations", "remove-payment", *args), *words)
    assert stored(data_dir) == before, "a refusal changes nothing"

    run = shenbao(
        data_dir, "declarations", "remove-payment", "1", "1", "--note", "多输了一个零", "--amount", "6万"
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == (
        f"申报 #1 已撤销第 1 笔拨付：{today} 60,000.00 元，回到已入选·已立项；多输了一个零；"
        "已拨付 0.00 元，状态：已入选·已立项"
    )
    entry = listed()
    assert (entry["state"], entry["amount_received"], entry["payments"]) == ("selected", "0.00", [])
    assert "状态：已入选·已立项" in shown() and "\n拨付：\n" not in shown()

    run = shenbao(data_dir, "declarations", "set-state", "1", "paid", "--received", "6000")
    assert run.returncode == 0, run.stderr
    entry = listed()
    assert (entry["state"], entry["amount_received"]) == ("paid", "6000.00")
    assert [e["state"] for e in entry["events"]] == [
        "generated",
        "submitted",
        "selected",
        "paid",
        "selected",
        "paid",
    ]
    text = shown()
    assert "核定金额：100,000.00 元  已拨付：6,000.00 元" in text
    assert (
        f"  {today}  已入选·已立项  撤销拨付 {today} 60,000.00 元，回到已入选·已立项；多输了一个零\n" in text
    )
    assert f"拨付：\n  1. {today}  6,000.00 元\n" in text
    listing = shenbao(data_dir, "declarations", "list", "--format", "text")
    assert "已拨付  申请 125,000.50  核定 100,000.00  已拨付 6,000.00" in listing.stdout
    # the preview's trace says what the register now holds as paid
    trace = shenbao(data_dir, "preview", "--uscc", CODE, "--trace", "--format", "text")
    assert trace.returncode == 0, trace.stderr
    assert "已登记拨付 6,000.00 元" in trace.stdout and "已登记拨付 60,000" not in trace.stdout


def test_the_command_s_help_is_in_chinese(data_dir: Path) -> None:
    run = shenbao(data_dir, "declarations", "remove-payment", "--help")
    assert run.returncode == 0, run.stderr
    assert "撤销一笔记错的拨付" in run.stdout and "撤销原因，记入状态记录" in run.stdout
    assert "--amount AMOUNT" in run.stdout and "不致撤销另一笔" in run.stdout
    listed = shenbao(data_dir, "declarations", "--help")
    assert "remove-payment" in listed.stdout
