"""The field-kind registry: what people type and spreadsheets hold, read leniently; interchange values
checked strictly; every stored value written as text that reads back to itself."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shenbao.core import fieldkinds as fk
from shenbao.core.fieldkinds import FieldValueError
from shenbao.core.model import ProfileErrors, parse_profile

from ..store.factory import make_uscc


@pytest.mark.parametrize(
    "typed",
    [
        "2025-10-01",
        "2025/10/1",
        "2025.10.1",
        "2025年10月1日",
        "2025年10月1",
        "20251001",
        " 2025-10-01 ",
        "２０２５－１０－０１",
        dt.date(2025, 10, 1),
        dt.datetime(2025, 10, 1, 0, 0),
        45931,
        20251001,
        "2025-10-01 00:00:00",
        "2025-10-01T00:00:00",
        "2025/10/1 0:00",  # a date-time cell as Excel saves it to a CSV
        "2025/10/01 00:00:00",
        "2025年10月1日 0:00",
        "2025.10.1 00:00",
    ],
)
def test_dates_as_people_write_them(typed) -> None:
    assert fk.parse("date", typed) == "2025-10-01"


@pytest.mark.parametrize(
    "typed",
    [
        "2025-02-30",
        "2025/13/1",
        "10/01/2025",
        "2025-10",
        "明天",
        "20251301",
        1.5,
        True,
        2025,
        202510,
        0,
        "2025/10/1 12:30",
        "2025/10/1 0:00 0:00",
    ],
)
def test_dates_that_do_not_exist_are_refused(typed) -> None:
    with pytest.raises(FieldValueError, match="应为存在的日期"):
        fk.parse("date", typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("250000", 250000),
        ("250,000", 250000),
        ("1，000", 1000),
        ("¥250,000", 250000),
        ("￥250,000", 250000),
        ("250000元", 250000),
        ("25万", 250000),
        ("25万元", 250000),
        ("2.5万", 25000),
        ("1.2亿", 120000000),
        ("250,000.50", 250000.5),
        (" 250000 ", 250000),
        (250000, 250000),
        (250000.0, 250000),
        ("0", 0),
        ("1234.56", 1234.56),
        (370.37000000000006, 370.37),  # a spreadsheet formula's cell, shown as 370.37
        ("0.1", 0.1),
        ("12,345,678.9", 12345678.9),
    ],
)
def test_amounts_as_people_write_them(typed, value) -> None:
    assert fk.parse("money", typed) == value


@pytest.mark.parametrize(
    "typed", ["-5", "1,2345", "25万万", "abc", "1e5", "NaN", "inf", "¥", "元整", "25万元整整", True]
)
def test_amounts_that_are_not_amounts_are_refused(typed) -> None:
    with pytest.raises(FieldValueError, match="应为不小于 0 的金额"):
        fk.parse("money", typed)


@pytest.mark.parametrize("typed", ["99999.995", "1234.567", "1.2345678万", "0.001", 100.005])
def test_an_amount_with_a_part_of_a_fen_is_refused(typed) -> None:
    """99999.995 would be judged below a 100,000 threshold while every screen and form writes it as
    100,000.00: refused as typed, as the register refuses such a sum."""
    with pytest.raises(FieldValueError, match="精确到分"):
        fk.parse("money", typed)


@pytest.mark.parametrize("amount", [99999.995, "99999.995", Decimal("100000.005"), 0.001])
def test_a_profile_files_amount_with_a_part_of_a_fen_is_refused_too(amount) -> None:
    """A profile file's 99999.995 was judged ineligible "（实际：100,000.00 元）" and its 100000.005 printed
    as 50% × 100,000.01 = 50,000.00: the file's amounts are held to the fen as a typed one is."""
    with pytest.raises(FieldValueError, match="精确到分"):
        fk.check("money", amount)
    profile = {"enterprise": {"name": "甲", "uscc": "913501044C12H3B168"}, "facts": {}}
    profile["facts"]["compute_purchase_amount"] = amount
    with pytest.raises(ProfileErrors, match="精确到分"):
        parse_profile(profile)


