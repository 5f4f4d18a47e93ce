"""Each PG's paste-ready Korean texts, from the merchant record and the rulebook.

Which texts exist and whose they are is declared in the PGs' rulebook files (``[[texts]]``); the builders here are
found through :mod:`pgdocs.rulebook.hooks`: ``inicis-form`` (values for the MID-addition web form), ``kcp-inquiry``
(the 쇼핑몰 URL 추가 question), ``easypay-steps`` (steps, 가입비 refund, what to say on the phone), ``toss-keys``
(the key block with the test/live check) and ``nicepay-email`` (the within-one-year e-mail).
Missing fields raise :class:`~pgdocs.errors.FindingsError` naming them; rule checks become
findings shown under the text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pgdocs.errors import FindingsError, InputError
from pgdocs.findings import Finding, Severity
from pgdocs.forms.values import field_values, format_brn
from pgdocs.pglist import pg_name
from pgdocs.record import PAYMENT_METHODS, MerchantRecord, require

if TYPE_CHECKING:
    from pgdocs.ids.toss import TossKey
    from pgdocs.rulebook import PG, TextSpec

log = logging.getLogger(__name__)

def artifacts() -> dict[str, tuple[str, str]]:
    """Every text of the rulebook: id → (the PG whose text it is, its title), in the PGs' order."""
    from pgdocs.rulebook import load_rulebook

    return {t.id: (pg.id, t.title) for pg in load_rulebook().pgs.values() for t in pg.texts}


def text_spec(artifact: str) -> tuple[PG, TextSpec]:
    """The PG that declares ``artifact`` and the declaration (``TEXT_UNKNOWN`` when none does)."""
    from pgdocs.rulebook import load_rulebook

    for pg in load_rulebook().pgs.values():
        for t in pg.texts:
            if t.id == artifact:
                return pg, t
    raise InputError("TEXT_UNKNOWN",
                     f"알 수 없는 문구 종류입니다: {artifact!r} (가능한 값: {', '.join(artifacts())})")


@dataclass
class TextResult:
    artifact: str
    text: str
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"artifact": self.artifact, "text": self.text, "findings": [f.to_dict() for f in self.findings]}


def _pg(artifact: str) -> PG:
    return text_spec(artifact)[0]


def _methods(record: MerchantRecord) -> list[str]:
    return [PAYMENT_METHODS[m] for m in (record.get_texts("pg_account.payment_methods") or [])]


def _v(record: MerchantRecord, key: str) -> str:
    return field_values(record)[key][1] or ""


def inicis_form(record: MerchantRecord, out: list[Finding], today: dt.date | None = None) -> str:
    from pgdocs.ids import url as idurl

    require(record, ["site_url", "manager.name", "manager.phone", "manager.email"], purpose="이니시스 MID 추가 신청")
    form = _pg("inicis-form").form_values
    try:
        url_value = idurl.inicis_url(record.site_url or "")
    except ValueError as exc:
        raise InputError("SITE_URL_INVALID", f"신청 사이트 주소가 올바르지 않습니다: {exc}") from None
    prefix, hosting = form["url_prefix"], form["hosting_info"]
    if not url_value.startswith(prefix) or "://" in url_value:
        out.append(Finding("INICIS_URL_FORMAT", "site_url", Severity.ERROR,
                           f"URL은 {prefix}로 시작하고 http:// 가 없어야 합니다."))
    if not hosting.startswith("*"):
        out.append(Finding("INICIS_HOSTING_FORMAT", "", Severity.ERROR, "호스팅정보는 *아임웹 이어야 합니다."))
    methods = _methods(record)
    if not methods:
        out.append(Finding("INICIS_NO_METHOD", "pg_account.payment_methods", Severity.ERROR,
                           "지불수단을 하나 이상 골라야 합니다 (기존 MID와 같게).",
                           hint="가맹점 정보의 pg_account.payment_methods 에 적어 주세요."))
    cycle = record.get_text("pg_account.settlement_cycle")
    lines = [
        "[KG이니시스 가맹점관리자 > 변경/추가 > 1. 서비스 추가 및 변경 > 1.3 MID 추가 > 1.3.1 MID 추가 및 변경]",
        "■ 업무 가이드를 읽었고 해당 내용에 모두 동의합니다",
        f"신청: {form['apply_type']}",
        f"URL: {url_value}",
        f"정산주기: {cycle or '(기존 MID와 같은 주기를 선택하세요)'}",
        f"호스팅정보: {hosting}",
        f"지불수단: {', '.join(methods) if methods else '(하나 이상 선택하세요)'}",
        "지급 계좌 선택: ■ 기존과 동일한 지급계좌",
        f"  (계좌가 바뀌었다면 새 계좌 입력 후 [계좌조회]: {_v(record, 'bank')} {_v(record, 'account_number')}"
        f" 예금주 {_v(record, 'account_holder')})",
        "",
        "[신청하기]를 누른 뒤:",
        f"담당자명: {_v(record, 'manager_name')}",
        f"휴대폰번호: {_v(record, 'manager_phone')}",
        f"이메일: {_v(record, 'manager_email')}  ← 키 파일이 이 주소로 옵니다. 자주 확인하는 주소인지 보세요.",
        f"요청내용: {form['request_text']}",
    ]
    if idurl.is_test_host(record.site_url or ""):
        out.append(Finding("SITE_URL_TEST_HOST", "site_url", Severity.WARNING,
                           "개발/테스트용으로 보이는 주소입니다. 카드사 심사에서 거절될 수 있습니다."))
    return "\n".join(lines)


