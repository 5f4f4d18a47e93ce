"""Label sheet geometry as data: the shipped table and custom sheet files.

Sheets live in ``pgdocs/data/label_sheets.toml`` with their source and a
confidence grade. Every sheet, shipped or custom, is checked when loaded: the
grid must fit the page (±0.15 mm) and labels must not overlap, so a typo in a
custom file gives one clear Korean error instead of labels printed off the page.
"""

from __future__ import annotations

import logging
import math
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NoReturn

from pgdocs import jsonio
from pgdocs.errors import InputError
from pgdocs.jsonio import Report
from pgdocs.resources import data_path
from pgdocs.text import nfc

#: the sheet used when none is named: Formtec LS-3108, 14 labels (2×7) of 99.1×38.1 mm, room for five lines at
#: 11 pt (docs/packets.md#label-fit)
DEFAULT_SHEET = "LS-3108"

log = logging.getLogger(__name__)

A4_W_MM = 210.0
A4_H_MM = 297.0
#: How far a grid may stick out of the page or labels overlap before a sheet is refused.
FIT_TOLERANCE_MM = 0.15
DEFAULT_PADDING_MM = 3.0
MAX_CUSTOM_BYTES = 64 * 1024
CONFIDENCES = ("high", "medium-high", "medium", "low-medium", "low", "custom")

_NUMBER_KEYS = ("label_w", "label_h", "top", "left", "pitch_x", "pitch_y", "gap_x", "gap_y",
                "radius", "padding", "page_w", "page_h")
_TEXT_KEYS = ("code", "maker", "name", "source", "confidence", "note")
_ALLOWED_KEYS = {*_NUMBER_KEYS, *_TEXT_KEYS, "cols", "rows", "aliases"}
_REQUIRED_KEYS = ("cols", "rows", "label_w", "label_h", "top", "left")


@dataclass(frozen=True)
class Sheet:
    """One label sheet product: a grid of ``cols`` × ``rows`` labels on a page (mm, origin top-left)."""

    code: str
    maker: str
    cols: int
    rows: int
    label_w: float
    label_h: float
    top: float
    left: float
    pitch_x: float
    pitch_y: float
    page_w: float = A4_W_MM
    page_h: float = A4_H_MM
    radius: float = 0.0
    padding: float = DEFAULT_PADDING_MM
    confidence: str = "custom"
    source: str = ""
    note: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        """Labels per page."""
        return self.cols * self.rows

    @property
    def summary(self) -> str:
        """``14칸 (2×7) 99.1×38.1 mm`` — how people tell sheets apart (codes get mixed up)."""
        return f"{self.count}칸 ({self.cols}×{self.rows}) {_mm(self.label_w)}×{_mm(self.label_h)} mm"

    def label_box(self, slot: int) -> tuple[float, float, float, float]:
        """``(x, y, w, h)`` in mm from the page's top-left corner of 0-based ``slot`` (row by row)."""
        if not 0 <= slot < self.count:
            raise IndexError(slot)
        row, col = divmod(slot, self.cols)
        return (self.left + col * self.pitch_x, self.top + row * self.pitch_y, self.label_w, self.label_h)

    def to_dict(self) -> Report:
        return {
            "code": self.code, "maker": self.maker, "labels": self.count,
            "cols": self.cols, "rows": self.rows,
            "label_w": self.label_w, "label_h": self.label_h, "top": self.top, "left": self.left,
            "pitch_x": self.pitch_x, "pitch_y": self.pitch_y, "page_w": self.page_w, "page_h": self.page_h,
            "radius": self.radius, "padding": self.padding, "confidence": self.confidence,
            "source": self.source, "note": self.note, "aliases": list(self.aliases), "summary": self.summary,
        }


def _mm(v: float) -> str:
    return f"{v:g}"


def normalize_code(text: str) -> str:
    """A lookup key (NFKC): ``ls-3108``, ``LS 3108``, ``ＬＳ－３１０８`` → ``LS3108``; ``l7160`` → ``L7160``."""
    return re.sub(r"[\s\-_\u2010-\u2015\u2212]+", "", unicodedata.normalize("NFKC", text)).upper()


def _num(data: Mapping[str, object], key: str, where: str, problems: list[str]) -> float | None:
    v = data.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        problems.append(f"{key}: 숫자(mm)여야 합니다 ({v!r})")
        return None
    return float(v)


def _int(data: Mapping[str, object], key: str, problems: list[str]) -> int | None:
    v = data.get(key)
    if isinstance(v, bool) or not isinstance(v, int):
        problems.append(f"{key}: 정수여야 합니다 ({v!r})")
        return None
    if not 1 <= v <= 40:
        problems.append(f"{key}: 1~40 사이여야 합니다 ({v})")
        return None
    return v


