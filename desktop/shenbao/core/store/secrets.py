"""Sensitive fields at rest: which they are, how they are encrypted, and where the key comes from.

The core engineers' names and 身份证号 and the contact phone are stored only as AES-GCM ciphertext under
a random 256-bit data key. The key lives in the operating system's keyring (service "shenbao", one
entry per data folder). Where no keyring works (a headless Linux, a locked keychain) the data key is
wrapped with a key derived by scrypt from a passphrase the user types, or SHENBAO_PASSPHRASE for
scripts; the database then holds the salt and the wrapped key, never the key in plain text. A keyring
from `keyrings.alt` is not trusted: it writes secrets to a plain file.

The settings row `key_home` says which of the two holds the key, and only that one is used. The user can
move the key from one to the other (`KeyManager.move`); the key itself never changes, so nothing is
re-encrypted, and the new home is written before the old one is emptied.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from shenbao.core.store.db import StoreError

SERVICE = "shenbao"
PASSPHRASE_ENV = "SHENBAO_PASSPHRASE"
SENSITIVE_ENTERPRISE_KEYS = ("contact_phone",)
SENSITIVE_FACT_KEYS = ("core_engineers",)
SENSITIVE_ANYWHERE = frozenset({*SENSITIVE_ENTERPRISE_KEYS, *SENSITIVE_FACT_KEYS, "id_number"})
_CHECK = b"shenbao data key check"
_VERSION = b"\x01"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8
KEY_HOMES = {"keyring": "系统钥匙串", "passphrase": "数据口令"}


class KeyUnavailableError(StoreError):
    """The data key cannot be had: no keyring and no passphrase, or a wrong passphrase."""


class KeyMoveError(StoreError):
    """The key cannot be moved where asked: too short a passphrase, or no keyring that works."""


# --- the cipher -----------------------------------------------------------------------------------


class Cipher:
    """AES-256-GCM with a fresh 96-bit nonce per message; `context` is authenticated, so a blob moved to
    another record or field does not decrypt."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        if len(blob) < 29 or blob[:1] != _VERSION:
            raise StoreError(f"加密数据格式不符（{context}）")
        try:
            return self._aead.decrypt(blob[1:13], blob[13:], context.encode())
        except InvalidTag:
            raise StoreError(f"加密数据无法解密或已被改动（{context}）") from None

    def encrypt_json(self, value: Any, context: str) -> bytes:
        return self.encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), context)

    def decrypt_json(self, blob: bytes, context: str) -> Any:
        return json.loads(self.decrypt(blob, context))


