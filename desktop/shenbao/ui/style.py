"""How the UI shows what the core decided, shared by every view: status colours and sums of money
(written by shenbao.core.money, the one formatter of the screen, the printout, the CSV and the report)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from shenbao.core import money
from shenbao.core.model import ProfileError, label_of
from shenbao.core.phrases import counted_by
from shenbao.core.policies import catalogue
from shenbao.errors import one_line, paths_in_one_line
from shenbao.ui.app import QT_TRANSLATE_NOOP, core_text

# (text, background) of a measure's status badge.
STATUS_COLOURS = {
    "eligible": ("#1b7f3b", "#e3f4e8"),
    "ineligible": ("#a8322d", "#fbe5e3"),
    "incomplete": ("#9a6400", "#fff1d6"),
    "not_in_force": ("#5f6368", "#eceff1"),
}


# A declaration's state in the register (core.register's codes), in the "Register" translation context.
STATE_TEXT = {
    "draft": QT_TRANSLATE_NOOP("Register", "草稿"),
    "generated": QT_TRANSLATE_NOOP("Register", "已生成"),
    "submitted": QT_TRANSLATE_NOOP("Register", "已提交"),
    "accepted": QT_TRANSLATE_NOOP("Register", "已受理"),
    "selected": QT_TRANSLATE_NOOP("Register", "已入选·已立项"),
    "paid": QT_TRANSLATE_NOOP("Register", "已拨付"),
    "refused": QT_TRANSLATE_NOOP("Register", "未通过"),
    "withdrawn": QT_TRANSLATE_NOOP("Register", "已撤回"),
}


def state_text(state: str) -> str:
    """A declaration's state as the interface says it (已提交, Submitted)."""
    return QCoreApplication.translate("Register", STATE_TEXT.get(state, state))


def money_or_dash(value: Decimal | None) -> str:
    """A sum of the register in 元, or — when there is none."""
    return "—" if value is None else format_yuan(value)


ERROR_COLOUR = "#a8322d"  # a field's error message
NOTE_COLOUR = "#5f6368"  # a field's source, a hint
WARNING_COLOUR = "#9a6400"


def set_text_colour(widget: QWidget, colour: str) -> None:
    """A label's text colour through its palette: the same look as a `color:` style sheet without one,
    which would make Qt style the widget through its style-sheet engine (the editor has a hundred)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


def counting(bar: Any, text: str, count: int) -> None:
    """Make a progress bar count `count` things in `text` (%v and %m, 「正在测算 %v / %m 家企业…」), as
    wide as the text at its longest: a bar asks only for the room 「100%」 takes, and beside a stretching
    label its words were cut to 「…测算 1034 / 5…」."""
    bar.setFormat(text)
    widest = text.replace("%v", str(count)).replace("%m", str(count))
    bar.setMinimumWidth(bar.fontMetrics().horizontalAdvance(widest) + 40)  # the frame and the chunk's margins
    bar.setRange(0, max(count, 1))
    bar.setValue(0)


# Money is written by one formatter, in the core (shenbao.core.money): these names are its, for the UI.
format_wan = money.wan
format_yuan = money.yuan


def ui_language() -> str:
    """ "en" when the interface speaks English (app.install_translators sets the default locale), else "zh"."""
    return "en" if QLocale().language() == QLocale.Language.English else "zh"


def listed(items: Iterable[str]) -> str:
    """Items in one line, as the interface's language writes a list: 甲、乙、丙 or "A, B, C"."""
    return (", " if ui_language() == "en" else "、").join(items)


def bracketed(text: str, note: str) -> str:
    """`text` with `note` after it in brackets: 标题（fj2025） or "Title (fj2025)"."""
    return f"{text} ({note})" if ui_language() == "en" else f"{text}（{note}）"


def colon() -> str:
    """The colon after a label: "：" in Chinese, ": " in English."""
    return ": " if ui_language() == "en" else "："


def gap() -> str:
    """The space between two items of one line: an ideographic space in Chinese, two in English."""
    return "\u00a0\u00a0" if ui_language() == "en" else "\u3000"


def amount_text(value: Decimal) -> str:
    """A sum with its unit in the interface's language: "12.5 万元", "0.5 元", "CNY 3.75 million"."""
    return money.amount(value, ui_language())


