"""What every printed page shares: A4 geometry, the paragraph styles in the bundled font, a header and a
"第 X 页 共 Y 页" footer on every page, text that never loses a character, lines broken by the rules
of Chinese typesetting, and ruled tables that split between rows and repeat their header.

Imported only by the PDF renderers, so reportlab loads only when a PDF is made.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.flowables import _listWrapOn
from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.rl_config import _FUZZ

from shenbao.core import fonts

FONT = fonts.register_reportlab()
PAGE = A4
LANDSCAPE = landscape(A4)
MARGIN = 18 * mm
RED = colors.HexColor("#C00000")
GRID = colors.HexColor("#333333")
SHADE = colors.HexColor("#EDEDED")
TODO = "待补充"


def _style(
    name: str, size: float, *, leading: float | None = None, align: int = TA_LEFT, **kw: Any
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT,
        fontSize=size,
        leading=leading or size * 1.45,
        alignment=align,
        wordWrap="CJK",
        **kw,
    )


STYLES = {
    "cover_title": _style("cover_title", 22, leading=32, align=TA_CENTER, spaceAfter=10 * mm),
    "cover": _style("cover", 13, leading=20),
    # A heading never sits alone at the foot of a page: it keeps with what follows it.
    "h1": _style("h1", 14, leading=20, spaceBefore=5 * mm, spaceAfter=3 * mm, keepWithNext=1),
    "h2": _style("h2", 11.5, leading=16, spaceBefore=3 * mm, spaceAfter=1.5 * mm, keepWithNext=1),
    "body": _style("body", 10.5, leading=16),
    "cell": _style("cell", 9.5, leading=13),
    "cell_head": _style("cell_head", 9.5, leading=13, align=TA_CENTER),
    "small": _style("small", 8, leading=11),
    "note": _style("note", 9, leading=13, textColor=colors.HexColor("#444444")),
    "centre": _style("centre", 10.5, leading=16, align=TA_CENTER),
    "right": _style("right", 10.5, leading=16, align=TA_RIGHT),
    "cell_num": _style("cell_num", 9.5, leading=13, align=TA_RIGHT),
}


# --- line breaking --------------------------------------------------------------------------------

# GB/T 15834's rules for the ends of lines (行首行尾禁则): the first half of a bracket, quote or title mark
# never ends a line; its second half, a stop, comma, 顿号, semicolon, colon, question or exclamation
# mark never begins one (nor a 连接号 such as the — of 2024—2026年, a 间隔号 or a percent sign); an
# ellipsis or a dash is never cut in two.
NOT_AT_END = frozenset("（「『《〈【〔［｛“‘([{")
NOT_AT_START = frozenset("）」』》〉】〕］｝”’，。、；：！？…‥·・—–－～%％‰)]},.;:!?")
UNCUT = frozenset("…—")
# A number with its unit and a date written out in Chinese stay on one line (100万元, 2026年3月10日).
GLUED = re.compile(r"\d+年\d+月(?:\d+日)?|\d+月\d+日|\d[\d,.]*(?:万元|亿元|元|万|亿|年|%|％|‰)")
BREAK = "\ufffc"  # stands for a <br/> in the text being broken (where, `line_spans` is told)
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _in_word(ch: str) -> bool:
    """A letter, digit or sign of Latin text: a run of them (a word, 1,000,000.00, 2026-03-10, a code)
    breaks only where nothing else can."""
    return ch < "\u2000" and not ch.isspace()


def _widths(text: str, font: str, size: float) -> list[float]:
    known = _WIDTHS.setdefault((font, size), {})
    out = []
    for ch in text:
        width = known.get(ch)
        if width is None:
            width = known[ch] = pdfmetrics.stringWidth(ch, font, size)
        out.append(width)
    return out


@functools.lru_cache(maxsize=1024)
def break_points(text: str) -> tuple[bytes, bytes]:
    """For each k, whether a line may end between text[k-1] and text[k] (1 or 0): by every rule, and by
    the punctuation rules alone (for a word or number wider than its line). A table wraps each of its
    cells several times: each text is read once (and kept in a byte a character, a few MB at most)."""
    n = len(text)
    marks = bytearray(b"\x01" * (n + 1))
    best = bytearray(b"\x01" * (n + 1))
    for k in range(1, n):
        before, after = text[k - 1], text[k]
        if before in NOT_AT_END or after in NOT_AT_START or (before == after and before in UNCUT):
            marks[k] = best[k] = 0
        elif _in_word(before) and _in_word(after):
            best[k] = 0
    for found in GLUED.finditer(text):
        for k in range(found.start() + 1, found.end()):
            best[k] = 0
    return bytes(best), bytes(marks)


def line_spans(
    text: str, widths: Sequence[float], max_widths: Sequence[float], breaks: frozenset[int] = frozenset()
) -> list[tuple[int, int, int]]:
    """Where each line of `text` begins, where its printed part ends, and where it ends: the spaces
    where a line breaks stay in its text (a paragraph split over two pages is joined again from it)
    but take no room. A line ends at the last place that fits and breaks no rule, else (a number or word
    wider than the line) at the last place that keeps the punctuation rules, else where the line is
    full; after each of `breaks` (the places of a <br/>, never a character of the text) always."""
    best, marks = break_points(text)
    n = len(text)
    spans: list[tuple[int, int, int]] = []
    start = 0
    while start < n:
        room = max_widths[min(len(spans), len(max_widths) - 1)] + _FUZZ
        used, end = 0.0, start
        while end < n and end not in breaks:
            used += widths[end]
            if used > room and end > start and not text[end].isspace():
                break
            end += 1
        if end in breaks:
            spans.append((start, end + 1, end + 1))
            start = end + 1
            continue
        cut = end
        if end < n:
            cut = next((k for k in range(end, start, -1) if best[k]), 0)
            cut = cut or next((k for k in range(end, start, -1) if marks[k]), end)
        stop = cut
        while stop > start + 1 and text[stop - 1].isspace():
            stop -= 1
        while cut < n and text[cut].isspace():
            cut += 1
        spans.append((start, stop, cut))
        start = cut
    return spans


class Paragraph(_Paragraph):
    """reportlab's Paragraph, its lines broken by `line_spans`: every paragraph the app prints.

    reportlab's CJK wrapping ends a line after the last character that fits, whatever it is, and hangs
    only a closing mark that would begin the next line over the margin (past a table cell's rule): a
    line could end 「元（」 over 「含）」, begin with 」 or ，, or cut 2026年3月 from 10日."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 (reportlab's names)
        frags = self.frags
        split = hasattr(self, "blPara") and getattr(self, "_splitpara", False)  # a first part keeps its lines
        if split or not frags or self.bulletText or any(hasattr(f, "cbDefn") for f in frags):
            return super().breakLinesCJK(maxWidths)
        max_widths = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        parts: list[tuple[Any, int, int]] = []  # each frag with where its text lies in `text`
        texts: list[str] = []
        widths: list[float] = []
        breaks: set[int] = set()
        at = 0
        for f in frags:
            if hasattr(f, "lineBreak"):
                texts.append(BREAK)
                widths.append(0.0)
                breaks.add(at)
                parts.append((f, at, at + 1))
                at += 1
                continue
            # the rest of a paragraph split over two pages comes as the words of its lines
            piece = getattr(f, "text", None) or "".join(getattr(f, "words", ()))
            if piece:
                texts.append(piece)
                widths += _widths(piece, f.fontName, f.fontSize)
                parts.append((f, at, at + len(piece)))
                at += len(piece)
        text = "".join(texts)
        spans = line_spans(text, widths, max_widths, frozenset(breaks))
        if len(parts) == 1 and not breaks:
            f = parts[0][0]
            lines = []
            for i, (a, b, c) in enumerate(spans):
                room = max_widths[min(i, len(max_widths) - 1)]
                lines.append((room - sum(widths[a:b]), [text[a:c]]))
            return f.clone(kind=0, lines=lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)
        out = []
        for i, (a, b, c) in enumerate(spans):
            room = max_widths[min(i, len(max_widths) - 1)]
            words, size, ascent, descent = [], 0.0, 0.0, 0.0
            for f, p, q in parts:
                if q <= a or p >= c:
                    continue
                words.append(f.clone(text="" if hasattr(f, "lineBreak") else text[max(a, p) : min(c, q)]))
                up, down = pdfmetrics.getAscentDescent(f.fontName, f.fontSize)
                size, ascent, descent = max(size, f.fontSize), max(ascent, up), min(descent, down)
            used = sum(widths[a:b])
            out.append(
                FragLine(
                    kind=1,
                    extraSpace=room - used,
                    wordCount=1,
                    words=words,
                    fontSize=size,
                    ascent=ascent,
                    descent=descent,
                    maxWidth=room,
                    currentWidth=used,
                    lineBreak=b - 1 in breaks,
                )
            )
        return ParaLines(kind=1, lines=out)


class Text:
    """Turns plain text into safe Paragraph markup, marking characters the font lacks.

    A missing character becomes a red SUBSTITUTE and is remembered with where it was met, so the
    renderer can print a footnote and return a warning: nothing is ever dropped silently.
    """

    def __init__(self) -> None:
        self.missing: list[fonts.Missing] = []

    def __call__(self, value: Any, where: str = "") -> str:
        raw = "" if value is None else str(value)
        clean, lacking = fonts.substitute(raw)
        for ch in lacking:  # each field where a character is met is named, not only the first
            found = fonts.Missing(ch, where or "申报书")
            if found not in self.missing:
                self.missing.append(found)
        out = escape(clean).replace("\n", "<br/>")
        if lacking:
            out = out.replace(fonts.SUBSTITUTE, f'<font color="#C00000">{fonts.SUBSTITUTE}</font>')
        return out

    def para(self, value: Any, style: str = "body", where: str = "") -> Paragraph:
        return Paragraph(self(value, where), STYLES[style])

    def warnings(self) -> list[str]:
        return [m.message() for m in self.missing]


def todo(style: str = "cell") -> Paragraph:
    return Paragraph(f'<font color="#C00000">{TODO}</font>', STYLES[style])


# --- numbers ---------------------------------------------------------------------------------------


CELL_PADDING = 12  # a table cell's left and right padding together (reportlab's 6 pt each)


def unbroken(text: str, width: float, style: str = "cell") -> Paragraph:
    """A code or number (a 20-digit 数电发票号码, a 身份证号) in one line, never broken mid-number: the
    font shrinks until it fits the column less its padding (it measured 7 pt of the 12, and a figure
    that fitted the 7 was cut before its last digit), down to 6 pt."""
    base = STYLES[style]
    size = base.fontSize
    while size > 6 and pdfmetrics.stringWidth(text, FONT, size) > width - CELL_PADDING:
        size -= 0.25
    fitted = ParagraphStyle(f"{style}_unbroken", parent=base, fontSize=size, leading=max(size * 1.3, 8))
    return Paragraph(escape(text), fitted)


def label_width(labels: Sequence[str], least: float = 32 * mm, most: float = 46 * mm) -> float:
    """The width of a column of labels: the longest on one line (上年度营业收入（元）, which at 32 mm
    broke before its closing bracket), between `least` and `most` (a longer label wraps, before its
    （元） rather than inside it). `most` holds 上年度研发经费支出（元） whole, and leaves its value column
    room for an 18-character code."""
    style = STYLES["cell"]
    longest = max((pdfmetrics.stringWidth(label, FONT, style.fontSize) for label in labels), default=0)
    return max(least, min(most, longest + CELL_PADDING + 1))


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- tables ----------------------------------------------------------------------------------------


# The least height of a row's piece at the foot of a page when a row is split over two pages (reportlab
# reads splitInRow as that height in points): one line of cell text and the cell's paddings (3 + 4 pt),
# and the half of the paddings a middle-aligned cell sets above its text. Less room than that held no
# line of the row, and the page ended with the table's header repeated over an empty piece of the row.
ROW_PART = 13 + 3 + 4 + 4


def ruled_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    shade_cols: Sequence[int] = (),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    extra: Sequence[tuple[Any, ...]] = (),
    row_heights: Sequence[float] | None = None,
) -> Table:
    """A fully ruled table that splits between rows and repeats its `header_rows` on every page."""
    table = Table(
        list(rows),
        colWidths=list(widths),
        rowHeights=row_heights,
        repeatRows=header_rows,
        splitByRow=1,
        splitInRow=ROW_PART,
    )
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("BOX", (0, 0), (-1, -1), 1.1, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    for col in shade_cols:
        style.append(("BACKGROUND", (col, 0), (col, -1), SHADE))
    for start, end in spans:
        style.append(("SPAN", start, end))
    style.extend(extra)
    table.setStyle(TableStyle(style))
    return table


class KeepHeadings(KeepTogether):
    """Headings kept with what follows them (a style's keepWithNext). reportlab moves the whole group to
    the next page when it does not fit where it stands, which for a long table left most of a page blank
    (20 invoices after 一、申报单位基本情况: page 2 two-thirds empty, the list from page 3). A table of at
    least twice `rows` rows begins under its headings when they, its header and `rows` rows fit, and
    continues on the next page under its repeated header; a shorter one still moves whole."""

    rows = 3

    def split(self, aW: float, aH: float) -> list[Any]:
        *heads, last = self._content
        if isinstance(last, Table) and heads:
            _w, above = _listWrapOn(heads, aW, self.canv)
            last.wrap(aW, aH)
            heights = last._rowHeights
            body = len(heights) - last.repeatRows
            need = sum(heights[: last.repeatRows + self.rows])
            if body >= 2 * self.rows and above + need <= aH:
                return list(self._content)
        return list(super().split(aW, aH))


# --- header and footer ---------------------------------------------------------------------------

HEADER_SIZE = 8.5
HEADER_GAP = 6 * mm  # between the running header's left and right texts


def fit_left(left: str, right: str, width: float, size: float = HEADER_SIZE) -> str:
    """`left` shortened with an ellipsis so that it and `right` share one line of `width` with a gap:
    a long enterprise name in the running header would run into the title and past the margin (the
    cover and the first table print it whole)."""
    room = width - pdfmetrics.stringWidth(right, FONT, size) - HEADER_GAP
    if pdfmetrics.stringWidth(left, FONT, size) <= room:
        return left
    while left and pdfmetrics.stringWidth(left + "…", FONT, size) > room:
        left = left[:-1]
    return left + "…" if left else ""


def numbered_canvas(header_left: str, header_right: str, footer_left: str = "") -> Callable[..., Any]:
    """A canvas class that draws the header and "第 X 页 共 Y 页" once the page count is known.

    Pages are kept until save(), then each is drawn with the total (the usual two-pass-free recipe).
    The cover (page 1) gets the footer but no header.
    """
    header_left, _ = fonts.substitute(header_left)
    header_right, _ = fonts.substitute(header_right)
    footer_left, _ = fonts.substitute(footer_left)

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("pageCompression", 1)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT  # else unembedded Helvetica
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(FONT, HEADER_SIZE)
            self.setFillColor(colors.HexColor("#555555"))
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.5)
            if self._pageNumber > 1:
                top = height - MARGIN + 5 * mm
                self.drawString(MARGIN, top, fit_left(header_left, header_right, width - 2 * MARGIN))
                self.drawRightString(width - MARGIN, top, header_right)
                self.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
            bottom = MARGIN - 9 * mm
            self.line(MARGIN, bottom + 4 * mm, width - MARGIN, bottom + 4 * mm)
            if footer_left:
                self.drawString(MARGIN, bottom, footer_left)
            self.drawRightString(width - MARGIN, bottom, f"第 {self._pageNumber} 页 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


# --- QR code ---------------------------------------------------------------------------------------


class QrCode(Flowable):
    """A QR code drawn straight onto the canvas, one filled path of module runs.

    reportlab's own encoder makes the matrix; its QrCodeWidget would encode twice and build thousands of
    validated shapes (half of a form's render time). Every mask pattern is a valid code, so a fixed one
    replaces the search for the "best" mask, which costs as much as the rest of the encoding.
    """

    def __init__(self, payload: str, size: float, *, border: int = 2) -> None:
        super().__init__()
        from reportlab.graphics.barcode import qrencoder

        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(payload)
        qr.version = qr.calculate_version()
        qr.makeImpl(False, 0)
        self.modules: list[list[bool]] = qr.modules
        self.payload, self.size, self.border = payload, size, border

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * self.border)
        path = self.canv.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + 1 + self.border) * box
            c = 0
            while c < count:
                if row[c]:
                    start = c
                    while c < count and row[c]:
                        c += 1
                    path.rect((start + self.border) * box, y, (c - start) * box, box)
                else:
                    c += 1
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
