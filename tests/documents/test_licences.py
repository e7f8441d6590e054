"""营业执照 photos (synthetic, degraded like real photos; truth.json says what is printed on each).

The layout is tested on what the recogniser returned for each photo (recognised.json, recorded from
RapidOCR 3.10 with its bundled models), so it runs without the `ocr` extra; with the extra installed the
photos themselves are read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.core.documents import LicenceReading, read_document
from shenbao.core.documents.licence import ocr_available, read_licence_boxes, upright

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "licences"
TRUTH = {t["file"]: t["truth"] for t in json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))}
RECOGNISED = json.loads((FIXTURES / "recognised.json").read_text(encoding="utf-8"))
needs_ocr = pytest.mark.skipif(
    not ocr_available(),
    reason="reading photos needs the ocr extra: pip install 'shenbao[ocr]' (or run make test-ocr)",
)


def expected(truth: dict[str, str]) -> dict[str, str]:
    """truth.json's printed text in the profile's terms: ISO date, capital in yuan."""
    capital = int(truth["capital"].removeprefix("人民币").removesuffix("万元")) * 10000
    day = truth["date"].replace("年", "-").replace("月", "-").removesuffix("日")
    return {
        "uscc": truth["uscc"],
        "name": truth["name"],
        "type": truth["type"],
        "legal_representative": truth["legal_rep"],
        "registered_capital": str(capital),
        "established_on": day,
        "address": truth["address"],
    }


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_the_layout_gives_every_printed_field(name: str) -> None:
    licence = read_licence_boxes(upright([(quad, text) for quad, text, _score in RECOGNISED[name]]))
    assert licence.fields == expected(TRUTH[name])
    assert all(c.ok for c in licence.checks())


def test_a_code_failing_gb32100_is_shown_unreadable_never_guessed() -> None:
    code = TRUTH["lic_07.jpg"]["uscc"]
    spoiled = [
        (q, t.replace(code, code[:-1] + ("0" if code[-1] != "0" else "1")), s)
        for q, t, s in RECOGNISED["lic_07.jpg"]
    ]
    licence = read_licence_boxes(upright([(q, t) for q, t, _s in spoiled]))
    assert licence.fields["uscc"] is None and licence.uscc_seen is not None
    (check,) = licence.checks()
    assert not check.ok and "无法可靠识别" in check.message
    assert licence.fields["name"] == TRUTH["lic_07.jpg"]["name"]


@needs_ocr
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TRUTH))
def test_photos_are_read_offline_with_the_code_exact(name: str) -> None:
    reading = read_document(FIXTURES / name)
    assert isinstance(reading, LicenceReading)
    fields = reading.to_dict()["fields"]
    assert fields["uscc"] == TRUTH[name]["uscc"]  # exact, or the test names the photo that failed
    assert fields == expected(TRUTH[name])


@needs_ocr
@pytest.mark.slow
def test_shenbao_read_prints_a_licence_as_proposals(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shenbao", "read", str(FIXTURES / "lic_00.jpg"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    (reading,) = json.loads(result.stdout)
    assert reading["kind"] == "licence" and reading["fields"]["uscc"] == TRUTH["lic_00.jpg"]["uscc"]
    assert "核对" in reading["warnings"][0]


@pytest.mark.parametrize("printed", ["500万美元", "人民币折合 300万港元", "1,000万日元"])
def test_a_capital_in_another_currency_is_never_proposed_as_yuan(printed: str) -> None:
    from shenbao.core.documents.licence import proposals

    boxes = [(q, t.replace("人民币200万元", printed), s) for q, t, s in RECOGNISED["lic_00.jpg"]]
    licence = read_licence_boxes(upright([(q, t) for q, t, _s in boxes]))
    assert licence.fields["registered_capital"] is None
    assert any(printed in w and "人民币" in w for w in licence.warnings), licence.warnings
    capital = next(p for p in proposals(licence) if p.key == "registered_capital")
    assert capital.read == printed and capital.value is None
    assert licence.fields["name"] == TRUTH["lic_00.jpg"]["name"]


@pytest.mark.parametrize(
    ("printed", "yuan"),
    [
        ("人民币200万元", "2000000"),
        ("人民币1亿元", "100000000"),
        ("人民币1.2亿元", "120000000"),
        ("人民币1亿5000万元", "150000000"),
        ("人民币5000元", "5000"),
        ("人民币 1,000 万元", "10000000"),
        ("500万元", "5000000"),
        ("5,000,000元", "5000000"),
        ("0.5亿", "50000000"),
    ],
)
def test_a_capital_is_read_in_yuan_whatever_its_unit(printed: str, yuan: str | None) -> None:
    boxes = [(q, t.replace("人民币200万元", printed)) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    licence = read_licence_boxes(upright(boxes))
    assert licence.fields["registered_capital"] == yuan


@pytest.mark.parametrize(
    ("printed", "yuan"),
    [
        ("伍佰万元", "5000000"),
        ("伍佰万元整", "5000000"),
        ("人民币伍佰万元整", "5000000"),
        ("壹仟万元", "10000000"),
        ("贰佰伍拾万元人民币", "2500000"),
        ("壹拾万元", "100000"),
        ("拾万元", "100000"),  # 拾 alone is ten
        ("壹拾伍万元", "150000"),
        ("壹亿零伍佰万元", "105000000"),
        ("壹亿伍仟万元", "150000000"),
        ("贰仟零伍拾万元", "20500000"),
        ("壹佰零伍万元", "1050000"),
        ("玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元", "99999999"),
        ("一千万元", "10000000"),  # everyday characters, 两 and the traditional forms too
        ("两百万元", "2000000"),
        ("五十万元", "500000"),
        ("壹億元", "100000000"),
        ("叁佰萬元", "3000000"),
        ("5百万元", "5000000"),  # figures and characters together
    ],
)
def test_a_capital_in_chinese_numerals_is_read_exactly_in_yuan(printed: str, yuan: str) -> None:
    from decimal import Decimal

    from shenbao.core.documents.licence import proposals

    boxes = [(q, t.replace("人民币200万元", printed)) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    licence = read_licence_boxes(upright(boxes))
    assert licence.fields["registered_capital"] == yuan
    capital = next(p for p in proposals(licence) if p.key == "registered_capital")
    assert capital.value == Decimal(yuan) and isinstance(capital.value, Decimal)


@pytest.mark.parametrize(
    "printed",
    [
        "伍伍万元",  # two digits running together
        "壹拾壹佰万元",  # units out of order
        "佰万元",  # 佰 with no digit
        "壹佰万伍",  # 伍 of what: 伍万 or 伍元?
        "壹仟伍万元",  # 壹仟伍 is 1005 or 1500
        "壹亿壹亿元",
        "万元",
        "零元",
        "见公司章程",
        "1.2.3万元",
    ],
)
def test_a_capital_that_is_not_one_number_is_not_read_and_says_what_was_printed(printed: str) -> None:
    """Never guessed, never dropped unsaid: the printed text is what the user is shown to fill in from."""
    from shenbao.core.documents.licence import proposals

    boxes = [(q, t.replace("人民币200万元", printed)) for q, t, _s in RECOGNISED["lic_00.jpg"]]
    licence = read_licence_boxes(upright(boxes))
    assert licence.fields["registered_capital"] is None
    assert any(printed in w and "注册资本" in w for w in licence.warnings), licence.warnings
    capital = next(p for p in proposals(licence) if p.key == "registered_capital")
    assert capital.read == printed and capital.value is None
    assert licence.fields["name"] == TRUTH["lic_00.jpg"]["name"]


def test_only_the_first_amount_of_the_capital_is_read() -> None:
    boxes = [
        (q, t.replace("人民币200万元", "人民币200万元（实缴100万元）"))
        for q, t, _s in RECOGNISED["lic_00.jpg"]
    ]
    assert read_licence_boxes(upright(boxes)).fields["registered_capital"] == "2000000"
