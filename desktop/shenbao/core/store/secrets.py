"""Sensitive fields at rest: which they are, how they are encrypted, and where the key comes from.

The core engineers' names and 身份证号 and the contact phone are stored only as AES-GCM ciphertext under
a random 256-bit data key. The key lives in the operating system's keyring (service "shenbao", one
entry per data folder). Where no keyring works (a headless Linux, a locked keychain) the data key is
wrapped with a key derived by scrypt from a passphrase the user types, or SHENBAO_PASSPHRASE for
scripts; the database then holds the salt and the wrapped key, never the key in plain text. A keyring
from `keyrings.alt` is not trusted: it writes secrets to a plain file.

The settings row `key_home` says which of the two holds the key, and only that one is used. The user can
move the key from one to the other (`KeyManager.move`); the key itself does not change, so nothing is
re-encrypted, and the new home is written (in the database, then in each backup under that key, see
`rehome_backup`) before the old one is emptied. Changing a passphrase therefore leaves copies made
elsewhere readable under the old one: `KeyManager.rotate` makes a new data key instead and every secret
is re-encrypted under it in one transaction (see `reencrypt`).

Every new passphrase, typed or taken from the environment, has at least MIN_PASSPHRASE characters.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from shenbao.core.phrases import Phrase
from shenbao.core.store.db import REFUSALS, StoreError

SERVICE = "shenbao"
PASSPHRASE_ENV = "SHENBAO_PASSPHRASE"
SENSITIVE_ENTERPRISE_KEYS = ("contact_phone",)
SENSITIVE_FACT_KEYS = ("core_engineers",)
SENSITIVE_PATHS = (
    *(f"enterprise.{k}" for k in SENSITIVE_ENTERPRISE_KEYS),
    *(f"facts.{k}" for k in SENSITIVE_FACT_KEYS),
)
SENSITIVE_ANYWHERE = frozenset({*SENSITIVE_ENTERPRISE_KEYS, *SENSITIVE_FACT_KEYS, "id_number"})
# the keys of a wizard's answers, which are kept by path ("enterprise.contact_phone"), that are sensitive:
# a plain data pack carried a phone typed in a wizard (a profile's provenance is keyed by path too, and
# says only where a value came from: only answers are read with these)
SENSITIVE_ANSWER_KEYS = SENSITIVE_ANYWHERE | frozenset(SENSITIVE_PATHS)
_CHECK = b"shenbao data key check"
# the one JSON spelling of a value that is digested: made once, as json.dumps with these arguments makes
# an encoder at every call (a third of a digest's time, which a 100,000-row import makes for each phone)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_VERSION = b"\x01"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8
PASSPHRASE_TRIES = 3
"""How many times a typed passphrase is asked for before the command gives up (one from the environment
is tried once: nobody is there to type it again)."""
KEY_HOMES = {"keyring": "系统钥匙串", "passphrase": "数据口令"}

# Why the data key cannot be had, moved or changed: each a template the interface writes again in its own
# language (`{what}` is one of the passphrases named below; `{entry}` a keyring entry, service / name).
KEY_MESSAGES = {
    "data_passphrase": "数据口令",
    "bundle_passphrase": "数据包口令",
    "new_passphrase": "新的数据口令",
    "too_short": "{what}至少 {count} 个字符",
    "too_short_from": "环境变量 {variable} 中的{what}至少 {count} 个字符",
    "bad_format": "加密数据格式不符（{context}）",
    "altered": "加密数据无法解密或已被改动（{context}）",
    "need_new": "系统钥匙串不可用，需要设置数据口令：请在终端中运行以输入口令，或设置环境变量 {variable}",
    "need_passphrase": "密钥由数据口令保护，需要输入口令：请在终端中运行以输入口令，或设置环境变量 {variable}",
    "keyring_locked": "数据已加密，密钥存放在系统钥匙串中（{entry}），但系统钥匙串现在不可用或已锁定：请解锁或启动系统钥匙串后重试",
    "key_not_found": "数据已加密，但系统钥匙串中找不到密钥（{entry}）：若数据文件夹来自另一台电脑或另一个用户，"
    "请在原处导出数据包后在此导入，或在原处改用数据口令保护（设置 → 加密密钥，或 shenbao key --to passphrase）后再复制；"
    "若是旧版本存放密钥、此后又移动或改名的文件夹，请移回原位置打开一次，再移动",
    "not_stored": "无法把密钥存入系统钥匙串：写入后读不回来",
    "no_such_home": "密钥只能存放在 keyring（系统钥匙串）或 passphrase（数据口令）中，不能是 {home}",
    "no_keyring": "系统钥匙串不可用（或不受信任），不能把密钥存放在其中",
    "not_stored_kept": "无法把密钥存入系统钥匙串：写入后读不回来；密钥仍由数据口令保护",
    "not_forgotten": "密钥已改由数据口令保护，但未能从系统钥匙串中删除原来的密钥（{entry}）：请在系统钥匙串中手动删除该条目",
    "no_key_yet": "尚未创建密钥：首次保存身份证号或联系电话时才会创建，无需更换",
    "current_not_stored": "无法把现用密钥存入系统钥匙串：写入后读不回来；密钥未更换",
    "new_not_stored": "无法把新密钥存入系统钥匙串：写入后读不回来；密钥未更换",
    "old_not_kept": "无法在系统钥匙串中保留旧密钥以重新加密备份：写入后读不回来；密钥未更换",
    "backup_not_rotated": "已更换数据密钥，重新加密 {count} 项，但备份 {backup} 未能重新加密（{why}）："
    "尚未重新加密的 {left} 份备份仍由旧密钥加密，恢复后仍可读取；请解决后再次更换数据密钥",
    "key_changed": "数据密钥已在另一个窗口或命令中更换，本次修改未保存（已保存的数据不受影响）：请再试一次，将使用新的密钥",
    "rotated_staged": "密钥已更换，但未能写入系统钥匙串的 {entry} 条目；新密钥暂存在 {staged} 条目中，请勿删除",
}


class UnreadableSecretError(StoreError):
    """One record's encrypted part is damaged or was altered: the key is right, that record is not."""


