"""Compare declared merchant data with what OCR found on a 사업자등록증 or 통장 사본.

Every function returns a :class:`MatchScore`:

* ``match`` — the page agrees (exactly for numbers and dates, up to OCR noise for text);
* ``mismatch`` — a confident difference: a different digit, date, building number, floor or unit, or a
  different *readable* syllable that is not a typical OCR confusion;
* ``unverifiable`` — what could be checked agrees, but too much of the declared text uses syllables the
  Korean model cannot emit (docs/ocr.md#out-of-set): a person must look;
* ``unreadable`` — nothing (or too little, or too noisy) was read to decide.

``verify`` turns match into pass, mismatch into fail, the other two into review.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Literal

from pgdocs.address import Address, parse_address
from pgdocs.dates import find_dates, parse_date
from pgdocs.hangul import jamo, jamo_similarity, with_particle
from pgdocs.names import company_form, name_key, same_holder
from pgdocs.ocr.align import Alignment, align
from pgdocs.ocr.charset import unrepresentable
from pgdocs.text import ascii_digits, clean

__all__ = [
    "ACCOUNT_NOISE_SHARE",
    "ADDRESS_BODY_SIMILAR",
    "ADDRESS_HARD_MISMATCH",
    "ADDRESS_MATCH",
    "BUILDING_NAME_SIMILAR",
    "ITEMS_MATCH",
    "ITEMS_MISMATCH",
    "LABEL_SIMILAR",
    "LOOKALIKE_DIGITS",
    "MAX_ALIEN",
    "MAX_UNVERIFIABLE_FRACTION",
    "MIN_TRUNCATED_NAME",
    "MIN_VERIFIED",
    "NAME_MATCH",
    "MatchScore",
    "Status",
    "lookalike_swap",
    "match_account",
    "match_address",
    "match_date",
    "match_holder",
    "match_items",
    "match_name",
    "match_number",
]

log = logging.getLogger(__name__)

Status = Literal["match", "mismatch", "unverifiable", "unreadable"]

# --- thresholds (tests cover both sides of each) -------------------------------------------------
# A name matches at score ≥ 0.8: one typical confusion in a name of two or more syllables
# (2 syllables → 0.85) passes; two confusions in two syllables (0.7) are too much noise → review.
NAME_MATCH = 0.8
# A name this long that lost only its first or last syllable in the read is a truncated crop (review,
# e.g. 윤람지 read as 랍지 on a fax); a two-syllable name minus one is too easily another name.
MIN_TRUNCATED_NAME = 3
# One syllable read as a digit or letter is noise (심나영 → "심 4 영" on a phone photo); more and the
# read is not Hangul at all (나나나 → "4404"): unreadable, and a name search on a page ignores such a spot.
MAX_ALIEN = 1
# Up to a third of the declared syllables may be ones the model cannot emit (팜스코: 1 of 3);
# beyond that so little was really compared that a person must look.
MAX_UNVERIFIABLE_FRACTION = 0.34
# …and at least two syllables must have been read back (a one-syllable check proves nothing).
MIN_VERIFIED = 2
# An address body (시·군·구 and road name) with every number agreeing matches at ≥ 0.9: about one
# typical confusion per four syllables (강남구테헤란로: two pass at 0.91, three fall to 0.87 → review).
ADDRESS_MATCH = 0.9
# A single hard difference in a long address body may be read noise (review); two are a different road…
ADDRESS_HARD_MISMATCH = 2
# …unless every number agrees and the jamo are still this close (a fax read 전주시완산구 as 진주시왼선구:
# 0.79; another road or 구 with the same number scores ≤ 0.73): then a person must look.
ADDRESS_BODY_SIMILAR = 0.75
# A building's name after the building number ("한빛빌딩", "그린오피스텔") says nothing the 시·도, road, building
# number, 동, 층 and 호 do not: when all of those read exactly as declared, a name read this close (one or two
# syllables a stroke off: 한빗빌딩 0.93, 그랜오피스텔 0.94) does not keep the address from matching. Another
# building's name on the same road and number is no other place; a name read far off (< 0.8) is still review.
BUILDING_NAME_SIMILAR = 0.8
# 업태/종목: share of declared items found on the page. 3 of 4 match (OCR may garble one item of a long
# list); less than a third found is a different business.
ITEMS_MATCH = 0.75
ITEMS_MISMATCH = 0.34

# A bank-book number read without its printed hyphens is a poor read (scan, photo): up to a quarter of
# its digits may differ before it counts as another account (a sample scan read 0181277515770 as
# 0191277110770). Read with two or more hyphens, one different digit is already a mismatch.
ACCOUNT_NOISE_SHARE = 0.25
# Digit pairs Tesseract mixes up on printed text; a single such difference is read noise only when the
# declared number is valid and the one read is not (the check digit decides).
# Issue 11 names 3↔8, 1↔7, 0↔8, 5↔6, 2↔7 (seen on real certificates); the others were seen in our benches.
LOOKALIKE_DIGITS = frozenset(
    frozenset(p) for p in ("08", "06", "09", "17", "14", "38", "56", "68", "89", "58", "35", "27")
)
_CONFUSABLE_DIGITS = LOOKALIKE_DIGITS
_NUMBER_LENGTH = {"brn": 10, "crn": 13}


@dataclass(frozen=True)
class MatchScore:
    status: Status
    score: float  #: 0..1
    detail: str  #: short Korean explanation

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status, "score": round(self.score, 3), "detail": self.detail}


def _unreadable(detail: str = "읽지 못했습니다") -> MatchScore:
    return MatchScore("unreadable", 0.0, detail)


def _blank(found: str | None) -> bool:
    return found is None or not clean(str(found))


# --- numbers and dates ---------------------------------------------------------------------------


def _checksum_ok(kind: str, digits: str) -> bool:
    if kind == "crn":
        from pgdocs.ids import crn

        return crn.is_valid(digits)
    from pgdocs.ids import brn

    return brn.is_valid(digits)


def match_number(declared: str, found: str | None, *, kind: str = "brn") -> MatchScore:
    """Registration numbers (``brn`` 사업자등록번호, ``crn`` 법인등록번호): exact digits.

    >>> match_number("124-81-00998", "1248100998").status
    'match'
    """
    if kind not in _NUMBER_LENGTH:
        raise ValueError(f"unknown number kind {kind!r}")
    if _blank(found):
        return _unreadable()
    want, got = ascii_digits(str(declared)), ascii_digits(str(found))
    if not got:
        return _unreadable("숫자를 읽지 못했습니다")
    if want == got:
        return MatchScore("match", 1.0, "일치")
    if len(got) != _NUMBER_LENGTH[kind]:
        return _unreadable(f"읽은 번호가 {len(got)}자리입니다 (완전하지 않음)")
    diff = [i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b]
    score = 1 - len(diff) / len(got)
    swaps = lookalike_swaps(want, got)
    if swaps is not None:
        # look-alike digits (3↔8 …): a misread as likely as another number, even when both check digits hold
        # (a weight-2 position of a 법인등록번호): review until a digit-only re-read of the crop settles it
        held = "검증번호도 맞음" if _checksum_ok(kind, got) else "검증번호 불일치"
        where, pairs = swapped_digits(swaps)
        detail = f"{where} 숫자가 흐리게 읽혔습니다 ({pairs}, {held})"
        return MatchScore("unreadable", score, detail)
    return MatchScore("mismatch", score, f"번호가 다릅니다 ({len(diff)}자리 차이)")


def lookalike_swap(declared: str, found: str, *, any_pair: bool = False) -> tuple[int, str, str] | None:
    """(position, declared digit, read digit) when ``found`` differs from ``declared`` in exactly one digit and
    the two are a pair Tesseract mixes up on print (:data:`LOOKALIKE_DIGITS`) — any pair of digits with
    ``any_pair`` (a date has no check digit to tell a misread from another date); else ``None``. Non-digit
    characters must agree (``96-13`` / ``96-18``).

    >>> lookalike_swap("110111-7654323", "110111-7654328")
    (13, '3', '8')
    >>> lookalike_swap("1234", "1294") is None, lookalike_swap("20121102", "20120102", any_pair=True)
    (True, (4, '1', '0'))
    """
    swaps = lookalike_swaps(declared, found, limit=1, any_pair=any_pair)
    return swaps[0] if swaps else None


#: at most this many look-alike digits may differ before a number read with a valid check digit is another number
LOOKALIKE_SWAPS = 2


def lookalike_swaps(declared: str, found: str, *, limit: int = LOOKALIKE_SWAPS,
                    any_pair: bool = False) -> list[tuple[int, str, str]] | None:
    """Every (position, declared digit, read digit) where ``found`` differs from ``declared``, when there are one to
    ``limit`` of them and each is a look-alike pair (as :func:`lookalike_swap`); else ``None``. A fax read
    785-33-93933 as 785-33-98983, both 3s as 8s, and the check digit held.

    >>> lookalike_swaps("785-33-93933", "785-33-98983")
    [(8, '3', '8'), (10, '3', '8')]
    >>> lookalike_swaps("785-33-93933", "785-33-98982") is None
    True
    """
    if len(declared) != len(found):
        return None
    diff = [(i, a, b) for i, (a, b) in enumerate(zip(declared, found, strict=True)) if a != b]
    if not 0 < len(diff) <= limit or not all(
            frozenset((a, b)) in LOOKALIKE_DIGITS or (any_pair and a.isdigit() and b.isdigit()) for _, a, b in diff):
        return None
    return diff


def swapped_digits(swaps: list[tuple[int, str, str]]) -> tuple[str, str]:
    """Where look-alike digits differ and which, for a reason: ("9번째·11번째", "3↔8, 3↔8")."""
    return "·".join(f"{pos + 1}번째" for pos, _, _ in swaps), ", ".join(f"{a}↔{b}" for _, a, b in swaps)


def _found_date(found: str) -> dt.date | None:
    try:
        return parse_date(found)
    except ValueError:
        dates = {d for d, _, _ in find_dates(found)}
        return dates.pop() if len(dates) == 1 else None


def match_date(declared: dt.date | str, found: str | None, *, today: dt.date | None = None) -> MatchScore:
    """Dates: the same calendar day, whatever the format on either side.

    Any other date is a mismatch, except a date after ``today`` (default: the system date): no
    certificate prints one, so it was misread (review).

    >>> match_date("2019-07-01", "2019 년 07 월 01 일").status
    'match'
    """
    if _blank(found):
        return _unreadable()
    try:
        want = parse_date(declared)
    except ValueError:
        return _unreadable("신고한 날짜의 형식을 알 수 없습니다")
    got = _found_date(str(found))
    if got is None:
        return _unreadable("날짜로 읽히지 않습니다")
    if got == want:
        return MatchScore("match", 1.0, "일치")
    a, b = (f"{d.year:04d}{d.month:02d}{d.day:02d}" for d in (want, got))  # strftime gives "201" for year 201
    score = sum(x == y for x, y in zip(a, b, strict=True)) / 8
    if got.year < 1900:
        # no business opened before 1900: a digit of the year was lost in the read
        return MatchScore("unreadable", score, f"읽은 날짜가 너무 이릅니다 ({got.isoformat()})")
    if got > (today or dt.date.today()):
        # 2023 read as 2028 on a scan: a certificate cannot print a future date, so the read is wrong
        return MatchScore("unreadable", score, f"읽은 날짜가 미래라 잘못 읽혔습니다 ({got.isoformat()})")
    return MatchScore("mismatch", score, "날짜가 다릅니다")


# --- names ---------------------------------------------------------------------------------------


def _subject(word: str) -> str:
    """``word`` with the subject particle it takes: 상호가, 이름이, 주소가, 항목이."""
    parts = jamo(word[-1]) if word else None
    return word + ("이" if parts and parts[2] else "가")


def _judge(a: Alignment, *, threshold: float, what: str, show: bool, strict: bool = False) -> MatchScore:
    """Status of a name-like alignment (shared by names, holders and address bodies).

    ``strict`` (names of businesses and people): a syllable read as another, even a typical OCR confusion
    (김민수 / 김인수), is never a match — only syllables the model cannot emit are forgiven.
    """
    if a.hard:
        shown = f" (입력한 “{a.first_hard[0]}” 자리에 “{a.first_hard[1]}”)" if show and a.first_hard else ""
        return MatchScore("mismatch", a.score, f"{_subject(what)} 다릅니다{shown}")
    if a.alien > MAX_ALIEN:
        return MatchScore("unreadable", a.score, f"{_subject(what)} 한글로 읽히지 않았습니다 ({a.alien}자)")
    needed = min(MIN_VERIFIED, a.declared_len - a.unverifiable)
    too_few = a.verified < max(needed, 1)
    if a.unverifiable and (a.unverifiable_fraction > MAX_UNVERIFIABLE_FRACTION or too_few):
        return MatchScore(
            "unverifiable", a.score,
            f"OCR 모델이 읽을 수 없는 글자가 {a.unverifiable}자 있어 눈으로 확인이 필요합니다",
        )
    if a.lookalike or a.alien or (strict and a.soft):
        n = a.lookalike + a.alien + (a.soft if strict else 0)
        return MatchScore("unreadable", a.score, f"{what}의 {n}자가 비슷한 글자로 읽혀 확인이 필요합니다")
    if a.score >= threshold:
        extra = f" (OCR 혼동 {a.soft}자)" if a.soft else ""
        extra += f" (모델 밖 글자 {a.unverifiable}자 제외)" if a.unverifiable else ""
        return MatchScore("match", a.score, "일치" + extra)
    return MatchScore("unreadable", a.score, f"{_subject(what)} 흐리게 읽혔습니다 (점수 {a.score:.2f})")


def match_name(declared: str, found: str | None, *, kind: str = "company") -> MatchScore:
    """상호 (``company``) or 대표자/성명 (``person``): canonical forms, Hangul-aware fuzzy comparison.

    >>> match_name("주식회사 에이비씨", "(주)에이비씨").status
    'match'
    >>> match_name("팜스코", "깜스코").status
    'match'
    >>> match_name("홍길동", "홍길순", kind="person").status
    'mismatch'
    """
    if kind not in ("company", "person"):
        raise ValueError(f"unknown name kind {kind!r}")
    if _blank(found):
        return _unreadable()
    text = str(found)
    if ":" in text.replace("：", ":"):  # a label fragment came along: "( 닫세 명): 한결검 피니"
        text = text.replace("：", ":").rsplit(":", 1)[1] or text
    want, got = name_key(declared, kind=kind), name_key(text, kind=kind)
    if not want:
        return _unreadable("신고한 이름이 비어 있습니다")
    if not got:
        return _unreadable("이름을 읽지 못했습니다")
    if want == got:
        return MatchScore("match", 1.0, "일치")
    what = "상호" if kind == "company" else "이름"
    reads = [got]
    if kind == "company" and company_form(declared) and got[0] in _FORM_GHOSTS and len(got) > 2:
        reads.append(got[1:])  # "(주)" read as a bare "주 " before the name
    if kind == "person" and len(got) > len(want) >= MIN_TRUNCATED_NAME:
        # a stray syllable from the label beside it (성명 → "으싱준시"): review at best, never a match; the whole
        # declared name read with more around it is no other person either — "( 대표 유령) 유 심다호호" for
        # "(대표유형) 심다호" on a photo of a page that did not lie flat, a syllable of the label and one read twice
        if want in got:
            return MatchScore("unreadable", 0.5, "이름 옆에 다른 글자가 붙어 읽혔습니다")
        for g in (got[1:], got[:-1]):
            if _name_result(want, g, what=what, show=False).status != "mismatch":
                return MatchScore("unreadable", 0.5, "이름 옆에 다른 글자가 붙어 읽혔습니다")
    if kind == "person" and len(got) < len(want) and got in want:
        # part of the declared name and nothing else (the rest taken for a label, cut by a seal or a table's rule):
        # no other person — "성명 : 성영진" read as the label 성명 twice, "성명" and "성영", left the name "진"
        # (bench/ocr.py seed 421, a genuine 불일치)
        return MatchScore("unreadable", 0.5, "이름의 일부만 읽혔습니다")
    results = [_name_result(want, g, what=what, show=kind == "company") for g in reads]
    return max(results, key=lambda r: (_RANK[r.status], r.score))


# What is left of "(주)"/"(유)" when OCR drops both brackets.
_FORM_GHOSTS = frozenset("주쥐줘쥬추유")


def _name_result(want: str, got: str, *, what: str, show: bool) -> MatchScore:
    result = _judge(align(want, got), threshold=NAME_MATCH, what=what, show=show, strict=True)
    if result.status == "match" and not _emittable_read(want, got):
        # the alignment forgave a syllable the model CAN emit because it sits beside one it cannot: only a
        # look-alike merge of the two (트팜 → 탐) is forgiven, not a syllable that was never read (웍즉 → 스)
        return MatchScore("unreadable", result.score, f"{what} 일부 글자가 읽히지 않아 확인이 필요합니다")
    if result.status == "mismatch" and len(want) >= MIN_TRUNCATED_NAME:
        # a crop that cut the first or last syllable (seal, wrap, table line) is not another name
        for part in (want[1:], want[:-1]):
            if _judge(align(part, got), threshold=NAME_MATCH, what=what, show=False).status != "mismatch":
                return MatchScore("unreadable", result.score, f"{what}의 첫 글자나 끝 글자가 잘려 읽혔습니다")
    return result


def _emittable_read(want: str, got: str) -> bool:
    """Was every declared syllable the model can emit read back? Each is found in order in ``got``, except that one
    next to an out-of-model syllable may have merged with it into a look-alike with the same initial consonant
    (트팜 → 탐). Out-of-model syllables may come back as nothing, one or two syllables; stray non-Hangul characters
    are skipped.

    >>> _emittable_read("스마트팜테크", "스마탐테크"), _emittable_read("가온네트웍즉", "가온네트스")
    (True, False)
    """
    from pgdocs.ocr.charset import is_hangul_syllable, representable

    n, m = len(want), len(got)

    def initial(ch: str) -> str | None:
        parts = jamo(ch)
        return parts[0] if parts else None

    def near_odd(i: int) -> bool:
        return any(0 <= k < n and not representable(want[k]) for k in (i - 1, i + 1))

    reach = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, j = todo.pop()
        nxt: list[tuple[int, int]] = []
        if j < m and not is_hangul_syllable(got[j]):
            nxt.append((i, j + 1))
        if i < n:
            d = want[i]
            if not representable(d):
                nxt += [(i + 1, j), (i + 1, min(m, j + 1)), (i + 1, min(m, j + 2))]
            else:
                if j < m and got[j] == d:
                    nxt.append((i + 1, j + 1))
                if near_odd(i):
                    if j < m and initial(got[j]) == initial(d):
                        nxt.append((i + 1, j + 1))
                    if j > 0 and initial(got[j - 1]) == initial(d):
                        nxt.append((i + 1, j))
        for state in nxt:
            if state not in reach:
                reach.add(state)
                todo.append(state)
    return (n, m) in reach


# --- bank book -----------------------------------------------------------------------------------


_FORM_ANYWHERE = re.compile(r"\(주\)|\(유\)|주식회사|유한회사|유한책임회사|㈜|㈲")


def _page_key(text: str) -> str:
    return name_key(_FORM_ANYWHERE.sub(" ", clean(text).replace("（", "(").replace("）", ")")), kind="person")


# Labels printed on a bank book's first page; a holder line is the one whose label is closest to a
# holder label. OCR garbles letter-spaced labels (금주령, 성 림, 병 명, 에 금 주), hence the fuzzy pick.
_HOLDER_LABELS = ("예금주명", "예금주", "성명", "고객명", "명의인")
_OTHER_LABELS = ("계좌번호", "신규일", "상품명", "관리점", "통장", "은행")
LABEL_SIMILAR = 0.5
_SUFFIX = re.compile(r"(님|귀하|귀중)$")
_VALUE_END = re.compile(r"\d{3,}|계좌|신규|상품|관리점")
_RANK = {"match": 3, "unverifiable": 2, "unreadable": 1, "mismatch": 0}


def _split_label(line: str) -> tuple[str, str] | None:
    """(label, value) of a "label : value" or letter-spaced "성 명 value" line, else ``None``."""
    text = re.sub(r"^[^가-힣]+", "", clean(line))
    if ":" in text or "：" in text:
        label, _, value = re.split(r"([:：])", text, maxsplit=1)
        return re.sub(r"\s+", "", label), value
    exact = re.match(r"(예금주명|예금주|성명|고객명)\s*(.*)$", text)
    if exact:
        return exact[1], exact[2]
    tokens = text.split()
    spaced = 0
    while spaced < len(tokens) and len(tokens[spaced]) == 1 and spaced < 4:
        spaced += 1
    if spaced >= 2:
        return "".join(tokens[:spaced]), " ".join(tokens[spaced:])
    return None


def _is_holder_label(label: str) -> bool:
    if not label or len(label) > 5:
        return False
    best = max(_HOLDER_LABELS + _OTHER_LABELS, key=lambda lab: jamo_similarity(label, lab))
    return best in _HOLDER_LABELS and jamo_similarity(label, best) >= LABEL_SIMILAR


def _trim(value: str) -> str:
    return re.sub(r"^[^가-힣(]+|[^가-힣)]+$", "", value)


def _holder_values(text: str) -> list[str]:
    """Values printed as the holder: after a 예금주/성명 label, or before a closing 님/귀하."""
    out = []
    for line in clean(text).splitlines():
        split = _split_label(line)
        value = split[1] if split and _is_holder_label(split[0]) else ""
        compact = _trim(re.sub(r"\s+", "", value or line))
        if not value and not _SUFFIX.search(compact):
            continue
        compact = _SUFFIX.sub("", compact)
        cut = _VALUE_END.search(compact)
        compact = _trim(compact[: cut.start()] if cut else compact)
        if compact:
            out.append(compact)
    return out


def _legible(value: str, want: str) -> bool:
    """Enough Hangul to be a name at all (a "~ 지" line is no evidence either way)."""
    syllables = sum("가" <= c <= "힣" for c in value)
    return syllables >= max(2, (len(want) + 1) // 2)


def match_holder(
    declared: str,
    page_text_or_found: str | None,
    *,
    business_name: str | None = None,
    representative: str | None = None,
) -> MatchScore:
    """예금주: the declared holder must appear on the page (or in the holder field read).

    The whole page is searched. A confident mismatch also needs a legible holder line (after a
    예금주/성명 label or before 님) that differs; a page whose holder line is unreadable is review.
    When the declared holder is the business and its representative together (``상호(대표자)``), both
    parts must appear. ``business_name``/``representative`` say what the parts are.

    >>> match_holder("(주)에이비씨", "예금주 주식회사 에이비씨 계좌번호 123-45-678901").status
    'match'
    """
    if _blank(page_text_or_found):
        return _unreadable()
    text = str(page_text_or_found)
    page = _page_key(text)
    want = name_key(declared, kind="company")
    if not want:
        return _unreadable("신고한 예금주가 비어 있습니다")
    if not page:
        return _unreadable("예금주를 읽지 못했습니다")
    if want in page:
        return MatchScore("match", 1.0, "일치")
    spot = align(want, page, free_ends=True)
    best = _judge(spot, threshold=NAME_MATCH, what="예금주", show=False, strict=True)
    if best.status == "match" and spot.unverifiable:
        # matched only by forgiving syllables the model cannot emit: whatever stands in their place may be printed
        # there (김팜수 declared "matched" a book printing 김감수), and a bank book's holder gets no second read to
        # tell a guess from a syllable read well (certificates: pgdocs.ocr.verify._unemittable_read_as_other)
        odd = "·".join(dict.fromkeys(unrepresentable(want)))
        return MatchScore("unverifiable", best.score,
                          f"OCR 모델이 읽을 수 없는 글자({odd})가 있어 눈으로 확인이 필요합니다")
    if best.status == "match":
        return best
    if spot.alien > MAX_ALIEN:  # the closest spot is a number, not a name: the holder is not on the page
        best = MatchScore("mismatch", spot.score, "예금주를 통장에서 찾지 못했습니다")
    if business_name and representative:
        parts = [name_key(business_name), name_key(representative, kind="person")]
        if same_holder(declared, business_name, representative) and want not in parts:
            scores = [match_holder(p, text) for p in parts]
            if all(s.status == "match" for s in scores):
                return MatchScore("match", min(s.score for s in scores), "일치 (상호와 대표자 모두 확인)")
    values = [_page_key(v) for v in _holder_values(text)]
    lines = [
        _judge(align(want, v), threshold=NAME_MATCH, what="예금주", show=False, strict=True)
        for v in values
        if v and _legible(v, want)
    ]
    if best.status != "mismatch":
        return max([best, *lines], key=lambda r: (_RANK[r.status], r.score))
    if not lines:
        return MatchScore("unreadable", best.score, "예금주 줄을 읽지 못했습니다: 통장을 눈으로 확인하세요")
    return max(lines, key=lambda r: (_RANK[r.status], r.score))


def _digit_runs(text: str, length: int) -> dict[str, int]:
    """Digit strings of ``length`` made of consecutive digit groups, with how many hyphens joined them."""
    t = clean(text)
    groups = re.findall(r"\d+", t)
    seps = re.split(r"\d+", t)[1:-1]
    out: dict[str, int] = {}
    for i in range(len(groups)):
        acc, hyphens = "", 0
        for j in range(i, len(groups)):
            if j > i:
                if not re.fullmatch(r"[\s\-.]{1,3}", seps[j - 1]):
                    break
                hyphens += seps[j - 1].strip() == "-"
            acc += groups[j]
            if len(acc) >= length:
                if len(acc) == length:
                    out[acc] = max(out.get(acc, 0), hyphens)
                break
    return out


def match_account(declared_number: str, page_text: str) -> MatchScore:
    """계좌번호: the declared digits appear on the page, with any hyphenation or spacing.

    A number read with its printed hyphens is a clean read: any other digit there is a mismatch. A run
    that lost its hyphens is a poor read: a few different digits (≤ :data:`ACCOUNT_NOISE_SHARE`) → review.

    >>> match_account("123-456-789012", "계좌번호 123456-78-9012 예금주 홍길동").status
    'match'
    """
    want = ascii_digits(str(declared_number))
    if not want:
        return _unreadable("신고한 계좌번호가 비어 있습니다")
    if _blank(page_text):
        return _unreadable()
    runs = _digit_runs(page_text, len(want))
    if want in runs:
        return MatchScore("match", 1.0, "일치")
    if not runs:
        return _unreadable("같은 길이의 계좌번호를 찾지 못했습니다")
    best = max(runs, key=lambda r: (sum(a == b for a, b in zip(want, r, strict=True)), runs[r]))
    diff = [i for i, (a, b) in enumerate(zip(want, best, strict=True)) if a != b]
    score = 1 - len(diff) / len(want)
    if len(diff) == 1 and frozenset((want[diff[0]], best[diff[0]])) in _CONFUSABLE_DIGITS:
        return MatchScore("unreadable", score, f"{diff[0] + 1}번째 숫자가 흐리게 읽혔습니다")
    if runs[best] < 2 and len(diff) <= len(want) * ACCOUNT_NOISE_SHARE:
        return MatchScore("unreadable", score, f"계좌번호가 흐리게 읽혔습니다 ({len(diff)}자리 다름)")
    return MatchScore("mismatch", score, f"통장의 계좌번호와 다릅니다 ({len(diff)}자리 차이)")


# --- address and items ---------------------------------------------------------------------------


def _conflict(label: str, a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    if a and b and sorted(a) != sorted(b):
        return f"{with_particle(label, '이')} 다릅니다 ({', '.join(a)} ≠ {', '.join(b)})"
    return None


def _numbers_garbled(want: Address, got: Address) -> bool:
    """More bare numbers than declared and the declared 층/호 gone: "180, 2층 208호" read "180125 2082"."""
    lost_units = bool((want.floors and not got.floors) or (want.units and not got.units))
    return len(got.building) > len(want.building) or lost_units


#: 호 misread by OCR after a unit's number, at the end of the address or before its 참고항목 (410 추, 1206 조,
#: 1206 초, 9017 후, 105 슨, 1201 롯 on moiré, fax and thumbnail pages): a syllable no address puts there
_UNIT_MISREAD = re.compile(r"(?<=\d)\s*[추초조후슨롯](?=\s*[.,:;]?\s*(?:[(（]|$))")
#: 층 misread by OCR after a floor's number (1 흠 109호, 15 좀 1511호, 10 총 1007호, 3 촉 305호, 5 중 (이도동),
#: 1 승 108호, 2 흥 205호, 12 름 1201호, 4 즘 410호, 1 소 105호): a syllable no address puts between a number and
#: the 호 number or the 참고항목 that follows
_FLOOR_MISREAD = re.compile(r"(?<=\d)\s*[흠좀춤총촘충츰촉중승흥름즘소](?=\s*[.,:;]?\s*(?:\d+\s*호|[(（]))")


def _units_mended(found: str) -> str:
    """``found`` with the 호 and 층 OCR misread after a unit's and a floor's number written as they are printed.

    >>> _units_mended("우리벌당 별관 1 소 105 슨 (노형동)")
    '우리벌당 별관 1층 105호 (노형동)'
    """
    return _FLOOR_MISREAD.sub("층", _UNIT_MISREAD.sub("호", found))


def match_address(declared: str, found: str | None) -> MatchScore:
    """사업장소재지: 시·도 spellings, spacing and 참고항목 free; building number and 동/층/호 must agree.

    >>> match_address("서울 강남구 테헤란로 123, 5층", "서울특별시 강남구 테헤란로 123 5층 (역삼동)").status
    'match'
    >>> match_address("서울 강남구 테헤란로 123", "서울특별시 강남구 테헤란로 125").status
    'mismatch'
    """
    if _blank(found):
        return _unreadable()
    want, got = parse_address(declared), parse_address(_units_mended(str(found)))
    if want.sido and got.sido and want.sido != got.sido:
        return MatchScore("mismatch", 0.0, f"시·도가 다릅니다 ({got.sido})")
    if want.style and got.style and want.style != got.style:
        # 양화로 45 and 서교동 123-4 may be one building: a certificate issued before 2014 says the 지번, a record
        # the 도로명 (or the other way round) — their numbers cannot be compared
        return MatchScore("unreadable", 0.5, "주소 표기 방식이 달라(도로명 주소와 지번 주소) 같은 곳인지 눈으로 "
                                             "확인해 주세요")
    for label, ours, theirs in zip(("건물번호", "동", "층", "호수"), want.numbers, got.numbers, strict=True):
        conflict = _conflict(label, ours, theirs)
        if conflict and label == "건물번호" and _numbers_garbled(want, got):
            return MatchScore("unreadable", 0.5, f"번지·층·호 숫자가 흐리게 읽혔습니다 ({', '.join(theirs)})")
        if conflict:
            return MatchScore("mismatch", jamo_similarity(want.body, got.body) * 0.5, conflict)
    if not got.body:
        return _unreadable("주소를 읽지 못했습니다")
    # the 시·도 may be too garbled to recognise: then text before the declared body is not a difference
    free = bool(want.sido and not got.sido)
    a = align(want.body, got.body, free_start=free)
    differs = bool(a.hard or a.lookalike or a.alien or a.score < ADDRESS_MATCH)
    if differs and _only_building_name_differs(want, got):
        return MatchScore("match", a.score, "일치 (건물 이름 글자 일부만 흐리게 읽힘: 도로명·번호·층·호는 같음)")
    if a.hard >= ADDRESS_HARD_MISMATCH:
        same_numbers = bool(want.building) and sorted(want.building) == sorted(got.building)
        if same_numbers and jamo_similarity(want.body, got.body, partial=free) >= ADDRESS_BODY_SIMILAR:
            return MatchScore("unreadable", a.score, "주소 글자가 여러 곳 흐리게 읽혔습니다 (번호는 일치)")
        return MatchScore("mismatch", a.score, f"도로명·지역이 다릅니다 ({a.hard}자 차이)")
    if a.hard:
        return MatchScore("unreadable", a.score, "주소 한 글자가 다르게 읽혔습니다: 눈으로 확인하세요")
    if want.building and not got.building:
        return MatchScore("unreadable", a.score, "건물번호를 읽지 못했습니다")
    if not want.building and got.building:
        return MatchScore("unreadable", a.score, "신고한 주소에 건물번호가 없습니다")
    return _judge(a, threshold=ADDRESS_MATCH, what="주소", show=True)


def _only_building_name_differs(want: Address, got: Address) -> bool:
    """Everything that says where the place is — 시·도, 시·군·구 and road, building number, 동, 층, 호 — read exactly
    as declared, and only the building's name after the number differs, by a stroke or two
    (:data:`BUILDING_NAME_SIMILAR`).

    >>> _only_building_name_differs(parse_address("서울 종로구 종로 265-15, 한빛빌딩 2층"),
    ...                             parse_address("서울특별시 종로구 종로 265-15, 한빗 빌딩 2층"))
    True
    >>> _only_building_name_differs(parse_address("서울 종로구 종로 265-15, 한빛빌딩 2층"),
    ...                             parse_address("서울특별시 종로구 종루 265-15, 한빗빌딩 2층"))
    False
    """
    ours, theirs = want.place_name, got.place_name
    return bool(
        want.sido and want.sido == got.sido and want.road and want.road == got.road
        and want.building and want.numbers == got.numbers
        and ours and theirs and _wing(ours) == _wing(theirs)
        and re.sub(r"[^A-Za-z0-9]", "", ours) == re.sub(r"[^A-Za-z0-9]", "", theirs)
        and jamo_similarity(ours, theirs) >= BUILDING_NAME_SIMILAR
    )


def _wing(place: str) -> str:
    """The wing a building's name ends in — 별관, 본관, 엔동, 가동, A동 — which tells offices apart like a 동 number:
    it must read exactly, however close the rest (에이치스퀘어 엔동 / 에스동 are two wings of one building).

    >>> _wing("우리빌딩별관"), _wing("에이치스퀘어엔동"), _wing("그린오피스텔")
    ('별관', '엔동', '')
    """
    return place[-2:] if place[-1:] in ("동", "관") else ""


_ITEM_SPLIT = re.compile(r"[,\s/·、;|ㆍ:]+|및")


# Abbreviations merchants write for the items the certificate spells out.
_EXPAND = {"도소매": ("도매", "소매")}


def _item_key(token: str) -> str:
    """소매업 → 소매 (the certificate and the merchant differ on the trailing 업); 농업 stays."""
    return token[:-1] if len(token) > 2 and token.endswith("업") else token


def _items(value: str | list[str], *, unique: bool = True) -> list[str]:
    """The item words of ``value``, each once (``unique``) or as often as they stand in it."""
    parts = value if isinstance(value, list) else [value]
    out: list[str] = []
    for part in parts:
        for token in _ITEM_SPLIT.split(clean(str(part))):
            key = _item_key(token)
            out.extend(_EXPAND.get(key, (key,)) if key else ())
    return list(dict.fromkeys(out)) if unique else out


def _coverage(items: list[str], text: str) -> float:
    """Share of ``items`` found (match or cannot-tell) in ``text``."""
    if not items:
        return 0.0
    hits = 0
    for item in items:
        status = _judge(align(item, text, free_ends=True), threshold=NAME_MATCH, what="항목", show=False).status
        hits += status != "mismatch"
    return hits / len(items)


def _items_found(want: list[str], found: str | list[str]) -> list[tuple[str, str]]:
    """Each declared item and how it reads anywhere in ``found`` (spaces removed; items wrap mid-word):
    ``match``, ``mismatch`` or, for an item read only in part, ``unreadable``/``unverifiable``. The text read keeps
    a word each time it stands: "전자 상거래 소매업, 전자 부품 도매업" holds 전자부품 only with its second 전자."""
    page = "".join(_items(found, unique=False))
    return [(item, _judge(align(item, page, free_ends=True), threshold=NAME_MATCH, what="항목", show=False).status)
            for item in want]


def missing_items(declared: str | list[str], found: str | list[str]) -> list[str]:
    """The declared items :func:`match_items` finds nowhere in ``found``.

    >>> missing_items("정보통신업, 숙박 및 음식점업", "정보통신업, 숙미 및 음식점업")
    ['숙박']
    """
    return [item for item, status in _items_found(_items(declared), found) if status == "mismatch"]


def match_items(declared: str | list[str], found: str | list[str] | None) -> MatchScore:
    """업태/종목: order-free overlap — the share of declared items found anywhere in the text read.

    Items may wrap mid-word on the certificate, so each is searched in the whole text, spaces removed.

    >>> match_items("소매업, 서비스업", "서비스업 소매업").status
    'match'
    """
    if found is None or not _items(found):
        return _unreadable()
    want = _items(declared)
    if not want:
        return _unreadable("신고한 업태·종목이 비어 있습니다")
    found_in = _items_found(want, found)
    missing = [item for item, status in found_in if status == "mismatch"]
    score = sum(1.0 if status == "match" else 0.5 for _, status in found_in if status != "mismatch") / len(want)
    if score >= ITEMS_MATCH:
        return MatchScore("match", score, "일치" if not missing else f"일부 항목 없음: {', '.join(missing)}")
    if score < ITEMS_MISMATCH and _coverage(_items(found), "".join(want)) < ITEMS_MATCH:
        return MatchScore("mismatch", score, f"등록증에 없는 항목: {', '.join(missing)}")
    if score < ITEMS_MISMATCH:
        # everything read is among the declared items: the other rows were not read, not different
        return MatchScore("unreadable", score, f"일부 줄만 읽혔습니다: 없음 {', '.join(missing)}")
    return MatchScore("unreadable", score, f"일부 항목만 확인됨: 없음 {', '.join(missing)}")

