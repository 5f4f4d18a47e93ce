# ruff: noqa: F811 - the fixtures imported from test_web_browser are parameters of the tests
"""More merchant journeys in headless Chromium (issue 13, Done when): NicePay within one year by e-mail, KG이니시스,
토스페이먼츠, an oversized file, idle expiry, a wrong certificate result fixed and checked again. axe-core on every
page each journey reaches; downloads read back.

Same server, browser and axe as tests/test_web_browser.py (imported from there); the idle journey runs its own
server with a short idle limit. Screenshots are numbered from 11 (test_web_browser.py has 01–10). Every merchant is
fictional (samples/).
"""

from __future__ import annotations

import email
import io
import re
import socket
import threading
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pgdocs.jsonio import JSONObject
from report_read import obj, text_at
from test_web_browser import (  # noqa: F401 - fixtures
    NICE,
    OCR_TIMEOUT_MS,
    _need_browser,
    axe_clean,
    browser,
    choose_situation,
    fill_record,
    server,
    shot,
    shots,
    upload_and_wait,
)
from web_helpers import SAMPLES, TODAY, WaitressServer, sample

if TYPE_CHECKING:
    from flask import Flask
    from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.tesseract,
              pytest.mark.xdist_group("web_journeys")]  # one server and browser for the module, in one worker

