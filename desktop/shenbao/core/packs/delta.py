"""What installing a pack changes for the enterprises of a data folder: each measure whose status or amount
would differ, before → after, judged with both libraries on the same date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from shenbao.core.model import Profile, ProfileError, parse_profile
from shenbao.core.phrases import Phrase
from shenbao.core.policies import Catalogue
from shenbao.core.records import dataclass
from shenbao.core.rules import STATUS_LABELS, Result, Rules
from shenbao.core.rules.formulas import money

# Why a stored enterprise could not be judged, each a Phrase (core.phrases) of a core string that the
# interface writes again in its language; the command line prints the Chinese sentence.
UNREAD = {
    "profile": "{name}（{uscc}）：{error}",
    "field": "{path}: {problem}",
}

NOTHING = ("ineligible", "not_in_force")


@dataclass(frozen=True)
class Side:
    status: str | None  # None: the measure is not in this library
    amount: Decimal | None

    def text(self) -> str:
        if self.status is None:
            return "（无此措施）"
        label = STATUS_LABELS[self.status]
        return f"{label} {money(self.amount)} 元" if self.amount is not None else label

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "amount": None if self.amount is None else f"{self.amount:.2f}"}


@dataclass(frozen=True)
class Delta:
    uscc: str
    name: str
    measure: str
    title: str
    before: Side
    after: Side

    def to_dict(self) -> dict[str, Any]:
        return {
            "uscc": self.uscc,
            "name": self.name,
            "measure": self.measure,
            "title": self.title,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }


def _side(r: Result | None) -> Side:
    return Side(None, None) if r is None else Side(r.status, r.amount)


def profile_deltas(profile: Profile, before: Rules, after: Rules, as_of: dt.date) -> list[Delta]:
    old = {r.measure: r for r in before.preview(profile, as_of).results}
    new = {r.measure: r for r in after.preview(profile, as_of).results}
    out = []
    for measure in [*new, *(m for m in old if m not in new)]:
        a, b = old.get(measure), new.get(measure)
        if (a or b).status in NOTHING and (a is None or b is None):  # type: ignore[union-attr]
            continue  # a measure that comes or goes without ever applying to this enterprise
        if _side(a) != _side(b):
            title = (b or a).title  # type: ignore[union-attr]
            ent = profile.enterprise
            out.append(
                Delta(
                    str(ent.get("uscc") or ""), str(ent.get("name") or ""), measure, title, _side(a), _side(b)
                )
            )
    return out


@dataclass
class Deltas:
    judged: int
    changes: list[Delta]
    problems: list[str]  # enterprises whose stored profile could not be judged, with why


def folder_deltas(
    data_folder: Path, before: Catalogue, after: Catalogue, as_of: dt.date, prompt: Any = None
) -> Deltas:
    """The changes for every enterprise stored in the data folder; nothing is written."""
    return judge_deltas(folder_profiles(data_folder, prompt), before, after, as_of)


def folder_profiles(data_folder: Path, prompt: Any = None) -> list[Profile | str]:
    """read_profiles of the data folder's store; a folder without a database has none (none is made)."""
    from shenbao.core.store.db import DB_NAME

    if not (Path(data_folder) / DB_NAME).is_file():
        return []
    from shenbao.core.store.repository import Store

    with Store.open(data_folder, prompt=prompt, daily_backup=False) as store:
        return read_profiles(store)


def store_deltas(store: Any, before: Catalogue, after: Catalogue, as_of: dt.date) -> Deltas:
    """The changes for every enterprise of an open store."""
    return judge_deltas(read_profiles(store), before, after, as_of)


def read_profiles(store: Any) -> list[Profile | str]:
    """Every stored enterprise's profile, or the line saying why it cannot be read. Reading is quick and
    belongs to the store's thread; judging (judge_deltas) is the slow part and may run on another."""
    out: list[Profile | str] = []
    for row in store.list_enterprises():
        try:
            out.append(parse_profile(store.get_profile(row.uscc)))
        except ProfileError as err:
            why: str = err.message  # str(err), kept apart so that the window can write it again
            if err.field:
                why = Phrase(UNREAD["field"], path=err.field, problem=err.message)
            if err.source:  # (a profile read from the store has none)
                why = str(err)
            out.append(Phrase(UNREAD["profile"], name=row.name, uscc=row.uscc, error=why))
    return out


def judge_deltas(
    profiles: list[Profile | str],
    before: Catalogue,
    after: Catalogue,
    as_of: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> Deltas:
    """Judge each profile with both libraries; `progress(done, total)` after each (it may raise to stop)."""
    old, new = Rules(before), Rules(after)
    result = Deltas(0, [], [])
    for done, profile in enumerate(profiles, 1):
        if isinstance(profile, str):
            result.problems.append(profile)
        else:
            result.judged += 1
            result.changes.extend(profile_deltas(profile, old, new, as_of))
        if progress is not None:
            progress(done, len(profiles))
    return result
