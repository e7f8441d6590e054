"""The system keyring failing under the real command: its service gone or locked, raising errors of the
platform's own kind. Reading what needs no key goes on; what needs the key is refused in one line that
names the keyring; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.helpers import stored_state
from tests.store.factory import REPO, assert_refused, make_profile, make_uscc, shenbao


def keyring_env(tmp_path: Path, backend: str) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": f"tests.reliability.keyrings.{backend}",
        "SHENBAO_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": f"{REPO / 'desktop'}:{REPO}",
        "SHENBAO_PASSPHRASE": "",
    }


def test_a_keyring_that_stops_answering_refuses_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    files = []
    for i in (1, 2):
        files.append(tmp_path / f"{i}.json")
        files[-1].write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
    saved = shenbao(data, "import", str(files[0]), **keyring_env(tmp_path, "FileKeyring"))
    assert saved.returncode == 0, saved.stderr
    assert shenbao(data, "backup", **keyring_env(tmp_path, "FileKeyring")).returncode == 0
    assert "data-key:" in (tmp_path / "keyring.json").read_text(encoding="utf-8")
    before = stored_state(data)

    gone = keyring_env(tmp_path, "GoneKeyring")
    listed = shenbao(data, "profiles", "list", "--format", "json", **gone)
    assert listed.returncode == 0, listed.stderr
    assert [row["uscc"] for row in json.loads(listed.stdout)] == [make_uscc(1)]
    assert_refused(shenbao(data, "profiles", "show", make_uscc(1), **gone), "系统钥匙串")
    assert_refused(shenbao(data, "import", str(files[1]), **gone), "系统钥匙串")
    assert stored_state(data) == before

    again = shenbao(data, "profiles", "show", make_uscc(1), **keyring_env(tmp_path, "FileKeyring"))
    assert again.returncode == 0, again.stderr
    assert (
        json.loads(again.stdout)["enterprise"]["contact_phone"]
        == make_profile(1)["enterprise"]["contact_phone"]
    )


ROTATE_KILLED = """
import os, sys
from pathlib import Path
from shenbao.core.store import Store, repository, secrets
where = sys.argv[2]
if where == "before-keyring":  # the database re-encrypted, its new key still only in the staging entry
    real_set = secrets._keyring_set
    def _keyring_set(folder, key, username=None):
        if username is None or username.startswith("data-key:"):  # the main entry
            os._exit(137)
        return real_set(folder, key, username)
    secrets._keyring_set = _keyring_set
else:  # "in-transaction": the next key staged, the database not yet re-encrypted under it
    def reencrypt(*args):
        os._exit(137)
    repository.reencrypt = reencrypt
with Store.open(Path(sys.argv[1]), daily_backup=False) as store:
    store.rotate_key("delete")
"""


def test_a_key_rotation_killed_twice_still_leaves_a_key_that_opens_the_data(tmp_path: Path) -> None:
    """A rotation killed after the database was re-encrypted leaves the key in the keyring's staging
    entry; the next rotation stages its own key under that same entry. Killed too before its commit, it
    used to leave no key in the keyring that opens the data: every ID number and phone lost."""
    import subprocess
    import sys

    from tests.store.factory import cli_env

    data = tmp_path / "data"
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    env = keyring_env(tmp_path, "FileKeyring")
    assert shenbao(data, "import", str(profile), **env).returncode == 0
    phone = make_profile(1)["enterprise"]["contact_phone"]
    for where in ("before-keyring", "in-transaction"):
        killed = subprocess.run(
            [sys.executable, "-c", ROTATE_KILLED, str(data), where],
            env=cli_env(data, **env),
            capture_output=True,
            text=True,
        )
        assert killed.returncode == 137, killed.stderr
        assert_phone_readable(data, env, f"after a rotation killed {where}")
    rotated = shenbao(data, "key", "--rotate", "--backups", "delete", **env)
    assert rotated.returncode == 0, rotated.stderr
    shown = shenbao(data, "profiles", "show", make_uscc(1), **env)
    assert json.loads(shown.stdout)["enterprise"]["contact_phone"] == phone
    entries = json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8"))
    assert [k for k in entries if "data-key-next:" in k] == []  # nothing left staged


ROTATE_KILLED_AMONG_BACKUPS = """
import os, sys
from pathlib import Path
from shenbao.core.store import Store, repository
real_rekey = repository.rekey_backup
done = []
def rekey_backup(*args):
    if len(done) == total - 1:  # the database and every backup but the last re-encrypted
        os._exit(137)
    done.append(args[0])
    return real_rekey(*args)
