"""Bundles and park tables in and out of the store, on real files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.core.store import Store, StoreError
from shenbao.core.store.bundle import BundleError, _zip, pack, read_bundle
from shenbao.core.store.tables import TableError
from shenbao.core.store.transfer import export_bundle, import_into, read_sources
from tests.store.factory import make_profile, make_uscc


def no_passphrase() -> str | None:
    return None


def fill(folder: Path, count: int, *, engineers: int = 2) -> list[dict]:
    docs = [make_profile(i, engineers=engineers) for i in range(count)]
    with Store.open(folder) as store:
        for doc in docs:
            store.save_profile(doc)
        first = store.save_draft(make_uscc(0), "fj2025.compute_voucher", {"invoices": 3}, page="invoices")
        store.mark_ready(first.id, preview={"results": [{"status": "eligible"}]}, policy_version="v1")
    return docs


def snapshot(folder: Path) -> tuple[list[dict], list[dict]]:
    with Store.open(folder, daily_backup=False) as store:
        codes = [r.uscc for r in store.list_enterprises()]
        return [store.get_profile(c) for c in codes], [d.to_dict() for d in store.list_declarations()]


def test_a_round_trip_through_a_bundle_keeps_every_profile_identical(tmp_path: Path) -> None:
    fill(tmp_path / "a", 6)
    out = tmp_path / "all.shenbao"
    with Store.open(tmp_path / "a") as store:
        with pytest.raises(StoreError, match="--passphrase"):
            export_bundle(store, out)
        assert not out.exists()
        assert export_bundle(store, out, passphrase="运输口令 2026") == 6
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert b"350102" not in out.read_bytes()
    with Store.open(tmp_path / "b") as store:
        report = import_into(store, read_sources([out], lambda: "运输口令 2026"))
    assert (len(report.added), report.declarations) == (6, 1)
    assert snapshot(tmp_path / "b") == snapshot(tmp_path / "a")


def test_a_wrong_bundle_passphrase_is_refused(tmp_path: Path) -> None:
    fill(tmp_path / "a", 1)
    with Store.open(tmp_path / "a") as store:
        export_bundle(store, tmp_path / "x.shenbao", passphrase="right one")
    with pytest.raises(BundleError, match="口令不正确"):
        read_sources([tmp_path / "x.shenbao"], lambda: "wrong one")
    with pytest.raises(BundleError, match="需要口令"):
        read_sources([tmp_path / "x.shenbao"], no_passphrase)


def test_a_plain_bundle_can_leave_the_sensitive_fields_out(tmp_path: Path) -> None:
    fill(tmp_path / "a", 2)
    out = tmp_path / "public.shenbao"
    with Store.open(tmp_path / "a") as store:
        export_bundle(store, out, [make_uscc(1)], omit_sensitive=True)
    (entry,) = read_bundle(out, no_passphrase)
    facts = entry.profile.to_dict()["facts"]
    assert "core_engineers" not in facts and facts["core_engineer_count"] == 2
    assert "contact_phone" not in entry.profile.to_dict()["enterprise"]


def test_a_plain_bundle_replacing_stored_enterprises_keeps_what_it_left_out(tmp_path: Path) -> None:
    """A plain bundle cannot carry 身份证号 or phones: over the stored enterprise, their absence keeps the
    stored roster and phone. An encrypted bundle carries them, so there their absence removes them."""
    fill(tmp_path / "a", 2)
    with Store.open(tmp_path / "a") as store:
        export_bundle(store, tmp_path / "public.shenbao", omit_sensitive=True)
        kept = [store.get_profile(make_uscc(i)) for i in range(2)]
        assert kept[1]["enterprise"]["contact_phone"] and len(kept[1]["facts"]["core_engineers"]) == 2
        import_into(store, read_sources([tmp_path / "public.shenbao"], no_passphrase), "replace")
        assert [store.get_profile(make_uscc(i)) for i in range(2)] == kept

        bare = make_profile(1, engineers=0)
        del bare["enterprise"]["contact_phone"]
        store.save_profile(bare)
        export_bundle(store, tmp_path / "sealed.shenbao", [make_uscc(1)], passphrase="运输口令 2026")
        store.save_profile(kept[1])
        import_into(store, read_sources([tmp_path / "sealed.shenbao"], lambda: "运输口令 2026"), "replace")
        after = store.get_profile(make_uscc(1))
        assert "contact_phone" not in after["enterprise"] and "core_engineers" not in after["facts"]


def test_planning_a_plain_bundle_over_the_stored_enterprise_leaves_the_bundle_as_read(tmp_path: Path) -> None:
    """Planning put the stored roster back into the bundle's own profile and took its engineer count out,
    so what was compared next (the declarations it carries) was compared with another profile than the
    bundle's, and the plan made again before writing started from it."""
    from shenbao.core.store.imports import plan_import

    fill(tmp_path / "a", 1)
    with Store.open(tmp_path / "a") as store:
        export_bundle(store, tmp_path / "public.shenbao", omit_sensitive=True)
        (incoming,) = read_sources([tmp_path / "public.shenbao"], no_passphrase)
        read = json.dumps(incoming.profile.raw, ensure_ascii=False, sort_keys=True)
        (entry,) = plan_import(store, [incoming]).entries
        assert json.dumps(incoming.profile.raw, ensure_ascii=False, sort_keys=True) == read
        assert len(entry.profile.raw["facts"]["core_engineers"]) == 2


