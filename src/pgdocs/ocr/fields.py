"""Lines with labels -> the fields of a 사업자등록증 (pure: no images, no Tesseract).

Rules from docs/certificates.md#parsing-rules: the value follows its label (colon optional);
two fields may share a line (성명 | 생년월일, 개업연월일 | 법인등록번호); an
address may wrap onto unlabelled lines; the 업태/종목 table is split by the
column of the 종목 heading, or read as running lists when OCR serialises it;
the issue date is the last date above the ○○세무서장 line; "외 N명" stays
in the representative's value (matching strips it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from pgdocs.address import sido_of
from pgdocs.dates import find_dates
from pgdocs.hangul import is_hangul_syllable
from pgdocs.names import OTHERS
from pgdocs.ocr.layout import LabelHit, Line, find_labels, label_table
from pgdocs.ocr.tesseract import Word
from pgdocs.text import MEANINGFUL

__all__ = ["FieldValue", "ParsedPage", "brn_ok", "check_digit_ok", "crn_ok", "date_value", "number_candidates",
           "parse_lines"]

_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "!": "1",
                            "i": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9",
                            "—": "-", "–": "-", "~": "-", "_": "-", ".": "-", "=": "-"})
_BRN_RE = re.compile(r"(?<!\d)(\d{3})-?(\d{2})-?(\d{5})(?!\d)")
_CRN_RE = re.compile(r"(?<!\d)(\d{6})-?(\d{7})(?!\d)")
_LEAD = " :;.,·|_-=[]"
#: what is left of a label's bracket when OCR splits it from the label: "(대표유형)" (2025+ labels,
#: layout B), "(단체명)", "(법인명)", read with the usual slips (명→멍/영/밍, 유→우/뮤, 인→언/입/민, a brace
#: for a bracket) and, inside both brackets, one more syllable of any kind ("( 법 입영)", "( 대표뮤형 )"); a
#: legal form such as "(주)" is not one (one syllable). Its "(" may be lost or read 1 ("내표 유형) 권승뱀",
#: "1 법 인영) 은새미코", 사업자등록증명 moiré and thumbnail), and 대표자성명's 성명 may be read apart in
#: front of it ("대표자성엉 { 대표유헝 ) ㅣ 권최회"). When the words inside hit as the label (상호 misread,
#: "법인명" found), only the ")" is left.
_MYEONG = "[명멍영밍맹엉]"  # 명 and its misreads
_TAIL_SYLLABLES = (("[대내]", "표", "[유우뮤]", "[형헝혐험]"), ("[단딘]", "체", _MYEONG),
                   ("[법범벌밥]", "[인언입민임]", _MYEONG))


def _tail_words(*, loose: bool) -> str:
    """The bracketed words as a regex: each spelling as listed, or (``loose``) with any one syllable read as another."""
    alts = []
    for parts in _TAIL_SYLLABLES:
        for k in range(-1, len(parts) if loose else 0):
            alts.append(r"\s*".join("[가-힣]" if j == k else p for j, p in enumerate(parts)))
    alts.append(rf"대\s*표\s*자?\s*성?\s*{_MYEONG}?")
    return "(?:" + "|".join(alts) + ")"


_LABEL_TAIL = re.compile(rf"^(?:[성설섬]\s*{_MYEONG}\s*(?=[(\[{{]))?"  # 대표자성명's 성명, read apart (설명: a fax)
                         # ")" lost: "(단체명:", or the cell's rule read after it: "(법인명ㅣ소담서점" (a 증명's
                         # screen capture, seed 229); "(" read as the cell's rule: "| 밥 인명}" (a moiré 증명, seed 67)
                         rf"(?:[(\[{{|]\s*{_tail_words(loose=True)}\s*(?:[)\]}}]\s*:?|:|[|ㅣ])"
                         rf"|[1lI|]?\s*{_tail_words(loose=False)}\s*[)\]}}]\s*:?"  # "(" lost or read 1
                         r"|[)\]}]\s*:?)")  # the bracket's words hit as the label itself: "상추 ( 법인 명) 주식…"
#: the bracketed words of the labels, as printed (their misreads: :data:`_TAIL_SYLLABLES`)
_TAIL_WORDS = ("대표유형", "단체명", "법인명")


def _prefix_pattern(word: str) -> str:
    """A regex for any non-empty prefix of ``word``, spaces allowed between its syllables: 대(?:표(?:유형?)?)?."""
    return word[0] + "".join(rf"(?:\s*{c}" for c in word[1:]) + ")?" * (len(word) - 1)


#: the bracketed words cut short where the label wrapped in its cell, the bracket left open: "(대표유" of
#: "대표자성명(대표유" / "형)", "(" alone (a 사업자등록증명 laid out by LibreOffice) — a whole word, never a name
_CUT_TAIL = re.compile(rf"^\s*[(\[{{]\s*(?:{'|'.join(_prefix_pattern(w) for w in _TAIL_WORDS)})?\s*(?=\s|$)")
#: what follows 대표자/상호/법인명 in a label, for a line that ends inside it (the label wrapped in its cell)
_LABEL_CONTINUATIONS = ("성명(대표유형)", *(f"({w})" for w in _TAIL_WORDS))
#: fields a sub-table (공동사업자) also prints for the partners: read only above it
_SUB_TABLE_FIELDS = frozenset({"representative", "business_name", "resident_number", "birth_date",
                               "corporate_number", "business_number"})
_MANY = re.compile(OTHERS)
#: words of bare jamo or rules at either end of a value (Hangul compatibility jamo, U+3131–U+318E)
_EDGE_JAMO = re.compile(r"^(?:[\u3131-\u318e|]+\s+)+|(?:\s+[\u3131-\u318e|]+)+$")


def brn_ok(digits: str) -> bool:
    """사업자등록번호 check digit (docs/identifiers.md#brn-check-digit); uses :mod:`pgdocs.ids.brn` when present."""
    try:
        from pgdocs.ids import brn

        return bool(brn.is_valid(digits))
    except ImportError:  # pragma: no cover - the validators module is optional here
        pass
    if not re.fullmatch(r"\d{10}", digits):
        return False
    d = [int(c) for c in digits]
    s = sum(a * b for a, b in zip(d[:9], (1, 3, 7, 1, 3, 7, 1, 3, 5), strict=True)) + (5 * d[8]) // 10
    return (10 - s % 10) % 10 == d[9]


def crn_ok(digits: str) -> bool:
    """법인등록번호 check digit (docs/identifiers.md#crn-check-digit: weights 1,2,1,2… plain products)."""
    try:
        from pgdocs.ids import crn

        return bool(crn.is_valid(digits))
    except ImportError:  # pragma: no cover
        pass
    if not re.fullmatch(r"\d{13}", digits):
        return False
    d = [int(c) for c in digits]
    s = sum(d[i] * (1 if i % 2 == 0 else 2) for i in range(12))
    return (10 - s % 10) % 10 == d[12]


def check_digit_ok(kind: str, digits: str) -> bool:
    """``digits`` hold the check digit of a number of ``kind`` (a field spec's ``check_digit``: "brn" or "crn")."""
    return brn_ok(digits) if kind == "brn" else crn_ok(digits)


@dataclass
class FieldValue:
    value: str
    confidence: float
    words: list[Word] = field(default_factory=list)  #: where it was read (prepared-image pixels)
    checked: bool | None = None  #: check digit passed (numbers only)
    items: list[str] = field(default_factory=list)  #: 업태/종목 entries
    #: every word between the label and the next label, junk included (a misread ㈜고 → "02" is dropped
    #: from the value but belongs in the crop a second read looks at); empty = same as ``words``
    span: list[Word] = field(default_factory=list)

    @property
    def shaky(self) -> float:
        """Share of the value's words Tesseract itself doubted (conf < 50): garbled text, not evidence."""
        return sum(1 for w in self.words if w.conf < 50) / len(self.words) if self.words else 0.0


@dataclass
class ParsedPage:
    fields: dict[str, FieldValue] = field(default_factory=dict)
    #: what the page is (:data:`pgdocs.ocr.kind.DetectedKind`): the 사업자등록증명's table is read as a table
    document: str | None = None
    tax_type: str | None = None
    entity: str | None = None
    labels_found: int = 0
    lines: list[Line] = field(default_factory=list)
    #: the words right of each label up to the next one, junk included, also when they did not read as a value:
    #: crops for the digit pass (numbers) and the second look (dates)
    raw_words: dict[str, list[Word]] = field(default_factory=dict)
    #: fields whose label was not read, taken from elsewhere on the page by their shape (a 등록번호 with a valid
    #: check digit): what was found may be another number, so a difference from the record is no evidence
    unlabelled: set[str] = field(default_factory=set)

    @property
    def page_text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def _conf(words: list[Word]) -> float:
    return round(sum(w.conf for w in words) / len(words) / 100, 3) if words else 0.0


def _strip_value(text: str) -> str:
    text = re.sub(r"^[^가-힣0-9A-Za-z(]+", "", text)  # leading colons, dots, stray jamo ("ㆍ:")
    return re.sub(r"\s+", " ", text.lstrip(_LEAD + "：").rstrip(" :;|_=[]：")).strip()


#: Tesseract's readings of 층/호 right after a number (docs/ocr.md#confusions-seen-here: 호→흐, 층→즐/총/증/츰/출)
_UNIT_FIX = (
    (re.compile(r"(\d)\s*[층즐총증츰출충](?![가-힣])"), r"\1층"),
    (re.compile(r"(\d)\s*[호흐효](?![가-힣])"), r"\1호"),
)


def _address_value(text: str) -> str:
    for pat, rep in _UNIT_FIX:
        text = pat.sub(rep, text)
    return text


def number_candidates(text: str, kind: str) -> list[tuple[str, bool]]:
    """Formatted numbers in OCR text (common letter-for-digit confusions fixed), with check-digit result."""
    fixed = re.sub(r"-{2,}", "-", text.translate(_DIGIT_FIX))  # "120111-—3392537": one hyphen read as two dashes
    squeezed = re.sub(r"-{2,}", "-", re.sub(r"(?<=[\d-])\s+(?=[\d-])", "", fixed))
    out: list[tuple[str, bool]] = []
    for src in (squeezed, fixed):
        pat = _BRN_RE if kind == "brn" else _CRN_RE
        for m in pat.finditer(src):
            digits = "".join(m.groups())
            val = "-".join(m.groups())
            ok = check_digit_ok(kind, digits)
            if (val, ok) not in out:
                out.append((val, ok))
    out.sort(key=lambda t: not t[1])
    return out


#: a dot or dash between a number and its 년/월/일 ("2014. 년 -07 월", "07- 월 03- 일": a stroke of the emblem or a
#: table rule): punctuation, which hides no digit — a dash after a number only once it has two digits ("1- 월" may
#: be 11 with its second 1 read as a dash)
DATE_UNIT_PUNCT = re.compile(r"(?<=\d)\s*[.,]\s*(?=[년월일])|(?<=\d\d)\s*-\s*(?=[년월일])|(?<=[년월])\s*[-.]\s*(?=\d)")


def _whole_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """The dates read whole in OCR text (letter-for-digit slips fixed, punctuation beside 년/월/일 dropped)."""
    return find_dates(DATE_UNIT_PUNCT.sub(" ", text).translate(_DIGIT_FIX))


def date_value(text: str) -> str | None:
    found = _whole_dates(text)  # "2023 년 -04 . 월": punctuation beside 년/월/일 hides no digit
    if found:
        return found[0][0].isoformat()
    # stray glyphs around the numbers ("2024/ 년 ,05 월 19 일", a scan): a value to check, never clean
    # (:func:`date_read_cleanly`), so verification wants its crop to say it before it counts either way
    m = re.search(r"(\d{4})\D{1,6}(\d{1,2})\D{1,6}(\d{1,2})", DATE_UNIT_PUNCT.sub(" ", text).translate(_DIGIT_FIX))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return None


#: a date read whole: 2011년 11월 17일 with nothing but spaces (or punctuation beside 년/월/일) between its parts,
#: 2011.11.17 / 2011-11-17 — month and day in two digits, as certificates print them (02 월): a fax's 11 월 read
#: "1] 월" by the page pass and "1 월" by its crop, a digit lost both times, passed a record naming January
#: (bench/ocr.py seed 157)
_CLEAN_DATE = re.compile(r"(?<!\d)\d{4}(?:년\d{2}월\d{2}일|([-./])\d{2}\1\d{2}(?!\d))")
#: a 주민등록번호's birth date: its six digits in one unbroken group (what OCR made of the hidden rest is no matter)
_CLEAN_RESIDENT = re.compile(r"(?<!\d)\d{6}(?!\d)")


def date_read_cleanly(text: str, *, resident: bool = False) -> bool:
    """The words of a date hold it whole, with no stray glyph between its numbers and their 년/월/일.

    "2024 년 10 월 3 겠 일" (31 with its 1 merged into the emblem behind it, 사업자등록증명 scan) parses as the 3rd:
    a date like that is one read of a garbled line, not evidence of another date. ``resident``: the date is the
    prefix of a masked 주민등록번호 (a 사업자등록증명's birth date), whole when its six digits are.
    """
    if resident:
        return _CLEAN_RESIDENT.search(re.sub(r"\s+", "", text)) is not None
    return _CLEAN_DATE.search(re.sub(r"\s+", "", DATE_UNIT_PUNCT.sub(" ", text))) is not None


def _is_footer(line: Line) -> bool:
    footer = label_table()["footer"]
    comp = re.sub(r"[^가-힣]", "", line.compact)
    return any(v in comp for v in [*footer["aliases"], *footer["confusions"]]) and len(comp) <= 14


def parse_lines(lines: list[Line]) -> ParsedPage:
    """Extract every field that can be found on the lines of one page."""
    page = ParsedPage(lines=lines)
    hits = [find_labels(ln) for ln in lines]
    page.labels_found = sum(1 for hs in hits for h in hs if not h.field.startswith("_"))
    _subtitle(page, lines)
    footer_idx = next((i for i in range(len(lines) - 1, -1, -1) if _is_footer(lines[i]) and not hits[i]), None)
    from pgdocs.ocr.kind import detect_text

    page.document = detect_text([ln.text for ln in lines]).kind
    if page.document == "registration_proof":
        _proof_kinds_by_position(page, lines, hits)
    sub_stops = [re.sub(r"\s+", "", s) for s in label_table()["stops"].get("sub_table_stops", [])]
    in_sub_table = False
    i = 0
    while i < len(lines):
        line, hs = lines[i], hits[i]
        if any(h.field == "_stop" and line.compact[h.start:h.end] in sub_stops for h in hs):
            in_sub_table = True  # 공동사업자: the partners' names and numbers follow (docs/certificates.md#layout-c)
        for j, h in enumerate(hs):
            nxt = hs[j + 1].start if j + 1 < len(hs) else None
            if h.field in ("business_type", "business_item", "business_kind"):
                continue
            if in_sub_table and h.field in _SUB_TABLE_FIELDS:
                continue
            _simple_field(page, line, h, nxt, lines, hits, i)
        if page.document == "registration_proof" and any(h.field == "business_type" and h.start <= 3 for h in hs):
            i = _proof_kinds(page, lines, hits, i)
            continue
        if page.document == "registration_proof" and "business_type" not in page.fields and any(
                h.field == "business_item" and h.start <= 3 for h in hs):
            i = _proof_items_first(page, lines, hits, i)
            continue
        if any(h.field in ("business_kind", "business_type", "business_item") for h in hs):
            i = _kind_table(page, lines, hits, i)
            continue
        i += 1
    _unlabelled_rows(page, lines, hits)
    _proof_name_row(page, lines, hits)
    _resident_row(page, lines, hits)
    _footer(page, lines, hits, footer_idx)
    if "business_number" not in page.fields:
        _number_anywhere(page, lines, "brn")
    return page


#: a number cut after its hyphen by the end of its line ("법인등록번호 : 120111-" / "8543135": a table cell too narrow
#: for it beside the 개업연월일, laid out by LibreOffice — a text PDF's value lost as much as a scan's, bench/office.py)
_CUT_NUMBER = re.compile(r"\d\s*-\s*$")


def _wrapped_number(lines: list[Line], hits: list[list[LabelHit]], i: int, raw: str, words: list[Word],
                    ) -> tuple[str, list[Word]]:
    """``raw`` and ``words`` of a number field on line ``i``, with the rest of the number from the next line when the
    line ends with it cut at a hyphen (:data:`_CUT_NUMBER`): the next line's first word, all digits, holding no
    label, not left of the line's start (it wraps to the cell's left edge: under the 개업연월일's date) and a
    line's pitch below — past a line holding only a label centred between the two (the 개업연월일's own, when the
    date and the number share its cell)."""
    line = lines[i]
    if not words or not _CUT_NUMBER.search(raw):
        return raw, words
    below = next((lines[k] for k in range(i + 1, min(i + 3, len(lines))) if not hits[k]), None)
    if below is None:
        return raw, words
    first = below.words[0]
    if not re.fullmatch(r"\d{2,8}", first.text) or first.left < line.left - 5 or (
            first.top - line.bottom > line.bottom - line.top):
        return raw, words
    return raw.rstrip() + first.text, [*words, first]


def _simple_field(
    page: ParsedPage, line: Line, h: LabelHit, nxt: int | None, lines: list[Line], hits: list[list[LabelHit]], i: int
) -> None:
    if h.field.startswith("_") or h.field in page.fields:
        return
    if h.field in ("business_name", "representative"):
        if any(c.startswith(line.compact[h.end:]) for c in _LABEL_CONTINUATIONS):
            # all the line holds after the label is the label's own continuation, cut by the cell's wrapping
            # ("대표자성" / "명(대표유 김하늘" / "형)": "성" was read as the name and failed a genuine page)
            h = LabelHit(h.field, h.start, len(line.compact), h.exact)
        tail = _LABEL_TAIL.match(line.compact[h.end:])
        after = line.text_from(h.end)
        # (cut short: the bracket is closed nowhere after it — "(대 유형) ㅣ 수래보" is the tail misread, whole)
        cut_tail = m if (m := _CUT_TAIL.match(after)) and not re.search(r"[)\]}]", after[m.end():]) else None
        if tail is not None or cut_tail is not None:
            # the rest of the label, read apart from it ("상호 (단체명: 한결 문구") or cut by the cell's wrapping
            # ("대표자성명(대표유" / "김하늘" / "형)"): the value starts after it, and the gap after it is no second
            # column
            rest = tail.end() if tail is not None else len(re.sub(r"\s+", "", cut_tail.group(0) if cut_tail else ""))
            h = LabelHit(h.field, h.start, h.end + rest, h.exact)
            if nxt is not None and nxt < h.end:  # the tail's own words hit as a label ("단체명"): not the next one
                nxt = next((x.start for x in hits[i] if x.start >= h.end), None)
        # "성명 : 이우시        생 년 월 일 : 1984 …": the next label on the line was misread, so no hit ends the
        # value — the wide gap before the next column does (a name holds no such gap)
        cut = _column_cut(line, h.end, nxt if nxt is not None else len(line.compact))
        if cut is not None and nxt is None and h.field == "representative":
            _birth_date_column(page, line, cut)
        nxt = cut if cut is not None else nxt
    raw = line.text_from(h.end, nxt)
    words = line.words_in(h.end, nxt if nxt is not None else len(line.compact))
    if h.field in ("business_name", "representative", "resident_number") and not re.search(
            r"[가-힣0-9]", _LABEL_TAIL.sub("", _strip_value(raw))) and (below := _value_below(lines, hits, i, h)):
        raw, words = below.text, below.words
    if h.field in ("business_number", "corporate_number"):
        raw, words = _wrapped_number(lines, hits, i, raw, words)
    page.raw_words[h.field] = words
    value = _strip_value(raw)
    if h.field in ("business_number", "corporate_number"):
        kind = "brn" if h.field == "business_number" else "crn"
        cands = number_candidates(raw, kind)
        if cands:
            val, ok = cands[0]
            page.fields[h.field] = FieldValue(val, _conf(words) * (1.0 if ok else 0.5), words, checked=ok)
        return
    if h.field in ("birth_date", "opening_date"):
        d = date_value(raw)
        if not d and not re.search(r"\d", raw) and (above := _date_above(lines, hits, i, h)) is not None:
            raw, words = above
            page.raw_words[h.field] = words
            d = date_value(raw)
        if d:
            page.fields[h.field] = FieldValue(d, _conf(words), words)
        return
    if h.field == "resident_number":
        _resident_number(page, raw, words)
        return
    if h.field in _ADDRESS_FIELDS:
        value, words = _address_lines(lines, hits, i, h, value, words)
        value = _address_value(value)
        value = re.sub(r"\)\s+[^가-힣]*$", ")", value)  # junk after the closing (참고항목)
        # an address starts with its 시/도: one glyph before it is the label's colon misread ("사업장소재지 7 경기도")
        value = re.sub(r"^[^\s가-힣]\s+(?=[가-힣])", "", value)
    if h.field in ("business_name", "representative"):
        # the rest of a label read apart from it ("대표자 (대표유형)", "법인명 (단체명)"): never part of the value
        value = _LABEL_TAIL.sub("", value).strip()
        # ㈜ and other enclosed forms are not in the model: they come out as a short digit/latin token, a bracket
        # with it or not ("(0 모래 테크" for ㈜모래테크, NTS scan at 200 dpi)
        value = re.sub(r"^[(\[]?[0-9A-Za-z]{1,3}[)\]]?\s+(?=[가-힣])", "", value)
    if h.field == "representative":
        # a bracket opened and never closed before the name: the rest of a label wrapped in its cell ("대표자성명("
        # beside the name, "대표유형)" on the line below). (Not for a 상호: "(주하늘" is (주) with its ")" lost.)
        if re.match(r"[(\[{]", value) and not re.search(r"[)\]}]", value):
            value = value[1:].strip()
        # a person's name holds no brackets: "(대표유형)", "(단독)", "(공동대표)" are the 유형, not the name
        value = re.sub(r"\s*[(\[][^)\]]{0,12}[)\]]\s*", " ", value).strip()
        # nor a word of bare jamo: a 사업자등록증명's cell rule read ㅣ beside it ("(대 유형) ㅣ 수래보", a fax of
        # bench/ocr.py seed 443, was a name with more in it than declared)
        value = _EDGE_JAMO.sub("", value)
        value = _MANY.sub(lambda m: " " + re.sub(r"[\s.,·'`~-]", "", m.group(0)), value).strip()
        value = re.sub(r"\s+", " ", value)
    if value:
        kept = _value_words(words, value)
        page.fields[h.field] = FieldValue(value, _conf(kept), kept, span=words)


def _value_below(lines: list[Line], hits: list[list[LabelHit]], i: int, h: LabelHit) -> Line | None:
    """The value of a label that wrapped in its cell, the value centred beside the two halves ("대표자성명(" /
    "고연수" / "대표유형)", a 사업자등록증명 laid out by LibreOffice): the unlabelled line right under the label's
    first half, starting right of it."""
    if i + 1 >= len(lines) or hits[i + 1]:
        return None
    line, below = lines[i], lines[i + 1]
    label = line.words_in(h.start, h.end)
    if not label or below.left < label[-1].right - 5 or not re.search(
            r"\d" if h.field == "resident_number" else r"[가-힣]", below.text):
        return None
    centre, height = _centre_height(label)
    if _centre_height(below.words)[0] - centre > 1.5 * height or find_dates(below.text):
        return None
    return below


def _date_above(lines: list[Line], hits: list[list[LabelHit]], i: int, h: LabelHit) -> tuple[str, list[Word]] | None:
    """The date of a label centred under its cell's first line, where the date shares the cell with another field
    ("2017 년 10 월 13 일 법인등록번호 : 160114-" / "개업연월일 :" / "1058989", a text PDF laid out by LibreOffice):
    the line above, starting right of the label within half a pitch of it, up to its first label."""
    label = lines[i].words_in(h.start, h.end)
    if i == 0 or not label:
        return None
    above = lines[i - 1]
    centre, height = _centre_height(label)
    if above.left < label[-1].right - 5 or centre - _centre_height(above.words)[0] > CENTRED_OFFSET * height:
        return None
    end = min((x.start for x in hits[i - 1]), default=len(above.compact))
    raw = above.text_from(0, end)
    return (raw, above.words_in(0, end)) if find_dates(raw) else None


def _centre_height(words: list[Word]) -> tuple[float, float]:
    """The words' median centre and median height (at least 1): a bracket or a descender stretches a line's box."""
    return median(w.cy for w in words), max(1, median(w.height for w in words))


#: a word on a label's line whose centre lies this many of the label's heights below the label's centre belongs to
#: the line under it (a label centred between two lines of its value: Tesseract's line grouping put one of the
#: lower line's words beside the label)
BELOW_LABEL_SHARE = 0.35


def _lower_words(label: list[Word], words: list[Word]) -> list[Word]:
    """The value ``words`` on a label's line that sit clearly below the ``label`` (see :data:`BELOW_LABEL_SHARE`)."""
    if not label:
        return []
    centre, height = _centre_height(label)
    return [w for w in words if w.cy - centre > BELOW_LABEL_SHARE * height]


def _value_above(lines: list[Line], hits: list[list[LabelHit]], i: int, label_right: int) -> bool:
    """Is the unlabelled line above line ``i`` the first line of line ``i``'s label, centred on a two-line cell?"""
    if i == 0 or hits[i - 1]:
        return False
    above, line = lines[i - 1], lines[i]
    centre, height = _centre_height(above.words)
    return (above.left >= label_right - 5 and centre < _centre_height(line.words)[0] - BELOW_LABEL_SHARE * height
            and line.top - above.bottom <= 1.5 * height and not find_dates(above.text) and not _is_footer(above))


#: a label centred on a cell of two lines lies half a line pitch from each: closer than this many of the value's
#: heights (a line above a top-aligned label, the previous row's wrapped value, lies a whole pitch away: 1.7 heights
#: on a page laid out by LibreOffice, more on NTS prints)
CENTRED_OFFSET = 1.2


def _between_lines(lines: list[Line], hits: list[list[LabelHit]], i: int, label: list[Word]) -> bool:
    """Does line ``i``'s label sit between two lines of its value, each within half a pitch (a 사업자등록증명 cell:
    Tesseract then reads words of both lines into the label's line, and the address's first line lies above it)?"""
    if not label or i + 1 >= len(lines) or hits[i + 1] or lines[i + 1].left < label[-1].right - 5:
        return False
    above, below = lines[i - 1], lines[i + 1]
    # the label's heights and centre: the words Tesseract read across both lines are boxed over both
    mid, height = _centre_height(label)
    return (mid - _centre_height(above.words)[0] <= CENTRED_OFFSET * height
            and BELOW_LABEL_SHARE * height < _centre_height(below.words)[0] - mid <= CENTRED_OFFSET * height
            and not find_dates(below.text) and not _is_footer(below))


def _centred_label_below(lines: list[Line], hits: list[list[LabelHit]], k: int) -> bool:
    """Is line ``k`` the first line of the NEXT label's value, that label centred below it with nothing beside it?"""
    if k + 1 >= len(lines) or not hits[k + 1]:
        return False
    nxt, hs = lines[k + 1], hits[k + 1]
    label = nxt.words_in(hs[0].start, hs[-1].end)
    own = nxt.text_from(hs[-1].end)
    # (an address's label on the middle line of three: its line holds the middle, and the first starts with 시·도)
    first = not re.search(r"[가-힣0-9]", own) or (any(h.field in _ADDRESS_FIELDS for h in hs) and _starts_with_sido(
        lines[k].text) and not _starts_with_sido(own))
    return bool(label) and first and _value_above(lines, hits, k + 1, label[-1].right)


_ADDRESS_FIELDS = ("address", "head_office_address")


def _starts_with_sido(text: str) -> bool:
    """Does ``text`` start with a 시·도 — as the first line of every address on a certificate does?"""
    return sido_of(re.sub(r"[\s:：]+", "", text))[0] is not None


def _address_lines(lines: list[Line], hits: list[list[LabelHit]], i: int, h: LabelHit, value: str,
                   words: list[Word]) -> tuple[str, list[Word]]:
    """An address label's value with its wrapped lines: the line above when the label is centred on a two-line
    cell (사업자등록증명: "서울특별시 … 101호" / "사업장소재지" / "(효자동3가)"), then the unlabelled lines below
    that start right of the label — as many as above when the label sat between its lines, and never the first
    line of a label centred below."""
    line = lines[i]
    label_words = line.words_in(h.start, h.end)
    label_right = label_words[-1].right if label_words else line.left
    lower = _lower_words(label_words, words)
    level = [w for w in words if w not in lower]
    carried: list[Word] = []
    if lower and not re.search(r"[가-힣0-9]", "".join(w.text for w in level)):
        carried, words = lower, level  # the label between its lines: its line holds none of the value
        value = _strip_value(" ".join(w.text for w in level))
    above = 0
    if _value_above(lines, hits, i, label_right) and (
            not re.search(r"[가-힣0-9]", value) or _between_lines(lines, hits, i, label_words)
            or (_starts_with_sido(lines[i - 1].text) and not _starts_with_sido(value))):
        value = f"{_strip_value(lines[i - 1].text)} {value}".strip()
        words = [*lines[i - 1].words, *words]
        above = 1
    k = i + 1
    while k < len(lines) and not hits[k] and k < i + 3 and not (above and k > i + above):
        nl = lines[k]
        gap = nl.top - lines[k - 1].bottom
        if nl.left < label_right - 5 or gap > 1.5 * max(1, lines[k - 1].bottom - lines[k - 1].top):
            break
        if find_dates(nl.text) or _is_footer(nl) or _centred_label_below(lines, hits, k):
            break
        if carried:
            merged = Line(sorted([*carried, *nl.words], key=lambda w: w.left))
            value = f"{value} {_strip_value(merged.text)}".strip()
            words, carried = [*words, *merged.words], []
        else:
            value = f"{value} {_strip_value(nl.text)}".strip()
            words = [*words, *nl.words]
        k += 1
    if carried:  # no line below to join: the words stay where they were read
        value = f"{value} {_strip_value(' '.join(w.text for w in carried))}".strip()
        words = [*words, *carried]
    return value, words


def _value_words(words: list[Word], value: str) -> list[Word]:
    """The words the value was made of (colons and dropped junk tokens do not count for confidence)."""
    compact = re.sub(r"\s+", "", value)
    out = []
    for w in words:
        core = re.sub(r"[^가-힣0-9A-Za-z]", "", w.text)
        if core and core in compact:
            out.append(w)
    return out or words


def _hangul_words(words: list[Word]) -> list[Word]:
    """The words of 업태/종목 cells with Hangul in them, left to right, the table's headings left out."""
    return sorted((w for w in words if re.search(r"[가-힣]", w.text) and not _heading_word(w)), key=lambda w: w.left)


def _clean_words(words: list[Word]) -> list[Word]:
    """Drop table noise from 업태/종목 cells: words without Hangul, stray low-confidence syllables."""
    hangul = _hangul_words(words)
    out = []
    for i, w in enumerate(hangul):
        t = w.text.strip()
        if len(t) == 1 and t != "및" and w.conf < 70:
            # Tesseract returns most syllables as single words: drop only an isolated one (noise)
            near = [x for x in (hangul[i - 1] if i else None, hangul[i + 1] if i + 1 < len(hangul) else None) if x]
            if not any(min(abs(x.left - w.right), abs(w.left - x.right)) < 0.6 * w.height for x in near):
                continue
        out.append(w)
    return out


def _join(words: list[Word]) -> str:
    """Words as text, with Tesseract's one-syllable words glued like :class:`Line` does."""
    return Line(list(words)).text if words else ""


#: a row whose label did not read: a few syllables (or none: the label lost altogether, ": 초록 푸드" on a fax) and
#: the colon after it; a syllable or two of the label may come out as a digit, a bar or a quote ("대 1 자:" for
#: 대표자, nts scan, bench/ocr.py seed 2027)
_ROW = re.compile(r"^(?=[가-힣()]*(?:[^가-힣()\s:：][가-힣()]*){0,2}[:：])[^\s:：]{0,8}[:：]")


def _unlabelled_rows(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]]) -> None:
    """Rows whose label did not read ("삼호 :", "정병 :", ": 초록 푸드"), placed by the fixed row order and read
    like any labelled row (:func:`_simple_field`: legal forms, a second column, a wrapped address).

    상호 follows 등록번호 and 성명/대표자 follows 상호 on every certificate kind (docs/certificates.md#field-order);
    the 성명 row is also the one that carries 생년월일 on its right. On a 사업자등록증 (not the 사업자등록증명, whose
    주민등록번호 row comes next) 개업연월일 follows 성명/대표자 and 사업장소재지 follows 개업연월일: rows there whose
    label did not read ("개럽연뭘 :", "사엽잠소재 :") are those, when the first holds a date.
    """
    order = {"business_number": "business_name", "business_name": "representative"}
    if page.document == "business_registration":
        order.update(representative="opening_date", opening_date="address")
    prev: str | None = None
    for i, (line, hs) in enumerate(zip(lines, hits, strict=True)):
        starts = [h for h in hs if h.start <= 3 and not h.field.startswith("_")]
        if starts:
            prev = starts[0].field
            continue
        if prev not in order or not _ROW.match(line.compact):
            if hs:
                prev = None
            continue
        want = order[prev]
        if line.compact and hs and hs[0].field == "birth_date":
            want = "representative"
        if want in page.fields:
            prev = want
            continue
        colon = next(k for k, c in enumerate(line.compact) if c in ":：")
        if want == "opening_date" and not _whole_date_in(line.text_from(colon + 1, None)):
            prev = None  # not the row it should be: the order is lost
            continue
        _simple_field(page, line, LabelHit(want, 0, colon + 1, False), hs[0].start if hs else None, lines, hits, i)
        if want in page.fields:
            # placed by the row order, not by a label: "명: 채람우" (성명's tail, 성 read on the line above) was taken
            # for the 상호 of a page under uneven light (bench/ocr.py seed 888) — a difference is no evidence
            page.unlabelled.add(want)
        prev = want


