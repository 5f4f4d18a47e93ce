"""One spec per document field: what it is called, how it is compared, re-read and masked.

Before this module one certificate field was described in about nine tables (verify ×3, match, reread,
annotate, cli/ocr, the web page …), each with its own Korean name. Everything that needs to know about a
field reads :data:`FIELDS` (or the helpers below) instead.

``labels_key`` is the field's key in ``data/certificate_labels.toml`` (the label spellings the reader looks
up on the page: :mod:`pgdocs.ocr.fields`), ``None`` for fields that have no printed label of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pgdocs.ocr import match

__all__ = [
    "CERTIFICATE_CHECKS",
    "FIELDS",
    "FieldSpec",
    "Kind",
    "Reread",
    "label",
    "mask_value",
    "matcher",
    "reread_fields",
    "spec",
]

Kind = Literal["number", "date", "company", "person", "address", "items", "account", "holder", "bank", "text"]
#: how :mod:`pgdocs.ocr.reread` reads the field's crop again: one text line (psm 7) taken whole, a block
#: (psm 6, one value per line), free text that may wrap, a date (digit whitelist), digits only
Reread = Literal["line", "block", "text", "date", "digits"]
#: declared value (as the record holds it: text, a date, a list of items), value read → MatchScore
Matcher = Callable[[object, "str | None"], match.MatchScore]


def _mask_birth(v: str) -> str:
    from pgdocs.mask import mask_birth_date

    try:
        return str(mask_birth_date(v))
    except (ValueError, TypeError):  # pragma: no cover - mask_birth_date works on any text
        return "****-**-**"


def _mask_account(v: str) -> str:
    from pgdocs.mask import mask_account

    return mask_account(v)


def _mask_phone(v: str) -> str:
    from pgdocs.mask import mask_phone

    return mask_phone(v)


@dataclass(frozen=True)
class FieldSpec:
    name: str  #: the field's key in ``extract``/``verify`` JSON
    #: what merchants and support staff read (Korean, no particles), for a field the record does not name
    own_label: str
    kind: Kind
    matcher: Matcher | None = None  #: declared value, value read → MatchScore
    reread: Reread | None = None  #: how a second look reads its crop (None: no second look)
    mask: Callable[[str], str] | None = None  #: personal data: how it is shown in logs, reports and JSON
    labels_key: str | None = None  #: key in data/certificate_labels.toml
    #: free text: a difference read with low confidence is noise (review), not evidence
    free_text: bool = False
    check_digit: str | None = None  #: "brn" / "crn": the number carries a check digit
    #: the record field it is declared in; its Korean name (:data:`pgdocs.record.FIELD_LABELS`) is the label,
    #: so a merchant reads the same word in the form, in ``validate`` and in a verdict
    record_path: str | None = None

    @property
    def label(self) -> str:
        from pgdocs.record import FIELD_LABELS

        return FIELD_LABELS.get(self.record_path or "", self.own_label)


def _declared_text(d: object) -> str:
    if isinstance(d, str):
        return d
    raise TypeError(f"declared value must be text, not {type(d).__name__}")


def _number(kind: str) -> Matcher:
    return lambda d, f: match.match_number(_declared_text(d), f, kind=kind)


def _name(kind: str) -> Matcher:
    return lambda d, f: match.match_name(_declared_text(d), f, kind=kind)


def _date(d: object, f: str | None) -> match.MatchScore:
    if isinstance(d, (dt.date, str)):
        return match.match_date(d, f)
    raise TypeError(f"declared date must be a date or text, not {type(d).__name__}")


def _address(d: object, f: str | None) -> match.MatchScore:
    return match.match_address(_declared_text(d), f)


def _items(d: object, f: str | None) -> match.MatchScore:
    if isinstance(d, list):
        return match.match_items([_declared_text(x) for x in d], f)
    return match.match_items(_declared_text(d), f)


FIELDS: dict[str, FieldSpec] = {s.name: s for s in (
    FieldSpec("business_number", "사업자등록번호", "number", _number("brn"), "digits",
              labels_key="business_number", check_digit="brn", record_path="business.business_number"),
    FieldSpec("business_name", "상호", "company", _name("company"), "line", labels_key="business_name",
              free_text=True, record_path="business.business_name"),
    FieldSpec("representative", "대표자", "person", _name("person"), "line", labels_key="representative",
              free_text=True, record_path="business.representative"),
    FieldSpec("birth_date", "생년월일", "date", _date, "date", mask=_mask_birth,
              labels_key="birth_date", record_path="business.birth_date"),
    FieldSpec("opening_date", "개업연월일", "date", _date, "date", labels_key="opening_date",
              record_path="business.opening_date"),
    FieldSpec("corporate_number", "법인등록번호", "number", _number("crn"), "digits",
              labels_key="corporate_number", check_digit="crn", record_path="business.corporate_number"),
    FieldSpec("address", "사업장 소재지", "address", _address, "text", labels_key="address",
              free_text=True, record_path="business.address"),
    FieldSpec("head_office_address", "본점 소재지", "address", _address, "text",
              labels_key="head_office_address", free_text=True),
    FieldSpec("business_type", "업태", "items", _items, "block", labels_key="business_type",
              free_text=True, record_path="business.business_type"),
    FieldSpec("business_item", "종목", "items", _items, "block", labels_key="business_item",
              free_text=True, record_path="business.business_item"),
    FieldSpec("issue_date", "발급일", "date", _date),
    FieldSpec("tax_office", "세무서", "text"),
    # bank book (통장 사본): compared page-wide by :mod:`pgdocs.ocr.bankbook`
    FieldSpec("account_number", "계좌번호", "account", mask=_mask_account,
              record_path="settlement_account.number"),
    FieldSpec("holder", "예금주", "holder", free_text=True, record_path="settlement_account.holder"),
    FieldSpec("bank", "은행", "bank", record_path="settlement_account.bank"),
    FieldSpec("phone", "전화번호", "text", mask=_mask_phone),
)}

#: the certificate fields ``verify`` compares, in the order reasons are given
CERTIFICATE_CHECKS: tuple[str, ...] = (
    "business_number", "business_name", "representative", "birth_date", "opening_date", "corporate_number",
    "address", "business_type", "business_item",
)


def spec(name: str) -> FieldSpec | None:
    return FIELDS.get(name)


def label(name: str) -> str:
    """The Korean name of a field (its key when unknown, which never happens for our own fields)."""
    s = FIELDS.get(name)
    return s.label if s is not None else name


def mask_value(name: str, value: str | None) -> str | None:
    """``value`` as it may be shown in a log, report or JSON: personal fields masked."""
    if value is None:
        return None
    s = FIELDS.get(name)
    return s.mask(str(value)) if s is not None and s.mask is not None else value


def matcher(name: str) -> Matcher:
    s = FIELDS[name]
    if s.matcher is None:
        raise KeyError(name)
    return s.matcher


def reread_fields(mode: Reread | None = None) -> frozenset[str]:
    """Fields a second look can read again (of one ``mode``, or any)."""
    return frozenset(n for n, s in FIELDS.items() if s.reread is not None and (mode is None or s.reread == mode))