def test_an_encrypted_bundle_asked_to_omit_the_sensitive_fields_omits_them(tmp_path: Path) -> None:
    """export --passphrase --omit-sensitive wrote every 身份证号 and phone into the bundle: the omission was
    applied to plain bundles only. Asked, they are left out of an encrypted one too (the roster's number
    kept), and the bundle says so inside: over the stored enterprise their absence keeps what is stored,
    as a plain bundle's does."""
    fill(tmp_path / "a", 2)
    sealed = tmp_path / "给顾问.shenbao"
    with Store.open(tmp_path / "a") as store:
        kept = store.get_profile(make_uscc(1))
        export_bundle(store, sealed, passphrase="运输口令 2026", omit_sensitive=True)
        (entry, _other) = sorted(
            read_bundle(sealed, lambda: "运输口令 2026"), key=lambda e: e.profile.uscc != make_uscc(1)
        )
        document = entry.profile.to_dict()
        assert entry.authenticated and entry.withheld
        assert "core_engineers" not in document["facts"] and document["facts"]["core_engineer_count"] == 2
        assert "contact_phone" not in document["enterprise"]
        import_into(store, read_sources([sealed], lambda: "运输口令 2026"), "replace")
        assert store.get_profile(make_uscc(1)) == kept
    with Store.open(tmp_path / "b") as other:
        import_into(other, read_sources([sealed], lambda: "运输口令 2026"), None)
        there = other.get_profile(make_uscc(1))
    assert "contact_phone" not in there["enterprise"] and there["facts"]["core_engineer_count"] == 2


def test_every_flipped_byte_of_a_bundle_is_refused_with_nothing_changed(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "src"
    fill(source, 1, engineers=0)
    with Store.open(source) as store:
        export_bundle(store, tmp_path / "small.shenbao", omit_sensitive=True)
    good = (tmp_path / "small.shenbao").read_bytes()
    bad = tmp_path / "bad.shenbao"
    for i in range(len(good)):
        flipped = bytearray(good)
        flipped[i] ^= 0x5A
        bad.write_bytes(bytes(flipped))
        assert main(["import", str(bad)]) == 2, f"byte {i} flipped was let in"
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("shenbao: ")
    with Store.open(data_dir) as store:
        assert store.count_enterprises() == 0
    bad.write_bytes(good)
    assert main(["import", str(bad)]) == 0
    (entry,) = read_bundle(bad, no_passphrase)
    expected = {k: v for k, v in entry.profile.to_dict().items() if k != "format"}
    assert snapshot(data_dir)[0] == [expected]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"PK\x03\x04" + b"\0" * 200, "不是申报助手数据包"),
        (b'{"not": "a bundle"}' * 10, "不是申报助手数据包"),
    ],
)
def test_empty_and_foreign_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.shenbao"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        read_sources([path], no_passphrase)


