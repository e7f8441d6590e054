"""The `.shenbao-policy` file: one zip holding the pack's tree and `pack.toml`, `manifest.json` (format,
id, version, dates and the SHA-256 of every member) and `signature.json` (the Ed25519 signature over the
manifest's exact bytes, the signing key and its fingerprint).

Reading one trusts nothing until it checks: the zip rules of core.safezip (no traversal names, links or
bombs), then the signature over the manifest, then each member against the manifest, then the key against
the data folder's trusted list, then the tree with the shipped library's strict loader. Only the caller
decides what to do with a pack that passed (core.packs.library installs it).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shenbao import __version__
from shenbao.core.packs.keys import (
    TrustedKey,
    fingerprint,
    load_private,
    raw_public,
    show_fingerprint,
    verify,
)
from shenbao.core.packs.source import MEMBER, PackError, PackTree, read_source
from shenbao.core.phrases import Phrase
from shenbao.core.policies import Document, PolicyDataError
from shenbao.core.records import dataclass
from shenbao.core.safezip import UnsafeZip, ZipLimits, read_zip
from shenbao.errors import OS_REASONS, KnownError, not_a_file, not_replaceable, os_reason

FORMAT = "shenbao-policy/1"
SUFFIX = ".shenbao-policy"
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
MAX_FILE = 64 * 1024 * 1024
# Why a policy pack file is refused, each a Phrase (core.phrases) of a core string that the interface
# writes again in its language; the command line prints the Chinese sentence.
ARCHIVE_MESSAGES = {
    "too_big": "{path}: 文件过大（{size} 字节），不是政策包",
    "missing": "{path}: 无法读取（文件不存在）",
    "folder": "{path}: 这是一个文件夹，不是政策包",
    "unreadable": "{path}: 无法读取（{why}）",
    "not_zip": "不是有效的政策包：不是 zip 压缩文件，或文件过大",
    "unsafe_zip": "不是有效的政策包：{error}",
    "stray_member": "不是有效的政策包：成员 {member} 不属于政策包",
    "unsigned": "政策包未签名（缺少 signature.json），拒绝使用",
    "no_manifest": "政策包缺少清单 manifest.json",
    "bad_signature_format": "签名格式无效",
    "bad_signature_kind": "签名格式无效（应为 Ed25519，公钥与指纹须相符）",
    "bad_signature": "签名无效：政策包已被改动，或并非由该公钥签发",
    "manifest_mismatch": "清单与内容不符：政策包已被改动",
    "member_digest": "{name} 的 SHA-256 与清单不符：政策包已被改动",
    "header_mismatch": "清单中的编号或版本与 pack.toml 不符",
    "newer_format": "政策包格式 {found} 比本程序支持的 {supported} 新，请先更新申报助手",
    "other_format": "不支持的政策包格式 {found!r}，应为 {supported}",
    "not_json": "{name} 不是有效的 JSON",
    "not_object": "{name} 应为对象",
    "bad_data": "政策包数据有误：{error}",
}
LIMITS = ZipLimits(max_members=5_000, max_member=4 * 1024 * 1024, max_total=64 * 1024 * 1024)


@dataclass
class Verified:
    """A pack whose signature, manifest and data all check. `trusted` is None for an unknown key."""

    pack: PackTree
    fingerprint: str
    trusted: TrustedKey | None
    data: bytes
    public_key: bytes = b""

    @property
    def header(self) -> Any:
        return self.pack.header

    def describe(self) -> dict[str, Any]:
        return {
            **self.header.to_dict(),
            "fingerprint": show_fingerprint(self.fingerprint),
            "key": self.trusted.name if self.trusted else None,
            "sha256": hashlib.sha256(self.data).hexdigest(),
        }


def _allowed(name: str) -> bool:
    return name in (MANIFEST, SIGNATURE) or bool(MEMBER.match(name))


# --- writing ----------------------------------------------------------------------------------------


def sign(members: dict[str, bytes], fields: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """The zip of `members` with their manifest (`fields` and the SHA-256 of each) and its signature."""
    manifest = {
        "format": FORMAT,
        **fields,
        "created_by": f"shenbao {__version__}",
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "members": {name: hashlib.sha256(body).hexdigest() for name, body in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    raw = raw_public(key.public_key())
    signature = {
        "algorithm": "ed25519",
        "fingerprint": fingerprint(raw),
        "public_key": base64.b64encode(raw).decode(),
        "signature": base64.b64encode(key.sign(manifest_bytes)).decode(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, json.dumps(signature, indent=1).encode())
        for name, body in members.items():
            archive.writestr(name, body)
    return buf.getvalue()


def _a_pack_file(path: Path) -> bool:
    """A file named and made as a pack (one written before, to be replaced by a new build)."""
    if not_a_file(path):  # a pipe would be read until something wrote to it
        return False
    try:
        with path.open("rb") as handle:
            return path.name.endswith(SUFFIX) and handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


class PackOutputError(KnownError):
    """The file a pack is to be written to cannot take it; the message names that file (not the source
    folder, as a refusal of the source's data does)."""


def build(
    src: Path,
    key_path: Path,
    out: Path,
    passphrase: str | None,
    known: dict[str, Document],
    known_measures: Collection[str] | None = None,
) -> Verified:
    """Validate the source folder `src`, then write the signed pack to `out` (whole or not at all)."""
    from shenbao.core.store.files import write_atomically

    src, out = Path(src), Path(out)
    why = not_replaceable(out)
    if why:
        raise PackOutputError(Phrase("{path}: 无法写入（{why}）", path=out, why=why))
    if out.exists() and not _a_pack_file(out):
        # a slip of --out must not cost the publisher a private key or a source file
        raise PackOutputError(f"{out}: 已存在且不是政策包文件，未覆盖；请另选输出文件")
    pack = read_source(src, known, known_measures)
    key = load_private(key_path, passphrase)
    members = {
        p.relative_to(src).as_posix(): p.read_bytes() for p in sorted(src.rglob("*.toml")) if p.is_file()
    }
    header = pack.header
    fields = {
        "id": header.id,
        "version": header.version,
        "issued_on": header.issued_on.isoformat(),
        "expires_on": header.expires_on.isoformat(),
        "min_app_version": header.min_app_version,
    }
    data = sign(members, fields, key)
    raw = raw_public(key.public_key())

    def check(tmp: Path) -> None:
        read_pack(tmp.read_bytes(), lambda digest: None, known, known_measures)

    write_atomically(Path(out), lambda tmp: tmp.write_bytes(data), check)
    return Verified(pack, fingerprint(raw), None, data, raw)


# --- reading ----------------------------------------------------------------------------------------


def same_files(one: bytes | None, other: bytes) -> bool:
    """Whether two pack files hold the same pack (`pack.toml` and its tree, byte for byte), whatever zip
    holds them (a comment, another compression) and whenever they were signed. A file that cannot be read
    as a zip (`None`, damaged) holds no pack to compare with."""
    if one is None:
        return False
    try:
        ours, theirs = read_zip(one, LIMITS), read_zip(other, LIMITS)
    except UnsafeZip:
        return False
    for members in (ours, theirs):
        members.pop(MANIFEST, None)
        members.pop(SIGNATURE, None)
    return ours == theirs


def read_file(path: Path) -> bytes:
    path = Path(path)
    why = not_a_file(path)  # a pipe is read until a writer closes it: `policies verify` waited forever
    if why and why not in (OS_REASONS["ENOENT"], OS_REASONS["EISDIR"]):
        raise PackError(Phrase(ARCHIVE_MESSAGES["unreadable"], path=path, why=why))
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise PackError(Phrase(ARCHIVE_MESSAGES["too_big"], path=path, size=size))
        return path.read_bytes()
    except FileNotFoundError:
        raise PackError(Phrase(ARCHIVE_MESSAGES["missing"], path=path)) from None
    except IsADirectoryError:
        raise PackError(Phrase(ARCHIVE_MESSAGES["folder"], path=path)) from None
    except OSError as err:
        raise PackError(Phrase(ARCHIVE_MESSAGES["unreadable"], path=path, why=os_reason(err))) from None


def _json(body: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PackError(Phrase(ARCHIVE_MESSAGES["not_json"], name=name)) from None
    if not isinstance(value, dict):
        raise PackError(Phrase(ARCHIVE_MESSAGES["not_object"], name=name))
    return value


def _refuse_other_format(manifest_bytes: bytes) -> None:
    """PackError unless the manifest says this program's format; a newer one asks for a newer program."""
    try:
        found = json.loads(manifest_bytes.decode("utf-8")).get("format")
    except (UnicodeDecodeError, ValueError, AttributeError):
        return  # left to the checks that follow
    if found == FORMAT:
        return
    name, _, number = str(found).rpartition("/")
    ours = int(FORMAT.rpartition("/")[2])
    if name == FORMAT.rpartition("/")[0] and number.isdigit() and int(number) > ours:
        raise PackError(Phrase(ARCHIVE_MESSAGES["newer_format"], found=found, supported=FORMAT))
    raise PackError(Phrase(ARCHIVE_MESSAGES["other_format"], found=found, supported=FORMAT))


def read_pack(
    data: bytes,
    trusted: Callable[[str], TrustedKey | None],
    known: dict[str, Document],
    known_measures: Collection[str] | None = None,
) -> Verified:
    """Check a pack's bytes. Raises PackError for anything unsigned, altered or malformed; a valid pack
    signed by a key `trusted(fingerprint)` does not know comes back with `trusted` None. Its notices may
    open its own measures and `known_measures` (by default the shipped ones)."""
    if len(data) > MAX_FILE or data[:4] != b"PK\x03\x04":
        raise PackError(Phrase(ARCHIVE_MESSAGES["not_zip"]))
    try:
        members = read_zip(data, LIMITS)
    except UnsafeZip as err:
        raise PackError(Phrase(ARCHIVE_MESSAGES["unsafe_zip"], error=err.message)) from None
    if MANIFEST in members:
        # Before anything a newer format may do otherwise (its members, its signature): only to refuse
        _refuse_other_format(members[MANIFEST])
    stray = sorted(name for name in members if not _allowed(name))
    if stray:
        raise PackError(Phrase(ARCHIVE_MESSAGES["stray_member"], member=repr(stray[0])))
    if SIGNATURE not in members:
        raise PackError(Phrase(ARCHIVE_MESSAGES["unsigned"]))
    if MANIFEST not in members:
        raise PackError(Phrase(ARCHIVE_MESSAGES["no_manifest"]))
    manifest_bytes = members.pop(MANIFEST)
    sig = _json(members.pop(SIGNATURE), SIGNATURE)
    try:
        raw = base64.b64decode(str(sig.get("public_key", "")), validate=True)
        signature = base64.b64decode(str(sig.get("signature", "")), validate=True)
    except (binascii.Error, ValueError):
        raise PackError(Phrase(ARCHIVE_MESSAGES["bad_signature_format"])) from None
    if sig.get("algorithm") != "ed25519" or len(raw) != 32 or sig.get("fingerprint") != fingerprint(raw):
        raise PackError(Phrase(ARCHIVE_MESSAGES["bad_signature_kind"]))
    if not verify(raw, signature, manifest_bytes):
        raise PackError(Phrase(ARCHIVE_MESSAGES["bad_signature"]))
    manifest = _json(manifest_bytes, MANIFEST)
    _refuse_other_format(manifest_bytes)
    listed = manifest.get("members")
    if not isinstance(listed, dict) or set(listed) != set(members):
        raise PackError(Phrase(ARCHIVE_MESSAGES["manifest_mismatch"]))
    for name, body in members.items():
        if hashlib.sha256(body).hexdigest() != listed[name]:
            raise PackError(Phrase(ARCHIVE_MESSAGES["member_digest"], name=name))
    with tempfile.TemporaryDirectory(prefix="shenbao-pack-") as tmp:
        root = Path(tmp)
        for name, body in members.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        try:
            pack = read_source(root, known, known_measures)
        except PackError:
            raise
        except PolicyDataError as err:
            raise PackError(Phrase(ARCHIVE_MESSAGES["bad_data"], error=err.message)) from None
    header = pack.header
    if manifest.get("id") != header.id or manifest.get("version") != header.version:
        raise PackError(Phrase(ARCHIVE_MESSAGES["header_mismatch"]))
    digest = fingerprint(raw)
    return Verified(pack, digest, trusted(digest), data, raw)
