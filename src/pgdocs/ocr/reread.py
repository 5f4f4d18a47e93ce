"""A second, tighter look at one field whose page read did not settle it.

The full-page pass reads every field in its page context; a name syllable next to a seal, a table
line or a noisy background is often misread there (공방 → 공블 on a low-resolution page, 마루 → 미루 on
a fax) and read right when the field's own box is OCR'd alone as one text line (``--psm 7``).

Verification asks for this only for a field the first read did not settle (never for a match). The
re-read lifts it to a match only when the page, read once more, says exactly what was declared, and
confirms a difference (a mismatch) only when it says exactly what the first read said: a number or date
with one look-alike digit (read again with a digit whitelist), a name one syllable off. A tampered
record still has to be read off the page — both reads are of the same genuine page — so this cannot
make a forgery pass that the first read would have caught. Each field's re-read mode is in its spec
(:mod:`pgdocs.ocr.spec`). The result is cached on the :class:`Extraction`, so one
page compared with many records (batch, bench) is re-read at most once per field.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from pgdocs.errors import PgdocsError
from pgdocs.hangul import is_hangul_syllable
from pgdocs.imaging import grey
from pgdocs.ocr import tesseract
from pgdocs.ocr.cells import value_cell
from pgdocs.ocr.extract import Extraction, read_page
from pgdocs.ocr.fields import (
    _LABEL_TAIL,
    DATE_UNIT_PUNCT,
    FieldValue,
    ParsedPage,
    _address_value,
    birth_from_resident,
    birth_words,
    parse_lines,
    resident_birth_date,
)
from pgdocs.ocr.layout import TABLE_FIELDS, find_labels, group_lines
from pgdocs.ocr.preprocess import (
    PATTERN_INK,
    TARGET_GLYPH_PX,
    Prepared,
    ink_share,
    long_runs,
    with_edges,
    without_rules,
)
from pgdocs.ocr.spec import FIELDS, reread_fields
from pgdocs.text import ascii_digits

log = logging.getLogger(__name__)

__all__ = ["CELL_READS", "REREAD_FIELDS", "cell_read", "clean_read", "clean_reread", "kind_block", "reread"]

#: fields read as one line of text whose value is taken whole from the re-read
LINE_FIELDS = reread_fields("line")
#: the 업태/종목 cells: one column of the table, re-read as a block (junk glyphs from the table lines
#: and the seal come and go between reads: 공급업 → 공브급업 on a clean page)
BLOCK_FIELDS = reread_fields("block")
#: the address may wrap onto a second line; its numbers must still agree exactly to match
TEXT_FIELDS = reread_fields("text")
#: dates: a page read like "2011 년 너 월 기 7 일" (11 → 너, 17 → 기 7) is read again from the words after the label
DATE_FIELDS = reread_fields("date")
#: registration numbers: the crop after the label read with a digit whitelist (docs/ocr.md#char-whitelist)
DIGIT_FIELDS = reread_fields("digits")
#: what a date crop may contain (a tight crop: the whitelist cannot drop other words, tesseract #3485)
DATE_CHARS = "0123456789년월일.-:"
#: what a number crop may contain
DIGIT_CHARS = "0123456789-"
REREAD_FIELDS = reread_fields()
#: margin around the field's words, in word heights (more lets the label or a table line back in)
PAD = 0.3
#: how far past a one-line field's last word its crop reaches, in line heights (about two syllables)
REACH = 2.5
#: model of the crop pass: the small ``kor`` model loads in a third of the time of ``Hangul`` (0.09 s
#: against 0.23 s on a date crop), and a second opinion from another model is worth more than a repeat
CROP_LANG = "kor"
#: model of a masked 주민등록번호's crop (digits, a hyphen, stars)
RESIDENT_LANG = "eng"
#: timeout of the crop pass (a few words: well under a second normally)
TIMEOUT = 20.0
#: …and a crop read may take at most this many times as long as the page's first pass, and at least
#: CROP_READ_MIN_SECONDS: crops take 0.01–0.6 s (a fax's 사업의 종류 block enlarged, 4148×849 px: 0.57 s, its page
#: pass 1.68 s), but the 종목 block of a phone photo of a monitor, its moiré kept, took 3.8 s and 9.2 s enlarged
#: after a page pass of 1.24 s (bench/ocr.py seed 491). A second opinion that late is no opinion: no value
CROP_READ_BUDGET = 1.5
CROP_READ_MIN_SECONDS = 2.0


def _held_to(ex: Extraction, timeout: float, budget: float, floor: float) -> float:
    """``timeout``, at most ``budget`` times as long as ``ex``'s page pass took and at least ``floor`` seconds."""
    if not ex.read_seconds:
        return timeout
    return min(timeout, max(floor, budget * ex.read_seconds))


