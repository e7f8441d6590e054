"""The bundled font: one path for Qt and reportlab, Latin and Chinese both covered, gaps reported."""

from __future__ import annotations

from shenbao.core import fonts


def test_the_font_and_its_licence_are_bundled():
    assert fonts.font_path().is_file() and fonts.font_path().suffix == ".ttc"
    licence = fonts.licence_path().read_text(encoding="utf-8")
    assert "Apache-2.0" in licence and "WenQuanYi" in licence


def test_latin_digits_and_chinese_are_covered():
    # a CJK font without Latin glyphs would make reportlab drop every digit of an amount
    text = (
        "0123456789 ABCDEFGHJKLMNPQRTUWXY abcxyz ,.%()《》：申报书统一社会信用代码万元￥" + fonts.SUBSTITUTE
    )
    assert fonts.missing_chars(text) == []


def test_a_rare_character_is_substituted_and_reported():
    rare = "\U0002a6a5"  # 𪚥, CJK Extension B
    text, lacking = fonts.substitute(f"张{rare}明{rare}")
    assert lacking == [rare]
    assert text == f"张{fonts.SUBSTITUTE}明{fonts.SUBSTITUTE}"
    missing = fonts.Missing(rare, "核心工程师名册 第 1 行")
    assert "U+2A6A5" in missing.message() and "核心工程师名册" in missing.message()


def test_registration_is_done_once():
    assert fonts.register_reportlab() == fonts.register_reportlab() == fonts.PDF_FONT
