"""What kind of document a page is: 사업자등록증, 사업자등록증명, 통장 사본, a blank page, or something else.

Decided from the text already read (the OCR lines or a trusted PDF text layer; no extra Tesseract pass) by
the words in ``data/document_kinds.toml``: the document's own title near the top of the page, and the row
labels and set phrases only that kind prints. A slot filled with the wrong kind — a bank book uploaded as the
사업자등록증, a blank scan, an unrelated report — is refused with ``DOC_WRONG_KIND`` and a plain sentence
(:func:`wrong_kind_message`), never with advice about light or resolution (issue 11 item 2).

Refusing is a claim, so it needs evidence (docs/ocr.md#confidence; the verdict policy in
:mod:`pgdocs.ocr.result`):

* ``blank``: almost nothing was read (fewer than :data:`BLANK_CHARS` letters and digits);
* another kind: its score reaches :data:`MIN_SCORE` and beats every other kind by :data:`MARGIN`;
* ``other``: no kind has even :data:`WEAK_SCORE`, and the page read as real text (at least
  :data:`OTHER_MIN_CHARS` letters and digits with a mean word confidence of :data:`OTHER_MIN_CONF`): a
  certificate read badly (a blurred photo, upside down) gives low-confidence junk and stays ``unknown``;
* everything else is ``unknown``: the usual field-by-field check decides, as before.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming

from pgdocs.errors import InputError
from pgdocs.hangul import decompose, with_particle
from pgdocs.imaging import grey
from pgdocs.jsonio import Report
from pgdocs.resources import data_path
from pgdocs.text import MEANINGFUL, nfc

if TYPE_CHECKING:
    from PIL import Image

    from pgdocs.ocr.layout import Line
    from pgdocs.ocr.load import Document

__all__ = [
    "DetectedKind",
    "KindGuess",
    "banks_on_page",
    "blank_guess",
    "blank_image",
    "detect_kind",
    "detect_text",
    "found_page",
    "kind_name",
    "mark_page",
    "page_for_slot",
    "page_note",
    "wrong_for_slot",
    "wrong_kind_message",
]

log = logging.getLogger(__name__)
_T = TypeVar("_T")
DetectedKind = Literal["business_registration", "registration_proof", "bankbook", "blank", "other", "unknown"]

#: fewer letters and digits than this on the whole page: a blank (or all but blank) page
BLANK_CHARS = 12
#: a kind is claimed from this score up (a title near the top counts :data:`TITLE_WEIGHT`, each label 1) …
MIN_SCORE = 3
#: … and only when it leads every other kind by this much
MARGIN = 2
#: "something else" only when no kind scores this much …
WEAK_SCORE = 2
#: … and the page read as real text: this many letters and digits …
OTHER_MIN_CHARS = 40
#: … with at least this mean word confidence (0–1); junk from a bad read of a certificate scores lower
OTHER_MIN_CONF = 0.6
#: a title in the first lines of the page is worth this many labels
TITLE_WEIGHT = 3
#: a page is not "something else" while this many certificate labels not read exactly are read a few slips off …
LOOSE_LABELS = 2
#: … each this close (rapidfuzz partial ratio of the jamo spellings, 0–100): a fax read 개업연월일 as "개입연월인"
#: (89) and 발급사유 as "발그시유" (84) — refusing a page needs evidence it is another, not a bad read of this one
LOOSE_LABEL_SIMILARITY = 80

#: the kinds a slot accepts: a 사업자등록증명 proves the same facts as the 사업자등록증 (docs/certificates.md#kinds)
SLOT_ACCEPTS: dict[str, frozenset[str]] = {
    "business_registration": frozenset({"business_registration", "registration_proof"}),
    "bankbook": frozenset({"bankbook"}),
}
#: the kinds a slot refuses; a bank book's layout varies too much to refuse "something else" in its slot
SLOT_REFUSES: dict[str, frozenset[str]] = {
    "business_registration": frozenset({"bankbook", "blank", "other"}),
    "bankbook": frozenset({"business_registration", "registration_proof", "blank"}),
}
_NAMES_KO = {"blank": "빈 페이지", "other": "다른 서류"}
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class _Term:
    #: the kinds it counts for (a label both certificates print counts for both; none: it only hides its letters)
    kinds: tuple[str, ...]
    text: str
    title: bool
    fuzzy: bool


@dataclass
class KindGuess:
    """What the page looks like, and the evidence (for logs, JSON and tests)."""

    kind: DetectedKind
    scores: dict[str, int] = field(default_factory=dict)
    found: dict[str, list[str]] = field(default_factory=dict)  #: the titles/labels seen, per kind
    chars: int = 0  #: letters and digits read
    confidence: float = 0.0  #: mean word confidence (0–1)

    def to_dict(self) -> Report:
        return {"kind": self.kind, "scores": dict(self.scores), "chars": self.chars,
                "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class _KindSpec:
    name_ko: str
    titles: tuple[str, ...]
    misreads: tuple[str, ...]
    labels: tuple[str, ...]
    bank_name_weight: int


@dataclass(frozen=True)
class _KindTable:
    title_lines: int
    kinds: dict[str, _KindSpec]
    #: labels printed on several kinds, each with the kinds it counts for
    shared: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"document_kinds.toml: {where} is not a list of strings")
    return tuple(str(v) for v in value)


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"document_kinds.toml: {where} is not a whole number")
    return value


def _kind_spec(kind: str, value: object) -> _KindSpec:
    if not isinstance(value, dict) or not isinstance(value.get("name_ko"), str):
        raise ValueError(f"document_kinds.toml: [kinds.{kind}] needs a name_ko")
    where = f"[kinds.{kind}]"
    return _KindSpec(str(value["name_ko"]), _strings(value.get("titles", []), f"{where}.titles"),
                     _strings(value.get("misreads", []), f"{where}.misreads"),
                     _strings(value.get("labels", []), f"{where}.labels"),
                     _int(value.get("bank_name_weight", 2), f"{where}.bank_name_weight"))


@cache
def _table() -> _KindTable:
    """``data/document_kinds.toml``, its shape checked."""
    raw = tomllib.loads(data_path("document_kinds.toml").read_text(encoding="utf-8"))
    kinds = raw.get("kinds")
    if not isinstance(kinds, dict):
        raise ValueError("document_kinds.toml: no [kinds] table")
    shared = raw.get("shared", [])
    if not isinstance(shared, list) or not all(isinstance(g, dict) for g in shared):
        raise ValueError("document_kinds.toml: [[shared]] must be tables")
    groups = tuple((_strings(g.get("kinds"), "[[shared]].kinds"), _strings(g.get("labels"), "[[shared]].labels"))
                   for g in shared)
    if any(k not in kinds for ks, _ in groups for k in ks):
        raise ValueError("document_kinds.toml: [[shared]] names a kind that is not in [kinds]")
    return _KindTable(_int(raw.get("title_lines", 12), "title_lines"),
                      {str(k): _kind_spec(str(k), v) for k, v in kinds.items()}, groups)


@cache
def _terms() -> tuple[_Term, ...]:
    out: list[_Term] = []
    for kind, spec in _table().kinds.items():
        for t in spec.titles:
            out.append(_Term((kind,), _WS.sub("", nfc(t)), True, True))
        for t in spec.misreads:
            out.append(_Term((kind,), _WS.sub("", nfc(t)), True, False))
        for t in spec.labels:
            out.append(_Term((kind,), _WS.sub("", nfc(t)), False, True))
    for kinds, labels in _table().shared:
        out.extend(_Term(kinds, _WS.sub("", nfc(t)), False, True) for t in labels)
    # longest first: "사업자등록증명" is looked for before "사업자등록증" and hides it
    out.sort(key=lambda t: -len(t.text))
    return tuple(out)


def blank_guess() -> KindGuess:
    """The guess for a page :func:`blank_image` found empty."""
    return KindGuess("blank", dict.fromkeys(_table().kinds, 0), {}, 0, 0.0)


def kind_name(kind: str) -> str:
    """The Korean name of a kind ("통장 사본", "빈 페이지" …)."""
    spec = _table().kinds.get(kind)
    return spec.name_ko if spec else _NAMES_KO.get(kind, "다른 서류")


def _find(term: str, text: str, fuzzy: bool) -> tuple[int, int] | None:
    """Where ``term`` is in ``text``: exactly, or (4+ characters, ``fuzzy``) with one edit."""
    i = text.find(term)
    if i >= 0:
        return i, i + len(term)
    if not fuzzy or len(term) < 4 or len(text) < len(term) - 1:
        return None
    n = len(term)
    cutoff = 100.0 * (1 - 1 / n) - 0.01  # one substitution = two indels over 2n characters
    al = fuzz.partial_ratio_alignment(term, text, score_cutoff=cutoff)
    if al is None:
        return None
    # one *substituted* character only: a dropped or added one would make 사업자등록증 of 사업자등록증명
    for start in range(max(0, al.dest_start - 1), min(len(text) - n, al.dest_start + 1) + 1):
        if Hamming.distance(term, text[start:start + n]) <= 1:
            return start, start + n
    return None


def detect_text(lines: Sequence[str], confidence: float = 1.0) -> KindGuess:
    """The kind of a page given as text lines (top to bottom) and the mean word confidence of the read."""
    table = _table()
    compact = [_WS.sub("", nfc(ln)) for ln in lines]
    chars = sum(len(MEANINGFUL.findall(c)) for c in compact)
    scores = dict.fromkeys(table.kinds, 0)
    found: dict[str, list[str]] = {k: [] for k in table.kinds}
    if chars < BLANK_CHARS:
        return KindGuess("blank", scores, found, chars, confidence)
    top = table.title_lines
    for li, text in enumerate(compact):
        taken = [False] * len(text)
        for term in _terms():
            if term.title and li >= top:
                continue
            if not term.title and term.kinds and term.text in found[term.kinds[0]]:
                continue
            span = _find(term.text, text, term.fuzzy)
            if span is None or any(taken[span[0]:span[1]]):
                continue
            for k in range(span[0], span[1]):
                taken[k] = True
            seen_title = term.title and any(f.startswith("title:") for f in found[term.kinds[0]])
            if term.title and (seen_title or not _title_line(term.text, text)):
                continue  # one title per kind; a sentence that mentions the name is no title
            for kind in term.kinds:
                found[kind].append(f"title:{term.text}" if term.title else term.text)
                scores[kind] += TITLE_WEIGHT if term.title else 1
    if "bankbook" in scores and banks_on_page("\n".join(compact)):
        scores["bankbook"] += table.kinds["bankbook"].bank_name_weight
        found["bankbook"].append("bank_name")
    decided = _decide(scores, chars, confidence)
    if decided == "other" and len(_certificate_labels_loosely(compact, found)) >= LOOSE_LABELS:
        decided = "unknown"
    return KindGuess(decided, scores, found, chars, confidence)


_CERTIFICATES = frozenset({"business_registration", "registration_proof"})


def _certificate_labels_loosely(compact: Sequence[str], found: dict[str, list[str]]) -> list[str]:
    """The certificate labels (4+ letters; not titles, not those already read exactly) read a few slips off on the
    page, at :data:`LOOSE_LABEL_SIMILARITY`. The words printed on every kind (a shop's footer's 사업자등록번호) are
    taken out first: their letters count for none.

    Two genuine certificates of bench/ocr.py seed 467 were refused as "something else": a fax read in a font the
    model slips on ("싱호", "개입연월인", "발그시유", one label read well enough to count) and a photo."""
    common = [t.text for t in _terms() if not t.kinds]
    lines = []
    for c in compact:
        for word in common:
            c = c.replace(word, "")
        lines.append(decompose(c))
    seen = {f for k in _CERTIFICATES for f in found.get(k, [])}
    hits: list[str] = []
    for term in _terms():
        if term.title or not term.fuzzy or len(term.text) < 4 or term.text in seen or not _CERTIFICATES & {*term.kinds}:
            continue
        want = decompose(term.text)
        if any(len(ln) >= len(want) - 2 and fuzz.partial_ratio(want, ln) >= LOOSE_LABEL_SIMILARITY for ln in lines):
            hits.append(term.text)
    return hits


def banks_on_page(text: str) -> set[str]:
    """Codes of banks whose name is printed on the page."""
    from pgdocs.ids import bank as banks

    compact = re.sub(r"\s+", "", text)
    found: set[str] = set()
    for b in banks.banks():
        names = {b.name, *b.aliases}
        for n in names:
            key = re.sub(r"\s+", "", n)
            if not re.search(r"[가-힣]", key):
                continue
            plain = (key.endswith("은행") or len(key) >= 3) and key in compact
            if plain or (not key.endswith("은행") and len(key) >= 2 and f"{key}은행" in compact):
                found.add(b.code)
    return found


#: a title stands (nearly) alone on its line: it is this share of the line's letters and digits, …
TITLE_SHARE = 0.4
#: … or the line is this short ("우리은행 통장")
TITLE_SHORT_LINE = 12


def _title_line(term: str, line: str) -> bool:
    n = len(MEANINGFUL.findall(line))
    return n <= TITLE_SHORT_LINE or len(term) >= TITLE_SHARE * n


def _decide(scores: dict[str, int], chars: int, confidence: float) -> DetectedKind:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    # a 사업자등록증명 prints the 사업자등록증's labels too: between these two the title decides, and a page of
    # both is never "unsure" against a bank book
    cert = {"business_registration", "registration_proof"}
    if best in cert:
        second = max((s for k, s in scores.items() if k not in cert), default=0)
    if best_score >= MIN_SCORE and best_score - second >= MARGIN:
        return best  # type: ignore[return-value]
    if best_score < WEAK_SCORE and chars >= OTHER_MIN_CHARS and confidence >= OTHER_MIN_CONF:
        return "other"
    return "unknown"


def detect_kind(lines: Sequence[Line]) -> KindGuess:
    """The kind of a page from its :class:`pgdocs.ocr.layout.Line` objects (word confidences included)."""
    words = [w for ln in lines for w in ln.words if MEANINGFUL.search(w.text)]
    conf = sum(max(0.0, float(w.conf)) for w in words) / len(words) / 100 if words else 0.0
    return detect_text([ln.text for ln in lines], conf)


#: a page with less ink than this share of its area (after the paper's own grain) is blank
BLANK_INK_SHARE = 0.0004
_BLANK_SIDE = 600  #: long side of the copy the ink is counted on


def blank_image(image: Image.Image) -> bool:
    """The page image holds (all but) no ink: a blank scan or photo of empty paper. Cheap (no OCR)."""
    import numpy as np

    small = grey(image).copy()  # thumbnail() shrinks in place: not the page's shared grey
    small.thumbnail((_BLANK_SIDE, _BLANK_SIDE))
    gray = np.asarray(small, dtype=np.float32)
    if gray.size == 0:
        return True
    paper = float(np.percentile(gray, 50))
    # ink is clearly darker than the paper around it; grain, JPEG noise and a faint shadow are not
    ink = gray < paper - 60.0
    h, w = ink.shape
    my, mx = int(h * 0.03), int(w * 0.03)  # scanner edges and the table the paper lay on
    core = ink[my:h - my, mx:w - mx]
    return bool(core.size == 0 or float(core.mean()) < BLANK_INK_SHARE)


def wrong_for_slot(slot: str, guess: KindGuess | None) -> bool:
    """``guess`` is confidently not a document the ``slot`` accepts."""
    return guess is not None and guess.kind in SLOT_REFUSES.get(slot, frozenset())


#: a PDF of this many pages or fewer may be the papers scanned together (사업자등록증, 통장 사본, 신분증 …): when
#: its page 1 is not what the slot asks for, the next pages are read for it. A longer PDF is some other document
#: (a 17-page terms of use is refused after one page read, as before)
BUNDLE_MAX_PAGES = 4


def page_for_slot(doc: Document, slot: str, read: Callable[[Document], _T],
                  guess_of: Callable[[_T], KindGuess | None]) -> tuple[_T, int]:
    """``read(doc)`` and the PDF page it read: page 1, or in a short PDF (:data:`BUNDLE_MAX_PAGES`) whose page 1
    is confidently another document (a bank book, a blank page) the first later page that is not — a scan of
    "통장 사본 + 사업자등록증" in one file. Nothing found: page 1's reading, which says what page 1 is."""
    first = read(doc)
    if doc.kind != "pdf" or not 1 < doc.pages <= BUNDLE_MAX_PAGES or not wrong_for_slot(slot, guess_of(first)):
        return first, doc.page
    for page in range(2, doc.pages + 1):
        try:
            got = read(doc.at_page(page))
        except InputError as err:  # a later page that cannot be rendered: page 1 says what the file is
            log.info("PDF page %d unreadable (%s): the search stops", page, err.code)
            break
        if not wrong_for_slot(slot, guess_of(got)):
            return got, page
    return first, doc.page


