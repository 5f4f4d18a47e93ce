"""The local web page through Flask's test client: every route, hostile uploads, sessions, clean-up."""

from __future__ import annotations

import io
import logging
import re
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from pgdocs.jsonio import JSONObject, Report
from report_read import at, obj, text_at
from web_helpers import (
    SAMPLES,
    TODAY,
    encrypted_pdf,
    png_bomb,
    record_form,
    sample,
    situation_form,
    small_png,
)

NICE = "nicepay-individual-within-1y"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    from pgdocs.web import create_app

    application = create_app({"TODAY": TODAY, "UPLOAD_ROOT": tmp_path / "uploads", "TESTING": True})
    yield application
    application.extensions["pgdocs"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def sid_of(client: FlaskClient) -> str:
    cookie = client.get_cookie("pgdocs_sid")
    assert cookie is not None, "the page sets a session cookie"
    return str(cookie.value)


def fill(client: FlaskClient, slug: str = NICE, **changes: str) -> JSONObject:
    data = sample(slug)
    assert client.post("/", data=situation_form(data)).status_code == 303
    form: dict[str, object] = {**record_form(data), **changes}
    resp = client.post("/info", data=form)
    assert resp.status_code == 303, resp.get_data(as_text=True)[:2000]
    return data


def upload(client: FlaskClient, doc_id: str, data: bytes, name: str = "문서.png") -> TestResponse:
    return client.post("/docs", data={"doc_id": doc_id, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def wait_job(client: FlaskClient, location: str, timeout: float = 120) -> JSONObject:
    job_id = location.rstrip("/").rsplit("/", 1)[1]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status = client.get(f"/api/jobs/{job_id}").get_json()
        assert isinstance(status, dict), status
        if status["state"] != "running":
            return status
        time.sleep(0.2)
    raise AssertionError("job did not finish")


def text(resp: TestResponse) -> str:
    return str(resp.get_data(as_text=True))


# -- pages ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/info", "/docs", "/get"])
def test_every_page_renders_korean_with_local_assets_only(client: FlaskClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    html = text(resp)
    assert '<html lang="ko">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "no CDN, no external asset"
    assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["Referrer-Policy"] == "same-origin"  # no-referrer would make Chromium send Origin: null
    cookie = resp.headers.get("Set-Cookie", "")
    assert "pgdocs_sid=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("asset", ["style.css", "app.js"])
def test_static_assets_are_served_by_the_package(client: FlaskClient, asset: str) -> None:
    resp = client.get(f"/static/{asset}")
    assert resp.status_code == 200 and len(resp.data) > 500
    assert b"http://" not in resp.data and b"https://" not in resp.data


def test_situation_gives_the_plan_before_any_business_data(client: FlaskClient) -> None:
    resp = client.post("/", data={"pg": "nicepay", "business.entity": "corporation",
                                  "pg_account.already_on_imweb": "true", "pg_account.contract_date": "2024-01-02"})
    assert resp.status_code == 303
    html = text(client.get("/"))
    assert "1년 초과" in html and "법인등기부등본" in html
    assert "04117" in html and "예상 완료" in html
    assert "PG와 상황만으로 만든 안내" in html


def test_plan_matches_the_library_for_a_full_record(client: FlaskClient) -> None:
    from pgdocs.plan import build_plan
    from pgdocs.record import record_from_dict

    data = fill(client)
    import datetime as dt

    plan = build_plan(record_from_dict(data), dt.date.fromisoformat(TODAY)).to_dict()
    html = text(client.get("/"))
    for step in plan["steps"]:
        assert step in html.replace("&gt;", ">")
    exp = plan["expected_completion"]
    assert exp is not None
    assert exp["from"] in html and exp["to"] in html
    assert "PG와 상황만으로" not in html


@pytest.mark.parametrize(("form", "path", "words"), [
    pytest.param({"pg": "paypal", "business.entity": "individual"}, "pg", "PG", id="unknown-pg"),
    pytest.param({"pg": "nicepay", "business.entity": "individual", "pg_account.already_on_imweb": "true",
                  "pg_account.contract_date": "2026-13-45"}, "pg_account.contract_date", "20190701", id="bad-date"),
    pytest.param({"pg": "nicepay", "business.entity": "individual", "pg_account.already_on_imweb": "true",
                  "pg_account.contract_date": "06/01/2026"}, "pg_account.contract_date", "2019년 7월 1일",
                 id="us-order-date"),
])
def test_bad_situation_is_shown_beside_its_field_on_step_one(client: FlaskClient, form: dict[str, str], path: str,
                                                              words: str) -> None:
    """Issue 13 item 10: not a full error page — step 1 again, the message beside the field, what was typed kept."""
    resp = client.post("/", data=form)
    assert resp.status_code == 422
    html = text(resp)
    assert "<h1>1. 어떤 PG를 쓰시나요?</h1>" in html and "오류 코드" not in html
    block = html.split(f'data-path="{path}"', 1)[1].split('<div class="field', 1)[0]
    assert 'class="err"' in block and words in block
    assert "field invalid" in html.split(f'data-path="{path}"', 1)[0][-40:]
    if path != "pg":  # the PG chosen stays chosen
        assert '<option value="nicepay" selected>' in html
    assert client.get("/").status_code == 200  # nothing half-saved breaks the page


def test_a_compact_date_is_accepted_on_step_one(client: FlaskClient) -> None:
    resp = client.post("/", data={"pg": "nicepay", "business.entity": "individual",
                                  "pg_account.already_on_imweb": "true", "pg_account.contract_date": "20260601"})
    assert resp.status_code == 303
    assert 'value="2026-06-01"' in text(client.get("/"))


def test_validate_endpoint_gives_the_cli_messages_per_field(client: FlaskClient) -> None:
    from pgdocs.record import record_from_dict
    from pgdocs.validate import validate_record

    data = sample(NICE)
    obj(data, "business")["business_number"] = "214-12-34568"
    obj(data, "manager")["phone"] = "010-12"
    client.post("/", data=situation_form(data))
    resp = client.post("/api/validate", data=record_form(data))
    assert resp.status_code == 200
    got = resp.get_json()["fields"]
    expected = validate_record(record_from_dict(data))
    for f in expected:
        assert f.message in [m["message"] for m in got[f.path]]
    assert got["business.business_number"][0]["code"] == "BRN_CHECKSUM"


def test_validate_endpoint_reports_schema_errors_on_their_field(client: FlaskClient) -> None:
    client.post("/", data=situation_form(sample(NICE)))
    form = record_form(sample(NICE))
    form["business.birth_date"] = "어제"
    del form["business.representative"]
    got = client.post("/api/validate", data=form).get_json()
    assert got["complete"] is False
    assert "날짜는" in got["fields"]["business.birth_date"][0]["message"]
    assert "필수 항목" in got["fields"]["business.representative"][0]["message"]


def test_validate_endpoint_accepts_json_and_refuses_junk(client: FlaskClient) -> None:
    client.post("/", data=situation_form(sample(NICE)))
    ok = client.post("/api/validate", json=record_form(sample(NICE)))
    assert ok.status_code == 200 and ok.get_json()["complete"] is True
    bad = client.post("/api/validate", data="[1, 2]", content_type="application/json")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "BAD_REQUEST"


def test_info_without_step_one_names_the_missing_entity(client: FlaskClient) -> None:
    resp = client.post("/info", data=record_form(sample(NICE)))
    assert resp.status_code == 422
    assert "사업자 유형(개인/법인): 필수 항목이 없습니다" in text(resp) and "business.entity" not in text(resp)


def test_info_form_rerenders_errors_in_red_and_keeps_input(client: FlaskClient) -> None:
    client.post("/", data=situation_form(sample(NICE)))
    form = record_form(sample(NICE))
    form["business.business_number"] = "214-12-34568"
    resp = client.post("/info", data=form)
    assert resp.status_code == 422
    html = text(resp)
    assert 'class="field invalid" data-path="business.business_number"' in html
    assert 'value="214-12-34568"' in html and "검증번호" in html


def test_info_form_normalises_nfd_korean(client: FlaskClient, app: Flask) -> None:
    client.post("/", data=situation_form(sample(NICE)))
    form = record_form(sample(NICE))
    form["business.representative"] = unicodedata.normalize("NFD", "김하늘")
    assert client.post("/info", data=form).status_code == 303
    store = app.extensions["pgdocs"].store
    sid = sid_of(client)
    assert store.record_data(sid)["business"]["representative"] == "김하늘"


@pytest.mark.parametrize(("payload", "code"), [
    pytest.param(b"", "UPLOAD_EMPTY", id="empty"),
    pytest.param(b"{not json", "RECORD_BAD_JSON", id="bad-json"),
    pytest.param("{\"business\": 1}".encode("utf-16"), "RECORD_NOT_UTF8", id="utf16"),
    pytest.param(b'{"business": {"entity": "individual"}}', "RECORD_SCHEMA", id="schema"),
])
def test_record_json_upload_refusals(client: FlaskClient, payload: bytes, code: str) -> None:
    resp = client.post("/info/json", data={"record": (io.BytesIO(payload), "record.json")},
                       content_type="multipart/form-data")
    assert resp.status_code == 400
    assert f"오류 코드 {code}" in text(resp)


def test_record_json_upload_fills_the_form(client: FlaskClient) -> None:
    raw = (SAMPLES / NICE / "record.json").read_bytes()
    resp = client.post("/info/json", data={"record": (io.BytesIO(raw), "record.json")},
                       content_type="multipart/form-data")
    assert resp.status_code == 303
    html = text(client.get("/info"))
    assert 'value="214-12-34567"' in html and 'value="하늘공방"' in html
    assert "채팅" in text(client.get("/get"))


# -- hostile uploads --------------------------------------------------------------------------------
@pytest.mark.parametrize(("payload", "name", "status", "code"), [
    pytest.param(b"", "사업자등록증.png", 400, "UPLOAD_EMPTY", id="zero-bytes"),
    pytest.param(b"<html><script>alert(1)</script></html>", "사업자등록증.png", 415, "UPLOAD_TYPE", id="html-as-png"),
    pytest.param(b"MZ\x90\x00" + b"\x00" * 200, "통장.pdf", 415, "UPLOAD_TYPE", id="exe-as-pdf"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "a.png", 400, "DOC_UNREADABLE", id="broken-png"),
    pytest.param(png_bomb(), "bomb.png", 413, "DOC_TOO_MANY_PIXELS", id="decompression-bomb"),
    pytest.param(encrypted_pdf(), "locked.pdf", 400, "UPLOAD_PDF_ENCRYPTED", id="encrypted-pdf"),
    pytest.param(b"%PDF-1.7\n%%EOF broken", "x.pdf", 400, "UPLOAD_UNREADABLE", id="broken-pdf"),
    # HEIC photos are accepted (pillow-heif, tests/test_inputs.py); a broken one is unreadable
    pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 64, "IMG_0001.jpg", 400, "DOC_UNREADABLE",
                 id="broken-heic-named-jpg"),
])
def test_hostile_uploads_get_a_korean_message_and_status(client: FlaskClient, payload: bytes, name: str,
                                                         status: int, code: str) -> None:
    resp = upload(client, "business_registration", payload, name)
    assert resp.status_code == status
    html = text(resp)
    assert f"오류 코드 {code}" in html
    assert re.search(r'<p class="(?:err )?big">[^<]*[가-힣]', html), "a Korean message"
    assert "Traceback" not in html


def test_oversized_request_is_413_in_korean(tmp_path: Path) -> None:
    from pgdocs.web import create_app

    app = create_app({"MAX_CONTENT_LENGTH": 64 * 1024, "UPLOAD_ROOT": tmp_path / "u"})
    try:
        resp = upload(app.test_client(), "bankbook", small_png() + b"\x00" * (100 * 1024))
        assert resp.status_code == 413
        assert "파일이 너무 큽니다 (최대 64 KB)" in text(resp)
    finally:
        app.extensions["pgdocs"].close()


def test_default_limit_is_20_mb(app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024


def test_uploads_are_sniffed_and_stored_under_fixed_names(client: FlaskClient, app: Flask) -> None:
    resp = upload(client, "seal_certificate", small_png(), "../../etc/passwd.pdf")
    assert resp.status_code == 303
    sid = sid_of(client)
    folder = app.extensions["pgdocs"].store.folder(sid)
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".json") == ["seal_certificate.png"]
    assert app.extensions["pgdocs"].store.record_data(sid)["documents"] == {"seal_certificate": "seal_certificate.png"}


@pytest.mark.parametrize(("form", "status", "code"), [
    pytest.param({"doc_id": "passport"}, 400, "UPLOAD_UNKNOWN_DOCUMENT", id="unknown-document"),
    pytest.param({"doc_id": "bankbook"}, 400, "UPLOAD_MISSING", id="no-file"),
])
def test_upload_form_refusals(client: FlaskClient, form: dict[str, str], status: int, code: str) -> None:
    resp = client.post("/docs", data=form, content_type="multipart/form-data")
    assert resp.status_code == status and f"오류 코드 {code}" in text(resp)


def test_checking_a_document_needs_the_record_first(client: FlaskClient) -> None:
    resp = upload(client, "business_registration", small_png())
    assert resp.status_code == 422
    assert "WEB_RECORD_INCOMPLETE" in text(resp) and "사업자 정보" in text(resp)
    assert "올림" in text(client.get("/docs"))  # the file itself was kept


# -- sessions, hosts, jobs, clean-up --------------------------------------------------------------
def test_sessions_do_not_see_each_other(app: Flask) -> None:
    a, b = app.test_client(), app.test_client()
    fill(a)
    assert upload(a, "seal_certificate", small_png()).status_code == 303
    assert "하늘공방" not in text(b.get("/info"))
    st = app.extensions["pgdocs"]
    sid_a = sid_of(a)
    job = st.jobs.submit(sid_a, "packet", lambda: {"channel": "post"})
    assert b.get(f"/api/jobs/{job.id}").status_code == 404
    assert b.get(f"/jobs/{job.id}").status_code == 404
    assert a.get(f"/api/jobs/{job.id}").status_code == 200


def test_forged_session_cookie_gets_a_fresh_session(client: FlaskClient) -> None:
    client.set_cookie("pgdocs_sid", "../../etc")
    resp = client.get("/")
    assert resp.status_code == 200
    assert "pgdocs_sid=" in resp.headers["Set-Cookie"] and "../" not in resp.headers["Set-Cookie"]


@pytest.mark.parametrize(("host", "allow_remote", "status"), [
    pytest.param("127.0.0.1:8000", False, 200, id="loopback"),
    pytest.param("localhost:8000", False, 200, id="localhost"),
    pytest.param("[::1]:8000", False, 200, id="ipv6-loopback"),
    pytest.param("evil.example:8000", False, 400, id="rebinding"),
    pytest.param("192.168.0.10:8000", True, 200, id="remote-allowed"),
])
def test_host_header_is_checked_unless_remote_allowed(tmp_path: Path, host: str, allow_remote: bool,
                                                      status: int) -> None:
    from pgdocs.web import create_app

    app = create_app({"ALLOW_REMOTE": allow_remote, "UPLOAD_ROOT": tmp_path / "u"})
    try:
        resp = app.test_client().get("/", headers={"Host": host})
        assert resp.status_code == status
        if status == 400:
            assert "HOST_NOT_ALLOWED" in text(resp)
    finally:
        app.extensions["pgdocs"].close()


def test_running_job_page_spins_and_refreshes_without_js(client: FlaskClient, app: Flask) -> None:
    client.get("/")
    sid = sid_of(client)
    gate = threading.Event()

    def slow() -> Report:
        gate.wait(10)
        from pgdocs.errors import FindingsError

        raise FindingsError("PACKET_MISSING_DOCUMENTS", "제출 묶음에 필요한 서류를 찾지 못했습니다: 통장 사본")

    job = app.extensions["pgdocs"].jobs.submit(sid, "packet", slow)
    html = text(client.get(f"/jobs/{job.id}"))
    assert 'class="spinner"' in html and '<meta http-equiv="refresh"' in html
    assert client.get(f"/api/jobs/{job.id}").get_json()["state"] == "running"
    gate.set()
    status = wait_job(client, f"/jobs/{job.id}")
    assert status["state"] == "error" and at(status, "error", "code") == "PACKET_MISSING_DOCUMENTS"
    html = text(client.get(f"/jobs/{job.id}"))
    assert "통장 사본" in html and "refresh" not in html


def test_unexpected_job_failure_is_korean_and_logs_no_details(client: FlaskClient, app: Flask,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    client.get("/")
    sid = sid_of(client)

    def boom() -> Report:
        raise RuntimeError("김하늘 010-2345-6789")

    with caplog.at_level(logging.DEBUG):
        job = app.extensions["pgdocs"].jobs.submit(sid, "packet", boom)
        status = wait_job(client, f"/jobs/{job.id}")
    assert at(status, "error", "code") == "INTERNAL" and "예기치 못한" in text_at(status, "error", "message")
    assert "김하늘" not in caplog.text and "010-2345" not in caplog.text


def test_expired_sessions_are_swept_and_shutdown_removes_everything(tmp_path: Path) -> None:
    from pgdocs.web import create_app

    app = create_app({"UPLOAD_TTL_SECONDS": 60})
    st = app.extensions["pgdocs"]
    c = app.test_client()
    assert upload(c, "seal_certificate", small_png()).status_code == 303
    sid = sid_of(c)
    folder = st.store.folder(sid)
    assert folder.is_dir()
    assert st.store.sweep(now=time.time() + 30, force=True) == 0
    assert st.store.sweep(now=time.time() + 120, force=True) == 1
    assert not folder.exists()
    root = st.store.root
    st.close()
    assert not root.exists()


def test_missing_pages_and_files_are_korean_404s(client: FlaskClient) -> None:
    for path in ("/nowhere", "/download/packet.zip", "/download/secret.txt", "/jobs/nope", "/jobs/nope/annotated.png"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert "찾을 수 없습니다" in text(resp)
    assert client.get("/api/jobs/nope").get_json()["error"]["code"] == "NOT_FOUND"


def test_an_error_page_leads_back_and_keeps_the_choices(client: FlaskClient) -> None:
    """Issue 13 item 10: the way out of an error page is the page the merchant came from, and step 1 still holds
    the PG chosen (nothing is reset)."""
    fill(client)
    resp = client.get("/jobs/nope", headers={"Referer": "http://localhost/docs"})
    html = text(resp)
    assert resp.status_code == 404
    assert 'href="http://localhost/docs" id="go-back"' in html and "HTTP" not in html
    foreign = text(client.get("/jobs/nope", headers={"Referer": "https://evil.example/x"}))
    assert 'id="go-back"' not in foreign  # never a link to another site
    assert '<option value="nicepay" selected>' in text(client.get("/"))


# -- 4. 받기 ----------------------------------------------------------------------------------------
def put_documents(client: FlaskClient, app: Flask, slug: str = NICE) -> None:
    """Place the sample's certificate and bank book in the session as if uploaded (no OCR job)."""
    store = app.extensions["pgdocs"].store
    sid = sid_of(client)
    data = store.record_data(sid)
    for doc_id, name in (("business_registration", "사업자등록증.png"), ("bankbook", "통장사본.png")):
        (store.folder(sid) / f"{doc_id}.png").write_bytes((SAMPLES / slug / name).read_bytes())
        data.setdefault("documents", {})[doc_id] = f"{doc_id}.png"
    store.save_record_data(sid, data)


def test_get_page_has_the_chat_message_and_copy_button(client: FlaskClient, app: Flask) -> None:
    import datetime as dt
    import html as html_lib

    from pgdocs.chat import chat_message
    from pgdocs.record import record_from_dict

    data = fill(client)
    before = text(client.get("/get"))
    assert "사업자등록증" in before and "documents.business_registration" not in before  # what is missing, in words
    assert 'data-copy="#chat"' not in before
    put_documents(client, app)
    page = text(client.get("/get"))
    sid = sid_of(client)
    rec = record_from_dict(app.extensions["pgdocs"].store.record_data(sid),
                           base_dir=app.extensions["pgdocs"].store.folder(sid))
    expected = chat_message(rec, today=dt.date.fromisoformat(TODAY), file_names={})
    m = re.search(r'<textarea id="chat"[^>]*>(.*?)</textarea>', page, re.S)
    assert m is not None and html_lib.unescape(m.group(1)) == expected
    assert text_at(data, "settlement_account", "number") in expected
    assert "business_registration.png" not in expected  # the page's own file name means nothing to the merchant
    assert 'data-copy="#chat"' in page


@pytest.mark.tesseract
def test_the_chat_message_names_the_file_as_the_merchant_chose_it(client: FlaskClient) -> None:
    """Issue 13 item 8: the chat names the file the merchant has, not the page's stored copy."""
    fill(client)
    raw = (SAMPLES / NICE / "사업자등록증.png").read_bytes()
    resp = upload(client, "business_registration", raw, "사진/우리가게 등록증.png")  # a folder part is dropped
    wait_job(client, resp.headers["Location"])
    chat = re.search(r'<textarea id="chat"[^>]*>(.*?)</textarea>', text(client.get("/get")), re.S)
    assert chat is not None
    assert "첨부합니다 (우리가게 등록증.png)" in chat.group(1) and "business_registration" not in chat.group(1)


def test_labels_pdf_with_sheet_and_start(client: FlaskClient) -> None:
    from pypdf import PdfReader

    client.post("/", data=situation_form(sample(NICE)))
    resp = client.post("/labels", data={"sheet": "LS-3105", "start": "4"})
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    assert "labels.pdf" in resp.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(resp.data))
    assert len(reader.pages) == 1
    assert "나이스페이먼츠" in reader.pages[0].extract_text()


@pytest.mark.parametrize(("form", "code"), [
    pytest.param({"sheet": "LS-9999", "start": "1"}, "LABEL_SHEET_UNKNOWN", id="unknown-sheet"),
    pytest.param({"sheet": "LS-3108", "start": "15"}, "LABEL_START_OUT_OF_RANGE", id="start-beyond-sheet"),
    pytest.param({"sheet": "LS-3108", "start": "첫칸"}, "LABEL_BAD_START", id="start-not-number"),
])
def test_label_refusals(client: FlaskClient, form: dict[str, str], code: str) -> None:
    client.post("/", data=situation_form(sample(NICE)))
    resp = client.post("/labels", data=form)
    assert resp.status_code == 400, text(resp)[:500]
    assert code in text(resp)


def test_packet_refuses_a_channel_the_rule_forbids(client: FlaskClient) -> None:
    fill(client, "nicepay-corporation-over-1y")
    resp = client.post("/packet", data={"channel": "email", "sheet": "LS-3108", "start": "1"})
    assert resp.status_code == 422
    assert "CHANNEL_NOT_ALLOWED" in text(resp) and "우편" in text(resp)


@pytest.mark.soffice
@pytest.mark.slow
def test_packet_builds_in_a_worker_and_downloads_with_the_email_draft(client: FlaskClient, app: Flask,
                                                                      tmp_path: Path) -> None:
    import email
    from email import policy

    from pypdf import PdfReader

    fill(client)
    put_documents(client, app)  # this test is about the packet; the OCR path has its own tests
    assert '<option value="email">이메일</option>' in text(client.get("/get"))  # allowed within the first year
    resp = client.post("/packet", data={"channel": "email", "sheet": "LS-3108", "start": "3"})  # no OCR re-check
    assert resp.status_code == 303
    status = wait_job(client, resp.headers["Location"], timeout=240)
    assert status["state"] == "done", status
    assert at(status, "result", "channel") == "email"
    html = text(client.get(resp.headers["Location"]))
    assert "packet.zip 받기" in html and "submission.eml" in html
    z = client.get("/download/packet.zip")
    assert z.status_code == 200 and z.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(z.data)).namelist()
    assert {"전체 묶음 (인쇄용).pdf", "주소 라벨.pdf", "manifest.json", "이메일 초안.eml"} <= set(names)
    assert all(not n.isascii() for n in names if n != "manifest.json")  # Korean names for the merchant
    pdf = PdfReader(io.BytesIO(client.get("/download/packet.pdf").data))
    pages = at(status, "result", "pages")
    assert isinstance(pages, int) and len(pdf.pages) == pages >= 3
    eml = client.get("/download/submission.eml")
    assert eml.status_code == 200 and eml.mimetype == "message/rfc822"
    msg = email.message_from_bytes(eml.data, policy=policy.default)
    assert msg["To"] and "nicepay" in str(msg["To"])
    assert "하늘공방" in str(msg["Subject"])
    attached = [part.get_filename() for part in msg.iter_attachments()]
    assert attached and all(attached)
    get = text(client.get("/get"))
    assert "submission.eml" in get and 'id="signed"' in get and 'id="signed-ok"' not in get

    # the e-mail route: the sealed, scanned form is uploaded on 받기 and the packet is made again with it
    refused = client.post("/get/signed", data={"file": (io.BytesIO(b""), "빈파일.png")},
                          content_type="multipart/form-data")
    assert refused.status_code == 400
    page = text(refused)
    assert 'id="upload-error"' in page and 'id="upload-signed"' in page and "<h1>4. 받기</h1>" in page
    from packet_helpers import document_image

    scan = document_image(tmp_path / "날인본.png", ["아이디 추가 신청서 (가상)", "신청인 (인)"])
    resp = client.post("/get/signed", data={"file": (io.BytesIO(scan.read_bytes()), "날인본.png")},
                       content_type="multipart/form-data")
    assert resp.status_code == 303 and "/jobs/" in resp.headers["Location"]  # rebuilt at once
    again = wait_job(client, resp.headers["Location"], timeout=240)
    assert again["state"] == "done" and at(again, "result", "signed_forms") == ["id_add_form"]
    assert "그 파일을 넣어" not in text(client.get(resp.headers["Location"]))  # no 'scan and upload' any more
    msg = email.message_from_bytes(client.get("/download/submission.eml").data, policy=policy.default)
    first = next(msg.iter_attachments())
    assert first.get_filename() == "아이디 추가 신청서.pdf"
    assert PdfReader(io.BytesIO(first.get_content())).pages[0].images  # the scan, not the filled form's text
    assert 'id="signed-ok"' in text(client.get("/get"))


@pytest.mark.tesseract
@pytest.mark.slow
def test_mismatching_certificate_shows_red_fields_and_annotated_picture(
        client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    data = fill(client)
    other = (SAMPLES / "inicis-individual" / "사업자등록증.png").read_bytes()  # another merchant's certificate
    with caplog.at_level(logging.DEBUG):
        resp = upload(client, "business_registration", other, "사업자등록증.png")
        assert resp.status_code == 303
        status = wait_job(client, resp.headers["Location"])
    for secret in (text_at(data, "business", "representative"), text_at(data, "business", "business_number"),
                   text_at(data, "business", "birth_date"), "406-19-35790", "한솔"):
        assert secret not in caplog.text, "no personal data in the log"
    assert status["state"] == "done" and at(status, "result", "verify", "verdict") == "fail"
    page = text(client.get(resp.headers["Location"]))
    assert 'id="verdict">불일치<' in page
    assert re.search(r'<tr class="mismatch" data-field="business_number">', page)
    assert "입력한 값과 다릅니다" in page
    png = client.get(resp.headers["Location"] + "/annotated.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert "불일치" in text(client.get("/docs"))


@pytest.mark.tesseract
def test_a_certificate_on_page_2_of_an_uploaded_pdf_is_found_and_the_page_said(
        client: FlaskClient, tmp_path: Path) -> None:
    """통장 사본 + 사업자등록증 scanned into one PDF and uploaded as the 사업자등록증: checked on page 2, and the page
    tells the merchant where it was found."""
    from PIL import Image

    from reading_pages import bankbook_page

    fill(client)
    pages = [Image.open(bankbook_page(tmp_path / "통장.png")).convert("RGB"),
             Image.open(SAMPLES / NICE / "사업자등록증.png").convert("RGB")]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=300)
    resp = upload(client, "business_registration", buf.getvalue(), "서류.pdf")
    status = wait_job(client, resp.headers["Location"])
    assert at(status, "result", "verify", "verdict") == "pass"
    page = text(client.get(resp.headers["Location"]))
    note = page.split('id="page-note">', 1)[1].split("</p>", 1)[0]
    assert note.startswith("PDF 2쪽에서 사업자등록증을 찾아 읽었습니다")


@pytest.mark.tesseract
def test_a_mismatch_fixed_in_the_record_is_checked_again_without_uploading(client: FlaskClient) -> None:
    """Issue 13 item 6: the mismatch links to the field; after the record changes the old verdict is marked out of
    date, 받기 says so before the button, and '다시 대조하기' checks the stored file against the new record."""
    fill(client)
    other = "inicis-individual"  # the certificate of another (fictional) merchant: the first record mismatches it
    resp = upload(client, "business_registration", (SAMPLES / other / "사업자등록증.png").read_bytes())
    assert at(wait_job(client, resp.headers["Location"]), "result", "verify", "verdict") == "fail"
    page = text(client.get(resp.headers["Location"]))
    row = page.split('data-field="business_number"', 1)[1].split("</tr>", 1)[0]
    assert 'href="/info#f-business-business_number">사업자 정보에서 고치기</a>' in row
    assert 'id="recheck-hint"' in page

    get = text(client.get("/get"))
    assert 'id="blockers"' in get and "사업자등록증 사본의 내용이 입력한 사업자 정보와 다릅니다" in get
    assert 'id="build-packet" disabled' in get
    refused = client.post("/packet", data={"channel": "auto", "sheet": "LS-3108", "start": "1"})
    assert refused.status_code == 409 and "WEB_PACKET_NOT_READY" in text(refused)

    theirs = obj(sample(other), "business")
    fixed: dict[str, object] = {**record_form(sample(NICE))}
    for key, value in theirs.items():
        fixed[f"business.{key}"] = value
    assert client.post("/info", data=fixed).status_code == 303
    docs = text(client.get("/docs"))
    assert 'id="stale-business_registration"' in docs and 'id="recheck-business_registration"' in docs
    assert "다시 대조하지 않았습니다" in text(client.get("/get"))

    again = client.post("/docs/recheck", data={"doc_id": "business_registration"})
    assert again.status_code == 303
    assert at(wait_job(client, again.headers["Location"]), "result", "verify", "verdict") != "fail"
    assert 'id="stale-business_registration"' not in text(client.get("/docs"))
    get = text(client.get("/get"))
    assert "사업자등록증" not in get.split('id="blockers"', 1)[-1].split("</div>", 1)[0] or 'id="blockers"' not in get
    assert client.post("/docs/recheck", data={"doc_id": "bankbook"}).status_code == 400  # nothing uploaded there


def test_get_page_lists_what_is_missing_before_the_button(client: FlaskClient) -> None:
    fill(client)
    html = text(client.get("/get"))
    box = html.split('id="blockers"', 1)[1].split("</div>", 1)[0]
    assert "통장 사본을 아직 올리지 않았습니다" in box and "사업자등록증 사본을 아직 올리지 않았습니다" in box
    assert 'href="/docs#doc-bankbook"' in box
    assert 'id="build-packet" disabled' in html
    resp = client.post("/packet", data={"channel": "auto", "sheet": "LS-3108", "start": "1"})
    assert resp.status_code == 409
    assert "통장 사본을 아직 올리지 않았습니다" in text(resp)


def test_an_undecidable_case_keeps_every_page_usable(client: FlaskClient) -> None:
    client.post("/", data={"pg": "nicepay", "business.entity": "individual", "pg_account.already_on_imweb": ""})
    page = client.get("/")
    assert page.status_code == 200
    html = text(page)
    assert 'class="field invalid" data-path="pg_account.already_on_imweb"' in html
    assert "이미 사용 중인지에 따라 절차가 다릅니다" in html
    for path in ("/docs", "/get"):
        resp = client.get(path)
        assert resp.status_code == 200 and "1단계에서 고르기" in text(resp)
    assert "우편·이메일로 서류를 보내지 않습니다" not in text(client.get("/get"))


@pytest.mark.parametrize(("origin", "status"), [
    pytest.param(None, 303, id="no-origin"),
    pytest.param("http://localhost", 303, id="same-origin"),
    pytest.param("http://evil.example", 403, id="other-site"),
    pytest.param("null", 403, id="opaque"),
])
def test_cross_site_posts_are_refused(client: FlaskClient, origin: str | None, status: int) -> None:
    headers = {"Origin": origin} if origin else {}
    resp = client.post("/", data={"pg": "kcp", "business.entity": "individual"}, headers=headers)
    assert resp.status_code == status
    if status == 403:
        assert "CROSS_SITE_REQUEST" in text(resp)


def test_background_sweeper_expires_idle_uploads_without_requests(tmp_path: Path) -> None:
    from pgdocs.web import create_app

    app = create_app({"UPLOAD_ROOT": tmp_path / "u", "UPLOAD_TTL_SECONDS": 0.2, "SWEEP_SECONDS": 0.1})
    try:
        c = app.test_client()
        assert upload(c, "seal_certificate", small_png()).status_code == 303
        folder = app.extensions["pgdocs"].store.folder(sid_of(c))
        end = time.monotonic() + 10
        while folder.exists() and time.monotonic() < end:
            time.sleep(0.05)
        assert not folder.exists()
    finally:
        app.extensions["pgdocs"].close()


def test_a_sealed_form_is_not_taken_where_nothing_goes_by_e_mail(client: FlaskClient) -> None:
    fill(client, "nicepay-corporation-over-1y")  # post only: the sealed paper goes in the envelope
    assert 'id="signed"' not in text(client.get("/get"))
    resp = client.post("/get/signed", data={"file": (io.BytesIO(small_png()), "날인본.png")},
                       content_type="multipart/form-data")
    assert resp.status_code == 400 and "UPLOAD_UNKNOWN_DOCUMENT" in text(resp)
