"""The policy library as data: documents with their articles, the measures with dated parameters, and the
draft-to-final comparison. Loaded from resources/policies/ with a strict schema: an unknown key, a missing
key, a measure citing an article that does not exist, or a condition on a fact the profile does not have
is an error here, not a silent surprise in a preview (compare OpenFisca's parameter files)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from shenbao import paths
from shenbao.core import toml_cache
from shenbao.core.comparison import Comparison, ComparisonError, Title, compare
from shenbao.core.fieldkinds import TOO_LARGE
from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS, ORG_TYPES, RECOGNITION_KINDS
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import KnownError, os_reason

AMOUNT_KINDS = ("fixed", "upto", "estimate", "unspecified", "non_monetary")
MONETARY_KINDS = ("fixed", "upto", "estimate")
CONDITION_OPS = (">=", ">", "<=", "<", "==", "in", "true", "within_years")
DOC_KINDS = ("final", "draft", "news_report", "notice")
# How each kind of document reads in the library (the English comes from the interface's translations).
DOC_KIND_LABELS: dict[str, str] = {
    "final": "正式文件",
    "draft": "征求意见稿",
    "news_report": "新闻报道",
    "notice": "申报通知",
}


class PolicyDataError(KnownError):
    """The policy data breaks its schema: a defect in resources/policies/, caught by the tests."""


# Why the policy data (the shipped library's, or a policy pack's) is refused, each a Phrase (core.phrases)
# of a core string that the interface writes again in its language; the command line prints the Chinese
# sentence. `where` names the file and the key, as written in the data.
POLICY_MESSAGES = {
    "not_table": "{where}: 应为表（table）",
    "missing_key": "{where}: 缺少必填项 {key}",
    "wrong_type": "{where}: 应为{wanted}，实为{got}（{raw!r}）",
    "either_type": "{first}或{second}",
    "not_strings": "{where}: 应为字符串列表",
    "english_items": "{where}: 应与 {key} 一一对应（{count} 项）",
    "english_keys": "{where}: 应与 {key} 的键相同",
    "unknown_keys": "{where}: 未知的键 {keys}",
    "not_utf8": "{where}: 不是 UTF-8 编码的文本，请以 UTF-8 保存",
    "unreadable": "{where}: {error}",
    "not_toml": "{where}: 不是有效的 TOML（{error}）",
    "cannot_read": "{where}: 无法读取（{why}）",
    # a 申报日期 on which the measure is not in force: said, the form printed all the same
    "declared_outside": "申报日期 {day} 在该政策有效期（{start} 至 {end}）之外：申报书照常生成，"
    "金额按测算日期 {as_of} 测算；请核对申报日期",
    "declared_before_start": "申报日期 {day} 早于该政策施行之日（{start}）：申报书照常生成，"
    "金额按测算日期 {as_of} 测算；请核对申报日期",
    "too_deep": "{where}: 不是可读取的 TOML（数字位数过多或嵌套过深）",
    "article_twice": "{where}: 条款 {art} 重复",
    "id_not_name": "{where}: id {id} 与文件名不符",
    "one_of": "{where}: {key} 应为 {choices} 之一",
    "force_ends_first": "{where}: in_force_to {end} 早于 in_force_from {start}",
    "window_not_notice": '{where}: 只有申报通知（kind = "notice"）才能写受理期 window',
    "notice_articles": "{where}: 申报通知不能有条款（article/corrections），条款只属于政策文件",
    "notice_number": "{where}: 申报通知须写明文号 number 和发布日期 issued",
    "notice_superseded": "{where}: 申报通知不能写 superseded_by/superseded_on",
    "notice_windows": "{where}: 申报通知须至少为一项措施写明受理期 window",
    "window_at": "{where}（{measure}）",
    "window_time": "{where}: opens/closes 应为日期（YYYY-MM-DD），不带时刻",
    "closes_first": "{where}: 截止日期 {closes} 早于开始日期 {opens}",
    "opens_before_issued": "{where}: 开始日期 {opens} 早于通知发布日期 {issued}",
    "opens_before_force": "{where}: 开始日期 {opens} 早于通知有效期起始 {start}",
    "closes_after_force": "{where}: 截止日期 {closes} 晚于通知有效期截止 {end}",
    "empty_material": "{where}: 申报材料清单中有空项",
    "window_twice": "{where}: 措施 {measure} 在同一通知中重复",
    "no_values": "{where}: values 不能为空",
    "bad_date": "{where}: 生效日期 {raw!r} 无效",
    "not_finite": "{where}: 数值应为有限的数（收到 {raw!r}）",
    "float": '{where}: 数值请写成字符串（如 "0.5"），不要用浮点数',
    "too_large": "{where}: 数值过大（应小于 10 万亿，收到 {number}）",
    "not_number": "{where}: 应为数值（收到 {raw!r}）",
    "recognition_otherwise": "{where}: 认定条件不能写 otherwise",
    "otherwise_kind": "{where}: 应为与 {fact} 同类型的另一字段",
    "unknown_recognition": "{where}: 未知的认定类型 {recognition}",
    "recognition_fact": "{where}: 认定条件不能同时写 fact/op",
    "no_param": "{where}: 参数 {param} 不存在",
    "param_not_date": "{where}: 参数 {param} 应为日期",
    "value_or_param": "{where}: 须给出 value 或 param 之一",
    "the_param": "参数 {param}",
    "within_not_date": "{where}: within_years 只能用于日期字段（{fact} 不是日期）",
    "within_years": "{where}: within_years 的 value 应为不小于 0 的整数年数",
    "in_list": "{where}: in 的 {given} 应为列表",
    "not_numeric_fact": "{where}: {fact} 不是数值，不能用 {op} 比较",
    "operand_number": "{where}: {op} 的 {given} 应为数值",
    "formula_shape": "{where}: 取值 {raw!r} 不是公式 {formula} 可用的形式",
    "negative": "{where}: 取值 {number} 不能为负（比例、限额、金额都不小于 0）",
    "no_field": "{where}: 档案中没有字段 {raw!r}",
    "no_document": "{where}: 文件 {doc} 不存在",
    "notice_measures": "{where}: 文件 {doc} 是申报通知，不能有措施；措施只属于政策文件",
    "no_article": "{where}: 条款 {art} 不在文件 {doc} 中",
    "stray_responsible": "{where}: 责任单位 {units} 不在条款 {art} 中",
    "id_prefix": "{where}: 编号应以 {doc}. 开头",
    "formula_and_expression": "{where}: formula 与 expression 只能写一个",
    "formula_for_amount": "{where}: 有金额的措施须有 formula，无金额的不能有",
    "unknown_applicant": "{where}: 未知的申报主体类型",
    "input_kind": "{where}: {fact} 不能用于计算式（应为数值或是/否）",
    "param_kind": "{where}: 取值 {raw!r} 不能用于计算式（应为数值或是/否）",
    "title_quote": "{where}: 须引用 draft 或 final 中的一段文字",
    "notice_compared": "{where}: 文件 {doc} 是申报通知，没有条款可对照",
    "no_measures": "{where}: 措施 {names} 不存在",
    "two_measures": "{where}: 至少须有两项措施",
    "notice_judged": "{where}: 文件 {doc} 是申报通知，没有措施可测算",
    "measure_twice": "措施编号 {measure} 重复",
    "notice_no_measure": "{where}: 申报通知开放的措施 {measure} 不存在",
}


@dataclass(frozen=True)
class Article:
    id: str
    heading: str
    text: str
    responsible: tuple[str, ...]


# A document's status as of a date (Document.status_code), and how it reads. A notice (申报通知) reads
# by its windows: open, none open yet, or all closed.
DOCUMENT_STATUS_LABELS: dict[str, str] = {
    "in_force": "现行有效",
    "expired": "已失效",
    "superseded": "已被替代",
    "draft": "征求意见稿",
    "not_yet": "尚未生效",
    "open": "受理中",
    "upcoming": "尚未开始受理",
    "closed": "受理已截止",
}


@dataclass(frozen=True)
class NoticeWindow:
    """What a 申报通知 says for one measure it opens: the dated window (`opens` and `closes` both
    inclusive), the 申报材料清单 it asks for (empty: the measure's own form's list stands), where to submit
    and whom to ask."""

    notice: str  # the notice's document id
    measure: str
    opens: dt.date
    closes: dt.date
    materials: tuple[str, ...] = ()
    submit_to: str = ""
    contact: str = ""
    note: str = ""
    materials_en: tuple[str, ...] = ()  # the materials and the note in English, for the English interface
    note_en: str = ""

    def is_open(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    issuer: str
    number: str
    kind: str
    level: str
    issued: dt.date | None
    in_force_from: dt.date | None
    in_force_to: dt.date | None
    superseded_by: str
    superseded_on: dt.date | None
    status_note: str
    source: str
    source_note: str
    preamble: str
    closing: str
    articles: dict[str, Article]
    corrections: tuple[tuple[str, str], ...] = ()  # (source passage, what the text reads instead)
    title_en: str = ""  # the title in English, for the English interface (the text stays Chinese)
    windows: tuple[NoticeWindow, ...] = ()  # a notice's windows, one per measure it opens
    status_note_en: str = ""  # the notes in English (the product's words, not the law's)
    source_note_en: str = ""
    issuer_en: str = ""  # where the issuer is the product's words (a draft's, not stated), in English

    def in_force(self, as_of: dt.date) -> bool:
        if self.kind in ("draft", "notice") or self.in_force_from is None:
            return False
        if as_of < self.in_force_from:
            return False
        return self.in_force_to is None or as_of <= self.in_force_to

    def status_code(self, as_of: dt.date) -> str:
        """The document's status as of a date, as a code of DOCUMENT_STATUS_LABELS."""
        if self.kind == "draft":
            return "draft"
        if self.kind == "notice":
            if any(w.is_open(as_of) for w in self.windows):
                return "open"
            return "upcoming" if any(w.opens > as_of for w in self.windows) else "closed"
        if self.in_force_from and as_of < self.in_force_from:
            return "not_yet"
        if self.superseded_on and as_of >= self.superseded_on:
            return "superseded"
        if self.in_force_to and as_of > self.in_force_to:
            return "expired"
        return "in_force"

    def status(self, as_of: dt.date) -> str:
        """现行有效 / 已失效 / 已被替代 / 征求意见稿 / 尚未生效, as of a date."""
        return DOCUMENT_STATUS_LABELS[self.status_code(as_of)]

    def period_text(self) -> str:
        if self.kind == "draft":
            return "征求意见稿，不作为申报依据"
        if self.kind == "notice":
            opens, closes = self.window_span()
            return f"受理期 {opens.isoformat()} 至 {closes.isoformat()}"
        start = self.in_force_from.isoformat() if self.in_force_from else "？"
        end = self.in_force_to.isoformat() if self.in_force_to else "未载明"
        return f"{start} 至 {end}"

    def window_span(self) -> tuple[dt.date, dt.date]:
        """A notice's first opening and last closing (a notice has at least one window)."""
        return min(w.opens for w in self.windows), max(w.closes for w in self.windows)


