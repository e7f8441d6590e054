"""Each pack test starts and ends with the shipped library in use, and an in-memory keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.core.forms import use_pack_forms
from shenbao.core.policies import use_catalogue

from .helpers import EXAMPLE, build_pack, make_key, trust_in


@pytest.fixture(autouse=True)
def shipped_library() -> Iterator[None]:
    use_catalogue(None)
    use_pack_forms({})
    yield
    use_catalogue(None)
    use_pack_forms({})


@pytest.fixture
def publisher(tmp_path: Path) -> tuple[Path, Path]:
    """A throwaway publisher key pair (private key, public key)."""
    return make_key(tmp_path / "publisher")


@pytest.fixture
def example_pack(tmp_path: Path, publisher: tuple[Path, Path]) -> Path:
    return build_pack(EXAMPLE, publisher[0], tmp_path / "example.shenbao-policy")


@pytest.fixture
def trusted(data_dir: Path, publisher: tuple[Path, Path]) -> Path:
    """The data folder, trusting the publisher."""
    trust_in(data_dir, publisher[1])
    return data_dir
