"""우편번호 (5 digits, 시·도 prefixes, old 6-digit codes) and site URLs (KG이니시스 ``*host``)."""

from __future__ import annotations

import pytest

from pgdocs.ids import InvalidComponent, InvalidFormat, InvalidLength, postal, url


@pytest.mark.parametrize(
    ("code", "region"),
    [
        pytest.param("04117", "서울특별시", id="nicepay-building"),
        pytest.param("01000", "서울특별시", id="seoul-low"),
        pytest.param("09999", "서울특별시", id="seoul-high"),
        pytest.param("10000", "경기도", id="gyeonggi-low"),
        pytest.param("20999", "경기도", id="gyeonggi-high"),
        pytest.param("21000", "인천광역시", id="incheon"),
        pytest.param("24000", "강원특별자치도", id="gangwon"),
        pytest.param("27000", "충청북도", id="chungbuk"),
        pytest.param("30100", "세종특별자치시", id="sejong"),
        pytest.param("31000", "충청남도", id="chungnam"),
        pytest.param("34134", "대전광역시", id="daejeon"),
        pytest.param("36000", "경상북도", id="gyeongbuk"),
        pytest.param("41000", "대구광역시", id="daegu"),
        pytest.param("44000", "울산광역시", id="ulsan"),
        pytest.param("48000", "부산광역시", id="busan"),
        pytest.param("50000", "경상남도", id="gyeongnam"),
        pytest.param("54000", "전북특별자치도", id="jeonbuk"),
        pytest.param("58000", "전라남도", id="jeonnam"),
        pytest.param("61000", "광주광역시", id="gwangju"),
        pytest.param("63000", "제주특별자치도", id="jeju"),
        pytest.param("０４１１７", "서울특별시", id="full-width"),
    ],
)
def test_postal_regions(code: str, region: str) -> None:
    assert postal.validate(code) == postal.compact(code)
    assert postal.region(code) == region


@pytest.mark.parametrize(
    ("code", "error"),
    [
        pytest.param("121-010", postal.OldPostalCode, id="old-with-dash"),
        pytest.param("121010", postal.OldPostalCode, id="old-no-dash"),
        pytest.param("0411", InvalidLength, id="4-digits"),
        pytest.param("041170", postal.OldPostalCode, id="6-digits-looks-old"),
        pytest.param("00123", InvalidComponent, id="prefix-00"),
        pytest.param("64000", InvalidComponent, id="prefix-64"),
        pytest.param("04I17", InvalidFormat, id="letter"),
    ],
)
def test_postal_invalid(code: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        postal.validate(code)
    assert not postal.is_valid(code)


def test_old_code_is_a_format_error() -> None:
    assert issubclass(postal.OldPostalCode, InvalidFormat)


@pytest.mark.parametrize(
    ("address", "region"),
    [
        pytest.param("서울특별시 마포구 마포대로 217", "서울특별시", id="full"),
        pytest.param("서울 마포구", "서울특별시", id="short"),
        pytest.param("(04117) 서울특별시 마포구", "서울특별시", id="with-postal"),
        pytest.param("경기도 성남시 분당구", "경기도", id="gyeonggi-do"),
        pytest.param("강원도 춘천시", "강원특별자치도", id="gangwon-old"),
        pytest.param("강원특별자치도 춘천시", "강원특별자치도", id="gangwon-new"),
        pytest.param("전라북도 전주시", "전북특별자치도", id="jeonbuk-old"),
        pytest.param("전북특별자치도 전주시", "전북특별자치도", id="jeonbuk-new"),
        pytest.param("제주특별자치도 제주시", "제주특별자치도", id="jeju"),
        pytest.param("광주광역시 북구", "광주광역시", id="gwangju-metro"),
        pytest.param("광주시 오포읍", None, id="gwangju-ambiguous"),
        pytest.param("마포구 마포대로", None, id="no-sido"),
        pytest.param("", None, id="empty"),
    ],
)
def test_address_region(address: str, region: str | None) -> None:
    assert postal.address_region(address) == region


@pytest.mark.parametrize(
    ("value", "normalised", "host", "inicis"),
    [
        pytest.param("imweb.me", "imweb.me", "imweb.me", "*imweb.me", id="help-article-example"),
        pytest.param("https://myshop.imweb.me/", "https://myshop.imweb.me/", "myshop.imweb.me",
                     "*myshop.imweb.me", id="https-trailing-slash"),
        pytest.param("HTTP://WWW.Example.CO.KR/shop?x=1", "http://www.example.co.kr/shop?x=1",
                     "www.example.co.kr", "*www.example.co.kr", id="upper-case"),
        pytest.param("example.com:8443/a", "example.com:8443/a", "example.com", "*example.com", id="port"),
        pytest.param("꽃집.한국", "꽃집.한국", "꽃집.한국", "*꽃집.한국", id="korean-domain"),
        # typed the way the KG이니시스 form (and pgdocs's tip) writes it: the address is what follows the '*'
        pytest.param("*myshop.imweb.me", "myshop.imweb.me", "myshop.imweb.me", "*myshop.imweb.me", id="inicis-star"),
    ],
)
def test_url_valid(value: str, normalised: str, host: str, inicis: str) -> None:
    assert url.validate(value) == normalised
    assert url.host(value) == host
    assert url.inicis_url(value) == inicis


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        pytest.param("my shop.com", "공백", id="space"),
        pytest.param("localhost", "도메인", id="no-dot"),
        pytest.param("ftp://example.com", "http", id="ftp"),
        pytest.param("https://user:pw@example.com", "비밀번호", id="credentials"),
        pytest.param("192.168.0.1", "IP", id="ip"),
        pytest.param("exa_mple.com", "도메인", id="underscore"),
        pytest.param("", "비어", id="empty"),
    ],
)
def test_url_invalid(value: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=None) as info:
        url.validate(value)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("value", "test_host"),
    [
        pytest.param("dev.myshop.com", True, id="dev"),
        pytest.param("https://test.myshop.co.kr", True, id="test"),
        pytest.param("myshop-staging.imweb.me", True, id="staging"),
        pytest.param("devshop.com", False, id="dev-in-word"),
        pytest.param("myshop.imweb.me", False, id="normal"),
    ],
)
def test_url_test_host(value: str, test_host: bool) -> None:
    assert url.is_test_host(value) is test_host
