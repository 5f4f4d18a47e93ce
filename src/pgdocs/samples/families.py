"""Layout families of fictional certificates: the real NTS layouts (docs/certificates.md#real-layouts).

* ``classic`` — the first generator (:mod:`pgdocs.samples.certlayout`), kept as it was;
* ``nts`` — the NTS 사업자등록증 print of 2015–2024 (layout A), 개인 and 법인;
* ``nts2025`` — the 2025+ print (layout B): ``대표자(대표유형)``, ``법인명(단체명)``;
* ``proof`` — the 사업자등록증명 of 홈택스/정부24 (layout C): a bordered table, ``880412-*******``,
  ``|``-separated 업태/종목 over several lines, a 공동사업자 sub-table, 발급번호/처리기간/접수번호;
* ``hometax`` — layout A or B as a text PDF that stores ONE GLYPH PER TEXT RUN (layout D).

The NTS pages carry what real ones carry: the pale emblem behind the middle, grey security-pattern boxes at the
foot, boxed 업태/종목 labels with up to five values in two columns, letter-spaced labels with a colon column, the
nts.go.kr code and mascot top right, a red seal over the last syllable of ○○세무서장 and sometimes a
"원본대조필" stamp (:mod:`pgdocs.samples.ntsart`). Each family draws with its own fonts (:data:`FAMILIES`).

Not known from the observed documents, and chosen here: an individual's 2025+ certificate also labels its
representative ``대표자(대표유형)``; 증명 dates print as ``2021년 03월 02일`` or ``2021 년 03 월 02 일``.

>>> from pgdocs.samples.fakedata import seeded
>>> bd = prepare("proof", seeded(1), "general")
>>> lay, printed = build("proof", bd, "NanumGothic", seeded(2))
>>> printed["form"], printed["resident_number"][6:]
('proof', '-*******')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections.abc import Callable

from pgdocs.jsonio import Report
from pgdocs.samples import ntsart
from pgdocs.samples.fakedata import (
    _ACTIVITIES,
    _EXEMPT_ACTIVITIES,
    Address,
    BusinessData,
    make_business,
    person_name,
)
from pgdocs.samples.render import (
    Layout,
    Line,
    Rect,
    Stamp,
    Text,
    all_fonts,
    get_font,
    seal_image,
    text_width_mm,
    wrap_mm,
)

A4 = (210.0, 297.0)


@dataclasses.dataclass(frozen=True)
class Family:
    """A layout family: what it draws, with which fonts, in which variants."""

    name: str
    title: str  #: Korean name of the layout, for summaries
    fonts: tuple[str, ...]  #: preferred fonts (those installed are used)
    variants: tuple[str, ...]  #: variants that apply (``hometax`` is its own text PDF)
    form: str  #: "certificate" (사업자등록증) or "proof" (사업자등록증명)


_RASTER = ("clean", "scan", "scan200", "jpeg", "lowres", "fax", "photo", "closeup", "bent", "moire", "uneven", "thumb",
           "capture", "scanpdf")
FAMILIES: dict[str, Family] = {
    "classic": Family("classic", "기존 예시", (), (*_RASTER, "textpdf"), "certificate"),
    "nts": Family("nts", "국세청 사업자등록증 (2024년까지)",
                  ("UnBatang", "UnDotum", "BaekmukGulim", "BaekmukBatang", "NanumMyeongjo"),
                  (*_RASTER, "textpdf"), "certificate"),
    "nts2025": Family("nts2025", "국세청 사업자등록증 (2025년부터)",
                      ("NotoSansCJK", "NotoSerifCJK", "UnDotum", "NanumBarunGothic", "BaekmukDotum"),
                      (*_RASTER, "textpdf"), "certificate"),
    "proof": Family("proof", "사업자등록증명 (홈택스/정부24)",
                    ("BaekmukGulim", "BaekmukDotum", "UnDotum", "NanumGothic", "NotoSansCJK"),
                    (*_RASTER, "textpdf"), "proof"),
    "hometax": Family("hometax", "홈택스 텍스트 PDF (글자마다 따로 저장)",
                      ("UnBatang", "UnDotum", "BaekmukBatang", "BaekmukGulim", "NanumMyeongjo",
                       "NanumBarunGothic"),
                      ("textpdf",), "certificate"),
}
FAMILY_NAMES = tuple(FAMILIES)

#: NTS 2025+ prints start here
EDITION_2025 = dt.date(2025, 1, 1)

#: more 업태/종목 pairs: real certificates list up to five (or six) values per column, 업태 repeating
_MORE_ACTIVITIES = (
    ("도매 및 소매업", "전자상거래 소매업"),
    ("도매 및 소매업", "통신판매업"),
    ("도매 및 소매업", "기타 생활용품 도매업"),
    ("도매 및 소매업", "의복 소매업"),
    ("서비스", "소프트웨어개발외"),
    ("제조", "보안 생체인식 시스템"),
    ("전문, 과학 및 기술서비스업", "광고 대행업"),
    ("정보통신업", "응용 소프트웨어 개발 및 공급업"),
    ("도매", "전자부품 도매업"),
    ("소매", "온라인 쇼핑몰"),
    ("서비스업", "디자인 컨설팅"),
    ("숙박 및 음식점업", "커피 전문점"),
    ("제조업", "화장품 제조업"),
    ("교육서비스업", "온라인 교육 학원"),
    *_ACTIVITIES,
)


def _date_between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def prepare(family: str, rng: random.Random, kind: str) -> BusinessData:
    """A fictional business as ``family`` prints it: dates in the layout's years, longer 업태/종목 lists."""
    bd = make_business(rng, kind)
    if family == "classic":
        return bd
    pool = _EXEMPT_ACTIVITIES if kind == "exempt" else _MORE_ACTIVITIES
    k = rng.choice((2, 3, 4, 5, 6, 8) if family == "proof" else (1, 2, 2, 3, 4, 5))
    acts = rng.sample(pool, k=min(k, len(pool)))
    opening, issue = bd.opening_date, bd.issue_date
    if family == "nts":
        opening = _date_between(rng, dt.date(2005, 1, 1), dt.date(2024, 6, 30))
        issue = _date_between(rng, max(opening, dt.date(2015, 1, 1)), dt.date(2024, 12, 31))
    elif family == "nts2025":
        issue = _date_between(rng, max(opening, EDITION_2025), dt.date(2026, 10, 30))
    elif family == "proof":  # a 증명 is issued when asked for: a recent date
        issue = _date_between(rng, max(opening, dt.date(2023, 1, 2)), dt.date(2026, 10, 30))
    co = bd.co_owners
    if family == "proof" and not bd.is_corporation and rng.random() < 0.3:
        co = person_name(rng)
    return dataclasses.replace(bd, opening_date=opening, issue_date=issue, co_owners=co,
                               business_type=[a for a, _ in acts], business_item=[b for _, b in acts])


