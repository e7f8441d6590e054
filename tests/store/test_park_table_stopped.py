"""A park table's writing stopped part way (取消 in the park view or 申报进度): nothing under the name
chosen, no temporary file beside it, and nothing printed on standard error by the spreadsheet writer
left half-way."""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.park_export import write_park_table


class Stop(Exception):
    pass


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_table_stopped_part_way_leaves_nothing(tmp_path: Path, capfd: Any, suffix: str) -> None:
    rows = [
        ["企业", "金额（元）"],
        *([f"福州测试{i}智能科技有限公司", Decimal("1000.50")] for i in range(1200)),
    ]
    told: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        told.append((done, total))
        if done >= 1000:
            raise Stop

    out = tmp_path / f"园区{suffix}"
    with pytest.raises(Stop):
        write_park_table(out, rows, progress=progress)
    gc.collect()
    assert told == [(0, 1201), (500, 1201), (1000, 1201)]
    assert list(tmp_path.iterdir()) == []
    assert capfd.readouterr().err == ""

    write_park_table(out, rows)  # written whole when not stopped
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
