"""What judging one measure for one profile gives: codes and values first, sentences on demand.

Judging records the status, the amount (with its shares), the missing facts as profile paths and the
reasons as codes (`REASON_CODES`). Everything written in words — each condition as it was seen, the
reasons, notes, warnings, the formula with its numbers and the trace — is written from those the first
time one of them is read, and kept: a batch of thousands of profiles that wants statuses and amounts never
builds a sentence, while the preview's trace pane, the wizard, the printed form and `--trace` read the
same text as ever.

A result read back from a saved snapshot (`Result(...)` with every field given) carries its words as
they were printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from shenbao.core.records import dataclass

STATUSES = ("eligible", "ineligible", "incomplete", "not_in_force")
STATUS_LABELS = {
    "eligible": "可申报",
    "ineligible": "不符合",
    "incomplete": "待补充",
    "not_in_force": "未生效·已失效",
}
KIND_LABELS = {
    "fixed": "定额",
    "upto": "最高",
    "estimate": "估算",
    "unspecified": "按规定",
    "non_monetary": "非资金",
}
REASON_CODES = {
    "not_in_force": "the as-of date is outside the document's period",
    "enterprise.<field>, facts.<fact>": "a condition on that profile path is not met",
    "recognition.<kind>": "the recognition is missing, or dated before the measure counts it",
    "amount": "the conditions hold but the formula leaves nothing to claim",
}
"""The codes of `Result.codes` (the brief output's `reasons`), one per reason in the order of `reasons`."""


# The engine's sentences (rules/engine.py, rules/generic.py), by name: each a core string, written as a
# Phrase. A value named `title`, `label`, `value`, `mark`, `labels`, `reason`, `shares` or `expression`
# is translated on its own; `years` is written again from its `items` (each a Phrase); the others are dates
# and numbers.
PHRASES = {
    "clause": "依据：《{title}》{article}：{clause}",
    "period": "测算日期：{as_of}；文件有效期：{period}",
    "condition": "条件：{label} — {value} → {mark}",
    "missing": "待补充：{labels}",
    "non_monetary": "金额：非资金支持",
    "as_regulated": "金额：按规定（文件未载明具体金额）",
    "refused": "金额：{reason}",
    "formula": "公式：{expression}",
    "shares": "其中：{shares}",
    "selection": "须经遴选/评选，入选后方可获得。",
    "superseded": "自 {on} 起已被《{title}》替代；跨年度连续补助请向主管部门确认。",
    "ends_soon": "《{title}》有效期至 {end}，距测算日期还有 {days} 天。",
    "ends_today": "《{title}》有效期至 {end}，测算日期是有效期的最后一天。",
    "windows": "每年集中受理{times}次（{listed}）；{next}。",
    "window_now": "本月（{year} 年 {month} 月）为受理期",
    "window_next": "下一受理期：{year} 年 {month} 月",
    "plan_ends": "方案有效期至 {end}，此前已无受理期",
    "claim_ends": "申请时限为{period}（至 {year} 年底），此前已无受理期",
    "too_large": "按公式算得的金额超出可计算的范围，请向政策数据的发布者核对",
    "nothing": "按公式 {expression}，无可申请金额",
    "expression_nothing": "按计算式 {expression} = {amount}，无可申请金额",
    "not_an_amount": "计算式的结果不是金额",
    "zero_divisor": "计算式中出现除数为 0",
    "covered": "年度购买总额达 {threshold} 元（含）以上，由省级补助覆盖：{share} = {value}，未超过省级补助最高限额 {cap}，无差额可补",
    "invoice_years": "年度购买算力服务总额由 {years}的发票合计而成，应只计申报年度当年实际支付的费用，请核对。",
    "invoice_year_before": "年度购买算力服务总额的发票均开具于 {year} 年，早于《{title}》施行的 {start} 年，应只计申报年度当年实际支付的费用，请核对。",
    "invoice_after": "年度购买算力服务总额含测算日期 {as_of} 之后开具的发票（最晚 {last}），应只计已实际支付的费用，请核对。",
    "year_sum": "{year} 年（{sum} 元）",
    "otherwise": "{value}（未填写，按“{wider}”的回答）",
}
MARKS = {True: "满足", False: "不满足", None: "待补充"}
SHARE_LABELS = {"province": "省级财政承担", "city": "市级财政承担"}  # who bears which part of a sum


@dataclass(frozen=True)
class ConditionResult:
    label: str
    fact: str  # the profile path it read ("" for a recognition)
    value: str  # what it saw, for display
    outcome: bool | None  # True met, False failed, None unknown


@dataclass(frozen=True)
class Heading:
    """What a result says of its measure whatever the profile: made once per measure."""

    measure: str
    title: str
    document: str
    document_title: str
    article: str
    amount_kind: str
    selection: bool
    clause: str = ""
    responsible: tuple[str, ...] = ()
    document_kind: str = "final"  # policies.DOC_KINDS: a news report is cited as one, not by article


@dataclass(frozen=True)
class Words:
    """A result's sentences, as the engine writes them from its codes and values."""

    reasons: list[str]
    warnings: list[str]
    notes: list[str]
    trace: list[str]
    conditions: list[ConditionResult]
    formula: str | None


Writer = Callable[["Result"], Words]


class Result:
    """One measure judged: `status`, `amount`, `shares`, `missing` (profile paths), `codes` (why it is
    not eligible) and `closed` (eligible, but no application window is left before its plan or claim
    period ends: nothing more to apply for) are set by judging; `reasons`, `warnings`, `notes`, `trace`, `conditions` and `formula`
    are written when first read."""

    __slots__ = (
        "heading",
        "status",
        "amount",
        "missing",
        "codes",
        "shares",
        "closed",
        "basis",
        "_writer",
        "_words",
    )

    def __init__(
        self,
        measure: str,
        title: str,
        document: str,
        document_title: str,
        article: str,
        status: str,
        amount: Decimal | None,
        amount_kind: str,
        selection: bool,
        reasons: list[str] | None = None,
        missing: list[str] | None = None,
        warnings: list[str] | None = None,
        notes: list[str] | None = None,
        trace: list[str] | None = None,
        clause: str = "",
        responsible: tuple[str, ...] = (),
        conditions: list[ConditionResult] | None = None,
        formula: str | None = None,
        shares: tuple[tuple[str, Decimal], ...] = (),
        codes: tuple[str, ...] = (),
        document_kind: str = "final",
        closed: bool = False,
    ) -> None:
        self.heading = Heading(
            measure,
            title,
            document,
            document_title,
            article,
            amount_kind,
            selection,
            clause,
            responsible,
            document_kind,
        )
        self.status, self.amount, self.shares, self.codes = status, amount, shares, codes
        self.closed = closed
        self.missing = list(missing or ())
        self.basis: Any = None
        self._writer: Writer | None = None
        self._words: Words | None = Words(
            list(reasons or ()),
            list(warnings or ()),
            list(notes or ()),
            list(trace or ()),
            list(conditions or ()),
            formula,
        )

    @classmethod
    def judged(
        cls,
        heading: Heading,
        status: str,
        amount: Decimal | None,
        missing: list[str],
        codes: tuple[str, ...],
        shares: tuple[tuple[str, Decimal], ...],
        writer: Writer,
        basis: Any,
        closed: bool = False,
    ) -> Result:
        """A result as judging gives it: its words are written by `writer(result)` when first read, from
        `basis` (what the engine saw)."""
        result = cls.__new__(cls)
        result.heading, result.status, result.amount = heading, status, amount
        result.missing, result.codes, result.shares, result.closed = missing, codes, shares, closed
        result.basis, result._writer, result._words = basis, writer, None
        return result

    @property
    def claim_since(self) -> dt.date | None:
        """The day its claim period starts (a project's start of use: 投用当年或下一年度), before which no
        application window counts; None for a measure without one."""
        outcome = self.basis[6] if self.basis is not None else None
        return getattr(outcome, "since", None)

    # --- the measure -------------------------------------------------------------------------------

    @property
    def measure(self) -> str:
        return self.heading.measure

    @property
    def title(self) -> str:
        return self.heading.title

    @property
    def document(self) -> str:
        return self.heading.document

    @property
    def document_title(self) -> str:
        return self.heading.document_title

    @property
    def document_kind(self) -> str:
        return self.heading.document_kind

    @property
    def article(self) -> str:
        return self.heading.article

    @property
    def amount_kind(self) -> str:
        return self.heading.amount_kind

    @property
    def selection(self) -> bool:
        return self.heading.selection

    @property
    def clause(self) -> str:
        return self.heading.clause

    @property
    def responsible(self) -> tuple[str, ...]:
        return self.heading.responsible

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.amount_kind]

    # --- the words ---------------------------------------------------------------------------------

    @property
    def words(self) -> Words:
        if self._words is None:
            assert self._writer is not None
            self._words = self._writer(self)
        return self._words

    @property
    def reasons(self) -> list[str]:
        return self.words.reasons

    @property
    def warnings(self) -> list[str]:
        return self.words.warnings

    @property
    def notes(self) -> list[str]:
        return self.words.notes

    @property
    def trace(self) -> list[str]:
        return self.words.trace

    @property
    def conditions(self) -> list[ConditionResult]:
        return self.words.conditions

    @property
    def formula(self) -> str | None:
        return self.words.formula

    # --- as data -----------------------------------------------------------------------------------

    def amount_text(self) -> str | None:
        return None if self.amount is None else f"{self.amount:.2f}"

    def to_brief(self) -> dict[str, Any]:
        """The result as codes and values (`shenbao preview --profiles` without `--trace`): measure, status
        and amount always; `reasons` (codes) and `missing` (profile paths) when there are any."""
        out: dict[str, Any] = {
            "measure": self.heading.measure,
            "status": self.status,
            "amount": self.amount_text(),
        }
        if self.codes:
            out["reasons"] = list(self.codes)
        if self.missing:
            out["missing"] = list(self.missing)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The result as INTERCHANGE.md gives it."""
        words = self.words
        return {
            "measure": self.measure,
            "status": self.status,
            "amount": self.amount_text(),
            "amount_kind": self.amount_kind,
            "selection": self.selection,
            "reasons": list(words.reasons),
            "missing": list(self.missing),
            "warnings": list(words.warnings),
            "notes": list(words.notes),
            "trace": list(words.trace),
        }

    def to_detail(self) -> dict[str, Any]:
        """Everything, for a saved snapshot, a printed form or the app."""
        out = self.to_dict()
        out.update(
            title=self.title,
            document=self.document,
            document_title=self.document_title,
            article=self.article,
            clause=self.clause,
            responsible=list(self.responsible),
            conditions=[
                {"label": c.label, "fact": c.fact, "value": c.value, "outcome": c.outcome}
                for c in self.conditions
            ],
            formula=self.formula,
            shares=[[label, f"{value:.2f}"] for label, value in self.shares],
        )
        return out

    def __repr__(self) -> str:
        return f"Result({self.measure!r}, {self.status!r}, {self.amount!r})"
