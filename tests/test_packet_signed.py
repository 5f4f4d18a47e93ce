"""The e-mail route with the merchant's sealed, scanned application form (issue 13: 'an upload slot that rebuilds
the packet with the scan'). The scan replaces the generated form: nothing to convert, no LibreOffice."""

from __future__ import annotations

import datetime as dt
import email
import json
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader

from packet_helpers import document_image, image_pdf, sample
from pgdocs.errors import FindingsError
from pgdocs.packet import build_packet
from pgdocs.record import record_from_dict

TODAY = dt.date(2026, 11, 27)
SLUG = "nicepay-individual-within-1y"


def _merchant(folder: Path, *, signed: str | None) -> dict[str, str]:
    document_image(folder / "사업자등록증.png",
                   ["사 업 자 등 록 증 (가상)", "상호: 하늘공방", "등록번호: 214-12-34567"])
    image_pdf(folder / "통장사본.pdf", ["통장 사본 (가상)", "예금주 김하늘"])
    docs = {"business_registration": "사업자등록증.png", "bankbook": "통장사본.pdf"}
    if signed:
        docs["id_add_form"] = signed
    return docs


def test_a_sealed_scan_replaces_the_generated_form(tmp_path: Path) -> None:
    document_image(tmp_path / "신청서_날인.jpg", ["NICE페이먼츠 ID추가 신청서 (가상)", "신청인 김하늘 (인)"])
    data = sample(SLUG)
    data["documents"] = dict(_merchant(tmp_path, signed="신청서_날인.jpg"))
    out = tmp_path / "out"
    res = build_packet(record_from_dict(data, tmp_path), out, channel="email", zip_=True, check=False, today=TODAY)

    assert res.signed_forms == ["id_add_form"]
    names = sorted(p.name for p in out.iterdir())
    assert "01_id_add_form.pdf" in names and "01_id_add_form.docx" not in names  # the scan, not a new form
    cover = PdfReader(out / "00_cover.pdf").pages[0].extract_text()
    assert "인감 날인본 (스캔)" in cover and "날인하세요" not in cover
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    form = next(d for d in manifest["documents"] if d["file"] == "01_id_add_form.pdf")
    assert form["check"] == "signed" and form["source_file"] == "신청서_날인.jpg"
    msg = email.message_from_bytes((out / "submission.eml").read_bytes(), policy=policy.default)
    attached = [p.get_filename() for p in msg.iter_attachments()]
    assert attached[0] == "아이디 추가 신청서.pdf" and len(attached) == 3
    scan = next(p for p in msg.iter_attachments() if p.get_filename() == "아이디 추가 신청서.pdf")
    assert scan.get_content() == (out / "01_id_add_form.pdf").read_bytes()


def test_a_named_sealed_scan_that_is_missing_is_said(tmp_path: Path) -> None:
    data = sample(SLUG)
    data["documents"] = dict(_merchant(tmp_path, signed="없는파일.pdf"))
    with pytest.raises(FindingsError) as err:
        build_packet(record_from_dict(data, tmp_path), tmp_path / "out", channel="email", check=False, today=TODAY)
    assert err.value.code == "PACKET_MISSING_DOCUMENTS" and "날인본" in err.value.message
    assert not (tmp_path / "out").exists()


def test_an_unsigned_form_in_the_documents_folder_is_never_taken_for_the_sealed_one(tmp_path: Path) -> None:
    """Only a file the record names is a sealed scan: a form lying in --docs is not guessed to be one."""
    docs = tmp_path / "docs"
    docs.mkdir()
    _merchant(docs, signed=None)
    document_image(docs / "아이디추가신청서.png", ["NICE페이먼츠 ID추가 신청서 (가상, 날인 없음)"])
    from pgdocs.packet.build import _signed_forms
    from pgdocs.rulebook import resolve_case

    data = sample(SLUG)
    data["documents"] = {}
    rec = record_from_dict(data, docs)
    specs = resolve_case(rec, TODAY).documents_for(rec.business.entity)
    assert _signed_forms(rec, specs, None) == {}
