"""Pages the reading tests draw themselves (document kinds, text layers, 사업자등록증명 tables).

Drawn here, not by :mod:`pgdocs.samples`, so the reader is not tested only on the generator it was tuned on.
Every name, number and address is fictional; bank names are only the bank's own name.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"
DPI = 200  #: A4 at 200 dpi: 1654 × 2339


def _font(px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_BOLD if bold else FONT, px)


def bankbook_page(path: Path) -> Path:
    """A landscape passbook page of a fictional account (a layout of our own, not the sample generator's)."""
    im = Image.new("RGB", (1754, 1240), (250, 250, 246))
    d = ImageDraw.Draw(im)
    d.rectangle([40, 40, 1714, 1200], outline=(30, 90, 160), width=5)
    d.text((90, 80), "우리은행", font=_font(60, True), fill=(30, 90, 160))
    d.text((90, 180), "보통예금 통장", font=_font(54, True), fill="black")
    rows = [("예금주", "한솔비"), ("계좌번호", "1002-345-678901"), ("신규일", "2024. 03. 15"), ("취급점", "가온지점")]
    y = 320
    for label, value in rows:
        d.text((110, y), label, font=_font(40), fill="black")
        d.text((420, y), value, font=_font(40), fill="black")
        y += 80
    d.line([90, 700, 1664, 700], fill="black", width=2)
    heads = ["거래일자", "적요", "찾으신금액", "맡기신금액", "잔액"]
    for i, h in enumerate(heads):
        d.text((110 + i * 310, 720), h, font=_font(34), fill="black")
    d.text((110, 800), "2024-03-15   신규        0        10,000       10,000", font=_font(32), fill="black")
    d.text((1200, 1120), "고객센터 1588-5000", font=_font(28), fill="black")
    im.save(path, dpi=(DPI, DPI))
    return path


def blank_page(path: Path, seed: int = 1) -> Path:
    """An empty A4 scan: off-white paper with grain and a faint shadow at one edge."""
    rng = random.Random(seed)
    im = Image.new("L", (1654, 2339), 246)
    px = im.load()
    assert px is not None
    for _ in range(40_000):
        x, y = rng.randrange(1654), rng.randrange(2339)
        px[x, y] = 246 - rng.randrange(0, 25)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, 30, 2339], fill=225)
    im.convert("RGB").save(path, dpi=(DPI, DPI))
    return path


LETTER = [
    "임대차 계약 갱신 안내",
    "",
    "안녕하십니까. 가온빌딩 관리사무소입니다.",
    "이번 계약 갱신에는 사업자등록증 사본 1부와 신분증 사본을 함께 내 주시기 바랍니다.",
    "관리비는 매월 말일까지 지정된 계좌로 납부해 주십시오.",
    "주차 등록은 차량 한 대에 한하며 방문 차량은 두 시간까지 무료입니다.",
    "건물 소독은 매달 첫째 주 화요일 오전에 실시합니다.",
    "엘리베이터 점검 중에는 계단을 이용해 주시기 바랍니다.",
]


