"""Invoices read from files, added to an enterprise's list of compute invoices (`facts.compute_invoices`).

Each added row is what a person would have typed (supplier, number, date, amount) plus what the file
says besides — the amount without tax, the tax, the code of an older invoice, both tax ids — and where it
came from: the file's name, its SHA-256 and its format. Refused, with nothing changed: an invoice whose
checks fail, one already in the list (same number, or same code and number), one bought by another
tax id unless the caller allows it (a branch, a renamed firm), and one read from a scan unless the user
confirmed it against the paper (`accept_recognised`). The same invoice twice among the files added
together (its XML and its OFD or PDF) is added once, with a warning, when the figures agree and refused
when they do not. Warned: a date outside the year being claimed, items that do not look like computing
services, a red-letter invoice.

Which figure counts toward 年度购买算力服务总额 is an interpretation: 价税合计 (what was paid) is the row's
`amount`, and the amount without tax is kept beside it (`NOTE`).
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import field
from decimal import Decimal
from functools import cache
from typing import Any

from shenbao.core import fieldkinds
from shenbao.core.documents import Reading
from shenbao.core.documents.invoice import DocumentError, code_of, money_text
from shenbao.core.model import DETAIL_DERIVES
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass

DETAIL = "compute_invoices"
NOTE = (
    "年度购买算力服务总额按每张发票的价税合计（实际支付的金额）计入；"
    "不含税金额与税额一并保存在发票明细中，以备受理部门按不含税口径核算"
)
# The warnings of an intake, by name: each a core string, written as a Phrase (an English interface
# writes it again from its translated template and the values).
WARNINGS = {
    "other_buyer": "{name}: 购买方 {buyer} 不是本企业，已按允许加入",
    "other_year": "{name}: 开票日期 {date} 不在申报年度 {year} 年内",
    "not_compute": "{name}: 明细（{names}）看起来不是算力或信息技术服务，请确认是否计入",
    "red": "{name}: 红字发票，价税合计 {total} 元冲减年度购买算力服务总额",
    "typed_total": "年度购买算力服务总额原填 {typed} 元，今后按发票清单的价税合计计算",
    "same_invoice": "{name}: 与 {first} 是同一张发票（{number}），只计入一次",
    "chosen_twice": "{name}: 这张发票（{number}）已选过一次，只计入一次",  # the same file, or its copy
}
# Why an invoice is not added (IntakeRefused), by its reason: core strings written as Phrases, as the
# warnings are.
REFUSALS = {
    "recognised": "{name}: 识别自扫描件，须在申报助手的「导入发票」中对照原件核对确认后才能加入",
    "checks": "{name}: 核对未通过（{check}），未加入",
    "duplicate": "{name}: 发票 {number} 已在算力服务发票清单中，未重复加入",
    "buyer": "{name}: 购买方 {buyer} 不是本企业（{uscc}），未加入；分支机构或更名的可选择允许其他购买方",
    "figures": "{name}: 与 {first} 发票号码同为 {number}，但金额、日期或纳税人识别号不一致，未加入",
}
# How a warning or a refusal names an invoice's buyer and its items: core strings written as Phrases,
# the names being the invoice's own (`listed` joins the first items, kept apart in `listed_items`).
NAMING = {
    "buyer": "{buyer_name}（{tax_id}）",
    "no_name": "（无名称）",
    "no_tax_id": "无纳税人识别号",
    "items": "{listed}",
    "more_items": "{listed} 等 {count} 项",
    "no_items": "（无明细）",
}
TYPED = ("supplier", "invoice_no", "date", "amount")  # the columns a person types
READ = ("invoice_code", "amount_without_tax", "tax", "seller_tax_id", "buyer_tax_id", "source")


class IntakeRefused(DocumentError):
    """Nothing was added. `reason` is duplicate, buyer or checks, for the caller's own hint."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Intake:
    document: dict[str, Any]
    added: list[dict[str, Any]]
    year: int
    warnings: list[str] = field(default_factory=list)


@cache
def compute_keywords() -> tuple[str, ...]:
    from shenbao import paths

    with (paths.resources() / "invoices" / "compute_items.toml").open("rb") as handle:
        return tuple(str(k).lower() for k in tomllib.load(handle)["keywords"])


def looks_like_compute(item_names: list[str]) -> bool:
    words = compute_keywords()
    return any(word in name.lower() for name in item_names for word in words)


def json_money(value: Decimal | None) -> int | float | None:
    """The JSON number a typed amount is kept as (a whole number as int)."""
    if value is None:
        return None
    value = value.quantize(Decimal("0.01"))
    return int(value) if value == value.to_integral_value() else float(value)


def claimed_year(rows: list[Any], today: dt.date | None = None) -> int:
    """The year the list is for: the most common year among its invoices, else last year (purchases are
    claimed for a whole year once it is over)."""
    years = Counter(str(r.get("date", ""))[:4] for r in rows if isinstance(r, Mapping))
    years.pop("", None)
    for year, _count in years.most_common():
        if year.isdigit():
            return int(year)
    return (today or dt.date.today()).year - 1


def _key(row: Mapping[str, Any]) -> tuple[str, str]:
    """A listed row's code and number as a file's are read (`code_of`): a number typed by hand in groups
    of digits, or in lower case, is the same number, as the profile itself takes it."""
    return (
        code_of(str(row.get("invoice_code") or "")) or "",
        code_of(str(row.get("invoice_no") or "")) or "",
    )


