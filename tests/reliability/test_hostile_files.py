"""Hostile files built in the test — deep and huge JSON, odd zips, a bundle choosing its own scrypt cost —
refused by the real command in one line, exit 2, within 10 s of CPU and 500 MB, the store unchanged."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from shenbao.core.jsonio import MAX_DEPTH, MAX_DOCUMENT, JsonLimitError, loads_bounded
from shenbao.core.store.bundle import TRAILER_LEN, _zip, pack
from tests.reliability.helpers import assert_refused_cheaply, run_measured, stored_state
from tests.store.factory import make_profile, make_uscc, shenbao

GOOD = make_profile(7, engineers=0)
DEEP = 100_000


@pytest.fixture
def seeded(tmp_path: Path, no_keyring) -> Path:
    data = tmp_path / "data"
    (tmp_path / "seed.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(tmp_path / "seed.json")).returncode == 0
    return data


def deep_profile() -> bytes:
    """A valid-looking profile whose facts hold one value nested 100,000 deep."""
    head = json.dumps(GOOD, ensure_ascii=False)[:-1]
    return (head + ', "x_deep": ' + "[" * DEEP + "]" * DEEP + "}").encode()


def resign(data: bytes) -> bytes:
    """Recompute the archive's trailing checksum, as anyone can for a plain bundle."""
    return data[:-64] + hashlib.sha256(data[:-TRAILER_LEN]).hexdigest().encode()


