"""Dates that come to the user: application windows, declarations' own deadlines, documents expiring.

A measure's application windows are dated data: its `window_months` parameter (fz2024 三(一): 每年受理
两次，分别为 3 月和 9 月) gives whole calendar months each year, within its document's period of force; a
window that would open after the document ends is no window at all.

A 申报通知 (a document of kind "notice", core.policies.NoticeWindow) names the measures it opens with
exact days, both inclusive. A notice's window is the authority's word for that round, so it takes
precedence: it is added to the measure's windows, and a month window it overlaps is dropped in its
favour (通知 2027-03-10 至 2027-04-15 replaces 2027 年 3 月); month windows no notice touches stay, as the
standing rule. A notice's window is not clipped to the measure's document's term: the notice says when
it takes applications. A declaration created for a measure a notice opens takes the notice window's
closing day as its deadline (`default_deadline`), and its 申报材料清单 is the notice's list when the
notice gives one (`materials_for`). `todo` gathers, for an as-of date, what needs doing soon:

- windows open now or opening within WINDOW_DAYS for measures the enterprise can apply for (可申报);
- declarations not yet submitted whose own deadline falls within DEADLINE_DAYS (or has passed);
- documents ending within EXPIRY_DAYS under which the enterprise can apply for something (fz2024 ends
  2026-12-31: its compute subsidies for 2026 cannot be claimed after that).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.core.windows import month_windows

if TYPE_CHECKING:
    from shenbao.core.policies import Catalogue, Document, Measure, NoticeWindow
    from shenbao.core.store.repository import Store

WINDOW_DAYS = 30
DEADLINE_DAYS = 14
EXPIRY_DAYS = 60
WINDOW_PARAM = "window_months"
CLAIM_YEARS_PARAM = "claim_years"  # with a start of use: the years after it a claim may be made (default 1)
# A trace's note on a notice's window (notice_note), each a core string written as a Phrase: the
# notice's title, number, place and contact are the notice's own words.
NOTICE_PHRASES = {
    "note": "申报通知《{title}》（{number}）：受理期 {opens} 至 {closes}（{stage}，以通知为准）{place}{contact}。",
    "open": "受理中",
    "upcoming": "尚未开始",
    "place": "；受理地点：{place}",
    "contact": "；咨询：{contact}",
}
KIND_LABELS = {"window": "受理期", "deadline": "截止日期", "expiry": "政策到期", "profile": "档案有误"}


@dataclass(frozen=True)
class Window:
    """One application window of a measure: from `opens` to `closes`, both inclusive."""

    measure: str
    opens: dt.date
    closes: dt.date
    reference: str
    notice: str = ""  # the 申报通知 (document id) that set this window, if one did

    def is_open(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes

    def text(self) -> str:
        return f"{self.opens.isoformat()} 至 {self.closes.isoformat()}"


def windows(
    measure: Measure, document: Document, years: Iterable[int], notices: Sequence[NoticeWindow] = ()
) -> list[Window]:
    """The measure's windows in those years, in date order: its month windows clipped to its document's
    period of force, with the `notices`' dated windows for it in precedence (see the module's note)."""
    years = sorted(set(years))
    months_param = measure.params.get(WINDOW_PARAM)
    monthly = []
    if months_param is not None and document.in_force_from is not None:
        for year in years:  # the months as in force in each year
            months = months_param.at(dt.date(year, 12, 31))
            for opens, closes in month_windows(months, [year], document.in_force_from, document.in_force_to):
                monthly.append(Window(measure.id, opens, closes, months_param.reference))
    dated = [
        Window(measure.id, n.opens, n.closes, n.notice, notice=n.notice)
        for n in notices
        if n.measure == measure.id and years and n.opens.year <= years[-1] and n.closes.year >= years[0]
    ]
    kept = [w for w in monthly if not any(w.opens <= d.closes and d.opens <= w.closes for d in dated)]
    return sorted(kept + dated, key=lambda w: (w.opens, w.closes))


def next_window(
    measure: Measure,
    document: Document,
    as_of: dt.date,
    notices: Sequence[NoticeWindow] = (),
    since: dt.date | None = None,
) -> Window | None:
    """The window open on `as_of`, else the next one; None when the document ends before another opens
    and no notice opens one. With `since` (a judged result's `claim_since`: a project's start of use),
    only a window from that month to the end of its claim period counts, as the result's own note
    counts them (core.rules.generic.window_opens): a project in use from October is not told of
    September's window."""
    years = range(as_of.year, as_of.year + 2)
    first = last = None
    if since is not None:
        first = dt.date(since.year, since.month, 1)
        claim = measure.params.get(CLAIM_YEARS_PARAM)
        last = dt.date(since.year + (int(claim.at(as_of)) if claim is not None else 1), 12, 31)
    for window in windows(measure, document, years, notices):
        if window.closes < as_of or (first is not None and window.opens < first):
            continue
        return window if last is None or window.opens <= last else None
    return None


