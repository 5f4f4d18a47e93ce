"""A merchant's plan: case, ordered steps, documents, channel, recipient and expected completion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from pgdocs.bizdays import add_business_days
from pgdocs.findings import Finding, FindingDict, Severity
from pgdocs.hangul import particle
from pgdocs.record import MerchantRecord
from pgdocs.rulebook import Case, CaseReport, DocumentSpec, choose_channel, extra_warnings, load_rulebook, resolve_case


@dataclass
class PlannedDocument:
    spec: DocumentSpec
    path: str | None  #: as declared in the record (relative), if any
    present: bool | None  #: file exists; None when the record does not name one


#: earliest and latest expected completion, ISO dates (``from`` is a keyword, hence the functional form)
DateRange = TypedDict("DateRange", {"from": str, "to": str})


class TimelineEntry(TypedDict):
    stage: str
    days: list[int]
    estimated: bool


class PlanReport(CaseReport):
    """:meth:`Plan.to_dict`: the case as JSON with the merchant's documents, dates and warnings."""

    today: str
    channel: str | None
    channel_name: str | None
    expected_completion: DateRange | None
    lead_note: str | None
    timeline: list[TimelineEntry]
    estimated: bool
    warnings: list[FindingDict]


@dataclass
class Plan:
    record: MerchantRecord
    case: Case
    today: dt.date
    documents: list[PlannedDocument]
    channel: str | None
    expected: tuple[dt.date, dt.date] | None
    warnings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> PlanReport:
        entity = self.record.business.entity
        out: PlanReport = {
            **self.case.to_dict(entity),
            "documents": [
                {"id": d.spec.id, "title": d.spec.title, "required": d.spec.required, "confirmed": d.spec.confirmed,
                 "generated": d.spec.generated, "path": d.path, "present": d.present, "source": d.spec.source}
                for d in self.documents
            ],
            "today": self.today.isoformat(),
            "channel": self.channel,
            "channel_name": load_rulebook().channel_name(self.channel) if self.channel else None,
            "expected_completion": (
                None
                if self.expected is None
                else {"from": self.expected[0].isoformat(), "to": self.expected[1].isoformat()}
            ),
            "lead_note": self.case.lead_note,
            "timeline": [
                {"stage": st.name, "days": list(st.days), "estimated": st.estimated}
                for st in self.case.stages(self.channel)
            ],
            "estimated": any(st.estimated for st in self.case.stages(self.channel)),
            "warnings": [w.to_dict() for w in self.warnings],
        }
        return out


def build_plan(record: MerchantRecord, today: dt.date | None = None, *, validate: bool = True) -> Plan:
    """Work out the merchant's case and everything to do, in order.

    ``validate=False`` skips the record's validation findings: for a plan from the PG and the
    situation alone (the web page's first step, before any business data is entered).
    """
    today = today or dt.date.today()
    case = resolve_case(record, today)
    docs: list[PlannedDocument] = []
    for spec in case.documents_for(record.business.entity):
        rel = record.documents.get(spec.id)
        path = record.document_path(spec.id)
        docs.append(PlannedDocument(spec=spec, path=rel, present=None if path is None else path.is_file()))
    channel = choose_channel(case, "auto", record) if case.mail_channels else None
    expected = None
    stages = case.stages(channel)
    if stages:  # the whole process: preparing, sending, the PG's review and MID issue, Imweb's part
        lo, hi = sum(st.days[0] for st in stages), sum(st.days[1] for st in stages)
        expected = (add_business_days(today, lo), add_business_days(today, hi))
    elif case.lead_days:
        lo, hi = case.lead_days[0], case.lead_days[-1]
        expected = (add_business_days(today, lo), add_business_days(today, hi))
    warnings = [Finding(code, "pg", Severity.WARNING, msg) for code, msg, _ in extra_warnings(record)]
    warnings.extend(Finding("CASE_NOTE", "pg_account.contract_date", Severity.INFO, n) for n in case.notes)
    for d in docs:
        if not d.spec.confirmed:
            warnings.append(Finding(
                "DOCUMENT_UNCONFIRMED", f"documents.{d.spec.id}", Severity.INFO,
                f"'{d.spec.title}'{particle(d.spec.title, '은')} 도움말에 목록이 없어 추정한 서류입니다. "
                f"제출 전 {case.pg_name}에 확인하세요.",
            ))
    # Validation findings (test keys, check digits …) belong in the plan too: a merchant reads one list.
    if validate:
        from pgdocs.validate import validate_record

        warnings.extend(f for f in validate_record(record, today=today) if f.severity is not Severity.INFO)
    return Plan(record=record, case=case, today=today, documents=docs, channel=channel, expected=expected,
                warnings=warnings)
