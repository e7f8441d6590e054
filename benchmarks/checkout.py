"""The checkout the benchmarks time, run as an installed app runs."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def command_env(**extra: str) -> dict[str, str]:
    """The environment of a command a benchmark starts: this checkout's code first on the path, whatever
    package the environment has installed, and modules loaded from their compiled bytecode as installed
    (not compiled again by every process because the shell says not to write bytecode); then `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "desktop"), os.environ.get("PYTHONPATH")]))
    env.update(extra)
    return env
