"""An invoice XML is a hundred or so elements a few levels deep; one of millions of elements, or nested
millions deep, within the 16 MB an XML may have, is refused by the real `shenbao read` in one line within
the CPU time and memory every hostile input is held to, and a long real invoice still reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.core.documents import read_document
from tests.documents.helpers import XML_SAMPLE
from tests.reliability.helpers import assert_refused_cheaply, run_measured

ITEM = (
    "<IssuItemInformation><ItemName>*信息技术服务*算力服务</ItemName><Amount>0.00</Amount>"
    "<TaxRate>0.06</TaxRate><ComTaxAm>0.00</ComTaxAm></IssuItemInformation>"
)


def _with_items(count: int) -> bytes:
    text = XML_SAMPLE.read_text(encoding="utf-8")
    return text.replace("<IssuItemInformation>", ITEM * count + "<IssuItemInformation>", 1).encode("utf-8")


HOSTILE = {
    "nested-two-million-deep": lambda: (
        b"<EInvoice><EInvoiceData>" + b"<a>" * 2_000_000 + b"</a>" * 2_000_000 + b"</EInvoiceData></EInvoice>"
    ),
    "two-million-empty-elements": lambda: (
        b"<EInvoice><EInvoiceData>" + b"<a/>" * 2_000_000 + b"</EInvoiceData></EInvoice>"
    ),
    "a-hundred-thousand-items": lambda: _with_items(100_000),
    "two-million-empty-elements-in-utf16": lambda: (
        b"\xff\xfe"
        + ("<EInvoice><EInvoiceData>" + "<a/>" * 1_900_000 + "</EInvoiceData></EInvoice>").encode("utf-16-le")
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_an_xml_costing_its_reader_without_bound_is_refused_in_one_line(case: str, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.xml"
    path.write_bytes(HOSTILE[case]())
    assert path.stat().st_size < 16 * 1024 * 1024
    run = run_measured(tmp_path / "data", "read", "--format", "json", str(path))
    assert_refused_cheaply(run, str(path), "XML")
    assert run.stdout == ""


def test_an_invoice_of_a_thousand_items_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "long.xml"
    path.write_bytes(_with_items(1_000))
    reading = read_document(path)
    assert len(reading.invoice.items) == 1_001
    assert reading.invoice.invoice_no == "25322000000365404822"
