"""The Linux folder's menu entry and per-user installer."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from .helpers import PACKAGING, REPO, datafiles


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / "shenbao.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name[zh_CN]"] == "申报助手"
    assert entry["Exec"].split()[0] == "shenbao"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    assert entry["Icon"] == "shenbao"
    names = {p.name for p in datafiles.linux_extras(REPO)}
    assert {"shenbao.desktop", "install.sh"} <= names
    icons = REPO / "resources" / "icons"
    for path in [icons / "shenbao.svg", icons / "shenbao.png", *icons.glob("shenbao-*.png")]:
        if path.is_file():
            assert path.name in names


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates() -> None:
    out = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "linux" / "shenbao.desktop")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def _png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + b"\0\0\0\xff" * size for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("sh") is None, reason="POSIX shell script")
def test_linux_install_script_installs_and_uninstalls(tmp_path: Path) -> None:
    folder = tmp_path / "usb" / "shenbao"
    folder.mkdir(parents=True)
    (folder / "shenbao").write_text("#!/bin/sh\necho ok\n")
    (folder / "shenbao").chmod(0o755)
    for extra in datafiles.linux_extras(REPO):
        if extra.suffix in (".desktop", ".sh"):
            shutil.copy2(extra, folder / extra.name)
    (folder / "shenbao.png").write_bytes(_png(48))
    (folder / "shenbao-16.png").write_bytes(_png(16))
    (folder / "shenbao.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    prefix = tmp_path / "prefix"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "PREFIX": str(prefix)}

    subprocess.run(["sh", str(folder / "install.sh")], env=env, check=True, capture_output=True, timeout=60)
    target = prefix / "opt" / "shenbao"
    assert (target / "shenbao").is_file()
    assert os.readlink(prefix / "bin" / "shenbao") == str(target / "shenbao")
    installed = (prefix / "share" / "applications" / "shenbao.desktop").read_text(encoding="utf-8")
    assert f'Exec="{target}/shenbao" gui' in installed
    hicolor = prefix / "share" / "icons" / "hicolor"
    assert (hicolor / "48x48" / "apps" / "shenbao.png").read_bytes() == _png(48)
    assert (hicolor / "16x16" / "apps" / "shenbao.png").read_bytes() == _png(16)
    assert (hicolor / "scalable" / "apps" / "shenbao.svg").is_file()

    subprocess.run(
        ["sh", str(target / "install.sh"), "--uninstall"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert not target.exists() and not (prefix / "bin" / "shenbao").exists()
    assert not (prefix / "share" / "applications" / "shenbao.desktop").exists()
    assert not list(hicolor.rglob("shenbao.*"))
