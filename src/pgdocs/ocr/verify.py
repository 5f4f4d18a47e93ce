"""Verify a 사업자등록증 or 통장 사본 against what the merchant declared.

Verdict rules (issue 4): **pass** only when every declared field matches;
**fail** when any field is a confident mismatch; **review** otherwise (unread,
unverifiable syllables, noisy text). A wrong registration number never passes:
the number is always declared and must match exactly.

Field comparison is :mod:`pgdocs.ocr.match`; reading is :mod:`pgdocs.ocr.extract`
(certificates) and :mod:`pgdocs.ocr.bankbook` (bank books).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pgdocs.errors import ExitCode, InputError, ReviewNeeded
from pgdocs.ocr import tesseract
from pgdocs.record import Business, MerchantRecord, record_from_dict

if TYPE_CHECKING:
    from pgdocs.ocr.extract import Extraction

log = logging.getLogger(__name__)

__all__ = ["FieldCheck", "VerifyResult", "compare_certificate", "verify"]

Kind = Literal["business_registration", "bankbook"]
Verdict = Literal["pass", "fail", "review"]

#: a text-field mismatch read with less mean confidence than this is OCR noise, not evidence
LOW_CONFIDENCE = 0.55
#: …or when at least this share of its words were doubted by Tesseract (conf < 50)
SHAKY_SHARE = 0.2

FIELD_LABELS_KO = {
    "business_number": "사업자등록번호",
    "business_name": "상호(법인명)",
    "representative": "대표자",
    "birth_date": "생년월일",
    "opening_date": "개업연월일",
    "corporate_number": "법인등록번호",
    "address": "사업장 소재지",
    "business_type": "업태",
    "business_item": "종목",
    "account_number": "계좌번호",
    "holder": "예금주",
    "bank": "은행",
}


@dataclass
class FieldCheck:
    declared: str
    found: str | None
    status: Literal["match", "mismatch", "unreadable"]
    score: float
    detail: str = ""
    box: list[int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"declared": self.declared, "found": self.found, "status": self.status,
                "score": round(self.score, 3), "detail": self.detail}


@dataclass
class VerifyResult:
    verdict: Verdict
    kind: Kind
    reasons: list[str] = field(default_factory=list)
    fields: dict[str, FieldCheck] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    source: str = "ocr"
    seconds: float = 0.0
    image: Any = None  #: the page image (PIL) when one was read, for annotation

    @property
    def exit_code(self) -> int:
        return int({"pass": ExitCode.OK, "fail": ExitCode.FINDINGS, "review": ExitCode.REVIEW}[self.verdict])

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "document": self.kind,
            "reasons": list(self.reasons),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "source": self.source,
            "quality": self.quality,
        }


def _business(obj: Any) -> tuple[Business, MerchantRecord | None]:
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


def _check(
    declared: str,
    found: str | None,
    ms: Any,
    *,
    conf: float | None,
    text_field: bool,
    shaky: float = 0.0,
    field: str = "",
) -> FieldCheck:
    status = ms.status
    detail = ms.detail
    if status == "unverifiable":
        status = "unreadable"
    if status != "mismatch" or not text_field or not found:
        return FieldCheck(declared, found, status, float(ms.score), detail)
    noisy = (conf is not None and conf < LOW_CONFIDENCE) or shaky >= SHAKY_SHARE
    want_n, got_n = _digits(declared), _digits(found)
    if field == "address":
        if want_n == got_n:
            # every number (building, floor, unit) agrees and only letters differ: OCR noise on place
            # names is far likelier than a forged address that keeps all numbers; a person decides
            return FieldCheck(declared, found, "unreadable", float(ms.score),
                              f"{detail} — 번지·층·호는 같고 글자만 다르게 읽혔습니다")
        if len(want_n) != len(got_n):
            # numbers missing or extra (a cut-off or noisy line): not the same address read wrongly
            return FieldCheck(declared, found, "unreadable", float(ms.score),
                              f"{detail} — 주소를 끝까지 읽지 못했습니다")
        noisy = False  # as many numbers, and they differ: digits are read reliably
    elif field in ("business_type", "business_item") and _garbled_items(declared, found):
        return FieldCheck(declared, found, "unreadable", float(ms.score),
                          f"{detail} — 여러 항목이 비슷한 글자로 흐리게 읽혔습니다")
    elif field in ("business_name", "representative") and _near_name(declared, found, field):
        return FieldCheck(declared, found, "unreadable", float(ms.score),
                          f"{detail} — 한 글자만 다르게(또는 빠져) 읽혔습니다")
    if noisy:
        return FieldCheck(declared, found, "unreadable", float(ms.score),
                          f"{detail} — 글자가 흐리게 읽혀 확정할 수 없습니다")
    return FieldCheck(declared, found, status, float(ms.score), detail)


#: a name read with at most this many syllables wrong, missing or extra is OCR noise, not another name
#: (names of 6+ syllables: 2). The generator's tampered names differ in 2-13 syllables from the page,
#: so a confident mismatch still needs a clearly different name; a near miss becomes review, never pass.
NEAR_NAME_EDITS = 1
NEAR_NAME_EDITS_LONG = 2


#: 업태/종목 read this close in jamo to the declared list, with its differences spread over several
#: items, is the same list read badly (a fax: 화장품 및 방향제 → 화징줌 및 빙향제초, 0.79); lists of other
#: items score ≤ 0.45 (소매업, 서비스업 / 제조업, 도매업: 0.38)
ITEMS_GARBLED_SIMILAR = 0.7


def _garbled_items(declared: str, found: str) -> bool:
    """Many items off by look-alike glyphs, not one item swapped for another (that stays a mismatch)."""
    from pgdocs.hangul import jamo_similarity
    from pgdocs.ocr.match import _items

    want, got = re.sub(r"[^가-힣]", "", declared), re.sub(r"[^가-힣]", "", found)
    off = sum(1 for item in _items(declared) if item not in got)
    return off >= 2 and jamo_similarity(want, got) >= ITEMS_GARBLED_SIMILAR


#: name fields and the kind of name (:func:`pgdocs.names.name_key`)
_NAME_KINDS = {"business_name": "company", "representative": "person"}


def _near_name(declared: str, found: str, field: str) -> bool:
    """One syllable off (장하나/징하나, 곽성연/성연, ㈜고운/운): Tesseract's usual slips, never evidence."""
    from rapidfuzz.distance import Levenshtein

    from pgdocs.names import name_key

    kind = _NAME_KINDS.get(field, "person")
    a = name_key(declared, kind=kind)
    b = name_key(re.sub(r"외\s*\d+\s*명", "", found), kind=kind)
    limit = NEAR_NAME_EDITS_LONG if len(a) >= 6 else NEAR_NAME_EDITS
    return bool(a and b) and len(a) >= 2 and Levenshtein.distance(a, b) <= limit