def yuan_and_wan_text(value: Decimal) -> str:
    """The exact sum and its 万元 in the interface's language: "125,000.00 元（12.5 万元）", "CNY 125,000.00"."""
    return money.yuan_and_wan(value, ui_language())


# --- the policy data in the interface's language ----------------------------------------------------
# Measures, documents and conditions carry their English in the policy data (title_en, label_en); the
# clause and the document's text stay the Chinese law they quote.

_NUMERALS = {c: str(i) for i, c in enumerate("一二三四五六七八九十", 1)}


def _english_of(item: Any, chinese: str) -> str:
    """An item's title_en in the English interface, else `chinese` (also when the data has no English)."""
    english = getattr(item, "title_en", "") if ui_language() == "en" else ""
    return english or chinese


def measure_title(measure_id: str, title: str) -> str:
    """The measure's title in the interface's language."""
    return _english_of(catalogue().measures.get(measure_id), title)


def form_title(form: Any) -> str:
    """The declaration form's title: 「…申报书」, in English "Application: <the measure's title>"."""
    if ui_language() == "en":
        return "Application: " + measure_title(form.measure, form.title)
    return str(form.title)


def period_text(doc: Any) -> str:
    """A document's period of force in the interface's language."""
    if ui_language() != "en":
        return str(doc.period_text())
    if doc.kind == "draft":
        return "Draft for comments, not a basis for applications"
    if doc.kind == "notice":
        opens, closes = doc.window_span()
        return f"Applications {opens.isoformat()} to {closes.isoformat()}"
    start = doc.in_force_from.isoformat() if doc.in_force_from else "?"
    return _span_english(start, doc.in_force_to.isoformat() if doc.in_force_to else "未载明")


def _span_english(start: str, end: str) -> str:
    """「A 至 B」 of a period of force in English; a period with no end stated reads from its start."""
    return f"from {start}, end not stated" if end == "未载明" else f"{start} to {end}"


def document_title(doc_id: str, title: str) -> str:
    """The document's title in the interface's language."""
    return _english_of(catalogue().documents.get(doc_id), title)


def document_note(doc: Any, key: str) -> str:
    """A document's `status_note` or `source_note` in the interface's language (`<key>_en` in the data)."""
    english = getattr(doc, f"{key}_en", "") if ui_language() == "en" else ""
    return str(english or getattr(doc, key))


def issuer_text(doc: Any) -> str:
    """A document's issuer: the law's name of it, or in the English interface its English where the
    data gives one (a draft whose drafting department is not stated)."""
    english = getattr(doc, "issuer_en", "") if ui_language() == "en" else ""
    return str(english or doc.issuer)


def condition_label(measure_id: str, label: str) -> str:
    """A condition's own label (`label` in the data) in the interface's language."""
    if ui_language() == "en":
        measure = catalogue().measures.get(measure_id)
        for condition in measure.conditions if measure is not None else ():
            if condition.label == label and condition.label_en:
                return condition.label_en
    return label


def article_text(article: str) -> str:
    """An article's number as the interface writes it: 三(一) → 3(1), 附件2 → Annex 2 in English; an
    article named by its heading (the fj2023 report's) stays the law's own words."""
    if ui_language() != "en":
        return article
    if article.startswith("附件"):
        return "Annex " + article[2:]
    if article and all(c in _NUMERALS or c in "()（）" for c in article):
        return re.sub(
            "[一二三四五六七八九十]+", lambda m: str(_chinese_number(m.group())), article
        ).translate({ord("（"): "(", ord("）"): ")"})
    return article


def _chinese_number(text: str) -> int:
    """一 … 九十九: 十 → 10, 十二 → 12, 二十三 → 23."""
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return int(_NUMERALS[text])
    return int(_NUMERALS.get(tens, "1")) * 10 + (int(_NUMERALS[ones]) if ones else 0)


_PLACES = {"福建省": "Fujian", "福州市": "Fuzhou", "厦门市": "Xiamen", "泉州市": "Quanzhou"}


