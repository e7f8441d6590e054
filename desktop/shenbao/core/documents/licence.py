"""A 营业执照 photo read offline by optical recognition, when the `ocr` extra is installed.

`pip install shenbao[ocr]` adds RapidOCR with the recognition models inside its wheel, onnxruntime and
OpenCV; nothing is downloaded when it runs. The licence is a form: each field's value sits to the right
of its printed label (名称, 类型, 法定代表人, 注册资本, 成立日期, 住所), and a long value wraps onto the lines
below it. Everything read is a proposal for the user to confirm. The 统一社会信用代码 is accepted only when
it passes GB 32100; otherwise it is reported unreadable, never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import field
from decimal import Decimal, InvalidOperation
from typing import Any

from shenbao.core.documents.invoice import Check, DocumentError, date_of
from shenbao.core.ocr import OCR_ADDS, ocr_available
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass

LABELS = {
    "name": "名称",
    "type": "类型",
    "legal_representative": "法定代表人",
    "registered_capital": "注册资本",
    "established_on": "成立日期",
    "address": "住所",
}
WRAPPING = ("name", "type", "address")
# What reading a licence says, by name: core strings written as Phrases (core.phrases), a field named
# by its printed label (LABELS) as a Phrase of its own.
LICENCE_MESSAGES = {
    "uscc_valid": "统一社会信用代码 {code} 符合 GB 32100",
    "uscc_unread": "统一社会信用代码无法可靠识别，请照原件填写",
    "uscc_unread_seen": "统一社会信用代码无法可靠识别（识别为 {seen}），请照原件填写",
    "not_read": "没有识别出{label_name}",
    "foreign_capital": "注册资本以外币登记（{printed}），未按人民币填入，请折算后填写",
    "capital_unread": "注册资本（{printed}）无法读作一个金额，请照原件填写",
    "damaged": "图片已损坏或格式不支持",
    "too_large": "图片过大（{width}×{height} 像素），请使用不超过 8000 万像素的照片",
    "needs_ocr": "这是一张图片，需要识别（OCR）才能读取。{adds}",
}
STOP_LABELS = ("营业期限", "经营范围", "登记机关", "统一社会信用代码", "编号", "经营场所", "主要经营场所")
_USCC = re.compile(r"[0-9A-Z]{18}")


@dataclass
class Box:
    """A recognised line of text, axis-aligned after the photo's tilt is taken out."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def upright(quads: list[tuple[list[list[float]], str]]) -> list[Box]:
    """Boxes from the recogniser's quadrilaterals, turned by the median tilt of the long lines so that a
    label and its value share a row even in a photo taken askew."""
    tilts = []
    for quad, _text in quads:
        (x0, y0), (x1, y1) = quad[0][:2], quad[1][:2]
        if abs(x1 - x0) > 3 * _side(quad):
            tilts.append(math.atan2(y1 - y0, x1 - x0))
    tilt = sorted(tilts)[len(tilts) // 2] if tilts else 0.0
    cos, sin = math.cos(tilt), math.sin(tilt)
    boxes = []
    for quad, text in quads:
        cx = sum(p[0] for p in quad) / len(quad)
        cy = sum(p[1] for p in quad) / len(quad)
        x, y = cx * cos + cy * sin, -cx * sin + cy * cos
        width = math.dist(quad[0][:2], quad[1][:2])
        height = _side(quad)
        boxes.append(Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2, text))
    return _join_spaced_labels(boxes)


def _side(quad: list[list[float]]) -> float:
    return max(math.dist(quad[0][:2], quad[3][:2]), 1.0)


def _join_spaced_labels(boxes: list[Box]) -> list[Box]:
    """Labels printed with spaces between their characters (名　称) come back as one box per character."""
    singles = sorted((b for b in boxes if len(b.text.strip()) == 1), key=lambda b: b.x0)
    out = [b for b in boxes if len(b.text.strip()) != 1]
    used: set[int] = set()
    for i, first in enumerate(singles):
        if i in used:
            continue
        merged = first
        for j in range(i + 1, len(singles)):
            other = singles[j]
            if j in used or abs(other.middle - merged.middle) > merged.height * 0.5:
                continue
            if 0 <= other.x0 - merged.x1 < merged.height * 3:
                merged = Box(
                    merged.x0,
                    min(merged.y0, other.y0),
                    other.x1,
                    max(merged.y1, other.y1),
                    merged.text.strip() + other.text.strip(),
                )
                used.add(j)
        out.append(merged)
    return out


