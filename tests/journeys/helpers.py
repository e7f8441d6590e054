"""Realistic material for the journeys: thirty tenants typed the way park staff type them, and engineers
born 1962–1995 with the 身份证号 their districts issued."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from shenbao.core.fieldkinds import iso7064_check
from tests.store.factory import make_uscc, shenbao

# Fujian county codes, several of which had another code (or none) when the older engineers were born.
FUJIAN = [
    "350102",
    "350103",
    "350104",
    "350105",
    "350111",
    "350121",
    "350122",
    "350181",
    "350203",
    "350206",
    "350503",
    "350582",
    "350702",
    "350902",
]
FIRST_NAMES = ["陈", "林", "黄", "张", "李", "王", "吴", "刘", "蔡", "郑"]

HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "单位类型",
    "注册地（区县）",
    "人工智能企业",
    "成立日期",
    "从业人数",
    "年度购买算力服务总额（元）",
    "连续享受算力补助的年度（第几年）",
    "自主芯片算力标称值占比",
    "联系人",
]
ORG_SPELLINGS = ["企业", "公司", "企业", "高校", "科研院所", "事业单位"]
DATE_SPELLINGS = ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}{m:02d}{d:02d}", "{y}.{m}.{d}"]
AMOUNT_SPELLINGS = ["{w}万", "{n:,}", "￥{n:,}", "{n}元", "{n}"]
NAME_STARTS = ["=", "+", "-", "@"]


def id_number(code: str, born: dt.date, seq: int) -> str:
    body = f"{code}{born:%Y%m%d}{seq % 1000:03d}"
    return body + iso7064_check(body)


def engineers(tenant: int, count: int) -> list[dict[str, str]]:
    """A roster of `count` engineers born between 1962 and 1995."""
    rows = []
    for k in range(count):
        born = dt.date(1962 + (tenant * 7 + k * 5) % 34, 1 + (tenant + k) % 12, 1 + (tenant * 3 + k) % 28)
        rows.append(
            {
                "name": f"{FIRST_NAMES[(tenant + k) % 10]}工程师{tenant}-{k}",
                "id_number": id_number(FUJIAN[(tenant + k) % len(FUJIAN)], born, tenant * 10 + k),
            }
        )
    return rows


def tenant_name(i: int) -> str:
    name = f"福州园区租户{i:02d}人工智能有限公司"
    return NAME_STARTS[i // 5 % 4] + name if i % 5 == 0 else name


def typed_row(i: int) -> list[str]:
    """Row `i` of the park table, spelt as a person would, differently from row to row."""
    year, month, day = 2015 + i % 10, 1 + i % 12, 1 + i % 28
    amount = 50_000 * (1 + i % 8)
    return [
        tenant_name(i),
        f" {make_uscc(100 + i).lower() if i % 3 == 0 else make_uscc(100 + i)} ",
        ORG_SPELLINGS[i % len(ORG_SPELLINGS)],
        ["鼓楼区", "台江区", "仓山区", "晋安区", "马尾区"][i % 5],
        ["是", "√", "是", "否"][i % 4],
        DATE_SPELLINGS[i % len(DATE_SPELLINGS)].format(y=year, m=month, d=day),
        f"{10 + i}人" if i % 2 else str(10 + i),
        AMOUNT_SPELLINGS[i % len(AMOUNT_SPELLINGS)].format(w=amount // 10_000, n=amount),
        "第1年" if i % 4 == 0 else str(1 + i % 3),
        f"{(i * 5) % 100}%" if i % 2 else f"0.{(i * 5) % 100:02d}",
        "",
    ]


def write_gbk_table(path: Path, count: int = 30) -> Path:
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *(typed_row(i) for i in range(count))])
    return path


def codes(count: int = 30) -> list[str]:
    return [make_uscc(100 + i) for i in range(count)]


def run(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command, which must succeed."""
    result = shenbao(data, *args, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def show_all(data: Path) -> dict[str, dict[str, Any]]:
    """Every stored enterprise's full profile, as `shenbao profiles show` prints it."""
    listed = json.loads(run(data, "profiles", "list", "--format", "json").stdout)
    return {row["uscc"]: json.loads(run(data, "profiles", "show", row["uscc"]).stdout) for row in listed}


def stored_state(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the data folder's database but the change log."""
    with sqlite3.connect(folder / "shenbao.db") as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()  # noqa: S608
            for table in tables
            if table != "changes"
        }
