"""The PG rulebook: each PG's cases, steps, documents, channels, recipients and chat items, as data.

The data lives in ``rulebook/data/*.toml`` (one file per PG plus ``common.toml``),
each entry with its source. This module loads it and decides a merchant's case.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pgdocs.errors import FindingsError, InputError
from pgdocs.record import PG_NAMES, MerchantRecord, field_label

_DATA = Path(__file__).resolve().parent / "data"
PGS = ("inicis", "kcp", "nicepay", "easypay", "toss")
MAIL_CHANNELS = ("post", "email")
CHANNEL_NAMES = {
    "post": "우편",
    "email": "이메일",
    "admin": "아임웹 관리자에서 신청",
    "web_form": "PG사 웹 신청서",
    "inquiry": "PG사 온라인 문의",
    "call": "PG사 담당자 연락",
}


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    title: str
    source: str
    required: bool = True
    confirmed: bool = True
    generated: bool = False  #: made by pgdocs (the application form), not supplied by the merchant
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recipient:
    organisation: str
    department: str
    honorific: str
    address_lines: tuple[str, ...]
    postal_code: str
    email: str | None
    source: str

    @property
    def inline(self) -> str:
        """``(04117) 서울특별시 … 나이스페이먼츠 플랫폼사업실 앞`` — the form used on cover sheets."""
        addr = ", ".join(self.address_lines)
        return f"({self.postal_code}) {addr} {self.organisation} {self.department} {self.honorific}".replace("  ", " ")


@dataclass(frozen=True)
class ChatItem:
    id: str
    title: str
    fields: tuple[str, ...] = ()
    document: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Stage:
    """One stage of the whole process, in business days (``[[cases.timeline]]`` in the PG's TOML)."""

    name: str
    days: tuple[int, int]  #: (at least, at most) business days
    estimated: bool = False  #: the help article gives no figure: pgdocs's estimate (shown as 추정)
    channel: str | None = None  #: only for this channel (post: mailing and delivery …)
    source: str = ""


@dataclass(frozen=True)
class Case:
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

    def stages(self, channel: str | None) -> list[Stage]:
        """The timeline's stages that apply when the documents go by ``channel``."""
        return [st for st in self.timeline if st.channel is None or st.channel == channel]

    def documents_for(self, entity: str | None) -> list[DocumentSpec]:
        """Documents for this case and entity type (``individual``/``corporation``), in checklist order."""
        return [spec for ent, _, spec in self.documents if ent == "any" or entity is None or ent == entity]

    @property
    def mail_channels(self) -> tuple[str, ...]:
        return tuple(c for c in self.channels if c in MAIL_CHANNELS)

    def to_dict(self, entity: str | None = None) -> dict[str, Any]:
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


@dataclass(frozen=True)
class Rulebook:
    version: str
    source_article: str
    chat_path: str
    admin_path: str
    default_attachment_budget_bytes: int
    base_chat_items: tuple[ChatItem, ...]
    documents: dict[str, DocumentSpec]
    pgs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pg(self, pg: str) -> dict[str, Any]:
        try:
            return self.pgs[pg]
        except KeyError:
            raise InputError("UNKNOWN_PG", f"알 수 없는 PG사입니다: {pg!r} (가능한 값: {', '.join(PGS)})") from None


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_rulebook(data_dir: Path | None = None) -> Rulebook:
    """Load and check the shipped rulebook (or one in ``data_dir``)."""
    base = data_dir or _DATA
    common = _read(base / "common.toml")
    docs = {
        key: DocumentSpec(
            id=key, title=v["title"], source=common["source_article"], generated=bool(v.get("generated", False)),
            names=tuple(v.get("names", ())),
        )
        for key, v in common["documents"].items()
    }
    base_items = tuple(
        ChatItem(id=i["id"], title=i["title"], fields=tuple(i.get("fields", ())), document=i.get("document"),
                 source=i.get("source", ""))
        for i in common["chat_items"]
    )
    pgs = {pg: _read(base / f"{pg}.toml") for pg in PGS}
    book = Rulebook(
        version=str(common["version"]),
        source_article=common["source_article"],
        chat_path=common["chat_path"],
        admin_path=common["admin_path"],
        default_attachment_budget_bytes=int(common["default_attachment_budget_bytes"]),
        base_chat_items=base_items,
        documents=docs,
        pgs=pgs,
    )
    for pg, data in pgs.items():
        for case in data["cases"]:
            for d in case.get("documents", []):
                if d["id"] not in docs:
                    raise ValueError(f"rulebook {pg}: unknown document id {d['id']!r} in {case['id']}")
            for ch in case["channels"]:
                if ch not in CHANNEL_NAMES:
                    raise ValueError(f"rulebook {pg}: unknown channel {ch!r} in {case['id']}")
    return book


_EXTRA_ITEMS = {
    "new_mid": ChatItem(id="new_mid", title="MID 값", fields=("pg_account.new_mid",), source="help article"),
    "toss_keys": ChatItem(
        id="toss_keys",
        title="MID, mertKey, apiKey, clientKey",
        fields=("pg_account.toss_keys.mid", "pg_account.toss_keys.mert_key", "pg_account.toss_keys.api_key",
                "pg_account.toss_keys.client_key"),
        source="help article (토스페이먼츠 상점관리자 > 개발자센터)",
    ),
}


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


def _matches(when: dict[str, Any], facts: dict[str, Any]) -> bool:
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
    pgdata = book.pg(record.pg)
    acct = record.pg_account
    facts: dict[str, Any] = {"already_on_imweb": acct.already_on_imweb if acct else None}
    notes: list[str] = []
    boundary = False
    needs_imweb = any("already_on_imweb" in c["when"] for c in pgdata["cases"])
    if needs_imweb and facts["already_on_imweb"] is None:
        raise FindingsError(
            "CASE_UNDECIDABLE",
            f"{PG_NAMES[record.pg]}는 아임웹에서 이미 사용 중인지에 따라 절차가 다릅니다: "
            f"{field_label('pg_account.already_on_imweb')}(pg_account.already_on_imweb)를 적어 주세요.",
            details={"missing": ["pg_account.already_on_imweb"]},
        )
    forced: str | None = None
    if "one_year" in pgdata and facts["already_on_imweb"]:
        rule = pgdata["one_year"]
        cdate = acct.contract_date if acct else None
        if cdate is None:
            forced = rule["unknown_contract_date"]
            notes.append("계약 완료일을 몰라 더 엄격한 경우(1년 초과: 우편 제출, 추가 서류)로 안내합니다. "
                         "계약 완료일을 적으면 정확히 판단합니다.")
        else:
            facts["contract_age"] = contract_age(cdate, today, inclusive=bool(rule["inclusive"]))
            anniversary = first_anniversary(cdate)
            if abs((anniversary - today).days) <= int(rule["boundary_margin_days"]):
                boundary = True
                notes.append(f"계약 1년이 되는 날({anniversary.isoformat()})과 가까워 우편 제출을 권합니다 "
                             "(우편은 두 경우 모두 가능).")
    chosen: dict[str, Any] | None = None
    for c in pgdata["cases"]:
        if (forced and c["id"] == forced) or (not forced and _matches(c["when"], facts)):
            chosen = c
            break
    if chosen is None:  # pragma: no cover - the data covers every combination; checked by tests
        raise FindingsError("CASE_UNDECIDABLE", f"{PG_NAMES[record.pg]}: 해당하는 경우를 찾지 못했습니다.")
    return _build_case(book, record.pg, pgdata, chosen, notes, boundary)


def case_by_id(case_id: str) -> Case:
    """A case by its id (``nicepay.within_1y``), without a record — for listings and tests."""
    book = load_rulebook()
    pg = case_id.split(".", 1)[0]
    pgdata = book.pg(pg)
    for c in pgdata["cases"]:
        if c["id"] == case_id:
            return _build_case(book, pg, pgdata, c, [], False)
    raise InputError("UNKNOWN_CASE", f"알 수 없는 경우입니다: {case_id!r}")


def all_cases() -> list[Case]:
    book = load_rulebook()
    return [case_by_id(c["id"]) for pg in PGS for c in book.pg(pg)["cases"]]


def _fmt(text: str, book: Rulebook, pg_name: str) -> str:
    return text.replace("{chat_path}", book.chat_path).replace(
        "{admin_path}", book.admin_path.replace("{pg_name}", pg_name))


def _build_case(book: Rulebook, pg: str, pgdata: dict[str, Any], c: dict[str, Any], notes: list[str],
                boundary: bool) -> Case:
    name = pgdata["name"]
    docs: list[tuple[str, str, DocumentSpec]] = []
    for d in c.get("documents", []):
        base = book.documents[d["id"]]
        spec = DocumentSpec(
            id=base.id, title=base.title, source=d.get("source", c["source"]), required=bool(d.get("required", True)),
            confirmed=bool(d.get("confirmed", True)), generated=base.generated, names=base.names,
        )
        docs.append((d.get("entity", "any"), d["id"], spec))
    if c.get("chat_only_items"):
        chat_items = tuple(_EXTRA_ITEMS[i] for i in c["chat_only_items"])
    elif c.get("chat_stages"):
        chat_items = book.base_chat_items + tuple(_EXTRA_ITEMS[i] for i in c.get("extra_chat_items", []))
        if "new_mid" in c.get("extra_chat_items", []):  # the help article lists MID 값 second
            items = list(book.base_chat_items)
            items.insert(1, _EXTRA_ITEMS["new_mid"])
            chat_items = tuple(items) + tuple(_EXTRA_ITEMS[i] for i in c.get("extra_chat_items", []) if i != "new_mid")
    else:
        chat_items = ()
    rec = pgdata.get("recipient")
    recipient = None
    if rec and any(ch in MAIL_CHANNELS for ch in c["channels"]):
        recipient = Recipient(
            organisation=rec["organisation"], department=rec["department"], honorific=rec["honorific"],
            address_lines=tuple(rec["address_lines"]), postal_code=rec["postal_code"], email=rec.get("email"),
            source=rec["source"],
        )
    return Case(
        pg=pg,
        pg_name=name,
        case_id=c["id"],
        title=c["title"],
        steps=tuple(_fmt(s, book, name) for s in c["steps"]),
        channels=tuple(c["channels"]),
        documents=tuple(docs),
        recipient=recipient,
        chat_items=chat_items,
        chat_stages=tuple(c.get("chat_stages", ())),
        chat_document_format=c.get("chat_document_format"),
        lead_days=tuple(int(x) for x in c.get("lead_days", ())),
        lead_note=c.get("lead_note"),
        email_subject=c.get("email_subject"),
        attachment_budget_bytes=int(c.get("attachment_budget_bytes", book.default_attachment_budget_bytes)),
        channel_rule=c.get("channel_rule"),
        source=f"{c['source']} — {book.source_article}",
        rule_version=book.version,
        notes=tuple(notes),
        boundary=boundary,
        timeline=tuple(
            Stage(name=t["stage"], days=(int(t["days"][0]), int(t["days"][-1])), estimated=bool(t.get("estimated")),
                  channel=t.get("channel"), source=str(t.get("source", "")))
            for t in c.get("timeline", ())
        ),
    )


def choose_channel(case: Case, requested: str = "auto", record: MerchantRecord | None = None) -> str:
    """Pick ``post`` or ``email`` for a packet, enforcing the case's channel rule.

    ``auto``: the record's preferred channel when the rule allows it, else post when allowed
    (accepted in every NicePay case), else e-mail.
    """
    allowed = case.mail_channels
    if not allowed:
        ways = ", ".join(CHANNEL_NAMES[c] for c in case.channels)
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
    if requested not in MAIL_CHANNELS:
        raise InputError("CHANNEL_UNKNOWN", f"알 수 없는 제출 방법입니다: {requested!r} (post, email, auto)")
    if requested not in allowed:
        names = ", ".join(CHANNEL_NAMES[c] for c in allowed)
        rule = case.channel_rule or f"{case.title}: 가능한 제출 방법은 {names}입니다."
        raise FindingsError(
            "CHANNEL_NOT_ALLOWED",
            f"{CHANNEL_NAMES[requested]}로는 제출할 수 없습니다. {rule}",
            hint=f"--channel {allowed[0]} 또는 --channel auto 를 쓰세요.",
            details={"allowed": list(allowed), "rule": case.case_id, "source": case.source},
        )
    return requested


def extra_warnings(record: MerchantRecord) -> list[tuple[str, str, str]]:
    """PG-specific warnings from the rulebook as (code, message, source)."""
    if record.pg is None:
        return []
    pgdata = load_rulebook().pg(record.pg)
    facts = {"recurring": bool(record.pg_account and "recurring" in record.pg_account.payment_types)}
    return [(w["code"], w["message"], w["source"]) for w in pgdata.get("warnings", []) if _matches(w["when"], facts)]
