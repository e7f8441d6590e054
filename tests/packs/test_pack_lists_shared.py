"""The policy-pack lists of one data folder (the trusted publishers, the packs installed) changed by
several programs at once: each reads, changes and writes back its list, one at a time, so none of
their changes is lost. Real processes, started at the same moment."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from shenbao.core.packs.keys import keygen, trusted_keys
from shenbao.core.packs.library import packs_folder
from tests.store.factory import cli_env

TRUST_AT = """
import sys, time
from pathlib import Path
from shenbao.core.packs.keys import read_public_file, trust
raw, name = read_public_file(Path(sys.argv[2]))
start = float(sys.argv[3])
while time.time() < start:  # every program changes the list at the same moment
    pass
trust(Path(sys.argv[1]), raw, name)
"""


def test_publishers_trusted_by_several_programs_at_once_are_all_kept(tmp_path: Path, data_dir: Path) -> None:
    keys = [keygen(tmp_path / f"k{i}", name=f"发布者{i}")[0] for i in range(6)]
    folder = packs_folder(data_dir)
    start = time.time() + 2
    programs = [
        subprocess.Popen(
            [sys.executable, "-c", TRUST_AT, str(folder), str(key), str(start)],
            env=cli_env(data_dir),
            stderr=subprocess.PIPE,
            text=True,
        )
        for key in keys
    ]
    errors = [p.communicate(timeout=120)[1] for p in programs]
    assert [p.returncode for p in programs] == [0] * 6, errors
    assert sorted(k.name for k in trusted_keys(folder)) == [f"发布者{i}" for i in range(6)]
