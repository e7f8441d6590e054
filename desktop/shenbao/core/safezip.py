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

from shenbao.core.records import dataclass

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


class UnsafeZip(ValueError):
    """An archive refused; `str()` is one line of Chinese."""


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
                raise UnsafeZip(f"压缩包成员过多（{len(infos)} 个）")
            members: dict[str, bytes] = {}
            total = 0
            for info in infos:
                _check(info, limits, members)
                if info.is_dir():
                    continue
                with archive.open(info) as handle:
                    body = handle.read(limits.max_member + 1)
                if len(body) != info.file_size:
                    raise UnsafeZip(f"成员 {info.filename!r} 大小与记录不符")
                total += len(body)
                if total > limits.max_total:
                    raise UnsafeZip("压缩包解压后内容过大")
                members[info.filename] = body
    except UnsafeZip:
        raise
    except ARCHIVE_ERRORS as err:
        raise UnsafeZip(f"压缩包已损坏或不完整（{_one_line(err)}）") from None
    return members


def scan_zip(file: str | os.PathLike[str], limits: ZipLimits = ZipLimits()) -> list[zipfile.ZipInfo]:  # noqa: B008
    """Check an archive on disk by the same rules without keeping its members: each is inflated in
    chunks and counted (a declared size can lie), stopping at the first limit passed. Returns the
    members, whose sizes are then known to be true."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise UnsafeZip(f"压缩包成员过多（{len(infos)} 个）")
            if sum(i.file_size for i in infos) > limits.max_total:
                raise UnsafeZip("压缩包解压后内容过大")
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
                            raise UnsafeZip(f"成员 {info.filename!r} 解压后过大（疑似压缩炸弹）")
                if size != info.file_size:
                    raise UnsafeZip(f"成员 {info.filename!r} 大小与记录不符")
    except UnsafeZip:
        raise
    except ARCHIVE_ERRORS as err:
        raise UnsafeZip(f"压缩包已损坏或不完整（{_one_line(err)}）") from None
    return infos


def _check(info: zipfile.ZipInfo, limits: ZipLimits, seen: dict[str, bytes]) -> None:
    name = info.filename
    if unsafe_name(info):
        raise UnsafeZip(f"成员 {name!r} 的路径不安全")
    if info.flag_bits & 0x1:
        raise UnsafeZip(f"成员 {name!r} 已加密，无法读取")
    if name in seen:
        raise UnsafeZip(f"成员 {name!r} 重复")
    if info.file_size > limits.max_member:
        raise UnsafeZip(f"成员 {name!r} 过大（{info.file_size} 字节）")
    if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > limits.max_ratio:
        raise UnsafeZip(f"成员 {name!r} 压缩比异常（疑似压缩炸弹）")


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__
