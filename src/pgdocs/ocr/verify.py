"""Verify a 사업자등록증 or 통장 사본 against what the merchant declared.

The verdict policy and the result types live in :mod:`pgdocs.ocr.result` (``FieldCheck`` and
``VerifyResult`` are re-exported here); each field's matcher, re-read mode and masking in
:mod:`pgdocs.ocr.spec`. This module decides each certificate field's status from the first read
(:func:`_first_read`) and a second read of its crop (:func:`_second_look`).

Field comparison is :mod:`pgdocs.ocr.match`; reading is :mod:`pgdocs.ocr.extract`
(certificates) and :mod:`pgdocs.ocr.bankbook` (bank books).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.distance import Levenshtein

from pgdocs.errors import InputError, ReviewNeeded
from pgdocs.names import name_key, strip_others
from pgdocs.ocr import match, tamper, tesseract
from pgdocs.ocr.fields import FieldValue, birth_from_resident, check_digit_ok, date_read_cleanly
from pgdocs.ocr.layout import labels_in
from pgdocs.ocr.match import MatchScore
from pgdocs.ocr.preprocess import SCREEN_ADVICE, screen_photo, unreadable_reason
from pgdocs.ocr.result import (
    FieldCheck,
    Kind,
    Status,
    Verdict,
    VerifyResult,
    decide,
    field_status,
    wrong_kind_result,
)
from pgdocs.ocr.spec import CERTIFICATE_CHECKS, FIELDS, mask_value
from pgdocs.ocr.tesseract import Word
from pgdocs.record import Business, MerchantRecord, record_from_dict
from pgdocs.resources import data_path
from pgdocs.text import ascii_digits

if TYPE_CHECKING:
    from pgdocs.ocr.extract import Extraction

log = logging.getLogger(__name__)

#: what :func:`verify` compares with: a record, its business section, a dict of either, or a record file's path
RecordLike = MerchantRecord | Business | Mapping[str, object] | str | Path

__all__ = ["FieldCheck", "Kind", "Verdict", "VerifyResult", "compare_certificate", "masked", "verify"]

#: a text-field mismatch read with less mean confidence than this is OCR noise, not evidence
LOW_CONFIDENCE = 0.55
#: …or when at least this share of its words were doubted by Tesseract (conf < 50)
SHAKY_SHARE = 0.2
#: a difference in the digits of a date or an address is evidence only when every word holding them was read by the
#: page pass with at least this confidence (Tesseract's 0–100): a moiré photo's 11월 was read "1 라" (47) by the page
#: pass and "1" by its crop, and made a genuine page a mismatch; crisp digits read 85–96. (The crop pass runs with a
#: character whitelist, under which Tesseract reports 0 for words it reads right: its confidence is not used.)
CONFIDENT_DIGITS = 70.0

#: a syllable of a name read by the page pass with less confidence than this (Tesseract's 0–100; it doubts a word
#: below 50) is no evidence of another name: a fax read 들꽃 as "들글" with 글 at 0 and made a genuine 상호 a
#: mismatch (bench/ocr.py seed 17, nts fax)
DOUBTED_SYLLABLE = 50.0
#: a name's syllable read by the page pass with at least this confidence is evidence the crop's ``kor`` model alone
#: does not overrule: a fax's 하채승 read 채 at 93, and its crop read alone and enlarged said 하재승, passing a
#: record naming another person (seed 17, nts2025 fax). Only the crop read by the page's own model can
#: (:func:`_third_read_agrees`). Genuine slips the crop corrects were read at 30–93
CONFIDENT_SYLLABLE = 85.0

#: kept for code written before :mod:`pgdocs.ocr.spec`: the Korean name of each field
FIELD_LABELS_KO = {name: s.label for name, s in FIELDS.items()}


def _business(obj: RecordLike) -> tuple[Business, MerchantRecord | None]:
    if isinstance(obj, MerchantRecord):
        return obj.business, obj
    if isinstance(obj, Business):
        return obj, None
    if isinstance(obj, str | Path):
        from pgdocs.record import load_record

        rec = load_record(obj)
        return rec.business, rec
    if isinstance(obj, Mapping):
        data = dict(obj)
        if "business" not in data and "business_number" in data:
            data = {"business": data}
        rec = record_from_dict(data)
        return rec.business, rec
    raise InputError("RECORD_SCHEMA", "가맹점 정보는 JSON 객체(또는 business 항목)여야 합니다.")


def _text(v: object) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


#: an address's 참고항목 in brackets (its closing bracket may be lost at the end of a read)
_REFERENCE = re.compile(r"[(（][^()（）]*(?:[)）]|$)")


def digits_confidence(words: Sequence[Word]) -> float | None:
    """The lowest confidence of the words that hold a digit (None: no such word, e.g. a text layer's value)."""
    confs = [float(w.conf) for w in words if any(c.isdigit() for c in w.text)]
    return min(confs) if confs else None


def _unsure_digits(conf: float | None) -> bool:
    return conf is not None and conf < CONFIDENT_DIGITS


#: what a second read of the crop must say to confirm a difference the first read saw (see :func:`_first_read`)
Confirm = Callable[[str], bool]


def _first_read(
    name: str,
    declared: str,
    found: str | None,
    ms: MatchScore,
    *,
    conf: float | None,
    shaky: float = 0.0,
    garbled: bool = False,
    digit_conf: float | None = None,
    words: Sequence[Word] = (),
) -> tuple[FieldCheck, Confirm | None]:
    """The field's status from its first read, and — for a difference that is not yet evidence — what a second
    read of its crop must say to make it a mismatch (``None``: the status stands as it is, up to a second read
    that says exactly what was declared).

    The policy (:mod:`pgdocs.ocr.result`): a single look-alike digit (3↔8, 1↔7 …) in a number, date or building
    number, a name one syllable off, or a difference read with low confidence are review until the crop, read
    again, says the same; a whole-field difference is a mismatch at once.
    """
    sp = FIELDS[name]
    status = field_status(ms.status)

    def fc(st: Status = status, why: str = ms.detail, evidence: str = "read") -> FieldCheck:
        return FieldCheck(declared, found, st, float(ms.score), why, evidence=evidence)

    if status == "match" and garbled:
        # "2018 뇌 07 월 09 왼": the right digits among stray glyphs are one read of a garbled line, and a look-alike
        # digit in it (2013 → 2018) can meet a record that differs from the page in exactly that digit. Its crop,
        # read again, must say it before it counts
        return fc("unreadable", "날짜 사이에 알아볼 수 없는 글자가 섞여 읽혔습니다"), None
    if not found or status == "match":
        return fc(), None
    if sp.kind == "number":
        swaps = match.lookalike_swaps(ascii_digits(declared), ascii_digits(found))
        if swaps is not None:
            where, pairs = match.swapped_digits(swaps)
            why = f"{where} 숫자가 비슷한 숫자로 읽혔을 수 있습니다 ({pairs})"
            return fc("unreadable", why), lambda again: ascii_digits(again) == ascii_digits(found)
        if status == "mismatch" and _misread_digit(name, declared, found):
            # 134511-6914970 read 134511-2914970 from a 300-dpi scan (a 6 taken for a 2: no look-alike pair): one
            # digit off, and the read's check digit fails where the declared one's holds — the read is what is
            # wrong, not the paper. Review; only a crop read saying the declared number settles it
            why = f"{ms.detail} — 읽은 번호의 검증번호가 맞지 않아, 숫자 하나를 잘못 읽었을 수 있습니다"
            return fc("unreadable", why), _never
        if status == "mismatch":
            return fc(evidence="whole"), None
        return fc(), None
    if sp.kind == "date" and status == "mismatch":
        if _unsure_digits(digit_conf):
            # digits Tesseract itself doubted are no evidence of another date, however many differ
            return fc("unreadable", f"{ms.detail} — 숫자가 흐리게 읽혀 확정할 수 없습니다"), None
        if _lost_digit(_text(declared), words):
            # the month or day read as one digit that the declared two hold: a digit lost (11 read "1]" on a fax,
            # its second 1 taken for a bracket), which the crop, read from the same pixels, lost too — no other date
            return fc("unreadable", f"{ms.detail} — 월이나 일의 숫자 하나를 읽지 못했을 수 있습니다"), _never
        # one digit off is not yet evidence, whichever digit: a date has no check digit (2012-11-02 read as
        # 2012-01-02 on a scan); the crop read again must say the same for a mismatch
        swap = match.lookalike_swap(re.sub(r"\D", "", _text(declared)), _date_digits(found), any_pair=True)
        if swap is not None:
            why = f"날짜의 숫자 하나가 잘못 읽혔을 수 있습니다 ({swap[1]}↔{swap[2]})"
            return fc("unreadable", why), lambda again: _date_digits(again) == _date_digits(found)
        if garbled:
            # a stray glyph among the date's numbers: a digit may be hidden in it (31 → "3 겠")
            return (fc("unreadable", f"{ms.detail} — 날짜 사이에 알아볼 수 없는 글자가 섞여 읽혔습니다"),
                    lambda again: _date_digits(again) == _date_digits(found))
        return fc(evidence="whole"), None
    if status != "mismatch" or not sp.free_text:
        return fc(), None
    noisy = (conf is not None and conf < LOW_CONFIDENCE) or shaky >= SHAKY_SHARE
    want_n, got_n = _digits(declared), _digits(found)
    if sp.kind == "address":
        # the 참고항목's numbers are no part of the address's (a fax read "(효자동 3가 …)( 효자동 3가 …)" twice)
        want_n, got_n = _digits(_REFERENCE.sub(" ", _text(declared))), _digits(_REFERENCE.sub(" ", found))
        if "".join(want_n) == "".join(got_n) and want_n != got_n:
            # the same digits split otherwise: a hyphen lost or a space read into a number (201-9 read 2019 on a fax)
            why = f"{ms.detail} — 숫자 사이의 '-'나 띄어쓰기가 다르게 읽혔을 수 있습니다"
            return fc("unreadable", why), _never
        if want_n == got_n:
            # every number (building, floor, unit) agrees and only letters differ: OCR noise on place
            # names is far likelier than a forged address that keeps all numbers; a person decides
            return fc("unreadable", f"{ms.detail} — 번지·층·호는 같고 글자만 다르게 읽혔습니다"), None
        if len(want_n) != len(got_n):
            # numbers missing or extra (a cut-off or noisy line): not the same address read wrongly
            return fc("unreadable", f"{ms.detail} — 주소를 끝까지 읽지 못했습니다"), None
        swap = match.lookalike_swap("-".join(want_n), "-".join(got_n))
        if swap is None and len("".join(want_n)) != len("".join(got_n)) and Levenshtein.distance(
                "-".join(want_n), "-".join(got_n)) == 1:
            # a digit more or less (373 read 3783 on a fax): OCR's slip as much as a look-alike is, and an address
            # has no check digit to tell — review, settled only by a crop that says exactly what was declared
            why = f"{ms.detail} — 숫자 하나가 더 읽혔거나 빠졌을 수 있습니다"
            return fc("unreadable", why), _never
        if swap is None and _unsure_digits(digit_conf):
            return fc("unreadable", f"{ms.detail} — 숫자가 흐리게 읽혀 확정할 수 없습니다"), None
        if swap is None and _slipped_numbers(want_n, got_n):
            # each number that differs is one OCR slip off — a look-alike digit, digits lost or added: 477-3 read
            # 47-8 on a 200-dpi scan (the emblem behind the 3), and 320-5, read /820-556\ on a phone photo, were
            # hard 불일치 of genuine pages (bench/ocr.py seeds 41 and 101). Two such slips are no more evidence than
            # one; as above, only a crop saying exactly what was declared settles it
            why = f"{ms.detail} — 숫자가 비슷한 숫자로 읽혔거나, 더 읽혔거나 빠졌을 수 있습니다"
            return fc("unreadable", why), _never
        if swap is not None:
            # 96-13 read as 96-18: one look-alike digit is never evidence here, not even when the crop read again
            # agrees — an address has no check digit, and its crop is read as text, not digit by digit: a 200-dpi
            # scan's 1003호 was read 1008호 by the page pass and by the crop pass (bench/ocr.py seed 4). A crop that
            # says exactly what was declared still settles it. (A text PDF stores its digits: there the difference
            # is a mismatch without any re-read, as for every number — see _second_look.)
            why = f"{ms.detail} — 숫자 하나가 비슷한 숫자로 읽혔을 수 있습니다 ({swap[1]}↔{swap[2]})"
            return fc("unreadable", why), _never
        # as many numbers, and they differ: a mismatch once the crop, read again, gives the same numbers — a scan's
        # 110호 read 440호 by the page pass and 410 by its crop, 110 enlarged, was a genuine 불일치 (bench/ocr.py
        # seed 191)
        return (fc("unreadable", f"{ms.detail} — 칸을 다시 읽어 숫자를 확인하지 못했습니다"),
                lambda again: _digits(_REFERENCE.sub(" ", again)) == got_n)
    if (sp.kind in ("company", "person", "items") and _ran_into_another_field(
            _text(declared), strip_others(found) if sp.kind == "person" else found)) or (
            sp.kind == "items" and _DATE_WORD.search(found) and not _DATE_WORD.search(_text(declared))):
        # "이우시 생 변 . 월 일 : 1984 년 06 월 13 일": digits or a colon the declared name lacks — the read ran on into
        # the next field on the line; that is no evidence about the name (nor about a list of 업종)
        return fc("unreadable", f"{ms.detail} — 다른 칸의 글자가 섞여 읽혔습니다"), None
    if sp.kind in ("company", "person") and _interleaved(declared, found, name):
        return fc("unreadable", f"{ms.detail} — 이름 글자 사이에 다른 글자가 섞여 읽혔습니다"), None
    if sp.kind == "items" and _garbled_items(declared, found):
        return fc("unreadable", f"{ms.detail} — 여러 항목이 비슷한 글자로 흐리게 읽혔습니다"), None
    if sp.kind == "items" and _unsure_items(declared, found, words):
        return fc("unreadable", f"{ms.detail} — 다르게 읽힌 글자가 흐려 확정할 수 없습니다"), None
    if sp.kind in ("company", "person"):
        kind = _NAME_KINDS[name]
        core = _without_form_misread(declared, found) if kind == "company" else found
        want, got = name_key(declared, kind=kind), name_key(strip_others(core), kind=kind)
        if want == got:
            # only the legal form differs, read past recognising (주식회사 → 주식화쟈 on a scan): no other name
            return fc("unreadable", f"{ms.detail} — 회사 형태(주식회사 등) 글자가 흐리게 읽혔습니다"), None
        if _near_name(declared, core, name):
            # one syllable off: Tesseract's usual slip, or another person's name (김민수/김인수). Never a pass;
            # a mismatch only when the crop read again says exactly what the page read said
            review = fc("unreadable", f"{ms.detail} — 한 글자만 다르게(또는 빠져) 읽혔습니다")
            if not _other_syllables(want, got):
                return review, None  # a lost syllable or a one-jamo slip (장하나 → 징하나 on a fax, read so twice)
            return review, lambda again: bool(got) and name_key(strip_others(again), kind=kind) == got
        if _doubted(want, got, words):
            return fc("unreadable", f"{ms.detail} — 다르게 읽힌 글자가 흐려 확정할 수 없습니다"), None
        if _lookalike_name(want, got):
            # every syllable that differs is a stroke or two off (박선도 read 비신도 on a fax, by every read of it):
            # a scan or fax makes such slips the same way each time, so no re-read makes them evidence
            return fc("unreadable", f"{ms.detail} — 비슷한 글자로 읽혔을 수 있습니다"), None
    if noisy:
        return fc("unreadable", f"{ms.detail} — 글자가 흐리게 읽혀 확정할 수 없습니다"), None
    return fc(evidence="whole"), None


def _without_form_misread(declared: str, found: str) -> str:
    """``found`` without a legal form read past recognising, when ``declared`` names one and ``found`` names none:
    at its start or end, as many syllables as the declared form's word, at least half of them the same and the
    others a stroke or two off (주식화쟈 for 주식회사; the spellings seen often are data, legal_forms.toml)."""
    from pgdocs.hangul import jamo_distance
    from pgdocs.names import company_form

    form = company_form(declared)
    if form is None or company_form(found) is not None:
        return found
    compact = re.sub(r"\s+", "", found)
    n = len(form)
    if len(compact) <= n:
        return found

    def like(part: str) -> bool:
        same = sum(a == b for a, b in zip(form, part, strict=True))
        return 2 * same >= n and all(a == b or (jamo_distance(a, b) or 3) <= 2 for a, b in zip(form, part, strict=True))

    if like(compact[-n:]):
        return compact[:-n]
    if like(compact[:n]):
        return compact[n:]
    return found


def _syllable_conf(ch: str, words: Sequence[Word]) -> float | None:
    """The lowest confidence of the page pass's words holding the syllable ``ch`` (None: no word holds it)."""
    confs = [w.conf for w in words if ch in w.text]
    return min(confs) if confs else None


def _differing(want: str, got: str) -> set[str]:
    """The read syllables that differ from the declared name's: position by position for names as long, else those
    the declared name lacks."""
    if len(want) == len(got):
        return {b for a, b in zip(want, got, strict=True) if a != b}
    return set(got) - set(want)


def _doubted(want: str, got: str, words: Sequence[Word], below: float = DOUBTED_SYLLABLE) -> bool:
    """A syllable that differs from the declared name was read with a confidence Tesseract itself doubts (under
    ``below``)."""
    return any((c := _syllable_conf(ch, words)) is not None and c < below for ch in _differing(want, got))


def _unsure_items(declared: str, found: str, words: Sequence[Word]) -> bool:
    """Every declared 업태/종목 item missing from the read is nearest (in jamo) a read item holding a syllable the
    declared list lacks read without confidence (:data:`CONFIDENT_SYLLABLE`), or only syllables of the declared
    list: the item was read badly there, or in pieces, not replaced by another one. A fax read 숙박 및 음식점업 as
    "숙미 및 음시점인" (미 at 15, seed 11) and as "소믹 및 음식 선입" (54–77, seed 41): genuine pages made 불일치."""
    from pgdocs.hangul import jamo_similarity

    read = match._items(found)

    def unsure(item: str) -> bool:
        near = max(read, key=lambda r: jamo_similarity(item, r))
        # nothing the declared list lacks: a piece of it (음식 of 음식점업)
        return not _differing(declared, near) or _doubted(declared, near, words, CONFIDENT_SYLLABLE)

    missing = match.missing_items(declared, found)
    return bool(missing and read) and all(unsure(item) for item in missing)


def _confidently_other(want: str, got: str, words: Sequence[Word]) -> bool:
    """Every syllable that differs from the declared name was read by the page pass with confidence."""
    diff = _differing(want, got)
    return bool(diff) and all((c := _syllable_conf(ch, words)) is not None and c >= CONFIDENT_SYLLABLE
                              for ch in diff)


def _lookalike_name(want: str, got: str) -> bool:
    """As many syllables, and every one that differs is fewer than :data:`OTHER_SYLLABLE_JAMO` jamo off."""
    from pgdocs.hangul import jamo_distance

    if len(want) != len(got) or want == got:
        return False
    return all(a == b or (jamo_distance(a, b) or OTHER_SYLLABLE_JAMO) < OTHER_SYLLABLE_JAMO
               for a, b in zip(want, got, strict=True))


#: at most this many of an address's numbers (building, 동, 층, 호) may each be one slip off before the difference
#: counts as another address
SLIPPED_NUMBERS = 2
#: …and one slip adds or loses at most this many digits ("5," read "556\\": the comma read as two digits)
SLIPPED_DIGITS = 2


def _slipped(want: str, got: str) -> bool:
    """``got`` is the number ``want`` read with one OCR slip: one look-alike digit, or up to :data:`SLIPPED_DIGITS`
    digits added or lost around the others (one of which may be a look-alike).

    >>> _slipped("477", "47"), _slipped("5", "556"), _slipped("320", "820"), _slipped("5", "7"), _slipped("13", "42")
    (True, True, True, False, False)
    """
    from itertools import combinations

    if len(want) == len(got):
        return match.lookalike_swap(want, got) is not None
    short, long_ = sorted((want, got), key=len)
    if len(long_) - len(short) > SLIPPED_DIGITS:
        return False
    for extra in combinations(range(len(long_)), len(long_) - len(short)):
        rest = "".join(c for k, c in enumerate(long_) if k not in extra)
        if rest == short or match.lookalike_swap(short, rest) is not None:
            return True
    return False


def _slipped_numbers(want: Sequence[str], got: Sequence[str]) -> bool:
    """Every number of ``got`` that differs from ``want``'s is one OCR slip off it (:func:`_slipped`), and no more
    than :data:`SLIPPED_NUMBERS` differ.

    >>> _slipped_numbers(["477", "3", "2"], ["47", "8", "2"]), _slipped_numbers(["477", "3"], ["512", "3"])
    (True, False)
    """
    differing = [(a, b) for a, b in zip(want, got, strict=True) if a != b]
    return 0 < len(differing) <= SLIPPED_NUMBERS and all(_slipped(a, b) for a, b in differing)


def _misread_digit(name: str, declared: str, found: str) -> bool:
    """One digit of ``found`` differs from ``declared``, whose check digit holds while the read's fails."""
    kind = FIELDS[name].check_digit
    want, got = ascii_digits(declared), ascii_digits(found)
    return (kind is not None and len(want) == len(got) and sum(a != b for a, b in zip(want, got, strict=True)) == 1
            and check_digit_ok(kind, want) and not check_digit_ok(kind, got))


def _never(again: str) -> bool:
    """A difference no OCR re-read can confirm (it still is one when a PDF's text layer stores it)."""
    return False


#: a date's unit, or the 등록일 of a row label, standing as a word of its own — and their misreads (넌, 원/뭘,
#: 잎/밀): no 업종 holds one. A 사업자등록증명 fax ran its 사업자등록일 row ("등록일 . ; 200658 ( / 사언시 .05 원 16
#: 일") into the 업태 list, read "등록일 사언시 원 일", and made a genuine page 불일치 (bench/ocr.py seed 37)
_DATE_WORD = re.compile(r"(?:^|[\s,])(?:년|넌|월|원|뭘|일|잎|밀|등록일)(?=[\s,]|$)")
#: a legal form in brackets, (주) / ( 유 ): kept out of the search for a label's brackets in a read name
_BRACKETED_FORM = re.compile(r"[(（]\s*[가-힣]\s*[)）]")


def _ran_into_another_field(declared: str, found: str) -> bool:
    """The read name holds digits or a colon that the declared name does not (``7일레븐`` may hold a 7), or a bracket
    or a table's bar: the tail of its label came along ("대요 유형) ㅣ 이우새" for 대표자성명(대표유형) | 이우재, and
    "( 법민 명)" for a 상호(법인명) whose value was not read, "밥 인명}" with its brackets misread), or another row's
    label ("람 생년월밀 년" read as 업태 from a 대표자 line, :func:`pgdocs.ocr.layout.labels_in`)."""
    marks = r"[0-9０-９:：()（）{}\[\]|ㅣ]"

    def own(text: str) -> set[str]:
        return {ascii_digits(m) or m for m in re.findall(marks, _BRACKETED_FORM.sub("", text))}

    return bool(own(found) - own(declared)) or bool(labels_in(found) - labels_in(declared))


def _interleaved(declared: str, found: str, field: str) -> bool:
    """Every syllable of the declared name was read, in order, with other syllables between them — not around them:
    a fax read 심현훈 as "심시현히호훈" (ghost strokes read as syllables), and a clean page's table cell 한빛푸드 as
    "하한빚비 푸드 프" (each glyph read twice, once in part; 빛 as its look-alike 빚 — bench/ocr.py seed 131). Fewer
    of the syllables may be look-alikes (:func:`_lookalike_name`) than are read exactly. No evidence about the name
    either way; a read that holds the declared name whole plus more (바다상사몰 for 바다상사) is still a difference.

    >>> _interleaved("한빛푸드", "하한빚비 푸드 프", "business_name")
    True
    >>> _interleaved("바다상사", "바다상사몰", "business_name")
    False
    >>> _interleaved("김민수", "김인수호", "representative"), _interleaved("김민수", "김인비수", "representative")
    (False, True)
    """
    kind = _NAME_KINDS.get(field)
    if kind is None:
        return False
    want, got = name_key(declared, kind=kind), name_key(found, kind=kind)
    if not want or len(got) <= len(want) or want in got:
        return False
    rest = iter(got)
    if all(ch in rest for ch in want):  # a subsequence
        return True
    return _fewest_lookalikes(want, got) * 2 < len(want)


def _fewest_lookalikes(want: str, got: str) -> int:
    """The fewest look-alike syllables (fewer than :data:`OTHER_SYLLABLE_JAMO` jamo off) with which ``want`` is
    a subsequence of ``got`` — the others read exactly, and some syllable of ``got`` left out between two it
    holds (김인수호 is not 김민수 interleaved: it is another name with one more syllable); ``len(want) + 1`` when
    there is no such way."""
    from pgdocs.hangul import jamo_distance

    worst = len(want) + 1

    @cache
    def fewest(i: int, j: int, between: bool) -> int:
        if i == len(want):
            return 0 if between else worst
        if len(got) - j < len(want) - i:
            return worst
        best = fewest(i, j + 1, between or i > 0)  # got[j] is an extra syllable
        if want[i] == got[j]:
            best = min(best, fewest(i + 1, j + 1, between))
        elif (jamo_distance(want[i], got[j]) or OTHER_SYLLABLE_JAMO) < OTHER_SYLLABLE_JAMO:
            best = min(best, 1 + fewest(i + 1, j + 1, between))
        return best

    return fewest(0, 0, False)


#: a syllable differing from the declared one in fewer jamo than this is a slip a scan or photo makes the same way
#: in two reads, never evidence: 장하나 → 징하나 (ㅏ/ㅣ, a fax), and 곽민영 → 락민영 (ㄱ/ㄹ and ㅘ/ㅏ: two jamo, read
#: so by the page pass and by the crop pass on a NotoSansCJK photo, bench/ocr.py seed 321). Only a syllable with
#: nothing in common — 민/윤 has its final ㄴ in common, 민/영 nothing — is another person's name
OTHER_SYLLABLE_JAMO = 3


def _other_syllables(want: str, got: str) -> bool:
    """Same length, and every syllable that differs is another syllable (≥ :data:`OTHER_SYLLABLE_JAMO` jamo
    apart: 민/영), not a one-stroke slip (장/징) nor a lost syllable."""
    from pgdocs.hangul import jamo_distance

    if len(want) != len(got) or want == got:
        return False
    for a, b in zip(want, got, strict=True):
        if a == b:
            continue
        # two syllables without a final consonant differ in two jamo at most: between them, always review
        d = jamo_distance(a, b)
        if d is None or d < OTHER_SYLLABLE_JAMO:
            return False
    return True


def _lost_digit(declared: str, words: Sequence[Word]) -> bool:
    """The page read the month or the day as one digit that the declared one's two digits hold, and not as its
    zero-padded form (declared 11, read "1]"): certificates print both digits, so one was lost.

    >>> from pgdocs.ocr.tesseract import Word
    >>> _lost_digit("2011-11-23", [Word(":2011 년 1] 월 23 일", 80, 0, 0, 1, 1)])
    True
    >>> _lost_digit("2011-01-23", [Word("2011 년 1 월 23 일", 80, 0, 0, 1, 1)])
    False
    """
    read = re.findall(r"\d+", " ".join(w.text for w in words))
    want = re.findall(r"\d+", declared)
    if len(read) != 3 or len(want) != 3:
        return False
    return any(len(g) == 1 and len(d) == 2 and g in d and d != "0" + g for g, d in zip(read[1:], want[1:], strict=True))


def _date_digits(text: str) -> str:
    from pgdocs.dates import parse_date

    try:
        return parse_date(text).strftime("%Y%m%d")
    except (ValueError, TypeError):
        return ""


#: a name read with at most this many syllables wrong, missing or extra is OCR noise, not another name
#: (names of 6+ syllables: 2). The generator's tampered names differ in 2-13 syllables from the page,
#: so a confident mismatch still needs a clearly different name; a near miss becomes review, never pass.
NEAR_NAME_EDITS = 1
NEAR_NAME_EDITS_LONG = 2


#: 업태/종목 read this close in jamo to the declared list, with its differences spread over several
#: items, is the same list read badly (a fax: 화장품 및 방향제 → 화징줌 및 빙향제초, 0.79); lists of other
#: items score ≤ 0.45 (소매업, 서비스업 / 제조업, 도매업: 0.38)
ITEMS_GARBLED_SIMILAR = 0.7


#: an item read this close in jamo to a declared one is that item read badly (인빈 for 일반 0.67, 봄신판매 for
#: 통신판매 0.82); another 업종 is further off (중식/한식 0.5, 제조/소매 0.5) or a declared item exactly
ITEMS_NEAR_SIMILAR = 0.6


def _garbled_items(declared: str, found: str) -> bool:
    """Many items off by look-alike glyphs, not one item swapped for another (that stays a mismatch): the list read
    close to the declared one as a whole, or — when lines of it were not read at all — every item read a declared
    item or near one, two or more of them near and not equal (a fax's 종목 "단식 인빈 름식점인, 봄신판매업" for
    한식 일반 음식점업 and 통신판매업, its 생활용품 도매업 line lost: a wrong 불일치, bench/ocr.py seed 9393)."""
    from pgdocs.hangul import jamo_similarity

    want, got = re.sub(r"[^가-힣]", "", declared), re.sub(r"[^가-힣]", "", found)
    declared_items = match._items(declared)
    off = sum(1 for item in declared_items if item not in got)
    if off >= 2 and jamo_similarity(want, got) >= ITEMS_GARBLED_SIMILAR:
        return True
    read = [item for item in match._items(found) if item not in declared_items]
    near = [item for item in read
            if max((jamo_similarity(item, d) for d in declared_items), default=0.0) >= ITEMS_NEAR_SIMILAR]
    return len(near) >= 2 and len(near) == len(read)


#: name fields and the kind of name (:func:`pgdocs.names.name_key`)
_NAME_KINDS = {n: s.kind for n, s in FIELDS.items() if s.kind in ("company", "person")}


def _near_name(declared: str, found: str, field: str) -> bool:
    """One syllable off (장하나/징하나, 곽성연/성연, ㈜고운/운, 김민수/김인수)."""
    from rapidfuzz.distance import Levenshtein

    kind = _NAME_KINDS.get(field, "person")
    a = name_key(declared, kind=kind)
    b = name_key(strip_others(found), kind=kind)
    limit = NEAR_NAME_EDITS_LONG if len(a) >= 6 else NEAR_NAME_EDITS
    return bool(a and b) and len(a) >= 2 and Levenshtein.distance(a, b) <= limit


def _verify_certificate(path: Path, business: Business, timeout: float) -> VerifyResult:
    from pgdocs.ocr.extract import extract

    return compare_certificate(extract(path, timeout=timeout), business)


def compare_certificate(ex: Extraction, business: Business) -> VerifyResult:
    """Compare an extraction with declared ``business`` data (one read, many records: batch, bench)."""
    from pgdocs.ocr.kind import wrong_for_slot, wrong_kind_message

    if ex.kind is not None and wrong_for_slot("business_registration", ex.kind):
        # not a certificate at all: one plain sentence, no field-by-field reasons, no advice on light or dpi
        res = wrong_kind_result("business_registration", ex.kind.kind,
                                wrong_kind_message("business_registration", ex.kind), source=ex.source,
                                quality=ex.quality, image=ex.image)
        res.quality["kind"] = ex.kind.to_dict()
        res.seconds = ex.seconds
        return res
    res = VerifyResult("review", "business_registration", source=ex.source, quality=ex.quality, image=ex.image)
    res.detected_kind = ex.kind.kind if ex.kind is not None else None
    res.seconds = ex.seconds
    if ex.quality.get("readable") is False:
        res.reasons.append(unreadable_reason(ex.quality))
    found = ex.fields
    entity = ex.page.entity or business.entity
    # glyphs under the floor: no second look at a field without a check digit (on 450-px thumbnails the page read
    # without rules and the crops were 0.7 of their 1.5 s, for a review either way) — only, from TWICE_GLYPH_PX,
    # the crop read that with the page read makes two reads agreeing
    tiny = _too_small(ex)
    for name in CERTIFICATE_CHECKS:
        declared = getattr(business, name)
        if declared is None:
            continue
        # 법인 certificates show no 생년월일, individuals' no 법인등록번호 (docs/certificates.md#kind-specific-fields)
        if (name == "birth_date" and entity == "corporation") or (
            name == "corporate_number" and entity == "individual"
        ):
            continue
        fv = found.get(name)
        value = fv.value if fv is not None else None
        ms = FIELDS[name].matcher(declared, value)  # type: ignore[misc]
        garbled = fv is not None and FIELDS[name].kind == "date" and not date_read_cleanly(
            " ".join(w.text for w in fv.words),
            resident=name == "birth_date" and birth_from_resident(ex.page))
        fc, confirm = _first_read(name, _text(declared), value, ms, conf=fv.confidence if fv else None,
                                  shaky=fv.shaky if fv else 0.0, garbled=garbled,
                                  digit_conf=digits_confidence(fv.words) if fv is not None else None,
                                  words=fv.words if fv is not None else ())
        if fc.status == "match" and fv is not None and (
                odd := _unemittable_doubt(ex, name, declared, fv)):
            # a syllable the model cannot emit, where the page read another one without guessing (or the crop's reads
            # mostly did): most likely that one is printed, and no read can say the declared one — a person compares
            fc = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, odd, evidence="beyond_model")
        elif tiny and FIELDS[name].check_digit is None:
            if fc.status == "match" and _small_but_read_twice(ex, name, declared, value, ms):
                fc = FieldCheck(fc.declared, fc.found, "match", fc.score,
                                f"{fc.detail} (작은 글자: 칸을 따로 다시 읽어도 같음)", evidence="small_twice")
            # else too small to settle by any read: _low_resolution makes it review, whatever a second read says
        elif fc.status == "match" and fv is not None and (
                unconfirmed := _match_unconfirmed(ex, name, fv, fc, declared)):
            # a first read's match that another read must repeat before it counts, and did not
            fc = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, unconfirmed, evidence="reads_disagree")
        elif fc.status != "match":
            # syllables the model cannot emit are not emitted by a read of a cleaner page either
            fc = _second_look(ex, name, fc, declared, confirm, clean=ms.status != "unverifiable")
        if fc.status == "mismatch" and name in ex.page.unlabelled:
            # found by its shape or by the row order where its label was not read: perhaps another field's value
            why = ("번호 칸의 이름을 읽지 못해 서류의 다른 번호를 읽었을 수 있습니다" if FIELDS[name].kind == "number"
                   else "칸의 이름을 읽지 못해 다른 칸의 값을 읽었을 수 있습니다")
            fc = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, f"{fc.detail} — {why}",
                            evidence="unlabelled")
        fc.box = ex.box(name)
        res.fields[name] = fc
    _low_resolution(res, ex)
    tamper.mark(res, ex)  # a field that looks pasted over is review, never pass nor mismatch (ocr/tamper.py)
    decide(res)
    return res


