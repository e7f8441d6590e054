"""A park table as staff type it, through the real `shenbao import`: what the table holds is either
stored or named on standard error, never left out without a word."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


def stored(data_dir: Path) -> list[str]:
    listed = shenbao(data_dir, "profiles", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return [row["uscc"] for row in json.loads(listed.stdout)]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in book.active.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # typed as '=甲公司: text, as a spreadsheet keeps it
                cell.data_type = "s"
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_cell_under_no_header_refuses_the_table_naming_it(
    tmp_path: Path, data_dir: Path, suffix: str, dry_run: bool
) -> None:
    """A purchase total typed in a column whose header was left blank (or to the right of the last
    header) is not one of the profile's fields: importing the rest as if the table were complete loses
    it without a word. The import is refused naming the row, the column and the cell."""
    header = ["企业（单位）名称", "统一社会信用代码", "", "从业人数"]
    rows = [
        header,
        ["甲公司", make_uscc(1), "", "12"],
        ["乙公司", make_uscc(2), "120万", "8", "备注：已搬迁"],
    ]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".csv":
        table.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    else:
        write_xlsx(table, [[c or None for c in r] for r in rows])
    run = shenbao(data_dir, "import", str(table), *(["--dry-run"] if dry_run else []))
    assert_refused(run, table.name, "第 3 行", "第 3 列（C 列）", "120万", "没有表头")
    assert stored(data_dir) == []


def test_a_dry_run_of_a_long_table_shows_its_bad_rows_before_the_rows_it_would_add(
    tmp_path: Path, data_dir: Path
) -> None:
    """Thirty tenants and two bad rows: the preview lists twenty lines and puts the rest in a file. The
    bad rows, which decide whether the table imports at all, are among the lines shown, and the last
    line says that without --skip-bad-rows nothing would be imported."""
    rows = ["企业（单位）名称,统一社会信用代码"]
    rows += [f"租户{i:02d}有限公司,{make_uscc(100 + i)}" for i in range(30)]
    rows += [f"租户05有限公司,{make_uscc(105)}", "坏代码有限公司,91350100000000000X"]
    table = tmp_path / "园区.csv"
    table.write_text("\n".join(rows) + "\n", encoding="gbk")
    run = shenbao(data_dir, "import", str(table), "--dry-run")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert lines[0] == "预览：新增 30 家，更新 0 家，不变 0 家，有错误的 2 行"
    assert "第 32 行「统一社会信用代码」：与第 7 行重复" in lines[1]
    assert "第 33 行「统一社会信用代码」：格式或校验码不符" in lines[2]
    assert lines[-1].startswith("shenbao: ") and "--skip-bad-rows" in lines[-1]
    assert stored(data_dir) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_code_a_spreadsheet_turned_into_a_number_is_refused_saying_so(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """A code of eighteen digits typed into a spreadsheet becomes a number, its last digits lost: the
    cell holds 9.13501000000005e+17, or the CSV it saves 9.13501E+17. The refusal says what happened and
    what to do, not only that the code's check character is wrong."""
    code = "913501000000005037"  # eighteen digits, a valid code
    table = tmp_path / f"园区{suffix}"
    if suffix == ".csv":
        table.write_text("企业（单位）名称,统一社会信用代码\n甲公司,9.13501E+17\n", encoding="gbk")
    else:
        write_xlsx(table, [["企业（单位）名称", "统一社会信用代码"], ["甲公司", float(code)]])
    run = shenbao(data_dir, "import", str(table))
    assert_refused(run, "第 2 行「统一社会信用代码」", "存成了数字", "文本")
    assert stored(data_dir) == []


def test_removing_a_tenant_backs_up_first_and_says_what_went_with_it(tmp_path: Path, data_dir: Path) -> None:
    """`profiles rm` takes the enterprise's declarations and the payments recorded on them. As in the
    app, a backup is made first (today's first one was made before the day's work), and the line says
    how many declarations went and where the backup is; restoring it brings them back."""
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    out = tmp_path / "申报书.pdf"
    rendered = shenbao(
        data_dir, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(out)
    )
    assert rendered.returncode == 0, rendered.stderr
    for state in ("submitted", "accepted"):
        assert shenbao(data_dir, "declarations", "set-state", "1", state).returncode == 0
    before = shenbao(data_dir, "declarations", "list", "--format", "json").stdout

    removed = shenbao(data_dir, "profiles", "rm", make_uscc(1))
    assert removed.returncode == 0, removed.stderr
    (line,) = removed.stderr.splitlines()
    assert f"已删除 {make_uscc(1)}" in line and "1 份申报" in line
    backup = Path(line.split("删除前的备份：")[1].split("（")[0])
    assert backup.is_file() and "before-delete" in backup.name
    assert stored(data_dir) == []

    assert shenbao(data_dir, "restore", str(backup)).returncode == 0
    assert stored(data_dir) == [make_uscc(1)]
    assert shenbao(data_dir, "declarations", "list", "--format", "json").stdout == before


