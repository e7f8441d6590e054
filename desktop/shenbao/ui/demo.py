"""The demo data folder (`shenbao --demo`): a few fictitious enterprises, each named 「…（示例）」, from
resources/demo/*.json, so a new user sees the preview at work before typing anything.

No Qt here: the demo folder is made (or reused) before the window opens.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from shenbao import paths

DEMO_MARK = "（示例）"


def demo_profiles() -> list[dict[str, Any]]:
    """The shipped sample profiles, in file order."""
    folder = paths.resources() / "demo"
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def default_demo_folder() -> Path:
    """demo-data/ beside a source checkout; for an installed app, a demo folder in the user's data
    location (never the program folder: a signed bundle or a read-only stick must stay untouched)."""
    if not getattr(sys, "frozen", False) and not getattr(sys, "_MEIPASS", None):
        beside = paths.root() / "demo-data"
        if os.access(beside if beside.exists() else beside.parent, os.W_OK):
            return beside
    try:
        import appdirs

        return Path(appdirs.user_data_dir("Shenbao", False)) / "demo-data"
    except ImportError:
        return Path(tempfile.gettempdir()) / "shenbao-demo-data"


def prepare_demo_folder(folder: str | Path | None = None) -> Path:
    """Make sure `folder` (default: default_demo_folder()) holds the sample enterprises; a folder that
    already has enterprises is left as it is, so demo edits survive a restart. Returns the folder."""
    from shenbao.core.model import parse_profile
    from shenbao.core.store.repository import Store

    target = Path(folder) if folder else default_demo_folder()
    with Store.open(target, daily_backup=False) as store:
        if store.count_enterprises() == 0:
            store.save_profiles(parse_profile(doc, require_uscc=True) for doc in demo_profiles())
    return target
