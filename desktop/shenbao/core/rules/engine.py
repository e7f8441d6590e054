"""The shared rules (MEASURES.md §2): for a profile and an as-of date, every measure gets one status.

1. `not_in_force` when the date is outside its document's period; nothing else is judged.
2. Each condition is true, false or unknown. Any false → `ineligible` (false wins over unknown), with every
   failed condition as a reason; else any unknown condition or formula input → `incomplete`, listing every
   missing fact; else `eligible`, with the amount. A fact moot for the profile (model.ASKED_ONLY_IF: the
   term of a loan of 0) is not listed missing for an `ineligible` result.
Judging records codes and values; each result's words (reasons, trace) are written when first read (result.py).

The catalogue is compiled once into plain checks, so a full preview stays well under a millisecond or two:
the desktop recomputes it on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import field, replace
from decimal import Decimal
from typing import Any

from shenbao.core.deadlines import notice_note, notice_window
from shenbao.core.model import (
    DETAIL_LABELS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    ORG_TYPES,
    RECOGNITION_KINDS,
    Profile,
    contradictions,
    not_asked,
)
from shenbao.core.phrases import Phrase
from shenbao.core.policies import Catalogue, Condition, Document, Measure, RuleSet
from shenbao.core.records import dataclass
from shenbao.core.rules.formulas import Amount, FormulaInput, Refusal, money, num, pct
from shenbao.core.rules.generic import amount_of, window_notes
from shenbao.core.rules.result import (
    MARKS,
    PHRASES,
    ConditionResult,
    Heading,
    Result,
    Words,
)

OP_TEXT = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
CN_NUMERALS = set("一二三四五六七八九十")


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

Test = Callable[[Profile, dt.date, dict[str, Any]], "bool | None"]
# → True met, False failed, None unknown (a fact not given): the judging, with no words
Describe = Callable[[Profile, dt.date, dict[str, Any], "bool | None"], tuple[ConditionResult, str | None]]
# → (the condition as seen, the reason when it failed): the words, written on demand


@dataclass(frozen=True)
class Check:
    test: Test
    missing: str  # the profile path an unknown outcome lacks
    code: str  # the reason code of a failure
    describe: Describe


def _getter(path: str) -> Callable[[Profile], Any]:
    section, _, key = path.partition(".")
    if section == "enterprise":
        return lambda p: p.enterprise.get(key)
    return lambda p: p.facts.get(key)


COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "in": lambda value, operand: value in operand,
}


def _fact_test(cond: Condition) -> Test:
    """The condition as a plain test: one lookup and one comparison."""
    if cond.otherwise:
        return _otherwise_test(cond)
    in_enterprise = cond.fact.partition(".")[0] == "enterprise"
    key = cond.fact.partition(".")[2]
    op, param, constant = cond.op, cond.param, cond.value
    if op == "true":

        def test_true(p: Profile, as_of: dt.date, params: dict[str, Any]) -> bool | None:
            value = (p.enterprise if in_enterprise else p.facts).get(key)
            return None if value is None else value is True

        return test_true
    if op == "within_years":
        span = int(constant)

        def test_years(p: Profile, as_of: dt.date, params: dict[str, Any]) -> bool | None:
            value = (p.enterprise if in_enterprise else p.facts).get(key)
            return None if value is None else value.year <= as_of.year <= value.year + span

        return test_years
    compare = COMPARE[op]

    def test(p: Profile, as_of: dt.date, params: dict[str, Any]) -> bool | None:
        value = (p.enterprise if in_enterprise else p.facts).get(key)
        if value is None:
            return None
        return compare(value, params[param] if param else constant)

    return test


def _otherwise_test(cond: Condition) -> Test:
    """A condition whose fact, when unknown, is answered by a wider one (`otherwise`): the same test of
    whichever is given, the condition's own fact first."""
    own, wider = (
        _fact_test(replace(cond, otherwise="")),
        _fact_test(replace(cond, fact=cond.otherwise, otherwise="")),
    )
    get = _getter(cond.fact)

    def test(p: Profile, as_of: dt.date, params: dict[str, Any]) -> bool | None:
        return own(p, as_of, params) if get(p) is not None else wider(p, as_of, params)

    return test


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

    wider = _getter(cond.otherwise) if cond.otherwise else None

    def describe(
        profile: Profile, as_of: dt.date, params: dict[str, Any], ok: bool | None
    ) -> tuple[ConditionResult, str | None]:
        value = get(profile)
        label = label_for(params)
        shown = show(kind, value)
        detail = profile.derived.get(derived_key)
        if detail:
            shown += f"（由{DETAIL_LABELS[detail]}计得）"
        elif value is None and wider is not None and (value := wider(profile)) is not None:
            shown = Phrase(PHRASES["otherwise"], value=show(kind, value), wider=_label_of(cond.otherwise))
        if ok is None:
            return ConditionResult(label, cond.fact, shown, None), None
        reason = None if ok else f"不满足“{label}”（实际：{shown}）"
        if not ok and cond.op == "within_years" and as_of.year < value.year:
            reason = f"不满足“{label}”：项目 {value.isoformat()} 投用，测算日期早于投用年度"
        return ConditionResult(label, cond.fact, shown, ok), reason

    return Check(_fact_test(cond), cond.fact, cond.fact, describe)


