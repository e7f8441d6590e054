"""Every field kind reads the same input the same way wherever it is typed: the profile editor, a wizard
page and a park table's cell give the same value and the same Chinese message for each of the spellings
people use (1，000, 1,000.5, ２０２３年3月1日, 2023/3/1, 15%, ０.１５, ＝, ０５９１－８７６５４３２１), blanks and
garbage.

The wizard page is the real generic page built by the forms loader from a form asking one field of
each kind; the table is a real CSV read by the importer; the editors are typed into as a user types."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from shenbao import paths
from shenbao.core import fieldkinds
from shenbao.core.forms import load_form
from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS, FieldSpec
from shenbao.core.store.tables import read_rows
from shenbao.ui.form_page import FieldEditor, FormPage
from shenbao.ui.profile_editor import ProfileEditor
from tests.store.factory import make_uscc
from tests.ui.drive import type_text

# One profile field of each kind (the first in the model, passing over the required name).
SPECS: dict[str, FieldSpec] = {}
for _spec in [*ENTERPRISE_FIELDS.values(), *FACT_FIELDS.values()]:
    if _spec.path != "enterprise.name":
        SPECS.setdefault(_spec.kind, _spec)
LISTED = sorted(k for k in SPECS if fieldkinds.kind(k).choices)  # chosen from a list, not typed
TYPED = sorted(k for k in SPECS if k not in LISTED)
VALID_USCC = "913501044C12H3B168"

INPUTS = [
    "250000",
    "1，000",
    "1,000",
    "1,000.5",
    "25万",
    "¥250,000",
    "-5",
    "12人",
    "第2年",
    "２０２３年3月1日",
    "2023/3/1",
    "2023-03-01",
    "20230301",
    "2023-02-30",
    "15%",
    "０.１５",
    "0.15",
    "35",
    "120%",
    "＝",
    "=",
    "",
    "   ",
    "garbage",
    "二十万",
    "0591-87654321",
    "０５９１－８７６５４３２１",
    "（0591）87654321",
    "１３８ ００１３ ８０００",
    "a@b.cn",
    "a@",
    f" {VALID_USCC.lower()} ",
    "91350100M000100Y4X",
    "福州",
    " 福建 ",
    "福州市鼓楼区",
]

# What the registry is meant to say, spot-checked, so agreement is not agreement on nonsense.
EXPECTED = {
    ("money", "1，000"): 1000,
    ("money", "1,000.5"): 1000.5,
    ("money", "25万"): 250000,
    ("count", "1，000"): 1000,
    ("count", "12人"): 12,
    ("year_index", "第2年"): 2,
    ("date", "２０２３年3月1日"): "2023-03-01",
    ("date", "2023/3/1"): "2023-03-01",
    ("ratio", "15%"): 0.15,
    ("ratio", "０.１５"): 0.15,
    ("uscc", f" {VALID_USCC.lower()} "): VALID_USCC,
    # a Chinese input method in full-width mode: kept as the plain digits, hyphen and brackets
    ("phone", "０５９１－８７６５４３２１"): "0591-87654321",
    ("phone", "（0591）87654321"): "(0591)87654321",
    ("phone", "１３８ ００１３ ８０００"): "138 0013 8000",
    ("city", "福州"): "福州市",
    ("province", " 福建 "): "福建省",
    ("city", "福州市鼓楼区"): "福州市鼓楼区",
    ("text", "福州"): "福州",
}
REFUSED = [
    ("money", "-5"),
    ("money", "＝"),
    ("count", "1,000.5"),
    ("ratio", "35"),
    ("ratio", "120%"),
    ("date", "2023-02-30"),
    ("phone", "2023-02-30"),  # a spreadsheet's date cell in the phone column
    ("phone", "2023/3/1"),
    ("number", "garbage"),
    ("email", "a@"),
    ("uscc", "91350100M000100Y4X"),
]


@pytest.fixture
def page(qtbot: Any, tmp_path: Path) -> FormPage:
    """A wizard page asking one field of each kind, loaded by the forms loader from a form file."""
    shutil.copy(paths.forms() / "_common.toml", tmp_path / "_common.toml")
    keys = ", ".join(f'{{ key = "{spec.path}", required = false }}' for spec in SPECS.values())
    (tmp_path / "test.kinds.toml").write_text(
        'measure = "test.kinds"\ntitle = "各类字段"\ninclude = []\n'
        f'[[pages]]\nid = "kinds"\ntitle = "各类字段"\nhelp = "每类一个字段"\nfields = [{keys}]\n',
        encoding="utf-8",
    )
    (form_page,) = load_form(tmp_path / "test.kinds.toml").pages
    widget = FormPage(form_page)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def retype(qtbot: Any, line: Any, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    type_text(qtbot, line, text)


def in_editor(qtbot: Any, editor: ProfileEditor, kind: str, text: str) -> tuple[Any, str | None]:
    spec = SPECS[kind]
    retype(qtbot, editor.widget(spec.path), text)
    section, key = spec.path.split(".")
    return editor.document()[section].get(key), editor.message(spec.path)


def on_page(qtbot: Any, page: FormPage, kind: str, text: str) -> tuple[Any, str | None]:
    field_editor: FieldEditor = page.editors[SPECS[kind].path]
    retype(qtbot, field_editor.line, text)
    error = field_editor.error()
    if error is None:
        return field_editor.value(), None
    return None, error.removeprefix(field_editor.field.label)


def in_table(
    tmp_path: Path, kinds: list[str], texts: list[str]
) -> dict[tuple[str, str], tuple[Any, str | None]]:
    """Each text in a cell of each kind's column of one CSV, read by the importer: (kind, text) → (value,
    the cell's message without the 「（收到 …）」 the table adds)."""
    specs = [SPECS[k] for k in kinds if k != "uscc"]
    path = tmp_path / "park.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["企业（单位）名称", "统一社会信用代码", *(s.label for s in specs)])
        for i, text in enumerate(texts):
            code = text if "uscc" in kinds else make_uscc(100 + i)
            writer.writerow([f"福州测试{i}有限公司", code, *(text for _s in specs)])
    table = read_rows(path)
    found = {}
    for row, text in zip(table.rows, texts, strict=True):
        for spec in [ENTERPRISE_FIELDS["uscc"], *specs] if "uscc" in kinds else specs:
            section, key = spec.path.split(".")
            label = table.labels[(section, key)]
            messages = [m for column, m in row.errors if column == label]
            message = messages[0].removesuffix(f"（收到 {text}）") if messages else None
            found[(spec.kind, text)] = (row.document[section].get(key), message)
    return found