#: a 사업자등록증명 row label with its bracket, read past recognising ("쌍효(빔엔틸)" for 상호(법인명) on a clean page
#: in BaekmukDotum, bench/ocr.py seed 4)
_BRACKETED_LABEL = re.compile(r"^[가-힣]{1,3}\([가-힣]{2,4}\)")


def _proof_name_row(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]]) -> None:
    """The 상호(법인명) row of a 사업자등록증명 whose label read past recognising: the row right before
    사업자등록번호 (docs/certificates.md#field-order), its label a word with a bracket. What follows the bracket is
    the 상호, placed by position, not by its label: ``unlabelled``."""
    if page.document != "registration_proof" or "business_name" in page.fields:
        return
    for i, hs in enumerate(hits[1:], start=1):
        # (the title 사업자등록증명 hits 사업자등록번호 too: its line above holds no bracketed label)
        label = _BRACKETED_LABEL.match(lines[i - 1].compact)
        if label is not None and not any(h.start < label.end() for h in hits[i - 1]) and any(
                h.field == "business_number" and h.start <= 3 for h in hs):
            _simple_field(page, lines[i - 1], LabelHit("business_name", 0, label.end(), False), None, lines, hits,
                          i - 1)
            if "business_name" in page.fields:
                page.unlabelled.add("business_name")
            return


