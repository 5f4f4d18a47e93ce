"""Ask the NTS registry about merchants and turn its answers into findings.

Only trusted identity fields leave the machine (docs/identifiers.md#nts-api): the 사업자등록번호 always; with
``validate`` also the 개업일 and the 대표자 the merchant declared, and — when declared — the 상호 and the
법인등록번호. Never anything read from a document by OCR (업태, 종목, 주소 are too noisy to send), never phones,
accounts, birth dates or e-mail.

:func:`check_many` groups numbers 100 to a call, caches each number's answer for the run (the cache file lets
``batch --resume`` reuse it), and marks only the rows of a call that failed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pgdocs.findings import Finding, Severity
from pgdocs.jsonio import JSONObject, JSONValue, Report
from pgdocs.registry.client import MAX_PER_CALL, NtsClient, RegistryError
from pgdocs.text import ascii_digits

if TYPE_CHECKING:
    from pgdocs.record import Business, MerchantRecord

log = logging.getLogger(__name__)

NUMBER_PATH = "business.business_number"
CACHE_NAME = ".pgdocs-nts-cache.json"

#: b_stt_cd → Korean status
STATUS_KO = {"01": "계속사업자", "02": "휴업자", "03": "폐업자"}
#: tax_type_cd → the record's tax_type it agrees with (None: no record value corresponds)
TAX_TYPE_OF = {"01": "general", "02": "simple", "03": "general", "04": "exempt", "05": None, "06": None,
               "07": "simple"}
TAX_TYPE_KO = {"general": "일반과세자", "simple": "간이과세자", "exempt": "면세사업자"}
#: what each /validate input is called for a person
SENT_KO = {"b_no": "사업자등록번호", "start_dt": "개업일", "p_nm": "대표자", "b_nm": "상호", "corp_no": "법인등록번호"}


@dataclass(frozen=True)
class Identity:
    """The trusted identity fields of one merchant (what may be sent)."""

    number: str  #: 10 ASCII digits
    opening_date: date | None = None
    representative: str | None = None
    business_name: str | None = None
    corporate_number: str | None = None
    tax_type: str | None = None  #: the record's (never sent; compared with the answer)

    @classmethod
    def of(cls, business: Business) -> Identity:
        corp = ascii_digits(str(business.corporate_number or ""))
        return cls(number=ascii_digits(str(business.business_number or "")),
                   opening_date=business.opening_date, representative=business.representative or None,
                   business_name=business.business_name or None,
                   corporate_number=corp if len(corp) == 13 else None, tax_type=business.tax_type)

    def validate_request(self) -> dict[str, str] | None:
        """The ``/validate`` item, or None when the required 개업일 or 대표자 is missing."""
        if self.opening_date is None or not self.representative:
            return None
        item = {"b_no": self.number, "start_dt": self.opening_date.strftime("%Y%m%d"),
                "p_nm": self.representative[:30]}
        if self.business_name:
            item["b_nm"] = self.business_name[:200]
        if self.corporate_number:
            item["corp_no"] = self.corporate_number
        return item


@dataclass
class Answer:
    """What the registry said about one number (cached per run)."""

    status: JSONObject | None = None  #: the /status item
    validate: JSONObject | None = None  #: the /validate item
    validate_key: str = ""  #: hash of the /validate item the answer is for
    error: dict[str, str | None] | None = None  #: the call for this number failed (code, message, hint)

    def to_dict(self) -> Report:
        return {"status": self.status, "validate": self.validate, "validate_key": self.validate_key,
                "error": self.error}


@dataclass
class Cache:
    """Answers per number, optionally kept in a file (``OUT/.pgdocs-nts-cache.json``) for ``--resume``."""

    path: Path | None = None
    answers: dict[str, Answer] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Cache:
        cache = cls(path)
        if path is None or not path.is_file():
            return cache
        try:
            raw: JSONValue = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            log.info("NTS cache unreadable; asking again")
            return cache
        if isinstance(raw, dict):
            for number, a in raw.items():
                if isinstance(a, dict) and a.get("error") is None:  # failed calls are asked again
                    cache.answers[str(number)] = Answer(_item(a.get("status")), _item(a.get("validate")),
                                                        str(a.get("validate_key") or ""))
        return cache

    def save(self) -> None:
        if self.path is None:
            return
        from pgdocs.fsio import atomic_write_text

        data = {n: a.to_dict() for n, a in self.answers.items() if a.error is None}
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))


def _item(value: JSONValue) -> JSONObject | None:
    """A cached answer's item: a JSON object, or None (not asked, or a cache file someone edited)."""
    return value if isinstance(value, dict) else None


