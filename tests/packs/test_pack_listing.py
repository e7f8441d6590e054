"""`shenbao policies list` after a pack ended or replaced documents: each document is listed with the dates
in force the program now judges by (the packs applied), naming the pack that changed them and what the
shipped data said, through the real command and a real signed pack."""

from __future__ import annotations

import json
from pathlib import Path

from tests.store.factory import shenbao

from .helpers import build_pack, copy_source, ok

ENDS = """
[[ends]]
document = "fz2024"
on = 2026-12-20
superseded_by = "sl2026"

[[ends]]
document = "fz2020"
on = 2026-11-30
"""


def ending_pack(tmp_path: Path, publisher: tuple[Path, Path]) -> Path:
    source = copy_source(tmp_path / "src", version="2")
    head = source / "pack.toml"
    head.write_text(head.read_text(encoding="utf-8") + ENDS, encoding="utf-8")
    return build_pack(source, publisher[0], tmp_path / "ends.shenbao-policy")


def test_the_list_shows_the_dates_a_pack_ended_not_the_shipped_ones(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    ok(shenbao(data_dir, "policies", "trust", str(publisher[1]), "--name", "示例发布者", "--yes"))
    ok(shenbao(data_dir, "policies", "install", str(ending_pack(tmp_path, publisher))))

    listed = json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    shipped = {d["id"]: d for d in listed[0]["documents"]}
    fz2024, fz2020 = shipped["fz2024"], shipped["fz2020"]
    assert fz2024["period"] == "2024-03-20 至 2026-12-20"
    assert fz2024["superseded_by"] == "sl2026"
    assert fz2024["changed_by"] == [{"id": "example-ai", "version": 2}]
    assert fz2024["period_before"] == "2024-03-20 至 2026-12-31"
    assert fz2020["period"] == "2020-02-14 至 2026-11-30"
    assert fz2020["period_before"] == "2020-02-14 至 未载明"
    assert "changed_by" not in shipped["fj2025"] and shipped["fj2025"]["period"] == "2025-11-04 至 2028-12-31"
    assert "changed_by" not in listed[1]["documents"][0]  # the pack's own document, as it issued it

    text = ok(shenbao(data_dir, "policies", "list", "--format", "text"))
    line = next(x for x in text.splitlines() if x.strip().startswith("fz2024"))
    assert "2024-03-20 至 2026-12-20" in line and "sl2026" in line
    assert "政策包 example-ai 第 2 版" in line and "内置数据为 2024-03-20 至 2026-12-31" in line
    assert "2020-02-14 至 2026-11-30" in text

    # removing the pack lists the shipped dates again, with no pack named
    ok(shenbao(data_dir, "policies", "remove", "example-ai"))
    listed = json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    fz2024 = next(d for d in listed[0]["documents"] if d["id"] == "fz2024")
    assert fz2024["period"] == "2024-03-20 至 2026-12-31" and "changed_by" not in fz2024


def test_a_packs_document_the_shipped_data_is_newer_than_is_listed_as_not_used(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path]
) -> None:
    """A pack issued before the shipped data was checked offers fz2020 with another end: the program keeps
    the shipped fz2020, and the pack's row says its version is not used rather than list dates no
    preview judges by as if they were."""
    from shenbao import paths

    source = copy_source(tmp_path / "src", issued_on="2026-01-01")
    doc = (paths.policies() / "documents" / "fz2020.toml").read_text(encoding="utf-8")
    doc = doc.replace("in_force_from = 2020-02-14", "in_force_from = 2020-02-14\nin_force_to = 2025-12-31")
    (source / "documents" / "fz2020.toml").write_text(doc, encoding="utf-8")
    ok(shenbao(data_dir, "policies", "trust", str(publisher[1]), "--name", "示例发布者", "--yes"))
    ok(shenbao(data_dir, "policies", "install", str(build_pack(source, publisher[0], tmp_path / "old.p"))))

    listed = json.loads(ok(shenbao(data_dir, "policies", "list", "--format", "json")))
    shipped = next(d for d in listed[0]["documents"] if d["id"] == "fz2020")
    assert shipped["period"] == "2020-02-14 至 未载明" and "changed_by" not in shipped
    offered = next(d for d in listed[1]["documents"] if d["id"] == "fz2020")
    assert offered["period"] == "2020-02-14 至 2025-12-31" and offered["kept_shipped"] is True
    text = ok(shenbao(data_dir, "policies", "list", "--format", "text"))
    assert "2020-02-14 至 2025-12-31；未采用：内置数据较新，仍按内置数据" in text