def pick_font(family: str, rng: random.Random, variant: str) -> str:
    """A font of the family's own set that is installed (and embeddable for a PDF with a text layer)."""
    fonts = all_fonts()
    fam = FAMILIES[family]
    usable = [f for f in fam.fonts if f in fonts and (fonts[f].pdf or variant != "textpdf")]
    return rng.choice(usable or ["NanumGothic"])


# ----------------------------------------------------------------------------- helpers


def _date_ko(d: dt.date, spaced: bool = True) -> str:
    return f"{d.year} 년 {d.month:02d} 월 {d.day:02d} 일" if spaced else f"{d.year}년 {d.month:02d}월 {d.day:02d}일"


def _doubled_reference(addr: Address, rng: random.Random) -> str | None:
    """"…(성산동, 가나빌)(성산동, 가나빌오피스텔)": the 참고항목 printed twice, as some certificates do."""
    if not isinstance(addr, Address):
        return None
    short = addr.building.split()[0] if addr.building else rng.choice(("가온빌", "한빛", "소담채"))
    text = addr.text()
    head = text[: text.rindex("(")].rstrip()
    return f"{head} ({addr.dong}, {short})({addr.dong}, {short}{rng.choice(('오피스텔', '빌딩', '타워'))})"


@dataclasses.dataclass
class _NtsStyle:
    base: float
    left: float
    label_w: float
    step: float
    cream: bool
    colon: str
    issue_number: bool
    copy_stamp: bool
    seal_hanja: bool
    emblem_strength: float
    patterns: int
    subtitle_branch: bool

    @classmethod
    def random(cls, rng: random.Random) -> _NtsStyle:
        return cls(
            base=rng.uniform(11.0, 12.5),
            left=rng.uniform(20, 26),
            label_w=rng.uniform(30, 35),
            step=rng.uniform(9.5, 11.0),
            cream=rng.random() < 0.4,
            colon=rng.choice((":", ":", ":", "：")),
            issue_number=rng.random() < 0.35,
            copy_stamp=rng.random() < 0.3,
            seal_hanja=rng.random() < 0.5,
            emblem_strength=rng.uniform(0.7, 1.4),
            patterns=rng.choice((3, 4)),
            subtitle_branch=rng.random() < 0.4,
        )


