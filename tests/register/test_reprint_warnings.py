"""`shenbao declarations regenerate` (a lost 申报书 printed again from its basis) warns of what the first
print warned of — a 申报日期 outside the policy's term — one `shenbao: 警告：…` line each on stderr as
`shenbao render` does, exit 0; before, the reprint said nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.register.helpers import VOUCHER, make_profile, make_uscc
from tests.store.factory import shenbao

WARNING = "shenbao: 警告："


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(WARNING)]


def test_a_reprint_warns_as_the_first_print_did(data_dir: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    out = tmp_path / "申报书.pdf"
    first = shenbao(
        data_dir, "render", "--uscc", make_uscc(1), "--measure", VOUCHER, "--out", str(out),
        "--declared-on", "2030-01-05",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    said = _warnings(first.stderr)
    assert len(said) == 1 and "申报日期 2030-01-05 在该政策有效期" in said[0], first.stderr
    out.unlink()  # the file lost

    again = shenbao(data_dir, "declarations", "regenerate", "1")
    assert again.returncode == 0, again.stderr
    assert _warnings(again.stderr) == said
    assert again.stdout.startswith(str(out))
    assert out.read_bytes().startswith(b"%PDF-")

    elsewhere = tmp_path / "副本.pdf"
    copy = shenbao(data_dir, "declarations", "regenerate", "1", "--out", str(elsewhere))
    assert copy.returncode == 0, copy.stderr
    assert _warnings(copy.stderr) == said


def test_a_reprint_without_warnings_says_none(data_dir: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    out = tmp_path / "申报书.pdf"
    first = shenbao(data_dir, "render", "--uscc", make_uscc(1), "--measure", VOUCHER, "--out", str(out))
    assert first.returncode == 0 and not _warnings(first.stderr), first.stderr
    out.unlink()
    again = shenbao(data_dir, "declarations", "regenerate", "1")
    assert again.returncode == 0 and again.stderr == "", again.stderr
