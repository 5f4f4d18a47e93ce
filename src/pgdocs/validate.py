"""Validate a merchant record: every identifier it holds, as findings with stable codes.

:func:`validate_record` checks only what the record has, plus the few fields
required by type (``corporate_number`` for a corporation). Messages are Korean,
name the field, and never echo a full phone or account number.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from pgdocs.findings import Finding, Severity
from pgdocs.hangul import particle
from pgdocs.ids import bank, brn, crn, email, mid, phone, postal, toss, url
from pgdocs.ids._exceptions import InvalidChecksum
from pgdocs.mask import mask_account, mask_phone
from pgdocs.record import MerchantRecord, field_label
from pgdocs.rulebook import pg_of

__all__ = ["summarize", "validate_record"]

log = logging.getLogger(__name__)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
ChecksumPolicy = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class _Ctx:
    record: MerchantRecord
    today: dt.date
    brn_checksum: Severity


Check = Callable[[_Ctx], Iterator[Finding]]


def _short(value: str, limit: int = 40) -> str:
    """A user value shortened for echoing in a message."""
    return value if len(value) <= limit else value[:limit] + "…"


def _f(code: str, path: str, sev: Severity, message: str, hint: str | None = None) -> Finding:
    return Finding(code=code, path=path, severity=sev, message=f"{field_label(path)}: {message}", hint=hint)


def _check_brn(c: _Ctx) -> Iterator[Finding]:
    path = "business.business_number"
    b = c.record.business
    try:
        number = brn.validate(b.business_number)
    except InvalidChecksum:
        yield _f("BRN_CHECKSUM", path, c.brn_checksum,
                 f"{brn.format(b.business_number)}의 검증번호(마지막 자리)가 맞지 않습니다. "
                 "잘못 적은 숫자가 있는지 보세요.",
                 "사업자등록증의 번호와 한 자리씩 비교하세요. 번호가 정말 맞다면 --brn-checksum warning 으로 "
                 "이 검사를 경고로 낮출 수 있습니다.")
        number = brn.compact(b.business_number)
    except ValueError as exc:
        yield _f("BRN_FORMAT", path, E, str(exc),
                 "사업자등록증에 적힌 ###-##-##### 형식의 번호를 적어 주세요.")
        return
    k = brn.kind(number)
    if k.entity_class == "organisation":
        yield _f("BRN_ORGANISATION", path, INFO,
                 f"가운데 두 자리 {k.code}는 {k.label}(고유번호)입니다. "
                 "개인/법인 중 어떤 서류가 필요한지 PG사에 확인하세요.")
    elif k.entity_class != b.entity:
        want = "개인사업자" if b.entity == "individual" else "법인사업자"
        yield _f("BRN_ENTITY_MISMATCH", path, W,
                 f"가운데 두 자리 {k.code}는 {k.label} 번호인데, 사업자 유형은 {want}로 적혀 있습니다.",
                 "사업자 유형(business.entity)과 사업자등록번호 중 하나가 잘못되었을 수 있습니다.")
    if b.tax_type is not None and b.entity == "individual" and k.entity_class == "individual":
        exempt_number = k.code >= "90"
        if exempt_number != (b.tax_type == "exempt"):
            tax = {"general": "일반과세자", "simple": "간이과세자", "exempt": "면세사업자"}[b.tax_type]
            yield _f("BRN_TAX_TYPE_MISMATCH", "business.tax_type", W,
                     f"사업자등록번호 가운데 두 자리 {k.code}는 {k.label} 번호인데, "
                     f"과세 유형은 {tax}로 적혀 있습니다.",
                     "과세 유형이 바뀐 사업자라면 사업자등록증의 표기를 따르세요.")
    if b.entity == "corporation" and b.tax_type == "simple":
        yield _f("TAX_TYPE_SIMPLE_CORPORATION", "business.tax_type", W, "법인은 간이과세자가 될 수 없습니다.")


def _check_crn(c: _Ctx) -> Iterator[Finding]:
    path = "business.corporate_number"
    b = c.record.business
    if b.corporate_number is None:
        if b.entity == "corporation":
            yield _f("CRN_REQUIRED", path, E, "법인사업자는 법인등록번호(13자리)가 필요합니다.",
                     "법인등기부등본이나 사업자등록증에 적힌 ######-####### 번호를 적어 주세요.")
        return
    try:
        crn.validate(b.corporate_number)
    except InvalidChecksum:
        # A warning, not an error: 법인등록번호 issued since 2025-01-31 no longer carry a valid
        # check digit (the last digit became part of the serial), so a failed digit proves nothing.
        yield _f("CRN_CHECKSUM", path, W,
                 "법인등록번호 마지막 자리(검증번호)가 계산과 맞지 않습니다. 2025년 1월 31일 이후 "
                 "발급된 번호는 검증번호가 없어 이렇게 나올 수 있으니, 등기부등본과 한 자리씩 맞춰 보세요.")
    except ValueError as exc:
        yield _f("CRN_FORMAT", path, E, str(exc))
    if b.entity == "individual":
        yield _f("CRN_UNEXPECTED", path, W,
                 "개인사업자에게는 법인등록번호가 없습니다. 사업자 유형을 확인하세요.")


#: (path, role): managers must give a mobile (error), representatives should (warning),
#: a company phone should not be one (warning).
_PHONES: tuple[tuple[str, str], ...] = (
    ("manager.phone", "manager"),
    ("representative_contact.phone", "representative"),
    ("business.phone", "company"),
)


def _check_phones(c: _Ctx) -> Iterator[Finding]:
    for path, role in _PHONES:
        value = c.record.get_text(path)
        if value is None:
            continue
        shown = _short(mask_phone(value))
        try:
            kind = phone.number_type(value)
        except ValueError:
            yield _f("PHONE_INVALID", path, E, f"{shown}{particle(shown, '은')} 올바른 국내 전화번호가 아닙니다.",
                     "지역번호나 010을 포함해 적어 주세요 (예: 010-1234-5678, 02-123-4567).")
            continue
        label = phone.TYPE_LABELS.get(kind, kind)
        if role == "company":
            if kind == "mobile":
                yield _f("COMPANY_PHONE_MOBILE", path, W,
                         f"{shown}{particle(shown, '은')} 휴대폰 번호입니다. "
                         "카드사 심사에서 쇼핑몰 하단 전화번호가 휴대폰이면 반려될 수 있습니다.",
                         "일반 전화, 070 인터넷 전화나 대표번호를 적는 것이 좋습니다.")
            continue
        if kind != "mobile":
            sev = E if role == "manager" else W
            who = "담당자" if role == "manager" else "대표자"
            yield _f("PHONE_NOT_MOBILE", path, sev,
                     f"{shown}{particle(shown, '은')} {label} 번호입니다. "
                     f"{who} 연락처는 휴대폰 번호여야 합니다 (PG사가 휴대폰번호를 요구합니다).")
        elif phone.is_legacy_mobile(value):
            yield _f("PHONE_LEGACY", path, INFO,
                     f"{shown}{particle(shown, '은')} 예전 형식의 휴대폰 번호입니다. "
                     "지금 쓰는 번호인지 확인하세요.")


def _check_emails(c: _Ctx) -> Iterator[Finding]:
    for path in ("representative_contact.email", "manager.email"):
        value = c.record.get_text(path)
        if value is None:
            continue
        try:
            email.validate(value)
        except ValueError as exc:
            yield _f("EMAIL_INVALID", path, E, str(exc), "예: hong@example.com 처럼 적어 주세요.")


def _check_account(c: _Ctx) -> Iterator[Finding]:
    acct = c.record.settlement_account
    if acct is None:
        return
    b = None
    if acct.bank is not None:
        b = bank.lookup(acct.bank)
        if b is None:
            yield _f("BANK_UNKNOWN", "settlement_account.bank", W,
                     f"'{_short(acct.bank)}'{particle(_short(acct.bank), '은')} pgdocs 은행 목록에 없는 이름입니다.",
                     "통장 사본에 적힌 은행 이름을 적어 주세요 (예: KB국민은행, 신한은행, 카카오뱅크).")
    if acct.number is not None:
        shown = _short(mask_account(acct.number))
        try:
            bank.validate_account(acct.number)
        except ValueError as exc:
            yield _f("ACCOUNT_FORMAT", "settlement_account.number", E, f"{shown}: {exc}")
        else:
            if b is not None and not bank.account_length_ok(b, acct.number):
                n = len(bank.compact_account(acct.number))
                lengths = ", ".join(str(x) for x in b.account_lengths)
                yield _f("ACCOUNT_LENGTH", "settlement_account.number", W,
                         f"{shown}{particle(shown, '은')} {n}자리인데, {b.name} 계좌는 보통 {lengths}자리입니다.",
                         "통장 사본의 계좌번호와 은행을 다시 확인하세요.")
    if acct.holder is not None:
        biz = c.record.business
        if not bank.holder_matches(
            acct.holder, business_name=biz.business_name, representative=biz.representative
        ):
            yield _f("HOLDER_MISMATCH", "settlement_account.holder", W,
                     f"예금주 '{_short(acct.holder)}'{particle(_short(acct.holder), '이')} "
                     f"상호 '{_short(biz.business_name)}'와도, "
                     "대표자와도 다릅니다.",
                     "정산계좌는 보통 사업자(상호 또는 대표자) 명의여야 합니다. "
                     "통장 사본의 예금주를 확인하세요.")


def _check_postal(c: _Ctx) -> Iterator[Finding]:
    biz = c.record.business
    path = "business.postal_code"
    if biz.postal_code is None:
        return
    try:
        code = postal.validate(biz.postal_code)
    except postal.OldPostalCode:
        yield _f("POSTAL_OLD", path, E,
                 f"{biz.postal_code}{particle(biz.postal_code, '은')} 예전 6자리 우편번호입니다.",
                 "2015년 8월 1일부터 5자리 우편번호(국가기초구역번호)를 씁니다. "
                 "도로명주소 안내시스템(juso.go.kr)에서 새 우편번호를 찾아 주세요.")
        return
    except ValueError as exc:
        yield _f("POSTAL_FORMAT", path, E, str(exc))
        return
    if biz.address:
        want = postal.address_region(biz.address)
        got = postal.region(code)
        if want is not None and got is not None and want != got:
            yield _f("POSTAL_REGION_MISMATCH", path, W,
                     f"우편번호 {code}는 {got} 지역 번호인데, 주소는 {want}{particle(want, '으로')} 시작합니다.",
                     "우편번호나 주소 중 하나가 잘못되었을 수 있습니다.")


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_dates(c: _Ctx) -> Iterator[Finding]:
    biz = c.record.business
    if biz.birth_date is not None:
        age = _age(biz.birth_date, c.today)
        if not 14 <= age <= 110:
            yield _f("BIRTH_DATE_RANGE", "business.birth_date", E,
                     f"{biz.birth_date.year}년생은 만 {age}세입니다. "
                     "대표자 생년월일을 확인하세요 (만 14~110세).")
    if biz.opening_date is not None and biz.opening_date > c.today:
        yield _f("OPENING_DATE_FUTURE", "business.opening_date", E,
                 f"{biz.opening_date.isoformat()}{particle(biz.opening_date.isoformat(), '은')} "
                 f"오늘({c.today.isoformat()}) 이후입니다.")
    contract = c.record.get("pg_account.contract_date")
    if isinstance(contract, dt.date):
        if contract > c.today:
            yield _f("CONTRACT_DATE_FUTURE", "pg_account.contract_date", E,
                     f"{contract.isoformat()}{particle(contract.isoformat(), '은')} "
                     f"오늘({c.today.isoformat()}) 이후입니다.")
        elif biz.opening_date is not None and contract < biz.opening_date:
            yield _f("CONTRACT_BEFORE_OPENING", "pg_account.contract_date", W,
                     f"계약 완료일 {contract.isoformat()}{particle(contract.isoformat(), '이')} "
                     f"개업연월일 {biz.opening_date.isoformat()}보다 앞섭니다.")


def _check_url(c: _Ctx) -> Iterator[Finding]:
    value = c.record.site_url
    if value is None:
        return
    try:
        url.validate(value)
    except ValueError as exc:
        yield _f("URL_INVALID", "site_url", E, str(exc), "예: myshop.co.kr 또는 https://myshop.imweb.me")
        return
    if url.is_test_host(value):
        yield _f("URL_TEST_HOST", "site_url", W,
                 "개발·테스트용으로 보이는 주소입니다(dev/test/staging). 카드사 심사에서 반려될 수 있습니다.")


def _check_mids(c: _Ctx) -> Iterator[Finding]:
    if c.record.pg is None:
        return
    pg = pg_of(c.record.pg)
    shaped = pg.id in mid.shapes()  # a PG without observed shapes (a new one): only the test MIDs are known
    for path in ("pg_account.existing_mid", "pg_account.new_mid", *pg.mid_fields):
        value = c.record.get_text(path)
        if value is None:
            continue
        if mid.is_test_mid(pg.id, value):
            yield _f("MID_TEST", path, W,
                     f"'{_short(value)}'{particle(_short(value), '은')} {pg.name}의 테스트용 MID입니다. "
                     "실제 발급받은 MID를 적어 주세요.")
            continue
        problem = mid.check(pg.id, value) if shaped else None
        if problem:
            yield _f("MID_SHAPE", path, W, f"'{_short(value)}': {problem}",
                     "MID 형식은 공개되어 있지 않아 경고만 합니다. "
                     "PG사 관리자 화면의 값과 같은지 확인하세요.")


def _check_pg_rules(c: _Ctx) -> Iterator[Finding]:
    """What only some PGs need, as their rulebook files declare it: a field only another PG uses, then the checks
    of the record's PG and of any PG whose own fields the record fills (typed keys are checked whatever the PG)."""
    from pgdocs.rulebook import load_rulebook
    from pgdocs.rulebook.hooks import validation_check

    pgs = load_rulebook().pgs
    own = pgs.get(c.record.pg) if c.record.pg else None
    names = list(own.validation) if own else []
    for other in pgs.values():
        filled = [p for p in other.own_fields if c.record.get(p) is not None]
        if not filled or other is own:
            continue
        names.extend(n for n in other.validation if n not in names)
        if own is not None:
            for path in filled:
                yield _f(f"{path.rsplit('.', 1)[-1].upper()}_UNUSED", path, INFO,
                         f"PG사가 {own.name}인데 {other.name}에만 쓰는 값이 적혀 있습니다. 필요 없다면 지우세요.")
    for name in names:
        yield from validation_check(name)(c.record)