def _subtitle(bd: BusinessData, st: _NtsStyle) -> str:
    if bd.kind == "general":
        return "일반과세자"
    if bd.kind == "simple":
        return "간이과세자"
    if bd.kind == "exempt":
        return "면세사업자"
    if st.subtitle_branch:
        return "법인사업자:본점" if bd.kind == "corporation_head" else "법인사업자:지점"
    return "법인사업자"


def _seal(lay: Layout, rng: random.Random, office: str, x_end: float, y: float, font_key: str,
          hanja: bool) -> None:
    """The red square seal (about 2.5 cm) to the right of ○○세무서장, partly over its last syllable."""
    s = rng.uniform(22, 27)
    text = "稅務署長之印" if hanja else f"{office}세무서장인"
    seal_font = "NotoSerifCJK" if "NotoSerifCJK" in all_fonts() else font_key
    lay.add(Stamp(x_end - s * rng.uniform(0.3, 0.55), y - s * rng.uniform(0.55, 0.7), s, s,
                  seal_image(text, rng.randint(0, 9999), seal_font, round_=False)))


# ----------------------------------------------------------------------------- layouts A, B (and D)


def build_nts(bd: BusinessData, font_key: str, rng: random.Random, *, edition: str) -> tuple[Layout, Report]:
    """The NTS 사업자등록증 (``edition`` "2015": layout A, "2025": layout B) as layout items in mm."""
    st = _NtsStyle.random(rng)
    font = get_font(font_key)
    lay = Layout(A4[0], A4[1], font, background=(253, 251, 244) if st.cream else (255, 255, 255))
    corp = bd.is_corporation
    size = st.base
    L, LW = st.left, st.label_w
    vx = L + LW + 5.5
    right = A4[0] - 18
    printed: Report = {"form": "certificate", "edition": edition}

    # behind everything: the pale emblem over the middle of the page (address, 업태/종목, 발급사유)
    d = rng.uniform(86, 96)
    ey = rng.uniform(128, 150)
    lay.add(Stamp(A4[0] / 2 - d / 2, ey - d / 2, d, d, ntsart.emblem_watermark(rng.randint(0, 99),
                                                                               round(st.emblem_strength, 1))))
    # top right: the mascot with 국세청 under it, the code with nts.go.kr printed vertically beside it
    lay.add(Stamp(157, 11, 11, 11, ntsart.mascot(0)))
    lay.add(Text(162.5, 26.5, "국세청", size * 0.6, align="center", color=(40, 70, 140)))
    lay.add(Stamp(172, 11, 20.8, 16, ntsart.nts_code(rng.randint(0, 99))))
    if st.issue_number:
        lay.add(Text(18, 20, f"발급번호 {st.colon} {bd.issue_number}", size * 0.72))

    y = rng.uniform(46, 52)
    lay.add(Text(A4[0] / 2, y, "사업자등록증", size * rng.uniform(2.0, 2.3), bold=True, align="center",
                 spread=rng.uniform(95, 115)))
    y += 11
    sub = _subtitle(bd, st)
    printed["subtitle"] = sub
    lay.add(Text(A4[0] / 2, y, f"( {sub} )", size * 1.1, align="center"))
    y += 15
    num_size = size * rng.uniform(1.3, 1.45)
    head = f"등록번호 {st.colon} "
    hw = text_width_mm(head, font, num_size, bold=True)
    nw = text_width_mm(bd.business_number, font, num_size, bold=True)
    nx = A4[0] / 2 - (hw + nw) / 2
    lay.add(Text(nx, y, head, num_size, bold=True))
    lay.add(Text(nx + hw, y, bd.business_number, num_size, bold=True, field="business_number"))
    y += st.step * 1.6

    def label(text: str, x: float, yy: float, width: float) -> float:
        width = max(width, text_width_mm(text, font, size) + 0.8 * len(text))
        lay.add(Text(x, yy, text, size, spread=width))
        lay.add(Text(x + width + 1.5, yy, st.colon, size))
        return x + width + 5.5

    def row(text: str, value: str, fld: str | None, yy: float) -> float:
        label(text, L, yy, LW)
        lines = wrap_mm(value, right - vx, font, size) if value else [""]
        for i, ln in enumerate(lines):
            if ln:
                lay.add(Text(vx, yy + i * st.step * 0.72, ln, size, field=fld))
        return yy + st.step + (len(lines) - 1) * st.step * 0.72

    if edition == "2025":
        name_label = "법인명(단체명)" if corp else "상호"
        rep_label = "대표자(대표유형)"
    else:
        name_label = "법인명(단체명)" if corp else "상호"
        rep_label = "대표자" if corp else "성명"
    # the label column is as wide as its widest label needs (a spread label never overlaps itself)
    need = max(text_width_mm(t, font, size) + 0.8 * len(re.findall(r"\([^)]*\)|\S", t))
               for t in (name_label, rep_label, "사업장 소재지", "개업연월일", "사업의 종류"))
    if need > LW:
        LW = need
        vx = L + LW + 5.5
    printed["labels"] = {"business_name": name_label, "representative": rep_label}
    addr_text = bd.address.text()
    if isinstance(bd.address, Address) and rng.random() < 0.15:
        addr_text = _doubled_reference(bd.address, rng) or addr_text
    printed["address"] = addr_text
    printed["representative"] = bd.representative_printed

    y = row(name_label, bd.business_name, "business_name", y)
    if corp:
        y = row(rep_label, bd.representative_printed, "representative", y)
        label("개업연월일", L, y, LW)
        lay.add(Text(vx, y, _date_ko(bd.opening_date), size, field="opening_date"))
        rvx = label("법인등록번호", 112 + rng.uniform(-2, 2), y, 24)
        lay.add(Text(rvx, y, bd.corporate_number or "", size, field="corporate_number"))
        y += st.step
        y = row("사업장 소재지", addr_text, "address", y)
        y = row("본점 소재지", (bd.head_office or bd.address).text(), "head_office_address", y)
    else:
        label(rep_label, L, y, LW)
        lay.add(Text(vx, y, bd.representative_printed, size, field="representative"))
        if bd.birth_date:
            rvx = label("생년월일", 116 + rng.uniform(-2, 2), y, 20)
            lay.add(Text(rvx, y, _date_ko(bd.birth_date), size, field="birth_date"))
        y += st.step
        y = row("개업연월일", _date_ko(bd.opening_date), "opening_date", y)
        y = row("사업장소재지", addr_text, "address", y)

    # 사업의 종류: two boxed labels 업태 / 종목 at the start of two columns, values one per line
    label("사업의 종류", L, y, LW)
    col_w = (right - vx) / 2
    step = st.step * 0.78
    bottom = y
    for col, (head_text, values, fld) in enumerate(
        (("업태", bd.business_type, "business_type"), ("종목", bd.business_item, "business_item"))
    ):
        x = vx + 2 + col * col_w
        bw = text_width_mm(head_text, font, size) + 3
        lay.add(Rect(x - 1.5, y - size * 0.36 - 2.6, bw, size * 0.36 + 4.2, width=0.3))
        lay.add(Text(x, y, head_text, size))
        yy = y
        for v in values:
            for ln in wrap_mm(v, col_w - bw - 4, font, size):
                lay.add(Text(x + bw + 2, yy, ln, size, field=fld))
                yy += step
        bottom = max(bottom, yy)
    y = bottom + st.step * 0.4

    y = row("발급사유", bd.issue_reason, None, y)
    if not corp:
        y = row("공동사업자", bd.co_owners, None, y)
    y += st.step * 0.2
    lay.add(Text(L, y, f"사업자 단위 과세 적용사업자 여부 {st.colon} 여(   )  부( ∨ )", size))
    y += st.step
    lay.add(Text(L, y, f"전자세금계산서 전용 전자우편주소 {st.colon} {bd.email}".rstrip(), size))

    fy = max(y + 18, rng.uniform(218, 226))
    lay.add(Text(A4[0] / 2, fy, _date_ko(bd.issue_date), size * 1.1, align="center", field="issue_date"))
    fy += 17
    office = f"{bd.tax_office}세무서장"
    spread = 11.5 * len(office)
    lay.add(Text(A4[0] / 2, fy, office, size * 1.75, bold=True, align="center", spread=spread, field="tax_office"))
    _seal(lay, rng, bd.tax_office, A4[0] / 2 + spread / 2, fy, font_key, st.seal_hanja)
    if st.copy_stamp:
        lay.add(Stamp(rng.uniform(138, 150), rng.uniform(196, 206), 44, 20,
                      ntsart.copy_stamp(rng.randint(0, 99), font_key)))
    printed["copy_stamp"] = st.copy_stamp

    # foot: the 국세청 / National Tax Service logo at the left, a row of grey security-pattern boxes
    lay.add(Text(18, 259, "국세청", size * 0.9, bold=True, color=(40, 70, 140)))
    lay.add(Text(18, 263.5, "National Tax Service", size * 0.55, color=(40, 70, 140)))
    n = st.patterns
    gap = 4.0
    bw = (A4[0] - 36 - gap * (n - 1)) / n
    for i in range(n):
        lay.add(Stamp(18 + i * (bw + gap), 268, bw, 24, ntsart.security_pattern(rng.randint(0, 999))))
    return lay, printed


