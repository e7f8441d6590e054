"""Invoices into the app: the import dialog, 「导入发票…」 on an enterprise, and files dropped on the
invoice page of a compute wizard — through real widgets on a real store."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from shenbao.core.documents.intake import READ
from shenbao.core.model import parse_profile
from shenbao.ui.form_page import DetailTableModel
from shenbao.ui.invoice_import import InvoiceImportDialog, import_to_enterprise
from tests.documents.helpers import BUYER, FIXTURES
from tests.store.factory import MemoryKeyring
from tests.ui.drive import drop_files

ANXIE = FIXTURES / "anxie_25322000000365404822_250.00.xml"
ANYUAN = FIXTURES / "anyuan_26322000004478296111_20670.00.xml"
OTHER = FIXTURES / "fapiao-print_sample.ofd"
ENTERPRISE = {
    "enterprise": {
        "name": "江苏苏豪天鹏农产品集团有限公司",
        "uscc": BUYER,
        "org_type": "enterprise",
        "province": "福建省",
        "city": "福州市",
        "district": "鼓楼区",
        "is_ai_enterprise": True,
    },
    "facts": {},
}


@pytest.fixture
def store(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from shenbao.core.store import Store

    monkeypatch.delenv("SHENBAO_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = Store.open(data_dir, daily_backup=False)
    opened.save_profile(ENTERPRISE)
    yield opened
    opened.close()
    keyring.set_keyring(previous)


def _status(dialog: InvoiceImportDialog) -> list[str]:
    return [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]


def _ok(dialog: InvoiceImportDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def when_shown(answer: Any) -> None:
    """`answer(dialog)` once the import dialog is the modal window: the files are read in the background
    before it shows, the window's events running meanwhile."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, InvoiceImportDialog):
            QTimer.singleShot(10, check)
            return
        answer(dialog)

    QTimer.singleShot(0, check)


def watch_reading(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[str]]:
    """(the threads the import's files are read on, as they are read; a note made if the window's events
    run meanwhile)."""
    import threading

    from shenbao.ui import invoice_import

    threads: list[int] = []
    real = invoice_import.read_document

    def reading(path: Path) -> Any:
        threads.append(threading.get_ident())
        return real(path)

    monkeypatch.setattr(invoice_import, "read_document", reading)
    answered: list[str] = []
    QTimer.singleShot(0, lambda: answered.append("the window answered while the files were read"))
    return threads, answered