def window_note(
    measure: Measure, document: Document, as_of: dt.date, notices: Sequence[NoticeWindow] = ()
) -> str:
    """The window in words, for a trace's note: open now, the next one, or none left."""
    window = next_window(measure, document, as_of, notices)
    if window is None:
        end = document.in_force_to.isoformat() if document.in_force_to else ""
        return f"本政策有效期内已无受理期（{end} 到期）"
    if window.is_open(as_of):
        return f"受理期中：{window.text()}"
    return f"下一受理期：{window.text()}"


def notice_window(cat: Catalogue, measure: str, day: dt.date) -> NoticeWindow | None:
    """The notice window of `measure` open on `day`, else the next one to open; None when no notice
    opens it again."""
    return next((w for w in cat.notice_windows(measure) if w.closes >= day), None)


def notice_note(cat: Catalogue, measure: str, as_of: dt.date) -> str:
    """A trace's note on the notice window open or next, with where to submit; empty without one."""
    window = notice_window(cat, measure, as_of)
    if window is None:
        return ""
    notice = cat.documents[window.notice]
    return Phrase(
        NOTICE_PHRASES["note"],
        title=notice.title,
        number=notice.number,
        opens=window.opens.isoformat(),
        closes=window.closes.isoformat(),
        stage=Phrase(NOTICE_PHRASES["open" if window.is_open(as_of) else "upcoming"]),
        place=Phrase(NOTICE_PHRASES["place"], place=window.submit_to) if window.submit_to else "",
        contact=Phrase(NOTICE_PHRASES["contact"], contact=window.contact) if window.contact else "",
    )


def default_deadline(cat: Catalogue, measure: str, day: dt.date) -> dt.date | None:
    """The deadline a new declaration of `measure` starts with on `day`: the closing day of the notice
    window open or next, or None when no notice opens the measure."""
    window = notice_window(cat, measure, day)
    return window.closes if window is not None else None


def materials_for(
    cat: Catalogue, measure: str, day: dt.date, form_materials: Sequence[str]
) -> tuple[str, ...]:
    """The 申报材料清单 of a declaration of `measure` made on `day`: the list of the notice window open or
    next when that notice gives one, else the measure's form's own."""
    window = notice_window(cat, measure, day)
    if window is not None and window.materials:
        return window.materials
    return tuple(form_materials)


# --- the to-do list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Todo:
    """One thing to do: `day` is when it matters (a window's opening or closing, a deadline, an end)."""

    kind: str  # window, deadline, expiry, profile
    day: dt.date
    days: int  # from the as-of date; negative when past
    uscc: str | None
    name: str
    measure: str | None
    title: str
    text: str
    declaration: int | None = None
    amount: Decimal | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": self.day.isoformat(),
            "days": self.days,
            "uscc": self.uscc,
            "name": self.name,
            "measure": self.measure,
            "title": self.title,
            "text": self.text,
            "declaration": self.declaration,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
        }


def _window_item(
    window: Window, as_of: dt.date, uscc: str, name: str, title: str, amount: Any, cat: Catalogue
) -> Todo | None:
    notice = cat.documents.get(window.notice) if window.notice else None
    source = f"；据申报通知《{notice.title}》" if notice is not None else ""
    if window.is_open(as_of):
        left = (window.closes - as_of).days
        return Todo(
            "window",
            window.closes,
            left,
            uscc,
            name,
            window.measure,
            title,
            f"受理期中（{window.text()}），{_left(left, '今天截止')}{source}",
            amount=amount,
        )
    ahead = (window.opens - as_of).days
    if 0 < ahead <= WINDOW_DAYS:
        return Todo(
            "window",
            window.opens,
            ahead,
            uscc,
            name,
            window.measure,
            title,
            f"{ahead} 天后开始受理（{window.text()}）{source}",
            amount=amount,
        )
    return None


def _left(days: int, today: str) -> str:
    """「还剩 N 天」, or on the last day what it is (「还剩 0 天」 read as if it had passed)."""
    return today if days == 0 else f"还剩 {days} 天"


