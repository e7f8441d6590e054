"""`shenbao declarations`, `shenbao todo` and `shenbao render --uscc`, through the real command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pdf.helpers import invoices, text_of
from tests.register.helpers import INFRA_USCC, VOUCHER, infra_profile, make_profile, make_uscc, stored
from tests.store.factory import assert_refused, cli_env, refusal_reason, shenbao

CODE = make_uscc(1)


@pytest.fixture
def folder(data_dir: Path, tmp_path: Path) -> Path:
    files = []
    for i, doc in enumerate((make_profile(1), infra_profile(buys_compute=True))):
        path = tmp_path / f"p{i}.json"
        path.write_text(
            json.dumps({"format": "shenbao-profile/1", **doc}, ensure_ascii=False), encoding="utf-8"
        )
        files.append(str(path))
    imported = shenbao(data_dir, "import", *files)
    assert imported.returncode == 0, imported.stderr
    return data_dir


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder with one generated declaration, shared by the tests that only read it."""
    base = tmp_path_factory.mktemp("rendered")
    profile = base / "p.json"
    profile.write_text(json.dumps(make_profile(1), ensure_ascii=False), encoding="utf-8")
    data = base / "data"
    assert shenbao(data, "import", str(profile)).returncode == 0
    assert (
        shenbao(data, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(base / "a.pdf")).returncode
        == 0
    )
    return data


def listed(data_dir: Path, *args: str) -> list[dict]:
    run = shenbao(data_dir, "declarations", "list", "--format", "json", *args)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_render_by_code_records_and_the_register_follows_it_to_paid(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "申报书.pdf"
    run = shenbao(
        folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out), "--as-of", "2026-11-22"
    )
    assert run.returncode == 0, run.stderr
    assert "已记入申报记录 #1（已生成）" in run.stderr
    (entry,) = listed(folder)
    assert entry["state"] == "generated" and entry["amount_applied"] == "125000.50"
    assert entry["pdf_path"] == str(out.resolve()) and entry["pdf_state"] == "ok"
    assert entry["basis_changed"] is False

    steps = [
        ("submitted", "--note", "区科技局窗口"),
        ("accepted", "--ref", "FZ-2026-0042"),
        ("selected", "--awarded", "120000"),
        ("paid", "--received", "70,000"),
        ("paid", "--received", "50000.00", "--note", "第二期"),
    ]
    for state, *extra in steps:
        run = shenbao(folder, "declarations", "set-state", "1", state, *extra)
        assert run.returncode == 0, run.stderr
    (entry,) = listed(folder, "--state", "paid")
    assert (entry["amount_awarded"], entry["amount_received"], entry["reference"]) == (
        "120000.00",
        "120000.00",
        "FZ-2026-0042",
    )
    assert [e["state"] for e in entry["events"]] == [
        "generated",
        "submitted",
        "accepted",
        "selected",
        "paid",
        "paid",
    ]
    assert listed(folder, "--state", "submitted") == []
    assert listed(folder, "--uscc", INFRA_USCC) == []

    text = shenbao(folder, "declarations", "show", "1", "--format", "text")
    assert text.returncode == 0, text.stderr
    assert "状态：已拨付  受理编号：FZ-2026-0042" in text.stdout
    assert "核定金额：120,000.00 元  已拨付：120,000.00 元" in text.stdout
    assert "第二期" in text.stdout and "申报材料清单：" in text.stdout

    refused = shenbao(folder, "declarations", "set-state", "1", "paid", "--received", "1")
    assert_refused(refused, "超过核定金额")

    # the preview of the stored enterprise says what was received, as the window's trace does
    today = dt.date.today().isoformat()
    said = shenbao(folder, "preview", "--uscc", CODE, "--format", "text")
    assert said.returncode == 0, said.stderr
    line = f"申报记录：本企业此项已登记拨付 120,000.00 元（12 万元）（2 笔，最近一笔 {today}）；上方测算金额未扣除"
    assert said.stdout.count("申报记录：") == 1 and line in said.stdout.split("算力服务补助")[1]
    as_data = shenbao(folder, "preview", "--uscc", CODE, "--format", "json")
    assert "申报记录" not in as_data.stdout  # the preview's data are the rules' alone (INTERCHANGE.md)


