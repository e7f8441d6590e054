"""The app's own bundle imported back into the folder it came from: nothing it holds differs from what is
stored, so nothing is written — the register keeps its numbers (申报 #1 stays #1), its events and
payments, and the import says the enterprises are unchanged, not replaced."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pdf.helpers import text_of
from tests.store.factory import cli_env, make_profile, make_uscc, shenbao

from .helpers import stored_state

pytestmark = pytest.mark.slow

BUNDLE_PASSPHRASE = "园区交接口令 2026"
DEMO = """
import datetime as dt, sys
from shenbao.ui.demo import add_demo_declarations, prepare_demo_folder
from shenbao.core.store.repository import Store
folder = prepare_demo_folder(sys.argv[1])
with Store.open(folder, daily_backup=False) as store:
    assert add_demo_declarations(store, dt.date(2026, 3, 1)) == 5
"""


def test_the_apps_own_bundle_imported_back_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "park"
    run_python(data, DEMO)
    before = stored_state(data)
    assert len(before["declarations"]) == 5 and before["declaration_payments"]

    bundle = exported(data, tmp_path / "园区.shenbao")

    again = shenbao(
        data, "import", str(bundle), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert again.returncode == 0, again.stderr
    assert "新增 0 家，更新 0 家，保留已有 0 家，不变 3 家" in again.stderr
    assert stored_state(data) == before


def test_the_bundle_brought_back_to_the_data_folder_moved_since_changes_nothing(tmp_path: Path) -> None:
    """The folder moved (to another drive, as the guide has it done) after its bundle was made: the
    bundle names its forms where they were, so every enterprise with a declaration was taken as changed,
    asked about, and on replace its forms' paths pointed at the old place (申报书文件已被移动或删除)
    though they lie in the moved folder with the digests recorded. It is its own bundle: unchanged."""
    import shutil

    data = tmp_path / "park"
    run_python(data, DEMO)
    bundle = exported(data, tmp_path / "园区.shenbao")
    moved = tmp_path / "另一个盘" / "申报助手数据"
    moved.parent.mkdir()
    shutil.move(str(data), str(moved))
    before = stored_state(moved)

    again = shenbao(
        moved, "import", str(bundle), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert again.returncode == 0, again.stderr
    assert "新增 0 家，更新 0 家，保留已有 0 家，不变 3 家" in again.stderr
    assert stored_state(moved) == before
    listed = shenbao(moved, "declarations", "list", "--format", "json")
    assert {e["pdf_state"] for e in json.loads(listed.stdout)} == {"ok"}


DRAFT = """
import sys
sys.path.insert(0, sys.argv[2])
from shenbao.core.store.repository import Store
from tests.store.factory import make_id_number, make_profile
with Store.open(sys.argv[1], daily_backup=False) as store:
    doc = make_profile(7)
    store.save_profile(doc)
    answers = {
        "enterprise.contact_name": "李华",
        "enterprise.contact_phone": "13800138000",
        "facts.core_engineers": [{"name": "张三", "id_number": make_id_number(3)}],
    }
    store.save_draft(doc["enterprise"]["uscc"], "fj2025.core_engineer", answers, page="engineers")
"""


def exported(data: Path, bundle: Path) -> Path:
    """The data folder exported whole to an encrypted bundle by the real command."""
    done = shenbao(
        data, "export", "--out", str(bundle), "--passphrase", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert done.returncode == 0, done.stderr
    return bundle


def run_python(data: Path, script: str) -> None:
    from tests.store.factory import REPO

    made = subprocess.run(
        [sys.executable, "-c", script, str(data), str(REPO)],
        env=cli_env(data),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr


def test_a_plain_bundle_brought_back_keeps_the_drafts_id_numbers_and_phones(tmp_path: Path) -> None:
    """A bundle without a passphrase cannot carry the 身份证号 and phones a draft's answers hold; brought
    back home, their absence says nothing, as for the profile's own roster and phone."""
    data = tmp_path / "park"
    run_python(data, DRAFT)
    before = stored_state(data)
    bundle = tmp_path / "园区.shenbao"
    done = shenbao(data, "export", "--out", str(bundle), "--omit-sensitive")
    assert done.returncode == 0, done.stderr

    again = shenbao(data, "import", str(bundle), "--on-conflict", "replace")
    assert again.returncode == 0, again.stderr
    assert "不变 1 家" in again.stderr, again.stderr
    assert stored_state(data) == before