def kcp_inquiry(record: MerchantRecord, out: list[Finding], today: dt.date | None = None) -> str:
    from pgdocs.ids import url as idurl

    require(record, ["site_url", "manager.name", "manager.phone", "manager.email"], purpose="KCP 쇼핑몰 URL 추가 문의")
    host = idurl.host(record.site_url or "")
    b = record.business
    mid = record.get_text("pg_account.existing_mid")
    who = f"{b.business_name}(사업자등록번호 {format_brn(b.business_number)}" + (f", 사이트코드 {mid})" if mid else ")")
    phone = _v(record, "company_phone") or _v(record, "manager_phone")
    lines = [
        "[KCP 상점 관리사이트 > 고객센터 > 질문하기]",
        "질문유형: 추가서비스",
        "결제수단: 쇼핑몰 URL 추가",
        f"작성자명: {_v(record, 'manager_name')}",
        f"전화번호: {phone}",
        f"휴대폰번호: {_v(record, 'manager_phone')}",
        f"E-mail: {_v(record, 'manager_email')}",
        "문의내용:",
        f"안녕하세요. {who}입니다.",
        "쇼핑몰 호스팅사를 기존 쇼핑몰에서 아임웹(imweb)으로 이전하였습니다.",
        f"아임웹 쇼핑몰에 연결한 도메인은 {host} 입니다.",
        "이 도메인에서 KCP 결제를 사용할 수 있도록 쇼핑몰 URL 추가를 요청드립니다.",
        "감사합니다.",
        "",
        "※ 문의하기 전에: 아임웹 쇼핑몰 하단(푸터)의 사업자 정보가 사업자등록증과 같은지 확인하세요.",
        f"  상호 {b.business_name} / 대표자 {b.representative} / 사업자등록번호 {format_brn(b.business_number)}",
        f"  사업장 주소 {_v(record, 'address') or '(가맹점 정보에 없음)'}"
        f" / 전화번호 {_v(record, 'company_phone') or '(없음)'}",
    ]
    if b.phone is None:
        out.append(Finding("FOOTER_PHONE_MISSING", "business.phone", Severity.WARNING,
                           "푸터에 적을 회사 전화번호(휴대폰 아닌 번호)가 가맹점 정보에 없습니다."))
    return "\n".join(lines)


def easypay_steps(record: MerchantRecord, out: list[Finding], today: dt.date | None = None) -> str:
    from pgdocs.rulebook import case_by_id

    pg = _pg("easypay-steps")
    case = case_by_id(pg.cases[0].id)
    mid = record.get_text("pg_account.existing_mid")
    new_mid = record.get_text("pg_account.new_mid")
    intro = pg.chat_intro
    lines = [f"[이지페이(KICC) — {case.title}]"]
    lines.extend(f"{i}. {s}" for i, s in enumerate(case.steps, 1))
    lines += [
        "",
        "※ 가입비: 신청할 때 결제하지만 아이디 추가 건으로 처리되면 KICC 담당자가 환불해 줍니다."
        " 결제 영수증을 보관하세요.",
        "",
        "[KICC 담당자가 전화하면 이렇게 말하세요]",
        f"\"아임웹에서 신청한 건은 신규 계약이 아니라 기존 이지페이 가맹점 {record.business.business_name}"
        f"(사업자등록번호 {format_brn(record.business.business_number)}"
        + (f", 기존 MID {mid}" if mid else "")
        + ")의 아이디 추가 건입니다. 가입비 환불도 부탁드립니다.\"",
    ]
    if new_mid:
        lines += ["", "[아이디 추가 건이라고 전하지 못했다면 아임웹 채팅상담(결제설정)에 보낼 글]",
                  str(intro.get("missed_addition", "")), f"발급받은 MID: {new_mid}"]
    return "\n".join(lines)