@dataclass
class Licence:
    fields: dict[str, str | None] = field(default_factory=dict)
    uscc_seen: str | None = None  # what looked like a code but failed GB 32100
    capital_seen: str | None = None  # a capital printed in another currency than 人民币, as printed
    capital_unread: str | None = None  # a capital printed but not readable as one amount, as printed
    warnings: list[str] = field(default_factory=list)

    def checks(self) -> list[Check]:
        code = self.fields.get("uscc")
        if code:
            return [Check("uscc", True, Phrase(LICENCE_MESSAGES["uscc_valid"], code=code))]
        if self.uscc_seen:
            return [Check("uscc", False, Phrase(LICENCE_MESSAGES["uscc_unread_seen"], seen=self.uscc_seen))]
        return [Check("uscc", False, Phrase(LICENCE_MESSAGES["uscc_unread"]))]


MAX_PIXELS = 80_000_000  # a 50-megapixel phone's photo is 51 million; each pixel costs 3 bytes decoded


def check_pixels(data: bytes) -> None:
    """DocumentError when the image is damaged or has more than MAX_PIXELS, told from its header alone
    (a few hundred bytes of PNG may claim billions of pixels, all allocated once decoded)."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        width, height = _claimed_size(data)
    except (OSError, SyntaxError, ValueError):
        raise DocumentError(Phrase(LICENCE_MESSAGES["damaged"])) from None
    if width * height > MAX_PIXELS:
        raise DocumentError(Phrase(LICENCE_MESSAGES["too_large"], width=width, height=height))


def _claimed_size(data: bytes) -> tuple[int, int]:
    """The size a PNG's header claims (what Pillow refuses to open as a bomb), else a size past the limit."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return MAX_PIXELS, 2


def recognise(data: bytes) -> list[Box]:
    """The text boxes of an image, by the bundled models; ScannedDocument without the extra."""
    if not ocr_available():
        from shenbao.core.documents.pdf_invoice import ScannedDocument

        raise ScannedDocument(Phrase(LICENCE_MESSAGES["needs_ocr"], adds=Phrase(OCR_ADDS)))
    check_pixels(data)
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise DocumentError(Phrase(LICENCE_MESSAGES["damaged"]))
    result = _engine()(image)
    corners = result.boxes if result.boxes is not None else []
    quads = [
        ([[float(v) for v in p] for p in quad], str(text))
        for quad, text in zip(corners, result.txts or (), strict=False)
    ]
    return upright(quads)


_ENGINE: Any = None


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        from rapidocr import RapidOCR

        _ENGINE = RapidOCR(params={"Global.log_level": "error"})
    return _ENGINE


# Currencies other than 人民币 a licence's 注册资本 may be registered in (a foreign-invested enterprise).
_FOREIGN = re.compile(
    r"美元|港币|港元|澳门元|澳元|欧元|日元|英镑|新台币|台币|加元|加拿大元|新加坡元|法郎|韩元|卢布"
)


def read_licence_boxes(boxes: list[Box]) -> Licence:
    licence = Licence()
    for box in boxes:
        compact = re.sub(r"[\s:：]", "", box.text).upper()
        for candidate in _USCC.findall(compact):
            if _valid_uscc(candidate):
                licence.fields["uscc"] = candidate
                break
            licence.uscc_seen = licence.uscc_seen or candidate
        if licence.fields.get("uscc"):
            break
    licence.fields.setdefault("uscc", None)
    labels = {key: _label(boxes, text) for key, text in LABELS.items()}
    stops = [b for b in boxes if _is_label(b.text, STOP_LABELS + tuple(LABELS.values()))]
    for key, label in labels.items():
        licence.fields[key] = _value(boxes, label, key in WRAPPING, stops) if label else None
        if licence.fields[key] is None:
            licence.warnings.append(Phrase(LICENCE_MESSAGES["not_read"], label_name=Phrase(LABELS[key])))
    licence.fields["established_on"] = _iso(licence.fields.get("established_on"))
    printed = licence.fields.get("registered_capital")
    if printed and _FOREIGN.search(printed):
        licence.fields["registered_capital"], licence.capital_seen = None, printed
        licence.warnings.append(Phrase(LICENCE_MESSAGES["foreign_capital"], printed=printed))
    else:
        licence.fields["registered_capital"] = _yuan(printed)
        if printed and licence.fields["registered_capital"] is None:
            licence.capital_unread = printed
            licence.warnings.append(Phrase(LICENCE_MESSAGES["capital_unread"], printed=printed))
    return licence