class KeyUnavailableError(StoreError):
    """The data key cannot be had: no keyring and no passphrase, or a wrong passphrase."""


class KeyMoveError(StoreError):
    """The key cannot be moved where asked: too short a passphrase, or no keyring that works."""


def check_new_passphrase(
    value: str, what: str = KEY_MESSAGES["data_passphrase"], source: str | None = None
) -> str:
    """A new passphrase of at least MIN_PASSPHRASE characters, wherever it came from (`source` names an
    environment variable it was read from)."""
    if len(value) < MIN_PASSPHRASE:
        if source:
            message = Phrase(KEY_MESSAGES["too_short_from"], variable=source, what=what, count=MIN_PASSPHRASE)
        else:
            message = Phrase(KEY_MESSAGES["too_short"], what=what, count=MIN_PASSPHRASE)
        raise KeyMoveError(message)
    return value


# --- the cipher -----------------------------------------------------------------------------------


class Cipher:
    """AES-256-GCM with a fresh 96-bit nonce per message; `context` is authenticated, so a blob moved to
    another record or field does not decrypt."""

    def __init__(self, key: bytes) -> None:
        import hashlib  # with its OpenSSL: here, where a key is opened, not at the window's start
        import hmac

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(key)
        # the key of `digest`, of its own so that no digest is ever made with the encryption key
        self._mac = hmac.new(key, b"shenbao field digest", hashlib.sha256).digest()
        self._hmac = hmac.digest

    def digest(self, value: Any, context: str) -> str:
        """HMAC-SHA256 of a JSON value under (a key derived from) the data key: equal for equal values
        in one data folder, and nothing to guess a 身份证号 or a phone from without the key."""
        text = _CANONICAL.encode(value)
        return self._hmac(self._mac, context.encode() + b"\0" + text.encode(), "sha256").hex()

    def encrypt(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes:
        from cryptography.exceptions import InvalidTag

        if len(blob) < 29 or blob[:1] != _VERSION:
            raise UnreadableSecretError(Phrase(KEY_MESSAGES["bad_format"], context=context))
        try:
            return self._aead.decrypt(blob[1:13], blob[13:], context.encode())
        except InvalidTag:
            raise UnreadableSecretError(Phrase(KEY_MESSAGES["altered"], context=context)) from None

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


def keyring_entry_of(folder: Path) -> str:
    """The name a data folder's key is kept under in the keyring, made from where the folder is: what a
    folder's key was first stored under, and what the folder's settings then keep (`keyring_entry`), so
    that the folder moved or renamed still finds it."""
    import hashlib

    return hashlib.sha256(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:24]


def keyring_username(folder: Path, entry: str | None = None) -> str:
    """The keyring's username for a data folder's key: under the folder's recorded `entry`, or where
    no entry is recorded (a folder whose key was stored by an older version), under the name its place
    gives."""
    return f"data-key:{entry or keyring_entry_of(folder)}"


# What a keyring backend raises when its service is gone, locked or refuses: keyring's own KeyringError,
# but as often the platform's (a D-Bus error response, the Security framework's or win32's error), none
# of which derive from one base. Any of them means the keyring did not answer.
_KEYRING_FAILURES = (Exception,)


def _usable_keyring() -> Any | None:
    import keyring

    backend = keyring.get_keyring()
    if type(backend).__module__.startswith("keyrings.alt"):
        return None
    return backend


def _next_username(folder: Path, entry: str | None = None) -> str:
    """Where a rotated key waits until the database has been re-encrypted under it."""
    return keyring_username(folder, entry).replace("data-key:", "data-key-next:")


def _retired_username(folder: Path, entry: str | None = None) -> str:
    """Where the key before a rotation stays until every backup has been re-encrypted under the new one."""
    return keyring_username(folder, entry).replace("data-key:", "data-key-retired:")


def _keyring_get(folder: Path, username: str | None = None) -> bytes | None:
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        value = backend.get_password(SERVICE, username or keyring_username(folder))
    except _KEYRING_FAILURES:
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


def _keyring_set(folder: Path, key: bytes, username: str | None = None) -> bool:
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, username or keyring_username(folder), base64.b64encode(key).decode())
    except _KEYRING_FAILURES:
        return False
    return _keyring_get(folder, username) == key


