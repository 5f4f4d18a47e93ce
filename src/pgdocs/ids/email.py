"""E-mail addresses via email-validator, offline (no DNS look-up).

>>> validate(' Hong@Example.com ')
'Hong@example.com'
>>> is_valid('a..b@example.com')
False
>>> validate('hong@localhost')
Traceback (most recent call last):
    ...
pgdocs.ids._exceptions.InvalidFormat: 이메일 주소의 @ 뒤(도메인)가 올바르지 않습니다.
"""

from __future__ import annotations

from email_validator import EmailNotValidError
from email_validator import validate_email as _validate_email

from pgdocs.ids._exceptions import InvalidFormat
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = ["compact", "format", "is_valid", "validate"]


def compact(address: str) -> str:
    """Strip surrounding spaces; NFC; full-width characters to ASCII where they are digits or dashes."""
    return clean(address).strip().strip("<>").strip()


def _korean_reason(reason: str) -> str:
    r = reason.lower()
    if "@-sign" in r and ("must have" in r or "exactly one" in r):
        return "이메일 주소에는 @가 하나 있어야 합니다."
    if "after the @-sign" in r or "domain" in r:
        return "이메일 주소의 @ 뒤(도메인)가 올바르지 않습니다."
    if "two periods" in r:
        return "이메일 주소에 마침표(.)가 연달아 있습니다."
    if "before the @-sign" in r or "period" in r:
        return "이메일 주소의 @ 앞부분이 올바르지 않습니다."
    if "too long" in r:
        return "이메일 주소가 너무 깁니다."
    if "character" in r or "whitespace" in r or "space" in r:
        return "이메일 주소에 쓸 수 없는 문자가 있습니다."
    return "이메일 주소 형식이 올바르지 않습니다."


def validate(address: str) -> str:
    """Return the normalised address (domain lower-cased) or raise :class:`InvalidFormat`.

    The English reason from email-validator is kept on the exception as ``reason``.
    """
    text = compact(guard(address, "이메일 주소"))
    if not text:
        raise InvalidFormat("이메일 주소가 비어 있습니다.")
    try:
        info = _validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        err = InvalidFormat(_korean_reason(str(exc)))
        err.reason = str(exc)  # type: ignore[attr-defined]
        raise err from None
    return str(info.normalized)


def is_valid(address: str) -> bool:
    try:
        return bool(validate(address))
    except ValueError:
        return False


def format(address: str) -> str:
    """The normalised address."""
    return validate(address)