@dataclass(frozen=True)
class Parameter:
    """A value that changes with time: `values` sorted by the date each takes effect."""

    name: str
    dates: tuple[dt.date, ...]
    values: tuple[Any, ...]
    reference: str
    unit: str = ""

    def at(self, as_of: dt.date) -> Any:
        index = bisect_right(self.dates, as_of) - 1
        return self.values[max(index, 0)]


@dataclass(frozen=True)
class Condition:
    """One test of a measure. `fact` is a profile path; `recognition` a kind from the profile's list."""

    fact: str = ""
    op: str = ""
    value: Any = None
    param: str = ""
    recognition: str = ""
    since: str = ""
    label: str = ""
    label_en: str = ""  # the label in English, for the English interface (the law text stays Chinese)
    otherwise: str = ""  # a fact read when `fact` is unknown: a wider question whose answer stands for it


@dataclass(frozen=True)
class Measure:
    id: str
    document: str
    article: str
    title: str
    applicants: tuple[str, ...]
    amount_kind: str
    selection: bool
    formula: str
    inputs: tuple[str, ...]
    clause: str
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    conditions: tuple[Condition, ...]
    params: dict[str, Parameter]
    responsible: tuple[str, ...] = ()
    expression: str = ""  # an arithmetic expression (core.expressions) in place of a named formula
    title_en: str = ""  # the title in English, for the English interface
    notes_en: tuple[str, ...] = ()  # `notes` in English, one for one (an interpretation, not law text)
    warnings_en: tuple[str, ...] = ()

    def params_at(self, as_of: dt.date) -> dict[str, Any]:
        return {name: p.at(as_of) for name, p in self.params.items()}


