"""The submission e-mail to a PG, written once: the ``.eml`` of a packet and the paste-ready text (``pgdocs text``)
are both this draft — one subject (the case's ``email_subject``), one body, one contact line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pgdocs.errors import InputError
from pgdocs.forms.values import format_brn, format_phone
from pgdocs.record import PAYMENT_METHODS, PAYMENT_TYPES, MerchantRecord

if TYPE_CHECKING:
    from pgdocs.rulebook import Case, DocumentSpec

__all__ = ["DEFAULT_SUBJECT", "EmailDraft", "contact_line", "render_subject", "submission_email"]

#: for a case that takes e-mail but names no subject of its own
DEFAULT_SUBJECT = "[ID 추가 신청] {business_name} / {business_number}"


@dataclass(frozen=True)
class EmailDraft:
    to_addr: str
    to_name: str
    subject: str
    body: str

    def as_text(self) -> str:
        """The draft to paste into webmail: recipient and subject lines, then the body."""
        return f"받는 사람: {self.to_addr}\n제목: {self.subject}\n\n{self.body}"


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_subject(template: str, values: dict[str, str]) -> str:
    """Fill ``{business_name}``-style fields; unknown fields stay visible rather than vanish."""
    return template.format_map(_Keep(values)).strip()


def contact_line(record: MerchantRecord) -> str:
    """``문의: 담당자 이름 / 전화 / 이메일`` (else the representative's), for the e-mail and the cover sheet."""
    m, r = record.manager, record.representative_contact
    if m and (m.phone or m.email):
        parts = [p for p in (m.name, format_phone(m.phone) if m.phone else None, m.email) if p]
        return "문의: 담당자 " + " / ".join(parts)
    if r and (r.phone or r.email):
        parts = [p for p in (record.business.representative, format_phone(r.phone) if r.phone else None, r.email)
                 if p]
        return "문의: 대표자 " + " / ".join(parts)
    return "문의: 가맹점 정보에 담당자 연락처가 없습니다."


def submission_email(record: MerchantRecord, case: Case, attached: Sequence[DocumentSpec]) -> EmailDraft:
    """The e-mail sending ``attached`` (in order) for ``record`` in ``case`` (a case that takes e-mail)."""
    rcpt = case.recipient
    if rcpt is None or not rcpt.email:
        raise InputError("CHANNEL_NO_EMAIL", f"{case.pg_name}의 이메일 제출 주소가 규칙집에 없습니다.")
    b = record.business
    brn = format_brn(b.business_number)
    values = {"business_name": b.business_name, "business_number": brn, "representative": b.representative,
              "pg_name": case.pg_name}
    acct = record.pg_account
    methods = ", ".join(PAYMENT_METHODS[m] for m in (acct.payment_methods if acct else [])) or "(기존 MID와 같게)"
    types = ", ".join(PAYMENT_TYPES[t] for t in ((acct.payment_types if acct else None) or ["general"]))
    body = "\n".join([
        f"안녕하세요, {' '.join(x for x in (rcpt.organisation, rcpt.department) if x)} 담당자님.",
        "",
        f"{b.business_name}(사업자등록번호 {brn})의 아임웹(Imweb) 호스팅 사이트용 "
        "가맹점 아이디(MID) 추가를 신청합니다.",
        "",
        f"- 상호: {b.business_name}",
        f"- 대표자: {b.representative}",
        f"- 기존 상점 ID(MID): {acct.existing_mid if acct and acct.existing_mid else '(없음)'}",
        f"- 추가할 사이트 URL: {record.site_url or '(미기재)'}",
        "- 호스팅사: 아임웹",
        f"- 결제수단: {methods} / 결제방식: {types}",
        "",
        "첨부 서류:",
        *(f"{n}. {spec.title}" + (" (인감 날인)" if spec.generated else "") for n, spec in enumerate(attached, 1)),
        "",
        contact_line(record),
        "",
        "검토 부탁드립니다. 감사합니다.",
        "",
        f"{b.business_name} 드림",
    ])
    return EmailDraft(to_addr=rcpt.email, to_name=f"{rcpt.organisation} {rcpt.department}".strip(),
                      subject=render_subject(case.email_subject or DEFAULT_SUBJECT, values), body=body)
