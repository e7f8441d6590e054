"""A pack's form whose field gave its type or its recognition as a list (`type = ["text"]`,
`recognition = ["high_tech"]`) stopped `shenbao policies install` with a Python traceback (TypeError:
unhashable type: 'list'), exit 1. Each is refused as an unknown value of its key is: one line, exit 2,
nothing installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, edited, folder_state
from .test_pack_refusals import signed_tree

FIRST = '{ key = "facts.platform_is_lead_builder" }'
WHERE = "forms/sl2026.platform.toml: pages[0].fields[0]"


@pytest.mark.parametrize(
    ("field", "said"),
    [
        (
            '{ key = "facts.platform_is_lead_builder", type = ["text"] }',
            f"{WHERE}: 未知的字段类型 ['text']（已知：",
        ),
        (
            '{ key = "enterprise.recognitions", recognition = ["high_tech"] }',
            f"{WHERE}: recognition 应为 ",
        ),
    ],
    ids=["type", "recognition"],
)
def test_a_list_where_a_word_belongs_is_refused_in_one_line(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path, field: str, said: str
) -> None:
    pack = tmp_path / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edited("forms/sl2026.platform.toml", FIRST, field)))
    before = folder_state(trusted)
    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert result.stderr.startswith(f"shenbao: {pack}: {said}"), result.stderr
    assert folder_state(trusted) == before
