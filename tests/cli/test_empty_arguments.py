"""The `shenbao` command as a park's script calls it with a variable left empty (`--uscc "$CODE"`,
`restore "$FILE"`, `--data-dir "$DIR"`): refused in one line with exit status 2, never read as the current
folder or as the option not given, and the data folder left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.walk import CODE, VOUCHER, state_of
from tests.command import run_shenbao
from tests.store.factory import assert_refused, cli_env, make_uscc, shenbao

EMPTY = [
    ["restore", ""],  # was: the newest backup restored, the declaration made since gone
    ["preview", "--uscc", ""],  # was: a traceback
    ["preview", "--uscc", "   "],
    ["render", "--uscc", "", "--measure", VOUCHER, "--out", "x.pdf"],  # was: a traceback
    ["preview", "--profiles", ""],  # was: a traceback
    ["policies", "keygen", "--out", ""],  # was: a traceback
    ["declarations", "list", "--uscc", ""],  # was: an empty list, as if the enterprise had none
    ["todo", "--uscc", " "],
    ["declarations", "deadline", "1", ""],  # was: the deadline cleared
    ["read", ""],  # was: refused as the folder "."
    ["import", ""],
    ["export", "--out", ""],
    ["profiles", "rm", ""],
]


@pytest.mark.parametrize("argv", EMPTY, ids=lambda argv: " ".join(a or "''" for a in argv))
def test_an_empty_argument_is_refused_not_read_as_a_default(
    declared: Path, tmp_path: Path, argv: list[str]
) -> None:
    before = state_of(declared)
    result = run_shenbao(*argv, env=cli_env(declared), cwd=tmp_path)  # "." is a folder of no data
    assert_refused(result, "不能为空")
    assert state_of(declared) == before
    assert len(before[1]) == 1  # the declaration made after the backup is still there
    assert not (tmp_path / "x.pdf").exists()


def test_an_empty_data_folder_is_refused_not_read_as_the_users_own(tmp_path: Path) -> None:
    """`--data-dir ""` (a script's folder variable unset) named no folder; it opened the user's data
    folder, where `profiles rm` would delete a real enterprise."""
    result = run_shenbao("--data-dir", "", "profiles", "list", cwd=tmp_path)
    assert_refused(result, "--data-dir", "不能为空")
    assert result.stdout == ""


def test_an_empty_search_still_lists_every_enterprise(declared: Path) -> None:
    listed = shenbao(declared, "profiles", "list", "--search", "", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert {row["uscc"] for row in json.loads(listed.stdout)} == {CODE, make_uscc(2)}


def test_an_empty_note_is_no_note(declared: Path) -> None:
    """An option whose default is empty means the same given empty: `--note "$NOTE"` with no note."""
    changed = shenbao(declared, "declarations", "set-state", "1", "submitted", "--note", "")
    assert changed.returncode == 0, changed.stderr
    shown = json.loads(shenbao(declared, "declarations", "show", "1", "--format", "json").stdout)
    assert shown["state"] == "submitted"
