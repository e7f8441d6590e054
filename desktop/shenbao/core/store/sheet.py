"""The first worksheet of an .xlsx, read as openpyxl's read-only parser reads it, at the speed of C.

openpyxl finds the parts (the workbook, its first worksheet, the shared strings) and the styles that make
a number a date; the XML of the shared strings is read here by expat, streaming, and the sheet's by
ElementTree's C parser a chunk at a time, each finished row visited once and let go. openpyxl's own
read-only parser builds an element tree for every cell and a text object for every shared string, and
then reads it in Python: a park table of 100,000 rows cost 4 s before its first row (its shared strings)
and 160 µs a row after. The values are those openpyxl gives with `data_only` (a formula's last result),
which a test compares cell for cell: text, numbers (an int unless written with a point or an exponent),
dates by their style, yes/no, error codes, inline strings. One difference: a formula the file holds no
result of (a workbook written by a program that does not calculate) is `Uncalculated`, its formula as
text, where openpyxl gives None; read as blank, a typed amount would vanish without a word.

A document type declaration is refused (an .xlsx has none; entities are how XML bombs are made).
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from shenbao.core.phrases import Phrase

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_T, _R, _SI = (f"{MAIN} {tag}" for tag in ("t", "r", "si"))  # as expat names them
# the same names as the element tree writes them
_SHEET_DATA, _ROW_E, _C_E, _V_E, _F_E, _IS_E, _T_E, _R_E = (
    f"{{{MAIN}}}{tag}" for tag in ("sheetData", "row", "c", "v", "f", "is", "t", "r")
)
_MERGE_CELL = f"{{{MAIN}}}mergeCell"
CHUNK = 1 << 16
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MERGES_KEPT = 10_000  # the merged ranges told the caller: a park's list merges a few dozen
KNOWN_STYLES = 4096  # style numbers remembered as numbers (a workbook has tens)
Row = tuple[int, list[tuple[int, Any]]]
# A row as it is read: its number, then its cells' columns and their values, each in the sheet's order
Cells = tuple[int, list[int], list[Any]]


# Why a sheet is refused, after the file's path: each a core string, so that the interface writes it
# again in its language.
SHEET_REFUSALS = {
    "no_sheet": "{path}: 表格中没有工作表",
    "doctype": "{path}: 不是有效的 xlsx 表格（含有文档类型声明）",
    "merge_range": "{path}: 不是有效的 xlsx 表格（合并单元格「{ref}」不是单元格区域）",
    "row_number": "{path}: 不是有效的 xlsx 表格（行号 {given} 不是整数）",
    "too_wide": "{path}: 不是有效的 xlsx 表格（第 {row} 行的单元格多于 {limit} 列）",
}


class SheetError(ValueError):
    """The sheet's XML is not what a spreadsheet writes: which of SHEET_REFUSALS, and its values but the
    file's path, which the reader of the file names (`refusal`)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(SHEET_REFUSALS[key].format(path="", **values).removeprefix(": "))
        self.key, self.values = key, values

    def refusal(self, path: Any) -> Phrase:
        return Phrase(SHEET_REFUSALS[self.key], path=path, **self.values)


class Uncalculated(str):
    """A formula cell without a result in the file: "=" and the formula. Excel, WPS and LibreOffice
    write each formula's last result beside it; a program writing a workbook without calculating it
    (openpyxl, many exporters) does not, and the cell has no value to read."""

    __slots__ = ()


def load_reader() -> None:
    """Import what `first_sheet_rows` needs (openpyxl's reader: 70 ms of a reading process's start)
    before the file may be opened."""
    import openpyxl.reader.excel  # noqa: F401
    import openpyxl.styles.stylesheet  # noqa: F401
    import openpyxl.utils.cell  # noqa: F401
    import openpyxl.utils.datetime  # noqa: F401


