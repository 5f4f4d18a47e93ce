"""The session's merchant record as the library sees it, and what each page shows from the library's results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from flask import current_app

from pgdocs.errors import InputError, PgdocsError
from pgdocs.jsonio import JSONObject, Report, obj
from pgdocs.ocr.result import STATUS_KO as _STATUS_KO
from pgdocs.ocr.result import VERDICT_KO as _VERDICT_KO
from pgdocs.record import MerchantRecord, record_from_dict

#: documents the page checks with OCR (``pgdocs.verify`` kinds)
CHECKABLE = ("business_registration", "bankbook")
# the one wording of statuses and verdicts (pgdocs.ocr.result), re-exported for the routes
STATUS_KO = _STATUS_KO
VERDICT_KO = _VERDICT_KO


def as_dict(value: object) -> dict[str, object]:
    """A report's object (a plan, a verdict as ``to_dict`` made it) for reading, ``{}`` when it is none."""
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def as_dicts(value: object) -> list[dict[str, object]]:
    """A report's list of objects (the plan's documents …), for reading; anything else is skipped."""
    return [as_dict(v) for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def as_list(value: object) -> list[object]:
    """A report's list (the plan's channels …), ``[]`` when it is none."""
    return list(value) if isinstance(value, list) else []


def today() -> dt.date | None:
    value = current_app.config.get("TODAY")
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value if isinstance(value, dt.date) else None


def full_record(data: JSONObject, folder: Path) -> MerchantRecord:
    """The complete record (:class:`InputError` ``RECORD_SCHEMA`` with Korean messages when it is not)."""
    return record_from_dict(data, base_dir=folder)


def situation_record(data: JSONObject, folder: Path) -> MerchantRecord | None:
    """A record holding only the PG and the situation (step 1), or ``None`` when the PG is not chosen.

    Used for the plan before any business data exists; the case rules only read these fields.
    """
    from pgdocs.record import Business, PgAccount

    if not data.get("pg"):
        return None
    acct_data = {k: v for k, v in obj(data.get("pg_account")).items() if k in ("already_on_imweb", "contract_date")}
    entity = obj(data.get("business")).get("entity") or "individual"
    # the record's own converters check the PG, the entity and the dates (Korean messages)
    probe = record_from_dict({"pg": data["pg"], "business": {
        "entity": entity, "business_number": "-", "business_name": "-", "representative": "-"},
        "pg_account": acct_data})
    business = Business.model_construct(entity=probe.business.entity, business_number="", business_name="",
                                        representative="")
    rec = MerchantRecord.model_construct(pg=probe.pg, business=business,
                                         pg_account=probe.pg_account or PgAccount(), documents={})
    rec._base_dir = folder
    return rec


class VerifyRow(TypedDict):
    """One row of the verdict table (values as the verdict's JSON has them)."""

    name: str
    label: str
    declared: object
    found: object
    status: object
    status_ko: str
    detail: object
    fix: str
    fix_field: str | None  #: the input's id on 사업자 정보 where the value can be fixed


@dataclass
class PlanView:
    plan: Report | None = None
    complete: bool = False  #: from the full record (else from the PG and situation alone)
    error: PgdocsError | None = None  #: why there is no plan (CASE_UNDECIDABLE names the missing field)

    @property
    def missing(self) -> list[str]:
        details = self.error.details if self.error is not None else None
        return list(details.get("missing") or []) if isinstance(details, dict) else []


def plan_view(data: JSONObject, folder: Path) -> PlanView:
    """The full plan when the record is complete, else the situation plan, else why there is none."""
    try:
        plan, complete = _plan(data, folder)
    except PgdocsError as err:
        return PlanView(error=err)
    return PlanView(plan, complete)


def _plan(data: JSONObject, folder: Path) -> tuple[Report | None, bool]:
    from pgdocs.plan import build_plan

    try:
        rec = full_record(data, folder)
    except InputError:
        rec = None
    if rec is not None and rec.pg is not None:
        return dict(build_plan(rec, today()).to_dict()), True  # PlanReport, read as a plain dict by the routes
    sit = situation_record(data, folder)
    if sit is None:
        return None, False
    return dict(build_plan(sit, today(), validate=False).to_dict()), False


def verify_view(result: Mapping[str, object]) -> list[VerifyRow]:
    """Rows for the verdict table: label, declared, found, status, what to do about it and, for a value typed on
    사업자 정보, the link to that field (``fix_field``: the input's id on that page)."""
    from pgdocs.ocr.spec import FIELDS
    from pgdocs.ocr.spec import label as field_label
    from pgdocs.web.fields import RECORD_FIELDS

    on_info = {f.path: f.html_id for f in RECORD_FIELDS}
    rows: list[VerifyRow] = []
    for name, value in as_dict(result.get("fields")).items():
        f = as_dict(value)
        label = field_label(name)
        status = f.get("status")
        spec = FIELDS.get(name)
        fix_field = on_info.get(spec.record_path or "") if spec is not None else None
        if status == "mismatch":
            fix = (f"서류에 적힌 {label} 값이 입력한 값과 다릅니다. 입력이 틀렸으면 '사업자 정보에서 고치기'를 "
                   "누르고, 서류가 예전 것이면 최신 서류로 다시 올려 주세요.")
        elif status == "unreadable" and f.get("evidence") == "tamper":
            fix = ("이 칸은 글자를 덧붙여 고친 것처럼 보입니다. 원본 서류를 다시 찍거나 스캔해 올려 주세요. "
                   "원본이 이렇게 생겼다면 그대로 보내도 되지만, PG사가 확인을 요청할 수 있습니다.")
        elif status == "unreadable" and f.get("found"):
            # the value was read, not surely: the typing is as likely as the picture — never only photo advice
            fix = (f"서류에서 읽은 {label} 값이 확실하지 않습니다. 입력한 값과 서류를 한 번 비교해 주세요. 입력이 "
                   "틀렸으면 '사업자 정보에서 고치기'를, 맞으면 더 밝고 선명한 사진이나 스캔으로 다시 올려 주세요.")
        elif status == "unreadable":
            fix = "읽지 못했습니다. 그림자 없이 밝고 평평하게 찍거나 300 dpi로 스캔해 다시 올려 주세요."
        else:
            fix = ""
        found = f.get("found")
        if status == "match" and not found:
            found = "서류에서 같은 값을 찾았습니다"  # a match is shown with what backs it, never as "—"
        rows.append({"name": name, "label": label, "declared": f.get("declared"), "found": found,
                     "status": status, "status_ko": STATUS_KO.get(str(status), str(status)),
                     "detail": f.get("detail") or "", "fix": fix,
                     "fix_field": fix_field if status == "mismatch" or (status == "unreadable" and found
                                                                        and f.get("evidence") != "tamper") else None})
    return rows


def declared_basis(data: JSONObject) -> str:
    """A short fingerprint of what the merchant declared (business and account): a check made with another
    fingerprint is out of date — the merchant changed 사업자 정보 after the document was checked."""
    import hashlib
    import json

    basis = {k: data.get(k) for k in ("business", "settlement_account")}
    return hashlib.sha256(json.dumps(basis, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