@dataclass(frozen=True)
class Region:
    field: str
    equals: str


@dataclass(frozen=True)
class RuleSet:
    """What a measures file says for its whole document."""

    document: str
    region: Region
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    city_warnings: dict[str, str]
    warnings_en: tuple[str, ...] = ()  # in English, one for one
    notes_en: tuple[str, ...] = ()
    city_warnings_en: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StackingGroup:
    """Measures that pay for the same expense: whether they stack is for the authority to confirm."""

    id: str
    title: str
    measures: tuple[str, ...]


@dataclass
class Catalogue:
    version: str
    checked_on: dt.date
    warn_days_before_end: int
    judged: tuple[str, ...]
    library: tuple[str, ...]
    documents: dict[str, Document]
    rulesets: dict[str, RuleSet]
    measures: dict[str, Measure]
    comparisons: list[Comparison] = field(default_factory=list)
    stacking: tuple[StackingGroup, ...] = ()

    def measures_of(self, document: str) -> list[Measure]:
        return [m for m in self.measures.values() if m.document == document]

    def declared_date_warning(self, measure: str, declared_on: Any, as_of: dt.date) -> Phrase | None:
        """What to say when the 申报日期 `declared_on` lies outside the term of `measure`'s document (after
        fz2024 ended on 2026-12-31, before fj2025 came into force on 2025-11-04): the form would be dated
        on a day the measure is not in force. It is the applicant's form, so it is printed all the same,
        judged as of `as_of` as the preview is; None when the day lies in the term or is not given."""
        known = self.measures.get(measure)
        doc = self.documents.get(known.document) if known is not None else None
        if not isinstance(declared_on, dt.date) or doc is None or doc.in_force_from is None:
            return None
        if doc.kind in ("draft", "notice") or doc.in_force(declared_on):
            return None
        day, start, judged = declared_on.isoformat(), doc.in_force_from.isoformat(), as_of.isoformat()
        if doc.in_force_to is None:
            return Phrase(POLICY_MESSAGES["declared_before_start"], day=day, start=start, as_of=judged)
        end = doc.in_force_to.isoformat()
        return Phrase(POLICY_MESSAGES["declared_outside"], day=day, start=start, end=end, as_of=judged)

    def notice_windows(self, measure: str) -> list[NoticeWindow]:
        """The dated windows the library's notices (申报通知) give `measure`, by opening date."""
        found = [
            w
            for d in self.documents.values()
            if d.kind == "notice"
            for w in d.windows
            if w.measure == measure
        ]
        return sorted(found, key=lambda w: (w.opens, w.closes, w.notice))


# --- loading --------------------------------------------------------------------------------------


# How a TOML reader names each type of value a policy file may hold (a date is written bare: 2028-12-31),
# each a core string written as a Phrase (so a brace is written twice).
TOML_TYPES: dict[type, str] = {
    str: "文本（加引号）",
    int: "整数",
    float: "小数",
    bool: "true 或 false",
    dt.date: "日期（不加引号，如 2028-12-31）",
    list: "列表（[…]）",
    dict: "表（{{…}} 或 [节]）",
}


