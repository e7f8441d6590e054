"""A pack source with a value of the wrong type — a date written in quotes, a number in quotes — is
refused naming the key and what TOML type it wants, in words a publisher can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.core.policies import PolicyDataError

from .helpers import build_pack, copy_source, make_key


@pytest.mark.parametrize(
    ("key", "literal", "words"),
    [
        (
            "expires_on",
            '"2028-12-31"',
            ["expires_on", "日期（不加引号，如 2028-12-31）", "文本", "'2028-12-31'"],
        ),
        ("version", '"2"', ["version", "整数", "文本"]),
    ],
)
def test_a_value_of_the_wrong_type_names_the_type_wanted(
    tmp_path: Path, key: str, literal: str, words: list[str]
) -> None:
    source = copy_source(tmp_path / "src", **{key: literal})
    private, _ = make_key(tmp_path / "keys")
    with pytest.raises(PolicyDataError) as raised:
        build_pack(source, private, tmp_path / "out.shenbao-policy")
    message = str(raised.value)
    assert "<class" not in message and "datetime" not in message, message
    for word in words:
        assert word in message, message
