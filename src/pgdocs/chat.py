"""The message to paste into Imweb's chat (결제설정), every required item filled."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from pgdocs.errors import FindingsError, InputError
from pgdocs.record import MerchantRecord, missing_fields_error
from pgdocs.rulebook import ChatItem, load_rulebook, pg_of, resolve_case


def _display(path: str, value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if path.endswith(".phone"):
        return _national_phone(str(value))
    return str(value)


def _national_phone(value: str) -> str:
    import phonenumbers

    try:
        num = phonenumbers.parse(value, "KR")
    except phonenumbers.NumberParseException:
        return value
    return str(phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL))


def _item_value(record: MerchantRecord, item: ChatItem, doc_format: str | None,
                file_names: Mapping[str, str] | None = None) -> tuple[str | None, list[str]]:
    """The item's text, or None with the missing field paths."""
    if item.document:
        path = record.document_path(item.document)
        if path is None:
            return None, [f"documents.{item.document}"]
        kind = f"{doc_format}로 " if doc_format else ""
        shown = path.name if file_names is None else file_names.get(item.document)
        return f"{kind}첨부합니다" + (f" ({shown})" if shown else ""), []
    missing = record.missing(list(item.fields))
    if missing:
        return None, missing
    return " / ".join(_display(p, record.get(p)) for p in item.fields), []


def _has_test_keys(record: MerchantRecord, paths: tuple[str, ...]) -> bool:
    """A key under the PG's own fields is a test key (``test_…``: no real payment or settlement with it)."""
    keys = (record.get(f"{root}.{attr}") for root in paths for attr in ("api_key", "client_key", "mert_key"))
    return any(str(k or "").startswith("test_") for k in keys)


def chat_message(record: MerchantRecord, *, stage: str | None = None, today: dt.date | None = None,
                 file_names: Mapping[str, str] | None = None) -> str:
    """Build the chat message for the merchant's case and ``stage``.

    ``file_names``: the names the merchant knows the documents by (the web page stores uploads under its own
    names); a document missing from it is named by its kind only. Without it, the record's file names are shown.

    Raises :class:`FindingsError` ``CHAT_MISSING_ITEMS`` naming every missing item, or
    ``CHAT_NOT_NEEDED`` when the case has no chat step.
    """
    case = resolve_case(record, today)
    book = load_rulebook()
    if not case.chat_stages:
        raise FindingsError(
            "CHAT_NOT_NEEDED",
            f"이 경우({case.title})에는 아임웹 채팅상담으로 보낼 메시지가 없습니다. 아임웹 관리자에서 신규 신청하세요.",
        )
    stage = stage or case.chat_stages[0]
    if stage not in case.chat_stages:
        raise InputError("CHAT_STAGE_UNKNOWN",
                         f"이 경우의 메시지 단계는 {', '.join(case.chat_stages)} 입니다 (받은 값: {stage!r}).")
    pg = pg_of(case.pg)
    intro = pg.chat_intro.get(stage, "")
    notice = stage in pg.chat_notice_stages  # a short notice that the MID arrived (with the MID when known)
    items = () if notice else case.chat_items
    lines: list[str] = []
    missing: list[str] = []
    for item in items:
        value, miss = _item_value(record, item, case.chat_document_format, file_names)
        if miss:
            missing.extend(miss)
            continue
        lines.append(f"{len(lines) + 1}. {item.title}: {value}")
    if missing:
        raise missing_fields_error(missing, purpose="채팅 메시지", code="CHAT_MISSING_ITEMS")
    out = [f"{book.chat_path} {case.pg_name} 아이디 추가 문의", "", intro]
    if notice and record.get("pg_account.new_mid"):
        out.append(f"발급된 MID: {record.get('pg_account.new_mid')}")
    out.append(f"사이트: {record.site_url}" if not lines and record.site_url else "")
    if lines:
        out.extend(["", *lines])
    if pg.test_key_note and _has_test_keys(record, pg.own_fields):
        out.extend(["", pg.test_key_note])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