#: below this native glyph height (pixels) what OCR reads is not evidence either way: on a 450-px thumbnail of an
#: A4 page (glyphs ~8–9 px) "㈜" came back as "뻐" and made a genuine 상호 a mismatch, and a crop re-read made
#: 성민연 into 성인연 and passed a record that named another person (bench/ocr.py seeds 4 and 31, nts2025 thumb).
#: 100–150 dpi scans have 12–20 px glyphs and keep their verdicts, and so do screen captures (~700 px wide: 10–12
#: px): 72 clean/scan pages of four held-out seeds scaled to 700 px passed 56 at 10 px, 40 at 12, with 0 of 803
#: changed records passed either way (the digit rule reads their dates' and addresses' crops again)
LOW_RES_GLYPH_PX = 10.0


#: glyphs from this height up to :data:`LOW_RES_GLYPH_PX` settle a match when two reads by the two models say the
#: declared value: the page read, and the field's crop whole (a 사업자등록증명 captured from a screen
#: prints its table at 8–9 px and was read exactly, field after field, while every field stayed review)
TWICE_GLYPH_PX = 8.0


def _small_but_read_twice(ex: Extraction, name: str, declared: object, value: str | None, ms: MatchScore) -> bool:
    """Under the floor but not under :data:`TWICE_GLYPH_PX`: the page read matches the declared value (a name's
    whole) and the field's crop read by the other model (as it is, else enlarged) says it whole."""
    glyph = ex.quality.get("glyph_px")
    if not (isinstance(glyph, int | float) and glyph >= TWICE_GLYPH_PX) or value is None:
        return False
    # a name's page read must be whole too: one syllable read as another is another person or business
    page_says = _whole_match(name, declared, value, ms) if name in _NAME_KINDS else ms.status == "match"
    return page_says and _crop_agrees(ex, name, declared)