def condition_text(measure_id: str, c: Any) -> tuple[str, str]:
    """(label, value) of a condition of the trace in the interface's language. The core writes each in
    one of a few shapes (rules/engine.py: the region, the applicant, a recognition, a fact compared with
    a threshold); in English each shape is written again from its parts, the labels of fields,
    recognitions and kinds of organisation coming from the catalogue of core strings. (These English
    words are written only for the English interface, so they are English at the source.)"""
    if ui_language() != "en":
        return c.label, c.value
    return _condition_label(measure_id, c), _condition_value(c.value)


def _condition_label(measure_id: str, c: Any) -> str:
    own = condition_label(measure_id, c.label)
    if own != c.label:
        return own
    label = c.label
    if label.startswith("注册地为"):
        place = label[4:]
        return "Registered in %1".replace("%1", _PLACES.get(place, place))
    if label.startswith("申报主体为"):
        kinds = [core_text(k) for k in label[5:].split("、")]
        return "The applicant is %1".replace("%1", " / ".join(kinds))
    if label.startswith("已获认定为"):
        name, _, since = label[5:].partition("（")
        text = "Recognised as %1".replace("%1", core_text(name))
        if since:
            text += " " + "(on or after %1)".replace("%1", since.split(" ")[0])
        return text
    base = label_of(c.fact) if c.fact else ""
    if base and label.startswith(base):
        rest = label[len(base) :]
        within = re.fullmatch(r"：测算年度为当年或其后 (\d+) 年内", rest)
        if within:
            return (
                core_text(base)
                + ": "
                + "the year judged is that year or up to %1 years later".replace("%1", within.group(1))
            )
        inclusive = rest.endswith("（含）")
        rest = _condition_value(rest.removesuffix("（含）").strip())
        return f"{core_text(base)} {rest}".strip() + (" " + "(inclusive)" if inclusive else "")
    return label


def value_text(value: str) -> str:
    """A value as the core or a field shows it (是, 否, 未填写, a sum in 元, a kind of organisation) in
    the interface's language; what the user typed stays as typed."""
    return _condition_value(value) if ui_language() == "en" else value


def _condition_value(value: str) -> str:
    """A value the trace shows: yes/no, a sum, a kind of organisation, a place, dates of recognition."""
    words = {"是": "Yes", "否": "No", "未填写": "Not filled in", "无此认定": "None"}
    if value in words:
        return words[value]
    derived = re.fullmatch(r"(.*)（由(.*)计得）", value)
    if derived:
        return (
            _condition_value(derived.group(1))
            + " "
            + "(from the %1)".replace("%1", core_text(derived.group(2)))
        )
    recognised = re.fullmatch(r"([\d\-、]+) 认定", value)
    if recognised:
        return "recognised %1".replace("%1", recognised.group(1).replace("、", ", "))
    if value.startswith(("≥ ", "> ", "≤ ", "< ", "= ", "∈ ")):
        op, _, operand = value.partition(" ")
        return f"{op} {_condition_value(operand)}"
    if value.endswith(" 元"):
        return f"CNY {value[:-2]}"
    if value in _PLACES:
        return _PLACES[value]
    return core_text(value)


_FORMULA_YEAR = re.compile(r"（第 (\d+) 年）\s*")
_FORMULA_UNITS = {"个产品": ("product", "products"), "人·年": ("person-year", "person-years")}
_FORMULA_COUNT = re.compile(r"([\d.,]+)? ?(" + "|".join(map(re.escape, _FORMULA_UNITS)) + ")")


def _unit(match: re.Match[str]) -> str:
    count, (one, many) = match.group(1), _FORMULA_UNITS[match.group(2)]
    if count is None:
        return " " + many
    return f"{count} {one if count == '1' else many}"


# The other words a formula is written with (rules/generic.py, core/expressions.py): a tier reached, the
# years of an interest subsidy, and an expression's yes/no, not, and, or and conditional in brackets.
# Compiled when an English window first writes a formula (`_formula_words`): the Chinese window never
# needs them, and the character classes alone took 5 ms of every start.
_CJK = "\u3400-\u9fff"
_FORMULA_WORDS = (
    (r"（含）档", " (inclusive) tier"),
    (r"\) 年(?= =|$)", ") years"),
    (rf"(?<![{_CJK}])是(?![{_CJK}])", "yes"),
    (rf"(?<![{_CJK}])否(?![{_CJK}])", "no"),
    (rf"(?<![{_CJK}])非 ", "not "),
    (" 且 ", " and "),
    (" 或 ", " or "),
    ("（", "("),
    ("）", ")"),
)