def check_star_url(record: MerchantRecord) -> Iterator[Finding]:
    """The site address as the PG's form wants it: ``*`` before the host (rulebook hook ``star_url``)."""
    value = record.site_url
    if value is None or record.pg is None or not url.is_valid(value):
        return
    pg = pg_of(record.pg)
    hosting = pg.form_values.get("hosting_info", "*아임웹")
    yield _f("INICIS_URL", "site_url", INFO,
             f"{pg.name} MID 추가 양식의 URL 칸에는 '{url.inicis_url(value)}'처럼 앞에 *를 붙여 적습니다 "
             f"(호스팅정보는 '{hosting}').")


def check_api_keys(record: MerchantRecord) -> Iterator[Finding]:
    """The PG's clientKey/apiKey pair: format, role, docs sample, pair, test or live (rulebook hook ``api_keys``)."""
    keys = record.get("pg_account.toss_keys")
    if keys is None:
        return
    parsed: dict[str, toss.TossKey] = {}
    for attr, want, label in (("client_key", "client", "clientKey"), ("api_key", "secret", "apiKey")):
        value = getattr(keys, attr)
        if value is None:
            continue
        path = f"pg_account.toss_keys.{attr}"
        try:
            k = toss.parse(value)
        except ValueError as exc:
            yield _f("TOSS_KEY_FORMAT", path, E, str(exc),
                     "토스페이먼츠 상점관리자 > 개발자센터에서 키를 복사하세요.")
            continue
        if k.docs:
            yield _f("TOSS_DOCS_KEY", path, E,
                     "토스페이먼츠 개발자 문서의 공개 예시 키입니다. 이 상점의 키가 아닙니다.",
                     "상점관리자 > 개발자센터에서 이 상점의 키를 복사하세요.")
            continue
        if k.role != want:
            other = "시크릿 키(…_sk_ / …_gsk_)" if want == "secret" else "클라이언트 키(…_ck_ / …_gck_)"
            yield _f("TOSS_KEY_ROLE", path, E,
                     f"{label} 칸에 {k.label}가 들어 있습니다. 이 칸에는 {other}를 적어야 합니다.")
            continue
        parsed[attr] = k
    if "client_key" in parsed and "api_key" in parsed:
        for code, message in toss.pair_problems(parsed["client_key"], parsed["api_key"]):
            yield _f(code, "pg_account.toss_keys", E, message)
    if any(k.mode == "test" for k in parsed.values()):
        yield _f("TOSS_TEST_KEY", "pg_account.toss_keys", W,
                 "테스트용 인증키입니다. " + toss.FOLLOW_UP,
                 "라이브 키(live_…)를 받으면 아임웹 채팅상담 > 결제설정에서 키 변경을 요청하세요.")


