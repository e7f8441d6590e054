"""The interface in English: every string the app writes is English. What may stay Chinese is narrow and
named here (`law_words`, `allowed`): the law's own words — a measure's clause, the clause a page's help
quotes, a document's text, number (榕政办规〔2024〕11号) and issuer, the units an article makes
responsible, fj2023's articles named by their headings — and what the user typed, enterprise names
included (every value of the stored profiles). The test reads what a user reads: titles, labels, buttons,
tooltips, table cells, and the text of text browsers (the preview's trace, the wizard's review, the
register's history), line by line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QStyle,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from shenbao.core.forms import load_pack_forms, shipped_forms
from shenbao.core.policies import read_tree, shipped_catalogue
from shenbao.ui.workers import running
from tests.conftest import FIXTURES
from tests.store.factory import make_uscc
from tests.ui.conftest import AS_OF

EXAMPLE_PACK = FIXTURES / "packs" / "example"

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # with Chinese punctuation
QUOTED = re.compile("“([^”]*)”")
PASSAGES = re.compile("[^\x00-\x7f“”‘’→]+")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_policy_data_speaks_english_for_every_measure_document_and_condition() -> None:
    cat = shipped_catalogue()
    assert all(m.title_en and not CJK.search(m.title_en) for m in cat.measures.values())
    assert all(cat.documents[d].title_en for d in cat.library)
    labelled = [c for m in cat.measures.values() for c in m.conditions if c.label]
    assert labelled and all(c.label_en and not CJK.search(c.label_en) for c in labelled)


def english_of_notes(owners: list[Any]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    pairs = []
    for owner in owners:
        pairs += [(owner.notes, owner.notes_en), (owner.warnings, owner.warnings_en)]
        cities, english = getattr(owner, "city_warnings", {}), getattr(owner, "city_warnings_en", {})
        pairs.append((tuple(cities.values()), tuple(english.get(city, "") for city in cities)))
    return pairs


def test_every_note_warning_and_material_has_its_english_in_the_data() -> None:
    """Shipped and in the example pack: the notes and warnings of each measure and document, the titles
    of the draft-to-final changes, and the materials of each form, each with its English beside it."""
    cat = shipped_catalogue()
    pack = read_tree(EXAMPLE_PACK, cat.documents)
    owners = [*cat.measures.values(), *cat.rulesets.values(), *pack.rulesets.values()]
    owners += [m for ms in pack.measures.values() for m in ms]
    pairs = english_of_notes(owners)
    assert sum(len(chinese) for chinese, _ in pairs) > 30
    for chinese, english in pairs:
        assert len(english) == len(chinese), chinese
        assert not any(CJK.search(text) for text in english), english
    for doc in [*cat.documents.values(), *pack.documents.values()]:
        for chinese, english in (
            (doc.status_note, doc.status_note_en),
            (doc.source_note, doc.source_note_en),
        ):
            assert bool(chinese) == bool(english) and not CJK.search(english), doc.id
        for w in doc.windows:  # a 申报通知's own materials and note
            assert len(w.materials_en) == len(w.materials) and bool(w.note) == bool(w.note_en), doc.id
    changes = [
        c for comparison in (*cat.comparisons, *pack.comparisons) for c in comparison.changes if c.titled
    ]
    assert len(changes) > 15 and all(c.topic_en and c.summary_en for c in changes)
    assert not any(CJK.search(c.topic_en + c.summary_en) for c in changes)
    forms = [*shipped_forms().values(), *load_pack_forms(EXAMPLE_PACK / "forms").values()]
    for form in forms:
        assert len(form.materials_en) == len(form.materials) > 0, form.measure
        assert not any(CJK.search(text) for text in form.materials_en), form.measure


@pytest.fixture
def english(
    qtbot: Any, data_dir: Any, app_settings: Any, dialogs: Any, example_profiles: list[dict[str, Any]]
) -> Iterator[Any]:
    """The main window made in English, over the example enterprises."""
    from shenbao.tools import translations
    from shenbao.ui.app import create_application
    from shenbao.ui.main_window import MainWindow

    translations.build()
    create_application(language="en")
    win = MainWindow(data_dir, app_settings, today=lambda: AS_OF)
    qtbot.addWidget(win)
    win.show()
    win.finish_loading()
    win.editor.build_all()  # every field's label and tooltip is read, not only those of the first frame
    for doc in example_profiles:
        win.store.save_profile(doc)
    win.reload()
    try:
        yield win
    finally:
        if win.editor is not None:
            win.editor.undo_stack.setClean()
        qtbot.waitUntil(lambda: running() == 0, timeout=10000)
        win.close()
        create_application(language="zh_CN")


@cache
def law_words() -> tuple[frozenset[str], str]:
    """(names the law gives: numbers, issuers, responsible units, articles named by their headings; the
    law's text: every clause, article, preamble and closing, and the clause each page's help quotes)."""
    cat = shipped_catalogue()
    names = {m.article for m in cat.measures.values() if CJK.search(m.article)}
    names |= {d.number for d in cat.documents.values() if d.number} | {
        d.issuer for d in cat.documents.values() if not d.issuer_en
    }
    names |= {unit for m in cat.measures.values() for unit in m.responsible}
    texts = [m.clause for m in cat.measures.values()]
    for d in cat.documents.values():
        texts += [
            d.title,
            d.preamble,
            d.closing,
            *(t for a in d.articles.values() for t in (a.heading, a.text)),
        ]
        names |= {unit for a in d.articles.values() for unit in a.responsible}
    for form in shipped_forms().values():
        texts += [page.help.partition("：")[2] for page in form.pages if page.help.startswith("依据《")]
    return frozenset(names), "\n".join(texts)


def allowed(text: str, user_data: set[str]) -> bool:
    """Chinese that is the law's own words or what the user typed; nothing else. Each line is read on
    its own: what is left once names and user data are taken out is free of Chinese, or is a passage
    of the law (the whole line, or what follows its last ": ", as a line quoting its clause writes)."""
    names, law = law_words()
    for line in text.splitlines() or [text]:
        rest = line
        for value in sorted(user_data | names, key=len, reverse=True):
            rest = rest.replace(value, "")
        rest = QUOTED.sub(lambda m: "" if m.group(1) in law else m.group(0), rest)  # a passage quoted
        if not CJK.search(rest):
            continue
        quoted = [line.strip(), line.rpartition(": ")[2].strip()]
        if any(q and CJK.search(q) and q in law for q in quoted):
            continue
        # passages quoted “…” that hold quotation marks of their own (a draft-to-final change): each run
        # of Chinese between the marks is a passage of the law
        runs = PASSAGES.findall(rest) if "“" in line else [rest]
        if not all(run in law for run in runs if CJK.search(run)):
            return False
    return True


def user_values(window: Any) -> set[str]:
    """Every value of every stored profile (names, places, people) as the user entered it."""
    out: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and CJK.search(value):
            out.add(value)

    for row in window.store.list_enterprises():
        walk(window.store.get_profile(row.uscc))
    return out


def visible_texts(root: QWidget) -> list[str]:
    """What a user reads on a window: its title, labels, buttons, group and tab titles, tooltips, the
    text of its text browsers, and the headers and cells of its tables and trees."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return [t for t in texts if t]