@functools.cache
def _formula_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), english) for pattern, english in _FORMULA_WORDS)


def formula_text(formula: str) -> str:
    """The formula with its numbers filled in, its few Chinese words (the year of a claim, units: one
    product, two products, a tier, an expression's yes and no) written in the interface's language."""
    if ui_language() != "en":
        return formula
    text = _FORMULA_COUNT.sub(_unit, _FORMULA_YEAR.sub(r" (year \1) ", formula))
    for pattern, english in _formula_words():
        text = pattern.sub(english, text)
    return text


def reason_text(result: Any, reason: str) -> str:
    """Why a measure is not met, in the interface's language: the engine's few shapes (a condition not
    met, a recognition missing, too early or not yet held on the as-of date, the wrong applicant, a date
    outside the document's period) written again from their parts; any other reason is shown as the core
    wrote it."""
    if ui_language() != "en":
        return reason
    if hasattr(reason, "template"):
        return sentence_text(result, reason)
    by_label = {c.label: c for c in result.conditions}
    unmet = re.fullmatch(r"不满足“(.*)”（实际：(.*)）", reason)
    if unmet and unmet.group(1) in by_label:
        label = _condition_label(result.measure, by_label[unmet.group(1)])
        return f"Not met: “{label}” (actual: {_condition_value(unmet.group(2))})"
    early = re.fullmatch(r"不满足“(.*)”：项目 (\S+) 投用，测算日期早于投用年度", reason)
    if early and early.group(1) in by_label:
        label = _condition_label(result.measure, by_label[early.group(1)])
        return f"Not met: “{label}”: the project went into service on {early.group(2)}, after the year judged"
    missing = re.fullmatch(r"未获认定为(.*)", reason)
    if missing:
        return f"Not recognised as {core_text(missing.group(1))}"
    too_early = re.fullmatch(r"(.*)认定日期 (\S+) 早于 (\S+)，不在本产品认定的奖励范围内", reason)
    if too_early:
        name, on, since = too_early.groups()
        return (
            f"Recognised as {core_text(name)} on {on}, before {since}: outside the awards this product counts"
        )
    too_late = re.fullmatch(r"(.*)认定日期 (\S+) 晚于测算日期 (\S+)，测算日尚未获得认定", reason)
    if too_late:
        name, on, as_of = too_late.groups()
        return f"Recognised as {core_text(name)} on {on}, after the date judged ({as_of}): not yet held on that date"
    applicant = re.fullmatch(r"申报主体须为(.*)（本单位为(.*)）", reason)
    if applicant:
        kinds = " / ".join(core_text(k) for k in applicant.group(1).split("、"))
        return f"The applicant must be {kinds} (this one is {core_text(applicant.group(2))})"
    period = re.fullmatch(r"测算日期 (\S+) 不在《.*》有效期（(\S+) 至 (\S+)）内", reason)
    if period:
        span = _span_english(period.group(2), period.group(3))
        return f"The date judged, {period.group(1)}, is outside the document's period ({span})"
    below = re.fullmatch(r"(\S+) 未达到最低档 (\S+)（含）", reason)
    if below:
        return f"{below.group(1)} is below the lowest tier, {below.group(2)} (inclusive)"
    return reason


def titles_text(titles: str) -> str:
    """「A、B」 of measure (or document) titles as the core lists them, in the interface's language."""
    if ui_language() != "en":
        return titles
    by_title = _titles_english()
    return "; ".join(by_title.get(t, t) for t in titles.split("、"))


def _per_notice(title: str | None) -> str:
    """「；据申报通知《T》」 in English, the notice's title in English when it has one."""
    return f"; per the notice “{titles_text(title)}”" if title else ""


def _days(count: str) -> str:
    """「N 天」 in English: 1 day, 2 days."""
    return f"{count} day" if count in ("1", "-1") else f"{count} days"


