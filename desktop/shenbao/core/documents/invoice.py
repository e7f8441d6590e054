"""An invoice as read from a file: its fields, the checks every reading passes through, and the plain
data `shenbao read` prints.

Fields follow what a person reads on the printed invoice: 发票号码 (20 digits for a 数电 invoice; 8 digits
and a 10- or 12-digit 发票代码 for an older one), 开票日期, 销售方 and 购买方 name and 纳税人识别号, 金额
(without tax), 税额 and 价税合计, and the item lines. A red-letter invoice (红字发票) carries negative
amounts. Nothing here trusts the file: the checks say whether the figures add up and the codes are well
formed, and the caller decides what a failed check means.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import field
from decimal import Decimal
from typing import Any

from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import KnownError

CENT = Decimal("0.01")
# yuan, to the fen, below a thousand trillion (15 digits: sums of them stay exact in Decimal's 28)
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,2})?")
NOT_TAXED = "*"  # the rate of an item 不征税
MAX_NAME = 200  # characters in a seller's or buyer's name: a registered name has at most about 60
MAX_ITEM_NAME = 300  # characters in an item's name, its category included: the platform allows 100
_RATE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,6})?")  # 0.06, 0.015, or 6: a rate as a file gives it


class DocumentError(KnownError):
    """A file that cannot be read as a document, with the reason in one line naming the file."""


# What the checks of an invoice say, by name: each a core string, written as a Phrase (an English
# interface writes it again from its translated template and the values). A party or a figure a check
# names is a Phrase of PARTIES or FIGURES, a check another names (an OFD's source) a Phrase of these.
CHECKS = {
    "red_not_negative": "文件标为红字发票，但价税合计 {total} 元不是负数",
    "figures_missing": "金额、税额或价税合计缺失",
    "figures_sum": "金额 {amount} + 税额 {tax} {sign} 价税合计 {total}",
    "no_item_amounts": "没有读到明细金额，无法核对",
    "items_sum": "明细合计 {items} {sign} 金额 {amount}",
    "name_long": "{party}名称长 {length} 字，不像发票上的名称（至多 {most} 字）",
    "item_name_long": "明细名称长 {length} 字，不像发票上的明细（至多 {most} 字）",
    "figure_unreadable": "{figure} {text} 不是可读的金额",
    "date_missing": "没有读到开票日期",
    "seller_name_missing": "没有读到销售方名称",
    "tax_id_missing": "{party}纳税人识别号缺失",
    "no_tax_id": "{party}没有纳税人识别号（个人）",
    "uscc_valid": "{party}统一社会信用代码 {code} 符合 GB 32100",
    "tax_id_invalid": "{party}纳税人识别号 {code} 不符合 GB 32100（位数或校验码不对）",
    "number_digits": "发票号码 {number!r} 应全为数字",
    "older_number": "发票代码 {code}、发票号码 {number}",
    "older_number_bad": "发票代码 {code}、发票号码 {number}：应为 10 或 12 位代码加 8 位号码",
    "digital_number": "发票号码 {number}（20 位数电发票号码）",
    "digital_number_bad": "发票号码 {number}：数电发票号码应为 20 位，此为 {length} 位",
}
# What a reading warns of, by name: core strings written as Phrases, as the checks are.
NOTES = {
    "total_added": "文件中没有价税合计，按金额与税额相加得出",
    "red": "红字发票（金额为负）：计入时冲减合计",
}
PARTIES = {"seller": "销售方", "buyer": "购买方"}


@dataclass
class Item:
    name: str
    amount: Decimal | None
    rate: str | None = None  # "6%", "免税", or "*" for 不征税
    tax: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "amount": money_text(self.amount),
            "rate": self.rate,
            "tax": money_text(self.tax),
        }


@dataclass
class Check:
    name: str
    ok: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "message": self.message}


@dataclass
class Invoice:
    invoice_no: str | None = None
    invoice_code: str | None = None
    date: dt.date | None = None
    seller_name: str | None = None
    seller_tax_id: str | None = None
    buyer_name: str | None = None
    buyer_tax_id: str | None = None
    amount: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    items: list[Item] = field(default_factory=list)
    red: bool = False
    warnings: list[str] = field(default_factory=list)
    extra_checks: list[Check] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        """What makes an invoice the same invoice: its code (empty for 数电) and its number."""
        return (self.invoice_code or "", self.invoice_no or "")

    def fields(self) -> dict[str, Any]:
        return {
            "invoice_no": self.invoice_no,
            "invoice_code": self.invoice_code,
            "date": self.date.isoformat() if self.date else None,
            "seller_name": self.seller_name,
            "seller_tax_id": self.seller_tax_id,
            "buyer_name": self.buyer_name,
            "buyer_tax_id": self.buyer_tax_id,
            "amount": money_text(self.amount),
            "tax": money_text(self.tax),
            "total": money_text(self.total),
            "items": [item.to_dict() for item in self.items],
            "red_letter": self.red,
        }

    def finish(self) -> Invoice:
        """Fill what follows from the rest: the total when only amount and tax were given, the red
        flag from negative figures (a file marking an invoice red with positive ones fails a check)."""
        unreadable = any(c.name == "total_readable" for c in self.extra_checks)
        if self.total is None and self.amount is not None and self.tax is not None and not unreadable:
            self.total = self.amount + self.tax
            self.warnings.append(Phrase(NOTES["total_added"]))
        negative = any(v is not None and v < 0 for v in (self.amount, self.total))
        if self.red and not negative and self.total is not None:
            # marked red by the file, yet it would be counted as a purchase: a person would stop here
            self.extra_checks.append(
                Check("red_letter", False, Phrase(CHECKS["red_not_negative"], total=money_text(self.total)))
            )
        self.red = self.red or negative
        if negative:
            self.warnings.append(Phrase(NOTES["red"]))
        return self

    def checks(self) -> list[Check]:
        out = [*self.extra_checks]
        if None in (self.amount, self.tax, self.total):
            out.append(Check("amount_tax_total", False, Phrase(CHECKS["figures_missing"])))
        else:
            ok = self.amount + self.tax == self.total  # type: ignore[operator]
            out.append(
                Check(
                    "amount_tax_total",
                    ok,
                    Phrase(
                        CHECKS["figures_sum"],
                        amount=money_text(self.amount),
                        tax=money_text(self.tax),
                        sign="=" if ok else "≠",
                        total=money_text(self.total),
                    ),
                )
            )
        amounts = [i.amount for i in self.items]
        if not self.items or any(a is None for a in amounts) or self.amount is None:
            out.append(Check("items_sum", False, Phrase(CHECKS["no_item_amounts"])))
        else:
            total = sum((a for a in amounts if a is not None), Decimal(0))
            ok = total == self.amount
            out.append(
                Check(
                    "items_sum",
                    ok,
                    Phrase(
                        CHECKS["items_sum"],
                        items=money_text(total),
                        sign="=" if ok else "≠",
                        amount=money_text(self.amount),
                    ),
                )
            )
        for party in PARTIES:
            key, name = f"{party}_name", getattr(self, f"{party}_name")
            if name is not None and len(name) > MAX_NAME:
                said = Phrase(
                    CHECKS["name_long"], party=Phrase(PARTIES[party]), length=len(name), most=MAX_NAME
                )
                out.append(Check(key, False, said))
        longest = max((len(i.name) for i in self.items), default=0)
        if longest > MAX_ITEM_NAME:
            out.append(
                Check(
                    "item_name",
                    False,
                    Phrase(CHECKS["item_name_long"], length=longest, most=MAX_ITEM_NAME),
                )
            )
        # the date and the seller are columns of the compute invoice list: a file without them could
        # not be listed, and would hold back every other file added with it
        if self.date is None:
            out.append(Check("date", False, Phrase(CHECKS["date_missing"])))
        if not self.seller_name:
            out.append(Check("seller_name", False, Phrase(CHECKS["seller_name_missing"])))
        out.append(_tax_id_check("seller", self.seller_tax_id, required=True))
        out.append(_tax_id_check("buyer", self.buyer_tax_id, required=False))
        out.append(_number_check(self.invoice_no, self.invoice_code))
        return out


FIGURES = {"amount": "金额", "tax": "税额", "total": "价税合计"}


def invoice_from_text(value: Callable[[str], str | None]) -> Invoice:
    """An invoice from its fields as printed text, `value(field)` giving each (None when absent). A
    figure present but not readable as an amount fails a check naming it, and stays None."""
    invoice = Invoice(
        invoice_no=code_of(value("invoice_no")),
        invoice_code=code_of(value("invoice_code")),
        date=date_of(value("date")),
        seller_name=clean(value("seller_name")),
        seller_tax_id=code_of(value("seller_tax_id")),
        buyer_name=clean(value("buyer_name")),
        buyer_tax_id=code_of(value("buyer_tax_id")),
        amount=money(value("amount")),
        tax=money(value("tax")),
        total=money(value("total")),
    )
    for key, label in FIGURES.items():
        text = clean(value(key))
        if text is not None and getattr(invoice, key) is None:
            shown = text if len(text) <= 24 else text[:24] + "…"
            said = Phrase(CHECKS["figure_unreadable"], figure=Phrase(label), text=shown)
            invoice.extra_checks.append(Check(f"{key}_readable", False, said))
    return invoice


def _tax_id_check(party: str, code: str | None, *, required: bool) -> Check:
    from stdnum.cn import uscc

    name, who = f"{party}_tax_id", Phrase(PARTIES[party])
    if not code:
        if required:
            return Check(name, False, Phrase(CHECKS["tax_id_missing"], party=who))
        return Check(name, True, Phrase(CHECKS["no_tax_id"], party=who))
    if uscc.is_valid(code):
        return Check(name, True, Phrase(CHECKS["uscc_valid"], party=who, code=code))
    return Check(name, False, Phrase(CHECKS["tax_id_invalid"], party=who, code=brief(code)))


def _number_check(number: str | None, code: str | None) -> Check:
    if not number or not number.isdigit():
        return Check("invoice_no", False, Phrase(CHECKS["number_digits"], number=brief(number)))
    if code:
        ok = len(number) == 8 and code.isdigit() and len(code) in (10, 12)
        said = CHECKS["older_number" if ok else "older_number_bad"]
        return Check("invoice_no", ok, Phrase(said, code=brief(code), number=brief(number)))
    if len(number) == 20:
        return Check("invoice_no", True, Phrase(CHECKS["digital_number"], number=number))
    return Check(
        "invoice_no", False, Phrase(CHECKS["digital_number_bad"], number=brief(number), length=len(number))
    )


def brief(value: str | None, most: int = 40) -> str | None:
    """A value a check names, cut short when a file gives one of absurd length."""
    return value if value is None or len(value) <= most else value[: most - 1] + "…"


# --- normalising what files say -------------------------------------------------------------------


def money(text: str | None) -> Decimal | None:
    """'¥1,800.00', '-265.35', '¥-265.35' → Decimal; None for nothing or for what a person would not read
    as an amount in yuan: '1,0,0,0.00', '2.5E+2', '235.855'."""
    if text is None:
        return None
    cleaned = re.sub(r"[\s¥￥元]", "", str(text)).replace("，", ",")
    cleaned = cleaned.replace("（小写）", "").replace("(小写)", "")
    if not _AMOUNT.fullmatch(cleaned):
        return None
    return Decimal(cleaned.replace(",", ""))


def item_tax(text: str | None) -> Decimal | None:
    """An item's tax; '***' in the tax column of a 不征税 item means none."""
    value = money(text)
    if value is None and text and set(text.strip()) == {"*"}:
        return Decimal(0)
    return value


