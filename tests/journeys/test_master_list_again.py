"""A park keeps one list of its tenants and imports it again each time a tenant joins. The rows already
stored and unchanged are no conflict — keeping or updating them gives the same store — so the new
tenant is added without asking which, by the command and by the window alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tests.store.factory import make_uscc, shenbao

HEADER = ["企业（单位）名称", "统一社会信用代码", "从业人数", "年度购买算力服务总额（元）"]


def master_list(path: Path, tenants: int) -> Path:
    rows = [HEADER] + [[f"园区企业{i}", make_uscc(i), str(10 + i), "25万"] for i in range(tenants)]
    with path.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_the_list_imported_again_with_one_more_tenant_adds_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = shenbao(data, "import", str(master_list(tmp_path / "名单.csv", 30)))
    assert first.returncode == 0, first.stderr
    before = shenbao(data, "profiles", "show", make_uscc(0)).stdout

    again = shenbao(data, "import", str(master_list(tmp_path / "名单.csv", 31)))
    assert again.returncode == 0, again.stderr
    assert "新增 1 家" in again.stderr and "不变 30 家" in again.stderr
    assert len(json.loads(shenbao(data, "profiles", "list", "--format", "json").stdout)) == 31
    assert shenbao(data, "profiles", "show", make_uscc(0)).stdout == before

    edited = master_list(tmp_path / "名单.csv", 31)  # an edited row is a conflict: the user says which
    text = edited.read_text(encoding="gbk").replace("园区企业3,", "园区企业三,")
    edited.write_text(text, encoding="gbk")
    refused = shenbao(data, "import", str(edited))
    assert refused.returncode == 2 and "1 家企业已存在" in refused.stderr, refused.stderr


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # the progress dialog
def test_the_window_adds_the_new_tenant_without_asking(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shenbao.ui.import_preview import ImportPreview
    from shenbao.ui.workers import running

    shown: list[Any] = []
    monkeypatch.setattr(ImportPreview, "exec", lambda dialog: shown.append(dialog) or 0)
    window.operations.import_files([str(master_list(tmp_path / "名单.csv", 3))])
    qtbot.waitUntil(lambda: running() == 0 and window.store.count_enterprises() == 3, timeout=20000)
    with qtbot.waitSignal(window.operations.imported, timeout=20000) as done:
        window.operations.import_files([str(master_list(tmp_path / "名单.csv", 4))])
    assert shown == []
    assert done.args[0].added == [make_uscc(3)] and len(done.args[0].unchanged) == 3
    assert window.store.count_enterprises() == 4
