"""The rulebook as typed, frozen data: parsed from ``common.toml`` and one TOML per PG, checked as it loads.

Every key of the files is read here and nowhere else; a wrong type, an unknown key (a typo), a document, channel,
chat item or behaviour name that does not exist stops the load with the file and key named
(:class:`RulebookError`), so a mistake in the data never reaches a merchant as a wrong plan.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from pgdocs.pglist import COMMON_FILE, pg_entries_in
from pgdocs.rulebook.hooks import HOOKS

__all__ = [
    "PG",
    "CaseRule",
    "Channel",
    "ChatItem",
    "DocumentRule",
    "DocumentSpec",
    "OneYearRule",
    "PgWarning",
    "Recipient",
    "Rulebook",
    "RulebookError",
    "Stage",
    "TextSpec",
    "parse_rulebook",
]

ENTITIES = ("any", "individual", "corporation")
#: facts a case's ``when`` may test (pgdocs.rulebook.resolve_case computes them)
CONDITIONS: Mapping[str, tuple[bool | str, ...]] = MappingProxyType({
    "already_on_imweb": (True, False),
    "contract_age": ("within_1y", "over_1y"),
    "recurring": (True, False),
})


class RulebookError(ValueError):
    """The rulebook's data is wrong: the file and key are in the message (a packaging error, not the user's)."""


@dataclass(frozen=True)
class Channel:
    id: str
    name: str  #: in Korean, as shown to people
    mail: bool  #: documents travel by post or e-mail (a packet is built)


@dataclass(frozen=True)
class DocumentSpec:
    id: str
    title: str
    source: str
    required: bool = True
    confirmed: bool = True
    generated: bool = False  #: made by pgdocs (the application form), not supplied by the merchant
    names: tuple[str, ...] = ()
    form: str | None = None  #: for a generated document: the form generator (a name in rulebook.hooks)


@dataclass(frozen=True)
class Recipient:
    """Where a PG receives papers: the postal address and the e-mail address."""

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
    after: str | None = None  #: an extra item placed after this base item (else at the end)


@dataclass(frozen=True)
class Stage:
    """One stage of the whole process, in business days (``[[cases.timeline]]`` in the PG's TOML)."""

    name: str
    days: tuple[int, int]  #: (at least, at most) business days
    estimated: bool = False  #: the help article gives no figure: pgdocs's estimate (shown as 추정)
    channel: str | None = None  #: only for this channel (post: mailing and delivery …)
    source: str = ""


@dataclass(frozen=True)
class DocumentRule:
    id: str
    entity: str  #: any, individual or corporation
    required: bool
    confirmed: bool
    source: str | None


@dataclass(frozen=True)
class CaseRule:
    """One case of a PG as the file states it (:class:`pgdocs.rulebook.Case` is the case resolved for a merchant)."""

    id: str
    title: str
    when: Mapping[str, bool | str]
    channels: tuple[str, ...]
    chat_stages: tuple[str, ...]
    extra_chat_items: tuple[str, ...]
    chat_only_items: tuple[str, ...]
    chat_document_format: str | None
    lead_days: tuple[int, ...]
    lead_note: str | None
    email_subject: str | None
    attachment_budget_bytes: int | None
    channel_rule: str | None
    source: str
    steps: tuple[str, ...]
    documents: tuple[DocumentRule, ...]
    timeline: tuple[Stage, ...]


@dataclass(frozen=True)
class OneYearRule:
    """How "one year after 계약 완료" is counted (docs/open-questions.md#q2)."""

    inclusive: bool
    boundary_margin_days: int
    unknown_contract_date: str  #: the case to plan for when the contract date is unknown


@dataclass(frozen=True)
class PgWarning:
    when: Mapping[str, bool | str]
    code: str
    message: str
    source: str


@dataclass(frozen=True)
class TextSpec:
    """A paste-ready text the PG's merchants get (``pgdocs text ID``)."""

    id: str  #: also its builder's name in rulebook.hooks
    title: str
    channel: str | None  #: only when the case allows this channel (the e-mail text: only where e-mail is allowed)


@dataclass(frozen=True)
class PG:
    id: str
    name: str
    order: int
    aliases: tuple[str, ...]
    source: str
    cases: tuple[CaseRule, ...]
    recipient: Recipient | None
    one_year: OneYearRule | None
    warnings: tuple[PgWarning, ...]
    chat_intro: Mapping[str, str]  #: chat stage → the message's first line
    chat_notice_stages: tuple[str, ...]  #: stages whose message is a short notice with the new MID, no items
    test_key_note: str | None  #: added to the chat message when the record holds test keys
    validation: tuple[str, ...]  #: PG-only checks of the record (names in rulebook.hooks)
    own_fields: tuple[str, ...]  #: record fields only this PG uses (other PGs' records should not have them)
    mid_fields: tuple[str, ...]  #: record fields holding one of this PG's MIDs, besides existing_mid/new_mid
    texts: tuple[TextSpec, ...]
    forms: Mapping[str, str]  #: generated document id → form generator (rulebook.hooks)
    form_values: Mapping[str, str]  #: fixed values for the PG's web form (KG이니시스 step 5)

    def case(self, case_id: str) -> CaseRule | None:
        return next((c for c in self.cases if c.id == case_id), None)


@dataclass(frozen=True)
class Rulebook:
    version: str
    source_article: str
    chat_path: str
    admin_path: str
    default_attachment_budget_bytes: int
    base_chat_items: tuple[ChatItem, ...]
    extra_chat_items: Mapping[str, ChatItem]
    documents: Mapping[str, DocumentSpec]
    channels: Mapping[str, Channel]
    pgs: Mapping[str, PG]  #: in display order

    def channel_name(self, channel: str) -> str:
        ch = self.channels.get(channel)
        return ch.name if ch else channel

    @property
    def mail_channels(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.channels.values() if c.mail)


# -- reading, with checks --------------------------------------------------------------------------------------------
T = TypeVar("T")
Raw = Mapping[str, object]


class _Table:
    """One TOML table being read: every key taken is remembered; :meth:`done` refuses the rest (typos)."""

    def __init__(self, raw: object, where: str) -> None:
        if not isinstance(raw, dict):
            raise RulebookError(f"{where}: a table was expected")
        self.raw: dict[str, object] = raw
        self.where = where
        self.taken: set[str] = set()

    def _get(self, key: str, kind: type[T] | tuple[type[T], ...], what: str, default: T | None) -> T | None:
        self.taken.add(key)
        if key not in self.raw:
            return default
        value = self.raw[key]
        if isinstance(value, bool) and kind is int:
            raise RulebookError(f"{self.where}.{key}: {what} expected, not {value!r}")
        if not isinstance(value, kind):
            raise RulebookError(f"{self.where}.{key}: {what} expected, not {value!r}")
        return value

    def text(self, key: str) -> str:
        value = self._get(key, str, "text", None)
        if not value:
            raise RulebookError(f"{self.where}.{key}: required text is missing")
        return value

    def opt_text(self, key: str) -> str | None:
        return self._get(key, str, "text", None)

    def flag(self, key: str, default: bool) -> bool:
        value = self._get(key, bool, "true/false", default)
        return default if value is None else value

    def number(self, key: str, default: int | None = None) -> int:
        value = self._get(key, int, "an integer", default)
        if value is None:
            raise RulebookError(f"{self.where}.{key}: required integer is missing")
        return value

    def opt_number(self, key: str) -> int | None:
        return self._get(key, int, "an integer", None)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, list, "a list of text", [])
        if value is None or not all(isinstance(v, str) for v in value):
            raise RulebookError(f"{self.where}.{key}: a list of text expected")
        return tuple(str(v) for v in value)

    def numbers(self, key: str) -> tuple[int, ...]:
        value = self._get(key, list, "a list of integers", [])
        if value is None or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise RulebookError(f"{self.where}.{key}: a list of integers expected")
        return tuple(int(v) for v in value)

    def table(self, key: str) -> _Table | None:
        self.taken.add(key)
        return None if key not in self.raw else _Table(self.raw[key], f"{self.where}.{key}")

    def tables(self, key: str) -> list[_Table]:
        self.taken.add(key)
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            raise RulebookError(f"{self.where}.{key}: a list of tables expected")
        return [_Table(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(value)]

    def strings(self, key: str) -> Mapping[str, str]:
        """A table of text values (``[chat_intro]``)."""
        t = self.table(key)
        if t is None:
            return MappingProxyType({})
        out = {k: t.text(k) for k in t.raw}
        return MappingProxyType(out)

    def condition(self, key: str) -> Mapping[str, bool | str]:
        t = self.table(key)
        if t is None:
            raise RulebookError(f"{self.where}.{key}: required (use {{}} for 'always')")
        out: dict[str, bool | str] = {}
        for k, v in t.raw.items():
            if k not in CONDITIONS or v not in CONDITIONS[k] or not isinstance(v, bool | str):
                raise RulebookError(f"{t.where}: unknown condition {k} = {v!r} (known: {dict(CONDITIONS)})")
            out[k] = v
        return MappingProxyType(out)

    def done(self, *ignored: str) -> None:
        extra = set(self.raw) - self.taken - set(ignored)
        if extra:
            raise RulebookError(f"{self.where}: unknown key(s) {', '.join(sorted(extra))}")


def _read(path: Path) -> _Table:
    try:
        with path.open("rb") as fh:
            return _Table(tomllib.load(fh), path.name)
    except tomllib.TOMLDecodeError as exc:
        raise RulebookError(f"{path.name}: {exc}") from None


def _chat_item(t: _Table) -> ChatItem:
    item = ChatItem(id=t.text("id"), title=t.text("title"), fields=t.texts("fields"), document=t.opt_text("document"),
                    source=t.opt_text("source") or "", after=t.opt_text("after"))
    t.done()
    return item


def _stage(t: _Table) -> Stage:
    days = t.numbers("days")
    if not days or any(d < 0 for d in days):
        raise RulebookError(f"{t.where}.days: one or two business-day counts expected")
    st = Stage(name=t.text("stage"), days=(days[0], days[-1]), estimated=t.flag("estimated", False),
               channel=t.opt_text("channel"), source=t.opt_text("source") or "")
    t.done()
    return st


def _document_rule(t: _Table) -> DocumentRule:
    entity = t.opt_text("entity") or "any"
    if entity not in ENTITIES:
        raise RulebookError(f"{t.where}.entity: one of {', '.join(ENTITIES)} expected, not {entity!r}")
    rule = DocumentRule(id=t.text("id"), entity=entity, required=t.flag("required", True),
                        confirmed=t.flag("confirmed", True), source=t.opt_text("source"))
    t.done()
    return rule


def _case(t: _Table) -> CaseRule:
    case = CaseRule(
        id=t.text("id"), title=t.text("title"), when=t.condition("when"), channels=t.texts("channels"),
        chat_stages=t.texts("chat_stages"), extra_chat_items=t.texts("extra_chat_items"),
        chat_only_items=t.texts("chat_only_items"), chat_document_format=t.opt_text("chat_document_format"),
        lead_days=t.numbers("lead_days"), lead_note=t.opt_text("lead_note"), email_subject=t.opt_text("email_subject"),
        attachment_budget_bytes=t.opt_number("attachment_budget_bytes"), channel_rule=t.opt_text("channel_rule"),
        source=t.text("source"), steps=t.texts("steps"),
        documents=tuple(_document_rule(d) for d in t.tables("documents")),
        timeline=tuple(_stage(s) for s in t.tables("timeline")),
    )
    if not case.channels or not case.steps:
        raise RulebookError(f"{t.where}: a case needs channels and steps")
    t.done()
    return case


def _recipient(t: _Table) -> Recipient:
    rec = Recipient(organisation=t.text("organisation"), department=t.opt_text("department") or "",
                    honorific=t.opt_text("honorific") or "", address_lines=t.texts("address_lines"),
                    postal_code=t.text("postal_code"), email=t.opt_text("email"), source=t.text("source"))
    if not rec.address_lines:
        raise RulebookError(f"{t.where}.address_lines: required")
    t.done("confidence")  # a note for people
    return rec


def _pg(t: _Table, pg_id: str) -> PG:
    one = t.table("one_year")
    one_year = None
    if one is not None:
        one_year = OneYearRule(inclusive=one.flag("inclusive", True),
                               boundary_margin_days=one.number("boundary_margin_days"),
                               unknown_contract_date=one.text("unknown_contract_date"))
        one.done()
    rcpt = t.table("recipient")
    texts: list[TextSpec] = []
    for x in t.tables("texts"):
        texts.append(TextSpec(id=x.text("id"), title=x.text("title"), channel=x.opt_text("channel")))
        x.done()
    warnings: list[PgWarning] = []
    for w in t.tables("warnings"):
        warnings.append(PgWarning(when=w.condition("when"), code=w.text("code"), message=w.text("message"),
                                  source=w.text("source")))
        w.done()
    pg = PG(
        id=t.text("pg"), name=t.text("name"), order=t.number("order", 1000), aliases=t.texts("aliases"),
        source=t.text("source"), cases=tuple(_case(c) for c in t.tables("cases")),
        recipient=None if rcpt is None else _recipient(rcpt), one_year=one_year, warnings=tuple(warnings),
        chat_intro=t.strings("chat_intro"), chat_notice_stages=t.texts("chat_notice_stages"),
        test_key_note=t.opt_text("test_key_note"), validation=t.texts("validation"), own_fields=t.texts("own_fields"),
        mid_fields=t.texts("mid_fields"), texts=tuple(texts), forms=t.strings("forms"),
        form_values=t.strings("form"),
    )
    t.done()
    if pg.id != pg_id:
        raise RulebookError(f"{t.where}: pg = {pg.id!r} in a file for {pg_id!r}")
    if not pg.cases:
        raise RulebookError(f"{t.where}: no [[cases]]")
    return pg


def _check_pg(pg: PG, book_docs: Mapping[str, DocumentSpec], channels: Mapping[str, Channel],
              extra_items: Mapping[str, ChatItem], where: str) -> None:
    def known(kind: str, name: str, names: Mapping[str, object], at: str) -> None:
        if name not in names:
            raise RulebookError(f"{where} {at}: unknown {kind} {name!r} (known: {', '.join(names)})")

    for name in pg.validation:
        known("check", name, HOOKS["validation"], "validation")
    for text in pg.texts:
        known("text", text.id, HOOKS["text"], "texts")
        if text.channel is not None:
            known("channel", text.channel, channels, f"texts {text.id}")
    for doc_id, form in pg.forms.items():
        known("document", doc_id, book_docs, "forms")
        known("form generator", form, HOOKS["form"], f"forms.{doc_id}")
    if pg.one_year is not None and pg.case(pg.one_year.unknown_contract_date) is None:
        raise RulebookError(f"{where} one_year.unknown_contract_date: no case {pg.one_year.unknown_contract_date!r}")
    ids = [c.id for c in pg.cases]
    if len(set(ids)) != len(ids):
        raise RulebookError(f"{where}: duplicate case ids")
    for c in pg.cases:
        at = f"case {c.id}"
        if not c.id.startswith(f"{pg.id}."):
            raise RulebookError(f"{where} {at}: a case id starts with the PG's id ({pg.id}.…)")
        if "contract_age" in c.when and pg.one_year is None:
            raise RulebookError(f"{where} {at}: 'contract_age' needs a [one_year] table")
        for ch in c.channels:
            known("channel", ch, channels, at)
        for st in c.timeline:
            if st.channel is not None:
                known("channel", st.channel, channels, f"{at} timeline")
        for item in (*c.extra_chat_items, *c.chat_only_items):
            known("chat item", item, extra_items, at)
        for d in c.documents:
            known("document", d.id, book_docs, at)
            if book_docs[d.id].generated and d.id not in pg.forms:
                raise RulebookError(f"{where} {at}: {d.id} is made by pgdocs; name its generator in [forms]")
        if any(channels[ch].mail for ch in c.channels) and pg.recipient is None:
            raise RulebookError(f"{where} {at}: papers go by post or e-mail, but the PG has no [recipient]")
        if c.chat_stages and not set(c.chat_stages) <= set(pg.chat_intro):
            raise RulebookError(f"{where} {at}: every chat stage needs a line in [chat_intro]")


def parse_rulebook(base: Path) -> Rulebook:
    """Read and check the rulebook folder ``base`` (``common.toml`` + one file per PG)."""
    common = _read(base / COMMON_FILE)
    source_article = common.text("source_article")
    documents: dict[str, DocumentSpec] = {}
    docs_table = common.table("documents")
    for key in (docs_table.raw if docs_table else {}):
        d = _Table(docs_table.raw[key] if docs_table else {}, f"{COMMON_FILE}.documents.{key}")
        documents[key] = DocumentSpec(id=key, title=d.text("title"), source=source_article,
                                      generated=d.flag("generated", False), names=d.texts("names"))
        d.done()
    channels: dict[str, Channel] = {}
    ch_table = common.table("channels")
    for key in (ch_table.raw if ch_table else {}):
        c = _Table(ch_table.raw[key] if ch_table else {}, f"{COMMON_FILE}.channels.{key}")
        channels[key] = Channel(id=key, name=c.text("name"), mail=c.flag("mail", False))
        c.done()
    base_items = tuple(_chat_item(i) for i in common.tables("chat_items"))
    extra = {i.id: i for i in (_chat_item(t) for t in common.tables("extra_chat_items"))}
    for item in (*base_items, *extra.values()):
        if item.document is not None and item.document not in documents:
            raise RulebookError(f"{COMMON_FILE} chat item {item.id}: unknown document {item.document!r}")
        if item.after is not None and item.after not in {b.id for b in base_items}:
            raise RulebookError(f"{COMMON_FILE} chat item {item.id}: 'after' names no base item ({item.after!r})")
    pgs: dict[str, PG] = {}
    for entry in pg_entries_in(base):
        pg = _pg(_read(entry.path), entry.id)
        _check_pg(pg, documents, channels, extra, entry.path.name)
        pgs[pg.id] = pg
    book = Rulebook(
        version=common.text("version"), source_article=source_article, chat_path=common.text("chat_path"),
        admin_path=common.text("admin_path"),
        default_attachment_budget_bytes=common.number("default_attachment_budget_bytes"),
        base_chat_items=base_items, extra_chat_items=MappingProxyType(extra),
        documents=MappingProxyType(documents), channels=MappingProxyType(channels), pgs=MappingProxyType(pgs),
    )
    common.done()
    return book
