"""The parsed policy files kept between starts: used only for the very bytes they were parsed from,
rebuilt when damaged, never more than plain TOML values, and never in the way when they cannot be kept."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import pickle
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.core import policies, toml_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SHENBAO_CACHE_DIR", str(folder))
    toml_cache.forget()
    yield folder / toml_cache.FILE_NAME
    toml_cache.forget()


def _stored(path: Path) -> dict:
    return marshal.loads(path.read_bytes())["files"]


def _restart() -> None:
    """What a new process sees: nothing read from the cache file yet."""
    toml_cache.flush()
    toml_cache.forget()


def test_a_file_parsed_once_is_read_from_the_cache_for_the_same_bytes(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_text('title = "算力券"\nstart = 2025-11-04\n', encoding="utf-8")
    first = toml_cache.load(source)
    _restart()
    key = str(source.resolve())
    digest, _blob = _stored(cache)[key]
    # what the cache holds is what is returned: an entry changed in place shows through
    planted = {"title": "缓存", "start": first["start"]}
    cache.write_bytes(marshal.dumps({"python": sys.version, "files": {key: (digest, pickle.dumps(planted))}}))
    assert toml_cache.load(source) == planted
    assert first == {"title": "算力券", "start": dt.date(2025, 11, 4)}


def test_changed_bytes_are_parsed_again_whatever_the_file_dates_say(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_text("amount = 100\n", encoding="utf-8")
    assert toml_cache.load(source) == {"amount": 100}
    _restart()
    stat = source.stat()
    source.write_text("amount = 900\n", encoding="utf-8")  # same size
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the old date
    assert toml_cache.load(source) == {"amount": 900}


def test_each_load_returns_its_own_copy(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_text("items = [1, 2]\n", encoding="utf-8")
    toml_cache.load(source)["items"].append(3)
    _restart()
    toml_cache.load(source)["items"].append(4)
    assert toml_cache.load(source) == {"items": [1, 2]}


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal at all",
        marshal.dumps(["a", "list"]),
        marshal.dumps({"python": "2.7", "files": {}}),
    ],
)
def test_a_damaged_cache_file_is_parsed_past_and_rewritten(
    tmp_path: Path, cache: Path, damage: bytes
) -> None:
    source = tmp_path / "a.toml"
    source.write_text("x = 1\n", encoding="utf-8")
    cache.parent.mkdir(parents=True)
    cache.write_bytes(damage)
    assert toml_cache.load(source) == {"x": 1}
    _restart()
    assert str(source.resolve()) in _stored(cache)


class _Shell:
    def __reduce__(self) -> tuple:
        return (os.system, ("echo pwned",))


def test_an_entry_holding_anything_but_plain_values_is_refused(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "a.toml"
    source.write_text("x = 1\n", encoding="utf-8")
    toml_cache.load(source)
    _restart()
    key = str(source.resolve())
    digest, _blob = _stored(cache)[key]
    cache.write_bytes(
        marshal.dumps({"python": sys.version, "files": {key: (digest, pickle.dumps(_Shell()))}})
    )
    assert toml_cache.load(source) == {"x": 1}


def test_a_bad_file_still_fails_with_its_reason(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "bad.toml"
    source.write_text("x = = 1\n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        toml_cache.load(source)
    with pytest.raises(policies.PolicyDataError, match="bad.toml"):
        policies._load_toml(source)


def test_an_unwritable_cache_folder_costs_only_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SHENBAO_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    toml_cache.forget()
    source = tmp_path / "a.toml"
    source.write_text("x = 1\n", encoding="utf-8")
    assert toml_cache.load(source) == {"x": 1}
    toml_cache.flush()
    toml_cache.forget()


def test_the_library_loads_the_same_from_the_cache(cache: Path) -> None:
    parsed = policies.load_catalogue()
    assert cache.is_file()
    toml_cache.forget()
    assert policies.load_catalogue() == parsed


def test_a_library_read_from_the_cache_loads_no_parser_pickler_or_openssl(tmp_path: Path) -> None:
    """Once the library's files are kept, a start that judges reads them back without importing tomllib,
    pickle's Python half or hashlib (OpenSSL): what start-up does not need, it does not load."""
    code = (
        "import sys; from shenbao.core import policies; cat = policies.load_catalogue();"
        "print(cat.version);"
        "print('LOADED', [m for m in ('tomllib', 'pickle', 'hashlib', '_hashlib', 'calendar') if m in sys.modules])"
    )
    env = {**os.environ, "SHENBAO_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert "'tomllib'" in first.stdout  # the first start parses, and keeps what it parsed
    assert again.stdout.splitlines()[-1] == "LOADED []", again.stdout
    assert again.stdout.splitlines()[0] == first.stdout.splitlines()[0] == policies.load_catalogue().version


def test_the_library_version_is_the_sha256_of_its_files() -> None:
    """The version's suffix: SHA-256 over each file's relative path, a NUL and its bytes, in path order."""
    import hashlib

    from shenbao import paths

    folder = paths.policies()
    digest = hashlib.sha256()
    for f in sorted(folder.rglob("*.toml")):
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    assert policies.load_catalogue().version.endswith("+" + digest.hexdigest()[:8])
