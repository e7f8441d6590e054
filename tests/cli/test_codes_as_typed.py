"""A 统一社会信用代码 given to the real `shenbao` command as people copy it: with spaces inside (from a
licence or a document), in lower case, in full-width letters and digits."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import make_profile, make_uscc, shenbao

CODE = make_uscc(1)


def spaced(code: str) -> str:
    return f" {code[:8]} {code[8:].lower()} "


def wide(code: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in code)


def test_a_code_with_spaces_lower_case_or_full_width_finds_the_enterprise(
    tmp_path: Path, data_dir: Path
) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    for typed in (spaced(CODE), wide(CODE)):
        shown = shenbao(data_dir, "profiles", "show", typed)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["enterprise"]["uscc"] == CODE
        listed = shenbao(data_dir, "declarations", "list", "--uscc", typed, "--format", "json")
        assert listed.returncode == 0, listed.stderr
    out = tmp_path / "one.csv"
    exported = shenbao(data_dir, "export", "--out", str(out), "--uscc", spaced(CODE))
    assert exported.returncode == 0, exported.stderr
    assert CODE in out.read_text(encoding="utf-8-sig")
    removed = shenbao(data_dir, "profiles", "rm", spaced(CODE))
    assert removed.returncode == 0, removed.stderr
    assert f"已删除 {CODE}" in removed.stderr
    listed = shenbao(data_dir, "profiles", "list", "--format", "json")
    assert json.loads(listed.stdout) == []
