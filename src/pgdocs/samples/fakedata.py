"""Fictional merchant data for sample certificates and bank books.

Everything is invented and seeded (``random.Random(seed)``), so the same seed
gives the same businesses. Numbers carry valid check digits (docs/identifiers.md#brn-check-digit,
#crn-check-digit); a minority of names use Hangul syllables that Debian's Korean Tesseract
model cannot emit (팜, 숯, 쿤, 똠 …) so matchers meet them too.

>>> bd = make_business(random.Random(7), "general")
>>> brn_check_digit(bd.business_number.replace("-", "")[:9]) == int(bd.business_number[-1])
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from typing import Literal, TypedDict

from pgdocs.ids import brn, crn


class CertificateFields(TypedDict):
    """The truth ``fields`` of a page (dates YYYY-MM-DD, numbers hyphenated, absent → None)."""

    business_number: str
    business_name: str
    representative: str
    birth_date: str | None
    opening_date: str
    corporate_number: str | None
    address: str
    head_office_address: str | None
    business_type: list[str]
    business_item: list[str]
    issue_date: str
    tax_office: str


class TamperedRecord(TypedDict):
    tampered_field: str
    record: dict[str, str]  #: the record's ``business`` section, one field differing from the page


class ChangedRecord(TypedDict):
    changed_field: str
    change: str  #: how it differs ("lookalike_syllable", "other_syllable", "digit" …)
    record: dict[str, str]


Kind = Literal["general", "simple", "exempt", "corporation_head", "corporation_branch"]
KINDS: tuple[Kind, ...] = ("general", "simple", "corporation_head", "corporation_branch", "exempt")
KIND_SUBTITLES: dict[str, str] = {
    "general": "일반과세자",
    "simple": "간이과세자",
    "exempt": "면세사업자",
    "corporation_head": "법인사업자",
    "corporation_branch": "법인사업자",
}


def seeded(seed: object) -> random.Random:
    """A deterministic generator for fictional data (not for anything secret)."""
    return random.Random(str(seed))  # noqa: S311 - fictional samples, never security


# ----------------------------------------------------------------------------- numbers

def brn_check_digit(first9: str) -> int:
    """Check digit of a 사업자등록번호 from its first nine digits (:func:`pgdocs.ids.brn.calc_check_digit`).

    >>> brn_check_digit("124810099")
    8
    >>> brn_check_digit("116820027")
    6
    """
    return int(brn.calc_check_digit(first9))


def crn_check_digit(first12: str) -> int:
    """Check digit of a 법인등록번호 (:func:`pgdocs.ids.crn.calc_check_digit`).

    >>> crn_check_digit("110111663854")
    2
    >>> crn_check_digit("131111054179")
    6
    """
    return int(crn.calc_check_digit(first12))


_MIDDLE: dict[str, tuple[int, ...]] = {
    "general": tuple(range(1, 80)),
    "simple": tuple(range(1, 80)),
    "exempt": tuple(range(90, 100)),
    "corporation_head": (81, 86, 87, 88),
    "corporation_branch": (85,),
}


def make_brn(rng: random.Random, kind: str) -> str:
    """A valid, hyphenated 사업자등록번호 whose middle digits fit ``kind``."""
    head = rng.randint(101, 899)
    mid = rng.choice(_MIDDLE[kind])
    serial = rng.randint(1, 9999)
    first9 = f"{head:03d}{mid:02d}{serial:04d}"
    return f"{first9[:3]}-{first9[3:5]}-{first9[5:]}{brn_check_digit(first9)}"


_CRN_OFFICES = ("1101", "1311", "1345", "1358", "1201", "1801", "1601", "2001", "1711", "2841")


def make_crn(rng: random.Random, company_form: str = "11") -> str:
    """A valid, hyphenated 법인등록번호 (등기관서 + 법인종류 + serial + check)."""
    first12 = f"{rng.choice(_CRN_OFFICES)}{company_form}{rng.randint(1, 999999):06d}"
    full = f"{first12}{crn_check_digit(first12)}"
    return f"{full[:6]}-{full[6:]}"


def other_brn(rng: random.Random, brn: str) -> str:
    """Another valid number with the same type digits, differing in the serial (a tampered number)."""
    digits = brn.replace("-", "")
    while True:
        serial = f"{rng.randint(1, 9999):04d}"
        first9 = digits[:5] + serial
        if first9 != digits[:9]:
            cand = first9 + str(brn_check_digit(first9))
            return f"{cand[:3]}-{cand[3:5]}-{cand[5:]}"


def other_crn(rng: random.Random, crn: str) -> str:
    """Another valid 법인등록번호 with the same office and company form."""
    digits = crn.replace("-", "")
    while True:
        first12 = digits[:6] + f"{rng.randint(1, 999999):06d}"
        if first12 != digits[:12]:
            full = first12 + str(crn_check_digit(first12))
            return f"{full[:6]}-{full[6:]}"


# ----------------------------------------------------------------------------- names

_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현"
)
_GIVEN = (
    "민서준우지현수연하윤도예은재영서진시우유나채원태희정훈승민동현상철미경성호혜진선영다은주원소연"
    "가람나래보람슬기한결새롬"
)
#: given-name syllables outside tesseract kor's set (used for a minority of names)
_GIVEN_RARE = ("쁨", "뇽", "꽁", "쌤", "쿤", "얌")
_SHOP_ROOTS = (
    "햇살",
    "푸른",
    "바다",
    "하늘",
    "온새미로",
    "다온",
    "라온",
    "소담",
    "늘봄",
    "한빛",
    "새봄",
    "마루",
    "가온",
    "별빛",
    "초록",
    "들꽃",
    "미소",
    "나무",
    "모래",
    "구름",
    "달빛",
    "오름",
    "한결",
    "고운",
    "바른",
)
#: roots with syllables kor cannot emit (팜, 숯, 쿤, 똠 …)
_SHOP_ROOTS_RARE = ("팜", "숯불", "쿤", "똠얌", "딥블루", "챗봇", "솥뚜껑", "찻잎", "텃밭", "꿍")
_SHOP_SUFFIX = (
    "상회",
    "스토어",
    "마켓",
    "상사",
    "공방",
    "푸드",
    "디자인",
    "리빙",
    "몰",
    "농원",
    "베이커리",
    "커피",
    "컴퍼니",
    "플라워",
    "유통",
    "키친",
    "서점",
    "문구",
)
_CORP_FORMS = ("주식회사 {n}", "(주){n}", "{n} 주식회사", "㈜{n}", "유한회사 {n}")


def person_name(rng: random.Random, *, rare: bool = False) -> str:
    surname = rng.choice(_SURNAMES)
    a = rng.choice(_GIVEN)
    b = rng.choice(_GIVEN_RARE) if rare else rng.choice(_GIVEN)
    return surname + a + b


def shop_name(rng: random.Random, *, rare: bool = False) -> str:
    root = rng.choice(_SHOP_ROOTS_RARE if rare else _SHOP_ROOTS)
    return root + rng.choice(_SHOP_SUFFIX)


def corporation_name(rng: random.Random, *, rare: bool = False) -> str:
    root = rng.choice(_SHOP_ROOTS_RARE if rare else _SHOP_ROOTS) + rng.choice(
        ("코리아", "테크", "글로벌", "홀딩스", "푸드", "랩", "네트웍스", "커머스", "엔터프라이즈", "")
    )
    return rng.choice(_CORP_FORMS).format(n=root)


# ----------------------------------------------------------------------------- addresses

# (시·도, postal prefix range, [(시군구, [(도로명, 동)])])
_REGIONS: tuple[tuple[str, tuple[int, int], tuple[tuple[str, tuple[tuple[str, str], ...]], ...]], ...] = (
    (
        "서울특별시",
        (1, 9),
        (
            (
                "강남구",
                (("테헤란로", "역삼동"), ("논현로", "논현동"), ("선릉로", "대치동"), ("도산대로", "신사동")),
            ),
            ("마포구", (("월드컵북로", "성산동"), ("양화로", "서교동"), ("독막로", "상수동"))),
            ("종로구", (("종로", "관철동"), ("새문안로", "신문로1가"))),
            ("성동구", (("성수이로", "성수동2가"), ("왕십리로", "행당동"))),
        ),
    ),
    (
        "경기도",
        (10, 20),
        (
            ("성남시 분당구", (("판교역로", "백현동"), ("황새울로", "수내동"))),
            ("수원시 영통구", (("광교중앙로", "하동"), ("봉영로", "영통동"))),
            ("고양시 일산동구", (("중앙로", "장항동"),)),
            ("파주시", (("회동길", "문발동"),)),
        ),
    ),
    (
        "부산광역시",
        (46, 49),
        (
            ("해운대구", (("센텀중앙로", "우동"), ("해운대로", "중동"))),
            ("부산진구", (("중앙대로", "부전동"),)),
        ),
    ),
    (
        "인천광역시",
        (21, 23),
        (("연수구", (("컨벤시아대로", "송도동"),)), ("남동구", (("인주대로", "구월동"),))),
    ),
    ("대전광역시", (34, 35), (("유성구", (("대학로", "궁동"), ("엑스포로", "도룡동"))),)),
    ("제주특별자치도", (63, 63), (("제주시", (("중앙로", "이도이동"), ("연북로", "노형동"))),)),
    ("강원특별자치도", (24, 26), (("춘천시", (("중앙로", "중앙로1가"),)),)),
    ("전북특별자치도", (54, 56), (("전주시 완산구", (("홍산로", "효자동3가"),)),)),
)
_BUILDINGS = (
    "",
    "",
    "",
    "한빛빌딩",
    "미래타워",
    "센트럴프라자",
    "그린오피스텔",
    "에이스하이테크시티",
    "우리빌딩 별관",
)


@dataclasses.dataclass(frozen=True)
class Address:
    """A fictional road-name address, split so a tamper can change just the building number."""

    region: str
    district: str
    road: str
    number: int
    sub_number: int
    building: str
    floor: int
    room: int
    dong: str
    postal_code: str

    def text(self, *, number: int | None = None) -> str:
        num = self.number if number is None else number
        main = f"{self.region} {self.district} {self.road} {num}"
        if self.sub_number:
            main += f"-{self.sub_number}"
        detail = " ".join(
            p
            for p in (
                self.building,
                f"{self.floor}층" if self.floor else "",
                f"{self.room}호" if self.room else "",
            )
            if p
        )
        if detail:
            main += f", {detail}"
        return f"{main} ({self.dong})"


_BUILDING_NO = re.compile(r"((?:로|길|대로)\d*(?:번길)?\s+)(\d+)")


@dataclasses.dataclass(frozen=True)
class LiteralAddress:
    """An address given as text (a merchant record, a truth file), printed as is."""

    literal: str
    postal_code: str = ""

    @property
    def number(self) -> int:
        m = _BUILDING_NO.search(self.literal)
        return int(m.group(2)) if m else 0

    def text(self, *, number: int | None = None) -> str:
        if number is None:
            return self.literal
        return _BUILDING_NO.sub(lambda m: f"{m.group(1)}{number}", self.literal, count=1)


def make_address(rng: random.Random) -> Address:
    region, (lo, hi), districts = rng.choice(_REGIONS)
    district, roads = rng.choice(districts)
    road, dong = rng.choice(roads)
    floor = rng.choice((0, 1, 2, 3, 4, 5, 7, 10, 12, 15))
    room = (floor * 100 + rng.randint(1, 12)) if floor and rng.random() < 0.7 else 0
    return Address(
        region=region,
        district=district,
        road=road,
        number=rng.randint(1, 480),
        sub_number=rng.choice((0, 0, 0, rng.randint(1, 30))),
        building=rng.choice(_BUILDINGS),
        floor=floor,
        room=room,
        dong=dong,
        postal_code=f"{rng.randint(lo, hi):02d}{rng.randint(0, 999):03d}",
    )


# ----------------------------------------------------------------------------- activities

_ACTIVITIES = (
    ("도매 및 소매업", "전자상거래 소매업"),
    ("소매업", "통신판매업"),
    ("도소매", "의류 소매업"),
    ("도소매", "화장품 및 방향제 소매업"),
    ("서비스업", "소프트웨어 개발 및 공급업"),
    ("정보통신업", "포털 및 기타 인터넷 정보매개 서비스업"),
    ("제조업", "빵류 제조업"),
    ("제조업", "가구 제조업"),
    ("숙박 및 음식점업", "한식 일반 음식점업"),
    ("서비스", "광고 대행업"),
    ("도매", "생활용품 도매업"),
)
_EXEMPT_ACTIVITIES = (
    ("소매업", "서적 소매업"),
    ("소매", "농산물 소매업"),
    ("교육서비스업", "일반 교과 학원"),
    ("소매업", "수산물 소매업"),
    ("출판업", "도서 출판업"),
)
#: 세무서 by 시·도 (the office follows the business address)
_TAX_OFFICES: dict[str, tuple[str, ...]] = {
    "서울": ("강남", "역삼", "서초", "삼성", "종로", "중부", "마포", "영등포", "송파", "성동"),
    "경기": ("분당", "수원", "고양", "파주", "동안양"),
    "부산": ("부산진", "해운대"),
    "인천": ("남인천", "연수"),
    "대전": ("대전", "북대전"),
    "제주": ("제주",),
    "강원": ("춘천",),
    "전북": ("전주",),
}


def tax_office_for(address: str, rng: random.Random) -> str:
    """A plausible 세무서 (without the suffix) for an address, by its 시·도 prefix."""
    for prefix, offices in _TAX_OFFICES.items():
        if address.startswith(prefix):
            return rng.choice(offices)
    return rng.choice([o for offices in _TAX_OFFICES.values() for o in offices])


_REASONS = ("", "", "", "신규", "정정", "재발급", "정정(상호변경)", "재발급(분실)")


def _date_between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


@dataclasses.dataclass
class BusinessData:
    """The facts printed on one fictional 사업자등록증."""

    kind: str
    business_number: str
    business_name: str
    representative: str
    representatives_extra: int
    birth_date: dt.date | None
    opening_date: dt.date
    corporate_number: str | None
    address: Address | LiteralAddress
    head_office: Address | LiteralAddress | None
    business_type: list[str]
    business_item: list[str]
    issue_date: dt.date
    tax_office: str
    issue_reason: str
    co_owners: str
    email: str
    issue_number: str
    holder_style: str = "name"

    @property
    def is_corporation(self) -> bool:
        return self.kind.startswith("corporation")

    @property
    def representative_printed(self) -> str:
        if self.representatives_extra:
            return f"{self.representative} 외 {self.representatives_extra}명"
        return self.representative

    def fields(self) -> CertificateFields:
        """The truth ``fields`` (dates YYYY-MM-DD, numbers hyphenated, absent → None)."""
        head = self.head_office or self.address
        return {
            "business_number": self.business_number,
            "business_name": self.business_name,
            "representative": self.representative,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "opening_date": self.opening_date.isoformat(),
            "corporate_number": self.corporate_number,
            "address": self.address.text(),
            "head_office_address": head.text() if self.is_corporation else None,
            "business_type": list(self.business_type),
            "business_item": list(self.business_item),
            "issue_date": self.issue_date.isoformat(),
            "tax_office": f"{self.tax_office}세무서",
        }

    def record(self, **overrides: str) -> dict[str, str]:
        """The merchant record's ``business`` section declaring the same data."""
        rec: dict[str, str] = {
            "entity": "corporation" if self.is_corporation else "individual",
            "business_number": self.business_number,
            "business_name": self.business_name,
            "representative": self.representative,
            "opening_date": self.opening_date.isoformat(),
            "address": self.address.text(),
            "postal_code": self.address.postal_code,
            "business_type": ", ".join(self.business_type),
            "business_item": ", ".join(self.business_item),
        }
        if not self.is_corporation:
            rec["tax_type"] = self.kind
            if self.birth_date:
                rec["birth_date"] = self.birth_date.isoformat()
        if self.corporate_number:
            rec["corporate_number"] = self.corporate_number
        rec.update(overrides)
        return rec


