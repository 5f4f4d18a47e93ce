"""Fill a Word form (no template tags) by its printed labels.

Every table is visited wherever it lives: body, nested tables, headers/footers and text
boxes (``w:txbxContent``; the ``mc:Fallback`` copy of a text box is filled the same way,
silently, so Word and older readers show the same values). Labels are read by
:mod:`pgdocs.forms.labels`; the value goes into the neighbour cell to the right, or below
for a header row, or after ``상호: ____`` in the label's own cell. A neighbour counts as
fillable when it is empty, a printed blank (``년 월 일``), an instruction (``필수``,
``예) 홍길동``, grey or placeholder-styled text: replaced) or the seal place ``(인)`` (a name
is written before it and the mark stays: the seal belongs there, pgdocs only writes the
name). Any other text is pre-filled and left alone. □ boxes before an option the record
selects become ■. Block headings (``대표자``/``담당자``, beside or above the labels, or the
paragraph before the table) decide whose phone and e-mail go where.

The report lists what was filled and ticked, what was kept, what the record lacks, what
pgdocs never holds, what had no cell, and label-like cells it did not understand — each
with its place (area, table, row, cell).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.errors import FindingsError, InputError
from pgdocs.forms.fillreport import CODES, FillEntry, LabelFillReport, LabelFillResult, Where
from pgdocs.forms.labels import (
    Reading,
    Vocabulary,
    compact,
    normalise,
    raw_key,
    read_label,
    role_of_heading,
    vocabulary,
)
from pgdocs.forms.render import check_output, read_docx_bytes, save_docx, write_docx_and_pdf
from pgdocs.forms.values import CHECKED, field_values
from pgdocs.mask import mask_account, mask_email, mask_phone
from pgdocs.record import MerchantRecord, field_label

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.table import CT_Tc
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    #: a row of cells as python-docx lists them (a merged cell repeats)
    Grid = list[list[_Cell]]

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BOXES = "□☐"
#: an empty box before an option: □ ☐ or "[ ]" / "( )" with one space inside
_BOX = re.compile(r"[□☐]|\[ \]|\( \)")
_ANY_BOX = re.compile(r"[□☐■☑☒]|\[[ vVxX✓✔]\]|\([ vVxX✓✔]\)")
_TICKED = re.compile(r"[■☑☒]|\[[vVxX✓✔]\]|\([vVxX✓✔]\)")
#: a cell that only holds a printed blank: "   년   월   일", "  -   -  ", "______"
_PLACEHOLDER = re.compile(r"[\s_\-–—.·/:：()년월일]*")
#: "상호 : ______ (인)" / "상호 ______" / "상호 :      " — label, blank, optional seal
_INLINE = re.compile(r"^(?P<label>.*?[^\s_:：])\s*(?:[:：](?P<b1>[\s_]*)|(?P<b2>_{2,}[\s_]*))"
                     r"(?P<seal>\(\s*(?:인|서명)\s*\))?\s*$")
#: several "label: ____" pairs in one line ("성명: ______ (인)   연락처: ______")
_PAIR = re.compile(r"(?:\(\s*(?:인|서명)\s*\)\s*)?(?P<label>[^\s_:：(][^_:：]*?)\s*[:：]\s*(?P<blank>_{2,})")
_NAME_KEYS = frozenset({"representative", "manager_name", "business_name", "account_holder"})
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
    """Comparison key of a label (kept for callers of the first version): :func:`labels.compact`."""
    return compact(text)


def load_aliases(path: str | None = None) -> Vocabulary:
    """The label vocabulary (kept name of the first version)."""
    return vocabulary(path)


def _grid(table: Table) -> Grid:
    rows: Grid = []
    for r in range(len(table.rows)):
        try:
            rows.append(list(table.rows[r].cells))
        except Exception:  # odd grids (gridBefore, broken spans): fall back to the row's own cells
            from docx.table import _Cell

            rows.append([_Cell(tc, table) for tc in table.rows[r]._tr.tc_lst])
    return rows


def _own_text(cell: _Cell) -> str:
    return "".join(p.text for p in cell.paragraphs).strip()


def _is_grey(run: Run, styles: frozenset[str]) -> bool:
    rpr = run._r.rPr
    if rpr is None:
        return False
    style = rpr.find(f"{W}rStyle")
    if style is not None and style.get(f"{W}val", "").replace(" ", "") in {s.replace(" ", "") for s in styles}:
        return True
    color = rpr.find(f"{W}color")
    val = (color.get(f"{W}val", "") if color is not None else "").lower()
    if not re.fullmatch(r"[0-9a-f]{6}", val):
        return False
    r, g, b = (int(val[i:i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) <= 0x18 and 0x60 <= (r + g + b) // 3 <= 0xE0


class _Place:
    """Where a cell is, for the report."""

    def __init__(self, area: str, table: int) -> None:
        self.area, self.table = area, table

    def at(self, r: int, c: int) -> Where:
        return {"area": self.area, "table": self.table, "row": r + 1, "cell": c + 1}


class _Filler:
    def __init__(self, values: dict[str, tuple[str, str | None]], entity: str | None, voc: Vocabulary) -> None:
        self.values, self.entity, self.voc = values, entity, voc
        self.report = LabelFillReport()
        self.done: set[BaseOxmlElement] = set()  # value cells (w:tc) and paragraphs written in this run

    # --- value cells -------------------------------------------------------------------------
    def state(self, cell: _Cell) -> str:
        """``empty`` | ``blank`` (printed blank) | ``hint`` | ``seal`` | ``box`` | ``nested`` | ``filled``."""
        if cell.tables:
            return "nested"
        text = _own_text(cell)
        if not text:
            return "empty"
        if _ANY_BOX.search(text):
            return "box"
        k = raw_key(text)
        if k in self.voc.seals:
            return "seal"
        if _PLACEHOLDER.fullmatch(text):
            return "blank"
        low = normalise(text).lower()
        if k in self.voc.hint_words or low.startswith(self.voc.hint_prefixes):
            return "hint"
        runs = [r for p in cell.paragraphs for r in p.runs if r.text.strip()]
        if runs and all(_is_grey(r, self.voc.placeholder_styles) for r in runs):
            return "hint"
        return "filled"

    # --- labels ------------------------------------------------------------------------------
    def _is_heading(self, grid: Grid, texts: dict[CT_Tc, str], r: int, c: int) -> bool:
        """A block heading (대표자 / 담당자 정보) spanning rows or columns, or beside a label with no value below."""
        cell = grid[r][c]
        if role_of_heading(texts[cell._tc], self.voc) is None:
            return False
        rows = sum(1 for row in grid if any(x._tc is cell._tc for x in row))
        cols = sum(1 for x in grid[r] if x._tc is cell._tc)
        if rows > 1 or cols > 1:
            return True
        right = self._right(grid[r], cell)
        if right is None:
            return True
        below = self._below(grid, r, c, cell)
        fillable = ("empty", "blank", "hint", "seal")
        if right._tc in self.done or (below is not None and below._tc in self.done):
            return False  # a value written in this run sits beside or below: a label, not a heading
        return self.state(right) in ("filled", "nested") and (below is None or self.state(below) not in fillable)

    def role(self, grid: Grid, texts: dict[CT_Tc, str], r: int, c: int, default: str | None) -> str | None:
        row = grid[r]
        me = row[c]._tc
        for x in range(c - 1, -1, -1):
            if row[x]._tc is not me and texts.get(row[x]._tc) and self._is_heading(grid, texts, r, x):
                return role_of_heading(texts[row[x]._tc], self.voc)
        for y in range(r - 1, -1, -1):
            if c >= len(grid[y]):
                continue
            above = grid[y][c]
            if above._tc is me or not texts.get(above._tc):
                continue
            if self._is_heading(grid, texts, y, c):
                return role_of_heading(texts[above._tc], self.voc)
            if len({x._tc for x in grid[y]}) == 1:  # a full-width section row of another kind
                return None
        return default

    def table(self, table: Table, place: _Place, default_role: str | None) -> None:
        grid = _grid(table)
        texts = {cell._tc: _own_text(cell) for row in grid for cell in row}
        seen: set[CT_Tc] = set()
        pending: list[tuple[int, int, _Cell]] = []
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                text = texts[cell._tc]
                if _BOX.search(text):
                    question = next((normalise(texts[x._tc]) for x in reversed(row[:c])
                                     if x._tc is not cell._tc and texts[x._tc]), "")
                    for p in cell.paragraphs:
                        self.boxes(p, place.at(r, c), question)
                    continue
                if not text or cell._tc in self.done or self.state(cell) != "filled":
                    continue
                role = self.role(grid, texts, r, c, default_role)
                if sum([self.pairs(p, place.at(r, c), role) for p in cell.paragraphs]):
                    self.done.add(cell._tc)
                    continue
                if self._is_heading(grid, texts, r, c):
                    continue
                m = self._inline_match(text)
                reading = read_label(m.group("label") if m else text, role, self.entity, self.voc)
                if reading.status == "unknown":
                    pending.append((r, c, cell))
                elif reading.status != "neutral":
                    self.place(grid, texts, r, c, cell, text, reading, place)
        for r, c, cell in pending:  # label-like cells beside a blank that is still empty
            target = self._target(grid, texts, r, c, cell)
            inline = self._inline_match(texts[cell._tc])
            if target is not None and self.state(target) in ("box", "filled"):
                continue  # a choice row (the options speak) or a value someone wrote
            beside_blank = (target is not None and target._tc not in self.done) or inline is not None
            if beside_blank and _label_like(texts[cell._tc]):
                self._unknown(normalise(texts[cell._tc]), place.at(r, c))

    def _right(self, row: list[_Cell], cell: _Cell) -> _Cell | None:
        idx = max(i for i, x in enumerate(row) if x._tc is cell._tc)
        return next((x for x in row[idx + 1:] if x._tc is not cell._tc), None)

    def _below(self, grid: Grid, r: int, c: int, cell: _Cell) -> _Cell | None:
        for row in grid[r + 1:]:
            if c < len(row) and row[c]._tc is not cell._tc:
                return row[c]
        return None

    def _target(self, grid: Grid, texts: dict[CT_Tc, str], r: int, c: int, cell: _Cell) -> _Cell | None:
        """The fillable or pre-filled value cell of a label: right, else below (header rows)."""
        right = self._right(grid[r], cell)
        below = self._below(grid, r, c, cell)
        rs = self.state(right) if right is not None else "none"
        if rs in ("empty", "blank", "hint", "seal", "box"):
            return right
        bs = self.state(below) if below is not None else "none"
        below_ok = bs in ("empty", "blank", "hint", "seal", "box") or (
            bs == "filled" and below is not None and not self._labelish(texts[below._tc]))
        if rs == "filled" and right is not None:
            if read_label(texts[right._tc], None, self.entity, self.voc).status != "unknown":
                # a row of labels: the values are below (a written value there is kept, even a wordy one)
                written = bs == "filled" and below is not None and read_label(
                    texts[below._tc], None, self.entity, self.voc).status == "unknown"
                return below if below_ok or written else None
            header_row = all(texts.get(x._tc) for x in grid[r])
            return below if header_row and below_ok and bs != "filled" else right
        return below if below_ok else None

    def _labelish(self, text: str) -> bool:
        return read_label(text, None, self.entity, self.voc).status != "unknown" or _label_like(text)

    def _inline_match(self, text: str) -> re.Match[str] | None:
        m = _INLINE.match(text)
        if m is None:
            return None
        blank = m.group("b1") if m.group("b1") is not None else m.group("b2")
        if "_" in (blank or "") or len(blank or "") >= 2:
            return m
        return None

    def place(self, grid: Grid, texts: dict[CT_Tc, str], r: int, c: int, cell: _Cell, text: str,
              reading: Reading, place: _Place) -> None:
        m = self._inline_match(text)
        label = " ".join(normalise(m.group("label") if m else text).split()) or text
        pos = place.at(r, c)
        if reading.status == "ambiguous":
            self._unknown(label, pos, why=reading.note or "두 가지로 읽힘", code="FORM_LABEL_AMBIGUOUS")
            return
        inline = self._inline_match(text)
        target = None if inline else self._target(grid, texts, r, c, cell)
        if target is not None and target._tc in self.done:
            return  # already written for another label (header row + left label)
        state = self.state(target) if target is not None else None
        if state == "box":
            return  # a choice cell: handled by the box pass
        if reading.status == "not_held":
            if (target is not None and state != "filled") or inline:
                self._add("not_held", label, pos, what=reading.note)
            return
        key = reading.key
        path, value = self.values.get(key, ("", None))
        if state == "filled" and target is not None:
            self._add("kept", label, pos, key=key, existing=texts.get(target._tc) or _own_text(target))
            return
        if value is None:
            self._add("no_value", label, pos, key=key, field=path, field_label=field_label(path))
            return
        shown = self._shown(key, value)
        if target is not None and state == "seal" and key not in _NAME_KEYS:
            self._add("kept", label, pos, key=key, existing=_own_text(target))
            return
        if target is not None:
            _write(target, value, cell, state=str(state))
            self.done.add(target._tc)
            tpos = place.at(*_index(grid, target))
            self._add("filled", label, tpos, key=key, field=path, value=shown, how=state, note=reading.note)
            return
        para = next((p for p in cell.paragraphs if self._inline_match(p.text)), None)
        colon = re.search(r"[:：]\s*$", text)
        if para is None and colon:
            para = cell.paragraphs[-1]
        if para is not None and not cell.tables:
            _write_inline(para, value)
            self.done.add(cell._tc)
            self._add("filled", label, pos, key=key, field=path, value=shown, how="inline", note=reading.note)
            return
        self._add("unplaceable", label, pos, key=key, value=shown)

    def pairs(self, para: Paragraph, pos: Where, role: str | None = None) -> bool:
        """Two or more ``label: ____`` pairs in one paragraph: each blank gets its label's value. True if so."""
        found = list(_PAIR.finditer(para.text))
        if len(found) < 2:
            return False
        for m in reversed(found):  # right to left: earlier offsets stay valid
            label = normalise(m.group("label"))
            reading = read_label(m.group("label"), role, self.entity, self.voc)
            if reading.status == "field":
                path, value = self.values.get(reading.key, ("", None))
                if value is None:
                    self._add("no_value", label, pos, key=reading.key, field=path, field_label=field_label(path))
                    continue
                _splice(list(para.runs), m.start("blank"), m.end("blank"), value)
                self._add("filled", label, pos, key=reading.key, field=path,
                          value=self._shown(reading.key, value), how="inline", note=reading.note)
            elif reading.status == "not_held":
                self._add("not_held", label, pos, what=reading.note)
            elif reading.status == "ambiguous":
                self._unknown(label, pos, why=reading.note, code="FORM_LABEL_AMBIGUOUS")
            elif reading.status == "unknown" and _label_like(label):
                self._unknown(label, pos)
        return True

    def paragraph(self, para: Paragraph, pos: Where) -> None:
        """A body/text-box paragraph ``상호 : ______``."""
        if self.pairs(para, pos):
            return
        text = para.text.strip()
        m = self._inline_match(text)
        if m is None or len(text) > 60 or _BOX.search(text):
            return
        reading = read_label(m.group("label"), None, self.entity, self.voc)
        label = normalise(m.group("label"))
        if reading.status == "unknown":
            if _label_like(m.group("label")):
                self._unknown(label, pos)
            return
        if reading.status == "ambiguous":
            self._unknown(label, pos, why=reading.note, code="FORM_LABEL_AMBIGUOUS")
            return
        if reading.status == "not_held":
            self._add("not_held", label, pos, what=reading.note)
            return
        if reading.status != "field":
            return
        path, value = self.values.get(reading.key, ("", None))
        if value is None:
            self._add("no_value", label, pos, key=reading.key, field=path, field_label=field_label(path))
            return
        _write_inline(para, value)
        self._add("filled", label, pos, key=reading.key, field=path, value=self._shown(reading.key, value),
                  how="inline", note=reading.note)

    def _add(self, kind: str, label: str, pos: Where, *, key: str | None = None, field: str | None = None,
             field_label: str | None = None, value: str | None = None, how: str | None = None,
             note: str | None = None, existing: str | None = None, what: str | None = None) -> None:
        """Report ``label`` in the list ``kind``; empty details are left out (in this order, as the JSON shows)."""
        entry: FillEntry = {"label": label, "code": CODES[kind], "where": pos}
        if key:
            entry["key"] = key
        if field:
            entry["field"] = field
        if field_label:
            entry["field_label"] = field_label
        if value:
            entry["value"] = value
        if how:
            entry["how"] = how
        if note:
            entry["note"] = note
        if existing:
            entry["existing"] = existing
        if what:
            entry["what"] = what
        entries: list[FillEntry] = getattr(self.report, kind)
        entries.append(entry)

    def _unknown(self, label: str, pos: Where, why: str = "", code: str = "FORM_LABEL_UNKNOWN") -> None:
        entry: FillEntry = {"label": label, "code": code, "where": pos}
        if why:
            entry["why"] = why
        self.report.unknown.append(entry)

    def _shown(self, key: str, value: str) -> str:
        mask = _MASKS.get(key)
        return mask(value) if mask else value

    # --- boxes -------------------------------------------------------------------------------
    def boxes(self, para: Paragraph, pos: Where, question: str) -> None:
        runs = list(para.runs)
        full = "".join(r.text for r in runs)
        if not _BOX.search(full):
            return
        options = [(m, _ANY_BOX.split(full[m.end():], maxsplit=1)[0]) for m in _ANY_BOX.finditer(full)]
        keys = [(m, rest, self._choice(rest)) for m, rest in options]
        known = [t for t in keys if t[2] is not None]
        if not known:
            self._unknown(question or " ".join(full.split())[:40], pos, why=" / ".join(
                " ".join(rest.split()) for _m, rest in options if rest.strip()) + " 중 선택",
                code="FORM_CHOICE_UNKNOWN")
            return
        if any(_TICKED.fullmatch(m.group()) for m, _rest, _k in known):
            self._add("kept", question or " ".join(full.split())[:40], pos, existing=" ".join(full.split()))
            return
        for m, rest, key in known:
            if key is None or not _BOX.fullmatch(m.group()):
                continue
            _path, value = self.values.get(key, ("", None))
            if value != CHECKED:
                continue
            if m.group() in BOXES:
                _replace_char(runs, m.start(), CHECKED)
            else:  # "[ ]" / "( )": mark the space inside
                _replace_char(runs, m.start() + 1, "V")
            self._add("ticked", " ".join(rest.split()), pos, key=key, value=CHECKED)

    def _choice(self, rest: str) -> str | None:
        from pgdocs.forms.labels import choice_of

        return choice_of(rest, self.voc)


