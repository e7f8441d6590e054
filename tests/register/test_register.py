"""The declaration register on a real SQLite file: states, dates, sums, materials, the basis and reprinting."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store import db as store_db
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.register.helpers import AS_OF, VOUCHER, make_profile, make_uscc

CODE = make_uscc(1)


@pytest.fixture
def generated(store: Store, tmp_path: Path) -> reg.Entry:
    entry, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "申报书.pdf", as_of=AS_OF)
    return entry


def snapshot(store: Store) -> list[tuple]:
    tables = ("declarations", "declaration_events", "declaration_payments", "declaration_materials")
    return [tuple(store.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()) for t in tables]


def test_a_render_from_the_store_is_recorded_as_generated(store: Store, generated: reg.Entry) -> None:
    assert generated.state == "generated" and generated.state_label == "已生成"
    assert generated.amount_applied == Decimal("125000.50") and isinstance(generated.amount_applied, Decimal)
    assert generated.amount_kind == "upto"
    assert Path(generated.pdf_path or "").name == "申报书.pdf"
    assert generated.pdf_state() == "ok"
    assert generated.pdf_sha256 == hashlib.sha256(Path(generated.pdf_path or "").read_bytes()).hexdigest()
    assert generated.as_of == AS_OF and generated.policy_version
    assert [e.state for e in generated.events] == ["generated"]
    assert [m.item for m in generated.materials][-2:] == ["算力服务合同", "算力服务费发票及支付凭证"]
    assert not any(m.done for m in generated.materials)
    assert store.changes(CODE)[0].action == "生成申报书"


def test_printing_the_same_measure_again_updates_the_generated_entry(
    store: Store, generated: reg.Entry, tmp_path: Path
) -> None:
    reg.tick(store, generated.id, 0)
    again, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "again.pdf", as_of=AS_OF)
    assert again.id == generated.id
    assert Path(again.pdf_path or "").name == "again.pdf"
    assert again.materials[0].done, "printing again keeps the ticks"
    assert len(reg.entries(store)) == 1


def test_from_submitted_to_paid_in_two_instalments(store: Store, generated: reg.Entry) -> None:
    e = reg.set_state(store, generated.id, "submitted", note="已报区科技局")
    e = reg.set_state(store, e.id, "accepted", reference="榕科受〔2026〕88号")
    e = reg.set_state(store, e.id, "selected", awarded="100,000")
    e = reg.set_state(store, e.id, "paid", received="60000")
    e = reg.set_state(store, e.id, "paid", received="40000.00", note="第二期")
    assert e.state == "paid" and e.state_label == "已拨付"
    assert e.reference == "榕科受〔2026〕88号"
    assert e.amount_awarded == Decimal("100000.00")
    assert e.received == Decimal("100000.00") and isinstance(e.received, Decimal)
    assert [p.amount for p in e.payments] == [Decimal("60000.00"), Decimal("40000.00")]
    assert [ev.state for ev in e.events] == ["generated", "submitted", "accepted", "selected", "paid", "paid"]
    assert e.events[1].note == "已报区科技局" and e.events[-1].note == "第二期"
    assert reg.entries(store, state="paid") == [e]
    assert reg.entries(store, state="submitted") == []


def test_each_sum_awarded_and_received_stays_in_the_change_log(store: Store, generated: reg.Entry) -> None:
    """The register keeps the latest 核定金额 only; a corrected award left no trace of the first. The
    change log says each sum as it was set, and what it replaced."""
    today = dt.date.today()
    e = reg.set_state(store, generated.id, "submitted", on=today, today=today)
    e = reg.set_state(store, e.id, "selected", awarded="100,000")
    e = reg.set_state(store, e.id, "paid", awarded="90000", received="60000")
    e = reg.set_state(store, e.id, "paid", awarded="90000", received="30000")
    assert e.amount_awarded == Decimal("90000.00") and e.received == Decimal("90000.00")
    logged = [c.detail for c in store.changes(e.uscc) if c.action == "申报状态"][::-1]
    assert len(logged) == 4
    assert logged[0].endswith(f"已生成 → 已提交（{today}）")  # no sums: none set
    assert logged[1].endswith("，核定金额 100,000.00 元")
    assert logged[2].endswith("，核定金额 100,000.00 → 90,000.00 元，拨付 60,000.00 元")
    assert logged[3].endswith("），拨付 30,000.00 元")  # the award unchanged is not said again


def test_without_a_sum_awarded_what_was_applied_for_bounds_the_payments(
    store: Store, generated: reg.Entry
) -> None:
    """99,999,999.99 typed as a payment of a 600,000.00 declaration with no sum awarded was recorded, and
    the pipeline counted it as awarded. What was applied for bounds the payments until a sum is awarded;
    an award above it, given with the payment, lets it through."""
    applied = generated.amount_applied
    assert applied is not None
    reg.set_state(store, generated.id, "submitted")
    reg.set_state(store, generated.id, "accepted")
    with pytest.raises(reg.RegisterError, match="超过申请金额"):
        reg.set_state(store, generated.id, "paid", received=str(applied + Decimal("0.01")))
    e = reg.set_state(store, generated.id, "paid", received=str(applied))
    assert e.received == applied and e.amount_awarded is None
    e = reg.set_state(store, generated.id, "paid", awarded=str(applied + 10), received="10")
    assert e.received == applied + 10


@pytest.mark.parametrize(
    ("path", "state", "kwargs", "words"),
    [
        ([], "generated", {}, "不能手工设置"),
        ([], "accepted", {}, "可改为：已提交（submitted）、已撤回（withdrawn）"),
        ([], "bogus", {}, "未知的状态"),
        (["submitted"], "paid", {}, "不能改为已拨付"),
        (["submitted", "accepted"], "paid", {}, "须填写本次拨付金额"),
        (["submitted", "accepted"], "paid", {"received": "0"}, "应大于 0"),
        (["submitted"], "accepted", {"awarded": "5"}, "核定金额只能"),
        (["submitted", "accepted"], "selected", {"received": "5"}, "拨付金额只能"),
        (["submitted", "accepted"], "selected", {"awarded": "-1"}, "无效"),
        (["submitted", "accepted"], "selected", {"awarded": "1.234"}, "无效"),
        (["submitted", "accepted"], "selected", {"awarded": "1e5"}, "无效"),
        (["submitted", "accepted"], "selected", {"awarded": "壹万"}, "无效"),
        (
            ["submitted", "accepted", "selected"],
            "paid",
            {"awarded": "10", "received": "10.01"},
            "超过核定金额",
        ),
        (["submitted", "accepted"], "paid", {"received": "99999999.99"}, "超过申请金额"),
        (["submitted"], "accepted", {"on": "2999-01-01"}, "晚于今天"),
        (["submitted"], "accepted", {"on": "2020-01-01"}, "早于上一次状态变更"),
        (["submitted"], "accepted", {"on": "2026-02-30"}, "日期"),
        (["submitted", "accepted"], "paid", {"received": " "}, "拨付金额 ' ' 无效"),
        (["submitted", "accepted"], "selected", {"awarded": ""}, "核定金额 '' 无效"),
        (["submitted"], "accepted", {"on": " "}, "--on 日期 ' ' 无效"),
        (["refused"], "submitted", {}, "未通过，不能再更改状态"),
        (["withdrawn"], "withdrawn", {}, "不能再更改状态"),
    ],
)
def test_a_change_that_is_not_allowed_says_why_and_writes_nothing(
    store: Store, generated: reg.Entry, path: list[str], state: str, kwargs: dict, words: str
) -> None:
    for step in path:
        if step == "refused":
            reg.set_state(store, generated.id, "submitted")
        reg.set_state(store, generated.id, step)
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match=words):
        reg.set_state(store, generated.id, state, **kwargs)
    assert snapshot(store) == before


def test_a_draft_can_only_be_withdrawn(store: Store) -> None:
    draft = store.save_draft(CODE, VOUCHER, {"x": 1})
    assert reg.entry(store, draft.id).state == "draft"
    with pytest.raises(reg.RegisterError, match="可改为：已撤回"):
        reg.set_state(store, draft.id, "submitted")
    assert reg.set_state(store, draft.id, "withdrawn").state == "withdrawn"


def test_dates_on_both_edges(store: Store, generated: reg.Entry) -> None:
    today = dt.date.today()
    e = reg.set_state(store, generated.id, "submitted", on=today)  # the same day as generation
    assert e.events[-1].on == today
    with pytest.raises(reg.RegisterError, match="晚于今天"):
        reg.set_state(store, e.id, "accepted", on=today + dt.timedelta(days=1))


def test_a_draft_s_change_is_not_dated_before_the_draft_was_made(store: Store) -> None:
    """With no change recorded yet, the earliest date is the day the declaration was made: a year typed
    wrong (2016 for 2026) is refused, not recorded."""
    draft = store.save_draft(CODE, VOUCHER, {"x": 1})
    made = dt.datetime.fromisoformat(reg.entry(store, draft.id).created_at).astimezone().date()
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match="早于申报创建的日期"):
        reg.set_state(store, draft.id, "withdrawn", on=made.replace(year=made.year - 10))
    assert snapshot(store) == before
    assert reg.set_state(store, draft.id, "withdrawn", on=made).events[-1].on == made


def test_a_deadline_is_kept_and_cleared(store: Store, generated: reg.Entry) -> None:
    assert reg.set_deadline(store, generated.id, "2026-12-10").deadline == dt.date(2026, 12, 10)
    assert reg.set_deadline(store, generated.id, None).deadline is None
    for cleared in ("None", " NONE ", "无"):  # as the help writes it, in any case, or in Chinese
        reg.set_deadline(store, generated.id, "2026-12-10")
        assert reg.set_deadline(store, generated.id, cleared).deadline is None
    with pytest.raises(reg.RegisterError, match="截止日期"):
        reg.set_deadline(store, generated.id, "12/10")


def test_materials_are_ticked_and_linked_files_watched(
    store: Store, generated: reg.Entry, tmp_path: Path
) -> None:
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"contract v1")
    e = reg.tick(store, generated.id, 3)
    e = reg.link_file(store, e.id, 3, contract)
    item = e.materials[3]
    assert item.done and item.path == str(contract.resolve())
    assert item.sha256 == hashlib.sha256(b"contract v1").hexdigest()
    assert item.file_state() == "ok"
    contract.write_bytes(b"contract v2")
    assert reg.entry(store, e.id).materials[3].file_state() == "changed"
    contract.unlink()
    assert reg.entry(store, e.id).materials[3].file_state() == "missing"
    assert not reg.tick(store, e.id, 3, False).materials[3].done
    assert reg.link_file(store, e.id, 3, None).materials[3].path is None
    with pytest.raises(reg.RegisterError, match="文件不存在"):
        reg.link_file(store, e.id, 0, tmp_path / "nope.pdf")
    with pytest.raises(reg.RegisterError, match="第 100 项"):
        reg.tick(store, e.id, 99)


def test_the_basis_unchanged_then_a_changed_profile_says_what_changed(
    store: Store, generated: reg.Entry
) -> None:
    assert not reg.basis_changed(store, generated)
    assert reg.basis_change(store, generated) is None
    doc = store.get_profile(CODE)
    doc["facts"]["compute_purchase_amount"] = 200000
    store.save_profile(doc)
    assert reg.basis_changed(store, generated)
    change = reg.basis_change(store, generated)
    assert change is not None and change.profile_changed and not change.policy_changed
    assert "金额：125,000.50 元 → 100,000.00 元" in change.lines


def test_new_policy_data_that_judges_the_measure_as_before_changes_nothing(
    store: Store, generated: reg.Entry
) -> None:
    """Policy data changed elsewhere (a pack for another city, another measure's clause): the
    declaration's own measure gives the same status, amount and conditions, so nothing is flagged."""
    store.conn.execute(
        "UPDATE declarations SET policy_version = '2025.1.0+old' WHERE id = ?", (generated.id,)
    )
    e = reg.entry(store, generated.id)
    assert not reg.basis_changed(store, e)
    assert reg.basis_change(store, e) is None


def test_new_policy_data_that_judges_the_measure_otherwise_marks_the_basis_changed(
    store: Store, generated: reg.Entry
) -> None:
    """The policy data it was judged under gave 100,000.00 (as if a rate changed since): flagged, and
    the detail says the version and the amount."""
    detail = json.loads(
        store.conn.execute("SELECT preview FROM declarations WHERE id = ?", (generated.id,)).fetchone()[0]
    )
    detail["amount"] = "100000.00"
    store.conn.execute(
        "UPDATE declarations SET policy_version = '2025.1.0+old', preview = ? WHERE id = ?",
        (json.dumps(detail, ensure_ascii=False), generated.id),
    )
    e = reg.entry(store, generated.id)
    assert reg.basis_changed(store, e)
    change = reg.basis_change(store, e)
    assert change is not None and change.policy_changed and not change.profile_changed
    assert change.lines[0].startswith("政策数据已更新：2025.1.0+old → ")
    assert change.lines[-1] == "金额：100,000.00 元 → 125,000.50 元"


def test_a_deleted_pdf_is_printed_again_identical(store: Store, generated: reg.Entry) -> None:
    """Identical in what it says (the file is dated when made, so its bytes differ)."""
    from tests.pdf.helpers import text_of

    path = Path(generated.pdf_path or "")
    original = text_of(path)[0]
    doc = store.get_profile(CODE)
    doc["enterprise"]["name"] = "改名后的公司"
    store.save_profile(doc)  # the reprint uses the profile it was judged with, not today's
    path.unlink()
    assert reg.entry(store, generated.id).pdf_state() == "missing"
    assert reg.regenerate(store, generated.id) == path
    assert text_of(path)[0] == original
    assert reg.entry(store, generated.id).pdf_state() == "ok"


def test_a_draft_is_not_reprinted(store: Store) -> None:
    draft = store.save_draft(CODE, VOUCHER, {})
    with pytest.raises(reg.RegisterError, match="草稿"):
        reg.regenerate(store, draft.id)


def test_a_version_3_database_reads_its_printed_declarations_as_generated(data_dir: Path) -> None:
    conn = store_db.connect(data_dir / store_db.DB_NAME)
    store_db.migrate(conn, target=3)
    stamp = "2026-11-01T10:00:00+08:00"
    conn.execute(
        "INSERT INTO enterprises (uscc, name, document, created_at, updated_at)"
        " VALUES (?, '旧企业', '{\"enterprise\":{}}', ?, ?)",
        (CODE, stamp, stamp),
    )
    for state in ("draft", "ready", "rendered"):
        conn.execute(
            "INSERT INTO declarations (enterprise_id, measure, state, created_at, updated_at) VALUES (1, ?, ?, ?, ?)",
            (VOUCHER, state, stamp, stamp),
        )
    conn.close()
    with Store.open(data_dir) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == store_db.SCHEMA_VERSION
        assert [e.state for e in reg.entries(store)] == ["draft", "draft", "generated"]
        assert [e.id for e in reg.entries(store, state="generated")] == [3]
        assert reg.set_state(store, 3, "submitted").state == "submitted"
    assert store_db.check_file(data_dir / store_db.DB_NAME) is None


def test_a_bundle_carries_the_register(store: Store, generated: reg.Entry, tmp_path: Path) -> None:
    pdf = tmp_path / "材料.pdf"
    pdf.write_bytes(b"x")
    reg.link_file(store, generated.id, 0, pdf)
    reg.tick(store, generated.id, 0)
    reg.set_deadline(store, generated.id, "2026-12-20")
    reg.set_state(store, generated.id, "submitted", reference="R-1")
    reg.set_state(store, generated.id, "accepted")
    reg.set_state(store, generated.id, "paid", received="1000.50", awarded="2000")
    before = reg.entry(store, generated.id).to_dict()
    bundle = tmp_path / "park.shenbao"
    export_bundle(store, bundle, passphrase="一个足够长的口令")
    with Store.open(tmp_path / "other") as other:
        import_into(other, read_sources([str(bundle)], lambda: "一个足够长的口令"), None)
        after = reg.entries(other)[0].to_dict()
        assert reg.basis_change(other, reg.entries(other)[0]) is None
    for key in ("id", "created_at", "updated_at"):
        before.pop(key), after.pop(key)
    assert after == before


def test_a_bundle_s_sums_and_dates_are_stored_as_the_register_writes_them(
    store: Store, generated: reg.Entry, tmp_path: Path
) -> None:
    """A bundle's register may write its sums with thousands separators and its dates without hyphens
    (both accepted when it is checked): they are stored as the register writes its own, so the register
    reads them back and orders payments by date, never failing on them."""
    import json
    import zipfile

    from shenbao.core.store.bundle import _zip

    reg.set_state(store, generated.id, "submitted")
    reg.set_state(store, generated.id, "selected", awarded="120000")
    reg.set_state(store, generated.id, "paid", received="70000")
    bundle = tmp_path / "park.shenbao"
    export_bundle(store, bundle, omit_sensitive=True)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    name = f"declarations/{CODE}.json"
    declarations = json.loads(members[name])
    part = declarations[0]["register"]
    part["amount_awarded"], part["amount_applied"] = "120,000", "125,000.5"
    part["payments"] = [
        {"on": "20261120", "amount": "50,000", "note": "第二期"},
        {"on": "2026-11-02", "amount": "20000", "note": "第一期"},
    ]
    members[name] = json.dumps(declarations, ensure_ascii=False).encode()
    manifest.pop("members")
    edited = tmp_path / "edited.shenbao"
    edited.write_bytes(_zip(members, manifest))
    with Store.open(tmp_path / "other") as other:
        import_into(other, read_sources([str(edited)], lambda: ""), None)
        (e,) = reg.entries(other)
    assert (e.amount_awarded, e.amount_applied, e.received) == (
        Decimal("120000.00"),
        Decimal("125000.50"),
        Decimal("70000.00"),
    )
    assert [(p.on.isoformat(), p.note) for p in e.payments] == [
        ("2026-11-02", "第一期"),
        ("2026-11-20", "第二期"),
    ]


def test_a_bundle_with_a_bad_register_is_refused(tmp_path: Path) -> None:
    from shenbao.core.store.bundle import BundleError, check_declarations

    good = {"measure": VOUCHER, "state": "rendered", "register": {"state": "paid", "payments": []}}
    assert check_declarations([good], "d.json") == [good]
    for bad, words in (
        ({"state": "won"}, "state"),
        ({"payments": [{"on": "2026-01-01", "amount": "-5"}]}, "无效"),
        ({"events": [{"state": "paid", "on": "someday"}]}, "d.json"),
        ({"materials": [{"item": "x", "sha256": "zz"}]}, "sha256"),
        ("paid", "应为对象"),
    ):
        with pytest.raises(BundleError, match=words):
            check_declarations([{**good, "register": bad}], "d.json")


def test_the_register_and_its_basis_check_need_no_key(
    store: Store, generated: reg.Entry, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = sqlite3.connect(data_dir / store_db.DB_NAME).execute("SELECT basis FROM declarations").fetchone()[0]
    assert raw and "1380013" not in bytes(raw).decode("latin-1"), (
        "the profile it was judged with is encrypted"
    )

    def no_key(self: object) -> None:
        raise AssertionError("the key was asked for")

    monkeypatch.setattr(type(store.keys), "cipher", property(no_key))
    (found,) = reg.entries(store)
    assert found.id == generated.id and not reg.basis_changed(store, found)


def test_two_payments_recorded_at_once_are_checked_against_each_other(
    store: Store, generated: reg.Entry, data_dir: Path
) -> None:
    """A payment is checked against the sums recorded when it is written, not when it was asked for: the
    window and the command (or two colleagues) recording 60,000 each of a 100,000 award at the same time
    get one payment and one refusal, never 120,000 paid."""
    import threading

    for state, extra in (("submitted", {}), ("selected", {"awarded": "100000"})):
        reg.set_state(store, generated.id, state, **extra)
    outcome: list[object] = []
    opened = threading.Event()

    def record() -> None:
        with Store.open(data_dir) as other:
            opened.set()
            try:
                outcome.append(reg.set_state(other, generated.id, "paid", received="60000"))
            except reg.RegisterError as err:
                outcome.append(err)

    second = threading.Thread(target=record)
    with store_db.transaction(store.conn):  # the first payment, its change not yet committed
        reg.set_state(store, generated.id, "paid", received="60000")
        second.start()
        assert opened.wait(10)
        second.join(0.5)  # the second waits for the write lock
    second.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], reg.RegisterError), outcome
    assert "超过核定金额" in str(outcome[0])
    assert reg.entry(store, generated.id).received == Decimal("60000.00")