def sheet_from_dict(data: object, *, where: str, default_code: str = "CUSTOM", custom: bool = True) -> Sheet:
    """Build and check a :class:`Sheet`; every problem is listed in one ``LABEL_SHEET_INVALID`` error."""
    if not isinstance(data, dict):
        raise InputError("LABEL_SHEET_INVALID", f"라벨지 정의가 항목 묶음(객체)이 아닙니다: {where}")
    problems: list[str] = []
    unknown = sorted(set(map(str, data)) - _ALLOWED_KEYS)
    if unknown:
        problems.append(f"알 수 없는 항목: {', '.join(unknown)}")
    missing = [k for k in _REQUIRED_KEYS if data.get(k) is None]
    if missing:
        problems.append(f"필수 항목이 없습니다: {', '.join(missing)}")
    for key in _TEXT_KEYS:
        if data.get(key) is not None and not isinstance(data[key], str):
            problems.append(f"{key}: 문자열이어야 합니다")
    cols = _int(data, "cols", problems) if "cols" in data else None
    rows = _int(data, "rows", problems) if "rows" in data else None
    nums = {k: _num(data, k, where, problems) for k in _NUMBER_KEYS}
    label_w, label_h = nums["label_w"], nums["label_h"]
    top, left = nums["top"], nums["left"]
    if problems:
        _invalid(where, problems)
    if cols is None or rows is None or label_w is None or label_h is None:
        _invalid(where, ["필수 항목이 없습니다"])
    if top is None or left is None:
        _invalid(where, ["필수 항목이 없습니다"])
    page_w = nums["page_w"] if nums["page_w"] is not None else A4_W_MM
    page_h = nums["page_h"] if nums["page_h"] is not None else A4_H_MM
    pitch_x = _pitch(nums["pitch_x"], nums["gap_x"], label_w, "x", problems)
    pitch_y = _pitch(nums["pitch_y"], nums["gap_y"], label_h, "y", problems)
    radius = nums["radius"] or 0.0
    padding = nums["padding"] if nums["padding"] is not None else DEFAULT_PADDING_MM
    tol = FIT_TOLERANCE_MM
    for key, v in (("label_w", label_w), ("label_h", label_h), ("page_w", page_w), ("page_h", page_h)):
        if v <= 0:
            problems.append(f"{key}: 0보다 커야 합니다 ({_mm(v)})")
    if top < -tol or left < -tol:
        problems.append(f"top/left 여백은 0 이상이어야 합니다 (top {_mm(top)}, left {_mm(left)})")
    if not 0 <= padding < min(label_w, label_h) / 2:
        problems.append(f"padding: 라벨 크기의 절반보다 작은 0 이상의 값이어야 합니다 ({_mm(padding)})")
    if not 0 <= radius <= min(label_w, label_h) / 2:
        problems.append(f"radius: 0 이상, 라벨 크기의 절반 이하여야 합니다 ({_mm(radius)})")
    if pitch_x < label_w - tol and cols > 1:
        problems.append(
            f"가로 간격(pitch_x {_mm(pitch_x)})이 라벨 폭({_mm(label_w)})보다 작아 라벨이 겹칩니다"
        )
    if pitch_y < label_h - tol and rows > 1:
        problems.append(
            f"세로 간격(pitch_y {_mm(pitch_y)})이 라벨 높이({_mm(label_h)})보다 작아 라벨이 겹칩니다"
        )
    right = left + (cols - 1) * pitch_x + label_w
    bottom = top + (rows - 1) * pitch_y + label_h
    if right > page_w + tol:
        problems.append(
            f"가로 배열이 용지 밖으로 나갑니다: {_mm(round(right, 3))} mm > 용지 폭 {_mm(page_w)} mm"
        )
    if bottom > page_h + tol:
        problems.append(
            f"세로 배열이 용지 밖으로 나갑니다: {_mm(round(bottom, 3))} mm > 용지 높이 {_mm(page_h)} mm"
        )
    confidence = str(data.get("confidence") or ("custom" if custom else "medium"))
    if confidence not in CONFIDENCES:
        problems.append(f"confidence: {', '.join(CONFIDENCES)} 중 하나여야 합니다 ({confidence!r})")
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        problems.append("aliases: 문자열 목록이어야 합니다")
        aliases = []
    if problems:
        _invalid(where, problems)
    return Sheet(
        code=nfc(str(data.get("code") or default_code)).strip(),
        maker=nfc(str(data.get("maker") or "사용자 정의")),
        cols=cols, rows=rows, label_w=label_w, label_h=label_h, top=top, left=left,
        pitch_x=pitch_x, pitch_y=pitch_y, page_w=page_w, page_h=page_h, radius=radius, padding=padding,
        confidence=confidence, source=nfc(str(data.get("source") or where)),
        note=nfc(str(data.get("note") or "")),
        aliases=tuple(nfc(a) for a in aliases),
    )


