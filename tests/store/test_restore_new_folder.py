"""A backup brought to a new laptop and restored there with `shenbao restore FILE`, before the app has
ever run: the data folder does not exist yet. The refusal said the folder was read-only."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


def a_backup(tmp_path: Path) -> Path:
    """The backup file of the old laptop's data folder, copied to the new one."""
    old = tmp_path / "old"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(make_profile(1, engineers=3), ensure_ascii=False), encoding="utf-8")
    assert shenbao(old, "import", str(profile)).returncode == 0
    made = shenbao(old, "backup")
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.strip())


def test_a_backup_is_restored_into_the_user_data_folder_not_made_yet(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    home = {"SHENBAO_DATA_DIR": "", "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    restored = shenbao(tmp_path / "unused", "restore", str(backup), **home)
    assert restored.returncode == 0, restored.stderr
    assert (tmp_path / "xdg" / "shenbao" / "shenbao.db").is_file()
    shown = shenbao(tmp_path / "unused", "profiles", "show", make_uscc(1), **home)
    assert shown.returncode == 0, shown.stderr
    assert (
        json.loads(shown.stdout)["facts"]["core_engineers"]
        == make_profile(1, engineers=3)["facts"]["core_engineers"]
    )


def test_a_data_folder_named_that_does_not_exist_is_refused_as_such(tmp_path: Path) -> None:
    backup = a_backup(tmp_path)
    mistyped = tmp_path / "shenbao-dat"
    refused = shenbao(mistyped, "restore", str(backup))
    assert_refused(refused, str(mistyped), "不存在")
    assert "只读" not in refused.stderr
    assert not mistyped.exists()
