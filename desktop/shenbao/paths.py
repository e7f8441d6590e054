"""Where the shipped data lives: resources/ and forms/ beside the source tree, or inside a frozen bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def root() -> Path:
    """The folder holding resources/ and forms/.

    SHENBAO_HOME overrides; a PyInstaller bundle keeps them under sys._MEIPASS; from a checkout they
    sit two levels above the package (desktop/shenbao → repository root).
    """
    env = os.environ.get("SHENBAO_HOME")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources() -> Path:
    return root() / "resources"


def policies() -> Path:
    return resources() / "policies"


def forms() -> Path:
    return root() / "forms"


def fonts() -> Path:
    return resources() / "fonts"


def docs() -> Path:
    """The user guides (用户指南.md, user-guide.md) and their pictures under images/."""
    return root() / "docs"