def _resident_row(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]]) -> None:
    """The 주민(법인)등록번호 row of a 사업자등록증명 whose label read past recognising ("주민 ( 법인 ) (이혁 등록배
    번호", a scan, bench/ocr.py seed 3131): the row right after 대표자성명, its label starting 주민 (each syllable
    one jamo slot off at most: "주인임인등릉비호", a scan, seed 211). What it gives (the birth date, a
    법인등록번호) is placed by position, not by its label: ``unlabelled``."""
    if page.document != "registration_proof" or "resident_number" in page.raw_words:
        return
    for r, hs in enumerate(hits[:-1]):
        if any(h.field == "representative" and h.start <= 3 for h in hs):
            # the next row, or the one after what a label wrapped in its cell leaves: the name on a line of its own,
            # the label's second half ("대표자성명(대" / "김하늘" / "표유형)")
            i = next((j - 1 for j in range(r + 1, min(len(lines), r + 4)) if hits[j] or lines[j].compact[:2] == "주민"
                      or _slipped(lines[j].compact[:2], "주민")), r)
            head = lines[i + 1].compact[:2]
            if not hits[i + 1] and (head == "주민" or _slipped(head, "주민")):
                before = set(page.fields)
                # the label runs on to the first glyph that is neither Hangul nor its brackets: "| 711015" is left
                row = lines[i + 1].compact
                end = next((k for k, c in enumerate(row) if not (is_hangul_syllable(c) or c in "()")), len(row))
                _simple_field(page, lines[i + 1], LabelHit("resident_number", 0, end, False), None, lines, hits,
                              i + 1)
                page.unlabelled.update(set(page.fields) - before)
            return


