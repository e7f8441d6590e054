"""`shenbao profiles list --search` read as the window's list reads what is typed in its search box: each
word (split at spaces) found in the name, code, city or district, so a script and the window list the
same enterprises for the same words, and a code copied in groups (9135 0100 …) still finds its
enterprise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.factory import make_profile, make_uscc, shenbao


@pytest.fixture
def park(data_dir: Path, tmp_path: Path) -> Path:
    files = []
    for i in (1, 2, 3):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
        files.append(str(path))
    assert shenbao(data_dir, "import", *files).returncode == 0
    return data_dir


def found(data_dir: Path, search: str) -> set[str]:
    listed = shenbao(data_dir, "profiles", "list", "--search", search, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return {row["uscc"] for row in json.loads(listed.stdout)}


def test_each_word_of_a_search_is_found_somewhere_in_the_enterprise(park: Path) -> None:
    code = make_uscc(2)
    assert found(park, "台江 0001") == {make_uscc(1)}  # a district and a part of the name
    assert found(park, "福州市  测试0003") == {make_uscc(3)}  # the city and the name, spaces doubled
    assert found(park, f"{code[:4]} {code[4:8]} {code[8:].lower()}") == {code}  # a code in groups
    assert found(park, "台江 0002") == set()  # every word, not any
    assert found(park, "福州") == {make_uscc(i) for i in (1, 2, 3)}
    assert found(park, "100%") == set()  # % and _ are letters searched for, not wildcards


def test_a_search_of_thousands_of_words_is_refused_in_one_line(park: Path) -> None:
    """Each word is a condition of the query: 9,000 of them (a file pasted into a script's variable) was
    refused by SQLite and said as 「数据库无法读取」, which sends the user looking for a damaged database."""
    from tests.store.factory import assert_refused

    many = " ".join(str(i) for i in range(9000))
    assert_refused(shenbao(park, "profiles", "list", "--search", many), "搜索的词过多（9000 个，最多 32 个）")
    assert found(park, " ".join(["福州"] * 9000)) == found(park, "福州")  # a word repeated is one word
