"""Hangul as text: jamo (initial, medial, final), the jamo-level confusions OCR makes, and particles.

* Syllables are compared through their jamo (initial, medial, final), so 명/멍 differ in one jamo.
* Some single-jamo differences are typical OCR confusions (명→멍/영, 법→범, 길→걸, 통→동, 호→흐, 소→스;
  docs/ocr.md#typical-confusions): :func:`confusion_level` names them; :mod:`pgdocs.ocr.align` prices them when it
  aligns declared text with what Tesseract read.
* :func:`with_particle` picks 이/가, 은/는, (으)로 … by the final sound, never "이(가)".

A bottom-floor module: it imports nothing of pgdocs (the OCR syllable set and the alignment live in ``pgdocs.ocr``),
and rapidfuzz only when :func:`jamo_similarity` is called.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = [
    "PARTICLES",
    "confusion_level",
    "decompose",
    "final_consonant",
    "is_confusion",
    "is_hangul_syllable",
    "jamo",
    "jamo_similarity",
    "particle",
    "with_particle",
]

_BASE, _LAST = 0xAC00, 0xD7A3
_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONG = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
         "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

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
# 플→끌, 워→위 (fax), 농→눔 and 별→범 (two slots), 동→농 and 도매→노메 (fax: ㄷ's top stroke lost) … A one-jamo
# change between these is "cannot tell", not "different".
_LOOKALIKE: tuple[frozenset[frozenset[str]], ...] = (
    _SOFT[0] | _pairs("ㄴㄷ", "ㄷㄹ", "ㄹㅌ", "ㅁㅂ", "ㅂㅍ", "ㄱㄲ", "ㄷㄸ", "ㅂㅃ", "ㅅㅆ", "ㅈㅉ", "ㅅㅈ", "ㅇㅎ",
                      "ㅊㅎ", "ㄲㅍ"),
    _SOFT[1] | _pairs("ㅗㅜ", "ㅔㅖ", "ㅐㅒ", "ㅏㅑ", "ㅐㅔ", "ㅗㅛ", "ㅜㅠ", "ㅓㅔ", "ㅏㅓ", "ㅘㅙ", "ㅝㅞ", "ㅚㅟ",
                      "ㅕㅣ", "ㅝㅟ"),
    _SOFT[2] | _pairs("ㄱㄲ", "ㅅㅆ", "ㄴㅂ", "ㄴㄹ", "ㄷㄹ", "ㄱㄴ", "ㅇㅎ", "ㄹㅁ", "ㅅㅊ", "ㅅㅈ",
                      "ㄱ", "ㄴ", "ㄹ", "ㅇ", "ㅅ"),
)


def is_hangul_syllable(ch: str) -> bool:
    """True for one precomposed Hangul syllable (가..힣)."""
    return len(ch) == 1 and _BASE <= ord(ch) <= _LAST


def jamo(ch: str) -> tuple[str, str, str] | None:
    """(initial, medial, final) of one precomposed syllable, final '' when absent; else ``None``.

    >>> jamo("명")
    ('ㅁ', 'ㅕ', 'ㅇ')
    """
    if not is_hangul_syllable(ch):
        return None
    idx = ord(ch) - _BASE
    return _CHO[idx // 588], _JUNG[(idx % 588) // 28], _JONG[idx % 28]


def jamo_distance(a: str, b: str) -> int | None:
    """In how many of their jamo slots (initial, medial, final) two syllables differ; ``None`` when either is not
    a precomposed Hangul syllable.

    >>> jamo_distance("업", "엽"), jamo_distance("곽", "락"), jamo_distance("민", "영"), jamo_distance("민", "7")
    (1, 2, 3, None)
    """
    ja, jb = jamo(a), jamo(b)
    if ja is None or jb is None:
        return None
    return sum(x != y for x, y in zip(ja, jb, strict=True))


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
        from rapidfuzz import fuzz

        return float(fuzz.partial_ratio(decompose(a), decompose(b))) / 100
    from rapidfuzz.distance import Levenshtein

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
