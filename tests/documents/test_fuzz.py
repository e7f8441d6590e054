"""Any bytes, and every sample with bytes changed, read as an invoice or refused as a DocumentError:
never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shenbao.core.documents import DocumentError, Reading, read_bytes
from tests.documents.helpers import FIXTURES, SAMPLES

ORIGINALS = {name: (FIXTURES / name).read_bytes() for name in SAMPLES}


def _read(data: bytes) -> None:
    try:
        reading = read_bytes(data, "fuzz")
    except DocumentError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(reading, Reading)
    reading.to_dict()


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from([b"", b"<", b"PK\x03\x04", b"%PDF-1.7\n", b"<?xml version='1.0'?><EInvoice>"]),
    body=st.binary(max_size=400),
)
def test_any_bytes_read_or_are_refused(prefix: bytes, body: bytes) -> None:
    _read(prefix + body)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(SAMPLES), data=st.data())
def test_damaged_samples_read_or_are_refused(name: str, data: st.DataObject) -> None:
    original = bytearray(ORIGINALS[name])
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    _read(bytes(original[:cut]))


def test_an_xml_declaring_an_unknown_encoding_is_refused_in_one_line() -> None:
    for name in SAMPLES:
        data = ORIGINALS[name]
        for spelling in (b"UTF-8", b"utf-8"):
            if spelling in data[:200]:
                _read(data.replace(spelling, b"u-f-8", 1))
                break
