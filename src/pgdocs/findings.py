"""Findings: what a check found, with a stable code, a field path, a severity and a Korean message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NotRequired, TypedDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FindingDict(TypedDict):
    """:meth:`Finding.to_dict`: a finding as JSON (``hint`` only when there is one)."""

    code: str
    path: str
    severity: str
    message: str
    hint: NotRequired[str]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  #: stable, e.g. ``BRN_CHECKSUM``
    path: str  #: field path in the record, e.g. ``business.business_number``
    severity: Severity
    message: str  #: Korean, for a merchant
    hint: str | None = None

    def to_dict(self) -> FindingDict:
        d: FindingDict = {"code": self.code, "path": self.path, "severity": str(self.severity), "message": self.message}
        if self.hint is not None:
            d["hint"] = self.hint
        return d


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
