"""Publishers' keys: an Ed25519 key pair to sign policy packs, and the data folder's list of trusted keys.

The private key is a PKCS#8 PEM file readable by its owner only (mode 600), encrypted when a passphrase
is given; the public key is one line, `shenbao-policy-key/1 ed25519 <base64> [name]`, to hand out. A key
is known by its fingerprint, the SHA-256 of the raw public key, shown as eight groups of four hex digits
for a person to compare with what the publisher announces (in print, on its site, by phone).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from shenbao.core.jsonio import JsonLimitError, loads_bounded
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import KnownError, not_a_file, not_replaceable, os_reason

PUBLIC_PREFIX = "shenbao-policy-key/1 ed25519 "
TRUST_FILE = "trusted.json"


class PackKeyError(KnownError):
    """A key file that cannot be used, or a trust-list change that cannot be made."""


# What the window may meet of the trusted keys and the lock while it installs a pack, each a Phrase
# (core.phrases) of a core string that the interface writes again in its language; the command line
# prints the Chinese sentence.
TRUST_MESSAGES = {
    "locked": "{path}: 政策包正由另一程序安装或更改，请稍后重试",
    "unreadable": "{path}: 无法读取（{why}）",
    "damaged": "{path}: 受信任公钥列表已损坏：{problem}；请删除此文件，再重新添加受信任的发布者公钥",
    "shape": "格式不符",
}


LOCK_FILE = ".changing.lock"
_held: set[str] = set()  # the folders whose lock this process holds: a change inside one joins it


@contextlib.contextmanager
def changing(folder: Path) -> Iterator[None]:
    """One program at a time reads, changes and writes the lists of a policy-pack folder (the trusted
    keys, the packs installed): two at once each wrote back the list it had read, and one's change was
    lost without a word. The lock is SQLite's on an empty file beside them: waited for up to 30 s, and
    let go when its holder ends, killed or not. A folder that cannot be written takes no lock; the
    write that follows says why."""
    where = str(Path(folder).absolute())
    if where in _held:
        yield
        return
    conn: sqlite3.Connection | None = None
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(Path(folder) / LOCK_FILE), timeout=30, isolation_level=None)
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError as err:
        if conn is not None:
            conn.close()
            conn = None
        if "locked" in str(err).lower() or "busy" in str(err).lower():
            raise PackKeyError(Phrase(TRUST_MESSAGES["locked"], path=folder)) from None
    except OSError:
        conn = None
    _held.add(where)
    try:
        yield
    finally:
        _held.discard(where)
        if conn is not None:
            conn.execute("ROLLBACK")
            conn.close()


def fingerprint(raw: bytes) -> str:
    """The key's identity: SHA-256 of the 32 raw bytes, in hex."""
    return hashlib.sha256(raw).hexdigest()


def show_fingerprint(digest: str) -> str:
    """The first 128 bits of a fingerprint in groups of four, for reading aloud: `3f2a 91c0 …`."""
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_line(key: Ed25519PublicKey, name: str = "") -> str:
    return PUBLIC_PREFIX + base64.b64encode(raw_public(key)).decode() + (f" {name}" if name else "") + "\n"


def parse_public(text: str, source: str) -> tuple[bytes, str]:
    """(raw key, the name written after it) from a public key file's text."""
    line = text.strip()
    if not line.startswith(PUBLIC_PREFIX) or "\n" in line:
        raise PackKeyError(f"{source}: 不是申报助手政策发布公钥（应以 {PUBLIC_PREFIX.strip()} 开头）")
    encoded, _, name = line[len(PUBLIC_PREFIX) :].partition(" ")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise PackKeyError(f"{source}: 公钥编码无效") from None
    if len(raw) != 32:
        raise PackKeyError(f"{source}: 公钥长度应为 32 字节")
    return raw, name.strip()


def verify(raw: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- the publisher's key pair -----------------------------------------------------------------------


def keygen(out: Path, passphrase: str | None = None, name: str = "") -> tuple[Path, str]:
    """Write a new private key to `out` (mode 600, never over an existing file) and its public key to
    `out`.pub; return the public key's path and fingerprint."""
    out = Path(out)
    pub = out.with_name(out.name + ".pub")
    for path in (out, pub):
        why = not_replaceable(path)  # a folder named by --out: said as every command says it
        if why:
            raise PackKeyError(Phrase("{path}: 无法写入（{why}）", path=path, why=why))
        if path.exists():
            raise PackKeyError(f"{path}: 文件已存在，不会覆盖（请换一个文件名）")
    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        os.chmod(out, 0o600)
        pub.write_text(public_line(key.public_key(), name), encoding="utf-8")
    except OSError as err:
        raise PackKeyError(f"{out}: 无法写入（{os_reason(err)}）") from None
    return pub, fingerprint(raw_public(key.public_key()))


def load_private(path: Path, passphrase: str | None) -> Ed25519PrivateKey:
    why = not_a_file(path)  # a pipe is read until a writer closes it
    if why:
        raise PackKeyError(f"{path}: 无法读取私钥（{why}）")
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise PackKeyError(f"{path}: 无法读取私钥（{os_reason(err)}）") from None
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode() if passphrase else None)
    except TypeError:
        if passphrase:
            raise PackKeyError(f"{path}: 私钥未加密，不需要口令") from None
        raise PackKeyError(f"{path}: 私钥已加密，需要口令") from None
    except ValueError:
        raise PackKeyError(f"{path}: 不是有效的私钥，或口令不正确") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackKeyError(f"{path}: 私钥应为 Ed25519")
    return key