def model_texts(model: Any, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out = []
    for c in range(model.columnCount(parent)):
        out.append(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
    for r in range(min(model.rowCount(parent), 60)):
        for c in range(model.columnCount(parent)):
            index = model.index(r, c, parent)
            out.append(str(index.data() or ""))
            out.append(str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
            out.append(str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
            if c == 0 and model.rowCount(index) > 0:
                out += model_texts(model, index)
    return out


def failing(root: QWidget, user_data: set[str]) -> list[str]:
    """The lines of what `root` shows that are not allowed (for a failure's message)."""
    return [line for t in visible_texts(root) for line in t.splitlines() if not allowed(line, user_data)]


def chinese_in(root: QWidget, user_data: set[str]) -> list[str]:
    return sorted({t for t in visible_texts(root) if not allowed(t, user_data)})


def test_the_main_window_and_its_preview_are_english(qtbot, english) -> None:
    """The window for each enterprise, and the preview's trace of every measure: title, conditions,
    formula, reasons, warnings and notes (the clause itself stays the law's words)."""
    data = user_values(english)
    traced = 0
    for row in english.store.list_enterprises():
        assert english.select_enterprise(row.uscc)
        assert chinese_in(english, data) == []
        preview = english.preview
        for measure in shipped_catalogue().measures:
            assert preview.select_measure(measure)
            trace = preview.trace.toPlainText()
            assert allowed(trace, data), (measure, [t for t in trace.splitlines() if not allowed(t, data)])
            traced += bool(preview.current_result().notes or preview.current_result().warnings)
    assert traced > 10  # notes and warnings were shown


def test_a_total_taken_from_invoices_of_two_years_is_warned_of_in_english(qtbot, english) -> None:
    """The warning naming each year of the invoices and its sum, in the trace and the wizard's review."""
    from tests.ui.conftest import tenant

    invoices = [
        {"supplier": "福州云算科技有限公司", "invoice_no": "24000001", "date": "2024-12-31", "amount": 60000},
        {
            "supplier": "福州云算科技有限公司",
            "invoice_no": "25000001",
            "date": "2025-01-01",
            "amount": "-5000.5",
        },
        {"supplier": "福州云算科技有限公司", "invoice_no": "25000002", "date": "2025-02-01", "amount": 55000},
    ]
    doc = tenant(5, compute_subsidy_year_index=1, compute_invoices=invoices)
    english.store.save_profile(doc)
    english.reload()
    assert english.select_enterprise(doc["enterprise"]["uscc"])
    data = user_values(english)
    warning = (
        "The computing services bought this year add up invoices of 2024 (CNY 60,000.00), 2025 (CNY "
        "49,999.50): only what was actually paid in the year claimed counts. Please check."
    )
    for measure in ("fj2025.compute_voucher", "fz2024.compute_use"):
        assert english.preview.select_measure(measure)
        trace = english.preview.trace.toPlainText()
        assert warning in trace, measure
        assert allowed(trace, data), [line for line in trace.splitlines() if not allowed(line, data)]
    wizard = english.open_wizard("fz2024.compute_use")
    assert wizard is not None
    wizard.go_to("review")
    assert warning in wizard.review.browser.toPlainText()
    wizard.close()


def test_every_side_window_is_english(qtbot, english) -> None:
    from shenbao.ui.context import OpChanges
    from shenbao.ui.demo import add_demo_declarations

    assert add_demo_declarations(english.store, AS_OF)  # the register, 待办 and pipeline have rows
    from shenbao.core.register import entries

    printed = next(e for e in entries(english.store) if e.basis_sha256)
    doc = english.store.get_profile(printed.uscc)  # changed after printing: the register says what changed
    doc["facts"]["compute_purchase_amount"] = 123456
    english.store.save_profile(doc)
    english.ctx.report(OpChanges(store=True))
    data = user_values(english)
    windows = english.windows
    for open_view in (windows.library, windows.park, windows.register, windows.todo, windows.pipeline):
        view = open_view()
        assert view is not None
        if hasattr(view, "loaded"):
            qtbot.waitUntil(
                lambda v=view: v.findChild(QAbstractItemView).model().rowCount() > 0, timeout=20000
            )
        texts = visible_texts(view)
        assert any(CJK.search(t) for t in texts) or view.objectName() == "library"  # names are listed
        assert chinese_in(view, data) == [], (view.objectName(), failing(view, data))
        if view.objectName() == "library":  # each draft-to-final change, its topic and summary
            view.tabs.setCurrentIndex(1)
            for row in range(view.changes.rowCount()):
                view.change_table.selectRow(row)
                assert chinese_in(view, data) == [], (row, failing(view, data))
        if view is windows.register():  # each declaration's history and materials
            for e in view.model.entries:
                assert view.select(e.id)
                assert chinese_in(view, data) == [], e.measure
            assert any("PDF: " in t for t in visible_texts(view))  # what printing wrote, in English
            assert view.select(printed.id)
            assert "The profile was changed after the PDF was generated" in view.detail.basis.text()
        view.close()
    about = windows.about()
    assert chinese_in(about, data) == []
    about.close()


def test_the_park_s_long_english_titles_and_totals_are_read_whole(qtbot, english) -> None:
    from PySide6.QtCore import QRect, Qt

    view = english.windows.park()
    assert view is not None
    qtbot.waitUntil(lambda: view.proxy.rowCount() > 0, timeout=20000)
    header = view.table.horizontalHeader()
    metrics = header.fontMetrics()
    flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    for column in range(view.proxy.columnCount()):
        title = str(view.proxy.headerData(column, Qt.Orientation.Horizontal))
        room = QRect(0, 0, header.sectionSize(column) - 12, 10 * metrics.height())
        assert metrics.boundingRect(room, flags, title).height() + 8 <= header.height(), title
        total = str(view.totals.index(0, column).data() or "")
        width = view.totals_table.columnWidth(column) - 12
        wrapped = view.totals_table.fontMetrics().boundingRect(QRect(0, 0, width, 1000), flags, total)
        assert wrapped.height() <= view.totals_table.rowHeight(0), total  # two lines at most
    view.close()


def test_the_park_marks_a_total_to_confirm_with_an_ascii_asterisk(qtbot, english) -> None:
    """A tenant's total with a sum whose stacking is to be confirmed ended in 「＊」, a Chinese full-width
    asterisk, in the English park view (「CNY 3.625 million＊」)."""
    from shenbao.ui.park_view import CONFIRM_ROLE
    from shenbao.ui.roles import DISPLAY
    from tests.ui.conftest import tenant

    english.store.save_profile(tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1))
    english.reload()
    view = english.windows.park()
    model = view.model

    def marked() -> list[str]:
        return [
            str(model.index(row, column).data(DISPLAY))
            for row in range(model.rowCount())
            for column in range(model.columnCount())
            if model.index(row, column).data(CONFIRM_ROLE)
        ]

    qtbot.waitUntil(lambda: bool(marked()), timeout=20000)  # judged
    assert all(text.endswith("*") and "＊" not in text for text in marked()), marked()
    view.close()


def test_the_wizard_of_every_measure_speaks_english(qtbot, english) -> None:
    data = user_values(english)
    english.select_enterprise(english.store.list_enterprises()[0].uscc)
    for measure in shipped_catalogue().measures:
        wizard = english.open_wizard(measure)
        assert wizard is not None
        assert chinese_in(wizard, data) == [], measure
        for page in wizard.form.pages:  # each page's help, its clause quoted
            wizard.go_to(page.id)
            assert chinese_in(wizard, data) == [], (measure, page.id, failing(wizard, data))
        wizard.go_to("review")  # the answers, the trace, notes and the materials
        review = wizard.review.browser.toPlainText()
        assert "Materials" in review, measure
        assert allowed(review, data), [line for line in review.splitlines() if not allowed(line, data)]
        assert chinese_in(wizard, data) == [], measure
        wizard.close()


def test_the_import_preview_and_its_outcome_are_english(qtbot, english, tmp_path, monkeypatch) -> None:
    """A park table updating a stored enterprise, adding one and holding a bad row: the preview's lists
    and the status line after the import speak English; only the table's own words (its names, its
    column's label, the cell as typed) stay as written."""
    import csv

    from shenbao.ui.import_preview import ImportPreview
    from tests.store.factory import make_uscc

    lists: dict[str, str] = {}

    def exec_(dialog: Any) -> int:
        for name in ("adds", "updates", "unchanged", "errors"):
            lists[name] = dialog.findChild(type(dialog.errors), name).toPlainText()
        lists["dialog"] = "\n".join(visible_texts(dialog))
        return int(ImportPreview.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreview, "exec", exec_)
    row = english.store.list_enterprises()[0]
    table = tmp_path / "park.csv"
    with table.open("w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["企业（单位）名称", "统一社会信用代码", "从业人数"])
        writer.writerow([row.name, row.uscc, "120"])
        writer.writerow(["新来的公司", make_uscc(200), "30"])
        writer.writerow(["写错的公司", make_uscc(201), "三十多"])
    english.operations.import_files([str(table)])
    qtbot.waitUntil(lambda: running() == 0 and "dialog" in lists, timeout=20000)
    assert lists["adds"] == f"{make_uscc(200)} (新来的公司) ← park.csv"
    assert lists["updates"] == (
        f"Update {row.uscc} ({row.name}): Employees: (empty) → 120; nothing is removed"
    )
    assert lists["errors"] == (
        f"{table} row 4, column “从业人数”: must be a whole number of at least 0 (got 三十多)"
    )
    data = user_values(english) | {"新来的公司", "三十多", "从业人数"}
    assert [t for t in lists["dialog"].splitlines() if not allowed(t, data)] == []
    assert english.statusBar().currentMessage() == (
        "Import finished: 1 added, 1 updated, 0 kept as stored, rows with errors skipped: 1"
    )
    assert "; 1 row with an error is not imported." in lists["dialog"], lists["dialog"]
    assert "1 rows" not in lists["dialog"], lists["dialog"]


def _mnemonic(text: str) -> str | None:
    found = re.search("&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def test_each_menu_s_keys_are_distinct_and_written_the_english_way(qtbot, english) -> None:
    """In English, Alt and a letter (or the letter in an open menu) reaches one item only, and the letter
    is marked inside the word as English menus mark it, not after it in brackets as Chinese ones do; the
    buttons of the window with a letter of their own share it with no menu."""
    from PySide6.QtWidgets import QPushButton

    bar = english.menuBar()
    top = [_mnemonic(a.text()) for a in bar.actions()]
    assert None not in top and len(set(top)) == len(top), top
    for action in bar.actions():
        items = [a.text() for a in action.menu().actions() if not a.isSeparator()]
        letters = [m for m in map(_mnemonic, items) if m]  # undo and redo name the edit: no letter
        assert len(set(letters)) == len(letters), (action.text(), items)
    buttons = [b.text() for b in english.findChildren(QPushButton) if b.isVisibleTo(english)]
    assert not [t for t in buttons + [a.text() for a in bar.actions()] if re.search(r"\(&.\)", t)], buttons
    letters = [m for m in map(_mnemonic, buttons) if m]
    assert len(set(letters)) == len(letters) and not set(letters) & set(top), buttons


def test_the_tour_describes_the_total_as_the_english_preview_writes_it(qtbot, english) -> None:
    """The English preview writes its total in CNY (「Up to CNY 10.5 million」), not in 万元: the tour
    does not send the reader looking for a sum in tens of thousands of yuan."""
    from PySide6.QtCore import QCoreApplication

    step = QCoreApplication.translate(
        "MainWindowTour",
        "右侧在每次修改后重新测算全部措施，按政策文件分组。顶部是最高可申请的合计金额（万元），"
        "旁边可以改测算日期。",
    )
    assert step.startswith("On the right") and "10,000" not in step
    assert "10,000" not in english.preview.total_label.text()


def test_the_invoice_dialog_s_warnings_and_note_are_english(qtbot, english) -> None:
    """Invoices of another buyer (allowed), of a year other than the one applied for and of other services,
    over a total typed before: each warning and the note in English; only the files' and the invoices'
    own words (names, items) stay as written."""
    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.ui.test_invoice_import import ANXIE, ANYUAN, ENTERPRISE, OTHER

    typed = {**ENTERPRISE, "facts": {"compute_purchase_amount": 100000}}
    dialog = InvoiceImportDialog(typed, [ANXIE, ANYUAN, OTHER])
    qtbot.addWidget(dialog)
    dialog.allow_other_buyer.setChecked(True)
    notes = dialog.notes.text()
    for english_words in (
        "is not this enterprise; added as allowed",
        "outside the year applied for",
        "do not look like computing or IT services",
        "Computing services bought this year was typed as CNY 100,000.00",
        "Computing services bought this year counts each invoice's total including tax",
    ):
        assert english_words in notes, notes
    assert not any(t in notes for t in ("不是本企业", "不在申报年度", "看起来不是", "原填", "价税合计（实际"))


def test_the_invoice_dialog_says_why_an_invoice_is_not_added_in_english(qtbot, english) -> None:
    """An invoice of another buyer, not allowed: its row said 「Not added: 购买方 … 不是本企业（…），未加入；
    分支机构或更名的可选择允许其他购买方」, and the rows to be added 「Will be added（see notes）」."""
    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.ui.test_invoice_import import ANXIE, ANYUAN, ENTERPRISE, OTHER

    dialog = InvoiceImportDialog(ENTERPRISE, [ANXIE, ANYUAN, OTHER])
    qtbot.addWidget(dialog)
    table = dialog.table
    said = [table.item(row, table.columnCount() - 1).text() for row in range(table.rowCount())]
    assert said[:2] == ["Will be added (see notes)"] * 2, said
    refused = said[2]
    assert refused.startswith(
        "Not added: the buyer 无锡天鹏菜篮子工程有限公司 (91320200796148368W) is not"
    ), refused
    assert refused.endswith("; not added. For a branch or a renamed firm, allow another buyer"), refused
    assert not CJK.search(refused.replace("无锡天鹏菜篮子工程有限公司", "")), refused


def test_a_red_letter_invoice_that_would_make_the_total_negative_is_refused_in_english(
    qtbot, english, tmp_path
) -> None:
    """The line saying why nothing can be added read 「Cannot be added: 年度购买算力服务总额合计为 …，不能为负
    （红字发票多于原发票）」 in the English dialog."""
    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.documents.helpers import RED_LETTER, xml_with
    from tests.ui.test_invoice_import import ENTERPRISE

    red = tmp_path / "red.xml"
    red.write_bytes(xml_with(RED_LETTER))
    dialog = InvoiceImportDialog(ENTERPRISE, [red])
    qtbot.addWidget(dialog)
    first = dialog.notes.text().splitlines()[0]
    assert "cannot be negative" in first and not CJK.search(first), first


def test_one_enterprise_one_declaration_and_one_thing_to_do_are_counted_in_the_singular(
    qtbot, english, monkeypatch
) -> None:
    """A new user's first enterprise: the status bar said 「1 enterprises」, the register 「1 declarations」,
    To do 「1 things to do」 and the export 「Export 1 enterprises」."""
    from shenbao.core import register as reg
    from shenbao.ui import done_message
    from shenbao.ui.context import OpChanges
    from tests.ui.conftest import tenant

    for row in english.store.list_enterprises():
        english.store.delete_enterprise(row.uscc)
    doc = tenant(7, compute_purchase_amount=250000, compute_subsidy_year_index=1)
    english.store.save_profile(doc)
    code = doc["enterprise"]["uscc"]
    reg.generate(english.store, code, "fj2025.compute_voucher", english.folder / "f.pdf", as_of=AS_OF)
    english.reload()
    english.ctx.report(OpChanges(declarations=(code,)))
    qtbot.waitUntil(lambda: english.statusBar().currentMessage() == "1 enterprise", timeout=5000)
    register = english.windows.register()
    assert register.count_label.text() == "1 declaration"
    todo = english.windows.todo()
    qtbot.waitUntil(lambda: todo.model.rowCount() > 0, timeout=20000)  # the plan ending in 39 days
    assert todo.heading.text() == f"As of {AS_OF.isoformat()}: 1 thing to do"
    titles: list[str] = []
    monkeypatch.setattr(done_message, "ask_save_path", lambda _p, title, *_a: titles.append(title))
    english.operations.export_bundle()
    assert titles == ["Export 1 enterprise"]


def test_a_to_do_line_counts_one_day_in_the_singular(qtbot, english) -> None:
    """The to-do list in English said 「1 days left」 on a window's or a deadline's last day but one."""
    from shenbao.ui.style import todo_text

    assert todo_text("window", "受理期中（2026-11-01 至 2026-12-04），还剩 1 天") == (
        "Open for applications (2026-11-01 to 2026-12-04), 1 day left"
    )
    assert todo_text("window", "1 天后开始受理（2026-12-04 至 2026-12-31）").startswith("Opens in 1 day (")
    assert todo_text("deadline", "申报截止 2026-12-04，已逾期 1 天（草稿）", str) == (
        "Deadline 2026-12-04, 1 day overdue (草稿)"
    )
    assert "2 days left" in todo_text("deadline", "申报截止 2026-12-05，还剩 2 天（草稿）", str)


def test_a_to_do_line_on_its_last_day_says_today(qtbot, english) -> None:
    """「还剩 0 天」 read as if the day had passed; the last day says so, in both languages."""
    from shenbao.ui.style import todo_text

    assert todo_text("window", "受理期中（2026-11-01 至 2026-12-04），今天截止") == (
        "Open for applications (2026-11-01 to 2026-12-04), closes today"
    )
    assert todo_text(
        "expiry", "2026-12-31 到期（今天是最后一天），到期后不再受理：算力使用补贴（使用侧）"
    ).startswith("Ends on 2026-12-31 (today is the last day); no applications after that: ")
    assert (
        todo_text("deadline", "申报截止 2026-12-04，今天截止（草稿）", str)
        == "Deadline 2026-12-04, due today (草稿)"
    )


def test_a_formula_counts_one_product_or_person_year_in_the_singular(qtbot, english) -> None:
    """The trace's formula in English: 「500,000.00 × 1 个产品」 is one product, not 「1 products」;
    two are products, and a person-year likewise."""
    from shenbao.ui.style import formula_text

    assert formula_text("500,000.00 × 1 个产品 = 500,000.00") == "500,000.00 × 1 product = 500,000.00"
    assert formula_text("500,000.00 × 2 个产品 = 1,000,000.00") == "500,000.00 × 2 products = 1,000,000.00"
    assert formula_text("200,000.00 × 1 人·年 = 200,000.00") == "200,000.00 × 1 person-year = 200,000.00"
    assert formula_text("200,000.00 × 12 人·年") == "200,000.00 × 12 person-years"
    assert formula_text("min(10,000.00 × 11 个产品, 50,000.00)") == "min(10,000.00 × 11 products, 50,000.00)"

    assert english.select_enterprise(english.store.list_enterprises()[0].uscc)
    english.editor.set_text("facts.ai_product_count", "1")
    assert english.preview.select_measure("fj2025.quality_product")
    qtbot.waitUntil(lambda: "× 1 product" in english.preview.trace.toPlainText(), timeout=3000)
    assert "1 products" not in english.preview.trace.toPlainText()


def test_a_recognition_dated_after_the_date_judged_is_explained_in_english(qtbot, english) -> None:
    """A key laboratory recognised after the as-of date is not held on it: the trace says why in English."""
    from tests.ui.conftest import tenant

    doc = tenant(6)
    later = (AS_OF + dt.timedelta(days=30)).isoformat()
    doc["enterprise"]["recognitions"] = [{"kind": "national_key_lab", "date": later}]
    english.store.save_profile(doc)
    english.reload()
    assert english.select_enterprise(doc["enterprise"]["uscc"])
    assert english.preview.select_measure("fz2020.national_key_lab")
    trace = english.preview.trace.toPlainText()
    reason = (
        f"Recognised as National key laboratory on {later}, after the date judged ({AS_OF.isoformat()}): "
        "not yet held on that date"
    )
    assert reason in trace, trace
    data = user_values(english)
    assert allowed(trace, data), [line for line in trace.splitlines() if not allowed(line, data)]


def test_about_names_the_product_once_and_shows_each_document_whole(qtbot, english) -> None:
    """About in English: the product's name once (not "Shenbao Assistant / Shenbao"), and every cell of
    the documents' table read whole, wrapped where it is long, the draft's issuer in English."""
    from PySide6.QtCore import QRect, Qt

    from shenbao.ui.about import AboutDialog

    about = AboutDialog(AS_OF, english)
    qtbot.addWidget(about)
    about.show()
    qtbot.waitExposed(about)
    assert about.findChild(QLabel, "aboutName").text() == "Shenbao Assistant"
    table, model = about.documents, about.documents.model()
    assert (
        model.index(model.row_of("fj2025d"), 4).data() == "Fujian Province (drafting department not stated)"
    )
    assert (
        model.index(model.row_of("fz2020"), 2).data() == "from 2020-02-14, end not stated"
    )  # not "… to not stated"
    metrics = table.fontMetrics()
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data())
            room = table.columnWidth(column) - margin
            assert max(metrics.horizontalAdvance(word) for word in text.split()) <= room, text
            wrapped = metrics.boundingRect(QRect(0, 0, room, 1000), flags, text)
            assert wrapped.height() <= table.rowHeight(row), text
    assert chinese_in(about, user_values(english)) == []
    about.reject()


def test_the_register_says_in_english_why_a_change_is_refused(qtbot, english) -> None:
    """申报记录 in English: a sum paid that is not a sum, and no sum paid at all: each refusal said in
    English, and nothing recorded. Every refusal of the register has its English."""
    from shenbao.core.register import ERRORS, SUMS, entries
    from shenbao.ui.app import core_text
    from shenbao.ui.demo import add_demo_declarations

    add_demo_declarations(english.store, AS_OF)
    english.ctx.today = dt.date.today  # the day printing recorded each declaration as generated
    accepted = next(e for e in entries(english.store) if e.state in ("accepted", "selected"))
    view = english.windows.register()
    assert view is not None and view.select(accepted.id)
    panel = view.detail
    panel.next_state.setCurrentIndex(panel.next_state.findData("paid"))
    qtbot.keyClicks(panel.received, "abc")
    panel.record_button.click()
    assert panel.message.text() == (
        "Amount paid 'abc' is not valid: a sum in yuan, not negative, with at most two decimals "
        "(such as 125000 or 125,000.50)"
    )
    panel.received.clear()
    panel.record_button.click()
    assert (
        panel.message.text() == "Enter the sum paid this time to record it as Paid"
    )  # no command-line option in the window
    assert next(e for e in entries(english.store) if e.id == accepted.id).state == accepted.state
    assert not CJK.search(panel.message.text())
    view.close()
    untranslated = [t for t in (*ERRORS.values(), *SUMS.values()) if CJK.search(core_text(t))]
    assert untranslated == []


def test_the_wizard_lists_what_is_still_needed_and_each_row_the_english_way(qtbot, english) -> None:
    """The live result's 待补充 list and the review's rows of a detail list were joined with 、 and ；
    and counted 「共 2 项」 in the English wizard, and a field's error began with its Chinese label."""
    from tests.ui.conftest import tenant
    from tests.ui.drive import add_row, type_into

    doc = tenant(
        5,
        compute_invoices=[
            {"supplier": "福州算力中心", "invoice_no": "35020001", "date": "2026-01-15", "amount": 120000},
            {"supplier": "福建云算力公司", "invoice_no": "35020002", "date": "2026-02-20", "amount": 80000},
        ],
    )
    english.store.save_profile(doc)
    english.reload()
    assert english.select_enterprise(doc["enterprise"]["uscc"])
    wizard = english.open_wizard("fz2024.compute_supply")
    needed = wizard.currentPage().result_label.text()
    assert "Still needed: Premises and entity both within Fuzhou, Nominal computing power" in needed, needed
    assert "、" not in needed
    type_into(qtbot, wizard.currentPage().editors["enterprise.registered_capital"], "abc")
    error = wizard.currentPage().editors["enterprise.registered_capital"].error_label.text()
    assert error == "Registered capital (yuan) must be an amount in yuan of at least 0", error
    wizard.close()
    wizard = english.open_wizard("fj2025.core_engineer")
    wizard.go_to("engineers")
    roster = wizard.currentPage().editors["facts.core_engineers"]
    add_row(qtbot, roster, "陈工", "", "350102199001011230")
    add_row(qtbot, roster, "林工", "", "12345")
    rows = roster.error_label.text()
    assert rows.startswith("Row 1: ") and "; Row 2: " in rows and "；" not in rows, rows
    assert "the check character does not match" in rows and "should have 18 characters (got 5)" in rows, rows
    assert not CJK.search(rows.replace("陈工", "").replace("林工", "")), rows
    wizard.close()
    wizard = english.open_wizard("fj2025.compute_voucher")
    wizard.go_to("review")
    review = wizard.review.browser.toPlainText()
    rows = "2 items: 福州算力中心, 35020001, 2026-01-15, 120,000.00; 福建云算力公司, 35020002, 2026-02-20, 80,000.00"
    assert rows in review, review
    wizard.close()


def test_an_invoice_listed_twice_in_the_wizard_is_refused_in_english(qtbot, english) -> None:
    """A check across the rows of a list (the same invoice twice) was shown under the list in Chinese in
    the English wizard (「第 2 行与第 1 行是同一张发票…」), while the editor said it in English."""
    from tests.ui.conftest import tenant
    from tests.ui.drive import add_row

    doc = tenant(5)
    english.store.save_profile(doc)
    english.reload()
    assert english.select_enterprise(doc["enterprise"]["uscc"])
    wizard = english.open_wizard("fj2025.compute_voucher")
    wizard.go_to("purchase")
    invoices = wizard.currentPage().editors["facts.compute_invoices"]
    add_row(qtbot, invoices, "福州算力中心", "35020001", "2026-01-15", "120000")
    add_row(qtbot, invoices, "福州算力中心", "35020001", "2026-01-16", "10000")
    said = invoices.error_label.text()
    assert said == (
        "Rows 1 and 2 are the same invoice (福州算力中心, invoice number 35020001): an invoice may be counted"
        " only once"
    ), said
    wizard.close()


def test_saving_with_wrong_fields_lists_them_the_english_way(qtbot, english, dialogs) -> None:
    """保存 refused in English: each wrong field as "· label: problem", with a recognition's bad date as a
    sentence, under its box and in the list. (The list wrote each line with the Chinese colon "：" and
    the date's line as "Platform： date recognisedmust be a real date".)"""
    from shenbao.core.model import RECOGNITION_KINDS
    from tests.ui.drive import type_text

    english.new_enterprise(ask=False)
    editor = english.editor
    kind = next(iter(RECOGNITION_KINDS))
    type_text(qtbot, editor.widget("enterprise.name"), "Minjiang AI Co")
    type_text(qtbot, editor.widget("facts.ai_product_count"), "two")
    type_text(qtbot, editor.findChild(QLineEdit, f"recognition:{kind}:date"), "2023-13-01")
    assert english.save() is False

    box = editor.label(f"recognition:{kind}")
    date = "The date recognised must be a real date (YYYY-MM-DD)"
    assert editor.message(f"recognition:{kind}") == date
    lines = dialogs.texts("warning")[-1].splitlines()
    assert lines[0] == "Please correct the following:"
    assert f"· {box}: {date}" in lines
    assert any(line.startswith("· AI products applied for: must be") for line in lines), lines
    assert not any(CJK.search(line) for line in lines), lines


def test_a_code_already_stored_is_refused_in_english_when_saving_or_duplicating(
    qtbot, english, dialogs
) -> None:
    """A new enterprise saved, or one duplicated, under the code of one already stored: the refusal is
    English and names the enterprise holding the code; the duplicate asks for another code. (Both showed
    the store's 「统一社会信用代码为 … 的企业已存在」 in the English window, and the duplicate gave up.)"""
    from tests.ui.drive import type_text

    rows = english.store.list_enterprises()
    taken, other = rows[0], rows[1]
    english.new_enterprise(ask=False)
    type_text(qtbot, english.editor.widget("enterprise.name"), "Minjiang AI Co")
    type_text(qtbot, english.editor.widget("enterprise.uscc"), taken.uscc)
    assert english.save() is False
    refusal = dialogs.texts("warning")[-1]
    assert taken.uscc in refusal and taken.name in refusal
    assert not CJK.search(refusal.replace(taken.name, "")), refusal
    assert english.editor.text("enterprise.name") == "Minjiang AI Co"  # kept to be corrected
    english.editor.undo_stack.setClean()

    assert english.select_enterprise(other.uscc)
    fresh = make_uscc(90)
    dialogs.inputs = [(taken.uscc, True), (fresh, True), ("Copy", True)]
    english.actions_by_id["duplicate"].trigger()
    asked = [text for kind, _title, text in dialogs.shown if kind == "input"]
    assert len(asked) == 3 and taken.name in asked[1], asked
    assert not any(CJK.search(text.replace(taken.name, "")) for text in asked), asked
    assert english.store.has_enterprise(fresh) and english.current == fresh
    assert not [text for kind, _t, text in dialogs.shown[-3:] if kind == "warning"]


def test_a_damaged_bundle_and_a_wrong_passphrase_are_refused_in_english(
    qtbot, english, dialogs, tmp_path
) -> None:
    """导入 of a bundle changed after it was written, and of an encrypted one with a wrong passphrase:
    the store's refusals were shown in Chinese in the English window (「…: 校验码不符：文件已损坏、不完整
    或被改动」); each now names the file in English. The command line keeps the Chinese sentence."""
    from shenbao.core.store.bundle import BundleError, read_bundle
    from shenbao.core.store.transfer import export_bundle

    code = english.store.list_enterprises()[0].uscc
    damaged = tmp_path / "damaged.shenbao"
    export_bundle(english.store, damaged, [code], omit_sensitive=True)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(BundleError) as caught:
        read_bundle(damaged, lambda: None)
    assert str(caught.value) == f"{damaged}: 校验码不符：文件已损坏、不完整或被改动"

    english.operations.import_files([str(damaged)])
    qtbot.waitUntil(lambda: running() == 0 and bool(dialogs.texts("warning")), timeout=20000)
    assert dialogs.texts("warning")[-1] == (
        f"{damaged}: the checksum does not match: the file is damaged, incomplete or altered"
    )

    locked = tmp_path / "locked.shenbao"
    export_bundle(english.store, locked, [code], passphrase="right-horse-9")
    dialogs.inputs = [("wrong-horse-9", True)]
    english.operations.import_files([str(locked)])
    qtbot.waitUntil(lambda: running() == 0 and len(dialogs.texts("warning")) == 2, timeout=20000)
    assert (
        dialogs.texts("warning")[-1] == f"{locked}: the passphrase is wrong, or the bundle has been altered"
    )


def test_a_read_only_or_locked_data_folder_is_refused_in_english(
    qtbot, english, dialogs, monkeypatch
) -> None:
    """A save refused because the data folder is read-only, or the database locked by another program
    or the disk full, as the store words each: the message box said it in Chinese in the English
    window."""
    import sqlite3

    from shenbao.core.store import db
    from shenbao.ui.workers import show_error

    monkeypatch.setattr(db.os, "access", lambda *_a, **_k: False)  # the tests may run as root
    folder = english.store.folder
    refusal = db._cannot_write(folder, folder / db.DB_NAME)
    assert refusal is not None and refusal.startswith(f"数据文件夹 {folder} 为只读：")
    show_error(english, db.StoreError(refusal))
    assert dialogs.texts("warning")[-1] == (
        f"The data folder {folder} is read-only: you can view and export, but not save changes. "
        "Check the folder's permissions, or choose another data folder "
        "(in the window: Settings → Data folder; on the command line: --data-dir)"
    )  # a window's user was sent to --data-dir alone
    for problem, said in (
        ("database is locked", "The database has been locked by another program for too long"),
        ("database or disk is full", "The disk is full or cannot be written"),
    ):
        err = db.known_error(sqlite3.OperationalError(problem))
        assert isinstance(err, db.StoreError)
        show_error(english, err)
        assert dialogs.texts("warning")[-1].startswith(said + ": this change was not saved")


def test_the_park_s_export_lists_the_enterprises_it_left_out_the_english_way(
    qtbot, english, tmp_path
) -> None:
    """Two stored profiles the rules now refuse are left out of the park report; the message named them
    joined with 、 in the English window."""
    from PySide6.QtWidgets import QMessageBox

    from shenbao.ui.context import AppContext
    from shenbao.ui.park_view import ParkView
    from tests.ui.conftest import tenant

    store = english.store
    broken = [tenant(i, compute_purchase_amount=2000000, compute_subsidy_year_index=1) for i in (10, 11)]
    for doc in broken:
        store.save_profile(doc)
        (ent,) = store.conn.execute(
            "SELECT id FROM enterprises WHERE uscc = ?", (doc["enterprise"]["uscc"],)
        ).fetchone()
        store.conn.execute(
            "UPDATE facts SET value = '-5' WHERE enterprise_id = ? AND key = 'compute_purchase_amount'",
            (ent,),
        )
    store.conn.commit()
    view = ParkView(AppContext(store.folder, store=store, as_of=AS_OF))
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20000):
        view.show()
    with qtbot.waitSignal(view.exported, timeout=30000):
        view.export_pdf(tmp_path / "park.pdf")
    box = view.findChild(QMessageBox, "doneMessage")
    assert box is not None
    names = [doc["enterprise"]["name"] for doc in broken]
    left = box.text().splitlines()[-1]
    assert left.endswith(f": {names[0]}, {names[1]}") or left.endswith(f": {names[1]}, {names[0]}"), left
    assert "、" not in box.text()
    box.close()


def test_the_park_view_s_status_filter_and_cell_tooltips_are_english(qtbot, english) -> None:
    """The park view's status filter listed 「可申报」「不符合」「待补充」「未生效·已失效」, and a cell's tooltip
    gave the measure's title, its status and the reasons in Chinese, in the English interface."""
    view = english.windows.park()
    assert view is not None
    qtbot.waitUntil(lambda: view.model.everyone and all(t.judged for t in view.model.everyone), timeout=20000)
    box = view.status_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All statuses",
        "Eligible",
        "Not eligible",
        "Incomplete",
        "Not in force",
    ]
    column = next(
        c
        for c in range(view.proxy.columnCount())
        if str(view.proxy.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)).startswith(
            "fj2025.ai_park_fund "
        )
    )
    tip = str(view.proxy.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
    assert tip.splitlines()[0] == "fj2025.ai_park_fund (fj2025 6)", tip
    data = user_values(english)
    tips = [
        str(view.proxy.index(row, c).data(Qt.ItemDataRole.ToolTipRole) or "")
        for row in range(view.proxy.rowCount())
        for c in range(2, view.proxy.columnCount())
    ]
    park_fund = str(view.proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole))
    assert "Special fund for provincial AI industrial parks\nNot eligible\n" in park_fund, park_fund
    assert [line for tip in tips for line in tip.splitlines() if not allowed(line, data)] == []
    view.close()


def test_the_basis_of_a_measure_of_a_news_report_names_its_part_in_english(qtbot, english) -> None:
    """The review of fj2023's measures began its basis with 「（报道「以技术创新促高质量发展」部分）」 in the
    English interface; the part is named as the page's help names it, its heading the report's own."""
    english.select_enterprise(english.store.list_enterprises()[0].uscc)
    wizard = english.open_wizard("fj2023.key_tech")
    assert wizard is not None
    wizard.go_to("review")
    basis = next(
        line for line in wizard.review.browser.toPlainText().splitlines() if line.startswith("Basis: ")
    )
    assert basis.startswith(
        "Basis: Ten measures of Fujian Province to promote the AI industry, "
        "the “以技术创新促高质量发展” part (as reported in the media): 每年实施"
    ), basis
    wizard.close()


def test_the_trace_heads_the_facts_still_needed_as_the_wizard_does(qtbot, english) -> None:
    """The trace headed its list of the facts to fill in 「Incomplete」, the status's own name, under a
    status line that already says Incomplete; the wizard heads the same list 「Still needed」."""
    assert english.select_enterprise(english.store.list_enterprises()[0].uscc)
    assert english.preview.select_measure("fj2025.vertical_model")
    lines = english.preview.trace.toPlainText().splitlines()
    assert "Still needed" in lines, lines
    assert lines[lines.index("Still needed") + 1] == "Runs an industry vertical AI model project", lines
    assert lines.count("Incomplete") == 0, lines


def test_a_page_citing_an_annex_by_its_own_title_names_its_document_in_english(qtbot, english) -> None:
    """fz2020's seven wizards cite 《关于推动人工智能企业创新发展的四条措施》, the annex of the Fuzhou plan,
    by its own title, which no document of the library has: the English page kept it in Chinese, while the
    review named the plan in English. It is named as the document it is annexed to."""
    from shenbao.ui.style import help_text

    for measure in ("fz2020.rd_equipment", "fz2020.national_key_lab"):
        (help_,) = [p.help for p in shipped_forms()[measure].pages if p.help.startswith("依据《")]
        assert help_.startswith("依据《关于推动人工智能企业创新发展的四条措施》附件第")
        shown = help_text(help_)
        assert shown.startswith(
            "Under the Fuzhou plan to speed up new-generation AI, with four measures, Annex"
        ), shown
        assert "四条措施" not in shown.partition(": ")[0]


def test_the_enterprise_lists_titles_fit_their_columns_in_english(qtbot, english) -> None:
    """「Enterprise (organisation) name」 and 「Unified social credit code」 were cut at both ends over the
    list's columns (「erprise (organisation) na」); the list's titles are short in English, each whole."""
    english.resize(1440, 900)
    english.enterprises.setMinimumWidth(560)  # wide enough for the code and the region beside the name
    qtbot.waitUntil(lambda: not english.enterprises.table.isColumnHidden(1), timeout=5000)
    table = english.enterprises.table
    header, metrics = table.horizontalHeader(), table.horizontalHeader().fontMetrics()
    shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
    assert len(shown) >= 2
    for column in shown:
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal))
        assert metrics.horizontalAdvance(title) + 8 <= header.sectionSize(column), (
            title,
            header.sectionSize(column),
        )