def _pitch(pitch: float | None, gap: float | None, size: float, axis: str, problems: list[str]) -> float:
    if pitch is not None and gap is not None and abs(pitch - (size + gap)) > FIT_TOLERANCE_MM:
        problems.append(f"pitch_{axis} 와 gap_{axis} 가 서로 맞지 않습니다 (pitch = 라벨 크기 + gap)")
    if pitch is not None:
        return pitch
    return size + (gap or 0.0)


def _invalid(where: str, problems: list[str]) -> NoReturn:
    raise InputError(
        "LABEL_SHEET_INVALID",
        f"라벨지 정의가 올바르지 않습니다 ({where}): " + "; ".join(problems),
        hint=(
            "길이는 mm 단위입니다. 필수: cols, rows, label_w, label_h, top, left"
            " (+ pitch_x/pitch_y 또는 gap_x/gap_y)."
        ),
        details={"problems": problems},
    )


@cache
def _shipped() -> tuple[Sheet, ...]:
    path = data_path("label_sheets.toml")
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    sheets = tuple(
        sheet_from_dict(entry, where=f"label_sheets.toml #{i + 1}", custom=False)
        for i, entry in enumerate(raw.get("sheet", []))
    )
    log.debug("loaded %d label sheets from %s", len(sheets), path)
    return sheets


@cache
def _index() -> dict[str, Sheet]:
    idx: dict[str, Sheet] = {}
    for sheet in _shipped():
        for name in (sheet.code, *sheet.aliases):
            idx[normalize_code(name)] = sheet
    return idx


def list_sheets() -> list[Sheet]:
    """Every shipped sheet, Formtec first, in file order."""
    return list(_shipped())


def load_sheet(code_or_path: str | Path | Sheet) -> Sheet:
    """A shipped sheet by code (``LS-3108``, ``ls3108``, ``3108``, ``L7160``, ``J8160``) or a custom file.

    A custom file is a small TOML or JSON file with the same keys as the shipped
    table (``cols``, ``rows``, ``label_w``, ``label_h``, ``top``, ``left``, ``pitch_x``
    …), either at the top level or as the only ``[[sheet]]`` entry.
    """
    if isinstance(code_or_path, Sheet):
        return code_or_path
    text = nfc(str(code_or_path)).strip()
    looks_like_file = (
        isinstance(code_or_path, Path) or text.lower().endswith((".toml", ".json")) or "/" in text
    )
    if not looks_like_file:
        found = _index().get(normalize_code(text))
        if found is not None:
            return found
        if Path(text).is_file():
            return _load_custom(Path(text))
        codes = ", ".join(s.code for s in _shipped())
        raise InputError(
            "LABEL_SHEET_UNKNOWN",
            f"알 수 없는 라벨지입니다: {text!r}",
            hint=(
                f"pgdocs labels --list-sheets 로 목록을 보세요 ({codes}),"
                " 또는 라벨지 정의 파일(.toml/.json)을 지정하세요."
            ),
        )
    return _load_custom(Path(text))


def _load_custom(path: Path) -> Sheet:
    if not path.is_file():
        raise InputError("LABEL_SHEET_NOT_FOUND", f"라벨지 정의 파일이 없습니다: {path}")
    size = path.stat().st_size
    if size > MAX_CUSTOM_BYTES:
        raise InputError(
            "LABEL_SHEET_INVALID", f"라벨지 정의 파일이 너무 큽니다 ({size:,} 바이트): {path.name}"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("LABEL_SHEET_INVALID", f"라벨지 정의 파일이 UTF-8이 아닙니다: {path.name}") from None
    except OSError as exc:
        raise InputError(
            "LABEL_SHEET_INVALID", f"라벨지 정의 파일을 읽을 수 없습니다: {path} ({exc.strerror})"
        ) from None
    data: object  # JSON, or TOML (which has dates too): checked key by key in sheet_from_dict
    try:
        data = jsonio.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, TOMLDecodeError, jsonio.TooDeep
        raise InputError("LABEL_SHEET_INVALID", f"라벨지 정의 파일 형식 오류: {path.name} ({exc})") from None
    if isinstance(data, dict) and "sheet" in data:
        entries = data["sheet"]
        if not isinstance(entries, list) or len(entries) != 1:
            raise InputError(
                "LABEL_SHEET_INVALID", f"라벨지 정의 파일에는 라벨지 하나만 적어 주세요: {path.name}"
            )
        data = entries[0]
    return sheet_from_dict(data, where=path.name, default_code=f"custom:{path.stem}")
