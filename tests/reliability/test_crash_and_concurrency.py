"""The store under a killed process and two processes at once: real files, real `shenbao import`."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from shenbao.core.model import parse_profile
from shenbao.core.store import Store
from tests.store.factory import PASSPHRASE, cli_env, make_profile, make_uscc, shenbao

BATCH = 300


def write_batch(folder: Path, start: int, count: int = BATCH) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"{i}.json"
        path.write_text(json.dumps(make_profile(i, engineers=1), ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def start_import(data_dir: Path, files: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "shenbao", "import", *files],
        env=cli_env(data_dir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def integrity_and_count(data_dir: Path) -> tuple[str, int]:
    conn = sqlite3.connect(data_dir / "shenbao.db")
    try:
        return (
            conn.execute("PRAGMA integrity_check").fetchone()[0],
            conn.execute("SELECT count(*) FROM enterprises").fetchone()[0],
        )
    finally:
        conn.close()


def test_an_import_killed_at_any_moment_leaves_all_or_none(tmp_path: Path, no_keyring: None) -> None:
    data_dir = tmp_path / "data"
    assert shenbao(data_dir, "import", *write_batch(tmp_path / "seed", 100_000, 1)).returncode == 0
    timing = tmp_path / "timing"
    assert shenbao(timing, "import", *write_batch(tmp_path / "seed", 100_000, 1)).returncode == 0
    began = time.monotonic()
    assert shenbao(timing, "import", *write_batch(tmp_path / "t", 90_000)).returncode == 0
    full = time.monotonic() - began

    rng = random.Random(20261122)
    count = 1
    outcomes = []
    for round_ in range(8):
        files = write_batch(tmp_path / f"b{round_}", round_ * 1000)
        process = start_import(data_dir, files)
        time.sleep(rng.uniform(0.3, 1.0) * full)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.stderr is not None
        process.stderr.close()
        outcomes.append(process.returncode)
        check, now = integrity_and_count(data_dir)
        assert check == "ok"
        assert now - count in (0, BATCH), f"round {round_}: {now - count} of {BATCH} profiles were imported"
        count = now
    assert -signal.SIGKILL in outcomes, "no import was killed: the timing is off"
    with Store.open(data_dir) as store:
        codes = [r.uscc for r in store.list_enterprises()]
        assert len(codes) == count
        for code in codes[:: max(1, len(codes) // 20)]:
            assert store.get_profile(code)["facts"]["core_engineers"]


def test_two_processes_importing_at_once_lose_nothing(tmp_path: Path, no_keyring: None) -> None:
    data_dir = tmp_path / "fresh"
    first = start_import(data_dir, write_batch(tmp_path / "a", 0, 150))
    second = start_import(data_dir, write_batch(tmp_path / "b", 5000, 150))
    errors = []
    for process in (first, second):
        assert process.stderr is not None
        errors.append(process.stderr.read().decode())
        process.stderr.close()
        process.wait()
    assert (first.returncode, second.returncode) == (0, 0), errors
    assert integrity_and_count(data_dir) == ("ok", 300)
    result = shenbao(
        data_dir,
        "export",
        "--out",
        str(tmp_path / "all.shenbao"),
        "--passphrase",
        SHENBAO_BUNDLE_PASSPHRASE=PASSPHRASE,
    )
    assert result.returncode == 0, result.stderr
    with Store.open(data_dir) as store:
        for i in (0, 149, 5000, 5149):
            stored = store.get_profile(make_uscc(i))
            assert stored.pop("provenance")["enterprise.name"]["source"] == "imported"
            assert stored == {k: v for k, v in make_profile(i, engineers=1).items() if k != "format"}


OPEN_AT = """
import sys, time
from pathlib import Path
from shenbao.core.store import db
start = float(sys.argv[2])
while time.time() < start:  # both programs open the new folder at the same moment
    pass
db.open_database(Path(sys.argv[1])).close()
"""


def test_two_programs_opening_a_new_data_folder_at_once_both_open_it(tmp_path: Path) -> None:
    """SQLite does not wait on its busy handler to switch a new file to write-ahead logging: the second
    program used to stop with 「数据库正被另一程序长时间占用」 about one time in five."""
    for i in range(15):
        folder = tmp_path / f"new{i}"
        start = str(time.time() + 0.5)
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_AT, str(folder), start],
                env=cli_env(folder),
                stdin=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        errors = [run.communicate(timeout=60)[1].decode() for run in runs]
        assert [run.returncode for run in runs] == [0, 0], errors
        assert integrity_and_count(folder) == ("ok", 0)


def run_while_deleting(tmp_path: Path, count: int, *args: str) -> tuple[str, int]:
    """`shenbao ARGS` on a folder of `count` enterprises while another connection deletes one every
    20 ms from the end of the order the command reads them in; what it said and how many were deleted."""
    data_dir = tmp_path / "data"
    with Store.open(data_dir, daily_backup=False) as store:
        profiles = []
        for i in range(count):
            doc = make_profile(i, engineers=0)
            del doc["enterprise"]["contact_phone"]
            profiles.append(parse_profile(doc))
        store.save_profiles(profiles)
        order = [row.uscc for row in store.list_enterprises()]
    command = subprocess.Popen(
        [sys.executable, "-m", "shenbao", *args],
        env=cli_env(data_dir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    deleted = 0
    with Store.open(data_dir, daily_backup=False) as other:
        while command.poll() is None:
            deleted += 1
            other.delete_enterprise(order[-deleted])
            time.sleep(0.02)
    said, errors = command.communicate()
    assert command.returncode == 0, errors
    with Store.open(data_dir, daily_backup=False) as store:
        assert store.count_enterprises() == count - deleted  # every deletion stands
    return said + errors, deleted


def test_an_export_while_another_program_deletes_writes_the_folder_as_it_was(
    tmp_path: Path, no_keyring: None
) -> None:
    """A park's whole export takes seconds (25,000 enterprises: 20 s); an enterprise deleted meanwhile in
    the window or by `shenbao profiles rm` stopped it near its end with 没有统一社会信用代码为 … 的企业.
    It now reads the folder as it was when it began."""
    out = tmp_path / "all.shenbao"
    told, deleted = run_while_deleting(tmp_path, 8000, "export", "--out", str(out), "--omit-sensitive")
    exported = int(told.split("已导出 ")[1].split(" 家企业")[0])
    assert 8000 - deleted <= exported <= 8000 and deleted > 10


def test_a_park_report_while_another_program_deletes_reports_the_folder_as_it_was(
    tmp_path: Path, no_keyring: None
) -> None:
    """`shenbao report --stored` read every stored enterprise one by one as well, and stopped the same way."""
    out = tmp_path / "园区报告.pdf"
    told, deleted = run_while_deleting(tmp_path, 3000, "report", "--stored", "--out", str(out))
    reported = int(told.split(f"{out}：")[1].split(" 家企业")[0])
    assert 3000 - deleted <= reported <= 3000 and deleted > 10