def _too_small(ex: Extraction) -> bool:
    """The page's glyphs are under :data:`LOW_RES_GLYPH_PX`: one read on it settles nothing."""
    glyph = ex.quality.get("glyph_px")
    return ex.source == "ocr" and isinstance(glyph, int | float) and glyph < LOW_RES_GLYPH_PX


class _PageDoubt(NamedTuple):
    """Why nothing read on a page settles a field (:func:`_page_doubt`)."""

    page_says: str  #: the advice, once for the page ("" for none)
    why: str  #: added to a difference's detail
    same: str  #: a match's detail ("" where a match stands)
    evidence: str
    settled: tuple[str, ...]  #: the statuses that become review


def _page_doubt(res: VerifyResult, ex: Extraction) -> _PageDoubt | None:
    """The page's own reason to doubt its reads, or None: glyphs too small, a moiré taken out or photographed, a
    page read as too little of a certificate. The advice is said once for the page, each field saying only what it
    means for it (a thumbnail's eight fields repeated the same two sentences eight times)."""
    glyph = ex.quality.get("glyph_px")
    if isinstance(glyph, int | float) and glyph < LOW_RES_GLYPH_PX:
        small = f"글자가 너무 작아(약 {int(glyph)}픽셀)"  # 9.6 px is "약 9", never the 10 of the floor
        return _PageDoubt(f"{small} 비슷한 글자와 구별되지 않습니다. 원본을 300 dpi로 스캔하거나 더 크게 찍어 "
                          "올려 주세요",
                          "글자가 너무 작아 다르다고 확신할 수 없습니다",
                          "읽은 값은 같지만 글자가 너무 작아 비슷한 글자와 구별되지 않습니다", "low_resolution",
                          ("mismatch", "match"))
    if ex.prepared is not None and ex.prepared.descreened:
        # the page read as nothing through its moiré; read without it, strokes come back blurred, and a confident
        # misread (바른 → 바씀, confirmed by the crop) was a wrong 불일치 (bench/ocr.py seed 21, nts moiré)
        return _PageDoubt("화면을 찍은 사진의 물결무늬를 걸러 내고 읽었습니다. "
                          "화면을 찍지 말고 원본 파일이나 스캔본을 올려 주세요",
                          "물결무늬를 걸러 내고 읽어 다르다고 확신할 수 없습니다", "", "descreened", ("mismatch",))
    if any(fc.status == "mismatch" for fc in res.fields.values()) and _screen_photo(ex):
        # a photo of a monitor read without taking its moiré out: its bands blur strokes as much — 푸른서점 read
        # 쑤른서창 on a page whose every other field read too, was a genuine 불일치 (bench/ocr.py seed 383)
        return _PageDoubt(SCREEN_ADVICE, "화면을 찍은 사진이라 다르다고 확신할 수 없습니다", "", "screen_photo",
                          ("mismatch",))
    if ex.quality.get("readable") is False:
        # a page read as too little of a certificate to trust (its labels lost): what was read is no confident
        # evidence of a difference either (a row of another field taken for the 상호, bench/ocr.py seed 888)
        return _PageDoubt("", "서류가 잘 읽히지 않아 확정할 수 없습니다", "", "unreadable_page", ("mismatch",))
    return None


