"""Benchmark: certificates the sample generator never draws — laid out as HTML tables by LibreOffice.

    .venv/bin/python bench/office.py [--count 20] [--seed 3] [--dir DIR] [--json FILE] [--set html|word|both]

A held-out family: the businesses come from ``pgdocs.samples.fakedata`` (fictional, 20 % with syllables the
``kor`` model cannot emit), but the page is laid out by LibreOffice's HTML import from a table of its own — labels
letter-spaced or not, centred or top-aligned in their cells, addresses and 업태/종목 wrapping in their columns, the
2015–2024 and 2025+ 사업자등록증 and the 사업자등록증명 — in UnDotum, Baekmuk Gulim/Dotum, UnBatang and Noto Sans/
Serif CJK, and rasterised by poppler (``pdftoppm``, 300 and 200 dpi, grey). Each document is verified as the text
PDF and as both scans, against its genuine record and every changed record of
``fakedata.changed_records``/``tampered_records``. The table: genuine pass / review / fail per source and how many
changed records passed (must be 0). No rule of pgdocs is tuned on these pages (docs/benchmarks.md#twentieth-round).

With ``--dir``, each page's records are kept beside it as ``<page>.truth.json``.

``--set word``: 사업자등록증명s typed as Word tables (:mod:`pgdocs.samples.wordtable`), label columns 22–38 mm wide
in four fonts at 10/12/14 pt — labels centred in their cells and, in narrow columns, wrapped inside words — each
converted by LibreOffice and read as its text PDF (and with ``--scans`` as a 300-dpi grey scan too).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pgdocs import office
from pgdocs.ocr.extract import extract
from pgdocs.ocr.load import rasterize_pdf
from pgdocs.ocr.verify import compare_certificate
from pgdocs.record import record_from_dict
from pgdocs.samples.fakedata import KINDS, BusinessData, changed_records, make_business, tampered_records
from pgdocs.samples.wordtable import proof_table_docx

FONTS = ("UnDotum", "Baekmuk Gulim", "Noto Serif CJK KR", "UnBatang", "Baekmuk Dotum", "Noto Sans CJK KR")
SUBTITLES = {"general": "일반과세자", "simple": "간이과세자", "exempt": "면세사업자",
             "corporation_head": "법인사업자:본점", "corporation_branch": "법인사업자:지점"}


def _spaced(text: str) -> str:
    return " ".join(text)


def _date(d: object, rng: random.Random) -> str:
    import datetime as dt

    assert isinstance(d, dt.date)
    if rng.random() < .5:
        return f"{d.year} 년 {d.month:02d} 월 {d.day:02d} 일"
    return f"{d.year}년 {d.month:02d}월 {d.day:02d}일"


def _proof(bd: BusinessData, rng: random.Random) -> str:
    rng.choice(["top", "middle"])  # (drawn as for a certificate: the pages of docs/benchmarks.md stay the same)
    resident = bd.corporate_number if bd.is_corporation else (
        bd.birth_date.strftime("%y%m%d") + "-*******" if bd.birth_date else "")
    cells = [("상호(법인명)", bd.business_name), ("사업자등록번호", bd.business_number),
             ("대표자성명(대표유형)", bd.representative_printed), ("주민(법인)등록번호", resident or ""),
             ("사업장소재지", bd.address.text()), ("개업일", _date(bd.opening_date, rng)),
             ("사업자등록일", _date(bd.opening_date, rng)), ("업태", " | ".join(bd.business_type)),
             ("종목", " | ".join(bd.business_item)), ("공동사업자", "해당사항이 없습니다.")]
    rows = "".join(f"<tr><td style='width:45mm;background:#eee'>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                   for a, b in cells)
    return (f"<p>발급번호 {rng.randint(1000, 9999)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}-"
            f"{rng.randint(100, 999)} &nbsp;&nbsp;&nbsp; 처리기간 즉시</p>"
            f"<p style='text-align:center;font-size:24pt'><b>{_spaced('사업자등록증명')}</b></p>"
            f"<p style='text-align:center'>( {SUBTITLES[bd.kind]} )</p>"
            f"<table border='1' cellspacing='0' cellpadding='6' style='width:100%'>{rows}</table>"
            f"<p>위와 같이 증명합니다.</p><p style='text-align:center'>{_date(bd.issue_date, rng)}</p>"
            f"<p style='text-align:center;font-size:18pt'><b>{bd.tax_office}세무서장</b></p>")


def _certificate(bd: BusinessData, rng: random.Random, edition: str) -> str:
    rows: list[str] = []
    align = rng.choice(["top", "middle"])

    def row(label: str, value: str) -> None:
        rows.append(f"<tr valign='{align}'><td style='width:42mm' nowrap>{html.escape(label)}</td>"
                    f"<td style='width:5mm'>:</td><td colspan='4'>{html.escape(value)}</td></tr>")

    new = edition == "nts2025"
    if bd.is_corporation:
        row("법인명(단체명)" if new else _spaced("법인명(단체명)"), bd.business_name)
        row("대표자(대표유형)" if new else _spaced("대표자"), bd.representative_printed)
        row(_spaced("개업연월일"), _date(bd.opening_date, rng) + "      법인등록번호 : " + (bd.corporate_number or ""))
        row(_spaced("사업장소재지"), bd.address.text())
        row(_spaced("본점소재지"), (bd.head_office or bd.address).text())
    else:
        birth = "      생 년 월 일 : " + _date(bd.birth_date, rng) if bd.birth_date else ""
        row(_spaced("상호"), bd.business_name)
        row("대표자(대표유형)" if new else _spaced("성명"), bd.representative_printed + birth)
        row(_spaced("개업연월일"), _date(bd.opening_date, rng))
        row(_spaced("사업장소재지"), bd.address.text())
    for j in range(max(len(bd.business_type), len(bd.business_item))):
        kind = html.escape(bd.business_type[j]) if j < len(bd.business_type) else ""
        item = html.escape(bd.business_item[j]) if j < len(bd.business_item) else ""
        rows.append(f"<tr valign='top'><td nowrap>{_spaced('사업의종류') if j == 0 else ''}</td>"
                    f"<td>{':' if j == 0 else ''}</td><td style='width:12mm' nowrap>{'<b>업태</b>' if j == 0 else ''}"
                    f"</td><td style='width:48mm'>{kind}</td><td style='width:12mm' nowrap>"
                    f"{'<b>종목</b>' if j == 0 else ''}</td><td style='width:55mm'>{item}</td></tr>")
    row(_spaced("발급사유"), bd.issue_reason or "")
    return (f"<p style='text-align:center;font-size:26pt'><b>{_spaced('사업자등록증')}</b></p>"
            f"<p style='text-align:center'>( {SUBTITLES[bd.kind]} )</p>"
            f"<p style='text-align:center;font-size:15pt'>등록번호 : {bd.business_number}</p>"
            f"<table cellpadding='4' style='width:174mm'>{''.join(rows)}</table>"
            f"<p>사업자 단위 과세 적용사업자 여부 : 여( ) 부(∨)</p><p>전자세금계산서 전용 전자우편주소 :</p>"
            f"<p style='text-align:center'>{_date(bd.issue_date, rng)}</p>"
            f"<p style='text-align:center;font-size:20pt'><b>{_spaced(bd.tax_office + '세무서장')}</b></p>")


def make(out: Path, count: int, seed: int) -> list[tuple[Path, dict[str, object]]]:
    """``count`` documents as text PDF and 300/200-dpi scans, each with its truth."""
    made: list[tuple[str, dict[str, object]]] = []
    for i in range(count):
        rng = random.Random(f"office:{seed}:{i}")
        bd = make_business(rng, KINDS[i % len(KINDS)])
        layout = rng.choice(["nts", "nts2025", "proof"])
        font = FONTS[i % len(FONTS)]
        size = rng.choice([11, 12, 13])
        body = _proof(bd, rng) if layout == "proof" else _certificate(bd, rng, layout)
        name = f"office-{seed}-{i:02d}-{layout}-{bd.kind}"
        (out / f"{name}.html").write_text(
            f"<html><head><meta charset='utf-8'><style>body,td{{font-family:'{font}';font-size:{size}pt}}</style>"
            f"</head><body>{body}</body></html>", encoding="utf-8")
        made.append((name, {"font": font, "layout": layout, "record": bd.record(),
                            "others": [r["record"] for r in tampered_records(rng, bd)]
                            + [c["record"] for c in changed_records(rng, bd)]}))
    subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                    "--outdir", str(out), *[str(out / f"{n}.html") for n, _ in made]], check=True, capture_output=True)
    pages: list[tuple[Path, dict[str, object]]] = []
    for name, truth in made:
        pages.append((out / f"{name}.pdf", truth))
        for dpi in (300, 200):
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(out / f"{name}.pdf"),
                            str(out / f"{name}-s{dpi}")], check=True)
            pages.append((out / f"{name}-s{dpi}.png", truth))
    return pages


def make_word(out: Path, seed: int, scans: bool) -> list[tuple[Path, dict[str, object]]]:
    """60 Word-table 사업자등록증명s: label column 22–38 mm × 4 fonts × 10/12/14 pt, as text PDFs (and scans)."""
    docs: list[tuple[Path, dict[str, object]]] = []
    k = 0
    for font in ("Noto Sans CJK KR", "Baekmuk Gulim", "UnBatang", "NanumGothic"):
        for size in (10, 12, 14):
            for mm in (22, 26, 30, 34, 38):
                rng = random.Random(f"word:{seed}:{k}")
                bd = make_business(rng, KINDS[k % len(KINDS)])
                k += 1
                name = f"word-{font.replace(' ', '')}-{size}-{mm}"
                proof_table_docx(out / f"{name}.docx", bd, label_mm=mm, font=font, size=size)
                docs.append((out / f"{name}.docx", {"record": bd.record(), "others": [
                    r["record"] for r in tampered_records(rng, bd)] + [c["record"] for c in changed_records(rng, bd)]}))
    pdfs = office.to_pdf([d for d, _ in docs], out)
    pages: list[tuple[Path, dict[str, object]]] = []
    for pdf, (_, truth) in zip(pdfs, docs, strict=True):
        pages.append((pdf, truth))
        if scans:
            scan = out / f"{pdf.stem}-s300.png"
            rasterize_pdf(pdf.read_bytes(), pdf.name, dpi=300).convert("L").save(scan)
            pages.append((scan, truth))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None, help="keep the pages here")
    ap.add_argument("--json", type=Path, default=None, help="write every verdict here")
    ap.add_argument("--set", choices=("html", "word", "both"), default="html")
    ap.add_argument("--scans", action="store_true", help="word set: read a 300-dpi scan of each page too")
    args = ap.parse_args()
    out = args.dir or Path(tempfile.mkdtemp(prefix="pgdocs-office-"))
    out.mkdir(parents=True, exist_ok=True)
    table: Counter[tuple[str, str]] = Counter()
    passed = total = 0
    results = []
    pages = make(out, args.count, args.seed) if args.set in ("html", "both") else []
    if args.set in ("word", "both"):
        pages += make_word(out, args.seed, args.scans)
    if args.dir:  # each kept page's records beside it, to compare again with other code
        for path, truth in pages:
            (out / f"{path.stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, default=str),
                                                         encoding="utf-8")
    for path, truth in pages:
        ex = extract(path)
        genuine = compare_certificate(ex, record_from_dict({"business": truth["record"]}).business)
        others = truth["others"]
        assert isinstance(others, list)
        verdicts = [compare_certificate(ex, record_from_dict({"business": r}).business).verdict for r in others]
        source = ("word " if path.name.startswith("word-") else "") + (
            "text PDF" if path.suffix == ".pdf" else path.stem.rsplit("-", 1)[1].replace("s", "scan ") + " dpi")
        table[(source, genuine.verdict)] += 1
        passed += verdicts.count("pass")
        total += len(verdicts)
        results.append({"file": path.name, "genuine": genuine.verdict, "reasons": genuine.reasons,
                        "changed_passed": verdicts.count("pass")})
        print(f"{path.name:50} {genuine.verdict:7} changed passed {verdicts.count('pass')}", file=sys.stderr)
    print(f"\n{'source':16} {'pass':>5} {'review':>7} {'fail':>5}")
    for source in sorted({s for s, _ in table}):
        print(f"{source:16} {table[(source, 'pass')]:5} {table[(source, 'review')]:7} {table[(source, 'fail')]:5}")
    print(f"changed records passed: {passed} of {total}")
    if args.json:
        args.json.write_text(json.dumps({"results": results}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