@pytest.mark.parametrize(("amount", "value"), [(100000, "100000"), ("100000.1", "100000.1"), (0.3, "0.3")])
def test_a_profile_files_amount_to_the_fen_is_checked_as_it_is(amount, value) -> None:
    assert fk.check("money", amount) == Decimal(value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("35%", 0.35),
        ("0.35", 0.35),
        (0.35, 0.35),
        ("100%", 1),
        ("0%", 0),
        ("12.5 %", 0.125),
        ("３５％", 0.35),
        ("1", 1),
    ],
)
def test_ratios_as_percent_or_fraction(typed, value) -> None:
    assert fk.parse("ratio", typed) == value


@pytest.mark.parametrize("typed", ["35", "101%", "-1%", "1.01", "三成"])
def test_ratios_beyond_one_are_refused_not_guessed(typed) -> None:
    with pytest.raises(FieldValueError, match="0 到 1 之间的小数"):
        fk.parse("ratio", typed)


def test_counts_codes_choices_and_yes_no() -> None:
    assert [fk.parse("count", v) for v in ("12", "12人", "1,200", 12.0, "１２")] == [12, 12, 1200, 12, 12]
    assert fk.parse("year_index", "第2年") == 2
    # as people write them in a park's table: 第一年 was refused, asking for an integer
    assert [fk.parse("year_index", v) for v in ("第一年", "第二年", "三")] == [1, 2, 3]
    assert [fk.parse("count", v) for v in ("三人", "两个", "十", "十一", "二十三名", "九十九")] == [
        3,
        2,
        10,
        11,
        23,
        99,
    ]
    for typed in ("第零年", "一百", "十十", "二三", "十零"):
        with pytest.raises(FieldValueError):
            fk.parse("year_index", typed)
    with pytest.raises(FieldValueError):
        fk.parse("year_index", "0")
    with pytest.raises(FieldValueError):
        fk.parse("count", "1.5")
    code = make_uscc(7)
    assert fk.parse("uscc", f"  {code.lower()} ") == code
    assert fk.parse("uscc", f"{code[:4]} {code[4:]}") == code
    assert [
        fk.parse("org_type", v) for v in ("企业", "高校", "科研院所", "事业单位", "enterprise", " 公司 ")
    ] == ["enterprise", "university", "research_institute", "public_institution", "enterprise", "enterprise"]
    assert [fk.parse("bool", v) for v in ("是", "否", "√", "×", "TRUE", "false", True, 0)] == [
        True,
        False,
        True,
        False,
        True,
        False,
        True,
        False,
    ]
    assert fk.parse("id_type", "回乡证") == "hk_mo_permit" and fk.parse("id_type", "护照") == "passport"
    with pytest.raises(FieldValueError, match="单位类型|应为以下之一"):
        fk.parse("org_type", "个体户")


def test_blank_is_not_known() -> None:
    for name in fk.KINDS:
        assert fk.parse(name, None) is None and fk.parse(name, "  ") is None


@pytest.mark.parametrize("name", ["text", "uscc", "phone", "email", "id_number", "org_type", "date", "money"])
@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1b", "\x7f", "\ud800", "\uffff"])
def test_control_characters_are_refused_in_every_text(name, char) -> None:
    with pytest.raises(FieldValueError, match="控制字符"):
        fk.parse(name, f"福州{char}科技")
    with pytest.raises(FieldValueError, match="控制字符"):
        fk.check(name, f"福州{char}科技")


def test_tabs_and_line_breaks_are_text_not_control() -> None:
    assert fk.parse("text", "第一行\n第二行\t备注") == "第一行\n第二行\t备注"
    assert fk.control_character("a\r\nb\t") is None and fk.control_character("a\x0bb") == "U+000B"


def test_check_is_strict_about_interchange_values() -> None:
    assert fk.check("money", 250000) == Decimal(250000) and fk.check("money", "250,000") == Decimal(250000)
    assert fk.check("date", "2025-10-01") == dt.date(2025, 10, 1)
    assert fk.check("ratio", 0.35) == Decimal("0.35")
    for name, value in [
        ("money", "25万"),
        ("date", "2025/10/1"),
        ("ratio", "35%"),
        ("org_type", "企业"),
        ("bool", "是"),
        ("count", "12人"),
    ]:
        with pytest.raises(FieldValueError):
            fk.check(name, value)


