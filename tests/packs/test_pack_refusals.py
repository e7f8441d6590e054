"""Every pack that must not be installed is refused with one line, and the data folder is left exactly as
it was: unsigned, altered, an unknown key, a rollback, a malformed tree, a zip bomb, a traversal name, a
pack for a newer program or naming a formula this one lacks. An expired pack installs, with a warning."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from shenbao.core.packs.archive import MANIFEST, SIGNATURE, read_pack, sign
from shenbao.core.packs.keys import load_private
from shenbao.core.packs.library import commit_install, expiry_notices, library, plan_install
from shenbao.core.packs.source import PackError
from shenbao.core.policies import shipped_catalogue
from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, build_pack, copy_source, folder_state

TODAY = dt.date(2026, 12, 1)


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def rezip(members: dict[str, bytes], extra: Callable[[zipfile.ZipFile], None] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        if extra:
            extra(archive)
    return buf.getvalue()


def signed_tree(source: Path, key: Path, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """The source's files, edited, then signed as they are: the signature holds, the data may not."""
    members = {p.relative_to(source).as_posix(): p.read_bytes() for p in sorted(source.rglob("*.toml"))}
    edit(members)
    fields = {"id": "example-ai", "version": 1}
    return sign(members, fields, load_private(key, None))


def refuse(data_dir: Path, data: bytes, *words: str) -> None:
    before = folder_state(data_dir)
    with pytest.raises(PackError) as caught:
        plan_install(data_dir, data, TODAY)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    assert folder_state(data_dir) == before


def replace_in(name: str, old: str, new: str) -> Callable[[dict[str, bytes]], None]:
    def edit(members: dict[str, bytes]) -> None:
        text = members[name].decode("utf-8")
        assert old in text
        members[name] = text.replace(old, new).encode("utf-8")

    return edit


def test_unsigned_pack(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    del members[SIGNATURE]
    refuse(trusted, rezip(members), "未签名")


def test_altered_member(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    name = "measures/sl2026.toml"
    members[name] = members[name].replace(b'"0.3"', b'"0.9"')
    refuse(trusted, rezip(members), name, "已被改动")


def test_altered_manifest(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    members[MANIFEST] = members[MANIFEST].replace(b'"version": 1', b'"version": 7')
    refuse(trusted, rezip(members), "签名无效")


def test_added_member(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    members["forms/extra.toml"] = b'measure = "x"'
    refuse(trusted, rezip(members), "清单与内容不符")


def test_unknown_key(data_dir: Path, example_pack: Path) -> None:
    refuse(data_dir, example_pack.read_bytes(), "未受信任", "policies trust")


def test_a_key_no_longer_trusted_turns_the_pack_off(trusted: Path, example_pack: Path) -> None:
    from shenbao.core.packs.keys import untrust
    from shenbao.core.packs.library import packs_folder

    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    assert "sl2026.platform" in library(trusted)[0].measures
    untrust(packs_folder(trusted), "示例发布者")
    cat, warnings = library(trusted)
    assert "sl2026.platform" not in cat.measures
    assert len(warnings) == 1 and "已不再受信任" in warnings[0]


def test_rollback(tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]) -> None:
    v1 = build_pack(EXAMPLE, publisher[0], tmp_path / "v1.shenbao-policy")
    v2 = build_pack(copy_source(tmp_path / "v2", version="2"), publisher[0], tmp_path / "v2.shenbao-policy")
    commit_install(trusted, plan_install(trusted, v2.read_bytes(), TODAY))
    refuse(trusted, v1.read_bytes(), "第 1 版不高于已安装的第 2 版", "回退")
    refuse(trusted, v2.read_bytes(), "第 2 版已经安装，无需再次安装")
    other = copy_source(tmp_path / "v2b", version="2", title='"另一份第 2 版"')
    refuse(
        trusted,
        build_pack(other, publisher[0], tmp_path / "v2b.shenbao-policy").read_bytes(),
        "第 2 版已经安装，而此文件的内容与之不同",
        "提高版本号",
    )


def test_malformed_tree(trusted: Path, publisher: tuple[Path, Path]) -> None:
    data = signed_tree(
        EXAMPLE, publisher[0], replace_in("measures/sl2026.toml", 'article = "四"', 'article = "九"')
    )
    refuse(trusted, data, "政策包数据有误", "条款 九 不在文件 sl2026 中")
    unknown_key = replace_in(
        "measures/sl2026.toml", "selection = false\nformula", "selection = false\ncolour = 1\nformula"
    )
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], unknown_key), "未知的键 colour")
    bad_expression = replace_in(
        "measures/sl2026.toml", 'expression = "min(', "expression = \"__import__('os') or min("
    )
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], bad_expression), "expression")
    refuse(
        trusted, signed_tree(EXAMPLE, publisher[0], lambda m: m.update({"pack.toml": b"id = "})), "pack.toml"
    )