def _same(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Same number, and the same code where both have one (a typed row has none)."""
    return a[1] == b[1] and (a[0] == b[0] or not a[0] or not b[0])


def add_invoices(
    document: Mapping[str, Any],
    readings: list[Reading],
    *,
    allow_other_buyer: bool = False,
    accept_recognised: bool = False,
    year: int | None = None,
    today: dt.date | None = None,
) -> Intake:
    """The profile document with the readings' invoices appended to its compute invoices, or
    IntakeRefused naming the first file that cannot be added (then nothing is)."""
    doc = copy.deepcopy(dict(document))
    facts = doc.setdefault("facts", {})
    rows = list(facts.get(DETAIL) or [])
    uscc = str((doc.get("enterprise") or {}).get("uscc") or "").upper()
    year = year or claimed_year(rows, today)
    warnings: list[str] = []
    added: list[dict[str, Any]] = []
    keys = [_key(r) for r in rows if isinstance(r, Mapping)]
    batch: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}  # what this call adds, by key
    for reading in readings:
        invoice, name = reading.invoice, reading.file
        failed = reading.failed
        if reading.recognised and not accept_recognised:
            raise IntakeRefused(Phrase(REFUSALS["recognised"], name=name), "recognised")
        if failed:
            raise IntakeRefused(Phrase(REFUSALS["checks"], name=name, check=failed[0].message), "checks")
        number = "、".join(x for x in invoice.key if x)
        if invoice.key in batch:
            warnings.append(same_invoice(*batch[invoice.key], reading))
            continue
        if any(_same(invoice.key, k) for k in keys):
            raise IntakeRefused(Phrase(REFUSALS["duplicate"], name=name, number=number), "duplicate")
        if invoice.buyer_tax_id != uscc:
            buyer = Phrase(
                NAMING["buyer"],
                buyer_name=invoice.buyer_name or Phrase(NAMING["no_name"]),
                tax_id=invoice.buyer_tax_id or Phrase(NAMING["no_tax_id"]),
            )
            if not allow_other_buyer:
                raise IntakeRefused(Phrase(REFUSALS["buyer"], name=name, buyer=buyer, uscc=uscc), "buyer")
            warnings.append(Phrase(WARNINGS["other_buyer"], name=name, buyer=buyer))
        if invoice.date and invoice.date.year != year:
            warnings.append(
                Phrase(WARNINGS["other_year"], name=name, date=invoice.date.isoformat(), year=year)
            )
        if not looks_like_compute([i.name for i in invoice.items]):
            shown = [i.name for i in invoice.items[:3]]  # a long invoice's warning stays one sentence
            said = NAMING["more_items" if len(invoice.items) > 3 else "items" if shown else "no_items"]
            listed = Phrase(said, listed="、".join(shown), listed_items=shown, count=len(invoice.items))
            warnings.append(Phrase(WARNINGS["not_compute"], name=name, names=listed))
        if invoice.red:
            warnings.append(Phrase(WARNINGS["red"], name=name, total=money_text(invoice.total)))
        keys.append(invoice.key)
        added.append(invoice_row(reading))
        batch[invoice.key] = (name, added[-1])
    facts[DETAIL] = rows + added
    typed = facts.pop(DETAIL_DERIVES[DETAIL], None)
    if typed is not None:
        # the list now stands for the total, as when the wizard's invoice page is filled in
        warnings.append(Phrase(WARNINGS["typed_total"], typed=fieldkinds.printed("money", typed, unit=False)))
    return Intake(doc, added, year, warnings)


def same_invoice(first: str, row: Mapping[str, Any], reading: Reading) -> str:
    """`reading` is the invoice already added as `row` from the file `first` chosen with it (the tax
    platform hands out one invoice as XML, OFD and PDF): the warning that it counts once, or
    IntakeRefused when its figures differ."""
    name, number = reading.file, "、".join(x for x in reading.invoice.key if x)
    if _figures(row) != _figures(invoice_row(reading)):
        raise IntakeRefused(Phrase(REFUSALS["figures"], name=name, first=first, number=number), "duplicate")
    if name == first:  # 「a.xml: 与 a.xml 是同一张发票」 said nothing
        return Phrase(WARNINGS["chosen_twice"], name=name, number=number)
    return Phrase(WARNINGS["same_invoice"], name=name, first=first, number=number)


def _figures(row: Mapping[str, Any]) -> dict[str, Any]:
    """The figures and codes of an invoice row: names, read from a PDF's layout, may differ in a
    bracket or a space between two files of one invoice, and where the file came from always does."""
    return {k: v for k, v in row.items() if k not in ("source", "supplier")}


def invoice_row(reading: Reading) -> dict[str, Any]:
    invoice = reading.invoice
    row: dict[str, Any] = {
        "supplier": invoice.seller_name,
        "invoice_no": invoice.invoice_no,
        "date": invoice.date.isoformat() if invoice.date else None,
        "amount": json_money(invoice.total),
    }
    if invoice.invoice_code:
        row["invoice_code"] = invoice.invoice_code
    row["amount_without_tax"] = json_money(invoice.amount)
    row["tax"] = json_money(invoice.tax)
    row["seller_tax_id"] = invoice.seller_tax_id
    row["buyer_tax_id"] = invoice.buyer_tax_id
    row["source"] = {"file": reading.file, "sha256": reading.sha256, "format": reading.format}
    if reading.recognised:
        row["source"]["recognised"] = True  # read from a scan, confirmed by the user
    return row
