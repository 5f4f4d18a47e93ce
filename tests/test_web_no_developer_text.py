"""Issue 13 (Done when): nothing a merchant downloads or reads after building a packet on the page — the cover
sheet, packet.pdf, labels.pdf, the e-mail draft, the job page and 받기 — shows a field path, a command-line flag,
a ``pgdocs`` command, a rule id or an "이(가)"-style particle.

The packets are built through the page's own routes (Flask's test client) for NicePay cases, with the sample
merchants' certificate and bank book checked by the real OCR. Every merchant is fictional (samples/).
"""

from __future__ import annotations

import email
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy

import pytest
from flask import Flask
from flask.testing import FlaskClient

from report_read import text_at
from test_web_app import put_documents, sid_of, wait_job
from web_helpers import SAMPLES, TODAY, record_form, sample, situation_form

pytestmark = [pytest.mark.tesseract, pytest.mark.soffice, pytest.mark.slow,
              pytest.mark.xdist_group("web_no_developer_text")]  # the packets are built once, in one worker

NICE = "nicepay-individual-within-1y"
CORP = "nicepay-corporation-over-1y"

_ROOTS = "business|pg_account|settlement_account|manager|representative_contact|documents|toss_keys"


def _rule_ids() -> str:
    from pgdocs.rulebook import load_rulebook

    ids = sorted({c.id for pg in load_rulebook().pgs.values() for c in pg.cases}, key=len, reverse=True)
    assert "nicepay.within_1y" in ids  # the pattern below is checked against the rulebook's real ids
    return "|".join(re.escape(i) for i in ids)


#: what a merchant never reads. Each pattern refuses to match inside a URL, a host name or an e-mail address:
#: a field path or rule id is never preceded by "/", ".", "@", "-" or a letter, nor followed by "@" or more host.
DEVELOPER = {
    "field path": re.compile(rf"(?<![\w./@?&=#-])(?:{_ROOTS})\.[a-z_]+[a-z0-9_]*(?![\w@-]|\.[a-z])"),
    "command-line flag": re.compile(r"(?<![\w-])--[a-z][a-z-]*"),
    "pgdocs command": re.compile(r"(?<![\w./@?&=#-])pgdocs\s+[a-z][a-z-]+\b"),
    "rule id": re.compile(rf"(?<![\w./@?&=#-])(?:{_rule_ids()}|[a-z]+\.[a-z0-9]+(?:_[a-z0-9]+)+)(?![\w@-]|\.[a-z])"),
    "source note": re.compile(r"\bhelp article\b"),
    "either-or particle": re.compile(r"(?<=[가-힣A-Za-z0-9'\")])(?:\((?:가|이|는|은|를|을|과|와|야|이야)\)|\(으\)로)"),
}


