"""``pgdocs packet`` as a user runs it: real LibreOffice for the form, JSON and text output, exit codes;
and the PDF probe's fault paths (timeout, a child that dies)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import RunCli, invoke
from packet_helpers import REPO, blank_pdf, document_image, sample
from pdf_read import outline_titles, title
from pgdocs import inputs
from pgdocs.errors import InputError
from pgdocs.packet import documents


def _merchant(tmp_path: Path) -> Path:
    docs = tmp_path / "서류"
    docs.mkdir()
    document_image(docs / "사업자등록증.png", ["사업자등록증 (가상)"])
    document_image(docs / "통장 사본.jpg", ["통장 사본 (가상)"], fmt="JPEG")
    data = sample("nicepay-individual-within-1y")
    data["documents"] = {}
    rec = tmp_path / "record.json"
    rec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return rec


@pytest.mark.soffice
@pytest.mark.slow
def test_cli_email_packet_json(tmp_path: Path, run_cli: RunCli) -> None:
    rec = _merchant(tmp_path)
    out = tmp_path / "제출"
    proc = run_cli("packet", rec, "--docs", tmp_path / "서류", "-o", out, "--channel", "email", "--encrypt",
                   "--no-check", "--today", "2026-11-27", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["channel"] == "email" and data["encrypted"] is True and len(data["password"]) >= 16
    names = {f["name"] for f in data["files"]}
    assert {"01_id_add_form.docx", "01_id_add_form.pdf", "submission.eml", "packet.pdf"} <= names
    from pypdf import PdfReader

    form = PdfReader(out / "01_id_add_form.pdf")  # converted by LibreOffice, titled by pgdocs
    assert title(form) == "아이디 추가 신청서"
    assert "하늘공방" in form.pages[0].extract_text()
    reader = PdfReader(out / "packet.pdf")
    assert reader.decrypt(data["password"])
    assert outline_titles(reader) == ["표지", "아이디 추가 신청서", "통장 사본", "사업자등록증 사본"]


@pytest.mark.parametrize(
    ("slug", "args", "code", "exit_code"),
    [
        pytest.param("nicepay-corporation-over-1y", ["--channel", "email"], "CHANNEL_NOT_ALLOWED", 1,
                     id="email-refused"),
        pytest.param("nicepay-corporation-over-1y", ["--channel", "post"], "PACKET_MISSING_DOCUMENTS", 1,
                     id="missing-documents"),
        pytest.param("inicis-individual", [], "CHANNEL_NOT_APPLICABLE", 1, id="online-only-pg"),
    ],
)
def test_cli_errors(tmp_path: Path, slug: str, args: list[str], code: str,
                    exit_code: int) -> None:
    data = sample(slug)
    data["documents"] = {}
    rec = tmp_path / "record.json"
    rec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    res = invoke("packet", rec, "-o", out, "--no-check", "--today", "2026-11-27", *args)
    assert res.code == exit_code
    err = res.err
    assert f"오류 [{code}]" in err and "Traceback" not in err
    assert not out.exists()


def test_cli_hostile_document_exit_2(tmp_path: Path) -> None:
    rec = _merchant(tmp_path)
    (tmp_path / "서류" / "통장 사본.jpg").write_bytes(b"")
    argv = ["packet", str(rec), "--docs", str(tmp_path / "서류"), "-o", str(tmp_path / "out"), "--no-check",
            "--format", "json"]
    res = invoke(*argv)
    assert res.code == 2
    assert json.loads(res.out)["error"]["code"] == "DOC_EMPTY"
    assert not (tmp_path / "out").exists()


def test_sample_merchant_documents_are_found() -> None:
    """The shipped samples name their files in Korean: discovery finds all of them."""
    import datetime as dt

    from pgdocs.packet.build import locate_documents
    from pgdocs.record import load_record
    from pgdocs.rulebook import resolve_case

    rec = load_record(REPO / "samples" / "nicepay-corporation-over-1y" / "record.json")
    case = resolve_case(rec, dt.date(2026, 11, 27))
    docs, probe = locate_documents(rec, case.documents_for(rec.business.entity), None)
    probe.finish()
    assert set(docs) == {"bankbook", "business_registration", "seal_certificate", "corporate_register",
                         "customer_due_diligence", "beneficial_owner"}


def test_probe_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "PDF_PROBE_TIMEOUT", 0.001)
    pdf = blank_pdf(tmp_path / "통장사본.pdf")
    with pytest.raises(InputError) as ei:
        documents.inspect_documents({"bankbook": ("통장 사본", pdf)})
    assert ei.value.code == "DOC_PDF_TIMEOUT"


def test_probe_child_dies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an address-space limit far too small for Python itself: the child fails like one hit by a PDF bomb
    monkeypatch.setattr(inputs, "PDF_PROBE_MEMORY_MB", 8)
    pdf = blank_pdf(tmp_path / "통장사본.pdf")
    with pytest.raises(InputError) as ei:
        documents.inspect_documents({"bankbook": ("통장 사본", pdf)})
    assert ei.value.code == "DOC_UNREADABLE"


def test_label_start_checked_before_any_work(tmp_path: Path) -> None:
    rec = _merchant(tmp_path)
    out = tmp_path / "out"
    argv = ["packet", str(rec), "--docs", str(tmp_path / "서류"), "-o", str(out), "--no-check", "--label-start", "15"]
    res = invoke(*argv)
    assert res.code == 2
    assert "LABEL_START_OUT_OF_RANGE" in res.err
    assert not out.exists()
