"""数电 invoices as PDF, read from the text layer with positions (pdfplumber).

The printed invoice is a form, so its text is read by place rather than by order: the buyer's and the
seller's blocks sit side by side on the same lines and are told apart by which half of the block they
are in; in the item table a row that ends in amount, rate and tax starts an item, and name text on the
lines below it (names wrap) belongs to that item. The totals come from the 合计 line and the (小写)
figure of 价税合计. A PDF with no text layer is a scan: reported as such, never guessed at. What the file
may cost to read is checked first (`pdf_bounds`).
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from typing import Any

from shenbao.core.documents.invoice import (
    DocumentError,
    Invoice,
    Item,
    clean,
    code_of,
    date_of,
    item_tax,
    money,
    rate_of,
)
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import TRUNCATED

MAX_PAGES = 20
INVOICE_WORDS = ("发票号码", "价税合计", "开票日期")  # what any invoice prints, in text or on a scan
_RATE = re.compile(r"^(-?\d+(\.\d+)?%|免税|不征税|\*+)$")
_MONEY = re.compile(r"^[¥￥]?-?[\d,]*\d(\.\d+)?$")

# Why a PDF cannot be read, by what its readers (pdfminer, pdfium) met: their own words are English. And
# what a reading warns of when pdfminer recovered from damaged data to read it.
PDF_REASONS = {
    "truncated": f"PDF {TRUNCATED}",
    "password": "PDF 设有打开口令，无法读取；请使用税务平台下发的原文件",
    "encryption": "PDF 使用了不支持的加密方式，无法读取；请使用税务平台下发的原文件",
    "damaged": "PDF 已损坏或无法解析，请重新获取原文件",
    "data_loss": "PDF 中有部分数据已损坏，读出的内容请对照原件核对",
}
# Why a PDF is not read as one invoice: core strings written as Phrases, as PDF_REASONS are (an English
# interface writes each again from its translated template and the values).
PDF_MESSAGES = {
    "no_text": "PDF 没有文字层（扫描件或图片），无法直接读取；请使用税务平台下发的 XML、OFD 或原版 PDF",
    "no_number": "PDF 中没有找到发票号码，不是税务平台的发票",
    "same_twice": "PDF 中同一张发票 {number} 出现 {count} 次（第 {first}、{page} 页），请导入只含这张发票一份的文件",
    "several": "PDF 含有 {count} 张发票：{parts}；请把每张发票的文件分别导入",
    "found": "{number}（第 {pages} 页）",
    "same_on_page": "第 {page} 页上同一张发票 {number} 出现 {count} 次，请导入只含这张发票一份的文件",
    "several_on_page": "第 {page} 页似乎含有 {count} 张发票（发票号码 {numbers}）；请把每张发票分别存为一个文件导入",
    "pages": "PDF 有 {count} 页，不像一张发票",
}
_PDFIUM_REASONS = {4: "password", 5: "encryption"}  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
_DATA_LOSS = "Data-loss while decompressing corrupted data"  # pdfminer.pdftypes, on a damaged stream


class ScannedDocument(DocumentError):
    """A PDF without a text layer: only optical recognition could read it."""


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float


def pdf_reason(err: BaseException) -> str:
    """Why a PDF could not be opened or read, in words the user can act on."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    cause = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err  # pdfplumber wraps
    if isinstance(cause, PSEOF):
        key = "truncated"
    elif isinstance(cause, PDFPasswordIncorrect):
        key = "password"
    elif isinstance(cause, PDFEncryptionError):
        key = "encryption"
    else:
        key = _PDFIUM_REASONS.get(getattr(cause, "err_code", None) or 0, "damaged")
    return Phrase(PDF_REASONS[key])


class _KeptLog(logging.Handler):
    """pdfminer's and pdfplumber's log, kept for the reading in progress rather than printed on the
    terminal in English: what it means for the reading, the reader says in its warnings."""

    def emit(self, record: logging.LogRecord) -> None:
        kept = _KEPT.get()
        if kept is not None:
            kept.append(record.getMessage())


_KEPT: ContextVar[list[str] | None] = ContextVar("pdf_readers_log", default=None)


def _keep_readers_log() -> None:
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _KeptLog) for h in logger.handlers):
            logger.addHandler(_KeptLog())
            logger.propagate = False


