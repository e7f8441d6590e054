"""Running the real command on a hostile input and checking the rule for every input: exit 2, one line
on stderr naming the reason, no traceback, bounded CPU time and memory, and the store exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from tests.store.factory import cli_env

CPU_SECONDS = 10.0
MEASURED = """
import os, runpy, sys
peak = sys.argv.pop(1)
def record():
    try:
        with open("/proc/self/status") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    with open(peak, "w") as out:
        out.write(str(kib / 1024))
sys.argv[0] = "shenbao"
try:
    runpy.run_module("shenbao", run_name="__main__", alter_sys=True)
finally:
    record()
"""
"""`python -m shenbao ARGS`, then the peak memory of this process alone (VmHWM, which the kernel resets at
exec, unlike the rusage of a child forked from a large test process)."""
MEMORY_MB = 500.0


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu: float
    memory_mb: float


def run_measured(data_dir: Path, *args: str, stdin: bytes | None = None, **env: str) -> Run:
    """`shenbao ARGS` in a child process, with the CPU time and peak memory the child used (from the
    kernel's accounting, not the wall clock, so a busy machine does not change the answer)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as feed:
        feed.write(stdin or b"")
        feed.seek(0)
        peak = Path(tempfile.mkdtemp()) / "peak"
        proc = subprocess.Popen(
            [sys.executable, "-c", MEASURED, str(peak), *args],
            env=cli_env(data_dir, **env),
            stdin=feed if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        guard = threading.Timer(300, proc.kill)  # a hung child fails the test instead of hanging it
        guard.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            guard.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        memory = float(peak.read_text()) if peak.exists() else usage.ru_maxrss / 1024
        shutil.rmtree(peak.parent, ignore_errors=True)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_utime + usage.ru_stime,
            memory,
        )


def assert_refused_cheaply(run: Run, *words: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr[-2000:]
    assert lines[0].startswith("shenbao: ") and "Traceback" not in run.stderr
    assert len(lines[0]) < 1000, lines[0][:300]
    for word in words:
        assert word in lines[0], lines[0]
    assert run.memory_mb < MEMORY_MB, run.memory_mb
    assert run.cpu < CPU_SECONDS, run.cpu


def stored_state(folder: Path) -> tuple[list[str], list[str]]:
    """Everything the folder holds: every file's name, and the database's whole content as SQL."""
    names = sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(("-wal", "-shm"))
    )
    db = folder / "shenbao.db"
    if not db.exists():
        return names, []
    wal = db.with_name(db.name + "-wal")
    # immutable (creating nothing beside it: no stubs on a full disk) unless a log holds changes
    tries = (
        ("mode=ro", "mode=ro&immutable=1")
        if wal.exists() and wal.stat().st_size
        else ("mode=ro&immutable=1",)
    )
    for params in tries:
        conn = sqlite3.connect(f"{db.as_uri()}?{params}", uri=True)
        try:
            return names, list(conn.iterdump())
        except sqlite3.OperationalError:
            continue
        finally:
            conn.close()
    raise AssertionError(f"{db} cannot be read")