def _verify_certificate(path: Path, business: Business, timeout: float) -> VerifyResult:
    from pgdocs.ocr.extract import extract

    return compare_certificate(extract(path, timeout=timeout), business)


def compare_certificate(ex: Extraction, business: Business) -> VerifyResult:
    """Compare an extraction with declared ``business`` data (one read, many records: batch, bench)."""
    from pgdocs.ocr import match

    res = VerifyResult("review", "business_registration", source=ex.source, quality=ex.quality, image=ex.image)
    res.seconds = ex.seconds
    if ex.quality.get("readable") is False:
        why = "; ".join(ex.quality.get("warnings", []) or ["필요한 항목 이름을 찾지 못함"])
        res.reasons.append(f"서류를 읽을 수 없습니다: {why}")
    found = ex.fields

    def fv(name: str) -> tuple[str | None, float | None, float]:
        f = found.get(name)
        return (f.value, f.confidence, f.shaky) if f else (None, None, 0.0)

    # (field, is free text): free-text fields get the low-confidence and garbled-list rules
    checks: list[tuple[str, bool]] = [
        ("business_number", False),
        ("business_name", True),
        ("representative", True),
        ("birth_date", False),
        ("opening_date", False),
        ("corporate_number", False),
        ("address", True),
        ("business_type", True),
        ("business_item", True),
    ]
    entity = ex.page.entity or business.entity
    for name, text_field in checks:
        declared = getattr(business, name)
        fn = match.FIELD_MATCHERS[name]
        if declared is None:
            continue
        # a 법인 certificate prints no 생년월일, an individual's no 법인등록번호 (DOMAIN §5.2)
        if (name == "birth_date" and entity == "corporation") or (
            name == "corporate_number" and entity == "individual"
        ):
            continue
        value, conf, shaky = fv(name)
        ms = fn(declared, value)
        fc = _check(_text(declared), value, ms, conf=conf, text_field=text_field, shaky=shaky, field=name)
        if fc.status == "unreadable":
            fc = _second_look(ex, name, fc, declared, fn) or fc
        fc.box = ex.box(name)
        res.fields[name] = fc
    _decide(res)
    return res


