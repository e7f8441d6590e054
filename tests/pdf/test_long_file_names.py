"""`shenbao render --profiles` with profiles saved under long Chinese names: each name character is three
bytes in UTF-8, and a file system allows 255 bytes a name, so a profile named after its enterprise's
full name and its year's notes left no room for 「.fj2025.compute_voucher.pdf」."""

from __future__ import annotations

import json
from pathlib import Path

from tests.command import run_shenbao as shenbao

from .helpers import enterprise, invoices, text_of

LONG = "福州市鼓楼区软件园人工智能产业创新发展促进中心联合福建省数字经济研究院共建"


def long_name(ending: str) -> str:
    """A profile file's name of about 240 bytes, as close to the 255-byte limit as a user gets."""
    name = (LONG * 3)[: (240 - len(ending.encode()) - len(".json")) // 3] + ending
    assert 230 < len(f"{name}.json".encode()) <= 255
    return name


def test_profiles_named_near_the_file_name_limit_are_each_printed_to_their_own_file(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    names = {
        long_name("星河公司"): ("福州星河智算科技有限公司", "91350100H49D4H3981"),
        long_name("闽江公司"): ("福州闽江智能有限公司", "913501044C12H3B168"),
    }
    for stem, (name, code) in names.items():
        (folder / f"{stem}.json").write_text(
            json.dumps(
                {"enterprise": enterprise(name=name, uscc=code), "facts": {"compute_invoices": invoices(50)}},
                ensure_ascii=False,
            ),
            "utf-8",
        )
    out_dir = tmp_path / "申报书"

    run = shenbao(
        "render",
        "--profiles",
        str(folder),
        "--out-dir",
        str(out_dir),
        "--measure",
        "fj2025.compute_voucher",
        "--as-of",
        "2026-03-10",
    )

    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    pdfs = sorted(out_dir.glob("*.pdf"))
    assert len(pdfs) == 2, [p.name for p in pdfs]
    assert all(len(p.name.encode()) <= 255 for p in pdfs)
    assert not [p for p in out_dir.iterdir() if p.suffix != ".pdf"]  # no part file left behind
    printed = {}
    for pdf in pdfs:
        assert pdf.name.endswith(".fj2025.compute_voucher.pdf") and pdf.name.startswith(LONG[:20])
        assert str(pdf) in run.stdout
        text, _ = text_of(pdf)
        assert "《算力服务补助申报书》" in text and "125,000.00元" in text
        printed[pdf.name] = next(name for name, _ in names.values() if name in text)
    assert sorted(printed.values()) == sorted(name for name, _ in names.values())
    assert "共生成 2 份申报书" in run.stdout


def test_a_stem_is_cut_at_a_character_and_kept_unique() -> None:
    from shenbao.core.filenames import STEM_BYTES, FileStems, file_stem

    cut = file_stem("甲" * 100)
    assert len(cut.encode()) <= STEM_BYTES and cut.endswith("…") and cut.startswith("甲" * 49)
    assert file_stem('a/b:c*?"<>|\x01. ') == "a_b_c_______"
    assert file_stem("..") == "_" and file_stem("福州星河") == "福州星河"
    assert file_stem("x\udcff") == "x_"  # a name read from a disk in another encoding

    stems = FileStems()
    first, second, third = stems("甲" * 100 + "一"), stems("甲" * 100 + "二"), stems("福州星河")
    assert first != second and len(second.encode()) <= STEM_BYTES and third == "福州星河"
    assert stems("福州星河") != "福州星河" and stems("A") == "A" and stems("a") != "a"


def test_a_folder_run_onto_a_full_disk_names_the_form_not_its_temporary_file(tmp_path: Path) -> None:
    """A full USB stick stopped the run with 「.a.fj2025.compute_voucher.pdf.4711.3fa2c1.part: 无法写入
    （No space left on device）」: a name the user never sees, and the system's English."""
    import subprocess
    import uuid

    import pytest

    disk = tmp_path / f"usb-{uuid.uuid4().hex[:6]}"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(disk)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip("no permission to mount a small file system here")
    try:
        folder = tmp_path / "profiles"
        folder.mkdir()
        for i in range(6):
            code = ["91350100H49D4H3981", "913501044C12H3B168", "91350121612DD27200"][i % 3]
            (folder / f"租户{i}.json").write_text(
                json.dumps(
                    {"enterprise": enterprise(uscc=code), "facts": {"compute_invoices": invoices(50)}},
                    ensure_ascii=False,
                ),
                "utf-8",
            )
        run = shenbao(
            "render",
            "--profiles",
            str(folder),
            "--out-dir",
            str(disk),
            "--measure",
            "fj2025.compute_voucher",
            "--as-of",
            "2026-03-10",
        )
        assert run.returncode == 2, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
        written = sorted(p.name for p in disk.iterdir())
        assert all(not name.startswith(".") for name in written), written  # no part file left
        stopped = f"租户{len(written)}.fj2025.compute_voucher.pdf"
        assert lines[0] == (
            f"shenbao: {disk / stopped}: 无法写入（磁盘空间不足），已生成 {len(written)} 份，其余未生成"
        ), run.stderr
        for name in written:
            assert "《算力服务补助申报书》" in text_of(disk / name)[0]
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
