"""身份证号 per GB 11643: the address code is where the number was issued, so people born long before their
district got its present code are valid; roster rows may be other documents; one person is listed once."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shenbao.core import fieldkinds as fk
from shenbao.core.model import ProfileErrors, parse_profile, valid_id_number

# 鼓楼 台江 仓山 马尾 晋安 长乐 闽侯 连江 福清, 思明 湖里, 鲤城 丰泽 晋江, 延平, 蕉城, 芗城, 新罗, 莆田城厢, 三明三元
FUJIAN = [
    "350102",
    "350103",
    "350104",
    "350105",
    "350111",
    "350112",
    "350121",
    "350122",
    "350181",
    "350203",
    "350206",
    "350502",
    "350503",
    "350582",
    "350702",
    "350902",
    "350602",
    "350802",
    "350302",
    "350404",
]


def number(code: str, born: dt.date, seq: int = 123) -> str:
    body = f"{code}{born:%Y%m%d}{seq:03d}"
    return body + fk.iso7064_check(body)


def test_the_number_from_the_report_is_valid() -> None:
    assert valid_id_number("350102196503121230")
    assert fk.parse("id_number", " 350102196503121230 ") == "350102196503121230"


@given(
    st.sampled_from(FUJIAN),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(1989, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_fujian_people_born_1950s_to_1980s_are_valid(code: str, born: dt.date, seq: int) -> None:
    assert fk.id_number_problem(number(code, born, seq)) is None


@pytest.mark.parametrize("code", FUJIAN)
def test_every_fujian_code_for_someone_born_in_1962(code: str) -> None:
    assert valid_id_number(number(code, dt.date(1962, 5, 17)))


def test_check_character_x_in_either_case() -> None:
    found = next(n for s in range(1000) if (n := number("350102", dt.date(1971, 3, 4), s)).endswith("X"))
    assert fk.parse("id_number", found.lower()) == found


def test_edges_of_the_birth_date() -> None:
    today = dt.date(2026, 11, 22)
    assert fk.id_number_problem(number("350102", dt.date(1900, 1, 1)), today) is None
    assert "不合理" in fk.id_number_problem(number("350102", dt.date(1899, 12, 31)), today)
    assert fk.id_number_problem(number("350102", today), today) is None
    assert "不合理" in fk.id_number_problem(number("350102", today + dt.timedelta(days=1)), today)
    assert "不存在" in fk.id_number_problem("35010219650230" + "1231")


def test_shape_check_and_province() -> None:
    good = "350102196503121230"
    assert "18 位" in fk.id_number_problem(good[:17])
    assert "校验码不符" in fk.id_number_problem(good[:17] + "1")
    assert "17 位数字" in fk.id_number_problem("35010219650312123A")
    assert "省级代码 00" in fk.id_number_problem(number("000102", dt.date(1965, 3, 12)))
    assert "省级代码 10" in fk.id_number_problem(number("100102", dt.date(1965, 3, 12)))


@pytest.mark.parametrize("prefix", ["810000", "820000", "830000", "710000"])
def test_residence_permits_of_hong_kong_macao_and_taiwan_residents(prefix: str) -> None:
    assert valid_id_number(number(prefix, dt.date(1980, 7, 1)))


def test_the_2023_foreign_permanent_resident_card() -> None:
    # 9 + province where issued (35) + country (840) + birth date + sequence + check
    card = number("935840", dt.date(1975, 8, 9), 12)
    assert valid_id_number(card)
    assert fk.document_problem("foreign_permanent_resident", card) is None
    assert "以 9 开头" in fk.document_problem("foreign_permanent_resident", "350102196503121230")
    assert "省级代码 00" in fk.id_number_problem(number("900840", dt.date(1975, 8, 9)))


@pytest.mark.parametrize(
    ("id_type", "good", "bad"),
    [
        ("passport", "E12345678", "E12"),
        ("hk_mo_permit", "H12345678", "12345678"),
        ("tw_permit", "12345678", "A1234567"),
    ],
)
def test_other_documents(id_type: str, good: str, bad: str) -> None:
    assert fk.document_problem(id_type, good) is None
    assert fk.document_problem(id_type, bad)


def roster(*rows: dict) -> dict:
    return {"enterprise": {"name": "福州测试科技有限公司"}, "facts": {"core_engineers": list(rows)}}


def test_a_roster_of_engineers_born_1962_to_1995_counts_each() -> None:
    rows = [
        {
            "name": f"工程师{i}",
            "id_number": number(FUJIAN[i % len(FUJIAN)], dt.date(1962 + i, 1 + i % 12, 1 + i % 28)),
        }
        for i in range(34)
    ]
    rows.append({"name": "Ann Lee", "id_number": "e1234567 8", "id_type": "passport"})
    rows.append({"name": "陈港生", "id_number": "H87654321", "id_type": "hk_mo_permit"})
    profile = parse_profile(roster(*rows))
    assert profile.facts["core_engineer_count"] == 36


def test_the_same_engineer_twice_is_refused_naming_both_rows() -> None:
    same = "350102196503121230"
    rows = [
        {"name": "张三", "id_number": same},
        {"name": "李四", "id_number": number("350103", dt.date(1970, 1, 1))},
        {"name": "张三", "id_number": same.lower().replace("1230", "1230 ")},
    ]
    with pytest.raises(ProfileErrors) as caught:
        parse_profile(roster(*rows))
    (error,) = caught.value.errors
    assert error.field == "facts.core_engineers[2].id_number"
    assert "第 3 行与第 1 行" in error.message and "同一人只能列入一次" in error.message
    assert same not in error.message  # the number is shown masked


def test_a_wrong_document_type_is_named() -> None:
    with pytest.raises(ProfileErrors) as caught:
        parse_profile(roster({"name": "张三", "id_number": "E12345678", "id_type": "driving_licence"}))
    (error,) = caught.value.errors
    assert error.field == "facts.core_engineers[0].id_type" and error.message.startswith(
        "证件类型应为以下之一"
    )


def test_a_roster_keeps_an_id_number_upper_cased_and_leaves_the_rest_as_given() -> None:
    rows = [
        {"name": "张三", "id_number": "35010219620409018x", "x_note": "备注"},
        {"name": "李四", "id_number": "350102199001010016"},
    ]
    profile = parse_profile({"enterprise": {"name": "X公司"}, "facts": {"core_engineers": rows}})
    kept = profile.to_dict()["facts"]["core_engineers"]
    assert kept == [
        {"name": "张三", "id_number": "35010219620409018X", "x_note": "备注"},
        {"name": "李四", "id_number": "350102199001010016"},
    ]
    assert rows[0]["id_number"] == "35010219620409018x"  # the document given is not changed


def test_a_wrong_id_number_is_said_masked() -> None:
    """A 身份证号 with a wrong check character was refused saying 「（收到 "350102196503121231"）」: the
    whole number on the screen, on standard error and in any log kept of it. It is masked as lists show
    it; the row and the column say which it is."""
    wrong = "350102196503121231"
    with pytest.raises(ProfileErrors) as caught:
        parse_profile(roster({"name": "张三", "id_number": wrong}))
    (error,) = caught.value.errors
    assert error.field == "facts.core_engineers[0].id_number"
    assert wrong not in error.message and "350102********1231" in error.message, error.message