def test_manifest_naming_another_pack(trusted: Path, publisher: tuple[Path, Path]) -> None:
    members = {p.relative_to(EXAMPLE).as_posix(): p.read_bytes() for p in sorted(EXAMPLE.rglob("*.toml"))}
    data = sign(members, {"id": "example-ai", "version": 9}, load_private(publisher[0], None))
    refuse(trusted, data, "清单中的编号或版本与 pack.toml 不符")


def test_traversal_and_links(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    refuse(trusted, rezip({**members, "../evil.toml": b"x"}), "路径不安全")
    refuse(trusted, rezip({**members, "/etc/evil.toml": b"x"}), "路径不安全")
    refuse(trusted, rezip({**members, "documents\\evil.toml": b"x"}), "路径不安全")

    def link(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo("documents/link.toml")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")

    refuse(trusted, rezip(members, link), "路径不安全")
    refuse(trusted, rezip({**members, "documents/notes.txt": b"x"}), "不属于政策包")


def test_zip_bomb(trusted: Path, example_pack: Path) -> None:
    members = members_of(example_pack.read_bytes())
    refuse(trusted, rezip({**members, "documents/zz.toml": b"\0" * (3 * 1024 * 1024)}), "压缩炸弹")
    refuse(trusted, rezip({**members, "documents/zz.toml": b"\0" * (5 * 1024 * 1024)}), "过大")


def test_not_a_zip(trusted: Path) -> None:
    refuse(trusted, b"", "不是 zip")
    refuse(trusted, b"PK\x03\x04" + b"\0" * 100, "文件不完整")


def test_a_pack_for_a_newer_program(tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]) -> None:
    newer = replace_in("pack.toml", 'min_app_version = "0.1.0"', 'min_app_version = "99.2"')
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], newer), "需要申报助手 99.2 或更新版本")
    with pytest.raises(PackError, match="99.2"):
        build_pack(
            copy_source(tmp_path / "src", min_app_version='"99.2"'),
            publisher[0],
            tmp_path / "n.shenbao-policy",
        )
    assert not (tmp_path / "n.shenbao-policy").exists()


def test_a_formula_this_program_lacks(trusted: Path, publisher: tuple[Path, Path]) -> None:
    edit = replace_in("measures/sl2026.toml", 'formula = "tiers"', 'formula = "quantum_tiers"')
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], edit), "公式 quantum_tiers 不在本程序", "0.1.0")


def test_an_expired_pack_installs_with_a_warning(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path]
) -> None:
    source = copy_source(tmp_path / "old", issued_on="2020-01-01", expires_on="2020-06-30")
    old = build_pack(source, publisher[0], tmp_path / "old.shenbao-policy")
    plan = plan_install(trusted, old.read_bytes(), TODAY)
    assert any("政策数据已于 2020-06-30 过期，请获取更新" in w for w in plan.warnings)
    commit_install(trusted, plan)
    cat, _ = library(trusted)
    assert expiry_notices(cat, TODAY) == [
        "政策数据已于 2020-06-30 过期，请获取更新（政策包「示例市人工智能产业扶持办法（示例）」第 1 版）"
    ]
    assert expiry_notices(cat, dt.date(2020, 6, 30)) == []
    assert expiry_notices(shipped_catalogue(), TODAY) == []


