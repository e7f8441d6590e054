"""An installed pack in use by the whole program: the preview judges its measures, the printed 申报书 uses
its form and records the data version with the pack, and `ends` ends a shipped document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from shenbao.core.forms import form_for
from shenbao.core.model import parse_profile
from shenbao.core.packs.library import activate, commit_install, library, plan_install
from shenbao.core.pdf import render_declaration
from shenbao.core.policies import catalogue, shipped_catalogue
from shenbao.core.rules import rules
from tests.pdf.helpers import text_of

from .helpers import EXAMPLE_CITY, build_pack, copy_source

AS_OF = dt.date(2026, 12, 15)


def install(data_dir: Path, pack: Path) -> None:
    commit_install(data_dir, plan_install(data_dir, pack.read_bytes(), dt.date(2026, 12, 1)))


def test_preview_and_printed_form_of_a_pack_measure(
    tmp_path: Path, trusted: Path, example_pack: Path
) -> None:
    install(trusted, example_pack)
    assert activate(trusted) == []
    cat = catalogue()
    assert cat.version == shipped_catalogue().version + "+example-ai.v1"
    assert cat.judged[0] == "sl2026" and cat.library[:2] == ("sl2026", "sl2026d")
    assert [c.draft for c in cat.comparisons][-1] == "sl2026d"

    profile = parse_profile(EXAMPLE_CITY)
    pv = rules().preview(profile, AS_OF)
    assert pv.policy_version.endswith("+example-ai.v1") and pv.notices == []
    platform = pv.result("sl2026.platform")
    assert (platform.status, platform.amount) == ("eligible", Decimal("500000.00"))
    assert platform.formula == "min(20% × 2,000,000.00 + （是 → 100,000.00）, 1,000,000.00) = 500,000.00"
    assert "本政策为虚构示例，不能据此申报。" in platform.warnings
    assert pv.result("fz2024.compute_use").status == "ineligible"  # the example city is not Fuzhou
    assert rules().preview(profile, dt.date(2026, 11, 30)).result("sl2026.platform").status == "not_in_force"

    form = form_for("sl2026.platform")
    assert form is not None and form.title == "人工智能创新平台补助申报书（示例）"
    out = tmp_path / "platform.pdf"
    render_declaration(profile, pv, "sl2026.platform", out)
    text, _ = text_of(out)
    for words in (
        "人工智能创新平台补助申报书（示例）",
        "示例市人工智能产业扶持办法（示例）",
        "500,000.00",
        "example-ai.v1",
    ):
        assert words in text, words

    activate(None)
    assert catalogue() is shipped_catalogue() and form_for("sl2026.platform") is None


def test_a_pack_may_end_and_supersede_a_shipped_document(tmp_path: Path, trusted: Path, publisher) -> None:
    source = copy_source(tmp_path / "src", version="2")
    head = source / "pack.toml"
    head.write_text(
        head.read_text(encoding="utf-8")
        + '\n[[ends]]\ndocument = "fz2024"\non = 2026-12-20\nsuperseded_by = "sl2026"\n',
        encoding="utf-8",
    )
    install(trusted, build_pack(source, publisher[0], tmp_path / "ends.shenbao-policy"))
    cat, _ = library(trusted)
    fz = cat.documents["fz2024"]
    assert (fz.in_force_to, fz.superseded_by, fz.superseded_on) == (
        dt.date(2026, 12, 20),
        "sl2026",
        dt.date(2026, 12, 21),
    )
    assert fz.status(dt.date(2026, 12, 20)) == "现行有效" and fz.status(dt.date(2026, 12, 21)) == "已被替代"
    assert shipped_catalogue().documents["fz2024"].in_force_to == dt.date(2026, 12, 31)


def test_a_shipped_document_newer_than_the_pack_is_kept(tmp_path: Path, trusted: Path, publisher) -> None:
    from shenbao import paths

    source = copy_source(tmp_path / "src", issued_on="2026-01-01")
    doc = (paths.policies() / "documents" / "fz2020.toml").read_text(encoding="utf-8")
    (source / "documents" / "fz2020.toml").write_text(
        doc.replace("关于推动", "（旧）关于推动", 1), encoding="utf-8"
    )
    plan = plan_install(
        trusted, build_pack(source, publisher[0], tmp_path / "p.shenbao-policy").read_bytes(), AS_OF
    )
    assert any("fz2020" in w and "保留内置数据" in w for w in plan.warnings)
    assert plan.after.documents["fz2020"] is shipped_catalogue().documents["fz2020"]


def test_a_damaged_list_of_installed_packs_leaves_the_shipped_library_in_use(
    trusted: Path, example_pack: Path
) -> None:
    from shenbao.core.packs.library import packs_folder
    from tests.store.factory import shenbao

    install(trusted, example_pack)
    (packs_folder(trusted) / "installed.json").write_text("{not json", encoding="utf-8")
    warnings = activate(trusted)
    assert len(warnings) == 1 and "installed.json" in warnings[0]
    assert catalogue() is shipped_catalogue()
    result = shenbao(trusted, "measures", "--format", "json")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "未启用已安装的政策包" in result.stderr


def test_a_declaration_of_a_pack_removed_since(tmp_path: Path, trusted: Path, example_pack: Path) -> None:
    """A 申报书 printed under a pack that was removed since: the register still names the measure as it
    was printed and says in words why it cannot be judged again, not the bare measure code."""
    import json

    from tests.store.factory import shenbao

    from .helpers import ok

    profile = tmp_path / "tenant.json"
    profile.write_text(json.dumps(EXAMPLE_CITY, ensure_ascii=False), encoding="utf-8")
    ok(shenbao(trusted, "policies", "install", str(example_pack)))
    ok(shenbao(trusted, "import", str(profile)))
    uscc = EXAMPLE_CITY["enterprise"]["uscc"]
    pdf = tmp_path / "platform.pdf"
    args = ("--uscc", uscc, "--measure", "sl2026.platform", "--as-of", "2026-12-15", "--out", str(pdf))
    ok(shenbao(trusted, "render", *args))
    ok(shenbao(trusted, "policies", "remove", "example-ai"))

    listed = ok(shenbao(trusted, "declarations", "list", "--format", "text"))
    assert "人工智能创新平台补助（示例）（sl2026.platform）" in listed and "依据已变化" in listed
    shown = ok(shenbao(trusted, "declarations", "show", "1", "--format", "text"))
    assert "人工智能创新平台补助（示例）（sl2026.platform）" in shown
    assert "'sl2026.platform'" not in shown
    assert "措施 sl2026.platform 已不在现在的政策库中" in shown, shown
    pdf.unlink()
    again = shenbao(trusted, "declarations", "regenerate", "1")
    assert again.returncode == 2 and "政策包已移除" in again.stderr, again.stderr
