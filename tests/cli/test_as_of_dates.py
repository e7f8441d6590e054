"""--as-of takes a date as --on and a declaration's deadline take it (2026/12/10, 2026年12月10日, full-width
digits), and refuses a day that does not exist in one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, shenbao


@pytest.mark.parametrize("typed", ["2026/11/22", "2026年11月22日", "２０２６-１１-２２", "2026.11.22"])
def test_as_of_reads_the_date_as_people_write_it(tmp_path: Path, data_dir: Path, typed: str) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    iso = shenbao(data_dir, "preview", "--profile", str(profile), "--as-of", "2026-11-22", "--format", "json")
    assert iso.returncode == 0, iso.stderr
    run = shenbao(data_dir, "preview", "--profile", str(profile), "--as-of", typed, "--format", "json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == json.loads(iso.stdout)
    assert json.loads(run.stdout)["as_of"] == "2026-11-22"
    todo = shenbao(data_dir, "todo", "--as-of", typed, "--format", "text")
    assert todo.returncode == 0, todo.stderr


@pytest.mark.parametrize("typed", ["2026-02-30", "2026/2/30", "2026年13月1日", "明天"])
def test_as_of_refuses_a_day_that_does_not_exist_in_one_line(data_dir: Path, typed: str) -> None:
    for argv in (("todo",), ("measures",)):
        run = shenbao(data_dir, *argv, "--as-of", typed)
        assert_refused(run, "--as-of", repr(typed), "无效")
