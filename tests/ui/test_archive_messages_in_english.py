"""Why an archive is refused by the zip rules (too many members, an unsafe path, a member twice), in the
English window: an OFD invoice, a park table's .xlsx and a policy pack each said it in Chinese inside
their English sentence, because the rules wrote it with an f-string. The command line keeps its Chinese."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.packs.archive import FORMAT, read_pack
from shenbao.core.packs.source import PackError
from shenbao.core.store.tables import read_rows
from shenbao.ui.invoice_import import InvoiceImportDialog
from shenbao.ui.style import known_text
from tests.reliability.test_fuzz_inputs import zip_of

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def archive(names: list[str]) -> bytes:
    """A zip of `names` (the same name twice, as a damaged file can hold), each member "x"."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "x")
    return buf.getvalue()


def test_a_damaged_ofd_is_refused_in_english(qtbot: Any, tmp_path: Path, in_english: None) -> None:
    many = tmp_path / "多.ofd"
    many.write_bytes(archive([f"m{i}.xml" for i in range(5001)]))
    escaping = tmp_path / "路径.ofd"
    escaping.write_bytes(archive(["../evil.xml"]))
    with pytest.warns(UserWarning):  # zipfile warns of the duplicate it writes
        twice = archive(["OFD.xml", "OFD.xml"])
    (tmp_path / "重复.ofd").write_bytes(twice)
    dialog = InvoiceImportDialog({"enterprise": {}, "facts": {}}, [many, escaping, tmp_path / "重复.ofd"])
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 5).text() for r in range(3)] == [
        "Cannot read: OFD: the archive has too many members (5001)",
        "Cannot read: OFD: member '../evil.xml' has an unsafe path",
        "Cannot read: OFD: member 'OFD.xml' appears more than once",
    ]


def test_an_xlsx_and_a_pack_with_an_unsafe_member_are_refused_in_english(
    tmp_path: Path, in_english: None
) -> None:
    table = tmp_path / "名单.xlsx"
    table.write_bytes(archive(["[Content_Types].xml", "../x.xml"]))
    with pytest.raises(Exception) as caught:
        read_rows(table)
    assert "成员 '../x.xml' 的路径不安全" in str(caught.value)
    assert "member '../x.xml' has an unsafe path" in known_text(caught.value)
    assert not CJK.search(known_text(caught.value).replace(str(table), ""))

    with pytest.raises(PackError) as refused:
        read_pack(archive(["manifest.json", "a/../../b.toml"]), lambda _f: None, {})
    assert "成员 'a/../../b.toml' 的路径不安全" in str(refused.value)
    assert "member 'a/../../b.toml' has an unsafe path" in known_text(refused.value)
    assert not CJK.search(known_text(refused.value))


def test_a_pack_of_another_format_or_an_unreadable_signature_is_refused_in_english(in_english: None) -> None:
    """A file chosen as a policy pack whose manifest names another format, or whose signature is not a
    JSON object, was refused in Chinese in the English window (「不支持的政策包格式 'other/1'，应为 …」)."""
    ours = json.dumps({"format": FORMAT}).encode()
    for manifest, signature, chinese, english in (
        (
            b'{"format": "other/1"}',
            b"{}",
            "不支持的政策包格式 'other/1'",
            "the policy pack format 'other/1' is not supported",
        ),
        (ours, b"[1]", "signature.json 应为对象", "signature.json should be an object"),
        (ours, b"{", "signature.json 不是有效的 JSON", "signature.json is not valid JSON"),
    ):
        members = {"manifest.json": manifest, "signature.json": signature}
        with pytest.raises(PackError) as refused:
            read_pack(zip_of(members), lambda _f: None, {})
        assert chinese in str(refused.value)
        assert english in known_text(refused.value)
        assert not CJK.search(known_text(refused.value))