def read_pdf(data: bytes) -> Invoice:
    _keep_readers_log()
    token = _KEPT.set([])
    try:
        pages, pictured = _words(data)
        logged = _KEPT.get() or []
    finally:
        _KEPT.reset(token)
    text = "".join(w.text for page in pages for w in page)
    # a scan whose app stamped a line of its own on it (「Scanned with CamScanner」) is a scan still: a
    # picture over the page, and none of an invoice's words in the text
    if len(text) < 20 or (pictured and not any(word in text for word in INVOICE_WORDS)):
        raise ScannedDocument(Phrase(PDF_MESSAGES["no_text"]))
    _one_invoice(pages)
    invoice = Invoice()
    for words in pages:
        _read_page(words, invoice)
    if not invoice.invoice_no:
        raise DocumentError(Phrase(PDF_MESSAGES["no_number"]))
    if _DATA_LOSS in logged:
        invoice.warnings.append(Phrase(PDF_REASONS["data_loss"]))
    return invoice.finish()


def _one_invoice(pages: list[list[Word]]) -> None:
    """DocumentError when the pages hold more than one invoice (invoices merged into one PDF to be
    printed together) or one invoice more than once: a long invoice continues on its next page with
    the same number and other items, never with another number or the same items again."""
    seen: dict[tuple[str, str], list[int]] = {}  # each invoice's pages (numbered from 1), in order
    items: dict[tuple[tuple[str, str], tuple[tuple[str, str], ...]], int] = {}
    for number, words in enumerate(pages, 1):
        _one_on_page(words, number)
        page = Invoice()
        _read_page(words, page)
        if not page.invoice_no:
            continue
        key = next(
            (k for k in seen if k[1] == page.invoice_no and not (k[0] and page.invoice_code)), page.key
        )
        seen.setdefault(key, []).append(number)
        listed = tuple((i.name, str(i.amount)) for i in page.items)
        if listed and (key, listed) in items:
            raise DocumentError(
                Phrase(
                    PDF_MESSAGES["same_twice"],
                    number=_number(key),
                    count=len(seen[key]),
                    first=items[key, listed],
                    page=number,
                )
            )
        items.setdefault((key, listed), number)
    if len(seen) > 1:
        found = [
            Phrase(PDF_MESSAGES["found"], number=_number(key), pages="、".join(map(str, numbers)))
            for key, numbers in seen.items()
        ]
        said = Phrase(PDF_MESSAGES["several"], count=len(seen), parts="；".join(found), items=found)
        raise DocumentError(said)


# 发票号码 as the invoice's own label, not within another one (a red-letter invoice's 备注 names the
# invoice it cancels: 被红冲蓝字数电发票号码：…).
_NUMBER_LABEL = re.compile(r"(?<![\u4e00-\u9fff])发票号码[:：]\s*(\d+)")


def _one_on_page(words: list[Word], page: int) -> None:
    """DocumentError when one page shows more than one invoice's number: two invoices printed side by
    side or one above the other, whose lines the layout would read as one invoice's (the first one's
    number over both invoices' items and parties, or the second invoice dropped unseen)."""
    numbers = [n for text in map(_joined, _lines(words)) for n in _NUMBER_LABEL.findall(text)]
    if len(numbers) < 2:
        return
    distinct = list(dict.fromkeys(numbers))
    if len(distinct) == 1:
        raise DocumentError(
            Phrase(PDF_MESSAGES["same_on_page"], page=page, number=distinct[0], count=len(numbers))
        )
    raise DocumentError(
        Phrase(PDF_MESSAGES["several_on_page"], page=page, count=len(numbers), numbers="、".join(numbers))
    )


def _number(key: tuple[str, str]) -> str:
    return " ".join(x for x in key if x)