def _crop_timeout(ex: Extraction, timeout: float) -> float:
    """``timeout`` held to a crop read's budget (:data:`CROP_READ_BUDGET`)."""
    return _held_to(ex, timeout, CROP_READ_BUDGET, CROP_READ_MIN_SECONDS)


#: 2019년 12월 23일 (a two-digit day needs no 일 after it: Tesseract drops a last glyph at a crop's edge, and no
#: day has a third digit the crop could have cut off), 2019.12.23 / 2019-12-23
_WHOLE_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2}\s*일|\d{2})|(\d{4})([-.])(\d{2})\5(\d{2})\.?")


def _whole_date(text: str) -> str:
    """The crop's text as one date, or "" — stricter than the page parser: digits split by a space are one number
    (1 7 → 17, never day 1), the date must end as dates end (일, or a two-digit day), and nothing else may be left
    over: a crop cut short after "11 월 1" is no date."""
    text = re.sub(r"(?<=\d)\s+(?=\d)", "", text.strip())
    text = DATE_UNIT_PUNCT.sub(" ", text)  # it hides no digit
    text = re.sub(r"(?<=\d):(?=\s*[년월일])", " ", text)  # nor does a colon the crop's whitelist let through
    m = _WHOLE_DATE.fullmatch(text)
    if m is None:
        return ""
    y, mo, d = (m[1], m[2], m[3].rstrip("일 ")) if m[1] else (m[4], m[6], m[7])
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return ""


_NUMBER_LENGTH = {"brn": 10, "crn": 13}
_WHITELIST = {"date": DATE_CHARS, "digits": DIGIT_CHARS}
#: fields whose crop is read as one text line (psm 7), the rest as a block
ONE_LINE_FIELDS = LINE_FIELDS | DATE_FIELDS | DIGIT_FIELDS


#: what a masked 주민등록번호 prints: its digits, the hyphen and the stars
RESIDENT_CHARS = "0123456789-*"


def _resident_value(text: str) -> str:
    """The birth date (ISO) a crop read of a masked 주민등록번호 gives, or "" — also when the read holds a Q: the
    Latin model reads some fonts' 9 as Q, and Q is as often a 0, so no digit of it can be trusted.

    >>> _resident_value("950322-*******"), _resident_value("Q50322— eke ate")
    ('1995-03-22', '')
    """
    return "" if "Q" in text else (resident_birth_date(text) or "")


def _value(words: list[tesseract.Word], name: str) -> str:
    lines = group_lines(words)
    if name in DIGIT_FIELDS:
        digits = ascii_digits(" ".join(ln.text for ln in lines))
        return digits if len(digits) == _NUMBER_LENGTH.get(str(FIELDS[name].check_digit), -1) else ""
    if name in DATE_FIELDS:
        text = " ".join(ln.text for ln in lines)
        tail = text.rsplit(":", 1)[-1]  # the label's colon and the label before it
        if not re.search(r"\d{4}", tail):
            # the last colon was no label's: a stray one after the year ("일 :2024: 년 01 월 08 일", a fax)
            tail = re.sub(r"^\D*", "", text)
        return _whole_date(tail)
    if name in BLOCK_FIELDS:
        return ", ".join(ln.text.strip() for ln in lines if re.search(r"[가-힣]", ln.text))
    if name in TEXT_FIELDS:
        text = " ".join(ln.text.strip() for ln in lines)
        text = re.sub(r"^[^가-힣]+", "", text.rsplit(":", 1)[-1] if ":" in text[:12] else text)
        return _address_value(re.sub(r"\s+", " ", text)).strip()
    if len(lines) != 1:
        return ""  # a one-line field re-read as several lines: the crop caught something else
    text = lines[0].text
    if ":" in text:  # a bit of the label came along: keep what follows it
        text = text.rsplit(":", 1)[1]
    text = _LABEL_TAIL.sub("", re.sub(r"\s+", " ", text).strip())  # the label's tail: "( 대표 유형) 방결민"
    text = re.sub(r"^[^가-힣(㈜]+|[^가-힣)]+$", "", text)  # stray strokes at either end (a table line)
    return re.sub(r"\s+", " ", text).strip()


