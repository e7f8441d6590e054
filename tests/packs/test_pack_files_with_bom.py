"""A pack source whose TOML files were saved by Windows Notepad, which starts a UTF-8 file with a byte
order mark (EF BB BF), was refused by `shenbao policies pack` as 「pack.toml: 不是有效的 TOML（第 1 行第 1
列：无法识别的语句…）」, and a pack signed with such files by `policies install`, though the text is UTF-8
and nothing else is wrong with it. The mark is read as what it is, the start of a UTF-8 text, as the
profiles' JSON files already were: the pack builds, installs, judges and prints as without it, and a
real mistake on the first line is placed where the file's editor shows it."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from tests.pdf.helpers import text_of
from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE_CITY, copy_source, ok

AS_OF = "2026-12-15"


def with_bom(source: Path) -> list[Path]:
    files = sorted(source.rglob("*.toml"))
    for path in files:
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    return files


def sl_results(data_dir: Path, profile: Path) -> dict[str, list[object]]:
    out = json.loads(
        ok(shenbao(data_dir, "preview", "--profile", str(profile), "--as-of", AS_OF, "--format", "json"))
    )
    return {
        r["measure"]: [r["status"], r["amount"]] for r in out["results"] if r["measure"].startswith("sl2026.")
    }


def test_a_pack_saved_with_a_bom_builds_installs_judges_and_prints(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    plain = copy_source(tmp_path / "plain")
    marked = copy_source(tmp_path / "marked")
    files = with_bom(marked)
    assert {p.relative_to(marked).parts[0] for p in files} >= {"pack.toml", "documents", "measures", "forms"}
    profile = tmp_path / "tenant.json"
    profile.write_text(json.dumps(EXAMPLE_CITY, ensure_ascii=False), encoding="utf-8")

    pack = tmp_path / "marked.shenbao-policy"
    ok(shenbao(trusted, "policies", "pack", str(marked), "--key", str(publisher[0]), "--out", str(pack)))
    ok(shenbao(trusted, "policies", "verify", str(pack)))
    ok(shenbao(trusted, "policies", "install", str(pack)))
    judged = sl_results(trusted, profile)
    assert set(judged) == {
        "sl2026.compute_voucher",
        "sl2026.iiot_tiers",
        "sl2026.platform",
        "sl2026.product_award",
    }
    pdf = tmp_path / "platform.pdf"
    ok(shenbao(trusted, "import", str(profile)))
    uscc = EXAMPLE_CITY["enterprise"]["uscc"]
    args = ("--uscc", uscc, "--measure", "sl2026.platform", "--as-of", AS_OF, "--out", str(pdf))
    ok(shenbao(trusted, "render", *args))
    printed, _ = text_of(pdf)
    assert "人工智能创新平台补助申报书（示例）" in printed and "【示例】平台建设方案及投入明细" in printed

    # the same judgement as the pack saved without the mark
    other = tmp_path / "other-data"
    ok(shenbao(other, "policies", "trust", str(publisher[1]), "--yes"))
    plain_pack = tmp_path / "plain.shenbao-policy"
    ok(shenbao(other, "policies", "pack", str(plain), "--key", str(publisher[0]), "--out", str(plain_pack)))
    ok(shenbao(other, "policies", "install", str(plain_pack)))
    assert sl_results(other, profile) == judged


def test_a_mistake_on_the_first_line_of_a_file_with_a_bom_is_placed_as_without_it(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    for name in ("pack.toml", "forms/sl2026.platform.toml"):
        source = copy_source(tmp_path / name.replace("/", "-"))
        path = source / name
        path.write_bytes(codecs.BOM_UTF8 + b"note = 1 2\n" + path.read_bytes())
        refused = shenbao(
            trusted, "policies", "pack", str(source), "--key", str(publisher[0]), "--out", str(tmp_path / "x")
        )
        assert_refused(refused, f"{name}: 不是有效的 TOML（第 1 行第 10 列：一条语句之后应换行）")
