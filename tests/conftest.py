"""Shared test set-up: Qt runs offscreen, and the product's reference material (the policy seeds and the
example profiles) is read from tests/fixtures, which the repository holds, so a fresh clone with nothing
beside it runs every test. tests/test_fixtures_sync.py keeps the copies equal to their sources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLES = FIXTURES / "domain" / "examples"
SEEDS = FIXTURES / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder; SHENBAO_DATA_DIR points at it for code that reads the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SHENBAO_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The optional recognition extra absent, as on a machine that never installed it: importing it
    fails, as it would there."""
    from shenbao.core.documents.licence import ocr_available

    for name in ("rapidocr", "onnxruntime", "cv2"):
        monkeypatch.setitem(sys.modules, name, None)
    assert not ocr_available()
