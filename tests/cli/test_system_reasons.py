"""When the system refuses a file — a folder that is not there, a folder where a file should be, a full
disk — the one line says why in Chinese, as the rest of the line does, not in the system's English."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from shenbao.errors import os_reason
from tests.store.factory import assert_refused, make_profile, shenbao


@pytest.mark.parametrize(
    ("err", "reason"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "文件或文件夹不存在"),
        (PermissionError(errno.EACCES, "Permission denied"), "没有权限"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EROFS, "Read-only file system"), "磁盘为只读"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "这是一个文件夹"),
        (OSError(errno.EIO, "Input/output error"), "U 盘可能已损坏或已拔出"),
        (OSError(errno.ENOTSUP, "Operation not supported"), "Operation not supported"),  # as the system says
        (OSError("no errno at all"), "no errno at all"),
    ],
)
def test_the_reason_of_a_refused_file_in_chinese(err: OSError, reason: str) -> None:
    assert reason in os_reason(err)


def test_a_windows_file_held_open_by_another_program() -> None:
    err = PermissionError(errno.EACCES, "The process cannot access the file")
    err.winerror = 32  # type: ignore[attr-defined]
    assert os_reason(err) == "文件正被其他程序占用"


def test_an_export_into_a_folder_that_is_not_there_says_so_in_chinese(tmp_path: Path) -> None:
    data = tmp_path / "data"
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1, engineers=0), ensure_ascii=False), encoding="utf-8")
    imported = shenbao(data, "import", str(profile))
    assert imported.returncode == 0, imported.stderr
    for out, words in (
        (tmp_path / "gone" / "park.csv", ["park.csv", "无法写入", "文件或文件夹不存在"]),
        (tmp_path / "gone" / "all.shenbao", ["all.shenbao", "无法写入", "文件或文件夹不存在"]),
        (tmp_path, ["无法写入", "这是一个文件夹"]),
    ):
        result = shenbao(data, "export", "--out", str(out), "--omit-sensitive")
        assert_refused(result, *words)
        assert "No such file" not in result.stderr and "Is a directory" not in result.stderr
