"""Fill a PG's own Word form (no template tags) by its labels.

Label cells are found with the alias table ``data/form_labels.toml``; the value goes
into the empty neighbour cell (right, or below for header-row tables); □ boxes
before a chosen option become ■. A cell that already has text is never
overwritten. Works on merged cells and nested tables. The report says what was
filled, which labels had no value in the record and which could not be placed.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import logging
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pgdocs.errors import FindingsError, InputError
from pgdocs.forms.render import check_output, read_docx_bytes, save_docx, write_docx_and_pdf
from pgdocs.forms.values import CHECKED, field_values
from pgdocs.mask import mask_account, mask_email, mask_phone
from pgdocs.record import MerchantRecord, field_label
from pgdocs.resources import data_path

log = logging.getLogger(__name__)

BOXES = "□☐"
#: an empty box before an option: □ ☐ or "[ ]" / "( )" with one space inside
_BOX = re.compile(r"[□☐]|\[ \]|\( \)")
_ANY_BOX = re.compile(r"[□☐■☑☒]|\[[ vVxX✓✔]\]|\([ vVxX✓✔]\)")
#: a cell that only holds a printed blank: "   년   월   일", "  -   -  ", "______"
_PLACEHOLDER = re.compile(r"[\s_\-–—.·/:：()년월일]*")
_MASKS = {
    "birth_date": lambda v: re.sub(r"\d+월 \d+일", "**월 **일", v),
    "account_number": mask_account,
    "manager_phone": mask_phone,
    "representative_phone": mask_phone,
    "company_phone": mask_phone,
    "manager_email": mask_email,
    "representative_email": mask_email,
}


def label_key(text: str) -> str:
    """Comparison key of a label: NFKC, no whitespace/punctuation/numbering, no "(필수)", lower-case."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = s.replace("필수", "")
    s = re.sub(r"^\s*(\d+|[a-z]|[가나다라마바사아자차카타파하])[.)]\s*", "", s)
    return "".join(ch for ch in s if ch.isalnum())


@dataclass(frozen=True)
class Aliases:
    fields: dict[str, str]  #: label key → value key
    choices: list[tuple[str, str]]  #: (word key, choice key), longest word first


@cache
def load_aliases(path: str | None = None) -> Aliases:
    """The alias table (``data/form_labels.toml`` unless ``path``)."""
    p = Path(path) if path else data_path("form_labels.toml")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError("LABELS_TABLE_BAD", f"라벨 별칭 표를 읽을 수 없습니다: {p.name} ({exc})") from None
    fields: dict[str, str] = {}
    for entry in data.get("field", []):
        for label in entry["labels"]:
            fields.setdefault(label_key(label), entry["key"])
    choices = [(label_key(w), entry["key"]) for entry in data.get("choice", []) for w in entry["words"]]
    choices.sort(key=lambda t: -len(t[0]))
    return Aliases(fields, choices)


@dataclass
class LabelFillReport:
    filled: list[dict[str, str]] = field(default_factory=list)
    ticked: list[dict[str, str]] = field(default_factory=list)
    no_value: list[dict[str, str]] = field(default_factory=list)
    unplaceable: list[dict[str, str]] = field(default_factory=list)
    kept: list[dict[str, str]] = field(default_factory=list)  #: neighbour already had text
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "filled": self.filled,
            "ticked": self.ticked,
            "no_value": self.no_value,
            "unplaceable": self.unplaceable,
            "kept": self.kept,
            "warnings": self.warnings,
        }

    def to_text(self) -> str:
        lines = [f"채움 {len(self.filled)}개, 체크 {len(self.ticked)}개, 값 없음 {len(self.no_value)}개, "
                 f"위치 못 찾음 {len(self.unplaceable)}개, 이미 적혀 있어 둠 {len(self.kept)}개"]
        for title, rows in (("채운 칸", self.filled), ("체크한 항목", self.ticked)):
            if rows:
                lines.append(f"[{title}]")
                lines.extend(f"  {r['label']}: {r['value']}" for r in rows)
        if self.no_value:
            lines.append("[값이 없는 항목] 가맹점 정보 파일에 채워 주세요")
            lines.extend(f"  {r['label']} → {r['field_label']}({r['field']})" for r in self.no_value)
        if self.unplaceable:
            lines.append("[넣을 칸을 찾지 못한 항목] 직접 적어 주세요")
            lines.extend(f"  {r['label']}: {r['value']}" for r in self.unplaceable)
        if self.kept:
            lines.append("[이미 적혀 있어 그대로 둔 칸]")
            lines.extend(f"  {r['label']}: {r['existing']}" for r in self.kept)
        lines.extend(f"※ {w}" for w in self.warnings)
        return "\n".join(lines)


