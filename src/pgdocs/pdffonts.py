"""Embedded Korean fonts for every PDF pgdocs draws with reportlab.

reportlab's CID fonts (HYGothic …) embed nothing, so we register NanumGothic
TrueType, which reportlab subsets and embeds.
"""

from __future__ import annotations

from functools import cache

from pgdocs.resources import font_path

REGULAR = "NanumGothic"
BOLD = "NanumGothicBold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register NanumGothic (regular, bold) with reportlab once; return their names.

    Raises :class:`~pgdocs.errors.MissingDependencyError` when fonts-nanum is missing.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular = font_path(REGULAR)
    try:
        bold = font_path(BOLD)
    except Exception:
        bold = regular
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


def missing_glyphs(text: str, font_name: str = REGULAR) -> list[str]:
    """Characters of ``text`` that the registered font has no glyph for (spaces ignored)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    font = pdfmetrics.getFont(font_name)
    cmap = font.face.charToGlyph
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