def todo_text(kind: str, text: str, state_label: Any = None) -> str:
    """A 待办 line (core.deadlines) in the interface's language, from the few shapes the core writes;
    `state_label(chinese)` gives a declaration's state in the interface's language."""
    if ui_language() != "en":
        return text
    m = re.fullmatch(
        r"受理期中（(\S+) 至 (\S+)），(?:还剩 (-?\d+) 天|今天截止)(?:；据申报通知《(.+)》)?", text
    )
    if m:
        left = f"{_days(m.group(3))} left" if m.group(3) is not None else "closes today"
        return f"Open for applications ({m.group(1)} to {m.group(2)}), {left}" + _per_notice(m.group(4))
    m = re.fullmatch(r"(\d+) 天后开始受理（(\S+) 至 (\S+)）(?:；据申报通知《(.+)》)?", text)
    if m:
        return f"Opens in {_days(m.group(1))} ({m.group(2)} to {m.group(3)})" + _per_notice(m.group(4))
    m = re.fullmatch(r"(\S+) 到期（(?:还剩 (\d+) 天|今天是最后一天)），到期后不再受理：(.*)", text)
    if m:
        left = f"{_days(m.group(2))} left" if m.group(2) is not None else "today is the last day"
        return f"Ends on {m.group(1)} ({left}); no applications after that: {titles_text(m.group(3))}"
    m = re.fullmatch(r"申报截止 (\S+)，(?:还剩 (\d+) 天|已逾期 (\d+) 天|(今天截止))（(.*)）", text)
    if m:
        due, left, late, today, state = m.groups()
        when = (
            f"{_days(left)} left" if left is not None else "due today" if today else f"{_days(late)} overdue"
        )
        return f"Deadline {due}, {when} ({state_label(state) if state_label else state})"
    m = re.fullmatch(r"档案需修正后才能测算：(.*)", text)
    if m:
        return f"Correct the profile before it can be judged: {m.group(1)}"
    return text


# --- the policy data's own notes, warnings and materials ---------------------------------------------


_english_words: dict[int, dict[str, str]] = {}


def _policy_english() -> dict[str, str]:
    """Each note, warning and material of the policy data and forms in use → its English (`notes_en`,
    `warnings_en`, `city_warnings_en`, `materials_en`), worked out once per library."""
    from shenbao.core.forms import forms

    cat = catalogue()
    key = id(cat)
    if key not in _english_words:
        out: dict[str, str] = {}
        owners: list[Any] = [*cat.measures.values(), *cat.rulesets.values()]
        for owner in owners:
            out.update(zip(owner.notes, owner.notes_en, strict=False))
            out.update(zip(owner.warnings, owner.warnings_en, strict=False))
        for ruleset in cat.rulesets.values():
            for city, english in ruleset.city_warnings_en.items():
                out[ruleset.city_warnings[city]] = english
        for form in forms().values():
            out.update(zip(form.materials, form.materials_en, strict=False))
        for doc in cat.documents.values():  # a 申报通知's own materials and notes
            for w in doc.windows:
                out.update(zip(w.materials, w.materials_en, strict=False))
                if w.note and w.note_en:
                    out[w.note] = w.note_en
        _english_words.clear()
        _english_words[key] = out
    return _english_words[key]


def policy_text(text: str) -> str:
    """A note, warning or material the policy data or a form gives, in the interface's language: its
    English from the data; a text the data does not hold (a user's own item) stays as it is."""
    if ui_language() != "en":
        return text
    return _policy_english().get(text, text)


_LAW_HELP = re.compile(
    r"依据《(?P<title>[^》]+)》(?P<where>.*?)(?P<media>（据媒体报道）)?(?:：(?P<quote>.*)|。)?$", re.S
)


def help_text(text: str) -> str:
    """A wizard page's help: a help citing its clause (「依据《…》第七条：…」) says so in the interface's
    language, the law's own words quoted as they are; any other help is a core string."""
    match = _LAW_HELP.match(text) if ui_language() == "en" else None
    if match is None:
        return core_text(text)
    cat = catalogue()
    title = next((d.title_en for d in cat.documents.values() if d.title == match["title"] and d.title_en), "")
    if not title:  # an annex cited by its own title (fz2020's 四条措施): the document it is annexed to
        annexed = f"附件：{match['title']}"
        title = next((d.title_en for d in cat.documents.values() if annexed in d.closing and d.title_en), "")
    where = _where_text(match["where"])
    head = QCoreApplication.translate("FormPage", "依据《%1》%2").replace("%1", title or match["title"])
    head = head.replace("%2", where).rstrip()
    if match["media"]:
        head += " " + QCoreApplication.translate("FormPage", "（据媒体报道）")
    return f"{head}: {match['quote']}" if match["quote"] else f"{head}."


