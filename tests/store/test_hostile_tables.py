"""Hostile spreadsheets, built here: archives that inflate to gigabytes (by their own word or by lying
about it), a single cell far beyond the limits, damaged archives. Each is refused in one line, exit 2,
cheaply, with the store as it was."""

from __future__ import annotations

import json
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from shenbao.core.store import StoreError, tables
from shenbao.core.store.tables import read_table
from tests.store.factory import assert_refused, cli_env, make_uscc, shenbao

HEADER = ["企业（单位）名称", "统一社会信用代码"]


def good_xlsx(path: Path, *extra: tuple[str, object]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["甲公司", make_uscc(1)])
    for cell, value in extra:
        sheet[cell] = value
    book.save(path)
    return path


def set_declared_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip records for `member` (in its local header and in the central
    directory), leaving the data as it is: a zip that lies about its size."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    # (signature, offset of the name length, offset of the name, offset of the uncompressed size)
    for signature, length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            name_len = struct.unpack_from("<H", data, at + length_at)[0]
            if bytes(data[at + name_at : at + name_at + name_len]) == name:
                struct.pack_into("<I", data, at + size_at, size)
            at += 4
    path.write_bytes(bytes(data))


def whitespace_sheet(path: Path, padding: int) -> Path:
    """A valid workbook whose sheet XML carries `padding` bytes of whitespace, deflated as it is written."""
    good = good_xlsx(path.with_name("base.xlsx"))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, body)
                continue
            head, tail = body.split(b"<sheetData>", 1)
            member = zipfile.ZipInfo(info.filename)
            member.compress_type = zipfile.ZIP_DEFLATED
            with out.open(member, "w", force_zip64=True) as handle:
                handle.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(padding >> 20):
                    handle.write(chunk)
                handle.write(b"<sheetData>" + tail)
    return path


def test_a_sheet_declaring_gigabytes_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "bomb.xlsx")
    set_declared_size(path, "xl/worksheets/sheet1.xml", 3 * 2**30)
    with pytest.raises(StoreError, match="解压后内容过大"):
        read_table(path)


def test_a_sheet_lying_about_its_size_is_read_no_further_than_it_says(tmp_path: Path) -> None:
    """An archive member is inflated only up to its recorded size, then its checksum fails."""
    path = whitespace_sheet(tmp_path / "bomb.xlsx", 12 * 2**20)
    set_declared_size(path, "xl/worksheets/sheet1.xml", 4096)
    with pytest.raises(StoreError, match="不是有效的 xlsx 表格.*(CRC|不符)"):
        read_table(path)


def test_the_real_command_refuses_a_whitespace_bomb_cheaply_and_writes_nothing(tmp_path: Path) -> None:
    path = whitespace_sheet(tmp_path / "bomb.xlsx", tables.MAX_INFLATED + 2**20)
    assert path.stat().st_size < 3 * 2**20
    data = tmp_path / "data"
    peak = tmp_path / "peak"
    # The command's own peak, measured by a process that runs nothing else: this test process's
    # children include every command the suite ran before (a recognition run takes a gigabyte).
    measure = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[2:]).returncode\n"
        "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, str(peak), sys.executable, "-m", "shenbao", "import", str(path)],
        env=cli_env(data),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert_refused(result, str(path), "过大")
    assert int(peak.read_text()) < 500 * 1024  # KiB: under 500 MB
    assert not data.exists()  # refused before the data folder was made


def crowded_sheet(path: Path, empty_cells: int, merged: int) -> Path:
    """A valid workbook whose sheet holds, after its two rows, a row of `empty_cells` empty cells (the
    column limit is for cells with a value) and, after its data, `merged` merged ranges, each across two
    columns of one row (a range merged down rows of enterprises refuses the table): millions of
    elements in some megabytes."""
    good = good_xlsx(path.with_name("base.xlsx"))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = body.split(b"</sheetData>", 1)
                rng = random.Random(3)  # numbers that do not compress away: a real file's ratio
                cells = b"".join(b'<c s="%d"/>' % rng.randrange(10**6) for _ in range(empty_cells))
                crowd = b'<row r="3">' + cells + b"</row></sheetData>"
                ranges = b"".join(
                    b'<mergeCell ref="A%d:B%d"/>' % (row, row)
                    for row in (rng.randrange(10**6) for _ in range(merged))
                )
                merges = b'<mergeCells count="%d">' % merged + ranges
                body = head + crowd + merges + b"</mergeCells>" + tail.replace(b"<mergeCells", b"<x")
            out.writestr(info, body)
    return path