def _index(grid: Grid, cell: _Cell) -> tuple[int, int]:
    for r, row in enumerate(grid):
        for c, x in enumerate(row):
            if x._tc is cell._tc:
                return r, c
    return 0, 0


def _label_like(text: str) -> bool:
    """Short, wordy text that reads like a label (not a sentence, a number or a hint)."""
    s = normalise(text)
    k = compact(s)
    if not (1 <= len(k) <= 20) or _ANY_BOX.search(s) or k.isdigit():
        return False
    if re.search(r"(니다|하세요|십시오|주세요|바랍니다)[.]?$", s):
        return False
    return bool(re.search(r"[가-힣A-Za-z]", k))


def _replace_char(runs: list[Run], index: int, char: str) -> None:
    pos = 0
    for run in runs:
        t = run.text
        if pos <= index < pos + len(t):
            i = index - pos
            run.text = t[:i] + char + t[i + 1:]
            return
        pos += len(t)


def _splice(runs: list[Run], start: int, end: int, new: str) -> None:
    """Replace characters ``start:end`` of the runs' joined text by ``new`` (kept in the first run touched)."""
    pos = 0
    placed = False
    for run in runs:
        t = run.text
        n = len(t)
        a, b = min(max(start - pos, 0), n), min(max(end - pos, 0), n)
        if not placed and pos <= start <= pos + n:
            run.text = t[:a] + new + t[b:]
            placed = True
        elif a < b:
            run.text = t[:a] + t[b:]
        pos += n