def developer_text(text: str) -> list[tuple[str, str]]:
    return [(what, m.group(0)) for what, rx in DEVELOPER.items() for m in rx.finditer(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("대표자(business.representative): 비어 있습니다", "business.representative", id="field-path"),
        pytest.param("발급받은 MID는 pg_account.new_mid 에 적으세요", "pg_account.new_mid", id="bare-path"),
        pytest.param("documents.business_registration 이 없습니다", "documents.business_registration",
                     id="document-path"),
        pytest.param("--docs 폴더에 넣어 주세요", "--docs", id="flag"),
        pytest.param("우편(--channel post)으로", "--channel", id="flag-in-brackets"),
        pytest.param("pgdocs verify 로 자세히", "pgdocs verify", id="command"),
        pytest.param("규칙 nicepay.within_1y 에 따릅니다", "nicepay.within_1y", id="rule-id"),
        pytest.param("(kcp.url_addition)", "kcp.url_addition", id="rule-id-in-brackets"),
        pytest.param("하늘공방이(가) 신청합니다", "(가)", id="particle-ga"),
        pytest.param("'꽃상회'은(는)", "(는)", id="particle-neun"),
        pytest.param("통장 사본을(를)", "(를)", id="particle-reul"),
        pytest.param("서울(으)로", "(으)로", id="particle-euro"),
        pytest.param("출처: help article, 나이스페이 section", "help article", id="source-note"),
    ],
)
def test_the_patterns_find_developer_text(text: str, found: str) -> None:
    assert found in [hit for _, hit in developer_text(text)], developer_text(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("신청 사이트 주소: https://haneul-craft.imweb.me", id="url"),
        pytest.param("https://www.business.example/pg_account.new_mid?documents.x=1", id="url-with-path-like-parts"),
        pytest.param("manager@haneul-craft.example, business.owner@shop.example", id="e-mail"),
        pytest.param("pay@documents.example 로 보내 주세요", id="e-mail-domain"),
        pytest.param("https://my_shop.imweb.me 와 first_last.name@x.co.kr", id="underscore-host-and-mailbox"),
        pytest.param("(01_id_add_form.pdf) 1쪽", id="file-name"),
        pytest.param("pgdocs가 작성 — 인감 날인 필요", id="pgdocs-as-a-word"),
        pytest.param("2026-11-27 · D+2 · 010-3456-7890 — 미검사", id="dates-and-dashes"),
        pytest.param("(가) 항목 (나) 항목, 사업자등록증 (사본)", id="list-markers"),
    ],
)
def test_the_patterns_leave_legitimate_text_alone(text: str) -> None:
    assert developer_text(text) == []


@dataclass
class Built:
    job_page: str
    get_page: str
    packet: bytes
    cover: bytes
    labels: bytes
    zip_names: list[str]
    eml: bytes | None


def _visible(html: str) -> str:
    """What a person reads on the page: text and form values, not attributes or scripts."""
    import html as html_lib

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def _build(client: FlaskClient, app: Flask, slug: str, form: dict[str, str]) -> Built:
    data = sample(slug)
    assert client.post("/", data=situation_form(data)).status_code == 303
    assert client.post("/info", data=record_form(data)).status_code == 303
    put_documents(client, app, slug)  # the certificate and bank book, as if uploaded on step 3
    if slug == CORP:  # the corporation's other documents, as uploaded on step 3
        store = app.extensions["pgdocs"].store
        sid = sid_of(client)
        record = store.record_data(sid)
        for doc_id in ("seal_certificate", "corporate_register", "customer_due_diligence", "beneficial_owner"):
            name = f"{doc_id}.pdf"
            (store.folder(sid) / name).write_bytes((SAMPLES / slug / text_at(data, "documents", doc_id)).read_bytes())
            record["documents"][doc_id] = name
        store.save_record_data(sid, record)
    resp = client.post("/packet", data={"sheet": "LS-3108", "start": "1", **form})
    assert resp.status_code == 303, _visible(resp.get_data(as_text=True))[:1500]
    status = wait_job(client, resp.headers["Location"], timeout=300)
    assert status["state"] == "done", status
    job_page = client.get(resp.headers["Location"]).get_data(as_text=True)
    z = zipfile.ZipFile(io.BytesIO(client.get("/download/packet.zip").data))
    names = z.namelist()
    cover = next(n for n in names if re.match(r"00[_ ]", n))  # the cover sheet is the first file
    eml = client.get("/download/submission.eml")  # what the page links, beside packet.zip
    return Built(job_page=job_page, get_page=client.get("/get").get_data(as_text=True),
                 packet=client.get("/download/packet.pdf").data, cover=z.read(cover),
                 labels=client.get("/download/labels.pdf").data, zip_names=names,
                 eml=eml.data if eml.status_code == 200 else None)


