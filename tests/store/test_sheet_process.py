"""A large .xlsx is read by a second process while this one checks its rows: the rows, the errors and
the refusals are those of reading it here; stopping early (a cancel, a bad row) leaves no process behind;
a program that starts the reader without a main guard still gets its rows."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.store import StoreError, tables
from shenbao.core.store.tables import read_rows, write_table
from tests.store.factory import cli_env, make_profile

ROWS = 2_500


def park(path: Path, count: int = ROWS) -> Path:
    documents = [
        make_profile(i, name=f'=HYPERLINK("x")公司{i}' if i % 97 == 0 else None) for i in range(count)
    ]
    documents[10]["enterprise"]["uscc"] = "91350100MA2XXXXXX"  # a code that does not check
    documents[20]["enterprise"]["uscc"] = documents[21]["enterprise"]["uscc"]  # a code twice
    documents[30]["facts"]["compute_subsidy_year_index"] = "很多年"  # a count that is not one
    write_table(path, documents)
    return path


def as_read(table: tables.Table) -> list[tuple[Any, ...]]:
    return [(r.number, r.cells, r.document, r.fields, r.errors, r.profile) for r in table.rows]


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every .xlsx goes to the second process; the list collects the files this process read itself."""
    monkeypatch.setattr(tables, "READ_ELSEWHERE_BYTES", 0)
    here: list[Path] = []
    own = tables._sheet_rows

    def read_here(path: Path, **kw: Any) -> Any:
        here.append(path)
        return own(path, **kw)

    monkeypatch.setattr(tables, "_sheet_rows", read_here)
    return here


def test_rows_read_by_the_second_process_are_the_rows_read_here(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    path = park(tmp_path / "park.xlsx")
    got = read_rows(path)
    assert elsewhere == []  # not read by this process
    tables.READ_ELSEWHERE_BYTES = 1 << 40  # (undone by the fixture) now read here
    expected = read_rows(path)
    assert elsewhere == [path]
    assert as_read(got) == as_read(expected)
    assert len(got.rows) == ROWS
    assert [r.number for r in got.rows if r.errors] == [12, 23, 32]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(("cell", "words"), [("XFD99", "第 99 行第 16384 列超出"), ("A250000", "行数过多")])
def test_a_refusal_in_the_second_process_is_the_refusal_made_here(
    tmp_path: Path, elsewhere: list[Path], cell: str, words: str
) -> None:
    from openpyxl import load_workbook

    path = park(tmp_path / "park.xlsx", 50)
    book = load_workbook(path)
    book.active[cell] = "远处"
    book.save(path)
    assert words in refused_both_ways(path, elsewhere)


def refused_both_ways(path: Path, elsewhere: list[Path]) -> str:
    """The refusal of `path` read by the second process, which must be the one reading it here makes."""
    with pytest.raises(StoreError) as there:
        read_rows(path)
    assert elsewhere == []
    tables.READ_ELSEWHERE_BYTES = 1 << 40
    with pytest.raises(StoreError) as here:
        read_rows(path)
    assert str(there.value) == str(here.value)
    assert multiprocessing.active_children() == []
    return str(there.value)


def test_an_archive_refused_before_the_second_process_opens_it(tmp_path: Path, elsewhere: list[Path]) -> None:
    """The archive is checked here while the reader starts; refused, the reader is told nothing and ends."""
    from tests.store.test_hostile_tables import good_xlsx, set_declared_size

    path = good_xlsx(tmp_path / "bomb.xlsx")
    set_declared_size(path, "xl/worksheets/sheet1.xml", 3 * 2**30)
    with pytest.raises(StoreError, match="解压后内容过大") as there:
        read_rows(path)
    assert elsewhere == []
    assert multiprocessing.active_children() == []
    tables.READ_ELSEWHERE_BYTES = 1 << 40
    with pytest.raises(StoreError) as here:
        read_rows(path)
    assert str(there.value) == str(here.value)


def test_a_damaged_sheet_is_refused_in_one_message(tmp_path: Path, elsewhere: list[Path]) -> None:
    path = tmp_path / "damaged.xlsx"
    park(tmp_path / "park.xlsx", 50)
    import zipfile

    with zipfile.ZipFile(tmp_path / "park.xlsx") as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body[: len(body) // 2]  # cut off in the middle of a row
            out.writestr(info, body)
    with pytest.raises(StoreError, match="不是有效的 xlsx 表格"):
        read_rows(path)
    assert elsewhere == []


def test_a_refusal_just_before_a_damaged_part_is_the_refusal_made_here(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    """The second process sends its rows as the sheet holds them and this one makes them a table's: a
    row it must refuse, read just before the sheet's XML breaks off, is refused as reading it here
    refuses it, not hidden by the damage."""
    import zipfile

    from openpyxl import load_workbook

    whole = park(tmp_path / "park.xlsx", 50)
    book = load_workbook(whole)
    book.active["XFD40"] = "远处"
    book.save(whole)
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body[: body.index(b'<row r="45"') + 20]  # cut off in the middle of row 45
            out.writestr(info, body)
    assert "第 40 行第 16384 列超出" in refused_both_ways(path, elsewhere)


def test_a_cancel_stops_the_second_process(tmp_path: Path, elsewhere: list[Path]) -> None:
    path = park(tmp_path / "park.xlsx")
    told: list[int] = []

    class Cancelled(Exception):
        pass

    def progress(rows: int) -> None:
        told.append(rows)
        raise Cancelled

    with pytest.raises(Cancelled):
        read_rows(path, progress)
    assert told == [999]  # rows read when the 1,000th line of the sheet is reached
    assert multiprocessing.active_children() == []


# the archive checked only once the reader has ended: it is gone before it could be told to go
SLOW_CHECK = """
import multiprocessing, time
checking = tables._check_archive
def check_after_the_reader(path):
    end = time.monotonic() + 60
    while multiprocessing.active_children() and time.monotonic() < end:
        time.sleep(0.05)
    return checking(path)
tables._check_archive = check_after_the_reader
"""


@pytest.mark.parametrize("prelude", ["", SLOW_CHECK], ids=["checked-at-once", "reader-gone-first"])
def test_a_script_without_a_main_guard_still_reads_its_table(tmp_path: Path, prelude: str) -> None:
    """The second process of a script that reads at its top level would run the script again, which
    cannot start a process of its own: it ends without reading, and the table is read by the script."""
    path = park(tmp_path / "park.xlsx")
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from shenbao.core.store import tables
            tables.READ_ELSEWHERE_BYTES = 0
            {textwrap.indent(prelude, " " * 12).strip()}
            table = tables.read_rows(tables.Path({str(path)!r}))
            print(len(table.rows), sum(1 for r in table.rows if r.errors))
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        env=cli_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(ROWS), "3"]


def test_cells_merged_down_the_rows_are_refused_by_the_second_process_as_here(
    tmp_path: Path, elsewhere: list[Path]
) -> None:
    from tests.cli.test_park_table_walk import merged_park

    path = merged_park(tmp_path / "park.xlsx")
    with pytest.raises(StoreError) as there:
        read_rows(path)
    assert elsewhere == []
    tables.READ_ELSEWHERE_BYTES = 1 << 40  # (undone by the fixture) now read here
    with pytest.raises(StoreError) as here:
        read_rows(path)
    assert str(there.value) == str(here.value) and "C4:C6" in str(here.value)
