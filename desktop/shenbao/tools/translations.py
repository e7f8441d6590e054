"""Qt translations: `python -m shenbao.tools.translations build|update`.

The app's source strings are Chinese, so zh_CN needs no catalogue. `update` refreshes
resources/translations/shenbao_<lang>.ts from the UI sources with pyside6-lupdate (the labels that come
from the core, such as field names and statuses, are listed for it in tools/core_strings.py, which
`update` regenerates first; a core sentence that names a number of things is listed as a numerus
message, so that its English has a singular and a plural form); `build` compiles every .ts into the .qm the app loads, with
pyside6-lrelease. The .qm files are build outputs and are not kept in git.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from shenbao import paths
from shenbao.core.phrases import counted_by

LANGUAGES = ("en",)
CONTEXT = "Core"
UI = Path(__file__).resolve().parents[1] / "ui"
CORE_STRINGS = Path(__file__).resolve().parent / "core_strings.py"


def translations_dir() -> Path:
    return paths.resources() / "translations"


def tool(name: str) -> str:
    """pyside6-<name> beside this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"shenbao.tools.translations: 找不到 pyside6-{name}（请安装 PySide6）")
    return found


def core_strings() -> list[str]:
    """Every label the UI shows from the core, each once, in a stable order."""
    from shenbao.core.comparison import WORDS
    from shenbao.core.deadlines import NOTICE_PHRASES
    from shenbao.core.documents import READ_MESSAGES
    from shenbao.core.documents.intake import NAMING, NOTE, WARNINGS
    from shenbao.core.documents.intake import REFUSALS as INTAKE_REFUSALS
    from shenbao.core.documents.invoice import CHECKS, FIGURES, NOTES, PARTIES
    from shenbao.core.documents.licence import LABELS as LICENCE_LABELS
    from shenbao.core.documents.licence import LICENCE_MESSAGES
    from shenbao.core.documents.ofd import OFD_MESSAGES, SOURCE_LABELS
    from shenbao.core.documents.pdf_bounds import BOUNDS_MESSAGES
    from shenbao.core.documents.pdf_invoice import PDF_MESSAGES, PDF_REASONS
    from shenbao.core.documents.scan import SCAN_MESSAGES
    from shenbao.core.documents.xml_invoice import XML_FAULTS, XML_MESSAGES
    from shenbao.core.expressions import EXPRESSION_MESSAGES
    from shenbao.core.fieldkinds import ID_PROBLEMS, KINDS, SPREADSHEET_PROBLEMS
    from shenbao.core.forms import FORM_MESSAGES
    from shenbao.core.jsonio import JSON_MESSAGES, JSON_REASONS
    from shenbao.core.model import (
        COLUMN_LABELS,
        ENTERPRISE_FIELDS,
        FACT_FIELDS,
        FIELD_GROUPS,
        KIND_ERRORS,
        MESSAGES,
        ORG_TYPES,
        RECOGNITION_KINDS,
    )
    from shenbao.core.ocr import OCR_ADDS
    from shenbao.core.packs.archive import ARCHIVE_MESSAGES
    from shenbao.core.packs.delta import UNREAD
    from shenbao.core.packs.keys import TRUST_MESSAGES
    from shenbao.core.packs.library import MESSAGES as PACK_MESSAGES
    from shenbao.core.packs.source import SOURCE_MESSAGES
    from shenbao.core.pdf.declaration import BOXES
    from shenbao.core.policies import DOC_KIND_LABELS, DOCUMENT_STATUS_LABELS, POLICY_MESSAGES, TOML_TYPES
    from shenbao.core.register import CHANGES, ERRORS, SUMS
    from shenbao.core.rules import KIND_LABELS, STATUS_LABELS
    from shenbao.core.rules.result import MARKS, PHRASES, SHARE_LABELS
    from shenbao.core.safezip import ZIP_REASONS, ZIP_REFUSALS
    from shenbao.core.store.bundle import BUNDLE_MESSAGES
    from shenbao.core.store.db import REFUSALS
    from shenbao.core.store.secrets import KEY_MESSAGES
    from shenbao.core.store.sheet import SHEET_REFUSALS
    from shenbao.core.store.tables import TABLE_REFUSALS
    from shenbao.core.toml_cache import TOML_SYNTAX
    from shenbao.errors import OS_REASONS, PATH_REASONS, WINDOWS_REASONS

    seen: dict[str, None] = {}
    for spec in [*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values()]:
        seen[spec.label] = None
        if spec.help:
            seen[spec.help] = None
    for kind in KINDS.values():
        for text in (kind.placeholder, *(kind.choices or {}).values()):
            if text:
                seen[text] = None
    for table in (
        FIELD_GROUPS,
        ORG_TYPES,
        RECOGNITION_KINDS,
        STATUS_LABELS,
        KIND_LABELS,
        KIND_ERRORS,
        DOCUMENT_STATUS_LABELS,
        DOC_KIND_LABELS,
        PHRASES,
        MARKS,
        COLUMN_LABELS,
        SHARE_LABELS,
        MESSAGES,
        JSON_MESSAGES,
        JSON_REASONS,
        CHANGES,
        ERRORS,
        SUMS,
        WORDS,
        NOTICE_PHRASES,
        WARNINGS,
        INTAKE_REFUSALS,
        NAMING,
        READ_MESSAGES,
        CHECKS,
        NOTES,
        PARTIES,
        FIGURES,
        XML_MESSAGES,
        XML_FAULTS,
        OFD_MESSAGES,
        SOURCE_LABELS,
        PDF_REASONS,
        PDF_MESSAGES,
        BOUNDS_MESSAGES,
        SCAN_MESSAGES,
        LICENCE_MESSAGES,
        LICENCE_LABELS,
        ID_PROBLEMS,
        SPREADSHEET_PROBLEMS,
        REFUSALS,
        TABLE_REFUSALS,
        SHEET_REFUSALS,
        KEY_MESSAGES,
        BUNDLE_MESSAGES,
        PACK_MESSAGES,
        ARCHIVE_MESSAGES,
        ZIP_REASONS,
        ZIP_REFUSALS,
        SOURCE_MESSAGES,
        TRUST_MESSAGES,
        POLICY_MESSAGES,
        TOML_SYNTAX,
        FORM_MESSAGES,
        UNREAD,
        EXPRESSION_MESSAGES,
        OS_REASONS,
        PATH_REASONS,
        WINDOWS_REASONS,
        BOXES,
    ):
        for text in table.values():
            seen[text] = None
    for text in TOML_TYPES.values():
        seen[text] = None
    seen[NOTE] = None
    seen[OCR_ADDS] = None
    for text in form_strings():
        seen[text] = None
    return list(seen)


