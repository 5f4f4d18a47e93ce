"""Korean identifiers, one stdnum-style module each (``compact``, ``validate``, ``is_valid``, ``format``).

- :mod:`pgdocs.ids.brn` 사업자등록번호 (with the check digit python-stdnum lacks) and its type digits
- :mod:`pgdocs.ids.crn` 법인등록번호
- :mod:`pgdocs.ids.phone` phone numbers (phonenumbers, region KR)
- :mod:`pgdocs.ids.email` e-mail addresses (email-validator, offline)
- :mod:`pgdocs.ids.bank` KFTC bank codes, aliases, account lengths, 예금주 matching
- :mod:`pgdocs.ids.postal` 5-digit postal codes and their 시·도
- :mod:`pgdocs.ids.url` site URLs, KG이니시스 ``*host`` form value
- :mod:`pgdocs.ids.mid` MID shapes per PG (warnings only)
- :mod:`pgdocs.ids.toss` 토스페이먼츠 keys

Errors form a tree rooted in ``ValueError`` (:mod:`pgdocs.ids._exceptions`).
"""

from __future__ import annotations

from pgdocs.ids._exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

__all__ = ["InvalidChecksum", "InvalidComponent", "InvalidFormat", "InvalidLength", "ValidationError"]
