"""A pack dated after today is refused: `verify` and `install` say so in one line naming the date, and
install nothing; `pack` does not sign one. The day is this computer's, not the as-of date of a command.
A pack a program before this check installed is left out of use, with the same reason, rather than let
its date put its copy of a shipped document above newer shipped data for years to come."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from shenbao import paths
from shenbao.core.packs.keys import fingerprint, read_public_file
from shenbao.core.packs.library import library, packs_folder
from tests.store.factory import assert_refused, shenbao

from .helpers import copy_source, folder_state, ok, sign_as_is, trust_in

FUTURE = dt.date(2030, 1, 1)


def dated_source(tmp_path: Path, issued: dt.date, version: int = 1) -> Path:
    return copy_source(
        tmp_path / f"src-{issued}-v{version}",
        version=str(version),
        issued_on=issued.isoformat(),
        expires_on=(issued + dt.timedelta(days=3 * 365)).isoformat(),
    )


def test_verify_and_install_refuse_a_pack_issued_tomorrow(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    pack = sign_as_is(dated_source(tmp_path, tomorrow), publisher[0], tmp_path / "later.shenbao-policy")
    before = folder_state(trusted)
    said = [
        f"发布日期 {tomorrow.isoformat()} 晚于今天（本机日期 {today.isoformat()}）",
        "请核对政策包或本机的日期",
    ]
    for command in (
        ("verify", str(pack)),
        ("verify", str(pack), "--format", "json"),
        ("install", str(pack)),
        ("install", str(pack), "--dry-run"),
        ("install", str(pack), "--as-of", (tomorrow + dt.timedelta(days=30)).isoformat()),
    ):
        refused = shenbao(trusted, "policies", *command)
        assert_refused(refused, str(pack), *said)
        assert refused.stdout == ""
    assert folder_state(trusted) == before
    listed = json.loads(ok(shenbao(trusted, "policies", "list", "--format", "json")))
    assert [row["id"] for row in listed] == ["builtin"]


def test_a_pack_issued_today_installs(tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]) -> None:
    today = dt.date.today()
    pack = sign_as_is(dated_source(tmp_path, today), publisher[0], tmp_path / "today.shenbao-policy")
    ok(shenbao(trusted, "policies", "verify", str(pack)))
    ok(shenbao(trusted, "policies", "install", str(pack)))
    listed = json.loads(ok(shenbao(trusted, "policies", "list", "--format", "json")))
    assert [(row["id"], row.get("issued_on")) for row in listed] == [
        ("builtin", None),
        ("example-ai", today.isoformat()),
    ]


def test_a_source_dated_in_the_future_is_not_signed(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    out = tmp_path / "later.shenbao-policy"
    source = dated_source(tmp_path, FUTURE)
    refused = shenbao(
        data_dir, "policies", "pack", str(source), "--key", str(publisher[0]), "--out", str(out)
    )
    assert_refused(refused, str(source), "发布日期 2030-01-01 晚于今天", "请核对政策包或本机的日期")
    assert not out.exists()


def installed_by_an_older_program(data_dir: Path, pack: Path, pub: Path) -> None:
    """The pack file and the list naming it, as a program that did not check the issue date wrote them."""
    folder = packs_folder(data_dir)
    data = pack.read_bytes()
    name = "example-ai-v1.shenbao-policy"
    (folder / name).write_bytes(data)
    entry = {
        "version": 1,
        "file": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "fingerprint": fingerprint(read_public_file(pub)[0]),
        "installed_at": "2026-12-01T10:00:00+08:00",
    }
    state = {"format": "shenbao-policy-state/1", "packs": [{"id": "example-ai", "history": [entry]}]}
    (folder / "installed.json").write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def test_a_pack_installed_before_with_a_later_date_is_left_out(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    """The pack offers the shipped fz2020 with an end the shipped data does not have; dated 2030 it was
    taken over the shipped copy, and would have been over any newer one a later program ships."""
    trust_in(data_dir, publisher[1])
    source = dated_source(tmp_path, FUTURE)
    doc = (paths.policies() / "documents" / "fz2020.toml").read_text(encoding="utf-8")
    doc = doc.replace("in_force_from = 2020-02-14", "in_force_from = 2020-02-14\nin_force_to = 2025-12-31")
    (source / "documents" / "fz2020.toml").write_text(doc, encoding="utf-8")
    installed_by_an_older_program(data_dir, sign_as_is(source, publisher[0], tmp_path / "p"), publisher[1])

    cat, warnings = library(data_dir)
    assert cat.packs == () and "sl2026.compute_voucher" not in cat.measures
    assert cat.documents["fz2020"].in_force_to is None
    assert len(warnings) == 1
    assert warnings[0].startswith("已安装的政策包 example-ai 未启用：政策包的发布日期 2030-01-01 晚于今天")

    listed = shenbao(data_dir, "policies", "list", "--format", "text")
    assert listed.returncode == 0, listed.stderr
    assert "！已安装的政策包 example-ai 未启用：政策包的发布日期 2030-01-01" in listed.stdout
    assert "发布 2030-01-01" not in listed.stdout
    measures = shenbao(data_dir, "measures", "--format", "json")
    assert measures.returncode == 0 and "sl2026.compute_voucher" not in measures.stdout
    assert "shenbao: 警告：已安装的政策包 example-ai 未启用：政策包的发布日期 2030-01-01" in measures.stderr
    assert "Traceback" not in measures.stderr

    removed = shenbao(data_dir, "policies", "remove", "example-ai")
    assert removed.returncode == 0, removed.stderr
    assert library(data_dir)[1] == []
