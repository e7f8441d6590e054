"""The demo data folder (`shenbao --demo`): a few fictitious enterprises, each named 「…（示例）」, from
resources/demo/*.json, so a new user sees the preview at work before typing anything.

No Qt here: the demo folder is made (or reused) before the window opens.
"""

from __future__ import annotations

import datetime as dt
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


# Declarations the demo shows in its register: (enterprise, measure, the states it went through, sums).
# A measure given as "a|b" is the first of them the enterprise can still apply for on the demo's date.
DEMO_DECLARATIONS: tuple[tuple[str, str, tuple[str, ...], dict[str, str]], ...] = (
    (
        "913501044C12H3B168",
        "fj2025.compute_voucher",
        ("submitted", "accepted", "selected", "paid"),
        {"awarded": "125000", "received": "125000", "reference": "闽工信受〔2026〕0318号"},
    ),
    (
        "913501044C12H3B168",
        "fz2024.compute_use",
        ("submitted", "accepted"),
        {"reference": "榕工信受〔2026〕0907号"},
    ),
    ("91350121612DD27200", "fj2025.innovation_platform", ("submitted",), {}),
    ("91350121612DD27200", "fj2025.core_engineer", (), {}),
    # 算力运营补贴 is taken in March and September until the plan ends: after its last window, a draft of
    # it would sit in the register of a measure nobody takes any more
    ("91350100H49D4H3981", "fz2024.compute_supply|fj2025.quality_enterprise", (), {}),
)


def _open_measure(store: Any, uscc: str, measures: list[str], as_of: dt.date) -> str:
    """The first of `measures` the enterprise can apply for on `as_of` with a window still to come (the
    last of them when none can)."""
    if len(measures) == 1:
        return measures[0]
    from shenbao.core.model import parse_profile
    from shenbao.core.rules import rules

    judged = rules().preview(parse_profile(store.get_profile(uscc, with_secrets=False, counted=True)), as_of)
    for measure in measures:
        result = judged.result(measure)
        if result.status == "eligible" and not result.closed:
            return measure
    return measures[-1]


def add_demo_declarations(store: Any, as_of: dt.date) -> int:
    """Print and record the demo's sample declarations in `store` (core.store.Store), once: a store with
    declarations is left as it is; the first one not yet submitted gets a deadline ten days on. Returns
    how many were added. Used by screenshots of the register and the 待办 panel."""
    from shenbao.core import register

    if register.entries(store, details=False):
        return 0
    out = Path(store.folder) / "declarations"
    out.mkdir(parents=True, exist_ok=True)
    added = 0
    for uscc, measures, states, sums in DEMO_DECLARATIONS:
        if not store.has_enterprise(uscc):
            continue
        measure = _open_measure(store, uscc, measures.split("|"), as_of)
        entry, _ = register.generate(store, uscc, measure, out / f"{uscc}_{measure}.pdf", as_of=as_of)
        for state in states:
            register.set_state(
                store,
                entry.id,
                state,
                reference=sums.get("reference") if state == "accepted" else None,
                awarded=sums.get("awarded") if state == "selected" else None,
                received=sums.get("received") if state == "paid" else None,
            )
        added += 1
    waiting = register.entries(store, state="generated", details=False)
    if waiting:
        register.set_deadline(store, waiting[0].id, as_of + dt.timedelta(days=10))
    return added