def first_sheet_rows(path: Path, max_column: int | None = None) -> Generator[Row, None, None]:
    """(row number, [(column, value), …]) of each row the first worksheet holds (the first not hidden,
    where there is one), in order; the caller closes the generator (the archive is closed with it).
    With `max_column`, an empty cell beyond that column is left out (a row of millions of them is read
    in little memory), and a row holding more cells than there are columns up to it (the same column
    again and again) is refused. Raises
    SheetError, expat.ExpatError, ElementTree.ParseError or whatever openpyxl raises on a damaged
    workbook."""
    rows = first_sheet_cells(path, max_column)
    try:
        for number, columns, values in rows:
            yield number, list(zip(columns, values, strict=True))
    finally:
        rows.close()


def first_sheet_cells(
    path: Path, max_column: int | None = None, merged: list[str] | None = None
) -> Generator[Cells, None, None]:
    """The rows of `first_sheet_rows` as (row number, [column, …], [value, …]): the columns and the values
    of a row's cells as two lists, which a reader turns into a table's row a list at a time rather than
    a cell at a time. `merged`, when given, gets the sheet's merged ranges spanning more than one cell
    (C4:C6, D5:E5), once the rows are read: a merged cell's value is in its first cell only."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        found = [
            (rel.target, getattr(entry, "state", None) in (None, "visible"))
            for entry, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        # the first the user can see: a hidden first sheet holds a template's drop-down lists
        sheet = next((target for target, shown in found if shown), found[0][0] if found else None)
        if sheet is None:
            raise SheetError("no_sheet")
        part = reader.package.find(SHARED_STRINGS)
        strings = _shared_strings(reader.archive, part.PartName[1:]) if part is not None else []
        wb = reader.wb
        cells = _Cells(strings, wb._date_formats, wb._timedelta_formats, wb.epoch)
        with reader.archive.open(sheet) as source:
            yield from _parse(source, cells, max_column, merged)
    finally:
        reader.archive.close()


def _parser() -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def refuse(*_: Any) -> None:
        raise SheetError("doctype")

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


def _parse(
    source: Any, cells: _Cells, max_column: int | None = None, merged: list[str] | None = None
) -> Generator[Cells, None, None]:
    """The rows of the sheet's XML, read by ElementTree's C parser into elements a chunk at a time.

    A handler call per element and per piece of text (seven a cell) was most of a large sheet's reading;
    here expat builds the elements in C and Python visits each finished cell once. What has been read is
    taken out of the tree after every chunk, so the tree never holds more than a chunk's worth: the rows
    read, the cells of the row still open, and anything outside the sheet's data."""
    tree: Any = ElementTree.XMLPullParser(events=("start",))
    past_prolog = _prolog_guard()
    rows = _Rows(cells, max_column)
    root: Any = None
    data: Any = None  # <sheetData>, once it has started
    listening = True  # events are read until the sheet's data starts
    while True:
        chunk = source.read(CHUNK)
        if past_prolog is not None and past_prolog(chunk):
            past_prolog = None
        if chunk:
            tree.feed(chunk)
        else:
            tree.close()
        for event in tree.read_events() if listening else ():
            element = event[1]
            if root is None:
                root = element
            if data is None and element.tag == _SHEET_DATA:
                data = element
                listening = not _stop_events(tree)
        if data is not None:
            done = len(data) - 1 if chunk else len(data)  # the last row may still be open
            for i in range(done):
                if data[i].tag == _ROW_E:
                    yield rows.row(data[i])
            del data[:done]
            if chunk and len(data) and data[0].tag == _ROW_E:
                rows.take_cells(data[0])  # the open row's finished cells: one long row stays small
        if root is not None:
            _prune(root, keep=data, merged=merged)
        if not chunk:
            if merged is not None and root is not None:  # the last of each open element's children
                _merges([child for child in root if child is not data], merged)
            return