def _valid_uscc(code: str) -> bool:
    from stdnum.cn import uscc

    return uscc.is_valid(code)


def _is_label(text: str, labels: tuple[str, ...]) -> bool:
    compact = re.sub(r"\s", "", text)
    return any(compact.startswith(label) and len(compact) <= len(label) + 1 for label in labels)


def _label(boxes: list[Box], label: str) -> Box | None:
    for box in boxes:
        if re.sub(r"\s", "", box.text).startswith(label):
            return box
    # a spaced label of which one character was lost or run into another line: the other, alone
    for char in (label[-1], label[0]):
        alone = [b for b in boxes if b.text.strip() == char]
        if alone:
            return min(alone, key=lambda b: b.x0)
    return None


def _value(boxes: list[Box], label: Box, wraps: bool, stops: list[Box]) -> str | None:
    compact = re.sub(r"\s", "", label.text)
    name = next((v for v in LABELS.values() if compact.startswith(v)), compact[:1])
    inline = compact[len(name) :].lstrip(":：")
    if inline:
        return inline
    row = [
        b
        for b in boxes
        if b is not label and b.x0 >= label.x1 - 5 and abs(b.middle - label.middle) < label.height * 0.6
    ]
    first = min(row, key=lambda b: b.x0, default=None)
    if first is None or _is_label(first.text, tuple(LABELS.values()) + STOP_LABELS):
        return None
    parts, below = [first.text.strip()], first
    while wraps:
        nxt = min(
            (
                b
                for b in boxes
                if abs(b.x0 - first.x0) < 30
                and below.height * 0.6 < b.middle - below.middle < below.height * 2.2
            ),
            key=lambda b: b.middle,
            default=None,
        )
        if nxt is None or any(
            other is not nxt
            and label.x0 - 60 < other.x1 <= nxt.x0 + 5
            and abs(other.middle - nxt.middle) < nxt.height * 0.6
            for other in boxes
        ):
            break
        parts.append(nxt.text.strip())
        below = nxt
    return "".join(parts).strip() or None


def _iso(text: str | None) -> str | None:
    date = date_of(text)
    return date.isoformat() if date else None


def _yuan(text: str | None) -> str | None:
    """'人民币200万元' → '2000000', '1亿5000万元' → '150000000', '伍佰万元整' → '5000000'; None when the
    amount cannot be read."""
    amount = capital_amount(text) if text else None
    return None if amount is None else f"{amount.normalize():f}"


# Numerals as a licence prints them: in figures, in the capitals of financial writing (壹贰叁…拾佰仟), or
# in everyday characters (一二三…十百千, 〇 and 两), each with its traditional form.
DIGITS = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("壹一", 1),
    **dict.fromkeys("贰貳二两兩", 2),
    **dict.fromkeys("叁參三", 3),
    **dict.fromkeys("肆四", 4),
    **dict.fromkeys("伍五", 5),
    **dict.fromkeys("陆陸六", 6),
    **dict.fromkeys("柒七", 7),
    **dict.fromkeys("捌八", 8),
    **dict.fromkeys("玖九", 9),
}
SMALL_UNITS = {**dict.fromkeys("拾十", 10), **dict.fromkeys("佰百", 100), **dict.fromkeys("仟千", 1000)}
UNITS = {**dict.fromkeys("万萬", Decimal(10_000)), **dict.fromkeys("亿億", Decimal(100_000_000))}
_TOKEN = r"\d[\d.,]*|[" + "".join([*DIGITS, *SMALL_UNITS, *UNITS]) + "]"
_AMOUNT = re.compile(rf"(?:{_TOKEN})(?:\s*(?:{_TOKEN}))*")


