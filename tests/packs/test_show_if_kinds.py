"""A pack's wizard form whose show_if compared a field with a value it never holds (the yes/no
facts.platform_is_lead_builder == "是" or == [true], a count > "0") or ordered what is no number was
installed, and the field it governs was never shown: the platform's spending table was hidden from an
enterprise that had answered 是, never asked and never printed, so the measure stayed 待补充 with no
box to fill. A show_if now names a field with plain values and compares it with a value of the field's
kind, checked as a profile's is; any other is refused at install in one line naming the form and the
field (exit 2, nothing installed), in English in the English window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .helpers import CJK, EXAMPLE, EXAMPLE_CITY, edited, folder_state, install_in_window, refused_both_ways
from .test_pack_refusals import signed_tree

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PLATFORM = "forms/sl2026.platform.toml"
ITEMS = '{ key = "facts.platform_investment_items"'
LEAD = '{ key = "facts.platform_is_lead_builder" }'
PRODUCTS = '{ key = "facts.ai_products" }'


def items_if(condition: str) -> Any:
    return edited(PLATFORM, ITEMS, f'{ITEMS}, show_if = "{condition}"')


CASES = [
    (
        items_if(r"facts.platform_is_lead_builder == \"是\""),
        f"{PLATFORM}: pages[0].fields[1].show_if: 取值 '是' 不是 facts.platform_is_lead_builder 可填的值："
        "应为是/否（true 或 false）",
    ),
    (
        items_if("facts.platform_is_lead_builder == [true]"),
        f"{PLATFORM}: pages[0].fields[1].show_if: 取值 [True] 不是 facts.platform_is_lead_builder 可填的值："
        "应为是/否（true 或 false）",
    ),
    (
        items_if("facts.platform_is_lead_builder > 0"),
        f"{PLATFORM}: pages[0].fields[1].show_if: 引用的 facts.platform_is_lead_builder 不是数值，只能用 == 或 !=",
    ),
    (
        edited(
            PLATFORM,
            LEAD,
            '{ key = "facts.platform_is_lead_builder", show_if = "facts.platform_investment_items > 0" }',
        ),
        f"{PLATFORM}: pages[0].fields[0].show_if: 引用的 facts.platform_investment_items 是明细清单或认定日期，"
        "不能作为显示条件",
    ),
    (
        edited(
            "forms/sl2026.product_award.toml",
            PRODUCTS,
            r'{ key = "facts.ai_product_count" }, { key = "facts.ai_products", show_if = "facts.ai_product_count > \"0\"" }',
        ),
        "forms/sl2026.product_award.toml: pages[0].fields[1].show_if: 取值 '0' 不是 facts.ai_product_count"
        " 可填的值：应为不小于 0 的整数",
    ),
]


@pytest.mark.parametrize(
    ("edit", "said"), CASES, ids=["word-for-bool", "list", "ordered-bool", "table", "text-for-count"]
)
def test_a_show_if_that_never_holds_is_refused_in_one_line(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    edit: Any,
    said: str,
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: {said}\n"
    assert warned == f"未安装：{said}"
    assert folder_state(trusted) == before


def test_the_english_window_says_why_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    in_english: None,
) -> None:
    edit = items_if("facts.platform_is_lead_builder >= 1")
    _, _, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert warned == (
        f"Not installed: {PLATFORM}: pages[0].fields[1].show_if: facts.platform_is_lead_builder, which it"
        " refers to, is not a number: only == or != can be used"
    )
    assert not CJK.search(warned), warned


def test_a_show_if_of_the_field_s_own_kind_installs_and_shows_the_field(
    qtbot: Any, window: Any, data_dir: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    pack = tmp_path / "good.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], items_if("facts.platform_is_lead_builder == true")))
    install_in_window(qtbot, window, data_dir, publisher[1], pack, EXAMPLE_CITY, AS_OF)
    wizard = window.windows.wizard(EXAMPLE_CITY["enterprise"]["uscc"], "sl2026.platform", "")
    shown = [e.field.key for e in wizard.form_pages[-1].visible_editors()]
    wizard.close()
    assert shown == ["facts.platform_is_lead_builder", "facts.platform_investment_items"]


# A place as people shorten it (福建) is kept whole (福建省): the wizard's answer and the profile's value
# never equalled the show_if's, and the platform's table stayed hidden for every enterprise of 福建省.
@pytest.mark.parametrize(
    ("condition", "said"),
    [
        (
            r"enterprise.province == \"福建\"",
            "取值 '福建' 在 enterprise.province 中保存为 '福建省'，请照此书写",
        ),
        (r"enterprise.city != \"福州\"", "取值 '福州' 在 enterprise.city 中保存为 '福州市'，请照此书写"),
    ],
    ids=["province", "city"],
)
def test_a_show_if_value_written_otherwise_than_it_is_kept_is_refused(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    condition: str,
    said: str,
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(
        window, dialogs, trusted, publisher[0], tmp_path, items_if(condition), AS_OF
    )
    assert stderr == f"shenbao: {pack}: {PLATFORM}: pages[0].fields[1].show_if: {said}\n"
    assert warned == f"未安装：{PLATFORM}: pages[0].fields[1].show_if: {said}"
    assert folder_state(trusted) == before
