"""A profile rendered before its 统一社会信用代码 is typed: every box for the code says 待补充."""

from __future__ import annotations

from .helpers import invoices, profile_of, text_of


def test_the_applicant_table_marks_a_missing_code_as_the_cover_does(render) -> None:
    """`shenbao render --profile` of a profile without its code printed 待补充 in red beside
    统一社会信用代码 on the cover, but left the same box of 一、申报单位基本情况 empty on page 2, as if
    nothing were wanting there."""
    profile = profile_of({"compute_invoices": invoices(3, 40000)}, uscc="")
    assert not profile.uscc
    pdf, _rendered = render(profile, "fj2025.compute_voucher")
    _text, pages = text_of(pdf)
    cover = [line for line in pages[0].splitlines() if line.startswith("统一社会信用代码")]
    basic = [line for line in pages[1].splitlines() if line.startswith("统一社会信用代码")]
    assert cover == ["统一社会信用代码 待补充"]
    assert basic == ["统一社会信用代码 待补充 单位类型 企业"]