def test_a_truncated_bundle_or_a_foreign_zip_is_refused(tmp_path: Path) -> None:
    whole = pack([(make_profile(1, engineers=0), [])])
    for size in (len(whole) // 2, len(whole) - 1, 30):
        (tmp_path / "t.shenbao").write_bytes(whole[:size])
        with pytest.raises(BundleError):
            read_sources([tmp_path / "t.shenbao"], no_passphrase)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("profiles/x.json", "{}")
    (tmp_path / "f.shenbao").write_bytes(buf.getvalue())
    with pytest.raises(BundleError, match="不是申报助手数据包"):
        read_sources([tmp_path / "f.shenbao"], no_passphrase)


def _signed(members: dict[str, bytes], *, link: str | None = None) -> bytes:
    """A bundle with a correct checksum and manifest, but members of our choosing."""
    data = _zip(members, {"format": "shenbao-bundle/1", "encrypted": None})
    if link is None:
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        dst.comment = src.comment
        for info in src.infolist():
            if info.filename == link:
                info.external_attr = 0o120777 << 16
            dst.writestr(info, src.read(info))
    data = buf.getvalue()
    return data[:-64] + hashlib.sha256(data[:-86]).hexdigest().encode()


@pytest.mark.parametrize(
    ("members", "link", "message"),
    [
        ({"../profiles/x.json": b"{}"}, None, "路径不安全"),
        ({"/etc/passwd": b"x"}, None, "路径不安全"),
        ({"other.txt": b"x"}, None, "不属于数据包"),
        ({f"profiles/{make_uscc(1)}.json": b"{}"}, f"profiles/{make_uscc(1)}.json", "路径不安全"),
        ({f"profiles/{make_uscc(1)}.json": b" " * (17 * 1024 * 1024)}, None, "过大"),
        ({}, None, "没有企业档案"),
    ],
)
def test_unsafe_members_are_refused_before_anything_is_read(
    tmp_path: Path, members: dict[str, bytes], link: str | None, message: str
) -> None:
    path = tmp_path / "evil.shenbao"
    path.write_bytes(_signed(members, link=link))
    with pytest.raises(BundleError, match=message):
        read_sources([path], no_passphrase)


def test_a_conflict_is_refused_by_default_then_kept_or_replaced(tmp_path: Path, data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_profile(make_profile(1, name="已有的名称"))
        renamed = make_profile(1, name="导入的名称")
        (tmp_path / "one.json").write_text(json.dumps(renamed, ensure_ascii=False), encoding="utf-8")
        (tmp_path / "two.json").write_text(json.dumps(make_profile(2)), encoding="utf-8")
        incoming = read_sources([tmp_path / "one.json", tmp_path / "two.json"], no_passphrase)
        with pytest.raises(StoreError, match=f"{make_uscc(1)}（导入的名称）"):
            import_into(store, incoming)
        assert store.count_enterprises() == 1
        assert import_into(store, incoming, "keep").kept == [make_uscc(1)]
        assert store.get_profile(make_uscc(1))["enterprise"]["name"] == "已有的名称"
        replaced = import_into(store, incoming, "replace")
        assert (replaced.replaced, replaced.unchanged) == ([make_uscc(1)], [make_uscc(2)])  # 2 as stored
        assert store.get_profile(make_uscc(1))["enterprise"]["name"] == "导入的名称"


def test_one_bad_file_lets_none_of_the_others_in(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "good.json").write_text(json.dumps(make_profile(1)), encoding="utf-8")
    broken = make_profile(2)
    broken["facts"]["compute_purchase_amount"] = -5
    (tmp_path / "bad.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(StoreError, match="facts.compute_purchase_amount"):
        read_sources([tmp_path / "good.json", tmp_path / "bad.json"], no_passphrase)
    twice = make_profile(1, name="另一个名字")
    (tmp_path / "twice.json").write_text(json.dumps(twice), encoding="utf-8")
    with pytest.raises(StoreError, match="出现两次"):
        read_sources([tmp_path / "good.json", tmp_path / "twice.json"], no_passphrase)


def test_a_park_table_with_chinese_headers_imports(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "park.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "企业（单位）名称",
                "统一社会信用代码",
                "注册地（区县）",
                "人工智能企业",
                "年度购买算力服务总额（元）",
                "自主芯片算力标称值占比",
                "认定情况",
            ]
        )
        writer.writerow(
            ["园区甲公司", make_uscc(1), "鼓楼区", "是", "1,250,000", "0.4", "省级新型研发机构:2024-07-01"]
        )
        writer.writerow(["园区乙公司", make_uscc(2).lower(), "", "否", "", "", ""])
    with Store.open(data_dir) as store:
        import_into(store, read_sources([path], no_passphrase))
        first = store.get_profile(make_uscc(1))
        assert store.get_profile(make_uscc(2))["enterprise"]["is_ai_enterprise"] is False
    assert first["enterprise"]["recognitions"] == [
        {"kind": "provincial_new_rd_institution", "date": "2024-07-01"}
    ]
    assert first["facts"] == {"compute_purchase_amount": 1250000, "infra_domestic_chip_ratio": 0.4}


def test_an_xlsx_with_interchange_names_imports_and_errors_name_row_and_column(
    tmp_path: Path, data_dir: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "uscc", "facts.compute_subsidy_year_index", "established_on"])
    sheet.append(["表格企业", make_uscc(3), 2, None])
    sheet.append(["坏行企业", "913501000000000000", 0, "not a date"])
    sheet.append(["无代码企业", None, 1, None])
    sheet.append(["布尔企业", make_uscc(4), "很多", None])
    path = tmp_path / "park.xlsx"
    book.save(path)
    with pytest.raises(TableError) as err:
        read_sources([path], no_passphrase)
    rows = {(r, c) for r, c, _ in err.value.errors}
    assert rows == {
        (3, "uscc"),
        (3, "facts.compute_subsidy_year_index"),
        (3, "established_on"),
        (4, "uscc"),
        (5, "facts.compute_subsidy_year_index"),
    }  # a missing code names its column
    assert "第 3 行「uscc」" in str(err.value)
    del sheet
    book = Workbook()
    book.active.append(["name", "uscc", "facts.compute_subsidy_year_index"])
    book.active.append(["表格企业", make_uscc(3), 2])
    book.save(path)
    with Store.open(data_dir) as store:
        import_into(store, read_sources([path], no_passphrase))
        assert store.get_profile(make_uscc(3))["facts"] == {"compute_subsidy_year_index": 2}


def test_an_unknown_header_or_empty_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("企业名称,代码\n甲,1\n", encoding="utf-8")
    with pytest.raises(StoreError, match="表头「企业名称」"):
        read_sources([tmp_path / "a.csv"], no_passphrase)
    (tmp_path / "b.csv").write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="表格为空"):
        read_sources([tmp_path / "b.csv"], no_passphrase)


