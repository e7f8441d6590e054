"""The shared rules (MEASURES.md §2): for a profile and an as-of date, every measure gets one status.

1. `not_in_force` when the date is outside its document's period; nothing else is judged.
2. Each condition is true, false or unknown. Any false → `ineligible` (false wins over unknown), with every
   failed condition as a reason; else any unknown condition or formula input → `incomplete`, listing every
   missing fact; else `eligible`, with the amount.
Each result carries its trace: the clause, each condition with the value it saw, the formula with numbers.

The catalogue is compiled once into plain checks, so a full preview stays well under a millisecond or two:
the desktop recomputes it on every keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from shenbao.core.model import (
    DETAIL_LABELS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    ORG_TYPES,
    RECOGNITION_KINDS,
    Profile,
)
from shenbao.core.policies import Catalogue, Condition, Document, Measure, RuleSet
from shenbao.core.rules.formulas import Amount, FormulaInput, Refusal, money, num, pct
from shenbao.core.rules.generic import amount_of

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
OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
CN_NUMERALS = set("一二三四五六七八九十")


@dataclass(frozen=True)
class ConditionResult:
    label: str
    fact: str  # the profile path it read ("" for a recognition)
    value: str  # what it saw, for display
    outcome: bool | None  # True met, False failed, None unknown


@dataclass
class Result:
    measure: str
    title: str
    document: str
    document_title: str
    article: str
    status: str
    amount: Decimal | None
    amount_kind: str
    selection: bool
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)
    clause: str = ""
    responsible: tuple[str, ...] = ()
    conditions: list[ConditionResult] = field(default_factory=list)
    formula: str | None = None
    shares: tuple[tuple[str, Decimal], ...] = ()

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.amount_kind]

    def to_dict(self) -> dict[str, Any]:
        """The result as INTERCHANGE.md gives it."""
        return {
            "measure": self.measure,
            "status": self.status,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "amount_kind": self.amount_kind,
            "selection": self.selection,
            "reasons": list(self.reasons),
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "trace": list(self.trace),
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


# --- display of values ----------------------------------------------------------------------------


def _kind_of(path: str) -> str:
    section, _, key = path.partition(".")
    spec = (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS).get(key)
    return spec.kind if spec else "text"


def _label_of(path: str) -> str:
    section, _, key = path.partition(".")
    spec = (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS).get(key)
    return spec.label if spec else path


def show(kind: str, value: Any) -> str:
    if value is None:
        return "未填写"
    if isinstance(value, bool):
        return "是" if value else "否"
    if kind == "money" and isinstance(value, Decimal):
        return f"{money(value)} 元"
    if kind == "ratio" and isinstance(value, Decimal):
        return pct(value)
    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def article_label(doc: Document, article: str) -> str:
    if doc.kind == "news_report":
        return f"（报道「{doc.articles[article].heading}」部分）"
    if set(article) <= CN_NUMERALS:
        return f"第{article}条"
    return article


# --- compiling conditions -------------------------------------------------------------------------

Check = Callable[[Profile, dt.date, dict[str, Any]], tuple[ConditionResult, str | None, str | None]]
# → (result, missing path or None, reason or None)


def _getter(path: str) -> Callable[[Profile], Any]:
    section, _, key = path.partition(".")
    if section == "enterprise":
        return lambda p: p.enterprise.get(key)
    return lambda p: p.facts.get(key)


def _fact_check(cond: Condition) -> Check:
    get, kind, base_label = _getter(cond.fact), _kind_of(cond.fact), _label_of(cond.fact)
    derived_key = cond.fact.partition(".")[2]

    def operand_text(params: dict[str, Any]) -> str:
        operand = params[cond.param] if cond.param else cond.value
        if cond.op == "in":
            return "、".join(str(v) for v in operand)
        return show(kind, operand)

    def label_for(params: dict[str, Any]) -> str:
        if cond.label:
            return cond.label
        if cond.op == "true":
            return base_label
        if cond.op == "within_years":
            return f"{base_label}：测算年度为当年或其后 {cond.value} 年内"
        inclusive = "（含）" if cond.op in (">=", "<=") else ""
        return f"{base_label} {OP_TEXT.get(cond.op, '∈')} {operand_text(params)}{inclusive}"

    def test(value: Any, as_of: dt.date, params: dict[str, Any]) -> bool:
        op = cond.op
        if op == "true":
            return value is True
        if op == "within_years":
            return value.year <= as_of.year <= value.year + int(cond.value)
        operand = params[cond.param] if cond.param else cond.value
        if op == "in":
            return value in operand
        return {
            ">=": value >= operand,
            ">": value > operand,
            "<=": value <= operand,
            "<": value < operand,
            "==": value == operand,
        }[op]

    def check(
        profile: Profile, as_of: dt.date, params: dict[str, Any]
    ) -> tuple[ConditionResult, str | None, str | None]:
        value = get(profile)
        label = label_for(params)
        shown = show(kind, value)
        detail = profile.derived.get(derived_key)
        if detail:
            shown += f"（由{DETAIL_LABELS[detail]}计得）"
        if value is None:
            return ConditionResult(label, cond.fact, shown, None), cond.fact, None
        ok = test(value, as_of, params)
        reason = None if ok else f"不满足“{label}”（实际：{shown}）"
        if not ok and cond.op == "within_years" and as_of.year < value.year:
            reason = f"不满足“{label}”：项目 {value.isoformat()} 投用，测算日期早于投用年度"
        return ConditionResult(label, cond.fact, shown, ok), None, reason

    return check


def _recognition_check(cond: Condition) -> Check:
    name = RECOGNITION_KINDS[cond.recognition]

    def check(
        profile: Profile, as_of: dt.date, params: dict[str, Any]
    ) -> tuple[ConditionResult, str | None, str | None]:
        since: dt.date | None = params[cond.since] if cond.since else None
        label = f"已获认定为{name}" + (f"（{since.isoformat()} 及以后认定）" if since else "")
        dates = sorted(d for kind, d in profile.recognitions if kind == cond.recognition)
        if not dates:
            return (
                ConditionResult(label, "enterprise.recognitions", "无此认定", False),
                None,
                f"未获认定为{name}",
            )
        qualifying = [d for d in dates if since is None or d >= since]
        shown = "、".join(d.isoformat() for d in dates) + " 认定"
        if qualifying:
            return ConditionResult(label, "enterprise.recognitions", shown, True), None, None
        reason = f"{name}认定日期 {dates[-1].isoformat()} 早于 {since}，不在本产品认定的奖励范围内"
        return ConditionResult(label, "enterprise.recognitions", shown, False), None, reason

    return check


def _region_check(ruleset: RuleSet) -> Check:
    region = ruleset.region
    label = f"注册地为{region.equals}"
    return _fact_check(Condition(fact=region.field, op="in", value=[region.equals], label=label))


def _applicant_check(measure: Measure) -> Check:
    allowed = measure.applicants
    label = "申报主体为" + "、".join(ORG_TYPES[a] for a in allowed)

    def check(
        profile: Profile, as_of: dt.date, params: dict[str, Any]
    ) -> tuple[ConditionResult, str | None, str | None]:
        org = profile.enterprise.get("org_type", "enterprise")
        shown = ORG_TYPES.get(org, org)
        ok = org in allowed
        reason = None if ok else f"申报主体须为{'、'.join(ORG_TYPES[a] for a in allowed)}（本单位为{shown}）"
        return ConditionResult(label, "enterprise.org_type", shown, ok), None, reason

    return check


@dataclass
class CompiledMeasure:
    measure: Measure
    document: Document
    ruleset: RuleSet
    checks: list[Check]
    inputs: list[tuple[str, Callable[[Profile], Any]]]
    formula: Callable[[FormulaInput], Amount | Refusal] | None
    clause_line: str


def compile_catalogue(cat: Catalogue) -> list[CompiledMeasure]:
    compiled = []
    for m in cat.measures.values():
        doc, ruleset = cat.documents[m.document], cat.rulesets[m.document]
        checks = [_region_check(ruleset), _applicant_check(m)]
        for cond in m.conditions:
            checks.append(_recognition_check(cond) if cond.recognition else _fact_check(cond))
        compiled.append(
            CompiledMeasure(
                measure=m,
                document=doc,
                ruleset=ruleset,
                checks=checks,
                inputs=[(path, _getter(path)) for path in m.inputs],
                formula=amount_of(m),
                clause_line=f"依据：《{doc.title}》{article_label(doc, m.article)}：{m.clause}",
            )
        )
    return compiled


# --- judging --------------------------------------------------------------------------------------


def judge(cm: CompiledMeasure, profile: Profile, as_of: dt.date, cat: Catalogue) -> Result:
    m, doc = cm.measure, cm.document
    result = Result(
        measure=m.id,
        title=m.title,
        document=doc.id,
        document_title=doc.title,
        article=m.article,
        status="not_in_force",
        amount=None,
        amount_kind=m.amount_kind,
        selection=m.selection,
        clause=m.clause,
        responsible=m.responsible,
    )
    result.warnings.extend(cm.ruleset.warnings)
    period = f"测算日期：{as_of.isoformat()}；文件有效期：{doc.period_text()}"
    result.trace.extend((cm.clause_line, period))
    if not doc.in_force(as_of):
        result.reasons.append(
            f"测算日期 {as_of.isoformat()} 不在《{doc.title}》有效期（{doc.period_text()}）内"
        )
        if doc.superseded_by and doc.superseded_on and as_of >= doc.superseded_on:
            successor = cat.documents[doc.superseded_by].title
            result.notes.append(
                f"自 {doc.superseded_on.isoformat()} 起已被《{successor}》替代；跨年度连续补助请向主管部门确认。"
            )
        return result

    params = m.params_at(as_of)
    failed = False
    for check in cm.checks:
        cond_result, missing, reason = check(profile, as_of, params)
        result.conditions.append(cond_result)
        mark = {True: "满足", False: "不满足", None: "待补充"}[cond_result.outcome]
        result.trace.append(f"条件：{cond_result.label} — {cond_result.value} → {mark}")
        if reason:
            failed = True
            result.reasons.append(reason)
        if missing and missing not in result.missing:
            result.missing.append(missing)
    values = []
    for path, get in cm.inputs:
        value = get(profile)
        values.append(value)
        if value is None and path not in result.missing:
            result.missing.append(path)

    result.notes.extend(m.notes)
    result.notes.extend(cm.ruleset.notes)
    city_warning = cm.ruleset.city_warnings.get(profile.enterprise.get("city", ""))
    if city_warning:
        result.warnings.append(city_warning)
    if doc.in_force_to:
        days_left = (doc.in_force_to - as_of).days
        if days_left <= cat.warn_days_before_end:
            result.warnings.append(
                f"《{doc.title}》有效期至 {doc.in_force_to.isoformat()}，距测算日期还有 {days_left} 天。"
            )

    if failed:
        result.status = "ineligible"
        return result
    result.warnings.extend(m.warnings)
    if result.missing:
        result.status = "incomplete"
        result.trace.append("待补充：" + "、".join(_label_of(p) for p in result.missing))
        return result
    if cm.formula is None:
        result.status = "eligible"
        result.trace.append(
            "金额：" + ("非资金支持" if m.amount_kind == "non_monetary" else "按规定（文件未载明具体金额）")
        )
        return result
    outcome = cm.formula(FormulaInput(tuple(values), params, as_of, doc.in_force_to))
    if isinstance(outcome, Refusal):
        result.status = "ineligible"
        result.reasons.append(outcome.reason)
        result.trace.append(f"金额：{outcome.reason}")
        return result
    result.status = "eligible"
    result.amount = outcome.value
    result.formula = outcome.expression
    result.shares = outcome.shares
    result.notes.extend(outcome.notes)
    result.trace.append(f"公式：{outcome.expression}")
    if outcome.shares:
        result.trace.append("其中：" + "；".join(f"{label} {money(v)}" for label, v in outcome.shares))
    if m.selection:
        result.trace.append("须经遴选/评选，入选后方可获得。")
    return result