def test_removing_a_code_not_stored_makes_no_backup(data_dir: Path) -> None:
    assert_refused(shenbao(data_dir, "profiles", "rm", make_uscc(3)), make_uscc(3))
    assert [p.name for p in (data_dir / "backups").glob("*before-delete*")] == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_new_user_gets_a_blank_table_to_fill_and_it_imports(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """From an empty data folder there is nothing to export, and no help text lists the headers a table
    needs: `export --template` writes a table with every header and no row, which imports once filled."""
    template = tmp_path / f"园区模板{suffix}"
    made = shenbao(data_dir, "export", "--template", "--out", str(template))
    assert made.returncode == 0, made.stderr
    if suffix == ".csv":
        import csv

        header = next(csv.reader(template.read_text(encoding="utf-8-sig").splitlines()))
    else:
        from openpyxl import load_workbook

        header = [c.value for c in next(load_workbook(template).active.iter_rows())]
    assert header[:2] == ["企业（单位）名称", "统一社会信用代码"]
    assert {"从业人数", "年度购买算力服务总额（元）", "认定情况", "联系电话"} <= set(header)
    assert_refused(shenbao(data_dir, "import", str(template)), "表格中没有企业")

    row = {"企业（单位）名称": "=甲公司", "统一社会信用代码": make_uscc(1).lower(), "从业人数": "12人"}
    row["年度购买算力服务总额（元）"] = "￥3.5万"
    filled = tmp_path / f"填好的{suffix}"
    cells = [[*header], [row.get(h, "") for h in header]]
    if suffix == ".csv":
        filled.write_text("\n".join(",".join(r) for r in cells) + "\n", encoding="gbk")
    else:
        write_xlsx(filled, [[c or None for c in r] for r in cells])
    done = shenbao(data_dir, "import", str(filled))
    assert done.returncode == 0, done.stderr
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["enterprise"]["name"] == "=甲公司" and shown["enterprise"]["employees"] == 12
    assert shown["facts"]["compute_purchase_amount"] == 35000


def test_a_header_spelt_otherwise_is_refused_with_the_label_meant_and_the_template(
    tmp_path: Path, data_dir: Path
) -> None:
    table = tmp_path / "园区.csv"
    table.write_text(f"企业名称,统一社会信用代码\n甲公司,{make_uscc(1)}\n", encoding="gbk")
    assert_refused(
        shenbao(data_dir, "import", str(table)), "「企业名称」", "「企业（单位）名称」", "export --template"
    )


def test_headers_typed_in_the_other_width_name_the_same_columns(tmp_path: Path, data_dir: Path) -> None:
    """Park staff type the template's labels again with half-width brackets and commas, or with the
    input method's full-width letters and digits; 「企业(单位)名称」 was refused as no known field. They
    are read as the template's labels; a name the template does not have is still refused."""
    header = '企业(单位)名称, 统一社会信用代码 ,注册地(区县),"算力标称值(P,按ＦＰ１６计)",年度购买算力服务总额（元）'
    table = tmp_path / "园区.csv"
    table.write_text(f"{header}\n=甲公司,{make_uscc(1)},鼓楼区,120,250000\n", encoding="gbk")
    done = shenbao(data_dir, "import", str(table))
    assert done.returncode == 0, done.stderr
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["enterprise"]["name"] == "=甲公司" and shown["enterprise"]["district"] == "鼓楼区"
    assert shown["facts"]["infra_pflops_nominal"] == 120
    assert shown["facts"]["compute_purchase_amount"] == 250000

    twice = tmp_path / "两列.csv"
    twice.write_text(
        f"企业(单位)名称,企业（单位）名称,统一社会信用代码\n甲,甲,{make_uscc(2)}\n", encoding="gbk"
    )
    assert_refused(shenbao(data_dir, "import", str(twice)), "表头")
    assert stored(data_dir) == [make_uscc(1)]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_title_above_the_header_and_a_column_of_row_numbers_are_passed_over(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """Park lists are headed by a title (merged across the columns in a sheet; one cell and commas in
    its CSV) and often a blank line, and number their rows in a 序号 column. Such a table was refused as
    「第 1 行表头「鼓楼园区2026年入驻企业名单」不是已知的字段名」, and a 序号 column as an unknown header.
    The header is found below the title, the rows are named by their own numbers in the sheet, and a
    column named in no header still stops the table, pointing at the header's row."""
    from openpyxl import Workbook

    header = ["序号", "企业（单位）名称", "统一社会信用代码", "年度购买算力服务总额（元）"]
    rows: list[list[object]] = [
        ["鼓楼园区2026年入驻企业名单", None, None, None],
        [None, None, None, None],
        header,
        [1, "=甲公司", make_uscc(1), 250000],
        [2, "乙公司", make_uscc(2), "二十五万"],
        [3, "丙公司", make_uscc(3), 120000],
    ]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.active["B4"].data_type = "s"  # =甲公司 typed as text
        book.active.merge_cells("A1:D1")
        book.save(table)
    else:
        lines = [",".join("" if v is None else str(v) for v in row) for row in rows]
        table.write_text("\n".join(lines) + "\n", encoding="gbk")

    refused = shenbao(data_dir, "import", str(table))
    assert_refused(refused, "第 5 行", "年度购买算力服务总额（元）", "二十五万")
    done = shenbao(data_dir, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "新增 2 家" in done.stderr and "跳过有错误的 1 行" in done.stderr
    assert sorted(stored(data_dir)) == sorted([make_uscc(1), make_uscc(3)])
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["enterprise"]["name"] == "=甲公司" and shown["facts"]["compute_purchase_amount"] == 250000

    stray = tmp_path / f"多一列{suffix}"
    rows[3] = [*rows[3][:4], "备注：已入驻"]
    if suffix == ".xlsx":
        write_xlsx(stray, rows)
    else:
        stray.write_text(
            "\n".join(",".join("" if v is None else str(v) for v in r) for r in rows), encoding="gbk"
        )
    assert_refused(shenbao(data_dir, "import", str(stray)), "第 4 行第 5 列", "请在第 3 行写上")


def test_a_title_without_a_header_below_is_refused_as_the_first_row(tmp_path: Path, data_dir: Path) -> None:
    table = tmp_path / "名单.csv"
    table.write_text("鼓楼园区企业名单\n企业（单位）名称,注册地（区县）\n甲公司,鼓楼区\n", encoding="gbk")
    assert_refused(shenbao(data_dir, "import", str(table)), "第 1 行表头「鼓楼园区企业名单」")
    assert stored(data_dir) == []


TWO_ROW_HEADERS = {
    # a row naming the groups of columns over the labels, below a title
    "groups": [
        ["鼓楼园区2026年入驻企业信息表", None, None, None, None],
        ["基本信息", None, None, "经营情况", None],
        ["企业（单位）名称", "统一社会信用代码", "成立日期", "从业人数", "年度购买算力服务总额（元）"],
    ],
    # the key columns' labels merged down both rows, the others below their group's name
    "merged": [
        ["序号", "企业（单位）名称", "统一社会信用代码", "基本信息", "经营情况", None],
        [None, None, None, "成立日期", "从业人数", "年度购买算力服务总额（元）"],
    ],
}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("kind", list(TWO_ROW_HEADERS))
def test_a_header_of_two_rows_is_read_as_one(tmp_path: Path, data_dir: Path, suffix: str, kind: str) -> None:
    """Park lists group their columns under a second header row (基本信息, 经营情况), merged across the
    group's columns, with the labels that have no group merged down both rows. Such a table was refused
    as 「第 1 行表头「鼓楼园区2026年入驻企业信息表」不是已知的字段名」 (or 「基本信息」), though every
    label it needs is there. The two rows are read as one header; the rows below are named by their
    own numbers in the sheet, and a header row of a label over another is still refused."""
    header = TWO_ROW_HEADERS[kind]
    pad = [None] if kind == "merged" else []  # the 序号 column
    body: list[list[object]] = [
        [*([1] if pad else []), "甲公司", make_uscc(1), "2019/3/1", "12人", "25万"],
        [*([2] if pad else []), "乙公司", make_uscc(2), "2020年1月1日", "三十多", "150000"],
        [*([3] if pad else []), "丙公司", make_uscc(3), "2021.5.6", "8", "￥120,000"],
    ]
    rows = [*header, *body]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        write_xlsx(table, rows)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    bad_row = len(header) + 2

    assert_refused(shenbao(data_dir, "import", str(table)), f"第 {bad_row} 行", "从业人数", "三十多")
    done = shenbao(data_dir, "import", str(table), "--skip-bad-rows")
    assert done.returncode == 0, done.stderr
    assert "新增 2 家" in done.stderr and "跳过有错误的 1 行" in done.stderr
    assert sorted(stored(data_dir)) == sorted([make_uscc(1), make_uscc(3)])
    first = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert first["enterprise"]["name"] == "甲公司" and first["enterprise"]["established_on"] == "2019-03-01"
    assert first["enterprise"]["employees"] == 12 and first["facts"]["compute_purchase_amount"] == 250000
    third = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(3)).stdout)
    assert third["enterprise"]["established_on"] == "2021-05-06"
    assert third["facts"]["compute_purchase_amount"] == 120000

    over = tmp_path / f"标签压标签{suffix}"
    upper = ["企业（单位）名称", "统一社会信用代码", "注册地（区县）"]
    lower = ["企业（单位）名称", "统一社会信用代码", "从业人数"]
    over.write_text(f"{','.join(upper)},备注\n{','.join(lower)}\n", encoding="gbk")
    if suffix == ".xlsx":
        over = write_xlsx(over.with_suffix(".xlsx"), [[*upper, "备注"], lower])
    assert_refused(shenbao(data_dir, "import", str(over)), "第 1 行表头「备注」")


WRAPPED_NAMES = {  # as typed in a cell, wrapped with Alt+Enter → the name on the licence
    "福州星河\n智算科技有限公司": "福州星河智算科技有限公司",
    " 福州山海科技 \n 有限公司": "福州山海科技有限公司",
    "Fuzhou Galaxy AI\nTechnology Co., Ltd.": "Fuzhou Galaxy AI Technology Co., Ltd.",
    "福州ABC\n\n人工智能有限公司": "福州ABC人工智能有限公司",
}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_name_wrapped_in_its_cell_is_stored_and_printed_on_one_line(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """A long name is wrapped in its cell with Alt+Enter to fit the column. It was stored with the line
    break: the 申报书 printed 申报单位（盖章） as 「福州星河」 over 「智算科技有限公司」, and the name no longer
    read as the licence's. A name is one line, the break taken out (a space kept between two Latin
    words); an address keeps its lines."""
    import pdfplumber

    header = ["企业（单位）名称", "统一社会信用代码", "注册地址", "年度购买算力服务总额（元）"]
    rows = [header] + [
        [typed, make_uscc(i), "福州市鼓楼区软件大道89号\n1号楼", "25万"]
        for i, typed in enumerate(WRAPPED_NAMES)
    ]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        write_xlsx(table, rows)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    done = shenbao(data_dir, "import", str(table))
    assert done.returncode == 0, done.stderr
    for i, name in enumerate(WRAPPED_NAMES.values()):
        shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(i)).stdout)["enterprise"]
        assert shown["name"] == name and shown["address"] == "福州市鼓楼区软件大道89号\n1号楼"

    form = tmp_path / "申报书.pdf"
    rendered = shenbao(
        data_dir, "render", "--uscc", make_uscc(0), "--measure", "fj2025.compute_voucher", "--out", str(form)
    )
    assert rendered.returncode == 0, rendered.stderr
    with pdfplumber.open(form) as pdf:
        assert "福州星河智算科技有限公司" in pdf.pages[0].extract_text()

    exported = tmp_path / f"导出{suffix}"
    assert shenbao(data_dir, "export", "--out", str(exported)).returncode == 0
    again = shenbao(data_dir, "import", "--on-conflict", "replace", str(exported))
    assert again.returncode == 0, again.stderr
    assert f"不变 {len(WRAPPED_NAMES)} 家" in again.stderr


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_rows_numbered_ahead_and_not_filled_in_are_blank_rows(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """A park's list is numbered down its 序号 column before the tenants are typed in: 50 rows for the 30
    tenants there are. The rows holding nothing but their number refused the whole table, each as
    「企业（单位）名称不能为空」 and 「保存前须填写统一社会信用代码」. A 序号 is no enterprise's: such a row is
    a blank row, passed over as one; a row with anything else in it is still read and named."""
    header = ["序号", "企业（单位）名称", "统一社会信用代码", "从业人数"]
    rows: list[list[object]] = [header]
    rows += [[i + 1, f"租户{i:02d}有限公司", make_uscc(i), 10 + i] for i in range(3)]
    rows += [[i + 1, None, None, None] for i in range(3, 8)]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        write_xlsx(table, rows)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    done = shenbao(data_dir, "import", str(table))
    assert done.returncode == 0, done.stderr
    assert "新增 3 家" in done.stderr and "错误" not in done.stderr
    assert sorted(stored(data_dir)) == sorted(make_uscc(i) for i in range(3))

    rows[6] = [6, None, None, "12"]  # a count typed on a numbered row: a row to fill in, named
    if suffix == ".xlsx":
        write_xlsx(table, rows)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    assert_refused(shenbao(data_dir, "import", str(table)), "第 7 行", "企业（单位）名称")


def test_the_tenants_in_the_data_folder_are_previewed_and_reported_without_exporting_them(
    tmp_path: Path, data_dir: Path
) -> None:
    """A park keeps its tenants in the data folder; render takes --uscc, and so do preview and the park
    report (--stored: every enterprise stored), giving what the same profiles give from files."""
    import pdfplumber

    rows = ["企业（单位）名称,统一社会信用代码,注册地（省）,年度购买算力服务总额（元）"]
    rows += [f"=租户{i:02d}有限公司,{make_uscc(100 + i)},福建,{20 + i}万" for i in range(3)]
    table = tmp_path / "园区.csv"
    table.write_text("\n".join(rows) + "\n", encoding="gbk")
    assert shenbao(data_dir, "import", str(table)).returncode == 0
    folder = tmp_path / "profiles"
    folder.mkdir()
    for i in range(3):
        shown = shenbao(data_dir, "profiles", "show", make_uscc(100 + i))
        (folder / f"{i}.json").write_text(shown.stdout, encoding="utf-8")

    by_code = shenbao(
        data_dir, "preview", "--uscc", make_uscc(101).lower(), "--as-of", "2026-11-22", "--format", "json"
    )
    assert by_code.returncode == 0, by_code.stderr
    by_file = shenbao(
        data_dir, "preview", "--profile", str(folder / "1.json"), "--as-of", "2026-11-22", "--format", "json"
    )
    assert json.loads(by_code.stdout) == json.loads(by_file.stdout)
    (voucher,) = [
        r for r in json.loads(by_code.stdout)["results"] if r["measure"] == "fj2025.compute_voucher"
    ]
    assert voucher["amount"] == "105000.00"  # 50% × 21万
    assert_refused(shenbao(data_dir, "preview", "--uscc", make_uscc(9)), make_uscc(9))

    texts = []
    for source in (["--stored"], ["--profiles", str(folder)]):
        out = tmp_path / f"报告{len(texts)}.pdf"
        made = shenbao(data_dir, "report", *source, "--out", str(out), "--as-of", "2026-11-22")
        assert made.returncode == 0, made.stderr
        with pdfplumber.open(out) as pdf:
            texts.append("".join(page.extract_text() or "" for page in pdf.pages))
    assert texts[0] == texts[1]
    assert all(f"=租户{i:02d}有限公司" in texts[0] for i in range(3)) and "31.5 万元" in texts[0]


@pytest.mark.parametrize("suffix", [".xls", ".et", ".ods"])
def test_a_spreadsheet_other_than_xlsx_or_csv_is_named_for_what_it_is(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """Excel 97–2003 (.xls), WPS (.et) and LibreOffice (.ods) tables cannot be read: importing one was
    refused as not a bundle (a .xls that is an .xlsx renamed, or any zip, was tried as one), and
    exporting to 园区.xls wrote a bundle, or refused it for its ID numbers. Both now say to save the table
    as .xlsx or .csv."""
    sheet = write_xlsx(
        tmp_path / "park.xlsx", [["企业（单位）名称", "统一社会信用代码"], ["甲公司", make_uscc(1)]]
    )
    renamed = sheet.rename(tmp_path / f"园区{suffix}")
    assert_refused(shenbao(data_dir, "import", str(renamed)), renamed.name, "另存为 .xlsx 或 .csv")
    assert stored(data_dir) == []

    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    out = tmp_path / f"导出{suffix}"
    assert_refused(shenbao(data_dir, "export", "--out", str(out), "--omit-sensitive"), ".xlsx", ".csv")
    assert not out.exists()


def test_an_amount_with_a_part_of_a_fen_is_named_and_the_good_rows_kept_on_the_user_s_word(
    tmp_path: Path, data_dir: Path
) -> None:
    """99999.995 元 of computing bought would be judged below the 100,000 threshold while the preview
    and the form write 100,000.00: the row is named, and with --skip-bad-rows the others are stored."""
    rows = [
        ["企业（单位）名称", "统一社会信用代码", "年度购买算力服务总额（元）"],
        ["甲公司", make_uscc(1), "99999.995"],
        ["乙公司", make_uscc(2), "120,000.50"],
    ]
    table = tmp_path / "园区.csv"
    table.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n", encoding="gbk")
    refused = shenbao(data_dir, "import", str(table))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "第 2 行" in refused.stderr and "精确到分" in refused.stderr and "99999.995" in refused.stderr
    assert stored(data_dir) == []
    kept = shenbao(data_dir, "import", str(table), "--skip-bad-rows")
    assert kept.returncode == 0, kept.stderr
    assert stored(data_dir) == [make_uscc(2)]
    shown = shenbao(data_dir, "profiles", "show", make_uscc(2))
    assert json.loads(shown.stdout)["facts"]["compute_purchase_amount"] == 120000.5


@pytest.mark.parametrize(
    ("saved_as", "encode"),
    [
        ("文本文件（制表符分隔）", lambda text: text.encode("gbk")),
        ("Unicode 文本", lambda text: b"\xff\xfe" + text.encode("utf-16-le")),
    ],
)
def test_a_table_saved_as_text_from_a_spreadsheet_imports_as_typed(
    tmp_path: Path, data_dir: Path, saved_as: str, encode
) -> None:
    """Excel and WPS save a table as text under a .txt name, tab-separated, in GBK or in UTF-16: it imports
    as the same table saved as CSV would, and a file of another kind still names the kinds it may be."""
    rows = [
        ["企业（单位）名称", "统一社会信用代码", "从业人数", "年度购买算力服务总额（元）"],
        ["=福州公式科技有限公司", make_uscc(1), "30", "25万"],
        ["福州 智算 有限公司", make_uscc(2), "", "250,000"],
    ]
    table = tmp_path / f"园区名单（{saved_as}）.txt"
    table.write_bytes(encode("".join("\t".join(row) + "\r\n" for row in rows)))
    result = shenbao(data_dir, "import", str(table))
    assert result.returncode == 0, result.stderr
    assert stored(data_dir) == [make_uscc(1), make_uscc(2)]
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["enterprise"]["name"] == "=福州公式科技有限公司" and shown["enterprise"]["employees"] == 30
    assert shown["facts"]["compute_purchase_amount"] == 250000
    assert shown["provenance"]["enterprise.name"]["file"] == table.name

    other = tmp_path / "园区名单.dat"
    other.write_bytes(table.read_bytes())
    assert_refused(shenbao(data_dir, "import", str(other)), other.name, ".csv/.txt/.xlsx 表格")
    out = tmp_path / "导出.txt"  # read as a table, but not written as one: not a bundle under its name
    assert_refused(shenbao(data_dir, "export", "--out", str(out), "--omit-sensitive"), ".xlsx", ".csv")
    assert not out.exists()


def test_a_change_to_an_address_of_two_lines_is_listed_on_the_enterprise_s_one_line(
    tmp_path: Path, data_dir: Path
) -> None:
    """An address is kept with its lines (软件大道89号, Alt+Enter, 1号楼). A table changing it listed the
    change with both line breaks: the enterprise's line 「更新 …：注册地址：软件大道89号」 was followed by
    「1号楼 → 软件大道89号」 and 「2号楼；不删去任何内容」, read as lines of their own. A change shows a line
    break as \\n, as a refused value does; the address is stored with its lines."""
    table = tmp_path / "园区.csv"
    header = ["企业（单位）名称", "统一社会信用代码", "注册地址"]
    for building in (1, 2):
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows([header, ["甲公司", make_uscc(1), f"软件大道89号\n{building}号楼"]])
        done = shenbao(data_dir, "import", "--on-conflict", "replace", str(table))
        assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "注册地址" in line]
    assert line.endswith("注册地址：软件大道89号\\n1号楼 → 软件大道89号\\n2号楼；不删去任何内容"), done.stderr
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(1)).stdout)
    assert shown["enterprise"]["address"] == "软件大道89号\n2号楼"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_totals_row_under_the_tenants_is_named_as_one(tmp_path: Path, data_dir: Path, suffix: str) -> None:
    """A park's list ends in a 合计 row adding up its amounts and head counts. It was refused as
    「第 5 行「统一社会信用代码」：保存前须填写统一社会信用代码」, asking for a code the 合计 of the list
    has none of. It is named for what it is, no enterprise, to delete or skip; the tenants above are
    imported on the user's word."""
    header = ["序号", "企业（单位）名称", "统一社会信用代码", "从业人数", "年度购买算力服务总额（元）"]
    rows: list[list[object]] = [header]
    rows += [[i + 1, f"租户{i}有限公司", make_uscc(i), 10, "25万"] for i in range(3)]
    rows += [["合 计", None, None, 30, "75万"], [None, "总计", None, 30, "75万"]]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".xlsx":
        write_xlsx(table, rows)
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows)
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "第 5 行「序号」：「合 计」行是合计，不是企业：请删去这一行，或跳过有错误的行" in run.stderr
    assert "第 6 行「企业（单位）名称」：「总计」行是合计，不是企业" in run.stderr
    assert "统一社会信用代码" not in run.stderr and stored(data_dir) == []
    done = shenbao(data_dir, "import", "--skip-bad-rows", str(table))
    assert done.returncode == 0 and "新增 3 家" in done.stderr and "跳过有错误的 2 行" in done.stderr

    rows[4] = ["合计", "合计公司", make_uscc(9), 1, "1万"]  # a row with a code is an enterprise's
    if suffix == ".xlsx":
        write_xlsx(table, rows[:5])
    else:
        with table.open("w", encoding="gbk", newline="") as handle:
            csv.writer(handle).writerows(rows[:5])
    assert shenbao(data_dir, "import", "--on-conflict", "keep", str(table)).returncode == 0
    assert make_uscc(9) in stored(data_dir)