def _recognition_check(cond: Condition) -> Check:
    """已获认定: a recognition of the kind dated on or before the as-of date (one dated later is not held
    yet), and on or after the measure's `since` date where it has one."""
    kind, name, since_param = cond.recognition, RECOGNITION_KINDS[cond.recognition], cond.since

    def test(profile: Profile, as_of: dt.date, params: dict[str, Any]) -> bool:
        since: dt.date | None = params[since_param] if since_param else None
        return any(
            k == kind and d <= as_of and (since is None or d >= since) for k, d in profile.recognitions
        )

    def describe(
        profile: Profile, as_of: dt.date, params: dict[str, Any], ok: bool | None
    ) -> tuple[ConditionResult, str | None]:
        since: dt.date | None = params[since_param] if since_param else None
        label = f"已获认定为{name}" + (f"（{since.isoformat()} 及以后认定）" if since else "")
        dates = sorted(d for k, d in profile.recognitions if k == kind)
        if not dates:
            return ConditionResult(label, "enterprise.recognitions", "无此认定", False), f"未获认定为{name}"
        shown = "、".join(d.isoformat() for d in dates) + " 认定"
        if ok:
            return ConditionResult(label, "enterprise.recognitions", shown, True), None
        held = [d for d in dates if d <= as_of]
        if held:
            reason = f"{name}认定日期 {held[-1].isoformat()} 早于 {since}，不在本产品认定的奖励范围内"
        else:
            reason = (
                f"{name}认定日期 {dates[0].isoformat()} 晚于测算日期 {as_of.isoformat()}，测算日尚未获得认定"
            )
        return ConditionResult(label, "enterprise.recognitions", shown, False), reason

    return Check(test, "enterprise.recognitions", f"recognition.{kind}", describe)


def _region_check(ruleset: RuleSet) -> Check:
    region = ruleset.region
    label = f"注册地为{region.equals}"
    return _fact_check(Condition(fact=region.field, op="in", value=[region.equals], label=label))


def _applicant_check(measure: Measure) -> Check:
    allowed = frozenset(measure.applicants)
    label = "申报主体为" + "、".join(ORG_TYPES[a] for a in measure.applicants)

    def test(profile: Profile, as_of: dt.date, params: dict[str, Any]) -> bool:
        return profile.enterprise.get("org_type", "enterprise") in allowed

    def describe(
        profile: Profile, as_of: dt.date, params: dict[str, Any], ok: bool | None
    ) -> tuple[ConditionResult, str | None]:
        org = profile.enterprise.get("org_type", "enterprise")
        shown = ORG_TYPES.get(org, org)
        reason = (
            None
            if ok
            else f"申报主体须为{'、'.join(ORG_TYPES[a] for a in measure.applicants)}（本单位为{shown}）"
        )
        return ConditionResult(label, "enterprise.org_type", shown, ok), reason

    return Check(test, "enterprise.org_type", "enterprise.org_type", describe)


@dataclass
class CompiledMeasure:
    measure: Measure
    document: Document
    ruleset: RuleSet
    checks: list[Check]
    inputs: list[tuple[str, Callable[[Profile], Any]]]
    formula: Callable[[FormulaInput], Amount | Refusal] | None
    clause_line: str
    heading: Heading
    tests: tuple[tuple[Test, str, str], ...] = ()  # (test, missing path, reason code) of each check
    reads: tuple[str, ...] = ()  # the facts its conditions and inputs read (keys of `facts`)
    paths: frozenset[str] = frozenset()  # every profile path it reads, the registered place included
    _params: dict[dt.date, dict[str, Any] | None] = field(default_factory=dict)

    def params_at(self, as_of: dt.date) -> dict[str, Any] | None:
        """The measure's parameters as of a date, or None when its document is not in force then: worked
        out once per date (a batch judges thousands of profiles on one date)."""
        try:
            return self._params[as_of]
        except KeyError:
            if len(self._params) > 64:
                self._params.clear()
            params = self.measure.params_at(as_of) if self.document.in_force(as_of) else None
            self._params[as_of] = params
            return params


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
                clause_line=Phrase(
                    PHRASES["clause"], title=doc.title, article=article_label(doc, m.article), clause=m.clause
                ),
                heading=Heading(
                    m.id,
                    m.title,
                    doc.id,
                    doc.title,
                    m.article,
                    m.amount_kind,
                    m.selection,
                    m.clause,
                    m.responsible,
                    doc.kind,
                ),
                tests=tuple((c.test, c.missing, c.code) for c in checks),
                reads=_facts_read(m),
                paths=frozenset((ruleset.region.field, *_condition_facts(m), *m.inputs)),
            )
        )
    return compiled