def test_one_enterprise_in_the_park_and_the_pipeline_and_one_invoice_are_counted_in_the_singular(
    qtbot, english
) -> None:
    """With one enterprise, the park view said 「Showing 1 of 1 enterprises」, the pipeline 「1 / 1
    enterprises」, and a total made from one invoice 「From 1 invoices」."""
    from shenbao.core import register as reg
    from tests.ui.conftest import tenant

    for row in english.store.list_enterprises():
        english.store.delete_enterprise(row.uscc)
    invoice = {"supplier": "福州某算力公司", "invoice_no": "25350000000000000001", "date": "2025-03-01"}
    doc = tenant(7, compute_invoices=[{**invoice, "amount": 250000}], compute_subsidy_year_index=1)
    english.store.save_profile(doc)
    code = doc["enterprise"]["uscc"]
    reg.generate(english.store, code, "fj2025.compute_voucher", english.folder / "f.pdf", as_of=AS_OF)
    english.reload()
    english.select_enterprise(code)
    source = english.editor._line_labels[("facts.compute_purchase_amount", "source")].text()
    assert source.startswith("From 1 invoice · "), source
    park = english.windows.park()
    qtbot.waitUntil(lambda: park.proxy.rowCount() == 1, timeout=20000)
    assert park.count_label.text() == "Showing 1 of 1 enterprise"
    park.close()
    pipeline = english.windows.pipeline()
    qtbot.waitUntil(lambda: len(pipeline.tenants) == 1, timeout=20000)
    qtbot.waitUntil(lambda: pipeline.count_label.text() == "1 / 1 enterprise", timeout=5000)
    pipeline.close()


