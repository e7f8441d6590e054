"""A file named with a line feed (or another control character) is written in one line in the window's
message boxes, escaped as the command line writes it (「园区\\n企业.csv」): shown raw, the name parted the
box's text in two. Only the values naming a file are escaped; the rest of a message is as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shenbao.core.store.db import REFUSALS
from shenbao.errors import one_line

GARBLED = (
    b"\xe4\xbc\x81\xe4\xb8\x9a\xef\xbc\x88\xe5\x8d\x95\xe4\xbd\x8d\xef\xbc\x89,code\n\xff\xff,\x80\x80\n"
)


def _import(qtbot: Any, window: Any, path: Path) -> None:
    with qtbot.waitSignal(window.operations.finished, timeout=20000):
        window.operations.import_files([str(path)])


@pytest.mark.parametrize("name", ["园区\n企业.csv", "园区\r企业\x1b[31m.csv", "园区\u2028企业.csv"])
def test_a_table_named_with_a_control_character_is_named_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, name: str
) -> None:
    table = tmp_path / name
    table.write_bytes(GARBLED)
    _import(qtbot, window, table)
    [(kind, _title, text)] = dialogs.shown
    assert kind == "warning"
    assert text.startswith(f"{one_line(table)}: 编码无法识别（应为 UTF-8 或 GB18030）：")
    assert text.splitlines() == [text] and "\u2028" not in text and "\x1b" not in text
    assert window.store.list_enterprises() == []


def test_a_profile_file_named_with_a_line_feed_is_named_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path
) -> None:
    profile = tmp_path / "企业\n档案.json"
    profile.write_text("[]", encoding="utf-8")
    _import(qtbot, window, profile)
    texts = [text for _kind, _title, text in dialogs.shown]
    assert texts and all("\n" not in text for text in texts), texts
    assert any(one_line(profile) in text for text in texts), texts
    assert window.store.list_enterprises() == []


def test_in_english_the_name_is_in_one_line_too(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, in_english: None
) -> None:
    table = tmp_path / "park\ntenants.csv"
    table.write_bytes(GARBLED)
    _import(qtbot, window, table)
    [(_kind, _title, text)] = dialogs.shown
    assert text.startswith(f"{one_line(table)}: the encoding is not recognised")
    assert "\n" not in text


def test_only_the_names_are_escaped() -> None:
    """The values of a sentence that are not a file's name (here an integrity check's findings) keep
    their line breaks; a sentence naming no file with a control character is the same object."""
    from shenbao.core.phrases import Phrase
    from shenbao.errors import paths_in_one_line

    found = Phrase(REFUSALS["integrity"], rows="第 1 页有误\n第 2 页有误", items=[])
    assert paths_in_one_line(found) is found
    message = Phrase("{path}: {rows}", path="a\nb.db", rows="第 1 页\n第 2 页")
    assert str(paths_in_one_line(message)) == "a\\nb.db: 第 1 页\n第 2 页"
    plain = "a\nb.csv: 不是文本表格"  # a message written without its values: its breaks are its own
    assert paths_in_one_line(plain) is plain
