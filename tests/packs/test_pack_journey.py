"""From keys to an installed pack and back, through the real `shenbao` command: keygen, pack, verify,
trust, install --dry-run (exact deltas), install, preview, list, a newer version, and remove twice."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, EXAMPLE_CITY, copy_source, ok

AS_OF = "2026-12-15"

FUZHOU: dict[str, Any] = {
    "format": "shenbao-profile/1",
    "enterprise": {
        "name": "福州测试智能科技有限公司",
        "uscc": "91350100H49D4H3981",
        "org_type": "enterprise",
        "province": "福建省",
        "city": "福州市",
        "district": "鼓楼区",
    },
    "facts": {"compute_purchase_amount": 200000},
}


def sl_results(data_dir: Path, profile: Path) -> dict[str, list[Any]]:
    out = json.loads(
        ok(shenbao(data_dir, "preview", "--profile", str(profile), "--as-of", AS_OF, "--format", "json"))
    )
    return {
        r["measure"]: [r["status"], r["amount"]] for r in out["results"] if r["measure"].startswith("sl2026.")
    }


def test_publish_trust_install_and_remove(tmp_path: Path, data_dir: Path) -> None:
    key = tmp_path / "keys" / "publisher.key"
    key.parent.mkdir()
    out = ok(shenbao(data_dir, "policies", "keygen", "--out", str(key), "--name", "示例发布者"))
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    pub = key.with_name("publisher.key.pub")
    assert pub.read_text(encoding="utf-8").startswith("shenbao-policy-key/1 ed25519 ")
    fingerprint = out.split("指纹：")[1].strip()
    assert len(fingerprint.split()) == 8
    assert_refused(shenbao(data_dir, "policies", "keygen", "--out", str(key)), "已存在")

    pack = tmp_path / "example.shenbao-policy"
    ok(shenbao(data_dir, "policies", "pack", str(EXAMPLE), "--key", str(key), "--out", str(pack)))

    # Before the publisher is trusted the signature checks but the pack is not accepted.
    refused = shenbao(data_dir, "policies", "verify", str(pack), "--format", "json")
    assert refused.returncode == 2 and "不受信任" in refused.stderr
    assert json.loads(refused.stdout)["fingerprint"] == fingerprint
    assert_refused(shenbao(data_dir, "policies", "install", str(pack)), "未受信任", fingerprint)

    # without a terminal to confirm on, only --yes (the fingerprint checked) adds it: `echo n | … trust`
    # and a script trusted any key given
    asked = shenbao(data_dir, "policies", "trust", str(pub))  # the fingerprint shown, to check first
    assert_refused(asked, "未添加：没有终端可确认指纹（发布者 示例发布者，", fingerprint, "加 --yes 再添加")
    assert json.loads(ok(shenbao(data_dir, "policies", "keys", "--format", "json"))) == []
    trusted = shenbao(data_dir, "policies", "trust", str(pub), "--yes")
    assert fingerprint in trusted.stderr and fingerprint in ok(trusted)
    keys = json.loads(ok(shenbao(data_dir, "policies", "keys", "--format", "json")))
    assert keys == [{"name": "示例发布者", "fingerprint": fingerprint, "added_on": keys[0]["added_on"]}]
    info = json.loads(ok(shenbao(data_dir, "policies", "verify", str(pack), "--format", "json")))
    assert (info["id"], info["version"], info["key"], info["trusted"]) == (
        "example-ai",
        1,
        "示例发布者",
        True,
    )
    assert info["changelog"][0].startswith("示例")

    # Two enterprises in the data folder; the dry run lists exactly what changes, and installs nothing.
    profiles = {}
    for name, doc in (("example", EXAMPLE_CITY), ("fuzhou", FUZHOU)):
        profiles[name] = tmp_path / f"{name}.json"
        profiles[name].write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        ok(shenbao(data_dir, "import", str(profiles[name])))
    dry = json.loads(
        ok(
            shenbao(
                data_dir, "policies", "install", str(pack), "--dry-run", "--as-of", AS_OF, "--format", "json"
            )
        )
    )
    assert dry["installed"] is False and dry["enterprises"] == 2
    assert [(c["uscc"], c["measure"], c["before"], c["after"]) for c in dry["changes"]] == [
        (
            "913501044C12H3B168",
            "sl2026.compute_voucher",
            {"status": None, "amount": None},
            {"status": "eligible", "amount": "60000.00"},
        ),
        (
            "913501044C12H3B168",
            "sl2026.product_award",
            {"status": None, "amount": None},
            {"status": "eligible", "amount": "300000.00"},
        ),
        (
            "913501044C12H3B168",
            "sl2026.iiot_tiers",
            {"status": None, "amount": None},
            {"status": "eligible", "amount": "100000.00"},
        ),
        (
            "913501044C12H3B168",
            "sl2026.platform",
            {"status": None, "amount": None},
            {"status": "eligible", "amount": "500000.00"},
        ),
    ]
    assert not (data_dir / "policy-packs" / "installed.json").exists()
    assert sl_results(data_dir, profiles["example"]) == {}

    text = ok(shenbao(data_dir, "policies", "install", str(pack), "--format", "text"))
    assert "已安装政策包 example-ai 第 1 版" in text and "+example-ai.v1" in text
    assert sl_results(data_dir, profiles["example"]) == {
        "sl2026.compute_voucher": ["eligible", "60000.00"],
        "sl2026.product_award": ["eligible", "300000.00"],
        "sl2026.iiot_tiers": ["eligible", "100000.00"],
        "sl2026.platform": ["eligible", "500000.00"],
    }
    assert_refused(shenbao(data_dir, "policies", "install", str(pack)), "第 1 版已经安装，无需再次安装")
    # the text of a preview names the policy data it was judged with, each pack in use
    said = ok(
        shenbao(
            data_dir, "preview", "--profile", str(profiles["example"]), "--as-of", AS_OF, "--format", "text"
        )
    )
    assert said.splitlines()[0].endswith("+example-ai.v1）") and "（政策数据 " in said.splitlines()[0]

    listed = json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    assert [r["source"] for r in listed] == ["builtin", "pack"]
    assert listed[1]["id"] == "example-ai" and listed[1]["fingerprint"] == fingerprint
    assert [d["id"] for d in listed[1]["documents"]] == ["sl2026", "sl2026d", "sl2026n"]
    assert "fz2024" in [d["id"] for d in listed[0]["documents"]]

    # Version 2 raises the voucher's rate: the dry run shows 60,000 → 80,000 for the one enterprise.
    v2 = copy_source(tmp_path / "v2", version="2")
    measures = v2 / "measures" / "sl2026.toml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace('2026-12-01 = "0.3"', '2026-12-01 = "0.4"'),
        encoding="utf-8",
    )
    pack2 = tmp_path / "example-2.shenbao-policy"
    ok(shenbao(data_dir, "policies", "pack", str(v2), "--key", str(key), "--out", str(pack2)))
    dry2 = shenbao(
        data_dir, "policies", "install", str(pack2), "--dry-run", "--as-of", AS_OF, "--format", "text"
    )
    lines = [line.strip() for line in ok(dry2).splitlines()]
    assert "示例智能科技有限公司（示例）（913501044C12H3B168）" in lines
    assert "算力券（示例）（sl2026.compute_voucher）：可申报 60,000.00 元 → 可申报 80,000.00 元" in lines
    assert sum("→" in line for line in lines) == 1
    assert "rate 改动了已生效的数值：2026-12-01 起 0.3 → 0.4" in dry2.stderr
    ok(shenbao(data_dir, "policies", "install", str(pack2)))
    assert sl_results(data_dir, profiles["example"])["sl2026.compute_voucher"] == ["eligible", "80000.00"]

    # remove goes back one install at a time: to version 1, then to the shipped library alone.
    assert "恢复为第 1 版" in ok(shenbao(data_dir, "policies", "remove", "example-ai"))
    assert sl_results(data_dir, profiles["example"])["sl2026.compute_voucher"] == ["eligible", "60000.00"]
    assert "恢复为安装之前" in ok(shenbao(data_dir, "policies", "remove", "example-ai"))
    assert sl_results(data_dir, profiles["example"]) == {}
    assert_refused(shenbao(data_dir, "policies", "remove", "example-ai"), "没有已安装的政策包")
    assert [
        r["source"] for r in json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    ] == ["builtin"]

    ok(shenbao(data_dir, "policies", "untrust", "示例发布者"))
    assert json.loads(ok(shenbao(data_dir, "policies", "keys", "--format", "json"))) == []


def test_a_private_key_with_a_passphrase(tmp_path: Path, data_dir: Path) -> None:
    key = tmp_path / "secret.key"
    env = {"SHENBAO_POLICY_KEY_PASSPHRASE": "示例口令 correct horse"}
    ok(shenbao(data_dir, "policies", "keygen", "--out", str(key), "--name", "示例", "--passphrase", **env))
    assert b"ENCRYPTED" in key.read_bytes()
    out = tmp_path / "p.shenbao-policy"
    assert_refused(
        shenbao(data_dir, "policies", "pack", str(EXAMPLE), "--key", str(key), "--out", str(out)), "口令"
    )
    assert not out.exists()
    wrong = {"SHENBAO_POLICY_KEY_PASSPHRASE": "wrong"}
    assert_refused(
        shenbao(data_dir, "policies", "pack", str(EXAMPLE), "--key", str(key), "--out", str(out), **wrong)
    )
    ok(shenbao(data_dir, "policies", "pack", str(EXAMPLE), "--key", str(key), "--out", str(out), **env))
    assert out.stat().st_size > 0


def test_a_new_key_passphrase_has_eight_characters(tmp_path: Path, data_dir: Path) -> None:
    """`keygen --passphrase` asks for a passphrase to encrypt the key: one shorter than the data folder's
    (8 characters), or none at all (Enter pressed twice at the prompt), is refused and no key is written,
    never a key left unencrypted though encryption was asked for."""
    import os
    import pty
    import select
    import subprocess
    import sys

    from tests.store.factory import cli_env

    key = tmp_path / "secret.key"
    short = {"SHENBAO_POLICY_KEY_PASSPHRASE": "1234567"}
    refused = shenbao(data_dir, "policies", "keygen", "--out", str(key), "--passphrase", **short)
    assert_refused(refused, "8")
    assert not key.exists() and not key.with_name("secret.key.pub").exists()

    env = cli_env(data_dir)
    env.pop("SHENBAO_POLICY_KEY_PASSPHRASE", None)
    leader, follower = pty.openpty()
    args = [sys.executable, "-m", "shenbao", "policies", "keygen", "--out", str(key), "--passphrase"]
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    seen, answered = b"", 0
    while True:  # each prompt (私钥口令：, 再输入一次：) answered with Enter, until the command ends
        ready, _, _ = select.select([leader], [], [], 20)
        assert ready, seen
        try:
            chunk = os.read(leader, 1024)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        seen += chunk
        if seen.count("：".encode()) > answered:
            answered += 1
            os.write(leader, b"\r")
    os.close(leader)
    assert proc.wait(timeout=30) == 2, seen.decode("utf-8", "replace")
    assert "8 个字符" in seen.decode("utf-8", "replace")
    assert not key.exists()
