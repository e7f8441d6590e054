"""A core sentence that names a number of things reads in English in the singular for one and in the
plural for more (1 day, 2 days), while the Chinese the command line writes stays as it was."""

from __future__ import annotations

from typing import Any

from shenbao.core.phrases import Phrase, counted_by
from shenbao.core.rules.result import PHRASES
from shenbao.core.store.db import REFUSALS
from shenbao.core.store.tables import TABLE_REFUSALS
from shenbao.tools import translations
from shenbao.ui.app import create_application
from shenbao.ui.style import sentence_text


def _english(phrases: list[Phrase]) -> list[str]:
    translations.build()
    try:
        create_application(language="en")
        return [sentence_text(None, p) for p in phrases]
    finally:
        create_application(language="zh_CN")


def test_a_count_of_one_is_singular_and_of_more_plural(qapp: Any) -> None:
    ends = [Phrase(PHRASES["ends_soon"], title="t", end="2026-12-31", days=n) for n in (1, 2)]
    tries = [Phrase(REFUSALS["wrong_passphrase_tries"], count=n) for n in (1, 3)]
    windows = [
        Phrase(PHRASES["windows"], times=t, listed=ls, count=n, months=m, next="x")
        for t, ls, n, m in (("一", "3 月", 1, "3"), ("两", "3 月、9 月", 2, "3, 9"))
    ]
    written = [
        Phrase(TABLE_REFUSALS["too_many_to_write"], path="p", limit="1", count=n) for n in ("1", "1,001")
    ]
    assert str(ends[0]) == "《t》有效期至 2026-12-31，距测算日期还有 1 天。"
    assert str(windows[0]) == "每年集中受理一次（3 月）；x。"
    assert _english(ends + tries + windows + written) == [
        "The t is in force until 2026-12-31, 1 day after the date judged.",
        "The t is in force until 2026-12-31, 2 days after the date judged.",
        "The data passphrase is wrong (entered 1 time)",
        "The data passphrase is wrong (entered 3 times)",
        "Applications are taken once a year (month 3); x.",
        "Applications are taken 2 times a year (months 3, 9); x.",
        "p: a table holds at most 1 rows (1 enterprise here); export a .shenbao bundle instead",
        "p: a table holds at most 1 rows (1,001 enterprises here); export a .shenbao bundle instead",
    ]


def test_every_counting_core_sentence_has_a_singular_and_a_plural_english() -> None:
    import xml.etree.ElementTree as ET

    counting = {t for t in translations.core_strings() if counted_by(t)}
    assert len(counting) >= 15
    root = ET.parse(translations.translations_dir() / "shenbao_en.ts").getroot()
    forms = {
        m.findtext("source"): [f.text or "" for f in m.iter("numerusform")]
        for m in root.iter("message")
        if m.get("numerus") == "yes"
    }
    assert {t: len(forms.get(t, [])) for t in counting} == {t: 2 for t in counting}
    assert [t for t in counting if not all(forms[t])] == []
