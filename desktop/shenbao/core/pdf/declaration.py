"""The filled 申报书 of one measure: cover, 一 basic facts, 二 the answers, 三 basis and amount,
四 materials, 五 commitment — laid out as a Chinese government form, ready to sign and seal.

Everything printed comes from the profile, the measure's forms/ definition and the preview's Result:
the amount, the formula and the conditions are the engine's own text, never recomputed here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table

from shenbao.core import fieldkinds
from shenbao.core.forms import Field, Form
from shenbao.core.model import (
    COLUMN_LABELS,
    DETAIL_COLUMNS,
    DETAIL_DERIVES,
    FACT_FIELDS,
    RECOGNITION_KINDS,
    Profile,
    label_of,
)
from shenbao.core.money import capital, yuan, yuan_and_wan
from shenbao.core.pdf.layout import (
    FONT,
    MARGIN,
    PAGE,
    SHADE,
    STYLES,
    TODO,
    Paragraph,
    QrCode,
    Text,
    cn_date,
    label_width,
    ruled_table,
    todo,
    unbroken,
)

WIDTH = PAGE[0] - 2 * MARGIN
KIND_TEXT = {"fixed": "定额", "upto": "最高", "estimate": "估算"}
# The boxes a form prints 待补充 that are not a field's (Declaration.wanting names those by the field's
# label), for the window to name them in its language.
BOXES = {"amount": "申报金额", "conditions": "申报条件"}
SECTION_TITLES = {
    "basic": "申报单位基本情况",
    "content": "申报内容",
    "calculation": "测算依据与金额",
    "materials": "申报材料清单",
    "commitment": "承诺书",
}
CN_NUMBERS = "一二三四五六七八九十"
MASKS = ("partial", "full", "none")
# Columns holding a code or a number that must never break mid-way (a 20-digit 数电发票号码, a 身份证号;
# an amount and the total below it too).
UNBROKEN = ("invoice_no", "id_number", "date")
BLANK_DATE = "________年____月____日"


def mask_id(number: str, mode: str) -> str:
    """An ID number as printed: "partial" as the screen masks it (`mask_id_number`: a 身份证号's region and
    last 4, two at each end of another document's number), "full" hides every character."""
    if mode == "none" or not number:
        return number
    if mode == "full":
        return "*" * len(number)
    from shenbao.core.store.secrets import mask_id_number

    return mask_id_number(number)


def article_text(result: Any) -> str:
    article = result.article
    if article and set(article) <= set(CN_NUMBERS):
        return f"第{article}条"
    if result.document_kind == "news_report":
        return f"“{article}”部分（据媒体报道）"
    return article.replace("(", "（").replace(")", "）").replace("附件", "附件第") + (
        "条" if article.startswith("附件") else ""
    )


def amount_text(result: Any) -> str:
    """The amount line as printed on the cover and in 三: 元, 万元 and what kind of sum it is."""
    if result.amount is not None:
        kind = KIND_TEXT.get(result.amount_kind, "")
        prefix = f"{kind} " if kind else ""
        return f"{prefix}{yuan_and_wan(result.amount)}"
    if result.status == "incomplete":
        return TODO
    if result.amount_kind == "non_monetary":
        return "非资金支持"
    return "按规定（文件未载明具体金额，以主管部门核定为准）"


def fonts_lack(text: str) -> bool:
    """Whether the font lacks a character of `text` (then Text marks it, and the footnote names it)."""
    from shenbao.core import fonts

    return bool(fonts.missing_chars(text))


class Declaration:
    """Builds the flowables of one 申报书; `story()` returns them, `text.warnings()` what was marked."""

    def __init__(
        self,
        profile: Profile,
        result: Any,
        form: Form,
        *,
        as_of: dt.date,
        policy_version: str,
        digest: str,
        qr_payload: str,
        mask: str = "partial",
        declared_on: dt.date | None = None,
        office: str = "",
        materials: tuple[str, ...] | None = None,
    ) -> None:
        if mask not in MASKS:
            raise ValueError(f"mask must be one of {MASKS}")
        self.profile, self.result, self.form = profile, result, form
        # 申报日期 and 受理部门 are the applicant's to give: printed when given, else left blank to write in.
        self.declared_on, self.office = declared_on, office
        self.as_of, self.policy_version = as_of, policy_version
        self.digest, self.qr_payload, self.mask = digest, qr_payload, mask
        self.text = Text()
        self.missing = set(result.missing)
        self.wanting: list[str] = []  # where a box is printed 待补充, each once
        # the 申报材料清单: a notice's own list when one opens the measure, else the form's
        self.materials_list = tuple(form.materials) if materials is None else materials

    # --- values ------------------------------------------------------------------------------------

    def todo(self, where: str, style: str = "cell") -> Paragraph:
        """A box printed 待补充, remembered: a form eligible on the facts may still want a 统一社会信用代码,
        a required field or a list's rows, and whoever made it is told so."""
        if where not in self.wanting:
            self.wanting.append(where)
        return todo(style)

    def value_of(self, f: Field) -> Any:
        if f.kind == "recognition":
            dates = [d for kind, d in self.profile.recognitions if kind == f.recognition]
            return max(dates) if dates else None
        source = self.profile.enterprise if f.section == "enterprise" else self.profile.facts
        return source.get(f.name)

    def show(self, f: Field, value: Any) -> str:
        """A field's value as printed: a form's own choice by its label, a value of a registry kind as
        core.fieldkinds prints it, a recognition by its date."""
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return fieldkinds.printed("bool", value)
        for choice, label in f.choices:
            if choice == value:
                return label
        if f.kind in fieldkinds.KINDS:
            return fieldkinds.printed(f.kind, value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def cell(self, f: Field, where: str) -> Paragraph:
        value = self.value_of(f)
        shown = self.show(f, value)
        # a required field left empty is wanting, on the applicant's pages as on the measure's (the
        # cover marks a missing 统一社会信用代码 so, and page 2 left the same box blank)
        if not shown and (f.key in self.missing or f.required):
            return self.todo(where)
        if f.kind == "recognition" and not shown:
            shown = f"未获认定为{RECOGNITION_KINDS[f.recognition or '']}"
        return self.text.para(shown, "cell", where)

    def visible(self, f: Field) -> bool:
        if f.show_if is None:
            return True
        section, _, name = f.show_if.key.partition(".")
        source = self.profile.enterprise if section == "enterprise" else self.profile.facts
        return f.show_if.holds(source.get(name))

    # --- the document --------------------------------------------------------------------------------

    def story(self) -> list[Any]:
        out = self.cover()
        builders = {
            "basic": self.basic,
            "content": self.content,
            "calculation": self.calculation,
            "materials": self.materials,
            "commitment": self.commitment,
        }
        for i, section in enumerate(self.form.sections):
            heading = f"{CN_NUMBERS[i]}、{SECTION_TITLES[section]}"
            if section == "commitment":
                out.append(PageBreak())
            else:
                out.append(CondPageBreak(40 * mm))
            out.append(Paragraph(heading, STYLES["h1"]))
            out.extend(builders[section]())
        if self.text.missing:
            lines = "；".join(
                f"{m.where}：{m.codepoint}" for m in self.text.missing
            )  # every field, each once
            out.append(Spacer(1, 4 * mm))
            note = self.text(f"注：红色“□”处为本字体无法显示的生僻字（{lines}），请手工补写。")
            out.append(Paragraph(f'<font color="#C00000">{note}</font>', STYLES["note"]))
        return out

    def cover(self) -> list[Any]:
        t, r, p = self.text, self.result, self.profile
        title = t(f"《{self.form.title}》", "封面")
        basis = t(f"依据《{r.document_title}》{article_text(r)}", "封面")
        amount = (
            self.todo(BOXES["amount"], "cover")
            if r.status == "incomplete"
            else t.para(amount_text(r), "cover")
        )
        rows = [
            ["申报单位（盖章）", t.para(p.name, "cover", "申报单位")],
            [
                "统一社会信用代码",
                t.para(p.uscc or "", "cover") if p.uscc else self.todo("统一社会信用代码", "cover"),
            ],
            ["申报事项", t.para(r.title, "cover")],
            ["申报金额", amount],
            ["受理部门", t.para(self.office, "cover", "受理部门")],
            [
                "联系人及电话",
                t.para(
                    " ".join(
                        filter(None, [p.enterprise.get("contact_name"), p.enterprise.get("contact_phone")])
                    ),
                    "cover",
                ),
            ],
            ["申报日期", t.para(cn_date(self.declared_on) if self.declared_on else BLANK_DATE, "cover")],
            ["文件所列责任单位", t.para("、".join(r.responsible) or "文件未列明", "small", "责任单位")],
        ]
        rows = [[Paragraph(label, STYLES["cover"]), value] for label, value in rows]
        table = ruled_table(rows, [45 * mm, WIDTH - 45 * mm], header_rows=0, shade_cols=(0,))
        size = 38 * mm
        drawing = QrCode(self.qr_payload, size)
        caption_width = WIDTH - size - 6 * mm
        # the digest is compared by eye: on a line of its own, never broken (64 digits after the label
        # wrapped their last one onto the next line)
        caption = [
            t.para("扫码核验：措施编号、统一社会信用代码、申报金额与申报内容摘要。", "small"),
            t.para("内容摘要（SHA-256）：", "small"),
            unbroken(self.digest, caption_width, "small"),
        ]
        qr_row = Table([[drawing, caption]], colWidths=[size + 6 * mm, caption_width])
        qr_row.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), FONT)])
        return [
            Spacer(1, 25 * mm),
            Paragraph(title, STYLES["cover_title"]),
            Paragraph(basis, STYLES["centre"]),
            Spacer(1, 14 * mm),
            table,
            Spacer(1, 18 * mm),
            qr_row,
            PageBreak(),
        ]

    def basic(self) -> list[Any]:
        fields = [f for page in self.form.pages if page.shared for f in page.fields if self.visible(f)]
        label_w = label_width([f.label for f in fields])
        value_w = WIDTH / 2 - label_w
        rows: list[list[Any]] = []
        spans = []
        wide = [f for f in fields if f.key in ("enterprise.name", "enterprise.address")]
        for f in wide:
            spans.append(((1, len(rows)), (3, len(rows))))
            rows.append([self.text.para(f.label, "cell"), self.cell(f, f.label), "", ""])
        rest = [f for f in fields if f not in wide]
        for i in range(0, len(rest), 2):
            pair = rest[i : i + 2]
            row: list[Any] = []
            for f in pair:
                row += [self.text.para(f.label, "cell"), self.cell(f, f.label)]
            if len(pair) == 1:
                spans.append(((1, len(rows)), (3, len(rows))))
                row += ["", ""]
            rows.append(row)
        # the second column of labels is shaded row by row: a value spanning it is not printed on grey
        spanned = {start[1] for start, _end in spans}
        shading = [("BACKGROUND", (2, r), (2, r), SHADE) for r in range(len(rows)) if r not in spanned]
        return [
            ruled_table(
                rows,
                [label_w, value_w, label_w, value_w],
                header_rows=0,
                shade_cols=(0,),
                spans=spans,
                extra=shading,
            )
        ]

    def content(self) -> list[Any]:
        out: list[Any] = []
        for n, page in enumerate(self.form.measure_pages, start=1):
            out.append(self.text.para(f"（{CN_NUMBERS[n - 1]}）{page.title}", "h2"))
            simple = [f for f in page.fields if f.type != "table" and self.visible(f)]
            if simple:
                rows = [[self.text.para(f.label, "cell"), self.cell(f, f.label)] for f in simple]
                out.append(ruled_table(rows, [WIDTH * 0.55, WIDTH * 0.45], header_rows=0, shade_cols=(0,)))
            for f in page.fields:
                if f.type == "table" and self.visible(f):
                    out.extend(self.detail_table(f))
        return out

    def detail_table(self, f: Field) -> list[Any]:
        t = self.text
        detail = f.name
        rows_raw = (self.profile.raw.get("facts") or {}).get(detail) or []
        columns = f.columns
        # beside a 证件类型 the number may be a passport's: the column is named for any document
        documents = "id_type" in columns
        labels = {**COLUMN_LABELS, "id_number": "证件号码"} if documents else COLUMN_LABELS
        head = [Paragraph("序号", STYLES["cell_head"])] + [
            Paragraph(labels[c], STYLES["cell_head"]) for c in columns
        ]
        rows: list[list[Any]] = [head]
        unit = (WIDTH - 12 * mm) / sum(f.widths)  # each column's share, from forms/_common.toml
        widths = [12 * mm] + [weight * unit for weight in f.widths]
        kinds = {column: kind for column, kind, _required in DETAIL_COLUMNS[detail]}
        total = Decimal(0)
        for i, row in enumerate(rows_raw, start=1):
            cells: list[Any] = [Paragraph(str(i), STYLES["cell_head"])]
            for c in columns:
                value = row.get(c) if isinstance(row, dict) else None
                if c == "amount" and value not in (None, ""):
                    try:
                        total += fieldkinds.check(kinds[c], value)
                    except fieldkinds.FieldValueError:
                        pass  # printed as given and left out of the total
                    else:  # on one line, as the total below it
                        shown = fieldkinds.printed(kinds[c], value, unit=False)
                        cells.append(unbroken(shown, widths[columns.index(c) + 1], "cell_num"))
                        continue
                if c == "id_type" and value in (None, "") and isinstance(row, dict) and row.get("id_number"):
                    value = "resident_id"  # left blank it means a 居民身份证, as the wizard says
                if c in kinds and c != "amount" and value not in (None, ""):
                    value = fieldkinds.printed(kinds[c], value)  # passport → 护照
                if c in f.mask and value:
                    value = mask_id(str(value), self.mask)
                if c in UNBROKEN and value and not fonts_lack(str(value)):
                    cells.append(unbroken(str(value), widths[columns.index(c) + 1]))
                    continue
                cells.append(t.para(value, "cell", f"{f.label} 第 {i} 行"))
            rows.append(cells)
        out: list[Any] = [t.para(f.label, "h2")]  # no spacer between: a heading keeps with its table
        if len(rows) == 1:
            rows.append(
                [Paragraph("—", STYLES["cell_head"])]
                + [self.todo(f.label) if f.required else ""]
                + [""] * (len(columns) - 1)
            )
        spans = []
        if "amount" in columns and len(rows_raw) > 0:
            at = columns.index("amount") + 1
            total_row: list[Any] = [""] * (len(columns) + 1)
            total_row[0] = Paragraph("合计", STYLES["cell_head"])
            total_row[at] = unbroken(yuan(total), widths[at], "cell_num")
            if at > 1:
                spans.append(((0, len(rows)), (at - 1, len(rows))))
            rows.append(total_row)
        out.append(ruled_table(rows, widths, spans=spans))
        fact = DETAIL_DERIVES.get(detail)
        if fact:
            value = self.profile.facts.get(fact)
            spec = FACT_FIELDS[fact]
            shown = fieldkinds.printed(spec.kind, value) if value is not None else TODO
            out.append(t.para(f"{spec.label}：{shown}", "note"))
        if self.mask != "none" and f.mask and rows_raw:
            what = "证件号码" if documents else "身份证号"
            how = "已遮盖" if self.mask == "full" else "已部分遮盖"
            copies = "证件" if documents else "身份证"
            out.append(t.para(f"{what}{how}；完整号码见所附{copies}复印件。", "note"))
        return out

    def calculation(self) -> list[Any]:
        t, r = self.text, self.result
        out: list[Any] = [
            t.para(f"（一）政策依据：《{r.document_title}》{article_text(r)}", "h2"),
            t.para(f"“{r.clause}”", "body"),
            t.para("（二）申报条件", "h2"),
        ]
        head = [Paragraph(x, STYLES["cell_head"]) for x in ("序号", "条件", "填报情况", "判断")]
        rows: list[list[Any]] = [head]
        for i, c in enumerate(r.conditions, start=1):
            verdict = (
                self.todo(BOXES["conditions"])
                if c.outcome is None
                else t.para("符合" if c.outcome else "不符合", "cell")
            )
            rows.append(
                [
                    Paragraph(str(i), STYLES["cell_head"]),
                    t.para(c.label, "cell"),
                    t.para(c.value, "cell", "申报条件"),
                    verdict,
                ]
            )
        out.append(ruled_table(rows, [12 * mm, WIDTH * 0.45, WIDTH * 0.55 - 32 * mm, 20 * mm]))
        lines: list[Any] = [t.para("（三）测算金额", "h2")]
        if r.formula:
            lines.append(t.para(f"测算公式：{r.formula}", "body"))
        if r.status == "incomplete":
            missing = "、".join(label_of(m) for m in r.missing)
            lines.append(
                Paragraph(
                    f'测算金额：<font color="#C00000">{TODO}</font>（尚缺：{t(missing)}）', STYLES["body"]
                )
            )
        else:
            lines.append(t.para(f"测算金额：{amount_text(r)}", "body"))
            if r.amount is not None:
                lines.append(t.para(f"金额大写：{capital(r.amount)}", "body"))
        for label, value in getattr(r, "shares", ()) or ():
            lines.append(t.para(f"其中{label}：{yuan_and_wan(value)}", "body"))
        lines.append(t.para(f"测算日期：{cn_date(self.as_of)}；政策数据版本：{self.policy_version}", "body"))
        out.append(KeepTogether(lines))
        if r.selection:
            out.append(t.para("本事项须经遴选、评选或揭榜，入选后方可获得。", "body"))
        for title, items in (("说明", r.notes), ("提示", r.warnings)):
            for item in items:
                out.append(t.para(f"{title}：{item}", "note"))
        out.append(Spacer(1, 2 * mm))
        out.append(Paragraph("<b>最终金额以主管部门审核为准。</b>", STYLES["body"]))
        return out

    def materials(self) -> list[Any]:
        head = [Paragraph(x, STYLES["cell_head"]) for x in ("序号", "材料名称", "份数", "已附")]
        rows: list[list[Any]] = [head]
        for i, item in enumerate(self.materials_list, start=1):
            rows.append(
                [
                    Paragraph(str(i), STYLES["cell_head"]),
                    self.text.para(item, "cell"),
                    "",
                    Paragraph("□", STYLES["cell_head"]),
                ]
            )
        return [ruled_table(rows, [12 * mm, WIDTH - 52 * mm, 20 * mm, 20 * mm])]

    def commitment(self) -> list[Any]:
        t = self.text
        body = self.form.commitment_text(self.profile.name, self.form.title.removesuffix("申报书"))
        sign = [
            [Paragraph("法定代表人（签字）", STYLES["body"]), "", Paragraph("单位公章", STYLES["body"]), ""],
        ]
        box = ruled_table(
            sign,
            [38 * mm, WIDTH / 2 - 38 * mm, 25 * mm, WIDTH / 2 - 25 * mm],
            header_rows=0,
            row_heights=[45 * mm],
        )
        return [
            t.para(body, "body"),
            Spacer(1, 10 * mm),
            box,
            Spacer(1, 10 * mm),
            Paragraph("日期：________年____月____日", STYLES["right"]),
        ]
