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