def merged_park(path: Path) -> Path:
    """Six tenants, the district merged down the tenants of each (鼓楼区 over three, 仓山区 over three)
    and 人工智能企业 merged down all six, under a header of two rows whose key labels are merged down
    both rows and a title merged across."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["鼓楼园区企业名单", None, None, None, None])
    sheet.append(["企业（单位）名称", "统一社会信用代码", "基本情况", None, "经营情况"])
    sheet.append([None, None, "注册地（区县）", "人工智能企业", "年度购买算力服务总额（元）"])
    for i in range(6):
        district = {0: "鼓楼区", 3: "仓山区"}.get(i)
        sheet.append([f"合并租户{i}有限公司", make_uscc(i), district, "是" if i == 0 else None, 250000])
    for cells in ("A1:E1", "A2:A3", "B2:B3", "C2:D2", "C4:C6", "C7:C9", "D4:D9"):
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_cells_merged_down_the_tenants_refuse_the_table_naming_them(tmp_path: Path, data_dir: Path) -> None:
    """Park staff merge a district, or a 是, down the rows of the tenants it holds for. A merged cell's
    value is in its first cell only: four of six tenants were imported with no district and five
    without being 人工智能企业, without a word, and judged 待补充 for measures they meet. A table with
    cells merged down its rows is refused naming them, to unmerge and fill each row; merged cells of
    the title and the header are read as before."""
    table = merged_park(tmp_path / "园区.xlsx")
    run = shenbao(data_dir, "import", str(table))
    assert_refused(run, "C4:C6", "第 4–6 行", "合并")
    assert stored(data_dir) == []
    from openpyxl import load_workbook

    book = load_workbook(table)
    for cells in ("C4:C6", "C7:C9", "D4:D9"):
        book.active.unmerge_cells(cells)
    for row in range(4, 10):
        book.active.cell(row, 3).value = "鼓楼区" if row < 7 else "仓山区"
        book.active.cell(row, 4).value = "是"
    book.save(table)
    done = shenbao(data_dir, "import", str(table))
    assert done.returncode == 0, done.stderr
    for i in range(6):
        shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(i)).stdout)["enterprise"]
        assert shown["district"] == ("鼓楼区" if i < 3 else "仓山区") and shown["is_ai_enterprise"] is True


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_row_without_its_code_asks_for_it_before_the_import(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """A tenant typed in before its code was looked up was refused with 「保存前须填写统一社会信用代码」,
    the editor's words: a table is imported, not saved, and a profile file without its code already says
    导入前. The row says 导入前 too, in the table's errors and in the rejects written for it."""
    rows = [
        ["企业（单位）名称", "统一社会信用代码", "从业人数"],
        ["甲公司", "", "12"],
        ["乙公司", make_uscc(2), "8"],
    ]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".csv":
        table.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    else:
        write_xlsx(table, [[c or None for c in r] for r in rows])
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2, run.stderr
    assert "第 2 行「统一社会信用代码」：导入前须填写统一社会信用代码" in run.stderr
    assert "保存前" not in run.stderr
    assert stored(data_dir) == []
    rejects = tmp_path / "错误行.csv"
    done = shenbao(data_dir, "import", "--skip-bad-rows", "--rejects", str(rejects), str(table))
    assert done.returncode == 0, done.stderr
    assert stored(data_dir) == [make_uscc(2)]
    assert "导入前须填写统一社会信用代码" in rejects.read_text(encoding="utf-8-sig")