def test_millions_of_elements_are_read_in_little_memory(tmp_path: Path) -> None:
    """Elements are read a chunk at a time and let go: a row of a million empty cells and half a million
    merged ranges after the data cost no more memory than a small table."""
    path = crowded_sheet(tmp_path / "crowded.xlsx", empty_cells=1_000_000, merged=500_000)
    assert path.stat().st_size < 16 * 2**20
    peak = tmp_path / "peak"
    read = "import sys; from pathlib import Path; from shenbao.core.store.tables import read_table; "
    read += "print([p.uscc for p in read_table(Path(sys.argv[1]))])"
    # the peak of the reading processes (this one's and the sheet reader's), measured by a process that
    # runs nothing else: a process forked from this test's starts with the test's own peak
    measure = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run([sys.executable, '-c', sys.argv[2], sys.argv[3]]).returncode\n"
        "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, str(peak), read, str(path)],
        env=cli_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == repr([make_uscc(1)])
    assert int(peak.read_text()) < 100 * 1024  # KiB: a small table's reading takes about 30 MB


def test_a_row_naming_one_column_again_and_again_is_refused(tmp_path: Path) -> None:
    """Columns only grow along a row: a row holding more cells than columns is not a spreadsheet's."""
    good = good_xlsx(tmp_path / "base.xlsx")
    path = tmp_path / "again.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                again = b'<row r="3">' + b'<c r="A3"><v>1</v></c>' * (tables.MAX_COLUMNS + 2) + b"</row>"
                body = body.replace(b"</sheetData>", again + b"</sheetData>")
            out.writestr(info, body)
    with pytest.raises(StoreError, match=f"第 3 行的单元格多于 {tables.MAX_COLUMNS} 列"):
        read_table(path)


@pytest.mark.parametrize(
    ("cell", "words"), [("XFD99999", "第 99999 行第 16384 列超出"), ("A250000", "行数过多")]
)
def test_one_cell_far_away_stops_the_reading_at_that_cell(tmp_path: Path, cell: str, words: str) -> None:
    path = good_xlsx(tmp_path / "far.xlsx", (cell, "远处"))
    assert path.stat().st_size < 10_000
    with pytest.raises(StoreError, match=words):
        read_table(path)


def test_columns_and_rows_within_the_limits_are_read(tmp_path: Path) -> None:
    path = good_xlsx(tmp_path / "near.xlsx", ("GR1", None), ("A20", None))
    assert [p.uscc for p in read_table(path)] == [make_uscc(1)]


def test_a_wide_csv_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(HEADER) + "\n甲公司," + make_uscc(1) + "," * 300 + "x\n", encoding="utf-8")
    with pytest.raises(StoreError, match="超过 200 列"):
        read_table(path)


def damaged_deflate(path: Path) -> Path:
    good = good_xlsx(path)
    data = bytearray(good.read_bytes())
    at = data.find(b"PK\x03\x04", data.find(b"xl/worksheets/sheet1.xml") - 40)
    start = at + 30 + struct.unpack_from("<H", data, at + 26)[0] + struct.unpack_from("<H", data, at + 28)[0]
    data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    return path


def encrypted_member(path: Path) -> Path:
    good = good_xlsx(path)
    data = bytearray(good.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        flags = struct.unpack_from("<H", data, at + 8)[0]
        struct.pack_into("<H", data, at + 8, flags | 1)
        at += 4
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "make",
    [
        damaged_deflate,
        encrypted_member,
        lambda p: (p.write_bytes(b"PK\x03\x04" + b"\0" * 100), p)[1],
        lambda p: (p.write_bytes(zlib.compress(b"not a zip")), p)[1],
    ],
    ids=["deflate", "encrypted", "truncated", "not-a-zip"],
)
def test_a_damaged_archive_is_one_line(tmp_path: Path, make) -> None:
    path = make(tmp_path / "broken.xlsx")
    result = shenbao(tmp_path / "data", "import", str(path))
    assert_refused(result, str(path))


