"""OFD invoices (GB/T 33190): a zip of XML, read with the standard zipfile and lxml, no OFD library.

An invoice OFD carries its facts in up to three places, and this reads all that are present:
- `OFD.xml` → `DocInfo/CustomDatas`: number, code, date, totals and both tax ids as name/value pairs;
- the document's custom tags (`Tags/CustomTag.xml`): each field names the page text objects that print
  it (`ObjectRef`), resolved here to the page's text; older tag files are not well-formed XML, hence
  lxml's recovering parser;
- an older invoice's `Attachs/original_invoice.xml`, the `fp:` XML itself.
The most complete source leads (the attached XML, else the tags), the others fill gaps, and every field
found in more than one place is compared: a disagreement is a failed check, never silently resolved.

The archive is untrusted and goes through the same limits as a bundle (`shenbao.core.safezip`).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from typing import Any

from shenbao.core.documents.invoice import (
    Check,
    DocumentError,
    Invoice,
    Item,
    brief,
    clean,
    invoice_from_text,
    item_tax,
    money,
    money_text,
    rate_of,
)
from shenbao.core.documents.xml_invoice import local, read_invoice_xml
from shenbao.core.phrases import Phrase
from shenbao.core.safezip import UnsafeZip, ZipLimits, read_zip

MAX_MARKUP = 200_000  # tags in all the parts read: an invoice has under 1,000, and about 60 more an item
LIMITS = ZipLimits(max_members=5_000, max_member=16 * 1024 * 1024, max_total=64 * 1024 * 1024)
SOURCE_LABELS = {"attachment": "附件 XML", "tags": "页面标签", "custom": "OFD.xml 自定义数据"}
# What reading an OFD says, by name: core strings written as Phrases (an English interface writes each
# again from its translated template). A source is a Phrase of SOURCE_LABELS; `seen` lists them, or what
# each says of a field, with the Phrases in `sources`.
OFD_MESSAGES = {
    "too_much_markup": "OFD 的 XML 部件过于庞大（超过 {most} 个标签），不是发票",
    "zip": "OFD {zip}",
    "no_ofd_xml": "不是 OFD 文件（缺少 OFD.xml）",
    "no_data": "OFD 中没有发票数据（无自定义数据、标签或原始发票 XML），可能不是发票",
    "rows_differ": "页面标签中的明细名称（{names} 行）与金额（{amounts} 行）行数不一致",
    "in_source": "{source}中{check}",
    "one_source": "只有一处数据来源（{source}）",
    "agree": "{seen}一致",
    "disagree": "OFD 中各处数据不一致：{parts}",
    "disagreement": "{name}（{seen}）",
    "seen": "{source} {shown}",
}
COMPARED = (
    "invoice_no",
    "invoice_code",
    "date",
    "seller_name",
    "seller_tax_id",
    "buyer_name",
    "buyer_tax_id",
    "amount",
    "tax",
    "total",
)
CUSTOM_NAMES = {
    "发票号码": "invoice_no",
    "发票代码": "invoice_code",
    "开票日期": "date",
    "合计金额": "amount",
    "合计税额": "tax",
    "价税合计": "total",
    "购买方纳税人识别号": "buyer_tax_id",
    "销售方纳税人识别号": "seller_tax_id",
}


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _xml(data: bytes | None) -> Any:
    if not data:
        return None
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except (etree.LxmlError, LookupError):
        return None


class Parts:
    """The package's members, each parsed at most once, and all of them together within MAX_MARKUP
    tags: a part is counted before it is parsed, since a parsed element costs a hundred times its
    bytes."""

    def __init__(self, members: dict[str, bytes]) -> None:
        self.members = members
        self.parsed: dict[str, Any] = {}
        self.markup = 0

    def xml(self, name: str) -> Any:
        """The part `name` parsed (None when absent or not XML); DocumentError past the budget."""
        if name in self.parsed:
            return self.parsed[name]
        data = self.members.get(name)
        if data:
            self.markup += data.count(b"<")
            if self.markup > MAX_MARKUP:
                raise DocumentError(Phrase(OFD_MESSAGES["too_much_markup"], most=MAX_MARKUP))
        self.parsed[name] = tree = _xml(data)
        return tree


def read_ofd(data: bytes) -> Invoice:
    try:
        members = read_zip(data, LIMITS)
    except UnsafeZip as err:
        raise DocumentError(Phrase(OFD_MESSAGES["zip"], zip=err.message)) from None
    parts = Parts(members)
    root = parts.xml("OFD.xml")
    if root is None or local(root.tag) != "OFD":
        raise DocumentError(Phrase(OFD_MESSAGES["no_ofd_xml"]))
    sources: dict[str, Invoice] = {}
    custom = _custom_datas(root)
    doc_path = _path("", _first_text(root, "DocRoot"))
    document = parts.xml(doc_path)
    if document is not None:
        folder = posixpath.dirname(doc_path)
        attached = _attachment(document, folder, parts)
        if attached is not None:
            sources["attachment"] = attached
        tagged = _tags(document, folder, parts)
        if tagged is not None:
            sources["tags"] = tagged
    if custom is not None:
        sources["custom"] = custom
    if not sources:
        raise DocumentError(Phrase(OFD_MESSAGES["no_data"]))
    return _merge(sources)


# --- the three sources ----------------------------------------------------------------------------


def _first_text(node: Any, name: str) -> str | None:
    for element in node.iter():
        if local(element.tag) == name and clean(element.text):
            return clean(element.text)
    return None


def _path(folder: str, loc: str | None) -> str:
    """A location inside the package: absolute ones from the root, relative ones from `folder`."""
    if not loc:
        return ""
    loc = loc.strip().replace("\\", "/")
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(folder, loc)
    return posixpath.normpath(joined)


def _custom_datas(root: Any) -> Invoice | None:
    values: dict[str, str] = {}
    for element in root.iter():
        if local(element.tag) == "CustomData":
            key = CUSTOM_NAMES.get((element.get("Name") or "").strip())
            if key and clean(element.text):
                values[key] = clean(element.text)  # type: ignore[assignment]
    if "invoice_no" not in values:
        return None
    return invoice_from_text(values.get)


def _attachment(document: Any, folder: str, parts: Parts) -> Invoice | None:
    candidates = []
    attachments_loc = _first_text(document, "Attachments")
    if attachments_loc:
        listing_path = _path(folder, attachments_loc)
        listing = parts.xml(listing_path)
        if listing is not None:
            for element in listing.iter():
                if local(element.tag) == "FileLoc" and clean(element.text):
                    candidates.append(_path(posixpath.dirname(listing_path), element.text))
    candidates += [name for name in parts.members if name.lower().endswith("original_invoice.xml")]
    for name in dict.fromkeys(candidates):  # each part parsed once, however often it is named
        tree = parts.xml(name)
        if tree is None:
            continue
        try:
            return read_invoice_xml(tree)
        except DocumentError:
            continue
    return None


def _page_texts(document: Any, folder: str, parts: Parts) -> dict[str, str]:
    """Every text object of the pages and templates, by ID (unique within an OFD document)."""
    texts: dict[str, str] = {}
    read: set[str] = set()  # each part parsed once, however often it is named
    for element in document.iter():
        if local(element.tag) in ("Page", "TemplatePage") and element.get("BaseLoc"):
            path = _path(folder, element.get("BaseLoc"))
            if path in read:
                continue
            read.add(path)
            content = parts.xml(path)
            if content is None:
                continue
            for obj in content.iter():
                if local(obj.tag) == "TextObject" and obj.get("ID"):
                    codes = [c.text or "" for c in obj.iter() if local(c.tag) == "TextCode"]
                    texts[obj.get("ID").strip()] = "".join(codes)
    return texts


def _tags(document: Any, folder: str, parts: Parts) -> Invoice | None:
    index_path = _path(folder, _first_text(document, "CustomTags"))
    index = parts.xml(index_path)
    if index is None:
        return None
    texts = _page_texts(document, folder, parts)
    found: dict[str, list[list[str]]] = defaultdict(list)
    read: set[str] = set()  # each tag file parsed, and its fields counted, once however often it is named
    for entry in index.iter():
        if local(entry.tag) != "FileLoc" or not clean(entry.text):
            continue
        path = _path(posixpath.dirname(index_path), entry.text)
        if path in read:
            continue
        read.add(path)
        tags = parts.xml(path)
        if tags is None:
            continue
        for element in tags.iter():
            refs = [r for r in element if local(r.tag) == "ObjectRef"]
            if refs:
                found[local(element.tag)].append([texts.get((r.text or "").strip(), "") for r in refs])
    if not found.get("InvoiceNo"):
        return None

    def one(name: str) -> str | None:
        groups = found.get(name)
        return clean("".join(piece.strip() for piece in groups[0])) if groups else None

    def each(name: str) -> list[str]:
        return [piece.strip() for group in found.get(name, []) for piece in group if piece.strip()]

    tag_names = {
        "invoice_no": "InvoiceNo",
        "invoice_code": "InvoiceCode",
        "date": "IssueDate",
        "seller_name": "SellerName",
        "seller_tax_id": "SellerTaxID",
        "buyer_name": "BuyerName",
        "buyer_tax_id": "BuyerTaxID",
        "amount": "TaxExclusiveTotalAmount",
        "tax": "TaxTotalAmount",
        "total": "TaxInclusiveTotalAmount",
    }
    invoice = invoice_from_text(lambda key: one(tag_names[key]))
    names = _item_names(each("Item"))
    amounts = [money(a) for a in each("Amount")]
    rates = [rate_of(r) for r in each("TaxScheme")]
    taxes = [item_tax(t) for t in each("TaxAmount")]
    if len(names) != len(amounts) and len(amounts) == 1:
        names = ["".join(names)]
    if len(names) != len(amounts):
        invoice.warnings.append(Phrase(OFD_MESSAGES["rows_differ"], names=len(names), amounts=len(amounts)))
    for i, name in enumerate(names):
        invoice.items.append(
            Item(
                name,
                amounts[i] if i < len(amounts) else None,
                rates[i] if i < len(rates) else None,
                taxes[i] if i < len(taxes) else None,
            )
        )
    return invoice


def _item_names(pieces: list[str]) -> list[str]:
    """Item names as printed, rejoined: a name wraps over several text objects, and a new item starts
    with its `*category*` once the previous name has text after its own category."""
    names: list[str] = []
    for piece in pieces:
        current = names[-1] if names else ""
        complete = current.count("*") >= 2 and not current.endswith("*")
        if not names or (piece.startswith("*") and complete):
            names.append(piece)
        else:
            names[-1] = current + piece
    return names


# --- one invoice from several sources -------------------------------------------------------------


def _merge(sources: dict[str, Invoice]) -> Invoice:
    order = [name for name in ("attachment", "tags", "custom") if name in sources]
    lead = sources[order[0]]
    result = Invoice(items=list(lead.items), red=any(s.red for s in sources.values()))
    disagreements = []
    for name in COMPARED:
        seen = {src: getattr(sources[src], name) for src in order if getattr(sources[src], name) is not None}
        if seen:
            setattr(result, name, next(iter(seen.values())))
        shown = {src: _show(value) for src, value in seen.items()}
        if len(set(shown.values())) > 1:
            each = [Phrase(OFD_MESSAGES["seen"], source=_source(s), shown=brief(v)) for s, v in shown.items()]
            disagreements.append(
                Phrase(OFD_MESSAGES["disagreement"], name=name, seen="，".join(each), sources=each)
            )
    if not result.items:
        result.items = next((list(sources[s].items) for s in order if sources[s].items), [])
    for src in order:
        result.warnings += [w for w in sources[src].warnings if w not in result.warnings and "红字" not in w]
        result.extra_checks += [  # a figure one source prints unreadably is no agreement
            Check(c.name, False, Phrase(OFD_MESSAGES["in_source"], source=_source(src), check=c.message))
            for c in sources[src].extra_checks
            if c.name.endswith("_readable")
        ]
    if len(order) == 1:
        said = Phrase(OFD_MESSAGES["one_source"], source=_source(order[0]))
        result.extra_checks.append(Check("sources_agree", True, said))
    elif disagreements:
        said = Phrase(OFD_MESSAGES["disagree"], parts="；".join(disagreements), items=disagreements)
        result.extra_checks.append(Check("sources_agree", False, said))
    else:
        labels = [_source(s) for s in order]
        said = Phrase(OFD_MESSAGES["agree"], seen="、".join(labels), sources=labels)
        result.extra_checks.append(Check("sources_agree", True, said))
    result.warnings = [w for w in result.warnings if "价税合计" not in w]
    return result.finish()


def _source(name: str) -> Phrase:
    return Phrase(SOURCE_LABELS[name])


def _show(value: Any) -> str:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return money_text(value) or ""
    return str(value)