def _low_resolution(res: VerifyResult, ex: Extraction) -> None:
    """On a page whose text is too small to read with confidence, a field neither passes nor fails — except a
    number whose check digit holds (a near miss of it changes two digits) and a match two reads agreed on
    (:data:`TWICE_GLYPH_PX`) — and on a page read only once its screen pattern was taken out, or read as too
    little of a certificate, a mismatch becomes review (:func:`_page_doubt`)."""
    if ex.source != "ocr" or (doubt := _page_doubt(res, ex)) is None:
        return
    changed = False
    for name, fc in res.fields.items():
        if fc.status not in doubt.settled or (fc.status == "match" and (
                FIELDS[name].check_digit is not None or fc.evidence == "small_twice")):
            continue
        detail = doubt.same if fc.status == "match" else f"{fc.detail} — {doubt.why}"
        res.fields[name] = FieldCheck(fc.declared, fc.found, "unreadable", fc.score, detail, box=fc.box,
                                      evidence=doubt.evidence)
        changed = True
    if changed and doubt.page_says:
        res.reasons.append(doubt.page_says)


def _screen_photo(ex: Extraction) -> bool:
    """The page is a phone photo of a monitor: its colour changes from pixel to pixel like a screen's sub-pixel
    fringes (:func:`pgdocs.ocr.preprocess.screen_photo`; measured only for a page with a difference to judge, and
    not again where the extraction measured it)."""
    return ex.source == "ocr" and ex.image is not None and (
        ex.quality.get("screen_photo") is True or screen_photo(ex.image))


