"""A data folder as a park's script finds it, and what the script reads back from it: shared by the
tests of arguments that must leave it as it was."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import make_profile, make_uscc, shenbao

CODE = make_uscc(1)
VOUCHER = "fj2025.compute_voucher"


def declared_folder(data_dir: Path, tmp_path: Path) -> Path:
    """Two enterprises imported, a backup of the day, then a declaration made after it (#1)."""
    files = []
    for i in (1, 2):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    assert shenbao(data_dir, "import", *files).returncode == 0
    assert shenbao(data_dir, "backup").returncode == 0
    out = tmp_path / "申报书.pdf"
    rendered = shenbao(data_dir, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out))
    assert rendered.returncode == 0, rendered.stderr
    return data_dir


def state_of(data_dir: Path) -> tuple[object, ...]:
    """What a script reads back: every enterprise, every declaration with its history."""
    profiles = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    for row in profiles:
        row.pop("updated_at")
    listed = json.loads(shenbao(data_dir, "declarations", "list", "--format", "json").stdout)
    shown = [
        json.loads(shenbao(data_dir, "declarations", "show", str(d["id"]), "--format", "json").stdout)
        for d in listed
    ]
    return profiles, shown
