"""Korean phone numbers via phonenumbers (region KR).

Store E.164 (:func:`validate`), print the national format (:func:`format`),
and tell mobiles from landlines (:func:`number_type`).

>>> validate('010-1234-5678')
'+821012345678'
>>> format('+82 10 1234 5678')
'010-1234-5678'
>>> number_type('02-123-4567'), number_type('1588-1234'), number_type('070-1234-5678')
('fixed_line', 'uan', 'voip')
>>> is_mobile('０１０－１２３４－５６７８')
True
>>> validate('02-12')
Traceback (most recent call last):
    ...
pgdocs.ids._exceptions.InvalidFormat: 전화번호 형식이 올바르지 않습니다.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat
from pgdocs.ids._util import guard
from pgdocs.text import clean

__all__ = [
    "TYPE_LABELS", "PhoneInfo", "analyse", "compact", "format", "is_legacy_mobile", "is_mobile", "is_valid",
    "number_type", "parse", "validate",
]

_TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

#: Korean names of the number types, for messages.
TYPE_LABELS: dict[str, str] = {
    "mobile": "휴대폰",
    "fixed_line": "일반 전화",
    "fixed_line_or_mobile": "일반/휴대폰",
    "voip": "인터넷 전화(070)",
    "uan": "대표번호(15xx·16xx·18xx)",
    "personal_number": "안심번호(050x)",
    "toll_free": "수신자 부담(080)",
    "premium_rate": "유료 정보 번호",
    "shared_cost": "공유 비용 번호",
    "pager": "호출기",
    "voicemail": "음성사서함",
    "unknown": "알 수 없는 번호",
}

_ALLOWED = re.compile(r"^\+?[0-9 ()\-.]+$")


def compact(number: str) -> str:
    """Full-width digits and Unicode dashes to ASCII; spaces, dashes, dots and brackets removed."""
    return re.sub(r"[\s()\-.]", "", clean(number))


def parse(number: str) -> phonenumbers.PhoneNumber:
    """Parse a Korean number (``+82`` or domestic); raise :class:`InvalidFormat` when it is not one."""
    text = clean(guard(number, "전화번호"))
    if not text or not _ALLOWED.match(text):
        raise InvalidFormat("전화번호 형식이 올바르지 않습니다.")
    try:
        parsed = phonenumbers.parse(text, "KR")
    except phonenumbers.NumberParseException:
        raise InvalidFormat("전화번호 형식이 올바르지 않습니다.") from None
    if parsed.country_code != 82:
        raise InvalidComponent("국내(+82) 전화번호가 아닙니다.")
    if not (phonenumbers.is_valid_number(parsed) or _is_010(parsed)):
        raise InvalidFormat("전화번호 형식이 올바르지 않습니다.")
    return parsed


def _is_010(parsed: phonenumbers.PhoneNumber) -> bool:
    """010 + 8 digits: the whole 010 block is mobile, even ranges phonenumbers' metadata leaves out
    (e.g. 010-597x-xxxx in phonenumbers 9.0)."""
    return re.fullmatch(r"10[0-9]{8}", str(parsed.national_number)) is not None


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    """One parse of a number: what every other function here reports."""

    e164: str  #: ``+821012345678`` (store this)
    national: str  #: ``010-1234-5678`` (print this)
    type: str  #: see :data:`TYPE_LABELS`
    legacy_mobile: bool  #: 011/016-019, or 010 with a 3-digit middle part


@lru_cache(maxsize=4096)
def analyse(number: str) -> PhoneInfo:
    """Parse once and describe the number; raise like :func:`parse`. Cached: batches repeat numbers.

    >>> analyse('011-123-4567')
    PhoneInfo(e164='+82111234567', national='011-123-4567', type='mobile', legacy_mobile=True)
    """
    parsed = parse(number)
    kind = "mobile" if _is_010(parsed) else _TYPE_NAMES.get(phonenumbers.number_type(parsed), "unknown")
    e164 = str(phonenumbers.format_number(parsed, PhoneNumberFormat.E164))
    national_digits = "0" + e164[3:]
    return PhoneInfo(
        e164=e164,
        national=str(phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)),
        type=kind,
        legacy_mobile=kind == "mobile" and not (national_digits.startswith("010") and len(national_digits) == 11),
    )


def validate(number: str) -> str:
    """Return the number in E.164 (``+821012345678``) or raise."""
    return analyse(number).e164


def is_valid(number: str) -> bool:
    try:
        return bool(validate(number))
    except ValueError:
        return False


def format(number: str) -> str:
    """National format with dashes, e.g. ``010-1234-5678``, ``02-123-4567``."""
    return analyse(number).national


def number_type(number: str) -> str:
    """``mobile``, ``fixed_line``, ``voip``, ``uan``, ``personal_number``, ``toll_free`` …

    Korean names in :data:`TYPE_LABELS`.
    """
    return analyse(number).type


def is_mobile(number: str) -> bool:
    """``True`` for a valid mobile number; never raises."""
    try:
        return analyse(number).type == "mobile"
    except ValueError:
        return False


def is_legacy_mobile(number: str) -> bool:
    """A mobile number on an old prefix (011, 016-019) or with a 3-digit middle part (010-123-4567).

    >>> is_legacy_mobile('011-123-4567'), is_legacy_mobile('010-1234-5678')
    (True, False)
    """
    try:
        return analyse(number).legacy_mobile
    except ValueError:
        return False