def _second_look(ex: Extraction, name: str, fc: FieldCheck, declared: object, confirm: Confirm | None, *,
                 clean: bool = True) -> FieldCheck:
    """A field the first read did not settle, read again from its own crop (:mod:`pgdocs.ocr.reread`).

    * The re-read says exactly what was declared → match (positive evidence from a second read).
    * The first read's difference needs confirming (``confirm``) and the re-read says the same → mismatch.
    * Otherwise the whole page read again without table rules and shading (:func:`pgdocs.ocr.reread.clean_read`)
      says exactly what was declared, and so does that field's crop on it read alone → match.
    * Anything else leaves the field as it was; a pending difference stays review.

    Both reads are of the same page, so a re-read cannot make a record that differs from the page pass, and
    a genuine page only becomes a mismatch when two reads of its crop agree on a difference.
    """
    from pgdocs.ocr.reread import clean_reread, reread

    sp = FIELDS[name]
    if sp.matcher is None:
        return fc
    if ex.source == "text_layer" and confirm is not None and sp.kind in ("number", "date", "address"):
        # a PDF's text layer stores its digits; nothing was read by OCR, so no look-alike can have been misread
        # (Hangul mappings of text layers can be broken — docs/ocr.md#broken-text-layer — so names get no such trust)
        return FieldCheck(fc.declared, fc.found, "mismatch", fc.score, f"{fc.detail} — PDF에 저장된 숫자입니다",
                          evidence="text_layer")
    fv = reread(ex, name) if sp.reread is not None else None
    if fv is not None:
        ms = sp.matcher(declared, fv.value)
        if _says(name, declared, fv):
            if _enlarged_says_other(ex, name, declared):
                # the crop read at another size gives a name one stroke off the declared one: the crop reads
                # disagree, and no read of the same pixels settles it — a fax's 원영윤 read 원명윤 by its crop (and
                # by the crop without rules) and 원영윤 enlarged passed a record naming 원명윤 (bench/ocr.py seed 4)
                return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                                  f"{fc.detail} — 칸을 크기를 바꿔 다시 읽으면 다르게 읽혀 확정할 수 없습니다",
                                  evidence="reads_disagree")
            if _crop_read_names_near(ex, name, declared):
                # another read of the crop names, with confidence, a name one stroke off: a scan's 안한동, read "s"
                # by the page pass, 안안동 by its crop (the differing 안 at 76) and 안한동 with only its ink (at
                # 92), passed a record naming 안안동 (bench/ocr.py seed 479). The crop's reads disagree: review
                return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                                  f"{fc.detail} — 칸을 다른 방법으로 다시 읽으면 한 획 다른 이름으로 읽혀 확정할 수 "
                                  "없습니다", evidence="reads_disagree")
            if _contradicted(ex, name, declared, fc.found) and not _third_read_agrees(ex, name, declared, fc.found,
                                                                                   clean=clean):
                # the page read a whole other name or date and the crop read the declared one: one read against
                # another is no evidence either way — a crop re-read made 심성서 into 심정서 and passed a record
                # naming another person (nts fax, bench/ocr.py seed 4242). Only a third read agreeing settles it
                return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                                  f"{fc.detail} — 칸만 다시 읽으면 입력한 값과 같지만 처음 읽은 값과 달라 확정할 수 "
                                  "없습니다",
                                  evidence="reads_disagree")
            return FieldCheck(fc.declared, fv.value, "match", float(ms.score), f"{ms.detail} (칸을 따로 다시 읽음)",
                              evidence="reread")
        if confirm is not None and confirm(fv.value):
            # the crop holds what the page pass saw, pale emblem strokes and table rules included: a stroke of the
            # emblem through the 1 of "01" made it 04 in both reads (nts scan, bench/ocr.py seed 7). When the page
            # read once more without them says what was declared, the reads disagree: no evidence either way
            if clean and _clean_says(ex, name, declared) is not None:
                return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                                  f"{fc.detail} — 표의 선을 지우고 읽으면 입력한 값과 같게 읽힙니다",
                                  evidence="reads_disagree")
            if _another_read_agrees(ex, name, declared):
                # the crop read as it is took the page pass's look-alike again, from the same pixels; read enlarged
                # or with only its ink it says what was declared: a 200-dpi scan's 1982-10-03 was read 1982-10-08
                # by the page pass (at 94) and by its crop, and 03 enlarged, by its ink and without rules — a
                # genuine 불일치 (bench/ocr.py seed 487). The reads disagree: review
                return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                                  f"{fc.detail} — 칸을 크게 하거나 다른 방법으로 다시 읽으면 입력한 값과 같게 "
                                  "읽힙니다", evidence="reads_disagree")
            return FieldCheck(fc.declared, fc.found, "mismatch", fc.score,
                              f"{fc.detail} — 칸을 다시 읽어도 같습니다", evidence="reread")
    if fc.status == "mismatch" and clean and (cell := _cell_says(ex, name, fc, declared)) is not None:
        # a whole other value read from a table row the page read mixed with its wrapped label ("서며" for 진지희
        # beside "대표자성명( / 대표유형)", a scanned Word table: bench/office.py) while the row's cell, read alone by
        # two models, says the declared one: the page's read was of no cell (a value one look-alike off is not
        # overruled so: :func:`_cell_says`)
        return cell
    if fc.status == "mismatch" and name in _NAME_KINDS and sp.reread is not None and _another_read_agrees(
            ex, name, declared):
        # a whole other name read by the page pass, the declared one by a read of its crop (as it is, enlarged, by
        # the page's model, with only its ink): the page's read was cut or garbled, no evidence either way — a
        # fax's 송롬동 read "송 모" (its 동 taken into the 생년월일 label beside it), 송롬동 enlarged and by the ink,
        # was a genuine 불일치 (bench/ocr.py seed 59)
        return FieldCheck(fc.declared, fc.found, "unreadable", fc.score,
                          f"{fc.detail} — 칸을 다시 읽으면 입력한 값과 같게 읽혀 확정할 수 없습니다",
                          evidence="reads_disagree")
    if fc.status != "mismatch" and sp.reread is not None:
        # the crop read once more, enlarged: a crop's misread depends on its pixels' size (그린오퍼스텔 at 1×,
        # 그린오피스텔 at 1.5×, a 200-dpi scan, bench/ocr.py seed 17). A second read of the crop like the first,
        # held to the same rules: a whole match, and a third read where the page read another name or date
        from pgdocs.ocr.reread import SECOND_CROP_SCALE

        big = reread(ex, name, scale=SECOND_CROP_SCALE)
        # a name or a date the crop read as it is gave otherwise: the two crop reads disagree, and the enlarged one
        # alone is no evidence — 양현쿤 (쿤 beyond the model) read 양훈 at 1× and 양현군 at 1.5× passed a record
        # naming 양현군 (a 690-px screen capture, bench/ocr.py seed 4); a scan's 2012-09-23, read "09 일 3 일" by the
        # page pass, 22 by the crop and 28 enlarged, passed a record naming the 28th (seed 103)
        crops_disagree = fv is not None and (name in _NAME_KINDS or sp.kind == "date")
        if big is not None and _says(name, declared, big) and not (
                (_contradicted(ex, name, declared, fc.found) or crops_disagree) and not _third_read_agrees(
                    ex, name, declared, fc.found, clean=clean, enlarged=False)):
            # (where the page read another name one look-alike off and no third read says the declared one, the
            # page read without rules below is the last word, as before this read)
            ms = sp.matcher(declared, big.value)
            return FieldCheck(fc.declared, big.value, "match", float(ms.score), f"{ms.detail} (칸을 크게 다시 읽음)",
                              evidence="reread")
    # the field's cell of a ruled table, read alone (a few words: cheaper than the page read without rules below)
    if clean and fc.status != "mismatch" and (cell := _cell_says(ex, name, fc, declared)) is not None:
        return cell
    # the whole page once more without table rules and shading: only ever a whole match, never a difference, and
    # only when the field's crop on that copy, read alone, says the same (one read can misread 훈 as 운 and meet
    # a record that differs from the page in exactly that syllable)
    said = _clean_says(ex, name, declared) if clean and fc.status != "mismatch" else None
    if said is not None and _says(name, declared, clean_reread(ex, name)) and not _crop_named_near(
            ex, name, declared):
        cv, ms = said
        return FieldCheck(fc.declared, cv.value, "match", float(ms.score),
                          f"{ms.detail} (표의 선을 지우고 두 번 다시 읽음)", evidence="clean_read")
    if clean and fc.status != "mismatch" and sp.kind == "items" and (
            items := _clean_items(ex, name, fc, declared) or _block_items(ex, name, fc, declared)):
        return items
    if fv is None and confirm is not None:
        fc.detail += " (다시 읽어 확인하지 못함)"
    return fc


def _cell_says(ex: Extraction, name: str, fc: FieldCheck, declared: object) -> FieldCheck | None:
    """The field's cell of a ruled table (:func:`pgdocs.ocr.reread.cell_read`), read by the crop model and by the
    page's, says exactly what was declared in both reads: a match. Only ever a match — a cell is asked for when
    the page read mixed the row with its wrapped label, and what such a read got is no evidence of a difference —
    and not where the page read another value one look-alike off, or a read of the field's crop named a near
    miss: two models on the same pixels are not a third opinion against them (a whole other value the page read,
    "서며" for 진지희, is)."""
    matcher = FIELDS[name].matcher
    if matcher is None:
        return None
    reads = _cell_reads(ex, name)
    # the cell first: on a page without rules there is none, and the guards below would read the crop enlarged
    first = next(reads)
    if first is None or not _says(name, declared, first) or not all(_says(name, declared, fv) for fv in reads) or (
            _contradicted(ex, name, declared, fc.found) or _crop_named_near(ex, name, declared)):
        return None
    ms = matcher(declared, first.value)
    return FieldCheck(fc.declared, first.value, "match", float(ms.score), f"{ms.detail} (표의 칸만 두 번 다시 읽음)",
                      evidence="cell_read")


def _clean_items(ex: Extraction, name: str, fc: FieldCheck, declared: object) -> FieldCheck | None:
    """업태/종목 on the page read without table rules: one of its two reads (the page, the field's crop on it) says
    every declared item, the other finds them too (:func:`pgdocs.ocr.match.match_items` "match"), with a syllable
    misread here and there. A business's 업종 names no one: two whole reads are asked of names and numbers, where
    one misread syllable can meet a record that differs in exactly it; a list that one read gives whole and the
    other gives within a syllable is positive evidence of the list (a 종목 table's "가구 제조업" read "누 제조업" on
    the page and whole on its crop, nts scan, bench/ocr.py seed 888)."""
    from pgdocs.ocr.reread import clean_read, clean_reread

    page = clean_read(ex)
    cv = page.fields.get(name) if page is not None else None
    crop = clean_reread(ex, name) if cv is not None else None
    if cv is None or crop is None:
        return None
    return _items_read_twice(name, fc, declared, [cv, crop], "표의 선을 지우고 두 번 다시 읽음", "clean_read")


def _block_items(ex: Extraction, name: str, fc: FieldCheck, declared: object) -> FieldCheck | None:
    """업태/종목 from the 사업의 종류 block read alone (:func:`pgdocs.ocr.reread.kind_block`), read in turn as it is,
    with only its ink kept and enlarged until two reads settle it by the rule of :func:`_clean_items`: one says
    every declared item, the other finds them too."""
    from pgdocs.ocr.reread import KIND_BLOCK_READS, kind_block

    reads: list[FieldValue] = []
    for how in KIND_BLOCK_READS:
        page = kind_block(ex, how)
        if page is None:
            if how == KIND_BLOCK_READS[0]:
                return None  # no block to read
            continue
        if (fv := page.fields.get(name)) is not None:
            reads.append(fv)
        if len(reads) >= 2 and (out := _items_read_twice(name, fc, declared, reads, "사업의 종류 칸만 두 번 다시 읽음",
                                                          "reread")):
            return out
    return None


