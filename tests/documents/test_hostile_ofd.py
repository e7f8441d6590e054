"""An OFD names its parts from other parts: pages from Document.xml, attachments and tag files from their
listings. Naming one large part thousands of times must not have it parsed thousands of times: the real
`shenbao read` stays within the CPU time and memory every hostile input is held to."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.documents.helpers import FIXTURES, members, rezip
from tests.reliability.helpers import CPU_SECONDS, MEMORY_MB, assert_refused_cheaply, run_measured

SAMPLE = FIXTURES / "ofdrw_1.ofd"  # pages, a template, tags and the attached XML
PAGE = '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
TAGS = "<ofd:FileLoc>CustomTag.xml</ofd:FileLoc>"
ATTACHED = "<ofd:FileLoc>original_invoice.xml</ofd:FileLoc>"


def _padded(xml: bytes, after: bytes) -> bytes:
    """`xml` with 3 MB of text that does not compress (a zip's ratio limit lets it through) after `after`."""
    pad = b"<ofd:Pad>" + os.urandom(3 * 1024 * 1024).hex().encode() + b"</ofd:Pad>"
    assert after in xml
    return xml.replace(after, after + pad, 1)


def _named_often(part: str) -> bytes:
    files = members(SAMPLE)
    if part == "page":
        document = files["Doc_0/Document.xml"].decode()
        files["Doc_0/Document.xml"] = document.replace(PAGE, PAGE * 6_000).encode()
        content = files["Doc_0/Pages/Page_0/Content.xml"]
        files["Doc_0/Pages/Page_0/Content.xml"] = _padded(content, b"<ofd:Content>")
    elif part == "tags":
        index = files["Doc_0/Tags/CustomTags.xml"].decode()
        assert TAGS in index
        files["Doc_0/Tags/CustomTags.xml"] = index.replace(TAGS, TAGS * 6_000).encode()
        files["Doc_0/Tags/CustomTag.xml"] = _padded(files["Doc_0/Tags/CustomTag.xml"], b"<Buyer>")
    else:
        listing = files["Doc_0/Attachs/Attachments.xml"].decode()
        assert ATTACHED in listing
        files["Doc_0/Attachs/Attachments.xml"] = listing.replace(ATTACHED, ATTACHED * 6_000).encode()
        files["Doc_0/Attachs/original_invoice.xml"] = (
            b"<Other>" + os.urandom(3 * 1024 * 1024).hex().encode() + b"</Other>"
        )
    return rezip(files)


@pytest.mark.slow
@pytest.mark.parametrize("part", ["page", "tags", "attachment"])
def test_a_large_part_named_thousands_of_times_is_read_once(part: str, tmp_path: Path) -> None:
    path = tmp_path / f"{part}.ofd"
    path.write_bytes(_named_often(part))
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert run.cpu < CPU_SECONDS, run.cpu
    assert run.memory_mb < MEMORY_MB, run.memory_mb
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["fields"]["invoice_no"] == "83089647"


def _elements(count: int) -> str:
    """`count` empty elements of different names (a zip cannot squeeze them past its ratio limit)."""
    names = os.urandom(3 * count).hex()
    return "".join(f"<a{names[i : i + 6]}/>" for i in range(0, 6 * count, 6))


@pytest.mark.slow
def test_parts_of_millions_of_elements_are_refused_before_they_are_parsed(tmp_path: Path) -> None:
    """Each part within the 16 MB a part may have, together within the 64 MB of the package, yet
    millions of elements: hundreds of megabytes once parsed, where an invoice's parts hold under 1,000."""
    files = members(FIXTURES / "fapiao-print_sample.ofd")
    flat = _elements(1_500_000)
    files["OFD.xml"] = files["OFD.xml"].replace(b"<ofd:DocBody>", b"<ofd:DocBody>" + flat.encode(), 1)
    document = files["Doc_0/Document.xml"]
    files["Doc_0/Document.xml"] = document.replace(
        b"<ofd:CommonData>", b"<ofd:CommonData>" + flat.encode(), 1
    )
    path = tmp_path / "flat.ofd"
    path.write_bytes(rezip(files))
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert_refused_cheaply(run, str(path), "OFD")
    assert run.stdout == ""


def test_a_page_printing_two_thousand_items_still_reads() -> None:
    """Six text objects an item (name, quantity, price, amount, rate, tax), as the page prints them."""
    from shenbao.core.documents import read_bytes

    files = members(FIXTURES / "ofdrw_1.ofd")
    drawn = "".join(
        f'<ofd:TextObject ID="{9000 + n}" Boundary="0 0 1 1" Font="61" Size="3"><ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="1">{n}</ofd:TextCode></ofd:TextObject>'
        for n in range(2_000 * 6)
    )
    page = files["Doc_0/Pages/Page_0/Content.xml"]
    files["Doc_0/Pages/Page_0/Content.xml"] = page.replace(
        b"<ofd:Content>", b"<ofd:Content>" + drawn.encode(), 1
    )
    reading = read_bytes(rezip(files), "long.ofd")
    assert reading.invoice.invoice_no == "83089647" and not reading.failed
