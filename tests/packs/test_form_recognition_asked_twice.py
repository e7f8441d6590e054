"""A pack's wizard form that asked the same recognition's date twice (two fields
`{ key = "enterprise.recognitions", recognition = "national_key_lab" }`) installed; the wizard showed two
boxes 认定为国家重点实验室的日期 and kept the answer of the second only: a date typed in the first was
dropped without a word. Each recognition may be asked once, as any other field; recognitions of two
kinds are still asked side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import shenbao

from .helpers import EXAMPLE, edited, folder_state, ok, refused_both_ways
from .test_pack_refusals import signed_tree

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FORM = "forms/sl2026.product_award.toml"
PRODUCTS = '{ key = "facts.ai_products" }'


def recognitions(*kinds: str) -> Any:
    asked = ", ".join(
        f'{{ key = "enterprise.recognitions", recognition = "{k}", required = false }}' for k in kinds
    )
    return edited(FORM, PRODUCTS, f"{PRODUCTS}, {asked}")


def test_the_same_recognition_asked_twice_is_refused_in_one_line(
    qtbot: Any, window: Any, dialogs: Any, trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    before = folder_state(trusted)
    edit = recognitions("national_key_lab", "national_key_lab")
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: {FORM}: pages: 同一字段被询问了两次\n"
    assert warned == f"未安装：{FORM}: pages: 同一字段被询问了两次"
    assert folder_state(trusted) == before


def test_recognitions_of_two_kinds_install(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    pack = tmp_path / "two.shenbao-policy"
    pack.write_bytes(
        signed_tree(EXAMPLE, publisher[0], recognitions("national_key_lab", "provincial_ai_park"))
    )
    ok(shenbao(trusted, "policies", "install", str(pack)))