def _whole_date_in(text: str) -> bool:
    """A date with its three numbers ("2017 년 08 뭘 07 일" too: a unit misread, no digit lost)."""
    return bool(_whole_dates(text)) or bool(
        re.search(r"\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}", text))


def _items(text: str) -> list[str]:
    parts = re.split(r"\s*[,/·|]+\s*", _strip_value(text))
    return [p.strip(_LEAD) for p in parts if p.strip(_LEAD) and len(p.strip(_LEAD)) >= 1]


def _slot_slips(a: str, b: str) -> int:
    """Jamo slots (initial, medial, final) in which two syllables differ; 3 when either is not Hangul."""
    from pgdocs.hangul import jamo_distance

    d = jamo_distance(a, b)
    return 3 if d is None else d


def _slipped(word: str, heading: str) -> bool:
    """``word`` is ``heading`` misread in every syllable, each one jamo slot off at most (홍록 for 종목)."""
    return len(word) == len(heading) and word != heading and all(
        _slot_slips(a, b) <= 1 for a, b in zip(heading, word, strict=True))


def _loose_heading(line: Line, after: int, heading: str, name: str) -> LabelHit | None:
    """A table heading Tesseract misread in every syllable (종목 → 홍록 on a JPEG, 중묵 …).

    Only looked for where the heading must be (on the 업태 line, when no spelling in the label table
    matched): a standalone token right of the first value, as long as the heading, each syllable at
    most one jamo slot off. A value word cannot be taken for it: item words share at most one syllable
    shape with 종목 (종묘 differs in two slots of 묘).
    """
    pos = 0
    for token in line.text.split():
        start, pos = pos, pos + len(token)
        if start > after and _slipped(token, heading):
            return LabelHit(name, start, pos, False)
    return None


