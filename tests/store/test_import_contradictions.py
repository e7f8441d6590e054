"""A park table's rows whose facts cannot both be true (福州市 in 浙江省, more compute sold than owned)
import as the editor saves them, and the import says which rows they are, before and after writing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.store.factory import make_profile, make_uscc, shenbao

HEADER = [
    "企业（单位）名称",
    "统一社会信用代码",
    "单位类型",
    "注册地（省）",
    "注册地（市）",
    "注册地（区县）",
    "从业人数",
    "研发人员数",
    "算力标称值（P，按FP16计）",
    "实际销售和运营使用的算力规模（P）",
]
TENANTS = [
    ["福州闽江智算科技有限公司", make_uscc(11), "企业", "福建省", "福州市", "鼓楼区", "86", "40", "", ""],
    [
        "杭州西湖数据有限公司福州分公司",
        make_uscc(12),
        "企业",
        "浙江省",
        "福州市",
        "台江区",
        "30",
        "12",
        "",
        "",
    ],
    [
        "福州鼓山算力运营有限公司",
        make_uscc(13),
        "企业",
        "福建省",
        "福州市",
        "晋安区",
        "45",
        "9",
        "400",
        "600",
    ],
    ["福州榕城视觉科技有限公司", make_uscc(14), "企业", "福建省", "福州市", "仓山区", "30", "50", "", ""],
]


def park_csv(path: Path, rows: list[list[str]]) -> Path:
    """As a park's staff save it from Excel on a Chinese Windows: GBK."""
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def stored(data_dir: Path, code: str) -> dict:
    shown = shenbao(data_dir, "profiles", "show", code)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_rows_with_contradicting_facts_import_and_are_named(data_dir: Path, tmp_path: Path) -> None:
    table = park_csv(tmp_path / "园区企业.csv", TENANTS)
    place = "注册地（市）为福州市，属于福建省，与注册地（省）浙江省不一致，请核对"
    sold = "实际销售和运营使用的算力规模（P）为 600，大于算力标称值（P，按 FP16 计）的 400：前者不能多于后者，请核对"
    staff = "研发人员数为 50，大于从业人数的 30：前者不能多于后者，请核对"

    preview = shenbao(data_dir, "import", "--dry-run", str(table))
    assert preview.returncode == 0, preview.stderr
    assert "提示：3 处数据互相矛盾，导入时照常导入，请核对：" in preview.stderr
    warned = [line.strip() for line in preview.stderr.splitlines() if "第 " in line and "：" in line]
    assert len(warned) == 3, preview.stderr
    assert warned[0].endswith(f"第 3 行 {make_uscc(12)}（杭州西湖数据有限公司福州分公司）：{place}")
    assert warned[1].endswith(f"第 4 行 {make_uscc(13)}（福州鼓山算力运营有限公司）：{sold}")
    assert warned[2].endswith(f"第 5 行 {make_uscc(14)}（福州榕城视觉科技有限公司）：{staff}")
    assert all(line.startswith(str(table)) for line in warned)  # the file, as the row's errors name it
    assert make_uscc(11) not in "\n".join(warned)

    run = shenbao(data_dir, "import", str(table))
    assert run.returncode == 0, run.stderr
    assert "导入完成：新增 4 家" in run.stderr
    assert "提示：3 处数据互相矛盾，已照常导入，请核对：" in run.stderr
    after = [line.strip() for line in run.stderr.splitlines() if "第 " in line and "：" in line]
    assert after == warned
    zhejiang = stored(data_dir, make_uscc(12))["enterprise"]
    assert (zhejiang["province"], zhejiang["city"]) == ("浙江省", "福州市")  # as typed, for the user to judge
    assert stored(data_dir, make_uscc(13))["facts"]["infra_pflops_sold"] == 600


def test_a_row_contradicting_the_stored_profile_is_named_too(data_dir: Path, tmp_path: Path) -> None:
    """The row holds only 省; the 福州市 it contradicts is the stored profile's, which the row keeps."""
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(make_profile(21), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data_dir, "import", str(profile)).returncode == 0
    table = tmp_path / "省份更正.csv"
    with table.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["企业（单位）名称", "统一社会信用代码", "注册地（省）"],
                ["福州测试0021科技有限公司", make_uscc(21), "浙江省"],
            ]
        )

    run = shenbao(data_dir, "import", "--on-conflict", "replace", str(table))
    assert run.returncode == 0, run.stderr
    assert "注册地（省）：福建省 → 浙江省" in run.stderr
    assert f"第 2 行 {make_uscc(21)}（福州测试0021科技有限公司）：注册地（市）为福州市" in run.stderr

    kept = shenbao(data_dir, "import", "--on-conflict", "keep", "--dry-run", str(table))
    assert kept.returncode == 0, kept.stderr
    assert "互相矛盾" not in kept.stderr  # the row is not imported: nothing of it to check