# --- the data folder's trusted keys -----------------------------------------------------------------


@dataclass(frozen=True)
class TrustedKey:
    name: str
    fingerprint: str
    key: str  # base64 of the raw public key
    added_on: str

    @property
    def raw(self) -> bytes:
        return base64.b64decode(self.key)


def _trust_path(folder: Path) -> Path:
    return Path(folder) / TRUST_FILE


def trusted_keys(folder: Path) -> list[TrustedKey]:
    path = _trust_path(folder)
    if not path.is_file():
        return []
    try:
        rows = loads_bounded(path.read_bytes())
    except OSError as err:
        raise PackKeyError(Phrase(TRUST_MESSAGES["unreadable"], path=path, why=os_reason(err))) from None
    except JsonLimitError as err:
        raise PackKeyError(_damaged_trust_list(path, err.args[0])) from None
    try:
        return [TrustedKey(**row) for row in rows]
    except TypeError:  # not a list of objects, or one whose keys are not a key's
        raise PackKeyError(_damaged_trust_list(path, TRUST_MESSAGES["shape"])) from None


def _damaged_trust_list(path: Path, problem: str) -> str:
    return Phrase(TRUST_MESSAGES["damaged"], path=path, problem=problem)


def _write_trusted(folder: Path, keys: list[TrustedKey]) -> None:
    from shenbao.core.store.files import write_atomically

    Path(folder).mkdir(parents=True, exist_ok=True)
    text = json.dumps([asdict(k) for k in keys], ensure_ascii=False, indent=1) + "\n"
    write_atomically(_trust_path(folder), lambda tmp: tmp.write_text(text, encoding="utf-8"))


def read_public_file(path: Path) -> tuple[bytes, str]:
    why = not_a_file(path)  # a pipe is read until a writer closes it: `policies trust` waited forever
    if why:
        raise PackKeyError(f"{path}: 无法读取公钥（{why}）")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # (a BOM, as Notepad saves one, is no part of it)
    except UnicodeDecodeError:
        raise PackKeyError(
            f"{path}: 不是申报助手政策发布公钥（不是文本文件；应为 shenbao policies keygen 生成的 .pub 文件）"
        ) from None
    except OSError as err:
        raise PackKeyError(f"{path}: 无法读取公钥（{os_reason(err)}）") from None
    return parse_public(text, str(path))


def trust(folder: Path, raw: bytes, name: str) -> TrustedKey:
    """Add a publisher's key to the trusted list (a key already trusted keeps its entry)."""
    digest = fingerprint(raw)
    with changing(folder):
        keys = trusted_keys(folder)
        for k in keys:
            if k.fingerprint == digest:
                raise PackKeyError(f"公钥 {show_fingerprint(digest)} 已受信任（名称：{k.name}）")
            if k.name == name:
                raise PackKeyError(f"名称 {name} 已用于另一把公钥，请用 --name 另取一个")
        entry = TrustedKey(name, digest, base64.b64encode(raw).decode(), dt.date.today().isoformat())
        _write_trusted(folder, [*keys, entry])
    return entry


def untrust(folder: Path, which: str) -> TrustedKey:
    """Remove a trusted key, named by its name or (a prefix of) its fingerprint."""
    with changing(folder):
        keys = trusted_keys(folder)
        wanted = which.replace(" ", "").lower()
        found = [
            k for k in keys if k.name == which or (len(wanted) >= 8 and k.fingerprint.startswith(wanted))
        ]
        if len(found) != 1:
            raise PackKeyError(
                f"没有名称或指纹为 {which} 的受信任公钥"
                if not found
                else f"{which} 对应多把公钥，请写完整指纹"
            )
        _write_trusted(folder, [k for k in keys if k is not found[0]])
    return found[0]


def find_trusted(folder: Path, digest: str) -> TrustedKey | None:
    return next((k for k in trusted_keys(folder) if k.fingerprint == digest), None)
