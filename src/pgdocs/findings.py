"""Findings: what a check found, with a stable code, a field path, a severity and a Korean message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  #: stable, e.g. ``BRN_CHECKSUM``
    path: str  #: field path in the record, e.g. ``business.business_number``
    severity: Severity
    message: str  #: Korean, for a merchant
    hint: str | None = None

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["severity"] = str(self.severity)
        if d["hint"] is None:
            del d["hint"]
        return d


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
