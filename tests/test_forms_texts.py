"""Each PG's paste-ready texts from the sample merchants and the rulebook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cli_runner import RunCli
from conftest import sample_record_dict
from forms_helpers import patched_record
from pgdocs.errors import FindingsError, InputError
from pgdocs.forms.texts import artifacts, build_text, render_text
from pgdocs.record import MerchantRecord

TODAY = dt.date(2026, 11, 27)


def _rec(slug: str, **changes: object) -> MerchantRecord:
    return patched_record(sample_record_dict(slug), **changes)


@pytest.mark.parametrize(
    ("artifact", "slug", "must_contain"),
    [
        pytest.param("inicis-form", "inicis-individual",
                     ["신청: 그외 호스팅 ID", "URL: *sol-bakery.imweb.me", "호스팅정보: *아임웹", "정산주기: D+1",
                      "지불수단: 신용카드, 계좌이체", "기존과 동일한 지급계좌",
                      "요청내용: 아임웹 솔루션으로 아이디 추가 건을 신청합니다."], id="inicis"),
        pytest.param("kcp-inquiry", "kcp-corporation",
                     ["질문유형: 추가서비스", "쇼핑몰 URL 추가", "아임웹(imweb)으로 이전", "www.greenfarm.example",
                      "푸터", "사업자등록번호 119-87-05557"], id="kcp"),
        pytest.param("easypay-steps", "easypay-individual",
                     ["아이디 추가 건", "가입비", "환불", "KICC 담당자가 전화하면"], id="easypay"),
        pytest.param("toss-keys", "toss-test-keys",
                     ["MID: im_tokkimkt", "apiKey: test_sk_", "clientKey: test_ck_", "라이브용 인증키로 변경"],
                     id="toss"),
        pytest.param("nicepay-email", "nicepay-individual-within-1y",
                     ["받는 사람: pghelp@nicepay.co.kr", "제목: [ID 추가 신청] 하늘공방 / 214-12-34567",
                      "나이스페이먼츠 플랫폼사업실 담당자님", "기존 상점 ID(MID): hanulcr01m", "통장 사본",
                      "사업자등록증 사본", "인감"], id="nicepay"),
    ],
)
def test_texts(artifact: str, slug: str, must_contain: list[str]) -> None:
    text = render_text(artifact, _rec(slug), TODAY)
    for piece in must_contain:
        assert piece in text, piece
    assert "{" not in text and "None" not in text


def test_inicis_url_has_star_and_no_scheme() -> None:
    res = build_text("inicis-form", _rec("inicis-individual", site_url="https://Sol-Bakery.imweb.me/shop?x=1"))
    url_line = next(line for line in res.text.splitlines() if line.startswith("URL: "))
    assert url_line == "URL: *sol-bakery.imweb.me"
    assert res.findings == []


def test_inicis_requires_a_payment_method() -> None:
    res = build_text("inicis-form", _rec("inicis-individual", pg_account__payment_methods=[]))
    assert [f.code for f in res.findings] == ["INICIS_NO_METHOD"]


def test_inicis_missing_manager_is_an_error() -> None:
    with pytest.raises(FindingsError) as ei:
        build_text("inicis-form", _rec("inicis-individual", manager=None))
    assert ei.value.code == "RECORD_MISSING_FIELDS"
    assert "담당자" in ei.value.message


def test_toss_live_keys_are_clean_and_mixed_keys_are_errors() -> None:
    live = build_text("toss-keys", _rec("toss-test-keys", pg_account__toss_keys__api_key="live_sk_abcdEFGH12345678",
                                        pg_account__toss_keys__client_key="live_ck_abcdEFGH12345678"))
    assert live.findings == [] and "라이브 키" in live.text
    mixed = build_text("toss-keys", _rec("toss-test-keys", pg_account__toss_keys__api_key="live_sk_abcdEFGH12345678"))
    assert "TOSS_KEY_MODE_MISMATCH" in [f.code for f in mixed.findings]
    swapped = build_text("toss-keys", _rec("toss-test-keys",
                                           pg_account__toss_keys__api_key="test_ck_abcdEFGH12345678"))
    assert "TOSS_KEY_ROLE" in [f.code for f in swapped.findings]


def test_nicepay_email_refused_over_one_year() -> None:
    with pytest.raises(FindingsError) as ei:
        build_text("nicepay-email", _rec("nicepay-corporation-over-1y"), TODAY)
    assert ei.value.code == "CHANNEL_NOT_ALLOWED"
    assert "우편" in ei.value.message


def test_other_pg_is_a_warning() -> None:
    res = build_text("kcp-inquiry", _rec("inicis-individual"))
    assert [f.code for f in res.findings] == ["TEXT_OTHER_PG"]


def test_unknown_artifact() -> None:
    with pytest.raises(InputError):
        build_text("bogus", _rec("inicis-individual"))
    assert set(artifacts()) == {"inicis-form", "kcp-inquiry", "easypay-steps", "toss-keys", "nicepay-email"}


def test_cli_text(run_cli: RunCli, samples_dir: Path) -> None:
    r = run_cli("text", "toss-keys", samples_dir / "toss-test-keys" / "record.json")
    assert r.returncode == 0
    assert r.stdout.startswith("[토스페이먼츠 키")
    assert "주의 [TOSS_TEST_KEYS]" in r.stderr
    r = run_cli("text", "nicepay-email", samples_dir / "nicepay-individual-within-1y" / "record.json",
                "--format", "json", "--today", "2026-11-27")
    data = json.loads(r.stdout)
    assert data["artifact"] == "nicepay-email" and "pghelp@nicepay.co.kr" in data["text"]