INICIS = "inicis-individual"
TOSS = "toss-test-keys"
RED = "rgb(210, 30, 30)"  #: the page's error colour (style.css --red)
DESKTOP: ViewportSize = {"width": 1100, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
SAVE = "#record-form button[type=submit]"  #: 저장하고 확인 (the expiry notice names the button too: not by text)


@contextmanager
def serve(config: Mapping[str, object]) -> Iterator[tuple[str, Flask]]:
    """The real server (waitress, as ``pgdocs serve`` runs it) with ``config``, on a free port: (url, app)."""
    import waitress.server

    from pgdocs.web import create_app

    app = create_app({"TODAY": TODAY, "POLL_SECONDS": 1, **config})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv: WaitressServer = waitress.server.create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        srv.trigger.pull_trigger(srv.close)  # from the server loop's own thread (see test_web_browser.server)
        thread.join(5)
        srv.task_dispatcher.shutdown()
        app.extensions["pgdocs"].close()


def situation(slug: str) -> JSONObject:
    data = sample(slug)
    obj(data, "pg_account").setdefault("contract_date", "")  # the date field left empty: the PG's rule needs none
    return data


def new_page(chromium: Browser, origin: str, viewport: ViewportSize) -> tuple[BrowserContext, Page]:
    ctx = chromium.new_context(viewport=viewport, accept_downloads=True, locale="ko-KR",
                               has_touch=viewport["width"] < 600)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    return ctx, ctx.new_page()


def save_info(page: Page) -> None:
    page.click(SAVE)
    page.locator("#done").wait_for()


def leave_field(page: Page, path: str) -> Locator:
    """Tab out of a field as a merchant does; wait for the page's check of it; the field's box."""
    from playwright.sync_api import expect

    page.evaluate("document.getElementById('record-form').removeAttribute('data-checked')")
    field = page.locator(f"[name='{path}']")
    if field.get_attribute("type") == "date":
        field.evaluate("e => e.blur()")  # Tab walks the date's own parts (year, month, day) first
    else:
        field.press("Tab")
    expect(page.locator("#record-form")).to_have_attribute("data-checked", path)
    return page.locator(f".field[data-path='{path}']")


def copies(page: Page, textarea: str) -> str:
    """Press the copy button of ``textarea``; what the clipboard then holds (it must be the textarea's text)."""
    value = str(page.input_value(textarea))
    button = page.locator(f"button.copy[data-copy='{textarea}']")
    assert button.is_visible()
    button.click()
    page.locator(f"p:has(button[data-copy='{textarea}']) .copied", has_text="복사했습니다.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == value
    return value


# -- 1. NicePay, individual, within the first contract year, by e-mail -------------------------------------------
def test_nicepay_within_one_year_by_email_gives_what_webmail_needs(server: str, browser: Browser, shots: Path,
                                                                   tmp_path: Path) -> None:
    """Steps 1–4; the packet built for e-mail: the draft .eml addressed to NicePay with the documents attached,
    and on 받기 the address, subject and body to paste into any webmail — the same as in the draft."""
    data = situation(NICE)
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        page.goto(server + "/")
        axe_clean(page, "1 어떤 PG를 쓰시나요?")
        choose_situation(page, data)
        plan = page.locator("#plan")
        plan.wait_for()
        assert "1년 이내" in plan.inner_text() and "이메일" in plan.inner_text()
        assert "pghelp@nicepay.co.kr" in plan.inner_text()
        axe_clean(page, "절차: 나이스페이 1년 이내")

        page.click("text=다음: 사업자 정보")
        fill_record(page, data)
        save_info(page)
        axe_clean(page, "2 사업자 정보, saved")

        page.click("text=다음: 서류 올리기")
        axe_clean(page, "3 서류 올리기")
        assert upload_and_wait(page, "business_registration", SAMPLES / NICE / "사업자등록증.png") == "통과"
        axe_clean(page, "대조 결과: 사업자등록증")
        page.goto(server + "/docs")
        assert upload_and_wait(page, "bankbook", SAMPLES / NICE / "통장사본.png") == "통과"
        axe_clean(page, "대조 결과: 통장 사본")

        # 4. 받기: the e-mail to paste, before anything is built
        page.goto(server + "/get")
        axe_clean(page, "4 받기")
        mail = copies(page, "#nicepay-email")
        to = re.search(r"^받는 사람: (\S+@\S+)$", mail, re.M)
        subject = re.search(r"^제목: (.+)$", mail, re.M)
        assert to and subject, mail
        assert to.group(1) == "pghelp@nicepay.co.kr"
        assert "하늘공방" in subject.group(1) and "214-12-34567" in subject.group(1)  # the number formatted
        assert "기존 상점 ID(MID): hanulcr01m" in mail and "https://haneul-craft.imweb.me" in mail
        shot(page, shots, "11-email-get.png")

        page.select_option("#channel", "email")
        assert page.is_checked("form[action='/packet'] [name='check']")
        page.click("#build-packet")
        page.locator("text=packet.zip 받기").wait_for(timeout=OCR_TIMEOUT_MS)
        job = page.inner_text("#job")
        assert "이메일 제출" in job, job
        assert "사업자등록증 사본 대조: 통과" in job and "통장 사본 대조: 통과" in job, job
        assert "받는 주소·제목·본문" in job and "첨부" in job  # how to send it from any webmail, in words
        axe_clean(page, "제출 묶음을 만들었습니다 (이메일)")
        shot(page, shots, "12-email-packet.png")

        with page.expect_download() as dl:
            page.click("text=submission.eml")
        eml = tmp_path / "submission.eml"
        dl.value.save_as(eml)
        msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        assert msg["To"].addresses[0].addr_spec == to.group(1)
        assert str(msg["Subject"]) == subject.group(1)  # the page gives what the draft says
        body = msg.get_body(("plain",))
        assert body is not None and "hanulcr01m" in body.get_content()
        attachments = {str(p.get_filename()): p.get_content() for p in msg.iter_attachments()}
        wanted = {"아이디 추가 신청서.pdf", "통장 사본.pdf", "사업자등록증 사본.pdf"}
        assert set(attachments) >= wanted, set(attachments)
        from pypdf import PdfReader

        for name, content in attachments.items():
            assert len(PdfReader(io.BytesIO(content)).pages) >= 1, name
        form = PdfReader(io.BytesIO(attachments["아이디 추가 신청서.pdf"]))
        assert "214-12-34567" in form.pages[0].extract_text()

        with page.expect_download() as dl:
            page.click("text=packet.zip 받기")
        zpath = tmp_path / "packet.zip"
        dl.value.save_as(zpath)
        with zipfile.ZipFile(zpath) as zf:
            assert {"전체 묶음 (인쇄용).pdf", "이메일 초안.eml"} <= set(zf.namelist()), zf.namelist()
            assert zf.read("이메일 초안.eml") == eml.read_bytes()

        page.goto(server + "/get")
        assert page.locator("#downloads a", has_text="submission.eml").count() == 1
        chat = page.input_value("#chat")
        assert "(사업자등록증.png)" in chat, chat  # the file as the merchant chose it, not the page's stored name
        axe_clean(page, "4 받기, after the e-mail packet")

        # the sealed form, printed, stamped and scanned, goes into the packet and the e-mail draft in its place
        from packet_helpers import document_image

        scan = document_image(tmp_path / "신청서_날인.jpg", ["NICE페이먼츠 ID추가 신청서 (가상)", "신청인 김하늘 (인)"])
        signed = page.locator("#signed")
        signed.locator("#file-signed").set_input_files(str(scan))
        signed.locator("#upload-signed").click()
        page.locator("text=packet.zip 받기").wait_for(timeout=OCR_TIMEOUT_MS)
        assert "인감을 찍은 신청서가 들어 있습니다" in page.inner_text("#job")
        axe_clean(page, "제출 묶음을 다시 만들었습니다 (날인본)")
        with page.expect_download() as dl:
            page.click("text=submission.eml")
        again = email.message_from_bytes(Path(dl.value.path()).read_bytes(), policy=policy.default)
        assert str(again["Subject"]) == subject.group(1)
        forms = {str(p.get_filename()): p.get_content() for p in again.iter_attachments()
                 if "신청서" in str(p.get_filename())}
        assert list(forms) == ["아이디 추가 신청서.pdf"], list(forms)
        scanned = PdfReader(io.BytesIO(forms["아이디 추가 신청서.pdf"])).pages[0]
        assert len(scanned.images) == 1 and "214-12-34567" not in (scanned.extract_text() or "")  # the scan
        page.goto(server + "/get")
        assert page.locator("#signed-ok").count() == 1
        axe_clean(page, "4 받기, with the sealed form")
    finally:
        ctx.close()


# -- 2. KG이니시스 ---------------------------------------------------------------------------------------------
def test_inicis_star_address_is_a_tip_and_the_form_values_are_on_the_page(server: str, browser: Browser,
                                                                          shots: Path) -> None:
    """The site address typed as the Inicis form wants it (``*shop.imweb.me``) is not red; 받기 has the values for
    the Inicis form (URL with *, 호스팅정보 *아임웹, 요청내용) with a copy button, and both chat messages."""
    data = situation(INICIS)
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        page.goto(server + "/")
        choose_situation(page, data)
        page.locator("#plan").wait_for()
        assert "KG이니시스" in page.inner_text("#plan")
        axe_clean(page, "절차: KG이니시스")
        page.goto(server + "/info")
        fill_record(page, data)
        page.fill("[name='site_url']", "*sol-bakery.imweb.me")
        box = leave_field(page, "site_url")
        assert "invalid" not in (box.get_attribute("class") or "")
        assert box.locator(".err").count() == 0
        tip = box.locator(".tip")
        assert "*sol-bakery.imweb.me" in tip.inner_text()
        assert tip.evaluate("e => getComputedStyle(e).color") != RED
        axe_clean(page, "2 사업자 정보, the Inicis tip")
        box.screenshot(path=str(shots / "13-inicis-tip.png"))
        save_info(page)
        box = page.locator(".field[data-path='site_url']")  # after the save, the same: a tip, not an error
        assert "invalid" not in (box.get_attribute("class") or "") and box.locator(".tip").count() == 1
        assert page.input_value("[name='site_url']") == "*sol-bakery.imweb.me"
        axe_clean(page, "2 사업자 정보, saved with *")

        page.goto(server + "/docs")  # the chat message attaches the certificate: upload it
        assert upload_and_wait(page, "business_registration", SAMPLES / INICIS / "사업자등록증.png") == "통과"

        page.goto(server + "/get")
        axe_clean(page, "4 받기: KG이니시스")
        values = copies(page, "#inicis-form")
        assert re.search(r"^URL: \*sol-bakery\.imweb\.me$", values, re.M), values
        assert re.search(r"^호스팅정보: \*아임웹$", values, re.M), values
        assert re.search(r"^요청내용: \S.+$", values, re.M), values
        assert "신청: 그외 호스팅 ID" in values and "지불수단: 신용카드, 계좌이체" in values
        chat = page.input_value("#chat")
        assert "KG이니시스 아이디 추가 문의" in chat and "110-123-456789" in chat and "sol-bakery.imweb.me" in chat
        assert page.locator("button.copy[data-copy='#chat']").is_visible()
        assert "발급" in page.input_value("#chat-issued")  # the second message, for after the MID arrives
        assert page.locator("h3", has_text="새 MID를 받은 뒤").count() == 1
        shot(page, shots, "14-inicis-get.png")
    finally:
        ctx.close()


# -- 3. 토스페이먼츠 --------------------------------------------------------------------------------------------
TOSS_KEY_FIELDS = ("pg_account.toss_keys.mid", "pg_account.toss_keys.mert_key", "pg_account.toss_keys.api_key",
                   "pg_account.toss_keys.client_key")
DOCS_SECRET_KEY = "test_sk_docs_OaPz8L5KdmQXkzRz3y47BMw6"  # noqa: S105 - the shape of Toss's public docs keys


def test_toss_keys_only_for_toss_and_the_key_text_on_get(server: str, browser: Browser, shots: Path) -> None:
    """The key fields are asked only of a Toss merchant; a public documentation key is refused beside its field;
    받기 gives the key block to send, with the test-key note."""
    data = situation(TOSS)
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        page.goto(server + "/")
        choose_situation(page, situation(NICE))
        page.goto(server + "/info")
        assert page.locator("[name^='pg_account.toss_keys']").count() == 0
        assert page.locator("legend", has_text="토스페이먼츠").count() == 0

        page.goto(server + "/")
        choose_situation(page, data)
        page.locator("#plan").wait_for()
        assert "토스페이먼츠" in page.inner_text("#plan")
        axe_clean(page, "절차: 토스페이먼츠")
        page.goto(server + "/info")
        for path in TOSS_KEY_FIELDS:
            assert page.locator(f"[name='{path}']").is_visible(), path
        fill_record(page, data)
        page.fill("[name='pg_account.toss_keys.api_key']", DOCS_SECRET_KEY)
        box = leave_field(page, "pg_account.toss_keys.api_key")
        assert "invalid" in (box.get_attribute("class") or "")
        assert "예시 키" in box.locator(".err").inner_text()
        axe_clean(page, "2 사업자 정보, a documentation key in red")
        shot(page, shots, "15-toss-docs-key.png", full_page=False)

        key = text_at(data, "pg_account", "toss_keys", "api_key")
        page.fill("[name='pg_account.toss_keys.api_key']", key)
        box = leave_field(page, "pg_account.toss_keys.api_key")
        assert "invalid" not in (box.get_attribute("class") or "") and box.locator(".err").count() == 0
        save_info(page)
        axe_clean(page, "2 사업자 정보, saved with test keys")

        page.goto(server + "/get")
        axe_clean(page, "4 받기: 토스페이먼츠")
        keys = copies(page, "#toss-keys")
        for line in ("MID: im_tokkimkt", "mertKey: PGDOCS-SAMPLE-MERTKEY-0001", f"apiKey: {key}",
                     f"clientKey: {text_at(data, 'pg_account', 'toss_keys', 'client_key')}"):
            assert re.search(rf"^{re.escape(line)}$", keys, re.M), (line, keys)
        assert "테스트용 인증키" in keys  # the note that live keys must follow
        shot(page, shots, "16-toss-get.png")
    finally:
        ctx.close()


def test_a_toss_test_key_is_a_warning_beside_the_key_field(server: str, browser: Browser) -> None:
    """The test-key finding is about the key group: shown beside the key fields as a warning, never in red."""
    data = situation(TOSS)
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        page.goto(server + "/")
        choose_situation(page, data)
        page.goto(server + "/info")
        fill_record(page, data)
        leave_field(page, "pg_account.toss_keys.api_key")
        # said as the merchant leaves a key field (the page's check has answered: no waiting here)
        keys = page.locator(".field[data-path^='pg_account.toss_keys.']")
        assert keys.locator(".warnmsg", has_text="테스트용 인증키").count() >= 1, keys.all_inner_texts()
        save_info(page)
        said = page.locator(".warnmsg", has_text="테스트용 인증키")
        assert said.count() >= 1
        assert said.first.evaluate("e => e.closest('.field') && e.closest('.field').dataset.path || ''") \
            .startswith("pg_account.toss_keys.")
        assert page.locator(".err", has_text="테스트용 인증키").count() == 0  # a warning, never red
        axe_clean(page, "2 사업자 정보, test keys saved")
    finally:
        ctx.close()


# -- 4. an oversized file -------------------------------------------------------------------------------------
def test_an_oversized_photo_is_refused_before_sending_and_on_the_server(server: str, browser: Browser, shots: Path,
                                                                        tmp_path: Path) -> None:
    """At 390×844: a photo over the limit (20 MB) is refused in the page without sending it; sent anyway (a form
    submitted past the page's script), the server answers on the 서류 올리기 step, with its forms, in Korean. The
    same for the sealed application form on 받기."""
    from playwright.sync_api import expect

    from web_helpers import small_png

    big = tmp_path / "통장사본.png"
    with big.open("wb") as f:  # a PNG header and 21 MB after it: the size is what is refused, not the content
        f.write(small_png())
        f.truncate(21 * 1024 * 1024)
    ctx, page = new_page(browser, server, PHONE)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    try:
        page.goto(server + "/")
        data = situation(NICE)
        choose_situation(page, data)
        page.goto(server + "/info")
        fill_record(page, data)
        save_info(page)
        page.goto(server + "/docs")
        axe_clean(page, "3 서류 올리기 at 390×844")
        slot = page.locator("form:has(input[name='doc_id'][value='bankbook'])")
        slot.locator("input[type=file]").set_input_files(str(big))
        posts.clear()
        slot.locator("button[type=submit]").click()
        said = slot.locator(".size-msg")
        expect(said).to_have_text(re.compile(r"파일이 너무 큽니다 \(최대 20 MB\)"))
        assert said.get_attribute("role") == "alert"
        assert posts == [] and page.url == server + "/docs"  # nothing was sent
        assert slot.locator("button[type=submit]").is_enabled()  # and the form is not stuck "보내는 중…"
        axe_clean(page, "too large, refused in the page at 390×844")
        shot(page, shots, "17-phone-too-large.png", full_page=False)

        with page.expect_navigation() as nav:
            slot.evaluate("f => f.submit()")  # past the page's check, as a browser without the script would
        assert nav.value.status == 413
        assert page.url == server + "/docs"
        assert page.locator("h1").inner_text() == "3. 서류 올리기"
        error = page.locator("#upload-error")
        assert "올리지 못했습니다: 파일이 너무 큽니다 (최대 20 MB)" in error.inner_text()
        assert "오류 코드 UPLOAD_TOO_LARGE" in error.inner_text()
        main = page.inner_text("main")
        assert "HTTP" not in main and "413" not in main and "처음으로" not in main
        assert page.locator("form input[type=file]").count() >= 2  # every slot, to try again with a smaller file
        assert page.locator("#doc-bankbook .tag").count() == 0  # nothing kept
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        axe_clean(page, "too large, refused by the server at 390×844")
        shot(page, shots, "18-phone-too-large-server.png", full_page=False)

        # the same on 받기, for the sealed application form of the e-mail route
        page.goto(server + "/get")
        signed = page.locator("#signed form")
        signed.locator("input[type=file]").set_input_files(str(big))
        posts.clear()
        signed.locator("button[type=submit]").click()
        expect(signed.locator(".size-msg")).to_have_text(re.compile(r"파일이 너무 큽니다 \(최대 20 MB\)"))
        assert posts == [] and page.url == server + "/get"
        with page.expect_navigation() as nav:
            signed.evaluate("f => f.submit()")
        assert nav.value.status == 413
        assert page.locator("h1").inner_text() == "4. 받기"
        said_text = page.locator("#signed #upload-error").inner_text()  # beside the slot it is about
        assert "파일이 너무 큽니다 (최대 20 MB)" in said_text and "HTTP" not in page.inner_text("main")
        assert page.locator("#signed input[type=file]").count() == 1
        axe_clean(page, "4 받기, the sealed form too large, at 390×844")
    finally:
        ctx.close()


# -- 5. idle expiry ---------------------------------------------------------------------------------------------
IDLE_SECONDS = 6  #: the idle limit of this journey's server; its sweeper runs every half second


@pytest.fixture(scope="module")
def idle_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _need_browser()
    root = tmp_path_factory.mktemp("idle-uploads")
    with serve({"UPLOAD_ROOT": root, "UPLOAD_TTL_SECONDS": IDLE_SECONDS, "SWEEP_SECONDS": 0.5}) as (url, _):
        yield url, root


def _sid(ctx: BrowserContext) -> str:
    return str(next(c["value"] for c in ctx.cookies() if c["name"] == "pgdocs_sid"))


def _type_and_go_away(page: Page, url: str, root: Path, data: JSONObject) -> Path:
    """Step 1, then 사업자 정보 typed but not saved; the merchant leaves the page open past the idle limit and the
    sweeper removes the session's folder. The folder (gone)."""
    page.goto(url + "/")
    choose_situation(page, data)
    page.locator("#plan").wait_for()
    page.goto(url + "/info")
    fill_record(page, data)
    page.locator("h1").click()  # leave the last field; its check is answered before the merchant goes away
    page.wait_for_load_state("networkidle")
    folder = root / _sid(page.context)
    assert (folder / "record.json").is_file()
    end = time.monotonic() + 60
    while folder.exists() and time.monotonic() < end:  # away from the page: the sweeper removes it all
        time.sleep(0.2)
    assert not folder.exists()
    return folder


def test_idle_expiry_says_what_was_removed_and_keeps_the_typing(idle_server: tuple[str, Path], browser: Browser,
                                                                 shots: Path) -> None:
    """At 390×844: the merchant types 사업자 정보 and goes away past the idle limit; the session's files are swept.
    Pressing 저장하고 확인 then says what was removed and why, keeps what was typed, and asks only for step 1."""
    from playwright.sync_api import expect

    url, root = idle_server
    data = situation(NICE)
    ctx, page = new_page(browser, url, PHONE)
    try:
        folder = _type_and_go_away(page, url, root, data)
        old = folder.name
        page.click(SAVE)
        notice = page.locator("#expired")
        notice.wait_for()
        said = notice.inner_text()
        assert "1분 동안 쓰지 않아" in said and "올린 파일과 고른 내용을 지웠습니다" in said, said
        assert "다시 넣어 두었습니다" in said and "PG사와 상황만 다시 골라 주세요" in said, said
        assert notice.get_attribute("role") == "alert"
        assert page.locator("#plan").count() == 0  # the situation is gone, as said
        axe_clean(page, "expired, typing kept, at 390×844")
        shot(page, shots, "19-phone-expired.png", full_page=False)
        assert _sid(ctx) != old  # a fresh session, holding what was typed
        assert not folder.exists()

        choose_situation(page, data)
        page.locator("#plan").wait_for()
        expect(page.locator("#expired")).to_have_count(0)  # said once, not on every page after
        page.goto(url + "/info")
        for path, value in (("business.business_name", "하늘공방"), ("business.business_number", "214-12-34567"),
                            ("settlement_account.number", "123456-01-234567"), ("manager.name", "이도윤")):
            assert page.input_value(f"[name='{path}']") == value, path
        axe_clean(page, "2 사업자 정보 after the expiry, at 390×844")
        save_info(page)
    finally:
        ctx.close()


def test_idle_expiry_is_explained_even_when_a_field_is_left_first(idle_server: tuple[str, Path],
                                                                   browser: Browser) -> None:
    """Back at the desk the merchant corrects a field first: the page's check finds the expiry and says so at once;
    저장하고 확인 then keeps the typing and asks only for step 1 (no step-1 field asked for on 사업자 정보)."""
    url, root = idle_server
    data = situation(NICE)
    ctx, page = new_page(browser, url, PHONE)
    try:
        _type_and_go_away(page, url, root, data)
        page.fill("[name='business.phone']", "02-333-1235")  # back at the desk: one more correction first
        leave_field(page, "business.phone")
        notice = page.locator("#expired")
        assert "지웠습니다" in notice.inner_text() and notice.get_attribute("role") == "alert"  # said at once
        axe_clean(page, "2 사업자 정보, the expiry found by the field check, at 390×844")
        with page.expect_navigation():
            page.click(SAVE)
        assert "expired=kept" in page.url, page.url
        assert "다시 넣어 두었습니다" in page.locator("#expired").inner_text()
        assert "사업자 유형" not in " ".join(page.locator(".errors").all_inner_texts())
        page.goto(url + "/info")
        assert page.input_value("[name='business.business_name']") == "하늘공방"
        assert page.input_value("[name='business.phone']") == "02-333-1235"
    finally:
        ctx.close()


# -- 6. a wrong certificate fixed and re-checked ---------------------------------------------------------------
WRONG_OPENING = "2021-03-12"  #: typed by mistake; the sample certificate says 2021-03-02


def _typed_wrong(page: Page, url: str, path: str, value: str) -> str:
    """Steps 1–3 with one field of 사업자 정보 typed wrong; the certificate's verdict."""
    data = situation(NICE)
    page.goto(url + "/")
    choose_situation(page, data)
    page.goto(url + "/info")
    fill_record(page, data)
    page.fill(f"[name='{path}']", value)
    save_info(page)
    page.goto(url + "/docs")
    return upload_and_wait(page, "business_registration", SAMPLES / NICE / "사업자등록증.png")


def test_a_wrong_certificate_result_is_fixed_and_checked_again(server: str, browser: Browser, shots: Path) -> None:
    """The merchant typed the 개업연월일 wrong: the certificate is 불일치 on that row only, in red, with what was
    typed and what was read and a link to the field; 받기 lists it before the build button (disabled); fixed through
    the link, step 3 marks the old result out of date, and the same file checked again passes."""
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        assert _typed_wrong(page, server, "business.opening_date", WRONG_OPENING) == "불일치"
        row = page.locator("tr[data-field='opening_date']")
        assert "mismatch" in (row.get_attribute("class") or "")
        assert row.locator(".status").evaluate("e => getComputedStyle(e).color") == RED
        assert WRONG_OPENING in row.inner_text() and "2021-03-02" in row.inner_text()
        assert "사업자 정보" in row.inner_text()  # where to fix it
        assert page.locator("table.fields tr.mismatch").count() == 1  # nothing else is blamed
        assert page.locator("#recheck-hint").count() == 1  # no need to upload again after fixing
        axe_clean(page, "대조 결과: 불일치 (개업연월일)")
        shot(page, shots, "20-verify-mismatch-date.png")
        result = page.url

        page.goto(server + "/get")  # 받기 says what stops the packet before the button, not after it
        blockers = page.locator("#blockers")
        assert "사업자등록증 사본의 내용이 입력한 사업자 정보와 다릅니다" in blockers.inner_text()
        assert page.locator("#build-packet").is_disabled()
        axe_clean(page, "4 받기 with a 불일치")

        page.goto(result)
        page.click("tr[data-field='opening_date'] a.fix")  # 사업자 정보에서 고치기
        assert page.url.endswith("/info#f-business-opening_date"), page.url
        assert page.input_value("[name='business.opening_date']") == WRONG_OPENING
        page.fill("[name='business.opening_date']", "2021-03-02")
        box = leave_field(page, "business.opening_date")
        assert "invalid" not in (box.get_attribute("class") or "")
        save_info(page)

        page.goto(server + "/docs")
        stale = page.locator("#stale-business_registration")
        assert "다시 대조하기" in stale.inner_text()  # the old 불일치 is not shown as current
        axe_clean(page, "3 서류 올리기, the check out of date")
        page.click("#recheck-business_registration")  # the same file, checked against the fixed record
        page.locator("#verdict").wait_for(timeout=OCR_TIMEOUT_MS)
        verdict = page.inner_text("#verdict")
        assert verdict == "통과", page.inner_text("#job")
        assert page.locator("tr[data-field='opening_date'] .status").inner_text() == "일치"
        axe_clean(page, "대조 결과: 고친 뒤 통과")
        page.click("text=서류 올리기로 돌아가기")
        tag = page.locator("#doc-business_registration .tag")
        assert tag.inner_text() == "올림 · 통과" and "green" in (tag.get_attribute("class") or "")
        axe_clean(page, "3 서류 올리기, checked again")
    finally:
        ctx.close()


def test_a_name_typed_one_letter_off_is_not_blamed_on_the_photo(server: str, browser: Browser) -> None:
    """김하눌 typed, 김하늘 on the certificate: 확인 필요 with compare-and-fix advice, not photo/300-dpi advice."""
    ctx, page = new_page(browser, server, DESKTOP)
    try:
        assert _typed_wrong(page, server, "business.representative", "김하눌") == "확인 필요"
        row = page.locator("tr[data-field='representative']")
        assert "김하늘" in row.inner_text()  # the certificate was read
        advice = row.locator("td").last.inner_text()
        assert "읽지 못했습니다" not in advice and "300 dpi" not in advice, advice
        assert "사업자 정보" in advice, advice  # where the typed name is checked
    finally:
        ctx.close()
