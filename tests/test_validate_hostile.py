"""Hostile and odd input: any text in any field gives Korean findings, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgdocs.ids import InvalidLength, bank, brn, crn, email, mid, phone, postal, toss, url
from pgdocs.record import record_from_dict
from pgdocs.validate import validate_record
from test_validate_record import BASE, TOSS, _with

FIELDS = [
    "business__business_number", "business__corporate_number", "business__postal_code", "business__address",
    "business__phone", "manager__phone", "representative_contact__phone", "representative_contact__email",
    "manager__email", "settlement_account__bank", "settlement_account__number", "settlement_account__holder",
    "site_url", "pg_account__existing_mid", "pg_account__new_mid",
]
TOSS_FIELDS = ["pg_account__toss_keys__client_key", "pg_account__toss_keys__api_key", "pg_account__toss_keys__mid"]
text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40).filter(lambda s: bool(s.strip()))


def _is_korean(message: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in message)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS + TOSS_FIELDS), text)
def test_any_text_in_any_field_gives_korean_findings(field: str, value: str) -> None:
    base = TOSS if field in TOSS_FIELDS else BASE
    record = record_from_dict(_with(base, **{field: value}))
    for finding in validate_record(record, today=dt.date(2026, 11, 27)):
        assert _is_korean(finding.message)


MODULES = [brn, crn, phone, email, postal, url, toss]


@settings(max_examples=300, deadline=None)
@given(text)
def test_validators_raise_only_korean_value_errors(value: str) -> None:
    for module in MODULES:
        try:
            module.validate(value)
        except ValueError as exc:
            assert _is_korean(str(exc)), (module.__name__, value, exc)
    bank.lookup(value)
    mid.check("toss", value)
    postal.address_region(value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("1" * 1_000_000, id="million-digits"),
        pytest.param("가" * 1_000_000, id="million-hangul"),
        pytest.param("[" + "a." * 300, id="bracket"),
        pytest.param("\x00\x01\x02", id="control-chars"),
        pytest.param("\u202e1248100998", id="rtl-override"),
    ],
)
def test_huge_and_odd_values_are_refused_quickly(value: str) -> None:
    for module in MODULES:
        with pytest.raises(ValueError):
            module.validate(value)
    if len(value) > 1000:
        with pytest.raises(InvalidLength):
            brn.validate(value)
    assert bank.lookup(value) is None
    assert postal.address_region(value) is None
    assert not bank.holder_matches(value, business_name="꽃상회", representative="김가상")


def test_huge_values_in_a_record(tmp_path: object) -> None:
    data = _with(BASE, business__business_number="1" * 200_000, manager__phone="0" * 200_000,
                 settlement_account__holder="가" * 200_000, business__address="서울 " + "가" * 200_000)
    findings = validate_record(record_from_dict(data), today=dt.date(2026, 11, 27))
    codes = {f.code for f in findings}
    assert {"BRN_FORMAT", "PHONE_INVALID", "HOLDER_MISMATCH"} <= codes
    assert all(len(f.message) < 400 for f in findings)