def table_fields(doc: dict) -> dict:
    """What a flat table can hold of a profile: the enterprise's and the facts' own fields."""
    from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS

    enterprise = {k: v for k, v in doc["enterprise"].items() if k in ENTERPRISE_FIELDS or k == "recognitions"}
    facts = {k: v for k, v in doc["facts"].items() if k in FACT_FIELDS}
    return {"enterprise": enterprise, "facts": facts}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_park_table_imports_back_unchanged_without_secrets(tmp_path: Path, suffix: str) -> None:
    from shenbao.core.store.transfer import export_table

    docs = fill(tmp_path / "a", 4)
    for i, doc in enumerate(docs):  # every kind of cell: money, ratio, bool, date, recognitions, text
        doc["enterprise"].update(is_ai_enterprise=i % 2 == 0, established_on=f"2019-03-0{i + 1}")
        doc["facts"]["infra_domestic_chip_ratio"] = 0.125 * i
    with Store.open(tmp_path / "a") as store:
        for doc in docs:
            store.save_profile(doc)
    out = tmp_path / f"park{suffix}"
    with Store.open(tmp_path / "a") as store:
        assert export_table(store, out) == 4
        stored = [store.get_profile(make_uscc(i)) for i in range(4)]
    raw = out.read_bytes()
    assert b"350102" not in raw and b"1380013" not in raw  # no ID number, no phone
    with Store.open(tmp_path / "b") as store:
        report = import_into(store, read_sources([out], no_passphrase))
        assert len(report.added) == 4
        back = [store.get_profile(make_uscc(i)) for i in range(4)]
    for before, after in zip(stored, back, strict=True):
        expected = table_fields(before)
        expected["enterprise"].pop("contact_phone", None)
        expected["facts"]["core_engineer_count"] = len(before["facts"]["core_engineers"])
        expected["facts"]["ai_product_count"] = len(before["facts"]["ai_products"])  # the list's number
        assert table_fields(after) == expected