def _loose_type_heading(line: Line, after: int) -> LabelHit | None:
    """The 업태 heading misread in every syllable, each one jamo slot off at most ("업타", "[얼터]"; not "열태", two
    slots off in 열, nor a value such as 업체), as the first word with Hangul after the 사업의 종류 label — where the
    boxed heading stands (:func:`_kind_line`)."""
    pos = 0
    for token in line.text.split():
        start, pos = pos, pos + len(token)
        core = re.sub(r"[^가-힣]", "", token)
        if start < after or not core:
            continue
        return LabelHit("business_type", start, pos, False) if _slipped(core, "업태") else None
    return None


def _loose_first(line: Line, heading: str, name: str) -> LabelHit | None:
    """The line's first token as ``heading`` misread in every syllable (each syllable one jamo slot off at most),
    for a label cell where a table row's label must be (:func:`_proof_kinds`)."""
    tokens = line.text.split()
    return LabelHit(name, 0, len(tokens[0]), False) if tokens and _slipped(tokens[0], heading) else None


@dataclass
class _KindTable:
    """The 업태/종목 table as it is read, line by line."""

    types: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    twords: list[Word] = field(default_factory=list)
    iwords: list[Word] = field(default_factory=list)
    item_x: int | None = None  #: the 종목 column's left edge, once known
    mode: str | None = None  #: when OCR serialises the table: "type" or "item" running lists

    def add_types(self, words: list[Word]) -> None:
        self.types += _items(_join(words))
        self.twords += words

    def add_items(self, words: list[Word]) -> None:
        self.items += _items(_join(words))
        self.iwords += words

    def split_at_item_column(self, words: list[Word], item_x: int) -> None:
        self.add_types([w for w in words if (w.left + w.right) / 2 < item_x - 5])
        self.add_items([w for w in words if (w.left + w.right) / 2 >= item_x - 5])


