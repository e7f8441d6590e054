"""What `shenbao key` says when there is nothing to change: `--rotate` on a data folder that has no data
key yet made one and said 「已更换数据密钥，重新加密 0 项」, and `--to passphrase` given the passphrase
already in use said 「已更换数据口令」. Each now says that nothing changed, exits 0 as `--to keyring` does
for a key already there, and leaves the data folder as it was."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import PASSPHRASE, dumped, make_profile, make_uscc, shenbao


def backups(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((folder / "backups").glob("*.db"))}


def a_profile(tmp_path: Path, i: int, *, secrets: bool) -> Path:
    doc = make_profile(i, engineers=2 if secrets else 0)
    if not secrets:
        doc["enterprise"].pop("contact_phone")
    path = tmp_path / f"企业{i}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_rotating_before_any_secret_was_saved_says_there_is_no_key_and_makes_none(tmp_path: Path) -> None:
    data = tmp_path / "data"
    imported = shenbao(data, "import", str(a_profile(tmp_path, 1, secrets=False)))
    assert imported.returncode == 0, imported.stderr
    assert shenbao(data, "backup").returncode == 0
    before, kept = dumped(data / "shenbao.db"), backups(data)

    for args in (["--rotate"], ["--rotate", "--backups", "delete"], ["--rotate", "--backups", "reencrypt"]):
        run = shenbao(data, "key", *args)
        assert run.returncode == 0, run.stderr
        assert run.stderr.strip().splitlines() == [
            "尚未创建密钥：首次保存身份证号或联系电话时才会创建，无需更换"
        ]
        assert (
            dumped(data / "shenbao.db") == before and backups(data) == kept
        )  # no key made, no backup touched
    shown = shenbao(data, "key")
    assert shown.stdout.startswith("none  尚未创建密钥")

    # the first secret makes the key; a change of key then does what it says
    assert shenbao(data, "import", str(a_profile(tmp_path, 2, secrets=True))).returncode == 0
    run = shenbao(data, "key", "--rotate", "--backups", "delete")
    assert run.returncode == 0 and run.stderr.startswith("已更换数据密钥，重新加密 1 项"), run.stderr
    listed = shenbao(data, "profiles", "show", make_uscc(2))
    assert json.loads(listed.stdout)["facts"]["core_engineers"] == make_profile(2)["facts"]["core_engineers"]


def test_the_passphrase_in_use_given_again_says_nothing_changed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert shenbao(data, "import", str(a_profile(tmp_path, 1, secrets=True))).returncode == 0
    assert shenbao(data, "backup").returncode == 0
    before, kept = dumped(data / "shenbao.db"), backups(data)

    same = shenbao(data, "key", "--to", "passphrase", SHENBAO_NEW_PASSPHRASE=PASSPHRASE)
    assert same.returncode == 0, same.stderr
    assert same.stderr.strip().splitlines() == ["口令未变：新口令与现用的数据口令相同，未作更改"]
    assert dumped(data / "shenbao.db") == before and backups(data) == kept

    new = "另一个数据口令 2026"
    changed = shenbao(data, "key", "--to", "passphrase", SHENBAO_NEW_PASSPHRASE=new)
    assert changed.returncode == 0 and changed.stderr.strip() == "已更换数据口令", changed.stderr
    assert dumped(data / "shenbao.db") != before
    shown = shenbao(data, "profiles", "show", make_uscc(1), SHENBAO_PASSPHRASE=new)
    assert json.loads(shown.stdout)["facts"]["core_engineers"] == make_profile(1)["facts"]["core_engineers"]
    assert shenbao(data, "profiles", "show", make_uscc(1)).returncode == 2  # the old one opens nothing


def test_the_first_key_made_under_a_passphrase_is_said_to_be_made(tmp_path: Path) -> None:
    """`--to passphrase` on a folder with no key makes the key there (the secrets saved later are under
    it): it said 「密钥已改由数据口令保护」, as if a key had been moved."""
    data = tmp_path / "data"
    assert shenbao(data, "import", str(a_profile(tmp_path, 1, secrets=False))).returncode == 0
    run = shenbao(data, "key", "--to", "passphrase", SHENBAO_NEW_PASSPHRASE=PASSPHRASE)
    assert run.returncode == 0 and run.stderr.strip() == "已创建数据密钥，由数据口令保护，请牢记口令", (
        run.stderr
    )
    assert shenbao(data, "key").stdout.startswith("passphrase  ")
