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


def hyphened(code: str) -> str:
    return f"{code[:8]}-{code[8:12]}-{code[12:16]}-{code[16:]}"


def test_a_code_written_with_hyphens_is_the_same_enterprise_as_without(
    tmp_path: Path, data_dir: Path
) -> None:
    """A park table row that writes the code in groups (91350100-0000-0050-37), then one that writes it
    plainly: one enterprise, stored under the plain code, not two."""
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(f"企业（单位）名称,统一社会信用代码\nA公司,{hyphened(CODE)}\n", encoding="utf-8")
    second.write_text(f"企业（单位）名称,统一社会信用代码\nA公司,{CODE}\n", encoding="utf-8")
    assert shenbao(data_dir, "import", str(first)).returncode == 0
    again = shenbao(data_dir, "import", str(second), "--on-conflict", "replace")
    assert again.returncode == 0, again.stderr
    listed = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    assert [row["uscc"] for row in listed] == [CODE]


def test_a_profile_file_with_a_hyphened_code_is_stored_plain_and_found_either_way(
    tmp_path: Path, data_dir: Path
) -> None:
    doc = make_profile(1)
    doc["enterprise"]["uscc"] = hyphened(CODE).lower()
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    imported = shenbao(data_dir, "import", str(profile))
    assert imported.returncode == 0, imported.stderr
    for typed in (CODE, hyphened(CODE)):
        shown = shenbao(data_dir, "profiles", "show", typed)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["enterprise"]["uscc"] == CODE
    doc["enterprise"]["uscc"] = CODE
    profile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    again = shenbao(data_dir, "import", str(profile), "--on-conflict", "replace")
    assert again.returncode == 0, again.stderr
    listed = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    assert [row["uscc"] for row in listed] == [CODE]
    preview = shenbao(
        data_dir, "preview", "--uscc", hyphened(CODE), "--as-of", "2026-11-22", "--format", "json"
    )
    assert preview.returncode == 0, preview.stderr


def test_an_id_number_with_a_lower_case_x_is_stored_and_shown_with_a_capital_x(
    tmp_path: Path, data_dir: Path
) -> None:
    doc = {
        "format": "shenbao-profile/1",
        "enterprise": {"name": "X公司", "uscc": CODE},
        "facts": {
            "core_engineers": [
                {"name": "张三", "id_number": "35010219620409018x"},
                {"name": "李四", "id_number": "350102199001010016"},
            ]
        },
    }
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    shown = shenbao(data_dir, "profiles", "show", CODE)
    assert shown.returncode == 0, shown.stderr
    roster = json.loads(shown.stdout)["facts"]["core_engineers"]
    assert [row["id_number"] for row in roster] == ["35010219620409018X", "350102199001010016"]