def _kind_table(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]], i: int) -> int:
    """Read the 업태/종목 table starting at line ``i``; return the index of the next unread line."""
    table = _KindTable()
    k = i
    while k < len(lines):
        line, hs = lines[k], hits[k]
        if k > i and any(h.field not in ("business_type", "business_item", "business_kind") for h in hs):
            break
        if k > i and (_is_footer(line) or find_dates(line.text) or _colon_row(line)):
            break
        if not _kind_line(table, line, hs) and k > i:
            break
        k += 1
    if table.types and "business_type" not in page.fields:
        page.fields["business_type"] = FieldValue(", ".join(table.types), _conf(table.twords), table.twords,
                                                  items=table.types)
    if table.items and "business_item" not in page.fields:
        page.fields["business_item"] = FieldValue(", ".join(table.items), _conf(table.iwords), table.iwords,
                                                  items=table.items)
    return max(k, i + 1)


#: a row label before its colon is at most this long (사업자단위과세적용사업자여부 is 14, 발급사유 4)
_ROW_LABEL_MAX = 16


def _colon_row(line: Line) -> bool:
    """A row of its own, "label : value", whatever its label was read as ("빌규시유 : 신가" for 발급사유 : 신규 on a
    fax): the 업태/종목 columns print no colon, so the table ended above it."""
    head = line.compact.split(":", 1)[0]
    return ":" in line.compact and len(head) <= _ROW_LABEL_MAX and len(re.findall(r"[가-힣]", head)) >= 2 \
        and not re.search(r"\d", head)


def _kind_line(t: _KindTable, line: Line, hs: list[LabelHit]) -> bool:
    """One line of the table into ``t``; False for a line without headings that belongs to no column."""
    tpos = next((h for h in hs if h.field == "business_type"), None)
    ipos = next((h for h in hs if h.field == "business_item"), None)
    kind_h = next((h for h in hs if h.field == "business_kind"), None)
    if kind_h is not None and tpos is None and t.item_x is None and not t.types:
        tpos = _loose_type_heading(line, kind_h.end)
    if (before := tpos or kind_h) and ipos is None and t.item_x is None:
        # on the 업태 line, or on the 사업의 종류 line whose boxed 업태 heading was lost ("[aa] 전문, 과학 …
        # [ 종록 | 광고 대행업", a 200-dpi scan)
        ipos = _loose_heading(line, before.end, "종목", "business_item")
    n = len(line.compact)
    start = kind_h.end if kind_h else 0
    if tpos and ipos and tpos.start < ipos.start:
        t.add_types(_clean_words(line.words_in(tpos.end, ipos.start)))
        t.add_items(_clean_words(line.words_in(ipos.end, n)))
        ws = line.words_in(ipos.start, ipos.end)
        t.item_x = ws[0].left if ws else t.item_x
        t.mode = None
    elif tpos:
        ws = [w for w in _clean_words(line.words_in(tpos.end, n)) if not _heading_word(w)]
        if t.item_x is None and t.mode is None and (gap := _column_gap(line.words_in(tpos.end, n), ws)) is not None:
            # "업태 숙박 및 음식점업        커피 전문점": the 종목 box lost, its column still apart by the gap
            t.item_x, ws = gap
            t.split_at_item_column(ws, t.item_x)
        else:
            t.add_types(ws)
            t.mode = "type"
    elif ipos and (lost := _clean_words(line.words_in(start, ipos.start))) and not t.types and t.item_x is None:
        # "사업의 종류 : 서비스업  종목 소프트웨어 …": a two-column table whose boxed 업태 heading OCR lost
        # (real NTS certificates box both headings): the values left of the 종목 heading are 업태's, and the
        # lines below split at its column like a table whose headings were both read
        t.add_types(lost)
        t.add_items(_clean_words(line.words_in(ipos.end, n)))
        ws = line.words_in(ipos.start, ipos.end)
        t.item_x = ws[0].left if ws else None
        t.mode = None if t.item_x is not None else "item"
    elif ipos:
        t.add_items(_clean_words(line.words_in(ipos.end, n)))
        ws = line.words_in(ipos.start, ipos.end)
        t.item_x = ws[0].left if ws and t.item_x is None and t.types and t.mode is None else t.item_x
        t.mode = "item"
    else:
        ws = _clean_words(line.words_in(start, n))
        if kind_h is not None and t.item_x is None and t.mode is None and (
                gap := _column_gap(line.words_in(start, n), ws)) is not None:
            # "사업의 종류 : 제조업        빵류 제조업": both boxed headings lost — the columns (업태, then 종목) are
            # told apart by the gap where the 종목 box stands (docs/certificates.md#kind-columns)
            t.item_x, ws = gap
        if t.item_x is not None and t.mode is None:
            t.split_at_item_column(ws, t.item_x)
        elif t.mode == "item":
            t.add_items(ws)
        elif t.mode == "type":
            t.add_types(ws)
        else:
            return False
    return True


#: the gap between the 업태 and 종목 columns, in glyph heights: the 종목 heading's box and its padding stand there
#: (a word gap inside a value like "전문, 과학 및 기술서비스업" is under one glyph height)
COLUMN_GAP = 2.5
#: a Hangul syllable is at least this many glyph heights wide (0.8–1.0 in the fonts the samples draw with): a word
#: boxed narrower than its syllables need had its box cut short by Tesseract — a clean 증명's 플라워 boxed 23 px at
#: 26-px glyphs, 70 px after 푸른, was taken for a second column and the 상호 read "푸른" (bench/ocr.py seed 151) —
#: and its left edge stands no later than its right minus that width (:func:`_left_edge`)
MIN_SYLLABLE_WIDTH = 0.7


def _left_edge(w: Word, height: int) -> int:
    """Where ``w`` starts at the latest: its box's left, or as far left of its right as its syllables need."""
    syllables = sum(map(is_hangul_syllable, w.text))
    return min(w.left, w.right - round(syllables * MIN_SYLLABLE_WIDTH * height))


#: words that are the table's own headings, never a value: 업태/종목 read with their box (``[업태]``, ``[종목``)
#: or the row's label read apart from its colon (``종류:``)
_HEADING_WORDS = frozenset({"업태", "종목", "종류", "사업의종류"})


def _birth_date_column(page: ParsedPage, line: Line, cut: int) -> None:
    """The second column of the 성명 / 대표자 row, its 생년월일 label not read ("생일 의 : 1980 년 07 월 12 일"): every
    NTS layout prints the birth date there, and nothing else (docs/certificates.md#layout)."""
    if "birth_date" in page.fields:
        return
    words = line.words_in(cut, len(line.compact))
    found = _whole_dates(line.text_from(cut, None))
    if found:  # a whole date, not the loose pattern date_value falls back on
        page.fields["birth_date"] = FieldValue(found[0][0].isoformat(), _conf(words), words)
        page.raw_words["birth_date"] = words


