"""An import that touches stored enterprises or holds bad rows is previewed first: what is added, what
changes in each stored enterprise (and that nothing is removed), every bad row with its errors in a
list the user can scroll and copy; the good rows are imported on the user's word, and the bad ones can
be saved to a table to fix and import again; and a bundle's declarations it does not take are named
with why."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPlainTextEdit

from shenbao.core import register as reg
from shenbao.core.store import Store
from shenbao.core.store.imports import plan_import, read_incoming
from shenbao.core.store.transfer import import_into, read_sources
from tests.register import bundles
from tests.register.helpers import VOUCHER
from tests.store.factory import make_id_number, make_uscc
from tests.ui.conftest import AS_OF, saved_profile

HEADER = ["企业（单位）名称", "统一社会信用代码", "从业人数", "年度购买算力服务总额（元）"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each preview shown, answered by the test's `answer(dialog)` instead of a user."""
    from shenbao.ui.import_preview import ImportPreview

    shown: list[Any] = []

    def exec_(dialog: Any) -> int:
        shown.append(dialog)
        return int(dialog.answer(dialog)) if hasattr(dialog, "answer") else 0

    monkeypatch.setattr(ImportPreview, "exec", exec_)
    return shown


def test_the_preview_shows_each_change_and_every_error_and_imports_the_good_rows(
    qtbot: Any, window: Any, tmp_path: Path, previews: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.ui.import_preview import ImportPreview

    stored = saved_profile(1, core_engineers=[{"name": "陈工", "id_number": make_id_number(3)}])
    stored["enterprise"]["employees"] = 80
    window.store.save_profile(stored)
    window.reload()
    before = window.store.get_profile(make_uscc(1))
    table = write_csv(
        tmp_path / "园区名单.csv",
        [
            HEADER,
            [stored["enterprise"]["name"], make_uscc(1), "120", ""],
            ["新来的公司", f" {make_uscc(2)} ", "30", "25万"],
            ["写错的公司", make_uscc(3), "三十多", ""],
        ],
    )
    rejects = tmp_path / "退回.csv"

    def answer(dialog: Any) -> int:
        assert dialog.findChild(QLabel, "summary").text().startswith("将新增 1 家，更新 1 家，不变 0 家")
        updates = dialog.findChild(type(dialog.errors), "updates").toPlainText()
        assert "从业人数：80 → 120" in updates and "不删去任何内容" in updates
        assert "新来的公司" in dialog.findChild(type(dialog.errors), "adds").toPlainText()
        errors = dialog.errors.toPlainText()
        assert "第 4 行" in errors and "「从业人数」" in errors
        dialog.copy_errors()
        assert QGuiApplication.clipboard().text() == errors
        assert dialog.save_rejects(rejects) == rejects
        typed = (str(tmp_path / "退回2"), "CSV 表格 (*.csv)")  # typed without a suffix, CSV chosen
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: typed)
        assert dialog.save_rejects() == tmp_path / "退回2.csv"
        assert (tmp_path / "退回2.csv").read_bytes() == rejects.read_bytes()
        assert dialog.import_button.text() == "导入 2 家（跳过 1 行有错误的）"
        dialog.keep_choice.setChecked(True)
        assert dialog.import_button.text() == "导入 1 家（跳过 1 行有错误的）"
        dialog.update_choice.setChecked(True)
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    with qtbot.waitSignal(window.operations.imported, timeout=30000) as done:
        window.operations.import_files([str(table)])
    assert len(previews) == 1
    report = done.args[0]
    assert report.added == [make_uscc(2)] and report.replaced == [make_uscc(1)] and report.skipped == 1
    after = window.store.get_profile(make_uscc(1))
    imported = {"source": "imported", "date": AS_OF.isoformat(), "file": "园区名单.csv"}
    assert after == {
        **before,
        "enterprise": {**before["enterprise"], "employees": 120},
        "provenance": {**before.get("provenance", {}), "enterprise.employees": imported},
    }  # the roster and every other field kept
    added = window.store.get_profile(make_uscc(2))
    assert added["facts"]["compute_purchase_amount"] == 250000
    assert added["provenance"]["enterprise.name"] == imported
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "写错的公司" and "第 4 行" in rows[1][-1]
    assert window.enterprises.model.rowCount() == 2


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
@pytest.mark.parametrize(
    ("mark", "codec"), [(b"\xff\xfe", "utf-16-le"), (b"", "utf-16-le"), (b"", "utf-16-be")]
)
def test_a_table_saved_as_unicode_text_is_previewed_and_imported_as_typed(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    previews: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    mark: bytes,
    codec: str,
) -> None:
    """A park's list saved from Excel as 「Unicode 文本」 (UTF-16, tab-separated), as .txt or renamed .csv,
    with its byte-order mark or without it (taken off by another program), in either byte order: its
    bad row is named in the preview as in any table, and the good rows, a rare character and a name that
    starts with = among them, are imported as typed."""
    from shenbao.ui.import_preview import ImportPreview

    rows = [
        HEADER,
        ["=福州𠀾公式科技有限公司", make_uscc(1), "30", "25万"],
        ["写错的公司", make_uscc(2), "三十多", ""],
        ["福州 智算 有限公司", make_uscc(3), "", "250,000"],
    ]
    table = tmp_path / f"园区名单{suffix}"
    table.write_bytes(mark + "".join("\t".join(row) + "\r\n" for row in rows).encode(codec))

    def answer(dialog: Any) -> int:
        assert "第 3 行" in dialog.errors.toPlainText() and "「从业人数」" in dialog.errors.toPlainText()
        assert dialog.import_button.text() == "导入 2 家（跳过 1 行有错误的）"
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    with qtbot.waitSignal(window.operations.imported, timeout=30000) as done:
        window.operations.import_files([str(table)])
    assert len(previews) == 1 and done.args[0].added == [make_uscc(1), make_uscc(3)]
    first, third = window.store.get_profile(make_uscc(1)), window.store.get_profile(make_uscc(3))
    assert first["enterprise"]["name"] == "=福州𠀾公式科技有限公司" and first["enterprise"]["employees"] == 30
    assert first["facts"]["compute_purchase_amount"] == 250000
    assert third["enterprise"]["name"] == "福州 智算 有限公司"
    assert third["facts"]["compute_purchase_amount"] == 250000
    assert window.enterprises.model.rowCount() == 2


