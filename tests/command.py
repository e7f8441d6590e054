"""The real `shenbao` command in a subprocess, as a user's shell runs it: UTF-8 output, no input, bounded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_shenbao(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m shenbao ARGS` with this environment plus `env`; stdout and stderr captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "shenbao", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        cwd=cwd,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