# ----------------------------------------------------------------------------- layout C


def build_proof(bd: BusinessData, font_key: str, rng: random.Random) -> tuple[Layout, Report]:
    """The 사업자등록증명 (layout C): a bordered table of label and value cells."""
    font = get_font(font_key)
    lay = Layout(A4[0], A4[1], font)
    corp = bd.is_corporation
    size = rng.uniform(10.0, 11.0)
    x0, x1 = 14.0, A4[0] - 14.0
    lw = rng.uniform(40, 46)
    vx = x0 + lw
    pad = 2.6
    lh = size * 0.6 + 1.2  # line pitch inside a cell, mm
    spaced_dates = rng.random() < 0.5
    shade = (244, 244, 244) if rng.random() < 0.35 else None  # some prints shade the label cells
    printed: Report = {"form": "proof"}

    lay.add(Stamp(A4[0] / 2 - 46, 98, 92, 92, ntsart.emblem_watermark(rng.randint(0, 99),
                                                                     round(rng.uniform(0.7, 1.3), 1))))
    # 발급번호 box top left, 처리기간 box top right
    issue_no = f"{rng.randint(1000, 9999)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-{rng.randint(100, 999)}"
    printed["issue_number"] = issue_no
    lay.add(Rect(x0, 12, 78, 10, width=0.35))
    lay.add(Line(x0 + 20, 12, x0 + 20, 22, width=0.3))
    lay.add(Text(x0 + 10, 18.6, "발급번호", size * 0.85, align="center"))
    lay.add(Text(x0 + 23, 18.6, issue_no, size * 0.85))
    lay.add(Rect(x1 - 46, 12, 46, 10, width=0.35))
    lay.add(Line(x1 - 24, 12, x1 - 24, 22, width=0.3))
    lay.add(Text(x1 - 35, 18.6, "처리기간", size * 0.85, align="center"))
    lay.add(Text(x1 - 12, 18.6, "즉시", size * 0.85, align="center"))
    lay.add(Text(A4[0] / 2, 38, "사업자등록증명", size * 2.2, bold=True, align="center", spread=rng.uniform(90, 110)))
    sub = {"general": "일반과세자", "simple": "간이과세자", "exempt": "면세사업자"}.get(bd.kind, "법인사업자")
    printed["subtitle"] = sub
    lay.add(Text(A4[0] / 2, 48, f"( {sub} )", size * 1.1, align="center"))

    def fmt(d: dt.date) -> str:
        return _date_ko(d, spaced_dates)

    if corp:
        resident = bd.corporate_number or ""
        resident_field = "corporate_number"
    else:
        b = bd.birth_date or dt.date(1988, 4, 12)
        resident = f"{b:%y%m%d}-*******"
        resident_field = "birth_date"
    printed["resident_number"] = resident
    registered = bd.opening_date + dt.timedelta(days=rng.choice((0, 0, 1, 3, 7, 14)))
    printed["registration_date"] = registered.isoformat()
    value_w = x1 - vx - 2 * pad
    types = list(dict.fromkeys(bd.business_type))  # the 증명 lists each 업태 once
    printed["business_type"] = types
    rows: list[tuple[str, list[str], str | None]] = [
        ("상호(법인명)", [bd.business_name], "business_name"),
        ("사업자등록번호", [bd.business_number], "business_number"),
        ("대표자성명(대표유형)", [bd.representative_printed], "representative"),
        ("주민(법인)등록번호", [resident], resident_field),
        ("사업장소재지", wrap_mm(bd.address.text(), value_w, font, size), "address"),
        ("개업일", [fmt(bd.opening_date)], "opening_date"),
        ("사업자등록일", [fmt(registered)], None),
        ("업태", wrap_mm(" | ".join(types), value_w, font, size), "business_type"),
        ("종목", wrap_mm(" | ".join(bd.business_item), value_w, font, size), "business_item"),
    ]
    y = 56.0
    lay.add(Line(x0, y, x1, y, width=0.5))
    for lab, lines, fld in rows:
        h = lh * len(lines) + 2 * pad
        lay.add(Rect(x0, y, lw, h, width=0.3, fill=shade))
        lay.add(Rect(vx, y, x1 - vx, h, width=0.3))
        # the label is centred on its cell: on the middle line of a three-line 종목
        lay.add(Text(x0 + lw / 2, y + h / 2 + size * 0.18, lab, size, align="center"))
        for i, ln in enumerate(lines):
            lay.add(Text(vx + pad, y + pad + lh * (i + 0.78), ln, size, field=fld))
        y += h
    # 공동사업자: a sub-table 성명(법인명) | 주민(사업자)등록번호
    partners = [bd.co_owners] if bd.co_owners else []
    printed["partners"] = partners
    sub_rows = max(1, len(partners))
    h = lh * (1 + sub_rows) + 4 * pad
    lay.add(Rect(x0, y, lw, h, width=0.3, fill=shade))
    lay.add(Rect(vx, y, x1 - vx, h, width=0.3))
    lay.add(Text(x0 + lw / 2, y + h / 2 + size * 0.18, "공동사업자", size, align="center"))
    mid = vx + (x1 - vx) / 2
    hy = y + lh + 2 * pad
    lay.add(Line(vx, hy, x1, hy, width=0.25))
    lay.add(Text(vx + (mid - vx) / 2, y + pad + lh * 0.78, "성명(법인명)", size * 0.9, align="center"))
    lay.add(Text(mid + (x1 - mid) / 2, y + pad + lh * 0.78, "주민(사업자)등록번호", size * 0.9, align="center"))
    if partners:
        lay.add(Line(mid, y, mid, y + h, width=0.25))
        for i, p in enumerate(partners):
            born = dt.date(rng.randint(1960, 1999), rng.randint(1, 12), rng.randint(1, 28))
            lay.add(Text(vx + (mid - vx) / 2, hy + pad + lh * (i + 0.78), p, size, align="center"))
            lay.add(Text(mid + (x1 - mid) / 2, hy + pad + lh * (i + 0.78), f"{born:%y%m%d}-*******", size,
                         align="center"))
    else:
        lay.add(Line(mid, y, mid, hy, width=0.25))
        lay.add(Text(vx + (x1 - vx) / 2, hy + pad + lh * 0.78, "해당사항이 없습니다.", size, align="center"))
    y += h
    lay.add(Line(x0, y, x1, y, width=0.5))

    y += 14
    lay.add(Text(A4[0] / 2, y, "위와 같이 증명합니다.", size * 1.15, align="center"))
    y += 9
    lay.add(Text(x0 + 4, y, "※ 위 내용은 발급일 현재 상황으로서 추후 변경될 수 있습니다.", size * 0.85))
    y += 16
    lay.add(Text(A4[0] / 2, y, fmt(bd.issue_date), size * 1.15, align="center", field="issue_date"))
    y += 15
    office = f"{bd.tax_office}세무서장"
    ow = text_width_mm(office, font, size * 1.9, bold=True)
    lay.add(Text(A4[0] / 2, y, office, size * 1.9, bold=True, align="center", field="tax_office"))
    _seal(lay, rng, bd.tax_office, A4[0] / 2 + ow / 2, y, font_key, rng.random() < 0.5)
    if rng.random() < 0.3:
        lay.add(Stamp(rng.uniform(140, 150), y - 40, 42, 19, ntsart.copy_stamp(rng.randint(0, 99), font_key)))
        printed["copy_stamp"] = True
    # the bottom table: 접수번호 / 담당부서 / 담당자 / 연락처, then the barcode strip and a security box
    y = min(max(y + 14, 246.0), 262.0)
    heads = ("접수번호", "담당부서", "담당자", "연락처")
    values = (f"{bd.issue_date.year}-{rng.randint(1000000, 9999999)}", f"{bd.tax_office}세무서 민원봉사실",
              "", f"0{rng.randint(2, 6)}{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}")
    cw = (x1 - x0) / 4
    for i, (hd, val) in enumerate(zip(heads, values, strict=True)):
        lay.add(Rect(x0 + i * cw, y, cw, 7, width=0.3))
        lay.add(Rect(x0 + i * cw, y + 7, cw, 7, width=0.3))
        lay.add(Text(x0 + i * cw + cw / 2, y + 5, hd, size * 0.8, align="center"))
        if val:
            lay.add(Text(x0 + i * cw + cw / 2, y + 12, val, size * 0.8, align="center"))
    y += 17
    lay.add(Stamp(x0, y, 80, min(10, 294 - y), ntsart.barcode_strip(rng.randint(0, 99))))
    lay.add(Stamp(x1 - 48, y, 48, min(16, 295 - y), ntsart.security_pattern(rng.randint(0, 999))))
    return lay, printed


# ----------------------------------------------------------------------------- entry point


def _classic(bd: BusinessData, font_key: str, rng: random.Random) -> tuple[Layout, Report]:
    from pgdocs.samples.certlayout import build_layout

    return build_layout(bd, font_key, rng), {"form": "certificate", "edition": "classic"}


_BUILDERS: dict[str, Callable[[BusinessData, str, random.Random], tuple[Layout, Report]]] = {
    "classic": _classic,
    "nts": lambda bd, f, r: build_nts(bd, f, r, edition="2015"),
    "nts2025": lambda bd, f, r: build_nts(bd, f, r, edition="2025"),
    "proof": build_proof,
    "hometax": lambda bd, f, r: build_nts(bd, f, r, edition="2025" if bd.issue_date >= EDITION_2025 else "2015"),
}


def build(family: str, bd: BusinessData, font_key: str, rng: random.Random) -> tuple[Layout, Report]:
    """The page of ``bd`` in ``family``'s layout, and what it printed beyond the truth fields."""
    lay, printed = _BUILDERS[family](bd, font_key, rng)
    printed["family"] = family
    return lay, printed
