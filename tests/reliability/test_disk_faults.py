"""The store on a full disk and on a read-only data folder: real small file systems (tmpfs mounted for
the test), the real `shenbao` command. Needs the right to mount; skipped where it is not given."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.core.store import Store
from shenbao.core.store.db import StoreError
from tests.store.factory import make_profile, shenbao


def _mount(point: Path, size: str) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], capture_output=True
    )
    return run.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    if not _mount(point, "700k"):
        pytest.skip("no permission to mount a small file system here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def count_and_integrity(db: Path) -> tuple[int, str]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprises").fetchone()[0], conn.execute(
            "PRAGMA integrity_check"
        ).fetchone()[0]
    finally:
        conn.close()


def test_a_full_disk_refuses_the_save_in_plain_words_and_keeps_what_was_saved(
    small_disk: Path, no_keyring
) -> None:
    store = Store.open(small_disk / "data", daily_backup=False)
    saved = 0
    with pytest.raises(StoreError, match="磁盘已满"):
        for i in range(5000):
            store.save_profile(make_profile(i))
            saved += 1
    assert saved > 0
    assert store.count_enterprises() == saved
    assert (
        store.get_profile(make_profile(0)["enterprise"]["uscc"])["enterprise"]["name"]
        == make_profile(0)["enterprise"]["name"]
    )
    store.close()
    count, integrity = count_and_integrity(small_disk / "data" / "shenbao.db")
    assert (count, integrity) == (saved, "ok")


def test_an_import_onto_a_full_disk_is_all_or_nothing(small_disk: Path, tmp_path: Path, no_keyring) -> None:
    data = small_disk / "data"
    first = shenbao(data, "import", *[str(_write(tmp_path / "a", i)) for i in range(3)])
    assert first.returncode == 0, first.stderr
    many = [str(_write(tmp_path / "b", i)) for i in range(100, 1600)]
    run = shenbao(data, "import", *many)
    assert run.returncode == 2
    assert "磁盘已满" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert count_and_integrity(data / "shenbao.db") == (3, "ok")


def test_a_read_only_data_folder_is_refused_in_plain_words(small_disk: Path, no_keyring) -> None:
    store = Store.open(small_disk / "data", daily_backup=False)
    store.save_profile(make_profile(1))
    store.close()
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    with pytest.raises(StoreError, match="只读"):
        Store.open(small_disk / "data")
    run = shenbao(small_disk / "data", "profiles", "list")
    assert run.returncode == 2 and "只读" in run.stderr and "损坏" not in run.stderr


def _write(folder: Path, i: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{i}.json"
    path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
    return path
