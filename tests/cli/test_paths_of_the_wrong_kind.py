"""A path that is there but of the wrong kind — a folder or a pipe given as a file, a file standing where a
folder should be — is refused in one line that says what it is, not 「文件不存在」 or 「所在文件夹不存在」
of something the user can see is there."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.store.factory import assert_refused, make_profile, make_uscc, shenbao

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "材料"
    folder.mkdir()
    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    plain = tmp_path / "note.txt"
    plain.write_text("一个文件", encoding="utf-8")
    return {"folder": folder, "pipe": pipe, "file": plain}


@pytest.fixture
def data_with_a_declaration(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    assert shenbao(data, "import", str(profile)).returncode == 0
    out = tmp_path / "form.pdf"
    made = shenbao(
        data, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(out)
    )
    assert made.returncode == 0, made.stderr
    return data


def test_a_folder_a_pipe_or_a_file_inside_a_file_attached_to_an_item(
    data_with_a_declaration: Path, places: dict[str, Path]
) -> None:
    data = data_with_a_declaration
    before = shenbao(data, "declarations", "show", "1").stdout
    for path, words in (
        (places["folder"], ["无法读取", "这是一个文件夹"]),
        (places["pipe"], ["无法读取", "设备或管道"]),
        (places["file"] / "a.pdf", ["无法读取", "路径中有一项不是文件夹"]),
    ):
        result = shenbao(data, "declarations", "tick", "1", "1", "--file", str(path))
        assert_refused(result, str(path), *words)
        assert "文件不存在" not in result.stderr
    assert shenbao(data, "declarations", "show", "1").stdout == before
    gone = shenbao(data, "declarations", "tick", "1", "1", "--file", str(places["folder"] / "gone.pdf"))
    assert_refused(gone, "文件不存在")


def test_a_pdf_written_under_a_file_says_the_path_goes_through_a_file(
    data_with_a_declaration: Path, places: dict[str, Path], tmp_path: Path
) -> None:
    data = data_with_a_declaration
    out = places["file"] / "a.pdf"
    result = shenbao(
        data, "render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out", str(out)
    )
    assert_refused(result, str(out), "无法写入", "路径中有一项不是文件夹")
    assert "所在文件夹不存在" not in result.stderr
    report = shenbao(data, "report", "--stored", "--out", str(out))
    assert_refused(report, "无法写入", "路径中有一项不是文件夹")
    missing = shenbao(data, "report", "--stored", "--out", str(tmp_path / "gone" / "r.pdf"))
    assert_refused(missing, "所在文件夹不存在")


def test_a_file_given_as_the_folder_of_profiles(places: dict[str, Path], tmp_path: Path) -> None:
    data = tmp_path / "data"
    for command in (
        ["report", "--out", str(tmp_path / "r.pdf")],
        ["render", "--out-dir", str(tmp_path / "o")],
    ):
        result = shenbao(data, *command, "--profiles", str(places["file"]))
        assert_refused(result, str(places["file"]), "这是一个文件，不是文件夹")


def test_a_pipe_given_as_the_folder_of_profiles_is_said_to_be_one(
    places: dict[str, Path], tmp_path: Path
) -> None:
    """A named pipe given as --profiles was called 「这是一个文件，不是文件夹」, sending the user to look
    for a file; it is said to be a device or pipe, as a pipe given as a file is."""
    data = tmp_path / "data"
    for command in (
        ["preview"],
        ["report", "--out", str(tmp_path / "r.pdf")],
        ["render", "--out-dir", str(tmp_path / "o")],
    ):
        result = shenbao(data, *command, "--profiles", str(places["pipe"]))
        assert_refused(result, str(places["pipe"]), "这是设备或管道，不是文件夹")
    assert not (tmp_path / "o").exists() and not (tmp_path / "r.pdf").exists()


def test_a_pipe_or_a_path_through_a_file_imported_or_restored(
    data_with_a_declaration: Path, places: dict[str, Path]
) -> None:
    data = data_with_a_declaration
    pipe = places["pipe"].with_suffix(".shenbao")
    os.mkfifo(pipe)
    for command in ("import", "restore"):
        for path, words in (
            (pipe, ["无法读取", "设备或管道"]),
            (places["file"] / "x.shenbao", ["无法读取", "路径中有一项不是文件夹"]),
        ):
            result = shenbao(data, command, str(path))
            assert_refused(result, str(path), *words)
            assert "不存在" not in result.stderr


def test_a_reprint_under_a_file_or_over_a_folder_says_which(
    data_with_a_declaration: Path, places: dict[str, Path]
) -> None:
    data = data_with_a_declaration
    before = shenbao(data, "declarations", "show", "1").stdout
    under = places["file"] / "again.pdf"
    result = shenbao(data, "declarations", "regenerate", "1", "--out", str(under))
    assert_refused(result, str(under), "无法写入", "路径中有一项不是文件夹")
    assert "已存在同名文件" not in result.stderr
    folder = places["folder"] / "重印.pdf"  # a folder named as a PDF would be
    folder.mkdir()
    over = shenbao(data, "declarations", "regenerate", "1", "--out", str(folder))
    assert_refused(over, "无法写入", "这是一个文件夹")
    assert shenbao(data, "declarations", "show", "1").stdout == before
    assert places["file"].read_text(encoding="utf-8") == "一个文件"


def test_a_file_given_as_the_data_folder(places: dict[str, Path], tmp_path: Path) -> None:
    profile = tmp_path / "1.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    for command in (["profiles", "list"], ["backup"], ["declarations", "list"], ["import", str(profile)]):
        result = shenbao(places["file"], "--data-dir", str(places["file"]), *command)
        assert_refused(result, str(places["file"]), "是一个文件，不是文件夹", "--data-dir")
        assert "无法创建" not in result.stderr
    assert places["file"].read_text(encoding="utf-8") == "一个文件"


def test_a_pipe_or_a_folder_where_a_file_is_written_is_left_standing(
    data_with_a_declaration: Path, places: dict[str, Path], tmp_path: Path
) -> None:
    from tests.packs.helpers import EXAMPLE

    data = data_with_a_declaration
    profile = tmp_path / "1.json"
    before = shenbao(data, "declarations", "show", "1").stdout
    pipes = tmp_path / "管道"
    pipes.mkdir()
    key = tmp_path / "key"
    assert shenbao(data, "policies", "keygen", "--out", str(key)).returncode == 0
    writes = {
        "a.pdf": ["render", "--profile", str(profile), "--measure", "fj2025.compute_voucher", "--out"],
        "b.pdf": ["render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out"],
        "r.pdf": ["report", "--stored", "--out"],
        "g.pdf": ["declarations", "regenerate", "1", "--out"],
        "e.shenbao": ["export", "--omit-sensitive", "--out"],
        "e.csv": ["export", "--out"],
        "e.xlsx": ["export", "--out"],
        "t.csv": ["export", "--template", "--out"],
        "p.shenbao-policy": ["policies", "pack", str(EXAMPLE), "--key", str(key), "--out"],
        "k.key": ["policies", "keygen", "--out"],
    }
    for name, command in writes.items():
        for where, words in ((pipes / name, "设备或管道"), (pipes / "folders" / name, "这是一个文件夹")):
            if where.parent == pipes:
                os.mkfifo(where)
            else:
                where.mkdir(parents=True)
            result = shenbao(data, *command, str(where))
            assert_refused(result, str(where), "无法写入", words)
            assert result.stderr.startswith(f"shenbao: {where}: 无法写入（"), name  # the path, once
            assert where.is_dir() if words == "这是一个文件夹" else where.is_fifo(), name
    batch = tmp_path / "forms"
    batch.mkdir()
    os.mkfifo(batch / "1.fj2025.compute_voucher.pdf")
    profiles = tmp_path / "档案"
    profiles.mkdir()
    (profiles / "1.json").write_bytes(profile.read_bytes())
    result = shenbao(data, "render", "--profiles", str(profiles), "--out-dir", str(batch))
    assert_refused(result, "设备或管道", "已生成 0 份")
    assert (batch / "1.fj2025.compute_voucher.pdf").is_fifo()
    assert shenbao(data, "declarations", "show", "1").stdout == before


def test_the_database_or_a_backup_is_never_written_over(
    data_with_a_declaration: Path, tmp_path: Path
) -> None:
    """`export --out` naming the data folder's shenbao.db renamed the bundle over the open database, and
    `render --out` the PDF: every enterprise and declaration gone, the next command saying the database
    is damaged. A database file is refused like a folder, and stays as it was."""
    data = data_with_a_declaration
    profile = tmp_path / "1.json"
    database = data / "shenbao.db"
    backups = sorted((data / "backups").glob("*.db"))
    before = shenbao(data, "declarations", "show", "1").stdout
    for where in (database, *backups[:1]):
        kept = where.read_bytes()
        result = shenbao(data, "export", "--omit-sensitive", "--out", str(where))
        assert_refused(result, str(where), "无法写入", "这是数据库文件")
        for command in (  # a PDF is never written under a name not ending in .pdf
            ["declarations", "regenerate", "1", "--out"],
            ["report", "--stored", "--out"],
            ["render", "--profile", str(profile), "--measure", "fj2025.compute_voucher", "--out"],
            ["render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out"],
        ):
            assert_refused(shenbao(data, *command, str(where)), str(where), "以 .pdf 结尾")
        assert where.read_bytes()[:16] == kept[:16] == b"SQLite format 3\x00"
    assert shenbao(data, "declarations", "show", "1").stdout == before


def test_a_profile_given_as_the_pdf_to_write_is_left_as_it_was(
    data_with_a_declaration: Path, tmp_path: Path
) -> None:
    """`render --profile 1.json --out 1.json` (a slip of the hand) replaced the enterprise's profile by
    its 申报书, and `report --out` a profile of the folder read: a PDF is written over nothing, an
    empty file or a PDF, and any other file there is refused and stays."""
    data = data_with_a_declaration
    profile = tmp_path / "1.json"
    kept = profile.read_bytes()
    named_pdf = tmp_path / "1.pdf"  # the profile saved under a PDF's name
    named_pdf.write_bytes(kept)
    for command in (
        ["render", "--profile", str(profile), "--measure", "fj2025.compute_voucher", "--out"],
        ["render", "--uscc", make_uscc(1), "--measure", "fj2025.compute_voucher", "--out"],
        ["report", "--stored", "--out"],
    ):
        assert_refused(shenbao(data, *command, str(profile)), str(profile), "以 .pdf 结尾")
        result = shenbao(data, *command, str(named_pdf))
        assert_refused(result, str(named_pdf), "无法写入", "不是 PDF，不会覆盖它")
        assert profile.read_bytes() == named_pdf.read_bytes() == kept
    empty = tmp_path / "新建.pdf"
    empty.write_bytes(b"")
    for _ in range(2):  # once over the empty file, once over the PDF it became
        assert shenbao(data, "report", "--stored", "--out", str(empty)).returncode == 0
        assert empty.read_bytes().startswith(b"%PDF-")
