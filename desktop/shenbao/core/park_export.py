"""A park's table (the park view's, 申报进度's) as a file staff open in Excel or WPS and add up: `.csv` or
`.xlsx`.

An amount is written as a number of 元 (100000.00, from the Decimal, never through a float), the unit in
its column's heading, so that a column sums in a spreadsheet; a count (an int) as a whole number; a word
(不符合, 待补充, a name) stays text.
The CSV is the program's CSV (UTF-8 with a byte-order mark, which Excel opens as Chinese; a cell starting
with = + - @ escaped); the .xlsx has numbers as numbers and every text as text, never a formula. Either is
written under a temporary name and renamed, so a file under its name is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from shenbao.core.store.db import StoreError

Cell = str | Decimal | int
SUFFIXES = (".csv", ".xlsx")


def number_text(amount: Decimal) -> str:
    """An amount of 元 as a CSV number: to the fen (100000.00), or with every digit it has when it holds
    a part of a fen (never rounded: the file adds up to what the table shows)."""
    if amount == amount.quantize(Decimal("0.01")):
        return f"{amount:.2f}"
    return f"{amount.normalize():f}"


def write_park_table(
    out: str | Path,
    rows: Sequence[Sequence[Cell]],
    sheet: str = "园区申报测算",
    progress: Callable[[int, int], object] | None = None,
) -> Path:
    """`rows` (text, Decimal amounts of 元, or int counts) as a `.csv` or `.xlsx` (its one sheet named
    `sheet`), by the suffix. `progress(done, total)` hears the rows written every few hundred; what it
    raises (a cancel) stops the writing and leaves no file under `out`."""
    from shenbao.core.store.files import write_atomically
    from shenbao.core.store.tables import write_csv, write_xlsx

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise StoreError(f"{out}: 表格应为 .csv 或 .xlsx 文件")
    if suffix == ".csv":
        return write_csv(out, [[_csv_text(c) for c in row] for row in rows], progress)
    return write_atomically(out, lambda tmp: write_xlsx(tmp, rows, sheet, progress))


def _csv_text(cell: Cell) -> str:
    if isinstance(cell, Decimal):
        return number_text(cell)
    return str(cell) if isinstance(cell, int) else cell
