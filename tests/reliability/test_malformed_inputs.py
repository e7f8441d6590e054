"""Every malformed input each file-reading command accepts — profiles, bundles, tables — is refused with
one line on stderr, exit 2, nothing on stdout, and nothing written: the data folder is unchanged and no
output file is left behind."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.store.factory import make_profile, shenbao

GOOD = make_profile(7, engineers=0)

PROFILE_FILES: dict[str, bytes | None] = {
    "missing": None,
    "empty": b"",
    "whitespace": b"  \n\t ",
    "not_utf8": '{"enterprise": {"name": "福州"}}'.encode("gb18030"),
    "not_json": b'{"enterprise": ',
    "json_array": b"[]",
    "json_string": b'"profile"',
    "nan": b'{"enterprise": {"name": "\xe7\x94\xb2"}, "facts": {"compute_purchase_amount": NaN}}',
    "infinity": b'{"enterprise": {"name": "\xe7\x94\xb2"}, "facts": {"platform_investment": Infinity}}',
    "no_enterprise": b'{"facts": {}}',
    "enterprise_list": b'{"enterprise": []}',
    "facts_list": b'{"enterprise": {"name": "x"}, "facts": [1]}',
    "bad_format": b'{"format": "other/9", "enterprise": {"name": "x"}}',
    "negative": b'{"enterprise": {"name": "x"}, "facts": {"iiot_actual_investment": -1}}',
    "string_bool": b'{"enterprise": {"name": "x", "is_ai_enterprise": "true"}}',
    "count_fraction": b'{"enterprise": {"name": "x"}, "facts": {"ai_product_count": 1.5}}',
    "date_impossible": b'{"enterprise": {"name": "x", "recognitions": [{"kind": "national_key_lab", "date": "2023-02-29"}]}}',
    "bad_id_number": json.dumps(
        {
            "enterprise": {"name": "x"},
            "facts": {"core_engineers": [{"name": "张三", "id_number": "350102199001011230"}]},
        },
        ensure_ascii=False,
    ).encode(),
}


def _write(folder: Path, name: str, content: bytes | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if content is not None:
        path.write_bytes(content)
    return path


def assert_refused(run) -> None:
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr


def enterprises(data_dir: Path) -> int:
    db = data_dir / "shenbao.db"
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("case", PROFILE_FILES, ids=list(PROFILE_FILES))
def test_a_malformed_profile_is_refused_by_preview_import_and_render(
    case, tmp_path: Path, no_keyring
) -> None:
    data = tmp_path / "data"
    seed = shenbao(data, "import", str(_write(tmp_path / "seed", "good.json", json.dumps(GOOD).encode())))
    assert seed.returncode == 0, seed.stderr
    path = _write(tmp_path / "in", f"{case}.json", PROFILE_FILES[case])

    assert_refused(shenbao(data, "preview", "--profile", str(path), "--format", "json"))
    assert_refused(shenbao(data, "import", str(path)))
    out = tmp_path / "form.pdf"
    assert_refused(
        shenbao(
            data,
            "render",
            "--profile",
            str(path),
            "--measure",
            "fj2025.quality_enterprise",
            "--out",
            str(out),
        )
    )
    assert not out.exists()
    assert enterprises(data) == 1


def _bundle_variants(tmp_path: Path, data: Path) -> dict[str, bytes]:
    exported = tmp_path / "ok.shenbao"
    run = shenbao(data, "export", "--out", str(exported), "--omit-sensitive")
    assert run.returncode == 0, run.stderr
    good = exported.read_bytes()
    foreign = io.BytesIO()
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("manifest.json", "{}")
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../evil.json", "{}")
    return {
        "empty": b"",
        "truncated_half": good[: len(good) // 2],
        "truncated_tail": good[:-1],
        "one_byte_flipped": good[:40] + bytes([good[40] ^ 0x01]) + good[41:],
        "appended": good + b"x",
        "foreign_zip": foreign.getvalue(),
        "path_traversal_zip": slip.getvalue(),
        "text_file": "这不是数据包".encode(),
    }


def test_malformed_bundles_are_refused_and_change_nothing(tmp_path: Path, no_keyring) -> None:
    source = tmp_path / "source"
    assert (
        shenbao(source, "import", str(_write(tmp_path / "s", "a.json", json.dumps(GOOD).encode()))).returncode
        == 0
    )
    target = tmp_path / "target"
    other = make_profile(8, engineers=0)
    assert (
        shenbao(
            target, "import", str(_write(tmp_path / "t", "b.json", json.dumps(other).encode()))
        ).returncode
        == 0
    )
    for name, content in _bundle_variants(tmp_path, source).items():
        path = _write(tmp_path / "bundles", f"{name}.shenbao", content)
        run = shenbao(target, "import", str(path))
        assert_refused(run)
        assert enterprises(target) == 1, name


TABLES = {
    "empty.csv": b"",
    "header_only.csv": "企业（单位）名称,统一社会信用代码\n".encode(),
    "unknown_columns.csv": b"colour,size\nred,9\n",
    "bad_code.csv": "企业（单位）名称,统一社会信用代码\n甲公司,913501044C12H3B169\n".encode(),
    "bad_amount.csv": "企业（单位）名称,统一社会信用代码,年度购买算力服务总额（元）\n甲公司,913501044C12H3B168,很多\n".encode(),
    "not_really.xlsx": b"PK\x03\x04 not a workbook",
    "text.xlsx": "文本".encode(),
}


@pytest.mark.parametrize("name", TABLES, ids=list(TABLES))
def test_malformed_park_tables_are_refused_and_change_nothing(name, tmp_path: Path, no_keyring) -> None:
    data = tmp_path / "data"
    assert (
        shenbao(
            data, "import", str(_write(tmp_path / "seed", "good.json", json.dumps(GOOD).encode()))
        ).returncode
        == 0
    )
    run = shenbao(data, "import", str(_write(tmp_path / "tables", name, TABLES[name])))
    assert_refused(run)
    assert enterprises(data) == 1


def test_one_bad_file_among_good_ones_refuses_the_whole_import(tmp_path: Path, no_keyring) -> None:
    data = tmp_path / "data"
    files = [
        _write(tmp_path / "in", f"{i}.json", json.dumps(make_profile(i, engineers=0)).encode())
        for i in range(20)
    ]
    files.insert(10, _write(tmp_path / "in", "bad.json", b"{"))
    assert_refused(shenbao(data, "import", *map(str, files)))
    assert enterprises(data) == 0


@pytest.mark.parametrize(
    "args",
    [
        ["render", "--profile", "{good}", "--measure", "fj2099.nothing", "--out", "{out}"],
        [
            "render",
            "--profile",
            "{good}",
            "--measure",
            "fj2023.compute_voucher",
            "--out",
            "{out}",
            "--as-of",
            "2026-01-01",
        ],
        ["render", "--profile", "{good}", "--measure", "fz2020.national_key_lab", "--out", "{out}"],
        [
            "render",
            "--profile",
            "{good}",
            "--measure",
            "fj2025.quality_enterprise",
            "--out",
            "{out}",
            "--as-of",
            "2026-02-30",
        ],
        ["report", "--profiles", "{missing_dir}", "--out", "{out}"],
        ["preview", "--profiles", "{missing_dir}", "--format", "jsonl"],
    ],
    ids=["unknown-measure", "not-in-force", "ineligible", "bad-date", "report-no-folder", "batch-no-folder"],
)
def test_commands_refuse_what_cannot_be_done(args, tmp_path: Path, no_keyring) -> None:
    good = _write(tmp_path, "good.json", json.dumps(GOOD).encode())
    out = tmp_path / "out.pdf"
    fill = {"{good}": str(good), "{out}": str(out), "{missing_dir}": str(tmp_path / "nope")}
    assert_refused(shenbao(tmp_path / "data", *[fill.get(a, a) for a in args]))
    assert not out.exists()