def _keyring_forget(folder: Path, username: str | None = None) -> bool:
    """Remove the folder's key from the keyring (a missing entry is fine); True when it is gone."""
    backend = _usable_keyring()
    if backend is None:
        return True
    with contextlib.suppress(*_KEYRING_FAILURES):  # none there; a failure shows below
        backend.delete_password(SERVICE, username or keyring_username(folder))
    return _keyring_get(folder, username) is None


PassphrasePrompt = Callable[[bool], str | None]
"""Asks the user for the passphrase; the argument is True when a new one is being set (confirm it). A
prompt may carry an `on_wrong()` attribute, called before it is asked again after a wrong passphrase."""


class KeyManager:
    """Finds or creates the data key of one data folder. `get_setting` reads the settings table;
    `claim(values, then)` writes `values` and runs `then` in one write transaction unless a key is
    already recorded (returning False); `prompt` asks for a passphrase when the keyring cannot help;
    `note(values)` writes settings rows where it can and otherwise lets them be (the keyring entry of a
    folder whose key an older version stored, recorded once the key is found under it)."""

    def __init__(
        self,
        folder: Path,
        get_setting: Callable[[str], str | None],
        claim: Callable[[dict[str, str], Callable[[], None]], bool],
        prompt: PassphrasePrompt | None = None,
        note: Callable[[dict[str, str]], None] = lambda _values: None,
    ) -> None:
        self.folder = folder
        self._get = get_setting
        self._claim = claim
        self._note = note
        self._prompt = prompt
        self._data_key: bytes | None = None
        self._cipher: Cipher | None = None
        self._unlocked_with: str | None = None

    @property
    def cipher(self) -> Cipher:
        if self._cipher is None:
            self._cipher = Cipher(self._current_key())
        return self._cipher

    def forget(self) -> None:
        """Let the key go: the next secret read or written reads it again from its home."""
        self._data_key = self._cipher = None

    def decrypt_json(self, blob: bytes, context: str) -> Any:
        """A secret read with the data key. One the key this process holds cannot open, when another
        program has changed the key since it was read, is read again with the key now in use, rather than
        reported as altered."""
        try:
            return self.cipher.decrypt_json(blob, context)
        except UnreadableSecretError:
            if self._data_key is None or self._verify(self._data_key):
                raise
        self.forget()
        return self.cipher.decrypt_json(blob, context)

    def unlocked(self) -> bool:
        """Whether the data key is already at hand in this process: reading a secret asks for nothing."""
        return self._data_key is not None

    def home(self) -> str | None:
        """Where the key lives: "keyring", "passphrase", or None before the first key is made."""
        return self._get("key_home")

    def _entry(self) -> str:
        """This folder's keyring entry as a message names it: service / name."""
        return f"{SERVICE} / {self._names()[0]}"

    def keyring_entry(self) -> str:
        """Where in the keyring this folder's key is kept, as the user finds it there: service / name."""
        return self._entry()

    def _entry_id(self) -> str:
        """The name this folder's key is kept under in the keyring: the one its settings record (so that
        the folder moved or renamed still finds its key), else the one its place gives."""
        return self._get("keyring_entry") or keyring_entry_of(self.folder)

    def _names(self) -> tuple[str, str, str]:
        """This folder's keyring entries: the key; a rotated key staged; the key before a rotation."""
        entry = self._entry_id()
        return (
            keyring_username(self.folder, entry),
            _next_username(self.folder, entry),
            _retired_username(self.folder, entry),
        )

    def _current_key(self) -> bytes:
        if self._data_key is None:
            self._data_key = self._key()
        return self._data_key

    def _passphrase(self, new: bool) -> str:
        value = os.environ.get(PASSPHRASE_ENV)
        source = PASSPHRASE_ENV if value else None
        if not value and self._prompt is not None:
            value = self._prompt(new)
        if not value:
            need = KEY_MESSAGES["need_new" if new else "need_passphrase"]
            raise KeyUnavailableError(Phrase(need, variable=PASSPHRASE_ENV))
        if new:
            check_new_passphrase(value, source=source)
        self._unlocked_with = value
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
            # the last: a backup restored before its re-encryption was done
            for username in self._names():
                stored = _keyring_get(self.folder, username)
                if stored is not None and len(stored) == 32 and self._verify(stored):
                    if self._get("keyring_entry") is None:  # stored by an older version: found here
                        self._note({"keyring_entry": keyring_entry_of(self.folder)})
                    return stored
        wrapped = self._get("wrapped_key")
        if wrapped is not None:
            salt = base64.b64decode(self._get("kdf_salt") or "")
            known = self._unlocked_with
            if known is not None:  # given here before: the key changed since (a rotation) but not its
                # passphrase, which is not asked for again
                with contextlib.suppress(StoreError):
                    return Cipher(derive_key(known, salt)).decrypt(base64.b64decode(wrapped), "wrapped-key")
                self._unlocked_with = None
            for attempt in range(1, PASSPHRASE_TRIES + 1):
                if attempt > 1:
                    getattr(self._prompt, "on_wrong", lambda: None)()
                kek = Cipher(derive_key(self._passphrase(False), salt))
                try:
                    return kek.decrypt(base64.b64decode(wrapped), "wrapped-key")
                except StoreError:
                    self._unlocked_with = None
                    if os.environ.get(PASSPHRASE_ENV) or self._prompt is None:
                        raise KeyUnavailableError(Phrase(REFUSALS["wrong_passphrase"])) from None
            raise KeyUnavailableError(Phrase(REFUSALS["wrong_passphrase_tries"], count=PASSPHRASE_TRIES))
        if self._get("key_check") is not None:
            if not keyring_works():
                raise KeyUnavailableError(Phrase(KEY_MESSAGES["keyring_locked"], entry=self._entry()))
            raise KeyUnavailableError(Phrase(KEY_MESSAGES["key_not_found"], entry=self._entry()))
        return self._create()

    def _create(self, home: str | None = None, passphrase: str | None = None) -> bytes:
        """A new data key, claimed under the write lock: when another process made one first, that one is
        used instead, so two first saves at once never leave data under two keys. It goes to `home` when
        given, else to the keyring when one works, else under a passphrase."""
        key = os.urandom(32)
        check = base64.b64encode(Cipher(key).encrypt(_CHECK, "key-check")).decode()
        if home != "passphrase" and keyring_works():
            named = {} if self._get("keyring_entry") else {"keyring_entry": keyring_entry_of(self.folder)}
            try:
                claimed = self._claim(
                    {"key_check": check, "key_home": "keyring", **named}, lambda: self._to_keyring(key)
                )
            except _KeyringFailed:
                claimed = None
            if claimed is not None:
                return key if claimed else self._key()
        if home == "keyring":
            raise KeyMoveError(Phrase(KEY_MESSAGES["not_stored"]))
        values = {"key_check": check, **_wrapped(key, passphrase or self._passphrase(True))}
        return key if self._claim(values, lambda: None) else self._key()

    def _to_keyring(self, key: bytes) -> None:
        if not _keyring_set(self.folder, key, self._names()[0]):
            raise _KeyringFailed

    def move(
        self,
        to: str,
        passphrase: str | None,
        write: Callable[[Mapping[str, str | None]], None],
        backups: Callable[[Cipher, Mapping[str, str | None]], int] = lambda _key, _rows: 0,
    ) -> bool:
        """Keep the same data key in `to`: "keyring", or "passphrase" wrapped under `passphrase` (which
        also changes the passphrase of a key already there). `write(rows)` sets the settings rows (None
        deletes one) in one transaction; `backups(key, rows)` then writes them in each backup under the
        key, so that one restored finds the key where it now is, and says how many it rewrote. The new
        home is filled before the old one is emptied, so a failure at any step leaves the data and every
        backup readable as before.
        False when the key was already there, for "passphrase" under that same passphrase (backups a
        stopped move left are written all the same: then True)."""
        new = passphrase or ""
        if to not in KEY_HOMES:
            raise KeyMoveError(Phrase(KEY_MESSAGES["no_such_home"], home=to))
        if to == "passphrase":
            check_new_passphrase(new)
        if to == "keyring" and not keyring_works():
            raise KeyMoveError(Phrase(KEY_MESSAGES["no_keyring"]))
        made = self.home() is None
        if made:
            self._data_key = self._create(to, passphrase)
        key, before = self._current_key(), self.home()
        main = self._names()[0]
        if to == "keyring":
            rows: dict[str, str | None] = {
                "key_home": "keyring",
                "keyring_entry": self._entry_id(),
                "kdf": None,
                "kdf_salt": None,
                "wrapped_key": None,
            }
            if before == "keyring" and _keyring_get(self.folder, main) == key:
                backups(self.cipher, rows)
                return False
            if not _keyring_set(self.folder, key, main):
                raise KeyMoveError(Phrase(KEY_MESSAGES["not_stored_kept"]))
            try:
                write(rows)
            except BaseException:
                if before != "keyring":
                    _keyring_forget(self.folder, main)
                raise
            backups(self.cipher, rows)  # a backup not yet written still carries its wrapped key
            self._unlocked_with = None
            return True
        # the passphrase in use given again changes nothing but what a stopped move left undone
        unchanged = before == "passphrase" and not made and self._opens_wrapped(new, key)
        wrapped: Mapping[str, str | None]
        if unchanged:
            wrapped = {name: self._get(name) for name in ("key_home", "kdf", "kdf_salt", "wrapped_key")}
        else:
            wrapped = _wrapped(key, new)
            write(wrapped)
        self._unlocked_with = new  # what now opens the key: a rotation wraps its new key under it
        # the keyring entry stays until every backup no longer needs it
        finished = backups(self.cipher, wrapped) > 0 or _keyring_get(self.folder, main) is not None
        if not _keyring_forget(self.folder, main):
            raise KeyMoveError(Phrase(KEY_MESSAGES["not_forgotten"], entry=self._entry()))
        return not unchanged or finished

    def rotate(
        self, rewrite: Callable[[Cipher, Cipher, Mapping[str, str | None]], None], *, keep_old: bool = False
    ) -> None:
        """A new data key in the same home. `rewrite(old, new, rows)` re-encrypts every secret from `old`
        to `new` and writes the settings `rows`, all in one transaction. A keyring key is first staged
        under a second entry, so a crash at any step leaves one key that opens the database. With
        `keep_old` a keyring key also stays aside (see `retired`) until `forget_retired`: backups still
        to be re-encrypted need it, should the work be stopped among them. A passphrase-protected backup
        carries its own wrapped key."""
        home = self.home()
        if home is None:
            raise KeyMoveError(Phrase(KEY_MESSAGES["no_key_yet"]))
        old, current = self.cipher, self._current_key()
        key = os.urandom(32)
        rows: dict[str, str | None] = {
            "key_check": base64.b64encode(Cipher(key).encrypt(_CHECK, "key-check")).decode()
        }
        main, staged, retired = self._names()
        if home == "passphrase":
            rows.update(_wrapped(key, self._protecting(current)))
        elif _keyring_get(self.folder, main) != current and not _keyring_set(self.folder, current, main):
            # the key that opens the database was found in the staging entry (an earlier rotation was
            # interrupted after its commit): it goes to the main entry first, or staging this rotation's
            # key over it would leave no key that opens the data should this one be interrupted too
            raise KeyMoveError(Phrase(KEY_MESSAGES["current_not_stored"]))
        elif not _keyring_set(self.folder, key, staged):
            raise KeyMoveError(Phrase(KEY_MESSAGES["new_not_stored"]))
        elif keep_old and not _keyring_set(self.folder, current, retired):
            _keyring_forget(self.folder, staged)
            raise KeyMoveError(Phrase(KEY_MESSAGES["old_not_kept"]))
        try:
            rewrite(old, Cipher(key), rows)
        except BaseException:
            if home == "keyring":
                _keyring_forget(self.folder, staged)
                if keep_old:
                    _keyring_forget(self.folder, retired)
            raise
        self._data_key, self._cipher = key, None
        if home == "keyring":
            if not _keyring_set(self.folder, key, main):
                raise KeyMoveError(Phrase(KEY_MESSAGES["rotated_staged"], entry=main, staged=staged))
            _keyring_forget(self.folder, staged)

    def _protecting(self, key: bytes) -> str:
        """The passphrase that now opens `key`: the one it was unlocked with here, unless another program
        has given it a new one since (`shenbao key --to passphrase` while the window stayed open), which
        is then asked for: wrapping a new key under the old one would put it back unannounced."""
        if self._unlocked_with is not None and self._opens_wrapped(self._unlocked_with, key):
            return self._unlocked_with
        given = self._passphrase(False)
        if not self._opens_wrapped(given, key):
            self._unlocked_with = None
            raise KeyUnavailableError(Phrase(REFUSALS["wrong_passphrase"]))
        return given

    def _opens_wrapped(self, passphrase: str, key: bytes) -> bool:
        """Whether `passphrase` is the one the database's wrapped copy of `key` is under."""
        salt = base64.b64decode(self._get("kdf_salt") or "")
        wrapped = base64.b64decode(self._get("wrapped_key") or "")
        try:
            return Cipher(derive_key(passphrase, salt)).decrypt(wrapped, "wrapped-key") == key
        except StoreError:
            return False

    def other_keys(self) -> list[Cipher]:
        """Keys other than the one in use that this folder's keyring entries still hold: the key a rotation
        kept aside for backups it had still to re-encrypt when it was stopped, or the newer key of a
        database since restored from a backup made before a rotation. Backups may be under them."""
        if self.home() != "keyring":
            return []
        current = self._current_key()
        found: list[bytes] = []
        for username in self._names():
            kept = _keyring_get(self.folder, username)
            if kept is not None and len(kept) == 32 and kept != current and kept not in found:
                found.append(kept)
        return [Cipher(key) for key in found]

    def forget_retired(self) -> None:
        """Every backup is under the current key (or deleted): the key kept aside is no longer needed."""
        if self.home() == "keyring":
            _keyring_forget(self.folder, self._names()[2])


