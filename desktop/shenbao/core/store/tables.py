"""Park tables: one enterprise per row of a `.csv` or `.xlsx`, as park staff keep them — read, and written
back out (`write_table`) in the same form, so a table exported here imports unchanged.

The header row names each column by its Chinese label (企业（单位）名称, 统一社会信用代码, …, as in
core.model's field tables) or by its interchange name (`name`, `uscc`, `compute_purchase_amount`, or with
the section: `enterprise.name`, `facts.compute_purchase_amount`). Each row becomes an INTERCHANGE profile
checked by core.model; errors are reported by row and column ("第 3 行「统一社会信用代码」：…").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Generator, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from shenbao.core.model import (
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    RECOGNITION_KINDS,
    Profile,
    ProfileErrors,
    parse_profile,
)
from shenbao.core.store.db import StoreError
from shenbao.core.store.files import write_atomically

MAX_ROWS = 100_000
MAX_ERRORS_SHOWN = 8
RECOGNITIONS_LABEL = "认定情况"
TRUE_WORDS = {"是", "true", "yes", "y", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "false", "no", "n", "0", "×", "无"}


class TableError(StoreError):
    """A table with errors; `errors` are (row, column label, message), all of them."""

    def __init__(self, source: str, errors: list[tuple[int, str, str]]) -> None:
        self.errors = errors
        shown = "；".join(f"第 {r} 行「{c}」：{m}" if c else f"第 {r} 行：{m}" for r, c, m in errors[:MAX_ERRORS_SHOWN])
        more = f"；另有 {len(errors) - MAX_ERRORS_SHOWN} 处错误" if len(errors) > MAX_ERRORS_SHOWN else ""
        super().__init__(f"{source}: {len(errors)} 处错误：{shown}{more}")


def _columns() -> dict[str, tuple[str, str, str]]:
    """Every accepted header → (section, key, kind)."""
    out: dict[str, tuple[str, str, str]] = {}
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        for key, spec in specs.items():
            for header in (spec.label, key, f"{section}.{key}"):
                out[header] = (section, key, spec.kind)
    for header in (RECOGNITIONS_LABEL, "recognitions", "enterprise.recognitions"):
        out[header] = ("enterprise", "recognitions", "recognitions")
    return out


def read_table(path: Path) -> list[Profile]:
    """The profiles of a park table, every row checked; TableError lists every bad cell."""
    path = Path(path)
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    try:
        return _profiles(str(path), rows)
    finally:
        rows.close()


def _profiles(path: str, rows: Iterator[list[Any]]) -> list[Profile]:
    header = next(rows, None)
    if header is None or not any(str(h or "").strip() for h in header):
        raise StoreError(f"{path}: 表格为空（缺少表头）")
    columns = _columns()
    labels = [str(h or "").strip() for h in header]
    unknown = [h for h in labels if h and h not in columns]
    if unknown:
        raise StoreError(f"{path}: 第 1 行表头「{unknown[0]}」不是已知的字段名")
    mapped = [columns.get(h) for h in labels]
    keys = [m[:2] for m in mapped if m]
    if len(keys) != len(set(keys)):
        raise StoreError(f"{path}: 表头中有重复的字段")
    if ("enterprise", "uscc") not in keys or ("enterprise", "name") not in keys:
        raise StoreError(f"{path}: 表头须含「企业（单位）名称」和「统一社会信用代码」")
    profiles: list[Profile] = []
    errors: list[tuple[int, str, str]] = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise StoreError(f"{path}: 行数过多（超过 {MAX_ROWS} 行）")
        if not any(_blank(v) is False for v in row):
            continue
        doc: dict[str, Any] = {"enterprise": {}, "facts": {}}
        where: dict[str, str] = {}
        for value, label, spec in zip(row, labels, mapped, strict=False):
            if spec is None or _blank(value):
                continue
            section, key, kind = spec
            where[f"{section}.{key}"] = label
            try:
                doc[section][key] = _cell(kind, value)
            except ValueError as err:
                errors.append((number, label, str(err)))
        try:
            profiles.append(parse_profile(doc, require_uscc=True))
        except ProfileErrors as err:
            for e in err.errors:
                column = where.get(e.field.split("[")[0], "")
                message = e.message if column else f"{e.field}: {e.message}"
                errors.append((number, column, message))
    if errors:
        raise TableError(path, errors)
    if not profiles:
        raise StoreError(f"{path}: 表格中没有企业")
    return profiles


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(kind: str, value: Any) -> Any:
    """A cell converted to its interchange JSON value; what cannot be converted is left for the profile
    check to name, except booleans and recognitions, whose table spelling is ours."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip() if not isinstance(value, (int, float)) else value
    if kind == "bool":
        word = str(text).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"应为“是”或“否”（收到 {text}）")
    if kind == "recognitions":
        return _recognitions(str(text))
    if kind in ("money", "number", "count", "year_index", "ratio"):
        if isinstance(text, bool):
            return text
        try:
            number = Decimal(str(text).replace(",", "").replace("，", ""))
        except InvalidOperation:
            return str(text)
        if not number.is_finite():
            return str(text)
        if number == number.to_integral_value():
            return int(number)
        return float(number) if Decimal(repr(float(number))) == number else str(number)
    if kind in ("text", "phone", "uscc") and isinstance(text, (int, float)):
        return str(int(text)) if float(text).is_integer() else str(text)
    return text


