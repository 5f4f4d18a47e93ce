"""Pages the reading tests draw themselves (document kinds, text layers, 사업자등록증명 tables).

Drawn here, not by :mod:`pgdocs.samples`, so the reader is not tested only on the generator it was tuned on.
Every name, number and address is fictional; bank names are only the bank's own name.
"""

from __future__ import annotations

import random
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
