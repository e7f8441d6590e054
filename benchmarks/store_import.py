"""Import 1,000 profiles into a fresh store and report the time and the database's size.

Run: .venv/bin/python benchmarks/store_import.py [COUNT]
Each step's time is the median of three rounds, each in a fresh store.
Each profile carries a two-engineer roster and a phone, so the encryption is part of the cost. The key
comes from a passphrase (no keyring), as on a headless machine; scrypt runs once per process.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout import command_env  # this folder: the benchmarks' own helper

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT)]
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ["SHENBAO_PASSPHRASE"] = "benchmark passphrase"

from tests.store.factory import make_profile  # noqa: E402

from shenbao.core.store import Store  # noqa: E402
from shenbao.core.store.transfer import export_bundle, import_into, read_sources  # noqa: E402


def db_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("shenbao.db*"))


ROUNDS = 3  # each step's median of three rounds: one round moves by a third on a shared machine


def one_round(base: Path, files: list[Path], count: int) -> list[tuple[str, float]]:
    """One round's steps and their seconds, in a folder of its own."""
    rows = []
    began = time.perf_counter()
    incoming = read_sources(files, lambda: None)
    checked = time.perf_counter()
    with Store.open(base / "a", daily_backup=False) as store:
        store.keys.cipher  # noqa: B018 -- the one scrypt, timed apart
        keyed = time.perf_counter()
        import_into(store, incoming)
        written = time.perf_counter()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        export_bundle(store, base / "all.shenbao", passphrase="transport")
        exported = time.perf_counter()
    rows.append((f"read and check {count} JSON profiles", checked - began))
    rows.append(("derive the data key (scrypt, once)", keyed - checked))
    rows.append((f"write {count} profiles (one transaction)", written - keyed))
    rows.append((f"export {count} to an encrypted bundle", exported - written))

    env = command_env(SHENBAO_BUNDLE_PASSPHRASE="transport")
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "shenbao", "--data-dir", str(base / "b"), "import", str(base / "all.shenbao")],
        env=env,
        check=True,
        capture_output=True,
    )
    rows.append((f"`shenbao import` of the {count}-profile bundle", time.perf_counter() - began))
    return rows


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--rows"]
    count = int(args[0]) if args else 1000
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        files = []
        for i in range(count):
            path = base / "in" / f"{i}.json"
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
            files.append(path)

        rounds = [one_round(base / f"round-{n}", files, count) for n in range(ROUNDS)]
        rows = [(name, statistics.median(r[i][1] for r in rounds)) for i, (name, _) in enumerate(rounds[0])]
        base = base / "round-0"

        if "--rows" in sys.argv:
            table = [(name, f"{seconds * 1000:.0f} ms", "") for name, seconds in rows]
            table.append(
                ("database size after import (checkpointed)", f"{db_size(base / 'a') / 1024:.0f} KiB", "")
            )
            print(json.dumps(table, ensure_ascii=False))
            return
        width = max(len(r[0]) for r in rows)
        print(f"{'step':<{width}}  seconds")
        for name, seconds in rows:
            print(f"{name:<{width}}  {seconds:7.2f}")
        print(
            f"{'database size after import (checkpointed)':<{width}}  {db_size(base / 'a') / 1024:7.0f} KiB"
        )
        print(
            f"{'bundle size (encrypted)':<{width}}  {(base / 'all.shenbao').stat().st_size / 1024:7.0f} KiB"
        )


if __name__ == "__main__":
    main()
