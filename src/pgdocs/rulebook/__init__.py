"""The PG rulebook: each PG's cases, steps, documents, channels, recipients and chat items, as data.

The data lives in ``rulebook/data/*.toml`` (one file per PG plus ``common.toml``),
each entry with its source. This module loads it and decides a merchant's case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import NotRequired, TypedDict

from pgdocs.errors import FindingsError, InputError
from pgdocs.hangul import with_particle
from pgdocs.pglist import rulebook_dir
from pgdocs.record import MerchantRecord, field_label
from pgdocs.rulebook.model import (
    PG,
    CaseRule,
    Channel,
    ChatItem,
    DocumentSpec,
    Recipient,
    Rulebook,
    RulebookError,
    Stage,
    TextSpec,
    parse_rulebook,
)

__all__ = [
    "PG", "Case", "CaseReport", "Channel", "ChatItem", "DocumentSpec", "Recipient", "Rulebook", "RulebookError",
    "Stage", "TextSpec",
    "all_cases", "case_by_id", "choose_channel", "contract_age", "extra_warnings", "first_anniversary", "load_rulebook",
    "pg_of", "resolve_case",
]


class DocumentEntry(TypedDict):
    """A document of the checklist, as reported (``path``/``present``: in a merchant's plan only)."""

    id: str
    title: str
    required: bool
    confirmed: bool
    generated: bool
    path: NotRequired[str | None]
    present: NotRequired[bool | None]
    source: str


class RecipientEntry(TypedDict):
    """Where the papers go, as reported."""

    organisation: str
    department: str
    honorific: str
    address_lines: list[str]
    postal_code: str
    email: str | None
    source: str


class CaseReport(TypedDict):
    """:meth:`Case.to_dict`: the case as JSON."""

    pg: str
    pg_name: str
    case_id: str
    title: str
    steps: list[str]
    channels: list[str]
    documents: list[DocumentEntry]
    recipient: RecipientEntry | None
    chat_items: list[str]
    lead_days: list[int]
    source: str
    rule_version: str
    notes: list[str]


@dataclass(frozen=True)
class Case:
    """A PG's case resolved for a merchant (or by id): steps with the paths filled in, documents as specs."""

    pg: str
    pg_name: str
    case_id: str
    title: str
    steps: tuple[str, ...]
    channels: tuple[str, ...]
    documents: tuple[tuple[str, str, DocumentSpec], ...]  #: (entity, id, spec)
    recipient: Recipient | None
    chat_items: tuple[ChatItem, ...]
    chat_stages: tuple[str, ...]
    chat_document_format: str | None
    lead_days: tuple[int, ...]
    lead_note: str | None
    email_subject: str | None
    attachment_budget_bytes: int
    channel_rule: str | None
    source: str
    rule_version: str
    notes: tuple[str, ...] = ()  #: why this case was chosen (unknown dates, boundary …)
    boundary: bool = False  #: near the 1-year boundary: post preferred
    timeline: tuple[Stage, ...] = ()  #: every stage until the new MID works on Imweb
    mail: tuple[str, ...] = ("post", "email")  #: the channels by which papers travel (the rulebook's mail channels)

    def stages(self, channel: str | None) -> list[Stage]:
        """The timeline's stages that apply when the documents go by ``channel``."""
        return [st for st in self.timeline if st.channel is None or st.channel == channel]

    def documents_for(self, entity: str | None) -> list[DocumentSpec]:
        """Documents for this case and entity type (``individual``/``corporation``), in checklist order."""
        return [spec for ent, _, spec in self.documents if ent == "any" or entity is None or ent == entity]

    @property
    def mail_channels(self) -> tuple[str, ...]:
        return tuple(c for c in self.channels if c in self.mail)

    def to_dict(self, entity: str | None = None) -> CaseReport:
        return {
            "pg": self.pg,
            "pg_name": self.pg_name,
            "case_id": self.case_id,
            "title": self.title,
            "steps": list(self.steps),
            "channels": list(self.channels),
            "documents": [
                {"id": d.id, "title": d.title, "required": d.required, "confirmed": d.confirmed,
                 "generated": d.generated, "source": d.source}
                for d in self.documents_for(entity)
            ],
            "recipient": None if self.recipient is None else {
                "organisation": self.recipient.organisation,
                "department": self.recipient.department,
                "honorific": self.recipient.honorific,
                "address_lines": list(self.recipient.address_lines),
                "postal_code": self.recipient.postal_code,
                "email": self.recipient.email,
                "source": self.recipient.source,
            },
            "chat_items": [c.title for c in self.chat_items],
            "lead_days": list(self.lead_days),
            "source": self.source,
            "rule_version": self.rule_version,
            "notes": list(self.notes),
        }


@cache
def _load(base: Path) -> Rulebook:
    return parse_rulebook(base)


def load_rulebook(data_dir: Path | None = None) -> Rulebook:
    """The rulebook in use (``$PGDOCS_RULEBOOK`` or the shipped one), or the one in ``data_dir``; checked, cached."""
    return _load(data_dir or rulebook_dir())


def pg_of(pg: str) -> PG:
    """The rulebook's PG ``pg``; ``UNKNOWN_PG`` when there is none."""
    book = load_rulebook()
    try:
        return book.pgs[pg]
    except KeyError:
        raise InputError("UNKNOWN_PG", f"알 수 없는 PG사입니다: {pg!r} (가능한 값: {', '.join(book.pgs)})") from None


def first_anniversary(contract_date: dt.date) -> dt.date:
    """One calendar year after ``contract_date`` (29 Feb → 28 Feb)."""
    try:
        return contract_date.replace(year=contract_date.year + 1)
    except ValueError:  # 29 February
        return contract_date.replace(year=contract_date.year + 1, day=28)


def contract_age(contract_date: dt.date, today: dt.date, *, inclusive: bool = True) -> str:
    """``within_1y`` or ``over_1y`` (one calendar year after the contract date; 29 Feb → 28 Feb)."""
    anniversary = first_anniversary(contract_date)
    within = today <= anniversary if inclusive else today < anniversary
    return "within_1y" if within else "over_1y"


def _matches(when: Mapping[str, bool | str], facts: Mapping[str, bool | str | None]) -> bool:
    return all(facts.get(k) == v for k, v in when.items())


def resolve_case(record: MerchantRecord, today: dt.date | None = None) -> Case:
    """Decide the merchant's case from the rulebook.

    Raises :class:`FindingsError` (``CASE_UNDECIDABLE``) naming the fields needed to decide.
    """
    today = today or dt.date.today()
    book = load_rulebook()
    if record.pg is None:
        raise FindingsError("CASE_UNDECIDABLE", f"{field_label('pg')}(pg)가 없어 절차를 정할 수 없습니다.",
                            details={"missing": ["pg"]})
    pg = pg_of(record.pg)
    acct = record.pg_account
    facts: dict[str, bool | str | None] = {"already_on_imweb": acct.already_on_imweb if acct else None}
    notes: list[str] = []
    boundary = False
    needs_imweb = any("already_on_imweb" in c.when for c in pg.cases)
    if needs_imweb and facts["already_on_imweb"] is None:
        raise FindingsError(
            "CASE_UNDECIDABLE",
            f"{with_particle(pg.name, '은')} 아임웹에서 이미 사용 중인지에 따라 절차가 다릅니다: "
            f"{field_label('pg_account.already_on_imweb')}(pg_account.already_on_imweb)를 적어 주세요.",
            hint=f"지금 아임웹 사이트에서 {with_particle(pg.name, '으로')} 결제를 받고 있으면 '예', "
                 "다른 쇼핑몰 솔루션에서만 써 왔으면 '아니오'입니다. 모르겠으면 아임웹 채팅상담에 물어보세요.",
            details={"missing": ["pg_account.already_on_imweb"]},
        )
    forced: str | None = None
    if pg.one_year is not None and facts["already_on_imweb"]:
        rule = pg.one_year
        cdate = acct.contract_date if acct else None
        if cdate is None:
            forced = rule.unknown_contract_date
            notes.append("계약 완료일을 몰라 더 엄격한 경우(1년 초과: 우편 제출, 추가 서류)로 안내합니다. "
                         "계약 완료일을 적으면 정확히 판단합니다.")
        else:
            facts["contract_age"] = contract_age(cdate, today, inclusive=rule.inclusive)
            anniversary = first_anniversary(cdate)
            if abs((anniversary - today).days) <= rule.boundary_margin_days:
                boundary = True
                notes.append(f"계약 1년이 되는 날({anniversary.isoformat()})과 가까워 우편 제출을 권합니다 "
                             "(우편은 두 경우 모두 가능).")
    chosen = pg.case(forced) if forced else next((c for c in pg.cases if _matches(c.when, facts)), None)
    if chosen is None:  # pragma: no cover - the data covers every combination; checked by tests
        raise FindingsError("CASE_UNDECIDABLE", f"{pg.name}: 해당하는 경우를 찾지 못했습니다.")
    return _build_case(book, pg, chosen, notes, boundary)


def case_by_id(case_id: str) -> Case:
    """A case by its id (``nicepay.within_1y``), without a record — for listings and tests."""
    pg = pg_of(case_id.split(".", 1)[0])
    rule = pg.case(case_id)
    if rule is None:
        raise InputError("UNKNOWN_CASE", f"알 수 없는 경우입니다: {case_id!r}")
    return _build_case(load_rulebook(), pg, rule, [], False)


def all_cases() -> list[Case]:
    book = load_rulebook()
    return [_build_case(book, pg, c, [], False) for pg in book.pgs.values() for c in pg.cases]


def _fmt(text: str, book: Rulebook, pg_name: str) -> str:
    return text.replace("{chat_path}", book.chat_path).replace(
        "{admin_path}", book.admin_path.replace("{pg_name}", pg_name))


def _chat_items(book: Rulebook, c: CaseRule) -> tuple[ChatItem, ...]:
    if c.chat_only_items:
        return tuple(book.extra_chat_items[i] for i in c.chat_only_items)
    if not c.chat_stages:
        return ()
    items = list(book.base_chat_items)
    for extra in (book.extra_chat_items[i] for i in c.extra_chat_items):
        at = next((n + 1 for n, b in enumerate(items) if b.id == extra.after), len(items))
        items.insert(at, extra)
    return tuple(items)


def _build_case(book: Rulebook, pg: PG, c: CaseRule, notes: list[str], boundary: bool) -> Case:
    docs: list[tuple[str, str, DocumentSpec]] = []
    for d in c.documents:
        base = book.documents[d.id]
        spec = replace(base, source=d.source or c.source, required=d.required, confirmed=d.confirmed,
                       form=pg.forms.get(d.id))
        docs.append((d.entity, d.id, spec))
    mail = book.mail_channels
    return Case(
        pg=pg.id,
        pg_name=pg.name,
        case_id=c.id,
        title=c.title,
        steps=tuple(_fmt(s, book, pg.name) for s in c.steps),
        channels=c.channels,
        documents=tuple(docs),
        recipient=pg.recipient if any(ch in mail for ch in c.channels) else None,
        chat_items=_chat_items(book, c),
        chat_stages=c.chat_stages,
        chat_document_format=c.chat_document_format,
        lead_days=c.lead_days,
        lead_note=c.lead_note,
        email_subject=c.email_subject,
        attachment_budget_bytes=c.attachment_budget_bytes or book.default_attachment_budget_bytes,
        channel_rule=c.channel_rule,
        source=f"{c.source} — {book.source_article}",
        rule_version=book.version,
        notes=tuple(notes),
        boundary=boundary,
        timeline=c.timeline,
        mail=mail,
    )


def choose_channel(case: Case, requested: str = "auto", record: MerchantRecord | None = None) -> str:
    """Pick ``post`` or ``email`` for a packet, enforcing the case's channel rule.

    ``auto``: the record's preferred channel when the rule allows it, else post when allowed
    (accepted in every NicePay case), else e-mail.
    """
    book = load_rulebook()
    allowed = case.mail_channels
    if not allowed:
        ways = ", ".join(book.channel_name(c) for c in case.channels)
        raise FindingsError(
            "CHANNEL_NOT_APPLICABLE",
            f"{case.pg_name}의 이 경우({case.title})는 서류를 우편·이메일로 보내지 않습니다: {ways}.",
            hint="pgdocs plan 으로 절차를 확인하세요.",
        )
    if requested == "auto":
        pref = record.pg_account.preferred_channel if record and record.pg_account else None
        if pref in allowed and not (case.boundary and pref == "email"):
            return pref
        return "post" if "post" in allowed else allowed[0]
    if requested not in case.mail:
        raise InputError("CHANNEL_UNKNOWN", f"알 수 없는 제출 방법입니다: {requested!r} (post, email, auto)")
    if requested not in allowed:
        names = ", ".join(book.channel_name(c) for c in allowed)
        rule = case.channel_rule or f"{case.title}: 가능한 제출 방법은 {names}입니다."
        raise FindingsError(
            "CHANNEL_NOT_ALLOWED",
            f"{book.channel_name(requested)}로는 제출할 수 없습니다. {rule}",
            hint=f"--channel {allowed[0]} 또는 --channel auto 를 쓰세요.",
            details={"allowed": list(allowed), "rule": case.case_id, "source": case.source},
        )
    return requested


def extra_warnings(record: MerchantRecord) -> list[tuple[str, str, str]]:
    """PG-specific warnings from the rulebook as (code, message, source)."""
    if record.pg is None:
        return []
    facts: dict[str, bool | str | None] = {
        "recurring": bool(record.pg_account and "recurring" in record.pg_account.payment_types)}
    return [(w.code, w.message, w.source) for w in pg_of(record.pg).warnings if _matches(w.when, facts)]