def test_a_copied_data_folder_keeps_its_own_printed_declarations(
    data_dir: Path, tmp_path: Path, no_keyring: None
) -> None:
    """The data folder is copied as a whole (to a new laptop, a colleague): the register of the copy finds
    the declarations printed into it, and printing one again there writes into the copy, never into
    the folder it was copied from."""
    import shutil

    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        printed = Path(store.folder) / "declarations" / f"{CODE}_{VOUCHER}_1.pdf"
        first, _ = reg.generate(store, CODE, VOUCHER, printed, as_of=AS_OF)
    original = printed.read_bytes()
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    with Store.open(copy) as store:
        e = reg.entry(store, first.id)
        assert (e.pdf_path, e.pdf_state()) == (str((copy / "declarations" / printed.name).resolve()), "ok")
        reg.regenerate(store, first.id)
    assert printed.read_bytes() == original
    shutil.rmtree(data_dir)
    with Store.open(copy) as store:
        assert reg.entry(store, first.id).pdf_state() == "ok"


def test_a_reprint_never_replaces_a_file_that_is_not_a_pdf(
    store: Store, generated: reg.Entry, tmp_path: Path
) -> None:
    """A declaration's recorded path naming another kind of file (a bundle's, changed by anyone) is not
    written over by printing again: refused, the file and the register as they were."""
    notes = tmp_path / "notes.txt"
    notes.write_text("园区台账", encoding="utf-8")
    store.conn.execute("UPDATE declarations SET pdf_path = ? WHERE id = ?", (str(notes), generated.id))
    before = snapshot(store)
    with pytest.raises(reg.RegisterError, match="不是申报书 PDF"):
        reg.regenerate(store, generated.id)
    assert notes.read_text(encoding="utf-8") == "园区台账"
    assert snapshot(store) == before


