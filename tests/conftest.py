"""Shared test set-up: Qt runs offscreen, and the product's reference material (the policy seeds and the
example profiles) is found beside the repository in ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHENBAO_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "domain").is_dir():
        pytest.skip("../shared (policy seeds and example profiles) is not beside the repository")
    return SHARED


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; SHENBAO_DATA_DIR points at it for code that reads the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SHENBAO_DATA_DIR", str(folder))
    return folder