def test_a_passphrase_dialog_s_title_starts_with_a_capital(qtbot, english, dialogs) -> None:
    """The dialogs asking for a passphrase were titled 「data passphrase」 and 「bundle passphrase」 in lower
    case, the name of the passphrase as it reads within a sentence."""
    from PySide6.QtCore import QCoreApplication

    from shenbao.ui.settings_dialog import ask_passphrase, passphrase_wrong

    data = QCoreApplication.translate("MainWindow", "数据口令")
    bundle = QCoreApplication.translate("StoreOperations", "数据包口令")
    dialogs.inputs = [("short", True), ("long-enough-1", True), ("long-enough-2", True), ("", False)]
    assert ask_passphrase(english, True, data) is None
    passphrase_wrong(english, data)
    dialogs.inputs = [("", False)]
    assert ask_passphrase(english, False, bundle) is None
    titles = [title for _kind, title, _text in dialogs.shown]
    assert titles == ["Data passphrase"] * 7 + ["Bundle passphrase"], titles
    texts = [text for _kind, _title, text in dialogs.shown]
    assert texts[0] == "Set a data passphrase (at least 8 characters):", texts
    assert texts[-1] == "Enter the bundle passphrase:", texts


def test_invoice_files_that_cannot_be_read_or_fail_a_check_are_refused_in_english(
    qtbot, english, tmp_path
) -> None:
    """File → Import invoices… in English: a damaged XML said 「Cannot read: XML 在第 1 行第 … 列中断：…」,
    an invoice without its tax 「Not added: failed a check (金额、税额或价税合计缺失); not added」, one
    with a wrong seller tax id 「…(销售方纳税人识别号 … 不符合 GB 32100…)」, and an OFD that is not one
    「Cannot read: 不是 OFD 文件（缺少 OFD.xml）」. The readers' and checks' sentences are now written
    again in English; the command line keeps the Chinese, as `shenbao read` always printed it."""
    import zipfile

    from shenbao.core.documents import read_document
    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.documents.helpers import XML_SAMPLE, xml_with
    from tests.ui.test_invoice_import import ENTERPRISE

    cut = tmp_path / "cut.xml"
    cut.write_bytes(XML_SAMPLE.read_bytes()[:300])
    no_total = tmp_path / "no-tax.xml"
    no_total.write_bytes(xml_with({"<TotalTaxAm>14.15</TotalTaxAm>": ""}))
    bad_seller = tmp_path / "bad-seller.xml"
    other = {"52320200509244470T": "52320200509244470X", "25322000000365404822": "25322000000365404823"}
    bad_seller.write_bytes(xml_with(other))
    not_ofd = tmp_path / "not.ofd"
    with zipfile.ZipFile(not_ofd, "w") as archive:
        archive.writestr("readme.txt", "hello")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    files = [cut, no_total, bad_seller, not_ofd, empty]
    dialog = InvoiceImportDialog(ENTERPRISE, files)
    qtbot.addWidget(dialog)
    table = dialog.table
    said = [table.item(row, table.columnCount() - 1).text() for row in range(table.rowCount())]
    assert said[0].startswith("Cannot read: the XML breaks off at line "), said
    assert said[1] == (
        "Not added: failed a check (the amount, the tax or the total including tax is missing); not added"
    ), said
    assert said[2].startswith("Not added: failed a check (the seller's tax id 52320200509244470X does not"), (
        said
    )
    assert said[3] == "Cannot read: not an OFD file (OFD.xml is missing)", said
    assert said[4] == "Cannot read: the file is empty", said
    assert not any(CJK.search(text) for text in said), said
    # the same files as the command line reads them: in Chinese, as before
    with pytest.raises(Exception) as caught:
        read_document(cut)
    assert (
        str(caught.value)
        == f"{cut}: XML 在第 10 行第 13 列中断：文件不完整（可能下载或复制时被截断），请重新获取原文件"
    )
    assert [c.message for c in read_document(no_total).failed] == ["金额、税额或价税合计缺失"]


