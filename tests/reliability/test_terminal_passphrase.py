"""The data passphrase typed at a terminal, as a user does when no keyring holds the key: a mistyped
passphrase may be typed again, and Ctrl-D at the prompt ends the command in one line."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.core.store import Store
from tests.reliability.helpers import stored_state
from tests.store.factory import PASSPHRASE, cli_env, make_profile, make_uscc


@pytest.fixture
def folder(tmp_path: Path, no_keyring) -> Path:
    data = tmp_path / "data"
    with Store.open(data) as store:  # SHENBAO_PASSPHRASE of the test environment
        store.save_profile(make_profile(1))
        store.backup_now()  # today's: the command makes none, so the folder's files stay as they are
    return data


def at_terminal(folder: Path, answers: list[bytes], *args: str) -> tuple[int, str]:
    """`shenbao ARGS` on a terminal, each passphrase prompt answered with the next of `answers` (b"\\x04"
    is Ctrl-D); the exit code and all the terminal showed."""
    env = cli_env(folder)
    env.pop("SHENBAO_PASSPHRASE")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "shenbao", *args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    seen, answered = b"", 0
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, seen.decode("utf-8", "replace")
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        seen += chunk
        if seen.count("口令：".encode()) > answered:
            assert answered < len(answers), seen.decode("utf-8", "replace")
            os.write(leader, answers[answered])
            answered += 1
    os.close(leader)
    return proc.wait(timeout=60), seen.decode("utf-8", "replace")


def test_ctrl_d_at_the_passphrase_prompt_ends_in_one_line(folder: Path) -> None:
    before = stored_state(folder)
    code, shown = at_terminal(folder, [b"\x04"], "profiles", "show", make_uscc(1))
    assert code == 2, shown
    assert "Traceback" not in shown and "EOFError" not in shown
    assert "shenbao: 未输入数据口令" in shown
    assert stored_state(folder) == before


def test_a_mistyped_passphrase_can_be_typed_again(folder: Path) -> None:
    wrong, right = "不对的口令 123\r".encode(), f"{PASSPHRASE}\r".encode()
    code, shown = at_terminal(folder, [wrong, right], "profiles", "show", make_uscc(1))
    assert code == 0, shown
    assert "数据口令不正确，请重新输入" in shown
    assert make_profile(1)["enterprise"]["contact_phone"] in shown


def test_three_wrong_passphrases_end_the_command_with_nothing_changed(folder: Path) -> None:
    before = stored_state(folder)
    wrong = "不对的口令 123\r".encode()
    code, shown = at_terminal(folder, [wrong] * 3, "profiles", "show", make_uscc(1))
    assert code == 2, shown
    assert shown.count("口令：") == 3
    assert "shenbao: 数据口令不正确（已输入 3 次）" in shown
    assert "Traceback" not in shown
    assert stored_state(folder) == before


def test_a_mistyped_bundle_passphrase_can_be_typed_again_and_three_end_it(
    folder: Path, tmp_path: Path
) -> None:
    from tests.store.factory import shenbao

    bundle = tmp_path / "带走.shenbao"
    made = shenbao(
        folder, "export", "--out", str(bundle), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE="包口令 2026"
    )
    assert made.returncode == 0, made.stderr
    target = tmp_path / "other"
    with Store.open(target) as store:
        store.backup_now()
    before = stored_state(target)
    wrong, right = "不对的包口令\r".encode(), "包口令 2026\r".encode()
    code, shown = at_terminal(target, [wrong] * 3, "import", str(bundle))
    assert code == 2, shown
    assert shown.count("数据包口令：") == 3 and "数据包口令不正确，请重新输入" in shown
    assert "shenbao: " in shown and "已输入 3 次" in shown and "Traceback" not in shown
    assert stored_state(target) == before
    new = f"{PASSPHRASE}\r".encode()  # the other folder's first key: its data passphrase, twice
    code, shown = at_terminal(target, [wrong, right, new, new], "import", str(bundle))
    assert code == 0, shown
    assert "新增 1 家" in shown