#: a gap between two words wider than this many line heights is a column gap: the next field on the row
COLUMN_GAP = 1.5
#: the numbers of a date read so far (:func:`_first_column`)
_NUMBERS = re.compile(r"\d+")


def _first_column(ws: list[tesseract.Word]) -> list[tesseract.Word]:
    """A date's words up to the first column gap after its year, month and day: the row's second field
    ("법인등록번호: 131114-…" beside the 개업연월일, its label misread so the date's words ran into it) is no part of
    the date's crop, which must read as one whole date (classic 200-dpi scan, bench/ocr.py seed 4). A gap before
    the date is whole is a number the page pass dropped: "2015 년 월 24 일", the 11 under the emblem's ring lost,
    was cut to "2015 년" and its crop could not hold a date (nts2025 clean, bench/ocr.py seed 433)."""
    ws = sorted(ws, key=lambda w: w.left)
    height = sorted(w.height for w in ws)[len(ws) // 2]
    first = next((k for k, w in enumerate(ws) if any(c.isdigit() for c in w.text)), len(ws))
    for k in range(first + 1, len(ws)):  # (a label's tail before the date may stand a column gap apart)
        if ws[k].left - ws[k - 1].right > COLUMN_GAP * height and len(
                _NUMBERS.findall(" ".join(w.text for w in ws[first:k]))) >= 3:
            return ws[:k]
    return ws


def _reach_right(page: ParsedPage, ws: list[tesseract.Word], right: int, height: int) -> int:
    """Right edge of a one-line field's crop: past its last word by REACH line heights (a last syllable
    Tesseract dropped from the page read, 푸른유통 → 푸른유, sits there; a crop ending inside a glyph reads
    as junk), but short of the next word on the same line (the 생년월일 label beside 성명)."""
    last = ws[-1]
    line = next((ln for ln in page.lines if any(w is last for w in ln.words)), None)
    limit = right + round(REACH * height)
    if line is not None:
        after = [w.left for w in line.words if w.left >= last.right and w is not last]
        if after:
            limit = min(limit, min(after) - round(PAD * height) - 1)
    return max(right, limit)


def _reach_left(page: ParsedPage, ws: list[tesseract.Word], left: int, height: int) -> int:
    """Left edge of a name's crop: before its first word by REACH line heights (a first syllable Tesseract dropped
    beside a table's rule, 김유승 read "유승" on a 사업자등록증명 photo, sits there), but short of the word before it
    on the same line (the label)."""
    first = min(ws, key=lambda w: w.left)
    line = next((ln for ln in page.lines if any(w is first for w in ln.words)), None)
    limit = left - round(REACH * height)
    if line is not None:
        before = [w.right for w in line.words if (w.left + w.right) / 2 < first.left and w is not first]
        if before:
            limit = max(limit, max(before) + round(PAD * height) + 1)
    return min(left, max(0, limit))


#: the crop's second read enlarges it this many times: a crop's misread depends on its pixels' size — the crop
#: that made 심성서 into 심정서 read 심성서 at 1.5× (and 2×, 0.75×), and five of six genuine names and dates the
#: page had misread read as declared at every size (bench/ocr.py seeds 4 and 4242)
SECOND_CROP_SCALE = 1.5


#: the model of the crop's read by the page's own model (:func:`reread` ``model=``): the page pass reads with the
#: Hangul script model and the crop pass with ``kor``; when the two disagree on a syllable the page read with
#: confidence, the crop read by the page's model is a third opinion from the other network
PAGE_MODEL = "Hangul"


def reread(ex: Extraction, name: str, *, timeout: float = TIMEOUT, scale: float = 1.0,
           model: str | None = None, ink: bool = False) -> FieldValue | None:
    """The field ``name`` read again from its own crop (enlarged ``scale`` times: :data:`SECOND_CROP_SCALE` for
    a second crop read; with ``model`` instead of :data:`CROP_LANG`: :data:`PAGE_MODEL` for a third; ``ink``: with
    only its ink kept, :func:`ink_only`), or ``None`` when that is not possible. Read at most once per field and
    kind of read."""
    key = name if scale == 1.0 else f"enlarged:{name}"
    if model is not None:
        key = f"{model}:{key}"
    if ink:
        key = f"ink:{key}"
    if key in ex.rereads:
        return ex.rereads[key]
    ex.rereads[key] = None
    if ex.prepared is None or ex.source != "ocr":
        return None
    out = _crop_read(ex.page, ex.prepared, ex.prepared.image, name, _crop_timeout(ex, timeout), scale, model, ink=ink)
    ex.rereads[key] = out
    return out


def _crop_read(page: ParsedPage, prep: Prepared, image: Image.Image, name: str, timeout: float,
               scale: float = 1.0, model: str | None = None, *, ink: bool = False) -> FieldValue | None:
    """The field's words on ``page`` (read from ``image``) cropped and read alone, with the crop model or
    ``model`` (the crop enlarged ``scale`` times first, when not 1; only its ink kept, when ``ink``)."""
    fv = page.fields.get(name)
    if name == "birth_date":
        ws = birth_words(page)
    elif name in DATE_FIELDS or name in DIGIT_FIELDS:
        ws = page.raw_words.get(name) or (fv.words if fv is not None else [])
    else:
        ws = (fv.span if name in LINE_FIELDS and fv.span else fv.words) if fv is not None else []
    if name not in REREAD_FIELDS or not ws:
        return None
    if name in DATE_FIELDS:
        ws = _first_column(ws)
    one_line = name in ONE_LINE_FIELDS
    # a one-line field: its box height (a junk word inside may be tiny); a block: one line's height
    height = max(w.bottom for w in ws) - min(w.top for w in ws) if one_line \
        else sorted(w.height for w in ws)[len(ws) // 2]
    right, left = max(w.right for w in ws), min(w.left for w in ws)
    if one_line:
        right = _reach_right(page, ws, right, height)
    if name in LINE_FIELDS:
        left = _reach_left(page, ws, left, height)
    x0, y0, x1, y1 = prep.image_box((left, min(w.top for w in ws), right, max(w.bottom for w in ws)))
    pad = max(2, round(PAD * height))
    w_img, h_img = image.size
    crop = image.crop((max(0, x0 - pad), max(0, y0 - pad), min(w_img, x1 + pad), min(h_img, y1 + pad)))
    if crop.width < 4 or crop.height < 4:
        return None
    # a 사업자등록증명's birth date is the head of a masked 주민등록번호 ("880412-*******"), not a date in words:
    # digits, a hyphen and stars, which the Latin model reads (the Korean one, whitelist or not, makes the stars
    # digits: "835031222 727" for 850312-*******)
    resident = name == "birth_date" and birth_from_resident(page)
    lang, allowed = (RESIDENT_LANG, None) if resident else (model or CROP_LANG,
                                                             _WHITELIST.get(FIELDS[name].reread or ""))
    if scale != 1.0:
        crop = _enlarged(crop, scale)
    if ink:
        crop = ink_only(crop)
    return _read_crop(crop, name, one_line=one_line, height=round(height * scale), lang=lang, allowed=allowed,
                      resident=resident, timeout=timeout)


def _read_crop(crop: Image.Image, name: str, *, one_line: bool, height: int, lang: str, allowed: str | None,
               resident: bool, timeout: float) -> FieldValue | None:
    """The field's value in ``crop`` (its glyphs ``height`` pixels high) read by ``lang`` held to ``allowed``: one
    text line or a block, then — when that gave nothing — as the crop is, without its rules or with only its ink.
    ``resident``: a masked 주민등록번호 whose head is the birth date."""

    def read(img: Image.Image, psm: int, lang: str = lang, allowed: str | None = allowed,
             ) -> tuple[list[tesseract.Word], str]:
        words = tesseract.image_to_data(img, lang=lang, psm=psm, timeout=timeout, whitelist=allowed)
        text = _resident_value(" ".join(ln.text for ln in group_lines(words))) if resident \
            else _value(words, name)
        return words, text

    try:
        words, value = read(crop, 7 if one_line else 6)
        if one_line and not words:
            # psm 7 still runs the layout analysis, and a stroke of the emblem across the crop can leave it with
            # no text line at all ("720617-*******" read as nothing); psm 13 takes the crop as the line it is
            words, value = read(crop, 13)
        if not value and resident:
            # the Latin model read a fax's 9 as Q ("Q50322—"), or lost a digit ("85111 —HHHHHHH"); the crop model,
            # held to digits, a hyphen and stars, read "950322-****" and "851114-" (bench/ocr.py seed 4, 증명 faxes)
            words, value = read(crop, 7, CROP_LANG, RESIDENT_CHARS)
        if _no_text(name, value) and (bare := without_crop_rules(crop, height)) is not None:
            # a table's rule beside the value, taken into the crop (:func:`_reach_left`), can make Tesseract read
            # the line as nothing like it: a clean 증명's 한빛푸드 was read "| 9", and exactly without its rule
            # (bench/ocr.py seed 131). Only then: a crop read without its rule reads otherwise where it did read —
            # 민서영 became 민서명 by every model (a 증명 fax, seed 4)
            words, value = read(bare, 7 if one_line else 6)
        if not value:
            # a pale mark through the field (the emblem's ring across the 1 of "01": read "0") is part of what
            # Tesseract binarises; once more with only the ink kept
            words, value = read(ink_only(crop), 7 if one_line else 6)
    except PgdocsError as err:  # a timeout or crash here only means: no second opinion
        log.info("re-read of %s failed: %s", name, err.code)
        return None
    if not value:
        return None
    conf = round(sum(w.conf for w in words) / len(words) / 100, 3) if words else 0.0
    # crop coordinates: the field's box on the page stays that of the page read (Extraction.box)
    log.debug("re-read %s", name)
    return FieldValue(value, conf, words)


def _enlarged(crop: Image.Image, scale: float) -> Image.Image:
    """``crop`` resized ``scale`` times (Lanczos): a field's crop, or the 사업의 종류 block, read enlarged."""
    return crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)


#: where :func:`ink_only` cuts, between the crop's darkest ink (0) and its paper (1): the NTS emblem's ring and the
#: security pattern print at 180–200 on paper at 230 and ink at 60–100 on a 300-dpi scan, and a cut halfway keeps
#: every glyph whole (0.35–0.65 read the same date) and none of the ring
PALE_CUT = 0.5


def _ink(gray: NDArray[np.uint8]) -> tuple[NDArray[np.bool_], float]:
    """The crop's ink — darker than halfway (:data:`PALE_CUT`) between its darkest ink and its paper — and the
    paper's shade."""
    dark, paper = float(np.percentile(gray, 0.5)), float(np.median(gray))
    return gray < dark + PALE_CUT * (paper - dark), paper


def ink_only(crop: Image.Image) -> Image.Image:
    """``crop`` in black and white, cut halfway between its ink and its paper: pale marks printed behind the text
    (an emblem, a security pattern, a watermark) go with the paper."""
    ink, _ = _ink(np.asarray(crop.convert("L")))
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))


