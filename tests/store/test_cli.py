"""The real `shenbao` command on a real data folder: profiles, export, import, backup, restore."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.store.factory import assert_refused, cli_env, make_profile, make_uscc, shenbao


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_list_show_rm(tmp_path: Path, data_dir: Path) -> None:
    doc = make_profile(1)
    result = shenbao(
        data_dir,
        "import",
        str(write(tmp_path / "p.json", doc)),
        str(write(tmp_path / "q.json", make_profile(2))),
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(shenbao(data_dir, "profiles", "list", "--format", "json").stdout)
    assert [(r["uscc"], r["name"]) for r in listed] == [
        (make_uscc(1), doc["enterprise"]["name"]),
        (make_uscc(2), make_profile(2)["enterprise"]["name"]),
    ]
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown.pop("provenance")["enterprise.name"]["file"] == "p.json"  # where each field came from
    assert shown == doc
    masked = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1), "--masked").stdout)
    assert masked["facts"]["core_engineers"][0]["id_number"].count("*") == 8
    assert shenbao(data_dir, "profiles", "rm", make_uscc(1)).returncode == 0
    assert_refused(shenbao(data_dir, "profiles", "show", make_uscc(1)), make_uscc(1))
    assert_refused(
        shenbao(data_dir, "profiles", "show", make_uscc(2), SHENBAO_PASSPHRASE="不对的口令"), "口令不正确"
    )


def test_export_then_import_elsewhere_with_a_passphrase(tmp_path: Path, data_dir: Path) -> None:
    docs = [make_profile(i) for i in range(3)]
    shenbao(data_dir, "import", *[str(write(tmp_path / f"{i}.json", d)) for i, d in enumerate(docs)])
    out = tmp_path / "event.shenbao"
    assert_refused(shenbao(data_dir, "export", "--out", str(out)), "--passphrase")
    assert_refused(
        shenbao(data_dir, "export", "--out", str(out), "--passphrase"), "SHENBAO_BUNDLE_PASSPHRASE"
    )
    result = shenbao(
        data_dir,
        "export",
        "--out",
        str(out),
        "--uscc",
        make_uscc(0),
        make_uscc(2),
        "--passphrase",
        SHENBAO_BUNDLE_PASSPHRASE="usb stick 2026",
    )
    assert result.returncode == 0, result.stderr
    other = tmp_path / "other"
    assert_refused(shenbao(other, "import", str(out)), "需要口令")
    result = shenbao(
        other,
        "import",
        str(out),
        SHENBAO_BUNDLE_PASSPHRASE="usb stick 2026",
        SHENBAO_PASSPHRASE="另一台电脑的口令",
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(shenbao(other, "profiles", "list", SHENBAO_PASSPHRASE="另一台电脑的口令").stdout)
    assert [r["uscc"] for r in listed] == [make_uscc(0), make_uscc(2)]
    shown = shenbao(other, "profiles", "show", make_uscc(2), SHENBAO_PASSPHRASE="另一台电脑的口令")
    carried = json.loads(shown.stdout)
    assert carried.pop("provenance")["enterprise.name"]["source"] == "imported"  # as the bundle carried it
    assert carried == docs[2]


def test_conflicts_are_listed_then_kept_or_replaced(tmp_path: Path, data_dir: Path) -> None:
    shenbao(data_dir, "import", str(write(tmp_path / "a.json", make_profile(1, name="原来的"))))
    newer = write(tmp_path / "b.json", make_profile(1, name="新来的"))
    assert_refused(shenbao(data_dir, "import", str(newer)), make_uscc(1), "--on-conflict")
    assert shenbao(data_dir, "import", str(newer), "--on-conflict", "keep").returncode == 0
    assert (
        json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)["enterprise"]["name"]
        == "原来的"
    )
    assert shenbao(data_dir, "import", str(newer), "--on-conflict", "replace").returncode == 0
    assert (
        json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)["enterprise"]["name"]
        == "新来的"
    )


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "empty.shenbao").write_bytes(b"")
    assert_refused(shenbao(data_dir, "import", str(tmp_path / "empty.shenbao")), "文件为空")
    (tmp_path / "bad.csv").write_text("企业（单位）名称,统一社会信用代码\n甲公司,123\n", encoding="utf-8")
    assert_refused(shenbao(data_dir, "import", str(tmp_path / "bad.csv")), "第 2 行「统一社会信用代码」")
    assert_refused(shenbao(data_dir, "import", str(tmp_path / "missing.json")), "文件不存在")
    assert_refused(shenbao(data_dir, "restore", str(tmp_path / "missing.db")), "备份文件不存在")


def test_a_newer_database_is_refused_with_a_clear_message(data_dir: Path) -> None:
    shenbao(data_dir, "profiles", "list")
    conn = sqlite3.connect(data_dir / "shenbao.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert_refused(shenbao(data_dir, "profiles", "list"), "更新版本", "升级")


def test_the_cli_starts_without_loading_the_store_libraries() -> None:
    code = (
        "import sys; from shenbao.cli import build_parser; build_parser();"
        "print(sorted(m for m in ('sqlite_utils', 'keyring', 'cryptography', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=cli_env(Path("/nonexistent")),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_a_bundle_carries_when_each_enterprise_was_last_changed(tmp_path: Path, data_dir: Path) -> None:
    """The demo data carried to another folder lists exactly as it does where it came from."""
    demo = sorted((Path(__file__).resolve().parents[2] / "resources" / "demo").glob("*.json"))
    assert shenbao(data_dir, "import", *map(str, demo)).returncode == 0
    with sqlite3.connect(data_dir / "shenbao.db") as conn:  # as if typed last week by someone else
        conn.execute(
            "UPDATE enterprises SET updated_at = '2026-11-20T09:30:00+08:00', updated_by = '园区服务'"
        )
    out = tmp_path / "demo.shenbao"
    for args in (("--omit-sensitive",), ("--passphrase",)):
        other = tmp_path / f"other{len(args[0])}"
        result = shenbao(
            data_dir, "export", "--out", str(out), *args, SHENBAO_BUNDLE_PASSPHRASE="活动现场口令-2026"
        )
        assert result.returncode == 0, result.stderr
        imported = shenbao(other, "import", str(out), SHENBAO_BUNDLE_PASSPHRASE="活动现场口令-2026")
        assert imported.returncode == 0, imported.stderr
        listed = [shenbao(d, "profiles", "list", "--format", "json").stdout for d in (data_dir, other)]
        assert listed[0] == listed[1]
        assert "2026-11-20T09:30:00+08:00" in listed[1]
        with sqlite3.connect(other / "shenbao.db") as conn:
            assert {r[0] for r in conn.execute("SELECT updated_by FROM enterprises")} == {"园区服务"}


def test_one_damaged_secret_does_not_block_exports_that_carry_none(tmp_path: Path, data_dir: Path) -> None:
    docs = [make_profile(i, engineers=2 + i) for i in range(3)]
    shenbao(data_dir, "import", *[str(write(tmp_path / f"{i}.json", d)) for i, d in enumerate(docs)])
    damaged = make_uscc(1)
    with sqlite3.connect(data_dir / "shenbao.db") as conn:
        conn.execute("UPDATE enterprises SET secrets = zeroblob(length(secrets)) WHERE uscc = ?", (damaged,))
    conn.close()

    table = tmp_path / "park.csv"
    result = shenbao(data_dir, "export", "--out", str(table))
    assert result.returncode == 0, result.stderr
    warning = [line for line in result.stderr.splitlines() if damaged in line]
    assert len(warning) == 1 and "核心工程师人数" in warning[0], result.stderr
    rows = {r["统一社会信用代码"]: r for r in csv.DictReader(table.read_text("utf-8-sig").splitlines())}
    assert set(rows) == {make_uscc(0), damaged, make_uscc(2)}
    count = next(h for h in rows[damaged] if "工程师" in h)
    assert (rows[make_uscc(0)][count], rows[make_uscc(2)][count]) == ("2", "4")
    assert rows[damaged][count] == ""  # not a count of zero it does not know
    assert rows[damaged]["企业（单位）名称"] == docs[1]["enterprise"]["name"]

    public = tmp_path / "public.shenbao"
    result = shenbao(data_dir, "export", "--out", str(public), "--omit-sensitive")
    assert result.returncode == 0, result.stderr
    assert sum(damaged in line for line in result.stderr.splitlines()) == 1, result.stderr
    other = tmp_path / "other"
    assert shenbao(other, "import", str(public)).returncode == 0
    listed = json.loads(shenbao(other, "profiles", "list", "--format", "json").stdout)
    assert [r["uscc"] for r in listed] == [make_uscc(0), damaged, make_uscc(2)]
    shown = json.loads(shenbao(other, "profiles", "show", damaged).stdout)
    assert "core_engineer_count" not in shown["facts"]
    assert shown["facts"]["compute_purchase_amount"] == docs[1]["facts"]["compute_purchase_amount"]

    sealed = tmp_path / "sealed.shenbao"  # a sealed bundle carries the rosters: it cannot leave one out
    refused = shenbao(
        data_dir, "export", "--out", str(sealed), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE="运输口令 2026"
    )
    assert_refused(refused, damaged)
    assert not sealed.exists()


def test_an_export_named_as_a_profile_file_is_refused_naming_where_one_comes_from(
    tmp_path: Path, data_dir: Path
) -> None:
    """`export --out 企业.json` wrote a bundle under a profile file's name, which `import` then refused as
    「不是 UTF-8 编码的文本文件」. It is refused, nothing written; the profile JSON it names is one that
    imports."""
    doc = make_profile(3)
    assert shenbao(data_dir, "import", str(write(tmp_path / "p.json", doc))).returncode == 0
    for name, flags in (("企业.json", ()), ("园区.JSON", ("--omit-sensitive",))):
        out = tmp_path / name
        assert_refused(
            shenbao(data_dir, "export", "--out", str(out), *flags), name, "profiles show", ".shenbao"
        )
        assert not out.exists()

    shown = shenbao(data_dir, "profiles", "show", make_uscc(3))
    other = tmp_path / "other"
    assert (
        shenbao(other, "import", str(write(tmp_path / "企业.json", json.loads(shown.stdout)))).returncode == 0
    )
    again = json.loads(shenbao(other, "profiles", "show", make_uscc(3)).stdout)
    assert {k: v for k, v in again.items() if k != "provenance"} == doc
