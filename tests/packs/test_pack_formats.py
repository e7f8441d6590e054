"""A pack in a format newer than this program's says to update the program, whatever else the newer
format carries (members this program does not know, another signature), and the data folder is left as
it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.core.packs.archive import FORMAT, sign
from shenbao.core.packs.keys import load_private
from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE
from .test_pack_refusals import folder_state, members_of, refuse, rezip

NEWER = "shenbao-policy/2"


def _newer(key: Path, extra: dict[str, bytes]) -> bytes:
    members = {p.relative_to(EXAMPLE).as_posix(): p.read_bytes() for p in sorted(EXAMPLE.rglob("*.toml"))}
    fields = {"format": NEWER, "id": "example-ai", "version": 1}
    return sign({**members, **extra}, fields, load_private(key, None))


@pytest.mark.parametrize(
    "extra", [{}, {"media/seal.png": b"\x89PNG"}], ids=["same-members", "a-member-of-the-newer-format"]
)
def test_a_newer_format_asks_for_a_newer_program(
    trusted: Path, publisher: tuple[Path, Path], extra: dict[str, bytes]
) -> None:
    refuse(trusted, _newer(publisher[0], extra), NEWER, FORMAT, "请先更新申报助手")


def test_a_newer_format_with_another_signature_asks_for_a_newer_program(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    members = members_of(_newer(publisher[0], {}))
    members["signature.json"] = b'{"algorithm": "ml-dsa-65", "signature": "AAAA"}'
    pack = tmp_path / "newer.shenbao-policy"
    pack.write_bytes(rezip(members))
    before = folder_state(trusted)
    for args in ((), ("--dry-run",)):
        assert_refused(shenbao(trusted, "policies", "install", str(pack), *args), NEWER, "请先更新申报助手")
    assert_refused(shenbao(trusted, "policies", "verify", str(pack)), NEWER, "请先更新申报助手")
    assert folder_state(trusted) == before


def test_trusting_a_binary_file_says_it_is_no_publisher_key(tmp_path: Path, data_dir: Path) -> None:
    der = tmp_path / "publisher.cer"
    der.write_bytes(bytes.fromhex("308201a23082010ba003020102") + bytes(range(256)))
    before = folder_state(data_dir)
    result = shenbao(data_dir, "policies", "trust", str(der), "--yes")
    assert_refused(result, "publisher.cer", "不是申报助手政策发布公钥", "不是文本文件")
    assert "codec" not in result.stderr
    assert folder_state(data_dir) == before


def test_trusting_a_key_twice_says_so_in_one_line_before_asking(
    data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    assert shenbao(data_dir, "policies", "trust", str(publisher[1]), "--yes").returncode == 0
    before = folder_state(data_dir)
    assert_refused(
        shenbao(data_dir, "policies", "trust", str(publisher[1]), "--yes"), "已受信任", "示例发布者"
    )
    assert folder_state(data_dir) == before


def test_verifying_an_expired_pack_says_it_has_expired(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    from .helpers import build_pack, copy_source

    source = copy_source(tmp_path / "old", issued_on="2020-01-01", expires_on="2020-06-30")
    pack = build_pack(source, publisher[0], tmp_path / "old.shenbao-policy")
    text = shenbao(trusted, "policies", "verify", str(pack), "--format", "text")
    assert text.returncode == 0, text.stderr
    assert "政策数据已于 2020-06-30 过期" in text.stderr
    shown = shenbao(trusted, "policies", "verify", str(pack), "--format", "json")
    assert '"expired": true' in shown.stdout and "2020-06-30 过期" in shown.stderr


@pytest.mark.parametrize("target", ["key", "pack.toml", "notes.txt"])
def test_packing_never_overwrites_a_file_that_is_not_a_pack(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path], target: str
) -> None:
    from .helpers import copy_source

    source = copy_source(tmp_path / "src")
    out = {"key": publisher[0], "pack.toml": source / "pack.toml", "notes.txt": tmp_path / "notes.txt"}[
        target
    ]
    if not out.exists():
        out.write_text("发布记录\n", encoding="utf-8")
    before = out.read_bytes()
    refused = shenbao(
        data_dir, "policies", "pack", str(source), "--key", str(publisher[0]), "--out", str(out)
    )
    assert_refused(refused, str(out), "已存在", "未覆盖")
    assert out.read_bytes() == before


def test_packing_again_replaces_the_pack_it_made(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    out = tmp_path / "example.shenbao-policy"
    for _ in range(2):
        made = shenbao(
            data_dir, "policies", "pack", str(EXAMPLE), "--key", str(publisher[0]), "--out", str(out)
        )
        assert made.returncode == 0, made.stderr