def letter_pdf(path: Path, pages: int = 3) -> Path:
    """An unrelated multi-page Korean text PDF (fonts embedded) that even mentions a 사업자등록증 in a sentence."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("ReadingNanum", FONT))
    c = canvas.Canvas(str(path), pagesize=(595.27, 841.89))
    for p in range(pages):
        y = 780.0
        for i, text in enumerate(LETTER * 2):
            c.setFont("ReadingNanum", 18 if i == 0 and p == 0 else 11)
            c.drawString(60, y, text if p == 0 else f"{p + 1}쪽 {text}")
            y -= 30
        c.showPage()
    c.save()
    return path


def letter_image(path: Path) -> Path:
    """The same letter as a scanned page (the OCR path of "something else")."""
    im = Image.new("RGB", (1654, 2339), "white")
    d = ImageDraw.Draw(im)
    y = 200
    for i, text in enumerate(LETTER * 2):
        d.text((150, y), text, font=_font(52 if i == 0 else 32, i == 0), fill="black")
        y += 110
    im.save(path, dpi=(DPI, DPI))
    return path


# ----------------------------------------------------------------------------- text-layer PDFs

_PDF_FONT = "ReadingNanum"
A4_PT = (595.27, 841.89)


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_PDF_FONT, FONT))


def certificate_lines(b: dict[str, str]) -> list[tuple[str, float, float, str]]:
    """(label, x pt, size, value) rows of an individual's 사업자등록증, NTS layout A, for ``b`` (a record's
    ``business``): letter-spaced labels, a colon column, dates as "2021 년 03 월 02 일"."""
    def ko(d: str) -> str:
        y, m, dd = d.split("-")
        return f"{y} 년 {m} 월 {dd} 일"

    return [
        ("사 업 자 등 록 증", 200, 24, ""),
        ("( 일 반 과 세 자 )", 235, 13, ""),
        ("등록번호 :", 190, 15, b["business_number"]),
        ("상           호", 70, 11, b["business_name"]),
        ("성           명", 70, 11, f"{b['representative']}      생 년 월 일 : {ko(b['birth_date'])}"),
        ("개 업 연 월 일", 70, 11, ko(b["opening_date"])),
        ("사업장 소재지", 70, 11, b["address"]),
        ("사 업 의 종 류", 70, 11, f"업태  {b['business_type']}      종목  {b['business_item']}"),
        ("발 급 사 유", 70, 11, "신규"),
        ("", 230, 12, ko("2024-05-02")),
        ("마 포 세 무 서 장", 220, 18, ""),
    ]


def glyph_run_pdf(path: Path, business: dict[str, str]) -> Path:
    """A 홈택스-style text PDF that stores ONE GLYPH PER TEXT RUN (each character its own BT…Tj…ET with its
    own position); spaces are gaps, never space glyphs (docs/certificates.md#layout-d)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=A4_PT, invariant=1)
    y = 760.0
    for label, x, size, value in certificate_lines(business):
        text = label if not value else (f"{label} {value}" if label.endswith(":") else label)
        pos = x
        for ch in text:
            if ch != " ":
                c.setFont(_PDF_FONT, size)
                c.drawString(pos, y, ch)
            pos += stringWidth(ch, _PDF_FONT, size)
        if value and not label.endswith(":"):
            if label:
                c.drawString(x + 95, y, ":")  # the colon column
            pos = x + 110 if label else x
            for ch in value:
                if ch != " ":
                    c.drawString(pos, y, ch)
                pos += stringWidth(ch, _PDF_FONT, size)
        y -= size * 2.6
    c.showPage()
    c.save()
    return path


def hidden_layer_pdf(path: Path, shown_png: Path, business: dict[str, str], how: str) -> Path:
    """A page that SHOWS ``shown_png`` (a certificate of one business) over the whole page, with a text layer
    naming ``business`` that nobody sees: ``how`` = invisible (render mode 3), white, transparent (alpha 0),
    covered (drawn first, then the picture over it), outside (off the page box)."""
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=A4_PT, invariant=1)
    if how != "covered":
        c.drawImage(str(shown_png), 0, 0, *A4_PT)
    if how == "transparent":
        c.setFillAlpha(0)
    y = 760.0
    for label, x, size, value in certificate_lines(business):
        t = c.beginText(x - (2000 if how == "outside" else 0), y)
        t.setFont(_PDF_FONT, size)
        if how == "invisible":
            t.setTextRenderMode(3)
        if how == "white":
            t.setFillColorRGB(1, 1, 1)
        t.textOut(f"{label} {value}".strip())
        c.drawText(t)
        y -= size * 2.6
    if how == "covered":
        c.drawImage(str(shown_png), 0, 0, *A4_PT)
    c.showPage()
    c.save()
    return path


# ----------------------------------------------------------------------------- real layouts B and C (images)


def _ko_date(d: str) -> str:
    y, m, dd = d.split("-")
    return f"{y} 년 {m} 월 {dd} 일"


def _emblem(im: Image.Image, centre: tuple[int, int], r: int) -> None:
    """The pale taegeuk emblem ringed by spaced capitals behind the middle of the page (certificates.md#emblem)."""
    layer = Image.new("RGBA", im.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(120, 170, 170, 70), width=10)
    d.pieslice([cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2], 180, 360, fill=(200, 120, 120, 45))
    d.pieslice([cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2], 0, 180, fill=(110, 140, 200, 45))
    d.text((cx - r + 60, cy - r + 30), "N A T I O N A L   T A X   S E R V I C E", font=_font(26),
           fill=(120, 170, 170, 80))
    im.alpha_composite(layer) if im.mode == "RGBA" else im.paste(layer, (0, 0), layer)