def test_cells_merged_across_a_tenant_s_columns_refuse_the_table_naming_them(
    tmp_path: Path, data_dir: Path
) -> None:
    """A 30 typed over 从业人数 and 研发人员数 merged into one cell (C5:D5) was imported as 30 employees and
    no researchers, without a word: a merged cell's value is in its first cell only. A range merged
    across columns a field reads is refused naming it, as one merged down rows is. One whose other
    columns no field reads (a note running into a column with no header) loses nothing and is read,
    and a 合计 merged over the name and the code is the totals row it is, skipped with the bad rows."""
    from openpyxl import Workbook, load_workbook

    table = tmp_path / "园区.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["企业（单位）名称", "统一社会信用代码", "从业人数", "研发人员数", "注册地址", None])
    for i in range(4):
        sheet.append([f"横向租户{i}有限公司", make_uscc(i), 30, 6, "软件大道89号", None])
    sheet.append(["合计", None, 120, 24, None, None])
    sheet["D5"] = None
    for cells in ("C5:D5", "E2:F2", "A6:B6"):
        sheet.merge_cells(cells)
    book.save(table)
    run = shenbao(data_dir, "import", "--skip-bad-rows", str(table))
    assert_refused(run, "C5:D5", "第 5 行 C–D 列", "合并")
    assert stored(data_dir) == []

    book = load_workbook(table)
    book.active.unmerge_cells("C5:D5")
    book.active["D5"] = 6
    book.save(table)
    done = shenbao(data_dir, "import", "--skip-bad-rows", str(table))
    assert done.returncode == 0, done.stderr
    assert "合计" in done.stderr
    assert stored(data_dir) == sorted(make_uscc(i) for i in range(4))
    for i in range(4):
        shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(i)).stdout)["enterprise"]
        assert (shown["employees"], shown["rd_staff"], shown["address"]) == (30, 6, "软件大道89号")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_date_with_a_time_of_day_is_refused_in_a_cell_as_in_a_csv(
    tmp_path: Path, data_dir: Path, suffix: str
) -> None:
    """成立日期 typed 2020-01-01 12:30 was refused in a CSV but imported as 2020-01-01 from an .xlsx date
    cell, its time of day dropped without a word: the same table read two ways. Both refuse the time
    and name the cell; a date-time at midnight is the plain date either way."""
    import datetime as dt

    header = ["企业（单位）名称", "统一社会信用代码", "成立日期"]
    table = tmp_path / f"园区{suffix}"
    if suffix == ".csv":
        rows = [
            header,
            ["甲公司", make_uscc(1), "2020-01-01 12:30"],
            ["乙公司", make_uscc(2), "2020-01-01 0:00"],
        ]
        table.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8-sig")
    else:
        noon, midnight = dt.datetime(2020, 1, 1, 12, 30), dt.datetime(2020, 1, 1)
        write_xlsx(table, [header, ["甲公司", make_uscc(1), noon], ["乙公司", make_uscc(2), midnight]])
    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 2, run.stderr
    assert "第 2 行「成立日期」" in run.stderr and "2020-01-01 12:30" in run.stderr
    assert "第 3 行" not in run.stderr
    assert stored(data_dir) == []
    done = shenbao(data_dir, "import", "--skip-bad-rows", str(table))
    assert done.returncode == 0, done.stderr
    assert stored(data_dir) == [make_uscc(2)]
    shown = json.loads(shenbao(data_dir, "profiles", "show", make_uscc(2)).stdout)["enterprise"]
    assert shown["established_on"] == "2020-01-01"