def test_every_typed_kind_reads_every_input_alike_in_both_editors_and_a_table(
    qtbot: Any, editor: ProfileEditor, page: FormPage, tmp_path: Path
) -> None:
    table = in_table(tmp_path, [k for k in TYPED if k != "uscc"], INPUTS)
    # the code column names the enterprise: a blank code is refused by the row, not by the kind
    codes = [t for t in INPUTS if t.strip()]
    table.update(in_table(tmp_path, ["uscc"], codes))
    compared = 0
    for kind in TYPED:
        for text in INPUTS:
            try:
                registry: tuple[Any, str | None] = (fieldkinds.parse(kind, text), None)
            except fieldkinds.FieldValueError as err:
                registry = (None, err.message)
            seen = {
                "profile editor": in_editor(qtbot, editor, kind, text),
                "wizard page": on_page(qtbot, page, kind, text),
            }
            if (kind, text) in table:
                seen["park table"] = table[(kind, text)]
            for where, got in seen.items():
                assert got == registry, f"{kind} {text!r}: {where} gave {got}, the registry {registry}"
                compared += 1
            if (kind, text) in EXPECTED:
                assert registry == (EXPECTED[(kind, text)], None)
            if (kind, text) in REFUSED:
                assert registry[1], (kind, text)
    assert compared == len(TYPED) * len(INPUTS) * 3 - len(INPUTS) + len(codes)  # every cell read
    assert set(TYPED) | set(LISTED) == {spec.kind for spec in SPECS.values()}


def test_every_listed_kind_offers_the_same_items_and_values_as_a_table_reads(
    qtbot: Any, editor: ProfileEditor, page: FormPage, tmp_path: Path
) -> None:
    for kind in LISTED:
        spec = SPECS[kind]
        profile_combo = editor.widget(spec.path)
        wizard = page.editors[spec.path]
        assert wizard.combo is not None
        items = [profile_combo.itemText(i) for i in range(profile_combo.count())]
        assert items == [wizard.combo.itemText(i) for i in range(wizard.combo.count())]
        assert items[0] == "未填" and len(items) == len(fieldkinds.kind(kind).choices or {}) + 1
        texts = [str(profile_combo.itemData(i)) for i in range(profile_combo.count())]
        table = in_table(tmp_path, [kind], texts)
        section, key = spec.path.split(".")
        for index, text in enumerate(texts):
            profile_combo.setCurrentIndex(index)
            profile_combo.activated.emit(index)
            wizard.combo.setCurrentIndex(index)
            wizard.combo.activated.emit(index)
            expected = fieldkinds.parse(kind, text)
            assert (expected is None) == (index == 0)
            assert wizard.value() == expected
            if kind == "org_type" and expected is None:  # the core reads an absent type as 企业
                assert editor.document()[section].get(key) is None
            else:
                assert editor.document()[section].get(key) == expected
            assert table[(kind, text)] == (expected, None)