@pytest.mark.parametrize("name", ["money", "signed_money", "number", "count", "year_index"])
def test_a_number_from_10_wan_yi_up_is_refused_as_too_large(name: str) -> None:
    assert fk.check(name, 9999999999999) == 9999999999999
    assert fk.parse(name, "9999999999999") == 9999999999999
    for value in (10**13, 1e13, "10000000000000", 10**30, "1e999999"):
        with pytest.raises(FieldValueError, match="应小于 10 万亿"):
            fk.check(name, value)
    for typed in ("100000亿", "10,000,000,000,000", "1" + "0" * 40):
        with pytest.raises(FieldValueError, match="应小于 10 万亿"):
            fk.parse(name, typed)


def test_a_red_letter_invoice_is_bounded_as_its_amount() -> None:
    assert fk.check("signed_money", "-9999999999999.99") == Decimal("-9999999999999.99")
    with pytest.raises(FieldValueError, match="应小于 10 万亿"):
        fk.check("signed_money", "-10000000000000")


def test_every_kind_has_its_message_and_placeholder_in_chinese() -> None:
    for name, kind in fk.KINDS.items():
        assert kind.name == name and kind.message and kind.label
        assert kind.problem("\x00") == fk.CONTROL_MESSAGE
    assert "25万" in fk.kind("money").placeholder and "%" in fk.kind("ratio").placeholder


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_an_amount_written_out_reads_back_to_itself(number: Decimal) -> None:
    value = fk.json_number(number)
    assert fk.check("money", fk.parse("money", fk.format_value("money", value))) == number


@given(st.decimals(min_value=0, max_value=1, places=6, allow_nan=False, allow_infinity=False))
def test_a_ratio_written_as_percent_reads_back_to_itself(number: Decimal) -> None:
    value = fk.json_number(number)
    assert fk.check("ratio", fk.parse("ratio", fk.format_value("ratio", value))) == number


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_written_out_reads_back_in_every_spelling(date: dt.date) -> None:
    iso = date.isoformat()
    assert fk.parse("date", fk.format_value("date", iso)) == iso
    assert fk.parse("date", f"{date.year}年{date.month}月{date.day}日") == iso
    assert fk.parse("date", f"{date.year}/{date.month}/{date.day}") == iso
    assert fk.parse("date", date.strftime("%Y%m%d")) == iso


@pytest.mark.parametrize(
    ("name", "code"), [(name, code) for name, k in sorted(fk.KINDS.items()) for code in k.choices or {}]
)
def test_every_choice_written_out_reads_back_to_itself(name: str, code: str) -> None:
    """港澳居民来往内地通行证（回乡证）, as the registry writes it with full-width brackets, and as typed with
    half-width ones."""
    written = fk.format_value(name, code)
    assert fk.parse(name, written) == code
    assert fk.parse(name, written.replace("（", "(").replace("）", ")")) == code


@given(st.sampled_from(sorted(fk.KINDS)), st.text(max_size=30))
def test_parse_never_raises_anything_but_its_message(name: str, text: str) -> None:
    try:
        fk.parse(name, text)
    except FieldValueError as err:
        assert err.message


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXYIOZSVabc -٣"


@given(st.integers(min_value=0, max_value=10**9))
def test_a_uscc_check_agrees_with_stdnum_on_valid_codes(i: int) -> None:
    from stdnum.cn import uscc

    code = make_uscc(i)
    spaced = f" {code[:2]} {code[2:8]}-{code[8:].lower()} "
    for text in (code, spaced, code[:-1] + ("0" if code[-1] != "0" else "1"), code[:17], code + "0"):
        assert fk.valid_uscc(text) == uscc.is_valid(text), text
        if text.isalnum():
            assert fk.plain_uscc(text) == (text.upper() if uscc.is_valid(text) else None), text


@given(st.text(alphabet=USCC_CHARS, min_size=16, max_size=20))
def test_a_uscc_check_agrees_with_stdnum_on_any_text(text: str) -> None:
    from stdnum.cn import uscc

    assert fk.valid_uscc(text) == uscc.is_valid(text)
    plain = text.isascii() and text.isalnum()  # what a table's cell is read by first (plain_uscc)
    assert fk.plain_uscc(text) == (text.upper() if plain and uscc.is_valid(text) else None)


def test_every_control_character_is_found_and_nothing_else() -> None:
    import unicodedata

    for point in range(0x110000):
        char = chr(point)
        control = char not in "\t\n\r" and (
            unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"
        )
        assert fk.control_character(f"甲{char}乙") == (f"U+{point:04X}" if control else None)


