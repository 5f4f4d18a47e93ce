"""Phones (phonenumbers, KR) and e-mail addresses (email-validator, offline). All numbers fictional."""

from __future__ import annotations

import unicodedata

import pytest

from pgdocs.ids import InvalidComponent, InvalidFormat, email, phone


@pytest.mark.parametrize(
    ("number", "kind", "national", "e164"),
    [
        pytest.param("010-1234-5678", "mobile", "010-1234-5678", "+821012345678", id="mobile"),
        pytest.param("01012345678", "mobile", "010-1234-5678", "+821012345678", id="mobile-no-dashes"),
        pytest.param("+82 10-1234-5678", "mobile", "010-1234-5678", "+821012345678", id="mobile-e164"),
        pytest.param("(010) 1234 5678", "mobile", "010-1234-5678", "+821012345678", id="mobile-brackets"),
        pytest.param("０１０．１２３４．５６７８", "mobile", "010-1234-5678", "+821012345678", id="full-width-dots"),
        pytest.param("011-123-4567", "mobile", "011-123-4567", "+82111234567", id="legacy-011"),
        pytest.param("010-5970-1234", "mobile", "010-5970-1234", "+821059701234", id="010-outside-metadata"),
        pytest.param("02-123-4567", "fixed_line", "02-123-4567", "+8221234567", id="seoul-7"),
        pytest.param("02-1234-5678", "fixed_line", "02-1234-5678", "+82212345678", id="seoul-8"),
        pytest.param("031-123-4567", "fixed_line", "031-123-4567", "+82311234567", id="gyeonggi"),
        pytest.param("070-1234-5678", "voip", "070-1234-5678", "+827012345678", id="voip"),
        pytest.param("1588-1234", "uan", "1588-1234", "+8215881234", id="uan-1588"),
        pytest.param("1661-7335", "uan", "1661-7335", "+8216617335", id="uan-1661"),
        pytest.param("050-1234-5678", "personal_number", "050-1234-5678", "+825012345678", id="safe-050"),
        pytest.param("080-123-4567", "toll_free", "080-123-4567", "+82801234567", id="toll-free"),
    ],
)
def test_phone_types_and_formats(number: str, kind: str, national: str, e164: str) -> None:
    assert phone.number_type(number) == kind
    assert phone.format(number) == national
    assert phone.validate(number) == e164
    assert phone.is_mobile(number) is (kind == "mobile")
    assert kind in phone.TYPE_LABELS


@pytest.mark.parametrize(
    ("number", "error"),
    [
        pytest.param("02-12", InvalidFormat, id="too-short"),
        pytest.param("010-1234-56789", InvalidFormat, id="too-long"),
        pytest.param("공일공-1234-5678", InvalidFormat, id="hangul"),
        pytest.param("010-1234-567a", InvalidFormat, id="letter"),
        pytest.param("", InvalidFormat, id="empty"),
        pytest.param("+1 202-555-0100", InvalidComponent, id="not-korean"),
    ],
)
def test_phone_invalid(number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        phone.validate(number)
    assert not phone.is_valid(number)
    assert not phone.is_mobile(number)


@pytest.mark.parametrize(
    ("number", "legacy"),
    [
        pytest.param("010-1234-5678", False, id="010-8"),
        pytest.param("010-123-4567", True, id="010-7"),
        pytest.param("016-123-4567", True, id="016"),
        pytest.param("02-123-4567", False, id="landline"),
    ],
)
def test_legacy_mobile(number: str, legacy: bool) -> None:
    assert phone.is_legacy_mobile(number) is legacy


@pytest.mark.parametrize(
    ("address", "normalised"),
    [
        pytest.param("hong@example.com", "hong@example.com", id="plain"),
        pytest.param("  Hong.GilDong@EXAMPLE.CO.KR ", "Hong.GilDong@example.co.kr", id="domain-lowercased"),
        pytest.param("<kim@example.com>", "kim@example.com", id="angle-brackets"),
        pytest.param("kim+pg@example.com", "kim+pg@example.com", id="plus"),
        pytest.param("담당자@예시.한국", "담당자@예시.한국", id="korean-idn"),
    ],
)
def test_email_valid(address: str, normalised: str) -> None:
    assert email.validate(address) == normalised
    assert email.is_valid(address)


@pytest.mark.parametrize(
    ("address", "fragment"),
    [
        pytest.param("hong.example.com", "@", id="no-at"),
        pytest.param("hong@", "도메인", id="no-domain"),
        pytest.param("hong@localhost", "도메인", id="no-dot"),
        pytest.param("a..b@example.com", "마침표", id="double-dot"),
        pytest.param("hong gil@example.com", "", id="space"),
        pytest.param("", "비어", id="empty"),
    ],
)
def test_email_invalid(address: str, fragment: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        email.validate(address)
    assert fragment in str(info.value)
    assert not email.is_valid(address)


def test_email_nfd_is_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "담당자@예시.한국")
    assert email.validate(nfd) == "담당자@예시.한국"


def test_email_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("email validation must not touch the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert email.is_valid("hong@example.com")
