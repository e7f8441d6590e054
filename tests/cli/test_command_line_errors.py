"""A command line the parser cannot take — a command mistyped, an option left out or given a wrong value
— is answered as any other bad input: one Chinese line on standard error, exit status 2, pointing to the
command's --help; and the help itself speaks Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.command import run_shenbao
from tests.store.factory import assert_refused


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["render"], ["--profile", "--profiles", "--uscc", "shenbao render --help"]),
        (["preview", "--profile", "p.json", "--format", "xml"], ["--format", "'xml'", "jsonl"]),
        (["preview", "--profile"], ["--profile", "需要一个值"]),
        (["render", "--profile", "a.json", "--uscc", "X"], ["--uscc", "--profile", "不能"]),
        (["previw", "--uscc", "X"], ["未知的命令", "'previw'", "preview"]),
        (["--bogus"], ["无法识别", "--bogus", "shenbao gui --help"]),  # window options are the gui's
        (["policies"], ["keygen", "install", "shenbao policies --help"]),
        (["declarations"], ["set-state", "shenbao declarations --help"]),
        (["profiles", "lsit"], ["'lsit'", "list"]),
        (["profiles", "show", "--uscc", "X"], ["--uscc", "shenbao profiles show --help"]),
        (["declarations", "show", "1.5"], ["参数 ID：'1.5' 不是整数"]),
        (["invoices", "add", "--uscc", "X", "--year", "二〇二五", "f.xml"], ["--year", "不是整数"]),
        (
            [
                "render",
                "--profile",
                "p.json",
                "--measure",
                "fj2025.compute_voucher",
                "--out",
                "a.pdf",
                "--out-dir",
                "f",
            ],
            ["--out-dir", "--profiles"],
        ),
        (["render", "--profiles", "folder", "--out-dir", "forms", "--out", "a.pdf"], ["--out", "--out-dir"]),
    ],
)
def test_a_command_line_it_cannot_take_is_refused_in_one_line(
    tmp_path: Path, argv: list[str], words: list[str]
) -> None:
    result = run_shenbao("--data-dir", str(tmp_path / "data"), *argv, cwd=tmp_path)
    assert_refused(result, *words)
    assert "usage" not in result.stderr and "error:" not in result.stderr
    assert not (tmp_path / "data").exists()  # nothing opened, nothing written


def test_help_speaks_chinese(tmp_path: Path) -> None:
    for argv in (["--help"], ["preview", "--help"], ["policies", "--help"]):
        result = run_shenbao(*argv, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("用法：shenbao")
        assert "显示帮助并退出" in result.stdout and "\n选项：\n" in result.stdout
        for english in ("usage:", "show this help", "positional arguments", "options:"):
            assert english not in result.stdout
