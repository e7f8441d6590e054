"""The standard package leaves the optional recognition extra out — the app then says how to add it —
and SHENBAO_PACKAGE_OCR=1 builds the larger one with RapidOCR's models as data. The app reaches the
extra only from the licence reader, inside its functions, after asking whether it is installed."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from .helpers import PACKAGING, REPO, datafiles

OCR_ROOTS = set(datafiles.OCR_PACKAGES)


def test_the_standard_package_leaves_the_recognition_extra_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(datafiles.OCR_ENV, raising=False)
    assert not datafiles.with_ocr()
    assert set(datafiles.excludes()) >= OCR_ROOTS
    assert "rapidocr" not in datafiles.HIDDEN_PACKAGES
    assert not any(dest.startswith("rapidocr") for _src, dest in datafiles.datas(REPO))


def test_the_larger_package_carries_the_extra_and_its_models() -> None:
    """Loaded afresh in a process of its own, as PyInstaller loads the spec with the variable set."""
    code = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('d', {str(PACKAGING / 'datafiles.py')!r})\n"
        "d = importlib.util.module_from_spec(spec); spec.loader.exec_module(d)\n"
        "try:\n"
        "    models = [dest + '/' + src.rsplit('/', 1)[-1] for src, dest in d.ocr_datas()]\n"
        "except FileNotFoundError as err:\n"
        "    models = str(err)\n"
        "print(json.dumps([d.excludes(), list(d.HIDDEN_PACKAGES), models]))\n"
    )
    env = {**os.environ, datafiles.OCR_ENV: "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    excludes, hidden, models = json.loads(done.stdout)
    assert not OCR_ROOTS & set(excludes) and "rapidocr" in hidden
    if isinstance(models, str):  # the extra is not installed here: the build would stop and say so
        assert "pip install -e '.[ocr]'" in models
    else:
        assert any(m.startswith("rapidocr/models/") and m.endswith(".onnx") for m in models)
        assert "rapidocr/config.yaml" in models


def test_only_the_licence_reader_imports_the_extra_and_only_inside_functions() -> None:
    for path in sorted((REPO / "desktop" / "shenbao").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in OCR_ROOTS for n in names):
                where = path.relative_to(REPO).as_posix()
                assert where == "desktop/shenbao/core/documents/licence.py", where
                assert id(node) not in top, f"{where}:{node.lineno} imports the extra at module level"