def test_a_table_export_refuses_other_suffixes_and_unknown_codes(tmp_path: Path) -> None:
    from shenbao.core.store.transfer import export_table

    fill(tmp_path / "a", 1)
    with Store.open(tmp_path / "a") as store:
        with pytest.raises(StoreError, match=r"\.csv 或 \.xlsx"):
            export_table(store, tmp_path / "park.txt")
        with pytest.raises(StoreError, match=f"^没有统一社会信用代码为 {make_uscc(9)} 的企业$"):
            export_table(store, tmp_path / "park.csv", [make_uscc(9)])
        with pytest.raises(
            StoreError, match=f"没有这些统一社会信用代码的企业：{make_uscc(8)}、{make_uscc(9)}"
        ):
            export_table(store, tmp_path / "park.csv", [make_uscc(8), make_uscc(9)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]  # nothing half-written


def test_the_command_exports_a_table_and_refuses_to_encrypt_one(
    tmp_path: Path, data_dir: Path, capsys
) -> None:
    fill(data_dir, 2)
    out = tmp_path / "park.xlsx"
    assert main(["export", "--out", str(out)]) == 0
    assert "2 家企业" in capsys.readouterr().err
    assert main(["import", str(out), "--data-dir", str(tmp_path / "b")]) == 0
    with Store.open(tmp_path / "b") as store:
        assert [r.uscc for r in store.list_enterprises()] == [make_uscc(0), make_uscc(1)]
    capsys.readouterr()
    assert main(["export", "--out", str(tmp_path / "x.csv"), "--passphrase"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err] and "表格不能加密" in err
    assert not (tmp_path / "x.csv").exists()


def test_a_plain_export_refused_for_sensitive_fields_names_every_enterprise_holding_them(
    tmp_path: Path,
) -> None:
    """Refused, a plain export named only the first enterprise with an ID number or a phone: a park's
    staff fixing one met the next at each try."""
    fill(tmp_path / "a", 3)
    with Store.open(tmp_path / "a") as store, pytest.raises(StoreError) as refused:
        export_bundle(store, tmp_path / "x.shenbao")
    assert str(refused.value).startswith(
        "、".join(make_uscc(i) for i in range(3)) + " 含身份证号或联系电话等敏感信息"
    )
    assert not (tmp_path / "x.shenbao").exists()


def test_a_table_export_is_not_refused_for_a_profile_a_later_check_refuses(tmp_path: Path) -> None:
    """A profile stored before a check refused it (an invoice listed twice) is written as stored, without
    the total its list would give: the park's table is exported, not refused for one tenant."""
    import json as _json

    from shenbao.core.model import parse_profile
    from shenbao.core.store import Store
    from shenbao.core.store.transfer import export_table

    row = {"supplier": "福州算力云", "invoice_no": "1", "date": "2026-01-15", "amount": 60000}
    doc = {"enterprise": {"name": "福州甲科技有限公司", "uscc": "913501044C12H3B168"}, "facts": {}}
    with Store.open(tmp_path / "d", daily_backup=False) as store:
        doc["facts"]["compute_invoices"] = [row]
        store.save_profile(parse_profile(doc, require_uscc=True))
        store.conn.execute(
            "UPDATE facts SET value = ? WHERE key = 'compute_invoices'", [_json.dumps([row, row])]
        )
        out = tmp_path / "园区.csv"
        export_table(store, out)
    text = out.read_text(encoding="utf-8-sig")
    assert "福州甲科技有限公司" in text and "120000" not in text