def test_the_dialog_shows_each_file_and_adds_only_what_passes(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.ofd"
    broken.write_bytes(OTHER.read_bytes()[:2000])
    dialog = InvoiceImportDialog(ENTERPRISE, [ANXIE, ANYUAN, OTHER, broken, ANXIE])
    qtbot.addWidget(dialog)
    status = _status(dialog)
    assert status[0].startswith("将加入") and status[1].startswith("将加入")
    assert status[2].startswith("不加入") and "不是本企业" in status[2]
    assert status[3].startswith("无法读取") and "文件不完整" in status[3]
    assert status[4] == "这张发票（25322000000365404822）已选过一次，只计入一次"  # ANXIE chosen twice
    assert _ok(dialog).text() == "加入 2 张发票" and _ok(dialog).isEnabled()
    assert "价税合计" in dialog.notes.text() and "培训费" in dialog.notes.text()
    assert [dialog.table.item(0, c).text() for c in (1, 2, 4)] == [
        "25322000000365404822",
        "2025-08-08",
        "250.00",
    ]
    assert dialog.table.item(1, 4).text() == "20,670.00"  # grouped, as every sum the app shows

    dialog.allow_other_buyer.setChecked(True)
    assert _status(dialog)[2].startswith("将加入") and _ok(dialog).text() == "加入 3 张发票"
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    rows = dialog.document["facts"]["compute_invoices"]
    assert [r["invoice_no"] for r in rows] == [
        "25322000000365404822",
        "26322000004478296111",
        "24322000000489101796",
    ]
    assert all(set(READ) - {"invoice_code"} <= set(r) for r in rows) and ENTERPRISE["facts"] == {}


def test_nothing_to_add_leaves_the_button_disabled(qtbot) -> None:
    dialog = InvoiceImportDialog(ENTERPRISE, [OTHER])
    qtbot.addWidget(dialog)
    assert not _ok(dialog).isEnabled()


def test_a_red_letter_invoice_alone_cannot_make_the_total_negative(qtbot, tmp_path: Path) -> None:
    from tests.documents.helpers import RED_LETTER, xml_with

    red = tmp_path / "红字.xml"
    red.write_bytes(xml_with(RED_LETTER))
    dialog = InvoiceImportDialog(ENTERPRISE, [red])
    qtbot.addWidget(dialog)
    assert _status(dialog)[0].startswith("将加入")
    assert not _ok(dialog).isEnabled() and "不能为负" in dialog.notes.text()
    assert "红字发票" in dialog.notes.text()


def test_import_on_an_enterprise_saves_the_invoices_with_their_source(
    qtbot, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invoice files (XML, OFD, PDF: a PDF may be a scan, seconds to recognise) are read off the UI thread
    too, the window answering; the dialog then shows them."""
    pdf = FIXTURES / "住宿费发票-6.8-广德_1785749043248.pdf"
    threads, answered = watch_reading(monkeypatch)

    def confirm(dialog: InvoiceImportDialog) -> None:
        assert [p.name for p, _r, _e in dialog.readings] == [ANXIE.name, ANYUAN.name, pdf.name]
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(confirm)
    assert import_to_enterprise(None, store, BUYER, [str(ANXIE), str(ANYUAN), str(pdf)])
    assert answered and len(threads) == 3 and threading.get_ident() not in threads
    saved = store.get_profile(BUYER)["facts"]["compute_invoices"]
    assert [r["source"]["file"] for r in saved] == [ANXIE.name, ANYUAN.name]  # the PDF: another buyer
    assert parse_profile({"format": "shenbao-profile/1", **store.get_profile(BUYER)}).facts[
        "compute_purchase_amount"
    ] == Decimal("20920")


def test_the_detail_table_keeps_what_a_row_holds_beyond_its_columns(qtmodeltester) -> None:
    model = DetailTableModel("compute_invoices", ("supplier", "invoice_no", "date", "amount"))
    rows = [
        {
            "supplier": "甲",
            "invoice_no": "1",
            "date": "2025-01-01",
            "amount": 8819.6,
            "tax": 256.88,
            "source": {"file": "a.pdf", "sha256": "0" * 64, "format": "pdf"},
        }
    ]
    model.set_rows(rows)
    model.append_rows([{"supplier": "乙", "invoice_no": "2", "date": "2025-02-01", "amount": -250}])
    model.insertRows(0, 1)
    qtmodeltester.check(model)
    assert model.value() == [
        *rows,
        {"supplier": "乙", "invoice_no": "2", "date": "2025-02-01", "amount": -250},
    ]
    model.removeRows(1, 1)
    assert [r["invoice_no"] for r in model.value()] == ["2"]


def test_files_dropped_on_the_wizards_invoice_page_are_added_and_kept(qtbot, store, tmp_path: Path) -> None:
    from shenbao.ui.wizard import WizardDialog

    folder = tmp_path / "下载"
    folder.mkdir()
    files = [shutil.copy(p, folder / p.name) for p in (ANXIE, ANYUAN)]
    wizard = WizardDialog(
        store,
        "fj2025.compute_voucher",
        BUYER,
        dt.date(2026, 3, 10),
        start_field="facts.compute_invoices",
        open_pdf=False,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.currentPage()
    editor = page.editors["facts.compute_invoices"]
    assert "拖到此页" in page.findChild(QLabel, "invoice_drop_hint").text()
    drop_files(page, [Path(f) for f in files])
    dialog = wizard.findChild(InvoiceImportDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert editor.model.rowCount() == 2
    rows = wizard.answers["facts.compute_invoices"]
    assert [r["source"]["sha256"] for r in rows] == [
        dialog.readings[0][1].sha256,
        dialog.readings[1][1].sha256,
    ]
    assert parse_profile(wizard.merged_profile()).facts["compute_purchase_amount"] == Decimal("20920")
    assert "20,920.00 元（由算力服务发票计得）" in page.result_label.text()  # the live result counts 价税合计

    drop_files(page, [Path(files[0])])  # the same invoice again: shown as already listed, nothing added
    again = [d for d in wizard.findChildren(InvoiceImportDialog) if d.isVisible()][-1]
    assert "已在" in _status(again)[0] and not _ok(again).isEnabled()
    again.reject()
    wizard.save_draft()
    draft = store.open_declaration(BUYER, "fj2025.compute_voucher")
    assert [r["source"]["file"] for r in draft.answers["facts.compute_invoices"]] == [ANXIE.name, ANYUAN.name]


def test_an_invoice_read_from_a_file_and_edited_by_hand_lets_its_file_go(qtbot) -> None:
    """250.00 read from anxie…xml, typed over as 2500: the row was stored as 2500 with the file's SHA-256
    and its tax split of 235.85 + 14.15, saying the file said so. Edited, the row is a typed row: the
    file and what was read from it go; an unedited row keeps them, and typing the same text changes
    nothing."""
    model = DetailTableModel("compute_invoices", ("supplier", "invoice_no", "date", "amount"))
    read = {"supplier": "福州算力中心", "invoice_no": "0001", "date": "2026-01-15", "amount": 250.0}
    read |= {
        "amount_without_tax": 235.85,
        "tax": 14.15,
        "seller_tax_id": "91350100MA00000000",
        "source": {"file": "a.xml"},
    }
    model.set_rows([read, {**read, "invoice_no": "0002"}])
    amount = model.index(0, 3)
    assert model.setData(model.index(1, 0), "福州算力中心")  # the same text again
    assert model.setData(amount, "2500")
    edited, kept = model.value()
    assert edited == {"supplier": "福州算力中心", "invoice_no": "0001", "date": "2026-01-15", "amount": 2500}
    assert {"amount_without_tax", "tax", "seller_tax_id", "source"} <= set(kept) <= {*read, *READ}
    assert kept["source"] == {"file": "a.xml"}


def test_import_invoices_on_the_enterprise_from_the_file_menu(qtbot, window, monkeypatch, dialogs) -> None:
    from PySide6.QtWidgets import QFileDialog

    window.store.save_profile({**ENTERPRISE, "facts": {"compute_purchase_amount": 5}})
    window.reload()
    assert window.select_enterprise(BUYER)
    chosen = [str(ANXIE), str(OTHER)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, "")))

    def confirm(dialog: InvoiceImportDialog) -> None:
        assert _status(dialog)[1].startswith("不加入")  # another buyer, not allowed
        assert "原填 5.00 元" in dialog.notes.text()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(confirm)
    window.actions_by_id["import_invoices"].trigger()
    saved = window.store.get_profile(BUYER)["facts"]
    assert [r["invoice_no"] for r in saved["compute_invoices"]] == ["25322000000365404822"]
    assert "compute_purchase_amount" not in saved
    assert window.current == BUYER and window.editor.is_clean()
    assert window.editor.text("enterprise.name") == ENTERPRISE["enterprise"]["name"]


def test_import_invoices_on_an_enterprise_not_yet_saved_offers_to_save_it_first(
    qtbot, window, monkeypatch, dialogs
) -> None:
    """A new enterprise typed in (its licence at hand, not yet saved), then 文件 → 导入发票: nothing
    happened at all, no file dialog and no word. The invoices are saved to the stored profile at once, so
    the enterprise is saved first when the user agrees, as 填写申报 does."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from tests.ui.drive import type_text

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(ANXIE)], "")))
    window.new_enterprise(ask=False)
    type_text(qtbot, window.editor.widget("enterprise.name"), ENTERPRISE["enterprise"]["name"])
    type_text(qtbot, window.editor.widget("enterprise.uscc"), BUYER)
    type_text(qtbot, window.editor.widget("enterprise.city"), "福州市")
    window.actions_by_id["import_invoices"].trigger()  # answered No: said, and nothing saved
    assert [kind for kind, _title, _text in dialogs.shown] == ["question"]
    assert "导入发票" in dialogs.texts("question")[0] and window.store.list_enterprises() == []

    def confirm(dialog: InvoiceImportDialog) -> None:
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(confirm)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    window.actions_by_id["import_invoices"].trigger()
    assert window.current == BUYER
    saved = window.store.get_profile(BUYER)
    assert saved["enterprise"]["name"] == ENTERPRISE["enterprise"]["name"]
    assert [r["invoice_no"] for r in saved["facts"]["compute_invoices"]] == ["25322000000365404822"]