def _no_text(name: str, value: str) -> bool:
    """A crop read gave nothing, or nothing of the Hangul a name, an address or a list of 업종 is written in."""
    return not value or (FIELDS[name].kind in ("company", "person", "address", "items") and not any(
        map(is_hangul_syllable, value)))


#: in a field's crop, a straight run of ink across it this many line heights tall, or CROP_RULE_WIDE wide, is a
#: table's rule, never a stroke: the tallest glyph is one line high and the crop 1 + 2·PAD lines; the longest
#: stroke (ㅡ) one glyph wide
CROP_RULE_TALL = 1.3
CROP_RULE_WIDE = 2.0


def without_crop_rules(crop: Image.Image, height: int) -> Image.Image | None:
    """``crop`` (of a field ``height`` pixels high) with its table rules painted over in its paper's shade, or
    None when it has none."""
    gray = np.asarray(crop.convert("L"))
    ink, paper = _ink(gray)
    rules = long_runs(ink, max(2, round(CROP_RULE_WIDE * height))) | long_runs(
        ink, max(2, round(CROP_RULE_TALL * height)), axis=0)
    if not rules.any():
        return None
    out = gray.copy()
    out[with_edges(rules)] = round(paper)
    return Image.fromarray(out, "L")


#: the clean read may take this many times as long as the page's first pass, and at least CLEAN_READ_MIN_SECONDS:
#: on 79 pages of every family and variant it took 1.0–1.5 times as long (bench/ocr.py seed 127); the margin is
#: for a machine busy with other work while it reads. A second opinion that late is no opinion: the page keeps
#: what the first pass read
CLEAN_READ_BUDGET = 4.0
CLEAN_READ_MIN_SECONDS = 5.0