def _write_inline(para: Paragraph, value: str) -> None:
    runs = list(para.runs)
    full = "".join(r.text for r in runs)
    m = _INLINE.match(full)
    offset = 0
    if m is None:
        para.add_run(" " + value)
        return
    b = "b1" if m.group("b1") is not None else "b2"
    start, end = m.start(b) + offset, m.end(b) + offset
    _splice(runs, start, end, " " + value + (" " if m.group("seal") else ""))


def _write(target: _Cell, value: str, label_cell: _Cell, *, state: str = "empty") -> None:
    from docx.oxml.ns import qn

    if state in ("blank", "hint"):  # a printed blank or an instruction: clear it first
        for p in target.paragraphs:
            for r in p.runs:
                r.text = ""
    model = next((r for p in label_cell.paragraphs for r in p.runs if r.text.strip()), None)
    if state == "seal":  # the name before the seal mark, the mark stays
        para = next(p for p in target.paragraphs if p.text.strip())
        run = para.add_run(value + "  ")
        para._p.remove(run._r)
        first = para.runs[0]._r if para.runs else None
        if first is not None:
            first.addprevious(run._r)
        else:
            para._p.append(run._r)
    else:
        para = target.paragraphs[0] if target.paragraphs else target.add_paragraph()
        run = para.add_run(value)
    if model is not None and model._r.rPr is not None:
        rpr = copy.deepcopy(model._r.rPr)
        for tag in ("w:b", "w:bCs", "w:color", "w:highlight", "w:shd", "w:rStyle", "w:i"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        run._r.insert(0, rpr)


def _areas(doc: Document) -> list[tuple[str, BaseOxmlElement]]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    out: list[tuple[str, BaseOxmlElement]] = [("body", doc.element.body)]
    for rel in doc.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.HEADER:
            out.append(("header", rel.target_part.element))
        elif rel.reltype == RT.FOOTER:
            out.append(("footer", rel.target_part.element))
    return out


def _context(el: BaseOxmlElement) -> tuple[bool, bool, bool]:
    """(in a text box, in an mc:Fallback copy, directly in a table cell) for an element."""
    in_box = in_fallback = in_cell = False
    first = True
    for anc in el.iterancestors():
        if anc.tag == f"{W}tc" and first:
            in_cell = True
        if anc.tag in (f"{W}tc", f"{W}txbxContent"):
            first = False
        if anc.tag == f"{W}txbxContent":
            in_box = True
        elif anc.tag == MC_FALLBACK:
            in_fallback = True
    return in_box, in_fallback, in_cell


def _heading_before(tbl: BaseOxmlElement, voc: Vocabulary) -> str | None:
    prev = tbl.getprevious()
    for _ in range(3):
        if prev is None or prev.tag != f"{W}p":
            return None
        text = "".join(t.text or "" for t in prev.iter(f"{W}t")).strip()
        if text:
            return role_of_heading(text, voc)
        prev = prev.getprevious()
    return None


def fill_document(doc: Document, record: MerchantRecord, today: dt.date | None = None) -> LabelFillReport:
    """Fill a python-docx ``Document`` in memory; return the report."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    voc = vocabulary()
    values = field_values(record, today)
    entity = record.get_text("business.entity")
    filler = _Filler(values, entity, voc)
    shadow = _Filler(values, entity, voc)  # mc:Fallback copies: same decisions, not reported twice
    for area, root in _areas(doc):
        counters: dict[str, int] = {}
        for tbl in list(root.iter(f"{W}tbl")):
            in_box, in_fallback, _ = _context(tbl)
            name = "textbox" if in_box and area == "body" else area
            if not in_fallback:
                counters[name] = counters.get(name, 0) + 1
            f = shadow if in_fallback else filler
            f.table(Table(tbl, doc._body), _Place(name, counters.get(name, 0)), _heading_before(tbl, voc))
        n = 0
        for p in list(root.iter(f"{W}p")):
            in_box, in_fallback, in_cell = _context(p)
            para = Paragraph(p, doc._body)
            f = shadow if in_fallback else filler
            name = "textbox" if in_box and area == "body" else area
            if not in_fallback:
                n += 1
            if in_cell:
                continue  # cells (labels and boxes) belong to their table's pass
            pos: Where = {"area": name, "paragraph": n}
            f.paragraph(para, pos)
            f.boxes(para, pos, "")
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
    if not any(v for k, v in report.to_dict().items() if k != "warnings"):
        raise FindingsError(
            "FORM_NO_LABELS",
            f"서식에서 채울 항목명(상호, 대표자, 사업자등록번호 …)을 하나도 찾지 못했습니다: {Path(template).name}",
            hint="표나 '항목명: ____' 으로 된 신청서인지 확인하세요. 항목명이 다르게 적혀 있으면 "
                 "src/pgdocs/data/form_labels.toml 에 추가할 수 있습니다.",
        )
    pdf_path = write_docx_and_pdf(out, lambda target: save_docx(document, target), pdf=pdf, timeout=timeout)
    return LabelFillResult(out, report, pdf_path)