@pytest.mark.parametrize(
    ("name", "value", "printed"),
    [
        ("money", Decimal("250000"), "250,000.00 元"),
        ("money", 1234.5, "1,234.50 元"),
        ("signed_money", -1000, "-1,000.00 元"),
        ("ratio", Decimal("0.355"), "35.5%"),
        ("ratio", Decimal("1"), "100%"),
        ("number", Decimal("12.50"), "12.5"),
        ("count", 12, "12"),
        ("date", dt.date(1965, 3, 1), "1965-03-01"),
        ("date", "2025-10-01", "2025-10-01"),
        ("bool", True, "是"),
        ("bool", False, "否"),
        ("org_type", "research_institute", "科研院所"),
        ("id_type", "passport", "护照"),
        ("text", "=SUM(A1)", "=SUM(A1)"),
        ("money", None, ""),
        ("text", "", ""),
        ("money", "not a sum", "not a sum"),  # a value the kind cannot read is printed as given
    ],
)
def test_a_printed_form_shows_each_kind_as_the_registry_prints_it(name, value, printed) -> None:
    assert fk.printed(name, value) == printed


def test_a_table_amount_column_prints_without_its_unit() -> None:
    assert fk.printed("signed_money", Decimal("-1000.5"), unit=False) == "-1,000.50"
    assert fk.printed("money", 3000000, unit=False) == "3,000,000.00"


def test_a_code_in_hyphened_groups_reads_as_the_plain_code() -> None:
    plain = "913501000000005037"
    for typed in ("91350100-0000-0050-37", "91350100－0000－0050－37", " 9135 0100-0000 0050 37 "):
        assert fk.parse("uscc", typed) == plain
    assert fk.check("uscc", "91350100-000000-5037") == plain
    assert fk.normal_uscc("91350100-0000-0050-3７") == plain


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-2-3", "2026/02/28", "1998.10.01"])
def test_a_date_in_the_phone_column_is_not_a_phone(typed) -> None:
    """A spreadsheet's date cell pasted as the phone: a date, existing or not, is refused."""
    with pytest.raises(FieldValueError, match="不是有效的电话号码"):
        fk.parse("phone", typed)
    with pytest.raises(FieldValueError, match="不是有效的电话号码"):
        fk.check("phone", typed)


@pytest.mark.parametrize(
    "typed",
    ["87654321", "0591-87654321", "0591-8765-4321", "138-0013-8000", "+86 138 0013 8000", "400-820-8820"],
)
def test_phones_written_with_groups_are_still_phones(typed) -> None:
    assert fk.parse("phone", typed) == typed and fk.check("phone", typed) == typed


@pytest.mark.parametrize(
    ("cell", "zero"),
    [
        ("59187654321", "059187654321"),  # 0591-87654321 (Fuzhou) kept by a spreadsheet as a number
        (59187654321, "059187654321"),  # the .xlsx's number cell itself
        ("2087654321", "02087654321"),  # 020 (Guangzhou)
        ("1087654321", "01087654321"),  # 010 (Beijing)
        ("5918765432", "05918765432"),  # a seven-digit local number
    ],
)
def test_a_landline_whose_leading_zero_a_spreadsheet_dropped_is_refused_saying_so(cell, zero) -> None:
    with pytest.raises(FieldValueError) as refused:
        fk.parse("phone", cell)
    assert f"座机号请写成 {zero}" in str(refused.value) and "开头的 0" in str(refused.value)
    # a profile stored before is read as it was: only typing and tables are refused
    assert fk.check("phone", str(cell)) == str(cell)


@pytest.mark.parametrize(
    "typed",
    ["13800138000", 13800138000, "4008208820", "8008208820", "059187654321", "87654321", "8659187654321"],
)
def test_mobiles_service_numbers_and_whole_landlines_are_phones(typed) -> None:
    assert fk.parse("phone", typed) == str(typed)


@pytest.mark.parametrize(
    ("typed", "amount"), [("250000元整", 250000), ("25万元整", 250000), ("¥1,000圆整", 1000)]
)
def test_an_amount_written_as_in_words_with_zheng_is_read(typed, amount) -> None:
    """元整 closes an amount as contracts and invoices write it (贰拾伍万元整)."""
    assert fk.parse("money", typed) == amount


