"""Masking of personal data before it reaches a log, a report or a manifest."""

from __future__ import annotations

import re

from pgdocs.text import ascii_digits, clean


def mask_digits(value: str, keep_start: int = 0, keep_end: int = 4) -> str:
    """Replace digits by ``*`` except ``keep_start`` first and ``keep_end`` last; keep separators.

    >>> mask_digits("110-123-456789")
    '***-***-**6789'
    """
    text = clean(value)
    positions = [i for i, ch in enumerate(text) if ch.isascii() and ch.isdigit()]
    hide = set(positions[keep_start : max(keep_start, len(positions) - keep_end)])
    return "".join("*" if i in hide else ch for i, ch in enumerate(text))


def mask_phone(value: str) -> str:
    """``010-1234-5678`` → ``010-****-5678``."""
    text = clean(value)
    digits = ascii_digits(text)
    if len(digits) < 8:
        return mask_digits(text, 0, 2)
    return mask_digits(text, keep_start=3, keep_end=4)


def mask_account(value: str) -> str:
    return mask_digits(value, keep_start=0, keep_end=4)


def mask_birth_date(value: str) -> str:
    """Keep the year only: ``1985-03-14`` → ``1985-**-**``."""
    return re.sub(r"(\d{4})\D?(\d{2})\D?(\d{2})", r"\1-**-**", clean(value))


def mask_email(value: str) -> str:
    """``hong@example.com`` → ``h***@example.com``."""
    local, sep, domain = clean(value).partition("@")
    if not sep:
        return "***"
    return f"{local[:1]}***@{domain}"


def mask_secret(value: str) -> str:
    """Toss secret keys and the like: prefix kept, the rest hidden."""
    text = clean(value)
    m = re.match(r"^((?:test|live)_[a-z]+_)", text)
    head = m.group(1) if m else text[:2]
    return head + "*" * max(4, len(text) - len(head) - 4) + text[-4:] if len(text) > 8 else "****"


def mask_any_birth_date(value: str) -> str:
    """A birth date as people type it (``1985.3.14``, ``1985년 3월 14일``, ``850314``): the year at most.

    >>> mask_any_birth_date("1985년 3월 14일"), mask_any_birth_date("850314")
    ('1985-**-**', '******')
    """
    text = clean(value)
    m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)|^(1[89]\d\d|20\d\d)(?=\d{4}$)", text)
    if m:
        return f"{m.group(1) or m.group(2)}-**-**"
    return mask_digits(text, 0, 0)


#: how each kind of personal data is masked (batch columns name these kinds in ``batch_columns.toml``)
MASKS = {
    "phone": mask_phone,
    "birth_date": mask_any_birth_date,
    "account": mask_account,
    "secret": mask_secret,
}