def test_sums_and_dates_are_read_as_people_type_them(folder: Path, tmp_path: Path) -> None:
    """The register reads a sum and a date the way the profile's fields are read: 12万 and full-width
    digits from an input method in full-width mode, 2026年3月5日; what is not one is still refused."""
    out = tmp_path / "申报书.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    day = dt.date.today()  # the day it was generated: a change is dated on it or later
    wide = day.isoformat().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789-"})
    steps = [
        ("submitted", "--on", f"{day.year}年{day.month}月{day.day}日"),
        ("selected", "--awarded", "１２万", "--on", f"{day.year}/{day.month}/{day.day}"),
        ("paid", "--received", "¥70,000.5", "--on", wide),
    ]
    for state, *extra in steps:
        run = shenbao(folder, "declarations", "set-state", "1", state, *extra)
        assert run.returncode == 0, run.stderr
    (entry,) = listed(folder)
    assert (entry["amount_awarded"], entry["amount_received"]) == ("120000.00", "70000.50")
    assert [e["on"] for e in entry["events"][1:]] == [day.isoformat()] * 3
    assert_refused(
        shenbao(folder, "declarations", "set-state", "1", "paid", "--received", "0.0000001万"), "拨付金额"
    )
    assert_refused(shenbao(folder, "declarations", "set-state", "1", "paid", "--received", "-5"), "拨付金额")
    assert_refused(
        shenbao(folder, "declarations", "set-state", "1", "paid", "--received", "1", "--on", "2026年2月30日"),
        "日期",
    )
    assert listed(folder)[0]["amount_received"] == "70000.50", "a refused change writes nothing"