def clean_read(ex: Extraction, *, timeout: float = tesseract.DEFAULT_TIMEOUT) -> ParsedPage | None:
    """The whole page read once more from a copy without table rules and shading (:func:`without_rules`).

    A second opinion for fields the first read and their crops did not settle: a table row Tesseract's page
    segmentation dropped, a value merged with its grey label cell, a field the first read never found (so it has
    no crop to re-read). One more Tesseract pass, made at most once per page and only when some field is
    unsettled; not made of a copy that is mostly ink (:data:`pgdocs.ocr.preprocess.PATTERN_INK`) and given up past
    :data:`CLEAN_READ_BUDGET` times the first pass's time. Its values are one read
    like the first: verification takes one only when the field's crop on the clean copy, read again, says the same
    (:func:`clean_reread`).
    """
    if ex.clean_tried:
        return ex.clean_page
    ex.clean_tried = True
    prep = ex.prepared
    if prep is None or ex.source != "ocr":
        return None
    glyph = prep.glyph_px * prep.scale if prep.glyph_px else TARGET_GLYPH_PX
    image = without_rules(prep.image, glyph)
    if ink_share(image) > PATTERN_INK:
        log.info("clean read skipped: the levelled page is a pattern")
        return None
    timeout = _held_to(ex, timeout, CLEAN_READ_BUDGET, CLEAN_READ_MIN_SECONDS)
    try:
        ex.clean_page = read_page(prep, timeout, image)
    except PgdocsError as err:  # a timeout or crash here only means: no second opinion
        log.info("clean read failed: %s", err.code)
        return None
    ex.clean_image = image
    log.debug("clean read: %d labels", ex.clean_page.labels_found)
    return ex.clean_page