def printed_with_roster(data: Path, tmp_path: Path) -> None:
    """An enterprise with a phone and a roster of two, imported, and its 算力服务补贴 printed (#1)."""
    profile = tmp_path / "星河.json"
    profile.write_text(json.dumps(make_profile(7), ensure_ascii=False), encoding="utf-8")
    for args in (
        ("import", str(profile)),
        (
            "render",
            "--uscc",
            make_uscc(7),
            "--measure",
            "fj2025.compute_voucher",
            "--out",
            str(tmp_path / "申报.pdf"),
        ),
    ):
        done = shenbao(data, *args)
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "how", [("--omit-sensitive",), ("--omit-sensitive", "--passphrase")], ids=["plain", "sealed"]
)
def test_a_bundle_without_the_secrets_brought_back_keeps_a_printed_declarations_phone_and_roster(
    tmp_path: Path, how: tuple[str, ...]
) -> None:
    """A printed declaration of an enterprise with an engineer roster, exported without the sensitive
    fields and imported straight back: the bundle's basis carries the roster as its number, which the
    import took for a change, so the declaration was written over with the bundle's copy — its basis
    without the phone and the roster, 「依据已变化」, a reprint without the phone. Nothing differs but what
    the bundle could not carry: nothing is written."""
    data = tmp_path / "park"
    printed_with_roster(data, tmp_path)
    before = stored_state(data)
    bundle = tmp_path / "园区.shenbao"
    sealed = {"SHENBAO_BUNDLE_PASSPHRASE": BUNDLE_PASSPHRASE}
    done = shenbao(data, "export", "--out", str(bundle), *how, **sealed)
    assert done.returncode == 0, done.stderr

    again = shenbao(data, "import", str(bundle), "--on-conflict", "replace", **sealed)

    assert again.returncode == 0, again.stderr
    assert "不变 1 家" in again.stderr and "替换" not in again.stderr, again.stderr
    assert stored_state(data) == before
    shown = json.loads(shenbao(data, "declarations", "show", "1").stdout)
    assert (shown["basis_changed"], shown["basis_changes"]) == (False, [])


def test_a_plain_bundle_with_a_declaration_changed_elsewhere_still_brings_the_change(tmp_path: Path) -> None:
    """The same bundle taken to a colleague, who records the declaration as submitted and sends a plain
    bundle back: the declaration is theirs now, the profile (phone and roster kept) unchanged."""
    import time

    home = tmp_path / "park"
    printed_with_roster(home, tmp_path)
    carried = tmp_path / "园区.shenbao"
    assert shenbao(home, "export", "--out", str(carried), "--omit-sensitive").returncode == 0
    colleague = tmp_path / "colleague"
    assert shenbao(colleague, "import", str(carried)).returncode == 0
    time.sleep(1.1)  # the register's times are to the second: the colleague's change comes after
    submitted = shenbao(
        colleague, "declarations", "set-state", "1", "submitted", "--ref", "榕科受〔2026〕021号"
    )
    assert submitted.returncode == 0, submitted.stderr
    back = tmp_path / "同事.shenbao"
    assert shenbao(colleague, "export", "--out", str(back), "--omit-sensitive").returncode == 0
    profile = shenbao(home, "profiles", "show", make_uscc(7)).stdout

    again = shenbao(home, "import", str(back), "--on-conflict", "replace")

    assert again.returncode == 0, again.stderr
    assert "更新 1 家" in again.stderr, again.stderr
    assert shenbao(home, "profiles", "show", make_uscc(7)).stdout == profile
    shown = json.loads(shenbao(home, "declarations", "show", "1").stdout)
    assert (shown["state"], shown["reference"]) == ("submitted", "榕科受〔2026〕021号")
    # what the plain bundle could not carry (the phone and roster it was printed from) is kept: no
    # 「依据已变化」 of a change nobody made, and the form printed again is the one submitted
    assert shown["basis_changed"] is False and not shown.get("basis_changes"), shown.get("basis_changes")
    again_printed = tmp_path / "再次生成.pdf"
    regenerated = shenbao(home, "declarations", "regenerate", "1", "--out", str(again_printed))
    assert regenerated.returncode == 0, regenerated.stderr
    assert text_of(again_printed)[0] == text_of(tmp_path / "申报.pdf")[0]


