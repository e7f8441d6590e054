"""An export imports back whole, whatever order the store lists its enterprises in and whatever order the
codes are asked for: the store lists by name, a bundle keeps its members by code, and the check after
writing must not take one order for the other."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shenbao.cli import main
from shenbao.core.store import Store
from tests.store.factory import REPO, make_profile, make_uscc

DEMO = sorted((REPO / "resources" / "demo").glob("*.json"))


def shown(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    """`shenbao profiles show` of every stored enterprise, by code."""
    capsys.readouterr()
    assert main(["profiles", "list", "--format", "json", "--data-dir", str(folder)]) == 0
    codes = [row["uscc"] for row in json.loads(capsys.readouterr().out)]
    out = {}
    for code in codes:
        assert main(["profiles", "show", code, "--data-dir", str(folder)]) == 0
        out[code] = json.loads(capsys.readouterr().out)
    return out


def declarations(folder: Path) -> list[dict]:
    with Store.open(folder, daily_backup=False) as store:
        return [{"uscc": d.uscc, **d.to_dict()} for d in store.list_declarations()]


@pytest.mark.parametrize("passphrase", [False, True])
def test_the_demo_data_exports_to_a_bundle_and_imports_back_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, passphrase: bool
) -> None:
    monkeypatch.setenv("SHENBAO_BUNDLE_PASSPHRASE", "运输口令 2026")
    source, target, out = tmp_path / "a", tmp_path / "b", tmp_path / "x.shenbao"
    assert main(["import", *map(str, DEMO), "--data-dir", str(source)]) == 0
    listed = list(shown(source, capsys))
    assert listed != sorted(listed)  # the store's order (by name) is not the bundle's (by code)
    flag = "--passphrase" if passphrase else "--omit-sensitive"
    assert main(["export", "--out", str(out), flag, "--data-dir", str(source)]) == 0, capsys.readouterr().err
    assert main(["import", str(out), "--data-dir", str(target)]) == 0
    before, after = shown(source, capsys), shown(target, capsys)
    if passphrase:
        assert after == before
    else:
        assert after.keys() == before.keys()
        for code in before:
            assert after[code]["enterprise"]["name"] == before[code]["enterprise"]["name"]


def test_codes_asked_for_out_of_order_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "a", tmp_path / "some.shenbao"
    with Store.open(source) as store:
        for i in range(4):
            store.save_profile(make_profile(i, engineers=0))
    asked = [make_uscc(3), make_uscc(0), make_uscc(2)]
    assert (
        main(["export", "--out", str(out), "--uscc", *asked, "--omit-sensitive", "--data-dir", str(source)])
        == 0
    )
    assert main(["import", str(out), "--data-dir", str(tmp_path / "b")]) == 0
    assert set(shown(tmp_path / "b", capsys)) == set(asked)


profile_numbers = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=6, unique=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    numbers=profile_numbers,
    names=st.randoms(use_true_random=False),
    subset=st.data(),
    encrypted=st.booleans(),
)
def test_any_store_exported_in_any_order_imports_back_equal_in_full(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    numbers: list[int],
    names,
    subset: st.DataObject,
    encrypted: bool,
) -> None:
    monkeypatch.setenv("SHENBAO_BUNDLE_PASSPHRASE", "运输口令 2026")
    work = tmp_path_factory.mktemp("order")
    try:
        source, target, out = work / "a", work / "b", work / "x.shenbao"
        labels = [f"企业{n:03d}" for n in numbers]
        names.shuffle(labels)  # names, hence the listing, in an order unrelated to the codes
        with Store.open(source) as store:
            for n, label in zip(numbers, labels, strict=True):
                store.save_profile(make_profile(n, engineers=n % 3, name=label))
                if n % 2:
                    draft = store.save_draft(
                        make_uscc(n), "fj2025.compute_voucher", {"invoices": n}, page="p"
                    )
                    store.mark_ready(draft.id, preview={"results": []}, policy_version="v1")
        codes = subset.draw(
            st.permutations([make_uscc(n) for n in numbers]).flatmap(
                lambda p: st.integers(min_value=0, max_value=len(p)).map(lambda k: p[:k])
            )
        )
        args = ["export", "--out", str(out), "--data-dir", str(source)]
        args += ["--uscc", *codes] if codes else []
        args += ["--passphrase"] if encrypted else ["--omit-sensitive"]
        assert main(args) == 0, capsys.readouterr().err
        assert main(["import", str(out), "--data-dir", str(target)]) == 0, capsys.readouterr().err
        before, after = shown(source, capsys), shown(target, capsys)
        chosen = set(codes or before)
        if encrypted:
            assert after == {c: before[c] for c in chosen}
            assert declarations(target) == [d for d in declarations(source) if d["uscc"] in chosen]
        else:
            assert set(after) == chosen
            for code in chosen:
                public = json.loads(json.dumps(before[code]))
                public["enterprise"].pop("contact_phone", None)
                engineers = public["facts"].pop("core_engineers", None)
                if engineers is not None:
                    public["facts"].setdefault("core_engineer_count", len(engineers))
                assert after[code] == public
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_export_refuses_past_the_limits_import_applies_naming_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.core.store import bundle

    source, out = tmp_path / "a", tmp_path / "three.shenbao"
    with Store.open(source) as store:
        for i in range(3):
            store.save_profile(make_profile(i, engineers=0))
    assert main(["export", "--out", str(out), "--omit-sensitive", "--data-dir", str(source)]) == 0
    monkeypatch.setattr(bundle, "MAX_ENTERPRISES", 2)
    monkeypatch.setattr(bundle, "MAX_MEMBERS", 5)
    capsys.readouterr()
    assert main(["import", str(out), "--data-dir", str(tmp_path / "b")]) == 2
    assert "成员过多" in capsys.readouterr().err
    again = tmp_path / "again.shenbao"
    assert main(["export", "--out", str(again), "--omit-sensitive", "--data-dir", str(source)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(again) in line and "企业过多" in line and ".part" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "three.shenbao"]
    monkeypatch.setattr(bundle, "MAX_ENTERPRISES", 3)
    monkeypatch.setattr(bundle, "MAX_MEMBER", 200)
    assert main(["export", "--out", str(again), "--omit-sensitive", "--data-dir", str(source)]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(again) in line and "过大" in line and ".part" not in line


def test_a_manifest_larger_than_a_profile_may_be_still_exports_and_imports_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """manifest.json grows by each enterprise's digests and record (about 350 bytes): at 46,000 it passed
    the 16 MB a profile may take and every export of a larger park failed its check after writing. Here
    the profile limit is made small instead of the park large."""
    import zipfile

    from shenbao.core.store import bundle

    source, out = tmp_path / "a", tmp_path / "park.shenbao"
    with Store.open(source) as store:
        for i in range(40):
            store.save_profile(make_profile(i, engineers=0))
    probe = tmp_path / "probe.shenbao"
    assert main(["export", "--out", str(probe), "--omit-sensitive", "--data-dir", str(source)]) == 0
    with zipfile.ZipFile(probe) as archive:
        manifest = archive.getinfo("manifest.json").file_size
        largest = max(i.file_size for i in archive.infolist() if i.filename != "manifest.json")
    per_enterprise = manifest / 40
    assert per_enterprise * bundle.MAX_ENTERPRISES < bundle.MAX_MANIFEST  # the largest park allowed fits
    assert largest < manifest
    monkeypatch.setattr(bundle, "MAX_MEMBER", largest + 1)
    assert main(["export", "--out", str(out), "--omit-sensitive", "--data-dir", str(source)]) == 0
    assert main(["import", str(out), "--data-dir", str(tmp_path / "b")]) == 0
    assert main(["import", str(probe), "--data-dir", str(tmp_path / "p")]) == 0
    imported = shown(tmp_path / "b", capsys)
    assert len(imported) == 40 and imported == shown(tmp_path / "p", capsys)
    monkeypatch.setattr(bundle, "MAX_MANIFEST", manifest - 1)  # and the manifest still has a bound
    capsys.readouterr()
    assert main(["import", str(out), "--data-dir", str(tmp_path / "c")]) == 2
    assert "manifest.json" in capsys.readouterr().err
