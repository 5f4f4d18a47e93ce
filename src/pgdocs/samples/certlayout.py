"""The 사업자등록증 page as layout items in mm (docs/certificates.md#layout), with per-page style variation.

Common frame: emblem + 국세청, optional 발급번호, the letter-spaced title, the
subtitle by kind, 등록번호 in larger type, labelled rows (labels spread, spaced
or plain; ':' or '：'), two-field lines, the 업태/종목 table, and the footer date,
○○세무서장 and a red seal over its right end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from functools import cache

from PIL import Image, ImageDraw

from pgdocs.samples.fakedata import KIND_SUBTITLES, BusinessData
from pgdocs.samples.render import (
    Layout,
    Line,
    Rect,
    Stamp,
    Text,
    available_fonts,
    get_font,
    seal_image,
    text_width_mm,
    wrap_mm,
)

A4 = (210.0, 297.0)


def _date_ko(d: dt.date) -> str:
    return f"{d.year} 년 {d.month:02d} 월 {d.day:02d} 일"


# ----------------------------------------------------------------------------- stamps


@cache
def _emblem() -> Image.Image:
    """A simple stand-in for the NTS emblem (not the real logo)."""
    size = 200
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([8, 8, size - 8, size - 8], outline=(30, 70, 140, 255), width=14)
    d.pieslice([40, 40, size - 40, size - 40], 200, 340, fill=(30, 70, 140, 255))
    d.pieslice([40, 40, size - 40, size - 40], 20, 160, fill=(200, 60, 40, 255))
    return img


# ----------------------------------------------------------------------------- layout


@dataclasses.dataclass
class Style:
    """Per-page choices that vary between real certificates."""

    colon: str
    base: float  # body font size, pt
    left: float  # label x, mm
    label_w: float
    step: float
    top: float
    frame: bool
    issue_number: bool
    label_variant: int
    seal_hanja: bool
    label_mode: str = "spread"  # spread to equal width | "spaced" (상 호) | "plain" (상호)
    number_centered: bool = False
    seal_round: bool = False

    @classmethod
    def random(cls, rng: random.Random) -> Style:
        return cls(
            colon=rng.choice((":", ":", "：")),
            base=rng.uniform(11.0, 12.5),
            left=rng.uniform(24, 30),
            label_w=rng.uniform(30, 36),
            step=rng.uniform(10.0, 11.5),
            top=rng.uniform(-2.5, 2.5),
            frame=rng.random() < 0.5,
            issue_number=rng.random() < 0.5,
            label_variant=rng.randint(0, 1),
            seal_hanja=rng.random() < 0.4,
            label_mode=rng.choice(("spread", "spread", "spread", "spread", "spaced", "plain")),
            number_centered=rng.random() < 0.3,
            seal_round=rng.random() < 0.25,
        )


def _labels(kind: str, variant: int) -> dict[str, str]:
    corp = kind.startswith("corporation")
    return {
        "name": ("법인명(단체명)" if variant else "법인명")
        if corp
        else ("상호" if variant == 0 else "상호(단체명)"),
        "rep": "대표자" if corp else "성명",
        "address": "사업장소재지" if variant == 0 else "사업장 소재지",
    }


def build_layout(bd: BusinessData, font_key: str, rng: random.Random, style: Style | None = None) -> Layout:
    """The page of ``bd`` as layout items in mm (A4 portrait)."""
    st = style or Style.random(rng)
    font = get_font(font_key)
    lay = Layout(A4[0], A4[1], font)
    corp = bd.is_corporation
    lab = _labels(bd.kind, st.label_variant)
    L, LW, size = st.left, st.label_w, st.base
    vx = L + LW + 5.5
    right_edge = A4[0] - 22

    if st.frame:
        lay.add(Rect(12, 12, A4[0] - 24, A4[1] - 24, width=0.8))
        lay.add(Rect(14, 14, A4[0] - 28, A4[1] - 28, width=0.25))
    if st.issue_number:
        lay.add(Text(20, 22, f"발급번호 {st.colon} {bd.issue_number}", size * 0.75))
    lay.add(Stamp(166, 17, 12, 12, _emblem()))
    lay.add(Text(181, 26, "국세청", size * 0.9, bold=True, color=(30, 70, 140)))

    y = 50 + st.top
    lay.add(
        Text(A4[0] / 2, y, "사업자등록증", size * 2.2, bold=True, align="center", spread=rng.uniform(92, 110))
    )
    y += 12
    lay.add(Text(A4[0] / 2, y, f"( {KIND_SUBTITLES[bd.kind]} )", size * 1.2, align="center"))
    y += 17
    head_label = f"등록번호 {st.colon} "
    label_w = text_width_mm(head_label, font, size * 1.35, bold=True)
    nx = L
    if st.number_centered:
        nx = A4[0] / 2 - (label_w + text_width_mm(bd.business_number, font, size * 1.35, bold=True)) / 2
    lay.add(Text(nx, y, head_label, size * 1.35, bold=True))
    lay.add(Text(nx + label_w, y, bd.business_number, size * 1.35, bold=True, field="business_number"))
    y += st.step * 1.5

    def label(text: str, x: float, yy: float, width: float) -> float:
        """Label (spread, spaced or plain) + colon in a fixed column; returns the value x."""
        if st.label_mode == "spread":
            lay.add(Text(x, yy, text, size, spread=width))
        elif st.label_mode == "spaced":
            lay.add(Text(x, yy, " ".join(re.findall(r"\([^)]*\)|\S", text)), size))
        else:
            lay.add(Text(x, yy, text.replace(" ", ""), size))
        lay.add(Text(x + width + 1.5, yy, st.colon, size))
        return x + width + 5.5

    def row(text: str, value: str, fld: str | None, yy: float, *, wrap: bool = True) -> float:
        label(text, L, yy, LW)
        lines = wrap_mm(value, right_edge - vx, font, size) if (wrap and value) else [value]
        for i, ln in enumerate(lines):
            if ln:
                lay.add(Text(vx, yy + i * st.step * 0.75, ln, size, field=fld))
        return yy + st.step + (len(lines) - 1) * st.step * 0.75

    y = row(lab["name"], bd.business_name, "business_name", y)
    if corp:
        y = row(lab["rep"], bd.representative_printed, "representative", y)
        label("개업연월일", L, y, LW)
        lay.add(Text(vx, y, _date_ko(bd.opening_date), size, field="opening_date"))
        rx = 116 + rng.uniform(-2, 2)
        rvx = label("법인등록번호", rx, y, 25)
        lay.add(Text(rvx, y, bd.corporate_number or "", size, field="corporate_number"))
        y += st.step
        y = row(lab["address"], bd.address.text(), "address", y)
        head = bd.head_office or bd.address
        y = row("본점소재지", head.text(), "head_office_address", y)
    else:
        label(lab["rep"], L, y, LW)
        lay.add(Text(vx, y, bd.representative_printed, size, field="representative"))
        if bd.birth_date:
            rx = 118 + rng.uniform(-2, 2)
            rvx = label("생년월일", rx, y, 20)
            lay.add(Text(rvx, y, _date_ko(bd.birth_date), size, field="birth_date"))
        y += st.step
        y = row("개업연월일", _date_ko(bd.opening_date), "opening_date", y, wrap=False)
        y = row(lab["address"], bd.address.text(), "address", y)

    # 사업의 종류: 업태 / 종목 table
    label("사업의 종류", L, y, LW)
    tx, ix = vx, vx + 52
    lay.add(Text(tx, y, "업태", size, bold=True))
    lay.add(Text(ix, y, "종목", size, bold=True))
    for bt, bi in zip(bd.business_type, bd.business_item, strict=True):
        t_lines = wrap_mm(bt, ix - tx - 14, font, size)
        i_lines = wrap_mm(bi, right_edge - ix - 11, font, size)
        for i, ln in enumerate(t_lines):
            lay.add(Text(tx + 11, y + i * st.step * 0.75, ln, size, field="business_type"))
        for i, ln in enumerate(i_lines):
            lay.add(Text(ix + 11, y + i * st.step * 0.75, ln, size, field="business_item"))
        y += st.step * 0.75 * max(len(t_lines), len(i_lines))
    y += st.step * 0.5

    y = row("발급사유", bd.issue_reason, None, y)
    if not corp:
        y = row("공동사업자", bd.co_owners, None, y)
    unit = "사업자 단위 과세 적용사업자 여부"
    lay.add(Text(L, y, f"{unit} {st.colon} 여(   )  부( V )", size))
    y += st.step
    lay.add(Text(L, y, f"전자세금계산서 전용 전자우편주소 {st.colon} {bd.email}".rstrip(), size))

    # footer: date, office, seal
    fy = max(y + 22, 232 + st.top)
    lay.add(Text(A4[0] / 2, fy, _date_ko(bd.issue_date), size * 1.15, align="center", field="issue_date"))
    fy += 18
    office = f"{bd.tax_office}세무서장"
    spread = 12.0 * len(office)
    lay.add(
        Text(A4[0] / 2, fy, office, size * 1.8, bold=True, align="center", spread=spread, field="tax_office")
    )
    seal_text = "稅務署長之印" if st.seal_hanja else f"{bd.tax_office}세무서장인"
    s = rng.uniform(21, 26)
    sx = A4[0] / 2 + spread / 2 - s * rng.uniform(0.35, 0.65)
    seal_font = "NotoSerifCJK" if "NotoSerifCJK" in available_fonts() else "NanumGothic"
    lay.add(
        Stamp(
            sx,
            fy - s * 0.72,
            s,
            s,
            seal_image(seal_text, rng.randint(0, 9999), seal_font, round_=st.seal_round),
        )
    )
    lay.add(Text(A4[0] - 22, A4[1] - 20, "nts.go.kr", size * 0.7, align="right", color=(90, 90, 90)))
    lay.add(Line(20, A4[1] - 26, A4[0] - 20, A4[1] - 26, width=0.2, color=(120, 120, 120)))
    return lay