def _items_read_twice(name: str, fc: FieldCheck, declared: object, reads: list[FieldValue], how: str,
                      evidence: str) -> FieldCheck | None:
    """A list of 업종 settled by two of ``reads``: one says every declared item whole, another finds them too."""
    matcher = FIELDS[name].matcher
    if matcher is None:
        return None
    scored = [(fv, ms) for fv in reads if (ms := matcher(declared, fv.value)).status == "match"]
    whole = [(fv, ms) for fv, ms in scored if _whole_match(name, declared, fv.value, ms)]
    if not whole or len(scored) < 2:
        return None
    fv, ms = whole[0]
    return FieldCheck(fc.declared, fv.value, "match", float(ms.score), f"{ms.detail} ({how})", evidence=evidence)


def _enlarged_says_other(ex: Extraction, name: str, declared: object) -> bool:
    """A name's crop read enlarged (:data:`pgdocs.ocr.reread.SECOND_CROP_SCALE`) gives another well-formed name of as
    many syllables, each differing syllable one jamo off the declared one and read with :data:`CONFIDENT_SYLLABLE`:
    the near miss a record could be (원영윤 for a declared 원명윤, 영 at 89). Read unsure, it is the enlarging's own
    slip (찾일 for 찻잎 at 70, 세담 for 소담 at 15, 히태수 for 이태수 at 76: bench/ocr.py seeds 7 and 19)."""
    from pgdocs.ocr.reread import SECOND_CROP_SCALE, reread

    return name in _NAME_KINDS and _confident_near_miss(name, declared, reread(ex, name, scale=SECOND_CROP_SCALE))


def _confident_near_miss(name: str, declared: object, fv: FieldValue | None) -> bool:
    """A read of a name field gives another well-formed name a stroke off the declared one (:func:`_one_stroke_off`)
    with every syllable that differs read with :data:`CONFIDENT_SYLLABLE`."""
    diff = _one_stroke_off(name, _text(declared), fv.value) if fv is not None else None
    if fv is None or not diff:
        return False
    confs = [w.conf for w in fv.words if any(b in w.text for _, b in diff)]
    return bool(confs) and min(confs) >= CONFIDENT_SYLLABLE


def _crop_read_names_near(ex: Extraction, name: str, declared: object) -> bool:
    """A read of a name's crop (as it is, enlarged, by the page's model, with only its ink) names another name a
    stroke off the declared one with confidence (:func:`_confident_near_miss`)."""
    return name in _NAME_KINDS and any(_confident_near_miss(name, declared, fv) for fv in _crop_reads(ex, name))


def _crop_named_near(ex: Extraction, name: str, declared: object) -> bool:
    """A read of a name's own crop made so far (as it is, enlarged) gave a name a stroke off the declared one
    (:func:`_one_stroke_off`): a near miss the page read without rules cannot overrule by agreeing with the record —
    a clean 증명's 한빛푸드, read 한빛 by its crop at both sizes and 한빚 without rules (by the page's model, then
    by the crop's on that copy), passed a record naming 한빚푸드 (bench/ocr.py seed 131)."""
    from pgdocs.ocr.reread import SECOND_CROP_SCALE, reread

    if name not in _NAME_KINDS:
        return False
    reads = (reread(ex, name), reread(ex, name, scale=SECOND_CROP_SCALE))  # both made by _second_look already
    return any(fv is not None and _one_stroke_off(name, _text(declared), fv.value) for fv in reads)


def _one_stroke_off(name: str, declared: str, found: str) -> list[tuple[str, str]] | None:
    """The (declared, read) syllables in which ``found`` is another well-formed name one jamo off the declared one
    in each (심성서 for 심정서), or None: a read garbled, cut short, of another length, forgiven for syllables the
    model cannot emit (쿠 for 쿤), or a person's name without a surname (홈나은 for 홍나은) is no such name."""
    from pgdocs.hangul import jamo_distance

    nk = _NAME_KINDS.get(name, "person")
    want, got = name_key(declared, kind=nk), name_key(strip_others(found), kind=nk)
    if not got or len(got) != len(want) or got == want or not re.fullmatch(r"[가-힣]+", got):
        return None
    if _same_but_unemittable(name, declared, found):
        return None  # a syllable the model cannot emit comes back as another one: 쿠 for 쿤 is no other name
    if nk == "person" and want[0] != got[0] and want[0] in surnames() and got[0] not in surnames():
        return None  # 홈나은 for 홍나은: no surname, no other person's name — a misread (seed 23, a clean page)
    diff = [(a, b) for a, b in zip(want, got, strict=True) if a != b]
    return diff if all(jamo_distance(a, b) == 1 for a, b in diff) else None


def _contradicted(ex: Extraction, name: str, declared: object, found: str | None) -> bool:
    """The page read a well-formed other value one look-alike away: a name of as many syllables whose every other
    syllable is one jamo off (심성서 for a declared 심정서, 성인연 for 성민연), a date read whole one look-alike
    digit off, or an address with as many numbers as declared and other ones. A crop re-read makes exactly such a
    slip, and a record that differs from the page in exactly that syllable or digit is a near miss, so the re-read
    alone cannot settle it: a fax's 455-14, read so by the page pass and by the crop with the page's model, was
    456-14 enlarged and with only its ink, and a record naming 456-14 passed (bench/ocr.py seed 269). (A read
    garbled, cut short or far off — 푸른공블 for 푸른공방, an address whose numbers were lost — is no such
    contradiction: a re-read saying the declared value is evidence.)"""
    if not found:
        return False
    kind = FIELDS[name].kind
    if kind in ("company", "person"):
        return _one_stroke_off(name, _text(declared), found) is not None
    if kind == "address":
        want, got = (_digits(_REFERENCE.sub(" ", text)) for text in (_text(declared), found))
        return len(want) == len(got) and want != got
    if kind == "date":
        fv = ex.fields.get(name)
        words = " ".join(w.text for w in fv.words) if fv is not None else ""
        resident = name == "birth_date" and birth_from_resident(ex.page)
        # a read with stray glyphs whose numbers still make a whole date is one too: a scan's 2020년 05월 26일 read
        # "2020/ 년 “05 월 '26 월", 06 by the crop, passed a record naming 2020-06-26 (bench/ocr.py seed 461)
        return fv is not None and bool(words) and (date_read_cleanly(words, resident=resident) or _read_whole(
            name, fv)) and match.lookalike_swap(re.sub(r"\D", "", _text(declared)), _date_digits(found),
                                                any_pair=True) is not None
    return False


#: a name matched by the page read with a syllable read under this confidence needs another read of its crop to
#: say it too (:func:`_another_read_agrees`): a moiré photo's 정우서 read 정무서 with 무 at 88 passed a record
#: naming 정무서 (bench/ocr.py seed 19; at 70 the crop was not asked). Clean syllables read 90–97
WEAK_MATCH_SYLLABLE = 90.0


def _match_unconfirmed(ex: Extraction, name: str, fv: FieldValue, fc: FieldCheck, declared: object) -> str | None:
    """Why the first read's match of a field is not yet evidence (another read must say it and did not), or None.

    * A name matched on a syllable Tesseract was unsure of: a moiré photo's 방결민 read 방결인 (인 at 60) passed a
      record naming 방결인, while the crop read 방결민 (bench/ocr.py seed 888). (No other read settles it: the page
      read without rules and its crop said 방결인 there too.)
    * A date's or an address's digits, which no check digit stands behind (:func:`_digits_unconfirmed`).
    """
    # a page read that guessed a syllable of the name (:func:`_guessed`) is no read of it: most reads of the crop
    # must say the name, or one read with confidence (하서쿤, its 쿤 beyond the model, read 하서군 with 군 at 0 by
    # the page pass and at 61 by the crop read by the same model — 콘, 큰 and nothing by the others — passed a
    # record naming 하서군: bench/ocr.py seed 173; 채결쿤's 군 at 0 by the enlarged crop and the page's model, 큰
    # and 콘 by the two others, passed 채결군: seed 191; 강준예 and 강기호, 강 at 0 in three reads of four, pass)
    guessed = name in _NAME_KINDS and _guessed(fv, name_key(_text(declared), kind=_NAME_KINDS[name]))
    if _weakly_read(ex, name, fv, declared):
        if not (_most_reads_agree(ex, name, declared) if guessed else _another_read_agrees(ex, name, declared)):
            return "흐리게 읽힌 글자가 있어 칸을 다시 읽었지만 같게 읽히지 않습니다"
        if _near_miss_read_confidently(ex, name, declared, fv):
            return "칸을 다시 읽으면 한 획 다른 글자로 읽혀 확정할 수 없습니다"
    return _digits_unconfirmed(ex, name, declared) if fc.evidence == "read" else None


def _near_miss_read_confidently(ex: Extraction, name: str, declared: object, page: FieldValue) -> bool:
    """The field's crop, read as it is, names a name a stroke off the declared one (:func:`_one_stroke_off`), and a
    read of the crop (as it is, enlarged, by the page's model or with only its ink) names such a near miss with
    every syllable that differs read with confidence (:func:`_confident_near_miss`): a name that differs in a
    syllable read with confidence never passes, whatever another read agrees.

    A clean page's 백철정 was read "백 절정" by the page pass (절정 at 66) and by the crop with the page's model (55),
    백철정 by the crop as it is (철 at 84), enlarged (78) and with only its ink kept (93): the Hangul model's read
    agreed with a record naming 백절정, which passed (bench/ocr.py seed 449, classic clean 01). A photo's 안진희,
    guessed by the page (희 at 8) and read 93 by the enlarged crop, passes: its near misses 안진회 and 안전회 hold 회
    at 81 and 80 (seed 4, nts photo 02).

    The crop's reads are asked too when the page pass doubted a syllable of the name (a word under
    :data:`DOUBTED_SYLLABLE`): a photo under uneven light printing 유경재 was read 유경채 by the page (채 at 48), by the
    crop as it is and enlarged (93) and by the page's model (75) — only the ink read 유경재 (92), and the record naming
    유경채 passed (bench/ocr.py seed 463, nts uneven 01)."""
    from pgdocs.ocr.reread import reread

    if name not in _NAME_KINDS:
        return False  # asked before the crop is read: a field of another kind has no near miss to name
    if not _hangul_read_below(page, DOUBTED_SYLLABLE):
        first = reread(ex, name)
        if first is None or _one_stroke_off(name, _text(declared), first.value) is None:
            return False
    return _crop_read_names_near(ex, name, declared)


def _weakly_read(ex: Extraction, name: str, fv: FieldValue, declared: object) -> bool:
    """A name field read by OCR with a word holding Hangul read with less than :data:`WEAK_MATCH_SYLLABLE` — unless
    the declared name holds syllables the model cannot emit: those come back as another syllable read unsure
    (쿤디자인 as "큰 디자인"), and the match already forgave them (:func:`_same_but_unemittable`)."""
    if ex.source != "ocr" or name not in _NAME_KINDS:
        return False
    if _unemittable_in(name, declared):
        return False
    return _hangul_read_below(fv, WEAK_MATCH_SYLLABLE)


