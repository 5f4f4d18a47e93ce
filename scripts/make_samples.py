"""Regenerate the documents of the fictional sample merchants in ``samples/``.

Run: .venv/bin/python scripts/make_samples.py
Every name, number and address is made up; the certificates and bank books are drawn by
``pgdocs.samples`` and the other attachments are one-page placeholder PDFs that say so.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from pgdocs.pdffonts import register_fonts
from pgdocs.record import load_record
from pgdocs.rulebook import load_rulebook
from pgdocs.samples.bankbook import bankbook_for_record
from pgdocs.samples.certificates import certificate_for_record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def placeholder_pdf(path: Path, title: str, business_name: str) -> None:
    regular, bold = register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"{title} (가상 예시)")
    c.setFont(bold, 22)
    c.drawCentredString(A4[0] / 2, A4[1] - 40 * mm, title)
    c.setFont(regular, 12)
    lines = [
        f"상호: {business_name}",
        "",
        "이 문서는 pgdocs 예시용 가상 문서입니다.",
        "실제 제출할 때는 발급받은 원본(또는 사본)으로 바꿔 넣으세요.",
    ]
    y = A4[1] - 60 * mm
    for line in lines:
        c.drawString(25 * mm, y, line)
        y -= 8 * mm
    c.rect(20 * mm, 20 * mm, A4[0] - 40 * mm, A4[1] - 40 * mm)
    c.save()


def main() -> None:
    titles = {k: v.title for k, v in load_rulebook().documents.items()}
    for record_path in sorted(SAMPLES.glob("*/record.json")):
        record = load_record(record_path)
        folder = record_path.parent
        for key, rel in record.documents.items():
            target = folder / rel
            if key == "business_registration":
                certificate_for_record(record, target)
            elif key == "bankbook":
                bankbook_for_record(record, target)
            else:
                placeholder_pdf(target, titles.get(key, key), record.business.business_name)
            print(target.relative_to(SAMPLES.parent), target.stat().st_size)


if __name__ == "__main__":
    main()