def enterprise_todo(
    cat: Catalogue,
    results: Iterable[Any],
    as_of: dt.date,
    uscc: str,
    name: str,
    submitted: Mapping[str, Sequence[dt.date]] | None = None,
) -> list[Todo]:
    """Windows and expiring documents for one enterprise's judged results (core.rules.Result). A measure
    `submitted` (measure: the days its declarations were submitted) shows applied for since its window
    opened (one received at any time: since the year began), by `as_of`, is left out of both: neither
    its window nor its document's end is a reason to apply again. A measure received only in its
    windows, the last of them closed, is not said to be receivable until its document ends."""
    submitted = submitted or {}
    out: list[Todo] = []
    expiring: dict[str, list[Any]] = {}
    for r in results:
        if r.status != "eligible":
            continue
        measure = cat.measures.get(r.measure)
        document = cat.documents.get(r.document)
        if measure is None or document is None:
            continue
        notices = cat.notice_windows(measure.id)
        window = next_window(measure, document, as_of, notices, r.claim_since)
        if window is None and (notices or measure.params.get(WINDOW_PARAM) is not None):
            continue  # 本政策有效期内已无受理期, as its trace says: nothing left to apply for
        # applied for since its window opened, or this year for a measure received at any time
        since = window.opens if window is not None else dt.date(as_of.year, 1, 1)
        if any(since <= day <= as_of for day in submitted.get(r.measure, ())):
            continue
        if window is not None:
            item = _window_item(window, as_of, uscc, name, r.title, r.amount, cat)
            if item:
                out.append(item)
        end = document.in_force_to
        # a notice taking applications past the document's end (for its last year): its window says
        # until when, and 「到期后不再受理」 beside it would say otherwise
        beyond = window is not None and end is not None and window.closes > end
        if end is not None and 0 <= (end - as_of).days <= EXPIRY_DAYS and not beyond:
            expiring.setdefault(r.document, []).append(r)
    for doc_id, found in expiring.items():
        document = cat.documents[doc_id]
        end = document.in_force_to
        assert end is not None
        left = (end - as_of).days
        titles = "、".join(r.title for r in found)
        total = sum((r.amount for r in found if r.amount is not None), Decimal(0))
        out.append(
            Todo(
                "expiry",
                end,
                left,
                uscc,
                name,
                None,
                document.title,
                f"{end.isoformat()} 到期（{_left(left, '今天是最后一天')}），到期后不再受理：{titles}",
                amount=total or None,
            )
        )
    return out


def declaration_todo(store: Store, as_of: dt.date, uscc: str | None = None) -> list[Todo]:
    """Declarations not yet submitted whose own deadline is within DEADLINE_DAYS or has passed."""
    from shenbao.core.register import entries

    out = []
    for e in entries(store, uscc, details=False):
        if e.deadline is None or e.state not in ("draft", "generated"):
            continue
        left = (e.deadline - as_of).days
        if left > DEADLINE_DAYS:
            continue
        text = f"申报截止 {e.deadline.isoformat()}，" + (
            _left(left, "今天截止") if left >= 0 else f"已逾期 {-left} 天"
        )
        out.append(
            Todo(
                "deadline",
                e.deadline,
                left,
                e.uscc,
                e.name,
                e.measure,
                e.title,
                f"{text}（{e.state_label}）",
                declaration=e.id,
                amount=e.amount_applied,
            )
        )
    return out


def todo(
    store: Store, as_of: dt.date, uscc: str | None = None, check: Callable[[], None] | None = None
) -> list[Todo]:
    """What needs doing soon for one stored enterprise or all, by date. Never needs the data key: the
    enterprises are judged on their non-sensitive facts. `check()` is called before each enterprise (a
    window's gathering raises there once a newer one has superseded it)."""
    from shenbao.core.model import ProfileError, parse_profile
    from shenbao.core.phrases import Phrase
    from shenbao.core.register import submissions
    from shenbao.core.rules import rules
    from shenbao.core.store.db import REFUSALS, StoreError

    engine = rules()
    if uscc is not None:
        if not store.has_enterprise(uscc):
            raise StoreError(Phrase(REFUSALS["no_enterprise"], uscc=uscc))
        codes = [uscc.strip().upper()]
    else:
        codes = [row.uscc for row in store.list_enterprises()]
    sent = submissions(store, uscc)
    out: list[Todo] = []
    for code in codes:
        if check is not None:
            check()
        try:
            profile = parse_profile(store.get_profile(code, with_secrets=False, counted=True))
        except ProfileError as err:  # saved under older rules: say so rather than leave it out
            out.append(Todo("profile", as_of, 0, code, code, None, "", f"档案需修正后才能测算：{err}"))
            continue
        pv = engine.preview(profile, as_of)
        done = sent.get(code) if uscc is None else next(iter(sent.values()), None)  # as stored, or typed
        out += enterprise_todo(engine.catalogue, pv.results, as_of, code, profile.name, done)
    out += declaration_todo(store, as_of, uscc)
    return sorted(out, key=lambda t: (t.day, t.kind, t.uscc or "", t.measure or ""))