def _unemittable_in(name: str, declared: object) -> list[str]:
    """The syllables of a declared name (legal form aside) the model cannot emit; [] for a field of another kind."""
    from pgdocs.ocr.charset import unrepresentable

    kind = _NAME_KINDS.get(name)
    return unrepresentable(name_key(_text(declared), kind=kind)) if kind is not None else []


def _hangul_read_below(fv: FieldValue, below: float) -> bool:
    """A word holding Hangul in ``fv`` was read with less confidence than ``below``."""
    return any(w.conf < below for w in fv.words if re.search(r"[가-힣]", w.text))


def _most_reads_agree(ex: Extraction, name: str, declared: object) -> bool:
    """Of the field's crop reads that gave a value (as it is, enlarged, by the page's model, with only its ink), at
    least two say the declared value and more say it than do not — or one says it with every Hangul word read with
    :data:`CONFIDENT_SYLLABLE`."""
    reads = list(_crop_reads(ex, name))
    said = [fv for fv in reads if fv is not None and _says(name, declared, fv)]
    if any(all(w.conf >= CONFIDENT_SYLLABLE for w in fv.words if re.search(r"[가-힣]", w.text)) for fv in said):
        return True
    others = sum(fv is not None and fv.value.strip() != "" for fv in reads) - len(said)
    return len(said) >= 2 and len(said) > others


def _another_read_agrees(ex: Extraction, name: str, declared: object) -> bool:
    """The field's crop says the declared value: read as it is, enlarged, by the page's own model, or with only its
    ink kept — any one of them (a moiré photo's 정우서, read 정무서 by the page pass at 88, was 정우서 in all four,
    so a record naming 정무서 stays review; 손상호 read 손싱호 by the crop was 손상호 in ink alone, 권은원 read
    뭔은원 by the crop was 권은원 by the page's model: bench/ocr.py seeds 19 and 7) — or, on a ruled table, its
    cell read alone (:func:`pgdocs.ocr.reread.cell_read`): a scan of a Word table whose 푸른상사 the page read
    with its wrapped label's line beside it, unsure, and whose crop took the label's tail along (bench/office.py)."""
    return any(_says(name, declared, fv) for fv in _crop_reads(ex, name)) or any(
        _says(name, declared, fv) for fv in _cell_reads(ex, name))


def _cell_reads(ex: Extraction, name: str) -> Iterator[FieldValue | None]:
    """The field's cell of a ruled table read by each of :data:`pgdocs.ocr.reread.CELL_READS`, made when asked for."""
    from pgdocs.ocr.reread import CELL_READS, cell_read

    for how in CELL_READS:
        yield cell_read(ex, name, how)


def _crop_reads(ex: Extraction, name: str) -> Iterator[FieldValue | None]:
    """The field's crop read as it is, enlarged, by the page's own model and with only its ink kept — each made
    when asked for (once per field: :func:`pgdocs.ocr.reread.reread`)."""
    from pgdocs.ocr.reread import PAGE_MODEL, SECOND_CROP_SCALE, reread

    yield reread(ex, name)
    yield reread(ex, name, scale=SECOND_CROP_SCALE)
    yield reread(ex, name, model=PAGE_MODEL)
    yield reread(ex, name, ink=True)


#: a word read with less confidence than this is Tesseract's guess at a glyph it does not know: 류윤쿤's 쿤, which
#: the model cannot emit, came back 군 at 0 from the page pass and from the crop read by the same model, and 퀸 at 0
#: from the other — and a record naming 류윤군 passed on those two guesses (bench/ocr.py seed 157, a 증명 photo).
#: Slips a crop read corrected were read at 30–93. Tesseract also gives 0 to a syllable it read right (강준예's 강
#: by every read of a scan, seed 139): a guess alone is no evidence; most reads saying the same are
#: (:func:`_most_reads_agree`)
GUESS_CONFIDENCE = 30.0


def _guessed(fv: FieldValue, key: str) -> bool:
    """A read with a word under :data:`GUESS_CONFIDENCE` holding a syllable of the name ``key`` (a legal form read
    as 쥐 for ㈜ is no part of the name)."""
    return any(w.conf < GUESS_CONFIDENCE for w in fv.words if any(ch in key for ch in w.text))


def _crop_agrees(ex: Extraction, name: str, declared: object) -> bool:
    """The field's crop, read as it is or enlarged, says the declared value (no crop possible: no read agrees)."""
    from pgdocs.ocr.reread import reread

    return _says(name, declared, reread(ex, name)) or _enlarged_agrees(ex, name, declared)


def _digits_unconfirmed(ex: Extraction, name: str, declared: object) -> str | None:
    """Why a date's or an address's digits — no check digit stands behind them — as the page pass read them are not
    yet evidence, or None once the field's crop (as it is, else enlarged, else on the page without rules, else
    with only its ink kept), read with the other model, gives the same digits. A field with no digits, a field of a
    text layer (stored, not read) and a number (its check digit) need no second read.

    Tesseract's two models misread digits differently: the page pass (``Hangul``) read a building number's 3 as 8
    with confidence 87, on the scan and again on the page downscaled to a screen capture, and the crop (``kor``),
    alone, enlarged and on the page without rules, read 443 each time. Confidence does not tell that misread from
    a good read (more than half of the genuine dates and addresses have a digit word under 90), so every such match
    is read twice: a record that differs in exactly the misread digit is then never 일치."""
    from pgdocs.address import parse_address
    from pgdocs.ocr.reread import SECOND_CROP_SCALE, clean_reread, reread

    sp = FIELDS[name]
    if ex.source != "ocr" or sp.kind not in ("date", "address") or sp.reread is None:
        return None
    if _too_small(ex):
        return None  # nothing read there settles a field: _low_resolution makes it review, saying why
    text = _text(declared)
    if not re.search(r"\d", text):
        return None

    def same(value: str) -> bool:
        if sp.kind == "date":
            return match.match_date(text, value).status == "match"
        want, got = parse_address(text).numbers, parse_address(value).numbers
        return any(got) and all(sorted(a) == sorted(b) for a, b in zip(want, got, strict=True))

    read_any = False
    others: list[str] = []  # the digits of reads that said another well-formed value
    # the enlarged crop only when the crop as it is did not confirm; the crop of the page without its table rules
    # last: a rule under a 사업자등록증명's cell, read with the emblem's letters above it as a line of junk, put
    # "91" between 홍산로 and 358 in both crops (bench/ocr.py seed 9191); the crop with only its ink kept (the crop
    # model too, on other pixels) at the very end: a clean 사업자등록증명's 1203호 read 1208 by the crop at both sizes
    # and on the page without rules, 1203 by the page pass and the ink alone (bench/ocr.py seed 4, BaekmukDotum)
    reads: tuple[Callable[[], FieldValue | None], ...] = (
        lambda: reread(ex, name), lambda: reread(ex, name, scale=SECOND_CROP_SCALE), lambda: clean_reread(ex, name),
        lambda: reread(ex, name, ink=True))
    for read in reads:
        fv = read()
        if fv is not None and same(fv.value):
            if max((others.count(o) for o in others), default=0) >= SPLIT_READS:
                # two reads of the crop agree on other digits of the same shape: the reads are split, and the one
                # that said the declared value settles nothing — a close-up photo's 2011-05-08, read so by the
                # page pass and the ink alone, 06 by the crop as it is, enlarged and on the page without rules:
                # the record naming 06 passed on those, and the genuine one on these (bench/ocr.py seed 11)
                return _SPLIT_DIGITS
            return _ink_says_otherwise(ex, name, text, same)
        read_any = read_any or fv is not None
        if fv is not None and (digits := _other_digits(sp.kind, text, fv.value)) is not None:
            others.append(digits)
    return ("숫자를 칸만 다시 읽으면 다르게 읽혀 확정할 수 없습니다" if read_any
            else "숫자를 칸만 다시 읽어 확인하지 못했습니다")


#: this many reads of a field's crop agreeing on other digits of the same shape split its reads
#: (:func:`_digits_unconfirmed`)
SPLIT_READS = 2
_SPLIT_DIGITS = "숫자가 읽을 때마다 다르게 읽혀 확정할 수 없습니다"


def _other_digits(kind: str, declared: str, value: str) -> str | None:
    """The digits of a read of a date or an address that is a well-formed other value of the declared one's shape
    (a valid other date; an address with numbers as long as the declared ones, other), or None (the same value,
    junk, digits lost)."""
    from pgdocs.address import parse_address

    if kind == "date":
        return _date_digits(value) if match.match_date(declared, value).status == "mismatch" else None
    want, got = parse_address(declared).numbers, parse_address(value).numbers
    if not any(got) or [[len(n) for n in ns] for ns in want] != [[len(n) for n in ns] for ns in got] or want == got:
        return None
    return " ".join(n for ns in got for n in ns)


def _ink_says_otherwise(ex: Extraction, name: str, declared: str, same: Callable[[str], bool]) -> str | None:
    """Why two reads that agree on a date's or an address's digits are still no evidence: the field's crop with only
    its ink kept (:func:`pgdocs.ocr.reread.ink_only`) reads other digits of the same shape, and so does the page
    read without rules — or None.

    A pale mark across a digit misleads both models alike: the emblem's disk behind "393" on a 200-dpi scan read
    398 on the page and on its crop (confidence 86 and 93), and a record naming 398 passed (bench/ocr.py seed 7,
    nts2025 scan200 1); with the grey cut away the crop read 393, and so did the page read without rules. Cutting
    at one grey level also breaks thin strokes (a screen capture's 314 read 313, a photo's 10층 16층, seeds 7 and
    11): the ink read alone only asks for the third read, which there says the declared digits. Digits lost or
    garbled are no evidence either way, so only as many digits, differing, count."""
    from pgdocs.ocr.reread import clean_reread, reread

    fv = reread(ex, name, ink=True)
    if fv is None or same(fv.value) or _other_digits(FIELDS[name].kind, declared, fv.value) is None:
        return None  # the declared digits, or junk: a valid other date, an address's other numbers of its shape
    third = clean_reread(ex, name)
    if third is not None and same(third.value):
        return None
    return "숫자가 배경의 흐린 무늬와 겹쳐 읽을 때마다 다르게 읽혀 확정할 수 없습니다"


