"""The message to paste into Imweb's chat (결제설정), every required item filled."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pgdocs.errors import FindingsError, InputError
from pgdocs.record import MerchantRecord, missing_fields_error
from pgdocs.rulebook import ChatItem, load_rulebook, resolve_case


def _display(path: str, value: Any) -> str:
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


def _item_value(record: MerchantRecord, item: ChatItem, doc_format: str | None) -> tuple[str | None, list[str]]:
    """The item's text, or None with the missing field paths."""
    if item.document:
        path = record.document_path(item.document)
        if path is None:
            return None, [f"documents.{item.document}"]
        kind = f"{doc_format}로 " if doc_format else ""
        return f"{kind}첨부합니다 ({path.name})", []
    missing = record.missing(list(item.fields))
    if missing:
        return None, missing
    return " / ".join(_display(p, record.get(p)) for p in item.fields), []


def chat_message(record: MerchantRecord, *, stage: str | None = None, today: dt.date | None = None) -> str:
    """Build the chat message for the merchant's case and ``stage``.

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
    intro = book.pg(case.pg).get("chat_intro", {}).get(stage, "")
    items = case.chat_items
    if stage == "issued" and case.pg in ("inicis", "kcp"):
        # Second message of Inicis/KCP: the MID notice. Include the MID when the merchant has it.
        items = ()
    lines: list[str] = []
    missing: list[str] = []
    for item in items:
        value, miss = _item_value(record, item, case.chat_document_format)
        if miss:
            missing.extend(miss)
            continue
        lines.append(f"{len(lines) + 1}. {item.title}: {value}")
    if missing:
        raise missing_fields_error(missing, purpose="채팅 메시지", code="CHAT_MISSING_ITEMS")
    out = [f"{book.chat_path} {case.pg_name} 아이디 추가 문의", "", intro]
    if stage == "issued" and case.pg in ("inicis", "kcp") and record.get("pg_account.new_mid"):
        out.append(f"발급된 MID: {record.get('pg_account.new_mid')}")
    out.append(f"사이트: {record.site_url}" if not lines and record.site_url else "")
    if lines:
        out.extend(["", *lines])
    keys = record.pg_account.toss_keys if record.pg_account else None
    if case.pg == "toss" and keys and any(
        (v or "").startswith("test_") for v in (keys.api_key, keys.client_key, keys.mert_key)
    ):
        out.extend(["", book.pg("toss")["chat_intro"]["test_keys"]])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
