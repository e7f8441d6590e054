"""The policy texts say what their sources say: every sentence of every document, and every measure's clause,
occurs in the source it was transcribed from (copied into tests/fixtures/seeds), apart from the corrections
each document declares. A stray character from a garbled transcription fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shenbao.core.policies import Document, catalogue

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
CAT = catalogue()
DOCS = sorted(CAT.documents.values(), key=lambda d: d.id)


def _plain(text: str) -> str:
    """Text without spacing and the Markdown marks of the sources (#, *, >, |)."""
    return re.sub(r"[\s*#>|]+", "", text)


def _source(doc: Document) -> str:
    text = _plain((SEEDS / doc.source).read_text(encoding="utf-8"))
    for passage, reads in doc.corrections:
        assert _plain(passage) in text, f"{doc.id}: correction of {passage!r} no longer matches the source"
        text = text.replace(_plain(passage), _plain(reads))
    return text


def _own_text(doc: Document) -> list[str]:
    return [doc.preamble, doc.closing, *(a.text for a in doc.articles.values())]


def _headings(doc: Document) -> list[str]:
    """A news report and the attachments' numbered items have no headings: the product names them."""
    return [] if doc.kind == "news_report" else [a.heading for a in doc.articles.values()]


@pytest.mark.parametrize("doc", DOCS, ids=[d.id for d in DOCS])
def test_every_character_is_in_the_source(doc: Document) -> None:
    source = set(_source(doc))
    strays = {c for part in _own_text(doc) + _headings(doc) for c in _plain(part) if c not in source}
    assert not strays, f"{doc.id}: characters not in {doc.source}: {''.join(sorted(strays))}"


@pytest.mark.parametrize("doc", DOCS, ids=[d.id for d in DOCS])
def test_every_sentence_is_in_the_source(doc: Document) -> None:
    source = _source(doc)
    sentences = [_plain(s) for part in _own_text(doc) for s in re.split(r"(?<=[。；;])|\n", part)]
    missing = [s for s in sentences if s and s not in source]
    assert not missing, f"{doc.id}: not in {doc.source}: {missing[:3]}"


def test_fj2025_was_corrected_where_its_note_says() -> None:
    doc = CAT.documents["fj2025"]
    assert doc.corrections == (("领域?qū)W术会议", "领域学术会议"),)
    assert "W" not in doc.articles["十"].text and "qū" not in doc.articles["十"].text


def test_every_clause_is_in_its_article() -> None:
    for m in CAT.measures.values():
        article = CAT.documents[m.document].articles[m.article]
        assert _plain(m.clause) in _plain(article.text), m.id


def test_seeds_are_the_documents_sources() -> None:
    assert {d.source for d in DOCS} <= {p.name for p in SEEDS.glob("*.txt")}
