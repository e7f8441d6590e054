"""A publisher's public key file opened and saved again in Windows Notepad starts with a UTF-8 byte order
mark, and `shenbao policies trust` refused it as 「不是申报助手政策发布公钥（应以 shenbao-policy-key/1
ed25519 开头）」, though it is the same key. The mark is read as the start of a UTF-8 text: the key is
trusted under its name and fingerprint, as the file without the mark is."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from tests.store.factory import shenbao

from .helpers import make_key, ok


def test_a_public_key_saved_with_a_bom_is_trusted_as_without_it(tmp_path: Path, data_dir: Path) -> None:
    _, pub = make_key(tmp_path / "publisher")
    marked = tmp_path / "notepad.pub"
    marked.write_bytes(codecs.BOM_UTF8 + pub.read_bytes())
    ok(shenbao(data_dir, "policies", "trust", str(marked), "--yes"))
    keys = json.loads(ok(shenbao(data_dir, "policies", "keys", "--format", "json")))
    other = tmp_path / "other-data"
    ok(shenbao(other, "policies", "trust", str(pub), "--yes"))
    plain = json.loads(ok(shenbao(other, "policies", "keys", "--format", "json")))
    assert [(k["name"], k["fingerprint"]) for k in keys] == [(k["name"], k["fingerprint"]) for k in plain]
    assert keys[0]["name"] == "示例发布者"
