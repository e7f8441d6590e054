"""A park's data folder in which one declaration's encrypted answers and another's encrypted basis were
damaged (a bad sector, a copy cut short): the bundle is still made, with every other enterprise and
declaration, and the two left out are named — as a park table already leaves out one damaged roster."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.store.factory import shenbao

from .test_bundle_back_home import DEMO, run_python, stored_state

pytestmark = pytest.mark.slow

BUNDLE_PASSPHRASE = "园区交接口令 2026"


def damage(folder: Path, declaration_id: int, column: str) -> None:
    """One byte of a declaration's encrypted `column` changed, as a damaged disk would."""
    with sqlite3.connect(folder / "shenbao.db") as conn:
        (blob,) = conn.execute(
            f"SELECT {column} FROM declarations WHERE id = ?",  # noqa: S608
            (declaration_id,),
        ).fetchone()
        changed = bytearray(blob)
        changed[20] ^= 0xFF
        conn.execute(
            f"UPDATE declarations SET {column} = ? WHERE id = ?",  # noqa: S608
            (bytes(changed), declaration_id),
        )
    conn.close()


def listed(folder: Path) -> list[tuple[str, str, str, str | None, str | None, str]]:
    done = shenbao(folder, "declarations", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    return [
        (e["uscc"], e["measure"], e["state"], e["amount_applied"], e["amount_awarded"], e["amount_received"])
        for e in json.loads(done.stdout)
    ]


@pytest.mark.parametrize(
    "how", [("--passphrase",), ("--omit-sensitive",)], ids=["sealed", "without-sensitive"]
)
def test_a_bundle_leaves_out_only_the_damaged_declarations_and_names_them(
    tmp_path: Path, how: tuple[str, ...]
) -> None:
    data = tmp_path / "park"
    run_python(data, DEMO)
    whole = listed(data)
    damage(data, 3, "answers")  # 福州闽江模型's 人工智能创新优质平台补助, 已提交
    damage(data, 5, "basis")  # 福州鼓山算力运营's only declaration, 已生成
    before = stored_state(data)
    bundle = tmp_path / "园区.shenbao"

    done = shenbao(data, "export", "--out", str(bundle), *how, SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    said = [line for line in lines if line.startswith("注意：")]
    assert len(said) == 2, done.stderr
    assert "#3" in said[0] and "fj2025.innovation_platform" in said[0] and "91350121612DD27200" in said[0]
    assert "#5" in said[1] and "fz2024.compute_supply" in said[1] and "91350100H49D4H3981" in said[1]
    assert all("已损坏" in line and "未导出" in line for line in said)
    assert "已导出 3 家企业" in lines[-1] and "2 份申报已损坏未导出" in lines[-1], done.stderr
    assert stored_state(data) == before  # an export writes nothing

    other = tmp_path / "colleague"
    taken = shenbao(other, "import", str(bundle), SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)
    assert taken.returncode == 0, taken.stderr
    codes = [r["uscc"] for r in json.loads(shenbao(other, "profiles", "list", "--format", "json").stdout)]
    assert sorted(codes) == sorted(["913501044C12H3B168", "91350100H49D4H3981", "91350121612DD27200"])
    assert sorted(listed(other)) == sorted(
        row for row in whole if row[1] not in ("fj2025.innovation_platform", "fz2024.compute_supply")
    )
