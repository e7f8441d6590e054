"""A new version of a pack that rewrites what was already in force says so before it is installed, and
the same pack offered again is named as installed, not as a rollback."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from shenbao.core.packs.library import commit_install, plan_install
from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, build_pack, copy_source, folder_state

RATE = '2026-12-01 = "0.3"'


def _version_2(tmp_path: Path, key: Path, new: str) -> bytes:
    source = copy_source(tmp_path / "v2", version="2")
    measures = source / "measures" / "sl2026.toml"
    text = measures.read_text(encoding="utf-8")
    assert RATE in text
    measures.write_text(text.replace(RATE, new), encoding="utf-8")
    return build_pack(source, key, tmp_path / "v2.shenbao-policy").read_bytes()


def test_a_rate_changed_for_days_already_past_is_warned(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), dt.date(2026, 12, 1)))
    data = _version_2(tmp_path, publisher[0], '2026-12-01 = "0.1"')
    plan = plan_install(trusted, data, dt.date(2026, 12, 15))
    assert [w for w in plan.warnings if "已生效" in w] == [
        "措施 算力券（示例）（sl2026.compute_voucher）的参数 rate 改动了已生效的数值："
        "2026-12-01 起 0.3 → 0.1；已按原数值测算或申报的，请核对"
    ]
    # the same change before the day it takes effect rewrites nothing in force
    assert not [w for w in plan_install(trusted, data, dt.date(2026, 11, 30)).warnings if "已生效" in w]


def test_a_change_from_a_later_date_leaves_the_past_alone(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), dt.date(2026, 12, 1)))
    data = _version_2(tmp_path, publisher[0], f'{RATE}, 2027-01-01 = "0.1"')
    assert not [w for w in plan_install(trusted, data, dt.date(2026, 12, 15)).warnings if "已生效" in w]


def test_the_command_warns_before_installing_over_the_past(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    pack = tmp_path / "v2.shenbao-policy"
    pack.write_bytes(_version_2(tmp_path, publisher[0], '2026-12-01 = "0.1"'))
    dry = shenbao(trusted, "policies", "install", str(pack), "--dry-run", "--as-of", "2026-12-15")
    assert dry.returncode == 0, dry.stderr
    assert "rate 改动了已生效的数值：2026-12-01 起 0.3 → 0.1" in dry.stderr


def test_the_same_pack_twice_is_said_to_be_installed(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    """The same files, in a zip written again (a comment added) or signed again: nothing new to install,
    and no rollback either."""
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    rezipped = tmp_path / "comment.shenbao-policy"
    with zipfile.ZipFile(example_pack) as source, zipfile.ZipFile(rezipped, "w") as copy:
        for item in source.infolist():
            copy.writestr(item, source.read(item))
        copy.comment = b"copied from the publisher's site"
    resigned = build_pack(EXAMPLE, publisher[0], tmp_path / "again.shenbao-policy")
    before = folder_state(trusted)
    for pack in (example_pack, rezipped, resigned):
        for dry_run in ((), ("--dry-run",)):
            refused = shenbao(trusted, "policies", "install", str(pack), *dry_run)
            assert_refused(refused, "example-ai 第 1 版已经安装，无需再次安装")
            assert "回退" not in refused.stderr
    assert folder_state(trusted) == before


def test_the_same_version_with_other_content_asks_for_a_higher_version(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    """Version 1 signed again with another rate: no going back (the version is the one installed), but
    no install either, since a version names one content; the publisher must number it anew."""
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    source = copy_source(tmp_path / "v1b")
    measures = source / "measures" / "sl2026.toml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace(RATE, '2026-12-01 = "0.5"'), encoding="utf-8"
    )
    changed = build_pack(source, publisher[0], tmp_path / "v1b.shenbao-policy")
    before = folder_state(trusted)
    for dry_run in ((), ("--dry-run",)):
        refused = shenbao(trusted, "policies", "install", str(changed), *dry_run)
        assert_refused(
            refused,
            str(changed),
            "政策包 example-ai 第 1 版已经安装，而此文件的内容与之不同",
            "请发布者提高版本号后重新签发",
        )
        assert "回退" not in refused.stderr and "不高于" not in refused.stderr
    assert folder_state(trusted) == before


def test_removing_a_version_that_rewrote_the_past_is_warned(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    """Going back from version 2 to version 1 puts the old rate back for days already past: said the same
    way as installing version 2 was, with both values, the measure, the parameter and the date."""
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    pack = tmp_path / "v2.shenbao-policy"
    pack.write_bytes(_version_2(tmp_path, publisher[0], '2026-12-01 = "0.1"'))
    assert shenbao(trusted, "policies", "install", str(pack)).returncode == 0
    removed = shenbao(trusted, "policies", "remove", "example-ai", "--as-of", "2026-12-15")
    assert removed.returncode == 0, removed.stderr
    assert "恢复为第 1 版" in removed.stdout
    assert [line for line in removed.stderr.splitlines() if "已生效" in line] == [
        "shenbao: 警告：措施 算力券（示例）（sl2026.compute_voucher）的参数 rate 改动了已生效的数值："
        "2026-12-01 起 0.1 → 0.3；已按原数值测算或申报的，请核对"
    ]


def test_removing_before_the_change_takes_effect_says_nothing(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    pack = tmp_path / "v2.shenbao-policy"
    pack.write_bytes(_version_2(tmp_path, publisher[0], '2026-12-01 = "0.1"'))
    assert shenbao(trusted, "policies", "install", str(pack)).returncode == 0
    removed = shenbao(trusted, "policies", "remove", "example-ai", "--as-of", "2026-11-30")
    assert removed.returncode == 0, removed.stderr
    assert "已生效" not in removed.stderr


def test_removing_the_only_version_takes_its_measures_away_unwarned(
    trusted: Path, example_pack: Path
) -> None:
    """The example pack adds its own measures; removing it takes them away, which is no rewrite of an
    amount still in force: nothing to warn of, and the pack is gone."""
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    removed = shenbao(trusted, "policies", "remove", "example-ai", "--as-of", "2026-12-15")
    assert removed.returncode == 0, removed.stderr
    assert "已生效" not in removed.stderr and "恢复为安装之前" in removed.stdout


def test_removing_a_pack_names_the_measures_it_takes_away(trusted: Path, example_pack: Path) -> None:
    """Removing the only version of a pack that brings its own measures: each is named before it goes,
    so staff know the preview and the wizard will no longer offer it."""
    assert shenbao(trusted, "policies", "install", str(example_pack)).returncode == 0
    removed = shenbao(trusted, "policies", "remove", "example-ai", "--as-of", "2026-12-15")
    assert removed.returncode == 0, removed.stderr
    assert "恢复为安装之前" in removed.stdout
    assert (
        "shenbao: 警告：措施 算力券（示例）（sl2026.compute_voucher）将不再提供：预览和申报向导不再列出它，"
        "已有的申报仍留在申报登记中"
    ) in removed.stderr.splitlines()
    measures = shenbao(trusted, "measures")
    assert measures.returncode == 0 and "sl2026.compute_voucher" not in measures.stdout