# A declaration's encrypted columns: the wizard's answers, and the profile a printed one was judged with
# (core.register keeps it for a reprint).
DECLARATION_SECRETS = ("answers", "basis")


def secret_digests(cipher: Cipher, uscc: str, hidden: Mapping[str, Any]) -> dict[str, str]:
    """The keyed digest (`Cipher.digest`) of each sensitive field a profile holds, by path: `hidden` is
    {"enterprise": {...}, "facts": {...}} (what the store encrypts) or a whole profile. What the register
    compares to tell that a 身份证号 or a phone changed since a declaration was printed, without the key.
    A field not held has no digest."""
    out: dict[str, str] = {}
    for path in SENSITIVE_PATHS:
        section, _, key = path.partition(".")
        values = hidden.get(section)
        if isinstance(values, Mapping) and values.get(key) not in (None, "", []):
            out[path] = cipher.digest(values[key], f"{uscc}:{path}")
    return out


PROGRESS_EVERY = 200
"""How many secrets `reencrypt` re-encrypts between two calls of its `progress`."""


def reencrypt(conn: Any, old: Cipher, new: Cipher, progress: Callable[[int, int], None] | None = None) -> int:
    """Every secret of one database (enterprises' and declarations') from `old` to `new`, in the
    caller's transaction; returns how many were re-encrypted. A secret `old` cannot open raises.
    `progress(done, total)` is told every PROGRESS_EVERY secrets and at the end; what it raises rolls
    the caller's transaction back (a cancel)."""
    count = 0
    # a backup's older schema may lack the digests (core.store.db v7)
    digested = "secrets_digest" in {row[1] for row in conn.execute("PRAGMA table_info(enterprises)")}
    columns = {row[1] for row in conn.execute("PRAGMA table_info(declarations)")}  # a backup's older schema
    secret_columns = [c for c in DECLARATION_SECRETS if c in columns]
    total = 0
    if progress is not None:
        total = conn.execute("SELECT COUNT(*) FROM enterprises WHERE secrets IS NOT NULL").fetchone()[0]
        for column in secret_columns:
            total += conn.execute(
                f"SELECT COUNT(*) FROM declarations WHERE {column} IS NOT NULL"  # noqa: S608 -- named here
            ).fetchone()[0]
        progress(0, total)

    def counted() -> None:
        nonlocal count
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count, total)

    for rowid, uscc, blob in conn.execute(
        "SELECT id, uscc, secrets FROM enterprises WHERE secrets IS NOT NULL"
    ).fetchall():
        context = f"enterprise:{uscc}"
        plain = old.decrypt(blob, context)
        conn.execute("UPDATE enterprises SET secrets = ? WHERE id = ?", (new.encrypt(plain, context), rowid))
        if digested:  # the digests are keyed: made again under the new key
            digests = secret_digests(new, uscc, json.loads(plain))
            conn.execute(
                "UPDATE enterprises SET secrets_digest = ? WHERE id = ?", (json.dumps(digests), rowid)
            )
        counted()
    for column in secret_columns:
        recorded = column == "basis" and "basis_secrets" in columns
        for rowid, uscc, measure, blob, *digests in conn.execute(
            f"SELECT d.id, e.uscc, d.measure, d.{column}"  # noqa: S608 -- a column named here
            + (", d.basis_secrets" if recorded else "")
            + f" FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.{column} IS NOT NULL"
        ).fetchall():
            context = f"declaration:{uscc}:{measure}"
            plain = old.decrypt(blob, context)
            conn.execute(
                f"UPDATE declarations SET {column} = ? WHERE id = ?",  # noqa: S608
                (new.encrypt(plain, context), rowid),
            )
            if digests and digests[0] is not None:  # the basis's digests, of the same fields, new key
                kept = json.loads(digests[0])
                made = secret_digests(new, uscc, json.loads(plain))
                conn.execute(
                    "UPDATE declarations SET basis_secrets = ? WHERE id = ?",
                    (json.dumps({path: made.get(path) for path in kept}), rowid),
                )
            counted()
    if progress is not None:
        progress(count, total)
    return count


