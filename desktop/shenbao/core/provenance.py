"""Where each fact of a profile came from: typed by the user, derived from a detail list, or imported
from a file on a date.

Typed, imported and recognised facts are recorded in the profile document itself, beside `enterprise`
and `facts`: `provenance` maps a field path to `{"source": "typed" | "imported" | "recognised", "date":
"YYYY-MM-DD", "file": name}`; a value recognised on a 营业执照 photo also keeps the photo's `sha256`, as
an invoice row keeps its file's.
Unknown keys travel with a profile (bundles, exports, older versions keep them), so the record goes
wherever the profile goes. A derived fact is never recorded: it is whatever its list adds up to now
(`model.DETAIL_DERIVES`), so it is worked out from the list each time it is asked for.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from shenbao.core.model import DETAIL_DERIVES, DETAIL_LABELS, ProfileError, parse_profile
from shenbao.core.records import dataclass

KEY = "provenance"
TYPED, DERIVED, IMPORTED, RECOGNISED = "typed", "derived", "imported", "recognised"
RECORDED = (TYPED, IMPORTED, RECOGNISED)

# How a list's rows are counted in a sentence: 「由 3 张发票计得」.
ROW_UNITS: dict[str, str] = {
    "compute_invoices": "张发票",
    "core_engineers": "名工程师的名册",
    "ai_products": "项产品",
    "platform_investment_items": "项投入明细",
}


@dataclass(frozen=True)
class Provenance:
    source: str  # TYPED, DERIVED, IMPORTED or RECOGNISED
    date: str = ""  # typed, imported or recognised on (YYYY-MM-DD)
    file: str = ""  # imported or recognised from (the file's name)
    detail: str = ""  # derived from this detail list (facts.<detail>)
    rows: int = 0  # derived from this many rows
    value: Decimal | int | None = None  # derived: what the list adds up to
    sha256: str = ""  # recognised: the photo's digest

    def text(self) -> str:
        """The provenance in a short Chinese sentence, as the editor shows it under a field."""
        if self.source == DERIVED:
            return (
                f"由 {self.rows} {ROW_UNITS.get(self.detail, '行' + DETAIL_LABELS.get(self.detail, ''))}计得"
            )
        when = f"（{self.date}）" if self.date else ""
        if self.source == IMPORTED:
            return f"导入自 {self.file or '文件'}{when}"
        if self.source == RECOGNISED:
            return "识别自营业执照" + (f" {self.file}" if self.file else "") + when
        return f"手工填写{when}"


def derived(document: Mapping[str, Any]) -> dict[str, Provenance]:
    """The facts a detail list stands for (the fact itself absent, the list filled), with their value;
    a list with a bad row yields nothing (the editor and the rules name the row)."""
    facts = document.get("facts")
    if not isinstance(facts, Mapping):
        return {}
    lists = {d: facts.get(d) for d in DETAIL_DERIVES if isinstance(facts.get(d), list) and facts.get(d)}
    if not lists:
        return {}
    try:
        profile = parse_profile(document)
    except ProfileError:
        return {}
    out = {}
    for fact, detail in profile.derived.items():
        rows = lists.get(detail) or []
        out[f"facts.{fact}"] = Provenance(
            DERIVED, detail=detail, rows=len(rows), value=profile.facts.get(fact)
        )
    return out


def provenance_of(document: Mapping[str, Any]) -> dict[str, Provenance]:
    """Each field's provenance: what the document records (malformed entries ignored), and the facts
    derived from a list (which no record overrides)."""
    out: dict[str, Provenance] = {}
    recorded = document.get(KEY)
    if isinstance(recorded, Mapping):
        for path, entry in recorded.items():
            if isinstance(path, str) and isinstance(entry, Mapping) and entry.get("source") in RECORDED:
                out[path] = Provenance(
                    str(entry["source"]),
                    date=str(entry.get("date") or ""),
                    file=str(entry.get("file") or ""),
                    sha256=str(entry.get("sha256") or ""),
                )
    out.update(derived(document))
    return out


_SHARED = frozenset({str, int, float, bool, Decimal, dt.date, dt.datetime, type(None)})


def stamp(
    document: Mapping[str, Any],
    paths: Iterable[str],
    source: str,
    *,
    date: str,
    file: str = "",
    sha256: str = "",
    shared: bool = False,
) -> dict[str, Any]:
    """A copy of `document` recording `source` (typed, imported or recognised, on `date`, from `file`
    with its `sha256`) for each of `paths` that holds a value; a path left empty loses its record.
    `shared`: only the top level and the record are new, the sections are the document's own and the
    paths stamped share one entry (for a caller that writes the result and changes none of them; the
    store then keeps the entry once)."""
    if source not in RECORDED:
        raise ValueError(source)
    out = dict(document) if shared else _copy(dict(document))
    records = dict(out.get(KEY) or {}) if isinstance(out.get(KEY), Mapping) else {}
    entry = {"source": source, "date": date}
    if file:
        entry["file"] = file
    if sha256:
        entry["sha256"] = sha256
    for path in paths:
        section, _, key = path.partition(".")
        values = out.get(section)
        if (type(values) is dict or isinstance(values, Mapping)) and values.get(key) not in (None, "", []):
            records[path] = entry if shared else entry.copy()
        else:
            records.pop(path, None)
    if records:
        out[KEY] = records
    else:
        out.pop(KEY, None)
    return out


def stamp_filled(document: Mapping[str, Any], source: str, *, date: str, file: str = "") -> dict[str, Any]:
    """`stamp(document, filled_paths(document), source, date=date, file=file, shared=True)` in one pass
    over the fields (an import stamps every field of 100,000 rows)."""
    if source not in RECORDED:
        raise ValueError(source)
    out = dict(document)
    given = out.get(KEY)
    records = dict(given) if isinstance(given, Mapping) else {}
    entry = {"source": source, "date": date, "file": file} if file else {"source": source, "date": date}
    for section in ("enterprise", "facts"):
        values = out.get(section)
        if type(values) is dict and not _holds_empty(values.values()):
            # (a table's row: its values compared in C, the paths of its columns made once)
            records.update(dict.fromkeys(_paths(section, tuple(values)), entry))
        elif isinstance(values, Mapping):
            for key, value in values.items():
                if value not in (None, "", []):
                    records[f"{section}.{key}"] = entry
    if records:
        out[KEY] = records
    else:
        out.pop(KEY, None)
    return out


def _holds_empty(values: Any) -> bool:
    return None in values or "" in values or [] in values


@functools.lru_cache(maxsize=64)
def _paths(section: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{section}.{key}" for key in keys)


def filled_paths(document: Mapping[str, Any]) -> list[str]:
    """Every `enterprise.x` and `facts.y` path of the document that holds a value (lists included)."""
    out = []
    for section in ("enterprise", "facts"):
        values = document.get(section)
        if isinstance(values, Mapping):
            out += [f"{section}.{key}" for key, value in values.items() if value not in (None, "", [])]
    return out


def _copy(value: Any) -> Any:
    """`copy.deepcopy` of a JSON document, at the speed of copying its dicts and lists: the values in
    them (text, numbers, Decimals, dates) are never changed in place, so they are shared."""
    kind = type(value)
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}
    if kind is list:
        return [_copy(v) for v in value]
    if kind in _SHARED:
        return value
    return copy.deepcopy(value)
