"""The first worksheet of an .xlsx, read as openpyxl's read-only parser reads it, at the speed of expat.

openpyxl finds the parts (the workbook, its first worksheet, the shared strings) and the styles that make
a number a date; the XML of the shared strings and of the sheet is read here by expat, streaming.
openpyxl's own read-only parser builds an element tree for every cell and a text object for every shared
string: a park table of 100,000 rows cost 4 s before its first row (its shared strings) and 160 µs a row
after. The values are those openpyxl gives with `data_only` (a formula's last result), which a test
compares cell for cell: text, numbers (an int unless written with a point or an exponent), dates by
their style, yes/no, error codes, inline strings.

A document type declaration is refused (an .xlsx has none; entities are how XML bombs are made).
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _C, _V, _IS, _T, _R, _SI = (f"{MAIN} {tag}" for tag in ("row", "c", "v", "is", "t", "r", "si"))
CHUNK = 1 << 16
Row = tuple[int, list[tuple[int, Any]]]


class SheetError(ValueError):
    """The sheet's XML is not what a spreadsheet writes."""


def first_sheet_rows(path: Path) -> Generator[Row, None, None]:
    """(row number, [(column, value), …]) of each row the first worksheet holds, in order; the caller
    closes the generator (the archive is closed with it). Raises SheetError, expat.ExpatError or
    whatever openpyxl raises on a damaged workbook."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheet = next(
            (
                rel.target
                for _, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ),
            None,
        )
        if sheet is None:
            raise SheetError("表格中没有工作表")
        part = reader.package.find(SHARED_STRINGS)
        strings = _shared_strings(reader.archive, part.PartName[1:]) if part is not None else []
        wb = reader.wb
        cells = _Cells(strings, wb._date_formats, wb._timedelta_formats, wb.epoch)
        with reader.archive.open(sheet) as source:
            yield from _parse(source, cells)
    finally:
        reader.archive.close()


def _parser() -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def refuse(*_: Any) -> None:
        raise SheetError("不是有效的 xlsx 表格（含有文档类型声明）")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    return parser


def _feed(parser: Any, source: Any, done: list[Any]) -> Generator[Any, None, None]:
    while True:
        chunk = source.read(CHUNK)
        parser.Parse(chunk, not chunk)
        yield from done
        done.clear()
        if not chunk:
            return


def _shared_strings(archive: Any, name: str) -> list[str]:
    """The shared strings as openpyxl's read_string_table gives them: a string's own text, then its
    runs' (phonetic runs left out), `x005F_` taken out."""
    out: list[str] = []
    parser = _parser()
    path: list[str] = []
    parts: list[str] = []  # the text being read: [plain, run, run, …]
    plain: list[str | None] = [None]
    text: list[str] | None = None

    def start(name: str, _attrs: Any) -> None:
        nonlocal text
        path.append(name)
        if name == _T and len(path) >= 2:
            if path[-2] == _SI or path[-2] == _R and len(path) >= 3 and path[-3] == _SI:
                text = []
        elif name == _SI:
            parts.clear()
            plain[0] = None

    def end(name: str) -> None:
        nonlocal text
        path.pop()
        if name == _T and text is not None:
            if path[-1] == _SI:
                plain[0] = "".join(text)
            else:
                parts.append("".join(text))
            text = None
        elif name == _SI:
            out.append(((plain[0] or "") + "".join(parts)).replace("x005F_", ""))

    def chars(data: str) -> None:
        if text is not None:
            text.append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    with archive.open(name) as source:
        for _ in _feed(parser, source, []):
            pass
    return out


class _Cells:
    """A cell's value from its type, style and text, as openpyxl's WorkSheetParser.parse_cell makes it."""

    def __init__(self, strings: list[str], dates: set[int], durations: set[int], epoch: Any) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        self.strings, self.dates, self.durations, self.epoch = strings, dates, durations, epoch
        self.from_excel, self.from_iso = from_excel, from_ISO8601

    def value(self, kind: str, style: int, text: str | None) -> Any:
        if text is None:
            return None
        if kind == "n":
            number = float(text) if "." in text or "E" in text or "e" in text else int(text)
            if style not in self.dates:
                return number
            try:
                return self.from_excel(number, self.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl: a date beyond the calendar is an error cell
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return self.from_iso(text)
        return text  # str (a formula's text), e (an error code), anything else as written


def _column(coordinate: str, known: dict[str, int]) -> int:
    """A cell's column from its coordinate (A1, AB12), checked as openpyxl checks it, and remembered by
    its letters."""
    from openpyxl.utils.cell import coordinate_to_tuple

    found = known[coordinate.rstrip("0123456789")] = coordinate_to_tuple(coordinate)[1]
    return found


def _parse(source: Any, cells: _Cells) -> Generator[Row, None, None]:
    parser = _parser()
    done: list[Row] = []
    columns: dict[str, int] = {}
    row: list[Any] = [0, 0, None]  # its number, the last cell's column, its cells (None: not in a row)
    cell: list[Any] = ["n", 0, 0, None]  # type, style, column, text
    inner: list[str] = []  # the elements open inside the cell
    in_cell = False
    text: list[str] | None = None  # the text of the <v> or <t> being read
    inline: list[Any] | None = None  # an inline string's pieces: its own text, then its runs'

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal text, inline, in_cell
        if in_cell:
            inner.append(name)
            depth = len(inner)
            if depth == 1:
                if name == _V and cell[0] != "inlineStr":
                    text = []
                elif name == _IS and cell[0] == "inlineStr":
                    inline = [None]
            elif inline is not None and name == _T and (depth == 2 or (depth == 3 and inner[1] == _R)):
                text = []
            return
        if name == _C and row[2] is not None:
            coordinate = attrs.get("r")
            if coordinate:
                letters = coordinate.rstrip("0123456789")
                found = columns.get(letters)
                row[1] = _column(coordinate, columns) if found is None or letters == coordinate else found
            else:
                row[1] += 1
            style: Any = attrs.get("s", 0)
            cell[:] = [attrs.get("t", "n"), int(style) if style else style, row[1], None]
            in_cell = True
        elif name == _ROW:
            number = attrs.get("r")
            if number is None:
                row[0] += 1
            else:
                try:
                    row[0] = int(number)
                except ValueError:
                    as_float = float(number)
                    if not as_float.is_integer():
                        raise SheetError(f"不是有效的 xlsx 表格（行号 {number} 不是整数）") from None
                    row[0] = int(as_float)
            row[1], row[2] = 0, []

    def end(name: str) -> None:
        nonlocal text, inline, in_cell
        if in_cell:
            if inner:
                inner.pop()
                if text is not None and name == _V:
                    cell[3] = "".join(text) or None
                    text = None
                elif text is not None and name == _T and inline is not None:
                    if len(inner) == 1:
                        inline[0] = "".join(text)
                    else:
                        inline.append("".join(text))
                    text = None
                elif name == _IS and not inner and inline is not None:
                    cell[3] = (inline[0] or "") + "".join(inline[1:])
                    inline = None
                return
            in_cell, text, inline = False, None, None  # the cell's end
            kind = cell[0]
            value = cell[3] if kind == "inlineStr" else cells.value(kind, cell[1], cell[3])
            row[2].append((cell[2], value))
        elif name == _ROW and row[2] is not None:
            done.append((row[0], row[2]))
            row[2] = None

    def chars(data: str) -> None:
        if text is not None:
            text.append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    yield from _feed(parser, source, done)