def make_business(rng: random.Random, kind: str, *, rare: bool | None = None) -> BusinessData:
    """One fictional business of ``kind`` (see :data:`KINDS`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if rare is None:
        rare = rng.random() < 0.2
    corp = kind.startswith("corporation")
    rep = person_name(rng, rare=rare and rng.random() < 0.5)
    name = corporation_name(rng, rare=rare) if corp else shop_name(rng, rare=rare)
    opening = _date_between(rng, dt.date(2005, 1, 1), dt.date(2025, 12, 31))
    issue = _date_between(rng, opening, max(opening, dt.date(2026, 10, 30)))
    address = make_address(rng)
    head = None
    if kind == "corporation_branch":
        head = make_address(rng)
    elif corp:
        head = address
    pool = _EXEMPT_ACTIVITIES if kind == "exempt" else _ACTIVITIES
    acts = rng.sample(pool, k=rng.choice((1, 1, 2, 2, 3, 4)) if len(pool) > 4 else rng.randint(1, 3))
    email = ""
    if kind != "exempt" and rng.random() < 0.5:
        email = f"tax{rng.randint(10, 9999)}@example.{rng.choice(('com', 'co.kr', 'kr'))}"
    return BusinessData(
        kind=kind,
        business_number=make_brn(rng, kind),
        business_name=name,
        representative=rep,
        representatives_extra=rng.choice((0, 0, 0, 1, 2)) if corp else 0,
        birth_date=None if corp else _date_between(rng, dt.date(1955, 1, 1), dt.date(2000, 12, 31)),
        opening_date=opening,
        corporate_number=make_crn(rng, rng.choice(("11", "11", "14"))) if corp else None,
        address=address,
        head_office=head,
        business_type=[a for a, _ in acts],
        business_item=[b for _, b in acts],
        issue_date=issue,
        tax_office=tax_office_for(address.text(), rng),
        issue_reason=rng.choice(_REASONS),
        co_owners=person_name(rng) if (not corp and rng.random() < 0.1) else "",
        email=email,
        issue_number=f"{rng.randint(100, 999)}-{issue.year}-{rng.randint(1, 9)}-{rng.randint(0, 10**9 - 1):09d}",
    )


# ----------------------------------------------------------------------------- tampering

TAMPERABLE = (
    "business_number",
    "business_name",
    "representative",
    "opening_date",
    "address",
    "corporate_number",
)


def _name_key(name: str) -> str:
    for form in ("주식회사", "유한회사", "(주)", "㈜", "(유)", " "):
        name = name.replace(form, "")
    return name


def _tamper_name(rng: random.Random, name: str, fresh: str) -> str:
    if _name_key(fresh) != _name_key(name):
        return fresh
    return name + rng.choice(("상사", "유통", "2호점"))


def tampered_records(rng: random.Random, bd: BusinessData) -> list[TamperedRecord]:
    """Records that each differ from the page in exactly ONE field."""
    out: list[TamperedRecord] = []
    for field in TAMPERABLE:
        if field == "corporate_number" and not bd.corporate_number:
            continue
        if field == "business_number":
            value: str = other_brn(rng, bd.business_number)
        elif field == "business_name":
            fresh = corporation_name(rng) if bd.is_corporation else shop_name(rng)
            value = _tamper_name(rng, bd.business_name, fresh)
        elif field == "representative":
            value = _tamper_name(rng, bd.representative, person_name(rng))
        elif field == "opening_date":
            shift = rng.choice((-400, -35, -1, 1, 31, 365))
            value = (bd.opening_date + dt.timedelta(days=shift)).isoformat()
        elif field == "address":
            delta = rng.choice((1, 2, 10, 11, 100))
            value = bd.address.text(number=bd.address.number + delta)
            if value == bd.address.text():
                continue  # a free-text address without a building number
        else:
            value = other_crn(rng, bd.corporate_number or "")
        out.append({"tampered_field": field, "record": bd.record(**{field: value})})
    return out


# ----------------------------------------------------------------------------- near misses

#: digit pairs OCR confuses (issue 11: 3↔8, 1↔7, 0↔8, 5↔6, 2↔7)
_LOOKALIKE_DIGITS = {"3": "8", "8": "3", "1": "7", "7": "1", "0": "8", "5": "6", "6": "5", "2": "7"}
#: initial consonants that look alike in print (김인수 / 김민수: ㅇ↔ㅁ)
_LOOKALIKE_INITIAL = {"ㅇ": "ㅁ", "ㅁ": "ㅇ", "ㄱ": "ㅋ", "ㅋ": "ㄱ", "ㄷ": "ㅌ", "ㅌ": "ㄷ", "ㅈ": "ㅊ", "ㅊ": "ㅈ",
                      "ㅂ": "ㅍ", "ㅍ": "ㅂ", "ㄴ": "ㄹ", "ㄹ": "ㄴ", "ㅅ": "ㅈ", "ㅎ": "ㅇ"}
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def _syllable_parts(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _emittable(ch: str) -> bool:
    from pgdocs.ocr.charset import representable

    return representable(ch)


def _lookalike_syllable(ch: str) -> str | None:
    """``ch`` with its initial consonant swapped for a look-alike (인 → 민), if the result is common Hangul."""
    parts = _syllable_parts(ch)
    if parts is None:
        return None
    lead, vowel, tail = parts
    other = _LOOKALIKE_INITIAL.get(_INITIALS[lead])
    if other is None:
        return None
    cand = chr(0xAC00 + (_INITIALS.index(other) * 21 + vowel) * 28 + tail)
    return cand if _emittable(cand) else None


def _other_syllable(rng: random.Random, ch: str) -> str:
    """A common syllable at least two jamo away from ``ch`` (민 → 준), one OCR does not mistake for it."""
    a = _syllable_parts(ch)
    pool = [c for c in dict.fromkeys(_GIVEN) if c != ch and _emittable(c)]
    rng.shuffle(pool)
    for c in pool:
        b = _syllable_parts(c)
        if a is None or b is None or sum(x != y for x, y in zip(a, b, strict=True)) >= 2:
            return c
    return "준" if ch != "준" else "민"


def _beyond_model_syllables(ch: str) -> list[str]:
    """Syllables one jamo off ``ch`` that the ``kor`` model cannot emit (군 → 쿤, 암 → 얌): a record naming one of them
    declares what no read can confirm, while the page prints a syllable the model reads well."""
    parts = _syllable_parts(ch)
    if parts is None:
        return []
    lead, vowel, tail = parts
    out = [chr(0xAC00 + (a * 21 + b) * 28 + c) for a, b, c in
           [(x, vowel, tail) for x in range(19)] + [(lead, x, tail) for x in range(21)]
           + [(lead, vowel, x) for x in range(28)] if (a, b, c) != parts]
    # those names are made of first (쿤, 얌, 팜 …), else one of the 2,350 syllables of KS X 1001 (those EUC-KR can
    # encode): one in use, not 뒁
    rare = [c for c in out if c in _RARE_SYLLABLES and not _emittable(c)]
    return rare or [c for c in out if not _emittable(c) and _common_syllable(c)]


_RARE_SYLLABLES = frozenset("".join(_GIVEN_RARE + _SHOP_ROOTS_RARE))


def _common_syllable(ch: str) -> bool:
    try:
        ch.encode("euc-kr")
    except UnicodeEncodeError:
        return False
    return True


def _hangul_positions(text: str, skip: tuple[str, ...] = ()) -> list[int]:
    masked = text
    for s in skip:
        masked = masked.replace(s, "\0" * len(s))
    return [i for i, c in enumerate(masked) if "가" <= c <= "힣"]


_LEGAL_FORMS = ("주식회사", "유한회사")


def _fmt_brn(d: str) -> str:
    return f"{d[:3]}-{d[3:5]}-{d[5:]}"


def changed_records(rng: random.Random, bd: BusinessData) -> list[ChangedRecord]:
    """Records that differ from the page by the SMALLEST change of one field (issue 11, "Done when"): one
    syllable of the representative (a look-alike 김인수/김민수 and another syllable) and of the 상호, one digit
    of the 사업자등록번호 (with its check digit recomputed, so the number is valid), one look-alike digit of the
    법인등록번호 at a weight-2 position (3↔8, 2↔7: the check digit still holds), one look-alike digit of the
    개업연월일 and of the building number; and one syllable of the representative and of the 상호 declared one jamo
    off as a syllable the ``kor`` model cannot emit (김군수 declared 김쿤수: the page's 군 reads well, the declared 쿤
    never can). Each entry: ``{"changed_field", "change", "record"}``.

    Drawn from a generator of its own (seeded by the business number), so adding it changed no other output.
    """
    del rng  # the same page always gets the same near misses
    r = seeded(f"changed:{bd.business_number}:{bd.representative}")
    out: list[ChangedRecord] = []

    def add(fld: str, change: str, value: str) -> None:
        out.append({"changed_field": fld, "change": change, "record": bd.record(**{fld: value})})

    rep = bd.representative
    given = _hangul_positions(rep)[1:] or _hangul_positions(rep)
    for i in sorted(given, key=lambda _: r.random()):
        alt = _lookalike_syllable(rep[i])
        if alt:
            add("representative", "lookalike_syllable", rep[:i] + alt + rep[i + 1:])
            break
    i = r.choice(given)
    add("representative", "other_syllable", rep[:i] + _other_syllable(r, rep[i]) + rep[i + 1:])

    name = bd.business_name
    pos = _hangul_positions(name, _LEGAL_FORMS)
    if pos:
        i = r.choice(pos)
        add("business_name", "other_syllable", name[:i] + _other_syllable(r, name[i]) + name[i + 1:])

    digits = bd.business_number.replace("-", "")
    i = r.choice(range(5, 9))  # a serial digit (the type digits 4–5 keep the kind)
    d = digits[i]
    new = _LOOKALIKE_DIGITS.get(d) or str((int(d) + r.randint(1, 9)) % 10)
    first9 = digits[:i] + new + digits[i + 1:9]
    add("business_number", "one_digit_valid", _fmt_brn(first9 + str(brn_check_digit(first9))))

    if bd.corporate_number:
        c = bd.corporate_number.replace("-", "")
        weight2 = list(range(1, 12, 2))
        pref = [k for k in weight2 if c[k] in "3827"] or weight2
        k = r.choice(pref)
        swapped = str((int(c[k]) + 5) % 10)
        full = c[:k] + swapped + c[k + 1:]
        if crn_check_digit(full[:12]) == int(full[12]):
            add("corporate_number", "lookalike_digit_valid", f"{full[:6]}-{full[6:]}")

    iso = bd.opening_date.isoformat()
    # a look-alike digit where one keeps the date valid, else any one digit of the day
    order = sorted(range(len(iso)), key=lambda _: r.random())
    tries = [(k, _LOOKALIKE_DIGITS.get(iso[k]), "lookalike_digit") for k in order]
    tries += [(9, str(x), "one_digit") for x in r.sample(range(10), 10)]
    for k, alt, change in tries:
        if alt is None or alt == iso[k]:
            continue
        cand = iso[:k] + alt + iso[k + 1:]
        try:
            when = dt.date.fromisoformat(cand)
        except ValueError:
            continue
        if dt.date(1950, 1, 1) <= when <= dt.date(2026, 12, 31):
            add("opening_date", change, cand)
            break

    number = bd.address.number
    text = str(number)
    for k in range(len(text) - 1, -1, -1):
        alt = _LOOKALIKE_DIGITS.get(text[k])
        if alt and not (k == 0 and alt == "0"):
            value = bd.address.text(number=int(text[:k] + alt + text[k + 1:]))
            if value != bd.address.text():
                add("address", "lookalike_digit", value)
            break
    addr = bd.address
    if isinstance(addr, Address) and addr.building.endswith(("별관", "본관")):
        # the building's wing, the one part of its name that tells offices apart (a name read a stroke off is
        # forgiven when everything else reads exactly: pgdocs.ocr.match.BUILDING_NAME_SIMILAR)
        other = "본관" if addr.building.endswith("별관") else "별관"
        add("address", "other_wing", dataclasses.replace(addr, building=addr.building[:-2] + other).text())
    # last, so that adding it changed none of the draws above
    # (not the 주 of "(주)": "(쭈)" is a slip of the legal form, no other business)
    for fld, text, places in (("representative", rep, given),
                              ("business_name", name, _hangul_positions(name, (*_LEGAL_FORMS, "(주)", "(유)")))):
        options = [(i, alts) for i in places if _emittable(text[i]) and (alts := _beyond_model_syllables(text[i]))]
        if options:
            i, alts = r.choice([o for o in options if o[1][0] in _RARE_SYLLABLES] or options)
            add(fld, "beyond_model_syllable", text[:i] + r.choice(alts) + text[i + 1:])
    return out