def _type_names(kinds: tuple[type, ...]) -> str:
    """The TOML types named, joined with 或, as a Phrase: each a core string of its own."""
    names = [Phrase(TOML_TYPES[k]) if k in TOML_TYPES else k.__name__ for k in kinds]
    out = names[0]
    for name in names[1:]:
        out = Phrase(POLICY_MESSAGES["either_type"], first=out, second=name)
    return out


class _Table:
    """A TOML table read strictly: every key must be taken, or it is reported as unknown."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, Mapping):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["not_table"], where=where))
        self.data = dict(data)
        self.where = where
        self.taken: set[str] = set()

    def req(self, key: str, kind: type | tuple[type, ...] = str) -> Any:
        if key not in self.data:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["missing_key"], where=self.where, key=key))
        return self.opt(key, kind)

    def opt(self, key: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
        self.taken.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            wanted = _type_names(kind if isinstance(kind, tuple) else (kind,))
            got = _type_names((type(value),))
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["wrong_type"],
                    where=f"{self.where}.{key}",
                    wanted=wanted,
                    got=got,
                    raw=value,
                )
            )
        return value

    def strs(self, key: str) -> tuple[str, ...]:
        values = self.opt(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["not_strings"], where=f"{self.where}.{key}"))
        return tuple(values)

    def strs_en(self, key: str, chinese: tuple[str, ...]) -> tuple[str, ...]:
        """`<key>_en`, the English of the list `key`: optional, but when given one for each Chinese item."""
        english = self.strs(f"{key}_en")
        if english and len(english) != len(chinese):
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["english_items"],
                    where=f"{self.where}.{key}_en",
                    key=key,
                    count=len(chinese),
                )
            )
        return english

    def words_en(self, key: str, chinese: dict[str, str]) -> dict[str, str]:
        """`<key>_en`, the English of the table of words `key`: optional, but then with the same keys."""
        english = dict(self.opt(f"{key}_en", dict, {}))
        if english and set(english) != set(chinese):
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["english_keys"], where=f"{self.where}.{key}_en", key=key)
            )
        return english

    def done(self) -> None:
        unknown = set(self.data) - self.taken
        if unknown:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["unknown_keys"], where=self.where, keys=", ".join(sorted(unknown)))
            )


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return toml_cache.load(path)
    except OSError as err:  # a folder or a link to nothing of the name, a file not to be read
        raise PolicyDataError(
            Phrase(POLICY_MESSAGES["cannot_read"], where=path.name, why=os_reason(err))
        ) from None
    except UnicodeDecodeError:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["not_utf8"], where=path.name)) from None
    except (ValueError, RecursionError) as err:  # TOMLDecodeError is a ValueError
        if toml_cache.is_decode_error(err):  # said again in Chinese, where the file's text places it
            text = path.read_bytes().decode("utf-8-sig")
            problem = toml_cache.syntax_problem(err, text)
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["not_toml"], where=path.name, error=problem)
            ) from None
        # an integer of too many digits, nesting deeper than the reader
        raise PolicyDataError(Phrase(POLICY_MESSAGES["too_deep"], where=path.name)) from None


def _document(path: Path) -> Document:
    t = _Table(_load_toml(path), path.name)
    articles: dict[str, Article] = {}
    for i, raw in enumerate(t.opt("article", list, [])):
        a = _Table(raw, f"{path.name}.article[{i}]")
        art = Article(a.req("id"), a.req("heading"), a.req("text"), a.strs("responsible"))
        a.done()
        if art.id in articles:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["article_twice"], where=path.name, art=art.id))
        articles[art.id] = art
    doc = Document(
        id=t.req("id"),
        title=t.req("title"),
        issuer=t.req("issuer"),
        number=t.opt("number", str, ""),
        kind=t.req("kind"),
        level=t.req("level"),
        issued=t.opt("issued", dt.date),
        in_force_from=t.opt("in_force_from", dt.date),
        in_force_to=t.opt("in_force_to", dt.date),
        superseded_by=t.opt("superseded_by", str, ""),
        superseded_on=t.opt("superseded_on", dt.date),
        status_note=t.opt("status_note", str, ""),
        source=t.req("source"),
        source_note=t.opt("source_note", str, ""),
        preamble=t.opt("preamble", str, ""),
        closing=t.opt("closing", str, ""),
        articles=articles,
        corrections=tuple(
            _correction(raw, f"{path.name}.corrections[{i}]")
            for i, raw in enumerate(t.opt("corrections", list, []))
        ),
        title_en=t.opt("title_en", str, ""),
        status_note_en=t.opt("status_note_en", str, ""),
        source_note_en=t.opt("source_note_en", str, ""),
        issuer_en=t.opt("issuer_en", str, ""),
    )
    raw_windows = t.opt("window", list, [])
    t.done()
    if doc.id != path.stem:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["id_not_name"], where=path.name, id=doc.id))
    if doc.kind not in DOC_KINDS:
        raise PolicyDataError(
            Phrase(POLICY_MESSAGES["one_of"], where=path.name, key="kind", choices=DOC_KINDS)
        )
    if doc.in_force_from and doc.in_force_to and doc.in_force_to < doc.in_force_from:
        raise PolicyDataError(
            Phrase(
                POLICY_MESSAGES["force_ends_first"],
                where=path.name,
                end=doc.in_force_to,
                start=doc.in_force_from,
            )
        )
    if doc.kind != "notice":
        if raw_windows:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["window_not_notice"], where=path.name))
        return doc
    return dataclasses.replace(doc, windows=_notice_windows(doc, raw_windows, path.name))


def _notice_windows(doc: Document, raw_windows: list[Any], where: str) -> tuple[NoticeWindow, ...]:
    """A notice's windows, checked: a notice opens measures for dated days and carries no articles of its
    own (those belong to the document the measure rests on)."""
    if doc.articles or doc.corrections:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_articles"], where=where))
    if not doc.number or doc.issued is None:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_number"], where=where))
    if doc.superseded_by or doc.superseded_on:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_superseded"], where=where))
    if not raw_windows:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_windows"], where=where))
    out: list[NoticeWindow] = []
    for i, raw in enumerate(raw_windows):
        w = _Table(raw, f"{where}.window[{i}]")
        window = NoticeWindow(
            notice=doc.id,
            measure=w.req("measure"),
            opens=w.req("opens", dt.date),
            closes=w.req("closes", dt.date),
            materials=w.strs("materials"),
            submit_to=w.opt("submit_to", str, ""),
            contact=w.opt("contact", str, ""),
            note=w.opt("note", str, ""),
            materials_en=w.strs_en("materials", w.strs("materials")),
            note_en=w.opt("note_en", str, ""),
        )
        w.done()
        at = Phrase(POLICY_MESSAGES["window_at"], where=f"{where}.window[{i}]", measure=window.measure)
        if isinstance(window.opens, dt.datetime) or isinstance(window.closes, dt.datetime):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["window_time"], where=at))
        if window.closes < window.opens:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["closes_first"], where=at, closes=window.closes, opens=window.opens)
            )
        if window.opens < doc.issued:
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["opens_before_issued"], where=at, opens=window.opens, issued=doc.issued
                )
            )
        if doc.in_force_from and window.opens < doc.in_force_from:
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["opens_before_force"],
                    where=at,
                    opens=window.opens,
                    start=doc.in_force_from,
                )
            )
        if doc.in_force_to and window.closes > doc.in_force_to:
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["closes_after_force"], where=at, closes=window.closes, end=doc.in_force_to
                )
            )
        if any(not item.strip() for item in window.materials):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["empty_material"], where=at))
        if any(o.measure == window.measure for o in out):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["window_twice"], where=at, measure=window.measure))
        out.append(window)
    return tuple(out)


def _correction(raw: Any, where: str) -> tuple[str, str]:
    t = _Table(raw, where)
    pair = (t.req("source"), t.req("reads"))
    t.done()
    return pair


def _parameter(name: str, raw: Any, where: str) -> Parameter:
    t = _Table(raw, f"{where}.params.{name}")
    values = t.req("values", dict)
    reference = t.req("reference")
    unit = t.opt("unit", str, "")
    t.done()
    if not values:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["no_values"], where=f"{where}.params.{name}"))
    rows = []
    for key, value in values.items():
        try:
            date = dt.date.fromisoformat(key)
        except ValueError:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["bad_date"], where=f"{where}.params.{name}", raw=key)
            ) from None
        rows.append((date, _param_value(value, f"{where}.params.{name}")))
    rows.sort()
    return Parameter(name, tuple(d for d, _ in rows), tuple(v for _, v in rows), reference, unit)


def _param_value(value: Any, where: str) -> Any:
    """Numbers are written as strings and read as Decimal (never float); dates, lists and words pass."""
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            raise PolicyDataError(Phrase(POLICY_MESSAGES["not_finite"], where=where, raw=value))
        return _bounded(number, where)
    if isinstance(value, (dt.date, list, bool)):
        return value
    if isinstance(value, int):
        return _bounded(Decimal(value), where)
    raise PolicyDataError(Phrase(POLICY_MESSAGES["float"], where=where))


def _bounded(number: Decimal, where: str) -> Decimal:
    """A number of the policy data, below 10 万亿 as a profile's are: what a formula makes of the two
    stays within what Decimal writes to the fen."""
    if abs(number) >= TOO_LARGE:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["too_large"], where=where, number=number))
    return number


# The kinds of profile field a comparison (>=, >, <=, <) reads: numbers, compared with numbers.
NUMBER_KINDS = frozenset({"money", "signed_money", "number", "count", "year_index", "ratio"})
# The parameters a formula reads that are not numbers: words and lists (rules/formulas.py, generic.py).
WORD_PARAMS = frozenset({"unit", "claim_period"})
LIST_PARAMS = frozenset({"window_months", "tiers"})


def _number(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def _fact_kind(path: str) -> str:
    section, _, key = path.partition(".")
    return (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key].kind


def _condition(raw: Any, where: str, params: dict[str, Parameter]) -> Condition:
    t = _Table(raw, where)
    value = t.opt("value", (int, str, list), None)
    if value is not None and not isinstance(value, list):
        try:
            value = Decimal(value)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["not_number"], where=f"{where}.value", raw=t.data["value"])
            )
        value = _bounded(value, f"{where}.value")
    cond = Condition(
        fact=t.opt("fact", str, ""),
        op=t.opt("op", str, ""),
        value=value,
        param=t.opt("param", str, ""),
        recognition=t.opt("recognition", str, ""),
        since=t.opt("since", str, ""),
        label=t.opt("label", str, ""),
        label_en=t.opt("label_en", str, ""),
        otherwise=t.opt("otherwise", str, ""),
    )
    t.done()
    if cond.otherwise:
        if cond.recognition:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["recognition_otherwise"], where=where))
        _check_fact_path(cond.otherwise, f"{where}.otherwise")
        _check_fact_path(cond.fact, where)
        if _fact_kind(cond.otherwise) != _fact_kind(cond.fact) or cond.otherwise == cond.fact:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["otherwise_kind"], where=f"{where}.otherwise", fact=cond.fact)
            )
    if cond.recognition:
        if cond.recognition not in RECOGNITION_KINDS:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["unknown_recognition"], where=where, recognition=cond.recognition)
            )
        if cond.fact or cond.op:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["recognition_fact"], where=where))
        if cond.since and cond.since not in params:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["no_param"], where=where, param=cond.since))
        if cond.since and not all(isinstance(v, dt.date) for v in params[cond.since].values):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["param_not_date"], where=where, param=cond.since))
        return cond
    _check_fact_path(cond.fact, where)
    if cond.op not in CONDITION_OPS:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["one_of"], where=where, key="op", choices=CONDITION_OPS))
    if cond.param and cond.param not in params:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["no_param"], where=where, param=cond.param))
    needs_operand = cond.op not in ("true",)
    if needs_operand and (cond.value is None) == (not cond.param):
        raise PolicyDataError(Phrase(POLICY_MESSAGES["value_or_param"], where=where))
    _check_operands(cond, where, params)
    return cond


def _check_operands(cond: Condition, where: str, params: dict[str, Parameter]) -> None:
    """What a condition compares must be comparable with its fact, on every date, or judging a profile
    would fail: numbers with a number field, a list for `in`, a whole number of years of a date."""
    if cond.op == "true":
        return
    kind = _fact_kind(cond.fact)
    operands = [cond.value] if cond.value is not None else list(params[cond.param].values)
    given = Phrase(POLICY_MESSAGES["the_param"], param=cond.param) if cond.param else "value"
    if cond.op == "within_years":
        if kind != "date":
            raise PolicyDataError(Phrase(POLICY_MESSAGES["within_not_date"], where=where, fact=cond.fact))
        if cond.param or not _number(cond.value) or cond.value < 0 or cond.value != int(cond.value):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["within_years"], where=where))
    elif cond.op == "in":
        if not all(isinstance(o, list) for o in operands):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["in_list"], where=where, given=given))
    elif cond.op in (">=", ">", "<=", "<"):
        if kind not in NUMBER_KINDS:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["not_numeric_fact"], where=where, fact=cond.fact, op=cond.op)
            )
        if not all(_number(o) for o in operands):
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["operand_number"], where=where, op=cond.op, given=given)
            )


def _check_formula_params(measure: Measure, where: str) -> None:
    """The parameters a named formula reads have the shape it computes with, on every date: numbers,
    but for its words (unit) and lists (window_months, tiers)."""
    from shenbao.core.rules.formulas import OPTIONAL_PARAMS, PARAMS_READ

    read = {*PARAMS_READ.get(measure.formula, ()), *OPTIONAL_PARAMS}
    for name, param in measure.params.items():
        if name not in read and not name.startswith("rate_year"):
            continue
        at = f"{where}.params.{name}"
        for value in param.values:
            if name in WORD_PARAMS:
                ok = isinstance(value, str)
            elif name == "window_months":
                ok = isinstance(value, list) and all(
                    isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value
                )
            elif name == "tiers":
                ok = isinstance(value, list) and bool(value) and all(_tier(row) for row in value)
            else:
                ok = _number(value)
            if not ok:
                raise PolicyDataError(
                    Phrase(POLICY_MESSAGES["formula_shape"], where=at, raw=value, formula=measure.formula)
                )
            if name not in WORD_PARAMS and not _not_negative(value):
                raise PolicyDataError(Phrase(POLICY_MESSAGES["negative"], where=at, number=value))


def _not_negative(value: Any) -> bool:
    """A formula's number, or every number of its list (a tier's from and amount), at least 0: what a
    named formula computes with a negative rate, cap or sum is a negative amount to apply for."""
    if isinstance(value, list):
        return all(_not_negative(v) for v in value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return True
    return not isinstance(value, Decimal) or not value < 0


def _tier(row: Any) -> bool:
    """A tier written as [from, amount], both numbers (as strings or whole numbers)."""
    if not isinstance(row, list) or len(row) != 2:
        return False
    for part in row:
        try:
            number = Decimal(part) if isinstance(part, (str, int)) and not isinstance(part, bool) else None
        except InvalidOperation:
            return False
        if not _number(number):
            return False
    return True


def _check_fact_path(path: str, where: str) -> None:
    section, _, key = path.partition(".")
    fields = {"enterprise": ENTERPRISE_FIELDS, "facts": FACT_FIELDS}.get(section)
    if fields is None or key not in fields:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["no_field"], where=where, raw=path))


def _ruleset_and_measures(path: Path, documents: dict[str, Document]) -> tuple[RuleSet, list[Measure]]:
    t = _Table(_load_toml(path), path.name)
    doc_id = t.req("document")
    if doc_id not in documents:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["no_document"], where=path.name, doc=doc_id))
    doc = documents[doc_id]
    if doc.kind == "notice":
        raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_measures"], where=path.name, doc=doc_id))
    region_t = _Table(t.req("region", dict), f"{path.name}.region")
    region = Region(region_t.req("field"), region_t.req("equals"))
    region_t.done()
    _check_fact_path(region.field, f"{path.name}.region")
    warnings, notes = t.strs("warnings"), t.strs("notes")
    city_warnings = dict(t.opt("city_warnings", dict, {}))
    ruleset = RuleSet(
        doc_id,
        region,
        warnings,
        notes,
        city_warnings,
        t.strs_en("warnings", warnings),
        t.strs_en("notes", notes),
        t.words_en("city_warnings", city_warnings),
    )
    measures = []
    for i, raw in enumerate(t.opt("measure", list, [])):
        m = _Table(raw, f"{path.name}.measure[{i}]")
        mid = m.req("id")
        where = f"{path.name}:{mid}"
        params = {name: _parameter(name, value, where) for name, value in m.opt("params", dict, {}).items()}
        conditions = tuple(
            _condition(c, f"{where}.conditions[{j}]", params)
            for j, c in enumerate(m.opt("conditions", list, []))
        )
        article = m.req("article")
        if article not in doc.articles:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["no_article"], where=where, art=article, doc=doc_id))
        applicants = m.strs("applicants")
        notes, warnings = m.strs("notes"), m.strs("warnings")
        measure = Measure(
            id=mid,
            document=doc_id,
            article=article,
            title=m.req("title"),
            applicants=tuple(ORG_TYPES) if applicants == ("any",) else applicants,
            amount_kind=m.req("amount_kind"),
            selection=m.req("selection", bool),
            formula=m.opt("formula", str, ""),
            inputs=m.strs("inputs"),
            clause=m.req("clause"),
            notes=notes,
            warnings=warnings,
            conditions=conditions,
            params=params,
            responsible=m.strs("responsible") or doc.articles[article].responsible,
            expression=m.opt("expression", str, ""),
            title_en=m.opt("title_en", str, ""),
            notes_en=m.strs_en("notes", notes),
            warnings_en=m.strs_en("warnings", warnings),
        )
        m.done()
        stray = set(measure.responsible) - set(doc.articles[article].responsible)
        if stray:
            raise PolicyDataError(
                Phrase(
                    POLICY_MESSAGES["stray_responsible"],
                    where=where,
                    units="、".join(sorted(stray)),
                    art=article,
                )
            )
        if not mid.startswith(doc_id + "."):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["id_prefix"], where=where, doc=doc_id))
        if measure.amount_kind not in AMOUNT_KINDS:
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["one_of"], where=where, key="amount_kind", choices=AMOUNT_KINDS)
            )
        if measure.formula and measure.expression:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["formula_and_expression"], where=where))
        if (measure.amount_kind in MONETARY_KINDS) != bool(measure.formula or measure.expression):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["formula_for_amount"], where=where))
        if any(a not in ORG_TYPES for a in measure.applicants):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["unknown_applicant"], where=where))
        for path_ in measure.inputs:
            _check_fact_path(path_, f"{where}.inputs")
        if measure.expression:
            _check_expression(measure, where)
        if measure.formula:
            _check_formula_params(measure, where)
        measures.append(measure)
    t.done()
    return ruleset, measures


def _check_expression(measure: Measure, where: str) -> None:
    from shenbao.core.expressions import ExpressionError, parse_expression

    inputs = {path.partition(".")[2]: path for path in measure.inputs}
    try:
        expression = parse_expression(measure.expression, set(inputs) | set(measure.params))
    except ExpressionError as err:
        raise PolicyDataError(
            Phrase(POLICY_MESSAGES["unreadable"], where=f"{where}.expression", error=err.args[0])
        ) from None
    # It computes with numbers and yes/no only (an input of the name wins over a parameter, as judged).
    for name in expression.names:
        if name in inputs:
            if _fact_kind(inputs[name]) not in NUMBER_KINDS | {"bool"}:
                raise PolicyDataError(
                    Phrase(POLICY_MESSAGES["input_kind"], where=f"{where}.inputs", fact=inputs[name])
                )
            continue
        for value in measure.params[name].values:
            if not (_number(value) or isinstance(value, bool)):
                raise PolicyDataError(
                    Phrase(POLICY_MESSAGES["param_kind"], where=f"{where}.params.{name}", raw=value)
                )


def _comparison(path: Path, documents: dict[str, Document]) -> Comparison:
    """The draft-to-final comparison, generated from the two texts; the file only gives titles to entries."""
    t = _Table(_load_toml(path), path.name)
    draft, final = t.req("draft"), t.req("final")
    titles = []
    for i, raw in enumerate(t.opt("title", list, [])):
        c = _Table(raw, f"{path.name}.title[{i}]")
        titles.append(
            Title(
                article=c.req("article"),
                topic=c.req("topic"),
                summary=c.req("summary"),
                kind=c.opt("kind", str, ""),
                draft=c.opt("draft", str, ""),
                final=c.opt("final", str, ""),
                topic_en=c.opt("topic_en", str, ""),
                summary_en=c.opt("summary_en", str, ""),
            )
        )
        c.done()
        if not (titles[-1].draft or titles[-1].final):
            raise PolicyDataError(Phrase(POLICY_MESSAGES["title_quote"], where=f"{path.name}.title[{i}]"))
    t.done()
    for doc_id in (draft, final):
        if doc_id not in documents:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["no_document"], where=path.name, doc=doc_id))
        if documents[doc_id].kind == "notice":
            raise PolicyDataError(Phrase(POLICY_MESSAGES["notice_compared"], where=path.name, doc=doc_id))
    try:
        return compare(documents[draft], documents[final], tuple(titles))
    except ComparisonError as err:
        raise PolicyDataError(
            Phrase(POLICY_MESSAGES["unreadable"], where=path.name, error=err.message)
        ) from None


def _stacking(raw: Any, where: str, measures: dict[str, Measure]) -> StackingGroup:
    t = _Table(raw, where)
    group = StackingGroup(t.req("id"), t.req("title"), t.strs("measures"))
    t.done()
    unknown = [m for m in group.measures if m not in measures]
    if unknown:
        raise PolicyDataError(
            Phrase(POLICY_MESSAGES["no_measures"], where=where, names="、".join(unknown), items=unknown)
        )
    if len(group.measures) < 2:
        raise PolicyDataError(Phrase(POLICY_MESSAGES["two_measures"], where=where))
    return group


def _sha256() -> Any:
    """A SHA-256 hasher. Python's own (built in) rather than hashlib's: hashlib loads OpenSSL, which cost
    the start more than hashing the library's 150 KB the slower way."""
    try:
        from _sha256 import sha256
    except ImportError:  # a Python whose built-in SHA-256 is elsewhere
        from hashlib import sha256
    return sha256()


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read and check the whole policy library. Raises PolicyDataError on any schema breach."""
    folder = folder or paths.policies()
    digest = _sha256()
    files = sorted(folder.rglob("*.toml"))
    for f in files:
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    head = _Table(_load_toml(folder / "catalogue.toml"), "catalogue.toml")
    version = head.req("version")
    checked_on = head.req("checked_on", dt.date)
    judged = head.strs("judged")
    library = head.strs("library")
    warn_days = head.req("warn_days_before_end", int)
    stacking_raw = head.opt("stacking", list, [])
    head.done()

    tree = read_tree(folder, {})
    documents, rulesets, comparisons = tree.documents, tree.rulesets, tree.comparisons
    for doc_id in (*judged, *library):
        if doc_id not in documents:
            raise PolicyDataError(Phrase(POLICY_MESSAGES["no_document"], where="catalogue.toml", doc=doc_id))
    for doc_id in judged:
        if documents[doc_id].kind == "notice":
            raise PolicyDataError(
                Phrase(POLICY_MESSAGES["notice_judged"], where="catalogue.toml.judged", doc=doc_id)
            )
    measures: dict[str, Measure] = {}
    for doc_id in judged:
        for m in tree.measures.get(doc_id, []):
            if m.id in measures:
                raise PolicyDataError(Phrase(POLICY_MESSAGES["measure_twice"], measure=m.id))
            measures[m.id] = m
    stacking = tuple(
        _stacking(raw, f"catalogue.toml.stacking[{i}]", measures) for i, raw in enumerate(stacking_raw)
    )
    toml_cache.flush()
    return Catalogue(
        version=f"{version}+{digest.hexdigest()[:8]}",
        checked_on=checked_on,
        warn_days_before_end=warn_days,
        judged=judged,
        library=library,
        documents=documents,
        rulesets=rulesets,
        measures=measures,
        comparisons=comparisons,
        stacking=stacking,
    )


@dataclass
class Tree:
    """A library tree read with the same schema as the shipped one (a policy pack's): its documents, the
    rules and measures of each, and its comparisons. Measures and comparisons may cite `known` documents."""

    documents: dict[str, Document]
    rulesets: dict[str, RuleSet]
    measures: dict[str, list[Measure]]
    comparisons: list[Comparison]


def read_tree(folder: Path, known: Mapping[str, Document], known_measures: Collection[str] = ()) -> Tree:
    """Read a tree; a notice may open a measure of the tree itself or one of `known_measures`."""
    documents = {p.stem: _document(p) for p in sorted((folder / "documents").glob("*.toml"))}
    every = {**known, **documents}
    rulesets: dict[str, RuleSet] = {}
    by_doc: dict[str, list[Measure]] = {}
    for p in sorted((folder / "measures").glob("*.toml")):
        ruleset, ms = _ruleset_and_measures(p, every)
        rulesets[ruleset.document] = ruleset
        by_doc[ruleset.document] = ms
    comparisons = [_comparison(p, every) for p in sorted((folder / "comparisons").glob("*.toml"))]
    measures = {m.id for ms in by_doc.values() for m in ms} | set(known_measures)
    for doc in documents.values():
        for w in doc.windows:
            if w.measure not in measures:
                raise PolicyDataError(
                    Phrase(POLICY_MESSAGES["notice_no_measure"], where=f"{doc.id}.toml", measure=w.measure)
                )
    return Tree(documents, rulesets, by_doc, comparisons)


@cache
def shipped_catalogue() -> Catalogue:
    """The shipped policy library, loaded once per process."""
    return load_catalogue()


_in_use: list[Catalogue] = []


def use_catalogue(cat: Catalogue | None) -> None:
    """Judge with `cat` from now on — the shipped library with a data folder's policy packs — or, with
    None, with the shipped library alone."""
    _in_use[:] = [cat] if cat is not None else []


def catalogue() -> Catalogue:
    """The library in use: the shipped one, unless a data folder's policy packs were put in use."""
    return _in_use[0] if _in_use else shipped_catalogue()