def clean_reread(ex: Extraction, name: str, *, timeout: float = TIMEOUT) -> FieldValue | None:
    """The field as the clean read found it, cropped from the clean copy and read alone (another model, the
    field's whitelist) — the second read a value of the clean read needs before it can settle anything."""
    key = f"clean:{name}"
    if key in ex.rereads:
        return ex.rereads[key]
    ex.rereads[key] = None
    page = clean_read(ex, timeout=timeout)
    if page is None or ex.prepared is None or ex.clean_image is None:
        return None
    out = _crop_read(page, ex.prepared, ex.clean_image, name, _crop_timeout(ex, timeout))
    ex.rereads[key] = out
    return out


#: the ways a value's table cell is read (:func:`cell_read`): by the crop model and by the page's — two networks on
#: the same pixels (a masked 주민등록번호: by the Latin model, and by the crop model held to its characters)
CELL_READS = ("crop_model", "page_model")


def cell_read(ex: Extraction, name: str, how: str, *, timeout: float = TIMEOUT) -> FieldValue | None:
    """The field read from its value cell of a ruled table (:func:`pgdocs.ocr.cells.value_cell`), cut between the
    rules and read alone, ``how`` (:data:`CELL_READS`); None when the page is not a ruled table around the field's
    label, or the read failed. Read at most once per field and way.

    For a row the page pass mixed with its wrapped label ("대뇨표요 유형) ㅎ 원 연원" for 원연원 beside
    "대표자성명( / 대표유형)", a 300-dpi scan of a 사업자등록증명 laid out by LibreOffice, bench/office.py): the
    field's own crop is then no crop of it, and the page read without rules mixes the row the same way. A
    사업자등록증명's 주민(법인)등록번호 cell is the row under the 대표자's when its wrapped label was not read."""
    key = f"cell:{how}:{name}"
    if key in ex.rereads:
        return ex.rereads[key]
    ex.rereads[key] = None
    prep = ex.prepared
    if prep is None or ex.source != "ocr" or name not in REREAD_FIELDS:
        return None
    found = _cell_box(ex.page, prep, name)
    if found is None:
        ex.rereads.update({f"cell:{other}:{name}": None for other in CELL_READS})  # no cell: none to read either way
        return None
    box, height = found
    crop = prep.image.crop(box)
    one_line = name in ONE_LINE_FIELDS
    resident = name == "birth_date" and ex.page.document == "registration_proof"
    if resident:
        lang, allowed = (RESIDENT_LANG, None) if how == "crop_model" else (CROP_LANG, RESIDENT_CHARS)
    else:
        lang, allowed = CROP_LANG if how == "crop_model" else PAGE_MODEL, _WHITELIST.get(FIELDS[name].reread or "")
    out = _read_crop(crop, name, one_line=one_line, height=height, lang=lang, allowed=allowed, resident=resident,
                     timeout=_crop_timeout(ex, timeout))
    ex.rereads[key] = out
    return out


