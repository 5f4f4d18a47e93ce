"""The rulebook decides each case of the help article; these tests fail if a rule is wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from pgdocs.errors import FindingsError
from pgdocs.jsonio import JSONValue
from pgdocs.record import MerchantRecord, record_from_dict
from pgdocs.rulebook import all_cases, choose_channel, contract_age, load_rulebook, resolve_case

TODAY = dt.date(2026, 11, 27)
BASE10 = [
    "신청 사이트 주소", "사업자등록증 사본", "대표자 생년월일", "대표자 연락처", "대표자 이메일",
    "담당자 성함", "담당자 연락처", "담당자 이메일 주소", "회사 전화번호", "정산계좌정보(은행명/계좌번호/예금주명)",
]
NICEPAY_ADDRESS = "(04117) 서울특별시 마포구 마포대로 217, 크레디트센터 7층 나이스페이먼츠 플랫폼사업실 앞"


def rec(pg: str, entity: JSONValue = "individual", **acct: JSONValue) -> MerchantRecord:
    return record_from_dict({
        "pg": pg,
        "business": {"entity": entity, "business_number": "2141234567", "business_name": "하늘공방",
                     "representative": "김하늘"},
        "pg_account": acct or None,
    })


@pytest.mark.parametrize(
    ("pg", "acct", "case_id", "channels"),
    [
        pytest.param("inicis", {}, "inicis.mid_addition", ("web_form",), id="inicis"),
        pytest.param("kcp", {}, "kcp.url_addition", ("inquiry",), id="kcp"),
        pytest.param("nicepay", {"already_on_imweb": False}, "nicepay.new_application", ("admin",), id="nicepay-A"),
        pytest.param("nicepay", {"already_on_imweb": True, "contract_date": "2026-03-01"}, "nicepay.within_1y",
                     ("email", "post"), id="nicepay-B"),
        pytest.param("nicepay", {"already_on_imweb": True, "contract_date": "2024-03-01"}, "nicepay.over_1y",
                     ("post",), id="nicepay-C"),
        pytest.param("nicepay", {"already_on_imweb": True}, "nicepay.over_1y", ("post",), id="nicepay-unknown-date"),
        pytest.param("easypay", {}, "easypay.new_application_as_addition", ("admin", "call"), id="easypay"),
        pytest.param("toss", {"already_on_imweb": False}, "toss.new_application", ("admin",), id="toss-A"),
        pytest.param("toss", {"already_on_imweb": True}, "toss.giga_merchant", ("web_form",), id="toss-B"),
    ],
)
def test_case_table(pg: str, acct: dict[str, JSONValue], case_id: str, channels: tuple[str, ...]) -> None:
    case = resolve_case(rec(pg, **acct), TODAY)
    assert case.case_id == case_id
    assert case.channels == channels
    assert case.rule_version == load_rulebook().version
    assert "help article" in case.source


@pytest.mark.parametrize(
    ("contract", "today", "age"),
    [
        pytest.param(dt.date(2025, 11, 27), TODAY, "within_1y", id="exactly-one-year-inclusive"),
        pytest.param(dt.date(2025, 11, 26), TODAY, "over_1y", id="one-day-over"),
        pytest.param(dt.date(2024, 2, 29), dt.date(2025, 2, 28), "within_1y", id="leap-day"),
        pytest.param(dt.date(2024, 2, 29), dt.date(2025, 3, 1), "over_1y", id="leap-day-over"),
    ],
)
def test_one_year_boundary(contract: dt.date, today: dt.date, age: str) -> None:
    assert contract_age(contract, today) == age


def test_needs_already_on_imweb_for_nicepay_and_toss() -> None:
    for pg in ("nicepay", "toss"):
        with pytest.raises(FindingsError) as exc:
            resolve_case(rec(pg), TODAY)
        assert exc.value.code == "CASE_UNDECIDABLE"
        assert exc.value.details == {"missing": ["pg_account.already_on_imweb"]}


def test_near_boundary_prefers_post_even_if_email_preferred() -> None:
    r = rec("nicepay", already_on_imweb=True, contract_date="2025-12-05", preferred_channel="email")
    case = resolve_case(r, TODAY)
    assert case.case_id == "nicepay.within_1y" and case.boundary
    assert choose_channel(case, "auto", r) == "post"


def test_within_1y_respects_email_preference() -> None:
    r = rec("nicepay", already_on_imweb=True, contract_date="2026-06-01", preferred_channel="email")
    assert choose_channel(resolve_case(r, TODAY), "auto", r) == "email"
    r2 = rec("nicepay", already_on_imweb=True, contract_date="2026-06-01")
    assert choose_channel(resolve_case(r2, TODAY), "auto", r2) == "post"


def test_over_1y_refuses_email_citing_the_rule() -> None:
    case = resolve_case(rec("nicepay", already_on_imweb=True, contract_date="2020-01-01"), TODAY)
    with pytest.raises(FindingsError) as exc:
        choose_channel(case, "email")
    assert exc.value.code == "CHANNEL_NOT_ALLOWED"
    assert "우편으로만" in exc.value.message
    assert choose_channel(case, "post") == "post"


def test_no_mail_channel_for_web_cases() -> None:
    with pytest.raises(FindingsError) as exc:
        choose_channel(resolve_case(rec("inicis"), TODAY), "auto")
    assert exc.value.code == "CHANNEL_NOT_APPLICABLE"


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        pytest.param("individual", ["id_add_form", "bankbook", "business_registration",
                                    "representative_id",
                                    "seal_certificate"], id="individual"),
        pytest.param("corporation", ["id_add_form", "bankbook", "business_registration", "seal_certificate",
                                     "corporate_register", "customer_due_diligence", "beneficial_owner",
                                     "seal_usage"], id="corporation"),
    ],
)
def test_over_1y_documents_by_entity(entity: str, expected: list[str]) -> None:
    case = resolve_case(rec("nicepay", entity, already_on_imweb=True, contract_date="2020-01-01"), TODAY)
    docs = case.documents_for(entity)
    assert [d.id for d in docs] == expected
    # the three documents of the help article are confirmed; the extras are marked unconfirmed
    assert {d.id for d in docs if d.confirmed} == {"id_add_form", "bankbook", "business_registration"}


def test_within_1y_documents_are_the_three_of_the_article() -> None:
    case = resolve_case(rec("nicepay", "corporation", already_on_imweb=True, contract_date="2026-06-01"), TODAY)
    titles = [d.title for d in case.documents_for("corporation")]
    assert titles == ["아이디 추가 신청서", "통장 사본", "사업자등록증 사본"]


def test_nicepay_recipient_is_the_article_address() -> None:
    case = resolve_case(rec("nicepay", already_on_imweb=True, contract_date="2026-06-01"), TODAY)
    assert case.recipient is not None
    assert case.recipient.inline == NICEPAY_ADDRESS
    assert case.recipient.email == "pghelp@nicepay.co.kr"
    assert case.recipient.honorific == "앞"


@pytest.mark.parametrize(
    ("pg", "acct", "titles"),
    [
        pytest.param("inicis", {}, BASE10, id="inicis-10"),
        pytest.param("kcp", {}, BASE10, id="kcp-10"),
        pytest.param("nicepay", {"already_on_imweb": True, "contract_date": "2026-06-01"},
                     [BASE10[0], "MID 값", *BASE10[1:]], id="nicepay-11"),
        pytest.param("toss", {"already_on_imweb": True}, [*BASE10, "MID, mertKey, apiKey, clientKey"], id="toss"),
        pytest.param("easypay", {}, ["MID 값"], id="easypay-mid-only"),
        pytest.param("nicepay", {"already_on_imweb": False}, [], id="nicepay-new-none"),
    ],
)
def test_chat_items(pg: str, acct: dict[str, JSONValue], titles: list[str]) -> None:
    assert [c.title for c in resolve_case(rec(pg, **acct), TODAY).chat_items] == titles


@pytest.mark.parametrize(
    ("pg", "acct", "lead"),
    [
        pytest.param("inicis", {}, (1, 2), id="inicis"),
        pytest.param("kcp", {}, (1, 2), id="kcp"),
        pytest.param("nicepay", {"already_on_imweb": True, "contract_date": "2026-06-01"}, (2, 3), id="nicepay"),
        pytest.param("easypay", {}, (0, 3), id="easypay"),
    ],
)
def test_lead_days(pg: str, acct: dict[str, JSONValue], lead: tuple[int, int]) -> None:
    assert resolve_case(rec(pg, **acct), TODAY).lead_days == lead


def test_every_case_has_steps_and_source() -> None:
    cases = all_cases()
    assert len(cases) == 8
    for c in cases:
        assert c.steps and all(s.strip() for s in c.steps)
        assert "{" not in " ".join(c.steps), "placeholders must be filled"
        assert c.source


def test_inicis_form_values_from_the_article() -> None:
    form = dict(load_rulebook().pgs["inicis"].form_values)
    assert form == {"apply_type": "그외 호스팅 ID", "url_prefix": "*", "hosting_info": "*아임웹",
                    "request_text": "아임웹 솔루션으로 아이디 추가 건을 신청합니다."}
