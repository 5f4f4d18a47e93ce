"""Drawing label sheets and the calibration page to PDF (reportlab, embedded NanumGothic).

Labels fill a sheet row by row (1 2 / 3 4 / …), starting at ``start`` on the
first page; each entry is printed ``copies`` times, then the optional sender
label. The PDF asks viewers not to scale (``/PrintScaling /None``) and is
written atomically.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pgdocs.errors import FindingsError, InputError
from pgdocs.fsio import atomic_output_file
from pgdocs.labels.entries import LabelEntry, postal_code_text
from pgdocs.labels.layout import PT_PER_MM, Block, fit_block
from pgdocs.labels.sheets import DEFAULT_SHEET, Sheet, load_sheet

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas  # no type information: a plain name for readers

log = logging.getLogger(__name__)

MAX_COPIES = 100
MAX_LABELS = 10_000
MAX_OFFSET_MM = 10.0
MAX_PITCH_DELTA_MM = 2.0
PRINT_HINT = "인쇄할 때 '실제 크기(100%)'로 인쇄하세요 (페이지 맞춤/축소 끄기)."


def placements(count: int, sheet: Sheet, start: int = 1) -> list[tuple[int, int]]:
    """``(page, slot)`` (both 0-based) for ``count`` labels, the first at 1-based position ``start``."""
    first = start - 1
    return [divmod(first + i, sheet.count) for i in range(count)]


def check_start(start: object, sheet: Sheet) -> int:
    if isinstance(start, bool) or not isinstance(start, int) or not 1 <= start <= sheet.count:
        raise InputError(
            "LABEL_START_OUT_OF_RANGE",
            f"시작 위치는 1~{sheet.count} 사이여야 합니다 ({sheet.code}, {sheet.summary}): {start!r}",
            hint="이미 쓴 칸 수 + 1 을 적으세요. 칸 번호는 왼쪽 위부터 오른쪽으로, 줄 단위로 셉니다.",
        )
    return start


@dataclass(frozen=True)
class PrinterAdjust:
    """Per-printer correction outside the sheet spec: a shift and a pitch delta per column/row (mm)."""

    x: float = 0.0
    y: float = 0.0
    dx: float = 0.0
    dy: float = 0.0

    def origin(self, spec: Sheet, slot: int) -> tuple[float, float]:
        """Top-left corner (mm from the page's top-left) where label ``slot`` is printed."""
        x, y, _, _ = spec.label_box(slot)
        row, col = divmod(slot, spec.cols)
        return x + self.x + col * self.dx, y + self.y + row * self.dy


def _check_args(
    sheet: Sheet, start: object, copies: object, offset_mm: tuple[float, float], pitch_delta_mm: tuple[float, float]
) -> PrinterAdjust:
    check_start(start, sheet)
    if isinstance(copies, bool) or not isinstance(copies, int) or not 1 <= copies <= MAX_COPIES:
        raise InputError(
            "LABEL_COPIES_OUT_OF_RANGE", f"매수(copies)는 1~{MAX_COPIES} 사이여야 합니다: {copies!r}"
        )
    ox, oy = _offset_pair(offset_mm)
    dx, dy = _offset_pair(pitch_delta_mm)
    if not (abs(dx) <= MAX_PITCH_DELTA_MM and abs(dy) <= MAX_PITCH_DELTA_MM):
        raise InputError(
            "LABEL_OFFSET_INVALID",
            f"간격 보정값은 ±{MAX_PITCH_DELTA_MM:g} mm 이내여야 합니다: dx={dx:g}, dy={dy:g}",
            hint="라벨 한 칸마다 어긋나는 양입니다. 보정 페이지의 마지막 칸에서 잰 값 ÷ (칸 수 - 1) 을 적으세요.",
        )
    return PrinterAdjust(ox, oy, dx, dy)


def _offset_pair(offset_mm: tuple[float, float]) -> tuple[float, float]:
    try:
        ox, oy = (float(offset_mm[0]), float(offset_mm[1]))
    except (TypeError, ValueError, IndexError):
        raise InputError(
            "LABEL_OFFSET_INVALID", f"프린터 보정값(mm)이 숫자가 아닙니다: {offset_mm!r}"
        ) from None
    if not (abs(ox) <= MAX_OFFSET_MM and abs(oy) <= MAX_OFFSET_MM):
        raise InputError(
            "LABEL_OFFSET_INVALID",
            f"프린터 보정값은 ±{MAX_OFFSET_MM:g} mm 이내여야 합니다: x={ox:g}, y={oy:g}",
            hint="먼저 --calibration 페이지를 인쇄해 라벨지에 겹쳐 보고 어긋난 만큼만 적으세요.",
        )
    return ox, oy


def layout_entry(entry: LabelEntry, sheet: Sheet, *, number: int, font_name: str) -> Block:
    """Fit one entry into one label of ``sheet`` or raise ``LABEL_TEXT_TOO_LONG`` naming label ``number``."""
    lines = entry.display_lines()
    postal = postal_code_text(entry.postal_code)
    if not lines:
        raise InputError("LABEL_EMPTY", f"{number}번째 라벨에 인쇄할 주소가 없습니다.")
    block = fit_block(lines, postal, sheet.label_w, sheet.label_h, padding=sheet.padding,
                      font_name=font_name)
    if block is None:
        raise FindingsError(
            "LABEL_TEXT_TOO_LONG",
            f"{number}번째 라벨('{entry.label_name()}')의 글이 {sheet.code} 라벨({sheet.summary})에 "
            "9 pt 로도 들어가지 않습니다.",
            hint="칸이 큰 라벨지(예: LS-3114, LS-3212)를 쓰거나 주소·부서 줄을 줄이세요.",
            details={"label": number, "sheet": sheet.code, "lines": lines},
        )
    return block


def _layout_all(entries: Sequence[LabelEntry], spec: Sheet, font: str) -> dict[int, Block]:
    from pgdocs.pdffonts import missing_glyphs

    blocks: dict[int, Block] = {}
    for number, entry in enumerate(entries, start=1):
        if id(entry) not in blocks:
            blocks[id(entry)] = layout_entry(entry, spec, number=number, font_name=font)
    chars = {ch for b in blocks.values() for line in b.lines for ch in line.text}
    missing = missing_glyphs("".join(sorted(chars)), font)
    if missing:
        raise FindingsError(
            "LABEL_GLYPH_MISSING",
            f"글꼴({font})에 없는 글자가 있어 인쇄할 수 없습니다: {' '.join(missing)}",
            hint="한자·특수문자를 한글이나 일반 문자로 바꿔 주세요.",
            details={"missing": missing},
        )
    return blocks


def check_entries(entries: Sequence[LabelEntry], *, sheet: str | Path | Sheet = DEFAULT_SHEET) -> None:
    """Run every check :func:`render_labels` runs on ``entries`` (fit, honorific, postal code, glyphs)
    without writing a file; raises the same errors. For batch callers that want to know which row fails."""
    from pgdocs.pdffonts import register_fonts

    font, _ = register_fonts()
    _layout_all(entries, load_sheet(sheet), font)


def render_labels(
    entries: Sequence[LabelEntry],
    out: str | Path,
    *,
    sheet: str | Path | Sheet = DEFAULT_SHEET,
    start: int = 1,
    copies: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    sender: LabelEntry | None = None,
    calibration: bool = False,
    title: str | None = None,
    pitch_delta_mm: tuple[float, float] = (0.0, 0.0),
) -> Path:
    """Write a label PDF for ``entries`` (each ``copies`` times, then ``sender`` ``copies`` times).

    ``calibration=True`` writes the calibration page instead (outlines, corner
    crosshairs, mm rulers; ``entries`` are ignored). Every check runs before
    anything is written; the file appears whole or not at all.
    """
    from pgdocs.pdffonts import register_fonts

    spec = load_sheet(sheet)
    adjust = _check_args(spec, start, copies, offset_mm, pitch_delta_mm)
    font, _ = register_fonts()
    target = Path(out)
    if target.is_dir():
        raise InputError("OUTPUT_IS_DIR", f"출력 경로가 폴더입니다: {target}", hint="예: -o labels.pdf")
    if calibration:
        return _write(target, spec, title or f"라벨 위치 보정 페이지 ({spec.code})",
                      lambda c: _draw_calibration(c, spec, font, adjust), font)
    items: list[LabelEntry] = [e for e in entries for _ in range(copies)]
    if sender is not None:
        items.extend([sender] * copies)
    if not items:
        raise InputError("LABEL_NO_ENTRIES", "인쇄할 라벨이 없습니다.")
    if len(items) > MAX_LABELS:
        raise InputError("LABEL_TOO_MANY", f"라벨이 너무 많습니다 ({len(items):,}장, 최대 {MAX_LABELS:,}장).")
    blocks = _layout_all([*entries, *([sender] if sender else [])], spec, font)
    where = placements(len(items), spec, start)
    log.info("labels: %d on %s from position %d, %d page(s)", len(items), spec.code, start, where[-1][0] + 1)

    def draw(c: Canvas) -> None:
        page = 0
        for entry, (p, slot) in zip(items, where, strict=True):
            if p != page:
                c.showPage()
                page = p
            _draw_block(c, spec, slot, blocks[id(entry)], font, adjust)

    return _write(target, spec, title or f"주소 라벨 ({spec.code})", draw, font)


def _write(target: Path, spec: Sheet, title: str, draw: Callable[[Canvas], None], font: str) -> Path:
    size = (spec.page_w * PT_PER_MM, spec.page_h * PT_PER_MM)
    try:
        return _save(target, size, spec, title, draw, font)
    except OSError as exc:
        raise InputError(
            "OUTPUT_UNWRITABLE", f"라벨 PDF를 쓸 수 없습니다: {target} ({exc.strerror or exc})",
            hint="다른 폴더나 파일 이름을 지정하세요.",
        ) from None


def _save(target: Path, size: tuple[float, float], spec: Sheet, title: str, draw: Callable[[Canvas], None],
          font: str) -> Path:
    from reportlab.pdfgen import canvas

    with atomic_output_file(target) as tmp:
        # initialFontName: otherwise every page references a non-embedded Helvetica
        c = canvas.Canvas(str(tmp), pagesize=size, invariant=1, pageCompression=1, initialFontName=font,
                          initialFontSize=11)
        c.setTitle(title)
        c.setAuthor("pgdocs")
        c.setCreator("pgdocs")
        c.setSubject(f"{spec.maker} {spec.code} {spec.summary}")
        c.setViewerPreference("PrintScaling", "None")
        draw(c)
        c.showPage()
        c.save()
    return target


def _draw_block(c: Canvas, spec: Sheet, slot: int, block: Block, font: str, adjust: PrinterAdjust) -> None:
    x0, y0 = adjust.origin(spec, slot)
    c.setFont(font, block.size_pt)
    page_h = spec.page_h
    for line in block.lines:
        x = (x0 + line.x) * PT_PER_MM
        y = (page_h - (y0 + line.baseline)) * PT_PER_MM
        c.drawString(x, y, line.text)


def _draw_calibration(c: Canvas, spec: Sheet, font: str, adjust: PrinterAdjust) -> None:
    mm = PT_PER_MM
    ph = spec.page_h
    c.setLineWidth(0.3)
    c.setStrokeGray(0.35)
    arm = 2.5
    for slot in range(spec.count):
        _, _, w, h = spec.label_box(slot)
        x, y = adjust.origin(spec, slot)
        c.roundRect(x * mm, (ph - y - h) * mm, w * mm, h * mm, spec.radius * mm, stroke=1, fill=0)
        for cx, cy in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
            c.line((cx - arm) * mm, (ph - cy) * mm, (cx + arm) * mm, (ph - cy) * mm)
            c.line(cx * mm, (ph - cy - arm) * mm, cx * mm, (ph - cy + arm) * mm)
        c.setFont(font, min(14.0, h * 0.3 * mm))
        c.drawCentredString((x + w / 2) * mm, (ph - y - h / 2) * mm, str(slot + 1))
        c.setFont(font, 6)
        caption = f"{spec.code}  {spec.label_w:g}×{spec.label_h:g}"
        c.drawCentredString((x + w / 2) * mm, (ph - y - h / 2 - 4) * mm, caption)
    _draw_rulers(c, spec, font)
    c.setFont(font, 7)
    c.setFillGray(0)
    c.drawCentredString(
        spec.page_w / 2 * mm,
        4 * mm,
        f"{spec.maker} {spec.code} · {spec.summary} · 보정 x={adjust.x:+g} y={adjust.y:+g}"
        f" 간격 {adjust.dx:+g}/{adjust.dy:+g} mm · {PRINT_HINT}",
    )


def _draw_rulers(c: Canvas, spec: Sheet, font: str) -> None:
    """mm rulers along the top and left page edges (no offset: they measure where the printer puts ink)."""
    mm = PT_PER_MM
    ph = spec.page_h
    c.setStrokeGray(0)
    c.setLineWidth(0.2)
    c.setFont(font, 5)
    for i in range(int(spec.page_w) + 1):
        length = 6.0 if i % 10 == 0 else 3.5 if i % 5 == 0 else 2.0
        c.line(i * mm, ph * mm, i * mm, (ph - length) * mm)
        if i % 10 == 0 and 0 < i < spec.page_w:
            c.drawCentredString(i * mm, (ph - 8.0) * mm, str(i))
    for i in range(int(ph) + 1):
        length = 6.0 if i % 10 == 0 else 3.5 if i % 5 == 0 else 2.0
        c.line(0, (ph - i) * mm, length * mm, (ph - i) * mm)
        if i % 10 == 0 and 0 < i < ph:
            c.drawString(7.0 * mm, (ph - i - 0.6) * mm, str(i))
