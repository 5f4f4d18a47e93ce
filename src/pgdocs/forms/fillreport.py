"""The report of ``fill --by-labels``: what was filled, ticked, kept, missing, not held, unplaced, not understood.

Every entry has a stable ``code`` (support staff), a Korean ``label`` as printed on the form and
``where`` (area body/header/footer/textbox, table, row, cell — counted from 1 — or paragraph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Required, TypedDict

from pgdocs.jsonio import Report

_AREA_KO = {"body": "본문", "header": "머리글", "footer": "바닥글", "textbox": "글상자"}
#: stable codes per report list (support staff); the Korean text is for the merchant
CODES = {"filled": "FORM_FILLED", "ticked": "FORM_TICKED", "kept": "FORM_KEPT", "no_value": "FORM_NO_VALUE",
         "not_held": "FORM_NOT_HELD", "unplaceable": "FORM_NO_CELL", "unknown": "FORM_LABEL_UNKNOWN"}


class Where(TypedDict, total=False):
    """A place in the form, counted from 1: a table cell (``table``, ``row``, ``cell``) or a ``paragraph``."""

    area: Required[str]  #: body | header | footer | textbox
    table: int
    row: int
    cell: int
    paragraph: int


class FillEntry(TypedDict, total=False):
    """One line of the report: the label as printed, its stable code, where; then what applies to its list."""

    label: Required[str]
    code: Required[str]
    where: Required[Where]
    key: str  #: the value's key (:func:`pgdocs.forms.values.field_values`)
    field: str  #: the record's field path
    field_label: str
    value: str  #: as shown in the report (personal data masked)
    how: str  #: the cell's state before writing, or ``inline``
    note: str
    existing: str  #: the text a kept cell already had
    what: str  #: what a not-held label asks for
    why: str  #: why a label was not understood


def where_text(pos: Where) -> str:
    """``본문 표 2, 3행 2열`` — a place a person can find."""
    area = _AREA_KO.get(str(pos.get("area")), "본문")
    if "table" in pos:
        return f"{area} 표 {pos['table']}, {pos['row']}행 {pos['cell']}열"
    return f"{area} {pos.get('paragraph', '?')}번째 문단"


@dataclass
class LabelFillReport:
    filled: list[FillEntry] = field(default_factory=list)
    ticked: list[FillEntry] = field(default_factory=list)
    kept: list[FillEntry] = field(default_factory=list)  #: neighbour already had text
    no_value: list[FillEntry] = field(default_factory=list)  #: the record lacks the value
    not_held: list[FillEntry] = field(default_factory=list)  #: pgdocs never holds it (팩스, 주민등록번호)
    unplaceable: list[FillEntry] = field(default_factory=list)  #: recognised, no cell to write in
    unknown: list[FillEntry] = field(default_factory=list)  #: label-like, not understood or ambiguous
    warnings: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        """True when a person must finish the form: a value missing, no cell, or a label not understood."""
        return bool(self.no_value or self.unplaceable or self.unknown)

    def to_dict(self) -> Report:
        return {
            "filled": self.filled, "ticked": self.ticked, "kept": self.kept, "no_value": self.no_value,
            "not_held": self.not_held, "unplaceable": self.unplaceable, "unknown": self.unknown,
            "warnings": self.warnings,
        }

    def to_text(self) -> str:
        lines = [f"채움 {len(self.filled)}칸, 체크 {len(self.ticked)}개, 이미 적혀 있어 둠 {len(self.kept)}칸, "
                 f"정보 없음 {len(self.no_value) + len(self.not_held)}칸, 넣을 칸 없음 {len(self.unplaceable)}개, "
                 f"알아보지 못한 항목 {len(self.unknown)}개"]

        def section(title: str, rows: list[FillEntry], show: Callable[[FillEntry], str]) -> None:
            if rows:
                lines.append(f"[{title}]")
                lines.extend(f"  {show(r)}  ({where_text(r['where'])}) [{r['code']}]" for r in rows)

        section("채운 칸", self.filled, lambda r: f"{r['label']}: {r['value']}"
                + (f" (비워 둔 부분: {r['note']})" if r.get("note") else ""))
        section("체크한 항목", self.ticked, lambda r: f"{r['label']}")
        section("이미 적혀 있어 그대로 둔 칸", self.kept, lambda r: f"{r['label']}: {r['existing']}")
        section("가맹점 정보에 값이 없어 비워 둔 칸 — 가맹점 정보를 채우거나 직접 적어 주세요", self.no_value,
                lambda r: f"{r['label']} (필요한 정보: {r['field_label']})")
        section("pgdocs가 갖고 있지 않은 정보라 비워 둔 칸 — 직접 적어 주세요", self.not_held,
                lambda r: r["label"] + (f" ({r['what']})" if r.get("what") and r["what"] != r["label"] else ""))
        section("값은 있지만 넣을 칸을 찾지 못한 항목 — 직접 적어 주세요", self.unplaceable,
                lambda r: f"{r['label']}: {r['value']}")
        section("무엇을 적는 칸인지 알아보지 못한 항목 — 확인하고 직접 적어 주세요", self.unknown,
                lambda r: f"{r['label']}" + (f" ({r['why']})" if r.get("why") else ""))
        lines.extend(f"※ {w}" for w in self.warnings)
        return "\n".join(lines)


@dataclass(frozen=True)
class LabelFillResult:
    docx: Path
    report: LabelFillReport
    pdf: Path | None = None

    def to_dict(self) -> Report:
        return {"docx": str(self.docx), "pdf": str(self.pdf) if self.pdf else None,
                "needs_attention": self.report.needs_attention, **self.report.to_dict()}