def _recognitions(text: str) -> list[dict[str, str]]:
    """认定情况: "kind:YYYY-MM-DD; kind:YYYY-MM-DD", the kind by its name or its Chinese label."""
    by_label = {label: kind for kind, label in RECOGNITION_KINDS.items()}
    out = []
    for part in text.replace("；", ";").split(";"):
        if not part.strip():
            continue
        kind, sep, date = part.replace("：", ":").partition(":")
        kind = by_label.get(kind.strip(), kind.strip())
        if not sep or kind not in RECOGNITION_KINDS:
            raise ValueError(f"应写作“认定类型:日期”，以分号分隔（收到 {part.strip()}）")
        out.append({"kind": kind, "date": date.strip()})
    return out


def _csv_rows(path: Path) -> Generator[list[Any], None, None]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise StoreError(f"{path}: 无法读取（{err.strerror}）") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StoreError(f"{path}: 编码无法识别（应为 UTF-8 或 GB18030）")
    if "\x00" in text:
        raise StoreError(f"{path}: 不是文本表格")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        yield from csv.reader(io.StringIO(text), dialect)
    except csv.Error as err:
        raise StoreError(f"{path}: CSV 格式错误（{err}）") from None


def _xlsx_rows(path: Path) -> Generator[list[Any], None, None]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as err:
        raise StoreError(f"{path}: 不是有效的 xlsx 表格（{err}）") from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


# --- writing --------------------------------------------------------------------------------------

TABLE_SUFFIXES = (".csv", ".xlsx")
FIRST_COLUMNS = (("enterprise", "name"), ("enterprise", "uscc"))


def table_columns(documents: Sequence[dict[str, Any]], leave_out: Sequence[str] = ()) -> list[tuple[str, str]]:
    """The (section, key) columns a table of `documents` needs: name and code first, then every field any
    of them has, in the order of the field tables, recognitions after the enterprise's own fields."""
    used = {(section, key) for doc in documents for section in ("enterprise", "facts")
            for key, value in (doc.get(section) or {}).items() if value is not None and value != []}
    columns = list(FIRST_COLUMNS)
    for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS)):
        for key in specs:
            if (section, key) in used and (section, key) not in columns and key not in leave_out:
                columns.append((section, key))
        if section == "enterprise" and ("enterprise", "recognitions") in used:
            columns.append(("enterprise", "recognitions"))
    return columns


def _label(section: str, key: str) -> str:
    if key == "recognitions":
        return RECOGNITIONS_LABEL
    return (ENTERPRISE_FIELDS if section == "enterprise" else FACT_FIELDS)[key].label


def _out_cell(section: str, key: str, value: Any) -> Any:
    """A profile value as a table cell that `_cell` reads back to the same value."""
    if value is None:
        return None
    if key == "recognitions":
        labels = RECOGNITION_KINDS
        return "; ".join(f"{labels.get(r.get('kind'), r.get('kind'))}:{r.get('date', '')}" for r in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def write_table(out: str | Path, documents: Sequence[dict[str, Any]], leave_out: Sequence[str] = ()) -> Path:
    """Write `documents` (INTERCHANGE profiles) as a park table, `.csv` (UTF-8 with a BOM, which Excel
    opens as Chinese) or `.xlsx`, headed by the Chinese labels; fields in `leave_out` are not written.
    Written under a temporary name and renamed, so a table under its name is complete."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise StoreError(f"{out}: 表格应为 .csv 或 .xlsx 文件")
    columns = table_columns(documents, leave_out)
    rows = [[_label(section, key) for section, key in columns]]
    for doc in documents:
        rows.append([_out_cell(section, key, (doc.get(section) or {}).get(key)) for section, key in columns])
    return write_atomically(out, lambda tmp: _write_xlsx(tmp, rows) if suffix == ".xlsx" else _write_csv(tmp, rows))


def _write_csv(path: Path, rows: list[list[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("企业")
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    book.save(path)