#: a 사업자등록증명's first rows, in the order the form prints them: the cell of a row whose label was not read
#: ("EYP ane" for 대표자성명(대표유형), "사언엄자자 등록 드 로버 느" for 사업자등록번호 on 300-dpi scans) is the cell
#: that many rows from the nearest row whose label was — asked only of these rows, each a name or a number that no
#: neighbouring row's value can be mistaken for (a 개업일 and the 사업자등록일 under it are often the same date: a row
#: counted wrong where a faint rule was missed would read it)
PROOF_ROWS = ("business_name", "business_number", "representative", "resident_number")


def _cell_box(page: ParsedPage, prep: Prepared, name: str) -> tuple[tuple[int, int, int, int], int] | None:
    """The field's value cell on the prepared image (:func:`pgdocs.ocr.cells.value_cell`) and the page's glyph
    height, found from a line that reads the field's label (on a 사업자등록증명, or the label of a row near it:
    :data:`PROOF_ROWS`)."""
    proof = page.document == "registration_proof"
    key = "resident_number" if proof and name in ("birth_date", "corporate_number") else FIELDS[name].labels_key
    rows = [(key, 0)]
    if proof and key in PROOF_ROWS:
        k = PROOF_ROWS.index(key)
        rows += sorted(((row, k - j) for j, row in enumerate(PROOF_ROWS) if j != k), key=lambda r: abs(r[1]))
    # the page's glyph height, not the label's words': a letter-spaced label's syllables are boxed 13–27 px high
    height = round(prep.glyph_px * prep.scale if prep.glyph_px else TARGET_GLYPH_PX)
    gray = np.asarray(grey(prep.image))
    for row, rows_down in rows:
        for label in _label_words(page, row):
            # (each line reading the label in turn: the title 사업자등록증명 reads as 사업자등록번호's, off the table)
            box = prep.image_box((min(w.left for w in label), min(w.top for w in label),
                                  max(w.right for w in label), max(w.bottom for w in label)))
            if (cell := value_cell(gray, box, height, rows_down=rows_down)) is not None:
                return cell, height
    return None


def _label_words(page: ParsedPage, key: str | None) -> Iterator[list[tesseract.Word]]:
    """The words of each label read on the page for ``key`` (:data:`pgdocs.ocr.layout` label keys), in reading
    order."""
    for line in page.lines:
        for hit in find_labels(line):
            if hit.field == key:
                yield line.words_in(hit.start, hit.end)


