"""A park table saved as UTF-16 without its byte-order mark (a 「Unicode 文本」 whose mark another program
took off, or one saved so by a tool that writes none) reads as the same table saved in UTF-8, in either
byte order; where the order cannot be told it is refused saying to save the table as UTF-8 or as Excel.
A table in UTF-8 or GBK is never read as UTF-16."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shenbao.core.store import StoreError
from shenbao.core.store.tables import read_rows, read_table
from tests.journeys.helpers import HEADER, typed_row

ORDERS = ["utf-16-le", "utf-16-be"]


def table_text(delimiter: str = ",", count: int = 30) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([HEADER, *(typed_row(i) for i in range(count))])
    return out.getvalue()


def documents(path: Path) -> list[dict]:
    return [p.to_dict() for p in read_table(path)]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".txt", "\t")])
def test_thirty_tenants_in_utf_16_without_a_mark_read_as_in_utf_8(
    tmp_path: Path, order: str, suffix: str, delimiter: str
) -> None:
    text = table_text(delimiter)
    expected = documents(_written(tmp_path / f"utf8{suffix}", text.encode("utf-8-sig")))
    assert len(expected) == 30 and expected[0]["enterprise"]["name"].startswith("=")
    got = documents(_written(tmp_path / f"unmarked{suffix}", text.encode(order)))
    assert got == expected


@pytest.mark.parametrize("order", ORDERS)
def test_a_table_of_interchange_names_and_rare_characters_without_a_mark(tmp_path: Path, order: str) -> None:
    """A header of ASCII names, a name beyond the BMP (a pair in UTF-16) and one that is all but ASCII."""
    text = "uscc,enterprise.name,facts.compute_purchase_amount\r\n"
    text += "91350100000000003T,=福州𠀾科技有限公司,250000\r\n91350100000000004X,AI Lab 一号,1000\r\n"
    (first, second) = documents(_written(tmp_path / "t.csv", text.encode(order)))
    assert first["enterprise"]["name"] == "=福州𠀾科技有限公司"
    assert (
        second["enterprise"]["name"] == "AI Lab 一号" and second["facts"]["compute_purchase_amount"] == 1000
    )


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (table_text().encode("utf-16-le") + b"\x41", "an odd byte at the end"),
        (table_text().encode("utf-16-be")[:-3] + b"\xd8\x00\x00\x0a", "half a pair"),
        ("企业（单位）名称\r\n甲公司\r\n".encode("utf-16-le") * 3, "no delimiter to tell the order by"),
    ],
    ids=["odd-byte", "half-a-pair", "one-column"],
)
def test_a_table_that_cannot_be_told_is_refused_saying_how_to_save_it(
    tmp_path: Path, data: bytes, why: str
) -> None:
    path = _written(tmp_path / "园区.csv", data)
    with pytest.raises(StoreError) as refused:
        read_rows(path)
    message = str(refused.value)
    assert "UTF-16" in message and "CSV UTF-8" in message and ".xlsx" in message, why
    assert "\n" not in message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_a_utf_8_or_gbk_table_is_read_in_its_own_encoding(tmp_path: Path, encoding: str) -> None:
    text = table_text()
    expected = documents(_written(tmp_path / "ref.csv", text.encode("utf-8-sig")))
    assert documents(_written(tmp_path / "t.csv", text.encode(encoding))) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_a_stray_zero_byte_in_a_utf_8_or_gbk_table_is_no_sign_of_utf_16(
    tmp_path: Path, encoding: str
) -> None:
    """Saved across a crash, a table may hold a zero byte or a run of them: it is refused as no text
    table, as before, never read as UTF-16 (a zero after a comma would read as one)."""
    data = table_text().encode(encoding)
    at = data.index(b",", 1000)
    for damaged in (data[: at + 1] + b"\x00" + data[at + 1 :], data + b"\x00" * 4096):
        with pytest.raises(StoreError, match="不是文本表格"):
            read_rows(_written(tmp_path / "t.csv", damaged))


TABLE_CHARACTERS = st.characters(
    codec="gbk", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x00"
) | st.sampled_from(",\r\n\t;")


@settings(max_examples=1000, deadline=None)
@given(text=st.text(TABLE_CHARACTERS, min_size=1, max_size=400), encoding=st.sampled_from(["utf-8", "gbk"]))
def test_no_utf_8_or_gbk_text_is_taken_for_utf_16(
    tmp_path_factory: pytest.TempPathFactory, text: str, encoding: str
) -> None:
    """Whatever a UTF-8 or GBK table holds, it is read as UTF-8 or GBK: its rows or its refusal are
    those of the text those bytes hold in UTF-8, else in GB18030 (a short GBK text may also be UTF-8:
    爻 is D8 B3, which UTF-8 reads as س), written again in UTF-8; never of UTF-16."""
    folder = tmp_path_factory.mktemp("t")
    data = text.encode(encoding)
    try:
        held = data.decode("utf-8")
    except UnicodeDecodeError:
        held = data.decode("gb18030")
    ref = _written(folder / "ref.csv", held.encode("utf-8-sig"))
    assert _outcome(_written(folder / "t.csv", data)) == _outcome(ref)


def _outcome(path: Path) -> object:
    try:
        table = read_rows(path)
    except StoreError as err:
        return str(err).replace(str(path), "")
    return [(r.number, r.document, r.errors) for r in table.rows]


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
