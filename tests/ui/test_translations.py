"""English is complete: every string the UI sources mark for translation (and every core label it
shows) has a finished English translation, the catalogue compiles, and the app speaks it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from shenbao.tools import translations
from shenbao.ui.app import create_application


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (c.findtext("name") or "", m.findtext("source") or "")
        for c in root.iter("context")
        for m in c.iter("message")
    }


def test_the_english_catalogue_covers_every_marked_string(tmp_path: Path) -> None:
    shipped = translations.translations_dir() / "shenbao_en.ts"
    assert translations.unfinished(shipped) == []
    fresh = translations.update(out=tmp_path)[0]
    assert _sources(fresh) - _sources(shipped) == set()


def test_core_labels_are_listed_for_translation() -> None:
    from shenbao.core.model import FACT_FIELDS

    listed = translations.CORE_STRINGS.read_text(encoding="utf-8")
    assert all(spec.label in listed for spec in FACT_FIELDS.values())
    assert set(translations.core_strings()) <= {
        s for _c, s in _sources(translations.translations_dir() / "shenbao_en.ts")
    }


def test_the_catalogue_compiles_and_the_app_speaks_english(tmp_path: Path, qapp: Any) -> None:
    qm = translations.build(out=tmp_path)[0]
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "新建企业(&N)") == "&New enterprise"
    assert translator.translate("Core", "可申报") == "Eligible"
    translations.build()
    try:
        create_application(language="en")
        assert QCoreApplication.translate("PreviewPanel", "最高可申请 {amount}").startswith("Up to")
    finally:
        create_application(language="zh_CN")
    assert QCoreApplication.translate("PreviewPanel", "尚未测算") == "尚未测算"


def test_every_refusal_of_the_store_and_message_of_a_policy_pack_has_its_english(qapp: Any) -> None:
    """The store's refusals (a read-only or locked folder, a code already stored, a wrong passphrase, a
    damaged bundle), why a file could not be read or written, and what installing or removing a policy
    pack warns of: each is a core string with a finished English that keeps every value it names, so a
    new one cannot reach the English window untranslated."""
    import re

    from shenbao.core.expressions import EXPRESSION_MESSAGES
    from shenbao.core.packs.archive import ARCHIVE_MESSAGES
    from shenbao.core.packs.keys import TRUST_MESSAGES
    from shenbao.core.packs.library import MESSAGES
    from shenbao.core.packs.source import SOURCE_MESSAGES
    from shenbao.core.policies import POLICY_MESSAGES, TOML_TYPES
    from shenbao.core.store.bundle import BUNDLE_MESSAGES
    from shenbao.core.store.db import REFUSALS
    from shenbao.core.store.secrets import KEY_MESSAGES
    from shenbao.core.store.tables import TABLE_REFUSALS
    from shenbao.errors import OS_REASONS, WINDOWS_REASONS
    from shenbao.ui.app import core_text

    texts = [
        *REFUSALS.values(),
        *TABLE_REFUSALS.values(),
        *KEY_MESSAGES.values(),
        *BUNDLE_MESSAGES.values(),
        *MESSAGES.values(),
        *ARCHIVE_MESSAGES.values(),
        *SOURCE_MESSAGES.values(),
        *TRUST_MESSAGES.values(),
        *(text for text in POLICY_MESSAGES.values() if "{count}" not in text),
        *TOML_TYPES.values(),
        *EXPRESSION_MESSAGES.values(),
        *OS_REASONS.values(),
        *WINDOWS_REASONS.values(),
    ]
    assert len(texts) > 50
    translations.build()
    try:
        create_application(language="en")
        english = {text: core_text(text) for text in texts}
    finally:
        create_application(language="zh_CN")
    cjk = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
    assert [t for t, e in english.items() if cjk.search(e)] == []
    names = re.compile(r"\{(\w+)\}")
    assert [t for t, e in english.items() if sorted(names.findall(t)) != sorted(names.findall(e))] == []


def test_a_field_s_help_cites_an_article_as_the_trace_writes_it(qapp: Any) -> None:
    """The help of 「列入省重点技改项目库或市级数字经济重点库」 cited 「Fuzhou 2024 plan, III(1)」 in English,
    where the help of the platform field, the trace and the wizard write the same article 3(1)."""
    import re

    from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS

    translations.build()
    try:
        create_application(language="en")
        helps = {
            spec.help: QCoreApplication.translate("Core", spec.help)
            for spec in (*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values())
            if spec.help.startswith(("榕", "闽"))
        }
    finally:
        create_application(language="zh_CN")
    assert len(helps) >= 3
    assert [english for english in helps.values() if re.search(r"\b[IVX]+\(", english)] == []
    assert helps["榕 2024 方案三(一)"] == "Fuzhou 2024 plan, 3(1)"
