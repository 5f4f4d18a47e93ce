"""Korean road addresses split into the parts that must agree when two spellings are compared.

``서울 강남구 테헤란로 123, 5층 501호 (역삼동)`` and ``서울특별시 강남구 테헤란로123 5층 501호`` are the
same place: the 시·도 has a short form (data file ``sido.toml``), the parenthesised 참고항목 is
optional and spacing is free. The building number and the 동/층/호 are what tell two buildings or two
offices apart, so they are kept as separate parts (docs/identifiers.md#road-address).

>>> a = parse_address("서울 강남구 테헤란로 123, 5층 501호 (역삼동)")
>>> a.sido, a.building, a.floors, a.units, a.body
('서울특별시', ('123',), ('5',), ('501',), '강남구테헤란로')
>>> parse_address("서울 강남구 테헤란로 123, 5층 501호 역삼동") == a  # brackets lost by OCR
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from pgdocs.hangul import jamo_similarity
from pgdocs.resources import data_path
from pgdocs.text import clean

__all__ = ["Address", "Sido", "load_sido", "parse_address", "sido_of"]


@dataclass(frozen=True)
class Sido:
    name: str  #: official full name (서울특별시)
    aliases: tuple[str, ...]  #: full name, short forms and former names
    postal: tuple[str, str]  #: first two digits of its postal codes, inclusive range


@dataclass(frozen=True)
class Address:
    sido: str | None  #: official 시·도 name, ``None`` when the text does not start with one
    body: str  #: the rest without spaces, 참고항목, building number and 동/층/호 (road names keep digits)
    building: tuple[str, ...]  #: building (or 지번) numbers, "123" or "123-4"
    dongs: tuple[str, ...]  #: 101동 …
    floors: tuple[str, ...]  #: "5", "-1" for 지하1층/B1
    units: tuple[str, ...]  #: 501호 …
    #: "road" (도로명: 양화로 45), "lot" (지번: 서교동 123-4, 123번지) or ``None`` (cannot tell): how the first
    #: building number is written. The two systems number the same place differently.
    style: str | None = None
    #: the start of ``body`` up to the building number: 시·군·구 and the road (or 동/리) it is on — the words that,
    #: with the numbers, say where the place is. The rest of ``body`` is a building's name ("에이스타워")
    road: str = ""

    @property
    def place_name(self) -> str:
        """What ``body`` holds after :attr:`road`: the building's name, which says nothing the numbers do not.

        >>> parse_address("서울 강남구 테헤란로 123, 한빛빌딩 5층 (역삼동)").place_name
        '한빛빌딩'
        """
        return self.body[len(self.road):] if self.road and self.body.startswith(self.road) else ""

    @property
    def numbers(self) -> tuple[tuple[str, ...], ...]:
        """The numbers an address is told apart by: building, 동, 층, 호 (in that order)."""
        return (self.building, self.dongs, self.floors, self.units)


@cache
def load_sido() -> tuple[Sido, ...]:
    """The 17 시·도 with their spellings (from ``data/sido.toml``)."""
    data = tomllib.loads(data_path("sido.toml").read_text(encoding="utf-8"))
    out = []
    for entry in data["sido"]:
        aliases = (entry["name"], *entry.get("short", []), *entry.get("former", []))
        lo, hi = entry["postal"]
        out.append(Sido(entry["name"], tuple(dict.fromkeys(aliases)), (lo, hi)))
    return tuple(out)


@cache
def _alias_table() -> tuple[tuple[str, str], ...]:
    pairs = [(alias, s.name) for s in load_sido() for alias in s.aliases]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # longest first: 경기도 before 경기


def sido_of(text: str) -> tuple[str | None, str]:
    """(official 시·도, rest) when ``text`` (whitespace removed) starts with a 시·도 spelling.

    >>> sido_of("강원도춘천시")
    ('강원특별자치도', '춘천시')
    """
    fuzzy = _fuzzy_sido(text)
    for alias, name in _alias_table():
        if text.startswith(alias) and not (alias == "광주" and text[2:3] == "시"):  # 경기도 광주시
            if alias != name and fuzzy[0] == name and len(fuzzy[1]) < len(text) - len(alias):
                return fuzzy  # 서울득별시: the full name misread, not the short form 서울 + 득별시
            return name, text[len(alias):]
    return fuzzy


# A misread full name (감원틈별자치도 for 강원특별자치도 on a fax) still counts when its jamo are this
# close; only names of four or more syllables, so a short word is never taken for a 시·도.
SIDO_FUZZY = 0.8


def _fuzzy_sido(text: str) -> tuple[str | None, str]:
    best: tuple[float, str | None, str] = (0.0, None, text)
    for s in load_sido():
        if len(s.name) < 4:
            continue
        for width in (len(s.name) - 1, len(s.name), len(s.name) + 1):
            score = jamo_similarity(s.name, text[:width])
            if score >= SIDO_FUZZY and score > best[0]:
                best = (score, s.name, text[width:])
    return best[1], best[2]


#: brackets in one shape; the comma after the building number a separator like a space — and so the semicolon
#: OCR reads it as ("중앙로 347-18; 에이스…" on a scan's crop, bench/ocr.py seed 197): no address prints one
_BRACKETS = str.maketrans(
    {"（": "(", "）": ")", "［": "(", "］": ")", "[": "(", "]": ")", ",": " ", "，": " ", ";": " ", "；": " "}
)
_PAREN = re.compile(r"\([^()]*(?:\)|$)")
_POSTAL_PREFIX = re.compile(r"^\s*(?:우\s*)?\d{5}\s+")
# A number with an optional unit. Longer units first; 번길/길/로/가/리 belong to road or village names. A building
# number's hyphen read as a dot (280.3: an address has no decimals) is still its hyphen.
_NUMBER = re.compile(
    r"(?:제\s*)?(?P<basement>지하\s*|[Bb]\s*)?(?P<num>\d+)(?:\s*-\s*(?P<sub>\d+)|\.(?P<dotsub>\d+)(?![\d층호동Ff]))?"
    r"\s*(?P<unit>번지|번길|층|호|동|길|로|가|리|[Ff](?![A-Za-z]))?"
)


#: what is left after the last number when it is just a 법정동/리 name: the 참고항목 whose brackets were lost
#: (its closing bracket may be left alone: "1011호 효자동 3가 )")
_BARE_REFERENCE = re.compile(r"\s*[가-힣]{1,7}(?:동|리)(?:\s*\d{1,2}\s*가)?\s*\)?\s*")


def parse_address(text: str) -> Address:
    """Split an address into :class:`Address` parts (pure; never raises on odd text)."""
    s = clean(text).translate(_BRACKETS)
    s = _POSTAL_PREFIX.sub("", s)
    s = _PAREN.sub(" ", s)
    building: list[str] = []
    style: str | None = None
    dongs: list[str] = []
    floors: list[str] = []
    units: list[str] = []
    body_parts: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(s):
        unit = (m["unit"] or "").upper()
        num = str(int(m["num"]))
        if unit in ("번길", "길", "로", "가", "리") or (m["basement"] and unit not in ("층", "F", "호", "")):
            continue  # part of a name (강남대로94길, 종로3가): stays in the body
        body_parts.append(s[pos: m.start()])
        pos = m.end()
        if unit in ("층", "F") or (m["basement"] and unit == ""):
            floors.append(f"-{num}" if m["basement"] else num)
        elif unit == "호":
            units.append(f"B{num}" if m["basement"] else num)
        elif unit == "동":
            dongs.append(num)
        else:  # "" or 번지
            sub = m["sub"] or m["dotsub"]
            building.append(f"{num}-{int(sub)}" if sub else num)
            if len(building) == 1:
                style = _style(s[: m.start()], unit)
    tail = s[pos:]
    if (building or units or floors) and _BARE_REFERENCE.fullmatch(tail):
        tail = ""  # the 참고항목 with its brackets lost (OCR drops them): "308호 우동" = "308호 (우동)"
    body_parts.append(tail)
    sido, rest = sido_of(_compact("".join(body_parts)))
    road = sido_of(_compact(body_parts[0]))[1] if building else ""
    return Address(sido, rest, tuple(building), tuple(dongs), tuple(floors), tuple(units), style, road)


def _compact(text: str) -> str:
    """``text`` without spaces, dots and middle dots: how a body is compared."""
    return re.sub(r"[\s.·]+", "", text)


#: the word before a building number: a road's name (…로, …길, …대로, 강남대로94길) or a 법정동/리's (…동, …리,
#: 종로3가, 신문로1가) — or a mountain lot (산 12)
_ROAD_WORD = re.compile(r"[가-힣]+(?:\d+번?)?(?:로|길)$")
_LOT_WORD = re.compile(r"[가-힣]+(?:동|리|\d*가)$")
_MOUNTAIN = re.compile(r"(?:^|\s)산\s*$")  # "산 12", not the 산 of 부산 or 광교산


def _style(before: str, unit: str) -> str | None:
    """How a building number preceded by ``before`` is written (:attr:`Address.style`)."""
    if unit == "번지" or _MOUNTAIN.search(before):
        return "lot"
    word = re.sub(r"\s+", "", before)[-12:]
    if _LOT_WORD.search(word):
        return "lot"
    if _ROAD_WORD.search(word):
        return "road"
    return None
