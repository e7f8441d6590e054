"""`shenbao import --dry-run` says what the same import without it would do: a profile file for an
enterprise already stored, given no --on-conflict, is refused, and with keep it is kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import make_profile, make_uscc, shenbao


def _write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_dry_run_of_a_stored_enterprise_without_on_conflict_says_the_import_is_refused(
    tmp_path: Path, data_dir: Path
) -> None:
    assert shenbao(data_dir, "import", str(_write(tmp_path / "p.json", make_profile(1)))).returncode == 0
    changed = _write(tmp_path / "changed.json", make_profile(1, name="改名后的企业"))
    new = _write(tmp_path / "new.json", make_profile(2))
    real = shenbao(data_dir, "import", str(changed), str(new))
    assert real.returncode == 2
    dry = shenbao(data_dir, "import", "--dry-run", str(changed), str(new))
    assert dry.returncode == 2, dry.stderr
    assert "替换" not in dry.stderr
    assert "已存在 1 家（未指定 --on-conflict，整个不导入）" in dry.stderr
    assert dry.stderr.splitlines()[-1] == real.stderr.strip()
    kept = shenbao(data_dir, "import", "--dry-run", "--on-conflict", "keep", str(changed), str(new))
    assert kept.returncode == 0, kept.stderr
    assert "预览：新增 1 家，保留已有 1 家" in kept.stderr and "替换" not in kept.stderr
    replaced = shenbao(data_dir, "import", "--dry-run", "--on-conflict", "replace", str(changed), str(new))
    assert replaced.returncode == 0, replaced.stderr
    assert f"替换 {make_uscc(1)}（改名后的企业）" in replaced.stderr
    listed = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    assert [(row["uscc"], row["name"]) for row in listed] == [(make_uscc(1), "福州测试0001科技有限公司")]


def test_keeping_enterprises_a_table_leaves_as_they_are_counts_them_unchanged(
    tmp_path: Path, data_dir: Path
) -> None:
    """The app's own table imported again with --on-conflict keep said 「保留已有 2 家」, as if two
    conflicts had been kept, where replace and no option said 「不变 2 家」: nothing differed."""
    for i in (1, 2):
        assert (
            shenbao(data_dir, "import", str(_write(tmp_path / f"{i}.json", make_profile(i)))).returncode == 0
        )
    table = tmp_path / "园区.csv"
    assert shenbao(data_dir, "export", "--out", str(table)).returncode == 0
    said = {}
    for option in ([], ["--on-conflict", "keep"], ["--on-conflict", "replace"]):
        run = shenbao(data_dir, "import", str(table), *option)
        assert run.returncode == 0, run.stderr
        said[tuple(option)] = run.stderr.strip().splitlines()[-1]
    assert set(said.values()) == {"导入完成：新增 0 家，更新 0 家，保留已有 0 家，不变 2 家"}, said


def test_a_profile_file_imported_again_unchanged_is_left_as_it_is(tmp_path: Path, data_dir: Path) -> None:
    """The same profile file imported twice was 「整体替换 1 家…档案内容不变」 the second time: the stored
    profile records where its fields came from and the file does not. Nothing differs: 不变."""
    path = _write(tmp_path / "p.json", make_profile(1))
    assert shenbao(data_dir, "import", str(path)).returncode == 0
    before = shenbao(data_dir, "profiles", "show", make_uscc(1), "--format", "json").stdout
    again = shenbao(data_dir, "import", str(path), "--on-conflict", "replace")
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip().splitlines()[-1] == "导入完成：新增 0 家，更新 0 家，保留已有 0 家，不变 1 家"
    assert shenbao(data_dir, "profiles", "show", make_uscc(1), "--format", "json").stdout == before
    changed = _write(tmp_path / "p2.json", make_profile(1, name="改名后的企业"))
    replaced = shenbao(data_dir, "import", str(changed), "--on-conflict", "replace")
    assert "更新 1 家" in replaced.stderr.strip().splitlines()[-1], replaced.stderr
