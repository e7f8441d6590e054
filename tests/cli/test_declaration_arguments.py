"""`shenbao declarations` given what no record holds: a number past any row, a 受理编号 or a note no text
field would take. Each is refused in one line with exit status 2, and the register is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.walk import state_of
from tests.store.factory import assert_refused, shenbao

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "argv",
    [
        ["declarations", "show", HUGE],
        ["declarations", "set-state", HUGE, "submitted"],
        ["declarations", "tick", HUGE, "1"],
        ["declarations", "deadline", HUGE, "none"],
        ["declarations", "regenerate", HUGE],
        ["declarations", "remove-payment", HUGE, "1"],
    ],
    ids=lambda argv: argv[1],
)
def test_a_declaration_number_past_any_record_is_not_found(declared: Path, argv: list[str]) -> None:
    """A number SQLite cannot hold was a traceback (OverflowError); it names no declaration."""
    before = state_of(declared)
    assert_refused(shenbao(declared, *argv), f"没有编号为 {HUGE} 的申报")
    assert state_of(declared) == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--ref", "R" * 1001], ["受理编号过长", "1,000"]),
        (["--note", "已提交\x07"], ["备注", "控制字符"]),
        (["--ref", "FZ-2026\x1b0042"], ["受理编号", "控制字符"]),
    ],
    ids=["long reference", "bell in the note", "escape in the reference"],
)
def test_a_reference_or_note_no_field_would_hold_is_refused(
    declared: Path, argv: list[str], words: list[str]
) -> None:
    """A 受理编号 or a note is held to what every text field is: 1,000 characters, no control character.
    A 100,000-character reference was stored and printed on every `show` and list."""
    before = state_of(declared)
    assert_refused(shenbao(declared, "declarations", "set-state", "1", "submitted", *argv), *words)
    assert state_of(declared) == before
    kept = shenbao(declared, "declarations", "set-state", "1", "submitted", "--ref", " FZ-2026-0042 ")
    assert kept.returncode == 0, kept.stderr
    shown = shenbao(declared, "declarations", "list", "--format", "json")
    assert '"reference": "FZ-2026-0042"' in shown.stdout
