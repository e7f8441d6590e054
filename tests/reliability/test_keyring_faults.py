"""The system keyring failing under the real command: its service gone or locked, raising errors of the
platform's own kind. Reading what needs no key goes on; what needs the key is refused in one line that
names the keyring; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

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
        if username is None:
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
        shown = shenbao(data, "profiles", "show", make_uscc(1), **env)
        assert shown.returncode == 0, f"after a rotation killed {where}: {shown.stderr}"
        assert json.loads(shown.stdout)["enterprise"]["contact_phone"] == phone
    rotated = shenbao(data, "key", "--rotate", "--backups", "delete", **env)
    assert rotated.returncode == 0, rotated.stderr
    shown = shenbao(data, "profiles", "show", make_uscc(1), **env)
    assert json.loads(shown.stdout)["enterprise"]["contact_phone"] == phone
    entries = json.loads((tmp_path / "keyring.json").read_text(encoding="utf-8"))
    assert [k for k in entries if "data-key-next:" in k] == []  # nothing left staged
