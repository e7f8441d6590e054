"""A pack's form whose commitment names the applicant with more than `{applicant}` — `{applicant.x}`
stopped `shenbao policies install` with a Python traceback (AttributeError: 'str' object has no
attribute 'x'), exit 1; `{applicant.__class__}` was installed and printed 「<class 'str'>」 in the signed
commitment of every application. Only `{applicant}` and `{measure}` as they are are taken, as the refusal
has always said: one line, exit 2, nothing installed. A commitment of a number (`commitment = 5`), which
stopped it with AttributeError, is refused as any other key that should be text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.factory import assert_refused, shenbao

from .helpers import EXAMPLE, edited, folder_state
from .test_pack_refusals import signed_tree

MEASURE = 'measure = "sl2026.platform"\n'


@pytest.mark.parametrize(
    "placeholder", ["{applicant.x}", "{applicant.__class__}", "{measure!r}", "{applicant:>30}"]
)
def test_a_commitment_naming_more_than_the_placeholders_is_refused(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path, placeholder: str
) -> None:
    edit = edited(
        "forms/sl2026.platform.toml", MEASURE, f'{MEASURE}commitment = "本单位{placeholder}承诺属实"\n'
    )
    pack = tmp_path / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    before = folder_state(trusted)
    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert result.stderr == (
        f"shenbao: {pack}: forms/sl2026.platform.toml: commitment: 只能使用占位符 {{applicant}} 和 {{measure}}\n"
    )
    assert folder_state(trusted) == before


def test_a_commitment_with_its_placeholders_installs(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    edit = edited(
        "forms/sl2026.platform.toml",
        MEASURE,
        f'{MEASURE}commitment = "{{applicant}}就《{{measure}}》承诺{{{{属实}}}}"\n',
    )
    pack = tmp_path / "good.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    result = shenbao(trusted, "policies", "install", str(pack))
    assert result.returncode == 0, result.stderr


def test_a_commitment_that_is_not_text_is_refused(
    trusted: Path, publisher: tuple[Path, Path], tmp_path: Path
) -> None:
    edit = edited("forms/sl2026.platform.toml", MEASURE, f"{MEASURE}commitment = 5\n")
    pack = tmp_path / "bad.shenbao-policy"
    pack.write_bytes(signed_tree(EXAMPLE, publisher[0], edit))
    result = shenbao(trusted, "policies", "install", str(pack))
    assert_refused(result)
    assert result.stderr == f"shenbao: {pack}: forms/sl2026.platform.toml: commitment: 应为非空字符串\n"