repository.rekey_backup = rekey_backup
with Store.open(Path(sys.argv[1]), daily_backup=False) as store:
    total = len(store.list_backups())
    store.rotate_key("reencrypt")
"""


def assert_phone_readable(data: Path, env: dict[str, str], when: str) -> None:
    shown = shenbao(data, "profiles", "show", make_uscc(1), **env)
    assert shown.returncode == 0, f"{when}: {shown.stderr}"
    assert (
        json.loads(shown.stdout)["enterprise"]["contact_phone"]
        == make_profile(1)["enterprise"]["contact_phone"]
    )


def key_check(db: Path) -> str | None:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'key_check'").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def test_a_key_rotation_killed_among_its_backups_leaves_every_backup_readable(tmp_path: Path) -> None:
    """A rotation re-encrypts the database, puts its new key in the keyring, then re-encrypts the backups
    one by one. Killed between two of them, the backups not yet done are still under the old key, which
    the keyring no longer held: restoring one of them lost its ID numbers and phones. The old key now
    stays in the keyring until every backup is done, and the next rotation finishes the job."""
    import subprocess
    import sys

    from tests.store.factory import cli_env

    data = tmp_path / "data"
    env = keyring_env(tmp_path, "FileKeyring")
    for i in (1, 2):
        profile = tmp_path / f"{i}.json"
        profile.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
        assert shenbao(data, "import", str(profile), **env).returncode == 0
        assert shenbao(data, "backup", **env).returncode == 0
    backups = sorted((data / "backups").glob("*.db"))
    assert len(backups) >= 2
    killed = subprocess.run(
        [sys.executable, "-c", ROTATE_KILLED_AMONG_BACKUPS, str(data)],
        env=cli_env(data, **env),
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 137, killed.stderr
    rotated_check = key_check(data / "shenbao.db")
    left = [b for b in backups if key_check(b) not in (None, rotated_check)]
    assert len(left) == 1  # one backup still under the key before the rotation
    # every backup restored in turn, the one still under the old key last: the next rotation starts from
    # a database under the old key while backups are under the new one
    for backup in [b for b in backups if b not in left] + left:
        restored = shenbao(data, "restore", str(backup), **env)
        assert restored.returncode == 0, restored.stderr
        assert_phone_readable(data, env, backup.name)

    rotated = shenbao(data, "key", "--rotate", "--backups", "reencrypt", **env)
    assert rotated.returncode == 0, rotated.stderr
    assert "未能重新加密" not in rotated.stderr and "更早" not in rotated.stderr
    entries = json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8"))
    assert [k for k in entries if "data-key:" not in k] == []  # nothing staged, nothing kept aside
    for backup in backups:
        assert shenbao(data, "restore", str(backup), **env).returncode == 0
        assert_phone_readable(data, env, f"{backup.name} after the next rotation")


ROTATE_KILLED_AT_THE_KEYRING = """
import os, sys
from pathlib import Path
from shenbao.core.store import Store, secrets
real_set = secrets._keyring_set
def _keyring_set(folder, key, username=None):
    if username is None or username.startswith("data-key:"):  # the key in use about to go to the main entry
        os._exit(137)
    return real_set(folder, key, username)
secrets._keyring_set = _keyring_set
with Store.open(Path(sys.argv[1]), daily_backup=False) as store:
    store.rotate_key(sys.argv[2])
