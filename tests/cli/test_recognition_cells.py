"""The 认定情况 column of a park table, through the real `shenbao import`: each cell holds the
recognitions as 「认定类型:日期」 entries, and a cell that cannot be read says what in it is wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

from shenbao.core.model import RECOGNITION_KINDS
from tests.store.factory import make_profile, make_uscc, shenbao

HEADER = "企业（单位）名称,统一社会信用代码,认定情况"


def import_table(tmp_path: Path, data_dir: Path, *cells: str) -> dict[int, str]:
    """`import --skip-bad-rows` of a table with one enterprise per cell, after one whose cell reads (row 2):
    what it says of each row's cell that does not."""
    cells = ("国家重点实验室:2020-01-02", *cells)
    rows = [HEADER] + [f'租户{i}有限公司,{make_uscc(i)},"{cell}"' for i, cell in enumerate(cells)]
    table = tmp_path / "园区.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = shenbao(data_dir, "import", "--skip-bad-rows", str(table))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    said = [re.search(r" 第 (\d+) 行「认定情况」：(.*)$", line) for line in run.stderr.splitlines()]
    return {int(m[1]): m[2] for m in said if m}


def recognitions(data_dir: Path, i: int) -> list[dict[str, str]]:
    shown = shenbao(data_dir, "profiles", "show", make_uscc(i))
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)["enterprise"]["recognitions"]


def test_an_unknown_kind_is_named_with_the_kinds_a_cell_may_hold(tmp_path: Path, data_dir: Path) -> None:
    """国家人工智能开放创新平台:2021-03-05, a kind's name typed short, was refused by 「应写作“认定类型:日期”，
    以分号分隔」, which the entry is, and the cell shown after it was cut before the kind when another
    entry came first. The kind is named, with the kinds a cell may hold, as a profile file's is."""
    said = import_table(
        tmp_path,
        data_dir,
        "国家人工智能开放创新平台:2021-03-05",
        "省级新型研发机构:2024-07-01；国家人工智能开放创新平台:2021-03-05",
        "省级新型研发机构",
    )
    known = "、".join(RECOGNITION_KINDS.values())
    expected = f"认定类型应为以下之一：{known}（收到 国家人工智能开放创新平台）"
    assert said == {3: expected, 4: expected, 5: "应写作“认定类型:日期”，以分号分隔（收到 省级新型研发机构）"}

    doc = make_profile(9, engineers=0)
    doc["enterprise"]["recognitions"] = [{"kind": "国家人工智能开放创新平台", "date": "2021-03-05"}]
    profile = tmp_path / "档案.json"
    profile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    names = "、".join(RECOGNITION_KINDS)  # a file names each kind as the interchange format does
    refused = shenbao(data_dir, "import", str(profile))
    assert f'认定类型应为以下之一：{names}（收到 "国家人工智能开放创新平台"）' in refused.stderr


def test_entries_listed_with_a_chinese_comma_or_enumeration_mark_are_each_kept(
    tmp_path: Path, data_dir: Path
) -> None:
    """Two entries written as a list is written in Chinese, with ， or 、 between them (neither can be part
    of a kind or a date), were refused by 「应为存在的日期（YYYY-MM-DD）」 of dates that are right."""
    said = import_table(
        tmp_path,
        data_dir,
        "省级新型研发机构:2024-07-01，国家重点实验室:2021-03-05",
        "省级新型研发机构:2024-07-01、国家重点实验室:2021-03-05",
        "省级新型研发机构:2024-07-01,国家重点实验室:2021/3/5",
    )
    assert said == {}
    both = [
        {"kind": "provincial_new_rd_institution", "date": "2024-07-01"},
        {"kind": "national_key_lab", "date": "2021-03-05"},
    ]
    assert [recognitions(data_dir, i) for i in (1, 2, 3)] == [both] * 3


def test_entries_run_together_are_told_to_be_separated_by_a_semicolon(tmp_path: Path, data_dir: Path) -> None:
    """A second entry after a space (or a slash) was read as part of the first one's date, and refused as
    a date that does not exist; the refusal says how entries are separated."""
    said = import_table(
        tmp_path,
        data_dir,
        "省级新型研发机构:2024-07-01 国家重点实验室:2021-03-05",
        "省级新型研发机构:2024-07-01/国家重点实验室:2021-03-05",
        "省级新型研发机构:2024年7月",
        "省级新型研发机构:2025/3/1 0:00",
    )
    assert set(said) == {3, 4, 5}, said  # a date-time cell Excel wrote is a date
    assert said[3].startswith("各项认定之间应以分号“；”分隔（收到 省级新型研发机构:2024-07-01 ")
    assert said[4].startswith("各项认定之间应以分号“；”分隔（收到 省级新型研发机构:2024-07-01/")
    assert said[5] == "应为存在的日期（YYYY-MM-DD）（收到 省级新型研发机构:2024年7月）"
    assert recognitions(data_dir, 4) == [{"kind": "provincial_new_rd_institution", "date": "2025-03-01"}]


def test_a_preview_names_the_recognitions_a_list_loses_and_says_nothing_is_removed_only_otherwise(
    tmp_path: Path, data_dir: Path
) -> None:
    """The table's 认定情况 is the whole list, so a stored entry it leaves out goes. The preview said so
    (「认定情况：国家新一代…:2021-03-05; 省级新型研发机构:2024-07-01 → 省级新型研发机构:2024-07-01」) and then
    「不删去任何内容」; a profile file replacing the stored one said 「档案内容不变；不删去任何内容」. Each says
    which entries go; a list that only grows still removes nothing."""
    platform, institution = "国家新一代人工智能开放创新平台:2021-03-05", "省级新型研发机构:2024-07-01"
    docs = [make_profile(i, engineers=0) for i in (1, 2)]
    docs[0]["enterprise"]["recognitions"] = [
        {"kind": "national_ai_open_platform", "date": "2021-03-05"},
        {"kind": "provincial_new_rd_institution", "date": "2024-07-01"},
    ]
    for i, doc in enumerate(docs):
        (tmp_path / f"{i}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(tmp_path / "0.json"), str(tmp_path / "1.json")).returncode == 0
    names = [doc["enterprise"]["name"] for doc in docs]
    heads = [f"{make_uscc(1)}（{names[0]}）", f"{make_uscc(2)}（{names[1]}）"]

    table = tmp_path / "园区.csv"
    rows = [
        HEADER,
        f"{names[0]},{make_uscc(1)},{institution}",
        f"{names[1]},{make_uscc(2)},{institution}；{platform}",
    ]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = shenbao(data_dir, "import", "--on-conflict", "replace", "--dry-run", str(table))
    assert run.returncode == 0, run.stderr
    lines = [line.strip() for line in run.stderr.splitlines()]
    assert (
        f"更新 {heads[0]}：认定情况：{platform}; {institution} → {institution}；认定情况删去 {platform}"
        in lines
    )
    assert f"更新 {heads[1]}：认定情况：{institution} → {platform}; {institution}；不删去任何内容" in lines

    docs[0]["enterprise"]["recognitions"].pop(0)
    (tmp_path / "0.json").write_text(json.dumps(docs[0], ensure_ascii=False), encoding="utf-8")
    run = shenbao(data_dir, "import", "--on-conflict", "replace", "--dry-run", str(tmp_path / "0.json"))
    assert run.returncode == 0, run.stderr
    said = [line.strip() for line in run.stderr.splitlines() if heads[0] in line]
    assert said == [
        f"替换 {heads[0]}：认定情况：{platform}; {institution} → {institution}；认定情况删去 {platform}"
    ]
