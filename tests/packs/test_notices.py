"""申报通知 as documents of their own kind: the strict loader at its edges, a notice's dated windows in the
待办 (inclusive on both ends, the look-ahead edge, precedence over the month windows), the trace, a new
declaration's deadline and materials checklist, install and remove, and `shenbao policies list`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from shenbao.core import register as reg
from shenbao.core.deadlines import default_deadline, materials_for, todo
from shenbao.core.forms import form_for
from shenbao.core.model import parse_profile
from shenbao.core.packs.archive import read_pack
from shenbao.core.packs.library import activate, commit_install, plan_install, remove
from shenbao.core.packs.source import PackError, read_source
from shenbao.core.policies import PolicyDataError, catalogue, load_catalogue, shipped_catalogue
from shenbao.core.rules import rules
from shenbao.core.store import Store
from tests.store.factory import shenbao

from .helpers import EXAMPLE, EXAMPLE_CITY, build_pack, copy_source, ok

NOTICE = "documents/sl2026n.toml"
VOUCHER = "sl2026.compute_voucher"  # the notice opens it 2026-12-15 to 2027-01-15, with its own materials
AWARD = "sl2026.product_award"  # 2027-03-10 to 2027-04-15, in place of March's month window; no materials
IIOT = "sl2026.iiot_tiers"  # no notice opens it
USCC = EXAMPLE_CITY["enterprise"]["uscc"]
NOTICE_MATERIALS = (
    "【示例】申报表（通知附件1）",
    "【示例】算力服务合同、发票及支付凭证",
    "【示例】信用承诺书（通知附件2）",
)


def edited(tmp_path: Path, member: str, old: str, new: str) -> Path:
    """A copy of the example source with one passage of one member rewritten."""
    folder = copy_source(tmp_path / "src")
    path = folder / member
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def read(folder: Path) -> object:
    return read_source(folder, shipped_catalogue().documents)


# --- the loader -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "old", "new", "message"),
    [
        (
            NOTICE,
            'measure = "sl2026.compute_voucher"',
            'measure = "sl2026.nothing"',
            "措施 sl2026.nothing 不存在",
        ),
        (NOTICE, "closes = 2027-01-15", "closes = 2026-12-14", "截止日期 2026-12-14 早于开始日期 2026-12-15"),
        (NOTICE, "opens = 2026-12-15", "opens = 2026-11-30", "早于通知有效期起始 2026-12-01"),
        (NOTICE, "closes = 2027-04-15", "closes = 2027-05-01", "晚于通知有效期截止 2027-04-30"),
        (
            NOTICE,
            "issued = 2026-11-25",
            "issued = 2026-12-16",
            "开始日期 2026-12-15 早于通知发布日期 2026-12-16",
        ),
        (
            NOTICE,
            'measure = "sl2026.product_award"',
            'measure = "sl2026.compute_voucher"',
            "在同一通知中重复",
        ),
        (NOTICE, '\nkind = "notice"', '\nkind = "final"', "只有申报通知"),
        (NOTICE, 'number = "示工信〔2026〕9号（示例）"\n', "", "须写明文号 number 和发布日期 issued"),
        (NOTICE, "closes = 2027-01-15", "closes = 2027-01-15T17:00:00", "不带时刻"),
        (NOTICE, 'contact = "', 'phone = "', "未知的键 phone"),
        (NOTICE, '  "【示例】申报表（通知附件1）",', '  " ",', "申报材料清单中有空项"),
        (
            NOTICE,
            "[[window]]",
            '[[article]]\nid = "一"\nheading = "通知"\ntext = "通知"\nresponsible = []\n\n[[window]]',
            "申报通知不能有条款",
        ),
        ("pack.toml", 'judged = ["sl2026"]', 'judged = ["sl2026", "sl2026n"]', "是申报通知，没有措施可测算"),
    ],
)
def test_the_loader_refuses_a_bad_notice_in_one_line(
    tmp_path: Path, member: str, old: str, new: str, message: str
) -> None:
    folder = edited(tmp_path, member, old, new)
    with pytest.raises(PolicyDataError) as err:
        read(folder)
    text = str(err.value)
    assert message in text and "\n" not in text


def test_a_notice_without_windows_or_with_measures_of_its_own_is_refused(tmp_path: Path) -> None:
    folder = copy_source(tmp_path / "src")
    notice = folder / NOTICE
    notice.write_text(notice.read_text(encoding="utf-8").split("[[window]]")[0], encoding="utf-8")
    with pytest.raises(PolicyDataError, match="须至少为一项措施写明受理期"):
        read(folder)

    folder = copy_source(tmp_path / "src2")
    measures = (folder / "measures" / "sl2026.toml").read_text(encoding="utf-8")
    (folder / "measures" / "sl2026n.toml").write_text(
        measures.replace('document = "sl2026"', 'document = "sl2026n"', 1), encoding="utf-8"
    )
    with pytest.raises(PolicyDataError, match="是申报通知，不能有措施"):
        read(folder)


def test_a_window_on_the_edges_of_the_notice_s_own_dates_and_of_one_day_is_accepted(tmp_path: Path) -> None:
    folder = edited(
        tmp_path, NOTICE, "opens = 2026-12-15\ncloses = 2027-01-15", "opens = 2026-12-01\ncloses = 2026-12-01"
    )
    notice = folder / NOTICE
    notice.write_text(
        notice.read_text(encoding="utf-8").replace("closes = 2027-04-15", "closes = 2027-04-30"),
        encoding="utf-8",
    )
    doc = read(folder).tree.documents["sl2026n"]  # type: ignore[attr-defined]
    assert [(w.opens, w.closes) for w in doc.windows] == [
        (dt.date(2026, 12, 1), dt.date(2026, 12, 1)),
        (dt.date(2027, 3, 10), dt.date(2027, 4, 30)),
    ]


def test_a_notice_may_open_a_shipped_measure_and_the_shipped_library_may_carry_notices(
    tmp_path: Path,
) -> None:
    folder = edited(tmp_path, NOTICE, 'measure = "sl2026.product_award"', 'measure = "fz2024.compute_supply"')
    assert read(folder).tree.documents["sl2026n"].windows[1].measure == "fz2024.compute_supply"  # type: ignore[attr-defined]

    policies = tmp_path / "policies"
    shutil.copytree(Path(shipped_catalogue_folder()), policies)
    (policies / "documents" / "fz2026n.toml").write_text(
        (EXAMPLE / NOTICE)
        .read_text(encoding="utf-8")
        .replace('id = "sl2026n"', 'id = "fz2026n"')
        .replace('"sl2026.compute_voucher"', '"fz2024.compute_supply"')
        .replace('"sl2026.product_award"', '"fj2025.compute_voucher"'),
        encoding="utf-8",
    )
    cat = load_catalogue(policies)
    assert [w.notice for w in cat.notice_windows("fz2024.compute_supply")] == ["fz2026n"]
    assert cat.documents["fz2026n"].status(dt.date(2026, 12, 20)) == "受理中"
    (policies / "documents" / "fz2026n.toml").write_text(
        (policies / "documents" / "fz2026n.toml")
        .read_text(encoding="utf-8")
        .replace('"fz2024.compute_supply"', '"fz2024.no_such_measure"'),
        encoding="utf-8",
    )
    with pytest.raises(PolicyDataError, match="fz2024.no_such_measure 不存在"):
        load_catalogue(policies)


def shipped_catalogue_folder() -> Path:
    from shenbao import paths

    return paths.policies()


def test_a_notice_reads_by_its_windows() -> None:
    doc = read(EXAMPLE).tree.documents["sl2026n"]  # type: ignore[attr-defined]
    assert doc.period_text() == "受理期 2026-12-15 至 2027-04-15"
    assert not doc.in_force(dt.date(2026, 12, 20))
    for day, status in [
        (dt.date(2026, 12, 14), "尚未开始受理"),
        (dt.date(2026, 12, 15), "受理中"),
        (dt.date(2027, 1, 15), "受理中"),
        (dt.date(2027, 1, 16), "尚未开始受理"),  # between its two windows
        (dt.date(2027, 4, 15), "受理中"),
        (dt.date(2027, 4, 16), "受理已截止"),
    ]:
        assert doc.status(day) == status, day


# --- in use: the 待办, the trace, the register ----------------------------------------------------------


@pytest.fixture
def installed(trusted: Path, example_pack: Path) -> Iterator[Path]:
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), dt.date(2026, 12, 1)))
    assert activate(trusted) == []
    yield trusted
    activate(None)


@pytest.fixture
def store(installed: Path) -> Iterator[Store]:
    with Store.open(installed) as opened:
        opened.save_profile(parse_profile(EXAMPLE_CITY))
        yield opened


def windows_in_todo(store: Store, as_of: dt.date) -> dict[str, tuple[str, int, str]]:
    return {
        t.measure: (t.day.isoformat(), t.days, t.text)
        for t in todo(store, as_of)
        if t.kind == "window" and t.measure in (VOUCHER, AWARD)
    }


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 12, 14), {VOUCHER: ("2026-12-15", 1, "1 天后开始受理（2026-12-15 至 2027-01-15）")}),
        (
            dt.date(2026, 12, 15),
            {VOUCHER: ("2027-01-15", 31, "受理期中（2026-12-15 至 2027-01-15），还剩 31 天")},
        ),
        (
            dt.date(2027, 1, 15),
            {VOUCHER: ("2027-01-15", 0, "受理期中（2026-12-15 至 2027-01-15），今天截止")},
        ),
        (dt.date(2027, 1, 16), {}),
        # March's month window gave way to the notice's 2027-03-10: nothing 31 days before it, though
        # 1 March (22 days on) would have been listed by the month rule alone
        (dt.date(2027, 2, 7), {}),
        (dt.date(2027, 2, 8), {AWARD: ("2027-03-10", 30, "30 天后开始受理（2027-03-10 至 2027-04-15）")}),
        (dt.date(2027, 3, 9), {AWARD: ("2027-03-10", 1, "1 天后开始受理（2027-03-10 至 2027-04-15）")}),
        (
            dt.date(2027, 3, 10),
            {AWARD: ("2027-04-15", 36, "受理期中（2027-03-10 至 2027-04-15），还剩 36 天")},
        ),
        (dt.date(2027, 4, 15), {AWARD: ("2027-04-15", 0, "受理期中（2027-03-10 至 2027-04-15），今天截止")}),
        (dt.date(2027, 4, 16), {}),
        # September's month window stands: no notice touches it
        (
            dt.date(2027, 9, 1),
            {AWARD: ("2027-09-30", 29, "受理期中（2027-09-01 至 2027-09-30），还剩 29 天")},
        ),
    ],
)
def test_the_todo_takes_a_notice_s_window_inclusive_on_both_ends(
    store: Store, as_of: dt.date, expected: dict[str, tuple[str, int, str]]
) -> None:
    found = windows_in_todo(store, as_of)
    assert {m: v[:2] for m, v in found.items()} == {m: v[:2] for m, v in expected.items()}
    for measure, (_day, _days, text) in expected.items():
        assert found[measure][2].startswith(text)
        from_notice = measure != AWARD or as_of < dt.date(2027, 9, 1)
        assert (
            found[measure][2].endswith("据申报通知《关于组织申报示例市人工智能产业扶持资金的通知（示例）》")
            == from_notice
        )


def test_the_trace_names_the_notice_s_window_and_where_to_submit(installed: Path) -> None:
    profile = parse_profile(EXAMPLE_CITY)
    notes = rules().preview(profile, dt.date(2026, 12, 20)).result(VOUCHER).notes
    assert notes[0] == (
        "申报通知《关于组织申报示例市人工智能产业扶持资金的通知（示例）》（示工信〔2026〕9号（示例））："
        "受理期 2026-12-15 至 2027-01-15（受理中，以通知为准）；受理地点：【示例】示例市政务服务中心工信窗口；"
        "咨询：【示例】示例市工业和信息化局产业科 0000-0000000。"
    )
    later = rules().preview(profile, dt.date(2027, 1, 16)).result(VOUCHER).notes
    assert not any(n.startswith("申报通知") for n in later)
    award = rules().preview(profile, dt.date(2027, 1, 16)).result(AWARD).notes
    assert award[0].startswith("申报通知《") and "2027-03-10 至 2027-04-15（尚未开始" in award[0]


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        # March gave way to the notice's 2027-03-10 to 2027-04-15: the standing rule's next is September
        (dt.date(2027, 1, 16), "每年集中受理两次（3 月、9 月）；下一受理期：2027 年 9 月。"),
        (dt.date(2027, 3, 5), "每年集中受理两次（3 月、9 月）；下一受理期：2027 年 9 月。"),
        (dt.date(2027, 9, 5), "每年集中受理两次（3 月、9 月）；本月（2027 年 9 月）为受理期。"),
    ],
)
def test_the_trace_s_month_window_gives_way_to_the_notice_s(
    installed: Path, as_of: dt.date, said: str
) -> None:
    """On 5 March 2027 the trace said 「本月（2027 年 3 月）为受理期」 beside the notice's 「受理期 2027-03-10 至
    2027-04-15（尚未开始，以通知为准）」, and the 待办 list said it opens in 5 days: the month a notice's window
    overlaps gives way to it, in the trace as in the 待办 list."""
    notes = rules().preview(parse_profile(EXAMPLE_CITY), as_of).result(AWARD).notes
    assert said in notes


def test_a_new_declaration_takes_the_notice_s_deadline_and_materials(store: Store, tmp_path: Path) -> None:
    entry, _ = reg.generate(store, USCC, VOUCHER, tmp_path / "v.pdf", as_of=dt.date(2026, 12, 20))
    assert entry.deadline == dt.date(2027, 1, 15)
    assert tuple(m.item for m in entry.materials) == NOTICE_MATERIALS

    # a notice without a list of its own: the measure's form's list stands; the deadline still comes
    award, _ = reg.generate(store, USCC, AWARD, tmp_path / "a.pdf", as_of=dt.date(2027, 2, 1))
    assert award.deadline == dt.date(2027, 4, 15)
    form = form_for(AWARD)
    assert form is not None and tuple(m.item for m in award.materials) == form.materials

    # no notice opens it: no deadline
    iiot, _ = reg.generate(store, USCC, IIOT, tmp_path / "i.pdf", as_of=dt.date(2026, 12, 20))
    assert iiot.deadline is None


def test_the_printed_form_and_its_reprint_list_the_notice_s_materials(store: Store, tmp_path: Path) -> None:
    from tests.pdf.helpers import text_of

    entry, _ = reg.generate(store, USCC, VOUCHER, tmp_path / "v.pdf", as_of=dt.date(2026, 12, 20))
    form = form_for(VOUCHER)
    assert form is not None and set(form.materials).isdisjoint(NOTICE_MATERIALS)
    printed, _ = text_of(tmp_path / "v.pdf")
    for item in NOTICE_MATERIALS:
        assert re.sub(r"\s", "", item) in printed
    assert not any(re.sub(r"\s", "", item) in printed for item in form.materials)
    reprint = reg.regenerate(store, entry.id, tmp_path / "again.pdf")
    assert text_of(reprint)[0].count("【示例】") == printed.count("【示例】")
    for item in NOTICE_MATERIALS:
        assert re.sub(r"\s", "", item) in text_of(reprint)[0]


def test_a_deadline_the_user_set_is_never_overwritten(store: Store, tmp_path: Path) -> None:
    entry, _ = reg.generate(store, USCC, VOUCHER, tmp_path / "v.pdf", as_of=dt.date(2026, 12, 20))
    reg.set_deadline(store, entry.id, dt.date(2027, 1, 10))
    again, _ = reg.generate(store, USCC, VOUCHER, tmp_path / "v.pdf", as_of=dt.date(2026, 12, 21))
    assert again.id == entry.id and again.deadline == dt.date(2027, 1, 10)
    store.save_draft(USCC, VOUCHER, {"x": 1}, declaration_id=entry.id, deadline=dt.date(2027, 1, 15))
    assert reg.entry(store, entry.id).deadline == dt.date(2027, 1, 10)
    reg.set_deadline(store, entry.id, None)
    assert reg.entry(store, entry.id).deadline is None


def test_after_the_last_window_closes_a_declaration_has_no_notice_deadline(installed: Path) -> None:
    cat = catalogue()
    assert default_deadline(cat, VOUCHER, dt.date(2027, 1, 15)) == dt.date(2027, 1, 15)
    assert default_deadline(cat, VOUCHER, dt.date(2027, 1, 16)) is None
    assert materials_for(cat, VOUCHER, dt.date(2027, 1, 16), ("表单",)) == ("表单",)
    assert materials_for(cat, VOUCHER, dt.date(2026, 11, 1), ("表单",)) == NOTICE_MATERIALS


def test_install_and_remove_add_and_take_away_the_notice_s_windows(store: Store) -> None:
    folder = Path(store.folder)
    assert [w.notice for w in catalogue().notice_windows(VOUCHER)] == ["sl2026n"]
    assert VOUCHER in windows_in_todo(store, dt.date(2026, 12, 20))
    assert remove(folder, "example-ai") is None
    activate(folder)
    assert catalogue() is shipped_catalogue() and catalogue().notice_windows(VOUCHER) == []
    assert windows_in_todo(store, dt.date(2026, 12, 20)) == {}


def test_a_notice_may_open_a_measure_of_a_pack_installed_before(
    tmp_path: Path, installed: Path, publisher: tuple[Path, Path]
) -> None:
    source = tmp_path / "round2"
    (source / "documents").mkdir(parents=True)
    header = (EXAMPLE / "pack.toml").read_text(encoding="utf-8")
    header = re.sub(r"^id = .*$", 'id = "example-round2"', header, count=1, flags=re.M)
    header = re.sub(r"^judged = .*$", "judged = []", header, count=1, flags=re.M)
    header = re.sub(r"^library = .*$", 'library = ["sl2027n"]', header, count=1, flags=re.M)
    (source / "pack.toml").write_text(header, encoding="utf-8")
    notice = (EXAMPLE / NOTICE).read_text(encoding="utf-8").replace('id = "sl2026n"', 'id = "sl2027n"')
    (source / "documents" / "sl2027n.toml").write_text(notice, encoding="utf-8")

    with pytest.raises(
        PolicyDataError, match="sl2026.compute_voucher 不存在"
    ):  # alone, its measures are unknown
        build_pack(source, publisher[0], tmp_path / "alone.shenbao-policy")
    from shenbao.core.packs.archive import build

    pack = tmp_path / "round2.shenbao-policy"
    build(source, publisher[0], pack, None, shipped_catalogue().documents, set(catalogue().measures))
    with pytest.raises(PackError, match="不存在"):
        read_pack(pack.read_bytes(), lambda d: None, shipped_catalogue().documents)
    commit_install(installed, plan_install(installed, pack.read_bytes(), dt.date(2026, 12, 1)))
    assert activate(installed) == []
    assert [w.notice for w in catalogue().notice_windows(VOUCHER)] == ["sl2026n", "sl2027n"]


# --- through the command ------------------------------------------------------------------------------


def test_the_command_lists_the_notice_and_its_windows_in_the_todo(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    pack = build_pack(EXAMPLE, publisher[0], tmp_path / "example.shenbao-policy")
    ok(shenbao(data_dir, "policies", "trust", str(publisher[1]), "--name", "示例发布者", "--yes"))
    ok(shenbao(data_dir, "policies", "install", str(pack)))
    listed = json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    docs = {d["id"]: d for d in listed[1]["documents"]}
    assert docs["sl2026"]["kind"] == "final" and docs["sl2026d"]["kind"] == "draft"
    notice = docs["sl2026n"]
    assert notice["kind"] == "notice" and notice["number"] == "示工信〔2026〕9号（示例）"
    assert notice["issued"] == "2026-11-25"
    assert [(w["measure"], w["opens"], w["closes"]) for w in notice["windows"]] == [
        (VOUCHER, "2026-12-15", "2027-01-15"),
        (AWARD, "2027-03-10", "2027-04-15"),
    ]
    assert notice["windows"][0]["materials"] == list(NOTICE_MATERIALS)
    assert notice["windows"][1]["materials"] == []
    text = ok(shenbao(data_dir, "policies", "list", "--format", "text"))
    assert f"申报通知开放 {VOUCHER}：2026-12-15 至 2027-01-15" in text

    profile = tmp_path / "example.json"
    profile.write_text(json.dumps(EXAMPLE_CITY, ensure_ascii=False), encoding="utf-8")
    ok(shenbao(data_dir, "import", str(profile)))
    for as_of, days in (("2027-01-15", 0), ("2027-01-16", None)):
        items = json.loads(ok(shenbao(data_dir, "todo", "--as-of", as_of, "--format", "json")))
        found = [i for i in items if i["kind"] == "window" and i["measure"] == VOUCHER]
        assert [i["days"] for i in found] == ([] if days is None else [days]), as_of


# --- the library --------------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_library_shows_notices_under_their_own_heading(qtbot, qtmodeltester, installed: Path) -> None:
    from shenbao.ui.library_view import LibraryView

    view = LibraryView(as_of=dt.date(2026, 12, 20), data_folder=installed)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    qtmodeltester.check(view.notices)
    assert view.notice_heading.isVisible() and view.notice_table.isVisible()
    assert view.notice_heading.text() == "<b>申报通知</b>"
    assert view.documents.row_of("sl2026n") == -1 and view.documents.row_of("sl2026") >= 0
    row = view.notices.row_of("sl2026n")
    assert row == 0 and view.notices.rowCount() == 1
    assert view.notices.data(view.notices.index(row, 1)) == "受理中"
    assert view.notices.data(view.notices.index(row, 2)) == "受理期 2026-12-15 至 2027-04-15"
    assert view.notices.data(view.notices.index(row, 3)) == "示工信〔2026〕9号（示例）"

    view.notice_table.setFocus()
    view.notice_table.selectRow(row)
    assert view.current_document().id == "sl2026n"
    assert not view.doc_table.selectionModel().hasSelection()
    text = view.text.toPlainText()
    for words in (
        "开放申报的措施",
        "2026-12-15 至 2027-01-15（受理中）",
        "2027-03-10 至 2027-04-15（尚未开始）",
        "【示例】示例市政务服务中心工信窗口",
        *NOTICE_MATERIALS,
        "申报材料：按该措施申报表所列",
        "【示例】本轮受理替代 2027 年 3 月的集中受理。",
    ):
        assert words in text, words
    html = view.text.toHtml()
    assert f"measure:{VOUCHER}" in html and f"measure:{AWARD}" in html
    with qtbot.waitSignal(view.measureActivated) as activated:
        view._anchor(QUrl(f"measure:{VOUCHER}"))
    assert activated.args == [VOUCHER]

    view.show_document("sl2026")
    assert view.current_document().id == "sl2026"
    text = view.text.toPlainText()
    assert "申报通知《关于组织申报示例市人工智能产业扶持资金的通知（示例）》：" in text
    assert "2026-12-15 至 2027-01-15" in text and "2027-03-10 至 2027-04-15" in text
    view.show_document("sl2026n")
    assert view.current_document().id == "sl2026n"

    view.set_as_of(dt.date(2027, 4, 16))
    assert view.notices.data(view.notices.index(row, 1)) == "受理已截止"
    assert "（已截止）" in view.text.toPlainText()
    view.doc_table.selectRow(view.documents.row_of("sl2026"))
    assert view.current_document().id == "sl2026"
    assert not view.notice_table.selectionModel().hasSelection()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_notice_reads_in_english_with_its_materials_and_note(qtbot, installed: Path) -> None:
    """The notice's own materials and note come with their English (materials_en, note_en); its days
    read "from … to …"; where to submit and whom to ask are names, as the notice gives them."""
    from shenbao.tools import translations
    from shenbao.ui.app import create_application
    from shenbao.ui.library_view import LibraryView

    translations.build()
    create_application(language="en")
    try:
        view = LibraryView(as_of=dt.date(2026, 12, 20), data_folder=installed)
        qtbot.addWidget(view)
        view.show_document("sl2026n")
        text = view.text.toPlainText()
        for words in (
            "2026-12-15 to 2027-01-15",
            "[Example] Computing services contract, invoices and payment receipts",
            "[Example] This round replaces the March 2027 window.",
        ):
            assert words in text, words
        assert not any(m in text for m in NOTICE_MATERIALS) and " 至 " not in text
        view.show_document("sl2026")
        assert "2026-12-15 to 2027-01-15" in view.text.toPlainText()
    finally:
        create_application(language="zh_CN")


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_without_notices_the_library_has_no_notice_heading(qtbot) -> None:
    from shenbao.ui.library_view import LibraryView

    view = LibraryView(as_of=dt.date(2026, 12, 20))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.notices.rowCount() == 0
    assert not view.notice_heading.isVisible() and not view.notice_table.isVisible()


def test_a_notice_s_todo_line_reads_in_english(store: Store, qapp) -> None:
    from shenbao.ui.app import create_application
    from shenbao.ui.style import todo_text

    line = windows_in_todo(store, dt.date(2026, 12, 20))[VOUCHER][2]
    create_application(language="en")
    try:
        english = todo_text("window", line)
    finally:
        create_application(language="zh_CN")
    assert english == (
        "Open for applications (2026-12-15 to 2027-01-15), 26 days left; per the notice "
        "“Notice on applying for the Example City AI industry support fund (example)”"
    )
    assert todo_text("window", line) == line


# --- the 待办 panel and the wizard -----------------------------------------------------------------------


@pytest.fixture
def ctx(store: Store) -> Iterator[object]:
    from shenbao.ui.context import AppContext

    context = AppContext(store.folder, store=store, as_of=dt.date(2027, 1, 15))
    yield context
    context.store = None  # the store fixture closes it


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_todo_panel_shows_the_notice_s_window_on_its_last_day(qtbot, ctx) -> None:
    from shenbao.ui.todo_panel import TodoPanel

    panel = TodoPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.refresh()
    rows = [i for i in panel.model.items if i.kind == "window" and i.measure == VOUCHER]
    assert [(r.day, r.days) for r in rows] == [(dt.date(2027, 1, 15), 0)]
    row = panel.model.items.index(rows[0])
    shown = [panel.model.index(row, c).data() for c in range(panel.model.columnCount())]
    assert "2027-01-15" in shown and any("据申报通知" in str(v) for v in shown)

    ctx.set_as_of(dt.date(2027, 1, 16))
    with qtbot.waitSignal(panel.loaded, timeout=20000):
        panel.refresh()
    assert not [i for i in panel.model.items if i.kind == "window" and i.measure == VOUCHER]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_wizard_starts_a_declaration_with_the_notice_s_deadline_and_checklist(qtbot, ctx) -> None:
    from shenbao.ui.wizard import WizardDialog

    wizard = WizardDialog(ctx.store, VOUCHER, USCC, dt.date(2026, 12, 20), open_pdf=False)
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(8):  # page by page to the review; the first turn creates the declaration
        if wizard.current_page_name() == "review":
            break
        wizard.next()
    assert wizard.current_page_name() == "review"
    review = wizard.currentPage().browser.toPlainText()
    assert all(item in review for item in NOTICE_MATERIALS)
    (draft,) = reg.entries(ctx.store, USCC)
    assert draft.deadline == dt.date(2027, 1, 15)
    with qtbot.waitSignal(wizard.pdfRendered, timeout=30000):
        wizard.finish()
    (entry,) = reg.entries(ctx.store, USCC)
    assert entry.state == "generated" and entry.deadline == dt.date(2027, 1, 15)
    assert tuple(m.item for m in entry.materials) == NOTICE_MATERIALS


def test_a_notice_open_past_its_documents_end_is_not_said_to_end_with_it(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    """A notice taking applications until 2027-01-15 for a measure whose document ends 2026-12-31: 待办
    listed both 「受理期中（2026-12-15 至 2027-01-15）」 and 「2026-12-31 到期…到期后不再受理」 for it."""
    source = edited(tmp_path, "documents/sl2026.toml", "in_force_to = 2028-12-31", "in_force_to = 2026-12-31")
    pack = build_pack(source, publisher[0], tmp_path / "ends.shenbao-policy")
    commit_install(trusted, plan_install(trusted, pack.read_bytes(), dt.date(2026, 12, 1)))
    assert activate(trusted) == []
    try:
        with Store.open(trusted) as store:
            store.save_profile(parse_profile(EXAMPLE_CITY))
            items = [
                t for t in todo(store, dt.date(2026, 12, 20)) if t.measure == VOUCHER or "到期" in t.text
            ]
        windows = [t.text for t in items if t.kind == "window"]
        assert windows and windows[0].startswith("受理期中（2026-12-15 至 2027-01-15）")
        ending = [t.text for t in items if t.kind == "expiry"]
        assert not any("算力" in text for text in ending), ending
    finally:
        activate(None)
