"""Certificate checks inside the packet: pass recorded, mismatch stops before writing, review flagged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from packet_helpers import REPO, sample
from pgdocs.errors import ExitCode, FindingsError
from pgdocs.packet.build import PacketResult, build_packet, run_checks
from pgdocs.packet.cover import CoverInfo, CoverItem, make_printable, render_cover
from pgdocs.packet.documents import inspect_documents
from pgdocs.pdffonts import missing_glyphs
from pgdocs.record import record_from_dict
from report_read import obj

SAMPLE = REPO / "samples" / "nicepay-individual-within-1y"


@pytest.mark.tesseract
@pytest.mark.slow
def test_genuine_certificate_does_not_stop_the_packet() -> None:
    """The sample's own certificate: recorded as pass (or review when OCR is unsure), never a mismatch."""
    rec = record_from_dict(sample("nicepay-individual-within-1y"), SAMPLE)
    docs = inspect_documents({"business_registration": ("사업자등록증 사본", SAMPLE / "사업자등록증.png")})
    checks = run_checks(rec, docs, check=True)
    assert checks["business_registration"]["verdict"] in ("pass", "review")
    assert docs["business_registration"].check == checks["business_registration"]


@pytest.mark.tesseract
@pytest.mark.slow
def test_mismatching_certificate_stops_before_writing(tmp_path: Path) -> None:
    data = sample("nicepay-individual-within-1y")
    obj(data, "business")["opening_date"] = "2019-07-01"  # the certificate says 2021-03-02
    rec = record_from_dict(data, SAMPLE)
    out = tmp_path / "out"
    with pytest.raises(FindingsError) as ei:
        build_packet(rec, out, check=True, today=dt.date(2026, 11, 27))
    assert ei.value.code == "PACKET_CHECK_MISMATCH"
    assert "사업자등록증 사본" in ei.value.message and "개업연월일" in ei.value.message
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_review_is_flagged_on_the_cover(tmp_path: Path) -> None:
    info = CoverInfo(
        heading="나이스페이 아이디(MID) 추가 신청 서류", request="ID 추가", channel_text="우편",
        recipient_lines=["(04117) 서울특별시 마포구 마포대로 217, 크레디트센터 7층 나이스페이먼츠 플랫폼사업실 앞"],
        sender_lines=["가상상점 (사업자등록번호 124-81-00998)"], case_lines=["nicepay.within_1y"],
        items=[CoverItem(1, "사업자등록증 사본", "02_business_registration.pdf", 1, "review",
                         ["상호 확인 필요: 글자가 흐립니다"]),
               CoverItem(2, "통장 사본", "03_bankbook.pdf", 1, "pass")],
        contact_line="문의: 담당자 홍길동", seal_reminder="인감을 날인하세요.",
        notes=["자동 대조에서 '확인 필요'로 표시된 서류가 있습니다."], date=dt.date(2026, 11, 27))
    out = render_cover(info, tmp_path / "cover.pdf", title="표지")
    text = PdfReader(out).pages[0].extract_text()
    # the status word only: why OCR could not read it is for the merchant, not the PG who gets the cover
    assert "확인 필요" in text and "글자가 흐립니다" not in text
    assert "통과 (신고 정보와 일치)" in text
    assert make_printable(info) == []


def _cover(sender: str, reason: str) -> CoverInfo:
    return CoverInfo(
        heading="표지", request="ID 추가", channel_text="우편", recipient_lines=["(04117) 서울특별시 마포구"],
        sender_lines=[sender], case_lines=["nicepay.within_1y"],
        items=[CoverItem(1, "사업자등록증 사본", "02_business_registration.pdf", 1, "review", [reason])],
        contact_line="문의", seal_reminder="인감", date=dt.date(2026, 11, 27))


def test_cover_marks_what_the_font_cannot_print(tmp_path: Path) -> None:
    """An emoji in 상호 (or in an OCR reading) used to vanish silently from the cover; now '?' and a note."""
    info = _cover("하늘공방 😀", "상호 확인 필요 (읽은 값 '하늘\U0001F600공방')")
    assert make_printable(info) == ["😀"]
    out = render_cover(info, tmp_path / "cover.pdf", title="표지")
    text = PdfReader(out).pages[0].extract_text()
    assert "하늘공방 ?" in text and "하늘?공방" not in text  # OCR readings are not printed on the cover
    assert "U+1F600" in text and "'?'로 표시했습니다" in text
    assert missing_glyphs(info.all_text()) == []


def test_review_verdict_gives_exit_code_3() -> None:
    res = PacketResult(Path("x"), "post", "nicepay.within_1y", [], {"bankbook": {"verdict": "review", "reasons": []}},
                       4)
    assert res.needs_review and res.exit_code == ExitCode.REVIEW
    assert res.to_dict()["exit_code"] == 3


def test_manifest_masks_numbers_that_ocr_reasons_and_file_names_quote(tmp_path: Path) -> None:
    """A bank-book review reason quotes the account number read; file names often hold it too."""
    from pgdocs.packet.manifest import write_manifest

    rec = record_from_dict(sample("nicepay-individual-within-1y"), SAMPLE)
    reason = "계좌번호 확인 필요: 숫자가 흐립니다 (읽은 값 '123456-01-234567'), 개업일 2021-03-02"
    out = write_manifest(tmp_path, record=rec, files=[], extra={
        "documents": [{"number": 2, "title": "통장 사본", "reasons": [reason],
                       "source_file": "김하늘 통장 123456 01 234567.jpg"}],
        "checks": {"bankbook": {"verdict": "review", "reasons": [reason]}},
    })
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert "123456" not in text and "234567" not in text
    assert data["checks"]["bankbook"]["reasons"][0].endswith("'******-**-**4567'), 개업일 2021-03-02")
    assert data["documents"][0]["source_file"] == "김하늘 통장 ****** ** **4567.jpg"
    assert data["checks"]["bankbook"]["verdict"] == "review"
