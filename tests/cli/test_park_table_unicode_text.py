"""A park's thirty tenants saved as UTF-16 without its byte-order mark, through the real `shenbao import`:
stored exactly as the same table saved in GBK is; one whose byte order cannot be told is refused in one
line saying how to save it, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.journeys.helpers import HEADER, codes, run, typed_row, write_gbk_table
from tests.store.factory import assert_refused, make_uscc, shenbao


def exported(data: Path, out: Path) -> bytes:
    run(data, "export", "--out", str(out))
    return out.read_bytes()


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_thirty_tenants_without_a_mark_are_stored_as_from_gbk(tmp_path: Path, order: str) -> None:
    reference, data = tmp_path / "gbk-data", tmp_path / "data"
    (tmp_path / "gbk").mkdir()
    (tmp_path / "unmarked").mkdir()
    run(reference, "import", str(write_gbk_table(tmp_path / "gbk" / "园区企业.csv")))
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *(typed_row(i) for i in range(30))])
    table = tmp_path / "unmarked" / "园区企业.csv"
    table.write_bytes(text.getvalue().encode(order))

    done = run(data, "import", str(table))
    assert "新增 30 家" in done.stderr
    assert exported(data, tmp_path / "a.csv") == exported(reference, tmp_path / "b.csv")
    listed = json.loads(run(data, "profiles", "list", "--format", "json").stdout)
    assert sorted(row["uscc"] for row in listed) == sorted(codes())
    first = json.loads(run(data, "profiles", "show", make_uscc(100)).stdout)
    assert first == json.loads(run(reference, "profiles", "show", make_uscc(100)).stdout)
    assert first["enterprise"]["name"] == "=福州园区租户00人工智能有限公司"


def test_a_table_whose_order_cannot_be_told_is_refused_and_nothing_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    table = tmp_path / "园区企业.txt"
    table.write_bytes("企业（单位）名称\r\n甲公司\r\n乙公司\r\n".encode("utf-16-le") + b"\x41")
    run_ = shenbao(data, "import", str(table))
    assert_refused(run_, str(table), "UTF-16", "CSV UTF-8", "Excel 工作簿（.xlsx）")
    assert not data.exists()


def test_a_table_in_another_encoding_says_how_to_save_it_and_nothing_is_written(tmp_path: Path) -> None:
    """A GBK table with a name pasted in Windows-1252 (「Café」's é one byte, then a comma): neither UTF-8 nor
    GB18030. The refusal says how to save it again, as the UTF-16 one does, and the folder is as it was."""
    data = tmp_path / "data"
    run(data, "import", str(write_gbk_table(tmp_path / "园区企业.csv")))
    before = exported(data, tmp_path / "before.csv")
    table = tmp_path / "tenants.csv"
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, ["Cafe 智能科技有限公司", *typed_row(40)[1:]]])
    table.write_bytes(text.getvalue().encode("gbk").replace(b"Cafe", b"Caf\xe9"))
    refused = shenbao(data, "import", str(table))
    assert_refused(
        refused,
        f"{table}: 编码无法识别（应为 UTF-8 或 GB18030）：",
        "另存为「CSV UTF-8（逗号分隔）」或 Excel 工作簿（.xlsx）后再导入",
    )
    assert exported(data, tmp_path / "after.csv") == before