"""


def restored_everywhere(data: Path, env: dict[str, str], backups: list[Path], when: str) -> None:
    """The database, then each backup restored in turn, shows the phone it holds."""
    assert_phone_readable(data, env, f"{when}: the database")
    for backup in backups:
        restored = shenbao(data, "restore", str(backup), **env)
        assert restored.returncode == 0, restored.stderr
        assert_phone_readable(data, env, f"{when}: {backup.name} restored")


@pytest.mark.parametrize("choice", ["reencrypt", "delete"])
def test_a_rotation_killed_after_restoring_a_backup_from_before_the_last_one_keeps_its_key(
    tmp_path: Path, choice: str
) -> None:
    """A rotation stopped among its backups keeps the key before it aside; restoring a backup still under
    that key puts the database under it, found in that entry alone. The next rotation deleted that entry
    first and only then wrote the key to the keyring's main entry: killed (or the keyring refusing the
    write) in between, the database and every backup were under a key kept nowhere, every ID number and
    phone lost for good."""
    import subprocess
    import sys

    from tests.store.factory import cli_env

    data = tmp_path / "data"
    env = keyring_env(tmp_path, "FileKeyring")
    for i in (1, 2):
        profile = tmp_path / f"{i}.json"
        profile.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
        assert shenbao(data, "import", str(profile), **env).returncode == 0
        assert shenbao(data, "backup", **env).returncode == 0
    backups = sorted((data / "backups").glob("*.db"))
    killed = subprocess.run(
        [sys.executable, "-c", ROTATE_KILLED_AMONG_BACKUPS, str(data)],
        env=cli_env(data, **env),
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 137, killed.stderr
    rotated_check = key_check(data / "shenbao.db")
    (left,) = [b for b in backups if key_check(b) not in (None, rotated_check)]
    assert shenbao(data, "restore", str(left), **env).returncode == 0
    assert_phone_readable(data, env, "the backup from before the rotation restored")
    killed = subprocess.run(
        [sys.executable, "-c", ROTATE_KILLED_AT_THE_KEYRING, str(data), choice],
        env=cli_env(data, **env),
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 137, killed.stderr
    restored_everywhere(
        data, env, sorted((data / "backups").glob("*.db")), "after the second rotation killed"
    )


MOVE_KILLED_AMONG_BACKUPS = """
import os, sys
from pathlib import Path
from shenbao.core.store import Store
real_replace = os.replace
done = []
def replace(source, target):
    if Path(target).parent.name == "backups":
        if len(done) == 1:  # one backup written, the others not yet
            os._exit(137)
        done.append(target)
    return real_replace(source, target)
os.replace = replace
with Store.open(Path(sys.argv[1]), daily_backup=False) as store:
    store.move_key(sys.argv[2], sys.argv[3] or None)
"""


@pytest.mark.parametrize("to", ["passphrase", "keyring"])
def test_a_key_move_killed_among_its_backups_leaves_every_backup_readable(tmp_path: Path, to: str) -> None:
    """Moving the key writes its new home in the database, then in each backup under it, and only then
    empties the old home. Killed among the backups, each one restores readable with what the user has
    (the keyring, the passphrase typed for the move), and moving again finishes the job."""
    import subprocess
    import sys

    from tests.store.factory import cli_env

    old, new = "原来的数据口令 2025", "新的数据口令 2026"
    data = tmp_path / "data"
    env = keyring_env(tmp_path, "FileKeyring")
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(profile), **env).returncode == 0
    if to == "keyring":
        moved = shenbao(data, "key", "--to", "passphrase", **env, SHENBAO_NEW_PASSPHRASE=old)
        assert moved.returncode == 0, moved.stderr
        env["SHENBAO_PASSPHRASE"] = old
    for _ in range(3):
        assert shenbao(data, "backup", **env).returncode == 0
    backups = sorted((data / "backups").glob("*.db"))
    killed = subprocess.run(
        [sys.executable, "-c", MOVE_KILLED_AMONG_BACKUPS, str(data), to, new if to == "passphrase" else ""],
        env=cli_env(data, **env),
        capture_output=True,
        text=True,
    )
    if to == "passphrase":
        env["SHENBAO_PASSPHRASE"] = new
    restored_everywhere(data, env, backups, f"a move to the {to} killed")

    again = shenbao(data, "key", "--to", to, **env, SHENBAO_NEW_PASSPHRASE=new)
    assert again.returncode == 0, again.stderr
    env["SHENBAO_PASSPHRASE"] = new if to == "passphrase" else ""
    restored_everywhere(data, env, sorted((data / "backups").glob("*.db")), f"a move to the {to} done")
    entries = json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8"))
    assert any("data-key:" in k for k in entries) == (to == "keyring")
    assert killed.returncode == 137, killed.stderr  # the first move was stopped among the backups