def _where_text(where: str) -> str:
    """Where in a document a help points: 第五条 → Article 5, 附件第3条 → Annex, item 3, 三（四） → 3(4);
    a part named by its heading (“技术创新”部分, or the engine's （报道「技术创新」部分）) is named by the
    law's words."""
    article = re.fullmatch(r"第(.+)条", where)
    if article:
        return QCoreApplication.translate("FormPage", "第%1条").replace("%1", article_text(article[1]))
    annex = re.fullmatch(r"附件第(\d+)条", where)
    if annex:
        return QCoreApplication.translate("FormPage", "附件第%1条").replace("%1", annex[1])
    part = re.fullmatch(r"(“.+”)部分", where)
    if part:
        return QCoreApplication.translate("FormPage", "%1部分").replace("%1", part[1])
    reported = re.fullmatch(r"（报道「(.+)」部分）", where)  # the engine's basis of a news report's part
    if reported:
        named = QCoreApplication.translate("FormPage", "%1部分").replace("%1", f"“{reported[1]}”")
        return f"{named} {QCoreApplication.translate('FormPage', '（据媒体报道）')}"
    return article_text(where)


# --- the engine's sentences -------------------------------------------------------------------------


def _titles_english() -> dict[str, str]:
    """Each document's and measure's Chinese title → its English, where the data gives one."""
    cat = catalogue()
    by_title = {d.title: d.title_en for d in cat.documents.values() if d.title_en}
    by_title.update((m.title, m.title_en) for m in cat.measures.values() if m.title_en)
    return by_title


def sentence_text(result: Any, text: str) -> str:
    """A sentence of a result (a line of its trace, a note, a warning) in the interface's language. The
    engine's own sentences (rules.result.Phrase) are written again from their template, a core string,
    and their values; a note or warning of the policy data comes with its English; anything else (a
    result read back from a saved snapshot) is shown as it was written."""
    if ui_language() != "en":
        return text
    template, values = getattr(text, "template", None), getattr(text, "values", None)
    if template is None or values is None:
        return policy_text(text)
    english = {key: _value_english(result, key, value, values) for key, value in values.items()}
    counted = counted_by(template)
    if counted is not None:  # 1 day, 2 days: the numerus form for the number (written 1,234 or not)
        count = str(values.get(counted, "")).replace(",", "")
        n = int(count) if count.isdigit() else 2  # a count not given as a number reads in the plural
        translated = QCoreApplication.translate("Core", template, None, n)
    else:
        translated = core_text(template)
    try:
        return translated.format(**english)
    except (KeyError, IndexError, ValueError):  # a translation naming a value that is not there
        return text


def change_text(change: Any, key: str) -> str:
    """A draft-to-final entry's `topic` or `summary` in the interface's language: a title's English from
    the data, else the words the comparison wrote, again from their template."""
    english = getattr(change, f"{key}_en", "") if ui_language() == "en" else ""
    return str(english or sentence_text(None, getattr(change, key)))


def problem_text(message: str) -> str:
    """What is wrong with a value (a field kind's message) in the interface's language: a message written
    from a template (core.phrases.Phrase, "应为 18 位（收到 5 位）") again from it, any other a core string."""
    if hasattr(message, "template"):
        return sentence_text(None, message)
    return core_text(message)


_ROW_FIELD = re.compile(r"^(?P<list>[a-z_]+\.[a-z_]+)\[(?P<row>\d+)\]\.[a-z_]+$")


def error_text(err: Any) -> str:
    """A profile check's error (core.model.ProfileError) as the interface writes it: the message, which
    names its field, after the row it is in for a row of a list (核心工程师第 2 行：身份证号…), or after
    the field's label where the message does not name it."""
    message = sentence_text(None, err.message)
    if not err.field:
        return message
    row = _ROW_FIELD.match(err.field)
    if row is not None:
        where = (
            QCoreApplication.translate("Errors", "%1第 %2 行")
            .replace("%1", core_text(label_of(row["list"])))
            .replace("%2", str(int(row["row"]) + 1))
        )
    else:
        where = core_text(label_of(err.field))
        if where in message:
            return message
    return QCoreApplication.translate("Errors", "%1：%2").replace("%1", where).replace("%2", message)


