"""A named pipe given where a policy pack, a public key or a private key file belongs is refused at once in
one line, not read until some writer closes it: `policies verify`, `install`, `trust` and `pack --key`
waited forever on one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.factory import cli_env

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
SOURCE = Path(__file__).parent.parent / "fixtures" / "packs" / "example"


def _refused_at_once(data_dir: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            [sys.executable, "-m", "shenbao", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**cli_env(data_dir), "PYTHONIOENCODING": "utf-8"},
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"shenbao {' '.join(args)} waited on the pipe")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_a_pipe_is_refused_as_a_pack_or_a_key(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pack, public, private = tmp_path / "p.shenbao-policy", tmp_path / "k.pub", tmp_path / "k"
    for pipe in (pack, public, private):
        os.mkfifo(pipe)
    for args in (("policies", "verify", str(pack)), ("policies", "install", str(pack))):
        said = _refused_at_once(data, *args)
        assert str(pack) in said and "设备或管道" in said
    said = _refused_at_once(data, "policies", "trust", str(public), "--yes")
    assert "无法读取公钥" in said and "设备或管道" in said
    out = tmp_path / "out.shenbao-policy"
    said = _refused_at_once(data, "policies", "pack", "--key", str(private), "--out", str(out), str(SOURCE))
    assert "无法读取私钥" in said and "设备或管道" in said
    assert not out.exists()