def test_an_invoice_s_buyer_and_items_are_named_without_chinese_punctuation_in_english(
    qtbot, english, tmp_path
) -> None:
    """The invoice dialog named a buyer without a name as 「（无名称）（91320200796148368W）」 and the items of
    a long invoice as 「*非学历教育服务*培训费、…、… 等 4 项」 in the English window: the names are the
    invoice's own, but the brackets, the 、 and the words around them were Chinese. The command line
    keeps the Chinese."""
    from shenbao.core.documents import read_document
    from shenbao.core.documents.intake import add_invoices
    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.documents.helpers import XML_SAMPLE, xml_with
    from tests.ui.test_invoice_import import ENTERPRISE

    text = XML_SAMPLE.read_text(encoding="utf-8")
    start, end = text.index("<IssuItemInformation>"), text.index("</IssuItemInformation>")
    row = text[start : end + len("</IssuItemInformation>")]
    rows = "".join(row.replace(">235.85<", f">{a}<") for a in ("100.00", "100.00", "35.00", "0.85"))
    invoice = tmp_path / "nameless.xml"
    invoice.write_bytes(
        xml_with(
            {
                "<BuyerName>江苏苏豪天鹏农产品集团有限公司</BuyerName>": "<BuyerName></BuyerName>",
                "<BuyerIdNum>9132020013590404XW<": "<BuyerIdNum>91320200796148368W<",
                row: rows,
            }
        )
    )
    dialog = InvoiceImportDialog(ENTERPRISE, [invoice])
    qtbot.addWidget(dialog)
    said = dialog.table.item(0, dialog.table.columnCount() - 1).text()
    assert said.startswith("Not added: the buyer (no name) (91320200796148368W) is not this enterprise"), said
    dialog.allow_other_buyer.setChecked(True)
    notes = dialog.notes.text()
    assert "the buyer (no name) (91320200796148368W) is not this enterprise; added as allowed" in notes, notes
    listed = "*非学历教育服务*培训费, *非学历教育服务*培训费, *非学历教育服务*培训费 and more (4 items)"
    assert f"the items ({listed}) do not look like" in notes, notes
    assert not CJK.search(notes.replace("*非学历教育服务*培训费", "")), notes
    warnings = add_invoices(ENTERPRISE, [read_document(invoice)], allow_other_buyer=True).warnings
    assert [w.split(": ", 1)[1] for w in warnings[:2]] == [
        "购买方 （无名称）（91320200796148368W） 不是本企业，已按允许加入",
        "明细（*非学历教育服务*培训费、*非学历教育服务*培训费、*非学历教育服务*培训费 等 4 项）"
        "看起来不是算力或信息技术服务，请确认是否计入",
    ]


