"""Reading an untrusted zip archive whole, within limits, or refusing it in one line.

The rules the `.shenbao` bundle applies to its members, for any archive that arrives from outside (an
OFD invoice is a zip of XML): bounded member count, sizes and compression ratio; no `..`, absolute
paths, drive letters, backslashes or links; no duplicate names; no encrypted members; a corrupt deflate
stream or a size that differs from its record is refused rather than half read.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib

from shenbao.core.phrases import Phrase
from shenbao.core.records import dataclass
from shenbao.errors import TRUNCATED, os_reason

# What zipfile raises on a damaged or odd archive (a corrupt deflate stream, an encrypted member, …).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OSError,
)

# Why a damaged archive cannot be read (`zip_reason`), each a core string the interface writes again in
# its language: zipfile's own words are English.
ZIP_REASONS = {
    "truncated": TRUNCATED,
    "not_zip": "不是 zip 压缩包",
    "checksum": "压缩包内容已损坏（校验值不符），请重新获取原文件",
    "inflate": "压缩包已损坏（压缩数据无法解压），请重新获取原文件",
    "damaged": "压缩包已损坏，请重新获取原文件",
    "method": "压缩包使用了不支持的压缩方式，或已损坏",
    "overlapped": "压缩包的成员相互重叠（疑似压缩炸弹）",
    "split": "这是分卷压缩包的一卷，请使用完整的单个文件",
}
# Why an archive is refused by the rules (`UnsafeZip`), each a core string the same way.
ZIP_REFUSALS = {
    "too_many": "压缩包成员过多（{count} 个）",
    "too_large": "压缩包解压后内容过大",
    "size_differs": "成员 {name!r} 大小与记录不符",
    "inflates_too_large": "成员 {name!r} 解压后过大（疑似压缩炸弹）",
    "unsafe_path": "成员 {name!r} 的路径不安全",
    "encrypted": "成员 {name!r} 已加密，无法读取",
    "duplicate": "成员 {name!r} 重复",
    "member_too_large": "成员 {name!r} 过大（{size} 字节）",
    "ratio": "成员 {name!r} 压缩比异常（疑似压缩炸弹）",
}
ZIP_MAGIC = b"PK\x03\x04"


class UnsafeZip(ValueError):
    """An archive refused; `str()` is one line of Chinese, and `message` the same, as a Phrase when it was
    written from one (for the interface to write again in its language)."""

    @property
    def message(self) -> str:
        message: str = self.args[0]
        return message


def zip_reason(err: BaseException, head: bytes) -> str:
    """Why an archive that starts with `head` could not be read, as zipfile's error shows: an archive
    whose directory at its end is missing was cut short, unless it never started as one."""
    if isinstance(err, OSError):
        return os_reason(err)
    text = str(err)
    if isinstance(err, zlib.error | EOFError):
        key = "inflate"
    elif isinstance(err, NotImplementedError):
        key = "method"
    elif text == "File is not a zip file":
        key = "truncated" if head.startswith(ZIP_MAGIC) else "not_zip"
    elif text.startswith("Truncated"):
        key = "truncated"
    elif text.startswith("Bad CRC-32"):
        key = "checksum"
    elif text.startswith("Overlapped entries"):
        key = "overlapped"
    elif "span multiple disks" in text:
        key = "split"
    else:
        key = "damaged"
    return Phrase(ZIP_REASONS[key])


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_member: int = 16 * 1024 * 1024
    max_total: int = 128 * 1024 * 1024
    max_ratio: int = 200


def unsafe_name(info: zipfile.ZipInfo) -> bool:
    """True when the member's name could escape a folder or is a link."""
    name = info.filename
    return (
        ".." in name.split("/")
        or name.startswith(("/", "\\"))
        or "\\" in name
        or bool(re.match(r"^[A-Za-z]:", name))
        or stat.S_ISLNK(info.external_attr >> 16)
        or "\0" in name
    )


def read_zip(data: bytes, limits: ZipLimits = ZipLimits()) -> dict[str, bytes]:  # noqa: B008
    """Every file member of the archive by name (folders left out), each checked before it is decoded."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise UnsafeZip(Phrase(ZIP_REFUSALS["too_many"], count=len(infos)))
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check(info, limits, members)
                if info.is_dir():
                    continue
                with archive.open(info) as handle:
                    body = handle.read(limits.max_member + 1)
                if len(body) != info.file_size:
                    raise UnsafeZip(Phrase(ZIP_REFUSALS["size_differs"], name=info.filename))
                total += len(body)
                if total > limits.max_total:
                    raise UnsafeZip(Phrase(ZIP_REFUSALS["too_large"]))
                members[info.filename] = body
    except UnsafeZip:
        raise
    except ARCHIVE_ERRORS as err:
        raise UnsafeZip(zip_reason(err, data[:4])) from None
    return members


def scan_zip(file: str | os.PathLike[str], limits: ZipLimits = ZipLimits()) -> list[zipfile.ZipInfo]:  # noqa: B008
    """Check an archive on disk by the same rules without keeping its members: each is inflated in
    chunks and counted (a declared size can lie), stopping at the first limit passed. Returns the
    members, whose sizes are then known to be true."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise UnsafeZip(Phrase(ZIP_REFUSALS["too_many"], count=len(infos)))
            if sum(i.file_size for i in infos) > limits.max_total:
                raise UnsafeZip(Phrase(ZIP_REFUSALS["too_large"]))
            seen: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check(info, limits, seen)
                seen[info.filename] = b""
                size = 0
                with archive.open(info) as handle:
                    while chunk := handle.read(1 << 20):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.max_member or total > limits.max_total:
                            raise UnsafeZip(Phrase(ZIP_REFUSALS["inflates_too_large"], name=info.filename))
                if size != info.file_size:
                    raise UnsafeZip(Phrase(ZIP_REFUSALS["size_differs"], name=info.filename))
    except UnsafeZip:
        raise
    except ARCHIVE_ERRORS as err:
        raise UnsafeZip(zip_reason(err, _head(file))) from None
    return infos


def _check(info: zipfile.ZipInfo, limits: ZipLimits, seen: dict[str, bytes]) -> None:
    name = info.filename
    if unsafe_name(info):
        raise UnsafeZip(Phrase(ZIP_REFUSALS["unsafe_path"], name=name))
    if info.flag_bits & 0x1:
        raise UnsafeZip(Phrase(ZIP_REFUSALS["encrypted"], name=name))
    if name in seen:
        raise UnsafeZip(Phrase(ZIP_REFUSALS["duplicate"], name=name))
    if info.file_size > limits.max_member:
        raise UnsafeZip(Phrase(ZIP_REFUSALS["member_too_large"], name=name, size=info.file_size))
    if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > limits.max_ratio:
        raise UnsafeZip(Phrase(ZIP_REFUSALS["ratio"], name=name))


def _head(file: str | os.PathLike[str]) -> bytes:
    try:
        with open(file, "rb") as handle:
            return handle.read(4)
    except OSError:
        return b""
