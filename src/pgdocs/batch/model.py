"""Plain, picklable data passed between the batch orchestrator and its workers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from pgdocs.jsonio import Report

if TYPE_CHECKING:
    from pgdocs.findings import FindingDict
    from pgdocs.labels.entries import LabelEntryDict

#: Row statuses shown in the report (issue 6).
DONE = "완료"
ERROR = "오류"
REVIEW = "검토 필요"
STATUS_ORDER = {DONE: 0, REVIEW: 1, ERROR: 2}
STAGES = ("forms", "packets", "labels")


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    docs_root: Path | None = None
    what: tuple[str, ...] = STAGES
    check: bool = True  #: run the certificate / bank-book checks inside packets (OCR)
    channel: str = "auto"
    today: str | None = None  #: ISO date for rulebook decisions (tests); None = today
    fault_row: int | None = None  #: test fault: raise inside this row's processing


class RowLabels(TypedDict):
    """The labels of a row that goes by post (as :meth:`pgdocs.labels.LabelEntry.to_dict`)."""

    entries: list[LabelEntryDict]


@dataclass
class RowResult:
    row: int
    folder: str  #: ``0003_1234567890`` (never from free text)
    status: str = DONE
    findings: list[FindingDict] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  #: paths relative to OUT
    output_hashes: dict[str, str] = field(default_factory=dict)
    label: RowLabels | None = None  #: the labels when the row goes by post
    channel: str | None = None
    case_id: str | None = None
    business_name: str | None = None
    business_number: str | None = None
    input_hash: str = ""
    reused: bool = False
    seconds: float = 0.0
    worker_peak_mb: float = 0.0  #: peak RSS of the worker or of its largest child so far, when the row was done
    cpu_seconds: float = 0.0  #: CPU time of the worker and its children for this row (chunk phases split evenly)
    worker: str = ""  #: ``host:pid`` of the worker process that made it (resume state only, not in the report)

    @property
    def codes(self) -> list[str]:
        seen: list[str] = []
        for f in self.findings:
            if f["code"] not in seen:
                seen.append(f["code"])
        return seen

    def to_dict(self) -> Report:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> RowResult:
        """A result as :meth:`to_dict` wrote it (the resume state, a worker's streamed row), unknown keys ignored.

        The fields are taken as written (pgdocs's own files); anything but an object raises ``TypeError``, which
        the readers treat as an unreadable row.
        """
        if not isinstance(data, dict):
            raise TypeError(f"a row result is a JSON object, not {type(data).__name__}")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def folder_name(row: int, business_digits: str) -> str:
    """``{row:04d}_{digits}``: only the row number and ASCII digits, never free text."""
    digits = "".join(ch for ch in business_digits if ch in "0123456789")[:13]
    return f"{row:04d}_{digits or 'no_brn'}"
