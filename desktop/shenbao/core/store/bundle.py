"""The `.shenbao` bundle: enterprises and their declarations in one file, to carry between laptops.

A bundle is a zip archive holding `manifest.json` (format version, the program that wrote it, the SHA-256
of every member) and one `profiles/<code>.json` (an INTERCHANGE profile) and `declarations/<code>.json`
per enterprise. The archive's comment is the SHA-256 of everything before it, so a single changed byte
anywhere in the file is noticed before anything is read. With a passphrase, the members travel as one
AES-GCM `payload.bin` under a key derived by scrypt, itself an inner bundle.

A bundle is untrusted: member names with `..`, absolute paths or links, unexpected names, duplicates and
oversized members are refused before anything is decoded, and nothing is written until all of it checks.

A plain bundle is integrity-checked, not authenticated: anyone can change it and recompute its digests.
So what can be worked out again is (see `recompute`): a declaration's judgement (its preview and amount)
is judged again from the profile it travels with. The user's own records — states, answers, pages,
dates — travel as they are. An encrypted bundle is authenticated by its cipher (AES-GCM under the
passphrase): a change without the passphrase does not decrypt.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import stat
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from shenbao import __version__
from shenbao.core.fieldkinds import normal_uscc
from shenbao.core.jsonio import MAX_DOCUMENT, JsonLimitError, loads_bounded
from shenbao.core.model import Profile, ProfileError, parse_profile
from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.core.register import check_bundle_part
from shenbao.core.safezip import ARCHIVE_ERRORS, zip_reason
from shenbao.core.store.db import REFUSALS, StoreError
from shenbao.core.store.files import write_atomically
from shenbao.core.store.secrets import (
    PASSPHRASE_TRIES,
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    SENSITIVE_ANSWER_KEYS,
    Cipher,
    derive_key,
    without_sensitive,
)
from shenbao.errors import os_reason

FORMAT = "shenbao-bundle/1"
TRAILER = b"shenbao-bundle-sha256:"
TRAILER_LEN = len(TRAILER) + 64
MAX_FILE = 256 * 1024 * 1024
MAX_MEMBER = MAX_DOCUMENT
MAX_TOTAL = 512 * 1024 * 1024
MAX_ENTERPRISES = 100_000
"""Ten times a large park; export and import refuse beyond the same numbers."""
MAX_MEMBERS = 2 * MAX_ENTERPRISES + 1
MAX_MANIFEST = 64 * 1024 * 1024
"""manifest.json lists every member's digest and every enterprise's record, about 350 bytes an
enterprise as written: 35 MB at MAX_ENTERPRISES, so it has a limit of its own above a profile's."""
MAX_RATIO = 200
KDF = {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
"""The only key derivation a bundle may ask for: what this version writes. A bundle choosing its own
cost could make each passphrase attempt take gigabytes and seconds."""
_MEMBER = re.compile(r"^(profiles|declarations)/([0-9A-Z]{18})\.json$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
STATES = ("draft", "ready", "rendered")

BUNDLE_PASSPHRASE_ENV = "SHENBAO_BUNDLE_PASSPHRASE"

# Why a bundle cannot be written or taken in, beyond the store's REFUSALS: each a template the interface
# writes again in its own language (a member's `{name}` as Python quotes it, a number as shown, 1,000).
BUNDLE_MESSAGES = {
    # a stored declaration whose encrypted part no longer decrypts, written again from a bundle's copy
    "mended": "申报 #{id} {measure} 的{part}已损坏，以数据包中的副本写回",
    # a bundle's declaration an import did not take (core.store.imports.plan_import), each one line
    "newer_here": (
        "申报 {title}（{measure}，{created} 起草）未导入：数据包中的版本 {theirs_at} 由 {theirs_by} 更改，"
        "本机的记录其后 {at} 由 {by} 又更改过，保留本机的；如需数据包中的变化，请在申报记录中补记"
    ),
    "refused": "申报 {title}（{measure}，{created} 起草）未导入：{refusal}",
    "refused_kept": "申报 {title}（{measure}，{created} 起草）未导入：{refusal}；保留本机的记录",
    "answers": "填写内容",  # the part: the wizard's answers
    "basis": "生成依据",  # the part: what the register's 已生成 was judged with
    "too_many_enterprises": "企业过多（{count} 家，一个数据包最多 {limit} 家）",
    "profile_too_big": "{code} 的档案过大（{size} 字节，上限 {limit} 字节）",
    "declarations_too_big": "{code} 的申报记录过大（{size} 字节，上限 {limit} 字节）",
    "content_too_big": "内容过大（{size} 字节，一个数据包最多 {limit} 字节）",
    "not_written": "{path}: {problem}，未生成数据包",
    "check_failed": "{path}: 写入后校验不通过（{problem}），未生成数据包",
    "check_differs": "{path}: 写入后校验不符，未生成数据包",
    "encrypted_shape": "加密数据包结构不符",
    "needs_passphrase": "数据包已加密，需要口令（在终端中输入，或设置环境变量 {variable}）",
    "unsupported_kdf": "不支持的加密参数 {asked}（本版本只接受 scrypt n={n}, r={r}, p={p}）",
    "bad_kdf": "加密参数不符",
    "inflated_too_big": "解压后内容过大",
    "damaged_zip": "不是有效的数据包：{error}",
    "format": "不支持的数据包格式 {found}，应为 {expected}",
    "manifest_differs": "清单与内容不符",
    "member_digest": "{name} 的 SHA-256 与清单不符",
    "too_many_members": "成员过多（{count} 个，上限 {limit} 个，即 {enterprises} 家企业）",
    "unsafe_member": "成员 {name} 的路径不安全",
    "foreign_member": "成员 {name} 不属于数据包",
    "repeated_member": "成员 {name} 重复",
    "zip_encrypted": "成员 {name} 带有 zip 加密标志，不是申报助手写出的数据包",
    "compression": "成员 {name} 的压缩方式不受支持",
    "member_too_big": "成员 {name} 过大",
    "zip_bomb": "成员 {name} 压缩比异常（疑似压缩炸弹）",
    "member_size": "成员 {name} 大小与记录不符",
    "enterprise_count": "清单中的企业数与内容不符",
    "records_shape": "清单中的修改记录应为对象",
    "missing_member": "缺少 {name}",
    "uscc_differs": "{name}: 统一社会信用代码 {code} 与文件名不符",
    "record_shape": "清单中 {code} 的修改记录格式不符",
    "record_key_shape": "清单中 {code} 的 {key} 格式不符",
    "record_not_time": "清单中 {code} 的 {key} 不是日期时间",
    "not_a_list": "{source}: 应为申报列表",
    "not_an_object": "{where} 应为对象",
    "no_measure": "{where}.measure 应为措施编号",
    "bad_state": "{where}.state 应为 draft、ready 或 rendered 之一",
    "wrong_type": "{where}.{key} 类型不符",
    "not_a_date": "{where}.declared_on 应为日期 YYYY-MM-DD",
    "not_a_digest": "{where}.pdf_sha256 应为 64 位十六进制 SHA-256",
    "unknown_measure": "{code} 的申报 {measure} 不是已知的措施",
}


class BundleError(StoreError):
    """A bundle that cannot be taken in, with the reason in one line."""


@dataclass
class BundleEntry:
    """One enterprise of a bundle: its validated profile and its declarations (plain dicts)."""

    profile: Profile
    declarations: list[dict[str, Any]] = field(default_factory=list)
    authenticated: bool = False
    """True for an encrypted bundle: nobody without the passphrase could have changed it."""
    record: dict[str, str] | None = None
    """When and by whom the enterprise was last changed where it was exported (created_at, updated_at,
    updated_by): an import keeps them, so a copy lists as its original does."""
    withheld: bool = False
    """The bundle left the sensitive fields out (a plain one always does): their absence says nothing,
    and an import keeps the stored ones."""


# --- writing --------------------------------------------------------------------------------------


def _zip(members: Mapping[str, bytes], manifest: dict[str, Any]) -> bytes:
    manifest = {
        **manifest,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.comment = TRAILER + b"0" * 64
        listing = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        if len(listing) > MAX_MANIFEST:  # what import would refuse is not written
            raise BundleError(Phrase(BUNDLE_MESSAGES["member_too_big"], name=repr("manifest.json")))
        archive.writestr("manifest.json", listing)
        for name, data in members.items():
            archive.writestr(name, data)
    data = buf.getvalue()
    digest = hashlib.sha256(data[:-TRAILER_LEN]).hexdigest().encode()
    return data[:-64] + digest


def _header() -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created_by": f"shenbao {__version__}",
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def pack(
    entries: list[tuple[dict[str, Any], list[dict[str, Any]]]],
    passphrase: str | None = None,
    records: Mapping[str, Mapping[str, str]] | None = None,
    *,
    withheld: bool = False,
) -> bytes:
    """The bundle's bytes for (interchange profile, declarations) pairs; `records` maps a code to when
    and by whom it was last changed (kept inside the encryption, with the profiles). `withheld`: the
    sensitive fields were left out (said inside, for the import to keep the stored ones)."""
    if len(entries) > MAX_ENTERPRISES:
        raise BundleError(
            Phrase(
                BUNDLE_MESSAGES["too_many_enterprises"],
                count=f"{len(entries):,}",
                limit=f"{MAX_ENTERPRISES:,}",
            )
        )
    members: dict[str, bytes] = {}
    total = 0
    for document, declarations in entries:
        code = document["enterprise"]["uscc"]
        members[f"profiles/{code}.json"] = _dump(document)
        members[f"declarations/{code}.json"] = _dump(declarations)
        for name in (f"profiles/{code}.json", f"declarations/{code}.json"):
            size = len(members[name])
            total += size
            if size > MAX_MEMBER:
                what = "profile_too_big" if name[0] == "p" else "declarations_too_big"
                raise BundleError(
                    Phrase(BUNDLE_MESSAGES[what], code=code, size=f"{size:,}", limit=f"{MAX_MEMBER:,}")
                )
    if total > MAX_TOTAL:
        raise BundleError(
            Phrase(BUNDLE_MESSAGES["content_too_big"], size=f"{total:,}", limit=f"{MAX_TOTAL:,}")
        )
    header = {**_header(), "enterprises": len(entries)}
    given = records or {}
    kept = {code: dict(given[code]) for code in sorted(given) if f"profiles/{code}.json" in members}
    inner = _zip(
        members,
        {
            **header,
            "encrypted": None,
            **({"records": kept} if kept else {}),
            **({"sensitive_withheld": True} if withheld else {}),
        },
    )
    if passphrase is None:
        return inner
    salt = os.urandom(16)
    payload = Cipher(derive_key(passphrase, salt)).encrypt(inner, FORMAT)
    scheme = {"cipher": "AES-256-GCM", **KDF, "salt": base64.b64encode(salt).decode()}
    return _zip({"payload.bin": payload}, {**header, "encrypted": scheme})


def _dump(value: Any) -> bytes:
    """Indented for a reader, unless that alone would take it past the member limit import applies."""
    data = (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if len(data) <= MAX_MEMBER:
        return data
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_bundle(
    out: Path,
    entries: list[tuple[dict[str, Any], list[dict[str, Any]]]],
    passphrase: str | None = None,
    records: Mapping[str, Mapping[str, str]] | None = None,
    *,
    withheld: bool = False,
) -> Path:
    """Write under a temporary name beside `out`, read it back and check it, then rename: a bundle that
    exists under its name is complete. Every message names `out`, never the temporary file."""
    try:
        data = pack(entries, passphrase, records, withheld=withheld)
    except BundleError as err:
        raise BundleError(Phrase(BUNDLE_MESSAGES["not_written"], path=out, problem=err.message)) from None

    expected = {d["enterprise"]["uscc"]: (json.loads(_dump(d)), json.loads(_dump(ds))) for d, ds in entries}

    def check(tmp: Path) -> None:
        # A bundle keeps its members by code, whatever order they were given in: compare by code.
        try:
            back = {
                e.profile.uscc: (e.profile.to_dict(), e.declarations)
                for e in read_bundle(tmp, lambda: passphrase, judge_again=False)
            }
        except BundleError as err:
            raise BundleError(
                Phrase(BUNDLE_MESSAGES["check_failed"], path=out, problem=_without_path(err.message, tmp))
            ) from None
        if back != expected:
            raise StoreError(Phrase(BUNDLE_MESSAGES["check_differs"], path=out))

    return write_atomically(Path(out), lambda tmp: tmp.write_bytes(data), check)


def _without_path(message: str, path: Path) -> str:
    """What is wrong with the bundle at `path`, without the path the message begins with."""
    values = getattr(message, "values", None)
    if values is not None and getattr(message, "template", None) == REFUSALS["bundle_in_file"]:
        problem: str = values["problem"] if str(values.get("path")) == str(path) else message
        return problem
    return message.removeprefix(f"{path}: ")


# --- reading --------------------------------------------------------------------------------------


def looks_like_bundle(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _open_payload(payload: bytes, salt: bytes, secret: str, passphrase: Callable[[], str | None]) -> bytes:
    """The decrypted payload. A `passphrase` that can ask again (it carries `on_wrong()`, see
    secrets.PassphrasePrompt: one typed at a terminal) is asked up to PASSPHRASE_TRIES times."""
    on_wrong = getattr(passphrase, "on_wrong", None)
    for attempt in range(1, PASSPHRASE_TRIES + 1):
        try:
            return Cipher(derive_key(secret, salt)).decrypt(payload, FORMAT)
        except StoreError:
            if on_wrong is None:
                break
            if attempt == PASSPHRASE_TRIES:
                raise BundleError(Phrase(REFUSALS["bundle_passphrase_tries"], count=attempt)) from None
            on_wrong()
            secret = passphrase() or ""
    raise BundleError(Phrase(REFUSALS["bundle_passphrase"]))


def read_bundle(
    path: Path, passphrase: Callable[[], str | None], *, judge_again: bool = True
) -> list[BundleEntry]:
    """Every enterprise of the bundle at `path`, checked; BundleError names what is wrong.
    `passphrase()` is asked only when the bundle is encrypted. A plain bundle's declarations are judged
    again (see `recompute`) unless `judge_again` is False (reading back what was just written)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise BundleError(Phrase(REFUSALS["bundle_too_big"], path=path, size=size))
        data = path.read_bytes()
    except OSError as err:
        raise BundleError(Phrase(REFUSALS["unreadable"], path=path, why=os_reason(err))) from None
    try:
        return _read(data, passphrase, judge_again)
    except BundleError as err:
        raise BundleError(Phrase(REFUSALS["bundle_in_file"], path=path, problem=err.message)) from None


def _read(data: bytes, passphrase: Callable[[], str | None], judge_again: bool = True) -> list[BundleEntry]:
    manifest, members = _unzip(data)
    scheme = manifest.get("encrypted")
    if scheme is not None:
        if set(members) != {"payload.bin"} or not isinstance(scheme, dict):
            raise BundleError(Phrase(BUNDLE_MESSAGES["encrypted_shape"]))
        secret = passphrase()
        if not secret:
            raise BundleError(Phrase(BUNDLE_MESSAGES["needs_passphrase"], variable=BUNDLE_PASSPHRASE_ENV))
        if any(scheme.get(k) != v for k, v in KDF.items()) or scheme.get("cipher") != "AES-256-GCM":
            asked = {k: scheme.get(k) for k in KDF}
            raise BundleError(
                Phrase(BUNDLE_MESSAGES["unsupported_kdf"], asked=asked, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
            )
        try:
            salt = base64.b64decode(scheme["salt"], validate=True)
        except (KeyError, ValueError, TypeError):
            raise BundleError(Phrase(BUNDLE_MESSAGES["bad_kdf"])) from None
        if not 8 <= len(salt) <= 64:
            raise BundleError(Phrase(BUNDLE_MESSAGES["bad_kdf"]))
        inner = _open_payload(members["payload.bin"], salt, secret, passphrase)
        manifest, members = _unzip(inner)
        if manifest.get("encrypted") is not None:
            raise BundleError(Phrase(BUNDLE_MESSAGES["encrypted_shape"]))
        withheld = manifest.get("sensitive_withheld") is True
        return [
            BundleEntry(e.profile, e.declarations, authenticated=True, record=e.record, withheld=withheld)
            for e in _entries(manifest, members)
        ]
    entries = _entries(manifest, members)
    return [
        BundleEntry(
            e.profile,
            recompute(e.profile, e.declarations) if judge_again else e.declarations,
            record=e.record,
            withheld=True,
        )
        for e in entries
    ]


def _unzip(data: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    if not data:
        raise BundleError(Phrase(REFUSALS["bundle_empty"]))
    if not looks_like_bundle(data) or len(data) < TRAILER_LEN + 22:
        raise BundleError(Phrase(REFUSALS["not_bundle"]))
    trailer = data[-TRAILER_LEN:]
    if not trailer.startswith(TRAILER):
        raise BundleError(Phrase(REFUSALS["bundle_incomplete"]))
    if hashlib.sha256(data[:-TRAILER_LEN]).hexdigest().encode() != trailer[len(TRAILER) :]:
        raise BundleError(Phrase(REFUSALS["bundle_checksum"]))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_names(infos)
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                body = _read_member(archive, info)
                total += len(body)
                if total > MAX_TOTAL:
                    raise BundleError(Phrase(BUNDLE_MESSAGES["inflated_too_big"]))
                members[info.filename] = body
    except ARCHIVE_ERRORS as err:
        raise BundleError(Phrase(BUNDLE_MESSAGES["damaged_zip"], error=zip_reason(err, data[:4]))) from None
    manifest_bytes = members.pop("manifest.json", None)
    if manifest_bytes is None:
        raise BundleError(Phrase(REFUSALS["bundle_no_manifest"]))
    manifest = _json(manifest_bytes, "manifest.json", MAX_MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        fmt = manifest.get("format") if isinstance(manifest, dict) else None
        raise BundleError(Phrase(BUNDLE_MESSAGES["format"], found=repr(fmt), expected=FORMAT))
    listed = manifest.get("members")
    if not isinstance(listed, dict) or set(listed) != set(members):
        raise BundleError(Phrase(BUNDLE_MESSAGES["manifest_differs"]))
    for name, body in members.items():
        if hashlib.sha256(body).hexdigest() != listed[name]:
            raise BundleError(Phrase(BUNDLE_MESSAGES["member_digest"], name=name))
    return manifest, members


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise BundleError(
            Phrase(
                BUNDLE_MESSAGES["too_many_members"],
                count=f"{len(infos):,}",
                limit=f"{MAX_MEMBERS:,}",
                enterprises=f"{MAX_ENTERPRISES:,}",
            )
        )
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if (
            ".." in name.split("/")
            or name.startswith(("/", "\\"))
            or "\\" in name
            or re.match(r"^[A-Za-z]:", name)
            or stat.S_ISLNK(mode)
            or info.is_dir()
        ):
            raise BundleError(Phrase(BUNDLE_MESSAGES["unsafe_member"], name=repr(name)))
        if name not in ("manifest.json", "payload.bin") and not _MEMBER.match(name):
            raise BundleError(Phrase(BUNDLE_MESSAGES["foreign_member"], name=repr(name)))
        if name in seen:
            raise BundleError(Phrase(BUNDLE_MESSAGES["repeated_member"], name=repr(name)))
        seen.add(name)
        if info.flag_bits & 0x1:
            raise BundleError(Phrase(BUNDLE_MESSAGES["zip_encrypted"], name=repr(name)))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(Phrase(BUNDLE_MESSAGES["compression"], name=repr(name)))
        if info.file_size > _member_limit(name):
            raise BundleError(Phrase(BUNDLE_MESSAGES["member_too_big"], name=repr(name)))
        if (
            info.compress_size
            and info.file_size > 1024 * 1024
            and info.file_size / info.compress_size > MAX_RATIO
        ):
            raise BundleError(Phrase(BUNDLE_MESSAGES["zip_bomb"], name=repr(name)))


def _member_limit(name: str) -> int:
    return {"payload.bin": MAX_TOTAL, "manifest.json": MAX_MANIFEST}.get(name, MAX_MEMBER)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    limit = _member_limit(info.filename)
    with archive.open(info) as handle:
        body = handle.read(limit + 1)
    if len(body) > limit or len(body) != info.file_size:
        raise BundleError(Phrase(BUNDLE_MESSAGES["member_size"], name=repr(info.filename)))
    return body


def _json(body: bytes, name: str, limit: int = MAX_MEMBER, *, exact: bool = False) -> Any:
    """A member's JSON; with `exact` (a profile, judged against thresholds) its numbers as a profile file's
    are read (`jsonio.exact_float`)."""
    try:
        return loads_bounded(body, limit, exact=exact)
    except JsonLimitError as err:
        raise BundleError(f"{name}: {err}") from None


def _entries(manifest: dict[str, Any], members: dict[str, bytes]) -> list[BundleEntry]:
    codes = sorted({_MEMBER.match(n).group(2) for n in members})  # type: ignore[union-attr]
    if not codes:
        raise BundleError(Phrase(REFUSALS["bundle_no_profiles"]))
    if manifest.get("enterprises") not in (None, len(codes)):
        raise BundleError(Phrase(BUNDLE_MESSAGES["enterprise_count"]))
    records = manifest.get("records")
    if records is not None and not isinstance(records, dict):
        raise BundleError(Phrase(BUNDLE_MESSAGES["records_shape"]))
    out: list[BundleEntry] = []
    for code in codes:
        pname, dname = f"profiles/{code}.json", f"declarations/{code}.json"
        if pname not in members:
            raise BundleError(Phrase(BUNDLE_MESSAGES["missing_member"], name=pname))
        try:
            profile = parse_profile(_json(members[pname], pname, exact=True), source=pname, require_uscc=True)
        except ProfileError as err:
            raise BundleError(str(err)) from None
        if profile.uscc != normal_uscc(code):  # a bundle of an earlier version names 91350100-0000-…
            raise BundleError(Phrase(BUNDLE_MESSAGES["uscc_differs"], name=pname, code=profile.uscc))
        declarations = _json(members[dname], dname) if dname in members else []
        out.append(
            BundleEntry(profile, check_declarations(declarations, dname), record=_record(records, code))
        )
    return out


def _record(records: dict[str, Any] | None, code: str) -> dict[str, str] | None:
    """An enterprise's created_at, updated_at and updated_by from the manifest, checked; None without."""
    item = (records or {}).get(code)
    if item is None:
        return None
    if not isinstance(item, dict) or set(item) - {"created_at", "updated_at", "updated_by"}:
        raise BundleError(Phrase(BUNDLE_MESSAGES["record_shape"], code=code))
    for key, value in item.items():
        if not isinstance(value, str) or len(value) > 200 or any(ord(c) < 32 for c in value):
            raise BundleError(Phrase(BUNDLE_MESSAGES["record_key_shape"], code=code, key=key))
        if key != "updated_by":
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                raise BundleError(Phrase(BUNDLE_MESSAGES["record_not_time"], code=code, key=key)) from None
    return dict(item)


def check_declarations(value: Any, source: str) -> list[dict[str, Any]]:
    """Declarations from outside, their shape checked field by field."""
    if not isinstance(value, list):
        raise BundleError(Phrase(BUNDLE_MESSAGES["not_a_list"], source=source))
    out = []
    for i, item in enumerate(value):
        where = f"{source}: [{i}]"
        if not isinstance(item, dict):
            raise BundleError(Phrase(BUNDLE_MESSAGES["not_an_object"], where=where))
        if not isinstance(item.get("measure"), str) or not item["measure"]:
            raise BundleError(Phrase(BUNDLE_MESSAGES["no_measure"], where=where))
        if item.get("state") not in STATES:
            raise BundleError(Phrase(BUNDLE_MESSAGES["bad_state"], where=where))
        for key, kind in (
            ("answers", dict),
            ("preview", dict),
            ("page", str),
            ("policy_version", str),
            ("created_at", str),
            ("updated_at", str),
            ("updated_by", str),
            ("office", str),
            ("declared_on", str),
        ):
            if item.get(key) is not None and not isinstance(item[key], kind):
                raise BundleError(Phrase(BUNDLE_MESSAGES["wrong_type"], where=where, key=key))
        if item.get("declared_on"):
            try:
                dt.date.fromisoformat(item["declared_on"])
            except ValueError:
                raise BundleError(Phrase(BUNDLE_MESSAGES["not_a_date"], where=where)) from None
        digest = item.get("pdf_sha256")
        if digest is not None and not (isinstance(digest, str) and _SHA256.match(digest)):
            raise BundleError(Phrase(BUNDLE_MESSAGES["not_a_digest"], where=where))
        try:
            check_bundle_part(item.get("register"), f"{where}.register")
        except ValueError as err:
            raise BundleError(str(err)) from None
        out.append(item)
    return out


def public_profile(document: dict[str, Any]) -> dict[str, Any]:
    """A profile as a bundle without the sensitive fields carries it: without them, keeping the number of
    engineers its roster listed."""
    facts = document.get("facts")
    out: dict[str, Any] = without_sensitive(json.loads(json.dumps(document)))
    if isinstance(facts, dict) and isinstance(facts.get("core_engineers"), list):
        out["facts"].setdefault("core_engineer_count", len(facts["core_engineers"]))
    return out


def public_declaration(declaration: dict[str, Any]) -> dict[str, Any]:
    """A declaration as a bundle without the sensitive fields carries it; the profile it was printed from
    (its register's basis) keeps its number of engineers as the bundle's profile does, so that the import
    judges it again to the amount printed."""
    register = declaration.get("register")
    basis = register.get("basis") if isinstance(register, dict) else None
    out: dict[str, Any] = without_sensitive(declaration)
    if "answers" in declaration:  # kept by path: enterprise.contact_phone
        out["answers"] = without_sensitive(declaration["answers"], SENSITIVE_ANSWER_KEYS)
    if isinstance(basis, dict):
        out["register"]["basis"] = public_profile(basis)
    return out


def recompute(profile: Profile, declarations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Declarations from a plain bundle with their judgement worked out again, rather than taken from the
    bundle: a preview judged under this program's policy data is judged again from what it was judged
    on. A printed declaration's register carries that (the profile it was printed from and the date it
    was judged as of), so the import keeps the amount printed on the form the firm submitted, whatever
    the profile became since; a draft is judged from the bundle's profile as of the day it was last
    saved. A preview made under other policy data cannot be judged again here; it is kept as the bundle
    has it."""
    from shenbao.core.rules import rules

    engine = rules()
    out = []
    for item in declarations:
        preview = item.get("preview")
        if isinstance(preview, dict) and item.get("policy_version") == engine.catalogue.version:
            judged, as_of = _judged_on(profile, item)
            try:
                fresh = engine.preview(judged, as_of).result(str(item["measure"])).to_detail()
            except KeyError:
                raise BundleError(
                    Phrase(
                        BUNDLE_MESSAGES["unknown_measure"], code=profile.uscc, measure=repr(item["measure"])
                    )
                ) from None
            item = {**item, "preview": json.loads(json.dumps(fresh, ensure_ascii=False))}
        out.append(digest_as_carried(profile, item))
    return out


def digest_as_carried(profile: Profile, item: dict[str, Any]) -> dict[str, Any]:
    """A printed declaration whose profile is as it was printed, but for the roster a plain bundle
    carries as its number: its digest of that profile made again with the number, so that the folder it
    comes into does not take the number for a change made since (「依据已变化」 on every tenant with a
    roster). A profile changed since keeps the digest it was printed with, and is said to have changed."""
    from shenbao.core.register import public_digest

    register = item.get("register")
    if not isinstance(register, dict):
        return item
    digest = register.get("basis_sha256")
    facts = profile.raw.get("facts")
    if not (isinstance(digest, str) and isinstance(facts, dict) and "core_engineer_count" in facts):
        return item
    uncounted = {**profile.raw, "facts": {k: v for k, v in facts.items() if k != "core_engineer_count"}}
    if digest != public_digest(uncounted):
        return item
    return {**item, "register": {**register, "basis_sha256": public_digest(profile.raw)}}


def _judged_on(profile: Profile, item: Mapping[str, Any]) -> tuple[Profile, dt.date]:
    """The profile and date a declaration was judged on: its register's basis and date when it was
    printed, else `profile` as of the day the declaration was last saved (today when that is no date)."""
    register = item.get("register")
    basis = register.get("basis") if isinstance(register, dict) else None
    if isinstance(basis, dict) and isinstance(register, dict):
        try:
            as_of = dt.date.fromisoformat(str(register.get("as_of") or ""))
        except ValueError:
            as_of = None
        facts = basis.get("facts")
        count = profile.facts.get("core_engineer_count")
        if (
            isinstance(facts, dict)
            and count is not None
            and not {"core_engineers", "core_engineer_count"} & set(facts)
        ):
            # a plain bundle of an earlier version left the roster out of the basis without its number
            basis = {**basis, "facts": {**facts, "core_engineer_count": count}}
        if as_of is not None:
            try:
                return parse_profile(
                    basis, source=f"{profile.uscc} 的申报 {item['measure']} 的生成依据"
                ), as_of
            except ProfileError as err:
                raise BundleError(str(err)) from None
    try:
        return profile, dt.date.fromisoformat(str(item.get("updated_at") or "")[:10])
    except ValueError:
        return profile, dt.date.today()
