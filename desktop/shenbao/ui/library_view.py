"""The policy library: every document with its status and dates, its full text with each measure's clause
highlighted and linked to the measure, each article's 责任单位, and the draft-to-final comparison.

Everything shown comes from the catalogue (core.policies); the view decides nothing. A document's status
is `Document.status(as_of)`, so the same library read a year later shows fj2025 as 已失效 by itself.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shenbao.core.policies import (
    DOC_KIND_LABELS,
    DOCUMENT_STATUS_LABELS,
    Catalogue,
    Comparison,
    Document,
    catalogue,
)
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text
from shenbao.ui.markup import escape
from shenbao.ui.policy_models import STATUS_BADGES, DocumentTableModel, ReadOnlyTableModel
from shenbao.ui.style import (
    article_text,
    bracketed,
    change_text,
    document_note,
    document_title,
    issuer_text,
    listed,
    measure_title,
    period_text,
    policy_text,
)

ModelIndex = QModelIndex | QPersistentModelIndex
MEASURE_SCHEME = "measure"
# The list's columns of 文号 and 发文单位 (DocumentTableModel's 3 and 4): the text's heading shows both
LISTED_IN_DETAIL = (3, 4)
PERIOD_COLUMN = 2  # DocumentTableModel's 有效期

HIGHLIGHT = "#fff3b0"
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[A-Za-z]+|.", re.DOTALL)


def _is_word(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ"


def locate(text: str, clause: str) -> tuple[int, int] | None:
    """Where `clause` lies in `text`, comparing words only: the clause of a measure is the article's
    sentence, but full-width and half-width punctuation and line breaks may differ between the two."""
    positions = [i for i, ch in enumerate(text) if _is_word(ch)]
    haystack = "".join(text[i] for i in positions)
    needle = "".join(ch for ch in clause if _is_word(ch))
    if not needle:
        return None
    start = haystack.find(needle)
    if start < 0:
        return None
    end = positions[start + len(needle) - 1] + 1
    while end < len(text) and unicodedata.category(text[end])[0] == "P" and text[end] not in "（(“《":
        end += 1
    return positions[start], end


class ComparisonTableModel(ReadOnlyTableModel):
    """One row per change between the draft and the final text: topic, kind, both wordings, summary."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("ComparisonTableModel", "事项"),
        QT_TRANSLATE_NOOP("ComparisonTableModel", "征求意见稿"),
        QT_TRANSLATE_NOOP("ComparisonTableModel", "正式稿"),
        QT_TRANSLATE_NOOP("ComparisonTableModel", "变化"),
    )
    KINDS = {
        "amount": QT_TRANSLATE_NOOP("ComparisonTableModel", "金额"),
        "threshold": QT_TRANSLATE_NOOP("ComparisonTableModel", "门槛"),
        "rate": QT_TRANSLATE_NOOP("ComparisonTableModel", "比例"),
        "wording": QT_TRANSLATE_NOOP("ComparisonTableModel", "表述"),
        "added": QT_TRANSLATE_NOOP("ComparisonTableModel", "新增"),
        "removed": QT_TRANSLATE_NOOP("ComparisonTableModel", "删除"),
        "dropped": QT_TRANSLATE_NOOP("ComparisonTableModel", "删除"),
    }

    def __init__(self, comparison: Comparison | None, parent: Any = None) -> None:
        super().__init__(list(comparison.changes) if comparison else [], parent)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._rows = list(comparison.changes) if comparison else []
        self.endResetModel()

    def change(self, row: int) -> Any:
        return self._rows[row]

    def cell(self, c: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            kind = self.tr(self.KINDS[c.kind]) if c.kind in self.KINDS else c.kind
            draft = c.draft_text or self.tr("（无）")
            final = c.final_text or self.tr("（删除）")
            return (bracketed(change_text(c, "topic"), kind), draft, final, change_text(c, "summary"))[column]
        return None


def side_by_side(draft: str, final: str) -> tuple[str, str]:
    """Both wordings as HTML, what the final text dropped struck out on the left and what it added
    marked on the right. Chinese has no spaces to split words on, so a token is one character, except
    that a number (1000, 50%, 0.5) stays whole: 1000 → 500 reads as one change, not as 10 → 5."""
    left: list[str] = []
    right: list[str] = []
    a_tokens, b_tokens = _TOKEN.findall(draft), _TOKEN.findall(final)
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        a, b = escape("".join(a_tokens[a0:a1])), escape("".join(b_tokens[b0:b1]))
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(
                f'<span style="background:#fbe5e3;color:#a8322d;text-decoration:line-through">{a}</span>'
            )
        if b:
            right.append(f'<span style="background:#e3f4e8;color:#1b7f3b;font-weight:bold">{b}</span>')
    return "".join(left), "".join(right)


class DocumentTable(QTableView):
    """The list of documents. Its period column is at most as wide as a period of two dates: a longer one
    (a draft's, in English a whole sentence: "Draft for comments, not a basis for applications") wraps
    in its row, so that the title, the column that stretches, keeps its room."""

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 -- Qt's name
        hint = super().sizeHintForColumn(column)
        if column != PERIOD_COLUMN:
            return hint
        day = "2028-12-31"
        span = QCoreApplication.translate("LibraryView", "{start} 至 {end}").format(start=day, end=day)
        return min(
            hint, self.fontMetrics().horizontalAdvance(span) + 2 * self.fontMetrics().averageCharWidth()
        )


def row_table(model: QAbstractTableModel, name: str, kind: type[QTableView] = QTableView) -> QTableView:
    """A read-only table view that selects whole rows, one at a time."""
    view = kind()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    return view


class LibraryView(QWidget):
    """The documents on the left; on the right the selected document's text, and the comparison tab."""

    measureActivated = Signal(str)
    policiesChanged = Signal()  # a policy pack was installed: the library in use changed

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        cat: Catalogue | None = None,
        as_of: dt.date | None = None,
        data_folder: Any = None,
        store: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("政策库"))
        self.catalogue = cat or catalogue()
        self.as_of = as_of or dt.date.today()
        self.documents = DocumentTableModel(self.catalogue, self.as_of, self, notices=False)
        self.doc_table = self._document_table(self.documents, "documents")
        # 申报通知 under a heading of their own: they open measures for dated days, they are not law
        self.notices = DocumentTableModel(self.catalogue, self.as_of, self, notices=True)
        self.notice_table = self._document_table(self.notices, "notices")
        self.notice_heading = QLabel(f"<b>{escape(core_text(DOC_KIND_LABELS['notice']))}</b>")
        self.notice_heading.setObjectName("notice_heading")
        self.notice_heading.setBuddy(self.notice_table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.doc_table, 3)
        left_layout.addWidget(self.notice_heading)
        left_layout.addWidget(self.notice_table, 1)
        self._show_notice_list()

        self.text = QTextBrowser()
        self.text.setObjectName("document_text")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._anchor)

        self.comparison = self.catalogue.comparisons[0] if self.catalogue.comparisons else None
        self.changes = ComparisonTableModel(self.comparison, self)
        self.change_table = row_table(self.changes, "changes")
        self.change_table.setWordWrap(False)  # one line a change; the pane below shows it in full
        self.change_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.change_table.selectionModel().currentRowChanged.connect(self._change_changed)
        self.change_detail = QTextBrowser()
        self.change_detail.setObjectName("change_detail")

        compare = QWidget()
        compare_layout = QVBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        self.comparison_choice = QComboBox()  # every comparison: the shipped one and each pack's
        self.comparison_choice.setObjectName("comparison_choice")
        self.comparison_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.comparison_choice.currentIndexChanged.connect(self._comparison_chosen)
        self.comparison_heading = QLabel()
        self.comparison_heading.setWordWrap(True)
        compare_layout.addWidget(self.comparison_choice)
        compare_layout.addWidget(self.comparison_heading)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.change_table)
        splitter.addWidget(self.change_detail)
        compare_layout.addWidget(splitter)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("全文(&T)"))
        self.tabs.addTab(compare, self.tr("征求意见稿对照(&C)"))

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.tabs)
        main.setStretchFactor(1, 2)
        main.setSizes([430, 770])
        layout = QVBoxLayout(self)
        from shenbao.ui.pack_dialog import PolicyUpdateBar

        self.update_bar = PolicyUpdateBar(data_folder, store, self, self.as_of)
        self.update_bar.installed.connect(self.reload_catalogue)
        layout.addWidget(self.update_bar)
        layout.addWidget(main, 1)  # the bar above keeps to its own height
        self.setTabOrder(self.doc_table, self.notice_table)
        self.setTabOrder(self.notice_table, self.tabs)
        self.setTabOrder(self.tabs, self.text)
        self.setTabOrder(self.text, self.change_table)

        if self.documents.rowCount():
            self.doc_table.selectRow(0)
        self._list_comparisons()

    def reload_catalogue(self) -> None:
        """Show the library now in use (after a policy pack was installed)."""
        self.catalogue = catalogue()
        self.documents.set_catalogue(self.catalogue)
        self.notices.set_catalogue(self.catalogue)
        self._show_notice_list()
        if self.documents.rowCount():
            self.doc_table.selectRow(0)
        self._list_comparisons()
        self.policiesChanged.emit()

    # --- documents --------------------------------------------------------------------------------

    def _document_table(self, model: DocumentTableModel, name: str) -> QTableView:
        view = row_table(model, name, DocumentTable)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )  # a period wrapped
        for column in LISTED_IN_DETAIL:  # the text's heading names them; the title needs the room
            view.setColumnHidden(column, True)
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._picked(view, current)
        )
        return view

    def _show_notice_list(self) -> None:
        shown = self.notices.rowCount() > 0
        self.notice_heading.setVisible(shown)
        self.notice_table.setVisible(shown)

    def _picked(self, view: QTableView, current: QModelIndex) -> None:
        """A document picked in one list: the other list lets go of its selection."""
        if not current.isValid():
            return
        other = self.notice_table if view is self.doc_table else self.doc_table
        other.selectionModel().blockSignals(True)
        other.clearSelection()
        other.setCurrentIndex(QModelIndex())
        other.selectionModel().blockSignals(False)
        self._doc_changed(current, current)

    def set_as_of(self, as_of: dt.date) -> None:
        """Read the library as of another date (the app's as-of date changed): statuses and badges."""
        self.as_of = as_of
        self.documents.set_as_of(as_of)
        self.notices.set_as_of(as_of)
        self.update_bar.set_as_of(as_of)
        doc = self.current_document()
        if doc is not None:
            self.text.setHtml(self.document_html(doc))

    def current_document(self) -> Document | None:
        for view, model in ((self.doc_table, self.documents), (self.notice_table, self.notices)):
            row = view.currentIndex().row()
            if row >= 0:
                return model.document(row)
        return None

    def show_document(self, doc_id: str) -> None:
        for view, model in ((self.doc_table, self.documents), (self.notice_table, self.notices)):
            row = model.row_of(doc_id)
            if row >= 0:
                view.selectRow(row)
                self.tabs.setCurrentIndex(0)
                return

    def show_measure(self, measure_id: str) -> None:
        """Open the measure's document at its clause."""
        measure = self.catalogue.measures.get(measure_id)
        if measure is None:
            return
        self.show_document(measure.document)
        self.text.scrollToAnchor(f"m-{measure_id}")

    def _doc_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            model = current.model()
            assert isinstance(model, DocumentTableModel)
            self.text.setHtml(self.document_html(model.document(current.row())))

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == MEASURE_SCHEME:
            self.measureActivated.emit(url.path())

    def document_html(self, doc: Document) -> str:
        """The document as HTML: its facts, then each article with the measures' clauses marked."""
        e = escape
        code = doc.status_code(self.as_of)
        status = core_text(DOCUMENT_STATUS_LABELS[code])
        fg, bg = STATUS_BADGES[code]
        parts = [
            f"<h2>{e(doc.title)}</h2>"
            + (f"<p><i>{e(document_title(doc.id, ''))}</i></p>" if document_title(doc.id, "") else ""),
            f'<p><span style="color:{fg};background:{bg};font-weight:bold">&nbsp;{e(status)}&nbsp;</span>'
            f"&nbsp;{e(issuer_text(doc))}{('&nbsp;' + e(doc.number)) if doc.number else ''}</p>",
        ]
        if doc.kind == "notice":
            return self.notice_html(doc, parts)
        rows = [(self.tr("有效期"), period_text(doc))]
        if doc.issued:
            rows.insert(0, (self.tr("发布日期"), doc.issued.isoformat()))
        if doc.superseded_by:
            by = self.catalogue.documents.get(doc.superseded_by)
            when = doc.superseded_on.isoformat() if doc.superseded_on else ""
            successor = document_title(by.id, by.title) if by else doc.superseded_by
            rows.append((self.tr("替代文件"), bracketed(successor, when)))
        self._head(doc, rows, parts)
        by_article: dict[str, list[Any]] = {}
        for m in self.catalogue.measures.values():
            if m.document == doc.id:
                by_article.setdefault(m.article, []).append(m)
        in_article, responsible = (
            self.tr("本条措施："),
            self.tr("责任单位："),
        )  # outside f-strings, for lupdate
        for art in doc.articles.values():
            parts.append(f"<h3>{e(art.heading)}</h3>")
            parts.append(f"<p>{self._marked(art.text, by_article.get(art.id, []))}</p>")
            measures = by_article.get(art.id, [])
            if measures:
                links = listed(
                    f'<a href="{MEASURE_SCHEME}:{m.id}">{e(measure_title(m.id, m.title))}</a>'
                    for m in measures
                )
                parts.append(f"<p>{e(in_article)}{links}</p>")
            parts += self._notices_of(measures)
            if art.responsible:
                parts.append(f"<p style='color:#5f6368'>{e(responsible)}{e(listed(art.responsible))}</p>")
        if doc.closing:
            parts.append(f"<p>{self._paragraphs(doc.closing)}</p>")
        return "".join(parts)

    def _notices_of(self, measures: list[Any]) -> list[str]:
        """A line for each notice window that opens one of the article's measures."""
        line = self.tr("申报通知《{title}》：{measure} {days}")
        out = []
        for m in measures:
            for w in self.catalogue.notice_windows(m.id):
                notice = self.catalogue.documents[w.notice]
                days = self._span(w.opens.isoformat(), w.closes.isoformat())
                said = line.format(
                    title=document_title(notice.id, notice.title),
                    measure=measure_title(m.id, m.title),
                    days=days,
                )
                out.append(f"<p style='color:#1a5fb4'>{escape(said)}</p>")
        return out

    def notice_html(self, doc: Document, parts: list[str]) -> str:
        """A 申报通知: its facts, then each measure it opens with the window, where to submit and the
        materials it asks for."""
        e = escape
        rows = [
            (self.tr("类别"), core_text(DOC_KIND_LABELS[doc.kind])),
            (self.tr("发布日期"), doc.issued.isoformat() if doc.issued else ""),
            (self.tr("受理期"), period_text(doc)),
        ]
        if doc.in_force_from or doc.in_force_to:
            start = doc.in_force_from.isoformat() if doc.in_force_from else "…"
            end = doc.in_force_to.isoformat() if doc.in_force_to else "…"
            rows.append((self.tr("通知有效期"), self._span(start, end)))
        self._head(doc, rows, parts)
        opened = self.tr("开放申报的措施")
        checklist = self.tr("申报材料清单")
        as_form = self.tr("申报材料：按该措施申报表所列")
        parts.append(f"<h3>{e(opened)}</h3>")
        for w in doc.windows:
            measure = self.catalogue.measures.get(w.measure)
            title = e(measure_title(w.measure, measure.title)) if measure else e(w.measure)
            link = f'<a href="{MEASURE_SCHEME}:{w.measure}">{title}</a>' if measure else title
            state = (
                self.tr("受理中")
                if w.is_open(self.as_of)
                else self.tr("尚未开始")
                if w.opens > self.as_of
                else self.tr("已截止")
            )
            parts.append(f'<h4><a name="w-{e(w.measure)}"></a>{link}</h4>')
            days = self._span(w.opens.isoformat(), w.closes.isoformat())
            facts = [(self.tr("受理期"), bracketed(days, state))]
            facts += [
                (label, value)
                for label, value in (
                    (self.tr("受理地点"), w.submit_to),
                    (self.tr("咨询"), w.contact),
                    (self.tr("说明"), policy_text(w.note)),
                )
                if value
            ]
            parts.append(self._facts(facts))
            if w.materials:
                parts.append(
                    f"<p>{e(checklist)}</p><ol>"
                    + "".join(f"<li>{e(policy_text(item))}</li>" for item in w.materials)
                    + "</ol>"
                )
            else:
                parts.append(f"<p style='color:#5f6368'>{e(as_form)}</p>")
        if doc.closing:
            parts.append(f"<p>{self._paragraphs(doc.closing)}</p>")
        return "".join(parts)

    def _span(self, start: str, end: str) -> str:
        """From one day to another, both given: 「2026-12-15 至 2027-01-15」."""
        return self.tr("{start} 至 {end}").format(start=start, end=end)

    def _head(self, doc: Document, rows: list[tuple[str, str]], parts: list[str]) -> None:
        """The document's facts (`rows`, then its status note and source) and its preamble."""
        notes = (
            (self.tr("状态说明"), document_note(doc, "status_note")),
            (self.tr("来源"), document_note(doc, "source_note")),
        )
        for label, value in notes:
            if value:
                rows.append((label, value))
        parts.append(self._facts(rows))
        if doc.preamble:
            parts.append(f"<p>{self._paragraphs(doc.preamble)}</p>")

    @staticmethod
    def _facts(rows: list[tuple[str, str]]) -> str:
        e = escape
        return (
            "<table cellspacing='2'>"
            + "".join(f"<tr><td style='color:#5f6368'>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in rows)
            + "</table>"
        )

    @staticmethod
    def _paragraphs(text: str) -> str:
        return "<br>".join(escape(line) for line in text.strip().splitlines())

    def _marked(self, text: str, measures: list[Any]) -> str:
        """The article's text with each measure's clause highlighted as a link to the measure."""
        spans = []
        for m in measures:
            found = locate(text, m.clause)
            if found:
                spans.append((found[0], found[1], m))
        spans.sort(key=lambda s: s[0])
        out: list[str] = []
        pos = 0
        for start, end, m in spans:
            if start < pos:  # two measures resting on one sentence: the first one's link stands
                out.append(f'<a name="m-{m.id}"></a>')
                continue
            out.append(self._paragraphs(text[pos:start]))
            out.append(
                f'<a name="m-{m.id}"></a><a href="{MEASURE_SCHEME}:{m.id}" '
                f'style="background:{HIGHLIGHT};color:#202124;text-decoration:none" '
                f'title="{escape(m.title)}">{self._paragraphs(text[start:end])}</a>'
            )
            pos = end
        out.append(self._paragraphs(text[pos:]))
        return "".join(out)

    # --- comparison -------------------------------------------------------------------------------

    def _list_comparisons(self) -> None:
        """One entry per comparison in the library in use, the shipped one first, then each pack's."""
        choice = self.comparison_choice
        choice.blockSignals(True)
        choice.clear()
        for comparison in self.catalogue.comparisons:
            choice.addItem(self._comparison_heading(comparison))
        choice.blockSignals(False)
        choice.setVisible(choice.count() > 1)
        choice.setCurrentIndex(0 if choice.count() else -1)
        self._comparison_chosen(choice.currentIndex())

    def _comparison_chosen(self, index: int) -> None:
        comparisons = self.catalogue.comparisons
        self.comparison = comparisons[index] if 0 <= index < len(comparisons) else None
        self.comparison_heading.setText(self._comparison_heading(self.comparison))
        self.changes.set_comparison(self.comparison)
        self.change_detail.clear()
        if self.changes.rowCount():
            self.change_table.selectRow(0)

    def _comparison_heading(self, comparison: Comparison | None) -> str:
        if comparison is None:
            return self.tr("暂无征求意见稿对照。")
        docs = self.catalogue.documents
        draft = (
            document_title(comparison.draft, docs[comparison.draft].title)
            if comparison.draft in docs
            else comparison.draft
        )
        final = (
            document_title(comparison.final, docs[comparison.final].title)
            if comparison.final in docs
            else comparison.final
        )
        return self.tr("《%1》与《%2》的变化").replace("%1", draft).replace("%2", final)

    def _change_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.change_detail.clear()
            return
        c = self.changes.change(current.row())
        left, right = side_by_side(c.draft_text, c.final_text)
        e = escape
        draft_where = bracketed("", article_text(c.draft_article)) if c.draft_article else ""
        final_where = bracketed("", article_text(c.final_article)) if c.final_article else ""
        draft, final = self.tr("征求意见稿"), self.tr("正式稿")  # outside the f-strings, for lupdate
        none, removed = self.tr("（无）"), self.tr("（删除）")
        self.change_detail.setHtml(
            f"<h3>{e(change_text(c, 'topic'))}</h3><p>{e(change_text(c, 'summary'))}</p>"
            "<table width='100%' cellspacing='6'><tr>"
            f"<th align='left'>{e(draft)}{e(draft_where)}</th>"
            f"<th align='left'>{e(final)}{e(final_where)}</th></tr>"
            f"<tr><td valign='top' width='50%'>{left or e(none)}</td>"
            f"<td valign='top' width='50%'>{right or e(removed)}</td></tr></table>"
        )