def test_a_bundle_without_a_declaration_stored_since_says_it_removes_it(tmp_path: Path) -> None:
    data = tmp_path / "park"
    run_python(data, DRAFT)
    bundle = exported(data, tmp_path / "园区.shenbao")
    run_python(
        data,
        "import sys\nfrom shenbao.core.store.repository import Store\n"
        "with Store.open(sys.argv[1], daily_backup=False) as store:\n"
        "    store.save_draft('913501000000000077', 'fj2025.compute_voucher', {}, page='invoices')\n",
    )
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
    assert "不删去任何内容" not in dry.stderr and "fj2025.compute_voucher" in dry.stderr, dry.stderr


def test_an_enterprise_replaced_from_a_bundle_keeps_the_register_numbers_of_its_unchanged_declarations(
    tmp_path: Path,
) -> None:
    """The profile changed since the bundle was made, its declarations did not: the profile is replaced,
    the register is left as it is (申报 #1 stays #1, with its events and payments)."""
    data = tmp_path / "park"
    run_python(data, DEMO)
    bundle = exported(data, tmp_path / "园区.shenbao")
    before = stored_state(data)
    table = tmp_path / "人数.csv"
    table.write_text(
        "企业（单位）名称,统一社会信用代码,从业人数\n福州星河智算科技有限公司（示例）,913501044C12H3B168,99\n"
    )
    assert shenbao(data, "import", str(table), "--on-conflict", "replace").returncode == 0

    again = shenbao(
        data, "import", str(bundle), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert again.returncode == 0, again.stderr
    assert "更新 1 家" in again.stderr and "不变 2 家" in again.stderr, again.stderr
    after = stored_state(data)
    for table_name in ("declarations", "declaration_events", "declaration_payments", "declaration_materials"):
        assert after[table_name] == before[table_name], table_name


def test_an_older_bundle_brought_back_never_takes_the_register_back(tmp_path: Path) -> None:
    """A bundle made before an award and a payment were recorded, imported back with replace: the award
    of 100,000 and the payment of 40,000 were gone without a word (the preview said 「不删去任何内容」) and
    every declaration was numbered anew. A declaration changed here since the bundle was made is kept."""
    import time

    data = tmp_path / "park"
    run_python(data, DEMO)
    bundle = exported(data, tmp_path / "园区.shenbao")
    time.sleep(1.1)  # the register's times are to the second: the payment comes after the bundle
    for args in (("2", "selected", "--awarded", "100000"), ("2", "paid", "--received", "40000")):
        changed = shenbao(data, "declarations", "set-state", *args)
        assert changed.returncode == 0, changed.stderr
    before = stored_state(data)

    for dry in (("--dry-run",), ()):
        again = shenbao(
            data,
            "import",
            str(bundle),
            "--on-conflict",
            "replace",
            *dry,
            SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE,
        )
        assert again.returncode == 0, again.stderr
        assert "不变 3 家" in again.stderr and "替换" not in again.stderr, again.stderr
    assert stored_state(data) == before
    shown = json.loads(shenbao(data, "declarations", "show", "2").stdout)
    assert (shown["state"], shown["amount_awarded"], shown["amount_received"]) == (
        "paid",
        "100000.00",
        "40000.00",
    )


def test_a_colleagues_bundle_brought_back_keeps_every_declarations_number(tmp_path: Path) -> None:
    """The park's bundle goes to a colleague's laptop, who records that 闽江's 核心工程师奖补 (#4 at home)
    was submitted and prints a new 人工智能优质产品奖励 for 星河; their bundle, imported back with replace,
    renumbered every declaration of both enterprises (#1 → #6 …): 「shenbao declarations show 4」 found
    nothing, and the numbers written on paper named other declarations. The numbers stay; only the new
    declaration gets a new one, after the last ever given."""
    import datetime as dt
    import time

    home = tmp_path / "park"
    run_python(home, DEMO)
    colleague = tmp_path / "colleague"
    carried = exported(home, tmp_path / "园区.shenbao")
    taken = shenbao(colleague, "import", str(carried), SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE)
    assert taken.returncode == 0, taken.stderr
    there = {
        (e["uscc"], e["measure"]): e["id"]
        for e in json.loads(shenbao(colleague, "declarations", "list", "--format", "json").stdout)
    }
    time.sleep(1.1)  # the register's times are to the second: the colleague's change comes after
    submitted = shenbao(
        colleague,
        "declarations",
        "set-state",
        str(there[("91350121612DD27200", "fj2025.core_engineer")]),
        "submitted",
        "--ref",
        "榕科受〔2026〕017号",
    )
    assert submitted.returncode == 0, submitted.stderr
    printed = shenbao(
        colleague,
        "render",
        "--uscc",
        "913501044C12H3B168",
        "--measure",
        "fj2025.quality_product",
        "--out",
        str(tmp_path / "优质产品.pdf"),
        "--as-of",
        "2026-03-01",
    )
    assert printed.returncode == 0, printed.stderr
    back = exported(colleague, tmp_path / "同事.shenbao")
    before = stored_state(home)
    numbers = {row[0]: row[2] for row in before["declarations"]}  # id → measure

    again = shenbao(
        home, "import", str(back), "--on-conflict", "replace", SHENBAO_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )

    assert again.returncode == 0, again.stderr
    after = stored_state(home)
    assert {row[0]: row[2] for row in after["declarations"]} == {**numbers, 6: "fj2025.quality_product"}
    shown = json.loads(shenbao(home, "declarations", "show", "4").stdout)
    assert (shown["measure"], shown["state"], shown["reference"]) == (
        "fj2025.core_engineer",
        "submitted",
        "榕科受〔2026〕017号",
    )
    # Every other row of every table is as it was: the other declarations, their events, payments and
    # materials, the enterprises; what changed is #4's state and its new event, and the new #6.
    by_declaration = {"declarations": 0, "declaration_events": 1, "declaration_materials": 0}
    assert (before.pop("declaration_numbers"), after.pop("declaration_numbers")) == ([(1, 5)], [(1, 6)])
    for table, rows in before.items():
        column = by_declaration.get(table)
        if column is None:
            assert after[table] == rows, table
        else:
            assert [r for r in after[table] if r[column] not in (4, 6)] == [
                r for r in rows if r[column] != 4
            ], table
    with sqlite3.connect(home / "shenbao.db") as conn:
        paths = conn.execute(
            "SELECT id, pdf_path FROM declarations WHERE id IN (4, 6) ORDER BY id"
        ).fetchall()
    conn.close()  # the file printed at home is still found in this folder, wherever it is moved
    assert paths[0] == (4, "declarations/91350121612DD27200_fj2025.core_engineer.pdf")
    old_events = [r for r in before["declaration_events"] if r[1] == 4]
    new_events = [r for r in after["declaration_events"] if r[1] == 4]
    assert [r[2:] for r in new_events[: len(old_events)]] == [r[2:] for r in old_events]
    assert new_events[-1][2:5] == ("submitted", dt.date.today().isoformat(), "榕科受〔2026〕017号")
