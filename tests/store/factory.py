"""Test material for the store: valid codes and ID numbers, profiles, keyrings, and the real command."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
from stdnum.cn import uscc

from shenbao.core.fieldkinds import iso7064_check
from tests.command import run_shenbao

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "正确的马电池订书钉"


def make_uscc(i: int) -> str:
    first = "91350100" + f"{i:09d}"
    return first + uscc.calc_check_digit(first)


def make_id_number(i: int) -> str:
    body = "350102" + f"{1990 + i % 15:04d}{1 + i % 12:02d}{1 + i % 28:02d}" + f"{i % 1000:03d}"
    return body + iso7064_check(body)


def make_profile(i: int, *, engineers: int = 2, name: str | None = None) -> dict[str, Any]:
    """A valid profile with a roster and a phone (the sensitive fields) and some unknown keys."""
    doc: dict[str, Any] = {
        "format": "shenbao-profile/1",
        "enterprise": {
            "name": name or f"福州测试{i:04d}科技有限公司",
            "uscc": make_uscc(i),
            "org_type": "enterprise",
            "province": "福建省",
            "city": "福州市",
            "district": ["鼓楼区", "台江区", "仓山区", "晋安区"][i % 4],
            "is_ai_enterprise": True,
            "contact_phone": f"1380013{i % 10000:04d}",
            "recognitions": [{"kind": "provincial_new_rd_institution", "date": "2024-07-01"}],
            "x_park_note": "园区备注",
        },
        "facts": {
            "compute_purchase_amount": 250000 + i,
            "compute_subsidy_year_index": 1,
            "infra_domestic_chip_ratio": 0.35,
            "ai_products": [{"name": "智能质检", "category": "软件"}],
        },
        "x_extension": {"kept": [1, 2, 3]},
    }
    if engineers:
        doc["facts"]["core_engineers"] = [
            {"name": f"工程师{i}-{k}", "id_number": make_id_number(i * 10 + k)} for k in range(engineers)
        ]
    return doc


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps its entries in a dict, for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


class ForgetfulKeyring(MemoryKeyring):
    """A keyring that answers but keeps nothing it is given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for the real command: no keyring (so the passphrase path), our data folder."""
    env = dict(os.environ)
    env.update(
        SHENBAO_DATA_DIR=str(data_dir),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        SHENBAO_PASSPHRASE=PASSPHRASE,
        PYTHONPATH=str(REPO / "desktop"),
    )
    env.pop("SHENBAO_BUNDLE_PASSPHRASE", None)
    env.update(extra)
    return env


def shenbao(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command on `data_dir`, with the environment of `cli_env`."""
    return run_shenbao(*args, env=cli_env(data_dir, **env))


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one line on stderr, no traceback."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("shenbao: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


# Two Latin words in a row: a sentence of a library's or a parser's, where only a name (XML, PDF, zip,
# JSON) belongs in a Chinese reason.
ENGLISH = re.compile(r"[A-Za-z]{2,}[\s:,'-]+[A-Za-z]{2,}")


def refusal_reason(result: subprocess.CompletedProcess[str], path: Path) -> str:
    """The reason of a one-line refusal naming `path`, after the path; asserted to be no English."""
    assert_refused(result, str(path))
    reason = result.stderr.strip().split(f"{path}: ", 1)[1]
    assert not ENGLISH.search(reason), reason
    return reason


def raw_bytes(folder: Path) -> bytes:
    """Every byte of every file under `folder`, in path order: to find a secret written in the clear."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def dumped(db: Path) -> list[str]:
    """A whole database file as SQL: what is compared where nothing may have changed."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def a_secret(db: Path) -> tuple[bytes, str]:
    """An enterprise's encrypted part in a database file, with the context it is encrypted for."""
    conn = sqlite3.connect(db)
    try:
        blob, uscc = conn.execute(
            "SELECT secrets, uscc FROM enterprises WHERE secrets IS NOT NULL"
        ).fetchone()
    finally:
        conn.close()
    return blob, f"enterprise:{uscc}"