def _stop_events(tree: Any) -> bool:
    """No more events once the sheet's data has started: its rows are found in the tree, and an event
    per element would cost what the events save. False where the pull parser has no such switch (its
    events are then read and dropped)."""
    setevents = getattr(getattr(tree, "_parser", None), "_setevents", None)
    queue = getattr(tree, "_events_queue", None)
    if setevents is None or queue is None:
        return False
    setevents(queue, ())
    queue.clear()
    return True


def _prune(element: Any, keep: Any, merged: list[str] | None = None) -> None:
    """Take every finished element out of the tree but `keep` (the sheet's data, which its rows are
    taken out of as they are read), down the path of the elements still open: a sheet's other parts
    (hyperlinks, whatever a file puts there) are not read, and are not kept; the merged ranges of more
    than one cell go to `merged`, when given, as they are taken out."""
    while len(element):
        finished = element[:-1]
        if merged is not None:
            _merges([child for child in finished if child is not keep], merged)
        if any(child is not keep for child in finished):
            element[:-1] = [child for child in finished if child is keep]
        last = element[-1]
        if last is keep:
            return
        element = last


def _merges(finished: list[Any], merged: list[str]) -> None:
    """The ranges of the <mergeCell>s among `finished` (or in a finished <mergeCells>) that span more
    than one cell, added to `merged` up to MERGES_KEPT, written plainly (C2:D2, from c2:d2 or
    $C$2:$D$2, as openpyxl reads them); a range naming no cells refuses the sheet as a SheetError."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    for element in finished:
        for merge in [element] if element.tag == _MERGE_CELL else element.iter(_MERGE_CELL):
            ref = merge.get("ref") or ""
            if ":" not in ref or len(merged) >= MERGES_KEPT:
                continue
            try:
                left, top, right, bottom = range_boundaries(ref)
            except ValueError:
                left = top = right = bottom = None
            if left is None or top is None or right is None or bottom is None:
                raise SheetError("merge_range", ref=ref[:30])
            left, right, top, bottom = min(left, right), max(left, right), min(top, bottom), max(top, bottom)
            if (left, top) != (right, bottom):
                merged.append(f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}")


class _Rows:
    """Each row's number and cells, as the handler-driven reader read them: a row's number from its
    `r` (an integral float allowed), else one more than the last; a cell's column from its coordinate,
    else one more than the last; its value from its type, style and text (a <v>), an inline string from
    its own text and its runs' (phonetic runs left out)."""

    def __init__(self, cells: _Cells, max_column: int | None = None) -> None:
        self.cells = cells
        self.max_column = max_column
        self.number = 0
        self.columns: dict[str, int] = {}
        self.styles: dict[str, int] = {}
        self.open: Any = None  # the row whose first cells were taken before it ended
        self.taken: tuple[list[int], list[Any]] = ([], [])  # its cells' columns and values so far
        self.column = 0

    def _start(self, element: Any) -> None:
        given = element.get("r")
        if given is None:
            self.number += 1
        else:
            try:
                self.number = int(given)
            except ValueError:
                as_float = float(given)
                if not as_float.is_integer():
                    raise SheetError("row_number", given=given) from None
                self.number = int(as_float)
        self.open, self.taken, self.column = element, ([], []), 0

    def take_cells(self, element: Any) -> None:
        """The finished cells of a row still being read (all its children but the last)."""
        if element is not self.open:
            self._start(element)
        done = len(element) - 1
        if done > 0:
            self._cells(element, done)
            del element[:done]

    def row(self, element: Any) -> Cells:
        if element is not self.open:
            self._start(element)
        self._cells(element, len(element))
        columns, values = self.taken
        self.open, self.taken = None, ([], [])
        return self.number, columns, values

    def _cells(self, element: Any, count: int) -> None:
        """The row's cells, the first `count` of its children. A cell a spreadsheet program writes costs
        a few steps of Python each (a park table holds millions of them): its column found by the letters
        of its coordinate, an inline string from its one <is> holding one <t>, a shared string or a
        number from its <v>; anything else as `_Cells.value` reads it."""
        cells, known, styles = self.cells, self.columns, self.styles
        strings, dates = cells.strings, cells.dates
        columns, values = self.taken
        add_column, add_value = columns.append, values.append
        limit = self.max_column or 1 << 62
        column = self.column
        for cell in element if count == len(element) else element[:count]:
            if cell.tag != _C_E:
                continue
            coordinate = cell.get("r")
            if coordinate:
                letters = coordinate.rstrip("0123456789")
                found = known.get(letters)
                column = _column(coordinate, known) if found is None or letters == coordinate else found
            else:
                column += 1
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                if (
                    len(cell) == 1
                    and (part := cell[0]).tag == _IS_E
                    and len(part) == 1
                    and (text := part[0]).tag == _T_E
                    and not len(text)
                ):
                    value = text.text or ""  # a plain string: its one <t>
                else:
                    value = _inline_cell(cell)
                    if value is None and column > limit:
                        continue
                add_column(column)
                add_value(value)
                continue
            found_style: Any = cell.get("s", 0)
            if found_style:
                style = styles.get(found_style)
                if style is None:
                    style = int(found_style)
                    if len(styles) < KNOWN_STYLES:  # a file naming a million styles: not remembered
                        styles[found_style] = style
            else:
                style = found_style  # as openpyxl: an empty s="" stays as written
            if len(cell) == 1 and (part := cell[0]).tag == _V_E and not len(part):
                given = part.text or None  # the value alone, as most cells are written
                if given is None:
                    if column > limit:
                        continue
                    value = None
                elif kind == "s":
                    value = strings[int(given)]
                elif (
                    kind == "n"
                    and style not in dates
                    and "." not in given
                    and "E" not in given
                    and "e" not in given
                ):
                    value = int(given)
                else:
                    value = cells.value(kind, style, given)
            else:
                given = formula = None
                for part in cell:
                    if part.tag == _V_E:
                        given = (part.text if not len(part) else "".join(part.itertext())) or None
                    elif part.tag == _F_E:
                        formula = part.text or ""
                if given is None and formula is not None and kind != "str":  # "str": a result of ""
                    value = Uncalculated("=" + formula)
                elif given is not None or column <= limit:
                    value = cells.value(kind, style, given)
                else:
                    continue
            add_column(column)
            add_value(value)
        self.column = column
        if len(values) > limit + 1:  # only the same columns again and again make a row this long
            raise SheetError("too_wide", row=self.number, limit=limit)