def test_a_csv_of_one_row_too_many_is_refused_before_any_row_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is lowered to five rows so the edges can be tried; a table's rows are only checked once
    its length is known to be within it, and a quoted cell's line breaks do not count as rows."""
    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    checked: list[int] = []
    row = tables._Readers.row
    monkeypatch.setattr(
        tables._Readers, "row", lambda self, n, cells: (checked.append(n), row(self, n, cells))[1]
    )
    header = ",".join([*HEADER, "注册地址"]) + "\n"
    lines = [f'甲{i}公司,{make_uscc(i)},"福州市\n鼓楼区\n{i} 号"\n' for i in range(1, 7)]

    within = tmp_path / "五行.csv"
    within.write_text(header + "".join(lines[:5]), encoding="utf-8")
    assert within.read_text(encoding="utf-8").count("\n") > 5 * 3
    profiles = read_table(within)
    assert [p.uscc for p in profiles] == [make_uscc(i) for i in range(1, 6)]
    assert profiles[0].enterprise["address"] == "福州市\n鼓楼区\n1 号"
    assert checked == [2, 3, 4, 5, 6]

    checked.clear()
    over = tmp_path / "六行.csv"
    over.write_text(header + "".join(lines), encoding="utf-8")
    with pytest.raises(StoreError, match="行数过多（超过 5 行）"):
        read_table(over)
    assert checked == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("last", ["\n", ""], ids=["ending-in-a-line-break", "not"])
def test_a_csv_without_quotes_is_counted_by_its_lines_to_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, last: str
) -> None:
    """Without a double quote every line is a record: a table of exactly as many rows as allowed is read
    (a blank line of commas after it too), one more is refused before any row is checked."""
    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    checked: list[int] = []
    row = tables._Readers.row
    monkeypatch.setattr(
        tables._Readers, "row", lambda self, n, cells: (checked.append(n), row(self, n, cells))[1]
    )
    lines = [",".join(HEADER)] + [f"甲{i}公司,{make_uscc(i)}" for i in range(1, 7)]
    table = tmp_path / "园区.csv"
    for extra in ([], [","]):
        table.write_bytes((newline.join([*lines[:6], *extra]) + last).encode("gb18030"))
        assert [p.uscc for p in read_table(table)] == [make_uscc(i) for i in range(1, 6)]
    checked.clear()
    table.write_bytes((newline.join(lines) + last).encode("gb18030"))
    with pytest.raises(StoreError, match="行数过多（超过 5 行）"):
        read_table(table)
    assert checked == []


_PACKAGE = "http://schemas.openxmlformats.org/package/2006/"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def shared_string_sheet(path: Path, rows: int, length: int) -> Path:
    """A workbook as Excel writes one, its strings shared, whose every cell below the header names one
    string of `length` characters: kilobytes on disk, `length` characters a cell to read."""
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{_PACKAGE}content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_KIND}sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_KIND}worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_KIND}sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PACKAGE}relationships"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_SHEET}" xmlns:r="{_OFFICE}"><sheets>'
        '<sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PACKAGE}relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_OFFICE}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_SHEET}"><si><t>{HEADER[0]}</t></si><si><t>{HEADER[1]}</t></si>'
        f"<si><t>{'乙' * length}</t></si></sst>",
    }
    header = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    cells = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}" t="s"><v>2</v></c></row>'
        for r in range(2, rows + 2)
    )
    parts["xl/worksheets/sheet1.xml"] = (
        f'<worksheet xmlns="{_SHEET}"><sheetData>{header}{cells}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in parts.items():
            out.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + body)
    return path


