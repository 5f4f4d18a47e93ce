"""Hangul-aware comparison of a declared string with what Tesseract read.

Three ideas, all from docs/ocr.md#syllable-set and #typical-confusions:

* Syllables are compared through their jamo (initial, medial, final), so 명/멍 differ in one jamo.
* Some single-jamo differences are typical OCR confusions (명→멍/영, 법→범, 길→걸, 통→동, 호→흐,
  소→스): they cost a little (:data:`SOFT_COST`) and are never evidence of a different name.
* A declared syllable the kor model cannot emit (not among its 1,076) is *unverifiable*: whatever the
  model printed there (팜→깜, 숯→술) says nothing about the page.

:func:`align` runs an edit-distance alignment with those costs and counts what it saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pgdocs.ocr.charset import is_hangul_syllable, representable

__all__ = [
    "HARD_COST",
    "LOOKALIKE_COST",
    "NOISE_COST",
    "SOFT_COST",
    "UNV_GAP_COST",
    "Alignment",
    "align",
    "confusion_level",
    "decompose",
    "is_confusion",
    "jamo",
    "jamo_similarity",
]

_BASE = 0xAC00
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
         "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

# Cost of a typical OCR confusion: small, so a three-syllable name with one confusion still scores
# 0.9, but two confusions in a two-syllable name (0.7) fall under the match threshold → review.
SOFT_COST = 0.3
# Cost of a look-alike that OCR produces only on poor images (fax, blur): never a mismatch, never a
# match either — the field goes to review.
LOOKALIKE_COST = 0.6
# Cost of a gap next to an out-of-model syllable (its look-alike swallowed a neighbour, 트팜→탐, or came
# out as two characters). Below HARD_COST so such a gap is not a mismatch, but two of them (0.8 + 0.8)
# cost more than one plain substitution: a changed syllable beside 팜 still shows as different.
UNV_GAP_COST = 0.8
# Cost of a stray non-Hangul character (a seal stroke read as "1", a "|" from a table line).
NOISE_COST = 0.5
# Cost of a plain substitution, insertion or deletion of a readable character.
HARD_COST = 1.0


def _pairs(*pairs: str) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p) if len(p) == 2 else frozenset((p[0], "")) for p in pairs)


# Jamo pairs Tesseract swaps on printed Korean even on clean pages, per slot (0 initial, 1 medial,
# 2 final): docs/ocr.md#typical-confusions (명→멍/영, 법→범, 길→걸, 통→동, 호→흐, 소→스) plus 빛→빚, seen in every
# font of tests/test_match_realistic.py.
_SOFT: tuple[frozenset[frozenset[str]], ...] = (
    _pairs("ㅁㅇ", "ㄷㅌ", "ㄱㅋ", "ㅈㅊ"),
    _pairs("ㅓㅕ", "ㅣㅓ", "ㅗㅡ", "ㅜㅡ"),
    _pairs("ㅁㅂ", "ㅁㅇ", "ㅈㅊ"),
)
# Wider look-alikes seen only on degraded images (blur, fax, JPEG, small type; same test, and the
# sample certificates and bank books, scan variant): 통→롱, 랩→탭, 불→물, 술→솔, 예→에, 리→릭, 한→합, 빛→빗, 연→인,
# 플→끌, 워→위 (fax), 농→눔 and 별→범 (two slots) … A one-jamo change between these is
# "cannot tell", not "different".
_LOOKALIKE: tuple[frozenset[frozenset[str]], ...] = (
    _SOFT[0] | _pairs("ㄷㄹ", "ㄹㅌ", "ㅁㅂ", "ㅂㅍ", "ㄱㄲ", "ㄷㄸ", "ㅂㅃ", "ㅅㅆ", "ㅈㅉ", "ㅅㅈ", "ㅇㅎ", "ㅊㅎ",
                      "ㄲㅍ"),
    _SOFT[1] | _pairs("ㅗㅜ", "ㅔㅖ", "ㅐㅒ", "ㅏㅑ", "ㅐㅔ", "ㅗㅛ", "ㅜㅠ", "ㅓㅔ", "ㅏㅓ", "ㅘㅙ", "ㅝㅞ", "ㅚㅟ",
                      "ㅕㅣ", "ㅝㅟ"),
    _SOFT[2] | _pairs("ㄱㄲ", "ㅅㅆ", "ㄴㅂ", "ㄴㄹ", "ㄷㄹ", "ㄱㄴ", "ㅇㅎ", "ㄹㅁ", "ㅅㅊ", "ㅅㅈ",
                      "ㄱ", "ㄴ", "ㄹ", "ㅇ", "ㅅ"),
)


def jamo(ch: str) -> tuple[str, str, str] | None:
    """(initial, medial, final) of one precomposed syllable, final '' when absent; else ``None``.

    >>> jamo("명")
    ('ㅁ', 'ㅕ', 'ㅇ')
    """
    if not is_hangul_syllable(ch):
        return None
    idx = ord(ch) - _BASE
    return _CHO[idx // 588], _JUNG[(idx % 588) // 28], _JONG[idx % 28]


def decompose(text: str) -> str:
    """Text with every syllable spelled out as jamo (other characters kept).

    >>> decompose("한글")
    'ㅎㅏㄴㄱㅡㄹ'
    """
    out: list[str] = []
    for ch in text:
        parts = jamo(ch)
        out.append("".join(parts) if parts else ch)
    return "".join(out)


def jamo_similarity(a: str, b: str, *, partial: bool = False) -> float:
    """Normalised Levenshtein similarity of the jamo spellings (0..1).

    ``partial``: the best-matching stretch of the longer string (rapidfuzz ``partial_ratio``).
    """
    if partial:
        return float(fuzz.partial_ratio(decompose(a), decompose(b))) / 100
    return float(Levenshtein.normalized_similarity(decompose(a), decompose(b)))


@lru_cache(maxsize=65536)
def confusion_level(a: str, b: str) -> int:
    """0 = different syllables, 1 = typical OCR confusion, 2 = look-alike on a poor image.

    >>> [confusion_level(a, b) for a, b in ("명멍", "통롱", "농눔", "김박")]
    [1, 2, 2, 0]
    """
    ja, jb = jamo(a), jamo(b)
    if ja is None or jb is None or a == b:
        return 0
    diff = [i for i in range(3) if ja[i] != jb[i]]
    pairs = [(slot, frozenset((ja[slot], jb[slot]))) for slot in diff]
    if len(diff) == 1 and pairs[0][1] in _SOFT[pairs[0][0]]:
        return 1
    if len(diff) <= 2 and all(pair in _LOOKALIKE[slot] for slot, pair in pairs):
        return 2
    return 0


def is_confusion(a: str, b: str) -> bool:
    """Could OCR have printed ``b`` for ``a`` (a typical confusion or a look-alike)?

    >>> is_confusion("명", "멍"), is_confusion("법", "범"), is_confusion("김", "박")
    (True, True, False)
    """
    return confusion_level(a, b) > 0


def _one_jamo_apart(a: str, b: str) -> bool:
    ja, jb = jamo(a), jamo(b)
    return ja is not None and jb is not None and sum(x != y for x, y in zip(ja, jb, strict=True)) == 1


@dataclass(frozen=True)
class Alignment:
    """What an alignment of declared text against found text saw."""

    declared_len: int
    found_len: int
    equal: int  #: declared characters read back exactly
    soft: int  #: typical OCR confusions
    lookalike: int  #: look-alikes seen on poor images (review, never match or mismatch)
    alien: int  #: syllables read as a digit, Latin letter or symbol (one is noise, many are not a name)
    hard: int  #: substitutions/insertions/deletions of readable characters
    unverifiable: int  #: declared characters the model cannot emit, or swallowed next to one
    noise: int  #: stray non-Hangul characters in the found text
    cost: float
    first_hard: tuple[str, str] | None  #: (declared, found) of the first hard difference; "" = none

    @property
    def verified(self) -> int:
        """Declared characters that were readable and compared (equal or confused)."""
        return self.equal + self.soft + self.lookalike + self.alien

    @property
    def unverifiable_fraction(self) -> float:
        return self.unverifiable / self.declared_len if self.declared_len else 0.0

    @property
    def score(self) -> float:
        """0..1: 1 = identical; unverifiable positions count half, confusions most of one."""
        n = max(self.declared_len, 1)
        got = self.equal + (1 - SOFT_COST) * self.soft + (1 - LOOKALIKE_COST) * (self.lookalike + self.alien)
        got += 0.5 * self.unverifiable
        penalty = HARD_COST * self.hard + NOISE_COST * self.noise
        return max(0.0, min(1.0, (got - penalty) / n))




@lru_cache(maxsize=4096)
def _unrep_flags(text: str) -> tuple[bool, ...]:
    return tuple(not representable(c) for c in text)


def _unrep_near(text: str, lo: int, hi: int) -> bool:
    return any(_unrep_flags(text)[max(lo, 0): hi])


def _sub(declared: str, i: int, f: str) -> tuple[float, str]:
    d = declared[i]
    if d == f:
        return 0.0, "eq"
    if _unrep_flags(declared)[i]:
        return 0.0, "unv"
    if is_hangul_syllable(d) and not is_hangul_syllable(f):
        return LOOKALIKE_COST, "alien"  # 나 → "4" on a photo: the model gave up on one syllable
    level = confusion_level(d, f)
    if level == 1:
        return SOFT_COST, "soft"
    # Next to an out-of-model syllable, the look-alike printed for it may bleed into this one (챗봇→촛).
    if level == 2 or (_unrep_near(declared, i - 1, i + 2) and _one_jamo_apart(d, f)):
        return LOOKALIKE_COST, "look"
    return HARD_COST, "hard"


def _del(declared: str, i: int) -> tuple[float, str]:
    """Cost of declared[i] missing from the found text."""
    if _unrep_near(declared, i - 1, i + 2):
        return UNV_GAP_COST, "unv"  # 트팜 → 탐: the look-alike swallowed its neighbour
    return HARD_COST, "hard"


def _ins(declared: str, i: int, f: str) -> tuple[float, str]:
    """Cost of an extra found character ``f`` between declared[i-1] and declared[i]."""
    if _unrep_near(declared, i - 1, i + 1):
        return UNV_GAP_COST, "skip"  # the model may print two look-alikes for one unknown syllable
    if not is_hangul_syllable(f) and (not f.isalnum() or f in _STROKES or "\u3131" <= f <= "\u318e"):
        return NOISE_COST, "noise"
    if not is_hangul_syllable(f) and any(is_hangul_syllable(c) for c in declared):
        return LOOKALIKE_COST, "alien"  # a digit or letter amid Hangul: the model gave up there
    return HARD_COST, "hard"


# Characters that table lines, seal strokes and letter-spacing gaps turn into.
_STROKES = frozenset("1lI|!ㅣ")


# Among paths of equal cost prefer the one with fewer hard edits (a tiny tie-breaking surcharge).
_HARD_TIE = 1e-6
_EPS = 1e-9


def _key(cost: float, kind: str) -> float:
    return cost + _HARD_TIE if kind == "hard" else cost


def align(declared: str, found: str, *, free_ends: bool = False, free_start: bool = False) -> Alignment:
    """Align ``declared`` with ``found`` (both already canonicalised, no whitespace).

    ``free_ends`` lets ``declared`` sit anywhere inside ``found`` (search a name on a page);
    ``free_start`` ignores only extra text before it (a misread 시·도 in front of an address).
    A cost-only dynamic programme (costs looked up once per distinct character) then one backtrace
    to count what the cheapest path did.

    >>> a = align("팜스코", "깜스코")
    >>> (a.hard, a.unverifiable, a.equal)
    (0, 1, 2)
    >>> align("홍길동", "홍걸동").soft
    1
    """
    n, m = len(declared), len(found)
    chars = sorted(set(found))
    subs = [{f: _sub(declared, i, f) for f in chars} for i in range(n)]
    dels = [_del(declared, i) for i in range(n)]
    inss = [{f: _ins(declared, i, f) for f in chars} for i in range(n + 1)]
    sub_k = [[_key(*subs[i][f]) for f in found] for i in range(n)]
    ins_k = [[_key(*inss[i][f]) for f in found] for i in range(n + 1)]
    del_k = [_key(*dels[i]) for i in range(n)]

    first = [0.0] * (m + 1)
    free_start = free_start or free_ends
    if not free_start:
        for j in range(1, m + 1):
            first[j] = first[j - 1] + ins_k[0][j - 1]
    table = [first]
    for i in range(n):
        prev, sk, ik, dk = table[i], sub_k[i], ins_k[i + 1], del_k[i]
        row = [prev[0] + dk] + [0.0] * m
        for j in range(1, m + 1):
            a = prev[j - 1] + sk[j - 1]
            b = prev[j] + dk
            c = row[j - 1] + ik[j - 1]
            row[j] = a if a <= b and a <= c else (b if b <= c else c)
        table.append(row)

    end_j = min(range(m + 1), key=lambda j: table[n][j]) if free_ends else m
    counts = dict.fromkeys(("eq", "soft", "look", "alien", "hard", "unv", "noise", "skip"), 0)
    first_hard: tuple[str, str] | None = None
    i, j = n, end_j
    while i > 0 or (j > 0 and not free_start):
        here = table[i][j]
        if i > 0 and j > 0 and abs(table[i - 1][j - 1] + sub_k[i - 1][j - 1] - here) < _EPS:
            kind, pair = subs[i - 1][found[j - 1]][1], (declared[i - 1], found[j - 1])
            i, j = i - 1, j - 1
        elif i > 0 and abs(table[i - 1][j] + del_k[i - 1] - here) < _EPS:
            kind, pair = dels[i - 1][1], (declared[i - 1], "")
            i -= 1
        else:
            kind, pair = inss[i][found[j - 1]][1], ("", found[j - 1])
            j -= 1
        counts[kind] += 1
        if kind == "hard":
            first_hard = pair  # walking backwards: the last one seen is the first in the text
    cost = table[n][end_j]
    return Alignment(
        n, m, counts["eq"], counts["soft"], counts["look"], counts["alien"], counts["hard"], counts["unv"],
        counts["noise"],
        round(cost, 6), first_hard,
    )


#: how the last digit of a number is read (일, 이, 삼 …): its final consonant decides the particle
_DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
#: Latin letters read with a final consonant (엘, 엠, 엔, 알); every other letter ends in a vowel (에이, 비, 씨 …)
_LATIN_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
#: particle pairs: the form after a final consonant, the form after a vowel
PARTICLES = {"이": ("이", "가"), "가": ("이", "가"), "은": ("은", "는"), "는": ("은", "는"), "을": ("을", "를"),
             "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "로": ("으로", "로"),
             "이에요": ("이에요", "예요"), "예요": ("이에요", "예요")}


def final_consonant(word: str) -> str | None:
    """The final consonant the last spoken syllable of ``word`` ends in ('' for a vowel), or None when unknown.

    Quotes, brackets and spaces at the end are skipped; digits and Latin letters are read as Koreans read them.

    >>> final_consonant("하늘상점'"), final_consonant("가게"), final_consonant("2026-11-27"), final_consonant("MID")
    ('ㅁ', '', 'ㄹ', '')
    """
    for ch in reversed(word):
        if is_hangul_syllable(ch):
            parts = jamo(ch)
            return parts[2] if parts else None
        if ch in _DIGIT_FINAL:
            return _DIGIT_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            return _LATIN_FINAL.get(ch.lower(), "")
        if ch.isalnum():
            return None
    return None


def with_particle(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle`` — never "이(가)".

    >>> with_particle("하늘상점", "이"), with_particle("가게", "은"), with_particle("서울", "으로")
    ('하늘상점이', '가게는', '서울로')
    """
    pair = PARTICLES.get(particle)
    if pair is None:
        return word + particle
    final = final_consonant(word)
    if final is None:
        final = "ㅇ"  # unknown (symbols): the consonant form reads acceptably after most of them
    after_consonant = final != "" and not (pair[0] == "으로" and final == "ㄹ")
    return word + (pair[0] if after_consonant else pair[1])


def particle(word: object, particle_: str) -> str:
    """Only the particle :func:`with_particle` would add (for f-strings: ``f"{x}{particle(x, '은')}"``)."""
    text = str(word)
    return with_particle(text, particle_)[len(text):]
