"""Hand-built OCR word layouts for the extraction tests (fictional text, no Tesseract needed), and the pages of
``bench/ocr.py`` rebuilt exactly (fictional businesses from pgdocs.samples)."""

from __future__ import annotations

from pathlib import Path

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


def bench_page(tmp: Path, family: str, variant: str, seed: int, i: int) -> tuple[Path, dict[str, object]]:
    """Page ``i`` of ``family``/``variant`` exactly as ``bench/ocr.py --seed SEED`` makes it, and its record."""
    from pgdocs.samples.certificates import _pick_font, render_certificate, truth_for
    from pgdocs.samples.fakedata import KINDS, seeded
    from pgdocs.samples.families import pick_font, prepare

    rng = seeded(f"bench-ocr:{seed}:{family}:{variant}:{i}")
    bd = prepare(family, rng, KINDS[i % len(KINDS)])
    font = _pick_font(rng, variant) if family == "classic" else pick_font(family, rng, variant)
    path, info = render_certificate(bd, variant, font, tmp / f"{family}-{variant}", rng=rng, family=family)
    printed = info.pop("printed")
    assert isinstance(printed, dict)
    record = truth_for(bd, rng, variant=variant, font=font, family=family, printed=printed)["record"]
    assert isinstance(record, dict)
    return path, record