def write_settings(conn: Any, rows: Mapping[str, str | None]) -> None:
    """Set (or, for None, delete) settings rows, in the caller's transaction."""
    for key, value in rows.items():
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def opens(conn: Any, cipher: Cipher) -> bool:
    """Whether `cipher` is the data key of the database behind `conn`."""
    row = conn.execute("SELECT value FROM settings WHERE key = 'key_check'").fetchone()
    if row is None:
        return False
    try:
        return cipher.decrypt(base64.b64decode(row[0]), "key-check") == _CHECK
    except (StoreError, ValueError):
        return False


def rekey_backup(
    path: Path, old: Cipher, new: Cipher, rows: Mapping[str, str | None], *, missing: bool = True
) -> bool:
    """Re-encrypt one backup file from `old` to `new`, in a copy renamed over it, so a crash leaves the
    backup as it was. False when `old` is not its key (a backup from before an earlier change); a backup
    holding no secret gives `missing`."""

    def change(conn: Any) -> bool | None:
        if conn.execute("SELECT 1 FROM settings WHERE key = 'key_check'").fetchone() is None:
            return missing  # it holds no secret
        if not opens(conn, old):
            return False
        reencrypt(conn, old, new)
        write_settings(conn, rows)
        return None

    return _rewrite_backup(path, change)


