"""The draft-to-final comparison, generated from the two texts article by article so that it is complete by
construction: every heading that changed and every sentence that is not in the other text, word for word,
becomes an entry. Hand-written titles (resources/policies/comparisons/) only name and explain the entries they
quote; an entry nobody titled still shows, with a title and summary made from the diff itself.

Within an article, sentences found unchanged in the other text are set aside; a title may pair a draft
sentence with a final one by quoting both; the rest are paired by likeness (difflib's ratio), and what is
left over was added or dropped."""

from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Any

from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import KnownError

if TYPE_CHECKING:
    from shenbao.core.policies import Article, Document

SENTENCE_END = re.compile(r"(?<=[。！？])")
# A token is one character, except that a number (1000, 50%, 0.5) stays whole: 1000 → 500 is one change.
# Compiled, as difflib is imported, only when the changes are worked out (the library view), not on the
# way to the first window.
TOKEN = r"\d+(?:\.\d+)?%?|."
LIKENESS = 0.4  # two sentences at least this alike (difflib ratio) are one sentence reworded


class ComparisonError(KnownError):
    """A title that quotes no changed sentence, or one already titled: raised as PolicyDataError."""


@dataclass(frozen=True)
class Title:
    """A hand-written name for the entry whose draft sentence contains `draft` and final one `final`."""

    article: str
    topic: str
    summary: str
    kind: str = ""
    draft: str = ""
    final: str = ""
    topic_en: str = ""  # the topic and summary in English, for the English interface
    summary_en: str = ""


# The words of an entry nobody titled, each a Phrase (core.phrases) of a core string; the quoted passages
# are the law's words and stay as they are.
WORDS = {
    "heading": "第{article}条标题",
    "wording": "第{article}条措辞调整",
    "added": "第{article}条新增内容",
    "dropped": "第{article}条删去内容",
    "renamed": "标题“{before}” → “{after}”",
    "new": "新增：{text}",
    "gone": "删去：{text}",
    "replaced": "“{old}” → “{new}”",
    "removed": "删去“{old}”",
    "inserted": "增加“{new}”",
    "changes": "{parts}",
    "more": "；等",
}


@dataclass(frozen=True)
class Change:
    topic: str
    draft_article: str
    final_article: str
    kind: str  # wording, added, dropped (generated); sum, threshold, rate (from a title)
    draft_text: str
    final_text: str
    summary: str
    titled: bool = False
    topic_en: str = ""  # a title's English (`topic_en`, `summary_en` in the data)
    summary_en: str = ""


Article_ = tuple[str, "Article | None", "Article | None", list[Title]]


class _WorkedOut:
    """A comparison's `changes`: given (dataclasses.replace), or worked out from its articles when first
    read. The pairing of sentences by likeness costs more than reading the whole library, and only the
    library view shows it: it is not done on the way to the first window."""

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return None  # the field's default: work it out
        if obj.__dict__.get("_changes") is None:
            obj.__dict__["_changes"] = tuple(c for art in obj.articles for c in _article_changes(*art))
        return obj.__dict__["_changes"]

    def __set__(self, obj: Any, value: tuple[Change, ...] | None) -> None:
        obj.__dict__["_changes"] = value


@dataclass(frozen=True)
class Comparison:
    """The changes from one document to another (see `compare`, which checks the titles at once)."""

    draft: str
    final: str
    changes: tuple[Change, ...] = _WorkedOut()  # type: ignore[assignment]
    articles: list[Article_] = field(default_factory=list, repr=False, compare=False)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.replace("\n", "")) if s.strip()]


