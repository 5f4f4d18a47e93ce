"""Company/person name keys (pgdocs.names), 시·도 data and address parsing. All names fictional."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pgdocs.address import load_sido, parse_address, sido_of
from pgdocs.hangul import is_confusion
from pgdocs.names import canonical_company, canonical_person, company_form, name_key, same_holder
from pgdocs.ocr import match as m
from pgdocs.ocr.charset import KOR_SYLLABLES

_SYLLABLES = sorted(KOR_SYLLABLES)


@pytest.mark.parametrize(
    ("name", "key", "form"),
    [
        pytest.param("(주)에이비씨", "에이비씨", "주식회사", id="ju-prefix"),
        pytest.param("에이비씨 주식회사", "에이비씨", "주식회사", id="jusikhoesa-suffix"),
        pytest.param("㈜에이비씨", "에이비씨", "주식회사", id="enclosed"),
        pytest.param("（주）에이비씨", "에이비씨", "주식회사", id="fullwidth-brackets"),
        pytest.param("[주]에이비씨", "에이비씨", "주식회사", id="square-brackets"),
        pytest.param("에이비씨(유)", "에이비씨", "유한회사", id="yu-suffix"),
        pytest.param("㈲에이비씨", "에이비씨", "유한회사", id="enclosed-yu"),
        pytest.param("유한책임회사 에이비씨", "에이비씨", "유한책임회사", id="llc"),
        pytest.param("에이비씨 합명회사", "에이비씨", "합명회사", id="hapmyeong"),
        pytest.param("(사)바다사랑", "바다사랑", "사단법인", id="association"),
        pytest.param("에이비씨 Co., Ltd.", "에이비씨", "주식회사", id="english-form"),
        pytest.param("바다상회", "바다상회", None, id="no-form"),
        pytest.param("( 쥐다온", "다온", "주식회사", id="ocr-jwi"),
        pytest.param("(추)가나", "가나", "주식회사", id="ocr-chu"),
        pytest.param("주원상사", "주원상사", None, id="ju-without-bracket-kept"),
        pytest.param("주식회사", "주식회사", None, id="only-a-form"),
        pytest.param("에이비씨(서울지점)", "에이비씨(서울지점)", None, id="branch-kept"),
        pytest.param(unicodedata.normalize("NFD", "주식회사 바다"), "바다", "주식회사", id="nfd"),
    ],
)
def test_canonical_company(name: str, key: str, form: str | None) -> None:
    assert canonical_company(name) == key
    assert company_form(name) == form


@pytest.mark.parametrize(
    ("name", "key"),
    [
        pytest.param("홍길동", "홍길동", id="plain"),
        pytest.param("홍 길 동", "홍길동", id="spaced"),
        pytest.param("홍길동 외 2명", "홍길동", id="others"),
        pytest.param("홍길동외1인", "홍길동", id="others-in"),
        pytest.param("홍길동 외2멍", "홍길동", id="others-misread"),
        # 외 itself misread (nts low-resolution and uneven-light pages, bench/ocr.py seed 4)
        pytest.param("차은현 의 2 명", "차은현", id="others-oe-read-ui"),
        pytest.param("전자민 화 2 명", "전자민", id="others-oe-read-hwa"),
        # phone photos and faxes of nts pages (bench/ocr.py seed 409): a dash before the digit, 명 read 병, the digit
        # lost or read ㄱ (a serif 1)
        pytest.param("주영영 와 -2 명", "주영영", id="others-dash"),
        pytest.param("양성민외 1 병", "양성민", id="others-byeong"),
        pytest.param("이하선외 명", "이하선", id="others-digit-lost"),
        pytest.param("이하선 외명", "이하선", id="others-digit-lost-spaced"),
        pytest.param("이하선외 ㄱ 명", "이하선", id="others-one-read-giyeok"),
        # a name that ends in 외명/화명 is a name: only a digit, or 외 set apart after two syllables or more, makes
        # the suffix
        pytest.param("김외명", "김외명", id="name-ending-oemyeong"),
        pytest.param("이화명", "이화명", id="name-ending-hwamyeong"),
        pytest.param("김 외명", "김외명", id="name-ending-oemyeong-read-apart"),
        pytest.param("김외 명", "김외명", id="name-ending-oemyeong-read-apart-after"),
        pytest.param("KIM Minsu", "kimminsu", id="latin"),
    ],
)
def test_canonical_person(name: str, key: str) -> None:
    assert canonical_person(name) == key


@pytest.mark.parametrize(
    ("holder", "business", "rep", "same"),
    [
        pytest.param("주식회사 에이비씨", "(주)에이비씨", "홍길동", True, id="company-forms"),
        pytest.param("홍길동", "에이비씨", "홍길동", True, id="representative"),
        pytest.param("에이비씨(홍길동)", "에이비씨", "홍길동", True, id="business-rep-brackets"),
        pytest.param("홍길동(에이비씨)", "에이비씨", "홍길동", True, id="rep-business"),
        pytest.param("에이비씨 대표 홍길동", "에이비씨", "홍길동", True, id="with-title"),
        pytest.param("김철수", "에이비씨", "홍길동", False, id="someone-else"),
        pytest.param("에이비씨상사", "에이비씨", "홍길동", False, id="longer-name"),
        pytest.param("", "에이비씨", "홍길동", False, id="empty"),
        pytest.param("에이비씨(홍길동)", "에이비씨", None, False, id="no-representative"),
    ],
)
def test_same_holder(holder: str, business: str, rep: str | None, same: bool) -> None:
    assert same_holder(holder, business, rep) is same


def test_sido_data_complete() -> None:
    sido = load_sido()
    assert len(sido) == 17
    names = {s.name for s in sido}
    assert {"강원특별자치도", "전북특별자치도", "세종특별자치시", "제주특별자치도"} <= names
    aliases = [a for s in sido for a in s.aliases]
    assert len(aliases) == len(set(aliases)), "an alias must name one 시·도"
    assert "광주시" not in aliases  # 경기도 광주시 is a city in 경기도
    covered = sorted(int(p) for s in sido for p in range(int(s.postal[0]), int(s.postal[1]) + 1))
    assert covered == list(range(1, 64))


@pytest.mark.parametrize(
    ("text", "sido"),
    [
        pytest.param("서울강남구", "서울특별시", id="seoul"),
        pytest.param("경기도성남시", "경기도", id="gyeonggi-do"),
        pytest.param("경기성남시", "경기도", id="gyeonggi"),
        pytest.param("전라북도전주시", "전북특별자치도", id="jeonbuk-former"),
        pytest.param("제주도제주시", "제주특별자치도", id="jeju-former"),
        pytest.param("광주시오포읍", None, id="gwangju-si-not-metropolitan"),
        pytest.param("강남구", None, id="none"),
        pytest.param("감원틈별자치도춘천시", "강원특별자치도", id="fuzzy-fax-read"),
        pytest.param("서을특별시강남구", "서울특별시", id="fuzzy-one-jamo"),
        pytest.param("서울득별시종로구", "서울특별시", id="fuzzy-beats-short-form"),
        pytest.param("춘천시중앙로", None, id="fuzzy-no-false-hit"),
    ],
)
def test_sido_of(text: str, sido: str | None) -> None:
    assert sido_of(text)[0] == sido


@pytest.mark.parametrize(("text", "style"), [
    ("서울 강남구 테헤란로 123, 5층", "road"),
    ("서울 강남구 강남대로94길 10", "road"),
    ("부산 부산진구 중앙대로10번길 5", "road"),
    ("서울 강남구 역삼동 677-1", "lot"),
    ("서울 종로구 신문로1가 12", "lot"),
    ("경기도 양평군 양평읍 봉명리 12", "lot"),
    ("서울 마포구 123번지", "lot"),
    ("서울 강남구 테헤란루 123", None),  # a misread road name: cannot tell
    ("경기도 양평군 양평읍 산 12", "lot"),
    ("울산 123", None),  # the 산 of a city's name is no mountain lot
])
def test_address_style(text: str, style: str | None) -> None:
    assert parse_address(text).style == style


def test_parse_address_parts() -> None:
    a = parse_address("(06234) 서울 강남구 강남대로94길 10, 101동 지하1층 B102호 (역삼동")
    assert a.sido == "서울특별시"
    assert a.body == "강남구강남대로94길"
    assert (a.building, a.dongs, a.floors, a.units) == (("10",), ("101",), ("-1",), ("B102",))
    assert parse_address("지하 102호").units == parse_address("B102호").units == ("B102",)


@pytest.mark.parametrize(
    ("bare", "body"),
    [
        ("부산 해운대구 센텀중앙로 159, 3층 308호 우동", "해운대구센텀중앙로"),
        ("전북 전주시 완산구 홍산로 175, 10층 1005호 효자동 3가", "전주시완산구홍산로"),
        ("서울 마포구 양화로 45 서교동", "마포구양화로"),
        ("서울 마포구 양화로 45 서교빌딩", "마포구양화로서교빌딩"),  # a building name is not a 참고항목
        ("서울 마포구 서교동", "마포구서교동"),  # no number: the 동 is the address itself
        # only the opening bracket lost (a held-out NTS scan)
        ("전북 전주시 완산구 홍산로 125, 10층 1011호 효자동 3가 )", "전주시완산구홍산로"),
    ],
)
def test_reference_without_brackets(bare: str, body: str) -> None:
    assert parse_address(bare).body == body


@pytest.mark.parametrize(
    ("text", "building", "floors"),
    [
        pytest.param("홍산로 280.3, 12층", ("280-3",), ("12",), id="hyphen-read-as-a-dot"),
        pytest.param("홍산로 280-3, 12층", ("280-3",), ("12",), id="hyphen"),
        pytest.param("테헤란로 125.10층", ("125",), ("10",), id="dot-before-a-floor-is-not-a-hyphen"),
    ],
)
def test_building_number_hyphen_read_as_a_dot(text: str, building: tuple[str, ...], floors: tuple[str, ...]) -> None:
    a = parse_address(text)
    assert (a.building, a.floors) == (building, floors)


# --- properties --------------------------------------------------------------------------------------

_names = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=8).map("".join)
_forms = st.sampled_from(["(주){}", "㈜ {}", "주식회사 {}", "{} 주식회사", "{}(주)", "{}（주）", "주식회사{}", "{}"])


@settings(max_examples=150, deadline=None)
@given(name=_names, declared_form=_forms, found_form=_forms)
def test_name_matches_itself_in_any_company_form(name: str, declared_form: str, found_form: str) -> None:
    assume(canonical_company(name) == name)  # a random name that itself ends in 회사 etc. is not the point
    result = m.match_name(declared_form.format(name), found_form.format(name), kind="company")
    assert result.status == "match"
    assert result.score == 1.0


@settings(max_examples=100, deadline=None)
@given(name=_names, other=_names)
def test_nfd_same_as_nfc(name: str, other: str) -> None:
    nfd = unicodedata.normalize("NFD", name)
    assert m.match_name(nfd, other) == m.match_name(name, other)
    assert m.match_name(name, nfd).status == "match"
    assert name_key(nfd) == name_key(name)


@settings(max_examples=200, deadline=None)
@given(name=_names, data=st.data())
def test_one_representable_change_is_mismatch(name: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(name) - 1))
    new = data.draw(st.sampled_from(_SYLLABLES))
    assume(new != name[i] and not is_confusion(name[i], new))
    changed = name[:i] + new + name[i + 1:]
    assume(canonical_company(name) == name and canonical_company(changed) == changed)
    assert m.match_name(name, changed).status == "mismatch"
    assert m.match_name(name, changed, kind="person").status == "mismatch"


@settings(max_examples=100, deadline=None)
@given(name=_names, data=st.data())
def test_one_confusion_is_never_mismatch(name: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(name) - 1))
    options = [s for s in _SYLLABLES if is_confusion(name[i], s)]
    assume(options)
    changed = name[:i] + data.draw(st.sampled_from(options)) + name[i + 1:]
    assume(canonical_company(name) == name and canonical_company(changed) == changed)
    assert m.match_name(name, changed).status in ("match", "unreadable")


@settings(max_examples=100, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=10, max_size=14), seps=st.lists(
    st.sampled_from(["-", " ", ""]), min_size=14, max_size=14))
def test_account_any_hyphenation(digits: str, seps: list[str]) -> None:
    spelled = "".join(d + s for d, s in zip(digits, seps, strict=False)).strip(" -")
    assert m.match_account(digits, f"계좌번호 {spelled} 예금주 홍길동").status == "match"


def _degraded_reads() -> list[dict[str, str]]:
    path = Path(__file__).parent / "fixtures" / "match" / "degraded_reads.json"
    rows: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["reads"]
    return rows


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{r['font']}-{r['degradation']}-{i}") for i, r in enumerate(_degraded_reads())]
)
def test_recorded_degraded_reads_never_mismatch(row: dict[str, str]) -> None:
    # Genuine names misread on blurred/fax/JPEG images: review at worst, never a confident mismatch.
    assert m.match_name(row["declared"], row["read"], kind=row["kind"]).status != "mismatch"


@pytest.mark.parametrize(
    ("declared", "read", "kind", "status"),
    [
        # the whole declared name read with more around it: a syllable of the label before it and one read twice
        # (a photo of a page that did not lie flat: "( 대표 유령) 유 심다호호" for "(대표유형) 심다호")
        pytest.param("심다호", "유 심다호호", "person", "unreadable", id="name-inside-more"),
        pytest.param("심다호", "심다호호", "person", "unreadable", id="last-syllable-twice"),
        # …but a name that is not all there is another person, and a longer shop name another shop
        pytest.param("심다호", "유 심다오호", "person", "mismatch", id="other-name-inside-more"),
        # part of the name and nothing else: the rest taken for a label ("성명 : 성영진", 성영 a misread of 성명)
        pytest.param("성영진", "진", "person", "unreadable", id="name-tail-only"),
        pytest.param("성영진", "성영", "person", "unreadable", id="name-head-only"),
        pytest.param("성영진", "박", "person", "mismatch", id="other-syllable-only"),
        pytest.param("온새미로", "온새미로스토어", "company", "mismatch", id="longer-company"),
    ],
)
def test_name_read_with_more_around_it(declared: str, read: str, kind: str, status: str) -> None:
    assert m.match_name(declared, read, kind=kind).status == status
