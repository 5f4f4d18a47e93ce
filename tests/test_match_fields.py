"""Field matching (pgdocs.ocr.match): every rule, both sides of each threshold. All data fictional."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import unicodedata

import pytest

from pgdocs.hangul import is_confusion
from pgdocs.ocr import match as m
from pgdocs.ocr.align import SOFT_COST, align
from pgdocs.ocr.charset import representable


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize(
    "module", ["pgdocs.ocr.match", "pgdocs.ocr.align", "pgdocs.names", "pgdocs.hangul", "pgdocs.address"]
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0


# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "found", "kind", "status"),
    [
        pytest.param("124-81-00998", "124-81-00998", "brn", "match", id="brn-same"),
        pytest.param("1248100998", "１２４－８１－００９９８", "brn", "match", id="brn-fullwidth"),
        pytest.param("124-81-00998", "1 24-81-00998", "brn", "match", id="brn-split-by-skew"),
        pytest.param("124-81-00998", "124-81-00928", "brn", "mismatch", id="brn-one-digit-not-confusable"),
        pytest.param("124-81-00998", "124-81-00990", "brn", "unreadable", id="brn-check-digit-8-0-noise"),
        pytest.param("124-81-00998", "124-81-00992", "brn", "mismatch", id="brn-check-digit-8-2"),
        pytest.param("124-81-00998", "124-87-00998", "brn", "unreadable", id="brn-1-7-read-noise"),
        pytest.param("124-81-00998", "116-82-00276", "brn", "mismatch", id="brn-other-number"),
        pytest.param("124-81-00998", "124-81-0099", "brn", "unreadable", id="brn-incomplete"),
        pytest.param("124-81-00998", "", "brn", "unreadable", id="brn-empty"),
        pytest.param("124-81-00998", None, "brn", "unreadable", id="brn-none"),
        pytest.param("124-81-00998", "사업자", "brn", "unreadable", id="brn-no-digits"),
        # declared number invalid (typo in the record): a confusable difference is not forgiven
        pytest.param("116-82-00277", "116-82-00271", "brn", "unreadable", id="brn-declared-invalid"),
        pytest.param("110111-6638542", "1101116638542", "crn", "match", id="crn-same"),
        # ±5 in a weight-2 position keeps the CRN check digit valid (docs/identifiers.md#crn-blind-spot): review
        # until a digit-only re-read of the crop settles it (pgdocs.ocr.verify)
        pytest.param("110111-6638542", "110111-6633542", "crn", "unreadable", id="crn-valid-both"),
        pytest.param("110111-6638542", "110111-6638548", "crn", "mismatch", id="crn-2-8-not-confusable"),
        pytest.param("110111-6638542", "110171-6638542", "crn", "unreadable", id="crn-1-7-read-noise"),
    ],
)
def test_match_number(declared: str, found: str | None, kind: str, status: str) -> None:
    result = m.match_number(declared, found, kind=kind)
    assert result.status == status, result
    assert 0.0 <= result.score <= 1.0
    if status == "match":
        assert result.score == 1.0


def test_match_number_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown"):
        m.match_number("1", "1", kind="rrn")


def test_confusable_digit_never_matches() -> None:
    # A wrong registration number never passes: the best it gets is review.
    assert m.match_number("124-81-00998", "124-87-00998").status != "match"


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "found", "status"),
    [
        pytest.param(dt.date(2019, 7, 1), "2019 년 07 월 01 일", "match", id="date-obj-korean"),
        pytest.param("2019.07.01", "2019-07-01", "match", id="dots-dashes"),
        pytest.param("20190701", "2019년 7월 1일", "match", id="compact-korean"),
        pytest.param("2019-7-1", "개업연월일 : 2019 년 07 월 01 일", "match", id="date-in-line"),
        pytest.param("2019-07-01", "２０１９．０７．０１", "match", id="fullwidth"),
        pytest.param("2019-07-01", "2019-07-02", "mismatch", id="other-day"),
        pytest.param("2019-07-01", "2015 년 07 월 01 일", "mismatch", id="other-year"),
        pytest.param("2023-10-05", "2028-10-05", "unreadable", id="future-date-misread"),
        pytest.param("2023-10-05", "2023-10-06", "mismatch", id="day-after-confusable-5-6"),
        pytest.param("2023-10-05", "2026-11-27", "mismatch", id="today-is-not-future"),
        pytest.param("2023-10-05", "2026-11-28", "unreadable", id="tomorrow-is-future"),
        pytest.param("2019-07-01", "2019 년 07 월", "unreadable", id="incomplete"),
        pytest.param("2019-07-01", "2019-02-30", "unreadable", id="impossible-date"),
        pytest.param("2019-07-01", "2019-07-01 2020-01-01", "unreadable", id="two-dates"),
        pytest.param("2019-07-01", "", "unreadable", id="empty"),
        pytest.param("not a date", "2019-07-01", "unreadable", id="declared-bad"),
    ],
)
def test_match_date(declared: dt.date | str, found: str, status: str) -> None:
    assert m.match_date(declared, found, today=dt.date(2026, 11, 27)).status == status


def test_match_date_default_today() -> None:
    assert m.match_date("2019-07-01", "2999-07-01").status == "unreadable"
    assert m.match_date("2019-07-01", "2019-07-02").status == "mismatch"


# --- names -----------------------------------------------------------------------------------------

_COMPANY_SPELLINGS = [
    "(주)에이비씨",
    "㈜에이비씨",
    "㈜ 에이비씨",
    "주식회사 에이비씨",
    "주식회사에이비씨",
    "에이비씨 주식회사",
    "에이비씨(주)",
    "에이비씨（주）",
    "에이비씨 (주)",
    "(주 에이비씨",  # OCR lost a bracket
    " 에 이 비 씨 ",  # letter-spaced
    _nfd("주식회사 에이비씨"),
]


@pytest.mark.parametrize("found", [pytest.param(s, id=f"spelling-{i}") for i, s in enumerate(_COMPANY_SPELLINGS)])
def test_company_forms_match(found: str) -> None:
    result = m.match_name("(주)에이비씨", found, kind="company")
    assert result.status == "match", result
    assert result.score == 1.0


@pytest.mark.parametrize(
    ("declared", "found", "kind", "status"),
    [
        pytest.param("유한회사 바다상사", "바다상사(유)", "company", "match", id="yuhan"),
        pytest.param("합자회사 바다상사", "바다상사 합자회사", "company", "match", id="hapja"),
        pytest.param("ABC마트", "abc마트", "company", "match", id="latin-case"),
        # out-of-model syllables: 팜→깜 (1 of 3) is fine; most of the name unverifiable → review
        pytest.param("팜스코", "깜스코", "company", "match", id="unrep-one-of-three"),
        pytest.param("팜숯상회", "깜술상회", "company", "unverifiable", id="unrep-two-of-four"),
        pytest.param("쌤팜", "샘깜", "company", "unverifiable", id="unrep-all"),
        pytest.param("팜스", "깜스", "company", "unverifiable", id="unrep-too-few-verified"),
        pytest.param("팜스코", "깜스로", "company", "mismatch", id="unrep-plus-readable-diff"),
        pytest.param("팜스코", "깜스고", "company", "unreadable", id="unrep-plus-confusion-0.73"),
        # the look-alike of an out-of-model syllable may swallow a neighbour (트팜→탐, 쿤스→크) …
        pytest.param("스마트팜테크", "스마탐테크", "company", "match", id="unrep-swallowed-neighbour"),
        pytest.param("쿤스튜디오", "크튜디오", "company", "unverifiable", id="unrep-swallowed-start"),
        # … but a changed syllable beside it is still a difference (found by the realistic test)
        pytest.param("스마국팜테크", "스마트팝테크", "company", "mismatch", id="tamper-beside-unrep"),
        # typical confusions in a name: never a mismatch, and never a pass either (issue 11: 김민수 vs 김인수)
        pytest.param("명호상사", "멍호상사", "company", "unreadable", id="confusion-one"),
        pytest.param("명호", "멍호", "company", "unreadable", id="confusion-two-syllables-0.85"),
        pytest.param("명호", "멍흐", "company", "unreadable", id="confusion-twice-0.7"),
        pytest.param("법", "범", "company", "unreadable", id="confusion-single-syllable"),
        pytest.param("홍길동", "홍걸동", "person", "unreadable", id="person-confusion"),
        # hard differences
        pytest.param("홍길동", "홍길순", "person", "mismatch", id="person-other"),
        pytest.param("별빛스토어", "범빗 스토어", "company", "unreadable", id="scan-two-lookalikes"),
        pytest.param("새봄플라워", "새봉끌라위", "company", "unreadable", id="fax-three-lookalikes"),
        pytest.param("한결컴퍼니", "( 닫세 명): 한결검 피니", "company", "unreadable",
                     id="label-fragment-before-colon"),
        pytest.param("성준서", "으싱준시", "person", "unreadable", id="person-stray-syllable"),
        pytest.param("성준서", "으싱준시다", "person", "mismatch", id="person-two-stray-syllables"),
        pytest.param("에이비씨", "에이비씨몰", "company", "mismatch", id="company-one-more-syllable"),
        pytest.param("㈜푸른랩", "주 푸른", "company", "unreadable", id="bare-ju-and-cut-end"),
        pytest.param("㈜푸른랩", "주 푸른랩", "company", "match", id="bare-ju"),
        pytest.param("주원상사", "원상사", "company", "unreadable", id="ju-is-part-of-name-cut"),
        pytest.param("푸른랩", "주푸른랩", "company", "mismatch", id="bare-ju-needs-declared-form"),
        # reads of the sample certificates: (주) misread, the last syllable cut, a syllable read as a digit
        pytest.param("㈜한빛엔터프라이즈", "( 줘한빛엔터프 라이즈", "company", "match", id="ju-read-as-jwo"),
        # 스 was never read (cut beside the out-of-model 웍): no positive evidence for it, so review (issue 11)
        pytest.param("㈜다온네트웍스", "( 쥐다온네트워", "company", "unreadable", id="cut-beside-out-of-model-웍"),
        pytest.param("에이비씨상사", "에이비씨상", "company", "unreadable", id="truncated-end"),
        pytest.param("에이비씨상사", "이비씨상사", "company", "unreadable", id="truncated-start"),
        pytest.param("에이비", "에이", "company", "unreadable", id="truncated-three"),
        pytest.param("윤람지", "랍지 외2멍", "person", "unreadable", id="fax-truncated-others-misread"),
        pytest.param("에이", "에", "company", "mismatch", id="too-short-to-call-truncated"),
        pytest.param("심나영", "심 4 영", "person", "unreadable", id="one-syllable-as-digit"),
        pytest.param("나나나", "4404", "person", "unreadable", id="all-digits"),
        pytest.param("에이비씨", "에이비디", "company", "mismatch", id="company-one-syllable"),
        pytest.param("에이비씨", "에이비씨상사", "company", "mismatch", id="company-longer"),
        pytest.param("에이비씨상사", "에이비씨", "company", "mismatch", id="company-shorter"),
        # OCR noise: stray strokes and jamo-only tokens cost a little
        pytest.param("에이비씨", "에이비씨|", "company", "match", id="noise-bar"),
        pytest.param("에이비씨", "에ㅁ이비씨", "company", "match", id="noise-jamo"),
        pytest.param("홍길동", "홍길동 외 2명", "person", "match", id="others-stripped"),
        pytest.param("홍길동 외 1명", "홍길동", "person", "match", id="others-declared"),
        pytest.param(_nfd("홍길동"), "홍길동", "person", "match", id="nfd-declared"),
        pytest.param("홍길동", "", "person", "unreadable", id="empty"),
        pytest.param("홍길동", "  ", "person", "unreadable", id="blank"),
        pytest.param("홍길동", "...", "person", "unreadable", id="punct-only"),
    ],
)
def test_match_name(declared: str, found: str, kind: str, status: str) -> None:
    result = m.match_name(declared, found, kind=kind)
    assert result.status == status, result
    assert result.detail


def test_name_threshold_sides() -> None:
    # Scores around NAME_MATCH: one confusion in two syllables is above, two are below.
    one = align("명호", "멍호").score
    two = align("명호", "멍흐").score
    assert one == pytest.approx(1 - SOFT_COST / 2)
    assert two < m.NAME_MATCH <= one


def test_unverifiable_threshold_sides() -> None:
    assert align("팜스코", "깜스코").unverifiable_fraction <= m.MAX_UNVERIFIABLE_FRACTION
    assert align("팜숯상회", "깜술상회").unverifiable_fraction > m.MAX_UNVERIFIABLE_FRACTION


def test_company_mismatch_detail_names_the_syllable() -> None:
    assert "입력한 “씨” 자리에 “디”" in m.match_name("에이비씨", "에이비디").detail


def test_person_mismatch_detail_hides_the_name() -> None:
    detail = m.match_name("홍길동", "홍길순", kind="person").detail
    assert "길순" not in detail and "동" not in detail


def test_unknown_name_kind() -> None:
    with pytest.raises(ValueError, match="unknown"):
        m.match_name("a", "a", kind="pet")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("명", "멍", True, id="myeong-meong"),
        pytest.param("명", "영", True, id="myeong-yeong"),
        pytest.param("법", "범", True, id="beop-beom"),
        pytest.param("길", "걸", True, id="gil-geol"),
        pytest.param("통", "동", True, id="tong-dong"),
        pytest.param("호", "흐", True, id="ho-heu"),
        pytest.param("소", "스", True, id="so-seu"),
        pytest.param("김", "박", False, id="two-jamo"),
        pytest.param("가", "가", False, id="same"),
        pytest.param("가", "A", False, id="latin"),
        pytest.param("가", "파", False, id="not-look-alike"),
    ],
)
def test_is_confusion(a: str, b: str, expected: bool) -> None:
    assert is_confusion(a, b) is expected


def test_data_file_assumptions() -> None:
    # The examples above rely on the model's syllable set (docs/ocr.md#syllable-set).
    assert not representable("팜") and not representable("숯") and not representable("쌤")
    assert all(representable(c) for c in "깜술샘명멍호흐홍길동순에이비씨상사")


# --- 업태/종목 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "found", "status"),
    [
        pytest.param("도소매, 서비스", "서비스 도소매", "match", id="order-free"),
        pytest.param(["도매 및 소매업"], "소매업 / 도매", "match", id="list-and-slash"),
        pytest.param("전자상거래업", "전자상 거래업", "match", id="wrapped-mid-word"),
        pytest.param("소매업, 전자상거래업", "소매업\n전자상거래업\n통신판매업", "match", id="page-has-more"),
        pytest.param("소매, 도매, 서비스, 제조", "소매 도매 서비스 건설", "match", id="three-of-four-0.75"),
        pytest.param("소매, 서비스", "소매 건설", "unreadable", id="one-of-two-0.5"),
        pytest.param("소매, 도매, 서비스", "소매 건설 운수", "mismatch", id="one-of-three-0.33"),
        pytest.param("소매업", "건설업", "mismatch", id="different"),
        pytest.param("수산물 소매업, 일반 교과 학원, 서적 소매업, 도서 출판업", "수산물 소매업", "unreadable",
                     id="only-first-row-read"),
        pytest.param("수산물 소매업, 일반 교과 학원, 서적 소매업, 도서 출판업", "건설업 운수업", "mismatch",
                     id="other-rows"),
        pytest.param("도소매업", "도매 및 소매업", "match", id="dosomae-abbreviation"),
        pytest.param("소매업", "소매", "match", id="trailing-eop"),
        pytest.param("농업", "어업", "mismatch", id="two-syllable-eop-kept"),
        # a fax loses ㄷ's top stroke and reads ㅐ as ㅔ: look-alikes, not another business (bench seed 7)
        pytest.param("소매업, 도매 및 소매업", "소메업, 노메 및 소메업", "unreadable", id="fax-lookalikes"),
        pytest.param("소매업", "", "unreadable", id="empty"),
        pytest.param("소매업", None, "unreadable", id="none"),
    ],
)
def test_match_items(declared: str | list[str], found: str | None, status: str) -> None:
    assert m.match_items(declared, found).status == status


def test_a_word_read_twice_counts_each_time() -> None:
    # "전자 상거래 소매업, 전자 부품 도매업": 전자부품 is in the text read only with its second 전자 (a capture's 종목)
    got = m.match_items("전자상거래 소매업, 전자부품 도매업, 통신판매업",
                        "전자 상거래 소매업, 전자 부품 도매업, 통신 판매업")
    assert (got.status, got.score) == ("match", 1.0)


# --- address ---------------------------------------------------------------------------------------

_ADDR = "서울특별시 강남구 테헤란로 123, 5층 501호 (역삼동, 에이빌딩)"
#: an office in a named building: only the name may read a stroke off (match.BUILDING_NAME_SIMILAR)
_OFFICE = "강원특별자치도 춘천시 중앙로 462-5, 그린오피스텔 4층 401호"


@pytest.mark.parametrize(
    ("declared", "found", "status"),
    [
        pytest.param("서울 강남구 테헤란로 123, 5층 501호", _ADDR, "match", id="short-sido-no-reference"),
        pytest.param("서울시 강남구 테헤란로123 5층 501호", _ADDR, "match", id="seoulsi-no-spaces"),
        pytest.param("서울특별시강남구테헤란로 123 제5층 501호", _ADDR, "match", id="je-floor"),
        pytest.param("강남구 테헤란로 123, 5층 501호", _ADDR, "match", id="no-sido"),
        pytest.param("서울 강남구 테헤란로 123", _ADDR, "match", id="no-floor-declared"),
        pytest.param(_nfd("서울 강남구 테헤란로 123, 5층 501호"), _ADDR, "match", id="nfd"),
        pytest.param("강원도 춘천시 중앙로 1", "강원특별자치도 춘천시 중앙로 1", "match", id="gangwon-renamed"),
        pytest.param("전라북도 전주시 완산구 효자로 225", "전북특별자치도 전주시 완산구 효자로 225", "match",
                     id="jeonbuk-renamed"),
        pytest.param("경기 성남시 분당구 판교역로 235, B1층", "경기도 성남시 분당구 판교역로 235 지하1층", "match",
                     id="basement-spellings"),
        pytest.param("세종시 한누리대로 2130, 3F", "세종특별자치시 한누리대로 2130 3층", "match", id="F-floor"),
        pytest.param("서울 강남구 강남대로94길 10", "서울특별시 강남구 강남대로 94길 10", "match", id="beongil"),
        pytest.param("서울 강남구 테헤란로 123, 5층 501호", "서울특별시 강낭구 테헤란로 123, 5층 501호", "match",
                     id="one-confusion"),
        pytest.param("서울 강남구 테헤란로 123, 5층 501호", "서울특별시 강냠구 테헤란로 123, 5층 501호", "unreadable",
                     id="one-lookalike"),
        # a fax read of a sample certificate: the 시·도 misread, the 참고항목 spaced out
        pytest.param("강원특별자치도 춘천시 중앙로 233-15, 우리빌딩 별관 7층 711호 (중앙로1가)",
                     "감원틈별 자치도 춘천시 중앙로 233-15, 우리 빌딩 별관 7층 711호 ( 줌암로 1가 )", "match",
                     id="fax-misread-sido"),
        pytest.param("서울특별시 종로구 종로 257, 미래타워 (관철동)", "서울득 별시 종로구 종로 257, 미래 타워 (관철동)",
                     "match", id="misread-full-sido-not-short-form"),
        pytest.param("부산 춘천시 중앙로 233-15", "감원틈별 자치도 춘천시 중앙로 233-15", "mismatch",
                     id="fuzzy-sido-still-compared"),
        pytest.param("전북특별자치도 전주시 완산구 홍산로 397, 7층 703호 (효자동3가)",
                     "진북틈빈자 치도 진주시 . 왼 선구 홍신로 397, 7층 703호 ( 효자돔 3가 )", "unreadable",
                     id="fax-garbled-numbers-agree"),
        pytest.param("전북특별자치도 전주시 완산구 홍산로 398, 7층 703호",
                     "진북틈빈자 치도 진주시 . 왼 선구 홍신로 397, 7층 703호", "mismatch",
                     id="fax-garbled-number-differs"),
        pytest.param("인천광역시 연수구 컨벤시아대로 380, 7층 705호", "인천광역시 연수구 컨멘시아 대로 380, 7층 705호",
                     "unreadable", id="scan-lookalike-b-m"),
        pytest.param("서울 강남구 테헤란로 125, 5층 501호", _ADDR, "mismatch", id="building-number"),
        pytest.param("경기도 수원시 영통구 봉영로 180, 2층 208호 (영통동)",
                     "경기도 수원시 영동규봉영로 180125 2082 (영동)", "unreadable", id="scan-merged-numbers"),
        pytest.param("서울 강남구 테헤란로 123, 6층 501호", _ADDR, "mismatch", id="floor"),
        # 층 misread after the floor's number (fax and scan reads, bench/ocr.py seed 21): the numbers still compared
        pytest.param("경기도 고양시 일산동구 중앙로 473, 미래타워 15층 1511호 (장항동)",
                     "경기도 고양시 일산동구 중앙로 473, 미래 타워 15 좀 1511호 (장항동)", "match",
                     id="floor-unit-misread"),
        pytest.param("제주특별자치도 제주시 중앙로 20, 미래타워 5층 (이도이동)",
                     "제주특별자치도 제주시 중앙로 20, 미래타워 5 중 (이도이동)", "match",
                     id="floor-unit-misread-bracket"),
        pytest.param("경기도 고양시 일산동구 중앙로 473, 미래타워 15층 1511호 (장항동)",
                     "경기도 고양시 일산동구 중앙로 473, 미래 타워 14 좀 1511호 (장항동)", "mismatch",
                     id="floor-unit-misread-other-floor"),
        # 호 misread after the unit's number and 층 after the floor's (moiré and fax reads, bench/ocr.py seed 4)
        pytest.param("제주특별자치도 제주시 연북로 62-30, 우리빌딩 별관 1층 105호 (노형동)",
                     "제주특별자치도 제주시 연북로 62-30, 우리빌딩 별관 1 소 105 슨 (노형동)", "match",
                     id="floor-and-unit-misread"),
        pytest.param("대전광역시 유성구 엑스포로 411, 12층 1206호", "대전광역시 유성구 엑스포로 411, 12층 1206 초",
                     "match", id="unit-misread-at-the-end"),
        pytest.param("대전광역시 유성구 엑스포로 411, 12층 1206호", "대전광역시 유성구 엑스포로 411, 12층 1208 초",
                     "mismatch", id="unit-misread-other-unit"),
        pytest.param("서울 강남구 테헤란로 123, 5층 502호", _ADDR, "mismatch", id="unit"),
        pytest.param("서울 강남구 테헤란로 123, 101동 5층", "서울 강남구 테헤란로 123, 102동 5층", "mismatch",
                     id="dong"),
        pytest.param("부산 강남구 테헤란로 123, 5층 501호", _ADDR, "mismatch", id="sido"),
        pytest.param("서울 강남구 강남대로 123, 5층 501호", _ADDR, "mismatch", id="road"),
        pytest.param("서울 서초구 테헤란로 123, 5층 501호", _ADDR, "mismatch", id="gu"),
        pytest.param("서울 강남구 테헤란로 123, 5층 501호", "서울특별시 강남구 테헤란노 123 5층 501호", "unreadable",
                     id="one-hard-syllable"),
        # a building's name read a stroke off, everything that says where the place is read exactly: a match
        pytest.param("서울특별시 종로구 종로 265-15, 한빛빌딩 2층 210호 (관철동)",
                     "서울 특별시 종로구 종로 265-15, 한빗 빌딩 2층 210호 (관철동)", "match",
                     id="building-name-lookalike"),
        pytest.param("강원특별자치도 춘천시 중앙로 462-5, 그린오피스텔 4층 401호 (중앙로1가)",
                     "강원특별 자치도 춘천시 중앙로 462-5” 그랜오피스텔 4층 401호 ( 중앙로 1가 )", "match",
                     id="building-name-one-syllable"),
        # …but not when the road, a number or the 시·도 differs too, nor for a name read far off
        pytest.param(_OFFICE, _OFFICE.replace("중앙로", "중양로").replace("그린", "그랜"), "unreadable",
                     id="building-name-and-road"),
        pytest.param(_OFFICE, _OFFICE.replace("그린", "그랜").replace("401호", "404호"), "mismatch",
                     id="building-name-and-unit"),
        pytest.param(_OFFICE, _OFFICE.replace("그린오피스텔", "그랜오퍼스테"), "unreadable",
                     id="building-name-far-off"),
        # a wing (별관/본관, 엔동/에스동, A동/B동) tells offices apart like a 동 number: never forgiven as a name
        pytest.param("경기도 성남시 분당구 판교역로 235, 에이치스퀘어 에스동 7층 (삼평동)",
                     "경기도 성남시 분당구 판교역로 235, 에이치스퀘어 엔동 7층 (삼평동)", "unreadable",
                     id="building-wing-differs"),
        pytest.param("서울특별시 강남구 테헤란로 123, 우리빌딩 별관 3층",
                     "서울특별시 강남구 테헤란로 123, 우리빌딩 본관 3층", "unreadable", id="building-annex-differs"),
        pytest.param("서울특별시 강남구 테헤란로 123, A타워 3층", "서울특별시 강남구 테헤란로 123, B타워 3층",
                     "unreadable", id="building-letter-differs"),
        pytest.param("서울특별시 강남구 테헤란로 123, 우리빌딩 별관 3층",
                     "서울특별시 강남구 테헤란로 123, 우리빌팀 별관 3층", "match", id="building-name-with-wing"),
        pytest.param("서울 강남구 테헤란로 123", "서울특별시 강남구 테헤란로", "unreadable", id="number-not-read"),
        pytest.param("서울 강남구 테헤란로", "서울특별시 강남구 테헤란로 123", "unreadable", id="number-not-declared"),
        pytest.param("서울 강남구 테헤란로 123", "", "unreadable", id="empty"),
        pytest.param("서울 강남구 테헤란로 123", "(역삼동)", "unreadable", id="only-reference"),
        # a certificate issued before 2014 gives the 지번; the merchant writes the 도로명 (or the other way round):
        # one building may be numbered 123 on its road and 677-1 in its 동 — nothing to compare, never a mismatch
        pytest.param("서울 강남구 테헤란로 123, 5층 501호", "서울특별시 강남구 역삼동 677-1 5층 501호", "unreadable",
                     id="road-against-lot"),
        pytest.param("서울 강남구 역삼동 677번지", _ADDR, "unreadable", id="lot-with-bunji-against-road"),
        pytest.param("서울 종로구 종로3가 12", "서울특별시 종로구 종로 12", "unreadable",
                     id="lot-in-a-ga-against-road"),
        pytest.param("서울 강남구 역삼동 677-1", "서울특별시 강남구 역삼동 677-2", "mismatch", id="lot-against-lot"),
        pytest.param("서울 강남구 강남대로94길 12", "서울특별시 강남구 강남대로94길 14", "mismatch",
                     id="numbered-road-against-road"),
    ],
)
def test_match_address(declared: str, found: str, status: str) -> None:
    result = m.match_address(declared, found)
    assert result.status == status, result


@pytest.mark.parametrize("comma", [",", ";", "；", "，"])
def test_the_comma_after_the_building_number_is_read_whole_as_any_of_its_shapes(comma: str) -> None:
    # a whole match (score 1), which a second read needs to settle a field: a scan's crop read the comma ";"
    declared = "경기도 고양시 일산동구 중앙로 347-18, 에이스하이테크시티 15층 1511호 (장항동)"
    result = m.match_address(declared, declared.replace(",", comma))
    assert (result.status, result.score) == ("match", 1.0)


def test_address_threshold_sides() -> None:
    # ADDRESS_MATCH: two typical confusions in a 7-syllable body pass, three do not (review, never mismatch).
    base = "서울 강남구 테헤란로 1"
    two = m.match_address(base, "서울 강낭그 테헤란로 1")
    three = m.match_address(base, "서울 강낭그 테헤란르 1")
    assert two.status == "match" and two.score >= m.ADDRESS_MATCH
    assert three.status == "unreadable" and three.score < m.ADDRESS_MATCH


# --- bank book -------------------------------------------------------------------------------------

_PAGE = "보통예금 통장\n계좌번호 110-234-567890\n예금주 주식회사 에이비씨\n신한은행 역삼지점"


@pytest.mark.parametrize(
    ("declared", "page", "status"),
    [
        pytest.param("110-234-567890", _PAGE, "match", id="same-hyphens"),
        pytest.param("110234567890", _PAGE, "match", id="no-hyphens"),
        pytest.param("110 234 567890", "계좌번호 110234-56-7890", "match", id="other-grouping"),
        pytest.param("１１０２３４５６７８９０", "계좌 110 234 567890", "match", id="fullwidth-spaces"),
        pytest.param("110-234-567891", _PAGE, "mismatch", id="last-digit-not-confusable"),
        pytest.param("110-234-567898", _PAGE, "unreadable", id="last-digit-0-8-confusable"),
        pytest.param("999-888-777666", _PAGE, "mismatch", id="other-account"),
        pytest.param("110-234-5678901", _PAGE, "unreadable", id="no-same-length-number"),
        pytest.param("110-234-567890", "", "unreadable", id="empty-page"),
        pytest.param("", _PAGE, "unreadable", id="empty-declared"),
        pytest.param("110-234-567890", "2024 110 234 567890", "match", id="date-before"),
        # a sample scan lost the hyphens and three digits: a poor read → review, not another account
        pytest.param("0181-27-751577-0", "a 0191277110770.", "unreadable", id="poor-read-3-of-13"),
        pytest.param("0181-27-751577-0", "a 0191277110777.", "mismatch", id="poor-read-4-of-13"),
        pytest.param("0181-27-751577-0", "계좌번호 0181-27-751573-0", "mismatch", id="clean-read-one-digit"),
    ],
)
def test_match_account(declared: str, page: str, status: str) -> None:
    assert m.match_account(declared, page).status == status


@pytest.mark.parametrize(
    ("declared", "page", "kwargs", "status"),
    [
        pytest.param("(주)에이비씨", _PAGE, {}, "match", id="company-on-page"),
        pytest.param("에이비씨 주식회사", _PAGE, {}, "match", id="form-after"),
        pytest.param("주식회사 에이비씨", "예금주：㈜에이비씨", {}, "match", id="enclosed-ju"),
        pytest.param("에이비씨", "예금주 에이비디", {}, "mismatch", id="other-company"),
        pytest.param("홍길동", "예금주 김철수 계좌번호 123-456", {}, "mismatch", id="other-person"),
        pytest.param("홍길동", "예금주 홍걸동", {}, "unreadable", id="person-confusion"),
        pytest.param("구우연", "계좌. 569-1081 9953-39\n연구\n성 림 구우인\n신규일 : 2022.11.08", {}, "unreadable",
                     id="scanned-bankbook-lookalike"),
        pytest.param(
            "에이비씨(홍길동)", "예금주 홍길동 에이비씨", {"business_name": "에이비씨", "representative": "홍길동"},
            "match", id="composite-parts-swapped",
        ),
        pytest.param(
            "에이비씨(홍길동)", "예금주 에이비씨", {"business_name": "에이비씨", "representative": "홍길동"},
            "mismatch", id="composite-part-missing",
        ),
        pytest.param("홍길동", None, {}, "unreadable", id="none"),
        # 팜 is beyond the model: read exactly (a text layer) it matches; in another syllable's place it is no match
        pytest.param("김팜수", "예금주 김팜수", {}, "match", id="beyond-model-read-exactly"),
        pytest.param("김팜수", "예금주 김감수", {}, "unverifiable", id="beyond-model-other-syllable"),
        # sample bank-book reads: garbled labels still mark the holder line …
        pytest.param("도현석", "금주령 : 한빛 테크 주식회사 귀하 ~", {}, "mismatch", id="label-geumjuryeong"),
        # LABEL_SIMILAR: 성림 is 0.5 from 성명 (a holder label); 가나 is nothing like one
        pytest.param("도현석", "성 림 구우인\n신규일 : 2022.11.08", {}, "mismatch", id="label-seong-rim"),
        pytest.param("도현석", "가 나 구우인\n신규일 : 2022.11.08", {}, "unreadable", id="not-a-label"),
        pytest.param("도현석", "에 금 주 주식회사하늘네트으", {}, "mismatch", id="label-spaced"),
        pytest.param("도현석", "48 ㆍ 솔뚜경물 ( 류결태 ) 님", {}, "mismatch", id="suffix-nim"),
        pytest.param("한빛테크 주식회사", "금주령 : 한빛 테크 주식회사 귀하 ~", {}, "match", id="label-genuine"),
        # … and a page without a legible holder line is review, not a mismatch
        pytest.param("(주)미소코리아", "제일은행 자유 적립식 통장\n1 ¥ 나 $65\n신 규 일 : 20220601", {},
                     "unreadable", id="holder-line-unreadable"),
        pytest.param("지지가", "계좌번호 : 209-7587-0364-85\n성 명소:\n~ 지\n신규일 : 2009 년", {},
                     "unreadable", id="holder-value-one-syllable"),
        pytest.param("도현석", "상품명 : 기업자유 예금\n관 리 점 : 여의도 지점", {}, "unreadable",
                     id="other-labels-only"),
    ],
)
def test_match_holder(declared: str, page: str | None, kwargs: dict[str, str], status: str) -> None:
    assert m.match_holder(declared, page, **kwargs).status == status


def test_match_score_to_dict() -> None:
    d = m.match_name("에이비씨", "에이비씨").to_dict()
    assert d == {"status": "match", "score": 1.0, "detail": "일치"}


def test_a_date_read_with_a_short_year_is_review_not_a_crash() -> None:
    """A year read as 0210 is not comparable by strftime; no certificate predates 1900."""
    from pgdocs.ocr.match import match_date

    res = match_date("2010-05-04", "0210년 5월 4일")  # 2 read as 0: a year 210 (strftime gives "210")
    assert res.status == "unreadable"
