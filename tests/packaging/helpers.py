"""packaging/datafiles.py, loaded by path: a folder named `packaging` must stay off sys.path, where it
would shadow the PyPI `packaging` library that pytest and PyInstaller import."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def load_datafiles() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shenbao_datafiles", PACKAGING / "datafiles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


datafiles = load_datafiles()