def _seal(d: ImageDraw.ImageDraw, x: int, y: int) -> None:
    d.rectangle([x, y, x + 150, y + 150], outline=(205, 30, 30), width=7)
    d.text((x + 28, y + 35), "세무", font=_font(44, True), fill=(205, 30, 30))
    d.text((x + 28, y + 85), "서장", font=_font(44, True), fill=(205, 30, 30))


def proof_page(path: Path, b: Mapping[str, object], *, tax_office: str = "관악") -> Path:
    """A 사업자등록증명 (layout C): a bordered table, label cells centred on their value cells, 업태/종목 as
    " | " lists (종목 over three lines, its label on the middle one), a 공동사업자 sub-table naming a partner."""
    im = Image.new("RGB", (1654, 2339), "white")
    _emblem(im, (827, 1250), 420)
    d = ImageDraw.Draw(im)
    f, fl = _font(30), _font(28)
    d.rectangle([110, 90, 620, 170], outline="black", width=2)
    d.text((125, 112), "발급번호  1570-203-0000-005", font=fl, fill="black")
    d.rectangle([1100, 90, 1544, 170], outline="black", width=2)
    d.text((1115, 112), "처리기간   즉시", font=fl, fill="black")
    d.text((560, 230), "사 업 자 등 록 증 명", font=_font(64, True), fill="black")
    d.text((700, 330), "( 일반과세자 )", font=_font(34), fill="black")
    items = [s.strip() for s in str(b["business_item"]).split(",")]
    types = [s.strip() for s in str(b["business_type"]).split(",")]
    born = str(b["birth_date"]).replace("-", "")[2:]
    rows: list[tuple[str, list[str]]] = [
        ("상호(법인명)", [str(b["business_name"])]),
        ("사업자등록번호", [str(b["business_number"])]),
        ("대표자성명(대표유형)", [str(b["representative"])]),
        ("주민(법인)등록번호", [f"{born}-*******"]),
        ("사업장소재지", [str(b["address"])]),
        ("개업일", [_ko_date(str(b["opening_date"]))]),
        ("사업자등록일", [_ko_date(str(b["opening_date"]))]),
        ("업태", [" | ".join(types)]),
        ("종목", [" | ".join(items[:2]) + " |", " | ".join(items[2:4]) + (" |" if items[4:] else ""),
                 " | ".join(items[4:]) or "-"]),
    ]
    y = 430
    lh = 62
    for label, values in rows:
        h = lh * len(values) + 20
        d.rectangle([110, y, 560, y + h], outline="black", width=2)
        d.rectangle([560, y, 1544, y + h], outline="black", width=2)
        d.text((130, y + h // 2 - 18), label, font=f, fill="black")
        for k, v in enumerate(values):
            d.text((590, y + 12 + k * lh), v, font=f, fill="black")
        y += h
    d.rectangle([110, y, 560, y + 170], outline="black", width=2)
    d.text((130, y + 65), "공동사업자", font=f, fill="black")
    d.rectangle([560, y, 1544, y + 170], outline="black", width=2)
    d.text((590, y + 20), "성명(법인명)      주민(사업자)등록번호", font=fl, fill="black")
    d.text((590, y + 95), "최가람               900101-*******", font=fl, fill="black")
    y += 240
    d.text((620, y), "위와 같이 증명합니다.", font=_font(34), fill="black")
    d.text((150, y + 80), "※ 위 내용은 발급일 현재 상황으로서 추후 변경될 수 있습니다.", font=fl, fill="black")
    d.text((660, y + 180), "2026년 05월 01일", font=_font(36), fill="black")
    d.text((620, y + 280), f"{tax_office}세무서장", font=_font(56, True), fill="black")
    _seal(d, 1010, y + 240)
    y += 460
    for k, head in enumerate(["접수번호", "담당부서", "담당자", "연락처"]):
        d.rectangle([110 + k * 358, y, 468 + k * 358, y + 60], outline="black", width=2)
        d.text((130 + k * 358, y + 14), head, font=fl, fill="black")
    im.save(path, dpi=(DPI, DPI))
    return path


def certificate_b_page(path: Path, b: Mapping[str, object], *, tax_office: str = "고양") -> Path:
    """A 2025+ 법인 사업자등록증 (layout B): "법인명(단체명)" and "대표자(대표유형)" letter-spaced to one width with a
    colon column, 개업연월일 ‖ 법인등록번호 on one line, boxed 업태/종목 labels over two columns of five values."""
    im = Image.new("RGB", (1654, 2339), (253, 252, 247))
    _emblem(im, (827, 1350), 430)
    d = ImageDraw.Draw(im)
    f = _font(32)
    d.text((1380, 90), "nts.go.kr", font=_font(22), fill=(90, 90, 90))
    d.text((600, 210), "사 업 자 등 록 증", font=_font(66, True), fill="black")
    d.text((690, 320), "( 법인사업자 )", font=_font(36), fill="black")
    d.text((560, 410), f"등록번호 : {b['business_number']}", font=_font(42, True), fill="black")

    def row(y: int, label: str, value: str) -> None:
        # letter-spaced to one width: the syllables spread over 330 px
        chars = [c for c in label if c != " "]
        step = 330 / max(1, len(chars) - 1) if len(chars) > 1 else 0
        for k, c in enumerate(chars):
            d.text((130 + round(k * step), y), c, font=f, fill="black")
        d.text((500, y), ":", font=f, fill="black")
        d.text((540, y), value, font=f, fill="black")

    row(540, "법인명(단체명)", str(b["business_name"]))
    row(620, "대표자(대표유형)", str(b["representative"]))
    row(700, "개업연월일", _ko_date(str(b["opening_date"])))
    d.text((1000, 700), f"법인등록번호 : {b['corporate_number']}", font=f, fill="black")
    row(780, "사업장소재지", str(b["address"]))
    row(860, "본점소재지", str(b["address"]))
    row(960, "사업의종류", "")
    types = [s.strip() for s in str(b["business_type"]).split(",")]
    items = [s.strip() for s in str(b["business_item"]).split(",")]
    d.rectangle([535, 950, 615, 1000], outline="black", width=2)
    d.text((545, 957), "업태", font=f, fill="black")
    d.rectangle([1005, 950, 1085, 1000], outline="black", width=2)
    d.text((1015, 957), "종목", font=f, fill="black")
    for k in range(max(len(types), len(items))):
        y = 960 + k * 62
        if k < len(types):
            d.text((640, y), types[k], font=f, fill="black")
        if k < len(items):
            d.text((1110, y), items[k], font=f, fill="black")
    y = 960 + max(len(types), len(items)) * 62 + 40
    row(y, "발급사유", "신규")
    d.text((130, y + 90), "사업자 단위 과세 적용사업자 여부 : 여( ) 부( V )", font=f, fill="black")
    d.text((130, y + 170), "전자세금계산서 전용 전자우편주소 :", font=f, fill="black")
    d.text((640, 1900), "2025 년 03 월 04 일", font=_font(38), fill="black")
    d.text((560, 2010), " ".join(f"{tax_office}세무서장"), font=_font(58, True), fill="black")
    _seal(d, 1050, 1975)
    for k in range(4):  # grey security-pattern boxes at the foot
        rng = random.Random(k)
        x0 = 130 + k * 360
        for _ in range(1500):
            x, yy = x0 + rng.randrange(300), 2180 + rng.randrange(110)
            d.point((x, yy), fill=(150, 150, 150))
    im.save(path, dpi=(DPI, DPI))
    return path


def captioned_scan_pdf(path: Path, png: Path) -> Path:
    """A scanned certificate in a PDF with a VISIBLE fax header of plain text above it (a real text layer that is
    not the certificate): the page must be read as the picture it is."""
    from reportlab.pdfgen import canvas

    _register()
    c = canvas.Canvas(str(path), pagesize=A4_PT, invariant=1)
    c.drawImage(str(png), 30, 20, A4_PT[0] - 60, A4_PT[1] - 70)
    c.setFont(_PDF_FONT, 8)
    c.drawString(30, A4_PT[1] - 25, "수신: 결제대행사 가맹점관리팀   발신: 하늘공방   2026-05-01 10:42   1/1쪽")
    c.drawString(30, A4_PT[1] - 38, "팩스 전송 확인용 머리글입니다. 이 줄은 스캐너가 넣은 안내 문구입니다.")
    c.showPage()
    c.save()
    return path
