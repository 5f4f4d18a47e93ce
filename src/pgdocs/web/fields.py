"""The record form: which fields the page asks for, and turning form data into a record dict.

Labels come from :data:`pgdocs.record.FIELD_LABELS`; values are checked by the library
(:func:`pgdocs.record.record_from_dict`, :func:`pgdocs.validate.validate_record`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from pgdocs.jsonio import JSONObject, JSONValue
from pgdocs.pglist import pg_names
from pgdocs.record import PAYMENT_METHODS, PAYMENT_TYPES, field_label
from pgdocs.text import nfc


@dataclass(frozen=True)
class FormField:
    path: str
    kind: str = "text"  #: text | date | email | tel | select | checks
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    required: bool = False
    autocomplete: str = "off"
    help: str = ""  #: where the merchant finds the answer, shown under the field

    @property
    def label(self) -> str:
        return field_label(self.path)

    @property
    def html_id(self) -> str:
        return "f-" + self.path.replace(".", "-")


ENTITY_CHOICES = (("individual", "개인사업자"), ("corporation", "법인사업자"))
TAX_CHOICES = (("", "선택 안 함"), ("general", "일반과세자"), ("simple", "간이과세자"), ("exempt", "면세사업자"))
CHANNEL_CHOICES = (("", "자동 (규칙에 맞게)"), ("post", "우편"), ("email", "이메일"))
PG_CHOICES = tuple(pg_names().items())

#: page 1 — the situation
SITUATION = (
    FormField("pg", "select", PG_CHOICES, required=True),
    FormField("business.entity", "select", ENTITY_CHOICES, required=True),
    FormField("pg_account.already_on_imweb", "select", (("", "모름"), ("true", "예"), ("false", "아니오")),
              help="지금 아임웹 사이트에서 이 PG로 결제를 받고 있으면 '예', 다른 쇼핑몰 솔루션에서만 써 왔으면 "
                   "'아니오'입니다. 나이스페이는 이 답에 따라 절차가 달라지니, 모르겠으면 아임웹 채팅상담에 "
                   "물어본 뒤 골라 주세요."),
    FormField("pg_account.contract_date", "date",
              help="PG사와 계약을 마친 날입니다. 계약 완료 안내 메일이나 계약서에서 찾을 수 있고, 모르면 PG사 "
                   "고객센터에 물어보세요. 비워 두면 더 엄격한 경우(1년 초과)로 안내합니다."),
)

#: page 2 — the record, in groups
GROUPS: tuple[tuple[str, tuple[FormField, ...]], ...] = (
    ("사업자등록증 내용", (
        FormField("business.business_number", placeholder="000-00-00000", required=True),
        FormField("business.business_name", required=True, autocomplete="organization"),
        FormField("business.representative", required=True),
        FormField("business.tax_type", "select", TAX_CHOICES),
        FormField("business.birth_date", "date"),
        FormField("business.opening_date", "date"),
        FormField("business.corporate_number", placeholder="000000-0000000 (법인만)"),
        FormField("business.address", autocomplete="street-address"),
        FormField("business.postal_code", placeholder="5자리", autocomplete="postal-code"),
        FormField("business.business_type"),
        FormField("business.business_item"),
        FormField("business.phone", "tel"),
    )),
    ("연락처", (
        FormField("representative_contact.phone", "tel"),
        FormField("representative_contact.email", "email"),
        FormField("manager.name"),
        FormField("manager.phone", "tel"),
        FormField("manager.email", "email"),
        FormField("site_url", placeholder="https://myshop.imweb.me"),
    )),
    ("정산 계좌", (
        FormField("settlement_account.bank", placeholder="예: 국민은행"),
        FormField("settlement_account.number"),
        FormField("settlement_account.holder"),
    )),
    ("PG 계약", (
        FormField("pg_account.existing_mid"),
        FormField("pg_account.new_mid"),
        FormField("pg_account.payment_methods", "checks", tuple(PAYMENT_METHODS.items())),
        FormField("pg_account.payment_types", "checks", tuple(PAYMENT_TYPES.items())),
        FormField("pg_account.settlement_cycle", placeholder="예: D+2"),
        FormField("pg_account.preferred_channel", "select", CHANNEL_CHOICES),
    )),
    ("토스페이먼츠 키 (토스페이먼츠만)", (
        FormField("pg_account.toss_keys.mid"),
        FormField("pg_account.toss_keys.mert_key"),
        FormField("pg_account.toss_keys.api_key"),
        FormField("pg_account.toss_keys.client_key"),
    )),
)
RECORD_FIELDS: tuple[FormField, ...] = tuple(f for _, fs in GROUPS for f in fs)


def groups_for(data: Mapping[str, JSONValue], channels: Iterable[str] | None = None,
               ) -> tuple[tuple[str, tuple[FormField, ...]], ...]:
    """The groups a merchant in this situation fills: no 법인등록번호 for an individual, no Toss keys for the
    other PGs (a field that does not apply is not shown; when the situation is not chosen yet, everything is).
    ``channels``: the case's ways of sending (the plan's): 제출 방법 offers only those."""
    from pgdocs.rulebook import load_rulebook

    entity, pg = get_path(data, "business.entity"), get_path(data, "pg")
    pgs = load_rulebook().pgs
    mine = set(pgs[pg].own_fields) if isinstance(pg, str) and pg in pgs else set()
    # fields only another PG uses (the rulebook's own_fields): hidden once the PG is chosen
    others = tuple(f"{p}." for other in pgs.values() for p in other.own_fields if p not in mine) if pg else ()
    out = []
    for title, fs in GROUPS:
        if others and any(f.path.startswith(others) for f in fs):
            continue
        kept = tuple(f for f in fs if not (entity == "individual" and f.path == "business.corporate_number"))
        if channels is not None:
            allowed = set(channels)
            kept = tuple(dataclasses.replace(f, choices=tuple(c for c in f.choices if not c[0] or c[0] in allowed))
                         if f.path == "pg_account.preferred_channel" else f
                         for f in kept if allowed or f.path != "pg_account.preferred_channel")  # nothing is sent
        out.append((title, kept))
    return tuple(out)
ALL_FIELDS: tuple[FormField, ...] = SITUATION + RECORD_FIELDS


def get_path(data: Mapping[str, JSONValue], path: str) -> JSONValue:
    first, *rest = path.split(".")
    obj = data.get(first)
    for part in rest:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(part)
    return obj


def set_path(data: JSONObject, path: str, value: JSONValue) -> None:
    parts = path.split(".")
    obj = data
    for part in parts[:-1]:
        nxt = obj.get(part)
        if not isinstance(nxt, dict):
            nxt = obj[part] = {}
        obj = nxt
    if value is None:
        obj.pop(parts[-1], None)
    else:
        obj[parts[-1]] = value


def prune(data: JSONObject) -> JSONObject:
    """Drop empty groups (an empty ``manager`` {} is no information)."""
    out: JSONObject = {}
    for k, v in data.items():
        if isinstance(v, dict) and k != "documents":
            v = prune(v)
            if not v:
                continue
        out[k] = v
    return out


def apply_form(data: JSONObject, form: MultiDict[str, str] | Mapping[str, object],
               fields: tuple[FormField, ...]) -> JSONObject:
    """Copy ``fields`` from a form (werkzeug MultiDict or dict of str/list) into ``data``; empty clears."""
    for f in fields:
        if f.kind == "checks":
            values: object = form.getlist(f.path) if isinstance(form, MultiDict) else form.get(f.path) or []
            if isinstance(values, str):
                values = [values]
            checked: list[JSONValue] = [nfc(str(v)).strip() for v in values if str(v).strip()] \
                if isinstance(values, Iterable) else []
            set_path(data, f.path, checked or None)
        else:
            raw = form.get(f.path)
            value = nfc(str(raw)).strip() if raw is not None else ""
            if value and f.kind == "date":
                value = _iso_date(value)
            set_path(data, f.path, value or None)
    return prune(data)


def _iso_date(value: str) -> str:
    """A date typed any way the record reads it (``20260601``, ``2026.6.1``) as the date input's ``2026-06-01``;
    anything else is kept as typed, for the record's own message."""
    from pgdocs.dates import parse_date

    try:
        return parse_date(value).isoformat()
    except (ValueError, TypeError):
        return value


def form_values(data: Mapping[str, JSONValue]) -> dict[str, str | list[JSONValue]]:
    """What each form field shows for a record dict (lists for checkboxes, text otherwise)."""
    out: dict[str, str | list[JSONValue]] = {}
    for f in ALL_FIELDS:
        v = get_path(data, f.path)
        if f.kind == "checks":
            out[f.path] = list(v) if isinstance(v, list) else []
        elif isinstance(v, bool):
            out[f.path] = "true" if v else "false"
        else:
            out[f.path] = "" if v is None else str(v)
    return out


_PATH_IN_MESSAGE = re.compile(r"\(([a-z_]+(?:\.[a-z_]+)*)\)")


def schema_errors_by_field(messages: list[str]) -> dict[str, list[str]]:
    """Group the record's Korean schema messages (``대표자(business.representative): …``) by field path."""
    out: dict[str, list[str]] = {}
    for msg in messages:
        m = _PATH_IN_MESSAGE.search(msg)
        path = m.group(1) if m else ""
        if not m:
            head = msg.split(":", 1)[0].strip()
            path = head if re.fullmatch(r"[a-z_.]+", head) else ""
        out.setdefault(path, []).append(msg)
    return out