def _key(item: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


_T = TypeVar("_T")


def _groups(items: Sequence[_T], size: int = MAX_PER_CALL) -> Iterable[Sequence[_T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ask(client: NtsClient, identities: Sequence[Identity], *, validate: bool = False,
        cache: Cache | None = None) -> dict[str, Answer]:
    """Ask the registry about every distinct number (grouped 100 to a call); a failed call marks only its numbers.

    A refused key or an exhausted quota stops everything (:class:`RegistryError`): every later call would fail
    the same way.
    """
    cache = cache if cache is not None else Cache()
    by_number = {i.number: i for i in identities if len(i.number) == 10}
    need_status = [n for n in by_number if cache.answers.get(n) is None or cache.answers[n].status is None]
    for group in _groups(need_status):
        try:
            items = client.status(group)
        except RegistryError as exc:
            if exc.code in ("NTS_BAD_KEY", "NTS_QUOTA"):
                raise
            for n in group:
                cache.answers[n] = Answer(error={"code": exc.code, "message": exc.message, "hint": exc.hint})
            continue
        got = {ascii_digits(str(it.get("b_no", ""))): it for it in items}
        for n in group:
            cache.answers.setdefault(n, Answer()).status = got.get(n, {"b_no": n, "b_stt_cd": ""})
    if validate:
        todo: list[tuple[str, dict[str, str]]] = []
        for n, ident in by_number.items():
            req = ident.validate_request()
            ans = cache.answers.setdefault(n, Answer())
            if req is None or ans.error is not None:
                continue
            if ans.validate is None or ans.validate_key != _key(req):
                todo.append((n, req))
        for pairs in _groups(todo):
            try:
                items = client.validate([item for _, item in pairs])
            except RegistryError as exc:
                if exc.code in ("NTS_BAD_KEY", "NTS_QUOTA"):
                    raise
                for n, _ in pairs:
                    cache.answers[n].error = {"code": exc.code, "message": exc.message, "hint": exc.hint}
                continue
            got = {ascii_digits(str(it.get("b_no", ""))): it for it in items}
            for n, item in pairs:
                cache.answers[n].validate = got.get(n, {"b_no": n, "valid": ""})
                cache.answers[n].validate_key = _key(item)
    cache.save()
    return {n: cache.answers[n] for n in by_number if n in cache.answers}


def _date(text: object) -> str:
    s = ascii_digits(str(text or ""))
    return f"{s[:4]}-{s[4:6]}-{s[6:8]}" if len(s) == 8 else ""


def findings_for(ident: Identity, answer: Answer | None, *, validate: bool = False) -> list[Finding]:
    """The findings for one merchant from the registry's answer."""
    out: list[Finding] = []
    if len(ident.number) != 10:
        return [Finding("NTS_NOT_ASKED", NUMBER_PATH, Severity.WARNING,
                        "사업자등록번호가 10자리가 아니어서 국세청에 조회하지 않았습니다.")]
    if answer is None:
        return [Finding("NTS_NOT_ASKED", NUMBER_PATH, Severity.WARNING, "국세청에 조회하지 못했습니다.")]
    if answer.error is not None:
        return [Finding(str(answer.error.get("code") or "NTS_UNREACHABLE"), NUMBER_PATH, Severity.ERROR,
                        str(answer.error.get("message") or "국세청 조회에 실패했습니다."),
                        answer.error.get("hint"))]
    st = answer.status or {}
    code = str(st.get("b_stt_cd") or "")
    if code == "03":
        end = _date(st.get("end_dt"))
        out.append(Finding("NTS_CLOSED", NUMBER_PATH, Severity.ERROR,
                           f"국세청에 폐업한 사업자로 나옵니다{f' (폐업일 {end})' if end else ''}.",
                           "폐업한 사업자로는 결제대행(PG) 계약을 이어 쓸 수 없습니다. 사업자등록번호를 확인하세요."))
    elif code == "02":
        out.append(Finding("NTS_SUSPENDED", NUMBER_PATH, Severity.ERROR, "국세청에 휴업 중인 사업자로 나옵니다.",
                           "휴업 중에는 결제대행(PG) 심사가 멈출 수 있습니다. 영업을 다시 시작했다면 세무서에 "
                           "재개업 신고를 했는지 확인하세요."))
    elif code == "01":
        tax_cd = str(st.get("tax_type_cd") or "")
        tax = str(st.get("tax_type") or "").replace("부가가치세 ", "")
        out.append(Finding("NTS_ACTIVE", NUMBER_PATH, Severity.INFO,
                           f"국세청: 계속사업자{f' ({tax})' if tax else ''}."))
        nts_tax = TAX_TYPE_OF.get(tax_cd)
        if ident.tax_type and nts_tax and nts_tax != ident.tax_type:
            out.append(Finding("NTS_TAX_TYPE_DIFFERS", "business.tax_type", Severity.WARNING,
                               f"과세 유형이 다릅니다: 적은 것은 {TAX_TYPE_KO.get(ident.tax_type, ident.tax_type)}, "
                               f"국세청에는 {tax or TAX_TYPE_KO.get(nts_tax, nts_tax)}.",
                               "과세 유형이 바뀌었다면 새 사업자등록증을 받아 다시 올려 주세요."))
    else:
        out.append(Finding("NTS_NOT_REGISTERED", NUMBER_PATH, Severity.ERROR,
                           "국세청에 등록되지 않은 사업자등록번호입니다.",
                           "번호를 다시 확인하세요. 새로 등록한 사업자는 1–2일 뒤부터 조회됩니다."))
    if validate:
        out.extend(_validate_findings(ident, answer))
    return out


def _validate_findings(ident: Identity, answer: Answer) -> list[Finding]:
    req = ident.validate_request()
    if req is None:
        return [Finding("NTS_VALIDATE_SKIPPED", "business.opening_date", Severity.WARNING,
                        "개업일과 대표자가 모두 있어야 국세청 진위확인을 할 수 있어 하지 않았습니다.")]
    v = answer.validate or {}
    sent = ", ".join(SENT_KO[k] for k in req)
    if v.get("valid") == "01":
        return [Finding("NTS_VALIDATE_MATCH", NUMBER_PATH, Severity.INFO,
                        f"국세청 진위확인: 일치 ({sent}).")]
    if v.get("valid") == "02":
        return [Finding("NTS_MISMATCH", NUMBER_PATH, Severity.ERROR,
                        f"국세청 진위확인: 보낸 정보({sent})가 국세청 기록과 맞지 않습니다.",
                        "사업자등록증에 적힌 개업연월일, 대표자 이름, 상호를 그대로 적었는지 확인하세요.")]
    return [Finding("NTS_BAD_REPLY", NUMBER_PATH, Severity.WARNING,
                    "국세청 진위확인 결과를 받지 못했습니다.", "잠시 뒤 다시 하세요.")]


def check_businesses(businesses: Sequence[Business], *, validate: bool = False, client: NtsClient | None = None,
                     cache: Cache | None = None) -> list[list[Finding]]:
    """Findings per business (``record.business`` objects), in order; one registry round for all of them."""
    client = client or NtsClient()
    idents = [Identity.of(b) for b in businesses]
    answers = ask(client, idents, validate=validate, cache=cache)
    return [findings_for(i, answers.get(i.number), validate=validate) for i in idents]


def check_business(business: Business, *, validate: bool = False, client: NtsClient | None = None) -> list[Finding]:
    """Findings for one business. A service failure raises :class:`RegistryError` (one merchant: nothing to mark)."""
    found = check_businesses([business], validate=validate, client=client)[0]
    for f in found:
        if f.code in ("NTS_UNREACHABLE", "NTS_BAD_REPLY") and f.severity is Severity.ERROR:
            raise RegistryError(f.code, f.message, hint=f.hint)
    return found


def check_record(record: MerchantRecord, *, validate: bool = False, client: NtsClient | None = None) -> list[Finding]:
    """Findings for one merchant record (see :func:`check_business`)."""
    return check_business(record.business, validate=validate, client=client)
