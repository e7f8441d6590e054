"""A pack's wizard form whose show_if compares with a number of 5,000 digits, or with 3,000 opening
brackets, stopped `shenbao policies install` with a Python traceback (ValueError: Exceeds the limit (4300
digits) for integer string conversion; RecursionError), exit 1, and the window's 安装政策更新… with it. It
is refused like any other show_if value the form cannot read: one line, exit 2, the data folder as it
was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from shenbao.errors import bounded

from .helpers import edited, folder_state, refused_both_ways

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FIRST = '{ key = "facts.platform_is_lead_builder" }'


@pytest.mark.parametrize(
    ("value", "shown"), [("1" * 5000, "1" * 5000), ("[" * 3000, "[" * 3000)], ids=["digits", "deep"]
)
def test_a_show_if_value_too_long_or_too_deep_is_refused_in_one_line(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    value: str,
    shown: str,
) -> None:
    edit = edited(
        "forms/sl2026.platform.toml",
        FIRST,
        f'{{ key = "facts.platform_is_lead_builder", show_if = "facts.platform_investment_items > {value}" }}',
    )
    before = folder_state(trusted)
    pack, stderr, said = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    refusal = (
        f"{pack}: forms/sl2026.platform.toml: pages[0].fields[0]: show_if 的取值 '{shown}'"
        " 应为 true、false、数字或字符串"
    )
    assert stderr == f"shenbao: {bounded(refusal)}\n"  # its start and end, and how much is left out
    assert "个字符）…" in stderr and len(stderr) < 1100
    assert said.startswith("未安装：forms/sl2026.platform.toml: pages[0].fields[0]: show_if 的取值"), said
    assert folder_state(trusted) == before