def _third_read_agrees(ex: Extraction, name: str, declared: object, found: str | None, *, clean: bool,
                       enlarged: bool = True) -> bool:
    """A read other than the page's and the crop's says the declared value.

    A syllable the page read with confidence (:func:`_read_confidently`) is overruled only by the crop read with
    the page's own model, :data:`pgdocs.ocr.reread.PAGE_MODEL`: the crop's ``kor`` model read alone and enlarged
    said 하재승 for a fax's 하채승 (채 at 93) and passed a record naming another person (bench/ocr.py seed 17); read
    with the Hangul model the crop said 하채승 again, while five of seven genuine slips read at 79–93 (송설영 for
    송철영, 새볼 for 새봄 …) read as printed (seeds 4, 17, 23). Otherwise the crop read enlarged (which read 심성서
    where the crop said 심정서, seed 4242) or the page read without rules (only that, ``enlarged=False``, when
    the enlarged crop is the second read). When the crop read with the page's model says again what the page
    read, the crop with only its ink kept must say the declared value too: the ``kor`` crop read at two sizes is
    one model on the same pixels, and said 민서명 for a fax's 민서영 (영 at 79 on the page, 82 on its crop read by
    the Hangul model, and the ink alone said 민서영), passing a record naming another person (bench/ocr.py seed 4,
    사업자등록증명 fax); the ink alone said 홀 and 빛 where the Hangul model misread 흘 and 빚 (seed 4, nts
    low-res and 증명 moiré)."""
    from pgdocs.ocr.reread import PAGE_MODEL, reread

    if _read_confidently(ex, name, declared, found):
        return _says(name, declared, reread(ex, name, model=PAGE_MODEL))
    if found and _says(name, found, reread(ex, name, model=PAGE_MODEL)) and not _says(
            name, declared, reread(ex, name, ink=True)):
        return False
    kind = FIELDS[name].kind
    page_digits = _other_digits(kind, _text(declared), found) if found and kind in ("date", "address") else None
    if page_digits is not None and (ink := reread(ex, name, ink=True)) is not None and _other_digits(
            kind, _text(declared), ink.value) == page_digits:
        # the crop with only its ink kept says the page read's digits: the reads are split, two and two — the crop
        # read as it is and enlarged, one model on the same pixels, said 2011-06-08 for a close-up photo's
        # 2011-05-08, which the page and the ink alone read (bench/ocr.py seed 11)
        return False
    return (enlarged and _enlarged_agrees(ex, name, declared)) or (clean and _clean_agrees(ex, name, declared))


def _read_confidently(ex: Extraction, name: str, declared: object, found: str | None) -> bool:
    """The page pass read every syllable in which a name differs from the declared one with confidence
    (:data:`CONFIDENT_SYLLABLE`): then no other read of the same ink makes it the declared name."""
    fv = ex.fields.get(name)
    kind = _NAME_KINDS.get(name)
    if fv is None or kind is None or not found:
        return False
    return _confidently_other(name_key(_text(declared), kind=kind), name_key(strip_others(found), kind=kind), fv.words)


@cache
def surnames() -> frozenset[str]:
    """Korean surnames (``data/surnames.txt``): a person's name read with a first syllable outside them is no name."""
    text = data_path("surnames.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def _says(name: str, declared: object, fv: FieldValue | None) -> bool:
    """Another read of the field (``None``: none was possible) says the declared value, whole (a date with all its
    digits: :func:`_read_whole`; where a name holds syllables the model cannot emit, a guess in their place:
    :func:`_unemittable_read_as_other`)."""
    matcher = FIELDS[name].matcher
    if fv is None or matcher is None or not _read_whole(name, fv):
        return False
    return _whole_match(name, declared, fv.value, matcher(declared, fv.value)) and not _unemittable_read_as_other(
        name, declared, fv)


def _unemittable_place_read(name: str, declared: object, fv: FieldValue) -> tuple[str, float] | None:
    """Where a read of a name differs from the declared one, which holds syllables the model cannot emit (팜, 쿤 …):
    the syllable read there with the most confidence, and that confidence (None: no such syllable declared, the
    name read as declared, or no word holding a differing syllable).

    Whatever the model writes for a syllable it cannot emit, it mostly writes as a guess — 팝 for 팜, 군 for 쿤 at 0:
    under 30 at 102 of 123 such places on the image pages of bench/ocr.py seed 4 — while the syllables it can emit,
    beside them on the same pages, were read under 30 in 38 words of 378. A syllable read with more is most likely
    printed: a record naming 김팜수 for a page printing 김감수 passed, one syllable forgiven for being beyond the model
    (bench/ocr.py's ``beyond_model_syllable`` records: 김쿤수 for 김군수 … passed on nearly every genuine page)."""
    if not _unemittable_in(name, declared) or fv.value is None:
        return None
    kind = _NAME_KINDS[name]
    want, got = name_key(_text(declared), kind=kind), name_key(strip_others(fv.value), kind=kind)
    if want == got:
        return None
    confs = [(conf, read) for read in sorted(_differing(want, got))
             if (conf := _syllable_conf(read, fv.words)) is not None]
    if not confs:
        return None
    conf, read = max(confs, key=lambda c: c[0])
    return read, conf


def _unemittable_read_as_other(name: str, declared: object, fv: FieldValue) -> bool:
    """A read that matches a name only by forgiving syllables the model cannot emit is no evidence: where the name
    differs, a syllable was read with :data:`GUESS_CONFIDENCE` or more — not Tesseract's guess
    (:func:`_unemittable_place_read`)."""
    seen = _unemittable_place_read(name, declared, fv)
    return seen is not None and seen[1] >= GUESS_CONFIDENCE


def _unemittable_doubt(ex: Extraction, name: str, declared: object, page: FieldValue) -> str:
    """Why the page read's match of a name that holds syllables the model cannot emit is no evidence ("" when it
    stands): the page read another syllable in their place without guessing (:func:`_unemittable_read_as_other`), or
    the reads of the field's crop (as it is, enlarged, by the page's model, with only its ink) say what is printed
    there — one read another syllable with :data:`CONFIDENT_SYLLABLE`, or most did without guessing. A 200-dpi scan's
    네트웍스, declared 네트웍쯔, was read 네트워스 with 스 at 29 by the page, and at 46, 60 and 76 by the crop."""
    seen = _unemittable_place_read(name, declared, page)
    if seen is None or seen[1] < GUESS_CONFIDENCE:
        if ex.source != "ocr" or not _unemittable_in(name, declared):
            return ""
        reads = [_unemittable_place_read(name, declared, fv) for fv in _crop_reads(ex, name)
                 if fv is not None and fv.value]
        sure = [r for r in reads if r is not None and r[1] >= CONFIDENT_SYLLABLE]
        unsure = [r for r in reads if r is not None and r[1] >= GUESS_CONFIDENCE]
        seen = sure[0] if sure else unsure[0] if 2 * len(unsure) > len(reads) else None
        if seen is None:
            return ""
    odd = "·".join(dict.fromkeys(_unemittable_in(name, declared)))
    return (f"OCR 모델이 읽을 수 없는 글자({odd})가 있는 자리가 다른 글자({seen[0]})로 읽혔습니다: 서류의 글자를 "
            "눈으로 확인해 주세요")


def _read_whole(name: str, fv: FieldValue) -> bool:
    """A date's read holds its year, month and day in four, two and two digits — certificates print them so, and a
    month read "1" lost a digit (a fax's 11 월: "1] 월" by the page, "1 월" by the crop, bench/ocr.py seed 157) —
    or the six of a 주민등록번호's head; any other field's read counts as it is. (A crop's read may end before 일 or
    keep a colon: only its digits are asked.)"""
    if FIELDS[name].kind != "date" or not fv.words:
        return True
    groups = [len(g) for g in re.findall(r"\d+", " ".join(w.text for w in fv.words))]
    return groups[:3] == [4, 2, 2] or groups[:1] == [6]


def _enlarged_agrees(ex: Extraction, name: str, declared: object) -> bool:
    """The field's crop read once more, enlarged, says the declared value."""
    from pgdocs.ocr.reread import SECOND_CROP_SCALE, reread

    return _says(name, declared, reread(ex, name, scale=SECOND_CROP_SCALE))


def _clean_agrees(ex: Extraction, name: str, declared: object) -> bool:
    """The page read without table rules says the declared value, and so does that field's crop on it."""
    from pgdocs.ocr.reread import clean_reread

    return _clean_says(ex, name, declared) is not None and _says(name, declared, clean_reread(ex, name))


def _clean_says(ex: Extraction, name: str, declared: object) -> tuple[FieldValue, MatchScore] | None:
    """The field as the page read without table rules and shading found it (:func:`pgdocs.ocr.reread.clean_read`,
    read at most once per page), and its score, when it says exactly what was declared; else None."""
    from pgdocs.ocr.reread import clean_read

    page = clean_read(ex)
    cv = page.fields.get(name) if page is not None else None
    matcher = FIELDS[name].matcher
    if cv is None or matcher is None:
        return None
    ms = matcher(declared, cv.value)
    return (cv, ms) if _whole_match(name, declared, cv.value, ms) else None


def _whole_match(name: str, declared: object, found: str, ms: MatchScore) -> bool:
    """A second read's value settles a field only as a whole match: the same text up to spacing, legal forms and
    서울 = 서울특별시-style equivalences, and in a name any syllable the model cannot emit."""
    return ms.status == "match" and (ms.score >= 1.0 or _same_but_unemittable(name, str(declared), found))


def _same_but_unemittable(name: str, declared: str, found: str) -> bool:
    """A name read exactly as declared, except that each syllable Debian's Korean model cannot emit (쿤, 팜 …)
    may be any one syllable (the model writes 쿠 for 쿤): 쿤디자인 ~ 쿠디자인, never 쿤디자인 ~ 쿠디자연."""
    kind = _NAME_KINDS.get(name)
    if kind is None:
        return False
    want, got = name_key(declared, kind=kind), name_key(found, kind=kind)
    odd = set(_unemittable_in(name, declared))
    if not odd or len(want) != len(got):
        return False
    return all(w == g or (w in odd and "가" <= g <= "힣") for w, g in zip(want, got, strict=True))


def masked(name: str, value: str | None) -> str | None:
    """Reasons reach logs, reports and pages: personal values masked (:func:`pgdocs.ocr.spec.mask_value`)."""
    return mask_value(name, value)


def verify(
    path: str | Path,
    record_or_business: RecordLike,
    *,
    kind: Kind = "business_registration",
    annotate: str | Path | None = None,
    timeout: float = tesseract.DEFAULT_TIMEOUT,
) -> VerifyResult:
    """Read ``path`` and compare it with the declared data.

    ``record_or_business``: a :class:`MerchantRecord`, its ``business``, a dict of either,
    or the path of a record JSON. Unreadable input raises :class:`InputError` (exit 2);
    missing Tesseract raises :class:`MissingDependencyError` (exit 4); a Tesseract
    timeout becomes a ``review`` verdict.
    """
    business, record = _business(record_or_business)
    p = Path(path)
    try:
        if kind == "bankbook":
            from pgdocs.ocr.bankbook import verify_bankbook

            res = verify_bankbook(p, record, business, timeout=timeout)
        elif kind == "business_registration":
            res = _verify_certificate(p, business, timeout)
        else:
            raise InputError("VERIFY_BAD_KIND", f"알 수 없는 서류 종류입니다: {kind}")
    except ReviewNeeded as err:
        res = VerifyResult("review", kind, reasons=[err.message], quality={"error": err.code})
    if annotate is not None:
        from pgdocs.ocr.annotate import annotate_result

        annotate_result(res, p, annotate)
    log.info("verify %s: %s", kind, res.verdict)
    return res
