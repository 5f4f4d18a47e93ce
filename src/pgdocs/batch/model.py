"""Plain, picklable data passed between the batch orchestrator and its workers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, TypeGuard

from pgdocs.jsonio import JSONObject, JSONValue, Report

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
    def from_dict(cls, data: JSONValue) -> RowResult:
        """A result as :meth:`to_dict` wrote it (the resume state, a worker's streamed row), unknown keys ignored.

        Every field is checked against its type; a file that does not hold one (torn, edited) raises
        ``TypeError``, which the readers treat as an unreadable row: it runs again.
        """
        if not isinstance(data, dict):
            raise TypeError(f"a row result is a JSON object, not {type(data).__name__}")
        row = data.get("row")
        if not isinstance(row, int) or isinstance(row, bool):
            raise TypeError(f"row: a whole number expected, not {row!r}")
        findings, label = data.get("findings", []), data.get("label")
        if not isinstance(findings, list) or not all(_is_finding(f) for f in findings):
            raise TypeError("findings: a list of findings expected")
        if label is not None and not _is_labels(label):
            raise TypeError("label: {entries: [label …]} expected")
        return cls(
            row=row, folder=_text(data, "folder"), status=_text(data, "status", DONE),
            findings=[f for f in findings if _is_finding(f)], outputs=_texts(data, "outputs"),
            output_hashes=_text_map(data, "output_hashes"), label=label,
            channel=_opt_text(data, "channel"), case_id=_opt_text(data, "case_id"),
            business_name=_opt_text(data, "business_name"), business_number=_opt_text(data, "business_number"),
            input_hash=_text(data, "input_hash", ""), reused=_flag(data, "reused"),
            seconds=_number(data, "seconds"), worker_peak_mb=_number(data, "worker_peak_mb"),
            cpu_seconds=_number(data, "cpu_seconds"), worker=_text(data, "worker", ""),
        )


# -- reading a row result back (resume): each value as written, or TypeError ---------------------------------------
def _text(data: JSONObject, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"{key}: text expected, not {value!r}")
    return value


def _opt_text(data: JSONObject, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{key}: text expected, not {value!r}")
    return value


def _flag(data: JSONObject, key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise TypeError(f"{key}: true/false expected, not {value!r}")
    return value


def _number(data: JSONObject, key: str) -> float:
    value = data.get(key, 0.0)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"{key}: a number expected, not {value!r}")
    return value


def _texts(data: JSONObject, key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key}: a list of text expected")
    out = [v for v in value if isinstance(v, str)]
    if len(out) != len(value):
        raise TypeError(f"{key}: a list of text expected")
    return out


def _text_map(data: JSONObject, key: str) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise TypeError(f"{key}: a table of text expected")
    out = {k: v for k, v in value.items() if isinstance(v, str)}
    if len(out) != len(value):
        raise TypeError(f"{key}: a table of text expected")
    return out


def _is_finding(value: JSONValue) -> TypeGuard[FindingDict]:
    """A finding as :meth:`pgdocs.findings.Finding.to_dict` writes it."""
    return (isinstance(value, dict)
            and all(isinstance(value.get(k), str) for k in ("code", "path", "severity", "message"))
            and isinstance(value.get("hint", ""), str))


_LABEL_TEXTS = ("name", "postal_code", "caption")


def _is_label_entry(value: JSONValue) -> bool:
    if not isinstance(value, dict):
        return False
    lines, meta = value.get("lines"), value.get("meta")
    return (isinstance(lines, list) and all(isinstance(x, str) for x in lines)
            and all(value.get(k) is None or isinstance(value.get(k), str) for k in _LABEL_TEXTS)
            and value.get("honorific") in (None, "귀하", "귀중", "앞")
            and isinstance(meta, dict) and all(isinstance(x, str) for x in meta.values()))


def _is_labels(value: JSONValue) -> TypeGuard[RowLabels]:
    """A row's labels as :meth:`pgdocs.labels.LabelEntry.to_dict` writes them, under ``entries``."""
    if not isinstance(value, dict):
        return False
    entries = value.get("entries")
    return isinstance(entries, list) and all(_is_label_entry(e) for e in entries)


def folder_name(row: int, business_digits: str) -> str:
    """``{row:04d}_{digits}``: only the row number and ASCII digits, never free text."""
    digits = "".join(ch for ch in business_digits if ch in "0123456789")[:13]
    return f"{row:04d}_{digits or 'no_brn'}"
