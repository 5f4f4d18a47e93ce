"""Words with positions from a PDF's text layer (no OCR).

pypdf's text visitor gives each text run with its matrix; runs are split into
words with x positions estimated from character counts, and placed in the
pixel space of the page rendered at ``dpi`` so boxes are comparable with OCR.
The caller decides whether the layer is trustworthy (:func:`looks_sane`).
"""

from __future__ import annotations

import io
import logging
import re

from pgdocs.errors import InputError
from pgdocs.ocr.tesseract import Word
from pgdocs.text import nfc

log = logging.getLogger(__name__)

__all__ = ["looks_sane", "pdf_words"]


def pdf_words(data: bytes, *, dpi: int = 300) -> tuple[list[Word], tuple[int, int]]:
    """Words of page 1 in pixels at ``dpi`` and the page size in those pixels."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError("DOC_ENCRYPTED", "암호가 걸린 PDF는 읽을 수 없습니다.")
        page = reader.pages[0]
        box = page.mediabox
        pw, ph = float(box.width), float(box.height)
        x_off, y_off = float(box.left), float(box.bottom)
        runs: list[tuple[str, float, float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if not text or not text.strip():
                return
            # position = tm · cm (PDF row-vector convention)
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (abs(tm[0] * cm[0]) + abs(tm[3] * cm[3])) / 2 or 1.0
            runs.append((text, x, y, (size or 10.0) * scale))

        page.extract_text(visitor_text=visit)
    except InputError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise InputError(
            "DOC_UNREADABLE", "PDF 텍스트를 읽을 수 없습니다.", details={"error": type(exc).__name__}
        ) from None
    k = dpi / 72.0
    words: list[Word] = []
    for text, x, y, size in runs:
        for line_no, part in enumerate(nfc(text).split("\n")):
            yy = y - line_no * size * 1.2
            top = (ph - (yy - y_off) - size * 0.9) * k
            height = size * k
            cw = size * k  # a Hangul glyph is about 1 em wide; digits/Latin about 0.55 em
            pos = 0.0
            for m in re.finditer(r"\S+|\s+", part):
                tok = m.group(0)
                width = sum(cw if ord(c) > 0x2E80 else cw * 0.55 for c in tok)
                if not tok.isspace():
                    words.append(Word(tok, 100.0, round((x - x_off) * k + pos), round(top), round(width),
                                      round(height)))
                pos += width
    return words, (round(pw * k), round(ph * k))


def looks_sane(words: list[Word]) -> bool:
    """Most characters are Hangul, digits or ordinary punctuation (broken glyph mappings are not)."""
    chars = "".join(w.text for w in words)
    if len(chars) < 30:
        return False
    good = sum(1 for c in chars if "가" <= c <= "힣" or c.isascii())
    return good / len(chars) >= 0.85
