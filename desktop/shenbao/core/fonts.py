"""The bundled font, in one place for the PDF (reportlab) and the desktop app (Qt).

WenQuanYi Micro Hei (resources/fonts/wqy-microhei.ttc, Apache-2.0 or GPL-3 with the font exception; the
licence sits beside it) covers Chinese *and* Latin, digits included. That matters: a CJK fallback font
without Latin glyphs (Droid Sans Fallback) makes reportlab drop every digit silently, so a form would
print without its amounts.

A character the font lacks (a rare 生僻字 in a name, mostly CJK Extension B and later) is never dropped:
`substitute()` replaces it with a visible marker and reports it, so the printed form says where a
character must be written by hand. No second font is bundled: the free fonts with wide Extension B
coverage in Debian (Hanazono, BabelStone Han) are 20–50 MB each.

This module imports reportlab only inside `register_reportlab()`, so `shenbao preview` never loads it.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from shenbao import paths
from shenbao.core.records import dataclass

FONT_FILE = "wqy-microhei.ttc"
LICENCE_FILE = "LICENSE-wqy-microhei.txt"
SUBFONT_INDEX = 0  # the TTC holds Micro Hei (0) and Micro Hei Mono (1)
FAMILY = "WenQuanYi Micro Hei"  # the family name Qt sees after QFontDatabase.addApplicationFont
PDF_FONT = "WenQuanYiMicroHei"  # the name registered with reportlab
SUBSTITUTE = "□"  # drawn in place of a character the font lacks (the font has this one)

_lock = threading.Lock()


def font_path() -> Path:
    """The bundled TTC. Qt: `QFontDatabase.addApplicationFont(str(font_path()))`."""
    return paths.fonts() / FONT_FILE


def licence_path() -> Path:
    return paths.fonts() / LICENCE_FILE


@cache
def register_reportlab() -> str:
    """Register the font with reportlab once per process (it costs ~100 ms) and return its name.

    reportlab embeds TrueType fonts as subsets by itself: only the glyphs a document uses are written.
    """
    with _lock:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        # getFont() on an unknown name would first parse every AFM file reportlab ships (~180 ms)
        if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(PDF_FONT, str(font_path()), subfontIndex=SUBFONT_INDEX))
        return PDF_FONT


@cache
def coverage() -> frozenset[int]:
    """The code points the bundled font has a glyph for."""
    register_reportlab()
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(PDF_FONT).face  # type: ignore[attr-defined]
    return frozenset(face.charToGlyph)


_INVISIBLE = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0xFEFF}


@dataclass(frozen=True)
class Missing:
    """A character the font cannot draw, and where it was met (e.g. "核心工程师名册 第 2 行")."""

    char: str
    where: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def message(self) -> str:
        return (
            f"字体缺少字符 {self.char}（{self.codepoint}，{self.where}），已以 {SUBSTITUTE} 标示，请手工补写"
        )


def missing_chars(text: str) -> list[str]:
    """The distinct characters of `text` the font lacks, in order of appearance."""
    have = coverage()
    seen: list[str] = []
    for ch in text:
        code = ord(ch)
        if code in have or code in _INVISIBLE or ch in seen:
            continue
        seen.append(ch)
    return seen


def substitute(text: str) -> tuple[str, list[str]]:
    """`text` with every character the font lacks replaced by SUBSTITUTE, and those characters."""
    lacking = missing_chars(text)
    if not lacking:
        return text, []
    return "".join(SUBSTITUTE if ch in lacking else ch for ch in text), lacking