#: the 사업의 종류 block's crop ends at most this many of its line's glyph heights below the line's top when no row's
#: label below it ends it first: eight lines at the table's pitch of about two heights (six 업종 to a column, two
#: of them wrapped; at 8 heights a clean page's 종목 list lost its last two lines, bench/ocr.py seed 283)
KIND_BLOCK_HEIGHTS = 16
#: the ways the block is read, in the order they are asked for: as it is, with only its ink kept (the emblem's grey
#: disc behind the 종목 column made "의류 소매업" into "의류 소매엄" as it is and left it whole in ink, seed 239),
#: enlarged (the ink alone doubled glyphs on a clean page: "소프트웨어 프트웨 어", seed 283)
KIND_BLOCK_READS = ("plain", "ink", "enlarged")


def kind_block(ex: Extraction, how: str, *, timeout: float = TIMEOUT) -> ParsedPage | None:
    """The 사업의 종류 block — its line and the 업태/종목 lines below it, up to the next row's label — cropped from
    the page and read alone as a block by the crop model, ``how`` (:data:`KIND_BLOCK_READS`), and parsed like a page
    of its own, so the table's two columns are told apart as on the page.

    For a table the page pass lost or garbled and its read without rules did not mend: on a screen capture the
    emblem's grey disc behind the 종목 column made "[종목] 의류 소매업" into "[ss] a3 ~" in both whole-page reads,
    and the block alone read "의류 소매업" (bench/ocr.py seed 239). Each read made at most once per page and only
    when asked; None when neither the page read nor the read without rules (:func:`clean_read`, made first when a
    field is unsettled) has a 사업의 종류 line (a 사업자등록증명 prints 업태 and 종목 as rows of their own, which
    their crops re-read), or when the read failed.
    """
    if how in ex.kind_reads:
        return ex.kind_reads[how]
    ex.kind_reads[how] = None
    crop = _kind_image(ex)
    if crop is None:
        return None
    if how == "ink":
        crop = ink_only(crop)
    elif how == "enlarged":
        crop = _enlarged(crop, SECOND_CROP_SCALE)
    try:
        words = tesseract.image_to_data(crop, lang=CROP_LANG, psm=6, timeout=_crop_timeout(ex, timeout))
    except PgdocsError as err:  # a timeout or crash here only means: no second opinion
        log.info("re-read of the 사업의 종류 block failed: %s", err.code)
        return None
    ex.kind_reads[how] = parse_lines(group_lines(words))
    return ex.kind_reads[how]


def _kind_image(ex: Extraction) -> Image.Image | None:
    """The 사업의 종류 block's crop of the prepared page (:func:`kind_block`), made once."""
    if ex.kind_tried:
        return ex.kind_image
    ex.kind_tried = True
    prep = ex.prepared
    if prep is None or ex.source != "ocr":
        return None
    # the line as the page pass read it, else as the read without rules did (the same word space): on a clean nts
    # page the emblem made 사업의 종류 into "사이 의 총쿠" in the first (bench/ocr.py seed 283)
    for page in (ex.page, ex.clean_page):
        lines = page.lines if page is not None else []
        hits = [find_labels(ln) for ln in lines]
        first = next((i for i, hs in enumerate(hits) if any(h.field == "business_kind" for h in hs)), None)
        if first is not None:
            break
    else:
        return None
    line = lines[first]
    height = sorted(w.height for w in line.words)[len(line.words) // 2]
    bottom = line.top + KIND_BLOCK_HEIGHTS * height
    for ln, hs in zip(lines[first + 1:], hits[first + 1:], strict=True):
        if any(h.field not in TABLE_FIELDS for h in hs):  # the next row's label (발급사유), or a stop row
            bottom = min(bottom, ln.top)
            break
    pad = round(PAD * height)
    x0, y0, _, y1 = prep.image_box((line.left, line.top, line.left, bottom))
    crop = prep.image.crop((max(0, x0 - pad), max(0, y0 - pad), prep.image.width, min(prep.image.height, y1)))
    if crop.height >= height:
        ex.kind_image = crop
    return ex.kind_image
