"""Hand-built OCR word layouts for the extraction tests (fictional text, no Tesseract needed)."""

from __future__ import annotations

from pgdocs.ocr.extract import extract_words
from pgdocs.ocr.tesseract import Word


def line(y: int, *tokens: str, x: int = 100, h: int = 30, conf: float = 95.0) -> list[Word]:
    """Words left to right; a token "|" leaves a wide gap (a second column)."""
    out = []
    for t in tokens:
        if t == "|":
            x += 400
            continue
        w = 30 * len(t)
        out.append(Word(t, conf, x, y, w, h))
        x += w + 12
    return out


def page_fields(*lines: list[Word]) -> dict[str, str]:
    """The extracted field values of a page built from ``lines``."""
    page = extract_words([w for ln in lines for w in ln])
    return {k: v.value for k, v in page.fields.items()}