def _condition_facts(m: Measure) -> list[str]:
    """The profile paths the measure's conditions read: each condition's fact, and the wider fact that
    answers for it when it is unknown."""
    return [path for c in m.conditions if not c.recognition for path in (c.fact, c.otherwise) if path]


def _facts_read(m: Measure) -> tuple[str, ...]:
    paths = _condition_facts(m) + list(m.inputs)
    keys = (path.partition(".")[2] for path in paths if path.partition(".")[0] == "facts")
    return tuple(dict.fromkeys(keys))


# The fact whose total a detail list of dated rows makes, and the warning when the rows span years.
YEARS_WARNED = {"compute_purchase_amount": "invoice_years"}
YEARS_TEMPLATES = frozenset(PHRASES[name] for name in YEARS_WARNED.values())


def years_warnings(cm: CompiledMeasure, profile: Profile, as_of: dt.date | None = None) -> list[str]:
    """A warning for each fact the measure reads that is the sum of rows dated in more than one calendar
    year (a 年度 total that takes in another year's invoices), naming each year and its sum; or of rows
    of one year before the measure's document came into force; and for rows dated after `as_of` (not
    yet paid on the day judged). Which year's payments count is the authority's reading: the total is
    judged as it is."""
    out: list[str] = []
    start = cm.document.in_force_from
    for key in cm.reads:
        if key not in YEARS_WARNED:
            continue
        spread = profile.years.get(key)
        if spread:
            items = tuple(Phrase(PHRASES["year_sum"], year=year, sum=money(total)) for year, total in spread)
            out.append(Phrase(PHRASES[YEARS_WARNED[key]], years="、".join(items), items=items))
        first, last = profile.dated.get(key) or (None, None)
        if first is None or last is None:
            continue
        if not spread and start is not None and first.year < start.year:
            out.append(
                Phrase(
                    PHRASES["invoice_year_before"], year=first.year, title=cm.document.title, start=start.year
                )
            )
        if as_of is not None and last > as_of:
            out.append(Phrase(PHRASES["invoice_after"], as_of=as_of.isoformat(), last=last.isoformat()))
    return out


# --- judging --------------------------------------------------------------------------------------

NOT_IN_FORCE = ("not_in_force",)
NO_AMOUNT = ("amount",)


def judge(cm: CompiledMeasure, profile: Profile, as_of: dt.date, cat: Catalogue) -> Result:
    """One measure for one profile: the status, amount, missing facts and reason codes, no words (they
    are written by `words` when a reader asks for them)."""
    params = cm.params_at(as_of)
    if params is None:
        return Result.judged(
            cm.heading, "not_in_force", None, [], NOT_IN_FORCE, (), words, (cm, profile, as_of, cat)
        )
    outcomes = []
    missing: list[str] = []
    codes: list[str] = []
    for test, path, code in cm.tests:
        ok = test(profile, as_of, params)
        outcomes.append(ok)
        if ok is None:
            if path not in missing:
                missing.append(path)
        elif not ok:
            codes.append(code)
    values = []
    for path, get in cm.inputs:
        value = get(profile)
        values.append(value)
        if value is None and path not in missing:
            missing.append(path)
    basis: tuple[Any, ...] = (cm, profile, as_of, cat, params, outcomes, None)
    if codes:
        if missing:  # a fact moot for this profile (the term of a loan of 0) is not asked of a failed one
            missing = [p for p in missing if not not_asked(p, profile.enterprise, profile.facts)]
        return Result.judged(cm.heading, "ineligible", None, missing, tuple(codes), (), words, basis)
    if missing:
        return Result.judged(cm.heading, "incomplete", None, missing, (), (), words, basis)
    if cm.formula is None:
        return Result.judged(cm.heading, "eligible", None, missing, (), (), words, basis)
    try:
        outcome = cm.formula(FormulaInput(tuple(values), params, as_of, cm.document.in_force_to))
    except ArithmeticError:  # a pack's expression or rates past what Decimal writes to the fen
        outcome = Refusal(Phrase(PHRASES["too_large"]))
    if isinstance(outcome, Amount) and outcome.value <= 0:  # less than half a fen: never 可申报 0.00 元
        outcome = Refusal(Phrase(PHRASES["nothing"], expression=outcome.expression))
    basis = (cm, profile, as_of, cat, params, outcomes, outcome)
    if isinstance(outcome, Refusal):
        return Result.judged(cm.heading, "ineligible", None, missing, NO_AMOUNT, (), words, basis)
    # no window left by the standing rule and no 申报通知 opening another: nothing left to apply in
    closed = outcome.closed and notice_window(cat, cm.measure.id, as_of) is None
    return Result.judged(
        cm.heading, "eligible", outcome.value, missing, (), outcome.shares, words, basis, closed
    )


