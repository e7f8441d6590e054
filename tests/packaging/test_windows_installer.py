"""The Windows installer script (compiled with Inno Setup on Windows; read here)."""

from __future__ import annotations

import re

from .helpers import PACKAGING


def _iss() -> str:
    raw = (PACKAGING / "windows" / "shenbao.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads a UTF-8 script correctly only with a BOM"
    return raw.decode("utf-8-sig")


def test_inno_setup_script() -> None:
    iss = _iss()
    setup = dict(
        line.split("=", 1)
        for line in iss.split("[Setup]", 1)[1].split("\n[", 1)[0].splitlines()
        if "=" in line and not line.lstrip().startswith((";", "#"))
    )
    setup = {k.strip(): v.strip() for k, v in setup.items()}
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["AppVersion"] == "{#AppVersion}"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert not re.search(r'#define\s+AppVersion\s+"\d', iss), (
        "the version comes from shenbao.exe, not a literal"
    )
    assert "ChineseSimplified.isl" in iss and "compiler:Default.isl" in iss
    assert re.search(r'^Name: "desktopicon".*Flags: unchecked', iss, re.MULTILINE)
    assert re.search(
        r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', iss, re.MULTILINE
    )
    assert re.search(r'^Source: "\{#DistDir\}\\\*".*recursesubdirs', iss, re.MULTILINE)
    assert '#define AppExe "shenbao.exe"' in iss and '#define CliExe "shenbao-cli.exe"' in iss