def test_the_licence_dialog_says_why_a_code_is_not_proposed_in_english(qtbot, english) -> None:
    """A licence photo whose credit code fails GB 32100: the English dialog's note said 「· 统一社会信用代码
    无法可靠识别（识别为 …），请照原件填写」."""
    from shenbao.ui.licence_import import LicenceDialog
    from tests.ui.test_licence_import import LICENCES, recorded_reading

    reading = recorded_reading("lic_03.jpg", spoil_code=True)
    english.new_enterprise(ask=False)
    dialog = LicenceDialog(
        reading, english.editor.text, english.editor.label, LICENCES / reading.file, english
    )
    qtbot.addWidget(dialog)
    note = dialog.notes.text()
    assert note.startswith("· the unified social credit code could not be recognised reliably (read as "), (
        note
    )
    assert note.endswith("): fill it in from the original") and not CJK.search(note), note
    assert str(reading.failed[0].message).startswith("统一社会信用代码无法可靠识别（识别为 ")


def test_the_invoice_dialog_adds_one_invoice_in_the_singular(qtbot, english) -> None:
    """One invoice file chosen: the English dialog's button said 「Add 1 invoice(s)」."""
    from PySide6.QtWidgets import QDialogButtonBox

    from shenbao.ui.invoice_import import InvoiceImportDialog
    from tests.ui.test_invoice_import import ANXIE, ANYUAN, ENTERPRISE

    one = InvoiceImportDialog(ENTERPRISE, [ANXIE])
    qtbot.addWidget(one)
    assert one.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Add 1 invoice"
    two = InvoiceImportDialog(ENTERPRISE, [ANXIE, ANYUAN])
    qtbot.addWidget(two)
    assert two.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Add 2 invoices"
