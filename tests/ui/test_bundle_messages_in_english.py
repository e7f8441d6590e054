"""Why a data bundle cannot be written or taken in, in the English window. Each was shown in Chinese with
`--language en`, because the bundle's reader and writer built it with f-strings; each is now a template
the window writes again in English, with its values (the file, the member, the numbers). The command line
keeps the sentence it always had."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from shenbao.core.store import bundle
from shenbao.core.store.bundle import BundleError, _zip, read_bundle, write_bundle
from shenbao.ui.style import known_text
from tests.store.factory import make_profile

CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _refused(path: Path) -> BundleError:
    with pytest.raises(BundleError) as caught:
        read_bundle(path, lambda: None)
    return caught.value


def test_a_bundle_with_a_foreign_member_or_format_is_refused_in_english(
    tmp_path: Path, in_english: None
) -> None:
    foreign = tmp_path / "foreign.shenbao"
    foreign.write_bytes(_zip({"other.txt": b"x"}, {"format": bundle.FORMAT, "encrypted": None}))
    err = _refused(foreign)
    assert str(err) == f"{foreign}: 成员 'other.txt' 不属于数据包"
    assert known_text(err) == f"{foreign}: member 'other.txt' does not belong in a bundle"

    other = tmp_path / "other.shenbao"
    other.write_bytes(_zip({}, {"format": "other/2", "encrypted": None}))
    err = _refused(other)
    assert str(err) == f"{other}: 不支持的数据包格式 'other/2'，应为 shenbao-bundle/1"
    assert known_text(err) == f"{other}: unsupported bundle format 'other/2'; it should be shenbao-bundle/1"


def test_a_damaged_declaration_list_is_refused_in_english(tmp_path: Path, in_english: None) -> None:
    profile = make_profile(1, engineers=0)
    code = profile["enterprise"]["uscc"]
    members = {
        f"profiles/{code}.json": bundle._dump(profile),
        f"declarations/{code}.json": b'[{"measure": "m1", "state": "sent"}]',
    }
    path = tmp_path / "bad.shenbao"
    path.write_bytes(_zip(members, {"format": bundle.FORMAT, "encrypted": None}))
    err = _refused(path)
    assert str(err) == f"{path}: declarations/{code}.json: [0].state 应为 draft、ready 或 rendered 之一"
    assert known_text(err) == (
        f"{path}: declarations/{code}.json: [0].state should be one of draft, ready or rendered"
    )


def test_too_many_enterprises_to_write_is_told_in_english(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle, "MAX_ENTERPRISES", 1)
    out = tmp_path / "all.shenbao"
    with pytest.raises(BundleError) as caught:
        write_bundle(out, [(make_profile(1, engineers=0), []), (make_profile(2, engineers=0), [])])
    assert str(caught.value) == f"{out}: 企业过多（2 家，一个数据包最多 1 家），未生成数据包"
    assert known_text(caught.value) == (
        f"{out}: too many enterprises (2; a bundle holds at most 1); no bundle was written"
    )
    assert not out.exists()


def test_a_bundle_that_fails_its_check_after_writing_says_why_in_english(
    tmp_path: Path, in_english: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(_data: bytes, *_args: Any, **_kwargs: Any) -> Any:  # the file read back is not as written
        raise BundleError(bundle.Phrase(bundle.BUNDLE_MESSAGES["manifest_differs"]))

    monkeypatch.setattr(bundle, "_read", damaged)
    out = tmp_path / "one.shenbao"
    with pytest.raises(BundleError) as caught:
        write_bundle(out, [(make_profile(1, engineers=0), [])])
    assert str(caught.value) == f"{out}: 写入后校验不通过（清单与内容不符），未生成数据包"
    assert known_text(caught.value) == (
        f"{out}: the check after writing failed (the manifest does not match the content); no bundle was written"
    )
    assert not CJK.search(known_text(caught.value))
    assert not out.exists()