def _column_cut(line: Line, start: int, end: int) -> int | None:
    """The compact index where the next column starts after ``start`` (the first gap ≥ :data:`COLUMN_GAP` glyph
    heights between the words of ``start:end``), or None."""
    words = line.words_in(start, end)
    if len(words) < 2:
        return None
    # the glyphs' height: the upper quartile of the words that hold letters or digits — a line Tesseract split
    # into the tops and bottoms of its glyphs ("FF : ㆍ 들드 꽃그 농원 으" for "상호 : 들꽃농원", words 4–29 px
    # high on a clean page of 29-px glyphs, bench/ocr.py seed 397) made the median a fragment's, and the gap
    # after the colon a "second column" that cut the name off
    heights = sorted(w.height for w in words if MEANINGFUL.search(w.text)) or sorted(w.height for w in words)
    height = heights[len(heights) * 3 // 4]
    ordered = sorted(words, key=lambda w: w.left)
    for a, b in itertools.pairwise(ordered):
        if _left_edge(b, height) - a.right >= COLUMN_GAP * height:
            wi = next(i for i, w in enumerate(line.words) if w is b)
            cut = next((i for i, (w, _) in enumerate(line.cmap) if w == wi and i >= start), None)
            if cut is not None and not MEANINGFUL.search(line.text_from(start, cut)):
                # nothing of the value before the gap: the rest of the label's word ("대표자성명(" in its cell, the
                # name in the next: a 사업자등록증명 laid out by LibreOffice), a colon — the value starts after it
                continue
            return cut
    return None


def _heading_word(w: Word) -> bool:
    """A heading of the 사업의 종류 row read as a word of its own, with a box edge or colon: not a value."""
    return re.sub(r"[^가-힣]", "", w.text) in _HEADING_WORDS and not re.fullmatch(r"[가-힣]+", w.text)


def _column_gap(words: list[Word], values: list[Word]) -> tuple[int, list[Word]] | None:
    """The left edge of the second column when the Hangul ``words`` of one line hold one wide gap, and the
    ``values`` (its words without noise, :func:`_clean_words`) of the columns; else None.

    The gap is where no Hangul was read, however doubtfully: the 의 of 의류, boxed alone at confidence 8, is noise
    to a value but ink to the gap — without it the 종목 column started at 소매업, and every line below gave its
    first item word to 업태 (a screen capture read without rules, bench/ocr.py seed 223). Two wide gaps with one
    word between them hold the 종목 heading read as something else: it stands alone between the columns ("도매 …
    조 … 전자 부품 도매업", a screen capture whose boxed 종목 left only a half-height 조, seed 197), is no value,
    and the second column starts after it.
    """
    words = _hangul_words(words)
    if len(words) < 2:
        return None
    height = sorted(w.height for w in words)[len(words) // 2]
    wide = [(k, x) for k, (a, b) in enumerate(itertools.pairwise(words))
            if (x := _left_edge(b, height)) - a.right >= COLUMN_GAP * height]
    if len(wide) == 2 and wide[1][0] == wide[0][0] + 1:
        heading = words[wide[1][0]]
        return wide[1][1], [w for w in values if w is not heading]
    return (wide[0][1], values) if len(wide) == 1 else None


#: a masked resident number: the birth date, then the rest hidden ("880412-*******", "880412-1******")
#: (OCR reads the stars as x, a, ×, #, %, "txxxxrt" …: 3–8 characters that are neither Hangul nor space, and
#: often only some of them: "640610—%%%% 옷우", "720617***"; after the hyphen Hangul too: "840511-% 우웃웃웃웃유", a
#: low-resolution 증명, bench/ocr.py seed 211); the hyphen is lost on scans ("931029 ****+%%"), so without it the
#: hidden part must start with a glyph that is not a digit
#: a letter-spaced print or a crop read may split the six digits once ("7008 15-*****", "5807 18—*")
_SIX = r"(\d{6}|\d \d{5}|\d{2} \d{4}|\d{3} \d{3}|\d{4} \d{2}|\d{5} \d)"
_RESIDENT = re.compile(r"(?<!\d)" + _SIX + r"\s*(?:-\s*([^\s\d](?:\s?[^\s\d]){2,7})"
                       r"|([^\s\d가-힣](?:\s?[^\s가-힣]){2,7}))(?![\d*])")
#: the birth date alone: six digits that are the row's only number, the hidden part not read at all ("850310")
_RESIDENT_BARE = re.compile(r"^[^\d가-힣]*(\d{6})[^\d가-힣]*$")


#: a 업종 name ends like this (업, 소매, 도매, 서비스 …): a line that ends so ends an item even without its bar;
#: a line that does not ("전자상거래" / "소매업") wraps one item
_ITEM_END = re.compile(r"(?:업|매|스|조|공)\s*$")


def _resident_number(page: ParsedPage, raw: str, words: list[Word]) -> None:
    """주민(법인)등록번호 of a 사업자등록증명: a corporation's 법인등록번호, or an individual's birth date."""
    cands = number_candidates(raw, "crn")
    if cands and cands[0][1]:
        page.fields.setdefault("corporate_number", FieldValue(cands[0][0], _conf(words), words, checked=True))
        return
    born = resident_birth_date(raw)
    if born is not None:
        page.fields.setdefault("birth_date", FieldValue(born, _conf(words), words))


def birth_from_resident(page: ParsedPage) -> bool:
    """The page's birth date is the head of its 주민등록번호 (a 사업자등록증명), not a 생년월일 row — also when the
    row was found and its number not read ("8912126", the hyphen and stars lost on a 200-dpi scan): its crop is
    where a second read looks (:func:`birth_words`)."""
    row = page.raw_words.get("resident_number")
    if not row:
        return False
    fv = page.fields.get("birth_date")
    return fv.words == row if fv is not None else "birth_date" not in page.raw_words


def birth_words(page: ParsedPage) -> list[Word]:
    """The words the birth date was (or was to be) read from: its 생년월일 row, or the 주민등록번호 row."""
    if birth_from_resident(page):
        return page.raw_words["resident_number"]
    fv = page.fields.get("birth_date")
    return page.raw_words.get("birth_date") or (fv.words if fv is not None else [])


def resident_birth_date(raw: str) -> str | None:
    """The birth date (ISO) at the head of a masked 주민등록번호 as OCR read it, or None."""
    fixed = raw.translate(_DIGIT_FIX).replace("＊", "*")
    m = _RESIDENT.search(fixed) or _RESIDENT_BARE.search(_strip_value(raw).translate(_DIGIT_FIX))
    if m is None:
        return None
    six = m[1].replace(" ", "")
    yy, mm, dd = int(six[:2]), int(six[2:4]), int(six[4:])
    # the century: nobody registering a business today was born more than a century ago or is under 14. (The digit
    # after the hyphen, when printed, says the same for everyone in that range, and a star misread as 7 would
    # have made 1988 into 2088)
    century = 2000 if yy <= (dt.date.today().year - 14) % 100 else 1900
    try:
        return dt.date(century + yy, mm, dd).isoformat()
    except ValueError:
        return None


def _proof_kinds(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]], i: int) -> int:
    """업태 and 종목 rows of a 사업자등록증명: label cells left, " | "-separated values over several lines.

    A label cell is centred on its value cell, so a 종목 list of three lines has its label on the middle line and
    its first line *above* the label: the 업태 row takes its label's line and as many lines below it as there are
    unlabelled lines above it (``u``, usually 0); every other line up to the next row is 종목's. Never swapped,
    never the 업태 values taken for 종목 (issue 11 item 5).
    """
    u = _unlabelled_above(lines, hits, i, 3)
    end = i + 1
    item_line: int | None = None
    while end < len(lines):
        hs = hits[end]
        if not hs and item_line is None and (loose := _loose_first(lines[end], "종목", "business_item")):
            hits[end] = hs = [loose]  # the 종목 label cell misread in every syllable (조모, 중묵 …)
        if any(h.field == "business_item" for h in hs) and item_line is None:
            item_line = end
        elif hs or _is_footer(lines[end]) or find_dates(lines[end].text):
            break
        end += 1
    # (never the 종목 label's own line)
    type_rows = list(range(i - u, min(end, i + u + 1, item_line if item_line is not None else end)))
    # with the 종목 label cell not read at all, the unlabelled lines up to the next row are still its cell: they
    # cannot be 업태's (its cell ends where its centred label's lines do), and a line too many only adds words
    # that no declared item needs
    item_rows = [k for k in range(i + u + 1, end)]

    _proof_fields(page, lines, hits, type_rows, item_rows)
    return max(end, i + 1)


def _proof_fields(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]], type_rows: list[int],
                  item_rows: list[int]) -> None:
    types, twords = _proof_values(lines, hits, type_rows, "business_type")
    items, iwords = _proof_values(lines, hits, item_rows, "business_item")
    if types and "business_type" not in page.fields:
        page.fields["business_type"] = FieldValue(", ".join(types), _conf(twords), twords, items=types)
    if items and "business_item" not in page.fields:
        page.fields["business_item"] = FieldValue(", ".join(items), _conf(iwords), iwords, items=items)


def _unlabelled_above(lines: list[Line], hits: list[list[LabelHit]], i: int, limit: int) -> int:
    """How many lines right above line ``i`` (at most ``limit``) hold no label and no date: the top of a cell whose
    label is centred on it."""
    label = next((h for h in hits[i] if h.field in _KIND_FIELDS), None)
    values = lines[i].words_in(label.end, len(lines[i].compact)) if label is not None else []
    # a line in the label column is no value: the rest of the row above's label, wrapped in its cell ("사업자등록" /
    # "일" right above 업태 took the 업태's line and the 종목's with it, a 사업자등록증명 laid out by LibreOffice)
    value_left = min(w.left for w in values) - values[0].height if values else None
    n = 0
    while n < limit and i - n - 1 >= 0 and not hits[i - n - 1] and not find_dates(lines[i - n - 1].text) and (
            value_left is None or lines[i - n - 1].left >= value_left):
        n += 1
    return n


