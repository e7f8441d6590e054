"""The fixtures of the command line's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.walk import declared_folder


@pytest.fixture
def declared(data_dir: Path, tmp_path: Path) -> Path:
    """A data folder with two enterprises, a backup of the day, then declaration #1 made after it."""
    return declared_folder(data_dir, tmp_path)