def rehome_backup(path: Path, key: Cipher, rows: Mapping[str, str | None]) -> bool:
    """Write where the key now lives (`rows`, as `KeyManager.move` writes them) in one backup under `key`,
    in a copy renamed over it. False when nothing was to change: another key's backup, one holding no
    secret, or one saying so already (read in place, not copied)."""
    import sqlite3

    def needed(conn: Any) -> bool:
        if not opens(conn, key):
            return False
        held = dict(conn.execute("SELECT key, value FROM settings"))
        return any(held.get(name) != value for name, value in rows.items())

    conn = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        if not needed(conn):
            return False
    finally:
        conn.close()

    def change(conn: Any) -> bool | None:
        if not needed(conn):
            return False
        write_settings(conn, rows)
        return None

    return _rewrite_backup(path, change)


def _rewrite_backup(path: Path, change: Callable[[Any], bool | None]) -> bool:
    """Apply `change(conn)` to a copy of a backup file, in one transaction, and rename the copy over it,
    so a crash leaves the backup as it was. `change` returns None when it wrote, else what to return
    without replacing the file."""
    import shutil
    import sqlite3

    from shenbao.core.store.db import temporary_name

    tmp = temporary_name(path, ".partial")
    try:
        shutil.copyfile(path, tmp)
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            outcome = change(conn)
            if outcome is not None:
                conn.execute("ROLLBACK")
                return outcome
            conn.execute("COMMIT")
        finally:
            conn.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        return True
    finally:
        tmp.unlink(missing_ok=True)


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
    backend = _usable_keyring()
    if backend is None:
        return False
    try:
        backend.get_password(SERVICE, "probe")
    except _KEYRING_FAILURES:
        return False
    return True


