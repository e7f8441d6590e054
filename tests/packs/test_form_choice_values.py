"""A pack's wizard form whose field offered a choice its kind cannot hold (`choices = [["a", "几个"]]` on
facts.ai_product_count, a count, or a table as the value) was installed: the wizard listed 几个, and
choosing it said 「应为不小于 0 的整数」, an option the form itself offered refused. Each choice's value is
checked as a profile's value of the field is, and a bad one refused at install in one line naming the
form, the field, the choice and why: exit 2, nothing installed; in English in the English window."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import pytest

from . import helpers
from .helpers import CJK, EXAMPLE, EXAMPLE_CITY, folder_state, install_in_window, refused_both_ways
from .test_pack_refusals import signed_tree

AS_OF = dt.date(2026, 12, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PRODUCTS = '{ key = "facts.ai_products" }'
form = functools.partial(helpers.edited, "forms/sl2026.product_award.toml", PRODUCTS)
WHERE = "forms/sl2026.product_award.toml: pages[0].fields[1].choices[1]"


def with_choices(key: str, choices: str) -> Any:
    return form(f'{PRODUCTS}, {{ key = "{key}", choices = {choices} }}')


@pytest.mark.parametrize(
    ("key", "choices", "said"),
    [
        (
            "facts.ai_product_count",
            '[[1, "一个"], ["a", "几个"]]',
            "取值 'a' 不是 facts.ai_product_count 可填的值：应为不小于 0 的整数",
        ),
        (
            "facts.ai_product_count",
            '[[1, "一个"], [{ n = 2 }, "两个"]]',
            "取值 {'n': 2} 不是 facts.ai_product_count 可填的值：应为不小于 0 的整数",
        ),
        (
            "facts.compute_subsidy_year_index",
            '[[1, "第一年"], [0, "第零年"]]',
            "取值 0 不是 facts.compute_subsidy_year_index 可填的值：应为不小于 1 的整数",
        ),
        (
            "enterprise.org_type",
            '[["enterprise", "企业"], ["company", "公司"]]',
            "取值 'company' 不是 enterprise.org_type 可填的值：应为以下之一：enterprise（企业）、",
        ),
    ],
    ids=["word-for-count", "table-for-count", "zeroth-year", "unknown-org-type"],
)
def test_a_choice_the_field_cannot_hold_is_refused_in_one_line(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    key: str,
    choices: str,
    said: str,
) -> None:
    before = folder_state(trusted)
    pack, stderr, warned = refused_both_ways(
        window, dialogs, trusted, publisher[0], tmp_path, with_choices(key, choices), AS_OF
    )
    assert stderr.startswith(f"shenbao: {pack}: {WHERE}: {said}"), stderr
    assert stderr.count("\n") == 1, stderr
    assert warned.startswith(f"未安装：{WHERE}: {said}"), warned
    assert folder_state(trusted) == before


def test_the_english_window_names_the_choice_in_english(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    in_english: None,
) -> None:
    edit = with_choices("facts.ai_product_count", '[[1, "一个"], ["a", "几个"]]')
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == (
        f"shenbao: {pack}: {WHERE}: 取值 'a' 不是 facts.ai_product_count 可填的值：应为不小于 0 的整数\n"
    )
    assert warned == (
        f"Not installed: {WHERE}: 'a' is not a value facts.ai_product_count can hold:"
        " must be a whole number of at least 0"
    ), warned
    assert not CJK.search(warned), warned


def test_choices_the_field_holds_install_and_the_wizard_offers_them(
    qtbot: Any, window: Any, data_dir: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    from shenbao.ui.form_page import FieldEditor

    pack = tmp_path / "good.shenbao-policy"
    edit = with_choices("facts.ai_product_count", '[[1, "一个"], ["2", "两个"], [3.0, "三个"]]')
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    install_in_window(qtbot, window, data_dir, publisher[1], pack, EXAMPLE_CITY, AS_OF)
    wizard = window.windows.wizard(EXAMPLE_CITY["enterprise"]["uscc"], "sl2026.product_award", "")
    editor = next(e for e in wizard.findChildren(FieldEditor) if e.field.key == "facts.ai_product_count")
    combo = editor.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["未填", "一个", "两个", "三个"]
    read = []
    for i in range(1, combo.count()):
        combo.setCurrentIndex(i)
        read.append(editor.widget.read())
    wizard.close()
    assert read == [(1, None), (2, None), (3, None)]


# Two options of one value (`[[1, "一个"], ["1", "一"]]`) installed: chosen, 一 showed and printed as 一个;
# an option named " " was a blank line of the list.
@pytest.mark.parametrize(
    ("choices", "said"),
    [
        ('[[1, "一个"], ["1", "一"]]', "取值 '1' 与 choices[0] 的相同"),
        ('[[1, "一个"], [2, " "]]', "应为非空字符串"),
    ],
    ids=["same-value", "blank-name"],
)
def test_options_that_cannot_be_told_apart_are_refused(
    qtbot: Any,
    window: Any,
    dialogs: Any,
    trusted: Path,
    publisher: tuple[Path, Path],
    tmp_path: Path,
    choices: str,
    said: str,
) -> None:
    before = folder_state(trusted)
    edit = with_choices("facts.ai_product_count", choices)
    pack, stderr, warned = refused_both_ways(window, dialogs, trusted, publisher[0], tmp_path, edit, AS_OF)
    assert stderr == f"shenbao: {pack}: {WHERE}: {said}\n"
    assert warned == f"未安装：{WHERE}: {said}"
    assert folder_state(trusted) == before
