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


def load_reader() -> None:
    """Import what `first_sheet_rows` needs (openpyxl's reader: 70 ms of a reading process's start)
    before the file may be opened."""
    import openpyxl.reader.excel  # noqa: F401
    import openpyxl.styles.stylesheet  # noqa: F401
    import openpyxl.utils.cell  # noqa: F401
    import openpyxl.utils.datetime  # noqa: F401


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
    """The rows of the sheet's XML. Seven handler calls a cell: what the handlers do on each is kept to
    a few comparisons, the state in plain variables (open elements counted inside a cell, not listed)."""
    parser = _parser()
    done: list[Row] = []
    columns: dict[str, int] = {}
    styles: dict[str, int] = {}
    number = 0  # the row's number
    row: list[tuple[int, Any]] | None = None  # its cells so far; None outside a row
    column = 0  # the last cell's column
    depth = 0  # elements open from the cell down (0: not in a cell)
    kind: str = "n"
    style: Any = 0
    given: str | None = None  # the cell's text: its <v>, or its inline string's
    inline = False  # the cell is an inline string
    middle = ""  # the element open at the third level (an inline string's run or phonetic text)
    text: str | None = None  # the text of the <v> or <t> being read
    pieces: list[str] | None = None  # an inline string's own text, then its runs'

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal number, row, column, depth, kind, style, given, inline, middle, text, pieces
        if depth:
            depth += 1
            if depth == 2:
                if name == _V:
                    if not inline:
                        text = ""
                elif name == _IS and inline:
                    pieces = [""]
            elif pieces is not None:
                if depth == 3:
                    middle = name
                    if name == _T:
                        text = ""
                elif depth == 4 and name == _T and middle == _R:
                    text = ""
            return
        if name == _C and row is not None:
            coordinate = attrs.get("r")
            if coordinate:
                letters = coordinate.rstrip("0123456789")
                found = columns.get(letters)
                column = _column(coordinate, columns) if found is None or letters == coordinate else found
            else:
                column += 1
            kind = attrs.get("t", "n")
            found_style: Any = attrs.get("s", 0)
            if found_style:
                known = styles.get(found_style)
                style = known if known is not None else styles.setdefault(found_style, int(found_style))
            else:
                style = found_style  # as openpyxl: an empty s="" stays as written
            inline, given, depth, middle = kind == "inlineStr", None, 1, ""
        elif name == _ROW:
            given_number = attrs.get("r")
            if given_number is None:
                number += 1
            else:
                try:
                    number = int(given_number)
                except ValueError:
                    as_float = float(given_number)
                    if not as_float.is_integer():
                        raise SheetError(f"不是有效的 xlsx 表格（行号 {given_number} 不是整数）") from None
                    number = int(as_float)
            column, row = 0, []

    def end(name: str) -> None:
        nonlocal row, depth, given, text, pieces
        if depth:
            depth -= 1
            if depth == 0:  # the cell's end
                text = pieces = None
                row.append((column, given if inline else cells.value(kind, style, given)))  # type: ignore[union-attr]
            elif text is not None:
                if name == _V:
                    given, text = text or None, None
                elif name == _T and pieces is not None:
                    if depth == 2:
                        pieces[0] = text
                    else:
                        pieces.append(text)
                    text = None
            elif name == _IS and depth == 1 and pieces is not None:
                given, pieces = pieces[0] + "".join(pieces[1:]), None
            return
        if name == _ROW and row is not None:
            done.append((number, row))
            row = None

    def chars(data: str) -> None:
        nonlocal text
        if text is not None:
            text += data

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    yield from _feed(parser, source, done)
