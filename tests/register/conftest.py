"""The register's tests' store: a data folder with one enterprise saved (make_profile(1)); a test file
needing other enterprises defines its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.core.store import Store
from tests.register.helpers import make_profile


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        opened.save_profile(make_profile(1))
        yield opened