def mark_page(quality: Report, page: int, slot: str) -> None:
    """Record in a reading's ``quality`` that its document was found on PDF page ``page``, and the note a person
    reads about it (:func:`page_note`); page 1 is no news."""
    if page == 1:
        return
    notes = quality.get("warnings")
    quality["page"] = page
    quality["warnings"] = [*(notes if isinstance(notes, list) else []), page_note(page, slot)]


def found_page(quality: Report) -> int | None:
    """The PDF page a document was found on (:func:`mark_page`), or None when it was page 1."""
    page = quality.get("page")
    return page if isinstance(page, int) and page > 1 else None


def page_note(page: int, slot: str) -> str:
    """"PDF 2쪽에서 사업자등록증을 찾아 읽었습니다 (…)": the file holds other pages, which go wherever it goes."""
    want = kind_name(slot)
    return (f"PDF {page}쪽에서 {with_particle(want, '을')} 찾아 읽었습니다. 이 파일의 다른 쪽은 다른 서류입니다: "
            f"{want}만 따로 올리면 함께 보내는 서류가 깔끔해집니다.")


def wrong_kind_message(slot: str, guess: KindGuess) -> str:
    """"이 파일은 사업자등록증으로 보이지 않습니다 (통장 사본으로 보입니다)"."""
    want = kind_name(slot)
    seen = kind_name(guess.kind)
    return f"이 파일은 {with_particle(want, '으로')} 보이지 않습니다 ({with_particle(seen, '으로')} 보입니다)"
