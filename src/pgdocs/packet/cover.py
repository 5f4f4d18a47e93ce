"""The cover sheet (표지): who it is for, who sends it, what is asked, under which rule, what is enclosed.

Drawn with reportlab platypus in embedded NanumGothic (``pgdocs.pdffonts``); check
boxes are □ (NanumGothic has no ☐). Pure layout: :mod:`pgdocs.packet.build` fills
:class:`CoverInfo`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from pgdocs.ocr.result import CHECK_KO
from pgdocs.packet.manifest import zip_name
from pgdocs.pdffonts import register_fonts

#: check status → what the cover says
STATUS_TEXT = {
    "pass": f"{CHECK_KO['pass']} (신고 정보와 일치)",
    "review": CHECK_KO["review"],
    "unchecked": CHECK_KO["unchecked"],
    "generated": "pgdocs가 작성 — 인감 날인 필요",
    "signed": "인감 날인본 (스캔)",
    "not_applicable": "",
}


@dataclass
class CoverItem:
    number: int
    title: str
    filename: str
    pages: int
    status: str = "unchecked"  #: pass | review | unchecked | generated | signed | not_applicable
    reasons: list[str] = field(default_factory=list)


@dataclass
class CoverInfo:
    heading: str
    request: str
    channel_text: str
    recipient_lines: list[str]
    sender_lines: list[str]
    case_lines: list[str]
    items: list[CoverItem]
    contact_line: str
    seal_reminder: str
    notes: list[str] = field(default_factory=list)
    date: dt.date = field(default_factory=dt.date.today)

    def all_text(self) -> str:
        """Every string the cover prints (for glyph checks)."""
        parts = [self.heading, self.request, self.channel_text, self.contact_line, self.seal_reminder,
                 *self.recipient_lines, *self.sender_lines, *self.case_lines, *self.notes]
        for it in self.items:
            parts += [it.title, zip_name(it.filename, it.title), STATUS_TEXT.get(it.status, ""), *it.reasons]
        return "\n".join(parts)


def make_printable(info: CoverInfo) -> list[str]:
    """Replace what the embedded font cannot print with ``?`` (in place); return those characters.

    reportlab would draw nothing for them: an emoji in 상호 used to vanish from the cover
    without a word. The caller reports the returned characters; a note on the cover says so too.
    """
    from pgdocs.pdffonts import missing_glyphs

    bad = missing_glyphs(info.all_text())
    if not bad:
        return []
    gone = set(bad)

    def fix(text: str) -> str:
        return "".join("?" if ch in gone else ch for ch in text)

    info.heading, info.request, info.channel_text = fix(info.heading), fix(info.request), fix(info.channel_text)
    info.contact_line, info.seal_reminder = fix(info.contact_line), fix(info.seal_reminder)
    for name in ("recipient_lines", "sender_lines", "case_lines", "notes"):
        setattr(info, name, [fix(x) for x in getattr(info, name)])
    for it in info.items:
        it.title, it.reasons = fix(it.title), [fix(r) for r in it.reasons]
    info.notes.append(glyph_note(bad))
    return bad


def glyph_note(chars: list[str]) -> str:
    """The note for the cover and the result (code points: the characters themselves cannot be printed)."""
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in chars)
    return f"글꼴(NanumGothic)에 없는 글자({codes})는 '?'로 표시했습니다. 손으로 고쳐 적어 주세요."


def _p(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render_cover(info: CoverInfo, out: Path, *, title: str) -> Path:
    """Write the cover sheet PDF to ``out`` (A4, fonts embedded, ``/Title`` = ``title``)."""
    make_printable(info)
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=14, wordWrap="CJK")
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, textColor=colors.HexColor("#333333"))
    h1 = ParagraphStyle("h1", parent=base, fontName=bold, fontSize=17, leading=22, spaceAfter=2 * mm)
    h2 = ParagraphStyle("h2", parent=base, fontName=bold, fontSize=11.5, leading=15, spaceBefore=4 * mm,
                        spaceAfter=1.5 * mm)
    label = ParagraphStyle("label", parent=base, fontName=bold)
    warn = ParagraphStyle("warn", parent=base, fontName=bold, textColor=colors.HexColor("#b00020"))

    story: list[object] = [Paragraph(_p(info.heading), h1),
                           Paragraph(_p(f"작성일 {info.date:%Y년 %m월 %d일}"), small), Spacer(1, 3 * mm)]

    grid = [
        [Paragraph("받는 곳", label), Paragraph(_p("\n".join(info.recipient_lines)), base)],
        [Paragraph("보내는 곳", label), Paragraph(_p("\n".join(info.sender_lines)), base)],
        [Paragraph("요청 내용", label), Paragraph(_p(info.request), base)],
        [Paragraph("제출 방법", label), Paragraph(_p(info.channel_text), base)],
        [Paragraph("적용 기준", label), Paragraph(_p("\n".join(info.case_lines)), base)],
    ]
    t = Table(grid, colWidths=[28 * mm, 150 * mm])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), regular),  # Table's default cell font is a non-embedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    story += [t, Paragraph("동봉 서류 (이 순서대로 넣었는지 확인하세요)", h2)]

    rows = [[Paragraph("확인", label), Paragraph("번호·서류", label), Paragraph("쪽", label),
             Paragraph("점검 결과", label)]]
    for it in info.items:
        # the status word only: why OCR could not read a field is for the merchant (CLI, page, manifest.json),
        # not for the PG who receives this sheet
        status = STATUS_TEXT.get(it.status, it.status)
        style = warn if it.status == "review" else base
        shown = zip_name(it.filename, it.title)  # as packet.zip holds it (the folder keeps ASCII names)
        rows.append([Paragraph("□", base), Paragraph(_p(f"{it.number}. {it.title}\n({shown})"), base),
                     Paragraph(str(it.pages), base), Paragraph(_p(status), style)])
    items = Table(rows, colWidths=[12 * mm, 78 * mm, 10 * mm, 78 * mm], repeatRows=1)
    items.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
    ]))
    story.append(items)

    story.append(Paragraph("꼭 확인하세요", h2))
    if info.seal_reminder:  # none when the sealed form was scanned in
        story.append(Paragraph(_p("※ " + info.seal_reminder), warn))
    for note in info.notes:
        story.append(Paragraph(_p("※ " + note), base))
    story += [Spacer(1, 4 * mm), Paragraph(_p(info.contact_line), base)]

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=16 * mm, bottomMargin=16 * mm, title=title, author="pgdocs",
                            subject=info.request, creator="pgdocs", invariant=1, lang="ko-KR",
                            initialFontName=regular, initialFontSize=10)  # no stray Helvetica
    doc.build(story)
    return out