@pytest.mark.parametrize("cell", ["-", " -   ", "¥-", " ¥ -   ", "—", "--"])
def test_a_dash_in_an_amount_column_asks_whether_it_is_nought_or_unknown(cell) -> None:
    """Excel's accounting format shows 0 as 「-」 and a CSV saved from it keeps the dash; people also
    write 「-」 for 「无」. Read as 0 it would refuse a measure, read as blank it would ask again: the
    message says which to write."""
    with pytest.raises(FieldValueError, match="金额为 0 请填 0，不知道请留空"):
        fk.parse("money", cell)


def test_plain_values_are_read_without_compiling_a_pattern() -> None:
    """A whole number, a YYYY-MM-DD date and a printable text (the first window's values) are read with
    str's own checks; the patterns are compiled only for what is written another way."""
    import re

    re.purge()
    fk._controls.cache_clear()
    assert fk.parse_date("2024-01-05") == dt.date(2024, 1, 5)
    assert fk.parse_date("2023-02-29") is None
    assert fk._number_text("１２", ()) == 12
    assert fk._normal("名\u200b称 ") == "名称"
    assert fk.control_character("福州 名称") is None
    assert fk._controls.cache_info().currsize == 0
    assert not re._cache  # type: ignore[attr-defined]
    assert fk.parse_date("2024/1/5") == dt.date(2024, 1, 5)
    assert fk._number_text("1,234.5", ()) == Decimal("1234.5")
    assert fk.control_character("a\x07b") == "U+0007"


def test_a_percentage_in_a_profile_file_is_refused_saying_how_to_write_it(tmp_path) -> None:
    """A profile file with "infra_domestic_chip_ratio": "80%" was refused by 「应为百分数（如 35%）或 0 到
    1 之间的小数（收到 "80%"）」, the message typing gets, which asks for what it was given. A file
    takes a fraction (ratios as 0–1), and says so; typed and in tables 80% reads as before."""
    import json

    from tests.command import run_shenbao
    from tests.store.factory import make_profile

    doc = make_profile(1, engineers=0)
    doc["facts"]["infra_domestic_chip_ratio"] = "80%"
    path = tmp_path / "档案.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    run = run_shenbao("preview", "--profile", str(path), "--format", "json")
    assert run.returncode == 2
    assert "档案文件中的比例应写作 0 到 1 之间的小数（35% 写作 0.35）" in run.stderr
    assert "应为百分数" not in run.stderr and "Traceback" not in run.stderr
    assert fk.parse("ratio", "80%") == 0.8 and fk.check("ratio", "0.8") == Decimal("0.8")


def test_a_text_holds_at_most_a_thousand_characters() -> None:
    """A 10,000-character name pasted by mistake was saved, and every form of the enterprise then failed
    to print (a cell taller than a page) or, once its rows ran on over pages, took minutes."""
    assert fk.check("text", "名" * fk.TEXT_LIMIT) == "名" * fk.TEXT_LIMIT
    assert fk.parse("text", "  " + "名" * fk.TEXT_LIMIT + "\n") == "名" * fk.TEXT_LIMIT  # as kept
    for convert in (fk.check, fk.parse):
        with pytest.raises(FieldValueError, match="最多 1,000 个字符"):
            convert("text", "名" * (fk.TEXT_LIMIT + 1))
    profile = {"enterprise": {"name": "福州" + "长" * 9998, "uscc": "913501044C12H3B168"}, "facts": {}}
    with pytest.raises(ProfileErrors, match="企业（单位）名称过长"):
        parse_profile(profile)


def test_a_value_shown_has_each_control_character_escaped_as_json_escapes_c0() -> None:
    """C1 controls (U+0080–U+009F) were shown raw after 收到 while C0 ones were escaped: U+0085 printed as
    nothing. Every character `control_character` finds is written as JSON writes a C0 one; a tab and
    a line break, which a spreadsheet's cell holds, are kept."""
    text = "鼓楼\x85区\x07\x7f\x9b\ud800\ufffe"
    assert fk.shown_controls(text) == "鼓楼\\u0085区\\u0007\\u007f\\u009b\\ud800\\ufffe"
    assert fk.shown_controls("甲\t乙\n丙") == "甲\t乙\n丙"
    assert json.dumps("\x07", ensure_ascii=False) == '"' + fk.shown_controls("\x07") + '"'
