"""Read a 사업자등록증 (image or PDF) into the ``pgdocs extract`` JSON contract.

One orchestrator: load → PDF text layer if trustworthy → else prepare the page
image → one Tesseract pass (Hangul script model, psm 4) → fields from word boxes →
a digit-only second pass on the number crops when the check digit fails.
A page that reads as junk is turned 180° (or 270° when it was turned 90°) and
read once more. Boxes are reported in the original image's pixels.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from PIL import Image

from pgdocs.errors import InputError, ReviewNeeded
from pgdocs.jsonio import Report
from pgdocs.ocr import tesseract
from pgdocs.ocr.fields import FieldValue, ParsedPage, number_candidates, parse_lines
from pgdocs.ocr.kind import KindGuess, blank_guess, blank_image, detect_kind, mark_page, page_for_slot, wrong_for_slot
from pgdocs.ocr.layout import group_lines
from pgdocs.ocr.load import Document, load_document, load_pdf_image
from pgdocs.ocr.preprocess import (
    PATTERN_INK,
    TARGET_GLYPH_PX,
    Prepared,
    brightest_channel,
    descreen,
    ink_share,
    prepare,
    screen_photo,
)
from pgdocs.ocr.tesseract import Word

log = logging.getLogger(__name__)

__all__ = ["FIELD_NAMES", "Extraction", "extract", "extract_document", "extract_words"]

FIELD_NAMES = (
    "business_number", "business_name", "representative", "birth_date", "opening_date", "corporate_number",
    "address", "head_office_address", "business_type", "business_item", "issue_date", "tax_office",
)
#: fewer labels than this means the page was not read (upside down, not a certificate, unreadable)
MIN_LABELS = 3
#: a page turned to portrait whose text measures below this glyph height (original pixels) was turned on
#: end: a landscape document (a passbook page at 200 dpi measured 6.9 px turned, 33 px as it is)
SIDEWAYS_GLYPH_PX = 10.0
#: a PDF page whose images cover this share of it is a picture: its text layer alone never names it another kind
#: (a scanned certificate with a fax header or a scanner's caption is read by OCR)
TEXT_PAGE_IMAGE_SHARE = 0.3


class ExtractField(TypedDict):
    """One field of the ``pgdocs extract`` JSON contract."""

    value: str | None  #: None only once masked away (personal data the caller did not ask to see)
    confidence: float
    box: list[int] | None


class ExtractReport(TypedDict):
    """The ``pgdocs extract`` JSON contract (:meth:`Extraction.to_dict`)."""

    document: str
    detected_kind: str | None
    tax_type: str | None
    entity: str | None
    fields: dict[str, ExtractField]
    quality: Report


@dataclass
class Extraction:
    """What was read from one page."""

    page: ParsedPage
    source: str  #: "ocr" or "text_layer"
    prepared: Prepared | None = None
    image: Image.Image | None = None  #: the original page image (for annotation)
    quality: Report = field(default_factory=dict)
    seconds: float = 0.0
    #: how long the first Tesseract pass over the whole page took (0: none was made) — the measure a second pass
    #: over the page is held to (:data:`pgdocs.ocr.reread.CLEAN_READ_BUDGET`)
    read_seconds: float = 0.0
    #: second reads of single fields from their own crop (:mod:`pgdocs.ocr.reread`), by field name
    rereads: dict[str, FieldValue | None] = field(default_factory=dict)
    #: the whole page read once more without table rules (:func:`pgdocs.ocr.reread.clean_read`); read at most once
    clean_page: ParsedPage | None = None
    clean_image: Image.Image | None = None
    clean_tried: bool = False
    #: the 사업의 종류 block cropped from the page (:func:`pgdocs.ocr.reread.kind_block`), once asked for; its reads,
    #: by kind of read (None: the read failed)
    kind_image: Image.Image | None = None
    kind_tried: bool = False
    kind_reads: dict[str, ParsedPage | None] = field(default_factory=dict)
    #: what kind of document the page looked like (:mod:`pgdocs.ocr.kind`); None when nothing was read
    kind: KindGuess | None = None

    @property
    def fields(self) -> dict[str, FieldValue]:
        return self.page.fields

    def box(self, name: str) -> list[int] | None:
        """The field's box in the original image's pixels: where the page read found it, or else where the second
        read without table rules did (:func:`pgdocs.ocr.reread.clean_read`, same word space) — a field settled by
        that read is checked for pasting and drawn on the picture like any other."""
        fv = self.page.fields.get(name)
        if (fv is None or not fv.words) and self.clean_page is not None:
            fv = self.clean_page.fields.get(name)
        if fv is None or not fv.words:
            return None
        x0 = min(w.left for w in fv.words)
        y0 = min(w.top for w in fv.words)
        x1 = max(w.right for w in fv.words)
        y1 = max(w.bottom for w in fv.words)
        if self.prepared is not None:
            return self.prepared.to_original((x0, y0, x1, y1))
        return [x0, y0, x1, y1]

    def to_dict(self) -> ExtractReport:
        fields: dict[str, ExtractField] = {
            name: {"value": fv.value, "confidence": round(min(1.0, max(0.0, fv.confidence)), 3), "box": self.box(name)}
            for name in FIELD_NAMES
            if (fv := self.page.fields.get(name)) is not None
        }
        return {
            "document": "business_registration",
            "detected_kind": self.kind.kind if self.kind is not None else None,
            "tax_type": self.page.tax_type,
            "entity": self.page.entity,
            "fields": fields,
            "quality": self.quality,
        }


def extract_words(words: list[Word]) -> ParsedPage:
    """Fields from word boxes (recorded TSV in tests, a text layer, or a live OCR pass)."""
    return parse_lines(group_lines(words))


def _text_layer(doc: Document) -> Extraction | None:
    from pgdocs.ocr.textlayer import looks_sane, read_text_layer

    layer = read_text_layer(doc.data or doc.path.read_bytes(), page=doc.page)
    words = layer.words
    if not looks_sane(words):
        log.info("PDF text layer missing or garbled; rasterising")
        return None
    page = extract_words(words)
    guess = detect_kind(page.lines)
    if wrong_for_slot("business_registration", guess) and guess.kind != "blank" and (
        layer.image_share < TEXT_PAGE_IMAGE_SHARE
    ):
        # a page of text (not a picture with a caption) that reads as a bank book or another document: what OCR
        # would read is the same text, so no second read is needed to name it
        log.info("PDF text layer reads as %s", guess.kind)
        return Extraction(page, "text_layer", quality={"source": "text_layer", "warnings": []}, kind=guess)
    bn = page.fields.get("business_number")
    if page.labels_found < MIN_LABELS or bn is None or not bn.checked:
        log.info("PDF text layer fails the checks (labels=%s, number=%s); rasterising", page.labels_found, bn)
        return None
    return Extraction(page, "text_layer", quality={"source": "text_layer", "warnings": []}, kind=guess)


def read_page(prep: Prepared, timeout: float, image: Image.Image | None = None) -> ParsedPage:
    """One Tesseract pass over the prepared page (or ``image``, a copy of it in the same pixels) into fields."""
    words = tesseract.image_to_data(prep.image if image is None else image, psm=4, timeout=timeout)
    return extract_words(prep.straighten(words))


def _descreened(prep: Prepared) -> Prepared:
    """``prep`` with its screen pattern taken out (:func:`descreen`)."""
    image, share = descreen(prep.image, (prep.glyph_px or TARGET_GLYPH_PX) * prep.scale)
    log.debug("descreened: %.1f%% of the spectrum", share * 100)
    return dataclasses.replace(prep, image=image, descreened=True)


def _brightest(doc: Document, prep: Prepared) -> Prepared:
    """The page's brightest channel, prepared as ``prep`` was and descreened: a monitor's moiré is coloured fringes,
    and the brightest of the three channels has white paper wherever a fringe is while text stays dark in all three;
    what is left of the pattern is grey stripes, taken out of the spectrum."""
    if doc.image is None:  # pragma: no cover - only called for an image
        return prep
    return _descreened(prepare(brightest_channel(doc.image), rotation=prep.rotation, source_dpi=doc.dpi))


def _first_read(doc: Document, prep: Prepared, fringed: Callable[[], bool],
                timeout: float) -> tuple[ParsedPage, Prepared, bool]:
    """The page's first Tesseract pass, and whether the page was a pattern (then it was also read without it).

    A prepared page that is mostly "ink" (:data:`PATTERN_INK`) is the moiré of a phone photo of a monitor, which
    levelling turns into stripes: Tesseract reads them as thousands of glyphs — 10–20 s for a page whose raw read
    takes 0.5 s (bench/ocr.py seed 487) — and then reads next to nothing, and the page was read again without its
    pattern anyway. Such a page is read descreened first, then (a photo with a monitor's coloured fringes) by its
    brightest channel; only when neither reads enough is it read as it is, and the best read is kept."""
    if ink_share(prep.image) <= PATTERN_INK or (prep.glyph_px or 0) < SIDEWAYS_GLYPH_PX:
        return read_page(prep, timeout), prep, False
    reads: list[tuple[ParsedPage, Prepared]] = []
    ways: list[Callable[[], Prepared | None]] = [lambda: _descreened(prep),
                                                  lambda: _brightest(doc, prep) if fringed() else None, lambda: prep]
    for way in ways:
        candidate = way()
        if candidate is None:
            continue
        page = read_page(candidate, timeout)
        log.debug("a pattern: read%s, %d labels", " descreened" if candidate.descreened else " as it is",
                  page.labels_found)
        reads.append((page, candidate))
        if page.labels_found >= MIN_LABELS:
            break
    page, chosen = max(reads, key=lambda r: r[0].labels_found)  # the first of equals: the descreened read
    return page, chosen, True


def _digit_pass(page: ParsedPage, prep: Prepared, timeout: float) -> None:
    """Re-read number crops with a digit whitelist when the check digit failed (docs/ocr.md#char-whitelist)."""
    for name, kind in (("business_number", "brn"), ("corporate_number", "crn")):
        fv = page.fields.get(name)
        words = page.raw_words.get(name)
        if (fv is not None and fv.checked) or not words:
            continue
        x0, y0, x1, y1 = prep.image_box((min(w.left for w in words), min(w.top for w in words),
                                         max(w.right for w in words), max(w.bottom for w in words)))
        crop = prep.image.crop((max(0, x0 - 12), max(0, y0 - 12), x1 + 12, y1 + 12))
        try:
            cwords = tesseract.image_to_data(crop, lang="kor", psm=7, whitelist="0123456789-", timeout=timeout)
        except ReviewNeeded:
            continue
        text = " ".join(w.text for w in cwords)
        cands = number_candidates(text, kind)
        if cands and cands[0][1]:
            val = cands[0][0]
            conf = sum(w.conf for w in cwords) / max(1, len(cwords)) / 100
            log.debug("digit pass fixed %s", name)
            page.fields[name] = FieldValue(val, conf, words, checked=True)


def extract_document(doc: Document, *, timeout: float = tesseract.DEFAULT_TIMEOUT) -> Extraction:
    """Extract from an already loaded document."""
    t0 = time.perf_counter()
    if doc.kind == "pdf":
        ex = _text_layer(doc)
        if ex is not None:
            ex.seconds = time.perf_counter() - t0
            return ex
        load_pdf_image(doc)
    if doc.image is None:  # pragma: no cover - load_document always gives images an image
        raise InputError("DOC_UNREADABLE", f"페이지 이미지를 얻지 못했습니다: {doc.path.name}")
    if blank_image(doc.image):
        # nothing printed: not worth a Tesseract pass, and no advice about light or resolution either
        ex = Extraction(ParsedPage(), "ocr", image=doc.image, quality={"source": "ocr", "input": doc.kind},
                        kind=blank_guess())
        ex.seconds = time.perf_counter() - t0
        return ex
    tesseract.ensure_available()
    prep = prepare(doc.image, source_dpi=doc.dpi)
    if prep.rotation == 90 and (prep.too_poor or (prep.glyph_px or SIDEWAYS_GLYPH_PX) < SIDEWAYS_GLYPH_PX):
        # turned to portrait, its lines stand on end and measure as tiny glyphs: a landscape document (a bank
        # book in the wrong slot) is read as it is, so it can be named without a wasted Tesseract pass
        upright = prepare(doc.image, rotation=0, source_dpi=doc.dpi)
        if not upright.too_poor and (upright.glyph_px or 0) >= SIDEWAYS_GLYPH_PX:
            prep = upright
    if prep.too_poor:
        ex = Extraction(ParsedPage(), "ocr", prepared=prep, image=doc.image, quality=_quality(prep, doc))
        ex.quality["readable"] = False
        ex.seconds = time.perf_counter() - t0
        return ex
    t1 = time.perf_counter()
    # a photo of a monitor? measured at most once, and only for a page that read as too little or a pattern
    original = doc.image
    fringed = functools.cache(lambda: original is not None and screen_photo(original))
    page, prep, pattern = _first_read(doc, prep, fringed, timeout)
    t2 = time.perf_counter()
    log.debug("prepare %.2fs, ocr %.2fs, labels %d", t1 - t0, t2 - t1, page.labels_found)
    guess = detect_kind(page.lines)
    if page.labels_found < MIN_LABELS and guess.kind in ("unknown", "blank") and not prep.too_poor and (
            prep.glyph_px or 0) >= SIDEWAYS_GLYPH_PX and not pattern:
        # read as nothing, or as junk, with glyphs of a readable size: first the page without its screen pattern —
        # the moiré of a phone photo of a monitor makes Tesseract's binarisation take the page for a picture
        # (6 of 24 moiré pages unread, bench/ocr.py seed 21). Then, below, turned: it may be upside down
        quiet = _descreened(prep)
        page2 = read_page(quiet, timeout)
        log.debug("descreened read: %d labels", page2.labels_found)
        if page2.labels_found > page.labels_found:
            page, prep, guess = page2, quiet, detect_kind(page2.lines)
    if page.labels_found < MIN_LABELS and not prep.too_poor and not pattern and fringed():
        # a photo of a monitor, by its coloured fringes: its brightest channel (:func:`_brightest`)
        lit = _brightest(doc, prep)
        page3 = read_page(lit, timeout)
        log.debug("brightest-channel read: %d labels", page3.labels_found)
        if page3.labels_found > page.labels_found:
            page, prep, guess = page3, lit, detect_kind(page3.lines)
    # a page upside down reads as junk: turn it once — unless it already read as a blank page or as a
    # document of another kind (a bank book), which turning cannot make a certificate
    if page.labels_found < MIN_LABELS and guess.kind != "bankbook":
        # a landscape page was turned to portrait; if that read nothing it is a landscape document (a bank
        # book): read it as it is. Otherwise it may be a certificate upside down: turn it by 180°
        # (turned on end, text lines measure as tiny glyphs: :data:`SIDEWAYS_GLYPH_PX`)
        sideways = guess.kind == "blank" or (prep.glyph_px or SIDEWAYS_GLYPH_PX) < SIDEWAYS_GLYPH_PX
        turn = 0 if prep.rotation == 90 and sideways else (prep.rotation + 180) % 360
        # turned both ways and junk both times: a landscape document after all, whose lines the shadow of uneven
        # light made measure like glyphs (a 새마을금고 bank book photographed under a lamp) — read it as it is
        turns = [turn, 0] if turn != 0 and prep.rotation == 90 else [turn]
        vague = ("unknown", "blank")
        for turn in turns:
            retry = prepare(doc.image, rotation=turn, source_dpi=doc.dpi)
            page2 = read_page(retry, timeout)
            guess2 = detect_kind(page2.lines)
            if page2.labels_found >= MIN_LABELS or guess2.kind not in vague:
                break
        named = guess.kind in vague and guess2.kind not in vague  # the turned page reads as some document
        if page2.labels_found > page.labels_found or named or (guess.kind == "blank" and guess2.chars > guess.chars):
            page, prep, guess = page2, retry, guess2
    if guess.kind == "blank":
        # next to nothing read on a page that holds ink (blank_image said so above): a photo of a monitor with
        # moiré, a washed-out scan — unreadable, never "not a certificate" (9 of 32 moiré photos were refused so)
        guess = dataclasses.replace(guess, kind="unknown")
    if wrong_for_slot("business_registration", guess):
        ex = Extraction(page, "ocr", prepared=prep, image=doc.image, quality=_quality(prep, doc), kind=guess)
        ex.seconds = time.perf_counter() - t0
        return ex
    _digit_pass(page, prep, timeout)
    log.debug("after retry/digit pass %.2fs", time.perf_counter() - t2)
    ex = Extraction(page, "ocr", prepared=prep, image=doc.image, quality=_quality(prep, doc), kind=guess,
                    read_seconds=t2 - t1)
    ex.quality["readable"] = page.labels_found >= MIN_LABELS
    if not ex.quality["readable"] and fringed():
        ex.quality["screen_photo"] = True  # for the advice (preprocess.unreadable_reason)
    ex.seconds = time.perf_counter() - t0
    return ex


def _quality(prep: Prepared, doc: Document) -> Report:
    q = prep.quality()
    q["source"] = "ocr"
    q["input"] = doc.kind
    return q


def extract(path: str | Path, *, timeout: float = tesseract.DEFAULT_TIMEOUT) -> Extraction:
    """Read the certificate at ``path`` (PNG/JPEG/TIFF/WebP/BMP/PDF; in a short PDF whose page 1 is another
    document, the first page that is not: :func:`pgdocs.ocr.kind.page_for_slot`)."""
    doc = load_document(path, want_image=False)
    ex, page = page_for_slot(doc, "business_registration", lambda d: extract_document(d, timeout=timeout),
                             lambda e: e.kind)
    mark_page(ex.quality, page, "business_registration")
    return ex