def known_text(err: BaseException) -> str:
    """A known error (shenbao.errors.KnownError) in the interface's language: a message the core wrote
    from a Phrase (the register's refusals; a profile file's, after the file and the field it names) is
    written again from it, the files it names in one line as the command line writes them (a name with a
    line feed would part the message box's text); any other is shown as written."""
    message: Any = getattr(err, "message", None)
    if hasattr(message, "template") and str(message) == str(err):
        return sentence_text(None, paths_in_one_line(message))
    if hasattr(message, "template") and isinstance(err, ProfileError):  # after its file and field
        message = paths_in_one_line(message)
        where = f"{one_line(err.source)}: " if err.source else ""
        field = f"{err.field}: " if err.field else ""
        return where + field + sentence_text(None, message)
    return str(err)


def _value_english(result: Any, key: str, value: Any, values: dict[str, Any]) -> Any:
    """One value of an engine sentence, in English: titles, condition labels and values, marks, lists
    of fields and reasons have their own English; dates and numbers are as they are."""
    if hasattr(value, "template"):
        return sentence_text(result, value)
    if key == "parts":  # the passages a draft-to-final entry changed (core.comparison.describe)
        more = values.get("more")
        return "; ".join(sentence_text(result, p) for p in values.get("items", ())) + (
            sentence_text(result, more) if more else ""
        )
    if key == "years":  # each calendar year of a total and its sum (rules.engine.years_warnings)
        return ", ".join(sentence_text(result, item) for item in values.get("items", ()))
    if key in ("field", "problem", "list", "what", "part"):  # a label, a message, a sum, a part damaged
        return core_text(value)
    if key == "why":  # why a file could not be read or written (shenbao.errors.os_reason)
        return core_text(value)
    if key == "rows":  # what a database's integrity check found (core.store.db.check_file)
        return "; ".join(values.get("items", ()))
    if key == "seen":  # an OFD's sources, or what each says of a field (core.documents.ofd)
        return ", ".join(sentence_text(result, s) for s in values.get("sources", ()))
    if key == "listed":  # an invoice's items a warning names (core.documents.intake)
        return ", ".join(values.get("listed_items", ()))
    if key in ("pages", "numbers"):  # pages or invoice numbers a PDF holds, listed with 、 (core.documents)
        return str(value).replace("、", ", ")
    if key in ("files", "names"):  # the files of a policy pack another provides, measures that do not exist
        return ", ".join(values.get("items", ()))
    if key in ("state", "current", "to"):  # a declaration's state, by its label (core.register.ERRORS)
        return QCoreApplication.translate("Register", value)
    if key == "allowed":  # the states a declaration may go to, by their codes
        return ", ".join(f"{state_text(code)} ({code})" for code in values.get("choices", ()))
    if key == "known":
        return ", ".join(f"{code} ({state_text(code)})" for code in STATE_TEXT)
    if key == "title":
        return _titles_english().get(value, value)
    if key == "article":
        return _where_text(value)
    if key == "period" and values.get("document"):
        doc = catalogue().documents.get(values["document"])
        return period_text(doc) if doc is not None else value
    if key == "label":
        match = next((c for c in getattr(result, "conditions", ()) if c.label == value), None)
        if match is None and "fact" in values:  # a condition as a stored result recorded it
            match = SimpleNamespace(label=value, fact=values["fact"])
        return _condition_label(result.measure, match) if match is not None else value
    if key == "status":
        return core_text(value)
    if key == "value":
        return _condition_value(value)
    if key == "mark":
        return core_text(value)
    if key == "labels":  # the missing facts, whose labels may hold a 、 of their own
        return ", ".join(core_text(label_of(path)) for path in result.missing)
    if key == "reason":
        return reason_text(result, value)
    if key in ("expression", "share"):
        return formula_text(value)
    if key == "shares":
        return "; ".join(f"{core_text(label)} {money.yuan(v)}" for label, v in result.shares)
    return value