@pytest.mark.parametrize(
    "written, words",
    [
        ("$C$2:$D$2", ["C2:D2", "第 2 行 C–D 列", "合并"]),
        ("c2:c3", ["C2:C3", "第 2–3 行", "合并"]),
        ("C3:C2", ["C2:C3", "第 2–3 行", "合并"]),
        ("C:D", ["不是有效的 xlsx 表格", "「C:D」"]),
    ],
)
def test_a_merged_range_written_other_than_plainly_is_read_as_a_spreadsheet_reads_it(
    tmp_path: Path, data_dir: Path, written: str, words: list[str]
) -> None:
    """A merged range written absolute ($C$2:$D$2), in lower case or upside down, as a program other than
    Excel may write it, ended the import in a Python traceback (ValueError: invalid literal for int()).
    It names the cells it merges, read as openpyxl reads them; one naming no cells refuses the
    workbook as damaged, in one line."""
    import zipfile

    table = write_xlsx(
        tmp_path / "生成.xlsx",
        [["企业（单位）名称", "统一社会信用代码", "从业人数", "研发人员数"], ["甲公司", make_uscc(1), 30, 5]],
    )
    written_by_another = tmp_path / "园区.xlsx"
    with zipfile.ZipFile(table) as source, zipfile.ZipFile(written_by_another, "w") as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                merge = f'<mergeCells count="1"><mergeCell ref="{written}"/></mergeCells>'.encode()
                body = body.replace(b"</sheetData>", b"</sheetData>" + merge)
            out.writestr(info, body)
    run = shenbao(data_dir, "import", str(written_by_another))
    assert_refused(run, *words)
    assert stored(data_dir) == []


