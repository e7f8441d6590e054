"""A value refused is shown after 收到 as it was received, through the real `shenbao import`: a control
character in it is written as \\uXXXX, whether it is one of C0 (U+0000–U+001F), DEL or C1
(U+0080–U+009F). Raw, it prints as nothing (U+0085), or a terminal takes it as the start of a command
(U+009B)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.store.factory import make_profile, make_uscc, shenbao

CONTROLS = ["\u0007", "\u007f", "\u0085", "\u009b"]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_profile_file_s_refused_value_shows_its_control_character_escaped(
    tmp_path: Path, data_dir: Path, control: str
) -> None:
    doc = make_profile(1, engineers=0)
    doc["enterprise"]["district"] = f"鼓楼{control}区"
    path = tmp_path / "档案.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", str(path))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert f'含不可见的控制字符，请删去（收到 "鼓楼\\u{ord(control):04x}区"）' in run.stderr
    assert control not in run.stderr


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_table_s_refused_cell_and_header_show_their_control_character_escaped(
    tmp_path: Path, data_dir: Path, control: str
) -> None:
    escaped = f"\\u{ord(control):04x}"
    table = tmp_path / "园区.csv"
    rows = ["企业（单位）名称,统一社会信用代码,从业人数", f"甲公司,{make_uscc(1)},1{control}2"]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert f"第 2 行「从业人数」：含不可见的控制字符，请删去（收到 1{escaped}2）" in run.stderr
    assert control not in run.stderr

    if control.isspace():  # a header is matched without its spaces, U+0085 among them
        return
    table.write_text(f"企业（单位）名称,统一社会信用代码,从业{control}人数\n", encoding="utf-8")
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert f"表头「从业{escaped}人数」不是已知的字段名" in run.stderr
    assert control not in run.stderr


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_s_refused_cell_wrapped_in_its_cell_is_shown_on_the_message_s_one_line(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """A phone typed over two lines of its cell (0591- and 87654321, Alt+Enter between them) is refused
    as no phone. The refusal printed the line break it received: the one line on standard error became
    two, and the window's list of errors showed 「87654321）」 as a line of its own. The break is shown
    as \\n, as a profile file's refused value shows it."""
    rows = [
        ["企业（单位）名称", "统一社会信用代码", "联系电话"],
        ["甲公司", make_uscc(1), "0591-\n87654321"],
        ["乙公司", make_uscc(2), "0591-\r\n8765"],
    ]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(table)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "（收到 0591-\\n87654321）" in run.stderr and "（收到 0591-\\n8765）" in run.stderr