def test_a_pack_file_changed_on_disk_is_left_out(trusted: Path, example_pack: Path) -> None:
    from shenbao.core.packs.library import packs_folder

    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    stored = next(packs_folder(trusted).glob("*.shenbao-policy"))
    stored.write_bytes(stored.read_bytes().replace(b"PK", b"PX", 1))
    cat, warnings = library(trusted)
    assert "sl2026.platform" not in cat.measures and "example-ai" in warnings[0]


def test_the_command_refuses_in_one_line_and_changes_nothing(
    tmp_path: Path, data_dir: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    members = members_of(example_pack.read_bytes())
    bad = tmp_path / "bad.shenbao-policy"
    bad.write_bytes(rezip({**members, "../evil.toml": b"x"}))
    before = folder_state(data_dir)
    for path, word in ((bad, "路径不安全"), (example_pack, "未受信任"), (tmp_path / "missing", "无法读取")):
        assert_refused(shenbao(data_dir, "policies", "install", str(path)), word)
        assert_refused(shenbao(data_dir, "policies", "install", str(path), "--dry-run"), word)
    assert_refused(shenbao(data_dir, "policies", "verify", str(bad)), "路径不安全")
    assert folder_state(data_dir) == before
    refused = shenbao(
        data_dir, "policies", "pack", str(tmp_path), "--key", str(publisher[0]), "--out", str(tmp_path / "x")
    )
    assert_refused(refused, "缺少 pack.toml")


def test_read_pack_does_not_trust_without_being_told(example_pack: Path) -> None:
    verified = read_pack(example_pack.read_bytes(), lambda digest: None, shipped_catalogue().documents)
    assert verified.trusted is None and verified.header.id == "example-ai"
    assert json.loads(json.dumps(verified.describe()))["version"] == 1


def test_a_member_not_in_utf8(
    trusted: Path, publisher: tuple[Path, Path], data_dir: Path, tmp_path: Path
) -> None:
    """A signed member in another encoding (GBK, as a Windows editor may save it) is refused in one line:
    the pack's data, its forms and a source folder alike."""
    gbk = "规则".encode("gbk") + b" = 1\n"
    refuse(
        trusted,
        signed_tree(EXAMPLE, publisher[0], lambda m: m.update({"measures/sl2026.toml": gbk})),
        "UTF-8",
    )
    form = "forms/sl2026.platform.toml"
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], lambda m: m.update({form: gbk})), "UTF-8")
    source = copy_source(tmp_path / "src")
    (source / "documents" / "sl2026.toml").write_bytes(gbk)
    refused = shenbao(
        data_dir, "policies", "pack", str(source), "--key", str(publisher[0]), "--out", str(tmp_path / "x")
    )
    assert_refused(refused, "UTF-8")
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            'params.rate = { values = { 2026-12-01 = "0.3" }',
            'params.rate = { values = { 2026-12-01 = "-0.3" }',
        ),
        (
            'params.cap = { values = { 2026-12-01 = "300000" }, reference = "sl2026 一" }',
            'params.cap = { values = { 2026-12-01 = "-300000" }, reference = "sl2026 一" }',
        ),
        ('["5000000", "300000"]', '["5000000", "-300000"]'),
    ],
)
def test_a_negative_amount_parameter(trusted: Path, publisher: tuple[Path, Path], old: str, new: str) -> None:
    """A rate, a cap or a tier's sum below zero would give a negative 可申报 amount and lower the headline."""
    refuse(
        trusted, signed_tree(EXAMPLE, publisher[0], replace_in("measures/sl2026.toml", old, new)), "不能为负"
    )