def test_unicode_text_whose_byte_order_cannot_be_told_is_refused_saying_how_to_save_it(
    qtbot: Any, window: Any, tmp_path: Path, previews: list[Any], dialogs: Any
) -> None:
    """A UTF-16 list without its mark and cut short by a byte: 导入 says it cannot tell how to read it and
    how to save it instead (as UTF-8 or as an Excel workbook), and imports nothing."""
    table = tmp_path / "园区名单.txt"
    table.write_bytes("企业（单位）名称\r\n甲公司\r\n乙公司\r\n".encode("utf-16-le") + b"\x41")
    with qtbot.waitSignal(window.operations.finished, timeout=30000):
        window.operations.import_files([str(table)])
    (said,) = dialogs.texts("warning")
    assert said.startswith(f"{table}: 像是没有字节顺序标记的 UTF-16 文本")
    assert "CSV UTF-8" in said and "Excel 工作簿（.xlsx）" in said
    assert previews == [] and window.enterprises.model.rowCount() == 0


def test_a_cancelled_preview_writes_nothing(
    qtbot: Any, window: Any, tmp_path: Path, previews: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview of a table imported again (it adds nothing) opens on the enterprises it updates, not
    on an empty list of new ones; cancelled, nothing is written."""
    window.store.save_profile(saved_profile(1))
    window.reload()
    before = window.store.get_profile(make_uscc(1))
    table = write_csv(tmp_path / "t.csv", [HEADER, [before["enterprise"]["name"], make_uscc(1), "9", ""]])
    opened_on: list[tuple[str, str]] = []

    def answer(dialog: Any) -> int:
        shown = dialog.tabs.currentWidget()
        opened_on.append((shown.objectName(), shown.toPlainText()))
        return 0  # cancelled

    from shenbao.ui.import_preview import ImportPreview

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    with qtbot.waitSignal(window.operations.finished, timeout=30000):
        window.operations.import_files([str(table)])
    assert len(previews) == 1
    assert [name for name, _ in opened_on] == ["updates"] and "从业人数：（空） → 9" in opened_on[0][1]
    assert window.store.get_profile(make_uscc(1)) == before


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, str]]:
    """Every (done, total, text) a background task reports to its progress dialog."""
    from shenbao.ui.workers import Task

    texts: list[tuple[int, int, str]] = []
    report = Task.report

    def recorded(task: Any, done: int, total: int, text: str = "") -> None:
        texts.append((done, total, text))
        report(task, done, total, text)

    monkeypatch.setattr(Task, "report", recorded)
    return texts


def test_a_table_import_reports_its_progress_row_by_row(
    qtbot: Any, window: Any, tmp_path: Path, reported: list[tuple[int, int, str]]
) -> None:
    """The progress dialog of a long import counts the enterprises written, not only 「正在写入…」."""
    rows = [[f"园区企业{i}", make_uscc(i), "30", "25万"] for i in range(1, 31)]
    table = write_csv(tmp_path / "三十家.csv", [HEADER, *rows])
    with qtbot.waitSignal(window.operations.imported, timeout=60000) as done:
        window.operations.import_files([str(table)])
    assert len(done.args[0].added) == 30
    reports = [(d, t) for d, t, text in reported if "写入" in text]
    assert (30, 30) in reports
    assert [d for d, t in reports if t == 30] == sorted(d for d, t in reports if t == 30)


def test_the_command_and_the_app_record_the_same_provenance_for_the_same_files(
    qtbot: Any, window: Any, tmp_path: Path, previews: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile file, then a table that updates it and adds another enterprise: the app's import and
    `shenbao import` store the same profiles with the same records of where each field came from (the
    day aside: the app's is its as-of date, the command's the system's)."""
    import datetime as dt
    import json

    from shenbao.ui.import_preview import ImportPreview
    from tests.store.factory import shenbao

    stored = saved_profile(1)
    stored["enterprise"]["employees"] = 80
    profile_file = tmp_path / "档案.json"
    profile_file.write_text(
        json.dumps({"format": "shenbao-profile/1", **stored}, ensure_ascii=False), "utf-8"
    )
    table = write_csv(
        tmp_path / "园区名单.csv",
        [
            HEADER,
            [stored["enterprise"]["name"], make_uscc(1), "120", ""],
            ["新来的公司", make_uscc(2), "30", "25万"],
        ],
    )
    monkeypatch.setattr(
        ImportPreview,
        "answer",
        staticmethod(lambda _d: int(ImportPreview.DialogCode.Accepted)),
        raising=False,
    )
    for files in ([profile_file], [table]):
        with qtbot.waitSignal(window.operations.imported, timeout=30000):
            window.operations.import_files([str(f) for f in files])
    app = [window.store.get_profile(make_uscc(i)) for i in (1, 2)]

    cli = tmp_path / "cli"
    today = dt.date.today().isoformat()
    for args in (["import", str(profile_file)], ["import", str(table), "--on-conflict", "replace"]):
        assert shenbao(cli, *args).returncode == 0
    shown = [shenbao(cli, "profiles", "show", make_uscc(i)) for i in (1, 2)]
    command = [{k: v for k, v in json.loads(r.stdout).items() if k != "format"} for r in shown]

    def undated(doc: dict[str, Any], day: str) -> dict[str, Any]:
        records = doc.get("provenance", {})
        assert records and {r["date"] for r in records.values()} == {day}
        return {**doc, "provenance": {p: {**r, "date": "…"} for p, r in records.items()}}

    assert app[0]["provenance"]["enterprise.employees"]["file"] == "园区名单.csv"
    assert app[0]["provenance"]["enterprise.name"]["file"] == "档案.json"
    assert [undated(doc, AS_OF.isoformat()) for doc in app] == [undated(doc, today) for doc in command]


def test_a_long_table_import_reports_reading_checking_and_writing(
    qtbot: Any, window: Any, tmp_path: Path, reported: list[tuple[int, int, str]]
) -> None:
    """Each long phase of an import moves the progress dialog: rows read, enterprises checked against
    the store, written."""
    texts = reported
    rows = [[f"园区企业{i}", make_uscc(i), "30", "25万"] for i in range(1, 1201)]
    table = write_csv(tmp_path / "一千二百家.csv", [HEADER, *rows])
    with qtbot.waitSignal(window.operations.imported, timeout=120000) as done:
        window.operations.import_files([str(table)])
    assert len(done.args[0].added) == 1200
    assert (999, 0, "正在读取：已读 999 行…") in texts
    assert (1200, 1200, "正在检查：1,200/1,200 家企业…") in texts
    assert (1200, 1200, "正在写入 1200 家企业…") in texts
    order = [next(i for i, t in enumerate(texts) if word in t[2]) for word in ("已读", "检查", "写入")]
    assert order == sorted(order)


def test_rows_whose_facts_contradict_each_other_are_listed_to_check_and_imported(
    qtbot: Any, window: Any, tmp_path: Path, previews: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """New tenants only, no bad row: the preview still shows, for the row that puts 福州市 in 浙江省,
    and the rows import as typed on the user's word, as the editor saves such a profile."""
    from shenbao.ui.import_preview import ImportPreview

    header = [
        "企业（单位）名称",
        "统一社会信用代码",
        "注册地（省）",
        "注册地（市）",
        "从业人数",
        "研发人员数",
    ]
    table = write_csv(
        tmp_path / "新入驻.csv",
        [
            header,
            ["福州闽江智算科技有限公司", make_uscc(21), "福建省", "福州市", "86", "40"],
            ["杭州西湖数据有限公司福州分公司", make_uscc(22), "浙江省", "福州市", "30", "12"],
            ["=福州榕城视觉科技有限公司", make_uscc(23), "福建省", "福州市", "30", "50"],
        ],
    )
    seen: dict[str, str] = {}

    def answer(dialog: Any) -> int:
        checks = dialog.findChild(type(dialog.errors), "contradictions")
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.indexOf(checks))
        seen["lines"] = checks.toPlainText()
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    with qtbot.waitSignal(window.operations.imported, timeout=30000) as done:
        window.operations.import_files([str(table)])
    assert len(previews) == 1
    assert seen["tab"] == "需核对 2 处"
    lines = seen["lines"].splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{table} 第 3 行 {make_uscc(22)}（杭州西湖数据有限公司福州分公司）：")
    assert "浙江省" in lines[0] and "福州市" in lines[0]
    assert lines[1].startswith(f"{table} 第 4 行 {make_uscc(23)}（=福州榕城视觉科技有限公司）：")
    assert make_uscc(21) not in seen["lines"]
    assert sorted(done.args[0].added) == [make_uscc(21), make_uscc(22), make_uscc(23)]
    stored = window.store.get_profile(make_uscc(22))["enterprise"]
    assert (stored["province"], stored["city"]) == ("浙江省", "福州市")  # as typed: for the user to correct


def test_the_preview_names_the_recognitions_a_row_leaves_out_in_english(
    qtbot: Any, tmp_path: Path, in_english: None
) -> None:
    """A table's 认定情况 is the whole list: the stored entry a row leaves out is named as removed, where the
    line said 「nothing is removed」 after the change that removes it."""
    from shenbao.core.store import Store
    from shenbao.core.store.imports import plan_import, read_incoming
    from shenbao.ui.import_preview import ImportPreview

    stored = saved_profile(1)
    stored["enterprise"]["recognitions"] = [
        {"kind": "national_key_lab", "date": "2021-03-05"},
        {"kind": "provincial_new_rd_institution", "date": "2024-07-01"},
    ]
    table = write_csv(
        tmp_path / "园区名单.csv",
        [
            ["企业（单位）名称", "统一社会信用代码", "认定情况"],
            [stored["enterprise"]["name"], make_uscc(1), "省级新型研发机构:2024-07-01"],
        ],
    )
    with Store.open(tmp_path / "data") as store:
        store.save_profile(stored)
        plan = plan_import(store, *read_incoming([table], lambda: None))
    dialog = ImportPreview(plan)
    qtbot.addWidget(dialog)
    lab, institution = "国家重点实验室:2021-03-05", "省级新型研发机构:2024-07-01"
    assert dialog.findChild(type(dialog.errors), "updates").toPlainText() == (
        f"Update {make_uscc(1)} ({stored['enterprise']['name']}): Recognitions: {lab}; {institution} → "
        f"{institution}; removes {lab} from Recognitions"
    )


def test_a_code_a_spreadsheet_made_a_number_is_told_in_english(
    qtbot: Any, tmp_path: Path, in_english: None
) -> None:
    """A code saved by a spreadsheet as 9.13501E+17 was the one row error the English preview showed
    wholly in Chinese: its words on the lost digits followed the cell as typed, where the preview looks
    for the sentence's end. The saved list of rejected rows keeps the Chinese it always had."""
    from shenbao.core.store import Store
    from shenbao.core.store.imports import plan_import, read_incoming
    from shenbao.ui.import_preview import ImportPreview

    table = write_csv(
        tmp_path / "园区名单.csv",
        [["企业（单位）名称", "统一社会信用代码"], ["甲公司", "9.13501E+17"]],
    )
    with Store.open(tmp_path / "data") as store:
        plan = plan_import(store, *read_incoming([table], lambda: None))
    assert str(plan.rejected[0].errors[0][1]).endswith(
        "（收到 9.13501E+17）：电子表格把代码存成了数字，末几位已丢失；请把该列设为文本格式，再照营业执照重新输入"
    )
    dialog = ImportPreview(plan)
    qtbot.addWidget(dialog)
    assert dialog.errors.toPlainText() == (
        f"{table} row 2, column “统一社会信用代码”: has a wrong format or check character (18 characters, "
        "the last one a check character) (got 9.13501E+17): the spreadsheet stored the code as a number "
        "and its last digits are lost; format the column as text, then type the code again from the "
        "business licence"
    )


@pytest.mark.parametrize("english", [False, True], ids=["zh", "en"])
def test_a_damaged_declaration_written_again_from_the_bundle_is_said_in_the_preview(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, english: bool
) -> None:
    """A stored declaration whose encrypted answers were damaged, its bundle imported again to mend it:
    the command's preview says 「申报 #1 … 的填写内容已损坏，以数据包中的副本写回」, the window's said only
    that the profile was unchanged."""
    import sqlite3

    from shenbao.core import register as reg
    from shenbao.core.store import Store
    from shenbao.core.store.imports import plan_import, read_incoming
    from shenbao.core.store.transfer import export_bundle
    from shenbao.ui.import_preview import ImportPreview

    monkeypatch.setenv("SHENBAO_PASSPHRASE", "a passphrase for the folder")
    bundle, passphrase = tmp_path / "园区.shenbao", "园区交接口令 2026"
    with Store.open(tmp_path / "data") as store:
        store.save_profile(saved_profile(1, compute_purchase_amount=200000, compute_subsidy_year_index=1))
        reg.generate(store, make_uscc(1), "fj2025.compute_voucher", tmp_path / "申报书.pdf", as_of=AS_OF)
        export_bundle(store, bundle, passphrase=passphrase)
    with sqlite3.connect(tmp_path / "data" / "shenbao.db") as conn:  # a byte of the answers changed
        (blob,) = conn.execute("SELECT answers FROM declarations WHERE id = 1").fetchone()
        conn.execute("UPDATE declarations SET answers = ? WHERE id = 1", (blob[:20] + b"\0" + blob[21:],))
    conn.close()
    with Store.open(tmp_path / "data") as store:
        plan = plan_import(store, *read_incoming([bundle], lambda: passphrase))
    (entry,) = plan.entries
    assert [str(line) for line in entry.mended] == [
        "申报 #1 fj2025.compute_voucher 的填写内容已损坏，以数据包中的副本写回"
    ]
    if english:
        request.getfixturevalue("in_english")
    dialog = ImportPreview(plan)
    qtbot.addWidget(dialog)
    said = dialog.findChild(type(dialog.errors), "updates").toPlainText()
    if english:
        assert "declaration #1 fj2025.compute_voucher: its answers could not be read (damaged)" in said
    else:
        assert "申报 #1 fj2025.compute_voucher 的填写内容已损坏，以数据包中的副本写回" in said, said


# --- a bundle's declarations the import does not take: named before the user agrees ---------------
# (a colleague's change set aside for the newer one stored here, or payments the register refuses;
# the window imported a colleague's bundle without a word, the tenant counted 不变 and no preview shown)


def colleagues_bundle(store: Store, tmp_path: Path) -> Path:
    """The park's bundle taken by a colleague who records the second payment and exports it back; the
    officer here records the declaration's deadline afterwards."""
    number = bundles.paid_declaration(store, tmp_path)
    store.conn.commit()
    with Store.open(tmp_path / "colleague") as there:
        import_into(
            there,
            read_sources([bundles.exported(store, tmp_path / "园区.shenbao")], lambda: bundles.PASSPHRASE),
        )
        (theirs,) = [e.id for e in reg.entries(there) if e.measure == VOUCHER]
        reg.set_state(there, theirs, "paid", received="40000", note="第二期")
        back = bundles.exported(there, tmp_path / "同事.shenbao")
    time.sleep(1.1)  # later, to the second
    reg.set_deadline(store, number, "2026-12-31")
    store.conn.commit()
    return back


def test_the_preview_names_the_colleagues_change_set_aside_before_the_import(
    qtbot: Any,
    window: Any,
    tmp_path: Path,
    previews: list[Any],
    dialogs: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shenbao.ui.import_preview import ImportPreview

    back = colleagues_bundle(window.store, tmp_path)
    window.reload()
    before = bundles.whole(Path(window.store.folder))
    seen: dict[str, str] = {}

    def answer(dialog: Any) -> int:
        seen["summary"] = dialog.findChild(QLabel, "summary").text()
        seen["note"] = dialog.findChild(QLabel, "set_aside_note").text()
        seen["list"] = dialog.findChild(QPlainTextEdit, "set_aside").toPlainText()
        seen["tab"] = dialog.tabs.tabText(dialog.tabs.currentIndex())
        seen["unchanged"] = dialog.findChild(QPlainTextEdit, "unchanged").toPlainText()
        seen["button"] = dialog.import_button.text()
        dialog.resize(900, 520)
        dialog.grab().save("/tmp/bundle-set-aside.png")
        return int(ImportPreview.DialogCode.Rejected)  # nothing to write: the officer closes it

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    dialogs.inputs = [(bundles.PASSPHRASE, True)]
    with qtbot.waitSignal(window.operations.finished, timeout=30000):
        window.operations.import_files([str(back)])
    assert len(previews) == 1, "shown though no stored enterprise is written"
    assert seen["summary"].startswith("将新增 0 家，更新 0 家，不变 1 家")
    assert seen["note"] == "注意：数据包中的 1 份申报不会导入，原因见「未导入的申报」。"
    assert seen["tab"] == "未导入的申报 1 份"
    assert seen["list"].startswith(
        f"{bundles.CODE}（福州测试0001科技有限公司）：申报 算力服务补助（{VOUCHER}，"
    )
    assert "本机的记录其后" in seen["list"] and "保留本机的" in seen["list"]
    assert bundles.CODE not in seen["unchanged"] and bundles.OTHER in seen["unchanged"]
    assert seen["button"] == "导入 0 家"
    assert bundles.whole(Path(window.store.folder)) == before


def test_refused_payments_are_named_in_the_preview_in_english(
    qtbot: Any, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.ui.import_preview import ImportPreview

    monkeypatch.setenv("SHENBAO_PASSPHRASE", "a passphrase for the folder")
    with Store.open(tmp_path / "data") as store:
        bundles.paid_declaration(store, tmp_path)
        store.conn.commit()
        bundle = bundles.altered(
            bundles.exported(store, tmp_path / "园区.shenbao"), tmp_path / "改过.shenbao", bundles.over_award
        )
        plan = plan_import(store, *read_incoming([bundle], lambda: bundles.PASSPHRASE))
    request.getfixturevalue("in_english")
    dialog = ImportPreview(plan)
    qtbot.addWidget(dialog)
    said = dialog.findChild(QPlainTextEdit, "set_aside").toPlainText()
    assert said == (
        f"{bundles.CODE} (福州测试0001科技有限公司): declaration Computing services subsidy ({VOUCHER}, begun "
        f"{dt.date.today()}) not imported: The total paid, CNY 110,000.00, is more than the amount awarded, "
        "CNY 100,000.00; the record here is kept"
    )
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in said.replace("福州测试0001科技有限公司", "")), said
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.set_aside)) == "Declarations not imported (1)"
    dialog.grab().save("/tmp/bundle-set-aside-en.png")


