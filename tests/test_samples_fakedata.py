"""Fictional merchant data: check digits, kinds, tampering, determinism."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgdocs.ids import brn, crn
from pgdocs.record import record_from_dict
from pgdocs.samples import fakedata
from pgdocs.samples.fakedata import KINDS, make_business, seeded, tampered_records


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        pytest.param("1248100998", True, id="124-81-00998"),
        pytest.param("1168200276", True, id="116-82-00276"),
        pytest.param("1348672683", True, id="134-86-72683"),
        pytest.param("1388183251", True, id="138-81-83251"),
        pytest.param("1168200277", False, id="116-82-00277-bad"),
    ],
)
def test_brn_check_digit_matches_domain_examples(number: str, ok: bool) -> None:
    assert (fakedata.brn_check_digit(number[:9]) == int(number[9])) is ok


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("1101116638542", id="110111-6638542"),
        pytest.param("1311110541796", id="131111-0541796"),
        pytest.param("1101110414758", id="dart"),
        pytest.param("1101117654323", id="110111-7654323"),
    ],
)
def test_crn_check_digit_matches_domain_examples(number: str) -> None:
    assert fakedata.crn_check_digit(number[:12]) == int(number[12])


_MIDDLE_OK: dict[str, Callable[[int], bool]] = {
    "general": lambda m: 1 <= m <= 79,
    "simple": lambda m: 1 <= m <= 79,
    "exempt": lambda m: 90 <= m <= 99,
    "corporation_head": lambda m: m in (81, 86, 87, 88),
    "corporation_branch": lambda m: m == 85,
}


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**9), kind=st.sampled_from(KINDS))
def test_generated_numbers_are_valid_for_their_kind(seed: int, kind: str) -> None:
    bd = make_business(seeded(seed), kind)
    assert brn.is_valid(bd.business_number)
    assert bd.business_number == brn.format(bd.business_number)
    assert _MIDDLE_OK[kind](int(bd.business_number[4:6]))
    if bd.is_corporation:
        assert bd.corporate_number is not None and crn.is_valid(bd.corporate_number)
        assert bd.birth_date is None
    else:
        assert bd.corporate_number is None and bd.birth_date is not None
    assert bd.opening_date <= bd.issue_date
    assert len(bd.business_type) == len(bd.business_item) >= 1


@pytest.mark.parametrize("kind", KINDS)
def test_record_section_loads_as_a_merchant_record(kind: str) -> None:
    bd = make_business(seeded(f"rec-{kind}"), kind)
    rec = record_from_dict({"business": bd.record()})
    assert rec.business.business_number == bd.business_number
    assert rec.business.entity == ("corporation" if bd.is_corporation else "individual")
    assert rec.business.opening_date == bd.opening_date
    fields = bd.fields()
    assert fields["address"] == rec.business.address
    assert dt.date.fromisoformat(fields["issue_date"]) == bd.issue_date
    assert (fields["head_office_address"] is not None) == bd.is_corporation


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_tampered_record_differs_in_exactly_one_field(kind: str, seed: int) -> None:
    rng = seeded(f"t{seed}")
    bd = make_business(rng, kind)
    genuine = bd.record()
    tampered = tampered_records(rng, bd)
    expected = set(fakedata.TAMPERABLE) - (set() if bd.is_corporation else {"corporate_number"})
    assert {t["tampered_field"] for t in tampered} == expected
    for t in tampered:
        diff = {k for k in genuine if genuine[k] != t["record"].get(k)}
        assert diff == {t["tampered_field"]}, t
        record_from_dict({"business": t["record"]})  # still a loadable record
        if t["tampered_field"] == "business_number":
            assert brn.is_valid(t["record"]["business_number"])
        if t["tampered_field"] == "corporate_number":
            assert crn.is_valid(t["record"]["corporate_number"])
        if t["tampered_field"] == "business_name":
            assert fakedata._name_key(t["record"]["business_name"]) != fakedata._name_key(bd.business_name)


def test_address_tamper_changes_only_the_building_number() -> None:
    rng = seeded("addr")
    bd = make_business(rng, "general")
    t = next(x for x in tampered_records(rng, bd) if x["tampered_field"] == "address")
    a, b = bd.address.text(), t["record"]["address"]
    assert a != b
    assert a.split(",")[0].rsplit(" ", 1)[0] == b.split(",")[0].rsplit(" ", 1)[0]  # same road
    assert a.split(" (")[-1] == b.split(" (")[-1]  # same 참고항목


def test_same_seed_same_business_other_seed_differs() -> None:
    a = make_business(seeded(42), "corporation_branch")
    b = make_business(seeded(42), "corporation_branch")
    c = make_business(seeded(43), "corporation_branch")
    assert a == b
    assert a.fields() != c.fields()


def test_a_minority_of_names_use_syllables_tesseract_kor_cannot_emit() -> None:
    from pgdocs.ocr.charset import representable

    rare = 0
    n = 200
    for i in range(n):
        bd = make_business(seeded(f"rare{i}"), KINDS[i % len(KINDS)])
        if not all(representable(ch) for ch in bd.business_name + bd.representative):
            rare += 1
    assert 0.05 * n < rare < 0.4 * n
    for ch in "팜숯쿤똠":
        assert not representable(ch)


@pytest.mark.parametrize(
    ("literal", "number", "expected"),
    [
        pytest.param(
            "서울특별시 마포구 양화로 45, 3층 (서교동)",
            46,
            "서울특별시 마포구 양화로 46, 3층 (서교동)",
            id="ro",
        ),
        pytest.param(
            "경기도 파주시 회동길 447-2 (문발동)", 448, "경기도 파주시 회동길 448-2 (문발동)", id="gil-sub"
        ),
        pytest.param(
            "부산광역시 해운대구 센텀중앙로 79", 80, "부산광역시 해운대구 센텀중앙로 80", id="no-detail"
        ),
        pytest.param(
            "대전광역시 유성구 대학로291번길 12", 13, "대전광역시 유성구 대학로291번길 13", id="beongil"
        ),
    ],
)
def test_literal_address_changes_only_the_building_number(literal: str, number: int, expected: str) -> None:
    addr = fakedata.LiteralAddress(literal)
    assert addr.number == number - 1
    assert addr.text(number=number) == expected
    assert addr.text() == literal


def test_module_doctests() -> None:
    import doctest

    from pgdocs.samples import certificates

    for mod in (fakedata, certificates):
        result = doctest.testmod(mod)
        assert result.failed == 0 and result.attempted > 0, mod.__name__


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        pytest.param(
            "서울특별시 강남구 테헤란로 1",
            {"강남", "역삼", "서초", "삼성", "종로", "중부", "마포", "영등포", "송파", "성동"},
            id="seoul",
        ),
        pytest.param("제주특별자치도 제주시 중앙로 2", {"제주"}, id="jeju"),
        pytest.param("부산광역시 해운대구 우동 3", {"부산진", "해운대"}, id="busan"),
    ],
)
def test_tax_office_follows_the_address(address: str, allowed: set[str]) -> None:
    rng = seeded(address)
    assert {fakedata.tax_office_for(address, rng) for _ in range(20)} <= allowed


def test_generated_tax_office_matches_the_business_address() -> None:
    for i in range(30):
        bd = make_business(seeded(f"office{i}"), "general")
        region_offices = [
            offices
            for region, offices in fakedata._TAX_OFFICES.items()
            if bd.address.text().startswith(region)
        ]
        assert region_offices and bd.tax_office in region_offices[0]