def form_strings() -> list[str]:
    """The wizard's page titles, field labels and help from forms/; a help that cites the clause it rests
    on (「依据《…》…」) quotes the law and stays Chinese."""
    from shenbao.core.forms import load_forms

    out: dict[str, None] = {}
    for form in load_forms().values():
        for page in form.pages:
            texts = [page.title, page.help, *(t for f in page.fields for t in (f.label, f.help))]
            out.update((t, None) for t in texts if t and not t.startswith(LAW_QUOTE))
    return list(out)


LAW_QUOTE = "依据《"  # a help text quoting the law the page rests on


def write_core_strings(path: Path = CORE_STRINGS) -> None:
    lines = [
        '"""Generated by `python -m shenbao.tools.translations update`: the labels of the core, for lupdate."""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication",
        "",
        "CORE_STRINGS = [",
        *(
            f"    QCoreApplication.translate({json.dumps(CONTEXT)}, {json.dumps(text, ensure_ascii=False)}, None, 1),"
            if counted_by(text)
            else f"    QT_TRANSLATE_NOOP({json.dumps(CONTEXT)}, {json.dumps(text, ensure_ascii=False)}),"
            for text in core_strings()
        ),
        "]",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def sources() -> list[str]:
    return sorted(str(p) for p in UI.glob("*.py")) + [str(CORE_STRINGS)]


def update(out: Path | None = None) -> list[Path]:
    """Refresh the .ts files from the sources (or write fresh ones into `out`)."""
    if out is None:
        write_core_strings()
    written = []
    for language in LANGUAGES:
        ts = (out or translations_dir()) / f"shenbao_{language}.ts"
        subprocess.run(
            [
                tool("lupdate"),
                *sources(),
                "-source-language",
                "zh_CN",
                "-target-language",
                language,
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts),
            ],
            check=True,
            stdout=subprocess.DEVNULL if out else None,
        )
        written.append(ts)
    return written


def build(out: Path | None = None) -> list[Path]:
    """Compile every .ts beside it (or into `out`)."""
    built = []
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = (out / ts.name).with_suffix(".qm") if out else ts.with_suffix(".qm")
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def unfinished(ts: Path) -> list[str]:
    """Source texts of messages without a finished translation."""
    import xml.etree.ElementTree as ET

    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not (translation.text or translation.findall("numerusform"))
        ):
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.tools.translations", description=__doc__)
    parser.add_argument("action", choices=("build", "update", "check"))
    args = parser.parse_args(argv)
    if args.action == "update":
        for ts in update():
            print(f"{ts}: 尚未翻译 {len(unfinished(ts))} 条", file=sys.stderr)
    elif args.action == "build":
        for qm in build():
            print(f"已生成 {qm}", file=sys.stderr)
    else:
        problems = {ts.name: unfinished(ts) for ts in sorted(translations_dir().glob("*.ts"))}
        for name, texts in problems.items():
            for text in texts:
                print(f"{name}: 未翻译：{text}", file=sys.stderr)
        return 1 if any(problems.values()) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
