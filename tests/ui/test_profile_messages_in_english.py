"""Why a profile file (.json) is refused, in the English window. Importing one that was not valid JSON,
empty, not an object, or holding a bad value was refused in Chinese with `--language en` (「…/p.json:
enterprise.uscc: 统一社会信用代码格式或校验码不符…（另有 2 处错误）」): the file reader wrote the
message with f-strings, and the count of further errors was joined on as Chinese. Each is now a template
the window writes again in English. The command line keeps the sentence it always had."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shenbao.core.model import ProfileError, load_profile_file
from shenbao.ui.style import known_text

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def refusal(tmp_path: Path, text: str | None) -> ProfileError:
    path = tmp_path / "p.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path)
    return caught.value


def test_a_bad_value_and_the_count_of_the_others_are_told_in_english(
    tmp_path: Path, in_english: None
) -> None:
    refused = refusal(
        tmp_path,
        '{"enterprise": {"name": "X公司", "uscc": "91350100H49D4H3982", "employees": "abc"}, '
        '"facts": {"compute_purchase_amount": "x"}}',
    )
    path = tmp_path / "p.json"
    assert str(refused) == (
        f'{path}: enterprise.uscc: 统一社会信用代码格式或校验码不符（应为18位，末位为校验码）（收到 "91350100H49D4H3982"）'
        "（另有 2 处错误）"
    )
    assert known_text(refused) == (
        f"{path}: enterprise.uscc: Unified social credit code has a wrong format or check character "
        '(18 characters, the last one a check character) (got "91350100H49D4H3982") (other errors: 2)'
    )


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        (None, "文件不存在", "the file does not exist"),
        ("", "文件为空", "the file is empty"),
        ("[1, 2]", "内容应为 JSON 对象", "the content should be a JSON object"),
        (
            '{"facts": {}}',
            "enterprise: 缺少企业信息（应为 JSON 对象）",
            "enterprise: the enterprise is missing",
        ),
        (
            '{"enterprise": {"name": "Z", "uscc": "91350100MA2YH1QX4C"}, "facts": []}',
            "facts: 应为 JSON 对象",
            "facts: should be a JSON object",
        ),
        (
            '{"format": "other", "enterprise": {"name": "Y", "uscc": "91350100MA2YH1QX4C"}}',
            "format: 不支持的格式 'other'，应为 shenbao-profile/1",
            "format: unsupported format 'other'; it should be shenbao-profile/1",
        ),
        ("{bad", "不是有效的 JSON（第 1 行第 2 列：", "not valid JSON (line 1, column 2: "),
    ],
)
def test_why_a_profile_file_is_refused_is_told_in_english(
    tmp_path: Path, in_english: None, text: str | None, chinese: str, english: str
) -> None:
    refused = refusal(tmp_path, text)
    where = f"{tmp_path / 'p.json'}: "
    assert str(refused).startswith(where + chinese), str(refused)
    shown = known_text(refused)
    assert shown.startswith(where + english), shown
    assert not CJK.search(shown), shown


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (
            '{"enterprise": {"name": "X公司", "uscc": "91350100H49D4H3982"}, "facts": {"employees": "abc"}}',
            "enterprise.uscc: Unified social credit code has a wrong format or check character",
        ),
        ("{bad", "not valid JSON (line 1, column 2: a key in double quotes was expected here)"),
        ("", "the file is empty"),
        ('{"enterprise": {"name": "X公司"}}', "enterprise.uscc: fill in the unified social credit code"),
    ],
)
def test_an_imported_profile_file_is_refused_in_english(
    tmp_path: Path, in_english: None, text: str, english: str
) -> None:
    """What the window's import says (the store's refusal of the file it was given)."""
    from shenbao.core.store.db import StoreError
    from shenbao.core.store.transfer import read_sources

    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        read_sources([path], lambda: None)
    shown = known_text(caught.value)
    assert shown.startswith(f"{path}: {english}"), shown
    assert not CJK.search(shown), shown
    assert CJK.search(str(caught.value))  # the command line keeps its Chinese
