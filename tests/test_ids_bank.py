"""Bank table (data/banks.toml): codes, aliases, account lengths, 예금주 matching."""

from __future__ import annotations

import re
import tomllib

import pytest

from pgdocs.ids import InvalidComponent, InvalidFormat, InvalidLength, bank
from pgdocs.resources import data_path

# docs/identifiers.md#bank-codes: KFTC codes the table must carry.
KFTC = {
    "002": "산업", "003": "기업", "004": "국민", "007": "수협", "011": "농협", "012": "농·축협", "020": "우리",
    "023": "SC제일", "027": "씨티", "031": "대구", "032": "부산", "034": "광주", "035": "제주", "037": "전북",
    "039": "경남", "045": "새마을금고", "048": "신협", "050": "저축은행", "064": "산림조합", "071": "우체국",
    "081": "하나", "088": "신한", "089": "케이뱅크", "090": "카카오뱅크", "092": "토스뱅크",
}


def test_table_has_every_kftc_code_with_a_source() -> None:
    by_code = {b.code: b for b in bank.banks()}
    assert set(by_code) == set(KFTC)
    for code, word in KFTC.items():
        b = by_code[code]
        assert word in b.name, (code, b.name)
        assert b.source, code
        assert b.account_lengths, code
        assert all(6 <= n <= 16 for n in b.account_lengths)


def test_toml_entries_are_well_formed() -> None:
    raw = tomllib.loads(data_path("banks.toml").read_text(encoding="utf-8"))
    assert raw["version"]
    for entry in raw["bank"]:
        assert re.fullmatch(r"[0-9]{3}", entry["code"])
        assert set(entry) <= {"code", "name", "aliases", "account_lengths", "other_codes", "source"}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        pytest.param("국민", "004", id="국민"),
        pytest.param("국민은행", "004", id="국민은행"),
        pytest.param("KB국민은행", "004", id="KB국민은행"),
        pytest.param("kb", "004", id="kb-lower"),
        pytest.param(" K B 국민 ", "004", id="spaced"),
        pytest.param("004", "004", id="code"),
        pytest.param("4", "004", id="short-code"),
        pytest.param("신한은행", "088", id="신한"),
        pytest.param("026", "088", id="old-shinhan-code"),
        pytest.param("외환은행", "081", id="외환->하나"),
        pytest.param("KEB하나은행", "081", id="KEB하나"),
        pytest.param("NH농협은행", "011", id="농협은행"),
        pytest.param("농협", "011", id="농협"),
        pytest.param("지역농협", "012", id="지역농협"),
        pytest.param("축협", "012", id="축협"),
        pytest.param("IBK기업은행", "003", id="기업"),
        pytest.param("카카오뱅크", "090", id="카카오"),
        pytest.param("카뱅", "090", id="카뱅"),
        pytest.param("토스뱅크", "092", id="토스"),
        pytest.param("케이뱅크", "089", id="케이뱅크"),
        pytest.param("대구은행", "031", id="대구"),
        pytest.param("iM뱅크", "031", id="iM"),
        pytest.param("iM뱅크(대구은행)", "031", id="display-name"),
        pytest.param("우체국", "071", id="우체국"),
        pytest.param("MG새마을금고", "045", id="새마을"),
        pytest.param("SC제일은행", "023", id="SC"),
        pytest.param("한국씨티은행", "027", id="씨티"),
    ],
)
def test_lookup_aliases(name: str, code: str) -> None:
    found = bank.lookup(name)
    assert found is not None
    assert found.code == code
    assert bank.get(name).code == code


@pytest.mark.parametrize("name", ["없는은행", "은행", "", "999", "국민카드"])
def test_lookup_unknown(name: str) -> None:
    assert bank.lookup(name) is None
    with pytest.raises(InvalidComponent):
        bank.get(name)


def test_every_alias_names_exactly_one_bank() -> None:
    seen: dict[str, str] = {}
    for b in bank.banks():
        for alias in (b.name, *b.aliases):
            found = bank.lookup(alias)
            assert found is not None and found.code == b.code, alias
            seen[alias] = b.code
    assert len(seen) > 60


@pytest.mark.parametrize(
    ("bank_name", "number", "ok"),
    [
        pytest.param("카카오뱅크", "3333-01-1234567", True, id="kakao-13"),
        pytest.param("카카오뱅크", "3333-01-123456", False, id="kakao-12"),
        pytest.param("토스뱅크", "1000-1234-5678", True, id="toss-12"),
        pytest.param("KB국민은행", "123456-01-123456", True, id="kb-14"),
        pytest.param("KB국민은행", "123-456-789", False, id="kb-9"),
        pytest.param("새마을금고", "9002-1234-5678-9", True, id="mg-13"),
        pytest.param("iM뱅크", "1234567", True, id="im-7"),
    ],
)
def test_account_length_soft_check(bank_name: str, number: str, ok: bool) -> None:
    assert bank.account_length_ok(bank.get(bank_name), number) is ok


@pytest.mark.parametrize(
    ("number", "error"),
    [
        pytest.param("123-45", InvalidLength, id="5-digits"),
        pytest.param("1" * 17, InvalidLength, id="17-digits"),
        pytest.param("3333-01-12345x7", InvalidFormat, id="letter"),
    ],
)
def test_account_format(number: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        bank.validate_account(number)


@pytest.mark.parametrize(
    ("holder", "business_name", "representative", "match"),
    [
        pytest.param("(주)에이비씨", "주식회사 에이비씨", "김대표", True, id="corp-forms"),
        pytest.param("㈜에이비씨", "에이비씨 주식회사", "김대표", True, id="enclosed-ju"),
        pytest.param("에이비씨(주)", "(주)에이비씨", "김대표", True, id="suffix-form"),
        pytest.param("김대표", "꽃집", "김대표", True, id="representative"),
        pytest.param("김 대표", "꽃집", "김대표", True, id="spaced-representative"),
        pytest.param("꽃집(김대표)", "꽃집", "김대표", True, id="bank-style-combined"),
        pytest.param("꽃집 김대표", "꽃집", "김대표", True, id="name-space-representative"),
        pytest.param("꽃집 본점", "꽃집", "김대표", False, id="different-name"),
        pytest.param("박타인", "꽃집", "김대표", False, id="someone-else"),
        pytest.param("(주)", "꽃집", "김대표", False, id="only-a-form"),
        pytest.param("김", "꽃집", "김대표", False, id="single-syllable"),
    ],
)
def test_holder_matches(holder: str, business_name: str, representative: str, match: bool) -> None:
    assert bank.holder_matches(holder, business_name=business_name, representative=representative) is match