@pytest.mark.parametrize("command", ["import", "preview", "render"])
def test_a_profile_nested_100000_deep_is_refused(seeded: Path, tmp_path: Path, command: str) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(deep_profile())
    before = stored_state(seeded)
    args = {
        "import": ["import", str(path)],
        "preview": ["preview", "--profile", str(path)],
        "render": [
            "render",
            "--profile",
            str(path),
            "--measure",
            "fj2025.compute_voucher",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
    }[command]
    run = run_measured(seeded, *args)
    assert_refused_cheaply(run, "deep.json", "嵌套过深")
    assert stored_state(seeded) == before
    assert not (tmp_path / "x.pdf").exists()


def test_a_profile_over_the_size_limit_is_refused_before_it_is_read(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    doc = dict(GOOD, x_padding="甲" * (MAX_DOCUMENT // 3 + 10))
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = stored_state(seeded)
    assert_refused_cheaply(run_measured(seeded, "import", str(path)), "huge.json", "过大")
    assert stored_state(seeded) == before


def _bundle_with(members: dict[str, bytes], manifest_extra: dict | None = None) -> bytes:
    return _zip(members, {"format": "shenbao-bundle/1", "encrypted": None, **(manifest_extra or {})})


@pytest.mark.parametrize("where", ["manifest", "declarations", "profile"])
def test_a_bundle_with_deep_json_is_refused(seeded: Path, tmp_path: Path, where: str) -> None:
    code = make_uscc(3)
    profile = dict(make_profile(3, engineers=0))
    profile["enterprise"] = {k: v for k, v in profile["enterprise"].items() if k != "contact_phone"}
    deep = "[" * DEEP + "]" * DEEP
    members = {
        f"profiles/{code}.json": json.dumps(profile, ensure_ascii=False).encode(),
        f"declarations/{code}.json": b"[]",
    }
    if where == "declarations":
        members[f"declarations/{code}.json"] = deep.encode()
    if where == "profile":
        members[f"profiles/{code}.json"] = (
            json.dumps(profile, ensure_ascii=False)[:-1].encode() + (', "x": ' + deep + "}").encode()
        )
    data = _bundle_with(members)
    if where == "manifest":
        data = _replace_member(
            data, "manifest.json", lambda body: body[:-2] + b', "x": ' + deep.encode() + b"}"
        )
    path = tmp_path / "deep.shenbao"
    path.write_bytes(data)
    before = stored_state(seeded)
    assert_refused_cheaply(run_measured(seeded, "import", str(path)), "deep.shenbao", "嵌套过深")
    assert stored_state(seeded) == before


def _replace_member(data: bytes, name: str, change) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.comment = src.comment
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change(body) if info.filename == name else body)
    return resign(buf.getvalue())


def _plain_bundle() -> bytes:
    doc = make_profile(4, engineers=0)
    doc["enterprise"].pop("contact_phone")
    return pack([(doc, [])])


def _flag_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' bit of the first member in its local header and the central directory."""
    out = bytearray(data)
    local = out.index(b"PK\x03\x04")
    out[local + 6] |= 0x1
    central = out.index(b"PK\x01\x02")
    out[central + 8] |= 0x1
    return resign(bytes(out))


def _corrupt_deflate(data: bytes) -> bytes:
    """Garble the compressed bytes of the first member, keeping sizes and the trailer consistent."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.infolist()[0]
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + min(info.compress_size, 40)):
        out[i] = 0xFF
    return resign(bytes(out))


@pytest.mark.parametrize(
    ("case", "word"), [("encrypted_flag", "zip 加密"), ("corrupt_deflate", "压缩包已损坏")]
)
def test_odd_zips_are_refused_in_one_line(seeded: Path, tmp_path: Path, case: str, word: str) -> None:
    data = {"encrypted_flag": _flag_encrypted, "corrupt_deflate": _corrupt_deflate}[case](_plain_bundle())
    path = tmp_path / f"{case}.shenbao"
    path.write_bytes(data)
    before = stored_state(seeded)
    assert_refused_cheaply(run_measured(seeded, "import", str(path)), f"{case}.shenbao", word)
    assert stored_state(seeded) == before


def test_a_bundle_asking_for_its_own_scrypt_cost_is_refused_before_deriving(
    seeded: Path, tmp_path: Path
) -> None:
    scheme = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": 2**20,
        "r": 16,
        "p": 1,
        "salt": base64.b64encode(b"0" * 16).decode(),
    }
    data = _zip({"payload.bin": b"\0" * 64}, {"format": "shenbao-bundle/1", "encrypted": scheme})
    assert len(data) < 1500
    path = tmp_path / "costly.shenbao"
    path.write_bytes(data)
    before = stored_state(seeded)
    run = run_measured(seeded, "import", str(path), SHENBAO_BUNDLE_PASSPHRASE="任何口令都一样贵")
    assert_refused_cheaply(run, "costly.shenbao", "不支持的加密参数")
    assert run.memory_mb < 200
    assert stored_state(seeded) == before


def test_the_json_bounds_at_their_edges() -> None:
    assert loads_bounded("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(JsonLimitError, match="嵌套过深"):
        loads_bounded("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    # brackets inside strings do not count, however they are arranged
    assert loads_bounded(json.dumps(["]" * 500, "[" * 500, {"k": "{{{"}])) == [
        "]" * 500,
        "[" * 500,
        {"k": "{{{"},
    ]
    tricky = "[" + ",".join(['"]"'] * 100) + "," + "[" * 70 + "]" * 70 + "]"
    with pytest.raises(JsonLimitError, match="嵌套过深"):
        loads_bounded(tricky)
    with pytest.raises(JsonLimitError, match="非数值"):
        loads_bounded("[NaN]")
    with pytest.raises(JsonLimitError, match="不是有效的 JSON"):
        loads_bounded('"' + 'a\\"' * 1000)
    assert loads_bounded(b" " * (MAX_DOCUMENT - 2) + b"{}") == {}
    with pytest.raises(JsonLimitError, match="过大"):
        loads_bounded(b" " * (MAX_DOCUMENT - 1) + b"{}")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{bad", "第 1 行第 2 列：此处应为带双引号的键名"),
        ('{"a": 1', "第 1 行第 8 列：内容在此处意外结束"),
        ('{\n  "a" 1}', "第 2 行第 7 列：此处应为冒号"),
        ("[1 2]", "第 1 行第 4 列：此处应为逗号"),
        ("[1,]", "第 1 行第 4 列：此处应为一个值"),
        ('"a\\qb"', "第 1 行第 3 列：反斜杠转义无效"),
        ("{} x", "第 1 行第 4 列：数据之后还有多余的内容"),
    ],
)
def test_what_the_json_decoder_met_is_said_in_chinese_at_its_place(text: str, said: str) -> None:
    """json's own words (「Expecting ':' delimiter」) were put inside the Chinese sentence."""
    with pytest.raises(JsonLimitError) as caught:
        loads_bounded(text)
    assert str(caught.value) == f"不是有效的 JSON（{said}）"


def test_a_plain_bundle_with_a_forged_amount_is_judged_again_on_import(tmp_path: Path, no_keyring) -> None:
    import datetime as dt

    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules
    from shenbao.core.store import Store
    from shenbao.core.store.bundle import read_bundle
    from shenbao.core.store.transfer import export_bundle

    measure = "fj2025.compute_voucher"
    doc = make_profile(5, engineers=0)
    with Store.open(tmp_path / "a", daily_backup=False) as store:
        profile = store.save_profile(doc)
        engine = rules()
        honest = engine.preview(profile, dt.date.today()).result(measure).to_detail()
        draft = store.save_draft(make_uscc(5), measure, {"invoices": 2})
        store.mark_ready(draft.id, preview=honest, policy_version=engine.catalogue.version)
        export_bundle(store, tmp_path / "plain.shenbao", omit_sensitive=True)
    name = f"declarations/{make_uscc(5)}.json"

    def forge(body: bytes) -> bytes:
        (item,) = json.loads(body)
        item["preview"]["amount"] = "99999999.00"
        item["preview"]["status"] = "eligible"
        item.update(state="rendered", pdf_sha256="0" * 64)
        return json.dumps([item], ensure_ascii=False).encode()

    forged = _replace_member((tmp_path / "plain.shenbao").read_bytes(), name, forge)
    with zipfile.ZipFile(io.BytesIO(forged)) as archive:  # recompute the manifest's digests as a forger would
        members = {n: archive.read(n) for n in archive.namelist() if n != "manifest.json"}
    (tmp_path / "forged.shenbao").write_bytes(_bundle_with(members))
    (entry,) = read_bundle(tmp_path / "forged.shenbao", lambda: None)
    (declaration,) = entry.declarations
    assert not entry.authenticated
    assert declaration["preview"]["amount"] == honest["amount"] != "99999999.00"
    assert declaration["preview"]["status"] == honest["status"]
    assert declaration["state"] == "rendered"  # the user's own record travels as it is
    assert parse_profile(entry.profile.to_dict()).uscc == make_uscc(5)
    run = shenbao(tmp_path / "b", "import", str(tmp_path / "forged.shenbao"))
    assert run.returncode == 0, run.stderr
    with Store.open(tmp_path / "b", daily_backup=False) as store:
        (stored,) = store.list_declarations(make_uscc(5))
    assert stored.preview["amount"] == honest["amount"]
