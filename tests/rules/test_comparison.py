"""The draft-to-final comparison is complete by construction: every changed heading and every sentence of
either text that the other lacks is an entry, and each hand-written title names an entry it quotes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao import paths
from shenbao.core.comparison import describe
from shenbao.core.policies import PolicyDataError, catalogue, load_catalogue

CAT = catalogue()
(COMPARISON,) = CAT.comparisons
DRAFT, FINAL = CAT.documents[COMPARISON.draft], CAT.documents[COMPARISON.final]


def _sentences(text: str) -> list[str]:
    """Sentences as a reader counts them, split independently of the code under test."""
    return [s for s in re.split(r"(?<=。)", text.replace("\n", "")) if s]


def test_every_differing_sentence_is_covered() -> None:
    covered_draft = {c.draft_text for c in COMPARISON.changes}
    covered_final = {c.final_text for c in COMPARISON.changes}
    for art in FINAL.articles:
        draft = _sentences(DRAFT.articles[art].text)
        final = _sentences(FINAL.articles[art].text)
        for sentence in draft:
            if sentence not in final:
                assert sentence in covered_draft, (art, sentence)
        for sentence in final:
            if sentence not in draft:
                assert sentence in covered_final, (art, sentence)
        if DRAFT.articles[art].heading != FINAL.articles[art].heading:
            assert FINAL.articles[art].heading in covered_final, art


def test_no_entry_is_a_sentence_both_texts_share() -> None:
    for c in COMPARISON.changes:
        assert c.draft_text != c.final_text
        art = c.final_article or c.draft_article
        if c.draft_text and not c.final_text:
            assert c.draft_text not in FINAL.articles[art].text
        if c.final_text and not c.draft_text:
            assert c.final_text not in DRAFT.articles[art].text


@pytest.mark.parametrize(
    ("article", "words"),
    [
        ("五", "不作投资额要求"),
        ("九", "顾问科学家"),
        ("七", "闽数宁算"),
        ("八", "推动开发10个以上"),
        ("八", "择优评选不超过10个"),
    ],
)
def test_what_the_hand_written_list_missed_is_there_and_titled(article: str, words: str) -> None:
    hits = [c for c in COMPARISON.changes if words in c.draft_text + c.final_text]
    assert len(hits) == 1 and hits[0].titled
    assert article in (hits[0].draft_article, hits[0].final_article)


def test_datasets_change_pairs_the_draft_and_final_sentences() -> None:
    (change,) = [c for c in COMPARISON.changes if c.topic == "高质量数据集"]
    assert "择优评选不超过10个" in change.draft_text and "推动开发10个以上" in change.final_text


def test_each_changed_heading_is_its_own_entry() -> None:
    headings = [c for c in COMPARISON.changes if c.topic.endswith("条标题")]
    assert {c.final_article for c in headings} == {
        a for a in FINAL.articles if FINAL.articles[a].heading != DRAFT.articles[a].heading
    }
    first = next(c for c in headings if c.final_article == "一")
    assert (first.draft_text, first.final_text) == ("促进行业模型攻关", "支持行业模型攻关")
    assert not any("算力普惠服务补助的条款标题" in c.topic for c in COMPARISON.changes)


def test_an_untitled_entry_says_what_changed() -> None:
    assert describe("每年最高不超过50万元", "最高补助50万元") == "“每年最高不超过” → “最高补助”"
    assert describe("按规定给予奖励", "按规定给予奖励,促进交流") == "增加“,促进交流”"
    assert describe("给予1000万元", "给予500万元") == "“1000” → “500”"
    untitled = [c for c in COMPARISON.changes if not c.titled]
    assert untitled and all(c.summary and c.topic for c in untitled)


def _with_title(tmp_path: Path, title: str) -> Path:
    folder = tmp_path / "policies"
    shutil.copytree(paths.policies(), folder)
    path = folder / "comparisons" / "fj2025d-fj2025.toml"
    path.write_text(path.read_text(encoding="utf-8") + title, encoding="utf-8")
    return folder


def test_a_title_quoting_no_changed_sentence_fails_to_load(tmp_path: Path) -> None:
    stale = '\n[[title]]\narticle = "七"\ntopic = "x"\nsummary = "x"\nfinal = "汇聚省内算力资源"\n'
    with pytest.raises(PolicyDataError, match="汇聚省内算力资源"):
        load_catalogue(_with_title(tmp_path, stale))


def test_two_titles_on_one_sentence_fail_to_load(tmp_path: Path) -> None:
    twice = '\n[[title]]\narticle = "七"\ntopic = "x"\nsummary = "x"\nfinal = "闽数宁算"\n'
    with pytest.raises(PolicyDataError, match="闽数宁算"):
        load_catalogue(_with_title(tmp_path, twice))


def test_loading_the_library_leaves_the_changes_and_difflib_for_later() -> None:
    """The comparison's titles are checked when the library loads; its changes (and difflib, which
    pairs their sentences) wait until something reads them, as the first window does not."""
    code = (
        "import sys; from shenbao.core.policies import load_catalogue; cat = load_catalogue();"
        "print('BEFORE', 'difflib' in sys.modules); cat.comparisons[0].changes;"
        "print('AFTER', 'difflib' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.split() == ["BEFORE", "False", "AFTER", "True"], run.stdout + run.stderr
