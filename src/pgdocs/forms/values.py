"""Record → the text a person writes on a Korean form (shared by the NicePay template and ``--by-labels``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pgdocs.record import PAYMENT_METHODS, PAYMENT_TYPES, MerchantRecord
from pgdocs.text import ascii_digits

CHECKED, UNCHECKED = "■", "□"


def korean_date(d: dt.date) -> str:
    """``2026년 11월 27일``."""
    return f"{d.year}년 {d.month}월 {d.day}일"


def format_brn(value: str) -> str:
    """``1234567890`` → ``123-45-67890`` (left as written when it is not 10 digits)."""
    try:
        from pgdocs.ids import brn  # the validators helper's module, when present

        return str(brn.format(value))
    except Exception:  # module absent or number invalid: fall back to a plain reshape
        d = ascii_digits(value)
        return f"{d[:3]}-{d[3:5]}-{d[5:]}" if len(d) == 10 else value


def format_crn(value: str) -> str:
    """법인등록번호 ``1101111234567`` → ``110111-1234567``."""
    d = ascii_digits(value)
    return f"{d[:6]}-{d[6:]}" if len(d) == 13 else value


def format_phone(value: str) -> str:
    """Korean phone numbers in the national format (``010-1234-5678``); left as written otherwise."""
    try:
        import phonenumbers

        num = phonenumbers.parse(value, "KR")
        if phonenumbers.is_possible_number(num):
            return str(phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL))
    except Exception:  # phonenumbers.NumberParseException and odd input
        return value
    return value


def address_line(record: MerchantRecord) -> str | None:
    addr = record.get_text("business.address")
    if addr is None:
        return None
    postal = record.get_text("business.postal_code")
    return f"({postal}) {addr}" if postal and str(postal) not in addr else str(addr)


def box(on: bool) -> str:
    return CHECKED if on else UNCHECKED


def field_values(record: MerchantRecord, today: dt.date | None = None) -> dict[str, tuple[str, str | None]]:
    """Every form value pgdocs can write: key → (record field path, text or None when missing).

    Keys are the template variable names used by the NicePay template and the
    ``--by-labels`` alias table. Choice keys (``method_card`` …) hold □/■.
    """
    today = today or dt.date.today()
    entity = record.get_text("business.entity")

    def text(path: str, fmt: Callable[[str], str] = str) -> tuple[str, str | None]:
        v = record.get_text(path)
        return path, (fmt(v) if v is not None else None)

    def date(path: str) -> tuple[str, str | None]:
        v = record.get_date(path)
        return path, (korean_date(v) if v is not None else None)

    corp: tuple[str, str | None]
    if entity == "individual":
        corp = ("business.corporate_number", "해당 없음 (개인사업자)")
    else:
        corp = text("business.corporate_number", format_crn)
    methods = record.get_texts("pg_account.payment_methods")
    types = record.get_texts("pg_account.payment_types")
    out: dict[str, tuple[str, str | None]] = {
        "business_name": text("business.business_name"),
        "business_number": text("business.business_number", format_brn),
        "corporate_number": corp,
        "representative": text("business.representative"),
        "birth_date": date("business.birth_date"),
        "opening_date": date("business.opening_date"),
        "address": ("business.address", address_line(record)),
        "postal_code": text("business.postal_code"),
        "business_type": text("business.business_type"),
        "business_item": text("business.business_item"),
        "company_phone": text("business.phone", format_phone),
        "representative_phone": text("representative_contact.phone", format_phone),
        "representative_email": text("representative_contact.email"),
        "existing_mid": text("pg_account.existing_mid"),
        "site_url": text("site_url"),
        "hosting": ("site_url", "아임웹 (imweb)"),
        "bank": text("settlement_account.bank"),
        "account_number": text("settlement_account.number"),
        "account_holder": text("settlement_account.holder"),
        "manager_name": text("manager.name"),
        "manager_phone": text("manager.phone", format_phone),
        "manager_email": text("manager.email"),
        "application_date": ("", korean_date(today)),
        "entity_individual": ("business.entity", box(entity == "individual")),
        "entity_corporation": ("business.entity", box(entity == "corporation")),
    }
    for key in PAYMENT_METHODS:
        out[f"method_{key}"] = ("pg_account.payment_methods", box(key in methods) if methods else None)
    for key in PAYMENT_TYPES:
        out[f"type_{key}"] = ("pg_account.payment_types", box(key in types) if types else None)
    return out