def capital_amount(text: str) -> Decimal | None:
    """The first amount in `text`, in yuan, exactly: figures (5,000,000; 0.5亿; 1亿5000万), numerals
    (伍佰万, 壹亿零伍佰万, 拾万, 一千万) or both (5百万). None when the first amount is not one
    number as written in Chinese: two digits running together (伍伍万), units out of order (壹拾壹佰),
    佰 or 仟 without a digit, or a digit after a unit that leaves its place unsaid (壹佰万伍: 伍万 or 伍元?)."""
    found = _AMOUNT.search(text)
    if found is None:
        return None
    total = group = section = Decimal(0)  # past 亿; past 万 under it; below 万
    digit: Decimal | None = None
    unsaid = False  # the digit held follows a unit above 拾 with no 零 between: its place is unsaid
    smallest = 10_000  # the last small unit in this section: they go down
    before: str | int | Decimal | None = None  # the token before: "digit", "zero", a unit, or None
    figures = False  # any digit seen
    for token in re.findall(_TOKEN, found[0]):
        if token[0].isdigit():
            if digit is not None or before in SMALL_UNITS.values():
                return None
            try:
                digit = Decimal(token.replace(",", ""))
            except InvalidOperation:
                return None
            before, figures = "digit", True
        elif token in DIGITS:
            if DIGITS[token] == 0:
                if digit is not None:
                    return None
                before = "zero"
                continue
            if digit is not None:
                return None
            digit, unsaid = Decimal(DIGITS[token]), isinstance(before, int | Decimal) and before > 10
            before, figures = "digit", True
        elif token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if unit >= smallest:
                return None
            if digit is None:
                if unit != 10 or section:
                    return None
                digit, figures = Decimal(1), True  # 拾万: ten, the one left unsaid
            section, digit, unsaid, smallest, before = section + digit * unit, None, False, unit, unit
        else:
            large = UNITS[token]
            if unsaid and digit is not None:
                return None
            below = section + (digit or 0)
            if large == UNITS["万"]:
                if group or (not below and digit is None):
                    return None
                group = below * large
            else:
                if total or not (group or below or digit is not None):
                    return None
                total, group = (group + below) * large, Decimal(0)
            section, digit, unsaid, smallest, before = Decimal(0), None, False, 10_000, large
    if unsaid and digit is not None:
        return None
    if not figures:
        return None  # 零, or nothing but units
    return total + group + section + (digit or 0)


# What a licence's fields become in the profile: the printed field, the profile's field. 类型 is the
# company form (有限责任公司…), of which the profile keeps only the kind of unit (企业).
PROFILE_PATHS = (
    ("name", "enterprise.name"),
    ("uscc", "enterprise.uscc"),
    ("type", "enterprise.org_type"),
    ("legal_representative", "enterprise.legal_representative"),
    ("registered_capital", "enterprise.registered_capital"),
    ("established_on", "enterprise.established_on"),
    ("address", "enterprise.address"),
)
PRINTED_LABELS = {**LABELS, "uscc": "统一社会信用代码"}
_ENTERPRISE_FORMS = re.compile(r"公司|企业|合伙|独资|个体|合作社")


@dataclass(frozen=True)
class Proposal:
    """One field of a licence as a proposal for the profile: what was read (None: unreadable) and the
    value the profile would take (None: nothing to propose)."""

    key: str  # the licence's field (name, uscc, type…)
    path: str  # the profile's field (enterprise.name…)
    read: str | None
    value: str | Decimal | None

    @property
    def label(self) -> str:
        return PRINTED_LABELS[self.key]


def proposals(licence: Licence) -> list[Proposal]:
    """Every field of the licence, in the order printed, with what the profile would take from it. A
    统一社会信用代码 failing GB 32100 is read as what it looked like, proposed as nothing."""
    out = []
    for key, path in PROFILE_PATHS:
        read = licence.fields.get(key)
        value: str | Decimal | None = read
        if key == "uscc" and not read:
            read = licence.uscc_seen
        elif key == "registered_capital" and not read:
            read = licence.capital_seen or licence.capital_unread
        elif key == "type":
            value = "enterprise" if read and _ENTERPRISE_FORMS.search(read) else None
        elif key == "registered_capital" and read:
            value = Decimal(read)
        out.append(Proposal(key, path, read, value))
    return out