def _inline_cell(cell: Any) -> str | None:
    """An inline string cell's text: that of its (last) <is>, None without one."""
    value = None
    for part in cell:
        if part.tag == _IS_E:
            if len(part) == 1 and part[0].tag == _T_E and not len(part[0]):
                value = part[0].text or ""  # a plain string: its one <t>
            else:
                value = _inline(part)
    return value


def _inline(string: Any) -> str:
    """An inline string's text: its own <t>, then each run's (a phonetic run's left out)."""
    own = ""
    runs: list[str] = []
    for part in string:
        if part.tag == _T_E:
            own = _text(part)
        elif part.tag == _R_E:
            runs.extend(_text(t) for t in part if t.tag == _T_E)
    return own + "".join(runs)


def _text(element: Any) -> str:
    return (element.text or "") if not len(element) else "".join(element.itertext())


class _PastProlog(Exception):
    pass


def _prolog_guard() -> Any:
    """A check of the XML before its first element, where a document type declaration (and the
    entities it declares) can only be: `check(chunk)` refuses one, and is True once the first element
    has begun. The element tree's parser cannot be asked about one."""
    parser = _parser()

    def first(*_: Any) -> None:
        raise _PastProlog

    parser.StartElementHandler = first

    def check(chunk: bytes) -> bool:
        try:
            parser.Parse(chunk, not chunk)
        except _PastProlog:
            return True
        return not chunk

    return check
