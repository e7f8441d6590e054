"""What a PDF may cost its reader before its text is read, checked without trusting the file.

A PDF's streams are compressed and its pages are programs: a megabyte on disk can inflate to a gigabyte,
a form drawn again and again multiplies what one page draws, and pdfminer (under pdfplumber) inflates
whole streams and lays out every character it is given. So, before pdfplumber lays out anything:

- `check_streams` inflates every deflated stream in the raw bytes, wherever it sits (in an object stream
  too, and deflated again inside another), a chunk at a time and kept nowhere, and refuses the file
  once all of them together pass `MAX_INFLATED`. The raw bytes are read rather than the objects the
  parser finds, so no layout of the file can hide a stream from the count. A stream whose deflated data
  is damaged is read by pdfminer one byte at a time, copying what it has so far at each byte: such
  streams are bounded by that cost too. An encrypted file (a platform may restrict printing or copying
  with an owner password: it opens without one) is counted again by `check_encrypted_streams`, each
  stream decrypted as its reader decrypts it and inflated the same way, before any of it is parsed
  beyond its dictionary; one that needs a password to open is refused.
- `check_drawing` runs each page once through pdfminer's interpreter with a device that only counts:
  the content interpreted (each time a form is drawn) and the characters, path segments and images
  drawn, stopping at the first limit passed.

A real invoice inflates to under 1 MB, interprets about 10 KB of content and draws about 500
characters a page; the limits are far above that and far below what costs seconds.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import Any

from shenbao.core.documents.invoice import DocumentError
from shenbao.core.phrases import Phrase

MAX_INFLATED = 32 * 1024 * 1024  # every deflated stream of the file, inflated
MAX_DAMAGED_COST = 200_000_000  # bytes read × bytes inflated, over the streams with damaged data
MAX_CONTENT = 768 * 1024  # content interpreted, a form counted each time it is drawn
MAX_MARKS = 60_000  # characters, path segments and images drawn
MAX_LAYERS = 4  # deflate inside deflate
CHUNK = 1 << 16

_STREAM = re.compile(rb"stream[^\r\n]{0,64}(\r\n|\r|\n)")
_ENCRYPT = re.compile(rb"/(E|#45)(n|#6[eE])(c|#63)(r|#72)(y|#79)(p|#70)(t|#74)(?![A-Za-z0-9#])")
# Why a PDF is refused before it is read: core strings written as Phrases (core.phrases).
BOUNDS_MESSAGES = {
    "too_large": "PDF 的内容解压后过大，不像一张发票（疑似压缩炸弹）",
    "damaged": "PDF 的压缩数据已损坏，不是税务平台的发票",
    "too_much": "PDF {drawn}过多，不像一张发票",
    "content": "绘制的内容",
    "marks": "绘制的文字和图形",
}


def _is_zlib(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


class _Inflation:
    """The bytes inflated so far across the file, and the cost of the damaged streams."""

    def __init__(self) -> None:
        self.total = 0
        self.damaged_cost = 0

    def count(self, produced: int) -> None:
        self.total += produced
        if self.total > MAX_INFLATED:
            raise DocumentError(Phrase(BOUNDS_MESSAGES["too_large"]))

    def stream(self, source: memoryview, layer: int = 1) -> None:
        """Inflate the zlib stream at the start of `source`, counting what it gives, and the stream
        that output holds in turn when it is deflated again."""
        inflate = zlib.decompressobj()
        inner: _Layer | None = None
        produced = 0
        read = 0
        try:
            while read < len(source) and not inflate.eof:
                chunk = source[read : read + CHUNK]
                read += len(chunk)
                data = inflate.decompress(chunk, CHUNK)
                while True:
                    produced += len(data)
                    self.count(len(data))
                    if inner is None and layer < MAX_LAYERS and produced == len(data) and _is_zlib(data):
                        inner = _Layer(self, layer + 1)
                    if inner is not None:
                        inner.feed(data)
                    if inflate.eof or not inflate.unconsumed_tail:  # at the end the tail stays behind
                        break
                    data = inflate.decompress(inflate.unconsumed_tail, CHUNK)
        except zlib.error:
            self.damaged_cost += read * produced
            if self.damaged_cost > MAX_DAMAGED_COST:
                raise DocumentError(Phrase(BOUNDS_MESSAGES["damaged"])) from None


class _Layer:
    """A deflated stream inside the output of another, inflated as that output arrives."""

    def __init__(self, inflation: _Inflation, layer: int) -> None:
        self.inflation = inflation
        self.layer = layer
        self.inflate = zlib.decompressobj()
        self.inner: _Layer | None = None
        self.produced = 0
        self.broken = False

    def feed(self, data: bytes) -> None:
        if self.broken or self.inflate.eof:
            return
        try:
            while data:
                out = self.inflate.decompress(data, CHUNK)
                if self.produced == 0 and self.layer < MAX_LAYERS and _is_zlib(out):
                    self.inner = _Layer(self.inflation, self.layer + 1)
                self.produced += len(out)
                self.inflation.count(len(out))
                if self.inner is not None:
                    self.inner.feed(out)
                data = b"" if self.inflate.eof else self.inflate.unconsumed_tail
        except zlib.error:
            self.broken = True


def check_streams(data: bytes) -> None:
    """Refuse the file when its deflated streams together inflate past the limits; an encrypted file's
    streams are counted once decrypted."""
    view = memoryview(data)
    inflation = _Inflation()
    for match in _STREAM.finditer(data):
        start = match.end()
        if _is_zlib(data[start : start + 2]):
            inflation.stream(view[start:])
    if _ENCRYPT.search(data):
        check_encrypted_streams(data, inflation)


def check_encrypted_streams(data: bytes, inflation: _Inflation | None = None) -> None:
    """Count the streams of an encrypted file as its reader sees them: each stream object read from its
    place in the file (its dictionary parsed, its data not decoded), decrypted with the empty user
    password, and inflated a chunk at a time as `check_streams` does. Objects inside an object stream
    are counted with it. A file that needs a password is refused."""
    import io

    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    from shenbao.core.documents.pdf_invoice import PDF_REASONS

    inflation = inflation or _Inflation()
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise DocumentError(Phrase(PDF_REASONS["password"])) from None
    except Exception:  # a damaged file: the reader says so when it parses it
        return
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                in_stream = xref.get_pos(objid)[0] is not None
                obj = None if in_stream else doc.getobj(objid)
            except Exception:  # noqa: S112 -- an object that cannot be found or read is not drawn either
                continue
            if isinstance(obj, PDFStream) and obj.rawdata is not None:
                raw = obj.rawdata
                if obj.decipher is not None and obj.objid is not None and obj.genno is not None:
                    raw = obj.decipher(obj.objid, obj.genno, raw, obj.attrs)
                if _is_zlib(raw[:2]):
                    inflation.stream(memoryview(raw))


class _Spent(Exception):
    pass


def check_drawing(doc: Any, rsrcmgr: Any, pages: Sequence[Any]) -> None:
    """Interpret every page, counting what it draws, before anything lays it out."""
    from pdfminer.pdfdevice import PDFDevice
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value

    spent = {"content": 0, "marks": 0}

    def spend(what: str, amount: int, limit: int) -> None:
        spent[what] += amount
        if spent[what] > limit:
            raise _Spent(what)

    class Counter(PDFDevice):
        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            spend("marks", sum(len(s) for s in seq if isinstance(s, bytes)), MAX_MARKS)

        def paint_path(self, graphicstate: Any, stroke: Any, fill: Any, evenodd: Any, path: Any) -> None:
            spend("marks", len(path), MAX_MARKS)

        def render_image(self, name: Any, stream: Any) -> None:
            spend("marks", 1, MAX_MARKS)

    class Interpreter(PDFPageInterpreter):
        def render_contents(self, resources: Any, streams: Any, ctm: Any = (1, 0, 0, 1, 0, 0)) -> None:
            spend("content", sum(len(stream_value(s).get_data()) for s in streams), MAX_CONTENT)
            super().render_contents(resources, streams, ctm)

    interpreter = Interpreter(rsrcmgr, Counter(rsrcmgr))
    try:
        for page in pages:
            interpreter.process_page(page)
    except _Spent as spent_on:
        drawn = Phrase(BOUNDS_MESSAGES["content" if str(spent_on) == "content" else "marks"])
        raise DocumentError(Phrase(BOUNDS_MESSAGES["too_much"], drawn=drawn)) from None
