"""A park's data folder in which one declaration's encrypted answers and another's encrypted basis were
damaged (a bad sector, a copy cut short): the bundle is still made, with every other enterprise and
declaration, and the two left out are named — as a park table already leaves out one damaged roster."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

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


def test_a_damaged_declaration_is_mended_from_the_bundle_made_before(tmp_path: Path) -> None:
    """The park's bundle made last week is what a damaged declaration is mended from: imported with
    replace, the import was refused on reading the damaged one (「加密数据无法解密或已被改动」), so
    the only copy could never come back. The damaged declaration is written again from the bundle,
    under its own number; nothing else is touched."""
    data = tmp_path / "park"
    run_python(data, DEMO)
    good = stored_state(data)
    bundle = tmp_path / "园区.shenbao"
    made = shenbao(
        data, "export", "--out", str(bundle), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert made.returncode == 0, made.stderr
    damage(data, 3, "answers")

    dry = shenbao(
        data,
        "import",
        str(bundle),
        "--on-conflict",
        "replace",
        "--dry-run",
        SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE,
    )
    assert dry.returncode == 0, dry.stderr
    said = [line for line in dry.stderr.splitlines() if "91350121612DD27200" in line]
    assert "不变 2 家，整体替换 1 家" in dry.stderr and len(said) == 1, dry.stderr
    assert "申报 #3 fj2025.innovation_platform 的填写内容已损坏，以数据包中的副本写回" in said[0], dry.stderr
    again = shenbao(
        data, "import", str(bundle), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )

    assert again.returncode == 0, again.stderr
    after = stored_state(data)
    with sqlite3.connect(data / "shenbao.db") as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(declarations)")]
    conn.close()
    sealed = [columns.index("answers"), columns.index("basis")]  # encrypted again, under a fresh nonce
    for row in after["declarations"]:
        old = next(r for r in good["declarations"] if r[0] == row[0])
        assert [v for i, v in enumerate(row) if i not in sealed] == [
            v for i, v in enumerate(old) if i not in sealed
        ], row[0]
    assert sorted(r[1:] for r in after["declaration_events"]) == sorted(
        r[1:] for r in good["declaration_events"]
    )
    for table, rows in good.items():
        if table not in ("declarations", "declaration_events"):
            assert after[table] == rows, table
    whole = shenbao(data, "export", "--out", str(tmp_path / "again.shenbao"), "--omit-sensitive")
    assert whole.returncode == 0 and "注意" not in whole.stderr, whole.stderr


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # the progress dialog
@pytest.mark.parametrize("sealed", [True, False], ids=["sealed", "without-sensitive"])
def test_the_window_exports_all_but_the_damaged_declaration_and_names_it(
    qtbot: Any, no_keyring: None, window: Any, dialogs: Any, tmp_path: Path, sealed: bool
) -> None:
    """文件 → 导出 from the window, as `shenbao export` does: one declaration's encrypted answers
    damaged, the bundle holds every enterprise and every other declaration, and the window's warning
    names the one left out; imported into a colleague's folder, it gives back all the rest. (The export
    was refused whole, 「加密数据格式不符」.)"""
    import datetime as dt

    from shenbao.core.model import parse_profile
    from shenbao.ui.demo import add_demo_declarations, demo_profiles

    data = Path(window.store.folder)
    window.store.save_profiles(parse_profile(doc, require_uscc=True) for doc in demo_profiles())
    assert add_demo_declarations(window.store, dt.date(2026, 3, 1)) == 5
    whole = listed(data)
    with window.store.conn:
        window.store.conn.execute(
            "UPDATE declarations SET answers = zeroblob(length(answers)) WHERE id = 3"
        )  # 福州闽江模型's 人工智能创新优质平台补助, 已提交
        if not sealed:  # and one enterprise's ID numbers and phones: left out too, in the same warning
            window.store.conn.execute(
                "UPDATE enterprises SET secrets = zeroblob(length(secrets)) WHERE uscc = '913501044C12H3B168'"
            )
    window.reload()
    before = stored_state(data)
    bundle = tmp_path / "园区.shenbao"
    written: list[str] = []
    window.operations.exported.connect(written.append)

    window.operations.export_bundle(str(bundle), passphrase=BUNDLE_PASSPHRASE if sealed else "")
    qtbot.waitUntil(lambda: bool(written or dialogs.shown), timeout=20000)

    assert dialogs.texts("critical") == [] and written == [str(bundle)], dialogs.shown
    (warning,) = dialogs.texts("warning")
    assert "已导出 3 家企业" in warning and "91350121612DD27200" in warning and "#3" in warning
    assert "人工智能创新优质平台补助" in warning and "填写内容" in warning and "未导出" in warning
    assert "#1" not in warning and "#2" not in warning and "#5" not in warning
    assert ("913501044C12H3B168" in warning and "敏感信息" in warning) is not sealed
    assert "1 份申报已损坏未导出" in window.statusBar().currentMessage()
    assert stored_state(data) == before  # an export writes nothing

    other = tmp_path / "colleague"
    taken = shenbao(other, "import", str(bundle), SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)
    assert taken.returncode == 0, taken.stderr
    codes = [r["uscc"] for r in json.loads(shenbao(other, "profiles", "list", "--format", "json").stdout)]
    assert sorted(codes) == sorted(["913501044C12H3B168", "91350100H49D4H3981", "91350121612DD27200"])
    assert sorted(listed(other)) == sorted(row for row in whole if row[1] != "fj2025.innovation_platform")
    assert len(listed(other)) == 4