def money_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT))


def date_of(text: str | None) -> dt.date | None:
    """'2025年07月22日', '2025-07-22', '2025-07-22 12:06:33', '20250722' → a date."""
    if not text:
        return None
    m = re.search(r"(\d{4})\s*(?:年|-|/|\.)?\s*(\d{1,2})\s*(?:月|-|/|\.)?\s*(\d{1,2})", str(text))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def rate_of(text: str | None) -> str | None:
    """'0.06' → '6%', '6%' → '6%', '不征税' or '***' → '*', '免税' kept."""
    if text is None:
        return None
    value = str(text).strip()
    if not value:
        return None
    if "不征税" in value or set(value) == {"*"}:
        return NOT_TAXED
    if value.endswith("%") or not _RATE_NUMBER.fullmatch(value):
        return value  # as printed: 免税, or what no person reads as a rate (NaN, 1E+999999999)
    number = Decimal(value)
    if number < 1:
        number *= 100
    return f"{number.normalize():f}%"


def clean(text: str | None) -> str | None:
    """Leading and trailing whitespace (the line breaks OFD text objects carry) removed; None when empty."""
    if text is None:
        return None
    out = str(text).strip()
    return out or None


def code_of(text: str | None) -> str | None:
    out = clean(text)
    return re.sub(r"\s+", "", out).upper() if out else None