@pytest.mark.usefixtures("previews")
def test_a_refused_declaration_leaves_the_rest_of_the_tenant_to_import_from_the_window(
    qtbot: Any, window: Any, tmp_path: Path, dialogs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bundle whose payments add up to more than the sum awarded, with a change to the tenant's profile:
    the preview names the declaration refused and why, the profile change imports, the stored declaration
    stays as it was, and the status bar says what was not imported."""
    from shenbao.ui.import_preview import ImportPreview

    number = bundles.paid_declaration(window.store, tmp_path)
    window.store.conn.commit()
    bundle = bundles.altered(
        bundles.exported(window.store, tmp_path / "园区.shenbao"),
        tmp_path / "改过.shenbao",
        bundles.over_award,
    )
    window.reload()
    kept = reg.entry(window.store, number).to_dict()
    seen: dict[str, str] = {}

    def answer(dialog: Any) -> int:
        seen["list"] = dialog.findChild(QPlainTextEdit, "set_aside").toPlainText()
        seen["updates"] = dialog.findChild(QPlainTextEdit, "updates").toPlainText()
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "answer", staticmethod(answer), raising=False)
    dialogs.inputs = [(bundles.PASSPHRASE, True)]
    with qtbot.waitSignal(window.operations.imported, timeout=30000) as done:
        window.operations.import_files([str(bundle)])
    assert seen["list"].endswith("未导入：累计拨付 110,000.00 元超过核定金额 100,000.00 元；保留本机的记录")
    assert "从业人数：（空） → 321" in seen["updates"]
    report = done.args[0]
    assert report.replaced == [bundles.CODE] and len(report.set_aside) == 1
    assert reg.entry(window.store, number).to_dict() == kept
    assert window.store.get_profile(bundles.CODE)["enterprise"]["employees"] == 321
    assert "数据包中的 1 份申报未导入" in window.statusBar().currentMessage()