@pytest.mark.parametrize("rejects_suffix", [".csv", ".xlsx"])
def test_a_date_refused_for_its_time_of_day_keeps_it_in_the_rejects(
    tmp_path: Path, data_dir: Path, rejects_suffix: str
) -> None:
    """An .xlsx 成立日期 of 2020-01-01 12:30, refused for its time, was written to the rejects table as
    2020-01-01: the rejects imported again without a correction, the time dropped without a word. The
    rejects keep the cell as it was, and it is refused again until it is corrected."""
    import datetime as dt

    header = ["企业（单位）名称", "统一社会信用代码", "成立日期"]
    table = write_xlsx(
        tmp_path / "园区.xlsx",
        [header, ["甲公司", make_uscc(1), dt.datetime(2020, 1, 1, 12, 30)], ["乙公司", make_uscc(2), None]],
    )
    rejects = tmp_path / f"错误行{rejects_suffix}"
    done = shenbao(data_dir, "import", "--skip-bad-rows", "--rejects", str(rejects), str(table))
    assert done.returncode == 0, done.stderr
    assert stored(data_dir) == [make_uscc(2)]
    again = shenbao(data_dir, "import", str(rejects))
    assert again.returncode == 2, again.stderr
    assert "第 2 行「成立日期」" in again.stderr and "2020-01-01 12:30" in again.stderr
    assert stored(data_dir) == [make_uscc(2)]