def test_one_shared_string_named_by_every_cell_is_refused_by_the_text_it_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared string is stored once and named by any number of cells: a 700 KB workbook whose
    200,000 cells each name one string of 100,000 characters reads as 20 billion characters (minutes of
    work). The cells' text together is held to the largest CSV's, and refused in one line past it."""
    monkeypatch.setattr(tables, "MAX_SHEET_TEXT", 1_000_000)
    path = shared_string_sheet(tmp_path / "amplified.xlsx", rows=20, length=50_000)
    assert path.stat().st_size < 20_000
    with pytest.raises(StoreError) as refused:
        read_table(path)
    assert "表格的文字过多（单元格合计超过 1,000,000 个字符）" in str(refused.value)


def test_blank_rows_past_the_row_limit_are_not_rows_of_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet of a few enterprises whose cells were formatted far down (a border drawn over the
    range to fill, a space typed in a cell below) holds empty rows past the limit; Excel's CSV of it
    holds lines of commas. Nothing is in them: the enterprises are read, and a row past the limit that
    does hold something is still refused, by its number. (The limit is lowered to five rows here; at
    100,000 a sheet of 10 enterprises bordered down to row 150,000 was refused as 第 100,002 行.)"""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    monkeypatch.setattr(tables, "MAX_ROWS", 5)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i in range(1, 4):
        sheet.append([f"甲{i}公司", make_uscc(i)])
    for row in range(5, 40):
        sheet.cell(row=row, column=1).border = Border(left=Side(style="thin"))
    sheet["B45"] = " "
    bordered = tmp_path / "画了边框.xlsx"
    book.save(bordered)
    assert [p.uscc for p in read_table(bordered)] == [make_uscc(i) for i in range(1, 4)]

    saved = tmp_path / "另存为.csv"
    lines = [",".join(HEADER)] + [f"甲{i}公司,{make_uscc(i)}" for i in range(1, 4)] + [","] * 40
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [p.uscc for p in read_table(saved)] == [make_uscc(i) for i in range(1, 4)]

    sheet["A50"] = "乙公司"
    book.save(bordered)
    with pytest.raises(StoreError, match="行数过多（第 50 行超过 5 行的限制）"):
        read_table(bordered)
    saved.write_text("\n".join([*lines, f"乙公司,{make_uscc(9)}"]) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match="行数过多（超过 5 行）"):
        read_table(saved)


def test_an_office_lock_file_is_named_as_one_and_points_at_its_table(tmp_path: Path) -> None:
    """「~$园区.xlsx」 lies beside 「园区.xlsx」 while Excel or WPS has it open (165 bytes: the user's name),
    「.~lock.园区.xlsx#」 while LibreOffice has; picked by mistake, each was 「不是有效的 xlsx 表格（压缩包已损坏
    或不完整）」 or 「不支持的文件类型」. Now the message says what it is and which file to pick."""
    excel = tmp_path / "~$园区.xlsx"
    excel.write_bytes(b"\x0bzhang san  " + b"\x00" * 40 + b"z\x00h\x00a\x00n\x00g\x00" + b"\x00" * 100)
    libre = tmp_path / ".~lock.园区.xlsx#"
    libre.write_text(
        ",zhang,host,04.12.2026 16:00,file:///home/zhang/.config/libreoffice/4;", encoding="utf-8"
    )
    data = tmp_path / "data"
    for lock in (excel, libre):
        run = shenbao(data, "import", str(lock))
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "临时锁定文件，不是表格：请选择同一文件夹中的「园区.xlsx」" in run.stderr, run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    assert not (data / "shenbao.db").exists() or json.loads(shenbao(data, "profiles", "list").stdout) == []


def test_a_real_table_whose_name_starts_like_a_lock_file_is_read(tmp_path: Path) -> None:
    table = tmp_path / "~$园区.csv"
    rows = "".join(f"第{i}号科技有限公司,{make_uscc(i)}\n" for i in range(200))
    table.write_text("企业（单位）名称,统一社会信用代码\n" + rows, encoding="utf-8")
    assert table.stat().st_size > tables.LOCK_BYTES and tables.lock_file(table) is None
    assert (
        tables.lock_file(tmp_path / "园区.xlsx") is None and tables.lock_file(tmp_path / ".~lock.#") is None
    )
    run = shenbao(tmp_path / "data", "import", str(table))
    assert run.returncode == 0 and "新增 200 家" in run.stdout + run.stderr, run.stderr


def test_half_a_million_ranges_merged_down_rows_are_refused_in_little_memory(tmp_path: Path) -> None:
    """A sheet's ranges merged down its rows are kept to name the first of them, at most MERGES_KEPT."""
    from shenbao.core.store import sheet

    path = crowded_sheet(tmp_path / "crowded.xlsx", empty_cells=10, merged=0)
    merged = tmp_path / "merged.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(merged, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                ranges = b"".join(b'<mergeCell ref="C%d:C%d"/>' % (i + 2, i + 9) for i in range(500_000))
                body = body.replace(b'<mergeCells count="0">', b'<mergeCells count="500000">' + ranges)
            out.writestr(info, body)
    kept: list[str] = []
    rows = list(sheet.first_sheet_cells(merged, tables.MAX_COLUMNS, kept))
    assert len(rows) == 3 and len(kept) == sheet.MERGES_KEPT and kept[0] == "C2:C9"
    with pytest.raises(StoreError, match="单元格 C2:C9（第 2–9 行）是合并的"):
        read_table(merged)