def derive_key(
    passphrase: str, salt: bytes, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    """scrypt: slow on purpose, so a stolen file cannot be tried against many guesses."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


# --- the key --------------------------------------------------------------------------------------


def keyring_username(folder: Path) -> str:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:24]
    return f"data-key:{digest}"


def _usable_keyring() -> Any | None:
    import keyring

    backend = keyring.get_keyring()
    if type(backend).__module__.startswith("keyrings.alt"):
        return None
    return backend


def _keyring_get(folder: Path) -> bytes | None:
    from keyring.errors import KeyringError

    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, keyring_username(folder))
    except (KeyringError, RuntimeError, OSError):
        return None
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        return None


def keyring_has_key(folder: Path) -> bool:
    """Whether the keyring holds a data key for this folder (a sign that a store was here)."""
    return _keyring_get(folder) is not None


def _keyring_set(folder: Path, key: bytes) -> bool:
    from keyring.errors import KeyringError

    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, keyring_username(folder), base64.b64encode(key).decode())
    except (KeyringError, RuntimeError, OSError):
        return False
    return _keyring_get(folder) == key


def _keyring_forget(folder: Path) -> bool:
    """Remove the folder's key from the keyring (a missing entry is fine); True when it is gone."""
    from keyring.errors import KeyringError

    backend = _usable_keyring()
    if backend is None:
        return True
    with contextlib.suppress(KeyringError, RuntimeError, OSError):  # none there; a failure shows below
        backend.delete_password(SERVICE, keyring_username(folder))
    return _keyring_get(folder) is None


PassphrasePrompt = Callable[[bool], str | None]
"""Asks the user for the passphrase; the argument is True when a new one is being set (confirm it)."""


class KeyManager:
    """Finds or creates the data key of one data folder. `get_setting` reads the settings table;
    `claim(values, then)` writes `values` and runs `then` in one write transaction unless a key is
    already recorded (returning False); `prompt` asks for a passphrase when the keyring cannot help."""

    def __init__(
        self,
        folder: Path,
        get_setting: Callable[[str], str | None],
        claim: Callable[[dict[str, str], Callable[[], None]], bool],
        prompt: PassphrasePrompt | None = None,
    ) -> None:
        self.folder = folder
        self._get = get_setting
        self._claim = claim
        self._prompt = prompt
        self._data_key: bytes | None = None
        self._cipher: Cipher | None = None

    @property
    def cipher(self) -> Cipher:
        if self._cipher is None:
            self._cipher = Cipher(self._current_key())
        return self._cipher

    def home(self) -> str | None:
        """Where the key lives: "keyring", "passphrase", or None before the first key is made."""
        return self._get("key_home")

    def _current_key(self) -> bytes:
        if self._data_key is None:
            self._data_key = self._key()
        return self._data_key

    def _passphrase(self, new: bool) -> str:
        value = os.environ.get(PASSPHRASE_ENV)
        if not value and self._prompt is not None:
            value = self._prompt(new)
        if not value:
            need = "系统钥匙串不可用，需要设置数据口令" if new else "密钥由数据口令保护，需要输入口令"
            raise KeyUnavailableError(f"{need}：请在终端中运行以输入口令，或设置环境变量 {PASSPHRASE_ENV}")
        return value

    def _verify(self, key: bytes) -> bool:
        check = self._get("key_check")
        if check is None:
            return False
        try:
            return Cipher(key).decrypt(base64.b64decode(check), "key-check") == _CHECK
        except StoreError:
            return False

    def _key(self) -> bytes:
        """The key from its home. A passphrase-protected key is never looked for in, nor copied to, the
        keyring: the user chose to type the passphrase."""
        if self.home() != "passphrase":
            stored = _keyring_get(self.folder)
            if stored is not None and len(stored) == 32 and self._verify(stored):
                return stored
        wrapped = self._get("wrapped_key")
        if wrapped is not None:
            salt = base64.b64decode(self._get("kdf_salt") or "")
            kek = Cipher(derive_key(self._passphrase(False), salt))
            try:
                return kek.decrypt(base64.b64decode(wrapped), "wrapped-key")
            except StoreError:
                raise KeyUnavailableError("数据口令不正确") from None
        if self._get("key_check") is not None:
            raise KeyUnavailableError(
                f"数据已加密，但系统钥匙串中找不到密钥（{SERVICE} / {keyring_username(self.folder)}）；"
                "请在原电脑上导出数据包后再导入"
            )
        return self._create()

    def _create(self, home: str | None = None, passphrase: str | None = None) -> bytes:
        """A new data key, claimed under the write lock: when another process made one first, that one is
        used instead, so two first saves at once never leave data under two keys. It goes to `home` when
        given, else to the keyring when one works, else under a passphrase."""
        key = os.urandom(32)
        check = base64.b64encode(Cipher(key).encrypt(_CHECK, "key-check")).decode()
        if home != "passphrase" and keyring_works():
            try:
                claimed = self._claim(
                    {"key_check": check, "key_home": "keyring"}, lambda: self._to_keyring(key)
                )
            except _KeyringFailed:
                claimed = None
            if claimed is not None:
                return key if claimed else self._key()
        if home == "keyring":
            raise KeyMoveError("无法把密钥存入系统钥匙串：写入后读不回来")
        values = {"key_check": check, **_wrapped(key, passphrase or self._passphrase(True))}
        return key if self._claim(values, lambda: None) else self._key()

    def _to_keyring(self, key: bytes) -> None:
        if not _keyring_set(self.folder, key):
            raise _KeyringFailed

    def move(
        self, to: str, passphrase: str | None, write: Callable[[Mapping[str, str | None]], None]
    ) -> bool:
        """Keep the same data key in `to`: "keyring", or "passphrase" wrapped under `passphrase` (which
        also changes the passphrase of a key already there). `write(rows)` sets the settings rows (None
        deletes one) in one transaction. The new home is filled before the old one is emptied, so a
        failure at any step leaves the data readable as before. False when the key was already there."""
        new = passphrase or ""
        if to not in KEY_HOMES:
            raise KeyMoveError(
                f"密钥只能存放在 keyring（系统钥匙串）或 passphrase（数据口令）中，不能是 {to}"
            )
        if to == "passphrase" and len(new) < MIN_PASSPHRASE:
            raise KeyMoveError(f"数据口令至少 {MIN_PASSPHRASE} 个字符")
        if to == "keyring" and not keyring_works():
            raise KeyMoveError("系统钥匙串不可用（或不受信任），不能把密钥存放在其中")
        if self.home() is None:
            self._data_key = self._create(to, passphrase)
        key, before = self._current_key(), self.home()
        if to == "keyring":
            if before == "keyring" and _keyring_get(self.folder) == key:
                return False
            if not _keyring_set(self.folder, key):
                raise KeyMoveError("无法把密钥存入系统钥匙串：写入后读不回来；密钥仍由数据口令保护")
            try:
                write({"key_home": "keyring", "kdf": None, "kdf_salt": None, "wrapped_key": None})
            except BaseException:
                if before != "keyring":
                    _keyring_forget(self.folder)
                raise
            return True
        write(_wrapped(key, new))
        if not _keyring_forget(self.folder):
            raise KeyMoveError(
                "密钥已改由数据口令保护，但未能从系统钥匙串中删除原来的密钥"
                f"（{SERVICE} / {keyring_username(self.folder)}）：请在系统钥匙串中手动删除该条目"
            )
        return True


def _wrapped(key: bytes, passphrase: str) -> dict[str, str]:
    """The settings rows of a key wrapped under a passphrase, with a fresh salt."""
    salt = os.urandom(16)
    kek = Cipher(derive_key(passphrase, salt))
    return {
        "key_home": "passphrase",
        "kdf": f"scrypt:{SCRYPT_N}:{SCRYPT_R}:{SCRYPT_P}",
        "kdf_salt": base64.b64encode(salt).decode(),
        "wrapped_key": base64.b64encode(kek.encrypt(key, "wrapped-key")).decode(),
    }


class _KeyringFailed(Exception):
    pass


def keyring_works() -> bool:
    """A trusted keyring that answers, so the key can live there."""
    from keyring.errors import KeyringError

    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.get_password(SERVICE, "probe")
    except (KeyringError, RuntimeError, OSError):
        return False
    return True


# --- showing and leaving out ----------------------------------------------------------------------


def mask_id_number(number: str) -> str:
    """350102199001011235 → 350102********1235, as lists and forms show it unless asked."""
    number = str(number)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    phone = str(phone)
    return phone[:3] + "*" * max(len(phone) - 7, 0) + phone[-4:] if len(phone) > 7 else "*" * len(phone)


def masked_profile(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of an interchange profile with ID numbers and phones masked, for display."""
    out = json.loads(json.dumps(document))
    ent = out.get("enterprise")
    if isinstance(ent, dict) and isinstance(ent.get("contact_phone"), str):
        ent["contact_phone"] = mask_phone(ent["contact_phone"])
    facts = out.get("facts")
    if isinstance(facts, dict) and isinstance(facts.get("core_engineers"), list):
        for row in facts["core_engineers"]:
            if isinstance(row, dict) and isinstance(row.get("id_number"), str):
                row["id_number"] = mask_id_number(row["id_number"])
    return out


def has_sensitive(value: Any) -> bool:
    """True when a JSON value holds a non-empty sensitive field anywhere in it."""
    if isinstance(value, dict):
        return any(
            (k in SENSITIVE_ANYWHERE and v not in (None, "", [])) or has_sensitive(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(has_sensitive(v) for v in value)
    return False


def without_sensitive(value: Any) -> Any:
    """A copy of a JSON value with every sensitive field left out."""
    if isinstance(value, dict):
        return {k: without_sensitive(v) for k, v in value.items() if k not in SENSITIVE_ANYWHERE}
    if isinstance(value, list):
        return [without_sensitive(v) for v in value]
    return value