def _beside_notices(
    outcome: Amount, notices: Sequence[Any], params: dict[str, Any], as_of: dt.date, doc: Document
) -> tuple[str, ...]:
    """The amount's notes, its month windows said again when 申报通知 open the measure: a month a notice's
    window overlaps gives way to it (core.deadlines), so the next month window is the next the notices
    leave standing, as the 待办 list counts them."""
    if not notices:
        return outcome.notes
    taken = [(n.opens, n.closes) for n in notices]
    said = FormulaInput((), params, as_of, doc.in_force_to)
    return tuple(
        window_notes(said, outcome.since, taken)[0]
        if isinstance(note, Phrase) and note.template == PHRASES["windows"]
        else note
        for note in outcome.notes
    )


def words(result: Result) -> Words:
    """A judged result's sentences, from what judging saw: the reasons, warnings, notes, each condition as
    seen, the formula with its numbers and the trace (clause, period, conditions, amount)."""
    cm, profile, as_of, cat, *seen = result.basis
    m, doc = cm.measure, cm.document
    reasons: list[str] = []
    warnings = list(cm.ruleset.warnings)
    notes: list[str] = []
    conditions: list[ConditionResult] = []
    trace: list[str] = [
        cm.clause_line,
        Phrase(PHRASES["period"], as_of=as_of.isoformat(), period=doc.period_text(), document=doc.id),
    ]
    if not seen:  # not in force: nothing else was judged
        reasons.append(f"测算日期 {as_of.isoformat()} 不在《{doc.title}》有效期（{doc.period_text()}）内")
        if doc.superseded_by and doc.superseded_on and as_of >= doc.superseded_on:
            successor = cat.documents[doc.superseded_by].title
            notes.append(Phrase(PHRASES["superseded"], on=doc.superseded_on.isoformat(), title=successor))
        return Words(reasons, warnings, notes, trace, conditions, None)
    params, outcomes, outcome = seen
    for check, ok in zip(cm.checks, outcomes, strict=True):
        cond_result, reason = check.describe(profile, as_of, params, ok)
        conditions.append(cond_result)
        trace.append(
            Phrase(
                PHRASES["condition"],
                label=cond_result.label,
                value=cond_result.value,
                mark=MARKS[cond_result.outcome],
            )
        )
        if reason:
            reasons.append(reason)
    notice = notice_note(cat, m.id, as_of)  # a 申报通知's dated window comes before the standing rule's
    if notice:
        notes.append(notice)
    notes.extend(m.notes)
    notes.extend(cm.ruleset.notes)
    city_warning = cm.ruleset.city_warnings.get(profile.enterprise.get("city", ""))
    if city_warning:
        warnings.append(city_warning)
    if doc.in_force_to:
        days_left = (doc.in_force_to - as_of).days
        if days_left <= cat.warn_days_before_end:
            warnings.append(
                Phrase(
                    PHRASES["ends_soon" if days_left else "ends_today"],
                    title=doc.title,
                    end=doc.in_force_to.isoformat(),
                    days=days_left,
                )
            )
    if profile.dated:
        warnings.extend(years_warnings(cm, profile, as_of))
    warnings.extend(
        c.message
        for c in contradictions(profile.enterprise, profile.facts)
        if not cm.paths.isdisjoint(c.paths)
    )
    formula = None
    if False in outcomes:
        return Words(reasons, warnings, notes, trace, conditions, formula)
    warnings.extend(m.warnings)
    if result.missing:
        trace.append(Phrase(PHRASES["missing"], labels="、".join(_label_of(p) for p in result.missing)))
    elif cm.formula is None:
        trace.append(Phrase(PHRASES["non_monetary" if m.amount_kind == "non_monetary" else "as_regulated"]))
    elif isinstance(outcome, Refusal):
        reasons.append(outcome.reason)
        trace.append(Phrase(PHRASES["refused"], reason=outcome.reason))
    else:
        formula = outcome.expression
        notes.extend(_beside_notices(outcome, cat.notice_windows(m.id) if notice else (), params, as_of, doc))
        trace.append(Phrase(PHRASES["formula"], expression=outcome.expression))
        if outcome.shares:
            shares = "；".join(f"{label} {money(v)}" for label, v in outcome.shares)
            trace.append(Phrase(PHRASES["shares"], shares=shares))
        if m.selection:
            trace.append(Phrase(PHRASES["selection"]))
    return Words(reasons, warnings, notes, trace, conditions, formula)