@dataclass(frozen=True)
class LabelFillResult:
    docx: Path
    report: LabelFillReport
    pdf: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"docx": str(self.docx), "pdf": str(self.pdf) if self.pdf else None, **self.report.to_dict()}


def _grid(table: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for r in range(len(table.rows)):
        try:
            rows.append(list(table.rows[r].cells))
        except Exception:  # odd grids (gridBefore, broken spans): fall back to the row's own cells
            from docx.table import _Cell

            rows.append([_Cell(tc, table) for tc in table.rows[r]._tr.tc_lst])
    return rows


def _own_text(cell: Any) -> str:
    return "".join(p.text for p in cell.paragraphs).strip()


class _Filler:
    def __init__(self, values: dict[str, tuple[str, str | None]], aliases: Aliases) -> None:
        self.values = values
        self.aliases = aliases
        self.report = LabelFillReport()
        self.done: set[Any] = set()  # value cells (w:tc elements) written in this run

    def match(self, prefix: list[str], text: str) -> str | None:
        key = label_key(text)
        if not key or len(key) > 30:
            return None
        for i in range(len(prefix)):  # the most specific first: all left cells + label
            k = label_key("".join(prefix[i:])) + key
            if k in self.aliases.fields:
                return self.aliases.fields[k]
        return self.aliases.fields.get(key)

    def table(self, table: Any) -> None:
        grid = _grid(table)
        seen: set[Any] = set()
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                for nested in cell.tables:
                    self.table(nested)
                text = _own_text(cell)
                if not text or cell._tc in self.done:
                    continue
                left: list[str] = []
                for x in row[:c]:
                    t = _own_text(x)
                    if t and (not left or left[-1] != t):
                        left.append(t)
                key = self.match(left, text)
                if key is not None:
                    self.place(grid, r, c, cell, text, key)

    def _right(self, row: list[Any], cell: Any) -> Any | None:
        idx = max(i for i, x in enumerate(row) if x._tc is cell._tc)
        return next((x for x in row[idx + 1:] if x._tc is not cell._tc), None)

    def _below(self, grid: list[list[Any]], r: int, c: int, cell: Any) -> Any | None:
        for row in grid[r + 1:]:
            if c < len(row) and row[c]._tc is not cell._tc:
                return row[c]
        return None

    def place(self, grid: list[list[Any]], r: int, c: int, cell: Any, text: str, key: str) -> None:
        if sum(1 for row in grid if any(x._tc is cell._tc for x in row)) > 1:
            return  # a vertically merged section title ("담당자", "정산계좌"), not a label
        path, value = self.values.get(key, ("", None))
        label = " ".join(text.split())
        if value is None:
            self.report.no_value.append({"label": label, "key": key, "field": path, "field_label": field_label(path)})
            return
        right = self._right(grid[r], cell)
        target = None
        candidates = []
        if right is not None and not self._is_label(right):
            candidates.append(right)
        else:
            below = self._below(grid, r, c, cell)
            if below is not None and not self._is_label(below):
                candidates.append(below)
        replace = False
        for cand in candidates:
            existing = _own_text(cand)
            if existing and _ANY_BOX.search(existing):
                return  # a choice cell: handled by the box pass
            if existing and not _PLACEHOLDER.fullmatch(existing):
                self.report.kept.append({"label": label, "key": key, "existing": existing})
                return
            target, replace = cand, bool(existing)
        entry = {"label": label, "key": key, "field": path, "value": self._shown(key, value)}
        if target is None:
            if re.search(r"[:：]\s*_*\s*$", text) and not cell.tables:  # "상호 : ____" — write after the colon
                _write_inline(cell, value)
                self.done.add(cell._tc)
                self.report.filled.append(entry | {"where": "inline"})
                return
            self.report.unplaceable.append({"label": label, "key": key, "value": self._shown(key, value)})
            return
        _write(target, value, cell, replace=replace)
        self.done.add(target._tc)
        self.report.filled.append(entry | ({"where": "placeholder"} if replace else {}))

    def _is_label(self, cell: Any) -> bool:
        text = _own_text(cell)
        return bool(text) and label_key(text) in self.aliases.fields

    def _shown(self, key: str, value: str) -> str:
        mask = _MASKS.get(key)
        return mask(value) if mask else value

    def boxes(self, paragraphs: list[Any]) -> None:
        for p in paragraphs:
            runs = list(p.runs)
            full = "".join(r.text for r in runs)
            if not _BOX.search(full):
                continue
            for m in _BOX.finditer(full):
                rest = _ANY_BOX.split(full[m.end():], maxsplit=1)[0]
                key = self._choice(rest)
                if key is None:
                    continue
                _path, value = self.values.get(key, ("", None))
                if value != CHECKED:
                    continue
                if m.group() in BOXES:
                    _replace_char(runs, m.start(), CHECKED)
                else:  # "[ ]" / "( )": mark the space inside
                    _replace_char(runs, m.start() + 1, "V")
                self.report.ticked.append({"label": " ".join(rest.split()), "key": key, "value": CHECKED})

    def _choice(self, rest: str) -> str | None:
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", rest)).lower()
        for word, key in self.aliases.choices:
            if compact.startswith(word) and (len(compact) == len(word) or not compact[len(word)].isalnum()):
                return key
        return None


def _replace_char(runs: list[Any], index: int, char: str) -> None:
    pos = 0
    for run in runs:
        t = run.text
        if pos <= index < pos + len(t):
            i = index - pos
            run.text = t[:i] + char + t[i + 1:]
            return
        pos += len(t)


def _write_inline(cell: Any, value: str) -> None:
    para = cell.paragraphs[-1]
    runs = list(para.runs)
    full = "".join(r.text for r in runs)
    m = re.search(r"_+\s*$", full)
    if m:  # replace the printed underline with the value
        for i in range(len(full) - 1, m.start() - 1, -1):
            _replace_char(runs, i, "")
    model = next((r for r in reversed(runs) if r.text.strip()), None)
    left = "".join(r.text for r in runs)
    run = para.add_run(("" if left[-1:].isspace() else " ") + value)
    if model is not None and model._r.rPr is not None:
        run._r.insert(0, copy.deepcopy(model._r.rPr))


def _write(target: Any, value: str, label_cell: Any, *, replace: bool = False) -> None:
    if replace:  # a printed blank ("년 월 일", "-  -"): clear it first
        for p in target.paragraphs:
            for r in p.runs:
                r.text = ""
    para = target.paragraphs[0] if target.paragraphs else target.add_paragraph()
    run = para.add_run(value)
    model = next((r for p in label_cell.paragraphs for r in p.runs if r.text.strip()), None)
    if model is not None and model._r.rPr is not None:
        rpr = copy.deepcopy(model._r.rPr)
        for tag in ("w:b", "w:bCs", "w:color", "w:highlight", "w:shd"):
            from docx.oxml.ns import qn

            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        run._r.insert(0, rpr)


def _all_paragraphs(doc: Any) -> list[Any]:
    out: list[Any] = list(doc.paragraphs)

    def walk(table: Any) -> None:
        seen: set[Any] = set()
        for row in _grid(table):
            for cell in row:
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                out.extend(cell.paragraphs)
                for t in cell.tables:
                    walk(t)

    for t in doc.tables:
        walk(t)
    return out


def fill_document(doc: Any, record: MerchantRecord, today: dt.date | None = None) -> LabelFillReport:
    """Fill a python-docx ``Document`` in memory; return the report."""
    filler = _Filler(field_values(record, today), load_aliases())
    for t in doc.tables:
        filler.table(t)
    filler.boxes(_all_paragraphs(doc))
    xml = doc.element.xml
    if "<w:sdt>" in xml or "<w:sdt " in xml:
        filler.report.warnings.append(
            "서식에 콘텐츠 컨트롤(입력 상자)이 있습니다. 그 안의 칸은 채우지 않았으니 직접 확인하세요.")
    if "w:ffData" in xml:
        filler.report.warnings.append(
            "서식에 예전 Word 양식 필드(FORMTEXT/FORMCHECKBOX)가 있습니다. 그 칸은 직접 확인하세요.")
    return filler.report


def fill_by_labels(
    record: MerchantRecord,
    template: str | os.PathLike[str],
    out_docx: str | os.PathLike[str],
    *,
    pdf: bool = False,
    today: dt.date | None = None,
    timeout: float = 120.0,
) -> LabelFillResult:
    """Fill ``template`` (.docx or .doc) by its labels into ``out_docx`` (+ PDF beside it when ``pdf``)."""
    import docx

    out = check_output(out_docx, template)
    data = read_docx_bytes(template)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise InputError("TEMPLATE_BAD", f"서식 파일을 Word 문서로 읽을 수 없습니다: {type(exc).__name__}") from None
    report = fill_document(document, record, today)
    if not any(report.to_dict().values()):
        raise FindingsError(
            "FORM_NO_LABELS",
            f"서식에서 채울 항목명(상호, 대표자, 사업자등록번호 …)을 하나도 찾지 못했습니다: {Path(template).name}",
            hint="표로 된 신청서인지 확인하세요. 항목명이 다르게 적혀 있으면 src/pgdocs/data/form_labels.toml 에 "
                 "별칭을 추가할 수 있습니다.",
        )
    pdf_path = write_docx_and_pdf(out, lambda target: save_docx(document, target), pdf=pdf, timeout=timeout)
    return LabelFillResult(out, report, pdf_path)
