"""Banks (KFTC codes, names, aliases) and settlement-account soft checks.

The table lives in ``data/banks.toml``; every entry carries its source. Bank
check-digit algorithms are not published, so an offline check can only look at
the number of digits (a warning) — the real check is 예금주 against 상호/대표자
and the 통장 사본.

>>> lookup('KB국민은행').code, lookup('국민').code, lookup('004').name
('004', '004', 'KB국민은행')
>>> lookup('농협').code, lookup('지역 농협').code
('011', '012')
>>> lookup('없는은행') is None
True
>>> account_length_ok(lookup('카카오뱅크'), '3333-01-1234567')
True
>>> holder_matches('(주)에이비씨', business_name='주식회사 에이비씨', representative='홍길동')
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from pgdocs.ids._exceptions import InvalidComponent, InvalidFormat, InvalidLength
from pgdocs.ids._util import MAX_INPUT, guard
from pgdocs.names import same_holder
from pgdocs.resources import data_path
from pgdocs.text import clean, compact_key

__all__ = ["Bank", "account_length_ok", "banks", "compact_account", "get", "holder_matches",
           "lookup", "validate_account"]


@dataclass(frozen=True, slots=True)
class Bank:
    code: str  #: KFTC 3-digit code, e.g. ``004``
    name: str  #: display name, e.g. ``KB국민은행``
    aliases: tuple[str, ...]
    account_lengths: tuple[int, ...]
    other_codes: tuple[str, ...]
    source: str


def _key(name: str) -> str:
    k = compact_key(name)
    k = re.sub(r"[()\[\]·.\-_/]", "", k)
    return k.removesuffix("은행") if k != "은행" else k


@cache
def banks() -> tuple[Bank, ...]:
    """Every bank in ``data/banks.toml``."""
    with data_path("banks.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    return tuple(
        Bank(
            code=str(b["code"]),
            name=str(b["name"]),
            aliases=tuple(str(a) for a in b.get("aliases", ())),
            account_lengths=tuple(int(n) for n in b.get("account_lengths", ())),
            other_codes=tuple(str(c) for c in b.get("other_codes", ())),
            source=str(b["source"]),
        )
        for b in raw["bank"]
    )


@cache
def _index() -> dict[str, Bank]:
    idx: dict[str, Bank] = {}
    for b in banks():
        for key in (b.code, *b.other_codes, _key(b.name), *(_key(a) for a in b.aliases)):
            if key in idx and idx[key] is not b:
                raise RuntimeError(f"banks.toml: alias {key!r} names two banks ({idx[key].code}, {b.code})")
            idx[key] = b
    return idx


def lookup(name_or_code: str) -> Bank | None:
    """The bank named (any alias, spaces and '은행' ignored) or coded (``004``, ``4``), else ``None``."""
    if len(name_or_code) > MAX_INPUT:
        return None
    text = clean(name_or_code)
    if re.fullmatch(r"[0-9]{1,3}", text):
        text = text.zfill(3)
        return _index().get(text)
    return _index().get(_key(text)) if text else None


def get(name_or_code: str) -> Bank:
    """Like :func:`lookup` but raises :class:`InvalidComponent` for an unknown bank."""
    bank = lookup(name_or_code)
    if bank is None:
        raise InvalidComponent(
            "알 수 없는 은행입니다. 은행 이름을 정확히 적어 주세요 (예: KB국민은행, 신한은행)."
        )
    return bank


def compact_account(number: str) -> str:
    """Account number digits only (dashes and spaces removed)."""
    return re.sub(r"[\s\-.]", "", clean(number))


def validate_account(number: str) -> str:
    """Digits only, 6-16 of them (any bank); return the compact number or raise."""
    n = compact_account(guard(number, "계좌번호"))
    if not re.fullmatch(r"[0-9]+", n):
        raise InvalidFormat("계좌번호는 숫자와 '-'만 적어 주세요.")
    if not 6 <= len(n) <= 16:
        raise InvalidLength(f"계좌번호 자릿수({len(n)}자리)가 은행 계좌로 보기 어렵습니다.")
    return n


def account_length_ok(bank: Bank, number: str) -> bool:
    """Whether the digit count is one the bank has used (soft check; an unknown table says yes)."""
    return not bank.account_lengths or len(compact_account(number)) in bank.account_lengths


def holder_matches(holder: str, *, business_name: str | None, representative: str | None) -> bool:
    """예금주 names the business (any company-form spelling) or its representative, or both together.

    The comparison keys come from :mod:`pgdocs.names` (shared with the OCR check of 통장 사본).
    """
    if max(len(holder), len(business_name or ""), len(representative or "")) > MAX_INPUT:
        return False
    return same_holder(holder, business_name, representative)
