"""An enterprise asked for by its code and no longer stored (removed by another window meanwhile) is
refused in English in the English window, as the store's other refusals of a missing code are, both by
the to-do list and by the digests of its sensitive fields."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import keyring
import pytest

from shenbao.core.deadlines import todo
from shenbao.core.store import Store
from shenbao.core.store.db import StoreError
from shenbao.ui.style import known_text
from tests.store.factory import MemoryKeyring, make_uscc

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("SHENBAO_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = Store.open(tmp_path / "data", daily_backup=False)
    yield opened
    opened.close()
    keyring.set_keyring(previous)


def test_a_code_not_stored_is_refused_in_english(store: Any, in_english: None) -> None:
    code = make_uscc(7)
    for ask in (lambda: todo(store, dt.date(2026, 6, 1), code), lambda: store.secret_digests(code)):
        with pytest.raises(StoreError) as refused:
            ask()
        assert str(refused.value) == f"没有统一社会信用代码为 {code} 的企业"
        assert code in known_text(refused.value)
        assert not CJK.search(known_text(refused.value))