def test_the_wizard_resumes_a_printed_declaration_until_it_is_handed_in(
    store: Store, generated: reg.Entry, tmp_path: Path
) -> None:
    """After the profile changed, 「在向导中重新生成」 (as the guide says) opened a new declaration, and a
    second 已生成 one of the same measure stood beside the first: 申报进度 counted 进行中 2 份. The
    wizard resumes the printed one until it is submitted; after that a new one is a new application."""
    assert store.open_declaration(CODE, VOUCHER).id == generated.id
    again, _ = reg.generate(store, CODE, VOUCHER, tmp_path / "again.pdf", as_of=AS_OF)
    assert again.id == generated.id and len(store.list_declarations(CODE)) == 1
    reg.set_state(store, generated.id, "submitted")
    assert store.open_declaration(CODE, VOUCHER) is None


def test_a_later_number_stays_with_its_event_and_keeps_the_receipt_number(
    store: Store, generated: reg.Entry
) -> None:
    """「--ref 榕数立〔2026〕9号」 given with 已入选·已立项 replaced the 受理编号 榕数受〔2026〕88号 in the
    header, which kept calling it 受理编号; the first was left only in the history, under no label.
    Each number stays with the event it came with; the header keeps the 受理编号."""
    reg.set_state(store, generated.id, "submitted")
    reg.set_state(store, generated.id, "accepted", reference="榕数受〔2026〕88号")
    e = reg.set_state(store, generated.id, "selected", reference="榕数立〔2026〕9号", awarded="100000")
    assert e.reference == "榕数受〔2026〕88号"
    assert [(ev.state, ev.reference) for ev in e.events][-2:] == [
        ("accepted", "榕数受〔2026〕88号"),
        ("selected", "榕数立〔2026〕9号"),
    ]
