"""A publisher's source folder in which a measures or form file cannot be read (a folder of that name, a
link to nothing) stopped `shenbao policies pack` with a Python traceback (IsADirectoryError,
FileNotFoundError), exit 1. It is refused in one line naming the file and why, exit 2, and no pack is
written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.parent / "nowhere.toml")


@pytest.mark.parametrize(
    ("member", "spoil", "said"),
    [
        ("measures/sl2026.toml", _folder, "sl2026.toml: 无法读取（这是一个文件夹）"),
        ("measures/sl2026.toml", _dangling, "sl2026.toml: 无法读取（文件或文件夹不存在）"),
        ("forms/sl2026.platform.toml", _folder, "forms/sl2026.platform.toml: 无法读取（这是一个文件夹）"),
    ],
    ids=["measures-folder", "measures-link", "form-folder"],
)
def test_a_source_file_that_cannot_be_read_is_refused_in_one_line(
    data_dir: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    member: str,
    spoil: Callable[[Path], None],
    said: str,
) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    spoil(source / member)
    out = tmp_path / "out.shenbao-policy"
    result = shenbao(data_dir, "policies", "pack", str(source), "--key", str(publisher[0]), "--out", str(out))
    assert_refused(result)
    assert result.stderr == f"shenbao: {source}: {said}\n"
    assert not out.exists()
