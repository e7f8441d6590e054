"""A policy pack damaged on its way (a byte changed, the file cut short) and a data folder whose list of
installed packs is damaged are refused with a reason in Chinese that says what to do, never zipfile's or
json's English (「Bad CRC-32 for file …」, 「Expecting property name enclosed in double quotes…」)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.packs.library import commit_install, packs_folder, plan_install
from shenbao.core.safezip import ZIP_REASONS, UnsafeZip, read_zip
from tests.store.factory import ENGLISH, refusal_reason, shenbao

from .test_pack_refusals import TODAY, members_of

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
TRUNCATED = "文件不完整（可能下载或复制时被截断），请重新获取原文件"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _stored(members: dict[str, bytes]) -> bytes:
    """The members in a zip without compression, so that a changed byte of a member is its own."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buf.getvalue()


def test_a_pack_with_a_changed_byte_is_refused_in_chinese(
    data_dir: Path, tmp_path: Path, example_pack: Path
) -> None:
    data = bytearray(example_pack.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed = tmp_path / "changed.shenbao-policy"
    changed.write_bytes(bytes(data))
    assert "损坏" in refusal_reason(shenbao(data_dir, "policies", "verify", str(changed)), changed)

    members = members_of(example_pack.read_bytes())
    stored = bytearray(_stored(members))
    at = stored.index(members["pack.toml"][:40]) + 20  # within the first member's own bytes
    stored[at] ^= 0x01
    changed.write_bytes(bytes(stored))
    assert refusal_reason(shenbao(data_dir, "policies", "verify", str(changed)), changed) == (
        "不是有效的政策包：压缩包内容已损坏（校验值不符），请重新获取原文件"
    )


def test_a_pack_cut_short_is_said_so(data_dir: Path, tmp_path: Path, example_pack: Path) -> None:
    cut = tmp_path / "cut.shenbao-policy"
    cut.write_bytes(example_pack.read_bytes()[:2000])
    result = shenbao(data_dir, "policies", "install", str(cut))
    assert refusal_reason(result, cut) == f"不是有效的政策包：{TRUNCATED}"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\0" * 100, "truncated"),
        (b"%PDF-1.7" + b"\0" * 100, "not_zip"),
        (_stored({"a": b"x" * 100}).replace(b"PK\x03\x04", b"PK\x03\x05", 1), "damaged"),
    ],
    ids=["cut-short", "not-a-zip", "changed-header"],
)
def test_what_zipfile_meets_is_said_in_chinese(data: bytes, reason: str) -> None:
    with pytest.raises(UnsafeZip) as caught:
        read_zip(data)
    assert caught.value.message == ZIP_REASONS[reason]
    assert getattr(caught.value.message, "template", None) == ZIP_REASONS[reason]


def _damage_installed_list(trusted: Path, example_pack: Path) -> Path:
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    state = packs_folder(trusted) / "installed.json"
    state.write_text(state.read_text(encoding="utf-8")[:12], encoding="utf-8")  # {"format": "…
    return state


def test_a_damaged_list_of_installed_packs_is_said_in_chinese(trusted: Path, example_pack: Path) -> None:
    state = _damage_installed_list(trusted, example_pack)
    reason = refusal_reason(shenbao(trusted, "policies", "list"), state)
    assert reason.startswith("已安装政策包列表已损坏：不是有效的 JSON（第 2 行第 "), reason
    assert reason.endswith("；请删除此文件，再重新安装同一文件夹中的政策包文件"), reason
    warned = shenbao(trusted, "measures", "--format", "json")
    assert warned.returncode == 0 and warned.stderr.count("\n") == 1, warned.stderr
    assert "未启用已安装的政策包" in warned.stderr and not ENGLISH.search(warned.stderr.split(": ", 2)[2])

    state.unlink()  # what the message asks for, and it is enough
    [kept] = packs_folder(trusted).glob("*.shenbao-policy")
    assert shenbao(trusted, "policies", "install", str(kept)).returncode == 0
    listed = shenbao(trusted, "policies", "list")
    assert listed.returncode == 0 and listed.stderr == "" and "example-ai" in listed.stdout


def test_a_damaged_list_of_trusted_keys_is_said_in_chinese(trusted: Path) -> None:
    keys = packs_folder(trusted) / "trusted.json"
    keys.write_text('[{"name": "x", "fingerprint"', encoding="utf-8")
    reason = refusal_reason(shenbao(trusted, "policies", "keys"), keys)
    assert reason.startswith("受信任公钥列表已损坏：不是有效的 JSON（第 1 行第 "), reason
    keys.write_text('[{"name": "x", "colour": "red"}]', encoding="utf-8")
    assert refusal_reason(shenbao(trusted, "policies", "keys"), keys) == (
        "受信任公钥列表已损坏：格式不符；请删除此文件，再重新添加受信任的发布者公钥"
    )


def test_a_damaged_pack_is_refused_in_english_in_the_english_window(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    data_dir: Path,
    tmp_path: Path,
    example_pack: Path,
    in_english: None,
) -> None:
    from shenbao.ui.pack_dialog import prepare

    cut = tmp_path / "cut.shenbao-policy"
    cut.write_bytes(example_pack.read_bytes()[:2000])
    assert prepare(window, data_dir, cut, window.store, TODAY) is None
    said = dialogs.texts("warning")[-1]
    assert said.startswith("Not installed: This is not a valid policy pack: "), said
    assert not CJK.search(said), said
