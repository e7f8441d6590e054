"""A pack's form whose field gives a label or help that is not text (`label = 5`, `help = ["…"]`) was
installed, and the window's wizard for the measure then stopped with a Python TypeError
('QCoreApplication.translate' called with wrong argument types) each time it was opened. It is refused at
install, in one line naming the key: exit 2, nothing installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, edited, folder_state
from .test_pack_refusals import signed_tree

FIRST = '{ key = "facts.platform_is_lead_builder" }'


@pytest.mark.parametrize(("key", "value"), [("label", "5"), ("help", '["平台牵头建设"]')])
def test_a_field_s_label_or_help_that_is_not_text_is_refused(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path, key: str, value: str
) -> None:
    edit = edited(
        "forms/sl2026.platform.toml", FIRST, f'{{ key = "facts.platform_is_lead_builder", {key} = {value} }}'
    )
    pack = tmp_path / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    before = folder_state(trusted)
    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert (
        result.stderr
        == f"shenbao: {pack}: forms/sl2026.platform.toml: pages[0].fields[0].{key}: 应为字符串\n"
    )
    assert folder_state(trusted) == before


def test_a_field_s_own_label_and_help_install(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    edit = edited(
        "forms/sl2026.platform.toml",
        FIRST,
        '{ key = "facts.platform_is_lead_builder", label = "牵头建设", help = "" }',
    )
    pack = tmp_path / "good.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    assert shenbao(trusted, "policies", "install", str(pack)).returncode == 0