#: free-text fields printed on the form, the cover sheet, the labels and the e-mail
PRINTED_FIELDS = (
    "business.business_name", "business.representative", "business.address", "business.business_type",
    "business.business_item", "manager.name", "settlement_account.holder",
)


def _plain(ch: str) -> bool:
    """ASCII or a Hangul syllable: always printable, no font lookup needed."""
    return " " <= ch <= "~" or "\uac00" <= ch <= "\ud7a3"


def _check_text(c: _Ctx) -> Iterator[Finding]:
    """Line breaks and characters the embedded Korean font cannot print (emoji, rare symbols)."""
    for path in PRINTED_FIELDS:
        value = c.record.get(path)
        if not isinstance(value, str) or all(_plain(ch) for ch in value):
            continue
        hidden = sorted({f"U+{ord(ch):04X}" for ch in value if unicodedata.category(ch) == "Cf"})
        if hidden:  # bidi overrides (U+202E shows "abc" as "cba"), zero-width characters: text that lies
            yield _f("TEXT_UNPRINTABLE", path, E,
                     f"보이지 않는 서식 문자({', '.join(hidden)})가 들어 있습니다. 글자 순서를 바꿔 보이게 하거나 "
                     "보이지 않는 글자라 신청서에 그대로 쓸 수 없습니다.",
                     "사업자등록증을 보며 그 칸을 지우고 직접 다시 입력해 주세요 (복사해 붙여넣지 말고).")
            continue
        if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
            yield _f("TEXT_LINE_BREAK", path, W,
                     "줄바꿈이나 탭 같은 제어 문자가 들어 있습니다. 신청서·라벨·메일에서 줄이 어긋날 수 있습니다.",
                     "엑셀 칸 안의 줄바꿈(Alt+Enter)을 지우고 한 줄로 적어 주세요.")
        from pgdocs.pdffonts import missing_glyphs  # reportlab: only for unusual text

        missing = missing_glyphs("".join(ch for ch in value if not _plain(ch)))
        if missing:
            yield _f("TEXT_UNPRINTABLE", path, W,
                     f"인쇄용 한글 글꼴(NanumGothic)에 없는 글자가 있습니다: {' '.join(missing)}",
                     "이모지나 특수문자를 빼고 사업자등록증에 적힌 그대로 적어 주세요.")


CHECKS: tuple[Check, ...] = (
    _check_brn, _check_crn, _check_dates, _check_postal, _check_phones, _check_emails,
    _check_account, _check_url, _check_mids, _check_pg_rules, _check_text,
)


def validate_record(
    record: MerchantRecord, *, today: dt.date | None = None, brn_checksum: ChecksumPolicy = "error"
) -> list[Finding]:
    """Every finding for ``record``, in field order.

    ``brn_checksum="warning"`` downgrades a failed 사업자등록번호 check digit to a warning (a few real
    numbers fail it).
    """
    if brn_checksum not in ("error", "warning"):
        raise ValueError(f"brn_checksum must be 'error' or 'warning', not {brn_checksum!r}")
    ctx = _Ctx(record=record, today=today or dt.date.today(), brn_checksum=Severity(brn_checksum))
    findings = [f for check in CHECKS for f in check(ctx)]
    log.debug("validate_record: %d findings (%s)", len(findings), ", ".join(f.code for f in findings))
    return findings


def summarize(findings: list[Finding]) -> dict[str, int]:
    """Counts per severity: ``{"error": n, "warning": n, "info": n}``."""
    out = {str(s): 0 for s in Severity}
    for f in findings:
        out[str(f.severity)] += 1
    return out
