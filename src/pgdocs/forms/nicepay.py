"""The NicePay "ID 추가 신청서": record → template variables → .docx (and PDF)."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NotRequired, TypedDict

from pgdocs.forms.render import (
    check_output,
    read_docx_bytes,
    render_docx,
    template_variables,
    write_docx_and_pdf,
)
from pgdocs.forms.safety import IssueEntry
from pgdocs.forms.values import field_values
from pgdocs.record import MerchantRecord, field_label
from pgdocs.resources import template_path

log = logging.getLogger(__name__)

TEMPLATE = ("nicepay", "id_add_request.docx")


def default_template() -> Path:
    return template_path(*TEMPLATE)


@dataclass(frozen=True, slots=True)
class FillResult:
    docx: Path
    pdf: Path | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"docx": str(self.docx), "pdf": str(self.pdf) if self.pdf else None}


def _sources(record: MerchantRecord, today: dt.date | None) -> dict[str, tuple[str, str | None]]:
    return field_values(record, today)


def nicepay_context(record: MerchantRecord, today: dt.date | None = None) -> dict[str, str]:
    """Template variables the record can supply (missing values are left out).

    >>> from pgdocs.record import record_from_dict
    >>> r = record_from_dict({"business": {"entity": "개인", "business_number": "1234567891",
    ...     "business_name": "가상상점", "representative": "홍길동"},
    ...     "pg_account": {"payment_methods": ["card", "vbank"]}})
    >>> ctx = nicepay_context(r, today=dt.date(2026, 11, 27))
    >>> ctx["application_date"], ctx["method_card"], ctx["method_transfer"], ctx["type_general"]
    ('2026년 11월 27일', '■', '□', '■')
    """
    return {k: v for k, (_, v) in _sources(record, today).items() if v is not None}


@cache
def variable_labels() -> dict[str, str]:
    """Korean name of every variable pgdocs can supply.

    ``manager_email`` → ``담당자 이메일 주소(manager.email)``.
    """
    from pgdocs.record import record_from_dict

    probe = record_from_dict(
        {"business": {"entity": "corporation", "business_number": "0",
                      "business_name": "x", "representative": "x"}}
    )
    out = {}
    for var, (path, _) in field_values(probe).items():
        out[var] = f"{field_label(path)}({path})" if path else var
    out["application_date"] = "신청일(오늘 날짜)"
    return out


def variable_label(var: str) -> str:
    return variable_labels().get(var, var)


class VariableEntry(TypedDict):
    name: str
    label: str | None
    known: bool


class UnsuppliedEntry(TypedDict):
    name: str
    label: str


class TemplateReport(TypedDict):
    """:func:`check_template`: ``unsupplied`` only when a record was given."""

    template: str
    issues: list[IssueEntry]
    variables: list[VariableEntry]
    unknown: list[str]
    unsupplied: NotRequired[list[UnsuppliedEntry]]


def check_template(
    template: str | os.PathLike[str], record: MerchantRecord | None = None, today: dt.date | None = None
) -> TemplateReport:
    """What a template needs: its variables, those pgdocs does not know, those ``record`` cannot supply,
    and every tag that is more than a placeholder (``issues``: code, part, paragraph, message — see
    :mod:`pgdocs.forms.safety`; ``fill`` refuses a template that has any)."""
    from pgdocs.forms.safety import scan_template

    data = read_docx_bytes(template)
    issues = scan_template(data)
    broken = any(i.code == "TEMPLATE_SYNTAX" for i in issues)
    variables = [] if broken else sorted(template_variables(data))
    labels = variable_labels()
    report: TemplateReport = {
        "template": str(template),
        "issues": [i.to_dict() for i in issues],
        "variables": [{"name": v, "label": labels.get(v), "known": v in labels} for v in variables],
        "unknown": [v for v in variables if v not in labels],
    }
    if record is not None:
        ctx = nicepay_context(record, today)
        report["unsupplied"] = [
            {"name": v, "label": labels.get(v, v)} for v in variables if ctx.get(v) is None
        ]
    return report


def fill_nicepay_id_add(
    record: MerchantRecord,
    out_docx: str | os.PathLike[str],
    *,
    pdf: bool = False,
    template: str | os.PathLike[str] | None = None,
    today: dt.date | None = None,
    timeout: float = 120.0,
) -> FillResult:
    """Fill the ID-addition form into ``out_docx`` (and ``<stem>.pdf`` beside it when ``pdf``).

    A value the template needs but the record lacks raises ``FORM_MISSING_VALUES``
    (exit 1) naming the field; nothing is written then.
    """
    src = Path(template) if template is not None else default_template()
    out = check_output(out_docx, src)
    data = read_docx_bytes(src)
    context = nicepay_context(record, today)
    pdf_path = write_docx_and_pdf(out, lambda target: render_docx(data, context, target, label=variable_label),
                                  pdf=pdf, timeout=timeout)
    log.info("NicePay ID-addition form written: %s%s", out.name, " + PDF" if pdf_path else "")
    return FillResult(out, pdf_path)
