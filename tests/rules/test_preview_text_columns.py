"""`shenbao preview --format text` in a terminal, where a Chinese character takes two columns: every
measure's status, amount and kind start in the same column whatever its title, and a title wider
than the title column (a policy pack may bring one) is wrapped within it, whole."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from tests.command import run_shenbao
from tests.conftest import EXAMPLES
from tests.packs.helpers import EXAMPLE_CITY, build_pack, copy_source, make_key, trust_in
from tests.store.factory import shenbao

ROW = re.compile(r"^  (?P<title>\S.*?)  +(?P<status>\S+) +(?P<amount>[\d,.]+ 元)?  +(?P<kind>\S+)$")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def columns(lines: list[str]) -> set[tuple[int, int, int]]:
    """For each measure's row: the terminal column where its status starts, where its amount column ends
    and where its kind starts."""
    found = set()
    for line in lines:
        row = ROW.match(line)
        if row is None or row["title"].startswith("提示："):
            continue
        status = width(line[: row.start("status")])
        kind = width(line[: row.start("kind")])
        found.add((status, kind - 2, kind))
    return found


def test_every_row_of_the_shipped_measures_lines_up_in_a_terminal(tmp_path: Path) -> None:
    """模型和智能体项目列入省重点技改项目、技改融资支持 (48 columns) pushed its status, amount and kind six
    columns right of every other row's, and “人工智能关键技术研发与应用”市级科技重大专项 two."""
    case = json.loads((EXAMPLES / "case-000.json").read_text(encoding="utf-8"))
    path = tmp_path / "企业.json"
    path.write_text(json.dumps(case["profile"], ensure_ascii=False), encoding="utf-8")
    run = run_shenbao("preview", "--profile", str(path), "--as-of", "2026-11-22", "--format", "text")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    rows = [line for line in lines if ROW.match(line) and not line.startswith("  提示：")]
    assert len(rows) == len(
        json.loads(
            run_shenbao("preview", "--profile", str(path), "--as-of", "2026-11-22", "--format", "json").stdout
        )["results"]
    )
    assert len(columns(lines)) == 1, sorted(columns(lines))
    assert "  模型和智能体项目列入省重点技改项目、技改融资支持  待补充" in run.stdout


def test_a_title_wider_than_its_column_is_wrapped_within_it(tmp_path: Path, data_dir: Path) -> None:
    title = "示例市人工智能算力服务券（面向中小微企业购买智能算力、模型训练与推理服务的专项补助）"
    source = copy_source(tmp_path / "source")
    measures = source / "measures" / "sl2026.toml"
    text = measures.read_text(encoding="utf-8")
    measures.write_text(text.replace('title = "算力券（示例）"', f'title = "{title}"'), encoding="utf-8")
    key, pub = make_key(tmp_path / "publisher")
    pack = build_pack(source, key, tmp_path / "example.shenbao-policy")
    trust_in(data_dir, pub)
    assert shenbao(data_dir, "policies", "install", str(pack)).returncode == 0
    profile = tmp_path / "示例.json"
    profile.write_text(json.dumps(EXAMPLE_CITY, ensure_ascii=False), encoding="utf-8")

    run = shenbao(data_dir, "preview", "--profile", str(profile), "--as-of", "2026-12-15", "--format", "text")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(columns(lines)) == 1, sorted(columns(lines))
    ((status, _, _),) = columns(lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("  示例市人工智能算力服务券"))
    assert "60,000.00 元" in lines[start]  # the row's figures stay on its first line
    row = ROW.match(lines[start])
    assert row is not None
    parts = [row["title"]]
    for line in lines[start + 1 :]:
        if not line.startswith("  ") or line.startswith("   ") or ROW.match(line):
            break
        parts.append(line[2:])
    assert "".join(parts) == title  # whole, nothing cut
    assert len(parts) > 1
    assert all(width(part) <= status - 4 for part in parts)  # within the column, two spaces kept