CASES = {
    "within-1y-email-checked": (NICE, {"channel": "email", "check": "1"}),
    "within-1y-post-unchecked": (NICE, {"channel": "post"}),
    "corporation-over-1y-post-checked": (CORP, {"channel": "auto", "check": "1"}),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Built]]:
    from pgdocs.web import create_app

    app = create_app({"TODAY": TODAY, "UPLOAD_ROOT": tmp_path_factory.mktemp("uploads"), "TESTING": True})
    try:
        # one browser session per case, as three merchants would
        yield {case: _build(app.test_client(), app, slug, form) for case, (slug, form) in CASES.items()}
    finally:
        app.extensions["pgdocs"].close()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _eml_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=policy.default)
    body = msg.get_body(("plain",))
    assert body is not None
    names = " ".join(str(p.get_filename()) for p in msg.iter_attachments())
    return f"{msg['Subject']}\n{msg['To']}\n{body.get_content()}\n{names}"


@pytest.mark.parametrize("case", list(CASES))
def test_no_download_or_page_shows_developer_text(built: dict[str, Built], case: str) -> None:
    b = built[case]
    cover = _pdf_text(b.cover)
    packet = _pdf_text(b.packet)
    assert "받는 곳" in cover and "나이스페이" in cover  # the cover sheet was read, not an empty page
    assert cover.split("\n", 1)[0] in packet  # and it is the first part of packet.pdf
    texts = {"cover sheet": cover, "packet.pdf": packet, "labels.pdf": _pdf_text(b.labels),
             "job page": _visible(b.job_page), "받기": _visible(b.get_page)}
    if b.eml is not None:
        texts["submission.eml"] = _eml_text(b.eml)
    assert ("submission.eml" in texts) == (CASES[case][1]["channel"] == "email")
    found = {where: hits for where, text in texts.items() if (hits := developer_text(text))}
    assert found == {}, found


def test_packet_zip_names_are_korean(built: dict[str, Built]) -> None:
    """Issue 13 item 12: the merchant opens packet.zip and reads what each file is."""
    for case, b in built.items():
        documents = [n for n in b.zip_names if n.endswith((".pdf", ".docx", ".eml"))]
        assert any(n.startswith("00_") for n in documents) and len(documents) >= 5, (case, b.zip_names)
        english = [n for n in documents if not re.search(r"[가-힣]", n)]
        assert english == [], (case, english)
        assert ("이메일 초안.eml" in b.zip_names) == (CASES[case][1]["channel"] == "email")


def test_the_cover_names_the_files_as_the_zip_holds_them(built: dict[str, Built]) -> None:
    """A merchant checks the zip against the cover's list: the same names."""
    for case, b in built.items():
        listed = re.findall(r"\((\d\d_[^()\n]+\.pdf)\)", _pdf_text(b.cover))
        assert listed, case
        assert [n for n in listed if n not in b.zip_names] == [], (case, listed, b.zip_names)


def test_a_skipped_check_is_said_in_a_whole_sentence(built: dict[str, Built]) -> None:
    """No particle left dangling where a CLI flag was taken out ('미검사 — 로 검사를 건너뛰었습니다')."""
    page = _visible(built["within-1y-post-unchecked"].job_page)
    lines = [line.strip() for line in page.splitlines() if "대조:" in line]
    assert len(lines) == 2 and all("미검사" in line for line in lines), lines
    dangling = re.compile(r"(?:^|[—:(]\s*)(?:으로|로|을|를|이|가|은|는|에|와|과)\s")
    assert [line for line in lines if dangling.search(line.split("대조:", 1)[1])] == []


def test_the_chat_message_names_no_file_the_merchant_never_had(built: dict[str, Built]) -> None:
    """Issue 13 item 8: not the page's stored name (business_registration.png); the documents here were placed
    without an upload name, so the message names the document only (the browser journey checks an uploaded name)."""
    import html as html_lib

    page = built["within-1y-email-checked"].get_page
    chat = html_lib.unescape(page.split('id="chat"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0])
    assert "사업자등록증" in chat
    assert not re.search(r"\b[a-z_]+\.(?:png|pdf|jpg)\b", chat), chat
