"""A stored profile as a person reads it (`shenbao profiles show --format text`): one field a line under
the editor's groups, with the editor's Chinese labels, each value as the printed form writes it, and each
detail list's rows numbered under its total. The interchange JSON stays the complete, exact record; this
is for looking at."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from shenbao.core.fieldkinds import printed, shown_controls
from shenbao.core.model import (
    COLUMN_LABELS,
    DETAIL_COLUMNS,
    DETAIL_DERIVES,
    DETAIL_LABELS,
    ENTERPRISE_FIELDS,
    FACT_FIELDS,
    FIELD_GROUPS,
    RECOGNITION_KINDS,
    FieldSpec,
)

_LISTED_AFTER = {field: detail for detail, field in DETAIL_DERIVES.items()}  # each list under its total


def _value(kind: str, value: Any) -> str:
    return shown_controls(printed(kind, value, unit=False))


def _given(value: Any) -> bool:
    return value not in (None, "", [])


def _rows(detail: str, rows: Any) -> Iterator[str]:
    items = rows if isinstance(rows, list) else []
    yield f"{DETAIL_LABELS[detail]}：{len(items)} 行"
    for n, row in enumerate(items, start=1):
        if not isinstance(row, Mapping):
            continue
        cells = (
            f"{COLUMN_LABELS[column]}：{_value(kind, row.get(column))}"
            for column, kind, _required in DETAIL_COLUMNS[detail]
            if _given(row.get(column))
        )
        yield f"  {n}. " + "；".join(cells)


def _recognitions(items: Any) -> Iterator[str]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping):
            kind = item.get("kind")
            name = RECOGNITION_KINDS.get(kind, kind) if isinstance(kind, str) else str(kind)
            yield f"认定情况：{shown_controls(name)}（{_value('date', item.get('date'))}）"


def profile_lines(document: Mapping[str, Any]) -> list[str]:
    """The lines of an interchange profile (masked by the caller where it should be), group by group;
    fields not given are left out, and a group with nothing given is not named."""
    enterprise = document.get("enterprise")
    facts = document.get("facts")
    enterprise = enterprise if isinstance(enterprise, Mapping) else {}
    facts = facts if isinstance(facts, Mapping) else {}
    specs: list[tuple[FieldSpec, Mapping[str, Any], str]] = [
        *((spec, enterprise, key) for key, spec in ENTERPRISE_FIELDS.items()),
        *((spec, facts, key) for key, spec in FACT_FIELDS.items()),
    ]
    lines: list[str] = []
    for group, title in FIELD_GROUPS.items():
        part: list[str] = []
        for spec, section, key in specs:
            if spec.group != group:
                continue
            if _given(section.get(key)):
                part.append(f"{spec.label}：{_value(spec.kind, section[key])}")
            detail = _LISTED_AFTER.get(key)
            if detail and _given(facts.get(detail)):
                part.extend(_rows(detail, facts[detail]))
        if group == "basic":
            part.extend(_recognitions(enterprise.get("recognitions")))
        if part:
            lines.extend([*([""] if lines else []), f"【{title}】", *part])
    return lines
