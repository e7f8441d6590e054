"""Documents in, facts out: invoices read from the files the tax platform issues, offline.

`read_document(path)` recognises a file by its content, not its name — 数电 or older invoice XML, OFD,
PDF with a text layer — and returns a `Reading`: the invoice's fields, the checks it passed or failed,
and warnings. A file that cannot be read raises `DocumentError` with one line naming the file. A scan
(a PDF without text, a photo) is read by optical recognition when the `ocr` extra is installed — an
invoice as a `Reading` marked `recognised` (proposals to confirm), a 营业执照 as a `LicenceReading` —
and raises `ScannedDocument`, saying how to add the extra, when it is not.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

from shenbao.core.documents.invoice import Check, DocumentError, Invoice
from shenbao.core.documents.pdf_invoice import ScannedDocument
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import os_reason

MAX_FILE = 64 * 1024 * 1024
FORMAT_LABELS = {"xml": "XML", "ofd": "OFD", "pdf": "PDF"}
# Why a file is not read, by name: core strings written as Phrases (an English interface writes each
# again from its translated template). `in_file` names the file before what its reader said (`said`,
# itself a Phrase of these or of the reader's own messages).
READ_MESSAGES = {
    "in_file": "{path}: {said}",
    "folder": "这是一个文件夹，不是发票文件",
    "not_regular": "不是普通文件（设备或管道），不是发票",
    "too_large": "文件过大（{size} 字节），不是发票",
    "too_large_read": "文件过大（超过 {most} 字节），不是发票",
    "missing": "文件不存在",
    "unreadable": "无法读取（{why}）",
    "empty": "文件为空",
    "unknown": "不是发票文件（支持税务平台下发的 XML、OFD 和 PDF）",
}

__all__ = [
    "Check",
    "DocumentError",
    "Invoice",
    "LicenceReading",
    "Reading",
    "ScannedDocument",
    "read_bytes",
    "read_document",
]


@dataclass
class Reading:
    """One file read: where it came from (name and SHA-256), what it is, and what it says."""

    file: str
    sha256: str
    format: str  # xml, ofd, pdf, image
    invoice: Invoice
    recognised: bool = False  # read from a scan by optical recognition: to be confirmed by the user

    kind = "invoice"

    @property
    def checks(self) -> list[Check]:
        return self.invoice.checks()

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "format": self.format,
            "sha256": self.sha256,
            "recognised": self.recognised,
            "fields": self.invoice.fields(),
            "checks": [c.to_dict() for c in self.checks],
            "warnings": list(self.invoice.warnings),
        }


@dataclass
class LicenceReading:
    """A 营业执照 photo read by optical recognition: every field a proposal to confirm."""

    file: str
    sha256: str
    format: str
    licence: Any

    kind = "licence"

    @property
    def checks(self) -> list[Check]:
        return self.licence.checks()

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "format": self.format,
            "sha256": self.sha256,
            "fields": dict(self.licence.fields),
            "checks": [c.to_dict() for c in self.checks],
            "warnings": ["识别结果须逐项核对原件", *self.licence.warnings],
        }


def read_document(path: str | Path) -> Reading | LicenceReading:
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(Phrase(READ_MESSAGES["folder"]))
        if not stat.S_ISREG(info.st_mode):  # a pipe waits for a writer, a device may never end
            raise DocumentError(Phrase(READ_MESSAGES["not_regular"]))
        if info.st_size > MAX_FILE:
            raise DocumentError(Phrase(READ_MESSAGES["too_large"], size=info.st_size))
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)  # the size read, not the size stated: a file may grow
        if len(data) > MAX_FILE:
            raise DocumentError(Phrase(READ_MESSAGES["too_large_read"], most=MAX_FILE))
    except FileNotFoundError:
        raise DocumentError(in_file(path, Phrase(READ_MESSAGES["missing"]))) from None
    except OSError as err:
        raise DocumentError(in_file(path, Phrase(READ_MESSAGES["unreadable"], why=os_reason(err)))) from None
    except DocumentError as err:
        raise DocumentError(in_file(path, err.message)) from None
    try:
        return read_bytes(data, path.name)
    except ScannedDocument as err:
        raise ScannedDocument(in_file(path, err.message)) from None
    except DocumentError as err:
        raise DocumentError(in_file(path, err.message)) from None


def in_file(path: Path, said: str) -> Phrase:
    """What a reader said of a file, after the file's name: 「/…/a.xml: 文件为空」."""
    return Phrase(READ_MESSAGES["in_file"], path=path, said=said)


def said_of(message: str) -> str:
    """What a reader said, without the file `in_file` put before it."""
    if getattr(message, "template", None) == READ_MESSAGES["in_file"]:
        return message.values["said"]  # type: ignore[attr-defined, no-any-return]
    return message


def sniff(data: bytes) -> str:
    """The format by content: 'ofd', 'pdf', 'xml', 'image' or '' (unknown)."""
    head = data[:1024]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "ofd"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"BM")) or head[8:12] == b"WEBP":
        return "image"
    from shenbao.core.documents.xml_invoice import unicode_start

    found = unicode_start(head)
    if found is not None:  # UTF-16, or a byte order mark: the start read as the characters it spells
        codec, _name, mark = found
        text = head[mark:].decode(codec, errors="ignore").encode("utf-8")
    else:
        text = head
    if text.lstrip(b" \t\r\n").startswith(b"<"):
        return "xml"
    return ""


def read_bytes(data: bytes, name: str = "") -> Reading | LicenceReading:
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise DocumentError(Phrase(READ_MESSAGES["empty"]))
    kind = sniff(data)
    if kind == "xml":
        from shenbao.core.documents.xml_invoice import parse_standalone, read_invoice_xml

        invoice = read_invoice_xml(parse_standalone(data))
    elif kind == "ofd":
        from shenbao.core.documents.ofd import read_ofd

        invoice = read_ofd(data)
    elif kind == "pdf":
        from shenbao.core.documents.pdf_invoice import read_pdf
        from shenbao.core.documents.scan import read_scanned_pdf

        try:
            invoice = read_pdf(data)
        except ScannedDocument:
            return Reading(name, digest, kind, read_scanned_pdf(data), recognised=True)
    elif kind == "image":
        from shenbao.core.documents.scan import read_image

        found = read_image(data)
        if isinstance(found, Invoice):
            return Reading(name, digest, kind, found, recognised=True)
        return LicenceReading(name, digest, kind, found)
    else:
        raise DocumentError(Phrase(READ_MESSAGES["unknown"]))
    return Reading(name, digest, kind, invoice)
