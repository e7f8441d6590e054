"""The spec's Windows, macOS and Linux branches, run here against stand-ins for PyInstaller's build
classes: what each platform's build would be asked to make, without building it."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from shenbao import __version__

from .helpers import PACKAGING, REPO


class Recorder:
    made: list[Recorder] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kind = type(self).__name__
        self.args = args
        self.kwargs = kwargs
        Recorder.made.append(self)


class Analysis(Recorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scripts = [("pyi_rth_pyside6", "x", "PYSOURCE"), ("launcher", "y", "PYSOURCE")]
        self.pure: list[Any] = []
        self.binaries: list[Any] = []
        self.datas = [
            ("PySide6/Qt/translations/qtbase_de.qm", "a", "DATA"),
            ("PySide6/Qt/translations/qtbase_zh_CN.qm", "b", "DATA"),
        ] + [(f"{dest}/{Path(src).name}", src, "DATA") for src, dest in kwargs["datas"]]


class PYZ(Recorder):
    pass


class EXE(Recorder):
    pass


class COLLECT(Recorder):
    pass


class BUNDLE(Recorder):
    pass


def _fake_versioninfo() -> types.ModuleType:
    module = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(module, name, type(name, (Recorder,), {}))
    return module


def run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    # Stand-ins for the PyInstaller modules the spec imports (PyInstaller itself is not needed to test).
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.utils.win32"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [package]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.win32.versioninfo", _fake_versioninfo())
    monkeypatch.setattr(Recorder, "made", [])
    (tmp_path / "shenbao").mkdir()
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "DISTPATH": str(tmp_path),
        **{c.__name__: c for c in (Analysis, PYZ, EXE, COLLECT, BUNDLE)},
    }
    code = compile((PACKAGING / "shenbao.spec").read_text(encoding="utf-8"), "shenbao.spec", "exec")
    with monkeypatch.context() as m:
        m.setattr(sys, "platform", platform)
        exec(code, namespace)
    return namespace


def _made(kind: str) -> list[Recorder]:
    return [r for r in Recorder.made if r.kind == kind]


def test_windows_builds_a_window_and_a_console_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_spec("win32", tmp_path, monkeypatch)
    exes = {e.kwargs["name"]: e.kwargs for e in _made("EXE")}
    assert set(exes) == {"shenbao", "shenbao-cli"}
    assert exes["shenbao"]["console"] is False and exes["shenbao-cli"]["console"] is True
    for kwargs in exes.values():
        assert kwargs["exclude_binaries"] is True and kwargs["upx"] is False
        assert kwargs["icon"] and Path(kwargs["icon"]).suffix in (".ico", ".png")
        assert kwargs["version"].kind == "VSVersionInfo"
    (collect,) = _made("COLLECT")
    assert collect.kwargs["name"] == "shenbao" and len([a for a in collect.args if isinstance(a, EXE)]) == 2
    assert not _made("BUNDLE")
    assert not list(tmp_path.joinpath("shenbao").iterdir()), "Linux files copied into a Windows build"


def test_macos_builds_an_app_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_spec("darwin", tmp_path, monkeypatch)
    (exe,) = _made("EXE")
    assert exe.kwargs["name"] == "shenbao" and exe.kwargs["console"] is False
    assert exe.kwargs["version"] is None
    (bundle,) = _made("BUNDLE")
    kwargs = bundle.kwargs
    assert kwargs["name"] == "Shenbao.app"
    assert kwargs["bundle_identifier"] == "cn.shenbao.desktop"
    assert kwargs["icon"] and Path(kwargs["icon"]).suffix in (".icns", ".png")
    plist = kwargs["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__ == kwargs["version"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleDisplayName"] == "申报助手"


def test_linux_builds_one_console_executable_with_its_desktop_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    namespace = run_spec("linux", tmp_path, monkeypatch)
    (exe,) = _made("EXE")
    assert exe.kwargs["name"] == "shenbao" and exe.kwargs["console"] is True
    assert exe.kwargs["icon"] is None and exe.kwargs["version"] is None
    assert not _made("BUNDLE")
    copied = {p.name for p in (tmp_path / "shenbao").iterdir()}
    assert {"shenbao.desktop", "install.sh"} <= copied
    if (REPO / "resources" / "icons" / "shenbao.svg").is_file():
        assert "shenbao.svg" in copied
    analysis = namespace["a"]
    assert [s[0] for s in analysis.scripts] == ["launcher"]
    assert not any(d[0].endswith("qtbase_de.qm") for d in analysis.datas)
    assert any(d[0].endswith("qtbase_zh_CN.qm") for d in analysis.datas)
    assert "X utf8_mode=1" in [o[0] for o in exe.args[2]]