def likeness(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def describe(draft: str, final: str) -> str:
    """What changed, in words: each replaced, dropped or added passage, the first few of them. Changes
    only a character or two apart read as one passage, as a person would quote them."""
    import difflib

    a, b = re.findall(TOKEN, draft, re.S), re.findall(TOKEN, final, re.S)
    spans: list[list[int]] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if spans and a0 - spans[-1][1] <= 2 and b0 - spans[-1][3] <= 2:
            spans[-1][1], spans[-1][3] = a1, b1
        else:
            spans.append([a0, a1, b0, b1])
    parts = []
    for a0, a1, b0, b1 in spans:
        old, new = "".join(a[a0:a1]), "".join(b[b0:b1])
        if old and new:
            parts.append(Phrase(WORDS["replaced"], old=old, new=new))
        else:
            parts.append(Phrase(WORDS["removed"], old=old) if old else Phrase(WORDS["inserted"], new=new))
    more = Phrase(WORDS["more"]) if len(parts) > 4 else ""
    return Phrase(WORDS["changes"], parts="；".join(parts[:4]) + more, items=tuple(parts[:4]), more=more)


def _claim(quote: str, pool: list[str], where: str) -> str:
    hits = [s for s in pool if quote in s]
    if len(hits) != 1:
        found = "没有" if not hits else f"有 {len(hits)} 句"
        raise ComparisonError(f"{where}: 变化的语句中{found}含“{quote}”")
    pool.remove(hits[0])
    return hits[0]


Pair = tuple[str, str, "Title | None"]


def _titled(
    art: str, draft: Article | None, final: Article | None, titles: list[Title]
) -> tuple[list[str], list[str], list[str], list[str], list[Pair]]:
    """An article's sentences (draft, final), those the other text lacks once the titles have claimed
    theirs, and the titled pairs; raises ComparisonError for a title that claims no sentence or one taken."""
    d_all = sentences(draft.text) if draft else []
    f_all = sentences(final.text) if final else []
    d_left = [s for s in d_all if s not in f_all]
    f_left = [s for s in f_all if s not in d_all]
    pairs: list[Pair] = []
    for t in titles:
        where = f"第{art}条“{t.topic}”"
        d = _claim(t.draft, d_left, where) if t.draft else ""
        f = _claim(t.final, f_left, where) if t.final else ""
        pairs.append((d, f, t))
    return d_all, f_all, d_left, f_left, pairs


def _article_changes(
    art: str, draft: Article | None, final: Article | None, titles: list[Title]
) -> list[Change]:
    out: list[Change] = []
    if draft and final and draft.heading != final.heading:
        out.append(
            Change(
                Phrase(WORDS["heading"], article=art),
                art,
                art,
                "wording",
                draft.heading,
                final.heading,
                Phrase(WORDS["renamed"], before=draft.heading, after=final.heading),
            )
        )
    d_all, f_all, d_left, f_left, pairs = _titled(art, draft, final, titles)
    candidates = sorted(
        ((likeness(d, f), d, f) for d in d_left for f in f_left), key=lambda c: c[0], reverse=True
    )
    for score, d, f in candidates:
        if score >= LIKENESS and d in d_left and f in f_left:
            d_left.remove(d)
            f_left.remove(f)
            pairs.append((d, f, None))
    pairs += [(d, "", None) for d in d_left] + [("", f, None) for f in f_left]

    def order(pair: tuple[str, str, Title | None]) -> tuple[int, int]:
        d, f, _ = pair
        return (f_all.index(f), 0) if f else (_final_position(d, d_all, f_all), 1)

    for d, f, title in sorted(pairs, key=order):
        kind = "wording" if d and f else "added" if f else "dropped"
        if title:
            out.append(
                Change(
                    title.topic,
                    art if d else "",
                    art if f else "",
                    title.kind or kind,
                    d,
                    f,
                    title.summary,
                    True,
                    title.topic_en,
                    title.summary_en,
                )
            )
            continue
        if d and f:
            summary = describe(d, f)
        else:
            summary = Phrase(WORDS["new"], text=f) if f else Phrase(WORDS["gone"], text=d)
        topic = Phrase(WORDS[kind], article=art)
        out.append(Change(topic, art if d else "", art if f else "", kind, d, f, summary))
    return out


def _final_position(sentence: str, d_all: list[str], f_all: list[str]) -> int:
    """Where a dropped sentence stood, counted in the final text: after the last earlier one kept."""
    kept = [f_all.index(s) for s in d_all[: d_all.index(sentence)] if s in f_all]
    return max(kept, default=-1)


def compare(draft: Document, final: Document, titles: tuple[Title, ...] = ()) -> Comparison:
    """Every change from `draft` to `final`, in the final text's order, titled where a title quotes it.
    The titles are checked now (a title that quotes no changed sentence fails the library's load); the
    changes are worked out when first read."""
    ids = list(final.articles) + [a for a in draft.articles if a not in final.articles]
    unknown = {t.article for t in titles} - set(ids)
    if unknown:
        raise ComparisonError(f"标题所引条款不存在：{'、'.join(sorted(unknown))}")
    articles: list[Article_] = [
        (art, draft.articles.get(art), final.articles.get(art), [t for t in titles if t.article == art])
        for art in ids
    ]
    for article in articles:
        _titled(*article)
    return Comparison(draft.id, final.id, articles=articles)