def toss_keys(record: MerchantRecord, out: list[Finding], today: dt.date | None = None) -> str:
    from pgdocs.ids import toss

    paths = ["pg_account.toss_keys.mid", "pg_account.toss_keys.mert_key",
             "pg_account.toss_keys.api_key", "pg_account.toss_keys.client_key"]
    require(record, paths, purpose="토스페이먼츠 키 전달")
    keys = record.pg_account.toss_keys if record.pg_account else None
    if keys is None:  # pragma: no cover - require() above already refused this
        raise InputError("TOSS_KEYS_MISSING", "토스페이먼츠 키가 없습니다.")
    parsed: dict[str, TossKey] = {}
    for name, value, role in (("apiKey", keys.api_key, "secret"), ("clientKey", keys.client_key, "client")):
        path = f"pg_account.toss_keys.{'api_key' if name == 'apiKey' else 'client_key'}"
        try:
            k = toss.parse(value or "")
        except ValueError as exc:
            out.append(Finding("TOSS_KEY_FORMAT", path, Severity.ERROR, f"{name}: {exc}"))
            continue
        parsed[name] = k
        if k.docs:
            out.append(Finding("TOSS_KEY_DOCS", path, Severity.ERROR,
                               f"{name}는 토스페이먼츠 문서의 공개 예시 키입니다. 개발자센터에서 내 키를 복사하세요."))
        if k.role != role:
            want = "시크릿 키(…_sk_…)" if role == "secret" else "클라이언트 키(…_ck_…)"
            out.append(Finding("TOSS_KEY_ROLE", path, Severity.ERROR,
                               f"{name}에는 {want}를 넣어야 합니다 ({k.label})."))
    if "apiKey" in parsed and "clientKey" in parsed:
        for code, msg in toss.pair_problems(parsed["clientKey"], parsed["apiKey"]):
            out.append(Finding(code, "pg_account.toss_keys", Severity.ERROR, msg))
    test = any(k.mode == "test" for k in parsed.values())
    lines = ["[토스페이먼츠 키 — 아임웹 채팅상담(결제설정)에 함께 보낼 값]",
             f"MID: {keys.mid}", f"mertKey: {keys.mert_key}",
             f"apiKey: {keys.api_key}", f"clientKey: {keys.client_key}"]
    if test:
        lines += ["", f"※ {toss.FOLLOW_UP}"]
        out.append(Finding("TOSS_TEST_KEYS", "pg_account.toss_keys", Severity.WARNING,
                           "테스트 키입니다. 라이브 키를 받으면 아임웹에 변경을 요청해야 실제 결제·정산이 됩니다."))
    elif parsed:
        lines += ["", "라이브 키입니다 (실제 결제·정산용)."]
    return "\n".join(lines)


def nicepay_email(record: MerchantRecord, out: list[Finding], today: dt.date | None = None) -> str:
    from pgdocs.rulebook import case_by_id, choose_channel, resolve_case

    require(record, ["site_url", "pg_account.existing_mid", "manager.name", "manager.phone", "manager.email"],
            purpose="나이스페이 ID 추가 신청 이메일")
    pg = _pg("nicepay-email")
    if record.pg == pg.id:
        case = resolve_case(record, today)
        try:
            choose_channel(case, "email", record)  # over one year: post only (CHANNEL_NOT_ALLOWED)
        except FindingsError as exc:
            raise FindingsError(
                exc.code, exc.message, details=exc.details,
                hint="이 경우에는 이메일 문구가 필요 없습니다. pgdocs plan 으로 절차를 보고 우편으로 제출하세요.",
            ) from None
    else:  # another PG's record: the text as for this PG's case that takes e-mail
        case = case_by_id(next(c.id for c in pg.cases if "email" in c.channels))
    from pgdocs.forms.email import submission_email
    from pgdocs.rulebook import extra_warnings

    text = submission_email(record, case, [s for s in case.documents_for(record.business.entity) if s.required])
    # the PG's own warnings (the rulebook's, one wording and code for the plan and this text)
    out.extend(Finding(code, "pg_account.payment_types", Severity.WARNING, message)
               for code, message, _ in extra_warnings(record) if pg.id == record.pg)
    return text.as_text()


def build_text(artifact: str, record: MerchantRecord, today: dt.date | None = None) -> TextResult:
    """The text for ``artifact`` (one of :func:`artifacts`) with rule findings."""
    from pgdocs.rulebook.hooks import text_builder

    pg, _ = text_spec(artifact)
    findings: list[Finding] = []
    if record.pg is not None and record.pg != pg.id:
        findings.append(Finding("TEXT_OTHER_PG", "pg", Severity.WARNING,
                                f"가맹점 정보의 PG사는 {pg_name(record.pg)}인데 {pg.name}용 문구를 만들었습니다."))
    text = text_builder(artifact)(record, findings, today)
    log.info("text %s: %d finding(s)", artifact, len(findings))
    return TextResult(artifact, text, findings)


def render_text(artifact: str, record: MerchantRecord, today: dt.date | None = None) -> str:
    """Just the paste-ready text of :func:`build_text`."""
    return build_text(artifact, record, today).text
