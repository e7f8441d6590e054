"""Why the data key cannot be moved or changed, in the English window. Each was shown in Chinese with
`--language en`, because the store wrote it with an f-string; each is now a template the window writes
again in English, with its values (the keyring entry, the passphrase's minimum length). The command line
and the Chinese window keep the sentence they always had."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import keyring
import pytest

from shenbao.core.store.repository import Store
from shenbao.core.store.secrets import KeyManager, KeyMoveError, check_new_passphrase
from shenbao.ui.settings_dialog import SettingsDialog
from shenbao.ui.style import known_text
from tests.store.factory import ForgetfulKeyring, make_profile

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_choosing_the_keyring_when_none_works_is_told_in_english(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, no_keyring: None, in_english: None
) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        assert store.key_home() == "passphrase"
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        assert not dialog.move_key()
        assert store.key_home() == "passphrase"
    assert dialogs.texts("warning") == [
        "The system keyring is not available (or not trusted); the key cannot be kept in it"
    ]


def test_a_keyring_that_forgets_the_key_is_told_in_english(
    qtbot: Any, data_dir: Path, app_settings: Any, dialogs: Any, no_keyring: None, in_english: None
) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1))
        keyring.set_keyring(ForgetfulKeyring())
        dialog = SettingsDialog(app_settings, store, data_dir)
        qtbot.addWidget(dialog)
        assert not dialog.move_key()
        assert store.key_home() == "passphrase"
    assert dialogs.texts("warning") == [
        "The key could not be stored in the system keyring: it could not be read back after writing; "
        "the key is still protected by the data passphrase"
    ]


def test_the_key_messages_keep_their_values_in_english(tmp_path: Path, in_english: None) -> None:
    with pytest.raises(KeyMoveError) as short:
        check_new_passphrase("short", source="SHENBAO_NEW_PASSPHRASE")
    assert str(short.value) == "环境变量 SHENBAO_NEW_PASSPHRASE 中的数据口令至少 8 个字符"
    assert known_text(short.value) == (
        "The data passphrase in the environment variable SHENBAO_NEW_PASSPHRASE must have at least 8 characters"
    )
    with pytest.raises(KeyMoveError) as bundle:
        check_new_passphrase("short", "数据包口令")
    assert str(bundle.value) == "数据包口令至少 8 个字符"
    assert known_text(bundle.value) == "The bundle passphrase must have at least 8 characters"

    keys = KeyManager(tmp_path, lambda _key: None, lambda *_args: True)  # no key made yet
    with pytest.raises(KeyMoveError) as where:
        keys.move("cloud", None, lambda _rows: None)
    assert str(where.value) == "密钥只能存放在 keyring（系统钥匙串）或 passphrase（数据口令）中，不能是 cloud"
    assert known_text(where.value) == (
        "The key can be kept only in keyring (the system keyring) or passphrase (a data passphrase), not in cloud"
    )
    with pytest.raises(KeyMoveError) as rotate:
        keys.rotate(lambda *_args: None)
    assert str(rotate.value) == "尚未创建密钥：首次保存身份证号或联系电话时才会创建，无需更换"
    assert not CJK.search(known_text(rotate.value))