@pytest.mark.parametrize(
    ("member", "body"),
    [
        ("pack.toml", b"version = 1" + b"0" * 5000 + b"\n"),
        ("measures/sl2026.toml", b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("forms/sl2026.platform.toml", b"x = " + b"{a=" * 5000 + b"1" + b"}" * 5000 + b"\n"),
    ],
    ids=["a number of 5,000 digits", "arrays nested 100,000 deep", "tables nested 5,000 deep"],
)
def test_a_member_tomllib_cannot_hold(
    trusted: Path, publisher: tuple[Path, Path], member: str, body: bytes
) -> None:
    """A signed member that is TOML in form but beyond what the reader holds (an integer of more digits
    than Python converts, nesting deeper than its recursion) is refused in one line, not a traceback."""
    refuse(
        trusted, signed_tree(EXAMPLE, publisher[0], lambda m: m.update({member: body})), member.split("/")[-1]
    )


def test_dates_of_force_the_wrong_way_round(trusted: Path, publisher: tuple[Path, Path]) -> None:
    """A document in force until before it comes into force, or an `ends` that ends a document (here the
    shipped fj2025, in force from 2025-11-04) before it ever came into force, is refused: installed, it
    would take every measure of the document off the preview with nothing to say why."""
    reversed_doc = replace_in("documents/sl2026.toml", "in_force_to = 2028-12-31", "in_force_to = 2026-01-31")
    refuse(trusted, signed_tree(EXAMPLE, publisher[0], reversed_doc), "sl2026", "早于")

    def ends_fj2025(on: str) -> Callable[[dict[str, bytes]], None]:
        return lambda m: m.update(
            {"pack.toml": m["pack.toml"] + f'\n[[ends]]\ndocument = "fj2025"\non = {on}\n'.encode()}
        )

    refuse(trusted, signed_tree(EXAMPLE, publisher[0], ends_fj2025("0001-01-01")), "fj2025", "2025-11-04")
    plan_install(trusted, signed_tree(EXAMPLE, publisher[0], ends_fj2025("2025-11-03")), TODAY)


def test_a_pack_taken_over_by_another_trusted_publisher(
    tmp_path: Path, trusted: Path, example_pack: Path
) -> None:
    """Two publishers trusted (a city's bureau and a district's): a pack the first issued is not replaced
    by a higher version the second signs under the same id, which would also refuse every later version
    of the first as a rollback. A key replaced is told by no longer trusting the old one."""
    from .helpers import make_key, trust_in

    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    other_key, other_pub = make_key(tmp_path / "district", "区工信局")
    trust_in(trusted, other_pub)
    taken = build_pack(copy_source(tmp_path / "v9", version="9"), other_key, tmp_path / "v9.shenbao-policy")
    refuse(trusted, taken.read_bytes(), "example-ai", "另一把公钥", "示例发布者")
    assert [p.header.version for p in library(trusted)[0].packs] == [1]
    # The publisher's key replaced: once the old key is no longer trusted, its successor's version installs.
    from shenbao.core.packs.keys import untrust
    from shenbao.core.packs.library import packs_folder

    untrust(packs_folder(trusted), "示例发布者")
    commit_install(trusted, plan_install(trusted, taken.read_bytes(), TODAY))
    assert [p.header.version for p in library(trusted)[0].packs] == [9]


def test_a_plan_overtaken_before_it_is_installed(trusted: Path, example_pack: Path) -> None:
    """The window's table of changes is open while the same pack is installed from the command line:
    installing from the window then is refused, not recorded a second time (a later remove would delete
    the file the other record still names, and leave the pack off)."""
    from shenbao.core.packs.library import packs_folder, remove

    late = plan_install(trusted, example_pack.read_bytes(), TODAY)
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    before = folder_state(trusted)
    with pytest.raises(PackError, match="第 1 版已经安装，无需再次安装"):
        commit_install(trusted, late)
    assert folder_state(trusted) == before
    assert remove(trusted, "example-ai") is None
    assert library(trusted)[1] == [] and not list(packs_folder(trusted).glob("*.shenbao-policy"))


def test_a_plan_overtaken_by_other_content_of_its_version(
    tmp_path: Path, trusted: Path, publisher: tuple[Path, Path], example_pack: Path
) -> None:
    """The window shows the changes of a version 1 while another version 1 is installed from the command
    line: installing from the window says the two differ, not that it would go back."""
    other = copy_source(tmp_path / "v1b", title='"另一份第 1 版"')
    late = plan_install(trusted, build_pack(other, publisher[0], tmp_path / "v1b.p").read_bytes(), TODAY)
    commit_install(trusted, plan_install(trusted, example_pack.read_bytes(), TODAY))
    before = folder_state(trusted)
    with pytest.raises(PackError, match="第 1 版已经安装，而此文件的内容与之不同") as caught:
        commit_install(trusted, late)
    assert "回退" not in str(caught.value)
    assert folder_state(trusted) == before