def test_photos_are_read_off_the_ui_thread_before_the_dialog_shows_them(
    qtbot, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo among the files (recognised with the ocr extra, seconds each) sends the reading to a worker
    thread while the window keeps answering; the dialog then shows every file in the order chosen. Without
    the extra, the photo's row says how to read it; with it, it is recognised."""
    photo = tmp_path / "发票照片.jpg"
    shutil.copy(FIXTURES.parent / "licences" / "lic_12.jpg", photo)
    threads, answered = watch_reading(monkeypatch)

    def confirm(dialog: InvoiceImportDialog) -> None:
        assert [p.name for p, _r, _e in dialog.readings] == [ANXIE.name, photo.name, ANYUAN.name]
        assert dialog.readings[1][1] is None or dialog.readings[1][2] == ""
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(confirm)
    assert import_to_enterprise(None, store, BUYER, [str(ANXIE), str(photo), str(ANYUAN)])
    assert answered and len(threads) == 3 and threading.get_ident() not in threads
    saved = store.get_profile(BUYER)["facts"]["compute_invoices"]
    assert [r["source"]["file"] for r in saved] == [ANXIE.name, ANYUAN.name]


def test_cancelling_the_reading_of_photos_adds_nothing(
    qtbot, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from shenbao.ui import invoice_import

    photo = tmp_path / "发票照片.jpg"
    shutil.copy(FIXTURES.parent / "licences" / "lic_12.jpg", photo)
    cancelled = threading.Event()
    real = invoice_import.read_document

    read: list[str] = []

    def slow(path: Path) -> Any:
        read.append(path.name)
        cancelled.wait(5)  # a recognition in progress when the user cancels
        return real(path)

    monkeypatch.setattr(invoice_import, "read_document", slow)

    def cancel() -> None:
        progress = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        if not progress:
            QTimer.singleShot(10, cancel)
            return
        qtbot.mouseClick(progress[0].findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
        cancelled.set()

    def no_hanging() -> None:  # had the reading gone on, its dialog would wait for an answer
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, InvoiceImportDialog) and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, cancel)
    QTimer.singleShot(3000, no_hanging)
    before = store.get_profile(BUYER)
    assert not import_to_enterprise(None, store, BUYER, [str(photo), str(ANXIE)])
    assert store.get_profile(BUYER) == before
    assert read == [photo.name]  # the file after the photo was not read


SPECIAL_XML = FIXTURES / "old_fp_original_invoice_from_增值税电子专票5.xml"
SPECIAL_OFD = FIXTURES / "easyofd_增值税电子专票5.ofd"
SPECIAL_BUYER = {**ENTERPRISE, "enterprise": {**ENTERPRISE["enterprise"], "uscc": "91522701709696623X"}}


def test_one_invoice_chosen_as_xml_and_ofd_together_counts_once(qtbot) -> None:
    """The tax platform hands out one invoice as XML and OFD; chosen together they are one invoice,
    added once and said so (as `shenbao invoices add` does), not refused as already in the list."""
    dialog = InvoiceImportDialog(SPECIAL_BUYER, [SPECIAL_XML, SPECIAL_OFD])
    qtbot.addWidget(dialog)
    status = _status(dialog)
    assert status[0].startswith("将加入")
    assert "不加入" not in status[1] and "已在" not in status[1]
    assert f"与 {SPECIAL_XML.name} 是同一张发票（052002100113、00008006），只计入一次" in status[1]
    assert _ok(dialog).text() == "加入 1 张发票" and _ok(dialog).isEnabled()
    assert f"{SPECIAL_OFD.name}: 与 {SPECIAL_XML.name} 是同一张发票" in dialog.notes.text()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    rows = dialog.document["facts"]["compute_invoices"]
    assert [(r["invoice_code"], r["invoice_no"], r["source"]["file"]) for r in rows] == [
        ("052002100113", "00008006", SPECIAL_XML.name)
    ]


def test_two_files_of_one_number_with_other_figures_are_refused(qtbot, tmp_path: Path) -> None:
    """Only a file whose figures match is the same invoice: one with the same number and another date
    is refused, and the first stays the only one added."""
    changed = tmp_path / "改过日期.xml"
    text = SPECIAL_XML.read_text(encoding="utf-8")
    assert text.count("2022年05月05日") == 1
    changed.write_text(text.replace("2022年05月05日", "2022年05月06日"), encoding="utf-8")
    dialog = InvoiceImportDialog(SPECIAL_BUYER, [SPECIAL_XML, changed])
    qtbot.addWidget(dialog)
    status = _status(dialog)
    assert status[0].startswith("将加入")
    assert status[1].startswith("不加入") and "不一致" in status[1]
    assert _ok(dialog).text() == "加入 1 张发票"


def test_the_dialog_warns_of_the_same_claimed_year_for_every_file_as_the_command(qtbot) -> None:
    """The year is the list's own before the import (else last year), one for all the files chosen,
    not moved by the first file added: 2026's invoice then 2025's warns of one year, as the command does."""
    from shenbao.core.documents import read_document
    from shenbao.core.documents.intake import add_invoices
    from shenbao.ui.app import core_text

    dialog = InvoiceImportDialog(ENTERPRISE, [ANYUAN, ANXIE])
    qtbot.addWidget(dialog)
    whole = add_invoices(ENTERPRISE, [read_document(ANYUAN), read_document(ANXIE)])
    years = [core_text(w) for w in whole.warnings if "申报年度" in str(w)]
    assert len(years) == 1
    assert [core_text(w) for w in dialog.warnings if "申报年度" in str(w)] == years
    assert dialog.document == whole.document


def test_a_file_that_cannot_be_read_says_why_beside_its_name_without_its_folder(
    qtbot, tmp_path: Path
) -> None:
    empty = tmp_path / "很深的文件夹" / "空发票.xml"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    dialog = InvoiceImportDialog(ENTERPRISE, [empty])
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "空发票.xml"
    assert _status(dialog) == ["无法读取：文件为空"]


def test_a_file_whose_date_or_seller_is_not_read_is_left_out_and_holds_back_no_other(
    qtbot, tmp_path: Path
) -> None:
    """An invoice whose 开票日期 (or 销售方名称) was not found passed every check and was shown 将加入,
    yet the list cannot hold a row without them: the dialog refused the whole batch with 「不能加入：日期不能
    为空」, naming no file, and the good invoice beside it could not be added either."""
    from tests.documents.helpers import xml_with

    undated = tmp_path / "无日期.xml"
    undated.write_bytes(
        xml_with(
            {
                "<RequestTime>2025-08-08 12:06:33</RequestTime>": "",
                "<IssueTime>2025-08-08</IssueTime>": "",
            }
        )
    )
    unnamed = tmp_path / "无销售方.xml"
    unnamed.write_bytes(xml_with({"<SellerName>无锡市安协安全培训中心</SellerName>": ""}))
    dialog = InvoiceImportDialog(ENTERPRISE, [undated, unnamed, ANYUAN])
    qtbot.addWidget(dialog)
    status = _status(dialog)
    assert status[0].startswith("不加入") and "开票日期" in status[0]
    assert status[1].startswith("不加入") and "销售方名称" in status[1]
    assert status[2].startswith("将加入")
    assert _ok(dialog).isEnabled() and _ok(dialog).text() == "加入 1 张发票"
    assert [r["invoice_no"] for r in dialog.added] == ["26322000004478296111"]


def test_from_an_empty_data_folder_hostile_files_change_nothing_and_good_ones_only_their_rows(
    qtbot, window, data_dir: Path, tmp_path: Path
) -> None:
    """The window's 「导入发票…」 on a data folder holding one new enterprise: a batch of files that
    cannot be added leaves every byte stored as it was; a batch that can adds its rows and nothing else."""
    from tests.documents.helpers import RED_LETTER, xml_with
    from tests.reliability.helpers import stored_state

    window.store.save_profile(ENTERPRISE)
    window.reload()
    assert window.select_enterprise(BUYER)
    hostile = {
        "空.xml": b"",
        "截断.ofd": OTHER.read_bytes()[:3000],
        "实体.xml": b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><EInvoice>&b;</EInvoice>',
        "红字.xml": xml_with(RED_LETTER),  # alone, it would make the total negative
        "合同.pdf": (FIXTURES / "7.22底座.pdf").read_bytes()[:20_000],
    }
    for name, data in hostile.items():
        (tmp_path / name).write_bytes(data)
    files = [str(tmp_path / n) for n in hostile] + [str(OTHER)]  # OTHER: another buyer
    before = stored_state(data_dir)
    seen: list[list[str]] = []

    def look(dialog: InvoiceImportDialog) -> None:
        seen.append(_status(dialog))
        assert not _ok(dialog).isEnabled()
        dialog.reject()

    when_shown(look)
    assert not window.import_invoices(files)
    assert [s.split("：", 1)[0][:3] for s in seen[0]] == ["无法读"] * 3 + ["将加入", "无法读", "不加入"]
    assert stored_state(data_dir) == before

    def confirm(dialog: InvoiceImportDialog) -> None:
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(confirm)
    assert window.import_invoices([str(ANXIE), str(ANYUAN)])
    names, rows = stored_state(data_dir)
    added = [r for r in rows if r not in before[1]]
    removed = [r for r in before[1] if r not in rows]

    def table(row: str) -> str:
        return row.split("VALUES", 1)[0]

    def timeless(row: str) -> str:  # the enterprise's row says when it was last saved
        return re.sub(r"'\d{4}-\d\d-\d\dT[^']*'", "'…'", row)

    kept = [r for r in added if table(r) == 'INSERT INTO "enterprises" ']
    assert sorted(table(r) for r in added if r not in kept) == [
        'INSERT INTO "changes" ',
        'INSERT INTO "facts" ',
    ]
    (facts,) = [r for r in added if table(r) == 'INSERT INTO "facts" ']
    assert "25322000000365404822" in facts and "26322000004478296111" in facts
    assert [timeless(r) for r in removed] == [timeless(r) for r in kept]


def test_a_name_of_megabytes_is_shown_cut_short_and_refused(qtbot, tmp_path: Path) -> None:
    """Drawing three million characters in a cell and its tooltip held the window for seconds."""
    from tests.documents.helpers import xml_with

    huge = tmp_path / "长名称.xml"
    huge.write_bytes(
        xml_with(
            {"<SellerName>安元科技股份有限公司</SellerName>": f"<SellerName>{'安' * 3_000_000}</SellerName>"},
            ANYUAN,
        )
    )
    dialog = InvoiceImportDialog(ENTERPRISE, [huge])
    qtbot.addWidget(dialog)
    seller = dialog.table.item(0, 3)
    assert len(seller.text()) <= 100 and seller.text().endswith("…") and len(seller.toolTip()) <= 1000
    assert _status(dialog)[0].startswith("不加入") and "3000000 字" in _status(dialog)[0]
    assert not _ok(dialog).isEnabled()


def test_a_long_file_name_gives_way_to_the_result(qtbot, tmp_path: Path) -> None:
    """The columns were each as wide as their text with the last stretched: a long file name pushed
    「结果」 (in English 「Will be added (see notes)」) behind the dialog's edge. The name now gives way,
    shortened in its middle, with the whole of it in its tooltip."""
    long = tmp_path / (
        "福州星河智算科技有限公司-2025年度算力服务费-第三季度-增值税电子普通发票" + ANXIE.suffix
    )
    long.write_bytes(ANXIE.read_bytes())
    dialog = InvoiceImportDialog(ENTERPRISE, [long])
    qtbot.addWidget(dialog)
    dialog.resize(840, 420)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    result = table.horizontalHeader().count() - 1
    assert _status(dialog)[0].startswith("将加入")
    assert table.columnWidth(result) >= table.sizeHintForColumn(result)
    right = table.columnViewportPosition(result) + table.columnWidth(result)
    assert right <= table.viewport().width()
    assert table.columnWidth(0) < table.sizeHintForColumn(0)  # the name is what gave way
    assert table.item(0, 0).text() == table.item(0, 0).toolTip() == long.name


def test_a_change_saved_elsewhere_while_the_dialog_is_open_is_not_undone(
    qtbot, store, data_dir: Path
) -> None:
    """「导入发票…」 wrote back the whole profile it had read before its dialog opened: what another
    program saved meanwhile (here the number of employees, from the command line or another window on a
    shared folder) was silently undone. The invoices are now refused, in words, and the change kept."""
    from shenbao.core.store import Store
    from shenbao.errors import KnownError

    def change_elsewhere_then_confirm(dialog: InvoiceImportDialog) -> None:
        with Store.open(data_dir, daily_backup=False) as other:
            doc = other.get_profile(BUYER)
            doc["enterprise"]["employees"] = 57
            other.save_profile(doc)
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_shown(change_elsewhere_then_confirm)
    with pytest.raises(KnownError, match="已在另一个窗口或程序中修改：发票未加入"):
        import_to_enterprise(None, store, BUYER, [str(ANXIE)])
    saved = store.get_profile(BUYER)
    assert saved["enterprise"]["employees"] == 57
    assert "compute_invoices" not in saved["facts"]
    when_shown(lambda dialog: qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton))
    assert import_to_enterprise(None, store, BUYER, [str(ANXIE)])  # again: over the profile as it is now
    saved = store.get_profile(BUYER)
    assert saved["enterprise"]["employees"] == 57
    assert [r["source"]["file"] for r in saved["facts"]["compute_invoices"]] == [ANXIE.name]