# --- showing and leaving out ----------------------------------------------------------------------


def mask_id_number(number: str) -> str:
    """An ID number as lists, the wizard and the printed form show it unless asked: a 居民身份证号 keeps
    its region and its last four (350102199001011235 → 350102********1235); a passport, 回乡证 or 台胞证
    number keeps two at each end (H1234567801 → H1*******01: the first six and last four of eleven
    showed all but one character)."""
    number = str(number)
    if len(number) in (15, 18) and number[:-1].isdigit():
        return number[:6] + "*" * (len(number) - 10) + number[-4:]
    if len(number) > 4:
        return number[:2] + "*" * (len(number) - 4) + number[-2:]
    return "*" * len(number)


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


def has_sensitive(value: Any, keys: frozenset[str] = SENSITIVE_ANYWHERE) -> bool:
    """True when a JSON value holds a non-empty sensitive field anywhere in it (`keys`: a wizard's
    answers are read with SENSITIVE_ANSWER_KEYS)."""
    if isinstance(value, dict):
        if keys.isdisjoint(value) and _SCALARS.issuperset(map(type, value.values())):
            return False  # (in C: an import checks 100,000 rows of plain values)
        for k, v in value.items():
            if k in keys and v not in (None, "", []):
                return True
            if isinstance(v, (dict, list)) and has_sensitive(v, keys):
                return True
        return False
    if isinstance(value, list):
        return any(has_sensitive(v, keys) for v in value if isinstance(v, (dict, list)))
    return False


_SCALARS = frozenset({str, int, float, bool, type(None), Decimal, dt.date, dt.datetime})  # nothing inside


def without_sensitive(value: Any, keys: frozenset[str] = SENSITIVE_ANYWHERE) -> Any:
    """A copy of a JSON value with every sensitive field left out (`keys` as for has_sensitive)."""
    if isinstance(value, dict):
        return {k: without_sensitive(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [without_sensitive(v, keys) for v in value]
    return value


def declaration_sensitive(declaration: dict[str, Any]) -> bool:
    """Whether a declaration as a data pack writes it holds a sensitive field: its wizard's answers
    read by path, the rest (the profile it was printed from) as a profile is."""
    answers = declaration.get("answers")
    rest = {k: v for k, v in declaration.items() if k != "answers"}
    return has_sensitive(rest) or has_sensitive(answers, SENSITIVE_ANSWER_KEYS)
