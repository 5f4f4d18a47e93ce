"""Text normalisation: NFC on the way in, ASCII digits, comparison keys.

Storage keeps NFC. NFKC is used only for comparison keys because it turns
compatibility jamo into conjoining jamo.
"""

from __future__ import annotations

import re
import unicodedata

#: a character that carries meaning on a page: a Hangul syllable, a digit or a Latin letter — not the punctuation
#: a speck, a stain or a table rule is read as
MEANINGFUL = re.compile(r"[가-힣0-9A-Za-z]")
# Unicode dashes and spaces that people paste into numbers.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
# Full-width ASCII (！ … ～, digits, ．, ／, ：, （ ）) → ASCII.
_FULLWIDTH_DIGITS = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TRANS: dict[int, str | int] = {**_FULLWIDTH_DIGITS, **{ord(c): "-" for c in _DASHES}, **{ord(c): " " for c in _SPACES}}


def nfc(value: str) -> str:
    """NFC-normalise a string (macOS hands out NFD)."""
    return unicodedata.normalize("NFC", value)


def deep_nfc(obj: object) -> object:
    """NFC-normalise every string in nested dicts/lists (keys too)."""
    if isinstance(obj, str):
        return nfc(obj)
    if isinstance(obj, dict):
        return {deep_nfc(k): deep_nfc(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [deep_nfc(v) for v in obj]
    return obj


def clean(value: str) -> str:
    """Map full-width digits, Unicode dashes and spaces to ASCII; strip; NFC."""
    return nfc(value).translate(_TRANS).strip()


def ascii_digits(value: str) -> str:
    """Only the ASCII digits 0-9 of ``value`` after :func:`clean` (``str.isdigit`` accepts other scripts)."""
    return re.sub(r"[^0-9]", "", clean(value))


def compact_key(value: str) -> str:
    """A comparison key: NFKC, no whitespace, lower-case. Never store it."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()
