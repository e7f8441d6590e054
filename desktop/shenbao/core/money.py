"""How money is written, everywhere: the screen, the printed form, the park report and the CSV.

One home for it, so the screen and the printout never disagree on a sum. Amounts are `Decimal` yuan;
every rounding is half-up; thousands are separated by commas; trailing zeros are dropped.

>>> yuan(Decimal("125000.55")), wan(Decimal("125000.55")), amount(Decimal("125000.55"))
('125,000.55', '12.5001', '12.5001 万元')
>>> amount(Decimal("0.5")), amount(Decimal("5000")), amount(Decimal("145025000"))
('0.5 元', '5,000 元', '14,502.5 万元')

In English a sum reads as English readers count, in millions rather than in 万:
>>> amount(Decimal("3750000"), "en"), amount(Decimal("125000"), "en"), amount(Decimal("1200000000"), "en")
('CNY 3.75 million', 'CNY 125,000', 'CNY 1.2 billion')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
# 万元 are written to the whole yuan (four places): 125,000.55 元 → 12.5001 万元.
WAN_PLACES = Decimal("0.0001")


def cents(value: Decimal) -> Decimal:
    """Round to the fen, half up: the one rounding of an amount (MEASURES.md)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def whole_fen(value: Decimal) -> int | None:
    """The amount as an integer of fen when it is a whole number of fen, else None: views add integers
    (exact, and far cheaper than Decimals) and keep the Decimal where a fen has a fraction."""
    fen = value * 100
    whole = int(fen)
    return whole if whole == fen else None


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(value: Decimal) -> str:
    """The exact sum in 元, always to the fen: 125000 → "125,000.00" (a formula, the printed 金额 line)."""
    return f"{cents(value):,.2f}"


def yuan_short(value: Decimal) -> str:
    """元 without trailing zeros: 0.5 → "0.5", 5000 → "5,000", 1234.56 → "1,234.56"."""
    return _trim(f"{cents(value):,.2f}")


def wan(value: Decimal) -> str:
    """The sum in 万元, to the whole yuan: 125000 → "12.5", 1,250,000 → "125", 145,025,000 → "14,502.5"."""
    return _trim(f"{(value / TEN_THOUSAND).quantize(WAN_PLACES, rounding=ROUND_HALF_UP):,f}")


def amount_parts(value: Decimal) -> tuple[str, str]:
    """(number, unit): 万元 from 1 万元 up, 元 below, so a small sum never reads as 0."""
    if abs(cents(value)) < TEN_THOUSAND:
        return yuan_short(value), "元"
    return wan(value), "万元"


MILLION = Decimal(1000000)
BILLION = Decimal(1000000000)


def amount(value: Decimal, language: str = "zh") -> str:
    """The sum with its unit: "12.5 万元", "0.5 元"; in English (`language` "en") "CNY 3.75 million",
    "CNY 125,000": millions and billions to the whole yuan, smaller sums in yuan."""
    if language == "en":
        for size, word in ((BILLION, "billion"), (MILLION, "million")):
            if abs(cents(value)) >= size:
                places = Decimal(1).scaleb(-len(str(size)) + 1)
                return f"CNY {_trim(f'{(value / size).quantize(places, rounding=ROUND_HALF_UP):,f}')} {word}"
        return f"CNY {yuan_short(value)}"
    number, unit = amount_parts(value)
    return f"{number} {unit}"


def yuan_and_wan(value: Decimal, language: str = "zh") -> str:
    """Both, as a form prints a sum: "125,000.00 元（12.5 万元）"; in English "CNY 125,000.00". A sum under
    one yuan has no whole yuan for its 万元 to show: "0.40 元", never "0.40 元（0 万元）"."""
    if language == "en":
        return f"CNY {yuan(value)}"
    if abs(cents(value)) < 1:
        return f"{yuan(value)} 元"
    return f"{yuan(value)} 元（{wan(value)} 万元）"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def capital(value: Decimal) -> str:
    """The amount in 大写, as a hand-filled form carries it: 125000.00 → 人民币壹拾贰万伍仟元整."""
    cents_total = int(cents(value) * 100)
    yuan_part, fraction = divmod(cents_total, 100)
    jiao, fen = divmod(fraction, 10)
    if yuan_part == 0 and fraction == 0:
        return "人民币零元整"
    out = ""
    if yuan_part:
        groups = []
        while yuan_part:
            yuan_part, group = divmod(yuan_part, 10000)
            groups.append(group)
        pending_zero = False
        for gi in range(len(groups) - 1, -1, -1):
            group = groups[gi]
            if group == 0:
                pending_zero = bool(out)
                continue
            digits = f"{group:04d}" if out else str(group)
            for di, ch in enumerate(digits):
                d = int(ch)
                unit = _UNITS[len(digits) - 1 - di]
                if d == 0:
                    pending_zero = bool(out)
                    continue
                if pending_zero:
                    out += "零"
                    pending_zero = False
                out += _DIGITS[d] + unit
            out += _GROUPS[gi]
        out += "元"
    if fraction == 0:
        return f"人民币{out}整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif out:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return f"人民币{out}"