def test_a_deleted_pdf_is_regenerated_and_the_changed_basis_shown(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    original = text_of(out)[0]  # what it says: the file is dated when made
    out.unlink()
    assert listed(folder)[0]["pdf_state"] == "missing"
    again = shenbao(folder, "declarations", "regenerate", "1")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"{out.resolve()}，含待补充项（算力服务发票）"
    assert text_of(out)[0] == original

    doc = make_profile(1)
    doc["facts"]["compute_purchase_amount"] = 200000
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(folder, "import", str(changed), "--on-conflict", "replace").returncode == 0
    assert listed(folder)[0]["basis_changed"] is True
    shown = json.loads(shenbao(folder, "declarations", "show", "1", "--format", "json").stdout)
    assert "企业档案在生成后已修改" in shown["basis_changes"]
    assert any(line.startswith("金额：") for line in shown["basis_changes"])
    text = shenbao(folder, "declarations", "list", "--format", "text").stdout
    assert "依据已变化" in text


def test_a_reprint_names_the_boxes_printed_to_be_completed_as_the_print_did(
    folder: Path, tmp_path: Path
) -> None:
    """An enterprise giving its annual compute purchase (250,001 元) but no invoice is eligible for
    算力服务补助, and its form prints the invoice list 待补充: `shenbao render` says so at the end of its
    line, and `shenbao declarations regenerate` said only the file's path, as of a form ready to sign.
    It now ends its line in the same words; a form without such a box is told by its path alone."""
    out = tmp_path / "a.pdf"
    run = shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out))
    assert run.returncode == 0, run.stderr
    note = "，含待补充项（算力服务发票）"
    assert run.stdout.strip().endswith(note), run.stdout
    out.unlink()
    again = shenbao(folder, "declarations", "regenerate", "1")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == f"{out.resolve()}{note}"
    assert "待补充" in text_of(out)[0]

    doc = make_profile(1)
    doc["facts"] = {"compute_invoices": invoices(50)}
    whole = tmp_path / "whole.json"
    whole.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert shenbao(folder, "import", str(whole), "--on-conflict", "replace").returncode == 0
    other = tmp_path / "b.pdf"
    run = shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(other))
    assert run.returncode == 0 and "待补充" not in run.stdout, run.stdout
    again = shenbao(folder, "declarations", "regenerate", "1", "--out", str(tmp_path / "c.pdf"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == str(tmp_path / "c.pdf")


def test_a_render_from_a_profile_file_records_nothing(folder: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p0.json"
    run = shenbao(
        folder, "render", "--profile", str(profile), "--measure", VOUCHER, "--out", str(tmp_path / "x.pdf")
    )
    assert run.returncode == 0, run.stderr
    assert listed(folder) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("declarations", "set-state", "9", "submitted"), "没有编号为 9 的申报"),
        (("declarations", "set-state", "1", "won"), "未知的状态 won"),
        (("declarations", "set-state", "1", "submitted", "--on", "2026-13-01"), "日期"),
        (("declarations", "set-state", "1", "selected", "--awarded", "lots"), "核定金额"),
        # 27 digits overflowed Decimal's 28 written to the fen (a traceback); 26 were stored and listed
        (
            ("declarations", "set-state", "1", "selected", "--awarded", "9" * 27),
            "核定金额 " + "9" * 27 + " 过大",
        ),
        (("declarations", "set-state", "1", "selected", "--awarded", "9" * 26), "应小于 10 万亿元"),
        (("declarations", "set-state", "1", "paid", "--received", "10,000,000,000,000"), "拨付金额"),
        (("declarations", "list", "--state", "won"), "未知的状态"),
        (("declarations", "list", "--uscc", "91350100000000077X"), "没有统一社会信用代码"),
        (("declarations", "show", "4"), "没有编号为 4 的申报"),
        (("todo", "--as-of", "2026-02-30"), "--as-of"),
        (("todo", "--uscc", "91350100000000077X"), "没有统一社会信用代码"),
        (("declarations", "tick", "1", "2", "--file", "/nonexistent/营业执照.pdf"), "文件不存在"),
        (("declarations", "tick", "1", "99"), "没有第 99 项"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(rendered: Path, args: tuple, words: str) -> None:
    """A refused command says why in one line and leaves every stored row as it was (a checklist item
    named with a file that is not there is not ticked either)."""
    before = stored(rendered)
    assert_refused(shenbao(rendered, *args), words)
    assert stored(rendered) == before


def test_todo_lists_windows_expiry_and_deadlines(folder: Path) -> None:
    run = shenbao(folder, "todo", "--as-of", "2026-08-20", "--format", "json")
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    assert [(t["kind"], t["uscc"], t["date"], t["days"]) for t in items] == [
        ("window", INFRA_USCC, "2026-09-01", 12)
    ]
    text = shenbao(folder, "todo", "--as-of", "2026-11-05", "--uscc", INFRA_USCC, "--format", "text")
    assert text.returncode == 0, text.stderr
    assert "2026-12-31  政策到期  福州鼓山算力运营有限公司" in text.stdout
    empty = shenbao(folder, "todo", "--as-of", "2026-06-01", "--format", "text")
    assert empty.stdout.strip() == "（2026-06-01 前后没有待办）"


def test_a_state_is_named_as_the_help_and_the_register_write_it(folder: Path, tmp_path: Path) -> None:
    """The help lists each state with its Chinese name (paid 已拨付) and the register shows only the
    Chinese: a user types what they read. 已入选 and 已立项 each name 已入选·已立项; an unknown name is
    refused listing both spellings."""
    out = tmp_path / "申报书.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    for state, *extra in (
        ("已提交",),
        ("已受理", "--ref", "榕数〔2026〕12号"),
        ("已立项", "--awarded", "12万"),
    ):
        run = shenbao(folder, "declarations", "set-state", "1", state, *extra)
        assert run.returncode == 0, run.stderr
    assert [e["state"] for e in listed(folder)[0]["events"]] == [
        "generated",
        "submitted",
        "accepted",
        "selected",
    ]
    assert [e["id"] for e in listed(folder, "--state", "已入选·已立项")] == [1]
    assert listed(folder, "--state", "已拨付") == []
    assert_refused(shenbao(folder, "declarations", "list", "--state", "已完成"), "已完成", "paid（已拨付）")


def test_a_withdrawn_declaration_refuses_a_change_in_plain_words(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "申报书.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    assert shenbao(folder, "declarations", "set-state", "1", "withdrawn").returncode == 0
    run = shenbao(folder, "declarations", "set-state", "1", "submitted")
    assert_refused(run, "申报 #1 已撤回，不能再更改状态")
    assert "已已" not in run.stderr


def test_an_amount_not_set_is_shown_as_a_dash_without_a_unit(rendered: Path) -> None:
    text = shenbao(rendered, "declarations", "show", "1", "--format", "text")
    assert text.returncode == 0, text.stderr
    (line,) = [line for line in text.stdout.splitlines() if line.startswith("申请金额：")]
    assert "核定金额：—  " in line and "— 元" not in line
    assert line.startswith("申请金额：125,000.50 元  ")


def test_an_item_is_ticked_with_its_file_in_one_change(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "申报书.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    licence = tmp_path / "营业执照.pdf"
    licence.write_bytes(b"%PDF-1.4 licence")
    run = shenbao(folder, "declarations", "tick", "1", "1", "--file", str(licence))
    assert run.returncode == 0, run.stderr
    first = listed(folder)[0]["materials"][0]
    assert (first["done"], first["path"], first["file_state"]) == (True, str(licence.resolve()), "ok")


def limited_shenbao(data_dir: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command with files it writes limited to `limit` bytes, as a disk that fills part-way."""

    def limited() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return subprocess.run(
        [sys.executable, "-m", "shenbao", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**cli_env(data_dir), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        stdin=subprocess.DEVNULL,
        preexec_fn=limited,  # noqa: PLW1509 -- only sets a resource limit in the child
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a file-size limit is a POSIX resource limit")
@pytest.mark.parametrize(
    "command",
    [
        ("declarations", "regenerate", "1"),
        ("render", "--uscc", CODE, "--measure", VOUCHER, "--out", "{out}"),
    ],
    ids=["regenerate", "render"],
)
def test_a_print_that_cannot_be_written_leaves_the_printed_file_as_it_was(
    folder: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A declaration's PDF changed after printing (signed, stamped) is replaced by a new print only once
    the new one is whole: when the disk refuses it part-way, the file on disk, every stored row and the
    folder are as they were."""
    out = tmp_path / "申报书.pdf"
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    signed = out.read_bytes() + b"% signed\n"
    out.write_bytes(signed)
    before = stored(folder)
    run = limited_shenbao(folder, len(signed) // 3, *(a.format(out=out) for a in command))
    assert_refused(run, "无法写入")
    assert out.read_bytes() == signed
    assert stored(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["p0.json", "p1.json", "申报书.pdf"]


def test_why_a_print_cannot_be_written_is_said_in_chinese(folder: Path, tmp_path: Path) -> None:
    """The PDF's folder has since become a file (a folder deleted, a file saved under its name): the
    system's reason is told in the words of the message, as every other refusal to write is."""
    out = tmp_path / "申报书" / "a.pdf"
    out.parent.mkdir()
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    out.unlink()
    out.parent.rmdir()
    out.parent.write_text("不是文件夹", encoding="utf-8")
    before = stored(folder)
    run = shenbao(folder, "declarations", "regenerate", "1")
    assert refusal_reason(run, out) == "无法写入（路径中有一项不是文件夹）"
    out.parent.unlink()
    out.parent.mkdir()  # the folder back, on a disk that fills part-way through the print
    run = limited_shenbao(folder, 4096, "declarations", "regenerate", "1")
    assert refusal_reason(run, out) == "无法写入（文件超过系统允许的大小）"
    assert stored(folder) == before
    assert list(out.parent.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="a killed writer is told by its process id on POSIX")
def test_what_a_killed_print_left_beside_its_file_is_cleared_by_the_next(
    folder: Path, tmp_path: Path
) -> None:
    """A print killed before its file took its name leaves a hidden part beside it; the next print into
    the folder removes it (its writer is gone), and leaves anyone else's file there alone."""
    out = tmp_path / "申报书.pdf"
    left = tmp_path / f".{out.name}.999999999.abcdef.part"  # no process has that id
    left.write_bytes(b"%PDF-1.4 part")
    other = tmp_path / ".notes.part"
    other.write_bytes(b"someone else's")
    assert shenbao(folder, "render", "--uscc", CODE, "--measure", VOUCHER, "--out", str(out)).returncode == 0
    assert not left.exists() and other.exists()
    left.write_bytes(b"%PDF-1.4 part")
    out.unlink()
    assert shenbao(folder, "declarations", "regenerate", "1").returncode == 0
    assert not left.exists() and other.exists() and out.is_file()
