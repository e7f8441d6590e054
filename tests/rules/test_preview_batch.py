"""The batch preview through the real `shenbao` command: `--trace` writes what the command always wrote,
byte for byte (output captured before the brief format, tests/fixtures/preview); the default brief output
says the same statuses, amounts, missing facts and reasons, as codes."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest

from shenbao.core.model import load_profile_file
from shenbao.core.rules import REASON_CODES, rules
from tests.command import run_shenbao as shenbao

from ..conftest import FIXTURES

CAPTURED = FIXTURES / "preview"
DATES = ("2025-06-01", "2026-11-22", "2028-12-20")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(CAPTURED / "profiles", tmp_path / "profiles")
    return tmp_path


def batch(folder: Path, as_of: str, *more: str) -> tuple[bytes, list[str]]:
    run = shenbao(
        "preview", "--profiles", "profiles", "--as-of", as_of, "--format", "jsonl", *more, cwd=folder
    )
    assert run.returncode == 2  # broken.json is reported on its line, the rest judged
    assert run.stderr.strip().count("\n") == 0 and "1 个档案有错误" in run.stderr
    return run.stdout.encode("utf-8"), run.stdout.splitlines()


@pytest.mark.parametrize("as_of", DATES)
def test_trace_writes_byte_for_byte_what_the_command_always_wrote(folder: Path, as_of: str) -> None:
    written, _ = batch(folder, as_of, "--trace")
    expected = gzip.decompress((CAPTURED / f"trace-{as_of}.jsonl.gz").read_bytes())
    assert written == expected


@pytest.mark.parametrize("as_of", DATES)
def test_brief_says_what_the_trace_says_as_codes(folder: Path, as_of: str) -> None:
    _, brief_lines = batch(folder, as_of)
    _, full_lines = batch(folder, as_of, "--trace")
    assert len(brief_lines) == len(full_lines) == 13
    for brief_line, full_line in zip(brief_lines, full_lines, strict=True):
        brief, full = json.loads(brief_line), json.loads(full_line)
        assert brief["file"] == full["file"]
        if "error" in full:
            assert brief == full
            continue
        assert len(brief["results"]) == len(full["results"]) == 34
        for b, f in zip(brief["results"], full["results"], strict=True):
            assert set(b) <= {"measure", "status", "amount", "reasons", "missing"}
            assert (b["measure"], b["status"], b["amount"]) == (f["measure"], f["status"], f["amount"])
            assert b.get("missing", []) == f["missing"]
            assert len(b.get("reasons", [])) == len(f["reasons"])
            assert ("reasons" in b) == (f["status"] in ("ineligible", "not_in_force"))


@pytest.mark.parametrize("as_of", DATES)
def test_each_reason_code_names_what_failed(as_of: str) -> None:
    engine, on = rules(), dt.date.fromisoformat(as_of)
    seen = set()
    for path in sorted((CAPTURED / "profiles").glob("*.json")):
        if path.name == "broken.json":
            continue
        for result in engine.preview(load_profile_file(path), on).results:
            failed = [c for c in result.conditions if c.outcome is False]
            expected = [c.fact if c.fact != "enterprise.recognitions" else "recognition." for c in failed]
            if result.status == "not_in_force":
                expected = ["not_in_force"]
            elif result.status == "ineligible" and not failed:
                expected = ["amount"]  # the conditions hold, the formula leaves nothing
                assert result.reasons[0] in result.trace[-1]
            assert len(result.codes) == len(result.reasons) == len(expected)
            for code, want in zip(result.codes, expected, strict=True):
                assert code.startswith(want) if want == "recognition." else code == want
                seen.add(code.split(".")[0] if code.startswith("recognition.") else code)
    assert {"not_in_force", "enterprise.org_type"} & seen or as_of != "2025-06-01"
    assert all(
        code in ("not_in_force", "amount", "recognition") or code.startswith(("enterprise.", "facts."))
        for code in seen
    )
    assert REASON_CODES  # documented beside the codes


def test_brief_and_trace_are_written_once_from_the_same_judgement() -> None:
    path = CAPTURED / "profiles" / "other-city.json"
    result = rules().preview(load_profile_file(path), dt.date(2026, 11, 22)).result("fj2025.core_engineer")
    assert result.to_brief() == {
        "measure": "fj2025.core_engineer",
        "status": "ineligible",
        "amount": None,
        "reasons": ["enterprise.in_ai_backbone_list"],
    }
    assert result.trace is result.trace  # written on the first read, then kept
    assert any("（由核心工程师名册计得）" in line for line in result.trace)
