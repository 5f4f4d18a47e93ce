"""Comparison keys for company and person names (상호, 대표자, 예금주).

Korean company names are written many ways: ``(주)에이비씨``, ``㈜ 에이비씨``, ``주식회사 에이비씨``,
``에이비씨 주식회사``, ``에이비씨(주)``. :func:`canonical_company` reduces them all to the same key so a
matcher (OCR check) or a validator (예금주 vs 상호) compares the name itself. Keys are for comparison
only: never store them.

>>> canonical_company("㈜ 에이비씨") == canonical_company("에이비씨 주식회사") == "에이비씨"
True
>>> canonical_person("홍 길동 외 2명")
'홍길동'
>>> same_holder("에이비씨(홍길동)", "에이비씨", "홍길동")
True
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from pgdocs.resources import data_path
from pgdocs.text import clean

__all__ = [
    "canonical_company",
    "canonical_person",
    "company_form",
    "legal_forms",
    "name_key",
    "same_holder",
    "strip_others",
]

# Enclosed / full-width forms people paste: ㈜ ㈲ and full-width or CJK brackets.
_CHAR_MAP = str.maketrans(
    {
        "㈜": "(주)",
        "㈲": "(유)",
        "（": "(",
        "）": ")",
        "［": "(",
        "］": ")",
        "〔": "(",
        "〕": ")",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
    }
)



@cache
def legal_forms() -> tuple[tuple[str, str], ...]:
    """(spelling, canonical form) pairs from ``data/legal_forms.toml`` — the law's words, their abbreviations,
    English suffixes and the OCR misreads of each — prepared like names and longest first, so
    사회적협동조합 wins over 협동조합 and 조합, and 유한책임회사 over 유한회사."""
    data = tomllib.loads(data_path("legal_forms.toml").read_text(encoding="utf-8"))
    pairs: dict[str, str] = {}
    for form in data["forms"]:
        canonical = str(form["canonical"])
        for key in ("abbreviations", "latin", "misreads"):
            for spelling in [canonical, *form.get(key, [])]:
                pairs.setdefault(_prep(spelling), canonical)
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


# Bracket-less leftovers of "(주)" etc. that OCR produces at the very start or end.
# OCR also turns the 주 of "(주)" into 쥐/줘/쥬/추 (sample certificates, scan/fax/JPEG variants).
_JU = ("주", "쥐", "줘", "쥬", "추")
_HALF_FORMS: tuple[tuple[str, str], ...] = (
    *((f"({ju})", "주식회사") for ju in _JU[1:]),
    *((f"({ju}", "주식회사") for ju in _JU),
    *((f"{ju})", "주식회사") for ju in _JU),
    ("(유", "유한회사"),
    ("유)", "유한회사"),
)

#: "외 N명" (more representatives); OCR also prints 명 as 멍/영/병 (docs/ocr.md#typical-confusions), 외 as 의/와/화
#: (low-resolution and unevenly lit scans), 1 as l or |, and leaves a speck of the seal or emblem between the words
#: ("심준훈외 .2 명", NTS scan at 200 dpi; "주영영 . 와 -2 명", a phone photo) or loses the digit ("이하선외 명",
#: a photo: only 외 itself, a space on one side of it and a name of two syllables or more before it — "김 외명" and
#: "김외 명" are 김외명 read apart)
OTHERS = (r"(?:(?:외|및|의|와|화)\s*[.,·'`~-]*\s*[0-9lI|ㄱ]{1,2}\s*[.,]?\s*(?:명|멍|영|병|인)"
          r"|(?<=[가-힣]{2})외\s+(?:명|멍|영|병)|(?<=[가-힣]{2}\s)외(?:명|멍|영|병))")
_OTHERS = re.compile(rf"\s*{OTHERS}\s*$")
_PUNCT = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s+")
_TITLES = ("대표이사", "공동대표", "대표자", "대표")


def _prep(name: str) -> str:
    """NFC, ASCII digits/dashes/spaces, brackets unified, no whitespace, Latin case-folded."""
    return _SPACE.sub("", clean(str(name)).translate(_CHAR_MAP)).casefold()


def _strip_forms(key: str) -> tuple[str, str | None]:
    form: str | None = None
    changed = True
    while changed and key:
        changed = False
        for table in (legal_forms(), _HALF_FORMS):
            for token, label in table:
                if key.startswith(token) and len(key) > len(token):
                    key, form, changed = key[len(token):], form or label, True
                elif key.endswith(token) and len(key) > len(token):
                    key, form, changed = key[: -len(token)], form or label, True
                if changed:
                    break
            if changed:
                break
    return key, form


def company_form(name: str) -> str | None:
    """The legal form written in ``name`` (``주식회사``, ``유한회사`` …) or ``None``.

    >>> company_form("에이비씨(유)")
    '유한회사'
    """
    return _strip_forms(_prep(name))[1]


def canonical_company(name: str) -> str:
    """Comparison key of a company name: no legal form, no whitespace, NFC, brackets unified.

    Punctuation inside the name is kept (``에이비씨(서울지점)`` stays distinguishable); use
    :func:`name_key` to drop it too.

    >>> canonical_company("주식회사 에이비씨") == canonical_company("에이비씨（주）")
    True
    """
    key = _prep(name)
    core, _ = _strip_forms(key)
    return core or key


def strip_others(name: str) -> str:
    """Drop a trailing "외 N명" (more representatives) from a name.

    >>> strip_others("홍길동 외 1명")
    '홍길동'
    """
    return _OTHERS.sub("", clean(str(name)))


def canonical_person(name: str) -> str:
    """Comparison key of a person's name: no "외 N명", no whitespace, NFC, Latin case-folded."""
    return _prep(strip_others(name))


def name_key(name: str, *, kind: str = "company") -> str:
    """Like the canonical forms but with all punctuation removed (only letters and digits)."""
    base = canonical_company(name) if kind == "company" else canonical_person(name)
    return _PUNCT.sub("", base)


def same_holder(holder: str, business_name: str | None, representative: str | None) -> bool:
    """Is an account holder (예금주) the business itself or its representative?

    Accepts the 상호 in any company-form spelling, the 대표자 alone, or both together in either
    order with brackets, spaces or "대표" between them (banks print 개인사업자 accounts as
    ``상호(대표자)`` or ``상호 대표자``).

    >>> same_holder("㈜에이비씨", "주식회사 에이비씨", "홍길동")
    True
    >>> same_holder("김철수", "에이비씨", "홍길동")
    False
    """
    h = name_key(holder)
    if not h:
        return False
    b = name_key(business_name) if business_name else ""
    r = name_key(representative, kind="person") if representative else ""
    if h in {b, r} - {""}:
        return True
    if not (b and r):
        return False
    return any(h in (b + title + r, r + title + b) for title in ("", *_TITLES))