def _words(data: bytes) -> tuple[list[list[Word]], bool]:
    """The words of each page, and whether a picture covers half of some page or more (a scan)."""
    import io

    import pdfplumber

    from shenbao.core.documents.pdf_bounds import check_drawing, check_streams

    check_streams(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DocumentError(Phrase(PDF_MESSAGES["pages"], count=len(pdf.pages)))
            check_drawing(pdf.doc, pdf.rsrcmgr, [page.page_obj for page in pdf.pages])
            upright = [_upright(page) for page in pdf.pages]
            words = [
                [Word(w["text"], w["x0"], w["x1"], w["top"]) for w in page.extract_words()]
                for page in upright
            ]
            return words, any(_pictured(page) for page in upright)
    except DocumentError:
        raise
    except Exception as err:  # pdfminer raises many kinds on a damaged file; all mean "cannot read"
        raise DocumentError(pdf_reason(err)) from None


def _pictured(page: Any) -> bool:
    """A picture covers half of the page or more: what a scan is (an invoice's QR code is a small one)."""
    area = float(page.width * page.height) or 1.0
    return any(
        float((image["x1"] - image["x0"]) * (image["bottom"] - image["top"])) >= area / 2
        for image in page.images
    )


def _upright(page: Any) -> Any:
    """The page as the tax platform laid it out: a page saved turned (/Rotate, set by a viewer's 旋转
    and 保存) would give its words in turned coordinates, the buyer's block below the seller's."""
    if not page.rotation:
        return page
    from pdfplumber.page import Page

    page.page_obj.rotate = 0
    page.page_obj.attrs["Rotate"] = 0
    return Page(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


def _lines(words: list[Word], tolerance: float = 3.0) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _joined(words: list[Word]) -> str:
    out = ""
    for i, word in enumerate(words):
        gap = word.x0 - words[i - 1].x1 if i else 0
        out += (" " if i and gap > 2 else "") + word.text
    return out


def _after_colon(text: str) -> str | None:
    return clean(re.split(r"[:：]", text, maxsplit=1)[1]) if re.search(r"[:：]", text) else None


def _read_page(words: list[Word], invoice: Invoice) -> None:
    lines = _lines(words)
    texts = [_joined(line) for line in lines]
    for text in texts:
        if invoice.invoice_no is None and (m := re.search(r"发票号码[:：]\s*(\d+)", text)):
            invoice.invoice_no = m[1]
        if invoice.invoice_code is None and (m := re.search(r"发票代码[:：]\s*(\d+)", text)):
            invoice.invoice_code = m[1]
        if invoice.date is None and (m := re.search(r"开票日期[:：]\s*(\S+)", text)):
            invoice.date = date_of(m[1])
        if invoice.total is None and (m := re.search(r"[（(]小写[）)]\s*([¥￥]?\s*-?[\d,]+\.\d+)", text)):
            invoice.total = money(m[1])
    _parties(lines, invoice)
    _items(lines, invoice)


def _parties(lines: list[list[Word]], invoice: Invoice) -> None:
    """名称 and 纳税人识别号 of the buyer (left block) and the seller (right block)."""
    split = None
    for line in lines:
        names = [w for w in line if w.text.startswith("名称")]
        if len(names) >= 2:
            split = (names[0].x1 + names[1].x0) / 2
            labels = [w for w in line if w.text in ("销", "销售方") and w.x0 > names[0].x1]
            if labels:
                split = labels[0].x0 - 1
            break
    if split is None:
        return
    for line in lines:
        for side, part in (
            ("buyer", [w for w in line if w.x0 < split]),
            ("seller", [w for w in line if w.x0 >= split]),
        ):
            text = _joined(
                [w for w in part if len(w.text) > 1 or not re.match(r"^[购买方信息销售]$", w.text)]
            )
            if text.startswith("名称") and getattr(invoice, f"{side}_name") is None:
                setattr(invoice, f"{side}_name", _after_colon(text))
            elif "纳税人识别号" in text and getattr(invoice, f"{side}_tax_id") is None:
                setattr(invoice, f"{side}_tax_id", code_of(_after_colon(text)))


def _items(lines: list[list[Word]], invoice: Invoice) -> None:
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if any("项目名称" in w.text or "货物或应税劳务" in w.text for w in line)
        ),
        None,
    )
    if start is None:
        return
    header = lines[start]
    others = [w for w in header if "项目名称" not in w.text and "货物或应税劳务" not in w.text]
    name_right = others[0].x0 - 1 if others else header[0].x1 + 60
    current: Item | None = None
    for line in lines[start + 1 :]:
        text = _joined(line)
        if re.match(r"^合\s*计", text) or re.match(r"^计\s+[¥￥]", text):  # a scan may lose 合
            figures = [money(w.text) for w in line if _MONEY.match(w.text)]
            figures = [f for f in figures if f is not None]
            if len(figures) >= 2 and invoice.amount is None:
                invoice.amount, invoice.tax = figures[0], figures[1]
            elif len(figures) == 1 and invoice.amount is None:
                invoice.amount, invoice.tax = figures[0], item_tax("***")
            return
        if "价税合计" in text:
            return
        name = _joined([w for w in line if w.x1 <= name_right + 1])
        rest = [w.text for w in line if w.x1 > name_right + 1]
        if len(rest) >= 3 and _RATE.match(rest[-2]) and _MONEY.match(rest[-3]):
            current = Item(name, money(rest[-3]), rate_of(rest[-2]), item_tax(rest[-1]))
            invoice.items.append(current)
        elif current is not None and name:
            current.name += name
