"""One merchant's label job: the PG recipient from the rulebook (+ sender), rendered on a sheet.

The orchestrator behind ``pgdocs labels``; the CLI only parses and prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.labels.entries import LabelEntry, recipient_entry, sender_entry
from pgdocs.labels.render import PRINT_HINT, check_start, placements, render_labels
from pgdocs.labels.sheets import DEFAULT_SHEET, Sheet, load_sheet

if TYPE_CHECKING:
    from pgdocs.record import MerchantRecord


@dataclass
class LabelsResult:
    path: Path
    sheet: Sheet
    labels: int
    pages: int
    start: int
    copies: int
    calibration: bool = False
    offset_mm: tuple[float, float] = (0.0, 0.0)
    pitch_delta_mm: tuple[float, float] = (0.0, 0.0)
    recipient: list[str] = field(default_factory=list)
    sender: bool = False
    case_id: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "output": str(self.path),
            "sheet": self.sheet.code,
            "sheet_summary": self.sheet.summary,
            "sheet_confidence": self.sheet.confidence,
            "labels": self.labels,
            "pages": self.pages,
            "start": self.start,
            "copies": self.copies,
            "sender": self.sender,
            "calibration": self.calibration,
            "offset_mm": list(self.offset_mm),
            "pitch_delta_mm": list(self.pitch_delta_mm),
            "recipient": self.recipient,
            "case_id": self.case_id,
            "print_hint": PRINT_HINT,
        }


def entry_text(entry: LabelEntry) -> list[str]:
    """The block as plain lines (postal code last), for reports."""
    lines = entry.display_lines()
    return [*lines, entry.postal_code] if entry.postal_code else lines


def labels_for_record(
    record: MerchantRecord,
    out: str | Path,
    *,
    sheet: str | Path | Sheet = DEFAULT_SHEET,
    start: int = 1,
    copies: int = 1,
    sender: bool = False,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    pitch_delta_mm: tuple[float, float] = (0.0, 0.0),
    today: dt.date | None = None,
) -> LabelsResult:
    """Labels addressed to the merchant's PG (its case's postal recipient), optionally with a sender label."""
    from pgdocs.rulebook import resolve_case

    spec = load_sheet(sheet)
    check_start(start, spec)
    case = resolve_case(record, today=today)
    recipient = recipient_entry(case)
    sender_label = sender_entry(record) if sender else None
    path = render_labels([recipient], out, sheet=spec, start=start, copies=copies, offset_mm=offset_mm,
                         sender=sender_label, title=f"주소 라벨 — {case.pg_name} ({spec.code})",
                         pitch_delta_mm=pitch_delta_mm)
    count = copies * (2 if sender_label else 1)
    return LabelsResult(
        path=path, sheet=spec, labels=count, pages=placements(count, spec, start)[-1][0] + 1, start=start,
        copies=copies, offset_mm=offset_mm, pitch_delta_mm=pitch_delta_mm, recipient=entry_text(recipient),
        sender=sender, case_id=case.case_id,
    )


def calibration_page(
    out: str | Path,
    *,
    sheet: str | Path | Sheet = DEFAULT_SHEET,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    pitch_delta_mm: tuple[float, float] = (0.0, 0.0),
) -> LabelsResult:
    """The calibration page for ``sheet``: outlines, corner crosshairs, mm rulers."""
    spec = load_sheet(sheet)
    path = render_labels([], out, sheet=spec, offset_mm=offset_mm, pitch_delta_mm=pitch_delta_mm,
                         calibration=True)
    return LabelsResult(path=path, sheet=spec, labels=0, pages=1, start=1, copies=1, calibration=True,
                        offset_mm=offset_mm, pitch_delta_mm=pitch_delta_mm)
