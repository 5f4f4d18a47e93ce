"""The page talks to merchants (issue 13): no field paths, CLI flags, commands, rule ids or "이(가)" on any page or
on the cover sheet; a bank book uploaded as the 사업자등록증 is refused in plain words and kept out of the packet.
Every merchant and document is fictional (samples/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pgdocs.hangul import particle, with_particle
from pgdocs.web.people import DEVELOPER_TEXT, for_people
from report_read import at
from test_web_app import NICE, app, client, fill, text, upload, wait_job  # noqa: F401 - fixtures
from web_helpers import SAMPLES, record_form, sample


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("개업연월일(business.opening_date): 날짜 형식으로 적어 주세요",
                     "개업연월일: 날짜 형식으로 적어 주세요", id="label-and-path"),
        pytest.param("pg_account.new_mid: 비어 있습니다", "발급받은 MID 값: 비어 있습니다", id="bare-path"),
        pytest.param("가맹점 정보의 documents 에 파일 경로를 적거나, --docs 폴더에 '사업자등록증.pdf'를 넣으세요.",
                     "'사업자 정보'에 파일 경로를 적거나, '서류 올리기'에서 '사업자등록증.pdf'를 넣으세요.",
                     id="docs-flag"),
        pytest.param("그래도 크면 우편(--channel post)으로 보내세요.", "그래도 크면 우편으로 보내세요.",
                     id="channel-flag"),
        pytest.param("다시 실행하세요 (pgdocs verify 로 자세히 볼 수 있습니다).",
                     "다시 실행하세요 ('서류 올리기'에서 대조 결과를 볼 수 있습니다)", id="command"),
        pytest.param("규칙 nicepay.within_1y 에 따릅니다", "에 따릅니다", id="rule-id"),
    ],
)
def test_for_people(raw: str, shown: str) -> None:
    out = for_people(raw)
    assert not DEVELOPER_TEXT.search(out), out
    if raw.startswith(("개업", "pg_account", "그래도")):
        assert out == shown


@pytest.mark.parametrize(
    ("word", "p", "expected"),
    [
        ("하늘상점", "이", "하늘상점이"), ("가게", "이", "가게가"), ("서울", "으로", "서울로"),
        ("부산", "으로", "부산으로"),
        ("통장 사본", "으로", "통장 사본으로"), ("'꽃상회'", "은", "'꽃상회'는"), ("2026-11-27", "은", "2026-11-27은"),
        ("010-1234-5672", "은", "010-1234-5672는"), ("nictest00m", "은", "nictest00m은"), ("KB", "와", "KB와"),
        ("3", "으로", "3으로"), ("7", "으로", "7로"),
    ],
)
def test_particles_follow_the_final_sound(word: str, p: str, expected: str) -> None:
    assert with_particle(word, p) == expected and word + particle(word, p) == expected


def test_no_page_shows_developer_text(client: FlaskClient) -> None:  # noqa: F811
    fill(client, pg_account__new_mid="")  # a finding about a field: its path must not show
    for path in ("/", "/info", "/docs", "/get"):
        html = text(client.get(path))
        visible = re.sub(r"<[^>]+>", " ", html)  # attributes (data-path="business.…") are for scripts, not people
        found = DEVELOPER_TEXT.findall(visible)
        assert not found, (path, found)


@pytest.mark.tesseract
@pytest.mark.slow
def test_a_bank_book_as_the_certificate_is_refused_in_plain_words(client: FlaskClient) -> None:  # noqa: F811
    fill(client)
    bankbook = (SAMPLES / NICE / "통장사본.png").read_bytes()
    resp = upload(client, "business_registration", bankbook, "사업자등록증.png")
    assert resp.status_code == 303
    status = wait_job(client, resp.headers["Location"])
    assert status["state"] == "done"
    assert at(status, "result", "verify", "code") == "DOC_WRONG_KIND"
    page = text(client.get(resp.headers["Location"]))
    assert 'id="wrong-kind"' in page and "아닌 것 같습니다" in page and "통장 사본으로 보입니다" in page
    for advice in ("300 dpi", "그림자", "밝고"):
        assert advice not in page, "no lighting advice for the wrong file"
    docs = text(client.get("/docs"))
    slot = docs.split('id="doc-business_registration"')[1].split("</li>")[0]
    assert "다른 서류라 빼 두었습니다" in slot and "올림" not in slot  # not kept for the packet


@pytest.mark.parametrize("typed", [pytest.param("haneul.imweb.me", id="plain"),
                                   pytest.param("*haneul.imweb.me", id="with-star-as-the-tip-says")])
def test_inicis_site_address_is_a_tip_not_an_error(client: FlaskClient, typed: str) -> None:  # noqa: F811
    fill(client, "inicis-individual", site_url=typed)
    html = text(client.get("/info"))
    box = html.split('data-path="site_url"')[1].split("</div>")[0]
    assert 'class="field invalid"' not in html.split('data-path="site_url"')[0][-40:]  # the field is not red
    assert '<span class="tip">' in box and "*haneul.imweb.me" in box and 'class="err"' not in box


@pytest.mark.parametrize("payload", [pytest.param(b"GIF89a-not-really" * 2, id="unreadable-gif"),
                                     pytest.param(b"PK\x03\x04" + b"\x00" * 64, id="zip-named-png"),
                                     pytest.param(b"", id="empty")])
def test_a_refused_upload_stays_on_the_upload_step(client: FlaskClient, payload: bytes) -> None:  # noqa: F811
    fill(client)
    resp = upload(client, "bankbook", payload, "통장.png")
    assert resp.status_code in (400, 413, 415)
    html = text(resp)
    assert 'id="upload-error"' in html and "올리지 못했습니다" in html
    assert html.count('name="doc_id"') >= 2  # every upload form is there to try again
    assert "처음으로" not in html and not DEVELOPER_TEXT.search(re.sub(r"<[^>]+>", " ", html))


def test_an_oversized_upload_stays_on_the_upload_step(tmp_path: Path) -> None:
    from pgdocs.web import create_app
    from web_helpers import small_png

    small = create_app({"MAX_CONTENT_LENGTH": 64 * 1024, "UPLOAD_ROOT": tmp_path / "u"})
    try:
        c = small.test_client()
        fill(c)
        resp = upload(c, "bankbook", small_png() + b"\x00" * (100 * 1024))
        html = text(resp)
        assert resp.status_code == 413 and 'id="upload-error"' in html and "64 KB" in html
        assert 'data-max="65536"' in html  # the page checks the size before sending, too
    finally:
        small.extensions["pgdocs"].close()


def test_idle_expiry_is_explained_and_typing_is_kept(tmp_path: Path) -> None:
    """Issue 13 item 9: after the idle limit the page says what happened; a save typed before the expiry keeps the
    typed record and asks only for step 1 again."""
    import time

    from pgdocs.web import create_app


    small = create_app({"UPLOAD_ROOT": tmp_path / "u", "UPLOAD_TTL_SECONDS": 60})
    try:
        c = small.test_client()
        fill(c)
        store = small.extensions["pgdocs"].store
        assert store.sweep(now=time.time() + 120, force=True) == 1  # the merchant went away for two minutes
        resp = c.post("/info", data=record_form(sample(NICE)))
        assert resp.status_code == 303 and "expired=kept" in resp.headers["Location"]
        page = text(c.get(resp.headers["Location"]))
        assert 'id="expired"' in page and "1분 동안 쓰지 않아" in page and "다시 넣어 두었습니다" in page
        info = text(c.get("/info"))
        assert 'value="하늘공방"' in info  # what was typed is still there
        store.sweep(now=time.time() + 120, force=True)
        assert 'id="expired"' in text(c.get("/docs"))  # any page after the expiry says it
    finally:
        small.extensions["pgdocs"].close()


def test_fields_that_do_not_apply_are_not_shown(client: FlaskClient) -> None:  # noqa: F811
    """Issue 13 item 12: a NicePay individual is not asked for a 법인등록번호 or Toss keys."""
    fill(client)  # NicePay, individual
    html = text(client.get("/info"))
    assert 'name="business.corporate_number"' not in html and 'name="pg_account.toss_keys.mid"' not in html
    assert 'name="business.business_number"' in html
    fill(client, "toss-test-keys")
    assert 'name="pg_account.toss_keys.mid"' in text(client.get("/info"))


def test_inicis_gets_its_form_values_and_both_chat_messages(client: FlaskClient, app: Flask) -> None:  # noqa: F811
    """Issue 13 item 12: the Inicis form values (*주소, *아임웹) with a copy button, and the second chat message
    (after the MID arrives) beside the first."""
    import html as html_lib

    from test_web_app import put_documents

    fill(client, "inicis-individual")
    put_documents(client, app, "inicis-individual")
    page = html_lib.unescape(text(client.get("/get")))
    assert 'id="inicis-form"' in page and 'data-copy="#inicis-form"' in page
    assert "*haneul" in page or "*" in page.split('id="inicis-form"')[1][:400]
    assert "*아임웹" in page
    assert 'id="chat"' in page and 'id="chat-issued"' in page and "새 MID를 받은 뒤" in page


def test_an_unknown_answer_on_step_one_says_where_to_look(client: FlaskClient) -> None:  # noqa: F811
    """Issue 13 item 12: '모름' for NicePay is not accepted without saying how to find the answer."""
    resp = client.post("/", data={"pg": "nicepay", "business.entity": "individual",
                                  "pg_account.already_on_imweb": "", "pg_account.contract_date": ""})
    assert resp.status_code == 303
    html = text(client.get("/"))
    box = html.split('data-path="pg_account.already_on_imweb"', 1)[1].split('<div class="field', 1)[0]
    assert 'class="help"' in box and "아임웹 채팅상담" in box
    alert = html.split('id="plan-error"', 1)[1].split("</section>", 1)[0]
    assert "나이스페이로 결제를 받고 있으면" in alert and "(가)" not in alert


@pytest.mark.parametrize(("slug", "offered"), [
    pytest.param("nicepay-corporation-over-1y", {"", "post"}, id="nicepay-over-1y-post-only"),
    pytest.param("nicepay-individual-within-1y", {"", "post", "email"}, id="nicepay-within-1y-both"),
    pytest.param("inicis-individual", None, id="inicis-nothing-is-sent"),
])
def test_the_way_of_sending_offers_only_what_the_rule_allows(client: FlaskClient, slug: str,  # noqa: F811
                                                             offered: set[str] | None) -> None:
    """Issue 13 item 12: 이메일 is not offered on 사업자 정보 for a case that must go by post."""
    fill(client, slug)
    html = text(client.get("/info"))
    if offered is None:
        assert 'name="pg_account.preferred_channel"' not in html
        return
    select = html.split('name="pg_account.preferred_channel"', 1)[1].split("</select>", 1)[0]
    assert set(re.findall(r'<option value="([a-z]*)"', select)) == offered


def test_a_toss_test_key_is_a_warning_beside_each_key_not_a_red_box(client: FlaskClient) -> None:  # noqa: F811
    """The test-key warning is about the pair (pg_account.toss_keys): shown beside each key field, in the page's
    check on leaving either field too — not in the red box at the top."""
    fill(client, "toss-test-keys")
    html = text(client.get("/info"))
    assert '<div class="errors"' not in html
    for key in ("client_key", "api_key"):
        box = html.split(f'data-path="pg_account.toss_keys.{key}"', 1)[1].split('<div class="field', 1)[0]
        assert '<span class="warnmsg">' in box and "테스트용 인증키" in box, key
    form = record_form(sample("toss-test-keys"))
    got = client.post("/api/validate", data=form).get_json()["fields"]
    assert [m["code"] for m in got["pg_account.toss_keys.api_key"]] == ["TOSS_TEST_KEY"]


def test_rows_read_but_unsure_are_not_blamed_on_the_photo() -> None:
    from pgdocs.web.model import verify_view

    rows = {r["name"]: r for r in verify_view({"fields": {
        "representative": {"status": "unreadable", "declared": "김하눌", "found": "김하늘", "evidence": "ocr"},
        "opening_date": {"status": "unreadable", "declared": "2020-01-02", "found": None, "evidence": "ocr"},
        "business_number": {"status": "unreadable", "declared": "1", "found": "1", "evidence": "tamper"}}})}
    assert "300 dpi" not in rows["representative"]["fix"] and "사업자 정보에서 고치기" in rows["representative"]["fix"]
    assert rows["representative"]["fix_field"] == "f-business-representative"
    assert "300 dpi" in rows["opening_date"]["fix"] and rows["opening_date"]["fix_field"] is None
    assert "고친 것처럼" in rows["business_number"]["fix"] and rows["business_number"]["fix_field"] is None


def test_an_expiry_found_by_the_field_check_is_said_and_the_typing_kept(tmp_path: Path) -> None:
    """Issue 13 item 9: the page's check on leaving a field is the first request after the idle limit — it says
    so, and the save that follows keeps what was typed and asks only for step 1 (no unexplained step-1 error)."""
    import time

    from pgdocs.web import create_app

    idle = create_app({"UPLOAD_ROOT": tmp_path / "u", "UPLOAD_TTL_SECONDS": 1, "SWEEP_SECONDS": 0})
    c = idle.test_client()
    fill(c)
    time.sleep(1.2)
    idle.extensions["pgdocs"].store.sweep(force=True)
    form = record_form(sample(NICE))
    got = c.post("/api/validate", data=form).get_json()
    assert got["expired"] is True and "지웠습니다" in got["message"]
    resp = c.post("/info", data=form)
    assert resp.status_code == 303 and "expired=kept" in resp.headers["Location"]
    page = text(c.get(resp.headers["Location"]))
    assert 'id="expired"' in page and "다시 넣어 두었습니다" in page
    assert c.get("/info").get_data(as_text=True).count('value="하늘공방"') == 1
    idle.extensions["pgdocs"].close()


def test_nothing_is_chosen_for_the_merchant_on_step_one(client: FlaskClient) -> None:  # noqa: F811
    """A fresh page (or one after the idle limit) does not show KG이니시스 as if chosen."""
    html = text(client.get("/"))
    for name in ("pg", "business.entity"):
        select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        first = re.search(r"<option[^>]*>([^<]*)", select)
        assert first is not None and first.group(1) == "골라 주세요" and 'value="" selected' in select, name
    fill(client)
    assert '<option value="" selected>골라 주세요' not in text(client.get("/"))  # once chosen, no placeholder


def test_the_size_limit_is_said_as_configured(tmp_path: Path) -> None:
    from pgdocs.web import create_app

    small = create_app({"UPLOAD_ROOT": tmp_path / "u", "MAX_CONTENT_LENGTH": 300 * 1024})
    c = small.test_client()
    html = text(c.get("/docs"))
    assert "300 KB까지" in html and 'data-max-text="300 KB"' in html and "20 MB" not in html
    small.extensions["pgdocs"].close()
