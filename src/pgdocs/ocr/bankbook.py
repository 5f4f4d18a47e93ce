"""Read a 통장 사본 (first page of a passbook, or a bank's account certificate).

Bank books have no fixed layout, so the check is page-wide: the declared
account digits must appear (any hyphenation), the declared holder must appear,
and when a bank's name is printed it must be the declared bank.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from pgdocs.errors import InputError
from pgdocs.ocr import tesseract
from pgdocs.ocr.kind import (
    KindGuess,
    banks_on_page,
    detect_kind,
    mark_page,
    page_for_slot,
    wrong_for_slot,
    wrong_kind_message,
)
from pgdocs.ocr.layout import Line, group_lines
from pgdocs.ocr.load import Document, load_document, load_pdf_image
from pgdocs.ocr.preprocess import Prepared, prepare, unreadable_reason
from pgdocs.record import Business, MerchantRecord

if TYPE_CHECKING:
    from pgdocs.ocr.result import VerifyResult

log = logging.getLogger(__name__)

__all__ = ["banks_on_page", "read_bankbook_text", "verify_bankbook"]

#: one page read: its lines, quality info, the original image and the Prepared (None for a text PDF)
_Read = tuple[list[Line], dict[str, object], Image.Image | None, Prepared | None]


def read_bankbook_text(path: Path, *, timeout: float) -> _Read:
    """Lines of the page, quality info, the original image and the Prepared (or None for text PDFs). In a short
    PDF whose page 1 is another document, the first page that is not (:func:`pgdocs.ocr.kind.page_for_slot`)."""
    doc = load_document(path, want_image=False)
    read, page = page_for_slot(doc, "bankbook", lambda d: _read_page(d, timeout=timeout), _kind_of)
    mark_page(read[1], page, "bankbook")
    return read


def _kind_of(read: _Read) -> KindGuess | None:
    """What the page read looks like; None for a page too small or too poor to read (no kind can be told; a blank
    page was read: nothing)."""
    prep = read[3]
    return None if prep is not None and prep.too_poor else detect_kind(read[0])


def _read_page(doc: Document, *, timeout: float) -> _Read:
    path = doc.path
    if doc.kind == "pdf":
        from pgdocs.ocr.textlayer import looks_sane, pdf_words

        words, _ = pdf_words(doc.data or path.read_bytes(), page=doc.page)
        if looks_sane(words) and re.search(r"\d{2,}", " ".join(w.text for w in words)):
            return group_lines(words), {"source": "text_layer", "warnings": []}, None, None
        load_pdf_image(doc)
    if doc.image is None:  # pragma: no cover
        raise InputError("DOC_UNREADABLE", f"페이지 이미지를 얻지 못했습니다: {path.name}")
    tesseract.ensure_available()
    # passbook pages are often landscape: start upright, turn only when no account number reads
    prep = prepare(doc.image, rotation=0, source_dpi=doc.dpi)
    q = prep.quality()
    q["source"] = "ocr"
    if prep.too_poor:
        q["readable"] = False
        return [], q, doc.image, prep
    words = tesseract.image_to_data(prep.image, psm=4, timeout=timeout)
    lines = group_lines(prep.straighten(words))
    for rotation in (90, 270, 180):
        if any(re.search(r"\d[\d-]{7,}", ln.compact) for ln in lines):
            break
        retry = prepare(doc.image, rotation=rotation, source_dpi=doc.dpi)
        lines2 = group_lines(retry.straighten(tesseract.image_to_data(retry.image, psm=4, timeout=timeout)))
        if sum(len(ln.compact) for ln in lines2) > sum(len(ln.compact) for ln in lines):
            lines, prep = lines2, retry
    q["readable"] = bool(lines)
    return lines, q, doc.image, prep


def _holder_value(lines: list[Line]) -> str | None:
    for ln in lines:
        m = re.search(r"(예금주|성명|고객명|명의)[:：]?(.+)", ln.compact)
        if m:
            return m.group(2).strip(":： ")[:40] or None
    return None


#: Phone-shaped numbers printed on passbooks (branch phone, call centre, the holder's mobile): a
#: mobile 01X-XXXX-XXXX, a landline 0AA-XXX(X)-XXXX with a real area code, a 15XX/16XX/18XX call-centre
#: number. Only the hyphenated shape counts (an account never splits that way with nothing after it);
#: a bare run of digits is left alone, so an account is never dropped for starting with 0.
_PHONE_SHAPED = re.compile(
    r"(?<![\d-])(?:01[016789]-\d{3,4}-\d{4}|0(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)-\d{3,4}-\d{4}"
    r"|1[5-9]\d\d-\d{4})(?![\d-])"
)
#: The label an account number follows on a passbook or an account certificate.
_ACCOUNT_LABEL = re.compile(r"(?:계\s*좌\s*번\s*호|계\s*좌|Account\s*No\.?)[\s:：.]*", re.IGNORECASE)


def without_phones(text: str) -> str:
    """The page text with phone-shaped numbers blanked, so none is taken for the account number.

    >>> without_phones("고객센터 1588-1234 계좌번호 123-456-789012")
    '고객센터 계좌번호 123-456-789012'
    """
    return re.sub(r"[ \t]{2,}", " ", _PHONE_SHAPED.sub(" ", text))


def _account_found(text: str, declared: str) -> str | None:
    """The account number as printed: the declared digits, else the number after 계좌번호, else the
    first long number that is not phone-shaped."""
    text = without_phones(text)
    want = re.sub(r"\D", "", declared)
    for m in re.finditer(r"\d[\d\s-]{5,}\d", text):
        if re.sub(r"\D", "", m.group(0)) == want:
            return m.group(0).strip()
    for label in _ACCOUNT_LABEL.finditer(text):
        after = re.match(r"\d[\d-]{7,}\d", text[label.end():])
        if after:
            return after.group(0)
    cands = [m.group(0) for m in re.finditer(r"\d[\d-]{7,}\d", text)]
    return cands[0] if cands else None


def verify_bankbook(
    path: Path, record: MerchantRecord | None, business: Business, *, timeout: float
) -> VerifyResult:
    from pgdocs.errors import FindingsError
    from pgdocs.ocr import match
    from pgdocs.ocr.result import FieldCheck, VerifyResult, decide, field_status

    acct = record.settlement_account if record is not None else None
    if acct is None or not acct.number:
        raise FindingsError(
            "RECORD_MISSING_FIELDS",
            "통장 사본 대조에 필요한 정산계좌정보(settlement_account.number, holder)가 없습니다.",
            hint="가맹점 정보 파일의 settlement_account 에 은행, 계좌번호, 예금주를 적어 주세요.",
        )
    t0 = time.perf_counter()
    read = read_bankbook_text(path, timeout=timeout)
    lines, quality, image, _ = read
    text = "\n".join(ln.text for ln in lines)
    from pgdocs.ocr.result import wrong_kind_result

    guess = _kind_of(read)
    if guess is not None and wrong_for_slot("bankbook", guess):
        res = wrong_kind_result("bankbook", guess.kind, wrong_kind_message("bankbook", guess),
                                source=str(quality.get("source")), quality=quality, image=image)
        res.quality["kind"] = guess.to_dict()
        res.seconds = time.perf_counter() - t0
        return res
    res = VerifyResult("review", "bankbook", source=str(quality.get("source")), quality=quality, image=image)
    res.detected_kind = guess.kind if guess is not None else None
    if quality.get("readable") is False:
        res.reasons.append(unreadable_reason(quality, missing="계좌번호와 예금주를 찾지 못했습니다."))
    ms = match.match_account(acct.number, without_phones(text))
    res.fields["account_number"] = FieldCheck(acct.number, _account_found(text, acct.number),
                                              field_status(ms.status), ms.score, ms.detail)
    if acct.holder:
        ms = match.match_holder(acct.holder, text, business_name=business.business_name,
                                representative=business.representative)
        status = field_status(ms.status)
        found = _holder_value(lines)
        if found is None and status == "match":
            # the name is on the page but not after a 예금주 label: say what was found, never an empty "일치"
            found = acct.holder
        res.fields["holder"] = FieldCheck(acct.holder, found, status, ms.score, ms.detail)
    if acct.bank:
        from pgdocs.ids import bank as banks

        declared = banks.lookup(acct.bank)
        printed = banks_on_page(text)
        if printed:
            names = sorted(b.name for b in banks.banks() if b.code in printed)
            if declared is not None and declared.code in printed:
                res.fields["bank"] = FieldCheck(acct.bank, declared.name, "match", 1.0, "일치")
            elif declared is not None:
                res.fields["bank"] = FieldCheck(acct.bank, ", ".join(names), "mismatch", 0.0,
                                                "통장에 다른 은행 이름이 있습니다")
            else:
                res.fields["bank"] = FieldCheck(acct.bank, ", ".join(names), "unreadable", 0.0,
                                                "신고한 은행 이름을 알 수 없습니다")
    decide(res)
    res.seconds = time.perf_counter() - t0
    return res
