"""`render` and `report` write a PDF whatever --out is called: a name not ending in .pdf (r.txt, a bare
name) is refused in one line naming the file and saying to end it in .pdf, as `export` refuses a name
whose suffix it does not write, and nothing is written or recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    folder = tmp_path / "profiles"
    folder.mkdir()
    for i in (1, 2):
        (folder / f"{i}.json").write_text(json.dumps(make_profile(i), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(folder / "1.json"), str(folder / "2.json")).returncode == 0
    return data


def _state(data: Path) -> tuple[str, str]:
    return (
        shenbao(data, "profiles", "list").stdout,
        shenbao(data, "declarations", "list", "--format", "json").stdout,
    )


@pytest.mark.parametrize("name", ["r.txt", "园区报告", "report.pdf.txt"])
def test_a_report_under_another_name_is_refused(stored: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    for source in (["--stored"], ["--profiles", str(tmp_path / "profiles")]):
        result = shenbao(stored, "report", *source, "--out", str(out))
        assert_refused(result, str(out), "园区报告是 PDF 文件", "以 .pdf 结尾")
        assert not out.exists()


def test_a_declaration_under_another_name_is_refused_and_not_recorded(stored: Path, tmp_path: Path) -> None:
    before = _state(stored)
    for name in ("x.txt", "申报书"):
        out = tmp_path / name
        for source in (["--uscc", make_uscc(1)], ["--profile", str(tmp_path / "profiles" / "1.json")]):
            result = shenbao(
                stored, "render", *source, "--measure", "fj2025.compute_voucher", "--out", str(out)
            )
            assert_refused(result, str(out), "申报书是 PDF 文件", "以 .pdf 结尾")
            assert not out.exists()
    assert _state(stored) == before


def test_a_pdf_in_capitals_is_written(stored: Path, tmp_path: Path) -> None:
    out = tmp_path / "申报书.PDF"
    made = shenbao(
        stored, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(out)
    )
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    report = tmp_path / "园区报告.Pdf"
    assert shenbao(stored, "report", "--stored", "--out", str(report)).returncode == 0
    assert report.read_bytes().startswith(b"%PDF-")


def test_a_reprint_under_another_name_is_refused_and_not_recorded(stored: Path, tmp_path: Path) -> None:
    first = tmp_path / "申报书.pdf"
    made = shenbao(
        stored, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(first)
    )
    assert made.returncode == 0, made.stderr
    before = _state(stored), first.read_bytes()
    for name in ("again.txt", "重印"):
        out = tmp_path / name
        result = shenbao(stored, "declarations", "regenerate", "1", "--out", str(out))
        assert_refused(result, str(out), "申报书是 PDF 文件", "以 .pdf 结尾")
        assert not out.exists()
    assert (_state(stored), first.read_bytes()) == before