def _proof_items_first(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]], i: int) -> int:
    """The 종목 row of a 사업자등록증명 whose 업태 label cell was not read at all: the unlabelled lines above the
    종목 label (up to the last labelled or dated row) hold the 업태 cell and then the top of the 종목 cell. The 종목
    label is centred on its cell, so its cell reaches as many lines above the label as below it; the lines above
    those are 업태's. A 종목 line given to 업태 by an uneven split only leaves 종목 short: review, never a pass."""
    above = _unlabelled_above(lines, hits, i, 6)
    end = i + 1
    while end < len(lines) and not hits[end] and not _is_footer(lines[end]) and not find_dates(lines[end].text):
        end += 1
    below = end - i - 1
    reach = min(below, above)
    _proof_fields(page, lines, hits, list(range(i - above, i - reach)), list(range(i - reach, end)))
    return max(end, i + 1)


_KIND_FIELDS = ("business_type", "business_item")


def _proof_kinds_by_position(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]]) -> None:
    """업태 and 종목 of a 사업자등록증명, the two cells told apart by where things are rather than by counting lines.

    The lines after the dated 사업자등록일 row up to the next row (공동사업자, the end of the table) are the two
    cells. Each cell's label is centred on it, so each label marks the middle of its cell: its label as read, or
    the specks left of the value column a label turned into over the emblem ("2 티", "mo 2"). With exactly two
    marks, the cells meet at the widest gap between lines from the first mark to the second — the rule and the two
    cells' padding, wider than any line gap within a cell. (Counting lines fails when Tesseract sets a label on a
    line of its own above its value, fax, bench/ocr.py seed 2027.) Values placed under labels that read as specks
    are ``unlabelled``: a difference in them is review, never a mismatch.
    """
    def kind_hit(k: int) -> LabelHit | None:
        return next((h_ for h_ in hits[k] if h_.field in _KIND_FIELDS and h_.start <= 3), None)

    # the 사업자등록일 row right after the 개업일 row (or the 개업일 row where there is none): the two cells follow it
    opening = next((k for k, hs in enumerate(hits) if any(h_.field == "opening_date" and h_.start <= 3 for h_ in hs)),
                   None)
    if opening is None or opening + 2 >= len(lines):
        return
    # (the 사업자등록일 row is the next one whether its label read or not: a dated row is no 업태/종목 line)
    dated = opening + 1 if date_value(lines[opening + 1].text) is not None else opening
    if date_value(lines[dated].text) is None or (hits[dated + 1] and kind_hit(dated + 1) is None):
        return
    value_x = next((w.left for w in lines[dated].words if any(c.isdigit() for c in w.text)), None)
    if value_x is None:
        return
    h = sorted(w.height for w in lines[dated].words)[len(lines[dated].words) // 2]
    block: list[int] = []
    marks: list[tuple[int, int, bool]] = []  # (line, words of the label, read as a label)
    for j in range(dated + 1, len(lines)):
        if _is_footer(lines[j]) or any(h_.field not in _KIND_FIELDS for h_ in hits[j]):
            break
        block.append(j)
        label = kind_hit(j)
        if label is not None:
            marks.append((j, len(lines[j].words_in(0, label.end)), label.field == _KIND_FIELDS[len(marks) % 2]))
            continue
        n = 0
        while n < len(lines[j].words) and (lines[j].words[n].left + lines[j].words[n].right) / 2 < value_x - h:
            n += 1
        if n:
            marks.append((j, n, False))
    if len(marks) != 2 or any(kind_hit(j) is not None and not read for j, _, read in marks):
        return  # one cell's label lost altogether, or a 종목 label first: the line-counting readers below decide
    (j1, _, _), (j2, _, _) = marks
    between = list(range(j1, j2 + 1))
    gaps = [(lines[b].top - lines[a].bottom, a) for a, b in itertools.pairwise(between)]
    cut = max(gaps)[1]
    for (j, n, _), name in zip(marks, _KIND_FIELDS, strict=True):
        end = sum(1 for wi, _ in lines[j].cmap if wi < n)
        hits[j] = [LabelHit(name, 0, end, False)] + [h_ for h_ in hits[j] if h_.start >= end]
    type_rows = [j for j in block if j <= cut]
    _proof_fields(page, lines, hits, type_rows, [j for j in block if j > cut])
    # a value under a label that read as specks: a difference in it is no evidence (verify turns it to review)
    page.unlabelled.update(name for (_, _, read), name in zip(marks, _KIND_FIELDS, strict=True)
                           if not read and name in page.fields)


def _proof_values(lines: list[Line], hits: list[list[LabelHit]], rows: list[int], name: str
                  ) -> tuple[list[str], list[Word]]:
    """The items of one 업태/종목 cell of a 사업자등록증명 on ``rows``, and their words."""
    parts: list[str] = []
    words: list[Word] = []
    for k in rows:
        hs = [h for h in hits[k] if h.field == name]
        start = hs[0].end if hs else 0
        parts.append(lines[k].text_from(start))
        words += [w for w in lines[k].words_in(start, len(lines[k].compact)) if re.search(r"[가-힣]", w.text)]
    # the separator bar is read as "|", "l", "I", "1", "[", "]" or "!" when it stands alone
    bar = re.compile(r"(?:(?<=\s)|^)[lI1!\[\]](?=\s|$)")
    parts = [bar.sub("|", p_).strip() for p_ in parts]
    # the emblem and the table's rules leave Latin/digit specks ("oo", "co"); a 업종 is Hangul
    parts = [" ".join(t for t in p_.split() if t == "|" or re.search(r"[가-힣]", t)) for p_ in parts]
    parts = [p_ for p_ in parts if p_]
    text = ""
    for part in parts:
        # a line that ends an item (its bar at the line end lost, a common OCR drop): "…공급업" / "포장 …"
        if text and not text.endswith("|") and not part.startswith("|") and _ITEM_END.search(text):
            text += " |"
        text = f"{text} {part}".strip()
    return [it for it in _items(text) if re.search(r"[가-힣]{2}", it)], words



def _footer(page: ParsedPage, lines: list[Line], hits: list[list[LabelHit]], footer_idx: int | None) -> None:
    labelled_dates = {id(w) for f in ("birth_date", "opening_date") if f in page.fields for w in page.fields[f].words}
    end = footer_idx if footer_idx is not None else len(lines)
    for k in range(end - 1, -1, -1):
        ln = lines[k]
        if any(not h.field.startswith("_") for h in hits[k]):
            continue
        if any(id(w) in labelled_dates for w in ln.words):
            continue
        d = date_value(ln.text)
        if d:
            page.fields["issue_date"] = FieldValue(d, _conf(ln.words), ln.words)
            break
    if footer_idx is not None:
        ln = lines[footer_idx]
        comp = re.sub(r"[^가-힣]", "", ln.compact)
        m = re.search(r"([가-힣]{1,6}?)세[무므][서시]", comp)
        if m and m.group(1):
            page.fields["tax_office"] = FieldValue(f"{m.group(1)}세무서", _conf(ln.words), ln.words)


#: a 사업자등록번호 as printed, 123-45-67890 (a dash read as an em dash or two), for :func:`_number_anywhere`
_PRINTED_BRN = re.compile(r"(?<![\d-])\d{3}\s*-+\s*\d{2}\s*-+\s*\d{5}(?![\d-])")


def _number_anywhere(page: ParsedPage, lines: list[Line], kind: str) -> None:
    """No 등록번호 label read: take a check-digit-valid number printed as one (123-45-67890) from anywhere on the
    page. One in ten digit strings has a valid check digit: a 접수번호 run into a phone number on a moiré photo
    read "2098104771" and made a genuine page a mismatch (bench/ocr.py seed 23) — so only the printed shape, and
    the field is marked :attr:`ParsedPage.unlabelled`: a difference is review."""
    for ln in lines:
        for m in _PRINTED_BRN.finditer(ln.text.translate(_DIGIT_FIX)):
            for val, ok in number_candidates(m.group(0), kind):
                if ok:
                    page.fields["business_number"] = FieldValue(val, _conf(ln.words) * 0.8, ln.words, checked=True)
                    page.raw_words["business_number"] = ln.words
                    page.unlabelled.add("business_number")
                    return


def _subtitle(page: ParsedPage, lines: list[Line]) -> None:
    subs = label_table()["subtitles"]
    for ln in lines[:12]:
        for key, (tax, entity) in subs.items():
            if key in ln.compact:
                page.tax_type = tax or None
                page.entity = entity
                return
