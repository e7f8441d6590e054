"""The park report: for a park operator, every tenant against every measure it can apply for, with totals
per measure and per tenant and a bar chart of the amounts by measure.

Amounts are the previews' own (eligible results with a sum), written by shenbao.core.money; nothing is
recomputed. A tenant's total is its preview's: each stacking group once, the rest named for confirmation. A
measure with no sum in its text (按规定) totals as how many can apply, never as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, SimpleDocTemplate, Spacer

from shenbao.core import fonts, money
from shenbao.core.model import Profile
from shenbao.core.pdf.layout import (
    FONT,
    LANDSCAPE,
    MARGIN,
    STYLES,
    KeepHeadings,
    Paragraph,
    Text,
    cn_date,
    numbered_canvas,
    ruled_table,
)

WIDTH = LANDSCAPE[0] - 2 * MARGIN
COLUMNS_PER_TABLE = 12
NOTHING = "没有企业可申报的措施"
FIGURE_SIZE = 7.5  # the matrix's figures, in points
LEAST_FIGURE_SIZE = 6
NAME_WIDTH = 62 * mm  # the matrix's 企业名称, narrowed down to LEAST_NAME_WIDTH to make room for figures
LEAST_NAME_WIDTH = 40 * mm


FIGURE_PADDING = 3  # each side of a figure, in points (a text cell has 6): 13 columns of figures


def _text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size) + 2 * FIGURE_PADDING + 1


def _fitting_size(text: str, width: float) -> float:
    """The figure's size in points: the matrix's, or smaller (down to 6) to keep it inside `width`."""
    size = FIGURE_SIZE
    while size > LEAST_FIGURE_SIZE and _text_width(text, size) > width:
        size -= 0.25
    return size


def _figure_widths(columns: Sequence[Sequence[str]]) -> tuple[float, list[float]]:
    """The 企业名称 column's width and each figure column's. Equal columns when the widest figure fits
    one; else each column as wide as its widest figure and the room left shared out, the names narrowed
    if need be: a park of 300 tenants has totals like 144,657.5 万元, which in an equal share of 12
    measures ran over the rule into the next column."""
    needs = [max((_text_width(t, FIGURE_SIZE) for t in column), default=0) for column in columns]
    rest = WIDTH - 10 * mm - NAME_WIDTH
    n = max(len(columns), 1)
    if max(needs, default=0) <= rest / n:
        return NAME_WIDTH, [rest / n] * len(columns)
    name_w = max(LEAST_NAME_WIDTH, min(NAME_WIDTH, WIDTH - 10 * mm - sum(needs)))
    room = WIDTH - 10 * mm - name_w
    spare = room - sum(needs)
    if spare >= 0:
        return name_w, [need + spare / n for need in needs]
    return name_w, [need * room / sum(needs) for need in needs]  # each figure then set smaller to fit


def _amount(result: Any) -> Decimal | None:
    if result.status == "eligible" and result.amount is not None:
        return Decimal(result.amount)
    return None


def _cell(result: Any) -> str:
    amount = _amount(result)
    if amount is not None:
        return money.amount(amount)
    if result.status == "eligible":
        return "按规定" if result.amount_kind == "unspecified" else "非资金"
    if result.status == "incomplete":
        return "待补充"
    return ""


class ParkReport:
    def __init__(self, entries: Sequence[tuple[Profile, Any]]) -> None:
        self.entries = list(entries)
        self.text = Text()
        order: dict[str, Any] = {}
        for _, pv in self.entries:
            for r in pv.results:
                order.setdefault(r.measure, r)
        # measures someone can apply for, in catalogue order
        self.measures = [
            m for m, r in order.items() if any(pv.result(m).status == "eligible" for _, pv in self.entries)
        ]
        self.titles = {m: order[m].title for m in self.measures}
        self.codes = {m: f"M{i}" for i, m in enumerate(self.measures, start=1)}
        self.per_measure = {
            m: sum((_amount(pv.result(m)) or Decimal(0) for _, pv in self.entries), Decimal(0))
            for m in self.measures
        }
        self.totals = [pv.totals() for _, pv in self.entries]
        self.per_tenant = [t.counted for t in self.totals]
        self.to_confirm = sum((t.to_confirm for t in self.totals), Decimal(0))
        self.closed = sum((t.closed for t in self.totals), Decimal(0))
        self.summed = {
            m: any(_amount(pv.result(m)) is not None for _, pv in self.entries) for m in self.measures
        }
        self.applicants = {
            m: sum(1 for _, pv in self.entries if pv.result(m).status == "eligible") for m in self.measures
        }
        # each measure's column marked as its cells are (see `marks`), once for the tables and the chart
        set_aside = {m for t in self.totals for m in t.set_aside}
        closed = {m for t in self.totals for m in t.closed_measures}
        self.marked = {
            m: ("＊" if m in set_aside else "") + ("†" if m in closed else "") for m in self.measures
        }

    def story(self, title: str) -> list[Any]:
        t = self.text
        dates = sorted({pv.as_of for _, pv in self.entries})
        when = cn_date(dates[0]) if len(dates) == 1 else f"{cn_date(dates[0])}至{cn_date(dates[-1])}"
        versions = sorted({pv.policy_version for _, pv in self.entries})
        total = sum(self.per_tenant, Decimal(0))
        out: list[Any] = [
            t.para(title, "cover_title"),
            t.para(
                f"企业数：{len(self.entries)}；可申报措施：{len(self.measures)} 项；测算日期：{when}；"
                f"政策数据版本：{'、'.join(versions)}",
                "body",
            ),
            t.para(
                f"可申报金额合计：{money.amount(total)}"
                + (
                    f"；另有 {money.amount(self.to_confirm)}需向主管部门确认能否叠加（同一笔费用的省级、"
                    "市级补助，每家只计较高的一项，标＊）"
                    if self.to_confirm
                    else ""
                )
                + (
                    f"；另有 {money.amount(self.closed)}的措施已无受理期，不计入合计（标†）"
                    if self.closed
                    else ""
                )
                + "（各项为测算上限或定额，须经申报和审核，最终金额以主管部门审核为准）",
                "body",
            ),
            Spacer(1, 3 * mm),
            t.para("一、措施汇总", "h1"),
            self.legend() if self.measures else t.para(f"{NOTHING}。", "body"),
            CondPageBreak(60 * mm),
            t.para("二、企业 × 措施", "h1"),
        ]
        for start in range(0, max(len(self.measures), 1), COLUMNS_PER_TABLE):
            chunk = self.measures[start : start + COLUMNS_PER_TABLE]
            out.append(self.matrix(chunk, last=start + COLUMNS_PER_TABLE >= len(self.measures)))
            out.append(Spacer(1, 4 * mm))
        if any(self.summed.values()):
            out.append(CondPageBreak(120 * mm))
            out.append(t.para("三、各措施可申报金额（万元；文件未载明金额的措施不列）", "h1"))
            out.append(self.chart())
        else:  # a chart of no bars drew one 「—」 at 0 on an axis to 0.01 万元, a page of its own
            out.append(t.para("三、各措施可申报金额", "h1"))
            out.append(t.para(f"{NOTHING if not self.measures else '没有载明金额的可申报措施'}。", "body"))
        out.append(
            t.para(
                "“待补充”：档案尚缺该措施所需信息；“按规定”：文件未载明金额；“非资金”：非资金支持；"
                "空白：不符合条件或测算日不在政策有效期内。"
                + ("“＊”：需向主管部门确认能否叠加，不计入合计。" if self.to_confirm else "")
                + ("“†”：已无受理期，不计入合计。" if self.closed else "")
                + ("合计后的标记表示其中有此类金额。" if self.to_confirm or self.closed else ""),
                "note",
            )
        )
        return out

    def legend(self) -> Any:
        t = self.text
        head = [
            Paragraph(x, STYLES["cell_head"]) for x in ("代码", "措施", "依据文件", "可申报企业数", "合计")
        ]
        rows: list[list[Any]] = [head]
        for m in self.measures:
            r = next(pv.result(m) for _, pv in self.entries)
            rows.append(
                [
                    Paragraph(self.codes[m], STYLES["cell_head"]),
                    t.para(f"{self.titles[m]}（{m}）", "cell"),
                    t.para(r.document_title, "cell"),
                    Paragraph(str(self.applicants[m]), STYLES["cell_head"]),
                    Paragraph(self.measure_total(m, long=True) + self.column_marks(m), STYLES["cell_head"]),
                ]
            )
        return ruled_table(rows, [16 * mm, WIDTH * 0.40, WIDTH * 0.60 - 96 * mm, 28 * mm, 52 * mm])

    def measure_total(self, measure: str, *, long: bool = False) -> str:
        """A measure's total: its sum, or for a measure without one how many can apply."""
        if self.summed[measure]:
            return money.amount(self.per_measure[measure])
        non_monetary = next(pv.result(measure).amount_kind for _, pv in self.entries) == "non_monetary"
        if long:
            return f"{self.applicants[measure]} 家可申报，" + ("非资金支持" if non_monetary else "金额按规定")
        return "非资金" if non_monetary else "按规定"

    def marks(self, tenant: int, measure: str) -> str:
        """＊ after a tenant's sum its total leaves to confirm (the smaller of one expense's provincial and
        city subsidies), † after one with no application window left: the cells the total does not count."""
        totals = self.totals[tenant]
        return ("＊" if measure in totals.set_aside else "") + (
            "†" if measure in totals.closed_measures else ""
        )

    def column_marks(self, measure: str) -> str:
        """A measure's column total marked as its cells are: it adds them in full, marked ones too."""
        return self.marked.get(measure, "")

    def matrix(self, chunk: Sequence[str], *, last: bool) -> Any:
        t = self.text
        head = [Paragraph("序号", STYLES["cell_head"]), Paragraph("企业名称", STYLES["cell_head"])]
        head += [Paragraph(self.codes[m], STYLES["cell_head"]) for m in chunk]
        if last:
            head.append(Paragraph("合计", STYLES["cell_head"]))
        rows: list[list[Any]] = [head]
        for i, (profile, pv) in enumerate(self.entries, start=1):
            row: list[Any] = [str(i), t.para(profile.name, "small", f"第 {i} 家企业名称")]
            row += [_cell(pv.result(m)) + self.marks(i - 1, m) for m in chunk]
            if last:
                row.append(
                    money.amount(self.per_tenant[i - 1])
                    + ("＊" if self.totals[i - 1].to_confirm else "")
                    + ("†" if self.totals[i - 1].closed else "")
                )
            rows.append(row)
        totals: list[Any] = ["", Paragraph("合计", STYLES["cell_head"])]
        totals += [self.measure_total(m) + self.column_marks(m) for m in chunk]
        if last:  # marked as the rows are: the columns add in full what it counts once
            totals.append(
                money.amount(sum(self.per_tenant, Decimal(0)))
                + ("＊" if self.to_confirm else "")
                + ("†" if self.closed else "")
            )
        rows.append(totals)
        name_w, widths = _figure_widths([[row[c] for row in rows[1:]] for c in range(2, len(head))])
        extra: list[tuple[Any, ...]] = [
            ("FONTSIZE", (0, 1), (-1, -1), FIGURE_SIZE),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("LEFTPADDING", (2, 0), (-1, -1), FIGURE_PADDING),
            ("RIGHTPADDING", (2, 0), (-1, -1), FIGURE_PADDING),
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EDEDED")),
        ]
        for c, width in enumerate(widths, start=2):  # a figure still too wide is set smaller, never over
            for r, text in enumerate(row[c] for row in rows[1:]):
                size = _fitting_size(text, width)
                if size < FIGURE_SIZE:
                    extra.append(("FONTSIZE", (c, r + 1), (c, r + 1), size))
        return ruled_table(rows, [10 * mm, name_w, *widths], extra=extra)

    def chart(self) -> Drawing:
        measures = [m for m in reversed(self.measures) if self.summed[m]] or ["—"]
        sums = [self.per_measure.get(m, Decimal(0)) for m in measures]
        values = [float(s / money.TEN_THOUSAND) for s in sums]  # bar lengths only: the labels are money's
        bar_h = 7 * mm if len(measures) < 14 else 4.5 * mm
        height = max(len(measures) * bar_h + 25 * mm, 50 * mm)
        drawing = Drawing(WIDTH, height)
        drawing.initialFontName = FONT  # the renderer's default would add an unembedded Helvetica
        chart = HorizontalBarChart()
        chart.x, chart.y = 85 * mm, 12 * mm
        chart.width, chart.height = WIDTH - 110 * mm, height - 20 * mm
        chart.data = [values]
        chart.bars[0].fillColor = colors.HexColor("#2F5597")
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.labels.fontSize = 8
        chart.valueAxis.labelTextFormat = _axis_figure  # 1,200 as the bars and tables write it, not 1200
        chart.categoryAxis.categoryNames = [
            f"{self.codes.get(m, '')} {fonts.substitute(self.titles.get(m, m))[0]}"[:26] for m in measures
        ]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 8
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.barLabelFormat = "values"
        chart.barLabelArray = [
            [money.wan(s) + self.column_marks(m) for m, s in zip(measures, sums, strict=True)]
        ]
        chart.barLabels.fontName = FONT
        chart.barLabels.fontSize = 7
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 2
        drawing.add(chart)
        drawing.add(
            String(chart.x + chart.width, 3 * mm, "万元", fontName=FONT, fontSize=8, textAnchor="end")
        )
        return drawing


def _axis_figure(value: float) -> str:
    """A tick of the chart's axis in 万元, grouped as the sums beside it are (1,200; 12.5; 0)."""
    return money.yuan_short(Decimal(repr(value)))


def build_report(
    entries: Sequence[tuple[Profile, Any]],
    buffer: BinaryIO,
    *,
    title: str,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, list[str]]:
    """Write the park report of `entries` to `buffer`; return (pages, warnings). `progress(page)` as each
    page begins (it may raise to stop)."""
    report = ParkReport(entries)
    story = report.story(title)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LANDSCAPE,
        keepTogetherClass=KeepHeadings,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        creator="shenbao 申报助手",
    )
    if progress is not None:
        step = progress
        doc.setProgressCallBack(lambda kind, value: step(value) if kind == "PAGE" else None)
    doc.build(story, canvasmaker=numbered_canvas(title, f"{len(report.entries)} 家企业"))
    return doc.page, report.text.warnings()