def _second_look(ex: Extraction, name: str, fc: FieldCheck, declared: object, fn: Any) -> FieldCheck | None:
    """An unreadable field read again from its own crop: only a clean match replaces the first read.

    A re-read that disagrees changes nothing (the field stays unreadable → review), so a second look
    can turn review into pass for a genuine page but never review into fail, nor let a record differing
    from the page through: both reads are of the same page.
    """
    from pgdocs.ocr.reread import REREAD_FIELDS, reread

    if name not in REREAD_FIELDS:
        return None
    fv = reread(ex, name)
    if fv is None:
        return None
    ms = fn(declared, fv.value)
    if ms.status != "match" or (ms.score < 1.0 and not _same_but_unemittable(name, str(declared), fv.value)):
        # only a whole match: the same text up to spacing, legal forms and 서울 = 서울특별시-style equivalences,
        # and in a name any syllable the model cannot emit. The first read's tolerance for one OCR confusion
        # (김하늘 ~ 김하눌) does not apply to a second read.
        return None
    return FieldCheck(fc.declared, fv.value, "match", float(ms.score), f"{ms.detail} (칸을 따로 다시 읽음)")


def _same_but_unemittable(name: str, declared: str, found: str) -> bool:
    """A name read exactly as declared, except that each syllable Debian's Korean model cannot emit (쿤, 팜 …)
    may be any one syllable (the model writes 쿠 for 쿤): 쿤디자인 ~ 쿠디자인, never 쿤디자인 ~ 쿠디자연."""
    from pgdocs.names import name_key
    from pgdocs.ocr.charset import unrepresentable

    kind = _NAME_KINDS.get(name)
    if kind is None:
        return False
    want, got = name_key(declared, kind=kind), name_key(found, kind=kind)
    odd = set(unrepresentable(want))
    if not odd or len(want) != len(got):
        return False
    return all(w == g or (w in odd and "가" <= g <= "힣") for w, g in zip(want, got, strict=True))


def _decide(res: VerifyResult) -> None:
    statuses = [f.status for f in res.fields.values()]
    for name, f in res.fields.items():
        if f.status == "match":
            continue
        label = FIELD_LABELS_KO.get(name, name)
        shown = masked(name, f.found)
        declared = masked(name, f.declared)
        if f.status == "mismatch":
            res.reasons.append(f"{label} 불일치: 신고 '{declared}', 서류 '{shown}' ({f.detail})")
        else:
            res.reasons.append(f"{label} 확인 필요: {f.detail}" + (f" (읽은 값 '{shown}')" if shown else ""))
    if "mismatch" in statuses:
        res.verdict = "fail"
    elif statuses and all(s == "match" for s in statuses) and res.quality.get("readable") is not False:
        res.verdict = "pass"
    else:
        res.verdict = "review"


def masked(name: str, value: str | None) -> str | None:
    """Reasons reach logs, reports and pages: birth dates and account numbers are masked there."""
    if value is None:
        return None
    if name == "birth_date":
        return _mask_date(value)
    if name == "account_number":
        from pgdocs.mask import mask_account

        return mask_account(value)
    return value


def _mask_date(v: str) -> str:
    from pgdocs.mask import mask_birth_date

    try:
        return str(mask_birth_date(v))
    except (ValueError, TypeError):
        return "****-**-**"


def verify(
    path: str | Path,
    record_or_business: Any,
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
