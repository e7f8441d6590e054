"""The reference material in tests/fixtures is a copy of the product's sources (the policy seed texts and the
catalogue's example profiles), kept in the repository so a fresh clone tests on its own. Where the sources
are checked out beside the repository (../shared, or SHENBAO_SHARED), the copies must equal them, file for
file, so an edited example or seed cannot drift away from what the tests check against."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO

SOURCES = Path(os.environ.get("SHENBAO_SHARED") or REPO.parent / "shared")
MIRRORED = ("domain/examples", "seeds")


def _files(root: Path) -> dict[str, bytes]:
    out = {}
    for folder in MIRRORED:
        for path in sorted((root / folder).glob("*")):
            if path.is_file():
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def test_fixtures_are_present() -> None:
    copies = _files(FIXTURES)
    assert sum(name.startswith("domain/examples/case-") for name in copies) >= 7
    assert sum(name.startswith("seeds/") for name in copies) >= 5


def test_fixtures_equal_their_sources() -> None:
    if not (SOURCES / "domain").is_dir():
        reason = f"the sources of tests/fixtures ({SOURCES}) are not beside this checkout; nothing to compare"
        if os.environ.get("SHENBAO_REQUIRE_SHARED"):
            pytest.fail(reason)
        pytest.skip(reason)
    sources, copies = _files(SOURCES), _files(FIXTURES)
    missing = sorted(set(sources) - set(copies))
    extra = sorted(set(copies) - set(sources))
    changed = sorted(name for name in set(sources) & set(copies) if sources[name] != copies[name])
    assert (missing, extra, changed) == ([], [], []), (
        f"tests/fixtures differs from {SOURCES}: copy again with "
        f"`cp -r {SOURCES}/domain/examples tests/fixtures/domain/ && cp {SOURCES}/seeds/* tests/fixtures/seeds/`"
    )
