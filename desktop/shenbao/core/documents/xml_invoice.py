"""The tax platform's invoice XML, in its two shapes.

- 数电发票 (全面数字化的电子发票): root `EInvoice`, no namespace; seller and buyer under
  `SellerInformation`/`BuyerInformation`, totals under `BasicInformation`, one `IssuItemInformation` per
  item, the number in `Header/EIid` and `TaxSupervisionInfo/InvoiceNumber`; `InIssuType` `N` marks a red
  letter invoice.
- The older 增值税电子发票: root `eInvoice` with its children in the `fp:` namespace
  (`http://www.edrm.org.cn/schema/e-invoice/2019`), 8-digit `InvoiceNo` with an `InvoiceCode`; it is also
  what an older OFD carries as `Attachs/original_invoice.xml`.

Both are read by local element name, so the same code serves the standard library's parser (for a
standalone .xml file) and lxml's (inside an OFD).
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any
from xml.parsers.expat import errors as expat_errors

from shenbao.core.documents.invoice import (
    DocumentError,
    Invoice,
    Item,
    clean,
    code_of,
    invoice_from_text,
    item_tax,
    money,
    rate_of,
)
from shenbao.core.phrases import Phrase
from shenbao.errors import TRUNCATED

MAX_XML = 16 * 1024 * 1024
MAX_DEPTH = 64  # an invoice: under 10
MAX_ELEMENTS = 100_000  # an invoice: about 100, and 15 more for each item

# Why an XML file is not read as an invoice, and what a reading of one warns of: core strings written as
# Phrases (an English interface writes each again from its translated template and the values).
XML_MESSAGES = {
    "too_large": "XML 文件过大，不是发票",
    "dtd": "XML 含有文档类型定义（DTD），不是税务平台的发票文件",
    "cut_short": "XML 在第 {line} 行第 {column} 列中断：{cut}",
    "malformed": "XML 第 {line} 行第 {column} 列格式错误；请使用税务平台下发的原文件",
    "malformed_fault": "XML 第 {line} 行第 {column} 列格式错误（{fault}）；请使用税务平台下发的原文件",
    "not_declared": "XML 声明的编码是 {name}，但内容不是（第 {byte} 字节）",
    "unknown_encoding": "XML 声明了无法识别的编码 {name}",
    "not_started": "XML 按开头应为 {name} 编码，但内容不是（第 {byte} 字节）",
    "declared_otherwise": "XML 按开头是 {name} 编码，却声明为 {declared}，不是税务平台的发票文件",
    "too_deep": "XML 嵌套超过 {most} 层，不是发票",
    "too_many": "XML 元素超过 {most} 个，不是发票",
    "root": "XML 的根元素是 {name}，不是税务平台的发票（应为 EInvoice 或 fp:eInvoice）",
    "no_data": "XML 中没有发票数据（{name} 下缺少 {wanted}），不是完整的发票文件；请使用税务平台下发的原文件",
    "no_number": "XML 中没有找到发票号码，不是税务平台的发票",
    "numbers_differ": "文件中两处发票号码不一致：{number} 与 {other}",
}


def local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def _descendants(node: Any, name: str) -> Iterator[Any]:
    for element in node.iter():
        if local(element.tag) == name:
            yield element


def text(node: Any, *names: str) -> str | None:
    """The text of the first descendant called one of `names` (tried in order) that has any."""
    for name in names:
        for element in _descendants(node, name):
            value = clean(element.text)
            if value is not None:
                return value
    return None


def parse_standalone(data: bytes) -> Any:
    """A standalone XML file, parsed by the standard library; a DTD is refused before parsing, since an
    invoice never has one and entity expansion is how XML files attack their readers."""
    if len(data) > MAX_XML:
        raise DocumentError(Phrase(XML_MESSAGES["too_large"]))
    try:
        text = _decoded(data)
        # looked for again once decoded: an encoding other than ASCII's spells the markup otherwise
        for markup in (data, text):
            head = markup[:4096].upper()
            if "<!DOCTYPE" in _str(head) or "<!ENTITY" in _str(markup.upper()):
                raise DocumentError(Phrase(XML_MESSAGES["dtd"]))
        return _parse_bounded(text)
    except ET.ParseError as err:
        raise DocumentError(xml_reason(err)) from None


# What the parser's errors (expat's, by code) mean to whoever holds the file: the ones a file cut short
# ends in, and the faults a file changed by hand shows; any other is said as 格式错误 at its place.
_CUT_SHORT = {
    expat_errors.codes[expat_errors.XML_ERROR_NO_ELEMENTS],
    expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_TOKEN],
    expat_errors.codes[expat_errors.XML_ERROR_PARTIAL_CHAR],
    expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
}
XML_FAULTS = {
    expat_errors.codes[expat_errors.XML_ERROR_SYNTAX]: "语法错误",
    expat_errors.codes[expat_errors.XML_ERROR_INVALID_TOKEN]: "含有不允许的字符",
    expat_errors.codes[expat_errors.XML_ERROR_TAG_MISMATCH]: "开始标签与结束标签不配对",
    expat_errors.codes[expat_errors.XML_ERROR_DUPLICATE_ATTRIBUTE]: "属性重复",
    expat_errors.codes[expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: "根元素之后还有内容",
    expat_errors.codes[expat_errors.XML_ERROR_UNDEFINED_ENTITY]: "引用了未定义的实体",
    expat_errors.codes[expat_errors.XML_ERROR_BAD_CHAR_REF]: "字符引用无效",
    expat_errors.codes[expat_errors.XML_ERROR_MISPLACED_XML_PI]: "XML 声明不在文件开头",
    expat_errors.codes[expat_errors.XML_ERROR_INCORRECT_ENCODING]: "内容与声明的编码不符",
    expat_errors.codes[expat_errors.XML_ERROR_UNBOUND_PREFIX]: "使用了未声明的命名空间前缀",
    expat_errors.codes[expat_errors.XML_ERROR_XML_DECL]: "XML 声明格式不正确",
}


def xml_reason(err: ET.ParseError) -> str:
    """Why the file is not well-formed XML, where it stopped being so: line and column as an editor
    counts them (the parser counts columns from 0)."""
    line, column = err.position[0], err.position[1] + 1
    if err.code in _CUT_SHORT:
        return Phrase(XML_MESSAGES["cut_short"], line=line, column=column, cut=Phrase(TRUNCATED))
    fault = XML_FAULTS.get(err.code)
    if fault is None:
        return Phrase(XML_MESSAGES["malformed"], line=line, column=column)
    return Phrase(XML_MESSAGES["malformed_fault"], line=line, column=column, fault=Phrase(fault))


_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DECLARED_TEXT = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_EXPAT_ENCODINGS = {"utf8", "utf16", "usascii", "ascii", "iso88591", "latin1"}
# How a Unicode file tells its encoding before any declaration (XML 1.0, appendix F): a byte order mark
# (what a text editor's 「Unicode」 saves), or `<?` spelled in two bytes a character. Longest first.
UNICODE_STARTS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    (b"<\x00?\x00", "utf-16-le", "UTF-16"),
    (b"\x00<\x00?", "utf-16-be", "UTF-16"),
)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def unicode_start(data: bytes) -> tuple[str, str, int] | None:
    """The codec, the encoding's name and the mark's length of a file that starts as a Unicode XML
    file, else None (a file in an 8-bit encoding, told by its declaration)."""
    for start, codec, name in UNICODE_STARTS:
        if data.startswith(start):
            return codec, name, len(start) if start in _BOMS else 0
    return None


def _str(markup: bytes | str) -> str:
    return markup if isinstance(markup, str) else markup.decode("latin-1")


def _decoded(data: bytes) -> bytes | str:
    """The file as the parser takes it: decoded here when it starts as UTF-16 or with a byte order mark
    (so that what it spells is seen as characters, a DTD included), as is in an encoding the parser
    knows, else decoded by the encoding it declares (an older invoice's GBK, which the parser cannot
    read: multi-byte)."""
    found = unicode_start(data)
    if found is not None:
        return _decoded_unicode(data, *found)
    declared = _DECLARED.match(data[:256])
    if declared is None:
        return data
    name = declared[1].decode("ascii")
    if re.sub(r"[^a-z0-9]", "", name.lower()) in _EXPAT_ENCODINGS:
        return data
    codec = _codec(name).name
    if codec in ("gbk", "gb2312"):
        codec = "gb18030"  # the superset: a file declared GB2312 often holds GBK characters
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise DocumentError(Phrase(XML_MESSAGES["not_declared"], name=name, byte=err.start)) from None


def _codec(name: str) -> codecs.CodecInfo:
    try:
        return codecs.lookup(name)
    except LookupError:  # an encoding the declaration names and Python does not know
        raise DocumentError(Phrase(XML_MESSAGES["unknown_encoding"], name=name)) from None


def _decoded_unicode(data: bytes, codec: str, name: str, mark: int) -> str:
    try:
        text = data[mark:].decode(codec)
    except UnicodeDecodeError as err:
        raise DocumentError(Phrase(XML_MESSAGES["not_started"], name=name, byte=mark + err.start)) from None
    declared = _DECLARED_TEXT.match(text[:256])
    if declared is not None:
        family = _codec(declared[1]).name.replace("-le", "").replace("-be", "")
        if family != codecs.lookup(codec).name.replace("-le", "").replace("-be", ""):
            raise DocumentError(Phrase(XML_MESSAGES["declared_otherwise"], name=name, declared=declared[1]))
    return text


def _parse_bounded(data: bytes | str) -> Any:
    """The tree, parsed a piece at a time and given up as soon as it is deeper or larger than an
    invoice: millions of elements in 16 MB cost seconds and hundreds of megabytes to build and search."""
    parser: Any = ET.XMLPullParser(events=("start", "end"))
    depth = elements = 0
    root = None
    for start in range(0, len(data), 1 << 16):
        parser.feed(data[start : start + (1 << 16)])
        for event, element in parser.read_events():
            if event == "end":
                depth -= 1
                continue
            root = element if root is None else root
            depth, elements = depth + 1, elements + 1
            if depth > MAX_DEPTH:
                raise DocumentError(Phrase(XML_MESSAGES["too_deep"], most=MAX_DEPTH))
            if elements > MAX_ELEMENTS:
                raise DocumentError(Phrase(XML_MESSAGES["too_many"], most=MAX_ELEMENTS))
    parser.close()
    return root


# Where each field sits in each shape: element names tried in order.
SHAPES: dict[str, dict[str, tuple[str, ...]]] = {
    "digital": {
        "invoice_no": ("EIid", "InvoiceNumber"),
        "invoice_code": (),
        "date": ("IssueTime", "RequestTime"),
        "seller_name": ("SellerName",),
        "seller_tax_id": ("SellerIdNum",),
        "buyer_name": ("BuyerName",),
        "buyer_tax_id": ("BuyerIdNum",),
        "amount": ("TotalAmWithoutTax",),
        "tax": ("TotalTaxAm",),
        "total": ("TotalTax-includedAmount",),
        "item": ("IssuItemInformation",),
        "item_name": ("ItemName",),
        "item_amount": ("Amount",),
        "item_rate": ("TaxRate",),
        "item_tax": ("ComTaxAm",),
    },
    "older": {
        "invoice_no": ("InvoiceNo",),
        "invoice_code": ("InvoiceCode",),
        "date": ("IssueDate",),
        "seller_name": ("SellerName",),
        "seller_tax_id": ("SellerTaxID",),
        "buyer_name": ("BuyerName",),
        "buyer_tax_id": ("BuyerTaxID",),
        "amount": ("TaxExclusiveTotalAmount",),
        "tax": ("TaxTotalAmount",),
        "total": ("TaxInclusiveTotalAmount",),
        "item": ("GoodsInfo",),
        "item_name": ("Item",),
        "item_amount": ("Amount",),
        "item_rate": ("TaxScheme",),
        "item_tax": ("TaxAmount",),
    },
}


def read_invoice_xml(root: Any) -> Invoice:
    """The invoice in an XML tree of either shape; DocumentError when it is neither."""
    name = local(root.tag)
    if name == "EInvoice" and next(_descendants(root, "EInvoiceData"), None) is not None:
        shape = "digital"
    elif name.lower() == "einvoice" and text(root, "InvoiceNo") is not None:
        shape = "older"
    elif name.lower() == "einvoice":  # an invoice's root with nothing of one under it
        wanted = "EInvoiceData" if name == "EInvoice" else "InvoiceNo"
        raise DocumentError(Phrase(XML_MESSAGES["no_data"], name=name, wanted=wanted))
    else:
        raise DocumentError(Phrase(XML_MESSAGES["root"], name=name or "?"))
    names = SHAPES[shape]

    def field(key: str) -> str | None:
        return text(root, *names[key]) if names[key] else None

    invoice = invoice_from_text(field)
    if not invoice.invoice_no:
        raise DocumentError(Phrase(XML_MESSAGES["no_number"]))
    for row in _descendants(root, names["item"][0]):
        invoice.items.append(
            Item(
                name=text(row, *names["item_name"]) or "",
                amount=money(text(row, *names["item_amount"])),
                rate=rate_of(text(row, *names["item_rate"])),
                tax=item_tax(text(row, *names["item_tax"])),
            )
        )
    if shape == "digital":
        other = code_of(text(root, "InvoiceNumber"))
        if other and invoice.invoice_no and other != invoice.invoice_no:
            invoice.warnings.append(
                Phrase(XML_MESSAGES["numbers_differ"], number=invoice.invoice_no, other=other)
            )
        invoice.red = any(text(label, "LabelCode") == "N" for label in _descendants(root, "InIssuType"))
    else:
        invoice.red = text(root, "TypeCode") == "1"
    return invoice.finish()
