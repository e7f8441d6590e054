"""What flags a declaration 「依据已变化」: a change of its own measure's result or of its profile, not a
policy pack that adds measures for another city."""

from __future__ import annotations

import json
from pathlib import Path

from tests.packs.helpers import EXAMPLE, build_pack, make_key
from tests.register.helpers import INFRA_USCC, SUPPLY, VOUCHER, infra_profile, make_profile, make_uscc
from tests.store.factory import shenbao

CODE = make_uscc(1)


def ok(result: object) -> str:
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined]


def flags(data_dir: Path) -> dict[int, bool]:
    out = json.loads(ok(shenbao(data_dir, "declarations", "list", "--format", "json")))
    return {e["id"]: e["basis_changed"] for e in out}


def test_an_unrelated_pack_leaves_every_declaration_unflagged(data_dir: Path, tmp_path: Path) -> None:
    files = []
    for i, doc in enumerate((make_profile(1), infra_profile())):
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps({"format": "shenbao-profile/1", **doc}, ensure_ascii=False), "utf-8")
        files.append(str(path))
    ok(shenbao(data_dir, "import", *files))
    for code, measure in ((CODE, VOUCHER), (INFRA_USCC, SUPPLY)):
        out = tmp_path / f"{code}.pdf"
        ok(shenbao(data_dir, "render", "--uscc", code, "--measure", measure, "--out", str(out)))
    assert flags(data_dir) == {1: False, 2: False}

    key, pub = make_key(tmp_path / "publisher")
    pack = build_pack(EXAMPLE, key, tmp_path / "example.shenbao-policy")
    ok(shenbao(data_dir, "policies", "trust", str(pub), "--yes"))
    dry = ok(shenbao(data_dir, "policies", "install", str(pack), "--dry-run", "--format", "json"))
    ok(shenbao(data_dir, "policies", "install", str(pack)))

    # The pack's measures are for 示例市: neither enterprise's result changes, so neither is flagged,
    # in the list or in the detail.
    assert flags(data_dir) == {1: False, 2: False}, dry
    for number in (1, 2):
        shown = json.loads(ok(shenbao(data_dir, "declarations", "show", str(number), "--format", "json")))
        assert (shown["basis_changed"], shown["basis_changes"]) == (False, [])
    text = ok(shenbao(data_dir, "declarations", "list"))
    assert "依据已变化" not in text

    # A change of the profile still flags the declaration of that enterprise alone.
    changed = make_profile(1)
    changed["facts"]["compute_purchase_amount"] = 150000
    path = tmp_path / "changed.json"
    path.write_text(json.dumps({"format": "shenbao-profile/1", **changed}, ensure_ascii=False), "utf-8")
    ok(shenbao(data_dir, "import", str(path), "--on-conflict", "replace"))
    assert flags(data_dir) == {1: True, 2: False}
