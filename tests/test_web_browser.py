"""End to end in headless Chromium (Debian's, via Playwright): a merchant from nothing to a packet.

The server is the real one (waitress, as ``pgdocs serve`` runs it) on 127.0.0.1 and a free port.
Every page a journey reaches is checked by axe-core (pinned in package.json, installed by ``make setup``
with ``npm ci``): no violation at all, at desktop and phone width.
Screenshots go to a temporary folder, or to ``docs/screenshots/`` with ``PGDOCS_SCREENSHOTS=1``
(how the README's pictures are made).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pgdocs.jsonio import JSONObject
from report_read import obj, text_at
from web_helpers import REPO, SAMPLES, TODAY, WaitressServer, record_form, sample

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.tesseract]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--lang=ko-KR"]
NICE = "nicepay-individual-within-1y"
CORP = "nicepay-corporation-over-1y"  #: post only, with the corporation's extra documents
OCR_TIMEOUT_MS = 240_000
MAX_SHOT_BYTES = 280 * 1024
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  #: package-lock.json pins the version (MPL-2.0)


def _need_browser() -> None:
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} 가 없습니다 (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright 파이썬 패키지가 없습니다"
    if problem is None and not AXE.exists():
        problem = f"{AXE} 가 없습니다 (make setup 이 npm ci 로 설치합니다)"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI에서는 브라우저 테스트를 건너뛸 수 없습니다: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_browser()
    import waitress.server

    from pgdocs.web import create_app

    app = create_app({"TODAY": TODAY, "UPLOAD_ROOT": tmp_path_factory.mktemp("uploads"), "POLL_SECONDS": 1})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv: WaitressServer = waitress.server.create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    # Close from the server loop's own thread: closing from here races its select() (EBADF in that thread).
    srv.trigger.pull_trigger(srv.close)
    thread.join(5)
    srv.task_dispatcher.shutdown()
    app.extensions["pgdocs"].close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("PGDOCS_SCREENSHOTS") == "1":
        out = REPO / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("screenshots")


def shot(page: Page, folder: Path, name: str, *, full_page: bool = True) -> Path:
    """A PNG screenshot, palette-reduced when it would be over ~280 KB (README pictures stay small)."""
    from PIL import Image

    path = folder / name
    page.screenshot(path=str(path), full_page=full_page)
    if path.stat().st_size > MAX_SHOT_BYTES:
        with Image.open(path) as im:
            small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)
    if path.stat().st_size > MAX_SHOT_BYTES:
        with Image.open(path) as im:
            im.thumbnail((im.width * 3 // 4, im.height * 3 // 4))
            im.save(path, optimize=True)
    return path


def axe_clean(page: Page, where: str, *, javascript: bool = True) -> None:
    """axe-core on the page as it is now: every rule axe runs by default (WCAG 2 A/AA and best practices), and
    no violation of any impact. Injected through the driver, so the page's own CSP is not loosened for it."""
    if not javascript:
        # axe needs timers and promises, which a JavaScript-disabled context never runs: check the same page, as
        # the server serves it to this session, in a JavaScript-enabled twin of the context.
        browser = page.context.browser
        assert browser is not None
        twin = browser.new_context(storage_state=page.context.storage_state(), locale="ko-KR")
        try:
            other = twin.new_page()
            other.goto(page.url)
            axe_clean(other, where)
        finally:
            twin.close()
        return
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        # a click on a link returns before the next page has replaced this one: axe run on the document being torn
        # down reads a null documentElement (CI, 2026-12-06). Wait for the page that is loading, and run axe on it
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.evaluate(AXE.read_text(encoding="utf-8"))
            found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)""")
            break
        except PlaywrightError as err:
            if attempt == 2 or not any(s in str(err) for s in ("documentElement", "context was destroyed")):
                raise
            page.wait_for_timeout(200)
    assert found == [], f"axe on {where} ({page.url}): {found}"


def fill_record(page: Page, data: JSONObject) -> None:
    from pgdocs.web.fields import RECORD_FIELDS

    values = record_form(data)
    for f in RECORD_FIELDS:
        v = values.get(f.path)
        if v is None:
            continue
        sel = f"[name='{f.path}']"
        if f.kind == "checks":
            for box in page.locator(sel).all():
                box.set_checked(box.get_attribute("value") in v)
        elif f.kind == "select":
            assert isinstance(v, str), v
            page.select_option(sel, v)
        else:
            assert isinstance(v, str), v
            page.fill(sel, v)


def choose_situation(page: Page, data: JSONObject) -> None:
    acct = obj(data, "pg_account")
    page.select_option("[name='pg']", text_at(data, "pg"))
    page.select_option("[name='business.entity']", text_at(data, "business", "entity"))
    page.select_option("[name='pg_account.already_on_imweb']", "true" if acct["already_on_imweb"] else "false")
    page.fill("[name='pg_account.contract_date']", text_at(acct, "contract_date"))
    page.click("text=절차 보기")


def upload_and_wait(page: Page, doc_id: str, file: Path, *, spinner_shot: Path | None = None) -> str:
    form = page.locator(f"form:has(input[name='doc_id'][value='{doc_id}'])")
    form.locator("input[type=file]").set_input_files(str(file))
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/jobs/"))
    if spinner_shot is not None and page.locator(".spinner").is_visible():  # OCR takes seconds: usually seen
        shot(page, spinner_shot.parent, spinner_shot.name, full_page=False)
    page.locator("#verdict").wait_for(timeout=OCR_TIMEOUT_MS)
    return str(page.inner_text("#verdict"))


def test_merchant_goes_from_nothing_to_a_checked_packet(server: str, browser: Browser, shots: Path,
                                                        tmp_path: Path) -> None:
    from playwright.sync_api import expect
    from pypdf import PdfReader

    data = sample(CORP)
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True, locale="ko-KR")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = ctx.new_page()
    try:
        # 1. 어떤 PG를 쓰시나요?
        page.goto(server + "/")
        choose_situation(page, data)
        page.locator("#plan").wait_for()
        plan = page.inner_text("#plan")
        assert "1년 초과" in plan and "법인등기부등본" in plan and "예상 완료" in plan and "04117" in plan
        axe_clean(page, "1 어떤 PG를 쓰시나요? + 절차")
        shot(page, shots, "01-plan.png")

        # 2. 사업자 정보, checked as each field is left
        page.click("text=다음: 사업자 정보")
        fill_record(page, data)
        brn = page.locator(".field[data-path='business.business_number']")
        number = text_at(data, "business", "business_number")
        page.fill("[name='business.business_number']", number[:-1] + str((int(number[-1]) + 1) % 10))
        page.press("[name='business.business_number']", "Tab")
        brn.locator(".msg .err").wait_for()
        assert "검증번호" in brn.inner_text()
        assert "invalid" in (brn.get_attribute("class") or "")
        axe_clean(page, "2 사업자 정보, a field in red")
        page.locator("fieldset.group").first.screenshot(path=str(shots / "02-info-check.png"))
        page.fill("[name='business.business_number']", text_at(data, "business", "business_number"))
        page.press("[name='business.business_number']", "Tab")
        expect(brn.locator(".msg")).to_have_text("")
        expect(brn).not_to_have_class(re.compile("invalid"))
        page.click("text=저장하고 확인")
        page.locator("#done").wait_for()
        axe_clean(page, "2 사업자 정보, saved")

        # 3. 서류 올리기: the sample's own certificate passes
        page.goto(server + "/docs")
        axe_clean(page, "3 서류 올리기")
        verdict = upload_and_wait(page, "business_registration", SAMPLES / CORP / "사업자등록증.png",
                                  spinner_shot=shots / "03-checking.png")
        assert verdict == "통과", page.inner_text("#job")
        rows = page.locator("table.fields tbody tr")
        assert rows.count() >= 5
        assert page.locator("table.fields tr.mismatch").count() == 0
        assert page.locator("tr[data-field='business_number'] .status").inner_text() == "일치"
        assert page.locator("figure.annotated img").evaluate("img => img.naturalWidth") > 100
        axe_clean(page, "대조 결과: 통과")
        shot(page, shots, "03-verify-pass.png")
        page.goto(server + "/docs")
        upload_and_wait(page, "bankbook", SAMPLES / CORP / "통장사본.png")
        page.goto(server + "/docs")
        for doc_id in ("seal_certificate", "corporate_register", "customer_due_diligence", "beneficial_owner"):
            form = page.locator(f"form:has(input[name='doc_id'][value='{doc_id}'])")
            form.locator("input[type=file]").set_input_files(str(SAMPLES / CORP / text_at(data, "documents", doc_id)))
            form.locator("button[type=submit]").click()
            page.wait_for_url(re.compile(rf"/docs\?ok={doc_id}$"))
        assert page.locator("ul.uploads .tag", has_text="올림").count() == 6
        axe_clean(page, "3 서류 올리기, all uploaded")
        shot(page, shots, "04-docs.png")

        # 4. 받기: packet with labels from position 3; the chat message copied
        page.goto(server + "/get")
        axe_clean(page, "4 받기")
        assert page.is_checked("[name='check']")  # the packet checks the certificate and bank book again
        page.select_option("form[action='/packet'] [name='sheet']", "LS-3108")
        page.fill("form[action='/packet'] [name='start']", "3")
        page.click("#build-packet")
        page.locator("text=packet.zip 받기").wait_for(timeout=OCR_TIMEOUT_MS)
        summary = page.inner_text("#job")
        assert "사업자등록증 사본 대조: 통과" in summary and "통장 사본 대조: 통과" in summary, summary
        pages = int(re.search(r"packet\.pdf (\d+)쪽", summary).group(1))  # type: ignore[union-attr]
        axe_clean(page, "제출 묶음을 만들었습니다")
        shot(page, shots, "05-packet.png")
        with page.expect_download() as dl:
            page.click("text=packet.zip 받기")
        zpath = tmp_path / "packet.zip"
        dl.value.save_as(zpath)
        with zipfile.ZipFile(zpath) as zf:
            names = set(zf.namelist())
            assert {"전체 묶음 (인쇄용).pdf", "주소 라벨.pdf", "manifest.json"} <= names
            assert not any(n.endswith(".eml") for n in names)  # post: no e-mail draft
            pdf = PdfReader(io.BytesIO(zf.read("전체 묶음 (인쇄용).pdf")))
            assert len(pdf.pages) == pages >= 3
            labels = PdfReader(io.BytesIO(zf.read("주소 라벨.pdf")))
            assert "나이스페이먼츠" in labels.pages[0].extract_text()
            assert len(pdf.outline) >= 6  # one bookmark per document

        page.goto(server + "/get")
        chat = page.input_value("#chat")
        assert "나이스페이 아이디 추가 문의" in chat and text_at(data, "settlement_account", "number") in chat
        page.click("button.copy")
        page.locator("text=복사했습니다.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == chat
        assert page.locator("#downloads a", has_text="packet.zip").count() == 1
        axe_clean(page, "4 받기, after the packet")
        shot(page, shots, "06-get.png")

        # the same page on a phone
        phone = ctx.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(server + "/docs")
        assert phone.locator("input[type=file][capture]").count() >= 2
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        axe_clean(phone, "3 서류 올리기 at 390×844")
        shot(phone, shots, "07-phone-docs.png")
    finally:
        ctx.close()


def test_wrong_certificate_shows_the_red_field_even_without_javascript(server: str, browser: Browser,
                                                                       shots: Path, tmp_path: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=False, locale="ko-KR")
    page = ctx.new_page()
    try:
        page.goto(server + "/")
        choose_situation(page, sample(NICE))
        page.goto(server + "/info")
        record = tmp_path / "record.json"
        shutil.copy(SAMPLES / NICE / "record.json", record)
        page.locator("details.upload-json summary").click()
        page.set_input_files("input[name='record']", str(record))
        page.click("text=JSON 불러오기")
        assert page.input_value("[name='business.business_name']") == "하늘공방"

        page.goto(server + "/docs")
        other = SAMPLES / "inicis-individual" / "사업자등록증.png"  # another merchant's certificate
        verdict = upload_and_wait(page, "business_registration", other)  # the page refreshes itself (meta)
        assert verdict == "불일치"
        row = page.locator("tr[data-field='business_number']")
        assert "mismatch" in (row.get_attribute("class") or "")
        status = row.locator(".status")
        assert status.inner_text() == "불일치"
        assert status.evaluate("e => getComputedStyle(e).color") == "rgb(210, 30, 30)"
        assert "입력한 값과 다릅니다" in row.inner_text()
        axe_clean(page, "대조 결과: 불일치, without JavaScript", javascript=False)
        shot(page, shots, "08-verify-mismatch.png")
    finally:
        ctx.close()


def test_a_wrong_number_gets_the_focus_and_unsaved_typing_is_guarded(server: str, browser: Browser) -> None:
    """Issue 13 items 5 and 11: after a refused save the first field to fix has the focus (not the top of the
    page); typing and then leaving asks first."""
    data = sample(NICE)
    obj(data, "business")["business_number"] = "123-45-67892"  # a wrong check digit
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR")
    page = ctx.new_page()
    try:
        page.goto(server + "/")
        choose_situation(page, data)
        page.goto(server + "/info")
        fill_record(page, data)
        page.click("text=저장하고 확인")
        page.wait_for_load_state()
        assert page.evaluate("document.activeElement && document.activeElement.name") == "business.business_number"
        axe_clean(page, "2 사업자 정보 at 390×844, refused save")
        page.fill("[name='business.business_name']", "고친 이름")
        with page.expect_event("dialog") as info:
            page.close(run_before_unload=True)
        assert info.value.type == "beforeunload"
        info.value.accept()
    finally:
        ctx.close()


def test_keyboard_and_phone_a_bank_book_as_the_certificate_then_the_right_one(server: str, browser: Browser,
                                                                             shots: Path) -> None:
    """Issue 13 (Done when): keyboard only from the skip link; at 390×844 a bank book uploaded as the
    사업자등록증 is refused in plain words and kept out of the packet; the right file then passes, and its result
    rows keep their column names (입력한 값 / 서류에서 읽은 값) with the header row hidden. axe on every page."""
    data = sample(NICE)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ko-KR", has_touch=True)
    page = ctx.new_page()
    try:
        page.goto(server + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "본문으로 건너뛰기"
        assert page.locator("a.skip").is_visible()  # shown when it has the focus
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")  # the first control of step 1, reached without the mouse
        assert page.evaluate("document.activeElement.name") == "pg"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "business.entity"
        axe_clean(page, "1 어떤 PG를 쓰시나요? at 390×844")
        choose_situation(page, data)
        page.locator("#plan").wait_for()
        axe_clean(page, "절차 at 390×844")
        page.goto(server + "/info")
        fill_record(page, data)
        page.click("text=저장하고 확인")
        page.locator("#done").wait_for()

        page.goto(server + "/docs")
        upload = page.locator("form:has(input[name='doc_id'][value='business_registration'])")
        upload.locator("input[type=file]").set_input_files(str(SAMPLES / NICE / "통장사본.png"))
        upload.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/jobs/"))
        page.locator("#wrong-kind").wait_for(timeout=OCR_TIMEOUT_MS)
        said = page.inner_text("#job")
        assert "이 파일은 사업자등록증 사본이 아닌 것 같습니다" in said and "통장 사본으로 보입니다" in said, said
        assert "제출 묶음에 넣지 않았습니다" in said
        axe_clean(page, "다른 서류 at 390×844")
        shot(page, shots, "09-phone-wrong-kind.png", full_page=False)
        page.click("text=다른 파일 올리기")
        slot = page.locator("#doc-business_registration")
        assert "다른 서류라 빼 두었습니다" in slot.inner_text()

        verdict = upload_and_wait(page, "business_registration", SAMPLES / NICE / "사업자등록증.png")
        assert verdict == "통과", page.inner_text("#job")
        head = page.locator("table.fields thead")
        assert not head.is_visible() or ((box := head.bounding_box()) is not None and box["height"] <= 1)
        cell = page.locator("tr[data-field='business_number'] td").first
        before = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert before == '"입력한 값: "', before
        found = page.locator("tr[data-field='business_number'] td").nth(1)
        assert found.evaluate("td => getComputedStyle(td, '::before').content") == '"서류에서 읽은 값: "'
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        axe_clean(page, "대조 결과 at 390×844")
        shot(page, shots, "10-phone-verify.png", full_page=False)
        page.goto(server + "/docs")
        assert "다른 서류라 빼 두었습니다" not in page.inner_text("#doc-business_registration")
        page.goto(server + "/get")
        axe_clean(page, "4 받기 at 390×844")
    finally:
        ctx.close()
