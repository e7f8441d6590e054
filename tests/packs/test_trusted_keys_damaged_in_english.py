"""A data folder whose list of trusted publishers' keys is damaged, met by 安装政策更新… in the English
window: the refusal said 「Not installed: …/trusted.json: 受信任公钥列表已损坏：格式不符；请删除此文件，
再重新添加受信任的发布者公钥」, because the list's reader wrote it with an f-string. The command line says
it in the same Chinese as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.packs.library import packs_folder
from tests.store.factory import shenbao

from .helpers import CJK, folder_state

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        (
            '[{"name": "x", "colour": "red"}]',
            "受信任公钥列表已损坏：格式不符；请删除此文件，再重新添加受信任的发布者公钥",
            "the list of trusted keys is damaged: its content is not in the expected form; please delete "
            "this file, then add the trusted publishers' keys again",
        ),
        (
            '[{"name": "x", "fingerprint"',
            "受信任公钥列表已损坏：不是有效的 JSON",
            "the list of trusted keys is damaged: ",
        ),
    ],
    ids=["shape", "json"],
)
def test_a_damaged_list_of_trusted_keys_is_said_in_english_in_the_english_window(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    example_pack: Path,
    text: str,
    chinese: str,
    english: str,
    in_english: None,
) -> None:
    from shenbao.ui.pack_dialog import prepare

    keys = packs_folder(trusted) / "trusted.json"
    keys.write_text(text, encoding="utf-8")
    before = folder_state(trusted)

    result = shenbao(trusted, "policies", "install", str(example_pack))
    assert result.returncode == 2
    assert result.stderr.startswith(f"shenbao: {keys}: {chinese}"), result.stderr

    assert prepare(window, trusted, example_pack, window.store, AS_OF) is None
    said = dialogs.texts("warning")[-1]
    assert said.startswith(f"Not installed: {keys}: {english}"), said
    assert not CJK.search(said), said
    assert folder_state(trusted) == before
